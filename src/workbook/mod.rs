//! Opening workbooks with calamine: a file becomes sheets of raw cells, each
//! addressable by its zero-based row and column (and so its A1 place). No meaning
//! is given to any cell here. This module and `assets`/`output` are the only ones
//! that touch the file system.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, open_workbook_auto};

use crate::diag::{Diagnostic, Place};

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// A raw cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    /// An Excel error such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// The text of a text cell, trimmed; `None` for other cells.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s.trim()),
            _ => None,
        }
    }

    /// Whether the cell holds nothing visible.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One worksheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Rows of cells, starting at A1.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at a zero-based row and column (`Empty` outside the data).
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// One workbook file.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub path: PathBuf,
    /// The file name, used in places.
    pub name: String,
    pub sheets: Vec<Sheet>,
}

/// The workbook files of a folder, sorted by name; Excel's lock files (`~$…`) and
/// hidden files are left out.
pub fn list(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if path.is_file()
            && !name.starts_with("~$")
            && !name.starts_with('.')
            && EXTENSIONS.contains(&ext.as_str())
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads every sheet of a workbook. A file that cannot be opened, or a sheet that
/// cannot be read, is a diagnostic; the rest of the file is still returned.
pub fn read(path: &Path) -> (Option<Workbook>, Vec<Diagnostic>) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut diags = Vec::new();
    let mut book = match open_workbook_auto(path) {
        Ok(book) => book,
        Err(e) => {
            diags.push(Diagnostic::error(
                Place::file(&name),
                format!("无法打开工作簿（{e}）"),
                "请确认文件未损坏，并用 Excel 或 WPS 另存为 .xlsx 后重试",
            ));
            return (None, diags);
        }
    };
    let metas = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for meta in metas {
        let hidden = !matches!(meta.visible, SheetVisible::Visible);
        match book.worksheet_range(&meta.name) {
            Ok(range) => {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let mut rows = vec![Vec::new(); r0 as usize];
                for row in range.rows() {
                    let mut cells = vec![Cell::Empty; c0 as usize];
                    cells.extend(row.iter().map(convert));
                    rows.push(cells);
                }
                sheets.push(Sheet { name: meta.name, hidden, rows });
            }
            Err(e) => diags.push(Diagnostic::error(
                Place::sheet(&name, &meta.name),
                format!("无法读取工作表（{e}）"),
                "请检查该工作表，或将其内容复制到新的工作表",
            )),
        }
    }
    (Some(Workbook { path: path.to_path_buf(), name, sheets }), diags)
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
