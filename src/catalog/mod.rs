//! The indicator catalogue: every indicator's id, canonical name, aliases, unit,
//! category, kind, definition and formula; the regions; and the plans (五年规划)
//! with their main indicators, baselines and targets ([`plan`]). The default is
//! embedded (`catalog.toml`); a project may name its own. Hands on a validated
//! [`Catalog`] with name lookup and the plan of a year ([`Catalog::plan_for`]).

mod error;
mod names;
mod plan;
pub mod unit;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use error::Lines;
pub use error::{CatalogError, Problem};
pub use names::{closest, normalize_label, normalize_region};
pub use plan::{Plan, PlanIndicator, PlanYear, Stage};

/// The embedded default catalogue.
pub const DEFAULT_CATALOG: &str = include_str!("catalog.toml");

/// How an indicator accumulates over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A year-end stock or a ratio (有效…、万人…、比重).
    Stock,
    /// What happened during the year (申请量、授权量、当年新增).
    Flow,
    /// A total over a plan period, from the plan's first year to the year
    /// (新增…、累计…).
    Cumulative,
}

impl Kind {
    /// The Chinese name used in 指标解释; a period total names the plan in force
    /// (`plan` is its key) or, without one, the plan period in general.
    pub fn label(self, plan: Option<&str>) -> String {
        match (self, plan) {
            (Kind::Stock, _) => "期末数".into(),
            (Kind::Flow, _) => "当年数".into(),
            (Kind::Cumulative, Some(key)) => format!("“{key}”累计数"),
            (Kind::Cumulative, None) => "规划期累计数".into(),
        }
    }
}

/// How a target compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cmp {
    /// 达到: value ≥ target.
    Ge,
    /// 超过: value > target (strict).
    Gt,
}

impl Cmp {
    /// Whether `value` meets `target`.
    pub fn met(self, value: f64, target: f64) -> bool {
        match self {
            Cmp::Ge => value >= target,
            Cmp::Gt => value > target,
        }
    }
}

/// The range a figure of an indicator can plausibly take, in the catalogue's unit:
/// `range = [0, 100]` for a share. A figure outside it is an error at its cell.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(try_from = "[f64; 2]", into = "[f64; 2]")]
pub struct ValueRange {
    pub min: f64,
    pub max: f64,
}

impl TryFrom<[f64; 2]> for ValueRange {
    type Error = String;

    fn try_from([min, max]: [f64; 2]) -> Result<Self, String> {
        if min.is_finite() && max.is_finite() && min <= max {
            Ok(ValueRange { min, max })
        } else {
            Err(format!("range 应为 [最小值, 最大值]，且最小值不大于最大值，现为 [{min}, {max}]"))
        }
    }
}

impl From<ValueRange> for [f64; 2] {
    fn from(r: ValueRange) -> Self {
        [r.min, r.max]
    }
}

impl ValueRange {
    /// Whether a value lies within the range, ends included, to 1e-9 relative: a
    /// formula's binary noise (100.00000000000001 for 100%) is no value outside it.
    pub fn contains(&self, v: f64) -> bool {
        let slack = |end: f64| 1e-9 * end.abs().max(1.0);
        v >= self.min - slack(self.min) && v <= self.max + slack(self.max)
    }
}

/// A formula that computes an indicator from others.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Derive {
    /// `scale × Σ num ÷ den`, all for the same region and year.
    Ratio { num: Vec<String>, den: String, scale: f64 },
    /// Σ of the yearly series `of` from the first year of the plan covering the
    /// year to the year.
    Cumsum { of: String },
}

/// One indicator.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub unit: String,
    /// `unit` parsed, at load.
    #[serde(skip)]
    pub measure: Option<unit::Unit>,
    /// The plausible range of a figure, in `unit`.
    #[serde(default)]
    pub range: Option<ValueRange>,
    pub category: String,
    pub kind: Kind,
    pub definition: String,
    #[serde(default)]
    pub derive: Option<Derive>,
    /// Indicators that add up to this one (发明 + 实用新型 + 外观设计 = 专利授权量).
    #[serde(default)]
    pub parts: Vec<String>,
    /// The indicator this one is a 其中 item of, when it is not one of its parts
    /// (发明专利申请量 under 专利申请量).
    #[serde(default)]
    pub under: Option<String>,
    /// How a bulletin says the figure (受理…案件, 年末…); `None`: the name.
    #[serde(default)]
    pub phrase: Option<Phrase>,
    /// The reporting agency (区人民法院), printed in 资料来源 and 编制说明.
    #[serde(default)]
    pub source: Option<String>,
    /// Years from which the series is on a new basis (口径调整), e.g. the census
    /// rebasing of the population: charts mark the break.
    #[serde(default)]
    pub breaks: Vec<SeriesBreak>,
}

/// A break in a series: from `year` on, figures are on a new basis and not
/// comparable with the years before.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesBreak {
    /// The first year on the new basis.
    pub year: i32,
    /// What the new basis is, to follow 按: 第七次全国人口普查结果.
    pub reason: String,
}

/// A bulletin's phrasing of an indicator: a verb and its object for a flow
/// (`verb = "受理"`, `object = "知识产权民事案件"` → 全年受理知识产权民事案件702件),
/// or only a noun (`object = "有效发明专利拥有量"` → 年末有效发明专利拥有量18260件).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    #[serde(default)]
    pub verb: Option<String>,
    pub object: String,
}

impl Indicator {
    /// The unit as a type, parsed when the catalogue was loaded; `None` for a
    /// unit this tool does not know (万吨), which converts only to itself.
    pub fn unit_type(&self) -> Option<unit::Unit> {
        self.measure.or_else(|| unit::parse(&self.unit).ok())
    }

    /// Whether figures are percentages, whose changes are in 百分点.
    pub fn is_percent(&self) -> bool {
        self.unit_type().is_some_and(unit::Unit::is_percent)
    }

    /// Whether figures count whole things (printed without decimals, read from
    /// workbooks): a change on a small base is said as a difference.
    pub fn is_count(&self) -> bool {
        self.derive.is_none() && self.unit_type().is_some_and(unit::Unit::is_count)
    }

    /// The bulletin's phrasing, or the name as the subject.
    pub fn phrasing(&self) -> Phrase {
        self.phrase.clone().unwrap_or_else(|| Phrase { verb: None, object: self.name.clone() })
    }
}

/// A category, which becomes a chapter.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub key: String,
    pub title: String,
    /// What the category is in the book: an aspect of IP work (the default) or
    /// the base data behind the ratios.
    #[serde(default)]
    pub role: Role,
    /// Indicators charted in the chapter.
    #[serde(default)]
    pub charts: Vec<String>,
    /// Indicators the 综述 and the chapter lead write about, in order.
    #[serde(default)]
    pub summary: Vec<String>,
    /// The indicators the 综述 names among its headline figures; empty: the first
    /// of `summary`.
    #[serde(default)]
    pub headline: Vec<String>,
    /// The rows of the chapter's table in yearbook order (申请 → 授权 → 有效 →
    /// 每万人 → PCT, then 商标, then 版权); empty: catalogue order, ratios last.
    /// Indicators not listed follow in that order.
    #[serde(default)]
    pub rows: Vec<String>,
}

/// What a category is in the book.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// An aspect of IP work (创造, 运用, …): its indicators are written about in
    /// the 综述 and its year-end stocks are checked for falls.
    #[default]
    Ip,
    /// Base data (年末常住人口, 企业数): the denominators of the ratios, printed in
    /// a chapter of its own but not counted among the IP figures; its stocks may
    /// fall (a census rebasing).
    Base,
}

/// A region: the district, a street or a park.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub code: Option<String>,
    /// The district total.
    #[serde(default)]
    pub district: bool,
    /// A park (园区); its figures are part of its streets', not added to them.
    #[serde(default)]
    pub park: bool,
    /// A region the district is compared with (南京市): read like any other, not
    /// a street; the district's share of it is printed.
    #[serde(default)]
    pub comparison: bool,
    /// A peer of the district (another district of the same city): read like any
    /// other region, never a street; the district is ranked among its peers.
    #[serde(default)]
    pub peer: bool,
    /// How the text names a higher level (`全市`, `全省`, `全国`); by default
    /// 全市 for a name ending in 市, 全省 for 省, the name itself otherwise.
    #[serde(default)]
    pub level: Option<String>,
}

impl Region {
    /// How the text names this region as a higher level: 南京市 → 全市.
    pub fn level_name(&self) -> String {
        if let Some(l) = &self.level {
            return l.clone();
        }
        if self.name.ends_with('市') {
            "全市".into()
        } else if self.name.ends_with('省') {
            "全省".into()
        } else {
            self.name.clone()
        }
    }
}

/// The catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Catalog {
    #[serde(rename = "category")]
    pub categories: Vec<Category>,
    #[serde(rename = "indicator")]
    pub indicators: Vec<Indicator>,
    #[serde(rename = "region")]
    pub regions: Vec<Region>,
    /// The plans, in time order.
    #[serde(default, rename = "plan")]
    pub plans: Vec<Plan>,
    /// The indicators that rank the streets, in order of preference.
    #[serde(default)]
    pub street_ranking: Vec<String>,
    #[serde(skip)]
    by_name: BTreeMap<String, usize>,
    #[serde(skip)]
    by_id: BTreeMap<String, usize>,
    #[serde(skip)]
    region_by_name: BTreeMap<String, usize>,
    /// Every name and alias, normalised, with its indicator (derived ones
    /// included) and its length in characters, in catalogue order: what titles
    /// and labels are matched against, normalised once.
    #[serde(skip)]
    all_names: Vec<(String, usize, usize)>,
}

impl Catalog {
    /// The embedded default catalogue.
    pub fn builtin() -> Catalog {
        Catalog::parse(DEFAULT_CATALOG, "内置指标目录").expect("the embedded catalogue is valid")
    }

    /// Parses and validates a catalogue; `name` is used in messages. A mistake
    /// is a [`CatalogError`] with its line.
    pub fn parse(text: &str, name: &str) -> Result<Catalog> {
        Ok(Catalog::parse_typed(text, name)?)
    }

    /// [`Catalog::parse`] with its error typed.
    pub fn parse_typed(text: &str, name: &str) -> std::result::Result<Catalog, CatalogError> {
        let lines = Lines::new(text, name);
        let syntax = |e: toml::de::Error| {
            let line = e.span().map(|s| lines.of_offset(s.start));
            lines.error(line, Problem::Syntax { message: e.message().to_string() })
        };
        let table: toml::Table = toml::from_str(text).map_err(syntax)?;
        plan::refuse_old_form(&table, &lines)?;
        let mut cat: Catalog = toml::from_str(text).map_err(syntax)?;
        cat.index(&lines)?;
        plan::validate(&mut cat.plans, &cat.by_id, &lines)?;
        Ok(cat)
    }

    fn index(&mut self, lines: &Lines) -> std::result::Result<(), CatalogError> {
        for ind in &mut self.indicators {
            match unit::parse(&ind.unit) {
                Ok(u) => ind.measure = Some(u),
                // A unit the tool does not know is the indicator's own (万吨).
                Err(unit::UnitError::Unknown) => {}
                Err(unit::UnitError::Nonsense) => {
                    let problem =
                        Problem::UnknownUnit { indicator: ind.name.clone(), unit: ind.unit.clone() };
                    return Err(lines.error(lines.indicator_field(&ind.id, "unit"), problem));
                }
            }
        }
        let keys: BTreeSet<&str> = self.categories.iter().map(|c| c.key.as_str()).collect();
        for (i, ind) in self.indicators.iter().enumerate() {
            if self.by_id.insert(ind.id.clone(), i).is_some() {
                // The second of the two.
                let problem = Problem::DuplicateId { id: ind.id.clone() };
                return Err(lines.error(lines.indicator_again(&ind.id), problem));
            }
            if !keys.contains(ind.category.as_str()) {
                return Err(lines.error(
                    lines.indicator_field(&ind.id, "category"),
                    Problem::UnknownCategory { indicator: ind.name.clone(), category: ind.category.clone() },
                ));
            }
        }
        for ind in &self.indicators {
            let refs: Vec<&String> = match &ind.derive {
                Some(Derive::Ratio { num, den, .. }) => num.iter().chain([den]).collect(),
                Some(Derive::Cumsum { of }) => vec![of],
                None => continue,
            };
            for r in refs {
                let (indicator, reference) = (ind.name.clone(), r.clone());
                let problem = match self.by_id.get(r) {
                    None => Problem::FormulaUnknown { indicator, reference },
                    Some(&j) if self.indicators[j].derive.is_some() => {
                        Problem::FormulaDerived { indicator, reference }
                    }
                    _ => continue,
                };
                return Err(lines.error(lines.indicator_field(&ind.id, "derive"), problem));
            }
        }
        for id in &self.street_ranking {
            if !self.by_id.contains_key(id) {
                let problem = Problem::RankingUnknown { reference: id.clone() };
                return Err(lines.error(lines.quoted(id), problem));
            }
        }
        for c in &self.categories {
            let summary_ids = c.summary.iter().flat_map(|e| e.split('+'));
            let listed = c.headline.iter().chain(&c.rows).map(String::as_str);
            for id in c.charts.iter().map(String::as_str).chain(summary_ids).chain(listed) {
                if !self.by_id.contains_key(id) {
                    let problem =
                        Problem::CategoryUnknown { category: c.key.clone(), reference: id.to_string() };
                    return Err(lines.error(lines.category(&c.key), problem));
                }
            }
        }
        for ind in &self.indicators {
            if let Some(u) = &ind.under
                && !self.by_id.contains_key(u)
            {
                let problem = Problem::UnderUnknown { indicator: ind.name.clone(), reference: u.clone() };
                return Err(lines.error(lines.indicator_field(&ind.id, "under"), problem));
            }
            for part in &ind.parts {
                if !self.by_id.contains_key(part) {
                    let problem =
                        Problem::PartUnknown { indicator: ind.name.clone(), reference: part.clone() };
                    return Err(lines.error(lines.indicator_field(&ind.id, "parts"), problem));
                }
            }
        }
        // Only indicators read from workbooks are matched by name: a derived
        // indicator may share its printed name with its yearly series
        // (知识产权交易额), and the workbook figure is always the yearly one.
        for (i, ind) in self.indicators.iter().enumerate() {
            if ind.derive.is_some() {
                continue;
            }
            for n in std::iter::once(&ind.name).chain(&ind.aliases) {
                if let Some(&j) = self.by_name.get(&normalize_label(n))
                    && j != i
                {
                    let problem = Problem::NameClash {
                        name: n.clone(),
                        first: self.indicators[j].name.clone(),
                        second: ind.name.clone(),
                    };
                    return Err(lines.error(lines.indicator(&ind.id), problem));
                }
                self.by_name.insert(normalize_label(n), i);
            }
        }
        self.all_names = self
            .indicators
            .iter()
            .enumerate()
            .flat_map(|(i, ind)| std::iter::once(&ind.name).chain(&ind.aliases).map(move |n| (n, i)))
            .map(|(n, i)| {
                let key = normalize_label(n);
                let len = key.chars().count();
                (key, i, len)
            })
            .collect();
        let districts = self.regions.iter().filter(|r| r.district).count();
        if districts != 1 {
            return Err(lines.error(None, Problem::Districts { count: districts }));
        }
        for (i, r) in self.regions.iter().enumerate() {
            for n in std::iter::once(&r.name).chain(&r.aliases) {
                if self.region_by_name.insert(normalize_region(n), i).is_some() {
                    return Err(lines.error(lines.quoted(n), Problem::DuplicateRegion { name: n.clone() }));
                }
            }
        }
        Ok(())
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).map(|&i| &self.indicators[i])
    }

    /// The indicator a workbook label names, after normalising it; a label may end
    /// in its indicator's own unit in brackets, even one this tool cannot convert
    /// (`农用柴油使用量(万吨)` for an indicator in 万吨).
    pub fn find(&self, label: &str) -> Option<&Indicator> {
        let key = normalize_label(label);
        if let Some(&i) = self.by_name.get(&key) {
            return Some(&self.indicators[i]);
        }
        let (stem, inner) = names::trailing_bracket(&key)?;
        let ind = &self.indicators[*self.by_name.get(stem)?];
        unit::same(inner, &ind.unit).then_some(ind)
    }

    /// The derived indicator a workbook label names, when it names no indicator read
    /// from workbooks: a department may send a figure the yearbook computes itself.
    pub fn find_derived(&self, label: &str) -> Option<&Indicator> {
        if self.find(label).is_some() {
            return None;
        }
        let key = normalize_label(label);
        self.all_names
            .iter()
            .map(|(n, i, _)| (n, &self.indicators[*i]))
            .find(|(n, i)| i.derive.is_some() && **n == key)
            .map(|(_, i)| i)
    }

    /// The indicator a title, sheet name or file name mentions: the longest name
    /// or alias (derived indicators included) found in the text, so that
    /// “表5 各街道（园区）有效发明专利拥有量” names 有效发明专利拥有量, not
    /// 发明专利拥有量.
    pub fn mentioned(&self, text: &str) -> Option<&Indicator> {
        let key = normalize_label(text);
        self.all_names
            .iter()
            .filter(|(n, _, len)| *len >= 2 && key.contains(n.as_str()))
            .map(|(_, i, len)| (*len, &self.indicators[*i]))
            .max_by_key(|(len, i)| (*len, i.derive.is_none()))
            .map(|(_, i)| i)
    }

    /// The region a label names (full name, short name or 合计/全区 for the district).
    pub fn find_region(&self, label: &str) -> Option<&Region> {
        self.region_by_name.get(&normalize_region(label)).map(|&i| &self.regions[i])
    }

    /// The district total region.
    pub fn district(&self) -> &Region {
        self.regions.iter().find(|r| r.district).expect("validated: one district")
    }

    /// The streets, in catalogue order (neither the district nor parks).
    pub fn streets(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| !r.district && !r.park && !r.comparison && !r.peer)
    }

    /// The district's peers (the other districts of its city), in catalogue order.
    pub fn peers(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.peer && !r.district)
    }

    /// The higher levels the district is compared with (南京市, 江苏省, 全国), in
    /// catalogue order; the first is the city its peers make up.
    pub fn higher(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.comparison)
    }

    /// The region the district is compared with, if the catalogue has one.
    pub fn comparison(&self) -> Option<&Region> {
        self.regions.iter().find(|r| r.comparison)
    }

    /// The parks, in catalogue order.
    pub fn parks(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.park && !r.comparison && !r.peer)
    }

    /// The plan in force in a year: the plan covering it, else the last plan that
    /// ended before it (with no later plan started), with the year's place in it;
    /// `None` before the first plan.
    pub fn plan_for(&self, year: i32) -> Option<PlanYear> {
        plan::plan_for(&self.plans, year)
    }

    /// The plan covering a year, if any.
    pub fn plan_covering(&self, year: i32) -> Option<&Plan> {
        self.plans.iter().find(|p| p.covers(year))
    }

    /// The indicator a 其中 item belongs to: its `under`, or the total it is a part of.
    pub fn parent_of(&self, ind: &Indicator) -> Option<&Indicator> {
        match &ind.under {
            Some(u) => self.get(u),
            None => self.indicators.iter().find(|t| t.parts.contains(&ind.id)),
        }
    }

    /// The role of an indicator's category ([`Role::Ip`] for a category the
    /// catalogue does not list).
    pub fn role_of(&self, ind: &Indicator) -> Role {
        self.categories.iter().find(|c| c.key == ind.category).map_or(Role::Ip, |c| c.role)
    }

    /// The IP categories, in order: every category but the base data.
    pub fn ip_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.role == Role::Ip)
    }

    /// The indicators of a category, in catalogue order.
    pub fn in_category<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Indicator> {
        self.indicators.iter().filter(move |i| i.category == key)
    }

    /// Names a workbook label could have meant: the closest canonical names and aliases.
    pub fn candidates(&self, label: &str) -> Vec<String> {
        let names = self
            .indicators
            .iter()
            .filter(|i| i.derive.is_none())
            .flat_map(|i| std::iter::once(&i.name).chain(&i.aliases).map(move |n| (n, &i.name)));
        let mut seen = BTreeSet::new();
        closest(&normalize_label(label), names.map(|(n, canon)| (normalize_label(n), canon)))
            .into_iter()
            .filter(|c| seen.insert(c.clone()))
            .take(3)
            .collect()
    }
}

#[cfg(test)]
mod tests;
