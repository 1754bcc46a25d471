//! The district among its peers: for each indicator the district has a figure
//! of in the report year, its rank among the districts of its city (the
//! catalogue's `peer` regions) that have one, the city's average, and the
//! higher levels' (南京市, 江苏省, 全国) figures. Pure: receives the catalogue and
//! the analysis; hands on one [`Standing`] per indicator with anything to
//! compare, in catalogue order. Nothing is said where no such figure is given.
//!
//! Rules (printed in 编制说明): the rank counts the districts with a figure, from
//! the highest; equal figures share a rank. 全市平均 of a total (a count or an
//! amount) is the city's total ÷ the number of its districts in the catalogue;
//! without a city total, the mean of the districts' figures when every district
//! has one. A ratio (每万人, %) has no average: the city's own figure stands in.

use crate::catalog::{Catalog, Indicator, Kind};

use super::Analysis;

/// The district's rank among the districts with a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1 for the highest.
    pub place: usize,
    /// The districts ranked (the district included).
    pub of: usize,
    /// Whether every district of the city has a figure.
    pub complete: bool,
}

/// How the city's level was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The city's total ÷ the number of its districts.
    TotalOverDistricts,
    /// The mean of every district's figure (no city total given).
    MeanOfDistricts,
    /// A ratio: the city's own figure.
    CityFigure,
}

/// The city's level the district is compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct CityLevel {
    pub value: f64,
    pub rule: Rule,
    /// 全市, as the text names the city.
    pub level: String,
}

/// A higher level's figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Higher {
    pub region: String,
    /// 全市, 全省, 全国.
    pub level: String,
    pub value: f64,
}

/// One indicator's comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub id: String,
    pub value: f64,
    pub rank: Option<Rank>,
    pub city: Option<CityLevel>,
    /// The higher levels beyond the city (全省, 全国) with a figure.
    pub higher: Vec<Higher>,
}

/// Whether an indicator's figures add up over regions (a count or an amount),
/// so that a share and an average mean something.
pub fn additive(ind: &Indicator) -> bool {
    ind.derive.is_none() && !ind.is_percent()
}

/// The number of districts of the city: the district and its peers.
pub fn districts(catalog: &Catalog) -> usize {
    1 + catalog.peers().count()
}

/// The standings of the report year: those ranked among every district first,
/// then those ranked among some, then the rest, each in catalogue order.
pub fn standings(catalog: &Catalog, analysis: &Analysis) -> Vec<Standing> {
    let mut all: Vec<Standing> = catalog
        .indicators
        .iter()
        .filter(|i| i.kind != Kind::Cumulative)
        .filter_map(|ind| standing(catalog, analysis, ind))
        .collect();
    all.sort_by_key(|s| match s.rank {
        Some(r) if r.complete => 0,
        Some(_) => 1,
        None => 2,
    });
    all
}

fn standing(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<Standing> {
    let year = analysis.year;
    let value = analysis.district_value(&ind.id, year)?;
    let peers: Vec<f64> =
        catalog.peers().filter_map(|p| analysis.values.value(&ind.id, &p.name, year)).collect();
    let all = districts(catalog);
    let complete = peers.len() + 1 == all;
    // A rank among fewer than three districts says little.
    let rank = (peers.len() >= 2).then(|| Rank {
        place: 1 + peers.iter().filter(|v| **v > value).count(),
        of: peers.len() + 1,
        complete,
    });
    let mut higher_levels = catalog.higher();
    let city_region = higher_levels.next();
    let city_value = city_region.and_then(|c| analysis.values.value(&ind.id, &c.name, year));
    let level = city_region.map_or_else(|| "全市".to_string(), |c| c.level_name());
    let city = match (additive(ind), city_value) {
        (true, Some(total)) if all > 1 => {
            Some(CityLevel { value: total / all as f64, rule: Rule::TotalOverDistricts, level })
        }
        (true, None) if complete => Some(CityLevel {
            value: (value + peers.iter().sum::<f64>()) / all as f64,
            rule: Rule::MeanOfDistricts,
            level,
        }),
        (false, Some(v)) => Some(CityLevel { value: v, rule: Rule::CityFigure, level }),
        _ => None,
    };
    let higher: Vec<Higher> = higher_levels
        .filter_map(|r| {
            let v = analysis.values.value(&ind.id, &r.name, year)?;
            Some(Higher { region: r.name.clone(), level: r.level_name(), value: v })
        })
        .collect();
    (rank.is_some() || city.is_some() || !higher.is_empty()).then(|| Standing {
        id: ind.id.clone(),
        value,
        rank,
        city,
        higher,
    })
}
