//! Arbitrary text through the value, year, unit and label parsers: no panic, and
//! what they return keeps its promises (a year in 1949–2100, a finite number).

#![no_main]

use libfuzzer_sys::fuzz_target;
use yearbook::table::value::{Value, parse_value};
use yearbook::table::{parse_unit_line, parse_year, split_label_unit, year_in_text};
use yearbook::workbook::Cell;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let cell = Cell::Text(text.clone());
    if let Value::Number(n) | Value::Percent(n) = parse_value(&cell) {
        assert!(n.is_finite(), "{text:?} read as {n}");
    }
    for y in [parse_year(&cell), year_in_text(&text)].into_iter().flatten() {
        assert!((1949..=2100).contains(&y), "{text:?} read as year {y}");
    }
    let _ = parse_unit_line(&text);
    let _ = split_label_unit(&text);
    // The same bytes as a number cell.
    if let Some(bytes) = data.get(..8) {
        let n = f64::from_le_bytes(bytes.try_into().expect("8 bytes"));
        let _ = parse_value(&Cell::Number(n));
        let _ = parse_value(&Cell::Percent(n));
        let _ = parse_year(&Cell::Number(n));
    }
});
