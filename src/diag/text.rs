//! The Chinese text of every diagnostic, rendered from its kind and place: the one
//! module that words findings. The terminal line, the PDF appendix's line and the
//! server's JSON row all come from here.

use serde::Serialize;

use super::{Diagnostic, Kind, Place};

/// `文件 专利.xlsx，工作表“专利”，单元格 B4` as far as the place is known.
pub fn place(place: &Place) -> String {
    match place {
        Place::None => String::new(),
        Place::File { file } => file.clone(),
        Place::Sheet { file, sheet } => format!("{file}，工作表“{sheet}”"),
        Place::Cell { file, sheet, cell } if sheet.is_empty() => format!("{file}，单元格 {cell}"),
        Place::Cell { file, sheet, cell } => format!("{file}，工作表“{sheet}”，单元格 {cell}"),
        Place::Rule { rule } => format!("按“{rule}”计算"),
    }
}

/// What was found.
pub fn message(kind: &Kind) -> String {
    match kind {
        Kind::FileUnreadable { reason } => format!("无法读取文件（{reason}）"),
        Kind::HtmlWorkbook => "该文件实为网页（HTML）表格，已按表格读取".into(),
        Kind::Decrypted => "该文件设有写保护（Excel 默认密码加密），已解密读取".into(),
        Kind::SheetUnreadable { detail } => format!("无法读取工作表（原始信息：{detail}）"),
        Kind::HiddenSheet => "隐藏的工作表，已跳过".into(),
        Kind::NoTable => "未找到可读取的表格".into(),
        Kind::StrayNumbers { count, cells } => {
            let more = if *count > cells.len() { "等" } else { "" };
            format!("有 {count} 个数值不在任何表格中，未读入（{}{more}）", cells.join("、"))
        }
        Kind::TableYearUnknown { title } => format!("表格“{title}”的年份无法确定，该表数值未读入"),
        Kind::RateColumnSkipped { column } => {
            format!("列“{column}”是增长速度或比重列，未作为数值读入（增长速度由本工具计算）")
        }
        Kind::YearUnreadable { text } => format!("年份“{text}”无法识别，该行数值未读入"),
        Kind::UnknownIndicator { label, .. } => format!("无法识别指标“{label}”，该行数据未读入"),
        Kind::UnknownRegion { label } => format!("无法识别地区“{label}”，该处数据未读入"),
        Kind::NotANumber { indicator, year, what, .. } => {
            format!("“{indicator}”{year}年的数值不是数字：{what}")
        }
        Kind::UnitNotConvertible { indicator, from, to } => {
            format!("“{indicator}”的单位“{from}”无法换算为目录规定的单位“{to}”")
        }
        Kind::OutOfRange { indicator, year, shown, min, max, unit } => {
            format!("“{indicator}”{year}年的数值 {shown} 超出合理范围（{min}～{max}{unit}）")
        }
        Kind::ConflictingFigures { indicator, region, year, value, first, first_value } => {
            format!("“{indicator}”{region}{year}年的数值 {value} 与 {first} 中的数值 {first_value} 不一致")
        }
        Kind::NoValues => "未读入任何数值".into(),
        Kind::DateBeforeYearEnd { date: (y, m, d), year } => {
            format!("编制日期早于报告年度结束：编制日期为{y}年{m}月{d}日，报告年度为{year}年")
        }
        Kind::MainIndicatorMissing { indicator, year } => {
            format!("主要指标“{indicator}”缺少{year}年的数值，无法计算完成情况")
        }
        Kind::SeriesGap { indicator, missing } => {
            let years: Vec<String> = missing.iter().map(|y| format!("{y}年")).collect();
            format!("“{indicator}”缺少{}的数据，序列中断", years.join("、"))
        }
        Kind::PartsDisagree { year, parts, sum, indicator, total, places } => format!(
            "{year}年{}之和为 {sum}，与{indicator} {total} 不一致（分项位于 {}）",
            parts.join("、"),
            places.join("；")
        ),
        Kind::StreetsDisagree { year, indicator, sum, total } => {
            format!("{year}年各街道“{indicator}”之和为 {sum}，与全区 {total} 不一致")
        }
        Kind::Other { message, .. } => message.clone(),
    }
}

/// What to do about it; empty when nothing needs doing.
pub fn hint(kind: &Kind) -> String {
    match kind {
        Kind::FileUnreadable { .. } => "请检查文件是否存在、是否有读取权限，是否正被其他程序独占打开".into(),
        Kind::HtmlWorkbook | Kind::Decrypted | Kind::HiddenSheet | Kind::RateColumnSkipped { .. } => {
            String::new()
        }
        Kind::SheetUnreadable { .. } => "请检查该工作表，或将其内容复制到新的工作表".into(),
        Kind::NoTable => {
            "表格应有一列指标或地区名称、一行表头（如年份或指标名称）和数值；或有“指标、年份、数值”列的表头".into()
        }
        Kind::StrayNumbers { .. } => "如是数据，请放入表格并写明指标名称和年份；如是无用内容，请删除".into(),
        Kind::TableYearUnknown { .. } => {
            "请在表头写明年份（如“2025年”），或在标题中注明“（2025年）”，或把工作表命名为年份".into()
        }
        Kind::YearUnreadable { .. } => "请填写四位数的年份，如“2025”或“2025年”".into(),
        Kind::UnknownIndicator { candidates, .. } if candidates.is_empty() => {
            "请改用指标目录中的名称（见报告附录“指标解释”），或在指标目录中为其添加别名".into()
        }
        Kind::UnknownIndicator { candidates, .. } => {
            format!("是否指：{}？请改用目录中的名称，或在指标目录中添加别名", candidates.join("、"))
        }
        Kind::UnknownRegion { .. } => {
            "请使用街道全称（如“梅园新村街道”）或简称（如“梅园新村”），全区合计写“玄武区”或“合计”".into()
        }
        Kind::NotANumber { hint, .. } => hint.clone(),
        Kind::UnitNotConvertible { to, .. } => format!("请将该指标的单位改为“{to}”或可换算的单位"),
        Kind::OutOfRange { unit, .. } => format!("请核对该数值和它的单位（指标目录规定的单位为“{unit}”）"),
        Kind::ConflictingFigures { .. } => "请核对两处数据，删除或更正其中一处".into(),
        Kind::NoValues => "请按上面各文件的提示检查：表格应有与指标目录一致的指标名称、年份和数值；工作表中若是其他主题的表格，请移出数据目录".into(),
        Kind::DateBeforeYearEnd { year, .. } => {
            format!("请在 yearbook.toml 中把 date 改为{}年以后的日期，如 \"{}-03\"", year, year + 1)
        }
        Kind::MainIndicatorMissing { .. } => "请在工作簿中补充该指标（或其计算所需指标）的数据".into(),
        Kind::SeriesGap { .. } => "请补充缺少年份的数据；确实无数据的，增长速度和累计数将不予计算".into(),
        Kind::PartsDisagree { .. } => "请核对总数与分项".into(),
        Kind::StreetsDisagree { .. } => "请核对分街道数据与全区数据".into(),
        Kind::Other { hint, .. } => hint.clone(),
    }
}

/// The terminal's and the PDF appendix's line: `警告：文件，工作表“…”，单元格 B4：说明。办法`.
pub fn line(d: &Diagnostic) -> String {
    let mut s = if d.place.is_none() {
        format!("{}：{}", d.level.label(), message(&d.kind))
    } else {
        format!("{}：{}：{}", d.level.label(), place(&d.place), message(&d.kind))
    };
    let hint = hint(&d.kind);
    if !hint.is_empty() {
        s.push('。');
        s.push_str(&hint);
    }
    s
}

/// The line of the PDF appendix: place and message, then the hint; no level label.
pub fn appendix_line(d: &Diagnostic) -> String {
    let mut s = if d.place.is_none() {
        message(&d.kind)
    } else {
        format!("{}：{}", place(&d.place), message(&d.kind))
    };
    let hint = hint(&d.kind);
    if !hint.is_empty() {
        s.push('。');
        s.push_str(&hint);
    }
    s
}

/// A diagnostic as the JSON API gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Json {
    /// `error`, `warning` or `note`.
    pub severity: &'static str,
    /// The kind's stable name, e.g. `unknown-indicator`.
    pub kind: &'static str,
    pub file: String,
    pub sheet: String,
    pub cell: String,
    /// The rule of a computed figure; empty otherwise.
    pub rule: String,
    pub message: String,
    pub hint: String,
}

impl From<&Diagnostic> for Json {
    fn from(d: &Diagnostic) -> Self {
        Json {
            severity: match d.level {
                super::Level::Error => "error",
                super::Level::Warning => "warning",
                super::Level::Note => "note",
            },
            kind: d.kind.id(),
            file: d.place.file_name().into(),
            sheet: d.place.sheet_name().into(),
            cell: d.place.cell_ref().into(),
            rule: match &d.place {
                Place::Rule { rule } => rule.clone(),
                _ => String::new(),
            },
            message: message(&d.kind),
            hint: hint(&d.kind),
        }
    }
}
