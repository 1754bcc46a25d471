//! The written sentences of the report, from the analysis, in the phrasing of
//! Chinese statistical bulletins: 比上年增长7.1%，比上年下降2.3%，与上年持平，
//! 比上年提高0.27个百分点. A sentence whose figure is missing is left out.

use crate::analysis::{Analysis, Change};
use crate::catalog::{Catalog, Indicator};
use crate::format;

/// The change on the previous year as a bulletin writes it, from the rounded figure:
/// a growth that rounds to 0.0 is 与上年持平.
pub fn change_phrase(change: Change) -> String {
    let (amount, up, down, unit_before, unit_after) = match change {
        Change::Percent(v) => (v, "比上年增长", "比上年下降", "", "%"),
        Change::Points(v) => (v, "比上年提高", "比上年降低", "", "个百分点"),
    };
    let rounded = format::round(amount.abs(), 1);
    if rounded == "0.0" {
        "与上年持平".to_string()
    } else if amount > 0.0 {
        format!("{up}{unit_before}{rounded}{unit_after}")
    } else {
        format!("{down}{unit_before}{rounded}{unit_after}")
    }
}

/// `全区专利授权量8710件，比上年增长4.4%`; without the change when it cannot be
/// computed; `None` when the year's figure is missing.
pub fn figure_sentence(analysis: &Analysis, ind: &Indicator, year: i32) -> Option<String> {
    let v = analysis.district_value(&ind.id, year)?;
    let unit = if ind.unit == "%" { "%".to_string() } else { ind.unit.clone() };
    let mut s = format!("{}{}{}", ind.name, format::value(ind, Some(v)), unit);
    if let Some(c) = analysis.change(ind, &analysis.district, year) {
        s.push('，');
        s.push_str(&change_phrase(c));
    }
    Some(s)
}

/// The lead paragraph of a category's chapter: one clause per charted indicator.
pub fn chapter_lead(catalog: &Catalog, analysis: &Analysis, category: &str) -> Option<String> {
    let cat = catalog.categories.iter().find(|c| c.key == category)?;
    let clauses: Vec<String> = cat
        .charts
        .iter()
        .filter_map(|id| catalog.get(id))
        .filter_map(|ind| figure_sentence(analysis, ind, analysis.year))
        .collect();
    (!clauses.is_empty()).then(|| format!("{}年，全区{}。", analysis.year, clauses.join("；")))
}

/// The 综述 of the main indicators: how many have met their 2025 targets.
pub fn summary(catalog: &Catalog, analysis: &Analysis) -> Vec<String> {
    let mains = catalog.main_indicators();
    let known: Vec<_> = analysis.progress.iter().filter(|p| p.met.is_some()).collect();
    let met: Vec<&str> = known
        .iter()
        .filter(|p| p.met == Some(true))
        .filter_map(|p| catalog.get(&p.id).map(|i| i.name.as_str()))
        .collect();
    let mut paras = Vec::new();
    let mut first = format!(
        "《南京市玄武区“十四五”知识产权发展规划》确定主要指标{}项。截至{}年，有数据的{}项指标中，{}项已达到2025年目标",
        mains.len(),
        analysis.year,
        known.len(),
        met.len()
    );
    let unmet: Vec<String> = known
        .iter()
        .filter(|p| p.met == Some(false))
        .filter_map(|p| {
            let ind = catalog.get(&p.id)?;
            Some(format!("{}（完成目标的{}%）", ind.name, format::percent(p.completion)))
        })
        .collect();
    if unmet.is_empty() {
        first.push('。');
    } else {
        first.push_str(&format!("；尚未达到目标的有{}。", unmet.join("、")));
    }
    paras.push(first);
    let missing = mains.len() - known.len();
    if missing > 0 {
        let names: Vec<&str> = analysis
            .progress
            .iter()
            .filter(|p| p.met.is_none())
            .filter_map(|p| catalog.get(&p.id).map(|i| i.name.as_str()))
            .collect();
        paras.push(format!("{}等{}项指标本年度缺少数据，未计算完成情况。", names.join("、"), missing));
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_phrases() {
        assert_eq!(change_phrase(Change::Percent(7.14)), "比上年增长7.1%");
        assert_eq!(change_phrase(Change::Percent(-2.25)), "比上年下降2.3%");
        assert_eq!(change_phrase(Change::Percent(0.04)), "与上年持平");
        assert_eq!(change_phrase(Change::Percent(-0.04)), "与上年持平");
        assert_eq!(change_phrase(Change::Points(0.27)), "比上年提高0.3个百分点");
        assert_eq!(change_phrase(Change::Points(-0.8)), "比上年降低0.8个百分点");
    }
}
