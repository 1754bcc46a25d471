//! Reading the data folder: every workbook (parsed again only when it changed, for
//! `serve` and `--watch`) through the table finder into the tidy dataset, with
//! what was read from each file and sheet. Receives the options; hands on a
//! [`DataRead`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::dataset::{self, Dataset};
use crate::diag::{Diagnostic, Kind, Level};
use crate::options::Options;
use crate::table;
use crate::workbook;

/// What was read from one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSummary {
    pub name: String,
    pub hidden: bool,
    pub tables: usize,
    pub observations: usize,
    pub missing: usize,
    /// How each table read was understood, for `check`.
    pub readings: Vec<dataset::Reading>,
}

/// What was read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub name: String,
    pub path: PathBuf,
    /// Size in bytes and SHA-256 of the file.
    pub size: u64,
    pub sha256: String,
    /// `None` when the file could not be opened.
    pub sheets: Option<Vec<SheetSummary>>,
    /// When the file is a symbolic link: the file read through it.
    pub link: Option<PathBuf>,
}

/// The data folder, read.
pub struct DataRead {
    pub catalog: Arc<Catalog>,
    pub dataset: Dataset,
    pub files: Vec<FileSummary>,
    /// The entries of the data folder not read (folders, FIFOs, broken links…),
    /// each also named by a diagnostic.
    pub skipped: Vec<workbook::Skipped>,
    pub diagnostics: Vec<Diagnostic>,
    /// The records of the patent lists among the files, and their counts.
    pub records: crate::records::Records,
    pub counts: crate::records::count::Counts,
}

impl DataRead {
    /// The number of diagnostics at a level.
    pub fn count(&self, level: Level) -> usize {
        self.diagnostics.iter().filter(|d| d.level == level).count()
    }
}

/// Loads the configured catalogue, or the embedded one.
pub fn load_catalog(config: &Config) -> Result<Catalog> {
    let text = config.catalog.as_deref().map(crate::assets::read_catalog).transpose()?;
    parse_catalog(config, text.as_deref())
}

/// The configured catalogue from its text, or the embedded one.
fn parse_catalog(config: &Config, text: Option<&str>) -> Result<Catalog> {
    match (text, &config.catalog) {
        (Some(text), Some(path)) => Catalog::parse(text, &path.display().to_string()),
        _ => Ok(Catalog::builtin()),
    }
}

/// One workbook as read from disk: the workbook (when it could be opened), what
/// reading it found, and the tables found in each of its sheets.
pub struct ReadBook {
    book: Option<workbook::Workbook>,
    diagnostics: Vec<Diagnostic>,
    /// For each sheet, in order: its tables and what finding them said (nothing for
    /// a hidden sheet, which is not read).
    tables: Vec<(Vec<table::Table>, Vec<Diagnostic>)>,
    /// For each sheet, in order: its header row and columns when it is a patent
    /// list (read as records, not tables).
    lists: Vec<Option<(usize, crate::records::Columns)>>,
}

impl ReadBook {
    fn read(path: &Path) -> ReadBook {
        let (book, diagnostics) = workbook::read(path);
        let sheets = book.as_ref().map_or(&[][..], |b| &b.sheets[..]);
        let lists: Vec<_> =
            sheets.iter().map(|s| (!s.hidden).then(|| crate::records::list_header(s)).flatten()).collect();
        let tables = book.as_ref().map_or_else(Vec::new, |book| {
            book.sheets
                .iter()
                .zip(&lists)
                .map(|(sheet, list)| match sheet.hidden || list.is_some() {
                    true => (Vec::new(), Vec::new()),
                    false => table::find_tables(&book.name, sheet),
                })
                .collect()
        });
        ReadBook { book, diagnostics, tables, lists }
    }
}

/// The time stamp a cached workbook is known by: size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// Workbooks already read, by path, with the size and modification time they had,
/// and the catalogue with the text it was parsed from: the server and `build
/// --watch` read only the files that changed.
#[derive(Clone, Default)]
pub struct ReadCache {
    books: std::collections::HashMap<PathBuf, (Stamp, Arc<ReadBook>)>,
    catalog: Option<(Option<String>, Arc<Catalog>)>,
}

impl ReadCache {
    /// The workbook at `path`, from the cache when its size and time are unchanged.
    fn get(&self, path: &Path) -> (Arc<ReadBook>, Stamp) {
        let meta = std::fs::metadata(path).ok();
        let stamp = (meta.as_ref().map_or(0, |m| m.len()), meta.and_then(|m| m.modified().ok()));
        match self.books.get(path) {
            Some((known, book)) if *known == stamp && stamp.1.is_some() => (book.clone(), stamp),
            _ => (Arc::new(ReadBook::read(path)), stamp),
        }
    }

    /// The configured catalogue (or the embedded one), parsed again only when its
    /// text changed.
    fn catalog(&self, config: &Config) -> Result<(Option<String>, Arc<Catalog>)> {
        let text = config.catalog.as_deref().map(crate::assets::read_catalog).transpose()?;
        if let Some((known, catalog)) = &self.catalog
            && *known == text
        {
            return Ok((text, catalog.clone()));
        }
        let catalog = parse_catalog(config, text.as_deref())?;
        Ok((text, Arc::new(catalog)))
    }
}

/// Reads every workbook of the data folder into the tidy dataset.
pub fn read_data(opts: &Options) -> Result<DataRead> {
    read_data_cached(opts, &ReadCache::default()).map(|(read, _)| read)
}

/// [`read_data`], taking unchanged workbooks from `cache`; gives back the cache of
/// this reading.
pub fn read_data_cached(opts: &Options, cache: &ReadCache) -> Result<(DataRead, ReadCache)> {
    let config = &opts.config;
    let (catalog_text, catalog) = cache.catalog(config)?;
    let dir = &config.data_dir;
    if !dir.is_dir() {
        bail!(
            "数据目录 {} 不存在；请建立该目录并放入各部门报送的工作簿，或用 --data 指定目录",
            dir.display()
        );
    }
    let listing = workbook::list(dir).with_context(|| format!("无法读取数据目录 {}", dir.display()))?;
    if listing.is_empty() {
        bail!(
            "数据目录 {} 中没有工作簿或数据文件（.xlsx、.xlsm、.xls、.xlsb、.ods、.et、.csv、.tsv、.txt）",
            dir.display()
        );
    }
    let mut builder = dataset::Builder::new(&catalog);
    let mut patents = crate::records::Builder::new();
    let mut diagnostics = entry_diagnostics(&listing);
    let mut files = Vec::new();
    let mut next = ReadCache { catalog: Some((catalog_text, catalog.clone())), ..ReadCache::default() };
    for workbook::Listed { path, link } in listing.files {
        let (read, stamp) = cache.get(&path);
        next.books.insert(path.clone(), (stamp, read.clone()));
        let ReadBook { book, diagnostics: diags, tables: found, lists } = &*read;
        diagnostics.extend(diags.iter().cloned());
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(book) = book else {
            files.push(FileSummary { name, path, size: 0, sha256: String::new(), sheets: None, link });
            continue;
        };
        let mut sheets = Vec::new();
        for ((sheet, (tables, diags)), list) in book.sheets.iter().zip(found).zip(lists) {
            let mut summary = SheetSummary {
                name: sheet.name.clone(),
                hidden: sheet.hidden,
                tables: 0,
                observations: 0,
                missing: 0,
                readings: Vec::new(),
            };
            if sheet.hidden {
                diagnostics.push(Diagnostic::new(
                    Level::Note,
                    crate::diag::Place::sheet(&book.name, &sheet.name),
                    Kind::HiddenSheet,
                ));
                sheets.push(summary);
                continue;
            }
            if let Some((header, columns)) = list {
                patents.add_sheet(&book.name, sheet, *header, columns.clone());
                sheets.push(summary);
                continue;
            }
            diagnostics.extend(diags.iter().cloned());
            summary.tables = tables.len();
            for t in tables {
                let taken = builder.add_table(t);
                summary.observations += taken.observations;
                summary.missing += taken.missing;
                summary.readings.extend(taken.reading);
            }
            sheets.push(summary);
        }
        files.push(FileSummary {
            name: book.name.clone(),
            path,
            size: book.size,
            sha256: book.sha256.clone(),
            sheets: Some(sheets),
            link,
        });
    }
    let (mut dataset, diags) = builder.finish();
    diagnostics.extend(diags);
    let (records, counts) =
        super::records::counted(config, &catalog, patents, &mut dataset, &mut diagnostics);
    if dataset.observations.is_empty() && dataset.given.is_empty() {
        diagnostics.push(Diagnostic::new(Level::Error, crate::diag::Place::none(), Kind::NoValues));
    }
    let skipped = listing.skipped;
    Ok((DataRead { catalog, dataset, files, skipped, diagnostics, records, counts }, next))
}

/// A line for each entry of the data folder not read, and a note for each file
/// read through a link (where it points, so the input manifest's entry is
/// explained). An entry named as a workbook, or one that is no file or folder, is
/// a warning: someone likely meant it to be read.
fn entry_diagnostics(listing: &workbook::Listing) -> Vec<Diagnostic> {
    use crate::diag::{Entry, Place};
    let skipped = listing.skipped.iter().map(|s| {
        let level = match s.what {
            Entry::Folder | Entry::OtherFile if !s.named_as_workbook() => Level::Note,
            _ => Level::Warning,
        };
        Diagnostic::new(level, Place::file(&s.name), Kind::EntryNotRead { entry: s.what.clone() })
    });
    let links = listing.files.iter().filter_map(|f| {
        let target = f.link.as_ref()?.display().to_string();
        let name = f.path.file_name()?.to_string_lossy();
        Some(Diagnostic::new(Level::Note, Place::file(&name), Kind::LinkFollowed { target }))
    });
    skipped.chain(links).collect()
}
