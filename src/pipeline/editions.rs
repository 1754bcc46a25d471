//! The editions besides the PDF, from the same finished report model: the Word
//! document (.docx), rendered after the PDF, and the street briefs, typeset on a
//! thread of their own while the yearbook is.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use crate::charts::Chart;
use crate::config::Config;
use crate::docx;
use crate::options::Options;
use crate::output;
use crate::report::Report;
use crate::report::briefs::{self, Brief};
use crate::typeset::{self, Input, YearbookWorld};

use super::Prepared;

/// The folder of the street briefs, under the output folder.
pub const BRIEFS_DIR: &str = "街道简报";

/// What typesetting the briefs needs, taken from a prepared build so that it can
/// run beside the yearbook's typesetting.
pub struct BriefsJob {
    briefs: Vec<Brief>,
    templates: Vec<crate::assets::TemplateFile>,
    charts: Vec<(String, Vec<u8>)>,
    fonts: Vec<typst::text::Font>,
    date: (i32, u32, u32),
}

impl BriefsJob {
    /// The job for the briefs of `prepared`, in the fonts the yearbook uses.
    pub fn new(opts: &Options, prepared: &Prepared, fonts: Vec<typst::text::Font>) -> Result<BriefsJob> {
        let config = &opts.config;
        let templates = crate::assets::load_templates(config.templates.as_deref())?;
        let chosen = chosen_fonts(opts, &fonts);
        let mut briefs = prepared.briefs.clone();
        for b in &mut briefs {
            b.layout.fonts = chosen.clone();
        }
        let charts = prepared
            .charts
            .iter()
            .filter(|c| {
                briefs
                    .iter()
                    .any(|b| b.figure.as_ref().is_some_and(|f| f.path.ends_with(&format!("/{}.svg", c.id))))
            })
            .map(|c| (format!("/charts/{}.svg", c.id), c.svg.clone().into_bytes()))
            .collect();
        Ok(BriefsJob { briefs, templates, charts, fonts, date: prepared.date })
    }

    /// Typesets every brief in one world (what is shared, the template, fonts
    /// and chart, is laid out once); gives back each brief's file name and PDF.
    pub fn typeset(self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut world: Option<YearbookWorld> = None;
        let mut out = Vec::new();
        for b in &self.briefs {
            let json = serde_json::to_vec(b)?;
            let mut files = vec![("/data/brief.json".to_string(), json)];
            files.extend(self.charts.iter().cloned());
            let input = Input {
                templates: self.templates.clone(),
                files,
                fonts: self.fonts.clone(),
                date: self.date,
            };
            let w = match world.take() {
                Some(mut w) => {
                    w.update(input)?;
                    w
                }
                None => YearbookWorld::with_main(input, "/brief.typ")?,
            };
            let typeset = typeset::typeset_world(&w)?;
            world = Some(w);
            out.push((briefs::file_name(b), typeset.pdf));
        }
        Ok(out)
    }
}

/// Writes the typeset briefs into `街道简报/` under the output folder; their paths.
pub fn write_briefs(
    config: &Config,
    typeset: Vec<(String, Vec<u8>)>,
    inputs: &[&Path],
    log: &mut dyn FnMut(String),
) -> Result<Vec<PathBuf>> {
    let dir = config.output_dir.join(BRIEFS_DIR);
    let mut paths = Vec::new();
    for (name, pdf) in typeset {
        let path = dir.join(name);
        output::write_atomic(&path, &pdf, inputs)?;
        paths.push(path);
    }
    log(format!("已生成街道简报 {} 份，在 {}", paths.len(), dir.display()));
    Ok(paths)
}

/// The Word edition to render, taken from a prepared build so that it can be
/// rendered beside the yearbook's typesetting.
pub struct DocxJob {
    report: Report,
    charts: Vec<Chart>,
}

impl DocxJob {
    /// The job for `prepared`'s report, in the fonts the yearbook uses.
    pub fn new(opts: &Options, prepared: &Prepared, fonts: &[typst::text::Font]) -> DocxJob {
        let mut report = prepared.report.clone();
        report.meta.layout.fonts = chosen_fonts(opts, fonts);
        DocxJob { report, charts: prepared.charts.clone() }
    }

    /// The .docx bytes, the number of charts in it and the time it took.
    pub fn render(self) -> Result<(Vec<u8>, usize, std::time::Duration)> {
        let start = Instant::now();
        let pictures = docx::pictures(&self.report, &self.charts)?;
        let bytes = docx::render(&self.report, &pictures)?;
        Ok((bytes, pictures.len(), start.elapsed()))
    }
}

/// The fonts the yearbook is set in: the user's named fonts where loaded (the
/// yearbook's typesetting reports those that are not).
fn chosen_fonts(opts: &Options, fonts: &[typst::text::Font]) -> crate::report::Fonts {
    crate::report::Fonts::choose(&opts.config.fonts, &typeset::families(fonts), &mut |_| {})
}

/// Writes the rendered Word edition beside the PDF; `inputs` are the files no
/// output may replace. Gives back its path.
pub fn write_docx(
    config: &Config,
    year: i32,
    (bytes, charts, took): (Vec<u8>, usize, std::time::Duration),
    inputs: &[&Path],
    log: &mut dyn FnMut(String),
) -> Result<PathBuf> {
    let path = config.output_dir.join(docx::file_name(&config.region, year));
    output::write_atomic(&path, &bytes, inputs)?;
    log(format!(
        "已生成 Word 版 {}（{:.1} MB，统计图 {charts} 幅），用时 {:.1} 秒",
        path.display(),
        bytes.len() as f64 / 1_048_576.0,
        took.as_secs_f64()
    ));
    Ok(path)
}
