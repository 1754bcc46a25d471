//! The table finder: locates each table's body (rows with a label and figures),
//! walks up from it to the header rows and the title and unit lines, and turns
//! every value cell into a record.

use std::collections::BTreeMap;
use std::ops::Range;

use super::labels::{
    header_part, is_english_only, is_english_unit, is_growth_column, is_note, is_share_or_rank,
    is_value_word, parse_unit_line, parse_year, split_label_unit,
};
use super::long::{long_columns, read_long};
use super::period::{Period, Rel, parse_period, period_in_text};
use super::value::{Value, parse_value};
use super::{Layout, Record, Source, Table};
use crate::diag::{Findings, Name, SheetNames};
use crate::workbook::{Cell, Sheet};

/// Whether a cell holds a figure, or a mark that stands for a missing one.
pub fn value_like(c: &Cell) -> bool {
    match c {
        Cell::Empty | Cell::Bool(_) => false,
        Cell::Text(s) if s.trim().is_empty() => false,
        Cell::Text(_) => matches!(parse_value(c), Value::Number(_) | Value::Percent(_) | Value::Missing),
        _ => true,
    }
}

/// A row label: text that is not a figure, or a year.
fn label_of(c: &Cell) -> Option<String> {
    match c {
        Cell::Text(s) if !s.trim().is_empty() && !value_like(c) => Some(s.clone()),
        Cell::Text(_) | Cell::Number(_) => parse_year(c).map(|y| y.to_string()),
        _ => None,
    }
}

fn first_nonblank(sheet: &Sheet, row: usize) -> Option<usize> {
    sheet.cells(row).find(|(_, c)| !c.is_blank()).map(|(c, _)| c)
}

fn nonblank_count(sheet: &Sheet, row: usize) -> usize {
    sheet.cells(row).filter(|(_, c)| !c.is_blank()).count()
}

/// Whether a cell right of column `col` holds a figure.
fn has_value_after(sheet: &Sheet, row: usize, col: usize) -> bool {
    sheet.cells(row).any(|(c, cell)| c > col && value_like(cell))
}

pub(super) fn is_blank_row(sheet: &Sheet, row: usize) -> bool {
    nonblank_count(sheet, row) == 0
}

fn row_text(sheet: &Sheet, row: usize) -> Option<&str> {
    sheet.cells(row).find_map(|(_, c)| c.text().filter(|t| !t.is_empty()))
}

pub(super) fn is_note_row(sheet: &Sheet, row: usize) -> bool {
    row_text(sheet, row).is_some_and(is_note)
        && first_nonblank(sheet, row)
            == sheet.cells(row).find(|(_, c)| c.text().is_some_and(|t| !t.is_empty())).map(|(c, _)| c)
}

/// A unit line: `单位：件` in some cell, perhaps beside `(piece)`, and little else.
fn unit_of_row(sheet: &Sheet, row: usize) -> Option<Option<String>> {
    let texts: Vec<&str> = sheet.cells(row).filter_map(|(_, c)| c.text()).filter(|t| !t.is_empty()).collect();
    if texts.is_empty() || texts.len() != nonblank_count(sheet, row) || texts.len() > 3 {
        return None;
    }
    if let Some(u) = texts.iter().find_map(|t| parse_unit_line(t)) {
        return Some(Some(u));
    }
    texts.iter().all(|t| is_english_unit(t)).then_some(None)
}

/// A row of years heading the columns (`地区 | 1995 | 2000 | …`): every figure in
/// it is a distinct year, in order.
fn is_year_header(sheet: &Sheet, row: usize) -> bool {
    let Some(start) = first_nonblank(sheet, row) else { return false };
    let values: Vec<&Cell> =
        sheet.cells(row).filter(|(c, cell)| *c > start && value_like(cell)).map(|(_, c)| c).collect();
    let years: Vec<i32> =
        sheet.cells(row).filter(|(c, _)| *c >= start).filter_map(|(_, c)| parse_year(c)).collect();
    if years.len() < 2 || values.iter().any(|c| parse_year(c).is_none()) {
        return false;
    }
    let ordered = |ys: &[i32]| ys.windows(2).all(|w| w[0] < w[1]) || ys.windows(2).all(|w| w[0] > w[1]);
    // Or the same years again under each group of a grouped header
    // (`2024 | 2025 | 2024 | 2025` under two indicators).
    let repeated = (2..=years.len() / 2).any(|p| {
        years.len().is_multiple_of(p)
            && ordered(&years[..p])
            && years.iter().enumerate().all(|(i, y)| *y == years[i % p])
    });
    ordered(&years) || repeated
}

/// Words that head a label column: a row starting with one is a header row.
const HEADER_WORDS: &[&str] = &[
    "指标",
    "指标名称",
    "统计指标",
    "项目",
    "地区",
    "区域",
    "街道",
    "街道(园区)",
    "地区名称",
    "年份",
    "年度",
    "月份",
    "季度",
    "item",
    "region",
    "year",
    "name",
    "indicator",
];

fn is_header_word(cell: &Cell) -> bool {
    use unicode_normalization::UnicodeNormalization;
    cell.text().is_some_and(|t| {
        let key: String = t.nfkc().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        HEADER_WORDS.contains(&key.as_str())
    })
}

/// The label column of a body row: the row's first cell is a label and some cell to
/// its right holds a figure.
fn body_label_col(sheet: &Sheet, row: usize) -> Option<usize> {
    let c0 = first_nonblank(sheet, row)?;
    label_of(sheet.get(row, c0))?;
    if is_header_word(sheet.get(row, c0)) {
        return None;
    }
    if is_year_header(sheet, row) || is_note_row(sheet, row) || long_columns(sheet, row).is_some() {
        return None;
    }
    has_value_after(sheet, row, c0).then_some(c0)
}

/// Whether a row continues a body whose labels are in `label_col`.
fn is_body_row(sheet: &Sheet, row: usize, label_col: usize) -> bool {
    body_label_col(sheet, row) == Some(label_col)
        || (label_of(sheet.get(row, label_col)).is_some()
            && !is_header_word(sheet.get(row, label_col))
            && has_value_after(sheet, row, label_col)
            && !is_year_header(sheet, row)
            && !is_note_row(sheet, row))
}

/// Finds every table of a sheet; the errors found in them go to `diags`.
/// `names` are the file's and the sheet's, which the records' places share.
pub fn find(names: &SheetNames, sheet: &Sheet, diags: &mut Findings) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut row = 0;
    let mut context_start = 0;
    // The period a table's relative headings and undated values take when its
    // title gives none.
    let fallback = period_in_text(&sheet.name)
        .map(|p| (p, Source::SheetName))
        .or_else(|| period_in_text(&names.file).map(|p| (p, Source::FileName)));
    while row < sheet.height() {
        if let Some(cols) = long_columns(sheet, row) {
            let (table, end) = read_long(names, sheet, row, cols, context_start, fallback.clone(), diags);
            tables.push(table);
            row = end.max(row + 1);
            context_start = row;
            continue;
        }
        if let Some(label_col) = body_label_col(sheet, row) {
            let (table, end) =
                read_grid(names, sheet, row, label_col, context_start, fallback.clone(), diags);
            if !table.records.is_empty() {
                tables.push(table);
            }
            row = end.max(row + 1);
            context_start = row;
            continue;
        }
        row += 1;
    }
    tables
}

/// What the rows between the previous table and the header say: the title, the
/// unit, and the texts that may name the table's indicator (title lines first,
/// Chinese before English, then the unit line).
pub(super) struct Context {
    pub title: Option<String>,
    pub unit: Option<String>,
    pub texts: Vec<(Source, String)>,
}

/// Title and unit from the rows between the previous table and the header.
pub(super) fn title_and_unit(sheet: &Sheet, rows: Range<usize>) -> Context {
    let mut titles = Vec::new();
    let mut unit = None;
    let mut unit_lines = Vec::new();
    for r in rows {
        if is_note_row(sheet, r) {
            continue;
        }
        if let Some(u) = unit_of_row(sheet, r) {
            unit = unit.or(u);
            let texts: Vec<&str> = sheet.cells(r).filter_map(|(_, c)| c.text()).collect();
            unit_lines.push((Source::UnitLine, texts.join(" ")));
            continue;
        }
        if let Some(t) = row_text(sheet, r) {
            let all: Vec<&str> =
                sheet.cells(r).filter_map(|(_, c)| c.text()).filter(|t| !t.is_empty()).collect();
            titles.push((t.to_string(), all.join(" ")));
        }
    }
    // Prefer a Chinese title line to its English translation.
    let title = titles.iter().find(|t| !is_english_only(&t.0)).or(titles.first()).map(|t| t.0.clone());
    let mut texts: Vec<(Source, String)> =
        titles.into_iter().filter(|t| !is_english_only(&t.1)).map(|t| (Source::Title, t.1)).collect();
    texts.extend(unit_lines);
    Context { title, unit, texts }
}

/// A header row above a body with labels in `label_col`: several cells, or one
/// cell standing over a figure column (a group heading).
fn is_header_row(sheet: &Sheet, row: usize, label_col: usize) -> bool {
    if is_blank_row(sheet, row) || is_note_row(sheet, row) || unit_of_row(sheet, row).is_some() {
        return false;
    }
    match nonblank_count(sheet, row) {
        1 => first_nonblank(sheet, row).is_some_and(|c| c > label_col),
        _ => true,
    }
}

fn read_grid(
    names: &SheetNames,
    sheet: &Sheet,
    first_body: usize,
    label_col: usize,
    context_start: usize,
    fallback: Option<(Period, Source)>,
    diags: &mut Findings,
) -> (Table, usize) {
    // Header: up from the body, over at most two blank rows, while rows are headers.
    let mut h = first_body;
    let mut blanks = 0;
    while h > context_start && is_blank_row(sheet, h - 1) && blanks < 2 {
        h -= 1;
        blanks += 1;
    }
    // Rows with a label and nothing to read yet (a form's unfilled lines) stand
    // between the header and the first figures; pass over them when a header
    // stands above them.
    let mut e = h;
    while e > context_start && (is_empty_body_row(sheet, e - 1, label_col) || is_blank_row(sheet, e - 1)) {
        e -= 1;
    }
    if e < h && e > context_start && is_header_row(sheet, e - 1, label_col) {
        h = e;
    }
    let header_end = h;
    while h > context_start && is_header_row(sheet, h - 1, label_col) {
        h -= 1;
    }
    let header_rows = h..header_end;
    let context = title_and_unit(sheet, context_start..h);
    let (title, table_unit) = (context.title.clone(), context.unit.as_deref().map(Name::from));

    // Body: rows with a label and figures; blank rows and label-only section rows
    // in between are passed over; anything else ends the table.
    let mut body = Vec::new();
    let mut row = first_body;
    while row < sheet.height() {
        if is_body_row(sheet, row, label_col) {
            body.push(row);
            row += 1;
            continue;
        }
        if is_note_row(sheet, row) {
            break;
        }
        let section = is_blank_row(sheet, row)
            || is_empty_body_row(sheet, row, label_col)
            || (nonblank_count(sheet, row) <= 2
                && sheet.cells(row).filter(|(c, _)| *c > label_col).all(|(_, c)| {
                    c.is_blank()
                        || c.text().is_some_and(|t| !value_like(&Cell::Text(t.into())) && is_english_only(t))
                }));
        // Pass over it, and the blank rows after it, only if the body goes on
        // after them: jumping to that row keeps a long gap linear.
        if section {
            let next = (row + 1..sheet.height()).find(|&r| !is_blank_row(sheet, r));
            if let Some(n) = next.filter(|&n| is_body_row(sheet, n, label_col)) {
                row = n;
                continue;
            }
        }
        break;
    }
    let end = row;

    // Columns right of the labels that hold something in the body: figure columns,
    // a unit column, skipped ones.
    let mut body_cols = BTreeMap::new();
    for &r in &body {
        for (c, cell) in sheet.cells(r).filter(|(c, _)| *c > label_col) {
            *body_cols.entry(c).or_insert(false) |= value_like(cell);
        }
    }
    let chinese_header = header_rows.clone().any(|r| {
        sheet
            .cells(r)
            .any(|(c, cell)| c > label_col && header_part(cell).is_some_and(|p| !is_english_only(&p)))
    });
    let table_period = title.as_deref().and_then(period_in_text).map(|p| (p, Source::Title)).or(fallback);
    let base = table_period.as_ref().map(|p| &p.0);
    let mut unit_col = None;
    let mut columns: Vec<Column> = Vec::new();
    let mut skipped = Vec::new();
    let mut rates = Vec::new();
    let mut relatives: Vec<(Rel, Period)> = Vec::new();
    let mut current: Option<Period> = None;
    let mut unresolved: Vec<Rel> = Vec::new();
    for (&c, &has_values) in &body_cols {
        let mut parts: Vec<String> = Vec::new();
        for r in header_rows.clone() {
            if let Some(p) = header_part(group_heading(sheet, r, c, label_col, &header_rows))
                && !(chinese_header && is_english_only(&p))
                && parts.last() != Some(&p)
            {
                parts.push(p);
            }
        }
        let joined: String = parts.concat();
        if joined.contains("单位") && !has_values {
            unit_col = Some(c);
            continue;
        }
        if !has_values {
            continue;
        }
        // Growth columns are never figures; a share or rank sub-column is not one
        // under a period heading (`2025年` over 数量 | 占比 | 排名). A column of its
        // own headed 排名 is left to be named as it is.
        let under_period =
            parts.iter().any(|p| parse_period(p).is_some() || parse_period(&split_label_unit(p).0).is_some());
        if parts.iter().any(|p| is_growth_column(p) || (under_period && is_share_or_rank(p))) {
            skipped.push(joined);
            let (period, rest, _, _) = column_period(&parts, base, current.as_ref());
            let growth = parts.iter().any(|p| is_growth_column(p));
            let label = rest
                .iter()
                .rfind(|p| !is_growth_column(p) && !is_share_or_rank(p))
                .map(|p| Name::from(p.as_str()));
            if growth {
                rates.push(super::growth::Rate { col: c, label, period, text: rest.concat() });
            }
            continue;
        }
        let (period, mut parts, rel, period_unit) = column_period(&parts, base, current.as_ref());
        if rel.is_some_and(Rel::is_current) {
            current = period.clone();
        }
        if let (Some(r), Some(p)) = (rel, &period)
            && !relatives.iter().any(|(x, _)| *x == r)
        {
            relatives.push((r, p.clone()));
        }
        if let (Some(r), None) = (rel, &period)
            && !unresolved.contains(&r)
        {
            unresolved.push(r);
        }
        // A part that is only a unit in brackets, e.g. （户）, or a word for the
        // amount under a period (数量（件）), gives the column's unit.
        let mut col_unit = period_unit.map(Name::from);
        parts.retain(|p| {
            let t = p.trim();
            let bracketed =
                (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'));
            if bracketed && t.chars().count() <= 8 {
                col_unit = Some(Name::from(t.trim_matches(['（', '）', '(', ')'])));
                false
            } else if is_value_word(t) {
                col_unit = col_unit.clone().or(split_label_unit(t).1.map(Name::from));
                false
            } else if period.is_some() && crate::catalog::unit::is_known(t) {
                // A sub-column headed by its unit alone (件) under a period.
                col_unit = Some(Name::from(t));
                false
            } else {
                true
            }
        });
        // A bracket at the end of the label may be a unit; the dataset stage, which
        // knows the units, decides. The label stays whole for the lookup.
        let label_unit = parts.last().and_then(|p| split_label_unit(p).1).map(Name::from);
        let label = parts.last().map(|l| Name::from(l.as_str()));
        let total = is_total(&joined);
        columns.push(Column { col: c, label, period, unit: col_unit, label_unit, total });
    }
    // Months or quarters across: a 合计 / 全年 column beside them is their total.
    let sub_year = |p: &Option<Period>| p.as_ref().is_some_and(|p| p.annual().is_none());
    let period_cols = columns.iter().filter(|c| sub_year(&c.period)).count() >= 2;
    for c in &mut columns {
        c.total &= period_cols;
        if c.total {
            c.period = c.period.as_ref().or(base).and_then(Period::year).map(Period::Year);
            c.label = None;
        }
    }
    // The rows' periods: months or quarters down the side, perhaps with a 合计 row.
    let row_periods: Vec<Option<Period>> = body
        .iter()
        .map(|&r| {
            let cell = sheet.get(r, label_col);
            if parse_year(cell).is_some() {
                return None;
            }
            cell.text().and_then(parse_period)
        })
        .collect();
    for p in row_periods.iter().flatten() {
        if let Period::Relative(r) = p {
            match p.resolve(base) {
                Some(resolved) if !relatives.iter().any(|(x, _)| x == r) => relatives.push((*r, resolved)),
                None if !unresolved.contains(r) => unresolved.push(*r),
                _ => {}
            }
        }
    }
    let period_rows =
        row_periods.iter().filter(|p| p.as_ref().is_some_and(|p| p.annual().is_none())).count() >= 2;
    let mut records = Vec::new();
    let mut blanks = 0;
    for (i, &r) in body.iter().enumerate() {
        let Some(raw_label) = label_of(sheet.get_merged(r, label_col)) else { continue };
        let row_year = parse_year(sheet.get(r, label_col));
        let row_period = &row_periods[i];
        let row_total = period_rows
            && (is_total(&raw_label) || row_period.as_ref().is_some_and(|p| p.months() == Some(1..=12)));
        // Shared by the row's records, as a column's label is by the column's.
        let label_unit = split_label_unit(&raw_label).1.map(Name::from);
        let row_label = Name::from(raw_label.as_str());
        let row_unit =
            unit_col.and_then(|c| sheet.get(r, c).text().filter(|t| !t.is_empty()).map(Name::from));
        for col in &columns {
            let value = sheet.get(r, col.col);
            if *value == Cell::Empty {
                blanks += 1;
                continue;
            }
            let col_base = col.period.as_ref().or(base);
            let (row_text, column, period, total) = match (row_year, row_period) {
                // Years down the side: the column names the indicator.
                (Some(y), _) => match &col.label {
                    Some(l) => (l.clone(), None, Some(Period::Year(y)), false),
                    None => continue,
                },
                // Months or quarters down the side: the column names the indicator,
                // or the table's title does.
                (None, _) if row_total => {
                    let year = col_base.and_then(Period::year).map(Period::Year);
                    (col.label.clone().unwrap_or_default(), None, year, true)
                }
                (None, Some(p)) => (col.label.clone().unwrap_or_default(), None, p.resolve(col_base), false),
                _ => (
                    row_label.clone(),
                    col.label.clone(),
                    col.period.clone().or_else(|| base.cloned()),
                    col.total,
                ),
            };
            // A whole year is the record's year; a part of a year, or a stated
            // total of parts, is kept as its period for the dataset stage.
            let year = if total { None } else { period.as_ref().and_then(Period::annual) };
            let period = if year.is_some() {
                None
            } else {
                period.filter(|p| total || (p.annual().is_none() && p.year().is_some()))
            };
            records.push(Record {
                row: row_text,
                column,
                region: None,
                year,
                value: value.clone(),
                unit: row_unit.clone().or_else(|| col.unit.clone()).or_else(|| table_unit.clone()),
                label_unit: if row_year.is_some() || row_period.is_some() {
                    col.label_unit.clone()
                } else {
                    label_unit.clone().or_else(|| col.label_unit.clone())
                },
                place: names.cell(r as u32, col.col as u32),
                period,
                total,
            });
        }
    }
    super::growth::check(names, sheet, &body, label_col, &rates, &columns, diags);
    let rows = header_rows.start..end;
    let last_col = columns.iter().map(|c| c.col).max().unwrap_or(label_col);
    let years_down = row_periods.iter().any(Option::is_some)
        || body.iter().any(|&r| parse_year(sheet.get(r, label_col)).is_some());
    let period_from = (!relatives.is_empty()).then(|| table_period.as_ref().map(|p| p.1)).flatten();
    let table = Table {
        layout: Layout::Grid,
        title,
        header_rows,
        rows,
        cols: label_col..last_col + 1,
        records,
        blanks,
        skipped_columns: skipped,
        subject_texts: subject_texts(context.texts, names),
        years_down,
        relatives,
        unresolved,
        period_from,
        period_rows,
    };
    (table, end)
}

/// A figure column of a grid.
pub(super) struct Column {
    pub col: usize,
    /// The label beside the period: an indicator or a region.
    pub label: Option<Name>,
    /// The period, resolved against the table's.
    pub period: Option<Period>,
    pub unit: Option<Name>,
    pub label_unit: Option<Name>,
    /// A 合计 / 全年 column beside months or quarters.
    pub total: bool,
}

/// Words for the total of a table's months or quarters.
fn is_total(label: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let t: String = label.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = split_label_unit(&t).0;
    ["合计", "总计", "全年", "全年合计", "年度合计", "合计数", "全年累计", "全年数"].contains(&t.as_str())
}

/// The period of a column from its header parts: an explicit one (2025年,
/// 一季度) resolved against the table's `base`, a relative one (本年累计, 上年同期)
/// resolved against the explicit one or `base`. Gives the period, the parts
/// left, the relative word used, and a unit in a period part's bracket.
///
/// `current` is the period of the nearest column to the left headed by this
/// period's word (本年累计, 1—本月累计): 上年同期 beside it is the same period a
/// year before (in a month's form, 本月 | 1—本月累计 | 上年同期 pairs the last two).
fn column_period(
    parts: &[String],
    base: Option<&Period>,
    current: Option<&Period>,
) -> (Option<Period>, Vec<String>, Option<Rel>, Option<String>) {
    let (mut explicit, mut rel, mut unit, mut rest) = (None, None, None, Vec::new());
    for p in parts {
        let (head, u) = split_label_unit(p);
        match parse_period(p).map(|x| (x, None)).or_else(|| parse_period(&head).map(|x| (x, u))) {
            Some((Period::Relative(r), u)) => {
                rel = rel.or(Some(r));
                unit = unit.or(u);
            }
            Some((x, u)) => {
                explicit = explicit.or(Some(x));
                unit = unit.or(u);
            }
            None => rest.push(p.clone()),
        }
    }
    let own = explicit.and_then(|e| e.resolve(base));
    let period = match (rel, &own, current) {
        (Some(r), None, Some(c)) if !r.is_current() => Some(c.year_before()),
        (Some(r), _, _) => Period::Relative(r).resolve(own.as_ref().or(base)),
        (None, _, _) => own.clone(),
    };
    let rel = rel.filter(|_| own.is_none());
    (period, rest, rel, unit)
}

/// The texts that may name a table's indicator, in order of preference: the
/// title, the unit line, the sheet name, the file name (without extension).
pub(super) fn subject_texts(texts: Vec<(Source, String)>, names: &SheetNames) -> Vec<(Source, Name)> {
    let mut texts: Vec<(Source, Name)> = texts.into_iter().map(|(s, t)| (s, Name::from(t))).collect();
    texts.push((Source::SheetName, names.sheet.clone()));
    let file: &str = &names.file;
    let stem = std::path::Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or(file);
    texts.push((Source::FileName, Name::from(stem)));
    texts
}

/// A header cell, or, in a header row above the last, a group heading written
/// once at the left of its columns and not merged over them (`2024年 | | |
/// 2025年 | |` over `发明 | 实用新型 | 外观设计`, or an indicator over years).
fn group_heading<'s>(
    sheet: &'s Sheet,
    row: usize,
    col: usize,
    label_col: usize,
    header: &Range<usize>,
) -> &'s Cell {
    let cell = sheet.get_merged(row, col);
    if !cell.is_blank() || row + 1 >= header.end || sheet.get_merged(header.end - 1, col).is_blank() {
        return cell;
    }
    match sheet.cells(row).rev().find(|(c, x)| *c < col && *c > label_col && !x.is_blank()) {
        Some((_, left)) if !value_like(left) || parse_year(left).is_some() => left,
        _ => cell,
    }
}

/// A row with a label and nothing to read yet: a form's unfilled line, the label
/// perhaps with its unit (`专利申请量 | 件`).
fn is_empty_body_row(sheet: &Sheet, row: usize, label_col: usize) -> bool {
    let label = sheet.get(row, label_col);
    label_of(label).is_some()
        && parse_year(label).is_none()
        && !is_header_word(label)
        && first_nonblank(sheet, row) == Some(label_col)
        && sheet.cells(row).filter(|(c, x)| *c != label_col && !x.is_blank()).count() <= 1
        && sheet
            .cells(row)
            .filter(|(c, x)| *c != label_col && !x.is_blank())
            .all(|(_, x)| x.text().is_some_and(crate::catalog::unit::is_known))
}
