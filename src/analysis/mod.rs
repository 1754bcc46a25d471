//! The numbers of the report, each by a stated rule: derived indicators (ratios per
//! 10,000 people or enterprises, totals over a plan period), growth on the
//! previous year, average growth since a baseline year, progress against the
//! targets of the plan in force and its schedule, and consistency checks
//! ([`checks`]). The plan of the report year is looked up once here
//! ([`Analysis::plan`]); later stages take it from the analysis. Pure functions
//! over the catalogue and the dataset; hands on [`Analysis`].

pub mod checks;
pub mod peers;
pub mod revisions;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Catalog, Cmp, Derive, Indicator, Kind, PlanIndicator, PlanYear, Stage};
use crate::dataset::{Dataset, Observation};
use crate::diag::{Diagnostic, Kind as DiagKind, Level, Place};

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Origin {
    /// Read from this cell.
    Cell(Place),
    /// Computed by this rule (in Chinese).
    Rule(String),
}

/// A figure with its origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub origin: Origin,
}

/// Every figure, read or derived, by (indicator id, region, year).
#[derive(Debug, Clone, Default)]
pub struct Values {
    map: BTreeMap<(String, String, i32), Figure>,
}

impl Values {
    /// The figure of an indicator for a region and year.
    pub fn get(&self, id: &str, region: &str, year: i32) -> Option<&Figure> {
        self.map.get(&(id.to_string(), region.to_string(), year))
    }

    /// The value of an indicator for a region and year.
    pub fn value(&self, id: &str, region: &str, year: i32) -> Option<f64> {
        self.get(id, region, year).map(|f| f.value)
    }

    /// Every figure, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&(String, String, i32), &Figure)> {
        self.map.iter()
    }

    fn insert(&mut self, id: &str, region: &str, year: i32, figure: Figure) {
        self.map.insert((id.to_string(), region.to_string(), year), figure);
    }
}

/// The progress of one main indicator of the plan covering the report year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub id: String,
    /// The 基数: the baseline year's value, or for a period total the total over
    /// as many years up to the baseline year as the plan has.
    pub baseline: Option<f64>,
    /// The report year's value (for a period total: the plan's first year to the
    /// report year).
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// How the target compares.
    pub cmp: Cmp,
    /// The target as printed: `18000`, `＞2800`.
    pub target_label: Option<String>,
    /// value ÷ target × 100.
    pub completion: Option<f64>,
    /// Whether the target is met (strictly for "＞" targets).
    pub met: Option<bool>,
    /// 年均增长 (%): the compound yearly growth from the baseline year to the report
    /// year; for a percentage indicator the average change in 百分点; for a period
    /// total, `None`.
    pub average_growth: Option<f64>,
    /// 序时进度 (%): the share of the plan period elapsed by the report year.
    pub schedule: f64,
    /// The share of the way from baseline to target covered (%), compared with the
    /// schedule: for a period total its completion; otherwise
    /// (value − baseline) ÷ (target − baseline) × 100 when the baseline is known.
    pub covered: Option<f64>,
    pub status: Status,
}

/// Where a main indicator stands against its target and the plan's schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    /// The target is met.
    Met,
    /// Not met; ahead of the schedule.
    Ahead,
    /// Not met; behind the schedule (or the period is over).
    Behind,
    /// No value for the report year.
    Unknown,
}

impl Status {
    /// The Chinese wording in the main-indicator table; `closing` in the plan's
    /// last year, when a target not met is 未完成.
    pub fn label(self, closing: bool) -> &'static str {
        match self {
            Status::Met => "已完成",
            Status::Ahead => "快于序时进度",
            Status::Behind if closing => "未完成",
            Status::Behind => "慢于序时进度",
            Status::Unknown => "—",
        }
    }
}

/// Everything the report states, computed.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The report year.
    pub year: i32,
    /// The district's name.
    pub district: String,
    pub values: Values,
    /// The plan in force in the report year, with the year's place in it; `None`
    /// before the catalogue's first plan.
    pub plan: Option<PlanYear>,
    /// Inside a plan: its main indicators' progress, in the plan's order.
    pub progress: Vec<Progress>,
    /// After the last plan ended: its main indicators since its last year.
    pub since: Vec<Since>,
}

/// A main indicator of a plan that has ended, in a later year: the value, the
/// change on the previous year and the average growth since the plan's last
/// year. A period total has no value after its plan; its yearly series stands in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Since {
    /// The indicator shown: the main indicator, or a period total's yearly series.
    pub id: String,
    /// The value in the plan's last year.
    pub end_value: Option<f64>,
    /// The report year's value.
    pub value: Option<f64>,
    pub change: Option<Change>,
    /// 年均增长 (%) from the plan's last year to the report year.
    pub average_growth: Option<f64>,
}

/// The report year: the configured one, else the latest year with district data.
pub fn report_year(dataset: &Dataset, district: &str, configured: Option<i32>) -> Option<i32> {
    configured.or_else(|| dataset.iter().filter(|o| o.region == district).map(|o| o.year).max())
}

/// Computes derived indicators and the progress of the main indicators.
pub fn analyse(catalog: &Catalog, dataset: &Dataset, year: i32) -> (Analysis, Vec<Diagnostic>) {
    let district = catalog.district().name.clone();
    let mut values = Values::default();
    // A figure of a derived indicator is a given one wherever the dataset holds it:
    // checked against the rule, never taken as read nor replaced unseen.
    let derived = |o: &&Observation| catalog.get(&o.indicator).is_some_and(|i| i.derive.is_some());
    for o in dataset.iter().filter(|o| !derived(o)) {
        values.insert(
            &o.indicator,
            &o.region,
            o.year,
            Figure { value: o.value, origin: Origin::Cell(o.source.clone()) },
        );
    }
    let years: Vec<i32> = dataset.years().into_iter().collect();
    let regions: Vec<String> = catalog.regions.iter().map(|r| r.name.clone()).collect();
    for ind in catalog.indicators.iter().filter(|i| i.derive.is_some()) {
        for region in &regions {
            for &y in &years {
                if let Some(f) = derive(catalog, ind, &values, region, y) {
                    values.insert(&ind.id, region, y, f);
                }
            }
        }
    }
    let mut diags = Vec::new();
    let given = dataset.given.values().chain(dataset.iter().filter(derived));
    reconcile_given(catalog, given, &mut values, &mut diags);
    let plan = catalog.plan_for(year);
    let (mut progress, mut since) = (Vec::new(), Vec::new());
    match &plan {
        Some(p) if p.within() => {
            progress = p
                .plan
                .main_indicators()
                .into_iter()
                .filter_map(|m| Some((catalog.get(&m.id)?, m)))
                .map(|(ind, m)| self::progress(catalog, ind, m, p, &values, &district, &mut diags))
                .collect();
        }
        Some(p) => {
            since = p
                .plan
                .main_indicators()
                .into_iter()
                .filter_map(|m| catalog.get(&m.id))
                .map(|ind| since_end(catalog, ind, p.plan.end, &values, &district, year))
                .collect();
        }
        None => {}
    }
    (Analysis { year, district, values, plan, progress, since }, diags)
}

/// A main indicator of an ended plan in a later year (see [`Since`]).
fn since_end(
    catalog: &Catalog,
    ind: &Indicator,
    end: i32,
    values: &Values,
    district: &str,
    year: i32,
) -> Since {
    let shown = match &ind.derive {
        Some(Derive::Cumsum { of }) => catalog.get(of).unwrap_or(ind),
        _ => ind,
    };
    let end_value = values.value(&shown.id, district, end);
    let value = values.value(&shown.id, district, year);
    let average_growth = match (end_value, value) {
        (Some(b), Some(v)) if shown.is_percent() => average_points(b, v, year - end),
        // A count on a small base has no rate, as for the change on the year.
        (Some(b), Some(_)) if shown.is_count() && b.abs() < SMALL_BASE => None,
        (Some(b), Some(v)) => average_growth(b, v, year - end),
        _ => None,
    };
    Since {
        id: shown.id.clone(),
        end_value,
        value,
        change: change_of(shown, values, district, year),
        average_growth,
    }
}

/// A derived figure a workbook also gives is used when it agrees with the computed
/// one within the printed rounding; otherwise the computed one stays and a warning
/// shows both, with the indicator's rule. Without the data the rule needs, a
/// warning says the figure is not used.
fn reconcile_given<'d>(
    catalog: &Catalog,
    given: impl Iterator<Item = &'d Observation>,
    values: &mut Values,
    diags: &mut Vec<Diagnostic>,
) {
    // Compared with the rule's figures only: a given figure taken in place of one
    // is no rule for the next.
    let mut taken = Vec::new();
    for given in given {
        let Some(ind) = catalog.get(&given.indicator) else { continue };
        let computed = values.get(&given.indicator, &given.region, given.year);
        let Some(Figure { value: computed, origin: Origin::Rule(rule) }) = computed.cloned() else {
            // A peer's or a higher level's ratio (全市 万人发明专利拥有量) is
            // published, not computable here: taken as given.
            if computed.is_none()
                && catalog.find_region(&given.region).is_some_and(|r| r.peer || r.comparison)
            {
                taken.push(given);
                continue;
            }
            diags.push(Diagnostic::new(
                Level::Warning,
                given.source.clone(),
                DiagKind::GivenNotComputable {
                    indicator: ind.name.clone(),
                    region: given.region.clone(),
                    year: given.year,
                    value: crate::format::value(ind, Some(given.value)),
                },
            ));
            continue;
        };
        let tolerance = 0.5 * 10f64.powi(-(crate::format::decimals(ind) as i32)) + 1e-9;
        if (computed - given.value).abs() <= tolerance {
            taken.push(given);
            continue;
        }
        // The rule is the one `derive` computed the figure by: the indicator's.
        let (shown_given, shown_computed) = crate::format::distinct(ind, given.value, computed);
        diags.push(Diagnostic::new(
            Level::Warning,
            given.source.clone(),
            DiagKind::GivenDisagrees {
                indicator: ind.name.clone(),
                region: given.region.clone(),
                year: given.year,
                given: shown_given,
                rule,
                computed: shown_computed,
                inputs: input_places(catalog, ind, values, &given.region, given.year),
            },
        ));
    }
    for given in taken {
        let figure = Figure { value: given.value, origin: Origin::Cell(given.source.clone()) };
        values.insert(&given.indicator, &given.region, given.year, figure);
    }
}

/// Where the figures a derived value is computed from were read: `A1` cells, a
/// period total's first and last cells.
fn input_places(catalog: &Catalog, ind: &Indicator, values: &Values, region: &str, year: i32) -> Vec<Place> {
    let place = |id: &str, y: i32| match values.get(id, region, y).map(|f| &f.origin) {
        Some(Origin::Cell(p)) => Some(p.clone()),
        _ => None,
    };
    match &ind.derive {
        Some(Derive::Ratio { num, den, .. }) => {
            num.iter().chain([den]).filter_map(|id| place(id, year)).collect()
        }
        Some(Derive::Cumsum { of }) => {
            let from = plan_start(catalog, year).unwrap_or(year);
            [place(of, from), place(of, year)].into_iter().flatten().collect()
        }
        None => Vec::new(),
    }
}

/// The first year of the plan covering `year`: where a period total starts.
fn plan_start(catalog: &Catalog, year: i32) -> Option<i32> {
    catalog.plan_covering(year).map(|p| p.start)
}

fn derive(catalog: &Catalog, ind: &Indicator, values: &Values, region: &str, year: i32) -> Option<Figure> {
    let name = |id: &str| catalog.get(id).map_or(id.to_string(), |i| i.name.clone());
    match ind.derive.as_ref()? {
        Derive::Ratio { num, den, scale } => {
            let d = values.value(den, region, year)?;
            if d == 0.0 {
                return None;
            }
            let n: f64 = num.iter().map(|id| values.value(id, region, year)).sum::<Option<f64>>()?;
            let nums = num.iter().map(|id| name(id)).collect::<Vec<_>>().join("＋");
            let nums = if num.len() > 1 { format!("（{nums}）") } else { nums };
            let scale_text = if *scale == 1.0 { String::new() } else { format!("×{scale}") };
            Some(Figure {
                value: scale * n / d,
                origin: Origin::Rule(format!("{nums}÷{}{scale_text}", name(den))),
            })
        }
        Derive::Cumsum { of } => {
            // A total runs within one plan: none in a year no plan covers.
            let from = plan_start(catalog, year)?;
            let sum: f64 = (from..=year).map(|y| values.value(of, region, y)).sum::<Option<f64>>()?;
            Some(Figure { value: sum, origin: Origin::Rule(period_total_rule(&name(of), from, year)) })
        }
    }
}

/// The rule of a total over the years `from` to `to`: `2021—2022年知识产权质押融资额之和`.
fn period_total_rule(name: &str, from: i32, to: i32) -> String {
    if from == to { format!("{to}年{name}") } else { format!("{from}—{to}年{name}之和") }
}

fn progress(
    catalog: &Catalog,
    ind: &Indicator,
    main: &PlanIndicator,
    plan: &PlanYear,
    values: &Values,
    district: &str,
    diags: &mut Vec<Diagnostic>,
) -> Progress {
    let year = plan.year;
    let base_year = plan.plan.baseline_year;
    // The data's 基数 and where it comes from: a cell, or a rule.
    let data_baseline = match (&ind.derive, ind.kind) {
        // A period total's 基数 is the same total over as many years before.
        (Some(Derive::Cumsum { of }), Kind::Cumulative) => {
            let from = base_year - plan.plan.years() + 1;
            let sum = (from..=base_year).map(|y| values.value(of, district, y)).sum::<Option<f64>>();
            let name = catalog.get(of).map_or(of.as_str(), |i| i.name.as_str());
            sum.map(|d| (d, Place::rule(&period_total_rule(name, from, base_year))))
        }
        _ => values.get(&ind.id, district, base_year).map(|f| match &f.origin {
            Origin::Cell(p) => (f.value, p.clone()),
            Origin::Rule(r) => (f.value, Place::rule(r)),
        }),
    };
    let shown = |v: f64| crate::format::value(ind, Some(v));
    let baseline = match (data_baseline, main.baseline) {
        // Flagged only when they differ as printed (the indicator's decimals), so
        // that the warning never calls one printed figure two.
        (Some((d, place)), Some(c)) if shown(d) != shown(c) => {
            diags.push(Diagnostic::new(
                Level::Warning,
                place,
                DiagKind::BaselineDisagrees {
                    indicator: ind.name.clone(),
                    year: base_year,
                    data: shown(d),
                    plan: plan.plan.key.clone(),
                    baseline: shown(c),
                },
            ));
            Some(d)
        }
        (Some((d, _)), _) => Some(d),
        (None, c) => c,
    };
    let value = values.value(&ind.id, district, year);
    let completion = match (value, main.target) {
        (Some(v), Some(t)) if t != 0.0 => Some(v / t * 100.0),
        _ => None,
    };
    let met = match (value, main.target) {
        (Some(v), Some(t)) => Some(main.cmp().met(v, t)),
        _ => None,
    };
    let schedule = plan.schedule();
    let closing = plan.stage == Stage::Closing;
    let covered = match (ind.kind, value, baseline, main.target) {
        (Kind::Cumulative, _, _, _) => completion,
        (_, Some(v), Some(b), Some(t)) if t != b => Some((v - b) / (t - b) * 100.0),
        _ => completion,
    };
    let status = match (met, covered) {
        (None, _) => Status::Unknown,
        (Some(true), _) => Status::Met,
        (Some(false), Some(c)) if !closing && c >= schedule => Status::Ahead,
        (Some(false), _) => Status::Behind,
    };
    let average_growth = match (ind.kind, value, values.value(&ind.id, district, base_year)) {
        (Kind::Cumulative, _, _) => None,
        (_, Some(v), Some(b)) if ind.is_percent() => average_points(b, v, year - base_year),
        (_, Some(v), Some(b)) => average_growth(b, v, year - base_year),
        _ => None,
    };
    Progress {
        id: ind.id.clone(),
        baseline,
        value,
        target: main.target,
        cmp: main.cmp(),
        // Targets print as the plan states them (6, 8.6, ＞2800).
        target_label: main.target_label(|v| format!("{v}")),
        completion,
        met,
        average_growth,
        schedule,
        covered,
        status,
    }
}

/// 年均增长 (%): ((to ÷ from)^(1/years) − 1) × 100; `None` when it is undefined
/// (no years, a base of 0 or a change of sign).
pub fn average_growth(from: f64, to: f64, years: i32) -> Option<f64> {
    if years <= 0 || from <= 0.0 || to < 0.0 {
        return None;
    }
    Some(((to / from).powf(1.0 / years as f64) - 1.0) * 100.0)
}

/// 年均提高 (百分点) of a percentage indicator: (to − from) ÷ years.
pub fn average_points(from: f64, to: f64, years: i32) -> Option<f64> {
    (years > 0).then(|| (to - from) / years as f64)
}

/// The number of years up to `year` in which a series of the district rose (a
/// positive `n`) or fell (negative) each year running; 0 when it did neither.
pub fn run_length(analysis: &Analysis, id: &str, year: i32) -> i32 {
    let v = |y: i32| analysis.district_value(id, y);
    let step = |y: i32| match (v(y), v(y - 1)) {
        (Some(a), Some(b)) if a > b => 1,
        (Some(a), Some(b)) if a < b => -1,
        _ => 0,
    };
    let first = step(year);
    if first == 0 {
        return 0;
    }
    let mut n = 0;
    while step(year - n) == first {
        n += 1;
    }
    n * first
}

/// Change on the previous year: a growth rate in % for amounts, or a change in
/// percentage points for indicators measured in %.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Change {
    /// (value ÷ previous − 1) × 100.
    Percent(f64),
    /// value − previous, in percentage points.
    Points(f64),
    /// value − previous, in the indicator's unit: a count whose previous value is
    /// under [`SMALL_BASE`], where a rate would mislead (1 → 0 is not −100%).
    Count(f64),
}

/// A count below this is too small a base for a growth rate.
pub const SMALL_BASE: f64 = 10.0;

impl Change {
    /// The number printed in a growth column.
    pub fn amount(self) -> f64 {
        match self {
            Change::Percent(v) | Change::Points(v) | Change::Count(v) => v,
        }
    }
}

/// The change of an indicator on the previous year; see [`Analysis::change`].
fn change_of(ind: &Indicator, values: &Values, region: &str, year: i32) -> Option<Change> {
    let v = values.value(&ind.id, region, year)?;
    let p = values.value(&ind.id, region, year - 1)?;
    if ind.is_percent() {
        return Some(Change::Points(v - p));
    }
    if ind.is_count() && p.abs() < SMALL_BASE {
        return Some(Change::Count(v - p));
    }
    (p != 0.0).then(|| Change::Percent((v / p - 1.0) * 100.0))
}

impl Analysis {
    /// The change of an indicator for a region on the previous year; `None` when
    /// either year is missing or the previous value is 0.
    pub fn change(&self, ind: &Indicator, region: &str, year: i32) -> Option<Change> {
        change_of(ind, &self.values, region, year)
    }

    /// The plan covering the report year, if the year is one of a plan's.
    pub fn covering(&self) -> Option<&PlanYear> {
        self.plan.as_ref().filter(|p| p.within())
    }

    /// The first year of the period total ending in the report year: the covering
    /// plan's first year.
    pub fn period_start(&self) -> Option<i32> {
        self.covering().map(|p| p.plan.start)
    }

    /// The district's value of an indicator in a year.
    pub fn district_value(&self, id: &str, year: i32) -> Option<f64> {
        self.values.value(id, &self.district, year)
    }
}

#[cfg(test)]
mod tests;
