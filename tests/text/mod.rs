//! Edited paragraphs (文字修改.toml): keys, an edit that survives rebuilds and is
//! printed, a stale edit after a data change, typed figures checked against the
//! data, and the generated paragraphs passing their own figure check.

use yearbook::diag::Place;
use yearbook::pipeline;
use yearbook::text::{facts::Facts, figures};

use super::{opts, root, sample_config};

fn prepared() -> pipeline::Prepared {
    let out = tempfile::tempdir().unwrap();
    let o = opts(sample_config(out.path()));
    pipeline::prepare(&o, &mut |_| {}).expect("the sample prepares")
}

#[test]
fn generated_paragraphs_pass_their_own_figure_check() {
    let p = prepared();
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
    let _ = root();
}
