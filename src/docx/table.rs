//! The report's three-line tables as Word tables: 表号 and title above, 单位 at
//! the right, a thick rule over and under the table and a thin one under the
//! header row, which Word repeats on every page; the main table's 类别 cell
//! merged down its rows; figures right-aligned on the units digit (the model's
//! invisible padding becomes a right indent of the same width); 注 and 资料来源
//! under it. Column widths follow the column kinds, as in the PDF's template.

use std::fmt::Write;

use super::Page;
use super::xml::{Look, Para, run};
use crate::report::{Cell, Column, ColumnKind, MainChapter, Row, Table};

/// Rule widths in eighths of a point: 1.1 pt and 0.5 pt, as in the PDF.
const THICK: u32 = 9;
const THIN: u32 = 4;
/// One em of table text (9 pt) in twips.
const EM: u32 = 180;
/// Cell margins in twips: 3.5 pt at the sides, 3.8 pt above and below.
const SIDE: u32 = 70;
const TOP: u32 = 76;

/// A body row of a table: its cells, whether it is indented, and for the main
/// table the category cell it starts (`Some(Some(name))`), continues
/// (`Some(None)`) or has none (`None`).
struct BodyRow<'a> {
    cells: &'a [Cell],
    indent: bool,
    category: Option<Option<&'a str>>,
}

/// A three-line table of a chapter or appendix.
pub fn table(t: &Table, page: &Page, sans: &str) -> String {
    let rows: Vec<BodyRow> =
        t.rows.iter().map(|r: &Row| BodyRow { cells: &r.cells, indent: r.indent, category: None }).collect();
    let mut out = caption(&t.number, &t.title);
    if let Some(unit) = &t.unit {
        out.push_str(&Para { keep_next: true, ..Para::style("TableUnit") }.text(unit));
    }
    out.push_str(&grid(&t.columns, &rows, page, sans));
    out.push_str(&notes(&t.notes, t.source.as_deref()));
    out
}

/// The main-indicator table: the 类别 column's cell spans its group's rows.
pub fn main_table(m: &MainChapter, page: &Page, sans: &str) -> String {
    let mut rows = Vec::new();
    for g in &m.groups {
        for (i, r) in g.rows.iter().enumerate() {
            let category = if i == 0 { Some(g.category.as_str()) } else { None };
            rows.push(BodyRow { cells: &r.cells, indent: r.indent, category: Some(category) });
        }
    }
    let mut out = caption(&m.table_number, &m.table_title);
    out.push_str(&grid(&m.columns, &rows, page, sans));
    out.push_str(&notes(&m.notes, m.source.as_deref()));
    out
}

/// `表2-1　title`, kept with the table.
fn caption(number: &str, title: &str) -> String {
    Para { keep_next: true, ..Para::style("TableCaption") }.text(&format!("{number}\u{3000}{title}"))
}

/// 注 and 资料来源, one paragraph each.
fn notes(notes: &[String], source: Option<&str>) -> String {
    notes.iter().map(String::as_str).chain(source).map(|n| Para::style("TableNote").text(n)).collect()
}

/// The widths of the columns in twips, filling `width`: fixed widths by kind
/// (as the PDF template's), the rest shared among the name and text columns, or
/// among the figures when the table has no name column.
pub(super) fn widths(columns: &[Column], rows: &[Vec<(&str, &str)>], page: &Page, width: u32) -> Vec<u32> {
    use ColumnKind::*;
    let named = columns.iter().any(|c| c.kind == Name);
    let fixed = |i: usize, c: &Column| -> Option<u32> {
        let em = |x: f64| Some((x * EM as f64).round() as u32);
        // A column as wide as its longest cell or heading word.
        let longest = || {
            let cells = rows.iter().filter_map(|r| r.get(i)).map(|(t, _)| t.chars().count());
            let words = c.words.iter().map(|w| w.chars().count());
            let chars = cells.chain(words).max().unwrap_or(2) as u32;
            Some(chars * EM + 2 * SIDE + EM / 2)
        };
        match c.kind {
            Name | Text => None,
            _ if !named && c.number => None,
            Category => em(3.2),
            Unit => em(3.2),
            Year => em(3.6),
            Value => em(4.6),
            Baseline => em(5.0),
            Target => em(5.2),
            Change => em(5.4),
            Growth => em(4.8),
            Rate => em(4.6),
            // A region is indented under the district total.
            Region => longest().map(|w| w + EM),
            Status => longest(),
            Rank => em(4.2),
            Level => em(5.6),
        }
    };
    // A column of figures is widened to its widest figure and padding (Word has
    // no tabular digits by default, and a figure must not wrap).
    let figures = |i: usize| -> u32 {
        let cells = rows.iter().filter_map(|r| r.get(i));
        let widest = cells.map(|(t, pad)| figure_width(t, page) + pad_width(pad, page)).max().unwrap_or(0);
        widest + 2 * SIDE + EM / 3
    };
    let sizes: Vec<Option<u32>> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| fixed(i, c).map(|w| if c.number { w.max(figures(i)) } else { w }))
        .collect();
    let taken: u32 = sizes.iter().flatten().sum();
    let flexible = sizes.iter().filter(|s| s.is_none()).count().max(1) as u32;
    let share = width.saturating_sub(taken) / flexible;
    sizes.into_iter().map(|s| s.unwrap_or(share.max(4 * EM))).collect()
}

/// The width of a figure as printed in twips: digits and points as measured, any
/// other character (＞, —) a full em.
fn figure_width(text: &str, page: &Page) -> u32 {
    text.chars()
        .map(|c| match c {
            '0'..='9' | '+' | '-' => page.digit_width,
            '.' => page.point_width,
            _ => EM,
        })
        .sum()
}

/// The width of a figure's padding in twips: the digits and point that the PDF
/// sets invisibly after it, measured in the table font.
fn pad_width(pad: &str, page: &Page) -> u32 {
    pad.chars().map(|c| if c == '.' { page.point_width } else { page.digit_width }).sum()
}

/// The Word table: grid, header row (repeated on each page) and body.
fn grid(columns: &[Column], rows: &[BodyRow], page: &Page, sans: &str) -> String {
    // The main table's category column has no cells of its own in the rows.
    let offset = usize::from(rows.first().is_some_and(|r| r.category.is_some()));
    let texts: Vec<Vec<(&str, &str)>> = rows
        .iter()
        .map(|r| {
            let category = r.category.map(|c| (c.unwrap_or(""), ""));
            category.into_iter().chain(r.cells.iter().map(|c| (c.text.as_str(), c.pad.as_str()))).collect()
        })
        .collect();
    let w = widths(columns, &texts, page, page.text_width);
    let mut out = String::from("<w:tbl><w:tblPr>");
    write!(
        out,
        r#"<w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="{THICK}" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="{THICK}" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{TOP}" w:type="dxa"/><w:left w:w="{SIDE}" w:type="dxa"/><w:bottom w:w="{TOP}" w:type="dxa"/><w:right w:w="{SIDE}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
        w.iter().sum::<u32>()
    )
    .unwrap();
    for x in &w {
        write!(out, r#"<w:gridCol w:w="{x}"/>"#).unwrap();
    }
    out.push_str("</w:tblGrid>");
    // The header row: repeated on each page, never split, a thin rule under it.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, width) in columns.iter().zip(&w) {
        let border = format!(
            r#"<w:tcBorders><w:bottom w:val="single" w:sz="{THIN}" w:space="0" w:color="000000"/></w:tcBorders>"#
        );
        let p = Para { align: Some("center"), keep_next: true, ..Para::style("TableText") };
        let look = Look { bold: true, font: Some(sans), size: None };
        out.push_str(&cell(*width, &border, "", &p.with(&run(&c.title, look))));
    }
    out.push_str("</w:tr>");
    for (k, r) in rows.iter().enumerate() {
        // The header and the first rows keep together, so that a table does not
        // open at the foot of a page with a row or two.
        let keep = k + 1 < rows.len().min(3);
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        if let Some(category) = r.category {
            let (merge, text) = match category {
                Some(name) => (r#"<w:vMerge w:val="restart"/>"#, name),
                None => ("<w:vMerge/>", ""),
            };
            let p = Para { align: Some("center"), keep_next: keep, ..Para::style("TableText") };
            let body = if text.is_empty() { p.with("") } else { p.text(text) };
            out.push_str(&cell(w[0], "", merge, &body));
        }
        for (i, c) in r.cells.iter().enumerate() {
            let column = &columns[i + offset];
            let body = body_cell(column, c, r.indent && i == 0, page, keep);
            out.push_str(&cell(w[i + offset], "", "", &body));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// A cell of `width` twips, with borders and a merge mark, holding `body`.
fn cell(width: u32, borders: &str, merge: &str, body: &str) -> String {
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}{borders}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>"#
    )
}

/// A body cell's paragraph: figures right-aligned with their padding as a right
/// indent; names, regions and text at the left (a 其中 item indented one
/// character); years, statuses and units centred.
fn body_cell(column: &Column, c: &Cell, indent: bool, page: &Page, keep_next: bool) -> String {
    use ColumnKind::*;
    let mut p = if column.number {
        let pad = pad_width(&c.pad, page);
        Para { align: Some("right"), right: (pad > 0).then_some(pad), ..Para::style("TableText") }
    } else if matches!(column.kind, Name | Region | Text | Unit) {
        Para { align: Some("left"), left: indent.then_some(EM), ..Para::style("TableText") }
    } else {
        Para { align: Some("center"), ..Para::style("TableText") }
    };
    p.keep_next = keep_next;
    p.text(&c.text)
}

/// A simple table of the office's written parts: its first row the header,
/// columns of equal width, the three rules of the book's tables.
pub fn simple_table(rows: &[Vec<String>], page: &Page, sans: &str) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let width = page.text_width / n as u32;
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="{THICK}" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="{THICK}" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{TOP}" w:type="dxa"/><w:left w:w="{SIDE}" w:type="dxa"/><w:bottom w:w="{TOP}" w:type="dxa"/><w:right w:w="{SIDE}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
        width * n as u32
    );
    for _ in 0..n {
        write!(out, r#"<w:gridCol w:w="{width}"/>"#).unwrap();
    }
    out.push_str("</w:tblGrid>");
    for (k, row) in rows.iter().enumerate() {
        let header = k == 0;
        out.push_str(if header {
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        });
        for i in 0..n {
            let text = row.get(i).map_or("", String::as_str);
            let border = if header {
                format!(
                    r#"<w:tcBorders><w:bottom w:val="single" w:sz="{THIN}" w:space="0" w:color="000000"/></w:tcBorders>"#
                )
            } else {
                String::new()
            };
            let p = Para { align: Some("center"), keep_next: header, ..Para::style("TableText") };
            let look = Look { bold: header, font: header.then_some(sans), size: None };
            out.push_str(&cell(width, &border, "", &p.with(&run(text, look))));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::set_cells;

    #[test]
    fn widths_fill_the_text_width_with_fixed_figure_columns() {
        let columns = vec![
            Column::new(ColumnKind::Name, "指标"),
            Column::new(ColumnKind::Value, "2024年"),
            Column::new(ColumnKind::Value, "2025年"),
            Column::new(ColumnKind::Change, "比上年增长（%）"),
        ];
        let w = widths(&columns, &[], &Page::a4(), 9071);
        assert_eq!(w[1..], [828, 828, 972]);
        assert_eq!(w.iter().sum::<u32>(), 9071);
        // Without a name column the figures share the width.
        let regions =
            vec![Column::new(ColumnKind::Region, "街道（园区）"), Column::new(ColumnKind::Value, "a")];
        let w = widths(&regions, &[], &Page::a4(), 9071);
        // As wide as its longest heading word, （园区）, without rows.
        assert_eq!(w[0], 5 * EM + 2 * SIDE + EM / 2);
        let rows = vec![vec![("梅园新村街道", ""), ("12482", ".0")]];
        let w = widths(&regions, &rows, &Page::a4(), 9071);
        assert_eq!(w[0], 7 * EM + 2 * SIDE + EM / 2, "six characters and the indent");
        assert_eq!(w[1], 9071 - w[0]);
    }

    #[test]
    fn a_padded_figure_is_set_in_by_its_padding() {
        let columns = [Column::new(ColumnKind::Name, "指标"), Column::new(ColumnKind::Value, "2025年")];
        let mut rows = vec![
            Row::new(vec!["a".into(), "12482".into()], false),
            Row::new(vec!["b".into(), "3.16".into()], true),
        ];
        set_cells(&columns, &mut rows);
        let page = Page::a4();
        let xml = body_cell(&columns[1], &rows[0].cells[1], false, &page, false);
        let pad = 2 * page.digit_width + page.point_width;
        assert!(xml.contains(&format!(r#"<w:ind w:right="{pad}"/><w:jc w:val="right"/>"#)), "{xml}");
        let xml = body_cell(&columns[1], &rows[1].cells[1], false, &page, false);
        assert!(!xml.contains("w:ind"), "{xml}");
        let xml = body_cell(&columns[0], &rows[1].cells[0], true, &page, false);
        assert!(xml.contains(r#"w:left="180""#), "{xml}");
    }
}
