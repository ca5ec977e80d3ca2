//! Example JSON as the docs write it: strict JSON where it is, and where it
//! is not, the few repairs that make hand-written examples readable
//! (comments, trailing commas, NBSP, junk after the value). Every repair is
//! named so the caller can say what it did in a warning.

use serde_json::Value;

#[derive(Debug)]
pub(crate) struct Read {
    pub value: Value,
    /// Empty when the text was strict JSON.
    pub repairs: Vec<&'static str>,
}

pub(crate) fn read(text: &str) -> Result<Read, serde_json::Error> {
    let strict_err = match serde_json::from_str::<Value>(text) {
        Ok(value) => return Ok(Read { value, repairs: Vec::new() }),
        Err(e) => e,
    };
    let mut repairs = Vec::new();
    let mut repaired = text.to_owned();
    for (name, repair) in REPAIRS {
        let (fixed, changed) = repair(&repaired);
        if changed {
            repaired = fixed;
            repairs.push(name);
        }
    }
    if let Some(end) = value_end(&repaired) {
        if !repaired[end..].trim().is_empty() {
            repaired.truncate(end);
            repairs.push("text after the value");
        }
    }
    match serde_json::from_str::<Value>(&repaired) {
        Ok(value) if !repairs.is_empty() => Ok(Read { value, repairs }),
        _ => Err(strict_err),
    }
}

type Repair = fn(&str) -> (String, bool);

/// The repairs, in the order they are tried; each says whether it changed anything.
const REPAIRS: [(&str, Repair); 5] = [
    ("non-breaking spaces", replace_nbsp),
    ("comments", strip_comments),
    ("trailing commas", strip_trailing_commas),
    ("line breaks inside strings", escape_breaks_in_strings),
    ("missing commas", insert_missing_commas),
];

fn replace_nbsp(text: &str) -> (String, bool) {
    (text.replace('\u{a0}', " "), text.contains('\u{a0}'))
}

/// Walks the text outside JSON strings, calling `f` with each byte index.
fn outside_strings(text: &str, mut f: impl FnMut(usize, u8) -> usize) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
        } else if b == b'"' {
            in_string = true;
            i += 1;
        } else {
            i += f(i, b).max(1);
        }
    }
}

fn strip_comments(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    outside_strings(text, |i, b| {
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            cuts.push((i, end));
            end - i
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let end = text[i + 2..].find("*/").map_or(text.len(), |n| i + 2 + n + 2);
            cuts.push((i, end));
            end - i
        } else {
            1
        }
    });
    cut(text, &cuts)
}

fn strip_trailing_commas(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    outside_strings(text, |i, b| {
        if b == b',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if matches!(next, Some(b'}') | Some(b']')) {
                cuts.push((i, i + 1));
            }
        }
        1
    });
    cut(text, &cuts)
}

/// A string written over several lines: its raw line breaks escaped.
fn escape_breaks_in_strings(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut changed = false;
    for c in text.chars() {
        if in_string && !escaped && (c == '\n' || c == '\r') {
            changed = true;
            if c == '\n' {
                out.push_str("\\n");
            }
            continue;
        }
        if in_string && !escaped && c == '\t' {
            changed = true;
            out.push_str("\\t");
            continue;
        }
        if c == '"' && !escaped {
            in_string = !in_string;
        }
        escaped = in_string && c == '\\' && !escaped;
        out.push(c);
    }
    (out, changed)
}

/// `"a": 1` at the end of a line and `"b": 2` at the start of the next: the
/// comma between them was forgotten. One comma per run of white space, at
/// its first line break; each run is looked at once, so a value with
/// 200,000 blank lines in it costs no more than its length.
fn insert_missing_commas(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut inserts = Vec::new();
    outside_strings(text, |i, b| {
        if b != b'\n' {
            return 1;
        }
        let run_end = bytes[i..].iter().position(|c| !c.is_ascii_whitespace()).map_or(bytes.len(), |n| i + n);
        let prev = bytes[..i].iter().rev().find(|c| !c.is_ascii_whitespace());
        let ends_value = matches!(prev, Some(b'"' | b'}' | b']' | b'0'..=b'9' | b'e' | b'l'));
        if ends_value && bytes.get(run_end) == Some(&b'"') {
            inserts.push(i);
        }
        run_end - i
    });
    if inserts.is_empty() {
        return (text.to_owned(), false);
    }
    let mut out = String::with_capacity(text.len() + inserts.len());
    let mut at = 0;
    for i in inserts {
        out.push_str(&text[at..i]);
        out.push(',');
        at = i;
    }
    out.push_str(&text[at..]);
    (out, true)
}

fn cut(text: &str, cuts: &[(usize, usize)]) -> (String, bool) {
    if cuts.is_empty() {
        return (text.to_owned(), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end) in cuts {
        out.push_str(&text[at..start]);
        at = end;
    }
    out.push_str(&text[at..]);
    (out, true)
}

/// The byte index just past the first balanced `{...}` or `[...]` value.
pub(crate) fn value_end(text: &str) -> Option<usize> {
    ValueScanner::default().feed(text)
}

/// Finds where the first `{...}` or `[...]` value ends in text fed to it
/// piece by piece (a copied page's JSON, line by line), looking at each
/// byte once: asking again after every line would cost the square of the
/// value's length.
#[derive(Debug, Default)]
pub(crate) struct ValueScanner {
    depth: usize,
    started: bool,
    in_string: bool,
    escaped: bool,
    /// Bytes fed so far.
    offset: usize,
}

impl ValueScanner {
    /// Feeds the next piece; the offset (over everything fed) just past the
    /// value's end, once it has ended within this piece.
    pub(crate) fn feed(&mut self, piece: &str) -> Option<usize> {
        for (i, &b) in piece.as_bytes().iter().enumerate() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => {
                    self.depth += 1;
                    self.started = true;
                }
                b'}' | b']' if self.started => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        let end = self.offset + i + 1;
                        self.offset += piece.len();
                        return Some(end);
                    }
                }
                _ => {}
            }
        }
        self.offset += piece.len();
        None
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use serde_json::json;

    #[test]
    fn repairs_are_named() {
        let cases: &[(&str, serde_json::Value, &[&str])] = &[
            (r#"{"a": 1}"#, json!({"a": 1}), &[]),
            ("{\"a\": 1,\n}", json!({"a": 1}), &["trailing commas"]),
            ("{\"a\": [1, 2,],}", json!({"a": [1, 2]}), &["trailing commas"]),
            ("{\"a\": \"x // y\" // note\n}", json!({"a": "x // y"}), &["comments"]),
            ("{\"a\": /* c */ 1}", json!({"a": 1}), &["comments"]),
            ("{\"a\":\u{a0}1}", json!({"a": 1}), &["non-breaking spaces"]),
            ("{\"a\": 1}\n```\nmore", json!({"a": 1}), &["text after the value"]),
            ("{\"a\": \"b,}\"}", json!({"a": "b,}"}), &[]),
            ("{\"a\": \"x\ny\"}", json!({"a": "x\ny"}), &["line breaks inside strings"]),
            ("{\n  \"a\": 1\n  \"b\": [true]\n  \"c\": null\n}", json!({"a": 1, "b": [true], "c": null}), &["missing commas"]),
            ("{\n  \"a\": 1\n\n\n  \"b\": 2\n}", json!({"a": 1, "b": 2}), &["missing commas"]),
        ];
        for (text, want, repairs) in cases {
            let read = read(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(&read.value, want, "{text:?}");
            assert_eq!(read.repairs, *repairs, "{text:?}");
        }
    }

    #[test]
    fn values_end_where_they_balance() {
        let cases: &[(&str, Option<usize>)] = &[
            ("{}", Some(2)),
            ("  [1, [2]] tail", Some(10)),
            (r#"{"a": "}"}"#, Some(10)),
            (r#"{"a": "\\"}"#, Some(11)),
            (r#"{"a": "\"}"}"#, Some(12)),
            ("] {", None),
            ("{ \"é…🙂\": [ }", None),
        ];
        for (text, want) in cases {
            assert_eq!(super::value_end(text), *want, "{text:?}");
            // Fed a character at a time, the same answer.
            let mut scanner = super::ValueScanner::default();
            let mut got = None;
            for (i, c) in text.char_indices() {
                got = got.or(scanner.feed(&text[i..i + c.len_utf8()]));
            }
            assert_eq!(got, *want, "{text:?} fed piece by piece");
        }
    }

    #[test]
    fn unreadable_text_keeps_the_strict_error() {
        let err = read("{\"a\": }").unwrap_err();
        assert!(err.to_string().contains("expected value"), "{err}");
    }
}
