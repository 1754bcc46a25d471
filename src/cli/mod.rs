//! The command line, in 简体中文: `yearbook build` and `yearbook check`. Arguments
//! are parsed here and resolved once into a [`Config`]; code after this module never
//! sees clap types.

mod build;
mod check;
mod export;
mod form;
mod init;
mod serve;
mod streets;
mod templates;
pub(crate) mod text;

use std::path::PathBuf;

use anyhow::Result;
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::config::Config;
use crate::options::{Env, Options};

pub(crate) const TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}";

/// 《玄武区知识产权统计年报》编制工具：读取各部门报送的统计工作簿，检查数据，生成可印刷、可归档的 PDF 年报。
#[derive(Debug, Parser)]
#[command(
    name = "yearbook",
    version,
    help_template = TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    after_help = "\n常用流程：把工作簿放入 data/，运行 yearbook check 检查并按提示修正，再运行 yearbook build 生成年报。"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "选项")]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "选项")]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 读取数据并生成 PDF 年报
    #[command(help_template = TEMPLATE, override_usage = "yearbook build [选项]")]
    Build(BuildArgs),
    /// 检查数据：逐个文件列出读入情况、警告和错误，不生成年报
    #[command(help_template = TEMPLATE, override_usage = "yearbook check [选项]")]
    Check(CheckArgs),
    /// 导出整理后的数据（指标、地区、年份、数值、单位、来源单元格）
    #[command(help_template = TEMPLATE, override_usage = "yearbook export --format <格式> [选项]")]
    Export(export::ExportArgs),
    /// 生成数据填报表（.xlsx）：按指标目录列出指标和年份，供各部门填报
    #[command(help_template = TEMPLATE, override_usage = "yearbook form [-o <文件>] [--year <年份>]")]
    Form(form::FormArgs),
    /// 生成待补充的街道对照表（.xlsx）：专利清单中未能对应到街道的地址，按出现次数排列
    #[command(help_template = TEMPLATE, override_usage = "yearbook streets [-o <文件>]")]
    Streets(streets::StreetsArgs),
    /// 新建一年的编制目录：yearbook.toml、空的 data/ 和使用说明
    #[command(help_template = TEMPLATE, override_usage = "yearbook init <目录> [--from <上年目录>]")]
    Init(init::InitArgs),
    /// 打开本机网页编制台：上传工作簿、查看检查结果、修改设置、生成并预览年报
    #[command(help_template = TEMPLATE, override_usage = "yearbook serve [--port <端口>] [--no-open] [--config <文件>]")]
    Serve(serve::ServeArgs),
    /// 年报文字：列出各段落及其修改，确认随数据改变的段落的修改稿
    #[command(subcommand, help_template = TEMPLATE, subcommand_help_heading = "命令", subcommand_value_name = "命令")]
    Text(text::TextCommand),
    /// 排版模板：导出内置模板以便修改
    #[command(subcommand, help_template = TEMPLATE, subcommand_help_heading = "命令", subcommand_value_name = "命令")]
    Templates(templates::TemplatesCommand),
}

/// Options shared by the subcommands.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// 数据目录（默认取配置文件中的 data-dir，即 data）
    #[arg(long, value_name = "目录", help_heading = "选项")]
    pub data: Option<PathBuf>,
    /// 配置文件（默认 yearbook.toml；文件不存在时使用默认设置）
    #[arg(
        long,
        value_name = "文件",
        default_value = "yearbook.toml",
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub config: PathBuf,
    /// 报告年度（默认取数据中的最新年份）
    #[arg(long, value_name = "年份", help_heading = "选项")]
    pub year: Option<i32>,
}

/// Options of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// 输出目录（默认取配置文件中的 output-dir，即 output）
    #[arg(long, value_name = "目录", help_heading = "选项")]
    pub out: Option<PathBuf>,
    /// 模板目录：其中的同名文件替换内置模板（可先用 yearbook templates export 导出）
    #[arg(long, value_name = "目录", help_heading = "选项")]
    pub templates: Option<PathBuf>,
    /// 上年年报 PDF（本工具生成）：比对数据，在附录“数据修订说明”中列出修订
    #[arg(long, value_name = "文件", help_heading = "选项")]
    pub previous: Option<PathBuf>,
    /// 生成后继续监视数据目录和配置文件，有改动时重新生成
    #[arg(long, help_heading = "选项")]
    pub watch: bool,
    /// 列出各步骤用时（读取、分析、统计图、排版、导出 PDF、写入）
    #[arg(long, help_heading = "选项")]
    pub timings: bool,
    /// 把排版用的 Typst 源文件、报告数据和统计图写到目录，可用 typst compile 重现 PDF
    #[arg(long, value_name = "目录", help_heading = "选项")]
    pub keep_sources: Option<PathBuf>,
    /// 同时生成 Word 版（.docx），便于在 Word、WPS 中引用文字和表格
    #[arg(long, help_heading = "选项")]
    pub docx: bool,
    /// 同时为每个街道（园区）生成统计简报（PDF），写到输出目录的“街道简报”中
    #[arg(long, help_heading = "选项")]
    pub briefs: bool,
}

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// 上年年报 PDF（本工具生成）：把与上年年报不同的数值列为警告
    #[arg(long, value_name = "文件", help_heading = "选项")]
    pub previous: Option<PathBuf>,
    /// 把修改稿中与数据不符的数字、待确认的修改稿作为错误（退出码 1），用于定稿前的检查
    #[arg(long, help_heading = "选项")]
    pub strict_text: bool,
}

impl CheckArgs {
    /// The options with the command-line overrides.
    pub fn resolve(&self) -> Result<Options> {
        let mut config = self.common.config()?;
        if self.previous.is_some() {
            config.previous = self.previous.clone();
        }
        Options::resolve(config, self.common.config.clone(), &Env::capture())
    }
}

impl BuildArgs {
    /// The options with the command-line overrides.
    pub fn resolve(&self) -> Result<Options> {
        let mut config = self.common.config()?;
        if let Some(out) = &self.out {
            config.output_dir = out.clone();
        }
        if let Some(t) = &self.templates {
            config.templates = Some(t.clone());
        }
        if let Some(p) = &self.previous {
            config.previous = Some(p.clone());
        }
        for (on, edition) in
            [(self.docx, crate::config::Edition::Docx), (self.briefs, crate::config::Edition::Briefs)]
        {
            if on && !config.editions.contains(&edition) {
                config.editions.push(edition);
            }
        }
        let mut opts = Options::resolve(config, self.common.config.clone(), &Env::capture())?;
        opts.extras.timings = self.timings;
        opts.extras.keep_sources = self.keep_sources.clone();
        Ok(opts)
    }
}

impl CommonArgs {
    /// Loads the configuration file and applies the command-line overrides.
    pub fn config(&self) -> Result<Config> {
        let mut config = Config::load(&self.config)?;
        if let Some(d) = &self.data {
            config.data_dir = d.clone();
        }
        if self.year.is_some() {
            config.year = self.year;
        }
        Ok(config)
    }

    /// The options: the configuration with the overrides, and the environment.
    pub fn resolve(&self) -> Result<Options> {
        Options::resolve(self.config()?, self.config.clone(), &Env::capture())
    }
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Form(args) => form::run(&args),
        Command::Streets(args) => streets::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Templates(cmd) => templates::run(&cmd),
        Command::Text(cmd) => text::run(&cmd),
    }
}

/// An error and its causes as printed lines, in Chinese: `错误：…`, then one
/// `原因：…` line per cause. A cause from the system or a library, in English,
/// is kept only as a detail after a Chinese explanation.
pub fn error_lines(e: &anyhow::Error) -> Vec<String> {
    crate::diag::error::lines(e)
}

/// A clap parse error in Chinese.
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let arg = e.get(ContextKind::InvalidArg).map(|v| v.to_string()).unwrap_or_default();
    let value = e.get(ContextKind::InvalidValue).map(|v| v.to_string()).unwrap_or_default();
    let sub = e.get(ContextKind::InvalidSubcommand).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => format!("无法识别的命令“{sub}”"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”无效"),
        ErrorKind::MissingRequiredArgument => "缺少必需的参数".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    format!("错误：{what}。运行 yearbook --help 查看用法。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn causes_in_english_become_details_of_chinese_lines() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = anyhow::Error::new(io).context("无法读取数据目录 data");
        let lines = error_lines(&e);
        assert_eq!(lines[0], "错误：无法读取数据目录 data");
        assert_eq!(lines[1], "  原因：没有访问权限（permission denied）");
        let e = anyhow::anyhow!("invalid zip header").context("无法打开 a.xlsx");
        assert_eq!(error_lines(&e)[1], "  原因：程序库报告的错误（原始信息：invalid zip header）");
    }

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_is_in_chinese() {
        let help = Cli::command().render_help().to_string();
        assert!(help.starts_with("《玄武区知识产权统计年报》编制工具"), "{help}");
        assert!(help.contains("用法：yearbook <命令>"), "{help}");
        assert!(help.contains("读取数据并生成 PDF 年报"), "{help}");
        assert!(help.contains("显示帮助"), "{help}");
        for english in ["Usage", "Commands", "Options", "Print help"] {
            assert!(!help.contains(english), "{english} in {help}");
        }
        let mut cmd = Cli::command();
        let build = cmd.find_subcommand_mut("build").unwrap().render_help().to_string();
        assert!(build.contains("--out <目录>"), "{build}");
        assert!(build.contains("输出目录"), "{build}");
        assert!(build.contains("用法：yearbook build [选项]"), "{build}");
        let export = cmd.find_subcommand_mut("export").unwrap().render_help().to_string();
        for help in [&build, &export] {
            for english in ["Usage", "OPTIONS", "default:", "possible values"] {
                assert!(!help.contains(english), "{english} in {help}");
            }
        }
    }
}
