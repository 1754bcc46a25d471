//! The Word edition of the sample, read back independently of the writer: its
//! XML parsed with quick-xml into headings, paragraphs and tables, compared with
//! the PDF's text (pdftotext) and with the figures of the sample workbooks.

use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

use super::{flat_text, opts, sample_config};
use yearbook::config::Edition;
use yearbook::pipeline;

/// A paragraph of the document: its style id and its text.
#[derive(Debug, Clone)]
struct Para {
    style: String,
    text: String,
}

/// What the document says: paragraphs outside tables, and tables as rows of
/// cell texts (a merged cell's continuation as empty text).
#[derive(Debug, Default)]
struct Doc {
    paras: Vec<Para>,
    tables: Vec<Vec<Vec<String>>>,
}

fn parse(xml: &str) -> Doc {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut doc = Doc::default();
    let (mut depth, mut style, mut text, mut in_t) = (0, String::new(), String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:tbl" => {
                depth += 1;
                doc.tables.push(Vec::new());
            }
            Event::Start(e) if e.name().as_ref() == "w:tr" => doc.tables.last_mut().unwrap().push(Vec::new()),
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                style.clear();
                text.clear();
            }
            Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                style = e.try_get_attribute("w:val").unwrap().unwrap().value.to_string();
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                text.push(r.resolve_char_ref().unwrap().unwrap_or_else(|| match r.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    _ => '?',
                }));
            }
            Event::End(e) if e.name().as_ref() == "w:p" => {
                if depth > 0 {
                    let row = doc.tables.last_mut().unwrap().last_mut().unwrap();
                    row.push(text.clone());
                } else {
                    doc.paras.push(Para { style: style.clone(), text: text.clone() });
                }
            }
            Event::End(e) if e.name().as_ref() == "w:tbl" => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    doc
}

/// The parts of a .docx by name.
fn unpack(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

#[test]
fn word_edition_has_the_pdf_headings_text_tables_and_charts() {
    let out = tempfile::tempdir().unwrap();
    let mut config = sample_config(out.path());
    config.editions.push(Edition::Docx);
    let mut log = Vec::new();
    let built = pipeline::build(&opts(config.clone()), &mut |l| log.push(l)).expect("the sample builds");
    let path = out.path().join("玄武区知识产权统计年报（2025年）.docx");
    assert!(log.iter().any(|l| l.starts_with("已生成 Word 版 ") && l.contains("统计图 16 幅")), "{log:#?}");
    let parts = unpack(&path);
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let doc = parse(&xml);

    // Headings as Word heading styles, as the PDF's chapters and appendices.
    let h1: Vec<&str> = doc.paras.iter().filter(|p| p.style == "Heading1").map(|p| p.text.as_str()).collect();
    assert_eq!(
        h1,
        [
            "编制说明",
            "一、综述",
            "二、主要指标完成情况",
            "三、知识产权创造",
            "四、知识产权运用",
            "五、知识产权保护",
            "六、知识产权治理",
            "七、知识产权服务",
            "八、知识产权人才",
            "九、基础数据",
            "十、分街道（园区）统计",
            "附录一\u{3000}指标解释",
            "附录二\u{3000}数据质量说明",
        ]
    );
    let h2: Vec<&str> = doc.paras.iter().filter(|p| p.style == "Heading2").map(|p| p.text.as_str()).collect();
    assert_eq!(h2.len(), 7);
    assert_eq!(h2[0], "（一）知识产权创造");
    assert!(xml.contains(r#"<w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText>"#));

    // Every body paragraph is one paragraph, word for word the PDF's.
    let pdf = flat_text(&built.path);
    let body: Vec<&Para> = doc.paras.iter().filter(|p| p.style.is_empty() && !p.text.is_empty()).collect();
    assert!(body.len() > 60, "{}", body.len());
    for p in &body {
        let flat: String = p.text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(pdf.contains(&flat), "not in the PDF: {}", p.text);
    }
    assert!(!xml.contains("<w:br/>"), "no hard line breaks");

    // Tables: as many as the PDF's, each with a repeated header row; the main
    // table's categories merged down their rows; the figures of the workbooks.
    assert_eq!(doc.tables.len(), 9);
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 9);
    assert_eq!(xml.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 6);
    let main = &doc.tables[0];
    assert_eq!(
        main[0],
        [
            "类别",
            "指标（单位）",
            "2020年基数",
            "2025年",
            "年均增长（%）",
            "2025年目标",
            "完成率（%）",
            "状态"
        ]
    );
    let row = main.iter().find(|r| r[1] == "有效发明专利拥有量（件）").unwrap();
    assert_eq!(row, &["", "有效发明专利拥有量（件）", "12482", "18260", "7.9", "18000", "101.4", "已完成"]);
    let captions: Vec<&str> =
        doc.paras.iter().filter(|p| p.style == "TableCaption").map(|p| p.text.as_str()).collect();
    assert_eq!(captions[0], "表2-1\u{3000}“十四五”知识产权发展主要指标完成情况（2025年）");
    assert_eq!(captions.len(), 9);
    for c in &captions {
        let number = c.split('\u{3000}').next().unwrap();
        assert!(pdf.contains(number), "{c}");
    }
    let notes: Vec<&str> =
        doc.paras.iter().filter(|p| p.style == "TableNote").map(|p| p.text.as_str()).collect();
    assert!(notes.iter().any(|n| n.starts_with("资料来源：区市场监管局（知识产权局）")), "{notes:#?}");

    // Charts: 16 pictures at 300 dpi across 96 % of the text width, captioned.
    let pngs: Vec<&Vec<u8>> =
        parts.iter().filter(|(n, _)| n.starts_with("word/media/")).map(|(_, b)| b).collect();
    assert_eq!(pngs.len(), 16);
    for png in pngs {
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(width, 1814);
    }
    let figures: Vec<&str> =
        doc.paras.iter().filter(|p| p.style == "FigureCaption").map(|p| p.text.as_str()).collect();
    assert_eq!(figures.len(), 16);
    assert!(figures[0].starts_with("图3-1\u{3000}") && pdf.contains(&figures[0].replace('\u{3000}', "")));

    // The same model gives the same bytes.
    let first = std::fs::read(&path).unwrap();
    pipeline::build(&opts(config), &mut |_| {}).unwrap();
    assert!(std::fs::read(&path).unwrap() == first, "the Word edition is deterministic");
}

#[test]
fn editions_in_the_settings_are_checked() {
    let err = yearbook::config::Config::parse("editions = [\"pdf\", \"word\"]", "yearbook.toml").unwrap_err();
    assert_eq!(
        err.to_string(),
        "yearbook.toml 中 editions 的值 [\"pdf\", \"word\"] 无效，应为版本列表，可含 \"pdf\"、\"docx\"、\"briefs\"，如 [\"pdf\", \"docx\"]"
    );
    let err = yearbook::config::Config::parse("editions = [\"docx\"]", "yearbook.toml").unwrap_err();
    assert!(err.to_string().contains("editions 须包含 \"pdf\""), "{err}");
    let ok = yearbook::config::Config::parse("editions = [\"pdf\", \"docx\"]", "yearbook.toml").unwrap();
    assert_eq!(ok.editions, [Edition::Pdf, Edition::Docx]);
}

/// The text of a PDF, whitespace removed.
fn pdf_words(path: &Path) -> String {
    flat_text(path)
}

#[test]
fn street_briefs_give_each_street_its_figures_growth_share_and_rank() {
    let out = tempfile::tempdir().unwrap();
    let mut config = sample_config(out.path());
    config.editions.push(Edition::Briefs);
    let mut log = Vec::new();
    let built = pipeline::build(&opts(config), &mut |l| log.push(l)).expect("the sample builds");
    assert!(log.iter().any(|l| l.starts_with("已生成街道简报 8 份")), "{log:#?}");
    let dir = out.path().join("街道简报");
    assert_eq!(built.briefs.len(), 8);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(names.contains(&"徐庄高新区知识产权统计简报（2025年）.pdf".to_string()));

    // 梅园新村街道 against the street table of the sample (分街道统计.xlsx): 1826
    // of the district's 18260 有效发明专利 (10.0%), fifth of the seven streets
    // after 5112, 3652, 2373 and 2011; 1728 a year before (+5.7%).
    let meiyuan = pdf_words(&dir.join("梅园新村街道知识产权统计简报（2025年）.pdf"));
    assert!(
        meiyuan.contains(
            "2025年，梅园新村街道有效发明专利拥有量1826件，比上年末增长5.7%，占全区的10.0%，居7个街道第5位。"
        ),
        "{meiyuan}"
    );
    assert!(meiyuan.contains("有效发明专利拥有量（件）18265.710.0第5位"), "{meiyuan}");
    assert!(meiyuan.contains("有效注册商标量（件）67906.814.0第3位"), "{meiyuan}");
    assert!(meiyuan.contains("资料来源：区市场监管局（知识产权局）、区统计局。"), "{meiyuan}");
    assert!(meiyuan.contains("图12025年各街道有效发明专利拥有量"), "{meiyuan}");
    // The yearbook's street table prints the same figures.
    let book = flat_text(&built.path);
    assert!(book.contains("梅园新村街道182695847267907.50243.549.3"), "{book}");
    // A park is not ranked among the streets.
    let park = pdf_words(&dir.join("徐庄高新区知识产权统计简报（2025年）.pdf"));
    assert!(park.contains("徐庄高新区有效发明专利拥有量4200件，比上年末增长5.7%，占全区的23.0%。"), "{park}");
    assert!(!park.contains("街道排名"), "{park}");
}

#[test]
fn the_desk_offers_the_word_edition_and_the_briefs() {
    let dir = super::serve::project();
    let toml = std::fs::read_to_string(dir.path().join("yearbook.toml")).unwrap();
    std::fs::write(
        dir.path().join("yearbook.toml"),
        format!("{toml}\neditions = [\"pdf\", \"docx\", \"briefs\"]\n"),
    )
    .unwrap();
    let port = super::serve::start(dir.path());
    let b = super::serve::post(port, "/api/build", &[], b"").json();
    assert_eq!(b["ok"], true, "{b}");
    let docx = b["docx"].as_str().unwrap();
    let r = super::serve::get(port, docx);
    assert_eq!(r.0, 200, "{docx}");
    assert!(r.2.starts_with(b"PK"));
    let briefs = b["briefs"].as_array().unwrap();
    assert_eq!(briefs.len(), 8);
    let r = super::serve::get(port, briefs[0].as_str().unwrap());
    assert_eq!(r.0, 200);
    assert!(r.2.starts_with(b"%PDF-"));
    assert_eq!(super::serve::get(port, "/briefs/..%2Fyearbook.toml").0, 404);
}
