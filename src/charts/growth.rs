//! The bulletin's standard chart: bars for the amount over the years, and the
//! growth rate as a line with its values in a band above the bars, on a right
//! axis that spans the rates drawn (round ticks of 1, 2 or 5 × 10ⁿ).

use anyhow::Result;
use plotters::prelude::*;

use super::frame::{Frame, FrameSpec, Mark, draw_label, px};
use super::geom::{Axis, Label, Rect, Seg, Shape};
use super::{BAR, Break, Chart, HEIGHT, LINE, TEXT_PX, WIDTH, break_alt, break_caption, err, is_count};

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
    /// Breaks in the series: no growth is drawn at or across them.
    pub breaks: Vec<Break>,
}

/// The radius of a marker with its white ring.
pub(crate) const MARKER_R: f64 = 6.0;
/// The room for a label above a bar: the text, a gap and the clear space.
pub(crate) const ROOM: f64 = TEXT_PX + 6.0;
/// The room for a label above or below a marker at either end of the growth axis.
const LINE_ROOM: f64 = MARKER_R + 4.0 + TEXT_PX + 1.0;
/// The height of the growth axis: four steps, each taller than a tick label.
const GROWTH_AXIS_H: f64 = 4.0 * (TEXT_PX + 2.5);
/// The narrowest span of the growth axis, in % or percentage points.
const MIN_GROWTH_SPAN: f64 = 2.0;
/// The most steps of the growth axis.
const GROWTH_STEPS: u32 = 4;

/// A laid-out bars-plus-growth chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub frame: Frame,
    /// (slot, bar).
    pub bars: Vec<(usize, Rect)>,
    /// The band of the growth line, above the bars.
    pub band: Option<Rect>,
    /// (slot, centre) of each growth marker.
    pub markers: Vec<(usize, (f64, f64))>,
    pub segments: Vec<Seg>,
    /// (slot, label) of the bars' values that found a place.
    pub bar_labels: Vec<(usize, Label)>,
    /// (slot, label) of the growth values that found a place.
    pub growth_labels: Vec<(usize, Label)>,
}

impl Layout {
    /// Every text of the chart.
    #[cfg(test)]
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.frame
            .labels()
            .chain(self.bar_labels.iter().map(|(_, l)| l))
            .chain(self.growth_labels.iter().map(|(_, l)| l))
    }

    /// The box of a marker with its ring.
    pub fn marker_box((x, y): (f64, f64)) -> Rect {
        Rect::new(x - MARKER_R, y - MARKER_R, x + MARKER_R, y + MARKER_R)
    }
}

/// The growth values drawn: none at a break (a rate across it compares two bases).
fn drawn_growth(spec: &BarGrowth) -> Vec<Option<f64>> {
    spec.growth
        .iter()
        .enumerate()
        .map(|(i, g)| if spec.breaks.iter().any(|b| b.at == i) { None } else { *g })
        .collect()
}

pub(crate) fn layout(spec: &BarGrowth) -> Layout {
    let growth = drawn_growth(spec);
    let rates: Vec<f64> = growth.iter().flatten().cloned().collect();
    let has_growth = !rates.is_empty();
    let vmax = spec.values.iter().flatten().cloned().fold(0.0_f64, f64::max);
    let vmin = spec.values.iter().flatten().cloned().fold(0.0_f64, f64::min);
    let left = Axis::round(vmin, vmax, 5, is_count(&spec.unit));
    let right = has_growth.then(|| {
        let lo = rates.iter().cloned().fold(f64::MAX, f64::min);
        let hi = rates.iter().cloned().fold(f64::MIN, f64::max);
        // Rates are printed to 0.1: an axis finer than a few points would make
        // a difference too small to print look like a swing.
        let widen = (MIN_GROWTH_SPAN - (hi - lo)).max(0.0) / 2.0;
        Axis::round(lo - widen, hi + widen, GROWTH_STEPS, false)
    });
    let line_label = if spec.points {
        "比上年增减（百分点，右轴）"
    } else {
        "比上年增长（%，右轴）"
    };
    let mut legend = vec![(Mark::Bar(BAR), spec.name.clone())];
    if has_growth {
        legend.push((Mark::Line(LINE), line_label.to_string()));
    }
    let breaks: Vec<usize> = spec.breaks.iter().map(|b| b.at).collect();
    let right_title = if spec.points { "增减（百分点）" } else { "增长速度（%）" };
    let band_h = GROWTH_AXIS_H + 2.0 * LINE_ROOM;
    let frame = Frame::new(
        &FrameSpec {
            labels: &spec.labels,
            unit: &spec.unit,
            legend,
            right_title: has_growth.then_some(right_title),
            left,
            right,
            breaks: &breaks,
        },
        |plot| {
            if has_growth {
                let bars_top = plot.y0 + band_h + 6.0;
                ((plot.y1, bars_top + ROOM), Some((plot.y0 + band_h - LINE_ROOM, plot.y0 + LINE_ROOM)))
            } else {
                ((plot.y1, plot.y0 + ROOM), None)
            }
        },
    );
    let plot = frame.plot;
    let band = has_growth.then(|| Rect::new(plot.x0, plot.y0, plot.x1, plot.y0 + band_h));

    let bars: Vec<(usize, Rect)> = spec
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let (a, b) = frame.slots[i];
            let m = (b - a) * 0.2;
            Some((i, Rect::new(a + m, frame.left.px(0.0_f64.max(left.lo)), b - m, frame.left.px((*v)?))))
        })
        .collect();
    let markers: Vec<(usize, (f64, f64))> = match &frame.right {
        Some(scale) => growth
            .iter()
            .enumerate()
            .filter_map(|(i, g)| Some((i, (frame.centre(i), scale.px((*g)?)))))
            .collect(),
        None => Vec::new(),
    };
    // Line pieces only between neighbouring years, so a gap or a break stays one.
    let segments: Vec<Seg> =
        markers.windows(2).filter(|w| w[1].0 == w[0].0 + 1).map(|w| Seg { a: w[0].1, b: w[1].1 }).collect();

    let mut placer = frame.placer();
    for (_, m) in &markers {
        placer.avoid(Shape::Rect(Layout::marker_box(*m)));
    }
    for s in &segments {
        placer.avoid(Shape::Seg(*s));
    }
    // The bars' values above the bars, or inside at the top in white.
    let mut bar_labels = Vec::new();
    for (i, r) in &bars {
        let text = &spec.printed[*i];
        let cx = (r.x0 + r.x1) / 2.0;
        let above = Label::centred(text.clone(), TEXT_PX, cx, r.y0 - 3.0 - TEXT_PX);
        let inside = Label::centred(text.clone(), TEXT_PX, cx, r.y0 + 3.0).coloured(WHITE);
        let inside_fits = r.contains(&inside.rect.inflate(1.0));
        let candidates = std::iter::once(above).chain(inside_fits.then_some(inside));
        if placer.place(candidates).is_some() {
            bar_labels.push((*i, placer.placed.last().cloned().expect("just placed")));
        }
    }
    // The growth values beside their markers, the last year's first.
    let mut growth_labels = Vec::new();
    for (k, (i, (x, y))) in markers.iter().enumerate().rev() {
        let text = crate::format::round(growth[*i].expect("a marker has a value"), 1);
        let above = Label::centred(text.clone(), TEXT_PX, *x, y - MARKER_R - 2.0 - TEXT_PX);
        let below = Label::centred(text.clone(), TEXT_PX, *x, y + MARKER_R + 2.0);
        let right = Label::at(text.clone(), TEXT_PX, x + MARKER_R + 3.0, y - TEXT_PX / 2.0);
        let left = Label::ending(text, TEXT_PX, x - MARKER_R - 3.0, y - TEXT_PX / 2.0);
        // A peak is labelled above first, a trough below.
        let neighbours: Vec<f64> = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| markers.get(j))
            .filter(|(j, _)| j.abs_diff(*i) == 1)
            .map(|(_, p)| p.1)
            .collect();
        let low = !neighbours.is_empty() && neighbours.iter().sum::<f64>() / (neighbours.len() as f64) < *y;
        let candidates = if low { [below, above, right, left] } else { [above, below, right, left] };
        if placer.place(candidates).is_some() {
            growth_labels.push((*i, placer.placed.last().cloned().expect("just placed")));
        }
    }
    growth_labels.reverse();
    Layout { frame, bars, band, markers, segments, bar_labels, growth_labels }
}

/// Draws bars for the amounts and a line with markers for the growth rate.
pub fn bar_growth(spec: &BarGrowth) -> Result<Chart> {
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
        for s in &layout.segments {
            root.draw(&PathElement::new(
                vec![(px(s.a.0), px(s.a.1)), (px(s.b.0), px(s.b.1))],
                LINE.stroke_width(2),
            ))
            .map_err(err)?;
        }
        // Markers with a white ring stay visible over the grid.
        for (_, (x, y)) in &layout.markers {
            root.draw(&Circle::new((px(*x), px(*y)), MARKER_R as i32, WHITE.filled())).map_err(err)?;
            root.draw(&Circle::new((px(*x), px(*y)), 4, LINE.filled())).map_err(err)?;
        }
        for (_, l) in layout.bar_labels.iter().chain(&layout.growth_labels) {
            draw_label(&root, l)?;
        }
        layout.frame.draw_over(&root)?;
        root.present().map_err(err)?;
    }
    let growth = drawn_growth(spec);
    let has_growth = growth.iter().any(Option::is_some);
    let parts: Vec<String> = spec.labels.iter().zip(&spec.printed).map(|(l, p)| format!("{l}{p}")).collect();
    let growth_text: Vec<String> = spec
        .labels
        .iter()
        .zip(&growth)
        .filter_map(|(l, g)| g.map(|g| format!("{l}{}", crate::format::round(g, 1))))
        .collect();
    let unit = if spec.points { "个百分点" } else { "%" };
    let line = if has_growth {
        format!("；折线为比上年增长速度（{unit}）：{}", growth_text.join("，"))
    } else {
        String::new()
    };
    let measure = if spec.points { "增减" } else { "增长速度" };
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt: format!(
            "柱状图：{}（{}），{}{line}。{}",
            spec.name,
            spec.unit,
            parts.join("，"),
            break_alt(&spec.labels, &spec.breaks)
        ),
        title: format!(
            "{}—{}{}{}{}",
            spec.labels.first().map(|l| l.trim_end_matches('年')).unwrap_or(""),
            spec.labels.last().cloned().unwrap_or_default(),
            spec.name,
            if has_growth { format!("及其{measure}") } else { String::new() },
            break_caption(&spec.labels, &spec.breaks)
        ),
        category: None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::charts::geom::CLEAR;

    pub(crate) fn years(from: i32, n: usize) -> Vec<String> {
        (0..n).map(|k| format!("{}年", from + k as i32)).collect()
    }

    /// A chart of `values` from 2016 with growth computed from them.
    pub(crate) fn spec(values: &[f64], decimals: usize) -> BarGrowth {
        let growth =
            (0..values.len()).map(|i| (i > 0).then(|| (values[i] / values[i - 1] - 1.0) * 100.0)).collect();
        BarGrowth {
            id: "t".into(),
            name: "专利授权量".into(),
            unit: "件".into(),
            labels: years(2016, values.len()),
            values: values.iter().map(|v| Some(*v)).collect(),
            growth,
            printed: values.iter().map(|v| crate::format::round(*v, decimals)).collect(),
            points: false,
            breaks: Vec::new(),
        }
    }

    /// No two texts of the chart overlap; no value meets a marker, a piece of the
    /// line or a break's rule, and every value stays inside the plot.
    fn assert_clear(l: &Layout) {
        let labels: Vec<&Label> = l.labels().collect();
        for (a, x) in labels.iter().enumerate() {
            for y in &labels[a + 1..] {
                assert!(!x.rect.intersects(&y.rect), "{x:?} overlaps {y:?}");
            }
        }
        for (_, v) in l.bar_labels.iter().chain(&l.growth_labels) {
            let clear = v.rect.inflate(CLEAR);
            let p = &l.frame.plot;
            assert!(v.rect.y0 >= p.y0 && v.rect.y1 <= p.y1 && v.rect.x0 >= 0.0, "{v:?} outside the plot");
            for (_, m) in &l.markers {
                assert!(!Layout::marker_box(*m).intersects(&clear), "{v:?} meets the marker at {m:?}");
            }
            for s in l.segments.iter().chain(l.frame.breaks.iter().map(|b| &b.rule)) {
                assert!(!s.hits(&clear), "{v:?} meets {s:?}");
            }
        }
    }

    #[test]
    fn the_growth_axis_spans_the_rates_drawn() {
        // Growth between 2% and 6% a year.
        let mut s = spec(&[100.0, 102.1, 105.5, 111.7, 116.4, 118.7, 125.8, 130.0, 135.1, 138.0], 1);
        let l = layout(&s);
        let axis = l.frame.right.unwrap().axis;
        assert!(axis.lo >= 0.0 && axis.lo <= 2.0 && axis.hi >= 6.0 && axis.hi <= 8.0, "{axis:?}");
        assert!([1.0, 2.0].contains(&axis.step), "{axis:?}");
        // Every rate is marked and labelled: nothing competes for room.
        assert_eq!(l.markers.len(), 9);
        assert_eq!(l.growth_labels.len(), 9);
        assert_clear(&l);
        // Rates from −6.5 to 1.2: −10 to 5 by 5, zero included.
        s.growth = vec![None, Some(-6.5), Some(1.2), Some(-0.4)];
        s.values.truncate(4);
        s.labels.truncate(4);
        s.printed.truncate(4);
        let axis = layout(&s).frame.right.unwrap().axis;
        assert_eq!((axis.lo, axis.hi, axis.step), (-10.0, 5.0, 5.0));
    }

    #[test]
    fn values_keep_clear_of_markers_lines_and_each_other() {
        let cases = [
            // The sample's 专利授权量.
            spec(&[4100.0, 4650.0, 5400.0, 5900.0, 6825.0, 8120.0, 7650.0, 7980.0, 8340.0, 8710.0], 0),
            // A zigzag of growth, and wide figures.
            spec(
                &[
                    120456.7, 160000.2, 120001.5, 150000.0, 110000.0, 180000.0, 125000.0, 170000.0, 125000.0,
                    150000.0,
                ],
                1,
            ),
            // A flat line: labels meet the neighbouring markers unless moved.
            spec(&[100.0, 100.1, 100.2, 100.3, 100.4, 100.5, 100.6, 100.7, 100.8, 100.9], 1),
        ];
        for s in &cases {
            let l = layout(s);
            assert_clear(&l);
            // The last year's rate is always written.
            assert!(l.growth_labels.iter().any(|(i, _)| *i == s.labels.len() - 1), "{:?}", l.growth_labels);
        }
        // The sample's figures all fit above their bars.
        assert_eq!(layout(&cases[0]).bar_labels.len(), 10);
    }

    #[test]
    fn a_break_is_a_rule_with_a_note_and_no_growth_across_it() {
        let mut s = spec(&[60.50, 60.12, 59.78, 57.52, 53.78, 53.75, 53.71, 53.69, 53.62, 53.58], 2);
        s.name = "年末常住人口".into();
        s.unit = "万人".into();
        s.breaks = vec![Break { at: 4, reason: "第七次全国人口普查结果".into() }];
        let l = layout(&s);
        assert_clear(&l);
        let [rule] = l.frame.breaks.as_slice() else { panic!("{:?}", l.frame.breaks) };
        // Between the slots of 2019 and 2020, from above the plot to the zero line.
        let x = l.frame.slots[4].0;
        assert_eq!((rule.rule.a.0, rule.rule.b.0), (x, x));
        assert!(rule.rule.a.1 < l.frame.plot.y0 && rule.rule.b.1 == l.frame.plot.y1, "{rule:?}");
        assert_eq!(rule.note.as_ref().map(|n| n.text.as_str()), Some("口径调整"));
        // No rate at 2020 (−6.5% would compare two bases) and no line across.
        assert!(l.markers.iter().all(|(i, _)| *i != 4));
        assert!(l.segments.iter().all(|seg| (seg.a.0 - x) * (seg.b.0 - x) > 0.0));
        let chart = bar_growth(&s).unwrap();
        assert!(chart.svg.contains("\n口径调整\n"));
        // The rule's dashes: short vertical pieces at its x.
        let x = crate::charts::frame::px(x);
        let dashes =
            chart.svg.matches(&format!("stroke=\"#404040\" stroke-width=\"2\" points=\"{x},")).count();
        assert!(dashes > 20, "{dashes} dashes");
        assert_eq!(chart.title, "2016—2025年年末常住人口及其增长速度（2020年起口径调整）");
        assert!(
            chart.alt.ends_with(
                "2020年起数据按第七次全国人口普查结果调整口径，与此前年份不可比，虚线竖线为口径调整处。"
            ),
            "{}",
            chart.alt
        );
        assert!(!chart.alt.contains("2020年-6.5"), "{}", chart.alt);
    }

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
            breaks: Vec::new(),
        };
        let chart = bar_growth(&spec).unwrap();
        assert!(chart.svg.contains("Noto Sans CJK SC"));
        assert!(chart.svg.contains("\n2025年\n"));
        assert!(chart.svg.contains("\n8710\n"));
        // The last year's rate is written on the line.
        assert!(chart.svg.contains("\n4.4\n"));
        assert!(!chart.svg.contains("sans-serif"));
        assert_eq!(
            chart.alt,
            "柱状图：专利授权量（件），2024年8340，2025年8710；折线为比上年增长速度（%）：2025年4.4。"
        );
        assert_eq!(chart.title, "2024—2025年专利授权量及其增长速度");
    }
}
