//! What the desk (`yearbook serve`) does to the data folder, and nothing else
//! does: the file names it accepts, uploads staged in `.上传中` and put in place
//! only once every file of them is accepted, entries moved out into `.已移除`
//! (each removal into a folder of its own, so no removed copy is ever
//! overwritten) and put back (never over an entry of the same name). A link is
//! moved as the link itself, never its target.

use std::io;
use std::path::{Path, PathBuf};

use super::listing;
use crate::config::is_format_char;

/// The folder inside the data folder that removed entries are moved into.
pub const REMOVED: &str = ".已移除";

/// The folder inside the data folder where an upload's files wait until all of
/// them are accepted.
pub const STAGING: &str = ".上传中";

/// The longest file name most file systems take (ext4, NTFS, APFS): 255 bytes of
/// UTF-8 (about 85 Chinese characters).
pub const MAX_NAME_BYTES: usize = 255;

/// Why a file name is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    /// A `/` or `\`: a name with folders.
    Separator,
    /// `.` or `..`.
    Dots,
    /// A leading dot: a hidden name, which the data folder's listing passes over.
    Hidden,
    /// A control character (U+0000–U+001F, U+007F–U+009F).
    Control(char),
    /// An invisible formatting character: a bidirectional override (U+202E), a
    /// zero-width space, a byte-order mark, a line separator.
    Format(char),
    /// A character Windows does not allow in names (`<>:"|?*`).
    Reserved(char),
    /// Spaces at either end, or a dot at the end (Windows drops them).
    Ends,
    /// More than [`MAX_NAME_BYTES`] bytes of UTF-8.
    TooLong {
        bytes: usize,
    },
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameError::Empty => write!(f, "文件名为空"),
            NameError::Separator => write!(f, "文件名中含有路径分隔符（/ 或 \\），只能是单个文件名"),
            NameError::Dots => write!(f, "文件名不能是“.”或“..”"),
            NameError::Hidden => write!(f, "文件名以“.”开头，是隐藏文件名，不会被读入"),
            NameError::Control(c) => write!(f, "文件名中含有控制字符（U+{:04X}）", *c as u32),
            NameError::Format(c) => {
                write!(f, "文件名中含有不可见的格式字符（U+{:04X}，如文字方向控制符、零宽字符）", *c as u32)
            }
            NameError::Reserved(c) => write!(f, "文件名中含有 Windows 不允许的字符“{c}”"),
            NameError::Ends => write!(f, "文件名首尾有空格，或以“.”结尾"),
            NameError::TooLong { bytes } => {
                write!(f, "文件名过长（{bytes} 字节；文件系统最多允许 {MAX_NAME_BYTES} 字节，约 85 个汉字）")
            }
        }
    }
}

/// Checks a name for an entry of the data folder, as it is: a name that would
/// have to be changed to be used is refused, never rewritten.
pub fn check_name(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.contains(['/', '\\']) {
        return Err(NameError::Separator);
    }
    if name == "." || name == ".." {
        return Err(NameError::Dots);
    }
    if name.starts_with('.') {
        return Err(NameError::Hidden);
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(NameError::Control(c));
    }
    if let Some(c) = name.chars().find(|c| is_format_char(*c)) {
        return Err(NameError::Format(c));
    }
    if let Some(c) = name.chars().find(|c| "<>:\"|?*".contains(*c)) {
        return Err(NameError::Reserved(c));
    }
    if name.trim() != name || name.ends_with('.') {
        return Err(NameError::Ends);
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(NameError::TooLong { bytes: name.len() });
    }
    Ok(())
}

/// A name as a message shows it: control and formatting characters written as
/// `<U+202E>`, and at most 60 characters.
pub fn shown(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control() || is_format_char(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Moves `from` to `to`, which must not exist: nothing is ever overwritten. A file
/// is linked under the new name first (which fails when the name is taken, even
/// when it was taken a moment ago) and then unlinked from the old one; a folder,
/// a link or a FIFO is renamed after a check that the name is free (a rename does
/// not put a folder over a file or a non-empty folder).
pub fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    let meta = std::fs::symlink_metadata(from)?;
    if meta.is_file() {
        match std::fs::hard_link(from, to) {
            Ok(()) => {
                return std::fs::remove_file(from).inspect_err(|_| {
                    let _ = std::fs::remove_file(to);
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            // A file system without hard links (FAT, some network shares): the
            // rename after the check above.
            Err(_) => {}
        }
    }
    std::fs::rename(from, to)
}

/// Moves the entry `name` of the data folder `dir` into a new folder of its own
/// inside [`REMOVED`], named by `stamp` (the time, `20260301-120000`), with `-2`,
/// `-3`… when that folder exists: the removed entry keeps its name, and a second
/// removal of the same name, even in the same second, never meets the first.
/// Gives the path moved to, relative to `dir`, with `/` between its parts.
pub fn remove(dir: &Path, name: &str, stamp: &str) -> io::Result<String> {
    let from = dir.join(name);
    std::fs::symlink_metadata(&from)?;
    let bin = dir.join(REMOVED);
    std::fs::create_dir_all(&bin)?;
    let mut n = 1;
    let slot = loop {
        let slot = if n == 1 { stamp.to_string() } else { format!("{stamp}-{n}") };
        // Creating the folder is the claim: it fails when another removal made it.
        match std::fs::create_dir(bin.join(&slot)) {
            Ok(()) => break slot,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let to = bin.join(&slot).join(name);
    if let Err(e) = rename_no_replace(&from, &to) {
        let _ = std::fs::remove_dir(bin.join(&slot));
        return Err(e);
    }
    Ok(format!("{REMOVED}/{slot}/{name}"))
}

/// An entry of [`REMOVED`] that can be put back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    /// What `restore` takes: `20260301-120000/专利.xlsx` (or a bare name, for an
    /// entry moved there by hand or by an earlier version).
    pub id: String,
    /// The name it is put back under.
    pub name: String,
    /// When it was moved out, `2026-03-01 12:00:00`, when known.
    pub removed: Option<String>,
    pub size: u64,
    /// What it is: `文件`, `文件夹`, `链接`, `其他`.
    pub what: &'static str,
}

/// The entries of [`REMOVED`], the latest removals first.
pub fn removed(dir: &Path) -> io::Result<Vec<Removed>> {
    let bin = dir.join(REMOVED);
    let entries = match std::fs::read_dir(&bin) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let Ok(outer) = entry.file_name().into_string() else { continue };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else { continue };
        if outer.starts_with('.') {
            continue;
        }
        match slot_time(&outer) {
            Some(time) if meta.is_dir() => {
                let Ok(inners) = std::fs::read_dir(entry.path()) else { continue };
                for inner in inners.flatten() {
                    let Ok(name) = inner.file_name().into_string() else { continue };
                    let Ok(meta) = std::fs::symlink_metadata(inner.path()) else { continue };
                    out.push(Removed {
                        id: format!("{outer}/{name}"),
                        name,
                        removed: Some(time.clone()),
                        size: meta.len(),
                        what: what(&meta),
                    });
                }
            }
            _ => {
                // An earlier version's `20260301-120000-专利.xlsx`, or a bare name.
                let (removed, name) = match outer.split_at_checked(16) {
                    Some((stamp, rest)) if stamp.ends_with('-') && !rest.is_empty() => {
                        match slot_time(&stamp[..15]) {
                            Some(time) => (Some(time), rest.to_string()),
                            None => (None, outer.clone()),
                        }
                    }
                    _ => (None, outer.clone()),
                };
                out.push(Removed { id: outer, name, removed, size: meta.len(), what: what(&meta) });
            }
        }
    }
    out.sort_by(|a, b| b.removed.cmp(&a.removed).then_with(|| b.id.cmp(&a.id)));
    Ok(out)
}

fn what(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_symlink() {
        "链接"
    } else if t.is_dir() {
        "文件夹"
    } else if t.is_file() {
        "文件"
    } else {
        "其他"
    }
}

/// The time a removal folder's name gives (`20260301-120000` or
/// `20260301-120000-2`), as `2026-03-01 12:00:00`.
fn slot_time(name: &str) -> Option<String> {
    let (stamp, n) = match name.split_at_checked(15) {
        Some((stamp, "")) => (stamp, None),
        Some((stamp, rest)) => (stamp, Some(rest.strip_prefix('-')?)),
        None => return None,
    };
    if n.is_some_and(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let t = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    Some(t.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// Why an entry could not be put back.
#[derive(Debug)]
pub enum RestoreError {
    /// The id names no entry of [`REMOVED`] (or is no id at all).
    NotFound,
    /// The data folder has an entry of that name: nothing was moved.
    Exists(String),
    Io(io::Error),
}

/// Puts the removed entry `id` (see [`Removed::id`]) back into the data folder
/// under its name, unless an entry of that name is there: then nothing moves.
/// Gives the name.
pub fn restore(dir: &Path, id: &str) -> Result<String, RestoreError> {
    let parts: Vec<&str> = id.split('/').collect();
    let bad = |p: &&str| check_name(p).is_err();
    if parts.is_empty() || parts.len() > 2 || parts.iter().any(bad) {
        return Err(RestoreError::NotFound);
    }
    let found = removed(dir).map_err(RestoreError::Io)?;
    let Some(entry) = found.into_iter().find(|r| r.id == id) else {
        return Err(RestoreError::NotFound);
    };
    let bin = dir.join(REMOVED);
    let from = parts.iter().fold(bin.clone(), |p, part| p.join(part));
    if check_name(&entry.name).is_err() || listing::ignored(&entry.name) {
        return Err(RestoreError::NotFound);
    }
    match rename_no_replace(&from, &dir.join(&entry.name)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(RestoreError::Exists(entry.name)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(RestoreError::NotFound),
        Err(e) => return Err(RestoreError::Io(e)),
    }
    if parts.len() == 2 {
        // The removal's own folder, now empty; left when something else is in it.
        let _ = std::fs::remove_dir(bin.join(parts[0]));
    }
    Ok(entry.name)
}

/// An upload's files, each written to a temporary file in [`STAGING`] until all
/// of them are accepted; put into the data folder together by [`Upload::commit`],
/// or, dropped, gone without a trace.
pub struct Upload {
    dir: PathBuf,
    staged: Vec<(String, tempfile::NamedTempFile)>,
}

/// Why an upload's files could not be put in place.
#[derive(Debug)]
pub enum CommitError {
    /// The data folder has a folder of that name, which a file cannot replace.
    Folder(String),
    /// Moving a file in failed; the names put in place before it.
    Io { name: String, placed: Vec<String>, error: io::Error },
}

impl Upload {
    /// An empty upload into the data folder `dir`.
    pub fn new(dir: &Path) -> Upload {
        Upload { dir: dir.to_path_buf(), staged: Vec::new() }
    }

    /// Whether the upload has a file of this name.
    pub fn has(&self, name: &str) -> bool {
        self.staged.iter().any(|(n, _)| n == name)
    }

    /// A new temporary file for the upload's file `name` (checked already).
    pub fn add(&mut self, name: &str) -> io::Result<&mut std::fs::File> {
        let staging = self.dir.join(STAGING);
        std::fs::create_dir_all(&staging)?;
        let file = tempfile::Builder::new().prefix(".part-").tempfile_in(&staging)?;
        self.staged.push((name.to_string(), file));
        Ok(self.staged.last_mut().expect("just pushed").1.as_file_mut())
    }

    /// How many files the upload has.
    pub fn len(&self) -> usize {
        self.staged.len()
    }

    /// Whether the upload has no file.
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Puts every file in place (replacing a file of the same name, or the link
    /// itself of a link), after checking that none would have to replace a folder.
    pub fn commit(self) -> Result<Vec<String>, CommitError> {
        for (name, _) in &self.staged {
            if std::fs::symlink_metadata(self.dir.join(name)).is_ok_and(|m| m.is_dir()) {
                return Err(CommitError::Folder(name.clone()));
            }
        }
        let mut placed = Vec::new();
        for (name, file) in self.staged {
            let to = self.dir.join(&name);
            if let Err(e) =
                file.as_file().sync_all().and_then(|_| file.persist(&to).map(drop).map_err(|e| e.error))
            {
                return Err(CommitError::Io { name, placed, error: e });
            }
            placed.push(name);
        }
        let _ = std::fs::remove_dir(self.dir.join(STAGING));
        Ok(placed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_refused_not_rewritten() {
        for ok in ["专利.xlsx", "2025年 专利（补充）.xlsx", "a..b.csv", "~$锁.xlsx"] {
            assert_eq!(check_name(ok), Ok(()), "{ok}");
        }
        let long = "专".repeat(100) + ".xlsx";
        for (name, why) in [
            ("", NameError::Empty),
            ("../../x.xlsx", NameError::Separator),
            ("..\\x.xlsx", NameError::Separator),
            ("..", NameError::Dots),
            (".hidden.xlsx", NameError::Hidden),
            ("a\u{0}.xlsx", NameError::Control('\u{0}')),
            ("a\n.xlsx", NameError::Control('\n')),
            ("报表\u{202E}xslx.exe", NameError::Format('\u{202E}')),
            ("a\u{200B}.xlsx", NameError::Format('\u{200B}')),
            ("\u{FEFF}a.xlsx", NameError::Format('\u{FEFF}')),
            ("a:b.xlsx", NameError::Reserved(':')),
            ("a?.xlsx", NameError::Reserved('?')),
            (" a.xlsx", NameError::Ends),
            ("a.xlsx.", NameError::Ends),
            (long.as_str(), NameError::TooLong { bytes: 305 }),
        ] {
            assert_eq!(check_name(name), Err(why), "{name:?}");
        }
        assert_eq!(check_name(&("a".repeat(250) + ".xlsx")), Ok(()));
        assert_eq!(
            NameError::Format('\u{202E}').to_string(),
            "文件名中含有不可见的格式字符（U+202E，如文字方向控制符、零宽字符）"
        );
        assert_eq!(
            NameError::TooLong { bytes: 305 }.to_string(),
            "文件名过长（305 字节；文件系统最多允许 255 字节，约 85 个汉字）"
        );
        assert_eq!(shown("报表\u{202E}xslx.exe"), "报表<U+202E>xslx.exe");
        assert_eq!(shown(&"长".repeat(70)).chars().count(), 61);
    }

    #[test]
    fn removing_the_same_name_three_times_in_one_second_keeps_three_copies() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for i in 1..=3 {
            std::fs::write(d.join("专利.xlsx"), format!("第{i}份")).unwrap();
            remove(d, "专利.xlsx", "20260301-120000").unwrap();
        }
        let mut copies: Vec<(String, String)> = removed(d)
            .unwrap()
            .into_iter()
            .map(|r| (r.id.clone(), std::fs::read_to_string(d.join(REMOVED).join(&r.id)).unwrap()))
            .collect();
        copies.sort();
        assert_eq!(
            copies,
            [
                ("20260301-120000-2/专利.xlsx".to_string(), "第2份".to_string()),
                ("20260301-120000-3/专利.xlsx".to_string(), "第3份".to_string()),
                ("20260301-120000/专利.xlsx".to_string(), "第1份".to_string()),
            ]
        );
        assert!(!d.join("专利.xlsx").exists());
    }

    #[test]
    fn a_removed_entry_goes_back_only_to_a_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("专利.xlsx"), "旧").unwrap();
        std::fs::create_dir(d.join("旧数据")).unwrap();
        let moved = remove(d, "专利.xlsx", "20260301-120000").unwrap();
        assert_eq!(moved, ".已移除/20260301-120000/专利.xlsx");
        remove(d, "旧数据", "20260301-120001").unwrap();
        let list = removed(d).unwrap();
        assert_eq!(
            list.iter().map(|r| (r.id.as_str(), r.removed.as_deref(), r.what)).collect::<Vec<_>>(),
            [
                ("20260301-120001/旧数据", Some("2026-03-01 12:00:01"), "文件夹"),
                ("20260301-120000/专利.xlsx", Some("2026-03-01 12:00:00"), "文件"),
            ]
        );
        // A new file of the same name: putting the old one back is refused.
        std::fs::write(d.join("专利.xlsx"), "新").unwrap();
        match restore(d, "20260301-120000/专利.xlsx") {
            Err(RestoreError::Exists(name)) => assert_eq!(name, "专利.xlsx"),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(d.join("专利.xlsx")).unwrap(), "新");
        std::fs::remove_file(d.join("专利.xlsx")).unwrap();
        assert_eq!(restore(d, "20260301-120000/专利.xlsx").unwrap(), "专利.xlsx");
        assert_eq!(std::fs::read_to_string(d.join("专利.xlsx")).unwrap(), "旧");
        assert_eq!(restore(d, "20260301-120001/旧数据").unwrap(), "旧数据");
        assert!(d.join("旧数据").is_dir());
        assert_eq!(removed(d).unwrap(), []);
        for bad in ["../专利.xlsx", "20260301-120000/../../x", "a/b/c", "", "没有.xlsx"] {
            assert!(matches!(restore(d, bad), Err(RestoreError::NotFound)), "{bad}");
        }
    }

    #[test]
    fn an_earlier_version_s_flat_removals_can_be_put_back_under_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join(REMOVED);
        std::fs::create_dir(&bin).unwrap();
        std::fs::write(bin.join("商标.xlsx"), "a").unwrap();
        std::fs::write(bin.join("20250102-030405-商标.xlsx"), "b").unwrap();
        let list = removed(dir.path()).unwrap();
        assert_eq!(
            list.iter().map(|r| (r.id.as_str(), r.name.as_str(), r.removed.as_deref())).collect::<Vec<_>>(),
            [
                ("20250102-030405-商标.xlsx", "商标.xlsx", Some("2025-01-02 03:04:05")),
                ("商标.xlsx", "商标.xlsx", None),
            ]
        );
        assert_eq!(restore(dir.path(), "20250102-030405-商标.xlsx").unwrap(), "商标.xlsx");
        assert!(matches!(restore(dir.path(), "商标.xlsx"), Err(RestoreError::Exists(_))));
    }

    #[test]
    fn rename_no_replace_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a"), "a").unwrap();
        std::fs::write(d.join("b"), "b").unwrap();
        let e = rename_no_replace(&d.join("a"), &d.join("b")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(d.join("b")).unwrap(), "b");
        rename_no_replace(&d.join("a"), &d.join("c")).unwrap();
        assert!(!d.join("a").exists() && d.join("c").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_moved_as_itself() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("t.xlsx"), "t").unwrap();
        std::os::unix::fs::symlink(outside.path().join("t.xlsx"), d.join("链接.xlsx")).unwrap();
        std::os::unix::fs::symlink("环", d.join("环")).unwrap();
        let moved = remove(d, "链接.xlsx", "20260301-120000").unwrap();
        assert!(std::fs::symlink_metadata(d.join(&moved)).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(outside.path().join("t.xlsx")).unwrap(), "t");
        let moved = remove(d, "环", "20260301-120000").unwrap();
        assert!(std::fs::symlink_metadata(d.join(&moved)).unwrap().file_type().is_symlink());
    }

    #[test]
    fn an_upload_is_put_in_place_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("b.xlsx")).unwrap();
        let mut up = Upload::new(d);
        std::io::Write::write_all(up.add("a.xlsx").unwrap(), b"a").unwrap();
        std::io::Write::write_all(up.add("b.xlsx").unwrap(), b"b").unwrap();
        assert!(matches!(up.commit(), Err(CommitError::Folder(n)) if n == "b.xlsx"));
        assert!(!d.join("a.xlsx").exists());
        assert_eq!(std::fs::read_dir(d.join(STAGING)).unwrap().count(), 0, "the staged files are gone");
        let mut up = Upload::new(d);
        std::io::Write::write_all(up.add("a.xlsx").unwrap(), b"a").unwrap();
        assert_eq!(up.commit().unwrap(), ["a.xlsx"]);
        assert_eq!(std::fs::read(d.join("a.xlsx")).unwrap(), b"a");
        assert!(!d.join(STAGING).exists());
    }
}
