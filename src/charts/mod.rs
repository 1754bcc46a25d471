//! Charts drawn with plotters into SVG strings, keyed by id, handed to the
//! typesetter as virtual files. Chart text is real text in the embedded Hei face,
//! registered with plotters' `ab_glyph` under the same family name; widths are
//! measured with that face ([`geom::text_width`]). All text is [`TEXT_PX`] on a
//! [`WIDTH`]-pixel canvas, which prints at 7.5 pt or more at any width from
//! [`min_printed_width_mm`] up (8.4 pt on 16开, 9.4 pt on A4 at full width).
//!
//! Kinds: the bulletin's standard chart (bars for the amount, a line for the
//! growth rate in a band above them, on its own right axis), progress towards a
//! plan's target (bars and a dashed target line), composition (stacked bars,
//! e.g. 发明 / 实用新型 / 外观设计) and a ranking of streets. Colours differ in
//! lightness so that they stay apart printed in grey; every chart has alt text
//! generated from its data.
//!
//! Every chart is laid out before it is drawn, and its labels are placed by
//! [`geom::Placer`]: a value label goes to the first of its candidate places
//! (above or inside a bar, above or below a marker) that keeps clear of the
//! target line, the markers, the lines, a break's rule and the other labels, or
//! is left out; the table beside the chart has every value. A stacked part's
//! values are written in all its segments or in none. A break in a series (a
//! catalogue `breaks` entry, 口径调整) is a dashed rule between the two years with
//! a note, is named in the caption and the alt text, and no growth is drawn
//! across it.

mod frame;
mod geom;
mod growth;
mod plan;
mod ranking;
mod stacked;
mod target;

use std::sync::Once;

use anyhow::anyhow;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::assets;

pub use growth::{BarGrowth, bar_growth};
pub use plan::{Drawn, STREET_RANKING, Spec, build_all, chart_id, draw_all, specs, street_ranking_indicator};
pub use ranking::{Ranking, ranking};
pub use stacked::{Composition, composition};
pub use target::{TargetBars, target_bars};

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The id, also the virtual file name `/charts/{id}.svg`.
    pub id: String,
    pub svg: String,
    /// A text equivalent generated from the data.
    pub alt: String,
    /// The caption after the figure number: 2016—2025年专利授权量及其增长速度.
    pub title: String,
    /// The category whose chapter shows it; `None` for the streets chapter.
    pub category: Option<String>,
}

/// The width of every chart's SVG canvas, in pixels.
pub(crate) const WIDTH: u32 = 720;
/// The height of the charts over the years.
pub(crate) const HEIGHT: u32 = 370;
/// The size of all chart text (axis labels, values, legend, notes), in SVG
/// pixels: the `font-size` the SVG carries.
pub const TEXT_PX: f64 = 15.5;
/// The smallest size chart text may print at, in points.
pub const MIN_PRINTED_PT: f64 = 7.5;

/// The size, in points, that chart text of `px` SVG pixels prints at when the
/// chart is `printed_mm` wide on paper.
pub fn printed_pt(px: f64, printed_mm: f64) -> f64 {
    px * printed_mm / 25.4 * 72.0 / WIDTH as f64
}

/// The narrowest printed width, in millimetres, at which every chart's text is
/// at least [`MIN_PRINTED_PT`] (≈ 123 mm). Full text width on A4 (96% of
/// 160 mm) and on 16开 (96% of 143 mm) are wider; half of either is not, and
/// ten years of bars leave no room for larger text at half width.
pub fn min_printed_width_mm() -> f64 {
    MIN_PRINTED_PT / 72.0 * 25.4 * WIDTH as f64 / TEXT_PX
}

/// Dark blue (grey ≈ 33%).
pub(crate) const BAR: RGBColor = RGBColor(0x2F, 0x55, 0x97);
/// Amber (grey ≈ 58%): apart from the bars in grey too.
pub(crate) const LINE: RGBColor = RGBColor(0xD9, 0x82, 0x1E);
/// Mid and light shades for stacked parts.
pub(crate) const MID: RGBColor = RGBColor(0x7F, 0x9C, 0xC9);
pub(crate) const LIGHT: RGBColor = RGBColor(0xC9, 0xD6, 0xEA);
pub(crate) const TARGET: RGBColor = RGBColor(0xB0, 0x24, 0x18);
pub(crate) const AXIS: RGBColor = RGBColor(0x40, 0x40, 0x40);
pub(crate) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

pub(crate) fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for f in assets::FONTS.iter().filter(|f| f.family == assets::SANS && !f.bold) {
            // The embedded font is known to be valid; a failure would only make
            // plotters fall back to its estimate of text widths.
            let _ = plotters::style::register_font(f.family, FontStyle::Normal, f.data);
        }
    });
}

/// The chart face at `px` SVG pixels. plotters writes `font-size` as the size
/// it is given divided by 1.24, so it is given 1.24 times the size wanted.
pub(crate) fn font(px: f64) -> TextStyle<'static> {
    (assets::SANS, px * 1.24).into_font().color(&AXIS)
}

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("绘制图表失败：{e:?}")
}

/// Whether a unit counts whole things (件, 家, 人…): its axis shows whole numbers.
pub(crate) fn is_count(unit: &str) -> bool {
    crate::catalog::unit::parse(unit).is_ok_and(crate::catalog::unit::Unit::is_count)
}

/// A break in a series a chart shows: from the label at `at` on, the figures
/// are on a new basis (口径调整) and not comparable with those before.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    /// The index of the first label on the new basis.
    pub at: usize,
    /// What the new basis is: 第七次全国人口普查结果.
    pub reason: String,
}

/// The caption's note of the breaks: （2020年起口径调整）; empty without one.
pub(crate) fn break_caption(labels: &[String], breaks: &[Break]) -> String {
    let years: Vec<&str> = breaks.iter().filter_map(|b| labels.get(b.at)).map(|l| l.as_str()).collect();
    if years.is_empty() { String::new() } else { format!("（{}起口径调整）", years.join("、")) }
}

/// The alt text's sentences on the breaks.
pub(crate) fn break_alt(labels: &[String], breaks: &[Break]) -> String {
    breaks
        .iter()
        .filter_map(|b| {
            let year = labels.get(b.at)?;
            Some(format!("{year}起数据按{}调整口径，与此前年份不可比，虚线竖线为口径调整处。", b.reason))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The millimetres of `key: 24mm` in `text`.
    fn mm(text: &str, key: &str) -> f64 {
        let at =
            text.find(&format!("{key}: ")).unwrap_or_else(|| panic!("no {key} in {text}")) + key.len() + 2;
        let rest = &text[at..];
        rest[..rest.find("mm").expect("a length in mm")].parse().expect("a number")
    }

    /// The printed width of a chart on each paper, in mm, from the templates:
    /// the text width of `paper-setup` (style.typ) times the image width of
    /// `chart-block` (tables.typ).
    fn printed_widths() -> Vec<(f64, f64)> {
        let style = assets::template("/lib/style.typ").unwrap();
        let tables = assets::template("/lib/tables.typ").unwrap();
        let block = &tables[tables.find("#let chart-block").expect("chart-block")..];
        let image = &block[block.find("image(").expect("an image")..];
        let at = image.find("width: ").expect("the image's width") + "width: ".len();
        let share: f64 = image[at..at + image[at..].find('%').expect("a width in %")].parse().unwrap();
        style
            .lines()
            .filter(|l| l.contains("(width: ") && l.contains("margin: "))
            .map(|l| {
                let paper = mm(l, "width");
                (paper, (paper - mm(l, "inside") - mm(l, "outside")) * share / 100.0)
            })
            .collect()
    }

    /// Every `font-size` in an SVG.
    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
            .collect()
    }

    fn every_kind() -> Vec<Chart> {
        let years = |n: usize| (0..n).map(|k| format!("{}年", 2016 + k)).collect::<Vec<_>>();
        let values = [4100.0, 4650.0, 5400.0, 5900.0, 6825.0, 8120.0, 7650.0, 7980.0, 8340.0, 8710.0];
        let some = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
        let printed = |v: &[f64]| v.iter().map(|x| crate::format::round(*x, 0)).collect::<Vec<_>>();
        vec![
            bar_growth(&BarGrowth {
                id: "a".into(),
                name: "专利授权量".into(),
                unit: "件".into(),
                labels: years(10),
                values: some(&values),
                growth: (0..10).map(|i| (i > 0).then(|| (values[i] / values[i - 1] - 1.0) * 100.0)).collect(),
                printed: printed(&values),
                points: false,
                breaks: vec![Break { at: 4, reason: "甲".into() }],
            })
            .unwrap(),
            target_bars(&TargetBars {
                id: "b".into(),
                name: "有效发明专利拥有量".into(),
                unit: "件".into(),
                labels: years(6),
                values: some(&values[4..]),
                printed: printed(&values[4..]),
                target: 8000.0,
                target_label: "8000".into(),
                target_year: 2025,
                plan: "十四五".into(),
                breaks: Vec::new(),
            })
            .unwrap(),
            composition(&Composition {
                id: "c".into(),
                name: "专利授权量".into(),
                unit: "件".into(),
                labels: years(10),
                parts: vec![("发明".into(), some(&values)), ("实用新型".into(), some(&values))],
                printed: vec![printed(&values), printed(&values)],
                breaks: Vec::new(),
            })
            .unwrap(),
            ranking(&Ranking {
                id: "d".into(),
                name: "有效发明专利拥有量".into(),
                unit: "件".into(),
                items: vec![
                    ("新街口街道".into(), 4382.0, "4382".into()),
                    ("玄武湖街道".into(), 1645.0, "1645".into()),
                ],
            })
            .unwrap(),
        ]
    }

    #[test]
    fn chart_text_prints_at_7_5_pt_or_more_on_a4_and_16k() {
        let widths = printed_widths();
        // A4 (210 mm) and 16开 (185 mm), full text width.
        let papers: Vec<f64> = widths.iter().map(|(p, _)| *p).collect();
        assert!(papers.contains(&210.0) && papers.contains(&185.0), "{widths:?}");
        for chart in every_kind() {
            let sizes = font_sizes(&chart.svg);
            assert!(!sizes.is_empty(), "{}", chart.id);
            let smallest = sizes.iter().cloned().fold(f64::MAX, f64::min);
            assert!(smallest >= TEXT_PX - 1e-9, "{}: {smallest}px", chart.id);
            assert!(chart.svg.starts_with(&format!("<svg width=\"{WIDTH}\"")), "{}", &chart.svg[..40]);
            for (paper, width) in &widths {
                let pt = printed_pt(smallest, *width);
                assert!(
                    pt >= MIN_PRINTED_PT,
                    "{}: {pt:.2} pt on {paper} mm paper ({width:.1} mm wide)",
                    chart.id
                );
            }
        }
        // The stated narrowest width is what the sizes give, and both papers are wider.
        assert!((printed_pt(TEXT_PX, min_printed_width_mm()) - MIN_PRINTED_PT).abs() < 1e-9);
        for (_, width) in &widths {
            assert!(min_printed_width_mm() <= *width, "{width}");
        }
    }
}
