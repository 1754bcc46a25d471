//! 编制说明: what the yearbook covers (the chapters it has, those left out for
//! want of data), who reported the figures, and the rules of its figures in an
//! office's words: per-10k denominators, period totals and baselines, growth,
//! schedule and progress, computed indicators, symbols and rounding.

use super::{Chapter, Meta, span, tables};
use crate::analysis::Analysis;
use crate::catalog::{Catalog, PlanYear, Stage};
use crate::format;

/// `2025年暂无知识产权服务、知识产权人才方面的统计数据，分街道（园区）统计数据
/// 暂缺，本年报未列相应章节。`; `None` when every chapter is there.
pub(super) fn left_out_sentence(year: i32, categories: &[String], no_streets: bool) -> Option<String> {
    let mut what = Vec::new();
    if !categories.is_empty() {
        what.push(format!("{}方面的统计数据", categories.join("、")));
    }
    if no_streets {
        what.push("分街道（园区）统计数据".to_string());
    }
    (!what.is_empty()).then(|| format!("{year}年暂无{}，本年报未列相应章节。", what.join("和")))
}

pub(super) fn preface(
    catalog: &Catalog,
    analysis: &Analysis,
    meta: &Meta,
    chapters: &[Chapter],
) -> Vec<(&'static str, String)> {
    let year = analysis.year;
    // The aspects the chapters cover (the category keys of those printed), base data aside.
    let cats: Vec<&str> = catalog
        .ip_categories()
        .filter(|c| chapters.iter().any(|ch| ch.title == c.title))
        .map(|c| c.key.as_str())
        .collect();
    let scope = if cats.is_empty() {
        format!("本年报反映{year}年{}知识产权的基本情况", meta.region)
    } else {
        format!("本年报反映{year}年{}知识产权{}等方面的基本情况", meta.region, cats.join("、"))
    };
    let mut paras = match &analysis.plan {
        Some(p) if p.within() => vec![
            ("范围", format!("{scope}，以及{}确定的主要指标的完成进度。", p.plan.cited())),
            ("数据来源", sources(catalog, analysis)),
            ("计算规则", within_rules(catalog, p)),
            ("增长与进度", schedule_rules(p)),
        ],
        Some(p) => vec![
            ("范围", format!("{scope}，以及{}确定的主要指标在规划期结束后的情况。", p.plan.cited())),
            ("数据来源", sources(catalog, analysis)),
            ("计算规则", format!(
                "万人发明专利拥有量等每万人指标以年末常住人口（万人）为分母。“新增”“累计”类指标为规划期内自规划第一年起各年数值之和；{year}年不在“{}”规划期内，不再累计，主要指标表中列其当年数。{}",
                p.plan.key,
                crate::narrative::awaiting_new_plan(p)
            )),
            ("增长与进度", format!(
                "增长速度按报告年度与上年数值计算；以%为单位的指标，其变化以百分点表示。年均增长为{}年至报告年度的年平均增长速度。",
                p.plan.end
            )),
        ],
        None => vec![
            ("范围", format!("{scope}。")),
            ("数据来源", sources(catalog, analysis)),
            ("计算规则", "万人发明专利拥有量等每万人指标以年末常住人口（万人）为分母。增长速度按报告年度与上年数值计算；以%为单位的指标，其变化以百分点表示。".to_string()),
        ],
    };
    paras.extend([
        ("计算指标", "每万人指标、比重等计算指标按附录一“指标解释”所列计算方法由基础数据计算。有关部门另行报送计算指标的，与计算结果核对一致后采用报送数，不一致的以计算结果为准，缺少基础数据无法核对的不予采用。数据一致性检查的范围和结果见附录二“数据质量说明”。".to_string()),
        ("符号说明", "符号说明：“—”表示数据不详或无该项数据。".to_string()),
        ("数字用法", "数字用法：统计数值使用阿拉伯数字，不分节；金额保留两位小数，百分比及每万人（每万户企业）指标保留一位小数，年末常住人口保留两位小数，均四舍五入。增长速度、比重、完成率等按未经修约的数据计算，与按表中修约后数字计算的结果可能略有差异；部分数据因四舍五入的原因，存在总计与分项合计不等的情况。".to_string()),
    ]);
    paras
}

/// Where the figures come from, by reporting agency.
fn sources(catalog: &Catalog, analysis: &Analysis) -> String {
    let ids: Vec<&str> = catalog.indicators.iter().map(|i| i.id.as_str()).collect();
    let regions: Vec<&str> = catalog.regions.iter().map(|r| r.name.as_str()).collect();
    let years: Vec<i32> = (analysis.year - 9..=analysis.year).collect();
    let agencies = tables::agencies(catalog, analysis, &ids, &regions, &years);
    let by = if agencies.is_empty() { "各有关部门".to_string() } else { agencies.join("、") };
    format!("本年报数据由{by}提供。每个数值均取自报送数据，或按附录“指标解释”所列规则计算得出。")
}

/// The rules of totals, baselines and completion inside a plan.
fn within_rules(catalog: &Catalog, p: &PlanYear) -> String {
    let plan = &p.plan;
    let (from, to) = (plan.baseline_year - plan.years() + 1, plan.baseline_year);
    // The period before is named when the catalogue has it as a plan.
    let before = match catalog.plans.iter().find(|q| q.start == from && q.end == to) {
        Some(q) => format!("“{}”期间（{}）", q.key, span(from, to)),
        None => format!("上一规划期（{}）", span(from, to)),
    };
    format!(
        "万人发明专利拥有量等每万人指标以年末常住人口（万人）为分母；“新增”“累计”类指标为{}年至报告年度各年数值之和，其基数为{before}合计。{}目标值前标“＞”的，须超过目标值方为完成。",
        plan.start,
        if p.stage == Stage::Closing {
            format!("完成率为报告年度数值除以{}年目标值；", plan.end)
        } else {
            String::new()
        }
    )
}

/// The rules of growth, average growth and the schedule inside a plan.
fn schedule_rules(p: &PlanYear) -> String {
    let plan = &p.plan;
    let example = plan.start + 2;
    let example = if plan.covers(example) {
        let share = (example - plan.baseline_year) as f64 / (plan.end - plan.baseline_year) as f64 * 100.0;
        format!("（如{example}年为{}%）", format::round(share, 0))
    } else {
        String::new()
    };
    format!(
        "增长速度按报告年度与上年数值计算；以%为单位的指标，其变化以百分点表示。年均增长为{}年至报告年度的年平均增长速度。序时进度为“{}”期间已过年数占{}年的比重{example}；期末数指标以（报告年度数值－基数）÷（目标值－基数）、“新增”“累计”类指标以累计数÷目标值衡量进度，与序时进度比较，判断快于或慢于序时进度。",
        plan.baseline_year,
        plan.key,
        format::chinese_small((plan.end - plan.baseline_year).max(0) as u32)
    )
}
