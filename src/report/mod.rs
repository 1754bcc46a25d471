//! The report model handed to the Typst templates as JSON: every figure already
//! computed and formatted, every sentence already written. Templates do layout,
//! not arithmetic. Receives the catalogue, the analysis and the charts; hands on
//! a [`Report`].

use serde::Serialize;

use crate::analysis::Analysis;
use crate::analysis::revisions::Revision;
use crate::catalog::{Catalog, PlanYear, Stage};
use crate::charts::Chart;
use crate::format;
use crate::narrative;

pub mod briefs;
mod chapters;
pub mod patents;
mod peers;
mod preface;
mod quality;
mod tables;
mod words;
pub mod written;

use chapters::{category_chapter, growth_cell, street_chapter};
use preface::{left_out_sentence, preface};

pub use quality::Quality;
pub use tables::{Cell, Column, ColumnKind, Row, Table, set_cells};

/// Facts about the edition, for the cover, header and PDF metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// 玄武区知识产权统计年报
    pub title: String,
    /// （2025年）
    pub edition: String,
    pub region: String,
    pub organization: String,
    pub year: i32,
    /// 二〇二六年三月
    pub date: String,
    /// The PDF's subject line: what the report covers, naming the plan in force.
    pub description: String,
    /// The input files, for 编制说明.
    pub sources: Vec<String>,
    /// Paper, chapter starts and fonts.
    pub layout: Layout,
}

/// Page and font settings for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub paper: crate::config::Paper,
    pub chapter_on_right: bool,
    pub fonts: Fonts,
}

/// The font families the templates use, each a fallback list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fonts {
    pub body: Vec<String>,
    pub heading: Vec<String>,
    pub title: Vec<String>,
}

impl Fonts {
    /// The embedded Song and Hei faces.
    pub fn embedded() -> Self {
        let serif = vec![crate::assets::SERIF.to_string()];
        let sans = vec![crate::assets::SANS.to_string()];
        Fonts { body: serif, heading: sans.clone(), title: sans }
    }

    /// The user's named fonts where they are loaded, the embedded ones behind them;
    /// a named font that is not loaded is a warning.
    pub fn choose(named: &crate::config::Fonts, families: &[String], warn: &mut dyn FnMut(String)) -> Self {
        let mut fonts = Fonts::embedded();
        let mut pick = |name: &Option<String>, list: &mut Vec<String>, what: &str| {
            if let Some(n) = name {
                if families.iter().any(|f| f.eq_ignore_ascii_case(n)) {
                    list.insert(0, n.clone());
                } else {
                    warn(format!(
                        "警告：yearbook.toml 中指定的{what}字体“{n}”未找到（已加载的字体：{}），改用内置字体。请在 font-paths 中加入该字体所在目录",
                        families.join("、")
                    ));
                }
            }
        };
        pick(&named.body, &mut fonts.body, "正文");
        pick(&named.heading, &mut fonts.heading, "标题");
        pick(&named.title, &mut fonts.title, "封面标题");
        fonts
    }
}

/// A chart placed in a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// 图2-1
    pub number: String,
    pub title: String,
    /// The virtual file, `/charts/{id}.svg`.
    pub path: String,
    pub alt: String,
}

/// A paragraph, with an optional run-in heading printed in bold.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub title: Option<String>,
    pub text: String,
    /// The paragraph's name within its chapter (`主要数据`) when it has one; else
    /// [`crate::text`] names it by its place (`导语`, `第2段`).
    #[serde(skip)]
    pub name: Option<&'static str>,
}

impl Paragraph {
    fn plain(text: String) -> Self {
        Paragraph { title: None, text, name: None }
    }
}

/// A chapter: heading, lead paragraphs, tables and charts.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// 二
    pub number: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    pub figures: Vec<Figure>,
}

/// The main indicators of one category.
#[derive(Debug, Clone, Serialize)]
pub struct MainGroup {
    pub category: String,
    /// Cells: 指标（单位）, 基数, value, 年均增长, 目标, 完成率, 状态.
    pub rows: Vec<Row>,
}

/// The main-indicator chapter.
#[derive(Debug, Clone, Serialize)]
pub struct MainChapter {
    pub number: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub table_number: String,
    pub table_title: String,
    /// The category column, then one per cell of a row.
    pub columns: Vec<Column>,
    /// Empty when no plan applies to the year.
    pub groups: Vec<MainGroup>,
    pub notes: Vec<String>,
    /// 资料来源：the reporting agencies of the figures.
    pub source: Option<String>,
}

/// One entry of 指标解释.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryItem {
    pub name: String,
    pub unit: String,
    pub text: String,
    /// What the figure is, set unbroken after the text: （期末数）.
    pub tag: String,
}

/// 指标解释 of one category.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryGroup {
    pub title: String,
    pub items: Vec<GlossaryItem>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub meta: Meta,
    /// 编制说明
    pub preface: Vec<String>,
    /// The name of each paragraph of 编制说明 (`数据来源`), for its key.
    #[serde(skip)]
    pub preface_names: Vec<&'static str>,
    /// 综述
    pub summary: Chapter,
    pub main: MainChapter,
    pub chapters: Vec<Chapter>,
    pub streets: Option<Chapter>,
    /// The chapter from patent lists, when the data folder has any.
    pub patents: Option<Chapter>,
    pub glossary: Vec<GlossaryGroup>,
    /// 数据质量说明: each check's scope and result, in a reader's terms.
    pub quality: Quality,
    /// 数据修订说明, when last year's yearbook was given.
    pub revisions: Option<Revisions>,
    /// The office's written parts by their place in the book (set by the caller).
    pub written: written::Written,
}

/// The appendix 数据修订说明: what was compared, and the revised figures.
#[derive(Debug, Clone, Serialize)]
pub struct Revisions {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// 指标, 地区, 年份, 上年年报数, 本年报数, 差额, 来源; `None` without revisions.
    pub table: Option<Table>,
}

/// Last year's yearbook compared with this year's data: its file name and the
/// revisions found.
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    pub file: &'a str,
    pub revisions: &'a [Revision],
}

/// The PDF's subject: `<region><year>年知识产权统计数据及“<key>”知识产权发展规划主要指标完成情况`.
pub fn description(region: &str, analysis: &Analysis) -> String {
    let year = analysis.year;
    match &analysis.plan {
        Some(p) if p.within() => {
            format!("{region}{year}年知识产权统计数据及“{}”知识产权发展规划主要指标完成情况", p.plan.key)
        }
        Some(p) => format!("{region}{year}年知识产权统计数据及“{}”规划主要指标情况", p.plan.key),
        None => format!("{region}{year}年知识产权统计数据"),
    }
}

/// A span of years as printed: `<from>—<to>年`, or `<to>年` for one year.
fn span(from: i32, to: i32) -> String {
    if from == to { format!("{to}年") } else { format!("{from}—{to}年") }
}

/// The Chinese numeral of a chapter number (1 → 一).
fn numeral(n: usize) -> String {
    format::chinese_small(n as u32)
}

/// Builds the report model. `checks` are the consistency checks' findings and
/// what they covered.
pub fn build(
    catalog: &Catalog,
    analysis: &Analysis,
    charts: &[Chart],
    checks: &crate::analysis::checks::Checks,
    compared: Option<Compared>,
    meta: Meta,
) -> Report {
    let summary = Chapter {
        number: numeral(1),
        title: "综述".into(),
        paragraphs: narrative::overview::summary_parts(catalog, analysis)
            .into_iter()
            .map(|(name, title, text)| Paragraph { title, text, name: Some(name) })
            .collect(),
        tables: Vec::new(),
        figures: Vec::new(),
    };
    let main = main_chapter(catalog, analysis);
    let mut chapters = Vec::new();
    // Categories without a figure in the years shown get no chapter; 编制说明 names them.
    let mut left_out = Vec::new();
    for cat in &catalog.categories {
        let n = chapters.len() + 3;
        let chapter = category_chapter(catalog, analysis, charts, &cat.key, &cat.title, n);
        if chapter.tables.is_empty() && chapter.paragraphs.is_empty() && chapter.figures.is_empty() {
            left_out.push(cat.title.clone());
        } else {
            chapters.push(chapter);
        }
    }
    let streets = street_chapter(catalog, analysis, charts, chapters.len() + 3);
    let mut preface = preface(catalog, analysis, &meta, &chapters);
    if let Some(s) = left_out_sentence(analysis.year, &left_out, streets.is_none()) {
        preface.insert(1, ("缺项说明", s));
    }
    let mut summary = summary;
    peers::add(catalog, analysis, &mut summary, &mut chapters, &mut preface);
    let (preface_names, preface) = preface.into_iter().unzip();
    let glossary = glossary(catalog, analysis);
    let quality = quality::appendix(
        catalog,
        checks,
        &analysis.district,
        analysis.year,
        analysis.covering().map(|p| p.plan.key.as_str()),
    );
    let revisions = compared.map(|c| revisions(catalog, c));
    Report {
        meta,
        preface,
        preface_names,
        summary,
        main,
        chapters,
        streets,
        patents: None,
        glossary,
        quality,
        revisions,
        written: written::Written::default(),
    }
}

/// The main-indicator chapter: progress against the targets inside a plan; after
/// the last plan ended, its main indicators since its last year; before any plan,
/// a sentence.
fn main_chapter(catalog: &Catalog, analysis: &Analysis) -> MainChapter {
    let year = analysis.year;
    let mut chapter = MainChapter {
        number: numeral(2),
        title: "主要指标完成情况".into(),
        paragraphs: Vec::new(),
        table_number: "表2-1".into(),
        table_title: String::new(),
        columns: Vec::new(),
        groups: Vec::new(),
        notes: Vec::new(),
        source: None,
    };
    match &analysis.plan {
        Some(p) if p.within() => within_table(catalog, analysis, p, &mut chapter),
        Some(p) => after_table(catalog, analysis, p, &mut chapter),
        None => chapter.paragraphs.push(Paragraph::plain(format!(
            "指标目录中没有{year}年及以前的规划，本年报不列主要指标完成情况。"
        ))),
    }
    chapter
}

/// Rows grouped by category, aligned on their decimals across the whole table
/// (`columns` from the category column on).
fn grouped(columns: &[Column], rows: Vec<(String, Row)>) -> Vec<MainGroup> {
    let mut groups: Vec<MainGroup> = Vec::new();
    for (category, row) in rows {
        match groups.last_mut() {
            Some(g) if g.category == category => g.rows.push(row),
            _ => groups.push(MainGroup { category, rows: vec![row] }),
        }
    }
    let mut all: Vec<Row> = groups.iter().flat_map(|g| g.rows.clone()).collect();
    set_cells(&columns[1..], &mut all);
    let mut aligned = all.into_iter();
    for row in groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
        *row = aligned.next().expect("as many rows as before");
    }
    groups
}

fn within_table(catalog: &Catalog, analysis: &Analysis, p: &PlanYear, chapter: &mut MainChapter) {
    let year = analysis.year;
    let plan = &p.plan;
    let closing = p.stage == Stage::Closing;
    let rows = analysis
        .progress
        .iter()
        .filter_map(|pr| Some((catalog.get(&pr.id)?, pr)))
        .map(|(ind, pr)| {
            let cells = vec![
                format!("{}（{}）", ind.name, ind.unit),
                format::value(ind, pr.baseline),
                format::value(ind, pr.value),
                narrative::targets::average_cell(ind, pr.average_growth),
                pr.target_label.clone().unwrap_or_else(|| format::MISSING.into()),
                // In the plan's last year, the completion (a percentage is measured
                // against its target in 百分点, not as a ratio of ratios); before it,
                // the progress that the status compares with the schedule.
                if !closing {
                    format::percent(pr.covered)
                } else if ind.is_percent() {
                    format::MISSING.into()
                } else {
                    format::percent(pr.completion)
                },
                pr.status.label(closing).into(),
            ];
            (ind.category.clone(), Row::new(cells, false))
        })
        .collect();
    use ColumnKind::*;
    chapter.columns = vec![
        Column::new(Category, "类别"),
        Column::new(Name, "指标（单位）"),
        Column::new(Baseline, format!("{}年基数", plan.baseline_year)),
        Column::new(Value, format!("{year}年")),
        Column::new(Growth, "年均增长（%）"),
        Column::new(Target, format!("{}年目标", plan.end)),
        Column::new(Rate, if closing { "完成率（%）" } else { "规划进度（%）" }),
        Column::new(Status, "状态"),
    ];
    // A 年均增长 column with nothing in it (no baseline for any row) is dropped.
    let mut rows: Vec<(String, Row)> = rows;
    let averaged = rows.iter().any(|(_, r)| r.cells[3].text != format::MISSING);
    if !averaged {
        for (_, r) in &mut rows {
            r.cells.remove(3);
        }
        chapter.columns.remove(4);
    }
    chapter.groups = grouped(&chapter.columns, rows);
    chapter.source = main_source(catalog, analysis, (plan.baseline_year - plan.years() + 1..=year).collect());
    let schedule = format::round(p.schedule(), 0);
    let compare = "对照规划目标，期末数指标按（报告年度数值－基数）÷（目标值－基数）衡量进度，“新增”“累计”类指标按累计数÷目标值衡量进度，与序时进度比较。";
    // The 综述 has just placed the year in the plan; this gives its schedule.
    let lead = match p.stage {
        Stage::Opening | Stage::Nth(_) => {
            format!("截至{year}年，“{}”规划的序时进度为{schedule}%。{compare}", plan.key)
        }
        // The 综述 has just said that the year closes the plan.
        Stage::Closing | Stage::Ended => format!(
            "表2-1列出{}确定的各项主要指标的基数、{year}年数值、年均增长速度和目标完成情况。",
            plan.cited()
        ),
    };
    chapter.paragraphs.push(Paragraph::plain(lead));
    chapter.table_title = format!("“{}”知识产权发展主要指标完成情况（{year}年）", plan.key);
    let base = plan.baseline_year;
    let measure = if closing {
        "以%为单位的指标不计算完成率，与目标的差距以百分点表示".to_string()
    } else {
        format!(
            "规划进度：期末数指标为（{year}年数值－基数）÷（目标值－基数），“新增”“累计”类指标为累计数÷目标值，与序时进度（{schedule}%）比较判断快于或慢于序时进度"
        )
    };
    let average = if averaged {
        format!("年均增长为{}的年平均增长速度，以%为单位的指标为年均提高（降低）的百分点", span(base, year))
    } else {
        "基数不详，不计算年均增长".to_string()
    };
    chapter.notes = vec![format!(
        "注：1.“新增”“累计”类指标的{year}年数值为{}累计数，基数为{}累计数，不计算年均增长；2.{average}；3.{measure}；4.目标值前标“＞”的须超过目标值方为完成。",
        span(plan.start, year),
        span(base - plan.years() + 1, base),
    )];
    chapter
        .paragraphs
        .extend(narrative::targets::main_statements(catalog, analysis).into_iter().map(Paragraph::plain));
}

fn after_table(catalog: &Catalog, analysis: &Analysis, p: &PlanYear, chapter: &mut MainChapter) {
    let year = analysis.year;
    let plan = &p.plan;
    let mut points = false;
    // One year after the plan, the average growth is the change on the year: no
    // column of its own.
    let averaged = year - plan.end > 1;
    let rows = analysis
        .since
        .iter()
        .filter_map(|s| Some((catalog.get(&s.id)?, s)))
        .map(|(ind, s)| {
            points |= ind.is_percent();
            let mut cells = vec![
                format!("{}（{}）", ind.name, ind.unit),
                format::value(ind, s.end_value),
                format::value(ind, s.value),
                growth_cell(s.change),
            ];
            if averaged {
                cells.push(narrative::targets::average_cell(ind, s.average_growth));
            }
            (ind.category.clone(), Row::new(cells, false))
        })
        .collect();
    use ColumnKind::*;
    chapter.columns = vec![
        Column::new(Category, "类别"),
        Column::new(Name, "指标（单位）"),
        Column::new(Value, format!("{}年", plan.end)),
        Column::new(Value, format!("{year}年")),
        Column::new(Change, "比上年增长（%）"),
    ];
    if averaged {
        chapter.columns.push(Column::new(Growth, "年均增长（%）"));
    }
    chapter.groups = grouped(&chapter.columns, rows);
    chapter.source = main_source(catalog, analysis, (plan.end..=year).collect());
    let since =
        if averaged { format!("和{}年以来的年均增长速度", plan.end) } else { String::new() };
    // The 综述 has just said that the plan has ended.
    chapter.paragraphs.push(Paragraph::plain(format!(
        "表2-1列出“{}”规划主要指标{year}年的数值和比上年增长速度{since}，不再对照该规划的目标计算完成情况。",
        plan.key,
    )));
    chapter.table_title = format!("“{}”规划主要指标情况（{year}年）", plan.key);
    let mut notes = vec!["“新增”“累计”类指标在规划期结束后不再累计，列其当年数".to_string()];
    if averaged {
        notes.push(format!("年均增长为{}的年平均增长速度", span(plan.end, year)));
    }
    if points && averaged {
        notes.push(
            "以%为单位的指标，“比上年增长”栏为比上年增减的百分点，“年均增长”栏为年均提高（降低）的百分点"
                .into(),
        );
    } else if points {
        notes.push("以%为单位的指标，“比上年增长”栏为比上年增减的百分点".into());
    }
    if analysis.since.iter().any(|s| matches!(s.change, Some(crate::analysis::Change::Count(_)))) {
        notes.push(format!("上年数值不足{}的，不计算增长速度，以“—”表示", crate::analysis::SMALL_BASE));
    }
    let numbered: Vec<String> = notes.iter().enumerate().map(|(i, n)| format!("{}.{n}", i + 1)).collect();
    chapter.notes = vec![format!("注：{}。", numbered.join("；"))];
}

/// 资料来源 of the main-indicator table: the agencies of its indicators' figures
/// in the given years.
fn main_source(catalog: &Catalog, analysis: &Analysis, years: Vec<i32>) -> Option<String> {
    let ids: Vec<&str> = analysis
        .progress
        .iter()
        .map(|p| p.id.as_str())
        .chain(analysis.since.iter().map(|s| s.id.as_str()))
        .collect();
    tables::source_line(catalog, analysis, &ids, &[analysis.district.as_str()], &years)
}

/// The appendix 数据修订说明.
fn revisions(catalog: &Catalog, compared: Compared) -> Revisions {
    // The file compared with is named by `check`, not in print.
    let mut paragraphs = vec![
        "本附录列出本年报所用数据中，与上年年报所刊数值不同的数据（差额在所刊数字四舍五入范围以内的不计）。增长速度等均按本年报数计算。".to_string(),
    ];
    let rows: Vec<Row> = compared
        .revisions
        .iter()
        .filter_map(|r| {
            let ind = catalog.get(&r.indicator)?;
            let cells = vec![
                format!("{}（{}）", ind.name, ind.unit),
                r.region.clone(),
                r.year.to_string(),
                format::value(ind, Some(r.old)),
                format::value(ind, Some(r.new)),
                r.difference(catalog),
                ind.source.clone().unwrap_or_else(|| format::MISSING.into()),
            ];
            Some(Row::new(cells, false))
        })
        .collect();
    let table = if rows.is_empty() {
        paragraphs.push("经比对，本年报所用数据与上年年报所刊数据一致，没有修订。".into());
        None
    } else {
        let mut rows = rows;
        use ColumnKind::*;
        let columns = vec![
            Column::new(Name, "指标"),
            Column::new(Region, "地区"),
            Column::new(Year, "年份"),
            Column::new(Value, "上年年报数"),
            Column::new(Value, "本年报数"),
            Column::new(Value, "差额"),
            Column::new(Text, "来源"),
        ];
        set_cells(&columns, &mut rows);
        Some(Table {
            number: "附表1".into(),
            title: "数据修订情况".into(),
            unit: None,
            columns,
            rows,
            notes: vec!["注：来源为报送本年报数的单位。".into()],
            source: None,
        })
    };
    Revisions { title: "数据修订说明".into(), paragraphs, table }
}

/// Whether the book prints a figure of the indicator: in a category table (a
/// district figure in the five years shown), in the main-indicator table, or in
/// the streets' table. 附录一 defines only these.
fn printed(catalog: &Catalog, analysis: &Analysis, ind: &crate::catalog::Indicator) -> bool {
    let year = analysis.year;
    let in_table = ind.kind != crate::catalog::Kind::Cumulative
        && (year - 4..=year).any(|y| analysis.district_value(&ind.id, y).is_some());
    let main =
        analysis.progress.iter().any(|p| p.id == ind.id) || analysis.since.iter().any(|s| s.id == ind.id);
    let streets = ind.kind != crate::catalog::Kind::Cumulative
        && catalog
            .streets()
            .chain(catalog.parks())
            .any(|r| analysis.values.value(&ind.id, &r.name, year).is_some());
    in_table || main || streets
}

fn glossary(catalog: &Catalog, analysis: &Analysis) -> Vec<GlossaryGroup> {
    let plan = analysis.covering().map(|p| p.plan.key.as_str());
    catalog
        .categories
        .iter()
        .map(|c| GlossaryGroup {
            title: c.title.clone(),
            items: catalog
                .in_category(&c.key)
                .filter(|i| printed(catalog, analysis, i))
                .map(|i| {
                    let tag = format!("（{}）", i.kind.label(plan));
                    GlossaryItem {
                        name: i.name.clone(),
                        unit: i.unit.clone(),
                        text: i.definition.clone(),
                        tag,
                    }
                })
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}
