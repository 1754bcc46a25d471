//! Findings gathered with a cap per sheet and kind: a sheet of two million
//! figures that all disagree, or a million unknown labels, gives the first
//! [`MAX_PER_SHEET`] findings of each kind and one more that counts the rest,
//! rather than millions of lines that cost gigabytes and say nothing new.
//!
//! Receives diagnostics from the stages that find them cell by cell (the table
//! finder, the dataset); hands on the list, each sheet's summaries last.

use std::collections::{BTreeMap, HashMap};

use super::{Diagnostic, Kind, Level, Place};

/// Findings of one kind listed for one sheet; the rest are counted.
pub const MAX_PER_SHEET: usize = 100;

/// Diagnostics, at most [`MAX_PER_SHEET`] of a kind for a sheet (a file, for
/// findings about a file; the data as a whole, for the others).
#[derive(Debug, Default)]
pub struct Findings {
    list: Vec<Diagnostic>,
    listed: HashMap<(Place, &'static str), usize>,
    /// Per sheet and kind, the findings not listed: how many, and how serious.
    omitted: BTreeMap<(Place, &'static str), (usize, Level)>,
}

impl Findings {
    /// Whether a finding of kind `id` (see [`Kind::id`]) at `place` would still be
    /// listed: for kinds whose finding costs time to make (the closest names of an
    /// unknown label).
    pub fn has_room(&self, place: &Place, id: &'static str) -> bool {
        self.listed.get(&(place.sheet_of(), id)).is_none_or(|&n| n < MAX_PER_SHEET)
    }

    /// Adds a finding, or counts it when its sheet has its fill of the kind.
    pub fn push(&mut self, d: Diagnostic) {
        let key = (d.place.sheet_of(), d.kind.id());
        let listed = self.listed.entry(key.clone()).or_insert(0);
        if *listed < MAX_PER_SHEET {
            *listed += 1;
            self.list.push(d);
        } else {
            let entry = self.omitted.entry(key).or_insert((0, d.level));
            entry.0 += 1;
            entry.1 = entry.1.max(d.level);
        }
    }

    /// Counts a finding that was not made because its sheet has its fill of the
    /// kind (see [`Findings::has_room`]).
    pub fn omit(&mut self, place: &Place, id: &'static str, level: Level) {
        let entry = self.omitted.entry((place.sheet_of(), id)).or_insert((0, level));
        entry.0 += 1;
        entry.1 = entry.1.max(level);
    }

    /// The last finding listed, taken off the list (for tests of the stages).
    #[cfg(test)]
    pub fn pop(&mut self) -> Option<Diagnostic> {
        self.list.pop()
    }

    /// The findings, and one for the findings of each kind not listed in a sheet.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for ((place, of), (count, level)) in self.omitted {
            self.list.push(Diagnostic::new(level, place, Kind::Omitted { count, of }));
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(file: &str, row: u32) -> Diagnostic {
        Diagnostic::new(
            Level::Warning,
            Place::cell(file, "表", row, 0),
            Kind::UnknownRegion { label: format!("地区{row}") },
        )
    }

    #[test]
    fn past_the_cap_a_sheet_s_findings_of_a_kind_are_counted_in_one() {
        let mut f = Findings::default();
        for row in 0..250 {
            f.push(unknown("a.xlsx", row));
        }
        f.push(unknown("b.xlsx", 0));
        assert!(!f.has_room(&Place::cell("a.xlsx", "表", 9, 9), "unknown-region"));
        assert!(f.has_room(&Place::cell("a.xlsx", "表", 9, 9), "unknown-indicator"));
        f.omit(&Place::cell("a.xlsx", "表", 300, 0), "unknown-region", Level::Warning);
        let list = f.finish();
        assert_eq!(list.len(), 102);
        assert_eq!(list[99], unknown("a.xlsx", 99));
        assert_eq!(list[100], unknown("b.xlsx", 0));
        assert_eq!(
            list[101],
            Diagnostic::new(
                Level::Warning,
                Place::sheet("a.xlsx", "表"),
                Kind::Omitted { count: 151, of: "unknown-region" }
            )
        );
        assert_eq!(
            list[101].to_string(),
            "警告：a.xlsx，工作表“表”：另有 151 处“无法识别的地区”未逐一列出。请先按上面列出的提示修正，再重新检查"
        );
    }
}
