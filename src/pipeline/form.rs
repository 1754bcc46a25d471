//! `yearbook form` wired up: the catalogue and the figures the data folder already
//! has (read as for a build; a missing or empty folder gives an empty form), the
//! year to fill, the form built and written atomically outside the data folder.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{load_catalog, read_data};
use crate::dataset::Dataset;
use crate::options::Options;
use crate::{form, output};

/// What `form` wrote.
#[derive(Debug, Clone)]
pub struct FormWritten {
    pub path: PathBuf,
    /// The year to fill in.
    pub year: i32,
    /// The years the form's columns span.
    pub years: RangeInclusive<i32>,
    /// How many figures of the data folder were filled in.
    pub filled: usize,
}

/// Writes the data-entry form to `output`, or to the output folder under its
/// default name. The year to fill: as asked, else the year after the latest in
/// the data, else the year before `today`'s.
pub fn write_form(opts: &Options, output: Option<&Path>, today_year: i32) -> Result<FormWritten> {
    let config = &opts.config;
    let catalog = load_catalog(config)?;
    let has_data = config.data_dir.is_dir()
        && crate::workbook::list(&config.data_dir).is_ok_and(|listing| !listing.files.is_empty());
    let (dataset, files) = if has_data {
        let read = read_data(opts)?;
        (read.dataset, read.files.into_iter().map(|f| f.path).collect())
    } else {
        (Dataset::default(), Vec::new())
    };
    let year = config.year.or_else(|| dataset.years().last().map(|y| y + 1)).unwrap_or(today_year - 1);
    let bytes = form::build(&catalog, &dataset, year)?;
    let path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| config.output_dir.join(form::file_name(&catalog.district().name, year)));
    let inputs: Vec<&Path> =
        std::iter::once(config.data_dir.as_path()).chain(files.iter().map(PathBuf::as_path)).collect();
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("无法建立目录 {}：{e}", dir.display()))?;
    }
    output::write_atomic(&path, &bytes, &inputs)?;
    Ok(FormWritten { path, year, years: form::years(&catalog, year), filled: dataset.observations.len() })
}
