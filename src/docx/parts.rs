//! The fixed parts of the Word package: content types, relationships, styles
//! (body, headings 1 and 2 with outline levels for the navigation pane and the
//! table of contents, table text, captions, notes), fonts with their East Asian
//! names, settings (mirrored margins, odd and even footers, fields updated on
//! opening), the footers with the page number as — 1 —, and document properties.

use super::xml::esc;
use crate::report::Fonts;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// `[Content_Types].xml`.
pub fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="{main}.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
    )
}

/// `_rels/.rels`.
pub fn package_rels() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

/// The relationship id of the odd-page and even-page footers.
pub const FOOTER_ODD: &str = "rIdFooterOdd";
pub const FOOTER_EVEN: &str = "rIdFooterEven";

/// `word/_rels/document.xml.rels`: the fixed parts and one image per chart
/// (`rIdImage{n}` → `media/image{n}.png`).
pub fn document_rels(images: usize) -> String {
    let mut rels = format!(
        r#"{DECL}<Relationships xmlns="{PKG}"><Relationship Id="rIdStyles" Type="{R}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{R}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="{R}/fontTable" Target="fontTable.xml"/><Relationship Id="{FOOTER_ODD}" Type="{R}/footer" Target="footer1.xml"/><Relationship Id="{FOOTER_EVEN}" Type="{R}/footer" Target="footer2.xml"/>"#
    );
    for n in 1..=images {
        rels.push_str(&format!(
            r#"<Relationship Id="rIdImage{n}" Type="{R}/image" Target="media/image{n}.png"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    rels
}

/// `docProps/core.xml`: title, author and subject, as the PDF's metadata.
pub fn core(title: &str, author: &str, subject: &str) -> String {
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>"#,
        esc(title),
        esc(subject),
        esc(author)
    )
}

/// `word/settings.xml`: odd and even footers, mirrored margins when bound double
/// sided, fields (the table of contents) updated when Word opens the file.
pub fn settings() -> String {
    format!(
        r#"{DECL}<w:settings xmlns:w="{W}"><w:updateFields w:val="true"/><w:mirrorMargins/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// `word/fontTable.xml`: the edition's fonts, each with the Windows font an
/// office computer has as its alternative (宋体 for the Song face, 黑体 for the
/// Hei face) and the GB2312 character set.
pub fn font_table(fonts: &Fonts) -> String {
    let mut out = format!(r#"{DECL}<w:fonts xmlns:w="{W}">"#);
    let mut seen = Vec::new();
    let families =
        [(&fonts.body, "宋体", "roman"), (&fonts.heading, "黑体", "swiss"), (&fonts.title, "黑体", "swiss")];
    for (list, alt, family) in families {
        let Some(name) = list.first() else { continue };
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        out.push_str(&format!(
            r#"<w:font w:name="{}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#,
            esc(name)
        ));
    }
    out.push_str("</w:fonts>");
    out
}

/// Sizes of the styles in half-points, as the PDF's template sets them.
const BODY: u32 = 22;
const H1: u32 = 32;
const H2: u32 = 25;
const TABLE: u32 = 18;
const NOTE: u32 = 17;
const CAPTION: u32 = 20;

/// `word/styles.xml`.
pub fn styles(fonts: &Fonts, text_width: u32) -> String {
    let body = esc(fonts.body.first().map_or("", String::as_str));
    let sans = esc(fonts.heading.first().map_or("", String::as_str));
    let f = |name: &str| {
        format!(r#"<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>"#)
    };
    let (serif_fonts, sans_fonts) = (f(&body), f(&sans));
    let no_indent = r#"<w:ind w:firstLine="0" w:firstLineChars="0"/>"#;
    let para = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
    };
    let heading = |level: u32, size: u32, before: u32, after: u32, jc: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>{no_indent}<w:jc w:val="{jc}"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr>{sans_fonts}<w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    let toc = |level: u32, indent: u32, rpr: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs><w:spacing w:before="60" w:after="0"/><w:ind w:left="{indent}" w:firstLine="0" w:firstLineChars="0"/></w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
    };
    let size = |s: u32| format!(r#"<w:sz w:val="{s}"/><w:szCs w:val="{s}"/>"#);
    let mut out = format!(
        r#"{DECL}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{serif_fonts}<w:kern w:val="2"/><w:sz w:val="{BODY}"/><w:szCs w:val="{BODY}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    out.push_str(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="440"/><w:jc w:val="both"/></w:pPr></w:style>"#,
    );
    out.push_str(&heading(1, H1, 830, 560, "center"));
    out.push_str(&heading(2, H2, 360, 290, "left"));
    out.push_str(&toc(1, 0, &sans_fonts));
    out.push_str(&toc(2, 440, ""));
    out.push_str(&para(
        "TOCTitle",
        "目录标题",
        &format!(r#"<w:keepNext/><w:spacing w:before="830" w:after="560" w:line="240" w:lineRule="auto"/>{no_indent}<w:jc w:val="center"/>"#),
        &format!("{sans_fonts}<w:b/><w:bCs/>{}", size(H1)),
    ));
    let table = format!("{sans_fonts}{}", size(TABLE));
    out.push_str(&para(
        "TableText",
        "表格文字",
        &format!(r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}"#),
        &table,
    ));
    out.push_str(&para(
        "TableCaption",
        "表题",
        &format!(r#"<w:keepNext/><w:spacing w:before="160" w:after="60"/>{no_indent}<w:jc w:val="center"/>"#),
        &format!("{sans_fonts}<w:b/><w:bCs/>{}", size(CAPTION)),
    ));
    out.push_str(&para(
        "TableUnit",
        "表格单位",
        &format!(r#"<w:keepNext/><w:spacing w:after="20"/>{no_indent}<w:jc w:val="right"/>"#),
        &size(NOTE),
    ));
    out.push_str(&para(
        "TableNote",
        "表注",
        &format!(r#"<w:spacing w:before="30" w:after="0" w:line="260" w:lineRule="auto"/>{no_indent}"#),
        &size(NOTE),
    ));
    out.push_str(&para(
        "Figure",
        "统计图",
        &format!(r#"<w:keepNext/><w:spacing w:before="160" w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}<w:jc w:val="center"/>"#),
        "",
    ));
    out.push_str(&para(
        "FigureCaption",
        "图题",
        &format!(r#"<w:spacing w:before="40" w:after="200"/>{no_indent}<w:jc w:val="center"/>"#),
        &format!("{sans_fonts}<w:b/><w:bCs/>{}", size(CAPTION)),
    ));
    out.push_str(&para(
        "ListItem",
        "编号条目",
        r#"<w:ind w:left="440" w:hanging="440" w:firstLineChars="0"/>"#,
        "",
    ));
    out.push_str(&para(
        "Cover",
        "封面",
        &format!(
            r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}<w:jc w:val="center"/>"#
        ),
        &sans_fonts,
    ));
    out.push_str(&para("PageNumber", "页码", no_indent, &format!("{serif_fonts}{}", size(24))));
    out.push_str("</w:styles>");
    out
}

/// A footer: the page number as — 1 —, one character in from the outer edge
/// (`right` on odd pages, `left` on even ones).
pub fn footer(side: &str) -> String {
    let field = super::xml::field("PAGE", r#"<w:r><w:t>1</w:t></w:r>"#);
    let indent = if side == "right" { r#"<w:ind w:right="240"/>"# } else { r#"<w:ind w:left="240"/>"# };
    format!(
        r#"{DECL}<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="PageNumber"/>{indent}<w:jc w:val="{side}"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>{field}<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}
