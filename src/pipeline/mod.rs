//! The stages wired together: read the data folder into a dataset (for `check` and
//! `build`), then analyse, draw, model, typeset and write the PDF (for `build`).
//! Progress lines go to a caller's callback, so the library never prints.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::analysis::revisions::{self, Revision};
use crate::analysis::{self, Analysis};
use crate::charts;
use crate::config::Config;
use crate::diag::{Diagnostic, Kind, Level};
use crate::format;
use crate::options::Options;
use crate::output;
use crate::report::{self, Meta};
use crate::typeset::{self, Input};

mod editions;
mod form;
mod read;
mod records;
mod streets;
mod warm;

pub use editions::{BRIEFS_DIR, write_docx};
pub use form::{FormWritten, write_form};
pub use read::{DataRead, FileSummary, SheetSummary, load_catalog, read_data};
use read::{ReadCache, read_data_cached};
pub use streets::{StreetsWritten, write_streets};
pub use warm::Warm;

/// The analysis of what was read, with what it found.
pub struct Analysed {
    pub analysis: Analysis,
    /// The consistency checks' findings and what they covered (附录二).
    pub checks: analysis::checks::Checks,
    /// Everything the analysis found, the checks, the revisions and the date
    /// warning included.
    pub diagnostics: Vec<Diagnostic>,
    /// Last year's yearbook's file name and the revisions against it, when given.
    pub revisions: Option<(String, Vec<Revision>)>,
}

/// The analysis of what was read, for the configured or latest year, and the
/// consistency checks. Fails when no report year can be analysed.
pub fn analyse(opts: &Options, read: &DataRead) -> Result<Analysed> {
    let config = &opts.config;
    let district = read.catalog.district().name.clone();
    let Some(year) = analysis::report_year(&read.dataset, &district, config.year) else {
        bail!(
            "数据中没有{district}的任何数值，无法确定报告年度；请检查数据中是否有“{district}”或“合计”的数值"
        );
    };
    if !read.dataset.iter().any(|o| o.year == year && o.region == district) {
        bail!(
            "数据中没有{district}{year}年的数值；请检查报告年度（--year 或 yearbook.toml 中的 year）或补充数据"
        );
    }
    let (analysis, mut diagnostics) = analysis::analyse(&read.catalog, &read.dataset, year);
    let checks = analysis::checks::run(
        &read.catalog,
        &analysis,
        analysis::checks::Bounds { change: config.change_bound },
    );
    diagnostics.extend(checks.findings.iter().cloned());
    let revisions = compare_previous(config, read)?;
    if let Some((file, found)) = &revisions {
        diagnostics.extend(found.iter().map(|r| r.diagnostic(&read.catalog, file)));
    }
    diagnostics.extend(date_warning(opts.date, analysis.year, config.date.is_some()));
    Ok(Analysed { analysis, checks, diagnostics, revisions })
}

/// Last year's yearbook compared with the data: the warnings, one per revised
/// figure at its new cell, and the revisions; `None` when no `previous` is set.
pub fn compare_previous(config: &Config, read: &DataRead) -> Result<Option<(String, Vec<Revision>)>> {
    let Some(path) = &config.previous else { return Ok(None) };
    let previous = crate::previous::read(path)?;
    let found = revisions::find(&read.catalog, &read.dataset, &previous.rows);
    Ok(Some((previous.file, found)))
}

/// The warning for a compilation date before the end of the report year, or more
/// than a year after it (a `--year` of an earlier year with this year's date).
pub fn date_warning(date: (i32, u32, u32), year: i32, configured: bool) -> Option<Diagnostic> {
    let kind = if date.0 <= year {
        Kind::DateBeforeYearEnd { date, year }
    } else if date.0 > year + 1 {
        Kind::DateLongAfterYear { date, year, configured }
    } else {
        return None;
    };
    Some(Diagnostic::new(Level::Warning, crate::diag::Place::none(), kind))
}

/// The output file name: `玄武区知识产权统计年报（2025年）.pdf`.
pub fn output_name(region: &str, year: i32) -> String {
    format!("{region}知识产权统计年报（{year}年）.pdf")
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
    pub year: i32,
    pub warnings: usize,
    pub timings: Timings,
    /// The laid-out pages, for thumbnails.
    pub document: std::sync::Arc<typst_layout::PagedDocument>,
    /// Every paragraph with its generated and printed text, and the findings
    /// about the edits.
    pub texts: crate::text::Texts,
    /// The Word edition, when written.
    pub docx: Option<PathBuf>,
    /// The street briefs written.
    pub briefs: Vec<PathBuf>,
}

/// Everything computed before typesetting.
pub struct Prepared {
    pub read: DataRead,
    pub analysis: Analysis,
    /// The consistency checks' findings and what they covered.
    pub checks: analysis::checks::Checks,
    pub charts: Vec<charts::Chart>,
    /// The charts with their data, for the next build to reuse.
    pub drawn: charts::Drawn,
    pub report: report::Report,
    /// The street briefs, when the settings ask for them.
    pub briefs: Vec<report::briefs::Brief>,
    pub date: (i32, u32, u32),
    /// Last year's yearbook's file name and the revisions against it, when given.
    pub revisions: Option<(String, Vec<Revision>)>,
    /// The number of warnings printed.
    pub warnings: usize,
    /// Every paragraph with its generated and printed text, and the findings
    /// about the edits (文字修改.toml).
    pub texts: crate::text::Texts,
    /// The time of each stage so far.
    pub timings: Timings,
}

/// The time each stage of a build took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    pub read: Duration,
    pub analysis: Duration,
    pub charts: Duration,
    pub typeset: Duration,
    pub pdf: Duration,
    pub write: Duration,
}

impl Timings {
    /// The lines printed by `build --timings`.
    pub fn lines(&self) -> Vec<String> {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let total = self.read + self.analysis + self.charts + self.typeset + self.pdf + self.write;
        [
            ("读取", self.read),
            ("分析", self.analysis),
            ("统计图", self.charts),
            ("排版", self.typeset),
            ("导出 PDF", self.pdf),
            ("写入", self.write),
            ("合计", total),
        ]
        .iter()
        .map(|(name, d)| format!("用时 {name:<8}{:>9.1} 毫秒", ms(*d)))
        .collect()
    }
}

/// Reads and checks the data, then computes the analysis, the charts and the report
/// model; stops with an error when the data has errors.
pub fn prepare(opts: &Options, log: &mut dyn FnMut(String)) -> Result<Prepared> {
    let start = Instant::now();
    let read = read_data(opts)?;
    let (analysed, timings) = analyse_timed(opts, &read, start.elapsed());
    prepare_read(opts, read, analysed, timings, &charts::Drawn::default(), log)
}

/// [`analyse`], and how long the reading (`read_time`, given) and the analysis took.
pub fn analyse_timed(opts: &Options, read: &DataRead, read_time: Duration) -> (Result<Analysed>, Timings) {
    let start = Instant::now();
    let analysed = analyse(opts, read);
    (analysed, Timings { read: read_time, analysis: start.elapsed(), ..Timings::default() })
}

/// [`prepare`] for data already read (by [`Warm::read`]) and analysed (by
/// [`analyse_timed`]), whose times are in `timings`; `drawn` are the charts an
/// earlier build drew.
pub fn prepare_read(
    opts: &Options,
    read: DataRead,
    analysed: Result<Analysed>,
    timings: Timings,
    drawn: &charts::Drawn,
    log: &mut dyn FnMut(String),
) -> Result<Prepared> {
    log_files(&read, log);
    let start = Instant::now();
    let analysed = match analysed {
        Ok(a) => a,
        Err(e) => {
            // The reading's errors say why there is nothing to analyse.
            for d in read.diagnostics.iter().filter(|d| d.level == Level::Error) {
                log(d.to_string());
            }
            let errors = read.count(Level::Error);
            if errors > 0 {
                bail!(
                    "数据中有 {errors} 处错误，未生成年报；请按上述提示修正后重试（可用 yearbook check 检查）"
                );
            }
            return Err(e);
        }
    };
    for d in read.diagnostics.iter().chain(&analysed.diagnostics) {
        log(d.to_string());
    }
    let errors = read.count(Level::Error);
    if errors > 0 {
        bail!("数据中有 {errors} 处错误，未生成年报；请按上述提示修正后重试（可用 yearbook check 检查）");
    }
    let analysis_time = timings.analysis + start.elapsed();
    let mut prepared = prepare_analysed(opts, read, analysed, drawn, log)?;
    prepared.timings.read = timings.read;
    prepared.timings.analysis += analysis_time;
    Ok(prepared)
}

/// Progress lines: what was read from each file.
fn log_files(read: &DataRead, log: &mut dyn FnMut(String)) {
    for f in &read.files {
        match &f.sheets {
            None => log(format!("读取 {}：无法打开", crate::diag::text::shown(&f.name))),
            Some(sheets) => {
                let tables: usize = sheets.iter().map(|s| s.tables).sum();
                let obs: usize = sheets.iter().map(|s| s.observations).sum();
                log(format!(
                    "读取 {}：工作表 {} 个，表格 {} 个，数值 {} 个",
                    crate::diag::text::shown(&f.name),
                    sheets.len(),
                    tables,
                    obs
                ));
            }
        }
    }
    log(format!("共读入 {} 个数值", read.dataset.read_count()));
}

/// The charts and the report model of data that was read without errors and
/// analysed; charts whose data is unchanged are taken from `drawn`.
pub fn prepare_analysed(
    opts: &Options,
    read: DataRead,
    analysed: Analysed,
    drawn: &charts::Drawn,
    log: &mut dyn FnMut(String),
) -> Result<Prepared> {
    let config = &opts.config;
    let Analysed { analysis, checks, diagnostics, revisions } = analysed;
    log(format!("报告年度：{} 年", analysis.year));
    if let Some((file, found)) = &revisions {
        log(format!("与上年年报 {file} 比对：修订数据 {} 个", found.len()));
    }
    let date = opts.date;
    let start = Instant::now();
    let (charts, drawn) = charts::draw_all(&read.catalog, &analysis, drawn)?;
    let charts_time = start.elapsed();
    let start = Instant::now();
    let meta = Meta {
        title: format!("{}知识产权统计年报", config.region),
        edition: format!("（{}年）", analysis.year),
        region: config.region.clone(),
        organization: config.organization.clone(),
        year: analysis.year,
        date: format::chinese_month(date.0, date.1),
        description: report::description(&config.region, &analysis),
        sources: read.files.iter().filter(|f| f.sheets.is_some()).map(|f| f.name.clone()).collect(),
        layout: report::Layout {
            paper: config.paper,
            chapter_on_right: config.chapter_on_right,
            fonts: report::Fonts::embedded(),
        },
    };
    let compared = revisions.as_ref().map(|(file, r)| report::Compared { file, revisions: r });
    let mut report = report::build(&read.catalog, &analysis, &charts, &checks, compared, meta);
    let n = report.chapters.len() + 3 + usize::from(report.streets.is_some());
    report.patents = report::patents::chapter(&read.catalog, &read.records, &read.counts, analysis.year, n);
    let mut charts = charts;
    if let Some(ch) = report.patents.as_mut() {
        for (i, chart) in patent_charts(&read.counts, analysis.year)?.into_iter().enumerate() {
            ch.figures.push(report::Figure {
                number: format!("图{n}-{}", i + 1),
                title: chart.title.clone(),
                path: format!("/charts/{}.svg", chart.id),
                alt: chart.alt.clone(),
            });
            charts.push(chart);
        }
    }
    let edits = crate::text::edits::load(&crate::text::edits::path_for(&opts.config_path))?;
    let mut texts = crate::text::apply(&mut report, &edits, &read.catalog, &analysis);
    for d in &texts.diagnostics {
        log(d.to_string());
    }
    let mut text = written(config, log);
    let written_figures = crate::text::written::check(&mut text.parts, &read.catalog, &analysis);
    for d in &written_figures {
        log(d.to_string());
    }
    texts.diagnostics.extend(written_figures);
    report.written = report::written::place(text.parts, &config.text_order);
    let warnings = read.count(Level::Warning)
        + diagnostics.iter().chain(&texts.diagnostics).filter(|d| d.level == Level::Warning).count()
        + text.problems.len();
    let timings = Timings { analysis: start.elapsed(), charts: charts_time, ..Timings::default() };
    let briefs = if config.editions.contains(&crate::config::Edition::Briefs) {
        report::briefs::build(&read.catalog, &analysis, &charts, &report.meta)
    } else {
        Vec::new()
    };
    Ok(Prepared {
        read,
        analysis,
        checks,
        charts,
        drawn,
        report,
        briefs,
        date,
        revisions,
        warnings,
        texts,
        timings,
    })
}

/// The office's written parts of the settings' `text-dir`, each part read and
/// each file not read named in a line (the book is built without it).
pub fn written(config: &Config, log: &mut dyn FnMut(String)) -> crate::writing::Written {
    let text = crate::writing::read_dir(&config.text_dir, &config.text_order);
    for p in &text.parts {
        log(format!("读取文字 {}：“{}”，{} 个标题、段落、列表或表格", p.file, p.title, p.blocks.len()));
    }
    for p in &text.problems {
        log(format!("{}：{}", if p.error { "错误" } else { "警告" }, p.message));
    }
    text
}

/// The charts of the patent-list chapter: inventions in force at the report
/// year's end by applicant type and by IPC section, largest first.
fn patent_charts(counts: &crate::records::count::Counts, year: i32) -> Result<Vec<charts::Chart>> {
    let Some(y) = counts.years.get(&year) else { return Ok(Vec::new()) };
    let items = |mut list: Vec<(String, u64)>| {
        list.retain(|i| i.1 > 0);
        list.sort_by_key(|i| std::cmp::Reverse(i.1));
        list.into_iter().map(|(l, v)| (l, v as f64, v.to_string())).collect::<Vec<_>>()
    };
    let by_type = items(y.by_type.iter().map(|(t, v)| (t.name().to_string(), v.in_force)).collect());
    let sections = crate::records::ipc::SECTIONS;
    let name = |s: char| {
        sections
            .iter()
            .find(|x| x.0 == s)
            .map_or("未标分类号".to_string(), |x| format!("{} {}", x.0, x.1))
    };
    let by_section = items(y.by_section.iter().map(|(s, v)| (name(*s), v.in_force)).collect());
    let specs = [
        ("patents-type", format!("{year}年末按申请人类型分的有效发明专利"), by_type),
        ("patents-ipc", format!("{year}年末按技术领域分的有效发明专利"), by_section),
    ];
    specs
        .into_iter()
        .filter(|s| s.2.len() > 1)
        .map(|(id, name, items)| {
            charts::ranking(&charts::Ranking { id: id.into(), name, unit: "件".into(), items })
        })
        .collect()
}

/// The manifest of the input files attached to the PDF: name, size, SHA-256.
pub fn manifest(files: &[FileSummary]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut write = || -> csv::Result<Vec<u8>> {
        w.write_record(["file", "size", "sha256"])?;
        for f in files.iter().filter(|f| f.sheets.is_some()) {
            w.write_record([f.name.as_str(), &f.size.to_string(), &f.sha256])?;
        }
        w.flush()?;
        Ok(w.get_ref().clone())
    };
    write().expect("writing CSV to memory does not fail")
}

/// Where a string of the report model comes from, for a message about it.
fn origin_of(path: &str) -> String {
    match path {
        "meta.organization" => "yearbook.toml 中的 organization".into(),
        "meta.region" | "meta.title" | "meta.edition" => "yearbook.toml 中的 region".into(),
        p if p.starts_with("meta.sources") => "数据目录中的文件名".into(),
        p if p.starts_with("written") => format!("文字目录中的文件（报告中的 {p}）"),
        p if p.starts_with("glossary")
            || p.contains("title")
            || p.contains("columns")
            || p.contains("rows") =>
        {
            format!("指标目录（报告中的 {p}）")
        }
        p => format!("报告文字（{p}）"),
    }
}

/// Characters of the report that no loaded font has: each with where it comes from.
fn uncovered(
    value: &serde_json::Value,
    path: &str,
    covers: &dyn Fn(char) -> bool,
    out: &mut Vec<(char, String)>,
) {
    match value {
        serde_json::Value::String(s) => {
            for c in s.chars().filter(|c| !covers(*c)) {
                if !out.iter().any(|(d, _)| *d == c) {
                    out.push((c, origin_of(path)));
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                uncovered(v, &format!("{path}[{i}]"), covers, out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                uncovered(v, &p, covers, out);
            }
        }
        _ => {}
    }
}

/// Everything the typesetter needs for a prepared report: the templates (the
/// user's copies over the embedded), the fonts, the report model as JSON (after
/// checking that the fonts have every character), the charts and the files to
/// attach.
pub fn typeset_input(
    opts: &Options,
    prepared: Prepared,
    log: &mut dyn FnMut(String),
) -> Result<(Prepared, Input)> {
    let fonts = typeset::load_fonts(font_files(&opts.config)?)?;
    typeset_input_with(opts, prepared, fonts, log)
}

/// Font files: (name for messages, data).
type FontFiles = Vec<(String, Vec<u8>)>;

/// The font files of the settings' `font-paths`.
fn font_files(config: &Config) -> Result<FontFiles> {
    let mut files = Vec::new();
    for dir in &config.font_paths {
        files.extend(crate::assets::read_font_dir(dir)?);
    }
    Ok(files)
}

/// [`typeset_input`] with the fonts already parsed.
fn typeset_input_with(
    opts: &Options,
    mut prepared: Prepared,
    fonts: Vec<typst::text::Font>,
    log: &mut dyn FnMut(String),
) -> Result<(Prepared, Input)> {
    let config = &opts.config;
    let templates = crate::assets::load_templates(config.templates.as_deref())?;
    if let Some(dir) = &config.templates {
        let own = templates.iter().filter(|t| t.origin.is_some()).count();
        log(format!("使用模板目录 {}（{own} 个文件替换或补充内置模板）", dir.display()));
    }
    let families = typeset::families(&fonts);
    let mut font_warnings = 0;
    prepared.report.meta.layout.fonts = report::Fonts::choose(&config.fonts, &families, &mut |w| {
        font_warnings += 1;
        log(w)
    });
    prepared.warnings += font_warnings;
    let value = serde_json::to_value(&prepared.report).context("无法生成报告数据")?;
    let mut missing = Vec::new();
    // A report has a few thousand distinct characters in tens of thousands.
    let known = std::cell::RefCell::new(std::collections::HashMap::new());
    let covers = |c| *known.borrow_mut().entry(c).or_insert_with(|| typeset::covers(&fonts, c));
    uncovered(&value, "", &covers, &mut missing);
    if !missing.is_empty() {
        let list: Vec<String> =
            missing.iter().map(|(c, from)| format!("“{c}”（U+{:04X}，来自{from}）", *c as u32)).collect();
        bail!(
            "以下字符不在已加载的字体中，印出来会是空白：{}。请改用常用字，或在 yearbook.toml 的 font-paths 中加入含这些字符的字体目录",
            list.join("、")
        );
    }
    let json = serde_json::to_vec(&value).context("无法生成报告数据")?;
    let read = &prepared.read;
    let tidy = crate::export::render(
        &crate::export::rows(&read.catalog, &read.dataset),
        crate::export::Format::Csv,
    )?;
    let mut files = vec![
        ("/data/report.json".to_string(), json),
        ("/tidy-data.csv".to_string(), tidy),
        ("/input-manifest.csv".to_string(), manifest(&read.files)),
    ];
    for c in &prepared.charts {
        files.push((format!("/charts/{}.svg", c.id), c.svg.clone().into_bytes()));
    }
    let input = Input { templates, files, fonts, date: prepared.date };
    Ok((prepared, input))
}

/// The files a build reads, which no output may replace or sit in: the data
/// folder and every workbook.
pub fn inputs<'a>(config: &'a Config, read: &'a DataRead) -> Vec<&'a Path> {
    std::iter::once(config.data_dir.as_path()).chain(read.files.iter().map(|f| f.path.as_path())).collect()
}

/// Refuses, before any work and creating nothing, an output folder inside the data
/// folder.
pub fn output_dir_allowed(config: &Config) -> Result<()> {
    output::check_dir(&config.output_dir, &[config.data_dir.as_path()])
}

/// Typesets prepared data into PDF bytes, writing nothing.
pub fn typeset(
    opts: &Options,
    prepared: Prepared,
    log: &mut dyn FnMut(String),
) -> Result<(Prepared, typeset::Typeset)> {
    Warm::default().typeset(opts, prepared, log)
}

/// Reads the data, and when it has no errors, typesets and writes the yearbook.
pub fn build(opts: &Options, log: &mut dyn FnMut(String)) -> Result<Built> {
    Warm::default().build(opts, log)
}

/// Writes what the typesetter reads to `dir`: the templates, the generated files
/// (`data/report.json`, `charts/*.svg`, the attachments) and the embedded fonts.
/// [`keep_script`] adds the command once the PDF's standards are known.
pub fn keep_sources(dir: &Path, input: &Input) -> Result<()> {
    for t in &input.templates {
        keep(dir, &t.path, t.text.as_bytes())?;
    }
    for (path, bytes) in &input.files {
        keep(dir, path, bytes)?;
    }
    for f in &crate::assets::FONTS {
        keep(dir, &format!("fonts/{}", f.file), f.data)?;
    }
    Ok(())
}

/// Writes `compile.sh` to `dir`: the `typst compile` command that reproduces the
/// PDF from the kept sources, with the same date, fonts and standards (as named by
/// [`typeset::Typeset::standards`]).
pub fn keep_script(dir: &Path, date: (i32, u32, u32), standards: &[&str]) -> Result<()> {
    let (y, m, d) = date;
    let epoch = chrono::NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let standards: Vec<String> =
        standards.iter().map(|s| s.trim_start_matches("PDF/").to_ascii_lowercase()).collect();
    let script = format!(
        "#!/bin/sh\n# Reproduces the yearbook with the Typst CLI 0.15.1 and the same fonts.\ncd \"$(dirname \"$0\")\"\nSOURCE_DATE_EPOCH={epoch} typst compile --root . --font-path fonts --ignore-system-fonts \\\n  --pdf-standard {} yearbook.typ yearbook.pdf\n",
        standards.join(",")
    );
    keep(dir, "compile.sh", script.as_bytes())
}

/// Writes one kept file under `dir`.
fn keep(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(rel.trim_start_matches('/'));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("无法建立目录 {}", parent.display()))?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("无法写入 {}", path.display()))
}
