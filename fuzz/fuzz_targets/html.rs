//! Arbitrary bytes as a web page saved with an .xls name: `html::read` must give a
//! sheet within Excel's limits or an error, never panic, in time linear in the
//! page.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yearbook::workbook::html;

fuzz_target!(|data: &[u8]| {
    if let Ok(sheets) = html::read(data) {
        for sheet in &sheets {
            assert!(sheet.rows.len() <= html::MAX_ROWS);
            assert!(sheet.width() <= html::MAX_COLS);
            let cells: usize = sheet.rows.iter().map(Vec::len).sum();
            assert!(cells <= html::MAX_CELLS + sheet.rows.len());
            for m in &sheet.merges {
                assert!(m.first_row <= m.last_row && m.first_col <= m.last_col, "{m:?}");
                assert!(m.last_row < sheet.rows.len(), "a merge past the last row: {m:?}");
            }
        }
    }
});
