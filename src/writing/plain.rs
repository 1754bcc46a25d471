//! Written parts as plain text (`.txt`) or Markdown (`.md`). In a `.txt` every
//! line is a paragraph; a short line opening with 一、 or （一） is a heading, a
//! line opening with `- ` or `• ` a list item, and lines with tabs between their
//! cells a table. In a `.md`: `#`/`##` headings, `-`/`*` and `1.` lists,
//! `**bold**`, `| a | b |` tables; lines of one paragraph are joined.
//! Receives the file's bytes (UTF-8, or GB18030 as Chinese Windows saves);
//! hands on blocks.

use super::{Block, Run, push_item, push_run};

/// The text of a file: UTF-8 (a byte-order mark dropped), else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Runs of a line with `**bold**` marks (Markdown), or as they stand.
fn runs(line: &str, markdown: bool) -> Vec<Run> {
    let mut out = Vec::new();
    if !markdown || !line.contains("**") {
        push_run(&mut out, line, false);
        return out;
    }
    for (i, piece) in line.split("**").enumerate() {
        push_run(&mut out, piece, i % 2 == 1);
    }
    out
}

/// The heading level of a `.txt` line: 一、… is 1, （一）… is 2; only short lines
/// without a full stop.
fn txt_heading(line: &str) -> Option<u8> {
    if line.chars().count() > 30 || line.ends_with('。') {
        return None;
    }
    let numerals = |s: &str| s.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    let n = numerals(line);
    if n > 0 && line.chars().nth(n) == Some('、') {
        return Some(1);
    }
    let inner = line.strip_prefix('（')?;
    let n = numerals(inner);
    (n > 0 && inner.chars().nth(n) == Some('）')).then_some(2)
}

/// An ordered list item of Markdown: `1. text` → text.
fn ordered_item(line: &str) -> Option<&str> {
    let n = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 3 {
        return None;
    }
    line[n..].strip_prefix(". ").or_else(|| line[n..].strip_prefix("、"))
}

/// Whether a Markdown table line is the rule under the header (`|---|:--:|`).
fn rule_line(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a table line.
fn cells(line: &str, markdown: bool) -> Vec<String> {
    if markdown {
        line.trim().trim_matches('|').split('|').map(|c| c.trim().replace("**", "")).collect()
    } else {
        line.split('\t').map(|c| c.trim().to_string()).collect()
    }
}

/// Joins two lines of one paragraph: no space between Chinese characters.
fn join(para: &mut String, line: &str) {
    let ascii_end = para.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
    let ascii_start = line.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii_end && ascii_start {
        para.push(' ');
    }
    para.push_str(line);
}

/// The blocks of a text.
pub fn read(text: &str, markdown: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush = |blocks: &mut Vec<Block>, para: &mut String, table: &mut Vec<Vec<String>>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph { runs: runs(para, markdown) });
            para.clear();
        }
        if !table.is_empty() {
            blocks.push(Block::Table { rows: std::mem::take(table) });
        }
    };
    for raw in text.lines() {
        let line = raw.trim_matches([' ', '　', '\u{feff}']);
        let is_table = if markdown { line.starts_with('|') } else { raw.trim().contains('\t') };
        if is_table {
            if !para.is_empty() {
                flush(&mut blocks, &mut para, &mut Vec::new());
            }
            if !(markdown && rule_line(line)) {
                table.push(cells(if markdown { line } else { raw.trim() }, markdown));
            }
            continue;
        }
        if !table.is_empty() {
            flush(&mut blocks, &mut para, &mut table);
        }
        if line.is_empty() {
            flush(&mut blocks, &mut para, &mut table);
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        let heading = if markdown && hashes > 0 && line[hashes..].starts_with(' ') {
            Some(((hashes as u8).min(2), line[hashes..].trim()))
        } else if !markdown {
            txt_heading(line).map(|l| (l, line))
        } else {
            None
        };
        let bullet = ["- ", "* ", "+ ", "• ", "· "].iter().find_map(|b| line.strip_prefix(b));
        if let Some((level, text)) = heading {
            flush(&mut blocks, &mut para, &mut table);
            blocks.push(Block::Heading { level, runs: runs(text, markdown) });
        } else if let Some(item) = bullet.filter(|_| markdown || !line.starts_with('*')) {
            flush(&mut blocks, &mut para, &mut table);
            push_item(&mut blocks, false, runs(item.trim(), markdown));
        } else if let Some(item) = ordered_item(line).filter(|_| markdown) {
            flush(&mut blocks, &mut para, &mut table);
            push_item(&mut blocks, true, runs(item.trim(), markdown));
        } else if markdown {
            join(&mut para, line);
        } else {
            // A .txt line is a paragraph of its own.
            flush(&mut blocks, &mut para, &mut table);
            para.push_str(line);
        }
    }
    flush(&mut blocks, &mut para, &mut table);
    blocks
}
