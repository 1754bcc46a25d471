//! Last year's yearbook as an input: a PDF produced by this tool carries its tidy
//! data as the attachment `tidy-data.csv` (columns as `yearbook export`). This
//! module opens the PDF with lopdf, finds the attachment among the document's
//! embedded files and parses its rows. Receives a path; hands on [`Previous`],
//! whose rows the analysis compares with this year's data
//! ([`crate::analysis::revisions`]). Besides `workbook`, `assets` and `output`,
//! the only module that reads a file.

use std::path::Path;

use anyhow::{Context, Result, bail};
use lopdf::{Document, Object};

/// The name of the attachment that holds the tidy data.
pub const ATTACHMENT: &str = "tidy-data.csv";

/// One row of last year's tidy data.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousRow {
    /// The indicator's canonical Chinese name, as printed in last year's catalogue.
    pub indicator: String,
    pub region: String,
    pub year: i32,
    pub value: f64,
    pub unit: String,
}

/// Last year's yearbook, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    /// The file name, for messages.
    pub file: String,
    pub rows: Vec<PreviousRow>,
}

/// Reads the tidy data attached to an earlier yearbook.
pub fn read(path: &Path) -> Result<Previous> {
    let bytes = std::fs::read(path).with_context(|| format!("无法读取上年年报 {}", path.display()))?;
    let file =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let rows = parse(&bytes, &path.display().to_string())?;
    Ok(Previous { file, rows })
}

/// The rows of the tidy data attached to the PDF `bytes`; `name` is used in messages.
pub fn parse(bytes: &[u8], name: &str) -> Result<Vec<PreviousRow>> {
    let not_ours = || {
        anyhow::anyhow!(
            "{name} 中没有 yearbook 附加的整理后数据（{ATTACHMENT}），无法比对数据修订；请指定用 yearbook 生成的上年年报 PDF"
        )
    };
    if !bytes.starts_with(b"%PDF-") {
        bail!("{name} 不是 PDF 文件，无法读取上年年报数据；请指定用 yearbook 生成的上年年报 PDF");
    }
    let doc = Document::load_mem(bytes)
        .map_err(|e| anyhow::anyhow!("{name} 不是有效的 PDF 文件（{e}），无法读取上年年报数据"))?;
    let csv = attachment(&doc, ATTACHMENT).ok_or_else(not_ours)?;
    rows(&csv).with_context(|| format!("{name} 所附 {ATTACHMENT} 的内容无法识别"))
}

/// The bytes of the embedded file named `wanted`, from the document's
/// `/Names /EmbeddedFiles` name tree.
fn attachment(doc: &Document, wanted: &str) -> Option<Vec<u8>> {
    let names = doc.catalog().ok()?.get_deref(b"Names", doc).ok()?.as_dict().ok()?;
    let tree = names.get_deref(b"EmbeddedFiles", doc).ok()?.as_dict().ok()?;
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
            stack.extend(kids.iter().filter_map(|k| doc.dereference(k).ok()?.1.as_dict().ok()));
        }
        let Ok(pairs) = node.get_deref(b"Names", doc).and_then(Object::as_array) else { continue };
        for pair in pairs.chunks(2) {
            let [key, spec] = pair else { continue };
            let Some(spec) = doc.dereference(spec).ok().and_then(|(_, o)| o.as_dict().ok()) else { continue };
            let name = [spec.get(b"UF").ok(), spec.get(b"F").ok(), Some(key)]
                .into_iter()
                .flatten()
                .find_map(|o| lopdf::decode_text_string(o).ok());
            if name.as_deref() != Some(wanted) {
                continue;
            }
            let ef = spec.get_deref(b"EF", doc).ok()?.as_dict().ok()?;
            let stream = ef.get_deref(b"F", doc).ok()?.as_stream().ok()?;
            return if stream.dict.get(b"Filter").is_ok() {
                stream.decompressed_content().ok()
            } else {
                Some(stream.content.clone())
            };
        }
    }
    None
}

/// Parses the tidy CSV: `indicator,region,year,value,unit,source`.
fn rows(csv: &[u8]) -> Result<Vec<PreviousRow>> {
    let mut reader = csv::Reader::from_reader(csv);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    if header != crate::dataset::COLUMNS {
        bail!("表头为“{}”，应为“{}”", header.join(","), crate::dataset::COLUMNS.join(","));
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let r = record?;
        let line = i + 2;
        let year = r[2].parse().with_context(|| format!("第 {line} 行的年份“{}”不是整数", &r[2]))?;
        let value = r[3].parse().with_context(|| format!("第 {line} 行的数值“{}”不是数字", &r[3]))?;
        out.push(PreviousRow {
            indicator: r[0].to_string(),
            region: r[1].to_string(),
            year,
            value,
            unit: r[4].to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_is_named() {
        let err = parse(b"PK\x03\x04", "上年.pdf").unwrap_err();
        assert_eq!(
            err.to_string(),
            "上年.pdf 不是 PDF 文件，无法读取上年年报数据；请指定用 yearbook 生成的上年年报 PDF"
        );
    }

    #[test]
    fn the_tidy_rows_are_parsed() {
        let csv = "indicator,region,year,value,unit,source\n商标注册量,玄武区,2024,6650,件,a.xlsx!s!B2\n";
        let rows = rows(csv.as_bytes()).unwrap();
        assert_eq!(
            rows,
            [PreviousRow {
                indicator: "商标注册量".into(),
                region: "玄武区".into(),
                year: 2024,
                value: 6650.0,
                unit: "件".into()
            }]
        );
        assert!(super::rows(b"a,b\n1,2\n").is_err());
    }
}
