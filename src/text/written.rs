//! The figures of the office's written parts (工作概况, 大事记, 编后记 …) checked
//! like those of an edited paragraph. Receives the parts read from `文字/`;
//! hands on a warning for each figure that does not match the data, and the
//! parts with the marks of figures from outside the data (`{52}`) taken off.

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Place};
use crate::writing::{Block, Part, Role, Run};

use super::{facts::Facts, figures};

/// Checks every paragraph, list item and dated entry of the parts (not the
/// 编委会, a list of names), keyed `标题.第N段`, and unmarks their figures.
pub fn check(parts: &mut [Part], catalog: &Catalog, analysis: &Analysis) -> Vec<Diagnostic> {
    if parts.is_empty() {
        return Vec::new();
    }
    let facts = Facts::of(catalog, analysis);
    let mut found = Vec::new();
    for part in parts.iter_mut().filter(|p| p.role != Role::Committee) {
        let place = Place::file(&part.file);
        let mut n = 0;
        let mut checked = |runs: &mut Vec<Run>| {
            n += 1;
            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
            found.extend(figures::check_with(&place, &format!("{}.第{n}段", part.title), &text, &facts));
            for r in runs {
                r.text = figures::unmark(&r.text);
            }
        };
        for block in &mut part.blocks {
            match block {
                Block::Paragraph { runs } | Block::Entry { runs, .. } => checked(runs),
                Block::List { items, .. } => items.iter_mut().for_each(&mut checked),
                Block::Heading { .. } | Block::Table { .. } => {}
            }
        }
    }
    found
}
