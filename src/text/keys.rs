//! The key of every paragraph the report model carries, and a handle on its text:
//! `编制说明.数据来源`, `综述.主要特点`, `知识产权创造.导语`,
//! `知识产权创造.表3-1.注`, `数据质量说明.分项与总数`. A key is the part's title,
//! then the paragraph's name where the model gives one (编制说明, 综述), else its
//! place (`导语` for a chapter's first paragraph, `第2段` after it; a table's
//! notes by the table's number; an item of 附录二 by the words before its colon).
//! Chapters are keyed by title, not number, so that a chapter left out for want
//! of data does not move the edits of those after it onto the wrong chapter.

use crate::report::{Chapter, Paragraph, Report, Table};

/// A paragraph of the report: its key and its text, to read or replace.
pub struct Slot<'a> {
    pub key: String,
    pub text: &'a mut String,
}

/// Every editable paragraph of the report, in reading order. The definitions of
/// 附录一 come from the indicator catalogue and are edited there; titles, table
/// cells and 资料来源 lines are not paragraphs.
pub fn slots(report: &mut Report) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    let names = &report.preface_names;
    for (i, text) in report.preface.iter_mut().enumerate() {
        let name = names.get(i).map_or_else(|| format!("第{}段", i + 1), |n| n.to_string());
        out.push(Slot { key: format!("编制说明.{name}"), text });
    }
    chapter(&mut out, &mut report.summary);
    let main = &mut report.main;
    paragraphs(&mut out, &main.title, &mut main.paragraphs);
    notes(&mut out, &main.title, &main.table_number, &mut main.notes);
    for ch in report.chapters.iter_mut().chain(report.streets.as_mut()).chain(report.patents.as_mut()) {
        chapter(&mut out, ch);
    }
    let quality = &mut report.quality;
    out.push(Slot { key: "数据质量说明.导语".into(), text: &mut quality.intro });
    for (i, item) in quality.items.iter_mut().enumerate() {
        let key = format!("数据质量说明.{}", item_name(item).unwrap_or_else(|| format!("第{}项", i + 1)));
        out.push(Slot { key, text: item });
    }
    if let Some(rev) = report.revisions.as_mut() {
        for (i, p) in rev.paragraphs.iter_mut().enumerate() {
            out.push(Slot { key: format!("{}.{}", rev.title, place_name(i)), text: p });
        }
        if let Some(t) = rev.table.as_mut() {
            notes(&mut out, &rev.title, &t.number, &mut t.notes);
        }
    }
    // Two items of one name (which the model does not make today) stay apart.
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for s in &mut out {
        let n = seen.entry(s.key.clone()).or_default();
        *n += 1;
        if *n > 1 {
            s.key = format!("{}（{n}）", s.key);
        }
    }
    out
}

/// The keys of a report, in reading order.
pub fn keys(report: &mut Report) -> Vec<String> {
    slots(report).into_iter().map(|s| s.key).collect()
}

fn chapter<'a>(out: &mut Vec<Slot<'a>>, ch: &'a mut Chapter) {
    paragraphs(out, &ch.title, &mut ch.paragraphs);
    for Table { number, notes: n, .. } in ch.tables.iter_mut() {
        notes(out, &ch.title, number, n);
    }
}

fn paragraphs<'a>(out: &mut Vec<Slot<'a>>, title: &str, paras: &'a mut [Paragraph]) {
    for (i, p) in paras.iter_mut().enumerate() {
        let name = p.name.map_or_else(|| place_name(i), str::to_string);
        out.push(Slot { key: format!("{title}.{name}"), text: &mut p.text });
    }
}

fn notes<'a>(out: &mut Vec<Slot<'a>>, title: &str, number: &str, notes: &'a mut [String]) {
    let many = notes.len() > 1;
    for (i, n) in notes.iter_mut().enumerate() {
        let which = if many { format!("注{}", i + 1) } else { "注".into() };
        out.push(Slot { key: format!("{title}.{number}.{which}"), text: n });
    }
}

/// `导语` for a part's first paragraph, `第N段` after it.
fn place_name(i: usize) -> String {
    if i == 0 { "导语".into() } else { format!("第{}段", i + 1) }
}

/// The words before an item's colon (`分项与总数：…`), when they are a short name.
fn item_name(item: &str) -> Option<String> {
    let (head, _) = item.split_once('：')?;
    (!head.is_empty() && head.chars().count() <= 12 && !head.contains(['，', '。', '.']))
        .then(|| head.to_string())
}
