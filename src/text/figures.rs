//! Checks the figures a person typed against the data ([`check_text`]): each
//! number with a unit or a context (8710件, 增长4.4%, 6.23亿元, 提高0.2个百分点,
//! 第2位) is matched, at the precision it is written with, against the facts of
//! the indicators the sentence names before it ([`super::facts`]). A figure
//! that is none of them is a warning at the paragraph, stating the data's figure
//! (`综述.主要数据 中的“8720件”：专利授权量为8710件`); one that names no indicator
//! must be some figure of the data. Years, dates, ordinals and numbers without a
//! unit are not figures. A figure in braces (`{52}场`) comes from outside the
//! data and is not checked; [`unmark`] takes the braces out for print.

use unicode_normalization::UnicodeNormalization;

use super::facts::{Fact, Facts, Measure};
use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::catalog::unit::{self, Unit};
use crate::diag::words::TextFinding;
use crate::diag::{Diagnostic, Kind, Level, Place};

/// Checks the figures of `text`, the paragraph `key` at `place`, against the
/// analysed year. For several texts, build the [`Facts`] once and use
/// [`check_with`].
pub fn check_text(
    place: &Place,
    key: &str,
    text: &str,
    catalog: &Catalog,
    analysis: &Analysis,
) -> Vec<Diagnostic> {
    check_with(place, key, text, &Facts::of(catalog, analysis))
}

/// [`check_text`] with the facts already gathered.
pub fn check_with(place: &Place, key: &str, text: &str, facts: &Facts) -> Vec<Diagnostic> {
    typed_figures(text)
        .into_iter()
        .filter_map(|t| {
            let whole = normalised(text);
            let expected = judge(&t, &whole[t.sentence..t.start], &whole[..t.start], facts)?;
            let finding = TextFinding::Figure { key: key.into(), typed: t.shown.clone(), expected };
            Some(Diagnostic::new(Level::Warning, place.clone(), Kind::Text(finding)))
        })
        .collect()
}

/// The text as printed: figures marked as from outside the data lose their
/// braces (ASCII or full-width).
pub fn unmark(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '{' | '}' | '｛' | '｝')).collect()
}

/// A figure as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    /// As written, with its direction word and unit: `增长4.5%`.
    pub shown: String,
    pub measure: Measure,
    /// Signed by the direction word (下降 → negative).
    pub value: f64,
    pub decimals: i32,
    /// No direction word: a change is compared by its size.
    pub unsigned: bool,
    /// Where the sentence before it starts and where the number starts, in the
    /// normalised text (byte offsets).
    sentence: usize,
    start: usize,
}

const UP: [&str; 6] = ["增长", "提高", "增加", "上升", "增幅为", "增速为"];
const DOWN: [&str; 6] = ["下降", "降低", "减少", "回落", "下滑", "降幅为"];

/// The figures of a text, in order, except those in braces.
pub fn typed_figures(text: &str) -> Vec<Typed> {
    let s = normalised(text);
    let b = s.as_bytes();
    let mut out: Vec<Typed> = Vec::new();
    let mut sentence = 0;
    let mut depth = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().expect("in the text");
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1).max(0),
            '。' | ';' | '!' | '?' => sentence = i + c.len_utf8(),
            _ => {}
        }
        let after_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        if !c.is_ascii_digit() || after_word {
            i += c.len_utf8();
            continue;
        }
        let end = number_end(&s, i);
        let number: String = s[i..end].chars().filter(|c| *c != ',').collect();
        if depth == 0
            && let Some(t) = figure(&s, sentence, i, end, &number, out.last())
        {
            out.push(t);
        }
        i = end;
    }
    out
}

/// NFKC (full-width digits, ％ and ，；： become ASCII), braces included.
fn normalised(text: &str) -> String {
    text.nfkc().collect()
}

/// The end of a number starting at `i`: digits, thousands commas, one point.
fn number_end(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let mut j = i;
    let mut point = false;
    while j < b.len() {
        let next_digit = b.get(j + 1).is_some_and(u8::is_ascii_digit);
        match b[j] {
            d if d.is_ascii_digit() => {}
            b'.' if !point && next_digit => point = true,
            b',' if !point && next_digit && b[i..j].iter().all(|c| *c != b'.') => {
                // A thousands comma has three digits after it.
                if !(b.len() >= j + 4 && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)) {
                    break;
                }
            }
            _ => break,
        }
        j += 1;
    }
    j
}

/// The figure of a number at `start..end`, when it is one: with a unit, 个百分点,
/// %, or 第…位; its direction word, or the previous figure's after 和 / 、.
fn figure(
    s: &str,
    sentence: usize,
    start: usize,
    end: usize,
    number: &str,
    previous: Option<&Typed>,
) -> Option<Typed> {
    let value: f64 = number.parse().ok()?;
    let decimals = number.split_once('.').map_or(0, |(_, f)| f.len() as i32);
    let rest = &s[end..];
    let head = &s[sentence..start];
    let (measure, unit_len) = if rest.starts_with("个百分点") {
        (Measure::Points, "个百分点".len())
    } else if rest.starts_with('%') {
        (Measure::Percent, 1)
    } else if head.ends_with('第') && (rest.starts_with('位') || rest.starts_with('名')) {
        (Measure::Rank, rest.chars().next()?.len_utf8())
    } else {
        let (u, len) = unit_after(rest)?;
        (Measure::Amount(u), len)
    };
    let (sign, word) = direction(head);
    let inherited = previous.filter(|p| {
        sign == 0
            && !p.unsigned
            && p.start >= sentence
            && ["和", "、", ","].contains(&s[p_end(p, s)..start].trim())
    });
    let (sign, word_start) = match (sign, inherited) {
        (0, Some(p)) => (if p.value < 0.0 { -1 } else { 1 }, start),
        (0, None) => (0, start),
        (s, _) => (s, start - word.len()),
    };
    let measure = match (measure, sign) {
        (m, 0) => m,
        (Measure::Percent, _) => Measure::Growth,
        (Measure::Amount(u), _) => Measure::Difference(u),
        (m, _) => m,
    };
    let from = if measure == Measure::Rank { start - '第'.len_utf8() } else { word_start };
    Some(Typed {
        shown: s[from..end + unit_len].to_string(),
        measure,
        value: if sign < 0 { -value } else { value },
        decimals,
        unsigned: sign == 0,
        sentence,
        start,
    })
}

/// Where a typed figure's number ends in the normalised text.
fn p_end(p: &Typed, s: &str) -> usize {
    let end = number_end(s, p.start);
    let rest = &s[end..];
    end + if rest.starts_with("个百分点") {
        "个百分点".len()
    } else if rest.starts_with('%') {
        1
    } else {
        unit_after(rest).map_or(0, |(_, l)| l)
    }
}

/// The unit right after a number: the longest of the next four characters that
/// is a unit this tool knows (万人次 before 万人), not counting 个 of 个百分点.
fn unit_after(rest: &str) -> Option<(Unit, usize)> {
    let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).take(3).collect();
    ends.iter().rev().find_map(|&e| unit::parse(&rest[..e]).ok().map(|u| (u, e)))
}

/// The direction word right before a number (`增长`, `下降了`): its sign and the
/// word; (0, "") when there is none or it is 增加到 (a level, not a change).
fn direction(head: &str) -> (i32, &str) {
    let trimmed = head.strip_suffix('了').unwrap_or(head);
    let le = head.len() - trimmed.len();
    for (words, sign) in [(&UP, 1), (&DOWN, -1)] {
        if let Some(w) = words.iter().find(|w| trimmed.ends_with(**w)) {
            return (sign, &head[head.len() - w.len() - le..]);
        }
    }
    (0, "")
}

/// Whether a fact is the typed figure at its precision.
fn agrees(t: &Typed, f: &Fact) -> bool {
    let fact = match (t.measure, f.measure) {
        (Measure::Amount(a), Measure::Amount(b)) | (Measure::Difference(a), Measure::Difference(b)) => {
            b.convert(f.value, a)
        }
        (Measure::Difference(a), Measure::Amount(b)) => b.convert(f.value, a).map(|v| v * t.value.signum()),
        (Measure::Percent, Measure::Percent) | (Measure::Rank, Measure::Rank) => Some(f.value),
        // 增速为4.4%: a rate said as a level.
        (Measure::Percent, Measure::Growth) => Some(f.value.abs()),
        (Measure::Growth, Measure::Growth) | (Measure::Points, Measure::Points) => {
            Some(if t.unsigned { f.value.abs() } else { f.value })
        }
        _ => None,
    };
    let Some(v) = fact else { return false };
    let tolerance = 0.5 * 10f64.powi(-t.decimals) + 1e-9 * t.value.abs().max(1.0);
    (v - t.value).abs() <= tolerance
}

/// Whether a fact is of the kind a typed figure can be compared with.
fn comparable(t: &Typed, f: &Fact) -> bool {
    match (t.measure, f.measure) {
        (Measure::Amount(a), Measure::Amount(b)) | (Measure::Difference(a), Measure::Difference(b)) => {
            a.base == b.base
        }
        (a, b) => std::mem::discriminant(&a) == std::mem::discriminant(&b),
    }
}

/// `None` when the figure agrees with the data; else what the data say (the
/// nearest named indicator's figure of its kind), or nothing like it. `before`
/// is the sentence up to the figure, `text_before` the whole text up to it (a
/// street named in an earlier sentence is 该街道 in this one).
fn judge(t: &Typed, before: &str, text_before: &str, facts: &Facts) -> Option<Option<String>> {
    let mut named = named_indicators(before, facts);
    // 受理702件、审结698件: the indicator whose verb is right before the figure first.
    let head = before.strip_suffix(['了', '为']).unwrap_or(before);
    let by_verb = |id: &String| !facts.verbs.iter().any(|(i, v)| i == id && head.ends_with(v.as_str()));
    named.sort_by_key(by_verb);
    // A count of indicators (22项主要指标) is not a figure of the data.
    if named.is_empty() && matches!(t.measure, Measure::Amount(u) if u.base == unit::Base::Item) {
        return None;
    }
    // A street's figure counts only in a sentence that names the street.
    let here = |f: &&Fact| f.region.is_empty() || f.region.iter().any(|r| text_before.contains(r.as_str()));
    let of = |id: &str| {
        let id = id.to_string();
        facts.facts.iter().filter(here).filter(move |f| f.indicator.as_deref() == Some(id.as_str()))
    };
    if named.iter().any(|id| of(id).any(|f| agrees(t, f))) {
        return None;
    }
    for id in &named {
        let mut like: Vec<&Fact> = of(id).filter(|f| comparable(t, f)).collect();
        like.sort_by_key(|f| !f.primary);
        if let Some(f) = like.first() {
            return Some(Some(f.said.clone()));
        }
    }
    if facts.facts.iter().filter(here).any(|f| agrees(t, f)) {
        return None;
    }
    Some(None)
}

/// The indicators a sentence names, nearest (last named) first; then those
/// named inside a longer name (专利授权量 in 发明专利授权量), which a catalogue's
/// alias may make of another indicator's name.
fn named_indicators(sentence: &str, facts: &Facts) -> Vec<String> {
    let mut found: Vec<(usize, usize, &Vec<String>)> = Vec::new();
    for (i, _) in sentence.char_indices() {
        let rest = &sentence[i..];
        if let Some((n, ids)) = facts.names.iter().find(|(n, _)| rest.starts_with(n.as_str())) {
            found.push((i, i + n.len(), ids));
        }
    }
    let inside = |a: &(usize, usize, &Vec<String>)| {
        found.iter().any(|b| b.0 <= a.0 && a.1 <= b.1 && (b.0, b.1) != (a.0, a.1))
    };
    let (outer, inner): (Vec<_>, Vec<_>) = found.iter().partition(|m| !inside(m));
    let mut out: Vec<String> = Vec::new();
    for (_, _, ids) in outer.iter().rev().chain(inner.iter().rev()) {
        for id in ids.iter() {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        typed_figures(text).into_iter().map(|t| t.shown).collect()
    }

    #[test]
    fn figures_are_found_with_their_units_and_directions() {
        assert_eq!(
            shown(
                "2025年全年专利授权量8,710件，比上年增长4.4%；质押融资6.23亿元，提高0.2个百分点，位居全市第2位。"
            ),
            ["8,710件", "增长4.4%", "6.23亿元", "提高0.2个百分点", "第2位"]
        );
        assert_eq!(shown("分别增长5.1%和3.3%；维持10年以上的发明专利；1—12月；第三章"), ["增长5.1%", "3.3%"]);
        let t = typed_figures("受理702件、审结698件，分别下降5.1%和3.3%");
        assert_eq!(t[3].value, -3.3);
        assert!(!t[3].unsigned);
        assert_eq!(shown("举办培训{52}场，培训{1210人次}，合计８７１０件"), ["8710件"]);
        assert_eq!(unmark("举办培训{52}场｛3｝"), "举办培训52场3");
        assert_eq!(
            shown("增加到1304家，增加了12家，53.58万人，1210人次"),
            ["1304家", "增加了12家", "53.58万人", "1210人次"]
        );
    }
}
