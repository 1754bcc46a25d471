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
pub mod folder;
pub mod html;
pub mod listing;
mod numfmt;
mod ods;
mod readers;
mod sheet;
pub mod text;
mod xlsb;
mod xlsx;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Kind as DiagKind, Level, Place, SheetLimit, TextEncoding, WorkbookError};

pub use listing::{Listed, Listing, Skipped, list};
pub use numfmt::is_percent_format;
pub use sheet::{
    Limit, MAX_CELLS, MAX_COLS, MAX_ROWS, MAX_TEXT_BYTES, MAX_TEXT_CHARS, Merge, Sheet, SheetBuilder,
};

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "et", "ett", "csv", "tsv", "txt"];

/// What the files inside a zip workbook may add up to, uncompressed. A real
/// workbook of 50 MB unpacks to a few hundred MB; a "zip bomb" claims far more.
pub const MAX_UNZIPPED: u64 = 1 << 30;

/// Sheets one workbook may have: far more than any real one. Each sheet costs
/// some memory and time of its own, however little it holds.
pub const MAX_SHEETS: usize = 4096;

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

    /// Whether the text a cell holds (its text, date, error or formula) has more
    /// than [`MAX_TEXT_CHARS`] characters, more than Excel lets a cell have.
    pub fn text_too_long(&self) -> bool {
        match self {
            // Bytes bound the characters from above: count only when they may pass.
            Cell::Text(s) | Cell::Date(s) | Cell::Error(s) | Cell::NoCachedValue(s) => {
                s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS
            }
            _ => false,
        }
    }

    /// The bytes of the text a cell holds (its text, date, error or formula).
    pub fn text_bytes(&self) -> usize {
        match self {
            Cell::Text(s) | Cell::Date(s) | Cell::Error(s) | Cell::NoCachedValue(s) => s.len(),
            _ => 0,
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
            .unwrap_or_else(|panic| Err(WorkbookError::ReaderCrashed(panic_message(panic.as_ref()))));
    finish(name, read, diags)
}

/// The message a panic was raised with; empty when it carries none.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(s), _) => s.to_string(),
        (_, Some(s)) => s.clone(),
        _ => String::new(),
    }
}

/// Reads a file by what its content says it is.
fn read_by_kind(
    name: &str,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Result<readers::Read, WorkbookError> {
    match sniff(bytes) {
        Kind::Html => html::read(bytes).map_err(WorkbookError::HtmlWithoutTable).map(|sheets| {
            diags.push(Diagnostic::new(Level::Note, Place::file(name), DiagKind::HtmlWorkbook));
            (sheets, Vec::new())
        }),
        Kind::Unknown if is_text_name(name) => text::read(name, bytes).map(|(sheet, decoded)| {
            // An encoding guessed as neither UTF-8 nor GB18030 is, for a Chinese
            // table, a sign of misread text (see `text::decode`): a warning.
            let level = match decoded.encoding {
                TextEncoding::Other(_) => Level::Warning,
                _ => Level::Note,
            };
            diags.push(Diagnostic::new(
                level,
                Place::file(name),
                DiagKind::TextWorkbook { encoding: decoded.encoding, delimiter: decoded.delimiter },
            ));
            (vec![sheet], Vec::new())
        }),
        Kind::Unknown => Err(WorkbookError::Unknown),
        Kind::Ole => read_ole(name, bytes, diags),
        Kind::Zip => read_zip(bytes),
    }
}

/// The sheets read, with a diagnostic for each sheet or file that failed.
fn finish(
    name: &str,
    read: Result<readers::Read, WorkbookError>,
    mut diags: Vec<Diagnostic>,
) -> (Option<Vec<Sheet>>, Vec<Diagnostic>) {
    // A workbook of too many sheets is refused whole, as a file that cannot be read.
    let read =
        read.and_then(|(sheets, failures)| match failures.iter().find_map(readers::Failure::too_many) {
            Some(count) => Err(WorkbookError::TooManySheets { sheets: count as u64, max: MAX_SHEETS as u64 }),
            None => Ok((sheets, failures)),
        });
    match read {
        Ok((sheets, failures)) => {
            for f in failures {
                let (sheet, kind) = match f {
                    readers::Failure::Limit { sheet, limit } => {
                        (sheet, DiagKind::SheetOverLimit { limit: SheetLimit::from(&limit) })
                    }
                    readers::Failure::Sheet { sheet, detail } => {
                        (sheet, DiagKind::SheetUnreadable { detail })
                    }
                    readers::Failure::TooManySheets { .. } => continue,
                };
                diags.push(Diagnostic::new(Level::Error, Place::sheet(name, &sheet), kind));
            }
            (Some(sheets), diags)
        }
        Err(reason) => {
            diags.push(Diagnostic::new(
                Level::Error,
                Place::file(name),
                DiagKind::WorkbookUnreadable { reason },
            ));
            (None, diags)
        }
    }
}

/// An OLE compound file: an .xls (perhaps write-protected), or an encrypted .xlsx.
fn read_ole(name: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Result<readers::Read, WorkbookError> {
    let is_encrypted_ooxml = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .is_ok_and(|f| f.exists("/EncryptionInfo") || f.exists("/EncryptedPackage"));
    if is_encrypted_ooxml {
        return Err(WorkbookError::Password);
    }
    let Some(stream) = biff::workbook_stream(bytes) else {
        return Err(WorkbookError::NoWorkbookStream);
    };
    let mut scan = biff::scan(&stream);
    let decrypted;
    let plain: &[u8] = match scan.encryption {
        None => bytes,
        Some(biff::Encryption::Xor) => return Err(WorkbookError::Xor),
        Some(biff::Encryption::Other(t)) => return Err(WorkbookError::Encryption(format!("类型 {t}"))),
        Some(biff::Encryption::Rc4) => {
            decrypted = match decrypt::decrypt_xls(bytes, decrypt::DEFAULT_PASSWORD) {
                Ok(plain) => plain,
                Err(e) => return Err(decrypt_error(e)),
            };
            diags.push(Diagnostic::new(Level::Note, Place::file(name), DiagKind::Decrypted));
            scan = biff::workbook_stream(&decrypted).map(|s| biff::scan(&s)).unwrap_or_default();
            &decrypted
        }
    };
    if scan.overlapping || scan.damaged {
        return Err(WorkbookError::Inconsistent);
    }
    if scan.grid_cells() > biff::MAX_GRID_CELLS {
        return Err(WorkbookError::TooManyCells { cells: scan.grid_cells(), max: biff::MAX_GRID_CELLS });
    }
    readers::xls(plain, &scan).map_err(|e| match e {
        calamine::XlsError::Password => WorkbookError::Password,
        e => WorkbookError::Corrupt(e.to_string()),
    })
}

/// Why an .xls that the BIFF pass found encrypted (with RC4) could not be
/// decrypted, as the file's reason.
fn decrypt_error(e: decrypt::DecryptError) -> WorkbookError {
    use decrypt::DecryptError as E;
    match e {
        E::WrongPassword => WorkbookError::Password,
        E::Unsupported(what) => WorkbookError::Encryption(what),
        E::Malformed(what) => WorkbookError::EncryptionDamaged(what),
        E::NoWorkbookStream => WorkbookError::NoWorkbookStream,
        E::NotXls(detail) => WorkbookError::Corrupt(detail),
        // The BIFF pass found a FILEPASS record where the decrypter finds none.
        E::NotEncrypted => WorkbookError::Inconsistent,
    }
}

/// A zip archive: .xlsx/.xlsm, .xlsb or .ods, told apart by what is inside.
fn read_zip(bytes: &[u8]) -> Result<readers::Read, WorkbookError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| WorkbookError::Corrupt(e.to_string()))?;
    let mut unzipped: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(|e| WorkbookError::Corrupt(e.to_string()))?.size();
        unzipped = unzipped.saturating_add(size);
    }
    if unzipped > MAX_UNZIPPED {
        return Err(WorkbookError::Unzipped { bytes: unzipped, max: MAX_UNZIPPED });
    }
    let names: Vec<String> =
        zip.file_names().filter_map(|n| n.ok()).map(|n| n.to_ascii_lowercase()).collect();
    let has = |n: &str| names.iter().any(|f| f.as_str() == n.to_ascii_lowercase());
    let corrupt = |e: &dyn std::fmt::Display| WorkbookError::Corrupt(e.to_string());
    if has("content.xml") && !has("[Content_Types].xml") {
        ods::read(bytes).map_err(WorkbookError::Corrupt)
    } else if has("xl/workbook.bin") {
        readers::xlsb(bytes).map_err(|e| match e {
            calamine::XlsbError::Password => WorkbookError::Password,
            e => corrupt(&e),
        })
    } else {
        let checked = xlsx::check(bytes)?;
        readers::xlsx(bytes, &checked).map_err(|e| match e {
            calamine::XlsxError::Password => WorkbookError::Password,
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

    /// The one diagnostic of reading `bytes` as the file `name`.
    fn only_diagnostic(name: &str, bytes: &[u8]) -> (Option<Vec<Sheet>>, Diagnostic) {
        let (sheets, mut diags) = parse(name, bytes);
        assert_eq!(diags.len(), 1, "{diags:?}");
        (sheets, diags.remove(0))
    }

    #[test]
    fn a_text_table_is_noted_with_its_encoding_and_delimiter() {
        let table = "指标;2025年\n专利授权量;8710\n";
        let gbk = encoding_rs::GBK.encode(table).0.into_owned();
        let (sheets, d) = only_diagnostic("专利.csv", &gbk);
        assert_eq!(sheets.map(|s| s.len()), Some(1));
        assert_eq!((d.level, &d.place), (Level::Note, &Place::file("专利.csv")));
        assert_eq!(
            d.kind,
            DiagKind::TextWorkbook {
                encoding: crate::diag::TextEncoding::Gb18030,
                delimiter: crate::diag::Delimiter::Semicolon
            }
        );
    }

    #[test]
    fn a_text_table_in_a_guessed_foreign_encoding_is_a_warning() {
        let latin = encoding_rs::WINDOWS_1252.encode("name,value\ncafé,1\n").0.into_owned();
        let (sheets, d) = only_diagnostic("a.csv", &latin);
        assert_eq!(sheets.map(|s| s.len()), Some(1));
        assert_eq!(
            d.to_string(),
            "警告：a.csv：按文本表格读取（编码 windows-1252，逗号分隔）；该编码是按文件内容推测的，不是常用的 UTF-8 或 GB18030（GBK），文字可能被误读为乱码。如指标、地区等名称显示为乱码或未能识别，请用 Excel 或 WPS 打开原表，另存为“CSV UTF-8（逗号分隔）”或“Excel 工作簿（*.xlsx）”后放入数据目录"
        );
        assert_eq!(
            (d.level, d.kind),
            (
                Level::Warning,
                DiagKind::TextWorkbook {
                    encoding: TextEncoding::Other("windows-1252"),
                    delimiter: crate::diag::Delimiter::Comma
                }
            )
        );
    }

    #[test]
    fn a_compound_file_without_a_workbook_is_named_as_such() {
        let mut doc = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        doc.create_stream("/WordDocument").and_then(|mut s| std::io::Write::write_all(&mut s, b"x")).unwrap();
        doc.flush().unwrap();
        let bytes = doc.into_inner().into_inner();
        let (sheets, d) = only_diagnostic("伪装.xls", &bytes);
        assert!(sheets.is_none());
        assert_eq!(d.kind, DiagKind::WorkbookUnreadable { reason: WorkbookError::NoWorkbookStream });
    }

    #[test]
    fn a_panic_s_message_is_kept_as_the_library_s_words() {
        assert_eq!(panic_message(&"index out of bounds"), "index out of bounds");
        assert_eq!(
            panic_message(&String::from("attempt to add with overflow")),
            "attempt to add with overflow"
        );
        assert_eq!(panic_message(&42), "");
    }

    #[test]
    fn decryption_failures_are_our_reasons_or_the_library_s_words() {
        use decrypt::DecryptError as E;
        for (e, reason) in [
            (E::WrongPassword, WorkbookError::Password),
            (E::Unsupported("加密类型 3".into()), WorkbookError::Encryption("加密类型 3".into())),
            (
                E::Malformed("工作簿中有多个 FILEPASS 记录".into()),
                WorkbookError::EncryptionDamaged("工作簿中有多个 FILEPASS 记录".into()),
            ),
            (E::NoWorkbookStream, WorkbookError::NoWorkbookStream),
            (E::NotXls("invalid CFB file".into()), WorkbookError::Corrupt("invalid CFB file".into())),
            (E::NotEncrypted, WorkbookError::Inconsistent),
        ] {
            assert_eq!(decrypt_error(e), reason);
        }
    }

    #[test]
    fn a_file_that_is_no_workbook_is_an_error_with_its_reason() {
        for (name, bytes, reason) in [
            ("a.xlsx", &b"garbage"[..], WorkbookError::Unknown),
            ("a.csv", &[0x00, 0x01, 0x02, 0x03, 0xFF, 0x10, 0x00, 0x7F][..], WorkbookError::NotText),
            (
                "a.xls",
                &b"<html><body>no</body></html>"[..],
                WorkbookError::HtmlWithoutTable("网页中没有 <table> 表格".into()),
            ),
            ("a.xlsx", &b"PK\x03\x04 truncated"[..], WorkbookError::Corrupt(String::new())),
        ] {
            let (sheets, d) = only_diagnostic(name, bytes);
            assert!(sheets.is_none());
            assert_eq!((d.level, &d.place), (Level::Error, &Place::file(name)));
            match (&d.kind, &reason) {
                // The zip library's own words, whatever they are.
                (
                    DiagKind::WorkbookUnreadable { reason: WorkbookError::Corrupt(detail) },
                    WorkbookError::Corrupt(_),
                ) => assert!(!detail.is_empty()),
                (kind, _) => assert_eq!(kind, &DiagKind::WorkbookUnreadable { reason }),
            }
        }
    }

    #[test]
    fn a_sheet_past_a_limit_is_an_error_naming_the_limit() {
        let failures = vec![
            readers::Failure::Limit { sheet: "大表".into(), limit: Limit::TooManyCells },
            readers::Failure::Limit {
                sheet: "坏表".into(),
                limit: Limit::OutOfRange { row: 2_000_000, col: 3 },
            },
        ];
        let (sheets, diags) = finish("a.xlsx", Ok((Vec::new(), failures)), Vec::new());
        assert_eq!(sheets.map(|s| s.len()), Some(0));
        let got: Vec<(Level, Place, DiagKind)> =
            diags.into_iter().map(|d| (d.level, d.place, d.kind)).collect();
        assert_eq!(
            got,
            [
                (
                    Level::Error,
                    Place::sheet("a.xlsx", "大表"),
                    DiagKind::SheetOverLimit { limit: SheetLimit::TooManyCells { max: MAX_CELLS } }
                ),
                (
                    Level::Error,
                    Place::sheet("a.xlsx", "坏表"),
                    DiagKind::SheetOverLimit { limit: SheetLimit::OutOfRange { cell: "D2000001".into() } }
                ),
            ]
        );
    }

    #[test]
    fn a_zip_too_large_unpacked_names_its_size_and_the_limit() {
        // A stored entry whose header claims 2 GB: the claim alone is refused.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, b"x").unwrap();
        let mut bytes = zip.finish().unwrap().into_inner();
        let claim = (2u64 << 30) as u32;
        let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&claim.to_le_bytes());
        let (_, d) = only_diagnostic("大.xlsx", &bytes);
        assert_eq!(
            d.kind,
            DiagKind::WorkbookUnreadable {
                reason: WorkbookError::Unzipped { bytes: 2 << 30, max: MAX_UNZIPPED }
            }
        );
    }
}
