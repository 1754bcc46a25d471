//! What calamine takes from an .xlsx on trust, checked before it reads the file:
//! - the cell references as written (`<row r>`, `<c r>`, `<mergeCell ref>`,
//!   `<dimension ref>`),
//!   which calamine folds into 32-bit numbers, so that a row of ten digits or
//!   more wraps round to another row; a reference past Excel's limits is named
//!   as the file writes it;
//! - the runs of text, which calamine holds whole before it makes a cell of
//!   them: a run that must hold more characters than a cell may have refuses
//!   its sheet, or, in the shared strings, the file;
//! - the shared strings, which calamine reads whole when it opens the file: the
//!   count they claim (`<sst uniqueCount>`), for which it reserves room, must fit
//!   the part, and what they hold must fit the text a workbook may have;
//! - the number of sheets.
//!
//! Each part is streamed once, one element at a time; text is skipped and
//! counted, never held. The small parts (relationships, the workbook) are read
//! with quick-xml; the sheets and the shared strings, which may be large, with
//! the lean tag pass of [`tags`], so that the check costs little beside
//! calamine's own reading. The pass over a sheet also gives its merged
//! regions, so calamine need not read the sheet again for them. Receives the
//! workbook's bytes; hands on, by sheet name, the sheet's merged regions or the
//! limit it passed.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::sheet::{Limit, MAX_TEXT_BYTES, MAX_TEXT_CHARS};
use super::{MAX_COLS, MAX_ROWS, MAX_SHEETS, MAX_UNZIPPED, Merge};
use crate::diag::WorkbookError;
use tags::Tag;

mod tags;

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The bytes the smallest shared string takes in the table (`<si></si>`).
const MIN_SHARED_STRING: u64 = 9;

/// The bytes a calamine shared string costs besides its text.
const SHARED_STRING_COST: u64 = 48;

/// A run of text of more bytes than this holds more characters than a cell may
/// have: a character takes at most ten bytes, as `&#x10FFFF;`.
const MAX_TEXT_RUN: u64 = 10 * MAX_TEXT_CHARS as u64;

/// What the check found in one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// Nothing past a limit; the sheet's merged regions.
    Within { merges: Vec<Merge> },
    /// A limit the sheet passed: a reference past Excel's limits as written, or
    /// a text too long for a cell.
    Refused { limit: Limit },
}

/// An A1 reference as written (`B12`, `$B$12`, or a row number alone) as a
/// one-based column (0 when it has none) and row, saturating; `None` when it
/// has another shape, which is left to calamine to refuse in its own words.
fn parse(reference: &str) -> Option<(u64, u64)> {
    parse_bytes(reference.as_bytes())
}

/// [`parse`] on the bytes of an attribute as written, without copying them:
/// it runs for every cell of every sheet.
fn parse_bytes(reference: &[u8]) -> Option<(u64, u64)> {
    let r = reference.trim_ascii();
    let (mut col, mut row, mut digits) = (0u64, 0u64, false);
    for &b in r {
        match b {
            b'$' => {}
            // Saturating: past thirteen letters or nineteen digits the number only grows.
            b'A'..=b'Z' | b'a'..=b'z' if !digits => {
                col = col.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1);
            }
            b'0'..=b'9' => {
                digits = true;
                row = row.saturating_mul(10).saturating_add(u64::from(b - b'0'));
            }
            _ => return None,
        }
    }
    Some((col, row))
}

/// Whether an A1 reference as written is within Excel's 1,048,576 rows ×
/// 16,384 columns (a reference of another shape counts as within).
pub fn within_limits(reference: &str) -> bool {
    parse(reference).is_none_or(|(col, row)| col <= u64::from(MAX_COLS) && row <= u64::from(MAX_ROWS))
}

/// A merged region from its reference (`A1:C2`, or one cell), zero-based;
/// `None` for a reference without a row and a column.
fn merge(reference: &str) -> Option<Merge> {
    let (first, last) = reference.split_once(':').unwrap_or((reference, reference));
    let ((c1, r1), (c2, r2)) = (parse(first)?, parse(last)?);
    let zero = |n: u64| usize::try_from(n.checked_sub(1)?).ok();
    Some(Merge { first_row: zero(r1)?, first_col: zero(c1)?, last_row: zero(r2)?, last_col: zero(c2)? })
}

/// The text of an element's attribute, by qualified name or by local name.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.as_ref();
        (key == local || key.rsplit(':').next() == Some(local)).then(|| a.value.into_owned())
    })
}

/// Calls `f` on every element that starts (or is empty) in a small part of the
/// zip (relationships, the workbook), until the part ends or cannot be read
/// further.
fn scan(zip: &mut Zip<'_>, path: &str, mut f: impl FnMut(&BytesStart<'_>)) {
    let Ok(part) = zip.by_name(path) else { return };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part.take(MAX_UNZIPPED)));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => f(&e),
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// The relationships of a part: id → (type, target).
fn relationships(zip: &mut Zip<'_>, path: &str) -> HashMap<String, (String, String)> {
    let mut rels = HashMap::new();
    scan(zip, path, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            rels.insert(id, (attr(e, "Type").unwrap_or_default(), target));
        }
    });
    rels
}

/// A relationship's target as a path in the zip: absolute, or relative to `dir`.
fn resolve(dir: &str, target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    }
}

/// The workbook part's folder (`xl/`) and its sheets: (name, part), in order.
fn sheet_parts(zip: &mut Zip<'_>) -> (String, Vec<(String, String)>) {
    let book = relationships(zip, "_rels/.rels")
        .into_values()
        .find(|(typ, _)| typ.ends_with("/officeDocument"))
        .map_or_else(|| "xl/workbook.xml".to_string(), |(_, target)| resolve("", &target));
    let (dir, file) = book.rsplit_once('/').map_or(("", book.as_str()), |(d, f)| (d, f));
    let dir = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let rels = relationships(zip, &format!("{dir}_rels/{file}.rels"));
    let mut sheets = Vec::new();
    scan(zip, &book, |e| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
            && let Some((_, target)) = rels.get(&id)
        {
            sheets.push((name, resolve(&dir, target)));
        }
    });
    (dir, sheets)
}

/// Where a sheet's part is, as calamine counts: the zero-based row and column of
/// the current cell, from the references written or by counting on.
#[derive(Default)]
struct Position {
    row: Option<u64>,
    col: Option<u64>,
}

impl Position {
    fn row(&mut self, r: Option<(u64, u64)>) {
        self.row = Some(match r {
            Some((_, row)) => row.saturating_sub(1),
            None => self.row.map_or(0, |r| r + 1),
        });
        self.col = None;
    }

    fn cell(&mut self, r: Option<(u64, u64)>) {
        match r {
            Some((col, row)) => {
                (self.row, self.col) = (Some(row.saturating_sub(1)), Some(col.saturating_sub(1)))
            }
            None => self.col = Some(self.col.map_or(0, |c| c + 1)),
        }
    }

    /// The current cell, within the limits (its reference was checked).
    fn limit_text_too_long(&self) -> Limit {
        let (row, col) = (self.row.unwrap_or(0), self.col.unwrap_or(0));
        Limit::TextTooLong {
            row: u32::try_from(row).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }
}

/// A sheet's part checked: its merged regions, or the first limit it passes.
fn check_sheet(zip: &mut Zip<'_>, part: &str) -> Checked {
    let mut merges = Vec::new();
    let mut at = Position::default();
    let refused = scan_tags(zip, part, |item| {
        let e = match item {
            Tag::Text(n) if n > MAX_TEXT_RUN => return Some(at.limit_text_too_long()),
            Tag::Text(_) => return None,
            Tag::Element(e) => e,
        };
        let name = e.local_name();
        let refs = match name {
            b"row" | b"c" => e.attr(b"r"),
            b"mergeCell" | b"dimension" => e.attr(b"ref"),
            _ => return None,
        };
        if let Some(past) = refs.and_then(|r| r.split(':').find(|r| !within_limits(r))) {
            return Some(Limit::RefOutOfRange { cell: past.to_string() });
        }
        match name {
            b"row" => at.row(refs.and_then(parse)),
            b"c" => at.cell(refs.and_then(parse)),
            b"mergeCell" => merges.extend(refs.and_then(merge)),
            _ => {}
        }
        None
    });
    match refused {
        Some(limit) => Checked::Refused { limit },
        None => Checked::Within { merges },
    }
}

/// [`tags::scan`] over a part of the zip; `None` when the part is missing.
fn scan_tags<T>(zip: &mut Zip<'_>, path: &str, f: impl FnMut(Tag<'_>) -> Option<T>) -> Option<T> {
    let part = zip.by_name(path).ok()?;
    tags::scan(BufReader::with_capacity(1 << 16, part.take(MAX_UNZIPPED)), f)
}

/// Checks the shared strings: their claimed count fits the part, none is
/// longer than a cell may be, and together they fit the text a workbook may
/// have.
fn check_shared_strings(zip: &mut Zip<'_>, dir: &str) -> Result<(), WorkbookError> {
    let path = format!("{dir}sharedStrings.xml");
    let Ok(size) = zip.by_name(&path).map(|p| p.size()) else { return Ok(()) };
    // What calamine will hold: the strings' text, and each string's own cost.
    let (mut strings, mut text) = (0u64, 0u64);
    let too_much = |strings: u64, text: u64| {
        let cost = text.saturating_add(strings.saturating_mul(SHARED_STRING_COST));
        (cost > MAX_TEXT_BYTES as u64).then_some(WorkbookError::TooMuchText { max: MAX_TEXT_BYTES as u64 })
    };
    let refused = scan_tags(zip, &path, |item| match item {
        Tag::Element(e) => match e.local_name() {
            b"sst" => {
                let claim = e.attr(b"uniqueCount").and_then(|n| n.trim().parse::<u64>().ok())?;
                (claim > size / MIN_SHARED_STRING)
                    .then_some(WorkbookError::SharedStringsClaim { claimed: claim, bytes: size })
            }
            b"si" => {
                strings += 1;
                too_much(strings, text)
            }
            _ => None,
        },
        Tag::Text(n) if n > MAX_TEXT_RUN => Some(WorkbookError::SharedStringTooLong {
            index: strings.saturating_sub(1),
            max: MAX_TEXT_CHARS as u64,
        }),
        Tag::Text(n) => {
            text += n;
            too_much(strings, text)
        }
    });
    refused.map_or(Ok(()), Err)
}

/// Checks an .xlsx's sheets, references, texts and shared strings; gives, by
/// sheet name, what the check of each sheet found. A sheet whose part is
/// missing is not named (calamine says why it cannot be read); a part that is
/// malformed is checked as far as it can be read.
pub fn check(bytes: &[u8]) -> Result<HashMap<String, Checked>, WorkbookError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(HashMap::new()) };
    let (dir, sheets) = sheet_parts(&mut zip);
    if sheets.len() > MAX_SHEETS {
        return Err(WorkbookError::TooManySheets { sheets: sheets.len() as u64, max: MAX_SHEETS as u64 });
    }
    check_shared_strings(&mut zip, &dir)?;
    let mut checked = HashMap::new();
    for (name, part) in sheets {
        // calamine reads the first sheet of a name; so is it checked.
        if checked.contains_key(&name) || zip.by_name(&part).is_err() {
            continue;
        }
        let found = check_sheet(&mut zip, &part);
        checked.insert(name, found);
    }
    Ok(checked)
}

#[cfg(test)]
mod tests;
