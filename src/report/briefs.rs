//! The street briefs (街道知识产权统计简报): for each street and park with figures
//! in the report year, its indicators with their growth on the previous year,
//! their share of the district and the street's rank among the streets, a lead
//! sentence, the streets' ranking chart and 资料来源. Built from the same analysis
//! as the yearbook; the brief template only lays it out.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::catalog::{Catalog, Derive, Indicator, Kind};
use crate::charts::{self, Chart};
use crate::format;
use crate::narrative;

use super::chapters::growth_cell;
use super::tables::source_line;
use super::{Column, ColumnKind, Figure, Meta, Row, Table, set_cells};

/// One street's brief.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    /// 梅园新村街道
    pub region: String,
    /// 梅园新村街道知识产权统计简报
    pub title: String,
    /// （2025年）
    pub edition: String,
    pub organization: String,
    /// 二〇二六年三月
    pub date: String,
    pub layout: super::Layout,
    pub paragraphs: Vec<String>,
    pub table: Table,
    pub figure: Option<Figure>,
}

/// The file name of a brief: `梅园新村街道知识产权统计简报（2025年）.pdf`.
pub fn file_name(brief: &Brief) -> String {
    format!("{}{}.pdf", brief.title, brief.edition)
}

/// Whether an indicator's figures add up across regions (a count or an amount).
fn additive(ind: &Indicator) -> bool {
    ind.derive.is_none() && !ind.is_percent()
}

/// The brief of every street, then of every park, that has a figure in the year.
pub fn build(catalog: &Catalog, analysis: &Analysis, charts: &[Chart], meta: &Meta) -> Vec<Brief> {
    let year = analysis.year;
    let regions: Vec<_> = catalog.streets().chain(catalog.parks()).collect();
    let mut inds: Vec<&Indicator> = catalog
        .indicators
        .iter()
        .filter(|i| i.kind != Kind::Cumulative)
        .filter(|i| regions.iter().any(|r| analysis.values.value(&i.id, &r.name, year).is_some()))
        .collect();
    inds.sort_by_key(|i| i.derive.is_some());
    let streets: Vec<&str> = catalog.streets().map(|s| s.name.as_str()).collect();
    let figure = charts
        .iter()
        .find(|c| c.id == charts::STREET_RANKING)
        .zip(charts::street_ranking_indicator(catalog, analysis));
    regions
        .iter()
        .filter(|r| inds.iter().any(|i| analysis.values.value(&i.id, &r.name, year).is_some()))
        .map(|r| {
            let is_street = streets.contains(&r.name.as_str());
            let table = table(catalog, analysis, &inds, &r.name, &streets, is_street);
            let figure = figure.map(|(chart, ind)| Figure {
                number: "图1".into(),
                title: format!("{year}年各街道{}", ind.name),
                path: format!("/charts/{}.svg", chart.id),
                alt: chart.alt.clone(),
            });
            Brief {
                region: r.name.clone(),
                title: format!("{}知识产权统计简报", r.name),
                edition: format!("（{year}年）"),
                organization: meta.organization.clone(),
                date: meta.date.clone(),
                layout: meta.layout.clone(),
                paragraphs: lead(catalog, analysis, &r.name, &streets, is_street).into_iter().collect(),
                table,
                figure,
            }
        })
        .collect()
}

/// The rank of `region` among `streets` by the indicator's figure, largest
/// first (equal figures share a rank); `None` without a figure.
fn rank(analysis: &Analysis, id: &str, region: &str, streets: &[&str]) -> Option<usize> {
    let year = analysis.year;
    let own = analysis.values.value(id, region, year)?;
    let above =
        streets.iter().filter_map(|s| analysis.values.value(id, s, year)).filter(|v| *v > own).count();
    Some(above + 1)
}

/// The street's share of the district in %, for a figure that adds up.
fn share(analysis: &Analysis, ind: &Indicator, region: &str) -> Option<f64> {
    let year = analysis.year;
    let part = analysis.values.value(&ind.id, region, year)?;
    let whole = analysis.district_value(&ind.id, year).filter(|w| *w > 0.0 && additive(ind))?;
    Some(part / whole * 100.0)
}

fn table(
    catalog: &Catalog,
    analysis: &Analysis,
    inds: &[&Indicator],
    region: &str,
    streets: &[&str],
    is_street: bool,
) -> Table {
    let year = analysis.year;
    use ColumnKind::*;
    let mut columns = vec![
        Column::new(Name, "指标"),
        Column::new(Value, format!("{year}年")),
        Column::new(Change, "比上年增长（%）"),
        Column::new(Rate, "占全区比重（%）"),
    ];
    if is_street {
        columns.push(Column::new(Rank, "街道排名"));
    }
    let mut small_base = false;
    let mut points = false;
    let mut rows: Vec<Row> = inds
        .iter()
        .map(|ind| {
            let change = analysis.change(ind, region, year);
            small_base |= matches!(change, Some(crate::analysis::Change::Count(_)));
            points |= matches!(change, Some(crate::analysis::Change::Points(_)));
            let mut cells = vec![
                format!("{}（{}）", ind.name, ind.unit),
                format::value(ind, analysis.values.value(&ind.id, region, year)),
                growth_cell(change),
                share(analysis, ind, region).map_or_else(|| format::MISSING.into(), |s| format::round(s, 1)),
            ];
            if is_street {
                cells.push(
                    rank(analysis, &ind.id, region, streets)
                        .map_or_else(|| format::MISSING.into(), |k| format!("第{k}位")),
                );
            }
            Row::new(cells, false)
        })
        .collect();
    set_cells(&columns, &mut rows);
    let mut said = vec!["占全区比重为本地区数值占全区的比重，每万人指标等比值不计算比重".to_string()];
    if is_street {
        said.push(format!("街道排名为在{}个街道中按数值从高到低的位次", streets.len()));
    }
    if points {
        said.push("以%为单位的指标，“比上年增长”栏为比上年增减的百分点".into());
    }
    if small_base {
        said.push(format!("上年数值不足{}的，不计算增长速度，以“—”表示", crate::analysis::SMALL_BASE));
    }
    if inds.iter().any(|i| matches!(i.derive, Some(Derive::Ratio { .. }))) {
        said.push("每万人指标以年末常住人口为分母".into());
    }
    let numbered: Vec<String> = said.iter().enumerate().map(|(i, n)| format!("{}.{n}", i + 1)).collect();
    let ids: Vec<&str> = inds.iter().map(|i| i.id.as_str()).collect();
    Table {
        number: "表1".into(),
        title: format!("{region}主要知识产权指标（{year}年）"),
        unit: None,
        columns,
        rows,
        notes: vec![format!("注：{}。", numbered.join("；"))],
        source: source_line(catalog, analysis, &ids, &[region], &[year - 1, year]),
    }
}

/// `2025年，梅园新村街道有效发明专利拥有量1826件，比上年末增长4.2%，占全区的10.0%，
/// 居各街道第5位。`, for the indicator the streets are ranked by.
fn lead(
    catalog: &Catalog,
    analysis: &Analysis,
    region: &str,
    streets: &[&str],
    is_street: bool,
) -> Option<String> {
    let year = analysis.year;
    let ind = charts::street_ranking_indicator(catalog, analysis)?;
    let value = analysis.values.value(&ind.id, region, year)?;
    let mut s = format!("{year}年，{region}{}{}{}", ind.name, format::value(ind, Some(value)), ind.unit);
    if let Some(c) = analysis.change(ind, region, year) {
        s.push('，');
        s.push_str(&narrative::change_of(ind, c));
    }
    if let Some(p) = share(analysis, ind, region) {
        s.push_str(&format!("，占全区的{}%", format::round(p, 1)));
    }
    if is_street && let Some(k) = rank(analysis, &ind.id, region, streets) {
        s.push_str(&format!("，居{}个街道第{k}位", streets.len()));
    }
    s.push('。');
    Some(s)
}
