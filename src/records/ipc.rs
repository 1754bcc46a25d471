//! IPC classes: a list's 主分类号 (`G06F 16/00`, `G06F16/00`, several separated
//! by ；) is kept as its main class without spaces; its section is the first
//! letter, A to H, named as in the IPC. The IPC → 战略性新兴产业 concordance is
//! the user's (a workbook named in `yearbook.toml`; none is shipped): each row a
//! class prefix and an industry, the longest prefix matching.

/// The eight IPC sections and their titles.
pub const SECTIONS: [(char, &str); 8] = [
    ('A', "人类生活必需"),
    ('B', "作业；运输"),
    ('C', "化学；冶金"),
    ('D', "纺织；造纸"),
    ('E', "固定建筑物"),
    ('F', "机械工程；照明；加热；武器；爆破"),
    ('G', "物理"),
    ('H', "电学"),
];

/// The main class of a cell: the first of several, without spaces, upper case;
/// `None` when it does not start with a section letter A–H.
pub fn main_class(text: &str) -> Option<String> {
    let first = super::applicant::first_of(text);
    let class: String = first.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    section_of(&class).map(|_| class)
}

/// The section letter of a class.
pub fn section_of(class: &str) -> Option<char> {
    class.chars().next().filter(|c| ('A'..='H').contains(c))
}

/// The concordance: class prefixes (normalised as [`main_class`]) and industries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Concordance {
    pub rows: Vec<(String, String)>,
    /// The workbook it was read from, for notes.
    pub source: String,
}

impl Concordance {
    /// The industry of a class: the longest prefix that matches.
    pub fn industry(&self, class: &str) -> Option<&str> {
        self.rows
            .iter()
            .filter(|(prefix, _)| class.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, industry)| industry.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_classes_and_sections() {
        assert_eq!(main_class("G06F 16/00；H04L 9/32").as_deref(), Some("G06F16/00"));
        assert_eq!(main_class("h01m10/05").as_deref(), Some("H01M10/05"));
        assert_eq!(main_class("无"), None);
        assert_eq!(section_of("C07D"), Some('C'));
    }

    #[test]
    fn the_longest_prefix_names_the_industry() {
        let c = Concordance {
            rows: vec![
                ("G06F".into(), "新一代信息技术产业".into()),
                ("G06F16".into(), "数字创意产业".into()),
            ],
            source: String::new(),
        };
        assert_eq!(c.industry("G06F16/00"), Some("数字创意产业"));
        assert_eq!(c.industry("G06F3/01"), Some("新一代信息技术产业"));
        assert_eq!(c.industry("A61K"), None);
    }
}
