//! The server's state and its one worker: the project's options (re-read from the
//! settings file before each job, the environment captured once at start), the
//! workbooks already read, the last check and the last build. Jobs (a check, a
//! build) run one at a time behind a lock. Every change to the data folder or the
//! settings counts up the data generation and owes a build: a change while any
//! job runs is followed by one more build after it (however many changes came),
//! and the status says which generation the yearbook shown was built from, so the
//! page can say when it is out of date.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, RwLock};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use serde::Serialize;
use serde_json::json;
use tokio::sync::{Mutex, OwnedMutexGuard, broadcast};

use crate::diag::{Diagnostic, Entry, Level, Special, text::Json};
use crate::options::{Env, Options};
use crate::pipeline::{self, DataRead, Warm};
use crate::workbook::folder::{self, Removed};
use crate::{config::Config, export};

/// An entry of the data folder as the page lists it: a workbook, or an entry
/// that is not read (a folder, a FIFO, a broken link…), which can be moved out
/// like a workbook.
#[derive(Debug, Clone, Serialize)]
pub struct FileRow {
    pub name: String,
    pub size: u64,
    /// Modification time, seconds since 1970.
    pub modified: u64,
    /// Values read; `null` when the file could not be opened or is not read.
    pub values: Option<usize>,
    pub warnings: usize,
    pub errors: usize,
    /// For an entry not read: what it is (`文件夹`, `命名管道`, `断开的链接`…).
    pub not_read: Option<&'static str>,
    /// For a workbook read through a symbolic link: the file it leads to.
    pub link: Option<String>,
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
    /// Counts the changes to the data folder and the settings seen so far.
    pub data_generation: u64,
    /// The data generation the yearbook last written was built from; `null`
    /// before the first. Less than `data_generation`: the yearbook is out of date.
    pub yearbook_from: Option<u64>,
    /// The entries moved out of the data folder, which can be put back.
    pub removed: Vec<Removed>,
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
    /// The Word edition's URL under `/output/`, when the settings ask for it.
    pub docx: Option<String>,
    /// The street briefs' URLs under `/briefs/`.
    pub briefs: Vec<String>,
    /// The yearbook is written and the exports are being written: the job is not
    /// over, and this build is published again when they are.
    pub exporting: bool,
    /// Why the exports could not be written, when the yearbook was.
    pub warning: Option<String>,
    /// Counts up with every build, so the page can reload its thumbnails.
    pub generation: u64,
    /// The data generation (see [`Status::data_generation`]) the build read.
    pub built_from: u64,
}

/// The server's shared state.
pub struct Desk {
    pub config_path: PathBuf,
    env: Env,
    /// What builds keep (the workbooks read, the fonts, the Typst world); held
    /// while a job runs, so two jobs never run at once.
    lock: Arc<Mutex<Warm>>,
    /// A change was seen that no build has read yet: one more build is owed.
    owed: AtomicBool,
    /// Counts the changes seen.
    data_generation: AtomicU64,
    hold: Hold,
    pub status: RwLock<Status>,
    pub document: RwLock<Option<Arc<typst_layout::PagedDocument>>>,
    /// The paragraphs of the last build, for the page's editor.
    pub texts: RwLock<Option<crate::text::Texts>>,
    pub events: broadcast::Sender<String>,
}

/// A job of the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Check,
    Build,
}

impl Desk {
    pub fn new(config_path: PathBuf, env: Env) -> Arc<Desk> {
        Arc::new(Desk {
            config_path,
            env,
            lock: Arc::new(Mutex::new(Warm::default())),
            owed: AtomicBool::new(false),
            data_generation: AtomicU64::new(0),
            hold: Hold::default(),
            status: RwLock::new(Status::default()),
            document: RwLock::new(None),
            texts: RwLock::new(None),
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

    /// The folder of the office's written parts (文字/).
    pub fn text_dir(&self) -> PathBuf {
        self.options().map(|o| o.config.text_dir).unwrap_or_else(|_| self.base().join("文字"))
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

    /// A change to the data folder or the settings was seen (by the watcher, or
    /// made by the page): the data generation counts up and a build is owed. The
    /// page is told at once, so it can mark the yearbook out of date.
    pub fn changed(&self) {
        let generation = self.data_generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.owed.store(true, Ordering::SeqCst);
        self.status.write().expect("status lock").data_generation = generation;
        self.send("changed", json!({ "data_generation": generation }));
    }

    /// Re-reads the data and publishes the diagnostics; a build follows (without
    /// being waited for) when one is owed.
    pub async fn check(self: &Arc<Self>) {
        let guard = self.lock.clone().lock_owned().await;
        self.clone().run(guard, Job::Check).await;
    }

    /// Builds, waiting for a running job to finish first; builds again as long as
    /// changes came during the build, and gives the last build's result.
    pub async fn build(self: &Arc<Self>) -> BuildResult {
        let guard = self.lock.clone().lock_owned().await;
        self.clone().run(guard, Job::Build).await.expect("a build job builds")
    }

    /// A change was seen ([`Desk::changed`]): builds now, or, when a job is
    /// running, leaves the build owed to run after it and returns `None`.
    pub async fn build_or_queue(self: &Arc<Self>) -> Option<BuildResult> {
        self.changed();
        let guard = self.lock.clone().try_lock_owned().ok()?;
        self.clone().run(guard, Job::Build).await
    }

    /// Runs a job, holding the lock; a build runs again while builds are owed.
    /// Then hands the lock to the owed build, if any.
    async fn run(self: Arc<Self>, mut guard: OwnedMutexGuard<Warm>, job: Job) -> Option<BuildResult> {
        let result = match job {
            Job::Check => {
                self.check_once(&mut guard).await;
                None
            }
            Job::Build => {
                let mut result = self.build_once(&mut guard).await;
                while self.owed.load(Ordering::SeqCst) {
                    result = self.build_once(&mut guard).await;
                }
                Some(result)
            }
        };
        self.follow_up(guard);
        result
    }

    /// After a job: the owed build runs next, holding the lock on; else the lock
    /// is let go. A change seen while the lock was still held but after the test
    /// (its `try_lock` failed) is found by the second test, after the release.
    fn follow_up(self: Arc<Self>, guard: OwnedMutexGuard<Warm>) {
        if self.owed.load(Ordering::SeqCst) {
            tokio::spawn(self.run(guard, Job::Build));
            return;
        }
        drop(guard);
        if self.owed.load(Ordering::SeqCst)
            && let Ok(guard) = self.lock.clone().try_lock_owned()
        {
            self.follow_up(guard);
        }
    }

    async fn check_once(self: &Arc<Self>, guard: &mut Warm) {
        let desk = self.clone();
        let mut warm = std::mem::take(guard);
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
            Err(e) => self.problem(&e),
        };
        self.publish(status);
    }

    /// The status of a check that could not be done.
    fn problem(&self, e: &anyhow::Error) -> Status {
        let removed = folder::removed(&self.data_dir()).unwrap_or_default();
        Status { problem: Some(chain(e)), removed, ..Status::default() }
    }

    /// Reads the data folder (taking unchanged workbooks from `warm`) and analyses
    /// it; with the data generation read.
    fn read(&self, warm: &mut Warm) -> Result<Checked> {
        let from = self.data_generation.load(Ordering::SeqCst);
        self.hold.pass();
        let start = Instant::now();
        let opts = self.options()?;
        let read = warm.read(&opts)?;
        let (analysed, timings) = pipeline::analyse_timed(&opts, &read, start.elapsed());
        Ok(Checked { opts, read, analysed, timings, from })
    }

    fn publish(&self, mut status: Status) {
        let mut now = self.status.write().expect("status lock");
        status.build = now.build.clone();
        status.building = now.building;
        status.yearbook_from = now.yearbook_from;
        status.data_generation = self.data_generation.load(Ordering::SeqCst);
        // The findings about the edits are the last build's until the next one.
        let texts = now.diagnostics.iter().filter(|d| d.kind.starts_with("text-")).cloned();
        status.diagnostics.extend(texts);
        *now = status;
        self.send("status", serde_json::to_value(&*now).unwrap_or_default());
    }

    /// One build, a build owed no more until another change comes.
    async fn build_once(self: &Arc<Self>, guard: &mut Warm) -> BuildResult {
        self.owed.store(false, Ordering::SeqCst);
        self.status.write().expect("status lock").building = true;
        self.send("build-start", json!({}));
        let desk = self.clone();
        let mut warm = std::mem::take(guard);
        let generation =
            self.status.read().expect("status lock").build.as_ref().map_or(0, |b| b.generation) + 1;
        let (result, kept) = tokio::task::spawn_blocking(move || {
            let r = desk.build_blocking(&mut warm, generation);
            (r, warm)
        })
        .await
        .unwrap_or_else(|e| {
            (BuildResult { generation, ..failed(format!("生成中断：{e}")) }, Warm::default())
        });
        *guard = kept;
        self.publish_build(&result);
        result
    }

    /// Makes a build's result the page's, and tells the page. The job is over
    /// unless the result says it is still `exporting`.
    fn publish_build(&self, result: &BuildResult) {
        {
            let mut status = self.status.write().expect("status lock");
            status.building = result.exporting;
            status.build = Some(result.clone());
            if result.ok {
                status.yearbook_from = Some(result.built_from);
            }
        }
        self.send("build", serde_json::to_value(result).unwrap_or_default());
    }

    /// One build: reads and checks (publishing the findings), typesets and writes
    /// the yearbook, publishes it as soon as it is written, so the page shows its
    /// pages while the exports are made, then writes the exports.
    fn build_blocking(&self, warm: &mut Warm, generation: u64) -> BuildResult {
        let start = Instant::now();
        let (Checked { opts, read, analysed, timings, from }, json) = match self.read(warm) {
            Ok(checked) => {
                let status = checked.status();
                let json = status.diagnostics.clone();
                self.publish(status);
                (checked, json)
            }
            Err(e) => {
                self.publish(self.problem(&e));
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
                    built_from: from,
                    ..failed(chain(&e))
                };
            }
        };
        *self.document.write().expect("document lock") = Some(built.document.clone());
        let mut json = json;
        json.extend(built.texts.diagnostics.iter().map(Json::from));
        self.publish_texts(&built.texts);
        let name = built.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut result = BuildResult {
            ok: true,
            pdf: Some(format!("/output/{}", url_escape(&name))),
            pages: built.pages,
            seconds: start.elapsed().as_secs_f64(),
            diagnostics: json,
            error: None,
            exports: Vec::new(),
            docx: built
                .docx
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| format!("/output/{}", url_escape(&n.to_string_lossy()))),
            briefs: built
                .briefs
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| format!("/briefs/{}", url_escape(&n.to_string_lossy())))
                .collect(),
            exporting: true,
            warning: None,
            generation,
            built_from: from,
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

    /// Keeps the paragraphs of a build for the page, and adds the findings about
    /// the edits to the page's list of findings.
    fn publish_texts(&self, texts: &crate::text::Texts) {
        *self.texts.write().expect("texts lock") = Some(texts.clone());
        let mut status = self.status.write().expect("status lock");
        status.diagnostics.retain(|d| !d.kind.starts_with("text-"));
        status.diagnostics.extend(texts.diagnostics.iter().map(Json::from));
        self.send("status", serde_json::to_value(&*status).unwrap_or_default());
    }

    /// Holds every job before it reads the data, until the hold is dropped: for
    /// tests that need a job to be running while something else happens.
    pub fn hold_jobs(self: &Arc<Self>) -> JobHold {
        self.hold.state.lock().expect("hold lock").held = true;
        JobHold { desk: self.clone() }
    }
}

/// Jobs held before they read the data; see [`Desk::hold_jobs`].
#[derive(Default)]
struct Hold {
    state: std::sync::Mutex<HoldState>,
    turn: Condvar,
}

#[derive(Default)]
struct HoldState {
    held: bool,
    /// Jobs waiting at the hold.
    waiting: usize,
}

impl Hold {
    /// Waits while jobs are held.
    fn pass(&self) {
        let mut state = self.state.lock().expect("hold lock");
        if !state.held {
            return;
        }
        state.waiting += 1;
        self.turn.notify_all();
        while state.held {
            state = self.turn.wait(state).expect("hold lock");
        }
        state.waiting -= 1;
    }
}

/// Jobs are held while this lives.
pub struct JobHold {
    desk: Arc<Desk>,
}

impl JobHold {
    /// Waits until a job is waiting at the hold (at most `timeout`); whether one is.
    pub fn wait_for_job(&self, timeout: Duration) -> bool {
        let hold = &self.desk.hold;
        let state = hold.state.lock().expect("hold lock");
        let (state, _) = hold.turn.wait_timeout_while(state, timeout, |s| s.waiting == 0).expect("hold lock");
        state.waiting > 0
    }
}

impl Drop for JobHold {
    fn drop(&mut self) {
        let hold = &self.desk.hold;
        hold.state.lock().expect("hold lock").held = false;
        hold.turn.notify_all();
    }
}

/// What a job read and what the analysis of it found.
struct Checked {
    opts: Options,
    read: DataRead,
    analysed: Result<pipeline::Analysed>,
    timings: pipeline::Timings,
    /// The data generation read.
    from: u64,
}

impl Checked {
    /// The page's view of it.
    fn status(&self) -> Status {
        let year = self.analysed.as_ref().ok().map(|a| a.analysis.year);
        let mut status = status_of(&self.read, &diagnostics(&self.read, &self.analysed), year);
        status.removed = folder::removed(&self.opts.config.data_dir).unwrap_or_default();
        status
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
        docx: None,
        briefs: Vec::new(),
        exporting: false,
        warning: None,
        generation: 0,
        built_from: 0,
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
    let counts = |name: &str| {
        let (mut warnings, mut errors) = (0, 0);
        for d in diagnostics.iter().filter(|d| d.place.file_name() == name) {
            match d.level {
                Level::Warning => warnings += 1,
                Level::Error => errors += 1,
                Level::Note => {}
            }
        }
        (warnings, errors)
    };
    let mut files: Vec<FileRow> = read
        .files
        .iter()
        .map(|f| {
            let (warnings, errors) = counts(&f.name);
            let meta = std::fs::metadata(&f.path).ok();
            FileRow {
                name: f.name.clone(),
                size: meta.as_ref().map_or(f.size, |m| m.len()),
                modified: modified(meta.as_ref()),
                values: f.sheets.as_ref().map(|s| s.iter().map(|s| s.observations).sum()),
                warnings,
                errors,
                not_read: None,
                link: f.link.as_ref().map(|l| l.display().to_string()),
            }
        })
        .collect();
    files.extend(read.skipped.iter().map(|s| {
        let (warnings, errors) = counts(&s.name);
        // The entry itself: a link is not followed.
        let meta = std::fs::symlink_metadata(&s.path).ok();
        FileRow {
            name: s.name.clone(),
            size: meta.as_ref().filter(|m| m.is_file()).map_or(0, |m| m.len()),
            modified: modified(meta.as_ref()),
            values: None,
            warnings,
            errors,
            not_read: Some(entry_label(&s.what)),
            link: None,
        }
    }));
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Status {
        year,
        files,
        diagnostics: diagnostics.iter().map(Json::from).collect(),
        values: read.dataset.read_count(),
        ..Status::default()
    }
}

/// Modification time, seconds since 1970; 0 when not known.
fn modified(meta: Option<&std::fs::Metadata>) -> u64 {
    meta.and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs())
}

/// What an entry not read is, in a word or two for the page's list.
fn entry_label(entry: &Entry) -> &'static str {
    match entry {
        Entry::Folder => "文件夹",
        Entry::Special(Special::Fifo) => "命名管道",
        Entry::Special(Special::Device) => "设备文件",
        Entry::Special(Special::Socket) => "套接字",
        Entry::Special(Special::Other) => "特殊文件",
        Entry::OtherFile => "非数据文件",
        Entry::BrokenLink { .. } => "断开的链接",
        Entry::LoopingLink { .. } => "循环的链接",
        Entry::LinkToFolder { .. } => "指向文件夹的链接",
        Entry::LinkToSpecial { .. } => "指向特殊文件的链接",
    }
}
