//! Arbitrary bytes as a workbook file: `workbook::read` must give sheets or a
//! diagnostic, never panic, and stay within memory; each sheet read then goes
//! through the table finder.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One file, rewritten for every input: the reader takes a path.
fn input_path() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("输入.xls");
        (dir, path)
    });
    path
}

fuzz_target!(|data: &[u8]| {
    let path = input_path();
    std::fs::write(path, data).expect("write the input");
    let (book, _diags) = yearbook::workbook::read(path);
    if let Some(book) = book {
        for sheet in &book.sheets {
            let _ = yearbook::table::find_tables(&book.name, sheet);
        }
    }
});
