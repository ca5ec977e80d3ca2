//! Text copied from the rendered docs pages. All three copied shapes share
//! what the rendering leaves: section headings as bare lines, HTTP requests
//! and responses as bare lines, JSON without fences, and no markup. They
//! differ only in how a table was flattened, which `TableReader` covers.

pub(crate) mod cell_lines;
pub(crate) mod pipe_rows;
pub(crate) mod spaced;

use crate::blocks::{Block, CodeBlock, ParsedPage, Row, Shape, Table};
use crate::diagnostics::Sink;
use crate::parse::lenient_json::ValueScanner;
use crate::parse::markdown::squash;
use crate::parse::status_line::{is_status_line, status_of};
use crate::permissions::shared::PermissionType;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The table headings of the docs' page templates. A rendered table loses
/// its separators in two of the copied shapes, and these words are what
/// tell its header from its rows.
pub(crate) const HEADER_WORDS: &[&str] = &[
    "Permissions (from least to most privileged)",
    "Permissions (from most to least privileged)",
    "Least privileged permissions",
    "Higher privileged permissions",
    "Permission type",
    "Permissions",
    "Permission",
    "Property name",
    "Property",
    "Type",
    "Description",
    "Header",
    "Value",
    "Name",
    "Parameter",
    "Method",
    "Return type",
    "Relationship",
    "Member",
    "Required",
    "Required?",
    "Global service",
    "US Government L4",
    "US Government L5 (DOD)",
    "China operated by 21Vianet",
];

/// The columns of a permissions table per resource (`Supported resource |
/// Delegated (work or school account) | Delegated (personal Microsoft
/// account) | Application`), whose first heading is the page's own word
/// for the resources (`Supported resource`, `Calendar`).
/// (The runtime's names of the types, `PermissionType::as_str`.)
pub(crate) fn permission_type_headings() -> impl Iterator<Item = &'static str> {
    PermissionType::ALL.into_iter().map(PermissionType::as_str)
}

fn is_permission_type_heading(cell: &str) -> bool {
    permission_type_headings().any(|h| h.eq_ignore_ascii_case(cell.trim()))
}

/// Whether a cell can head the resources of a permissions table per
/// resource: a few words that are not a template heading, not a sentence.
pub(crate) fn is_resource_heading(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty() && cell.chars().count() <= 40 && !cell.contains(['.', ':', '|']) && !is_header_word(cell) && !is_permission_type_heading(cell)
}

/// The width of a permissions table per resource's header at the start of
/// these cells: a resource heading, then two or more permission types.
fn by_resource_header_width(cells: &[&str]) -> Option<usize> {
    let (first, rest) = cells.split_first()?;
    let mut seen: Vec<String> = Vec::new();
    for cell in rest.iter().take_while(|c| is_permission_type_heading(c)) {
        let key = cell.trim().to_ascii_lowercase();
        if seen.contains(&key) {
            break;
        }
        seen.push(key);
    }
    (is_resource_heading(first) && seen.len() >= 2).then_some(1 + seen.len())
}

/// Template headings are capitalized; property names, which can be the
/// same words (`name`, `type`, `value`), are camelCase.
pub(crate) fn is_header_word(cell: &str) -> bool {
    let cell = cell.trim();
    cell.starts_with(|c: char| c.is_uppercase()) && HEADER_WORDS.iter().any(|w| w.eq_ignore_ascii_case(cell))
}

/// The leading cells that form a table header: template headings, each
/// once; or a permissions table per resource's header.
pub(crate) fn header_width<'a>(cells: impl IntoIterator<Item = &'a str>) -> usize {
    let cells: Vec<&str> = cells.into_iter().collect();
    if let Some(width) = by_resource_header_width(&cells) {
        return width;
    }
    let mut seen: Vec<String> = Vec::new();
    for cell in cells {
        let key = cell.trim().to_ascii_lowercase();
        if !is_header_word(cell) || seen.contains(&key) {
            break;
        }
        seen.push(key);
    }
    seen.len()
}

/// A copied shape's way of reading a table that starts at `lines[at]`.
pub(crate) trait TableReader {
    /// The table and the index of the first line after it, or None when no
    /// table of this shape starts here.
    fn read(&self, lines: &[&str], at: usize, sink: &mut Sink) -> Option<(Table, usize)>;
}

static REQUEST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) +((?:/|https?://)\S.*|[A-Za-z{][^\s]*/[^\s]*)$").unwrap());
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9-]*: *\S").unwrap());
/// `Example`, `Examples`, `Example 2: With a filter`, `Example (beta)`,
/// `Example - Mute a participant` (a dash of any width).
static EXAMPLE_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Examples?(?: \d+)?(?:(?::| [-–—]) .*| \(.*\))?$").unwrap());
static VALUES_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9]* values$").unwrap());

/// The section headings of the page templates, as they stand alone on a line.
const SECTION_HEADINGS: &[&str] = &[
    "Permissions",
    "Prerequisites",
    "HTTP request",
    "Optional query parameters",
    "Path parameters",
    "Query parameters",
    "Function parameters",
    "Parameters",
    "Request headers",
    "Optional request headers",
    "Request body",
    "Response",
    "Response headers",
    "Properties",
    "Instance attributes",
    "Relationships",
    "JSON representation",
    "Derived types",
    "Methods",
    "Members",
    "Errors",
];

pub(crate) fn parse(text: &str, shape: Shape, sink: &mut Sink) -> ParsedPage {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let reader: &dyn TableReader = match shape {
        Shape::CopiedPipeRows => &pipe_rows::PipeRows,
        Shape::CopiedCellLines => &cell_lines::CellLines,
        _ => &spaced::Spaced,
    };
    let mut blocks = Vec::new();
    let mut in_example = false;
    let mut in_json_representation = false;
    let mut i = first_nonblank(&lines, 0);
    if let Some(first) = lines.get(i) {
        let next = first_nonblank(&lines, i + 1);
        if !first.starts_with("Namespace:") && lines.get(next).is_some_and(|l| l.starts_with("Namespace:")) {
            blocks.push(Block::Heading { level: 1, text: squash(first), line: i + 1 });
            i += 1;
        }
    }
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if let Some((table, next)) = reader.read(&lines, i, sink) {
            blocks.push(Block::Table(table));
            i = next;
            continue;
        }
        if let Some(level) = heading_level(line, in_example) {
            if level == 2 {
                in_example = EXAMPLE_HEADING.is_match(line);
                in_json_representation = line.eq_ignore_ascii_case("JSON representation");
            }
            blocks.push(Block::Heading { level, text: line.to_owned(), line: i + 1 });
            i += 1;
            continue;
        }
        if REQUEST_LINE.is_match(line) || is_status_line(line) {
            let start_line = i + 1;
            let mut code = Vec::new();
            let is_request = REQUEST_LINE.is_match(line);
            while i < lines.len() && (if is_request { REQUEST_LINE.is_match(lines[i].trim()) } else { code.is_empty() }) {
                code.push(lines[i].trim().to_owned());
                i += 1;
            }
            // Some pages leave a blank line before the headers.
            let headers_at = first_nonblank(&lines, i);
            if headers_at == i + 1 && lines.get(headers_at).is_some_and(|l| is_http_header(l)) {
                i = headers_at;
            }
            // A redirect's body is not shown: what follows it is prose.
            let redirect = !is_request && status_of(line).is_some_and(|s| (300..400).contains(&s));
            let mut text_body = false;
            while i < lines.len() && HEADER_LINE.is_match(lines[i].trim()) {
                let header = lines[i].trim();
                text_body |= is_text_content_type(header);
                if header.split_once(':').is_some_and(|(n, v)| n.trim().eq_ignore_ascii_case("content-length") && v.trim() == "0") {
                    text_body = false;
                    code.push(header.to_owned());
                    i += 1;
                    break;
                }
                code.push(header.to_owned());
                i += 1;
            }
            let body_at = first_nonblank(&lines, i);
            if lines.get(body_at).is_some_and(|l| starts_json(l)) {
                let (json, next) = gather_json(&lines, body_at);
                code.push(String::new());
                code.push(json);
                i = next;
            } else if text_body && !redirect && lines.get(body_at).is_some_and(|l| !ends_body(l)) {
                let (body, next) = gather_text_body(&lines, body_at);
                if lines.get(next).is_some_and(|l| !l.trim().is_empty() && !ends_body(l)) {
                    sink.warning(body_at + 1, "body-extent-unknown", "expected the end of a body that is not JSON; copied text does not show where it ends, so the body is read up to here and what follows as prose");
                }
                code.push(String::new());
                code.push(body);
                i = next;
            }
            blocks.push(code_block("http", code.join("\n"), start_line));
            continue;
        }
        if in_json_representation && starts_json(line) {
            let (json, next) = gather_json(&lines, i);
            blocks.push(code_block("json", json, i + 1));
            i = next;
            continue;
        }
        blocks.push(Block::Paragraph { text: squash(line), line: i + 1 });
        i += 1;
    }
    ParsedPage { shape, front_matter: BTreeMap::new(), blocks }
}

fn heading_level(line: &str, in_example: bool) -> Option<u8> {
    if EXAMPLE_HEADING.is_match(line) {
        // "Example 1: ..." under "Examples" is a sub-heading; "Example(s)" is a section.
        return Some(if line.contains(':') || line.chars().any(|c| c.is_ascii_digit()) { 3 } else { 2 });
    }
    if in_example && (line == "Request" || line == "Response") {
        return Some(3);
    }
    if VALUES_HEADING.is_match(line) {
        return Some(3);
    }
    SECTION_HEADINGS.iter().any(|h| h.eq_ignore_ascii_case(line)).then_some(2)
}

/// A line that is an HTTP header rather than prose that has a colon
/// ("Note: ..."): a header's name has a hyphen, or is one of the few
/// without one that the docs' examples send.
fn is_http_header(line: &str) -> bool {
    const ONE_WORD: &[&str] = &[
        "authorization",
        "prefer",
        "consistencylevel",
        "location",
        "accept",
        "host",
        "date",
        "etag",
        "range",
        "expect",
        "expires",
        "connection",
        "cookie",
        "allow",
        "vary",
        "server",
        "link",
    ];
    HEADER_LINE.is_match(line.trim())
        && line.trim().split_once(':').is_some_and(|(name, _)| name.contains('-') || ONE_WORD.contains(&name.to_ascii_lowercase().as_str()))
}

/// `Content-Type` of a body that is not JSON: what follows the headers is
/// its text.
fn is_text_content_type(header: &str) -> bool {
    header
        .split_once(':')
        .is_some_and(|(name, value)| name.trim().eq_ignore_ascii_case("content-type") && !value.to_ascii_lowercase().contains("json"))
}

fn first_nonblank(lines: &[&str], from: usize) -> usize {
    (from..lines.len()).find(|&i| !lines[i].trim().is_empty()).unwrap_or(lines.len())
}

fn starts_json(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('{') || t.starts_with('[')
}

/// Lines from `at` until the JSON value they start is balanced. A value that
/// never balances ends at the next blank line or section heading, and its
/// reader will say it is unreadable.
fn gather_json(lines: &[&str], at: usize) -> (String, usize) {
    let mut text = String::new();
    let mut scanner = ValueScanner::default();
    let mut i = at;
    while i < lines.len() {
        let line = lines[i];
        if i > at && (heading_level(line.trim(), true).is_some()) {
            break;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
        i += 1;
        if scanner.feed(line).is_some() {
            break;
        }
    }
    (text, i)
}

/// A line that can't be part of a body: a heading, a request or a status line.
fn ends_body(line: &str) -> bool {
    let l = line.trim();
    heading_level(l, true).is_some() || REQUEST_LINE.is_match(l) || is_status_line(l)
}

/// A body that is not JSON, from `at`: copied text does not show where it
/// ends, so it is what its format says (a MIME multipart body runs to its
/// closing boundary, base64 runs while the lines are base64), else the one
/// line (a count, a CSV header, a placeholder for bytes).
fn gather_text_body(lines: &[&str], at: usize) -> (String, usize) {
    let first = lines[at].trim();
    let end = if let Some(boundary) = first.strip_prefix("--").filter(|b| !b.is_empty() && !b.contains(char::is_whitespace)) {
        let close = format!("--{boundary}--");
        (at + 1..lines.len()).find(|&i| lines[i].trim() == close).map_or(at + 1, |i| i + 1)
    } else if is_base64(first) && first.len() >= 16 {
        (at + 1..lines.len()).find(|&i| !is_base64(lines[i].trim()) || ends_body(lines[i])).unwrap_or(lines.len())
    } else {
        at + 1
    };
    let body: Vec<&str> = lines[at..end].iter().map(|l| l.trim()).collect();
    (body.join("\n"), end)
}

fn is_base64(line: &str) -> bool {
    !line.is_empty() && line.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

fn code_block(info: &str, text: String, line: usize) -> Block {
    Block::Code(CodeBlock { info: info.to_owned(), text, line, annotation: None })
}

/// Fits a row's cells to the header's width: cells past the last column
/// were split off it by a `|` in its text, so they are joined back to it.
pub(crate) fn fit_row(mut cells: Vec<String>, width: usize, line: usize, sink: &mut Sink) -> Row {
    if width > 0 && cells.len() > width {
        let rest = cells.split_off(width - 1).join(" | ");
        cells.push(rest);
    } else if cells.len() < width {
        sink.warning(line, "table-row-short", format!("expected {width} cells in this table row, found {}", cells.len()));
        cells.resize(width, String::new());
    }
    Row { cells, line }
}

#[cfg(test)]
mod tests {
    use super::header_width;

    #[test]
    fn a_tables_header_is_its_leading_template_headings() {
        let permission_types = ["Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application"];
        let cases: &[(&[&str], usize)] = &[
            (&["Property", "Type", "Description", "id", "String", "The id."], 3),
            (&["Permission type", "Permissions (from least to most privileged)", "Delegated (work or school account)", "User.Read"], 2),
            // Per resource: the page's word for the resources, then the types.
            (&["Supported resource", permission_types[0], permission_types[1], permission_types[2], "event", "Calendars.Read"], 4),
            (&["Kalender", permission_types[0], permission_types[2], "Benutzerkalender", "Calendars.Read"], 3),
            // One type only, a sentence first, or a type twice: not such a header.
            (&["Calendar", permission_types[2], "user calendar"], 0),
            (&["The app needs one of these.", permission_types[0], permission_types[2]], 0),
            (&["Calendar", permission_types[2], permission_types[2]], 0),
            (&["id", "String"], 0),
            (&[], 0),
        ];
        for (cells, width) in cases {
            assert_eq!(header_width(cells.iter().copied()), *width, "{cells:?}");
        }
    }

    #[test]
    fn headings_by_their_words() {
        // (line, inside an example, level)
        let cases = [
            ("Example", false, Some(2)),
            ("Examples", false, Some(2)),
            ("Example 2: Get a count", false, Some(3)),
            ("Example - Mute specific participant", false, Some(2)),
            ("Example — é 日本語", false, Some(2)),
            ("Example (beta)", false, Some(2)),
            ("Examples of the request", false, None),
            ("Request", true, Some(3)),
            ("Request", false, None),
            ("Permissions", false, Some(2)),
            ("HTTP request", true, Some(2)),
        ];
        for (line, in_example, want) in cases {
            assert_eq!(super::heading_level(line, in_example), want, "{line:?}");
        }
    }

    #[test]
    fn text_bodies_end_where_their_format_says() {
        // (lines from the body's first, the body read, lines taken)
        let cases: [(&[&str], &str, usize); 6] = [
            (&["394", "Example 3: count"], "394", 1),
            (
                &["UmVjZWl2ZWQ6IGZyb20gY29udG9zby5jb20g", "KDEwLjE5NC4yNDEuMTk3KQ==", "Response"],
                "UmVjZWl2ZWQ6IGZyb20gY29udG9zby5jb20g\nKDEwLjE5NC4yNDEuMTk3KQ==",
                2,
            ),
            (
                &["--Part_1", "Content-Type: text/html", "", "<p>é — 日本語</p>", "--Part_1--", "Response"],
                "--Part_1\nContent-Type: text/html\n\n<p>é — 日本語</p>\n--Part_1--",
                5,
            ),
            // An unclosed boundary: only the line, and the reader says so.
            (&["--Part_1", "Content-Type: text/html"], "--Part_1", 1),
            // Short words are not base64 to run on with.
            (&["abc", "def"], "abc", 1),
            (&["Binary data for the image", "Response"], "Binary data for the image", 1),
        ];
        for (lines, want, taken) in cases {
            assert_eq!(super::gather_text_body(lines, 0), (want.to_owned(), taken), "{lines:?}");
        }
    }
}
