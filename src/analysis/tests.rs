//! Tests of the analysis: growth, points and counts, targets and schedule.

use super::*;
use crate::dataset::Observation;

fn dataset(rows: &[(&str, i32, f64)]) -> Dataset {
    let mut ds = Dataset::default();
    for &(id, year, value) in rows {
        ds.observations.insert(
            (id.into(), "玄武区".into(), year),
            Observation {
                indicator: id.into(),
                region: "玄武区".into(),
                year,
                value,
                unit: String::new(),
                source: Place::cell("t.xlsx", "s", 1, 1),
            },
        );
    }
    ds
}

#[test]
fn ratios_per_10k_and_period_totals() {
    let cat = Catalog::builtin();
    let ds = dataset(&[
        ("invention_stock", 2020, 12482.0),
        ("population", 2020, 53.78),
        ("pledge_financing", 2020, 1.0),
        ("pledge_financing", 2021, 1.05),
        ("pledge_financing", 2022, 1.12),
        ("tm_firms", 2022, 5890.0),
        ("enterprises", 2022, 48600.0),
    ]);
    let (a, _) = analyse(&cat, &ds, 2022);
    let per10k = a.values.get("invention_per_10k", "玄武区", 2020).unwrap();
    assert!((per10k.value - 232.0937151).abs() < 1e-6);
    assert_eq!(per10k.origin, Origin::Rule("有效发明专利拥有量÷年末常住人口".into()));
    let total = a.values.get("pledge_total", "玄武区", 2022).unwrap();
    assert!((total.value - 2.17).abs() < 1e-12);
    assert_eq!(total.origin, Origin::Rule("2021—2022年知识产权质押融资额之和".into()));
    assert_eq!(a.district_value("pledge_total", 2020), None);
    let firms = a.district_value("tm_firms_per_10k_firms", 2022).unwrap();
    assert!((firms - 1211.934156).abs() < 1e-5);
}

#[test]
fn a_gap_in_the_period_gives_no_total() {
    let cat = Catalog::builtin();
    let ds = dataset(&[("pledge_financing", 2021, 1.0), ("pledge_financing", 2023, 1.0)]);
    let (a, _) = analyse(&cat, &ds, 2023);
    assert_eq!(a.district_value("pledge_total", 2023), None);
    assert_eq!(a.district_value("pledge_total", 2021), Some(1.0));
}

#[test]
fn strict_targets_and_completion() {
    let cat = Catalog::builtin();
    let ds = dataset(&[("invention_10y", 2025, 2800.0), ("invention_stock", 2025, 18000.0)]);
    let (a, _) = analyse(&cat, &ds, 2025);
    let p10 = a.progress.iter().find(|p| p.id == "invention_10y").unwrap();
    assert_eq!(p10.met, Some(false));
    assert_eq!(p10.completion, Some(100.0));
    let stock = a.progress.iter().find(|p| p.id == "invention_stock").unwrap();
    assert_eq!(stock.met, Some(true));
    assert_eq!(stock.baseline, Some(12482.0));
}

#[test]
fn a_given_derived_figure_is_used_when_it_agrees_and_flagged_when_not() {
    let cat = Catalog::builtin();
    let mut ds = dataset(&[
        ("invention_stock", 2025, 18260.0),
        ("population", 2025, 53.58),
        ("invention_stock", 2024, 17280.0),
        ("population", 2024, 53.62),
    ]);
    let given = |year: i32, value: f64, row: u32| Observation {
        indicator: "invention_per_10k".into(),
        region: "玄武区".into(),
        year,
        value,
        unit: "件".into(),
        source: Place::cell("g.xlsx", "派生", row, 2),
    };
    // 18260 ÷ 53.58 = 340.799…: 340.8 agrees; 17280 ÷ 53.62 = 322.27…: 330 does not.
    ds.given.insert(("invention_per_10k".into(), "玄武区".into(), 2025), given(2025, 340.8, 4));
    ds.given.insert(("invention_per_10k".into(), "玄武区".into(), 2024), given(2024, 330.0, 3));
    let (a, diags) = analyse(&cat, &ds, 2025);
    let f = a.values.get("invention_per_10k", "玄武区", 2025).unwrap();
    assert_eq!(f.value, 340.8);
    assert_eq!(f.origin, Origin::Cell(Place::cell("g.xlsx", "派生", 4, 2)));
    let f = a.values.get("invention_per_10k", "玄武区", 2024).unwrap();
    assert!((f.value - 322.2678).abs() < 1e-3);
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].to_string(),
        "警告：g.xlsx，工作表“派生”，单元格 C4：“万人发明专利拥有量”玄武区2024年，工作簿给出 330.0，按“有效发明专利拥有量÷年末常住人口”计算为 322.3，两者不一致，报告采用计算值。请核对该数值及其计算所用的数据（t.xlsx，工作表“s”，单元格 B2；t.xlsx，工作表“s”，单元格 B2）"
    );
}

#[test]
fn average_growth_and_schedule() {
    assert_eq!(crate::format::round(average_growth(12482.0, 18260.0, 5).unwrap(), 1), "7.9");
    assert_eq!(average_growth(0.0, 5.0, 5), None);
    assert_eq!(average_growth(1.0, 2.0, 0), None);
    let cat = Catalog::builtin();
    let ds = dataset(&[("invention_stock", 2020, 12482.0), ("invention_stock", 2023, 16000.0)]);
    let (a, _) = analyse(&cat, &ds, 2023);
    let p = a.progress.iter().find(|p| p.id == "invention_stock").unwrap();
    assert_eq!(p.schedule, 60.0);
    assert_eq!(p.status, Status::Ahead);
    assert_eq!(p.status.label(false), "快于序时进度");
}

#[test]
fn growth_and_points() {
    let cat = Catalog::builtin();
    let ds = dataset(&[
        ("patent_grants", 2024, 8340.0),
        ("patent_grants", 2025, 8710.0),
        ("copyright_industry_share", 2024, 8.2),
        ("copyright_industry_share", 2025, 8.4),
        ("admin_cases", 2024, 0.0),
        ("admin_cases", 2025, 5.0),
    ]);
    let (a, _) = analyse(&cat, &ds, 2025);
    let g = a.change(cat.get("patent_grants").unwrap(), "玄武区", 2025).unwrap();
    assert_eq!(crate::format::round(g.amount(), 1), "4.4");
    let p = a.change(cat.get("copyright_industry_share").unwrap(), "玄武区", 2025).unwrap();
    assert!(matches!(p, Change::Points(v) if (v - 0.2).abs() < 1e-9));
    // On a base under 10 the change is the count itself (增加5件), not a rate.
    assert_eq!(a.change(cat.get("admin_cases").unwrap(), "玄武区", 2025), Some(Change::Count(5.0)));
}

#[test]
fn a_given_derived_figure_without_its_data_is_not_used() {
    let cat = Catalog::builtin();
    let mut ds = dataset(&[("invention_stock", 2025, 18260.0)]);
    ds.given.insert(
        ("invention_per_10k".into(), "玄武区".into(), 2025),
        Observation {
            indicator: "invention_per_10k".into(),
            region: "玄武区".into(),
            year: 2025,
            value: 340.8,
            unit: "件".into(),
            source: Place::cell("g.xlsx", "派生", 4, 2),
        },
    );
    let (a, diags) = analyse(&cat, &ds, 2025);
    assert_eq!(a.values.get("invention_per_10k", "玄武区", 2025), None);
    let given: Vec<&Diagnostic> = diags.iter().filter(|d| d.place.file_name() == "g.xlsx").collect();
    assert_eq!(given.len(), 1, "{diags:?}");
    assert_eq!(given[0].level, Level::Warning);
    assert_eq!(
        given[0].kind,
        DiagKind::GivenNotComputable {
            indicator: "万人发明专利拥有量".into(),
            region: "玄武区".into(),
            year: 2025,
            value: "340.8".into(),
        }
    );
}

#[test]
fn a_given_derived_figure_that_disagrees_names_the_rule_and_inputs() {
    let cat = Catalog::builtin();
    let mut ds = Dataset::default();
    for (id, value, row) in [("invention_stock", 17280.0, 1), ("population", 53.62, 2)] {
        ds.observations.insert(
            (id.into(), "玄武区".into(), 2024),
            Observation {
                indicator: id.into(),
                region: "玄武区".into(),
                year: 2024,
                value,
                unit: String::new(),
                source: Place::cell("t.xlsx", "s", row, 1),
            },
        );
    }
    ds.given.insert(
        ("invention_per_10k".into(), "玄武区".into(), 2024),
        Observation {
            indicator: "invention_per_10k".into(),
            region: "玄武区".into(),
            year: 2024,
            value: 330.0,
            unit: "件".into(),
            source: Place::cell("g.xlsx", "派生", 3, 2),
        },
    );
    let (_, diags) = analyse(&cat, &ds, 2024);
    let given: Vec<&Diagnostic> = diags.iter().filter(|d| d.place.file_name() == "g.xlsx").collect();
    assert_eq!(given.len(), 1, "{diags:?}");
    assert_eq!(
        given[0].kind,
        DiagKind::GivenDisagrees {
            indicator: "万人发明专利拥有量".into(),
            region: "玄武区".into(),
            year: 2024,
            given: "330.0".into(),
            rule: "有效发明专利拥有量÷年末常住人口".into(),
            computed: "322.3".into(),
            inputs: vec![Place::cell("t.xlsx", "s", 1, 1), Place::cell("t.xlsx", "s", 2, 1)],
        }
    );
}

#[test]
fn a_baseline_that_differs_from_the_data_is_flagged_and_the_data_used() {
    let cat = Catalog::builtin();
    // A figure with floating-point noise, as a sum in a workbook's formula gives it.
    let ds = dataset(&[("invention_stock", 2020, 12000.000000000002), ("invention_stock", 2023, 16000.0)]);
    let (a, diags) = analyse(&cat, &ds, 2023);
    let p = a.progress.iter().find(|p| p.id == "invention_stock").unwrap();
    assert_eq!(p.baseline, Some(12000.000000000002));
    let found: Vec<&Diagnostic> =
        diags.iter().filter(|d| matches!(d.kind, DiagKind::BaselineDisagrees { .. })).collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!((found[0].level, &found[0].place), (Level::Warning, &Place::cell("t.xlsx", "s", 1, 1)));
    assert_eq!(
        found[0].kind,
        DiagKind::BaselineDisagrees {
            indicator: "有效发明专利拥有量".into(),
            year: 2020,
            data: "12000".into(),
            plan: "十四五".into(),
            baseline: "12482".into(),
        }
    );
    assert_eq!(
        found[0].to_string(),
        "警告：t.xlsx，工作表“s”，单元格 B2：“有效发明专利拥有量”2020年数据为 12000，与指标目录中“十四五”规划的基数 12482 不一致，报告采用数据值。请核对该数据，或指标目录中“十四五”规划的基数"
    );
}

/// The builtin catalogue with a baseline for one indicator of the 十四五 plan.
fn with_baseline(id: &str, baseline: f64) -> Catalog {
    let mut cat = Catalog::builtin();
    let plan = cat.plans.iter_mut().find(|p| p.key == "十四五").unwrap();
    plan.indicators.iter_mut().find(|i| i.id == id).unwrap().baseline = Some(baseline);
    cat
}

#[test]
fn a_computed_baseline_that_differs_is_placed_at_its_rule_not_a_pretend_file() {
    // A period total: its 基数 is the 2016—2020 total, from five cells.
    let cat = with_baseline("pledge_total", 5.0);
    let years: Vec<(&str, i32, f64)> = (2016..=2020).map(|y| ("pledge_financing", y, 1.1)).collect();
    let (_, diags) = analyse(&cat, &dataset(&years), 2023);
    let found: Vec<&Diagnostic> =
        diags.iter().filter(|d| matches!(d.kind, DiagKind::BaselineDisagrees { .. })).collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(found[0].place, Place::rule("2016—2020年知识产权质押融资额之和"));
    assert_eq!(
        found[0].to_string(),
        "警告：按“2016—2020年知识产权质押融资额之和”计算：“知识产权质押融资额累计”2020年数据为 5.50，与指标目录中“十四五”规划的基数 5.00 不一致，报告采用数据值。请核对该数据，或指标目录中“十四五”规划的基数"
    );
    // A ratio: its 基数 is computed by the indicator's rule.
    let cat = with_baseline("invention_per_10k", 230.0);
    let ds = dataset(&[("invention_stock", 2020, 12482.0), ("population", 2020, 53.78)]);
    let (_, diags) = analyse(&cat, &ds, 2023);
    let found: Vec<&Diagnostic> =
        diags.iter().filter(|d| matches!(d.kind, DiagKind::BaselineDisagrees { .. })).collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(found[0].place, Place::rule("有效发明专利拥有量÷年末常住人口"));
    assert!(found[0].message().contains("数据为 232.1，与指标目录中“十四五”规划的基数 230.0 不一致"));
}

#[test]
fn a_baseline_equal_to_the_data_as_printed_is_not_flagged() {
    // 12482 ÷ 53.78 = 232.09…: the plan's 232.1 is the same figure as printed.
    let cat = with_baseline("invention_per_10k", 232.1);
    let ds = dataset(&[("invention_stock", 2020, 12482.0), ("population", 2020, 53.78)]);
    let (a, diags) = analyse(&cat, &ds, 2023);
    assert!(!diags.iter().any(|d| matches!(d.kind, DiagKind::BaselineDisagrees { .. })), "{diags:?}");
    let p = a.progress.iter().find(|p| p.id == "invention_per_10k").unwrap();
    assert!((p.baseline.unwrap() - 232.0937).abs() < 1e-3);
}

#[test]
fn a_derived_figure_among_the_plain_ones_is_checked_as_a_given_one() {
    // A dataset that holds 万人发明专利拥有量 among the figures read: 2024 cannot be
    // computed, 2025 can (18260 ÷ 53.58 = 340.8) and disagrees. Neither is taken as
    // read, nor replaced unseen.
    let cat = Catalog::builtin();
    let ds = dataset(&[
        ("invention_per_10k", 2024, 322.3),
        ("invention_per_10k", 2025, 350.0),
        ("invention_stock", 2025, 18260.0),
        ("population", 2025, 53.58),
    ]);
    let (a, diags) = analyse(&cat, &ds, 2025);
    assert_eq!(a.district_value("invention_per_10k", 2024), None);
    let f = a.values.get("invention_per_10k", "玄武区", 2025).unwrap();
    assert!((f.value - 340.799).abs() < 1e-3, "{f:?}");
    let kinds: Vec<&DiagKind> = diags.iter().map(|d| &d.kind).collect();
    assert_eq!(
        kinds,
        [
            &DiagKind::GivenNotComputable {
                indicator: "万人发明专利拥有量".into(),
                region: "玄武区".into(),
                year: 2024,
                value: "322.3".into(),
            },
            &DiagKind::GivenDisagrees {
                indicator: "万人发明专利拥有量".into(),
                region: "玄武区".into(),
                year: 2025,
                given: "350.0".into(),
                rule: "有效发明专利拥有量÷年末常住人口".into(),
                computed: "340.8".into(),
                inputs: vec![Place::cell("t.xlsx", "s", 1, 1), Place::cell("t.xlsx", "s", 1, 1)],
            },
        ]
    );
}

#[test]
fn a_given_figure_that_differs_below_the_printed_decimals_shows_the_difference() {
    // 17280 ÷ 53.62 = 322.27: a workbook's 322.34 is off by more than the rounding
    // of one decimal, yet both print 322.3.
    let cat = Catalog::builtin();
    let mut ds = dataset(&[("invention_stock", 2024, 17280.0), ("population", 2024, 53.62)]);
    ds.given.insert(
        ("invention_per_10k".into(), "玄武区".into(), 2024),
        Observation {
            indicator: "invention_per_10k".into(),
            region: "玄武区".into(),
            year: 2024,
            value: 322.34,
            unit: "件".into(),
            source: Place::cell("g.xlsx", "派生", 3, 2),
        },
    );
    let (_, diags) = analyse(&cat, &ds, 2024);
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.place.file_name() == "g.xlsx").collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    assert!(
        found[0]
            .message()
            .contains("工作簿给出 322.34，按“有效发明专利拥有量÷年末常住人口”计算为 322.27，两者不一致"),
        "{}",
        found[0]
    );
}
