//! Reading an HTML page saved with an .xls name, as statistics websites export
//! them: each `<table>` becomes rows of cells, with `rowspan` and `colspan` turned
//! into merged regions; all tables of the page go into one sheet, one after the
//! other with a blank row between, so that a `单位:件` table before the data
//! still reads as the data's unit line.
//!
//! A page may say anything: spans are clamped as browsers clamp them and cut at
//! the end of their table, the sheet is held to Excel's limits and to
//! [`MAX_CELLS`], and the work is linear in the page's size (a nested table's
//! rows follow its parent's row; its text is not repeated in the parent's cell).

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Node, Selector};

use super::{Cell, Merge, Sheet, SheetBuilder};

const MAX_ROWS: usize = super::MAX_ROWS as usize;
const MAX_COLS: usize = super::MAX_COLS as usize;
/// The most cell positions (blank ones and those under a span included) read
/// from one page: far above any real statistics table, far below what would
/// exhaust memory or time. The sheet's own cap ([`super::MAX_CELLS`]) counts only
/// cells that hold something.
pub const MAX_CELLS: usize = 5_000_000;
/// Browsers read `colspan` above 1000 as 1000 (HTML Living Standard, 4.9.11).
const MAX_COLSPAN: usize = 1000;
/// Browsers read `rowspan` above 65534 as 65534.
const MAX_ROWSPAN: usize = 65_534;
/// How many `<div>`s are looked at for a title before the tables.
const TITLE_DIVS: usize = 64;

/// A rowspan still covering rows below: columns `first_col..=last_col` up to
/// `last_row`.
struct Covered {
    last_col: usize,
    last_row: usize,
}

/// The sheet being filled, a row at a time, with the cell positions counted
/// against [`MAX_CELLS`].
struct Builder {
    sheet: SheetBuilder,
    height: usize,
    merges: Vec<Merge>,
    cells: usize,
}

impl Builder {
    fn push(&mut self, row: &mut Vec<Cell>, cell: Cell, n: usize) -> Result<(), String> {
        self.cells += n;
        if self.cells > MAX_CELLS {
            return Err(format!("网页表格超过 {MAX_CELLS} 个单元格的上限，无法读取"));
        }
        if row.len() + n > MAX_COLS {
            return Err(format!("网页表格超过 Excel 的 {MAX_COLS} 列上限，无法读取"));
        }
        row.push(cell);
        row.extend(std::iter::repeat_n(Cell::Empty, n - 1));
        Ok(())
    }

    fn new_row(&mut self, cells: Vec<Cell>) -> Result<(), String> {
        if self.height >= MAX_ROWS {
            return Err(format!("网页表格超过 Excel 的 {MAX_ROWS} 行上限，无法读取"));
        }
        for (c, cell) in cells.into_iter().enumerate() {
            // Positions are within the limits checked above; only the sheet's cap
            // on cells holding something can fail.
            self.sheet.push(self.height as u32, c as u32, cell).map_err(|l| limit_text(&l))?;
        }
        self.height += 1;
        Ok(())
    }

    /// Adds one table's rows.
    fn table(&mut self, table: ElementRef<'_>, sel: &Selectors) -> Result<(), String> {
        let trs: Vec<ElementRef<'_>> = table.select(&sel.row).collect();
        let top = self.height;
        let bottom = (top + trs.len()).saturating_sub(1);
        // Rowspans from rows above, keyed by their first column.
        let mut covered: BTreeMap<usize, Covered> = BTreeMap::new();
        for (r, tr) in trs.into_iter().enumerate() {
            let row_index = top + r;
            let mut cells: Vec<Cell> = Vec::new();
            let mut col = 0;
            for td in tr.children().filter_map(ElementRef::wrap).filter(|e| sel.cell.matches(e)) {
                col = self.skip_covered(&mut covered, &mut cells, row_index, col)?;
                let span = |a: &str, max: usize| {
                    td.value().attr(a).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, max)
                };
                // A span ends at the table's last row and the sheet's last column.
                let rs = span("rowspan", MAX_ROWSPAN).min(bottom + 1 - row_index);
                let cs = span("colspan", MAX_COLSPAN);
                let t = text_of(td);
                self.push(&mut cells, if t.is_empty() { Cell::Empty } else { Cell::Text(t) }, cs)?;
                if rs > 1 || cs > 1 {
                    let (last_row, last_col) = (row_index + rs - 1, col + cs - 1);
                    self.merges.push(Merge { first_row: row_index, first_col: col, last_row, last_col });
                    if rs > 1 {
                        covered.insert(col, Covered { last_col, last_row });
                    }
                }
                col += cs;
            }
            self.new_row(cells)?;
        }
        Ok(())
    }

    /// Moves `col` past the cells a rowspan from above covers in this row, filling
    /// them with blanks; spans that ended are dropped on the way. Each step either
    /// adds a cell (counted) or drops a span, so the work is linear.
    fn skip_covered(
        &mut self,
        covered: &mut BTreeMap<usize, Covered>,
        cells: &mut Vec<Cell>,
        row: usize,
        mut col: usize,
    ) -> Result<usize, String> {
        while let Some((&first, c)) = covered.range(..=col).next_back() {
            if c.last_row < row {
                covered.remove(&first);
            } else if col <= c.last_col {
                let n = c.last_col + 1 - col;
                self.push(cells, Cell::Empty, n)?;
                col += n;
            } else {
                break;
            }
        }
        Ok(col)
    }
}

struct Selectors {
    row: Selector,
    cell: Selector,
}

/// The sheet of an HTML page, or why there is none.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let text = String::from_utf8_lossy(bytes);
    let doc = Html::parse_document(&text);
    let sel = Selectors {
        row: Selector::parse("tr").expect("valid selector"),
        cell: Selector::parse("td, th").expect("valid selector"),
    };
    let mut b = Builder { sheet: SheetBuilder::new("网页表格"), height: 0, merges: Vec::new(), cells: 0 };
    // Title-like text before the first table (a <div> caption) becomes the first row.
    if let Ok(title_sel) = Selector::parse("body div")
        && let Some(t) =
            doc.select(&title_sel).take(TITLE_DIVS).map(text_of).find(|t| !t.is_empty() && !t.contains('<'))
    {
        b.new_row(vec![Cell::Text(t)])?;
    }
    let tables = outermost_tables(doc.root_element());
    if tables.is_empty() {
        return Err("网页中没有 <table> 表格".into());
    }
    for table in tables {
        if b.height > 0 {
            b.new_row(Vec::new())?;
        }
        b.table(table, &sel)?;
    }
    let sheet: Sheet = b.sheet.finish().and_then(|s| s.with_merges(b.merges)).map_err(|l| limit_text(&l))?;
    Ok(vec![sheet])
}

/// A sheet limit the page passed, as the reason it cannot be read.
fn limit_text(limit: &super::Limit) -> String {
    crate::diag::text::sheet_limit(&limit.into())
}

/// The `<table>` elements not inside another table, in document order; nested ones
/// are read with their parent.
fn outermost_tables(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if e.value().name() == "table" {
            found.push(e);
            continue;
        }
        // Children in reverse, so that they are popped in document order.
        let children: Vec<_> = e.children().filter_map(ElementRef::wrap).collect();
        stack.extend(children.into_iter().rev());
    }
    found
}

/// The visible text of an element, with `&nbsp;` and runs of white space folded;
/// the text of nested tables is left out (their cells are read as cells).
fn text_of(e: ElementRef<'_>) -> String {
    let mut raw = String::new();
    let mut stack: Vec<_> = e.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => raw.push_str(t),
            Node::Element(el) if el.name() != "table" => stack.extend(node.children().rev()),
            _ => {}
        }
    }
    raw.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
