//! Where the office's written parts go in the book, as real yearbooks place
//! them: 编委会 after the cover, before 编制说明; 工作概况 first in the body,
//! before 综述; other named parts and then 大事记 after the last chapter, before
//! the appendices; 编后记 at the very end. `text-order` in `yearbook.toml` orders
//! the parts within each place. Receives the parts read ([`crate::writing`]);
//! hands on [`Written`] for the report model.

use serde::Serialize;

use crate::writing::{Part, Role};

/// The written parts by their place in the book.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Written {
    /// 编委会: after the cover.
    pub front: Vec<Part>,
    /// 工作概况: before 综述.
    pub opening: Vec<Part>,
    /// Other parts, then 大事记: after the last chapter.
    pub closing: Vec<Part>,
    /// 编后记: the end of the book.
    pub end: Vec<Part>,
}

/// Places the parts, given in the order read (the settings' order first); in
/// the closing place a 大事记 comes after the other parts unless the settings
/// list it.
pub fn place(parts: Vec<Part>, order: &[String]) -> Written {
    let mut w = Written::default();
    for p in parts {
        match p.role {
            Role::Committee => w.front.push(p),
            Role::Overview => w.opening.push(p),
            Role::Chronicle | Role::Other => w.closing.push(p),
            Role::Afterword => w.end.push(p),
        }
    }
    let listed = |p: &Part| order.iter().position(|o| *o == p.title);
    w.closing
        .sort_by_key(|p| (listed(p).unwrap_or(usize::MAX), listed(p).is_none() && p.role == Role::Chronicle));
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(title: &str) -> Part {
        Part { title: title.into(), role: Role::of(title), file: format!("{title}.txt"), blocks: Vec::new() }
    }

    #[test]
    fn parts_go_where_yearbooks_put_them() {
        let parts = vec![part("大事记"), part("编后记"), part("专题报告"), part("编委会"), part("工作概况")];
        let w = place(parts.clone(), &[]);
        let titles = |v: &[Part]| v.iter().map(|p| p.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&w.front), ["编委会"]);
        assert_eq!(titles(&w.opening), ["工作概况"]);
        assert_eq!(titles(&w.closing), ["专题报告", "大事记"]);
        assert_eq!(titles(&w.end), ["编后记"]);
        let w = place(parts, &["大事记".into()]);
        assert_eq!(titles(&w.closing), ["大事记", "专题报告"]);
    }
}
