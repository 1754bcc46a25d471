use std::time::Instant;
use yearbook::config::Config;
use yearbook::options::Options;
use yearbook::{export, pipeline};
fn main() {
    let config = Config::load(std::path::Path::new("yearbook.toml")).unwrap();
    let opts = Options::from_config(config).unwrap();
    let read = pipeline::read_data(&opts).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let rows = export::rows(&read.catalog, &read.dataset);
        let t0 = t.elapsed();
        let t = Instant::now();
        let csv = export::render(&rows, export::Format::Csv).unwrap();
        let t1 = t.elapsed();
        let t = Instant::now();
        let x = export::render(&rows, export::Format::Xlsx).unwrap();
        let t2 = t.elapsed();
        println!("rows {t0:?} csv {t1:?} ({}) xlsx {t2:?} ({})", csv.len(), x.len());
    }
}
