//! The editions besides the PDF, written after it from the same finished report
//! model: the Word document (.docx).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use crate::charts::Chart;
use crate::config::Config;
use crate::docx;
use crate::output;
use crate::report::Report;

/// Renders the Word edition of `report` and writes it beside the PDF; `inputs`
/// are the files no output may replace. Gives back its path.
pub fn write_docx(
    config: &Config,
    report: &Report,
    charts: &[Chart],
    inputs: &[&Path],
    log: &mut dyn FnMut(String),
) -> Result<PathBuf> {
    let start = Instant::now();
    let pictures = docx::pictures(report, charts)?;
    let bytes = docx::render(report, &pictures)?;
    let path = config.output_dir.join(docx::file_name(&config.region, report.meta.year));
    output::write_atomic(&path, &bytes, inputs)?;
    log(format!(
        "已生成 Word 版 {}（{:.1} MB，统计图 {} 幅），用时 {:.1} 秒",
        path.display(),
        bytes.len() as f64 / 1_048_576.0,
        pictures.len(),
        start.elapsed().as_secs_f64()
    ));
    Ok(path)
}
