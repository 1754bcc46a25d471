//! Revisions (数据修订): figures of earlier years that this year's workbooks give
//! differently from last year's yearbook. Every (indicator, region, year) in both
//! whose printed forms differ is a revision; a difference within the rounding of
//! the printed figure is not. Pure: receives the catalogue, this year's dataset and
//! last year's rows ([`crate::previous`]); hands on [`Revision`]s, each with the
//! cell the new figure comes from.

use crate::catalog::Catalog;
use crate::dataset::Dataset;
use crate::diag::{Diagnostic, Kind, Level, Place};
use crate::format;
use crate::previous::PreviousRow;

/// One revised figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// The indicator's id.
    pub indicator: String,
    pub region: String,
    pub year: i32,
    /// As printed last year and this year, in the catalogue's unit.
    pub old: f64,
    pub new: f64,
    /// Where this year's figure was read.
    pub source: Place,
}

/// The revisions of this year's data against last year's rows, in the order of
/// this year's dataset (indicator, region, year).
pub fn find(catalog: &Catalog, dataset: &Dataset, previous: &[PreviousRow]) -> Vec<Revision> {
    let mut out = Vec::new();
    for row in previous {
        let Some(ind) = catalog.find(&row.indicator) else { continue };
        // A figure printed in another unit (the catalogue changed) is not compared.
        if !crate::catalog::unit::same(&row.unit, &ind.unit) {
            continue;
        }
        let Some(obs) = dataset.observations.get(&(ind.id.clone(), row.region.clone(), row.year)) else {
            continue;
        };
        if format::value(ind, Some(row.value)) != format::value(ind, Some(obs.value)) {
            out.push(Revision {
                indicator: ind.id.clone(),
                region: row.region.clone(),
                year: row.year,
                old: row.value,
                new: obs.value,
                source: obs.source.clone(),
            });
        }
    }
    out.sort_by(|a, b| (&a.indicator, &a.region, a.year).cmp(&(&b.indicator, &b.region, b.year)));
    let position = |id: &str| catalog.indicators.iter().position(|i| i.id == id);
    out.sort_by_key(|r| position(&r.indicator));
    out
}

impl Revision {
    /// The difference as printed: the printed new figure − the printed old one,
    /// with the indicator's decimals, so that 差额 is what the two columns show
    /// (1.37 − 1.36 = +0.01, though 1.365 − 1.36 rounds to 0.00).
    pub fn difference(&self, catalog: &Catalog) -> String {
        let ind = catalog.get(&self.indicator).expect("found in the catalogue");
        let printed = |v: f64| format::value(ind, Some(v)).parse::<f64>().unwrap_or(v);
        let change = printed(self.new) - printed(self.old);
        let d = format::value(ind, Some(change));
        if change > 0.0 { format!("+{d}") } else { d }
    }

    /// The revision as a warning at the new figure's cell.
    pub fn diagnostic(&self, catalog: &Catalog, previous_file: &str) -> Diagnostic {
        let ind = catalog.get(&self.indicator).expect("found in the catalogue");
        Diagnostic::new(
            Level::Warning,
            self.source.clone(),
            Kind::Revision {
                indicator: ind.name.clone(),
                region: self.region.clone(),
                year: self.year,
                new: format::value(ind, Some(self.new)),
                old: format::value(ind, Some(self.old)),
                unit: ind.unit.clone(),
                difference: self.difference(catalog),
                previous_file: previous_file.to_string(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Observation;

    #[test]
    fn a_difference_beyond_the_printed_rounding_is_a_revision() {
        let cat = Catalog::builtin();
        let mut ds = Dataset::default();
        let mut add = |id: &str, year: i32, value: f64| {
            ds.observations.insert(
                (id.into(), "玄武区".into(), year),
                Observation {
                    indicator: id.into(),
                    region: "玄武区".into(),
                    year,
                    value,
                    unit: String::new(),
                    source: Place::cell("新.xlsx", "s", 4, 10),
                },
            );
        };
        add("tm_registrations", 2024, 6712.0);
        add("pledge_financing", 2024, 1.361);
        add("pledge_financing", 2023, 1.30);
        add("pledge_financing", 2022, 1.365);
        let row = |name: &str, year: i32, value: f64, unit: &str| PreviousRow {
            indicator: name.into(),
            region: "玄武区".into(),
            year,
            value,
            unit: unit.into(),
        };
        let previous = [
            row("商标注册量", 2024, 6650.0, "件"),
            // 1.36 and 1.361 both print 1.36: not a revision.
            row("知识产权质押融资额", 2024, 1.36, "亿元"),
            row("知识产权质押融资额", 2023, 1.28, "亿元"),
            // 1.365 prints 1.37: the difference is 0.01 as printed, not 0.005.
            row("知识产权质押融资额", 2022, 1.36, "亿元"),
            // Not in this year's data: nothing to compare.
            row("商标注册量", 2019, 1.0, "件"),
        ];
        let found = find(&cat, &ds, &previous);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!((found[0].indicator.as_str(), found[0].year), ("tm_registrations", 2024));
        assert_eq!(found[0].difference(&cat), "+62");
        assert_eq!((found[1].year, found[1].difference(&cat).as_str()), (2022, "+0.01"));
        assert_eq!(found[2].difference(&cat), "+0.02");
        assert_eq!(
            found[0].diagnostic(&cat, "上年.pdf").to_string(),
            "警告：新.xlsx，工作表“s”，单元格 K5：“商标注册量”玄武区2024年为 6712件，上年年报（上年.pdf）为 6650件，差额 +62；年报将在附录“数据修订说明”中列为修订。如非修订，请核对该单元格"
        );
        let d = found[2].diagnostic(&cat, "上年.pdf");
        assert_eq!((d.level, &d.place), (Level::Warning, &Place::cell("新.xlsx", "s", 4, 10)));
        assert_eq!(
            d.kind,
            Kind::Revision {
                indicator: "知识产权质押融资额".into(),
                region: "玄武区".into(),
                year: 2023,
                new: "1.30".into(),
                old: "1.28".into(),
                unit: "亿元".into(),
                difference: "+0.02".into(),
                previous_file: "上年.pdf".into(),
            }
        );
    }
}
