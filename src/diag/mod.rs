//! Diagnostics about the data: what was found ([`Kind`]), how serious it is
//! ([`Level`]) and where ([`Place`]: none, a file, a sheet, a cell or a rule).
//! Every stage that reads data reports through these; the Chinese message and hint
//! are rendered from the kind in one module, [`text`], and the terminal, `--watch`
//! and the server's JSON all use that rendering.

pub mod error;
mod findings;
mod kind;
pub mod patents;
pub mod text;
pub mod words;

pub use findings::{Findings, MAX_PER_SHEET};

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

pub use kind::{
    Axis, Delimiter, Direction, Entry, Kind, LineLimit, SheetLimit, Special, TableShape, TextEncoding,
    TextLimit, WorkbookError, YearsFrom,
};

/// A file's or a sheet's name as places hold it: shared, so that the places of
/// two million figures of one sheet cost their cell references, not two million
/// copies of names that a file may make as long as it likes.
pub type Name = Arc<str>;

/// Where a finding is: nowhere in particular, a whole file, a whole sheet, a cell,
/// or a rule of the catalogue (a derived figure has no cell).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The data as a whole.
    None,
    /// A whole file (by name, no directory).
    File { file: Name },
    /// A whole sheet.
    Sheet { file: Name, sheet: Name },
    /// A cell, by its A1 reference.
    Cell { file: Name, sheet: Name, cell: String },
    /// A computation rule such as `专利授权量 ÷ 常住人口`.
    Rule { rule: String },
}

/// The names of one sheet, for the places in it to share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetNames {
    pub file: Name,
    pub sheet: Name,
}

impl SheetNames {
    pub fn new(file: &str, sheet: &str) -> Self {
        SheetNames { file: file.into(), sheet: sheet.into() }
    }

    /// The sheet as a place.
    pub fn place(&self) -> Place {
        Place::Sheet { file: self.file.clone(), sheet: self.sheet.clone() }
    }

    /// A cell of the sheet at a zero-based row and column.
    pub fn cell(&self, row: u32, col: u32) -> Place {
        Place::Cell { file: self.file.clone(), sheet: self.sheet.clone(), cell: a1(row, col) }
    }
}

impl Place {
    /// A place in a sheet at a zero-based row and column.
    pub fn cell(file: &str, sheet: &str, row: u32, col: u32) -> Self {
        Place::Cell { file: file.into(), sheet: sheet.into(), cell: a1(row, col) }
    }

    /// A cell by its A1 reference.
    pub fn at(file: &str, sheet: &str, cell: &str) -> Self {
        Place::Cell { file: file.into(), sheet: sheet.into(), cell: cell.into() }
    }

    /// The sheet this place is in, sharing its names; the file, for a place in
    /// a file but no sheet; the place itself otherwise.
    pub fn sheet_of(&self) -> Place {
        match self {
            Place::Sheet { file, sheet } | Place::Cell { file, sheet, .. } => {
                Place::Sheet { file: file.clone(), sheet: sheet.clone() }
            }
            p => p.clone(),
        }
    }

    /// Another cell of the sheet this place is in, sharing its names; `None` when
    /// the place is in no sheet.
    pub fn cell_in_sheet(&self, row: u32, col: u32) -> Option<Place> {
        match self {
            Place::Sheet { file, sheet } | Place::Cell { file, sheet, .. } => {
                Some(Place::Cell { file: file.clone(), sheet: sheet.clone(), cell: a1(row, col) })
            }
            _ => None,
        }
    }

    /// A whole file.
    pub fn file(file: &str) -> Self {
        Place::File { file: file.into() }
    }

    /// No particular place: a finding about the data as a whole.
    pub fn none() -> Self {
        Place::None
    }

    /// A computation rule.
    pub fn rule(rule: &str) -> Self {
        Place::Rule { rule: rule.into() }
    }

    /// Whether this is no particular place.
    pub fn is_none(&self) -> bool {
        matches!(self, Place::None)
    }

    /// A whole sheet.
    pub fn sheet(file: &str, sheet: &str) -> Self {
        Place::Sheet { file: file.into(), sheet: sheet.into() }
    }

    /// The file name; empty when the place is not in a file.
    pub fn file_name(&self) -> &str {
        match self {
            Place::File { file } | Place::Sheet { file, .. } | Place::Cell { file, .. } => file,
            Place::None | Place::Rule { .. } => "",
        }
    }

    /// The sheet name; empty when the place is not in a sheet.
    pub fn sheet_name(&self) -> &str {
        match self {
            Place::Sheet { sheet, .. } | Place::Cell { sheet, .. } => sheet,
            _ => "",
        }
    }

    /// The A1 reference; empty when the place is not a cell.
    pub fn cell_ref(&self) -> &str {
        match self {
            Place::Cell { cell, .. } => cell,
            _ => "",
        }
    }

    /// `文件!工作表!单元格`, as in the exports and the server's copy button.
    pub fn reference(&self) -> String {
        match self {
            Place::Rule { rule } => format!("按“{rule}”计算"),
            _ => format!("{}!{}!{}", self.file_name(), self.sheet_name(), self.cell_ref()),
        }
    }
}

impl Serialize for Place {
    /// `{ "file", "sheet", "cell", "rule" }`, empty strings where not known.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Place", 4)?;
        st.serialize_field("file", self.file_name())?;
        st.serialize_field("sheet", self.sheet_name())?;
        st.serialize_field("cell", self.cell_ref())?;
        st.serialize_field(
            "rule",
            match self {
                Place::Rule { rule } => rule.as_str(),
                _ => "",
            },
        )?;
        st.end()
    }
}

impl fmt::Display for Place {
    /// `专利.xlsx，工作表“专利”，单元格 B4` as far as the place is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text::place(self))
    }
}

/// The A1 reference of a zero-based row and column (`a1(0, 0)` is `A1`).
pub fn a1(row: u32, col: u32) -> String {
    a1_wide(u64::from(row), u64::from(col))
}

/// The A1 reference of a zero-based row and column however far out, as a file
/// past Excel's limits may claim one (`a1_wide(2_000_000, 16_384)` is `XFE2000001`).
pub fn a1_wide(row: u64, col: u64) -> String {
    column_name_wide(col) + &(u128::from(row) + 1).to_string()
}

/// The letters of a zero-based column (`column_name(27)` is `AB`).
pub fn column_name(col: u32) -> String {
    column_name_wide(u64::from(col))
}

fn column_name_wide(col: u64) -> String {
    let mut letters = Vec::new();
    let mut c = u128::from(col) + 1;
    while c > 0 {
        let rem = ((c - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The Chinese reason for a file-system error, with the system's words kept as a
/// detail: `没有访问权限（Permission denied (os error 13)）`.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有访问权限",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是一个目录，不是文件",
        K::NotADirectory => "路径中有一部分不是目录",
        K::DirectoryNotEmpty => "目录不是空的",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::StorageFull => "磁盘空间不足",
        K::InvalidInput | K::InvalidFilename => "路径或文件名无效",
        K::OutOfMemory => "内存不足",
        K::Interrupted | K::TimedOut | K::WouldBlock => "操作被中断，请重试",
        _ => "文件系统错误",
    };
    format!("{what}（{e}）")
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Level {
    /// Information worth knowing; nothing was dropped.
    Note,
    /// A value was not taken, or looks suspicious; the build goes on.
    Warning,
    /// The data cannot be used as it is; `build` stops before typesetting.
    Error,
}

impl Level {
    /// The Chinese label printed before the message.
    pub fn label(self) -> &'static str {
        match self {
            Level::Note => "提示",
            Level::Warning => "警告",
            Level::Error => "错误",
        }
    }
}

/// One finding about the input data.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What was found, with the figures the text needs.
    pub kind: Kind,
    /// How serious it is.
    pub level: Level,
    /// Where it was found.
    pub place: Place,
}

impl Diagnostic {
    /// A finding of a kind at a place.
    pub fn new(level: Level, place: Place, kind: Kind) -> Self {
        Diagnostic { kind, level, place }
    }

    /// What is wrong, in Chinese.
    pub fn message(&self) -> String {
        text::message(&self.kind)
    }

    /// What to do about it, in Chinese (may be empty).
    pub fn hint(&self) -> String {
        text::hint(&self.kind)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text::line(self))
    }
}

impl Serialize for Diagnostic {
    /// The server's JSON: `{ severity, kind, file, sheet, cell, rule, message, hint }`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        text::Json::from(self).serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(3, 1), "B4");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn places_have_their_parts() {
        let p = Place::cell("专利.xlsx", "专利", 3, 1);
        assert_eq!((p.file_name(), p.sheet_name(), p.cell_ref()), ("专利.xlsx", "专利", "B4"));
        assert_eq!(p.reference(), "专利.xlsx!专利!B4");
        assert_eq!(Place::sheet("a.xlsx", "s").cell_ref(), "");
        assert!(Place::none().is_none());
        assert_eq!(Place::rule("甲 ÷ 乙").to_string(), "按“甲 ÷ 乙”计算");
        let d = Diagnostic::new(Level::Note, Place::sheet("a.xlsx", "s"), Kind::HiddenSheet);
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["severity"], "note");
        assert_eq!(json["kind"], "hidden-sheet");
        assert_eq!(json["sheet"], "s");
        assert_eq!(json["message"], "隐藏的工作表，已跳过");
    }

    #[test]
    fn renders_place_and_hint_in_chinese() {
        let d = Diagnostic::new(
            Level::Warning,
            Place::cell("专利.xlsx", "专利", 3, 1),
            Kind::UnknownIndicator {
                label: "专利授权".into(),
                candidates: vec!["专利授权量".into()],
                axis: Axis::Row,
            },
        );
        assert_eq!(
            d.to_string(),
            "警告：专利.xlsx，工作表“专利”，单元格 B4：无法识别指标“专利授权”，该行数据未读入。是否指：专利授权量？请改用目录中的名称，或在指标目录中添加别名"
        );
    }
}
