//! How one table's labels are understood, decided per table from what matches the
//! catalogue best: indicators × years, regions × years with the one indicator
//! named in the title, the unit line, the sheet name or the file name, indicators
//! × regions or regions × indicators (short column labels such as 发明 completed
//! by the title's indicator: 发明 + 专利授权量), or the long layout. A table none
//! of whose labels the catalogue knows is set aside with one warning. Regions ×
//! columns headed by a year alone take the indicator named around the table;
//! with none named, those columns are set aside with one warning (the whole
//! table, when no column names an indicator), and a region is never taken for
//! an indicator.
//!
//! Receives a [`Table`] and the builder's cached lookups; hands on a [`Reading`]
//! (shown by `check`, one line per table) and the [`Mode`] records are resolved in.

use std::collections::BTreeSet;
use std::fmt;

use super::Builder;
use crate::catalog::Indicator;
use crate::diag::{Diagnostic, Kind, Level, Place, TableShape};
use crate::table::{Layout, Period, Record, Rel, Source, Table};

/// Up to this many labels, a table none of whose labels is known is read label
/// by label (each unknown one named with the closest names).
const FEW: usize = 3;

/// What a table's labels were understood as, for `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The table's extent, `A3:F12`.
    pub range: String,
    /// 指标×年份, 地区×年份, …
    pub shape: &'static str,
    /// Where the table's one indicator was named, and its catalogue name.
    pub subject: Option<(Source, String)>,
    /// Whether the subject only completes short column labels (发明 + 专利授权量).
    pub completes: bool,
    /// The periods the headings name relative to the table's own (本年累计 →
    /// 2025年), and where the table's period was found.
    pub relatives: Vec<(Rel, Period)>,
    pub period_from: Option<Source>,
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "表格 {}：{}", self.range, self.shape)?;
        match &self.subject {
            Some((source, name)) if self.completes => {
                write!(f, "，指标名称以{}中的“{name}”补全", source.name())?
            }
            Some((source, name)) => write!(f, "，指标取自{}“{name}”", source.name())?,
            None => {}
        }
        for (rel, period) in &self.relatives {
            match period.annual() {
                Some(y) => write!(f, "，{} = {y}年", rel.word())?,
                None => write!(f, "，{} = {period}", rel.word())?,
            }
        }
        if let (false, Some(source)) = (self.relatives.is_empty(), self.period_from) {
            write!(f, "，年份取自{}", source.name())?;
        }
        Ok(())
    }
}

/// How the records of a table are resolved.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mode<'a> {
    /// Row labels are indicators; column labels, if any, regions.
    RowIndicators,
    /// Row labels are regions; column labels are indicators, perhaps completed
    /// by the subject (发明 + 专利授权量).
    RowRegions(Option<&'a Indicator>),
    /// Row labels are regions (or, years down the side, the column labels are),
    /// all of one indicator named around the table.
    Subject(&'a Indicator),
}

impl<'a> Builder<'a> {
    /// Decides how a table is read; `None`, with a warning given, when it is not.
    pub(super) fn understand(&mut self, table: &Table) -> Option<(Mode<'a>, Reading)> {
        let range = table.range();
        let rows = distinct(table.records.iter().map(|r| &*r.row));
        let cols = distinct(table.records.iter().filter_map(|r| r.column.as_deref()));
        let regions = distinct(table.records.iter().filter_map(|r| r.region.as_deref()));
        let count_ind = |b: &mut Self, set: &[&str]| set.iter().filter(|l| b.indicator(l).is_some()).count();
        let count_reg = |b: &mut Self, set: &[&str]| set.iter().filter(|l| b.region(l).is_some()).count();
        // 合计 alone does not make a table the district's: other subjects' tables
        // have totals too.
        let count_local = |b: &mut Self, set: &[&str]| {
            set.iter().filter(|l| b.region(l).is_some_and(|r| !r.district)).count()
        };
        let (ri, rr) = (count_ind(self, &rows), count_reg(self, &rows));
        let subject = self.subject(table);
        let reading = |shape, subject: Option<(Source, &Indicator)>| Reading {
            range: range.clone(),
            shape,
            subject: subject.map(|(s, i)| (s, i.name.clone())),
            completes: false,
            relatives: table.relatives.clone(),
            period_from: table.period_from,
        };
        let years: BTreeSet<i32> = table.records.iter().filter_map(|r| r.year).collect();
        if table.layout == Layout::Long {
            if ri + count_local(self, &regions) == 0
                && self.foreign(table, rows.iter().chain(&regions).copied().collect())
            {
                return None;
            }
            return Some((Mode::RowIndicators, reading("长表（指标、地区、年份、数值）", None)));
        }
        if cols.is_empty() && rows.iter().all(|r| r.trim().is_empty()) {
            // Months or quarters down the side, each column headed by its period
            // alone: the district's figures of the indicator named around the table.
            let Some((_, ind)) = subject else {
                self.no_subject(table, TableShape::Periods);
                return None;
            };
            let shape = crate::diag::text::table_shape(TableShape::Periods);
            return Some((Mode::Subject(ind), reading(shape, subject)));
        }
        if cols.is_empty() {
            // Labels and years: indicators, or regions of one indicator.
            if ri > 0 && ri >= rr {
                let shape = if table.years_down { "年份×指标" } else { "指标×年份" };
                return Some((Mode::RowIndicators, reading(shape, None)));
            }
            if ri + count_local(self, &rows) == 0 {
                if self.foreign(table, rows.into_iter().collect()) {
                    return None;
                }
                let shape = if table.years_down { "年份×指标" } else { "指标×年份" };
                return Some((Mode::RowIndicators, reading(shape, None)));
            }
            let shape = shape_of(table);
            let Some((_, ind)) = subject else {
                self.no_subject(table, shape);
                return None;
            };
            return Some((Mode::Subject(ind), reading(crate::diag::text::table_shape(shape), subject)));
        }
        let ci = cols.iter().filter(|c| self.column_indicator(c, subject.map(|s| s.1)).is_some()).count();
        let cr = count_reg(self, &cols);
        if ri + ci + count_local(self, &rows) + count_local(self, &cols) == 0
            && self.foreign(table, rows.iter().chain(&cols).copied().collect())
        {
            return None;
        }
        if rr + ci > ri + cr {
            // Columns headed by a year alone hold the figures of the indicator named
            // around the table; with none named, they are set aside, and their rows'
            // regions are never taken for indicators.
            let unlabelled: Vec<&Record> = table.records.iter().filter(|r| r.column.is_none()).collect();
            if !unlabelled.is_empty() && subject.is_none() {
                if ci == 0 {
                    self.no_subject(table, shape_of(table));
                    return None;
                }
                self.unlabelled_columns(table, &unlabelled);
            }
            let completed = cols.iter().any(|c| self.indicator(c).is_none())
                && ci > 0
                && subject.is_some_and(|(_, s)| cols.iter().any(|c| self.complete(c, s).is_some()));
            let shown = if completed || !unlabelled.is_empty() { subject } else { None };
            let shape = if years.len() > 1 { "地区×（年份、指标）" } else { "地区×指标" };
            let reading = Reading { completes: completed, ..reading(shape, shown) };
            return Some((Mode::RowRegions(subject.map(|s| s.1)), reading));
        }
        let shape = if years.len() > 1 { "指标×（年份、地区）" } else { "指标×地区" };
        Some((Mode::RowIndicators, reading(shape, None)))
    }

    /// The indicator named around a table, by the order of its texts.
    fn subject(&self, table: &Table) -> Option<(Source, &'a Indicator)> {
        let cat = self.catalog;
        table.subject_texts.iter().find_map(|(source, text)| cat.mentioned(text).map(|i| (*source, i)))
    }

    /// A column label as an indicator: its own name, or completed by the table's
    /// indicator (发明 + 专利授权量 → 发明专利授权量).
    pub(super) fn column_indicator(
        &mut self,
        label: &str,
        subject: Option<&'a Indicator>,
    ) -> Option<&'a Indicator> {
        self.indicator(label).or_else(|| subject.and_then(|s| self.complete(label, s)))
    }

    fn complete(&mut self, label: &str, subject: &'a Indicator) -> Option<&'a Indicator> {
        let head = crate::catalog::normalize_label(label);
        let name: Vec<char> = crate::catalog::normalize_label(&subject.name).chars().collect();
        if head.is_empty() {
            return None;
        }
        // The longest ending of the subject's name that makes a catalogue name,
        // and at least two characters of it.
        (0..name.len().saturating_sub(1)).find_map(|k| {
            let tail: String = name[k..].iter().collect();
            self.indicator(&format!("{head}{tail}"))
        })
    }

    /// One warning for a table none of whose labels the catalogue knows; a table
    /// of one to three labels is more likely a misspelt name than another
    /// subject, and gets a warning per label, with the closest names.
    fn foreign(&mut self, table: &Table, labels: Vec<&str>) -> bool {
        if labels.len() <= FEW {
            return false;
        }
        self.diags.push(Diagnostic::new(
            Level::Warning,
            table_place(table),
            Kind::ForeignTable {
                range: table.range(),
                count: labels.len(),
                labels: labels.iter().take(5).map(|l| l.trim().to_string()).collect(),
            },
        ));
        true
    }

    /// One warning for the columns of a table of regions × indicators that are
    /// headed by a year alone, with no indicator named around the table: their
    /// figures are not read.
    fn unlabelled_columns(&mut self, table: &Table, records: &[&Record]) {
        let mut columns: Vec<(String, Option<i32>)> = Vec::new();
        for r in records {
            let letters: String = r.place.cell_ref().chars().take_while(char::is_ascii_alphabetic).collect();
            if !columns.iter().any(|(c, _)| *c == letters) {
                columns.push((letters, r.year));
            }
        }
        self.diags.push(Diagnostic::new(
            Level::Warning,
            table_place(table),
            Kind::ColumnsWithoutIndicator { range: table.range(), columns },
        ));
    }

    /// One warning for a table of regions whose indicator is named nowhere.
    fn no_subject(&mut self, table: &Table, shape: TableShape) {
        self.diags.push(Diagnostic::new(
            Level::Warning,
            table_place(table),
            Kind::TableWithoutIndicator { range: table.range(), shape },
        ));
    }
}

/// How a table of regions and years of one indicator is turned.
fn shape_of(table: &Table) -> TableShape {
    if table.years_down { TableShape::YearsByRegions } else { TableShape::RegionsByYears }
}

/// The labels in the order they first appear.
fn distinct<'t>(labels: impl Iterator<Item = &'t str>) -> Vec<&'t str> {
    let mut seen = std::collections::HashSet::new();
    labels.filter(|l| seen.insert(*l)).collect()
}

/// A table's place: its first cell.
fn table_place(table: &Table) -> Place {
    let (row, col) = (table.rows.start as u32, table.cols.start as u32);
    table
        .records
        .first()
        .and_then(|r| r.place.cell_in_sheet(row, col))
        .unwrap_or_else(|| Place::cell("", "", row, col))
}
