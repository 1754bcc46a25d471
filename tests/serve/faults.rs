//! The desk under faults, over a real socket: a workbook saved while a job runs
//! is built after it; removed files are kept, each, and can be put back; settings
//! and uploads that no build can use are refused whole, with a Chinese message;
//! entries of the data folder that are not read are named and can be moved out.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use yearbook::serve::Desk;

use super::{get, patent_book, post, project};

/// Serves a desk made by the test on a free port; returns the port.
fn serve(desk: Arc<Desk>) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            yearbook::serve::serve_desk(listener, desk).await.unwrap();
        });
    });
    assert_eq!(get(port, "/api/status").0, 200, "the server did not start");
    port
}

fn desk(project: &Path) -> Arc<Desk> {
    Desk::new(project.join("yearbook.toml"), yearbook::options::Env::fixed((2026, 3, 1)))
}

/// A multipart body with several files.
fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----yearbooktestboundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Percent-encodes a URL path segment (a `/` too).
fn url(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn upload(port: u16, files: &[(&str, &[u8])]) -> super::Reply {
    let (ct, body) = multipart(files);
    post(port, "/api/files", &[("Content-Type", &ct)], &body)
}

/// Polls the status until `done` holds (at most two minutes); gives it back.
fn status_until(port: u16, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let s = get(port, "/api/status").json();
        if done(&s) {
            return s;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}: {s}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The last build is published, over (its exports written), and read the data
/// as it is now.
fn up_to_date(s: &Value) -> bool {
    s["building"] == false
        && s["build"]["exporting"] == false
        && s["yearbook_from"].as_u64().is_some_and(|g| Some(g) == s["data_generation"].as_u64())
        && s["build"]["built_from"] == s["data_generation"]
}

/// The patent workbook with a figure of 2014 as given.
fn patent_book_with(path: &Path, granted_2014: &str) {
    super::super::write_book(
        path,
        "专利",
        &[
            vec!["玄武区专利情况（补充）"],
            vec!["", "", "单位：件"],
            vec!["指标", "2014年", "2015年"],
            vec!["专利授权量", granted_2014, "5480"],
            vec!["有效发明专利拥有量", "9010", "9650"],
        ],
    );
}

/// Excel saves a workbook while the check of an upload is still running (held
/// at the desk's test hold until the save is seen): a build follows the check,
/// and the yearbook, its exports and the status end with the saved figure.
#[test]
fn a_workbook_saved_during_an_upload_s_check_is_built() {
    let dir = project();
    let desk = desk(dir.path());
    let port = serve(desk.clone());
    let first = post(port, "/api/build", &[], b"").json();
    assert_eq!(first["ok"], true, "{first}");

    let hold = desk.hold_jobs();
    let book = dir.path().join("补充.xlsx");
    patent_book_with(&book, "5120");
    let bytes = std::fs::read(&book).unwrap();
    let uploading = std::thread::spawn(move || upload(port, &[("补充.xlsx", &bytes)]));
    assert!(hold.wait_for_job(Duration::from_secs(60)), "the upload's check did not start");
    // The upload itself, then the watcher's sight of it: two changes.
    let generation = |port| get(port, "/api/status").json()["data_generation"].as_u64().unwrap();
    let before = status_until(port, "the upload seen", |s| s["data_generation"].as_u64() >= Some(2));
    let seen = before["data_generation"].as_u64().unwrap();
    // Saved while the check is held.
    patent_book_with(&dir.path().join("data/补充.xlsx"), "5987");
    let deadline = Instant::now() + Duration::from_secs(30);
    while generation(port) == seen {
        assert!(Instant::now() < deadline, "the watcher did not see the save");
        std::thread::sleep(Duration::from_millis(50));
    }
    let s = get(port, "/api/status").json();
    assert!(s["yearbook_from"].as_u64() < s["data_generation"].as_u64(), "out of date while held: {s}");
    drop(hold);

    let reply = uploading.join().unwrap();
    assert_eq!(reply.0, 200, "{}", String::from_utf8_lossy(&reply.2));
    let s = status_until(port, "a build of the saved data", up_to_date);
    let build = &s["build"];
    assert_eq!(build["ok"], true, "{build}");
    assert!(build["generation"].as_u64() > first["generation"].as_u64());
    let csv =
        build["exports"].as_array().unwrap().iter().find(|e| e.as_str().unwrap().ends_with(".csv")).unwrap();
    let csv = String::from_utf8(get(port, csv.as_str().unwrap()).2).unwrap();
    let row =
        csv.lines().find(|l| l.starts_with("专利授权量,玄武区,2014,")).unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains(",5987,"), "the saved figure: {row}");
    let on_disk = std::fs::read_dir(dir.path().join("output")).unwrap().count();
    assert!(on_disk >= 3, "the PDF and its exports");
}

/// The same name removed three times, quickly: three copies, each kept, each
/// listed and each able to go back, never over a file of the same name.
#[test]
fn each_removal_is_kept_and_can_be_put_back() {
    let dir = project();
    let port = super::start(dir.path());
    let data = dir.path().join("data");
    let mut moved = Vec::new();
    for i in 1..=3 {
        std::fs::write(data.join("草稿.csv"), format!("第{i}份")).unwrap();
        let r = post(port, "/api/files/%E8%8D%89%E7%A8%BF.csv/remove", &[], b"");
        assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
        moved.push(r.json()["moved-to"].as_str().unwrap().to_string());
    }
    let mut kept: Vec<String> =
        moved.iter().map(|m| std::fs::read_to_string(data.join(m)).unwrap()).collect();
    kept.sort();
    assert_eq!(kept, ["第1份", "第2份", "第3份"], "{moved:?}");

    let removed = get(port, "/api/removed").json();
    let removed = removed.as_array().unwrap();
    assert_eq!(removed.len(), 3, "{removed:?}");
    assert!(removed.iter().all(|r| r["name"] == "草稿.csv" && r["what"] == "文件"));
    assert_eq!(get(port, "/api/status").json()["removed"].as_array().unwrap().len(), 3);

    let path = |r: &Value| format!("/api/removed/{}/restore", url(r["id"].as_str().unwrap()));
    let r = post(port, &path(&removed[0]), &[], b"");
    assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
    assert_eq!(r.json()["name"], "草稿.csv");
    let back = std::fs::read_to_string(data.join("草稿.csv")).unwrap();
    // The second goes nowhere: the name is taken.
    let r = post(port, &path(&removed[1]), &[], b"");
    assert_eq!(r.0, 409);
    let error = r.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("数据目录中已有“草稿.csv”，未放回"), "{error}");
    assert_eq!(std::fs::read_to_string(data.join("草稿.csv")).unwrap(), back, "not overwritten");
    assert_eq!(get(port, "/api/removed").json().as_array().unwrap().len(), 2);
    for bad in ["..%2F..%2Fyearbook.toml", "%E6%B2%A1%E6%9C%89", "a%2Fb%2Fc"] {
        assert_eq!(post(port, &format!("/api/removed/{bad}/restore"), &[], b"").0, 404, "{bad}");
    }
    assert!(dir.path().join("yearbook.toml").is_file());
}

/// Settings no build can use are refused whole, naming the setting, in Chinese,
/// and the settings file stays as it was; so does an oversized body.
#[test]
fn settings_no_build_can_use_are_refused() {
    let dir = project();
    let port = super::start(dir.path());
    let file = dir.path().join("yearbook.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    let form = |organization: &str| {
        serde_json::json!({
            "year": 2025, "date": "2026-03", "organization": organization, "paper": "a4", "chapter_on_right": false
        })
        .to_string()
    };
    let json = [("Content-Type", "application/json")];
    // A megabyte: refused before it is read whole.
    let r = post(port, "/api/settings", &json, form(&"局".repeat(350_000)).as_bytes());
    assert_eq!(r.0, 413);
    assert!(r.json()["error"].as_str().unwrap().contains("未保存"));
    for (organization, says) in [
        ("局".repeat(101), "organization（编制单位）过长：101 个字，最多 100 个字"),
        ("某局\u{0}".to_string(), "organization（编制单位）含有控制字符（U+0000）"),
        ("某\u{202E}局".to_string(), "organization（编制单位）含有不可见的格式字符（U+202E"),
    ] {
        let r = post(port, "/api/settings", &json, form(&organization).as_bytes());
        assert_eq!(r.0, 400, "{organization:?}");
        let error = r.json()["error"].as_str().unwrap().to_string();
        assert!(error.contains(says), "{error}");
    }
    let r = post(port, "/api/settings", &json, b"{\"year\":");
    assert_eq!(r.0, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("无法读取"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let b = post(port, "/api/build", &[], b"").json();
    assert_eq!(b["ok"], true, "{b}");
}

/// An upload is taken whole or not at all; names are refused, never rewritten;
/// nothing a client sends gets a 500.
#[test]
fn an_upload_is_taken_whole_or_refused_whole() {
    let dir = project();
    let port = super::start(dir.path());
    let data = dir.path().join("data");
    let table = "指标,2014年\n专利授权量,5120\n".as_bytes();
    let names: Vec<String> = (1..=100)
        .map(|i| if i == 51 { "第51个.exe".to_string() } else { format!("批量{i:03}.csv") })
        .collect();
    let files: Vec<(&str, &[u8])> =
        names.iter().map(|n| (n.as_str(), if n.ends_with(".exe") { &b"MZ"[..] } else { table })).collect();
    let r = upload(port, &files);
    assert_eq!(r.0, 415);
    let error = r.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("第51个.exe") && error.contains("未上传任何文件"), "{error}");
    let listed: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!listed.iter().any(|n| n.starts_with("批量")), "the first 50 are not saved: {listed:?}");
    let staged = std::fs::read_dir(data.join(".上传中")).map_or(0, |d| d.count());
    assert_eq!(staged, 0, "no staged file is left");

    let long = format!("{}.xlsx", "专".repeat(100));
    for (name, says) in [
        ("../../x.xlsx", "路径分隔符"),
        (long.as_str(), "文件名过长（305 字节"),
        ("报表\u{202E}xslx.xlsx", "不可见的格式字符（U+202E"),
    ] {
        let r = upload(port, &[("好.xlsx", table), (name, table)]);
        assert_eq!(r.0, 400, "{name}");
        let error = r.json()["error"].as_str().unwrap().to_string();
        assert!(error.contains(says) && error.contains("未上传任何文件"), "{error}");
        assert!(error.contains(&yearbook::workbook::folder::shown(name)), "names the file: {error}");
    }
    assert!(!data.join("x.xlsx").exists() && !data.join("好.xlsx").exists());
    assert_eq!(upload(port, &[("a.csv", table), ("a.csv", table)]).0, 400, "the same name twice");

    // Remove with a path: refused, the file of the last part stays.
    std::fs::write(data.join("x.xlsx"), "x").unwrap();
    let r = post(port, "/api/files/..%2F..%2Fx.xlsx/remove", &[], b"");
    assert_eq!(r.0, 400);
    assert!(data.join("x.xlsx").exists());
    std::fs::remove_file(data.join("x.xlsx")).unwrap();
    assert_eq!(post(port, "/api/files/%FF.xlsx/remove", &[], b"").0, 400, "not UTF-8");

    // A good upload of two: both saved, and a build follows.
    let g = get(port, "/api/status").json()["data_generation"].as_u64().unwrap();
    let one = dir.path().join("补充.xlsx");
    patent_book(&one, true);
    let one = std::fs::read(&one).unwrap();
    let r = upload(
        port,
        &[("补充.xlsx", &one), ("说明.csv", "指标,2015年\n有效发明专利拥有量,9650\n".as_bytes())],
    );
    assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
    assert_eq!(r.json()["files"], serde_json::json!(["补充.xlsx", "说明.csv"]));
    assert!(data.join("补充.xlsx").is_file() && data.join("说明.csv").is_file());
    let s = status_until(port, "a build after the upload", |s| {
        up_to_date(s) && s["build"]["built_from"].as_u64() > Some(g)
    });
    assert_eq!(s["build"]["ok"], true, "{}", s["build"]);
}

/// A FIFO, a looping link, a folder named as a workbook and a link to a file
/// outside the data folder: each is named (the link: where it points), listed,
/// and can be moved out as itself; what a link points to is never touched.
#[cfg(unix)]
#[test]
fn entries_not_read_are_named_listed_and_moved_out() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let dir = project();
    let data = dir.path().join("data");
    assert!(std::process::Command::new("mkfifo").arg(data.join("管道.xlsx")).status().unwrap().success());
    symlink("环.xlsx", data.join("环.xlsx")).unwrap();
    std::fs::create_dir(data.join("x.xlsx")).unwrap();
    std::fs::write(data.join("x.xlsx/里面.xlsx"), "x").unwrap();
    let outside = dir.path().join("别处");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("passwd"), "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    symlink(outside.join("passwd"), data.join("外.csv")).unwrap();
    let port = super::start(dir.path());

    let s = get(port, "/api/status").json();
    let row = |name: &str| {
        s["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name}: {s}"))
    };
    assert_eq!(row("管道.xlsx")["not_read"], "命名管道");
    assert_eq!(row("环.xlsx")["not_read"], "循环的链接");
    assert_eq!(row("x.xlsx")["not_read"], "文件夹");
    let target = std::fs::canonicalize(outside.join("passwd")).unwrap().display().to_string();
    assert_eq!(row("外.csv")["link"], target.as_str());
    assert_eq!(row("外.csv")["not_read"], Value::Null);
    let diag = |name: &str, kind: &str| {
        s["diagnostics"].as_array().unwrap().iter().find(|d| d["file"] == name && d["kind"] == kind).cloned()
    };
    for name in ["管道.xlsx", "环.xlsx", "x.xlsx"] {
        let d = diag(name, "entry-not-read").unwrap_or_else(|| panic!("{name}"));
        assert_eq!(d["severity"], "warning", "{d}");
        assert!(
            d["message"].as_str().unwrap().contains("未读入")
                || d["message"].as_str().unwrap().contains("不会读入")
        );
        assert!(!d["hint"].as_str().unwrap().is_empty());
    }
    let d = diag("外.csv", "link-followed").unwrap();
    assert_eq!(d["severity"], "note");
    assert!(d["message"].as_str().unwrap().contains(&target), "{d}");

    for (name, url) in [
        ("管道.xlsx", "%E7%AE%A1%E9%81%93.xlsx"),
        ("环.xlsx", "%E7%8E%AF.xlsx"),
        ("x.xlsx", "x.xlsx"),
        ("外.csv", "%E5%A4%96.csv"),
    ] {
        let r = post(port, &format!("/api/files/{url}/remove"), &[], b"");
        assert_eq!(r.0, 200, "{name}: {}", String::from_utf8_lossy(&r.2));
        let to = data.join(r.json()["moved-to"].as_str().unwrap());
        let t = std::fs::symlink_metadata(&to).unwrap().file_type();
        match name {
            "管道.xlsx" => assert!(t.is_fifo()),
            "x.xlsx" => assert!(t.is_dir() && to.join("里面.xlsx").is_file()),
            _ => assert!(t.is_symlink(), "{name} moved as the link itself"),
        }
        assert!(std::fs::symlink_metadata(data.join(name)).is_err(), "{name} is gone from data/");
    }
    assert_eq!(std::fs::read_to_string(outside.join("passwd")).unwrap(), "root:x:0:0:root:/root:/bin/sh\n");
    let s = get(port, "/api/status").json();
    assert_eq!(s["files"].as_array().unwrap().len(), 6, "{}", s["files"]);
    assert_eq!(s["removed"].as_array().unwrap().len(), 4);
}
