//! Writing outputs atomically: the bytes go to a temporary file in the target
//! folder, which is then renamed over the target, so a reader never sees half a PDF
//! and a failed build leaves nothing behind. A target inside the data folder, or
//! that is one of the inputs, is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

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
    let mut tmp =
        tempfile::Builder::new().prefix(".yearbook-").suffix(".tmp").tempfile_in(dir).map_err(|e| {
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
