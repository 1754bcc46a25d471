//! Issue 19: reporting forms whose periods are relative to the title (本年累计 |
//! 上年同期), written as ranges or parts of a year (1—12月, 全年, 截至…年底, 一季度,
//! 1—9月), month and quarter tables, value columns under a year heading beside
//! growth, share and rank columns, and stated growth rates checked against the
//! figures. Each form is written as .xlsx (rust_xlsxwriter, with merged
//! headings) and as CSV; the .xls forms are written by an outside tool, xlwt
//! (`tests/fixtures/forms/make_periods.py`), and read here to the same figures.

use std::path::Path;

use super::yearbook;

/// A cell of a form: a number, a text, or a heading merged over `span` columns.
#[derive(Clone, Copy)]
enum C<'a> {
    N(f64),
    T(&'a str),
    Merged(&'a str, u16),
    E,
}
use C::{E, Merged as M, N, T};

/// Writes a form as .xlsx, merging the headings that say so.
fn xlsx(sheet: &str, rows: &[Vec<C>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(sheet).unwrap();
    let plain = rust_xlsxwriter::Format::new();
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32;
        let mut c = 0u16;
        for cell in row {
            match *cell {
                N(v) => drop(ws.write_number(r, c, v).unwrap()),
                T(t) => drop(ws.write_string(r, c, t).unwrap()),
                M(t, span) => {
                    ws.merge_range(r, c, r, c + span - 1, t, &plain).unwrap();
                    c += span - 1;
                }
                E => {}
            }
            c += 1;
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The same form as CSV: merged headings written once at their left, as Excel
/// saves them.
fn csv(rows: &[Vec<C>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        let mut fields: Vec<String> = Vec::new();
        for cell in row {
            match *cell {
                N(v) => fields.push(format!("{v}")),
                T(t) => fields.push(t.to_string()),
                M(t, span) => {
                    fields.push(t.to_string());
                    fields.extend((1..span).map(|_| String::new()));
                }
                E => fields.push(String::new()),
            }
        }
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// A project whose data/ holds the files.
fn project(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("data").join(name), bytes).unwrap();
    }
    dir
}

/// The tidy observations: indicator, region, year, value, unit, source.
fn export(dir: &Path) -> Vec<String> {
    let (code, stdout, stderr) = yearbook(&["export", "--format", "csv"], dir);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().skip(1).map(String::from).collect()
}

fn check(dir: &Path) -> String {
    yearbook(&["check"], dir).1
}

fn has_line(stdout: &str, line: &str) {
    assert!(stdout.lines().any(|l| l.trim_start() == line), "missing {line}\n{stdout}");
}

/// Both formats of one form, each alone in a project: (file name, project).
fn both(stem: &str, sheet: &str, rows: &[Vec<C>]) -> Vec<(String, tempfile::TempDir)> {
    let x = format!("{stem}.xlsx");
    let c = format!("{stem}.csv");
    vec![
        (format!("{x}!{sheet}"), project(&[(&x, xlsx(sheet, rows))])),
        (format!("{c}!{stem}"), project(&[(&c, csv(rows))])),
    ]
}

fn obs(place: &str, lines: &[(&str, i32, &str, &str, &str)]) -> Vec<String> {
    let mut v: Vec<String> =
        lines.iter().map(|(i, y, v, u, c)| format!("{i},玄武区,{y},{v},{u},{place}!{c}")).collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn relative_form(growth: f64) -> Vec<Vec<C<'static>>> {
    vec![
        vec![T("2025年1—12月玄武区专利授权情况")],
        vec![T("单位：件")],
        vec![T("指标"), T("本年累计"), T("上年同期"), T("同比增长（%）")],
        vec![T("专利授权量"), N(8710.0), N(8345.0), N(4.4)],
        vec![T("发明专利授权量"), N(4620.0), N(4350.0), N(growth)],
    ]
}

#[test]
fn periods_relative_to_the_title_are_read_and_check_says_so() {
    for (place, dir) in both("授权情况", "授权", &relative_form(6.2)) {
        let got = sorted(export(dir.path()));
        let want = obs(
            &place,
            &[
                ("专利授权量", 2024, "8345", "件", "C4"),
                ("专利授权量", 2025, "8710", "件", "B4"),
                ("发明专利授权量", 2024, "4350", "件", "C5"),
                ("发明专利授权量", 2025, "4620", "件", "B5"),
            ],
        );
        assert_eq!(got, want, "{place}");
        let out = check(dir.path());
        has_line(&out, "表格 A3:C5：指标×年份，本年累计 = 2025年，上年同期 = 2024年，年份取自标题");
        assert!(!out.contains("无法识别地区"), "{out}");
        assert!(!out.contains("不衔接"), "{out}");
    }
}

#[test]
fn a_stated_growth_that_its_figures_do_not_give_is_a_warning_at_its_cell() {
    for (place, dir) in both("授权情况", "授权", &relative_form(9.9)) {
        let out = check(dir.path());
        let (file, sheet) = place.split_once('!').unwrap();
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 D5：增速与绝对数不衔接：“发明专利授权量”的“同比增长（%）”填报为 9.9%，按本期 4620（B5）与上年同期 4350（C5）计算为 6.2%。请核对增长速度及其本期、上年同期数值"
            ),
        );
        // The first row's 4.4% follows from 8710 and 8345 (4.37%).
        assert!(!out.contains("单元格 D4：增速"), "{out}");
        // The rate is never read as a value.
        assert!(!export(dir.path()).iter().any(|l| l.contains(",9.9,") || l.contains(",4.4,")));
    }
}

#[test]
fn part_of_a_year_alone_gives_no_annual_figure_and_says_so() {
    let rows = vec![
        vec![T("2025年1—9月玄武区专利授权情况")],
        vec![T("指标"), T("本年累计"), T("上年同期"), T("同比增长（%）")],
        vec![T("专利授权量"), N(6400.0), N(6100.0), N(4.9)],
        vec![T("有效发明专利拥有量"), N(17300.0), N(15800.0), N(9.5)],
    ];
    for (place, dir) in both("前三季度", "授权", &rows) {
        let (code, out, _) = yearbook(&["check"], dir.path());
        assert_eq!(code, 1, "nothing is read: {out}");
        let (file, sheet) = place.split_once('!').unwrap();
        has_line(&out, "表格 A2:C4：指标×年份，本年累计 = 2025年1—9月，上年同期 = 2024年1—9月，年份取自标题");
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 B3：“专利授权量”玄武区只有2025年1—9月的数据，不是2025年全年数，未作为全年数值读入。全年数请按1—12月累计填报，或补齐各月（季度）数据"
            ),
        );
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 B4：“有效发明专利拥有量”玄武区只有2025年9月末的数据，没有2025年年末数，未作为年末数值读入。请填报12月末（年末）数"
            ),
        );
        assert!(!out.contains("年份无法确定"), "{out}");
    }
}

fn month_form(total: Option<f64>, months: usize) -> Vec<Vec<C<'static>>> {
    let mut rows = vec![
        vec![T("2025年玄武区专利授权量（分月）")],
        vec![T("单位：件")],
        vec![T("月份"), T("数量（件）")],
    ];
    const NAMES: [&str; 12] =
        ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];
    for (i, m) in NAMES.iter().take(months).enumerate() {
        rows.push(vec![T(m), N(700.0 + i as f64 * 10.0)]);
    }
    if let Some(t) = total {
        rows.push(vec![T("合计"), N(t)]);
    }
    rows
}

#[test]
fn twelve_months_make_the_flows_year() {
    // 700 + 710 + … + 810 = 9060.
    for (place, dir) in both("分月", "分月", &month_form(None, 12)) {
        assert_eq!(
            sorted(export(dir.path())),
            obs(&place, &[("专利授权量", 2025, "9060", "件", "B4:B15")]),
            "{place}"
        );
        let out = check(dir.path());
        has_line(&out, "表格 A3:B15：分月（季度），指标取自标题“专利授权量”");
        assert!(!out.contains("无法识别地区"), "{out}");
    }
    // A 合计 that agrees is the figure, at its cell.
    for (place, dir) in both("分月", "分月", &month_form(Some(9060.0), 12)) {
        assert_eq!(
            sorted(export(dir.path())),
            obs(&place, &[("专利授权量", 2025, "9060", "件", "B16")]),
            "{place}"
        );
        assert!(!check(dir.path()).contains("不一致"));
    }
}

#[test]
fn a_total_that_differs_from_its_months_is_a_warning_at_its_cell() {
    for (place, dir) in both("分月", "分月", &month_form(Some(9100.0), 12)) {
        let (file, sheet) = place.split_once('!').unwrap();
        has_line(
            &check(dir.path()),
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 B16：“专利授权量”玄武区2025年合计为 9100，与1—12月之和 9060 不一致；采用填报的合计数。请核对合计数与各月（季度）数据"
            ),
        );
        assert_eq!(sorted(export(dir.path())), obs(&place, &[("专利授权量", 2025, "9100", "件", "B16")]));
    }
}

#[test]
fn missing_months_are_named_and_give_no_year() {
    for (place, dir) in both("分月", "分月", &month_form(None, 9)) {
        let (file, sheet) = place.split_once('!').unwrap();
        let out = check(dir.path());
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 B4：“专利授权量”玄武区2025年的分月（季度）数据不全，缺少10月、11月、12月的数据，未得出全年数。请补齐缺少月份（季度）的数据；表中的合计数在各期补齐前不作为全年数"
            ),
        );
        assert!(!out.contains("无法识别地区"), "{out}");
        assert!(!out.contains("“1月”"), "{out}");
    }
    // A 合计 beside nine months is no year either: it may be theirs alone.
    for (place, dir) in both("分月", "分月", &month_form(Some(6660.0), 9)) {
        let out = check(dir.path());
        assert!(out.contains("缺少10月、11月、12月的数据，未得出全年数"), "{place}: {out}");
        assert!(out.contains("读入数值 0 个"), "{place}: {out}");
    }
}

#[test]
fn quarters_without_an_annual_column_make_the_year() {
    let rows = vec![
        vec![T("2025年玄武区知识产权分季度情况")],
        vec![T("指标"), T("一季度"), T("二季度"), T("三季度"), T("四季度")],
        vec![T("专利授权量（件）"), N(2000.0), N(2100.0), N(2200.0), N(2410.0)],
        vec![T("有效发明专利拥有量（件）"), N(16500.0), N(16900.0), N(17300.0), N(17610.0)],
        vec![T("知识产权质押融资额（万元）"), N(3000.0), N(3500.0), N(3700.0), E],
    ];
    for (place, dir) in both("分季度", "分季度", &rows) {
        assert_eq!(
            sorted(export(dir.path())),
            obs(
                &place,
                &[
                    ("专利授权量", 2025, "8710", "件", "B3:E3"),
                    ("有效发明专利拥有量", 2025, "17610", "件", "E4"),
                ]
            ),
            "{place}"
        );
        let (file, sheet) = place.split_once('!').unwrap();
        has_line(
            &check(dir.path()),
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 B5：“知识产权质押融资额”玄武区2025年的分月（季度）数据不全，缺少四季度的数据，未得出全年数。请补齐缺少月份（季度）的数据；表中的合计数在各期补齐前不作为全年数"
            ),
        );
    }
}

#[test]
fn the_amount_under_each_year_is_read_and_growth_share_and_rank_never_are() {
    let rows = vec![
        vec![T("玄武区知识产权主要指标")],
        vec![T("指标"), M("2024年", 3), M("2025年", 3)],
        vec![
            E,
            T("数量（件）"),
            T("比上年增长（%）"),
            T("排名"),
            T("数量（件）"),
            T("比上年增长（%）"),
            T("占比"),
        ],
        vec![T("专利授权量"), N(8345.0), N(3.1), N(2.0), N(8710.0), N(4.4), N(10.0)],
        vec![T("发明专利授权量"), N(4350.0), N(5.0), N(1.0), N(4620.0), N(6.2), N(53.0)],
    ];
    for (place, dir) in both("主要指标", "主要指标", &rows) {
        let got = export(dir.path());
        let want = obs(
            &place,
            &[
                ("专利授权量", 2024, "8345", "件", "B4"),
                ("专利授权量", 2025, "8710", "件", "E4"),
                ("发明专利授权量", 2024, "4350", "件", "B5"),
                ("发明专利授权量", 2025, "4620", "件", "E5"),
            ],
        );
        assert_eq!(got, want, "{place}");
        let out = check(dir.path());
        assert!(!out.contains("无法识别"), "{out}");
        assert!(!out.contains("不衔接"), "{out}");
    }
    // Other words for the amount: 绝对数 | 增长%, 本期 | 同比, 金额 | 占比.
    let rows = vec![
        vec![T("指标"), M("2024年", 2), M("2025年", 2)],
        vec![E, T("绝对数"), T("增长%"), T("本期"), T("同比")],
        vec![T("商标注册量（件）"), N(6712.0), N(2.0), N(7010.0), N(4.4)],
        vec![T("指标"), M("2024年", 2), M("2025年", 2)],
        vec![E, T("金额（万元）"), T("占比"), T("金额（万元）"), T("构成（%）")],
        vec![T("知识产权质押融资额"), N(12000.0), N(40.0), N(14200.0), N(45.0)],
    ];
    for (place, dir) in both("其他写法", "其他写法", &rows) {
        let want = obs(
            &place,
            &[
                ("商标注册量", 2024, "6712", "件", "B3"),
                ("商标注册量", 2025, "7010", "件", "D3"),
                ("知识产权质押融资额", 2024, "1.2", "亿元", "B6"),
                ("知识产权质押融资额", 2025, "1.42", "亿元", "D6"),
            ],
        );
        assert_eq!(sorted(export(dir.path())), want, "{place}");
    }
}

#[test]
fn ranges_and_parts_of_a_year_in_long_tables_and_headers() {
    let rows = vec![
        vec![T("指标"), T("地区"), T("年份"), T("数值")],
        vec![T("专利授权量"), T("玄武区"), T("2024年1-12月"), N(8345.0)],
        vec![T("专利授权量"), T("玄武区"), T("2025年全年"), N(8710.0)],
        vec![T("有效发明专利拥有量"), T("玄武区"), T("截至2025年底"), N(17610.0)],
        vec![T("商标注册量"), T("玄武区"), T("2025年1～12月"), N(7010.0)],
        vec![T("作品著作权登记量"), T("玄武区"), T("2025年上半年"), N(900.0)],
    ];
    for (place, dir) in both("长表", "长表", &rows) {
        let want = obs(
            &place,
            &[
                ("专利授权量", 2024, "8345", "件", "D2"),
                ("专利授权量", 2025, "8710", "件", "D3"),
                ("有效发明专利拥有量", 2025, "17610", "件", "D4"),
                ("商标注册量", 2025, "7010", "件", "D5"),
            ],
        );
        assert_eq!(sorted(export(dir.path())), want, "{place}");
        let out = check(dir.path());
        assert!(out.contains("只有2025年1—6月的数据"), "{out}");
        assert!(!out.contains("无法识别"), "{out}");
    }
    let rows = vec![
        vec![T("指标"), T("2024年1至12月"), T("截至2025年末")],
        vec![T("有效注册商标量"), N(60120.0), N(63015.0)],
    ];
    for (place, dir) in both("年末", "年末", &rows) {
        let want = obs(
            &place,
            &[("有效注册商标量", 2024, "60120", "件", "B2"), ("有效注册商标量", 2025, "63015", "件", "C2")],
        );
        assert_eq!(sorted(export(dir.path())), want, "{place}");
    }
}

#[test]
fn a_months_form_pairs_the_year_to_date_with_the_same_period_a_year_before() {
    let rows = vec![
        vec![T("2025年12月玄武区知识产权月报")],
        vec![T("单位：件")],
        vec![T("指标"), T("本月"), T("1—本月累计"), T("去年同期"), T("同比增长（%）")],
        vec![T("专利授权量"), N(760.0), N(8710.0), N(8345.0), N(4.4)],
        vec![T("有效发明专利拥有量"), N(17610.0), N(17610.0), N(16050.0), N(9.7)],
    ];
    for (place, dir) in both("月报", "月报", &rows) {
        let want = obs(
            &place,
            &[
                ("专利授权量", 2024, "8345", "件", "D4"),
                ("专利授权量", 2025, "8710", "件", "C4"),
                ("有效发明专利拥有量", 2024, "16050", "件", "D5"),
                ("有效发明专利拥有量", 2025, "17610", "件", "C5"),
            ],
        );
        assert_eq!(sorted(export(dir.path())), want, "{place}");
        let out = check(dir.path());
        has_line(
            &out,
            "表格 A3:D5：指标×年份，本月 = 2025年12月，1—本月累计 = 2025年，去年同期 = 2024年，年份取自标题",
        );
        // December alone is no year, but the year to date is: nothing to warn.
        assert!(!out.contains("不全"), "{out}");
        assert!(!out.contains("不衔接"), "{out}");
    }
}

#[test]
fn streets_by_this_and_the_previous_period_take_the_indicator_from_the_title() {
    let rows = vec![
        vec![T("2025年1—12月各街道专利授权量")],
        vec![T("街道"), T("本期"), T("上期"), T("增长%")],
        vec![T("梅园新村街道"), N(1200.0), N(1100.0), N(9.1)],
        vec![T("红山街道"), N(800.0), N(820.0), N(-3.0)],
    ];
    for (place, dir) in both("街道", "街道", &rows) {
        let mut want: Vec<String> = [
            ("梅园新村街道", 2024, "1100", "C3"),
            ("梅园新村街道", 2025, "1200", "B3"),
            ("红山街道", 2024, "820", "C4"),
            ("红山街道", 2025, "800", "B4"),
        ]
        .iter()
        .map(|(r, y, v, c)| format!("专利授权量,{r},{y},{v},件,{place}!{c}"))
        .collect();
        want.sort();
        assert_eq!(sorted(export(dir.path())), want, "{place}");
        let out = check(dir.path());
        has_line(
            &out,
            "表格 A2:C4：地区×年份，指标取自标题“专利授权量”，本期 = 2025年，上期 = 2024年，年份取自标题",
        );
        // 800 against 820 is −2.4%, stated −3%.
        let (file, sheet) = place.split_once('!').unwrap();
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 D4：增速与绝对数不衔接：“红山街道”的“增长%”填报为 -3%，按本期 800（B4）与上年同期 820（C4）计算为 -2.4%。请核对增长速度及其本期、上年同期数值"
            ),
        );
        assert!(!out.contains("单元格 D3：增速"), "{out}");
    }
}

#[test]
fn months_down_and_streets_across_sum_per_street_and_are_never_regions() {
    let mut rows =
        vec![vec![T("2025年各街道专利授权量（分月）")], vec![T("月份"), T("梅园新村街道"), T("红山街道")]];
    const NAMES: [&str; 12] =
        ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];
    for (i, m) in NAMES.iter().enumerate() {
        rows.push(vec![T(m), N(100.0 + i as f64), N(50.0)]);
    }
    rows.push(vec![T("合计"), N(1266.0), N(600.0)]);
    for (place, dir) in both("分月街道", "分月", &rows) {
        // 100 + 101 + … + 111 = 1266; 12 × 50 = 600.
        let mut want: Vec<String> = [("梅园新村街道", "1266", "B15"), ("红山街道", "600", "C15")]
            .iter()
            .map(|(r, v, c)| format!("专利授权量,{r},2025,{v},件,{place}!{c}"))
            .collect();
        want.sort();
        assert_eq!(sorted(export(dir.path())), want, "{place}");
        let out = check(dir.path());
        assert!(!out.contains("无法识别"), "{out}");
        assert!(!out.contains("不一致"), "{out}");
    }
}

#[test]
fn a_month_alone_is_no_year_and_says_so() {
    let rows = vec![
        vec![T("2025年12月玄武区专利授权月报")],
        vec![T("指标"), T("本月"), T("去年同期"), T("同比（%）")],
        vec![T("专利授权量"), N(760.0), N(700.0), N(8.6)],
    ];
    for (place, dir) in both("月报", "月报", &rows) {
        let (file, sheet) = place.split_once('!').unwrap();
        let out = check(dir.path());
        has_line(&out, "表格 A2:C3：指标×年份，本月 = 2025年12月，去年同期 = 2024年12月，年份取自标题");
        for (cell, y) in [("B3", 2025), ("C3", 2024)] {
            has_line(
                &out,
                &format!(
                    "警告：{file}，工作表“{sheet}”，单元格 {cell}：“专利授权量”玄武区只有{y}年12月的数据，不是{y}年全年数，未作为全年数值读入。全年数请按1—12月累计填报，或补齐各月（季度）数据"
                ),
            );
        }
        // 760 against 700 is 8.57%: the stated 8.6% follows.
        assert!(!out.contains("不衔接"), "{out}");
        assert!(out.contains("读入数值 0 个"), "{out}");
    }
}

#[test]
fn relative_headings_without_a_period_anywhere_say_what_to_write() {
    let rows =
        vec![vec![T("指标"), T("本年累计"), T("上年同期")], vec![T("专利授权量"), N(8710.0), N(8345.0)]];
    for (place, dir) in both("专利授权", "授权", &rows) {
        let (file, sheet) = place.split_once('!').unwrap();
        let out = check(dir.path());
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 A1：表格 A1:C2 的表头“本年累计”“上年同期”是相对于本表期别的期别，但表格标题、工作表名和文件名中都没有本表的年份，这些数值未读入。请在表格上方的标题中写明本表期别（如“2025年1—12月玄武区专利授权情况”），或把工作表命名为期别"
            ),
        );
        assert!(!out.contains("年份无法确定"), "{out}");
    }
}

/// The same forms as .xls (BIFF8 written by xlwt, with a merged year heading):
/// relative periods, twelve months, and the amount under each year are read to
/// the same figures as their .xlsx and CSV twins; no rate, rank or share is read.
#[test]
fn the_forms_as_xls_read_to_the_same_figures() {
    let fixture = |name: &str| {
        let path =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms").join(name);
        std::fs::read(path).unwrap()
    };
    // (file, sheet, the observations: indicator, year, value, unit, cell; check's line)
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, i32, &'a str, &'a str, &'a str)], &'a str);
    let cases: [Case; 3] = [
        (
            "授权情况.xls",
            "授权",
            &[
                ("专利授权量", 2024, "8345", "件", "C4"),
                ("专利授权量", 2025, "8710", "件", "B4"),
                ("发明专利授权量", 2024, "4350", "件", "C5"),
                ("发明专利授权量", 2025, "4620", "件", "B5"),
            ],
            "表格 A3:C5：指标×年份，本年累计 = 2025年，上年同期 = 2024年，年份取自标题",
        ),
        (
            "分月.xls",
            "分月",
            &[("专利授权量", 2025, "9060", "件", "B4:B15")],
            "表格 A3:B15：分月（季度），指标取自标题“专利授权量”",
        ),
        (
            "主要指标.xls",
            "主要指标",
            &[
                ("专利授权量", 2024, "8345", "件", "B4"),
                ("专利授权量", 2025, "8710", "件", "E4"),
                ("发明专利授权量", 2024, "4350", "件", "B5"),
                ("发明专利授权量", 2025, "4620", "件", "E5"),
            ],
            "表格 A2:E5：指标×年份",
        ),
    ];
    for (file, sheet, want, line) in cases {
        let dir = project(&[(file, fixture(file))]);
        assert_eq!(sorted(export(dir.path())), obs(&format!("{file}!{sheet}"), want), "{file}");
        let out = check(dir.path());
        has_line(&out, line);
        assert!(!out.contains("无法识别") && !out.contains("不衔接"), "{out}");
    }
}

#[test]
fn a_stated_growth_in_a_long_table_is_checked_against_the_year_before_s_row() {
    let rows = vec![
        vec![T("指标"), T("年份"), T("数值"), T("单位"), T("同比增长（%）")],
        vec![T("专利授权量"), N(2024.0), N(8340.0), T("件"), E],
        vec![T("专利授权量"), N(2025.0), N(8710.0), T("件"), N(4.4)],
        vec![T("商标注册量"), N(2024.0), N(1000.0), T("件"), E],
        vec![T("商标注册量"), N(2025.0), N(1100.0), T("件"), N(12.0)],
    ];
    for (place, dir) in both("长表", "长表", &rows) {
        let out = check(dir.path());
        let (file, sheet) = place.split_once('!').unwrap();
        // 8710 on 8340 is 4.4%, as stated; 1100 on 1000 is 10.0%, not 12%.
        has_line(
            &out,
            &format!(
                "警告：{file}，工作表“{sheet}”，单元格 E5：增速与绝对数不衔接：“商标注册量”的“同比增长（%）”填报为 12%，按本期 1100（C5）与上年同期 1000（C4）计算为 10.0%。请核对增长速度及其本期、上年同期数值"
            ),
        );
        assert_eq!(out.matches("不衔接").count(), 1, "{out}");
        // The rates are never values.
        assert!(
            !sorted(export(dir.path())).iter().any(|l| l.contains(",12,") || l.contains(",4.4,")),
            "{place}"
        );
    }
}
