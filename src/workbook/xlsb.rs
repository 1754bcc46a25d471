//! The number formats of an .xlsb workbook, which calamine reads without them: which
//! number cells of each sheet have a percentage format. One pass over the binary
//! records of `styles.bin` (formats and cell XFs), `workbook.bin` (sheet names and
//! their relationship ids), the workbook relationships and each sheet (row headers
//! and number cells with their style index) (MS-XLSB 2.1.4, 2.4).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::bytes::{u16_at, u32_at};
use super::numfmt::{is_builtin_percent, is_percent_format};

const ROW_HDR: u32 = 0x0000;
const CELL_RK: u32 = 0x0002;
const CELL_REAL: u32 = 0x0005;
const FMLA_NUM: u32 = 0x0009;
const FMT: u32 = 0x002C;
const XF: u32 = 0x002F;
const BUNDLE_SH: u32 = 0x009C;
const BEGIN_CELL_XFS: u32 = 0x0269;
const END_CELL_XFS: u32 = 0x026A;

/// The records of a part: (type, data). A type is one or two bytes and a size up
/// to four, each seven bits a byte; a truncated record ends the walk.
pub fn records(bytes: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        // The type keeps its continuation bits' payload (MS-XLSB numbers records so).
        let first = *bytes.get(pos)?;
        let typ = if first & 0x80 != 0 {
            let second = *bytes.get(pos + 1)?;
            pos += 2;
            u32::from(first & 0x7F) | (u32::from(second & 0x7F) << 7)
        } else {
            pos += 1;
            u32::from(first)
        };
        let mut len = 0usize;
        for i in 0..4 {
            let b = *bytes.get(pos)?;
            pos += 1;
            len |= usize::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        let data = bytes.get(pos..pos.checked_add(len)?)?;
        pos += len;
        Some((typ, data))
    })
}

/// An XLWideString at `at`: character count, then UTF-16; and the offset after it.
fn wide_string(b: &[u8], at: usize) -> Option<(String, usize)> {
    let n = u32_at(b, at)?;
    if n == u32::MAX {
        return Some((String::new(), at + 4));
    }
    let end = at.checked_add(4)?.checked_add((n as usize).checked_mul(2)?)?;
    let units: Vec<u16> =
        b.get(at + 4..end)?.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    Some((String::from_utf16_lossy(&units), end))
}

/// For each cell XF of `styles.bin`, whether its number format is a percentage.
pub fn percent_styles(styles: &[u8]) -> Vec<bool> {
    let mut custom: HashMap<u16, bool> = HashMap::new();
    let mut xfs = Vec::new();
    let mut in_cell_xfs = false;
    for (typ, data) in records(styles) {
        match typ {
            FMT => {
                if let (Some(id), Some((code, _))) = (u16_at(data, 0), wide_string(data, 2)) {
                    custom.insert(id, is_percent_format(&code));
                }
            }
            BEGIN_CELL_XFS => in_cell_xfs = true,
            END_CELL_XFS => in_cell_xfs = false,
            XF if in_cell_xfs => xfs.extend(u16_at(data, 2)),
            _ => {}
        }
    }
    xfs.iter().map(|f| custom.get(f).copied().unwrap_or_else(|| is_builtin_percent(u32::from(*f)))).collect()
}

/// The zero-based positions of a sheet's number cells whose style is a percentage.
pub fn percent_cells(sheet: &[u8], percent: &[bool], cap: usize) -> Option<HashSet<(u32, u32)>> {
    let mut cells = HashSet::new();
    let mut row = 0;
    for (typ, data) in records(sheet) {
        match typ {
            ROW_HDR => row = u32_at(data, 0).unwrap_or(row),
            CELL_RK | CELL_REAL | FMLA_NUM => {
                let (Some(col), Some(style)) = (u32_at(data, 0), u32_at(data, 4)) else { continue };
                if percent.get((style & 0x00FF_FFFF) as usize).copied().unwrap_or(false) {
                    if cells.len() >= cap {
                        return None;
                    }
                    cells.insert((row, col));
                }
            }
            _ => {}
        }
    }
    Some(cells)
}

/// The sheets of `workbook.bin`: (name, relationship id).
fn sheets(workbook: &[u8]) -> Vec<(String, String)> {
    records(workbook)
        .filter(|(t, _)| *t == BUNDLE_SH)
        .filter_map(|(_, d)| {
            let (rel, next) = wide_string(d, 8)?;
            let (name, _) = wide_string(d, next)?;
            Some((name, rel))
        })
        .collect()
}

/// The targets of the workbook's relationships, by id, as paths in the zip.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let get = |k: &str| {
                    e.attributes().flatten().find(|a| a.key.as_ref() == k).map(|a| a.value.to_string())
                };
                if let (Some(id), Some(target)) = (get("Id"), get("Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{target}"),
                    };
                    out.insert(id, path);
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// The percentage cells of every sheet of an .xlsb, by sheet name; `None` for a
/// sheet with more of them than `cap`. Parts that are missing or damaged give no
/// percentages; calamine then reports the damage.
pub fn percent_by_sheet(bytes: &[u8], cap: usize) -> HashMap<String, Option<HashSet<(u32, u32)>>> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return HashMap::new() };
    let mut part = |name: &str| -> Vec<u8> {
        let mut out = Vec::new();
        if let Ok(f) = zip.by_name(name) {
            let _ = f.take(super::MAX_UNZIPPED).read_to_end(&mut out);
        }
        out
    };
    let percent = percent_styles(&part("xl/styles.bin"));
    let mut out = HashMap::new();
    if !percent.contains(&true) {
        return out;
    }
    let rels = relationships(&String::from_utf8_lossy(&part("xl/_rels/workbook.bin.rels")));
    for (name, rel) in sheets(&part("xl/workbook.bin")) {
        let Some(path) = rels.get(&rel) else { continue };
        out.insert(name, percent_cells(&part(path), &percent, cap));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record as MS-XLSB writes it.
    fn record(typ: u32, data: &[u8]) -> Vec<u8> {
        let mut out =
            if typ < 0x80 { vec![typ as u8] } else { vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8] };
        let mut len = data.len();
        loop {
            let b = (len & 0x7F) as u8;
            len >>= 7;
            if len == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
        out.extend(data);
        out
    }

    fn wide(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut out = (units.len() as u32).to_le_bytes().to_vec();
        out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        out
    }

    #[test]
    fn styles_and_cells_give_the_percentage_cells() {
        // Formats: 164 = 0.0%, 165 = 0.0"%" (a literal). Cell XFs: General, built-in
        // 0% (9), 164, 165. A style XF outside the cell XFs does not count.
        let xf = |fmt: u16| record(XF, &[[0, 0], fmt.to_le_bytes(), [0; 2]].concat());
        let styles = [
            record(FMT, &[164u16.to_le_bytes().to_vec(), wide("0.0%")].concat()),
            record(FMT, &[165u16.to_le_bytes().to_vec(), wide(r#"0.0"%""#)].concat()),
            xf(10),
            record(BEGIN_CELL_XFS, &4u32.to_le_bytes()),
            xf(0),
            xf(9),
            xf(164),
            xf(165),
            record(END_CELL_XFS, &[]),
        ]
        .concat();
        let percent = percent_styles(&styles);
        assert_eq!(percent, [false, true, true, false]);
        let cell = |typ: u32, col: u32, style: u32, value: &[u8]| {
            record(typ, &[col.to_le_bytes().as_slice(), &style.to_le_bytes(), value].concat())
        };
        let row = |r: u32| record(ROW_HDR, &[r.to_le_bytes(), [0; 4]].concat());
        let sheet = [
            row(2),
            cell(CELL_REAL, 1, 1, &[0; 8]),
            cell(CELL_RK, 2, 2, &[0; 4]),
            cell(CELL_REAL, 3, 3, &[0; 8]),
            row(3),
            cell(FMLA_NUM, 1, 0x0100_0002, &[0; 10]),
            cell(CELL_REAL, 2, 0, &[0; 8]),
        ]
        .concat();
        let cells = percent_cells(&sheet, &percent, 10).unwrap();
        let want: HashSet<(u32, u32)> = [(2, 1), (2, 2), (3, 1)].into();
        assert_eq!(cells, want);
        assert_eq!(percent_cells(&sheet, &percent, 2), None);
        let book = record(BUNDLE_SH, &[[0u8; 8].as_slice(), &wide("rId1"), &wide("比重")].concat());
        assert_eq!(sheets(&book), [("比重".to_string(), "rId1".to_string())]);
        let rels = r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.bin"/></Relationships>"#;
        assert_eq!(relationships(rels)["rId1"], "xl/worksheets/sheet1.bin");
    }

    #[test]
    fn truncated_parts_end_the_walk() {
        let r = record(CELL_REAL, &[1; 16]);
        assert_eq!(records(&r).collect::<Vec<_>>(), [(CELL_REAL, [1u8; 16].as_slice())]);
        for cut in 0..r.len() {
            assert_eq!(records(&r[..cut]).count(), 0, "{cut}");
        }
        assert_eq!(records(&[0x85, 0x80, 0x80, 0x80, 0x80, 0x01]).count(), 0);
    }
}
