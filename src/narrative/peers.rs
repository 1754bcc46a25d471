//! Sentences of the district among its peers: `居全市第2位，比全市平均水平
//! （5000件）高3710件，占全省的2.1%`. Receives the standings
//! ([`crate::analysis::peers`]); hands on the 综述's paragraph and each chapter's.

use crate::analysis::Analysis;
use crate::analysis::peers::{Rule, Standing, additive};
use crate::catalog::{Catalog, Indicator};
use crate::format;

/// A value with its unit: 8710件, 8.4%.
fn with_unit(ind: &Indicator, v: f64) -> String {
    format!("{}{}", format::value(ind, Some(v)), ind.unit)
}

/// `高3710件`, `低0.4个百分点`; `None` when the printed difference is nil.
fn difference(ind: &Indicator, by: f64) -> Option<String> {
    let shown = format::value(ind, Some(by.abs()));
    if shown.chars().all(|c| c == '0' || c == '.') {
        return None;
    }
    let unit = if ind.is_percent() { "个百分点" } else { ind.unit.as_str() };
    Some(format!("{}{shown}{unit}", if by > 0.0 { "高" } else { "低" }))
}

/// What the standing says, after the indicator's name and value.
pub fn clause(ind: &Indicator, s: &Standing) -> String {
    let mut parts = Vec::new();
    if let Some(r) = s.rank {
        let level = s.city.as_ref().map_or("全市", |c| c.level.as_str());
        parts.push(if r.complete {
            format!("居{level}第{}位", r.place)
        } else {
            format!("在有数据的{}个区中居第{}位", r.of, r.place)
        });
    }
    if let Some(c) = &s.city {
        let what = match c.rule {
            Rule::TotalOverDistricts | Rule::MeanOfDistricts => format!("{}平均水平", c.level),
            Rule::CityFigure => format!("{}水平", c.level),
        };
        parts.push(match difference(ind, s.value - c.value) {
            Some(d) => format!("比{what}（{}）{d}", with_unit(ind, c.value)),
            None => format!("与{what}（{}）持平", with_unit(ind, c.value)),
        });
    }
    for h in &s.higher {
        if additive(ind) {
            if h.value > 0.0 {
                parts.push(format!("占{}的{}%", h.level, format::round(s.value / h.value * 100.0, 1)));
            }
        } else {
            parts.push(match difference(ind, s.value - h.value) {
                Some(d) => format!("比{}水平（{}）{d}", h.level, with_unit(ind, h.value)),
                None => format!("与{}水平（{}）持平", h.level, with_unit(ind, h.value)),
            });
        }
    }
    parts.join("，")
}

/// The 综述's paragraph: every indicator compared, with its value.
pub fn summary(catalog: &Catalog, analysis: &Analysis, standings: &[Standing]) -> Option<String> {
    let clauses: Vec<String> = standings
        .iter()
        .filter_map(|s| Some((catalog.get(&s.id)?, s)))
        .map(|(ind, s)| format!("{}{}，{}", ind.name, with_unit(ind, s.value), clause(ind, s)))
        .collect();
    (!clauses.is_empty()).then(|| format!("{}年，全区{}。", analysis.year, clauses.join("；")))
}

/// A chapter's paragraph: the indicators of its category compared.
pub fn chapter(catalog: &Catalog, category: &str, standings: &[Standing]) -> Option<String> {
    let clauses: Vec<String> = standings
        .iter()
        .filter_map(|s| Some((catalog.get(&s.id)?, s)))
        .filter(|(ind, _)| ind.category == category)
        .map(|(ind, s)| format!("{}{}", ind.name, clause(ind, s)))
        .collect();
    (!clauses.is_empty()).then(|| format!("从区域比较看，{}。", clauses.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::peers::{CityLevel, Higher, Rank};

    #[test]
    fn percentages_differ_in_points_and_equal_printed_figures_are_level() {
        let cat = Catalog::builtin();
        let share = cat.get("copyright_industry_share").unwrap();
        let s = Standing {
            id: share.id.clone(),
            value: 8.44,
            rank: Some(Rank { place: 4, of: 7, complete: false }),
            city: Some(CityLevel { value: 8.0, rule: Rule::CityFigure, level: "全市".into() }),
            higher: vec![Higher { region: "江苏省".into(), level: "全省".into(), value: 8.4 }],
        };
        assert_eq!(
            clause(share, &s),
            "在有数据的7个区中居第4位，比全市水平（8.0%）高0.4个百分点，与全省水平（8.4%）持平"
        );
        let grants = cat.get("patent_grants").unwrap();
        let s = Standing {
            id: grants.id.clone(),
            value: 6000.0,
            rank: Some(Rank { place: 5, of: 11, complete: true }),
            city: Some(CityLevel { value: 6594.5, rule: Rule::TotalOverDistricts, level: "全市".into() }),
            higher: Vec::new(),
        };
        assert_eq!(clause(grants, &s), "居全市第5位，比全市平均水平（6595件）低595件");
    }
}
