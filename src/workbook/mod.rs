//! Opening workbooks: a file becomes sheets of raw cells, each addressable by its
//! zero-based row and column (and so its A1 place), with the sheet's merged regions.
//! No meaning is given to any cell here. This module, `assets` and `output` are the
//! only ones that touch the file system.
//!
//! Read with calamine: .xlsx, .xlsm, .xls, .xlsb and .ods, recognised by content,
//! not by name. Besides, a write-protected .xls (encrypted with Excel's default
//! password) is decrypted ([`decrypt`]), and an HTML page saved with an .xls name is
//! read as a table ([`html`]). Text exports (.csv, .tsv, .txt in UTF-8, UTF-16 or
//! GB18030) are read as one sheet ([`text`]); WPS files (.et, .ett) are read when
//! their content is one of the formats above. A file that cannot be read gets a
//! diagnostic that names it and says what to do; the other files are still read.

pub mod biff;
mod bytes;
pub mod decrypt;
pub mod html;
mod numfmt;
mod ods;
mod readers;
mod sheet;
pub mod text;
mod xlsb;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Kind as DiagKind, Level, Place};

pub use numfmt::is_percent_format;
pub use sheet::{Limit, MAX_CELLS, MAX_COLS, MAX_ROWS, Merge, Sheet, SheetBuilder};

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "et", "ett", "csv", "tsv", "txt"];

/// What the files inside a zip workbook may add up to, uncompressed. A real
/// workbook of 50 MB unpacks to a few hundred MB; a "zip bomb" claims far more.
pub const MAX_UNZIPPED: u64 = 1 << 30;

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
    /// A date, time or duration (a number with a date format), as printed in
    /// messages: `2024-05-01`.
    Date(String),
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

/// Whether a file's name says it is a text table (.csv, .tsv, .txt).
fn is_text_name(name: &str) -> bool {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    text::EXTENSIONS.contains(&ext.as_str())
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

/// Why a whole file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Its content is no workbook format this tool knows.
    Unknown,
    /// A .csv/.tsv/.txt file whose content is no text in a known encoding.
    NotText,
    /// An HTML page without a table; the HTML reader's reason.
    HtmlWithoutTable(String),
    /// It needs a password to open (an .xls with a real password, an encrypted .xlsx).
    Password,
    /// An .xls "protected" with XOR obfuscation.
    Xor,
    /// Another encryption this tool cannot undo; what it is.
    Encryption(String),
    /// The cells it claims would take more memory than the limit allows.
    TooManyCells(u64),
    /// The files inside the zip add up to more than [`MAX_UNZIPPED`] bytes.
    Unzipped(u64),
    /// Its inner structure is inconsistent (sheets sharing records).
    Inconsistent,
    /// The reading library could not open it; its words, kept as a detail.
    Corrupt(String),
}

const RESAVE: &str = "请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录";

impl FileError {
    /// The Chinese message and what to do.
    pub fn render(&self) -> (String, String) {
        let password =
            "请用 Excel 输入密码打开后，取消密码（文件—信息—保护工作簿），另存为 .xlsx 后放入数据目录";
        match self {
            FileError::Unknown => ("不是 Excel 或 WPS 工作簿（文件内容无法识别），可能已损坏".into(), RESAVE.into()),
            FileError::NotText => (
                "不是可读取的文本表格（含有二进制内容，或编码无法识别）".into(),
                "请用 Excel 或 WPS 打开原表，另存为“CSV UTF-8（逗号分隔）”或“Excel 工作簿（*.xlsx）”后放入数据目录".into(),
            ),
            FileError::HtmlWithoutTable(why) => {
                (format!("该文件实为网页（HTML），不是 Excel 工作簿，且其中没有可读取的表格（{why}）"), RESAVE.into())
            }
            FileError::Password => ("该文件设有打开密码，无法读取".into(), password.into()),
            FileError::Xor => (
                "该文件使用 XOR 混淆加密（早期 Excel 的“保护工作簿”密码），本工具无法解密".into(),
                "请用 Excel 或 WPS 输入密码打开，取消保护后另存为“Excel 工作簿（*.xlsx）”，再放入数据目录".into(),
            ),
            FileError::Encryption(what) => {
                (format!("该文件已加密，加密方式（{what}）本工具无法解密"), password.to_string())
            }
            FileError::TooManyCells(cells) => (
                format!(
                    "文件中表格的范围过大（约 {} 万个单元格，上限 {} 万个），可能含有远离表格的零星内容",
                    cells / 10_000,
                    biff::MAX_GRID_CELLS / 10_000
                ),
                "请删除远离表格的单元格内容（Ctrl+End 可定位到最后一个单元格），或把表格复制到新工作簿后另存为 .xlsx".into(),
            ),
            FileError::Unzipped(bytes) => (
                format!("文件解压后达 {} MB，超过 {} MB 的上限，可能不是正常的工作簿", bytes >> 20, MAX_UNZIPPED >> 20),
                "请确认文件来源；如确为数据文件，请拆分为几个较小的工作簿".into(),
            ),
            FileError::Inconsistent => {
                ("文件内部结构异常（记录长度不符或工作表数据相互重叠），可能已损坏".into(), RESAVE.into())
            }
            FileError::Corrupt(detail) => {
                (format!("文件已损坏或格式不受支持，无法打开（原始信息：{detail}）"), RESAVE.into())
            }
        }
    }
}

/// Reads every sheet of a workbook file. A file that cannot be opened, or a sheet
/// that cannot be read, is a diagnostic; the rest of the file is still returned.
pub fn read(path: &Path) -> (Option<Workbook>, Vec<Diagnostic>) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::new(
                Level::Error,
                Place::file(&name),
                DiagKind::FileUnreadable { reason: crate::diag::io_reason(&e) },
            );
            return (None, vec![d]);
        }
    };
    let (size, sha256) = (bytes.len() as u64, sha256_hex(&bytes));
    let (sheets, diags) = parse(&name, &bytes);
    (sheets.map(|sheets| Workbook { path: path.to_path_buf(), name, sheets, size, sha256 }), diags)
}

/// Reads the sheets of a workbook's bytes, whatever its name says; `name` is used
/// in places.
pub fn parse(name: &str, bytes: &[u8]) -> (Option<Vec<Sheet>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // A panic in a reading library on a damaged file is that file's error, not the
    // end of the run: the other files are still read.
    let read =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_by_kind(name, bytes, &mut diags)))
            .unwrap_or_else(|_| Err(FileError::Corrupt("读取程序库在处理该文件时出错".into())));
    finish(name, read, diags)
}

/// Reads a file by what its content says it is.
fn read_by_kind(name: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Result<readers::Read, FileError> {
    match sniff(bytes) {
        Kind::Html => html::read(bytes).map_err(FileError::HtmlWithoutTable).map(|sheets| {
            diags.push(Diagnostic::new(Level::Note, Place::file(name), DiagKind::HtmlWorkbook));
            (sheets, Vec::new())
        }),
        Kind::Unknown if is_text_name(name) => text::read(name, bytes).map(|(sheet, decoded)| {
            diags.push(Diagnostic::note(
                Place::file(name),
                format!("按文本表格读取（{}编码，{}分隔）", decoded.encoding, decoded.delimiter),
            ));
            (vec![sheet], Vec::new())
        }),
        Kind::Unknown => Err(FileError::Unknown),
        Kind::Ole => read_ole(name, bytes, diags),
        Kind::Zip => read_zip(bytes),
    }
}

/// The sheets read, with a diagnostic for each sheet or file that failed.
fn finish(
    name: &str,
    read: Result<readers::Read, FileError>,
    mut diags: Vec<Diagnostic>,
) -> (Option<Vec<Sheet>>, Vec<Diagnostic>) {
    match read {
        Ok((sheets, failures)) => {
            for f in failures {
                diags.push(match f {
                    readers::Failure::Limit { sheet, limit } => Diagnostic::error(
                        Place::sheet(name, &sheet),
                        limit.message(),
                        "请删除远离表格的内容或不必要的合并单元格，或把表格复制到新工作表",
                    ),
                    readers::Failure::Sheet { sheet, detail } => Diagnostic::new(
                        Level::Error,
                        Place::sheet(name, &sheet),
                        DiagKind::SheetUnreadable { detail },
                    ),
                });
            }
            (Some(sheets), diags)
        }
        Err(e) => {
            let (message, hint) = e.render();
            diags.push(Diagnostic::error(Place::file(name), message, hint));
            (None, diags)
        }
    }
}

/// An OLE compound file: an .xls (perhaps write-protected), or an encrypted .xlsx.
fn read_ole(name: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Result<readers::Read, FileError> {
    let is_encrypted_ooxml = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .is_ok_and(|f| f.exists("/EncryptionInfo") || f.exists("/EncryptedPackage"));
    if is_encrypted_ooxml {
        return Err(FileError::Password);
    }
    let Some(stream) = biff::workbook_stream(bytes) else {
        return Err(FileError::Corrupt("没有 Workbook 数据流".into()));
    };
    let mut scan = biff::scan(&stream);
    let decrypted;
    let plain: &[u8] = match scan.encryption {
        None => bytes,
        Some(biff::Encryption::Xor) => return Err(FileError::Xor),
        Some(biff::Encryption::Other(t)) => return Err(FileError::Encryption(format!("类型 {t}"))),
        Some(biff::Encryption::Rc4) => {
            decrypted = match decrypt::decrypt_xls(bytes, decrypt::DEFAULT_PASSWORD) {
                Ok(plain) => plain,
                Err(decrypt::DecryptError::WrongPassword) => return Err(FileError::Password),
                Err(decrypt::DecryptError::Unsupported(s) | decrypt::DecryptError::NotXls(s)) => {
                    return Err(FileError::Encryption(s));
                }
                Err(decrypt::DecryptError::NotEncrypted) => return Err(FileError::Inconsistent),
            };
            diags.push(Diagnostic::new(Level::Note, Place::file(name), DiagKind::Decrypted));
            scan = biff::workbook_stream(&decrypted).map(|s| biff::scan(&s)).unwrap_or_default();
            &decrypted
        }
    };
    if scan.overlapping || scan.damaged {
        return Err(FileError::Inconsistent);
    }
    if scan.grid_cells() > biff::MAX_GRID_CELLS {
        return Err(FileError::TooManyCells(scan.grid_cells()));
    }
    readers::xls(plain, &scan).map_err(|e| match e {
        calamine::XlsError::Password => FileError::Password,
        e => FileError::Corrupt(e.to_string()),
    })
}

/// A zip archive: .xlsx/.xlsm, .xlsb or .ods, told apart by what is inside.
fn read_zip(bytes: &[u8]) -> Result<readers::Read, FileError> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| FileError::Corrupt(e.to_string()))?;
    let mut unzipped: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(|e| FileError::Corrupt(e.to_string()))?.size();
        unzipped = unzipped.saturating_add(size);
    }
    if unzipped > MAX_UNZIPPED {
        return Err(FileError::Unzipped(unzipped));
    }
    let names: Vec<String> =
        zip.file_names().filter_map(|n| n.ok()).map(|n| n.to_ascii_lowercase()).collect();
    let has = |n: &str| names.iter().any(|f| f.as_str() == n.to_ascii_lowercase());
    let corrupt = |e: &dyn std::fmt::Display| FileError::Corrupt(e.to_string());
    if has("content.xml") && !has("[Content_Types].xml") {
        ods::read(bytes).map_err(FileError::Corrupt)
    } else if has("xl/workbook.bin") {
        readers::xlsb(bytes).map_err(|e| match e {
            calamine::XlsbError::Password => FileError::Password,
            e => corrupt(&e),
        })
    } else {
        readers::xlsx(bytes).map_err(|e| match e {
            calamine::XlsxError::Password => FileError::Password,
            e => corrupt(&e),
        })
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
