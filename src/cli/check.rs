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
    let refused = analysed.and_then(|a| {
        pipeline::output_dir_allowed(&opts.config)?;
        let prepared = pipeline::prepare_analysed(&opts, read, a, &Default::default(), &mut |_| {})?;
        pipeline::typeset(&opts, prepared, &mut |_| {}).map(|_| ())
    });
    if let Err(e) = refused {
        for line in super::error_lines(&e) {
            println!("{line}");
        }
        println!("yearbook build 会因此停止；请按提示修正后重新检查。");
        return Ok(1);
    }
    println!("数据检查通过，可以运行 yearbook build 生成年报。");
    Ok(0)
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
