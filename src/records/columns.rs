//! The columns of a patent list (专利清单), recognised by their headers and the
//! aliases the patent office's services and patent databases export, in any
//! order. A row is a list's header row when it names the application number,
//! the filing date and at least one more column. Receives a row's texts; hands on
//! [`Columns`]: the column of each field found.

/// The fields a list may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Number,
    Kind,
    Filed,
    Published,
    Granted,
    Applicants,
    Address,
    ApplicantType,
    Ipc,
    Status,
    Lapsed,
    Family,
    Pledge,
    Award,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Number,
        Field::Kind,
        Field::Filed,
        Field::Published,
        Field::Granted,
        Field::Applicants,
        Field::Address,
        Field::ApplicantType,
        Field::Ipc,
        Field::Status,
        Field::Lapsed,
        Field::Family,
        Field::Pledge,
        Field::Award,
    ];

    /// The header as `check` names it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Published => "公开（公告）日",
            f => f.aliases()[0],
        }
    }

    /// The headers this field is known by, normalised ([`normalise`]); the first
    /// is its name.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Number => {
                &["申请号", "专利申请号", "申请号/专利号", "专利号", "申请专利号", "applicationnumber"]
            }
            Field::Kind => &["专利类型", "类型", "申请类型", "专利种类", "patenttype"],
            Field::Filed => &["申请日", "申请日期", "专利申请日", "filingdate", "applicationdate"],
            Field::Published => &["公开(公告)日", "公开日", "公开日期", "公开公告日", "公开(公告)日期"],
            Field::Granted => &["授权公告日", "授权日", "授权日期", "授权公告日期", "grantdate"],
            Field::Applicants => &[
                "申请人",
                "专利权人",
                "申请(专利权)人",
                "申请人/专利权人",
                "权利人",
                "当前权利人",
                "当前申请(专利权)人",
                "applicant",
            ],
            Field::Address => &["申请人地址", "地址", "专利权人地址", "第一申请人地址", "申请(专利权)人地址"],
            Field::ApplicantType => &["申请人类型", "专利权人类型", "申请人类别", "第一申请人类型"],
            Field::Ipc => &["主分类号", "ipc主分类号", "ipc", "ipc分类号", "分类号", "主ipc"],
            Field::Status => &["法律状态", "有效性", "当前法律状态", "法律状态/事件", "专利状态"],
            Field::Lapsed => &["失效日", "失效日期", "终止日", "权利终止日"],
            Field::Family => &["海外同族", "同族", "同族专利", "海外同族专利", "海外同族数"],
            Field::Pledge => &["质押", "质押金额", "质押融资金额", "质押融资", "质押金额(万元)"],
            Field::Award => &["获奖", "获奖情况", "奖项", "专利奖"],
        }
    }
}

/// The header normalised for matching: no spaces, half-width brackets, lower case.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The field a header names: exactly, else without a trailing bracket (a unit
/// such as “（万元）”).
pub fn field_of(header: &str) -> Option<Field> {
    let n = normalise(header);
    let find = |h: &str| Field::ALL.into_iter().find(|f| f.aliases().contains(&h));
    find(&n).or_else(|| {
        let open = n.rfind('(')?;
        n.ends_with(')').then(|| find(&n[..open])).flatten()
    })
}

/// The column of each field found in a header row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    found: Vec<(Field, usize)>,
}

impl Columns {
    /// The columns of a header row, when it is a list's: it names the
    /// application number, the filing date and one more field. A field named
    /// twice is taken from its first column.
    pub fn recognise(headers: &[(usize, &str)]) -> Option<Columns> {
        let mut found: Vec<(Field, usize)> = Vec::new();
        for &(col, h) in headers {
            if let Some(f) = field_of(h)
                && !found.iter().any(|(g, _)| *g == f)
            {
                found.push((f, col));
            }
        }
        let has = |f: Field| found.iter().any(|(g, _)| *g == f);
        (has(Field::Number) && has(Field::Filed) && found.len() >= 3).then(|| {
            found.sort();
            Columns { found }
        })
    }

    /// The column of a field.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.found.iter().find(|(f, _)| *f == field).map(|(_, c)| *c)
    }

    /// Whether the list has a field.
    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    /// The fields found, in [`Field`] order.
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.found.iter().map(|(f, _)| *f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_aliases_in_any_order() {
        let row =
            ["专利权人", "申请号", " 申请日 ", "公开（公告）日", "质押金额（万元）", "IPC主分类号", "备注"];
        let headers: Vec<(usize, &str)> = row.iter().copied().enumerate().collect();
        let c = Columns::recognise(&headers).unwrap();
        assert_eq!(c.get(Field::Number), Some(1));
        assert_eq!(c.get(Field::Applicants), Some(0));
        assert_eq!(c.get(Field::Filed), Some(2));
        assert_eq!(c.get(Field::Published), Some(3));
        assert_eq!(c.get(Field::Pledge), Some(4));
        assert_eq!(c.get(Field::Ipc), Some(5));
        assert!(!c.has(Field::Granted));
    }

    #[test]
    fn a_summary_table_is_no_list() {
        let headers = [(0, "指标"), (1, "2024年"), (2, "2025年")];
        assert_eq!(Columns::recognise(&headers), None);
        // The number alone is not enough.
        assert_eq!(Columns::recognise(&[(0, "申请号"), (1, "名称")]), None);
    }
}
