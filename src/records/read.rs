//! Rows of a patent list into records: each row's cells read by its list's
//! [`Columns`], bad rows reported at their row and left out, duplicates of an
//! application number merged (two rows that disagree are reported at both).
//! Receives sheets (or, for a large text list, rows as they are read); hands on
//! [`Records`] and diagnostics.

use std::collections::HashMap;

use super::applicant::{self, ApplicantType};
use super::columns::{Columns, Field};
use super::number::{AppNumber, NumberError};
use super::value::{self, Ymd};
use super::{Lapse, ListSummary, Patent, Records};
use crate::diag::patents::PatentFinding as F;
use crate::diag::{Diagnostic, Findings, Kind, Level, Place, SheetNames};
use crate::workbook::{Cell, Sheet};

/// How many rows from the top a list's header row may be.
const HEADER_ROWS: usize = 10;

/// The header row of a sheet and its columns, when the sheet is a patent list.
pub fn list_header(sheet: &Sheet) -> Option<(usize, Columns)> {
    (0..sheet.height().min(HEADER_ROWS)).find_map(|r| {
        let headers: Vec<(usize, &str)> =
            sheet.cells(r).filter_map(|(c, cell)| cell.text().map(|t| (c, t))).collect();
        Columns::recognise(&headers).map(|c| (r, c))
    })
}

/// Strings kept once however many records share them.
#[derive(Default)]
struct Interner {
    index: HashMap<Box<str>, u32>,
}

impl Interner {
    fn get(&mut self, s: &str, names: &mut Vec<Box<str>>) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = names.len() as u32;
        names.push(s.into());
        self.index.insert(s.into(), i);
        i
    }
}

/// Builds up the records list by list.
#[derive(Default)]
pub struct Builder {
    records: Records,
    by_number: HashMap<AppNumber, usize>,
    names: Interner,
    addresses: Interner,
    ipcs: Interner,
    diags: Findings,
    /// Places of the taken rows, by record index, for a duplicate's message.
    places: Vec<(u16, u32)>,
    /// The type inferred from each name, by name index, once inferred.
    inferred: Vec<Option<ApplicantType>>,
    /// Per list: where its cells are, and the column of the application number.
    sheets: Vec<(SheetNames, usize)>,
}

/// One list being read.
pub struct List<'a> {
    builder: &'a mut Builder,
    index: u16,
    columns: Columns,
    summary: ListSummary,
}

impl Builder {
    pub fn new() -> Self {
        Builder::default()
    }

    /// Starts a list of a file's sheet with its columns.
    pub fn list(&mut self, file: &str, sheet: &str, columns: Columns) -> List<'_> {
        let index = self.records.lists.len() as u16;
        let names = SheetNames::new(file, sheet);
        let number_col = columns.get(Field::Number).unwrap_or(0);
        self.sheets.push((names.clone(), number_col));
        let summary = ListSummary {
            file: file.into(),
            sheet: sheet.into(),
            fields: columns.fields().collect(),
            number_col,
            ..ListSummary::default()
        };
        List { builder: self, index, columns, summary }
    }

    /// Reads a whole sheet as a list (its header row and columns found by
    /// [`list_header`]).
    pub fn add_sheet(&mut self, file: &str, sheet: &Sheet, header: usize, columns: Columns) -> ListSummary {
        let mut list = self.list(file, &sheet.name, columns);
        let mut row: Vec<Cell> = Vec::new();
        for r in header + 1..sheet.height() {
            row.clear();
            for (c, cell) in sheet.cells(r) {
                if row.len() <= c {
                    row.resize(c + 1, Cell::Empty);
                }
                row[c] = cell.clone();
            }
            list.row(r as u32, &row);
        }
        list.finish()
    }

    /// The place of a row of a list: its application-number cell.
    fn place(&self, list: u16, row: u32) -> Place {
        let (names, col) = &self.sheets[usize::from(list)];
        names.cell(row, *col as u32)
    }

    /// The records of every list, and what reading them found.
    pub fn finish(mut self) -> (Records, Vec<Diagnostic>) {
        let mut diags = self.diags.finish();
        for l in &self.records.lists {
            let inferred = l.inferred;
            let place = Place::sheet(&l.file, &l.sheet);
            diags.push(Diagnostic::new(
                Level::Note,
                place.clone(),
                Kind::Patent(F::ListRead {
                    rows: l.rows,
                    records: l.records,
                    bad: l.bad,
                    duplicates: l.duplicates,
                    has: l.fields.iter().map(|f| f.name()).collect(),
                    lacks: Field::ALL.iter().filter(|f| !l.fields.contains(f)).map(|f| f.name()).collect(),
                }),
            ));
            if inferred > 0 {
                diags.push(Diagnostic::new(
                    Level::Note,
                    place,
                    Kind::Patent(F::TypesInferred { count: inferred }),
                ));
            }
        }
        self.records.patents.sort_by_key(|p| p.number);
        (self.records, diags)
    }
}

impl List<'_> {
    /// Reads one data row (`row` zero-based, its cells by column).
    pub fn row(&mut self, row: u32, cells: &[Cell]) {
        let get = |f: Field| self.columns.get(f).and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty);
        if Field::ALL.iter().all(|&f| get(f).is_blank()) {
            return;
        }
        self.summary.rows += 1;
        match self.parse(row, cells) {
            Ok(p) => self.take(p),
            Err(kind) => {
                self.summary.bad += 1;
                let place = self.builder.place(self.index, row);
                self.builder.diags.push(Diagnostic::new(Level::Warning, place, Kind::Patent(kind)));
            }
        }
    }

    /// A row's record, or why the row is left out.
    fn parse(&mut self, row: u32, cells: &[Cell]) -> Result<Patent, F> {
        let cols = &self.columns;
        let get = |f: Field| cols.get(f).and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty);
        let number_text = value::text(get(Field::Number));
        let number = match AppNumber::parse(&number_text) {
            Ok(n) => n,
            Err(NumberError::Shape) => return Err(F::BadNumber { text: number_text.into_owned() }),
            Err(NumberError::CheckDigit { expected }) => {
                let n = strip_check(&number_text).ok_or(F::BadNumber { text: number_text.to_string() })?;
                let place = self.builder.place(self.index, row);
                let kind = F::CheckDigit { text: number_text.into_owned(), expected };
                self.builder.diags.push(Diagnostic::new(Level::Warning, place, Kind::Patent(kind)));
                n
            }
        };
        let kind = match cols.has(Field::Kind) {
            true => {
                let t = value::text(get(Field::Kind));
                value::PatentKind::from_text(&t).ok_or_else(|| F::BadKind { text: t.into_owned() })?
            }
            false => value::PatentKind::from_digit(number.type_digit())
                .ok_or(F::BadKind { text: format!("申请号第5位为 {}", number.type_digit()) })?,
        };
        let date_of = |f: Field| -> Result<Option<Ymd>, F> {
            let cell = get(f);
            if cell.is_blank() {
                return Ok(None);
            }
            value::date(cell)
                .map(Some)
                .ok_or_else(|| F::BadDate { field: f.name(), text: value::text(cell).into_owned() })
        };
        let filed =
            date_of(Field::Filed)?.ok_or(F::BadDate { field: Field::Filed.name(), text: String::new() })?;
        let granted = date_of(Field::Granted)?;
        if let Some(g) = granted
            && g < filed
        {
            return Err(F::GrantBeforeFiling { filed: value::shown(filed), granted: value::shown(g) });
        }
        let status = value::text(get(Field::Status));
        let lapse = match date_of(Field::Lapsed)? {
            Some(d) => Lapse::On(d),
            None if value::says_lapsed(&status) => {
                let place = self.builder.place(self.index, row);
                let kind = F::LapsedUndated { text: status.to_string() };
                self.builder.diags.push(Diagnostic::new(Level::Warning, place, Kind::Patent(kind)));
                Lapse::Undated
            }
            None => Lapse::None,
        };
        let applicants = value::text(get(Field::Applicants));
        let first = applicant::first_of(&applicants);
        let records = &mut self.builder.records;
        let applicant = (!first.is_empty()).then(|| self.builder.names.get(first, &mut records.names));
        let from_column = ApplicantType::from_column(&value::text(get(Field::ApplicantType)));
        let (applicant_type, inferred) = match (from_column, applicant) {
            (Some(t), _) => (t, false),
            // Inferred once per name: a list repeats its applicants many times.
            (None, Some(a)) => {
                let known = &mut self.builder.inferred;
                if known.len() <= a as usize {
                    known.resize(a as usize + 1, None);
                }
                (*known[a as usize].get_or_insert_with(|| ApplicantType::infer(first)), true)
            }
            (None, None) => (ApplicantType::infer(first), true),
        };
        let address_text = value::text(get(Field::Address));
        let address = applicant::first_of(&address_text);
        let address =
            (!address.is_empty()).then(|| self.builder.addresses.get(address, &mut records.addresses));
        let ipc = super::ipc::main_class(&value::text(get(Field::Ipc)));
        let ipc = ipc.map(|i| self.builder.ipcs.get(&i, &mut records.ipcs));
        Ok(Patent {
            number,
            kind,
            filed,
            granted,
            lapse,
            applicant,
            applicant_type,
            inferred,
            address,
            ipc,
            family: cols.has(Field::Family).then(|| value::yes(get(Field::Family))).flatten(),
            pledge: cols.has(Field::Pledge).then(|| value::pledge(get(Field::Pledge))).flatten(),
            award: cols.has(Field::Award).then(|| value::yes(get(Field::Award))).flatten(),
            list: self.index,
            row,
        })
    }

    /// Takes a record, or merges it with the one of its number read before.
    fn take(&mut self, p: Patent) {
        let b = &mut *self.builder;
        match b.by_number.get(&p.number) {
            None => {
                b.by_number.insert(p.number, b.records.patents.len());
                b.places.push((p.list, p.row));
                if p.inferred {
                    self.summary.inferred += 1;
                }
                b.records.patents.push(p);
                self.summary.records += 1;
            }
            Some(&i) => {
                self.summary.duplicates += 1;
                let first = &b.records.patents[i];
                let fields = first.differences(&p);
                if !fields.is_empty() {
                    let (here, there) = (b.place(p.list, p.row), b.place(first.list, first.row));
                    let number = p.number.to_string();
                    for (at, other) in [(&here, &there), (&there, &here)] {
                        let kind = F::ConflictingDuplicate {
                            number: number.clone(),
                            other: other.clone(),
                            fields: fields.clone(),
                        };
                        b.diags.push(Diagnostic::new(Level::Warning, at.clone(), Kind::Patent(kind)));
                    }
                }
            }
        }
    }

    /// Ends the list: its summary, also kept in the records.
    pub fn finish(self) -> ListSummary {
        self.builder.records.lists.push(self.summary.clone());
        self.summary
    }
}

/// A number with a wrong check digit, read without it.
fn strip_check(text: &str) -> Option<AppNumber> {
    let mut chars: Vec<char> = text.trim().chars().collect();
    match chars.iter().rposition(|c| matches!(c, '.' | '．')) {
        Some(i) => chars.truncate(i),
        None => {
            chars.pop()?;
        }
    }
    AppNumber::parse(&chars.into_iter().collect::<String>()).ok()
}
