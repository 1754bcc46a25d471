//! The chapter made from patent lists (专利清单): the report year's applications,
//! grants and inventions in force by applicant type, by IPC section, the top ten
//! patentees by inventions in force and the figures by street, each with its
//! source and a note on how the records were counted. Persons are counted as
//! 个人 and never named. Receives the records' counts; hands on a [`Chapter`].

use super::tables::{Column, ColumnKind, Row, Table};
use super::{Chapter, Paragraph};
use crate::catalog::Catalog;
use crate::records::count::{Counts, Place, Tally};
use crate::records::ipc::SECTIONS;
use crate::records::{ApplicantType, Records};

/// The chapter, numbered `n`; `None` without lists or without the year in them.
pub fn chapter(
    catalog: &Catalog,
    records: &Records,
    counts: &Counts,
    year: i32,
    n: usize,
) -> Option<Chapter> {
    let y = counts.years.get(&year)?;
    if records.is_empty() {
        return None;
    }
    let number = crate::format::chinese_small(n as u32);
    let source = format!("资料来源：专利清单（{} 条记录，按申请号去重）。", records.patents.len());
    let count_note = "注：申请量按申请日、授权量按授权公告日所在年份统计；有效发明专利为年末仍有效的发明专利，维持10年以上为其中申请日在10年以前的。申请人类型、街道均按第一署名申请人统计，个人申请不列姓名。".to_string();
    let table = |i: usize, title: String, columns: Vec<Column>, rows: Vec<Row>, notes: Vec<String>| Table {
        number: format!("表{n}-{i}"),
        title,
        unit: Some("单位：件".into()),
        columns,
        rows,
        notes,
        source: Some(source.clone()),
    };
    let num = |v: u64| v.to_string();
    let mut tables = Vec::new();

    let cols = |stub: &str, heads: &[&str]| {
        let mut c = vec![Column::new(ColumnKind::Region, stub)];
        c.extend(heads.iter().map(|h| Column::new(ColumnKind::Value, *h)));
        c
    };
    let by_type_row = |label: &str, t: &Tally, indent: bool| {
        let cells = vec![
            label.to_string(),
            num(t.applications_total()),
            num(t.applications[0]),
            num(t.grants_total()),
            num(t.grants[0]),
            num(t.in_force),
            num(t.ten_years),
        ];
        Row::new(cells, indent)
    };
    let mut rows = vec![by_type_row("合计", &y.total, false)];
    for t in ApplicantType::ALL {
        rows.push(by_type_row(t.name(), &y.by_type.get(&t).copied().unwrap_or_default(), true));
    }
    let heads =
        ["专利申请量", "其中：发明", "专利授权量", "其中：发明", "有效发明专利", "其中：维持10年以上"];
    let inferred: usize = records.lists.iter().map(|l| l.inferred).sum();
    let mut notes = vec![count_note.clone()];
    if inferred > 0 {
        notes.push(format!("注：{inferred} 条记录的申请人类型按名称推断（大学、学院→高等院校；研究院、研究所→科研机构；公司、有限、集团→企业；人名→个人；其他→机关团体）。"));
    }
    tables.push(table(
        1,
        format!("{year}年按申请人类型分的专利申请、授权和有效发明专利"),
        cols("申请人类型", &heads),
        rows,
        notes,
    ));

    let sec_row = |label: String, t: &Tally, indent: bool| {
        Row::new(
            vec![label, num(t.applications[0]), num(t.grants[0]), num(t.in_force), num(t.high_value)],
            indent,
        )
    };
    let mut rows = vec![sec_row("合计".into(), &y.total, false)];
    for (s, name) in SECTIONS {
        rows.push(sec_row(format!("{s} {name}"), &y.by_section.get(&s).copied().unwrap_or_default(), true));
    }
    if let Some(t) = y.by_section.get(&'-') {
        rows.push(sec_row("未标分类号".into(), t, true));
    }
    let assessed: Vec<&str> = counts.criteria.iter().filter(|c| c.1.is_none()).map(|c| c.0).collect();
    let notes = vec![
        "注：技术领域按主分类号所属的国际专利分类（IPC）部统计。".into(),
        format!(
            "注：高价值发明专利按国家知识产权局的认定情形统计，本表只含清单能够判断的情形：{}。",
            assessed.join("、")
        ),
    ];
    let heads = ["发明专利申请量", "发明专利授权量", "有效发明专利", "其中：高价值"];
    tables.push(table(2, format!("{year}年按技术领域分的发明专利"), cols("IPC部", &heads), rows, notes));

    if !y.patentees.is_empty() {
        let columns = vec![
            Column::new(ColumnKind::Text, "位次"),
            Column::new(ColumnKind::Text, "专利权人"),
            Column::new(ColumnKind::Value, "有效发明专利"),
        ];
        let rows = y
            .patentees
            .iter()
            .enumerate()
            .map(|(i, (name, v))| Row::new(vec![(i + 1).to_string(), name.clone(), num(*v)], false))
            .collect();
        let notes = vec!["注：按第一专利权人统计年末有效发明专利，个人不参加排序。".into()];
        tables.push(table(3, format!("{year}年末有效发明专利拥有量前十位的专利权人"), columns, rows, notes));
    }

    if y.by_place.keys().any(|p| matches!(p, Place::Street(_))) {
        let st_row = |label: &str, t: &Tally, indent: bool| {
            Row::new(
                vec![
                    label.to_string(),
                    num(t.applications_total()),
                    num(t.grants_total()),
                    num(t.in_force),
                    num(t.ten_years),
                    num(t.high_value),
                ],
                indent,
            )
        };
        let mut rows = vec![st_row("合计", &y.total, false)];
        for s in catalog.streets() {
            rows.push(st_row(&s.name, &y.tally_of(&Place::Street(s.name.clone())), true));
        }
        for (p, label) in
            [(Place::Outside, "区外地址"), (Place::Unmatched, "地址未能对应街道"), (Place::Unknown, "无地址")]
        {
            if let Some(t) = y.by_place.get(&p) {
                rows.push(st_row(label, t, true));
            }
        }
        let notes = vec![
            "注：按第一申请人地址中的路名、楼宇等关键词对应街道（街道对照表），含多个关键词时取最长的一个。"
                .into(),
        ];
        let heads = ["专利申请量", "专利授权量", "有效发明专利", "其中：维持10年以上", "其中：高价值"];
        tables.push(table(
            tables.len() + 1,
            format!("{year}年分街道专利统计（专利清单）"),
            cols("街道", &heads),
            rows,
            notes,
        ));
    }

    let lead = format!(
        "本章根据专利清单逐条统计。{year}年清单中专利申请{}件、授权{}件，年末有效发明专利{}件，其中维持10年以上的{}件、高价值发明专利{}件。",
        y.total.applications_total(),
        y.total.grants_total(),
        y.total.in_force,
        y.total.ten_years,
        y.total.high_value
    );
    Some(Chapter {
        number,
        title: "专利清单统计".into(),
        paragraphs: vec![Paragraph { title: None, text: lead, name: Some("导语") }],
        tables,
        figures: Vec::new(),
    })
}
