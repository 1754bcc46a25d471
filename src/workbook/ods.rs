//! Reading OpenDocument spreadsheets (.ods, as LibreOffice and WPS save them) from
//! `content.xml` in one streaming pass. Done here rather than by calamine so that
//! - a percentage cell (`office:value-type="percentage"`) is a [`Cell::Percent`],
//!   not its bare fraction;
//! - repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`)
//!   cost nothing when empty and are bounded by [`MAX_CELLS`] when not, and a space
//!   count (`text:s text:c`) cannot inflate a text;
//! - merged cells (`number-columns-spanned`, `number-rows-spanned`) and hidden
//!   sheets (`table:display="false"`) are known;
//! - a cell's text is read a run at a time and stops growing past what a cell may
//!   hold: a cell of a gigabyte of text costs a cell's worth of memory, and is
//!   refused at its place; so is a workbook of more than [`MAX_SHEETS`] sheets.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::Cell;
use super::MAX_SHEETS;
use super::readers::{Failure, Read as Sheets};
use super::sheet::{Limit, MAX_COLS, MAX_ROWS, MAX_TEXT_CHARS, Merge, Sheet, SheetBuilder, check_name};

/// Spaces one `text:s` element may stand for; more is no real document.
const MAX_SPACES: usize = 1000;

/// The bytes of a cell's text past which it surely has more characters than a
/// cell may (a character takes at most four bytes in UTF-8): the rest of its
/// text is skipped, not held.
const MAX_CELL_BYTES: usize = 4 * MAX_TEXT_CHARS + 4;

/// Reads the text up to the next tag straight from the XML, without the parser
/// holding it whole, onto `text` while `text` has room for it (its entities
/// resolved and its line ends normalised, as the parser would); the rest is
/// skipped. Gives whether any was skipped.
fn text_run<R: BufRead>(reader: &mut quick_xml::Reader<R>, text: &mut String) -> std::io::Result<bool> {
    let mut stream = reader.stream();
    let mut raw = Vec::new();
    let mut skipped = false;
    loop {
        let buf = stream.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let (end, done) = match buf.iter().position(|&b| b == b'<') {
            Some(i) => (i, true),
            None => (buf.len(), false),
        };
        let room = MAX_CELL_BYTES.saturating_sub(text.len() + raw.len());
        raw.extend_from_slice(&buf[..end.min(room)]);
        skipped |= end > room;
        stream.consume(end);
        if done {
            break;
        }
    }
    let raw = String::from_utf8_lossy(&raw).replace("\r\n", "\n").replace('\r', "\n");
    match quick_xml::escape::unescape(&raw) {
        Ok(t) => text.push_str(&t),
        // An entity cut by the room, or not one of XML's: the text as written.
        Err(_) => text.push_str(&raw),
    }
    Ok(skipped)
}

/// The attributes of an element, unescaped, by qualified name.
fn attrs(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .filter_map(|a| {
            let key = a.key.as_ref().to_string();
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.into_owned();
            Some((key, value))
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn count(attrs: &[(String, String)], key: &str) -> u64 {
    attr(attrs, key).and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1).max(1)
}

/// The text of a cell's content, up to its end tag, and whether it is longer
/// than a cell may hold (then it is cut short).
fn cell_text<R: std::io::BufRead>(
    reader: &mut quick_xml::Reader<R>,
    end: &str,
) -> Result<(String, bool), quick_xml::Error> {
    let mut text = String::new();
    let mut paragraphs = 0;
    let mut annotation = 0;
    let mut too_long = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf)?;
        match &event {
            Event::Start(e) if e.name().as_ref() == "office:annotation" => annotation += 1,
            Event::End(e) if e.name().as_ref() == "office:annotation" => annotation -= 1,
            _ if annotation > 0 => {}
            Event::Start(e) if e.name().as_ref() == "text:p" => {
                if paragraphs > 0 {
                    text.push('\n');
                }
                paragraphs += 1;
            }
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "text:s" => {
                let n = count(&attrs(e), "text:c") as usize;
                text.extend(std::iter::repeat_n(' ', n.min(MAX_SPACES)));
            }
            Event::Empty(e) if e.name().as_ref() == "text:tab" => text.push('\t'),
            Event::Empty(e) if e.name().as_ref() == "text:line-break" => text.push('\n'),
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                    text.push_str(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                }
            }
            Event::End(e) if e.name().as_ref() == end => return Ok((text, too_long)),
            Event::Eof => return Ok((text, too_long)),
            _ => {}
        }
        // The text after a tag, read here a run at a time within a cell's room;
        // inside an annotation it is skipped.
        if matches!(event, Event::Start(_) | Event::Empty(_) | Event::End(_)) {
            let mut run = String::new();
            let cut = text_run(reader, &mut run).map_err(|e| quick_xml::Error::Io(e.into()))?;
            if annotation == 0 {
                too_long |= cut;
                text.push_str(&run);
            }
        }
        if text.len() > MAX_CELL_BYTES {
            too_long = true;
            text.truncate(text.floor_char_boundary(MAX_CELL_BYTES));
        }
    }
}

/// The cell an ODS cell element holds.
fn cell_of(a: &[(String, String)], text: String) -> Cell {
    let number = |key: &str| attr(a, key).and_then(|v| v.trim().parse::<f64>().ok());
    if attr(a, "calcext:value-type") == Some("error") {
        return Cell::Error(text);
    }
    match attr(a, "office:value-type") {
        Some("float" | "currency") => number("office:value").map_or(Cell::Text(text), Cell::Number),
        Some("percentage") => number("office:value").map_or(Cell::Text(text), Cell::Percent),
        Some("date") => Cell::Date(attr(a, "office:date-value").unwrap_or(&text).to_string()),
        Some("time") => Cell::Date(attr(a, "office:time-value").unwrap_or(&text).to_string()),
        Some("boolean") => Cell::Bool(matches!(attr(a, "office:boolean-value"), Some("true" | "TRUE"))),
        Some(_) => Cell::Text(attr(a, "office:string-value").map_or(text, str::to_string)),
        None => match attr(a, "table:formula") {
            Some(f) if text.is_empty() => Cell::NoCachedValue(f.trim_start_matches("of:").to_string()),
            _ if text.is_empty() => Cell::Empty,
            _ => Cell::Text(text),
        },
    }
}

/// A sheet being read.
struct Table {
    builder: SheetBuilder,
    name: String,
    hidden: bool,
    merges: Vec<Merge>,
    row: u64,
    repeat: u64,
    col: u64,
    cells: Vec<(u32, Cell)>,
    failed: Option<Limit>,
}

impl Table {
    fn fail(&mut self, limit: Limit) {
        self.failed.get_or_insert(limit);
    }

    /// Adds a cell, `repeat` times along the row.
    fn cell(&mut self, cell: Cell, repeat: u64, span: (u64, u64)) {
        if self.failed.is_some() {
            return;
        }
        if cell != Cell::Empty {
            let last = self.col.saturating_add(repeat - 1);
            if self.row >= u64::from(MAX_ROWS) || last >= u64::from(MAX_COLS) {
                return self.fail(Limit::OutOfRange { row: self.row, col: last });
            }
            if repeat.saturating_add(self.cells.len() as u64) > super::sheet::MAX_CELLS as u64 {
                return self.fail(Limit::TooManyCells);
            }
            for k in 0..repeat {
                self.cells.push(((self.col + k) as u32, cell.clone()));
            }
            let (rows, cols) = span;
            if rows > 1 || cols > 1 {
                self.merges.push(Merge {
                    first_row: self.row as usize,
                    first_col: self.col as usize,
                    last_row: self.row.saturating_add(rows - 1).min(u64::from(MAX_ROWS) - 1) as usize,
                    last_col: self.col.saturating_add(cols - 1).min(u64::from(MAX_COLS) - 1) as usize,
                });
            }
        }
        self.col = self.col.saturating_add(repeat);
    }

    /// Fails on a cell whose text is longer than a cell may hold, at its place.
    fn text_too_long(&mut self) {
        match (u32::try_from(self.row), u32::try_from(self.col)) {
            (Ok(row), Ok(col)) if row < MAX_ROWS && col < MAX_COLS => {
                self.fail(Limit::TextTooLong { row, col })
            }
            _ => self.fail(Limit::OutOfRange { row: self.row, col: self.col }),
        }
    }

    /// Ends a row: its cells stand in each of its repeated rows.
    fn end_row(&mut self) {
        let cells = std::mem::take(&mut self.cells);
        if self.failed.is_none() && !cells.is_empty() {
            for k in 0..self.repeat {
                let row = self.row + k;
                if row >= u64::from(MAX_ROWS) {
                    return self.fail(Limit::OutOfRange { row, col: 0 });
                }
                for (c, cell) in &cells {
                    if let Err(limit) = self.builder.push(row as u32, *c, cell.clone()) {
                        return self.fail(limit);
                    }
                }
            }
        }
        self.row = self.row.saturating_add(self.repeat);
    }
}

/// Reads the sheets of an .ods file.
pub fn read(bytes: &[u8]) -> Result<Sheets, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content.take(super::MAX_UNZIPPED)));
    let mut hidden_styles: HashSet<String> = HashSet::new();
    let mut style: Option<String> = None;
    let (mut sheets, mut failures): (Vec<Sheet>, Vec<Failure>) = (Vec::new(), Vec::new());
    let mut table: Option<Table> = None;
    // Past the cap, tables are counted to the end, not read.
    let mut tables = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let a = attrs(&e);
            match e.name().as_ref() {
                "style:style" => style = attr(&a, "style:name").map(str::to_string),
                "style:table-properties" if attr(&a, "table:display") == Some("false") => {
                    hidden_styles.extend(style.clone());
                }
                "table:table" => {
                    tables += 1;
                    if tables > MAX_SHEETS {
                        continue;
                    }
                    let name = attr(&a, "table:name").unwrap_or("").to_string();
                    let hidden = attr(&a, "table:style-name").is_some_and(|s| hidden_styles.contains(s));
                    let text = sheets.last().map_or(0, Sheet::text_bytes);
                    let failed = check_name(&name).err();
                    table = Some(Table {
                        builder: SheetBuilder::after(&name, text),
                        name,
                        hidden,
                        merges: Vec::new(),
                        row: 0,
                        repeat: 1,
                        col: 0,
                        cells: Vec::new(),
                        failed,
                    });
                }
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        t.repeat = count(&a, "table:number-rows-repeated");
                        t.col = 0;
                        if empty {
                            t.end_row();
                        }
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let (text, too_long) = if empty {
                        (String::new(), false)
                    } else {
                        cell_text(&mut reader, e.name().as_ref()).map_err(|e| e.to_string())?
                    };
                    if let Some(t) = table.as_mut() {
                        if too_long {
                            t.text_too_long();
                            continue;
                        }
                        let span = (
                            count(&a, "table:number-rows-spanned"),
                            count(&a, "table:number-columns-spanned"),
                        );
                        let cell = if e.name().as_ref() == "table:covered-table-cell" && text.is_empty() {
                            Cell::Empty
                        } else {
                            cell_of(&a, text)
                        };
                        t.cell(cell, count(&a, "table:number-columns-repeated"), span);
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(t) = table.as_mut() {
                    t.end_row();
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    let name = t.name.clone();
                    let sheet = match t.failed {
                        Some(limit) => Err(limit),
                        None => t.builder.finish().and_then(|s| s.with_merges(t.merges)),
                    };
                    match sheet {
                        Ok(mut s) => {
                            s.hidden = t.hidden;
                            sheets.push(s);
                        }
                        Err(limit) => failures.push(Failure::Limit { sheet: name, limit }),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if tables > MAX_SHEETS {
        return Ok((Vec::new(), vec![Failure::TooManySheets { sheets: tables }]));
    }
    Ok((sheets, failures))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// An .ods whose spreadsheet holds `tables` (XML).
    fn ods(tables: &str) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("mimetype", opts).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        z.start_file("content.xml", opts).unwrap();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        );
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap().into_inner()
    }

    /// A table of rows of text cells (XML of each cell's content).
    fn table(name: &str, rows: &[&[&str]]) -> String {
        let rows: String = rows
            .iter()
            .map(|cells| {
                let cells: String =
                    cells.iter().map(|c| format!("<table:table-cell>{c}</table:table-cell>")).collect();
                format!("<table:table-row>{cells}</table:table-row>")
            })
            .collect();
        format!(r#"<table:table table:name="{name}">{rows}</table:table>"#)
    }

    #[test]
    fn a_cell_s_text_is_read_run_by_run_as_the_parser_gives_it() {
        let cell = "<text:p>a&amp;b&#x4E2D;\r\n</text:p><text:p>c<text:s text:c=\"2\"/>d<text:tab/>e</text:p>\
                    <office:annotation><text:p>批注</text:p></office:annotation>";
        let (sheets, failures) = read(&ods(&table("S", &[&[cell]]))).unwrap();
        assert!(failures.is_empty(), "{failures:?}");
        assert_eq!(sheets[0].get(0, 0), &Cell::Text("a&b中\n\nc  d\te".into()));
    }

    #[test]
    fn a_cell_past_excel_s_limit_is_refused_at_its_place() {
        // Two paragraphs of 20,000 characters, and a run of a million: the text
        // stops growing at a cell's room either way.
        let two = format!("<text:p>{0}</text:p><text:p>{0}</text:p>", "统".repeat(20_000));
        let huge = format!("<text:p>{}</text:p>", "a".repeat(1_000_000));
        for cell in [two, huge] {
            let (sheets, failures) =
                read(&ods(&table("S", &[&["指标"], &["<text:p>专利</text:p>", &cell]]))).unwrap();
            assert!(sheets.is_empty());
            assert!(
                matches!(&failures[..], [Failure::Limit { sheet, limit: Limit::TextTooLong { row: 1, col: 1 } }] if sheet == "S"),
                "{failures:?}"
            );
        }
        let full = format!("<text:p>{}</text:p>", "统".repeat(32_767));
        let (sheets, _) = read(&ods(&table("S", &[&[&full]]))).unwrap();
        assert_eq!(sheets[0].get(0, 0).text().map(|t| t.chars().count()), Some(32_767));
    }

    #[test]
    fn a_workbook_of_more_tables_than_the_cap_is_refused_whole() {
        let tables: String =
            (0..=MAX_SHEETS).map(|i| table(&format!("S{i}"), &[&["<text:p>1</text:p>"]])).collect();
        let (sheets, failures) = read(&ods(&tables)).unwrap();
        assert!(sheets.is_empty());
        assert!(matches!(&failures[..], [Failure::TooManySheets { sheets: 4097 }]), "{failures:?}");
    }
}
