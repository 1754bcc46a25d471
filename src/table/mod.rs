//! Finding the tables of a sheet, with no configuration, as departments and
//! statistics bureaus lay them out: title rows, unit lines (`单位：件`,
//! `（单位：万元）`, `(piece)`), multi-row merged headers with line breaks and
//! Chinese plus English, blank spacer rows, padded and indented labels, 其中 / `#`
//! rows, notes and source rows (`注：`, `资料来源：`, `Note:`, `Source:`), several
//! tables stacked in one sheet.
//!
//! Every value cell becomes a [`Record`] with the row label, the column label and
//! the year, however the table is turned: indicators × years, years × indicators,
//! regions × indicators for one year (the year from a header, the title, the sheet
//! name or the file name), or the long layout 指标 / 地区 / 年份 / 数值 / 单位.
//! Which label is the indicator and which the region is decided by the dataset
//! stage, which knows the catalogue.
//!
//! Receives a [`Sheet`]; hands on [`Table`]s of records that still hold raw cells.

mod grid;
mod growth;
mod labels;
mod long;
pub mod period;
pub mod value;

use crate::diag::{Axis, Diagnostic, Findings, Kind, Level, Name, Place, SheetNames, YearsFrom};
use crate::workbook::{Cell, Sheet};

pub use labels::{is_growth_column, parse_unit_line, parse_year, split_label_unit, year_in_text};
pub use period::{Period, Rel, parse_period, period_in_text};

/// One value cell of a table, with what the table says about it. Its texts are
/// shared with the other records of its row or column, and its place's names
/// with every record of its sheet: a record costs the same however long the
/// labels and names it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The row's label as written (an indicator or a region).
    pub row: Name,
    /// The column's label (header parts joined), if the column has one besides its
    /// year: an indicator or a region.
    pub column: Option<Name>,
    /// The region from a long layout's 地区 column.
    pub region: Option<Name>,
    /// The year: from the column or row header, else the table's title, the sheet
    /// name or the file name. `None` when none of them gives one.
    pub year: Option<i32>,
    /// The raw value cell.
    pub value: Cell,
    /// The unit the table gives for this value, as written: a unit column, a unit in
    /// the column header, or the table's unit line.
    pub unit: Option<Name>,
    /// A unit in brackets at the end of the row label (`农用柴油使用量(万吨)`).
    pub label_unit: Option<Name>,
    /// Where the value cell is.
    pub place: Place,
    /// The part of a year the value covers (a month, a quarter, 1—9月), with its
    /// year, when it is no whole year (`year` is then `None`): the dataset
    /// stage makes a year of such parts or says why it cannot.
    pub period: Option<Period>,
    /// Whether the value is a table's stated total of its months or quarters
    /// (a 合计 / 全年 row or column beside them), with `period` the whole year.
    pub total: bool,
}

/// Which layout a table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Row labels × column labels (years or indicators or regions).
    Grid,
    /// 指标 / 地区 / 年份 / 数值 / 单位.
    Long,
}

/// Where a text that may name a table's indicator was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A title line above the table.
    Title,
    /// The unit line (`单位：件`) and what stands beside it.
    UnitLine,
    /// The sheet's name.
    SheetName,
    /// The file's name.
    FileName,
}

impl Source {
    /// The Chinese name, as in “指标取自标题”.
    pub fn name(self) -> &'static str {
        match self {
            Source::Title => "标题",
            Source::UnitLine => "单位行",
            Source::SheetName => "工作表名",
            Source::FileName => "文件名",
        }
    }
}

/// A table found in a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    pub layout: Layout,
    pub title: Option<String>,
    /// The zero-based rows of the header.
    pub header_rows: std::ops::Range<usize>,
    /// The zero-based rows of the whole table, header and body.
    pub rows: std::ops::Range<usize>,
    /// The zero-based columns from the labels to the last figure column.
    pub cols: std::ops::Range<usize>,
    pub records: Vec<Record>,
    /// Value cells of the table left empty (no record is made for them).
    pub blanks: usize,
    /// Column labels that were skipped (growth rates, units).
    pub skipped_columns: Vec<String>,
    /// Texts that may name the table's one indicator when its labels are regions
    /// and years, in order of preference: title lines, the unit line, the sheet
    /// name, the file name.
    pub subject_texts: Vec<(Source, Name)>,
    /// Whether the years run down the side (the record's `row` then holds the
    /// column's label).
    pub years_down: bool,
    /// The periods the table's headings name relative to its own period (本年累计,
    /// 上年同期), each with the period it stands for, in the order they first
    /// appear; and where the table's own period was found.
    pub relatives: Vec<(Rel, Period)>,
    /// Where the period relative headings resolve against was found.
    pub period_from: Option<Source>,
    /// Relative headings (本年累计) that no period of the title, sheet name or
    /// file name resolves: their values have no year.
    pub unresolved: Vec<Rel>,
    /// Whether the rows are months or quarters (a 合计 row beside them).
    pub period_rows: bool,
}

impl Table {
    /// The table's extent as an A1 range (`A3:F12`).
    pub fn range(&self) -> String {
        let end_row = self.rows.end.max(self.rows.start + 1) - 1;
        let end_col = self.cols.end.max(self.cols.start + 1) - 1;
        format!(
            "{}:{}",
            crate::diag::a1(self.rows.start as u32, self.cols.start as u32),
            crate::diag::a1(end_row as u32, end_col as u32)
        )
    }
}

/// Finds the tables of a sheet. `file` is used in places and as the last source of
/// a year. A sheet with nothing recognisable gives a warning.
pub fn find_tables(file: &str, sheet: &Sheet) -> (Vec<Table>, Vec<Diagnostic>) {
    let names = SheetNames::new(file, &sheet.name);
    // At most a hundred of a kind for the sheet: a long table of a million
    // unreadable years is summed up, not listed.
    let mut diags = Findings::default();
    let tables = grid::find(&names, sheet, &mut diags);
    for t in &tables {
        if !t.unresolved.is_empty() {
            // Their values are yearless for one reason, said once.
            diags.push(Diagnostic::new(
                Level::Warning,
                names.cell(t.rows.start as u32, t.cols.start as u32),
                Kind::RelativePeriodsUnresolved {
                    range: t.range(),
                    words: t.unresolved.iter().map(|r| r.word().to_string()).collect(),
                },
            ));
        } else if let Some(d) = yearless(&names, t) {
            diags.push(d);
        }
        for c in &t.skipped_columns {
            diags.push(Diagnostic::new(
                Level::Note,
                names.place(),
                Kind::RateColumnSkipped { column: c.to_string() },
            ));
        }
    }
    if let Some(d) = stray_numbers(&names, sheet, &tables) {
        diags.push(d);
    }
    // A sheet of text alone (notes, a form's 填报说明) has no figure to lose.
    let has_figures = || {
        (0..sheet.height())
            .any(|r| sheet.cells(r).any(|(_, c)| grid::value_like(c) && parse_year(c).is_none()))
    };
    if tables.is_empty() && has_figures() {
        diags.push(Diagnostic::new(Level::Warning, names.place(), Kind::NoTable));
    }
    (tables, diags.finish())
}

/// One warning for the values of a table that have no year, which are not read:
/// which they are, why they have none, and how many of the table's values have
/// one. Marks of a missing figure (`—`) lose nothing and are not counted; a table
/// all of whose figures have a year gets no warning.
fn yearless(names: &SheetNames, t: &Table) -> Option<Diagnostic> {
    let figures = t.records.iter().filter(|r| value::parse_value(&r.value) != value::Value::Missing);
    let (undated, dated): (Vec<&Record>, Vec<&Record>) =
        figures.filter(|r| r.period.is_none()).partition(|r| r.year.is_none());
    if undated.is_empty() {
        return None;
    }
    // A grid's values without a year stand in columns whose heading has none, or,
    // years down the side, in rows whose label is no year (合计): named when
    // every one of them has a label.
    let (axis, label): (Axis, fn(&Record) -> Option<&str>) =
        if t.years_down { (Axis::Row, |r| Some(&*r.row)) } else { (Axis::Column, |r| r.column.as_deref()) };
    let mut labels: Vec<String> = Vec::new();
    if t.layout == Layout::Grid && undated.iter().all(|r| label(r).is_some_and(|l| !l.trim().is_empty())) {
        for l in undated.iter().filter_map(|r| label(r)).map(str::trim) {
            if !labels.iter().any(|x| x == l) {
                labels.push(l.to_string());
            }
        }
    }
    let years_from = match t.layout {
        Layout::Grid => YearsFrom::Headings,
        Layout::Long => YearsFrom::YearColumn,
    };
    Some(Diagnostic::new(
        Level::Warning,
        names.cell(t.rows.start as u32, t.cols.start as u32),
        Kind::TableYearUnknown {
            title: t.title.as_deref().unwrap_or("").trim().to_string(),
            range: t.range(),
            years_from,
            count: undated.len(),
            cells: undated.iter().take(5).map(|r| r.place.cell_ref().to_string()).collect(),
            labels,
            axis,
            dated: dated.len(),
        },
    ))
}

/// One warning for the numbers of a sheet that stand in no table's rows (a stray
/// figure beside a table, or below it after a gap): they are not read, and the
/// user should know. Years, as in a title, are not counted.
fn stray_numbers(names: &SheetNames, sheet: &Sheet, tables: &[Table]) -> Option<Diagnostic> {
    // Whether each row stands in a table: one pass over the tables' spans.
    let mut in_table = vec![false; sheet.height()];
    for t in tables {
        let end = t.rows.end.min(in_table.len());
        in_table[t.rows.start.min(end)..end].iter_mut().for_each(|x| *x = true);
    }
    let mut stray = Vec::new();
    let mut count = 0;
    for r in (0..sheet.height()).filter(|&r| !in_table[r]) {
        for (c, cell) in sheet.cells(r) {
            let number = matches!(cell, Cell::Number(_) | Cell::Percent(_));
            if number && parse_year(cell).is_none() {
                count += 1;
                if stray.len() < 5 {
                    stray.push(crate::diag::a1(r as u32, c as u32));
                }
            }
        }
    }
    (count > 0)
        .then(|| Diagnostic::new(Level::Warning, names.place(), Kind::StrayNumbers { count, cells: stray }))
}

#[cfg(test)]
mod tests;
