//! The status line that opens an HTTP response, as every shape shows it:
//! `HTTP/1.1 200 OK`, and the version-less `HTTP 201 Created` some pages
//! write. Prose that starts with "HTTP" ("HTTP 202 response code.") is not
//! one: without a version, the reason must be capitalized words.

use regex::Regex;
use std::sync::LazyLock;

static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^HTTP(?:/\d(?:\.\d)?\s+(\d{3})(?-u:\b)|\s+(\d{3})(?:\s+[A-Z][A-Za-z-]*)+\s*$)").unwrap());

/// The status a status line names.
pub(crate) fn status_of(line: &str) -> Option<u16> {
    let c = STATUS_LINE.captures(line.trim())?;
    c.get(1).or(c.get(2))?.as_str().parse().ok()
}

pub(crate) fn is_status_line(line: &str) -> bool {
    status_of(line).is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn status_lines() {
        let cases = [
            ("HTTP/1.1 200 OK", Some(200)),
            ("HTTP/2 204", Some(204)),
            ("  HTTP/1.1 201 Created  ", Some(201)),
            ("HTTP 201 Created", Some(201)),
            ("HTTP 404 Not Found", Some(404)),
            ("HTTP 202 response code.", None),
            ("HTTP 2000 OK", None),
            ("HTTP/1.1 2000", None),
            ("HTTPS/1.1 200 OK", None),
            ("HTTP request", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(super::status_of(line), want, "{line:?}");
        }
    }
}
