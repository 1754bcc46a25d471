//! Measures what `yearbook serve` and `build --watch` promise: a rebuild after one
//! workbook changes, against a cold `yearbook build` of the sample, and the memory
//! kept after many rebuilds.
//!
//! Run from the project folder after `cargo build --release --bins --examples`:
//! `target/release/examples/bench-rebuild [RUNS] [PAUSE_MS]` (default 11 runs, no
//! pause). It copies `data/` to a temporary project, then
//! - times RUNS cold builds, each a new `target/release/yearbook build` process;
//! - builds once in this process, then RUNS times changes three 2025 figures in
//!   `专利统计.xlsx` (design and utility-model grants, PCT applications; a new value
//!   each time), so the report's tables, text and charts change, and rebuilds
//!   with what the earlier builds kept; with PAUSE_MS, it waits that long before
//!   each change, as a person does between saves (the processor's caches and
//!   clock then start cold, and the rebuild is slower than back to back);
//! - prints the medians, each stage's median in the rebuilds, and the resident
//!   memory every 10 rebuilds (40 more after the timed ones).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use yearbook::config::Config;
use yearbook::options::Options;
use yearbook::pipeline::{Timings, Warm};

mod common;

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(11);
    let pause = Duration::from_millis(std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(0));
    let project = common::sample_project();
    let data = project.path().join("data");
    let book = data.join("专利统计.xlsx");
    let original = std::fs::read(&book).expect("专利统计.xlsx");

    let yearbook = common::yearbook_binary();
    let mut cold = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = Command::new(&yearbook)
            .arg("build")
            .current_dir(project.path())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("yearbook build");
        assert!(status.success(), "the cold build failed");
        cold.push(t.elapsed());
    }

    let config = Config::load(&project.path().join("yearbook.toml")).expect("the settings");
    let mut config = config;
    config.data_dir = data.clone();
    config.output_dir = project.path().join("output");
    let opts = Options::from_config(config).expect("the options");
    let mut warm = Warm::default();
    let first = Instant::now();
    warm.build(&opts, &mut |_| {}).expect("the first build");
    let first = first.elapsed();
    let mut rebuilds = Vec::new();
    let mut stages = Vec::new();
    let mut resident = Vec::new();
    for i in 0..runs + 40 {
        std::thread::sleep(pause);
        write_with_new_time(&book, &common::edit_patents(&original, i + 1), i);
        let t = Instant::now();
        let built = warm
            .build(&opts, &mut |l| {
                if l.contains("错误") {
                    eprintln!("{l}")
                }
            })
            .expect("a rebuild");
        if i < runs {
            rebuilds.push(t.elapsed());
            stages.push(built.timings);
        }
        if (i + 1) % 10 == 0 {
            resident.push(format!("{}: {} kB", i + 1, memory("VmRSS:")));
        }
    }
    let cold_median = common::median(&mut cold);
    let warm_median = common::median(&mut rebuilds);
    println!("cold `yearbook build` (new process), median of {runs}: {:.1} ms", ms(cold_median));
    println!("first build in this process: {:.1} ms", ms(first));
    println!(
        "rebuild after one workbook changed ({} ms pause before each change), median of {runs}: {:.1} ms ({:.0}% of cold)",
        pause.as_millis(),
        ms(warm_median),
        100.0 * warm_median.as_secs_f64() / cold_median.as_secs_f64()
    );
    type Stage = fn(&Timings) -> Duration;
    let pick: [(&str, Stage); 6] = [
        ("read", |t| t.read),
        ("analysis", |t| t.analysis),
        ("charts", |t| t.charts),
        ("typeset", |t| t.typeset),
        ("pdf", |t| t.pdf),
        ("write", |t| t.write),
    ];
    for (name, f) in pick {
        let mut v: Vec<Duration> = stages.iter().map(f).collect();
        println!("  {name:<9} {:>7.1} ms", ms(common::median(&mut v)));
    }
    println!("resident memory after N rebuilds: {}", resident.join(", "));
    println!("peak resident memory: {} kB", memory("VmHWM:"));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A memory figure of this process in kB (`VmRSS:` resident, `VmHWM:` peak).
fn memory(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Writes the file and gives it a modification time of its own, as a save does.
fn write_with_new_time(path: &Path, bytes: &[u8], i: usize) {
    std::fs::write(path, bytes).expect("the workbook");
    let time = std::time::SystemTime::now() + Duration::from_secs(i as u64 + 1);
    std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(time)).expect("its time");
}
