//! Reading a raw cell as a number: numbers, numbers stored as text (thousands
//! separators, full-width digits), missing markers and Excel errors.

use unicode_normalization::UnicodeNormalization;

use crate::workbook::Cell;

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    /// A percentage, in % (a percent-formatted cell's fraction × 100, or `12.5%`).
    Percent(f64),
    /// Blank or a missing marker (…, —, -, ..): no figure, distinct from zero.
    Missing,
    /// Not a number.
    Invalid(Invalid),
}

/// What a value cell holds instead of a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    /// Text that is no number (the text).
    Text(String),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
    /// A formula whose result was never calculated and stored (the formula).
    NoCachedValue(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date or time (as printed).
    Date(String),
    /// Infinity or not-a-number.
    NonFinite,
}

impl Invalid {
    /// What was found, in Chinese: `文本“约100”`.
    pub fn describe(&self) -> String {
        match self {
            Invalid::Text(t) => format!("文本“{}”", crate::diag::text::shown(t)),
            Invalid::Error(e) => format!("Excel 错误值 {}", crate::diag::text::shown(e)),
            Invalid::NoCachedValue(f) => format!("公式“={}”没有保存计算结果", crate::diag::text::shown(f)),
            Invalid::Bool(b) => format!("逻辑值 {}", if *b { "TRUE" } else { "FALSE" }),
            Invalid::Date(d) => format!("日期或时间 {}", crate::diag::text::shown(d)),
            Invalid::NonFinite => "非有限数值".into(),
        }
    }

    /// What to do about it, in Chinese.
    pub fn hint(&self) -> &'static str {
        match self {
            Invalid::Text(_) | Invalid::Bool(_) | Invalid::NonFinite => "请填写数字；数据不详请留空或填“—”",
            Invalid::Error(_) => "请在原表中更正公式或引用，使该单元格显示数值",
            Invalid::NoCachedValue(_) => {
                "请用 Excel 或 WPS 打开该文件并保存一次（保存时会计算公式结果），或把公式改为数值"
            }
            Invalid::Date(_) => {
                "该单元格是日期格式，数值会被读成日期；请把单元格格式改为“常规”或“数值”后重新填写数字"
            }
        }
    }
}

/// The markers yearbooks use for a missing figure.
const MISSING: &[&str] =
    &["", "…", "……", "...", "—", "——", "-", "－", "--", "..", ".", "n.a.", "N.A.", "NA", "/", "无数据"];

/// A fraction as a percentage: × 100, rounded at the tenth decimal so that the
/// binary noise of the product (0.082 × 100 = 8.200000000000001) does not show.
fn percent_of(fraction: f64) -> f64 {
    let p = fraction * 100.0;
    let r = (p * 1e10).round() / 1e10;
    if r.is_finite() { r } else { p }
}

/// Reads a value cell.
pub fn parse_value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Missing,
        Cell::Number(n) if n.is_finite() => Value::Number(*n),
        Cell::Percent(p) if p.is_finite() => Value::Percent(percent_of(*p)),
        Cell::Number(_) | Cell::Percent(_) => Value::Invalid(Invalid::NonFinite),
        Cell::NoCachedValue(f) => Value::Invalid(Invalid::NoCachedValue(f.clone())),
        Cell::Bool(b) => Value::Invalid(Invalid::Bool(*b)),
        Cell::Date(d) => Value::Invalid(Invalid::Date(d.clone())),
        Cell::Error(e) => Value::Invalid(Invalid::Error(e.clone())),
        Cell::Text(s) => parse_text(s),
    }
}

fn parse_text(s: &str) -> Value {
    let raw = s.trim();
    if MISSING.contains(&raw) {
        return Value::Missing;
    }
    let t: String = raw.nfkc().filter(|c| !c.is_whitespace() && *c != ',').collect();
    if MISSING.contains(&t.as_str()) {
        return Value::Missing;
    }
    let t = t.replace('−', "-");
    if let Some(p) = t.strip_suffix('%') {
        return match p.parse::<f64>() {
            Ok(v) if v.is_finite() => Value::Percent(v),
            _ => Value::Invalid(Invalid::Text(raw.to_string())),
        };
    }
    if let Some(p) = t.strip_suffix('‰') {
        return match p.parse::<f64>() {
            Ok(v) if v.is_finite() => Value::Percent(v / 10.0),
            _ => Value::Invalid(Invalid::Text(raw.to_string())),
        };
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Value::Number(v),
        _ => Value::Invalid(Invalid::Text(raw.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        parse_value(&Cell::Text(s.into()))
    }

    #[test]
    fn numbers_and_text_numbers() {
        assert_eq!(parse_value(&Cell::Number(12482.0)), Value::Number(12482.0));
        assert_eq!(text("12,482"), Value::Number(12482.0));
        assert_eq!(text("１２４８２"), Value::Number(12482.0));
        assert_eq!(text(" 67.72 "), Value::Number(67.72));
        assert_eq!(text("－3.5"), Value::Number(-3.5));
    }

    #[test]
    fn missing_is_not_zero() {
        for s in ["", "…", "—", "-", "－", "..", "n.a.", "."] {
            assert_eq!(text(s), Value::Missing, "{s:?}");
        }
        assert_eq!(parse_value(&Cell::Empty), Value::Missing);
    }

    #[test]
    fn percentages() {
        assert_eq!(text("12.5%"), Value::Percent(12.5));
        assert_eq!(text("１２．５％"), Value::Percent(12.5));
        assert_eq!(text("-3%"), Value::Percent(-3.0));
        assert_eq!(text("5‰"), Value::Percent(0.5));
        assert_eq!(parse_value(&Cell::Percent(0.125)), Value::Percent(12.5));
        assert_eq!(parse_value(&Cell::Percent(0.082)), Value::Percent(8.2));
        assert_eq!(parse_value(&Cell::Percent(0.00123456789)), Value::Percent(0.123456789));
    }

    #[test]
    fn formulas_without_results_are_not_zero() {
        let v = parse_value(&Cell::NoCachedValue("SUM(B2:B5)".into()));
        assert_eq!(v, Value::Invalid(Invalid::NoCachedValue("SUM(B2:B5)".into())));
        let Value::Invalid(why) = v else { unreachable!() };
        assert_eq!(why.describe(), "公式“=SUM(B2:B5)”没有保存计算结果");
    }

    #[test]
    fn errors_are_invalid() {
        assert_eq!(
            parse_value(&Cell::Error("#DIV/0!".into())),
            Value::Invalid(Invalid::Error("#DIV/0!".into()))
        );
        assert_eq!(text("约100"), Value::Invalid(Invalid::Text("约100".into())));
        assert_eq!(Invalid::Text("约100".into()).describe(), "文本“约100”");
    }

    #[test]
    fn dates_and_non_finite_numbers_are_invalid() {
        assert_eq!(
            parse_value(&Cell::Date("2024-05-01".into())),
            Value::Invalid(Invalid::Date("2024-05-01".into()))
        );
        assert_eq!(Invalid::Date("2024-05-01".into()).describe(), "日期或时间 2024-05-01");
        for v in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(parse_value(&Cell::Number(v)), Value::Invalid(Invalid::NonFinite));
            assert_eq!(parse_value(&Cell::Percent(v)), Value::Invalid(Invalid::NonFinite));
        }
        assert_eq!(text("1e999"), Value::Invalid(Invalid::Text("1e999".into())));
    }

    proptest::proptest! {
        #[test]
        fn any_text_never_panics(s in "\\PC{0,24}") {
            let _ = parse_value(&Cell::Text(s));
        }

        #[test]
        fn formatted_numbers_read_back(v in -1e12f64..1e12, sep in proptest::bool::ANY) {
            let plain = format!("{v}");
            let text = if sep {
                // Thousands separators on the integer part.
                let (int, frac) = plain.split_once('.').map_or((plain.as_str(), None), |(i, f)| (i, Some(f)));
                let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
                let mut grouped = String::new();
                for (i, ch) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        grouped.push(',');
                    }
                    grouped.push(ch);
                }
                format!("{sign}{grouped}{}", frac.map(|f| format!(".{f}")).unwrap_or_default())
            } else {
                plain
            };
            proptest::prop_assert_eq!(parse_value(&Cell::Text(text)), Value::Number(v));
        }
    }
}
