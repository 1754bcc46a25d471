//! Patent lists wired up: the records read from the data folder's lists, the
//! street table and the IPC concordance read from the paths `yearbook.toml`
//! names, the counts, and the district figures merged into the dataset (or
//! compared with the workbooks'), with everything found as diagnostics.

use std::path::Path;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::diag::patents::PatentFinding as F;
use crate::diag::{Diagnostic, Kind, Level, Place};
use crate::records::count::{self, Counts, Rules};
use crate::records::ipc::Concordance;
use crate::records::streets::{self, StreetTable};
use crate::records::{self, Records};
use crate::workbook;

/// How many unmatched addresses are listed one by one.
const MAX_UNMATCHED: usize = 100;

/// The records of the lists read, counted, and merged into the dataset.
pub fn counted(
    config: &Config,
    catalog: &Catalog,
    builder: records::Builder,
    dataset: &mut Dataset,
    diags: &mut Vec<Diagnostic>,
) -> (Records, Counts) {
    let (records, found) = builder.finish();
    diags.extend(found);
    if records.is_empty() {
        return (records, Counts::default());
    }
    let p = &config.patents;
    let streets = p.streets.as_deref().and_then(|path| {
        let (sheet, name) = first_sheet(path, diags)?;
        let (table, found) = StreetTable::from_sheet(&name, &sheet, catalog);
        diags.extend(found);
        Some(table)
    });
    let industries = p.industries.as_deref().and_then(|path| concordance(path, diags));
    let rules = Rules { streets, industries, pledge_threshold: p.pledge_threshold };
    let counts = count::count(&records, &rules);
    diags.extend(findings(&records, &counts));
    let district = catalog.district().name.clone();
    let names = |id: &str| catalog.get(id).map(|i| (i.name.clone(), i.unit.clone()));
    let first = &records.lists[0];
    let source = Place::sheet(&first.file, &first.sheet);
    diags.extend(records::compare::merge(&counts, dataset, &district, &names, &source, p.tolerance));
    (records, counts)
}

/// The notes and warnings of the counts: the criteria assessed, the unmatched
/// addresses (most frequent first, at their first record's row), a missing
/// street table.
fn findings(records: &Records, counts: &Counts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let assessed = counts.criteria.iter().filter(|c| c.1.is_none()).map(|c| c.0).collect();
    let not = counts.criteria.iter().filter_map(|c| c.1.map(|why| (c.0, why))).collect();
    out.push(Diagnostic::new(Level::Note, Place::none(), Kind::Patent(F::Criteria { assessed, not })));
    for (address, count, (list, row)) in counts.unmatched.iter().take(MAX_UNMATCHED) {
        let l = &records.lists[usize::from(*list)];
        let place = Place::cell(&l.file, &l.sheet, *row, l.number_col as u32);
        let kind = F::Unmatched { address: address.clone(), count: *count };
        out.push(Diagnostic::new(Level::Warning, place, Kind::Patent(kind)));
    }
    if counts.unmatched.len() > MAX_UNMATCHED {
        let rest = counts.unmatched.len() - MAX_UNMATCHED;
        out.push(Diagnostic::new(
            Level::Warning,
            Place::none(),
            Kind::Omitted { count: rest, of: "patent-unmatched-address" },
        ));
    }
    if counts.unplaced > 0 {
        let kind = F::NoStreetTable { records: counts.unplaced };
        out.push(Diagnostic::new(Level::Note, Place::none(), Kind::Patent(kind)));
    }
    out
}

/// The first sheet of a workbook and the file's name; a diagnostic when it
/// cannot be read.
fn first_sheet(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<(workbook::Sheet, String)> {
    let (book, found) = workbook::read(path);
    diags.extend(found);
    let book = book?;
    let name = book.name.clone();
    book.sheets.into_iter().find(|s| !s.hidden).map(|s| (s, name))
}

/// The IPC → 战略性新兴产业 concordance: columns IPC (分类号, IPC分类号) and 产业
/// (战略性新兴产业, 产业名称).
fn concordance(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Concordance> {
    let (sheet, name) = first_sheet(path, diags)?;
    let ipc = ["IPC", "ipc", "分类号", "IPC分类号", "国际专利分类号", "IPC小类"];
    let industry = ["产业", "战略性新兴产业", "产业名称", "战略性新兴产业分类"];
    let Some((header, icol, ncol)) = streets::header(&sheet, &ipc, &industry) else {
        let kind =
            F::UnknownStreet { label: "（找不到“IPC”和“产业”两列的表头）".into() };
        diags.push(Diagnostic::new(Level::Error, Place::sheet(&name, &sheet.name), Kind::Patent(kind)));
        return None;
    };
    let mut rows = Vec::new();
    for r in header + 1..sheet.height() {
        let class = records::value::text(sheet.get(r, icol));
        let class: String =
            class.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let industry = records::value::text(sheet.get(r, ncol));
        match (class.is_empty(), industry.is_empty()) {
            (true, true) => {}
            (false, false) => rows.push((class, industry.into_owned())),
            _ => {
                let place = Place::cell(&name, &sheet.name, r as u32, icol as u32);
                diags.push(Diagnostic::new(Level::Warning, place, Kind::Patent(F::IncompleteRow)));
            }
        }
    }
    Some(Concordance { rows, source: name })
}
