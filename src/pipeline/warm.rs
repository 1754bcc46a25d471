//! What one project keeps from build to build (`serve`, `build --watch`), and the
//! build that uses it.

use std::time::Instant;

use anyhow::Result;

use super::*;
use crate::config::Edition;

/// What one project keeps from build to build (`serve`, `build --watch`): the
/// catalogue and the workbooks as read (with the tables found in them), keyed by
/// text and by size and time; the charts drawn, keyed by their data; the parsed
/// fonts; and the Typst world, whose unchanged templates, charts and fonts let
/// Typst reuse its memoised work. A fresh one is a cold build.
#[derive(Default)]
pub struct Warm {
    books: ReadCache,
    /// The user's font files as read, and every font parsed.
    fonts: Option<(FontFiles, Vec<typst::text::Font>)>,
    world: Option<typeset::YearbookWorld>,
    drawn: charts::Drawn,
    /// Typst's cache being trimmed after the last rebuild ([`typeset::evict`]),
    /// off the path from a saved workbook to its PDF; the next build waits for it.
    evicting: Option<std::thread::JoinHandle<()>>,
}

impl Warm {
    /// Reads the data folder, taking unchanged workbooks from the earlier reading.
    pub fn read(&mut self, opts: &Options) -> Result<DataRead> {
        let (read, next) = read_data_cached(opts, &self.books)?;
        self.books = next;
        Ok(read)
    }

    /// Reads the data, and when it has no errors, typesets and writes the yearbook.
    pub fn build(&mut self, opts: &Options, log: &mut dyn FnMut(String)) -> Result<Built> {
        output_dir_allowed(&opts.config)?;
        let start = Instant::now();
        let read = self.read(opts)?;
        let (analysed, timings) = analyse_timed(opts, &read, start.elapsed());
        self.build_read(opts, read, analysed, timings, log).map(|(built, _)| built)
    }

    /// The fonts: the embedded ones and those of `font-paths`, parsed again only
    /// when the font files changed.
    fn fonts(&mut self, config: &Config) -> Result<Vec<typst::text::Font>> {
        let files = font_files(config)?;
        if let Some((known, fonts)) = &self.fonts
            && *known == files
        {
            return Ok(fonts.clone());
        }
        let fonts = typeset::load_fonts(files.clone())?;
        self.fonts = Some((files, fonts.clone()));
        Ok(fonts)
    }

    /// Typesets prepared data into PDF bytes, writing nothing.
    pub fn typeset(
        &mut self,
        opts: &Options,
        prepared: Prepared,
        log: &mut dyn FnMut(String),
    ) -> Result<(Prepared, typeset::Typeset)> {
        let fonts = self.fonts(&opts.config)?;
        let (mut prepared, input) = typeset_input_with(opts, prepared, fonts, log)?;
        if let Some(dir) = &opts.extras.keep_sources {
            keep_sources(dir, &input)?;
        }
        // A first build keeps its whole cache: a one-off `yearbook build` exits
        // after it, and a kept one trims it after the next.
        let rebuild = self.world.is_some();
        let world = match self.world.take() {
            Some(mut world) => {
                world.update(input)?;
                world
            }
            None => typeset::YearbookWorld::new(input)?,
        };
        if let Some(evicting) = self.evicting.take() {
            // A panic while trimming is Typst's; the cache stays usable (only part
            // of it was trimmed), so the build goes on.
            let _ = evicting.join();
        }
        let typeset = typeset::typeset_world(&world);
        self.world = Some(world);
        if rebuild {
            // Without a thread to spare, the trimming is done here.
            self.evicting = std::thread::Builder::new()
                .name("typst-evict".into())
                .spawn(typeset::evict)
                .inspect_err(|_| typeset::evict())
                .ok();
        }
        if let Some(dir) = &opts.extras.keep_sources {
            // A template error is reproduced with the standards a build asks for.
            let standards = typeset.as_ref().map_or(&["PDF/A-3b", "PDF/UA-1"][..], |t| &t.standards);
            keep_script(dir, prepared.date, standards)?;
            log(format!(
                "已把排版源文件写到 {}；可用 typst compile 重现 PDF（命令见其中的 compile.sh）",
                dir.display()
            ));
        }
        let typeset = typeset?;
        prepared.timings.typeset = typeset.compile_time;
        prepared.timings.pdf = typeset.export_time;
        for w in &typeset.warnings {
            log(format!("排版提示：{w}"));
        }
        Ok((prepared, typeset))
    }

    /// [`Warm::build`] for data already read (by [`Warm::read`]) and analysed (by
    /// [`analyse_timed`]); gives back the data with what was built.
    pub fn build_read(
        &mut self,
        opts: &Options,
        read: DataRead,
        analysed: Result<Analysed>,
        timings: Timings,
        log: &mut dyn FnMut(String),
    ) -> Result<(Built, DataRead)> {
        let config = &opts.config;
        let start = Instant::now() - timings.read - timings.analysis;
        output_dir_allowed(config)?;
        let prepared = prepare_read(opts, read, analysed, timings, &self.drawn, log)?;
        self.drawn = prepared.drawn.clone();
        // The other editions are made on a thread of their own while the yearbook
        // is typeset: the Word edition, then the briefs.
        let wants = |e| config.editions.contains(&e);
        let fonts =
            if wants(Edition::Docx) || wants(Edition::Briefs) { self.fonts(config)? } else { Vec::new() };
        let docx_job = wants(Edition::Docx).then(|| editions::DocxJob::new(opts, &prepared, &fonts));
        let briefs_job = match prepared.briefs.is_empty() {
            true => None,
            false => Some(editions::BriefsJob::new(opts, &prepared, fonts)?),
        };
        let (typeset, others) = std::thread::scope(|s| {
            let others = (docx_job.is_some() || briefs_job.is_some()).then(|| {
                s.spawn(move || {
                    let docx = docx_job.map(|j| j.render());
                    let briefs = briefs_job.map(|j| j.typeset());
                    (docx, briefs)
                })
            });
            let typeset = self.typeset(opts, prepared, log);
            (typeset, others.map(|h| h.join()))
        });
        let (docx, briefs) = match others {
            None => (None, None),
            Some(Ok(made)) => made,
            Some(Err(_)) => anyhow::bail!("生成 Word 版或街道简报时程序出错，未生成"),
        };
        let (prepared, typeset) = typeset?;
        let Prepared { read, analysis, warnings, texts, mut timings, .. } = prepared;
        let path = config.output_dir.join(output_name(&config.region, analysis.year));
        let written = Instant::now();
        output::write_atomic(&path, &typeset.pdf, &inputs(config, &read))?;
        timings.write = written.elapsed();
        if opts.extras.timings {
            timings.lines().into_iter().for_each(&mut *log);
        }
        log(format!(
            "已生成 {}（{} 页，{:.1} MB，{}），用时 {:.1} 秒",
            path.display(),
            typeset.pages,
            typeset.pdf.len() as f64 / 1_048_576.0,
            typeset.standards.join("、"),
            start.elapsed().as_secs_f64()
        ));
        let docx = match docx {
            Some(made) => {
                Some(editions::write_docx(config, analysis.year, made?, &inputs(config, &read), log)?)
            }
            None => None,
        };
        let briefs = match briefs {
            Some(typeset) => editions::write_briefs(config, typeset?, &inputs(config, &read), log)?,
            None => Vec::new(),
        };
        let built = Built {
            path,
            pages: typeset.pages,
            bytes: typeset.pdf.len(),
            year: analysis.year,
            warnings,
            timings,
            document: typeset.document,
            texts,
            docx,
            briefs,
        };
        Ok((built, read))
    }
}
