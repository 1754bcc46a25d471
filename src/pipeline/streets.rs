//! `yearbook streets` wired up: the data folder read as for a build, then the
//! street table to complete written atomically outside the data folder.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::read_data;
use crate::options::Options;
use crate::output;

/// What `streets` wrote.
#[derive(Debug, Clone)]
pub struct StreetsWritten {
    pub path: PathBuf,
    /// Rows carried over from the project's table.
    pub kept: usize,
    /// Unmatched addresses added, and their records.
    pub added: usize,
    pub records: usize,
}

/// The default file name.
pub const FILE_NAME: &str = "街道对照表（待补充）.xlsx";

/// Writes the street table to complete to `output`, or to the output folder.
pub fn write_streets(opts: &Options, output: Option<&Path>) -> Result<StreetsWritten> {
    let config = &opts.config;
    let read = read_data(opts)?;
    if read.records.is_empty() {
        bail!(
            "数据目录 {} 中没有专利清单（有“申请号”“申请日”等列的表格），无需街道对照表",
            config.data_dir.display()
        );
    }
    let table = match &config.patents.streets {
        Some(path) => {
            let (book, _) = crate::workbook::read(path);
            let catalog = &read.catalog;
            book.and_then(|b| {
                let name = b.name.clone();
                b.sheets
                    .into_iter()
                    .find(|s| !s.hidden)
                    .map(|s| crate::records::streets::StreetTable::from_sheet(&name, &s, catalog).0)
            })
        }
        None => None,
    };
    let unmatched = &read.counts.unmatched;
    let bytes = crate::records::todo::build(table.as_ref(), unmatched)?;
    let path = output.map(Path::to_path_buf).unwrap_or_else(|| config.output_dir.join(FILE_NAME));
    let mut inputs = super::inputs(config, &read);
    if let Some(p) = &config.patents.streets {
        inputs.push(p);
    }
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("无法建立目录 {}：{e}", dir.display()))?;
    }
    output::write_atomic(&path, &bytes, &inputs)?;
    Ok(StreetsWritten {
        path,
        kept: table.map_or(0, |t| t.rows.len()),
        added: unmatched.len(),
        records: unmatched.iter().map(|u| u.1).sum(),
    })
}
