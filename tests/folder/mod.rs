//! The data folder as the command line sees it: every entry is read or named
//! (a FIFO, a looping link, a folder named as a workbook, a link to a file
//! outside the folder: where it points), and `yearbook.toml` is held to the same
//! rules as the desk's settings form.

use super::{root, yearbook};

/// A project with the sample workbooks and the given settings file.
fn project(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for e in std::fs::read_dir(root().join("data")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, data.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("yearbook.toml"), settings).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn check_names_every_entry_not_read_and_where_a_link_points() {
    use std::os::unix::fs::symlink;
    let dir = project("date = \"2026-03\"\n");
    let data = dir.path().join("data");
    assert!(std::process::Command::new("mkfifo").arg(data.join("管道.xlsx")).status().unwrap().success());
    symlink("环.xlsx", data.join("环.xlsx")).unwrap();
    std::fs::create_dir(data.join("x.xlsx")).unwrap();
    let outside = dir.path().join("别处");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("passwd"), "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    symlink(outside.join("passwd"), data.join("外.csv")).unwrap();
    let target = std::fs::canonicalize(outside.join("passwd")).unwrap();

    let (code, stdout, stderr) = yearbook(&["check"], dir.path());
    // Warnings: the build would go on, without them.
    assert_eq!(code, 0, "{stdout}{stderr}");
    let line = |start: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("{start}:\n{stdout}"))
    };
    assert!(
        line("警告：x.xlsx：这是一个文件夹，其中的文件不会读入").contains("请把工作簿直接放在数据目录中")
    );
    assert!(line("警告：管道.xlsx：这是一个命名管道（FIFO），不是普通文件，未读入").contains("移出数据目录"));
    assert!(
        line("警告：环.xlsx：这是一个循环的符号链接（指向“环.xlsx”，最终又指回自身）")
            .contains("只移动链接本身")
    );
    let link = line("提示：外.csv：这是一个符号链接");
    assert!(link.contains(&format!("指向 {}；已读取该文件", target.display())), "{link}");
    // What it points to is read, as any file of the folder.
    line("提示：外.csv：按文本表格读取");
    for name in ["x.xlsx", "管道.xlsx", "环.xlsx"] {
        assert_eq!(stdout.matches(&format!("：{name}：")).count(), 1, "one line for {name}:\n{stdout}");
    }
}

#[test]
fn a_settings_file_no_build_can_use_is_refused_naming_the_key() {
    for (settings, says) in [
        (
            format!("organization = \"{}\"\n", "局".repeat(101)),
            "organization（编制单位）过长：101 个字，最多 100 个字",
        ),
        ("organization = \"某局\\u0000\"\n".to_string(), "organization（编制单位）含有控制字符（U+0000）"),
        ("region = \"玄武区\\u202E\"\n".to_string(), "region（统计地区）含有不可见的格式字符（U+202E"),
    ] {
        let dir = project(&settings);
        let (code, stdout, stderr) = yearbook(&["check"], dir.path());
        assert_ne!(code, 0, "{settings}");
        assert!(stderr.contains(says), "{settings}: {stdout}{stderr}");
    }
}
