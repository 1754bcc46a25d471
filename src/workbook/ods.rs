//! Reading OpenDocument spreadsheets (.ods, as LibreOffice and WPS save them) from
//! `content.xml` in one streaming pass. Done here rather than by calamine so that
//! - a percentage cell (`office:value-type="percentage"`) is a [`Cell::Percent`],
//!   not its bare fraction;
//! - repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`)
//!   cost nothing when empty and are bounded by [`MAX_CELLS`] when not, and a space
//!   count (`text:s text:c`) cannot inflate a text;
//! - merged cells (`number-columns-spanned`, `number-rows-spanned`) and hidden
//!   sheets (`table:display="false"`) are known.

use std::collections::HashSet;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::Cell;
use super::readers::{Failure, Read as Sheets};
use super::sheet::{Limit, MAX_COLS, MAX_ROWS, Merge, SheetBuilder};

/// Spaces one `text:s` element may stand for; more is no real document.
const MAX_SPACES: usize = 1000;

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

/// The text of a cell's content, up to its end tag.
fn cell_text<R: std::io::BufRead>(
    reader: &mut quick_xml::Reader<R>,
    end: &str,
) -> Result<String, quick_xml::Error> {
    let mut text = String::new();
    let mut paragraphs = 0;
    let mut annotation = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
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
                let n = count(&attrs(&e), "text:c") as usize;
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
            Event::End(e) if e.name().as_ref() == end => return Ok(text),
            Event::Eof => return Ok(text),
            _ => {}
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
    let (mut sheets, mut failures) = (Vec::new(), Vec::new());
    let mut table: Option<Table> = None;
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
                    let name = attr(&a, "table:name").unwrap_or("").to_string();
                    let hidden = attr(&a, "table:style-name").is_some_and(|s| hidden_styles.contains(s));
                    table = Some(Table {
                        builder: SheetBuilder::new(&name),
                        name,
                        hidden,
                        merges: Vec::new(),
                        row: 0,
                        repeat: 1,
                        col: 0,
                        cells: Vec::new(),
                        failed: None,
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
                    let text = if empty {
                        String::new()
                    } else {
                        cell_text(&mut reader, e.name().as_ref()).map_err(|e| e.to_string())?
                    };
                    if let Some(t) = table.as_mut() {
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
    Ok((sheets, failures))
}
