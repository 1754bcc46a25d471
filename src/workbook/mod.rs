//! Opening workbooks: a file becomes sheets of raw cells, each addressable by its
//! zero-based row and column (and so its A1 place), with the sheet's merged regions.
//! No meaning is given to any cell here. This module, `assets` and `output` are the
//! only ones that touch the file system.
//!
//! Read with calamine: .xlsx, .xlsm, .xls, .xlsb and .ods, recognised by content,
//! not by name. Besides, a write-protected .xls (encrypted with Excel's default
//! password) is decrypted ([`decrypt`]), and an HTML page saved with an .xls name is
//! read as a table ([`html`]). A file that cannot be read gets a diagnostic that
//! names it and says what to do; the other files are still read.

pub mod decrypt;
pub mod html;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, Sheets};

use crate::diag::{Diagnostic, Place};

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// A raw cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    /// A number formatted as a percentage: the cell holds the fraction (0.125 for
    /// 12.5%).
    Percent(f64),
    Text(String),
    Bool(bool),
    /// An Excel error such as `#DIV/0!`.
    Error(String),
    /// A formula whose result was never calculated and stored (the formula text).
    NoCachedValue(String),
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

/// A merged region, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// One worksheet.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Rows of cells, starting at A1.
    pub rows: Vec<Vec<Cell>>,
    /// The merged regions.
    pub merges: Vec<Merge>,
}

impl Sheet {
    /// A visible sheet without merges, from rows of cells.
    pub fn new(name: &str, rows: Vec<Vec<Cell>>) -> Self {
        Sheet { name: name.into(), hidden: false, rows, merges: Vec::new() }
    }

    /// The cell at a zero-based row and column (`Empty` outside the data).
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merged region a cell belongs to, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges
            .iter()
            .find(|m| (m.first_row..=m.last_row).contains(&row) && (m.first_col..=m.last_col).contains(&col))
    }

    /// The cell's value, or for a cell covered by a merged region, the value of the
    /// region's first cell.
    pub fn get_merged(&self, row: usize, col: usize) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) => self.get(m.first_row, m.first_col),
            None => self.get(row, col),
        }
    }
}

/// One workbook file.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub path: PathBuf,
    /// The file name, used in places.
    pub name: String,
    pub sheets: Vec<Sheet>,
    /// The file's size in bytes and SHA-256, for the PDF's manifest of inputs.
    pub size: u64,
    pub sha256: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
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

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An OLE compound file: .xls (or an encrypted OOXML file).
    Ole,
    /// A zip archive: .xlsx, .xlsm, .xlsb, .ods.
    Zip,
    /// An HTML page.
    Html,
    Unknown,
}

fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Kind::Ole;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    let text = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &text[i..]).unwrap_or(&[]);
    let head = String::from_utf8_lossy(&start[..start.len().min(512)]).to_ascii_lowercase();
    if head.starts_with('<') && (head.contains("<html") || head.contains("<table") || head.starts_with("<!"))
    {
        return Kind::Html;
    }
    Kind::Unknown
}

/// Whether an OLE file is an encrypted OOXML workbook: Excel keeps a password-
/// protected .xlsx in a compound file with an `EncryptionInfo` stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

const RESAVE: &str = "请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录";

/// Reads every sheet of a workbook. A file that cannot be opened, or a sheet that
/// cannot be read, is a diagnostic; the rest of the file is still returned.
pub fn read(path: &Path) -> (Option<Workbook>, Vec<Diagnostic>) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut diags = Vec::new();
    let fail = |diags: &mut Vec<Diagnostic>, msg: String, hint: &str| {
        diags.push(Diagnostic::error(Place::file(&name), msg, hint));
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            fail(&mut diags, format!("无法读取文件（{e}）"), "请检查文件是否存在、是否有读取权限");
            return (None, diags);
        }
    };
    let (size, sha256) = (bytes.len() as u64, sha256_hex(&bytes));
    let kind = sniff(&bytes);
    if kind == Kind::Html {
        return match html::read(&bytes) {
            Ok(sheets) => {
                diags.push(Diagnostic::note(Place::file(&name), "该文件实为网页（HTML）表格，已按表格读取"));
                (Some(Workbook { path: path.to_path_buf(), name, sheets, size, sha256 }), diags)
            }
            Err(e) => {
                fail(
                    &mut diags,
                    format!("该文件实为网页（HTML），不是 Excel 工作簿，且其中没有可读取的表格（{e}）"),
                    RESAVE,
                );
                (None, diags)
            }
        };
    }
    if kind == Kind::Unknown {
        fail(&mut diags, "不是 Excel 或 WPS 工作簿（文件内容无法识别），可能已损坏".into(), RESAVE);
        return (None, diags);
    }
    let open = |bytes: Vec<u8>| -> Result<Sheets<Cursor<Vec<u8>>>, calamine::Error> {
        if sniff(&bytes) == Kind::Ole {
            calamine::Xls::new(Cursor::new(bytes)).map(Sheets::Xls).map_err(calamine::Error::Xls)
        } else {
            calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        }
    };
    let opened = match open(bytes.clone()) {
        Err(calamine::Error::Xls(calamine::XlsError::Password)) => {
            match decrypt::decrypt_xls(&bytes, decrypt::DEFAULT_PASSWORD) {
                Ok(plain) => {
                    diags.push(Diagnostic::note(
                        Place::file(&name),
                        "该文件设有写保护（Excel 默认密码加密），已解密读取",
                    ));
                    open(plain)
                }
                Err(decrypt::DecryptError::WrongPassword) => {
                    fail(
                        &mut diags,
                        "该文件设有打开密码，无法读取".into(),
                        "请用 Excel 输入密码打开后，取消密码（文件—信息—保护工作簿），另存为 .xlsx 后放入数据目录",
                    );
                    return (None, diags);
                }
                Err(e) => {
                    let what = match e {
                        decrypt::DecryptError::Unsupported(s) | decrypt::DecryptError::NotXls(s) => s,
                        _ => String::new(),
                    };
                    fail(&mut diags, format!("该文件已加密，加密方式（{what}）无法解密"), RESAVE);
                    return (None, diags);
                }
            }
        }
        other => other,
    };
    let mut book = match opened {
        Ok(book) => book,
        Err(calamine::Error::Xlsx(calamine::XlsxError::Password)) => {
            fail(
                &mut diags,
                "该文件设有打开密码，无法读取".into(),
                "请用 Excel 输入密码打开后，取消密码，另存为 .xlsx 后放入数据目录",
            );
            return (None, diags);
        }
        Err(_) if kind == Kind::Ole && is_encrypted_ooxml(&bytes) => {
            fail(
                &mut diags,
                "该文件设有打开密码（加密的 .xlsx），无法读取".into(),
                "请用 Excel 输入密码打开后，取消密码，另存为 .xlsx 后放入数据目录",
            );
            return (None, diags);
        }
        Err(e) => {
            fail(&mut diags, format!("文件已损坏，无法打开（{e}）"), RESAVE);
            return (None, diags);
        }
    };
    let metas = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for meta in metas {
        let hidden = !matches!(meta.visible, SheetVisible::Visible);
        match read_sheet(&mut book, &meta.name) {
            Ok(mut sheet) => {
                sheet.hidden = hidden;
                sheets.push(sheet);
            }
            Err(e) => diags.push(Diagnostic::error(
                Place::sheet(&name, &meta.name),
                format!("无法读取工作表（{e}）"),
                "请检查该工作表，或将其内容复制到新的工作表",
            )),
        }
    }
    (Some(Workbook { path: path.to_path_buf(), name, sheets, size, sha256 }), diags)
}

fn read_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
) -> Result<Sheet, calamine::Error> {
    let range = book.worksheet_range(name)?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; c0 as usize];
        cells.extend(row.iter().map(convert));
        // Trailing empty cells carry nothing; dropping them keeps a sheet whose
        // claimed extent runs far past its data small.
        while cells.last().is_some_and(|c| *c == Cell::Empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    // A formula with no stored result reads as empty: say so rather than read 0 or
    // nothing.
    if let Ok(formulas) = book.worksheet_formula(name)
        && let Some((f0, g0)) = formulas.start()
    {
        for (r, row) in formulas.rows().enumerate() {
            for (c, f) in row.iter().enumerate() {
                if f.is_empty() {
                    continue;
                }
                let (ar, ac) = (f0 as usize + r, g0 as usize + c);
                let blank = rows.get(ar).and_then(|row| row.get(ac)).is_none_or(|cell| cell.is_blank());
                if blank {
                    if rows.len() <= ar {
                        rows.resize(ar + 1, Vec::new());
                    }
                    if rows[ar].len() <= ac {
                        rows[ar].resize(ac + 1, Cell::Empty);
                    }
                    rows[ar][ac] = Cell::NoCachedValue(f.clone());
                }
            }
        }
    }
    let mut merges = Vec::new();
    match book {
        Sheets::Xlsx(x) => {
            if let Ok(styles) = x.worksheet_style(name) {
                for (r, row) in rows.iter_mut().enumerate() {
                    for (c, cell) in row.iter_mut().enumerate() {
                        if let Cell::Number(v) = cell
                            && let Some(fmt) =
                                styles.get((r as u32, c as u32)).and_then(|s| s.number_format.as_ref())
                            && fmt.format_code.contains('%')
                        {
                            *cell = Cell::Percent(*v);
                        }
                    }
                }
            }
            if let Ok(dims) = x.merge_cells_by_sheet_name(name) {
                merges.extend(dims.iter().map(to_merge));
            }
        }
        Sheets::Xls(x) => {
            if let Ok(dims) = x.merge_cells_by_sheet_name(name) {
                merges.extend(dims.iter().map(to_merge));
            }
        }
        _ => {}
    }
    Ok(Sheet { name: name.to_string(), hidden: false, rows, merges })
}

fn to_merge(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_row: d.start.0 as usize,
        first_col: d.start.1 as usize,
        last_row: d.end.0 as usize,
        last_col: d.end.1 as usize,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content_not_names() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Kind::Ole);
        assert_eq!(sniff(b"\n\n\n<!-- x -->\n<html><table>"), Kind::Html);
        assert_eq!(sniff("\u{feff}<table><tr><td>1</td></tr></table>".as_bytes()), Kind::Html);
        assert_eq!(sniff(b"garbage"), Kind::Unknown);
    }
}
