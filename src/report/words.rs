//! Where a line may break in a table's heading or stub: between words, never
//! inside one, as a hyphenation dictionary does for Latin text. A heading such as
//! `2020年基数` breaks as 2020年 / 基数, never 2020年基 / 数; `（万人）` and a quoted
//! name stay whole. Receives a heading or a name; hands on its words, which the
//! templates set unbroken.

/// The words of the yearbook's indicator names and headings, longest first where
/// one starts another. A character met outside these words is a word of its own
/// (joined to the word before it when it stands alone between known words, as
/// 数 in 贯标认证通过企业数), so an unknown name still breaks as before.
const TERMS: &[&str] = &[
    "知识产权",
    "发明专利",
    "实用新型",
    "外观设计",
    "高价值",
    "有效",
    "专利",
    "申请量",
    "授权量",
    "拥有量",
    "注册量",
    "登记量",
    "商标",
    "注册",
    "申请",
    "授权",
    "马德里",
    "地理标志",
    "著作权",
    "作品",
    "软件",
    "一般",
    "集成电路",
    "布图设计",
    "植物新品种",
    "版权产业",
    "增加值",
    "质押融资",
    "总额",
    "交易额",
    "成交额",
    "技术合同",
    "实施许可",
    "转让",
    "合同",
    "备案数",
    "正版正货",
    "示范街区",
    "社会满意度",
    "民事案件",
    "刑事案件",
    "行政执法",
    "案件数",
    "受理数",
    "结案数",
    "国家",
    "试点示范",
    "示范",
    "园区",
    "优势",
    "企业数",
    "企业",
    "贯标认证",
    "通过",
    "引进",
    "高端",
    "服务机构",
    "代理机构",
    "从业人员",
    "主营业务",
    "收入",
    "公共服务",
    "平台",
    "高层次",
    "人才",
    "培训",
    "各类",
    "人员",
    "人次",
    "年末",
    "常住人口",
    "万人",
    "万企",
    "拥有",
    "省市级",
    "省级",
    "市级",
    "以上",
    "培育",
    "中心",
    "维持",
    "新增",
    "累计",
    "比重",
    "比上年",
    "增长",
    "年均",
    "完成率",
    "基数",
    "目标",
    "状态",
    "类别",
    "指标",
    "单位",
    "街道",
    "全市",
    "全区",
    "上年",
    "年报数",
    "本年报数",
    "差额",
    "来源",
    "地区",
    "年份",
];

/// The words of `text`: runs of digits with a following 年, bracketed and quoted
/// groups, Latin runs, the [`TERMS`], and single characters.
pub fn split(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    // Each token, and whether it is a character outside the terms.
    let mut tokens: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let len = if let Some(close) = closing(c) {
            // A bracketed or quoted group, up to its closing mark.
            chars[i + 1..].iter().position(|&x| x == close).map_or(0, |k| k + 2)
        } else if c.is_ascii_digit() {
            let digits = chars[i..].iter().take_while(|x| x.is_ascii_digit() || **x == '.').count();
            digits + usize::from(chars.get(i + digits) == Some(&'年'))
        } else if c.is_ascii_alphabetic() {
            chars[i..].iter().take_while(|x| x.is_ascii_alphabetic()).count()
        } else {
            (2..=MAX_TERM.min(chars.len() - i))
                .rev()
                .find(|&n| TERMS.contains(&chars[i..i + n].iter().collect::<String>().as_str()))
                .unwrap_or(0)
        };
        tokens.push((chars[i..i + len.max(1)].iter().collect(), len == 0));
        i += len.max(1);
    }
    // A lone character between known words joins the word before it (the one
    // after it when it comes first); a run of them stays breakable.
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for (k, (token, outside)) in tokens.iter().enumerate() {
        let alone = *outside && !(k > 0 && tokens[k - 1].1) && !tokens.get(k + 1).is_some_and(|t| t.1);
        match out.last_mut() {
            Some(last) if alone && !is_group(last) => last.push_str(token),
            _ if alone && k + 1 < tokens.len() => pending.push_str(token),
            _ => out.push(std::mem::take(&mut pending) + token),
        }
    }
    if !pending.is_empty() {
        out.push(pending);
    }
    // A word wider than a column may be (a long bracketed note) may break
    // anywhere.
    out.into_iter()
        .flat_map(
            |w| {
                if w.chars().count() > MAX_WORD { w.chars().map(String::from).collect() } else { vec![w] }
            },
        )
        .collect()
}

/// The longest word set unbroken, in characters: a quoted name (“正版正货”)
/// stays whole, a longer note does not.
const MAX_WORD: usize = 6;

/// The longest term, in characters.
const MAX_TERM: usize = 5;

/// The mark that closes a group opened by `c`.
fn closing(c: char) -> Option<char> {
    match c {
        '（' => Some('）'),
        '(' => Some(')'),
        '“' => Some('”'),
        '《' => Some('》'),
        _ => None,
    }
}

fn is_group(word: &str) -> bool {
    word.chars().next().is_some_and(|c| closing(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::split;

    fn words(text: &str) -> Vec<String> {
        split(text)
    }

    #[test]
    fn headings_break_between_words() {
        assert_eq!(words("2020年基数"), ["2020年", "基数"]);
        assert_eq!(words("比上年增长（%）"), ["比上年", "增长", "（%）"]);
        assert_eq!(words("年末常住人口（万人）"), ["年末", "常住人口", "（万人）"]);
        assert_eq!(words("占全市比重（%）"), ["占全市", "比重", "（%）"]);
        assert_eq!(
            words("知识产权服务机构从业人员数（人）"),
            ["知识产权", "服务机构", "从业人员数", "（人）"]
        );
        assert_eq!(
            words("维持10年以上有效发明专利数（件）"),
            ["维持", "10年", "以上", "有效", "发明专利数", "（件）"]
        );
        assert_eq!(words("省级“正版正货”示范街区（个）"), ["省级", "“正版正货”", "示范街区", "（个）"]);
        assert_eq!(words("PCT专利申请量"), ["PCT", "专利", "申请量"]);
    }

    #[test]
    fn unknown_words_still_break_between_characters() {
        assert_eq!(words("甲乙丙"), ["甲", "乙", "丙"]);
        assert_eq!(words("专利甲乙"), ["专利", "甲", "乙"]);
        assert_eq!(words("专利（单位：万元）"), ["专利", "（", "单", "位", "：", "万", "元", "）"]);
    }

    #[test]
    fn every_term_is_found_and_no_word_is_too_long() {
        for term in super::TERMS {
            assert!(term.chars().count() <= super::MAX_TERM, "{term}");
            assert_eq!(words(term), [*term]);
        }
        let catalog = crate::catalog::Catalog::builtin();
        for ind in &catalog.indicators {
            let name = format!("{}（{}）", ind.name, ind.unit);
            let words = split(&name);
            assert_eq!(words.concat(), name);
            assert!(words.iter().all(|w| w.chars().count() <= super::MAX_WORD), "{words:?}");
        }
    }
}
