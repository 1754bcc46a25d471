//! Writes an .xlsx by hand, part by part: the shapes no spreadsheet program
//! writes (references past the limits, huge runs of text, odd shared strings).
//! Used by the unit tests of the .xlsx checks and, through `#[path]`, by the
//! integration tests of hostile inputs.

use std::io::{Cursor, Write};

/// An .xlsx of sheets given by name and the XML inside `<worksheet>`, with a
/// shared-strings part (the `<sst>` element) when given.
pub fn xlsx_file(sheets: &[(&str, &str)], shared: Option<&str>) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        book += &format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#);
        rels += &format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
    }
    put("xl/workbook.xml", &(book + "</sheets></workbook>"));
    put("xl/_rels/workbook.xml.rels", &(rels + "</Relationships>"));
    if let Some(sst) = shared {
        put("xl/sharedStrings.xml", sst);
    }
    for (i, (_, body)) in sheets.iter().enumerate() {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{body}</worksheet>"#
        );
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &xml);
    }
    z.finish().unwrap().into_inner()
}
