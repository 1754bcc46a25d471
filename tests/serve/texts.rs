//! The desk's paragraphs: listed after a build, an edit saved beside the
//! generated text written to 文字修改.toml and printed after the rebuild, and
//! dropped again.

use std::time::{Duration, Instant};

use super::{get, post, project, start};

const JSON: (&str, &str) = ("Content-Type", "application/json");

/// The paragraphs once `ready` holds for them (a rebuild follows a save).
fn texts_when(port: u16, ready: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let t = get(port, "/api/texts").json();
        if ready(&t) {
            return t;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "never ready: {t}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn paragraph<'a>(t: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    t["paragraphs"].as_array().unwrap().iter().find(|p| p["key"] == key).unwrap()
}

#[test]
fn an_edit_saved_in_the_desk_is_written_and_printed() {
    let dir = project();
    let port = start(dir.path());
    let save = r#"{"key":"综述.主要特点","action":"save","text":"一是专利授权量8720件。"}"#.as_bytes();
    let r = post(port, "/api/texts", &[JSON], save);
    assert_eq!(r.0, 409);
    assert_eq!(r.json()["error"], "尚未生成年报，请先生成年报再修改文字");
    assert_eq!(post(port, "/api/build", &[], b"").json()["ok"], true);
    let t = get(port, "/api/texts").json();
    assert_eq!(t["built"], true);
    let generated = paragraph(&t, "综述.主要特点")["generated"].as_str().unwrap().to_string();
    assert!(generated.starts_with("一是发明专利授权量占专利授权量的比重"), "{generated}");

    let r = post(port, "/api/texts", &[JSON], save);
    assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(&r.2));
    let file = std::fs::read_to_string(dir.path().join("文字修改.toml")).unwrap();
    assert!(file.contains("key = \"综述.主要特点\"\nreplaced = \""), "{file}");
    assert!(
        file.contains(&format!("replaced = \"{generated}\"\ntext = \"一是专利授权量8720件。\"")),
        "{file}"
    );
    let t = texts_when(port, |t| paragraph(t, "综述.主要特点")["edited"].is_string());
    let p = paragraph(&t, "综述.主要特点");
    assert_eq!(p["figures"][0], "综述.主要特点 中的“8720件”：专利授权量为8710件");
    // The page's findings carry it too (published just after the paragraphs).
    let start = Instant::now();
    while !get(port, "/api/status").json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["kind"] == "text-figure")
    {
        assert!(start.elapsed() < Duration::from_secs(60), "no text-figure in the status");
        std::thread::sleep(Duration::from_millis(100));
    }
    let pdf = dir.path().join("output/玄武区知识产权统计年报（2025年）.pdf");
    assert!(super::super::flat_text(&pdf).contains("主要特点。一是专利授权量8720件。"));

    let r = post(port, "/api/texts", &[JSON], r#"{"key":"综述.主要特点","action":"revert"}"#.as_bytes());
    assert_eq!(r.0, 200);
    texts_when(port, |t| paragraph(t, "综述.主要特点")["edited"].is_null());
    let r = post(port, "/api/texts", &[JSON], r#"{"key":"综述.无此段","action":"confirm"}"#.as_bytes());
    assert_eq!((r.0, r.json()["error"].as_str().unwrap()), (404, "年报中没有段落“综述.无此段”，请刷新页面"));
}
