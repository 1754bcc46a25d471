//! The edits file `文字修改.toml` in the project folder: one `[[edit]]` per
//! replaced paragraph, with its `key`, the generated text it `replaced` and the
//! edited `text`. People may write it by hand; the desk and `yearbook text
//! confirm` change it through `toml_edit`, so that comments and order stay, and
//! write it atomically. Reading gives [`Edits`]; a file that cannot be read is an
//! error naming the file and the line.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The file's name in the project folder (beside `yearbook.toml`).
pub const FILE: &str = "文字修改.toml";

/// The comment a new edits file starts with.
const HEADER: &str = "\
# 文字修改：年报中经人工修改的段落，每条修改一个 [[edit]]。
#   key      段落名称（yearbook text list 列出全部段落）
#   replaced 修改时该段的生成文字；数据改变使生成文字不同时，check 和编制台提示核对修改稿
#   text     年报中印出的文字；来自数据以外的数字用花括号标出（如 {52}），不再核对
";

/// One edited paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// The paragraph's key (`综述.主要特点`).
    pub key: String,
    /// The generated text the edit replaced; `None` when a person left it out.
    #[serde(default)]
    pub replaced: Option<String>,
    /// The text printed instead, as written (see [`clean`]).
    pub text: String,
}

/// The edits of a project, in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits {
    pub edits: Vec<Edit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    edit: Vec<Edit>,
}

impl Edits {
    /// The edit of a paragraph.
    pub fn get(&self, key: &str) -> Option<&Edit> {
        self.edits.iter().find(|e| e.key == key)
    }
}

/// The edits file of the project whose settings file is `config`.
pub fn path_for(config: &Path) -> PathBuf {
    config.parent().unwrap_or(Path::new("")).join(FILE)
}

/// An edit's text as printed: each line trimmed and the lines joined (a Chinese
/// paragraph has no line breaks; two Latin words keep a space between them).
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Parses the text of an edits file; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Edits> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map(|l| format!("第{l}行")).unwrap_or_default();
        anyhow::anyhow!(
            "{file} {at}格式有误（原始信息：{}）；每条修改写作 [[edit]]，含 key、replaced、text 三项，格式见 README“修改年报文字”",
            e.message().trim()
        )
    })?;
    let mut seen = std::collections::BTreeSet::new();
    for e in &raw.edit {
        if !seen.insert(e.key.as_str()) {
            bail!("{file} 中段落“{}”有两条修改；请删去一条，或合并为一条", e.key);
        }
    }
    Ok(Edits { edits: raw.edit })
}

/// Reads the edits file; no file is no edits.
pub fn load(path: &Path) -> Result<Edits> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow::anyhow!("{} 不是 UTF-8 编码的文本；请用 UTF-8 保存", path.display()))?;
            parse(text.trim_start_matches('\u{feff}'), &path.display().to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Edits::default()),
        Err(e) => bail!("无法读取 {}（{}）", path.display(), crate::diag::io_reason(&e)),
    }
}

/// What a change to the edits file does to one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Replace the paragraph (or the edit's text) with `text`, recording the
    /// generated text it replaces.
    Set { replaced: String, text: String },
    /// Keep the edit, recording the current generated text as the one it replaces.
    Confirm { replaced: String },
    /// Drop the edit: the generated text is printed again.
    Remove,
}

/// Applies a change of one paragraph's edit to the text of an edits file
/// (empty for none), keeping the rest of it, comments included.
pub fn change_text(text: &str, key: &str, change: &Change) -> Result<String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let fresh = text.trim().is_empty();
    let mut doc: DocumentMut = if fresh {
        DocumentMut::new()
    } else {
        text.parse().map_err(|e: toml_edit::TomlError| {
            anyhow::anyhow!("{FILE} 格式有误，未修改（原始信息：{}）；请先改正该文件", e.message().trim())
        })?
    };
    if doc.get("edit").is_none() {
        doc.insert("edit", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(list) = doc.get_mut("edit").and_then(Item::as_array_of_tables_mut) else {
        bail!("{FILE} 中的 edit 应写作 [[edit]]，未修改；请先改正该文件");
    };
    let at = list.iter().position(|t| t.get("key").and_then(|k| k.as_str()) == Some(key));
    match (change, at) {
        (Change::Set { replaced, text }, Some(i)) => {
            let t = list.get_mut(i).expect("found");
            t["replaced"] = value(replaced.as_str());
            t["text"] = value(text.as_str());
        }
        (Change::Set { replaced, text }, None) => {
            let mut t = Table::new();
            t["key"] = value(key);
            t["replaced"] = value(replaced.as_str());
            t["text"] = value(text.as_str());
            list.push(t);
        }
        (Change::Confirm { replaced }, Some(i)) => {
            list.get_mut(i).expect("found")["replaced"] = value(replaced.as_str());
        }
        (Change::Remove, Some(i)) => {
            list.remove(i);
        }
        (Change::Confirm { .. } | Change::Remove, None) => {
            bail!("{FILE} 中没有段落“{key}”的修改")
        }
    }
    Ok(if fresh { format!("{HEADER}{doc}") } else { doc.to_string() })
}

/// Changes one paragraph's edit in the edits file at `path`, writing it
/// atomically.
pub fn change(path: &Path, key: &str, change: &Change) -> Result<()> {
    let old = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!("无法读取 {}（{}）", path.display(), crate::diag::io_reason(&e)),
    };
    let new = change_text(old.trim_start_matches('\u{feff}'), key, change)?;
    // What is written must read back.
    parse(&new, FILE).context("修改后的文字修改文件无法读回，未写入")?;
    crate::output::write_atomic(path, new.as_bytes(), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    const BY_HAND: &str = r#"# 办公室 2026年3月 改
[[edit]]
key = "综述.主要特点"
replaced = "一是发明专利授权量占比提高。"
text = """
一是发明专利授权量占比提高；
二是商标注册量增长较快。
"""

[[edit]]
key = "知识产权创造.导语"   # 领导要求
text = '全年专利授权量8710件。'
"#;

    #[test]
    fn a_file_written_by_hand_reads_and_keeps_its_comments_when_changed() {
        let edits = parse(BY_HAND, FILE).unwrap();
        assert_eq!(edits.edits.len(), 2);
        let first = edits.get("综述.主要特点").unwrap();
        assert_eq!(first.replaced.as_deref(), Some("一是发明专利授权量占比提高。"));
        assert_eq!(clean(&first.text), "一是发明专利授权量占比提高；二是商标注册量增长较快。");
        assert_eq!(edits.get("知识产权创造.导语").unwrap().replaced, None);
        let confirm = Change::Confirm { replaced: "全年专利授权量8710件，增长4.4%。".into() };
        let changed = change_text(BY_HAND, "知识产权创造.导语", &confirm).unwrap();
        assert!(changed.starts_with("# 办公室 2026年3月 改\n"), "{changed}");
        assert!(changed.contains("# 领导要求"), "{changed}");
        let again = parse(&changed, FILE).unwrap();
        assert_eq!(
            again.get("知识产权创造.导语").unwrap().replaced.as_deref(),
            Some("全年专利授权量8710件，增长4.4%。")
        );
        assert_eq!(again.get("综述.主要特点"), edits.get("综述.主要特点"));
        let set = Change::Set { replaced: "甲。".into(), text: "乙“丙”\\丁。".into() };
        let added = change_text(&changed, "编制说明.范围", &set).unwrap();
        let e = parse(&added, FILE).unwrap();
        assert_eq!(
            e.edits[2],
            Edit {
                key: "编制说明.范围".into(), replaced: Some("甲。".into()), text: "乙“丙”\\丁。".into()
            }
        );
        let removed = change_text(&added, "综述.主要特点", &Change::Remove).unwrap();
        assert_eq!(parse(&removed, FILE).unwrap().edits.len(), 2);
    }

    #[test]
    fn a_new_file_starts_with_its_explanation() {
        let set = Change::Set { replaced: "甲。".into(), text: "乙。".into() };
        let text = change_text("", "综述.主要数据", &set).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        assert!(
            text.ends_with("[[edit]]\nkey = \"综述.主要数据\"\nreplaced = \"甲。\"\ntext = \"乙。\"\n"),
            "{text}"
        );
    }

    #[test]
    fn mistakes_are_named_with_their_line() {
        let e = parse("[[edit]]\nkey = \"a\"\ntxt = \"b\"\n", FILE).unwrap_err().to_string();
        assert!(e.starts_with("文字修改.toml 第3行格式有误（原始信息：unknown field `txt`"), "{e}");
        let e = parse("[[edit]]\nkey = \"a\"\ntext = \"b\"\n[[edit]]\nkey = \"a\"\ntext = \"c\"\n", FILE);
        assert_eq!(e.unwrap_err().to_string(), "文字修改.toml 中段落“a”有两条修改；请删去一条，或合并为一条");
        let e = change_text("", "a", &Change::Remove).unwrap_err().to_string();
        assert_eq!(e, "文字修改.toml 中没有段落“a”的修改");
    }
}
