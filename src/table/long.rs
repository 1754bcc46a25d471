//! The long layout: a header row naming 指标 / 地区 / 年份 / 数值 / 单位 (in any
//! order and with their other names), then one figure per row. Its year is the
//! row's, else the period of the title, sheet name or file name; a year that is
//! written but cannot be read is an error at its cell.

use super::grid::{is_blank_row, is_note_row, subject_texts, title_and_unit};
use super::labels::{parse_year, split_label_unit};
use super::period::{Period, Rel, parse_period, period_in_text};
use super::{Layout, Record, Source, Table};
use crate::diag::{Diagnostic, Findings, Kind, Level, Name, SheetNames};
use crate::workbook::{Cell, Sheet};

/// The columns of a long layout's header row, if the row is one.
#[derive(Debug, Clone, Copy)]
pub(super) struct LongColumns {
    indicator: usize,
    region: Option<usize>,
    year: usize,
    value: usize,
    unit: Option<usize>,
    /// A stated growth on the year before (同比增长%), checked, never read.
    growth: Option<usize>,
}

pub(super) fn long_columns(sheet: &Sheet, row: usize) -> Option<LongColumns> {
    let mut cols = (None, None, None, None, None);
    let mut growth = None;
    for (c, cell) in sheet.cells(row) {
        let Some(t) = cell.text() else { continue };
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        match t.as_str() {
            "指标" | "指标名称" | "统计指标" | "项目" | "指标项" => {
                cols.0 = cols.0.or(Some(c))
            }
            "地区" | "区域" | "街道" | "地区名称" | "单位名称" | "街道（园区）" | "街道(园区)" => {
                cols.1 = cols.1.or(Some(c))
            }
            "年份" | "年度" | "年" | "统计年度" | "时间" => cols.2 = cols.2.or(Some(c)),
            "数值" | "值" | "数据" | "数量" | "指标值" | "本年" | "本年数" => {
                cols.3 = cols.3.or(Some(c))
            }
            "单位" | "计量单位" => cols.4 = cols.4.or(Some(c)),
            t if super::growth::on_year_before(t) => growth = growth.or(Some(c)),
            _ => {}
        }
    }
    Some(LongColumns {
        indicator: cols.0?,
        region: cols.1,
        year: cols.2?,
        value: cols.3?,
        unit: cols.4,
        growth,
    })
}

pub(super) fn read_long(
    names: &SheetNames,
    sheet: &Sheet,
    header: usize,
    cols: LongColumns,
    context_start: usize,
    fallback: Option<(Period, Source)>,
    diags: &mut Findings,
) -> (Table, usize) {
    let context = title_and_unit(sheet, context_start..header);
    let (title, table_unit) = (context.title.clone(), context.unit.as_deref().map(Name::from));
    let table_period = title.as_deref().and_then(period_in_text).map(|p| (p, Source::Title)).or(fallback);
    let base = table_period.as_ref().map(|p| &p.0);
    let mut relatives: Vec<(Rel, Period)> = Vec::new();
    let mut records = Vec::new();
    let mut record_rows = Vec::new();
    let mut blanks = 0;
    let mut row = header + 1;
    while row < sheet.height() {
        if long_columns(sheet, row).is_some() || is_note_row(sheet, row) {
            break;
        }
        if is_blank_row(sheet, row) {
            row += 1;
            continue;
        }
        let text_of = |c: Option<usize>| {
            c.and_then(|c| sheet.get(row, c).text().filter(|t| !t.is_empty()).map(Name::from))
        };
        let label = text_of(Some(cols.indicator)).unwrap_or_else(|| Name::from(""));
        let value = sheet.get(row, cols.value);
        // A year that is written must be read: never the title's year instead.
        let year_cell = sheet.get(row, cols.year);
        let written = match year_cell {
            _ if year_cell.is_blank() => None,
            Cell::Text(t) => parse_year(year_cell).map(Period::Year).or_else(|| parse_period(t)),
            _ => parse_year(year_cell).map(Period::Year),
        };
        if let Some(Period::Relative(r)) = written
            && let Some(p) = Period::Relative(r).resolve(base)
            && !relatives.iter().any(|(x, _)| *x == r)
        {
            relatives.push((r, p));
        }
        let period = match &written {
            Some(p) => p.resolve(base),
            None if year_cell.is_blank() => base.cloned(),
            None => None,
        };
        let year = period.as_ref().and_then(Period::annual);
        let period = period.filter(|p| year.is_none() && p.year().is_some());
        if year.is_none() && period.is_none() && !year_cell.is_blank() && !value.is_blank() {
            diags.push(Diagnostic::new(
                Level::Error,
                names.cell(row as u32, cols.year as u32),
                Kind::YearUnreadable { text: cell_text(year_cell) },
            ));
            row += 1;
            continue;
        }
        // A named row without a value is a blank, counted and not recorded, as in
        // a grid.
        if value.is_blank() {
            blanks += usize::from(!label.is_empty());
        } else {
            let label_unit = split_label_unit(&label).1.map(Name::from);
            records.push(Record {
                row: label,
                column: None,
                region: text_of(cols.region),
                year,
                value: value.clone(),
                unit: text_of(cols.unit).or_else(|| table_unit.clone()),
                label_unit,
                place: names.cell(row as u32, cols.value as u32),
                period,
                total: false,
            });
            record_rows.push(row);
        }
        row += 1;
    }
    if let Some(g) = cols.growth {
        let heading = cell_text(sheet.get(header, g)).trim().to_string();
        let read = Read { records: &records, rows: &record_rows, value: cols.value };
        check_growth(names, sheet, &read, (g, &heading), diags);
    }
    let used = [Some(cols.indicator), cols.region, Some(cols.year), Some(cols.value), cols.unit];
    let first = used.iter().flatten().min().copied().unwrap_or(0);
    let last = used.iter().flatten().max().copied().unwrap_or(0);
    (
        Table {
            layout: Layout::Long,
            title,
            header_rows: header..header + 1,
            rows: header..row,
            cols: first..last + 1,
            records,
            blanks,
            skipped_columns: Vec::new(),
            subject_texts: subject_texts(context.texts, names),
            years_down: false,
            period_from: (!relatives.is_empty()).then(|| table_period.as_ref().map(|p| p.1)).flatten(),
            relatives,
            unresolved: Vec::new(),
            period_rows: false,
        },
        row,
    )
}

/// The records of a long table with their rows, and its value column.
struct Read<'a> {
    records: &'a [Record],
    rows: &'a [usize],
    value: usize,
}

/// Warns at each stated growth whose row's figure and the figure of the same
/// indicator and region a year before give another rate ("增速与绝对数不衔接").
fn check_growth(
    names: &SheetNames,
    sheet: &Sheet,
    read: &Read,
    (col, heading): (usize, &str),
    diags: &mut Findings,
) {
    use super::value::{Value, parse_value};
    let number = |c: &Cell| match parse_value(c) {
        Value::Number(v) => Some(v),
        _ => None,
    };
    for (r, &row) in read.records.iter().zip(read.rows) {
        let Some(year) = r.year else { continue };
        let stated = match parse_value(sheet.get(row, col)) {
            Value::Number(v) | Value::Percent(v) => v,
            _ => continue,
        };
        let Some(now) = number(&r.value) else { continue };
        let before = read
            .records
            .iter()
            .zip(read.rows)
            .find(|(b, _)| b.row == r.row && b.region == r.region && b.year == Some(year - 1));
        let Some((then, before_row)) = before.and_then(|(b, &br)| Some((number(&b.value)?, br))) else {
            continue;
        };
        let Some((computed, d)) = super::growth::disagrees(stated, now, then) else { continue };
        diags.push(Diagnostic::new(
            Level::Warning,
            names.cell(row as u32, col as u32),
            Kind::GrowthDisagrees {
                label: r.row.to_string(),
                heading: heading.to_string(),
                stated: crate::format::cell(stated),
                computed: crate::format::round(computed, d.max(1)),
                this: crate::format::cell(now),
                this_cell: crate::diag::a1(row as u32, read.value as u32),
                before: crate::format::cell(then),
                before_cell: crate::diag::a1(before_row as u32, read.value as u32),
            },
        ));
    }
}

/// A cell as its content reads in a message.
fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Number(n) | Cell::Percent(n) => format!("{n}"),
        Cell::Text(s) | Cell::Date(s) | Cell::Error(s) => s.trim().to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::NoCachedValue(f) => format!("={f}"),
    }
}
