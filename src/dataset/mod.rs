//! Tidy observations: each value of each table becomes {indicator, region, year,
//! value, unit, source cell}, with the indicator and region matched to the catalogue
//! and the value converted to the catalogue's unit. The same observation read from
//! two places merges when the values agree and is an error when they differ.
//! How each table's labels are understood is decided per table ([`reading`]).
//! Receives tables; hands on a [`Dataset`] and diagnostics.

mod periods;
mod reading;

pub use crate::catalog::unit;
pub use crate::table::value;
pub use reading::Reading;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::catalog::Catalog;
use crate::catalog::{Indicator, Region};
use crate::diag::{Axis, Diagnostic, Findings, Kind, Level, Place};
use crate::table::{Record, Table};
use reading::Mode;
use value::{Value, parse_value};

/// The columns of a tidy row as written out (`yearbook export`, the PDF's
/// attachment) and read back (last year's yearbook), exactly.
pub const COLUMNS: [&str; 6] = ["indicator", "region", "year", "value", "unit", "source"];

/// One figure of the tidy dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    /// The indicator's id in the catalogue.
    pub indicator: String,
    /// The region's canonical name.
    pub region: String,
    pub year: i32,
    /// The value in the catalogue's unit.
    pub value: f64,
    /// The catalogue's unit.
    pub unit: String,
    /// The cell it was read from.
    pub source: Place,
}

/// The key of an observation: indicator id, region, year.
pub type Key = (String, String, i32);

/// The tidy dataset, sorted by key.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Figures of the indicators read from workbooks.
    pub observations: BTreeMap<Key, Observation>,
    /// Figures of derived indicators (those the catalogue computes by a rule) that
    /// a workbook gives too, from whatever layout; never in `observations`. The
    /// analysis checks them against its own computation.
    pub given: BTreeMap<Key, Observation>,
}

impl Dataset {
    /// How many figures were read: those of `observations` and the given ones.
    pub fn read_count(&self) -> usize {
        self.observations.len() + self.given.len()
    }

    /// The value of an indicator for a region and year.
    pub fn value(&self, indicator: &str, region: &str, year: i32) -> Option<f64> {
        self.observations.get(&(indicator.into(), region.into(), year)).map(|o| o.value)
    }

    /// The observation of an indicator for a region and year.
    pub fn get(&self, indicator: &str, region: &str, year: i32) -> Option<&Observation> {
        self.observations.get(&(indicator.into(), region.into(), year))
    }

    /// The years that have at least one observation.
    pub fn years(&self) -> BTreeSet<i32> {
        self.observations.keys().map(|k| k.2).collect()
    }

    /// The observations, in key order.
    pub fn iter(&self) -> impl Iterator<Item = &Observation> {
        self.observations.values()
    }
}

/// Counts of what one table gave, for progress output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taken {
    pub observations: usize,
    pub missing: usize,
    /// How the table's labels were understood; `None` when it was set aside.
    pub reading: Option<Reading>,
}

/// Builds up a dataset table by table.
pub struct Builder<'a> {
    catalog: &'a Catalog,
    dataset: Dataset,
    /// At most a hundred of a kind per sheet: a sheet of a million unknown labels
    /// or conflicting figures is summed up, not listed.
    diags: Findings,
    /// Labels already reported unknown, by sheet.
    unknown_labels: HashSet<(Place, String)>,
    /// Labels already looked up: a long table repeats a few labels many times, and
    /// normalising them is the costly part of a lookup.
    indicators: HashMap<String, Option<&'a Indicator>>,
    regions: HashMap<String, Option<&'a Region>>,
    /// Figures read twice alike, by (the later sheet, the earlier sheet): how many,
    /// and the first pair of cells.
    repeats: BTreeMap<(Place, Place), (usize, String, String)>,
}

impl<'a> Builder<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        Builder {
            catalog,
            dataset: Dataset::default(),
            diags: Findings::default(),
            unknown_labels: HashSet::new(),
            indicators: HashMap::new(),
            regions: HashMap::new(),
            repeats: BTreeMap::new(),
        }
    }

    /// The indicator a label names: read from workbooks, or derived (a figure the
    /// yearbook computes, which a workbook gives too).
    fn indicator(&mut self, label: &str) -> Option<&'a Indicator> {
        let cat: &'a Catalog = self.catalog;
        *self
            .indicators
            .entry(label.to_string())
            .or_insert_with(|| cat.find(label).or_else(|| cat.find_derived(label)))
    }

    /// The region a label names.
    fn region(&mut self, label: &str) -> Option<&'a Region> {
        let cat: &'a Catalog = self.catalog;
        *self.regions.entry(label.to_string()).or_insert_with(|| cat.find_region(label))
    }

    /// Which of a record's labels is the indicator and which the region, in the
    /// way its table was understood.
    /// `years_down` says whether a row label is a column's (see [`Table::years_down`]).
    fn resolve(&mut self, rec: &Record, mode: Mode<'a>, years_down: bool) -> Option<(&'a Indicator, String)> {
        let cat: &'a Catalog = self.catalog;
        let district = &cat.district().name;
        let place = &rec.place;
        let region_of = |b: &mut Self, label: &str| match b.region(label) {
            Some(r) => Some(r.name.clone()),
            None => {
                b.unknown_region(place, label);
                None
            }
        };
        // The long layout says which is which.
        let (ind, region) = match (mode, &rec.region, &rec.column) {
            (_, Some(r), _) | (Mode::RowIndicators, None, Some(r)) => {
                let Some(ind) = self.indicator(&rec.row) else {
                    self.unknown_label(place, &rec.row, Axis::Row);
                    return None;
                };
                (ind, region_of(self, r)?)
            }
            (Mode::RowIndicators, None, None) => {
                let Some(ind) = self.indicator(&rec.row) else {
                    let axis = if years_down { Axis::Column } else { Axis::Row };
                    self.unknown_label(place, &rec.row, axis);
                    return None;
                };
                (ind, district.clone())
            }
            // Months down the side under a column headed by its period alone: the
            // district's figures of the indicator named around the table.
            (Mode::Subject(ind), None, _) if rec.row.trim().is_empty() => (ind, district.clone()),
            (Mode::Subject(ind), None, _) => (ind, region_of(self, &rec.row)?),
            (Mode::RowRegions(subject), None, Some(c)) => {
                let Some(ind) = self.column_indicator(c, subject) else {
                    self.unknown_label(place, c, Axis::Column);
                    return None;
                };
                (ind, region_of(self, &rec.row)?)
            }
            // A column headed by its year alone: the subject's figures. Without a
            // subject the columns were reported with their table; the row's label
            // is a region, never an indicator.
            (Mode::RowRegions(subject), None, None) => (subject?, region_of(self, &rec.row)?),
        };
        Some((ind, region))
    }

    /// Takes the records of one table.
    pub fn add_table(&mut self, table: &Table) -> Taken {
        let Some((mode, reading)) = self.understand(table) else {
            return Taken { observations: 0, missing: 0, reading: None };
        };
        let mut taken = Taken { observations: 0, missing: table.blanks, reading: Some(reading) };
        let mut parts = periods::Parts::default();
        for rec in &table.records {
            let place = &rec.place;
            // A record without a year was reported with its table, unless it is
            // for a part of a year, which the parts of its year may make whole.
            let Some(year) = rec.year.or_else(|| rec.period.as_ref().and_then(|p| p.year())) else {
                continue;
            };
            let Some((ind, region)) = self.resolve(rec, mode, table.years_down) else { continue };
            let (raw, percent) = match parse_value(&rec.value) {
                Value::Number(v) => (v, false),
                Value::Percent(v) => (v, true),
                Value::Missing => {
                    taken.missing += 1;
                    continue;
                }
                Value::Invalid(what) => {
                    self.diags.push(Diagnostic::new(
                        Level::Error,
                        place.clone(),
                        Kind::NotANumber {
                            indicator: ind.name.clone(),
                            year,
                            what: what.describe(),
                            hint: what.hint().to_string(),
                        },
                    ));
                    continue;
                }
            };
            // A percentage cell says its own unit; a unit in the row label is more
            // specific than the table's, when it is one this tool knows.
            let label_unit = rec.label_unit.as_deref().filter(|u| unit::is_known(u));
            let from = if percent { "%" } else { label_unit.or(rec.unit.as_deref()).unwrap_or(&ind.unit) };
            let Some(value) = unit::convert(raw, from, &ind.unit) else {
                self.diags.push(Diagnostic::new(
                    Level::Error,
                    place.clone(),
                    Kind::UnitNotConvertible {
                        indicator: ind.name.clone(),
                        from: unit::clean(from),
                        to: ind.unit.clone(),
                    },
                ));
                continue;
            };
            if let Some(range) = ind.range
                && !range.contains(value)
            {
                let unit = if percent { "%".to_string() } else { unit::clean(from) };
                let shown = format!("{}{unit}", crate::format::cell(raw));
                self.diags.push(Diagnostic::new(
                    Level::Error,
                    place.clone(),
                    Kind::OutOfRange {
                        indicator: ind.name.clone(),
                        year,
                        shown,
                        min: range.min.to_string(),
                        max: range.max.to_string(),
                        unit: ind.unit.clone(),
                    },
                ));
                continue;
            }
            let obs = Observation {
                indicator: ind.id.clone(),
                region,
                year,
                value,
                unit: ind.unit.clone(),
                source: place.clone(),
            };
            match (rec.year, &rec.period) {
                (None, Some(period)) => parts.add(ind, obs, period.clone(), rec.total, unit::clean(from)),
                _ => {
                    parts.direct(&obs);
                    self.insert(obs, ind);
                    taken.observations += 1;
                }
            }
        }
        for (obs, ind) in parts.years(&mut self.diags) {
            self.insert(obs, ind);
            taken.observations += 1;
        }
        taken
    }

    fn unknown_region(&mut self, place: &Place, r: &str) {
        if self.unknown_labels.insert((place.sheet_of(), format!("地区:{r}"))) {
            self.diags.push(Diagnostic::new(
                Level::Warning,
                place.clone(),
                Kind::UnknownRegion { label: r.trim().to_string() },
            ));
        }
    }

    fn unknown_label(&mut self, place: &Place, label: &str, axis: Axis) {
        if !self.unknown_labels.insert((place.sheet_of(), label.to_string())) {
            return;
        }
        // The closest names take time to find: only for a label that is listed.
        if !self.diags.has_room(place, "unknown-indicator") {
            return self.diags.omit(place, "unknown-indicator", Level::Warning);
        }
        let row_place = place.clone();
        let candidates = self.catalog.candidates(label);
        self.diags.push(Diagnostic::new(
            Level::Warning,
            row_place,
            Kind::UnknownIndicator { label: label.trim().to_string(), candidates, axis },
        ));
    }

    /// Adds an observation of an indicator: to the given figures when the
    /// catalogue derives the indicator, whatever the layout it was read from. The
    /// same figure read twice keeps its first reading (files by name, sheets in
    /// order, cells row by row), with a note naming both places; two readings that
    /// differ beyond binary noise are an error, printed so that they differ.
    fn insert(&mut self, obs: Observation, ind: &Indicator) {
        let key = (obs.indicator.clone(), obs.region.clone(), obs.year);
        let given = ind.derive.is_some();
        let map = if given { &mut self.dataset.given } else { &mut self.dataset.observations };
        match map.get(&key) {
            None => {
                map.insert(key, obs);
            }
            Some(old) if agrees(old.value, obs.value) => {
                let entry =
                    self.repeats.entry((obs.source.sheet_of(), old.source.sheet_of())).or_insert_with(|| {
                        (0, obs.source.cell_ref().to_string(), old.source.cell_ref().to_string())
                    });
                entry.0 += 1;
            }
            Some(_) if !self.diags.has_room(&obs.source, "conflicting-figures") => {
                self.diags.omit(&obs.source, "conflicting-figures", Level::Error);
            }
            Some(old) => {
                let (value, first_value) = crate::format::distinct(ind, obs.value, old.value);
                self.diags.push(Diagnostic::new(
                    Level::Error,
                    obs.source.clone(),
                    Kind::ConflictingFigures {
                        indicator: ind.name.clone(),
                        region: obs.region.clone(),
                        year: obs.year,
                        value,
                        first: old.source.to_string(),
                        first_value,
                        unit: ind.unit.clone(),
                    },
                ))
            }
        }
    }

    /// The dataset and everything found on the way.
    pub fn finish(mut self) -> (Dataset, Vec<Diagnostic>) {
        // One note per pair of sheets that give the same figures: which is the source.
        for ((later, earlier), (count, cell, earlier_cell)) in std::mem::take(&mut self.repeats) {
            self.diags.push(Diagnostic::new(
                Level::Note,
                later,
                Kind::RepeatedFigures { count, earlier, cell, earlier_cell },
            ));
        }
        (self.dataset, self.diags.finish())
    }
}

/// Two readings of one figure agree when they are equal to 1e-9, relatively: a
/// formula's binary noise (0.1 + 0.2 against 0.3) is no difference; anything
/// more is.
pub fn agrees(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests;
