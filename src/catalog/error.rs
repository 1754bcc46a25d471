//! Mistakes in a catalogue file, typed, at their line: what `catalog.toml` (the
//! embedded one or a user's) says that the tool cannot use. Rendered in Chinese
//! as `指标目录 <file> 第<n>行：<problem>` and carried through `anyhow` like any
//! other error, so the terminal, `--watch` and the desk print them the same way.

use std::fmt;

/// A mistake in a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    /// The file as named to the user.
    pub file: String,
    /// The 1-based line the mistake is on, when it can be placed.
    pub line: Option<usize>,
    pub problem: Problem,
}

/// What is wrong; one variant per kind of mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The TOML does not parse, or a field has the wrong kind of value.
    Syntax { message: String },
    /// Two indicators have one id.
    DuplicateId { id: String },
    /// An indicator's unit has a multiplier that makes no sense for it (万%).
    UnknownUnit { indicator: String, unit: String },
    /// An indicator's category is not a `[[category]]`.
    UnknownCategory { indicator: String, category: String },
    /// A formula names an indicator the catalogue does not define.
    FormulaUnknown { indicator: String, reference: String },
    /// A formula names a derived indicator (formulas work on read figures).
    FormulaDerived { indicator: String, reference: String },
    /// A category's charts, summary, headline or rows name an unknown indicator.
    CategoryUnknown { category: String, reference: String },
    /// `street-ranking` names an unknown indicator.
    RankingUnknown { reference: String },
    /// An indicator's `under` names an unknown indicator.
    UnderUnknown { indicator: String, reference: String },
    /// An indicator's `parts` name an unknown indicator.
    PartUnknown { indicator: String, reference: String },
    /// One name or alias stands for two indicators.
    NameClash { name: String, first: String, second: String },
    /// Not exactly one region is the district.
    Districts { count: usize },
    /// One region name or alias is given twice.
    DuplicateRegion { name: String },
    /// Two plans share a key.
    DuplicatePlan { plan: String },
    /// A plan starts after it ends.
    PlanYears { plan: String, start: i32, end: i32 },
    /// A plan's baseline year is not before its first year.
    PlanBaseline { plan: String, baseline: i32, start: i32 },
    /// A plan names an unknown indicator.
    PlanUnknown { plan: String, reference: String },
    /// A plan lists an indicator twice.
    PlanDuplicate { plan: String, indicator: String },
    /// A plan gives a target to an indicator that is not a main indicator.
    PlanTargetWithoutMain { plan: String, indicator: String },
    /// Two main indicators of a plan share a position.
    PlanMainTwice { plan: String, main: u32 },
    /// Two plans' years overlap.
    PlansOverlap { first: String, second: String },
    /// A catalogue in the form before plans were data; `found` names what is
    /// old, `example` is the new form filled in with the file's values.
    OldForm { found: String, example: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            Syntax { message } => write!(f, "有误：{message}"),
            DuplicateId { id } => write!(f, "指标编号“{id}”重复"),
            UnknownUnit { indicator, unit } => {
                write!(f, "指标“{indicator}”的单位“{unit}”无意义：比重、百分比不能再加万、千等倍数")
            }
            UnknownCategory { indicator, category } => write!(f, "指标“{indicator}”的类别“{category}”未定义"),
            FormulaUnknown { indicator, reference } => {
                write!(f, "指标“{indicator}”的公式引用了未定义的指标“{reference}”")
            }
            FormulaDerived { indicator, reference } => {
                write!(f, "指标“{indicator}”的公式引用了派生指标“{reference}”")
            }
            CategoryUnknown { category, reference } => {
                write!(f, "类别“{category}”引用了未定义的指标“{reference}”")
            }
            RankingUnknown { reference } => write!(f, "street-ranking 引用了未定义的指标“{reference}”"),
            UnderUnknown { indicator, reference } => {
                write!(f, "指标“{indicator}”的 under 引用了未定义的指标“{reference}”")
            }
            PartUnknown { indicator, reference } => {
                write!(f, "指标“{indicator}”的分项引用了未定义的指标“{reference}”")
            }
            NameClash { name, first, second } => write!(f, "名称“{name}”同时指向“{first}”和“{second}”"),
            Districts { count } => write!(f, "应有且仅有一个全区（district = true），现有 {count} 个"),
            DuplicateRegion { name } => write!(f, "地区名称“{name}”重复"),
            DuplicatePlan { plan } => write!(f, "规划“{plan}”重复"),
            PlanYears { plan, start, end } => write!(f, "规划“{plan}”的 start（{start}）晚于 end（{end}）"),
            PlanBaseline { plan, baseline, start } => {
                write!(f, "规划“{plan}”的 baseline-year（{baseline}）应早于 start（{start}）")
            }
            PlanUnknown { plan, reference } => write!(f, "规划“{plan}”引用了未定义的指标“{reference}”"),
            PlanDuplicate { plan, indicator } => write!(f, "规划“{plan}”的指标“{indicator}”重复"),
            PlanTargetWithoutMain { plan, indicator } => {
                write!(f, "规划“{plan}”的指标“{indicator}”有目标值但没有 main（主要指标序号）")
            }
            PlanMainTwice { plan, main } => write!(f, "规划“{plan}”有两个主要指标的 main 都是 {main}"),
            PlansOverlap { first, second } => write!(f, "规划“{first}”与“{second}”的年份重叠"),
            OldForm { found, example } => write!(
                f,
                "是旧格式（{found}）。规划现写在 [[plan]] 中：顶层的 period-start、period-end、baseline-year 改为规划的 start、end、baseline-year；各指标的 main、baseline、target、cmp 移到该规划的 [[plan.indicator]] 中（以 id 指明指标）；累计指标的公式去掉 from，自所在规划的第一年起累计。按新格式应写作：\n{example}\n可用 yearbook templates export 目录 导出内置指标目录 catalog.toml 作为样例"
            ),
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, &self.problem) {
            // The old form is about the whole file.
            (_, Problem::OldForm { .. }) | (None, _) => {
                write!(f, "指标目录 {} {}", self.file, sep(&self.problem))
            }
            (Some(line), p) => write!(f, "指标目录 {} 第{line}行：{p}", self.file),
        }
    }
}

/// A problem after the file name: `有误：…` and `是旧格式…` read on, the others
/// after `中`.
fn sep(p: &Problem) -> String {
    match p {
        Problem::Syntax { .. } | Problem::OldForm { .. } => p.to_string(),
        p => format!("中{p}"),
    }
}

impl std::error::Error for CatalogError {}

/// Finds the lines of a catalogue's items in its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lines<'a> {
    text: &'a str,
    file: &'a str,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str, file: &'a str) -> Self {
        Lines { text, file }
    }

    /// The error of a problem at a line.
    pub(crate) fn error(&self, line: Option<usize>, problem: Problem) -> CatalogError {
        CatalogError { file: self.file.to_string(), line, problem }
    }

    /// The line of a byte offset.
    pub(crate) fn of_offset(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())].matches('\n').count() + 1
    }

    /// The line of `field = "value"` inside a block opened by `[[block]]`.
    fn field(&self, block: &str, field: &str, value: &str) -> Option<usize> {
        self.fields(block, field, value).first().copied()
    }

    /// Every line of `field = "value"` inside blocks opened by `[[block]]`.
    fn fields(&self, block: &str, field: &str, value: &str) -> Vec<usize> {
        let header = format!("[[{block}]]");
        let mut inside = false;
        let mut found = Vec::new();
        for (i, line) in self.text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("[[") || (t.starts_with('[') && !t.starts_with("[[")) {
                inside = t == header;
                continue;
            }
            if inside
                && let Some((k, v)) = t.split_once('=')
                && k.trim() == field
                && v.trim().trim_matches('"') == value
            {
                found.push(i + 1);
            }
        }
        found
    }

    /// The line of an indicator's `id`.
    pub(crate) fn indicator(&self, id: &str) -> Option<usize> {
        self.field("indicator", "id", id)
    }

    /// The line of a field of the indicator with this `id` (`derive`, `under`,
    /// `parts`, `category`), else the line of its id.
    pub(crate) fn indicator_field(&self, id: &str, field: &str) -> Option<usize> {
        let start = self.indicator(id)?;
        // The block runs from its header (before the id) to the next header.
        let lines: Vec<&str> = self.text.lines().collect();
        let head = (0..start).rev().find(|&i| lines[i].trim().starts_with('['))?;
        let end = (start..lines.len()).find(|&i| lines[i].trim().starts_with('[')).unwrap_or(lines.len());
        (head..end)
            .find(|&i| lines[i].split_once('=').is_some_and(|(k, _)| k.trim() == field))
            .map(|i| i + 1)
            .or(Some(start))
    }

    /// The line of the last indicator with this `id` (the repeated one).
    pub(crate) fn indicator_again(&self, id: &str) -> Option<usize> {
        self.fields("indicator", "id", id).last().copied()
    }

    /// The line of a category's `key`.
    pub(crate) fn category(&self, key: &str) -> Option<usize> {
        self.field("category", "key", key)
    }

    /// The line of a plan's `key`.
    pub(crate) fn plan(&self, key: &str) -> Option<usize> {
        self.field("plan", "key", key)
    }

    /// The line of a plan's indicator `id` (the first one, after the plan's key).
    pub(crate) fn plan_indicator(&self, plan: &str, id: &str) -> Option<usize> {
        let start = self.plan(plan)?;
        let header = "[[plan.indicator]]";
        let mut inside = false;
        for (i, line) in self.text.lines().enumerate().skip(start) {
            let t = line.trim();
            if t == "[[plan]]" {
                return None;
            }
            if t.starts_with('[') {
                inside = t == header;
                continue;
            }
            if inside
                && let Some((k, v)) = t.split_once('=')
                && k.trim() == "id"
                && v.trim().trim_matches('"') == id
            {
                return Some(i + 1);
            }
        }
        None
    }

    /// The first line holding `needle` in a string value.
    pub(crate) fn quoted(&self, needle: &str) -> Option<usize> {
        let quoted = format!("\"{needle}\"");
        self.text.lines().position(|l| l.contains(&quoted)).map(|i| i + 1)
    }
}
