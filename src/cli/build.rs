//! `yearbook build`: read, check, typeset and write the yearbook, printing progress.

use anyhow::Result;

use super::BuildArgs;
use crate::pipeline;

/// Runs `build`; exit code 0 on success (errors are returned).
pub fn run(args: &BuildArgs) -> Result<i32> {
    let mut config = args.common.resolve()?;
    if let Some(out) = &args.out {
        config.output_dir = out.clone();
    }
    if let Some(t) = &args.templates {
        config.templates = Some(t.clone());
    }
    if let Some(p) = &args.previous {
        config.previous = Some(p.clone());
    }
    eprintln!("数据目录：{}", config.data_dir.display());
    pipeline::build(&config, &mut |line| eprintln!("{line}"))?;
    Ok(0)
}
