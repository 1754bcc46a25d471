//! The geometry of a chart's layout, in SVG pixels (y down): rectangles and
//! segments, text measured with the embedded Hei face, round axis ticks, and the
//! placement of labels that must meet neither each other nor the marks (a target
//! line, a marker, a line, a rule). Layouts are computed here before anything is
//! drawn, so that tests can check them.

use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor};

use crate::assets;

/// An axis-aligned rectangle: `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) }
    }

    /// Whether the two share any area (touching edges do not).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies wholly inside.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    pub fn inflate(&self, d: f64) -> Rect {
        Rect { x0: self.x0 - d, y0: self.y0 - d, x1: self.x1 + d, y1: self.y1 + d }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
}

/// A straight segment: a piece of a line series or a rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pub a: (f64, f64),
    pub b: (f64, f64),
}

impl Seg {
    /// Whether the segment passes through the rectangle's inside (Liang–Barsky).
    pub fn hits(&self, r: &Rect) -> bool {
        let (dx, dy) = (self.b.0 - self.a.0, self.b.1 - self.a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in
            [(-dx, self.a.0 - r.x0), (dx, r.x1 - self.a.0), (-dy, self.a.1 - r.y0), (dy, r.y1 - self.a.1)]
        {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 < t1
    }
}

/// Something a label must keep clear of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shape {
    Rect(Rect),
    Seg(Seg),
}

impl Shape {
    fn hits(&self, r: &Rect) -> bool {
        match self {
            Shape::Rect(o) => o.intersects(r),
            Shape::Seg(s) => s.hits(r),
        }
    }
}

/// The ascent of the em box above the baseline, in em (Noto CJK: 880 of 1000);
/// the descent is the rest of the em.
const ASCENT: f64 = 0.88;
/// plotters writes `dy="0.76em"` for text anchored at its top.
const TOP_DY: f64 = 0.76;

/// The width of `text` set at `px` (the SVG font size), from the advances of the
/// embedded Hei face that plotters has registered. plotters' own estimate scales
/// the advances by the face's line height, not its em, so it is measured here
/// against an ideograph, whose advance is one em.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    const SIZE: f64 = 10_000.0;
    static EM: OnceLock<Option<f64>> = OnceLock::new();
    super::register_fonts();
    let raw = |t: &str| {
        FontDesc::new(FontFamily::Name(assets::SANS), SIZE, FontStyle::Normal)
            .box_size(t)
            .ok()
            .map(|(w, _)| w as f64)
    };
    let em = *EM.get_or_init(|| raw("一").filter(|w| *w > 0.0));
    match (em, raw(text)) {
        (Some(em), Some(w)) => w / em * px,
        // Not measurable: a full em for a wide character, 0.6 em for others.
        _ => text.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * px,
    }
}

/// Which edge of its box a label is set from: should Typst set the text a
/// little wider or narrower than measured, the text keeps to that edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// A piece of text with the box it covers: its advance width by its em box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub text: String,
    /// The SVG font size.
    pub px: f64,
    pub color: RGBColor,
    pub rect: Rect,
    pub align: Align,
}

impl Label {
    /// A label whose box has its top-left corner at (`x`, `top`).
    pub fn at(text: impl Into<String>, px: f64, x: f64, top: f64) -> Self {
        let text = text.into();
        let w = text_width(&text, px);
        Label { rect: Rect::new(x, top, x + w, top + px), text, px, color: super::AXIS, align: Align::Left }
    }

    /// A label centred on `cx`, its box's top at `top`.
    pub fn centred(text: impl Into<String>, px: f64, cx: f64, top: f64) -> Self {
        let mut l = Label::at(text, px, 0.0, top);
        let w = l.rect.width();
        l.rect.x0 = cx - w / 2.0;
        l.rect.x1 = cx + w / 2.0;
        l.align = Align::Centre;
        l
    }

    /// A label ending at `x1`.
    pub fn ending(text: impl Into<String>, px: f64, x1: f64, top: f64) -> Self {
        let mut l = Label::at(text, px, 0.0, top);
        let w = l.rect.width();
        l.rect.x0 = x1 - w;
        l.rect.x1 = x1;
        l.align = Align::Right;
        l
    }

    pub fn coloured(mut self, color: RGBColor) -> Self {
        self.color = color;
        self
    }

    /// The same label moved by (`dx`, `dy`).
    pub fn moved(mut self, dx: f64, dy: f64) -> Self {
        self.rect = Rect::new(self.rect.x0 + dx, self.rect.y0 + dy, self.rect.x1 + dx, self.rect.y1 + dy);
        self
    }

    /// Where plotters is to draw it, anchored at the top of its aligned edge:
    /// the baseline falls `TOP_DY` em under that point and `ASCENT` em under the
    /// box's top.
    pub fn anchor(&self) -> (i32, i32) {
        let x = match self.align {
            Align::Left => self.rect.x0,
            Align::Centre => (self.rect.x0 + self.rect.x1) / 2.0,
            Align::Right => self.rect.x1,
        };
        (x.round() as i32, (self.rect.y0 + (ASCENT - TOP_DY) * self.px).round() as i32)
    }
}

/// The clear space kept around a placed label.
pub(crate) const CLEAR: f64 = 2.0;

/// Places labels one at a time, each at the first of its candidate positions
/// that lies within the bounds and keeps clear of the marks and of the labels
/// placed before it.
#[derive(Debug, Clone)]
pub(crate) struct Placer {
    pub bounds: Rect,
    pub obstacles: Vec<Shape>,
    pub placed: Vec<Label>,
}

impl Placer {
    pub fn new(bounds: Rect) -> Self {
        Placer { bounds, obstacles: Vec::new(), placed: Vec::new() }
    }

    pub fn avoid(&mut self, shape: Shape) {
        self.obstacles.push(shape);
    }

    /// Whether a label could go at `rect`.
    pub fn fits(&self, rect: &Rect) -> bool {
        let clear = rect.inflate(CLEAR);
        self.bounds.contains(rect)
            && !self.obstacles.iter().any(|o| o.hits(&clear))
            && !self.placed.iter().any(|l| l.rect.intersects(&clear))
    }

    /// Places the first candidate that fits; gives back its index among the
    /// candidates, or `None` when none fits (the label is dropped).
    pub fn place(&mut self, candidates: impl IntoIterator<Item = Label>) -> Option<usize> {
        for (k, label) in candidates.into_iter().enumerate() {
            if self.fits(&label.rect) {
                self.placed.push(label);
                return Some(k);
            }
        }
        None
    }
}

/// An axis's range and tick step: ticks at every multiple of `step` from `lo`
/// to `hi`, both of which are multiples of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Axis {
    /// The smallest round axis (steps 1, 2 or 5 × 10ⁿ) that covers `lo..=hi` in
    /// at most `max_intervals` steps; `whole`: no step under 1 (counts).
    pub fn round(lo: f64, hi: f64, max_intervals: u32, whole: bool) -> Axis {
        let (lo, hi) = if hi - lo < 1e-9 {
            let d = if lo.abs() > 1e-9 { lo.abs() * 0.1 } else { 1.0 };
            (lo - d, hi + d)
        } else {
            (lo, hi)
        };
        let start = ((hi - lo) / max_intervals as f64).log10().floor() as i32 - 1;
        for e in start.. {
            for m in [1.0, 2.0, 5.0] {
                let step = m * 10f64.powi(e);
                if whole && step < 1.0 {
                    continue;
                }
                // A bound within binary noise of a tick is that tick.
                let a = (lo / step + 1e-9).floor() * step;
                let b = (hi / step - 1e-9).ceil() * step;
                if ((b - a) / step).round() as u32 <= max_intervals {
                    return Axis { lo: a + 0.0, hi: b + 0.0, step };
                }
            }
        }
        unreachable!("some power of ten covers any finite range")
    }

    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i32;
        (0..=n)
            .map(|k| self.lo + k as f64 * self.step)
            .map(|v| if v.abs() < 1e-9 { 0.0 } else { v })
            .collect()
    }

    /// The decimals a tick label needs.
    pub fn decimals(&self) -> usize {
        (-(self.step.log10() + 1e-9).floor()).max(0.0) as usize
    }

    pub fn label(&self, v: f64) -> String {
        crate::format::round(v, self.decimals())
    }
}

/// An axis placed on the page: `lo` at pixel `px_lo`, `hi` at `px_hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub axis: Axis,
    pub px_lo: f64,
    pub px_hi: f64,
}

impl Scale {
    pub fn px(&self, v: f64) -> f64 {
        self.px_lo + (v - self.axis.lo) / (self.axis.hi - self.axis.lo) * (self.px_hi - self.px_lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_axes_take_steps_of_one_two_or_five() {
        assert_eq!(Axis::round(2.0, 6.0, 4, false), Axis { lo: 2.0, hi: 6.0, step: 1.0 });
        assert_eq!(Axis::round(1.8, 6.2, 4, false), Axis { lo: 0.0, hi: 8.0, step: 2.0 });
        assert_eq!(Axis::round(0.0, 18260.0, 5, true), Axis { lo: 0.0, hi: 20000.0, step: 5000.0 });
        assert_eq!(Axis::round(-6.5, 1.2, 4, false), Axis { lo: -10.0, hi: 5.0, step: 5.0 });
        assert_eq!(Axis::round(0.0, 3.0, 5, true), Axis { lo: 0.0, hi: 3.0, step: 1.0 });
        assert_eq!(Axis::round(0.0, 1.42, 5, false), Axis { lo: 0.0, hi: 1.5, step: 0.5 });
        assert_eq!(Axis::round(0.0, 1.42, 5, false).ticks(), vec![0.0, 0.5, 1.0, 1.5]);
        assert_eq!(Axis::round(0.0, 1.42, 5, false).label(1.0), "1.0");
        // One value: a range around it.
        let one = Axis::round(4.4, 4.4, 4, false);
        assert!(one.lo < 4.4 && one.hi > 4.4 && one.hi - one.lo <= 2.0, "{one:?}");
    }

    #[test]
    fn segments_hit_the_rectangles_they_cross_only() {
        let r = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert!(Seg { a: (0.0, 0.0), b: (30.0, 30.0) }.hits(&r));
        assert!(Seg { a: (15.0, 0.0), b: (15.0, 30.0) }.hits(&r));
        assert!(!Seg { a: (0.0, 25.0), b: (30.0, 25.0) }.hits(&r));
        assert!(!Seg { a: (0.0, 0.0), b: (9.0, 30.0) }.hits(&r));
        assert!(!Seg { a: (21.0, 0.0), b: (40.0, 30.0) }.hits(&r));
    }

    #[test]
    fn text_is_measured_with_the_embedded_face() {
        // An ideograph is one em; a digit of Noto Sans CJK about half of one.
        assert!((text_width("年目标", 16.0) - 48.0).abs() < 0.01);
        let digit = text_width("8", 16.0);
        assert!(digit > 6.0 && digit < 10.0, "{digit}");
        assert!((text_width("2025年", 16.0) - (4.0 * digit + 16.0)).abs() < 0.5);
    }

    #[test]
    fn a_label_goes_to_the_first_free_place() {
        let mut p = Placer::new(Rect::new(0.0, 0.0, 100.0, 100.0));
        p.avoid(Shape::Seg(Seg { a: (0.0, 20.0), b: (100.0, 20.0) }));
        let above = Label::centred("8.2", 15.0, 50.0, 10.0);
        let below = Label::centred("8.2", 15.0, 50.0, 24.0);
        assert_eq!(p.place([above, below.clone()]), Some(1));
        // The same place is now taken.
        assert_eq!(p.place([below]), None);
        // Out of bounds.
        assert_eq!(p.place([Label::centred("8.2", 15.0, 50.0, 95.0)]), None);
    }
}
