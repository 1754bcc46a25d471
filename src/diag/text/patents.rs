//! The Chinese text of the findings about patent lists ([`PatentFinding`]).

use super::shown;
use crate::diag::patents::PatentFinding as F;

/// What was found.
pub fn message(f: &F) -> String {
    match f {
        F::ListRead { rows, records, bad, duplicates, has, lacks } => {
            let lacks = if lacks.is_empty() {
                String::new()
            } else {
                format!("；没有的列：{}", lacks.join("、"))
            };
            format!(
                "按专利清单读取：数据行 {rows} 行，计入记录 {records} 条，剔除问题行 {bad} 行，重复的申请号 {duplicates} 行；读入的列：{}{lacks}",
                has.join("、")
            )
        }
        F::BadNumber { text } => format!("申请号“{}”不是有效的申请号，该行未计入", shown(text)),
        F::CheckDigit { text, expected } => {
            format!(
                "申请号“{}”的校验位与前面的数字不符（应为 {expected}），该行仍按此申请号计入",
                shown(text)
            )
        }
        F::BadDate { field, text } if text.is_empty() => format!("缺少{field}，该行未计入"),
        F::BadDate { field, text } => format!("{field}“{}”不是日期，该行未计入", shown(text)),
        F::BadKind { text } => format!("专利类型“{}”不是发明、实用新型或外观设计，该行未计入", shown(text)),
        F::GrantBeforeFiling { filed, granted } => {
            format!("授权公告日 {granted} 早于申请日 {filed}，该行未计入")
        }
        F::ConflictingDuplicate { number, other, fields } => format!(
            "申请号 {number} 与 {} 重复，两行的{}不一致；计入先读到的一行",
            super::place(other),
            fields.join("、")
        ),
        F::LapsedUndated { text } => {
            format!("法律状态为“{}”但没有失效日，该专利不计入任何一年的年末有效量", shown(text))
        }
        F::TypesInferred { count } => format!(
            "{count} 条记录没有可用的申请人类型，已按第一申请人名称推断（大学、学院→高等院校；研究院、研究所→科研机构；公司、有限、集团→企业；人名→个人；其他→机关团体）"
        ),
        F::Criteria { assessed, not } => {
            let not: Vec<String> = not.iter().map(|(c, why)| format!("{c}（{why}）")).collect();
            let not = if not.is_empty() { "无".to_string() } else { not.join("、") };
            format!(
                "高价值发明专利按国家知识产权局的五类情形认定。可以判断的：{}；无法判断的：{not}。高价值发明专利数只含可以判断的情形",
                assessed.join("、")
            )
        }
        F::Unmatched { address, count } => {
            format!("地址“{}”（{count} 条记录）未能对应到街道", shown(address))
        }
        F::NoStreetTable { records } => {
            format!("专利清单中有 {records} 条记录带有地址，但未设置街道对照表，无法分街道统计")
        }
        F::UnknownStreet { label } => format!("街道“{}”不是本区的街道，该行未采用", shown(label)),
        F::IncompleteRow => "该行缺少关键词或名称，未采用".into(),
        F::Compared(c) => {
            let crate::diag::patents::Comparison {
                indicator,
                year,
                official,
                list,
                difference,
                percent,
                beyond,
                bound,
            } = &**c;
            let over = if *beyond { format!("，超出 ±{bound}% 的核对范围") } else { String::new() };
            format!(
                "“{indicator}”{year}年：报表数 {official}，专利清单计数 {list}，差额 {difference}（{percent}%）{over}；年报采用报表数"
            )
        }
    }
}

/// What to do about it.
pub fn hint(f: &F) -> String {
    match f {
        F::ListRead { .. } | F::TypesInferred { .. } | F::Criteria { .. } => String::new(),
        F::BadNumber { .. } => "请填写12位（或2003年前的8位）申请号，可带“CN”、小数点和校验位，如 CN202310123456.6".into(),
        F::CheckDigit { .. } => "请与专利检索系统核对该申请号".into(),
        F::BadDate { .. } => "请填写日期，如 2023-05-18、2023/5/18 或 2023年5月18日".into(),
        F::BadKind { .. } => "请填写“发明”“实用新型”或“外观设计”".into(),
        F::GrantBeforeFiling { .. } => "请核对该行的申请日和授权公告日".into(),
        F::ConflictingDuplicate { .. } => "请核对两行，删除重复的一行或更正其中一行".into(),
        F::LapsedUndated { .. } => "请补充失效日（可在专利检索系统的法律状态中查到）".into(),
        F::Unmatched { .. } => "运行 yearbook streets 生成待补充的街道对照表，在“街道”列中填写所属街道（区外地址填“区外”），放回 yearbook.toml 中 [patents] streets 指定的位置".into(),
        F::NoStreetTable { .. } => "在 yearbook.toml 的 [patents] 中写 streets = \"街道对照表.xlsx\"，可先运行 yearbook streets 生成该表".into(),
        F::UnknownStreet { .. } => "请填写街道全称（如“梅园新村街道”）或简称，区外地址填“区外”".into(),
        F::IncompleteRow => "请补全该行或删除该行".into(),
        F::Compared(c) if c.beyond => "请核对专利清单是否完整（导出条件、日期范围、地址范围），或报表数是否有误".into(),
        F::Compared(_) => String::new(),
    }
}
