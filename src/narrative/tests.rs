//! Table-driven tests of the wording at the edges.

use super::*;
use crate::analysis::analyse;
use crate::dataset::{Dataset, Observation};
use crate::diag::Place;

fn analysis(rows: &[(&str, i32, f64)], year: i32) -> (Catalog, Analysis) {
    let cat = Catalog::builtin();
    let mut d = Dataset::default();
    for &(id, y, v) in rows {
        d.observations.insert(
            (id.into(), "玄武区".into(), y),
            Observation {
                indicator: id.into(),
                region: "玄武区".into(),
                year: y,
                value: v,
                unit: String::new(),
                source: Place::cell("t.xlsx", "s", 0, 0),
            },
        );
    }
    let (a, _) = analyse(&cat, &d, year);
    (cat, a)
}

#[test]
fn change_phrases() {
    let cases = [
        (Change::Percent(7.14), "比上年增长7.1%"),
        (Change::Percent(-2.25), "比上年下降2.3%"),
        (Change::Percent(0.0), "与上年持平"),
        (Change::Percent(0.04), "与上年持平"),
        (Change::Percent(-0.04), "与上年持平"),
        (Change::Percent(0.05), "比上年增长0.1%"),
        (Change::Points(0.27), "比上年提高0.3个百分点"),
        (Change::Points(-0.8), "比上年降低0.8个百分点"),
        (Change::Points(0.0), "与上年持平"),
    ];
    for (change, want) in cases {
        assert_eq!(change_phrase(change), want, "{change:?}");
    }
}

#[test]
fn figure_clauses_at_the_edges() {
    // (rows, indicator, expected clause), each written from the rules: flows say
    // 全年 and their verb, stocks 年末 (累计 with a verb) and 比上年末, a count
    // on a base under 10 its difference, a percentage its 百分点; no targets.
    type Rows = &'static [(&'static str, i32, f64)];
    let cases: &[(Rows, &str, Option<&str>)] = &[
        (
            &[("patent_grants", 2024, 8340.0), ("patent_grants", 2025, 8710.0)],
            "patent_grants",
            Some("全年专利授权量8710件，比上年增长4.4%"),
        ),
        // Previous year missing: the figure without a change.
        (&[("patent_grants", 2025, 8710.0)], "patent_grants", Some("全年专利授权量8710件")),
        // A verb and its object.
        (
            &[("training_attendance", 2024, 1100.0), ("training_attendance", 2025, 1210.0)],
            "training_attendance",
            Some("全年开展知识产权培训1210人次，比上年增长10.0%"),
        ),
        (
            &[("license_contracts", 2024, 400.0), ("license_contracts", 2025, 410.0)],
            "license_contracts",
            Some("全年备案专利实施许可和转让合同410件，比上年增长2.5%"),
        ),
        // Previous year 0, a small base: the difference.
        (
            &[("admin_cases", 2024, 0.0), ("admin_cases", 2025, 54.0)],
            "admin_cases",
            Some("全年办理知识产权行政执法案件54件，比上年增加54件"),
        ),
        // 3 → 2 is not −33.3%: 减少1个, against the previous year-end.
        (
            &[("genuine_goods_blocks", 2024, 3.0), ("genuine_goods_blocks", 2025, 2.0)],
            "genuine_goods_blocks",
            Some("累计建成省级“正版正货”示范街区2个，比上年末减少1个"),
        ),
        // 1 → 0 is not −100%.
        (
            &[("standard_firms_year", 2024, 1.0), ("standard_firms_year", 2025, 0.0)],
            "standard_firms_year",
            Some("全年新增贯标认证通过企业0家，比上年减少1家"),
        ),
        (
            &[("public_platforms", 2024, 5.0), ("public_platforms", 2025, 5.0)],
            "public_platforms",
            Some("累计建成知识产权公共服务平台5个，与上年末持平"),
        ),
        // A base of exactly 10 takes a rate.
        (
            &[("hq_service_firms_year", 2024, 10.0), ("hq_service_firms_year", 2025, 12.0)],
            "hq_service_firms_year",
            Some("全年引进高端知识产权服务机构12家，比上年增长20.0%"),
        ),
        // Negative growth.
        (
            &[("admin_cases", 2024, 57.0), ("admin_cases", 2025, 54.0)],
            "admin_cases",
            Some("全年办理知识产权行政执法案件54件，比上年下降5.3%"),
        ),
        // Exactly equal.
        (
            &[("admin_cases", 2024, 54.0), ("admin_cases", 2025, 54.0)],
            "admin_cases",
            Some("全年办理知识产权行政执法案件54件，与上年持平"),
        ),
        // A stock whose growth rounds to 0.0%.
        (
            &[("tm_stock", 2024, 48500.0), ("tm_stock", 2025, 48510.0)],
            "tm_stock",
            Some("年末有效注册商标量48510件，与上年末持平"),
        ),
        (
            &[("invention_stock", 2024, 17280.0), ("invention_stock", 2025, 18260.0)],
            "invention_stock",
            Some("年末有效发明专利拥有量18260件，比上年末增长5.7%"),
        ),
        // Point change for a % indicator; the target is not stated here.
        (
            &[("copyright_industry_share", 2024, 8.2), ("copyright_industry_share", 2025, 8.4)],
            "copyright_industry_share",
            Some("版权产业增加值占GDP比重为8.4%，比上年提高0.2个百分点"),
        ),
        // Missing figure: no clause at all.
        (&[("patent_grants", 2024, 8340.0)], "patent_grants", None),
    ];
    for (rows, id, want) in cases {
        let (cat, a) = analysis(rows, 2025);
        let got = figure_clause(&a, cat.get(id).unwrap());
        assert_eq!(got.as_deref(), *want, "{rows:?}");
    }
}

#[test]
fn target_statements() {
    // (rows, year, indicator, statement, average)
    type Rows = &'static [(&'static str, i32, f64)];
    let cases: &[(Rows, i32, &str, &str, Option<&str>)] = &[
        (&[("invention_10y", 2023, 2900.0)], 2023, "invention_10y", "超过规划目标（2800件）", None),
        (
            &[("invention_stock", 2020, 12482.0), ("invention_stock", 2025, 18260.0)],
            2025,
            "invention_stock",
            "超过规划目标（18000件）",
            Some("年均增长7.9%"),
        ),
        (&[("invention_stock", 2025, 18000.0)], 2025, "invention_stock", "达到规划目标（18000件）", None),
        // A strict target met exactly is not met.
        (
            &[("invention_10y", 2025, 2800.0)],
            2025,
            "invention_10y",
            "与规划目标（2800件）持平，尚未超过",
            None,
        ),
        (&[("service_revenue", 2025, 4.98)], 2025, "service_revenue", "完成规划目标的99.6%", None),
        // Percentages: the gap in 百分点, never a ratio of ratios.
        (
            &[("copyright_industry_share", 2020, 7.5), ("copyright_industry_share", 2025, 8.4)],
            2025,
            "copyright_industry_share",
            "距目标尚差0.2个百分点",
            Some("年均提高0.2个百分点"),
        ),
        (
            &[("copyright_industry_share", 2025, 8.9)],
            2025,
            "copyright_industry_share",
            "超过目标0.3个百分点",
            None,
        ),
        (&[("protection_satisfaction", 2025, 85.0)], 2025, "protection_satisfaction", "达到目标", None),
    ];
    for (rows, year, id, want, average) in cases {
        let (cat, a) = analysis(rows, *year);
        let ind = cat.get(id).unwrap();
        let p = a.progress.iter().find(|p| p.id == *id).unwrap();
        assert_eq!(target_statement(ind, p).unwrap(), *want, "{rows:?}");
        assert_eq!(targets::average_phrase(ind, p).as_deref(), *average, "{rows:?}");
    }
}

#[test]
fn pairs_share_their_object_and_verb_only_when_they_agree() {
    let both_up = [
        ("civil_cases_accepted", 2024, 668.0),
        ("civil_cases_accepted", 2025, 702.0),
        ("civil_cases_closed", 2024, 676.0),
        ("civil_cases_closed", 2025, 698.0),
    ];
    let (cat, a) = analysis(&both_up, 2025);
    let (x, y) = (cat.get("civil_cases_accepted").unwrap(), cat.get("civil_cases_closed").unwrap());
    assert_eq!(
        pair_clause(&a, x, y).unwrap(),
        "全年受理知识产权民事案件702件、审结698件，分别增长5.1%和3.3%"
    );
    let mixed = [
        ("civil_cases_accepted", 2024, 668.0),
        ("civil_cases_accepted", 2025, 702.0),
        ("civil_cases_closed", 2024, 700.0),
        ("civil_cases_closed", 2025, 698.0),
    ];
    let (_, a) = analysis(&mixed, 2025);
    assert_eq!(
        pair_clause(&a, x, y).unwrap(),
        "全年受理知识产权民事案件702件，比上年增长5.1%；审结698件，比上年下降0.3%"
    );
    let flat = [
        ("civil_cases_accepted", 2024, 700.0),
        ("civil_cases_accepted", 2025, 700.0),
        ("civil_cases_closed", 2024, 698.0),
        ("civil_cases_closed", 2025, 698.0),
    ];
    let (_, a) = analysis(&flat, 2025);
    assert_eq!(pair_clause(&a, x, y).unwrap(), "全年受理知识产权民事案件700件、审结698件，均与上年持平");
}

#[test]
fn opening_states_the_place_the_count_and_each_gap() {
    let (cat, a) = analysis(&[("invention_stock", 2025, 18260.0), ("madrid_marks", 2025, 88.0)], 2025);
    assert_eq!(
        opening(&cat, &a).unwrap(),
        "2025年是“十四五”规划的收官之年。《南京市玄武区“十四五”知识产权发展规划》确定的22项主要指标中，有2025年数据的2项，1项完成规划目标，1项未完成：年末马德里商标有效注册量88件，完成规划目标的97.8%。另有20项缺少2025年数据，未评价完成情况。"
    );
    // Inside the plan: 2023 is its third year.
    let (cat, a) = analysis(&[("invention_stock", 2020, 12482.0), ("invention_stock", 2023, 15700.0)], 2023);
    assert_eq!(
        opening(&cat, &a).unwrap(),
        "2023年是“十四五”规划实施的第三年。《南京市玄武区“十四五”知识产权发展规划》确定的22项主要指标中，有2023年数据的1项，1项慢于序时进度。另有21项缺少2023年数据，未评价完成情况。"
    );
}

#[test]
fn feature_rules() {
    let rows = [
        ("patent_grants", 2024, 8340.0),
        ("patent_grants", 2025, 8710.0),
        ("invention_grants", 2024, 3980.0),
        ("invention_grants", 2025, 4720.0),
        ("tm_stock", 2021, 40000.0),
        ("tm_stock", 2022, 42000.0),
        ("tm_stock", 2023, 44000.0),
        ("tm_stock", 2024, 46000.0),
        ("tm_stock", 2025, 48000.0),
        ("training_attendance", 2024, 1000.0),
        ("training_attendance", 2025, 900.0),
    ];
    let (cat, a) = analysis(&rows, 2025);
    // 3980 ÷ 8340 = 47.7%; 4720 ÷ 8710 = 54.2%.
    assert_eq!(
        features::structure(&cat, &a).unwrap(),
        "发明专利授权量占专利授权量的比重由上年的47.7%提高到54.2%"
    );
    // 4720 ÷ 3980 − 1 = 18.6% the fastest; 900 ÷ 1000 − 1 = −10.0% the largest fall.
    assert_eq!(
        features::extremes(&cat, &a).unwrap(),
        "从增长速度看，发明专利授权量增长最快，增长18.6%，知识产权培训人次降幅最大，下降10.0%"
    );
    assert_eq!(features::run(&cat, &a).unwrap(), "有效注册商标量连续4年增长");
    assert_eq!(
        features::paragraph(&cat, &a).unwrap(),
        "一是发明专利授权量占专利授权量的比重由上年的47.7%提高到54.2%；二是从增长速度看，发明专利授权量增长最快，增长18.6%，知识产权培训人次降幅最大，下降10.0%；三是有效注册商标量连续4年增长。"
    );
    // Ties at the printed rate are named together; a rate that prints as 0.0 is
    // flat, never the largest fall.
    let flat = [
        ("criminal_cases_accepted", 2024, 13.0),
        ("criminal_cases_accepted", 2025, 12.0),
        ("criminal_cases_closed", 2024, 13.0),
        ("criminal_cases_closed", 2025, 12.0),
        ("tm_firms", 2024, 1000.0),
        ("tm_firms", 2025, 1000.0004),
        ("tm_stock", 2024, 46000.0),
        ("tm_stock", 2025, 47000.0),
    ];
    let (cat, a) = analysis(&flat[4..], 2025);
    assert_eq!(
        features::extremes(&cat, &a).unwrap(),
        "从增长速度看，有效注册商标量增长最快，增长2.2%，拥有有效注册商标企业数与上年持平"
    );
    let (cat, a) = analysis(&flat, 2025);
    assert_eq!(
        features::extremes(&cat, &a).unwrap(),
        "从增长速度看，有效注册商标量增长最快，增长2.2%，知识产权刑事案件受理数和知识产权刑事案件结案数降幅最大，均下降7.7%"
    );
    let (cat, a) = analysis(&flat[..4], 2025);
    assert_eq!(features::extremes(&cat, &a), None, "all tied: no superlative");
    // A name with 和 in it is one indicator: no 均.
    let one = [
        ("license_contracts", 2024, 505.0),
        ("license_contracts", 2025, 548.0),
        ("tm_stock", 2024, 46000.0),
        ("tm_stock", 2025, 47000.0),
    ];
    let (cat, a) = analysis(&one, 2025);
    assert_eq!(
        features::extremes(&cat, &a).unwrap(),
        "从增长速度看，专利实施许可和转让合同备案数增长最快，增长8.5%，有效注册商标量增长最慢，增长2.2%"
    );
}
