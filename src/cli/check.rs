//! `yearbook check`: read the data folder and report, file by file, what was read
//! and what is wrong. Writes nothing. Exit 0 when clean, 1 on data errors.

use anyhow::Result;

use super::CheckArgs;
use crate::diag::Level;
use crate::pipeline;

fn yearbook_checks_bounds(change: f64) -> crate::analysis::checks::Bounds {
    crate::analysis::checks::Bounds { change }
}

/// Runs `check`; returns 0 when there are no errors, else 1.
pub fn run(args: &CheckArgs) -> Result<i32> {
    let config = args.resolve()?;
    let read = pipeline::read_data(&config)?;
    let mut diagnostics = read.diagnostics.clone();
    if let Ok((analysis, more)) = pipeline::analyse(&read, config.year) {
        diagnostics.extend(more);
        let bounds = yearbook_checks_bounds(config.change_bound);
        diagnostics.extend(crate::analysis::checks::run(&read.catalog, &analysis, bounds));
        diagnostics.extend(pipeline::date_warning(pipeline::build_date(&config)?, analysis.year));
    }
    if let Some((file, revisions)) = pipeline::compare_previous(&config, &read)? {
        diagnostics.extend(revisions.iter().map(|r| r.diagnostic(&read.catalog, &file)));
    }
    for f in &read.files {
        let mine: Vec<_> = diagnostics.iter().filter(|d| d.place.file == f.name).collect();
        let count = |l: Level| mine.iter().filter(|d| d.level == l).count();
        match &f.sheets {
            None => println!("{}：无法打开", f.name),
            Some(sheets) => {
                println!("{}", f.name);
                for s in sheets {
                    if s.hidden {
                        println!("  工作表“{}”：隐藏，已跳过", s.name);
                    } else {
                        println!(
                            "  工作表“{}”：表格 {} 个，数值 {} 个，空缺 {} 个",
                            s.name, s.tables, s.observations, s.missing
                        );
                    }
                }
            }
        }
        println!("  警告 {} 个，错误 {} 个", count(Level::Warning), count(Level::Error));
        for d in mine {
            println!("  {d}");
        }
    }
    for d in diagnostics.iter().filter(|d| !read.files.iter().any(|f| f.name == d.place.file)) {
        println!("{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.level == Level::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.level == Level::Warning).count();
    println!(
        "共 {} 个文件，读入数值 {} 个；警告 {} 个，错误 {} 个。",
        read.files.len(),
        read.dataset.observations.len(),
        warnings,
        errors
    );
    if errors > 0 {
        println!("请按上述提示修正数据后重新检查。");
        Ok(1)
    } else {
        println!("数据检查通过，可以运行 yearbook build 生成年报。");
        Ok(0)
    }
}
