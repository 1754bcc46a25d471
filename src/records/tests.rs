//! A small list read end to end: bad rows, duplicates, counts by the stated
//! rules, streets and the names never printed.

use super::count::{Place, Rules, count};
use super::streets::{StreetTable, Target};
use super::*;
use crate::workbook::{Cell, Sheet};

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|s| if s.is_empty() { Cell::Empty } else { t(s) }).collect()
}

/// 申请号, 专利类型, 申请日, 授权公告日, 申请人, 地址, 主分类号, 法律状态, 失效日, 海外同族
fn list() -> Sheet {
    let rows = vec![
        row(&[
            "申请号",
            "专利类型",
            "申请日",
            "授权公告日",
            "专利权人",
            "申请人地址",
            "IPC主分类号",
            "法律状态",
            "失效日",
            "海外同族",
        ]),
        row(&[
            "CN201310000001.1",
            "发明",
            "2013-03-01",
            "2015-06-01",
            "南京大学",
            "南京市玄武区珠江路1号",
            "G06F 16/00",
            "有效",
            "",
            "无",
        ]),
        row(&[
            "202310000002.X",
            "发明",
            "2023-01-05",
            "2024-11-20",
            "甲科技有限公司；张伟",
            "南京市玄武区玄武大道699号",
            "H04L 9/32",
            "有效",
            "",
            "US1234",
        ]),
        row(&[
            "202320000003.X",
            "实用新型",
            "2023-02-01",
            "2023-08-01",
            "张伟",
            "南京市玄武区珠江路8号",
            "A47J",
            "有效",
            "",
            "",
        ]),
        row(&[
            "202330000004X",
            "外观设计",
            "2024-05-01",
            "",
            "甲科技有限公司",
            "南京市鼓楼区汉口路1号",
            "",
            "审中",
            "",
            "",
        ]),
        // The same number again, with another grant date: counted once, warned at both rows.
        row(&[
            "2023 1 0000002.X",
            "发明",
            "2023-01-05",
            "2024-11-21",
            "甲科技有限公司",
            "南京市玄武区玄武大道699号",
            "H04L9/32",
            "有效",
            "",
            "US1234",
        ]),
        // Bad rows: no filing date; a type that is none of the three; grant before filing.
        row(&["202410000005.8", "发明", "", "", "乙公司", "", "", "", "", ""]),
        row(&["202410000006.2", "商标", "2024-01-01", "", "乙公司", "", "", "", "", ""]),
        row(&["202410000007.7", "发明", "2024-03-01", "2024-02-01", "乙公司", "", "", "", "", ""]),
        // Lapsed in 2024: in force at the end of 2023 only.
        row(&[
            "201910000008.0",
            "发明",
            "2019-01-01",
            "2021-01-01",
            "东南研究院",
            "南京市玄武区中山路18号",
            "C07D",
            "失效",
            "2024-06-30",
            "",
        ]),
    ];
    Sheet::new("清单", rows)
}

fn read() -> (Records, Vec<crate::diag::Diagnostic>) {
    let sheet = list();
    let (header, columns) = list_header(&sheet).unwrap();
    let mut b = Builder::new();
    b.add_sheet("专利清单.xlsx", &sheet, header, columns);
    b.finish()
}

#[test]
fn numbers_fixed_for_the_test_have_their_check_digits() {
    for n in ["201310000001.1", "202310000002.X", "202320000003.X", "202330000004.X", "201910000008.0"] {
        assert!(AppNumber::parse(n).is_ok(), "{n}");
    }
}

#[test]
fn bad_rows_and_duplicates_are_counted_and_said_where() {
    let (records, diags) = read();
    let l = &records.lists[0];
    assert_eq!((l.rows, l.records, l.bad, l.duplicates), (9, 5, 3, 1));
    let lines: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(lines.iter().any(|l| l.contains("单元格 A7：缺少申请日，该行未计入")), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("单元格 A8：专利类型“商标”不是发明、实用新型或外观设计")));
    assert!(lines.iter().any(|l| l.contains("单元格 A9：授权公告日 2024-02-01 早于申请日 2024-03-01")));
    // The duplicate differs in its applicants: a warning at both rows.
    let dup: Vec<&String> = lines.iter().filter(|l| l.contains("重复，")).collect();
    assert_eq!(dup.len(), 2, "{dup:#?}");
    assert!(
        dup[0].contains("单元格 A6") && dup[0].contains("单元格 A3") && dup[0].contains("授权公告日不一致")
    );
}

#[test]
fn counts_follow_the_stated_rules() {
    let (records, _) = read();
    let streets = StreetTable::new(
        vec![
            ("珠江路".into(), Target::Street("新街口街道".into())),
            ("中山路".into(), Target::Street("玄武门街道".into())),
            ("鼓楼区".into(), Target::Outside),
        ],
        "对照表.xlsx",
    );
    let rules = Rules { streets: Some(streets), industries: None, pledge_threshold: 1000.0 };
    let c = count(&records, &rules);
    let y23 = &c.years[&2023];
    assert_eq!(y23.total.applications, [1, 1, 0]);
    assert_eq!(y23.total.grants, [0, 1, 0]);
    // In force at 2023-12-31: the 2013 invention (granted 2015, filed ten years
    // before: 维持10年以上) and the 2019 one (lapsed 2024).
    assert_eq!((y23.total.in_force, y23.total.ten_years, y23.total.high_value), (2, 1, 1));
    let y24 = &c.years[&2024];
    // 2024: the 2013 one, and the 2023 one granted 2024 (海外同族 → high value).
    assert_eq!((y24.total.in_force, y24.total.ten_years, y24.total.high_value), (2, 1, 2));
    assert_eq!(y24.total.applications, [0, 0, 1]);
    // By applicant type, the first applicant's; persons counted, never named.
    assert_eq!(y24.by_type[&ApplicantType::University].in_force, 1);
    assert_eq!(y24.by_type[&ApplicantType::Enterprise].in_force, 1);
    assert_eq!(y24.patentees, vec![("南京大学".to_string(), 1), ("甲科技有限公司".to_string(), 1)]);
    assert!(c.years.values().all(|y| y.patentees.iter().all(|(n, _)| n != "张伟")));
    // Streets by the first applicant's address.
    assert_eq!(y23.tally_of(&Place::Street("新街口街道".into())).grants, [0, 1, 0]);
    assert_eq!(y24.tally_of(&Place::Outside).applications, [0, 0, 1]);
    assert_eq!(y24.tally_of(&Place::Unmatched).in_force, 1);
    assert_eq!(
        c.unmatched.iter().map(|u| (u.0.as_str(), u.1)).collect::<Vec<_>>(),
        [("南京市玄武区玄武大道699号", 1)]
    );
    // Sections: G (2013) and H (2023) in force in 2024.
    assert_eq!(y24.by_section[&'G'].in_force, 1);
    assert_eq!(y24.by_section[&'H'].in_force, 1);
    let not: Vec<&str> = c.criteria.iter().filter(|c| c.1.is_some()).map(|c| c.0).collect();
    assert_eq!(not, ["战略性新兴产业", "较高质押融资", "国家科学技术奖或中国专利奖"]);
}
