//! `yearbook form`: write the data-entry form (.xlsx) made from the catalogue, with
//! the figures the data folder already has filled in. Never writes into the data
//! folder.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::CommonArgs;
use crate::dataset::Dataset;
use crate::{form, output, pipeline};

/// Options of `form`.
#[derive(Debug, Args)]
pub struct FormArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// 输出文件（默认写到输出目录，文件名如“玄武区知识产权统计数据填报表（2026年）.xlsx”）
    #[arg(short = 'o', long = "output", value_name = "文件", help_heading = "选项")]
    pub output: Option<PathBuf>,
}

/// Runs `form`; 0 on success.
pub fn run(args: &FormArgs) -> Result<i32> {
    let opts = args.common.resolve()?;
    let config = &opts.config;
    let catalog = pipeline::load_catalog(config)?;
    // The figures already sent, to fill in; a missing or empty data folder gives
    // an empty form.
    let has_data = config.data_dir.is_dir()
        && crate::workbook::list(&config.data_dir).is_ok_and(|listing| !listing.files.is_empty());
    let (dataset, files) = if has_data {
        let read = pipeline::read_data(&opts)?;
        (read.dataset, read.files.into_iter().map(|f| f.path).collect())
    } else {
        (Dataset::default(), Vec::new())
    };
    // The year to fill: as asked, else the year after the latest in the data,
    // else last year.
    let year = config.year.or_else(|| dataset.years().last().map(|y| y + 1)).unwrap_or_else(|| {
        use chrono::Datelike;
        chrono::Local::now().year() - 1
    });
    let bytes = form::build(&catalog, &dataset, year)?;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| config.output_dir.join(form::file_name(&catalog.district().name, year)));
    let inputs: Vec<&std::path::Path> =
        std::iter::once(config.data_dir.as_path()).chain(files.iter().map(PathBuf::as_path)).collect();
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("无法建立目录 {}：{e}", dir.display()))?;
    }
    output::write_atomic(&path, &bytes, &inputs)?;
    let years = form::years(&catalog, year);
    eprintln!(
        "已生成 {year} 年填报表 {}（{}—{} 年，已填入数据目录中的 {} 个数值）",
        path.display(),
        years.start(),
        years.end(),
        dataset.observations.len()
    );
    Ok(0)
}
