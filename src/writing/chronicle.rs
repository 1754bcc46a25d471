//! A 大事记 as dated entries: a paragraph or list item that opens with a date
//! (`1月12日`, `2025年3月`, `3月上旬`) becomes an entry with that date; a heading
//! (a month, say) stays a heading, and so does a short line without punctuation
//! (一月, 第一季度); any other paragraph stays as it is. Receives
//! the part's blocks; hands on the blocks with entries.

use super::{Block, Run};

/// The date a text opens with and the text after it (the separator after the
/// date dropped): `1月12日，区知识产权局…` → (`1月12日`, `区知识产权局…`).
pub fn leading_date(text: &str) -> Option<(String, &str)> {
    let chars: Vec<char> = text.chars().collect();
    let digits = |from: usize, max: usize| {
        let n = chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        (n >= 1 && n <= max).then_some(n)
    };
    let mut at = 0;
    // 2025年
    if let Some(n) = digits(0, 4)
        && n == 4
        && chars.get(n) == Some(&'年')
    {
        at = n + 1;
    }
    let month_start = at;
    match digits(at, 2) {
        Some(n) if chars.get(at + n) == Some(&'月') => at += n + 1,
        // A year alone is no date of an entry.
        _ => return None,
    }
    let month: u32 = chars[month_start..at - 1].iter().collect::<String>().parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(n) = digits(at, 2)
        && chars.get(at + n) == Some(&'日')
    {
        let day: u32 = chars[at..at + n].iter().collect::<String>().parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        at += n + 1;
    } else {
        for part in ["上旬", "中旬", "下旬", "初", "底", "中"] {
            if chars[at..].iter().collect::<String>().starts_with(part) {
                at += part.chars().count();
                break;
            }
        }
    }
    let date: String = chars[..at].iter().collect();
    let rest_at: usize = chars[..at].iter().map(|c| c.len_utf8()).sum();
    let rest = text[rest_at..].trim_start_matches(['，', ',', '：', ':', ' ', '　', '、', '\t']);
    (!rest.is_empty()).then_some((date, rest))
}

/// Runs without their first `chars` characters.
fn drop_chars(runs: &[Run], mut chars: usize) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        let n = r.text.chars().count();
        if chars >= n {
            chars -= n;
            continue;
        }
        let text: String = r.text.chars().skip(chars).collect();
        chars = 0;
        out.push(Run { text, bold: r.bold });
    }
    out
}

/// Runs as an entry when they open with a date.
fn entry(runs: &[Run]) -> Option<Block> {
    let text = super::text_of(runs);
    let (date, rest) = leading_date(&text)?;
    let skip = text.chars().count() - rest.chars().count();
    Some(Block::Entry { date, runs: drop_chars(runs, skip) })
}

/// The blocks of a 大事记 with its dated paragraphs and list items as entries.
pub fn entries(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { runs } => out.push(entry(&runs).unwrap_or_else(|| {
                // A short line without punctuation (一月, 第一季度) heads the entries under it.
                let text = super::text_of(&runs);
                let short = text.chars().count() <= 12 && !text.contains(['。', '，', '；', ',', '.']);
                if short { Block::Heading { level: 1, runs } } else { Block::Paragraph { runs } }
            })),
            Block::List { ordered, items } => {
                for item in items {
                    match entry(&item) {
                        Some(e) => out.push(e),
                        None => super::push_item(&mut out, ordered, item),
                    }
                }
            }
            other => out.push(other),
        }
    }
    out
}
