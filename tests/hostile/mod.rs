//! Hostile and encrypted inputs through the reader: fixtures made by independent
//! tools (`tests/fixtures/hostile/make_encrypted.py`) and the reproducers the fuzz
//! targets found (`fuzz/regressions/`).

use std::path::PathBuf;

use yearbook::workbook;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile").join(name)
}

fn messages(diags: &[yearbook::diag::Diagnostic]) -> Vec<String> {
    diags.iter().map(ToString::to_string).collect()
}

#[test]
fn an_xlsx_encrypted_with_a_password_by_msoffcrypto_is_refused_as_such() {
    let (book, diags) = workbook::read(&fixture("agile-secret.xlsx"));
    assert!(book.is_none());
    let m = messages(&diags);
    assert!(m.iter().any(|d| d.contains("设有打开密码")), "{m:?}");
}

#[test]
fn cryptoapi_encrypted_xls_is_decrypted_and_read() {
    for name in ["rc4-cryptoapi-128.xls", "rc4-cryptoapi-40.xls"] {
        let (book, diags) = workbook::read(&fixture(name));
        let m = messages(&diags);
        assert!(m.iter().any(|d| d.contains("已解密读取")), "{name}: {m:?}");
        let book = book.expect("read");
        let text: Vec<&str> = book
            .sheets
            .iter()
            .flat_map(|s| (0..s.height()).flat_map(move |r| s.cells(r)))
            .filter_map(|(_, c)| c.text())
            .collect();
        assert!(text.iter().any(|t| t.contains("植物")), "{name}: {:?}", &text[..text.len().min(10)]);
    }
}

/// Every reproducer under `fuzz/regressions/` is read without a panic, and a file
/// the reader refuses is named with a Chinese error.
#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for entry in std::fs::read_dir(dir).expect("fuzz/regressions") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md" || e == "py") {
            continue;
        }
        let (book, diags) = workbook::read(&path);
        if book.is_none() {
            assert!(
                diags.iter().any(|d| d.level == yearbook::diag::Level::Error),
                "{}: {diags:?}",
                path.display()
            );
        }
        for sheet in book.iter().flat_map(|b| &b.sheets) {
            let _ = yearbook::table::find_tables("regression.xlsx", sheet);
        }
    }
}
