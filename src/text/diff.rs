//! A word diff of two Chinese paragraphs (the generated text an edit replaced,
//! and the one generated now), with `similar`. Chinese has no spaces, so a word
//! is a figure (digits with its decimal point, `%`), a run of Latin letters, or
//! one other character: a changed figure shows as one change (“8710”变为“8730”),
//! not as a changed digit.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// A stretch of a diff: the same in both, only in the old, or only in the new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Segment {
    Same(String),
    Old(String),
    New(String),
}

/// The words of a text.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let figure = |c: char| c.is_ascii_digit() || c == '.' || c == '%';
    let latin = |c: char| c.is_ascii_alphabetic();
    let mut kind = 0u8;
    for (i, c) in text.char_indices() {
        let k = if figure(c) {
            1
        } else if latin(c) {
            2
        } else {
            0
        };
        if let Some(s) = start
            && (k == 0 || k != kind)
        {
            out.push(&text[s..i]);
            start = None;
        }
        if k == 0 {
            out.push(&text[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
            kind = k;
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The diff of `old` and `new`, word by word, stretches merged.
pub fn diff(old: &str, new: &str) -> Vec<Segment> {
    let (a, b) = (words(old), words(new));
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |seg: Segment| match (out.last_mut(), &seg) {
        (Some(Segment::Same(x)), Segment::Same(y))
        | (Some(Segment::Old(x)), Segment::Old(y))
        | (Some(Segment::New(x)), Segment::New(y)) => x.push_str(y),
        _ => out.push(seg),
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push(Segment::Same(a[old_index..old_index + len].concat()))
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                push(Segment::Old(a[old_index..old_index + old_len].concat()))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                push(Segment::New(b[new_index..new_index + new_len].concat()))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push(Segment::Old(a[old_index..old_index + old_len].concat()));
                push(Segment::New(b[new_index..new_index + new_len].concat()));
            }
        }
    }
    out
}

/// The changes of a diff in words: `“8710”变为“8730”；删去“，增长4.4%”`; at most
/// five, then how many more.
pub fn changes(segments: &[Segment]) -> String {
    let mut said = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        match (&segments[i], segments.get(i + 1)) {
            (Segment::Old(o), Some(Segment::New(n))) => {
                said.push(format!("“{o}”变为“{n}”"));
                i += 1;
            }
            (Segment::Old(o), _) => said.push(format!("删去“{o}”")),
            (Segment::New(n), _) => said.push(format!("增加“{n}”")),
            (Segment::Same(_), _) => {}
        }
        i += 1;
    }
    let more = said.len().saturating_sub(5);
    said.truncate(5);
    let mut s = said.join("；");
    if more > 0 {
        s.push_str(&format!("等，另有{more}处"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_figure_is_one_word() {
        assert_eq!(
            words("授权量8710件，增长4.4%。"),
            ["授", "权", "量", "8710", "件", "，", "增", "长", "4.4%", "。"]
        );
        let d = diff("全年专利授权量8710件，增长4.4%。", "全年专利授权量8730件，增长4.6%。");
        assert_eq!(
            d,
            [
                Segment::Same("全年专利授权量".into()),
                Segment::Old("8710".into()),
                Segment::New("8730".into()),
                Segment::Same("件，增长".into()),
                Segment::Old("4.4%".into()),
                Segment::New("4.6%".into()),
                Segment::Same("。".into()),
            ]
        );
        assert_eq!(changes(&d), "“8710”变为“8730”；“4.4%”变为“4.6%”");
        let d = diff("甲乙丙。", "甲丙丁。");
        assert_eq!(changes(&d), "删去“乙”；增加“丁”");
    }
}
