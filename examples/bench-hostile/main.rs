//! Hostile-input benchmark: writes a set of single files made to exhaust a reader
//! (giant and overlapping merges, a stray cell in XFD1048576, a thousand sheets, a
//! million blank rows, a zip bomb, an HTML page with `colspan="1000000000"`, an
//! XOR-protected .xls; in [`text`], 50 MB text tables of one line, of bare
//! delimiters or of one quoted field; in [`sheets`], enormous cell strings, rows of
//! 16,384 columns, 100,000 tiny sheets, huge shared strings, a cell reference of
//! ten million digits), then runs the release binary's `yearbook check --data` on
//! a folder holding just that file, under `/usr/bin/time -v`, and prints wall time
//! and peak memory against the budget (≤ 1 GB, ≤ 10 s per file).
//!
//! ```sh
//! cargo build --release --bin yearbook --example bench-hostile
//! target/release/examples/bench-hostile /tmp/hostile            # all cases
//! target/release/examples/bench-hostile /tmp/hostile zip-bomb   # some cases
//! ```
//!
//! Each run is limited to 4 GB of address space and 120 s, so that a reader that
//! does blow up does not take the machine with it. Times are not asserted anywhere.

use std::io::{self, Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use zip::write::SimpleFileOptions;

mod sheets;
mod text;

/// The budget per input.
const MAX_RSS_MB: f64 = 1024.0;
const MAX_SECONDS: f64 = 10.0;

type Gen = fn(&Path) -> io::Result<()>;

const CASES: &[(&str, &str, Gen)] = &[
    ("merged-giant", "giant.xlsx", merged_giant),
    ("stray-xfd", "stray.xlsx", stray_xfd),
    ("many-sheets", "sheets.xlsx", many_sheets),
    ("overlapping-merges", "overlap.xlsx", overlapping_merges),
    ("blank-rows", "blank.xlsx", blank_rows),
    ("zip-bomb", "bomb.xlsx", zip_bomb),
    ("html-colspan", "page.xls", html_colspan),
    ("xor-xls", "xor.xls", xor_xls),
    ("csv-one-line", "line.csv", text::one_line),
    ("csv-bare-commas", "commas.csv", text::bare_commas),
    ("csv-tabs", "tabs.txt", text::tabs),
    ("csv-semicolons", "semicolons.csv", text::semicolons),
    ("csv-bars", "bars.csv", text::bars),
    ("csv-quoted-field", "quoted.csv", text::quoted_field),
    ("csv-open-quote", "open-quote.csv", text::open_quote),
    ("csv-no-delimiter", "plain.txt", text::no_delimiter),
    ("csv-utf16", "unicode.txt", text::utf16),
    ("csv-gbk", "gbk.csv", text::gbk),
    ("csv-many-rows", "rows.csv", text::many_rows),
    ("xlsx-huge-cell", "cell.xlsx", sheets::xlsx_huge_cell),
    ("xlsx-long-label", "label.xlsx", sheets::xlsx_long_label),
    ("xlsx-long-header", "header.xlsx", sheets::xlsx_long_header),
    ("xlsx-wide-row", "wide.xlsx", sheets::xlsx_wide_row),
    ("xlsx-tiny-sheets", "tiny.xlsx", sheets::xlsx_many_tiny_sheets),
    ("xlsx-conflicts", "conflicts.xlsx", sheets::xlsx_conflicts),
    ("xlsx-shared-huge", "shared.xlsx", sheets::xlsx_shared_huge),
    ("xlsx-shared-count", "count.xlsx", sheets::xlsx_shared_count),
    ("xlsx-long-ref", "ref.xlsx", sheets::xlsx_long_ref),
    ("xlsx-long-sheet-name", "name.xlsx", sheets::xlsx_long_sheet_name),
    ("ods-huge-cell", "cell.ods", sheets::ods_huge_cell),
    ("ods-wide-row", "wide.ods", sheets::ods_wide_row),
    ("ods-many-tables", "tables.ods", sheets::ods_many_tables),
    ("html-huge-cell", "cell.xls", sheets::html_huge_cell),
    ("html-wide-row", "wide.xls", sheets::html_wide_row),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: bench-hostile DIR [CASE…]  (cases: {})", names().join(", "));
        std::process::exit(2);
    };
    let bin = std::env::var_os("YEARBOOK_BIN").map(PathBuf::from).unwrap_or_else(default_bin);
    let wanted = &args[1..];
    println!("| input | size | exit | wall s | peak RSS MB | budget | last line |");
    println!("|---|---:|---:|---:|---:|---|---|");
    for (name, file, make) in
        CASES.iter().filter(|(n, ..)| wanted.is_empty() || wanted.iter().any(|w| w == n))
    {
        let dir = root.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the case folder");
        let path = dir.join(file);
        if let Err(e) = make(&path) {
            println!("| {name} | – | – | – | – | not made: {e} | |");
            continue;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let r = measure(&bin, &dir);
        let ok = r.rss_mb <= MAX_RSS_MB && r.seconds <= MAX_SECONDS && r.exit <= 1;
        println!(
            "| {name} | {} | {} | {:.2} | {:.0} | {} | {} |",
            human(size),
            r.exit,
            r.seconds,
            r.rss_mb,
            if ok { "ok" } else { "**over**" },
            r.last_line.replace('|', "/")
        );
    }
}

fn names() -> Vec<&'static str> {
    CASES.iter().map(|(n, ..)| *n).collect()
}

fn default_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/yearbook")
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1048576.0)
    } else {
        format!("{} KB", bytes / 1024)
    }
}

struct Run {
    exit: i32,
    seconds: f64,
    rss_mb: f64,
    last_line: String,
}

/// Runs `yearbook check --data DIR` under `/usr/bin/time -v` from DIR's parent (so
/// that the default output folder is not inside the data), with 4 GB of
/// address space and 120 s at most.
fn measure(bin: &Path, dir: &Path) -> Run {
    let script = r#"ulimit -v 4194304; exec /usr/bin/time -v timeout -s KILL 120 "$0" check --data "$1""#;
    let out = Command::new("sh")
        .args(["-c", script])
        .arg(bin)
        .arg(dir)
        .current_dir(dir.parent().unwrap_or(dir))
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let field = |key: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
            .unwrap_or_default()
    };
    let seconds = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")
        .split(':')
        .fold(0.0, |acc, part| acc * 60.0 + part.parse::<f64>().unwrap_or(0.0));
    let rss_mb = field("Maximum resident set size (kbytes):").parse::<f64>().unwrap_or(0.0) / 1024.0;
    let exit = field("Exit status:").parse().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last_line = stdout
        .lines()
        .chain(stderr.lines().filter(|l| !l.starts_with('\t') && !l.contains("Command")))
        .filter(|l| !l.trim().is_empty())
        .map(str::trim)
        .find(|l| l.starts_with("错误：") || l.contains("panicked") || l.contains("memory allocation"))
        .or_else(|| stdout.lines().find(|l| l.trim().starts_with("警告：")))
        .or_else(|| stdout.lines().rev().find(|l| l.starts_with("共 ")))
        .unwrap_or("")
        .trim()
        .chars()
        .take(120)
        .collect();
    Run { exit, seconds, rss_mb, last_line }
}

/// A1 reference of a zero-based cell.
fn a1(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ascii"), row + 1)
}

/// The rows of a small, well-formed table (title, unit line, header, three
/// indicators of the catalogue)
/// as sheet XML, starting at zero-based row 0.
fn table_rows(out: &mut dyn Write) -> io::Result<()> {
    let text =
        |r: usize, c: usize, s: &str| format!(r#"<c r="{}" t="inlineStr"><is><t>{s}</t></is></c>"#, a1(r, c));
    let num = |r: usize, c: usize, v: f64| format!(r#"<c r="{}"><v>{v}</v></c>"#, a1(r, c));
    write!(out, r#"<row r="1">{}</row>"#, text(0, 0, "主要知识产权指标"))?;
    write!(out, r#"<row r="2">{}</row>"#, text(1, 0, "单位：件"))?;
    write!(
        out,
        r#"<row r="3">{}{}{}</row>"#,
        text(2, 0, "地区"),
        text(2, 1, "2022年"),
        text(2, 2, "2023年")
    )?;
    for (i, region) in
        ["有效发明专利拥有量", "维持10年以上有效发明专利数", "马德里商标有效注册量"].iter().enumerate()
    {
        let r = 3 + i;
        write!(
            out,
            r#"<row r="{}">{}{}{}</row>"#,
            r + 1,
            text(r, 0, region),
            num(r, 1, 100.0 + i as f64),
            num(r, 2, 200.0)
        )?;
    }
    Ok(())
}

/// Writes an .xlsx by hand: each sheet's XML is streamed by its writer function.
/// Writes the XML of one sheet.
type WriteSheet<'a> = &'a dyn Fn(&mut dyn Write) -> io::Result<()>;

fn xlsx(path: &Path, sheets: &[(String, WriteSheet<'_>)]) -> io::Result<()> {
    xlsx_with(path, sheets, None)
}

/// Writes an .xlsx whose sheets are streamed by their writers, with a shared
/// strings part (`xl/sharedStrings.xml`, the `<sst>` element and all) when given.
fn xlsx_with(
    path: &Path,
    sheets: &[(String, WriteSheet<'_>)],
    shared: Option<WriteSheet<'_>>,
) -> io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut z = zip::ZipWriter::new(file);
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let zerr = |e: zip::result::ZipError| io::Error::other(e.to_string());
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        types += &format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        book += &format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#);
        rels += &format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
    }
    types += "</Types>";
    book += "</sheets></workbook>";
    rels += "</Relationships>";
    z.start_file("[Content_Types].xml", opts).map_err(zerr)?;
    z.write_all(types.as_bytes())?;
    z.start_file("_rels/.rels", opts).map_err(zerr)?;
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)?;
    z.start_file("xl/workbook.xml", opts).map_err(zerr)?;
    z.write_all(book.as_bytes())?;
    z.start_file("xl/_rels/workbook.xml.rels", opts).map_err(zerr)?;
    z.write_all(rels.as_bytes())?;
    if let Some(shared) = shared {
        z.start_file("xl/sharedStrings.xml", opts).map_err(zerr)?;
        let mut w = io::BufWriter::with_capacity(1 << 20, &mut z);
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        shared(&mut w)?;
        w.flush()?;
    }
    for (i, (_, body)) in sheets.iter().enumerate() {
        z.start_file(format!("xl/worksheets/sheet{}.xml", i + 1), opts).map_err(zerr)?;
        let mut w = io::BufWriter::with_capacity(1 << 20, &mut z);
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)?;
        body(&mut w)?;
        w.write_all(b"</worksheet>")?;
        w.flush()?;
    }
    z.finish().map_err(zerr)?;
    Ok(())
}

/// A sheet body: the table in `<sheetData>`, then `extra` rows, then merges.
fn sheet_with(
    out: &mut dyn Write,
    extra: &dyn Fn(&mut dyn Write) -> io::Result<()>,
    merges: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(b"<sheetData>")?;
    table_rows(out)?;
    extra(out)?;
    out.write_all(b"</sheetData><mergeCells>")?;
    merges(out)?;
    out.write_all(b"</mergeCells>")
}

fn none(_: &mut dyn Write) -> io::Result<()> {
    Ok(())
}

/// Merged regions covering the whole sheet, a whole row and a whole column.
fn merged_giant(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        sheet_with(w, &none, &|w| {
            w.write_all(br#"<mergeCell ref="A1:XFD1048576"/><mergeCell ref="A20:XFD20"/><mergeCell ref="D1:D1048576"/>"#)
        })
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A normal table and one value at the very last cell, XFD1048576.
fn stray_xfd(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        w.write_all(b"<sheetData>")?;
        table_rows(w)?;
        w.write_all(br#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#)
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A thousand sheets, each with the small table.
fn many_sheets(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        w.write_all(b"<sheetData>")?;
        table_rows(w)?;
        w.write_all(b"</sheetData>")
    };
    let sheets: Vec<(String, WriteSheet<'_>)> =
        (0..1000).map(|i| (format!("表{i}"), &body as &dyn Fn(&mut dyn Write) -> io::Result<()>)).collect();
    xlsx(path, &sheets)
}

/// 200,000 merged regions, each overlapping the next, nested over the table.
fn overlapping_merges(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        sheet_with(w, &none, &|w| {
            for i in 0..200_000usize {
                let (r, c) = (i % 1000, i % 50);
                write!(w, r#"<mergeCell ref="{}:{}"/>"#, a1(r, c), a1(r + 100 + i % 7, c + 20))?;
            }
            Ok(())
        })
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// The table, then a million rows of blank (styled) cells, then more data.
fn blank_rows(path: &Path) -> io::Result<()> {
    let body = |w: &mut dyn Write| {
        sheet_with(
            w,
            &|w| {
                for r in 10..1_000_010usize {
                    write!(w, r#"<row r="{}"><c r="{}" s="0"/></row>"#, r + 1, a1(r, 0))?;
                }
                write!(
                    w,
                    r#"<row r="1000011"><c r="A1000011" t="inlineStr"><is><t>有效发明专利拥有量</t></is></c><c r="B1000011"><v>7</v></c></row>"#
                )
            },
            &none,
        )
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A sheet whose XML inflates to about 1.5 GB: the table, then a million rows each
/// holding a 1.4 KB string.
fn zip_bomb(path: &Path) -> io::Result<()> {
    let filler = "统计".repeat(240);
    let body = |w: &mut dyn Write| {
        sheet_with(
            w,
            &|w| {
                for r in 10..1_048_576usize {
                    write!(
                        w,
                        r#"<row r="{}"><c r="{}" t="inlineStr"><is><t>{filler}</t></is></c></row>"#,
                        r + 1,
                        a1(r, 0)
                    )?;
                }
                Ok(())
            },
            &none,
        )
    };
    xlsx(path, &[("Sheet1".into(), &body)])
}

/// A web page saved as .xls with `colspan="1000000000"` and a huge rowspan.
fn html_colspan(path: &Path) -> io::Result<()> {
    let page = r#"<html><body><div>各地区专利授权量</div><table><tr><td>单位：件</td></tr></table>
<table><tr><td colspan="1000000000" rowspan="1000000000">指标</td><td>2023年</td></tr>
<tr><td>有效发明专利拥有量</td><td>100</td></tr><tr><td>马德里商标有效注册量</td><td>200</td></tr></table></body></html>"#;
    std::fs::write(path, page)
}

/// A real .xls (read from `../shared/realdata`) marked as XOR-obfuscated: its
/// FILEPASS record says `wEncryptionType` 0. The data are left in clear (no tool
/// at hand writes XOR obfuscation); what matters is that the reader refuses it
/// by its header rather than read it as plain.
fn xor_xls(path: &Path) -> io::Result<()> {
    let plain = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/realdata/cn-yearbook/decrypted/tech-yearbook_part08-output_06-plant-variety_raw-2022.xls",
    );
    let bytes = std::fs::read(&plain)?;
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))?;
    let mut stream = Vec::new();
    cfb.open_stream("/Workbook")?.read_to_end(&mut stream)?;
    // Replace the blanked 54-byte record after BOF by FILEPASS type 0 (key and
    // verifier, 6 bytes); the sheets' stream positions move back by 48.
    let bof_len = 4 + u16::from_le_bytes([stream[2], stream[3]]) as usize;
    let at = bof_len;
    let old_len = 4 + u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
    let filepass = [0x2F, 0x00, 6, 0, 0, 0, 0x34, 0x12, 0x78, 0x56];
    let delta = old_len as i64 - filepass.len() as i64;
    let mut out = stream[..at].to_vec();
    out.extend_from_slice(&filepass);
    out.extend_from_slice(&stream[at + old_len..]);
    let mut pos = 0;
    while pos + 4 <= out.len() {
        let typ = u16::from_le_bytes([out[pos], out[pos + 1]]);
        let len = u16::from_le_bytes([out[pos + 2], out[pos + 3]]) as usize;
        if typ == 0x0085 && pos + 8 <= out.len() {
            let ply = u32::from_le_bytes(out[pos + 4..pos + 8].try_into().expect("4 bytes")) as i64;
            out[pos + 4..pos + 8].copy_from_slice(&((ply - delta) as u32).to_le_bytes());
        }
        pos += 4 + len;
    }
    let mut new = cfb::CompoundFile::create_with_version(cfb::Version::V3, std::fs::File::create(path)?)?;
    new.create_stream("/Workbook")?.write_all(&out)?;
    new.flush()
}
