//! The office's written parts in the book: the fixtures of
//! `tests/fixtures/writing/文字` (a .docx written by python-docx, one saved by
//! LibreOffice, a 大事记.txt, a 编委会.md) with a broken .docx and a part holding
//! Typst markup; where each part lands, by pdftotext.

use super::{flat_text, opts, root, sample_config};

#[test]
fn written_parts_land_in_their_places_and_a_broken_docx_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let text_dir = dir.path().join("文字");
    std::fs::create_dir(&text_dir).unwrap();
    for e in std::fs::read_dir(root().join("tests/fixtures/writing/文字")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, text_dir.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(text_dir.join("坏文件.docx"), b"PK\x03\x04 truncated").unwrap();
    std::fs::write(text_dir.join("专题说明.txt"), "正文照印：#emph[不应执行] $x^2$ <标签> @引用 *星号*\n")
        .unwrap();
    let out = dir.path().join("output");
    let config = yearbook::config::Config { text_dir, ..sample_config(&out) };
    let mut log = Vec::new();
    let built = yearbook::pipeline::build(&opts(config), &mut |l| log.push(l)).expect("the rest builds");
    assert!(
        log.contains(&"错误：文字目录中的 坏文件.docx 无法读取（不是有效的 .docx 文件），该部分未印入年报，年报其余部分照常生成；请用 Word 或 WPS 打开后另存为 .docx 再试".to_string()),
        "{log:#?}"
    );
    assert!(
        log.contains(&"读取文字 工作概况.docx：“工作概况”，7 个标题、段落、列表或表格".to_string()),
        "{log:#?}"
    );
    let text = flat_text(&built.path);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    // 编委会 (Markdown bold) before 编制说明; 工作概况 (python-docx) before 综述.
    let committee = at("主任：张某某");
    let preface = at("本年报数据由");
    assert!(committee < preface);
    let overview = at("2025年，全区坚持以高价值专利培育为重点");
    assert!(overview < at("一、综述2025年"));
    assert!(text.contains("1.完善知识产权政策体系2.强化知识产权保护3.优化知识产权公共服务"), "{text}");
    assert!(text.contains("活动场次参加人次知识产权培训121500专利导航服务4260"), "{text}");
    // 大事记 as dated entries and the other part after the chapters, before 附录一.
    let chronicle = at("1月12日召开全区知识产权工作会议，部署全年工作。");
    assert!(text.contains("2025年3月开展“知识产权宣传周”系列活动"), "{text}");
    let other = at("正文照印：#emph[不应执行]$x^2$<标签>@引用*星号*");
    let appendix = at("附录一指标解释（一）");
    assert!(other < chronicle && chronicle < appendix);
    // 编后记 (saved by LibreOffice) at the very end.
    let afterword = at("《玄武区知识产权统计年报（2025年）》在区有关部门的支持下编制完成。");
    assert!(afterword > at("附录二数据质量说明"));
    assert!(text.contains("本年报数据由各报送单位提供，如有疏漏，敬请指正。"), "{text}");
}

#[test]
fn init_from_carries_the_text_settings_and_the_committee_only() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2025");
    std::fs::create_dir_all(last.join("文字")).unwrap();
    std::fs::write(last.join("yearbook.toml"), "text-order = [\"专题\", \"大事记\"]\n").unwrap();
    let committee = std::fs::read(root().join("tests/fixtures/writing/文字/编委会.md")).unwrap();
    std::fs::write(last.join("文字/编委会.md"), &committee).unwrap();
    std::fs::write(last.join("文字/大事记.txt"), "1月12日，上年的事。\n").unwrap();
    std::fs::write(last.join("文字/工作概况.txt"), "上年的概况。\n").unwrap();
    std::fs::write(last.join("文字修改.toml"), "# 上年的文字修改\n").unwrap();
    let (code, _, stderr) = super::yearbook(&["init", "2026", "--from", "2025"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("已复制上年的编委会 2025/文字/编委会.md，请核对人员变动"), "{stderr}");
    assert!(stderr.contains("上年的大事记、工作概况、编后记和文字修改不沿用"), "{stderr}");
    let new = dir.path().join("2026");
    assert_eq!(std::fs::read(new.join("文字/编委会.md")).unwrap(), committee);
    let names: Vec<String> = std::fs::read_dir(new.join("文字"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names, ["编委会.md"]);
    assert!(!new.join("文字修改.toml").exists());
    let config = yearbook::config::Config::load(&new.join("yearbook.toml")).unwrap();
    assert_eq!(config.text_order, ["专题", "大事记"]);
    assert_eq!(config.text_dir, new.join("文字"));
}
