//! The office's own words in place of generated paragraphs. Every paragraph of
//! the report model has a stable key ([`keys`]); the project's `文字修改.toml`
//! ([`edits`]) holds the edited ones. [`apply`] puts each edit in the model in
//! place of its paragraph (as data: the templates insert it as text, never as
//! markup), flags an edit whose paragraph's generated text changed since it was
//! made (with a word diff, [`diff`]), and checks the figures typed in it against
//! the data ([`figures`], over the facts of [`facts`]). Receives the report
//! model, the edits, the catalogue and the analysis; hands on the model and
//! [`Texts`]: each paragraph with its generated and printed text, and the
//! findings.

pub mod diff;
pub mod edits;
pub mod facts;
pub mod figures;
pub mod keys;
pub mod written;

use serde::Serialize;

pub use edits::{Edit, Edits};
pub use figures::check_text;

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::diag::words::TextFinding;
use crate::diag::{Diagnostic, Kind, Level, Place};
use crate::report::Report;

/// One paragraph of the yearbook, as `yearbook text list` and the desk show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphText {
    pub key: String,
    /// The text the tool writes now.
    pub generated: String,
    /// The edit's text as written (marks included), when the paragraph is edited.
    pub edited: Option<String>,
    /// The generated text the edit replaced, when it is recorded.
    pub replaced: Option<String>,
    /// The generated text changed since the edit was made.
    pub stale: bool,
    /// When stale: the replaced text against the generated one, word by word.
    pub diff: Vec<diff::Segment>,
    /// The findings about this paragraph's typed figures, in Chinese.
    pub figures: Vec<String>,
}

/// Every paragraph, and the findings about the edits.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Texts {
    pub paragraphs: Vec<ParagraphText>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

impl Texts {
    /// A paragraph by key.
    pub fn get(&self, key: &str) -> Option<&ParagraphText> {
        self.paragraphs.iter().find(|p| p.key == key)
    }
}

/// Puts the edits in the report in place of their paragraphs; lists every
/// paragraph and what was found. An edit that is stale is still printed; one
/// that is empty, or of no paragraph, is not.
pub fn apply(report: &mut Report, edits: &Edits, catalog: &Catalog, analysis: &Analysis) -> Texts {
    let place = Place::file(edits::FILE);
    // Gathered only when there is something to check.
    let facts =
        if edits.edits.is_empty() { facts::Facts::default() } else { facts::Facts::of(catalog, analysis) };
    let mut texts = Texts::default();
    let finding = |f: TextFinding| Diagnostic::new(Level::Warning, place.clone(), Kind::Text(f));
    let mut slots = keys::slots(report);
    for e in &edits.edits {
        if !slots.iter().any(|s| s.key == e.key) {
            texts.diagnostics.push(finding(TextFinding::UnknownKey { key: e.key.clone() }));
        }
    }
    for slot in &mut slots {
        let key = slot.key.clone();
        let generated = slot.text.clone();
        let mut p = ParagraphText {
            key: key.clone(),
            generated: generated.clone(),
            edited: None,
            replaced: None,
            stale: false,
            diff: Vec::new(),
            figures: Vec::new(),
        };
        if let Some(e) = edits.get(&key) {
            let text = edits::clean(&e.text);
            p.edited = Some(text.clone());
            p.replaced = e.replaced.as_deref().map(edits::clean);
            if text.is_empty() {
                texts.diagnostics.push(finding(TextFinding::Empty { key: key.clone() }));
                p.edited = None;
            } else {
                match &p.replaced {
                    None => {
                        let d = Diagnostic::new(
                            Level::Note,
                            place.clone(),
                            Kind::Text(TextFinding::NoOriginal { key: key.clone() }),
                        );
                        texts.diagnostics.push(d);
                    }
                    Some(r) if *r != generated => {
                        p.stale = true;
                        p.diff = diff::diff(r, &generated);
                        let changes = diff::changes(&p.diff);
                        texts.diagnostics.push(finding(TextFinding::Stale { key: key.clone(), changes }));
                    }
                    Some(_) => {}
                }
                // A figure the tool prints in this paragraph now is the data's.
                let found: Vec<Diagnostic> = figures::check_with(&place, &key, &text, &facts)
                    .into_iter()
                    .filter(|d| !matches!(&d.kind, Kind::Text(TextFinding::Figure { typed, .. }) if generated.contains(typed.as_str())))
                    .collect();
                p.figures = found.iter().map(Diagnostic::message).collect();
                texts.diagnostics.extend(found);
                *slot.text = figures::unmark(&text);
            }
        }
        texts.paragraphs.push(p);
    }
    texts
}

/// `check --strict-text`: the findings about typed figures and stale edits
/// become errors.
pub fn strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if let Kind::Text(TextFinding::Figure { .. } | TextFinding::Stale { .. }) = d.kind {
            d.level = Level::Error;
        }
    }
}
