//! Units: recognising a written unit and converting a value to the catalogue's unit
//! (万元 → 亿元, 人 → 万人). Units of different dimensions never convert. Part of
//! the catalogue, whose units these are; the dataset stage converts with them.

use unicode_normalization::UnicodeNormalization;

/// A unit's dimension and its size in the dimension's base unit.
fn scale(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "件" => ("件", 1.0),
        "项" => ("项", 1.0),
        "个" => ("个", 1.0),
        "家" | "户" => ("家", 1.0),
        "人次" => ("人次", 1.0),
        "人" | "名" => ("人", 1.0),
        "万人" => ("人", 1e4),
        "元" => ("元", 1.0),
        "万元" => ("元", 1e4),
        "亿元" => ("元", 1e8),
        "%" => ("%", 1.0),
        "‰" => ("%", 0.1),
        _ => return None,
    })
}

/// Cleans a written unit: NFKC, no white space or brackets (`（件）` → `件`).
pub fn clean(unit: &str) -> String {
    unit.nfkc().filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']')).collect()
}

/// Whether a written unit is one this tool can convert.
pub fn is_known(unit: &str) -> bool {
    scale(&clean(unit)).is_some()
}

/// Converts `value` from the unit `from` to the unit `to`; `None` when either unit
/// is unknown or their dimensions differ.
pub fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    let from = clean(from);
    let to = clean(to);
    if from == to {
        return Some(value);
    }
    let (df, sf) = scale(&from)?;
    let (dt, st) = scale(&to)?;
    if df != dt {
        return None;
    }
    // Divide by the ratio computed once so that 10500 万元 → 1.05 亿元 exactly.
    if sf >= st { Some(value * (sf / st)) } else { Some(value / (st / sf)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_within_a_dimension() {
        assert_eq!(convert(10500.0, "万元", "亿元"), Some(1.05));
        assert_eq!(convert(1.42, "亿元", "万元"), Some(14200.0));
        assert_eq!(convert(537825.0, "人", "万人"), Some(53.7825));
        assert_eq!(convert(8.0, "（件）", "件"), Some(8.0));
        assert_eq!(convert(5.0, "‰", "%"), Some(0.5));
    }

    #[test]
    fn refuses_across_dimensions() {
        assert_eq!(convert(1.0, "件", "亿元"), None);
        assert_eq!(convert(1.0, "家", "件"), None);
        assert_eq!(convert(1.0, "吨", "件"), None);
    }
}
