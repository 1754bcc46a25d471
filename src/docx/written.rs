//! The office's written parts (编委会, 工作概况, 大事记, 编后记 …) in the Word
//! edition, block by block as the PDF sets them: headings as Word headings,
//! paragraphs with their bold runs, lists numbered or bulleted, simple tables,
//! and a 大事记's entries with their dates in bold. Receives the parts of the
//! report model; hands on WordprocessingML.

use crate::writing::{Block, Part, Run};

use super::Page;
use super::table::simple_table;
use super::xml::{Look, Para, run};

/// The runs of a paragraph, bold where the office made them bold.
fn runs(list: &[Run], sans: &str) -> String {
    list.iter()
        .map(|r| run(&r.text, Look { bold: r.bold, font: r.bold.then_some(sans), size: None }))
        .collect()
}

/// The blocks of a part (its title is the caller's heading).
pub fn blocks(part: &Part, page: &Page, sans: &str) -> String {
    let mut out = String::new();
    for block in &part.blocks {
        match block {
            Block::Heading { level, runs: r } => {
                // The part's title is heading 1; its headings, of either level, are 2.
                let _ = level;
                out.push_str(&Para { keep_next: true, ..Para::style("Heading2") }.with(&runs(r, sans)));
            }
            Block::Paragraph { runs: r } => out.push_str(&Para::style("").with(&runs(r, sans))),
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let mark = if *ordered { format!("{}. ", i + 1) } else { "• ".to_string() };
                    let body = run(&mark, Look::default()) + &runs(item, sans);
                    out.push_str(&Para::style("").with(&body));
                }
            }
            Block::Table { rows } => out.push_str(&simple_table(rows, page, sans)),
            Block::Entry { date, runs: r } => {
                let date = run(&format!("{date}　"), Look { bold: true, font: Some(sans), size: None });
                out.push_str(&Para::style("").with(&(date + &runs(r, sans))));
            }
        }
    }
    out
}
