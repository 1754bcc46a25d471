//! Diagnostics about the data: what is wrong, where (file, sheet, cell), and what to
//! do. Every stage that reads data reports through these; the CLI prints them in
//! Chinese and decides the exit code from their level.

use std::fmt;

use serde::Serialize;

/// A place in the input: file name, sheet name and A1 cell reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    /// The workbook's file name (no directory).
    pub file: String,
    /// The sheet name; empty for a problem with the whole file.
    pub sheet: String,
    /// The A1 reference; empty for a problem with the whole sheet.
    pub cell: String,
}

impl Place {
    /// A place in a sheet at a zero-based row and column.
    pub fn cell(file: &str, sheet: &str, row: u32, col: u32) -> Self {
        Place { file: file.into(), sheet: sheet.into(), cell: a1(row, col) }
    }

    /// A whole file.
    pub fn file(file: &str) -> Self {
        Place { file: file.into(), sheet: String::new(), cell: String::new() }
    }

    /// No particular place: a finding about the data as a whole.
    pub fn none() -> Self {
        Place { file: String::new(), sheet: String::new(), cell: String::new() }
    }

    /// Whether this is no particular place.
    pub fn is_none(&self) -> bool {
        self.file.is_empty()
    }

    /// A whole sheet.
    pub fn sheet(file: &str, sheet: &str) -> Self {
        Place { file: file.into(), sheet: sheet.into(), cell: String::new() }
    }
}

impl fmt::Display for Place {
    /// `文件 专利.xlsx，工作表“专利”，单元格 B4` as far as the place is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.sheet.is_empty() {
            write!(f, "，工作表“{}”", self.sheet)?;
        }
        if !self.cell.is_empty() {
            write!(f, "，单元格 {}", self.cell)?;
        }
        Ok(())
    }
}

/// The A1 reference of a zero-based row and column (`a1(0, 0)` is `A1`).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = ((c - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub level: Level,
    /// Where it was found.
    pub place: Place,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to do about it, in Chinese.
    pub hint: String,
}

impl Diagnostic {
    /// An error at `place`.
    pub fn error(place: Place, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic { level: Level::Error, place, message: message.into(), hint: hint.into() }
    }

    /// A warning at `place`.
    pub fn warning(place: Place, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, place, message: message.into(), hint: hint.into() }
    }

    /// A note at `place`.
    pub fn note(place: Place, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Note, place, message: message.into(), hint: String::new() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_none() {
            write!(f, "{}：{}", self.level.label(), self.message)?;
        } else {
            write!(f, "{}：{}：{}", self.level.label(), self.place, self.message)?;
        }
        if !self.hint.is_empty() {
            write!(f, "。{}", self.hint)?;
        }
        Ok(())
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
    fn renders_place_and_hint_in_chinese() {
        let d = Diagnostic::warning(
            Place::cell("专利.xlsx", "专利", 3, 1),
            "无法识别指标“专利授权”",
            "请改为目录中的名称",
        );
        assert_eq!(
            d.to_string(),
            "警告：专利.xlsx，工作表“专利”，单元格 B4：无法识别指标“专利授权”。请改为目录中的名称"
        );
    }
}
