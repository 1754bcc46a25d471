//! The WordprocessingML pieces the Word edition is written from: escaped text,
//! runs, paragraphs with a style and a few properties, and fields (PAGE, TOC).
//! Strings in, XML strings out; no knowledge of the report.

use std::fmt::Write;

/// Text escaped for an XML element or attribute.
pub fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A run's look beyond its paragraph style.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Look<'a> {
    pub bold: bool,
    /// A font family for every script (ASCII, East Asian, complex).
    pub font: Option<&'a str>,
    /// The size in half-points.
    pub size: Option<u32>,
}

/// A run of text in a look.
pub fn run(text: &str, look: Look) -> String {
    let mut props = String::new();
    if let Some(f) = look.font {
        let f = esc(f);
        write!(props, r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#).unwrap();
    }
    if look.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if let Some(s) = look.size {
        write!(props, r#"<w:sz w:val="{s}"/><w:szCs w:val="{s}"/>"#).unwrap();
    }
    let rpr = if props.is_empty() { String::new() } else { format!("<w:rPr>{props}</w:rPr>") };
    format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#, esc(text))
}

/// Paragraph properties: a style and what is set beyond it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para<'a> {
    pub style: &'a str,
    /// `left`, `center`, `right`, `both`.
    pub align: Option<&'a str>,
    /// The left indent, in twips.
    pub left: Option<u32>,
    /// The right indent, in twips.
    pub right: Option<u32>,
    pub keep_next: bool,
    /// Section properties that end a section at this paragraph.
    pub section: Option<String>,
}

impl<'a> Para<'a> {
    pub fn style(style: &'a str) -> Self {
        Para { style, ..Para::default() }
    }

    /// The `<w:pPr>` element.
    pub fn props(&self) -> String {
        let mut p = String::new();
        if !self.style.is_empty() {
            write!(p, r#"<w:pStyle w:val="{}"/>"#, self.style).unwrap();
        }
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if self.left.is_some() || self.right.is_some() {
            p.push_str("<w:ind");
            if let Some(l) = self.left {
                write!(p, r#" w:left="{l}" w:firstLine="0" w:firstLineChars="0""#).unwrap();
            }
            if let Some(r) = self.right {
                write!(p, r#" w:right="{r}""#).unwrap();
            }
            p.push_str("/>");
        }
        if let Some(a) = self.align {
            write!(p, r#"<w:jc w:val="{a}"/>"#).unwrap();
        }
        if let Some(s) = &self.section {
            p.push_str(s);
        }
        if p.is_empty() { p } else { format!("<w:pPr>{p}</w:pPr>") }
    }

    /// A paragraph of these properties holding `runs` (XML of runs).
    pub fn with(&self, runs: &str) -> String {
        format!("<w:p>{}{runs}</w:p>", self.props())
    }

    /// A paragraph of these properties holding one run of plain text.
    pub fn text(&self, text: &str) -> String {
        self.with(&run(text, Look::default()))
    }
}

/// A field: its instruction and the result shown until Word updates it.
pub fn field(instruction: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        esc(instruction)
    )
}

/// A page break inside a paragraph.
pub const PAGE_BREAK: &str = r#"<w:r><w:br w:type="page"/></w:r>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_east_asian_fonts_are_set() {
        let r = run("A&B<1>", Look { bold: true, font: Some("Noto Sans CJK SC"), size: Some(18) });
        assert_eq!(
            r,
            r#"<w:r><w:rPr><w:rFonts w:ascii="Noto Sans CJK SC" w:hAnsi="Noto Sans CJK SC" w:eastAsia="Noto Sans CJK SC" w:cs="Noto Sans CJK SC"/><w:b/><w:bCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:t xml:space="preserve">A&amp;B&lt;1&gt;</w:t></w:r>"#
        );
        let p = Para { style: "TableText", align: Some("right"), right: Some(120), ..Para::default() };
        assert_eq!(
            p.text("12"),
            r#"<w:p><w:pPr><w:pStyle w:val="TableText"/><w:ind w:right="120"/><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">12</w:t></w:r></w:p>"#
        );
    }
}
