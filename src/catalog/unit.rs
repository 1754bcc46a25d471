//! Units as a type: a written unit is parsed once into a base (件, 项, 个, 家, 人,
//! 人次, 元, %) and a power of ten (万 = 10⁴, 千, 百万, 亿 …), so that any
//! multiplied count converts (万件 → 件, 百万元 → 亿元, 万人次 → 人次) and a
//! multiplier that makes no sense for its base (万%) is refused. Units of
//! different bases never convert. Part of the catalogue, whose units these are;
//! the dataset stage converts with them and no stage compares unit strings.

use unicode_normalization::UnicodeNormalization;

/// What a unit counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    /// 件 (patents, marks, cases, registrations).
    Piece,
    /// 项.
    Item,
    /// 个.
    Unit,
    /// 家 or 户 (firms, institutions).
    Firm,
    /// 人 or 名.
    Person,
    /// 人次.
    Attendance,
    /// 元.
    Yuan,
    /// % (‰ is a tenth of it).
    Percent,
}

impl Base {
    /// Whether the base counts whole things.
    pub fn is_count(self) -> bool {
        !matches!(self, Base::Yuan | Base::Percent)
    }
}

/// A unit: a base and a power of ten (万人 = 人 × 10⁴; ‰ = % × 10⁻¹).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    pub base: Base,
    pub power: i8,
}

/// Why a written unit is not a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitError {
    /// No base this tool knows (吨, 平方米…).
    Unknown,
    /// A multiplier on a base it cannot multiply (万%).
    Nonsense,
}

/// The multipliers, longest first so that 百万 is not read as 百 + 万.
const MULTIPLIERS: [(&str, i8); 8] =
    [("百万", 6), ("千万", 7), ("十万", 5), ("亿", 8), ("万", 4), ("千", 3), ("百", 2), ("十", 1)];

fn base_of(s: &str) -> Option<(Base, i8)> {
    Some(match s {
        "件" => (Base::Piece, 0),
        "项" => (Base::Item, 0),
        "个" => (Base::Unit, 0),
        "家" | "户" => (Base::Firm, 0),
        "人" | "名" => (Base::Person, 0),
        "人次" => (Base::Attendance, 0),
        "元" => (Base::Yuan, 0),
        "%" => (Base::Percent, 0),
        "‰" => (Base::Percent, -1),
        _ => return None,
    })
}

/// Cleans a written unit: NFKC, no white space or brackets (`（件）` → `件`).
pub fn clean(unit: &str) -> String {
    unit.nfkc().filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']')).collect()
}

/// Parses a written unit.
pub fn parse(written: &str) -> Result<Unit, UnitError> {
    let s = clean(written);
    if let Some((base, power)) = base_of(&s) {
        return Ok(Unit { base, power });
    }
    for (prefix, power) in MULTIPLIERS {
        if let Some((base, p)) = s.strip_prefix(prefix).and_then(base_of) {
            // A share is not multiplied: 万% means nothing.
            if base == Base::Percent {
                return Err(UnitError::Nonsense);
            }
            return Ok(Unit { base, power: power + p });
        }
    }
    Err(UnitError::Unknown)
}

/// Whether a written unit is one this tool can convert.
pub fn is_known(unit: &str) -> bool {
    parse(unit).is_ok()
}

impl Unit {
    /// `value` in this unit expressed in `to`; `None` across bases.
    pub fn convert(self, value: f64, to: Unit) -> Option<f64> {
        if self.base != to.base {
            return None;
        }
        // Multiply or divide by a whole power of ten so that 10500 万元 → 1.05 亿元
        // exactly.
        let d = i32::from(self.power) - i32::from(to.power);
        Some(if d >= 0 { value * 10f64.powi(d) } else { value / 10f64.powi(-d) })
    }

    /// Whether the unit is the percentage itself (changes in 百分点).
    pub fn is_percent(self) -> bool {
        self.base == Base::Percent && self.power == 0
    }

    /// Whether the unit counts whole things one by one (件, 人; not 万人).
    pub fn is_count(self) -> bool {
        self.base.is_count() && self.power == 0
    }
}

/// Converts `value` from the unit `from` to the unit `to`; `None` when their bases
/// differ or either is not a unit. A unit this tool does not know (万吨) converts
/// only to itself, written the same way.
pub fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    match (parse(from), parse(to)) {
        (Ok(f), Ok(t)) => f.convert(value, t),
        (Err(UnitError::Unknown), Err(UnitError::Unknown)) if clean(from) == clean(to) => Some(value),
        _ => None,
    }
}

/// Whether two written units are the same unit.
pub fn same(a: &str, b: &str) -> bool {
    match (parse(a), parse(b)) {
        (Ok(x), Ok(y)) => x == y,
        (Err(UnitError::Unknown), Err(UnitError::Unknown)) => clean(a) == clean(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn converts_within_a_base() {
        assert_eq!(convert(10500.0, "万元", "亿元"), Some(1.05));
        assert_eq!(convert(1.42, "亿元", "万元"), Some(14200.0));
        assert_eq!(convert(537825.0, "人", "万人"), Some(53.7825));
        assert_eq!(convert(8.0, "（件）", "件"), Some(8.0));
        assert_eq!(convert(5.0, "‰", "%"), Some(0.5));
        // Multiplied counts, as departments send them.
        assert_eq!(convert(4.85, "万件", "件"), Some(48500.0));
        assert_eq!(convert(12.0, "千件", "件"), Some(12000.0));
        assert_eq!(convert(0.121, "万人次", "人次"), Some(1210.0));
        assert_eq!(convert(3.0, "万个", "个"), Some(30000.0));
        assert_eq!(convert(2.0, "万户", "家"), Some(20000.0));
        assert_eq!(convert(623.0, "百万元", "亿元"), Some(6.23));
    }

    #[test]
    fn refuses_across_bases_and_nonsense() {
        assert_eq!(convert(1.0, "件", "亿元"), None);
        assert_eq!(convert(1.0, "家", "件"), None);
        assert_eq!(parse("吨"), Err(UnitError::Unknown));
        assert_eq!(parse("万%"), Err(UnitError::Nonsense));
        assert_eq!(parse("千‰"), Err(UnitError::Nonsense));
        assert!(!is_known("万%"));
        // A unit the tool does not know converts to itself only.
        assert_eq!(convert(3.5, "万吨", "（万吨）"), Some(3.5));
        assert_eq!(convert(3.5, "万吨", "吨"), None);
        assert!(same("万件", "（万件）") && same("户", "家") && !same("万吨", "吨"));
    }

    #[test]
    fn kinds() {
        assert!(parse("%").unwrap().is_percent());
        assert!(!parse("‰").unwrap().is_percent());
        assert!(parse("件").unwrap().is_count() && parse("人次").unwrap().is_count());
        assert!(!parse("万人").unwrap().is_count() && !parse("亿元").unwrap().is_count());
    }

    proptest! {
        /// Converting there and back gives the value again.
        #[test]
        fn round_trip(v in 0.0f64..1e9, a in 0usize..4, b in 0usize..4) {
            let units = ["件", "千件", "万件", "百万件"];
            let there = convert(v, units[a], units[b]).unwrap();
            let back = convert(there, units[b], units[a]).unwrap();
            prop_assert!((back - v).abs() <= v.abs() * 1e-12);
        }
    }
}
