//! Issue 10: the layouts departments send besides the ones read before (regions ×
//! years with the indicator in the title, grouped headers), text exports in every
//! encoding, one warning for a table of another subject, a real national table
//! through a test catalogue, and the data-entry form coming back exactly as
//! filled.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use yearbook::catalog::Catalog;
use yearbook::dataset::{Builder, Dataset, Observation};
use yearbook::diag::{Level, Place};

use super::{write_book, yearbook};

/// A project folder whose data/ holds the given files.
fn project(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("data").join(name), bytes).unwrap();
    }
    dir
}

fn export(dir: &Path) -> Vec<String> {
    let (code, stdout, stderr) = yearbook(&["export", "--format", "csv"], dir);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().skip(1).map(String::from).collect()
}

fn check(dir: &Path) -> (i32, String) {
    let (code, stdout, _) = yearbook(&["check"], dir);
    (code, stdout)
}

const STREETS: [&str; 7] =
    ["梅园新村街道", "新街口街道", "玄武门街道", "锁金村街道", "红山街道", "孝陵卫街道", "玄武湖街道"];

#[test]
fn streets_by_years_take_the_indicator_from_the_title() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let mut rows: Vec<Vec<String>> = vec![
        vec!["表5 各街道（园区）有效发明专利拥有量".into()],
        vec!["单位：件".into()],
        vec!["街道（园区）".into(), "2021年".into(), "2022年".into(), "2023年".into()],
    ];
    for (i, s) in STREETS.iter().enumerate() {
        rows.push(vec![
            s.to_string(),
            format!("{}", 100 + i),
            format!("{}", 200 + i),
            format!("{}", 300 + i),
        ]);
    }
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    write_book(&dir.path().join("data/街道.xlsx"), "表5", &rows);
    // Years down the side, regions across, the indicator only in the sheet name.
    write_book(
        &dir.path().join("data/按年.xlsx"),
        "专利授权量",
        &[vec!["年份", "梅园新村", "红山"], vec!["2024年", "958", "871"], vec!["2025年末", "1001", "902"]],
    );
    let (_, stdout) = check(dir.path());
    assert!(stdout.contains("表格 A3:D10：地区×年份，指标取自标题“有效发明专利拥有量”"), "{stdout}");
    assert!(stdout.contains("表格 A1:C3：年份×地区，指标取自工作表名“专利授权量”"), "{stdout}");
    let lines = export(dir.path());
    assert!(
        lines.contains(&"有效发明专利拥有量,梅园新村街道,2021,100,件,街道.xlsx!表5!B4".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"有效发明专利拥有量,玄武湖街道,2023,306,件,街道.xlsx!表5!D10".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"专利授权量,红山街道,2025,902,件,按年.xlsx!专利授权量!C3".to_string()),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 7 * 3 + 4);
}

#[test]
fn grouped_headers_years_over_kinds_and_kinds_over_years() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    // The year written once at the left of its group, not merged.
    write_book(
        &dir.path().join("data/分组.xlsx"),
        "授权",
        &[
            vec!["各街道专利授权量"],
            vec!["街道", "2024年", "", "", "2025年", "", ""],
            vec!["", "发明", "实用新型", "外观设计", "发明", "实用新型", "外观设计"],
            vec!["梅园新村", "10", "20", "30", "11", "21", "31"],
            vec!["红山", "12", "22", "32", "13", "23", "33"],
        ],
    );
    // Indicators over years.
    write_book(
        &dir.path().join("data/指标在上.xlsx"),
        "申请",
        &[
            vec!["街道", "发明专利申请量", "", "专利申请量", ""],
            vec!["", "2024", "2025", "2024", "2025"],
            vec!["新街口", "5", "6", "50", "60"],
        ],
    );
    let lines = export(dir.path());
    for want in [
        "实用新型专利授权量,梅园新村街道,2024,20,件,分组.xlsx!授权!C4",
        "外观设计专利授权量,红山街道,2025,33,件,分组.xlsx!授权!G5",
        "发明专利授权量,红山街道,2025,13,件,分组.xlsx!授权!E5",
        "发明专利申请量,新街口街道,2025,6,件,指标在上.xlsx!申请!C3",
        "专利申请量,新街口街道,2024,50,件,指标在上.xlsx!申请!D3",
    ] {
        assert!(lines.contains(&want.to_string()), "{want} not in {lines:?}");
    }
    assert_eq!(lines.len(), 12 + 4);
    let (_, stdout) = check(dir.path());
    assert!(
        stdout.contains("表格 A2:G5：地区×（年份、指标），指标名称以标题中的“专利授权量”补全"),
        "{stdout}"
    );
}

#[test]
fn text_exports_in_every_encoding_read_alike() {
    let table = "指标\t单位\t2024年\t2025年\n专利授权量\t件\t8710\t9120\n知识产权质押融资额\t万元\t\"14,200\"\t15000\n";
    let comma = table.replace('\t', ",");
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend(comma.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(table.encode_utf16().flat_map(u16::to_le_bytes));
    let gbk = encoding_rs::GBK.encode(&comma.replace('\n', "\r\n")).0.into_owned();
    for (name, bytes) in [
        ("a.csv", comma.clone().into_bytes()),
        ("a.csv", utf8_bom),
        ("a.txt", utf16),
        ("a.tsv", table.as_bytes().to_vec()),
        ("a.csv", gbk),
    ] {
        let dir = project(&[(name, bytes)]);
        let lines = export(dir.path());
        let cells: Vec<&str> = lines.iter().map(|l| l.rsplit(',').next().unwrap()).collect();
        assert_eq!(
            lines.iter().map(|l| l.rsplit_once(',').unwrap().0).collect::<Vec<_>>(),
            [
                "专利授权量,玄武区,2024,8710,件",
                "专利授权量,玄武区,2025,9120,件",
                "知识产权质押融资额,玄武区,2024,1.42,亿元",
                "知识产权质押融资额,玄武区,2025,1.5,亿元",
            ],
            "{name}"
        );
        assert_eq!(cells[0], format!("{name}!a!C2"));
    }
    let (code, stdout) =
        check(project(&[("专利.csv", encoding_rs::GBK.encode(&comma).0.into_owned())]).path());
    assert!(stdout.contains("按文本表格读取（GB18030（GBK）编码，逗号分隔）"), "{stdout}");
    assert!(stdout.contains("表格 A1:D3：指标×年份"), "{stdout}");
    assert_eq!(code, 0, "{stdout}");
    // Binary content under a text name, and a WPS file that is none of the formats.
    let (code, stdout) =
        check(project(&[("坏.csv", vec![0, 1, 2, 3, 0xFF, 0xFE, 0]), ("表.et", b"garbage".to_vec())]).path());
    assert_eq!(code, 1);
    assert!(stdout.contains("坏.csv：不是可读取的文本表格"), "{stdout}");
    assert!(stdout.contains("另存为“Excel 工作簿（*.xlsx）”"), "{stdout}");
}

#[test]
fn a_table_of_another_subject_is_one_warning_and_nothing_read_fails() {
    let mut rows =
        vec![vec!["各地区城镇居民人均住房建筑面积"], vec!["单位：平方米"], vec!["地区", "2019年", "2020年"]];
    let provinces =
        ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽"];
    for p in provinces {
        rows.push(vec![p, "30.5", "31.2"]);
    }
    rows.push(vec!["合计", "30.9", "31.5"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    write_book(&dir.path().join("data/住房.xlsx"), "住房", &rows);
    let (code, stdout) = check(dir.path());
    assert_eq!(code, 1, "{stdout}");
    let warnings: Vec<&str> = stdout.lines().filter(|l| l.trim_start().starts_with("警告：")).collect();
    assert_eq!(warnings.len(), 1, "{stdout}");
    assert!(
        warnings[0].contains("单元格 A3：表格 A3:C16 的 13 个名称（“北京”“天津”“河北”“山西”“内蒙古”等）都不是指标目录中的指标或地区，该表未读入：该表似乎不是知识产权统计表"),
        "{stdout}"
    );
    assert!(stdout.contains("未读入任何数值"), "{stdout}");
}

/// The real national table of GDP by province (years newest first, the indicator
/// in a header line “指标：地区生产总值(亿元)”), read through a catalogue that
/// names the indicator and the provinces.
#[test]
fn real_gdp_by_province_through_a_test_catalogue() {
    let mut text = yearbook::catalog::DEFAULT_CATALOG.to_string();
    text.push_str(
        "\n[[indicator]]\nid = \"gdp\"\nname = \"地区生产总值\"\nunit = \"亿元\"\ncategory = \"基础\"\nkind = \"flow\"\ndefinition = \"GDP\"\n",
    );
    // Regions go after the indicators; append by splitting at the first region.
    let at = text.find("[[region]]").unwrap();
    let mut provinces = String::new();
    for p in ["北京市", "河北省", "上海市"] {
        provinces.push_str(&format!("[[region]]\nname = \"{p}\"\n\n"));
    }
    text.insert_str(at, &provinces);
    let catalog = Catalog::parse(&text, "test.toml").unwrap();
    let path = super::root().join("../shared/realdata/cn-regional/分省年度GDP数据.xls");
    let (book, _) = yearbook::workbook::read(&path);
    let book = book.unwrap();
    let mut builder = Builder::new(&catalog);
    let mut readings = Vec::new();
    for sheet in &book.sheets {
        let (tables, _) = yearbook::table::find_tables(&book.name, sheet);
        for t in &tables {
            readings.extend(builder.add_table(t).reading.map(|r| r.to_string()));
        }
    }
    let (ds, diags) = builder.finish();
    assert_eq!(readings, ["表格 A4:U35：地区×年份，指标取自标题“地区生产总值”"]);
    assert_eq!(ds.value("gdp", "北京市", 2023), Some(43760.7));
    assert_eq!(ds.value("gdp", "北京市", 2022), Some(41540.9));
    assert_eq!(ds.value("gdp", "河北省", 2017), Some(30640.8));
    // The three provinces and 江苏省 (a higher level of the default catalogue).
    assert_eq!(ds.observations.len(), 4 * 20);
    // The other provinces are named one by one, with their place.
    let unknown: Vec<_> = diags.iter().filter(|d| d.message().starts_with("无法识别地区")).collect();
    assert_eq!(unknown.len(), 27, "{diags:?}");
    assert!(unknown.iter().all(|d| d.level == Level::Warning));
}

/// The form, filled with arbitrary figures, read back.
fn round_trip(values: &BTreeMap<(String, String, i32), f64>, year: i32) {
    let catalog = Catalog::builtin();
    let mut data = Dataset::default();
    for ((id, region, y), v) in values {
        let obs = Observation {
            indicator: id.clone(),
            region: region.clone(),
            year: *y,
            value: *v,
            unit: String::new(),
            source: Place::none(),
        };
        data.observations.insert((id.clone(), region.clone(), *y), obs);
    }
    let bytes = yearbook::form::build(&catalog, &data, year).unwrap();
    let (sheets, diags) = yearbook::workbook::parse("form.xlsx", &bytes);
    assert!(diags.is_empty(), "{diags:?}");
    let mut builder = Builder::new(&catalog);
    let mut all = Vec::new();
    for sheet in sheets.unwrap() {
        let (tables, d) = yearbook::table::find_tables("form.xlsx", &sheet);
        all.extend(d);
        for t in &tables {
            builder.add_table(t);
        }
    }
    let (read, d) = builder.finish();
    all.extend(d);
    assert!(all.iter().all(|d| d.level == Level::Note), "{all:?}");
    let got: BTreeMap<_, _> = read.observations.iter().map(|(k, o)| (k.clone(), o.value)).collect();
    assert_eq!(&got, values);
}

fn filled(year: i32) -> impl Strategy<Value = BTreeMap<(String, String, i32), f64>> {
    let catalog = Catalog::builtin();
    let years: Vec<i32> = yearbook::form::years(&catalog, year).collect();
    let mut cells = Vec::new();
    for ind in yearbook::form::asked(&catalog) {
        let range = ind.range.map(|r| (r.min, r.max)).unwrap_or((0.0, 1e6));
        for y in &years {
            cells.push((ind.id.clone(), catalog.district().name.clone(), *y, range));
        }
        if ind.kind != yearbook::catalog::Kind::Cumulative {
            for r in catalog.streets().chain(catalog.parks()) {
                cells.push((ind.id.clone(), r.name.clone(), year, range));
            }
        }
    }
    let n = cells.len();
    // Each cell: left empty, or a figure with up to two decimals within the range.
    proptest::collection::vec((0u8..4, 0u64..1_000_000_000), n).prop_map(move |draws| {
        let mut values = BTreeMap::new();
        for ((id, region, y, (min, max)), (fill, x)) in cells.iter().zip(draws) {
            if fill == 0 {
                continue;
            }
            let span = ((max - min) * 100.0).floor().clamp(0.0, 1e12) as u64;
            let v = min + (x % (span + 1)) as f64 / 100.0;
            values.insert((id.clone(), region.clone(), *y), v);
        }
        values
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn the_form_filled_with_any_figures_reads_back_exactly(values in filled(2025)) {
        round_trip(&values, 2025);
    }
}

#[test]
fn the_form_asks_for_what_the_catalogue_has_and_reads_back_through_export() {
    let catalog = Catalog::builtin();
    assert_eq!(yearbook::form::years(&catalog, 2025), 2021..=2025);
    // An empty form, and a form with one figure in the middle of a sheet.
    round_trip(&BTreeMap::new(), 2026);
    let mut one = BTreeMap::new();
    one.insert(("tech_contract_value".to_string(), "玄武区".to_string(), 2024), 12.25);
    one.insert(("patent_grants".to_string(), "红山街道".to_string(), 2026), 7.0);
    round_trip(&one, 2026);
    // Through the command line: the form written from the sample data, put into
    // an empty data folder, gives the sample's district figures back.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let sample = super::root().join("data");
    let (code, _, stderr) = yearbook(
        &["form", "--data", sample.to_str().unwrap(), "--year", "2025", "-o", "data/表.xlsx"],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    let lines = export(dir.path());
    let (_, sample_csv, _) =
        yearbook(&["export", "--format", "csv", "--data", sample.to_str().unwrap()], dir.path());
    let strip = |l: &str| l.rsplit_once(',').unwrap().0.to_string();
    let wanted: Vec<String> = sample_csv
        .lines()
        .skip(1)
        .filter(|l| {
            let year = l.split(',').nth(2).and_then(|y| y.parse::<i32>().ok()).unwrap_or(0);
            // The district for the plan's years, the streets for the form's year.
            (l.split(',').nth(1) == Some("玄武区") && year >= 2021) || year == 2025
        })
        .filter(|l| {
            let ind = l.split(',').next().unwrap();
            catalog.find(ind).is_some_and(|i| i.derive.is_none())
        })
        .map(strip)
        .collect();
    let got: Vec<String> = lines.iter().map(|l| strip(l)).collect();
    let missing: Vec<&String> = wanted.iter().filter(|w| !got.contains(w)).collect();
    assert!(missing.is_empty(), "{missing:?}");
    assert!(stderr.contains("已生成 2025 年填报表"), "{stderr}");
}
