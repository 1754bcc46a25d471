//! Charts drawn with plotters into SVG strings, keyed by id, handed to the
//! typesetter as virtual files. Chart text is real text in the embedded Hei face,
//! registered with plotters' `ab_glyph` under the same family name so that labels
//! are measured right.
//!
//! Two kinds: the statistical bulletin's standard chart (bars for the amount, a
//! line for the growth rate on a second axis) and a ranking of streets.

use std::sync::Once;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::assets;

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The id, also the virtual file name `/charts/{id}.svg`.
    pub id: String,
    pub svg: String,
    /// A text equivalent generated from the data.
    pub alt: String,
}

/// The data of a bars-plus-growth chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGrowth {
    pub id: String,
    /// The series name, used in the legend and the alt text.
    pub name: String,
    pub unit: String,
    /// One label per bar (years).
    pub labels: Vec<String>,
    pub values: Vec<Option<f64>>,
    /// Growth in % on the previous bar; `None` where it cannot be computed.
    pub growth: Vec<Option<f64>>,
    /// Figures as printed above the bars.
    pub printed: Vec<String>,
    /// Whether the growth line is in percentage points (for % indicators).
    pub points: bool,
}

/// The data of a horizontal ranking chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// (label, value, printed value), already sorted.
    pub items: Vec<(String, f64, String)>,
}

const WIDTH: u32 = 720;
const HEIGHT: u32 = 340;
const BAR: RGBColor = RGBColor(0x2F, 0x55, 0x97);
const LINE: RGBColor = RGBColor(0xC0, 0x39, 0x2B);
const AXIS: RGBColor = RGBColor(0x40, 0x40, 0x40);

fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for f in assets::FONTS.iter().filter(|f| f.family == assets::SANS && !f.bold) {
            // The embedded font is known to be valid; a failure would only make
            // plotters fall back to its estimate of text widths.
            let _ = plotters::style::register_font(f.family, FontStyle::Normal, f.data);
        }
    });
}

fn font(size: f64) -> TextStyle<'static> {
    (assets::SANS, size).into_font().color(&AXIS)
}

/// An axis tick label with as many decimals as the axis's span needs.
fn axis_label(v: f64, span: f64) -> String {
    let decimals = if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else {
        2
    };
    crate::format::round(v, decimals)
}

fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("绘制图表失败：{e:?}")
}

/// Draws bars for the amounts and a line with markers for the growth rate.
pub fn bar_growth(spec: &BarGrowth) -> Result<Chart> {
    register_fonts();
    let n = spec.labels.len();
    let vmax = spec.values.iter().flatten().cloned().fold(0.0_f64, f64::max);
    let ymax = if vmax > 0.0 { vmax * 1.18 } else { 1.0 };
    let growth: Vec<f64> = spec.growth.iter().flatten().cloned().collect();
    let (gmin, gmax) = growth.iter().fold((0.0_f64, 0.0_f64), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
    let pad = ((gmax - gmin) * 0.25).max(1.0);
    let (gmin, gmax) = (gmin - pad, gmax + pad);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(34)
            .margin_left(8)
            .margin_right(8)
            .margin_bottom(6)
            .x_label_area_size(30)
            .y_label_area_size(60)
            .right_y_label_area_size(52)
            .build_cartesian_2d((0..n as i32 - 1).into_segmented(), 0.0..ymax)
            .map_err(err)?
            .set_secondary_coord((0..n as i32 - 1).into_segmented(), gmin..gmax);
        let labels = spec.labels.clone();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(1)
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
            .axis_style(AXIS)
            .x_labels(n)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| axis_label(*v, ymax))
            .y_desc(spec.unit.as_str())
            .label_style(font(15.0))
            .axis_desc_style(font(15.0))
            .draw()
            .map_err(err)?;
        let growth_desc = if spec.points { "增减（百分点）" } else { "增长速度（%）" };
        chart
            .configure_secondary_axes()
            .axis_style(AXIS)
            .y_label_formatter(&|v| axis_label(*v, gmax - gmin))
            .y_desc(growth_desc)
            .label_style(font(15.0))
            .axis_desc_style(font(15.0))
            .draw()
            .map_err(err)?;
        let bars = spec.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as i32, v)));
        let histogram = Histogram::vertical(&*chart).style(BAR.filled()).margin(10).data(bars.clone());
        chart.draw_series(histogram).map_err(err)?;
        chart
            .draw_series(bars.clone().map(|(i, v)| {
                Text::new(
                    spec.printed[i as usize].clone(),
                    (SegmentValue::CenterOf(i), v),
                    font(14.0).pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Bottom,
                    )),
                )
            }))
            .map_err(err)?;
        let points: Vec<(SegmentValue<i32>, f64)> = spec
            .growth
            .iter()
            .enumerate()
            .filter_map(|(i, g)| g.map(|g| (SegmentValue::CenterOf(i as i32), g)))
            .collect();
        // Line segments only between neighbouring years, so a gap stays a gap.
        for w in points.windows(2) {
            if let (SegmentValue::CenterOf(a), SegmentValue::CenterOf(b)) = (&w[0].0, &w[1].0)
                && b - a == 1
            {
                chart
                    .draw_secondary_series(LineSeries::new(w.iter().cloned(), LINE.stroke_width(2)))
                    .map_err(err)?;
            }
        }
        chart
            .draw_secondary_series(points.iter().map(|p| Circle::new(p.clone(), 4, LINE.filled())))
            .map_err(err)?;
        let line_label = if spec.points {
            "比上年增减（百分点，右轴）"
        } else {
            "比上年增长（%，右轴）"
        };
        draw_legend(&root, &spec.name, line_label)?;
        root.present().map_err(err)?;
    }
    Ok(Chart { id: spec.id.clone(), svg, alt: alt_bar_growth(spec) })
}

/// The legend, in one row above the plot: a bar swatch and the series name, then
/// the growth line's marker and its label.
fn draw_legend(root: &DrawingArea<SVGBackend<'_>, Shift>, bar_label: &str, line_label: &str) -> Result<()> {
    let style = font(15.0);
    let (x0, y0) = (76, 8);
    root.draw(&Rectangle::new([(x0, y0 + 2), (x0 + 20, y0 + 14)], BAR.filled())).map_err(err)?;
    root.draw(&Text::new(bar_label.to_string(), (x0 + 26, y0), style.clone())).map_err(err)?;
    let (w, _) = root.estimate_text_size(bar_label, &style).map_err(err)?;
    let x1 = x0 + 26 + w as i32 + 28;
    root.draw(&PathElement::new(vec![(x1, y0 + 8), (x1 + 22, y0 + 8)], LINE.stroke_width(2))).map_err(err)?;
    root.draw(&Circle::new((x1 + 11, y0 + 8), 4, LINE.filled())).map_err(err)?;
    root.draw(&Text::new(line_label.to_string(), (x1 + 28, y0), style)).map_err(err)?;
    Ok(())
}

/// Draws a horizontal bar per item, largest first, with the value at the bar's end.
pub fn ranking(spec: &Ranking) -> Result<Chart> {
    register_fonts();
    let n = spec.items.len().max(1);
    let vmax = spec.items.iter().map(|i| i.1).fold(0.0_f64, f64::max);
    let xmax = if vmax > 0.0 { vmax * 1.15 } else { 1.0 };
    let height = 40 + 34 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(20)
            .x_label_area_size(44)
            .y_label_area_size(120)
            .build_cartesian_2d(0.0..xmax, (0..n as i32 - 1).into_segmented())
            .map_err(err)?;
        let items = spec.items.clone();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .max_light_lines(1)
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
            .axis_style(AXIS)
            .y_labels(n)
            .y_label_formatter(&|y| match y {
                // The largest item is drawn at the top.
                SegmentValue::CenterOf(i) => {
                    items.get(n - 1 - *i as usize).map(|it| it.0.clone()).unwrap_or_default()
                }
                _ => String::new(),
            })
            .x_label_formatter(&|v| axis_label(*v, xmax))
            .x_desc(spec.unit.as_str())
            .label_style(font(15.0))
            .axis_desc_style(font(15.0))
            .draw()
            .map_err(err)?;
        let bars = spec.items.iter().enumerate().map(|(k, it)| ((n - 1 - k) as i32, it.1));
        chart
            .draw_series(Histogram::horizontal(&chart).style(BAR.filled()).margin(7).data(bars))
            .map_err(err)?;
        chart
            .draw_series(spec.items.iter().enumerate().map(|(k, it)| {
                Text::new(
                    format!(" {}", it.2),
                    (it.1, SegmentValue::CenterOf((n - 1 - k) as i32)),
                    font(14.0).pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    )),
                )
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(Chart { id: spec.id.clone(), svg, alt: alt_ranking(spec) })
}

fn alt_bar_growth(spec: &BarGrowth) -> String {
    let parts: Vec<String> = spec.labels.iter().zip(&spec.printed).map(|(l, p)| format!("{l}{p}")).collect();
    format!("柱状图：{}（{}），{}；折线为比上年增长速度。", spec.name, spec.unit, parts.join("，"))
}

fn alt_ranking(spec: &Ranking) -> String {
    let parts: Vec<String> = spec.items.iter().map(|(l, _, p)| format!("{l}{p}")).collect();
    format!("条形图：{}（{}），由高到低依次为{}。", spec.name, spec.unit, parts.join("，"))
}

/// The id of a category chapter's chart of an indicator.
pub fn chart_id(indicator: &str) -> String {
    format!("trend-{indicator}")
}

/// The id of the street ranking chart.
pub const STREET_RANKING: &str = "streets-ranking";

/// The indicator ranked across streets: 有效发明专利拥有量 when the streets have it,
/// else the first indicator with street figures for the year.
pub fn street_ranking_indicator<'a>(
    catalog: &'a crate::catalog::Catalog,
    analysis: &crate::analysis::Analysis,
) -> Option<&'a crate::catalog::Indicator> {
    let has =
        |id: &str| catalog.streets().any(|s| analysis.values.value(id, &s.name, analysis.year).is_some());
    catalog
        .get("invention_stock")
        .filter(|i| has(&i.id))
        .or_else(|| catalog.indicators.iter().find(|i| has(&i.id)))
}

/// Draws every chart of the report: each category's charted indicators over the
/// last ten years, and the street ranking.
pub fn build_all(
    catalog: &crate::catalog::Catalog,
    analysis: &crate::analysis::Analysis,
) -> Result<Vec<Chart>> {
    use crate::format;
    let mut charts = Vec::new();
    let first = analysis.year - 9;
    for cat in &catalog.categories {
        for id in &cat.charts {
            let Some(ind) = catalog.get(id) else { continue };
            let years: Vec<i32> =
                (first..=analysis.year).filter(|y| analysis.district_value(id, *y).is_some()).collect();
            if years.len() < 2 {
                continue;
            }
            let years: Vec<i32> = (years[0]..=analysis.year).collect();
            let values: Vec<Option<f64>> = years.iter().map(|y| analysis.district_value(id, *y)).collect();
            let growth = years
                .iter()
                .map(|y| analysis.change(ind, &analysis.district, *y).map(|c| c.amount()))
                .collect();
            let spec = BarGrowth {
                id: chart_id(id),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                labels: years.iter().map(|y| format!("{y}年")).collect(),
                printed: values.iter().map(|v| format::value(ind, *v)).collect(),
                values,
                growth,
                points: ind.unit == "%",
            };
            charts.push(bar_growth(&spec)?);
        }
    }
    if let Some(ind) = street_ranking_indicator(catalog, analysis) {
        let mut items: Vec<(String, f64, String)> = catalog
            .streets()
            .filter_map(|s| {
                let v = analysis.values.value(&ind.id, &s.name, analysis.year)?;
                Some((s.name.clone(), v, format::value(ind, Some(v))))
            })
            .collect();
        items.sort_by(|a, b| b.1.total_cmp(&a.1));
        charts.push(ranking(&Ranking {
            id: STREET_RANKING.into(),
            name: format!("{}年各街道{}", analysis.year, ind.name),
            unit: ind.unit.clone(),
            items,
        })?);
    }
    Ok(charts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_growth_svg_has_real_text_in_the_embedded_family() {
        let spec = BarGrowth {
            id: "t".into(),
            name: "专利授权量".into(),
            unit: "件".into(),
            labels: vec!["2024年".into(), "2025年".into()],
            values: vec![Some(8340.0), Some(8710.0)],
            growth: vec![None, Some(4.4)],
            printed: vec!["8340".into(), "8710".into()],
            points: false,
        };
        let chart = bar_growth(&spec).unwrap();
        assert!(chart.svg.contains("Noto Sans CJK SC"));
        assert!(chart.svg.contains("\n2025年\n"));
        assert!(chart.svg.contains("\n8710\n"));
        assert!(!chart.svg.contains("sans-serif"));
        assert_eq!(chart.alt, "柱状图：专利授权量（件），2024年8340，2025年8710；折线为比上年增长速度。");
    }

    #[test]
    fn ranking_lists_items_in_order() {
        let spec = Ranking {
            id: "r".into(),
            name: "有效发明专利拥有量".into(),
            unit: "件".into(),
            items: vec![
                ("新街口街道".into(), 4382.0, "4382".into()),
                ("玄武湖街道".into(), 1645.0, "1645".into()),
            ],
        };
        let chart = ranking(&spec).unwrap();
        assert!(chart.svg.contains("\n新街口街道\n"));
        assert_eq!(
            chart.alt,
            "条形图：有效发明专利拥有量（件），由高到低依次为新街口街道4382，玄武湖街道1645。"
        );
    }
}
