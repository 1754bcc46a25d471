//! The checks of an .xlsx before calamine reads it, on workbooks written here by
//! hand (no spreadsheet program writes these shapes), read through
//! [`crate::workbook::parse`] as a file would be.

use super::*;
use crate::diag::{Diagnostic, Kind, Level, Place, SheetLimit};
use crate::workbook::parse;

/// The hand-written .xlsx, shared with the integration tests.
#[path = "hand_written.rs"]
mod hand_written;
use hand_written::xlsx_file;

/// A sheet's data: a small table, then `more` rows.
fn table_and(more: &str) -> String {
    format!(
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c><c r="B1" t="inlineStr"><is><t>2025年</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>专利授权量</t></is></c><c r="B2"><v>8710</v></c></row>{more}</sheetData>"#
    )
}

/// The diagnostics of reading an .xlsx.
fn diagnostics(bytes: &[u8]) -> Vec<Diagnostic> {
    parse("a.xlsx", bytes).1
}

fn sheet_limit(limit: SheetLimit) -> Diagnostic {
    Diagnostic::new(Level::Error, Place::sheet("a.xlsx", "表"), Kind::SheetOverLimit { limit })
}

fn unreadable(reason: WorkbookError) -> Diagnostic {
    Diagnostic::new(Level::Error, Place::file("a.xlsx"), Kind::WorkbookUnreadable { reason })
}

#[test]
fn references_within_excel_s_limits() {
    for r in ["A1", "XFD1048576", "$B$12", "b7", "12", "AA0001"] {
        assert!(within_limits(r), "{r}");
    }
    for r in ["XFE1", "A1048577", "A4294967297", "A99999999999999999999999", "ZZZZZZZZZZZZZZZZ1"] {
        assert!(!within_limits(r), "{r}");
    }
    // Other shapes are calamine's to refuse.
    assert!(within_limits("1A"));
    assert!(within_limits("A1B"));
}

#[test]
fn merged_regions_from_their_references() {
    assert_eq!(merge("B2:D3"), Some(Merge { first_row: 1, first_col: 1, last_row: 2, last_col: 3 }));
    assert_eq!(merge("C5"), Some(Merge { first_row: 4, first_col: 2, last_row: 4, last_col: 2 }));
    assert_eq!(merge("A:B"), None);
    assert_eq!(merge("1:2"), None);
}

#[test]
fn a_reference_past_the_limits_is_named_as_written_never_wrapped() {
    // 4294967297 is 2^32 + 1: folded into 32 bits it would be row 1, A1.
    for (more, cell) in [
        (r#"<row r="3"><c r="A4294967297"><v>5</v></c></row>"#.to_string(), "A4294967297".to_string()),
        (r#"<row r="4294967297"><c><v>5</v></c></row>"#.to_string(), "4294967297".to_string()),
        (
            format!(r#"<row><c r="A{}"><v>5</v></c></row>"#, "9".repeat(1_000_000)),
            format!("A{}", "9".repeat(1_000_000)),
        ),
        (r#"<row r="3"><c r="XFE3"><v>5</v></c></row>"#.to_string(), "XFE3".to_string()),
    ] {
        let bytes = xlsx_file(&[("表", &table_and(&more))], None);
        assert_eq!(
            diagnostics(&bytes),
            [sheet_limit(SheetLimit::OutOfRange { cell: cell.clone() })],
            "{}",
            &cell[..9.min(cell.len())]
        );
    }
    // The sheet's dimension, which calamine reads first.
    let dimension = format!("<dimension ref=\"A1:B99999999999\"/>{}", table_and(""));
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &dimension)], None)),
        [sheet_limit(SheetLimit::OutOfRange { cell: "B99999999999".into() })]
    );
    // A merged region too: calamine would wrap it onto the table.
    let merged = format!("{}<mergeCells><mergeCell ref=\"A1:B4294967298\"/></mergeCells>", table_and(""));
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &merged)], None)),
        [sheet_limit(SheetLimit::OutOfRange { cell: "B4294967298".into() })]
    );
    // The message gives the reference as written, shortened, and the limits.
    let long = format!(r#"<row><c r="A{}"><v>5</v></c></row>"#, "9".repeat(1_000_000));
    let d = diagnostics(&xlsx_file(&[("表", &table_and(&long))], None)).remove(0);
    assert_eq!(
        d.to_string(),
        format!(
            "错误：a.xlsx，工作表“表”：单元格位置 A{}…（省略 999911 个字符）…{} 超出工作表范围（最多 1048576 行、16384 列），文件可能已损坏。请删除远离表格的内容或不必要的合并单元格，或把表格复制到新工作表",
            "9".repeat(59),
            "9".repeat(30)
        )
    );
}

#[test]
fn merged_regions_are_read_from_the_check_s_pass() {
    let merged = format!("{}<mergeCells><mergeCell ref=\"A1:A2\"/></mergeCells>", table_and(""));
    let (sheets, diags) = parse("a.xlsx", &xlsx_file(&[("表", &merged)], None));
    assert!(diags.is_empty(), "{diags:?}");
    let m = Merge { first_row: 0, first_col: 0, last_row: 1, last_col: 0 };
    assert_eq!(sheets.unwrap()[0].merges(), [m]);
}

#[test]
fn a_run_of_text_too_long_for_a_cell_refuses_its_sheet_before_it_is_read() {
    // 400,000 bytes: more characters than a cell may hold, however written.
    let more =
        format!(r#"<row r="3"><c r="B3" t="inlineStr"><is><t>{}</t></is></c></row>"#, "a".repeat(400_000));
    assert_eq!(
        check(&xlsx_file(&[("表", &table_and(&more))], None)).unwrap()["表"],
        Checked::Refused { limit: Limit::TextTooLong { row: 2, col: 1 } }
    );
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &table_and(&more))], None)),
        [sheet_limit(SheetLimit::TextTooLong { cell: "B3".into(), max: 32_767 })]
    );
    // Shorter runs are left to the reader, which counts characters.
    let more =
        format!(r#"<row r="3"><c r="B3" t="inlineStr"><is><t>{}</t></is></c></row>"#, "统".repeat(32_768));
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &table_and(&more))], None)),
        [sheet_limit(SheetLimit::TextTooLong { cell: "B3".into(), max: 32_767 })]
    );
    let more =
        format!(r#"<row r="3"><c r="B3" t="inlineStr"><is><t>{}</t></is></c></row>"#, "统".repeat(32_767));
    assert_eq!(diagnostics(&xlsx_file(&[("表", &table_and(&more))], None)), []);
}

#[test]
fn shared_strings_that_cannot_be_are_refused_before_calamine_reads_them() {
    let sheet = table_and(r#"<row r="3"><c r="A3" t="s"><v>0</v></c></row>"#);
    let sst = |count: &str, strings: &str| {
        format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{count}">{strings}</sst>"#
        )
    };
    // A trillion strings claimed in a table of a few bytes: calamine would
    // reserve room for them all.
    let claim = sst("1000000000000", "<si><t>专利</t></si>");
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &sheet)], Some(&claim))),
        [unreadable(WorkbookError::SharedStringsClaim {
            claimed: 1_000_000_000_000,
            bytes: claim.len() as u64
        })]
    );
    // A string longer than a cell may be: refused whole, not read.
    let long = sst("2", &format!("<si><t>专利</t></si><si><t>{}</t></si>", "a".repeat(400_000)));
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &sheet)], Some(&long))),
        [unreadable(WorkbookError::SharedStringTooLong { index: 1, max: 32_767 })]
    );
    // Three million empty strings: calamine would hold more than a workbook's
    // text for them.
    let many = sst("3000000", &"<si><t/></si>".repeat(3_000_000));
    assert_eq!(
        diagnostics(&xlsx_file(&[("表", &sheet)], Some(&many))),
        [unreadable(WorkbookError::TooMuchText { max: 128 << 20 })]
    );
    let ok = sst("1", "<si><t>专利</t></si>");
    assert_eq!(diagnostics(&xlsx_file(&[("表", &sheet)], Some(&ok))), []);
}

#[test]
fn a_workbook_of_more_sheets_than_the_cap_is_refused_whole() {
    let body = table_and("");
    let names: Vec<String> = (0..=MAX_SHEETS).map(|i| format!("S{i}")).collect();
    let sheets: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), body.as_str())).collect();
    let (read, diags) = parse("a.xlsx", &xlsx_file(&sheets, None));
    assert!(read.is_none());
    assert_eq!(diags, [unreadable(WorkbookError::TooManySheets { sheets: 4097, max: 4096 })]);
    assert_eq!(
        diags[0].to_string(),
        "错误：a.xlsx：工作簿中有 4097 张工作表，超过本工具 4096 张的处理上限。请删除不需要的工作表和内容，或把该工作簿拆分为几个较小的工作簿后放入数据目录"
    );
    // As many as the cap are read.
    let (read, _) = parse("a.xlsx", &xlsx_file(&sheets[..MAX_SHEETS], None));
    assert_eq!(read.map(|s| s.len()), Some(4096));
}
