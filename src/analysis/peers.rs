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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Dataset, Observation};
    use crate::diag::Place;

    fn dataset(rows: &[(&str, &str, f64)]) -> Dataset {
        let mut ds = Dataset::default();
        for &(id, region, value) in rows {
            let obs = Observation {
                indicator: id.into(),
                region: region.into(),
                year: 2025,
                value,
                unit: String::new(),
                source: Place::cell("t.xlsx", "s", 1, 1),
            };
            ds.observations.insert((id.into(), region.into(), 2025), obs);
        }
        ds
    }

    const DISTRICTS: [&str; 11] = [
        "玄武区",
        "秦淮区",
        "建邺区",
        "鼓楼区",
        "浦口区",
        "栖霞区",
        "雨花台区",
        "江宁区",
        "六合区",
        "溧水区",
        "高淳区",
    ];

    #[test]
    fn equal_figures_share_a_rank_and_every_district_averages_without_a_city_total() {
        let cat = Catalog::builtin();
        // 玄武区 and 鼓楼区 tie for second behind 江宁区.
        let values = [100.0, 50.0, 60.0, 100.0, 10.0, 20.0, 30.0, 150.0, 5.0, 6.0, 7.0];
        let rows: Vec<(&str, &str, f64)> =
            DISTRICTS.iter().zip(values).map(|(d, v)| ("patent_grants", *d, v)).collect();
        let (a, _) = crate::analysis::analyse(&cat, &dataset(&rows), 2025);
        let s = standings(&cat, &a);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rank, Some(Rank { place: 2, of: 11, complete: true }));
        let city = s[0].city.as_ref().unwrap();
        assert_eq!(city.rule, Rule::MeanOfDistricts);
        assert!((city.value - 538.0 / 11.0).abs() < 1e-9);
        assert!(s[0].higher.is_empty());
    }

    #[test]
    fn a_city_total_alone_gives_the_average_and_no_rank() {
        let cat = Catalog::builtin();
        let ds = dataset(&[
            ("patent_grants", "玄武区", 8710.0),
            ("patent_grants", "秦淮区", 6120.0),
            ("patent_grants", "南京市", 72540.0),
            ("patent_grants", "全国", 4_400_000.0),
        ]);
        let (a, _) = crate::analysis::analyse(&cat, &ds, 2025);
        let s = standings(&cat, &a);
        // One peer is too few to rank among.
        assert_eq!(s[0].rank, None);
        let city = s[0].city.as_ref().unwrap();
        assert_eq!((city.rule, city.level.as_str()), (Rule::TotalOverDistricts, "全市"));
        assert!((city.value - 72540.0 / 11.0).abs() < 1e-9);
        assert_eq!(s[0].higher, [Higher { region: "全国".into(), level: "全国".into(), value: 4_400_000.0 }]);
    }

    #[test]
    fn nothing_without_peer_or_higher_figures() {
        let cat = Catalog::builtin();
        let (a, _) = crate::analysis::analyse(&cat, &dataset(&[("patent_grants", "玄武区", 8710.0)]), 2025);
        assert!(standings(&cat, &a).is_empty());
    }
}
