//! End-to-end tests: the sample workbooks of `data/` go in, the PDF comes out, and
//! the PDF is checked for its page count, its text (with poppler's `pdftotext`),
//! its fonts (`pdffonts`) and its metadata (`pdfinfo`). The `yearbook` binary is
//! checked for its Chinese help, messages and exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

use yearbook::config::Config;
use yearbook::pipeline;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_config(out: &Path) -> Config {
    Config {
        data_dir: root().join("data"),
        output_dir: out.to_path_buf(),
        date: Some("2026-03".into()),
        ..Config::default()
    }
}

fn poppler(tool: &str, args: &[&str]) -> String {
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
    let built = pipeline::build(&sample_config(out), &mut |l| log.push(l)).expect("the sample builds");
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
    assert_eq!(built.pages, 17);

    let info = poppler("pdfinfo", &[built.path.to_str().unwrap()]);
    assert!(info.contains("Title:           玄武区知识产权统计年报（2025年）"), "{info}");
    assert!(info.contains("Author:          南京市玄武区市场监督管理局（知识产权局）"), "{info}");
    assert!(info.contains("Pages:           17"), "{info}");
    assert!(info.contains("A4"), "{info}");
    let bytes = std::fs::read(&built.path).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Outlines"), "the PDF has bookmarks");

    let text = flat_text(&built.path);
    for title in [
        "编制说明",
        "目录",
        "一、主要指标完成情况",
        "二、知识产权创造",
        "三、知识产权运用",
        "四、知识产权保护",
        "五、知识产权治理",
        "六、知识产权服务",
        "七、知识产权人才",
        "八、基础数据",
        "九、分街道（园区）统计",
        "附录指标解释",
    ] {
        assert!(text.contains(title), "missing chapter title {title}");
    }
    for phrase in [
        // Cover: date in Chinese numerals, organisation.
        "二〇二六年三月",
        "南京市玄武区市场监督管理局（知识产权局）",
        // Main table row: 有效发明专利拥有量, 2020 baseline, 2025 value, target, rate.
        "有效发明专利拥有量件1248218260180001",
        "维持10年以上有效发明专利数件17902870＞2800102.5已完成",
        // 万人发明专利拥有量 = 18260 ÷ 53.58 = 340.8; 2020: 12482 ÷ 53.78 = 232.1.
        "万人发明专利拥有量件232.1340.8300113.6已完成",
        // 质押融资 sent in 万元, printed in 亿元: 2021–2025 total 6.23, 十三五 3.16.
        "知识产权质押融资总额亿元3.166.236103.8已完成",
        // 版权产业增加值占GDP比重 is short of its target.
        "版权产业增加值占GDP比重%7.58.48.697.7未完成",
        // Chapter leads in bulletin phrasing.
        "2025年，全区专利授权量8710件，比上年增长4.4%；有效发明专利拥有量18260件，比上年增长5.7%。",
        "2025年，全区技术合同成交额112.85亿元，比上年增长7.9%。",
        // Category table row with the growth column: 4720 ÷ 4350 − 1 = 8.5%.
        "发明专利授权量件342036103980435047208.5",
        // 知识产权质押融资额 converted from 万元: 10500 → 1.05 … 14200 → 1.42.
        "知识产权质押融资额亿元1.051.121.281.361.424.4",
        // Streets: 孝陵卫街道 has 28% of 18260 valid invention patents.
        "孝陵卫街道有效发明专利拥有量位居各街道首位，为5112件。",
        "图2-12016—2025年专利授权量及其增长速度",
        "图9-12025年各街道有效发明专利拥有量",
        "表1-1“十四五”知识产权发展主要指标完成情况（2025年）",
        "—1—",
    ] {
        assert!(text.contains(phrase), "missing {phrase}");
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
    let built = pipeline::build(&config, &mut |_| {}).expect("markup in data does not break the build");
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
        stdout.contains("专利.xlsx\n  工作表“专利”：表格 1 个，数值 3 个，空缺 0 个\n  警告 1 个，错误 1 个"),
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
