//! Text exports: .csv, .tsv and .txt tables as other systems and Excel write
//! them. The encoding is found from a byte-order mark (UTF-8, UTF-16 LE/BE, as in
//! Excel's "Unicode text"), else by checking for valid UTF-8, else by guessing with
//! `chardetng` (GB18030/GBK on Chinese Windows) and decoding with `encoding_rs`.
//! The delimiter (tab, comma, semicolon, vertical bar) is the one that splits the
//! first lines most consistently; fields are read one at a time with `csv-core`,
//! quotes and all ([`fields`]), so that a line's caps (fields, characters, a
//! field's characters) stop a hostile line as it is read. Every field becomes a
//! text cell, as in a sheet of numbers stored as text: the table finder reads
//! them like any other sheet.
//!
//! Receives a file's bytes; hands on one [`Sheet`] built with [`SheetBuilder`], so
//! the same position and cell limits apply. A file past the rows or cells of a
//! sheet is measured (rows, widest row) for its error, which names the limit it
//! passed; a line past a cap is named by its number.

mod fields;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{Cell, Limit, MAX_CELLS, MAX_ROWS, MAX_TEXT_BYTES, Sheet, SheetBuilder};
use crate::diag::{Delimiter, TextEncoding, TextLimit, WorkbookError};

pub use fields::{MAX_FIELD_CHARS, MAX_FIELDS, MAX_LINE_CHARS};

/// The file extensions read as text tables.
pub const EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];

/// How much of the text the delimiter is sniffed from.
const SNIFF_BYTES: usize = 64 << 10;

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
    let too_large = |limit: Limit| {
        let limit = match limit {
            // Columns are capped as the fields are read: only rows can be past.
            Limit::OutOfRange { .. } | Limit::RefOutOfRange { .. } => {
                TextLimit::Rows { max: u64::from(MAX_ROWS) }
            }
            // A text table has no merged regions.
            Limit::TooManyCells | Limit::TooManyMergedCells => {
                TextLimit::Cells { max: u64::try_from(MAX_CELLS).unwrap_or(u64::MAX) }
            }
            // Its fields are capped as they are read, and its name is the file's:
            // only more text than a workbook may hold is left.
            Limit::TooMuchText | Limit::TextTooLong { .. } | Limit::NameTooLong { .. } => {
                return WorkbookError::TooMuchText { max: MAX_TEXT_BYTES as u64 };
            }
        };
        let (rows, cols) = fields::measure(&text, delimiter);
        WorkbookError::TextTooLarge { rows, cols, limit }
    };
    let mut fields = fields::Fields::new(&text, delimiter);
    loop {
        let field = match fields.next() {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(over) => return Err(WorkbookError::TextLineOverLimit { line: over.line, limit: over.limit }),
        };
        if field.text.trim().is_empty() {
            continue;
        }
        // Positions past u32 are past Excel's limits too: the builder refuses them.
        let row = u32::try_from(field.row).unwrap_or(u32::MAX);
        builder.push(row, field.col, Cell::Text(field.text.into_owned())).map_err(too_large)?;
    }
    let sheet = builder.finish().map_err(too_large)?;
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
            let guess = guess_encoding(bytes);
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

/// The bytes the encoding of a text without a mark is guessed from: the
/// detector takes 0.3 s a megabyte, and a megabyte of the text is plenty.
const GUESS_BYTES: usize = 1 << 20;

/// The encoding `chardetng` guesses, for Chinese text, from the first
/// [`GUESS_BYTES`] from the first byte that is not ASCII (ASCII says nothing).
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = &bytes[start..bytes.len().min(start.saturating_add(GUESS_BYTES))];
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, start + sample.len() == bytes.len());
    detector.guess(Some(b"cn"), true)
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
    // The first lines within the head, the last perhaps cut short; a line of
    // delimiters alone (tabs are white space) counts.
    let head = &text[..text.floor_char_boundary(SNIFF_BYTES)];
    let lines: Vec<&str> =
        head.lines().filter(|l| !l.trim_matches([' ', '\r']).is_empty()).take(50).collect();
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
    use crate::diag::LineLimit;

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
    fn the_encoding_is_guessed_from_the_text_after_an_ascii_head() {
        // Two megabytes of figures before the first Chinese name: the guess looks
        // at the text, not at the head it would learn nothing from.
        let mut bytes = "1,2\n".repeat(500_000).into_bytes();
        bytes.extend(encoding_rs::GBK.encode("专利授权量,8710\n有效发明专利拥有量,17280\n").0.iter());
        let (sheet, decoded) = read("a.csv", &bytes).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Gb18030);
        assert_eq!(cells(&sheet, 500_001), ["有效发明专利拥有量", "17280"]);
    }

    /// The error of reading a text table that passes a limit.
    fn too_large(text: &str) -> WorkbookError {
        read("大.csv", text.as_bytes()).map(|_| ()).unwrap_err()
    }

    #[test]
    fn a_table_past_the_cell_limit_names_its_size_and_this_reader_s_limit() {
        // 1000 rows of 2001 fields: 2,001,000 cells, past the 2,000,000 of one sheet.
        let row = format!("{}1\n", "1,".repeat(2000));
        assert_eq!(
            too_large(&row.repeat(1000)),
            WorkbookError::TextTooLarge {
                rows: 1000,
                cols: 2001,
                limit: TextLimit::Cells { max: 2_000_000 }
            }
        );
        assert_eq!(
            crate::diag::text::message(&crate::diag::Kind::WorkbookUnreadable {
                reason: too_large(&row.repeat(1000))
            }),
            "文本文件共 1000 行 × 2001 列，有内容的单元格超过 200 万个，超出本工具每个工作表的处理上限"
        );
    }

    #[test]
    fn a_table_past_excel_s_rows_names_them() {
        // Every row is counted, blank fields and all, to the end of the file.
        let rows = format!("指标,年份\n{}", "1,\n".repeat(1_048_576));
        assert_eq!(
            too_large(&rows),
            WorkbookError::TextTooLarge {
                rows: 1_048_577,
                cols: 2,
                limit: TextLimit::Rows { max: 1_048_576 }
            }
        );
    }

    #[test]
    fn a_line_past_xfd_is_named_whatever_its_delimiters_and_encoding() {
        let over = WorkbookError::TextLineOverLimit { line: 2, limit: LineLimit::Fields { max: 16_384 } };
        // Bare delimiters, quoted empty fields, figures: 16,385 fields on line 2.
        let utf16 = |t: &str| -> Vec<u8> {
            [0xFF, 0xFE].into_iter().chain(t.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        };
        let gbk = |t: &str| encoding_rs::GBK.encode(t).0.into_owned();
        for line in [
            ",".repeat(16_384),
            "\t".repeat(16_384),
            ";".repeat(16_384),
            "|".repeat(16_384),
            vec!["\"\""; 16_385].join(","),
            vec!["1"; 16_385].join(","),
            vec!["专利"; 16_385].join("\t"),
        ] {
            let text = format!("指标\n{line}\n");
            assert_eq!(read("宽.csv", text.as_bytes()).map(|_| ()).unwrap_err(), over, "{}", &line[..6]);
            assert_eq!(read("宽.txt", &utf16(&text)).map(|_| ()).unwrap_err(), over);
            assert_eq!(read("宽.csv", &gbk(&text)).map(|_| ()).unwrap_err(), over);
        }
        // A full row of 16,384 fields is read.
        let full = format!("指标\n{}\n", vec!["1"; 16_384].join(","));
        let (sheet, _) = read("宽.csv", full.as_bytes()).unwrap();
        assert_eq!(sheet.width(), 16_384);
        assert_eq!(
            crate::diag::text::message(&crate::diag::Kind::WorkbookUnreadable { reason: over }),
            "文本文件第 2 行超过 16384 列（Excel 工作表最多 16384 列，即 A 列到 XFD 列），超出本工具的处理上限"
        );
    }

    #[test]
    fn a_quoted_field_past_a_cell_s_limit_is_named_by_its_line_and_column() {
        let text = format!("指标,2025年\n专利授权量,\"{}\"\n", "统".repeat(40_000));
        assert_eq!(
            read("长.csv", text.as_bytes()).map(|_| ()).unwrap_err(),
            WorkbookError::TextLineOverLimit {
                line: 2,
                limit: LineLimit::FieldChars { col: 1, max: 32_767 }
            }
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(read("a.txt", &[0x00, 0x01, 0x02, 0x03, 0xFF, 0x10, 0x00, 0x7F]).is_err());
        assert!(read("a.csv", b"PK\x03\x04\x00\x00garbage").is_err());
    }
}
