//! A ranking: a horizontal bar per item, largest at the top, value at the bar's end.

use anyhow::Result;
use plotters::prelude::*;

use super::frame::draw_label;
use super::geom::{Axis, Label, text_width};
use super::{AXIS, BAR, Chart, GRID, TEXT_PX, WIDTH, err, font, is_count, register_fonts};

/// The data of a ranking chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// (label, value, printed value), already sorted.
    pub items: Vec<(String, f64, String)>,
}

/// Draws a horizontal bar per item, largest first, with the value at the bar's end.
pub fn ranking(spec: &Ranking) -> Result<Chart> {
    register_fonts();
    let n = spec.items.len().max(1);
    let vmax = spec.items.iter().map(|i| i.1).fold(0.0_f64, f64::max);
    // Room at the right for the largest value's label.
    let axis = Axis::round(0.0, if vmax > 0.0 { vmax * 1.15 } else { 1.0 }, 5, is_count(&spec.unit));
    let xmax = axis.hi;
    let names = spec.items.iter().map(|it| text_width(&it.0, TEXT_PX)).fold(0.0, f64::max);
    let height = 56 + 36 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(20)
            .x_label_area_size(44)
            .y_label_area_size((names + 14.0).ceil() as u32)
            .build_cartesian_2d(0.0..xmax, (0..n as i32 - 1).into_segmented())
            .map_err(err)?;
        let items = spec.items.clone();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .max_light_lines(1)
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .axis_style(AXIS)
            .y_labels(n)
            .y_label_formatter(&|y| match y {
                // The largest item is drawn at the top.
                SegmentValue::CenterOf(i) => {
                    items.get(n - 1 - *i as usize).map(|it| it.0.clone()).unwrap_or_default()
                }
                _ => String::new(),
            })
            .x_labels(axis.ticks().len())
            .x_label_formatter(&|v| axis.label(*v))
            .x_desc(spec.unit.as_str())
            .label_style(font(TEXT_PX))
            .axis_desc_style(font(TEXT_PX))
            .draw()
            .map_err(err)?;
        let bars = spec.items.iter().enumerate().map(|(k, it)| ((n - 1 - k) as i32, it.1));
        // Drawn in order: plotters' Histogram keeps bars in a hash map.
        chart
            .draw_series(bars.map(|(k, v)| {
                let mut r = Rectangle::new(
                    [(0.0, SegmentValue::Exact(k)), (v, SegmentValue::Exact(k + 1))],
                    BAR.filled(),
                );
                r.set_margin(7, 7, 0, 0);
                r
            }))
            .map_err(err)?;
        // The value a little after the bar's end (a leading space would collapse).
        for (k, it) in spec.items.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(it.1, SegmentValue::CenterOf((n - 1 - k) as i32)));
            draw_label(&root, &Label::at(it.2.clone(), TEXT_PX, x as f64 + 6.0, y as f64 - TEXT_PX / 2.0))?;
        }
        root.present().map_err(err)?;
    }
    let parts: Vec<String> = spec.items.iter().map(|(l, _, p)| format!("{l}{p}")).collect();
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt: format!("条形图：{}（{}），由高到低依次为{}。", spec.name, spec.unit, parts.join("，")),
        title: spec.name.clone(),
        category: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
