//! Vertical bar charts over years: with the growth rate on a second axis, with a
//! plan's target line, and stacked by component.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    AXIS, BAR, Chart, GRID, HEIGHT, LIGHT, LINE, MID, Mark, TARGET, WIDTH, axis_label, count_label,
    draw_legend, err, font, is_count, register_fonts,
};

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

/// A vertical bar over a year, drawn in order (plotters' Histogram keeps its bars
/// in a hash map, which would make the SVG differ from run to run).
fn bar(i: i32, v: f64, margin: u32) -> Rectangle<(SegmentValue<i32>, f64)> {
    let mut r =
        Rectangle::new([(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), v)], BAR.filled());
    r.set_margin(0, 0, margin, margin);
    r
}

/// The year axis below and the amount axis at the left, in the document's font;
/// a count axis shows whole numbers only.
fn year_axes<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<SegmentedCoord<RangedCoordi32>, RangedCoordf64>>,
    labels: &[String],
    unit: &str,
    ymax: f64,
) -> Result<()> {
    let whole = is_count(unit);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(1)
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(labels.len())
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|v| if whole { count_label(*v, ymax) } else { axis_label(*v, ymax) })
        .label_style(font(15.0))
        .axis_desc_style(font(15.0))
        .draw()
        .map_err(|e| err(e.to_string()))?;
    Ok(())
}

/// A chart over the years with the amount axis at the left, its axes drawn: the
/// frame of the target and composition charts.
fn year_chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    labels: &[String],
    unit: &str,
    ymax: f64,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<SegmentedCoord<RangedCoordi32>, RangedCoordf64>>> {
    let n = labels.len() as i32;
    let mut chart = ChartBuilder::on(root)
        .margin_top(TOP)
        .margin_left(8)
        .margin_right(20)
        .margin_bottom(6)
        .x_label_area_size(30)
        .y_label_area_size(60)
        .build_cartesian_2d((0..n - 1).into_segmented(), 0.0..ymax)
        .map_err(err)?;
    year_axes(&mut chart, labels, unit, ymax)?;
    Ok(chart)
}

/// The axis titles, set horizontally above their axes (a rotated title reads
/// sideways): the unit at the left, the line's measure at the right.
fn axis_titles(root: &DrawingArea<SVGBackend<'_>, Shift>, left: &str, right: Option<&str>) -> Result<()> {
    let style = font(14.0);
    root.draw(&Text::new(format!("单位：{left}"), (12, TITLE_Y), style.clone())).map_err(err)?;
    if let Some(right) = right {
        let (w, _) = root.estimate_text_size(right, &style).map_err(err)?;
        root.draw(&Text::new(right.to_string(), (WIDTH as i32 - 10 - w as i32, TITLE_Y), style))
            .map_err(err)?;
    }
    Ok(())
}

/// Where the axis titles sit: under the legend, above the plot.
const TITLE_Y: i32 = 32;
/// The space above the plot: the legend and the axis titles.
const TOP: u32 = 54;

fn top_label() -> Pos {
    Pos::new(HPos::Center, VPos::Bottom)
}

/// Draws bars for the amounts and a line with markers for the growth rate.
pub fn bar_growth(spec: &BarGrowth) -> Result<Chart> {
    register_fonts();
    let n = spec.labels.len();
    let vmax = spec.values.iter().flatten().cloned().fold(0.0_f64, f64::max);
    // The bars and their labels keep to the lower 60% of the plot, the growth
    // line to the band above them, so that no label meets a marker.
    let ymax = if vmax > 0.0 { vmax * 1.75 } else { 1.0 };
    let growth: Vec<f64> = spec.growth.iter().flatten().cloned().collect();
    let (lo, hi) = growth.iter().fold((f64::MAX, f64::MIN), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
    let (lo, hi) = if growth.is_empty() { (0.0, 1.0) } else { (lo, hi) };
    let range = (hi - lo).max(1.0);
    let (gmin, gmax) = (lo - range * 0.68 / 0.25, hi + range * 0.07 / 0.25);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(TOP)
            .margin_left(8)
            .margin_right(8)
            .margin_bottom(6)
            .x_label_area_size(30)
            .y_label_area_size(60)
            .right_y_label_area_size(52)
            .build_cartesian_2d((0..n as i32 - 1).into_segmented(), 0.0..ymax)
            .map_err(err)?
            .set_secondary_coord((0..n as i32 - 1).into_segmented(), gmin..gmax);
        year_axes(&mut chart, &spec.labels, &spec.unit, ymax)?;
        let growth_desc = if spec.points { "增减（百分点）" } else { "增长速度（%）" };
        chart
            .configure_secondary_axes()
            .axis_style(AXIS)
            .y_label_formatter(&|v| axis_label(*v, gmax - gmin))
            .label_style(font(15.0))
            .axis_desc_style(font(15.0))
            .draw()
            .map_err(err)?;
        let bars = spec.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as i32, v)));
        chart.draw_series(bars.clone().map(|(i, v)| bar(i, v, 10))).map_err(err)?;
        chart
            .draw_series(bars.clone().map(|(i, v)| {
                Text::new(
                    spec.printed[i as usize].clone(),
                    (SegmentValue::CenterOf(i), v),
                    font(14.0).pos(top_label()),
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
        // Markers with a white ring stay visible over the bars in grey.
        chart
            .draw_secondary_series(points.iter().map(|p| Circle::new(p.clone(), 6, WHITE.filled())))
            .map_err(err)?;
        chart
            .draw_secondary_series(points.iter().map(|p| Circle::new(p.clone(), 4, LINE.filled())))
            .map_err(err)?;
        let line_label = if spec.points {
            "比上年增减（百分点，右轴）"
        } else {
            "比上年增长（%，右轴）"
        };
        draw_legend(&root, &[(Mark::Bar(BAR), spec.name.clone()), (Mark::Line(LINE), line_label.into())])?;
        axis_titles(&root, &spec.unit, Some(growth_desc))?;
        root.present().map_err(err)?;
    }
    let parts: Vec<String> = spec.labels.iter().zip(&spec.printed).map(|(l, p)| format!("{l}{p}")).collect();
    let growth_text: Vec<String> = spec
        .labels
        .iter()
        .zip(&spec.growth)
        .filter_map(|(l, g)| g.map(|g| format!("{l}{}", crate::format::round(g, 1))))
        .collect();
    let unit = if spec.points { "个百分点" } else { "%" };
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt: format!(
            "柱状图：{}（{}），{}；折线为比上年增长速度（{unit}）：{}。",
            spec.name,
            spec.unit,
            parts.join("，"),
            growth_text.join("，")
        ),
        title: format!(
            "{}—{}{}及其{}",
            spec.labels.first().map(|l| l.trim_end_matches('年')).unwrap_or(""),
            spec.labels.last().cloned().unwrap_or_default(),
            spec.name,
            if spec.points { "增减" } else { "增长速度" }
        ),
        category: None,
    })
}

/// The data of a chart of progress towards a target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetBars {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub labels: Vec<String>,
    pub values: Vec<Option<f64>>,
    pub printed: Vec<String>,
    pub target: f64,
    /// The target as printed: `18000` or `＞2800`.
    pub target_label: String,
    /// The year the target is for.
    pub target_year: i32,
    /// The plan's short name, printed in quotes.
    pub plan: String,
}

/// Bars for the years with a dashed line at the target.
pub fn target_bars(spec: &TargetBars) -> Result<Chart> {
    register_fonts();
    let vmax = spec.values.iter().flatten().cloned().fold(spec.target, f64::max);
    let ymax = vmax * 1.18;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = year_chart(&root, &spec.labels, &spec.unit, ymax)?;
        let bars = spec.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as i32, v)));
        chart.draw_series(bars.clone().map(|(i, v)| bar(i, v, 14))).map_err(err)?;
        chart
            .draw_series(bars.map(|(i, v)| {
                Text::new(
                    spec.printed[i as usize].clone(),
                    (SegmentValue::CenterOf(i), v),
                    font(14.0).pos(top_label()),
                )
            }))
            .map_err(err)?;
        // The dashed target line across the plot.
        let x_range = chart.plotting_area().get_pixel_range().0;
        let y = chart.backend_coord(&(SegmentValue::CenterOf(0), spec.target)).1;
        let mut x = x_range.start;
        while x < x_range.end {
            root.draw(&PathElement::new(
                vec![(x, y), ((x + 10).min(x_range.end), y)],
                TARGET.stroke_width(2),
            ))
            .map_err(err)?;
            x += 16;
        }
        root.draw(&Text::new(
            format!("{}年目标 {}", spec.target_year, spec.target_label),
            (x_range.start + 6, y - 4),
            font(14.0).color(&TARGET).pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))
        .map_err(err)?;
        draw_legend(
            &root,
            &[
                (Mark::Bar(BAR), spec.name.clone()),
                (Mark::Dashed(TARGET), format!("“{}”目标（{}年）", spec.plan, spec.target_year)),
            ],
        )?;
        axis_titles(&root, &spec.unit, None)?;
        root.present().map_err(err)?;
    }
    let parts: Vec<String> = spec.labels.iter().zip(&spec.printed).map(|(l, p)| format!("{l}{p}")).collect();
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt: format!(
            "柱状图：{}（{}），{}；虚线为{}年目标{}。",
            spec.name,
            spec.unit,
            parts.join("，"),
            spec.target_year,
            spec.target_label
        ),
        title: format!("{}与“{}”目标", spec.name, spec.plan),
        category: None,
    })
}

/// The data of a stacked chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    pub id: String,
    /// The total's name.
    pub name: String,
    pub unit: String,
    pub labels: Vec<String>,
    /// (part name, values per label), bottom first.
    pub parts: Vec<(String, Vec<Option<f64>>)>,
    /// Part values as printed, per part and label.
    pub printed: Vec<Vec<String>>,
}

/// Stacked bars, one shade per part, each segment labelled with its value.
pub fn composition(spec: &Composition) -> Result<Chart> {
    register_fonts();
    let n = spec.labels.len();
    let totals: Vec<f64> = (0..n).map(|i| spec.parts.iter().filter_map(|(_, v)| v[i]).sum()).collect();
    let ymax = totals.iter().cloned().fold(0.0_f64, f64::max).max(1.0) * 1.12;
    let shades = [BAR, MID, LIGHT];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let chart = year_chart(&root, &spec.labels, &spec.unit, ymax)?;
        let mut base = vec![0.0; n];
        for (k, (_, values)) in spec.parts.iter().enumerate() {
            let shade = shades[k % shades.len()];
            let text_color = if k == 0 { WHITE } else { AXIS };
            for i in 0..n {
                let Some(v) = values[i] else { continue };
                let (y0, y1) = (base[i], base[i] + v);
                base[i] = y1;
                let (l, r) = (SegmentValue::Exact(i as i32), SegmentValue::Exact(i as i32 + 1));
                let rect = chart.backend_coord(&(l, y0));
                let rect2 = chart.backend_coord(&(r, y1));
                let w = rect2.0 - rect.0;
                root.draw(&Rectangle::new(
                    [(rect.0 + w / 6, rect2.1), (rect2.0 - w / 6, rect.1)],
                    shade.filled(),
                ))
                .map_err(err)?;
                // The value inside the segment when it is tall enough.
                if rect.1 - rect2.1 >= 16 {
                    root.draw(&Text::new(
                        spec.printed[k][i].clone(),
                        ((rect.0 + rect2.0) / 2, (rect.1 + rect2.1) / 2),
                        font(13.0).color(&text_color).pos(Pos::new(HPos::Center, VPos::Center)),
                    ))
                    .map_err(err)?;
                }
            }
        }
        let entries: Vec<(Mark, String)> = spec
            .parts
            .iter()
            .enumerate()
            .map(|(k, (name, _))| (Mark::Bar(shades[k % shades.len()]), name.clone()))
            .collect();
        draw_legend(&root, &entries)?;
        axis_titles(&root, &spec.unit, None)?;
        root.present().map_err(err)?;
    }
    let mut alt = format!("堆积柱状图：{}（{}）的构成，", spec.name, spec.unit);
    let per_year: Vec<String> = spec
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let parts: Vec<String> = spec
                .parts
                .iter()
                .enumerate()
                .map(|(k, (name, _))| format!("{name}{}", spec.printed[k][i]))
                .collect();
            format!("{l}{}", parts.join("、"))
        })
        .collect();
    alt.push_str(&per_year.join("；"));
    alt.push('。');
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt,
        title: format!(
            "{}—{}{}构成",
            spec.labels.first().map(|l| l.trim_end_matches('年')).unwrap_or(""),
            spec.labels.last().cloned().unwrap_or_default(),
            spec.name
        ),
        category: None,
    })
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
        assert_eq!(
            chart.alt,
            "柱状图：专利授权量（件），2024年8340，2025年8710；折线为比上年增长速度（%）：2025年4.4。"
        );
        assert_eq!(chart.title, "2024—2025年专利授权量及其增长速度");
    }

    #[test]
    fn target_and_composition_alt_text() {
        let t = target_bars(&TargetBars {
            id: "g".into(),
            name: "有效发明专利拥有量".into(),
            unit: "件".into(),
            labels: vec!["2020年".into(), "2025年".into()],
            values: vec![Some(12482.0), Some(18260.0)],
            printed: vec!["12482".into(), "18260".into()],
            target: 18000.0,
            target_label: "18000".into(),
            target_year: 2025,
            plan: "甲".into(),
        })
        .unwrap();
        assert_eq!(
            t.alt,
            "柱状图：有效发明专利拥有量（件），2020年12482，2025年18260；虚线为2025年目标18000。"
        );
        assert!(t.svg.contains("2025年目标 18000"));
        let c = composition(&Composition {
            id: "c".into(),
            name: "专利授权量".into(),
            unit: "件".into(),
            labels: vec!["2025年".into()],
            parts: vec![("发明".into(), vec![Some(4720.0)]), ("实用新型".into(), vec![Some(3350.0)])],
            printed: vec![vec!["4720".into()], vec!["3350".into()]],
        })
        .unwrap();
        assert_eq!(c.alt, "堆积柱状图：专利授权量（件）的构成，2025年发明4720、实用新型3350。");
        assert_eq!(c.title, "2025—2025年专利授权量构成");
    }
}
