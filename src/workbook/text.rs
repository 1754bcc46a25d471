//! Text exports: .csv, .tsv and .txt tables as other systems and Excel write
//! them. The encoding is found from a byte-order mark (UTF-8, UTF-16 LE/BE, as in
//! Excel's "Unicode text"), else by checking for valid UTF-8, else by guessing with
//! `chardetng` (GB18030/GBK on Chinese Windows) and decoding with `encoding_rs`.
//! The delimiter (tab, comma, semicolon, vertical bar) is the one that splits the
//! first lines most consistently; fields are read with the `csv` crate, quotes and
//! all. Every field becomes a text cell, as in a sheet of numbers stored as text:
//! the table finder reads them like any other sheet.
//!
//! Receives a file's bytes; hands on one [`Sheet`] built with [`SheetBuilder`], so
//! the same position and cell limits apply.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{Cell, Sheet, SheetBuilder};
use crate::diag::{Delimiter, TextEncoding, WorkbookError};

/// The file extensions read as text tables.
pub const EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];

/// What a text file was read as, for the note in `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: TextEncoding,
    pub delimiter: Delimiter,
}

/// Reads a text table into one sheet named after the file (without extension).
pub fn read(name: &str, bytes: &[u8]) -> Result<(Sheet, Decoded), WorkbookError> {
    let (text, encoding) = decode(bytes).ok_or(WorkbookError::NotText)?;
    let delimiter = sniff_delimiter(&text);
    let sheet_name = std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name);
    let mut builder = SheetBuilder::new(sheet_name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| WorkbookError::Corrupt(format!("第 {} 行：{e}", row + 1)))?;
        // Past a limit, the message names the limit of an .xls file's grids (600 万),
        // not this reader's own (MAX_CELLS), as it always has.
        let row = u32::try_from(row).map_err(|_| super::too_many_cells(u64::MAX))?;
        for (col, field) in record.iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            let col = u32::try_from(col).unwrap_or(u32::MAX);
            builder.push(row, col, Cell::Text(field.to_string())).map_err(|l| match l {
                super::Limit::OutOfRange { row, col } => WorkbookError::Corrupt(format!(
                    "第 {} 行第 {} 个字段超出 Excel 工作表的范围（1048576 行 × 16384 列）",
                    row + 1,
                    col + 1
                )),
                _ => super::too_many_cells(super::MAX_CELLS as u64 + 1),
            })?;
        }
    }
    let sheet = builder.finish().map_err(|_| super::too_many_cells(super::MAX_CELLS as u64 + 1))?;
    let delimiter = match delimiter {
        b'\t' => Delimiter::Tab,
        b';' => Delimiter::Semicolon,
        b'|' => Delimiter::Bar,
        _ => Delimiter::Comma,
    };
    Ok((sheet, Decoded { encoding, delimiter }))
}

/// The text of a file and its encoding; `None` when it is no text (NULs or
/// control characters in a file without a UTF-16 mark).
pub fn decode(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    let (encoding, name, body): (&'static Encoding, TextEncoding, &[u8]) =
        if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            (UTF_8, TextEncoding::Utf8, rest)
        } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
            (UTF_16LE, TextEncoding::Utf16, rest)
        } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
            (UTF_16BE, TextEncoding::Utf16, rest)
        } else if let Some(e) = utf16_without_mark(bytes) {
            (e, TextEncoding::Utf16, bytes)
        } else if std::str::from_utf8(bytes).is_ok() {
            (UTF_8, TextEncoding::Utf8, bytes)
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"cn"), true);
            let name = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
                TextEncoding::Gb18030
            } else {
                TextEncoding::Other(guess.name())
            };
            (guess, name, bytes)
        };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    // Binary content, or text in no encoding: refuse rather than read noise.
    let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if malformed || control > 0 {
        return None;
    }
    Some((text.into_owned(), name))
}

/// UTF-16 without a byte-order mark: ASCII characters show as NULs at every other
/// byte.
fn utf16_without_mark(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 3 > pairs && even == 0 {
        Some(UTF_16LE)
    } else if even * 3 > pairs && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The delimiter that splits the first lines most consistently: the most lines
/// with the same number (at least one) of it outside quotes; tab wins a tie, as in
/// Excel's text exports, then comma.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(50).collect();
    let mut best = (b',', 0usize);
    for d in [b'\t', b',', b';', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d as char)).collect();
        let mut tally = std::collections::BTreeMap::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *tally.entry(c).or_insert(0usize) += 1;
        }
        // Lines that have it, weighted by how many agree on one count.
        let agreeing = tally.values().max().copied().unwrap_or(0);
        let having = counts.iter().filter(|&&c| c > 0).count();
        let score = agreeing + having;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c == d && !quoted => n += 1,
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(sheet: &Sheet, row: usize) -> Vec<String> {
        sheet.cells(row).map(|(_, c)| c.text().unwrap_or("").to_string()).collect()
    }

    #[test]
    fn reads_every_encoding_and_delimiter() {
        let table = "指标,2024年,2025年\n专利授权量,\"8,710\",9120\n";
        let gbk = encoding_rs::GBK.encode(table).0.into_owned();
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(table.as_bytes());
        let tabbed = table.replace(',', "\t").replace("\"8\t710\"", "8710");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
        let utf16_plain: Vec<u8> = tabbed.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let semi = table.replace(',', ";").replace("\"8;710\"", "\"8,710\"");
        for (bytes, encoding, delimiter) in [
            (table.as_bytes().to_vec(), TextEncoding::Utf8, Delimiter::Comma),
            (utf8_bom, TextEncoding::Utf8, Delimiter::Comma),
            (gbk, TextEncoding::Gb18030, Delimiter::Comma),
            (utf16, TextEncoding::Utf16, Delimiter::Tab),
            (utf16_plain, TextEncoding::Utf16, Delimiter::Tab),
            (semi.into_bytes(), TextEncoding::Utf8, Delimiter::Semicolon),
        ] {
            let (sheet, decoded) = read("专利.csv", &bytes).unwrap();
            assert_eq!(decoded, Decoded { encoding, delimiter });
            assert_eq!(sheet.name, "专利");
            assert_eq!(cells(&sheet, 0), ["指标", "2024年", "2025年"]);
            let second = cells(&sheet, 1);
            assert_eq!(second[0], "专利授权量");
            assert!(second[1] == "8,710" || second[1] == "8710", "{second:?}");
            assert_eq!(second[2], "9120");
        }
    }

    #[test]
    fn binary_is_refused() {
        assert!(read("a.txt", &[0x00, 0x01, 0x02, 0x03, 0xFF, 0x10, 0x00, 0x7F]).is_err());
        assert!(read("a.csv", b"PK\x03\x04\x00\x00garbage").is_err());
    }
}
