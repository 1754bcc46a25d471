//! The tidy dataset as CSV, JSON or XLSX, for `yearbook export`: one row per
//! observation with the columns `indicator,region,year,value,unit,source` —
//! the catalogue's Chinese names, the year as an integer, the value as a plain
//! decimal in the catalogue's unit, and the source cell as `file!sheet!A1`.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::dataset::Dataset;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
}

/// The CSV header, exactly: the tidy row's columns.
pub use crate::dataset::COLUMNS;

/// One tidy row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub indicator: String,
    pub region: String,
    pub year: i32,
    /// The value as a plain decimal.
    pub value: String,
    pub unit: String,
    pub source: String,
}

/// A value as a plain decimal: no exponent, no grouping, no trailing `.0`.
pub fn plain(v: f64) -> String {
    format!("{v}")
}

/// The tidy rows, in catalogue order of indicators and regions, then by year.
pub fn rows(catalog: &Catalog, dataset: &Dataset) -> Vec<Row> {
    let ind_pos = |id: &str| catalog.indicators.iter().position(|i| i.id == id).unwrap_or(usize::MAX);
    let reg_pos = |r: &str| catalog.regions.iter().position(|x| x.name == r).unwrap_or(usize::MAX);
    let mut obs: Vec<_> = dataset.iter().collect();
    obs.sort_by_key(|o| (ind_pos(&o.indicator), reg_pos(&o.region), o.year));
    obs.into_iter()
        .map(|o| Row {
            indicator: catalog.get(&o.indicator).map_or(o.indicator.clone(), |i| i.name.clone()),
            region: o.region.clone(),
            year: o.year,
            value: plain(o.value),
            unit: o.unit.clone(),
            source: o.source.reference(),
        })
        .collect()
}

/// The rows in a format, as bytes.
pub fn render(rows: &[Row], format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(COLUMNS)?;
            for r in rows {
                let year = r.year.to_string();
                w.write_record([&r.indicator, &r.region, &year, &r.value, &r.unit, &r.source])?;
            }
            w.into_inner().context("无法生成 CSV")
        }
        Format::Json => {
            #[derive(Serialize)]
            struct JsonRow<'a> {
                indicator: &'a str,
                region: &'a str,
                year: i32,
                value: serde_json::Number,
                unit: &'a str,
                source: &'a str,
            }
            let out = rows
                .iter()
                .map(|r| {
                    let value = r.value.parse().map_err(|_| {
                        anyhow::anyhow!("{} 的数值“{}”不是有限的数，无法写入 JSON", r.source, r.value)
                    })?;
                    Ok(JsonRow {
                        indicator: &r.indicator,
                        region: &r.region,
                        year: r.year,
                        value,
                        unit: &r.unit,
                        source: &r.source,
                    })
                })
                .collect::<Result<Vec<JsonRow>>>()?;
            let mut bytes = serde_json::to_vec_pretty(&out)?;
            bytes.push(b'\n');
            Ok(bytes)
        }
        Format::Xlsx => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet().set_name("数据")?;
            for (c, h) in COLUMNS.iter().enumerate() {
                ws.write_string(0, c as u16, *h)?;
            }
            for (i, r) in rows.iter().enumerate() {
                let row = i as u32 + 1;
                ws.write_string(row, 0, &r.indicator)?;
                ws.write_string(row, 1, &r.region)?;
                ws.write_number(row, 2, r.year as f64)?;
                let value = r.value.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
                    anyhow::anyhow!("{} 的数值“{}”不是有限的数，无法写入 XLSX", r.source, r.value)
                })?;
                ws.write_number(row, 3, value)?;
                ws.write_string(row, 4, &r.unit)?;
                ws.write_string(row, 5, &r.source)?;
            }
            ws.set_column_width(0, 30)?;
            ws.set_column_width(5, 36)?;
            Ok(wb.save_to_buffer()?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            indicator: "知识产权质押融资额".into(),
            region: "玄武区".into(),
            year: 2025,
            value: plain(1.42),
            unit: "亿元".into(),
            source: "运用与保护.xlsx!运用!D12".into(),
        }
    }

    #[test]
    fn csv_has_the_exact_header_and_plain_values() {
        let out = String::from_utf8(render(&[row()], Format::Csv).unwrap()).unwrap();
        assert_eq!(
            out,
            "indicator,region,year,value,unit,source\n知识产权质押融资额,玄武区,2025,1.42,亿元,运用与保护.xlsx!运用!D12\n"
        );
        assert_eq!(plain(12482.0), "12482");
        assert_eq!(plain(53.7825), "53.7825");
        assert_eq!(plain(1e-7), "0.0000001");
    }

    #[test]
    fn a_non_finite_value_is_an_error_not_a_panic() {
        let bad = Row { value: plain(f64::INFINITY), ..row() };
        for format in [Format::Json, Format::Xlsx] {
            let err = render(std::slice::from_ref(&bad), format).unwrap_err().to_string();
            assert!(err.starts_with("运用与保护.xlsx!运用!D12 的数值“"), "{err}");
            assert!(err.contains("”不是有限的数，无法写入"), "{err}");
        }
    }

    #[test]
    fn json_numbers_are_numbers() {
        let out = String::from_utf8(render(&[row()], Format::Json).unwrap()).unwrap();
        assert!(out.contains("\"value\": 1.42,"), "{out}");
        assert!(out.contains("\"year\": 2025,"), "{out}");
    }
}
