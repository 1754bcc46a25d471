//! Edited paragraphs (文字修改.toml): an edit that survives rebuilds and is
//! printed, a stale edit after a data change and its confirmation, typed figures
//! checked against the data with their exact wording, `check --strict-text`, and
//! the generated paragraphs passing their own figure check.

use std::path::Path;

use yearbook::config::Config;
use yearbook::diag::Place;
use yearbook::options::{Env, Options};
use yearbook::pipeline;
use yearbook::text::edits::{self, Change};
use yearbook::text::{facts::Facts, figures};

use super::{flat_text, root, sample_config, yearbook};

/// A project in `dir` (its settings file there, so the edits file is beside it)
/// reading `data`.
fn project(dir: &Path, data: &Path) -> Options {
    let config = Config {
        data_dir: data.to_path_buf(),
        output_dir: dir.join("output"),
        date: Some("2026-03".into()),
        ..Config::default()
    };
    Options::resolve(config, dir.join("yearbook.toml"), &Env::fixed((2026, 3, 1))).unwrap()
}

fn prepared(opts: &Options) -> pipeline::Prepared {
    pipeline::prepare(opts, &mut |_| {}).expect("the data prepares")
}

/// The sample's figures as one long table (指标, 地区, 年份, 数值, 单位), in which a
/// figure can be changed; 专利授权量 of 2025 given as `patents`.
fn write_long_table(data: &Path, patents: &str) {
    let o = super::opts(sample_config(data));
    let read = pipeline::read_data(&o).unwrap();
    let mut csv = String::from("指标,地区,年份,数值,单位\n");
    for r in yearbook::export::rows(&read.catalog, &read.dataset) {
        let v = if r.indicator == "专利授权量" && r.region == "玄武区" && r.year == 2025 {
            patents
        } else {
            &r.value
        };
        csv.push_str(&format!("{},{},{},{},{}\n", r.indicator, r.region, r.year, v, r.unit));
    }
    std::fs::create_dir_all(data).unwrap();
    std::fs::write(data.join("全部.csv"), csv).unwrap();
}

#[test]
fn generated_paragraphs_pass_their_own_figure_check() {
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(&project(dir.path(), &root().join("data")));
    let facts = Facts::of(&p.read.catalog, &p.analysis);
    let place = Place::file("文字修改.toml");
    let mut found = Vec::new();
    // 附录二 states what the checks covered (指标 counted in 项, the change bound).
    for para in p.texts.paragraphs.iter().filter(|p| !p.key.starts_with("数据质量说明")) {
        for d in figures::check_with(&place, &para.key, &para.generated, &facts) {
            found.push(d.message());
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(p.texts.paragraphs.len() > 30, "{:?}", p.texts.paragraphs.len());
}

#[test]
fn keys_are_readable_and_unique() {
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(&project(dir.path(), &root().join("data")));
    let keys: Vec<&str> = p.texts.paragraphs.iter().map(|p| p.key.as_str()).collect();
    for k in [
        "编制说明.范围",
        "编制说明.数据来源",
        "综述.总体情况",
        "综述.主要数据",
        "综述.主要特点",
        "主要指标完成情况.导语",
        "主要指标完成情况.表2-1.注",
        "知识产权创造.导语",
        "知识产权创造.表3-1.注",
        "分街道（园区）统计.导语",
        "数据质量说明.分项与总数",
    ] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    let unique: std::collections::BTreeSet<&&str> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len());
}

#[test]
fn an_edit_is_printed_and_its_mistyped_figures_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let opts = project(dir.path(), &root().join("data"));
    let generated = prepared(&opts).texts.get("综述.主要特点").unwrap().generated.clone();
    let path = edits::path_for(&opts.config_path);
    let text = "一是专利授权量8720件，增长4.5%，发明专利授权量4720件；二是举办知识产权宣传活动{52}场。";
    edits::change(&path, "综述.主要特点", &Change::Set { replaced: generated, text: text.into() }).unwrap();
    let mut log = Vec::new();
    let built = pipeline::build(&opts, &mut |l| log.push(l)).unwrap();
    let figures: Vec<&String> = log.iter().filter(|l| l.contains("中的“")).collect();
    assert_eq!(
        figures,
        [
            "警告：文字修改.toml：综述.主要特点 中的“8720件”：专利授权量为8710件。请核对这个数字；如它来自数据以外，请用花括号标出（如“举办培训{52}场”），便不再核对",
            "警告：文字修改.toml：综述.主要特点 中的“增长4.5%”：专利授权量比上年增长4.4%。请核对这个数字；如它来自数据以外，请用花括号标出（如“举办培训{52}场”），便不再核对",
        ]
    );
    let pdf = flat_text(&built.path);
    assert!(
        pdf.contains(
            "主要特点。一是专利授权量8720件，增长4.5%，发明专利授权量4720件；二是举办知识产权宣传活动52场。"
        ),
        "{pdf}"
    );
    assert!(!pdf.contains("{52}"));
    // The edit stays through the next build: nothing stale, printed again.
    let again = pipeline::build(&opts, &mut |_| {}).unwrap();
    assert!(flat_text(&again.path).contains("举办知识产权宣传活动52场"));
    let p = prepared(&opts);
    let para = p.texts.get("综述.主要特点").unwrap();
    assert!(!para.stale && para.edited.as_deref() == Some(text));
}

#[test]
fn a_data_change_flags_the_edit_until_it_is_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    write_long_table(&data, "8710");
    let opts = project(dir.path(), &data);
    let generated = prepared(&opts).texts.get("综述.主要数据").unwrap().generated.clone();
    assert!(generated.contains("全年专利授权量8710件，增长4.4%"), "{generated}");
    let path = edits::path_for(&opts.config_path);
    let edit = Change::Set {
        replaced: generated.clone(), text: "全年专利授权量8710件，增长4.4%。".into()
    };
    edits::change(&path, "综述.主要数据", &edit).unwrap();
    assert!(prepared(&opts).texts.diagnostics.is_empty());

    write_long_table(&data, "8730");
    let p = prepared(&opts);
    let para = p.texts.get("综述.主要数据").unwrap();
    assert!(para.stale);
    assert_eq!(para.replaced.as_deref(), Some(generated.as_str()));
    assert!(para.generated.contains("全年专利授权量8730件，增长4.7%"));
    let lines: Vec<String> = p.texts.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [
            "警告：文字修改.toml：段落“综述.主要数据”的生成文字已随数据改变（“8710”变为“8730”；“4.4%”变为“4.7%”），年报仍印修改后的文字，请核对修改稿。修改稿无误时运行 yearbook text confirm 综述.主要数据（或在编制台点“确认”），否则重新修改这一段",
            "警告：文字修改.toml：综述.主要数据 中的“8710件”：专利授权量为8730件。请核对这个数字；如它来自数据以外，请用花括号标出（如“举办培训{52}场”），便不再核对",
            "警告：文字修改.toml：综述.主要数据 中的“增长4.4%”：专利授权量比上年增长4.7%。请核对这个数字；如它来自数据以外，请用花括号标出（如“举办培训{52}场”），便不再核对",
        ]
    );
    // check names it; --strict-text makes it an error.
    std::fs::write(dir.path().join("yearbook.toml"), "data-dir = \"data\"\ndate = \"2026-03\"\n").unwrap();
    let (code, out, _) = yearbook(&["check"], dir.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("    原生成文字：从主要数据看，全年专利授权量8710件，增长4.4%；"), "{out}");
    assert!(out.contains("    现生成文字：从主要数据看，全年专利授权量8730件，增长4.7%；"), "{out}");
    assert!(out.contains("    修改稿：全年专利授权量8710件，增长4.4%。"), "{out}");
    let (code, out, _) = yearbook(&["check", "--strict-text"], dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("修改稿中有 3 处错误（--strict-text）"), "{out}");

    // Confirmed, it is stale no more (its figures, no longer the data's, still are named).
    let (code, out, err) = yearbook(&["text", "confirm", "综述.主要数据"], dir.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("已确认段落“综述.主要数据”的修改稿"), "{out}");
    let p = prepared(&opts);
    assert!(!p.texts.get("综述.主要数据").unwrap().stale);
    assert_eq!(p.texts.diagnostics.len(), 2);
    let (code, out, _) = yearbook(&["text", "list", "综述.主要数据"], dir.path());
    assert_eq!(code, 0);
    assert!(
        out.starts_with("综述.主要数据（已修改）\n  生成文字：从主要数据看，全年专利授权量8730件"),
        "{out}"
    );
}

#[test]
fn edits_of_no_paragraph_and_broken_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let opts = project(dir.path(), &root().join("data"));
    let path = edits::path_for(&opts.config_path);
    std::fs::write(&path, "[[edit]]\nkey = \"综述.没有这段\"\ntext = \"甲。\"\n").unwrap();
    let lines: Vec<String> = prepared(&opts).texts.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [
            "警告：文字修改.toml：修改的段落“综述.没有这段”在本年报中没有，这条修改未采用。请运行 yearbook text list 查看段落名称，改正 key，或删去这条修改"
        ]
    );
    std::fs::write(&path, "[[edit]]\nkey = \"综述.主要数据\"\n").unwrap();
    let e = pipeline::prepare(&opts, &mut |_| {}).err().expect("a broken edits file stops the build");
    assert!(format!("{e}").contains("文字修改.toml 第1行格式有误（原始信息：missing field `text`"), "{e}");
}
