//! The 主要特点 of the 综述: two or three findings, each by a stated rule over the
//! analysis, tried in this order and the first three that hold kept:
//!
//! 1. **Structure shift**: of the percentage ratios whose numerator is a part or
//!    an item of the denominator (发明专利授权量 of 专利授权量), the one whose
//!    share moved most on the previous year, if by at least 0.5 个百分点.
//! 2. **Fastest and slowest growth**: among the indicators whose tables print a
//!    growth rate on the previous year, the highest and the lowest (a fall named
//!    as the largest fall, a rate that prints as 0.0 as flat).
//! 3. **A run**: among the same indicators, the longest series rising (or
//!    falling) each year running, if for at least three years.
//! 4. **Concentration**: the street with the largest share of the district's
//!    figure of the street chart's indicator, if its share is at least 1.5 times
//!    an even share.

use crate::analysis::{Analysis, Change, run_length};
use crate::catalog::{Catalog, Derive, Indicator, Kind};
use crate::format;

/// A structure shift below this (in 个百分点) is not a feature.
const MIN_SHIFT: f64 = 0.5;
/// A run shorter than this (in years) is not a feature.
const MIN_RUN: i32 = 3;
/// The leading street's share must reach this multiple of an even share.
const CONCENTRATION: f64 = 1.5;
/// At most this many features.
const MOST: usize = 3;

const ORDINALS: [&str; 3] = ["一是", "二是", "三是"];

/// `一是…；二是…；三是…。`, or `None` when fewer than two rules hold.
pub fn paragraph(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let found: Vec<String> =
        [structure(catalog, analysis), extremes(catalog, analysis), run(catalog, analysis)]
            .into_iter()
            .chain([concentration(catalog, analysis)])
            .flatten()
            .take(MOST)
            .collect();
    if found.len() < 2 {
        return None;
    }
    let items: Vec<String> = found.iter().zip(ORDINALS).map(|(f, o)| format!("{o}{f}")).collect();
    Some(format!("{}。", items.join("；")))
}

/// The summary indicators of every category, in order, each once.
fn summary_indicators(catalog: &Catalog) -> Vec<&Indicator> {
    let mut out: Vec<&Indicator> = Vec::new();
    for cat in catalog.ip_categories() {
        for id in cat.summary.iter().flat_map(|e| e.split('+')) {
            if let Some(ind) = catalog.get(id).filter(|i| !out.iter().any(|o| o.id == i.id)) {
                out.push(ind);
            }
        }
    }
    out
}

/// Rule 1: `发明专利授权量占专利授权量的比重由上年的52.1%提高到54.2%`.
pub fn structure(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let y = analysis.year;
    let shares = catalog.indicators.iter().filter(|i| i.is_percent()).filter_map(|i| {
        let Some(Derive::Ratio { num, den, .. }) = &i.derive else { return None };
        let total = catalog.get(den)?;
        let inside = num.iter().all(|n| {
            total.parts.contains(n) || catalog.get(n).and_then(|p| p.under.as_deref()) == Some(den.as_str())
        });
        let (now, before) = (analysis.district_value(&i.id, y)?, analysis.district_value(&i.id, y - 1)?);
        inside.then_some((i, now, before))
    });
    let (ind, now, before) = shares
        .filter(|(_, now, before)| (now - before).abs() >= MIN_SHIFT)
        .max_by(|a, b| (a.1 - a.2).abs().total_cmp(&(b.1 - b.2).abs()))?;
    let verb = if now > before { "提高" } else { "降低" };
    Some(format!(
        "{}由上年的{}%{verb}到{}%",
        ind.phrasing().object,
        format::round(before, 1),
        format::round(now, 1)
    ))
}

/// Rule 2: `从增长速度看，知识产权培训人次增长最快，增长15.2%；商标注册量降幅最大，
/// 下降3.1%`. The set is every indicator of the IP chapters whose table prints a
/// growth rate for the year (period totals and percentages, which change in
/// 百分点, have none), so that the superlative holds over what the book shows;
/// indicators tied at the printed rate are named together; a rate that prints as
/// 0.0 is flat, never a fall or a rise.
pub fn extremes(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let y = analysis.year;
    let rates: Vec<(&Indicator, f64)> = catalog
        .ip_categories()
        .flat_map(|c| catalog.in_category(&c.key))
        .filter(|i| i.kind != Kind::Cumulative)
        .filter_map(|i| match analysis.change(i, &analysis.district, y)? {
            Change::Percent(r) => Some((i, r)),
            _ => None,
        })
        .collect();
    if rates.len() < 2 {
        return None;
    }
    let rate = |r: f64| format::round(r.abs(), 1);
    let printed = |r: f64| if rate(r).trim_start_matches(['0', '.']).is_empty() { 0.0 } else { r };
    let hi = rates.iter().map(|r| r.1).fold(f64::MIN, f64::max);
    let lo = rates.iter().map(|r| r.1).fold(f64::MAX, f64::min);
    // Everyone at the printed extreme, in catalogue order.
    let at = |x: f64| -> Vec<&str> {
        rates
            .iter()
            .filter(|(_, r)| format::round(*r, 1) == format::round(x, 1))
            .map(|(i, _)| i.name.as_str())
            .collect()
    };
    let clause = |x: f64, top: bool| -> String {
        let names = at(x);
        let who = names.join("和");
        // A name with 和 in it is still one indicator.
        let all = if names.len() > 1 { "均" } else { "" };
        match printed(x) {
            0.0 => format!("{who}{all}与上年持平"),
            r if r > 0.0 && top => format!("{who}增长最快，{all}增长{}%", rate(r)),
            r if r > 0.0 => format!("{who}增长最慢，{all}增长{}%", rate(r)),
            r if top => format!("{who}降幅最小，{all}下降{}%", rate(r)),
            r => format!("{who}降幅最大，{all}下降{}%", rate(r)),
        }
    };
    if format::round(hi, 1) == format::round(lo, 1) {
        return None;
    }
    Some(format!("从增长速度看，{}，{}", clause(hi, true), clause(lo, false)))
}

/// Rule 3: `有效发明专利拥有量连续9年增长`.
pub fn run(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let (ind, n) = summary_indicators(catalog)
        .into_iter()
        .filter(|i| i.kind != Kind::Cumulative)
        .map(|i| (i, run_length(analysis, &i.id, analysis.year)))
        .filter(|(_, n)| n.abs() >= MIN_RUN)
        // The longest run; among equals the first listed.
        .fold(None, |best: Option<(&Indicator, i32)>, (i, n)| match best {
            Some((_, b)) if b.abs() >= n.abs() => best,
            _ => Some((i, n)),
        })?;
    let word = match (n > 0, ind.is_percent()) {
        (true, false) => "增长",
        (true, true) => "提高",
        (false, false) => "下降",
        (false, true) => "降低",
    };
    Some(format!("{}连续{}年{word}", ind.name, n.abs()))
}

/// Rule 4: `孝陵卫街道集中了全区28.0%的有效发明专利拥有量`.
pub fn concentration(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let y = analysis.year;
    let ind = crate::charts::street_ranking_indicator(catalog, analysis)?;
    if ind.derive.is_some() || ind.is_percent() {
        return None;
    }
    let total = analysis.district_value(&ind.id, y).filter(|t| *t > 0.0)?;
    let streets: Vec<(&str, f64)> = catalog
        .streets()
        .filter_map(|s| Some((s.name.as_str(), analysis.values.value(&ind.id, &s.name, y)?)))
        .collect();
    let (name, v) = streets.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let share = v / total;
    (streets.len() > 1 && share >= CONCENTRATION / streets.len() as f64)
        .then(|| format!("{name}集中了全区{}%的{}", format::round(share * 100.0, 1), ind.name))
}
