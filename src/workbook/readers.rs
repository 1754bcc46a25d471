//! The format readers on top of calamine, one per kind of file, each turning a
//! workbook's bytes into [`Sheet`]s through a [`SheetBuilder`], so that storage
//! follows the cells a file holds and every position is checked:
//! - .xlsx/.xlsm: calamine's streaming cell reader (values, formulas, and the
//!   cells' number formats for percentages), never its dense grids;
//! - .xlsb: the streaming cell reader, with the percentages from [`super::xlsb`];
//! - .xls: after the BIFF pass ([`super::biff`]) has bounded calamine's grids and
//!   found the percentage cells;
//! - .ods: read by [`super::ods`] itself.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible};

use super::Cell;
use super::biff;
use super::numfmt::{is_builtin_percent, is_percent_format};
use super::sheet::{Limit, MAX_CELLS, Merge, Sheet, SheetBuilder, check_name};
use super::xlsx::Checked;

/// Why a sheet, or a whole file, could not be read.
#[derive(Debug)]
pub enum Failure {
    /// The workbook has `sheets` sheets, more than [`super::MAX_SHEETS`]: none is read.
    TooManySheets { sheets: usize },
    /// One sheet past a limit.
    Limit { sheet: String, limit: Limit },
    /// One sheet that calamine could not read: its words.
    Sheet { sheet: String, detail: String },
}

impl Failure {
    /// The count of sheets of a workbook refused for having too many.
    pub fn too_many(&self) -> Option<usize> {
        match self {
            Failure::TooManySheets { sheets } => Some(*sheets),
            _ => None,
        }
    }
}

/// The sheets read, and the sheets that could not be read.
pub type Read = (Vec<Sheet>, Vec<Failure>);

/// The sheets of a workbook as they are read, and the failures.
#[derive(Default)]
struct Collected {
    sheets: Vec<Sheet>,
    failures: Vec<Failure>,
}

impl Collected {
    /// A workbook of more sheets than may be read: refused whole.
    fn too_many(count: usize) -> Option<Read> {
        (count > super::MAX_SHEETS).then(|| (Vec::new(), vec![Failure::TooManySheets { sheets: count }]))
    }

    /// Bytes of text the sheets read so far hold: where the next sheet's
    /// builder starts ([`SheetBuilder::after`]).
    fn text_bytes(&self) -> usize {
        self.sheets.last().map_or(0, Sheet::text_bytes)
    }

    /// Takes the outcome of reading one sheet: the sheet (marked hidden as the
    /// workbook says), a limit it passed, or calamine's error.
    fn add<E: std::fmt::Display>(&mut self, meta: &calamine::Sheet, read: Result<Result<Sheet, Limit>, E>) {
        let name = meta.name.clone();
        match read {
            Ok(Ok(mut sheet)) => {
                sheet.hidden = !matches!(meta.visible, SheetVisible::Visible);
                self.sheets.push(sheet);
            }
            Ok(Err(limit)) => self.failures.push(Failure::Limit { sheet: name, limit }),
            Err(e) => self.failures.push(Failure::Sheet { sheet: name, detail: e.to_string() }),
        }
    }

    /// Reads one sheet with `read`, which is given the bytes of text the sheets
    /// read so far hold, unless the sheet's name is too long; takes the outcome.
    fn read<E: std::fmt::Display>(
        &mut self,
        meta: &calamine::Sheet,
        read: impl FnOnce(usize) -> Result<Result<Sheet, Limit>, E>,
    ) {
        let outcome = match check_name(&meta.name) {
            Err(limit) => Ok(Err(limit)),
            Ok(()) => read(self.text_bytes()),
        };
        self.add(meta, outcome);
    }

    fn done(self) -> Read {
        (self.sheets, self.failures)
    }
}

/// A date, a time or a duration as printed in a message: `2024-05-01`.
fn date_text(dt: &calamine::ExcelDateTime) -> String {
    let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if dt.is_duration() {
        let hours = dt.as_f64() * 24.0;
        return format!("时长 {hours:.2} 小时");
    }
    match (h, mi, s) {
        (0, 0, 0) => format!("{y:04}-{m:02}-{d:02}"),
        _ if dt.as_f64() < 1.0 => format!("{h:02}:{mi:02}:{s:02}"),
        _ => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}"),
    }
}

/// A calamine value as a raw cell; a number with a percentage format is a
/// [`Cell::Percent`].
pub fn cell_of(d: Data, percent: bool) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) if percent => Cell::Percent(i as f64),
        Data::Float(f) if percent => Cell::Percent(f),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::String(s) => Cell::Text(s),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) => Cell::Date(date_text(&dt)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The merged regions calamine gives, as ours.
fn merges(dims: &[calamine::Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect()
}

/// Reads an .xlsx or .xlsm workbook, its sheets checked first ([`super::xlsx`]):
/// a sheet with a cell reference past Excel's limits is not read, as calamine
/// would wrap the reference round; the check gives the others' merged regions.
pub fn xlsx(bytes: &[u8], checked: &HashMap<String, Checked>) -> Result<Read, calamine::XlsxError> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes))?;
    let metas = book.sheets_metadata().to_vec();
    if let Some(refused) = Collected::too_many(metas.len()) {
        return Ok(refused);
    }
    let mut out = Collected::default();
    for meta in metas.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        out.read(meta, |text| match checked.get(&meta.name) {
            Some(Checked::Refused { limit }) => Ok(Err(limit.clone())),
            Some(Checked::Within { merges }) => xlsx_sheet(&mut book, &meta.name, Some(merges), text),
            None => xlsx_sheet(&mut book, &meta.name, None, text),
        });
    }
    Ok(out.done())
}

/// Reads one sheet of an .xlsx, after sheets holding `text` bytes of text; its
/// merged regions are read by calamine when not given.
fn xlsx_sheet(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    merged: Option<&Vec<Merge>>,
    text: usize,
) -> Result<Result<Sheet, Limit>, calamine::XlsxError> {
    // First pass: the cells whose number format is a percentage.
    let mut percent = HashSet::new();
    {
        let mut reader = book.worksheet_cells_reader(name)?;
        let flags: Vec<bool> = reader
            .styles()
            .iter()
            .map(|s| {
                s.number_format.as_ref().is_some_and(|f| {
                    f.format_id.is_some_and(is_builtin_percent) || is_percent_format(&f.format_code)
                })
            })
            .collect();
        if flags.contains(&true) {
            while let Some((r, c, id)) = reader.next_style_id()? {
                if flags.get(id).copied().unwrap_or(false) {
                    if percent.len() >= MAX_CELLS {
                        return Ok(Err(Limit::TooManyCells));
                    }
                    percent.insert((r, c));
                }
            }
        }
    }
    // Second pass: values and formulas. A formula with no stored result has no
    // value; one whose stored result is the empty text shows nothing and is blank.
    let mut b = SheetBuilder::after(name, text);
    {
        let mut reader = book.worksheet_cells_reader(name)?;
        while let Some(cell) = reader.next_cell_with_formula()? {
            let (r, c) = cell.pos;
            let value = match (Data::from(cell.value), cell.formula) {
                (Data::Empty, Some(f)) if !f.is_empty() => Cell::NoCachedValue(f),
                (Data::String(s), Some(_)) if s.is_empty() => Cell::Empty,
                (d, _) => cell_of(d, percent.contains(&(r, c))),
            };
            if let Err(limit) = b.push(r, c, value) {
                return Ok(Err(limit));
            }
        }
    }
    let merged = match merged {
        Some(m) => m.clone(),
        None => merges(&book.merge_cells_by_sheet_name(name)?),
    };
    Ok(b.finish().and_then(|s| s.with_merges(merged)))
}

/// Reads an .xlsb workbook.
pub fn xlsb(bytes: &[u8]) -> Result<Read, calamine::XlsbError> {
    let mut book = calamine::Xlsb::new(Cursor::new(bytes))?;
    let percent = super::xlsb::percent_by_sheet(bytes, MAX_CELLS);
    let metas = book.sheets_metadata().to_vec();
    if let Some(refused) = Collected::too_many(metas.len()) {
        return Ok(refused);
    }
    let mut out = Collected::default();
    let none = HashSet::new();
    for meta in metas.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        out.read(meta, |text| -> Result<Result<Sheet, Limit>, calamine::XlsbError> {
            let percent = match percent.get(&meta.name) {
                Some(Some(cells)) => cells,
                Some(None) => return Ok(Err(Limit::TooManyCells)),
                None => &none,
            };
            let mut b = SheetBuilder::after(&meta.name, text);
            let mut reader = book.worksheet_cells_reader(&meta.name)?;
            while let Some(cell) = reader.next_cell()? {
                let (r, c) = cell.get_position();
                let value: DataRef = cell.get_value().clone();
                if let Err(limit) = b.push(r, c, cell_of(Data::from(value), percent.contains(&(r, c)))) {
                    return Ok(Err(limit));
                }
            }
            Ok(b.finish())
        });
    }
    Ok(out.done())
}

/// Copies a calamine grid into a sheet, after sheets holding `text` bytes of text.
fn from_range(
    name: &str,
    range: &calamine::Range<Data>,
    percent: &HashSet<(u32, u32)>,
    text: usize,
) -> Result<SheetBuilder, Limit> {
    let mut b = SheetBuilder::after(name, text);
    for (r, c, d) in range.used_cells() {
        let (r, c) = (r as u64 + u64::from(range.start().map_or(0, |s| s.0)), c as u64);
        let c = c + u64::from(range.start().map_or(0, |s| s.1));
        super::sheet::check_position(r, c)?;
        let (r, c) = (r as u32, c as u32);
        b.push(r, c, cell_of(d.clone(), percent.contains(&(r, c))))?;
    }
    Ok(b)
}

/// Reads an .xls workbook (already decrypted), bounded and with percentages by the
/// BIFF pass.
pub fn xls(bytes: &[u8], scan: &biff::Scan) -> Result<Read, calamine::XlsError> {
    let mut book = calamine::Xls::new(Cursor::new(bytes))?;
    let metas = book.sheets_metadata().to_vec();
    if let Some(refused) = Collected::too_many(metas.len()) {
        return Ok(refused);
    }
    let none = HashSet::new();
    let mut out = Collected::default();
    for (i, meta) in metas.iter().enumerate() {
        if meta.typ != SheetType::WorkSheet {
            continue;
        }
        let percent = scan.sheets.get(i).map_or(&none, |s| &s.percent);
        out.read(meta, |text| {
            book.worksheet_range(&meta.name).map(|range| {
                let dims = book.merge_cells_by_sheet_name(&meta.name).unwrap_or_default();
                from_range(&meta.name, &range, percent, text)
                    .and_then(SheetBuilder::finish)
                    .and_then(|s| s.with_merges(merges(&dims)))
            })
        });
    }
    Ok(out.done())
}
