//! Charts drawn with plotters into SVG strings, keyed by id, handed to the
//! typesetter as virtual files. Chart text is real text in the embedded Hei face,
//! registered with plotters' `ab_glyph` under the same family name so that labels
//! are measured right; at the printed width, 15 px is the tables' 9 pt.
//!
//! Kinds: the bulletin's standard chart (bars for the amount, a line for the
//! growth rate on a second axis), progress towards a plan's target (bars and a
//! dashed target line), composition (stacked bars, e.g. 发明 / 实用新型 / 外观设计)
//! and a ranking of streets. Colours differ in lightness so that they stay apart
//! printed in grey; every bar carries its value, every line its markers; every
//! chart has alt text generated from its data.

mod bars;
mod plan;
mod ranking;

use std::sync::Once;

use anyhow::anyhow;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::assets;

pub use bars::{BarGrowth, Composition, TargetBars, bar_growth, composition, target_bars};
pub use plan::{Drawn, STREET_RANKING, Spec, build_all, chart_id, draw_all, specs, street_ranking_indicator};
pub use ranking::{Ranking, ranking};

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

pub(crate) const WIDTH: u32 = 720;
pub(crate) const HEIGHT: u32 = 340;
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

pub(crate) fn font(size: f64) -> TextStyle<'static> {
    (assets::SANS, size).into_font().color(&AXIS)
}

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("绘制图表失败：{e:?}")
}

/// Whether a unit counts whole things (件, 家, 人…): its axis shows whole numbers.
pub(crate) fn is_count(unit: &str) -> bool {
    matches!(unit, "件" | "项" | "个" | "家" | "人" | "人次")
}

/// A tick label for a count axis: whole numbers only (no 0.5 家).
pub(crate) fn count_label(v: f64, span: f64) -> String {
    if span < 20.0 && v.fract().abs() > 1e-9 { String::new() } else { crate::format::round(v, 0) }
}

/// An axis tick label with as many decimals as the axis's span needs.
pub(crate) fn axis_label(v: f64, span: f64) -> String {
    let decimals = if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else {
        2
    };
    crate::format::round(v, decimals)
}

/// A legend entry's mark.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    Bar(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

/// The legend, in one row above the plot.
pub(crate) fn draw_legend(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    entries: &[(Mark, String)],
) -> anyhow::Result<()> {
    let style = font(15.0);
    let (mut x, y) = (76, 8);
    for (mark, label) in entries {
        match *mark {
            Mark::Bar(c) => {
                root.draw(&Rectangle::new([(x, y + 2), (x + 20, y + 14)], c.filled())).map_err(err)?
            }
            Mark::Line(c) => {
                root.draw(&PathElement::new(vec![(x, y + 8), (x + 22, y + 8)], c.stroke_width(2)))
                    .map_err(err)?;
                root.draw(&Circle::new((x + 11, y + 8), 4, c.filled())).map_err(err)?;
            }
            Mark::Dashed(c) => {
                for k in 0..3 {
                    let x0 = x + k * 8;
                    root.draw(&PathElement::new(vec![(x0, y + 8), (x0 + 5, y + 8)], c.stroke_width(2)))
                        .map_err(err)?;
                }
            }
        }
        root.draw(&Text::new(label.clone(), (x + 28, y), style.clone())).map_err(err)?;
        // Never less than a full em for each CJK character and 0.6 em for others:
        // the estimate can fall short of the width Typst sets the text at.
        let (w, _) = root.estimate_text_size(label, &style).map_err(err)?;
        let wide = label.chars().filter(|c| !c.is_ascii()).count() as u32;
        let narrow = label.chars().count() as u32 - wide;
        let floor = wide * 15 + narrow * 9;
        x += 28 + w.max(floor) as i32 + 26;
    }
    Ok(())
}
