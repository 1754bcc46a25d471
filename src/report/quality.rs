//! The appendix 数据质量说明 in a reader's terms: one item per consistency check
//! that had something to compare, each naming what it covered and what it found.
//! Files, cells and requests to the statistician (请核对…) stay in `check` and
//! the desk; a check that had nothing to compare (no street figures, no plan) is
//! not claimed.

use serde::Serialize;

use crate::analysis::checks::{Checks, Coverage};
use crate::catalog::{Catalog, Indicator};
use crate::diag::{Direction, Kind};
use crate::format;

/// 附录二: an opening sentence and the numbered items.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    pub intro: String,
    pub items: Vec<String>,
}

/// `有效发明专利拥有量等3项指标`, or the one name.
fn scope(catalog: &Catalog, ids: &[String]) -> String {
    let first = ids.first().and_then(|id| catalog.get(id)).map_or("", |i| i.name.as_str());
    match ids.len() {
        1 => first.to_string(),
        n => format!("{first}等{n}项指标"),
    }
}

/// The unit of an indicator named in a finding, for the figures it prints.
fn unit_of<'a>(catalog: &'a Catalog, name: &str) -> &'a str {
    catalog.indicators.iter().find(|i| i.name == name).map_or("", |i: &Indicator| i.unit.as_str())
}

/// `2016—2025年`, or `2025年`.
fn span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}—{b}年"),
        (Some(a), _) => format!("{a}年"),
        _ => String::new(),
    }
}

/// A check's result: `均相符。` or `发现2处：…；…。`
fn result(ok: &str, found: Vec<String>) -> String {
    if found.is_empty() {
        format!("{ok}。")
    } else {
        format!("发现{}处：{}。", found.len(), found.join("；"))
    }
}

/// Builds 附录二 from the checks and what they covered; `region` is the district.
pub fn appendix(catalog: &Catalog, checks: &Checks, region: &str, year: i32, plan: Option<&str>) -> Quality {
    let cov: &Coverage = &checks.coverage;
    let years: Vec<i32> = cov.years.map(|(a, b)| (a..=b).collect()).unwrap_or_default();
    let found = |pick: &dyn Fn(&Kind) -> Option<String>| -> Vec<String> {
        checks.findings.iter().filter_map(|d| pick(&d.kind)).collect()
    };
    let mut items = Vec::new();
    if !cov.parts.is_empty() {
        let f = found(&|k| match k {
            Kind::PartsDisagree { year, parts, sum, indicator, total, .. } => {
                let u = unit_of(catalog, indicator);
                Some(format!("{year}年{}之和为{sum}{u}，与{indicator}{total}{u}不一致", parts.join("、")))
            }
            _ => None,
        });
        items.push(format!(
            "分项与总数：{}有分项构成，核对{}各年分项之和与总数，{}",
            scope(catalog, &cov.parts),
            span(&years),
            result("均相符", f)
        ));
    }
    if !cov.streets.is_empty() {
        let f = found(&|k| match k {
            Kind::StreetsDisagree { year, indicator, sum, total } => {
                let u = unit_of(catalog, indicator);
                Some(format!("{year}年各街道{indicator}之和为{sum}{u}，与全区{total}{u}不一致"))
            }
            _ => None,
        });
        items.push(format!(
            "各街道与全区：{}有各街道数据，核对{}各街道之和与全区数，{}",
            scope(catalog, &cov.streets),
            span(&cov.street_years),
            result("均相符", f)
        ));
    }
    if !cov.stocks.is_empty() {
        let f = found(&|k| match k {
            Kind::StockFell { indicator, year, value, previous_year, previous_value, .. } => {
                let u = unit_of(catalog, indicator);
                Some(format!(
                    "{indicator}{year}年末为{value}{u}，低于{previous_year}年末的{previous_value}{u}"
                ))
            }
            _ => None,
        });
        items.push(format!(
            "年末存量：对{}（知识产权年末存量，不含比重类指标、按公式计算的指标和基础数据），核对是否低于上年末，{}",
            scope(catalog, &cov.stocks),
            result("未发现下降", f)
        ));
    }
    if !cov.changes.is_empty() {
        let f = found(&|k| match k {
            Kind::ImplausibleChange { indicator, year, value, direction, percent, .. } => {
                let u = unit_of(catalog, indicator);
                let verb = match direction {
                    Direction::Rise => "增长",
                    Direction::Fall => "下降",
                };
                Some(format!("{indicator}{year}年为{value}{u}，比上年{verb}{percent}%"))
            }
            _ => None,
        });
        items.push(format!(
            "比上年变化：对{}（报送数据，以%为单位的指标和两年数值均不足{}的除外），核对比上年增减是否超过{}%，{}",
            scope(catalog, &cov.changes),
            format::cell(crate::analysis::checks::MIN_FOR_CHANGE),
            format::cell(cov.bound),
            result("均未超过", f)
        ));
    }
    if !cov.series.is_empty() {
        let f = found(&|k| match k {
            Kind::SeriesGap { indicator, missing } => {
                let ys: Vec<String> = missing.iter().map(|y| format!("{y}年")).collect();
                Some(format!("{indicator}缺少{}数据，相关增长速度以“—”表示", ys.join("、")))
            }
            _ => None,
        });
        items.push(format!(
            "序列完整性：对{}（报送数据），核对各年数据是否连续，{}",
            scope(catalog, &cov.series),
            result("未发现中断", f)
        ));
    }
    if let (Some(plan), true) = (plan, cov.main > 0) {
        let f = found(&|k| match k {
            Kind::MainIndicatorMissing { indicator, .. } => Some(indicator.clone()),
            _ => None,
        });
        items.push(if f.is_empty() {
            format!("主要指标：“{plan}”规划{}项主要指标均有{year}年数据。", cov.main)
        } else {
            format!(
                "主要指标：“{plan}”规划{}项主要指标中，{}项缺少{year}年数据（{}），未评价其完成情况。",
                cov.main,
                f.len(),
                f.join("、")
            )
        });
    }
    let intro = if items.is_empty() {
        format!("本年报所用{region}数据不足以进行一致性检查。")
    } else {
        format!("本附录说明对本年报所用{region}数据进行的一致性检查：各项检查的范围和结果。")
    };
    Quality { intro, items }
}
