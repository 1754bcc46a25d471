//! Figures of derived indicators that a workbook gives (万人发明专利拥有量 beside
//! the 有效发明专利拥有量 and 年末常住人口 it is computed from), in every layout the
//! reader takes: each is kept as a given figure and checked against the rule, the
//! same way whatever the layout; none is taken as read, replaced unseen or dropped
//! without a word.

use std::path::Path;

use yearbook::analysis::{Figure, Origin};
use yearbook::config::Config;
use yearbook::diag::{Level, Place};
use yearbook::pipeline;

use super::{opts, write_book};

/// What reading and analysing 2025 gave: the messages (without the notes and
/// warnings about the sample's gaps), and the figures of an indicator by region.
struct Outcome {
    lines: Vec<String>,
    figures: Vec<(String, i32, Figure)>,
}

impl Outcome {
    fn of(dir: &Path, id: &str) -> Outcome {
        let catalogue = dir.join("catalogue.toml");
        let config = Config {
            data_dir: dir.join("data"),
            output_dir: dir.join("out"),
            year: Some(2025),
            date: Some("2026-03".into()),
            catalog: catalogue.exists().then_some(catalogue),
            ..Config::default()
        };
        let opts = opts(config);
        let read = pipeline::read_data(&opts).unwrap();
        let analysed = pipeline::analyse(&opts, &read).unwrap();
        let lines = read
            .diagnostics
            .iter()
            .chain(&analysed.diagnostics)
            .filter(|d| d.level != Level::Note)
            .filter(|d| !matches!(d.kind.id(), "main-indicator-missing" | "series-gap"))
            .map(|d| d.to_string())
            .collect();
        let figures = analysed
            .analysis
            .values
            .iter()
            .filter(|(k, _)| k.0 == id && k.1 != "玄武区")
            .map(|(k, f)| (k.1.clone(), k.2, f.clone()))
            .collect();
        Outcome { lines, figures }
    }

    fn figure(&self, region: &str, year: i32) -> Option<&Figure> {
        self.figures.iter().find(|(r, y, _)| r == region && *y == year).map(|(_, _, f)| f)
    }
}

type Book = (&'static str, &'static str, Vec<Vec<&'static str>>);

fn project(files: &[Book]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for (file, sheet, rows) in files {
        write_book(&dir.path().join("data").join(file), sheet, rows);
    }
    dir
}

/// The data 万人发明专利拥有量 is computed from: 300.0 for 梅园新村街道, 250.0 for
/// 红山街道, nothing for 孝陵卫街道 (no population).
fn base() -> Book {
    (
        "基础.xlsx",
        "基础",
        vec![
            vec!["2025年基础数据"],
            vec!["指标", "玄武区", "梅园新村街道", "红山街道", "孝陵卫街道"],
            vec!["有效发明专利拥有量", "18000", "3000", "2000", "1500"],
            vec!["年末常住人口", "53.58", "10", "8", ""],
        ],
    )
}

const NAME: &str = "每万人口发明专利拥有量";

/// A layout's name, its rows, and the cells of the three figures.
type Layout = (&'static str, Vec<Vec<&'static str>>, [&'static str; 3]);

/// 万人发明专利拥有量 of 2025 as 350 (梅园新村街道), 250 (红山街道) and 180
/// (孝陵卫街道) in each layout, with the cells they are in.
fn layouts() -> Vec<Layout> {
    vec![
        (
            "长表",
            vec![
                vec!["指标", "地区", "年份", "数值"],
                vec![NAME, "梅园新村街道", "2025", "350"],
                vec![NAME, "红山街道", "2025", "250"],
                vec![NAME, "孝陵卫街道", "2025", "180"],
            ],
            ["D2", "D3", "D4"],
        ),
        (
            "指标×地区",
            vec![
                vec!["2025年"],
                vec!["指标", "梅园新村街道", "红山街道", "孝陵卫街道"],
                vec![NAME, "350", "250", "180"],
            ],
            ["B3", "C3", "D3"],
        ),
        (
            "地区×指标",
            vec![
                vec!["2025年"],
                vec!["街道", NAME],
                vec!["梅园新村街道", "350"],
                vec!["红山街道", "250"],
                vec!["孝陵卫街道", "180"],
            ],
            ["B3", "B4", "B5"],
        ),
        (
            "地区×年份",
            vec![
                vec!["各街道每万人口发明专利拥有量"],
                vec!["街道", "2025年"],
                vec!["梅园新村街道", "350"],
                vec!["红山街道", "250"],
                vec!["孝陵卫街道", "180"],
            ],
            ["B3", "B4", "B5"],
        ),
        (
            "年份×地区",
            vec![
                vec!["各街道每万人口发明专利拥有量"],
                vec!["年份", "梅园新村街道", "红山街道", "孝陵卫街道"],
                vec!["2025", "350", "250", "180"],
            ],
            ["B3", "C3", "D3"],
        ),
        // A column besides the years (排名) makes the table one of regions ×
        // columns; the year column, labelled by its year alone, holds the title's
        // indicator. These figures used to be taken as read: 350 replaced by the
        // rule's 300 without a word, 180 printed though nothing could check it.
        (
            "地区×年份，另有排名列",
            vec![
                vec!["2025年各街道每万人口发明专利拥有量"],
                vec!["街道", "2025年", "排名"],
                vec!["梅园新村街道", "350", "1"],
                vec!["红山街道", "250", "2"],
                vec!["孝陵卫街道", "180", "3"],
            ],
            ["B3", "B4", "B5"],
        ),
    ]
}

fn cell(a1: &str) -> Place {
    Place::at("派生.xlsx", "派生", a1)
}

#[test]
fn a_derived_figure_is_checked_against_its_rule_in_every_layout() {
    for (layout, rows, [disagrees, agrees, alone]) in layouts() {
        let dir = project(&[base(), ("派生.xlsx", "派生", rows)]);
        let out = Outcome::of(dir.path(), "invention_per_10k");
        let mut want = vec![
            format!(
                "警告：派生.xlsx，工作表“派生”，单元格 {alone}：工作簿给出了孝陵卫街道2025年的“万人发明专利拥有量”180.0，但缺少计算所需的数据，报告未采用该数值。请补充计算该指标所需的数据（见附录“指标解释”）"
            ),
            format!(
                "警告：派生.xlsx，工作表“派生”，单元格 {disagrees}：“万人发明专利拥有量”梅园新村街道2025年，工作簿给出 350.0，按“有效发明专利拥有量÷年末常住人口”计算为 300.0，两者不一致，报告采用计算值。请核对该数值及其计算所用的数据（基础.xlsx，工作表“基础”，单元格 C3；基础.xlsx，工作表“基础”，单元格 C4）"
            ),
        ];
        if layout.ends_with("排名列") {
            want.insert(0, "警告：派生.xlsx，工作表“派生”，单元格 C3：无法识别指标“排名”，该列数据未读入。请改用指标目录中的名称（见报告附录“指标解释”），或在指标目录中为其添加别名".into());
        }
        assert_eq!(out.lines, want, "{layout}");
        let rule = Origin::Rule("有效发明专利拥有量÷年末常住人口".into());
        assert_eq!(
            out.figure("梅园新村街道", 2025),
            Some(&Figure { value: 300.0, origin: rule }),
            "{layout}"
        );
        let taken = Figure { value: 250.0, origin: Origin::Cell(cell(agrees)) };
        assert_eq!(out.figure("红山街道", 2025), Some(&taken), "{layout}");
        assert_eq!(out.figure("孝陵卫街道", 2025), None, "{layout}");
    }
}

#[test]
fn a_derived_total_named_by_an_alias_of_its_own_is_checked_against_its_rule() {
    // A catalogue whose period total 知识产权交易额累计 has an alias of its own: a
    // title naming it by the alias names the total. Its figures used to be taken
    // as read (5 for 6 without a word, 2 unchecked).
    let catalogue = yearbook::catalog::DEFAULT_CATALOG.replace(
        "id = \"trade_total\"\nname = \"知识产权交易额累计\"\n",
        "id = \"trade_total\"\nname = \"知识产权交易额累计\"\naliases = [\"知识产权交易总额\"]\n",
    );
    assert_ne!(catalogue, yearbook::catalog::DEFAULT_CATALOG);
    let mut yearly = vec![vec!["指标", "地区", "年份", "数值"]];
    for region in ["梅园新村街道", "红山街道"] {
        for year in ["2021", "2022", "2023", "2024", "2025"] {
            yearly.push(vec!["知识产权交易额", region, year, "1"]);
        }
    }
    let tables = [
        (
            vec![
                vec!["各街道知识产权交易总额"],
                vec!["单位：亿元"],
                vec!["街道", "2025年"],
                vec!["梅园新村街道", "6"],
                vec!["红山街道", "5"],
                vec!["孝陵卫街道", "2"],
            ],
            ["B4", "B5", "B6"],
        ),
        (
            vec![
                vec!["各街道知识产权交易总额"],
                vec!["单位：亿元"],
                vec!["年份", "梅园新村街道", "红山街道", "孝陵卫街道"],
                vec!["2025", "6", "5", "2"],
            ],
            ["B4", "C4", "D4"],
        ),
    ];
    for (rows, [disagrees, agrees, alone]) in tables {
        let dir = project(&[base(), ("交易.xlsx", "交易", yearly.clone()), ("总额.xlsx", "总额", rows)]);
        std::fs::write(dir.path().join("catalogue.toml"), &catalogue).unwrap();
        let out = Outcome::of(dir.path(), "trade_total");
        assert_eq!(
            out.lines,
            [
                format!(
                    "警告：总额.xlsx，工作表“总额”，单元格 {alone}：工作簿给出了孝陵卫街道2025年的“知识产权交易额累计”2.00，但缺少计算所需的数据，报告未采用该数值。请补充计算该指标所需的数据（见附录“指标解释”）"
                ),
                format!(
                    "警告：总额.xlsx，工作表“总额”，单元格 {disagrees}：“知识产权交易额累计”梅园新村街道2025年，工作簿给出 6.00，按“2021—2025年知识产权交易额之和”计算为 5.00，两者不一致，报告采用计算值。请核对该数值及其计算所用的数据（交易.xlsx，工作表“交易”，单元格 D2；交易.xlsx，工作表“交易”，单元格 D6）"
                ),
            ]
        );
        assert_eq!(out.figure("梅园新村街道", 2025).map(|f| f.value), Some(5.0));
        let taken = Figure { value: 5.0, origin: Origin::Cell(Place::at("总额.xlsx", "总额", agrees)) };
        assert_eq!(out.figure("红山街道", 2025), Some(&taken));
        assert_eq!(out.figure("孝陵卫街道", 2025), None);
    }
}

#[test]
fn one_derived_figure_in_two_layouts_is_one_given_figure() {
    // The long layout and the table with a 排名 column give the same figures; the
    // first reading (派生.xlsx) stays, the second is a repeat, and each figure is
    // checked once. Before, the two never met: 180, unchecked in both, was taken.
    let long = ("长表.xlsx", "长表", layouts()[0].1.clone());
    let mut ranked = layouts()[5].1.clone();
    let dir = project(&[base(), ("派生.xlsx", "派生", ranked.clone()), long.clone()]);
    let out = Outcome::of(dir.path(), "invention_per_10k");
    assert_eq!(out.lines.len(), 3, "{:#?}", out.lines);
    assert!(out.lines[1].contains("单元格 B5：工作簿给出了孝陵卫街道2025年的“万人发明专利拥有量”180.0"));
    assert!(out.lines[2].contains("单元格 B3：“万人发明专利拥有量”梅园新村街道2025年，工作簿给出 350.0"));
    assert_eq!(out.figure("孝陵卫街道", 2025), None);
    // Two readings that differ are an error, as for any figure; the first is checked.
    ranked[2][1] = "340";
    let dir = project(&[base(), ("派生.xlsx", "派生", ranked), long]);
    let out = Outcome::of(dir.path(), "invention_per_10k");
    assert_eq!(out.lines.len(), 4, "{:#?}", out.lines);
    assert_eq!(
        out.lines[1],
        "错误：长表.xlsx，工作表“长表”，单元格 D2：“万人发明专利拥有量”梅园新村街道2025年的数值 350.0件 与 派生.xlsx，工作表“派生”，单元格 B3 中的数值 340.0件 不一致。请核对两处数据，删除或更正其中一处"
    );
    assert!(out.lines[3].contains("单元格 B3：“万人发明专利拥有量”梅园新村街道2025年，工作簿给出 340.0，按"));
    assert_eq!(out.figure("梅园新村街道", 2025).map(|f| f.value), Some(300.0));
}

#[test]
fn values_without_a_year_beside_a_year_column_are_told_apart() {
    // The table with a 排名 column, its title without a year: the 2025 column is
    // read and checked as everywhere; the 排名 column, which has no year, is not
    // read, and the warning says only that (it used to say the whole table was
    // not read).
    let mut rows = layouts()[5].1.clone();
    rows[0] = vec!["各街道每万人口发明专利拥有量"];
    let dir = project(&[base(), ("派生.xlsx", "派生", rows)]);
    let out = Outcome::of(dir.path(), "invention_per_10k");
    assert_eq!(
        out.lines[0],
        "警告：派生.xlsx，工作表“派生”，单元格 A2：表格“各街道每万人口发明专利拥有量”（A2:C5）中，列“排名”的 3 个数值（C3、C4、C5）无法确定年份：其行、列标题和表格标题、工作表名、文件名中都没有年份，这些数值未读入；其余 3 个数值的年份已由行、列标题确定。如需读入这些数值，请在表头写明年份（如“2025年”），或在标题中注明“（2025年）”，或把工作表命名为年份"
    );
    assert_eq!(out.lines.len(), 3, "{:#?}", out.lines);
    assert!(
        out.lines[1].contains("单元格 B5：工作簿给出了孝陵卫街道2025年的“万人发明专利拥有量”180.0，但缺少")
    );
    assert!(out.lines[2].contains("单元格 B3：“万人发明专利拥有量”梅园新村街道2025年，工作簿给出 350.0，按"));
    let taken = Figure { value: 250.0, origin: Origin::Cell(cell("B4")) };
    assert_eq!(out.figure("红山街道", 2025), Some(&taken));
}

#[test]
fn a_year_column_with_no_indicator_named_is_no_street_taken_for_one() {
    // Regions × (2025年, 排名) naming no indicator anywhere: the streets used to be
    // reported as unknown indicators, one warning each.
    let rows = vec![
        vec!["2025年各街道情况"],
        vec!["街道", "2025年", "排名"],
        vec!["梅园新村街道", "350", "1"],
        vec!["红山街道", "250", "2"],
    ];
    let dir = project(&[base(), ("情况.xlsx", "情况", rows)]);
    let out = Outcome::of(dir.path(), "invention_per_10k");
    assert_eq!(
        out.lines,
        [
            "警告：情况.xlsx，工作表“情况”，单元格 A2：表格 A2:C4 是地区×年份表，但标题、单位行、工作表名和文件名中都没有指标目录中的指标名称，该表未读入。请在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”），或用指标名称命名工作表"
        ]
    );
}

#[test]
fn the_preface_says_which_given_figures_are_used() {
    let dir = project(&[base(), ("派生.xlsx", "派生", layouts()[0].1.clone())]);
    let config = Config {
        data_dir: dir.path().join("data"),
        output_dir: dir.path().join("out"),
        year: Some(2025),
        date: Some("2026-03".into()),
        ..Config::default()
    };
    let prepared = pipeline::prepare(&opts(config), &mut |_| {}).unwrap();
    let said = "每万人指标、比重等计算指标按附录一“指标解释”所列计算方法由基础数据计算。有关部门另行报送计算指标的，与计算结果核对一致后采用报送数，不一致的以计算结果为准，缺少基础数据无法核对的不予采用。数据一致性检查的范围和结果见附录二“数据质量说明”。";
    assert!(prepared.report.preface.iter().any(|p| p == said), "{:#?}", prepared.report.preface);
    // As said: 孝陵卫街道's 180.0, which cannot be computed, is not printed.
    let streets = serde_json::to_value(&prepared.report.streets).unwrap();
    let table = &streets["tables"][0];
    assert_eq!(table["columns"][3]["title"], "万人发明专利拥有量（件）");
    let row =
        table["rows"].as_array().unwrap().iter().find(|r| r["cells"][0]["text"] == "孝陵卫街道").unwrap();
    let cells: Vec<&str> =
        row["cells"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(cells, ["孝陵卫街道", "1500", "—", "—"]);
}
