//! Tests of the written parts: dates of 大事记 entries, .txt and .md blocks, a
//! .docx written here by hand (its XML as Word writes it), and the folder.

use super::*;

fn bold(t: &str) -> Run {
    Run { text: t.into(), bold: true }
}

#[test]
fn dates_open_entries_and_nothing_else_does() {
    assert_eq!(
        leading_date("1月12日，区知识产权局召开会议"),
        Some(("1月12日".into(), "区知识产权局召开会议"))
    );
    assert_eq!(leading_date("2025年3月　举办培训"), Some(("2025年3月".into(), "举办培训")));
    assert_eq!(leading_date("2025年12月31日：发布年报"), Some(("2025年12月31日".into(), "发布年报")));
    assert_eq!(leading_date("6月下旬，开展执法检查"), Some(("6月下旬".into(), "开展执法检查")));
    assert_eq!(leading_date("2025年全区专利授权量8710件"), None);
    assert_eq!(leading_date("13月1日，不存在"), None);
    assert_eq!(leading_date("3月32日，不存在"), None);
    assert_eq!(leading_date("1月12日"), None, "a date with nothing after it is no entry");
    assert_eq!(leading_date("全年共举办12场"), None);
}

#[test]
fn a_txt_has_a_paragraph_a_line_headings_lists_and_tab_tables() {
    let text = "一、总体情况\n2025年，全区知识产权工作稳步推进。\n\n（一）专利\n- 第一项\n- 第二项\n指标\t数值\n专利授权量\t8710\n最后一段。\n";
    let blocks = plain::read(text, false);
    assert_eq!(
        blocks,
        vec![
            Block::Heading { level: 1, runs: vec![Run::plain("一、总体情况")] },
            Block::Paragraph { runs: vec![Run::plain("2025年，全区知识产权工作稳步推进。")] },
            Block::Heading { level: 2, runs: vec![Run::plain("（一）专利")] },
            Block::List {
                ordered: false,
                items: vec![vec![Run::plain("第一项")], vec![Run::plain("第二项")]]
            },
            Block::Table {
                rows: vec![vec!["指标".into(), "数值".into()], vec!["专利授权量".into(), "8710".into()]]
            },
            Block::Paragraph { runs: vec![Run::plain("最后一段。")] },
        ]
    );
}

#[test]
fn markdown_joins_lines_and_keeps_bold_lists_and_tables() {
    let text = "# 工作概况\n\n## 一、主要工作\n全区**高价值专利**\n培育成效明显。\n\n1. 完善政策\n2. 强化保护\n\n| 项目 | 数量 |\n|---|---:|\n| 培训 | **12** |\n";
    let blocks = plain::read(text, true);
    assert_eq!(blocks[0], Block::Heading { level: 1, runs: vec![Run::plain("工作概况")] });
    assert_eq!(blocks[1], Block::Heading { level: 2, runs: vec![Run::plain("一、主要工作")] });
    assert_eq!(
        blocks[2],
        Block::Paragraph {
            runs: vec![Run::plain("全区"), bold("高价值专利"), Run::plain("培育成效明显。")]
        }
    );
    assert_eq!(
        blocks[3],
        Block::List {
            ordered: true,
            items: vec![vec![Run::plain("完善政策")], vec![Run::plain("强化保护")]]
        }
    );
    assert_eq!(
        blocks[4],
        Block::Table {
            rows: vec![vec!["项目".into(), "数量".into()], vec!["培训".into(), "12".into()]]
        }
    );
    assert_eq!(blocks.len(), 5);
}

#[test]
fn gbk_text_is_read() {
    let (bytes, _, _) = encoding_rs::GB18030.encode("编后记正文。");
    assert_eq!(plain::decode(&bytes), "编后记正文。");
    assert_eq!(plain::decode("\u{feff}正文".as_bytes()), "正文");
}

/// A .docx as Word writes it: styles with ids other than their names (as WPS
/// and Chinese Word write them), a numbering, a table, tracked changes.
pub(crate) fn docx_bytes() -> Vec<u8> {
    use std::io::Write;
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>工作概况</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>一、专利创造</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">全年</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>专利授权量</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>稳步增长 &amp; 质量提升</w:t></w:r><w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del><w:ins><w:r><w:t>。</w:t></w:r></w:ins></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>完善政策体系</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>强化保护</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>要点</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>培训</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p><w:p><w:r><w:t>场</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/>
<w:sectPr/></w:body></w:document>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style></w:styles>"#;
    let numbering = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in
        [("word/document.xml", document), ("word/styles.xml", styles), ("word/numbering.xml", numbering)]
    {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn a_docx_gives_headings_bold_lists_and_tables() {
    let blocks = docx::read(&docx_bytes()).unwrap();
    assert_eq!(
        blocks,
        vec![
            Block::Heading { level: 1, runs: vec![Run::plain("工作概况")] },
            Block::Heading { level: 2, runs: vec![Run::plain("一、专利创造")] },
            Block::Paragraph {
                runs: vec![Run::plain("全年"), bold("专利授权量"), Run::plain("稳步增长 & 质量提升。")]
            },
            Block::List {
                ordered: true,
                items: vec![vec![Run::plain("完善政策体系")], vec![Run::plain("强化保护")]]
            },
            Block::List { ordered: false, items: vec![vec![Run::plain("要点")]] },
            Block::Table {
                rows: vec![vec!["项目".into(), "数量".into()], vec!["培训".into(), "12 场".into()]]
            },
        ]
    );
}

#[test]
fn a_broken_docx_says_why() {
    assert_eq!(docx::read(b"PK\x03\x04 not really").unwrap_err(), "不是有效的 .docx 文件");
}

#[test]
fn the_folder_gives_parts_in_order_and_names_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("工作概况.docx"), docx_bytes()).unwrap();
    std::fs::write(dir.path().join("大事记.txt"), "1月12日，召开全区知识产权工作会议。\n说明文字。\n")
        .unwrap();
    std::fs::write(dir.path().join("编后记.docx"), b"not a zip").unwrap();
    std::fs::write(dir.path().join("02-专题.md"), "专题正文。").unwrap();
    std::fs::write(dir.path().join("~$作概况.docx"), b"lock").unwrap();
    std::fs::write(dir.path().join("说明.pdf"), b"%PDF").unwrap();
    let w = read_dir(dir.path(), &["大事记".to_string()]);
    let titles: Vec<_> = w.parts.iter().map(|p| (p.title.as_str(), p.role)).collect();
    assert_eq!(titles, [("大事记", Role::Chronicle), ("专题", Role::Other), ("工作概况", Role::Overview)]);
    // The heading that repeats the title is dropped.
    assert_eq!(w.parts[2].blocks[0], Block::Heading { level: 2, runs: vec![Run::plain("一、专利创造")] });
    assert_eq!(
        w.parts[0].blocks,
        vec![
            Block::Entry {
                date: "1月12日".into(), runs: vec![Run::plain("召开全区知识产权工作会议。")]
            },
            Block::Paragraph { runs: vec![Run::plain("说明文字。")] },
        ]
    );
    assert_eq!(
        w.problems,
        vec![Problem {
            file: "编后记.docx".into(),
            message: "文字目录中的 编后记.docx 无法读取（不是有效的 .docx 文件），该部分未印入年报，年报其余部分照常生成；请用 Word 或 WPS 打开后另存为 .docx 再试".into(),
            error: true,
        }]
    );
    assert!(read_dir(&dir.path().join("没有"), &[]).parts.is_empty());
}
