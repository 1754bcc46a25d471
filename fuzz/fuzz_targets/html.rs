//! Arbitrary bytes as a web page saved with an .xls name: `html::read` must give a
//! sheet within Excel's limits, its merges inside its rows, or an error; never
//! panic, in time linear in the page.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yearbook::workbook::{MAX_COLS, MAX_ROWS, html};

fuzz_target!(|data: &[u8]| {
    if let Ok(sheets) = html::read(data) {
        for sheet in &sheets {
            assert!(sheet.height() <= MAX_ROWS as usize);
            assert!(sheet.width() <= MAX_COLS as usize);
            for m in sheet.merges() {
                assert!(m.first_row <= m.last_row && m.first_col <= m.last_col, "{m:?}");
                assert!(m.last_row < sheet.height(), "a merge past the last row: {m:?}");
            }
        }
    }
});
