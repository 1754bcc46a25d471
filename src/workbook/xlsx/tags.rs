//! A streaming pass over the tags of a large XML part (a sheet, the shared
//! strings) for the checks of [`super`]: each element that starts, with its
//! attributes as written, and the length of each run of text, found with
//! `memchr` a buffer at a time. It is the lean half of an XML tokenizer: the
//! check needs no end tags, no unescaped text and no well-formedness (calamine
//! judges that when it reads the part), and the cells of a sheet are many, so
//! the pass costs a fraction of a full parse. Comments, CDATA sections,
//! processing instructions and a DOCTYPE are stepped over; a quoted `>` does not
//! end a tag. Receives a reader of the part; hands each item to a callback.

use std::io::BufRead;

/// What the pass meets.
pub enum Tag<'t> {
    /// An element that starts or is empty: its tag's bytes between `<` and `>`.
    Element(Element<'t>),
    /// A run of text between two tags, by its bytes as written.
    Text(u64),
}

/// An element's tag as written, `c r="A1" t="s"` (a trailing `/` included).
pub struct Element<'t> {
    raw: &'t [u8],
}

impl<'t> Element<'t> {
    /// The element's name without its namespace prefix (`c` of `x:c`).
    pub fn local_name(&self) -> &'t [u8] {
        let end =
            self.raw.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(self.raw.len());
        let name = &self.raw[..end];
        name.rsplit(|&b| b == b':').next().unwrap_or(name)
    }

    /// An attribute's value as written, by its local name; `None` when the
    /// element has none of that name or its tag cannot be read that far.
    pub fn attr(&self, local: &[u8]) -> Option<&'t str> {
        let mut rest = self.raw;
        // Past the element's name.
        let name_end = rest.iter().position(u8::is_ascii_whitespace)?;
        rest = &rest[name_end..];
        loop {
            rest = rest.trim_ascii_start();
            let eq = rest.iter().position(|&b| b == b'=')?;
            let key = rest[..eq].trim_ascii();
            rest = rest[eq + 1..].trim_ascii_start();
            let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\''))?;
            let close = rest[1..].iter().position(|&b| b == quote)? + 1;
            let value = &rest[1..close];
            rest = &rest[close + 1..];
            let key_local = key.rsplit(|&b| b == b':').next().unwrap_or(key);
            if key == local || key_local == local {
                return std::str::from_utf8(value).ok();
            }
        }
    }
}

/// Where the pass is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between tags, counting the text.
    Text,
    /// Just after `<`.
    Open,
    /// Inside a start, empty or end tag; the quote it is inside, if any.
    Tag { quote: Option<u8> },
    /// After `<!`: a comment, CDATA or DOCTYPE, until it is known which.
    Bang,
    /// Inside something that ends with the given bytes (`-->`, `]]>`, `?>`,
    /// or `>` of a DOCTYPE); how many of them are matched.
    Until { end: &'static [u8], matched: usize },
}

/// Calls `f` on every element that starts (or is empty) and every run of text
/// after a tag, until it returns `Some`; `None` when the part ends or cannot
/// be read further.
pub fn scan<R: BufRead, T>(mut reader: R, mut f: impl FnMut(Tag<'_>) -> Option<T>) -> Option<T> {
    let mut state = State::Text;
    let mut text = 0u64;
    let mut tag: Vec<u8> = Vec::new();
    let mut bang: Vec<u8> = Vec::new();
    loop {
        let buf = reader.fill_buf().ok()?;
        if buf.is_empty() {
            // Text after the last tag is a run too.
            return if state == State::Text && text > 0 { f(Tag::Text(text)) } else { None };
        }
        let mut i = 0;
        while i < buf.len() {
            match state {
                State::Text => match memchr::memchr(b'<', &buf[i..]) {
                    Some(at) => {
                        text += at as u64;
                        i += at + 1;
                        if text > 0
                            && let Some(found) = f(Tag::Text(text))
                        {
                            return Some(found);
                        }
                        text = 0;
                        state = State::Open;
                    }
                    None => {
                        text += (buf.len() - i) as u64;
                        i = buf.len();
                    }
                },
                State::Open => {
                    tag.clear();
                    state = match buf[i] {
                        b'!' => {
                            bang.clear();
                            State::Bang
                        }
                        b'?' => State::Until { end: b"?>", matched: 0 },
                        _ => State::Tag { quote: None },
                    };
                    if state != (State::Tag { quote: None }) {
                        i += 1;
                    }
                }
                State::Tag { quote } => {
                    let rest = &buf[i..];
                    let stop = match quote {
                        Some(q) => memchr::memchr(q, rest),
                        None => memchr::memchr3(b'>', b'"', b'\'', rest),
                    };
                    let Some(at) = stop else {
                        tag.extend_from_slice(rest);
                        i = buf.len();
                        continue;
                    };
                    let b = rest[at];
                    tag.extend_from_slice(&rest[..at]);
                    i += at + 1;
                    if quote.is_some() {
                        tag.extend_from_slice(&[b]);
                        state = State::Tag { quote: None };
                    } else if b == b'>' {
                        state = State::Text;
                        if tag.first() != Some(&b'/')
                            && let Some(found) = f(Tag::Element(Element { raw: &tag }))
                        {
                            return Some(found);
                        }
                    } else {
                        tag.extend_from_slice(&[b]);
                        state = State::Tag { quote: Some(b) };
                    }
                }
                State::Bang => {
                    bang.push(buf[i]);
                    i += 1;
                    if bang == b"--" {
                        state = State::Until { end: b"-->", matched: 0 };
                    } else if bang == b"[CDATA[" {
                        state = State::Until { end: b"]]>", matched: 0 };
                    } else if !b"--".starts_with(&bang) && !b"[CDATA[".starts_with(&bang) {
                        // A DOCTYPE or another declaration: to its `>`.
                        state = if bang.last() == Some(&b'>') {
                            State::Text
                        } else {
                            State::Until { end: b">", matched: 0 }
                        };
                    }
                }
                State::Until { end, matched } => {
                    let b = buf[i];
                    i += 1;
                    let matched = if b == end[matched] {
                        matched + 1
                    } else if b == end[0] {
                        1
                    } else {
                        0
                    };
                    state = if matched == end.len() { State::Text } else { State::Until { end, matched } };
                }
            }
        }
        let n = buf.len();
        reader.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the pass meets in a text, written out.
    fn items(xml: &str) -> Vec<String> {
        let mut out = Vec::new();
        // A small buffer, so that tags and runs cross buffer edges.
        let reader = std::io::BufReader::with_capacity(3, xml.as_bytes());
        scan::<_, ()>(reader, |t| {
            out.push(match t {
                Tag::Element(e) => format!(
                    "<{} r={:?}>",
                    String::from_utf8_lossy(e.local_name()),
                    e.attr(b"r").unwrap_or("-")
                ),
                Tag::Text(n) => format!("{n}"),
            });
            None
        });
        out
    }

    #[test]
    fn elements_and_runs_of_text_across_buffer_edges() {
        let xml = r#"<?xml version="1.0"?><x:row r="1" spans="1:2"><x:c r='A1' t="s"><v>12</v></x:c><c r="B1"/></x:row>"#;
        assert_eq!(items(xml), ["<row r=\"1\">", "<c r=\"A1\">", "<v r=\"-\">", "2", "<c r=\"B1\">"]);
    }

    #[test]
    fn comments_cdata_declarations_and_quoted_brackets_are_stepped_over() {
        let xml = r#"<!DOCTYPE x><a><!-- <c r="Z9"> --><![CDATA[<c r="Z8">]]><c r="A>1" t='>'/>tail</a>"#;
        assert_eq!(items(xml), ["<a r=\"-\">", "<c r=\"A>1\">", "4"]);
    }

    #[test]
    fn attributes_by_local_name_with_spaces_around_the_sign() {
        let e = Element { raw: br#"mergeCell  x:ref = "A1:B2" other="1""# };
        assert_eq!(e.local_name(), b"mergeCell");
        assert_eq!(e.attr(b"ref"), Some("A1:B2"));
        assert_eq!(e.attr(b"r"), None);
        assert_eq!(Element { raw: b"c/" }.local_name(), b"c");
    }
}
