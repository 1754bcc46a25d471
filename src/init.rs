//! `yearbook init`: the files of a new year's project folder — `yearbook.toml`,
//! an empty `data/` and `使用说明.txt`. With last year's folder, its settings are
//! carried over (paths made absolute, its own catalogue copied beside the new
//! settings) and `previous` points at last year's yearbook PDF, so that the new
//! yearbook lists the figures revised since. Receives the two folders; hands on
//! the files to write ([`NewProject`]); the CLI writes them, never over a file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::config::{Config, Paper};

/// What `init` writes.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProject {
    /// Files to create, relative to the new folder, with their text.
    pub files: Vec<(PathBuf, String)>,
    /// Folders to create (the data and text folders).
    pub dirs: Vec<PathBuf>,
    /// Files copied as they are (last year's 编委会), relative to the new folder.
    pub copies: Vec<Copied>,
    /// Lines for the user: what was carried over, what was not found.
    pub notes: Vec<String>,
}

/// A file copied as it is: where in the new folder, and its bytes.
pub type Copied = (PathBuf, Vec<u8>);

/// A TOML string literal.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// The newest yearbook PDF in a folder: `<region>知识产权统计年报（YYYY年）.pdf`
/// with the highest year.
fn newest_yearbook(dir: &Path, region: &str) -> Option<(i32, PathBuf)> {
    let prefix = format!("{region}知识产权统计年报（");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let year = name.strip_prefix(&prefix)?.strip_suffix("年）.pdf")?.parse().ok()?;
            Some((year, p))
        })
        .max_by_key(|(y, _)| *y)
}

/// The files of a new project; `from` is last year's project folder.
pub fn new_project(from: Option<&Path>) -> Result<NewProject> {
    let mut notes = Vec::new();
    let mut files = Vec::new();
    let (config, previous) = match from {
        None => (Config::default(), None),
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!("上年编制目录 {} 不存在", dir.display());
            }
            let path = dir.join("yearbook.toml");
            if !path.exists() {
                notes.push(format!("{} 中没有 yearbook.toml，使用默认设置", dir.display()));
            }
            let config = Config::load(&path)?;
            let previous = newest_yearbook(&config.output_dir, &config.region);
            match &previous {
                Some((year, p)) => notes.push(format!("上年年报：{}（{year}年）", p.display())),
                None => notes.push(format!(
                    "在 {} 中没有找到上年年报 PDF，previous 未设置；生成上年年报后可在 yearbook.toml 中填写",
                    config.output_dir.display()
                )),
            }
            (config, previous)
        }
    };
    let defaults = Config::default();
    let mut toml = String::new();
    // A table of its own goes last in the file.
    let mut patents = String::new();
    toml.push_str(
        "# 《知识产权统计年报》的编制设置（yearbook init 生成）。各项均可省略，省略时取默认值。\n\n",
    );
    toml.push_str(&format!(
        "# 统计地区（与指标目录中的全区名称一致）\nregion = {}\n",
        quoted(&config.region)
    ));
    toml.push_str(&format!("# 编制单位，印在封面\norganization = {}\n", quoted(&config.organization)));
    toml.push_str("# 报告年度；省略时取数据中的最新年份\n# year = \n");
    toml.push_str(
        "# 数据目录与输出目录（相对于本文件所在目录）\ndata-dir = \"data\"\noutput-dir = \"output\"\n",
    );
    let date_example = previous.as_ref().map_or("YYYY-MM".to_string(), |(y, _)| format!("{}-03", y + 2));
    toml.push_str(&format!(
        "# 编制日期，印在封面；请在编制时填写（应晚于报告年度结束），如：\n# date = \"{date_example}\"\n"
    ));
    match &previous {
        Some((_, p)) => toml.push_str(&format!(
            "# 上年年报：比对数据，在附录“数据修订说明”中列出修订\nprevious = {}\n",
            quoted(&absolute(p).display().to_string())
        )),
        None => toml
            .push_str("# 上年年报（本工具生成的 PDF）：比对数据，列出修订\n# previous = \"上年年报.pdf\"\n"),
    }
    if let Some(catalog) = &config.catalog {
        let text = crate::assets::read_catalog(catalog)?;
        files.push((PathBuf::from("catalog.toml"), text));
        toml.push_str(
            "# 指标目录（从上年编制目录复制；新规划印发后在末尾添加 [[plan]]）\ncatalog = \"catalog.toml\"\n",
        );
        notes.push(format!("已复制上年的指标目录 {}", catalog.display()));
    }
    let mut copies = Vec::new();
    if let Some(table) = &config.patents.streets {
        let name = table.file_name().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("街道对照表.xlsx"));
        match std::fs::read(table) {
            Ok(bytes) => {
                copies.push((name.clone(), bytes));
                let line = format!(
                    "# 专利清单的街道对照表（从上年编制目录复制）\n[patents]\nstreets = {}\n",
                    quoted(&name.display().to_string())
                );
                patents.push_str(&line);
                notes.push(format!("已复制上年的街道对照表 {}", table.display()));
            }
            Err(e) => notes.push(format!("上年的街道对照表 {} 无法读取（{e}），未复制", table.display())),
        }
    }
    if config.change_bound != defaults.change_bound {
        toml.push_str(&format!("change-bound = {}\n", config.change_bound));
    }
    if config.paper != defaults.paper {
        toml.push_str(&format!(
            "paper = {}\n",
            quoted(if config.paper == Paper::K16 { "16k" } else { "a4" })
        ));
    }
    if config.chapter_on_right {
        toml.push_str("chapter-on-right = true\n");
    }
    if let Some(t) = &config.templates {
        toml.push_str(&format!("templates = {}\n", quoted(&absolute(t).display().to_string())));
    }
    if !config.font_paths.is_empty() {
        let list: Vec<String> =
            config.font_paths.iter().map(|p| quoted(&absolute(p).display().to_string())).collect();
        toml.push_str(&format!("font-paths = [{}]\n", list.join(", ")));
    }
    // Top-level keys before the tables ([fonts], [patents]).
    let (text_dir, text_copies) = carry_text(from, &config, &mut toml, &mut notes)?;
    copies.extend(text_copies);
    let fonts: Vec<String> =
        [("body", &config.fonts.body), ("heading", &config.fonts.heading), ("title", &config.fonts.title)]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} = {}", quoted(v))))
            .collect();
    if !fonts.is_empty() {
        toml.push_str(&format!("[fonts]\n{}\n", fonts.join("\n")));
    }
    toml.push_str(&patents);
    // What is written must read back.
    Config::parse(&toml, "yearbook.toml").context("生成的 yearbook.toml 无效")?;
    files.insert(0, (PathBuf::from("yearbook.toml"), toml));
    files.push((PathBuf::from("使用说明.txt"), GUIDE.to_string()));
    Ok(NewProject { files, dirs: vec![PathBuf::from("data"), text_dir], notes, copies })
}

/// The text settings carried over (`text-dir` when it is inside last year's
/// folder, `text-order`) and last year's 编委会 copied into the new text folder;
/// never last year's 大事记, other parts or edits of generated text
/// (文字修改.toml), which belong to their year. Gives the new text folder and
/// the copies.
fn carry_text(
    from: Option<&Path>,
    config: &Config,
    toml: &mut String,
    notes: &mut Vec<String>,
) -> Result<(PathBuf, Vec<Copied>)> {
    let default = Config::default().text_dir;
    let Some(dir) = from else {
        toml.push_str(
            "# 文字目录：工作概况、大事记、编委会、编后记等（.docx、.txt、.md）\n# text-dir = \"文字\"\n",
        );
        return Ok((default, Vec::new()));
    };
    // Only a folder inside last year's project has a counterpart in the new one.
    let text_dir =
        config.text_dir.strip_prefix(dir).map(Path::to_path_buf).unwrap_or_else(|_| default.clone());
    if text_dir != default {
        toml.push_str(&format!("text-dir = {}\n", quoted(&text_dir.display().to_string())));
    }
    if !config.text_order.is_empty() {
        let list: Vec<String> = config.text_order.iter().map(|t| quoted(t)).collect();
        toml.push_str(&format!("text-order = [{}]\n", list.join(", ")));
    }
    let mut copies = Vec::new();
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(&config.text_dir) {
        Ok(e) => e.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    for path in entries {
        let (Some(stem), Some(name)) = (path.file_stem(), path.file_name()) else { continue };
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let title = crate::writing::title_of(&stem.to_string_lossy());
        if !matches!(ext.as_str(), "docx" | "txt" | "md")
            || crate::writing::Role::of(&title) != crate::writing::Role::Committee
            || name.to_string_lossy().starts_with("~$")
        {
            continue;
        }
        let bytes =
            std::fs::read(&path).with_context(|| format!("无法读取上年的编委会 {}", path.display()))?;
        notes.push(format!("已复制上年的编委会 {}，请核对人员变动", path.display()));
        copies.push((text_dir.join(name), bytes));
    }
    if config.text_dir.is_dir() {
        notes.push("上年的大事记、工作概况、编后记和文字修改不沿用，请按本年度重新撰写".into());
    }
    Ok((text_dir, copies))
}

/// 使用说明.txt.
const GUIDE: &str = "\
知识产权统计年报 编制目录 使用说明

1. 把各部门报送的本年度统计工作簿（.xlsx、.xls 等）放进 data 目录；编制单位撰写的
   工作概况、大事记、编委会、编后记等（Word/WPS 的 .docx，或 .txt、.md）放进 文字 目录，
   文件名即部分名称，如 工作概况.docx、大事记.txt。
2. 打开 yearbook.toml，填写编制日期 date（如 date = \"2027-03\"，应晚于报告年度结束），
   核对编制单位等设置。
3. 运行 yearbook check：逐个文件列出读入的数据、警告和错误。设置了 previous（上年年报）时，
   与上年年报所刊数值不同的数据也列为警告，并指出本年数据所在的单元格。
4. 按提示修正后运行 yearbook build，年报写到 output 目录；与上年年报不同的数值列在附录
   “数据修订说明”中。
5. 新的五年规划印发后：运行 yearbook templates export 模板，得到 模板/catalog.toml（现用的
   指标目录），在文件末尾照已有的 [[plan]] 添加新规划及其主要指标（[[plan.indicator]]），
   然后在 yearbook.toml 中写 catalog = \"模板/catalog.toml\"。新规划印发前，规划期结束后的
   年报只列主要指标的数值和增长，不评价目标。
6. 下一年：yearbook init 新目录 --from 本目录，沿用本年设置和编委会，并以本年年报为上年年报；
   大事记、工作概况、编后记和文字修改不沿用。
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_project_reads_back() {
        let p = new_project(None).unwrap();
        let names: Vec<_> = p.files.iter().map(|(n, _)| n.display().to_string()).collect();
        assert_eq!(names, ["yearbook.toml", "使用说明.txt"]);
        let config = Config::parse(&p.files[0].1, "yearbook.toml").unwrap();
        assert_eq!(config.date, None);
        assert_eq!(config.previous, None);
        assert_eq!(config.region, "玄武区");
    }
}
