//! `yearbook check`: read the data folder and report, file by file, what was read
//! and what is wrong; then go through everything `build` does short of writing the
//! PDF (analysis, charts, report model, fonts, typesetting, the output path), so
//! that `check` passes exactly when `build` would. Writes nothing. Exit 0 when
//! `build` would succeed, 1 otherwise, with the reason.

use anyhow::Result;

use super::CheckArgs;
use crate::diag::text::shown;
use crate::diag::{Diagnostic, Level};
use crate::pipeline::{self, DataRead};

/// Runs `check`; returns 0 when `build` would succeed, else 1.
pub fn run(args: &CheckArgs) -> Result<i32> {
    let opts = args.resolve()?;
    let read = pipeline::read_data(&opts)?;
    let analysed = pipeline::analyse(&opts, &read);
    let mut diagnostics = read.diagnostics.clone();
    if let Ok(a) = &analysed {
        diagnostics.extend(a.diagnostics.iter().cloned());
    }
    print_files(&read, &diagnostics);
    // The written parts: a file that cannot be read is left out, the book still builds.
    pipeline::written(&opts.config, &mut |line| println!("{line}"));
    let errors = diagnostics.iter().filter(|d| d.level == Level::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.level == Level::Warning).count();
    if !read.records.is_empty() {
        println!(
            "专利清单 {} 个，记录 {} 条（已按申请号去重）。",
            read.records.lists.len(),
            read.records.patents.len()
        );
    }
    println!(
        "共 {} 个文件，读入数值 {} 个；警告 {} 个，错误 {} 个。",
        read.files.len(),
        read.dataset.read_count(),
        warnings,
        errors
    );
    if errors > 0 {
        println!("请按上述提示修正数据后重新检查。");
        return Ok(1);
    }
    let mut text_errors = 0;
    let refused = analysed.and_then(|a| {
        pipeline::output_dir_allowed(&opts.config)?;
        let mut prepared = pipeline::prepare_analysed(&opts, read, a, &Default::default(), &mut |_| {})?;
        text_errors = print_texts(&mut prepared.texts, args.strict_text);
        pipeline::typeset(&opts, prepared, &mut |_| {}).map(|_| ())
    });
    if let Err(e) = refused {
        for line in super::error_lines(&e) {
            println!("{line}");
        }
        println!("yearbook build 会因此停止；请按提示修正后重新检查。");
        return Ok(1);
    }
    if text_errors > 0 {
        println!("修改稿中有 {text_errors} 处错误（--strict-text）；请按上述提示修正或确认后重新检查。");
        return Ok(1);
    }
    println!("数据检查通过，可以运行 yearbook build 生成年报。");
    Ok(0)
}

/// The findings about the edited paragraphs (文字修改.toml), a stale edit with
/// its old and new generated text and the edit; with `strict`, the typed figures
/// and the stale edits as errors. Returns the number of errors.
fn print_texts(texts: &mut crate::text::Texts, strict: bool) -> usize {
    if strict {
        crate::text::strict(&mut texts.diagnostics);
    }
    if texts.diagnostics.is_empty() {
        return 0;
    }
    println!("年报文字（{} 和文字目录）", crate::text::edits::FILE);
    for d in &texts.diagnostics {
        println!("  {d}");
        if let crate::diag::Kind::Text(crate::diag::words::TextFinding::Stale { key, .. }) = &d.kind
            && let Some(p) = texts.get(key)
        {
            // The texts side by side; the figures have lines of their own.
            for line in super::text::lines(p).into_iter().skip(1).filter(|l| !l.starts_with("  数字待核"))
            {
                println!("  {line}");
            }
        }
    }
    texts.diagnostics.iter().filter(|d| d.level == Level::Error).count()
}

/// Per file: its sheets with what was read, the counts of warnings and errors,
/// and its diagnostics; then the diagnostics about no file. Names are shown on
/// one line and shortened, as in the diagnostics.
fn print_files(read: &DataRead, diagnostics: &[Diagnostic]) {
    for f in &read.files {
        let mine: Vec<_> = diagnostics.iter().filter(|d| d.place.file_name() == f.name).collect();
        let count = |l: Level| mine.iter().filter(|d| d.level == l).count();
        match &f.sheets {
            None => println!("{}：无法打开", shown(&f.name)),
            Some(sheets) => {
                println!("{}", shown(&f.name));
                for s in sheets {
                    let list = read.records.lists.iter().find(|l| l.file == f.name && l.sheet == s.name);
                    if s.hidden {
                        println!("  工作表“{}”：隐藏，已跳过", shown(&s.name));
                    } else if let Some(l) = list {
                        println!("  工作表“{}”：专利清单，记录 {} 条", shown(&s.name), l.records);
                    } else {
                        println!(
                            "  工作表“{}”：表格 {} 个，数值 {} 个，空缺 {} 个",
                            shown(&s.name),
                            s.tables,
                            s.observations,
                            s.missing
                        );
                        for r in &s.readings {
                            println!("    {r}");
                        }
                    }
                }
            }
        }
        println!("  警告 {} 个，错误 {} 个", count(Level::Warning), count(Level::Error));
        for d in mine {
            println!("  {d}");
        }
    }
    for d in diagnostics.iter().filter(|d| !read.files.iter().any(|f| f.name == d.place.file_name())) {
        println!("{d}");
    }
}
