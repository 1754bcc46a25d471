//! `yearbook export`: the tidy dataset as CSV, JSON or XLSX, to a file or to
//! standard output. Never writes into the data folder.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::CommonArgs;
use crate::diag::Level;
use crate::export::{self, Format};
use crate::{output, pipeline};

/// The formats, as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
    Xlsx,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// 导出格式：csv、json 或 xlsx
    #[arg(long, value_enum, value_name = "格式", hide_possible_values = true, help_heading = "选项")]
    pub format: FormatArg,
    /// 输出文件（省略时 csv、json 写到标准输出；xlsx 必须指定）
    #[arg(short = 'o', long = "output", value_name = "文件", help_heading = "选项")]
    pub output: Option<PathBuf>,
}

/// Runs `export`; 0 on success, 1 when the data has errors.
pub fn run(args: &ExportArgs) -> Result<i32> {
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Xlsx => Format::Xlsx,
    };
    if format == Format::Xlsx && args.output.is_none() {
        eprintln!("错误：导出 xlsx 时须用 -o 指定输出文件。运行 yearbook export --help 查看用法。");
        return Ok(2);
    }
    let opts = args.common.resolve()?;
    let config = &opts.config;
    let read = pipeline::read_data(&opts)?;
    let errors = read.count(Level::Error);
    if errors > 0 {
        for d in read.diagnostics.iter().filter(|d| d.level == Level::Error) {
            eprintln!("{d}");
        }
        eprintln!("数据中有 {errors} 处错误，未导出；请先修正（可用 yearbook check 检查）");
        return Ok(1);
    }
    let rows = export::rows(&read.catalog, &read.dataset);
    let bytes = export::render(&rows, format)?;
    match &args.output {
        Some(path) => {
            let inputs: Vec<&std::path::Path> = std::iter::once(config.data_dir.as_path())
                .chain(read.files.iter().map(|f| f.path.as_path()))
                .collect();
            output::write_atomic(path, &bytes, &inputs)?;
            eprintln!("已导出 {} 条数据到 {}", rows.len(), path.display());
        }
        // A reader that stops early (`| head`) is not an error.
        None => match std::io::stdout().write_all(&bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        },
    }
    Ok(0)
}
