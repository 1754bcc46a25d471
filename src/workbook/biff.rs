//! A first pass over an .xls file's BIFF record stream, before calamine reads it.
//! calamine keeps every sheet of an .xls as a dense grid from its first to its last
//! cell, and exposes no number formats; this pass, linear in the stream, tells
//! - whether the stream is encrypted, and how (FILEPASS: XOR obfuscation or RC4);
//! - how many cells calamine's grids will hold, so that a file claiming far cells
//!   is refused before anything is allocated for them;
//! - which number cells have a percentage format (XF → FORMAT), per sheet in the
//!   order of the BOUNDSHEET records.
//!
//! Records are `type u16, length u16, data` (MS-XLS 2.1.4); cell records start with
//! `row u16, column u16, XF index u16`.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::bytes::{u16_at, u32_at};
use super::numfmt::{is_builtin_percent, is_percent_format};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const NAME: u16 = 0x0018;
const CONTINUE: u16 = 0x003C;

/// Cells that calamine's dense grids of one .xls file may hold in all. Each costs
/// a value and a formula slot (about 56 bytes): 6 million is about 340 MB.
pub const MAX_GRID_CELLS: u64 = 6_000_000;

/// How a FILEPASS record says the stream is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encryption {
    /// XOR obfuscation (wEncryptionType 0), from early Excel versions.
    Xor,
    /// RC4 or RC4 CryptoAPI (wEncryptionType 1).
    Rc4,
    /// Another wEncryptionType value.
    Other(u16),
}

/// What the pass found about one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetScan {
    /// Zero-based positions of number cells with a percentage format.
    pub percent: HashSet<(u32, u32)>,
    /// The cells of calamine's grid for this sheet: first to last cell, rows × columns.
    pub grid_cells: u64,
}

/// What the pass found about the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Set when the globals have a FILEPASS record: nothing after it was read.
    pub encryption: Option<Encryption>,
    /// The sheets, in the order of the BOUNDSHEET records.
    pub sheets: Vec<SheetScan>,
    /// Set when a record is damaged in a way the reading library cannot survive.
    pub damaged: bool,
    /// Set when the sheets' records overlap (several sheets claiming the same
    /// records), which no spreadsheet program writes: reading such a file would
    /// take time without bound.
    pub overlapping: bool,
}

impl Scan {
    /// The cells of all of calamine's grids for the file.
    pub fn grid_cells(&self) -> u64 {
        self.sheets.iter().map(|s| s.grid_cells).fold(0, u64::saturating_add)
    }
}

/// The workbook stream of a compound file (`Workbook`, or `Book` for Excel 5/95).
pub fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    for name in ["/Workbook", "/Book"] {
        if let Ok(mut s) = cfb.open_stream(name) {
            let mut out = Vec::new();
            s.read_to_end(&mut out).ok()?;
            return Some(out);
        }
    }
    None
}

/// The records from `start` to the first EOF record (or the end of the stream):
/// (type, data).
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = start;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let end = (pos + 4 + len).min(stream.len());
        let data = &stream[pos + 4..end];
        pos = end;
        if typ == EOF {
            done = true;
        }
        Some((typ, data))
    })
}

/// The format code of a BIFF8 FORMAT record: `ifmt u16`, then an XLUnicodeString.
fn format_record(data: &[u8]) -> Option<(u16, String)> {
    let id = u16_at(data, 0)?;
    let cch = u16_at(data, 2)? as usize;
    let flags = *data.get(4)?;
    let chars = data.get(5..)?;
    let code = if flags & 1 == 0 {
        chars.iter().take(cch).map(|&b| char::from(b)).collect()
    } else {
        let units: Vec<u16> =
            chars.chunks_exact(2).take(cch).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    Some((id, code))
}

/// Scans a BIFF workbook stream. Never fails: what cannot be read is left out, and
/// calamine then reports the damage.
pub fn scan(stream: &[u8]) -> Scan {
    let mut scan = Scan::default();
    let mut custom: HashMap<u16, bool> = HashMap::new();
    let mut xf_format: Vec<u16> = Vec::new();
    let mut sheet_offsets: Vec<usize> = Vec::new();
    let mut biff8 = false;
    let globals: Vec<(u16, &[u8])> = records(stream, 0).collect();
    for (i, &(typ, data)) in globals.iter().enumerate() {
        match typ {
            // A defined name (Lbl) whose formula claims more bytes than the record
            // and its CONTINUE records hold: calamine slices past the end and panics.
            NAME if biff8 => {
                let held = data.len()
                    + globals[i + 1..]
                        .iter()
                        .take_while(|(t, _)| *t == CONTINUE)
                        .map(|(_, d)| d.len())
                        .sum::<usize>();
                let cce = u16_at(data, 4).map_or(usize::MAX, usize::from);
                if data.len() < 15 || cce > held {
                    scan.damaged = true;
                    return scan;
                }
            }
            BOF => biff8 = u16_at(data, 0) == Some(0x0600),
            FILEPASS => {
                scan.encryption = Some(match u16_at(data, 0) {
                    Some(0) => Encryption::Xor,
                    Some(1) => Encryption::Rc4,
                    other => Encryption::Other(other.unwrap_or(u16::MAX)),
                });
                return scan;
            }
            FORMAT if biff8 => {
                if let Some((id, code)) = format_record(data) {
                    custom.insert(id, is_percent_format(&code));
                }
            }
            // BIFF8 XF: font index, then the format index.
            XF => xf_format.extend(u16_at(data, 2)),
            BOUNDSHEET => sheet_offsets.extend(u32_at(data, 0).map(|o| o as usize)),
            _ => {}
        }
    }
    let percent_xf: Vec<bool> = xf_format
        .iter()
        .map(|&f| custom.get(&f).copied().unwrap_or_else(|| is_builtin_percent(u32::from(f))))
        .collect();
    let is_percent = |xf: Option<u16>| xf.and_then(|x| percent_xf.get(x as usize)).copied().unwrap_or(false);
    // Each byte of the stream belongs to at most one sheet: the walks together may
    // not cover more than the stream.
    let mut budget = stream.len();
    for offset in sheet_offsets {
        let mut sheet = SheetScan::default();
        let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
        let mut any = false;
        let mut see = |r: u32, c: u32| {
            any = true;
            r0 = r0.min(r);
            r1 = r1.max(r);
            c0 = c0.min(c);
            c1 = c1.max(c);
        };
        // A sheet's records start with its own BOF; skip it so that the walk stops
        // at the sheet's EOF.
        let body = match records(stream, offset).next() {
            Some((BOF, data)) => offset + 4 + data.len(),
            _ => continue,
        };
        for (typ, data) in records(stream, body) {
            let Some(left) = budget.checked_sub(4 + data.len()) else {
                scan.overlapping = true;
                return scan;
            };
            budget = left;
            let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) else { continue };
            let (r, c) = (u32::from(r), u32::from(c));
            match typ {
                NUMBER | RK | FORMULA => {
                    see(r, c);
                    if is_percent(u16_at(data, 4)) {
                        sheet.percent.insert((r, c));
                    }
                }
                LABELSST | LABEL | RSTRING | BOOLERR => see(r, c),
                MULRK => {
                    // row, first column, (XF u16, RK u32) × n, last column.
                    let n = data.len().saturating_sub(6) / 6;
                    for i in 0..n {
                        let col = c + i as u32;
                        see(r, col);
                        if is_percent(u16_at(data, 4 + 6 * i)) {
                            sheet.percent.insert((r, col));
                        }
                    }
                }
                _ => {}
            }
        }
        if any {
            sheet.grid_cells = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        }
        scan.sheets.push(sheet);
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn cell(typ: u16, r: u16, c: u16, xf: u16, rest: &[u8]) -> Vec<u8> {
        let mut d = [r.to_le_bytes(), c.to_le_bytes(), xf.to_le_bytes()].concat();
        d.extend(rest);
        record(typ, &d)
    }

    /// A BIFF8 stream: globals with three XFs (general, built-in 0%, custom
    /// `0.0"%"`), one sheet with cells at A1 (general), B2 (0%), C3 (literal %)
    /// and a MULRK over B5:C5 (0%, general).
    fn stream() -> Vec<u8> {
        let bof = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        let fmt = {
            let code = br#"0.0"%""#;
            let mut d = 164u16.to_le_bytes().to_vec();
            d.extend((code.len() as u16).to_le_bytes());
            d.push(0);
            d.extend(code);
            record(FORMAT, &d)
        };
        let xf = |f: u16| record(XF, &[[0, 0], f.to_le_bytes(), [0, 0]].concat());
        let mut globals = [bof.clone(), fmt, xf(0), xf(9), xf(164)].concat();
        let boundsheet_len = 4 + 8 + 2;
        let eof = record(EOF, &[]);
        let sheet_at = globals.len() + boundsheet_len + eof.len();
        globals.extend(record(
            BOUNDSHEET,
            &[(sheet_at as u32).to_le_bytes().as_slice(), &[0, 0, 2, 0], b"s1"].concat(),
        ));
        globals.extend(eof.clone());
        assert_eq!(globals.len(), sheet_at);
        let mulrk = {
            let mut d = [4u16.to_le_bytes(), 1u16.to_le_bytes()].concat();
            d.extend(1u16.to_le_bytes());
            d.extend([0; 4]);
            d.extend(0u16.to_le_bytes());
            d.extend([0; 4]);
            d.extend(2u16.to_le_bytes());
            record(MULRK, &d)
        };
        let sheet = [
            bof,
            cell(NUMBER, 0, 0, 0, &[0; 8]),
            cell(NUMBER, 1, 1, 1, &[0; 8]),
            cell(RK, 2, 2, 2, &[0; 4]),
            mulrk,
            eof,
        ]
        .concat();
        [globals, sheet].concat()
    }

    #[test]
    fn finds_percent_cells_and_the_grid() {
        let s = scan(&stream());
        assert_eq!(s.encryption, None);
        assert_eq!(s.sheets.len(), 1);
        let expected: HashSet<(u32, u32)> = [(1, 1), (4, 1)].into();
        assert_eq!(s.sheets[0].percent, expected);
        // A1 to C5: 5 rows × 3 columns.
        assert_eq!(s.sheets[0].grid_cells, 15);
    }

    #[test]
    fn reports_encryption_by_type() {
        let bof = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        let xor = [bof.clone(), record(FILEPASS, &[0, 0, 0x12, 0x34, 0x56, 0x78])].concat();
        assert_eq!(scan(&xor).encryption, Some(Encryption::Xor));
        let rc4 = [bof, record(FILEPASS, &[1, 0, 1, 0, 1, 0])].concat();
        assert_eq!(scan(&rc4).encryption, Some(Encryption::Rc4));
    }

    #[test]
    fn a_defined_name_longer_than_its_record_is_damage() {
        let bof = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        // grbit, chKey, cch = 1, cce = 0xFFFF, then 8 bytes, the name "A" (flag + 1).
        let mut lbl = vec![0, 0, 0, 1, 0xFF, 0xFF];
        lbl.extend([0; 8]);
        lbl.extend([0, b'A']);
        let s = scan(&[bof.clone(), record(NAME, &lbl), record(EOF, &[])].concat());
        assert!(s.damaged);
        // The same name with a formula of 2 bytes that the record holds is fine,
        // and so is one whose formula runs on in a CONTINUE record.
        let mut ok = lbl.clone();
        ok[4..6].copy_from_slice(&2u16.to_le_bytes());
        ok.extend([0x1D, 0x01]);
        assert!(!scan(&[bof.clone(), record(NAME, &ok), record(EOF, &[])].concat()).damaged);
        let mut long = lbl.clone();
        long[4..6].copy_from_slice(&40u16.to_le_bytes());
        let cont = record(CONTINUE, &[0; 40]);
        assert!(!scan(&[bof, record(NAME, &long), cont, record(EOF, &[])].concat()).damaged);
    }

    #[test]
    fn truncated_and_garbage_streams_scan_to_nothing() {
        assert_eq!(scan(&[]), Scan::default());
        assert_eq!(scan(&[0x09, 0x08, 0xFF]), Scan::default());
        let full = stream();
        for cut in 0..full.len() {
            let _ = scan(&full[..cut]);
        }
    }
}
