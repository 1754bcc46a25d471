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
    /// Not a number; the text says what was found.
    Invalid(String),
}

/// The markers yearbooks use for a missing figure.
const MISSING: &[&str] =
    &["", "…", "……", "...", "—", "——", "-", "－", "--", "..", ".", "n.a.", "N.A.", "NA", "/", "无数据"];

/// Reads a value cell.
pub fn parse_value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Missing,
        Cell::Number(n) if n.is_finite() => Value::Number(*n),
        Cell::Percent(p) if p.is_finite() => Value::Percent(p * 100.0),
        Cell::Number(_) | Cell::Percent(_) => Value::Invalid("非有限数值".into()),
        Cell::NoCachedValue(f) => Value::Invalid(format!("公式“={f}”没有保存计算结果")),
        Cell::Bool(b) => Value::Invalid(format!("逻辑值 {}", if *b { "TRUE" } else { "FALSE" })),
        Cell::Error(e) => Value::Invalid(format!("Excel 错误值 {e}")),
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
            _ => Value::Invalid(format!("文本“{raw}”")),
        };
    }
    if let Some(p) = t.strip_suffix('‰') {
        return match p.parse::<f64>() {
            Ok(v) if v.is_finite() => Value::Percent(v / 10.0),
            _ => Value::Invalid(format!("文本“{raw}”")),
        };
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Value::Number(v),
        _ => Value::Invalid(format!("文本“{raw}”")),
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
    }

    #[test]
    fn formulas_without_results_are_not_zero() {
        assert_eq!(
            parse_value(&Cell::NoCachedValue("SUM(B2:B5)".into())),
            Value::Invalid("公式“=SUM(B2:B5)”没有保存计算结果".into())
        );
    }

    #[test]
    fn errors_are_invalid() {
        assert_eq!(
            parse_value(&Cell::Error("#DIV/0!".into())),
            Value::Invalid("Excel 错误值 #DIV/0!".into())
        );
        assert_eq!(text("约100"), Value::Invalid("文本“约100”".into()));
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
