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
    // Leading years without a figure in any row are no columns (a table of what
    // the data cover); a gap inside stays, as —.
    let years: Vec<i32> =
        match years.iter().position(|y| inds.iter().any(|i| analysis.district_value(&i.id, *y).is_some())) {
            Some(first) => years[first..].to_vec(),
            None => years,
        };
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
    // Indicators on a small base, and whether the chapter's lead states each one's
    // change (it writes about the category's `summary` list).
    let mut small_base: Vec<&str> = Vec::new();
    // Whether a growth rate printed beside rounded figures differs from the rate
    // those printed figures give.
    let mut rounding_shows = false;
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
        if matches!(change, Some(Change::Count(_))) {
            small_base.push(&ind.id);
        }
        rounding_shows |=
            growth_from_printed(ind, analysis, year, change).is_some_and(|p| p != growth_cell(change));
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
    // A growth column with nothing in it is dropped, and with it its notes.
    let growth_at = columns.iter().position(|c| c.kind == ColumnKind::Change);
    let empty_growth = growth_at.is_some_and(|g| rows.iter().all(|r| r.cells[g].text == format::MISSING));
    if let (true, Some(g)) = (empty_growth, growth_at) {
        columns.remove(g);
        for r in &mut rows {
            r.cells.remove(g);
        }
        has_points = false;
        small_base.clear();
        rounding_shows = false;
    }
    set_cells(&columns, &mut rows);
    let mut notes = Vec::new();
    let mut said = Vec::new();
    if has_points {
        said.push("以%为单位的指标，“比上年增长”栏为比上年增减的百分点".to_string());
    }
    if !small_base.is_empty() {
        let told: Vec<&str> = catalog
            .categories
            .iter()
            .filter(|c| c.key == key)
            .flat_map(|c| c.summary.iter().flat_map(|e| e.split('+')))
            .collect();
        let pointer =
            if small_base.iter().all(|id| told.contains(id)) { "，其增减见正文" } else { "" };
        said.push(format!(
            "上年数值不足{}的，不计算增长速度，以“—”表示{pointer}",
            crate::analysis::SMALL_BASE
        ));
    }
    if rounding_shows {
        said.push("增长速度按未经修约的数据计算，与按表中数字计算的结果略有差异".into());
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
        title: if years[0] == year {
            format!("{title}主要统计指标（{year}年）")
        } else {
            format!("{}主要统计指标（{}—{}年）", title, years[0], year)
        },
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
        })
        .collect();
    let paragraphs: Vec<Paragraph> =
        narrative::chapter_lead(catalog, analysis, key).into_iter().map(Paragraph::plain).collect();
    // A chapter without data is left out by the caller and named in 编制说明.
    Chapter { number: numeral(n), title: title.to_string(), paragraphs, tables, figures }
}

/// The growth rate (or change in 百分点) that the figures printed in the table
/// give, formatted as the growth column; `None` where the column prints no rate.
fn growth_from_printed(
    ind: &Indicator,
    analysis: &Analysis,
    year: i32,
    change: Option<Change>,
) -> Option<String> {
    let printed =
        |y: i32| -> Option<f64> { format::value(ind, analysis.district_value(&ind.id, y)).parse().ok() };
    let (now, before) = (printed(year)?, printed(year - 1)?);
    match change? {
        Change::Percent(_) if before != 0.0 => Some(format::round((now / before - 1.0) * 100.0, 1)),
        Change::Points(_) => Some(format::round(now - before, 1)),
        _ => None,
    }
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
        // How the parks add up is read from the figures, never assumed.
        match park_sums(catalog, analysis, &inds, &parks) {
            Some(ParkSum::InStreets) => {
                note.push(format!("{}的数据已包含在所在街道中，不重复计入全区", names.join("、")))
            }
            Some(ParkSum::Beside) => note.push(format!("全区数为各街道与{}之和", names.join("、"))),
            None => {}
        }
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
        s.push_str(&per_10k_leaders(catalog, analysis, top).unwrap_or_default());
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

/// How the parks' figures relate to the district's, as the figures show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParkSum {
    /// The streets alone add up to the district: a park lies inside streets.
    InStreets,
    /// The streets and the parks together add up to the district.
    Beside,
}

/// Decides [`ParkSum`] from every additive indicator where the district, every
/// street and every park have a figure for the year: one answer that holds for
/// all of them, else `None` (no note; 附录二 reports sums that disagree).
fn park_sums(
    catalog: &Catalog,
    analysis: &Analysis,
    inds: &[&Indicator],
    parks: &[&crate::catalog::Region],
) -> Option<ParkSum> {
    let year = analysis.year;
    let mut answer = None;
    for ind in inds.iter().filter(|i| additive(i)) {
        let value = |r: &str| analysis.values.value(&ind.id, r, year);
        let Some(total) = value(&analysis.district) else { continue };
        let Some(streets) = catalog.streets().map(|s| value(&s.name)).sum::<Option<f64>>() else { continue };
        let Some(in_parks) = parks.iter().map(|p| value(&p.name)).sum::<Option<f64>>() else { continue };
        // What rounding alone explains, as the checks allow it.
        let parts = catalog.streets().count() + parks.len();
        let slack = match format::decimals(ind) {
            0 => 1e-9,
            d => 0.5 * 10f64.powi(-(d as i32)) * parts as f64 + 1e-9,
        };
        let this = if (streets - total).abs() <= slack {
            ParkSum::InStreets
        } else if (streets + in_parks - total).abs() <= slack {
            ParkSum::Beside
        } else {
            return None;
        };
        if answer.is_some_and(|a| a != this) {
            return None;
        }
        answer = Some(this);
    }
    answer
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
/// 为612.3件，是全区平均水平的1.8倍。` When the street is the one the sentence
/// before named (`named`), it is not named again: `该街道万人发明专利拥有量也居
/// 各街道首位，…`.
fn per_10k_leaders(catalog: &Catalog, analysis: &Analysis, named: &str) -> Option<String> {
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
            let (value, times) = (format::value(ind, Some(v)), format::round(v / avg, 1));
            out.push_str(&if name == named {
                format!(
                    "该街道{}也居各街道首位，为{value}{}，是全区平均水平的{times}倍。",
                    ind.name, ind.unit
                )
            } else {
                format!("{}最高的是{name}，为{value}{}，是全区平均水平的{times}倍。", ind.name, ind.unit)
            });
        }
    }
    (!out.is_empty()).then_some(out)
}
