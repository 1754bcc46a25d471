//! The charts as PNG images for the Word edition: each chart's SVG (the same one
//! the PDF draws) rasterised with resvg at print resolution, its text in the
//! embedded Hei face that the SVG names. Pure: SVG text in, PNG bytes out.

use std::sync::Arc;

use anyhow::{Context, Result};
use resvg::{tiny_skia, usvg};

use crate::assets;

/// Print resolution, in pixels per inch.
pub const DPI: f64 = 300.0;

/// A chart as a PNG, with its size in pixels.
#[derive(Debug, Clone)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// What the rasteriser needs: the fonts the charts name.
pub struct Rasteriser {
    options: usvg::Options<'static>,
}

impl Rasteriser {
    /// A rasteriser with the embedded fonts (borrowed, not copied).
    pub fn new() -> Self {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        for f in &assets::FONTS {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(f.data)));
        }
        options.font_family = assets::SANS.to_string();
        Rasteriser { options }
    }

    /// The chart `svg` as a PNG `width_mm` wide at [`DPI`], on white.
    pub fn png(&self, svg: &str, width_mm: f64) -> Result<Png> {
        let tree = usvg::Tree::from_str(svg, &self.options).context("统计图的 SVG 无法解析")?;
        let size = tree.size();
        let width = (width_mm / 25.4 * DPI).round() as u32;
        let scale = width as f32 / size.width();
        let height = (size.height() * scale).round() as u32;
        let mut pixmap = tiny_skia::Pixmap::new(width, height).context("统计图尺寸无效")?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        let bytes = pixmap.encode_png().context("统计图无法编码为 PNG")?;
        Ok(Png { bytes, width, height })
    }
}

impl Default for Rasteriser {
    fn default() -> Self {
        Rasteriser::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_drawn_at_print_resolution_with_its_chinese_text() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="720" height="370" viewBox="0 0 720 370"><text x="10" y="200" font-family="Noto Sans CJK SC" font-size="150">专利</text></svg>"#;
        let r = Rasteriser::new();
        let png = r.png(svg, 153.6).unwrap();
        // 153.6 mm at 300 dpi.
        assert_eq!((png.width, png.height), (1814, 932));
        assert!(png.bytes.starts_with(b"\x89PNG"));
        // The text is drawn: dark pixels where the glyphs are, none without text.
        let blank = r.png(&svg.replace("专利", ""), 153.6).unwrap();
        assert!(png.bytes.len() > blank.bytes.len() + 1000, "{} vs {}", png.bytes.len(), blank.bytes.len());
    }
}
