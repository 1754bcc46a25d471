//! Finding the tables of a sheet. Two layouts are read:
//!
//! - **wide**: indicator rows × year columns (`2021年`, `2021` or `2021.0`), with a
//!   title row above and the unit either in a `单位：件` line or in a unit column;
//! - **long**: a header row 指标 / 地区 / 年份 / 数值 / 单位 (地区 and 单位 optional),
//!   one observation a row.
//!
//! Receives a [`Sheet`]; hands on [`Table`]s whose [`Record`]s still hold raw cells
//! and raw labels: giving them meaning is the dataset stage's job.

use crate::diag::{Diagnostic, Place};
use crate::workbook::{Cell, Sheet};

/// One value-bearing cell of a table, with what the table says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The indicator label as written.
    pub label: String,
    /// The region label as written; `None` means the table is about the district.
    pub region: Option<String>,
    pub year: i32,
    /// The raw value cell.
    pub value: Cell,
    /// The unit the table gives for this value, as written.
    pub unit: Option<String>,
    /// Where the value cell is.
    pub place: Place,
}

/// Which layout a table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Wide,
    Long,
}

/// A table found in a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    pub layout: Layout,
    pub title: Option<String>,
    /// The zero-based header row.
    pub header_row: usize,
    pub records: Vec<Record>,
}

/// Parses a year header: `2021`, `2021.0`, `2021年`, `2021年度`.
pub fn parse_year(cell: &Cell) -> Option<i32> {
    let y = match cell {
        Cell::Number(n) if n.fract() == 0.0 => *n as i64,
        Cell::Text(s) => {
            let s = s.trim();
            let s = s.strip_suffix("年度").or_else(|| s.strip_suffix('年')).unwrap_or(s);
            s.trim().parse::<i64>().ok()?
        }
        _ => return None,
    };
    (1949..=2100).contains(&y).then_some(y as i32)
}

/// Takes the unit out of a unit line: `单位：件`, `（单位：万元）`, `计量单位:亿元`.
pub fn parse_unit_line(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    let pos = t.find("单位")?;
    let rest = &t[pos + "单位".len()..];
    let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether a row starts a note under a table (注：, 资料来源：, 说明：).
fn is_note(text: &str) -> bool {
    let t = text.trim_start();
    ["注：", "注:", "注 ", "资料来源", "数据来源", "说明：", "说明:"].iter().any(|p| t.starts_with(p))
}

/// The columns of a long header row, if the row is one.
#[derive(Debug, Clone, Copy)]
struct LongColumns {
    indicator: usize,
    region: Option<usize>,
    year: usize,
    value: usize,
    unit: Option<usize>,
}

fn long_columns(sheet: &Sheet, row: usize) -> Option<LongColumns> {
    let mut cols = (None, None, None, None, None);
    for c in 0..sheet.width() {
        let Some(t) = sheet.get(row, c).text() else { continue };
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        match t.as_str() {
            "指标" | "指标名称" | "统计指标" => cols.0 = Some(c),
            "地区" | "区域" | "街道" | "地区名称" => cols.1 = Some(c),
            "年份" | "年度" | "年" => cols.2 = Some(c),
            "数值" | "值" | "数据" | "数量" => cols.3 = Some(c),
            "单位" | "计量单位" => cols.4 = Some(c),
            _ => {}
        }
    }
    Some(LongColumns { indicator: cols.0?, region: cols.1, year: cols.2?, value: cols.3?, unit: cols.4 })
}

fn year_columns(sheet: &Sheet, row: usize) -> Vec<(usize, i32)> {
    (0..sheet.width()).filter_map(|c| parse_year(sheet.get(row, c)).map(|y| (c, y))).collect()
}

fn is_header(sheet: &Sheet, row: usize) -> bool {
    long_columns(sheet, row).is_some() || year_columns(sheet, row).len() >= 2
}

/// Whether the rows after a blank row lead, with no figures on the way, to another
/// header: then the blank row ends the table, and the rows between are the next
/// table's title and unit.
fn header_follows(sheet: &Sheet, blank: usize) -> bool {
    for r in blank + 1..sheet.rows.len() {
        if is_header(sheet, r) {
            return true;
        }
        if sheet.rows[r].iter().any(|c| matches!(c, Cell::Number(_))) {
            return false;
        }
    }
    false
}

fn row_is_blank(sheet: &Sheet, row: usize) -> bool {
    sheet.rows.get(row).is_none_or(|r| r.iter().all(Cell::is_blank))
}

fn first_text(sheet: &Sheet, row: usize) -> Option<&str> {
    sheet.rows.get(row)?.iter().find_map(|c| c.text().filter(|t| !t.is_empty()))
}

/// Finds the tables of a sheet. `file` is used in places. A sheet with nothing
/// recognisable gives a note, so that `check` can say it was looked at.
pub fn find_tables(file: &str, sheet: &Sheet) -> (Vec<Table>, Vec<Diagnostic>) {
    let mut tables = Vec::new();
    let mut diags = Vec::new();
    let mut row = 0;
    let mut context_start = 0; // first row after the previous table
    while row < sheet.rows.len() {
        if let Some(cols) = long_columns(sheet, row) {
            let (table, end) = read_long(file, sheet, row, cols, context_start);
            tables.push(table);
            row = end;
            context_start = end;
            continue;
        }
        let years = year_columns(sheet, row);
        if years.len() >= 2 {
            let (table, end) = read_wide(file, sheet, row, &years, context_start);
            tables.push(table);
            row = end;
            context_start = end;
            continue;
        }
        row += 1;
    }
    if tables.is_empty() && !sheet.rows.iter().all(|r| r.iter().all(Cell::is_blank)) {
        diags.push(Diagnostic::warning(
            Place::sheet(file, &sheet.name),
            "未找到可读取的表格",
            "表格应有一行年份表头（如 2021年、2022年），或有“指标、年份、数值”列的表头",
        ));
    }
    (tables, diags)
}

/// Title and unit from the rows between the previous table and the header.
fn title_and_unit(sheet: &Sheet, from: usize, header: usize) -> (Option<String>, Option<String>) {
    let mut title = None;
    let mut unit = None;
    for r in from..header {
        for c in 0..sheet.width() {
            let Some(t) = sheet.get(r, c).text().filter(|t| !t.is_empty()) else { continue };
            if let Some(u) = parse_unit_line(t) {
                unit = Some(u);
            } else if title.is_none() && !is_note(t) {
                title = Some(t.to_string());
            }
        }
    }
    (title, unit)
}

fn read_wide(
    file: &str,
    sheet: &Sheet,
    header: usize,
    years: &[(usize, i32)],
    context_start: usize,
) -> (Table, usize) {
    let (title, mut table_unit) = title_and_unit(sheet, context_start, header);
    let first_year_col = years[0].0;
    let mut unit_col = None;
    let mut label_col = None;
    for c in 0..sheet.width() {
        if years.iter().any(|(yc, _)| *yc == c) {
            continue;
        }
        let Some(t) = sheet.get(header, c).text() else { continue };
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if t == "单位" || t == "计量单位" {
            unit_col = Some(c);
        } else if let Some(u) = parse_unit_line(&t) {
            table_unit = Some(u);
        } else if label_col.is_none() && c < first_year_col {
            label_col = Some(c);
        }
    }
    let label_col = label_col.unwrap_or(0);
    let mut records = Vec::new();
    let mut row = header + 1;
    while row < sheet.rows.len() {
        if is_header(sheet, row) {
            break;
        }
        if row_is_blank(sheet, row) {
            if header_follows(sheet, row) {
                break;
            }
            row += 1;
            continue;
        }
        if first_text(sheet, row).is_some_and(is_note) {
            // Notes close the table; skip them and anything up to the next blank row.
            while row < sheet.rows.len() && !row_is_blank(sheet, row) {
                row += 1;
            }
            break;
        }
        let Some(label) = sheet.get(row, label_col).text().filter(|t| !t.is_empty()) else {
            row += 1;
            continue;
        };
        let row_unit =
            unit_col.and_then(|c| sheet.get(row, c).text().filter(|t| !t.is_empty()).map(String::from));
        for &(c, year) in years {
            records.push(Record {
                label: label.to_string(),
                region: None,
                year,
                value: sheet.get(row, c).clone(),
                unit: row_unit.clone().or_else(|| table_unit.clone()),
                place: Place::cell(file, &sheet.name, row as u32, c as u32),
            });
        }
        row += 1;
    }
    (Table { layout: Layout::Wide, title, header_row: header, records }, row)
}

fn read_long(
    file: &str,
    sheet: &Sheet,
    header: usize,
    cols: LongColumns,
    context_start: usize,
) -> (Table, usize) {
    let (title, table_unit) = title_and_unit(sheet, context_start, header);
    let mut records = Vec::new();
    let mut row = header + 1;
    while row < sheet.rows.len() {
        if long_columns(sheet, row).is_some() {
            break;
        }
        if row_is_blank(sheet, row) {
            row += 1;
            continue;
        }
        if first_text(sheet, row).is_some_and(is_note) {
            while row < sheet.rows.len() && !row_is_blank(sheet, row) {
                row += 1;
            }
            break;
        }
        let label = sheet.get(row, cols.indicator).text().unwrap_or("").to_string();
        let year = parse_year(sheet.get(row, cols.year));
        if let (false, Some(year)) = (label.is_empty(), year) {
            let text_of = |c: Option<usize>| {
                c.and_then(|c| sheet.get(row, c).text().filter(|t| !t.is_empty()).map(String::from))
            };
            records.push(Record {
                label,
                region: text_of(cols.region),
                year,
                value: sheet.get(row, cols.value).clone(),
                unit: text_of(cols.unit).or_else(|| table_unit.clone()),
                place: Place::cell(file, &sheet.name, row as u32, cols.value as u32),
            });
        } else {
            // A row with a value but no usable indicator or year cannot be placed.
            if !sheet.get(row, cols.value).is_blank() {
                records.push(Record {
                    label,
                    region: None,
                    year: 0,
                    value: sheet.get(row, cols.value).clone(),
                    unit: None,
                    place: Place::cell(file, &sheet.name, row as u32, cols.year as u32),
                });
            }
        }
        row += 1;
    }
    (Table { layout: Layout::Long, title, header_row: header, records }, row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn n(v: f64) -> Cell {
        Cell::Number(v)
    }

    #[test]
    fn years_parse() {
        assert_eq!(parse_year(&n(2021.0)), Some(2021));
        assert_eq!(parse_year(&t("2021年")), Some(2021));
        assert_eq!(parse_year(&t(" 2016 ")), Some(2016));
        assert_eq!(parse_year(&t("2021年度")), Some(2021));
        assert_eq!(parse_year(&n(2021.5)), None);
        assert_eq!(parse_year(&n(12482.0)), None);
        assert_eq!(parse_year(&t("指标")), None);
    }

    #[test]
    fn unit_lines_parse() {
        assert_eq!(parse_unit_line("单位：件").as_deref(), Some("件"));
        assert_eq!(parse_unit_line("（单位：万元）").as_deref(), Some("万元"));
        assert_eq!(parse_unit_line("计量单位: 亿元").as_deref(), Some("亿元"));
        assert_eq!(parse_unit_line("单位").as_deref(), None);
        assert_eq!(parse_unit_line("专利授权量"), None);
    }

    #[test]
    fn wide_table_with_title_unit_line_and_notes() {
        let sheet = Sheet {
            name: "专利".into(),
            hidden: false,
            rows: vec![
                vec![t("玄武区专利统计")],
                vec![Cell::Empty, Cell::Empty, t("单位：件")],
                vec![t("指标"), t("2024年"), t("2025年")],
                vec![t("专利授权量"), n(8340.0), n(8710.0)],
                vec![],
                vec![t("  其中：发明专利授权量"), n(4350.0), t("—")],
                vec![t("注：按授权公告日统计。"), n(1.0)],
            ],
        };
        let (tables, diags) = find_tables("a.xlsx", &sheet);
        assert!(diags.is_empty());
        assert_eq!(tables.len(), 1);
        let tb = &tables[0];
        assert_eq!(tb.title.as_deref(), Some("玄武区专利统计"));
        assert_eq!(tb.records.len(), 4);
        assert_eq!(tb.records[1].label, "专利授权量");
        assert_eq!(tb.records[1].year, 2025);
        assert_eq!(tb.records[1].value, n(8710.0));
        assert_eq!(tb.records[1].unit.as_deref(), Some("件"));
        assert_eq!(tb.records[1].place.cell, "C4");
        assert_eq!(tb.records[3].value, t("—"));
        assert_eq!(tb.records[3].place.cell, "C6");
    }

    #[test]
    fn wide_table_with_unit_column() {
        let sheet = Sheet {
            name: "基础".into(),
            hidden: false,
            rows: vec![
                vec![t("指标"), t("单位"), n(2024.0), n(2025.0)],
                vec![t("年末常住人口"), t("万人"), n(53.62), n(53.58)],
                vec![t("企业数"), t("家"), n(51000.0), n(52300.0)],
            ],
        };
        let (tables, _) = find_tables("b.xlsx", &sheet);
        let r = &tables[0].records;
        assert_eq!(r.len(), 4);
        assert_eq!(r[3].label, "企业数");
        assert_eq!(r[3].unit.as_deref(), Some("家"));
        assert_eq!(r[0].unit.as_deref(), Some("万人"));
    }

    #[test]
    fn long_table_in_any_column_order() {
        let sheet = Sheet {
            name: "长表".into(),
            hidden: false,
            rows: vec![
                vec![t("年份"), t("数值"), t("指标"), t("地区"), t("单位")],
                vec![n(2025.0), n(1.42), t("知识产权质押融资额"), t("玄武区"), t("亿元")],
                vec![t("2025年"), n(120.0), t("专利授权量"), t("梅园新村"), t("件")],
            ],
        };
        let (tables, _) = find_tables("c.xlsx", &sheet);
        assert_eq!(tables[0].layout, Layout::Long);
        let r = &tables[0].records;
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].region.as_deref(), Some("梅园新村"));
        assert_eq!(r[1].year, 2025);
        assert_eq!(r[1].place.cell, "B3");
    }

    #[test]
    fn stacked_tables_are_separate() {
        let sheet = Sheet {
            name: "s".into(),
            hidden: false,
            rows: vec![
                vec![t("表一")],
                vec![t("指标"), t("2024年"), t("2025年")],
                vec![t("专利授权量"), n(1.0), n(2.0)],
                vec![],
                vec![t("表二")],
                vec![t("单位：亿元")],
                vec![t("指标"), t("2024年"), t("2025年")],
                vec![t("技术合同成交额"), n(3.0), n(4.0)],
            ],
        };
        let (tables, _) = find_tables("d.xlsx", &sheet);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[1].title.as_deref(), Some("表二"));
        assert_eq!(tables[1].records[0].unit.as_deref(), Some("亿元"));
        assert_eq!(tables[0].records[0].unit, None);
    }
}
