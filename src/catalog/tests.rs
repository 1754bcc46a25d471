//! Tests of the catalogue: the embedded one (its indicators, plans, names and
//! roles) and the mistakes a catalogue file can make, each at its line.

use super::*;

#[test]
fn builtin_has_all_22_main_indicators_in_plan_order() {
    let cat = Catalog::builtin();
    assert_eq!(cat.plans.len(), 1);
    let plan = &cat.plans[0];
    let names: Vec<&str> =
        plan.main_indicators().iter().map(|i| cat.get(&i.id).unwrap().name.as_str()).collect();
    assert_eq!(names.len(), 22);
    assert_eq!(names[0], "万人高价值发明专利数");
    assert_eq!(names[4], "万人一般作品和软件著作权登记量");
    assert_eq!(names[10], "省级“正版正货”示范街区");
    assert_eq!(names[21], "累计培训知识产权各类人员");
    let strict: Vec<&str> = plan
        .main_indicators()
        .iter()
        .filter(|i| i.cmp == Some(Cmp::Gt))
        .map(|i| cat.get(&i.id).unwrap().name.as_str())
        .collect();
    assert_eq!(
        strict,
        [
            "维持10年以上有效发明专利数",
            "万人一般作品和软件著作权登记量",
            "知识产权交易额累计",
            "万企拥有有效注册商标企业数"
        ]
    );
}

#[test]
fn builtin_has_every_base_series() {
    let cat = Catalog::builtin();
    for name in [
        "专利申请量",
        "发明专利申请量",
        "专利授权量",
        "发明专利授权量",
        "实用新型专利授权量",
        "外观设计专利授权量",
        "有效发明专利拥有量",
        "高价值发明专利拥有量",
        "PCT专利申请量",
        "商标注册申请量",
        "商标注册量",
        "有效注册商标量",
        "地理标志数",
        "作品著作权登记量",
        "软件著作权登记量",
        "集成电路布图设计登记量",
        "植物新品种权授权量",
        "知识产权质押融资额",
        "专利实施许可和转让合同备案数",
        "技术合同成交额",
        "知识产权交易额",
        "知识产权民事案件受理数",
        "知识产权民事案件结案数",
        "知识产权刑事案件受理数",
        "知识产权刑事案件结案数",
        "知识产权行政执法案件数",
        "拥有有效注册商标企业数",
        "贯标认证通过企业数",
        "市级以上知识产权优势示范企业数",
        "知识产权服务机构数",
        "知识产权代理机构从业人员数",
        "知识产权培训人次",
        "新增知识产权高层次人才数",
        "年末常住人口",
        "企业数",
    ] {
        let ind = cat.find(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(ind.name, name);
        assert!(ind.derive.is_none());
    }
    assert_eq!(cat.find("知识产权交易额").unwrap().id, "trade_value");
    assert_eq!(cat.get("trade_total").unwrap().name, "知识产权交易额累计");
}

#[test]
fn finds_names_after_normalising() {
    let cat = Catalog::builtin();
    assert_eq!(cat.find(" 其中：发明专利授权量（件）").unwrap().id, "invention_grants");
    assert_eq!(cat.find("有效发明专利拥有量(件)").unwrap().id, "invention_stock");
    assert_eq!(cat.find("专 利 授 权 量").unwrap().id, "patent_grants");
    assert_eq!(cat.find_region("梅园新村").unwrap().name, "梅园新村街道");
    assert_eq!(cat.find_region("合  计").unwrap().name, "玄武区");
    assert!(cat.find("专利奖").is_none());
    assert_eq!(cat.candidates("发明专利授权数")[0], "发明专利授权量");
}

#[test]
fn the_base_data_has_its_role() {
    let cat = Catalog::builtin();
    let base: Vec<&str> =
        cat.categories.iter().filter(|c| c.role == Role::Base).map(|c| c.key.as_str()).collect();
    assert_eq!(base, ["基础"]);
    assert_eq!(cat.role_of(cat.get("population").unwrap()), Role::Base);
    assert_eq!(cat.role_of(cat.get("patent_grants").unwrap()), Role::Ip);
    assert_eq!(cat.ip_categories().count(), cat.categories.len() - 1);
    let bad = DEFAULT_CATALOG.replace("role = \"base\"", "role = \"basis\"");
    let err = Catalog::parse(&bad, "x.toml").unwrap_err().to_string();
    assert!(err.contains("x.toml") && err.contains("basis"), "{err}");
}

#[test]
fn one_meaning_per_name() {
    // A plan total is a quantity of its own: no indicator shares a printed name
    // with another, and none is printed as another's name or alias.
    let cat = Catalog::builtin();
    for a in &cat.indicators {
        for b in cat.indicators.iter().filter(|b| b.id != a.id) {
            assert_ne!(a.name, b.name, "{} / {}", a.id, b.id);
            assert!(!b.aliases.contains(&a.name), "{} is an alias of {}", a.name, b.id);
        }
    }
}

#[test]
fn formula_must_reference_defined_indicators() {
    let text = DEFAULT_CATALOG.replace("of = \"pledge_financing\"", "of = \"pledge\"");
    // The line of the formula, counted here.
    let line = text.lines().position(|l| l.contains("of = \"pledge\"")).unwrap() + 1;
    let err = Catalog::parse_typed(&text, "x.toml").unwrap_err();
    assert_eq!(err.line, Some(line));
    assert_eq!(
        err.problem,
        Problem::FormulaUnknown {
            indicator: "知识产权质押融资额累计".into(), reference: "pledge".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("指标目录 x.toml 第{line}行：指标“知识产权质押融资额累计”的公式引用了未定义的指标“pledge”")
    );
    // A TOML mistake is placed at its line too.
    let broken = DEFAULT_CATALOG.replacen("unit = \"件\"", "unit = 件", 1);
    let line = broken.lines().position(|l| l.trim() == "unit = 件").unwrap() + 1;
    let err = Catalog::parse_typed(&broken, "x.toml").unwrap_err();
    assert_eq!(err.line, Some(line), "{err}");
    assert!(matches!(err.problem, Problem::Syntax { .. }));
    assert!(err.to_string().starts_with(&format!("指标目录 x.toml 第{line}行：有误：")), "{err}");
}

#[test]
fn target_label_marks_strict_targets() {
    let cat = Catalog::builtin();
    let f = |v: f64| format!("{v}");
    let main = |id: &str| cat.plans[0].indicator(id).unwrap().clone();
    assert_eq!(main("invention_10y").target_label(f).unwrap(), "＞2800");
    assert_eq!(main("invention_stock").target_label(f).unwrap(), "18000");
}
