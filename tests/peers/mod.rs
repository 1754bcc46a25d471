//! The district among its peers: a 各区 workbook for two indicators (with 全市,
//! 全省 and 全国 rows, and the 全市/全省/全国 万人发明专利拥有量) beside the
//! sample workbooks; the rank, the city's average and the higher levels in the
//! 综述, the chapter and the ranking table, by pdftotext.

use std::path::Path;

use super::{flat_text, opts, root, sample_config, write_book};

/// The 各区 workbook: 专利授权量 for all eleven districts, 有效发明专利拥有量
/// for six, and the higher levels.
pub fn write_peers(path: &Path) {
    let rows: Vec<Vec<&str>> = vec![
        vec!["2025年南京市各区知识产权主要指标"],
        vec!["地区", "专利授权量（件）", "有效发明专利拥有量（件）", "万人发明专利拥有量（件）"],
        vec!["玄武区", "8710", "18260", ""],
        vec!["秦淮区", "6120", "9800", ""],
        vec!["建邺区", "7350", "12300", ""],
        vec!["鼓楼区", "9980", "21500", ""],
        vec!["浦口区", "4210", "", ""],
        vec!["栖霞区", "8120", "15100", ""],
        vec!["雨花台区", "7040", "", ""],
        vec!["江宁区", "15230", "25600", ""],
        vec!["六合区", "2310", "", ""],
        vec!["溧水区", "1850", "", ""],
        vec!["高淳区", "1620", "", ""],
        vec!["全市", "72540", "120000", "110.5"],
        vec!["全省", "420000", "", "62.3"],
        vec!["全国", "4400000", "", "14.2"],
    ];
    write_book(path, "各区比较", &rows);
}

/// The sample data with the 各区 workbook, in a folder of its own.
pub fn data_with_peers(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for e in std::fs::read_dir(root().join("data")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, data.join(p.file_name().unwrap())).unwrap();
    }
    write_peers(&data.join("各区比较.xlsx"));
    data
}

#[test]
fn rank_average_and_higher_levels_are_printed_where_given() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_peers(dir.path());
    let out = dir.path().join("output");
    let config = yearbook::config::Config { data_dir: data, ..sample_config(&out) };
    let mut log = Vec::new();
    let built = yearbook::pipeline::build(&opts(config), &mut |l| log.push(l)).expect("builds");
    assert!(log.iter().any(|l| l == "读取 各区比较.xlsx：工作表 1 个，表格 1 个，数值 24 个"), "{log:#?}");
    // Other districts and 全省/全国 are regions of the catalogue, not unknown ones.
    assert!(log.iter().all(|l| !l.starts_with("警告") && !l.starts_with("错误")), "{log:#?}");
    let text = flat_text(&built.path);
    // 专利授权量: 72540 ÷ 11 = 6594.5; 8710 − 6594.5 = 2115.5 → 2115 (printed to the unit);
    // 8710 ÷ 420000 = 2.07%; two districts are higher (鼓楼区 9980, 江宁区 15230).
    // 有效发明专利拥有量: six districts given; 120000 ÷ 11 = 10909.1.
    // 万人发明专利拥有量: a ratio, against the levels' own figures.
    let summary = "区域比较。2025年，全区专利授权量8710件，居全市第3位，比全市平均水平（6595件）高2115件，占全省的2.1%，占全国的0.2%；有效发明专利拥有量18260件，在有数据的6个区中居第3位，比全市平均水平（10909件）高7351件；万人发明专利拥有量340.8件，比全市水平（110.5件）高230.3件，比全省水平（62.3件）高278.5件，比全国水平（14.2件）高326.6件。";
    assert!(text.contains(summary), "{text}");
    assert!(text.contains("表1-12025年玄武区主要指标在全市的位次"), "{text}");
    assert!(text.contains("专利授权量件8710第3位6595＋21154200004400000"), "{text}");
    assert!(text.contains("有效发明专利拥有量件18260第3位（6个区）10909＋7351—"), "{text}");
    assert!(text.contains("从区域比较看，专利授权量居全市第3位，比全市平均水平（6595件）高2115件"), "{text}");
    assert!(text.contains("区域比较：位次按全市11个区（玄武区、秦淮区、建邺区、鼓楼区、浦口区、栖霞区、雨花台区、江宁区、六合区、溧水区、高淳区）中有数据的区的数值从高到低排列"), "{text}");
}

#[test]
fn nothing_is_said_without_peer_figures() {
    let out = tempfile::tempdir().unwrap();
    let prepared = yearbook::pipeline::prepare(&opts(sample_config(out.path())), &mut |_| {}).unwrap();
    let report = &prepared.report;
    assert!(report.summary.tables.is_empty());
    assert!(report.summary.paragraphs.iter().all(|p| p.title.as_deref() != Some("区域比较")));
    assert!(report.chapters.iter().flat_map(|c| &c.paragraphs).all(|p| !p.text.contains("区域比较")));
    assert!(report.preface.iter().all(|p| !p.contains("区域比较")));
}

#[test]
fn a_typed_rank_among_the_districts_is_checked_against_the_peers_figures() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_peers(dir.path());
    std::fs::write(
        dir.path().join("文字修改.toml"),
        "[[edit]]\nkey = \"综述.主要数据\"\ntext = \"全年专利授权量8710件，居全市第2位；有效发明专利拥有量18260件，居全市第3位。\"\n",
    )
    .unwrap();
    let config = yearbook::config::Config { data_dir: data, ..sample_config(&dir.path().join("output")) };
    let mut opts = opts(config);
    opts.config_path = dir.path().join("yearbook.toml");
    let prepared = yearbook::pipeline::prepare(&opts, &mut |_| {}).unwrap();
    let figures: Vec<String> =
        prepared.texts.diagnostics.iter().map(|d| d.message()).filter(|m| m.contains("位")).collect();
    // 专利授权量 is third among the districts (鼓楼区 and 江宁区 are higher);
    // 有效发明专利拥有量 is third too, as typed.
    assert_eq!(figures, ["综述.主要数据 中的“第2位”：专利授权量位居全市第3位"], "{figures:#?}");
}
