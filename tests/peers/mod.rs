//! The district among its peers: a 各区 workbook for two indicators (with 全市,
//! 全省 and 全国 rows, and the 全市/全省/全国 万人发明专利拥有量) beside the
//! sample workbooks; the rank, the city's average and the higher levels in the
//! 综述, the chapter and the ranking table, by pdftotext.

use std::path::Path;

use super::{flat_text, opts, root, sample_config, write_book};

/// The 各区 workbook: 专利授权量 for all eleven districts, 有效发明专利拥有量
/// for six, and the higher levels.
pub fn write_peers(path: &Path) {
    let rows: Vec<Vec<&str>> = vec![
        vec!["2025年南京市各区知识产权主要指标"],
        vec!["地区", "专利授权量（件）", "有效发明专利拥有量（件）", "万人发明专利拥有量（件）"],
        vec!["玄武区", "8710", "18260", ""],
        vec!["秦淮区", "6120", "9800", ""],
        vec!["建邺区", "7350", "12300", ""],
        vec!["鼓楼区", "9980", "21500", ""],
        vec!["浦口区", "4210", "", ""],
        vec!["栖霞区", "8120", "15100", ""],
        vec!["雨花台区", "7040", "", ""],
        vec!["江宁区", "15230", "25600", ""],
        vec!["六合区", "2310", "", ""],
        vec!["溧水区", "1850", "", ""],
        vec!["高淳区", "1620", "", ""],
        vec!["全市", "72540", "120000", "110.5"],
        vec!["全省", "420000", "", "62.3"],
        vec!["全国", "4400000", "", "14.2"],
    ];
    write_book(path, "各区比较", &rows);
}

/// The sample data with the 各区 workbook, in a folder of its own.
pub fn data_with_peers(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for e in std::fs::read_dir(root().join("data")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, data.join(p.file_name().unwrap())).unwrap();
    }
    write_peers(&data.join("各区比较.xlsx"));
    data
}

#[test]
fn keep_peers_project() {
    if let Ok(dir) = std::env::var("YEARBOOK_PEERS_DIR") {
        data_with_peers(Path::new(&dir));
    }
}
