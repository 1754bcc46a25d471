//! Measures what `yearbook serve` and `build --watch` promise: a rebuild after one
//! workbook changes, against a cold `yearbook build` of the sample, and the memory
//! kept after many rebuilds.
//!
//! Run from the project folder after `cargo build --release --examples`:
//! `target/release/examples/bench-rebuild [RUNS]` (default 11). It copies `data/`
//! to a temporary project, then
//! - times RUNS cold builds, each a new `target/release/yearbook build` process;
//! - builds once in this process, then RUNS times changes three 2025 figures in
//!   `专利统计.xlsx` (design and utility-model grants, PCT applications; a new value
//!   each time), so the report's tables, text and charts change, and rebuilds
//!   with what the earlier builds kept;
//! - prints the medians, each stage's median in the rebuilds, and the resident
//!   memory every 10 rebuilds (40 more after the timed ones).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use yearbook::config::Config;
use yearbook::options::Options;
use yearbook::pipeline::{Timings, Warm};

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(11);
    let project = tempfile::tempdir().expect("a temporary folder");
    let data = project.path().join("data");
    copy_dir(Path::new("data"), &data);
    std::fs::write(project.path().join("yearbook.toml"), "date = \"2026-03-01\"\n").expect("settings");
    let book = data.join("专利统计.xlsx");
    let original = std::fs::read(&book).expect("专利统计.xlsx");
    // Edit i: i design grants more and as many utility-model grants fewer (the parts
    // still add up to the total), and i PCT applications more. Each edit is new, as
    // a user's are, so nothing is found in Typst's cache of earlier versions.
    let edit = |i: usize| {
        replace_in_zip(
            &original,
            "xl/worksheets/sheet1.xml",
            &[
                ("<v>640</v>", &format!("<v>{}</v>", 640 + i)),
                ("<v>3350</v>", &format!("<v>{}</v>", 3350 - i)),
                ("<v>219</v>", &format!("<v>{}</v>", 219 + i)),
            ],
        )
    };

    let exe = std::env::current_exe().expect("this program");
    let yearbook = exe.parent().and_then(Path::parent).map(|d| d.join("yearbook")).expect("the binary");
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
        write_with_new_time(&book, &edit(i + 1), i);
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
    let cold_median = median(&mut cold);
    let warm_median = median(&mut rebuilds);
    println!("cold `yearbook build` (new process), median of {runs}: {:.1} ms", ms(cold_median));
    println!("first build in this process: {:.1} ms", ms(first));
    println!(
        "rebuild after one workbook changed, median of {runs}: {:.1} ms ({:.0}% of cold)",
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
        println!("  {name:<9} {:>7.1} ms", ms(median(&mut v)));
    }
    println!("resident memory after N rebuilds: {}", resident.join(", "));
    println!("peak resident memory: {} kB", memory("VmHWM:"));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
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

fn copy_dir(from: &Path, to: &PathBuf) {
    std::fs::create_dir_all(to).expect("the data folder");
    for entry in std::fs::read_dir(from).expect("data/") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("a name"))).expect("a copy");
        }
    }
}

/// The workbook with each `from` replaced by its `to` in one member.
fn replace_in_zip(bytes: &[u8], member: &str, changes: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a member");
        let name = file.name().expect("a member name").to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("its content");
        if name == member {
            let mut text = String::from_utf8(content).expect("XML");
            for (from, to) in changes {
                assert!(text.contains(from), "{member} has no {from}");
                text = text.replacen(from, to, 1);
            }
            found = true;
            content = text.into_bytes();
        }
        out.start_file(name, options).expect("a member");
        out.write_all(&content).expect("its content");
    }
    assert!(found, "no {member}");
    out.finish().expect("the xlsx").into_inner()
}
