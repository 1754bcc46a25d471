//! Records beside official figures. The district's counts of the indicators a
//! list gives (专利申请量, 发明专利申请量, the grants by type, 有效发明专利拥有量,
//! 维持10年以上有效发明专利数, 高价值发明专利拥有量) become observations with the
//! list as their source where no workbook gives that figure; where one does, the
//! workbook's figure stands and the list's count is compared with it: `check`
//! shows both and their difference, a note within the tolerance set in
//! `yearbook.toml`, a warning beyond it. Receives the counts and the dataset;
//! hands on the observations added and the findings.

use crate::dataset::{Dataset, Observation};
use crate::diag::patents::PatentFinding as F;
use crate::diag::{Diagnostic, Kind, Level, Place};

use super::count::{Counts, Tally};

/// The catalogue ids of the indicators counted from records, with the count.
/// How a figure is counted from a tally.
pub type Counter = fn(&Tally) -> u64;

pub const INDICATORS: [(&str, Counter); 9] = [
    ("patent_applications", |t| t.applications_total()),
    ("invention_applications", |t| t.applications[0]),
    ("patent_grants", |t| t.grants_total()),
    ("invention_grants", |t| t.grants[0]),
    ("utility_grants", |t| t.grants[1]),
    ("design_grants", |t| t.grants[2]),
    ("invention_stock", |t| t.in_force),
    ("invention_10y", |t| t.ten_years),
    ("high_value_invention_stock", |t| t.high_value),
];

/// Which years the list's counts may enter the dataset for: the years the
/// workbooks have; with no workbook figures at all, the years up to the one
/// before the list's last date (that year may be cut short by the export).
pub fn years(counts: &Counts, dataset: &Dataset) -> Vec<i32> {
    let tables = dataset.years();
    if !tables.is_empty() {
        return counts.years.keys().copied().filter(|y| tables.contains(y)).collect();
    }
    let last = counts.years.keys().next_back().copied();
    counts.years.keys().copied().filter(|y| last.is_some_and(|l| *y < l)).collect()
}

/// Adds the district counts the dataset lacks, and compares the others with the
/// workbooks' figures (`tolerance` in %). `district` is its name, `unit` its
/// catalogue unit per id, `source` the first list's sheet.
pub fn merge(
    counts: &Counts,
    dataset: &mut Dataset,
    district: &str,
    names: &dyn Fn(&str) -> Option<(String, String)>,
    source: &Place,
    tolerance: f64,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for y in years(counts, dataset) {
        let Some(year) = counts.years.get(&y) else { continue };
        for (id, of) in INDICATORS {
            let Some((name, unit)) = names(id) else { continue };
            let list = of(&year.total);
            let key = (id.to_string(), district.to_string(), y);
            match dataset.observations.get(&key) {
                Some(o) => {
                    let official = o.value;
                    let difference = list as f64 - official;
                    let percent = if official == 0.0 { 0.0 } else { difference / official * 100.0 };
                    let beyond = percent.abs() > tolerance || official == 0.0 && list > 0;
                    let kind = F::Compared(Box::new(crate::diag::patents::Comparison {
                        indicator: name,
                        year: y,
                        official: crate::format::round(official, 0),
                        list: crate::format::round(list as f64, 0),
                        difference: format!("{difference:+.0}"),
                        percent: format!("{percent:+.1}"),
                        bound: format!("{tolerance}"),
                        beyond,
                    }));
                    let level = if beyond { Level::Warning } else { Level::Note };
                    diags.push(Diagnostic::new(level, o.source.clone(), Kind::Patent(kind)));
                }
                None => {
                    let o = Observation {
                        indicator: id.to_string(),
                        region: district.to_string(),
                        year: y,
                        value: list as f64,
                        unit,
                        source: source.clone(),
                    };
                    dataset.observations.insert(key, o);
                }
            }
        }
    }
    diags
}
