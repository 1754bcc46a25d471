//! Hostile and encrypted inputs through the reader: fixtures made by independent
//! tools (`tests/fixtures/hostile/make_encrypted.py`) and the reproducers the fuzz
//! targets found (`fuzz/regressions/`).

use std::path::PathBuf;

use yearbook::workbook;

#[path = "../../src/workbook/xlsx/hand_written.rs"]
mod hand_written;

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

/// Writes `bytes` as `name` in a new folder.
fn file_in_tempdir(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Text tables of one hostile line each, two megabytes: bare delimiters of every
/// kind, quoted empty fields, UTF-16 and GBK. Each is refused at its line with
/// the column limit, however its fields are written (a line of bare commas used
/// to pass unnoticed, every field being empty).
#[test]
fn a_line_of_any_delimiters_ends_with_the_column_limit_at_its_line() {
    const SIZE: usize = 2 << 20;
    let utf16 = |t: &str| -> Vec<u8> {
        [0xFF, 0xFE].into_iter().chain(t.encode_utf16().flat_map(u16::to_le_bytes)).collect()
    };
    let gbk = |t: &str| encoding_rs::GBK.encode(t).0.into_owned();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("逗号.csv", ",".repeat(SIZE).into_bytes()),
        ("制表符.txt", "\t".repeat(SIZE).into_bytes()),
        ("分号.csv", ";".repeat(SIZE).into_bytes()),
        ("竖线.csv", "|".repeat(SIZE).into_bytes()),
        ("引号.csv", "\"\",".repeat(SIZE / 3).into_bytes()),
        ("数字.csv", format!("指标,{}", "12345,".repeat(SIZE / 6)).into_bytes()),
        ("统一码.txt", utf16(&"12\t".repeat(SIZE / 6))),
        ("国标.csv", gbk(&"专利授权量,".repeat(SIZE / 16))),
    ];
    for (name, bytes) in cases {
        let (_dir, path) = file_in_tempdir(name, &bytes);
        let (book, diags) = workbook::read(&path);
        assert!(book.is_none(), "{name}");
        assert_eq!(
            messages(&diags),
            [format!(
                "错误：{name}：文本文件第 1 行超过 16384 列（Excel 工作表最多 16384 列，即 A 列到 XFD 列），超出本工具的处理上限。请检查该行是否有多余的分隔符（逗号、制表符、分号或竖线），或把该文件按列拆分为几个文件，每行不超过 16384 列"
            )],
            "{name}"
        );
    }
}

/// One quoted field of two megabytes, and a quote never closed: the field stops
/// at a cell's 32,767 characters, named by the line its record starts on.
#[test]
fn a_quoted_field_runs_no_further_than_a_cell() {
    let quoted = format!("指标,2025年\n专利授权量,\"{}\"\n", "a".repeat(2 << 20));
    let open = format!("指标,2025年\n\n\"专利授权量,{}", "8710\n".repeat(400_000));
    for (text, line, cell) in [(quoted, 2, "B 列（第 2 个字段）"), (open, 3, "A 列（第 1 个字段）")]
    {
        let (_dir, path) = file_in_tempdir("引号.csv", text.as_bytes());
        let (book, diags) = workbook::read(&path);
        assert!(book.is_none());
        assert_eq!(
            messages(&diags),
            [format!(
                "错误：引号.csv：文本文件第 {line} 行 {cell}的内容超过 32767 个字符（Excel 单元格的上限）。该行可能缺少换行，或有未配对的引号（引号之间的换行和分隔符都算作同一格的内容）；请用文本编辑器检查该行，修正后再放入数据目录"
            )]
        );
    }
}

/// An .xlsx of sheets given by name (XML-escaped) and sheet data, written by
/// hand as the unit tests of the .xlsx checks write theirs.
fn xlsx(sheets: &[(&str, &str)]) -> Vec<u8> {
    hand_written::xlsx_file(sheets, None)
}

/// File and sheet names with line breaks, a right-to-left override and three
/// thousand characters: `check` prints every finding on one line, in order, the
/// names escaped and shortened (a line break in a file name used to split the
/// line; a long sheet name was echoed whole).
#[test]
fn names_with_line_breaks_bidi_controls_or_thousands_of_characters_stay_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // A text table whose one line is past XFD: an error naming the file.
    std::fs::write(data.join("专利\n授权\u{202E}gnp.csv"), ",".repeat(20_000)).unwrap();
    let stray = r#"<sheetData><row r="1"><c r="Z9"><v>5</v></c></row></sheetData>"#;
    let long = "表".repeat(3000);
    std::fs::write(data.join("名称.xlsx"), xlsx(&[("换&#10;行", stray), (&long, stray), ("正常", stray)]))
        .unwrap();
    let (code, stdout, stderr) = super::yearbook(&["check"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(!stdout.contains('\u{202E}'), "{stdout}");
    assert!(!stdout.lines().any(|l| l.starts_with("授权")), "{stdout}");
    assert!(!stdout.contains(&"表".repeat(100)), "{stdout}");
    assert!(stdout.contains("错误：专利\\n授权\\u{202E}gnp.csv：文本文件第 1 行超过 16384 列"), "{stdout}");
    assert!(stdout.contains("  工作表“换\\n行”：表格 0 个"), "{stdout}");
    let shortened = format!("{}…（省略 2910 个字符）…{}", "表".repeat(60), "表".repeat(30));
    assert!(
        stdout.contains(&format!(
            "  错误：名称.xlsx，工作表“{shortened}”：工作表名称有 3000 个字符，超过 255 个字符的处理上限（Excel 最多 31 个字符），该工作表未读入。"
        )),
        "{stdout}"
    );
}
