//! Layouts the table finder reads, each as a small sheet.

use super::*;
use crate::diag::{Kind, YearsFrom};
use crate::workbook::Merge;

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}
fn n(v: f64) -> Cell {
    Cell::Number(v)
}
fn e() -> Cell {
    Cell::Empty
}

fn records(sheet: &Sheet) -> Vec<Record> {
    let (tables, _) = find_tables("f.xlsx", sheet);
    tables.into_iter().flat_map(|t| t.records).collect()
}

/// (row, column, year, value cell, A1) of a record.
type Brief = (String, Option<String>, Option<i32>, Cell, String);

fn brief(rs: &[Record]) -> Vec<Brief> {
    rs.iter()
        .map(|r| {
            (
                r.row.to_string(),
                r.column.as_deref().map(String::from),
                r.year,
                r.value.clone(),
                r.place.cell_ref().to_string(),
            )
        })
        .collect()
}

#[test]
fn indicators_by_years_with_title_unit_line_and_notes() {
    let sheet = Sheet::new(
        "专利",
        vec![
            vec![t("玄武区专利统计")],
            vec![e(), e(), t("单位：件")],
            vec![t("指标"), t("2024年"), t("2025年")],
            vec![t("专利授权量"), n(8340.0), n(8710.0)],
            vec![],
            vec![t("  其中：发明专利授权量"), n(4350.0), t("—")],
            vec![t("注：按授权公告日统计。"), n(1.0)],
        ],
    );
    let (tables, diags) = find_tables("a.xlsx", &sheet);
    // The figure beside the note is in no table: said, not dropped in silence.
    let messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "警告：a.xlsx，工作表“专利”：有 1 个数值不在任何表格中，未读入（B7）。如是数据，请放入表格并写明指标名称和年份；如是无用内容，请删除"
        ]
    );
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].rows, 2..6);
    assert_eq!(tables[0].title.as_deref(), Some("玄武区专利统计"));
    let r = &tables[0].records;
    assert_eq!(
        brief(r),
        vec![
            ("专利授权量".into(), None, Some(2024), n(8340.0), "B4".into()),
            ("专利授权量".into(), None, Some(2025), n(8710.0), "C4".into()),
            ("  其中：发明专利授权量".into(), None, Some(2024), n(4350.0), "B6".into()),
            ("  其中：发明专利授权量".into(), None, Some(2025), t("—"), "C6".into()),
        ]
    );
    assert!(r.iter().all(|r| r.unit.as_deref() == Some("件")));
}

#[test]
fn newest_year_first_and_years_as_floats_and_text() {
    let sheet = Sheet::new(
        "GDP",
        vec![
            vec![t("指标：地区生产总值(亿元)")],
            vec![t("地区"), t("2023年"), t("2022年")],
            vec![t("北京市"), n(43760.7), n(41540.9)],
            vec![t("数据来源：国家统计局")],
        ],
    );
    let r = records(&sheet);
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].year, r[1].year), (Some(2023), Some(2022)));
    let sheet =
        Sheet::new("x", vec![vec![t("指标"), n(2016.0), n(2017.0)], vec![t("专利授权量"), n(1.0), n(2.0)]]);
    assert_eq!(records(&sheet)[1].year, Some(2017));
}

#[test]
fn unit_column() {
    let sheet = Sheet::new(
        "基础",
        vec![
            vec![t("指标"), t("单位"), n(2024.0), n(2025.0)],
            vec![t("年末常住人口"), t("万人"), n(53.62), n(53.58)],
            vec![t("企业数"), t("家"), n(51000.0), n(52300.0)],
        ],
    );
    let r = records(&sheet);
    assert_eq!(r.len(), 4);
    assert_eq!(&*r[3].row, "企业数");
    assert_eq!(r[3].unit.as_deref(), Some("家"));
    assert_eq!(r[0].unit.as_deref(), Some("万人"));
}

#[test]
fn long_layout_in_any_column_order() {
    let sheet = Sheet::new(
        "长表",
        vec![
            vec![t("年份"), t("数值"), t("指标"), t("地区"), t("单位")],
            vec![n(2025.0), n(1.42), t("知识产权质押融资额"), t("玄武区"), t("亿元")],
            vec![t("2025年"), n(120.0), t("专利授权量"), t("梅园新村"), t("件")],
        ],
    );
    let (tables, _) = find_tables("c.xlsx", &sheet);
    assert_eq!(tables[0].layout, Layout::Long);
    let r = &tables[0].records;
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].region.as_deref(), Some("梅园新村"));
    assert_eq!(r[1].year, Some(2025));
    assert_eq!(r[1].place.cell_ref(), "B3");
}

#[test]
fn stacked_tables_are_separate() {
    let sheet = Sheet::new(
        "s",
        vec![
            vec![t("表一")],
            vec![t("指标"), t("2024年"), t("2025年")],
            vec![t("专利授权量"), n(1.0), n(2.0)],
            vec![],
            vec![t("表二")],
            vec![t("单位：亿元")],
            vec![t("指标"), t("2024年"), t("2025年")],
            vec![t("技术合同成交额"), n(3.0), n(4.0)],
        ],
    );
    let (tables, _) = find_tables("d.xlsx", &sheet);
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[1].title.as_deref(), Some("表二"));
    assert_eq!(tables[1].records[0].unit.as_deref(), Some("亿元"));
    assert_eq!(tables[0].records[0].unit, None);
}

#[test]
fn years_down_the_side() {
    let sheet = Sheet::new(
        "A01",
        vec![
            vec![t("A1 Trend in patent applications worldwide")],
            vec![t("Note: WIPO estimates cover 147 patent offices.")],
            vec![t("Year"), t("专利授权量"), t("比上年增长%")],
            vec![n(2000.0), n(1378000.0), t(".")],
            vec![n(2001.0), n(1457500.0), n(5.8)],
        ],
    );
    let (tables, diags) = find_tables("w.xlsx", &sheet);
    assert_eq!(tables[0].skipped_columns, vec!["比上年增长%".to_string()]);
    assert!(diags[0].message().contains("增长速度或比重列"));
    assert!(matches!(&diags[0].kind, crate::diag::Kind::RateColumnSkipped { .. }));
    assert_eq!(
        brief(&tables[0].records),
        vec![
            ("专利授权量".into(), None, Some(2000), n(1378000.0), "B4".into()),
            ("专利授权量".into(), None, Some(2001), n(1457500.0), "B5".into()),
        ]
    );
}

#[test]
fn regions_by_indicators_with_the_year_from_the_title() {
    let sheet = Sheet::new(
        "街道",
        vec![
            vec![t("分街道专利情况（2025年）")],
            vec![t("单位：件")],
            vec![t("街道"), t("专利授权量"), t("发明专利授权量")],
            vec![t("梅  园  新  村"), n(958.0), n(472.0)],
            vec![t("合计"), n(8710.0), n(4720.0)],
        ],
    );
    let r = records(&sheet);
    assert_eq!(r.len(), 4);
    assert_eq!(
        (&*r[0].row, r[0].column.as_deref(), r[0].year),
        ("梅  园  新  村", Some("专利授权量"), Some(2025))
    );
    assert_eq!(r[3].place.cell_ref(), "C5");
}

#[test]
fn one_sheet_per_year_takes_the_sheet_name() {
    let sheet = Sheet::new(
        "2022",
        vec![
            vec![t("人口主要指标")],
            vec![e(), t("(2022年)")],
            vec![t("指标名称"), t("计量"), t("全\u{3000}区"), t("比2021年")],
            vec![e(), t("单位"), e(), t("+、-%")],
            vec![t("一、年末常住人口"), t("万人"), n(53.58), n(-0.1)],
            vec![t("人口变动情况")],
            vec![t("\u{a0}\u{a0}其中：城镇人口"), t("万人"), n(40.1), n(0.3)],
        ],
    );
    let (tables, _) = find_tables("揭阳市人口变动情况（2008-2022）.xlsx", &sheet);
    let r = &tables[0].records;
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(
        (&*r[0].row, r[0].column.as_deref(), r[0].year),
        ("一、年末常住人口", Some("全 区"), Some(2022))
    );
    assert_eq!(r[0].unit.as_deref(), Some("万人"));
    assert_eq!(&*r[1].row, "\u{a0}\u{a0}其中：城镇人口");
    assert_eq!(tables[0].skipped_columns.len(), 1);
}

#[test]
fn merged_two_row_header_with_line_breaks_and_english() {
    let sheet = Sheet::new(
        "1",
        vec![
            vec![t("2-26 各地区规上工业企业专利情况(2023年)")],
            vec![t("Statistics on Patent of Industrial Enterprises above Designated Size by Region (2023)")],
            vec![t("单位:件")],
            vec![t("(piece)")],
            vec![
                t("地区"),
                t("Region"),
                t("专利申请数\nPatent\nApplications"),
                e(),
                t("有效发明\n专利数\nInventions\nin Force"),
            ],
            vec![e(), e(), e(), t("#发明专利\nInventions")],
            vec![t("全国"), t("National Total"), t("1565960"), t("613602"), t("2227602")],
            vec![t("北京"), t("Beijing"), t("31980"), t("20643"), t("80347")],
        ],
    );
    let sheet = sheet
        .with_merges(vec![
            Merge { first_row: 4, first_col: 0, last_row: 5, last_col: 0 },
            Merge { first_row: 4, first_col: 2, last_row: 4, last_col: 3 },
            Merge { first_row: 4, first_col: 4, last_row: 5, last_col: 4 },
        ])
        .unwrap();
    let (tables, _) = find_tables("f.xls", &sheet);
    let tb = &tables[0];
    assert_eq!(tb.title.as_deref(), Some("2-26 各地区规上工业企业专利情况(2023年)"));
    assert_eq!(tb.header_rows, 4..6);
    let r = &tb.records;
    assert_eq!(r.len(), 6);
    assert_eq!(r[0].column.as_deref(), Some("专利申请数"));
    assert_eq!(r[1].column.as_deref(), Some("#发明专利"));
    assert_eq!(r[2].column.as_deref(), Some("有效发明专利数"));
    assert_eq!((&*r[4].row, r[4].value.clone(), r[4].year), ("北京", t("20643"), Some(2023)));
    assert_eq!(r[4].unit.as_deref(), Some("件"));
}

#[test]
fn year_groups_over_sub_columns() {
    let sheet = Sheet::new(
        "Sheet1",
        vec![
            vec![t("表2.5 各区户籍人口迁移（2016～2017）")],
            vec![],
            vec![t("单位：人")],
            vec![t("地  区      "), n(2016.0), e(), n(2017.0)],
            vec![e(), t("市外迁入"), t("迁往市外"), t("市外迁入"), t("迁往市外")],
            vec![t("全  市"), n(112504.0), n(46639.0), n(118513.0), n(41656.0)],
        ],
    );
    let sheet = sheet
        .with_merges(vec![
            Merge { first_row: 3, first_col: 1, last_row: 3, last_col: 2 },
            Merge { first_row: 3, first_col: 3, last_row: 3, last_col: 4 },
        ])
        .unwrap();
    let r = records(&sheet);
    assert_eq!(r.len(), 4);
    assert_eq!((r[1].column.as_deref(), r[1].year), (Some("迁往市外"), Some(2016)));
    assert_eq!((r[2].column.as_deref(), r[2].year), (Some("市外迁入"), Some(2017)));
    assert_eq!(r[2].value, n(118513.0));
}

#[test]
fn unit_in_a_label_and_in_a_column_header() {
    let sheet = Sheet::new(
        "x",
        vec![
            vec![t("指标"), t("2025年")],
            vec![t("知识产权质押融资额（万元）"), n(14200.0)],
            vec![t("每万人口专利授权量（件/万人）"), n(162.6)],
        ],
    );
    let r = records(&sheet);
    // The label stays whole: whether its bracket is a unit is the dataset's call.
    assert_eq!((&*r[0].row, r[0].label_unit.as_deref()), ("知识产权质押融资额（万元）", Some("万元")));
    assert_eq!(r[1].label_unit.as_deref(), Some("件/万人"));
    let sheet = Sheet::new(
        "y",
        vec![
            vec![t("表18.6 各区房屋征收（拆迁）情况（2012）")],
            vec![t("地  区"), t("征收（拆迁）户数 ")],
            vec![e(), t("（户）")],
            vec![t("总  计"), n(21910.0)],
        ],
    );
    let r = records(&sheet);
    assert_eq!(
        (r[0].column.as_deref(), r[0].unit.as_deref(), r[0].year),
        (Some("征收（拆迁）户数"), Some("户"), Some(2012))
    );
}

#[test]
fn a_table_without_a_year_is_reported() {
    let sheet = Sheet::new("统计", vec![vec![t("街道"), t("专利授权量")], vec![t("红山"), n(871.0)]]);
    let (tables, diags) = find_tables("streets.xlsx", &sheet);
    assert_eq!(tables[0].records[0].year, None);
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].to_string(),
        "警告：streets.xlsx，工作表“统计”，单元格 A1：表格 A1:B2 的年份无法确定：行、列标题和表格标题、工作表名、文件名中都没有年份，该表 1 个数值未读入。请在表头写明年份（如“2025年”），或在标题中注明“（2025年）”，或把工作表命名为年份"
    );
    assert_eq!(
        diags[0].kind,
        Kind::TableYearUnknown {
            title: String::new(),
            range: "A1:B2".into(),
            years_from: YearsFrom::Headings,
            count: 1,
            cells: vec!["B2".into()],
            labels: vec!["专利授权量".into()],
            axis: crate::diag::Axis::Column,
            dated: 0,
        }
    );
}

#[test]
fn values_without_a_year_beside_dated_ones_are_told_apart() {
    // Regions × (2025年, 排名) under a title without a year: the 2025 column has
    // its year, the 排名 column none. Only the latter is not read, and the
    // warning says so, and how many have a year.
    let sheet = |title: &str| {
        Sheet::new(
            "派生",
            vec![
                vec![e()],
                vec![t(title)],
                vec![t("街道"), t("2025年"), t("排名")],
                vec![t("梅园新村街道"), n(350.0), n(1.0)],
                vec![t("红山街道"), n(250.0), n(2.0)],
                vec![t("孝陵卫街道"), n(180.0), n(3.0)],
            ],
        )
    };
    let (tables, diags) = find_tables("派生.xlsx", &sheet("各街道每万人口发明专利拥有量"));
    let years: Vec<Option<i32>> = tables[0].records.iter().map(|r| r.year).collect();
    assert_eq!(years, [Some(2025), None, Some(2025), None, Some(2025), None]);
    let lines: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "警告：派生.xlsx，工作表“派生”，单元格 A3：表格“各街道每万人口发明专利拥有量”（A3:C6）中，列“排名”的 3 个数值（C4、C5、C6）无法确定年份：其行、列标题和表格标题、工作表名、文件名中都没有年份，这些数值未读入；其余 3 个数值的年份已由行、列标题确定。如需读入这些数值，请在表头写明年份（如“2025年”），或在标题中注明“（2025年）”，或把工作表命名为年份"
        ]
    );
    // With the year in the title every value has one: nothing to say here.
    let (_, diags) = find_tables("派生.xlsx", &sheet("2025年各街道每万人口发明专利拥有量"));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn years_down_a_row_without_a_year_is_named() {
    // A 合计 row under the years: its values have none, the years' rows have.
    let sheet = Sheet::new(
        "授权",
        vec![
            vec![t("各街道专利授权量")],
            vec![t("年份"), t("梅园新村街道"), t("红山街道")],
            vec![n(2024.0), n(300.0), n(200.0)],
            vec![n(2025.0), n(350.0), n(250.0)],
            vec![t("合计"), n(650.0), n(450.0)],
        ],
    );
    let (_, diags) = find_tables("a.xlsx", &sheet);
    let messages: Vec<String> = diags.iter().map(|d| d.message()).collect();
    assert_eq!(
        messages,
        [
            "表格“各街道专利授权量”（A2:C5）中，行“合计”的 2 个数值（B5、C5）无法确定年份：其行、列标题和表格标题、工作表名、文件名中都没有年份，这些数值未读入；其余 4 个数值的年份已由行、列标题确定"
        ]
    );
}

#[test]
fn a_long_table_with_empty_year_cells_names_them() {
    let rows = |undated: Cell| {
        vec![
            vec![t("指标"), t("年份"), t("数值")],
            vec![t("专利授权量"), n(2024.0), n(8340.0)],
            vec![t("专利授权量"), e(), undated],
            vec![t("发明专利授权量"), n(2025.0), n(4350.0)],
            // A mark of a missing figure loses nothing: not counted.
            vec![t("发明专利授权量"), e(), t("—")],
        ]
    };
    let (_, diags) = find_tables("a.xlsx", &Sheet::new("长表", rows(n(8710.0))));
    let lines: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "警告：a.xlsx，工作表“长表”，单元格 A1：表格 A1:C5 中，有 1 个数值（C3）无法确定年份：其年份单元格为空，表格标题、工作表名和文件名中也没有年份，这些数值未读入；其余 2 个数值的年份已由年份列确定。如需读入这些数值，请在年份列填写年份（如“2025”），或在标题中注明“（2025年）”，或把工作表命名为年份"
        ]
    );
    // Only marks of missing figures without a year: no warning.
    let (_, diags) = find_tables("a.xlsx", &Sheet::new("长表", rows(t("—"))));
    assert!(diags.is_empty(), "{diags:?}");
}

proptest::proptest! {
    #[test]
    fn every_record_is_the_cell_it_names(cells in proptest::collection::vec(proptest::collection::vec(
        proptest::prop_oneof![
            proptest::strategy::Just(Cell::Empty),
            (-1e6f64..1e6).prop_map(Cell::Number),
            (1990i32..2030).prop_map(|y| Cell::Number(y as f64)),
            "[\\PC]{0,8}".prop_map(Cell::Text),
            proptest::sample::select(vec!["单位：件", "指标", "年份", "数值", "地区", "2021年", "注：", "—", "合计", "专利授权量", "1,234", "12%"])
                .prop_map(|s| Cell::Text(s.into())),
        ], 0..8), 0..12)) {
        let sheet = Sheet::new("p", cells.clone());
        let (tables, _) = find_tables("p.xlsx", &sheet);
        for t in tables {
            for r in t.records {
                // Every record is the cell its place names, inside the table's rows,
                // and holds something: blanks are counted, not recorded.
                let at = cells.iter().enumerate().flat_map(|(i, row)| (0..row.len()).map(move |j| (i, j)))
                    .find(|&(i, j)| crate::diag::a1(i as u32, j as u32) == r.place.cell_ref());
                let Some((i, j)) = at else {
                    return Err(proptest::test_runner::TestCaseError::fail(format!("no cell {}", r.place.cell_ref())));
                };
                proptest::prop_assert_eq!(&cells[i][j], &r.value);
                proptest::prop_assert!(t.rows.contains(&i), "{} outside rows {:?}", r.place.cell_ref(), t.rows);
                proptest::prop_assert_ne!(&r.value, &Cell::Empty);
            }
        }
    }
}

/// The case the property found: a long table's row with a label and no value is
/// a blank, never a record of an empty cell.
#[test]
fn a_long_row_without_a_value_is_a_blank() {
    let cells = vec![
        vec![Cell::Text("指标".into()), Cell::Text("数值".into()), Cell::Text("年份".into())],
        vec![Cell::Text("¡".into())],
    ];
    let (tables, _) = find_tables("p.xlsx", &Sheet::new("p", cells));
    assert!(tables.iter().all(|t| t.records.is_empty()), "{tables:?}");
    assert_eq!(tables.iter().map(|t| t.blanks).sum::<usize>(), 1);
}

use proptest::strategy::Strategy;

#[test]
fn quarters_across_with_a_total_keep_their_periods() {
    let sheet = Sheet::new(
        "季度",
        vec![
            vec![t("2025年分季度专利授权情况")],
            vec![t("指标"), t("一季度"), t("二季度"), t("三季度"), t("四季度"), t("全年")],
            vec![t("专利授权量"), n(2000.0), n(2100.0), n(2200.0), n(2410.0), n(8710.0)],
        ],
    );
    let r = records(&sheet);
    let periods: Vec<(Option<i32>, Option<Period>, bool)> =
        r.iter().map(|r| (r.year, r.period.clone(), r.total)).collect();
    let q = |m: u8| Some(Period::Part { year: Some(2025), months: m..=m + 2 });
    assert_eq!(
        periods,
        [
            (None, q(1), false),
            (None, q(4), false),
            (None, q(7), false),
            (None, q(10), false),
            (None, Some(Period::Year(2025)), true)
        ]
    );
    assert!(r.iter().all(|r| &*r.row == "专利授权量" && r.column.is_none()));
}

#[test]
fn relative_columns_resolve_against_the_title_and_rates_stay_out() {
    let sheet = Sheet::new(
        "授权",
        vec![
            vec![t("2025年1—12月玄武区专利授权情况")],
            vec![t("指标"), t("本年累计"), t("上年同期"), t("同比增长（%）")],
            vec![t("专利授权量"), n(8710.0), n(8345.0), n(9.9)],
        ],
    );
    let (tables, diags) = find_tables("f.xlsx", &sheet);
    let table = &tables[0];
    assert_eq!(
        brief(&table.records),
        vec![
            ("专利授权量".into(), None, Some(2025), n(8710.0), "B3".into()),
            ("专利授权量".into(), None, Some(2024), n(8345.0), "C3".into()),
        ]
    );
    let whole = |y| Period::Part { year: Some(y), months: 1..=12 };
    assert_eq!(table.relatives, [(Rel::YearToDate, whole(2025)), (Rel::SamePeriodLastYear, whole(2024))]);
    assert_eq!(table.period_from, Some(Source::Title));
    // 8710 against 8345 is 4.4%, not 9.9%: a warning at D3.
    let growth: Vec<&Diagnostic> = diags.iter().filter(|d| d.kind.id() == "growth-disagrees").collect();
    assert_eq!(growth.len(), 1);
    assert_eq!(growth[0].place.cell_ref(), "D3");
}

#[test]
fn a_unit_alone_under_a_year_is_the_columns_unit() {
    let sheet = Sheet::new(
        "单位",
        vec![
            vec![t("指标"), t("2025年"), e()],
            vec![e(), t("万元"), t("比上年增长（%）")],
            vec![t("知识产权质押融资额"), n(14200.0), n(18.3)],
        ],
    );
    let r = records(&sheet);
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].column.as_deref(), r[0].year, r[0].unit.as_deref()), (None, Some(2025), Some("万元")));
}
