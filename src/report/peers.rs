//! The district among its peers in the report: a paragraph in the 综述 and in
//! each chapter with a compared figure, the ranking table (表1-1) in the 综述,
//! and the rules in 编制说明. Nothing is added when no workbook gives a peer's
//! or a higher level's figure. Receives the catalogue, the analysis and the
//! chapters built; hands them on with the comparison added.

use crate::analysis::Analysis;
use crate::analysis::peers::{self, Rule, Standing};
use crate::catalog::Catalog;
use crate::format;
use crate::narrative;

use super::{Chapter, Column, ColumnKind, Paragraph, Row, Table, set_cells};

/// Adds the comparison to the 综述, the chapters and 编制说明.
pub fn add(
    catalog: &Catalog,
    analysis: &Analysis,
    summary: &mut Chapter,
    chapters: &mut [Chapter],
    preface: &mut Vec<(&'static str, String)>,
) {
    let standings = peers::standings(catalog, analysis);
    if standings.is_empty() {
        return;
    }
    if let Some(text) = narrative::peers::summary(catalog, analysis, &standings) {
        summary
            .paragraphs
            .push(Paragraph { title: Some("区域比较".into()), text, name: Some("区域比较") });
    }
    for cat in &catalog.categories {
        let Some(ch) = chapters.iter_mut().find(|c| c.title == cat.title) else { continue };
        if let Some(text) = narrative::peers::chapter(catalog, &cat.key, &standings) {
            ch.paragraphs.push(Paragraph { title: None, text, name: Some("区域比较") });
        }
    }
    summary.tables.push(table(catalog, analysis, &standings, &summary.number));
    preface.push(("区域比较", rules(catalog, &standings)));
}

/// 编制说明's sentence on the rules, naming the districts.
fn rules(catalog: &Catalog, standings: &[Standing]) -> String {
    let names: Vec<&str> = std::iter::once(catalog.district().name.as_str())
        .chain(catalog.peers().map(|p| p.name.as_str()))
        .collect();
    let city = catalog.higher().next().map_or("全市".to_string(), |c| c.level_name());
    let city_name = catalog.higher().next().map_or("全市".to_string(), |c| c.name.clone());
    let mut s = format!(
        "区域比较：位次按{city}{}个区（{}）中有数据的区的数值从高到低排列，数值相同的并列；{city}平均水平，总量指标为{city_name}合计数除以{}个区，",
        names.len(),
        names.join("、"),
        names.len()
    );
    if standings.iter().any(|s| s.city.as_ref().is_some_and(|c| c.rule == Rule::MeanOfDistricts)) {
        s.push_str("未报合计数的为各区数值的算术平均，");
    }
    s.push_str("每万人、百分比等比率指标为其本身的数值（称“水平”）；与更高层级比较时，总量指标给出所占比重，比率指标给出高低。");
    s
}

/// 表1-1: the district's figure, rank and levels for each compared indicator.
fn table(catalog: &Catalog, analysis: &Analysis, standings: &[Standing], chapter: &str) -> Table {
    let year = analysis.year;
    let city = catalog.higher().next().map_or("全市".to_string(), |c| c.level_name());
    let levels: Vec<(String, String)> =
        catalog.higher().skip(1).map(|r| (r.name.clone(), r.level_name())).collect();
    let levels: Vec<(String, String)> = levels
        .into_iter()
        .filter(|(n, _)| standings.iter().any(|s| s.higher.iter().any(|h| h.region == *n)))
        .collect();
    use ColumnKind::*;
    let mut columns = vec![
        Column::new(Name, "指标"),
        Column::new(Unit, "单位"),
        Column::new(Value, analysis.district.clone()),
        Column::new(Status, format!("{city}位次")),
        Column::new(Level, format!("{city}平均")),
        Column::new(Level, "差额"),
    ];
    columns.extend(levels.iter().map(|(_, l)| Column::new(Level, l.clone())));
    let mut incomplete = false;
    let mut rows: Vec<Row> =
        standings
            .iter()
            .filter_map(|s| Some((catalog.get(&s.id)?, s)))
            .map(|(ind, s)| {
                let rank = s.rank.map_or(format::MISSING.to_string(), |r| {
                    incomplete |= !r.complete;
                    if r.complete {
                        format!("第{}位", r.place)
                    } else {
                        format!("第{}位（{}个区）", r.place, r.of)
                    }
                });
                let diff = s.city.as_ref().map(|c| s.value - c.value);
                let mut cells = vec![
                    ind.name.clone(),
                    ind.unit.clone(),
                    format::value(ind, Some(s.value)),
                    rank,
                    format::value(ind, s.city.as_ref().map(|c| c.value)),
                    diff.map_or(format::MISSING.to_string(), |d| signed(&format::value(ind, Some(d)))),
                ];
                cells.extend(levels.iter().map(|(n, _)| {
                    format::value(ind, s.higher.iter().find(|h| h.region == *n).map(|h| h.value))
                }));
                Row::new(cells, false)
            })
            .collect();
    set_cells(&columns, &mut rows);
    let mut notes = vec![format!(
        "注：1.{city}平均：总量指标为{city}合计数除以{}个区，比率指标为{city}数值；2.差额为{}数值减{city}平均；3.位次按数值从高到低排列",
        peers::districts(catalog),
        analysis.district
    )];
    if incomplete {
        notes[0].push_str("，括号内为有数据的区数");
    }
    notes[0].push('。');
    let number = format!("表{}-1", chapter_number(chapter));
    Table {
        number,
        title: format!("{year}年{}主要指标在{city}的位次", analysis.district),
        unit: None,
        columns,
        rows,
        notes,
        source: None,
    }
}

/// A difference with its sign: +3710, −20.
fn signed(shown: &str) -> String {
    if shown.starts_with('-') || shown.chars().all(|c| c == '0' || c == '.') {
        shown.replacen('-', "－", 1)
    } else {
        format!("＋{shown}")
    }
}

/// 一 → 1: the chapter's number in a table number.
fn chapter_number(numeral: &str) -> usize {
    (1..=99).find(|n| format::chinese_small(*n as u32) == numeral).unwrap_or(1)
}
