//! Which charts the report has, drawn from the analysis: for each category the
//! charted indicators over the last ten years with their growth, the progress of
//! the category's first main indicator towards its target (when the report year is
//! one of a plan's), the composition of a
//! charted total that has parts; and the ranking of streets.

use anyhow::Result;

use super::{
    BarGrowth, Chart, Composition, Ranking, TargetBars, bar_growth, composition, ranking, target_bars,
};
use crate::analysis::Analysis;
use crate::catalog::{Catalog, Indicator, Kind, PlanIndicator, PlanYear};
use crate::format;

/// The id of a category chapter's chart of an indicator.
pub fn chart_id(indicator: &str) -> String {
    format!("trend-{indicator}")
}

/// The id of the street ranking chart.
pub const STREET_RANKING: &str = "streets-ranking";

/// The indicator ranked across streets: 有效发明专利拥有量 when the streets have it,
/// else the first indicator with street figures for the year.
pub fn street_ranking_indicator<'a>(catalog: &'a Catalog, analysis: &Analysis) -> Option<&'a Indicator> {
    let has =
        |id: &str| catalog.streets().any(|s| analysis.values.value(id, &s.name, analysis.year).is_some());
    catalog
        .get("invention_stock")
        .filter(|i| has(&i.id))
        .or_else(|| catalog.indicators.iter().find(|i| has(&i.id)))
}

/// The years from the first with a figure among the last ten, to the report year.
fn years_with_data(analysis: &Analysis, ids: &[&str], from: i32) -> Option<Vec<i32>> {
    let first =
        (from..=analysis.year).find(|y| ids.iter().any(|id| analysis.district_value(id, *y).is_some()))?;
    let years: Vec<i32> = (first..=analysis.year).collect();
    (years.len() >= 2).then_some(years)
}

fn trend(analysis: &Analysis, ind: &Indicator) -> Option<Spec> {
    let years = years_with_data(analysis, &[&ind.id], analysis.year - 9)?;
    let values: Vec<Option<f64>> = years.iter().map(|y| analysis.district_value(&ind.id, *y)).collect();
    let growth = years
        .iter()
        .map(|y| match analysis.change(ind, &analysis.district, *y) {
            // A change on a small base is a difference, not a rate: no point.
            Some(crate::analysis::Change::Count(_)) | None => None,
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
        points: ind.unit == "%",
    };
    Some(Spec::Bars(spec))
}

fn target(analysis: &Analysis, plan: &PlanYear, ind: &Indicator, main: &PlanIndicator) -> Option<Spec> {
    let t = main.target?;
    // A period total from its first year; a stock from the baseline year.
    let from = if ind.kind == Kind::Cumulative { plan.plan.start } else { plan.plan.baseline_year };
    let years: Vec<i32> = (from..=analysis.year).collect();
    let values: Vec<Option<f64>> = years.iter().map(|y| analysis.district_value(&ind.id, *y)).collect();
    if values.iter().flatten().count() < 2 {
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
    };
    Some(Spec::Target(spec))
}

fn parts(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<Spec> {
    let parts: Vec<&Indicator> = ind.parts.iter().filter_map(|p| catalog.get(p)).collect();
    let ids: Vec<&str> = parts.iter().map(|p| p.id.as_str()).collect();
    let years = years_with_data(analysis, &ids, analysis.year - 9)?;
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
            add(trend(analysis, ind));
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
                add(target(analysis, plan, ind, main));
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
