//! The street assignment table (街道对照表): a workbook of keyword → street (a
//! road, a building, a park's name), in the project and named in
//! `yearbook.toml`. A record's street is found from its first applicant's
//! address (按第一署名申请人所在地统计): the longest keyword the address contains
//! wins; a tie goes to the row above. A street written as 区外 marks addresses
//! outside the district. Receives the table's sheet and the catalogue; hands on
//! a [`StreetTable`] that assigns addresses.

use aho_corasick::AhoCorasick;

use crate::catalog::Catalog;
use crate::diag::patents::PatentFinding as F;
use crate::diag::{Diagnostic, Kind, Level, Place};
use crate::workbook::Sheet;

/// The word written for an address outside the district.
pub const OUTSIDE: &str = "区外";

/// Where an address is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A street, by its catalogue name.
    Street(String),
    /// Outside the district.
    Outside,
}

/// The keywords and their streets.
#[derive(Debug, Clone, Default)]
pub struct StreetTable {
    pub rows: Vec<(String, Target)>,
    matcher: Option<AhoCorasick>,
    /// The workbook it was read from.
    pub source: String,
}

/// An address or keyword as compared: no spaces, half-width digits and letters.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '－' | '＃' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

impl StreetTable {
    /// A table of keywords and targets.
    pub fn new(rows: Vec<(String, Target)>, source: &str) -> StreetTable {
        let rows: Vec<(String, Target)> =
            rows.into_iter().map(|(k, t)| (normalise(&k), t)).filter(|(k, _)| !k.is_empty()).collect();
        let matcher = AhoCorasick::new(rows.iter().map(|(k, _)| k.as_str())).ok();
        StreetTable { rows, matcher, source: source.into() }
    }

    /// Reads the table from a sheet: a header row naming 关键词 (地址关键词, 关键字,
    /// 地址) and 街道 (所属街道, 街道（园区）), then a row per keyword. A row with a
    /// keyword and no street is one still to complete, and is skipped; a street
    /// not in the catalogue is a warning at its cell.
    pub fn from_sheet(file: &str, sheet: &Sheet, catalog: &Catalog) -> (StreetTable, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let Some((header, kcol, scol)) = header(
            sheet,
            &["关键词", "地址关键词", "关键字", "地址"],
            &["街道", "所属街道", "街道(园区)", "街道（园区）"],
        ) else {
            let place = Place::sheet(file, &sheet.name);
            diags.push(Diagnostic::new(
                Level::Error,
                place,
                Kind::Patent(F::UnknownStreet {
                    label: "（找不到“关键词”和“街道”两列的表头）".into()
                }),
            ));
            return (StreetTable::default(), diags);
        };
        let mut rows = Vec::new();
        for r in header + 1..sheet.height() {
            let key = crate::records::value::text(sheet.get(r, kcol));
            let street = crate::records::value::text(sheet.get(r, scol));
            match (key.is_empty(), street.is_empty()) {
                (true, true) | (false, true) => continue,
                (true, false) => {
                    let place = Place::cell(file, &sheet.name, r as u32, kcol as u32);
                    diags.push(Diagnostic::new(Level::Warning, place, Kind::Patent(F::IncompleteRow)));
                }
                (false, false) => match target(&street, catalog) {
                    Some(t) => rows.push((key.into_owned(), t)),
                    None => {
                        let place = Place::cell(file, &sheet.name, r as u32, scol as u32);
                        let label = street.into_owned();
                        diags.push(Diagnostic::new(
                            Level::Warning,
                            place,
                            Kind::Patent(F::UnknownStreet { label }),
                        ));
                    }
                },
            }
        }
        (StreetTable::new(rows, file), diags)
    }

    /// The target of an address: that of the longest keyword it contains.
    pub fn assign(&self, address: &str) -> Option<&Target> {
        let matcher = self.matcher.as_ref()?;
        let a = normalise(address);
        let best = matcher
            .find_overlapping_iter(&a)
            .map(|m| (m.len(), std::cmp::Reverse(m.pattern().as_usize())))
            .max()?;
        Some(&self.rows[best.1.0].1)
    }
}

/// A header row with both columns among the first ten rows: the row and columns.
pub fn header(sheet: &Sheet, first: &[&str], second: &[&str]) -> Option<(usize, usize, usize)> {
    (0..sheet.height().min(10)).find_map(|r| {
        let col = |names: &[&str]| {
            sheet.cells(r).find_map(|(c, cell)| {
                let t: String = cell.text()?.chars().filter(|c| !c.is_whitespace()).collect();
                names.contains(&t.as_str()).then_some(c)
            })
        };
        Some((r, col(first)?, col(second)?))
    })
}

/// The target a street cell names: a street of the catalogue (not the district,
/// a park or a comparison region) or 区外.
fn target(label: &str, catalog: &Catalog) -> Option<Target> {
    if matches!(label.trim(), OUTSIDE | "外区" | "区外地址") {
        return Some(Target::Outside);
    }
    let r = catalog.find_region(label)?;
    (!r.district && !r.park && !r.comparison).then(|| Target::Street(r.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::Cell;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn the_longest_keyword_wins() {
        let table = StreetTable::new(
            vec![
                ("中山路".into(), Target::Street("新街口街道".into())),
                ("中山路18号".into(), Target::Street("梅园新村街道".into())),
                ("鼓楼区".into(), Target::Outside),
            ],
            "对照表.xlsx",
        );
        assert_eq!(
            table.assign("南京市玄武区中山路 18号 德基广场"),
            Some(&Target::Street("梅园新村街道".into()))
        );
        assert_eq!(table.assign("南京市玄武区中山路１号"), Some(&Target::Street("新街口街道".into())));
        assert_eq!(table.assign("南京市鼓楼区汉口路22号"), Some(&Target::Outside));
        assert_eq!(table.assign("南京市玄武区玄武大道699号"), None);
    }

    #[test]
    fn read_from_a_sheet_with_short_names_and_todo_rows() {
        let catalog = Catalog::builtin();
        let sheet = Sheet::new(
            "对照表",
            vec![
                vec![t("关键词"), t("街道"), t("记录数")],
                vec![t("珠江路"), t("新街口"), Cell::Number(3.0)],
                vec![t("紫东路"), Cell::Empty],
                vec![t("汉中路"), t("区外")],
                vec![t("北京东路"), t("不知道街道")],
                vec![t("徐庄软件园"), t("徐庄高新区")],
            ],
        );
        let (table, diags) = StreetTable::from_sheet("对照表.xlsx", &sheet, &catalog);
        assert_eq!(
            table.rows,
            vec![
                ("珠江路".to_string(), Target::Street("新街口街道".into())),
                ("汉中路".to_string(), Target::Outside)
            ]
        );
        assert_eq!(diags.len(), 2);
        assert_eq!(diags[0].place.cell_ref(), "B5");
        assert_eq!(diags[0].message(), "街道“不知道街道”不是本区的街道，该行未采用");
        assert_eq!(diags[1].place.cell_ref(), "B6");
    }
}
