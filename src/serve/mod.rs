//! `yearbook serve`: the statistician's desk, a local web page for check → fix →
//! build. Binds 127.0.0.1 only; refuses a `Host` that is not the loopback name and
//! port (DNS rebinding) and a state-changing request whose `Origin` is not the
//! page's. The page is plain HTML, CSS and JavaScript embedded in the binary; it
//! uses only the JSON API below:
//!
//! - `GET /api/status`, `GET /api/events` (server-sent events),
//! - `POST /api/files` (multipart; all files or none), `POST /api/files/{name}/remove`,
//! - `GET /api/removed`, `POST /api/removed/{id}/restore` (never over an entry),
//! - `POST /api/build`, `GET/POST /api/settings`,
//! - `GET /api/texts`, `POST /api/texts` (the paragraphs and their edits),
//! - `GET /output/{name}` (the PDF and exports), `GET /pages/{n}.png` (thumbnails).
//!
//! Whatever a client sends is answered with a Chinese message and a 4xx status
//! when it cannot be done; a 500 means the disk failed.

mod desk;
pub mod settings;
mod texts;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::{BytesRejection, PathRejection};
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

pub use desk::{BuildResult, Desk, JobHold, Status};

use crate::options::Env;
use crate::workbook::{self, folder};

/// The largest workbook accepted, in bytes.
pub const MAX_UPLOAD: usize = 50 * 1024 * 1024;

/// The most an upload of several files may add up to, in bytes.
pub const MAX_UPLOAD_TOTAL: usize = 500 * 1024 * 1024;

/// The most files one upload may have.
pub const MAX_UPLOAD_FILES: usize = 200;

/// The largest body of any other request (the settings form), in bytes.
pub const MAX_BODY: usize = 16 * 1024;

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
        .route("/api/files", post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_TOTAL + 1024 * 1024)))
        .route("/api/files/{name}/remove", post(remove))
        .route("/api/removed", get(removed))
        .route("/api/removed/{id}/restore", post(restore))
        .route("/api/build", post(build))
        .route("/api/settings", get(get_settings).post(post_settings))
        .route(
            "/api/texts",
            get(texts::list).post(texts::change).layer(DefaultBodyLimit::max(texts::MAX_TEXT_BODY)),
        )
        .route("/output/{name}", get(output))
        .route("/briefs/{name}", get(brief))
        .route("/pages/{page}", get(page_png))
        .layer(DefaultBodyLimit::max(MAX_BODY))
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
    serve_desk(listener, Desk::new(config, env)).await
}

/// [`serve_on`] for a desk made already (a test keeps a handle on it).
pub async fn serve_desk(listener: tokio::net::TcpListener, desk: Arc<Desk>) -> Result<()> {
    let port = listener.local_addr()?.port();
    desk.check().await;
    watch(desk.clone())?;
    axum::serve(listener, router(desk, port)).await.context("服务出错")
}

/// Watches the data folder and the settings file; a change rebuilds (which checks
/// first), after the running job when there is one.
fn watch(desk: Arc<Desk>) -> Result<()> {
    use notify::{RecursiveMode, Watcher};
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let data = desk.data_dir();
    let text = desk.text_dir();
    let watched = Watched::new(&data, &desk.config_path).with_text_dir(&text);
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| watched.relevant(p))
        {
            let _ = tx.send(());
        }
    })
    .context("无法监视数据目录")?;
    if data.is_dir() {
        watcher.watch(&data, RecursiveMode::NonRecursive).context("无法监视数据目录")?;
    }
    // The written parts' folder, when there is one; a folder made later is seen
    // at the next rebuild that the data or settings cause.
    if text.is_dir() {
        let _ = watcher.watch(&text, RecursiveMode::NonRecursive);
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
            // during any job is owed a build after it.
            let desk = desk.clone();
            tokio::spawn(async move { desk.build_or_queue().await });
        }
    });
    Ok(())
}

/// What a change may be to: an entry of the data folder or of the written
/// parts' folder (neither hidden nor an Office lock file), the settings file, or
/// the edits file beside it.
pub struct Watched {
    data: PathBuf,
    text: Option<PathBuf>,
    config_dir: PathBuf,
    config_name: std::ffi::OsString,
}

/// The edits file (文字修改.toml) beside the settings file.
const EDITS: &str = crate::text::edits::FILE;

impl Watched {
    pub fn new(data_dir: &Path, config: &Path) -> Watched {
        let dir = config.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Watched {
            data: canonical(data_dir),
            text: None,
            config_dir: canonical(dir),
            config_name: config.file_name().unwrap_or_default().to_os_string(),
        }
    }

    /// Watches the written parts' folder too.
    pub fn with_text_dir(mut self, dir: &Path) -> Watched {
        self.text = Some(canonical(dir));
        self
    }

    /// Whether a changed path is one of them.
    pub fn relevant(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else { return false };
        let parent = canonical(path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")));
        let entry = parent == self.data || self.text.as_ref() == Some(&parent);
        (entry && !workbook::listing::ignored(&name.to_string_lossy()))
            || (parent == self.config_dir && (name == self.config_name || name == EDITS))
    }
}

/// A folder's path with links resolved, for comparing; as given when it cannot be.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
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

/// The name of an uploaded file, as it is: refused (never rewritten) when it is
/// no plain file name the data folder can hold, or no workbook's or CSV's.
pub fn upload_name(name: &str) -> Result<(), (StatusCode, String)> {
    if let Err(why) = folder::check_name(name) {
        return Err((StatusCode::BAD_REQUEST, why.to_string()));
    }
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !UPLOAD_TYPES.contains(&ext.as_str()) {
        let why = "只接受工作簿（.xlsx、.xlsm、.xls、.xlsb、.ods）和 CSV 文件";
        return Err((StatusCode::UNSUPPORTED_MEDIA_TYPE, why.into()));
    }
    Ok(())
}

/// Why an upload's body could not be read, nothing having been put in place.
fn upload_refused(e: &axum::extract::multipart::MultipartError) -> Response {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        let why = format!("上传的文件合计超过 {} MB，未上传任何文件；请分几次上传", MAX_UPLOAD_TOTAL >> 20);
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, &why);
    }
    refuse(StatusCode::BAD_REQUEST, "上传的内容无法读取，未上传任何文件")
}

/// An upload of one or more files: each is written to a temporary file in the
/// data folder's `.上传中`; only when all of them are accepted (names, types,
/// sizes) are they put in place, together. A refusal names the file and leaves
/// the data folder as it was.
async fn upload(State(desk): State<Arc<Desk>>, form: Result<Multipart, MultipartRejection>) -> Response {
    let Ok(mut form) = form else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "上传的内容无法读取（应为 multipart/form-data），未上传任何文件",
        );
    };
    let dir = desk.data_dir();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e));
    }
    let mut up = folder::Upload::new(&dir);
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return upload_refused(&e),
        };
        let Some(name) = field.file_name().map(str::to_string) else { continue };
        let shown = folder::shown(&name);
        if let Err((code, why)) = upload_name(&name) {
            return refuse(code, &format!("文件“{shown}”不能上传：{why}。未上传任何文件"));
        }
        if up.has(&name) {
            return refuse(StatusCode::BAD_REQUEST, &format!("一次上传中有两个“{shown}”，未上传任何文件"));
        }
        if up.len() == MAX_UPLOAD_FILES {
            let why = format!("一次最多上传 {MAX_UPLOAD_FILES} 个文件，未上传任何文件；请分几次上传");
            return refuse(StatusCode::BAD_REQUEST, &why);
        }
        let file = match up.add(&name) {
            Ok(f) => f,
            Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e)),
        };
        let mut size = 0;
        loop {
            let chunk = match field.chunk().await {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(e) => return upload_refused(&e),
            };
            size += chunk.len();
            if size > MAX_UPLOAD {
                let why = format!("文件“{shown}”超过 {} MB，未上传任何文件", MAX_UPLOAD >> 20);
                return refuse(StatusCode::PAYLOAD_TOO_LARGE, &why);
            }
            if let Err(e) = std::io::Write::write_all(file, &chunk) {
                return refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e));
            }
        }
    }
    if up.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "没有收到文件");
    }
    match up.commit() {
        Ok(saved) => {
            desk.changed();
            desk.check().await;
            Json(json!({ "ok": true, "files": saved })).into_response()
        }
        Err(folder::CommitError::Folder(name)) => refuse(
            StatusCode::CONFLICT,
            &format!(
                "数据目录中已有名为“{}”的文件夹，上传的文件不能替换它，未上传任何文件；请先在列表中把它移出，或给文件改名",
                folder::shown(&name)
            ),
        ),
        Err(folder::CommitError::Io { name, placed, error }) => {
            if !placed.is_empty() {
                desk.changed();
                desk.check().await;
            }
            let done = if placed.is_empty() {
                "未上传任何文件".to_string()
            } else {
                format!("此前的 {} 个已放入：{}", placed.len(), placed.join("、"))
            };
            let why = format!(
                "文件“{}”未能放入数据目录（{}）；{done}",
                folder::shown(&name),
                crate::diag::io_reason(&error)
            );
            refuse(StatusCode::INTERNAL_SERVER_ERROR, &why)
        }
    }
}

/// Moves an entry of the data folder (a workbook, or an entry not read: a
/// folder, a FIFO, a link, moved as itself) into `.已移除`.
async fn remove(State(desk): State<Arc<Desk>>, name: Result<UrlPath<String>, PathRejection>) -> Response {
    let Ok(UrlPath(name)) = name else {
        return refuse(StatusCode::BAD_REQUEST, "文件名无效（不是 UTF-8 文字）");
    };
    let shown = folder::shown(&name);
    if let Err(why) = folder::check_name(&name) {
        return refuse(StatusCode::BAD_REQUEST, &format!("“{shown}”不能移出：{why}"));
    }
    let dir = desk.data_dir();
    if !workbook::list(&dir).is_ok_and(|l| l.has(&name)) {
        return refuse(StatusCode::NOT_FOUND, &format!("数据目录中没有“{shown}”，请刷新页面"));
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    match folder::remove(&dir, &name, &stamp) {
        Ok(to) => {
            desk.changed();
            desk.check().await;
            Json(json!({ "ok": true, "moved-to": to })).into_response()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            refuse(StatusCode::NOT_FOUND, &format!("数据目录中没有“{shown}”，请刷新页面"))
        }
        Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e)),
    }
}

async fn removed(State(desk): State<Arc<Desk>>) -> Response {
    match folder::removed(&desk.data_dir()) {
        Ok(list) => Json(list).into_response(),
        Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e)),
    }
}

/// Puts a removed entry back under its name; refused when the data folder has
/// an entry of that name (nothing is overwritten).
async fn restore(State(desk): State<Arc<Desk>>, id: Result<UrlPath<String>, PathRejection>) -> Response {
    let Ok(UrlPath(id)) = id else {
        return refuse(StatusCode::BAD_REQUEST, "文件名无效（不是 UTF-8 文字）");
    };
    match folder::restore(&desk.data_dir(), &id) {
        Ok(name) => {
            desk.changed();
            desk.check().await;
            Json(json!({ "ok": true, "name": name })).into_response()
        }
        Err(folder::RestoreError::NotFound) => {
            refuse(StatusCode::NOT_FOUND, "已移出的文件中没有这一项，请刷新页面")
        }
        Err(folder::RestoreError::Exists(name)) => {
            let name = folder::shown(&name);
            refuse(
                StatusCode::CONFLICT,
                &format!(
                    "数据目录中已有“{name}”，未放回（不会覆盖现有文件）；如要放回，请先把现有的“{name}”移出"
                ),
            )
        }
        Err(folder::RestoreError::Io(e)) => {
            refuse(StatusCode::INTERNAL_SERVER_ERROR, &crate::diag::io_reason(&e))
        }
    }
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

/// Saves the form's settings: refused (400, naming the setting) unless the
/// settings file they make passes the same checks as `yearbook.toml` does for the
/// command line. The body is at most [`MAX_BODY`] bytes.
async fn post_settings(State(desk): State<Arc<Desk>>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let why = format!("设置的内容超过 {} KB，未保存", MAX_BODY >> 10);
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, &why);
        }
        Err(_) => return refuse(StatusCode::BAD_REQUEST, "设置的内容无法读取，未保存"),
    };
    let s: settings::Settings = match serde_json::from_slice(&body) {
        Ok(s) => s,
        Err(_) => {
            return refuse(StatusCode::BAD_REQUEST, "设置的内容无法读取（应为设置表单的 JSON），未保存");
        }
    };
    match settings::save(&desk.config_path, &s) {
        Ok(()) => {
            desk.changed();
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
    serve_output(&desk.output_dir(), &name)
}

/// `GET /briefs/{name}`: a street brief from the output folder's `街道简报/`.
async fn brief(State(desk): State<Arc<Desk>>, UrlPath(name): UrlPath<String>) -> Response {
    if !name.to_ascii_lowercase().ends_with(".pdf") {
        return refuse(StatusCode::NOT_FOUND, "没有这个文件");
    }
    serve_output(&desk.output_dir().join(crate::pipeline::BRIEFS_DIR), &name)
}

/// A file the build wrote into `dir`, by its plain name.
fn serve_output(dir: &Path, name: &str) -> Response {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && ["pdf", "csv", "xlsx", "docx"]
            .iter()
            .any(|e| name.to_ascii_lowercase().ends_with(&format!(".{e}")));
    if !ok {
        return refuse(StatusCode::NOT_FOUND, "没有这个文件");
    }
    let path = dir.join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        return refuse(StatusCode::NOT_FOUND, "没有这个文件，请先生成年报");
    };
    let mime = if name.ends_with(".pdf") {
        "application/pdf"
    } else if name.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else if name.ends_with(".docx") {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    } else {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    };
    let disposition = if name.ends_with(".pdf") { "inline" } else { "attachment" };
    let cd = format!("{disposition}; filename*=UTF-8''{}", desk::url_escape(name));
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
