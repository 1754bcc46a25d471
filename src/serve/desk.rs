//! The server's state and its one worker: the project's options (re-read from the
//! settings file before each job, the environment captured once at start), the
//! workbooks already read, the last check and the last build. Jobs run one at a
//! time behind a lock; a change during a build queues exactly one more.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime};

use anyhow::Result;
use serde::Serialize;
use serde_json::json;
use tokio::sync::{Mutex, broadcast};

use crate::diag::{Diagnostic, Level, text::Json};
use crate::options::{Env, Options};
use crate::pipeline::{self, DataRead, Warm};
use crate::{config::Config, export};

/// A workbook of the data folder as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FileRow {
    pub name: String,
    pub size: u64,
    /// Modification time, seconds since 1970.
    pub modified: u64,
    /// Values read; `null` when the file could not be opened.
    pub values: Option<usize>,
    pub warnings: usize,
    pub errors: usize,
}

/// What `GET /api/status` gives.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub year: Option<i32>,
    pub files: Vec<FileRow>,
    pub diagnostics: Vec<Json>,
    pub values: usize,
    /// A problem that stopped the check itself (no data folder, bad settings).
    pub problem: Option<String>,
    pub building: bool,
    pub build: Option<BuildResult>,
}

/// What `POST /api/build` gives.
#[derive(Debug, Clone, Serialize)]
pub struct BuildResult {
    pub ok: bool,
    /// The PDF's URL under `/output/`.
    pub pdf: Option<String>,
    pub pages: usize,
    pub seconds: f64,
    pub diagnostics: Vec<Json>,
    /// Why the build stopped, when it did.
    pub error: Option<String>,
    /// The exports' URLs under `/output/` (CSV, XLSX).
    pub exports: Vec<String>,
    /// Counts up with every build, so the page can reload its thumbnails.
    pub generation: u64,
}

/// The server's shared state.
pub struct Desk {
    pub config_path: PathBuf,
    env: Env,
    /// What builds keep (the workbooks read, the fonts, the Typst world); held
    /// while a job runs, so two jobs never run at once.
    lock: Mutex<Warm>,
    queued: AtomicBool,
    pub status: RwLock<Status>,
    pub document: RwLock<Option<Arc<typst_layout::PagedDocument>>>,
    pub events: broadcast::Sender<String>,
}

impl Desk {
    pub fn new(config_path: PathBuf, env: Env) -> Arc<Desk> {
        Arc::new(Desk {
            config_path,
            env,
            lock: Mutex::new(Warm::default()),
            queued: AtomicBool::new(false),
            status: RwLock::new(Status::default()),
            document: RwLock::new(None),
            events: broadcast::channel(64).0,
        })
    }

    /// The options from the settings file as it is now.
    pub fn options(&self) -> Result<Options> {
        let config = Config::load(&self.config_path)?;
        Options::resolve(config, self.config_path.clone(), &self.env)
    }

    /// The data folder.
    pub fn data_dir(&self) -> PathBuf {
        self.options().map(|o| o.config.data_dir).unwrap_or_else(|_| self.base().join("data"))
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.options().map(|o| o.config.output_dir).unwrap_or_else(|_| self.base().join("output"))
    }

    fn base(&self) -> PathBuf {
        self.config_path.parent().map(Path::to_path_buf).unwrap_or_default()
    }

    fn send(&self, event: &str, data: serde_json::Value) {
        let _ = self.events.send(json!({ "event": event, "data": data }).to_string());
    }

    /// Re-reads the data and publishes the diagnostics.
    pub async fn check(self: &Arc<Self>) {
        let mut guard = self.lock.lock().await;
        let desk = self.clone();
        let mut warm = std::mem::take(&mut *guard);
        // A job that panicked loses what was kept: the next build is a cold one.
        *guard = tokio::task::spawn_blocking(move || {
            desk.check_blocking(&mut warm);
            warm
        })
        .await
        .unwrap_or_default();
    }

    fn check_blocking(&self, warm: &mut Warm) {
        let status = match self.read(warm) {
            Ok((read, diagnostics, year)) => status_of(&read, &diagnostics, year),
            Err(e) => Status { problem: Some(chain(&e)), ..Status::default() },
        };
        self.publish(status);
    }

    fn read(&self, warm: &mut Warm) -> Result<(DataRead, Vec<Diagnostic>, Option<i32>)> {
        let opts = self.options()?;
        let read = warm.read(&opts)?;
        let mut diagnostics = read.diagnostics.clone();
        let mut year = None;
        if let Ok(a) = pipeline::analyse(&opts, &read) {
            year = Some(a.analysis.year);
            diagnostics.extend(a.diagnostics);
        }
        Ok((read, diagnostics, year))
    }

    fn publish(&self, mut status: Status) {
        let mut now = self.status.write().expect("status lock");
        status.build = now.build.clone();
        status.building = now.building;
        *now = status;
        self.send("status", serde_json::to_value(&*now).unwrap_or_default());
    }

    /// Builds now, or when a build is running, queues one more and returns `None`.
    pub async fn build_or_queue(self: &Arc<Self>) -> Option<BuildResult> {
        match self.lock.try_lock() {
            Ok(guard) => Some(self.clone().build_locked(guard).await),
            Err(_) => {
                self.queued.store(true, Ordering::SeqCst);
                None
            }
        }
    }

    /// Builds, waiting for a running build to finish first.
    pub async fn build(self: &Arc<Self>) -> BuildResult {
        let guard = self.lock.lock().await;
        self.clone().build_locked(guard).await
    }

    async fn build_locked(self: Arc<Self>, mut guard: tokio::sync::MutexGuard<'_, Warm>) -> BuildResult {
        let mut result;
        loop {
            self.queued.store(false, Ordering::SeqCst);
            self.status.write().expect("status lock").building = true;
            self.send("build-start", json!({}));
            let desk = self.clone();
            let mut warm = std::mem::take(&mut *guard);
            let (r, kept) = tokio::task::spawn_blocking(move || {
                let r = desk.build_blocking(&mut warm);
                (r, warm)
            })
            .await
            .unwrap_or_else(|e| (failed(format!("生成中断：{e}")), Warm::default()));
            *guard = kept;
            result = r;
            {
                let mut status = self.status.write().expect("status lock");
                status.building = false;
                status.build = Some(result.clone());
            }
            self.send("build", serde_json::to_value(&result).unwrap_or_default());
            if !self.queued.load(Ordering::SeqCst) {
                break;
            }
        }
        result
    }

    fn build_blocking(&self, warm: &mut Warm) -> BuildResult {
        let start = Instant::now();
        let generation =
            self.status.read().expect("status lock").build.as_ref().map_or(0, |b| b.generation) + 1;
        let (read, diagnostics, year) = match self.read(warm) {
            Ok(r) => r,
            Err(e) => {
                self.publish(Status { problem: Some(chain(&e)), ..Status::default() });
                return BuildResult { generation, ..failed(chain(&e)) };
            }
        };
        self.publish(status_of(&read, &diagnostics, year));
        let json: Vec<Json> = diagnostics.iter().map(Json::from).collect();
        let opts = match self.options() {
            Ok(o) => o,
            Err(e) => return BuildResult { generation, ..failed(chain(&e)) },
        };
        let events = self.events.clone();
        let mut log = |line: String| {
            let _ = events.send(json!({ "event": "progress", "data": line }).to_string());
        };
        let read_time = start.elapsed();
        // The exports are made from the data alone: beside the typesetting, on the
        // other core, and written once the yearbook is.
        let rows = export::rows(&read.catalog, &read.dataset);
        let (built, exports) = std::thread::scope(|s| {
            let exports = s.spawn(|| render_exports(&rows));
            let built = warm.build_read(&opts, read, read_time, &mut log);
            (built, exports.join())
        });
        let outcome = built.and_then(|(built, read)| {
            let rendered = exports.unwrap_or_else(|_| Err(anyhow::anyhow!("生成整理后数据时中断")))?;
            let exports = write_exports(&opts, &read, built.year, rendered)?;
            Ok((built, exports))
        });
        match outcome {
            Ok((built, exports)) => {
                *self.document.write().expect("document lock") = Some(built.document.clone());
                let name =
                    built.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                BuildResult {
                    ok: true,
                    pdf: Some(format!("/output/{}", url_escape(&name))),
                    pages: built.pages,
                    seconds: start.elapsed().as_secs_f64(),
                    diagnostics: json,
                    error: None,
                    exports,
                    generation,
                }
            }
            Err(e) => BuildResult {
                seconds: start.elapsed().as_secs_f64(),
                diagnostics: json,
                generation,
                ..failed(chain(&e))
            },
        }
    }
}

fn failed(error: String) -> BuildResult {
    BuildResult {
        ok: false,
        pdf: None,
        pages: 0,
        seconds: 0.0,
        diagnostics: Vec::new(),
        error: Some(error),
        exports: Vec::new(),
        generation: 0,
    }
}

/// The tidy data as CSV and XLSX: (extension, bytes).
fn render_exports(rows: &[export::Row]) -> Result<Vec<(&'static str, Vec<u8>)>> {
    [(export::Format::Csv, "csv"), (export::Format::Xlsx, "xlsx")]
        .into_iter()
        .map(|(format, ext)| Ok((ext, export::render(rows, format)?)))
        .collect()
}

/// Writes the rendered exports beside the PDF; their URLs.
fn write_exports(
    opts: &Options,
    read: &DataRead,
    year: i32,
    rendered: Vec<(&'static str, Vec<u8>)>,
) -> Result<Vec<String>> {
    let inputs = pipeline::inputs(&opts.config, read);
    let mut urls = Vec::new();
    for (ext, bytes) in rendered {
        let name = format!("{}知识产权统计数据（{year}年）.{ext}", opts.config.region);
        crate::output::write_atomic(&opts.config.output_dir.join(&name), &bytes, &inputs)?;
        urls.push(format!("/output/{}", url_escape(&name)));
    }
    Ok(urls)
}

/// An error and its causes on one line.
fn chain(e: &anyhow::Error) -> String {
    e.chain().map(|c| c.to_string()).collect::<Vec<_>>().join("；原因：")
}

/// Percent-encodes a file name for a URL path segment.
pub fn url_escape(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn status_of(read: &DataRead, diagnostics: &[Diagnostic], year: Option<i32>) -> Status {
    let files = read
        .files
        .iter()
        .map(|f| {
            let mine = diagnostics.iter().filter(|d| d.place.file_name() == f.name);
            let (mut warnings, mut errors) = (0, 0);
            for d in mine {
                match d.level {
                    Level::Warning => warnings += 1,
                    Level::Error => errors += 1,
                    Level::Note => {}
                }
            }
            let meta = std::fs::metadata(&f.path).ok();
            let modified = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            FileRow {
                name: f.name.clone(),
                size: meta.map_or(f.size, |m| m.len()),
                modified,
                values: f.sheets.as_ref().map(|s| s.iter().map(|s| s.observations).sum()),
                warnings,
                errors,
            }
        })
        .collect();
    Status {
        year,
        files,
        diagnostics: diagnostics.iter().map(Json::from).collect(),
        values: read.dataset.read_count(),
        problem: None,
        building: false,
        build: None,
    }
}
