//! Typesetting with Typst as a library: a [`World`] whose files are the generated
//! report model (`/data/report.json`), the charts (`/charts/*.svg`) and the embedded
//! templates, whose fonts are the embedded ones plus a user's, and whose packages
//! are refused (nothing is downloaded). Compiles to a paged document and exports
//! PDF bytes. Template errors are printed with typst-kit's diagnostics.

use std::collections::HashMap;

use anyhow::{Result, anyhow};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld, emit, termcolor::NoColor};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::assets;

/// What the typesetter needs: templates, generated files, extra fonts and the date.
pub struct Input {
    /// The templates (embedded, or the user's copies).
    pub templates: Vec<assets::TemplateFile>,
    /// Generated virtual files by absolute path (`/data/report.json`).
    pub files: Vec<(String, Vec<u8>)>,
    /// The fonts, parsed once by [`load_fonts`]: the embedded ones and a user's.
    pub fonts: Vec<Font>,
    /// The build date (year, month, day), used for `datetime.today()` and the PDF.
    pub date: (i32, u32, u32),
}

/// The Typst world of one build.
pub struct YearbookWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    /// Where a user's template came from, for messages.
    origins: HashMap<FileId, std::path::PathBuf>,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
    /// The build date (year, month, day), for the PDF.
    date: (i32, u32, u32),
}

fn id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(path).map_err(|e| anyhow!("无效的虚拟路径 {path}：{e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The embedded fonts, parsed. They are known to be valid.
pub fn embedded_fonts() -> Vec<Font> {
    assets::FONTS.iter().flat_map(|f| Font::iter(Bytes::new(f.data))).collect()
}

/// The embedded fonts and a user's font files (name for messages, data), parsed.
pub fn load_fonts(extra: Vec<(String, Vec<u8>)>) -> Result<Vec<Font>> {
    let mut fonts = embedded_fonts();
    for (name, data) in extra {
        let before = fonts.len();
        fonts.extend(Font::iter(Bytes::new(data)));
        if fonts.len() == before {
            return Err(anyhow!("字体文件 {name} 无法解析"));
        }
    }
    Ok(fonts)
}

/// The family names of the fonts, sorted.
pub fn families(fonts: &[Font]) -> Vec<String> {
    let mut v: Vec<String> = fonts.iter().map(|f| f.info().family.clone()).collect();
    v.sort();
    v.dedup();
    v
}

/// Whether some font has a glyph for a character (white space needs none).
pub fn covers(fonts: &[Font], c: char) -> bool {
    c.is_whitespace() || c.is_control() || fonts.iter().any(|f| f.info().coverage.contains(c as u32))
}

impl YearbookWorld {
    /// A world over the embedded templates and the given input.
    pub fn new(input: Input) -> Result<Self> {
        let mut world = YearbookWorld {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::new()),
            fonts: Vec::new(),
            main: id("/yearbook.typ")?,
            sources: HashMap::new(),
            origins: HashMap::new(),
            files: HashMap::new(),
            today: Datetime::from_ymd(1970, 1, 1).ok_or_else(|| anyhow!("日期无效"))?,
            date: (1970, 1, 1),
        };
        world.update(input)?;
        Ok(world)
    }

    /// A world whose main file is `main` (the street briefs' `/brief.typ`).
    pub fn with_main(input: Input, main: &str) -> Result<Self> {
        let mut world = YearbookWorld::new(input)?;
        world.main = id(main)?;
        Ok(world)
    }

    /// Brings a world kept from an earlier build up to date with the next build's
    /// input. What is unchanged stays the same value (the font book, the parsed
    /// templates, the files' bytes), so Typst's memoised work for it is reused; a
    /// changed template is reparsed incrementally.
    pub fn update(&mut self, input: Input) -> Result<()> {
        if input.fonts != self.fonts {
            self.book = LazyHash::new(FontBook::from_fonts(&input.fonts));
            self.fonts = input.fonts;
        }
        let mut sources = HashMap::new();
        self.origins.clear();
        for t in input.templates {
            let fid = id(&t.path)?;
            let source = match self.sources.remove(&fid) {
                Some(mut old) => {
                    if old.text() != t.text {
                        old.replace(&t.text);
                    }
                    old
                }
                None => Source::new(fid, t.text),
            };
            sources.insert(fid, source);
            if let Some(o) = t.origin {
                self.origins.insert(fid, o);
            }
        }
        self.sources = sources;
        let mut files = HashMap::new();
        for (path, data) in input.files {
            let fid = id(&path)?;
            let bytes = match self.files.remove(&fid) {
                Some(old) if old.as_slice() == data.as_slice() => old,
                _ => Bytes::new(data),
            };
            files.insert(fid, bytes);
        }
        self.files = files;
        let (y, m, d) = input.date;
        self.today = Datetime::from_ymd(y, m as u8, d as u8).ok_or_else(|| anyhow!("日期无效"))?;
        self.date = input.date;
        Ok(())
    }

    fn refuse_packages(id: FileId) -> FileResult<()> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return Err(FileError::Other(Some(
                "年报模板不能使用 Typst Universe 包：构建时不联网，所需内容须放在 templates/ 中".into(),
            )));
        }
        Ok(())
    }
}

impl World for YearbookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        Self::refuse_packages(id)?;
        self.sources.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        Self::refuse_packages(id)?;
        if let Some(b) = self.files.get(&id) {
            return Ok(b.clone());
        }
        if let Some(s) = self.sources.get(&id) {
            return Ok(Bytes::from_string(s.text().to_string()));
        }
        Err(FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for YearbookWorld {
    fn name(&self, id: FileId) -> String {
        match self.origins.get(&id) {
            Some(path) => path.display().to_string(),
            None => format!("（内置模板）templates{}", id.vpath().get_with_slash()),
        }
    }
}

fn render(world: &YearbookWorld, diags: &[SourceDiagnostic]) -> String {
    let mut out = NoColor::new(Vec::new());
    if emit(&mut out, world, diags, DiagnosticFormat::Human).is_err() {
        return diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("\n");
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// The result of typesetting.
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Typst's warnings, rendered, and notes about the PDF standards.
    pub warnings: Vec<String>,
    /// The PDF standards the file conforms to, e.g. `PDF/A-3b`, `PDF/UA-1`.
    pub standards: Vec<&'static str>,
    /// The laid-out pages, for thumbnails.
    pub document: std::sync::Arc<PagedDocument>,
    /// How long the layout and the PDF export took.
    pub compile_time: std::time::Duration,
    pub export_time: std::time::Duration,
}

/// Compiles the report to a paged document; errors are rendered with file, line
/// and column.
pub fn compile(world: &YearbookWorld) -> Result<(PagedDocument, Vec<String>)> {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings: Vec<String> =
        warned.warnings.iter().map(|w| render(world, std::slice::from_ref(w))).collect();
    let doc = warned.output.map_err(|errs| anyhow!("排版模板出错：\n{}", render(world, &errs)))?;
    Ok((doc, warnings))
}

/// Drops from Typst's cache (memoised layout, PDF fonts and streams) what the
/// last few builds did not use, so a process that builds again and again does
/// not grow. It takes a few milliseconds: a kept build runs it in the
/// background, after its PDF is made.
pub fn evict() {
    typst::comemo::evict(10);
}

/// A page rendered as PNG at `scale` pixels per point (1-based page number).
pub fn page_png(doc: &PagedDocument, page: usize, scale: f32) -> Option<Vec<u8>> {
    let page = doc.pages().get(page.checked_sub(1)?)?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(scale)),
        ..Default::default()
    };
    typst_render::render(page, &options).encode_png().ok()
}

/// Compiles the report and exports it as PDF/A-3b, tagged, and PDF/UA-1 when
/// Typst accepts the document as such.
pub fn typeset(input: Input) -> Result<Typeset> {
    typeset_world(&YearbookWorld::new(input)?)
}

/// [`typeset`] in a world kept from earlier builds (by [`YearbookWorld::update`]):
/// Typst reuses its memoised work for what did not change. A long-lived process
/// keeps Typst's cache small with [`evict`] between builds.
pub fn typeset_world(world: &YearbookWorld) -> Result<Typeset> {
    let start = std::time::Instant::now();
    let (doc, mut warnings) = compile(world)?;
    let compile_time = start.elapsed();
    let start = std::time::Instant::now();
    let (y, m, d) = world.date;
    let timestamp = Datetime::from_ymd_hms(y, m as u8, d as u8, 0, 0, 0).map(Timestamp::new_utc);
    let export = |list: &[PdfStandard]| {
        let standards = PdfStandards::new(list).map_err(|e| anyhow!("PDF 标准设置有误：{}", e.message()))?;
        // The document identifier is Typst's hash of the title and the author, as
        // the Typst CLI makes it, so `typst compile` of the kept sources gives the
        // same file.
        let options =
            PdfOptions { ident: Smart::Auto, timestamp, standards, tagged: true, ..PdfOptions::default() };
        typst_pdf::pdf(&doc, &options).map_err(|errs| anyhow!("{}", render(world, &errs)))
    };
    let (pdf, standards) = match export(&[PdfStandard::A_3b, PdfStandard::Ua_1]) {
        Ok(pdf) => (pdf, vec!["PDF/A-3b", "PDF/UA-1"]),
        Err(ua) => {
            let pdf = export(&[PdfStandard::A_3b]).map_err(|e| anyhow!("导出 PDF/A-3b 出错：\n{e}"))?;
            warnings.push(format!("未能同时满足 PDF/UA-1，已按 PDF/A-3b 导出：{ua}"));
            (pdf, vec!["PDF/A-3b"])
        }
    };
    Ok(Typeset {
        pdf,
        pages: doc.pages().len(),
        document: std::sync::Arc::new(doc),
        warnings,
        standards,
        compile_time,
        export_time: start.elapsed(),
    })
}
