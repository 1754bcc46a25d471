//! `yearbook build`: read, check, typeset and write the yearbook, printing progress.

use anyhow::Result;

use super::BuildArgs;
use crate::pipeline;

/// Runs `build`; exit code 0 on success (errors are returned).
pub fn run(args: &BuildArgs) -> Result<i32> {
    let opts = args.resolve()?;
    eprintln!("数据目录：{}", opts.config.data_dir.display());
    if args.watch {
        return watch(args, opts);
    }
    pipeline::build(&opts, &mut |line| eprintln!("{line}"))?;
    Ok(0)
}

/// Builds, then rebuilds whenever a workbook, a written part or the settings file changes; only
/// the changed workbooks are read again, and Typst reuses its work for what did
/// not change. Runs until stopped.
fn watch(args: &BuildArgs, mut opts: crate::options::Options) -> Result<i32> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let text_dir = opts.config.text_dir.clone();
    let watched =
        crate::serve::Watched::new(&opts.config.data_dir, &args.common.config).with_text_dir(&text_dir);
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| watched.relevant(p))
        {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(&opts.config.data_dir, RecursiveMode::NonRecursive)?;
    if text_dir.is_dir() {
        watcher.watch(&text_dir, RecursiveMode::NonRecursive)?;
    }
    if let Some(dir) = args.common.config.parent().filter(|d| d.is_dir()) {
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
    } else {
        watcher.watch(std::path::Path::new("."), RecursiveMode::NonRecursive)?;
    }
    let mut warm = pipeline::Warm::default();
    loop {
        let outcome = warm.build(&opts, &mut |line| eprintln!("{line}"));
        if let Err(e) = outcome {
            for line in crate::diag::error::lines(&e) {
                eprintln!("{line}");
            }
        }
        eprintln!("正在监视数据目录和配置文件，保存后自动重新生成（按 Ctrl+C 停止）");
        if rx.recv().is_err() {
            return Ok(0);
        }
        // Excel and WPS save in several steps: wait until the folder is quiet.
        std::thread::sleep(std::time::Duration::from_millis(250));
        while rx.try_recv().is_ok() {}
        match args.resolve() {
            Ok(o) => opts = o,
            Err(e) => eprintln!("错误：{e}（沿用原有设置）"),
        }
    }
}
