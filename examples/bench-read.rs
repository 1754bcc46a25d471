//! Benchmark of the reader: `write DIR N` writes a long-layout workbook of N rows
//! (指标 / 地区 / 年份 / 数值 / 单位) into DIR; `read DIR` reads DIR as
//! `yearbook check` does and prints the time taken. Run the reading under
//! `/usr/bin/time -v` for its peak memory:
//!
//! ```sh
//! cargo build --release --example bench-read
//! target/release/examples/bench-read write /tmp/bench 200000
//! /usr/bin/time -v target/release/examples/bench-read read /tmp/bench
//! ```

use std::time::Instant;

use yearbook::catalog::Catalog;
use yearbook::config::Config;
use yearbook::pipeline;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("write") => {
            let rows = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(200_000);
            write(std::path::Path::new(&args[2]), rows);
        }
        Some("read") => read(std::path::Path::new(&args[2])),
        _ => eprintln!("usage: bench-read write DIR N | bench-read read DIR"),
    }
}

fn write(data: &std::path::Path, rows: usize) {
    std::fs::create_dir_all(data).expect("the data folder");
    let catalog = Catalog::builtin();
    let indicators: Vec<&str> =
        catalog.indicators.iter().filter(|i| i.derive.is_none()).map(|i| i.name.as_str()).collect();
    let regions: Vec<&str> = catalog.regions.iter().map(|r| r.name.as_str()).collect();
    let started = Instant::now();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("长表").expect("a sheet name");
    for (c, h) in ["指标", "地区", "年份", "数值", "单位"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("a header");
    }
    for i in 0..rows {
        // Keys repeat after indicators × regions × 150 years; a repeated key has
        // the same value, so it merges, as in real data sent twice.
        let ind = indicators[i % indicators.len()];
        let region = regions[(i / indicators.len()) % regions.len()];
        let year = 1950 + ((i / (indicators.len() * regions.len())) % 150) as i32;
        let unit = &catalog.find(ind).expect("catalogue name").unit;
        let value = ((i % (indicators.len() * regions.len() * 150)) % 9973) as f64;
        let r = i as u32 + 1;
        ws.write_string(r, 0, ind).expect("a cell");
        ws.write_string(r, 1, region).expect("a cell");
        ws.write_number(r, 2, year as f64).expect("a cell");
        ws.write_number(r, 3, value).expect("a cell");
        ws.write_string(r, 4, unit).expect("a cell");
    }
    wb.save(data.join("long.xlsx")).expect("the workbook");
    let size = std::fs::metadata(data.join("long.xlsx")).map(|m| m.len()).unwrap_or(0);
    println!("wrote {rows} rows ({:.1} MB) in {:.2} s", size as f64 / 1e6, started.elapsed().as_secs_f64());
}

fn read(data: &std::path::Path) {
    if std::env::var_os("BENCH_STAGES").is_some() {
        stages(data);
        return;
    }
    let config = Config { data_dir: data.to_path_buf(), ..Config::default() };
    let started = Instant::now();
    let read = pipeline::read_data(&yearbook::options::Options::from_config(config).expect("the options"))
        .expect("the data reads");
    println!(
        "read {} observations in {:.2} s ({} diagnostics)",
        read.dataset.observations.len(),
        started.elapsed().as_secs_f64(),
        read.diagnostics.len()
    );
}

/// The stages one by one, for where the time goes (`BENCH_STAGES=1`).
fn stages(data: &std::path::Path) {
    let path = yearbook::workbook::list(data).expect("the folder").files[0].path.clone();
    let t = Instant::now();
    let (book, _) = yearbook::workbook::read(&path);
    let book = book.expect("the workbook");
    let t_read = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let (tables, _) = yearbook::table::find_tables(&book.name, &book.sheets[0]);
    let t_tables = t.elapsed().as_secs_f64();
    let catalog = Catalog::builtin();
    let t = Instant::now();
    let mut builder = yearbook::dataset::Builder::new(&catalog);
    for table in &tables {
        builder.add_table(table);
    }
    let _ = builder.finish();
    println!("workbook {t_read:.2} s, tables {t_tables:.2} s, dataset {:.2} s", t.elapsed().as_secs_f64());
}
