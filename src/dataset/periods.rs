//! From months and quarters to the year, within one table. A flow's year
//! (catalogue `kind = "flow"`) is the sum of a complete set of its months or
//! quarters; a stock's year-end is its last period's value (12月末, 四季度末, 年末).
//! An incomplete set, or a part of a year alone (only 1—9月), gives no figure
//! for the year and says which periods are missing. A stated 合计 / 全年 beside
//! the parts is checked against their sum and is the figure used.
//!
//! Receives the table's observations for parts of a year (already matched to
//! the catalogue and in its unit); hands on observations for whole years and
//! diagnostics. Never called a region: months and quarters are periods.

use std::collections::{BTreeMap, BTreeSet};

use super::{Key, Observation};
use crate::catalog::{Indicator, Kind as IndicatorKind};
use crate::diag::{Diagnostic, Kind, Level, Place};
use crate::table::Period;

/// One figure of a part of a year.
struct Part {
    months: std::ops::RangeInclusive<u8>,
    period: Period,
    obs: Observation,
    /// The unit it was written in (whether it was rounded to a multiple, 万件).
    unit: String,
}

/// One indicator's parts of one year in a region: the parts, and stated totals.
struct Group<'a> {
    ind: &'a Indicator,
    parts: Vec<Part>,
    totals: Vec<Part>,
}

/// The parts of years one table gives, by indicator, region and year.
#[derive(Default)]
pub(super) struct Parts<'a> {
    groups: BTreeMap<Key, Group<'a>>,
    /// Keys the table gives a whole year for directly (1—本月累计, 本年累计):
    /// their parts need not add up to anything.
    whole: BTreeSet<Key>,
}

impl<'a> Parts<'a> {
    /// Notes a figure of a part of a year (`total` when it is a stated 合计).
    pub fn add(&mut self, ind: &'a Indicator, obs: Observation, period: Period, total: bool, unit: String) {
        let Some(months) = period.months() else { return };
        let key = (obs.indicator.clone(), obs.region.clone(), obs.year);
        let entry =
            self.groups.entry(key).or_insert_with(|| Group { ind, parts: Vec::new(), totals: Vec::new() });
        let part = Part { months, period, obs, unit };
        if total { entry.totals.push(part) } else { entry.parts.push(part) }
    }

    /// Notes a whole year the table gives directly.
    pub fn direct(&mut self, obs: &Observation) {
        self.whole.insert((obs.indicator.clone(), obs.region.clone(), obs.year));
    }

    /// The whole years the parts make, with a diagnostic for each that they do not.
    pub fn years(self, diags: &mut crate::diag::Findings) -> Vec<(Observation, &'a Indicator)> {
        let mut out = Vec::new();
        for (key, Group { ind, mut parts, totals }) in self.groups {
            if self.whole.contains(&key) {
                continue;
            }
            parts.sort_by_key(|p| (*p.months.start(), *p.months.end()));
            let (_, region, year) = key;
            let total = totals.into_iter().next();
            let stock = ind.kind != IndicatorKind::Flow;
            if parts.is_empty() {
                // A stated whole-year total alone.
                if let (Some(t), false) = (total, stock) {
                    out.push((Observation { year, ..t.obs }, ind));
                }
                continue;
            }
            if stock {
                // The year-end: the last period's value, if the year's end is given.
                match parts.iter().rev().find(|p| *p.months.end() == 12) {
                    Some(last) => out.push((Observation { year, ..last.obs.clone() }, ind)),
                    None => {
                        let last = parts.iter().max_by_key(|p| *p.months.end()).expect("parts");
                        diags.push(Diagnostic::new(
                            Level::Warning,
                            last.obs.source.clone(),
                            Kind::PartYearOnly {
                                indicator: ind.name.clone(),
                                region: region.clone(),
                                year,
                                period: Period::Month { year: Some(year), month: *last.months.end() }
                                    .to_string(),
                                stock: true,
                            },
                        ));
                    }
                }
                continue;
            }
            let disjoint = parts.windows(2).all(|w| w[0].months.end() < w[1].months.start());
            if !disjoint {
                // Cumulative periods (1—3月, 1—6月, 1—9月): only 1—12月 or a total is
                // the year.
                match total {
                    Some(t) => out.push((Observation { year, ..t.obs }, ind)),
                    None => diags.push(part_year_only(ind, &region, year, widest(&parts))),
                }
                continue;
            }
            let covered: BTreeSet<u8> = parts.iter().flat_map(|p| p.months.clone()).collect();
            let missing: Vec<u8> = (1..=12).filter(|m| !covered.contains(m)).collect();
            if !missing.is_empty() {
                if parts.len() == 1 {
                    diags.push(part_year_only(ind, &region, year, &parts[0]));
                } else {
                    diags.push(Diagnostic::new(
                        Level::Warning,
                        parts[0].obs.source.clone(),
                        Kind::PeriodsIncomplete {
                            indicator: ind.name.clone(),
                            region: region.clone(),
                            year,
                            missing: missing_names(&parts, &missing),
                        },
                    ));
                }
                continue;
            }
            let (sum, tolerance) = sum_of(&parts, total.as_ref());
            let first = &parts[0].obs.source;
            let last = &parts[parts.len() - 1].obs.source;
            let Some(t) = total else {
                let range = format!("{}:{}", first.cell_ref(), last.cell_ref());
                let source = Place::at(first.file_name(), first.sheet_name(), &range);
                out.push((Observation { year, value: sum, source, ..parts[0].obs.clone() }, ind));
                continue;
            };
            if (t.obs.value - sum).abs() > tolerance {
                let (total_text, sum_text) = crate::format::distinct(ind, t.obs.value, sum);
                diags.push(Diagnostic::new(
                    Level::Warning,
                    t.obs.source.clone(),
                    Kind::PeriodTotalDisagrees {
                        indicator: ind.name.clone(),
                        region: region.clone(),
                        year,
                        total: total_text,
                        sum: sum_text,
                        parts: parts_name(&parts),
                    },
                ));
            }
            out.push((Observation { year, ..t.obs }, ind));
        }
        out
    }
}

/// The part of a flow's parts that covers most.
fn widest(parts: &[Part]) -> &Part {
    parts.iter().max_by_key(|p| (p.months.end() - p.months.start(), *p.months.end())).expect("parts")
}

fn part_year_only(ind: &Indicator, region: &str, year: i32, part: &Part) -> Diagnostic {
    Diagnostic::new(
        Level::Warning,
        part.obs.source.clone(),
        Kind::PartYearOnly {
            indicator: ind.name.clone(),
            region: region.to_string(),
            year,
            period: part.period.name(),
            stock: false,
        },
    )
}

/// Whether every part is a quarter.
fn quarters(parts: &[Part]) -> bool {
    parts.iter().all(|p| p.months.end() - p.months.start() == 2 && (p.months.start() + 2).is_multiple_of(3))
}

/// The missing periods as named: quarters when the parts are quarters, else months.
fn missing_names(parts: &[Part], missing: &[u8]) -> Vec<String> {
    if quarters(parts) {
        missing
            .iter()
            .filter(|m| (*m + 2).is_multiple_of(3))
            .map(|m| Period::Part { year: None, months: *m..=*m + 2 }.name())
            .collect()
    } else {
        missing.iter().map(|m| format!("{m}月")).collect()
    }
}

/// `1—12月` or `四个季度`: what a total of the parts is the sum of.
fn parts_name(parts: &[Part]) -> String {
    if quarters(parts) { "四个季度".into() } else { "1—12月".into() }
}

/// Decimals of a number as it reads at its shortest.
fn decimals(v: f64) -> i32 {
    let s = format!("{v}");
    s.split_once('.').map_or(0, |(_, f)| f.len() as i32).min(10)
}

/// The sum of the parts, rounded at their decimals, and how far a stated total
/// may differ from it by rounding: half a unit of the last decimal per figure
/// when the figures are rounded (they have decimals, or are in a multiplied
/// unit such as 万件), else nothing.
fn sum_of(parts: &[Part], total: Option<&Part>) -> (f64, f64) {
    let figures = || parts.iter().chain(total);
    let d = figures().map(|p| decimals(p.obs.value)).max().unwrap_or(0);
    let scale = 10f64.powi(d);
    let sum = (parts.iter().map(|p| p.obs.value).sum::<f64>() * scale).round() / scale;
    let multiplied = figures().any(|p| p.unit.contains(['十', '百', '千', '万', '亿']));
    let tolerance = if d > 0 || multiplied { (parts.len() + 1) as f64 * 0.5 / scale } else { 0.0 };
    (sum, tolerance + 1e-9 * sum.abs().max(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn part<'a>(
        parts: &mut Parts<'a>,
        ind: &'a Indicator,
        months: std::ops::RangeInclusive<u8>,
        value: f64,
        cell: &str,
        total: bool,
    ) {
        let obs = Observation {
            indicator: ind.id.clone(),
            region: "玄武区".into(),
            year: 2025,
            value,
            unit: ind.unit.clone(),
            source: Place::at("a.xlsx", "s", cell),
        };
        let period = Period::Part { year: Some(2025), months };
        parts.add(ind, obs, period, total, ind.unit.clone());
    }

    #[test]
    fn a_total_within_the_rounding_of_its_quarters_is_no_finding() {
        let cat = Catalog::builtin();
        let ind = cat.find("知识产权质押融资额").unwrap();
        for (total, warned) in [(1.43, false), (1.41, false), (1.50, true)] {
            let mut parts = Parts::default();
            for (i, v) in [0.35, 0.36, 0.36, 0.35].into_iter().enumerate() {
                let m = i as u8 * 3 + 1;
                part(&mut parts, ind, m..=m + 2, v, &format!("B{}", i + 2), false);
            }
            part(&mut parts, ind, 1..=12, total, "B6", true);
            let mut found = crate::diag::Findings::default();
            let years = parts.years(&mut found);
            let diags = found.finish();
            assert_eq!(years.len(), 1);
            assert_eq!(years[0].0.value, total, "the stated total is used");
            assert_eq!(years[0].0.source.cell_ref(), "B6");
            assert_eq!(!diags.is_empty(), warned, "{total}: {diags:?}");
        }
    }

    #[test]
    fn counts_add_up_exactly_and_cumulative_parts_alone_are_no_year() {
        let cat = Catalog::builtin();
        let ind = cat.find("专利授权量").unwrap();
        let mut parts = Parts::default();
        for (i, v) in [2000.0, 2100.0, 2200.0, 2410.0].into_iter().enumerate() {
            let m = i as u8 * 3 + 1;
            part(&mut parts, ind, m..=m + 2, v, &format!("B{}", i + 2), false);
        }
        part(&mut parts, ind, 1..=12, 8711.0, "B6", true);
        let mut found = crate::diag::Findings::default();
        parts.years(&mut found);
        let diags = found.finish();
        assert!(matches!(&diags[0].kind, Kind::PeriodTotalDisagrees { total, sum, parts, .. }
            if total == "8711" && sum == "8710" && parts == "四个季度"));
        // 1—3月, 1—6月, 1—9月: overlapping, no 1—12月: the widest is named.
        let mut parts = Parts::default();
        for (end, v) in [(3, 2000.0), (6, 4100.0), (9, 6300.0)] {
            part(&mut parts, ind, 1..=end, v, "C2", false);
        }
        let mut found = crate::diag::Findings::default();
        assert!(parts.years(&mut found).is_empty());
        let diags = found.finish();
        assert!(
            matches!(&diags[0].kind, Kind::PartYearOnly { period, stock: false, .. } if period == "2025年1—9月")
        );
    }
}
