//! The written sentences of the report, from the analysis, in the phrasing of
//! Chinese statistical bulletins: 全年专利授权量8710件，比上年增长4.4%；分别增长A%和B%；
//! 比上年提高0.2个百分点；与上年持平；完成"十四五"目标的113.6%，超额完成.
//!
//! Every figure in a sentence is a figure of the analysis, formatted by
//! [`crate::format`]; a clause whose figure is missing is left out, never filled
//! with a placeholder.

use crate::analysis::{Analysis, Change, Progress, Status};
use crate::catalog::{Catalog, Indicator, Kind};
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
/// 2021—2025年新增贯标认证通过企业数, 版权产业增加值占GDP比重为.
fn subject(catalog: &Catalog, ind: &Indicator, year: i32) -> String {
    let prefix = match ind.kind {
        Kind::Cumulative => format!("{}—{year}年", catalog.period_start),
        Kind::Flow if ind.derive.is_none() && ind.unit != "%" => "全年".into(),
        Kind::Stock if ind.derive.is_none() && ind.unit != "%" && ind.category != "基础" => "年末".into(),
        _ => String::new(),
    };
    let is = if ind.unit == "%" { "为" } else { "" };
    format!("{prefix}{}{is}", ind.name)
}

/// `全年专利授权量8710件，比上年增长4.4%`; without the change when it cannot be
/// computed or the indicator is a period total; `None` when the figure is missing.
pub fn figure_clause(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let v = analysis.district_value(&ind.id, analysis.year)?;
    let mut s = format!("{}{}", subject(catalog, ind, analysis.year), with_unit(ind, v));
    if ind.kind != Kind::Cumulative
        && let Some(c) = analysis.change(ind, &analysis.district, analysis.year)
    {
        s.push('，');
        s.push_str(&change_phrase(c));
    }
    if let Some(p) = progress_phrase(catalog, analysis, ind) {
        s.push('，');
        s.push_str(&p);
    }
    Some(s)
}

/// `完成"十四五"目标的113.6%，超额完成` for a main indicator with a target.
pub fn progress_phrase(catalog: &Catalog, analysis: &Analysis, ind: &Indicator) -> Option<String> {
    let p: &Progress = analysis.progress.iter().find(|p| p.id == ind.id)?;
    let completion = p.completion?;
    let printed = format::round(completion, 1);
    let mut s = format!("完成“十四五”目标的{printed}%");
    let early = analysis.year < catalog.period_end;
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
pub fn pair_clause(catalog: &Catalog, analysis: &Analysis, a: &Indicator, b: &Indicator) -> Option<String> {
    let y = analysis.year;
    let (va, vb) = (analysis.district_value(&a.id, y), analysis.district_value(&b.id, y));
    let (va, vb) = match (va, vb) {
        (Some(va), Some(vb)) => (va, vb),
        (Some(_), None) => return figure_clause(catalog, analysis, a),
        (None, Some(_)) => return figure_clause(catalog, analysis, b),
        (None, None) => return None,
    };
    let ca = analysis.change(a, &analysis.district, y);
    let cb = analysis.change(b, &analysis.district, y);
    let values =
        format!("{}和{}分别为{}和{}", subject(catalog, a, y), b.name, with_unit(a, va), with_unit(b, vb));
    let (Some(ca), Some(cb)) = (ca, cb) else {
        let (a, b) = (figure_clause(catalog, analysis, a)?, figure_clause(catalog, analysis, b)?);
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
            [a, b] => pair_clause(catalog, analysis, catalog.get(a)?, catalog.get(b)?),
            [id] => {
                let ind = catalog.get(id)?;
                figure_clause(catalog, analysis, ind).map(|mut s| {
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

/// The opening paragraph of the 综述: the main indicators against their targets.
pub fn overview(catalog: &Catalog, analysis: &Analysis) -> String {
    let y = analysis.year;
    let count = |s: Status| analysis.progress.iter().filter(|p| p.status == s).count();
    let known = analysis.progress.len() - count(Status::Unknown);
    let mut s = format!(
        "《南京市玄武区“十四五”知识产权发展规划》确定主要指标{}项。{y}年，有数据的{known}项指标中，",
        analysis.progress.len()
    );
    let met = count(Status::Met);
    if y < catalog.period_end {
        s.push_str(&format!(
            "{met}项已提前达到{}年目标，{}项快于序时进度，{}项慢于序时进度",
            catalog.period_end,
            count(Status::Ahead),
            count(Status::Behind)
        ));
    } else {
        s.push_str(&format!("{met}项达到{}年目标", catalog.period_end));
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
    } else if y < catalog.period_end {
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

/// The 综述: the overview, then a paragraph per category that has figures, each
/// with the category's title as its run-in heading.
pub fn summary(catalog: &Catalog, analysis: &Analysis) -> Vec<(Option<String>, String)> {
    let mut paras = vec![(None, overview(catalog, analysis))];
    for cat in catalog.categories.iter().filter(|c| c.key != "基础") {
        if let Some(p) = category_paragraph(catalog, analysis, &cat.key) {
            paras.push((Some(cat.title.clone()), p));
        }
    }
    paras
}

#[cfg(test)]
mod tests;
