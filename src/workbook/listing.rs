//! The entries of the data folder: which files are read, and what every other
//! entry is (a folder, a FIFO, a broken or looping link, a file of another type),
//! so that nothing in the folder is passed over without a word. Receives the
//! folder; hands on a [`Listing`]. Hidden entries (a leading `.`, such as the
//! desk's own `.已移除`) and Office lock files (`~$…`) are left out, as before.
//!
//! A symbolic link is followed only to a regular file; the link itself is what the
//! listing names (and what the desk moves), never its target.

use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};

use super::EXTENSIONS;
use crate::diag::{Entry, Special};

/// A file of the data folder that is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    /// When the entry is a symbolic link: the file it leads to, resolved.
    pub link: Option<PathBuf>,
}

/// An entry of the data folder that is not read, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    /// The entry's name as shown (lossy when it is not UTF-8).
    pub name: String,
    pub what: Entry,
}

impl Skipped {
    /// Whether the entry's name is a workbook's or data file's, so that a person
    /// likely meant it to be read.
    pub fn named_as_workbook(&self) -> bool {
        has_workbook_extension(&self.name)
    }
}

/// The data folder's entries, each sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// The files to read.
    pub files: Vec<Listed>,
    /// The entries not read.
    pub skipped: Vec<Skipped>,
}

impl Listing {
    /// The paths of the files to read.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.files.iter().map(|f| f.path.clone()).collect()
    }

    /// Whether the folder holds no entry to account for.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.skipped.is_empty()
    }

    /// Whether an entry of this name is in the listing (read or not).
    pub fn has(&self, name: &str) -> bool {
        self.files.iter().any(|f| f.path.file_name().is_some_and(|n| n == name))
            || self.skipped.iter().any(|s| s.name == name)
    }
}

/// Whether a name is one the listing leaves out without a word: hidden (a leading
/// dot, as the desk's own folders) or an Office lock file (`~$…`).
pub fn ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

/// Whether a name ends in one of the extensions read.
pub fn has_workbook_extension(name: &str) -> bool {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    EXTENSIONS.contains(&ext.as_str())
}

/// The entries of a folder: the workbook files to read, and every other entry
/// that is neither hidden nor a lock file, with what it is.
pub fn list(dir: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if ignored(&name) {
            continue;
        }
        // The entry itself, a link not followed.
        let own = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            // Gone since the folder was read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let (what, link) = if own.file_type().is_symlink() {
            match follow(&path) {
                Ok((meta, target)) if meta.is_file() => (None, Some(target)),
                Ok((meta, target)) => {
                    let target = target.display().to_string();
                    let what = match special(meta.file_type()) {
                        None => Entry::LinkToFolder { target },
                        Some(special) => Entry::LinkToSpecial { target, special },
                    };
                    (Some(what), None)
                }
                Err(what) => (Some(what), None),
            }
        } else {
            (of_type(&own), None)
        };
        match what {
            None if has_workbook_extension(&name) => listing.files.push(Listed { path, link }),
            None => listing.skipped.push(Skipped { path, name, what: Entry::OtherFile }),
            Some(what) => listing.skipped.push(Skipped { path, name, what }),
        }
    }
    listing.files.sort_by(|a, b| a.path.cmp(&b.path));
    listing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listing)
}

/// What an entry that is no link is; `None` for a regular file.
fn of_type(meta: &Metadata) -> Option<Entry> {
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some(Entry::Folder)
    } else {
        Some(Entry::Special(special(t).unwrap_or(Special::Other)))
    }
}

/// The kind of an entry that is neither a file nor a folder; `None` for a folder
/// (or a file).
fn special(t: FileType) -> Option<Special> {
    if t.is_dir() || t.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(Special::Fifo);
        }
        if t.is_block_device() || t.is_char_device() {
            return Some(Special::Device);
        }
        if t.is_socket() {
            return Some(Special::Socket);
        }
    }
    Some(Special::Other)
}

/// The most links followed one after another before a chain counts as a loop (as
/// Linux's `MAXSYMLINKS`).
const MAX_HOPS: usize = 40;

/// What a link leads to, and where (resolved); or why it leads nowhere.
fn follow(link: &Path) -> Result<(Metadata, PathBuf), Entry> {
    match std::fs::metadata(link) {
        Ok(meta) => {
            let target = std::fs::canonicalize(link).unwrap_or_else(|_| written_target(link));
            Ok((meta, target))
        }
        Err(_) => Err(dead_end(link)),
    }
}

/// The target of a link as written in it (relative targets kept relative).
fn written_target(link: &Path) -> PathBuf {
    std::fs::read_link(link).unwrap_or_default()
}

/// Why a link that cannot be followed cannot be: the chain of links leads back to
/// itself (or goes on past [`MAX_HOPS`]), or it ends at nothing that can be
/// reached.
fn dead_end(link: &Path) -> Entry {
    let target = written_target(link).display().to_string();
    let mut seen = vec![normalise(link)];
    let mut at = link.to_path_buf();
    for _ in 0..MAX_HOPS {
        let Ok(next) = std::fs::read_link(&at) else {
            return Entry::BrokenLink { target };
        };
        let next = at.parent().map_or(next.clone(), |dir| dir.join(&next));
        let next = normalise(&next);
        if seen.contains(&next) {
            return Entry::LoopingLink { target };
        }
        match std::fs::symlink_metadata(&next) {
            Ok(m) if m.file_type().is_symlink() => {
                seen.push(next.clone());
                at = next;
            }
            // The chain ends at an entry that is not followed further: it cannot be
            // reached (a missing or unreadable folder on the way).
            _ => return Entry::BrokenLink { target },
        }
    }
    Entry::LoopingLink { target }
}

/// A path with `.` and `a/..` parts taken out, lexically (links inside it are not
/// resolved), so that the same place written twice compares equal.
fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn skipped(listing: &Listing) -> Vec<(&str, &Entry)> {
        listing.skipped.iter().map(|s| (s.name.as_str(), &s.what)).collect()
    }

    #[test]
    fn every_entry_is_read_or_named_with_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("passwd");
        std::fs::write(&secret, "root:x:0:0").unwrap();
        std::fs::write(d.join("专利.xlsx"), "x").unwrap();
        std::fs::write(d.join("说明.docx"), "x").unwrap();
        std::fs::write(d.join(".hidden.xlsx"), "x").unwrap();
        std::fs::write(d.join("~$专利.xlsx"), "x").unwrap();
        std::fs::create_dir(d.join(".已移除")).unwrap();
        std::fs::create_dir(d.join("x.xlsx")).unwrap();
        let fifo = std::process::Command::new("mkfifo").arg(d.join("管道.csv")).status().unwrap();
        assert!(fifo.success());
        symlink("环.xlsx", d.join("环.xlsx")).unwrap();
        symlink("乙.xlsx", d.join("甲.xlsx")).unwrap();
        symlink("甲.xlsx", d.join("乙.xlsx")).unwrap();
        symlink("不存在.xlsx", d.join("断.xlsx")).unwrap();
        symlink(&secret, d.join("外.xlsx")).unwrap();
        symlink(outside.path(), d.join("目录链接.xlsx")).unwrap();
        symlink(d.join("管道.csv"), d.join("管道链接.csv")).unwrap();

        let listing = list(d).unwrap();
        let files: Vec<_> = listing
            .files
            .iter()
            .map(|f| (f.path.file_name().unwrap().to_str().unwrap(), f.link.clone()))
            .collect();
        assert_eq!(files, [("专利.xlsx", None), ("外.xlsx", Some(std::fs::canonicalize(&secret).unwrap()))]);
        let outside_name = std::fs::canonicalize(outside.path()).unwrap().display().to_string();
        let fifo_name = d.join("管道.csv").display().to_string();
        assert_eq!(
            skipped(&listing),
            [
                ("x.xlsx", &Entry::Folder),
                ("乙.xlsx", &Entry::LoopingLink { target: "甲.xlsx".into() }),
                ("断.xlsx", &Entry::BrokenLink { target: "不存在.xlsx".into() }),
                ("环.xlsx", &Entry::LoopingLink { target: "环.xlsx".into() }),
                ("甲.xlsx", &Entry::LoopingLink { target: "乙.xlsx".into() }),
                ("目录链接.xlsx", &Entry::LinkToFolder { target: outside_name }),
                ("管道.csv", &Entry::Special(Special::Fifo)),
                (
                    "管道链接.csv",
                    &Entry::LinkToSpecial {
                        target: std::fs::canonicalize(&fifo_name).unwrap().display().to_string(),
                        special: Special::Fifo
                    }
                ),
                ("说明.docx", &Entry::OtherFile),
            ]
        );
        assert!(listing.has("x.xlsx") && listing.has("专利.xlsx") && !listing.has(".hidden.xlsx"));
    }

    #[test]
    fn a_folder_of_hidden_entries_only_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".已移除")).unwrap();
        std::fs::write(dir.path().join("~$a.xlsx"), "x").unwrap();
        assert!(list(dir.path()).unwrap().is_empty());
    }

    #[test]
    fn paths_are_normalised_lexically() {
        assert_eq!(normalise(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(normalise(Path::new("../x")), PathBuf::from("../x"));
    }
}
