//! End-to-end tests: the sample workbooks of `data/` go in, the PDF comes out, and
//! the PDF is checked for its page count, its text (with poppler's `pdftotext`),
//! its fonts (`pdffonts`) and its metadata (`pdfinfo`). The `yearbook` binary is
//! checked for its Chinese help, messages and exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

mod editions;
mod folder;
mod forms;
mod forms_periods;
mod given;
mod hostile;
mod inputs;
mod layout;
mod patents;
mod peers;
mod plans;
mod realdata;
mod sense;
mod serve;
mod text;
mod written;

use yearbook::config::Config;
use yearbook::pipeline;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The options of a test build: the settings, with the environment read once.
fn opts(config: Config) -> yearbook::options::Options {
    yearbook::options::Options::from_config(config).expect("the test settings resolve")
}

fn sample_config(out: &Path) -> Config {
    Config {
        data_dir: root().join("data"),
        output_dir: out.to_path_buf(),
        date: Some("2026-03".into()),
        ..Config::default()
    }
}

/// Installs poppler-utils once when it is missing and this machine can (root with
/// apt-get, as on the project's machines and CI), so that `cargo test` works on a
/// fresh clone.
fn ensure_poppler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if Command::new("pdftotext").arg("-v").output().is_ok() {
            return;
        }
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        if root && Path::new("/usr/bin/apt-get").exists() {
            eprintln!("installing poppler-utils for the PDF checks");
            let _ = Command::new("apt-get").args(["update", "-qq"]).status();
            let _ = Command::new("apt-get").args(["install", "-y", "-qq", "poppler-utils"]).status();
        }
    });
}

fn poppler(tool: &str, args: &[&str]) -> String {
    ensure_poppler();
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for this test (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

/// The PDF's text with line breaks and spaces removed, so that phrases broken
/// across lines still match.
fn flat_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn build_sample(out: &Path) -> pipeline::Built {
    let mut log = Vec::new();
    let built = pipeline::build(&opts(sample_config(out)), &mut |l| log.push(l)).expect("the sample builds");
    assert!(log.iter().any(|l| l == "读取 专利统计.xlsx：工作表 2 个，表格 2 个，数值 110 个"), "{log:#?}");
    assert!(log.iter().any(|l| l == "共读入 540 个数值"), "{log:#?}");
    assert!(log.iter().all(|l| !l.starts_with("警告") && !l.starts_with("错误")), "{log:#?}");
    built
}

#[test]
fn sample_yearbook_has_the_expected_pages_text_and_fonts() {
    let out = tempfile::tempdir().unwrap();
    let built = build_sample(out.path());
    assert_eq!(built.path, out.path().join("玄武区知识产权统计年报（2025年）.pdf"));
    assert_eq!(built.year, 2025);
    assert_eq!(built.pages, 21);

    let info = poppler("pdfinfo", &[built.path.to_str().unwrap()]);
    assert!(info.contains("Title:           玄武区知识产权统计年报（2025年）"), "{info}");
    assert!(info.contains("Author:          南京市玄武区市场监督管理局（知识产权局）"), "{info}");
    assert!(info.contains("Pages:           21"), "{info}");
    assert!(info.contains("Subject:         玄武区2025年知识产权统计数据"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    // PDF/A-3b and PDF/UA-1, language zh-CN, in the XMP metadata.
    let meta = poppler("pdfinfo", &["-meta", built.path.to_str().unwrap()]);
    for id in [
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<rdf:li>zh-CN</rdf:li>",
    ] {
        assert!(meta.contains(id), "missing {id}");
    }
    // The tidy dataset and the manifest of inputs are attached.
    let list = poppler("pdfdetach", &["-list", built.path.to_str().unwrap()]);
    assert_eq!(list.trim(), "2 embedded files\n1: input-manifest.csv\n2: tidy-data.csv");
    let att = tempfile::tempdir().unwrap();
    poppler("pdfdetach", &["-saveall", "-o", att.path().to_str().unwrap(), built.path.to_str().unwrap()]);
    let tidy = std::fs::read_to_string(att.path().join("tidy-data.csv")).unwrap();
    assert!(tidy.starts_with("indicator,region,year,value,unit,source\n"));
    assert!(tidy.contains("\n知识产权质押融资额,玄武区,2025,1.42,亿元,运用与保护.xlsx!运用!D12\n"));
    assert_eq!(tidy.lines().count(), 541);
    let manifest = std::fs::read_to_string(att.path().join("input-manifest.csv")).unwrap();
    let bytes = std::fs::read(root().join("data/专利统计.xlsx")).unwrap();
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert!(manifest.contains(&format!("专利统计.xlsx,{},{hash}\n", bytes.len())), "{manifest}");
    assert_eq!(manifest.lines().count(), 7);
    assert!(info.contains("A4"), "{info}");
    let bytes = std::fs::read(&built.path).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Outlines"), "the PDF has bookmarks");

    let text = flat_text(&built.path);
    for title in [
        "编制说明",
        "目录",
        "一、综述",
        "二、主要指标完成情况",
        "三、知识产权创造",
        "四、知识产权运用",
        "五、知识产权保护",
        "六、知识产权治理",
        "七、知识产权服务",
        "八、知识产权人才",
        "九、基础数据",
        "十、分街道（园区）统计",
        "附录一指标解释",
        "附录二数据质量说明",
    ] {
        assert!(text.contains(title), "missing chapter title {title}");
    }
    for phrase in [
        // Cover: date in Chinese numerals, organisation.
        "二〇二六年三月",
        "南京市玄武区市场监督管理局（知识产权局）",
        // Main table rows: baseline, 2025 value, average growth, target, rate, status.
        // 有效发明专利拥有量: (18260 ÷ 12482)^(1/5) − 1 = 7.9%.
        "有效发明专利拥有量（件）12482182607.918000101.4已完成",
        "维持10年以上有效发明专利数（件）179028709.9＞2800102.5已完成",
        // 万人发明专利拥有量 = 18260 ÷ 53.58 = 340.8; 2020: 12482 ÷ 53.78 = 232.1.
        "万人发明专利拥有量（件）232.1340.88.0300113.6已完成",
        // 质押融资 sent in 万元, printed in 亿元: 2021–2025 total 6.23, 十三五 3.16.
        "知识产权质押融资额累计（亿元）3.166.23—6103.8已完成",
        // 版权产业增加值占GDP比重 is short of its target.
        // Its 年均 is in 百分点 ((8.4 − 7.5) ÷ 5 = 0.18, with the indicator's one
        // decimal) and no ratio of ratios.
        "版权产业增加值占GDP比重（%）7.58.40.28.6—未完成",
        // The 综述 and chapter leads in bulletin phrasing.
        "全年专利授权量8710件，比上年增长4.4%。从构成看，发明专利授权量4720件，增长8.5%；实用新型专利授权量3350件，下降0.9%；外观设计专利授权量640件，增长4.9%。",
        "全年技术合同成交额112.85亿元，比上年增长7.9%；",
        "版权产业增加值占GDP比重为8.4%，比上年提高0.2个百分点",
        "全年受理知识产权民事案件702件、审结698件，分别增长5.1%和3.3%",
        // Category table row with the growth column: 4720 ÷ 4350 − 1 = 8.5%.
        "发明专利授权量件342036103980435047208.5",
        // 知识产权质押融资额 converted from 万元: 10500 → 1.05 … 14200 → 1.42.
        "知识产权质押融资额亿元1.051.121.281.361.424.4",
        // Streets: 孝陵卫街道 has 28% of 18260 valid invention patents.
        // 5112 ÷ 18260 = 28.0%.
        "孝陵卫街道有效发明专利拥有量位居各街道首位，为5112件，占全区的28.0%。",
        "图3-12016—2025年专利授权量及其增长速度",
        "图10-12025年各街道有效发明专利拥有量",
        "表2-1“十四五”知识产权发展主要指标完成情况（2025年）",
        // 附录二 names each check's scope and result, in a reader's terms.
        "1.分项与总数：专利授权量有分项构成，核对2016—2025年各年分项之和与总数，均相符。",
        "3.年末存量：对有效发明专利拥有量等13项指标（知识产权年末存量，不含比重类指标、按公式计算的指标和基础数据），核对是否低于上年末，未发现下降。",
        "6.主要指标：“十四五”规划22项主要指标均有2025年数据。",
        // The plan review groups; the details are the table's.
        "完成规划目标的20项中，15项超过目标，5项恰好达到目标（省级“正版正货”示范街区、国家知识产权试点示范园区、新增贯标认证通过企业数、引进高端知识产权服务机构、知识产权公共服务平台）；未完成的2项中，版权产业增加值占GDP比重距目标尚差0.2个百分点，年均提高0.2个百分点；知识产权服务机构主营业务收入完成规划目标的99.6%，年均增长11.0%。",
        // The rounding rule, as statistics offices state it.
        "增长速度、比重、完成率等按未经修约的数据计算",
        "—1—",
        // 资料来源 names the reporting agencies, in the order of the table's rows.
        "资料来源：区委宣传部（区版权局）、区市场监管局（知识产权局）、区科技局。",
        "本年报数据由区市场监管局（知识产权局）",
        "图3-22016—2025年专利授权量构成",
        "图3-5万人高价值发明专利数与“十四五”目标",
        // The census rebasing of the population is marked (catalogue `breaks`).
        "图9-12016—2025年年末常住人口及其增长速度（2020年起口径调整）",
    ] {
        assert!(text.contains(phrase), "missing {phrase}");
    }

    // A complete breakdown is indented without 其中; no file names, nothing about
    // sample data or the compilers' work is printed.
    // 图5-2 and 图7-2 would chart targets of 2 blocks and 2 firms: not charted.
    for absent in [
        "其中：发明专利授权量",
        ".xlsx",
        "样例",
        "示意数",
        "编制人员核实",
        "完成“十四五”目标的",
        "图5-2",
        "图7-2",
    ] {
        assert!(!text.contains(absent), "printed: {absent}");
    }

    let fonts = poppler("pdffonts", &[built.path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
    }
    assert!(fonts.contains("NotoSerifCJKsc-Regular"), "{fonts}");
    assert!(fonts.contains("NotoSansCJKsc-Regular"), "{fonts}");
    assert!(fonts.contains("NotoSansCJKsc-Bold"), "{fonts}");
}

#[test]
fn data_prints_literally_never_as_markup() {
    let out = tempfile::tempdir().unwrap();
    let hostile = r#"#panic("x") *粗体* $x$ <a> [b] \c"#;
    let config = Config { organization: hostile.into(), ..sample_config(out.path()) };
    let built = pipeline::build(&opts(config), &mut |_| {}).expect("markup in data does not break the build");
    let text = poppler("pdftotext", &[built.path.to_str().unwrap(), "-"]);
    assert!(text.contains(hostile), "{}", &text[..400.min(text.len())]);
    let info = poppler("pdfinfo", &[built.path.to_str().unwrap()]);
    assert!(info.contains(&format!("Author:          {hostile}")), "{info}");
}

/// Writes a workbook with the given rows into `dir` (rust_xlsxwriter).
fn write_book(path: &Path, sheet: &str, rows: &[Vec<&str>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Ok(v) = cell.parse::<f64>() {
                ws.write_number(r as u32, c as u16, v).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn yearbook(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yearbook")).args(args).current_dir(cwd).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_data_is_named_by_place_and_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    write_book(
        &data.join("专利.xlsx"),
        "专利",
        &[
            vec!["玄武区专利情况"],
            vec!["", "", "单位：件"],
            vec!["指标", "2024年", "2025年"],
            vec!["专利授权量", "8340", "8710"],
            vec!["发明专利授权数", "4350", "4720"],
            vec!["有效发明专利拥有量", "17280", "约18000"],
        ],
    );
    let (code, stdout, _) = yearbook(&["check", "--data", "data"], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "专利.xlsx\n  工作表“专利”：表格 1 个，数值 3 个，空缺 0 个\n    表格 A3:C6：指标×年份\n  警告 1 个，错误 1 个"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("错误：专利.xlsx，工作表“专利”，单元格 C6：“有效发明专利拥有量”2025年的数值不是数字：文本“约18000”。请填写数字；数据不详请留空或填“—”"),
        "{stdout}"
    );
    assert!(stdout.contains("警告：专利.xlsx，工作表“专利”，单元格 B5：无法识别指标“发明专利授权数”，该行数据未读入。是否指：发明专利授权量"), "{stdout}");

    let (code, _, stderr) = yearbook(&["build", "--data", "data", "--out", "out"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("错误：数据中有 1 处错误，未生成年报"), "{stderr}");
    assert!(!dir.path().join("out").join("玄武区知识产权统计年报（2025年）.pdf").exists());
    // The input is untouched and nothing was written beside it.
    let names: Vec<_> = std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn check_passes_on_the_sample_and_writes_nothing() {
    let before: Vec<_> =
        std::fs::read_dir(root().join("data")).unwrap().map(|e| e.unwrap().file_name()).collect();
    let (code, stdout, _) = yearbook(&["check", "--data", root().join("data").to_str().unwrap()], &root());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("运用与保护.xlsx\n  工作表“运用”：表格 1 个，数值 50 个，空缺 0 个"), "{stdout}");
    assert!(stdout.contains("共 6 个文件，读入数值 540 个；警告 0 个，错误 0 个。"), "{stdout}");
    assert!(stdout.contains("数据检查通过"), "{stdout}");
    let after: Vec<_> =
        std::fs::read_dir(root().join("data")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after);
}

#[test]
fn usage_errors_exit_2_in_chinese() {
    let (code, _, stderr) = yearbook(&["biuld"], &root());
    assert_eq!(code, 2);
    assert_eq!(stderr.trim(), "错误：无法识别的命令“biuld”。运行 yearbook --help 查看用法。");
    let (code, _, stderr) = yearbook(&["build", "--yaer", "2025"], &root());
    assert_eq!(code, 2);
    assert_eq!(stderr.trim(), "错误：无法识别的参数“--yaer”。运行 yearbook --help 查看用法。");
    let (code, stdout, _) = yearbook(&["--help"], &root());
    assert_eq!(code, 0);
    assert!(stdout.contains("用法：yearbook <命令>"), "{stdout}");
}

#[test]
fn unknown_config_key_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("yearbook.toml"), "organisation = \"x\"\n").unwrap();
    let (code, _, stderr) = yearbook(&["check"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("中有未知的配置项“organisation”"), "{stderr}");
}

#[test]
fn missing_data_dir_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = yearbook(&["build"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("错误：数据目录 data 不存在"), "{stderr}");
}

/// A sheet of a sample workbook, read with calamine directly: independent of the
/// project's table finder, names and units.
fn sheet(file: &str, name: &str) -> calamine::Range<calamine::Data> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(root().join("data").join(file)).unwrap();
    book.worksheet_range(name).unwrap()
}

/// The number in an A1 cell.
fn at(range: &calamine::Range<calamine::Data>, a1: &str) -> f64 {
    let col =
        a1.chars().take_while(|c| c.is_ascii_alphabetic()).fold(0u32, |n, c| n * 26 + (c as u32 - 64)) - 1;
    let row: u32 = a1.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse::<u32>().unwrap() - 1;
    match range.get_value((row, col)) {
        Some(calamine::Data::Float(f)) => *f,
        Some(calamine::Data::Int(i)) => *i as f64,
        other => panic!("{a1}: {other:?}"),
    }
}

fn d1(v: f64) -> String {
    format!("{v:.1}")
}

/// 比上年增长x% / 比上年下降x% / 与上年持平, computed here from two figures.
fn growth(now: f64, before: f64) -> String {
    let v = (now / before - 1.0) * 100.0;
    match d1(v.abs()).as_str() {
        "0.0" => "与上年持平".into(),
        r if v > 0.0 => format!("比上年增长{r}%"),
        r => format!("比上年下降{r}%"),
    }
}

fn short(now: f64, before: f64) -> String {
    growth(now, before).replace("比上年", "")
}

/// A year-end stock's change: 比上年末增长x%.
fn growth_end(now: f64, before: f64) -> String {
    growth(now, before).replace("比上年", "比上年末")
}

/// The chapter leads and the 综述's opening, recomputed here from the workbooks'
/// cells by the rules of bulletin phrasing.
#[test]
fn summary_figures_equal_an_independent_recomputation() {
    let out = tempfile::tempdir().unwrap();
    let prepared = pipeline::prepare(&opts(sample_config(out.path()).clone()), &mut |_| {}).unwrap();
    let lead = |title: &str| {
        prepared
            .report
            .chapters
            .iter()
            .find(|c| c.title == title)
            .map(|c| c.paragraphs[0].text.clone())
            .unwrap()
    };

    let patents = sheet("专利统计.xlsx", "专利");
    let valid = sheet("专利统计.xlsx", "有效专利");
    let marks = sheet("商标与版权.xlsx", "商标");
    let copyright = sheet("商标与版权.xlsx", "版权");
    let base = sheet("基础数据.xlsx", "人口与企业");
    let (pop, pop24) = (at(&base, "L4"), at(&base, "K4"));
    // Columns: 专利 and 版权 have 2016–2025 in B–K; the unit-column sheets in C–L.
    let creation = [
        format!(
            "全年专利授权量{}件，{}。",
            at(&patents, "K6"),
            growth(at(&patents, "K6"), at(&patents, "J6"))
        ),
        format!(
            "从构成看，发明专利授权量{}件，{}；实用新型专利授权量{}件，{}；外观设计专利授权量{}件，{}。",
            at(&patents, "K7"),
            short(at(&patents, "K7"), at(&patents, "J7")),
            at(&patents, "K8"),
            short(at(&patents, "K8"), at(&patents, "J8")),
            at(&patents, "K9"),
            short(at(&patents, "K9"), at(&patents, "J9")),
        ),
        format!(
            "年末有效发明专利拥有量{}件，{}；",
            at(&valid, "L4"),
            growth_end(at(&valid, "L4"), at(&valid, "K4"))
        ),
        format!(
            "万人发明专利拥有量{}件，{}；",
            d1(at(&valid, "L4") / pop),
            growth_end(at(&valid, "L4") / pop, at(&valid, "K4") / pop24)
        ),
        format!(
            "万人高价值发明专利数{}件，{}；",
            d1(at(&valid, "L5") / pop),
            growth_end(at(&valid, "L5") / pop, at(&valid, "K5") / pop24)
        ),
        format!(
            "全年提交PCT国际专利申请{}件，{}；",
            at(&patents, "K10"),
            growth(at(&patents, "K10"), at(&patents, "J10"))
        ),
        format!("全年商标注册量{}件，{}；", at(&marks, "L5"), growth(at(&marks, "L5"), at(&marks, "K5"))),
        format!(
            "年末有效注册商标量{}件，{}；",
            at(&marks, "L6"),
            growth_end(at(&marks, "L6"), at(&marks, "K6"))
        ),
        format!(
            "年末马德里商标有效注册量{}件，{}；",
            at(&marks, "L7"),
            growth_end(at(&marks, "L7"), at(&marks, "K7"))
        ),
        {
            let now = (at(&copyright, "K4") + at(&copyright, "K5")) / pop;
            let before = (at(&copyright, "J4") + at(&copyright, "J5")) / pop24;
            format!("万人一般作品和软件著作权登记量{}件，{}。", d1(now), growth(now, before))
        },
    ]
    .concat();
    assert_eq!(lead("知识产权创造"), creation);

    // 运用: the long layout, values in column D from row 3, ten years per series;
    // 质押融资额 comes in 万元 and is printed in 亿元.
    let use_ = sheet("运用与保护.xlsx", "运用");
    let v = |series: u32, year: i32| at(&use_, &format!("D{}", 3 + series * 10 + (year - 2016) as u32));
    let total = |series: u32| (2021..=2025).map(|y| v(series, y)).sum::<f64>();
    let utilisation = [
        format!("全年实现知识产权质押融资{:.2}亿元，{}；", v(0, 2025) / 1e4, growth(v(0, 2025), v(0, 2024))),
        format!("2021—2025年累计实现知识产权质押融资{:.2}亿元；", total(0) / 1e4),
        format!("全年备案专利实施许可和转让合同{}件，{}；", v(1, 2025), growth(v(1, 2025), v(1, 2024))),
        format!("全年技术合同成交额{:.2}亿元，{}；", v(2, 2025), growth(v(2, 2025), v(2, 2024))),
        format!("全年知识产权交易额{:.2}亿元，{}；", v(3, 2025), growth(v(3, 2025), v(3, 2024))),
        format!("2021—2025年累计实现知识产权交易额{:.2}亿元；", total(3)),
        format!(
            "版权产业增加值占GDP比重为{}%，比上年提高{}个百分点。",
            d1(v(4, 2025)),
            d1(v(4, 2025) - v(4, 2024))
        ),
    ]
    .concat();
    assert_eq!(lead("知识产权运用"), utilisation);

    // The 综述 opens with the plan, the count met and each gap: a percentage in
    // 百分点 (8.6 − 8.4), an amount as a completion rate.
    let services = sheet("服务与人才.xlsx", "服务");
    let opening = format!(
        "2025年是“十四五”规划的收官之年。《南京市玄武区“十四五”知识产权发展规划》确定的22项主要指标中，20项完成规划目标，2项未完成：版权产业增加值占GDP比重为{}%，距目标尚差{}个百分点；全年知识产权服务机构主营业务收入{:.2}亿元，完成规划目标的{}%。",
        d1(v(4, 2025)),
        d1(8.6 - v(4, 2025)),
        at(&services, "L7"),
        d1(at(&services, "L7") / 5.0 * 100.0)
    );
    assert_eq!(prepared.report.summary.paragraphs[0].text, opening);
    assert!(prepared.checks.findings.is_empty(), "{:#?}", prepared.checks.findings);
}

/// Writes the fixture workbooks of every layout the reader takes, as a new user's
/// departments would send them.
fn write_layout_fixtures(dir: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    std::fs::create_dir_all(dir).unwrap();
    // Indicators × years, newest first, unit line in brackets, 其中/#/footnote rows,
    // a source note, and a second table stacked below.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("专利").unwrap();
    let rows: &[&[&str]] = &[
        &["玄武区专利授权情况"],
        &["", "（单位：件）"],
        &["指  标", "2025年", "2024年"],
        &["专利授权量", "8,710", "8340"],
        &["　其中：发明专利授权量", "4720", "4350"],
        &["    # 实用新型专利授权量", "3350", "3380"],
        &["外观设计专利授权量①", "640", "…"],
        &["资料来源：国家知识产权局。"],
        &[],
        &["玄武区商标情况"],
        &["单位：件"],
        &["指标", "2025"],
        &["商标注册量", "7150"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    // A hidden sheet is skipped.
    let hidden = wb.add_worksheet().set_name("草稿").unwrap();
    hidden.write_string(0, 0, "指标").unwrap();
    hidden.write_string(0, 1, "2025年").unwrap();
    hidden.write_string(1, 0, "专利授权量").unwrap();
    hidden.write_number(1, 1, 1.0).unwrap();
    hidden.set_hidden(true);
    wb.save(dir.join("宽表.xlsx")).unwrap();

    // Years down the side, years as floats.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("年度").unwrap();
    ws.write_string(0, 0, "年份").unwrap();
    ws.write_string(0, 1, "专利申请量（件）").unwrap();
    ws.write_string(0, 2, "PCT专利申请量").unwrap();
    for (r, (y, a, p)) in [(2024.0, 16800.0, 204.0), (2025.0, 17500.0, 219.0)].iter().enumerate() {
        ws.write_number(r as u32 + 1, 0, *y).unwrap();
        ws.write_number(r as u32 + 1, 1, *a).unwrap();
        ws.write_number(r as u32 + 1, 2, *p).unwrap();
    }
    wb.save(dir.join("年份在行.xlsx")).unwrap();

    // Streets × indicators for one year, the year in the title; 合计 is the district.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("街道").unwrap();
    ws.write_string(0, 0, "分街道专利授权情况（2025年）").unwrap();
    ws.write_string(1, 0, "单位：件").unwrap();
    ws.write_string(2, 0, "街道").unwrap();
    ws.write_string(2, 1, "专利授权量").unwrap();
    ws.write_string(3, 0, "梅  园  新  村").unwrap();
    ws.write_number(3, 1, 958.0).unwrap();
    ws.write_string(4, 0, "玄武湖").unwrap();
    ws.write_number(4, 1, 960.0).unwrap();
    ws.write_string(5, 0, "合    计").unwrap();
    ws.write_number(5, 1, 8710.0).unwrap();
    wb.save(dir.join("分街道.xlsx")).unwrap();

    // One sheet per year, population in 人 converted to 万人.
    let mut wb = Workbook::new();
    for (year, pop) in [("2024", 536200.0), ("2025", 535800.0)] {
        let ws = wb.add_worksheet().set_name(year).unwrap();
        ws.write_string(0, 0, "人口主要指标").unwrap();
        ws.write_string(1, 0, "指标名称").unwrap();
        ws.write_string(1, 1, "计量单位").unwrap();
        ws.write_string(1, 2, "全区").unwrap();
        ws.write_string(1, 3, "比上年增长（%）").unwrap();
        ws.write_string(2, 0, "一、年末常住人口").unwrap();
        ws.write_string(2, 1, "人").unwrap();
        ws.write_number(2, 2, pop).unwrap();
        ws.write_number(2, 3, -0.1).unwrap();
    }
    wb.save(dir.join("人口.xlsx")).unwrap();

    // The long layout with other header words, 万元, and a percent-formatted cell.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("长表").unwrap();
    for (c, h) in ["统计年度", "统计指标", "区域", "指标值", "计量单位"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "2025年").unwrap();
    ws.write_string(1, 1, "知识产权质押融资额").unwrap();
    ws.write_string(1, 2, "全区").unwrap();
    ws.write_number(1, 3, 14200.0).unwrap();
    ws.write_string(1, 4, "万元").unwrap();
    ws.write_number(2, 0, 2025.0).unwrap();
    ws.write_string(2, 1, "版权产业增加值占GDP比重").unwrap();
    ws.write_string(2, 2, "玄武区").unwrap();
    ws.write_number_with_format(2, 3, 0.084, &Format::new().set_num_format("0.0%")).unwrap();
    wb.save(dir.join("长表.xlsx")).unwrap();
}

#[test]
fn fixture_workbooks_of_every_layout_come_out_as_tidy_rows() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    write_layout_fixtures(&data);
    let (code, stdout, stderr) = yearbook(&["export", "--format", "csv", "--data", "data"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "indicator,region,year,value,unit,source");
    for want in [
        "专利授权量,玄武区,2024,8340,件,宽表.xlsx!专利!C4",
        "专利授权量,玄武区,2025,8710,件,分街道.xlsx!街道!B6",
        "专利授权量,梅园新村街道,2025,958,件,分街道.xlsx!街道!B4",
        "专利授权量,玄武湖街道,2025,960,件,分街道.xlsx!街道!B5",
        "发明专利授权量,玄武区,2025,4720,件,宽表.xlsx!专利!B5",
        "实用新型专利授权量,玄武区,2024,3380,件,宽表.xlsx!专利!C6",
        "外观设计专利授权量,玄武区,2025,640,件,宽表.xlsx!专利!B7",
        "专利申请量,玄武区,2025,17500,件,年份在行.xlsx!年度!B3",
        "PCT专利申请量,玄武区,2024,204,件,年份在行.xlsx!年度!C2",
        "商标注册量,玄武区,2025,7150,件,宽表.xlsx!专利!B13",
        "知识产权质押融资额,玄武区,2025,1.42,亿元,长表.xlsx!长表!D2",
        "版权产业增加值占GDP比重,玄武区,2025,8.4,%,长表.xlsx!长表!D3",
        "年末常住人口,玄武区,2024,53.62,万人,人口.xlsx!2024!C3",
        "年末常住人口,玄武区,2025,53.58,万人,人口.xlsx!2025!C3",
    ] {
        assert!(lines.contains(&want), "missing {want}\n{stdout}");
    }
    // 合计 (8710) merged with the district figure read elsewhere; 外观设计 2024 is
    // "…", missing; the hidden sheet and the growth column are not read.
    assert_eq!(lines.len(), 1 + 18, "{stdout}");
    let (code, stdout, _) = yearbook(&["check", "--data", "data"], dir.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("工作表“草稿”：隐藏，已跳过"), "{stdout}");
    assert!(
        stdout.contains("提示：人口.xlsx，工作表“2025”：列“比上年增长（%）”是增长速度或比重列"),
        "{stdout}"
    );
    assert!(stdout.contains("工作表“专利”：表格 2 个，数值 8 个，空缺 1 个"), "{stdout}");
}

/// A sheet with two formulas: B2 (`=3+5`) without any stored result, as programs
/// that write formulas without calculating them leave it (no `<v>`), and C2 whose
/// stored result is the empty text; B3 and C3 hold plain numbers.
fn write_formula_fixture(path: &Path) {
    use std::io::{Read, Write};
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("公式").unwrap();
    ws.set_formula_result_default("");
    ws.write_string(0, 0, "指标").unwrap();
    ws.write_string(0, 1, "2025年").unwrap();
    ws.write_string(0, 2, "2024年").unwrap();
    ws.write_string(1, 0, "植物新品种权授权量").unwrap();
    ws.write_formula(1, 1, "=3+5").unwrap();
    ws.write_formula(1, 2, r#"=IF(TRUE,"","")"#).unwrap();
    ws.write_string(2, 0, "集成电路布图设计登记量").unwrap();
    ws.write_number(2, 1, 7.0).unwrap();
    ws.write_number(2, 2, 6.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    // Take the stored result off B2 only.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = String::new();
        f.read_to_string(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let with_result = "<f>3+5</f><v></v>";
            assert!(content.contains(with_result), "{content}");
            content = content.replace(with_result, "<f>3+5</f>");
        }
        out.start_file(name, options).unwrap();
        out.write_all(content.as_bytes()).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn a_corrupt_file_and_a_formula_without_result_are_named_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    write_layout_fixtures(&data);
    std::fs::write(data.join("损坏.xlsx"), b"PK\x03\x04 this is not a zip archive").unwrap();
    write_formula_fixture(&data.join("公式.xlsx"));
    let (code, stdout, _) = yearbook(&["check", "--data", "data"], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("损坏.xlsx：无法打开"), "{stdout}");
    assert!(stdout.contains("错误：损坏.xlsx：文件已损坏或格式不受支持，无法打开（原始信息："), "{stdout}");
    assert!(
        stdout.contains("错误：公式.xlsx，工作表“公式”，单元格 B2：“植物新品种权授权量”2025年的数值不是数字：公式“=3+5”没有保存计算结果。请用 Excel 或 WPS 打开该文件并保存一次"),
        "{stdout}"
    );
    // A formula whose stored result is the empty text is a blank, not an error.
    assert!(stdout.contains("工作表“公式”：表格 1 个，数值 2 个，空缺 1 个"), "{stdout}");
    assert!(!stdout.contains("单元格 C2"), "{stdout}");
    // The good files are still read.
    assert!(stdout.contains("共 7 个文件，读入数值 20 个；"), "{stdout}");
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = build_sample(a.path());
    let second = build_sample(b.path());
    assert_eq!(std::fs::read(first.path).unwrap(), std::fs::read(second.path).unwrap());
}

#[test]
fn exported_templates_give_the_same_pdf_and_template_errors_name_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = yearbook(&["templates", "export", "tpl"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("tpl/lib/tables.typ").exists());
    let data = root().join("data");
    let args = |out: &str, tpl: Option<&str>| {
        let mut a = vec!["build", "--data", data.to_str().unwrap(), "--out", out]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        if let Some(t) = tpl {
            a.extend(["--templates".to_string(), t.to_string()]);
        }
        a
    };
    std::fs::write(dir.path().join("yearbook.toml"), "date = \"2026-03\"\n").unwrap();
    let run = |a: Vec<String>| yearbook(&a.iter().map(String::as_str).collect::<Vec<_>>(), dir.path());
    assert_eq!(run(args("plain", None)).0, 0);
    let (code, _, stderr) = run(args("custom", Some("tpl")));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("使用模板目录 tpl（5 个文件替换或补充内置模板）"), "{stderr}");
    let name = "玄武区知识产权统计年报（2025年）.pdf";
    assert_eq!(
        std::fs::read(dir.path().join("plain").join(name)).unwrap(),
        std::fs::read(dir.path().join("custom").join(name)).unwrap()
    );
    // A mistake in the user's copy: file, line and column, with Typst's message.
    let style = dir.path().join("tpl/lib/style.typ");
    let text =
        std::fs::read_to_string(&style).unwrap().replace("#let body-size = 11pt", "#let body-size = 11pt +");
    std::fs::write(&style, text).unwrap();
    let (code, _, stderr) = run(args("broken", Some("tpl")));
    assert_eq!(code, 1);
    assert!(stderr.contains("排版模板出错"), "{stderr}");
    assert!(stderr.contains("error: expected expression"), "{stderr}");
    assert!(stderr.contains("tpl/lib/style.typ:4:23"), "{stderr}");
    assert!(!dir.path().join("broken").join(name).exists());
    // Exporting again refuses to overwrite.
    let (code, _, stderr) = yearbook(&["templates", "export", "tpl"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("如需覆盖，请加 --force"), "{stderr}");
}

#[test]
fn a_character_no_font_has_is_an_error_before_typesetting() {
    let out = tempfile::tempdir().unwrap();
    let config = Config { organization: "玄武区𠀀局".into(), ..sample_config(out.path()) };
    let err = pipeline::build(&opts(config), &mut |_| {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        "以下字符不在已加载的字体中，印出来会是空白：“𠀀”（U+20000，来自yearbook.toml 中的 organization）。请改用常用字，或在 yearbook.toml 的 font-paths 中加入含这些字符的字体目录"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn a_named_font_that_is_not_found_is_a_warning() {
    let out = tempfile::tempdir().unwrap();
    let mut config = sample_config(out.path());
    config.fonts.body = Some("FangSong".into());
    let mut log = Vec::new();
    let built = pipeline::build(&opts(config), &mut |l| log.push(l)).unwrap();
    assert!(
        log.iter().any(|l| l.starts_with("警告：yearbook.toml 中指定的正文字体“FangSong”未找到（已加载的字体：Noto Sans CJK SC、Noto Serif CJK SC），改用内置字体")),
        "{log:#?}"
    );
    assert_eq!(built.warnings, 1);
    let fonts = poppler("pdffonts", &[built.path.to_str().unwrap()]);
    assert!(fonts.contains("NotoSerifCJKsc-Regular"), "{fonts}");
}

#[test]
fn sixteen_kai_paper_and_chapters_on_right_hand_pages() {
    let out = tempfile::tempdir().unwrap();
    let mut config = sample_config(out.path());
    config.paper = yearbook::config::Paper::K16;
    config.chapter_on_right = true;
    let built = pipeline::build(&opts(config), &mut |_| {}).unwrap();
    let info = poppler("pdfinfo", &[built.path.to_str().unwrap()]);
    // 185 × 260 mm.
    assert!(info.contains("Page size:       524.409 x 737.008 pts"), "{info}");
    let page_text = |p: usize| {
        poppler("pdftotext", &["-f", &p.to_string(), "-l", &p.to_string(), built.path.to_str().unwrap(), "-"])
    };
    let texts: Vec<String> = (1..=built.pages).map(page_text).collect();
    let toc = texts.iter().position(|t| t.contains("目录")).unwrap();
    // Pages left empty to reach a right-hand page are blank: no running header, no
    // page number. Each is followed by a chapter's first page.
    let blank: Vec<usize> = (1..=built.pages).filter(|p| texts[p - 1].trim().is_empty()).collect();
    assert!(blank.len() >= 3, "{blank:?}");
    for p in &blank {
        assert!(
            *p == 2 || texts[*p].contains('、') || texts[*p].contains("附录"),
            "page {p} before {}",
            texts[*p]
        );
    }
    // On the smaller page 表3-1 runs onto a second page, under a 续表 line that only
    // the continuation shows.
    let first = texts.iter().position(|t| t.contains("表3-1")).unwrap();
    assert!(!texts[first].contains("续表3-1"));
    assert!(texts[first + 1].contains("续表3-1"), "{}", texts[first + 1]);
    for title in
        ["一、综述", "二、主要指标完成情况", "三、知识产权创造", "十、分街道（园区）统计", "附录一", "附录二"]
    {
        let first = texts.iter().enumerate().skip(toc + 1).find(|(_, t)| t.contains(title)).unwrap().0 + 1;
        assert_eq!(first % 2, 1, "{title} starts on page {first}");
    }
}

/// Renders chosen pages and compares them with the references in `tests/refs/`.
/// `YEARBOOK_UPDATE_REFS=1 cargo test --test yearbook rendered` writes new ones.
#[test]
fn rendered_pages_match_their_references() {
    let out = tempfile::tempdir().unwrap();
    let config = sample_config(out.path());
    let prepared = pipeline::prepare(&opts(config.clone()), &mut |_| {}).unwrap();
    let (_, input) = pipeline::typeset_input(&opts(config), prepared, &mut |_| {}).unwrap();
    let world = yearbook::typeset::YearbookWorld::new(input).unwrap();
    let (doc, _) = yearbook::typeset::compile(&world).unwrap();
    let update = std::env::var_os("YEARBOOK_UPDATE_REFS").is_some();
    let refs = root().join("tests/refs");
    // The cover, the main-indicator table, charts side by side with a target chart
    // and the next chapter, the streets' table with its wide chart.
    for page in [1usize, 6, 8, 13] {
        let options =
            typst_render::RenderOptions { pixel_per_pt: yearbook_scalar(0.6), ..Default::default() };
        let pixmap = typst_render::render(&doc.pages()[page - 1], &options);
        let path = refs.join(format!("page-{page:02}.png"));
        if update {
            std::fs::create_dir_all(&refs).unwrap();
            pixmap.save_png(&path).unwrap();
            continue;
        }
        let reference = tiny_skia::Pixmap::load_png(&path).unwrap_or_else(|e| {
            panic!("{}: {e}; run YEARBOOK_UPDATE_REFS=1 cargo test --test yearbook rendered", path.display())
        });
        assert_eq!((pixmap.width(), pixmap.height()), (reference.width(), reference.height()), "page {page}");
        let differing = pixmap
            .data()
            .chunks(4)
            .zip(reference.data().chunks(4))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 48))
            .count();
        let share = differing as f64 / (pixmap.width() * pixmap.height()) as f64;
        assert!(share < 0.002, "page {page}: {:.3}% of pixels differ from {}", share * 100.0, path.display());
    }
    // Writing references checks nothing: say so rather than pass.
    assert!(
        !update,
        "references written to {}; run the test again without YEARBOOK_UPDATE_REFS",
        refs.display()
    );
}

fn yearbook_scalar(v: f64) -> typst::utils::Scalar {
    typst::utils::Scalar::new(v)
}

#[test]
fn without_a_date_the_build_takes_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data");
    // 2027-04-15 00:00 UTC.
    let out = Command::new(env!("CARGO_BIN_EXE_yearbook"))
        .args(["build", "--data", data.to_str().unwrap(), "--out", "out"])
        .env("SOURCE_DATE_EPOCH", "1807747200")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path().join("out/玄武区知识产权统计年报（2025年）.pdf");
    let text = poppler("pdftotext", &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("二〇二七年四月"), "{text}");
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("CreationDate:    Thu Apr 15 00:00:00 2027 UTC"), "{info}");
}

#[test]
fn a_street_table_too_wide_for_the_page_turns_landscape() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(root().join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    // Five more indicators by street make the streets table ten columns wide.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("补充").unwrap();
    for (c, h) in ["指标", "地区", "年份", "数值"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let streets = ["梅园新村", "新街口", "玄武门", "锁金村", "红山", "孝陵卫", "玄武湖"];
    let mut row = 1;
    for name in
        ["PCT专利申请量", "商标注册量", "作品著作权登记量", "软件著作权登记量", "集成电路布图设计登记量"]
    {
        for (k, s) in streets.iter().enumerate() {
            ws.write_string(row, 0, name).unwrap();
            ws.write_string(row, 1, *s).unwrap();
            ws.write_number(row, 2, 2025.0).unwrap();
            ws.write_number(row, 3, 10.0 + k as f64).unwrap();
            row += 1;
        }
    }
    wb.save(data.join("分街道补充.xlsx")).unwrap();
    let config = Config { data_dir: data, ..sample_config(&dir.path().join("out")) };
    let built = pipeline::build(&opts(config), &mut |_| {}).unwrap();
    let pdf = built.path.to_str().unwrap();
    let page = (1..=built.pages)
        .find(|p| {
            let t = poppler("pdftotext", &["-f", &p.to_string(), "-l", &p.to_string(), pdf, "-"]);
            t.contains("表10-1")
        })
        .unwrap();
    let info = poppler("pdfinfo", &["-f", &page.to_string(), "-l", &page.to_string(), pdf]);
    assert!(info.contains(&format!("Page {page:>4} size:  841.89 x 595.276 pts (A4)")), "{info}");
}

#[test]
fn a_partial_dataset_builds_with_gaps_said_not_filled() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["专利统计.xlsx", "基础数据.xlsx"] {
        std::fs::copy(root().join("data").join(name), data.join(name)).unwrap();
    }
    let config = Config { data_dir: data, ..sample_config(&dir.path().join("out")) };
    let mut log = Vec::new();
    let built = pipeline::build(&opts(config), &mut |l| log.push(l)).unwrap();
    assert!(log.contains(&"警告：主要指标“知识产权质押融资额累计”缺少2025年的数值，无法计算完成情况。请在工作簿中补充该指标（或其计算所需指标）的数据".to_string()), "{log:#?}");
    let text = flat_text(&built.path);
    assert!(
        text.contains("确定的22项主要指标中，有2025年数据的9项，9项完成规划目标。另有13项缺少2025年数据，未评价完成情况。"),
        "{text}"
    );
    // A chapter without data is left out and named once in 编制说明, in the
    // office's words; its checks are not claimed.
    assert!(!text.contains("本年报所用工作簿"), "{text}");
    assert!(
        text.contains("2025年暂无知识产权运用、知识产权保护、知识产权服务、知识产权人才方面的统计数据和分街道（园区）统计数据，本年报未列相应章节。"),
        "{text}"
    );
    assert!(!text.contains("四、知识产权运用"), "{text}");
    // The main table keeps the row, with — for what is missing.
    assert!(text.contains("知识产权质押融资额累计（亿元）———6——"), "{text}");
}

#[test]
fn a_project_can_name_its_own_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    write_book(
        &data.join("专利.xlsx"),
        "专利",
        &[vec!["指标", "2024年", "2025年"], vec!["发明专利授权数", "4350", "4720"]],
    );
    // With the embedded catalogue the label is unknown…
    let (_, stdout, _) = yearbook(&["check", "--data", "data"], dir.path());
    assert!(stdout.contains("无法识别指标“发明专利授权数”"), "{stdout}");
    // …with the project's own, which adds it as an alias, it is read.
    let catalogue = yearbook::catalog::DEFAULT_CATALOG.replace(
        "aliases = [\"发明专利授权\", \"发明授权量\"]",
        "aliases = [\"发明专利授权\", \"发明授权量\", \"发明专利授权数\"]",
    );
    assert_ne!(catalogue, yearbook::catalog::DEFAULT_CATALOG);
    std::fs::write(dir.path().join("my-catalogue.toml"), catalogue).unwrap();
    std::fs::write(dir.path().join("yearbook.toml"), "catalog = \"my-catalogue.toml\"\n").unwrap();
    let (_, stdout, _) = yearbook(&["export", "--format", "csv", "--data", "data"], dir.path());
    assert_eq!(
        stdout,
        "indicator,region,year,value,unit,source\n发明专利授权量,玄武区,2024,4350,件,专利.xlsx!专利!B2\n发明专利授权量,玄武区,2025,4720,件,专利.xlsx!专利!C2\n"
    );
}

/// The 综述 is a text of its own: at most about 900 characters, and no stretch
/// of 30 characters of it appears word for word in a chapter.
#[test]
fn the_summary_repeats_no_stretch_of_a_chapter() {
    for year in [2025, 2023] {
        let out = tempfile::tempdir().unwrap();
        let config = Config { year: Some(year), ..sample_config(out.path()) };
        let prepared = pipeline::prepare(&opts(config.clone()), &mut |_| {}).unwrap();
        let r = &prepared.report;
        let summary: Vec<String> = r.summary.paragraphs.iter().map(|p| p.text.clone()).collect();
        let length: usize = summary.iter().map(|p| p.chars().count()).sum();
        assert!(length <= 900, "{year}: the 综述 has {length} characters: {summary:#?}");
        let mut chapters: Vec<String> = r.main.paragraphs.iter().map(|p| p.text.clone()).collect();
        for ch in r.chapters.iter().chain(&r.streets) {
            chapters.extend(ch.paragraphs.iter().map(|p| p.text.clone()));
        }
        for para in &summary {
            let chars: Vec<char> = para.chars().collect();
            for window in chars.windows(30) {
                let stretch: String = window.iter().collect();
                assert!(
                    !chapters.iter().any(|c| c.contains(&stretch)),
                    "{year}: 「{stretch}」 of the 综述 repeats in a chapter"
                );
            }
        }
        // The opening places the year in the plan; 主要特点 has two or three items.
        let place = if year == 2025 {
            "2025年是“十四五”规划的收官之年。"
        } else {
            "2023年是“十四五”规划实施的第三年。"
        };
        assert!(summary[0].starts_with(place), "{}", summary[0]);
        let features = r.summary.paragraphs.iter().find(|p| p.title.as_deref() == Some("主要特点")).unwrap();
        assert!(features.text.starts_with("一是") && features.text.contains("二是"), "{}", features.text);
    }
}
