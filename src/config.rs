//! `yearbook.toml`: the project's settings. A missing file means the defaults; an
//! unknown key is an error that names the key, so a typo never goes unnoticed.
//! Receives the file's text; hands on a [`Config`] with relative paths resolved
//! against the file's directory.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The settings of one yearbook project.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The region the yearbook is about (the district total's name in the catalogue).
    pub region: String,
    /// The compiling organisation, printed on the cover and set as the PDF author.
    pub organization: String,
    /// The report year; `None` means the latest year found in the data.
    pub year: Option<i32>,
    /// The folder of input workbooks.
    pub data_dir: PathBuf,
    /// The folder the PDF is written to.
    pub output_dir: PathBuf,
    /// A catalogue file replacing the embedded one.
    pub catalog: Option<PathBuf>,
    /// The date of compilation printed on the cover, `YYYY-MM` or `YYYY-MM-DD`;
    /// `None` means today (or `SOURCE_DATE_EPOCH` when set).
    pub date: Option<String>,
    /// Extra folders with fonts to load besides the embedded ones.
    pub font_paths: Vec<PathBuf>,
    /// The largest plausible change on the previous year, in % either way; larger
    /// changes are flagged by the consistency checks.
    pub change_bound: f64,
    /// A folder of the user's template copies, used file by file over the embedded.
    pub templates: Option<PathBuf>,
    /// The paper: `a4` (210×297 mm) or `16k` (16开, 185×260 mm).
    pub paper: Paper,
    /// Whether each chapter starts on a right-hand (odd) page.
    pub chapter_on_right: bool,
    /// Installed fonts to use instead of the embedded ones, by family name.
    pub fonts: Fonts,
    /// Last year's yearbook (a PDF made by this tool), to list revised figures.
    pub previous: Option<PathBuf>,
    /// The folder of the office's written parts (工作概况.docx, 大事记.txt, …).
    pub text_dir: PathBuf,
    /// The written parts' order, by title (the file name without extension);
    /// parts not listed follow by file name.
    pub text_order: Vec<String>,
    /// The editions written: the PDF always, the Word document when listed.
    pub editions: Vec<Edition>,
    /// Patent lists (专利清单): the street and IPC tables, the tolerances.
    pub patents: Patents,
}

/// The settings of patent lists, `[patents]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Patents {
    /// The street assignment table (keyword → street), a workbook.
    pub streets: Option<PathBuf>,
    /// The IPC → 战略性新兴产业 concordance, a workbook (none is shipped).
    pub industries: Option<PathBuf>,
    /// How far (in %) a list's count may differ from the official figure before
    /// `check` warns.
    pub tolerance: f64,
    /// The pledge amount (万元) from which a pledge counts as 较高质押融资.
    pub pledge_threshold: f64,
}

impl Default for Patents {
    fn default() -> Self {
        Patents { streets: None, industries: None, tolerance: 5.0, pledge_threshold: 1000.0 }
    }
}

/// An edition of the yearbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// The PDF, typeset by Typst: printed and archived.
    Pdf,
    /// The Word document (.docx), for reusing text and tables.
    Docx,
    /// One brief per street (街道知识产权统计简报, PDF) in `街道简报/`.
    Briefs,
}

/// The paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
pub enum Paper {
    #[default]
    #[serde(rename = "a4")]
    A4,
    #[serde(rename = "16k")]
    K16,
}

/// Font families a user names (found through `font-paths`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    /// Body text (e.g. 仿宋).
    pub body: Option<String>,
    /// Headings (e.g. 黑体).
    pub heading: Option<String>,
    /// The cover title (e.g. 方正小标宋简体).
    pub title: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: "玄武区".into(),
            organization: "南京市玄武区市场监督管理局（知识产权局）".into(),
            year: None,
            data_dir: PathBuf::from("data"),
            output_dir: PathBuf::from("output"),
            catalog: None,
            date: None,
            font_paths: Vec::new(),
            change_bound: 50.0,
            templates: None,
            paper: Paper::A4,
            chapter_on_right: false,
            fonts: Fonts::default(),
            previous: None,
            text_dir: PathBuf::from("文字"),
            text_order: Vec::new(),
            patents: Patents::default(),
            editions: vec![Edition::Pdf],
        }
    }
}

/// The keys `yearbook.toml` accepts, for the unknown-key message.
const KEYS: &[&str] = &[
    "region",
    "organization",
    "year",
    "data-dir",
    "output-dir",
    "catalog",
    "date",
    "font-paths",
    "change-bound",
    "templates",
    "paper",
    "chapter-on-right",
    "fonts",
    "previous",
    "text-dir",
    "text-order",
    "patents",
    "editions",
];

impl Config {
    /// Parses the text of a `yearbook.toml`. `name` is used in messages.
    pub fn parse(text: &str, name: &str) -> Result<Config> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{name} 不是有效的 TOML：{}", e.message()))?;
        for (key, value) in &table {
            if !KEYS.contains(&key.as_str()) {
                bail!("{name} 中有未知的配置项“{key}”。可用的配置项：{}", KEYS.join("、"));
            }
            let expected = match key.as_str() {
                "year" if !value.is_integer() => Some("整数，如 2026"),
                "change-bound" if !(value.is_float() || value.is_integer()) => Some("数字，如 50"),
                "chapter-on-right" if !value.is_bool() => Some("true 或 false"),
                "font-paths" if !value.is_array() => Some("目录列表，如 [\"fonts-extra\"]"),
                "text-order" if !value.as_array().is_some_and(|a| a.iter().all(|v| v.is_str())) => {
                    Some("部分名称的列表，如 [\"工作概况\", \"大事记\"]")
                }
                "fonts" if !value.is_table() => Some("表，如 [fonts] body = \"FangSong\""),
                "patents" if !value.is_table() => Some("表，如 [patents] streets = \"街道对照表.xlsx\""),
                "paper" if !matches!(value.as_str(), Some("a4" | "16k")) => Some("\"a4\" 或 \"16k\""),
                "editions"
                    if !value.as_array().is_some_and(|a| {
                        a.iter().all(|v| matches!(v.as_str(), Some("pdf" | "docx" | "briefs")))
                    }) =>
                {
                    Some("版本列表，可含 \"pdf\"、\"docx\"、\"briefs\"，如 [\"pdf\", \"docx\"]")
                }
                "year" | "change-bound" | "chapter-on-right" | "font-paths" | "fonts" | "paper"
                | "editions" | "text-order" | "patents" => None,
                _ if !value.is_str() => Some("文字（加英文双引号）"),
                _ => None,
            };
            if let Some(expected) = expected {
                bail!("{name} 中 {key} 的值 {value} 无效，应为{expected}");
            }
        }
        let config: Config =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{name} 的配置项取值有误：{}", e.message()))?;
        config.validate(name)?;
        Ok(config)
    }

    /// Refuses values no build can use: text too long for the cover or holding
    /// control or invisible formatting characters, a year or date out of range,
    /// an empty or unreadable path. `name` is the settings file's, for the message,
    /// which names the key. The desk's settings form is held to the same rules.
    pub fn validate(&self, name: &str) -> Result<()> {
        text_value(name, "region", &self.region, MAX_REGION)?;
        if let Some(c) = self.region.chars().find(|c| "/\\<>:\"|?*".contains(*c)) {
            // The region is part of the PDF's file name.
            bail!("{name} 中 region（统计地区）含有不能用于文件名的字符“{c}”");
        }
        text_value(name, "organization", &self.organization, MAX_ORGANIZATION)?;
        if let Some(y) = self.year.filter(|y| !YEARS.contains(y)) {
            bail!(
                "{name} 中 year（报告年度）的值 {y} 无效，应为 {} 到 {} 之间的年份",
                YEARS.start(),
                YEARS.end()
            );
        }
        if let Some(date) = &self.date {
            let (y, _, _) = parse_date(date).with_context(|| format!("{name} 中的 date（编制日期）"))?;
            if !YEARS.contains(&y) {
                bail!(
                    "{name} 中 date（编制日期）的年份 {y} 无效，应为 {} 到 {} 之间",
                    YEARS.start(),
                    YEARS.end()
                );
            }
        }
        if !self.change_bound.is_finite() || self.change_bound <= 0.0 || self.change_bound > 10_000.0 {
            bail!("{name} 中的 change-bound 应为不超过 10000 的正数（百分比），如 50");
        }
        path_value(name, "data-dir", &self.data_dir)?;
        path_value(name, "output-dir", &self.output_dir)?;
        path_value(name, "text-dir", &self.text_dir)?;
        for (key, path) in
            [("catalog", &self.catalog), ("templates", &self.templates), ("previous", &self.previous)]
        {
            if let Some(path) = path {
                path_value(name, key, path)?;
            }
        }
        if !self.editions.contains(&Edition::Pdf) {
            // The PDF is the edition of record, and the desk previews it.
            bail!(
                "{name} 中 editions 须包含 \"pdf\"（PDF 版是存档和打印所用的版本），如 [\"pdf\", \"docx\"]"
            );
        }
        if self.font_paths.len() > MAX_FONT_PATHS {
            bail!("{name} 中 font-paths 列出了 {} 个目录，最多 {MAX_FONT_PATHS} 个", self.font_paths.len());
        }
        for path in &self.font_paths {
            path_value(name, "font-paths", path)?;
        }
        for (key, family) in [
            ("fonts.body", &self.fonts.body),
            ("fonts.heading", &self.fonts.heading),
            ("fonts.title", &self.fonts.title),
        ] {
            if let Some(family) = family {
                text_value(name, key, family, MAX_FONT_NAME)?;
            }
        }
        Ok(())
    }

    /// Loads `path`; when it does not exist, the defaults. Relative paths in the file
    /// are taken relative to the file's folder.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(e).with_context(|| format!("无法读取配置文件 {}", path.display())),
        };
        let mut config = Config::parse(&text, &path.display().to_string())?;
        let base = path.parent().unwrap_or(Path::new(""));
        let rebase = |p: &mut PathBuf| {
            if p.is_relative() && !base.as_os_str().is_empty() {
                *p = base.join(&*p);
            }
        };
        rebase(&mut config.data_dir);
        rebase(&mut config.output_dir);
        rebase(&mut config.text_dir);
        if let Some(c) = config.catalog.as_mut() {
            rebase(c);
        }
        config.font_paths.iter_mut().for_each(rebase);
        if let Some(t) = config.templates.as_mut() {
            rebase(t);
        }
        if let Some(p) = config.previous.as_mut() {
            rebase(p);
        }
        for p in [&mut config.patents.streets, &mut config.patents.industries].into_iter().flatten() {
            rebase(p);
        }
        Ok(config)
    }
}

/// The longest organisation name, in characters (a cover line holds about 30).
pub const MAX_ORGANIZATION: usize = 100;

/// The longest region name, in characters.
pub const MAX_REGION: usize = 20;

/// The longest font family name, in characters.
pub const MAX_FONT_NAME: usize = 100;

/// The longest path, in bytes.
pub const MAX_PATH: usize = 1024;

/// The most folders `font-paths` may list.
pub const MAX_FONT_PATHS: usize = 32;

/// The report years and compilation dates accepted.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The Chinese name of a key, for messages.
fn label(key: &str) -> &'static str {
    match key {
        "region" => "统计地区",
        "organization" => "编制单位",
        "data-dir" => "数据目录",
        "output-dir" => "输出目录",
        "catalog" => "指标目录文件",
        "templates" => "模板目录",
        "previous" => "上年年报",
        "font-paths" => "字体目录",
        "text-dir" => "文字目录",
        _ => "字体名称",
    }
}

/// A text value that is printed: not empty, at most `max` characters, no control
/// or invisible formatting characters.
fn text_value(name: &str, key: &str, value: &str, max: usize) -> Result<()> {
    let what = format!("{name} 中 {key}（{}）", label(key));
    if value.trim().is_empty() {
        bail!("{what}不能为空");
    }
    let count = value.chars().count();
    if count > max {
        bail!("{what}过长：{count} 个字，最多 {max} 个字");
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        bail!("{what}含有控制字符（U+{:04X}），无法排版，请删去", c as u32);
    }
    if let Some(c) = value.chars().find(|c| is_format_char(*c)) {
        bail!("{what}含有不可见的格式字符（U+{:04X}，如文字方向控制符、零宽字符），请删去", c as u32);
    }
    Ok(())
}

/// A path: not empty, at most [`MAX_PATH`] bytes, no control characters.
fn path_value(name: &str, key: &str, path: &Path) -> Result<()> {
    let what = format!("{name} 中 {key}（{}）", label(key));
    let text = path.to_string_lossy();
    if text.trim().is_empty() {
        bail!("{what}不能为空");
    }
    if text.len() > MAX_PATH {
        bail!("{what}过长：{} 字节，最多 {MAX_PATH} 字节", text.len());
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        bail!("{what}含有控制字符（U+{:04X}），请删去", c as u32);
    }
    Ok(())
}

/// Whether a character is an invisible formatting character (Unicode's format
/// category, Cf, with the line and paragraph separators): a bidirectional
/// override (U+202E), a zero-width space, a byte-order mark. Such a character
/// makes a name read otherwise than it is (`报表\u{202E}xslx.exe` shows as
/// `报表exe.xlsx`), so settings and file names refuse them.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Parses `YYYY-MM` or `YYYY-MM-DD` into (year, month, day); the day defaults to 1.
pub fn parse_date(s: &str) -> Result<(i32, u32, u32)> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let (y, m, d) = match parts.as_slice() {
        [y, m] => (num(y), num(m), Some(1)),
        [y, m, d] => (num(y), num(m), num(d)),
        _ => (None, None, None),
    };
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) if chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some() => {
            Ok((y as i32, m, d))
        }
        _ => bail!("日期“{s}”无效，应写作 2026-03 或 2026-03-01"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_projects_own_file() {
        let text = include_str!("../yearbook.toml");
        let config = Config::parse(text, "yearbook.toml").unwrap();
        assert_eq!(config.region, "玄武区");
        assert_eq!(config.organization, "南京市玄武区市场监督管理局（知识产权局）");
        assert_eq!(config.data_dir, PathBuf::from("data"));
        assert_eq!(config.date.as_deref(), Some("2026-03"));
    }

    #[test]
    fn empty_file_is_the_defaults() {
        assert_eq!(Config::parse("", "yearbook.toml").unwrap(), Config::default());
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Config::parse("regoin = \"玄武区\"\n", "yearbook.toml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "yearbook.toml 中有未知的配置项“regoin”。可用的配置项：region、organization、year、data-dir、output-dir、catalog、date、font-paths、change-bound、templates、paper、chapter-on-right、fonts、previous、text-dir、text-order、patents、editions"
        );
    }

    #[test]
    fn layout_options() {
        let c = Config::parse(
            "paper = \"16k\"\nchapter-on-right = true\n[fonts]\nbody = \"FangSong\"\n",
            "yearbook.toml",
        )
        .unwrap();
        assert_eq!(c.paper, Paper::K16);
        assert!(c.chapter_on_right);
        assert_eq!(c.fonts.body.as_deref(), Some("FangSong"));
        let err = Config::parse("paper = \"a3\"\n", "yearbook.toml").unwrap_err();
        assert_eq!(err.to_string(), "yearbook.toml 中 paper 的值 \"a3\" 无效，应为\"a4\" 或 \"16k\"");
        let err = Config::parse("year = \"2025\"\n", "yearbook.toml").unwrap_err();
        assert_eq!(err.to_string(), "yearbook.toml 中 year 的值 \"2025\" 无效，应为整数，如 2026");
    }

    #[test]
    fn values_a_build_cannot_use_are_refused_naming_the_key() {
        let err = |text: &str| Config::parse(text, "yearbook.toml").unwrap_err().to_string();
        let long = "局".repeat(MAX_ORGANIZATION + 1);
        assert_eq!(
            err(&format!("organization = \"{long}\"\n")),
            "yearbook.toml 中 organization（编制单位）过长：101 个字，最多 100 个字"
        );
        assert!(Config::parse(&format!("organization = \"{}\"\n", &long[3..]), "yearbook.toml").is_ok());
        assert_eq!(
            err("organization = \"某局\\u0000\"\n"),
            "yearbook.toml 中 organization（编制单位）含有控制字符（U+0000），无法排版，请删去"
        );
        assert_eq!(
            err("organization = \"某\\u202E局\"\n"),
            "yearbook.toml 中 organization（编制单位）含有不可见的格式字符（U+202E，如文字方向控制符、零宽字符），请删去"
        );
        assert_eq!(err("organization = \"  \"\n"), "yearbook.toml 中 organization（编制单位）不能为空");
        assert_eq!(
            err(&format!("region = \"{}\"\n", "区".repeat(21))),
            "yearbook.toml 中 region（统计地区）过长：21 个字，最多 20 个字"
        );
        assert_eq!(
            err("region = \"../玄武区\"\n"),
            "yearbook.toml 中 region（统计地区）含有不能用于文件名的字符“/”"
        );
        assert_eq!(
            err("year = 99999\n"),
            "yearbook.toml 中 year（报告年度）的值 99999 无效，应为 1900 到 2200 之间的年份"
        );
        assert_eq!(
            err("date = \"99999-01\"\n"),
            "yearbook.toml 中 date（编制日期）的年份 99999 无效，应为 1900 到 2200 之间"
        );
        assert_eq!(err("data-dir = \"\"\n"), "yearbook.toml 中 data-dir（数据目录）不能为空");
        assert_eq!(
            err("output-dir = \"out\\u0000\"\n"),
            "yearbook.toml 中 output-dir（输出目录）含有控制字符（U+0000），请删去"
        );
        assert_eq!(
            err(&format!("catalog = \"{}\"\n", "c".repeat(MAX_PATH + 1))),
            "yearbook.toml 中 catalog（指标目录文件）过长：1025 字节，最多 1024 字节"
        );
        assert_eq!(
            err("[fonts]\nbody = \"Fang\\tSong\"\n"),
            "yearbook.toml 中 fonts.body（字体名称）含有控制字符（U+0009），无法排版，请删去"
        );
        assert_eq!(
            err("change-bound = inf\n"),
            "yearbook.toml 中的 change-bound 应为不超过 10000 的正数（百分比），如 50"
        );
    }

    #[test]
    fn bad_date_is_refused() {
        let err = Config::parse("date = \"2026-13\"\n", "yearbook.toml").unwrap_err();
        assert!(format!("{err:#}").contains("日期“2026-13”无效"), "{err:#}");
        assert_eq!(parse_date("2026-03").unwrap(), (2026, 3, 1));
    }
}
