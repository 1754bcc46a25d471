//! Tests of the Word edition's page, sections, footers and fonts (the whole
//! document is checked against the PDF in `tests/editions`).

use super::body::Numbering;
use super::*;

#[test]
fn pages_have_the_pdf_paper_and_margins() {
    let a4 = Page::a4();
    assert_eq!((a4.width, a4.height), (11906, 16838));
    // 210 − 28 − 22 mm of text.
    assert_eq!(a4.text_width, 9071);
    let k16 = Page::new(Paper::K16);
    assert_eq!((k16.width, k16.height, k16.text_width), (10488, 14740, 8107));
    // Landscape: the long side less the margins.
    assert_eq!(a4.turned().text_width, 16838 - 1587 - 1247);
    // The Hei face's digit and point at 9 pt (1000 units an em: 0.553 em, 0.269 em).
    assert!((95..=105).contains(&a4.digit_width) && (40..=60).contains(&a4.point_width), "{a4:?}");
}

#[test]
fn sections_number_the_front_matter_in_roman_and_the_body_from_one() {
    let page = Page::a4();
    let cover = page.section(false, Numbering::None);
    assert!(!cover.contains("footerReference") && !cover.contains("pgNumType"), "{cover}");
    let front = page.section(false, Numbering::Roman);
    assert!(front.contains(r#"<w:pgNumType w:fmt="upperRoman" w:start="1"/>"#), "{front}");
    assert!(front.contains(r#"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#));
    let body = page.section(false, Numbering::Arabic);
    assert!(body.contains(r#"<w:pgNumType w:fmt="decimal" w:start="1"/>"#), "{body}");
    let wide = page.section(true, Numbering::Continue);
    assert!(wide.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#), "{wide}");
    assert!(!wide.contains("pgNumType"));
}

#[test]
fn page_numbers_have_a_dash_on_each_side_on_the_outer_side() {
    let odd = parts::footer("right");
    assert!(
        odd.contains(r#"<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>"#),
        "{odd}"
    );
    assert!(odd.contains(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#));
    assert!(odd.ends_with(r#"<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#));
    assert!(parts::footer("left").contains(r#"<w:jc w:val="left"/>"#));
}

#[test]
fn fonts_are_set_for_east_asian_text_with_office_alternatives() {
    let fonts = crate::report::Fonts::embedded();
    let styles = parts::styles(&fonts, 9071);
    assert!(styles.contains(r#"w:eastAsia="Noto Serif CJK SC""#), "body");
    assert!(styles.contains(r#"w:eastAsia="Noto Sans CJK SC""#), "headings");
    assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
    let table = parts::font_table(&fonts);
    assert!(table.contains(r#"<w:font w:name="Noto Serif CJK SC"><w:altName w:val="宋体"/>"#), "{table}");
    assert!(table.contains(r#"<w:font w:name="Noto Sans CJK SC"><w:altName w:val="黑体"/>"#), "{table}");
    assert_eq!(table.matches("<w:font ").count(), 2, "each family once");
}
