//! `yearbook serve [--port N] [--no-open] [--config FILE]`: the local web page
//! (see [`crate::serve`]).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::options::Env;
use crate::serve::{self, ServeOptions};

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 端口（默认 8731；只在本机 127.0.0.1 上提供）
    #[arg(
        long,
        value_name = "端口",
        default_value_t = 8731,
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub port: u16,
    /// 不自动打开浏览器
    #[arg(long, help_heading = "选项")]
    pub no_open: bool,
    /// 配置文件（默认 yearbook.toml；文件不存在时使用默认设置，保存设置时建立）
    #[arg(
        long,
        value_name = "文件",
        default_value = "yearbook.toml",
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub config: PathBuf,
}

/// Runs `serve` until stopped.
pub fn run(args: &ServeArgs) -> Result<i32> {
    let opts = ServeOptions { port: args.port, open: !args.no_open, config: args.config.clone() };
    serve::run(opts, Env::capture())?;
    Ok(0)
}
