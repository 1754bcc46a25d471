//! Number formats: whether a cell's format shows its value as a percentage. The
//! cell then holds the fraction (0.082 shown as 8.2%). Only a `%` that Excel acts
//! on counts: one in quotes (`0.0"%"`), escaped (`0.0\%`), in brackets or after `_`
//! / `*` is printed as it is, and the value is the number shown.

/// Excel's built-in percentage formats: `0%` (9) and `0.00%` (10).
pub fn is_builtin_percent(id: u32) -> bool {
    matches!(id, 9 | 10)
}

/// Whether a format code's first section (the one for positive numbers) scales its
/// value by 100.
pub fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => return false,
            '%' => return true,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            // The next character is a literal, a padding width or a fill.
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        for code in ["0%", "0.0%", "0.00%", "#,##0.0%", "0.0%;-0.0%", "[Red]0.0%", "0.0 %"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in [
            "General",
            "0.0",
            r#"0.0"%""#,
            r"0.0\%",
            "0.0_%",
            "0.0*%",
            "[$%-804]0.0",
            "0.0;-0.0%",
            "yyyy-mm-dd",
            "",
        ] {
            assert!(!is_percent_format(code), "{code}");
        }
        assert!(is_builtin_percent(9) && is_builtin_percent(10) && !is_builtin_percent(2));
    }
}
