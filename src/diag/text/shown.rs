//! Names and cell text as a message shows them: whatever a file name, a sheet
//! name, a cell reference or a cell's text holds, the message stays one line, in
//! its order, and short enough to read.
//!
//! - Control characters are shown as escapes: a line break as `\n`, a carriage
//!   return as `\r`, a tab as `\t`, any other as `\u{1B}`; so are the Unicode
//!   line and paragraph separators (U+2028, U+2029), which some terminals break
//!   lines at.
//! - Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
//!   U+061C), which would reorder the rest of a terminal's line, are shown as
//!   escapes too (`\u{202E}`).
//! - A text of more than [`MAX_SHOWN`] characters keeps its first [`HEAD`] and
//!   last [`TAIL`] characters, with `…（省略 N 个字符）…` between, so that the file
//!   or sheet can still be found.

use std::borrow::Cow;
use std::fmt::Write;

/// The characters a name may have to be shown whole.
pub const MAX_SHOWN: usize = 100;
/// The characters kept from the start and the end of a longer one.
const HEAD: usize = 60;
const TAIL: usize = 30;

/// Whether a character is shown as an escape.
fn escaped(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if escaped(c) => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// A name or a cell's text as a message shows it (see the module's note); the
/// text itself when nothing needs changing.
pub fn shown(text: &str) -> Cow<'_, str> {
    // Past the head's and the tail's bytes, a text may be too long.
    let long = text.len() > MAX_SHOWN && text.chars().nth(MAX_SHOWN).is_some();
    if !long && !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    if long {
        let count = text.chars().count();
        let head_end = text.char_indices().nth(HEAD).map_or(text.len(), |(i, _)| i);
        let tail_start = text.char_indices().rev().nth(TAIL - 1).map_or(0, |(i, _)| i);
        push_escaped(&mut out, &text[..head_end]);
        let _ = write!(out, "…（省略 {} 个字符）…", count - HEAD - TAIL);
        push_escaped(&mut out, &text[tail_start..]);
    } else {
        push_escaped(&mut out, text);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_shown_as_they_are() {
        for name in ["专利.xlsx", "表1 各街道（园区）", "a\\b “引号”", &"统".repeat(100)] {
            assert!(matches!(shown(name), Cow::Borrowed(_)), "{name}");
        }
    }

    #[test]
    fn line_breaks_and_controls_are_escaped() {
        assert_eq!(shown("专利\n授权.csv"), "专利\\n授权.csv");
        assert_eq!(shown("a\r\nb\tc\u{1b}[31m"), "a\\r\\nb\\tc\\u{001B}[31m");
        assert_eq!(shown("行\u{2028}段\u{2029}\u{85}"), "行\\u{2028}段\\u{2029}\\u{0085}");
    }

    #[test]
    fn bidirectional_controls_are_escaped() {
        // “gnp.exe” shown reversed by U+202E would read “exe.png”.
        assert_eq!(shown("报表\u{202E}gnp.exe"), "报表\\u{202E}gnp.exe");
        for c in
            ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']
        {
            assert_eq!(shown(&format!("a{c}b")), format!("a\\u{{{:04X}}}b", c as u32));
        }
        assert_eq!(shown("\u{200E}\u{200F}\u{061C}"), "\\u{200E}\\u{200F}\\u{061C}");
    }

    #[test]
    fn long_names_keep_their_head_and_tail() {
        let name = format!("{}{}{}", "头".repeat(60), "中".repeat(2_999_880), "尾".repeat(60));
        let s = shown(&name);
        assert_eq!(s, format!("{}…（省略 2999910 个字符）…{}", "头".repeat(60), "尾".repeat(30)));
        assert!(s.chars().count() < 120);
        // Escapes in what is kept; the count is of the name's characters.
        let name = format!("a\n{}b\n", "x".repeat(200));
        assert_eq!(
            shown(&name),
            format!("a\\n{}…（省略 114 个字符）…{}b\\n", "x".repeat(58), "x".repeat(28))
        );
        assert_eq!(
            shown(&"x".repeat(101)),
            format!("{}…（省略 11 个字符）…{}", "x".repeat(60), "x".repeat(30))
        );
    }
}
