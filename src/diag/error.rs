//! An error of the glue code (anyhow) and its causes, rendered in Chinese the same
//! way for the terminal, `build --watch` and the desk: `错误：…`, then one `原因：…`
//! per cause. A cause from the system is explained ([`super::io_reason`]); one
//! from a library, in English, is kept only as a detail after a Chinese sentence.

/// The Chinese text of one cause.
fn cause_text(cause: &(dyn std::error::Error + 'static)) -> String {
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return super::io_reason(io);
    }
    let text = cause.to_string();
    if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        text
    } else {
        format!("程序库报告的错误（原始信息：{text}）")
    }
}

/// The error's message, then its causes.
fn parts(e: &anyhow::Error) -> (String, Vec<String>) {
    (e.to_string(), e.chain().skip(1).map(cause_text).collect())
}

/// The lines printed in a terminal: `错误：…` and an indented `原因：…` per cause.
pub fn lines(e: &anyhow::Error) -> Vec<String> {
    let (message, causes) = parts(e);
    std::iter::once(format!("错误：{message}"))
        .chain(causes.into_iter().map(|c| format!("  原因：{c}")))
        .collect()
}

/// The same on one line, for the desk: `…；原因：…`.
pub fn one_line(e: &anyhow::Error) -> String {
    let (message, causes) = parts(e);
    std::iter::once(message).chain(causes).collect::<Vec<_>>().join("；原因：")
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    #[test]
    fn causes_are_chinese_in_every_rendering() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = Err::<(), _>(io).context("无法读取 a.xlsx").unwrap_err();
        let lib = Err::<(), _>(anyhow::anyhow!("bad header")).context("无法读取上年年报").unwrap_err();
        assert_eq!(super::lines(&e)[0], "错误：无法读取 a.xlsx");
        assert!(super::lines(&e)[1].starts_with("  原因："), "{:?}", super::lines(&e));
        assert_eq!(super::lines(&e)[1], "  原因：文件或目录不存在（gone）");
        assert_eq!(super::one_line(&lib), "无法读取上年年报；原因：程序库报告的错误（原始信息：bad header）");
        assert_eq!(super::lines(&lib)[1], "  原因：程序库报告的错误（原始信息：bad header）");
    }
}
