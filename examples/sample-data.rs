//! Writes the sample workbooks of `data/`: what the district's departments would
//! send for 2016–2025, in the layouts they use. The figures agree with the district's
//! 14th Five-Year IP plan (十三五 totals, the 2020 stock of 12482 valid invention
//! patents, 常住人口 of about 53.8万); the streets add up to the district.
//!
//! Run: `cargo run --example sample-data [DIR]` (default `data`).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

const YEARS: [i32; 10] = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/// (name as the department writes it, unit, figures 2016–2025).
type Series = (&'static str, &'static str, [f64; 10]);

const PATENTS: &[Series] = &[
    ("专利申请量", "件", [9800., 11200., 12900., 13600., 14800., 15900., 15200., 16100., 16800., 17500.]),
    ("  其中：发明专利申请量", "件", [5200., 5800., 6400., 6600., 7146., 7600., 7350., 7800., 8150., 8520.]),
    ("专利授权量", "件", [4100., 4650., 5400., 5900., 6825., 8120., 7650., 7980., 8340., 8710.]),
    ("  其中：发明专利授权量", "件", [1650., 1820., 2050., 2316., 2850., 3420., 3610., 3980., 4350., 4720.]),
    (
        "        实用新型专利授权量",
        "件",
        [2080., 2410., 2890., 3100., 3460., 4130., 3490., 3420., 3380., 3350.],
    ),
    ("        外观设计专利授权量", "件", [370., 420., 460., 484., 515., 570., 550., 580., 610., 640.]),
    ("PCT专利申请量", "件", [98., 112., 131., 142., 163., 178., 185., 196., 204., 219.]),
];

const VALID_PATENTS: &[Series] = &[
    (
        "有效发明专利拥有量",
        "件",
        [6900., 8050., 9300., 10800., 12482., 14130., 15420., 16350., 17280., 18260.],
    ),
    ("高价值发明专利拥有量", "件", [2100., 2500., 2950., 3480., 4100., 4560., 4890., 5180., 5460., 5720.]),
    (
        "维持10年以上有效发明专利数",
        "件",
        [980., 1150., 1340., 1560., 1790., 2020., 2230., 2450., 2660., 2870.],
    ),
    ("省市级高价值专利培育示范中心新增数", "家", [1., 1., 1., 1., 1., 1., 1., 2., 1., 1.]),
];

const TRADEMARKS: &[Series] = &[
    ("商标注册申请量", "件", [5200., 6100., 7400., 7900., 8600., 9100., 8400., 8150., 8420., 8700.]),
    ("商标注册量", "件", [3600., 4300., 5900., 6800., 7200., 7600., 7100., 6650., 6900., 7150.]),
    (
        "有效注册商标量",
        "件",
        [16500., 20100., 24900., 28300., 31416., 35600., 39200., 42300., 45400., 48500.],
    ),
    ("马德里商标有效注册量", "件", [52., 60., 69., 78., 86., 88., 89., 91., 93., 96.]),
    ("地理标志数", "个", [1., 1., 2., 2., 3., 3., 3., 3., 3., 3.]),
];

const COPYRIGHT: &[Series] = &[
    ("作品著作权登记量", "件", [520., 590., 660., 730., 827., 890., 940., 1010., 1080., 1150.]),
    ("软件著作权登记量", "件", [3900., 4400., 5100., 5700., 6150., 6600., 6900., 7150., 7420., 7680.]),
    ("集成电路布图设计登记量", "件", [38., 45., 52., 60., 69., 74., 78., 83., 86., 91.]),
    ("植物新品种权授权量", "件", [4., 5., 5., 6., 6., 6., 7., 7., 8., 8.]),
];

/// The finance bureau reports 质押融资 in 万元.
const USE: &[Series] = &[
    (
        "知识产权质押融资额",
        "万元",
        [3200., 4500., 6100., 7800., 10000., 10500., 11200., 12800., 13600., 14200.],
    ),
    ("专利实施许可和转让合同备案数", "件", [180., 220., 265., 310., 368., 402., 436., 470., 505., 548.]),
    ("技术合同成交额", "亿元", [38.46, 45.12, 52.30, 59.85, 67.72, 78.40, 86.95, 95.30, 104.62, 112.85]),
    ("知识产权交易额", "亿元", [2.1, 2.8, 3.5, 4.2, 4.9, 5.6, 6.1, 6.5, 7.0, 7.4]),
    ("版权产业增加值占GDP比重", "%", [6.8, 7.0, 7.2, 7.4, 7.5, 7.7, 7.8, 8.0, 8.2, 8.4]),
];

const PROTECTION: &[Series] = &[
    ("知识产权民事案件受理数", "件", [320., 380., 425., 468., 530., 585., 612., 640., 668., 702.]),
    ("知识产权民事案件结案数", "件", [410., 520., 590., 640., 735., 610., 630., 652., 676., 698.]),
    ("知识产权刑事案件受理数", "件", [12., 13., 14., 15., 17., 16., 15., 14., 13., 12.]),
    ("知识产权刑事案件结案数", "件", [10., 12., 13., 14., 16., 16., 15., 14., 13., 12.]),
    ("知识产权行政执法案件数", "件", [42., 48., 55., 61., 58., 63., 66., 60., 57., 54.]),
    ("省级“正版正货”示范街区", "个", [0., 0., 0., 0., 0., 0., 1., 1., 2., 2.]),
    ("知识产权保护社会满意度", "%", [78.2, 79.0, 80.1, 81.3, 82.5, 83.1, 83.8, 84.6, 85.2, 86.0]),
];

const GOVERNANCE: &[Series] = &[
    ("拥有有效注册商标企业数", "家", [3650., 4020., 4500., 4950., 5290., 5600., 5890., 6170., 6480., 6820.]),
    ("贯标认证通过企业数", "家", [3., 5., 6., 7., 7., 12., 15., 16., 18., 19.]),
    ("市级以上知识产权优势示范企业数", "家", [2., 3., 3., 3., 4., 3., 4., 4., 5., 5.]),
    ("国家知识产权试点示范园区", "个", [0., 0., 0., 0., 0., 0., 0., 1., 1., 1.]),
];

const SERVICES: &[Series] = &[
    ("知识产权服务机构数", "家", [52., 58., 66., 74., 82., 89., 95., 102., 108., 115.]),
    ("知识产权代理机构从业人员数", "人", [150., 172., 195., 214., 234., 262., 288., 315., 342., 370.]),
    ("知识产权服务机构从业人员数", "人", [420., 480., 545., 610., 680., 742., 805., 868., 930., 1012.]),
    ("知识产权服务机构主营业务收入", "亿元", [1.65, 1.92, 2.24, 2.58, 2.96, 3.35, 3.71, 4.12, 4.53, 4.98]),
    ("知识产权公共服务平台", "个", [1., 1., 2., 2., 3., 3., 4., 4., 5., 5.]),
    ("高端知识产权服务机构引进数", "家", [0., 0., 1., 0., 0., 0., 1., 0., 1., 0.]),
];

const TALENT: &[Series] = &[
    ("知识产权培训人次", "人次", [520., 610., 700., 760., 690., 850., 920., 1050., 1130., 1210.]),
    ("新增知识产权高层次人才数", "人", [1., 1., 2., 2., 2., 2., 2., 2., 3., 2.]),
];

const BASE: &[Series] = &[
    ("年末常住人口", "万人", [60.50, 60.12, 59.78, 57.52, 53.78, 53.75, 53.71, 53.69, 53.62, 53.58]),
    ("企业数", "家", [36000., 38500., 41200., 43800., 45600., 47300., 48600., 49800., 51000., 52300.]),
];

/// The streets in order, as the streets' own tables name them.
const STREETS: [&str; 7] = ["梅园新村", "新街口", "玄武门", "锁金村", "红山", "孝陵卫", "玄武湖"];

/// Series broken down by street: name, decimals kept, each street's share of the
/// district's figure, and 徐庄高新区's share (shown, not added: it lies within
/// 孝陵卫 and 玄武湖 streets).
const STREET_SERIES: [(&str, usize, [f64; 7], f64); 5] = [
    ("专利授权量", 0, [0.11, 0.22, 0.09, 0.12, 0.10, 0.25, 0.11], 0.21),
    ("发明专利授权量", 0, [0.10, 0.21, 0.08, 0.13, 0.09, 0.28, 0.11], 0.24),
    ("有效发明专利拥有量", 0, [0.10, 0.20, 0.09, 0.13, 0.09, 0.28, 0.11], 0.23),
    ("有效注册商标量", 0, [0.14, 0.27, 0.11, 0.12, 0.10, 0.17, 0.09], 0.12),
    ("年末常住人口", 2, [0.14, 0.15, 0.13, 0.17, 0.16, 0.16, 0.09], 0.04),
];

fn main() -> Result<(), XlsxError> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("data"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    patents(&dir)?;
    trademarks(&dir)?;
    use_and_protection(&dir)?;
    services(&dir)?;
    streets(&dir)?;
    base(&dir)?;
    println!("已生成样例工作簿：{}", dir.display());
    Ok(())
}

struct Styles {
    title: Format,
    header: Format,
    label: Format,
    number: Format,
    decimal: Format,
    note: Format,
}

fn styles() -> Styles {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    Styles {
        title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center),
        header: border(
            Format::new().set_bold().set_align(FormatAlign::Center).set_background_color("DDEBF7"),
        ),
        label: border(Format::new()),
        number: border(Format::new().set_num_format("0")),
        decimal: border(Format::new().set_num_format("0.00")),
        note: Format::new().set_italic(),
    }
}

fn fmt_for(s: &Styles, v: f64) -> &Format {
    if v.fract() == 0.0 { &s.number } else { &s.decimal }
}

/// A wide sheet: title, a `单位：…` line, header 指标 | 2016年 … 2025年.
fn wide_with_unit_line(
    ws: &mut Worksheet,
    title: &str,
    unit: &str,
    series: &[Series],
    note: Option<&str>,
) -> Result<(), XlsxError> {
    let s = styles();
    ws.merge_range(0, 0, 0, YEARS.len() as u16, title, &s.title)?;
    ws.write_string(1, YEARS.len() as u16, format!("单位：{unit}"))?;
    ws.write_string_with_format(2, 0, "指标", &s.header)?;
    for (i, y) in YEARS.iter().enumerate() {
        ws.write_string_with_format(2, i as u16 + 1, format!("{y}年"), &s.header)?;
    }
    for (r, (name, _, values)) in series.iter().enumerate() {
        let row = r as u32 + 3;
        ws.write_string_with_format(row, 0, *name, &s.label)?;
        for (i, v) in values.iter().enumerate() {
            ws.write_number_with_format(row, i as u16 + 1, *v, fmt_for(&s, *v))?;
        }
    }
    if let Some(note) = note {
        ws.write_string_with_format(series.len() as u32 + 4, 0, note, &s.note)?;
    }
    ws.set_column_width(0, 30)?;
    Ok(())
}

/// A wide sheet with a unit column: title, header 指标 | 单位 | 2016 … 2025 (numbers).
fn wide_with_unit_column(ws: &mut Worksheet, title: &str, series: &[Series]) -> Result<(), XlsxError> {
    let s = styles();
    ws.merge_range(0, 0, 0, YEARS.len() as u16 + 1, title, &s.title)?;
    ws.write_string_with_format(2, 0, "指标名称", &s.header)?;
    ws.write_string_with_format(2, 1, "单位", &s.header)?;
    for (i, y) in YEARS.iter().enumerate() {
        ws.write_number_with_format(2, i as u16 + 2, *y as f64, &s.header)?;
    }
    for (r, (name, unit, values)) in series.iter().enumerate() {
        let row = r as u32 + 3;
        ws.write_string_with_format(row, 0, *name, &s.label)?;
        ws.write_string_with_format(row, 1, *unit, &s.label)?;
        for (i, v) in values.iter().enumerate() {
            ws.write_number_with_format(row, i as u16 + 2, *v, fmt_for(&s, *v))?;
        }
    }
    ws.set_column_width(0, 32)?;
    Ok(())
}

/// The long layout: 指标 | 地区 | 年份 | 数值 | 单位.
fn long(
    ws: &mut Worksheet,
    title: &str,
    rows: &[(String, String, i32, f64, String)],
) -> Result<(), XlsxError> {
    let s = styles();
    ws.merge_range(0, 0, 0, 4, title, &s.title)?;
    for (c, h) in ["指标", "地区", "年份", "数值", "单位"].iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &s.header)?;
    }
    for (r, (ind, region, year, value, unit)) in rows.iter().enumerate() {
        let row = r as u32 + 2;
        ws.write_string_with_format(row, 0, ind, &s.label)?;
        ws.write_string_with_format(row, 1, region, &s.label)?;
        ws.write_number_with_format(row, 2, *year as f64, &s.number)?;
        ws.write_number_with_format(row, 3, *value, fmt_for(&s, *value))?;
        ws.write_string_with_format(row, 4, unit, &s.label)?;
    }
    ws.set_column_width(0, 30)?;
    Ok(())
}

fn save(mut wb: Workbook, dir: &Path, name: &str) -> Result<(), XlsxError> {
    wb.save(dir.join(name))
}

fn patents(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("专利")?;
    wide_with_unit_line(
        ws,
        "玄武区专利主要指标（2016—2025年）",
        "件",
        PATENTS,
        Some("注：专利授权量按授权公告日统计；资料来源：国家知识产权局专利统计数据。"),
    )?;
    let ws = wb.add_worksheet().set_name("有效专利")?;
    wide_with_unit_column(ws, "玄武区有效发明专利及高价值专利情况", VALID_PATENTS)?;
    save(wb, dir, "专利统计.xlsx")
}

fn trademarks(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("商标")?;
    wide_with_unit_column(ws, "玄武区商标及地理标志情况", TRADEMARKS)?;
    let ws = wb.add_worksheet().set_name("版权")?;
    wide_with_unit_line(ws, "玄武区版权及其他知识产权登记情况", "件", COPYRIGHT, None)?;
    save(wb, dir, "商标与版权.xlsx")
}

fn long_rows(series: &[Series]) -> Vec<(String, String, i32, f64, String)> {
    let mut rows = Vec::new();
    for (name, unit, values) in series {
        for (y, v) in YEARS.iter().zip(values) {
            rows.push((name.to_string(), "玄武区".to_string(), *y, *v, unit.to_string()));
        }
    }
    rows
}

fn use_and_protection(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("运用")?;
    long(ws, "玄武区知识产权运用情况", &long_rows(USE))?;
    let ws = wb.add_worksheet().set_name("保护")?;
    wide_with_unit_column(ws, "玄武区知识产权保护情况", PROTECTION)?;
    save(wb, dir, "运用与保护.xlsx")
}

fn services(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("服务")?;
    wide_with_unit_column(ws, "玄武区知识产权服务业情况", SERVICES)?;
    let ws = wb.add_worksheet().set_name("人才")?;
    wide_with_unit_column(ws, "玄武区知识产权人才情况", TALENT)?;
    save(wb, dir, "服务与人才.xlsx")
}

fn base(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("人口与企业")?;
    wide_with_unit_column(ws, "玄武区年末常住人口和企业数", BASE)?;
    let ws = wb.add_worksheet().set_name("治理")?;
    wide_with_unit_column(ws, "玄武区知识产权治理情况", GOVERNANCE)?;
    save(wb, dir, "基础数据.xlsx")
}

/// The district's figure of a series in a year.
fn district(name: &str, year: i32) -> f64 {
    let all = [PATENTS, VALID_PATENTS, TRADEMARKS, BASE];
    let (_, _, values) = all
        .iter()
        .flat_map(|s| s.iter())
        .find(|(n, _, _)| n.trim().trim_start_matches("其中：") == name)
        .expect("street series is a district series");
    values[YEARS.iter().position(|y| *y == year).expect("year")]
}

/// Splits a district figure over the streets by their shares, in whole units of
/// 10^-decimals, the last street taking the remainder so the parts add up exactly.
fn split(total: f64, decimals: usize, shares: &[f64; 7]) -> Vec<f64> {
    let unit = 10f64.powi(decimals as i32);
    let total_units = (total * unit).round() as i64;
    let mut parts: Vec<i64> =
        shares.iter().map(|share| (total_units as f64 * share).floor() as i64).collect();
    let last = parts.len() - 1;
    parts[last] = total_units - parts[..last].iter().sum::<i64>();
    parts.into_iter().map(|p| p as f64 / unit).collect()
}

fn streets(dir: &Path) -> Result<(), XlsxError> {
    let mut rows = Vec::new();
    for year in [2024, 2025] {
        for (name, decimals, shares, park_share) in STREET_SERIES {
            let unit = if name == "年末常住人口" { "万人" } else { "件" };
            let total = district(name, year);
            for (street, v) in STREETS.iter().zip(split(total, decimals, &shares)) {
                rows.push((name.to_string(), street.to_string(), year, v, unit.to_string()));
            }
            rows.push((name.to_string(), "合计".to_string(), year, total, unit.to_string()));
            let scale = 10f64.powi(decimals as i32);
            let park = (total * park_share * scale).round() / scale;
            rows.push((name.to_string(), "徐庄高新区".to_string(), year, park, unit.to_string()));
        }
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("分街道")?;
    long(ws, "玄武区分街道（园区）知识产权主要指标", &rows)?;
    save(wb, dir, "分街道统计.xlsx")
}
