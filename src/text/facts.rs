//! The figures a person may type about the year, from the analysis: each
//! indicator's values (the report year and the year before, every region), its
//! change on the year, shares of a part in its total and of a street in the
//! district, the plan's baselines, targets, completions, progress, schedule and
//! average growth, the streets' ranks, and the counts of main indicators met.
//! Each fact says itself as a sentence would (`专利授权量为8710件`), for the
//! message when a typed figure is not it.

use crate::analysis::{Analysis, Change, Status};
use crate::catalog::unit::{Base, Unit};
use crate::catalog::{Catalog, Indicator};
use crate::format;

/// What a figure measures, as far as matching a typed one goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// A figure in a unit (8710件, 6.23亿元, 22项).
    Amount(Unit),
    /// A percentage that is a level: a figure in %, a share, a completion, a
    /// progress, a schedule.
    Percent,
    /// A growth rate in %, signed.
    Growth,
    /// A change or a gap in 百分点, signed.
    Points,
    /// A change in the figure's unit (增加1家), signed.
    Difference(Unit),
    /// A place in a ranking (第2位).
    Rank,
}

/// One figure of the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The indicator it is about, by id; `None` for the counts of main indicators.
    pub indicator: Option<String>,
    pub measure: Measure,
    pub value: f64,
    /// The figure in words: `专利授权量为8710件`.
    pub said: String,
    /// The district's figure of the report year, said first in a message.
    pub primary: bool,
    /// For a street's (or another region's) figure: the names that region goes
    /// by, one of which the sentence must name; empty for the district's.
    pub region: Vec<String>,
}

/// The facts of a year, and the names a sentence may call each indicator by.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
    /// (name, indicator ids), longest name first.
    pub names: Vec<(String, Vec<String>)>,
    /// (indicator id, the verb of its phrasing): 审结 for the cases closed.
    pub verbs: Vec<(String, String)>,
}

impl Facts {
    /// The facts of the analysed year.
    pub fn of(catalog: &Catalog, analysis: &Analysis) -> Facts {
        let mut f = Facts::default();
        for ind in &catalog.indicators {
            f.values(catalog, analysis, ind);
            f.changes(catalog, analysis, ind);
            f.shares(catalog, analysis, ind);
            f.ranks(catalog, analysis, ind);
        }
        f.plan(catalog, analysis);
        f.peers(catalog, analysis);
        f.names = names(catalog);
        f.verbs =
            catalog.indicators.iter().filter_map(|i| Some((i.id.clone(), i.phrasing().verb?))).collect();
        f
    }

    fn push(&mut self, ind: Option<&Indicator>, measure: Measure, value: f64, said: String, primary: bool) {
        let indicator = ind.map(|i| i.id.clone());
        self.facts.push(Fact { indicator, measure, value, said, primary, region: Vec::new() });
    }

    /// Makes the last fact one of `region`'s, unless it is the district.
    fn of_region(&mut self, catalog: &Catalog, region: &str) {
        let Some(r) = catalog.regions.iter().find(|r| r.name == region && !r.district) else { return };
        if let Some(f) = self.facts.last_mut() {
            f.region = std::iter::once(r.name.clone()).chain(r.aliases.iter().cloned()).collect();
        }
    }

    /// Values of the year and the year before, every region.
    fn values(&mut self, catalog: &Catalog, analysis: &Analysis, ind: &Indicator) {
        let Some(unit) = ind.unit_type() else { return };
        let (y, district) = (analysis.year, &analysis.district);
        let measure = if ind.is_percent() { Measure::Percent } else { Measure::Amount(unit) };
        for region in catalog.regions.iter().map(|r| &r.name) {
            for year in [y, y - 1] {
                let Some(v) = analysis.values.value(&ind.id, region, year) else { continue };
                let primary = region == district && year == y;
                let whose = if region == district { String::new() } else { region.clone() };
                let when = if year == y { String::new() } else { format!("{year}年") };
                let said = format!("{when}{whose}{}为{}", ind.name, with_unit(ind, v));
                self.push(Some(ind), measure, v, said, primary);
                self.of_region(catalog, region);
            }
        }
    }

    /// The change on the year of the district and each region, and the
    /// difference for an amount.
    fn changes(&mut self, catalog: &Catalog, analysis: &Analysis, ind: &Indicator) {
        let y = analysis.year;
        let Some(unit) = ind.unit_type() else { return };
        let regions: Vec<String> = analysis
            .values
            .iter()
            .filter(|((id, _, yr), _)| *id == ind.id && *yr == y)
            .map(|((_, r, _), _)| r.clone())
            .collect();
        for region in regions {
            let whose = if region == analysis.district { String::new() } else { region.clone() };
            let primary = region == analysis.district;
            if let Some(c) = analysis.change(ind, &region, y) {
                let said = format!("{whose}{}{}", ind.name, crate::narrative::change_of(ind, c));
                let measure = match c {
                    Change::Percent(_) => Measure::Growth,
                    Change::Points(_) => Measure::Points,
                    Change::Count(_) => Measure::Difference(unit),
                };
                self.push(Some(ind), measure, c.amount(), said, primary);
                self.of_region(catalog, &region);
            }
            let (Some(v), Some(p)) =
                (analysis.values.value(&ind.id, &region, y), analysis.values.value(&ind.id, &region, y - 1))
            else {
                continue;
            };
            if !ind.is_percent() {
                let d = v - p;
                let verb = if d < 0.0 { "减少" } else { "增加" };
                let said = format!("{whose}{}比上年{verb}{}", ind.name, with_unit(ind, d.abs()));
                self.push(Some(ind), Measure::Difference(unit), d, said, primary);
                self.of_region(catalog, &region);
            }
        }
    }

    /// A part's share of its total, and a region's share of the district or of
    /// the comparison region, in the year and the year before.
    fn shares(&mut self, catalog: &Catalog, analysis: &Analysis, ind: &Indicator) {
        if ind.derive.is_some() || ind.is_percent() {
            return;
        }
        let (y, district) = (analysis.year, analysis.district.as_str());
        for year in [y, y - 1] {
            let when = if year == y { String::new() } else { format!("{year}年") };
            if let Some(parent) = catalog.parent_of(ind)
                && let (Some(v), Some(t)) =
                    (analysis.district_value(&ind.id, year), analysis.district_value(&parent.id, year))
                && t > 0.0
            {
                let said = format!(
                    "{when}{}占{}的比重为{}%",
                    ind.name,
                    parent.name,
                    format::round(v / t * 100.0, 1)
                );
                self.push(Some(ind), Measure::Percent, v / t * 100.0, said, year == y);
            }
            let Some(total) = analysis.district_value(&ind.id, year).filter(|t| *t > 0.0) else { continue };
            for r in catalog.regions.iter().filter(|r| r.name != district) {
                let Some(v) = analysis.values.value(&ind.id, &r.name, year) else { continue };
                let comparison = catalog.comparison().is_some_and(|c| c.name == r.name);
                let (part, whole, name) = if comparison {
                    (total, v, format!("{district}{}占{}的比重", ind.name, r.name))
                } else {
                    (v, total, format!("{}{}占全区的比重", r.name, ind.name))
                };
                if whole > 0.0 {
                    let share = part / whole * 100.0;
                    let said = format!("{when}{name}为{}%", format::round(share, 1));
                    self.push(Some(ind), Measure::Percent, share, said, false);
                    if !comparison {
                        self.of_region(catalog, &r.name);
                    }
                }
            }
        }
    }

    /// Each street's (and park's) place among them, largest first.
    fn ranks(&mut self, catalog: &Catalog, analysis: &Analysis, ind: &Indicator) {
        let y = analysis.year;
        let mut figures: Vec<(&str, f64)> = catalog
            .streets()
            .chain(catalog.parks())
            .filter_map(|r| Some((r.name.as_str(), analysis.values.value(&ind.id, &r.name, y)?)))
            .collect();
        figures.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (i, (region, _)) in figures.iter().enumerate() {
            let said = format!("{region}{}位居各街道（园区）第{}位", ind.name, i + 1);
            self.push(Some(ind), Measure::Rank, (i + 1) as f64, said, false);
            self.of_region(catalog, region);
        }
    }

    /// The district's place among the city's districts, where a workbook gives
    /// the peers' figures (位居全市第2位).
    fn peers(&mut self, catalog: &Catalog, analysis: &Analysis) {
        for s in crate::analysis::peers::standings(catalog, analysis) {
            let (Some(rank), Some(ind)) = (s.rank, catalog.get(&s.id)) else { continue };
            let said = format!("{}位居全市第{}位", ind.name, rank.place);
            self.push(Some(ind), Measure::Rank, rank.place as f64, said, false);
        }
    }

    /// The plan's figures of each main indicator, the schedule of each year of
    /// the plan, and the counts of main indicators by status.
    fn plan(&mut self, catalog: &Catalog, analysis: &Analysis) {
        let Some(plan) = analysis.plan.as_ref() else { return };
        let item = Unit { base: Base::Item, power: 0 };
        let p = &plan.plan;
        for year in p.start..=p.end {
            let s = (year - p.baseline_year) as f64 / (p.end - p.baseline_year).max(1) as f64 * 100.0;
            self.push(
                None,
                Measure::Percent,
                s,
                format!("{year}年的序时进度为{}%", format::round(s, 0)),
                false,
            );
        }
        let count = |s: Status| analysis.progress.iter().filter(|p| p.status == s).count() as f64;
        let total = analysis.progress.len() as f64;
        self.push(None, Measure::Amount(item), total, format!("主要指标共{total}项"), false);
        for (s, what) in
            [(Status::Met, "已完成"), (Status::Ahead, "快于序时进度"), (Status::Behind, "慢于序时进度")]
        {
            self.push(
                None,
                Measure::Amount(item),
                count(s),
                format!("{what}的主要指标{}项", count(s)),
                false,
            );
        }
        let not_met = total - count(Status::Met) - count(Status::Unknown);
        self.push(None, Measure::Amount(item), not_met, format!("未完成的主要指标{not_met}项"), false);
        for pr in &analysis.progress {
            let Some(ind) = catalog.get(&pr.id) else { continue };
            self.main_indicator(ind, pr.value, pr.baseline, pr.target, pr.average_growth);
            if let Some(c) = pr.completion {
                let said = format!("{}完成规划目标的{}%", ind.name, format::round(c, 1));
                self.push(Some(ind), Measure::Percent, c, said, false);
            }
            if let Some(c) = pr.covered {
                let said = format!("{}的规划进度为{}%", ind.name, format::round(c, 1));
                self.push(Some(ind), Measure::Percent, c, said, false);
            }
        }
        for s in &analysis.since {
            let Some(ind) = catalog.get(&s.id) else { continue };
            self.main_indicator(ind, s.value, s.end_value, None, s.average_growth);
        }
    }

    /// A main indicator's value, baseline (or the plan's last year's value),
    /// target, gap to the target and average growth.
    fn main_indicator(
        &mut self,
        ind: &Indicator,
        value: Option<f64>,
        base: Option<f64>,
        target: Option<f64>,
        average: Option<f64>,
    ) {
        let Some(unit) = ind.unit_type() else { return };
        let level = if ind.is_percent() { Measure::Percent } else { Measure::Amount(unit) };
        if let Some(v) = value {
            self.push(Some(ind), level, v, format!("{}为{}", ind.name, with_unit(ind, v)), false);
        }
        if let Some(b) = base {
            self.push(Some(ind), level, b, format!("{}的基数为{}", ind.name, with_unit(ind, b)), false);
        }
        if let Some(t) = target {
            let said = format!("{}的规划目标为{}{}", ind.name, format::cell(t), ind.unit);
            self.push(Some(ind), level, t, said, false);
            if let Some(v) = value {
                let gap = if ind.is_percent() { Measure::Points } else { Measure::Amount(unit) };
                let said = format!("{}与规划目标相差{}", ind.name, gap_words(ind, v - t));
                self.push(Some(ind), gap, (v - t).abs(), said, false);
            }
        }
        if let Some(a) = average {
            let (measure, words) = if ind.is_percent() {
                (Measure::Points, format!("{}个百分点", format::round(a.abs(), 2)))
            } else {
                (Measure::Growth, format!("{}%", format::round(a.abs(), 1)))
            };
            let verb = match (ind.is_percent(), a < 0.0) {
                (true, false) => "提高",
                (true, true) => "降低",
                (false, false) => "增长",
                (false, true) => "下降",
            };
            self.push(Some(ind), measure, a, format!("{}年均{verb}{words}", ind.name), false);
        }
    }
}

/// A figure with its unit as printed: `8710件`.
fn with_unit(ind: &Indicator, v: f64) -> String {
    format!("{}{}", format::value(ind, Some(v)), ind.unit)
}

fn gap_words(ind: &Indicator, d: f64) -> String {
    if ind.is_percent() {
        format!("{}个百分点", format::round(d.abs(), 1))
    } else {
        with_unit(ind, d.abs())
    }
}

/// The names a sentence may call an indicator by: its name, aliases and the
/// object of its phrasing (知识产权民事案件 names both the cases received and
/// those closed, told apart by their verbs); longest first, so that
/// 发明专利授权量 is not read as 专利授权量.
fn names(catalog: &Catalog) -> Vec<(String, Vec<String>)> {
    let mut map = std::collections::BTreeMap::<String, Vec<String>>::new();
    for ind in &catalog.indicators {
        let all = std::iter::once(ind.name.clone())
            .chain(ind.aliases.iter().cloned())
            .chain(std::iter::once(ind.phrasing().object));
        for name in all.filter(|n| n.chars().count() >= 2) {
            let ids = map.entry(name).or_default();
            if !ids.contains(&ind.id) {
                ids.push(ind.id.clone());
            }
        }
    }
    let mut names: Vec<(String, Vec<String>)> = map.into_iter().collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    names
}
