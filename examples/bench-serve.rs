//! Measures `yearbook serve` as the statistician meets it: from a workbook saved in
//! the data folder to the page's thumbnails updated, and the server's memory over
//! many rebuilds.
//!
//! Run from the project folder after `cargo build --release --bins --examples`:
//! `target/release/examples/bench-serve [RUNS]` (default 20). It copies `data/` to
//! a temporary project, starts `target/release/yearbook serve --no-open` there and
//! listens to its event stream as the page does. RUNS times it saves
//! `专利统计.xlsx` with new 2025 figures, waits for the rebuild's `build` event and
//! then fetches every page's thumbnail, as the page does on that event; then waits
//! for the same build's second `build` event, sent once the CSV and XLSX exports are
//! written. It prints the median and the slowest time from the save to the last
//! thumbnail, the rebuild's own time to its PDF, how long after it the exports
//! came, and the server's resident memory every 5 rebuilds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let project = common::sample_project();
    let data = project.path().join("data");
    let book = data.join("专利统计.xlsx");
    let original = std::fs::read(&book).expect("专利统计.xlsx");

    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a port").port();
    let yearbook = common::yearbook_binary();
    let mut server = Command::new(&yearbook)
        .args(["serve", "--no-open", "--port", &port.to_string()])
        .current_dir(project.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("yearbook serve");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    let events = listen(port);
    // The first build, cold.
    let first = request(port, "POST", "/api/build");
    let pages =
        serde_json::from_slice::<serde_json::Value>(&first).expect("JSON")["pages"].as_u64().unwrap_or(0);
    assert!(pages > 0, "the first build failed: {}", String::from_utf8_lossy(&first));
    while events.try_recv().is_ok() {}
    let mut generation = serde_json::from_slice::<serde_json::Value>(&first).expect("JSON")["generation"]
        .as_u64()
        .unwrap_or(0);
    // Builds the saves started beyond one each (a save seen twice).
    let mut extra = 0;

    let mut totals = Vec::new();
    let mut rebuilds = Vec::new();
    let mut exports = Vec::new();
    let mut memory = Vec::new();
    for i in 1..=runs {
        let edited = common::edit_patents(&original, i);
        let saved = Instant::now();
        std::fs::write(&book, &edited).expect("the workbook");
        let build = loop {
            let event = events.recv_timeout(Duration::from_secs(60)).expect("a build event");
            if event.0 == "build" && event.1["generation"].as_u64() > Some(generation) {
                break (event.1, event.2);
            }
        };
        let (build, published) = build;
        extra += build["generation"].as_u64().unwrap_or(0).saturating_sub(generation + 1);
        generation = build["generation"].as_u64().unwrap_or(0);
        assert_eq!(build["ok"], true, "the rebuild failed: {build}");
        for page in 1..=build["pages"].as_u64().unwrap_or(0) {
            let png = request(port, "GET", &format!("/pages/{page}.png?g={}", build["generation"]));
            assert!(png.starts_with(b"\x89PNG"), "page {page} is not a PNG");
        }
        totals.push(saved.elapsed());
        rebuilds.push(Duration::from_secs_f64(build["seconds"].as_f64().unwrap_or(0.0)));
        // The same build again once its exports are written.
        let exported = loop {
            let event = events.recv_timeout(Duration::from_secs(60)).expect("the exports' event");
            if event.0 == "build"
                && event.1["generation"] == build["generation"]
                && event.1["exports"] != build["exports"]
            {
                break (event.1, event.2);
            }
        };
        assert_eq!(exported.0["exports"].as_array().map_or(0, Vec::len), 2, "no exports: {}", exported.0);
        exports.push(exported.1 - published);
        if i % 5 == 0 {
            memory.push(format!("{i}: {} kB", resident(server.id())));
        }
        // Let the folder settle before the next save, as a person would.
        std::thread::sleep(Duration::from_millis(300));
        while events.try_recv().is_ok() {}
    }
    let peak = peak(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let slowest = totals.iter().max().copied().unwrap_or_default();
    println!(
        "saved → {pages} thumbnails updated, median of {runs}: {:.0} ms (slowest {:.0} ms; includes the server's 250 ms wait for the save to settle)",
        ms(common::median(&mut totals)),
        ms(slowest)
    );
    println!(
        "one build job, read to the PDF written and published, median: {:.0} ms; the CSV and XLSX exports follow, published {:.0} ms later (median, as this program saw the two events)",
        ms(common::median(&mut rebuilds)),
        ms(common::median(&mut exports))
    );
    println!("builds beyond one a save: {extra}");
    println!("server resident memory after N rebuilds: {}", memory.join(", "));
    println!("server peak resident memory: {peak} kB");
}

/// The server's event stream: (event name, data) as they arrive.
fn listen(port: u16) -> mpsc::Receiver<(String, serde_json::Value, Instant)> {
    let (tx, rx) = mpsc::channel();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the event stream");
    write!(stream, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n")
        .expect("the request");
    std::thread::spawn(move || {
        let mut name = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(n) = line.strip_prefix("event:") {
                name = n.trim().to_string();
            } else if let Some(d) = line.strip_prefix("data:") {
                let data = serde_json::from_str(d.trim()).unwrap_or(serde_json::Value::Null);
                if tx.send((std::mem::take(&mut name), data, Instant::now())).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// One request on its own connection; the body.
fn request(port: u16, method: &str, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server");
    let origin = format!("http://127.0.0.1:{port}");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .expect("the request");
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).expect("the reply");
    let at = reply.windows(4).position(|w| w == b"\r\n\r\n").expect("headers") + 4;
    let head = String::from_utf8_lossy(&reply[..at]).to_ascii_lowercase();
    let body = reply[at..].to_vec();
    if head.contains("transfer-encoding: chunked") { unchunk(&body) } else { body }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = b.windows(2).position(|w| w == b"\r\n") else { return out };
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 2 + size + 2..];
    }
}

/// A memory figure of a process in kB.
fn field(pid: u32, name: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn resident(pid: u32) -> u64 {
    field(pid, "VmRSS:")
}

fn peak(pid: u32) -> u64 {
    field(pid, "VmHWM:")
}
