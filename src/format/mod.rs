//! Formatting numbers and dates as the yearbook prints them (GB/T 15835-2011 and
//! yearbook practice). One rule each, in one place:
//!
//! - rounding is 四舍五入 on the decimal value as written (2.675 → 2.68), done here
//!   only;
//! - no digit grouping (12482, 537825), as in the district's bulletins;
//! - amounts in 亿元 with 2 decimals, percentages and per-10,000 ratios with 1,
//!   population in 万人 with 2, counts as integers;
//! - a missing figure is `—`;
//! - two figures a message calls different are printed so that they differ
//!   ([`distinct`]); a cell's number in a message shows at most 15 significant
//!   digits, as Excel does ([`cell`]);
//! - dates in Chinese numerals with 〇 (二〇二六年三月).

use crate::catalog::Indicator;

/// The mark printed for a missing figure.
pub const MISSING: &str = "—";

/// Rounds half away from zero on the decimal representation of `v` and prints it
/// with exactly `decimals` decimals.
pub fn round(v: f64, decimals: usize) -> String {
    // Rust prints the shortest decimal that reads back as `v`, never in exponent
    // form: 2.675 is "2.675", not 2.67499999….
    let repr = format!("{}", v.abs());
    let (int, frac) = repr.split_once('.').unwrap_or((&repr, ""));
    let mut digits: Vec<u8> =
        int.bytes().chain(frac.bytes().chain(std::iter::repeat(b'0')).take(decimals)).collect();
    if frac.len() > decimals && frac.as_bytes()[decimals] >= b'5' {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let int_len = digits.len() - decimals;
    let mut out = String::from_utf8(digits[..int_len].to_vec()).expect("ascii digits");
    if decimals > 0 {
        out.push('.');
        out.push_str(std::str::from_utf8(&digits[int_len..]).expect("ascii digits"));
    }
    if v < 0.0 && out.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.insert(0, '-');
    }
    out
}

/// The number of decimals an indicator's figures are printed with: two in a
/// multiplied unit (万元, 亿元, 万人), one for a share (%, ‰) or a ratio, none for a
/// count or an amount in 元.
pub fn decimals(ind: &Indicator) -> usize {
    use crate::catalog::unit::Base;
    match ind.unit_type() {
        Some(u) if u.power > 0 => 2,
        Some(u) if u.base == Base::Percent => 1,
        _ if matches!(ind.derive, Some(crate::catalog::Derive::Ratio { .. })) => 1,
        _ => 0,
    }
}

/// An indicator's figure as printed, or `—`.
pub fn value(ind: &Indicator, v: Option<f64>) -> String {
    v.map_or_else(|| MISSING.to_string(), |v| round(v, decimals(ind)))
}

/// The most decimals [`distinct`] goes to.
const MAX_DECIMALS: usize = 15;

/// Two figures of an indicator that a message calls different, as printed: with
/// the indicator's decimals, or with as many more as it takes for them to differ
/// (330.04 and 329.96, never “330.0 与 330.0”). Callers compare figures beyond
/// binary noise (0.1 + 0.2 against 0.3 is no difference), so the extra decimals
/// show a real difference, never noise.
pub fn distinct(ind: &Indicator, a: f64, b: f64) -> (String, String) {
    let d = decimals(ind);
    (d..=MAX_DECIMALS.max(d))
        .map(|k| (round(a, k), round(b, k)))
        .find(|(x, y)| x != y)
        // Differing only past 15 decimals: the shortest forms that read back.
        .unwrap_or_else(|| (format!("{a}"), format!("{b}")))
}

/// A cell's number as the cell shows it: at most 15 significant digits (Excel
/// keeps no more), without trailing zeros, so that a formula's binary noise
/// (112.99999999999999 for 113) does not show; powers of ten for the huge and
/// the tiny (`1e305`).
pub fn cell(v: f64) -> String {
    if !v.is_finite() || v == 0.0 {
        return format!("{v}");
    }
    if v.abs() >= 1e15 || v.abs() < 1e-6 {
        let s = format!("{v:.14e}");
        let (mantissa, exponent) = s.split_once('e').expect("exponent form");
        return format!("{}e{exponent}", trim_zeros(mantissa));
    }
    let magnitude = v.abs().log10().floor() as i32;
    trim_zeros(&round(v, (14 - magnitude).max(0) as usize)).to_string()
}

/// A decimal without the zeros at the end of its fraction (`3.50` → `3.5`, `3.0` → `3`).
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { s }
}

/// A percentage (growth, completion) with one decimal, or `—`.
pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| MISSING.to_string(), |v| round(v, 1))
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A year in Chinese numerals, digit by digit: 2026 → 二〇二六.
pub fn chinese_year(year: i32) -> String {
    year.to_string().chars().map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize])).collect()
}

/// A number from 1 to 99 in Chinese numerals: 3 → 三, 10 → 十, 12 → 十二, 21 → 二十一.
pub fn chinese_small(n: u32) -> String {
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", DIGITS[(n / 10) as usize]),
        _ => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
    }
}

/// A year and month as printed on the cover: 二〇二六年三月.
pub fn chinese_month(year: i32, month: u32) -> String {
    format!("{}年{}月", chinese_year(year), chinese_small(month))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn rounds_half_up_on_the_decimal_value() {
        assert_eq!(round(2.675, 2), "2.68");
        assert_eq!(round(1.005, 2), "1.01");
        assert_eq!(round(0.125, 2), "0.13");
        assert_eq!(round(2.5, 0), "3");
        assert_eq!(round(9.995, 2), "10.00");
        assert_eq!(round(99.96, 1), "100.0");
        assert_eq!(round(12482.0, 0), "12482");
        assert_eq!(round(0.46, 2), "0.46");
        assert_eq!(round(3.0, 1), "3.0");
        assert_eq!(round(-2.35, 1), "-2.4");
        assert_eq!(round(-0.04, 1), "0.0");
        assert_eq!(round(232.0931, 1), "232.1");
    }

    proptest::proptest! {
        #[test]
        fn rounding_is_within_half_a_unit(v in -1e9f64..1e9, d in 0usize..4) {
            let s = round(v, d);
            let back: f64 = s.parse().unwrap();
            let half = 0.5 * 10f64.powi(-(d as i32));
            proptest::prop_assert!((back - v).abs() <= half * (1.0 + 1e-9) + v.abs() * 1e-15, "{v} → {s}");
            let decimals = s.split_once('.').map_or(0, |(_, f)| f.len());
            proptest::prop_assert_eq!(decimals, d);
        }

        #[test]
        fn ties_round_half_up_as_decimals(n in 0u64..10_000_000, d in 0usize..4) {
            // n·10 + 5 units of 10^-(d+1): exactly halfway between two printed values.
            let scale = 10u64.pow(d as u32 + 1);
            let text = format!("{}.{:0width$}", (n * 10 + 5) / scale, (n * 10 + 5) % scale, width = d + 1);
            let v: f64 = text.parse().unwrap();
            let up = n + 1;
            let unit = 10u64.pow(d as u32);
            let want = if d == 0 { up.to_string() } else { format!("{}.{:0width$}", up / unit, up % unit, width = d) };
            proptest::prop_assert_eq!(round(v, d), want, "{}", text);
        }

        #[test]
        fn growth_phrases_never_print_minus_zero(v in -1e3f64..1e3) {
            let s = round(v, 1);
            proptest::prop_assert!(s != "-0.0");
        }
    }

    #[test]
    fn indicator_precision() {
        let cat = Catalog::builtin();
        let f = |id: &str, v: f64| value(cat.get(id).unwrap(), Some(v));
        assert_eq!(f("invention_stock", 12482.0), "12482");
        assert_eq!(f("pledge_financing", 1.4), "1.40");
        assert_eq!(f("invention_per_10k", 340.8063), "340.8");
        assert_eq!(f("population", 53.78), "53.78");
        assert_eq!(f("copyright_industry_share", 8.4), "8.4");
        assert_eq!(value(cat.get("population").unwrap(), None), "—");
    }

    #[test]
    fn figures_called_different_print_differently() {
        let cat = Catalog::builtin();
        let f = |id: &str, a: f64, b: f64| {
            let (x, y) = distinct(cat.get(id).unwrap(), a, b);
            format!("{x} {y}")
        };
        assert_eq!(f("invention_per_10k", 340.8, 322.3), "340.8 322.3");
        assert_eq!(f("invention_per_10k", 330.04, 329.96), "330.04 329.96");
        assert_eq!(f("invention_per_10k", 330.0, 330.04), "330.00 330.04");
        assert_eq!(f("patent_grants", 8710.0, 8701.0), "8710 8701");
        assert_eq!(f("patent_grants", 8710.4, 8710.0), "8710.4 8710.0");
        // The binary noise of a sum shows no more than the difference needs.
        assert_eq!(f("pledge_financing", 0.1 + 0.2, 0.31), "0.30 0.31");
        assert_eq!(f("pledge_financing", 0.1 + 0.2, 0.3001), "0.3000 0.3001");
        assert_eq!(f("pledge_financing", 12000.000000000002, 12000.5), "12000.00 12000.50");
    }

    #[test]
    fn cell_numbers_show_what_excel_shows() {
        assert_eq!(cell(0.1 + 0.2), "0.3");
        assert_eq!(cell(1.13 * 100.0), "113");
        assert_eq!(cell(12000.000000000002), "12000");
        assert_eq!(cell(-3.0), "-3");
        assert_eq!(cell(537_825.0), "537825");
        assert_eq!(cell(67.72), "67.72");
        assert_eq!(cell(0.0), "0");
        assert_eq!(cell(1e305), "1e305");
        assert_eq!(cell(-1.5e-9), "-1.5e-9");
        assert_eq!(cell(123456789012.345), "123456789012.345");
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(chinese_month(2026, 3), "二〇二六年三月");
        assert_eq!(chinese_month(2030, 12), "二〇三〇年十二月");
        assert_eq!(chinese_month(2026, 10), "二〇二六年十月");
        assert_eq!(chinese_small(21), "二十一");
    }
}
