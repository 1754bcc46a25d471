//! `word/document.xml`: the report model laid out in the PDF's order — cover,
//! 编制说明 and the table of contents (pages numbered I, II, …), the chapters
//! (numbered from 1) with their paragraphs, tables and charts, and the
//! appendices. Headings carry Word's heading styles; each paragraph of the model
//! is one Word paragraph. Figures and words are the model's, unchanged.

use std::fmt::Write;

use super::parts::{FOOTER_EVEN, FOOTER_ODD, R, W};
use super::table::{main_table, table};
use super::xml::{Look, PAGE_BREAK, Para, esc, run};
use super::{Page, Picture};
use crate::report::{Chapter, Figure, Paragraph, Report};

/// Where the body is being written: the page, the fonts, the pictures of the
/// charts, and the XML so far.
struct Writer<'a> {
    page: &'a Page,
    /// The numbering of the next section to close: the body's first section
    /// starts at 1, the later ones go on.
    numbering: Numbering,
    sans: &'a str,
    pictures: &'a [Picture],
    out: String,
}

/// The document part of `report`; `pictures` are the charts, by figure path.
pub fn document(report: &Report, page: &Page, pictures: &[Picture]) -> String {
    let sans = report.meta.layout.fonts.heading.first().map_or("", String::as_str);
    let mut w = Writer { page, numbering: Numbering::Arabic, sans, pictures, out: String::new() };
    w.cover(report);
    w.parts(&report.written.front);
    w.heading(1, "编制说明");
    for p in &report.preface {
        w.out.push_str(&Para::style("").text(p));
    }
    w.contents(report);
    w.out
        .push_str(&Para { section: Some(page.section(false, Numbering::Roman)), ..Para::default() }.with(""));
    w.chapters(report);
    w.appendices(report);
    w.parts(&report.written.end);
    let last = w.numbering;
    w.out.push_str(&page.section(false, last));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{}</w:body></w:document>"#,
        w.out
    )
}

/// How a section numbers its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// The cover: no page number.
    None,
    /// The front matter: I, II, … from I.
    Roman,
    /// The body: 1, 2, … from 1.
    Arabic,
    /// Going on from the section before.
    Continue,
}

impl Page {
    /// Section properties (`<w:sectPr>`): the page, turned when `landscape`, its
    /// margins (mirrored in settings), the footers and the page numbering.
    pub fn section(&self, landscape: bool, numbering: Numbering) -> String {
        let (w, h) = if landscape { (self.height, self.width) } else { (self.width, self.height) };
        let orient = if landscape { r#" w:orient="landscape""# } else { "" };
        let footers = if numbering == Numbering::None {
            String::new()
        } else {
            format!(
                r#"<w:footerReference w:type="default" r:id="{FOOTER_ODD}"/><w:footerReference w:type="even" r:id="{FOOTER_EVEN}"/>"#
            )
        };
        let numbers = match numbering {
            Numbering::None | Numbering::Continue => "",
            Numbering::Roman => r#"<w:pgNumType w:fmt="upperRoman" w:start="1"/>"#,
            Numbering::Arabic => r#"<w:pgNumType w:fmt="decimal" w:start="1"/>"#,
        };
        let m = &self.margins;
        format!(
            r#"<w:sectPr>{footers}<w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/>{numbers}<w:docGrid w:linePitch="312"/></w:sectPr>"#,
            m.top, m.outside, m.bottom, m.inside, m.footer
        )
    }
}

impl Writer<'_> {
    fn heading(&mut self, level: u32, text: &str) {
        self.out.push_str(&Para::style(&format!("Heading{level}")).text(text));
    }

    /// The cover: title, edition, organisation and date, centred; a page of its
    /// own without a page number.
    fn cover(&mut self, report: &Report) {
        let m = &report.meta;
        let title = m.layout.fonts.title.first().map_or("", String::as_str);
        let p = Para::style("Cover");
        let space = |twips: u32| {
            format!(r#"<w:p><w:pPr><w:pStyle w:val="Cover"/><w:spacing w:before="{twips}"/></w:pPr></w:p>"#)
        };
        self.out.push_str(&space(3600));
        self.out.push_str(&p.with(&run(&m.title, Look { bold: true, font: Some(title), size: Some(60) })));
        self.out.push_str(&space(320));
        self.out.push_str(&p.with(&run(&m.edition, Look { size: Some(40), ..Look::default() })));
        self.out.push_str(&space(5200));
        self.out.push_str(&p.with(&run(&m.organization, Look { size: Some(30), ..Look::default() })));
        self.out.push_str(&space(200));
        self.out.push_str(&p.with(&run(&m.date, Look { size: Some(28), ..Look::default() })));
        self.out.push_str(
            &Para { section: Some(self.page.section(false, Numbering::None)), ..Para::default() }.with(""),
        );
    }

    /// 目录: a table of contents field over headings 1–2, showing the headings
    /// until Word fills in the page numbers.
    fn contents(&mut self, report: &Report) {
        self.out.push_str(&Para::style("").with(PAGE_BREAK));
        self.out.push_str(&Para::style("TOCTitle").text("目录"));
        let chapter = |c: &Chapter| (1, format!("{}、{}", c.number, c.title));
        let mut entries: Vec<(u32, String)> =
            vec![chapter(&report.summary), (1, format!("{}、{}", report.main.number, report.main.title))];
        let part = |p: &crate::writing::Part| (1, p.title.clone());
        entries.splice(0..0, report.written.opening.iter().map(part));
        entries.extend(report.chapters.iter().chain(&report.streets).chain(&report.patents).map(chapter));
        entries.extend(report.written.closing.iter().map(part));
        for (title, groups) in appendix_headings(report) {
            entries.push((1, title));
            entries.extend(groups.into_iter().map(|g| (2, g)));
        }
        entries.extend(report.written.end.iter().map(part));
        let last = entries.len().saturating_sub(1);
        for (i, (level, text)) in entries.iter().enumerate() {
            let mut runs = String::new();
            if i == 0 {
                runs.push_str(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#);
            }
            runs.push_str(&run(text, Look::default()));
            if i == last {
                runs.push_str(r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#);
            }
            self.out.push_str(&Para::style(&format!("TOC{level}")).with(&runs));
        }
    }

    fn chapters(&mut self, report: &Report) {
        self.parts(&report.written.opening);
        self.chapter(&report.summary);
        let m = &report.main;
        self.heading(1, &format!("{}、{}", m.number, m.title));
        self.paragraphs(&m.paragraphs);
        if !m.groups.is_empty() {
            self.out.push_str(&main_table(m, self.page, self.sans));
        }
        for c in report.chapters.iter().chain(&report.streets).chain(&report.patents) {
            self.chapter(c);
        }
        self.parts(&report.written.closing);
    }

    /// The office's written parts, each under its title as a heading 1.
    fn parts(&mut self, parts: &[crate::writing::Part]) {
        for p in parts {
            self.heading(1, &p.title);
            self.out.push_str(&super::written::blocks(p, self.page, self.sans));
        }
    }

    fn chapter(&mut self, c: &Chapter) {
        self.heading(1, &format!("{}、{}", c.number, c.title));
        self.paragraphs(&c.paragraphs);
        for t in &c.tables {
            // A table too wide for a portrait page is set on a landscape one, as
            // in the PDF.
            let wide = t.columns.len() > 9;
            if wide {
                self.end_section(false);
                let page = self.page.turned();
                self.out.push_str(&table(t, &page, self.sans));
                self.end_section(true);
            } else {
                self.out.push_str(&table(t, self.page, self.sans));
            }
        }
        for f in &c.figures {
            self.figure(f);
        }
    }

    /// Ends the section so far with an empty paragraph carrying its properties.
    fn end_section(&mut self, landscape: bool) {
        let section = self.page.section(landscape, self.numbering);
        self.numbering = Numbering::Continue;
        self.out.push_str(&Para { section: Some(section), ..Para::default() }.with(""));
    }

    /// A model paragraph: its run-in heading (bold Hei, with 。) and its text.
    fn paragraphs(&mut self, paragraphs: &[Paragraph]) {
        for p in paragraphs {
            let mut runs = String::new();
            if let Some(t) = &p.title {
                runs.push_str(&run(
                    &format!("{t}。"),
                    Look { bold: true, font: Some(self.sans), size: None },
                ));
            }
            runs.push_str(&run(&p.text, Look::default()));
            self.out.push_str(&Para::style("").with(&runs));
        }
    }

    /// A chart: its picture, then 图3-1　title under it.
    fn figure(&mut self, f: &Figure) {
        let Some((n, pic)) = self.pictures.iter().enumerate().find(|(_, p)| p.path == f.path) else {
            return;
        };
        let id = n + 1;
        let (cx, cy) = pic.extent();
        let mut d = String::new();
        write!(
            d,
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="{}" descr="{}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="image{id}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImage{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
            esc(&f.number),
            esc(&f.alt)
        )
        .unwrap();
        self.out.push_str(&Para::style("Figure").with(&d));
        self.out.push_str(&Para::style("FigureCaption").text(&format!("{}\u{3000}{}", f.number, f.title)));
    }

    fn appendices(&mut self, report: &Report) {
        let headings = appendix_headings(report);
        self.heading(1, &headings[0].0);
        for (g, title) in report.glossary.iter().zip(&headings[0].1) {
            self.heading(2, title);
            for it in &g.items {
                let bold = Look { bold: true, font: Some(self.sans), size: None };
                let name = run(&format!("{}（{}）", it.name, it.unit), bold);
                let text = run(&format!("：{}{}", it.text, it.tag), Look::default());
                self.out.push_str(&Para::style("").with(&format!("{name}{text}")));
            }
        }
        self.heading(1, &headings[1].0);
        self.out.push_str(&Para::style("").text(&report.quality.intro));
        for (i, q) in report.quality.items.iter().enumerate() {
            let number = run(&format!("{}.", i + 1), Look::default());
            let text = run(q, Look::default());
            self.out.push_str(&Para::style("ListItem").with(&format!("{number}<w:r><w:tab/></w:r>{text}")));
        }
        if let (Some(rev), Some((title, _))) = (&report.revisions, headings.get(2)) {
            self.heading(1, title);
            for p in &rev.paragraphs {
                self.out.push_str(&Para::style("").text(p));
            }
            if let Some(t) = &rev.table {
                self.out.push_str(&table(t, self.page, self.sans));
            }
        }
    }
}

/// The appendices' headings and their sections' headings, as the PDF prints them.
fn appendix_headings(report: &Report) -> Vec<(String, Vec<String>)> {
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let groups = report
        .glossary
        .iter()
        .enumerate()
        .map(|(i, g)| format!("（{}）{}", numerals.get(i).copied().unwrap_or("十"), g.title))
        .collect();
    let mut out = vec![
        ("附录一\u{3000}指标解释".to_string(), groups),
        ("附录二\u{3000}数据质量说明".to_string(), Vec::new()),
    ];
    if let Some(rev) = &report.revisions {
        out.push((format!("附录三\u{3000}{}", rev.title), Vec::new()));
    }
    out
}
