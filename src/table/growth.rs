//! Stated growth rates as a check: where a form gives a growth rate (同比增长,
//! 比上年增长, 增长%) beside the figures it grows from (this period and the same
//! period a year before), the rate those figures give is compared with the
//! stated one, and a difference beyond the rounding of the printed numbers is a
//! warning at the growth cell ("增速与绝对数不衔接"). The rates themselves are never
//! read as values.
//!
//! Receives a grid's growth columns and figure columns; hands on diagnostics.

use super::grid::Column;
use super::period::Period;
use super::value::{Value, parse_value};
use crate::diag::{Diagnostic, Findings, Kind, Level, SheetNames, a1};
use crate::workbook::{Cell, Sheet};

/// A growth-rate column of a grid.
pub(super) struct Rate {
    pub col: usize,
    /// The label beside the rate (an indicator over 本期 | 同比), if any.
    pub label: Option<crate::diag::Name>,
    /// The period the rate is for, when its heading names one.
    pub period: Option<Period>,
    /// Its heading without the period.
    pub text: String,
}

/// Whether a heading is a growth on the year before, in %: 同比增长（%）, 比上年增长,
/// 增速, 增长%; not 比2021年, 年均增长, 增减量 or 百分点.
pub(super) fn on_year_before(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (t.contains("增长") || t.contains("增速") || t.contains("同比"))
        && !t.contains("年均")
        && !t.contains("百分点")
        && !t.contains("量")
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// Decimals of a number as it reads at its shortest.
fn decimals(v: f64) -> usize {
    let s = format!("{v}");
    s.split_once('.').map_or(0, |(_, f)| f.len()).min(10)
}

/// The figure columns a rate compares: this period's and the one a year before,
/// with the same label. The rate's own period when its heading names one, else
/// the nearest column to its left that has a year-before column beside it.
fn pair<'c>(rate: &Rate, columns: &'c [Column]) -> Option<(&'c Column, &'c Column)> {
    let same = |c: &&Column| c.label == rate.label && !c.total;
    let before = |p: &Period| {
        let back = p.year_before();
        columns.iter().filter(same).find(|c| c.period.as_ref().is_some_and(|q| alike(q, &back)))
    };
    if let Some(p) = &rate.period {
        let this = columns.iter().filter(same).find(|c| c.period.as_ref().is_some_and(|q| alike(q, p)))?;
        return Some((this, before(p)?));
    }
    columns
        .iter()
        .rev()
        .filter(|c| c.col < rate.col)
        .filter(same)
        .find_map(|c| c.period.as_ref().and_then(&before).map(|b| (c, b)))
}

/// Whether two periods are the same: equal, or the same whole year written two
/// ways (2025年, 2025年1—12月).
fn alike(a: &Period, b: &Period) -> bool {
    a == b || a.annual().is_some_and(|y| b.annual() == Some(y))
}

/// The growth the figures give and the stated rate's decimals, when the stated
/// rate differs from it beyond the rounding of the printed numbers: the stated
/// rate at its last decimal, the figures, when they have decimals, at theirs.
pub(super) fn disagrees(stated: f64, now: f64, then: f64) -> Option<(f64, usize)> {
    if then <= 0.0 || now < 0.0 {
        return None;
    }
    let computed = (now / then - 1.0) * 100.0;
    let d = decimals(stated);
    let dv = decimals(now).max(decimals(then));
    let half = |d: usize| 0.5 * 10f64.powi(-(d as i32));
    let figures = if dv == 0 { 0.0 } else { 100.0 * half(dv) * (1.0 / then + now / (then * then)) };
    ((computed - stated).abs() > half(d) + figures + 1e-9).then_some((computed, d))
}

/// Warns at each growth cell whose stated rate does not follow from its figures.
pub(super) fn check(
    names: &SheetNames,
    sheet: &Sheet,
    body: &[usize],
    label_col: usize,
    rates: &[Rate],
    columns: &[Column],
    diags: &mut Findings,
) {
    for rate in rates.iter().filter(|r| on_year_before(&r.text)) {
        let Some((this, before)) = pair(rate, columns) else { continue };
        for &r in body {
            let number = |c: usize| match parse_value(sheet.get(r, c)) {
                Value::Number(v) => Some(v),
                _ => None,
            };
            let stated = match parse_value(sheet.get(r, rate.col)) {
                Value::Number(v) | Value::Percent(v) => v,
                _ => continue,
            };
            let (Some(now), Some(then)) = (number(this.col), number(before.col)) else { continue };
            if then <= 0.0 || now < 0.0 {
                continue;
            }
            let Some((computed, d)) = disagrees(stated, now, then) else { continue };
            let label = match sheet.get(r, label_col) {
                Cell::Text(t) => t.trim().to_string(),
                other => super::labels::header_part(other).unwrap_or_default(),
            };
            diags.push(Diagnostic::new(
                Level::Warning,
                names.cell(r as u32, rate.col as u32),
                Kind::GrowthDisagrees {
                    label,
                    heading: rate.text.clone(),
                    stated: crate::format::cell(stated),
                    computed: crate::format::round(computed, d.max(1)),
                    this: crate::format::cell(now),
                    this_cell: a1(r as u32, this.col as u32),
                    before: crate::format::cell(then),
                    before_cell: a1(r as u32, before.col as u32),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_growth_on_the_year_before_is_checked() {
        for t in ["同比增长（%）", "比上年增长(%)", "增长%", "增速", "同比"] {
            assert!(on_year_before(t), "{t}");
        }
        for t in ["比2021年+、-%", "年均增长（%）", "增减量", "比上年增减百分点"] {
            assert!(!on_year_before(t), "{t}");
        }
        assert_eq!(decimals(4.4), 1);
        assert_eq!(decimals(8710.0), 0);
    }
}
