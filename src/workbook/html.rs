//! Reading an HTML page saved with an .xls name, as statistics websites export
//! them: each `<table>` becomes rows of cells, with `rowspan` and `colspan` turned
//! into merged regions; all tables of the page go into one sheet, one after the
//! other with a blank row between, so that a `单位:件` table before the data
//! still reads as the data's unit line.

use scraper::{ElementRef, Html, Selector};

use super::{Cell, Merge, Sheet};

/// The sheet of an HTML page, or why there is none.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let text = String::from_utf8_lossy(bytes);
    let doc = Html::parse_document(&text);
    let table_sel = Selector::parse("table").expect("valid selector");
    let row_sel = Selector::parse("tr").expect("valid selector");
    let cell_sel = Selector::parse("td, th").expect("valid selector");
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut merges = Vec::new();
    let mut tables = 0;
    // Title-like text before the first table (a <div> caption) becomes the first row.
    if let Ok(title_sel) = Selector::parse("body div")
        && let Some(t) = doc.select(&title_sel).map(text_of).find(|t| !t.is_empty() && !t.contains('<'))
    {
        rows.push(vec![Cell::Text(t)]);
    }
    for table in doc.select(&table_sel) {
        // Only the outermost tables; nested ones are read with their parent.
        if table.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "table") {
            continue;
        }
        tables += 1;
        if !rows.is_empty() {
            rows.push(Vec::new());
        }
        let top = rows.len();
        // Cells taken by a rowspan from an earlier row: (row, col).
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (r, tr) in table.select(&row_sel).enumerate() {
            let row_index = top + r;
            let mut cells: Vec<Cell> = Vec::new();
            let mut col = 0;
            for td in tr.select(&cell_sel) {
                while taken.contains(&(row_index, col)) {
                    cells.push(Cell::Empty);
                    col += 1;
                }
                let span = |a: &str| {
                    td.value().attr(a).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).max(1)
                };
                let (rs, cs) = (span("rowspan"), span("colspan"));
                let t = text_of(td);
                cells.push(if t.is_empty() { Cell::Empty } else { Cell::Text(t) });
                for _ in 1..cs {
                    cells.push(Cell::Empty);
                }
                if rs > 1 || cs > 1 {
                    merges.push(Merge {
                        first_row: row_index,
                        first_col: col,
                        last_row: row_index + rs - 1,
                        last_col: col + cs - 1,
                    });
                    for rr in row_index + 1..row_index + rs {
                        for cc in col..col + cs {
                            taken.push((rr, cc));
                        }
                    }
                }
                col += cs;
            }
            rows.push(cells);
        }
    }
    if tables == 0 {
        return Err("网页中没有 <table> 表格".into());
    }
    let sheet = Sheet::new("网页表格", rows).with_merges(merges).map_err(|l| l.message())?;
    Ok(vec![sheet])
}

/// The visible text of an element, with `&nbsp;` and runs of white space folded.
fn text_of(e: ElementRef<'_>) -> String {
    let raw: String = e.text().collect();
    raw.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_become_merges_and_cells_shift() {
        let html = r#"<html><body><div>中国2020年各地区专利统计</div>
            <table><tr><td>单位:件</td></tr></table>
            <table><tr><td rowspan="2">地区</td><td colspan="2">专利申请数</td><td rowspan="2">有效发明专利数</td></tr>
            <tr><td>&nbsp;</td><td>发明专利</td></tr>
            <tr><td>全国</td><td>1243927</td><td>446069</td><td>1447950</td></tr></table></body></html>"#;
        let sheets = read(html.as_bytes()).unwrap();
        let s = &sheets[0];
        assert_eq!(s.get(0, 0), &Cell::Text("中国2020年各地区专利统计".into()));
        assert_eq!(s.get(2, 0), &Cell::Text("单位:件".into()));
        // Header rows 4–5: 地区 spans two rows, 专利申请数 two columns.
        assert_eq!(s.get(4, 1), &Cell::Text("专利申请数".into()));
        assert_eq!(s.get(5, 0), &Cell::Empty);
        assert_eq!(s.get(5, 2), &Cell::Text("发明专利".into()));
        assert_eq!(s.get_merged(5, 0), &Cell::Text("地区".into()));
        assert_eq!(s.get_merged(4, 2), &Cell::Text("专利申请数".into()));
        assert_eq!(s.get(6, 3), &Cell::Text("1447950".into()));
    }

    #[test]
    fn a_page_without_tables_is_refused() {
        assert_eq!(read(b"<html><body>no</body></html>").unwrap_err(), "网页中没有 <table> 表格");
    }
}
