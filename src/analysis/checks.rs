//! Consistency checks of the data, each a warning that gives places:
//!
//! - parts against their total (发明 + 实用新型 + 外观设计 = 专利授权量; the streets
//!   against the district);
//! - a year-end stock that falls (IP stocks; not the base data such as population);
//! - a change on the previous year beyond a bound (default ±50%), for figures of
//!   at least 20 (a count going from 2 to 4 is no anomaly);
//! - a gap inside a series;
//! - a main indicator with no value for the report year.
//!
//! They are printed by `yearbook check` and listed in the PDF's 数据质量说明.

use crate::catalog::{Catalog, Indicator, Kind, Role};
use crate::dataset::agrees;
use crate::diag::{Diagnostic, Direction, Kind as DiagKind, Level, Place};
use crate::format;

use super::{Analysis, Figure, Origin};

/// Figures below this on both sides of a change are too small for its rate to mean
/// anything.
pub const MIN_FOR_CHANGE: f64 = 20.0;

/// Settings of the checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The largest plausible change on the previous year, in % either way.
    pub change: f64,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds { change: 50.0 }
    }
}

fn place_of(f: &Figure) -> Place {
    match &f.origin {
        Origin::Cell(p) => p.clone(),
        Origin::Rule(r) => Place::rule(r),
    }
}

fn place_text(f: &Figure) -> String {
    match &f.origin {
        Origin::Cell(p) => p.to_string(),
        Origin::Rule(r) => format!("按“{r}”计算"),
    }
}

/// The largest difference that rounding alone explains: none for whole counts; for
/// figures with decimals, half a unit in the last printed decimal per part.
fn rounding_slack(ind: &Indicator, parts: usize) -> f64 {
    match format::decimals(ind) {
        0 => 1e-9,
        d => 0.5 * 10f64.powi(-(d as i32)) * parts as f64 + 1e-9,
    }
}

/// A change in % beyond the bound, with one decimal, or as many more as it takes
/// to show it beyond (50.04 against 50: “50.04”, never “50.0”).
fn beyond(percent: f64, bound: f64) -> String {
    (1..=15)
        .map(|k| format::round(percent, k))
        .find(|p| p.parse::<f64>().is_ok_and(|p| p > bound))
        .unwrap_or_else(|| format!("{percent}"))
}

/// What the checks looked at: for each check, the indicators (by id, in
/// catalogue order) it found something to compare for, so that the 数据质量说明
/// states exactly what was covered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// The years of the district's figures, first and last.
    pub years: Option<(i32, i32)>,
    /// Totals whose parts all had a figure in some year.
    pub parts: Vec<String>,
    /// Indicators for which every street had a figure in some year.
    pub streets: Vec<String>,
    /// The years in which every street had a figure of some indicator.
    pub street_years: Vec<i32>,
    /// Year-end stocks (not percentages, not base data) with two consecutive years.
    pub stocks: Vec<String>,
    /// Series with two consecutive years compared against the change bound.
    pub changes: Vec<String>,
    /// Series read from workbooks, looked at for gaps.
    pub series: Vec<String>,
    /// The main indicators of the plan in force.
    pub main: usize,
    /// The bound on the change used.
    pub bound: f64,
}

/// The checks' findings and what they covered.
#[derive(Debug, Clone, Default)]
pub struct Checks {
    pub findings: Vec<Diagnostic>,
    pub coverage: Coverage,
}

fn note(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|i| i == id) {
        list.push(id.to_string());
    }
}

/// Runs every check over the district's and the streets' figures.
pub fn run(catalog: &Catalog, analysis: &Analysis, bounds: Bounds) -> Checks {
    let mut out = Vec::new();
    let mut cov = Coverage { bound: bounds.change, main: analysis.progress.len(), ..Coverage::default() };
    let district = &analysis.district;
    let years: Vec<i32> = {
        // The years the book covers: figures after the report year are not its.
        let mut y: Vec<i32> =
            analysis.values.iter().map(|(k, _)| k.2).filter(|y| *y <= analysis.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    cov.years = years.first().zip(years.last()).map(|(a, b)| (*a, *b));
    for ind in &catalog.indicators {
        // Parts against the total.
        if !ind.parts.is_empty() {
            for &y in &years {
                let Some(total) = analysis.values.get(&ind.id, district, y) else { continue };
                let parts: Option<Vec<&Figure>> =
                    ind.parts.iter().map(|p| analysis.values.get(p, district, y)).collect();
                let Some(parts) = parts else { continue };
                note(&mut cov.parts, &ind.id);
                let sum: f64 = parts.iter().map(|f| f.value).sum();
                if (sum - total.value).abs() > rounding_slack(ind, parts.len()) {
                    let names: Vec<String> =
                        ind.parts.iter().filter_map(|p| catalog.get(p)).map(|p| p.name.clone()).collect();
                    let (sum, total_shown) = format::distinct(ind, sum, total.value);
                    out.push(Diagnostic::new(
                        Level::Warning,
                        place_of(total),
                        DiagKind::PartsDisagree {
                            year: y,
                            parts: names,
                            sum,
                            indicator: ind.name.clone(),
                            total: total_shown,
                            places: parts.iter().map(|f| place_text(f)).collect(),
                        },
                    ));
                }
            }
        }
        // Streets against the district: only when every street has a figure.
        if ind.derive.is_none() {
            for &y in &years {
                let Some(total) = analysis.values.get(&ind.id, district, y) else { continue };
                let streets: Option<Vec<&Figure>> =
                    catalog.streets().map(|s| analysis.values.get(&ind.id, &s.name, y)).collect();
                let Some(streets) = streets else { continue };
                note(&mut cov.streets, &ind.id);
                if !cov.street_years.contains(&y) {
                    cov.street_years.push(y);
                }
                let sum: f64 = streets.iter().map(|f| f.value).sum();
                if (sum - total.value).abs() > rounding_slack(ind, streets.len()) {
                    let place = place_of(total);
                    let (sum, total) = format::distinct(ind, sum, total.value);
                    out.push(Diagnostic::new(
                        Level::Warning,
                        place,
                        DiagKind::StreetsDisagree { year: y, indicator: ind.name.clone(), sum, total },
                    ));
                }
            }
        }
        // The remaining checks look at series read from workbooks.
        if ind.derive.is_some() {
            continue;
        }
        let series: Vec<(i32, &Figure)> =
            years.iter().filter_map(|&y| analysis.values.get(&ind.id, district, y).map(|f| (y, f))).collect();
        if series.len() >= 2 {
            note(&mut cov.series, &ind.id);
        }
        let stock = ind.kind == Kind::Stock && catalog.role_of(ind) == Role::Ip && !ind.is_percent();
        for w in series.windows(2) {
            let ((y0, f0), (y1, f1)) = (w[0], w[1]);
            if y1 == y0 + 1 {
                if stock {
                    note(&mut cov.stocks, &ind.id);
                }
                if !ind.is_percent() && f0.value > 0.0 && f0.value.max(f1.value) >= MIN_FOR_CHANGE {
                    note(&mut cov.changes, &ind.id);
                }
            }
            if y1 != y0 + 1 {
                // A gap inside the series.
                out.push(Diagnostic::new(
                    Level::Warning,
                    place_of(f1),
                    DiagKind::SeriesGap { indicator: ind.name.clone(), missing: (y0 + 1..y1).collect() },
                ));
                continue;
            }
            // A year-end stock that falls (not ratios, which may fall with their base).
            // A fall within binary noise (12482.000000000002 to 12482) is none.
            if stock && f1.value < f0.value && !agrees(f0.value, f1.value) {
                let (value, previous_value) = format::distinct(ind, f1.value, f0.value);
                out.push(Diagnostic::new(
                    Level::Warning,
                    place_of(f1),
                    DiagKind::StockFell {
                        indicator: ind.name.clone(),
                        year: y1,
                        value,
                        previous_year: y0,
                        previous_value,
                        previous_place: place_of(f0),
                    },
                ));
            }
            // An implausible change.
            if !ind.is_percent() && f0.value > 0.0 && f0.value.max(f1.value) >= MIN_FOR_CHANGE {
                let change = (f1.value / f0.value - 1.0) * 100.0;
                if change.abs() > bounds.change {
                    out.push(Diagnostic::new(
                        Level::Warning,
                        place_of(f1),
                        DiagKind::ImplausibleChange {
                            indicator: ind.name.clone(),
                            year: y1,
                            value: format::value(ind, Some(f1.value)),
                            direction: if change > 0.0 { Direction::Rise } else { Direction::Fall },
                            percent: beyond(change.abs(), bounds.change),
                            bound: format::cell(bounds.change),
                            previous_year: y0,
                            previous_place: place_of(f0),
                        },
                    ));
                }
            }
        }
    }
    for p in analysis.progress.iter().filter(|p| p.value.is_none()) {
        if let Some(ind) = catalog.get(&p.id) {
            out.push(Diagnostic::new(
                Level::Warning,
                Place::none(),
                DiagKind::MainIndicatorMissing { indicator: ind.name.clone(), year: analysis.year },
            ));
        }
    }
    cov.street_years.sort_unstable();
    Checks { findings: out, coverage: cov }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::dataset::{Dataset, Observation};

    fn ds(rows: &[(&str, &str, i32, f64)]) -> Dataset {
        let mut d = Dataset::default();
        for (i, &(id, region, year, value)) in rows.iter().enumerate() {
            d.observations.insert(
                (id.into(), region.into(), year),
                Observation {
                    indicator: id.into(),
                    region: region.into(),
                    year,
                    value,
                    unit: String::new(),
                    source: Place::cell("t.xlsx", "s", i as u32, 1),
                },
            );
        }
        d
    }

    fn messages(rows: &[(&str, &str, i32, f64)]) -> Vec<String> {
        let cat = Catalog::builtin();
        let (a, _) = analyse(&cat, &ds(rows), 2025);
        run(&cat, &a, Bounds::default())
            .findings
            .into_iter()
            .filter(|d| !d.place.is_none())
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn parts_must_add_up() {
        let m = messages(&[
            ("patent_grants", "玄武区", 2025, 8710.0),
            ("invention_grants", "玄武区", 2025, 4720.0),
            ("utility_grants", "玄武区", 2025, 3350.0),
            ("design_grants", "玄武区", 2025, 630.0),
        ]);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("警告：t.xlsx，工作表“s”，单元格 B1：2025年发明专利授权量、实用新型专利授权量、外观设计专利授权量之和为 8700，与专利授权量 8710 不一致（分项位于 t.xlsx，工作表“s”，单元格 B2；"), "{}", m[0]);
    }

    #[test]
    fn falling_stock_big_change_and_gap() {
        let m = messages(&[
            ("invention_stock", "玄武区", 2022, 15420.0),
            ("invention_stock", "玄武区", 2023, 15000.0),
            ("invention_stock", "玄武区", 2025, 16000.0),
            ("admin_cases", "玄武区", 2024, 57.0),
            ("admin_cases", "玄武区", 2025, 120.0),
        ]);
        assert_eq!(m.len(), 3, "{m:#?}");
        assert!(m[0].contains("期末数“有效发明专利拥有量”2023年为 15000，低于2022年的 15420"), "{}", m[0]);
        assert!(m[1].contains("“有效发明专利拥有量”缺少2024年的数据，序列中断"), "{}", m[1]);
        assert!(
            m[2].contains("“知识产权行政执法案件数”2025年为 120，比上年增长110.5%，超出±50%的核查范围"),
            "{}",
            m[2]
        );
    }

    #[test]
    fn falling_stock_and_big_change_have_their_kinds() {
        let cat = Catalog::builtin();
        let rows = [
            ("invention_stock", "玄武区", 2024, 15420.0),
            ("invention_stock", "玄武区", 2025, 15000.0),
            ("admin_cases", "玄武区", 2024, 120.0),
            ("admin_cases", "玄武区", 2025, 57.0),
        ];
        let (a, _) = analyse(&cat, &ds(&rows), 2025);
        let kinds: Vec<DiagKind> = run(&cat, &a, Bounds { change: 40.0 })
            .findings
            .into_iter()
            .filter(|d| !d.place.is_none())
            .map(|d| d.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                DiagKind::StockFell {
                    indicator: "有效发明专利拥有量".into(),
                    year: 2025,
                    value: "15000".into(),
                    previous_year: 2024,
                    previous_value: "15420".into(),
                    previous_place: Place::cell("t.xlsx", "s", 0, 1),
                },
                DiagKind::ImplausibleChange {
                    indicator: "知识产权行政执法案件数".into(),
                    year: 2025,
                    value: "57".into(),
                    direction: Direction::Fall,
                    percent: "52.5".into(),
                    bound: "40".into(),
                    previous_year: 2024,
                    previous_place: Place::cell("t.xlsx", "s", 2, 1),
                },
            ]
        );
    }

    #[test]
    fn a_change_just_beyond_the_bound_prints_beyond_it() {
        let cat = Catalog::builtin();
        let rows = [("admin_cases", "玄武区", 2024, 10000.0), ("admin_cases", "玄武区", 2025, 15004.0)];
        let (a, _) = analyse(&cat, &ds(&rows), 2025);
        let found = run(&cat, &a, Bounds::default()).findings;
        let found: Vec<String> = found.iter().filter(|d| !d.place.is_none()).map(|d| d.message()).collect();
        assert_eq!(found, ["“知识产权行政执法案件数”2025年为 15004，比上年增长50.04%，超出±50%的核查范围"]);
        let found = run(&cat, &a, Bounds { change: 37.5 }).findings;
        assert!(found.iter().any(|d| d.message().ends_with("比上年增长50.0%，超出±37.5%的核查范围")));
    }

    #[test]
    fn streets_must_add_up_to_the_district() {
        let mut rows = vec![("patent_grants", "玄武区", 2025, 700.0)];
        for s in
            ["梅园新村街道", "新街口街道", "玄武门街道", "锁金村街道", "红山街道", "孝陵卫街道", "玄武湖街道"]
        {
            rows.push(("patent_grants", s, 2025, 100.0));
        }
        assert!(messages(&rows).is_empty());
        rows[1].3 = 101.0;
        let m = messages(&rows);
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("2025年各街道“专利授权量”之和为 701，与全区 700 不一致"), "{}", m[0]);
    }

    #[test]
    fn figures_that_differ_below_the_printed_decimals_print_their_difference() {
        let mut rows = vec![("patent_grants", "玄武区", 2025, 700.0)];
        for s in
            ["梅园新村街道", "新街口街道", "玄武门街道", "锁金村街道", "红山街道", "孝陵卫街道", "玄武湖街道"]
        {
            rows.push(("patent_grants", s, 2025, 100.0));
        }
        rows[1].3 = 100.4;
        // A stock that falls by binary noise has not fallen; one that falls by less
        // than the printed unit has, and says by how much.
        rows.push(("invention_stock", "玄武区", 2023, 12482.000000000002));
        rows.push(("invention_stock", "玄武区", 2024, 12482.0));
        rows.push(("invention_stock", "玄武区", 2025, 12481.6));
        let m = messages(&rows);
        assert_eq!(m.len(), 2, "{m:#?}");
        assert!(
            m[0].contains("期末数“有效发明专利拥有量”2025年为 12481.6，低于2024年的 12482.0"),
            "{}",
            m[0]
        );
        assert!(m[1].contains("2025年各街道“专利授权量”之和为 700.4，与全区 700.0 不一致"), "{}", m[1]);
    }

    #[test]
    fn missing_main_indicator_is_reported() {
        let cat = Catalog::builtin();
        let (a, _) = analyse(&cat, &ds(&[("patent_grants", "玄武区", 2025, 1.0)]), 2025);
        let all = run(&cat, &a, Bounds::default()).findings;
        assert_eq!(all.iter().filter(|d| d.place.is_none()).count(), 22);
        assert_eq!(all[0].message(), "主要指标“万人高价值发明专利数”缺少2025年的数值，无法计算完成情况");
        assert_eq!(
            all[0].kind,
            DiagKind::MainIndicatorMissing { indicator: "万人高价值发明专利数".into(), year: 2025 }
        );
    }
}
