//! Writing outputs atomically: the bytes go to a temporary file in the target
//! folder, which is then renamed over the target, so a reader never sees half a PDF
//! and a failed build leaves nothing behind. A build killed while writing (`kill
//! -9`, a power cut) leaves its temporary file; the next write into the folder
//! removes this tool's temporary files older than a minute (its own name pattern
//! only, `.yearbook-XXXXXX.tmp`), and keeps younger ones, which another build may
//! still be writing. A target inside the data folder, or that is one of the
//! inputs, is refused.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};

/// The absolute form of a path that may not exist yet: its nearest existing
/// ancestor resolved (links and `..` included), the rest appended.
fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().context("无法确定当前目录")?.join(path)
    };
    // `..` after a folder that does not exist cannot be resolved by the system:
    // fold the path lexically first.
    let mut folded = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                folded.pop();
            }
            c => folded.push(c),
        }
    }
    let abs = folded;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Ok(rest.iter().rev().fold(real, |p, c| p.join(c)));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// Checks, creating nothing, that an output folder is not inside one of the
/// input folders among `inputs`.
pub fn check_dir(dir: &Path, inputs: &[&Path]) -> Result<()> {
    let target = resolve(dir)?;
    for input in inputs.iter().filter(|p| p.is_dir()) {
        if let Ok(input) = input.canonicalize()
            && target.starts_with(&input)
        {
            bail!(
                "输出目录 {} 位于数据目录内，已拒绝写入；请换一个输出目录（--out 或 yearbook.toml 中的 output-dir）",
                dir.display()
            );
        }
    }
    Ok(())
}

/// The start and end of this tool's temporary files' names, with
/// [`TMP_RANDOM`] letters or digits between.
const TMP_PREFIX: &str = ".yearbook-";
const TMP_SUFFIX: &str = ".tmp";
const TMP_RANDOM: usize = 6;

/// How long ago a temporary file must have last been written to be taken for
/// one a killed build left: a build writes its file and renames it within
/// seconds.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// Whether a file name is one of this tool's temporary files.
fn is_own_temporary(name: &str) -> bool {
    name.strip_prefix(TMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TMP_SUFFIX))
        .is_some_and(|random| random.len() == TMP_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes from `dir` this tool's temporary files last written before
/// [`STALE_AFTER`] ago. Only regular files are removed; what cannot be read or
/// removed now is left for the next write.
fn remove_stale_temporaries(dir: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let own = entry.file_name().to_str().is_some_and(is_own_temporary);
        let Ok(meta) = entry.metadata() else { continue };
        let stale = meta.modified().is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER));
        if own && meta.is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically, creating the folder if needed. `inputs` are
/// the data folder and the files the build read: a path inside the folder, or
/// over one of the files, is refused before anything is created.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    check_dir(dir, inputs)?;
    let target = resolve(path)?;
    for input in inputs.iter().filter(|p| !p.is_dir()) {
        if input.canonicalize().is_ok_and(|input| input == target) {
            bail!("输出文件 {} 与输入文件相同，已拒绝写入", path.display());
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!("无法创建输出目录 {}（{}）", dir.display(), crate::diag::io_reason(&e))
    })?;
    remove_stale_temporaries(dir, SystemTime::now());
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .rand_bytes(TMP_RANDOM)
        .tempfile_in(dir)
        .map_err(|e| {
            anyhow::anyhow!("无法在 {} 中写入文件（{}）", dir.display(), crate::diag::io_reason(&e))
        })?;
    let failed =
        |e: std::io::Error| anyhow::anyhow!("写入 {} 失败（{}）", path.display(), crate::diag::io_reason(&e));
    tmp.write_all(bytes).map_err(failed)?;
    // Temporary files are private; the output is an ordinary, readable file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("无法设置 {} 的权限", path.display()))?;
    }
    tmp.as_file().sync_all().map_err(failed)?;
    // On failure the temporary file is removed when `tmp` is dropped.
    tmp.persist(path).map_err(|e| {
        anyhow::anyhow!("无法保存 {}（{}）；原有文件未改动", path.display(), crate::diag::io_reason(&e.error))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out").join("a.pdf");
        write_atomic(&out, b"one", &[]).unwrap();
        write_atomic(&out, b"two", &[]).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let names: Vec<_> =
            std::fs::read_dir(out.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.pdf")]);
    }

    #[test]
    fn a_killed_build_s_temporary_file_is_removed_and_a_running_one_s_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(120);
        let file = |name: &str, modified: Option<SystemTime>| {
            let path = dir.path().join(name);
            let mut f = std::fs::File::create(&path).unwrap();
            f.write_all(b"%PDF-1.7").unwrap();
            if let Some(t) = modified {
                f.set_modified(t).unwrap();
            }
        };
        // A killed build's complete PDF, and one another build is writing now.
        file(".yearbook-k1ll3d.tmp", Some(old));
        file(".yearbook-Runn1n.tmp", None);
        // Old files of other names are not ours to remove.
        file(".yearbook-notes.txt", Some(old));
        file(".yearbook-toolong1.tmp", Some(old));
        file("年报.tmp", Some(old));
        std::fs::create_dir(dir.path().join(".yearbook-dir123.tmp")).unwrap();
        write_atomic(&dir.path().join("a.pdf"), b"pdf", &[]).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                ".yearbook-Runn1n.tmp",
                ".yearbook-dir123.tmp",
                ".yearbook-notes.txt",
                ".yearbook-toolong1.tmp",
                "a.pdf",
                "年报.tmp"
            ]
        );
    }

    #[test]
    fn refuses_to_write_into_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let err = write_atomic(&data.join("x.pdf"), b"x", &[&data]).unwrap_err();
        assert!(err.to_string().contains("位于数据目录内"), "{err}");
        assert!(!data.join("x.pdf").exists());
        // A folder that does not exist yet is refused before it is created.
        let inner = data.join("output").join("deeper");
        let err = write_atomic(&inner.join("x.pdf"), b"x", &[&data]).unwrap_err();
        assert!(err.to_string().contains("位于数据目录内"), "{err}");
        assert!(!data.join("output").exists());
        let dotted = dir.path().join("elsewhere").join("..").join("data").join("out");
        assert!(check_dir(&dotted, &[&data]).is_err());
        assert!(!dir.path().join("elsewhere").exists());
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename fails after the write.
        let target = dir.path().join("a.pdf");
        std::fs::create_dir(&target).unwrap();
        let err = write_atomic(&target, b"x", &[]).unwrap_err();
        assert!(err.to_string().starts_with(&format!("无法保存 {}（", target.display())), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.pdf")]);
    }
}
