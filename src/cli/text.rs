//! `yearbook text list` and `yearbook text confirm KEY`: the yearbook's
//! paragraphs by key with their generated text and edits (文字修改.toml), and
//! the confirmation of an edit whose generated paragraph changed with the data.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::CommonArgs;
use crate::pipeline;
use crate::text::{self, ParagraphText, edits};

/// `text` subcommands.
#[derive(Debug, Subcommand)]
pub enum TextCommand {
    /// 列出年报各段的名称和生成的文字，注明已修改、待确认的段落
    #[command(help_template = super::TEMPLATE, override_usage = "yearbook text list [段落名称开头] [选项]")]
    List(ListArgs),
    /// 确认修改稿：段落的生成文字随数据改变后，修改稿无误时确认沿用
    #[command(help_template = super::TEMPLATE, override_usage = "yearbook text confirm <段落名称> [选项]")]
    Confirm(ConfirmArgs),
}

/// Options of `text list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// 只列出名称以此开头的段落（如“综述”）
    #[arg(value_name = "段落名称开头", help_heading = "参数")]
    pub prefix: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options of `text confirm`.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// 段落名称（yearbook text list 列出），如“综述.主要数据”
    #[arg(value_name = "段落名称", help_heading = "参数")]
    pub key: String,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Runs a `text` subcommand.
pub fn run(cmd: &TextCommand) -> Result<i32> {
    match cmd {
        TextCommand::List(args) => list(args),
        TextCommand::Confirm(args) => confirm(args),
    }
}

/// The paragraphs as they are with this data and these edits.
fn paragraphs(common: &CommonArgs) -> Result<(crate::options::Options, text::Texts)> {
    let opts = common.resolve()?;
    let prepared = pipeline::prepare(&opts, &mut |_| {})?;
    Ok((opts, prepared.texts))
}

fn list(args: &ListArgs) -> Result<i32> {
    let (_, texts) = paragraphs(&args.common)?;
    let prefix = args.prefix.as_deref().unwrap_or("");
    let shown: Vec<&ParagraphText> = texts.paragraphs.iter().filter(|p| p.key.starts_with(prefix)).collect();
    for p in &shown {
        for line in lines(p) {
            println!("{line}");
        }
        println!();
    }
    let edited = shown.iter().filter(|p| p.edited.is_some()).count();
    let stale = shown.iter().filter(|p| p.stale).count();
    println!("共 {} 段，已修改 {edited} 段，其中生成文字已改变、待确认 {stale} 段。", shown.len());
    println!(
        "修改写在 {}（格式见 README“修改年报文字”），也可在编制台（yearbook serve）中修改。",
        edits::FILE
    );
    Ok(0)
}

/// A paragraph as listed: its key and state, then its texts.
pub fn lines(p: &ParagraphText) -> Vec<String> {
    let mut lines = match (&p.edited, p.stale) {
        (None, _) => vec![p.key.clone(), format!("  {}", p.generated)],
        (Some(e), false) => vec![
            format!("{}（已修改）", p.key),
            format!("  生成文字：{}", p.generated),
            format!("  修改稿：{e}"),
        ],
        (Some(e), true) => vec![
            format!("{}（已修改；生成文字已随数据改变，待确认）", p.key),
            format!("  原生成文字：{}", p.replaced.as_deref().unwrap_or_default()),
            format!("  现生成文字：{}", p.generated),
            format!("  修改稿：{e}"),
        ],
    };
    lines.extend(p.figures.iter().map(|f| format!("  数字待核：{f}")));
    lines
}

fn confirm(args: &ConfirmArgs) -> Result<i32> {
    let (opts, texts) = paragraphs(&args.common)?;
    let key = args.key.trim();
    let Some(p) = texts.get(key) else {
        bail!("年报中没有段落“{key}”；请用 yearbook text list 查看段落名称");
    };
    if p.edited.is_none() {
        bail!("段落“{key}”没有修改，无需确认");
    }
    let path = edits::path_for(&opts.config_path);
    edits::change(&path, key, &edits::Change::Confirm { replaced: p.generated.clone() })?;
    if p.stale {
        println!("已确认段落“{key}”的修改稿：年报照旧印修改稿，并记下现在的生成文字（{}）。", path.display());
    } else {
        println!("段落“{key}”的生成文字没有改变，已记下现在的生成文字（{}）。", path.display());
    }
    Ok(0)
}
