//! Embedded assets: the Typst templates of `templates/` and the fonts of `fonts/`,
//! compiled into the binary so that a build needs nothing installed and never reads
//! system font folders. On top of them, what a user names in `yearbook.toml`: font
//! folders, a template folder (file by file) and a catalogue file.

use std::path::Path;

use anyhow::{Context, Result};

/// The family of the serif (宋体) face, for body text.
pub const SERIF: &str = "Noto Serif CJK SC";
/// The family of the sans-serif (黑体) face, for headings, tables and charts.
pub const SANS: &str = "Noto Sans CJK SC";

/// An embedded font file.
pub struct EmbeddedFont {
    pub file: &'static str,
    pub family: &'static str,
    pub bold: bool,
    pub data: &'static [u8],
}

/// The embedded fonts: Song and Hei, each Regular and Bold.
///
/// A `static`, not a `const`: a `const` is inlined at every use, and each codegen
/// unit that uses it then carries its own copy of the 30 MB of font bytes. A
/// `static` is one object in the binary that every use refers to.
pub static FONTS: [EmbeddedFont; 4] = [
    EmbeddedFont {
        file: "NotoSerifCJKsc-Regular.otf",
        family: SERIF,
        bold: false,
        data: include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf"),
    },
    EmbeddedFont {
        file: "NotoSerifCJKsc-Bold.otf",
        family: SERIF,
        bold: true,
        data: include_bytes!("../../fonts/NotoSerifCJKsc-Bold.otf"),
    },
    EmbeddedFont {
        file: "NotoSansCJKsc-Regular.otf",
        family: SANS,
        bold: false,
        data: include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf"),
    },
    EmbeddedFont {
        file: "NotoSansCJKsc-Bold.otf",
        family: SANS,
        bold: true,
        data: include_bytes!("../../fonts/NotoSansCJKsc-Bold.otf"),
    },
];

/// The embedded templates, by their path inside the Typst project (a `static`
/// for the same reason as [`FONTS`]).
pub static TEMPLATES: [(&str, &str); 5] = [
    ("/yearbook.typ", include_str!("../../templates/yearbook.typ")),
    ("/brief.typ", include_str!("../../templates/brief.typ")),
    ("/lib/style.typ", include_str!("../../templates/lib/style.typ")),
    ("/lib/tables.typ", include_str!("../../templates/lib/tables.typ")),
    ("/lib/written.typ", include_str!("../../templates/lib/written.typ")),
];

/// The embedded template at a project path.
pub fn template(path: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// A template file as the typesetter sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// The path inside the Typst project, e.g. `/lib/style.typ`.
    pub path: String,
    pub text: String,
    /// The user's file it was read from; `None` for an embedded template.
    pub origin: Option<std::path::PathBuf>,
}

/// The templates of a build: the embedded ones, each replaced by the user's copy
/// when `dir` has a file of the same name; `.typ` files the user added are
/// included too.
pub fn load_templates(dir: Option<&Path>) -> Result<Vec<TemplateFile>> {
    let mut out: Vec<TemplateFile> = TEMPLATES
        .iter()
        .map(|(p, t)| TemplateFile { path: p.to_string(), text: t.to_string(), origin: None })
        .collect();
    let Some(dir) = dir else { return Ok(out) };
    if !dir.is_dir() {
        anyhow::bail!(
            "模板目录 {} 不存在；可先运行 yearbook templates export {} 导出内置模板",
            dir.display(),
            dir.display()
        );
    }
    for file in typ_files(dir, dir)? {
        let text = std::fs::read_to_string(dir.join(file.trim_start_matches('/')))
            .with_context(|| format!("无法读取模板 {}", dir.join(file.trim_start_matches('/')).display()))?;
        let origin = Some(dir.join(file.trim_start_matches('/')));
        match out.iter_mut().find(|t| t.path == file) {
            Some(t) => {
                t.text = text;
                t.origin = origin;
            }
            None => out.push(TemplateFile { path: file, text, origin }),
        }
    }
    Ok(out)
}

/// The `.typ` files under `dir`, as project paths (`/lib/x.typ`), sorted.
fn typ_files(root: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("无法读取模板目录 {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(typ_files(root, &path)?);
        } else if path.extension().is_some_and(|e| e == "typ") {
            let rel = path.strip_prefix(root).expect("under the root");
            let parts: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push(format!("/{}", parts.join("/")));
        }
    }
    Ok(out)
}

/// A user's catalogue file, replacing the embedded one.
pub fn read_catalog(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("无法读取指标目录 {}", path.display()))
}

/// The font files (`.ttf`, `.otf`, `.ttc`, `.otc`) of a user's font folder, read
/// whole. Sub-folders are searched too.
pub fn read_font_dir(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).with_context(|| format!("无法读取字体目录 {}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            out.extend(read_font_dir(&path)?);
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
            let data =
                std::fs::read(&path).with_context(|| format!("无法读取字体文件 {}", path.display()))?;
            out.push((path.display().to_string(), data));
        }
    }
    Ok(out)
}
