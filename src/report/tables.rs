//! The tables of the report model: three-line tables of typed columns, rows and
//! cells, figures padded to align on the units digit, headings and names split
//! into the words a line may break between, and the 资料来源 line from the
//! figures' source cells.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::{Analysis, Figure, Origin};
use crate::catalog::{Catalog, Derive};

use super::words;

/// A three-line table.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// 表2-1
    pub number: String,
    pub title: String,
    /// `单位：件` when all rows share a unit; otherwise the table has a unit column.
    pub unit: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    /// 资料来源：the workbooks the figures come from.
    pub source: Option<String>,
}

/// What a column holds, so that the templates set its width and alignment
/// without reading its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// The category of the main table's rows, one cell for a run of rows.
    Category,
    /// The row's indicator (the stub).
    Name,
    /// A region: the stub of a table by region, or beside an indicator.
    Region,
    /// The unit of the row's figures.
    Unit,
    /// Other text: a region, a reporting agency.
    Text,
    /// A year as a label.
    Year,
    /// An indicator's figures.
    Value,
    /// A plan's baseline figures.
    Baseline,
    /// A plan's targets, some with ＞.
    Target,
    /// 比上年增长: a rate, or 百分点.
    Change,
    /// 年均增长: a rate, or 百分点.
    Growth,
    /// A percentage the table computes: 完成率, 占全市比重.
    Rate,
    /// 已完成, 未完成.
    Status,
    /// A peer's or a higher level's figure (全市平均, 全国): wider than a value.
    Level,
    /// A place among regions: 第2位.
    Rank,
}

impl ColumnKind {
    /// Whether the column holds figures, aligned on the units digit.
    pub fn is_number(self) -> bool {
        use ColumnKind::*;
        matches!(self, Value | Baseline | Target | Change | Growth | Rate | Level)
    }
}

/// A column: what it holds and its heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub kind: ColumnKind,
    /// The heading as printed.
    pub title: String,
    /// The heading's words: a line may break between them, never inside one.
    pub words: Vec<String>,
    /// Whether the column holds figures, aligned on the units digit.
    pub number: bool,
}

impl Column {
    pub fn new(kind: ColumnKind, title: impl Into<String>) -> Self {
        let title = title.into();
        Column { kind, words: words::split(&title), title, number: kind.is_number() }
    }
}

/// A table row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A 其中 item, indented one character under its total.
    pub indent: bool,
}

/// A table cell: its text, the invisible digits that pad a figure to the
/// column's decimals so that figures align on the units digit, and a text
/// cell's words, between which a line may break.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    pub pad: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

impl Row {
    /// A row of plain cells.
    pub fn new(cells: Vec<String>, indent: bool) -> Self {
        Row {
            cells: cells
                .into_iter()
                .map(|text| Cell { text, pad: String::new(), words: Vec::new() })
                .collect(),
            indent,
        }
    }
}

/// Readies the cells of `rows` for `columns` (cell k under column k): a figure
/// is padded to the most decimals of its column, so that right-aligned figures
/// line up on the units digit; a mark (＞2800) counts its number's decimals, and
/// 「—」 stands where an integer would. A name is split into its words.
pub fn set_cells(columns: &[Column], rows: &mut [Row]) {
    for (c, column) in columns.iter().enumerate() {
        let cells = || rows.iter().filter_map(|r| r.cells.get(c));
        if column.number {
            let max = cells().filter_map(|x| decimals(&x.text)).max().unwrap_or(0);
            for cell in rows.iter_mut().filter_map(|r| r.cells.get_mut(c)) {
                let d = decimals(&cell.text).unwrap_or(0);
                cell.pad = match (d, max) {
                    (d, m) if d >= m => String::new(),
                    (0, m) => format!(".{}", "0".repeat(m)),
                    (d, m) => "0".repeat(m - d),
                };
            }
        } else if matches!(column.kind, ColumnKind::Name | ColumnKind::Region | ColumnKind::Text) {
            for cell in rows.iter_mut().filter_map(|r| r.cells.get_mut(c)) {
                cell.words = words::split(&cell.text);
            }
        }
    }
}

/// The decimals of a printed figure (＞2800, +0.01, -0.9), `None` for text.
fn decimals(text: &str) -> Option<usize> {
    let number = text.trim_start_matches(['＞', '＜', '>', '<', '≥', '≤', '+', '-']);
    number.parse::<f64>().ok().map(|_| number.split_once('.').map_or(0, |(_, f)| f.len()))
}

/// `资料来源：区市场监管局（知识产权局）、区人民法院。`: the reporting agencies
/// (`source` in the catalogue) of the given indicators that have a figure for
/// the regions and years; a computed figure names its inputs' agencies. File
/// names are not printed: they are in `check`, the attachments and the manifest.
pub(crate) fn source_line(
    catalog: &Catalog,
    analysis: &Analysis,
    ids: &[&str],
    regions: &[&str],
    years: &[i32],
) -> Option<String> {
    let agencies = agencies(catalog, analysis, ids, regions, years);
    (!agencies.is_empty()).then(|| format!("资料来源：{}。", agencies.join("、")))
}

/// The reporting agencies of the read figures behind the given indicators, in
/// the order first met, each once.
pub(crate) fn agencies(
    catalog: &Catalog,
    analysis: &Analysis,
    ids: &[&str],
    regions: &[&str],
    years: &[i32],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<&str> = ids.iter().rev().copied().collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(ind) = catalog.get(id) else { continue };
        match &ind.derive {
            Some(Derive::Ratio { num, den, .. }) => {
                stack.push(den);
                stack.extend(num.iter().rev().map(String::as_str));
            }
            Some(Derive::Cumsum { of, .. }) => stack.push(of),
            None => {
                // A period total's inputs run from its plan's first year.
                let totals: Vec<i32> =
                    analysis.period_start().into_iter().flat_map(|s| s..=analysis.year).collect();
                let read = regions.iter().any(|r| {
                    years.iter().chain(&totals).any(|y| {
                        matches!(analysis.values.get(id, r, *y), Some(Figure { origin: Origin::Cell(_), .. }))
                    })
                });
                if let (true, Some(a)) = (read, &ind.source) {
                    same_agency(&mut out, a);
                }
            }
        }
    }
    out
}

/// Adds an agency once: `区市场监管局` and `区市场监管局（知识产权局）` are one
/// agency, named by its longer name.
fn same_agency(out: &mut Vec<String>, a: &str) {
    let short = |s: &str| s.split(['（', '(']).next().unwrap_or(s).to_string();
    match out.iter_mut().find(|o| short(o) == short(a)) {
        Some(o) if a.chars().count() > o.chars().count() => *o = a.to_string(),
        Some(_) => {}
        None => out.push(a.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(rows: &[&str], kind: ColumnKind) -> Vec<String> {
        let columns = [Column::new(ColumnKind::Name, "指标"), Column::new(kind, "2025年")];
        let mut rows: Vec<Row> =
            rows.iter().map(|t| Row::new(vec!["有效发明专利拥有量".into(), t.to_string()], false)).collect();
        set_cells(&columns, &mut rows);
        rows.iter().map(|r| r.cells[1].pad.clone()).collect()
    }

    #[test]
    fn figures_marks_and_dashes_pad_to_the_units_digit() {
        // 12482 and 76.2 and 3.16 in one column: the units digits line up when
        // each is padded to two decimals; a target's ＞ and a — count as integers.
        assert_eq!(
            column(&["12482", "76.2", "3.16", "＞2800", "—", "-0.9", "+0.01"], ColumnKind::Value),
            [".00", "0", "", ".00", ".00", "0", ""]
        );
        // A column of integers needs no padding.
        assert_eq!(column(&["8120", "—", "＞30"], ColumnKind::Target), ["", "", ""]);
    }

    #[test]
    fn only_columns_of_figures_are_padded_and_names_get_their_words() {
        let columns = [
            Column::new(ColumnKind::Name, "指标"),
            Column::new(ColumnKind::Year, "年份"),
            Column::new(ColumnKind::Value, "上年年报数"),
            Column::new(ColumnKind::Status, "状态"),
        ];
        let mut rows = vec![
            Row::new(["年末常住人口（万人）", "2024", "53.69", "已完成"].map(String::from).to_vec(), false),
            Row::new(["企业数（家）", "2024", "41000", "未完成"].map(String::from).to_vec(), false),
        ];
        set_cells(&columns, &mut rows);
        assert_eq!(rows[1].cells[1].pad, "", "a year is a label, not a figure");
        assert_eq!(rows[1].cells[2].pad, ".00");
        assert_eq!(rows[0].cells[0].words, ["年末", "常住人口", "（万人）"]);
        assert!(rows[0].cells[3].words.is_empty() && rows[0].cells[2].words.is_empty());
        let kinds: Vec<bool> = columns.iter().map(|c| c.number).collect();
        assert_eq!(kinds, [false, false, true, false]);
        assert_eq!(columns[2].words, ["上年", "年报数"]);
    }
}
