//! The table finder over an arbitrary small grid: numbers, labels drawn from a
//! dictionary of what real yearbook tables say, random text, and merged regions
//! (some reaching outside the data). `find_tables` must not panic, and every
//! year it gives is a plausible one.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use yearbook::table::find_tables;
use yearbook::workbook::{Cell, Merge, Sheet};

const LABELS: &[&str] = &[
    "专利授权量",
    "发明专利",
    "有效发明专利数",
    "2021年",
    "2022年",
    "2023",
    "2016.0",
    "（2020年）",
    "2014-2015",
    "单位：件",
    "单位:万元",
    "计量单位：亿元",
    "（单位：项）",
    "合计",
    "总计",
    "全国",
    "北京",
    "北 京",
    "全    国",
    "东部地区",
    "#发明专利",
    "其中：",
    "一、年末常住人口",
    "注：",
    "注：不含港澳台",
    "数据来源：",
    "资料来源：国家知识产权局",
    "地区",
    "指标",
    "年份",
    "数值",
    "本年",
    "上年",
    "比上年增长(%)",
    "增长率%",
    "比重",
    "-",
    "—",
    "…",
    "..",
    "n.a.",
    "1,234",
    "12.5%",
    "１２３",
    "  ",
    "\n",
    "Total",
    "Patent applications",
    "Note:",
    "Source:",
    "Angola  (e)",
    "件",
    "项",
    "人",
    "亿元",
    "%",
];

#[derive(Arbitrary, Debug)]
enum FuzzCell {
    Empty,
    Number(f64),
    Year(u8),
    Percent(f64),
    Label(u8),
    Text(String),
    Bool(bool),
    Error,
    NoCachedValue,
}

#[derive(Arbitrary, Debug)]
struct FuzzMerge {
    row: u8,
    col: u8,
    height: u8,
    width: u8,
}

#[derive(Arbitrary, Debug)]
struct Grid {
    name: u8,
    rows: Vec<Vec<FuzzCell>>,
    merges: Vec<FuzzMerge>,
}

fn cell(c: &FuzzCell) -> Cell {
    match c {
        FuzzCell::Empty => Cell::Empty,
        FuzzCell::Number(n) => Cell::Number(*n),
        FuzzCell::Year(y) => Cell::Number(1990.0 + f64::from(*y % 64)),
        FuzzCell::Percent(p) => Cell::Percent(*p),
        FuzzCell::Label(i) => Cell::Text(LABELS[usize::from(*i) % LABELS.len()].into()),
        FuzzCell::Text(s) => Cell::Text(s.clone()),
        FuzzCell::Bool(b) => Cell::Bool(*b),
        FuzzCell::Error => Cell::Error("#DIV/0!".into()),
        FuzzCell::NoCachedValue => Cell::NoCachedValue("SUM(B2:B9)".into()),
    }
}

fuzz_target!(|grid: Grid| {
    let rows: Vec<Vec<Cell>> =
        grid.rows.iter().take(64).map(|r| r.iter().take(32).map(cell).collect()).collect();
    let merges = grid
        .merges
        .iter()
        .take(16)
        .map(|m| {
            let (r, c) = (usize::from(m.row % 72), usize::from(m.col % 40));
            Merge {
                first_row: r,
                first_col: c,
                last_row: r + usize::from(m.height % 8),
                last_col: c + usize::from(m.width % 8),
            }
        })
        .collect();
    let name = ["Sheet1", "2021", "2022年", "表8-7", "专利"][usize::from(grid.name % 5)];
    // Too many merged cells is the sheet's own refusal, not the finder's concern.
    let Ok(sheet) = Sheet::new(name, rows).with_merges(merges) else { return };
    let (tables, _diags) = find_tables("2023年统计.xlsx", &sheet);
    for t in &tables {
        for r in &t.records {
            assert!(r.year.is_none_or(|y| (1949..=2100).contains(&y)), "{r:?}");
        }
    }
});
