//! `yearbook init DIR [--from LAST_YEAR_DIR]`: creates a new year's project folder
//! (see [`crate::init`]); refuses to write over any existing file.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::{init, output};

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新建的编制目录
    #[arg(value_name = "目录", help_heading = "参数")]
    pub dir: PathBuf,
    /// 上年的编制目录：沿用其设置，并以其中的年报 PDF 作为上年年报（previous）
    #[arg(long, value_name = "上年目录", help_heading = "选项")]
    pub from: Option<PathBuf>,
}

/// Runs `init`.
pub fn run(args: &InitArgs) -> Result<i32> {
    let project = init::new_project(args.from.as_deref())?;
    let existing: Vec<String> = project
        .files
        .iter()
        .map(|(p, _)| p)
        .chain(project.copies.iter().map(|(p, _)| p))
        .map(|p| args.dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!("以下文件已存在，未做任何改动：{}。请换一个目录，或先移走这些文件", existing.join("、"));
    }
    for d in &project.dirs {
        let path = args.dir.join(d);
        std::fs::create_dir_all(&path).with_context(|| format!("无法建立目录 {}", path.display()))?;
    }
    for (p, text) in &project.files {
        output::write_atomic(&args.dir.join(p), text.as_bytes(), &[])?;
    }
    for (p, bytes) in &project.copies {
        output::write_atomic(&args.dir.join(p), bytes, &[])?;
    }
    for n in &project.notes {
        eprintln!("{n}");
    }
    eprintln!(
        "已建立编制目录 {}：yearbook.toml、data/、使用说明.txt。请把本年度工作簿放入 data/，在 yearbook.toml 中填写编制日期 date，然后运行 yearbook check 和 yearbook build",
        args.dir.display()
    );
    Ok(0)
}
