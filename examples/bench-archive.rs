//! Measures what the archive features add to a build of the sample yearbook: the
//! font-coverage check, and PDF/A-3b + PDF/UA-1 export (with attachments) against a
//! plain PDF export of the same document. Run with `cargo run --release --example
//! bench-archive`.

use std::time::Instant;

use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use yearbook::config::Config;
use yearbook::options::Options;
use yearbook::{pipeline, typeset};

fn main() {
    let config = Config::load(std::path::Path::new("yearbook.toml")).expect("yearbook.toml");
    let opts = Options::from_config(config).expect("the options");
    let prepared = pipeline::prepare(&opts, &mut |_| {}).expect("the sample data");
    let t = Instant::now();
    let (_, input) = pipeline::typeset_input(&opts, prepared, &mut |_| {}).expect("the input");
    println!(
        "typeset input (JSON, font coverage check, attachments): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let world = typeset::YearbookWorld::new(input).expect("the world");
    let t = Instant::now();
    let (doc, _) = typeset::compile(&world).expect("the document");
    println!("compile: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    for (name, list) in
        [("plain PDF", vec![]), ("PDF/A-3b + PDF/UA-1", vec![PdfStandard::A_3b, PdfStandard::Ua_1])]
    {
        let mut best = f64::MAX;
        let mut size = 0;
        for _ in 0..5 {
            let options = PdfOptions {
                ident: Smart::Custom("bench".into()),
                timestamp: Datetime::from_ymd_hms(2026, 3, 1, 0, 0, 0).map(Timestamp::new_utc),
                standards: PdfStandards::new(&list).expect("valid standards"),
                tagged: !list.is_empty(),
                ..PdfOptions::default()
            };
            let t = Instant::now();
            let pdf = typst_pdf::pdf(&doc, &options).expect("export");
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
            size = pdf.len();
        }
        println!("{name}: {best:.1} ms, {size} bytes");
    }
}
