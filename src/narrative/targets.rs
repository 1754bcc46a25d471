//! Statements against a plan's targets, as a bulletin makes them, at most one per
//! indicator: a count or an amount 「超过规划目标（18000件）」 /
//! 「达到规划目标（5家）」 / 「完成规划目标的91.0%」; a percentage 「超过目标0.3个
//! 百分点」 / 「达到目标」 / 「距目标尚差0.2个百分点」, never a ratio of ratios.
//! Also the average change since the baseline: 年均增长7.9% / 年均提高0.18个百分点.

use crate::analysis::Progress;
use crate::catalog::{Cmp, Indicator};
use crate::format;

/// The statement of a main indicator against its target; `None` without a value
/// or a target.
pub fn target_statement(ind: &Indicator, p: &Progress) -> Option<String> {
    let (v, t) = (p.value?, p.target?);
    let plain = format!("{}", t);
    if ind.is_percent() {
        let gap = format::round((v - t).abs(), 1);
        return Some(match (p.met == Some(true), gap.as_str()) {
            (true, "0.0") => "达到目标".into(),
            (true, _) => format!("超过目标{gap}个百分点"),
            (false, "0.0") if p.cmp == Cmp::Gt => format!("与目标（{plain}%）持平，尚未超过"),
            (false, "0.0") => "距目标尚差不足0.1个百分点".into(),
            (false, _) => format!("距目标尚差{gap}个百分点"),
        });
    }
    let printed_equal = format::value(ind, Some(v)) == format::value(ind, Some(t));
    Some(match p.met {
        Some(true) if printed_equal => format!("达到规划目标（{plain}{}）", ind.unit),
        Some(true) => format!("超过规划目标（{plain}{}）", ind.unit),
        _ if printed_equal && p.cmp == Cmp::Gt => format!("与规划目标（{plain}{}）持平，尚未超过", ind.unit),
        _ => format!("完成规划目标的{}%", format::round(p.completion?, 1)),
    })
}

/// The average change since the plan's baseline: `年均增长7.9%`, and for a
/// percentage indicator `年均提高0.18个百分点`; `None` when it is not computed.
pub fn average_phrase(ind: &Indicator, p: &Progress) -> Option<String> {
    let a = p.average_growth?;
    if ind.is_percent() {
        let amount = format::round(a.abs(), 2);
        return Some(match amount.as_str() {
            "0.00" => "年均持平".into(),
            _ if a > 0.0 => format!("年均提高{amount}个百分点"),
            _ => format!("年均降低{amount}个百分点"),
        });
    }
    let amount = format::round(a.abs(), 1);
    Some(match amount.as_str() {
        "0.0" => "年均持平".into(),
        _ if a > 0.0 => format!("年均增长{amount}%"),
        _ => format!("年均下降{amount}%"),
    })
}

/// The printed 年均 cell of the main table: a rate with one decimal, points with two.
pub fn average_cell(ind: &Indicator, average: Option<f64>) -> String {
    match average {
        Some(a) if ind.is_percent() => format::round(a, 2),
        a => format::percent(a),
    }
}

/// The text of the main-indicator chapter: each main indicator once, grouped by
/// where it stands: `已完成规划目标的20项中，有效发明专利拥有量18260件，超过规划
/// 目标（18000件）；…。未完成的2项中，版权产业增加值占GDP比重距目标尚差0.2个
/// 百分点，年均提高0.18个百分点；…。` Before the plan's last year the groups are
/// 已提前达到, 快于序时进度 and 慢于序时进度.
pub fn main_statements(
    catalog: &crate::catalog::Catalog,
    analysis: &crate::analysis::Analysis,
) -> Vec<String> {
    use crate::analysis::Status;
    let Some(plan) = analysis.covering() else { return Vec::new() };
    let closing = plan.stage == crate::catalog::Stage::Closing;
    let groups: &[(Status, &str)] = if closing {
        &[(Status::Met, "已完成规划目标的"), (Status::Behind, "未完成的")]
    } else {
        &[
            (Status::Met, "已提前达到规划目标的"),
            (Status::Ahead, "快于序时进度的"),
            (Status::Behind, "慢于序时进度的"),
        ]
    };
    let mut sentences = Vec::new();
    for (status, label) in groups {
        let clauses: Vec<String> = analysis
            .progress
            .iter()
            .filter(|p| p.status == *status)
            .filter_map(|p| {
                let ind = catalog.get(&p.id)?;
                let statement = target_statement(ind, p)?;
                let mut s = if *status == Status::Met {
                    let is = if ind.is_percent() { "为" } else { "" };
                    format!("{}{is}{}{}，{statement}", ind.name, format::value(ind, p.value), ind.unit)
                } else {
                    format!("{}{statement}", ind.name)
                };
                if let Some(a) = average_phrase(ind, p).filter(|_| *status != Status::Met || ind.is_percent())
                {
                    s.push('，');
                    s.push_str(&a);
                }
                Some(s)
            })
            .collect();
        if !clauses.is_empty() {
            sentences.push(format!("{label}{}项中，{}。", clauses.len(), clauses.join("；")));
        }
    }
    if sentences.is_empty() { Vec::new() } else { vec![sentences.concat()] }
}
