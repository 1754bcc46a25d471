//! The data-entry form (`yearbook form`): an .xlsx made from the catalogue that
//! departments fill in and send back, laid out so that this tool reads it back
//! exactly. One sheet per category: the indicator names as in the catalogue, a
//! column 单位, then a column per year from the first year of the plan in force
//! (“2021年” … “2025年”); a sheet of the streets and parks × indicators for the
//! year; a 填报说明 sheet with each indicator's unit, range and definition.
//! Derived indicators are not asked for. Label cells are locked (sheet protection
//! without a password); value cells are unlocked and take numbers only, within
//! the indicator's range. Figures already in the data folder are filled in.
//!
//! Receives the catalogue, the dataset read so far and the year; hands on the
//! workbook's bytes (written by `output`).

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatBorder, Workbook,
    Worksheet,
};

use crate::catalog::{Catalog, Indicator, Kind};
use crate::dataset::Dataset;

/// The form's sheet of streets and parks for a year.
pub fn street_sheet_name(year: i32) -> String {
    format!("{year}年街道（园区）")
}

/// The form's file name: `玄武区知识产权统计数据填报表（2026年）.xlsx`.
pub fn file_name(district: &str, year: i32) -> String {
    format!("{district}知识产权统计数据填报表（{year}年）.xlsx")
}

/// The years a form asks for: from the first year of the plan in force in
/// `year` (five years when the catalogue has no plan), to `year`.
pub fn years(catalog: &Catalog, year: i32) -> std::ops::RangeInclusive<i32> {
    let first = catalog.plan_for(year).map(|p| p.plan.start).filter(|&s| s <= year).unwrap_or(year - 4);
    first..=year
}

/// The indicators a form asks for, in catalogue order: every one read from
/// workbooks (derived ones are computed).
pub fn asked(catalog: &Catalog) -> impl Iterator<Item = &Indicator> {
    catalog.indicators.iter().filter(|i| i.derive.is_none())
}

/// The indicators of the streets' sheet: those the data gives for a street or
/// park in any year, else every yearly indicator (totals over a plan are the
/// district's).
pub fn street_indicators<'a>(catalog: &'a Catalog, data: &Dataset) -> Vec<&'a Indicator> {
    let local: Vec<&str> = catalog.streets().chain(catalog.parks()).map(|r| r.name.as_str()).collect();
    let given: Vec<&Indicator> = asked(catalog)
        .filter(|i| data.iter().any(|o| o.indicator == i.id && local.contains(&o.region.as_str())))
        .collect();
    if given.is_empty() { asked(catalog).filter(|i| i.kind != Kind::Cumulative).collect() } else { given }
}

/// The form as .xlsx bytes.
pub fn build(catalog: &Catalog, data: &Dataset, year: i32) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let styles = Styles::new();
    guide(book.add_worksheet(), catalog, year, &styles)?;
    let district = catalog.district().name.clone();
    for cat in &catalog.categories {
        let inds: Vec<&Indicator> = asked(catalog).filter(|i| i.category == cat.key).collect();
        if inds.is_empty() {
            continue;
        }
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&cat.title)).with_context(|| format!("工作表名“{}”", cat.title))?;
        let years: Vec<i32> = years(catalog, year).collect();
        ws.write_string_with_format(0, 0, "指标", &styles.header)?;
        ws.write_string_with_format(0, 1, "单位", &styles.header)?;
        for (k, y) in years.iter().enumerate() {
            ws.write_string_with_format(0, col(2 + k), format!("{y}年"), &styles.header)?;
        }
        for (n, ind) in inds.iter().enumerate() {
            let r = (n + 1) as u32;
            ws.write_string_with_format(r, 0, &ind.name, &styles.label)?;
            ws.write_string_with_format(r, 1, &ind.unit, &styles.label)?;
            for (k, y) in years.iter().enumerate() {
                value_cell(ws, r, col(2 + k), data.value(&ind.id, &district, *y), &styles)?;
            }
            let last = col(1 + years.len());
            ws.add_data_validation(r, 2, r, last, &validation(ind)?)?;
        }
        ws.set_column_width(0, 34)?;
        ws.set_column_width(1, 8)?;
        ws.set_column_range_width(2, col(1 + years.len()), 12)?;
        ws.set_freeze_panes(1, 2)?;
        ws.protect();
    }
    streets(book.add_worksheet(), catalog, data, year, &styles)?;
    book.save_to_buffer().context("无法生成填报表")
}

/// The streets and parks × indicators for the year.
fn streets(ws: &mut Worksheet, catalog: &Catalog, data: &Dataset, year: i32, styles: &Styles) -> Result<()> {
    ws.set_name(street_sheet_name(year))?;
    let inds = street_indicators(catalog, data);
    ws.write_string_with_format(0, 0, "街道（园区）", &styles.header)?;
    for (k, ind) in inds.iter().enumerate() {
        ws.write_string_with_format(0, col(1 + k), format!("{}（{}）", ind.name, ind.unit), &styles.header)?;
    }
    let regions: Vec<&str> = catalog.streets().chain(catalog.parks()).map(|r| r.name.as_str()).collect();
    for (n, region) in regions.iter().enumerate() {
        let r = (n + 1) as u32;
        ws.write_string_with_format(r, 0, *region, &styles.label)?;
        for (k, ind) in inds.iter().enumerate() {
            value_cell(ws, r, col(1 + k), data.value(&ind.id, region, year), styles)?;
        }
    }
    for (k, ind) in inds.iter().enumerate() {
        if !regions.is_empty() {
            ws.add_data_validation(1, col(1 + k), regions.len() as u32, col(1 + k), &validation(ind)?)?;
        }
    }
    ws.set_column_width(0, 20)?;
    if !inds.is_empty() {
        ws.set_column_range_width(1, col(inds.len()), 16)?;
    }
    ws.set_row_height(0, 45)?;
    ws.set_freeze_panes(1, 1)?;
    ws.protect();
    Ok(())
}

/// 填报说明: how to fill the form, and each indicator's unit, range and definition.
fn guide(ws: &mut Worksheet, catalog: &Catalog, year: i32, styles: &Styles) -> Result<()> {
    ws.set_name("填报说明")?;
    let district = &catalog.district().name;
    let years = years(catalog, year);
    let lines = [
        format!("{district}知识产权统计数据填报表（{year}年）"),
        format!(
            "1. 各类别工作表按指标填写{district}全区数值：{}年一列为本年数据，{}—{}年各列已填入已有数据，如有修订请直接更正。",
            year,
            years.start(),
            year - 1
        ),
        format!("2. 工作表“{}”填写各街道（园区）{year}年的数值。", street_sheet_name(year)),
        "3. 只能在白色单元格中填写数字（按“单位”列或表头括号中的单位），不详的留空，不要填 0；指标名称、单位和表头不能修改。".to_string(),
        "4. 派生指标（如每万人口发明专利拥有量、比重）由年报编制工具计算，无需填写。".to_string(),
        "5. 填好后将本文件原样报送（可改文件名，不要改工作表名），放入年报编制目录的 data 文件夹即可读取。".to_string(),
    ];
    for (r, line) in lines.iter().enumerate() {
        let format = if r == 0 { &styles.title } else { &styles.text };
        ws.write_string_with_format(r as u32, 0, line, format)?;
    }
    let top = lines.len() as u32 + 1;
    for (c, h) in ["类别", "指标", "单位", "取值范围", "指标解释"].iter().enumerate() {
        ws.write_string_with_format(top, c as u16, *h, &styles.header)?;
    }
    let titles = |key: &str| catalog.categories.iter().find(|c| c.key == key).map(|c| c.title.clone());
    for (n, ind) in asked(catalog).enumerate() {
        let r = top + 1 + n as u32;
        ws.write_string_with_format(r, 0, titles(&ind.category).unwrap_or_default(), &styles.text)?;
        ws.write_string_with_format(r, 1, &ind.name, &styles.text)?;
        ws.write_string_with_format(r, 2, &ind.unit, &styles.text)?;
        let range = ind.range.map(|v| format!("{}～{}", v.min, v.max)).unwrap_or_default();
        ws.write_string_with_format(r, 3, range, &styles.text)?;
        ws.write_string_with_format(r, 4, &ind.definition, &styles.wrap)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 8)?;
    ws.set_column_width(3, 16)?;
    ws.set_column_width(4, 80)?;
    ws.protect();
    Ok(())
}

/// An unlocked value cell, with the figure the data already has.
fn value_cell(ws: &mut Worksheet, r: u32, c: u16, value: Option<f64>, styles: &Styles) -> Result<()> {
    match value {
        Some(v) => ws.write_number_with_format(r, c, v, &styles.value)?,
        None => ws.write_blank(r, c, &styles.value)?,
    };
    Ok(())
}

/// Numbers only, within the indicator's range (any number when it has none).
fn validation(ind: &Indicator) -> Result<DataValidation> {
    let (min, max) = ind.range.map(|r| (r.min, r.max)).unwrap_or((-1e15, 1e15));
    let message =
        format!("“{}”应填写 {}～{} 之间的数字（单位：{}）；不详的请留空。", ind.name, min, max, ind.unit);
    Ok(DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(min, max))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("数值无效")?
        .set_error_message(&message)?)
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters.
fn sheet_name(title: &str) -> String {
    title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

struct Styles {
    header: Format,
    label: Format,
    value: Format,
    title: Format,
    text: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Self {
        let border = Format::new().set_border(FormatBorder::Thin);
        Styles {
            header: border.clone().set_bold().set_text_wrap().set_background_color(Color::RGB(0xDDE4EE)),
            label: border.clone().set_background_color(Color::RGB(0xF2F2F2)),
            value: border.set_unlocked(),
            title: Format::new().set_bold().set_font_size(14),
            text: Format::new(),
            wrap: Format::new().set_text_wrap(),
        }
    }
}
