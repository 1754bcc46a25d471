//! The chapters of the report model built from tables: a category's chapter
//! (lead, table of the last five years in yearbook row order, charts) and the
//! streets' chapter (lead with the leading street's share, table, ranking chart).
//! A growth on a small base prints 「—」 with a note; a complete breakdown is
//! indented under its total without 其中, a partial item after 其中.

use crate::analysis::{Analysis, Change};
use crate::catalog::{Catalog, Derive, Indicator, Kind};
use crate::charts::{self, Chart};
use crate::format;
use crate::narrative;

use super::tables::source_line;
use super::{Chapter, Column, ColumnKind, Figure, Paragraph, Row, Table, numeral, set_cells};

/// The growth column: a rate or 百分点 with one decimal; 「—」 on a small base.
pub(super) fn growth_cell(change: Option<Change>) -> String {
    match change {
        Some(Change::Count(_)) => format::MISSING.into(),
        Some(c) => format::round(c.amount(), 1),
        None => format::MISSING.into(),
    }
}

pub(super) fn category_chapter(
    catalog: &Catalog,
    analysis: &Analysis,
    charts: &[Chart],
    key: &str,
    title: &str,
    n: usize,
) -> Chapter {
    let year = analysis.year;
    let years: Vec<i32> = (year - 4..=year).collect();
    // Series read from workbooks first, then the ratios computed from them.
    let mut inds = table_order(catalog, key);
    // An indicator with no figure in any of the years has no row (the main table
    // still lists every main indicator, with —).
    inds.retain(|i| years.iter().any(|y| analysis.district_value(&i.id, *y).is_some()));
    let units: std::collections::BTreeSet<&str> = inds.iter().map(|i| i.unit.as_str()).collect();
    let shared_unit = (units.len() == 1).then(|| units.iter().next().map(|u| format!("单位：{u}"))).flatten();
    let mut columns = vec![Column::new(ColumnKind::Name, "指标")];
    if shared_unit.is_none() {
        columns.push(Column::new(ColumnKind::Unit, "单位"));
    }
    columns.extend(years.iter().map(|y| Column::new(ColumnKind::Value, format!("{y}年"))));
    columns.push(Column::new(ColumnKind::Change, "比上年增长（%）"));
    let comparison = catalog.comparison().filter(|r| {
        inds.iter().any(|i| additive(i) && analysis.values.value(&i.id, &r.name, year).is_some())
    });
    if let Some(r) = comparison {
        columns.push(Column::new(ColumnKind::Rate, format!("占{}比重（%）", short_region(&r.name))));
    }
    let mut rows = Vec::new();
    let mut has_points = false;
    let mut small_base = false;
    let mut previous_parent: Option<&str> = None;
    for ind in &inds {
        // An item right under its total (or an earlier item of the same total):
        // indented; a partial item (`under`) opens with 其中, a part of a complete
        // breakdown does not.
        let parent = catalog.parent_of(ind).map(|p| p.id.as_str());
        let listed = rows.len();
        let indent = parent.is_some_and(|p| {
            inds[..listed].iter().any(|i| i.id == p)
                && (inds[listed - 1].id == p || previous_parent == Some(p))
        });
        let partial = ind.under.is_some();
        let name = if indent && partial && previous_parent != parent {
            format!("其中：{}", ind.name)
        } else {
            ind.name.clone()
        };
        previous_parent = if indent { parent } else { None };
        let mut row = vec![name];
        if shared_unit.is_none() {
            row.push(ind.unit.clone());
        }
        row.extend(years.iter().map(|y| format::value(ind, analysis.district_value(&ind.id, *y))));
        let change = analysis.change(ind, &analysis.district, year);
        has_points |= matches!(change, Some(Change::Points(_)));
        small_base |= matches!(change, Some(Change::Count(_)));
        row.push(growth_cell(change));
        if let Some(r) = comparison {
            let whole = analysis.values.value(&ind.id, &r.name, year).filter(|w| *w > 0.0 && additive(ind));
            let part = analysis.district_value(&ind.id, year);
            row.push(match (part, whole) {
                (Some(p), Some(w)) => format::round(p / w * 100.0, 1),
                _ => format::MISSING.into(),
            });
        }
        rows.push(Row::new(row, indent));
    }
    set_cells(&columns, &mut rows);
    let mut notes = Vec::new();
    let mut said = Vec::new();
    if has_points {
        said.push("以%为单位的指标，“比上年增长”栏为比上年增减的百分点".to_string());
    }
    if small_base {
        said.push(format!(
            "上年数值不足{}的，不计算增长速度，以“—”表示，其增减见正文",
            crate::analysis::SMALL_BASE
        ));
    }
    if let Some(r) = comparison {
        said.push(format!(
            "占{}比重为{year}年{}数值占{}的比重",
            short_region(&r.name),
            analysis.district,
            r.name
        ));
    }
    match said.len() {
        0 => {}
        1 => notes.push(format!("注：{}。", said[0])),
        _ => {
            let numbered: Vec<String> =
                said.iter().enumerate().map(|(i, n)| format!("{}.{n}", i + 1)).collect();
            notes.push(format!("注：{}。", numbered.join("；")));
        }
    }
    let ids: Vec<&str> = inds.iter().map(|i| i.id.as_str()).collect();
    let mut tables = vec![Table {
        number: format!("表{n}-1"),
        title: format!("{}主要统计指标（{}—{}年）", title, years[0], year),
        unit: shared_unit,
        columns,
        rows,
        notes,
        source: source_line(catalog, analysis, &ids, &[analysis.district.as_str()], &years),
    }];
    tables.retain(|t| !t.rows.is_empty());
    let figures = charts
        .iter()
        .filter(|c| c.category.as_deref() == Some(key))
        .enumerate()
        .map(|(k, chart)| Figure {
            number: format!("图{n}-{}", k + 1),
            title: chart.title.clone(),
            path: format!("/charts/{}.svg", chart.id),
            alt: chart.alt.clone(),
            wide: false,
        })
        .collect();
    let mut paragraphs: Vec<Paragraph> =
        narrative::chapter_lead(catalog, analysis, key).into_iter().map(Paragraph::plain).collect();
    if paragraphs.is_empty() && tables.is_empty() {
        paragraphs.push(Paragraph::plain(format!(
            "本年报所用工作簿中没有{}—{year}年的{title}类指标数据。",
            years[0]
        )));
    }
    Chapter { number: numeral(n), title: title.to_string(), paragraphs, tables, figures }
}

pub(super) fn street_chapter(
    catalog: &Catalog,
    analysis: &Analysis,
    charts: &[Chart],
    n: usize,
) -> Option<Chapter> {
    let year = analysis.year;
    let regions: Vec<_> = catalog.streets().chain(catalog.parks()).collect();
    let mut inds: Vec<_> = catalog
        .indicators
        .iter()
        .filter(|i| i.kind != Kind::Cumulative)
        .filter(|i| regions.iter().any(|r| analysis.values.value(&i.id, &r.name, year).is_some()))
        .collect();
    inds.sort_by_key(|i| i.derive.is_some());
    if inds.is_empty() {
        return None;
    }
    let mut columns = vec![Column::new(ColumnKind::Region, "街道（园区）")];
    columns.extend(inds.iter().map(|i| Column::new(ColumnKind::Value, format!("{}（{}）", i.name, i.unit))));
    let row = |label: &str, region: &str, indent: bool| {
        let mut row = vec![label.to_string()];
        row.extend(inds.iter().map(|i| format::value(i, analysis.values.value(&i.id, region, year))));
        Row::new(row, indent)
    };
    let mut rows = vec![row("全区", &analysis.district, false)];
    rows.extend(catalog.streets().map(|s| row(&s.name, &s.name, true)));
    let parks: Vec<_> = catalog
        .parks()
        .filter(|p| inds.iter().any(|i| analysis.values.value(&i.id, &p.name, year).is_some()))
        .collect();
    rows.extend(parks.iter().map(|p| row(&p.name, &p.name, false)));
    set_cells(&columns, &mut rows);
    let mut note = Vec::new();
    if !parks.is_empty() {
        let names: Vec<&str> = parks.iter().map(|p| p.name.as_str()).collect();
        note.push(format!("{}的数据已包含在所在街道中，不重复计入全区", names.join("、")));
    }
    if inds.iter().any(|i| matches!(i.derive, Some(Derive::Ratio { .. }))) {
        note.push("每万人指标以各街道（园区）年末常住人口为分母".into());
    }
    let notes = if note.is_empty() { Vec::new() } else { vec![format!("注：{}。", note.join("；"))] };
    let mut figures = Vec::new();
    if let (Some(chart), Some(ind)) = (
        charts.iter().find(|c| c.id == charts::STREET_RANKING),
        charts::street_ranking_indicator(catalog, analysis),
    ) {
        figures.push(Figure {
            number: format!("图{n}-1"),
            title: format!("{year}年各街道{}", ind.name),
            path: format!("/charts/{}.svg", chart.id),
            alt: chart.alt.clone(),
            wide: true,
        });
    }
    let lead = charts::street_ranking_indicator(catalog, analysis).and_then(|ind| {
        let mut items: Vec<(String, f64)> = catalog
            .streets()
            .filter_map(|s| Some((s.name.clone(), analysis.values.value(&ind.id, &s.name, year)?)))
            .collect();
        items.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (top, v) = items.first()?;
        let mut s = format!(
            "{year}年，{top}{}位居各街道首位，为{}{}",
            ind.name,
            format::value(ind, Some(*v)),
            ind.unit
        );
        if let Some(total) = analysis.district_value(&ind.id, year).filter(|t| *t > 0.0 && additive(ind)) {
            s.push_str(&format!("，占全区的{}%", format::round(v / total * 100.0, 1)));
        }
        s.push('。');
        s.push_str(&per_10k_leaders(catalog, analysis).unwrap_or_default());
        Some(s)
    });
    Some(Chapter {
        number: numeral(n),
        title: "分街道（园区）统计".into(),
        paragraphs: lead.into_iter().map(Paragraph::plain).collect(),
        tables: vec![Table {
            number: format!("表{n}-1"),
            title: format!("分街道（园区）主要知识产权指标（{year}年）"),
            unit: None,
            columns,
            rows,
            notes,
            source: {
                let ids: Vec<&str> = inds.iter().map(|i| i.id.as_str()).collect();
                let names: Vec<&str> = regions.iter().map(|r| r.name.as_str()).collect();
                source_line(catalog, analysis, &ids, &names, &[year])
            },
        }],
        figures,
    })
}

/// Whether an indicator's figures add up across regions (a count or an amount).
fn additive(ind: &Indicator) -> bool {
    ind.derive.is_none() && !ind.is_percent()
}

/// 南京市 → 全市.
fn short_region(name: &str) -> &str {
    if name.ends_with('市') { "全市" } else { name }
}

/// The rows of a category's table in yearbook order: the category's `rows` list,
/// then the rest in catalogue order with ratios last; period totals are left to
/// the main-indicator table.
fn table_order<'a>(catalog: &'a Catalog, key: &'a str) -> Vec<&'a Indicator> {
    let cat = catalog.categories.iter().find(|c| c.key == key);
    let listed: Vec<&Indicator> =
        cat.into_iter().flat_map(|c| c.rows.iter()).filter_map(|id| catalog.get(id)).collect();
    let mut rest: Vec<&Indicator> =
        catalog.in_category(key).filter(|i| !listed.iter().any(|l| l.id == i.id)).collect();
    rest.sort_by_key(|i| i.derive.is_some());
    listed.into_iter().chain(rest).filter(|i| i.kind != Kind::Cumulative && i.category == key).collect()
}

/// For each per-10k figure the streets have: `万人发明专利拥有量最高的是X街道，
/// 为612.3件，是全区平均水平的1.8倍。`
fn per_10k_leaders(catalog: &Catalog, analysis: &Analysis) -> Option<String> {
    let year = analysis.year;
    let mut out = String::new();
    for ind in catalog
        .indicators
        .iter()
        .filter(|i| matches!(i.derive, Some(Derive::Ratio { scale, .. }) if scale == 1.0))
    {
        let Some(avg) = analysis.district_value(&ind.id, year).filter(|a| *a > 0.0) else { continue };
        let best = catalog
            .streets()
            .filter_map(|s| Some((s.name.as_str(), analysis.values.value(&ind.id, &s.name, year)?)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((name, v)) = best {
            out.push_str(&format!(
                "{}最高的是{name}，为{}{}，是全区平均水平的{}倍。",
                ind.name,
                format::value(ind, Some(v)),
                ind.unit,
                format::round(v / avg, 1)
            ));
        }
    }
    (!out.is_empty()).then_some(out)
}
