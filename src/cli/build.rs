//! `yearbook build`: read, check, typeset and write the yearbook, printing progress.

use anyhow::Result;

use super::BuildArgs;
use crate::pipeline;

/// Runs `build`; exit code 0 on success (errors are returned).
pub fn run(args: &BuildArgs) -> Result<i32> {
    let opts = args.resolve()?;
    eprintln!("数据目录：{}", opts.config.data_dir.display());
    pipeline::build(&opts, &mut |line| eprintln!("{line}"))?;
    Ok(0)
}
