//! Every workbook of `../shared/realdata/` is read, with specific values asserted,
//! or refused with a specific message. These are national and regional tables, so
//! they are checked through the generic reading (row label × column label × year),
//! not the district's catalogue.

use std::path::PathBuf;

use yearbook::catalog::normalize_label;
use yearbook::table::{self, Record, value};
use yearbook::workbook::{self, Cell};

fn realdata(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata").join(rel)
}

/// Every record of every visible sheet, and the diagnostics as text.
fn read(rel: &str) -> (Vec<Record>, Vec<String>) {
    let path = realdata(rel);
    assert!(path.exists(), "{} is missing", path.display());
    let (book, mut diags) = workbook::read(&path);
    let mut records = Vec::new();
    if let Some(book) = book {
        for sheet in book.sheets.iter().filter(|s| !s.hidden) {
            let (tables, d) = table::find_tables(&book.name, sheet);
            diags.extend(d);
            records.extend(tables.into_iter().flat_map(|t| t.records));
        }
    }
    (records, diags.iter().map(ToString::to_string).collect())
}

/// The value read at a row label, column label and year, as a number.
fn at(records: &[Record], row: &str, column: Option<&str>, year: i32) -> f64 {
    let hits: Vec<&Record> = records
        .iter()
        .filter(|r| normalize_label(&r.row) == normalize_label(row))
        .filter(|r| r.column.as_deref().map(normalize_label) == column.map(normalize_label))
        .filter(|r| r.year == Some(year))
        .collect();
    assert_eq!(hits.len(), 1, "{row} / {column:?} / {year}: {hits:#?}");
    match value::parse_value(&hits[0].value) {
        value::Value::Number(v) => v,
        other => panic!("{row} / {column:?}: {other:?}"),
    }
}

fn values(records: &[Record]) -> Vec<(String, Option<String>, Option<i32>, Cell)> {
    records
        .iter()
        .map(|r| (r.row.to_string(), r.column.as_deref().map(String::from), r.year, r.value.clone()))
        .collect()
}

const DEC: &str = "cn-yearbook/decrypted/";

#[test]
fn write_protected_xls_is_decrypted_and_equals_its_decrypted_twin() {
    for name in [
        "tech-yearbook_part02-firm_08-patent_raw-2023.xls",
        "tech-yearbook_part08-output_01-patent_01-accept_raw-2023.xls",
        "tech-yearbook_part08-output_01-patent_01-accept_raw-2010.xls",
        "tech-yearbook_part08-output_02-enrollmark_2010.xls",
        "tech-yearbook_part08-output_06-plant-variety_raw-2022.xls",
    ] {
        let (enc, diags) = read(&format!("cn-yearbook/{name}"));
        assert!(
            diags.iter().any(|d| d.ends_with("该文件设有写保护（Excel 默认密码加密），已解密读取")),
            "{name}: {diags:?}"
        );
        let (plain, _) = read(&format!("{DEC}{name}"));
        assert!(!enc.is_empty(), "{name}");
        assert_eq!(values(&enc), values(&plain), "{name}");
    }
}

#[test]
fn patent_applications_by_region_2023_xls_xlsx_and_the_corrupt_resave() {
    for rel in [
        "cn-yearbook/tech-yearbook_part08-output_01-patent_01-accept_raw-2023.xls",
        "cn-yearbook/tech-yearbook_part08-output_01-patent_01-accept_raw-2023.xlsx",
    ] {
        let (r, _) = read(rel);
        assert_eq!(at(&r, "全国", Some("合计"), 2023), 5383449.0, "{rel}");
        assert_eq!(at(&r, "北京", Some("发明"), 2023), 205179.0, "{rel}");
        assert_eq!(at(&r, "北京", Some("实用新型"), 2023), 90710.0, "{rel}");
        assert_eq!(at(&r, "天津", Some("外观设计"), 2023), 5384.0, "{rel}");
        assert!(r.iter().all(|x| x.unit.as_deref() == Some("件")), "{rel}");
    }
}

#[test]
fn firm_patents_2023_with_a_hash_sub_column() {
    let (r, _) = read("cn-yearbook/tech-yearbook_part02-firm_08-patent_raw-2023.xls");
    assert_eq!(at(&r, "北京", Some("专利申请数"), 2023), 31980.0);
    assert_eq!(at(&r, "北京", Some("#发明专利"), 2023), 20643.0);
    assert_eq!(at(&r, "全国", Some("有效发明专利数"), 2023), 2227602.0);
    assert_eq!(at(&r, "东部地区", Some("专利申请数"), 2023), 1098111.0);
}

#[test]
fn html_saved_as_xls_is_read_as_a_table() {
    let (r, diags) = read("cn-yearbook/tech-yearbook_part02-firm_08-patent_raw-2020-soshu.xls");
    assert!(diags.iter().any(|d| d.ends_with("该文件实为网页（HTML）表格，已按表格读取")), "{diags:?}");
    assert_eq!(at(&r, "全国", Some("专利申请数"), 2020), 1243927.0);
    assert_eq!(at(&r, "北京", Some("发明专利"), 2020), 13078.0);
    assert_eq!(at(&r, "北京", Some("有效发明专利数"), 2020), 55261.0);
    assert!(r.iter().all(|x| x.unit.as_deref() == Some("件")));
}

#[test]
fn layout_of_2010_with_padded_labels_and_subtotals() {
    let (r, _) = read(&format!("{DEC}tech-yearbook_part08-output_01-patent_01-accept_raw-2010.xls"));
    assert_eq!(at(&r, "全    国", Some("合  计"), 2010), 1109428.0);
    assert_eq!(at(&r, "全国", Some("发明"), 2010), 293066.0);
    assert_eq!(at(&r, "东部地区", Some("外观设计"), 2010), 323152.0);
}

#[test]
fn years_as_float_columns_2010() {
    let (r, _) = read(&format!("{DEC}tech-yearbook_part08-output_02-enrollmark_2010.xls"));
    assert_eq!(at(&r, "全国", None, 1995), 69535.0);
    assert_eq!(at(&r, "全国", None, 2008), 717144.0);
    assert_eq!(at(&r, "中部地区", None, 2000), 21942.0);
}

#[test]
fn trademarks_2017_with_a_five_row_header() {
    let (r, _) = read("cn-yearbook/tech-yearbook_part08-output_02-enrollmark_2017.xls");
    assert_eq!(at(&r, "全    国", Some("申请数"), 2017), 5538980.0);
    assert_eq!(at(&r, "北    京", Some("核准注册"), 2017), 264231.0);
}

#[test]
fn patents_in_force_2011_numbers_as_text() {
    let (r, _) = read("cn-yearbook/tech-yearbook_part08-output_01-patent_03-valid_raw-2011.xlsx");
    assert_eq!(at(&r, "全国", Some("合计"), 2011), 2303015.0);
    assert_eq!(at(&r, "全国", Some("发明"), 2011), 351288.0);
    assert_eq!(at(&r, "中部地区", Some("实用新型"), 2011), 162755.0);
}

#[test]
fn plant_varieties_2022() {
    let (r, _) = read(&format!("{DEC}tech-yearbook_part08-output_06-plant-variety_raw-2022.xls"));
    assert_eq!(at(&r, "北 京", Some("申 请"), 2022), 865.0);
    assert_eq!(at(&r, "总计", Some("授权"), 2022), 3375.0);
}

#[test]
fn shanghai_housing_2012_with_hash_rows_and_unit_headers() {
    let (r, _) = read("cn-regional/Data_2012_C1806.xls");
    let hit = r
        .iter()
        .find(|x| {
            normalize_label(&x.row) == "黄浦区"
                && x.column.as_deref().map(normalize_label).as_deref() == Some("征收(拆迁)户数")
        })
        .unwrap();
    assert_eq!(hit.value, Cell::Number(5157.0));
    assert_eq!(hit.unit.as_deref(), Some("户"));
    assert_eq!(hit.year, Some(2012));
    assert_eq!(at(&r, "  # 浦东新区", Some("征收（拆迁）户数"), 2012), 2448.0);
}

#[test]
fn shanghai_migration_with_year_groups() {
    let (r, _) = read("cn-regional/Data_2017_C0205.xls");
    assert_eq!(at(&r, "浦东新区", Some("市外迁入"), 2017), 27248.0);
    assert_eq!(at(&r, "全  市", Some("迁往市外"), 2016), 46639.0);
}

#[test]
fn gdp_by_province_newest_year_first() {
    let (r, _) = read("cn-regional/分省年度GDP数据.xls");
    assert_eq!(at(&r, "北京市", None, 2023), 43760.7);
    assert_eq!(at(&r, "北京市", None, 2022), 41540.9);
    assert_eq!(at(&r, "河北省", None, 2017), 30640.8);
}

#[test]
fn population_one_sheet_per_year() {
    let (r, diags) = read("cn-regional/揭阳市人口变动情况（2008-2022）.xlsx");
    assert_eq!(at(&r, "一、年末常住人口", Some("全市"), 2022), 563.41);
    assert_eq!(at(&r, "一、年末常住人口", Some("全　市"), 2021), 561.68);
    assert_eq!(at(&r, "其中：城镇人口", Some("榕城区"), 2022), 81.73);
    // The growth column is left out, and said so.
    assert!(diags.iter().any(|d| d.contains("是增长速度或比重列")), "{diags:?}");
    assert!(!r.iter().any(|x| x.column.as_deref().is_some_and(|c| c.contains('比'))));
}

#[test]
fn wipo_trend_years_down_the_side() {
    let (r, _) = read("wipo/wipo_pub_941_2015_A01.xlsx");
    assert_eq!(at(&r, "Applications", None, 2001), 1457500.0);
    assert_eq!(at(&r, "Applications", None, 2014), 2680900.0);
    assert!(!r.iter().any(|x| x.row.contains("Growth")));
}

#[test]
fn wipo_offices_with_footnotes_and_thousands_separators() {
    let (r, _) = read("wipo/wipo_pub_941_2015_A50.xlsx");
    let office = |row: &str, col: &str| {
        let hit = r.iter().find(|x| &*x.row == row && x.column.as_deref() == Some(col)).unwrap();
        assert_eq!(hit.year, Some(2014));
        value::parse_value(&hit.value)
    };
    // "4,682" is text with a thousands separator.
    assert_eq!(office("Argentina", "Total"), value::Value::Number(4682.0));
    assert_eq!(office("Argentina", "Total (a)"), value::Value::Number(791.0));
    assert_eq!(office("United States of America", "Resident"), value::Value::Number(285096.0));
    assert_eq!(office("Others/Unknown", "Origin"), value::Value::Number(207.0));
    // The footnote mark goes when the name is matched.
    assert_eq!(normalize_label("Angola  (e)"), "Angola");
    // `..` is missing, not zero.
    let andorra = r.iter().find(|x| &*x.row == "Andorra" && x.column.as_deref() == Some("Total")).unwrap();
    assert_eq!(value::parse_value(&andorra.value), value::Value::Missing);
    assert!(r.iter().any(|x| &*x.row == "Angola  (e)"));
}
