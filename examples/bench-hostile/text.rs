//! Hostile text tables: 50 MB files of one shape each (one single line, a line
//! of bare delimiters, one quoted field that never ends, UTF-16 and GBK lines),
//! made to exhaust a reader that holds a line or its fields before checking them.

use std::io::{self, Write};
use std::path::Path;

/// The size of each hostile text file.
const SIZE: usize = 50 << 20;

/// Writes `head`, then `unit` until the file holds [`SIZE`] bytes, then `tail`.
fn repeated(path: &Path, head: &[u8], unit: &[u8], tail: &[u8]) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    w.write_all(head)?;
    let block: Vec<u8> =
        unit.iter().copied().cycle().take(unit.len() * (65_536 / unit.len()).max(1)).collect();
    let mut written = head.len();
    while written + block.len() <= SIZE {
        w.write_all(&block)?;
        written += block.len();
    }
    while written + unit.len() <= SIZE {
        w.write_all(unit)?;
        written += unit.len();
    }
    w.write_all(tail)?;
    w.flush()
}

/// One line of numbers and commas, no line break: 50 MB.
pub fn one_line(path: &Path) -> io::Result<()> {
    repeated(path, "指标,".as_bytes(), b"12345,", b"")
}

/// A line of bare commas.
pub fn bare_commas(path: &Path) -> io::Result<()> {
    repeated(path, b"", b",", b"\n")
}

/// A line of tabs.
pub fn tabs(path: &Path) -> io::Result<()> {
    repeated(path, b"", b"\t", b"\n")
}

/// A line of semicolons between numbers.
pub fn semicolons(path: &Path) -> io::Result<()> {
    repeated(path, b"", b"1;", b"\n")
}

/// A line of vertical bars.
pub fn bars(path: &Path) -> io::Result<()> {
    repeated(path, b"", b"|", b"\n")
}

/// A header line, then one quoted field of 50 MB.
pub fn quoted_field(path: &Path) -> io::Result<()> {
    repeated(path, "指标,2025年\n专利授权量,\"".as_bytes(), b"a", b"\"\n")
}

/// A quote that is never closed: the rest of the file, lines and commas, is one
/// field.
pub fn open_quote(path: &Path) -> io::Result<()> {
    repeated(path, "指标,2025年\n\"专利授权量,".as_bytes(), "专利授权量,8710\n".as_bytes(), b"")
}

/// 50 MB without a delimiter or a line break.
pub fn no_delimiter(path: &Path) -> io::Result<()> {
    repeated(path, b"", b"a", b"")
}

/// Excel's "Unicode text": UTF-16 with a byte-order mark, one line of tabbed
/// numbers.
pub fn utf16(path: &Path) -> io::Result<()> {
    let unit: Vec<u8> = "12\t".encode_utf16().flat_map(u16::to_le_bytes).collect();
    repeated(path, &[0xFF, 0xFE], &unit, &[])
}

/// GBK without a mark, one line of Chinese fields and commas.
pub fn gbk(path: &Path) -> io::Result<()> {
    let unit = encoding_rs::GBK.encode("专利授权量,").0.into_owned();
    repeated(path, &unit, &unit, b"")
}

/// 26 million short lines: past Excel's 1,048,576 rows.
pub fn many_rows(path: &Path) -> io::Result<()> {
    repeated(path, "指标,2025年\n".as_bytes(), b"1\n", b"")
}
