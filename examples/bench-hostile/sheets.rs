//! Hostile workbooks of the other formats: a single enormous cell string, a long
//! row label beside a full row of figures, a row of 16,384 columns, 100,000 tiny
//! sheets, a shared-strings table of huge strings (and one that claims a trillion
//! strings), a cell reference of ten million digits, a sheet name of three
//! million characters; in .xlsx, .ods and HTML.

use std::io::{self, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::{WriteSheet, a1, table_rows, xlsx, xlsx_with};

/// Writes `unit` `n` times, in blocks.
fn repeat(w: &mut dyn Write, unit: &str, n: usize) -> io::Result<()> {
    let per = (65_536 / unit.len().max(1)).max(1);
    let block = unit.repeat(per);
    let mut left = n;
    while left >= per {
        w.write_all(block.as_bytes())?;
        left -= per;
    }
    w.write_all(unit.repeat(left).as_bytes())
}

/// The sheet data: the small table, then `more`.
fn sheet_data(w: &mut dyn Write, more: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    w.write_all(b"<sheetData>")?;
    table_rows(w)?;
    more(w)?;
    w.write_all(b"</sheetData>")
}

/// One inline string of 200 MB (“统计” 33 million times) beside the table.
pub fn xlsx_huge_cell(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        sheet_data(w, &|w| {
            w.write_all(br#"<row r="10"><c r="A10" t="inlineStr"><is><t>"#)?;
            repeat(w, "统计", 33_000_000)?;
            w.write_all(b"</t></is></c></row>")
        })
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A header of 16,383 years and one row of 16,383 figures, headed by `label`.
fn wide_rows(w: &mut dyn Write, label: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    w.write_all(r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>单位：件</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>指标</t></is></c>"#.as_bytes())?;
    for c in 1..16_384 {
        write!(w, r#"<c r="{}" t="inlineStr"><is><t>{}年</t></is></c>"#, a1(1, c), 1949 + c % 150)?;
    }
    w.write_all(br#"</row><row r="3"><c r="A3" t="inlineStr"><is><t>"#)?;
    label(w)?;
    w.write_all(b"</t></is></c>")?;
    for c in 1..16_384 {
        write!(w, r#"<c r="{}"><v>{c}</v></c>"#, a1(2, c))?;
    }
    w.write_all(b"</row></sheetData>")
}

/// A row label of 32,765 characters (“专利授权量” 6,553 times, within Excel's
/// limit for a cell) beside 16,383 figures.
pub fn xlsx_long_label(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| wide_rows(w, &|w| repeat(w, "专利授权量", 6_553));
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A column header of 32,760 characters over 100,000 rows of figures.
pub fn xlsx_long_header(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        w.write_all(r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>单位：件</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>地区</t></is></c><c r="B2" t="inlineStr"><is><t>"#.as_bytes())?;
        repeat(w, "有效发明专利拥有量", 3_640)?;
        w.write_all(b"</t></is></c></row>")?;
        for r in 2..100_002 {
            write!(
                w,
                r#"<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>{1}年</t></is></c><c r="B{0}"><v>{r}</v></c></row>"#,
                r + 1,
                1949 + r % 150
            )?;
        }
        w.write_all(b"</sheetData>")
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A row of 16,384 columns: the indicator and 16,383 figures under years.
pub fn xlsx_wide_row(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| wide_rows(w, &|w| w.write_all("专利授权量".as_bytes()));
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// Two million figures (less one thousand) of one indicator, one region and one
/// year, all different: 998 rows headed 专利授权量 under 2,000 columns headed
/// 2025年.
pub fn xlsx_conflicts(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        w.write_all(r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>单位：件</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>指标</t></is></c>"#.as_bytes())?;
        for c in 1..2001 {
            write!(w, r#"<c r="{}" t="inlineStr"><is><t>2025年</t></is></c>"#, a1(1, c))?;
        }
        w.write_all(b"</row>")?;
        for r in 2..1000 {
            write!(
                w,
                r#"<row r="{}"><c r="A{}" t="inlineStr"><is><t>专利授权量</t></is></c>"#,
                r + 1,
                r + 1
            )?;
            for c in 1..2001 {
                write!(w, r#"<c r="{}"><v>{}</v></c>"#, a1(r, c), r * 2000 + c)?;
            }
            w.write_all(b"</row>")?;
        }
        w.write_all(b"</sheetData>")
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// 100,000 sheets of one cell each.
pub fn xlsx_many_tiny_sheets(path: &Path) -> io::Result<()> {
    let body =
        |w: &mut dyn Write| w.write_all(br#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#);
    let sheets: Vec<(String, WriteSheet<'_>)> =
        (0..100_000).map(|i| (format!("S{i}"), &body as &dyn Fn(&mut dyn Write) -> io::Result<()>)).collect();
    xlsx(path, &sheets)
}

/// A shared-strings table of four strings of 200 MB, each referenced by 500
/// cells.
pub fn xlsx_shared_huge(path: &Path) -> io::Result<()> {
    let shared = |w: &mut dyn Write| {
        w.write_all(br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000" uniqueCount="4">"#)?;
        for _ in 0..4 {
            w.write_all(b"<si><t>")?;
            repeat(w, "a", 200 << 20)?;
            w.write_all(b"</t></si>")?;
        }
        w.write_all(b"</sst>")
    };
    let body = |w: &mut dyn Write| {
        sheet_data(w, &|w| {
            for r in 10..510 {
                write!(w, r#"<row r="{}">"#, r + 1)?;
                for c in 0..4 {
                    write!(w, r#"<c r="{}" t="s"><v>{c}</v></c>"#, a1(r, c))?;
                }
                w.write_all(b"</row>")?;
            }
            Ok(())
        })
    };
    xlsx_with(path, &[("Sheet1".into(), &body)], Some(&shared))
}

/// A shared-strings table that claims a trillion strings and holds one.
pub fn xlsx_shared_count(path: &Path) -> io::Result<()> {
    let shared = |w: &mut dyn Write| {
        w.write_all(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>专利授权量</t></si></sst>"#.as_bytes())
    };
    let body = |w: &mut dyn Write| {
        sheet_data(w, &|w| {
            w.write_all(br#"<row r="10"><c r="A10" t="s"><v>0</v></c><c r="B10"><v>5</v></c></row>"#)
        })
    };
    xlsx_with(path, &[("Sheet1".into(), &body)], Some(&shared))
}

/// A cell whose reference is column A and a row of ten million nines.
pub fn xlsx_long_ref(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        sheet_data(w, &|w| {
            w.write_all(br#"<row><c r="A"#)?;
            repeat(w, "9", 10_000_000)?;
            w.write_all(br#""><v>1</v></c></row>"#)
        })
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A sheet named with three million characters, holding a table of 10,000
/// figures.
pub fn xlsx_long_sheet_name(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        sheet_data(w, &|w| {
            for r in 10..1010 {
                write!(
                    w,
                    r#"<row r="{}"><c r="A{}" t="inlineStr"><is><t>专利授权量</t></is></c>"#,
                    r + 1,
                    r + 1
                )?;
                for c in 1..11 {
                    write!(w, r#"<c r="{}"><v>{r}</v></c>"#, a1(r, c))?;
                }
                w.write_all(b"</row>")?;
            }
            Ok(())
        })
    };
    xlsx(path, &[("表".repeat(3_000_000), &body)])
}

/// Writes an OpenDocument spreadsheet whose `<office:spreadsheet>` content is
/// streamed by `body`.
fn ods(path: &Path, body: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path)?);
    let zerr = |e: zip::result::ZipError| io::Error::other(e.to_string());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).map_err(zerr)?;
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("content.xml", opts).map_err(zerr)?;
    let mut w = io::BufWriter::with_capacity(1 << 20, &mut z);
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#)?;
    body(&mut w)?;
    w.write_all(b"</office:spreadsheet></office:body></office:document-content>")?;
    w.flush()?;
    drop(w);
    z.finish().map_err(zerr)?;
    Ok(())
}

/// One text cell of 200 MB.
pub fn ods_huge_cell(path: &Path) -> io::Result<()> {
    ods(path, &|w| {
        w.write_all(br#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>"#)?;
        repeat(w, "统计", 33_000_000)?;
        w.write_all(b"</text:p></table:table-cell></table:table-row></table:table>")
    })
}

/// A header of years and a row of 16,383 figures, made by repeating one cell.
pub fn ods_wide_row(path: &Path) -> io::Result<()> {
    ods(path, &|w| {
        w.write_all(r#"<table:table table:name="S"><table:table-row><table:table-cell><text:p>指标</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"><text:p>2025年</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>专利授权量</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16383"/></table:table-row></table:table>"#.as_bytes())
    })
}

/// 100,000 tables of one cell each.
pub fn ods_many_tables(path: &Path) -> io::Result<()> {
    ods(path, &|w| {
        for i in 0..100_000 {
            write!(
                w,
                r#"<table:table table:name="S{i}"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#
            )?;
        }
        Ok(())
    })
}

/// A web page saved as .xls whose one cell holds 50 MB of text.
pub fn html_huge_cell(path: &Path) -> io::Result<()> {
    let mut w = io::BufWriter::new(std::fs::File::create(path)?);
    w.write_all("<html><body><table><tr><td>指标</td><td>2025年</td></tr><tr><td>".as_bytes())?;
    repeat(&mut w, "统计", 8_700_000)?;
    w.write_all(b"</td><td>1</td></tr></table></body></html>")?;
    w.flush()
}

/// A web page saved as .xls with a row of 20,000 cells.
pub fn html_wide_row(path: &Path) -> io::Result<()> {
    let mut w = io::BufWriter::new(std::fs::File::create(path)?);
    w.write_all("<html><body><table><tr><td>指标</td>".as_bytes())?;
    repeat(&mut w, "<td>2025年</td>", 20_000)?;
    w.write_all("</tr><tr><td>专利授权量</td>".as_bytes())?;
    repeat(&mut w, "<td>1</td>", 20_000)?;
    w.write_all(b"</tr></table></body></html>")?;
    w.flush()
}
