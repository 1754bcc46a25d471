//! Tests of the dataset stage: tables to tidy observations, units, names, given
//! figures, conflicts and the repeated figures of two sheets.

use super::*;
use crate::diag::{Level, TableShape};
use crate::table::{Layout, Record};
use crate::workbook::Cell;

fn rec(label: &str, region: Option<&str>, year: i32, value: Cell, unit: Option<&str>, cell: &str) -> Record {
    Record {
        row: label.into(),
        column: None,
        region: region.map(Into::into),
        year: Some(year),
        value,
        unit: unit.map(Into::into),
        label_unit: None,
        place: Place::at("a.xlsx", "s", cell),
        period: None,
        total: false,
    }
}

fn table(records: Vec<Record>) -> Table {
    let long = records.iter().any(|r| r.region.is_some());
    Table {
        layout: if long { Layout::Long } else { Layout::Grid },
        title: None,
        header_rows: 0..1,
        rows: 0..1,
        cols: 0..1,
        records,
        blanks: 0,
        skipped_columns: Vec::new(),
        subject_texts: Vec::new(),
        years_down: false,
        relatives: Vec::new(),
        unresolved: Vec::new(),
        period_from: None,
        period_rows: false,
    }
}

#[test]
fn converts_units_and_matches_names() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let taken = b.add_table(&table(vec![
        rec("知识产权质押融资额", None, 2025, Cell::Number(14200.0), Some("万元"), "B2"),
        rec("专利授权量", Some("梅园新村"), 2025, Cell::Number(1200.0), Some("件"), "B3"),
        rec("专利授权量", Some("合计"), 2025, Cell::Text("—".into()), Some("件"), "B4"),
    ]));
    assert_eq!((taken.observations, taken.missing), (2, 1));
    let (ds, diags) = b.finish();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(ds.value("pledge_financing", "玄武区", 2025), Some(1.42));
    assert_eq!(ds.value("patent_grants", "梅园新村街道", 2025), Some(1200.0));
    assert_eq!(ds.value("patent_grants", "玄武区", 2025), None);
}

#[test]
fn regions_by_indicators_resolve_either_way() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let grid = |row: &str, col: &str, v: f64, cell: &str| Record {
        column: Some(col.into()),
        ..rec(row, None, 2025, Cell::Number(v), None, cell)
    };
    // Regions down the side, indicators across; then the other way round.
    b.add_table(&table(vec![
        grid("梅园新村", "专利授权量", 958.0, "B4"),
        grid("梅园新村", "专利奖", 1.0, "D4"),
    ]));
    b.add_table(&table(vec![
        grid("专利授权量", "红山", 871.0, "C5"),
        grid("专利授权量", "全球", 1.0, "E5"),
        grid("发明专利授权量", "合计", 4720.0, "F5"),
    ]));
    let (ds, diags) = b.finish();
    assert_eq!(ds.value("patent_grants", "梅园新村街道", 2025), Some(958.0));
    assert_eq!(ds.value("patent_grants", "红山街道", 2025), Some(871.0));
    assert_eq!(ds.value("invention_grants", "玄武区", 2025), Some(4720.0));
    assert_eq!(diags.len(), 2);
    // 专利奖 heads a column of the first table.
    assert_eq!(diags[0].message(), "无法识别指标“专利奖”，该列数据未读入");
    assert_eq!(diags[1].message(), "无法识别地区“全球”，该处数据未读入");
    assert!(matches!(&diags[0].kind, Kind::UnknownIndicator { label, .. } if label == "专利奖"));
    assert_eq!(diags[1].kind, Kind::UnknownRegion { label: "全球".into() });
}

#[test]
fn a_unit_in_the_label_wins_when_known() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let mut r = rec("知识产权质押融资额", None, 2025, Cell::Number(14200.0), Some("亿元"), "B2");
    r.label_unit = Some("万元".into());
    let mut pct = rec("版权产业增加值占GDP比重", None, 2025, Cell::Percent(0.084), Some("件"), "B3");
    pct.label_unit = Some("件/万人".into());
    b.add_table(&table(vec![r, pct]));
    let (ds, diags) = b.finish();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(ds.value("pledge_financing", "玄武区", 2025), Some(1.42));
    assert!((ds.value("copyright_industry_share", "玄武区", 2025).unwrap() - 8.4).abs() < 1e-12);
}

#[test]
fn a_derived_figure_goes_to_the_given_ones() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![rec("每万人口发明专利拥有量", None, 2025, Cell::Number(340.8), None, "B2")]));
    let (ds, diags) = b.finish();
    assert!(diags.is_empty());
    assert!(ds.observations.is_empty());
    assert_eq!(ds.given.values().next().unwrap().indicator, "invention_per_10k");
    // It counts among the figures read, as `check` and the build log say.
    assert_eq!(ds.read_count(), 1);
}

#[test]
fn unknown_name_warns_with_candidates() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![rec("发明专利授权数", None, 2025, Cell::Number(1.0), None, "C5")]));
    let (_, diags) = b.finish();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].level, Level::Warning);
    assert_eq!(
        diags[0].to_string(),
        "警告：a.xlsx，工作表“s”，单元格 C5：无法识别指标“发明专利授权数”，该行数据未读入。是否指：发明专利授权量、专利授权量、发明专利申请量？请改用目录中的名称，或在指标目录中添加别名"
    );
}

#[test]
fn a_table_of_unknown_names_is_not_read() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let names = ["北京", "天津", "河北", "山西", " 内蒙古 ", "辽宁"];
    let records = names
        .iter()
        .enumerate()
        .map(|(i, n)| rec(n, None, 2025, Cell::Number(1.0), None, &format!("B{}", i + 2)));
    let taken = b.add_table(&table(records.collect()));
    assert_eq!(taken.observations, 0);
    let (_, diags) = b.finish();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].level, &diags[0].place), (Level::Warning, &Place::at("a.xlsx", "s", "A1")));
    assert_eq!(
        diags[0].kind,
        Kind::ForeignTable {
            range: "A1:A1".into(),
            count: 6,
            labels: ["北京", "天津", "河北", "山西", "内蒙古"].map(String::from).to_vec(),
        }
    );
}

#[test]
fn a_table_of_regions_without_an_indicator_is_not_read() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let mut t = table(vec![
        rec("梅园新村", None, 2025, Cell::Number(958.0), None, "B2"),
        rec("红山", None, 2025, Cell::Number(871.0), None, "B3"),
    ]);
    for (years_down, shape) in [(false, TableShape::RegionsByYears), (true, TableShape::YearsByRegions)] {
        t.years_down = years_down;
        assert_eq!(b.add_table(&t).observations, 0);
        let d = b.diags.pop().expect("a warning");
        assert_eq!(d.level, Level::Warning);
        assert_eq!(d.kind, Kind::TableWithoutIndicator { range: "A1:A1".into(), shape });
    }
}

#[test]
fn conflicting_values_are_an_error_naming_both_places() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![
        rec("专利授权量", None, 2025, Cell::Number(8710.0), None, "B2"),
        rec("专利授权量", None, 2025, Cell::Number(8710.0), None, "B9"),
        rec("专利授权量", None, 2025, Cell::Number(8701.0), None, "C9"),
    ]));
    let (ds, diags) = b.finish();
    assert_eq!(ds.value("patent_grants", "玄武区", 2025), Some(8710.0));
    assert_eq!(ds.get("patent_grants", "玄武区", 2025).unwrap().source.cell_ref(), "B2");
    assert_eq!(diags.len(), 2);
    assert_eq!(diags[1].level, Level::Note);
    assert_eq!(
        diags[1].to_string(),
        "提示：a.xlsx，工作表“s”：有 1 个数值与 a.xlsx，工作表“s” 中的相同（B9 与 B2）；以先读入的 a.xlsx，工作表“s” 为来源"
    );
    assert_eq!(
        diags[1].kind,
        Kind::RepeatedFigures {
            count: 1,
            earlier: Place::sheet("a.xlsx", "s"),
            cell: "B9".into(),
            earlier_cell: "B2".into(),
        }
    );
    assert_eq!(diags[0].level, Level::Error);
    assert_eq!(
        diags[0].message(),
        "“专利授权量”玄武区2025年的数值 8701件 与 a.xlsx，工作表“s”，单元格 B2 中的数值 8710件 不一致"
    );
    assert!(matches!(&diags[0].kind, Kind::ConflictingFigures { year: 2025, .. }));
}

#[test]
fn a_derived_figure_given_twice_follows_the_same_rule() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![
        rec("每万人口发明专利拥有量", None, 2025, Cell::Number(340.8), None, "B2"),
        rec("万人发明专利拥有量", None, 2025, Cell::Number(304.8), None, "B7"),
    ]));
    let (ds, diags) = b.finish();
    assert_eq!(ds.given.values().next().unwrap().value, 340.8);
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].to_string(),
        "错误：a.xlsx，工作表“s”，单元格 B7：“万人发明专利拥有量”玄武区2025年的数值 304.8件 与 a.xlsx，工作表“s”，单元格 B2 中的数值 340.8件 不一致。请核对两处数据，删除或更正其中一处"
    );
}

#[test]
fn conflicting_values_print_as_far_as_they_differ_and_noise_is_no_conflict() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![
        // 0.1 + 0.2 from a formula and 0.3: one figure.
        rec("知识产权质押融资额", None, 2024, Cell::Number(0.1 + 0.2), None, "B2"),
        rec("知识产权质押融资额", None, 2024, Cell::Number(0.3), None, "B3"),
        // 14235 and 14236 万元 both print 1.42亿元.
        rec("知识产权质押融资额", None, 2025, Cell::Number(14235.0), Some("万元"), "C2"),
        rec("知识产权质押融资额", None, 2025, Cell::Number(14236.0), Some("万元"), "C3"),
        rec("每万人口发明专利拥有量", None, 2025, Cell::Number(330.0), None, "D2"),
        rec("万人发明专利拥有量", None, 2025, Cell::Number(330.04), None, "D3"),
    ]));
    let (ds, diags) = b.finish();
    assert_eq!(ds.value("pledge_financing", "玄武区", 2024), Some(0.1 + 0.2));
    let messages: Vec<String> = diags.iter().map(|d| d.message()).collect();
    assert_eq!(
        messages,
        [
            "“知识产权质押融资额”玄武区2025年的数值 1.4236亿元 与 a.xlsx，工作表“s”，单元格 C2 中的数值 1.4235亿元 不一致",
            "“万人发明专利拥有量”玄武区2025年的数值 330.04件 与 a.xlsx，工作表“s”，单元格 D2 中的数值 330.00件 不一致",
            "有 1 个数值与 a.xlsx，工作表“s” 中的相同（B3 与 B2）；以先读入的 a.xlsx，工作表“s” 为来源",
        ]
    );
    assert_eq!(
        diags[1].kind,
        Kind::ConflictingFigures {
            indicator: "万人发明专利拥有量".into(),
            region: "玄武区".into(),
            year: 2025,
            value: "330.04".into(),
            first: "a.xlsx，工作表“s”，单元格 D2".into(),
            first_value: "330.00".into(),
            unit: "件".into(),
        }
    );
}

#[test]
fn a_derived_subject_goes_to_the_given_figures_in_every_column() {
    // Regions × years of 万人发明专利拥有量 (the title's), with a 排名 column that
    // makes the table one of regions × columns: the year columns, which have
    // no label but their year, are figures of the subject, a derived indicator.
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let cell = |region: &str, column: Option<&str>, v: f64, a1: &str| Record {
        column: column.map(Into::into),
        ..rec(region, None, 2025, Cell::Number(v), None, a1)
    };
    let mut t = table(vec![
        cell("梅园新村街道", None, 350.0, "B3"),
        cell("梅园新村街道", Some("排名"), 1.0, "C3"),
        cell("红山街道", None, 250.0, "B4"),
    ]);
    t.subject_texts = vec![(crate::table::Source::Title, "各街道每万人口发明专利拥有量".into())];
    let taken = b.add_table(&t);
    assert_eq!(taken.reading.unwrap().to_string(), "表格 A1:A1：地区×指标，指标取自标题“万人发明专利拥有量”");
    let (ds, diags) = b.finish();
    assert!(ds.observations.is_empty(), "{:?}", ds.observations);
    let given: Vec<(&str, f64)> = ds.given.values().map(|o| (o.region.as_str(), o.value)).collect();
    assert_eq!(given, [("梅园新村街道", 350.0), ("红山街道", 250.0)]);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message(), "无法识别指标“排名”，该列数据未读入");
}

/// Regions × (a column headed by 2025年 alone, `other`), in a table that names
/// no indicator around it.
fn regions_by_year_and(other: &str) -> Table {
    let cell = |region: &str, column: Option<&str>, v: f64, a1: &str| Record {
        column: column.map(Into::into),
        ..rec(region, None, 2025, Cell::Number(v), None, a1)
    };
    let mut t = table(vec![
        cell("梅园新村街道", None, 350.0, "B3"),
        cell("梅园新村街道", Some(other), 1.0, "C3"),
        cell("红山街道", None, 250.0, "B4"),
        cell("红山街道", Some(other), 2.0, "C4"),
    ]);
    t.rows = 1..4;
    t.cols = 0..3;
    t.subject_texts = vec![
        (crate::table::Source::Title, "各街道情况".into()),
        (crate::table::Source::SheetName, "Sheet1".into()),
    ];
    t
}

#[test]
fn a_year_column_without_an_indicator_never_takes_a_region_for_one() {
    // Beside a column that is no indicator (排名), the table is one of regions
    // × years whose indicator is named nowhere: set aside, as such.
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let taken = b.add_table(&regions_by_year_and("排名"));
    assert_eq!((taken.observations, taken.reading), (0, None));
    let (ds, diags) = b.finish();
    assert!(ds.observations.is_empty() && ds.given.is_empty());
    let lines: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "警告：a.xlsx，工作表“s”，单元格 A2：表格 A2:C4 是地区×年份表，但标题、单位行、工作表名和文件名中都没有指标目录中的指标名称，该表未读入。请在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”），或用指标名称命名工作表"
        ]
    );

    // Beside an indicator's column, that column is read, and the year's
    // column is said not to be, for want of an indicator.
    let mut b = Builder::new(&cat);
    let taken = b.add_table(&regions_by_year_and("专利授权量"));
    assert_eq!(taken.observations, 2);
    let (ds, diags) = b.finish();
    assert_eq!(ds.value("patent_grants", "梅园新村街道", 2025), Some(1.0));
    assert_eq!(ds.value("patent_grants", "红山街道", 2025), Some(2.0));
    assert_eq!(ds.observations.len(), 2);
    let lines: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "警告：a.xlsx，工作表“s”，单元格 A2：表格 A2:C4 中 B 列（2025年）的表头没有指标名称，标题、单位行、工作表名和文件名中也都没有指标目录中的指标名称，该列的数值未读入。请在该列的表头写明指标名称，或在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”）"
        ]
    );
    assert_eq!(
        diags[0].kind,
        Kind::ColumnsWithoutIndicator { range: "A2:C4".into(), columns: vec![("B".into(), Some(2025))] }
    );
}

#[test]
fn an_unknown_indicator_is_said_to_head_its_row_or_column() {
    // Years down the side, indicators across: the unknown name heads a column.
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    let mut t = table(vec![
        rec("专利授权量", None, 2025, Cell::Number(8710.0), None, "B3"),
        rec("专利奖", None, 2025, Cell::Number(12.0), None, "C3"),
    ]);
    t.years_down = true;
    b.add_table(&t);
    // Down the side, in another sheet, it heads a row.
    let row = Record {
        place: Place::at("a.xlsx", "t", "B9"),
        ..rec("专利奖", None, 2025, Cell::Number(12.0), None, "")
    };
    b.add_table(&Table { records: vec![row], years_down: false, ..t });
    let (_, diags) = b.finish();
    let messages: Vec<String> = diags.iter().map(|d| d.message()).collect();
    assert_eq!(messages, ["无法识别指标“专利奖”，该列数据未读入", "无法识别指标“专利奖”，该行数据未读入"]);
}

#[test]
fn figures_outside_the_plausible_range_are_errors_at_their_cells() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![
        rec("年末常住人口", None, 2025, Cell::Number(1e305), Some("万人"), "B2"),
        rec("年末常住人口", None, 2024, Cell::Number(537_825.0), Some("人"), "C2"),
        rec("发明专利授权量占专利授权量比重", None, 2025, Cell::Percent(1.5), None, "D2"),
        rec("专利授权量", None, 2025, Cell::Number(-3.0), None, "E2"),
        // A formula's noise at a bound is within it; beyond it, the cell shows
        // as Excel shows it.
        rec("知识产权保护社会满意度", None, 2025, Cell::Number(100.00000000000001), None, "F2"),
        rec("知识产权保护社会满意度", None, 2024, Cell::Number(1.003 * 100.0), None, "G2"),
    ]));
    let (ds, diags) = b.finish();
    assert_eq!(ds.value("population", "玄武区", 2024), Some(53.7825));
    assert_eq!(ds.value("protection_satisfaction", "玄武区", 2025), Some(100.00000000000001));
    assert_eq!(ds.observations.len(), 2);
    let messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "错误：a.xlsx，工作表“s”，单元格 B2：“年末常住人口”2025年的数值 1e305万人 超出合理范围（1～10000万人）。请核对该数值和它的单位（指标目录规定的单位为“万人”）",
            "错误：a.xlsx，工作表“s”，单元格 D2：“发明专利授权量占专利授权量比重”2025年的数值 150% 超出合理范围（0～100%）。请核对该数值和它的单位（指标目录规定的单位为“%”）",
            "错误：a.xlsx，工作表“s”，单元格 E2：“专利授权量”2025年的数值 -3件 超出合理范围（0～10000000件）。请核对该数值和它的单位（指标目录规定的单位为“件”）",
            "错误：a.xlsx，工作表“s”，单元格 G2：“知识产权保护社会满意度”2024年的数值 100.3% 超出合理范围（0～100%）。请核对该数值和它的单位（指标目录规定的单位为“%”）",
        ]
    );
}

#[test]
fn bad_unit_and_bad_value_are_errors() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    b.add_table(&table(vec![
        rec("专利授权量", None, 2025, Cell::Number(1.0), Some("亿元"), "B2"),
        rec("专利授权量", None, 2024, Cell::Error("#DIV/0!".into()), None, "B3"),
    ]));
    let (ds, diags) = b.finish();
    assert!(ds.observations.is_empty());
    assert_eq!(diags[0].message(), "“专利授权量”的单位“亿元”无法换算为目录规定的单位“件”");
    assert_eq!(diags[1].message(), "“专利授权量”2024年的数值不是数字：Excel 错误值 #DIV/0!");
    assert_eq!(diags[0].kind.id(), "unit-not-convertible");
    assert_eq!(diags[1].kind.id(), "not-a-number");
}

#[test]
fn a_sheet_of_many_conflicts_or_unknown_labels_lists_a_hundred_of_each_and_counts_the_rest() {
    let cat = Catalog::builtin();
    let mut b = Builder::new(&cat);
    // 250 readings of one figure, all different; and 250 unknown labels beside a
    // known one (a table of no known label gives one warning instead).
    let mut records: Vec<Record> = (0..250)
        .map(|i| rec("专利授权量", None, 2025, Cell::Number(f64::from(i)), None, &format!("B{}", i + 1)))
        .collect();
    records.extend(
        (0..250).map(|i| {
            rec(&format!("未知指标{i}"), None, 2025, Cell::Number(1.0), None, &format!("C{}", i + 1))
        }),
    );
    b.add_table(&table(records));
    let (_, diags) = b.finish();
    let count = |id: &str| diags.iter().filter(|d| d.kind.id() == id).count();
    assert_eq!((count("conflicting-figures"), count("unknown-indicator")), (100, 100));
    let omitted: Vec<(Level, &Place, &Kind)> =
        diags.iter().filter(|d| d.kind.id() == "omitted").map(|d| (d.level, &d.place, &d.kind)).collect();
    let sheet = Place::sheet("a.xlsx", "s");
    assert_eq!(
        omitted,
        [
            (Level::Error, &sheet, &Kind::Omitted { count: 149, of: "conflicting-figures" }),
            (Level::Warning, &sheet, &Kind::Omitted { count: 150, of: "unknown-indicator" }),
        ]
    );
}
