//! The Chinese text of every kind that has its own wording here: message and
//! hint exactly as printed, and the kind's stable name.

use super::*;
use crate::diag::Level;

/// The message, the hint and the JSON name of a kind.
fn rendered(kind: Kind) -> (String, String, &'static str) {
    (message(&kind), hint(&kind), kind.id())
}

#[test]
fn text_workbook() {
    let kind = Kind::TextWorkbook { encoding: TextEncoding::Gb18030, delimiter: Delimiter::Comma };
    assert_eq!(
        rendered(kind),
        ("按文本表格读取（GB18030（GBK）编码，逗号分隔）".into(), "".into(), "text-workbook")
    );
    let other =
        Kind::TextWorkbook { encoding: TextEncoding::Other("windows-1252"), delimiter: Delimiter::Comma };
    assert_eq!(
        rendered(other),
        (
            "按文本表格读取（编码 windows-1252，逗号分隔）；该编码是按文件内容推测的，不是常用的 UTF-8 或 GB18030（GBK），文字可能被误读为乱码".into(),
            "如指标、地区等名称显示为乱码或未能识别，请用 Excel 或 WPS 打开原表，另存为“CSV UTF-8（逗号分隔）”或“Excel 工作簿（*.xlsx）”后放入数据目录".into(),
            "text-workbook"
        )
    );
    let big5 = Kind::TextWorkbook { encoding: TextEncoding::Other("Big5"), delimiter: Delimiter::Tab };
    assert!(message(&big5).starts_with("按文本表格读取（编码 Big5，制表符分隔）；"));
    let names: Vec<&str> =
        [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon, Delimiter::Bar].map(delimiter_name).to_vec();
    assert_eq!(names, ["逗号", "制表符", "分号", "竖线"]);
    let names: Vec<&str> = [TextEncoding::Utf8, TextEncoding::Utf16].map(encoding_name).to_vec();
    assert_eq!(names, ["UTF-8", "UTF-16"]);
}

#[test]
fn sheet_over_limit() {
    let hint = "请删除远离表格的内容或不必要的合并单元格，或把表格复制到新工作表";
    for (limit, text) in [
        (
            SheetLimit::OutOfRange { cell: "XFE1".into() },
            "单元格位置 XFE1 超出工作表范围（最多 1048576 行、16384 列），文件可能已损坏".to_string(),
        ),
        // A reference of ten million digits, as written, shortened.
        (
            SheetLimit::OutOfRange { cell: format!("A{}", "9".repeat(10_000_000)) },
            format!(
                "单元格位置 A{}…（省略 9999911 个字符）…{} 超出工作表范围（最多 1048576 行、16384 列），文件可能已损坏",
                "9".repeat(59),
                "9".repeat(30)
            ),
        ),
        (
            SheetLimit::TooManyCells { max: 2_000_000 },
            "工作表中有内容的单元格超过 200 万个，超出本工具的处理上限".to_string(),
        ),
        (
            SheetLimit::TooManyMergedCells { max: 2_000_000 },
            "工作表中合并单元格覆盖的范围超过 200 万个单元格，超出本工具的处理上限".to_string(),
        ),
    ] {
        assert_eq!(sheet_limit(&limit), text);
        assert_eq!(rendered(Kind::SheetOverLimit { limit }), (text, hint.into(), "sheet-over-limit"));
    }
    assert_eq!(
        rendered(Kind::SheetOverLimit { limit: SheetLimit::TextTooLong { cell: "C10".into(), max: 32_767 } }),
        (
            "单元格 C10 中的文字超过 32767 个字符（Excel 单元格的上限），超出本工具的处理上限".into(),
            "请删除或缩短该单元格中的文字，或把表格复制到新工作表".into(),
            "sheet-over-limit"
        )
    );
}

#[test]
fn workbook_unreadable() {
    let resave = "请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录";
    let password = "请用 Excel 输入密码打开后，取消密码（文件—信息—保护工作簿），另存为 .xlsx 后放入数据目录";
    for (reason, text, hint) in [
        (WorkbookError::Unknown, "不是 Excel 或 WPS 工作簿（文件内容无法识别），可能已损坏", resave),
        (
            WorkbookError::NotText,
            "不是可读取的文本表格（含有二进制内容，或编码无法识别）",
            "请用 Excel 或 WPS 打开原表，另存为“CSV UTF-8（逗号分隔）”或“Excel 工作簿（*.xlsx）”后放入数据目录",
        ),
        (
            WorkbookError::HtmlWithoutTable("网页中没有 <table> 表格".into()),
            "该文件实为网页（HTML），不是 Excel 工作簿，且其中没有可读取的表格（网页中没有 <table> 表格）",
            resave,
        ),
        (WorkbookError::Password, "该文件设有打开密码，无法读取", password),
        (
            WorkbookError::Xor,
            "该文件使用 XOR 混淆加密（早期 Excel 的“保护工作簿”密码），本工具无法解密",
            "请用 Excel 或 WPS 输入密码打开，取消保护后另存为“Excel 工作簿（*.xlsx）”，再放入数据目录",
        ),
        (
            WorkbookError::Encryption("类型 2".into()),
            "该文件已加密，加密方式（类型 2）本工具无法解密",
            password,
        ),
        (
            WorkbookError::TooManyCells { cells: 12_345_678, max: 6_000_000 },
            "文件中表格的范围过大（约 1234 万个单元格，上限 600 万个），可能含有远离表格的零星内容",
            "请删除远离表格的单元格内容（Ctrl+End 可定位到最后一个单元格），或把表格复制到新工作簿后另存为 .xlsx",
        ),
        (
            WorkbookError::Unzipped { bytes: 3 << 30, max: 1 << 30 },
            "文件解压后达 3072 MB，超过 1024 MB 的上限，可能不是正常的工作簿",
            "请确认文件来源；如确为数据文件，请拆分为几个较小的工作簿",
        ),
        (
            WorkbookError::Inconsistent,
            "文件内部结构异常（记录长度不符或工作表数据相互重叠），可能已损坏",
            resave,
        ),
        (
            WorkbookError::NoWorkbookStream,
            "该文件是 Office 旧格式的复合文档，但其中没有 Excel 工作簿数据，可能是改了扩展名的其他文档（如 Word 文档），或已损坏",
            "如确为 Excel 表格，请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录；如不是，请把它移出数据目录",
        ),
        (
            WorkbookError::EncryptionDamaged("工作簿中有多个 FILEPASS 记录".into()),
            "该文件已加密，但其中的加密信息已损坏（工作簿中有多个 FILEPASS 记录），无法解密",
            "请用 Excel 或 WPS 打开该文件，另存为“Excel 工作簿（*.xlsx）”后放入数据目录；如无法打开，请向报送单位重新索取该文件",
        ),
        (
            WorkbookError::ReaderCrashed(String::new()),
            "读取程序库处理该文件时意外中止，文件可能已损坏或格式异常",
            resave,
        ),
        (
            WorkbookError::ReaderCrashed("attempt to subtract with overflow".into()),
            "读取程序库处理该文件时意外中止，文件可能已损坏或格式异常（原始信息：attempt to subtract with overflow）",
            resave,
        ),
        (
            WorkbookError::Corrupt("invalid Zip archive".into()),
            "文件已损坏或格式不受支持，无法打开（原始信息：invalid Zip archive）",
            resave,
        ),
    ] {
        let kind = Kind::WorkbookUnreadable { reason };
        assert_eq!(rendered(kind), (text.into(), hint.into(), "workbook-unreadable"));
    }
}

#[test]
fn text_too_large() {
    let split = |within: &str| {
        format!("请把该文件拆分为几个较小的文件（如按年份或指标分开），每个文件{within}，再放入数据目录")
    };
    for (reason, text, hint) in [
        (
            WorkbookError::TextTooLarge {
                rows: 1000,
                cols: 2001,
                limit: TextLimit::Cells { max: 2_000_000 },
            },
            "文本文件共 1000 行 × 2001 列，有内容的单元格超过 200 万个，超出本工具每个工作表的处理上限",
            split("有内容的单元格不超过 200 万个"),
        ),
        (
            WorkbookError::TextTooLarge {
                rows: 1_048_577,
                cols: 1,
                limit: TextLimit::Rows { max: 1_048_576 },
            },
            "文本文件共 1048577 行 × 1 列，行数超过 1048576 行，超出本工具每个工作表的处理上限",
            split("不超过 1048576 行"),
        ),
        // Counts as large as they come print as they are, never wrapped or scaled.
        (
            WorkbookError::TextTooLarge {
                rows: u64::MAX,
                cols: 3,
                limit: TextLimit::Rows { max: 1_048_576 },
            },
            "文本文件共 18446744073709551615 行 × 3 列，行数超过 1048576 行，超出本工具每个工作表的处理上限",
            split("不超过 1048576 行"),
        ),
    ] {
        let kind = Kind::WorkbookUnreadable { reason };
        assert_eq!(rendered(kind), (text.into(), hint, "workbook-unreadable"));
    }
}

#[test]
fn text_line_over_limit() {
    let check = "该行可能缺少换行，或有未配对的引号（引号之间的换行和分隔符都算作同一格的内容）；请用文本编辑器检查该行，修正后再放入数据目录";
    for (line, limit, text, hint) in [
        (
            2,
            LineLimit::Fields { max: 16_384 },
            "文本文件第 2 行超过 16384 列（Excel 工作表最多 16384 列，即 A 列到 XFD 列），超出本工具的处理上限",
            "请检查该行是否有多余的分隔符（逗号、制表符、分号或竖线），或把该文件按列拆分为几个文件，每行不超过 16384 列",
        ),
        (
            1,
            LineLimit::Chars { max: 1_048_576 },
            "文本文件第 1 行超过 1048576 个字符，超出本工具每行的处理上限",
            check,
        ),
        (
            7,
            LineLimit::FieldChars { col: 27, max: 32_767 },
            "文本文件第 7 行 AB 列（第 28 个字段）的内容超过 32767 个字符（Excel 单元格的上限）",
            check,
        ),
    ] {
        let kind = Kind::WorkbookUnreadable { reason: WorkbookError::TextLineOverLimit { line, limit } };
        assert_eq!(rendered(kind), (text.into(), hint.into(), "workbook-unreadable"));
    }
}

#[test]
fn only_a_library_s_words_are_labelled_as_original() {
    // Our own reasons, with Chinese details of ours, carry no “原始信息” label.
    for reason in [
        WorkbookError::HtmlWithoutTable("网页中没有 <table> 表格".into()),
        WorkbookError::Encryption("RC4 加密版本 1.2".into()),
        WorkbookError::EncryptionDamaged("FILEPASS 记录中的盐值超出记录".into()),
        WorkbookError::NoWorkbookStream,
        WorkbookError::ReaderCrashed(String::new()),
        WorkbookError::TextTooLarge { rows: 9, cols: 9, limit: TextLimit::Cells { max: 2_000_000 } },
    ] {
        let text = message(&Kind::WorkbookUnreadable { reason });
        assert!(!text.contains("原始信息"), "{text}");
    }
}

#[test]
fn revision() {
    let kind = Kind::Revision {
        indicator: "商标注册量".into(),
        region: "玄武区".into(),
        year: 2024,
        new: "6712".into(),
        old: "6650".into(),
        unit: "件".into(),
        difference: "+62".into(),
        previous_file: "上年.pdf".into(),
    };
    assert_eq!(
        rendered(kind),
        (
            "“商标注册量”玄武区2024年为 6712件，上年年报（上年.pdf）为 6650件，差额 +62；年报将在附录“数据修订说明”中列为修订".into(),
            "如非修订，请核对该单元格".into(),
            "revision"
        )
    );
}

#[test]
fn conflicting_figures() {
    let kind = Kind::ConflictingFigures {
        indicator: "知识产权质押融资额".into(),
        region: "玄武区".into(),
        year: 2025,
        value: "1.4236".into(),
        first: "运用.xlsx，工作表“运用”，单元格 D12".into(),
        first_value: "1.4235".into(),
        unit: "亿元".into(),
    };
    assert_eq!(
        rendered(kind),
        (
            "“知识产权质押融资额”玄武区2025年的数值 1.4236亿元 与 运用.xlsx，工作表“运用”，单元格 D12 中的数值 1.4235亿元 不一致".into(),
            "请核对两处数据，删除或更正其中一处".into(),
            "conflicting-figures"
        )
    );
}

#[test]
fn stock_fell() {
    let kind = Kind::StockFell {
        indicator: "有效发明专利拥有量".into(),
        year: 2023,
        value: "15000".into(),
        previous_year: 2022,
        previous_value: "15420".into(),
        previous_place: Place::cell("t.xlsx", "s", 0, 1),
    };
    assert_eq!(
        rendered(kind),
        (
            "期末数“有效发明专利拥有量”2023年为 15000，低于2022年的 15420".into(),
            "请核对；2022年数据位于 t.xlsx，工作表“s”，单元格 B1".into(),
            "stock-fell"
        )
    );
}

#[test]
fn implausible_change() {
    let change = |direction| Kind::ImplausibleChange {
        indicator: "知识产权行政执法案件数".into(),
        year: 2025,
        value: "120".into(),
        direction,
        percent: "110.5".into(),
        bound: "50".into(),
        previous_year: 2024,
        previous_place: Place::rule("甲÷乙"),
    };
    assert_eq!(
        rendered(change(Direction::Rise)),
        (
            "“知识产权行政执法案件数”2025年为 120，比上年增长110.5%，超出±50%的核查范围".into(),
            "请核对；2024年数据位于 按“甲÷乙”计算".into(),
            "implausible-change"
        )
    );
    assert_eq!(
        message(&change(Direction::Fall)),
        "“知识产权行政执法案件数”2025年为 120，比上年下降110.5%，超出±50%的核查范围"
    );
}

#[test]
fn given_not_computable() {
    let kind = Kind::GivenNotComputable {
        indicator: "万人发明专利拥有量".into(),
        region: "玄武区".into(),
        year: 2025,
        value: "340.8".into(),
    };
    assert_eq!(
        rendered(kind),
        (
            "工作簿给出了玄武区2025年的“万人发明专利拥有量”340.8，但缺少计算所需的数据，报告未采用该数值"
                .into(),
            "请补充计算该指标所需的数据（见附录“指标解释”）".into(),
            "given-not-computable"
        )
    );
}

#[test]
fn given_disagrees() {
    let kind = Kind::GivenDisagrees {
        indicator: "万人发明专利拥有量".into(),
        region: "玄武区".into(),
        year: 2024,
        given: "330.0".into(),
        rule: "有效发明专利拥有量÷年末常住人口".into(),
        computed: "322.3".into(),
        inputs: vec![Place::cell("t.xlsx", "s", 1, 1), Place::cell("t.xlsx", "s", 2, 1)],
    };
    assert_eq!(
        rendered(kind),
        (
            "“万人发明专利拥有量”玄武区2024年，工作簿给出 330.0，按“有效发明专利拥有量÷年末常住人口”计算为 322.3，两者不一致，报告采用计算值".into(),
            "请核对该数值及其计算所用的数据（t.xlsx，工作表“s”，单元格 B2；t.xlsx，工作表“s”，单元格 B3）".into(),
            "given-disagrees"
        )
    );
    // Without a known input cell (inputs that are themselves computed), no empty （）.
    let kind = Kind::GivenDisagrees {
        indicator: "商标品牌指导站每万户企业数".into(),
        region: "玄武区".into(),
        year: 2024,
        given: "12.0".into(),
        rule: "甲÷乙".into(),
        computed: "11.5".into(),
        inputs: Vec::new(),
    };
    assert_eq!(hint(&kind), "请核对该数值及其计算所用的数据");
}

#[test]
fn baseline_disagrees() {
    let kind = Kind::BaselineDisagrees {
        indicator: "有效发明专利拥有量".into(),
        year: 2020,
        data: "12000".into(),
        plan: "十四五".into(),
        baseline: "12482".into(),
    };
    assert_eq!(
        rendered(kind),
        (
            "“有效发明专利拥有量”2020年数据为 12000，与指标目录中“十四五”规划的基数 12482 不一致，报告采用数据值".into(),
            "请核对该数据，或指标目录中“十四五”规划的基数".into(),
            "baseline-disagrees"
        )
    );
}

#[test]
fn foreign_table() {
    let labels = ["北京", "天津", "河北", "山西", "内蒙古"].map(String::from).to_vec();
    let kind = Kind::ForeignTable { range: "A3:C16".into(), count: 13, labels: labels.clone() };
    assert_eq!(
        rendered(kind),
        (
            "表格 A3:C16 的 13 个名称（“北京”“天津”“河北”“山西”“内蒙古”等）都不是指标目录中的指标或地区，该表未读入：该表似乎不是知识产权统计表".into(),
            "如不是本区知识产权数据，请把该表移出数据目录；如是，请把名称改为指标目录中的指标和地区名称（见报告附录“指标解释”），或在指标目录中添加别名".into(),
            "foreign-table"
        )
    );
    let all = Kind::ForeignTable { range: "A1:B5".into(), count: 5, labels };
    assert!(message(&all).starts_with("表格 A1:B5 的 5 个名称（“北京”“天津”“河北”“山西”“内蒙古”）都不是"));
}

#[test]
fn table_without_indicator() {
    let kind = Kind::TableWithoutIndicator { range: "A2:D9".into(), shape: TableShape::RegionsByYears };
    assert_eq!(
        rendered(kind),
        (
            "表格 A2:D9 是地区×年份表，但标题、单位行、工作表名和文件名中都没有指标目录中的指标名称，该表未读入".into(),
            "请在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”），或用指标名称命名工作表".into(),
            "table-without-indicator"
        )
    );
    let kind = Kind::TableWithoutIndicator { range: "A2:D9".into(), shape: TableShape::YearsByRegions };
    assert!(message(&kind).starts_with("表格 A2:D9 是年份×地区表，"));
}

#[test]
fn table_year_unknown() {
    let along = |axis, years_from, labels: &[&str], dated| Kind::TableYearUnknown {
        title: "各街道情况".into(),
        range: "A2:H9".into(),
        years_from,
        count: 7,
        cells: ["C3", "C4", "C5", "C6", "C7"].map(String::from).to_vec(),
        labels: labels.iter().map(|c| c.to_string()).collect(),
        axis,
        dated,
    };
    let kind = |years_from, labels: &[&str], dated| along(Axis::Column, years_from, labels, dated);
    assert_eq!(
        rendered(kind(YearsFrom::Headings, &["排名"], 7)),
        (
            "表格“各街道情况”（A2:H9）中，列“排名”的 7 个数值（C3、C4、C5、C6、C7等）无法确定年份：其行、列标题和表格标题、工作表名、文件名中都没有年份，这些数值未读入；其余 7 个数值的年份已由行、列标题确定".into(),
            "如需读入这些数值，请在表头写明年份（如“2025年”），或在标题中注明“（2025年）”，或把工作表命名为年份".into(),
            "table-year-unknown"
        )
    );
    let columns = ["a", "b", "c", "d", "e", "f"];
    assert!(message(&kind(YearsFrom::Headings, &columns, 1)).contains("中，列“a”“b”“c”“d”“e”等的 7 个数值"));
    assert!(message(&kind(YearsFrom::Headings, &[], 1)).contains("中，有 7 个数值（C3、"));
    let total = along(Axis::Row, YearsFrom::Headings, &["合计"], 14);
    assert!(message(&total).contains("中，行“合计”的 7 个数值（C3、"));
    assert_eq!(
        rendered(kind(YearsFrom::YearColumn, &[], 0)),
        (
            "表格“各街道情况”（A2:H9）的年份无法确定：年份列为空，表格标题、工作表名和文件名中也没有年份，该表 7 个数值未读入".into(),
            "请在年份列填写年份（如“2025”），或在标题中注明“（2025年）”，或把工作表命名为年份".into(),
            "table-year-unknown"
        )
    );
}

#[test]
fn unknown_indicator_says_row_or_column() {
    let kind = |axis| Kind::UnknownIndicator { label: "排名".into(), candidates: Vec::new(), axis };
    assert_eq!(message(&kind(Axis::Row)), "无法识别指标“排名”，该行数据未读入");
    assert_eq!(message(&kind(Axis::Column)), "无法识别指标“排名”，该列数据未读入");
}

#[test]
fn columns_without_indicator() {
    let kind =
        Kind::ColumnsWithoutIndicator { range: "A2:D9".into(), columns: vec![("B".into(), Some(2025))] };
    assert_eq!(
        rendered(kind),
        (
            "表格 A2:D9 中 B 列（2025年）的表头没有指标名称，标题、单位行、工作表名和文件名中也都没有指标目录中的指标名称，该列的数值未读入".into(),
            "请在该列的表头写明指标名称，或在表格上方的标题中写明指标名称（如“各街道（园区）有效发明专利拥有量”）".into(),
            "columns-without-indicator"
        )
    );
    let two = Kind::ColumnsWithoutIndicator {
        range: "A2:D9".into(),
        columns: vec![("B".into(), Some(2024)), ("C".into(), None)],
    };
    assert_eq!(
        message(&two),
        "表格 A2:D9 中 B 列（2024年）、C 列的表头没有指标名称，标题、单位行、工作表名和文件名中也都没有指标目录中的指标名称，这些列的数值未读入"
    );
    assert!(hint(&two).starts_with("请在这些列的表头写明指标名称，"));
}

#[test]
fn repeated_figures() {
    let repeated = |count| Kind::RepeatedFigures {
        count,
        earlier: Place::sheet("a.xlsx", "s"),
        cell: "B9".into(),
        earlier_cell: "B2".into(),
    };
    assert_eq!(
        rendered(repeated(1)),
        (
            "有 1 个数值与 a.xlsx，工作表“s” 中的相同（B9 与 B2）；以先读入的 a.xlsx，工作表“s” 为来源"
                .into(),
            "".into(),
            "repeated-figures"
        )
    );
    assert_eq!(
        message(&repeated(12)),
        "有 12 个数值与 a.xlsx，工作表“s” 中的相同，如 B9 与 B2；以先读入的 a.xlsx，工作表“s” 为来源"
    );
}

#[test]
fn every_renderer_uses_the_same_text() {
    let d = Diagnostic::new(
        Level::Warning,
        Place::sheet("a.xlsx", "s"),
        Kind::TableWithoutIndicator { range: "A2:D9".into(), shape: TableShape::YearsByRegions },
    );
    let json = Json::from(&d);
    assert_eq!((json.kind, json.severity), ("table-without-indicator", "warning"));
    assert_eq!(line(&d), format!("警告：a.xlsx，工作表“s”：{}。{}", json.message, json.hint));
}
