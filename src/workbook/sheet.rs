//! A worksheet as read: rows of cells where only the cells that hold something are
//! stored, and the merged regions indexed for lookup. Storage grows with what a
//! file holds, never with where it claims its cells are: a stray value in XFD1048576
//! costs one cell. Positions are checked against Excel's limits and the number of
//! cells is capped, so that no file can make the reader allocate without bound.
//!
//! Receives cells from the format readers ([`SheetBuilder`]); hands on [`Sheet`]s
//! to the table finder.

use std::collections::HashMap;

use super::Cell;
use crate::diag::SheetLimit;

/// Rows in an Excel worksheet (1,048,576).
pub const MAX_ROWS: u32 = 1_048_576;
/// Columns in an Excel worksheet (16,384, up to XFD).
pub const MAX_COLS: u32 = 16_384;
/// Cells holding something that one sheet may have. A 200,000-row long table with
/// six columns is 1.2 million; each cell read becomes a record with its labels
/// and place, so the cap keeps a hostile file within a gigabyte.
pub const MAX_CELLS: usize = 2_000_000;
/// Cells that merged regions may cover, within the sheet's used area.
pub const MAX_MERGED_CELLS: usize = 2_000_000;
/// Characters one cell's text may have: Excel's limit (32,767). A longer text
/// is no cell Excel could have written, and copied as a label into every figure
/// beside it, it would cost gigabytes.
pub const MAX_TEXT_CHARS: usize = 32_767;
/// Characters a sheet's name may have: Excel allows 31, other programs more.
/// Every place in a sheet carries its name; a name of millions of characters
/// would make every message about the sheet slow to print.
pub const MAX_NAME_CHARS: usize = 255;
/// Bytes of text the cells of one workbook's sheets may hold together: many
/// times a real workbook's, and a bound on what a file can make the reader hold
/// by referring many cells to one long shared string.
pub const MAX_TEXT_BYTES: usize = 128 << 20;

/// Why a sheet could not be built within the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// A cell position beyond 1,048,576 rows × 16,384 columns (zero-based).
    OutOfRange { row: u64, col: u64 },
    /// A cell reference beyond those limits as the file writes it (an .xlsx
    /// `r` attribute), which may be too long for any number.
    RefOutOfRange { cell: String },
    /// A cell (zero-based) whose text has more than [`MAX_TEXT_CHARS`] characters.
    TextTooLong { row: u32, col: u32 },
    /// The workbook's sheets, this one included, hold more than
    /// [`MAX_TEXT_BYTES`] bytes of text.
    TooMuchText,
    /// The sheet's name has `chars` characters, more than [`MAX_NAME_CHARS`].
    NameTooLong { chars: usize },
    /// More than [`MAX_CELLS`] cells hold something.
    TooManyCells,
    /// Merged regions cover more than [`MAX_MERGED_CELLS`] cells of the used area.
    TooManyMergedCells,
}

impl From<&Limit> for SheetLimit {
    /// The limit as a diagnostic gives it, with our caps as numbers.
    fn from(limit: &Limit) -> Self {
        match limit {
            &Limit::OutOfRange { row, col } => {
                SheetLimit::OutOfRange { cell: crate::diag::a1_wide(row, col) }
            }
            Limit::RefOutOfRange { cell } => SheetLimit::OutOfRange { cell: cell.clone() },
            &Limit::TextTooLong { row, col } => {
                SheetLimit::TextTooLong { cell: crate::diag::a1(row, col), max: MAX_TEXT_CHARS }
            }
            Limit::TooManyCells => SheetLimit::TooManyCells { max: MAX_CELLS },
            Limit::TooMuchText => SheetLimit::TooMuchText { max: MAX_TEXT_BYTES },
            &Limit::NameTooLong { chars } => SheetLimit::NameTooLong { chars, max: MAX_NAME_CHARS },
            Limit::TooManyMergedCells => SheetLimit::TooManyMergedCells { max: MAX_MERGED_CELLS },
        }
    }
}

/// A merged region, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// One worksheet.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Bytes of text its cells hold, with those of the workbook's sheets read
    /// before it (see [`SheetBuilder::after`]).
    text_bytes: usize,
    /// Row by row from row 1, the cells that hold something, by column.
    rows: Vec<Vec<(u32, Cell)>>,
    merges: Vec<Merge>,
    /// Every cell of the used area inside a merged region → the region.
    merged: HashMap<(u32, u32), u32>,
}

impl Sheet {
    /// A visible sheet without merges, from rows of cells starting at A1 (for the
    /// HTML reader and tests).
    pub fn new(name: &str, rows: Vec<Vec<Cell>>) -> Self {
        let mut b = SheetBuilder::new(name);
        for (r, row) in rows.into_iter().enumerate() {
            for (c, cell) in row.into_iter().enumerate() {
                // Positions of an in-memory grid are small; only the cap can fail,
                // and then the rest is left out, as a test grid never reaches it.
                if b.push(r as u32, c as u32, cell).is_err() {
                    break;
                }
            }
        }
        b.finish().unwrap_or_default()
    }

    /// The same sheet with these merged regions.
    pub fn with_merges(mut self, merges: Vec<Merge>) -> Result<Self, Limit> {
        self.merges = merges;
        self.index_merges()?;
        Ok(self)
    }

    /// Bytes of text the cells of this sheet and of the workbook's sheets read
    /// before it hold: what the next sheet starts from.
    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// The number of rows, up to the last one holding something.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// The cells of a row that hold something, with their zero-based columns.
    pub fn cells(&self, row: usize) -> impl DoubleEndedIterator<Item = (usize, &Cell)> + '_ {
        self.rows.get(row).into_iter().flatten().map(|(c, cell)| (*c as usize, cell))
    }

    /// The number of columns of a row, up to its last cell holding something.
    pub fn row_width(&self, row: usize) -> usize {
        self.rows.get(row).and_then(|r| r.last()).map_or(0, |(c, _)| *c as usize + 1)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        (0..self.rows.len()).map(|r| self.row_width(r)).max().unwrap_or(0)
    }

    /// Whether any cell holds something visible.
    pub fn has_content(&self) -> bool {
        self.rows.iter().flatten().any(|(_, c)| !c.is_blank())
    }

    /// The cell at a zero-based row and column (`Empty` where nothing is stored).
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        let Some(cells) = self.rows.get(row) else { return &Cell::Empty };
        match cells.binary_search_by_key(&(col as u64), |(c, _)| u64::from(*c)) {
            Ok(i) => &cells[i].1,
            Err(_) => &Cell::Empty,
        }
    }

    /// The merged regions.
    pub fn merges(&self) -> &[Merge] {
        &self.merges
    }

    /// The merged region a cell belongs to, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        let key = (u32::try_from(row).ok()?, u32::try_from(col).ok()?);
        self.merged.get(&key).map(|&i| &self.merges[i as usize])
    }

    /// The cell's value, or for a cell covered by a merged region, the value of the
    /// region's first cell.
    pub fn get_merged(&self, row: usize, col: usize) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) => self.get(m.first_row, m.first_col),
            None => self.get(row, col),
        }
    }

    /// Indexes the merged regions over the used area. A region is clipped to the
    /// area (a region over a whole column costs its used rows only); where regions
    /// overlap, the first one listed wins.
    fn index_merges(&mut self) -> Result<(), Limit> {
        let (height, width) = (self.height(), self.width());
        let mut merged = HashMap::new();
        for (i, m) in self.merges.iter().enumerate() {
            if m.first_row > m.last_row || m.first_col > m.last_col {
                continue;
            }
            let rows = m.first_row..=m.last_row.min(height.saturating_sub(1));
            let cols = m.first_col..=m.last_col.min(width.saturating_sub(1));
            if rows.is_empty() || cols.is_empty() {
                continue;
            }
            let cells = (rows.end() - rows.start() + 1).saturating_mul(cols.end() - cols.start() + 1);
            if merged.len().saturating_add(cells) > MAX_MERGED_CELLS {
                return Err(Limit::TooManyMergedCells);
            }
            for r in rows {
                for c in cols.clone() {
                    merged.entry((r as u32, c as u32)).or_insert(i as u32);
                }
            }
        }
        self.merged = merged;
        Ok(())
    }
}

/// Collects the cells of a sheet in any order, checking each position against
/// Excel's limits, the number of cells against [`MAX_CELLS`], each text against
/// [`MAX_TEXT_CHARS`] and the workbook's text against [`MAX_TEXT_BYTES`].
#[derive(Debug)]
pub struct SheetBuilder {
    name: String,
    rows: Vec<Vec<(u32, Cell)>>,
    cells: usize,
    text_bytes: usize,
}

impl SheetBuilder {
    /// The builder of a workbook's first (or only) sheet.
    pub fn new(name: &str) -> Self {
        SheetBuilder::after(name, 0)
    }

    /// The builder of a further sheet of a workbook whose sheets read so far hold
    /// `text_bytes` bytes of text (the last one's [`Sheet::text_bytes`]).
    pub fn after(name: &str, text_bytes: usize) -> Self {
        SheetBuilder { name: name.to_string(), rows: Vec::new(), cells: 0, text_bytes }
    }

    /// Adds a cell at a zero-based position; empty cells are not stored. A later
    /// cell at the same position replaces an earlier one.
    pub fn push(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Limit> {
        check_position(u64::from(row), u64::from(col))?;
        if cell == Cell::Empty {
            return Ok(());
        }
        if cell.text_too_long() {
            return Err(Limit::TextTooLong { row, col });
        }
        self.text_bytes = self.text_bytes.saturating_add(cell.text_bytes());
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(Limit::TooMuchText);
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(Limit::TooManyCells);
        }
        let r = row as usize;
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        self.rows[r].push((col, cell));
        Ok(())
    }

    /// Whether a cell is stored at a position (for readers that patch cells, such
    /// as formulas without a stored result).
    pub fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.rows.get(row as usize)?.iter().rev().find(|(c, _)| *c == col).map(|(_, cell)| cell)
    }

    /// The sheet, with rows sorted by column.
    pub fn finish(mut self) -> Result<Sheet, Limit> {
        for row in &mut self.rows {
            // Stable, so that of two cells at one position the later one is last.
            row.sort_by_key(|(c, _)| *c);
            let mut deduped: Vec<(u32, Cell)> = Vec::with_capacity(row.len());
            for (c, cell) in row.drain(..) {
                match deduped.last_mut() {
                    Some(last) if last.0 == c => *last = (c, cell),
                    _ => deduped.push((c, cell)),
                }
            }
            *row = deduped;
        }
        while self.rows.last().is_some_and(Vec::is_empty) {
            self.rows.pop();
        }
        Ok(Sheet {
            name: self.name,
            hidden: false,
            text_bytes: self.text_bytes,
            rows: self.rows,
            merges: Vec::new(),
            merged: HashMap::new(),
        })
    }
}

/// Checks a sheet's name against [`MAX_NAME_CHARS`], before the sheet is read.
pub fn check_name(name: &str) -> Result<(), Limit> {
    if name.len() > MAX_NAME_CHARS && name.chars().nth(MAX_NAME_CHARS).is_some() {
        return Err(Limit::NameTooLong { chars: name.chars().count() });
    }
    Ok(())
}

/// Checks a zero-based position against Excel's limits.
pub fn check_position(row: u64, col: u64) -> Result<(), Limit> {
    if row >= u64::from(MAX_ROWS) || col >= u64::from(MAX_COLS) {
        return Err(Limit::OutOfRange { row, col });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_far_cell_costs_one_cell() {
        let mut b = SheetBuilder::new("s");
        b.push(0, 0, Cell::Text("指标".into())).unwrap();
        b.push(MAX_ROWS - 1, MAX_COLS - 1, Cell::Number(1.0)).unwrap();
        let s = b.finish().unwrap();
        assert_eq!(s.height(), 1_048_576);
        assert_eq!(s.width(), 16_384);
        assert_eq!(s.get(1_048_575, 16_383), &Cell::Number(1.0));
        assert_eq!(s.get(5, 5), &Cell::Empty);
        assert_eq!(s.cells(1_048_575).count(), 1);
    }

    #[test]
    fn positions_past_the_limits_are_refused() {
        let mut b = SheetBuilder::new("s");
        assert_eq!(b.push(MAX_ROWS, 0, Cell::Number(1.0)), Err(Limit::OutOfRange { row: 1_048_576, col: 0 }));
        assert_eq!(b.push(0, MAX_COLS, Cell::Number(1.0)), Err(Limit::OutOfRange { row: 0, col: 16_384 }));
        assert_eq!(
            SheetLimit::from(&Limit::OutOfRange { row: 0, col: 16_384 }),
            SheetLimit::OutOfRange { cell: "XFE1".into() }
        );
        // Positions past u32 are named as they are, never wrapped.
        assert_eq!(
            SheetLimit::from(&Limit::OutOfRange { row: 4_294_967_296, col: 0 }),
            SheetLimit::OutOfRange { cell: "A4294967297".into() }
        );
        assert_eq!(SheetLimit::from(&Limit::TooManyCells), SheetLimit::TooManyCells { max: 2_000_000 });
    }

    #[test]
    fn a_text_past_excel_s_cell_limit_is_refused_by_its_characters() {
        let mut b = SheetBuilder::new("s");
        b.push(0, 0, Cell::Text("统".repeat(MAX_TEXT_CHARS))).unwrap();
        assert_eq!(
            b.push(9, 2, Cell::Text("统".repeat(MAX_TEXT_CHARS + 1))),
            Err(Limit::TextTooLong { row: 9, col: 2 })
        );
        assert_eq!(
            b.push(0, 1, Cell::NoCachedValue("A".repeat(MAX_TEXT_CHARS + 1))),
            Err(Limit::TextTooLong { row: 0, col: 1 })
        );
        assert_eq!(
            SheetLimit::from(&Limit::TextTooLong { row: 9, col: 2 }),
            SheetLimit::TextTooLong { cell: "C10".into(), max: 32_767 }
        );
    }

    #[test]
    fn a_sheet_s_name_past_the_cap_is_refused_by_its_characters() {
        assert_eq!(check_name(&"表".repeat(255)), Ok(()));
        assert_eq!(check_name(&"表".repeat(3_000_000)), Err(Limit::NameTooLong { chars: 3_000_000 }));
        assert_eq!(
            SheetLimit::from(&Limit::NameTooLong { chars: 3_000_000 }),
            SheetLimit::NameTooLong { chars: 3_000_000, max: 255 }
        );
    }

    #[test]
    fn a_workbook_s_text_is_capped_across_its_sheets() {
        let mut first = SheetBuilder::new("a");
        first.push(0, 0, Cell::Text("统计".into())).unwrap();
        first.push(0, 1, Cell::Number(1.0)).unwrap();
        let first = first.finish().unwrap();
        assert_eq!(first.text_bytes(), 6);
        // A later sheet starts where the earlier ones ended.
        let mut next = SheetBuilder::after("b", MAX_TEXT_BYTES - 6);
        next.push(0, 0, Cell::Text("统计".into())).unwrap();
        assert_eq!(next.push(5, 1, Cell::Text("x".into())), Err(Limit::TooMuchText));
        assert_eq!(SheetLimit::from(&Limit::TooMuchText), SheetLimit::TooMuchText { max: 128 << 20 });
    }

    #[test]
    fn later_cells_replace_earlier_ones_and_rows_are_sorted() {
        let mut b = SheetBuilder::new("s");
        b.push(0, 3, Cell::Number(3.0)).unwrap();
        b.push(0, 1, Cell::Number(1.0)).unwrap();
        b.push(0, 3, Cell::Number(4.0)).unwrap();
        b.push(0, 2, Cell::Empty).unwrap();
        let s = b.finish().unwrap();
        let cells: Vec<(usize, &Cell)> = s.cells(0).collect();
        assert_eq!(cells, [(1, &Cell::Number(1.0)), (3, &Cell::Number(4.0))]);
    }

    #[test]
    fn merges_over_whole_columns_cost_the_used_rows_only() {
        let s = Sheet::new("s", vec![vec![Cell::Text("地区".into()), Cell::Text("2025年".into())]; 3]);
        let m = Merge { first_row: 0, first_col: 0, last_row: 1_048_575, last_col: 0 };
        let s = s.with_merges(vec![m]).unwrap();
        assert_eq!(s.merge_at(2, 0), Some(&m));
        assert_eq!(s.merge_at(2, 1), None);
        assert_eq!(s.get_merged(2, 0), &Cell::Text("地区".into()));
    }

    #[test]
    fn merges_covering_too_much_are_refused() {
        let mut b = SheetBuilder::new("s");
        b.push(1999, 1999, Cell::Number(1.0)).unwrap();
        let s = b.finish().unwrap();
        let m = Merge { first_row: 0, first_col: 0, last_row: 1999, last_col: 1999 };
        assert_eq!(s.with_merges(vec![m]).unwrap_err(), Limit::TooManyMergedCells);
    }
}
