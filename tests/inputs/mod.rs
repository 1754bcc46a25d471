//! Files as they arrive, ordinary and broken: each case ends in the right value or
//! a Chinese error at the right cell, with exit 0 or 1, never a crash or a silent
//! misreading. The .xls and .ods fixtures are written by independent tools (xlwt,
//! odfpy: `tests/fixtures/formats/make.py`).

use std::path::{Path, PathBuf};

use super::{opts, root, yearbook};

/// A project folder with a `data/` holding the given files.
fn project(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for (name, bytes) in files {
        std::fs::write(data.join(name), bytes).unwrap();
    }
    dir
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/formats").join(name)).unwrap()
}

fn csv_lines(dir: &Path) -> Vec<String> {
    let (code, stdout, stderr) = yearbook(&["export", "--format", "csv"], dir);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().skip(1).map(String::from).collect()
}

#[test]
fn percent_formats_of_xls_and_ods_read_as_the_percentages_shown() {
    for (name, sheet) in [("percent.xls", "比重"), ("percent.ods", "比重")] {
        let dir = project(&[(name, fixture(name))]);
        let lines = csv_lines(dir.path());
        let expected: Vec<String> = [
            ("专利授权量", "2024", "8456", "件", "B5"),
            ("专利授权量", "2025", "8710", "件", "C5"),
            ("版权产业增加值占GDP比重", "2024", "8.2", "%", "B3"),
            ("版权产业增加值占GDP比重", "2025", "8.4", "%", "C3"),
            ("知识产权保护社会满意度", "2024", "86.5", "%", "B4"),
            ("知识产权保护社会满意度", "2025", "87.2", "%", "C4"),
        ]
        .iter()
        .map(|(i, y, v, u, c)| format!("{i},玄武区,{y},{v},{u},{name}!{sheet}!{c}"))
        .collect();
        let mut got = lines.clone();
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
    // The hidden sheet of the .ods is skipped, and said so.
    let dir = project(&[("percent.ods", fixture("percent.ods"))]);
    let (_, stdout, _) = yearbook(&["check"], dir.path());
    assert!(stdout.contains("  工作表“隐藏”：隐藏，已跳过"), "{stdout}");
}

/// A workbook with a date and an impossible population in value cells, a normal
/// row, and one stray value in the sheet's last cell, XFD1048576.
fn hostile_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("数据").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, "指标").unwrap();
    ws.write_string(0, 1, "2024年").unwrap();
    ws.write_string(0, 2, "2025年").unwrap();
    ws.write_string(1, 0, "年末常住人口").unwrap();
    let may_day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 5, 1).unwrap();
    ws.write_datetime_with_format(1, 1, &may_day, &date).unwrap();
    ws.write_number(1, 2, 1e305).unwrap();
    ws.write_string(2, 0, "专利授权量").unwrap();
    ws.write_number(2, 1, 8456.0).unwrap();
    ws.write_number(2, 2, 8710.0).unwrap();
    ws.write_number(1_048_575, 16_383, 7.0).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn dates_impossible_values_and_far_cells_are_named_at_their_cells() {
    let dir = project(&[("异常.xlsx", hostile_xlsx())]);
    let (code, stdout, stderr) = yearbook(&["check"], dir.path());
    assert_eq!(code, 1, "{stdout}{stderr}");
    for line in [
        "  错误：异常.xlsx，工作表“数据”，单元格 B2：“年末常住人口”2024年的数值不是数字：日期或时间 2024-05-01。该单元格是日期格式，数值会被读成日期；请把单元格格式改为“常规”或“数值”后重新填写数字",
        "  错误：异常.xlsx，工作表“数据”，单元格 C2：“年末常住人口”2025年的数值 1e305万人 超出合理范围（1～10000万人）。请核对该数值和它的单位（指标目录规定的单位为“万人”）",
        "  警告：异常.xlsx，工作表“数据”：有 1 个数值不在任何表格中，未读入（XFD1048576）。如是数据，请放入表格并写明指标名称和年份；如是无用内容，请删除",
        "  工作表“数据”：表格 1 个，数值 2 个，空缺 0 个",
    ] {
        assert!(stdout.lines().any(|l| l == line), "missing {line}\n{stdout}");
    }
    // build refuses the same data, and says why.
    let (code, _, stderr) = yearbook(&["build"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("错误：数据中有 2 处错误，未生成年报"), "{stderr}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn long_layout_years_with_qualifiers_are_read_and_bad_ones_are_errors() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["玄武区有效专利统计（2025年）"],
        vec!["指标", "地区", "年份", "数值"],
        vec!["有效发明专利拥有量", "玄武区", "2024年末", "16050"],
        vec!["有效发明专利拥有量", "玄武区", "2025年（末）", "17610"],
        vec!["有效注册商标量", "玄武区", "2024年底", "60120"],
        vec!["有效注册商标量", "玄武区", "二〇二五年末", "63015"],
    ];
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    super::write_book(&data.join("长表.xlsx"), "有效量", &rows);
    let (code, stdout, _) = yearbook(&["check"], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("  错误：长表.xlsx，工作表“有效量”，单元格 C6：年份“二〇二五年末”无法识别，该行数值未读入。请填写四位数的年份，如“2025”或“2025年”"),
        "{stdout}"
    );
    // No conflict between a "2024年末" read as the title's 2025 and the real 2025.
    assert!(!stdout.contains("不一致"), "{stdout}");
    std::fs::remove_file(data.join("长表.xlsx")).unwrap();
    super::write_book(&data.join("长表.xlsx"), "有效量", &rows[..5]);
    let lines = csv_lines(dir.path());
    assert_eq!(
        lines,
        [
            "有效发明专利拥有量,玄武区,2024,16050,件,长表.xlsx!有效量!D3",
            "有效发明专利拥有量,玄武区,2025,17610,件,长表.xlsx!有效量!D4",
            "有效注册商标量,玄武区,2024,60120,件,长表.xlsx!有效量!D5",
        ]
    );
}

#[test]
fn a_bracket_that_is_no_unit_keeps_the_label_apart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    super::write_book(
        &data.join("有效.xlsx"),
        "有效",
        &[
            vec!["指标", "2025年"],
            vec!["有效发明专利拥有量（件）", "17610"],
            vec!["有效发明专利拥有量（园区）", "2310"],
        ],
    );
    let (code, stdout, _) = yearbook(&["check"], dir.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("  警告：有效.xlsx，工作表“有效”，单元格 B3：无法识别指标“有效发明专利拥有量（园区）”，该行数据未读入"), "{stdout}");
    assert_eq!(csv_lines(dir.path()), ["有效发明专利拥有量,玄武区,2025,17610,件,有效.xlsx!有效!B2"]);
}

/// The .xls fixture with a FILEPASS record of type 0 (XOR obfuscation) after the
/// workbook's BOF, as early Excel versions wrote a password-protected file.
fn xor_xls() -> Vec<u8> {
    use std::io::{Read, Write};
    let bytes = fixture("percent.xls");
    let mut cfb = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
    let mut stream = Vec::new();
    cfb.open_stream("/Workbook").unwrap().read_to_end(&mut stream).unwrap();
    let bof_len = 4 + u16::from_le_bytes([stream[2], stream[3]]) as usize;
    let filepass = [0x2F, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56];
    let patched: Vec<u8> = [&stream[..bof_len], &filepass, &stream[bof_len..]].concat();
    cfb.create_stream("/Workbook").unwrap().write_all(&patched).unwrap();
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

#[test]
fn xor_obfuscated_xls_is_refused_by_name_and_the_rest_is_read() {
    let dir = project(&[("保护.xls", xor_xls()), ("percent.xls", fixture("percent.xls"))]);
    let (code, stdout, _) = yearbook(&["check"], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("  错误：保护.xls：该文件使用 XOR 混淆加密（早期 Excel 的“保护工作簿”密码），本工具无法解密。请用 Excel 或 WPS 输入密码打开，取消保护后另存为“Excel 工作簿（*.xlsx）”，再放入数据目录"),
        "{stdout}"
    );
    assert!(stdout.contains("共 2 个文件，读入数值 6 个；"), "{stdout}");
}

#[test]
fn check_fails_whenever_build_would() {
    // A report year without data: build stops, so check does too, with the reason.
    let sample = tempfile::tempdir().unwrap();
    let data = sample.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(root().join("data")).unwrap() {
        let p: PathBuf = entry.unwrap().path();
        std::fs::copy(&p, data.join(p.file_name().unwrap())).unwrap();
    }
    let (code, stdout, _) = yearbook(&["check", "--year", "2030"], sample.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("错误：数据中没有玄武区2030年的数值；请检查报告年度"), "{stdout}");
    assert!(!stdout.contains("数据检查通过"), "{stdout}");
    let (code, _, stderr) = yearbook(&["build", "--year", "2030"], sample.path());
    assert_eq!(code, 1, "{stderr}");
    // An output folder inside the data folder: refused by both, and not created.
    std::fs::write(sample.path().join("yearbook.toml"), "output-dir = \"data/年报\"\n").unwrap();
    let (code, stdout, _) = yearbook(&["check"], sample.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("错误：输出目录 data/年报 位于数据目录内，已拒绝写入"), "{stdout}");
    let (code, _, stderr) = yearbook(&["build"], sample.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("错误：输出目录 data/年报 位于数据目录内，已拒绝写入"), "{stderr}");
    assert!(!data.join("年报").exists());
}

#[test]
fn a_table_of_another_subject_reads_no_value_and_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    super::write_book(
        &data.join("住房.xlsx"),
        "住房",
        &[
            vec!["指标", "2024年", "2025年"],
            vec!["商品房销售面积", "120", "118"],
            vec!["住宅投资", "35", "33"],
        ],
    );
    let (code, stdout, _) = yearbook(&["check"], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("错误：未读入任何数值。")), "{stdout}");
    assert!(!stdout.contains("数据检查通过"), "{stdout}");
}

#[test]
fn a_failed_write_after_typesetting_leaves_nothing_behind() {
    let out = tempfile::tempdir().unwrap();
    // Where the PDF should go stands a folder: typesetting succeeds, the write fails.
    let pdf = out.path().join("玄武区知识产权统计年报（2025年）.pdf");
    std::fs::create_dir(&pdf).unwrap();
    let err = yearbook::pipeline::build(&opts(super::sample_config(out.path())), &mut |_| {}).unwrap_err();
    assert!(err.to_string().starts_with(&format!("无法保存 {}（", pdf.display())), "{err}");
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![pdf.file_name().unwrap().to_os_string()]);
}

#[test]
fn the_citys_figures_give_the_districts_share_and_are_not_a_street() {
    // The sample plus the city's 2025 patent grants (南京市 as `comparison = true`).
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(root().join("data")).unwrap() {
        let p: PathBuf = entry.unwrap().path();
        std::fs::copy(&p, data.join(p.file_name().unwrap())).unwrap();
    }
    super::write_book(
        &data.join("全市.xlsx"),
        "全市",
        &[vec!["指标", "地区", "年份", "数值"], vec!["专利授权量", "南京市", "2025", "87100"]],
    );
    let config = yearbook::config::Config {
        data_dir: data,
        output_dir: dir.path().join("out"),
        date: Some("2026-03".into()),
        ..yearbook::config::Config::default()
    };
    let prepared = yearbook::pipeline::prepare(&opts(config.clone()), &mut |_| {}).unwrap();
    let creation = prepared.report.chapters.iter().find(|c| c.title == "知识产权创造").unwrap();
    let lead: String = creation.paragraphs.iter().map(|p| p.text.clone()).collect();
    // 8710 of 87100: 10.0%.
    assert!(lead.contains("全年专利授权量8710件，比上年增长4.4%，占全市的10.0%"), "{lead}");
    let table = &creation.tables[0];
    assert_eq!(table.columns.last().map(|c| c.title.as_str()), Some("占全市比重（%）"));
    let row = table.rows.iter().find(|r| r.cells[0].text == "专利授权量").unwrap();
    assert_eq!(row.cells.last().map(|c| c.text.trim()), Some("10.0"));
    // The city is no street: the street chapter and its chart leave it out.
    let json = serde_json::to_string(&prepared.report.streets).unwrap();
    assert!(!json.contains("南京市"), "{json}");
}

/// Multiplied units as departments send them (万件, 万人次, 百万元) are converted
/// to the catalogue's unit; a multiplier that makes no sense (万%) is an error at
/// its cell.
#[test]
fn multiplied_units_convert_and_nonsense_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    super::write_book(
        &data.join("商标.xlsx"),
        "商标",
        &[
            vec!["指标", "单位", "2024年", "2025年"],
            vec!["有效注册商标量", "万件", "4.54", "4.85"],
            vec!["知识产权培训人次", "万人次", "0.113", "0.121"],
            vec!["技术合同成交额", "百万元", "10462", "11285"],
        ],
    );
    let (code, stdout, stderr) = yearbook(&["export", "--format", "csv", "--data", "data"], dir.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    for row in [
        "有效注册商标量,玄武区,2025,48500,件,商标.xlsx!商标!D2",
        "知识产权培训人次,玄武区,2025,1210,人次,商标.xlsx!商标!D3",
        "技术合同成交额,玄武区,2025,112.85,亿元,商标.xlsx!商标!D4",
    ] {
        assert!(stdout.lines().any(|l| l == row), "{row} in {stdout}");
    }
    super::write_book(
        &data.join("商标.xlsx"),
        "商标",
        &[vec!["指标", "单位", "2024年", "2025年"], vec!["版权产业增加值占GDP比重", "万%", "8.2", "8.4"]],
    );
    let (code, stdout, _) = yearbook(&["check", "--data", "data"], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("商标.xlsx") && stdout.contains("万%"), "{stdout}");
}
