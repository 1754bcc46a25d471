//! The written sentences of the report, from the analysis, in the phrasing of
//! Chinese statistical bulletins: 全年专利授权量8710件，比上年增长4.4%；分别增长A%和B%；
//! 比上年提高0.2个百分点；与上年持平；完成“<plan>”目标的113.6%，超额完成. The plan
//! named is the analysis' plan of the report year, never a fixed one.
//!
//! Every figure in a sentence is a figure of the analysis, formatted by
//! [`crate::format`]; a clause whose figure is missing is left out, never filled
//! with a placeholder.

use crate::analysis::{Analysis, Change, Progress, Status};
use crate::catalog::{Catalog, Indicator, Kind, PlanYear, Stage};
use crate::format;

/// The change on the previous year as a bulletin writes it, from the rounded figure:
/// a growth that rounds to 0.0 is 与上年持平.
pub fn change_phrase(change: Change) -> String {
    match direction(change) {
        (Direction::Flat, _) => "与上年持平".to_string(),
        (d, amount) => format!("比上年{}{amount}{}", d.verb(change), unit_of(change)),
    }
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
            (Direction::Flat, _) => "持平",
        }
    }
}

fn unit_of(change: Change) -> &'static str {
    match change {
        Change::Percent(_) => "%",
        Change::Points(_) => "个百分点",
    }
}

/// The direction and the rounded absolute amount of a change.
fn direction(change: Change) -> (Direction, String) {
    let v = change.amount();
    let rounded = format::round(v.abs(), 1);
    if rounded == "0.0" {
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

/// The subject of a clause: 全年专利授权量, 年末有效发明专利拥有量,
/// <start>—<year>年新增贯标认证通过企业数 (a period total from its plan's first
/// year; <year>年… in a plan's first year), 版权产业增加值占GDP比重为.
fn subject(analysis: &Analysis, ind: &Indicator, year: i32) -> String {
    let prefix = match (ind.kind, analysis.period_start()) {
        (Kind::Cumulative, Some(start)) if start < year => format!("{start}—{year}年"),
        (Kind::Cumulative, _) => format!("{year}年"),
        (kind, _) => match kind {
            Kind::Flow if ind.derive.is_none() && ind.unit != "%" => "全年".into(),
            Kind::Stock if ind.derive.is_none() && ind.unit != "%" && ind.category != "基础" => {
                "年末".into()
            }
            _ => String::new(),
        },
    };
    let is = if ind.unit == "%" { "为" } else { "" };
    format!("{prefix}{}{is}", ind.name)
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
        s.push_str(&change_phrase(c));
    }
    if let Some(p) = progress_phrase(analysis, ind) {
        s.push('，');
        s.push_str(&p);
    }
    Some(s)
}

/// `完成“<plan>”目标的113.6%，超额完成` for a main indicator with a target of the
/// plan covering the report year; `None` outside a plan.
pub fn progress_phrase(analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let plan = analysis.covering()?;
    let p: &Progress = analysis.progress.iter().find(|p| p.id == ind.id)?;
    let completion = p.completion?;
    let printed = format::round(completion, 1);
    let mut s = format!("完成“{}”目标的{printed}%", plan.plan.key);
    let early = plan.stage != Stage::Closing;
    let word = match p.status {
        Status::Met if early => "提前完成",
        Status::Met if printed != "100.0" => "超额完成",
        Status::Met => "如期完成",
        Status::Ahead => "快于序时进度",
        Status::Behind if early => "慢于序时进度",
        Status::Behind | Status::Unknown => "",
    };
    if !word.is_empty() {
        s.push('，');
        s.push_str(word);
    }
    Some(s)
}

/// Two indicators in one clause: `知识产权民事案件受理数和知识产权民事案件结案数分别为
/// 702件和698件，分别增长5.1%和3.3%`. When the two changes go different ways, or
/// one is missing, each keeps its own phrase.
pub fn pair_clause(analysis: &Analysis, a: &Indicator, b: &Indicator) -> Option<String> {
    let y = analysis.year;
    let (va, vb) = (analysis.district_value(&a.id, y), analysis.district_value(&b.id, y));
    let (va, vb) = match (va, vb) {
        (Some(va), Some(vb)) => (va, vb),
        (Some(_), None) => return figure_clause(analysis, a),
        (None, Some(_)) => return figure_clause(analysis, b),
        (None, None) => return None,
    };
    let ca = analysis.change(a, &analysis.district, y);
    let cb = analysis.change(b, &analysis.district, y);
    let values =
        format!("{}和{}分别为{}和{}", subject(analysis, a, y), b.name, with_unit(a, va), with_unit(b, vb));
    let (Some(ca), Some(cb)) = (ca, cb) else {
        let (a, b) = (figure_clause(analysis, a)?, figure_clause(analysis, b)?);
        return Some(format!("{a}；{b}"));
    };
    let ((da, amount_a), (db, amount_b)) = (direction(ca), direction(cb));
    let changes = match (da, db) {
        (Direction::Flat, Direction::Flat) => "均与上年持平".to_string(),
        (x, y) if x == y && unit_of(ca) == unit_of(cb) => {
            let u = unit_of(ca);
            format!("分别{}{amount_a}{u}和{amount_b}{u}", x.verb(ca))
        }
        _ => format!("{}比上年{}，{}{}", a.name, short(ca), b.name, change_phrase(cb)),
    };
    Some(format!("{values}，{changes}"))
}

/// `增长5.1%` / `持平` without `比上年`, for a clause that already says it.
fn short(change: Change) -> String {
    match direction(change) {
        (Direction::Flat, _) => "持平".to_string(),
        (d, amount) => format!("{}{amount}{}", d.verb(change), unit_of(change)),
    }
}

/// The paragraph about one category: one clause per indicator of its `summary`
/// list (`a+b` entries make a pair); parts of a total follow it after 其中.
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
                    let parts: Vec<&Indicator> = ind
                        .parts
                        .iter()
                        .filter(|p| listed.contains(&p.as_str()))
                        .filter_map(|p| catalog.get(p))
                        .collect();
                    let clauses: Vec<String> = parts
                        .iter()
                        .filter_map(|p| {
                            done.push(p.id.as_str());
                            part_clause(analysis, p)
                        })
                        .collect();
                    if !clauses.is_empty() {
                        s.push_str("。其中，");
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
/// is the year's figure: said once, by the series, unless the total carries the
/// plan's progress.
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
        Some(start)
            if start == analysis.year
                && series_listed
                && !analysis.progress.iter().any(|p| p.id == ind.id) =>
        {
            Stand::Skip
        }
        Some(_) => Stand::Show(ind),
    }
}

/// A part after 其中: `发明专利授权量4720件，增长8.5%`.
fn part_clause(analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let v = analysis.district_value(&ind.id, analysis.year)?;
    let mut s = format!("{}{}", ind.name, with_unit(ind, v));
    if let Some(c) = analysis.change(ind, &analysis.district, analysis.year) {
        s.push('，');
        s.push_str(&short(c));
    }
    Some(s)
}

/// The lead paragraph of a category's chapter: the category's paragraph of the 综述.
pub fn chapter_lead(catalog: &Catalog, analysis: &Analysis, key: &str) -> Option<String> {
    category_paragraph(catalog, analysis, key)
}

/// The opening paragraph of the 综述: the main indicators against the targets of
/// the plan covering the year; after the last plan ended, the plan's main
/// indicators on the previous year, without targets; nothing before any plan.
pub fn overview(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    match analysis.plan.as_ref()? {
        p if p.within() => Some(within_plan(catalog, analysis, p)),
        p => Some(after_plan(analysis, p)),
    }
}

/// 《<title>》确定主要指标22项。<year>年，有数据的22项指标中，20项达到<end>年目标，…
fn within_plan(catalog: &Catalog, analysis: &Analysis, plan: &PlanYear) -> String {
    let y = analysis.year;
    let end = plan.plan.end;
    let closing = plan.stage == Stage::Closing;
    let count = |s: Status| analysis.progress.iter().filter(|p| p.status == s).count();
    let known = analysis.progress.len() - count(Status::Unknown);
    let mut s = format!(
        "《{}》确定主要指标{}项。{y}年，有数据的{known}项指标中，",
        plan.plan.title,
        analysis.progress.len()
    );
    let met = count(Status::Met);
    if !closing {
        s.push_str(&format!(
            "{met}项已提前达到{end}年目标，{}项快于序时进度，{}项慢于序时进度",
            count(Status::Ahead),
            count(Status::Behind)
        ));
    } else {
        s.push_str(&format!("{met}项达到{end}年目标"));
    }
    let behind: Vec<String> = analysis
        .progress
        .iter()
        .filter(|p| p.status == Status::Behind)
        .filter_map(|p| {
            let ind = catalog.get(&p.id)?;
            Some(format!("{}（完成目标的{}%）", ind.name, format::round(p.completion?, 1)))
        })
        .collect();
    if behind.is_empty() {
        s.push('。');
    } else if !closing {
        s.push_str(&format!("。慢于序时进度的有{}。", behind.join("、")));
    } else {
        s.push_str(&format!("，未达到目标的有{}。", behind.join("、")));
    }
    let unknown: Vec<&str> = analysis
        .progress
        .iter()
        .filter(|p| p.status == Status::Unknown)
        .filter_map(|p| catalog.get(&p.id).map(|i| i.name.as_str()))
        .collect();
    if !unknown.is_empty() {
        s.push_str(&format!("{}缺少{y}年数据，未计算完成情况。", unknown.join("、")));
    }
    s
}

/// The sentence that the new plan's targets come once it is issued.
pub fn awaiting_new_plan(plan: &PlanYear) -> String {
    format!(
        "“{}”规划已于{}年收官，新一轮知识产权发展规划的主要指标和目标值将在规划印发后补充。",
        plan.plan.key, plan.plan.end
    )
}

/// After the last plan: how many of its main indicators rose or fell on the year.
fn after_plan(analysis: &Analysis, plan: &PlanYear) -> String {
    let y = analysis.year;
    let changes: Vec<Direction> =
        analysis.since.iter().filter_map(|s| s.change).map(|c| direction(c).0).collect();
    let count = |d: Direction| changes.iter().filter(|c| **c == d).count();
    let mut parts = Vec::new();
    for (d, word) in
        [(Direction::Up, "增长（提高）"), (Direction::Down, "下降（降低）"), (Direction::Flat, "持平")]
    {
        if count(d) > 0 {
            parts.push(format!("{word}的{}项", count(d)));
        }
    }
    let mut s = awaiting_new_plan(plan);
    s.push_str(&format!(
        "{y}年，“{}”规划确定的{}项主要指标中，有{y}年数据的{}项",
        plan.plan.key,
        analysis.since.len(),
        analysis.since.iter().filter(|s| s.value.is_some()).count()
    ));
    if parts.is_empty() {
        s.push('。');
    } else {
        s.push_str(&format!("，其中比上年{}。", parts.join("、")));
    }
    s
}

/// The 综述: the overview, then a paragraph per category that has figures, each
/// with the category's title as its run-in heading.
pub fn summary(catalog: &Catalog, analysis: &Analysis) -> Vec<(Option<String>, String)> {
    let mut paras: Vec<(Option<String>, String)> =
        overview(catalog, analysis).into_iter().map(|o| (None, o)).collect();
    for cat in catalog.categories.iter().filter(|c| c.key != "基础") {
        if let Some(p) = category_paragraph(catalog, analysis, &cat.key) {
            paras.push((Some(cat.title.clone()), p));
        }
    }
    paras
}

#[cfg(test)]
mod tests;
