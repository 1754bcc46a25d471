//! `yearbook templates export DIR`: writes the embedded templates so that a user
//! can change them; `templates = "DIR"` in yearbook.toml (or `build --templates
//! DIR`) then uses the user's copies file by file.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::{assets, output};

/// `templates` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// 把内置排版模板导出到目录，修改后用 --templates 或 yearbook.toml 的 templates 指定
    #[command(help_template = super::TEMPLATE, override_usage = "yearbook templates export <目录> [--force]")]
    Export(ExportArgs),
}

/// Options of `templates export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 导出到的目录
    #[arg(value_name = "目录", help_heading = "参数")]
    pub dir: PathBuf,
    /// 覆盖目录中已有的同名文件
    #[arg(long, help_heading = "选项")]
    pub force: bool,
}

/// Runs `templates export`.
pub fn run(cmd: &TemplatesCommand) -> Result<i32> {
    let TemplatesCommand::Export(args) = cmd;
    let existing: Vec<String> = assets::TEMPLATES
        .iter()
        .map(|(p, _)| args.dir.join(p.trim_start_matches('/')))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !args.force {
        bail!("以下文件已存在，未导出：{}。如需覆盖，请加 --force", existing.join("、"));
    }
    for (path, text) in assets::TEMPLATES {
        let target = args.dir.join(path.trim_start_matches('/'));
        output::write_atomic(&target, text.as_bytes(), &[])?;
        eprintln!("已导出 {}", target.display());
    }
    eprintln!(
        "共导出 {} 个模板文件。修改后在 yearbook.toml 中写 templates = \"{}\"，或运行 yearbook build --templates {}",
        assets::TEMPLATES.len(),
        args.dir.display(),
        args.dir.display()
    );
    Ok(0)
}
