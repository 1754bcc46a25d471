//! `yearbook form`: write the data-entry form (.xlsx) made from the catalogue, with
//! the figures the data folder already has filled in (see
//! [`crate::pipeline::write_form`]). Never writes into the data folder.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::CommonArgs;
use crate::pipeline;

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
    use chrono::Datelike;
    let opts = args.common.resolve()?;
    let today = chrono::Local::now().year();
    let w = pipeline::write_form(&opts, args.output.as_deref(), today)?;
    eprintln!(
        "已生成 {} 年填报表 {}（{}—{} 年，已填入数据目录中的 {} 个数值）",
        w.year,
        w.path.display(),
        w.years.start(),
        w.years.end(),
        w.filled
    );
    Ok(0)
}
