//! `yearbook serve`: the JSON API over a real socket (every endpoint and every
//! refusal: Host, Origin, names, types, size), and the page in headless Chromium
//! (see `browser.rs`).

mod browser;
mod faults;
mod texts;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::root;

/// A project folder: settings file and a copy of the sample data.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for e in std::fs::read_dir(root().join("data")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join("data").join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(root().join("yearbook.toml"), dir.path().join("yearbook.toml")).unwrap();
    dir
}

/// Starts the server for a project on a free port; returns the port.
pub fn start(project: &Path) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let config = project.join("yearbook.toml");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let env = yearbook::options::Env::fixed((2026, 3, 1));
            yearbook::serve::serve_on(listener, config, env).await.unwrap();
        });
    });
    // The socket is bound already; the server answers once its first check is done.
    assert_eq!(get(port, "/api/status").0, 200, "the server did not start");
    port
}

/// A response: status, headers (lower-case names), body.
pub struct Reply(pub u16, pub String, pub Vec<u8>);

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.2)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.2)))
    }
}

/// One HTTP/1.1 request with the given headers (Host is added unless given).
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    // Read the head, then the body by its length (some servers keep the
    // connection open), or to the end.
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => panic!("no response head: {}", String::from_utf8_lossy(&raw)),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    };
    let length = String::from_utf8_lossy(&raw[..split])
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>())
        })
        .and_then(Result::ok);
    match length {
        Some(n) => {
            while raw.len() < split + 4 + n {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => raw.extend_from_slice(&buf[..k]),
                }
            }
        }
        None => {
            let _ = s.read_to_end(&mut raw);
        }
    }
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let code = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    Reply(code, head.to_ascii_lowercase(), body)
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else { return out };
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
}

pub fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path, &[], b"")
}

fn origin(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

/// A POST from the page (its Origin).
pub fn post(port: u16, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let o = origin(port);
    let mut h = vec![("Origin", o.as_str())];
    h.extend_from_slice(headers);
    request(port, "POST", path, &h, body)
}

/// A multipart body with one file.
pub fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----yearbooktestboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A workbook of two earlier years with a deliberate error (“约9650” is not a
/// number) or, fixed, the number.
pub fn patent_book(path: &Path, fixed: bool) {
    super::write_book(
        path,
        "专利",
        &[
            vec!["玄武区专利情况（补充）"],
            vec!["", "", "单位：件"],
            vec!["指标", "2014年", "2015年"],
            vec!["专利授权量", "5120", "5480"],
            vec!["有效发明专利拥有量", "9010", if fixed { "9650" } else { "约9650" }],
        ],
    );
}

#[test]
fn status_lists_files_and_typed_diagnostics() {
    let dir = project();
    let port = start(dir.path());
    let r = get(port, "/api/status");
    assert_eq!(r.0, 200);
    let s = r.json();
    assert_eq!(s["year"], 2025);
    assert_eq!(s["files"].as_array().unwrap().len(), 6);
    let f = &s["files"][0];
    for key in ["name", "size", "modified", "values", "warnings", "errors"] {
        assert!(!f[key].is_null(), "{key} in {f}");
    }
    assert!(s["values"].as_u64().unwrap() > 500, "{}", s["values"]);
    for d in s["diagnostics"].as_array().unwrap() {
        assert!(["error", "warning", "note"].contains(&d["severity"].as_str().unwrap()), "{d}");
        for key in ["file", "sheet", "cell", "message", "hint", "kind"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
    }
    // The page and its assets, all from the binary.
    let page = get(port, "/");
    assert_eq!(page.0, 200);
    let html = String::from_utf8(page.2).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("生成年报"), "{html}");
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing from outside");
    assert_eq!(get(port, "/app.js").0, 200);
    assert_eq!(get(port, "/app.css").0, 200);
}

#[test]
fn refuses_foreign_hosts_and_origins() {
    let dir = project();
    let port = start(dir.path());
    // DNS rebinding: a name that resolves here but is not ours.
    let r = request(port, "GET", "/api/status", &[("Host", "evil.example:80")], b"");
    assert_eq!(r.0, 403);
    assert!(r.json()["error"].as_str().unwrap().contains("主机名"));
    let r = request(port, "GET", "/api/status", &[("Host", &format!("127.0.0.1:{}", port + 1))], b"");
    assert_eq!(r.0, 403);
    assert_eq!(request(port, "GET", "/api/status", &[("Host", &format!("localhost:{port}"))], b"").0, 200);
    // State-changing requests: no Origin, a foreign Origin.
    for headers in [vec![], vec![("Origin", "http://evil.example")], vec![("Origin", "null")]] {
        let r = request(port, "POST", "/api/build", &headers, b"");
        assert_eq!(r.0, 403, "{headers:?}");
        assert!(r.json()["error"].as_str().unwrap().contains("不是来自本页面"));
        let r = request(port, "POST", "/api/files/x.xlsx/remove", &headers, b"");
        assert_eq!(r.0, 403);
    }
    assert!(dir.path().join("data/专利统计.xlsx").exists());
}

#[test]
fn uploads_are_named_typed_and_sized() {
    let dir = project();
    let port = start(dir.path());
    let book = dir.path().join("book.xlsx");
    patent_book(&book, false);
    let bytes = std::fs::read(&book).unwrap();
    // A name with folders is refused, not cut to its last part: nothing is saved.
    let (ct, body) = multipart("../../逃逸/补充.xlsx", &bytes);
    let r = post(port, "/api/files", &[("Content-Type", &ct)], &body);
    assert_eq!(r.0, 400, "{}", String::from_utf8_lossy(&r.2));
    assert!(!dir.path().join("data/补充.xlsx").exists());
    assert!(!dir.path().join("逃逸").exists());
    let (ct, body) = multipart("补充.xlsx", &bytes);
    let r = post(port, "/api/files", &[("Content-Type", &ct)], &body);
    assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
    assert_eq!(r.json()["files"][0], "补充.xlsx");
    assert!(dir.path().join("data/补充.xlsx").exists());
    let s = get(port, "/api/status").json();
    let row = s["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "补充.xlsx" && d["severity"] == "error")
        .unwrap_or_else(|| {
            panic!(
                "the uploaded file's error: {:?}",
                s["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["file"] == "补充.xlsx")
                    .collect::<Vec<_>>()
            )
        });
    assert_eq!(row["kind"], "not-a-number");
    assert_eq!((row["sheet"].as_str().unwrap(), row["cell"].as_str().unwrap()), ("专利", "C5"));
    // Refusals: type, hidden or empty names, size.
    let (ct, body) = multipart("病毒.exe", b"MZ");
    let r = post(port, "/api/files", &[("Content-Type", &ct)], &body);
    assert_eq!(r.0, 415);
    assert!(r.json()["error"].as_str().unwrap().contains("只接受工作簿"));
    for bad in [".hidden.xlsx", "..", "a\u{1}.xlsx"] {
        let (ct, body) = multipart(bad, b"x");
        assert_eq!(post(port, "/api/files", &[("Content-Type", &ct)], &body).0, 400, "{bad}");
    }
    let big = vec![0u8; yearbook::serve::MAX_UPLOAD + 1];
    let (ct, body) = multipart("大.xlsx", &big);
    let r = post(port, "/api/files", &[("Content-Type", &ct)], &body);
    assert_eq!(r.0, 413);
    assert!(!dir.path().join("data/大.xlsx").exists());
    let (ct, _) = multipart("x.xlsx", b"");
    let r = post(
        port,
        "/api/files",
        &[("Content-Type", &ct)],
        format!("--{}--\r\n", "----yearbooktestboundary").as_bytes(),
    );
    assert_eq!(r.0, 400);
}

#[test]
fn remove_moves_into_the_removed_folder() {
    let dir = project();
    let port = start(dir.path());
    let r = post(port, "/api/files/%E5%95%86%E6%A0%87%E4%B8%8E%E7%89%88%E6%9D%83.xlsx/remove", &[], b"");
    assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
    assert!(!dir.path().join("data/商标与版权.xlsx").exists());
    let moved = r.json()["moved-to"].as_str().unwrap().to_string();
    assert!(moved.starts_with(".已移除/") && moved.ends_with("/商标与版权.xlsx"), "{moved}");
    assert!(dir.path().join("data").join(&moved).exists());
    assert_eq!(get(port, "/api/status").json()["files"].as_array().unwrap().len(), 5);
    // Not there any more; not a workbook; a path.
    assert_eq!(
        post(port, "/api/files/%E5%95%86%E6%A0%87%E4%B8%8E%E7%89%88%E6%9D%83.xlsx/remove", &[], b"").0,
        404
    );
    // Only an entry of the data folder; never a path.
    assert_eq!(post(port, "/api/files/yearbook.toml/remove", &[], b"").0, 404);
    assert_eq!(post(port, "/api/files/..%2Fyearbook.toml/remove", &[], b"").0, 400);
    assert!(dir.path().join("yearbook.toml").exists());
}

#[test]
fn build_gives_the_pdf_pages_and_exports() {
    let dir = project();
    let port = start(dir.path());
    let r = post(port, "/api/build", &[], b"");
    assert_eq!(r.0, 200);
    let b = r.json();
    assert_eq!(b["ok"], true, "{b}");
    assert!(b["pages"].as_u64().unwrap() > 15);
    assert!(b["seconds"].as_f64().unwrap() > 0.0);
    assert!(b["diagnostics"].is_array());
    let pdf = b["pdf"].as_str().unwrap();
    assert!(pdf.starts_with("/output/"), "{pdf}");
    let r = get(port, pdf);
    assert_eq!(r.0, 200);
    assert!(r.2.starts_with(b"%PDF-"));
    assert!(r.1.contains("content-type: application/pdf"));
    for e in b["exports"].as_array().unwrap() {
        assert_eq!(get(port, e.as_str().unwrap()).0, 200, "{e}");
    }
    let png = get(port, "/pages/1.png");
    assert_eq!(png.0, 200);
    assert!(png.2.starts_with(b"\x89PNG"));
    assert_eq!(get(port, "/pages/999.png").0, 404);
    assert_eq!(get(port, "/output/..%2Fyearbook.toml").0, 404);
    assert_eq!(get(port, "/output/yearbook.toml").0, 404);
}

#[test]
fn settings_keep_the_files_comments() {
    let dir = project();
    let port = start(dir.path());
    let s = get(port, "/api/settings").json();
    assert_eq!(s["date"], "2026-03");
    let body =
        r#"{"year":2025,"date":"2026-04","organization":"某局","paper":"16k","chapter_on_right":true}"#;
    let r = post(port, "/api/settings", &[("Content-Type", "application/json")], body.as_bytes());
    assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
    let text = std::fs::read_to_string(dir.path().join("yearbook.toml")).unwrap();
    assert!(text.contains("# 编制单位，印在封面，并写入 PDF 的作者信息\norganization = \"某局\""), "{text}");
    assert!(text.contains("paper = \"16k\"") && text.contains("chapter-on-right = true"), "{text}");
    let bad = r#"{"year":2025,"date":"2026-13","organization":"某局","paper":"16k","chapter_on_right":true}"#;
    let r = post(port, "/api/settings", &[("Content-Type", "application/json")], bad.as_bytes());
    assert_eq!(r.0, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("2026-13"));
}

#[test]
fn events_stream_a_saved_workbook() {
    let dir = project();
    let port = start(dir.path());
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
    write!(s, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // Saved by "Excel": the page is told the new diagnostics, then a build.
    patent_book(&dir.path().join("data/补充.xlsx"), false);
    let mut seen = String::new();
    let mut buf = [0u8; 65536];
    let deadline = Instant::now() + Duration::from_secs(90);
    while Instant::now() < deadline && !seen.contains("event: build\n") {
        let n = s.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("text/event-stream"), "{seen}");
    assert!(
        seen.contains("event: status") && seen.contains("补充.xlsx"),
        "{}",
        &seen[..seen.len().min(2000)]
    );
    assert!(seen.contains("event: build-start"), "{}", &seen[..seen.len().min(2000)]);
    assert!(seen.contains("event: build\n"), "{}", &seen[..seen.len().min(2000)]);
}

pub fn chromedriver() -> Option<PathBuf> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].iter().map(PathBuf::from).find(|p| p.exists())
}

#[test]
fn build_prints_timings_and_keeps_its_sources() {
    let dir = project();
    let (code, _, stderr) = super::yearbook(&["build", "--timings", "--keep-sources", "kept"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    for stage in ["读取", "分析", "统计图", "排版", "导出 PDF", "写入", "合计"] {
        assert!(stderr.contains(&format!("用时 {stage}")), "{stage} in {stderr}");
    }
    let kept = dir.path().join("kept");
    for f in ["yearbook.typ", "data/report.json", "compile.sh", "fonts/NotoSansCJKsc-Regular.otf"] {
        assert!(kept.join(f).exists(), "{f}");
    }
    assert!(std::fs::read_dir(kept.join("charts")).unwrap().count() > 5);
}

#[test]
fn a_change_during_a_build_queues_one_more() {
    let dir = project();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let env = yearbook::options::Env::fixed((2026, 3, 1));
        let desk = yearbook::serve::Desk::new(dir.path().join("yearbook.toml"), env);
        let mut events = desk.events.subscribe();
        let first = tokio::spawn({
            let desk = desk.clone();
            async move { desk.build().await }
        });
        // Wait until the first build has started, then two changes arrive.
        loop {
            let e = events.recv().await.unwrap();
            if e.contains("build-start") {
                break;
            }
        }
        assert!(desk.build_or_queue().await.is_none(), "a build is running: queued");
        assert!(desk.build_or_queue().await.is_none(), "still one more, not two");
        let result = first.await.unwrap();
        assert!(result.ok, "{result:?}");
        // The first build, then exactly one more.
        let mut starts = 1;
        while let Ok(Ok(e)) = tokio::time::timeout(Duration::from_secs(2), events.recv()).await {
            starts += usize::from(e.contains("\"build-start\""));
        }
        assert_eq!(starts, 2);
        assert_eq!(result.generation, 2, "the result is the queued build's");
    });
}

/// A build tells the page twice: once the PDF is written (the thumbnails can be
/// fetched; the job goes on with the exports), then once more, same build, with
/// the exports, the job over.
#[test]
fn the_yearbook_is_published_before_its_exports() {
    let dir = project();
    let output = dir.path().join("output");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let env = yearbook::options::Env::fixed((2026, 3, 1));
        let desk = yearbook::serve::Desk::new(dir.path().join("yearbook.toml"), env);
        let mut events = desk.events.subscribe();
        let job = tokio::spawn({
            let desk = desk.clone();
            async move { desk.build().await }
        });
        let mut builds = Vec::new();
        while builds.len() < 2 {
            let e: serde_json::Value = serde_json::from_str(&events.recv().await.unwrap()).unwrap();
            if e["event"] == "build" {
                // The PDF is written before the first.
                assert!(output.join("玄武区知识产权统计年报（2025年）.pdf").is_file());
                builds.push(e["data"].clone());
            }
        }
        let result = job.await.unwrap();
        assert!(result.ok, "{result:?}");
        let (first, last) = (&builds[0], &builds[1]);
        assert_eq!(first["ok"], true);
        assert_eq!(first["exporting"], true, "the job goes on");
        assert_eq!(last["exporting"], false, "the job is over");
        assert_eq!(first["generation"], last["generation"]);
        assert_eq!(first["pdf"], last["pdf"]);
        assert_eq!(first["exports"].as_array().unwrap().len(), 0);
        let exports: Vec<&str> = last["exports"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        assert_eq!(
            exports,
            [
                "/output/%E7%8E%84%E6%AD%A6%E5%8C%BA%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E7%BB%9F%E8%AE%A1%E6%95%B0%E6%8D%AE%EF%BC%882025%E5%B9%B4%EF%BC%89.csv",
                "/output/%E7%8E%84%E6%AD%A6%E5%8C%BA%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E7%BB%9F%E8%AE%A1%E6%95%B0%E6%8D%AE%EF%BC%882025%E5%B9%B4%EF%BC%89.xlsx",
            ]
        );
        assert!(output.join("玄武区知识产权统计数据（2025年）.csv").is_file());
        assert!(output.join("玄武区知识产权统计数据（2025年）.xlsx").is_file());
        assert_eq!(result.exports, exports, "the API's result is the last, with the exports");
        let status = desk.status.read().unwrap();
        assert!(!status.building);
        assert_eq!(status.build.as_ref().unwrap().exports, exports);
    });
}

/// Exports that cannot be written do not unmake the yearbook: the build is ok,
/// with its PDF, and says which part failed.
#[test]
fn exports_that_cannot_be_written_leave_the_yearbook_built() {
    let dir = project();
    // A folder where the CSV export would go: it cannot be replaced by a file.
    let blocker = dir.path().join("output/玄武区知识产权统计数据（2025年）.csv");
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    let port = start(dir.path());
    let b = post(port, "/api/build", &[], b"").json();
    assert_eq!(b["ok"], true, "{b}");
    assert_eq!(b["error"], serde_json::Value::Null);
    assert_eq!(b["exports"].as_array().unwrap().len(), 0);
    let warning = b["warning"].as_str().unwrap();
    assert!(warning.starts_with("整理后数据（CSV、Excel）未能写出："), "{warning}");
    assert_eq!(get(port, b["pdf"].as_str().unwrap()).0, 200);
    assert!(blocker.join("x").is_dir(), "the folder in the way is left alone");
}

/// What `serve` and `build --watch` keep between builds (the workbooks read, the
/// fonts, Typst's world and memoised work) changes the time, never the yearbook: a
/// rebuild after a workbook is taken out gives the PDF a cold build of the same
/// data gives, byte for byte.
#[test]
fn a_warm_rebuild_gives_the_cold_build_s_pdf() {
    let dir = project();
    let config = yearbook::config::Config {
        data_dir: dir.path().join("data"),
        output_dir: dir.path().join("output"),
        date: Some("2026-03".into()),
        ..yearbook::config::Config::default()
    };
    let opts = super::opts(config);
    let mut warm = yearbook::pipeline::Warm::default();
    let all = warm.build(&opts, &mut |_| {}).unwrap();
    let all_pdf = std::fs::read(&all.path).unwrap();
    std::fs::rename(dir.path().join("data/服务与人才.xlsx"), dir.path().join("服务与人才.xlsx")).unwrap();
    let warm_built = warm.build(&opts, &mut |_| {}).unwrap();
    let warm_pdf = std::fs::read(&warm_built.path).unwrap();
    let cold = yearbook::pipeline::build(&opts, &mut |_| {}).unwrap();
    let cold_pdf = std::fs::read(&cold.path).unwrap();
    assert_ne!(all_pdf, cold_pdf, "taking a workbook out changes the yearbook");
    assert!(warm_pdf == cold_pdf, "the warm rebuild's PDF differs from the cold build's");
    assert_eq!(warm_built.pages, cold.pages);
}

/// The Typst CLI compiling what `build --keep-sources` kept, with the command of
/// its `compile.sh`, gives the yearbook's PDF byte for byte. Needs the Typst CLI
/// 0.15.1 on the PATH, which CI does not install (it is a second build of Typst):
/// `cargo install typst-cli --version 0.15.1 --locked`, then
/// `cargo test -- --ignored typst_compile`.
#[test]
#[ignore = "needs the Typst CLI 0.15.1 on the PATH"]
fn typst_compile_of_the_kept_sources_gives_the_same_pdf() {
    let dir = project();
    let (code, _, stderr) = super::yearbook(&["build", "--keep-sources", "kept"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let script = dir.path().join("kept/compile.sh");
    let out = std::process::Command::new("sh").arg(&script).output().expect("sh");
    assert!(out.status.success(), "compile.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    let ours = std::fs::read(dir.path().join("output/玄武区知识产权统计年报（2025年）.pdf")).unwrap();
    let theirs = std::fs::read(dir.path().join("kept/yearbook.pdf")).unwrap();
    assert_eq!(ours.len(), theirs.len());
    assert!(ours == theirs, "typst compile gave another PDF");
}
