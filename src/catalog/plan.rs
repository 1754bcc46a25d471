//! Plans (五年规划) as data: each `[[plan]]` block of the catalogue names a plan,
//! its years, its baseline year and its main indicators with their baselines and
//! targets. Receives the parsed blocks; hands on validated [`Plan`]s and, for a
//! report year, the plan in force with the year's place in it ([`PlanYear`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Cmp;
use super::error::{CatalogError, Lines, Problem};

/// One plan.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Plan {
    /// The short name, printed in quotes: “<key>”.
    pub key: String,
    /// The full title, printed in 《》.
    pub title: String,
    /// The document number, when the plan has one.
    #[serde(default)]
    pub document: Option<String>,
    /// The first and the last year of the plan.
    pub start: i32,
    pub end: i32,
    /// The year the baselines are for (the last year of the previous plan).
    pub baseline_year: i32,
    /// The main indicators (with `main`), and indicators whose baseline the plan
    /// states without making them main indicators.
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<PlanIndicator>,
}

/// An indicator as a plan states it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanIndicator {
    /// The catalogue's indicator id.
    pub id: String,
    /// Position in the plan's table of main indicators, if it is one.
    #[serde(default)]
    pub main: Option<u32>,
    /// The baseline as the plan states it; `None`: read from the data.
    #[serde(default)]
    pub baseline: Option<f64>,
    /// The target for the plan's last year.
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub cmp: Option<Cmp>,
}

impl PlanIndicator {
    /// How the target compares (达到 unless stated).
    pub fn cmp(&self) -> Cmp {
        self.cmp.unwrap_or(Cmp::Ge)
    }

    /// The printed target with its comparison: `18000` or `＞2800`.
    pub fn target_label(&self, fmt: impl Fn(f64) -> String) -> Option<String> {
        let t = self.target?;
        Some(match self.cmp() {
            Cmp::Ge => fmt(t),
            Cmp::Gt => format!("＞{}", fmt(t)),
        })
    }
}

impl Plan {
    /// Whether the year is one of the plan's.
    pub fn covers(&self, year: i32) -> bool {
        (self.start..=self.end).contains(&year)
    }

    /// The number of years of the plan.
    pub fn years(&self) -> i32 {
        self.end - self.start + 1
    }

    /// The main indicators, in the order of the plan's table.
    pub fn main_indicators(&self) -> Vec<&PlanIndicator> {
        let mut v: Vec<&PlanIndicator> = self.indicators.iter().filter(|i| i.main.is_some()).collect();
        v.sort_by_key(|i| i.main);
        v
    }

    /// What the plan states about an indicator.
    pub fn indicator(&self, id: &str) -> Option<&PlanIndicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The plan as cited in text: 《title》（document）, or 《title》 without a number.
    pub fn cited(&self) -> String {
        match &self.document {
            Some(d) => format!("《{}》（{d}）", self.title),
            None => format!("《{}》", self.title),
        }
    }
}

/// The place of a year in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The first year (开局之年).
    Opening,
    /// A year between the first and the last: the second, third… (第N年).
    Nth(u32),
    /// The last year (收官之年).
    Closing,
    /// A year after the plan ended, with no newer plan in the catalogue.
    Ended,
}

/// The plan in force in a report year, and the year's place in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanYear {
    pub plan: Plan,
    pub year: i32,
    pub stage: Stage,
}

impl PlanYear {
    /// Whether the year is one of the plan's (targets and schedule apply).
    pub fn within(&self) -> bool {
        self.stage != Stage::Ended
    }

    /// The year's number in the plan: 1 for the first year.
    pub fn nth(&self) -> i32 {
        self.year - self.plan.start + 1
    }

    /// 序时进度 (%): the share of the plan's years elapsed by the end of the year.
    pub fn schedule(&self) -> f64 {
        let span = (self.plan.end - self.plan.baseline_year) as f64;
        ((self.year - self.plan.baseline_year) as f64 / span * 100.0).clamp(0.0, 100.0)
    }
}

/// The plan covering `year`, else the last one ended before it; `None` before the
/// first plan. `plans` are in time order.
pub(super) fn plan_for(plans: &[Plan], year: i32) -> Option<PlanYear> {
    if let Some(plan) = plans.iter().find(|p| p.covers(year)) {
        let stage = match year {
            y if y == plan.end => Stage::Closing,
            y if y == plan.start => Stage::Opening,
            y => Stage::Nth((y - plan.start + 1) as u32),
        };
        return Some(PlanYear { plan: plan.clone(), year, stage });
    }
    let ended = plans.iter().rev().find(|p| p.end < year)?;
    Some(PlanYear { plan: ended.clone(), year, stage: Stage::Ended })
}

/// Sorts the plans by their first year and checks them: sensible years, no
/// overlap, known indicators, targets only for main indicators.
pub(super) fn validate(
    plans: &mut [Plan],
    ids: &BTreeMap<String, usize>,
    lines: &Lines,
) -> Result<(), CatalogError> {
    plans.sort_by_key(|p| p.start);
    let mut keys = BTreeSet::new();
    for p in plans.iter() {
        let key = &p.key;
        let plan = key.clone();
        let at = lines.plan(key);
        if !keys.insert(key.as_str()) {
            return Err(lines.error(at, Problem::DuplicatePlan { plan }));
        }
        if p.start > p.end {
            return Err(lines.error(at, Problem::PlanYears { plan, start: p.start, end: p.end }));
        }
        if p.baseline_year >= p.start {
            return Err(
                lines.error(at, Problem::PlanBaseline { plan, baseline: p.baseline_year, start: p.start })
            );
        }
        let mut seen = BTreeSet::new();
        let mut positions = BTreeSet::new();
        for i in &p.indicators {
            let (plan, indicator) = (key.clone(), i.id.clone());
            let here = lines.plan_indicator(key, &i.id).or(at);
            if !ids.contains_key(&i.id) {
                return Err(lines.error(here, Problem::PlanUnknown { plan, reference: indicator }));
            }
            if !seen.insert(i.id.as_str()) {
                return Err(lines.error(here, Problem::PlanDuplicate { plan, indicator }));
            }
            if i.target.is_some() && i.main.is_none() {
                return Err(lines.error(here, Problem::PlanTargetWithoutMain { plan, indicator }));
            }
            if let Some(m) = i.main
                && !positions.insert(m)
            {
                return Err(lines.error(here, Problem::PlanMainTwice { plan, main: m }));
            }
        }
    }
    for w in plans.windows(2) {
        if w[1].start <= w[0].end {
            let problem = Problem::PlansOverlap { first: w[0].key.clone(), second: w[1].key.clone() };
            return Err(lines.error(lines.plan(&w[1].key), problem));
        }
    }
    Ok(())
}

/// A catalogue written before plans were data (top-level `period-start`,
/// `period-end`, `baseline-year`; `main`, `baseline`, `target`, `cmp` on an
/// indicator; `from` in a period total's formula) is refused with the new form,
/// filled in with the file's own values where it has them.
pub(super) fn refuse_old_form(table: &toml::Table, lines: &Lines) -> Result<(), CatalogError> {
    const TOP: [&str; 3] = ["period-start", "period-end", "baseline-year"];
    const PER_INDICATOR: [&str; 4] = ["main", "baseline", "target", "cmp"];
    let mut found: Vec<String> =
        TOP.iter().filter(|k| table.contains_key(**k)).map(|k| k.to_string()).collect();
    let indicators = table.get("indicator").and_then(|v| v.as_array()).map(Vec::as_slice).unwrap_or(&[]);
    let mut example: Option<&toml::Table> = None;
    for ind in indicators.iter().filter_map(|v| v.as_table()) {
        for k in PER_INDICATOR {
            if ind.contains_key(k) {
                example = example.or(Some(ind));
                let f = format!("指标的 {k}");
                if !found.contains(&f) {
                    found.push(f);
                }
            }
        }
        if ind.get("derive").and_then(|d| d.as_table()).is_some_and(|d| d.contains_key("from")) {
            let f = "累计指标公式中的 from".to_string();
            if !found.contains(&f) {
                found.push(f);
            }
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    let value = |k: &str| table.get(k).map_or("…".to_string(), |v| v.to_string());
    let mut new = format!(
        "[[plan]]\nkey = \"规划简称\"\ntitle = \"规划全称\"\ndocument = \"文号\"\nstart = {}\nend = {}\nbaseline-year = {}\n",
        value("period-start"),
        value("period-end"),
        value("baseline-year")
    );
    if let Some(ind) = example {
        new.push_str("\n[[plan.indicator]]\n");
        for k in ["id"].iter().chain(&PER_INDICATOR) {
            if let Some(v) = ind.get(*k) {
                new.push_str(&format!("{k} = {v}\n"));
            }
        }
    }
    Err(lines.error(None, Problem::OldForm { found: found.join("、"), example: new }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, DEFAULT_CATALOG};

    fn fixture(start: i32, end: i32) -> Plan {
        Plan {
            key: "甲".into(),
            title: "甲规划".into(),
            document: None,
            start,
            end,
            baseline_year: start - 1,
            indicators: Vec::new(),
        }
    }

    #[test]
    fn the_place_of_a_year() {
        let plans = [fixture(2021, 2025), fixture(2026, 2030)];
        assert_eq!(plan_for(&plans, 2020), None);
        let at = |y| plan_for(&plans, y).map(|p| (p.plan.start, p.stage));
        assert_eq!(at(2021), Some((2021, Stage::Opening)));
        assert_eq!(at(2023), Some((2021, Stage::Nth(3))));
        assert_eq!(at(2025), Some((2021, Stage::Closing)));
        assert_eq!(at(2026), Some((2026, Stage::Opening)));
        assert_eq!(at(2031), Some((2026, Stage::Ended)));
        assert_eq!(plan_for(&plans[..1], 2027).unwrap().stage, Stage::Ended);
        let p = plan_for(&plans, 2023).unwrap();
        assert_eq!((p.nth(), p.schedule()), (3, 60.0));
    }

    #[test]
    fn the_old_form_is_refused_with_the_new_one() {
        let old = DEFAULT_CATALOG.replace(
            "[[category]]\nkey = \"创造\"",
            "period-start = 2021\nperiod-end = 2025\nbaseline-year = 2020\n\n[[category]]\nkey = \"创造\"",
        );
        let err = Catalog::parse(&old, "old.toml").unwrap_err().to_string();
        assert!(err.starts_with("指标目录 old.toml 是旧格式（period-start、period-end、baseline-year）。规划现写在 [[plan]] 中"), "{err}");
        assert!(err.contains("[[plan]]\nkey = \"规划简称\"\ntitle = \"规划全称\"\ndocument = \"文号\"\nstart = 2021\nend = 2025\nbaseline-year = 2020\n"), "{err}");
        let old = DEFAULT_CATALOG.replacen(
            "id = \"invention_per_10k\"\n",
            "id = \"invention_per_10k\"\nmain = 2\ntarget = 300\n",
            1,
        );
        assert_ne!(old, DEFAULT_CATALOG);
        let err = Catalog::parse(&old, "old.toml").unwrap_err().to_string();
        assert!(err.contains("（指标的 main、指标的 target）"), "{err}");
        assert!(
            err.contains("[[plan.indicator]]\nid = \"invention_per_10k\"\nmain = 2\ntarget = 300\n"),
            "{err}"
        );
        let old = DEFAULT_CATALOG
            .replace("of = \"pledge_financing\" }", "of = \"pledge_financing\", from = 2021 }");
        let err = Catalog::parse(&old, "old.toml").unwrap_err().to_string();
        assert!(err.contains("（累计指标公式中的 from）"), "{err}");
    }

    #[test]
    fn plans_are_checked() {
        let overlap = format!(
            "{DEFAULT_CATALOG}\n[[plan]]\nkey = \"乙\"\ntitle = \"乙规划\"\nstart = 2025\nend = 2029\nbaseline-year = 2024\n"
        );
        let err = Catalog::parse(&overlap, "x.toml").unwrap_err().to_string();
        assert!(err.ends_with("的年份重叠"), "{err}");
        let unknown = format!(
            "{DEFAULT_CATALOG}\n[[plan]]\nkey = \"乙\"\ntitle = \"乙规划\"\nstart = 2026\nend = 2030\nbaseline-year = 2025\n\n[[plan.indicator]]\nid = \"nope\"\nmain = 1\n"
        );
        let err = Catalog::parse(&unknown, "x.toml").unwrap_err().to_string();
        assert!(
            err.starts_with("指标目录 x.toml 第") && err.ends_with("行：规划“乙”引用了未定义的指标“nope”"),
            "{err}"
        );
    }
}
