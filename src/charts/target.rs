//! Progress towards a plan's target: a bar per year and a dashed line at the
//! target. No value label meets the line: each goes above its bar, inside it,
//! above the line, or is left out (the table has it).

use anyhow::Result;
use plotters::prelude::*;

use super::frame::{Frame, FrameSpec, Mark, dashed, draw_label, px};
use super::geom::{Axis, Label, Rect, Shape};
use super::growth::ROOM;
use super::{BAR, Break, Chart, HEIGHT, TARGET, TEXT_PX, WIDTH, break_alt, break_caption, err, is_count};

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
    pub breaks: Vec<Break>,
}

/// The half width of the target line's stroke.
const HALF_STROKE: f64 = 1.0;
/// Between a label and the mark it belongs to.
const GAP: f64 = 3.0;

/// A laid-out target chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub frame: Frame,
    pub bars: Vec<(usize, Rect)>,
    /// The band the target line's stroke covers.
    pub target_band: Rect,
    /// The target's value on the line; `None`: it is in the legend instead.
    pub target_label: Option<Label>,
    /// (slot, label) of the values that found a place.
    pub bar_labels: Vec<(usize, Label)>,
}

impl Layout {
    #[cfg(test)]
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.frame.labels().chain(&self.target_label).chain(self.bar_labels.iter().map(|(_, l)| l))
    }
}

pub(crate) fn layout(spec: &TargetBars) -> Layout {
    let on_line = format!("{}年目标 {}", spec.target_year, spec.target_label);
    let plain = format!("“{}”目标（{}年）", spec.plan, spec.target_year);
    let first = layout_with(spec, plain, Some(&on_line));
    if first.target_label.is_some() {
        return first;
    }
    // No room on the line: the legend says the target.
    layout_with(spec, format!("“{}”{}年目标：{}", spec.plan, spec.target_year, spec.target_label), None)
}

fn layout_with(spec: &TargetBars, legend: String, on_line: Option<&str>) -> Layout {
    let vmax = spec.values.iter().flatten().cloned().fold(spec.target, f64::max);
    let left = Axis::round(0.0, vmax, 6, is_count(&spec.unit));
    let breaks: Vec<usize> = spec.breaks.iter().map(|b| b.at).collect();
    let frame = Frame::new(
        &FrameSpec {
            labels: &spec.labels,
            unit: &spec.unit,
            legend: vec![(Mark::Bar(BAR), spec.name.clone()), (Mark::Dashed(super::TARGET), legend)],
            right_title: None,
            left,
            right: None,
            breaks: &breaks,
        },
        |plot| ((plot.y1, plot.y0 + ROOM), None),
    );
    let plot = frame.plot;
    let bars: Vec<(usize, Rect)> = spec
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let (a, b) = frame.slots[i];
            let m = (b - a) * 0.22;
            Some((i, Rect::new(a + m, frame.left.px(0.0), b - m, frame.left.px((*v)?))))
        })
        .collect();
    let y = frame.left.px(spec.target);
    let target_band = Rect::new(plot.x0, y - HALF_STROKE, plot.x1, y + HALF_STROKE);

    let mut placer = frame.placer();
    placer.avoid(Shape::Rect(target_band));
    // The target's value at either end of the line, above or below it, clear
    // of the bars (text over a bar would not read).
    let target_label = on_line.and_then(|text| {
        let mut free = placer.clone();
        for (_, r) in &bars {
            free.avoid(Shape::Rect(*r));
        }
        let above = y - HALF_STROKE - GAP - TEXT_PX;
        let below = y + HALF_STROKE + GAP;
        let label = |left: bool, top: f64| {
            let l = if left {
                Label::at(text, TEXT_PX, plot.x0 + 6.0, top)
            } else {
                Label::ending(text, TEXT_PX, plot.x1 - 6.0, top)
            };
            l.coloured(TARGET)
        };
        free.place([label(true, above), label(false, above), label(true, below), label(false, below)])?;
        free.placed.last().cloned()
    });
    placer.placed.extend(target_label.clone());
    let mut bar_labels = Vec::new();
    for (i, r) in &bars {
        let text = &spec.printed[*i];
        let cx = (r.x0 + r.x1) / 2.0;
        let above = Label::centred(text.clone(), TEXT_PX, cx, r.y0 - GAP - TEXT_PX);
        let inside = Label::centred(text.clone(), TEXT_PX, cx, r.y0 + GAP).coloured(WHITE);
        let over_line = Label::centred(text.clone(), TEXT_PX, cx, y - HALF_STROKE - GAP - TEXT_PX);
        let mut candidates = vec![above];
        if r.contains(&inside.rect.inflate(1.0)) {
            candidates.push(inside);
        }
        // A bar just short of the line: its value over the line, still above it.
        if r.y0 > y && r.y0 - y < 2.0 * TEXT_PX {
            candidates.push(over_line);
        }
        if placer.place(candidates).is_some() {
            bar_labels.push((*i, placer.placed.last().cloned().expect("just placed")));
        }
    }
    Layout { frame, bars, target_band, target_label, bar_labels }
}

/// Bars for the years with a dashed line at the target.
pub fn target_bars(spec: &TargetBars) -> Result<Chart> {
    let layout = layout(spec);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        layout.frame.draw_under(&root)?;
        for (_, r) in &layout.bars {
            root.draw(&Rectangle::new([(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1))], BAR.filled()))
                .map_err(err)?;
        }
        let band = &layout.target_band;
        let y = (band.y0 + band.y1) / 2.0;
        dashed(&root, (band.x0, y), (band.x1, y), TARGET)?;
        for l in layout.target_label.iter().chain(layout.bar_labels.iter().map(|(_, l)| l)) {
            draw_label(&root, l)?;
        }
        layout.frame.draw_over(&root)?;
        root.present().map_err(err)?;
    }
    let parts: Vec<String> = spec.labels.iter().zip(&spec.printed).map(|(l, p)| format!("{l}{p}")).collect();
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt: format!(
            "柱状图：{}（{}），{}；虚线为{}年目标{}。{}",
            spec.name,
            spec.unit,
            parts.join("，"),
            spec.target_year,
            spec.target_label,
            break_alt(&spec.labels, &spec.breaks)
        ),
        title: format!("{}与“{}”目标{}", spec.name, spec.plan, break_caption(&spec.labels, &spec.breaks)),
        category: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::geom::CLEAR;
    use crate::charts::growth::tests::years;

    fn spec(values: &[f64], decimals: usize, target: f64) -> TargetBars {
        TargetBars {
            id: "g".into(),
            name: "万人高价值发明专利数".into(),
            unit: "件".into(),
            labels: years(2020, values.len()),
            values: values.iter().map(|v| Some(*v)).collect(),
            printed: values.iter().map(|v| crate::format::round(*v, decimals)).collect(),
            target,
            target_label: crate::format::round(target, decimals.min(1)),
            target_year: 2025,
            plan: "十四五".into(),
            breaks: Vec::new(),
        }
    }

    /// No text meets the target line or another text; the values stay in the plot.
    fn assert_clear(l: &Layout) {
        let labels: Vec<&Label> = l.labels().collect();
        for (a, x) in labels.iter().enumerate() {
            for y in &labels[a + 1..] {
                assert!(!x.rect.intersects(&y.rect), "{x:?} overlaps {y:?}");
            }
            assert!(!x.rect.inflate(CLEAR).intersects(&l.target_band), "{x:?} meets the target line");
        }
        for (_, v) in &l.bar_labels {
            assert!(v.rect.y0 >= l.frame.plot.y0 && v.rect.y1 <= l.frame.plot.y1, "{v:?}");
        }
    }

    #[test]
    fn no_value_meets_the_target_line() {
        // The sample's 图3-5 (96.5 under a target of 100), 图4-3 (8.2 and 8.4
        // under 8.6) and 图6-2 (1304.0 just over 1300).
        let cases = [
            spec(&[76.2, 84.8, 91.0, 96.5, 101.8, 106.8], 1, 100.0),
            spec(&[7.5, 7.7, 7.8, 8.0, 8.2, 8.4], 1, 8.6),
            spec(&[1160.1, 1183.9, 1211.9, 1239.0, 1270.6, 1304.0], 1, 1300.0),
            // Values on the target itself.
            spec(&[100.0, 100.0, 99.0, 101.0], 1, 100.0),
        ];
        for s in &cases {
            let l = layout(s);
            assert_clear(&l);
            // Every value found a place: above, inside or over the line.
            assert_eq!(l.bar_labels.len(), s.values.len(), "{:?}", l.bar_labels);
            assert!(l.target_label.is_some());
        }
    }

    #[test]
    fn a_target_with_no_room_on_the_line_is_in_the_legend() {
        // Every bar passes the line well: bars on both sides of it all along.
        let s = spec(&[121.0, 124.5, 126.5, 128.0, 129.8, 131.2], 1, 100.0);
        let l = layout(&s);
        assert_clear(&l);
        assert_eq!(l.target_label, None);
        let legend: Vec<&str> = l.frame.legend.iter().map(|e| e.label.text.as_str()).collect();
        assert_eq!(legend, ["万人高价值发明专利数", "“十四五”2025年目标：100.0"]);
        assert_eq!(l.bar_labels.len(), 6);
    }

    #[test]
    fn target_alt_text() {
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
            breaks: Vec::new(),
        })
        .unwrap();
        assert_eq!(
            t.alt,
            "柱状图：有效发明专利拥有量（件），2020年12482，2025年18260；虚线为2025年目标18000。"
        );
        assert!(t.svg.contains("2025年目标 18000"));
    }
}
