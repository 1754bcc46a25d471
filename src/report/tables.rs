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
