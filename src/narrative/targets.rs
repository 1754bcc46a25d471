//! Statements against a plan's targets, as a bulletin makes them, at most one per
//! indicator: a count or an amount 「超过规划目标（18000件）」 /
//! 「达到规划目标（5家）」 / 「完成规划目标的91.0%」; a percentage 「超过目标0.3个
//! 百分点」 / 「达到目标」 / 「距目标尚差0.2个百分点」, never a ratio of ratios.
//! Also the average change since the baseline: 年均增长7.9% / 年均提高0.2个百分点
//! (百分点 with the indicator's own decimals).

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
/// percentage indicator `年均提高0.2个百分点`, with the indicator's own decimals;
/// `None` when it is not computed.
pub fn average_phrase(ind: &Indicator, p: &Progress) -> Option<String> {
    let a = p.average_growth?;
    if ind.is_percent() {
        let amount = format::round(a.abs(), format::decimals(ind));
        return Some(match amount.as_str() {
            _ if amount.trim_start_matches(['0', '.']).is_empty() => "年均持平".into(),
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

/// The printed 年均 cell of the main table: a rate with one decimal, 百分点 with
/// the indicator's own decimals.
pub fn average_cell(ind: &Indicator, average: Option<f64>) -> String {
    match average {
        Some(a) if ind.is_percent() => format::round(a, format::decimals(ind)),
        a => format::percent(a),
    }
}

/// At most this many indicators behind the schedule are named in the review.
const BEHIND_NAMED: usize = 3;

/// Whether a met target is just reached (the figure prints as the target, or a
/// percentage is within rounding of it) rather than exceeded.
fn just_reached(ind: &Indicator, p: &Progress) -> bool {
    let (Some(v), Some(t)) = (p.value, p.target) else { return false };
    if ind.is_percent() {
        format::round((v - t).abs(), format::decimals(ind)).trim_start_matches(['0', '.']).is_empty()
    } else {
        format::value(ind, Some(v)) == format::value(ind, Some(t))
    }
}

/// The review of the main-indicator chapter, after the 综述 has given the counts:
/// who just reached a target, and each one short of its target with its gap and
/// average change; before the plan's last year, who is ahead of target and the
/// slowest behind the schedule with their progress. The details of the rest are
/// the table's.
///
/// In the plan's last year: `完成规划目标的20项中，15项超过目标，5项恰好达到目标
/// （A、B…）；未完成的2项中，X距目标尚差0.2个百分点，年均提高0.2个百分点；…。`
/// Before it: `已提前达到2025年目标的有A、B；慢于序时进度（60%）的11项中，进度最慢
/// 的是X（规划进度45.5%）、…。`
pub fn main_statements(
    catalog: &crate::catalog::Catalog,
    analysis: &crate::analysis::Analysis,
) -> Vec<String> {
    use crate::analysis::Status;
    let Some(plan) = analysis.covering() else { return Vec::new() };
    let closing = plan.stage == crate::catalog::Stage::Closing;
    let rows: Vec<(&Indicator, &Progress)> =
        analysis.progress.iter().filter_map(|p| Some((catalog.get(&p.id)?, p))).collect();
    if rows.is_empty() {
        return Vec::new();
    }
    let of = |s: Status| rows.iter().filter(move |(_, p)| p.status == s);
    let names = |it: &mut dyn Iterator<Item = &(&Indicator, &Progress)>| {
        it.map(|(i, _)| i.name.as_str()).collect::<Vec<_>>().join("、")
    };
    let mut parts = Vec::new();
    let reached: Vec<_> = of(Status::Met).filter(|(i, p)| just_reached(i, p)).collect();
    let exceeded = of(Status::Met).count() - reached.len();
    // The 综述 has given the counts; this says who.
    if closing {
        let met = exceeded + reached.len();
        if met > 0 && !reached.is_empty() {
            let e = if exceeded > 0 { format!("{exceeded}项超过目标，") } else { String::new() };
            parts.push(format!(
                "完成规划目标的{met}项中，{e}{}项恰好达到目标（{}）",
                reached.len(),
                names(&mut reached.iter().copied())
            ));
        } else if met > 0 {
            parts.push(format!("完成规划目标的{met}项均超过目标"));
        }
        let short: Vec<String> = of(Status::Behind)
            .chain(of(Status::Ahead))
            .filter_map(|(i, p)| {
                let mut s = format!("{}{}", i.name, target_statement(i, p)?);
                if let Some(a) = average_phrase(i, p) {
                    s.push('，');
                    s.push_str(&a);
                }
                Some(s)
            })
            .collect();
        if !short.is_empty() {
            parts.push(format!("未完成的{}项中，{}", short.len(), short.join("；")));
        }
    } else {
        let met: Vec<_> = of(Status::Met).collect();
        if !met.is_empty() {
            parts.push(format!("已提前达到{}年目标的有{}", plan.plan.end, names(&mut met.iter().copied())));
        }
        // Those behind, slowest first; a few by name, a long list left to the table.
        let mut behind: Vec<(&Indicator, Option<f64>)> =
            of(Status::Behind).map(|(i, p)| (*i, p.covered)).collect();
        behind.sort_by(|a, b| a.1.unwrap_or(f64::MIN).total_cmp(&b.1.unwrap_or(f64::MIN)));
        let named = |list: &[(&Indicator, Option<f64>)]| -> String {
            list.iter()
                .map(|(i, c)| match c {
                    Some(c) => format!("{}（规划进度{}%）", i.name, format::round(*c, 1)),
                    None => i.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("、")
        };
        let schedule = format::round(plan.schedule(), 0);
        match behind.len() {
            0 => {}
            n if n <= BEHIND_NAMED => {
                parts.push(format!("慢于序时进度（{schedule}%）的是{}", named(&behind)))
            }
            n => parts.push(format!(
                "慢于序时进度（{schedule}%）的{n}项中，进度最慢的是{}",
                named(&behind[..BEHIND_NAMED])
            )),
        }
    }
    let unknown: Vec<_> = of(Status::Unknown).collect();
    if !unknown.is_empty() {
        parts.push(format!(
            "{}缺少{}年数据，未作评价",
            names(&mut unknown.iter().copied().take(BEHIND_NAMED))
                + if unknown.len() > BEHIND_NAMED { "等" } else { "" },
            analysis.year
        ));
    }
    if parts.is_empty() {
        return Vec::new();
    }
    vec![format!("{}。", parts.join("；"))]
}
