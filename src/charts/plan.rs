//! Which charts the report has, drawn from the analysis: for each category the
//! charted indicators over the last ten years with their growth, the progress of
//! the category's first main indicator towards its target (when the report year is
//! one of a plan's), the composition of a
//! charted total that has parts; and the ranking of streets.
//!
//! Rules on what is not charted, so that the figure numbers stay consecutive:
//! a count (件, 家, 个…) under 10 in every year has no chart (a few units a year
//! read better in the table and the text); a composition is drawn only for the
//! years that have every part, and not at all without two such years. Breaks in
//! a series come from the catalogue (`breaks`), its own or those of the
//! indicators it is derived from.

use anyhow::Result;

use super::{
    BarGrowth, Break, Chart, Composition, Ranking, TargetBars, bar_growth, composition, is_count, ranking,
    target_bars,
};
use crate::analysis::Analysis;
use crate::catalog::{Catalog, Derive, Indicator, Kind, PlanIndicator, PlanYear, SeriesBreak};
use crate::format;

/// A count under this in every year gets no chart.
pub const SMALL_COUNT: f64 = 10.0;

/// Whether the figures are counts of a few things a year: a count unit, not a
/// ratio (万人…件 is a rate), and every figure under [`SMALL_COUNT`].
fn small_counts(ind: &Indicator, values: &[Option<f64>]) -> bool {
    !matches!(ind.derive, Some(Derive::Ratio { .. }))
        && is_count(&ind.unit)
        && values.iter().flatten().all(|v| v.abs() < SMALL_COUNT)
}

/// The breaks of an indicator's series: its own and those of the indicators it
/// is computed from (万人发明专利拥有量 has the population's).
fn series_breaks(catalog: &Catalog, ind: &Indicator) -> Vec<SeriesBreak> {
    fn collect(catalog: &Catalog, ind: &Indicator, depth: u8, out: &mut Vec<SeriesBreak>) {
        for b in &ind.breaks {
            if !out.iter().any(|o| o.year == b.year) {
                out.push(b.clone());
            }
        }
        let inputs: Vec<&String> = match &ind.derive {
            Some(Derive::Ratio { num, den, .. }) => num.iter().chain(std::iter::once(den)).collect(),
            Some(Derive::Cumsum { of }) => vec![of],
            None => Vec::new(),
        };
        for id in inputs {
            if let Some(input) = catalog.get(id).filter(|_| depth < 4) {
                collect(catalog, input, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    collect(catalog, ind, 0, &mut out);
    out.sort_by_key(|b| b.year);
    out
}

/// The breaks that fall between two of the years shown.
fn breaks_within(breaks: &[SeriesBreak], years: &[i32]) -> Vec<Break> {
    breaks
        .iter()
        .filter_map(|b| {
            let at = years.iter().position(|y| *y == b.year).filter(|at| *at > 0)?;
            Some(Break { at, reason: b.reason.clone() })
        })
        .collect()
}

/// The id of a category chapter's chart of an indicator.
pub fn chart_id(indicator: &str) -> String {
    format!("trend-{indicator}")
}

/// The id of the street ranking chart.
pub const STREET_RANKING: &str = "streets-ranking";

/// The indicator ranked across streets: the first of the catalogue's
/// `street-ranking` that the streets have, else the first indicator with street
/// figures for the year.
pub fn street_ranking_indicator<'a>(catalog: &'a Catalog, analysis: &Analysis) -> Option<&'a Indicator> {
    let has =
        |id: &str| catalog.streets().any(|s| analysis.values.value(id, &s.name, analysis.year).is_some());
    catalog
        .street_ranking
        .iter()
        .filter_map(|id| catalog.get(id))
        .find(|i| has(&i.id))
        .or_else(|| catalog.indicators.iter().find(|i| has(&i.id)))
}

/// The years from the first with a figure among the last ten, to the report year.
fn years_with_data(analysis: &Analysis, ids: &[&str], from: i32) -> Option<Vec<i32>> {
    let first =
        (from..=analysis.year).find(|y| ids.iter().any(|id| analysis.district_value(id, *y).is_some()))?;
    let years: Vec<i32> = (first..=analysis.year).collect();
    (years.len() >= 2).then_some(years)
}

fn trend(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<Spec> {
    let years = years_with_data(analysis, &[&ind.id], analysis.year - 9)?;
    let values: Vec<Option<f64>> = years.iter().map(|y| analysis.district_value(&ind.id, *y)).collect();
    if small_counts(ind, &values) {
        return None;
    }
    let breaks = breaks_within(&series_breaks(catalog, ind), &years);
    let growth = years
        .iter()
        .map(|y| match analysis.change(ind, &analysis.district, *y) {
            // A change on a small base is a difference, not a rate: no point.
            Some(crate::analysis::Change::Count(_)) | None => None,
            // A rate across a break compares two bases: no point.
            Some(_) if breaks.iter().any(|b| years[b.at] == *y) => None,
            Some(c) => Some(c.amount()),
        })
        .collect();
    let spec = BarGrowth {
        id: chart_id(&ind.id),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        labels: years.iter().map(|y| format!("{y}年")).collect(),
        printed: values.iter().map(|v| format::value(ind, *v)).collect(),
        values,
        growth,
        points: ind.is_percent(),
        breaks,
    };
    Some(Spec::Bars(spec))
}

fn target(
    catalog: &Catalog,
    analysis: &Analysis,
    plan: &PlanYear,
    ind: &Indicator,
    main: &PlanIndicator,
) -> Option<Spec> {
    let t = main.target?;
    // A period total from its first year; a stock from the baseline year.
    let from = if ind.kind == Kind::Cumulative { plan.plan.start } else { plan.plan.baseline_year };
    let years: Vec<i32> = (from..=analysis.year).collect();
    let values: Vec<Option<f64>> = years.iter().map(|y| analysis.district_value(&ind.id, *y)).collect();
    if values.iter().flatten().count() < 2 || small_counts(ind, &values) {
        return None;
    }
    let spec = TargetBars {
        id: format!("target-{}", ind.id),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        labels: years.iter().map(|y| format!("{y}年")).collect(),
        printed: values.iter().map(|v| format::value(ind, *v)).collect(),
        values,
        target: t,
        target_label: main.target_label(|v| format!("{v}")).unwrap_or_default(),
        target_year: plan.plan.end,
        plan: plan.plan.key.clone(),
        breaks: breaks_within(&series_breaks(catalog, ind), &years),
    };
    Some(Spec::Target(spec))
}

/// The composition of a total over the last years in a row, up to the report
/// year, that have every part (a partial breakdown is no composition); none
/// without two such years.
fn parts(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<Spec> {
    let parts: Vec<&Indicator> = ind.parts.iter().filter_map(|p| catalog.get(p)).collect();
    if parts.len() < 2 || parts.len() != ind.parts.len() {
        return None;
    }
    let complete = |y: &i32| parts.iter().all(|p| analysis.district_value(&p.id, *y).is_some());
    let mut years: Vec<i32> = (analysis.year - 9..=analysis.year).rev().take_while(complete).collect();
    years.reverse();
    if years.len() < 2 {
        return None;
    }
    let mut breaks: Vec<SeriesBreak> = Vec::new();
    for i in std::iter::once(ind).chain(parts.iter().copied()) {
        for b in series_breaks(catalog, i) {
            if !breaks.iter().any(|o| o.year == b.year) {
                breaks.push(b);
            }
        }
    }
    breaks.sort_by_key(|b| b.year);
    let spec = Composition {
        id: format!("parts-{}", ind.id),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        labels: years.iter().map(|y| format!("{y}年")).collect(),
        parts: parts
            .iter()
            .map(|p| (p.name.clone(), years.iter().map(|y| analysis.district_value(&p.id, *y)).collect()))
            .collect(),
        printed: parts
            .iter()
            .map(|p| years.iter().map(|y| format::value(p, analysis.district_value(&p.id, *y))).collect())
            .collect(),
        breaks: breaks_within(&breaks, &years),
    };
    Some(Spec::Parts(spec))
}

/// A chart's data, before it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Spec {
    Bars(BarGrowth),
    Target(TargetBars),
    Parts(Composition),
    Ranking(Ranking),
}

impl Spec {
    fn draw(&self) -> Result<Chart> {
        match self {
            Spec::Bars(s) => bar_growth(s),
            Spec::Target(s) => target_bars(s),
            Spec::Parts(s) => composition(s),
            Spec::Ranking(s) => ranking(s),
        }
    }
}

/// The charts of the report, not yet drawn, in the order the chapters show them,
/// each with the category whose chapter shows it (`None` for the streets chapter).
pub fn specs(catalog: &Catalog, analysis: &Analysis) -> Vec<(Option<String>, Spec)> {
    let mut specs = Vec::new();
    for cat in &catalog.categories {
        let mut add = |spec: Option<Spec>| {
            if let Some(spec) = spec {
                specs.push((Some(cat.key.clone()), spec));
            }
        };
        for id in &cat.charts {
            let Some(ind) = catalog.get(id) else { continue };
            add(trend(catalog, analysis, ind));
            if !ind.parts.is_empty() {
                add(parts(catalog, analysis, ind));
            }
        }
        if let Some(plan) = analysis.covering() {
            let first = plan
                .plan
                .main_indicators()
                .into_iter()
                .filter_map(|m| Some((catalog.get(&m.id)?, m)))
                .find(|(i, _)| i.category == cat.key);
            if let Some((ind, main)) = first {
                add(target(catalog, analysis, plan, ind, main));
            }
        }
    }
    if let Some(ind) = street_ranking_indicator(catalog, analysis) {
        let mut items: Vec<(String, f64, String)> = catalog
            .streets()
            .filter_map(|s| {
                let v = analysis.values.value(&ind.id, &s.name, analysis.year)?;
                Some((s.name.clone(), v, format::value(ind, Some(v))))
            })
            .collect();
        items.sort_by(|a, b| b.1.total_cmp(&a.1));
        specs.push((
            None,
            Spec::Ranking(Ranking {
                id: STREET_RANKING.into(),
                name: format!("{}年各街道{}", analysis.year, ind.name),
                unit: ind.unit.clone(),
                items,
            }),
        ));
    }
    specs
}

/// Charts drawn by an earlier build, with their data: a rebuild draws again only
/// the charts whose data changed.
#[derive(Debug, Clone, Default)]
pub struct Drawn(Vec<(Spec, Chart)>);

/// Draws every chart of the report, in the order the chapters show them.
pub fn build_all(catalog: &Catalog, analysis: &Analysis) -> Result<Vec<Chart>> {
    draw_all(catalog, analysis, &Drawn::default()).map(|(charts, _)| charts)
}

/// [`build_all`], taking the charts whose data is unchanged from `drawn`; gives
/// back what was drawn this time, for the next build.
pub fn draw_all(catalog: &Catalog, analysis: &Analysis, drawn: &Drawn) -> Result<(Vec<Chart>, Drawn)> {
    let mut charts = Vec::new();
    let mut next = Vec::new();
    for (category, spec) in specs(catalog, analysis) {
        let mut chart = match drawn.0.iter().find(|(known, _)| *known == spec) {
            Some((_, chart)) => chart.clone(),
            None => spec.draw()?,
        };
        chart.category = category;
        next.push((spec, chart.clone()));
        charts.push(chart);
    }
    Ok((charts, Drawn(next)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::dataset::{Dataset, Observation};
    use crate::diag::Place;

    fn analysis(rows: &[(&str, i32, f64)]) -> (Catalog, Analysis) {
        let catalog = Catalog::builtin();
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
        let (a, _) = analyse(&catalog, &ds, 2025);
        (catalog, a)
    }

    fn series(id: &'static str, from: i32, values: &[f64]) -> Vec<(&'static str, i32, f64)> {
        values.iter().enumerate().map(|(k, v)| (id, from + k as i32, *v)).collect()
    }

    fn ids(catalog: &Catalog, analysis: &Analysis) -> Vec<String> {
        specs(catalog, analysis)
            .into_iter()
            .map(|(_, s)| match s {
                Spec::Bars(s) => s.id,
                Spec::Target(s) => s.id,
                Spec::Parts(s) => s.id,
                Spec::Ranking(s) => s.id,
            })
            .collect()
    }

    #[test]
    fn a_few_things_a_year_get_no_chart() {
        let mut rows =
            series("civil_cases_accepted", 2016, &[3.0, 5.0, 4.0, 0.0, 2.0, 5.0, 4.0, 3.0, 1.0, 2.0]);
        rows.extend(series("genuine_goods_blocks", 2020, &[0.0, 0.0, 1.0, 1.0, 2.0, 2.0]));
        // 亿元 under 10 is no count: charted.
        rows.extend(series("pledge_financing", 2021, &[1.05, 1.12, 1.28, 1.36, 1.42]));
        let (catalog, a) = analysis(&rows);
        let charts = ids(&catalog, &a);
        assert!(
            !charts.iter().any(|c| c.contains("civil_cases") || c.contains("genuine_goods")),
            "{charts:?}"
        );
        assert!(charts.contains(&"trend-pledge_financing".to_string()), "{charts:?}");
        // One year of 12: the series is charted.
        rows[9].2 = 12.0;
        rows[15].2 = 12.0;
        let (catalog, a) = analysis(&rows);
        let charts = ids(&catalog, &a);
        assert!(charts.contains(&"trend-civil_cases_accepted".to_string()), "{charts:?}");
        assert!(charts.contains(&"target-genuine_goods_blocks".to_string()), "{charts:?}");
    }

    #[test]
    fn a_composition_needs_every_part() {
        let grants = [4100.0, 4650.0, 5400.0, 5900.0, 6825.0, 8120.0, 7650.0, 7980.0, 8340.0, 8710.0];
        let mut rows = series("patent_grants", 2016, &grants);
        rows.extend(series(
            "invention_grants",
            2016,
            &[1650.0, 1820.0, 2050.0, 2316.0, 2850.0, 3420.0, 3610.0, 3980.0, 4350.0, 4720.0],
        ));
        let (catalog, a) = analysis(&rows);
        let charts = ids(&catalog, &a);
        assert!(charts.contains(&"trend-patent_grants".to_string()));
        assert!(!charts.contains(&"parts-patent_grants".to_string()), "{charts:?}");
        // With 实用新型 for every year and 外观设计 from 2018: the years since 2018.
        rows.extend(series(
            "utility_grants",
            2016,
            &[2080.0, 2410.0, 2890.0, 3100.0, 3460.0, 4130.0, 3490.0, 3420.0, 3380.0, 3350.0],
        ));
        rows.extend(series("design_grants", 2018, &[460.0, 484.0, 515.0, 570.0, 550.0, 580.0, 610.0, 640.0]));
        let (catalog, a) = analysis(&rows);
        let parts = specs(&catalog, &a).into_iter().find_map(|(_, s)| match s {
            Spec::Parts(p) => Some(p),
            _ => None,
        });
        let parts = parts.expect("a composition");
        assert_eq!(parts.labels.first().map(String::as_str), Some("2018年"));
        assert_eq!(parts.labels.len(), 8);
        assert!(parts.parts.iter().all(|(_, v)| v.iter().all(Option::is_some)));
    }

    #[test]
    fn the_census_break_comes_from_the_catalogue() {
        let rows = series(
            "population",
            2016,
            &[60.50, 60.12, 59.78, 57.52, 53.78, 53.75, 53.71, 53.69, 53.62, 53.58],
        );
        let (catalog, a) = analysis(&rows);
        let spec = specs(&catalog, &a).into_iter().find_map(|(_, s)| match s {
            Spec::Bars(b) if b.id == "trend-population" => Some(b),
            _ => None,
        });
        let spec = spec.expect("the population chart");
        assert_eq!(spec.breaks, vec![Break { at: 4, reason: "第七次全国人口普查结果".into() }]);
        assert_eq!(spec.growth[4], None);
        assert!(spec.growth[5].is_some());
        // A ratio to the population has its break too; a series of its own has none.
        let years: Vec<i32> = (2016..=2025).collect();
        let per_10k = catalog.get("invention_per_10k").unwrap();
        assert_eq!(breaks_within(&series_breaks(&catalog, per_10k), &years).len(), 1);
        assert!(series_breaks(&catalog, catalog.get("patent_grants").unwrap()).is_empty());
        // A chart that starts with the break year has no break within it.
        assert!(breaks_within(&series_breaks(&catalog, per_10k), &years[4..]).is_empty());
    }
}
