//! Year after year: the 2026 yearbook after the “十四五” plan ended, with and
//! without a fixture “十五五” plan appended to the exported catalogue; the 2025
//! yearbook's plan review; revisions against last year's PDF; `yearbook init`;
//! and no plan written into the code.
//!
//! The 2026 data is made here: the sample data plus a workbook in the long layout
//! with a 2026 figure for every 2025 figure, by the rule of [`next`]. Expected
//! figures are computed here from the sample cells (read with calamine) by the same
//! rule, not by the tool.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yearbook::config::Config;
use yearbook::pipeline;

use super::{at, d1, flat_text, growth, opts, root, sheet, yearbook};

/// TEST FIXTURE, not a real plan: no “十五五” targets for Xuanwu are known. The
/// title says so, the targets are made up, and nothing of it is shipped.
const FIXTURE_PLAN: &str = r#"
# ---------------------------------------------------------------- TEST FIXTURE
# Not a real plan: made-up targets, for the tests only.
[[plan]]
key = "十五五"
title = "玄武区“十五五”知识产权发展规划（测试用虚构规划）"
start = 2026
end = 2030
baseline-year = 2025

[[plan.indicator]]
id = "invention_per_10k"
main = 1
target = 450
cmp = "ge"

[[plan.indicator]]
id = "invention_stock"
main = 2
target = 19000
cmp = "ge"

[[plan.indicator]]
id = "pct_applications"
main = 3
target = 300
cmp = "ge"

[[plan.indicator]]
id = "pledge_total"
main = 4
target = 10
cmp = "ge"

[[plan.indicator]]
id = "copyright_industry_share"
main = 5
target = 9.5
cmp = "gt"
"#;

/// The 2026 figure made from a 2025 one: percentages +0.3 points, population
/// −0.05 万人, 主营业务收入 and 行政执法案件 −10%, everything else +5%; rounded
/// half away from zero to the printed decimals.
fn next(id: &str, unit: &str, v: f64) -> f64 {
    let r = |x: f64, d: i32| (x * 10f64.powi(d)).round() / 10f64.powi(d);
    match (id, unit) {
        (_, "%") => r(v + 0.3, 1),
        (_, "万人") => r(v - 0.05, 2),
        ("service_revenue", _) => r(v * 0.9, 2),
        ("admin_cases", _) => r(v * 0.9, 0),
        (_, "亿元") => r(v * 1.05, 2),
        _ => r(v * 1.05, 0),
    }
}

/// The sample data plus `2026年补充.xlsx`: a 2026 figure for every 2025 figure,
/// streets included.
fn data_2026(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(root().join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    let config = Config { data_dir: root().join("data"), ..Config::default() };
    let read = pipeline::read_data(&opts(config)).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("2026年").unwrap();
    for (c, h) in ["指标", "地区", "年份", "数值", "单位"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (row, o) in (1..).zip(read.dataset.iter().filter(|o| o.year == 2025)) {
        let ind = read.catalog.get(&o.indicator).unwrap();
        ws.write_string(row, 0, &ind.name).unwrap();
        ws.write_string(row, 1, &o.region).unwrap();
        ws.write_number(row, 2, 2026.0).unwrap();
        ws.write_number(row, 3, next(&ind.id, &ind.unit, o.value)).unwrap();
        ws.write_string(row, 4, &ind.unit).unwrap();
    }
    wb.save(data.join("2026年补充.xlsx")).unwrap();
    data
}

/// The exported catalogue (`yearbook templates export`), with the fixture plan
/// appended when `fixture`.
fn exported_catalogue(dir: &Path, fixture: bool) -> PathBuf {
    let (code, _, stderr) = yearbook(&["templates", "export", "tpl"], dir);
    assert_eq!(code, 0, "{stderr}");
    let path = dir.join("tpl/catalog.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, yearbook::catalog::DEFAULT_CATALOG);
    if fixture {
        std::fs::write(&path, text + FIXTURE_PLAN).unwrap();
    }
    path
}

/// Keeps a built PDF for a look: `YEARBOOK_KEEP=dir cargo test --test yearbook plans`.
fn keep(pdf: &Path, name: &str) {
    if let Some(dir) = std::env::var_os("YEARBOOK_KEEP") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(pdf, Path::new(&dir).join(name)).unwrap();
    }
}

fn config_2026(dir: &Path, fixture: bool) -> Config {
    Config {
        data_dir: data_2026(dir),
        output_dir: dir.join("out"),
        date: Some("2027-03".into()),
        catalog: Some(exported_catalogue(dir, fixture)),
        ..Config::default()
    }
}

/// Calamine reads of the sample cells used below.
struct Cells {
    valid: calamine::Range<calamine::Data>,
    patents: calamine::Range<calamine::Data>,
    pop: f64,
}

impl Cells {
    fn new() -> Self {
        let streets = sheet("分街道统计.xlsx", "分街道");
        Cells {
            valid: sheet("专利统计.xlsx", "有效专利"),
            patents: sheet("专利统计.xlsx", "专利"),
            pop: at(&streets, "D91"),
        }
    }
}

#[test]
fn the_2026_yearbook_after_the_plan_ended_states_no_targets() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_2026(dir.path(), false);
    let mut log = Vec::new();
    let prepared = pipeline::prepare(&opts(config.clone()), &mut |l| log.push(l)).unwrap();
    assert_eq!(prepared.analysis.year, 2026);
    let c = Cells::new();
    let stock25 = at(&c.valid, "L4");
    let stock26 = next("invention_stock", "件", stock25);
    let paras = &prepared.report.summary.paragraphs;
    // The 22 main indicators of the ended plan, each with a 2026 figure (a total by
    // its yearly series), counted by hand from the sample's 2025 figures and the
    // rule of `next`: 13 rise (万人高价值发明专利数 … 累计培训 by 培训人次); 主营业务收入
    // falls; 8 stay (1 示范中心, 2 街区, 1 园区, 5 优势企业, 5 平台, 2 人才 round to the
    // same count; 万企商标企业数 6820/52300 and 7161/54915 are both 1304.0; 引进高端
    // 服务机构 was 0 in 2025 and stays 0: on a base under 10 counts are compared).
    assert_eq!(
        paras[0].text,
        "“十四五”规划已于2025年收官，新一轮知识产权发展规划的主要指标和目标值将在规划印发后补充。2026年，“十四五”规划确定的22项主要指标中，有2026年数据的22项，其中比上年增长（提高）的13项、下降（降低）的1项、持平的8项。"
    );
    // 6820/52300 and 7161/54915 both print 1304.0: a headline says what it is flat with.
    let headlines = &paras[1].text;
    assert!(headlines.contains("万企拥有有效注册商标企业数1304.0家，与上年末持平；"), "{headlines}");
    let lead = |title: &str| {
        let ch = prepared.report.chapters.iter().find(|c| c.title == title).unwrap();
        ch.paragraphs.iter().map(|p| p.text.clone()).collect::<String>()
    };
    let creation = lead("知识产权创造");
    assert!(
        creation.contains(&format!(
            "年末有效发明专利拥有量{stock26}件，{}；",
            growth(stock26, stock25).replace("比上年", "比上年末")
        )),
        "{creation}"
    );
    let utilisation = lead("知识产权运用");
    let pledge = sheet("运用与保护.xlsx", "运用");
    let pledge25 = at(&pledge, "D12") / 1e4;
    let pledge26 = next("pledge_financing", "亿元", pledge25);
    assert!(
        utilisation.starts_with(&format!(
            "全年实现知识产权质押融资{pledge26:.2}亿元，{}；全年备案专利实施许可和转让合同",
            growth(pledge26, pledge25)
        )),
        "{utilisation}"
    );
    let main = &prepared.report.main;
    assert_eq!(
        main.paragraphs[0].text,
        "表2-1列出“十四五”规划主要指标2026年的数值和比上年增长速度，不再对照该规划的目标计算完成情况。"
    );
    assert_eq!(main.table_title, "“十四五”规划主要指标情况（2026年）");
    // One year after the plan, an average growth would repeat the change on the year.
    let titles: Vec<&str> = main.columns[2..].iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["2025年", "2026年", "比上年增长（%）"]);
    // No target, completion, schedule or total runs past the plan's end.
    let json = serde_json::to_string(&prepared.report).unwrap();
    for banned in
        ["目标的", "序时进度", "2021—2026", "已完成", "未完成", "开局之年", "收官之年（", "提前完成"]
    {
        assert!(!json.contains(banned), "{banned} in the 2026 report without a plan");
    }
    assert!(log.iter().all(|l| !l.contains("编制日期早于")), "{log:#?}");

    // The PDF: the main table's row, and nothing missing from the chapters.
    let built = pipeline::build(&opts(config), &mut |_| {}).unwrap();
    keep(&built.path, "2026-without-plan.pdf");
    let text = flat_text(&built.path);
    let g = d1((stock26 / stock25 - 1.0) * 100.0);
    assert!(text.contains(&format!("有效发明专利拥有量（件）{stock25}{stock26}{g}创造维持")), "{text}");
    // A period total after its plan: its yearly series stands in.
    assert!(text.contains(&format!("知识产权质押融资额（亿元）{pledge25:.2}{pledge26:.2}")), "{text}");
    for title in [
        "三、知识产权创造",
        "十、分街道（园区）统计",
        "附录一指标解释",
        "图3-12017—2026年专利授权量及其增长速度",
    ] {
        assert!(text.contains(title), "missing {title}");
    }
    assert!(text.contains(&format!("全年专利授权量{}件", next("patent_grants", "件", at(&c.patents, "K6")))));
    assert!(!text.contains("“十四五”目标"), "a target chart after the plan");
}

/// The status of a main indicator of the fixture plan in 2026, computed here.
fn fixture_status(value: f64, baseline: f64, target: f64, cumulative: bool) -> &'static str {
    let schedule = 20.0;
    let covered =
        if cumulative { value / target * 100.0 } else { (value - baseline) / (target - baseline) * 100.0 };
    if value >= target {
        "已提前达到"
    } else if covered >= schedule {
        "快于序时进度"
    } else {
        "慢于序时进度"
    }
}

#[test]
fn the_2026_yearbook_with_a_new_plan_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_2026(dir.path(), true);
    let prepared = pipeline::prepare(&opts(config.clone()), &mut |_| {}).unwrap();
    let c = Cells::new();
    let use_ = sheet("运用与保护.xlsx", "运用");
    let (pop25, pop26) = (c.pop, next("population", "万人", c.pop));
    let stock = (at(&c.valid, "L4"), next("invention_stock", "件", at(&c.valid, "L4")));
    let per10k = (stock.0 / pop25, stock.1 / pop26);
    let pct = (at(&c.patents, "K10"), next("pct_applications", "件", at(&c.patents, "K10")));
    let pledge26 = next("pledge_financing", "亿元", at(&use_, "D12") / 1e4);
    let share = (at(&use_, "D52"), next("copyright_industry_share", "%", at(&use_, "D52")));
    let rows = [
        ("万人发明专利拥有量", per10k.1, per10k.0, 450.0, false),
        ("有效发明专利拥有量", stock.1, stock.0, 19000.0, false),
        ("PCT专利申请量", pct.1, pct.0, 300.0, false),
        ("知识产权质押融资额累计", pledge26, 0.0, 10.0, true),
        ("版权产业增加值占GDP比重", share.1, share.0, 9.5, false),
    ];
    let count = |s: &str| rows.iter().filter(|r| fixture_status(r.1, r.2, r.3, r.4) == s).count();
    // The 综述 gives the counts; the main chapter names those behind, slowest first,
    // with their progress: (value − 基数) ÷ (target − 基数), a total ÷ its target.
    let mut behind: Vec<(&str, f64)> = rows
        .iter()
        .filter(|r| fixture_status(r.1, r.2, r.3, r.4) == "慢于序时进度")
        .map(|r| (r.0, if r.4 { r.1 / r.3 * 100.0 } else { (r.1 - r.2) / (r.3 - r.2) * 100.0 }))
        .collect();
    behind.sort_by(|a, b| a.1.total_cmp(&b.1));
    let named: Vec<String> =
        behind.iter().take(3).map(|(n, p)| format!("{n}（规划进度{}%）", d1(*p))).collect();
    let overview = format!(
        "2026年是“十五五”规划的开局之年。《玄武区“十五五”知识产权发展规划（测试用虚构规划）》确定的5项主要指标中，{}项已提前达到2030年目标，{}项快于序时进度，{}项慢于序时进度。",
        count("已提前达到"),
        count("快于序时进度"),
        count("慢于序时进度")
    );
    let paras = &prepared.report.summary.paragraphs;
    assert_eq!(paras[0].text, overview);
    // The plan's first total is 2026 alone; no total runs across two plans.
    let main_text: String = prepared.report.main.paragraphs.iter().map(|p| p.text.clone()).collect();
    assert!(!behind.is_empty() && behind.len() <= 3, "{behind:?}");
    assert!(main_text.contains(&format!("慢于序时进度（20%）的是{}。", named.join("、"))), "{main_text}");
    assert!(
        main_text.contains(&format!("知识产权质押融资额累计（规划进度{}%）", d1(pledge26 / 10.0 * 100.0))),
        "{main_text}"
    );
    assert!(!main_text.contains("2021—2026"), "{main_text}");
    let main = &prepared.report.main;
    assert_eq!(
        main.paragraphs[0].text,
        "截至2026年，“十五五”规划的序时进度为20%。对照规划目标，期末数指标按（报告年度数值－基数）÷（目标值－基数）衡量进度，“新增”“累计”类指标按累计数÷目标值衡量进度，与序时进度比较。"
    );
    assert_eq!(main.table_title, "“十五五”知识产权发展主要指标完成情况（2026年）");
    assert_eq!(main.columns[2].title, "2025年基数");
    assert_eq!(main.columns[5].title, "2030年目标");
    // The new plan's main indicators: PCT专利申请量 is new; 马德里商标 is no longer
    // one but stays in its chapter.
    let names: Vec<&str> =
        main.groups.iter().flat_map(|g| &g.rows).map(|r| r.cells[0].text.as_str()).collect();
    assert_eq!(
        names,
        [
            "万人发明专利拥有量（件）",
            "有效发明专利拥有量（件）",
            "PCT专利申请量（件）",
            "知识产权质押融资额累计（亿元）",
            "版权产业增加值占GDP比重（%）"
        ]
    );
    let json = serde_json::to_string(&prepared.report).unwrap();
    for banned in ["2021—2026", "十四五”目标", "收官"] {
        assert!(!json.contains(banned), "{banned} in the 2026 report with the new plan");
    }
    let built = pipeline::build(&opts(config), &mut |_| {}).unwrap();
    keep(&built.path, "2026-with-plan.pdf");
    let text = flat_text(&built.path);
    // 基数 = the 2021–2025 total of 质押融资额, in 亿元.
    let before: f64 =
        (2021..=2025).map(|y| at(&use_, &format!("D{}", 3 + (y - 2016) as u32))).sum::<f64>() / 1e4;
    assert!(
        text.contains(&format!(
            "知识产权质押融资额累计（亿元）{before:.2}{pledge26:.2}—10{}慢于序时进度",
            d1(pledge26 / 10.0 * 100.0)
        )),
        "{text}"
    );
    assert!(text.contains("马德里商标有效注册量"), "a dropped main indicator stays in its chapter");
    assert!(text.contains("万人发明专利拥有量与“十五五”目标"), "{text}");
}

#[test]
fn the_2025_yearbook_reviews_the_whole_plan() {
    let out = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: root().join("data"),
        output_dir: out.path().to_path_buf(),
        date: Some("2026-03".into()),
        ..Config::default()
    };
    let prepared = pipeline::prepare(&opts(config), &mut |_| {}).unwrap();
    let main = &prepared.report.main;
    assert_eq!(
        main.paragraphs[0].text,
        "表2-1列出《南京市玄武区“十四五”知识产权发展规划》（玄政办〔2022〕30号）确定的各项主要指标的基数、2025年数值、年均增长速度和目标完成情况。"
    );
    let status: BTreeMap<&str, &str> = main
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .map(|r| (r.cells[0].text.as_str(), r.cells[6].text.as_str()))
        .collect();
    assert_eq!(status.len(), 22);
    assert!(status.values().all(|s| *s == "已完成" || *s == "未完成"), "{status:#?}");
    assert_eq!(status["版权产业增加值占GDP比重（%）"], "未完成");
    assert_eq!(status["有效发明专利拥有量（件）"], "已完成");
    assert!(prepared.report.preface[2].contains("其基数为上一规划期（2016—2020年）合计"));
    assert!(prepared.report.revisions.is_none());
}

#[test]
fn an_early_compilation_date_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config { date: Some("2026-10".into()), ..config_2026(dir.path(), false) };
    let mut log = Vec::new();
    pipeline::prepare(&opts(config), &mut |l| log.push(l)).unwrap();
    assert!(
        log.contains(&"警告：编制日期早于报告年度结束：编制日期为2026年10月1日，报告年度为2026年。请在 yearbook.toml 中把 date 改为2026年以后的日期，如 \"2027-03\"".to_string()),
        "{log:#?}"
    );
}

/// Copies a sample workbook with one cell changed (calamine in, rust_xlsxwriter
/// out: values only).
fn rewrite(from: &Path, to: &Path, sheet_name: &str, row: u32, col: u16, value: f64) {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(from).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let ws = wb.add_worksheet().set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap();
        for (r, c, cell) in range.cells() {
            let (r, c) = (r as u32 + r0, (c as u32 + c0) as u16);
            match cell {
                _ if name == sheet_name && (r, c) == (row, col) => ws.write_number(r, c, value).map(|_| ()),
                calamine::Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                calamine::Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                calamine::Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(to).unwrap();
}

#[test]
fn a_revised_2024_figure_is_listed_against_last_years_yearbook() {
    let dir = tempfile::tempdir().unwrap();
    // Last year's yearbook, built before the revision.
    let config = Config {
        data_dir: root().join("data"),
        output_dir: dir.path().join("last"),
        date: Some("2026-03".into()),
        ..Config::default()
    };
    let last = pipeline::build(&opts(config), &mut |_| {}).unwrap().path;
    // This year's data: 商标注册量 2024 (商标与版权.xlsx, 商标!K5) revised.
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(root().join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    let marks = sheet("商标与版权.xlsx", "商标");
    let (old, now) = (at(&marks, "K5"), at(&marks, "L5"));
    let revised = old + 62.0;
    rewrite(&root().join("data/商标与版权.xlsx"), &data.join("商标与版权.xlsx"), "商标", 4, 10, revised);

    let (code, stdout, _) =
        yearbook(&["check", "--data", "data", "--previous", last.to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "{stdout}");
    let file = last.file_name().unwrap().to_str().unwrap();
    let warning = format!(
        "警告：商标与版权.xlsx，工作表“商标”，单元格 K5：“商标注册量”玄武区2024年为 {revised}件，上年年报（{file}）为 {old}件，差额 +62；年报将在附录“数据修订说明”中列为修订。如非修订，请核对该单元格"
    );
    assert!(stdout.contains(&warning), "{stdout}");
    assert_eq!(stdout.matches("上年年报（").count(), 1, "{stdout}");

    std::fs::write(dir.path().join("yearbook.toml"), format!("date = \"2026-04\"\nprevious = {:?}\n", last))
        .unwrap();
    let (code, _, stderr) = yearbook(&["build", "--data", "data", "--out", "out"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("与上年年报"), "{stderr}");
    keep(&dir.path().join("out/玄武区知识产权统计年报（2025年）.pdf"), "2025-revised.pdf");
    let text = flat_text(&dir.path().join("out/玄武区知识产权统计年报（2025年）.pdf"));
    assert!(text.contains("附录三数据修订说明"), "{text}");
    assert!(
        text.contains(&format!("商标注册量（件）玄武区2024{old}{revised}+62区市场监管局（知识产权局）")),
        "{text}"
    );
    // Growth is computed on the revised figure.
    assert!(text.contains(&format!("全年商标注册量{now}件，{}", growth(now, revised))), "{text}");

    // Against itself: no revisions, one sentence.
    let (code, _, stderr) =
        yearbook(&["build", "--data", root().join("data").to_str().unwrap(), "--out", "same"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let text = flat_text(&dir.path().join("same/玄武区知识产权统计年报（2025年）.pdf"));
    assert!(text.contains("经比对，本年报所用数据与上年年报所刊数据一致，没有修订。"), "{text}");

    // Not a PDF, and a PDF without our attachment.
    std::fs::write(dir.path().join("x.pdf"), "not a pdf").unwrap();
    let (code, stdout, stderr) = yearbook(&["check", "--data", "data", "--previous", "x.pdf"], dir.path());
    assert_eq!(code, 1);
    let said = stdout + &stderr;
    assert!(said.contains("错误：x.pdf 不是 PDF 文件，无法读取上年年报数据"), "{said}");
    std::fs::write(dir.path().join("plain.pdf"), plain_pdf()).unwrap();
    let (code, stdout, stderr) =
        yearbook(&["check", "--data", "data", "--previous", "plain.pdf"], dir.path());
    assert_eq!(code, 1);
    let said = stdout + &stderr;
    assert!(
        said.contains("错误：plain.pdf 中没有 yearbook 附加的整理后数据（tidy-data.csv），无法比对数据修订"),
        "{said}"
    );
    // build stops with the same reason.
    let (code, _, stderr) =
        yearbook(&["build", "--data", "data", "--previous", "plain.pdf", "--out", "o"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("plain.pdf 中没有 yearbook 附加的整理后数据"), "{stderr}");
}

/// A one-page PDF without attachments.
fn plain_pdf() -> Vec<u8> {
    use lopdf::{Object, dictionary};
    let mut doc = lopdf::Document::with_version("1.7");
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn init_makes_a_project_and_carries_last_years_settings() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2025");
    std::fs::create_dir_all(last.join("output")).unwrap();
    std::fs::write(
        last.join("yearbook.toml"),
        "organization = \"某局\"\npaper = \"16k\"\ncatalog = \"my.toml\"\n",
    )
    .unwrap();
    std::fs::write(last.join("my.toml"), yearbook::catalog::DEFAULT_CATALOG).unwrap();
    std::fs::write(last.join("output/玄武区知识产权统计年报（2024年）.pdf"), b"%PDF-").unwrap();
    std::fs::write(last.join("output/玄武区知识产权统计年报（2025年）.pdf"), b"%PDF-").unwrap();
    let (code, _, stderr) = yearbook(&["init", "2026", "--from", "2025"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let new = dir.path().join("2026");
    assert!(new.join("data").is_dir());
    assert!(std::fs::read_to_string(new.join("使用说明.txt")).unwrap().contains("yearbook check"));
    let config = Config::load(&new.join("yearbook.toml")).unwrap();
    assert_eq!(config.organization, "某局");
    assert_eq!(config.paper, yearbook::config::Paper::K16);
    assert_eq!(config.date, None, "the date is left for the user");
    let pdf = last.join("output/玄武区知识产权统计年报（2025年）.pdf").canonicalize().unwrap();
    assert_eq!(config.previous, Some(pdf));
    assert_eq!(config.catalog, Some(new.join("catalog.toml")));
    assert!(new.join("catalog.toml").exists());
    let text = std::fs::read_to_string(new.join("yearbook.toml")).unwrap();
    assert!(text.contains("# date = \"2027-03\""), "{text}");
    // Never over an existing file.
    std::fs::write(new.join("yearbook.toml"), "region = \"玄武区\"\n").unwrap();
    let (code, _, stderr) = yearbook(&["init", "2026"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("以下文件已存在，未做任何改动"), "{stderr}");
    assert_eq!(std::fs::read_to_string(new.join("yearbook.toml")).unwrap(), "region = \"玄武区\"\n");
}

#[test]
fn no_plan_is_written_in_the_code_or_the_templates() {
    let catalog = yearbook::catalog::Catalog::builtin();
    let mut words: Vec<String> = Vec::new();
    let mut spans: Vec<String> = Vec::new();
    let mut years: Vec<String> = Vec::new();
    for p in &catalog.plans {
        words.push(p.key.clone());
        words.push(p.title.clone());
        words.extend(p.document.clone());
        let before = p.baseline_year - p.years() + 1;
        spans.extend([format!("{}—{}", p.start, p.end), format!("{before}—{}", p.baseline_year)]);
        years.extend([p.start, p.end, p.baseline_year].map(|y| y.to_string()));
    }
    assert!(words.contains(&"十四五".to_string()));
    let mut files = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs" || e == "typ") {
                out.push(p);
            }
        }
    }
    walk(&root().join("src"), &mut files);
    walk(&root().join("templates"), &mut files);
    let mut found = Vec::new();
    for f in files.iter().filter(|f| f.file_name().unwrap() != "tests.rs") {
        let text = std::fs::read_to_string(f).unwrap();
        // Unit tests may use any figures; the code before them may not name a plan.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            let place = format!("{}:{}", f.strip_prefix(root()).unwrap().display(), n + 1);
            for w in words.iter().chain(&spans) {
                if line.contains(w.as_str()) {
                    found.push(format!("{place}: {w}"));
                }
            }
            // A plan's year as a number in code: outside comments and strings.
            let code_part = line.split("//").next().unwrap();
            let outside: String = code_part.split('"').step_by(2).collect();
            for y in &years {
                if outside.contains(y.as_str()) {
                    found.push(format!("{place}: {y}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "plans written into the code: {found:#?}");
}
