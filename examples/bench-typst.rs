//! Compares a cold `yearbook build` of the sample with the Typst CLI compiling the
//! sources that build kept (`build --keep-sources`), and checks that the CLI gives
//! the same PDF, byte for byte.
//!
//! Needs the Typst CLI 0.15.1 on the PATH (`cargo install typst-cli --version
//! 0.15.1 --locked`, once; it is not part of CI). Run from the project folder after
//! `cargo build --release --bins --examples`:
//! `target/release/examples/bench-typst [RUNS]` (default 11). The two commands run
//! in turn, RUNS times each, in a copy of the sample project; medians are printed.

use std::process::Command;
use std::time::{Duration, Instant};

mod common;

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(11);
    let version = Command::new("typst").arg("--version").output().expect("the Typst CLI on the PATH");
    println!("{}", String::from_utf8_lossy(&version.stdout).trim());
    let project = common::sample_project();
    let yearbook = common::yearbook_binary();

    let kept = project.path().join("kept");
    run(Command::new(&yearbook).args(["build", "--keep-sources"]).arg(&kept).current_dir(project.path()));
    run(Command::new("sh").arg(kept.join("compile.sh")));
    let ours = std::fs::read_dir(project.path().join("output"))
        .expect("output/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the yearbook");
    let ours = std::fs::read(ours).expect("the yearbook");
    let theirs = std::fs::read(kept.join("yearbook.pdf")).expect("the CLI's PDF");
    match ours.iter().zip(&theirs).position(|(a, b)| a != b) {
        None if ours.len() == theirs.len() => println!("same PDF, byte for byte ({} bytes)", ours.len()),
        at => println!(
            "the PDFs differ: {} and {} bytes, first difference at byte {}",
            ours.len(),
            theirs.len(),
            at.unwrap_or(ours.len().min(theirs.len()))
        ),
    }

    let script = std::fs::read_to_string(kept.join("compile.sh")).expect("compile.sh");
    let epoch = script
        .split("SOURCE_DATE_EPOCH=")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("the date in compile.sh")
        .to_string();
    let (mut build, mut compile) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        build.push(time(Command::new(&yearbook).arg("build").current_dir(project.path())));
        compile.push(time(
            Command::new("typst")
                .args(["compile", "--root", ".", "--font-path", "fonts", "--ignore-system-fonts"])
                .args(["--pdf-standard", "a-3b,ua-1", "yearbook.typ", "yearbook.pdf"])
                .env("SOURCE_DATE_EPOCH", &epoch)
                .current_dir(&kept),
        ));
    }
    let (b, c) = (common::median(&mut build), common::median(&mut compile));
    println!("cold `yearbook build`, median of {runs}: {:.1} ms", b.as_secs_f64() * 1e3);
    println!("`typst compile` of the kept sources, median of {runs}: {:.1} ms", c.as_secs_f64() * 1e3);
    println!("ratio: {:.2}", b.as_secs_f64() / c.as_secs_f64());
}

fn run(command: &mut Command) {
    let out = command.output().expect("the command runs");
    assert!(out.status.success(), "{command:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn time(command: &mut Command) -> Duration {
    let start = Instant::now();
    run(command);
    start.elapsed()
}
