//! Periods as reporting forms write them: a year (`2025年`, `2025年度`, `截至2025年底`,
//! `2025年全年`), a part of a year (`2025年1—9月`, `1-12月`, `一季度`, `上半年`), a month
//! (`12月`, `12月末`), or a period relative to the form's own (`本期`, `本年累计`,
//! `上年同期`, `1—本月累计`). A period without a year, or a relative one, is
//! resolved against the period of the table's title, sheet name or file name.
//!
//! Parsed once here; later stages match on [`Period`], never on header text.

use std::fmt;
use std::ops::RangeInclusive;

use unicode_normalization::UnicodeNormalization;

use crate::workbook::Cell;

/// A period a figure covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Period {
    /// A whole year, or a stock at its end.
    Year(i32),
    /// Some months of a year: a quarter, a half, 1—N月 (1—12月 is the whole year).
    Part { year: Option<i32>, months: RangeInclusive<u8> },
    /// One month (a flow in it, or a stock at its end).
    Month { year: Option<i32>, month: u8 },
    /// A period named relative to the form's own.
    Relative(Rel),
}

/// The words of a form for its own period and the one a year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rel {
    /// 本期
    ThisPeriod,
    /// 本年
    ThisYear,
    /// 本年累计
    YearToDate,
    /// 本月
    ThisMonth,
    /// 1—本月累计
    ToThisMonth,
    /// 上期
    PreviousPeriod,
    /// 上年
    LastYear,
    /// 上年同期
    SamePeriodLastYear,
    /// 去年同期
    SamePeriodLastYearAlt,
}

impl Rel {
    /// Every word, for tests and the parser.
    pub const ALL: [Rel; 9] = [
        Rel::ThisPeriod,
        Rel::ThisYear,
        Rel::YearToDate,
        Rel::ThisMonth,
        Rel::ToThisMonth,
        Rel::PreviousPeriod,
        Rel::LastYear,
        Rel::SamePeriodLastYear,
        Rel::SamePeriodLastYearAlt,
    ];

    /// The word as forms write it.
    pub fn word(self) -> &'static str {
        match self {
            Rel::ThisPeriod => "本期",
            Rel::ThisYear => "本年",
            Rel::YearToDate => "本年累计",
            Rel::ThisMonth => "本月",
            Rel::ToThisMonth => "1—本月累计",
            Rel::PreviousPeriod => "上期",
            Rel::LastYear => "上年",
            Rel::SamePeriodLastYear => "上年同期",
            Rel::SamePeriodLastYearAlt => "去年同期",
        }
    }

    /// Years back from the form's period: 0 for this period, 1 for a year before.
    pub fn years_back(self) -> i32 {
        match self {
            Rel::ThisPeriod | Rel::ThisYear | Rel::YearToDate | Rel::ThisMonth | Rel::ToThisMonth => 0,
            _ => 1,
        }
    }

    /// Whether the word is the form's own period (not the one a year before).
    pub fn is_current(self) -> bool {
        self.years_back() == 0
    }
}

impl Period {
    /// The whole year this period is, if it is one (`2025年`, `2025年1—12月`).
    pub fn annual(&self) -> Option<i32> {
        match self {
            Period::Year(y) => Some(*y),
            Period::Part { year: Some(y), months } if *months == (1..=12) => Some(*y),
            _ => None,
        }
    }

    /// The period's year, when it has one.
    pub fn year(&self) -> Option<i32> {
        match self {
            Period::Year(y) => Some(*y),
            Period::Part { year, .. } | Period::Month { year, .. } => *year,
            Period::Relative(_) => None,
        }
    }

    /// The months the period covers; `None` for a relative one.
    pub fn months(&self) -> Option<RangeInclusive<u8>> {
        match self {
            Period::Year(_) => Some(1..=12),
            Period::Part { months, .. } => Some(months.clone()),
            Period::Month { month, .. } => Some(*month..=*month),
            Period::Relative(_) => None,
        }
    }

    /// The same period a year before (上年同期 of this one).
    pub fn year_before(&self) -> Period {
        self.shifted(1)
    }

    /// The same period `back` years earlier.
    fn shifted(&self, back: i32) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - back),
            Period::Part { year, months } => {
                Period::Part { year: year.map(|y| y - back), months: months.clone() }
            }
            Period::Month { year, month } => Period::Month { year: year.map(|y| y - back), month: *month },
            Period::Relative(r) => Period::Relative(*r),
        }
    }

    /// The period with its year taken from the form's period `base` when it has
    /// none, and a relative period made absolute; `None` when `base` cannot say.
    pub fn resolve(&self, base: Option<&Period>) -> Option<Period> {
        match self {
            Period::Year(_) => Some(self.clone()),
            Period::Part { year: Some(_), .. } | Period::Month { year: Some(_), .. } => Some(self.clone()),
            Period::Part { year: None, months } => {
                Some(Period::Part { year: Some(base?.year()?), months: months.clone() })
            }
            Period::Month { year: None, month } => {
                Some(Period::Month { year: Some(base?.year()?), month: *month })
            }
            Period::Relative(r) => {
                let base = base?;
                let year = base.year()?;
                let last = *base.months()?.end();
                let this = match r {
                    Rel::ThisMonth | Rel::ThisPeriod if matches!(base, Period::Month { .. }) => base.clone(),
                    Rel::ThisMonth => Period::Month { year: Some(year), month: last },
                    Rel::ToThisMonth | Rel::YearToDate => match base {
                        Period::Year(_) => base.clone(),
                        _ => Period::Part { year: Some(year), months: 1..=last },
                    },
                    _ => base.clone(),
                };
                Some(this.shifted(r.years_back()))
            }
        }
    }

    /// A name for a part of a year in a message: `一季度`, `上半年`, `10月`, else
    /// as [`Display`](fmt::Display).
    pub fn name(&self) -> String {
        let quarter = |m: &RangeInclusive<u8>| {
            (*m.end() == m.start() + 2 && (m.start() + 2).is_multiple_of(3))
                .then(|| ["一", "二", "三", "四"][((m.start() - 1) / 3) as usize])
        };
        match self {
            Period::Part { year, months } => {
                let y = year.map(|y| format!("{y}年")).unwrap_or_default();
                match quarter(months) {
                    Some(q) => format!("{y}{q}季度"),
                    None => self.to_string(),
                }
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Period {
    /// `2025年`, `2025年1—9月`, `1—12月`, `2025年12月`, `本年累计`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}年"),
            Period::Part { year, months } => {
                if let Some(y) = year {
                    write!(f, "{y}年")?;
                }
                write!(f, "{}—{}月", months.start(), months.end())
            }
            Period::Month { year, month } => {
                if let Some(y) = year {
                    write!(f, "{y}年")?;
                }
                write!(f, "{month}月")
            }
            Period::Relative(r) => f.write_str(r.word()),
        }
    }
}

/// Normalises a period text: NFKC, no white space, one dash for every range mark.
fn normalize(text: &str) -> Vec<char> {
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '—' | '–' | '-' | '~' | '〜' | '至' | '到' | '―' | '─' => '-',
            c => c,
        })
        .collect()
}

/// Reads a number of one or two ASCII digits or a Chinese numeral (一…十二) at
/// the start of `s`: the value and how many characters it took.
fn small_number(s: &[char]) -> Option<(u8, usize)> {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let n: String = s[..digits].iter().collect();
        return Some((n.parse().ok()?, digits));
    }
    const CN: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let val = |c: &char| CN.iter().position(|x| x == c).map(|i| i as u8 + 1);
    match s {
        ['十', b, ..] if val(b).is_some_and(|v| v <= 2) => Some((10 + val(b)?, 2)),
        [a, ..] => Some((val(a)?, 1)),
        [] => None,
    }
}

/// What follows the year of a period (or stands alone): the months it covers,
/// and how many characters it took. `Some((None, n))` is the whole year.
fn after_year(s: &[char]) -> Option<(Option<Period>, usize)> {
    let starts = |p: &str| {
        let p: Vec<char> = p.chars().collect();
        s.starts_with(&p).then_some(p.len())
    };
    for (word, months) in [
        ("全年", None),
        ("年度", None),
        ("上半年", Some(1..=6)),
        ("下半年", Some(7..=12)),
        ("前三季度", Some(1..=9)),
        ("前三季", Some(1..=9)),
    ] {
        if let Some(n) = starts(word) {
            return Some((months.map(|m| Period::Part { year: None, months: m }), n));
        }
    }
    for word in ["1-本月累计", "1-本月"] {
        if let Some(n) = starts(word) {
            return Some((Some(Period::Relative(Rel::ToThisMonth)), n));
        }
    }
    let skip_di = usize::from(s.first() == Some(&'第'));
    if let Some((q, n)) = small_number(&s[skip_di..])
        && (1..=4).contains(&q)
    {
        let rest = &s[skip_di + n..];
        for word in ["季度", "季"] {
            let w: Vec<char> = word.chars().collect();
            if rest.starts_with(&w) {
                let first = (q - 1) * 3 + 1;
                return Some((
                    Some(Period::Part { year: None, months: first..=first + 2 }),
                    skip_di + n + w.len(),
                ));
            }
        }
    }
    // 1-9月, 1月-9月, 9月.
    let (a, n) = small_number(s)?;
    let mut i = n;
    if s.get(i) == Some(&'月') && s.get(i + 1) == Some(&'-') {
        i += 1;
    }
    if s.get(i) == Some(&'-') {
        let (b, m) = small_number(&s[i + 1..])?;
        i += 1 + m;
        if s.get(i) != Some(&'月') || !(1..=b).contains(&a) || b > 12 {
            return None;
        }
        return Some((Some(Period::Part { year: None, months: a..=b }), i + 1));
    }
    if s.get(i) == Some(&'月') && (1..=12).contains(&a) {
        let len = if s.get(i + 1) == Some(&'份') { i + 2 } else { i + 1 };
        return Some((Some(Period::Month { year: None, month: a }), len));
    }
    None
}

/// Marks that may follow a period without changing it: 末, 底, 累计, 数.
fn rest_is_suffix(rest: &[char]) -> bool {
    let r: String = rest.iter().collect();
    ["", "末", "底", "(末)", "(底)", "累计", "累计数", "数", "末数", "份", "度"].contains(&r.as_str())
}

/// Reads a whole text as a period: `2025年`, `2025年1—12月`, `截至2025年底`, `一季度`,
/// `12月末`, `本年累计`, `上年同期`. Anything else, including a year with other
/// words (`2025年末数额`), is `None`.
pub fn parse_period(text: &str) -> Option<Period> {
    // Most labels are names: no period word, no year written as digits alone.
    let period_char = |c: char| matches!(c, '年' | '月' | '季' | '期');
    if !text.chars().any(|c| period_char(c) || c.is_numeric()) {
        return None;
    }
    // 截至 / 截止 before the range marks are normalised (至 is one).
    let trimmed: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let text = ["截至", "截止到", "截止"].iter().find_map(|p| trimmed.strip_prefix(p)).unwrap_or(&trimmed);
    let s = normalize(text);
    let s: &[char] = s
        .strip_prefix(&['('])
        .and_then(|s| s.strip_suffix(&[')']))
        .filter(|s| !s.contains(&'(') && !s.contains(&')'))
        .unwrap_or(&s);
    let t: String = s.iter().collect();
    if let Some(y) = super::labels::parse_year(&Cell::Text(t.clone())) {
        return Some(Period::Year(y));
    }
    let word = t.strip_suffix('数').unwrap_or(&t);
    if let Some(r) = Rel::ALL.iter().find(|r| normalize(r.word()).iter().collect::<String>() == word) {
        return Some(Period::Relative(*r));
    }
    let (year, s) = match s.iter().position(|c| *c == '年') {
        Some(4) if s[..4].iter().all(char::is_ascii_digit) => {
            let y: i32 = s[..4].iter().collect::<String>().parse().ok()?;
            (Some((1949..=2100).contains(&y).then_some(y)?), &s[5..])
        }
        _ => (None, s),
    };
    if let Some(y) = year
        && rest_is_suffix(s)
    {
        return Some(Period::Year(y));
    }
    // 年末, 年底 alone: the end of the form's year.
    if year.is_none() && ["年末", "年底", "全年"].contains(&s.iter().collect::<String>().as_str()) {
        return Some(Period::Part { year: None, months: 1..=12 });
    }
    let (p, n) = after_year(s)?;
    if !rest_is_suffix(&s[n..]) {
        return None;
    }
    Some(match (p, year) {
        (None, Some(y)) => Period::Year(y),
        (None, None) => Period::Part { year: None, months: 1..=12 },
        (Some(Period::Part { months, .. }), year) => Period::Part { year, months },
        (Some(Period::Month { month, .. }), year) => Period::Month { year, month },
        (Some(Period::Relative(r)), None) => Period::Relative(r),
        _ => return None,
    })
}

/// The period a title, sheet name or file name gives: the one year it names
/// with what follows it (`2025年1—12月玄武区专利授权情况` → 2025年1—12月,
/// `截至2025年底…` → 2025年). `None` when it names no year or several.
pub fn period_in_text(text: &str) -> Option<Period> {
    let year = super::labels::year_in_text(text)?;
    let s = normalize(text);
    let digits: Vec<char> = year.to_string().chars().collect();
    let at = s.windows(4).position(|w| w == digits.as_slice())?;
    let rest = &s[at + 4..];
    let Some(rest) = rest.strip_prefix(&['年']) else { return Some(Period::Year(year)) };
    match after_year(rest) {
        Some((Some(Period::Part { months, .. }), _)) => Some(Period::Part { year: Some(year), months }),
        Some((Some(Period::Month { month, .. }), _)) => Some(Period::Month { year: Some(year), month }),
        _ => Some(Period::Year(year)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn part(year: Option<i32>, months: RangeInclusive<u8>) -> Period {
        Period::Part { year, months }
    }

    #[test]
    fn forms_of_years_and_parts() {
        assert_eq!(parse_period("2025年"), Some(Period::Year(2025)));
        assert_eq!(parse_period("2025年全年"), Some(Period::Year(2025)));
        assert_eq!(parse_period("截至2025年底"), Some(Period::Year(2025)));
        assert_eq!(parse_period("截至2025年末"), Some(Period::Year(2025)));
        assert_eq!(parse_period("2025年度"), Some(Period::Year(2025)));
        for y in ["2025", "2025.0", "(2025)", "（２０２５）", "２０２５年末"] {
            assert_eq!(parse_period(y), Some(Period::Year(2025)), "{y}");
        }
        for t in ["2024年1—12月", "2024年1-12月", "2024年1～12月", "2024年1至12月", "2024年1月—12月"]
        {
            assert_eq!(parse_period(t), Some(part(Some(2024), 1..=12)), "{t}");
            assert_eq!(parse_period(t).unwrap().annual(), Some(2024), "{t}");
        }
        assert_eq!(parse_period("2025年一季度"), Some(part(Some(2025), 1..=3)));
        assert_eq!(parse_period("第四季度"), Some(part(None, 10..=12)));
        assert_eq!(parse_period("四季度末"), Some(part(None, 10..=12)));
        assert_eq!(parse_period("2025年上半年"), Some(part(Some(2025), 1..=6)));
        assert_eq!(parse_period("2025年1—9月"), Some(part(Some(2025), 1..=9)));
        assert_eq!(parse_period("2025年1—9月").unwrap().annual(), None);
        assert_eq!(parse_period("1月"), Some(Period::Month { year: None, month: 1 }));
        assert_eq!(parse_period("12月末"), Some(Period::Month { year: None, month: 12 }));
        assert_eq!(parse_period("十二月"), Some(Period::Month { year: None, month: 12 }));
        assert_eq!(parse_period("全年"), Some(part(None, 1..=12)));
        assert_eq!(parse_period("年末"), Some(part(None, 1..=12)));
        for r in Rel::ALL {
            assert_eq!(parse_period(r.word()), Some(Period::Relative(r)), "{}", r.word());
        }
        assert_eq!(parse_period("1-本月累计"), Some(Period::Relative(Rel::ToThisMonth)));
        assert_eq!(parse_period("本年累计数"), Some(Period::Relative(Rel::YearToDate)));
        for t in
            ["13月", "2025年末数额", "专利授权量", "合计", "梅园新村街道", "月", "0月", "9—3月", "五季度"]
        {
            assert_eq!(parse_period(t), None, "{t}");
        }
    }

    #[test]
    fn titles_give_their_period_and_relatives_resolve_against_it() {
        let title = period_in_text("2025年1—12月玄武区专利授权情况").unwrap();
        assert_eq!(title, part(Some(2025), 1..=12));
        assert_eq!(period_in_text("截至2025年底有效发明专利情况"), Some(Period::Year(2025)));
        assert_eq!(period_in_text("2025年1-9月专利授权"), Some(part(Some(2025), 1..=9)));
        assert_eq!(
            period_in_text("2025年12月专利统计月报"),
            Some(Period::Month { year: Some(2025), month: 12 })
        );
        assert_eq!(period_in_text("各街道专利授权量（2025年）"), Some(Period::Year(2025)));
        assert_eq!(period_in_text("2024～2025年"), None);
        let at = |r: Rel| Period::Relative(r).resolve(Some(&title)).unwrap();
        assert_eq!(at(Rel::YearToDate).annual(), Some(2025));
        assert_eq!(at(Rel::SamePeriodLastYear).annual(), Some(2024));
        assert_eq!(at(Rel::LastYear).annual(), Some(2024));
        assert_eq!(at(Rel::ThisMonth), Period::Month { year: Some(2025), month: 12 });
        let nine = part(Some(2025), 1..=9);
        assert_eq!(Period::Relative(Rel::ThisPeriod).resolve(Some(&nine)), Some(nine.clone()));
        assert_eq!(Period::Relative(Rel::PreviousPeriod).resolve(Some(&nine)), Some(part(Some(2024), 1..=9)));
        let month = Period::Month { year: Some(2025), month: 6 };
        assert_eq!(Period::Relative(Rel::ToThisMonth).resolve(Some(&month)), Some(part(Some(2025), 1..=6)));
        assert_eq!(Period::Relative(Rel::ThisYear).resolve(None), None);
        assert_eq!(part(None, 4..=6).name(), "二季度");
        assert_eq!(part(Some(2025), 1..=9).name(), "2025年1—9月");
    }

    fn any_period() -> impl Strategy<Value = Period> {
        let year = proptest::option::of(1949i32..=2100);
        prop_oneof![
            (1949i32..=2100).prop_map(Period::Year),
            (year.clone(), 1u8..=12, 1u8..=12)
                .prop_map(|(year, a, b)| Period::Part { year, months: a.min(b)..=a.max(b) }),
            (year, 1u8..=12).prop_map(|(year, month)| Period::Month { year, month }),
            proptest::sample::select(Rel::ALL.to_vec()).prop_map(Period::Relative),
        ]
    }

    proptest! {
        #[test]
        fn a_period_label_round_trips(p in any_period()) {
            prop_assert_eq!(parse_period(&p.to_string()), Some(p.clone()));
        }

        #[test]
        fn any_text_never_panics(s in "\\PC{0,16}") {
            let _ = parse_period(&s);
            let _ = period_in_text(&s);
        }
    }
}
