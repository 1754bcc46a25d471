//! Patent lists for trying and measuring the records stage.
//!
//! `cargo run --release --example patent-list -- write DIR N` writes
//! `DIR/专利清单.csv` with N realistic rows (application numbers with their check
//! digits, Xuanwu addresses and some outside it, several applicants, persons,
//! duplicates and a few bad rows) and `DIR/街道对照表.csv`, a street table that
//! leaves some addresses unmatched. Deterministic: the same N gives the same files.
//!
//! `patent-list xlsx DIR/专利清单.csv OUT.xlsx` writes the same list as a workbook.
//!
//! `target/release/examples/patent-list read DIR/专利清单.csv` reads the list
//! into records and counts them as `yearbook` does (streaming the CSV a row at a
//! time), printing the time taken; run it under `/usr/bin/time -v` for peak RSS.

use std::io::Write;

use yearbook::records::count::{Rules, count};
use yearbook::records::streets::{StreetTable, Target};
use yearbook::records::{Builder, Columns};
use yearbook::workbook::Cell;

/// Road (keyword) → street, as the sample street table has them.
const ROADS: [(&str, &str); 14] = [
    ("中山路", "新街口街道"),
    ("洪武北路", "新街口街道"),
    ("长江路", "梅园新村街道"),
    ("汉府街", "梅园新村街道"),
    ("北京东路", "玄武门街道"),
    ("丹凤街", "玄武门街道"),
    ("龙蟠路", "锁金村街道"),
    ("锁金村", "锁金村街道"),
    ("红山路", "红山街道"),
    ("黑墨营", "红山街道"),
    ("孝陵卫街", "孝陵卫街道"),
    ("中山门大街", "孝陵卫街道"),
    ("后宰门", "玄武湖街道"),
    ("玄武湖", "玄武湖街道"),
];

/// Addresses no keyword matches, and one outside the district.
const OTHER: [&str; 3] =
    ["江苏省南京市玄武区玄武大道699号", "江苏省南京市玄武区徐庄软件园", "江苏省南京市鼓楼区汉口路22号"];

const FIRMS: [&str; 12] = [
    "南京熊猫电子股份有限公司",
    "江苏紫金科技有限公司",
    "南京钟山智能装备有限公司",
    "南京玄武湖生物医药有限公司",
    "南京金陵软件集团有限公司",
    "东南大学",
    "南京理工大学",
    "南京林业大学",
    "中国科学院南京地理与湖泊研究所",
    "江苏省农业科学院",
    "南京市玄武区人民医院",
    "南京紫金山天文台研究中心",
];

const PERSONS: [&str; 4] = ["张伟", "王芳", "李娜", "刘洋"];
const IPCS: [&str; 8] = [
    "A61K 31/00",
    "B65G 47/00",
    "C07D 401/00",
    "D21H 11/00",
    "E04B 1/00",
    "F16K 31/00",
    "G06F 16/00",
    "H04L 9/32",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn check_digit(body: &str) -> char {
    let w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let s: u32 = body.chars().zip(w).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    match s % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap(),
    }
}

fn write(dir: &str, n: u64) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/专利清单.csv"))?);
    out.write_all("\u{feff}申请号,专利类型,申请日,公开（公告）日,授权公告日,申请（专利权）人,申请人地址,IPC主分类号,法律状态,失效日,海外同族,质押金额（万元）\n".as_bytes())?;
    let mut rng = Rng(n);
    for i in 0..n {
        let year = 2006 + rng.next(20);
        let kind = [1, 1, 2, 2, 2, 3][rng.next(6) as usize];
        let body = format!("{year}{kind}{:07}", i % 10_000_000);
        let number = if i % 2 == 0 {
            format!("CN{body}.{}", check_digit(&body))
        } else {
            format!("{body}{}", check_digit(&body))
        };
        let (m, d) = (1 + rng.next(12), 1 + rng.next(28));
        let filed = format!("{year}-{m:02}-{d:02}");
        let granted_year = year + if kind == 1 { 2 } else { 1 };
        let granted = if rng.next(10) < 7 && granted_year <= 2025 {
            format!("{granted_year}-{m:02}-{d:02}")
        } else {
            String::new()
        };
        let lapsed = if !granted.is_empty() && rng.next(5) == 0 {
            format!("{}-06-30", (granted_year + 3).min(2025))
        } else {
            String::new()
        };
        let status = if granted.is_empty() {
            "审中"
        } else if lapsed.is_empty() {
            "有效"
        } else {
            "未缴年费终止失效"
        };
        let applicant = if rng.next(10) == 0 {
            PERSONS[rng.next(4) as usize].to_string()
        } else if rng.next(4) == 0 {
            format!("{}；{}", FIRMS[rng.next(12) as usize], FIRMS[rng.next(12) as usize])
        } else {
            FIRMS[rng.next(12) as usize].to_string()
        };
        let address = if rng.next(20) == 0 {
            OTHER[rng.next(3) as usize].to_string()
        } else {
            let (road, _) = ROADS[rng.next(14) as usize];
            format!("江苏省南京市玄武区{road}{}号", 1 + rng.next(300))
        };
        let kind_name = ["", "发明", "实用新型", "外观设计"][kind as usize];
        let family = if kind == 1 && rng.next(8) == 0 { "US2024000001A1" } else { "" };
        let pledge = if kind == 1 && rng.next(15) == 0 {
            format!("{}", 100 * (1 + rng.next(30)))
        } else {
            String::new()
        };
        let ipc = IPCS[rng.next(8) as usize];
        writeln!(
            out,
            "{number},{kind_name},{filed},{filed},{granted},{applicant},{address},{ipc},{status},{lapsed},{family},{pledge}"
        )?;
    }
    let mut table = std::fs::File::create(format!("{dir}/街道对照表.csv"))?;
    table.write_all("\u{feff}关键词,街道\n".as_bytes())?;
    for (road, street) in ROADS {
        writeln!(table, "{road},{street}")?;
    }
    writeln!(table, "鼓楼区,区外")?;
    Ok(())
}

fn read(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let start = std::time::Instant::now();
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_path(path)?;
    let mut rows = rdr.records();
    let header = rows.next().ok_or("empty")??;
    let headers: Vec<(usize, &str)> =
        header.iter().map(|h| h.trim_start_matches('\u{feff}')).enumerate().collect();
    let columns = Columns::recognise(&headers).ok_or("not a patent list")?;
    let mut builder = Builder::new();
    let mut list = builder.list("专利清单.csv", "专利清单", columns);
    drop(rows);
    // Each row's cells reuse the text buffers of the row before.
    let mut cells: Vec<Cell> = vec![Cell::Text(String::new()); headers.len()];
    let mut row = csv::StringRecord::new();
    let mut i = 0u32;
    while rdr.read_record(&mut row)? {
        i += 1;
        cells.resize(row.len(), Cell::Text(String::new()));
        for (cell, field) in cells.iter_mut().zip(row.iter()) {
            match cell {
                Cell::Text(s) => {
                    s.clear();
                    s.push_str(field);
                }
                c => *c = Cell::Text(field.to_string()),
            }
        }
        list.row(i, &cells);
    }
    list.finish();
    let (records, diags) = builder.finish();
    let read = start.elapsed();
    let streets = StreetTable::new(
        ROADS.iter().map(|(k, s)| (k.to_string(), Target::Street(s.to_string()))).collect(),
        "t",
    );
    let rules = Rules { streets: Some(streets), industries: None, pledge_threshold: 1000.0 };
    let counts = count(&records, &rules);
    let total = start.elapsed();
    let y = &counts.years[&2025];
    println!(
        "records {} diagnostics {} read {:.2}s total {:.2}s; 2025: applications {} grants {} inventions in force {} (10y {}, high value {}); unmatched addresses {}",
        records.patents.len(),
        diags.len(),
        read.as_secs_f64(),
        total.as_secs_f64(),
        y.total.applications_total(),
        y.total.grants_total(),
        y.total.in_force,
        y.total.ten_years,
        y.total.high_value,
        counts.unmatched.len()
    );
    Ok(())
}

/// The CSV list as an .xlsx of text cells, for the workbook reader's figures.
fn xlsx(csv_path: &str, out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_path(csv_path)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("专利清单")?;
    for (r, row) in rdr.records().enumerate() {
        for (c, field) in row?.iter().enumerate() {
            if !field.is_empty() {
                ws.write_string(r as u32, c as u16, field.trim_start_matches('\u{feff}'))?;
            }
        }
    }
    book.save(out)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("write") if args.len() == 4 => Ok(write(&args[2], args[3].parse()?)?),
        Some("read") if args.len() == 3 => read(&args[2]),
        Some("xlsx") if args.len() == 4 => xlsx(&args[2], &args[3]),
        _ => Err("usage: patent-list write DIR N | patent-list read FILE".into()),
    }
}
