//! The street table to complete (`yearbook streets`): the rows of the project's
//! street table, then each unmatched address (most frequent first) with an empty
//! 街道 cell and its number of records. Saved over the project's table once
//! completed, it reads back as the street table: rows still without a street
//! are skipped. Receives the table and the counts; hands on .xlsx bytes.

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Workbook};

use super::streets::{OUTSIDE, StreetTable, Target};

/// The workbook's bytes.
pub fn build(table: Option<&StreetTable>, unmatched: &[(String, usize, (u16, u32))]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("街道对照表").context("无法生成街道对照表")?;
    let header = Format::new().set_bold();
    let todo = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xFFF2CC));
    for (c, h) in ["关键词", "街道", "记录数"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    let mut r = 1u32;
    for (keyword, target) in table.map_or(&[][..], |t| &t.rows[..]) {
        let street = match target {
            Target::Street(s) => s.as_str(),
            Target::Outside => OUTSIDE,
        };
        ws.write_string(r, 0, keyword)?;
        ws.write_string(r, 1, street)?;
        r += 1;
    }
    for (address, count, _) in unmatched {
        ws.write_string(r, 0, address)?;
        ws.write_blank(r, 1, &todo)?;
        ws.write_number(r, 2, *count as f64)?;
        r += 1;
    }
    ws.set_column_width(0, 48)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 8)?;
    let notes = book.add_worksheet();
    notes.set_name("填写说明")?;
    let lines = [
        "“关键词”是地址中的一段文字（路名、门牌、楼宇、园区名），“街道”是它所在的街道。",
        "黄色的行是专利清单中未能对应到街道的地址（按第一申请人地址，出现次数多的在前），请在“街道”列填写街道全称或简称；区外地址填“区外”。",
        "可以把整条地址缩短为关键词（如“珠江路88号”），一个关键词可覆盖多条地址；地址含多个关键词时，取最长的一个。",
        "未填街道的行不会采用。填好后保存为 yearbook.toml 中 [patents] streets 指定的文件，再运行 yearbook check。",
    ];
    for (i, l) in lines.iter().enumerate() {
        notes.write_string(i as u32, 0, *l)?;
    }
    book.save_to_buffer().context("无法生成街道对照表")
}
