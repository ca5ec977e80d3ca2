//! HTTP requests and responses as the docs write them in code blocks:
//! a request or status line, headers, a blank line, a body.

use super::Json;
use crate::diagnostics::Sink;
use crate::parse::lenient_json;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HttpRequest {
    pub method: String,
    /// As written: an absolute URL or a path.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HttpResponse {
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    /// The docs mark some examples as shortened (`"truncated": true`).
    pub truncated: bool,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Body {
    Json(Json),
    /// A body that is not JSON, or JSON that could not be read even
    /// leniently: kept as written, never dropped.
    Text {
        text: String,
        line: usize,
    },
}

static REQUEST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(.+?)(?:\s+HTTP/\d(?:\.\d)?)?\s*$").unwrap());

/// `METHOD target` → (method, target), target without ` HTTP/1.1`.
pub fn request_line(line: &str) -> Option<(String, String)> {
    let c = REQUEST_LINE.captures(line.trim())?;
    Some((c[1].to_owned(), c[2].trim().to_owned()))
}

pub use crate::parse::status_line::{is_status_line, status_of};

type Headers = Vec<(String, String)>;

/// Splits a block into its first line, headers and body text, with the line
/// number where the body starts.
fn split(text: &str, first_line: usize) -> (Headers, Option<(String, usize)>) {
    let mut headers = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 1;
    // Some pages leave a blank line between the request line and the headers.
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() || line.starts_with('{') || line.starts_with('[') {
            break;
        }
        match line.split_once(':') {
            Some((name, value)) if !name.contains(' ') => headers.push((name.trim().to_owned(), value.trim().to_owned())),
            _ => break,
        }
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let body = lines[i.min(lines.len())..].join("\n");
    let body = (!body.trim().is_empty()).then(|| (body, first_line + i));
    (headers, body)
}

/// `{Raw bytes of the file}`, `[Zip file containing a Teams app package]`:
/// prose in brackets standing for a body that is not JSON.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    let inner = t.get(1..).unwrap_or("").trim_start();
    (t.starts_with('{') || t.starts_with('[')) && inner.starts_with(|c: char| c.is_alphabetic()) && !t.contains('"') && t.lines().count() <= 2
}

pub fn read_body(text: &str, line: usize, sink: &mut Sink) -> Body {
    let trimmed = text.trim();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) || is_placeholder(trimmed) {
        return Body::Text { text: text.trim_end().to_owned(), line };
    }
    match lenient_json::read(trimmed) {
        Ok(read) => {
            if !read.repairs.is_empty() {
                sink.warning(line, "json-lenient", format!("example JSON is not strict JSON; read it after removing: {}", read.repairs.join(", ")));
            }
            Body::Json(Json { value: read.value, repairs: read.repairs, line })
        }
        Err(e) => {
            sink.warning(line + e.line().saturating_sub(1), "json-unreadable", format!("expected a JSON body: {e}; the body is kept as text"));
            Body::Text { text: text.trim_end().to_owned(), line }
        }
    }
}

pub fn parse_request(text: &str, line: usize, sink: &mut Sink) -> Option<HttpRequest> {
    let (method, url) = request_line(text.lines().next()?)?;
    let (headers, body) = split(text, line);
    let body = body.map(|(b, l)| read_body(&b, l, sink));
    Some(HttpRequest { method, url, headers, body, line })
}

pub fn parse_response(text: &str, line: usize, truncated: bool, sink: &mut Sink) -> HttpResponse {
    let first = text.lines().next().unwrap_or("");
    if let Some(status) = status_of(first) {
        let (headers, body) = split(text, line);
        let body = body.map(|(b, l)| read_body(&b, l, sink));
        HttpResponse { status: Some(status), headers, body, truncated, line }
    } else {
        // A response block with only a body: the status is the operation's.
        let body = (!text.trim().is_empty()).then(|| read_body(text, line, sink));
        HttpResponse { status: None, headers: Vec::new(), body, truncated, line }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        let cases = [
            ("GET /users/{id}", Some(("GET", "/users/{id}"))),
            ("PATCH https://graph.microsoft.com/v1.0/me HTTP/1.1", Some(("PATCH", "https://graph.microsoft.com/v1.0/me"))),
            ("GET me/events?$select=subject", Some(("GET", "me/events?$select=subject"))),
            ("HTTP/1.1 200 OK", None),
        ];
        for (line, want) in cases {
            let got = request_line(line);
            assert_eq!(got.as_ref().map(|(m, t)| (m.as_str(), t.as_str())), want, "{line}");
        }
    }

    #[test]
    fn response_with_headers_and_body() {
        let mut sink = Sink::new("x.md");
        let r = parse_response("HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\"}", 10, false, &mut sink);
        assert_eq!(r.status, Some(201));
        assert_eq!(r.headers, vec![("Content-Type".to_owned(), "application/json".to_owned())]);
        match r.body {
            Some(Body::Json(j)) => {
                assert_eq!(j.value, serde_json::json!({"id": "1"}));
                assert_eq!(j.line, 13);
            }
            other => panic!("{other:?}"),
        }
        assert!(sink.items.is_empty());
    }

    #[test]
    fn blank_line_before_headers() {
        let mut sink = Sink::new("x.md");
        let r =
            parse_request("POST https://graph.microsoft.com/v1.0/x/assign\n\nContent-type: application/json\n\n{\"a\": 1}", 5, &mut sink).unwrap();
        assert_eq!(r.headers.len(), 1);
        assert!(matches!(r.body, Some(Body::Json(_))), "{:?}", r.body);
    }
}
