//! The values of a list's cells: dates, patent types, legal status, yes/no
//! columns and amounts, each read by a stated rule. Receives a cell; hands on
//! plain values.

use std::borrow::Cow;

use crate::workbook::Cell;

/// A date as `yyyymmdd`, so that dates compare as numbers.
pub type Ymd = u32;

/// The year of a date.
pub fn year(d: Ymd) -> i32 {
    (d / 10000) as i32
}

/// 31 December of a year.
pub fn year_end(y: i32) -> Ymd {
    (y.max(0) as u32) * 10000 + 1231
}

/// `2023-05-18`.
pub fn shown(d: Ymd) -> String {
    format!("{}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

/// The text of a cell as a list means it: text trimmed, whole numbers without
/// a decimal point (a 12-digit application number stored as a number), dates as
/// written.
pub fn text(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(s) | Cell::Date(s) => Cow::Borrowed(s.trim()),
        Cell::Number(n) | Cell::Percent(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
            Cow::Owned(format!("{}", *n as i64))
        }
        Cell::Number(n) | Cell::Percent(n) => Cow::Owned(n.to_string()),
        Cell::Bool(b) => Cow::Borrowed(if *b { "是" } else { "否" }),
        Cell::Error(s) | Cell::NoCachedValue(s) => Cow::Borrowed(s),
        Cell::Empty => Cow::Borrowed(""),
    }
}

/// A date from a cell: text such as `2023-05-18`, `2023/5/18`, `2023.05.18`,
/// `20230518` or `2023年5月18日` (a time after it is ignored), a date cell, or a
/// number: `20230518`, or an Excel serial day (1 is 1900-01-01).
pub fn date(cell: &Cell) -> Option<Ymd> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (19_000_101.0..=22_001_231.0).contains(n) => valid(*n as u32),
        Cell::Number(n) if (1.0..80_000.0).contains(n) => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
            let d = base.checked_add_days(chrono::Days::new(n.floor() as u64))?;
            use chrono::Datelike;
            valid(d.year() as u32 * 10000 + d.month() * 100 + d.day())
        }
        Cell::Text(s) | Cell::Date(s) => date_text(s),
        _ => None,
    }
}

fn date_text(s: &str) -> Option<Ymd> {
    let s = s.trim();
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [one] if one.len() == 8 => valid(num(one)?),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            valid(num(y)? * 10000 + num(m)? * 100 + num(d)?)
        }
        _ => None,
    }
}

/// A `yyyymmdd` that is a real date between 1900 and 2200.
fn valid(d: Ymd) -> Option<Ymd> {
    let (y, m, day) = (d / 10000, d / 100 % 100, d % 100);
    ((1900..=2200).contains(&y) && chrono::NaiveDate::from_ymd_opt(y as i32, m, day).is_some()).then_some(d)
}

/// The three patent types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PatentKind {
    Invention,
    UtilityModel,
    Design,
}

impl PatentKind {
    /// The type a 专利类型 cell names: 发明 (发明专利, 发明申请, 发明授权, PCT发明),
    /// 实用新型, 外观设计 (外观).
    pub fn from_text(text: &str) -> Option<PatentKind> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.contains("实用新型") || t == "新型" {
            Some(PatentKind::UtilityModel)
        } else if t.contains("外观") {
            Some(PatentKind::Design)
        } else if t.contains("发明") {
            Some(PatentKind::Invention)
        } else {
            None
        }
    }

    /// The type an application number's type digit says.
    pub fn from_digit(d: u8) -> Option<PatentKind> {
        match d {
            1 | 8 => Some(PatentKind::Invention),
            2 | 9 => Some(PatentKind::UtilityModel),
            3 => Some(PatentKind::Design),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PatentKind::Invention => "发明",
            PatentKind::UtilityModel => "实用新型",
            PatentKind::Design => "外观设计",
        }
    }
}

/// Whether a 法律状态 cell says the patent lapsed (失效, 无效, 终止, 放弃, 届满,
/// 未缴年费, 撤销).
pub fn says_lapsed(text: &str) -> bool {
    ["失效", "无效", "终止", "放弃", "届满", "未缴年费", "撤销"].iter().any(|w| text.contains(w))
        && !text.contains("有效期")
}

/// A yes/no column (同族, 获奖): blank is unknown; 无, 否, 0, 没有 are no;
/// anything else (是, 有, a count, a list of numbers, an award's name) is yes.
pub fn yes(cell: &Cell) -> Option<bool> {
    let t = text(cell);
    if t.is_empty() {
        return None;
    }
    Some(!matches!(&*t, "无" | "否" | "0" | "没有" | "N" | "n" | "no" | "No" | "NO" | "—" | "-"))
}

/// A pledge column: an amount (万元) or yes/no.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pledge {
    Amount(f64),
    Yes,
    No,
}

/// A pledge cell: a number is an amount in 万元; text as for [`yes`].
pub fn pledge(cell: &Cell) -> Option<Pledge> {
    let t = text(cell);
    if let Ok(n) = t.replace([',', '，'], "").trim_end_matches("万元").parse::<f64>() {
        return Some(if n > 0.0 { Pledge::Amount(n) } else { Pledge::No });
    }
    yes(cell).map(|y| if y { Pledge::Yes } else { Pledge::No })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_lists_write_them() {
        let t = |s: &str| date(&Cell::Text(s.into()));
        assert_eq!(t("2023-05-18"), Some(20230518));
        assert_eq!(t("2023/5/8"), Some(20230508));
        assert_eq!(t("2023.05.18"), Some(20230518));
        assert_eq!(t("20230518"), Some(20230518));
        assert_eq!(t("2023年5月18日"), Some(20230518));
        assert_eq!(t("2023-05-18 00:00:00"), Some(20230518));
        assert_eq!(t("2023-02-30"), None);
        assert_eq!(t("待定"), None);
        assert_eq!(date(&Cell::Number(45064.0)), Some(20230518));
        assert_eq!(date(&Cell::Number(20230518.0)), Some(20230518));
        assert_eq!(date(&Cell::Date("2023-05-18".into())), Some(20230518));
    }

    #[test]
    fn types_status_and_flags() {
        assert_eq!(PatentKind::from_text("发明授权"), Some(PatentKind::Invention));
        assert_eq!(PatentKind::from_text("实用新型"), Some(PatentKind::UtilityModel));
        assert_eq!(PatentKind::from_text("外观设计专利"), Some(PatentKind::Design));
        assert_eq!(PatentKind::from_text("商标"), None);
        assert!(says_lapsed("未缴年费终止失效"));
        assert!(!says_lapsed("有效"));
        assert_eq!(yes(&Cell::Text("US2024123456A1".into())), Some(true));
        assert_eq!(yes(&Cell::Text("无".into())), Some(false));
        assert_eq!(yes(&Cell::Empty), None);
        assert_eq!(pledge(&Cell::Number(1200.0)), Some(Pledge::Amount(1200.0)));
        assert_eq!(pledge(&Cell::Text("是".into())), Some(Pledge::Yes));
        assert_eq!(text(&Cell::Number(202310123456.0)), "202310123456");
    }
}
