//! The printed page: every table's columns are typed for the templates; figures
//! line up on the units digit; headings break only between their words; 表2-1
//! has its 资料来源; and no page between the first chapter and the appendices is
//! more than two-thirds empty, in A4 and 16开, for the sample's 2025 and 2023
//! editions. Positions are read from the PDF with poppler's `pdftotext -bbox`.

use std::path::Path;

use yearbook::config::{Config, Paper};
use yearbook::pipeline;
use yearbook::report::{ColumnKind, Table};

use super::{flat_text, opts, poppler, sample_config};

/// A word of the PDF with its box, in points from the page's top left.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// The words of each page, and each page's size.
fn pages(pdf: &Path) -> Vec<((f64, f64), Vec<Word>)> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |s: &str, name: &str| -> f64 {
        let at = s.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("no {name} in {s}")) + name.len() + 2;
        s[at..s[at..].find('"').unwrap() + at].parse().unwrap()
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let size = (attr(page, "width"), attr(page, "height"));
            let words = page
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
                    let text = text
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"");
                    Word {
                        x0: attr(w, "xMin"),
                        y0: attr(w, "yMin"),
                        x1: attr(w, "xMax"),
                        y1: attr(w, "yMax"),
                        text,
                    }
                })
                .collect();
            (size, words)
        })
        .collect()
}

fn build(paper: Paper, year: i32, out: &Path) -> pipeline::Built {
    let config = Config { paper, year: Some(year), ..sample_config(out) };
    pipeline::build(&opts(config), &mut |_| {}).expect("the sample builds")
}

/// The share of a page's text area down to its last line of text (charts end in
/// their captions, tables in their notes). The text area is the templates' for
/// the paper: A4 30 mm / 27 mm, 16开 26 mm / 24 mm above and below.
fn filled((width, height): (f64, f64), words: &[Word]) -> f64 {
    let mm = 72.0 / 25.4;
    let (top, bottom) =
        if width < 560.0 { (26.0 * mm, height - 24.0 * mm) } else { (30.0 * mm, height - 27.0 * mm) };
    let last =
        words.iter().filter(|w| w.y0 >= top - 1.0 && w.y1 <= bottom + 1.0).map(|w| w.y1).fold(top, f64::max);
    (last - top) / (bottom - top)
}

/// From the page that opens 一、综述 to the one before the book's last, no page
/// is more than two-thirds empty: chapters follow one another, charts
/// stand two side by side, headings keep with what follows.
#[test]
fn no_page_of_the_body_is_more_than_two_thirds_empty() {
    for paper in [Paper::A4, Paper::K16] {
        for year in [2025, 2023] {
            let out = tempfile::tempdir().unwrap();
            let built = build(paper, year, out.path());
            let pages = pages(&built.path);
            let text = |p: &[Word]| p.iter().map(|w| w.text.as_str()).collect::<String>();
            let toc = pages.iter().position(|(_, w)| text(w).contains("目录")).unwrap();
            let first = (toc + 1..pages.len()).find(|&p| text(&pages[p].1).contains("一、综述")).unwrap();
            // The book's last page may end where it likes.
            let last = pages.len() - 2;
            let thin: Vec<(usize, f64)> = (first..=last)
                .map(|p| (p + 1, filled(pages[p].0, &pages[p].1)))
                .filter(|(_, f)| *f < 1.0 / 3.0)
                .collect();
            assert!(thin.is_empty(), "{paper:?} {year}: pages (page, share filled) {thin:?}");
        }
    }
}

/// The words of a table's region of a page: from its caption (表2-1 or 续表2-1)
/// down to its 注 or 资料来源 line, or the page's end.
fn table_words<'a>(words: &'a [Word], number: &str) -> Vec<&'a Word> {
    let Some(caption) = words.iter().find(|w| w.text == number || w.text == format!("续{number}")) else {
        return Vec::new();
    };
    let end = words
        .iter()
        .filter(|w| w.y0 > caption.y1 && (w.text.starts_with("注：") || w.text.starts_with("资料来源")))
        .map(|w| w.y0)
        .fold(f64::MAX, f64::min);
    words.iter().filter(|w| w.y0 > caption.y1 && w.y1 < end).collect()
}

/// Where a figure's units digit ends: the figure's right edge less its decimals
/// and point (tabular digits of the 9 pt table face: 4.995 pt, the point 2.5 pt).
fn units_edge(w: &Word) -> Option<f64> {
    let number = w.text.trim_start_matches(['＞', '+', '-']);
    if w.text == "—" {
        return Some(w.x1);
    }
    number.parse::<f64>().ok()?;
    let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
    Some(w.x1 - if decimals > 0 { 2.5 + 4.995 * decimals as f64 } else { 0.0 })
}

/// In every table, figures one above the other (in one column) end their units
/// digits at the same x, whatever their decimals, marks (＞) or dashes.
#[test]
fn figures_line_up_on_the_units_digit_in_every_table() {
    for paper in [Paper::A4, Paper::K16] {
        let out = tempfile::tempdir().unwrap();
        let built = build(paper, 2025, out.path());
        let prepared =
            pipeline::prepare(&opts(Config { paper, ..sample_config(out.path()) }), &mut |_| {}).unwrap();
        let r = &prepared.report;
        let mut numbers: Vec<String> = vec![r.main.table_number.clone()];
        numbers.extend(
            r.chapters.iter().chain(&r.streets).flat_map(|c| c.tables.iter().map(|t| t.number.clone())),
        );
        let mut checked = 0;
        for (p, (_, words)) in pages(&built.path).iter().enumerate() {
            for number in &numbers {
                let figures: Vec<(&Word, f64)> = table_words(words, number)
                    .into_iter()
                    .filter_map(|w| Some((w, units_edge(w)?)))
                    .collect();
                for (a, ea) in &figures {
                    for (b, eb) in &figures {
                        let below = b.y0 > a.y1 - 0.5 && b.y0 < a.y1 + 30.0;
                        let overlap = a.x0.max(b.x0) < a.x1.min(b.x1);
                        if below && overlap {
                            checked += 1;
                            assert!(
                                (ea - eb).abs() < 0.3,
                                "{paper:?} page {}, {number}: {} over {} end their units digits at {ea:.1} and {eb:.1}",
                                p + 1,
                                a.text,
                                b.text
                            );
                        }
                    }
                }
            }
        }
        assert!(checked > 300, "{paper:?}: only {checked} pairs of figures compared");
    }
}

/// The words of a heading are set on one line: a line of the PDF holds each
/// word of every column heading of 表2-1 and 表10-1 whole.
#[test]
fn headings_break_only_between_words() {
    for paper in [Paper::A4, Paper::K16] {
        let out = tempfile::tempdir().unwrap();
        let built = build(paper, 2025, out.path());
        let prepared =
            pipeline::prepare(&opts(Config { paper, ..sample_config(out.path()) }), &mut |_| {}).unwrap();
        let r = &prepared.report;
        let street = &r.streets.as_ref().unwrap().tables[0];
        let tables: [(&str, Vec<&Vec<String>>); 2] = [
            (&r.main.table_number, r.main.columns.iter().map(|c| &c.words).collect()),
            (&street.number, street.columns.iter().map(|c| &c.words).collect()),
        ];
        for (number, headings) in tables {
            let pages = pages(&built.path);
            let (_, words) = pages
                .iter()
                .find(|(_, w)| w.iter().any(|w| w.text == number))
                .unwrap_or_else(|| panic!("{number} printed"));
            // The header's lines: runs of words on one baseline without a gap.
            let caption = words.iter().find(|w| w.text == number).unwrap();
            let mut header: Vec<&Word> =
                words.iter().filter(|w| w.y0 > caption.y1 && w.y0 < caption.y1 + 80.0).collect();
            header.sort_by(|a, b| (a.y0.round(), a.x0).partial_cmp(&(b.y0.round(), b.x0)).unwrap());
            let mut lines: Vec<String> = Vec::new();
            let mut previous: Option<&Word> = None;
            for w in header {
                match previous {
                    Some(p) if (p.y0 - w.y0).abs() < 1.0 && w.x0 - p.x1 < 1.0 => {
                        lines.last_mut().unwrap().push_str(&w.text)
                    }
                    _ => lines.push(w.text.clone()),
                }
                previous = Some(w);
            }
            for words in headings {
                for word in words.iter().filter(|w| w.chars().count() > 1) {
                    assert!(
                        lines.iter().any(|l| l.contains(word.as_str())),
                        "{paper:?} {number}: 「{word}」 broken in {lines:?}"
                    );
                }
            }
        }
    }
}

/// Every table of the model says what each column holds; the templates read
/// no heading.
#[test]
fn every_table_carries_the_kinds_of_its_columns() {
    let out = tempfile::tempdir().unwrap();
    let prepared = pipeline::prepare(&opts(sample_config(out.path())), &mut |_| {}).unwrap();
    let r = &prepared.report;
    let check = |t: &Table| {
        for row in &t.rows {
            assert_eq!(row.cells.len(), t.columns.len(), "{}", t.number);
        }
        assert!(t.columns.iter().any(|c| c.number), "{}: no column of figures", t.number);
    };
    for t in r.chapters.iter().chain(&r.streets).flat_map(|c| &c.tables) {
        check(t);
    }
    let kinds = |t: &Table| t.columns.iter().map(|c| c.kind).collect::<Vec<_>>();
    use ColumnKind::*;
    let creation = &r.chapters[0].tables[0];
    assert_eq!(kinds(creation), [Name, Unit, Value, Value, Value, Value, Value, Change]);
    let streets = &r.streets.as_ref().unwrap().tables[0];
    assert_eq!(kinds(streets)[0], Region);
    assert!(kinds(streets)[1..].iter().all(|k| *k == Value));
    let main: Vec<ColumnKind> = r.main.columns.iter().map(|c| c.kind).collect();
    assert_eq!(main, [Category, Name, Baseline, Value, Growth, Target, Rate, Status]);
    for g in &r.main.groups {
        for row in &g.rows {
            assert_eq!(row.cells.len() + 1, r.main.columns.len());
        }
    }
    // The main table names its sources, as every other table does.
    assert_eq!(
        r.main.source.as_deref(),
        Some("资料来源：区市场监管局（知识产权局）、区统计局、区委宣传部（区版权局）。")
    );
}

/// 表2-1 has its 资料来源 line under it, before the next chapter.
#[test]
fn the_main_table_has_its_source_line() {
    let out = tempfile::tempdir().unwrap();
    let built = build(Paper::A4, 2025, out.path());
    let text = flat_text(&built.path);
    let table = text.find("表2-1“十四五”知识产权发展主要指标完成情况").unwrap();
    let next = text[table..].find("三、知识产权创造").unwrap() + table;
    let source = text[table..next].find("资料来源：").map(|s| &text[table + s..next]);
    assert!(
        source.is_some_and(|s| s.starts_with("资料来源：区市场监管局（知识产权局）")),
        "{}",
        &text[table..next]
    );
}
