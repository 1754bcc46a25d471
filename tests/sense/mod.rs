//! The sense a reader checks: every note, check and superlative of the report
//! holds over what the book prints, on the sample for 2025 and 2023.

use yearbook::config::Config;
use yearbook::pipeline;
use yearbook::report::Report;

use super::{opts, root, sample_config, yearbook};

fn report(year: i32) -> Report {
    let out = tempfile::tempdir().unwrap();
    let config = Config { year: Some(year), ..sample_config(out.path()) };
    pipeline::prepare(&opts(config), &mut |_| {}).unwrap().report
}

/// A table note that points to the text (其增减见正文) is printed only where the
/// chapter's lead writes about every row whose growth it leaves out.
#[test]
fn a_note_that_points_to_the_text_is_true() {
    let catalog = yearbook::catalog::Catalog::builtin();
    let mut pointed = 0;
    let mut plain = 0;
    for year in [2025, 2023] {
        let r = report(year);
        for ch in &r.chapters {
            let lead: String = ch.paragraphs.iter().map(|p| p.text.as_str()).collect();
            for t in &ch.tables {
                let note = t.notes.concat();
                if !note.contains("不计算增长速度") {
                    continue;
                }
                let dashed: Vec<&yearbook::report::Row> =
                    t.rows.iter().filter(|r| r.cells.last().is_some_and(|c| c.text == "—")).collect();
                let names: Vec<&str> = dashed.iter().map(|r| r.cells[0].text.as_str()).collect();
                // Told: the lead gives the year's figure of the row with its unit.
                let told = |row: &&yearbook::report::Row| {
                    let name = row.cells[0].text.trim_start_matches("其中：");
                    let ind = catalog.find(name).expect(name);
                    let value = &row.cells[row.cells.len() - 2].text;
                    lead.contains(&format!("{}{value}{}", ind.phrasing().object, ind.unit))
                };
                if note.contains("其增减见正文") {
                    pointed += 1;
                    assert!(dashed.iter().all(told), "{year} {}: {names:?} in {lead}", t.number);
                } else {
                    plain += 1;
                    assert!(
                        !dashed.iter().all(told),
                        "{year} {}: {names:?} could point to the text",
                        t.number
                    );
                }
            }
        }
    }
    // The sample has both kinds.
    assert!(pointed > 0 && plain > 0, "{pointed} {plain}");
}

/// 附录二 claims only the checks that had something to compare, in a reader's
/// terms: no file, no cell, nothing asked of the statistician.
#[test]
fn the_quality_appendix_claims_what_was_checked() {
    let r = report(2025);
    let items = r.quality.items.join("\n");
    assert!(items.contains("各街道与全区：有效发明专利拥有量等5项指标有各街道数据，核对2024—2025年各街道之和与全区数，均相符。"), "{items}");
    // The population fell in 2020 (the census): the stock check says it leaves
    // base data out, so its “未发现下降” holds.
    assert!(items.contains("不含比重类指标、按公式计算的指标和基础数据"), "{items}");
    for absent in [".xlsx", "单元格", "请核对", "工作簿"] {
        assert!(!items.contains(absent), "{absent} in {items}");
    }
    // The 2023 edition has no street figures: no streets chapter, and no street
    // check is claimed; 编制说明 says why the chapter is missing.
    let r = report(2023);
    assert!(r.streets.is_none());
    assert!(!r.quality.items.iter().any(|i| i.contains("各街道")), "{:#?}", r.quality.items);
    assert!(
        r.preface.iter().any(|p| p == "2023年暂无分街道（园区）统计数据，本年报未列相应章节。"),
        "{:#?}",
        r.preface
    );
}

/// Before the plan's last year the table prints the progress that its status
/// compares with the schedule, never a completion beside 快于/慢于序时进度.
#[test]
fn the_status_stands_beside_its_measure() {
    let r = report(2023);
    let main = &r.main;
    assert_eq!(main.columns[6].title, "规划进度（%）");
    let rows: Vec<(String, f64, String)> = main
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .filter_map(|row| {
            let progress = row.cells[5].text.parse::<f64>().ok()?;
            Some((row.cells[0].text.clone(), progress, row.cells[6].text.clone()))
        })
        .collect();
    assert_eq!(rows.len(), 22);
    for (name, progress, status) in &rows {
        match status.as_str() {
            "快于序时进度" => assert!(*progress >= 60.0, "{name} {progress}"),
            "慢于序时进度" => assert!(*progress < 60.0, "{name} {progress}"),
            "已完成" => {}
            s => panic!("{name}: {s}"),
        }
    }
    // 版权产业增加值占GDP比重: (8.0 − 7.5) ÷ (8.6 − 7.5) = 45.5%.
    assert!(rows.contains(&("版权产业增加值占GDP比重（%）".into(), 45.5, "慢于序时进度".into())), "{rows:?}");
}

/// A plan total has a name of its own wherever it is printed.
#[test]
fn a_plan_total_is_named_apart_from_its_year() {
    let r = report(2025);
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("知识产权交易额累计（亿元）"), "main table");
    let glossary: Vec<&str> = r.glossary.iter().flat_map(|g| &g.items).map(|i| i.name.as_str()).collect();
    let mut unique = glossary.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), glossary.len(), "a name defined twice: {glossary:?}");
    assert!(glossary.contains(&"知识产权交易额累计") && glossary.contains(&"知识产权交易额"));
}

/// 附录一 defines what the book prints and no more: with two of the six
/// workbooks, the indicators of the missing ones are not defined.
#[test]
fn the_glossary_defines_what_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["专利统计.xlsx", "运用与保护.xlsx"] {
        std::fs::copy(root().join("data").join(name), data.join(name)).unwrap();
    }
    let config = Config { data_dir: data, ..sample_config(&dir.path().join("out")) };
    let r = pipeline::prepare(&opts(config), &mut |_| {}).unwrap().report;
    let defined: Vec<&str> = r.glossary.iter().flat_map(|g| &g.items).map(|i| i.name.as_str()).collect();
    assert!(defined.contains(&"专利授权量") && defined.contains(&"技术合同成交额"), "{defined:?}");
    // 知识产权培训人次 is in neither workbook and no table prints it.
    assert!(!defined.contains(&"知识产权培训人次"), "{defined:?}");
    // Every main indicator is a row of 表2-1, so it is defined.
    assert!(defined.contains(&"知识产权服务机构从业人员数"), "{defined:?}");
    let titles: Vec<&str> = r.glossary.iter().map(|g| g.title.as_str()).collect();
    assert!(!titles.contains(&"基础数据"), "{titles:?}");
}

/// A cover date more than a year after the report year is a warning of `check`.
#[test]
fn a_late_cover_date_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("yearbook.toml"), "date = \"2026-03\"\n").unwrap();
    let data = root().join("data");
    let (code, stdout, stderr) =
        yearbook(&["check", "--data", data.to_str().unwrap(), "--year", "2023"], dir.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("警告：编制日期比报告年度晚一年以上：报告年度为2023年，封面的编制日期将印作“二〇二六年三月”（取自 yearbook.toml 中的 date）"),
        "{stdout}"
    );
    let (_, stdout, _) = yearbook(&["check", "--data", data.to_str().unwrap()], dir.path());
    assert!(!stdout.contains("编制日期"), "{stdout}");
}
