//! Arbitrary bytes as a workbook file: `workbook::parse` must give sheets or a
//! diagnostic, never panic, and stay within memory; each sheet read then goes
//! through the table finder.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sheets, _diags) = yearbook::workbook::parse("输入.xls", data);
    for sheet in sheets.iter().flatten() {
        let _ = yearbook::table::find_tables("输入.xls", sheet);
    }
});
