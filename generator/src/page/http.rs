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
    pub method: Method,
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

/// An HTTP method the client can send. A request line naming any other
/// (`MERGE`, `TRACE`) is not read as a request (see `unsupported_method`),
/// so no operation is ever sent with a method its page does not give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub const ALL: [Method; 7] = [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete, Method::Head, Method::Options];

    /// The verb the docs' titles give an operation by this method
    /// ("Create user", "List users"): a GET of a collection lists it.
    pub fn verb(self, collection: bool) -> &'static str {
        match (self, collection) {
            (Method::Post, _) => "Create",
            (Method::Patch | Method::Put, _) => "Update",
            (Method::Delete, _) => "Delete",
            (Method::Get, true) => "List",
            _ => "Get",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// The method of an upper-case token, as request lines write it.
    pub fn parse(token: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == token)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

static REQUEST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(.+?)(?:\s+HTTP/\d(?:\.\d)?)?\s*$").unwrap());

/// A line shaped like a request (`WORD /path`, `WORD https://...`) whose
/// method is not one the client sends.
static OTHER_METHOD_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([A-Z]{3,})\s+(?:/|https?://)\S*").unwrap());

/// `METHOD target` → (method, target), target without ` HTTP/1.1`.
pub(crate) fn request_line(line: &str) -> Option<(Method, String)> {
    let line = line.trim();
    // What the expression asks first, without it: every line of every
    // code block (JSON bodies too) is asked, and the regex's captures cost
    // about 3% of a run.
    let word = line.split(|c: char| c.is_whitespace()).next().unwrap_or_default();
    if !matches!(word, "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS") || word.len() == line.len() {
        return None;
    }
    let c = REQUEST_LINE.captures(line)?;
    Some((Method::parse(&c[1])?, c[2].trim().to_owned()))
}

/// The method of a request-shaped line that names one the client cannot
/// send (`MERGE /users/{id}`), to say so rather than drop the line.
pub(crate) fn unsupported_method(line: &str) -> Option<&str> {
    let line = line.trim();
    let c = OTHER_METHOD_LINE.captures(line).filter(|_| request_line(line).is_none())?;
    c.get(1).map(|m| m.as_str())
}

pub(crate) use crate::parse::status_line::{is_status_line, status_of};

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
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    let inner = t.get(1..).unwrap_or("").trim_start();
    (t.starts_with('{') || t.starts_with('[')) && inner.starts_with(|c: char| c.is_alphabetic()) && !t.contains('"') && t.lines().count() <= 2
}

pub(crate) fn read_body(text: &str, line: usize, sink: &mut Sink) -> Body {
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

pub(crate) fn parse_request(text: &str, line: usize, sink: &mut Sink) -> Option<HttpRequest> {
    let (method, url) = request_line(text.lines().next()?)?;
    let (headers, body) = split(text, line);
    let body = body.map(|(b, l)| read_body(&b, l, sink));
    Some(HttpRequest { method, url, headers, body, line })
}

pub(crate) fn parse_response(text: &str, line: usize, truncated: bool, sink: &mut Sink) -> HttpResponse {
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
            ("HEAD /drives/{id}", Some(("HEAD", "/drives/{id}"))),
            ("HTTP/1.1 200 OK", None),
            ("MERGE /users/{id}", None),
            ("get /users", None),
            ("GET", None),
            ("GET   ", None),
            ("GETS /users", None),
            ("\"GET\": \"/users\",", None),
            ("DELETE\t/users/é", Some(("DELETE", "/users/é"))),
            ("  POST  https://graph.microsoft.com/v1.0/日本  HTTP/2 ", Some(("POST", "https://graph.microsoft.com/v1.0/日本"))),
        ];
        for (line, want) in cases {
            let got = request_line(line);
            assert_eq!(got.as_ref().map(|(m, t)| (m.as_str(), t.as_str())), want, "{line}");
        }
    }

    #[test]
    fn methods_the_client_cannot_send_are_named() {
        let cases = [
            ("MERGE /users/{id}", Some("MERGE")),
            ("TRACE https://graph.microsoft.com/v1.0/me", Some("TRACE")),
            ("GET /users", None),
            ("NOTE that /users is a path", None),
            ("HTTP/1.1 200 OK", None),
            ("Content-Type: application/json", None),
        ];
        for (line, want) in cases {
            assert_eq!(unsupported_method(line), want, "{line}");
        }
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
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
