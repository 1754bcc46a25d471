//! The 综述, a text of its own and short (about 900 characters at most): the
//! year's place in the plan and how many main indicators met their targets, with
//! the gap of each one that did not; the headline figures of the categories
//! (each category's `headline` list, at most eight in all); and the 主要特点
//! found by the rules of [`super::features`]. The chapters carry the details; no
//! stretch of the 综述 repeats there word for word.

use crate::analysis::{Analysis, Status};
use crate::catalog::{Catalog, PlanYear, Stage};
use crate::format;

use super::{Direction, direction, features, short, subject, targets, with_unit};

/// At most this many headline figures.
const HEADLINES: usize = 8;

/// The year's place in its plan: `<year>年是“<plan>”规划的收官之年`.
pub fn place(plan: &PlanYear, year: i32) -> String {
    let key = &plan.plan.key;
    match plan.stage {
        Stage::Opening => format!("{year}年是“{key}”规划的开局之年"),
        Stage::Nth(n) => format!("{year}年是“{key}”规划实施的第{}年", format::chinese_small(n)),
        Stage::Closing | Stage::Ended => format!("{year}年是“{key}”规划的收官之年"),
    }
}

/// The opening paragraph of the 综述: inside a plan, the year's place, the count
/// of main indicators met and each one not met with its gap; after the last plan
/// ended, its main indicators on the previous year; nothing before any plan.
pub fn opening(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    match analysis.plan.as_ref()? {
        p if p.within() => Some(within_plan(catalog, analysis, p)),
        p => Some(after_plan(analysis, p)),
    }
}

fn within_plan(catalog: &Catalog, analysis: &Analysis, plan: &PlanYear) -> String {
    let y = analysis.year;
    let closing = plan.stage == Stage::Closing;
    let count = |s: Status| analysis.progress.iter().filter(|p| p.status == s).count();
    let total = analysis.progress.len();
    let known = total - count(Status::Unknown);
    let mut s = format!("{}。《{}》确定的{total}项主要指标中，", place(plan, y), plan.plan.title);
    if known < total {
        s.push_str(&format!("有{y}年数据的{known}项，"));
    }
    let met = count(Status::Met);
    let gaps: Vec<String> = analysis
        .progress
        .iter()
        .filter(|p| matches!(p.status, Status::Behind) || (closing && p.status == Status::Ahead))
        .filter_map(|p| {
            let ind = catalog.get(&p.id)?;
            let statement = targets::target_statement(ind, p)?;
            // The plan's review names each unmet indicator with its figure; while the
            // plan runs, the 综述 gives the counts and the main-indicator chapter
            // names those behind.
            Some(format!("{}{}，{statement}", subject(analysis, ind, y), with_unit(ind, p.value?)))
        })
        .filter(|_| closing)
        .collect();
    if closing {
        s.push_str(&format!("{met}项完成规划目标"));
        if gaps.is_empty() {
            s.push('。');
        } else {
            s.push_str(&format!("，{}项未完成：{}。", gaps.len(), gaps.join("；")));
        }
    } else {
        // Only the groups that have members.
        let groups: Vec<String> = [
            (met, format!("已提前达到{}年目标", plan.plan.end)),
            (count(Status::Ahead), "快于序时进度".to_string()),
            (count(Status::Behind), "慢于序时进度".to_string()),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n}项{what}"))
        .collect();
        s.push_str(&groups.join("，"));
        s.push('。');
    }
    if known < total {
        s.push_str(&format!("另有{}项缺少{y}年数据，未评价完成情况。", total - known));
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

/// The headline figures: `全年专利授权量8710件，增长4.4%；…`, at most
/// [`HEADLINES`], from each category's `headline` list (or its first summary
/// entry).
pub fn headlines(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let y = analysis.year;
    let mut clauses = Vec::new();
    for cat in catalog.ip_categories() {
        let ids: Vec<&str> = if cat.headline.is_empty() {
            cat.summary.first().and_then(|e| e.split('+').next()).into_iter().collect()
        } else {
            cat.headline.iter().map(String::as_str).collect()
        };
        for ind in ids.iter().filter_map(|id| catalog.get(id)) {
            // A period total outside a plan has no figure: its series stands in.
            let ind = match (&ind.derive, analysis.period_start()) {
                (Some(crate::catalog::Derive::Cumsum { of }), None) => catalog.get(of).unwrap_or(ind),
                _ => ind,
            };
            let Some(v) = analysis.district_value(&ind.id, y) else { continue };
            let mut s = format!("{}{}", subject(analysis, ind, y), with_unit(ind, v));
            if let Some(c) = analysis.change(ind, &analysis.district, y) {
                // A headline standing alone says what it is flat with.
                let words = short(ind, c);
                s.push('，');
                s.push_str(match words.as_str() {
                    "持平" if super::year_end(ind) => "与上年末持平",
                    "持平" => "与上年持平",
                    w => w,
                });
            }
            clauses.push(s);
        }
    }
    clauses.truncate(HEADLINES);
    (!clauses.is_empty()).then(|| format!("从主要数据看，{}。", clauses.join("；")))
}

/// The 综述: the opening, the headline figures and the 主要特点 (a run-in
/// heading), each a paragraph when it has anything to say.
pub fn summary(catalog: &Catalog, analysis: &Analysis) -> Vec<(Option<String>, String)> {
    summary_parts(catalog, analysis).into_iter().map(|(_, title, text)| (title, text)).collect()
}

/// [`summary`] with each paragraph's name (`总体情况`, `主要数据`, `主要特点`),
/// which keys its edits ([`crate::text`]).
pub fn summary_parts(catalog: &Catalog, analysis: &Analysis) -> Vec<(&'static str, Option<String>, String)> {
    let mut paras = Vec::new();
    paras.extend(opening(catalog, analysis).map(|o| ("总体情况", None, o)));
    paras.extend(headlines(catalog, analysis).map(|h| ("主要数据", None, h)));
    if let Some(f) = features::paragraph(catalog, analysis) {
        paras.push(("主要特点", Some("主要特点".into()), f));
    }
    paras
}
