//! The Word edition (.docx): the finished report model rendered as a Word
//! document, beside the PDF. It computes nothing: every figure, word, table and
//! chart number is the model's, and the charts are the same SVGs the PDF draws,
//! rasterised at print resolution. Receives a [`Report`] and the charts; hands on
//! the bytes of the .docx (written by the pipeline through `output`).
//!
//! The package is written by hand with `zip` and `quick-xml`'s escaping (both
//! already used to read workbooks) rather than with a .docx crate: the edition
//! needs repeated header rows, vertically merged cells, East Asian font slots,
//! sections with their own page numbering and a TOC field, and writing those few
//! dozen elements directly keeps every one of them visible and tested.

use std::io::Write;

use anyhow::{Context, Result};

use crate::charts::Chart;
use crate::config::Paper;
use crate::report::Report;

mod body;
mod image;
mod parts;
mod table;
mod written;
mod xml;

pub use image::{Png, Rasteriser};

/// The Word edition's file name: `玄武区知识产权统计年报（2025年）.docx`.
pub fn file_name(region: &str, year: i32) -> String {
    format!("{region}知识产权统计年报（{year}年）.docx")
}

/// Page margins in twips; inside and outside are mirrored on even pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: u32,
    pub bottom: u32,
    pub inside: u32,
    pub outside: u32,
    /// From the page's foot to the page number.
    pub footer: u32,
}

/// The page of the edition, as the PDF's (A4 or 16开), in twips, and the widths
/// that align figures in tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub margins: Margins,
    pub text_width: u32,
    /// A digit and a decimal point of table text (9 pt Hei), in twips.
    pub digit_width: u32,
    pub point_width: u32,
}

/// Millimetres to twips.
fn twips(mm: f64) -> u32 {
    (mm / 25.4 * 1440.0).round() as u32
}

impl Page {
    /// The page of the given paper, with the PDF template's margins.
    pub fn new(paper: Paper) -> Page {
        let (w, h, top, bottom, inside, outside) = match paper {
            Paper::A4 => (210.0, 297.0, 30.0, 27.0, 28.0, 22.0),
            Paper::K16 => (185.0, 260.0, 26.0, 24.0, 24.0, 18.0),
        };
        let (digit_width, point_width) = figure_widths();
        Page {
            width: twips(w),
            height: twips(h),
            // The page number sits about 7 mm under the text block.
            margins: Margins {
                top: twips(top),
                bottom: twips(bottom),
                inside: twips(inside),
                outside: twips(outside),
                footer: twips(bottom - 12.0),
            },
            text_width: twips(w - inside - outside),
            digit_width,
            point_width,
        }
    }

    /// An A4 page.
    pub fn a4() -> Page {
        Page::new(Paper::A4)
    }

    /// The same page turned to landscape (for tables too wide to stand).
    fn turned(&self) -> Page {
        let m = &self.margins;
        Page { text_width: self.height - m.inside - m.outside, ..self.clone() }
    }

    /// The text width in millimetres.
    fn text_mm(&self) -> f64 {
        self.text_width as f64 / 1440.0 * 25.4
    }
}

/// The advance of `0` and of `.` in the embedded Hei face at 9 pt, in twips.
fn figure_widths() -> (u32, u32) {
    let face = crate::assets::FONTS
        .iter()
        .find(|f| f.family == crate::assets::SANS && !f.bold)
        .and_then(|f| ttf_parser::Face::parse(f.data, 0).ok());
    let advance = |c: char| -> Option<u32> {
        let face = face.as_ref()?;
        let a = face.glyph_hor_advance(face.glyph_index(c)?)? as f64 / face.units_per_em() as f64;
        Some((a * 9.0 * 20.0).round() as u32)
    };
    (advance('0').unwrap_or(100), advance('.').unwrap_or(50))
}

/// A chart's picture: the figure path it stands for and its PNG.
#[derive(Debug, Clone)]
pub struct Picture {
    pub path: String,
    pub png: Png,
    /// The printed width in millimetres.
    pub width_mm: f64,
}

impl Picture {
    /// The printed size in EMU (36 000 a millimetre).
    fn extent(&self) -> (u64, u64) {
        let cx = (self.width_mm * 36_000.0).round() as u64;
        (cx, cx * self.png.height as u64 / self.png.width as u64)
    }
}

/// The pictures of the report's figures, in order: each figure's chart drawn
/// 96 % of the text width wide, as in the PDF.
pub fn pictures(report: &Report, charts: &[Chart]) -> Result<Vec<Picture>> {
    let page = Page::new(report.meta.layout.paper);
    let width_mm = page.text_mm() * 0.96;
    let raster = Rasteriser::new();
    let figures =
        report.chapters.iter().chain(&report.streets).chain(&report.patents).flat_map(|c| &c.figures);
    let mut out = Vec::new();
    for f in figures {
        let Some(chart) = charts.iter().find(|c| format!("/charts/{}.svg", c.id) == f.path) else {
            continue;
        };
        let png = raster.png(&chart.svg, width_mm).with_context(|| format!("无法绘制{}", f.number))?;
        out.push(Picture { path: f.path.clone(), png, width_mm });
    }
    Ok(out)
}

/// The .docx of `report`, with the charts as pictures. The same model gives the
/// same bytes.
pub fn render(report: &Report, pictures: &[Picture]) -> Result<Vec<u8>> {
    let page = Page::new(report.meta.layout.paper);
    let fonts = &report.meta.layout.fonts;
    let m = &report.meta;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), parts::content_types().into_bytes()),
        ("_rels/.rels".into(), parts::package_rels().into_bytes()),
        (
            "docProps/core.xml".into(),
            parts::core(&format!("{}{}", m.title, m.edition), &m.organization, &m.description).into_bytes(),
        ),
        ("word/document.xml".into(), body::document(report, &page, pictures).into_bytes()),
        ("word/_rels/document.xml.rels".into(), parts::document_rels(pictures.len()).into_bytes()),
        ("word/styles.xml".into(), parts::styles(fonts, page.text_width).into_bytes()),
        ("word/settings.xml".into(), parts::settings().into_bytes()),
        ("word/fontTable.xml".into(), parts::font_table(fonts).into_bytes()),
        ("word/footer1.xml".into(), parts::footer("right").into_bytes()),
        ("word/footer2.xml".into(), parts::footer("left").into_bytes()),
    ];
    for (n, p) in pictures.iter().enumerate() {
        files.push((format!("word/media/image{}.png", n + 1), p.png.bytes.clone()));
    }
    zip(files)
}

/// The files packed into a zip, in order, with a fixed date so that the same
/// files give the same bytes; PNGs are stored, already compressed.
fn zip(files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if name.ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default());
        w.start_file(name.as_str(), options).with_context(|| format!("无法写入 Word 文件的 {name}"))?;
        w.write_all(&bytes).with_context(|| format!("无法写入 Word 文件的 {name}"))?;
    }
    Ok(w.finish().context("无法完成 Word 文件")?.into_inner())
}

#[cfg(test)]
mod tests;
