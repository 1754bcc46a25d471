//! The tables of the report model: three-line tables of rows and cells, numbers
//! padded to align on the units digit, and the 资料来源 line from the figures'
//! source cells.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::{Analysis, Figure, Origin};
use crate::catalog::{Catalog, Derive};

/// A three-line table.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// 表2-1
    pub number: String,
    pub title: String,
    /// `单位：件` when all rows share a unit; otherwise the table has a unit column.
    pub unit: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    /// 资料来源：the workbooks the figures come from.
    pub source: Option<String>,
}

/// A table row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A 其中 item, indented one character under its total.
    pub indent: bool,
}

/// A table cell: its text, and the invisible digits that pad it to the column's
/// decimals so that numbers align on the units digit.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    pub pad: String,
}

impl Row {
    /// A row of plain cells.
    pub fn new(cells: Vec<String>, indent: bool) -> Self {
        Row { cells: cells.into_iter().map(|text| Cell { text, pad: String::new() }).collect(), indent }
    }
}

/// Pads each number to the most decimals of its column (from `first` on), so that
/// right-aligned numbers line up on the units digit.
pub fn align_decimals(rows: &mut [Row], first: usize) {
    let decimals = |t: &str| -> Option<usize> {
        t.parse::<f64>().ok().map(|_| t.split_once('.').map_or(0, |(_, f)| f.len()))
    };
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for c in first..width {
        let max =
            rows.iter().filter_map(|r| r.cells.get(c)).filter_map(|x| decimals(&x.text)).max().unwrap_or(0);
        for cell in rows.iter_mut().filter_map(|r| r.cells.get_mut(c)) {
            let d = decimals(&cell.text).unwrap_or(max);
            cell.pad = match (d, max) {
                (d, m) if d >= m => String::new(),
                (0, m) => format!(".{}", "0".repeat(m)),
                (d, m) => "0".repeat(m - d),
            };
        }
    }
}

/// `资料来源：专利统计.xlsx、商标与版权.xlsx。` for the cells of the given
/// indicators, regions and years (and, for computed figures, their inputs).
pub(crate) fn source_line(
    catalog: &Catalog,
    analysis: &Analysis,
    ids: &[&str],
    regions: &[&str],
    years: &[i32],
) -> Option<String> {
    let mut files = BTreeSet::new();
    let mut stack: Vec<&str> = ids.to_vec();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for r in regions {
            // A period total's inputs run from its plan's first year.
            let totals = analysis.period_start().into_iter().flat_map(|s| s..=analysis.year);
            for y in years.iter().copied().chain(totals) {
                if let Some(Figure { origin: Origin::Cell(p), .. }) = analysis.values.get(id, r, y) {
                    files.insert(p.file_name().to_string());
                }
            }
        }
        match catalog.get(id).and_then(|i| i.derive.as_ref()) {
            Some(Derive::Ratio { num, den, .. }) => {
                stack.extend(num.iter().map(String::as_str));
                stack.push(den);
            }
            Some(Derive::Cumsum { of, .. }) => stack.push(of),
            None => {}
        }
    }
    (!files.is_empty()).then(|| format!("资料来源：{}。", files.into_iter().collect::<Vec<_>>().join("、")))
}
