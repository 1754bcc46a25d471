//! Writing outputs atomically: the bytes go to a temporary file in the target
//! folder, which is then renamed over the target, so a reader never sees half a PDF
//! and a failed build leaves nothing behind. A target inside the data folder, or
//! that is one of the inputs, is refused.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Writes `bytes` to `path` atomically, creating the folder if needed. `inputs` are
/// the files the build read; writing over one of them is refused.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 {}", dir.display()))?;
    let target = dir.canonicalize().with_context(|| format!("无法访问输出目录 {}", dir.display()))?;
    for input in inputs {
        let input_dir = if input.is_dir() { Some(input.to_path_buf()) } else { None };
        if let Ok(input) = input.canonicalize() {
            if path.file_name().map(|n| target.join(n)) == Some(input.clone()) {
                bail!("输出文件 {} 与输入文件相同，已拒绝写入", path.display());
            }
            if input_dir.is_some() && target.starts_with(&input) {
                bail!("输出目录 {} 位于数据目录内，已拒绝写入；请换一个输出目录", dir.display());
            }
        }
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".yearbook-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("无法在 {} 中创建临时文件", dir.display()))?;
    tmp.write_all(bytes).with_context(|| format!("写入 {} 失败", path.display()))?;
    // Temporary files are private; the output is an ordinary, readable file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("无法设置 {} 的权限", path.display()))?;
    }
    tmp.as_file().sync_all().with_context(|| format!("写入 {} 失败", path.display()))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("无法保存 {}", path.display()))?;
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
    }
}
