//! Normalising indicator and region labels as departments write them, so that
//! `其中：发明专利授权量（件）` and `专 利 授 权 量` find their catalogue entries.

use unicode_normalization::UnicodeNormalization;

/// The key an indicator label is looked up by: NFKC, no white space or quotes, no
/// leading 其中： / # / 一、 / （一） / 1., no trailing unit in brackets, no footnote
/// marks.
pub fn normalize_label(label: &str) -> String {
    // Footnote marks go before NFKC, which would turn ① into 1.
    let marks_removed: String = label.chars().filter(|c| !('\u{2460}'..='\u{2473}').contains(c)).collect();
    let mut s: String = marks_removed
        .nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
        .collect();
    loop {
        let before = s.len();
        for prefix in ["其中:", "其中", "#", "＃"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.to_string();
            }
        }
        s = strip_enumeration(&s);
        if s.len() == before {
            break;
        }
    }
    // A trailing bracket holding a unit, e.g. (件) or (件/万人) or (单位:亿元), or a
    // note mark, e.g. (注1) or (a). Any other bracket is part of the name:
    // 有效发明专利拥有量(园区) is not the district's figure.
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
        && open > 0
        && is_unit_or_mark(&s[open + 1..s.len() - 1])
    {
        s.truncate(open);
    }
    s
}

/// Whether the text of a label's last bracket is a unit or a note mark (after NFKC).
fn is_unit_or_mark(inner: &str) -> bool {
    let unit = inner.strip_prefix("单位:").unwrap_or(inner);
    if !unit.is_empty() && unit.split('/').all(super::unit::is_known) {
        return true;
    }
    let note = inner.strip_prefix('注').unwrap_or(inner);
    let mark = inner.chars().count() == 1 && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
    mark || inner == "注" || (note.len() < inner.len() && note.chars().all(|c| c.is_ascii_digit()))
}

/// A normalised label's last bracket: (what stands before it, what it holds).
pub fn trailing_bracket(key: &str) -> Option<(&str, &str)> {
    let open = key.strip_suffix(')')?.rfind('(')?;
    (open > 0).then(|| (&key[..open], &key[open + 1..key.len() - 1]))
}

/// The key a region label is looked up by: NFKC, no white space.
pub fn normalize_region(label: &str) -> String {
    label.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Strips a leading enumeration: 一、 (一) 1. 1、 (1).
fn strip_enumeration(s: &str) -> String {
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    if chars.first() == Some(&'(') {
        let mut j = 1;
        while j < chars.len() && (chinese(chars[j]) || chars[j].is_ascii_digit()) {
            j += 1;
        }
        if j > 1 && chars.get(j) == Some(&')') {
            i = j + 1;
        }
    } else {
        let mut j = 0;
        while j < chars.len() && (chinese(chars[j]) || chars[j].is_ascii_digit()) {
            j += 1;
        }
        if j > 0 && matches!(chars.get(j), Some('、' | '.')) && j + 1 < chars.len() {
            i = j + 1;
        }
    }
    chars[i..].iter().collect()
}

/// The canonical names whose keys are closest to `key` by edit distance, best first,
/// leaving out those too far to be a plausible misspelling.
pub fn closest<'a>(key: &str, names: impl Iterator<Item = (String, &'a String)>) -> Vec<String> {
    let limit = (key.chars().count() / 2).max(2);
    let mut scored: Vec<(usize, String)> = names
        .map(|(k, canon)| (strsim::levenshtein(key, &k), canon.clone()))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise() {
        assert_eq!(normalize_label("其中：发明专利授权量（件）"), "发明专利授权量");
        assert_eq!(normalize_label("  #发明专利授权量"), "发明专利授权量");
        assert_eq!(normalize_label("一、专利授权量"), "专利授权量");
        assert_eq!(normalize_label("（一）专利授权量"), "专利授权量");
        assert_eq!(normalize_label("每万人口专利授权量（件/万人）"), "每万人口专利授权量");
        assert_eq!(normalize_label("专\u{3000}利\u{a0}授权量①"), "专利授权量");
        assert_eq!(normalize_label("ＰＣＴ专利申请量"), "PCT专利申请量");
        assert_eq!(normalize_label("省级“正版正货”示范街区"), normalize_label("省级\"正版正货\"示范街区"));
        assert_eq!(normalize_label("专利授权量（单位：件）"), "专利授权量");
        assert_eq!(normalize_label("专利授权量（注1）"), "专利授权量");
        assert_eq!(normalize_label("专利授权量(a)"), "专利授权量");
        // A bracket that is no unit or mark is part of the name.
        assert_eq!(normalize_label("有效发明专利拥有量（园区）"), "有效发明专利拥有量(园区)");
        assert_eq!(normalize_label("专利授权量（吨）"), "专利授权量(吨)");
        // A digit that is part of the name stays.
        assert_eq!(normalize_label("维持10年以上有效发明专利数"), "维持10年以上有效发明专利数");
    }
}
