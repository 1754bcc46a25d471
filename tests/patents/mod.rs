//! Issue 21: a patent list beside a summary table, tried as a new user would:
//! `check` says the file was read as a list with its counts, names bad rows at
//! their row, compares the list's counts with the official figures, lists the
//! unmatched addresses most frequent first; `streets` writes them into a
//! workbook that, completed, leaves none unmatched; the list's counts enter the
//! data where no table gives them. A person's name is never printed.

use std::path::Path;

use super::{write_book, yearbook};

/// 申请人 and 地址 first, no 专利类型 column (the type is the number's fifth digit).
fn list_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["专利权人", "申请人地址", "申请号", "申请日", "授权公告日", "法律状态", "失效日", "主分类号"],
        vec![
            "南京大学",
            "南京市玄武区珠江路1号",
            "CN201310000001.1",
            "2013-03-01",
            "2015-06-01",
            "有效",
            "",
            "G06F 16/00",
        ],
        vec![
            "甲科技有限公司；张伟",
            "南京市玄武区玄武大道699号",
            "202310000002.X",
            "2023-01-05",
            "2024-11-20",
            "有效",
            "",
            "H04L 9/32",
        ],
        vec![
            "张伟",
            "南京市玄武区玄武大道699号",
            "202320000003.X",
            "2023-02-01",
            "2024-03-01",
            "有效",
            "",
            "A47J",
        ],
        vec![
            "王芳",
            "南京市玄武区后宰门街3号",
            "CN202320000009.8",
            "2023-04-01",
            "2024-02-01",
            "有效",
            "",
            "A47J",
        ],
        vec![
            "甲科技有限公司",
            "南京市鼓楼区汉口路1号",
            "CN202330000004.X",
            "2024-05-01",
            "2024-09-01",
            "有效",
            "",
            "",
        ],
        // A bad row: no filing date.
        vec!["乙有限公司", "南京市玄武区珠江路8号", "202410000005.8", "", "", "", "", ""],
    ]
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    write_book(&data.join("专利清单.xlsx"), "清单", &list_rows());
    write_book(
        &data.join("专利统计.xlsx"),
        "专利",
        &[vec!["指标", "2023年", "2024年"], vec!["专利授权量", "3", "4"]],
    );
    write_book(
        &dir.path().join("街道对照表.xlsx"),
        "对照",
        &[vec!["关键词", "街道"], vec!["珠江路", "新街口街道"]],
    );
    std::fs::write(
        dir.path().join("yearbook.toml"),
        "date = \"2025-03\"\n[patents]\nstreets = \"街道对照表.xlsx\"\ntolerance = 10\n",
    )
    .unwrap();
    dir
}

fn check(dir: &Path) -> String {
    let (code, stdout, stderr) = yearbook(&["check"], dir);
    assert!(code == 0 || code == 1, "{stderr}");
    stdout
}

#[test]
fn a_list_is_read_counted_compared_and_its_streets_completed() {
    let dir = project();
    let out = check(dir.path());
    assert!(out.contains("工作表“清单”：专利清单，记录 5 条"), "{out}");
    assert!(out.contains("数据行 6 行，计入记录 5 条，剔除问题行 1 行，重复的申请号 0 行"), "{out}");
    assert!(out.contains("单元格 C7：缺少申请日，该行未计入"), "{out}");
    // 2024 grants by 授权公告日: 2023 invention, 2023 utility ×2, 2024 design = 4 (the table says 4).
    assert!(out.contains("“专利授权量”2024年：报表数 4，专利清单计数 4，差额 +0（+0.0%）"), "{out}");
    // 2023: none granted in the list against 3 in the table: beyond the tolerance.
    assert!(
        out.contains(
            "“专利授权量”2023年：报表数 3，专利清单计数 0，差额 -3（-100.0%），超出 ±10% 的核对范围"
        ),
        "{out}"
    );
    // Unmatched addresses, most frequent first, at their first record's row.
    let first = out.find("地址“南京市玄武区玄武大道699号”（2 条记录）未能对应到街道").expect(&out);
    let second = out.find("地址“南京市玄武区后宰门街3号”（1 条记录）").expect(&out);
    assert!(first < second);
    assert!(out.contains("单元格 C3：地址“南京市玄武区玄武大道699号”"), "{out}");
    assert!(
        out.contains(
            "可以判断的：维持10年以上；无法判断的：战略性新兴产业（未设置 IPC 与战略性新兴产业参照关系表）"
        ),
        "{out}"
    );
    assert!(!out.contains("张伟") && !out.contains("王芳"), "{out}");

    // The street table to complete: the project's row, then the unmatched addresses.
    let (code, _, err) = yearbook(&["streets"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("沿用已有关键词 1 个，待补充地址 3 个（涉及记录 4 条）"), "{err}");
    let path = dir.path().join("output/街道对照表（待补充）.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "街道对照表").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0], ["关键词", "街道", "记录数"]);
    assert_eq!(rows[1][..2], ["珠江路", "新街口街道"]);
    assert_eq!(rows[2], ["南京市玄武区玄武大道699号", "", "2"]);
    // Completed by the user (a keyword shortened, one address outside) and saved over the table.
    write_book(
        &dir.path().join("街道对照表.xlsx"),
        "街道对照表",
        &[
            vec!["关键词", "街道", "记录数"],
            vec!["珠江路", "新街口街道"],
            vec!["玄武大道", "孝陵卫街道", "2"],
            vec!["后宰门", "玄武湖", "1"],
            vec!["南京市鼓楼区汉口路1号", "区外", "1"],
        ],
    );
    let out = check(dir.path());
    assert!(!out.contains("未能对应到街道"), "{out}");

    // The list's counts enter the data where no table gives them, with the list as source.
    let (code, csv, err) = yearbook(&["export", "--format", "csv"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(csv.contains("有效发明专利拥有量,玄武区,2024,2,件,专利清单.xlsx!清单!"), "{csv}");
    assert!(csv.contains("专利授权量,玄武区,2024,4,件,专利统计.xlsx!专利!C2"), "{csv}");
}

/// Six records of 2014–2025 with the sample workbooks: the chapter prints the
/// figures counted here by hand (see each row's comment).
#[test]
fn the_yearbook_prints_the_counts_of_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for e in std::fs::read_dir(super::root().join("data")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, data.join(p.file_name().unwrap())).unwrap();
    }
    let rows = vec![
        vec!["申请号", "专利类型", "申请日", "授权公告日", "申请人", "地址", "失效日"],
        // 高等院校, 新街口: in force at the end of 2025, filed ten years before.
        vec!["CN201410000001.6", "发明", "2014-03-01", "2016-06-01", "南京大学", "南京市玄武区珠江路1号", ""],
        // 企业, unmatched: an invention granted in 2025, in force.
        vec![
            "202310000002.X",
            "发明",
            "2023-01-05",
            "2025-03-20",
            "甲科技有限公司；张伟",
            "南京市玄武区玄武大道699号",
            "",
        ],
        // 个人, 玄武湖: a utility model filed and granted in 2025.
        vec!["202520000003.9", "实用新型", "2025-02-01", "2025-08-01", "张伟", "南京市玄武区后宰门街3号", ""],
        // 企业, outside: a design filed in 2025.
        vec!["CN202530000004.9", "外观设计", "2025-05-01", "", "甲科技有限公司", "南京市鼓楼区汉口路1号", ""],
        // 科研机构, 玄武门: lapsed in 2025, not in force at its end.
        vec![
            "201910000008.0",
            "发明",
            "2019-01-01",
            "2021-01-01",
            "东南研究院",
            "南京市玄武区中山路18号",
            "2025-06-30",
        ],
        // 企业, 新街口: an invention filed in 2025.
        vec!["202510000006.7", "发明", "2025-07-01", "", "乙有限公司", "南京市玄武区珠江路8号", ""],
    ];
    write_book(&data.join("专利清单.xlsx"), "清单", &rows);
    let table = [
        vec!["关键词", "街道"],
        vec!["珠江路", "新街口街道"],
        vec!["中山路", "玄武门街道"],
        vec!["后宰门", "玄武湖街道"],
        vec!["鼓楼区", "区外"],
    ];
    write_book(&dir.path().join("街道对照表.xlsx"), "对照", &table);
    std::fs::write(
        dir.path().join("yearbook.toml"),
        "date = \"2026-03\"\n[patents]\nstreets = \"街道对照表.xlsx\"\n",
    )
    .unwrap();
    let (code, _, err) = yearbook(&["build"], dir.path());
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("output/玄武区知识产权统计年报（2025年）.pdf");
    let text = super::flat_text(&pdf);
    // 2025: applications 3 (of them 1 invention), grants 2 (1 invention), in
    // force 2, ten years 1; by type 企业, 高等院校, 科研机构, 机关团体, 个人.
    let by_type = "合计312121企业211110高等院校000011科研机构000000机关团体000000个人101000";
    assert!(text.contains(by_type), "{text}");
    // Streets: applications, grants, in force, ten years, high value (维持10年以上 only).
    for row in [
        "合计32211",
        "新街口街道10111",
        "玄武门街道00000",
        "玄武湖街道11000",
        "区外地址10000",
        "地址未能对应街道01100",
    ] {
        assert!(text.contains(row), "{row}: {text}");
    }
    assert!(text.contains("1南京大学12甲科技有限公司1"), "{text}");
    assert!(text.contains("年末按申请人类型分的有效发明专利"), "{text}");
    assert!(text.contains("资料来源：专利清单（6条记录，按申请号去重）"), "{text}");
    assert!(!text.contains("张伟"), "a person's name is printed");
}
