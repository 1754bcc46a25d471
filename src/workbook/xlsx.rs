//! What calamine takes from an .xlsx on trust, checked before it reads the file:
//! - the cell references as written (`<row r>`, `<c r>`, `<mergeCell ref>`),
//!   which calamine folds into 32-bit numbers, so that a row of ten digits or
//!   more wraps round to another row; a reference past Excel's limits is named
//!   as the file writes it;
//! - the count of shared strings the table claims (`<sst uniqueCount>`), for
//!   which calamine reserves room before it reads a string: a claim the part's
//!   size cannot hold is refused.
//!
//! Each part is streamed once with quick-xml, holding one element at a time; the
//! pass over a sheet also gives its merged regions, so calamine need not read the
//! sheet again for them. Receives the workbook's bytes; hands on, by sheet name,
//! the sheet's merged regions, or the first reference past the limits.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{MAX_COLS, MAX_ROWS, MAX_UNZIPPED, Merge};
use crate::diag::WorkbookError;

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The bytes the smallest shared string takes in the table (`<si></si>`).
const MIN_SHARED_STRING: u64 = 9;

/// What the check found in one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// Every reference is within the limits; the sheet's merged regions.
    Within { merges: Vec<Merge> },
    /// The first reference past the limits, as written.
    Past { cell: String },
}

/// An A1 reference as written (`B12`, `$B$12`, or a row number alone) as a
/// one-based column (0 when it has none) and row, saturating; `None` when it
/// has another shape, which is left to calamine to refuse in its own words.
fn parse(reference: &str) -> Option<(u64, u64)> {
    let r = reference.trim().replace('$', "");
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    if !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Saturating: past thirteen letters or nineteen digits the number only grows.
    let col = col
        .bytes()
        .fold(0u64, |n, b| n.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1));
    let row = row.bytes().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')));
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

/// Calls `f` on every element that starts (or is empty) in a part of the zip,
/// until it returns `Some`; `None` when the part is missing or unreadable.
fn scan<T>(zip: &mut Zip<'_>, path: &str, mut f: impl FnMut(&BytesStart<'_>) -> Option<T>) -> Option<T> {
    let part = zip.by_name(path).ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part.take(MAX_UNZIPPED)));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => {
                if let Some(found) = f(&e) {
                    return Some(found);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The relationships of a part: id → (type, target).
fn relationships(zip: &mut Zip<'_>, path: &str) -> HashMap<String, (String, String)> {
    let mut rels = HashMap::new();
    scan::<()>(zip, path, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            rels.insert(id, (attr(e, "Type").unwrap_or_default(), target));
        }
        None
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
    scan::<()>(zip, &book, |e| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
            && let Some((_, target)) = rels.get(&id)
        {
            sheets.push((name, resolve(&dir, target)));
        }
        None
    });
    (dir, sheets)
}

/// A sheet's part checked: its merged regions, or its first cell reference
/// past Excel's limits, as written.
fn check_sheet(zip: &mut Zip<'_>, part: &str) -> Checked {
    let mut merges = Vec::new();
    let past = scan(zip, part, |e| {
        let (refs, merged) = match e.local_name().as_ref() {
            "row" | "c" => (attr(e, "r")?, false),
            "mergeCell" => (attr(e, "ref")?, true),
            _ => return None,
        };
        if let Some(past) = refs.split(':').find(|r| !within_limits(r)) {
            return Some(past.to_string());
        }
        if merged {
            merges.extend(merge(&refs));
        }
        None
    });
    match past {
        Some(cell) => Checked::Past { cell },
        None => Checked::Within { merges },
    }
}

/// The `uniqueCount` the shared strings claim, if the part's size cannot hold
/// that many: (claim, size in bytes).
fn impossible_claim(zip: &mut Zip<'_>, dir: &str) -> Option<(u64, u64)> {
    let path = format!("{dir}sharedStrings.xml");
    let size = zip.by_name(&path).ok()?.size();
    let claim = scan(zip, &path, |e| match e.local_name().as_ref() {
        "sst" => Some(attr(e, "uniqueCount").and_then(|n| n.trim().parse::<u64>().ok())),
        _ => None,
    })??;
    (claim > size / MIN_SHARED_STRING).then_some((claim, size))
}

/// Checks an .xlsx's references and shared strings; gives, by sheet name, what
/// the check of each sheet found. A sheet whose part is missing is not named
/// (calamine says why it cannot be read); a part that is malformed is checked
/// as far as it can be read.
pub fn check(bytes: &[u8]) -> Result<HashMap<String, Checked>, WorkbookError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(HashMap::new()) };
    let (dir, sheets) = sheet_parts(&mut zip);
    if let Some((claimed, bytes)) = impossible_claim(&mut zip, &dir) {
        return Err(WorkbookError::SharedStringsClaim { claimed, bytes });
    }
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
mod tests {
    use super::*;

    #[test]
    fn references_within_excel_s_limits() {
        for r in ["A1", "XFD1048576", "$B$12", "b7", "12", "AA0001"] {
            assert!(within_limits(r), "{r}");
        }
        for r in ["XFE1", "A1048577", "A4294967297", "A99999999999999999999999", "ZZZZZZZZZZZZZZZZ1"] {
            assert!(!within_limits(r), "{r}");
        }
        // Other shapes are calamine's to refuse.
        assert!(within_limits("1A"));
        assert!(within_limits("A1B"));
    }

    #[test]
    fn merged_regions_from_their_references() {
        assert_eq!(merge("B2:D3"), Some(Merge { first_row: 1, first_col: 1, last_row: 2, last_col: 3 }));
        assert_eq!(merge("C5"), Some(Merge { first_row: 4, first_col: 2, last_row: 4, last_col: 2 }));
        assert_eq!(merge("A:B"), None);
        assert_eq!(merge("1:2"), None);
    }
}
