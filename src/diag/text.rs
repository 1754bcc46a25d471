//! The Chinese text of every diagnostic, rendered from its kind and place: the one
//! module that words findings. The terminal line and the
//! server's JSON row all come from here; so do the names of the values kinds carry
//! (a sheet's limit, a text file's encoding and delimiter, a table's shape) where
//! other modules print them.

use serde::Serialize;

use super::kind::{
    Axis, Delimiter, Direction, Entry, LineLimit, SheetLimit, Special, TableShape, TextEncoding, TextLimit,
    WorkbookError, YearsFrom,
};
use super::{Diagnostic, Kind, Place};

/// `文件 专利.xlsx，工作表“专利”，单元格 B4` as far as the place is known.
/// Names are shown on one line and shortened ([`shown`]).
pub fn place(place: &Place) -> String {
    match place {
        Place::None => String::new(),
        Place::File { file } => shown(file).into_owned(),
        Place::Sheet { file, sheet } => format!("{}，工作表“{}”", shown(file), shown(sheet)),
        Place::Cell { file, sheet, cell } if sheet.is_empty() => {
            format!("{}，单元格 {}", shown(file), shown(cell))
        }
        Place::Cell { file, sheet, cell } => {
            format!("{}，工作表“{}”，单元格 {}", shown(file), shown(sheet), shown(cell))
        }
        Place::Rule { rule } => format!("按“{}”计算", shown(rule)),
    }
}

/// What was found. The names and texts a kind carries from the files are shown
/// on one line and shortened ([`shown`]).
pub fn message(kind: &Kind) -> String {
    match kind {
        Kind::FileUnreadable { reason } => format!("无法读取文件（{}）", shown(reason)),
        Kind::HtmlWorkbook => "该文件实为网页（HTML）表格，已按表格读取".into(),
        Kind::Decrypted => "该文件设有写保护（Excel 默认密码加密），已解密读取".into(),
        Kind::SheetUnreadable { detail } => format!("无法读取工作表（原始信息：{}）", shown(detail)),
        Kind::HiddenSheet => "隐藏的工作表，已跳过".into(),
        Kind::NoTable => "未找到可读取的表格".into(),
        Kind::StrayNumbers { count, cells } => {
            let more = if *count > cells.len() { "等" } else { "" };
            format!("有 {count} 个数值不在任何表格中，未读入（{}{more}）", cells.join("、"))
        }
        Kind::TableYearUnknown { .. } => table_year_unknown(kind),
        Kind::RateColumnSkipped { column } => {
            format!("列“{}”是增长速度或比重列，未作为数值读入（增长速度由本工具计算）", shown(column))
        }
        Kind::YearUnreadable { text } => format!("年份“{}”无法识别，该行数值未读入", shown(text)),
        Kind::UnknownIndicator { label, axis, .. } => {
            format!("无法识别指标“{}”，{}数据未读入", shown(label), axis_name(*axis, 1))
        }
        Kind::UnknownRegion { label } => format!("无法识别地区“{}”，该处数据未读入", shown(label)),
        Kind::NotANumber { indicator, year, what, .. } => {
            format!("“{indicator}”{year}年的数值不是数字：{what}")
        }
        Kind::UnitNotConvertible { indicator, from, to } => {
            format!("“{indicator}”的单位“{}”无法换算为目录规定的单位“{to}”", shown(from))
        }
        Kind::OutOfRange { indicator, year, shown, min, max, unit } => {
            format!("“{indicator}”{year}年的数值 {shown} 超出合理范围（{min}～{max}{unit}）")
        }
        Kind::ConflictingFigures { indicator, region, year, value, first, first_value, unit } => format!(
            "“{indicator}”{region}{year}年的数值 {value}{unit} 与 {first} 中的数值 {first_value}{unit} 不一致"
        ),
        Kind::NoValues => "未读入任何数值".into(),
        Kind::DateBeforeYearEnd { date: (y, m, d), year } => {
            format!("编制日期早于报告年度结束：编制日期为{y}年{m}月{d}日，报告年度为{year}年")
        }
        Kind::DateLongAfterYear { date: (y, m, _), year, configured } => {
            let from = if *configured { "取自 yearbook.toml 中的 date" } else { "取自当天日期" };
            format!(
                "编制日期比报告年度晚一年以上：报告年度为{year}年，封面的编制日期将印作“{}年{}月”（{from}）",
                crate::format::chinese_year(*y),
                crate::format::chinese_small(*m)
            )
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
        Kind::TextWorkbook { encoding: TextEncoding::Other(name), delimiter } => format!(
            "按文本表格读取（编码 {name}，{}分隔）；该编码是按文件内容推测的，不是常用的 UTF-8 或 GB18030（GBK），文字可能被误读为乱码",
            delimiter_name(*delimiter)
        ),
        Kind::TextWorkbook { encoding, delimiter } => {
            format!("按文本表格读取（{}编码，{}分隔）", encoding_name(*encoding), delimiter_name(*delimiter))
        }
        Kind::SheetOverLimit { limit } => sheet_limit(limit),
        Kind::WorkbookUnreadable { reason } => workbook_error(reason).0,
        Kind::Revision { indicator, region, year, new, old, unit, difference, previous_file } => format!(
            "“{indicator}”{region}{year}年为 {new}{unit}，上年年报（{}）为 {old}{unit}，差额 {difference}；年报将在附录“数据修订说明”中列为修订",
            shown(previous_file)
        ),
        Kind::StockFell { indicator, year, value, previous_year, previous_value, .. } => {
            format!("期末数“{indicator}”{year}年为 {value}，低于{previous_year}年的 {previous_value}")
        }
        Kind::ImplausibleChange { indicator, year, value, direction, percent, bound, .. } => {
            let way = match direction {
                Direction::Rise => "增长",
                Direction::Fall => "下降",
            };
            format!("“{indicator}”{year}年为 {value}，比上年{way}{percent}%，超出±{bound}%的核查范围")
        }
        Kind::GivenNotComputable { indicator, region, year, value } => {
            format!(
                "工作簿给出了{region}{year}年的“{indicator}”{value}，但缺少计算所需的数据，报告未采用该数值"
            )
        }
        Kind::GivenDisagrees { indicator, region, year, given, rule, computed, .. } => format!(
            "“{indicator}”{region}{year}年，工作簿给出 {given}，按“{rule}”计算为 {computed}，两者不一致，报告采用计算值"
        ),
        Kind::BaselineDisagrees { indicator, year, data, plan, baseline } => format!(
            "“{indicator}”{year}年数据为 {data}，与指标目录中“{plan}”规划的基数 {baseline} 不一致，报告采用数据值"
        ),
        Kind::ForeignTable { range, count, labels } => {
            let quoted: String = labels.iter().map(|l| format!("“{}”", shown(l))).collect();
            let more = if *count > labels.len() { "等" } else { "" };
            format!(
                "表格 {range} 的 {count} 个名称（{quoted}{more}）都不是指标目录中的指标或地区，该表未读入：该表似乎不是知识产权统计表"
            )
        }
        Kind::TableWithoutIndicator { range, shape } => {
            let shape = table_shape(*shape);
            format!(
                "表格 {range} 是{shape}表，但标题、单位行、工作表名和文件名中都没有指标目录中的指标名称，该表未读入"
            )
        }
        Kind::ColumnsWithoutIndicator { range, columns } => {
            let named: Vec<String> = columns
                .iter()
                .map(|(c, year)| match year {
                    Some(y) => format!("{c} 列（{y}年）"),
                    None => format!("{c} 列"),
                })
                .collect();
            format!(
                "表格 {range} 中 {}的表头没有指标名称，标题、单位行、工作表名和文件名中也都没有指标目录中的指标名称，{}的数值未读入",
                named.join("、"),
                axis_name(Axis::Column, columns.len())
            )
        }
        Kind::RepeatedFigures { count, earlier, cell, earlier_cell } => {
            let earlier = place(earlier);
            let example = if *count > 1 {
                format!("，如 {cell} 与 {earlier_cell}")
            } else {
                format!("（{cell} 与 {earlier_cell}）")
            };
            format!("有 {count} 个数值与 {earlier} 中的相同{example}；以先读入的 {earlier} 为来源")
        }
        Kind::EntryNotRead { entry } => entry_not_read(entry).0,
        Kind::LinkFollowed { target } => format!(
            "这是一个符号链接（快捷方式），指向 {target}；已读取该文件，PDF 附件的输入清单中记录的大小和 SHA-256 是该文件的"
        ),
        Kind::Omitted { count, of } => format!("另有 {count} 处“{}”未逐一列出", kind_name(of)),
        Kind::GrowthDisagrees { label, heading, stated, computed, this, this_cell, before, before_cell } => {
            format!(
                "增速与绝对数不衔接：“{label}”的“{heading}”填报为 {stated}%，按本期 {this}（{this_cell}）与上年同期 {before}（{before_cell}）计算为 {computed}%"
            )
        }
        Kind::PeriodsIncomplete { indicator, region, year, missing } => format!(
            "“{indicator}”{region}{year}年的分月（季度）数据不全，缺少{}的数据，未得出全年数",
            missing.join("、")
        ),
        Kind::PartYearOnly { indicator, region, year, period, stock: false } => {
            format!("“{indicator}”{region}只有{period}的数据，不是{year}年全年数，未作为全年数值读入")
        }
        Kind::PartYearOnly { indicator, region, year, period, stock: true } => {
            format!("“{indicator}”{region}只有{period}末的数据，没有{year}年年末数，未作为年末数值读入")
        }
        Kind::PeriodTotalDisagrees { indicator, region, year, total, sum, parts } => format!(
            "“{indicator}”{region}{year}年合计为 {total}，与{parts}之和 {sum} 不一致；采用填报的合计数"
        ),
        Kind::RelativePeriodsUnresolved { range, words } => {
            let quoted: String = words.iter().map(|w| format!("“{w}”")).collect();
            format!(
                "表格 {range} 的表头{quoted}是相对于本表期别的期别，但表格标题、工作表名和文件名中都没有本表的年份，这些数值未读入"
            )
        }
        Kind::Text(f) => f.message(),
        Kind::Patent(f) => patents::message(f),
    }
}

/// What the findings of a kind (by its [`Kind::id`]) are about, for a count of
/// those not listed.
fn kind_name(id: &str) -> &'static str {
    match id {
        "conflicting-figures" => "数值不一致",
        "not-a-number" => "数值不是数字",
        "out-of-range" => "数值超出合理范围",
        "unit-not-convertible" => "单位无法换算",
        "unknown-indicator" => "无法识别的指标",
        "unknown-region" => "无法识别的地区",
        "year-unreadable" => "年份无法识别",
        "table-year-unknown" => "年份无法确定的表格",
        "rate-column-skipped" => "未读入的增长速度或比重列",
        "foreign-table" => "名称都不在指标目录中的表格",
        "table-without-indicator" | "columns-without-indicator" => "没有指标名称的表格或列",
        _ => "同类问题",
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
        Kind::TableYearUnknown { years_from, dated, .. } => {
            let first = match years_from {
                YearsFrom::Headings => "请在表头写明年份（如“2025年”）",
                YearsFrom::YearColumn => "请在年份列填写年份（如“2025”）",
            };
            let rest = "或在标题中注明“（2025年）”，或把工作表命名为年份";
            // Values beside dated ones may be no figures of a year (a 排名 column).
            let only_if = if *dated > 0 { "如需读入这些数值，" } else { "" };
            format!("{only_if}{first}，{rest}")
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
        Kind::DateLongAfterYear { year, .. } => format!(
            "补编往年年报时，请在 yearbook.toml 中把 date 写成该年报的编制日期，如 \"{}-03\"；确属补编的，可不理会本提示",
            year + 1
        ),
        Kind::MainIndicatorMissing { .. } => "请在工作簿中补充该指标（或其计算所需指标）的数据".into(),
        Kind::SeriesGap { .. } => "请补充缺少年份的数据；确实无数据的，增长速度和累计数将不予计算".into(),
        Kind::PartsDisagree { .. } => "请核对总数与分项".into(),
        Kind::StreetsDisagree { .. } => "请核对分街道数据与全区数据".into(),
        Kind::TextWorkbook { encoding: TextEncoding::Other(_), .. } => {
            format!("如指标、地区等名称显示为乱码或未能识别，{RESAVE_TEXT}")
        }
        Kind::TextWorkbook { .. } | Kind::RepeatedFigures { .. } => String::new(),
        Kind::SheetOverLimit { limit: SheetLimit::TextTooLong { .. } } => {
            "请删除或缩短该单元格中的文字，或把表格复制到新工作表".into()
        }
        Kind::SheetOverLimit { limit: SheetLimit::TooMuchText { .. } } => SPLIT_BOOK.into(),
        Kind::SheetOverLimit { limit: SheetLimit::NameTooLong { .. } } => {
            "请在 Excel 或 WPS 中把该工作表改为较短的名称（不超过 31 个字符）".into()
        }
        Kind::SheetOverLimit { .. } => {
            "请删除远离表格的内容或不必要的合并单元格，或把表格复制到新工作表".into()
        }
        Kind::WorkbookUnreadable { reason } => workbook_error(reason).1,
        Kind::Revision { .. } => "如非修订，请核对该单元格".into(),
        Kind::StockFell { previous_year, previous_place, .. }
        | Kind::ImplausibleChange { previous_year, previous_place, .. } => {
            format!("请核对；{previous_year}年数据位于 {}", place(previous_place))
        }
        Kind::GivenNotComputable { .. } => "请补充计算该指标所需的数据（见附录“指标解释”）".into(),
        Kind::GivenDisagrees { inputs, .. } if inputs.is_empty() => "请核对该数值及其计算所用的数据".into(),
        Kind::GivenDisagrees { inputs, .. } => {
            let inputs: Vec<String> = inputs.iter().map(place).collect();
            format!("请核对该数值及其计算所用的数据（{}）", inputs.join("；"))
        }
        Kind::BaselineDisagrees { plan, .. } => format!("请核对该数据，或指标目录中“{plan}”规划的基数"),
        Kind::ForeignTable { .. } => "如不是本区知识产权数据，请把该表移出数据目录；如是，请把名称改为指标目录中的指标和地区名称（见报告附录“指标解释”），或在指标目录中添加别名".into(),
        Kind::TableWithoutIndicator { .. } => "请在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”），或用指标名称命名工作表".into(),
        Kind::Omitted { .. } => "请先按上面列出的提示修正，再重新检查".into(),
        Kind::ColumnsWithoutIndicator { columns, .. } => format!(
            "请在{}的表头写明指标名称，或在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”）",
            axis_name(Axis::Column, columns.len())
        ),
        Kind::EntryNotRead { entry } => entry_not_read(entry).1,
        Kind::LinkFollowed { .. } => "如不应读取该文件，请把该链接移出数据目录（只移动链接本身，不动它指向的文件），或换成该文件的副本".into(),
        Kind::GrowthDisagrees { .. } => "请核对增长速度及其本期、上年同期数值".into(),
        Kind::PeriodsIncomplete { .. } => "请补齐缺少月份（季度）的数据；表中的合计数在各期补齐前不作为全年数".into(),
        Kind::PartYearOnly { stock: false, .. } => "全年数请按1—12月累计填报，或补齐各月（季度）数据".into(),
        Kind::PartYearOnly { stock: true, .. } => "请填报12月末（年末）数".into(),
        Kind::PeriodTotalDisagrees { .. } => "请核对合计数与各月（季度）数据".into(),
        Kind::RelativePeriodsUnresolved { .. } => {
            "请在表格上方的标题中写明本表期别（如“2025年1—12月玄武区专利授权情况”），或把工作表命名为期别".into()
        }
        Kind::Text(f) => f.hint(),
        Kind::Patent(f) => patents::hint(f),
    }
}

/// What an entry of the data folder that is not read is, and what to do.
fn entry_not_read(entry: &Entry) -> (String, String) {
    const MOVE_OUT: &str = "如不需要，请把它移出数据目录（编制台的“移出”会把它移到 data/.已移除/）";
    let special = |s: &Special| match s {
        Special::Fifo => "命名管道（FIFO）",
        Special::Device => "设备文件",
        Special::Socket => "套接字（socket）",
        Special::Other => "特殊文件",
    };
    let link_hint = "请把链接换成工作簿文件本身（复制到数据目录），或把链接移出数据目录（只移动链接本身）";
    match entry {
        Entry::Folder => (
            "这是一个文件夹，其中的文件不会读入".into(),
            format!("如其中有要读入的工作簿，请把工作簿直接放在数据目录中；{MOVE_OUT}"),
        ),
        Entry::Special(s) => (
            format!("这是一个{}，不是普通文件，未读入", special(s)),
            "请把它移出数据目录，换成工作簿文件".into(),
        ),
        Entry::OtherFile => (
            "不是工作簿或数据文件（按扩展名判断），未读入".into(),
            format!("如是数据，请另存为 .xlsx 或 .csv；{MOVE_OUT}"),
        ),
        Entry::BrokenLink { target } => (
            format!("这是一个符号链接（快捷方式），它指向的“{target}”不存在或无法访问，未读入"),
            link_hint.into(),
        ),
        Entry::LoopingLink { target } => (
            format!("这是一个循环的符号链接（指向“{target}”，最终又指回自身），无法读取，未读入"),
            "请把该链接移出数据目录（只移动链接本身）".into(),
        ),
        Entry::LinkToFolder { target } => {
            (format!("这是一个指向文件夹 {target} 的符号链接，未读入"), link_hint.into())
        }
        Entry::LinkToSpecial { target, special: s } => (
            format!("这是一个指向{} {target} 的符号链接，不是普通文件，未读入", special(s)),
            link_hint.into(),
        ),
    }
}

/// Which of a table's values have no year, why, and how many of the others
/// have one.
fn table_year_unknown(kind: &Kind) -> String {
    let Kind::TableYearUnknown { title, range, years_from, count, cells, labels, axis, dated } = kind else {
        return String::new();
    };
    let table = if title.is_empty() {
        format!("表格 {range} ")
    } else {
        format!("表格“{}”（{range}）", shown(title))
    };
    if *dated == 0 {
        let why = match years_from {
            YearsFrom::Headings => "行、列标题和表格标题、工作表名、文件名中都没有年份",
            YearsFrom::YearColumn => "年份列为空，表格标题、工作表名和文件名中也没有年份",
        };
        return format!("{table}的年份无法确定：{why}，该表 {count} 个数值未读入");
    }
    let more = if *count > cells.len() { "等" } else { "" };
    let which = if labels.is_empty() {
        format!("有 {count} 个数值（{}{more}）", cells.join("、"))
    } else {
        let line = match axis {
            Axis::Row => "行",
            Axis::Column => "列",
        };
        let quoted: String = labels.iter().take(5).map(|c| format!("“{}”", shown(c))).collect();
        let others = if labels.len() > 5 { "等" } else { "" };
        format!("{line}{quoted}{others}的 {count} 个数值（{}{more}）", cells.join("、"))
    };
    let (why, from) = match years_from {
        YearsFrom::Headings => ("其行、列标题和表格标题、工作表名、文件名中都没有年份", "行、列标题"),
        YearsFrom::YearColumn => ("其年份单元格为空，表格标题、工作表名和文件名中也没有年份", "年份列"),
    };
    format!("{table}中，{which}无法确定年份：{why}，这些数值未读入；其余 {dated} 个数值的年份已由{from}确定")
}

/// `该行` or `该列`, `这些行` or `这些列`, as `count` is one or more.
fn axis_name(axis: Axis, count: usize) -> &'static str {
    match (axis, count > 1) {
        (Axis::Row, false) => "该行",
        (Axis::Row, true) => "这些行",
        (Axis::Column, false) => "该列",
        (Axis::Column, true) => "这些列",
    }
}

/// A table's shape as `check` names it: `年份×地区`, `地区×年份`.
pub fn table_shape(shape: TableShape) -> &'static str {
    match shape {
        TableShape::YearsByRegions => "年份×地区",
        TableShape::RegionsByYears => "地区×年份",
        TableShape::Periods => "分月（季度）",
    }
}

/// An encoding's name as users know it: `UTF-8`, `UTF-16`, `GB18030（GBK）`.
pub fn encoding_name(encoding: TextEncoding) -> &'static str {
    match encoding {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf16 => "UTF-16",
        TextEncoding::Gb18030 => "GB18030（GBK）",
        TextEncoding::Other(name) => name,
    }
}

/// A delimiter's Chinese name: 逗号, 制表符, 分号, 竖线.
pub fn delimiter_name(delimiter: Delimiter) -> &'static str {
    match delimiter {
        Delimiter::Comma => "逗号",
        Delimiter::Tab => "制表符",
        Delimiter::Semicolon => "分号",
        Delimiter::Bar => "竖线",
    }
}

/// The limit a sheet passed, in Chinese; also the detail of an HTML page that
/// cannot be read as a table for the same reason.
pub fn sheet_limit(limit: &SheetLimit) -> String {
    match limit {
        SheetLimit::OutOfRange { cell } => {
            format!("单元格位置 {} 超出工作表范围（最多 1048576 行、16384 列），文件可能已损坏", shown(cell))
        }
        SheetLimit::TooMuchText { max } => {
            format!("工作簿中的文字（含该工作表及其前各表）合计超过 {} MB，超出本工具的处理上限", max >> 20)
        }
        SheetLimit::NameTooLong { chars, max } => {
            format!(
                "工作表名称有 {chars} 个字符，超过 {max} 个字符的处理上限（Excel 最多 31 个字符），该工作表未读入"
            )
        }
        SheetLimit::TextTooLong { cell, max } => {
            format!(
                "单元格 {} 中的文字超过 {max} 个字符（Excel 单元格的上限），超出本工具的处理上限",
                shown(cell)
            )
        }
        SheetLimit::TooManyCells { max } => {
            format!("工作表中有内容的单元格超过 {} 万个，超出本工具的处理上限", max / 10_000)
        }
        SheetLimit::TooManyMergedCells { max } => {
            format!("工作表中合并单元格覆盖的范围超过 {} 万个单元格，超出本工具的处理上限", max / 10_000)
        }
    }
}

/// What to do with a file to be read: save it again as .xlsx.
const RESAVE: &str = "请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录";

/// What to do with a text file that cannot be read as it is: save it again as
/// UTF-8 text or as .xlsx.
const RESAVE_TEXT: &str =
    "请用 Excel 或 WPS 打开原表，另存为“CSV UTF-8（逗号分隔）”或“Excel 工作簿（*.xlsx）”后放入数据目录";

/// What to do with a workbook too large to read as one.
const SPLIT_BOOK: &str = "请删除不需要的工作表和内容，或把该工作簿拆分为几个较小的工作簿后放入数据目录";

/// What to do with a file that needs a password.
const REMOVE_PASSWORD: &str =
    "请用 Excel 输入密码打开后，取消密码（文件—信息—保护工作簿），另存为 .xlsx 后放入数据目录";

/// Why a file cannot be read as a workbook, and what to do. Our own reasons are
/// worded here; a library's words (in English) follow one as `（原始信息：…）`.
fn workbook_error(reason: &WorkbookError) -> (String, String) {
    match reason {
        WorkbookError::Unknown => ("不是 Excel 或 WPS 工作簿（文件内容无法识别），可能已损坏".into(), RESAVE.into()),
        WorkbookError::NotText => {
            ("不是可读取的文本表格（含有二进制内容，或编码无法识别）".into(), RESAVE_TEXT.into())
        }
        WorkbookError::HtmlWithoutTable(why) => {
            (format!("该文件实为网页（HTML），不是 Excel 工作簿，且其中没有可读取的表格（{}）", shown(why)), RESAVE.into())
        }
        WorkbookError::Password => ("该文件设有打开密码，无法读取".into(), REMOVE_PASSWORD.into()),
        WorkbookError::Xor => (
            "该文件使用 XOR 混淆加密（早期 Excel 的“保护工作簿”密码），本工具无法解密".into(),
            "请用 Excel 或 WPS 输入密码打开，取消保护后另存为“Excel 工作簿（*.xlsx）”，再放入数据目录".into(),
        ),
        WorkbookError::Encryption(what) => {
            (format!("该文件已加密，加密方式（{what}）本工具无法解密"), REMOVE_PASSWORD.into())
        }
        WorkbookError::TooManyCells { cells, max } => (
            format!(
                "文件中表格的范围过大（约 {} 万个单元格，上限 {} 万个），可能含有远离表格的零星内容",
                cells / 10_000,
                max / 10_000
            ),
            "请删除远离表格的单元格内容（Ctrl+End 可定位到最后一个单元格），或把表格复制到新工作簿后另存为 .xlsx".into(),
        ),
        WorkbookError::TextTooLarge { rows, cols, limit } => {
            let (over, within) = match limit {
                TextLimit::Cells { max } => (
                    format!("有内容的单元格超过 {} 万个", max / 10_000),
                    format!("有内容的单元格不超过 {} 万个", max / 10_000),
                ),
                TextLimit::Rows { max } => (format!("行数超过 {max} 行"), format!("不超过 {max} 行")),
            };
            (
                format!("文本文件共 {rows} 行 × {cols} 列，{over}，超出本工具每个工作表的处理上限"),
                format!("请把该文件拆分为几个较小的文件（如按年份或指标分开），每个文件{within}，再放入数据目录"),
            )
        }
        WorkbookError::TextLineOverLimit { line, limit } => text_line(*line, limit),
        WorkbookError::SharedStringsClaim { claimed, bytes } => (
            format!(
                "文件内部结构异常：共享字符串表声称有 {claimed} 个字符串，但该表只有 {bytes} 字节，容纳不下，可能已损坏"
            ),
            RESAVE.into(),
        ),
        WorkbookError::SharedStringTooLong { index, max } => (
            format!(
                "文件中共享字符串表的第 {} 个字符串超过 {max} 个字符（Excel 单元格的上限），可能不是正常的工作簿",
                index + 1
            ),
            RESAVE.into(),
        ),
        WorkbookError::TooMuchText { max } => (
            format!("工作簿中的文字合计超过 {} MB，超出本工具的处理上限", max >> 20),
            SPLIT_BOOK.into(),
        ),
        WorkbookError::TooManySheets { sheets, max } => (
            format!("工作簿中有 {sheets} 张工作表，超过本工具 {max} 张的处理上限"),
            SPLIT_BOOK.into(),
        ),
        WorkbookError::Unzipped { bytes, max } => (
            format!("文件解压后达 {} MB，超过 {} MB 的上限，可能不是正常的工作簿", bytes >> 20, max >> 20),
            "请确认文件来源；如确为数据文件，请拆分为几个较小的工作簿".into(),
        ),
        WorkbookError::NoWorkbookStream => (
            "该文件是 Office 旧格式的复合文档，但其中没有 Excel 工作簿数据，可能是改了扩展名的其他文档（如 Word 文档），或已损坏".into(),
            "如确为 Excel 表格，请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录；如不是，请把它移出数据目录".into(),
        ),
        WorkbookError::EncryptionDamaged(what) => (
            format!("该文件已加密，但其中的加密信息已损坏（{what}），无法解密"),
            format!("{RESAVE}；如无法打开，请向报送单位重新索取该文件"),
        ),
        WorkbookError::Inconsistent => {
            ("文件内部结构异常（记录长度不符或工作表数据相互重叠），可能已损坏".into(), RESAVE.into())
        }
        WorkbookError::ReaderCrashed(detail) => {
            let original =
                if detail.is_empty() { String::new() } else { format!("（原始信息：{}）", shown(detail)) };
            (format!("读取程序库处理该文件时意外中止，文件可能已损坏或格式异常{original}"), RESAVE.into())
        }
        WorkbookError::Corrupt(detail) => {
            (format!("文件已损坏或格式不受支持，无法打开（原始信息：{}）", shown(detail)), RESAVE.into())
        }
    }
}

/// What to do with a line of a text file that runs on past a cap.
const CHECK_LINE: &str = "该行可能缺少换行，或有未配对的引号（引号之间的换行和分隔符都算作同一格的内容）；请用文本编辑器检查该行，修正后再放入数据目录";

/// A line of a text file past a cap, and what to do.
fn text_line(line: u64, limit: &LineLimit) -> (String, String) {
    match limit {
        LineLimit::Fields { max } => (
            format!(
                "文本文件第 {line} 行超过 {max} 列（Excel 工作表最多 {max} 列，即 A 列到 {} 列），超出本工具的处理上限",
                super::column_name(u32::try_from(*max).unwrap_or(u32::MAX).saturating_sub(1))
            ),
            format!(
                "请检查该行是否有多余的分隔符（逗号、制表符、分号或竖线），或把该文件按列拆分为几个文件，每行不超过 {max} 列"
            ),
        ),
        LineLimit::Chars { max } => {
            (format!("文本文件第 {line} 行超过 {max} 个字符，超出本工具每行的处理上限"), CHECK_LINE.into())
        }
        LineLimit::FieldChars { col, max } => (
            format!(
                "文本文件第 {line} 行 {} 列（第 {} 个字段）的内容超过 {max} 个字符（Excel 单元格的上限）",
                super::column_name(*col),
                u64::from(*col) + 1
            ),
            CHECK_LINE.into(),
        ),
    }
}

/// The terminal's line: `警告：文件，工作表“…”，单元格 B4：说明。办法`.
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

mod patents;
mod shown;

pub use shown::{MAX_SHOWN, shown};

#[cfg(test)]
mod tests;
