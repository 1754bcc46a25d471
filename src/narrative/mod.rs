//! The written sentences of the report, from the analysis, in the phrasing of
//! Chinese statistical bulletins, assembled from each indicator's catalogue
//! phrasing ([`crate::catalog::Phrase`]): 全年受理知识产权民事案件702件、审结698件，
//! 分别增长5.1%和3.3%；年末有效发明专利拥有量18260件，比上年末增长5.7%；
//! 比上年提高0.2个百分点；与上年持平; on a count's small base (under 10) the
//! difference: 比上年减少1家.
//!
//! Chapter leads carry figures and changes only; statements against the plan's
//! targets ([`targets`]) belong to the 综述's opening and the main-indicator
//! chapter. The 综述 itself is in [`overview`], its 主要特点 in [`features`].
//!
//! Every figure in a sentence is a figure of the analysis, formatted by
//! [`crate::format`]; a clause whose figure is missing is left out, never filled
//! with a placeholder.

pub mod features;
pub mod overview;
pub mod peers;
pub mod targets;

pub use overview::{awaiting_new_plan, opening, summary};
pub use targets::target_statement;

use crate::analysis::{Analysis, Change};
use crate::catalog::{Catalog, Indicator, Kind};
use crate::format;

/// The change on the previous year as a bulletin writes it, from the rounded
/// figure: a growth that rounds to 0.0 is 与上年持平.
pub fn change_phrase(change: Change) -> String {
    change_words(change, "比上年", "", "与上年持平")
}

/// The change of an indicator: `比上年末增长5.7%` for a year-end stock,
/// `比上年增加1家` for a count on a small base.
pub fn change_of(ind: &Indicator, change: Change) -> String {
    let (than, flat) =
        if year_end(ind) { ("比上年末", "与上年末持平") } else { ("比上年", "与上年持平") };
    change_words(change, than, &ind.unit, flat)
}

/// `增长5.1%` / `持平` without `比上年`, for a clause that already says it.
pub fn short(ind: &Indicator, change: Change) -> String {
    change_words(change, "", &ind.unit, "持平")
}

fn change_words(change: Change, than: &str, unit: &str, flat: &str) -> String {
    match direction(change) {
        (Direction::Flat, _) => flat.to_string(),
        (d, amount) => format!("{than}{}{amount}{}", d.verb(change), unit_of(change, unit)),
    }
}

/// Whether an indicator is a year-end stock compared with the previous year-end.
fn year_end(ind: &Indicator) -> bool {
    ind.kind == Kind::Stock && !ind.is_percent()
}

/// Which way a change goes once rounded to the printed decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    fn verb(self, change: Change) -> &'static str {
        match (self, change) {
            (Direction::Up, Change::Percent(_)) => "增长",
            (Direction::Down, Change::Percent(_)) => "下降",
            (Direction::Up, Change::Points(_)) => "提高",
            (Direction::Down, Change::Points(_)) => "降低",
            (Direction::Up, Change::Count(_)) => "增加",
            (Direction::Down, Change::Count(_)) => "减少",
            (Direction::Flat, _) => "持平",
        }
    }
}

fn unit_of(change: Change, unit: &str) -> String {
    match change {
        Change::Percent(_) => "%".into(),
        Change::Points(_) => "个百分点".into(),
        Change::Count(_) => unit.into(),
    }
}

/// The direction and the rounded absolute amount of a change.
fn direction(change: Change) -> (Direction, String) {
    let v = change.amount();
    let decimals = if matches!(change, Change::Count(_)) { 0 } else { 1 };
    let rounded = format::round(v.abs(), decimals);
    if rounded.bytes().all(|b| b == b'0' || b == b'.') {
        (Direction::Flat, rounded)
    } else if v > 0.0 {
        (Direction::Up, rounded)
    } else {
        (Direction::Down, rounded)
    }
}

/// A figure with its unit as written in a sentence: 8710件, 8.4%, 53.58万人.
fn with_unit(ind: &Indicator, v: f64) -> String {
    format!("{}{}", format::value(ind, Some(v)), ind.unit)
}

/// The time words before a subject: 全年 for a flow, 年末 for a stock named by a
/// noun, 累计 for a stock said with a verb (累计建成…), `<start>—<year>年` for a
/// period total; none for ratios and percentages.
fn when(analysis: &Analysis, ind: &Indicator, year: i32) -> String {
    let verb = ind.phrasing().verb.is_some();
    match (ind.kind, analysis.period_start()) {
        (Kind::Cumulative, Some(start)) if start < year => format!("{start}—{year}年"),
        (Kind::Cumulative, _) => format!("{year}年"),
        (_, _) if ind.derive.is_some() || ind.is_percent() => String::new(),
        (Kind::Flow, _) => "全年".into(),
        (_, _) if verb => "累计".into(),
        _ => "年末".into(),
    }
}

/// The subject of a clause from the phrasing: 全年受理知识产权民事案件,
/// 年末有效发明专利拥有量, <start>—<year>年实现知识产权质押融资, 版权产业增加值占GDP比重为.
fn subject(analysis: &Analysis, ind: &Indicator, year: i32) -> String {
    let ph = ind.phrasing();
    let is = if ind.is_percent() { "为" } else { "" };
    format!("{}{}{}{is}", when(analysis, ind, year), ph.verb.unwrap_or_default(), ph.object)
}

/// `全年专利授权量8710件，比上年增长4.4%`; without the change when it cannot be
/// computed or the indicator is a period total; `None` when the figure is missing.
pub fn figure_clause(analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let v = analysis.district_value(&ind.id, analysis.year)?;
    let mut s = format!("{}{}", subject(analysis, ind, analysis.year), with_unit(ind, v));
    if ind.kind != Kind::Cumulative
        && let Some(c) = analysis.change(ind, &analysis.district, analysis.year)
    {
        s.push('，');
        s.push_str(&change_of(ind, c));
    }
    Some(s)
}

/// `，占全市的12.3%` when the catalogue's comparison region has the figure and
/// the indicator adds up (a count or an amount, not a ratio).
pub fn comparison_share(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let region = catalog.comparison()?;
    if ind.derive.is_some() || ind.is_percent() {
        return None;
    }
    let whole = analysis.values.value(&ind.id, &region.name, analysis.year)?;
    let part = analysis.district_value(&ind.id, analysis.year)?;
    (whole > 0.0)
        .then(|| format!("，占{}的{}%", short_region(&region.name), format::round(part / whole * 100.0, 1)))
}

/// 南京市 → 全市: how a district's bulletin names its city.
fn short_region(name: &str) -> &str {
    if name.ends_with('市') { "全市" } else { name }
}

/// Two indicators in one clause. With the same object and a verb each:
/// `全年受理知识产权民事案件702件、审结698件，分别增长5.1%和3.3%`; otherwise
/// `<a>和<b>分别为x和y，…`. When the changes go different ways, or one is
/// missing, each keeps its own phrase.
pub fn pair_clause(analysis: &Analysis, a: &Indicator, b: &Indicator) -> Option<String> {
    let y = analysis.year;
    let (va, vb) = (analysis.district_value(&a.id, y), analysis.district_value(&b.id, y));
    let (va, vb) = match (va, vb) {
        (Some(va), Some(vb)) => (va, vb),
        (Some(_), None) => return figure_clause(analysis, a),
        (None, Some(_)) => return figure_clause(analysis, b),
        (None, None) => return None,
    };
    let (pa, pb) = (a.phrasing(), b.phrasing());
    let shared = pa.object == pb.object && pa.verb.is_some() && pb.verb.is_some();
    let ca = analysis.change(a, &analysis.district, y);
    let cb = analysis.change(b, &analysis.district, y);
    let verb_b = pb.verb.clone().unwrap_or_default();
    let together = |changes: String| {
        if shared {
            format!(
                "{}{}、{verb_b}{}，{changes}",
                subject(analysis, a, y),
                with_unit(a, va),
                with_unit(b, vb)
            )
        } else {
            let values = format!("分别为{}和{}", with_unit(a, va), with_unit(b, vb));
            format!("{}和{}{values}，{changes}", subject(analysis, a, y), pb.object)
        }
    };
    let separate = || -> Option<String> {
        if shared {
            let mut s = format!("{}{}", subject(analysis, a, y), with_unit(a, va));
            if let Some(ca) = ca {
                s.push_str(&format!("，{}", change_of(a, ca)));
            }
            s.push_str(&format!("；{verb_b}{}", with_unit(b, vb)));
            if let Some(cb) = cb {
                s.push_str(&format!("，{}", change_of(b, cb)));
            }
            Some(s)
        } else {
            Some(format!("{}；{}", figure_clause(analysis, a)?, figure_clause(analysis, b)?))
        }
    };
    let (Some(ca), Some(cb)) = (ca, cb) else { return separate() };
    let ((da, amount_a), (db, amount_b)) = (direction(ca), direction(cb));
    let same_kind = std::mem::discriminant(&ca) == std::mem::discriminant(&cb);
    match (da, db) {
        (Direction::Flat, Direction::Flat) => Some(together("均与上年持平".into())),
        (x, y) if x == y && same_kind => {
            let (ua, ub) = (unit_of(ca, &a.unit), unit_of(cb, &b.unit));
            if amount_a == amount_b && ua == ub {
                Some(together(format!("均{}{amount_a}{ua}", x.verb(ca))))
            } else {
                Some(together(format!("分别{}{amount_a}{ua}和{amount_b}{ub}", x.verb(ca))))
            }
        }
        _ => separate(),
    }
}

/// The paragraph about one category: one clause per indicator of its `summary`
/// list (`a+b` entries make a pair). Listed parts of a total follow it: after
/// 从构成看 when they are its complete breakdown, after 其中 when they are some
/// of its items. A figure the comparison region also has gives its share.
pub fn category_paragraph(catalog: &Catalog, analysis: &Analysis, key: &str) -> Option<String> {
    let cat = catalog.categories.iter().find(|c| c.key == key)?;
    let listed: Vec<&str> = cat.summary.iter().flat_map(|e| e.split('+')).collect();
    let mut sentences: Vec<String> = Vec::new();
    let mut done: Vec<&str> = Vec::new();
    for entry in &cat.summary {
        let ids: Vec<&str> = entry.split('+').collect();
        if ids.iter().any(|id| done.contains(id)) {
            continue;
        }
        done.extend(&ids);
        let clause = match ids.as_slice() {
            [a, b] => pair_clause(analysis, catalog.get(a)?, catalog.get(b)?),
            [id] => {
                let ind = match period_total_stand_in(catalog, analysis, catalog.get(id)?, &listed) {
                    Stand::Skip => continue,
                    Stand::Show(ind) => ind,
                };
                figure_clause(analysis, ind).map(|mut s| {
                    s.push_str(&comparison_share(catalog, analysis, ind).unwrap_or_default());
                    let children: Vec<&Indicator> = catalog
                        .indicators
                        .iter()
                        .filter(|c| listed.contains(&c.id.as_str()) && !done.contains(&c.id.as_str()))
                        .filter(|c| ind.parts.contains(&c.id) || c.under.as_deref() == Some(ind.id.as_str()))
                        .collect();
                    let complete = !ind.parts.is_empty()
                        && ind.parts.iter().all(|p| children.iter().any(|c| &c.id == p));
                    let clauses: Vec<String> = children
                        .iter()
                        .filter_map(|p| {
                            done.push(p.id.as_str());
                            part_clause(analysis, p)
                        })
                        .collect();
                    if !clauses.is_empty() {
                        s.push_str(if complete { "。从构成看，" } else { "。其中，" });
                        s.push_str(&clauses.join("；"));
                        s.push('。');
                    }
                    s
                })
            }
            _ => None,
        };
        sentences.extend(clause);
    }
    let text = sentences.join("；").replace("。；", "。");
    (!text.is_empty()).then(|| if text.ends_with('。') { text } else { format!("{text}。") })
}

/// What a period total in a category paragraph stands as.
enum Stand<'a> {
    Show(&'a Indicator),
    Skip,
}

/// A period total outside any plan has no figure: its yearly series stands in,
/// unless the paragraph lists the series anyway. In a plan's first year the total
/// is the year's figure: said once, by the series.
fn period_total_stand_in<'a>(
    catalog: &'a Catalog,
    analysis: &Analysis,
    ind: &'a Indicator,
    listed: &[&str],
) -> Stand<'a> {
    let Some(crate::catalog::Derive::Cumsum { of }) = &ind.derive else { return Stand::Show(ind) };
    let series_listed = listed.contains(&of.as_str());
    match analysis.period_start() {
        None if series_listed => Stand::Skip,
        None => catalog.get(of).map_or(Stand::Skip, Stand::Show),
        Some(start) if start == analysis.year && series_listed => Stand::Skip,
        Some(_) => Stand::Show(ind),
    }
}

/// A part after 从构成看 / 其中: `发明专利授权量4720件，增长8.5%`.
fn part_clause(analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let v = analysis.district_value(&ind.id, analysis.year)?;
    let ph = ind.phrasing();
    let mut s = format!("{}{}{}", ph.verb.unwrap_or_default(), ph.object, with_unit(ind, v));
    if let Some(c) = analysis.change(ind, &analysis.district, analysis.year) {
        s.push('，');
        s.push_str(&short(ind, c));
    }
    Some(s)
}

/// The lead paragraph of a category's chapter.
pub fn chapter_lead(catalog: &Catalog, analysis: &Analysis, key: &str) -> Option<String> {
    category_paragraph(catalog, analysis, key)
}

#[cfg(test)]
mod tests;
