//! The page in headless Chromium through chromedriver (WebDriver's JSON over
//! HTTP): upload a workbook with a deliberate error, see its row, replace it with
//! a fixed one, build, see the thumbnails and follow the PDF link. Installs the
//! Debian packages `chromium` and `chromium-driver` when missing and this machine
//! can (root with apt-get).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{chromedriver, get, patent_book, project, request, start};

fn ensure_chromium() -> bool {
    if chromedriver().is_some() {
        return true;
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if root {
        let _ = Command::new("apt-get").args(["update", "-qq"]).status();
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
    }
    chromedriver().is_some()
}

struct Driver {
    child: Child,
    port: u16,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(self.port, "DELETE", &format!("/session/{}", self.session), &[], b"");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(chromedriver().unwrap())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": {
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900", "--lang=zh-CN"]
        } } } });
        let mut d = Driver { child, port, session: String::new() };
        let v = d.call("POST", "/session", Some(caps));
        d.session = v["sessionId"].as_str().expect("a session").to_string();
        d
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let host = format!("127.0.0.1:{}", self.port);
        let r = request(
            self.port,
            method,
            path,
            &[("Host", &host), ("Content-Type", "application/json")],
            body.as_bytes(),
        );
        let v: Value = serde_json::from_slice(&r.2).unwrap_or(Value::Null);
        v["value"].clone()
    }

    fn s(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn script(&self, js: &str) -> Value {
        self.s("POST", "/execute/sync", Some(json!({ "script": js, "args": [] })))
    }

    /// Waits until a script returns something truthy; gives back its value.
    fn until(&self, what: &str, js: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let v = self.script(js);
            if !(v.is_null() || v == false || v == "" || v == 0) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn element(&self, css: &str) -> String {
        let v = self.s("POST", "/element", Some(json!({ "using": "css selector", "value": css })));
        v.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).expect(css).to_string()
    }
}

#[test]
fn the_page_takes_a_user_from_an_error_to_the_pdf() {
    if !ensure_chromium() {
        panic!("chromium and chromedriver are needed (apt-get install chromium chromium-driver)");
    }
    let dir = project();
    let port = start(dir.path());
    let d = Driver::start();
    d.s("POST", "/url", Some(json!({ "url": format!("http://127.0.0.1:{port}/") })));
    d.until("the summary", "return document.querySelector('#summary').textContent.includes('报告年度')");
    assert_eq!(d.script("return document.title"), "年报编制台 · 玄武区知识产权统计年报");

    // Upload a workbook with a deliberate error through the file picker.
    let upload = dir.path().join("上传");
    std::fs::create_dir_all(&upload).unwrap();
    let book = upload.join("补充.xlsx");
    patent_book(&book, false);
    let input = d.element("#picker");
    d.s("POST", &format!("/element/{input}/value"), Some(json!({ "text": book.to_str().unwrap() })));
    let row = d.until(
        "the error row",
        "const r=[...document.querySelectorAll('#diags tbody tr.sev-error')].find(r=>r.textContent.includes('补充.xlsx'));return r?r.textContent:null",
    );
    let row = row.as_str().unwrap();
    assert!(row.contains("C5") && row.contains("不是数字") && row.contains("请填写数字"), "{row}");
    assert!(dir.path().join("data/补充.xlsx").exists());

    // Replace it with the fixed workbook of the same name.
    patent_book(&book, true);
    d.s("POST", &format!("/element/{input}/value"), Some(json!({ "text": book.to_str().unwrap() })));
    d.until(
        "the error gone",
        "return ![...document.querySelectorAll('#diags tbody tr.sev-error')].some(r=>r.textContent.includes('补充.xlsx'))",
    );

    // Build: thumbnails and a PDF link that works.
    let button = d.element("#build-btn");
    d.s("POST", &format!("/element/{button}/click"), Some(json!({})));
    let n = d.until(
        "the thumbnails",
        "const i=[...document.querySelectorAll('#thumbs img')];return i.length>10&&i[0].complete&&i[0].naturalWidth>0?i.length:0",
    );
    assert!(n.as_u64().unwrap() > 15, "{n}");
    let href = d.until(
        "the PDF link",
        "const a=document.querySelector('#pdf-open');return a?a.getAttribute('href'):null",
    );
    let r = get(port, href.as_str().unwrap());
    assert_eq!(r.0, 200);
    assert!(r.2.starts_with(b"%PDF-"));
    // The thumbnails may come from the live rebuild after the upload; the button's
    // own build reports when it is done.
    let msg = d.until(
        "the build message",
        "const t=document.querySelector('#build-msg').textContent;return t.startsWith('已生成')?t:null",
    );
    assert!(msg.as_str().unwrap().contains(" 页，用时 "), "{msg}");

    // A click on a thumbnail shows the page large.
    d.script("document.querySelector('#thumbs figure').click()");
    d.until(
        "the large page",
        "const v=document.querySelector('#viewer');const i=v.querySelector('img');return !v.hidden&&i.complete&&i.naturalWidth>1000",
    );
}
