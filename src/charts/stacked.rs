//! Composition: stacked bars over the years, one shade per part. A part's values
//! are written inside all its segments or in none of them: when one segment of
//! a part is too small for its value, the part's values are left to the table,
//! so that no year seems to lack a value the others have.

use anyhow::Result;
use plotters::prelude::*;

use super::frame::{Frame, FrameSpec, Mark, draw_label, px};
use super::geom::{Axis, Label, Rect};
use super::{
    AXIS, BAR, Break, Chart, HEIGHT, LIGHT, MID, TEXT_PX, WIDTH, break_alt, break_caption, err, is_count,
};

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
    pub breaks: Vec<Break>,
}

const SHADES: [RGBColor; 3] = [BAR, MID, LIGHT];

/// A laid-out stacked chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub frame: Frame,
    /// Per part, per slot: the segment, where the part has a value.
    pub segments: Vec<Vec<Option<Rect>>>,
    /// Per part, per slot: the value written in the segment.
    pub labels: Vec<Vec<Option<Label>>>,
}

impl Layout {
    #[cfg(test)]
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.frame.labels().chain(self.labels.iter().flatten().flatten())
    }
}

pub(crate) fn layout(spec: &Composition) -> Layout {
    let n = spec.labels.len();
    let totals: Vec<f64> = (0..n).map(|i| spec.parts.iter().filter_map(|(_, v)| v[i]).sum()).collect();
    let left = Axis::round(0.0, totals.iter().cloned().fold(0.0_f64, f64::max), 5, is_count(&spec.unit));
    let breaks: Vec<usize> = spec.breaks.iter().map(|b| b.at).collect();
    let legend = spec
        .parts
        .iter()
        .enumerate()
        .map(|(k, (name, _))| (Mark::Bar(SHADES[k % SHADES.len()]), name.clone()))
        .collect();
    let frame = Frame::new(
        &FrameSpec {
            labels: &spec.labels,
            unit: &spec.unit,
            legend,
            right_title: None,
            left,
            right: None,
            breaks: &breaks,
        },
        |plot| ((plot.y1, plot.y0 + 6.0), None),
    );
    let mut base = vec![0.0; n];
    let segments: Vec<Vec<Option<Rect>>> = spec
        .parts
        .iter()
        .map(|(_, values)| {
            (0..n)
                .map(|i| {
                    let v = values[i]?;
                    let (y0, y1) = (base[i], base[i] + v);
                    base[i] = y1;
                    let (a, b) = frame.slots[i];
                    let m = (b - a) / 6.0;
                    Some(Rect::new(a + m, frame.left.px(y1), b - m, frame.left.px(y0)))
                })
                .collect()
        })
        .collect();

    let mut placer = frame.placer();
    let labels = segments
        .iter()
        .enumerate()
        .map(|(k, segs)| {
            let color = if k == 0 { WHITE } else { AXIS };
            let wanted: Vec<Option<Label>> = segs
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let s = s.as_ref()?;
                    let top = (s.y0 + s.y1) / 2.0 - TEXT_PX / 2.0;
                    Some(
                        Label::centred(spec.printed[k][i].clone(), TEXT_PX, (s.x0 + s.x1) / 2.0, top)
                            .coloured(color),
                    )
                })
                .collect();
            // All or none: every label inside its segment and clear of the rest.
            let mut trial = placer.clone();
            let all = wanted.iter().zip(segs).all(|(l, s)| match (l, s) {
                (Some(l), Some(s)) => s.contains(&l.rect.inflate(1.0)) && trial.place([l.clone()]).is_some(),
                _ => true,
            });
            if all {
                placer = trial;
                wanted
            } else {
                vec![None; n]
            }
        })
        .collect();
    Layout { frame, segments, labels }
}

/// Stacked bars, one shade per part, values written in the segments of the
/// parts whose every segment has room for its value.
pub fn composition(spec: &Composition) -> Result<Chart> {
    let layout = layout(spec);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        layout.frame.draw_under(&root)?;
        for (k, segs) in layout.segments.iter().enumerate() {
            for r in segs.iter().flatten() {
                root.draw(&Rectangle::new(
                    [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1))],
                    SHADES[k % SHADES.len()].filled(),
                ))
                .map_err(err)?;
            }
        }
        for l in layout.labels.iter().flatten().flatten() {
            draw_label(&root, l)?;
        }
        layout.frame.draw_over(&root)?;
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
    alt.push_str(&break_alt(&spec.labels, &spec.breaks));
    Ok(Chart {
        id: spec.id.clone(),
        svg,
        alt,
        title: format!(
            "{}—{}{}构成{}",
            spec.labels.first().map(|l| l.trim_end_matches('年')).unwrap_or(""),
            spec.labels.last().cloned().unwrap_or_default(),
            spec.name,
            break_caption(&spec.labels, &spec.breaks)
        ),
        category: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::growth::tests::years;

    fn spec(parts: &[(&str, &[f64])]) -> Composition {
        let n = parts[0].1.len();
        Composition {
            id: "c".into(),
            name: "专利授权量".into(),
            unit: "件".into(),
            labels: years(2016, n),
            parts: parts
                .iter()
                .map(|(name, v)| (name.to_string(), v.iter().map(|x| Some(*x)).collect()))
                .collect(),
            printed: parts
                .iter()
                .map(|(_, v)| v.iter().map(|x| crate::format::round(*x, 0)).collect())
                .collect(),
            breaks: Vec::new(),
        }
    }

    #[test]
    fn a_part_is_labelled_in_every_segment_or_in_none() {
        // The sample: 外观设计 is too thin for its value in most years, and had
        // room in one year only.
        let s = spec(&[
            (
                "发明专利授权量",
                &[1650.0, 1820.0, 2050.0, 2316.0, 2850.0, 3420.0, 3610.0, 3980.0, 4350.0, 4720.0],
            ),
            (
                "实用新型专利授权量",
                &[2080.0, 2410.0, 2890.0, 3100.0, 3460.0, 4130.0, 3490.0, 3420.0, 3380.0, 3350.0],
            ),
            ("外观设计专利授权量", &[370.0, 420.0, 460.0, 484.0, 515.0, 570.0, 550.0, 580.0, 610.0, 1640.0]),
        ]);
        let l = layout(&s);
        for (k, labels) in l.labels.iter().enumerate() {
            let written = labels.iter().flatten().count();
            assert!(
                written == 0 || written == l.segments[k].iter().flatten().count(),
                "part {k}: {labels:?}"
            );
            // A written value lies inside its own segment.
            for (label, seg) in labels.iter().zip(&l.segments[k]) {
                if let (Some(label), Some(seg)) = (label, seg) {
                    assert!(seg.contains(&label.rect), "{label:?} outside {seg:?}");
                }
            }
        }
        let all: Vec<&Label> = l.labels().collect();
        for (a, x) in all.iter().enumerate() {
            assert!(all[a + 1..].iter().all(|y| !x.rect.intersects(&y.rect)), "{x:?}");
        }
        assert_eq!(l.labels[0].iter().flatten().count(), 10);
        assert_eq!(l.labels[1].iter().flatten().count(), 10);
        assert_eq!(l.labels[2].iter().flatten().count(), 0);
        let chart = composition(&s).unwrap();
        assert!(!chart.svg.contains("\n1640\n"));
        assert!(
            chart.alt.contains("2025年发明专利授权量4720、实用新型专利授权量3350、外观设计专利授权量1640")
        );
    }

    #[test]
    fn composition_alt_text() {
        let c = composition(&Composition {
            id: "c".into(),
            name: "专利授权量".into(),
            unit: "件".into(),
            labels: vec!["2025年".into()],
            parts: vec![("发明".into(), vec![Some(4720.0)]), ("实用新型".into(), vec![Some(3350.0)])],
            printed: vec![vec!["4720".into()], vec!["3350".into()]],
            breaks: Vec::new(),
        })
        .unwrap();
        assert_eq!(c.alt, "堆积柱状图：专利授权量（件）的构成，2025年发明4720、实用新型3350。");
        assert_eq!(c.title, "2025—2025年专利授权量构成");
    }
}
