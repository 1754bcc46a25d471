//! The office's own written parts (工作概况, 大事记, 编委会, 编后记 and any other
//! named part), read from the `文字/` folder: Word/WPS `.docx`, `.txt` and `.md`.
//! The file name says what a part is (`工作概况.docx`, `02-专题报告.md`). A part
//! becomes blocks of plain data — headings, paragraphs of runs (bold or not),
//! lists, simple tables, and for a 大事记 dated entries — which the report model
//! hands to the templates as JSON: people's words are never Typst code.
//! Receives the folder and the settings' order; hands on [`Written`], with one
//! problem per file that could not be read (the other parts are still given).

use std::path::Path;

use serde::Serialize;

mod chronicle;
mod docx;
mod plain;

pub use chronicle::leading_date;

/// A stretch of text, bold or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run { text: text.into(), bold: false }
    }
}

/// One block of a written part, as the templates lay it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A heading inside the part, level 1 (一、) or 2 (（一）).
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    Paragraph {
        runs: Vec<Run>,
    },
    /// A list; `ordered` lists are numbered 1. 2. 3.
    List {
        ordered: bool,
        items: Vec<Vec<Run>>,
    },
    /// A simple table: its first row is the header.
    Table {
        rows: Vec<Vec<String>>,
    },
    /// A 大事记 entry: the date (1月12日, 2025年3月) and what happened.
    Entry {
        date: String,
        runs: Vec<Run>,
    },
}

/// What a part is, from its file name; it says where the part goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// 编委会: after the cover, before 编制说明.
    Committee,
    /// 工作概况: the first part of the body, before 综述.
    Overview,
    /// 大事记: after the last chapter, before the appendices; dated entries.
    Chronicle,
    /// 编后记: the very end of the book.
    Afterword,
    /// Any other named part: after the last chapter, before the appendices.
    Other,
}

impl Role {
    /// The role a part's title names.
    pub fn of(title: &str) -> Role {
        if title.contains("编委会") || title.contains("编辑委员会") {
            Role::Committee
        } else if title.contains("概况") {
            Role::Overview
        } else if title.contains("大事记") {
            Role::Chronicle
        } else if title.contains("后记") {
            Role::Afterword
        } else {
            Role::Other
        }
    }
}

/// A written part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The heading printed: the file name without its extension and order prefix.
    pub title: String,
    pub role: Role,
    /// The file it was read from, for messages.
    pub file: String,
    pub blocks: Vec<Block>,
}

/// A file of the folder that was not read, and why (in Chinese, naming the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub message: String,
    /// An error (a part the office wrote is missing from the book) or a note.
    pub error: bool,
}

/// The parts read from the folder, in order, and the files that were not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub parts: Vec<Part>,
    pub problems: Vec<Problem>,
}

/// The largest written file read, in bytes: far above any real part.
const MAX_FILE: u64 = 64 << 20;

/// The title a file name gives: `02-专题报告.md` → 专题报告.
pub fn title_of(stem: &str) -> String {
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = if rest.len() < stem.len() {
        rest.trim_start_matches(['-', '_', '.', ' ', '、', '　'])
    } else {
        rest
    };
    if rest.is_empty() { stem.trim().to_string() } else { rest.trim().to_string() }
}

/// Reads the written parts of `dir`; a missing folder is no parts. `order` lists
/// titles to put first, in that order; the rest follow by file name.
pub fn read_dir(dir: &Path, order: &[String]) -> Written {
    let mut written = Written::default();
    let Ok(entries) = std::fs::read_dir(dir) else { return written };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Hidden files and the lock files Word and WPS leave beside an open document.
        if name.starts_with('.') || name.starts_with("~$") || path.is_dir() {
            continue;
        }
        match read_file(&path, &name) {
            Ok(Some(part)) => {
                if let Some(first) = written.parts.iter().find(|p| p.title == part.title) {
                    written.problems.push(Problem {
                        message: format!(
                            "文字目录中的 {name} 与 {} 是同一部分“{}”，只采用了 {}；请删去或改名其中一个",
                            first.file, part.title, first.file
                        ),
                        file: name,
                        error: false,
                    });
                } else {
                    written.parts.push(part);
                }
            }
            Ok(None) => {}
            Err(message) => written.problems.push(Problem { file: name, message, error: true }),
        }
    }
    let rank = |p: &Part| order.iter().position(|o| *o == p.title).unwrap_or(usize::MAX);
    written.parts.sort_by_key(rank);
    written
}

/// One file: `Ok(None)` for a file that is no written part (another extension).
fn read_file(path: &Path, name: &str) -> Result<Option<Part>, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if ext == "doc" || ext == "wps" {
        return Err(format!(
            "文字目录中的 {name} 是旧版 Word/WPS 格式，无法读取，该部分未印入年报；请用 Word 或 WPS 另存为 .docx 后重试"
        ));
    }
    if !matches!(ext.as_str(), "docx" | "txt" | "md") {
        return Ok(None);
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE {
        return Err(format!("文字目录中的 {name} 有 {size} 字节，超过 64 MB，未读入；请检查是否放错了文件"));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取文字目录中的 {name}：{e}"))?;
    let title = title_of(&stem);
    let role = Role::of(&title);
    let mut blocks = match ext.as_str() {
        "docx" => docx::read(&bytes).map_err(|why| {
            format!(
                "文字目录中的 {name} 无法读取（{why}），该部分未印入年报，年报其余部分照常生成；请用 Word 或 WPS 打开后另存为 .docx 再试"
            )
        })?,
        "md" => plain::read(&plain::decode(&bytes), true),
        _ => plain::read(&plain::decode(&bytes), false),
    };
    // A first heading repeating the part's title is the title itself.
    if let Some(Block::Heading { runs, .. }) = blocks.first()
        && text_of(runs).trim() == title
    {
        blocks.remove(0);
    }
    if role == Role::Chronicle {
        blocks = chronicle::entries(blocks);
    }
    if blocks.is_empty() {
        return Err(format!("文字目录中的 {name} 没有文字，该部分未印入年报；请写入内容或移走该文件"));
    }
    Ok(Some(Part { title, role, file: name.to_string(), blocks }))
}

/// The text of runs, joined.
pub fn text_of(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Adds text to runs, merging with the last run when the weight is the same.
fn push_run(runs: &mut Vec<Run>, text: &str, bold: bool) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.bold == bold => last.text.push_str(text),
        _ => runs.push(Run { text: text.to_string(), bold }),
    }
}

/// Consecutive list items of the same kind as one list.
fn push_item(blocks: &mut Vec<Block>, ordered: bool, item: Vec<Run>) {
    if let Some(Block::List { ordered: o, items }) = blocks.last_mut()
        && *o == ordered
    {
        items.push(item);
        return;
    }
    blocks.push(Block::List { ordered, items: vec![item] });
}

#[cfg(test)]
mod tests;
