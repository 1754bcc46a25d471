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
    /// The yearbook is written and the exports are being written: the job is not
    /// over, and this build is published again when they are.
    pub exporting: bool,
    /// Why the exports could not be written, when the yearbook was.
    pub warning: Option<String>,
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
            Ok(checked) => checked.status(),
            Err(e) => Status { problem: Some(chain(&e)), ..Status::default() },
        };
        self.publish(status);
    }

    /// Reads the data folder (taking unchanged workbooks from `warm`) and analyses it.
    fn read(&self, warm: &mut Warm) -> Result<Checked> {
        let start = Instant::now();
        let opts = self.options()?;
        let read = warm.read(&opts)?;
        let (analysed, timings) = pipeline::analyse_timed(&opts, &read, start.elapsed());
        Ok(Checked { opts, read, analysed, timings })
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
            let generation =
                self.status.read().expect("status lock").build.as_ref().map_or(0, |b| b.generation) + 1;
            let (r, kept) = tokio::task::spawn_blocking(move || {
                let r = desk.build_blocking(&mut warm, generation);
                (r, warm)
            })
            .await
            .unwrap_or_else(|e| {
                (BuildResult { generation, ..failed(format!("生成中断：{e}")) }, Warm::default())
            });
            *guard = kept;
            result = r;
            self.publish_build(&result);
            if !self.queued.load(Ordering::SeqCst) {
                break;
            }
        }
        result
    }

    /// Makes a build's result the page's, and tells the page. The job is over
    /// unless the result says it is still `exporting`.
    fn publish_build(&self, result: &BuildResult) {
        {
            let mut status = self.status.write().expect("status lock");
            status.building = result.exporting;
            status.build = Some(result.clone());
        }
        self.send("build", serde_json::to_value(result).unwrap_or_default());
    }

    /// One build: reads and checks (publishing the findings), typesets and writes
    /// the yearbook, publishes it as soon as it is written, so the page shows its
    /// pages while the exports are made, then writes the exports.
    fn build_blocking(&self, warm: &mut Warm, generation: u64) -> BuildResult {
        let start = Instant::now();
        let (Checked { opts, read, analysed, timings }, json) = match self.read(warm) {
            Ok(checked) => {
                let status = checked.status();
                let json = status.diagnostics.clone();
                self.publish(status);
                (checked, json)
            }
            Err(e) => {
                self.publish(Status { problem: Some(chain(&e)), ..Status::default() });
                return BuildResult { generation, ..failed(chain(&e)) };
            }
        };
        let events = self.events.clone();
        let mut log = |line: String| {
            let _ = events.send(json!({ "event": "progress", "data": line }).to_string());
        };
        let (built, read) = match warm.build_read(&opts, read, analysed, timings, &mut log) {
            Ok(b) => b,
            Err(e) => {
                return BuildResult {
                    seconds: start.elapsed().as_secs_f64(),
                    diagnostics: json,
                    generation,
                    ..failed(chain(&e))
                };
            }
        };
        *self.document.write().expect("document lock") = Some(built.document.clone());
        let name = built.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut result = BuildResult {
            ok: true,
            pdf: Some(format!("/output/{}", url_escape(&name))),
            pages: built.pages,
            seconds: start.elapsed().as_secs_f64(),
            diagnostics: json,
            error: None,
            exports: Vec::new(),
            exporting: true,
            warning: None,
            generation,
        };
        // The yearbook first; the page asks for its thumbnails at once.
        self.publish_build(&result);
        result.exporting = false;
        match write_exports(&opts, &read, built.year) {
            Ok(urls) => result.exports = urls,
            Err(e) => result.warning = Some(format!("整理后数据（CSV、Excel）未能写出：{}", chain(&e))),
        }
        result
    }
}

/// What a job read and what the analysis of it found.
struct Checked {
    opts: Options,
    read: DataRead,
    analysed: Result<pipeline::Analysed>,
    timings: pipeline::Timings,
}

impl Checked {
    /// The page's view of it.
    fn status(&self) -> Status {
        let year = self.analysed.as_ref().ok().map(|a| a.analysis.year);
        status_of(&self.read, &diagnostics(&self.read, &self.analysed), year)
    }
}

/// The reading's findings, then the analysis's.
fn diagnostics(read: &DataRead, analysed: &Result<pipeline::Analysed>) -> Vec<Diagnostic> {
    let mut all = read.diagnostics.clone();
    if let Ok(a) = analysed {
        all.extend(a.diagnostics.iter().cloned());
    }
    all
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
        exporting: false,
        warning: None,
        generation: 0,
    }
}

/// Writes the tidy data as CSV and XLSX beside the PDF; their URLs.
fn write_exports(opts: &Options, read: &DataRead, year: i32) -> Result<Vec<String>> {
    let rows = export::rows(&read.catalog, &read.dataset);
    let inputs = pipeline::inputs(&opts.config, read);
    let mut urls = Vec::new();
    for (format, ext) in [(export::Format::Csv, "csv"), (export::Format::Xlsx, "xlsx")] {
        let name = format!("{}知识产权统计数据（{year}年）.{ext}", opts.config.region);
        let bytes = export::render(&rows, format)?;
        crate::output::write_atomic(&opts.config.output_dir.join(&name), &bytes, &inputs)?;
        urls.push(format!("/output/{}", url_escape(&name)));
    }
    Ok(urls)
}

/// An error and its causes on one line.
fn chain(e: &anyhow::Error) -> String {
    crate::diag::error::one_line(e)
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
