//! The frame of a chart over the years: the legend and the axis titles above
//! the plot, the amount axis at the left (and the growth axis at the right), the
//! year slots along the bottom, and the dashed rules that mark a break in a
//! series. Laid out first ([`Frame::new`]) and drawn under the chart's marks.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::geom::{Align, Label, Placer, Rect, Scale, Seg, Shape};
use super::{AXIS, GRID, HEIGHT, TEXT_PX, WIDTH, err, font};

/// The margin around the canvas.
const MARGIN: f64 = 10.0;
/// Between an axis and its tick labels.
const TICK_GAP: f64 = 8.0;
/// The short note at the top of a break's rule.
pub(crate) const BREAK_NOTE: &str = "口径调整";

/// A legend entry's mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    Bar(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

/// A legend entry: its mark (drawn in `swatch`) and its label.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LegendEntry {
    pub mark: Mark,
    pub swatch: Rect,
    pub label: Label,
}

/// A break in a series: a dashed rule between the slots of the last year on the
/// old basis and the first on the new one, with a short note above the plot.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BreakRule {
    /// The index of the first slot on the new basis.
    pub at: usize,
    pub rule: Seg,
    /// The note; `None` when it found no free place (the caption still says it).
    pub note: Option<Label>,
}

/// What a frame is built from.
pub(crate) struct FrameSpec<'a> {
    /// One per slot (years).
    pub labels: &'a [String],
    pub unit: &'a str,
    pub legend: Vec<(Mark, String)>,
    /// The title of the right axis.
    pub right_title: Option<&'a str>,
    pub left: super::geom::Axis,
    pub right: Option<super::geom::Axis>,
    /// Indices of the first slots on a new basis.
    pub breaks: &'a [usize],
}

/// A laid-out frame.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frame {
    pub legend: Vec<LegendEntry>,
    /// The axis titles: the unit at the left, the right axis's measure at the right.
    pub titles: Vec<Label>,
    /// The plot area; its bottom is the zero line of the bars.
    pub plot: Rect,
    /// The x range of each slot.
    pub slots: Vec<(f64, f64)>,
    pub year_labels: Vec<Label>,
    pub left: Scale,
    pub left_ticks: Vec<(f64, Label)>,
    pub right: Option<Scale>,
    pub right_ticks: Vec<(f64, Label)>,
    pub breaks: Vec<BreakRule>,
}

impl Frame {
    /// Lays out the frame; `scales` gives, for the plot area, the pixel rows of
    /// the left axis's ends and of the right axis's ends (lo, hi).
    pub fn new(spec: &FrameSpec<'_>, scales: impl Fn(&Rect) -> ((f64, f64), Option<(f64, f64)>)) -> Frame {
        let (w, h) = (WIDTH as f64, HEIGHT as f64);
        let widest = |axis: &super::geom::Axis| {
            axis.ticks().iter().map(|v| super::geom::text_width(&axis.label(*v), TEXT_PX)).fold(0.0, f64::max)
        };
        let x0 = MARGIN + widest(&spec.left) + TICK_GAP;
        let x1 = match &spec.right {
            Some(axis) => w - MARGIN - widest(axis) - TICK_GAP,
            None => w - 2.0 * MARGIN,
        };

        // The legend in rows from the plot's left edge.
        let mut legend = Vec::new();
        let (mut x, mut top) = (x0, 4.0);
        for (mark, text) in &spec.legend {
            let width = super::geom::text_width(text, TEXT_PX);
            let entry_w = 28.0 + width;
            if x > x0 && x + entry_w > w - MARGIN {
                x = x0;
                top += TEXT_PX + 6.0;
            }
            let swatch = Rect::new(x, top + 2.0, x + 22.0, top + TEXT_PX - 2.0);
            legend.push(LegendEntry {
                mark: *mark,
                swatch,
                label: Label::at(text.clone(), TEXT_PX, x + 28.0, top),
            });
            x += entry_w + 24.0;
        }
        let titles_top = top + TEXT_PX + 8.0;
        let mut titles = vec![Label::at(format!("单位：{}", spec.unit), TEXT_PX, MARGIN, titles_top)];
        if let Some(t) = spec.right_title {
            titles.push(Label::ending(t, TEXT_PX, w - MARGIN, titles_top));
        }
        let plot = Rect::new(x0, titles_top + TEXT_PX + 10.0, x1, h - 8.0 - TEXT_PX - 6.0);

        let n = spec.labels.len().max(1);
        let slot_w = plot.width() / n as f64;
        let slots: Vec<(f64, f64)> =
            (0..n).map(|i| (plot.x0 + i as f64 * slot_w, plot.x0 + (i + 1) as f64 * slot_w)).collect();
        let year_labels = spec
            .labels
            .iter()
            .zip(&slots)
            .map(|(l, (a, b))| Label::centred(l.clone(), TEXT_PX, (a + b) / 2.0, plot.y1 + 6.0))
            .collect();

        let (left_px, right_px) = scales(&plot);
        let left = Scale { axis: spec.left, px_lo: left_px.0, px_hi: left_px.1 };
        let right = spec.right.zip(right_px).map(|(axis, (lo, hi))| Scale { axis, px_lo: lo, px_hi: hi });
        let tick_labels = |scale: &Scale, right: bool| -> Vec<(f64, Label)> {
            scale
                .axis
                .ticks()
                .into_iter()
                .map(|v| {
                    let y = scale.px(v);
                    let text = scale.axis.label(v);
                    let top = y - TEXT_PX / 2.0;
                    let label = if right {
                        Label::at(text, TEXT_PX, plot.x1 + TICK_GAP, top)
                    } else {
                        Label::ending(text, TEXT_PX, plot.x0 - TICK_GAP, top)
                    };
                    (y, label)
                })
                .collect()
        };
        let left_ticks = tick_labels(&left, false);
        let right_ticks = right.as_ref().map(|s| tick_labels(s, true)).unwrap_or_default();

        // A break's note goes above the plot, in the row of the axis titles, at
        // the top of its rule or beside it.
        let mut notes = Placer::new(Rect::new(0.0, titles_top - 1.0, w, titles_top + TEXT_PX + 1.0));
        notes.placed.extend(titles.iter().cloned());
        let breaks = spec
            .breaks
            .iter()
            .filter(|&&at| at > 0 && at < n)
            .map(|&at| {
                let x = slots[at].0;
                let note = Label::centred(BREAK_NOTE, TEXT_PX, x, titles_top);
                let half = note.rect.width() / 2.0 + 4.0;
                let placed =
                    notes.place([note.clone(), note.clone().moved(half, 0.0), note.moved(-half, 0.0)]);
                let rule_top = if placed.is_some() { titles_top + TEXT_PX + 2.0 } else { plot.y0 };
                BreakRule {
                    at,
                    rule: Seg { a: (x, rule_top), b: (x, plot.y1) },
                    note: placed.and_then(|_| notes.placed.last().cloned()),
                }
            })
            .collect();
        Frame { legend, titles, plot, slots, year_labels, left, left_ticks, right, right_ticks, breaks }
    }

    /// A placer for the chart's own labels: anywhere across the canvas between
    /// the top of the plot and its zero line, clear of the frame's texts, the
    /// axes and the break rules.
    pub fn placer(&self) -> Placer {
        let p = &self.plot;
        let mut placer = Placer::new(Rect::new(0.0, p.y0, WIDTH as f64, p.y1));
        placer.placed.extend(self.labels().cloned());
        placer.avoid(Shape::Seg(Seg { a: (p.x0, self.left.px_lo), b: (p.x0, self.left.px_hi) }));
        if let Some(r) = &self.right {
            placer.avoid(Shape::Seg(Seg { a: (p.x1, r.px_lo), b: (p.x1, r.px_hi) }));
        }
        for b in &self.breaks {
            placer.avoid(Shape::Seg(b.rule));
        }
        placer
    }

    /// The centre of a slot.
    pub fn centre(&self, i: usize) -> f64 {
        let (a, b) = self.slots[i];
        (a + b) / 2.0
    }

    /// Every text of the frame.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.legend
            .iter()
            .map(|e| &e.label)
            .chain(&self.titles)
            .chain(&self.year_labels)
            .chain(self.left_ticks.iter().map(|(_, l)| l))
            .chain(self.right_ticks.iter().map(|(_, l)| l))
            .chain(self.breaks.iter().filter_map(|b| b.note.as_ref()))
    }

    /// Draws the grid, the axes, their labels, the legend and the titles.
    pub fn draw_under(&self, root: &DrawingArea<SVGBackend<'_>, Shift>) -> Result<()> {
        let p = &self.plot;
        let hline = |y: f64, color: RGBColor| {
            root.draw(&PathElement::new(vec![(px(p.x0), px(y)), (px(p.x1), px(y))], color.stroke_width(1)))
                .map_err(err)
        };
        for (y, _) in self.left_ticks.iter().chain(&self.right_ticks) {
            hline(*y, GRID)?;
        }
        // The left axis along its range, the right one along its own.
        let vline = |x: f64, s: &Scale| {
            root.draw(&PathElement::new(
                vec![(px(x), px(s.px_lo)), (px(x), px(s.px_hi))],
                AXIS.stroke_width(1),
            ))
            .map_err(err)
        };
        vline(p.x0, &self.left)?;
        hline(self.left.px(self.left.axis.lo.max(0.0)), AXIS)?;
        if let Some(right) = &self.right {
            vline(p.x1, right)?;
            if right.axis.lo < 0.0 && right.axis.hi > 0.0 {
                hline(right.px(0.0), RGBColor(0x99, 0x99, 0x99))?;
            }
        }
        for (y, _) in &self.left_ticks {
            root.draw(&PathElement::new(vec![(px(p.x0 - 4.0), px(*y)), (px(p.x0), px(*y))], AXIS))
                .map_err(err)?;
        }
        for (y, _) in &self.right_ticks {
            root.draw(&PathElement::new(vec![(px(p.x1), px(*y)), (px(p.x1 + 4.0), px(*y))], AXIS))
                .map_err(err)?;
        }
        for e in &self.legend {
            let s = &e.swatch;
            let mid = px((s.y0 + s.y1) / 2.0);
            match e.mark {
                Mark::Bar(c) => root
                    .draw(&Rectangle::new([(px(s.x0), px(s.y0)), (px(s.x0 + 20.0), px(s.y1))], c.filled()))
                    .map_err(err)?,
                Mark::Line(c) => {
                    root.draw(&PathElement::new(vec![(px(s.x0), mid), (px(s.x1), mid)], c.stroke_width(2)))
                        .map_err(err)?;
                    root.draw(&Circle::new((px((s.x0 + s.x1) / 2.0), mid), 4, c.filled())).map_err(err)?;
                }
                Mark::Dashed(c) => dashed(root, (s.x0, (s.y0 + s.y1) / 2.0), (s.x1, (s.y0 + s.y1) / 2.0), c)?,
            }
        }
        for label in self.labels() {
            draw_label(root, label)?;
        }
        Ok(())
    }

    /// Draws the break rules, over the marks.
    pub fn draw_over(&self, root: &DrawingArea<SVGBackend<'_>, Shift>) -> Result<()> {
        for b in &self.breaks {
            dashed(root, b.rule.a, b.rule.b, AXIS)?;
        }
        Ok(())
    }
}

/// A pixel coordinate.
pub(crate) fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Draws a label at its box.
pub(crate) fn draw_label(root: &DrawingArea<SVGBackend<'_>, Shift>, label: &Label) -> Result<()> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let h = match label.align {
        Align::Left => HPos::Left,
        Align::Centre => HPos::Center,
        Align::Right => HPos::Right,
    };
    root.draw(&Text::new(
        label.text.clone(),
        label.anchor(),
        font(label.px).color(&label.color).pos(Pos::new(h, VPos::Top)),
    ))
    .map_err(err)?;
    Ok(())
}

/// A dashed line (dashes of 6, gaps of 4) from `a` to `b`.
pub(crate) fn dashed(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    color: RGBColor,
) -> Result<()> {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    if len == 0.0 {
        return Ok(());
    }
    let at = |t: f64| (px(a.0 + (b.0 - a.0) * t / len), px(a.1 + (b.1 - a.1) * t / len));
    let mut t = 0.0;
    while t < len {
        root.draw(&PathElement::new(vec![at(t), at((t + 6.0).min(len))], color.stroke_width(2)))
            .map_err(err)?;
        t += 10.0;
    }
    Ok(())
}
