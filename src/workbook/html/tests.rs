//! Tests of the HTML table reader: spans, and pages made to exhaust memory or time.

use std::time::Instant;

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

#[test]
fn a_rowspan_ending_in_the_middle_frees_its_columns() {
    let html = "<table><tr><td rowspan=3>a</td><td rowspan=2>b</td><td>c</td></tr>\
                <tr><td>d</td></tr><tr><td>e</td><td>f</td></tr></table>";
    let s = &read(html.as_bytes()).unwrap()[0];
    assert_eq!(s.get(1, 2), &Cell::Text("d".into()));
    assert_eq!(s.row_width(1), 3);
    assert_eq!(
        (s.get(2, 0), s.get(2, 1), s.get(2, 2)),
        (&Cell::Empty, &Cell::Text("e".into()), &Cell::Text("f".into()))
    );
}

#[test]
fn a_billion_column_colspan_is_clamped_as_browsers_do() {
    let html = r#"<table><tr><td colspan="1000000000">标题</td><td>x</td></tr><tr><td>1</td></tr></table>"#;
    let s = &read(html.as_bytes()).unwrap()[0];
    assert_eq!(s.get(0, MAX_COLSPAN), &Cell::Text("x".into()));
    assert_eq!(s.merges(), [Merge { first_row: 0, first_col: 0, last_row: 0, last_col: MAX_COLSPAN - 1 }]);
}

#[test]
fn a_huge_rowspan_ends_at_its_table() {
    let html = r#"<table><tr><td rowspan="4000000000" colspan="1000000000">x</td></tr><tr><td>1</td></tr></table>
        <table><tr><td>after</td></tr></table>"#;
    let s = &read(html.as_bytes()).unwrap()[0];
    assert_eq!(s.merges()[0].last_row, 1);
    assert_eq!(s.get(1, MAX_COLSPAN), &Cell::Text("1".into()), "the covered columns, then the cell");
    assert_eq!(s.get(3, 0), &Cell::Text("after".into()), "the next table is not covered");
}

#[test]
fn too_many_cells_are_refused_naming_the_limit() {
    let row = format!("<tr>{}</tr>", r#"<td colspan="1000"></td>"#.repeat(10));
    let html = format!("<table>{}</table>", row.repeat(MAX_CELLS / 10_000 + 1));
    let err = read(html.as_bytes()).unwrap_err();
    assert!(err.contains(&MAX_CELLS.to_string()), "{err}");
}

#[test]
fn a_row_past_excels_last_column_is_refused() {
    let html = format!("<table><tr>{}</tr></table>", r#"<td colspan="1000">x</td>"#.repeat(17));
    let err = read(html.as_bytes()).unwrap_err();
    assert!(err.contains("16384 列"), "{err}");
}

#[test]
fn many_rowspans_read_in_linear_time() {
    // 4000 rows, each starting with a cell spanning every row below: with a list of
    // taken cells this is 16 million look-ups per row.
    let rows: String =
        (0..4000).map(|i| format!("<tr><td rowspan=\"65534\">{i}</td><td>v</td></tr>")).collect();
    let html = format!("<table>{rows}</table>");
    let t = Instant::now();
    let result = read(html.as_bytes());
    // Row i has i blanks, then two cells: 8 million cells in all, over the cap.
    assert!(result.unwrap_err().contains("单元格"));
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
}

#[test]
fn nested_tables_are_read_once_in_linear_time() {
    let depth = 3000;
    let html = format!(
        "<table>{}<tr><td>底</td></tr>{}</table>",
        "<tr><td>层<table>".repeat(depth),
        "</table></td></tr>".repeat(depth)
    );
    let s = &read(html.as_bytes()).unwrap()[0];
    assert_eq!(s.height(), depth + 1);
    assert_eq!((s.get(0, 0), s.row_width(0)), (&Cell::Text("层".into()), 1));
    assert_eq!(s.get(depth, 0), &Cell::Text("底".into()));
}
