//! Reading the text around a table: years in headers and titles, unit lines,
//! units in labels, growth-rate columns, notes, and header cells that mix Chinese
//! and English over several lines.

use unicode_normalization::UnicodeNormalization;

use crate::workbook::Cell;

/// What may follow a year in a header or a year cell, after NFKC (which turns
/// `（末）` into `(末)`): `2024年`, `2024年度`, `2024年末`, `2024年底`, `2024年（末）`.
const YEAR_SUFFIXES: &[&str] = &["年(末)", "年(底)", "年末", "年底", "年度", "年"];

/// Parses a year header: `2021`, `2021.0`, `2021年`, `2021年度`, `2021年末`,
/// `2021年底`, `2021年（末）`, `（2021年）`.
pub fn parse_year(cell: &Cell) -> Option<i32> {
    let y = match cell {
        Cell::Number(n) if n.fract() == 0.0 => *n as i64,
        Cell::Text(s) => {
            let s: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
            let s = s.strip_prefix('(').and_then(|s| s.strip_suffix(')')).unwrap_or(&s);
            let s = YEAR_SUFFIXES.iter().find_map(|suffix| s.strip_suffix(suffix)).unwrap_or(s);
            let s = s.strip_suffix(".0").unwrap_or(s);
            if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() != 4 {
                return None;
            }
            s.parse::<i64>().ok()?
        }
        _ => return None,
    };
    (1949..=2100).contains(&y).then_some(y as i32)
}

/// The one year a title, sheet name or file name gives: `…(2023年)`, `（2012）`,
/// `…, 2014`, `2022`. `None` when it names no year or several (`2016～2017`).
pub fn year_in_text(text: &str) -> Option<i32> {
    let text: String = text.nfkc().collect();
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before_ok = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
            let after_ok = i == chars.len() || !chars[i].is_ascii_alphanumeric() || chars[i] == '年';
            if i - start == 4 && before_ok && after_ok {
                let y: i32 = chars[start..i].iter().collect::<String>().parse().expect("digits");
                if (1949..=2100).contains(&y) {
                    years.push(y);
                }
            }
        } else {
            i += 1;
        }
    }
    years.dedup();
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// Takes the unit out of a unit line: `单位：件`, `（单位：万元）`, `计量单位:亿元`.
pub fn parse_unit_line(text: &str) -> Option<String> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches('(').trim_end_matches(')');
    let pos = t.find("单位")?;
    let rest = &t[pos + "单位".len()..];
    let rest = rest.strip_prefix(':')?;
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether a cell's text is an English unit line such as `(piece)` or
/// `(10 000 persons)`, printed beside the Chinese one.
pub fn is_english_unit(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('(') && t.ends_with(')') && t.is_ascii() && t.len() <= 40
}

/// Whether a row's first text starts a note under or above a table.
pub fn is_note(text: &str) -> bool {
    let t: String = text.nfkc().collect();
    let t = t.trim_start();
    ["注:", "注 ", "注1", "资料来源", "数据来源", "说明:", "Note", "Notes", "Source", "Sources"]
        .iter()
        .any(|p| t.starts_with(p))
        || (t.starts_with('注')
            && t.chars().count() > 1
            && t.chars().nth(1).is_some_and(|c| c == ':' || c == '：'))
        || t.starts_with(".. ")
        || t.starts_with("n.a. ")
        || (t.starts_with('(')
            && t.chars().nth(2) == Some(')')
            && t.chars().nth(1).is_some_and(|c| c.is_ascii_lowercase()))
}

/// Splits a unit in brackets off the end of a label: `每万人口专利授权量（件/万人）` →
/// (`每万人口专利授权量`, `件/万人`). A footnote mark such as `(e)` is not a unit.
pub fn split_label_unit(label: &str) -> (String, Option<String>) {
    let t = label.trim_end();
    let close = if t.ends_with(')') {
        ')'
    } else if t.ends_with('）') {
        '）'
    } else {
        return (label.to_string(), None);
    };
    let open = if close == ')' { '(' } else { '（' };
    let Some(pos) = t.rfind(open) else { return (label.to_string(), None) };
    let inner = &t[pos + open.len_utf8()..t.len() - close.len_utf8()];
    let is_mark = inner.chars().count() == 1 && inner.chars().all(|c| c.is_ascii_lowercase());
    if inner.is_empty() || inner.chars().count() > 8 || is_mark || pos == 0 {
        return (label.to_string(), None);
    }
    (t[..pos].trim_end().to_string(), Some(inner.to_string()))
}

/// Whether a column holds growth rates or changes rather than figures: `比上年增长`,
/// `比2021年 +、-%`, `增速`, `Growth_Rate`.
pub fn is_growth_column(label: &str) -> bool {
    let t: String = label.nfkc().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    t.starts_with('比')
        || t.contains("增长")
        || t.contains("增速")
        || t.contains("增减")
        || t.contains("+、-")
        || t.contains("同比")
        || t.contains('±')
        || t.contains("growth")
        // A column headed by the percentage sign alone, bracketed or not.
        || crate::catalog::unit::parse(&t).is_ok_and(crate::catalog::unit::Unit::is_percent)
}

/// A header part with brackets, `%` and white space taken off, for matching
/// the short words of sub-columns.
fn bare(part: &str) -> String {
    let t: String = part.nfkc().filter(|c| !c.is_whitespace()).collect();
    let (head, _) = split_label_unit(&t);
    head.trim_end_matches('%').trim_end_matches("(%)").to_string()
}

/// Whether a sub-column holds shares or ranks rather than figures: `占比`, `比重`,
/// `构成（%）`, `占全区比重`, `排名`, `位次`. An indicator whose name has 比重 in it
/// (`版权产业增加值占GDP比重`) is not one.
pub fn is_share_or_rank(part: &str) -> bool {
    let t = bare(part);
    ["占比", "比重", "构成", "所占比重", "排名", "位次", "名次", "排序", "结构"].contains(&t.as_str())
        || (t.starts_with('占') && (t.ends_with("比重") || t.ends_with('比')) && t.chars().count() <= 8)
}

/// Whether a sub-column under a period heading names the amount itself:
/// `数量（件）`, `绝对数`, `金额`, `件数`, `累计`, `数值`. Such a part names no
/// indicator or region; its bracket, if any, is the column's unit.
pub fn is_value_word(part: &str) -> bool {
    let t = bare(part);
    [
        "数量",
        "绝对数",
        "绝对值",
        "金额",
        "件数",
        "累计",
        "累计数",
        "数值",
        "数额",
        "总量",
        "总数",
        "实绩",
        "完成数",
    ]
    .contains(&t.as_str())
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The text of a header cell as a label part: Chinese lines kept, English lines
/// dropped when there is Chinese; white space folded.
pub fn header_part(cell: &Cell) -> Option<String> {
    let raw = match cell {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        Cell::Number(n) => format!("{n}"),
        _ => return None,
    };
    let lines: Vec<&str> = raw.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect();
    let chinese: Vec<&str> = lines.iter().copied().filter(|l| has_cjk(l)).collect();
    let kept = if chinese.is_empty() { lines.join(" ") } else { chinese.concat() };
    let folded = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// Whether a label part is English only (dropped beside Chinese parts).
pub fn is_english_only(part: &str) -> bool {
    !has_cjk(part) && part.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn years() {
        assert_eq!(parse_year(&Cell::Number(2021.0)), Some(2021));
        assert_eq!(parse_year(&t("2021年")), Some(2021));
        assert_eq!(parse_year(&t("2016.0")), Some(2016));
        assert_eq!(parse_year(&t("（2022年）")), Some(2022));
        for y in
            ["2024年末", "2024年底", "2024年度", "2024年（末）", "2024年(底)", " 2024 年末 ", "２０２４年末"]
        {
            assert_eq!(parse_year(&t(y)), Some(2024), "{y}");
        }
        for y in ["2024年1-6月", "2024年末数额", "+2024", "2024年年", "12024", "二〇二四年", "2024.5"]
        {
            assert_eq!(parse_year(&t(y)), None, "{y}");
        }
        assert_eq!(parse_year(&Cell::Number(2021.5)), None);
        assert_eq!(parse_year(&Cell::Number(12482.0)), None);
        assert_eq!(year_in_text("8-28  各地区商标注册申请与注册(2017年)"), Some(2017));
        assert_eq!(year_in_text("表18.6 各区房屋征收（拆迁）情况（2012）"), Some(2012));
        assert_eq!(year_in_text("A50 Patent applications by office and origin, 2014 "), Some(2014));
        assert_eq!(year_in_text("表2.5 各区户籍人口迁移（2016～2017）"), None);
        assert_eq!(year_in_text("tech-yearbook_part08-output_01-patent_01-accept_raw-2023.xls"), Some(2023));
        assert_eq!(year_in_text("揭阳市人口变动情况（2008-2022）.xlsx"), None);
        assert_eq!(year_in_text("A5012"), None);
    }

    #[test]
    fn unit_lines_and_label_units() {
        assert_eq!(parse_unit_line("单位：件").as_deref(), Some("件"));
        assert_eq!(parse_unit_line("（单位：万元）").as_deref(), Some("万元"));
        assert_eq!(parse_unit_line("计量单位: 亿元").as_deref(), Some("亿元"));
        assert_eq!(parse_unit_line("单位"), None);
        assert!(is_english_unit("(piece)"));
        assert_eq!(split_label_unit("农用柴油使用量(万吨)"), ("农用柴油使用量".into(), Some("万吨".into())));
        assert_eq!(
            split_label_unit("每万人口专利授权量（件/万人）"),
            ("每万人口专利授权量".into(), Some("件/万人".into()))
        );
        assert_eq!(split_label_unit("Angola  (e)"), ("Angola  (e)".into(), None));
        assert_eq!(split_label_unit("专利授权量"), ("专利授权量".into(), None));
    }

    #[test]
    fn growth_columns_notes_and_header_parts() {
        assert!(is_growth_column("比2021年+、-%"));
        assert!(is_growth_column("比上年增长（%）"));
        assert!(is_growth_column("Growth_Rate"));
        assert!(!is_growth_column("专利授权量"));
        assert!(is_growth_column("±%"));
        for share in ["占比", "比重（%）", "构成%", "占全区比重", "排名", "位次"] {
            assert!(is_share_or_rank(share), "{share}");
        }
        assert!(!is_share_or_rank("版权产业增加值占GDP比重"));
        for word in ["数量（件）", "绝对数", "金额(万元)", "件数", "累计"] {
            assert!(is_value_word(word), "{word}");
        }
        assert!(!is_value_word("专利授权量"));
        assert!(is_note("注：按授权公告日统计。"));
        assert!(is_note("资料来源：国家知识产权局"));
        assert!(is_note("Note: WIPO estimates cover 147 patent offices"));
        assert!(is_note("(a) Equivalent applications by origin data are incomplete"));
        assert!(!is_note("注册商标量"));
        assert_eq!(header_part(&t("专利申请数\nPatent\nApplications")).as_deref(), Some("专利申请数"));
        assert_eq!(header_part(&t("合计\nTotal")).as_deref(), Some("合计"));
        assert_eq!(header_part(&t("Total (a)")).as_deref(), Some("Total (a)"));
        assert_eq!(header_part(&Cell::Number(2016.0)).as_deref(), Some("2016"));
    }
}
