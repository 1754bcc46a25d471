//! Measures what the editions cost: a cold `yearbook build` of the sample (the
//! PDF alone) against `build --briefs` (the PDF and the eight street briefs,
//! typeset on a second thread) and `build --docx` (the PDF, then the Word
//! edition), each a new process, as a user runs them. The bound: the
//! briefs and the yearbook within 1.5 times the yearbook alone, on two cores.
//!
//! Run from the project folder after `cargo build --release --bins --examples`:
//! `target/release/examples/bench-editions [RUNS]` (default 9 runs, interleaved).

use std::process::Command;
use std::time::{Duration, Instant};

mod common;

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(9);
    let project = common::sample_project();
    let yearbook = common::yearbook_binary();
    let kinds: [(&str, &[&str]); 3] = [
        ("PDF", &["build"]),
        ("PDF + 街道简报", &["build", "--briefs"]),
        ("PDF + Word", &["build", "--docx"]),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); kinds.len()];
    // Interleaved, so that a busy moment of the machine falls on every kind alike.
    for _ in 0..runs {
        for (k, (_, args)) in kinds.iter().enumerate() {
            let t = Instant::now();
            let status = Command::new(&yearbook)
                .args(*args)
                .current_dir(project.path())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("yearbook build");
            assert!(status.success(), "{args:?} failed");
            times[k].push(t.elapsed());
        }
    }
    let medians: Vec<Duration> = times.iter_mut().map(|t| common::median(t)).collect();
    for ((name, _), m) in kinds.iter().zip(&medians) {
        println!("{name:<16} median {:>7.1} ms over {runs} runs", m.as_secs_f64() * 1000.0);
    }
    let ratio = medians[1].as_secs_f64() / medians[0].as_secs_f64();
    println!("briefs + yearbook / yearbook alone: {ratio:.2} (bound 1.5)");
}
