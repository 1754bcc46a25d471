//! `yearbook serve`: the statistician's desk, a local web page for check → fix →
//! build. Binds 127.0.0.1 only; refuses a `Host` that is not the loopback name and
//! port (DNS rebinding) and a state-changing request whose `Origin` is not the
//! page's. The page is plain HTML, CSS and JavaScript embedded in the binary; it
//! uses only the JSON API below:
//!
//! - `GET /api/status`, `GET /api/events` (server-sent events),
//! - `POST /api/files` (multipart), `POST /api/files/{name}/remove`,
//! - `POST /api/build`, `GET/POST /api/settings`,
//! - `GET /output/{name}` (the PDF and exports), `GET /pages/{n}.png` (thumbnails).

mod desk;
pub mod settings;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

pub use desk::{BuildResult, Desk, Status};

use crate::options::Env;

/// The largest workbook accepted, in bytes.
pub const MAX_UPLOAD: usize = 50 * 1024 * 1024;

/// The extensions an upload may have.
pub const UPLOAD_TYPES: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub port: u16,
    pub open: bool,
    pub config: PathBuf,
}

/// The app of a desk listening on `port` (the port decides the accepted Host and Origin).
pub fn router(desk: Arc<Desk>, port: u16) -> Router {
    let guard = Guard { port };
    Router::new()
        .route("/", get(|| async { html(PAGE) }))
        .route(
            "/app.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT) }),
        )
        .route("/app.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }))
        .route("/fonts/{name}", get(font))
        .route("/api/status", get(status))
        .route("/api/events", get(events))
        .route("/api/files", post(upload))
        .route("/api/files/{name}/remove", post(remove))
        .route("/api/build", post(build))
        .route("/api/settings", get(get_settings).post(post_settings))
        .route("/output/{name}", get(output))
        .route("/pages/{page}", get(page_png))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024))
        .layer(middleware::from_fn_with_state(guard, check_request))
        .with_state(desk)
}

/// Runs the server until the process is stopped.
pub fn run(opts: ServeOptions, env: Env) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("无法启动服务")?;
    runtime.block_on(async move {
        let addr = SocketAddr::from(([127, 0, 0, 1], opts.port));
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("无法在 127.0.0.1:{} 上启动服务（端口可能已被占用，可用 --port 换一个）", opts.port)
        })?;
        let port = listener.local_addr()?.port();
        let url = format!("http://127.0.0.1:{port}/");
        eprintln!("年报编制页面已启动：{url}（按 Ctrl+C 停止）");
        if opts.open {
            open_browser(&url);
        }
        serve_on(listener, opts.config, env).await
    })
}

/// Serves the desk of the project whose settings file is `config` on a listener
/// bound to a loopback address: checks the data, watches it, and answers requests.
pub async fn serve_on(listener: tokio::net::TcpListener, config: PathBuf, env: Env) -> Result<()> {
    let port = listener.local_addr()?.port();
    let desk = Desk::new(config, env);
    desk.check().await;
    watch(desk.clone())?;
    axum::serve(listener, router(desk, port)).await.context("服务出错")
}

/// Watches the data folder and the settings file; a change rebuilds (which checks
/// first).
fn watch(desk: Arc<Desk>) -> Result<()> {
    use notify::{RecursiveMode, Watcher};
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| relevant(p))
        {
            let _ = tx.send(());
        }
    })
    .context("无法监视数据目录")?;
    let data = desk.data_dir();
    if data.is_dir() {
        watcher.watch(&data, RecursiveMode::NonRecursive).context("无法监视数据目录")?;
    }
    if let Some(dir) = desk.config_path.parent().filter(|d| d.is_dir()) {
        let _ = watcher.watch(dir, RecursiveMode::NonRecursive);
    } else {
        let _ = watcher.watch(Path::new("."), RecursiveMode::NonRecursive);
    }
    tokio::spawn(async move {
        let _keep = watcher;
        while rx.recv().await.is_some() {
            // Excel and WPS write a file in several steps: wait until it is quiet.
            tokio::time::sleep(Duration::from_millis(250)).await;
            while rx.try_recv().is_ok() {}
            // A build publishes the check's findings before it typesets; a change
            // during a build queues one more.
            let desk = desk.clone();
            tokio::spawn(async move { desk.build_or_queue().await });
        }
    });
    Ok(())
}

/// Whether a changed path is a workbook or the settings file (not a lock or
/// temporary file, nor the removed folder).
pub fn relevant(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$")
        || name.starts_with('.')
        || path.components().any(|c| c.as_os_str() == ".已移除")
    {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    UPLOAD_TYPES.contains(&ext.as_str()) || name == "yearbook.toml"
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if cmd.is_err() {
        eprintln!("未能自动打开浏览器，请手动打开 {url}");
    }
}

#[derive(Clone, Copy)]
struct Guard {
    port: u16,
}

/// Refuses requests whose Host is not this server's loopback name and port, and
/// state-changing requests whose Origin is not this page's.
async fn check_request(State(g): State<Guard>, req: Request, next: Next) -> Response {
    let allowed = [format!("127.0.0.1:{}", g.port), format!("localhost:{}", g.port)];
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !allowed.iter().any(|a| a == host) {
        return refuse(StatusCode::FORBIDDEN, "请求的主机名不是本机地址，已拒绝");
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let origin = req.headers().get(header::ORIGIN).and_then(|h| h.to_str().ok()).unwrap_or("");
        if !allowed.iter().any(|a| origin == format!("http://{a}")) {
            return refuse(StatusCode::FORBIDDEN, "请求不是来自本页面，已拒绝");
        }
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

fn refuse(code: StatusCode, message: &str) -> Response {
    (code, Json(json!({ "ok": false, "error": message }))).into_response()
}

fn html(text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], text).into_response()
}

/// The embedded sans-serif font for the page (regular or bold).
async fn font(UrlPath(name): UrlPath<String>) -> Response {
    let bold = match name.as_str() {
        "sans-regular.otf" => false,
        "sans-bold.otf" => true,
        _ => return refuse(StatusCode::NOT_FOUND, "没有这个字体"),
    };
    let font = crate::assets::FONTS.iter().find(|f| f.family == crate::assets::SANS && f.bold == bold);
    match font {
        Some(f) => ([(header::CONTENT_TYPE, "font/otf"), (header::CACHE_CONTROL, "max-age=86400")], f.data)
            .into_response(),
        None => refuse(StatusCode::NOT_FOUND, "没有这个字体"),
    }
}

async fn status(State(desk): State<Arc<Desk>>) -> Json<Status> {
    Json(desk.status.read().expect("status lock").clone())
}

async fn events(
    State(desk): State<Arc<Desk>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(desk.events.subscribe()).filter_map(|m| {
        let m = m.ok()?;
        let v: serde_json::Value = serde_json::from_str(&m).ok()?;
        let name = v["event"].as_str()?.to_string();
        Some(Ok(Event::default().event(name).data(v["data"].to_string())))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// A file name from an upload or a URL, when it is a plain name of an accepted
/// type: no folders, no leading dot, no control characters.
pub fn sanitise(name: &str) -> Result<String, &'static str> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty() || base.starts_with('.') || base.chars().any(|c| c.is_control() || c == ':') {
        return Err("文件名无效");
    }
    if base.chars().count() > 200 {
        return Err("文件名过长");
    }
    let ext = Path::new(base).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !UPLOAD_TYPES.contains(&ext.as_str()) {
        return Err("只接受工作簿（.xlsx、.xlsm、.xls、.xlsb、.ods）和 CSV 文件");
    }
    Ok(base.to_string())
}

async fn upload(State(desk): State<Arc<Desk>>, mut form: Multipart) -> Response {
    let dir = desk.data_dir();
    let mut saved = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refuse(StatusCode::PAYLOAD_TOO_LARGE, "文件超过 50 MB，未上传");
            }
            Err(_) => return refuse(StatusCode::BAD_REQUEST, "上传的内容无法读取"),
        };
        let Some(raw) = field.file_name().map(str::to_string) else { continue };
        let name = match sanitise(&raw) {
            Ok(n) => n,
            Err(why) => {
                let code = if why.starts_with("只接受") {
                    StatusCode::UNSUPPORTED_MEDIA_TYPE
                } else {
                    StatusCode::BAD_REQUEST
                };
                return refuse(code, &format!("{why}：{raw}"));
            }
        };
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refuse(StatusCode::PAYLOAD_TOO_LARGE, "文件超过 50 MB，未上传");
            }
            Err(_) => return refuse(StatusCode::BAD_REQUEST, "上传的内容无法读取"),
        };
        if bytes.len() > MAX_UPLOAD {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, "文件超过 50 MB，未上传");
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e));
        }
        if let Err(e) = crate::output::write_atomic(&dir.join(&name), &bytes, &[]) {
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string());
        }
        saved.push(name);
    }
    if saved.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "没有收到文件");
    }
    desk.check().await;
    Json(json!({ "ok": true, "files": saved })).into_response()
}

async fn remove(State(desk): State<Arc<Desk>>, UrlPath(name): UrlPath<String>) -> Response {
    let name = match sanitise(&name) {
        Ok(n) => n,
        Err(why) => return refuse(StatusCode::BAD_REQUEST, why),
    };
    let dir = desk.data_dir();
    let from = dir.join(&name);
    if !from.is_file() {
        return refuse(StatusCode::NOT_FOUND, "数据目录中没有这个文件");
    }
    let bin = dir.join(".已移除");
    let mut to = bin.join(&name);
    if to.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        to = bin.join(format!("{stamp}-{name}"));
    }
    let moved = std::fs::create_dir_all(&bin).and_then(|_| std::fs::rename(&from, &to));
    if let Err(e) = moved {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e));
    }
    desk.check().await;
    Json(json!({ "ok": true, "moved-to": format!(".已移除/{}", to.file_name().unwrap_or_default().to_string_lossy()) }))
        .into_response()
}

async fn build(State(desk): State<Arc<Desk>>) -> Json<BuildResult> {
    Json(desk.build().await)
}

async fn get_settings(State(desk): State<Arc<Desk>>) -> Response {
    match crate::config::Config::load(&desk.config_path) {
        Ok(c) => Json(settings::Settings::of(&c)).into_response(),
        Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

async fn post_settings(State(desk): State<Arc<Desk>>, Json(s): Json<settings::Settings>) -> Response {
    match settings::save(&desk.config_path, &s) {
        Ok(()) => {
            desk.check().await;
            Json(json!({ "ok": true })).into_response()
        }
        Err(e) => refuse(StatusCode::BAD_REQUEST, &format!("{e:#}")),
    }
}

async fn output(
    State(desk): State<Arc<Desk>>,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let _ = headers;
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && ["pdf", "csv", "xlsx"].iter().any(|e| name.to_ascii_lowercase().ends_with(&format!(".{e}")));
    if !ok {
        return refuse(StatusCode::NOT_FOUND, "没有这个文件");
    }
    let path = desk.output_dir().join(&name);
    let Ok(bytes) = std::fs::read(&path) else {
        return refuse(StatusCode::NOT_FOUND, "没有这个文件，请先生成年报");
    };
    let mime = if name.ends_with(".pdf") {
        "application/pdf"
    } else if name.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    };
    let disposition = if name.ends_with(".pdf") { "inline" } else { "attachment" };
    let cd = format!("{disposition}; filename*=UTF-8''{}", desk::url_escape(&name));
    ([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, cd)], bytes).into_response()
}

#[derive(serde::Deserialize)]
struct PageQuery {
    large: Option<u8>,
}

async fn page_png(
    State(desk): State<Arc<Desk>>,
    UrlPath(page): UrlPath<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let Some(n) = page.strip_suffix(".png").and_then(|n| n.parse::<usize>().ok()) else {
        return refuse(StatusCode::NOT_FOUND, "没有这一页");
    };
    let Some(doc) = desk.document.read().expect("document lock").clone() else {
        return refuse(StatusCode::NOT_FOUND, "尚未生成年报");
    };
    let scale = if q.large.unwrap_or(0) > 0 { 2.0 } else { 0.5 };
    let png =
        tokio::task::spawn_blocking(move || crate::typeset::page_png(&doc, n, scale)).await.ok().flatten();
    match png {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        None => refuse(StatusCode::NOT_FOUND, "没有这一页"),
    }
}
