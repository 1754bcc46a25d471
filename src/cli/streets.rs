//! `yearbook streets`: write the street table to complete, with the addresses of
//! the patent lists that no keyword matches (see [`crate::pipeline::write_streets`]).
//! Never writes into the data folder or over the project's table.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::CommonArgs;
use crate::pipeline;

/// Options of `streets`.
#[derive(Debug, Args)]
pub struct StreetsArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// 输出文件（默认写到输出目录，文件名“街道对照表（待补充）.xlsx”）
    #[arg(short = 'o', long = "output", value_name = "文件", help_heading = "选项")]
    pub output: Option<PathBuf>,
}

/// Runs `streets`; 0 on success.
pub fn run(args: &StreetsArgs) -> Result<i32> {
    let opts = args.common.resolve()?;
    let w = pipeline::write_streets(&opts, args.output.as_deref())?;
    eprintln!(
        "已生成街道对照表 {}：沿用已有关键词 {} 个，待补充地址 {} 个（涉及记录 {} 条）。在“街道”列填好后，保存为 yearbook.toml 中 [patents] streets 指定的文件",
        w.path.display(),
        w.kept,
        w.added,
        w.records
    );
    Ok(0)
}
