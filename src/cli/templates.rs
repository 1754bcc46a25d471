//! `yearbook templates export DIR`: writes the embedded templates so that a user
//! can change them; `templates = "DIR"` in yearbook.toml (or `build --templates
//! DIR`) then uses the user's copies file by file. The catalogue in force (the
//! project's own, else the embedded one) goes along as `DIR/catalog.toml`, so that
//! a user with only the binary can add a plan to it.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::catalog::DEFAULT_CATALOG;
use crate::config::Config;
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
    /// 配置文件（默认 yearbook.toml；其中指定了 catalog 时导出该指标目录）
    #[arg(
        long,
        value_name = "文件",
        default_value = "yearbook.toml",
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub config: PathBuf,
}

/// Runs `templates export`.
pub fn run(cmd: &TemplatesCommand) -> Result<i32> {
    let TemplatesCommand::Export(args) = cmd;
    let config = Config::load(&args.config)?;
    let catalog = match &config.catalog {
        Some(path) => assets::read_catalog(path)?,
        None => DEFAULT_CATALOG.to_string(),
    };
    let mut files: Vec<(&str, &str)> = assets::TEMPLATES.to_vec();
    files.push(("/catalog.toml", &catalog));
    let existing: Vec<String> = files
        .iter()
        .map(|(p, _)| args.dir.join(p.trim_start_matches('/')))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !args.force {
        bail!("以下文件已存在，未导出：{}。如需覆盖，请加 --force", existing.join("、"));
    }
    for (path, text) in &files {
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
    eprintln!(
        "现用的指标目录已导出为 {}。新规划印发后，可在其末尾添加 [[plan]]，再在 yearbook.toml 中写 catalog = \"{}\"",
        args.dir.join("catalog.toml").display(),
        args.dir.join("catalog.toml").display()
    );
    Ok(0)
}
