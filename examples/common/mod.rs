// Each benchmark uses only part of this module.
#![allow(dead_code)]

//! What the benchmarks share: a copy of the sample project, an edit of one of its
//! workbooks, the release binary beside them, and medians.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A temporary project: a copy of `data/` and settings with a fixed date.
pub fn sample_project() -> tempfile::TempDir {
    let project = tempfile::tempdir().expect("a temporary folder");
    let data = project.path().join("data");
    std::fs::create_dir_all(&data).expect("the data folder");
    for entry in std::fs::read_dir("data").expect("data/") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            std::fs::copy(&path, data.join(path.file_name().expect("a name"))).expect("a copy");
        }
    }
    std::fs::write(project.path().join("yearbook.toml"), "date = \"2026-03-01\"\n").expect("settings");
    project
}

/// The `yearbook` binary of the profile this benchmark was built in.
pub fn yearbook_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("this program");
    exe.parent().and_then(Path::parent).map(|d| d.join("yearbook")).expect("the binary")
}

/// `专利统计.xlsx` with edit `i`: i design grants more and as many utility-model
/// grants fewer (the parts still add up to the total), and i PCT applications
/// more. Each edit is new, as a user's are, so nothing is found in Typst's cache of
/// earlier versions.
pub fn edit_patents(original: &[u8], i: usize) -> Vec<u8> {
    let changes = [
        ("<v>640</v>", format!("<v>{}</v>", 640 + i)),
        ("<v>3350</v>", format!("<v>{}</v>", 3350 - i)),
        ("<v>219</v>", format!("<v>{}</v>", 219 + i)),
    ];
    let member = "xl/worksheets/sheet1.xml";
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(original)).expect("an xlsx");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for n in 0..zip.len() {
        let mut file = zip.by_index(n).expect("a member");
        let name = file.name().expect("a member name").to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("its content");
        if name == member {
            let mut text = String::from_utf8(content).expect("XML");
            for (from, to) in &changes {
                assert!(text.contains(from), "{member} has no {from}");
                text = text.replacen(from, to, 1);
            }
            found = true;
            content = text.into_bytes();
        }
        out.start_file(name, options).expect("a member");
        out.write_all(&content).expect("its content");
    }
    assert!(found, "no {member}");
    out.finish().expect("the xlsx").into_inner()
}

/// The median of some durations.
pub fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
