//! Applicant types as CNIPA's tables class them: 企业, 高等院校 (大专院校), 科研机构
//! (科研单位), 机关团体 and 个人. A list's 申请人类型 column is read when it has
//! one; otherwise the type is inferred from the first applicant's name by stated
//! rules, in this order (the first that applies wins):
//! 1. 研究院, 研究所, 科学院, 研究中心, 实验室 → 科研机构;
//! 2. 大学, 学院, 学校 → 高等院校;
//! 3. 公司, 有限, 集团, 企业, 厂, 合伙, 事务所, 商行, 工作室 → 企业;
//! 4. two to four Chinese characters (a middle dot allowed) with none of the
//!    words above → 个人;
//! 5. anything else (局, 医院, 协会, 中心 and names the rules do not know) → 机关团体.
//!
//! An inferred type is marked as inferred, and `check` says how many were.
//! A person's name is personal data: it is never printed, only counted as 个人.

use serde::Serialize;

/// An applicant type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ApplicantType {
    Enterprise,
    University,
    Institute,
    Public,
    Person,
}

impl ApplicantType {
    /// In the order of CNIPA's tables.
    pub const ALL: [ApplicantType; 5] = [
        ApplicantType::Enterprise,
        ApplicantType::University,
        ApplicantType::Institute,
        ApplicantType::Public,
        ApplicantType::Person,
    ];

    /// The name printed.
    pub fn name(self) -> &'static str {
        match self {
            ApplicantType::Enterprise => "企业",
            ApplicantType::University => "高等院校",
            ApplicantType::Institute => "科研机构",
            ApplicantType::Public => "机关团体",
            ApplicantType::Person => "个人",
        }
    }

    /// The type a 申请人类型 cell names (the first of several), `None` when it
    /// names none.
    pub fn from_column(text: &str) -> Option<ApplicantType> {
        let first = first_of(text);
        let t: String = first.chars().filter(|c| !c.is_whitespace()).collect();
        Some(match t.as_str() {
            "企业" | "公司" | "工矿企业" | "企业单位" => ApplicantType::Enterprise,
            "高等院校" | "大专院校" | "高校" | "院校" | "大学" => ApplicantType::University,
            "科研机构" | "科研单位" | "科研院所" | "研究机构" => ApplicantType::Institute,
            "机关团体" | "机关" | "团体" | "事业单位" | "机关事业单位" | "社会团体" => {
                ApplicantType::Public
            }
            "个人" | "自然人" | "非职务" => ApplicantType::Person,
            _ => return None,
        })
    }

    /// The type inferred from a name by the rules above.
    pub fn infer(name: &str) -> ApplicantType {
        const INSTITUTE: [&str; 5] = ["研究院", "研究所", "科学院", "研究中心", "实验室"];
        const UNIVERSITY: [&str; 3] = ["大学", "学院", "学校"];
        const ENTERPRISE: [&str; 9] =
            ["公司", "有限", "集团", "企业", "厂", "合伙", "事务所", "商行", "工作室"];
        let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
        if has(&INSTITUTE) {
            ApplicantType::Institute
        } else if has(&UNIVERSITY) {
            ApplicantType::University
        } else if has(&ENTERPRISE) {
            ApplicantType::Enterprise
        } else if looks_like_person(name) {
            ApplicantType::Person
        } else {
            ApplicantType::Public
        }
    }
}

/// Two to four Chinese characters, perhaps with a middle dot (a name of a
/// minority or foreign origin written in Chinese).
fn looks_like_person(name: &str) -> bool {
    let han = name.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
    let dots = name.chars().filter(|c| matches!(c, '·' | '•' | '．')).count();
    (2..=4).contains(&han) && han + dots == name.chars().count()
        || dots > 0 && han + dots == name.chars().count()
}

/// The first of several names separated by ；, ;, or a line break, trimmed.
pub fn first_of(text: &str) -> &str {
    text.split(['；', ';', '\n']).map(str::trim).find(|s| !s.is_empty()).unwrap_or("")
}

/// How many names a cell holds.
pub fn count_of(text: &str) -> usize {
    text.split(['；', ';', '\n']).filter(|s| !s.trim().is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicantType as T;

    #[test]
    fn inferred_by_the_stated_rules() {
        assert_eq!(T::infer("南京大学"), T::University);
        assert_eq!(T::infer("东南大学成贤学院"), T::University);
        assert_eq!(T::infer("中国科学院南京土壤研究所"), T::Institute);
        assert_eq!(T::infer("江苏省农业科学院"), T::Institute);
        assert_eq!(T::infer("南京熊猫电子股份有限公司"), T::Enterprise);
        assert_eq!(T::infer("张伟"), T::Person);
        assert_eq!(T::infer("欧阳明月"), T::Person);
        assert_eq!(T::infer("阿依古丽·买买提"), T::Person);
        assert_eq!(T::infer("南京市玄武区人民医院"), T::Public);
    }

    #[test]
    fn the_column_names_cnipa_classes() {
        assert_eq!(T::from_column("大专院校"), Some(T::University));
        assert_eq!(T::from_column("企业；个人"), Some(T::Enterprise));
        assert_eq!(T::from_column("其他"), None);
    }

    #[test]
    fn several_applicants_are_split() {
        assert_eq!(first_of(" 南京大学；张伟"), "南京大学");
        assert_eq!(first_of("甲公司;乙公司"), "甲公司");
        assert_eq!(count_of("甲；乙; 丙"), 3);
    }
}
