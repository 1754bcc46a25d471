//! A Word or WPS `.docx` read with the zip and XML crates the workbook readers
//! already use (no extra dependency for the few elements needed): paragraphs
//! (`w:p`) with their runs' text and bold, heading styles (by the style's name in
//! `styles.xml`: `heading 1`, `Title`, `标题 1`), list paragraphs (a numbering,
//! or a `List Bullet`/`List Number` style; numbered or not by `numbering.xml`),
//! and tables (`w:tbl`, each cell's text). Deleted text of tracked changes is
//! left out; inserted text is kept. Receives the file's bytes; hands on blocks.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{Block, Run, push_item, push_run};

/// The largest part of the package read, in bytes.
const MAX_PART: u64 = 256 << 20;

/// An XML part of the package, or `None` when it is not there.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("压缩包损坏：{e}")),
    };
    let mut text = String::new();
    file.take(MAX_PART).read_to_string(&mut text).map_err(|e| format!("{name} 无法解压：{e}"))?;
    Ok(Some(text))
}

/// An attribute's value by local name (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// Style id → lower-case style name.
fn styles(xml: &str) -> Result<HashMap<String, String>, String> {
    let mut map = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut id: Option<String> = None;
    loop {
        match reader.read_event().map_err(|e| format!("styles.xml 有误：{e}"))? {
            Event::Start(e) if e.local_name().as_ref() == "style" => id = attr(&e, "styleId"),
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "name" => {
                if let (Some(id), Some(name)) = (&id, attr(&e, "val")) {
                    map.insert(id.clone(), name.to_lowercase());
                }
            }
            Event::Eof => return Ok(map),
            _ => {}
        }
    }
}

/// numId → whether its first level is numbered (not bullets).
fn numbering(xml: &str) -> Result<HashMap<String, bool>, String> {
    let mut abstract_ordered: HashMap<String, bool> = HashMap::new();
    let mut num_abstract: Vec<(String, String)> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut abs, mut level, mut num): (Option<String>, Option<String>, Option<String>) = (None, None, None);
    loop {
        match reader.read_event().map_err(|e| format!("numbering.xml 有误：{e}"))? {
            Event::Start(e) if e.local_name().as_ref() == "abstractNum" => abs = attr(&e, "abstractNumId"),
            Event::Start(e) if e.local_name().as_ref() == "lvl" => level = attr(&e, "ilvl"),
            Event::Start(e) if e.local_name().as_ref() == "num" => num = attr(&e, "numId"),
            Event::Empty(e) | Event::Start(e) => match e.local_name().as_ref() {
                "numFmt" if level.as_deref() == Some("0") => {
                    if let (Some(a), Some(fmt)) = (&abs, attr(&e, "val")) {
                        abstract_ordered.insert(a.clone(), !matches!(fmt.as_str(), "bullet" | "none"));
                    }
                }
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num, attr(&e, "val")) {
                        num_abstract.push((n.clone(), a));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(num_abstract
        .into_iter()
        .map(|(n, a)| {
            let ordered = abstract_ordered.get(&a).copied().unwrap_or(false);
            (n, ordered)
        })
        .collect())
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    num: Option<String>,
    runs: Vec<Run>,
}

/// What the body reader is inside of.
#[derive(Default)]
struct State {
    para: Option<Para>,
    bold: bool,
    in_run_props: bool,
    in_text: bool,
    /// Inside deleted text (`w:del`): left out.
    deleted: usize,
    /// Table nesting, rows of the outermost table, the current cell.
    tables: usize,
    rows: Vec<Vec<String>>,
    cell: Option<String>,
}

/// The blocks of a .docx.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| "不是有效的 .docx 文件".to_string())?;
    let Some(document) = part(&mut zip, "word/document.xml")? else {
        return Err("其中没有 Word 正文（word/document.xml）".into());
    };
    let styles = part(&mut zip, "word/styles.xml")?.map(|s| styles(&s)).transpose()?.unwrap_or_default();
    let numbering =
        part(&mut zip, "word/numbering.xml")?.map(|s| numbering(&s)).transpose()?.unwrap_or_default();
    let mut blocks = Vec::new();
    let mut st = State::default();
    let mut reader = quick_xml::Reader::from_str(&document);
    loop {
        let event = reader.read_event().map_err(|e| format!("正文 XML 有误：{e}"))?;
        match event {
            Event::Start(e) => start(&e, false, &mut st),
            Event::Empty(e) => start(&e, true, &mut st),
            Event::End(e) => match e.local_name().as_ref() {
                "t" => st.in_text = false,
                "rPr" => st.in_run_props = false,
                "del" => st.deleted = st.deleted.saturating_sub(1),
                "p" => end_paragraph(&mut st, &mut blocks, &styles, &numbering),
                "tc" if st.tables == 1 => {
                    let cell = st.cell.take().unwrap_or_default();
                    if let Some(row) = st.rows.last_mut() {
                        row.push(cell.trim().to_string());
                    }
                }
                "tbl" => {
                    st.tables = st.tables.saturating_sub(1);
                    if st.tables == 0 {
                        let rows: Vec<Vec<String>> =
                            std::mem::take(&mut st.rows).into_iter().filter(|r| !r.is_empty()).collect();
                        if !rows.is_empty() {
                            blocks.push(Block::Table { rows });
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if st.in_text && st.deleted == 0 => text(&mut st, &t.xml10_content()),
            Event::GeneralRef(r) if st.in_text && st.deleted == 0 => {
                let name = r.xml10_content();
                if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                    text(&mut st, s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    text(&mut st, &c.to_string());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

/// Text of the current run.
fn text(st: &mut State, s: &str) {
    if let Some(p) = &mut st.para {
        push_run(&mut p.runs, s, st.bold);
    }
}

/// An element opens (or stands empty).
fn start(e: &BytesStart<'_>, empty: bool, st: &mut State) {
    match e.local_name().as_ref() {
        "p" if !empty => st.para = Some(Para::default()),
        "pStyle" => {
            if let Some(p) = &mut st.para {
                p.style = attr(e, "val");
            }
        }
        "numId" => {
            if let Some(p) = &mut st.para {
                p.num = attr(e, "val").filter(|v| v != "0");
            }
        }
        "r" => st.bold = false,
        "rPr" if !empty => st.in_run_props = true,
        "b" if st.in_run_props => st.bold = on(e),
        "rStyle" if st.in_run_props => {
            st.bold |= attr(e, "val").is_some_and(|v| v.eq_ignore_ascii_case("strong"))
        }
        "t" if !empty => st.in_text = true,
        "tab" if st.deleted == 0 && !st.in_run_props => text(st, " "),
        "del" if !empty => st.deleted += 1,
        "tbl" if !empty => st.tables += 1,
        "tr" if st.tables == 1 && !empty => st.rows.push(Vec::new()),
        "tc" if st.tables == 1 && !empty => st.cell = Some(String::new()),
        _ => {}
    }
}

/// A paragraph ends: into a table cell, or a block of its own.
fn end_paragraph(
    st: &mut State,
    blocks: &mut Vec<Block>,
    styles: &HashMap<String, String>,
    numbering: &HashMap<String, bool>,
) {
    let Some(p) = st.para.take() else { return };
    let text = super::text_of(&p.runs);
    if st.tables > 0 {
        if let Some(cell) = &mut st.cell {
            if !cell.is_empty() && !text.trim().is_empty() {
                cell.push(' ');
            }
            cell.push_str(text.trim());
        }
        return;
    }
    if text.trim().is_empty() {
        return;
    }
    let runs = trimmed(p.runs);
    let style = p.style.as_ref().map(|id| styles.get(id).cloned().unwrap_or_else(|| id.to_lowercase()));
    let style = style.as_deref().unwrap_or("");
    if let Some(level) = heading_level(style) {
        blocks.push(Block::Heading { level, runs });
    } else if let Some(num) = &p.num {
        push_item(blocks, numbering.get(num).copied().unwrap_or(false), runs);
    } else if style.starts_with("list number") {
        push_item(blocks, true, runs);
    } else if style.starts_with("list bullet") {
        push_item(blocks, false, runs);
    } else {
        blocks.push(Block::Paragraph { runs });
    }
}

/// The heading level a style name gives: `heading 1`/`title`/`标题 1` → 1.
fn heading_level(style: &str) -> Option<u8> {
    if style == "title" || style == "标题" {
        return Some(1);
    }
    let rest = style.strip_prefix("heading").or_else(|| style.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    Some(n.clamp(1, 2))
}

/// Runs without the spaces at either end of the paragraph.
fn trimmed(mut runs: Vec<Run>) -> Vec<Run> {
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start_matches([' ', '　']).to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end_matches([' ', '　']).to_string();
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}
