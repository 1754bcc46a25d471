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
    // (rows, indicator, expected clause)
    type Rows = &'static [(&'static str, i32, f64)];
    let cases: &[(Rows, &str, Option<&str>)] = &[
        (
            &[("patent_grants", 2024, 8340.0), ("patent_grants", 2025, 8710.0)],
            "patent_grants",
            Some("全年专利授权量8710件，比上年增长4.4%"),
        ),
        // Previous year missing: the figure without a change.
        (&[("patent_grants", 2025, 8710.0)], "patent_grants", Some("全年专利授权量8710件")),
        // Previous year 0: no growth rate can be computed.
        (
            &[("admin_cases", 2024, 0.0), ("admin_cases", 2025, 54.0)],
            "admin_cases",
            Some("全年知识产权行政执法案件数54件"),
        ),
        // Negative growth.
        (
            &[("admin_cases", 2024, 57.0), ("admin_cases", 2025, 54.0)],
            "admin_cases",
            Some("全年知识产权行政执法案件数54件，比上年下降5.3%"),
        ),
        // Exactly equal.
        (
            &[("admin_cases", 2024, 54.0), ("admin_cases", 2025, 54.0)],
            "admin_cases",
            Some("全年知识产权行政执法案件数54件，与上年持平"),
        ),
        // A growth that rounds to 0.0%.
        (
            &[("tm_stock", 2024, 48500.0), ("tm_stock", 2025, 48510.0)],
            "tm_stock",
            Some("年末有效注册商标量48510件，与上年持平"),
        ),
        // Point change for a % indicator.
        (
            &[("copyright_industry_share", 2024, 8.2), ("copyright_industry_share", 2025, 8.4)],
            "copyright_industry_share",
            Some("版权产业增加值占GDP比重为8.4%，比上年提高0.2个百分点，完成“十四五”目标的97.7%"),
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
fn progress_words() {
    // Met before the end of the period: 提前完成.
    let (cat, a) = analysis(&[("invention_10y", 2023, 2900.0)], 2023);
    assert_eq!(
        progress_phrase(&a, cat.get("invention_10y").unwrap()).unwrap(),
        "完成“十四五”目标的103.6%，提前完成"
    );
    // Met at the end, above target: 超额完成; exactly: 如期完成.
    let (cat, a) = analysis(&[("invention_stock", 2025, 18260.0)], 2025);
    assert_eq!(
        progress_phrase(&a, cat.get("invention_stock").unwrap()).unwrap(),
        "完成“十四五”目标的101.4%，超额完成"
    );
    let (cat, a) = analysis(&[("invention_stock", 2025, 18000.0)], 2025);
    assert_eq!(
        progress_phrase(&a, cat.get("invention_stock").unwrap()).unwrap(),
        "完成“十四五”目标的100.0%，如期完成"
    );
    // A strict target met exactly is not met.
    let (cat, a) = analysis(&[("invention_10y", 2025, 2800.0)], 2025);
    assert_eq!(progress_phrase(&a, cat.get("invention_10y").unwrap()).unwrap(), "完成“十四五”目标的100.0%");
    // 2023 is 60% of the period: 16000 covers (16000−12482)/(18000−12482) = 63.8%.
    let (cat, a) = analysis(&[("invention_stock", 2020, 12482.0), ("invention_stock", 2023, 16000.0)], 2023);
    assert_eq!(
        progress_phrase(&a, cat.get("invention_stock").unwrap()).unwrap(),
        "完成“十四五”目标的88.9%，快于序时进度"
    );
    let (cat, a) = analysis(&[("invention_stock", 2020, 12482.0), ("invention_stock", 2023, 15700.0)], 2023);
    assert_eq!(
        progress_phrase(&a, cat.get("invention_stock").unwrap()).unwrap(),
        "完成“十四五”目标的87.2%，慢于序时进度"
    );
}

#[test]
fn pairs_share_their_verb_only_when_they_agree() {
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
        "全年知识产权民事案件受理数和知识产权民事案件结案数分别为702件和698件，分别增长5.1%和3.3%"
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
        "全年知识产权民事案件受理数和知识产权民事案件结案数分别为702件和698件，知识产权民事案件受理数比上年增长5.1%，知识产权民事案件结案数比上年下降0.3%"
    );
    let flat = [
        ("civil_cases_accepted", 2024, 700.0),
        ("civil_cases_accepted", 2025, 700.0),
        ("civil_cases_closed", 2024, 698.0),
        ("civil_cases_closed", 2025, 698.0),
    ];
    let (_, a) = analysis(&flat, 2025);
    assert!(pair_clause(&a, x, y).unwrap().ends_with("均与上年持平"));
}

#[test]
fn overview_counts_by_status() {
    let (cat, a) = analysis(&[("invention_stock", 2025, 18260.0), ("madrid_marks", 2025, 88.0)], 2025);
    assert_eq!(
        overview(&cat, &a).unwrap(),
        "《南京市玄武区“十四五”知识产权发展规划》确定主要指标22项。2025年，有数据的2项指标中，1项达到2025年目标，未达到目标的有马德里商标有效注册量（完成目标的97.8%）。万人高价值发明专利数、万人发明专利拥有量、维持10年以上有效发明专利数、万人一般作品和软件著作权登记量、新增省市级高价值专利培育示范中心、版权产业增加值占GDP比重、知识产权质押融资总额、知识产权交易额、省级“正版正货”示范街区、知识产权保护社会满意度、万企拥有有效注册商标企业数、国家知识产权试点示范园区、新增市级以上知识产权优势示范企业、新增贯标认证通过企业数、引进高端知识产权服务机构、知识产权公共服务平台、知识产权服务机构从业人员数、知识产权服务机构主营业务收入、新增知识产权高层次人才、累计培训知识产权各类人员缺少2025年数据，未计算完成情况。"
    );
}
