//! The fields of a text table one at a time, as `csv-core` finds them, with the
//! caps of a line applied while it is read: no line is held whole, only the field
//! being read, and that field stops at Excel's limit for a cell. So a 50 MB file
//! of one line, of bare delimiters, or of one quoted field that never ends costs
//! a field's worth of memory and ends with the line that passed a cap.
//!
//! Blank lines between records are skipped, as the `csv` crate skips them; a
//! record's row is its number among the records, its line the file's line where
//! it starts (a quoted field may hold line breaks).

use std::borrow::Cow;

use csv_core::{ReadFieldResult, Reader, ReaderBuilder};

use crate::diag::LineLimit;

/// Fields one line may have: Excel's 16,384 columns, A to XFD.
pub const MAX_FIELDS: u64 = crate::workbook::MAX_COLS as u64;
/// Characters one field may hold: Excel's limit for a cell.
pub const MAX_FIELD_CHARS: u64 = crate::workbook::MAX_TEXT_CHARS as u64;
/// Characters one line may hold, delimiters and quotes included: far more than
/// a row of 16,384 figures or names takes.
pub const MAX_LINE_CHARS: u64 = 1 << 20;

/// The bytes a field of [`MAX_FIELD_CHARS`] characters may take in UTF-8.
const MAX_FIELD_BYTES: usize = 4 * MAX_FIELD_CHARS as usize;

/// A line past one of the caps: the line where its record starts (1-based) and
/// the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverLimit {
    pub line: u64,
    pub limit: LineLimit,
}

/// One field read: its record's zero-based row, its zero-based column, its text.
#[derive(Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub row: u64,
    pub col: u32,
    pub text: Cow<'a, str>,
}

/// The CSV reader of a text table: any delimiter, double quotes, no comments.
fn reader(delimiter: u8) -> Reader {
    ReaderBuilder::new().delimiter(delimiter).build()
}

/// The characters in UTF-8 bytes: the bytes that start one.
fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| !(0x80..0xC0).contains(&b)).count() as u64
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The fields of a text, read one at a time.
pub struct Fields<'a> {
    input: &'a [u8],
    pos: usize,
    reader: Reader,
    /// The field being read; it grows up to [`MAX_FIELD_BYTES`].
    buf: Vec<u8>,
    /// The current record's row and the column of its next field.
    row: u64,
    col: u64,
    /// The line being read (1-based) and the line the current record started on.
    line: u64,
    record_line: u64,
    /// Characters of the current record read so far.
    chars: u64,
    /// Whether the next field starts a record.
    at_start: bool,
    done: bool,
}

impl<'a> Fields<'a> {
    pub fn new(text: &'a str, delimiter: u8) -> Self {
        Fields {
            input: text.as_bytes(),
            pos: 0,
            reader: reader(delimiter),
            buf: vec![0; 256],
            row: 0,
            col: 0,
            line: 1,
            record_line: 1,
            chars: 0,
            at_start: true,
            done: false,
        }
    }

    /// The next field; `None` at the end of the text.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Field<'_>>, OverLimit> {
        if self.done {
            return Ok(None);
        }
        if self.at_start {
            // Line breaks between records: the CSV reader skips them too.
            let blank = self.input[self.pos..].iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
            self.line += newlines(&self.input[self.pos..self.pos + blank]);
            self.pos += blank;
            (self.record_line, self.chars, self.col, self.at_start) = (self.line, 0, 0, false);
        }
        let over = |line, limit| Err(OverLimit { line, limit });
        let mut len = 0;
        loop {
            let input = &self.input[self.pos..];
            let (result, read, written) = self.reader.read_field(input, &mut self.buf[len..]);
            let consumed = &input[..read];
            self.pos += read;
            len += written;
            self.line += newlines(consumed);
            self.chars += chars(consumed);
            if self.chars > MAX_LINE_CHARS {
                return over(self.record_line, LineLimit::Chars { max: MAX_LINE_CHARS });
            }
            match result {
                ReadFieldResult::InputEmpty => {}
                ReadFieldResult::OutputFull if self.buf.len() >= MAX_FIELD_BYTES => {
                    let col = u32::try_from(self.col).unwrap_or(u32::MAX);
                    return over(self.record_line, LineLimit::FieldChars { col, max: MAX_FIELD_CHARS });
                }
                ReadFieldResult::OutputFull => {
                    let size = (self.buf.len() * 2).min(MAX_FIELD_BYTES);
                    self.buf.resize(size, 0);
                }
                ReadFieldResult::Field { record_end } => {
                    let (row, col) = (self.row, self.col);
                    if col >= MAX_FIELDS {
                        return over(self.record_line, LineLimit::Fields { max: MAX_FIELDS });
                    }
                    // The cap on bytes let through up to four times the characters.
                    let col = col as u32;
                    if chars(&self.buf[..len]) > MAX_FIELD_CHARS {
                        return over(self.record_line, LineLimit::FieldChars { col, max: MAX_FIELD_CHARS });
                    }
                    self.col += 1;
                    if record_end {
                        self.row += 1;
                        self.at_start = true;
                    }
                    // The text is UTF-8 and the delimiters and quotes are ASCII, so a
                    // field is UTF-8 too; lossy only so that nothing can panic.
                    return Ok(Some(Field { row, col, text: String::from_utf8_lossy(&self.buf[..len]) }));
                }
                ReadFieldResult::End => {
                    self.done = true;
                    return Ok(None);
                }
            }
        }
    }
}

/// The records of a text and the fields of its widest record, for the message of
/// a file past a limit: counted to the end, saturating, storing nothing.
pub fn measure(text: &str, delimiter: u8) -> (u64, u64) {
    let mut reader = reader(delimiter);
    let mut scratch = [0u8; 4096];
    let (mut input, mut rows, mut cols, mut fields) = (text.as_bytes(), 0u64, 0u64, 0u64);
    loop {
        let (result, read, _) = reader.read_field(input, &mut scratch);
        input = &input[read..];
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                fields = fields.saturating_add(1);
                if record_end {
                    rows = rows.saturating_add(1);
                    cols = cols.max(fields);
                    fields = 0;
                }
            }
            ReadFieldResult::End => return (rows, cols),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of a text as (row, column, text), or the cap it passed.
    fn all(text: &str, delimiter: u8) -> Result<Vec<(u64, u32, String)>, OverLimit> {
        let mut fields = Fields::new(text, delimiter);
        let mut out = Vec::new();
        while let Some(f) = fields.next()? {
            out.push((f.row, f.col, f.text.into_owned()));
        }
        Ok(out)
    }

    #[test]
    fn reads_fields_as_the_csv_crate_does() {
        let text = "指标,\"8,710\"\r\n\r\n\n\"多\n行\",\"引号\"\"内\"\n末行";
        let fields = all(text, b',').unwrap();
        let want = [(0, 0, "指标"), (0, 1, "8,710"), (1, 0, "多\n行"), (1, 1, "引号\"内"), (2, 0, "末行")];
        assert_eq!(fields, want.map(|(r, c, t)| (r, c, t.to_string())));
        let mut csv =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> =
            csv.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        assert_eq!(rows, [vec!["指标", "8,710"], vec!["多\n行", "引号\"内"], vec!["末行"]]);
        assert_eq!(measure(text, b','), (3, 2));
    }

    #[test]
    fn a_line_of_bare_delimiters_stops_at_the_first_field_past_xfd() {
        for d in [b',', b'\t', b';', b'|'] {
            let line = (d as char).to_string().repeat(1_000_000);
            let text = format!("指标\r\n\r\n{line}\r\n");
            assert_eq!(
                all(&text, d).unwrap_err(),
                OverLimit { line: 3, limit: LineLimit::Fields { max: 16_384 } },
                "{}",
                d as char
            );
        }
        // 16,384 fields are a full row, and read.
        let full = ",".repeat(16_383);
        assert_eq!(all(&full, b',').unwrap().len(), 16_384);
    }

    #[test]
    fn a_field_past_excel_s_cell_limit_stops_as_it_grows() {
        // One quoted field that never ends: it would be the rest of the file.
        let text = format!("指标,2025年\n专利授权量,\"{}", "8710,\n".repeat(1_000_000));
        assert_eq!(
            all(&text, b',').unwrap_err(),
            OverLimit { line: 2, limit: LineLimit::FieldChars { col: 1, max: 32_767 } }
        );
        // Characters, not bytes: 32,767 Chinese characters are one cell.
        let full = "统".repeat(32_767);
        assert_eq!(all(&full, b',').unwrap(), [(0, 0, full.clone())]);
        let over = "统".repeat(32_768);
        assert_eq!(
            all(&over, b',').unwrap_err(),
            OverLimit { line: 1, limit: LineLimit::FieldChars { col: 0, max: 32_767 } }
        );
    }

    #[test]
    fn a_line_past_a_million_characters_stops_there() {
        // Fields of 1000 characters: 1049 of them pass the line's cap.
        let line = vec!["1".repeat(1000); 2000].join(",");
        let text = format!("指标\n{line}\n");
        assert_eq!(
            all(&text, b',').unwrap_err(),
            OverLimit { line: 2, limit: LineLimit::Chars { max: 1_048_576 } }
        );
    }
}
