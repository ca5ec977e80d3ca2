//! Tiny pages for the unit tests (schema and emitters), and what the
//! pipeline makes of them: a page is a few lines of the docs' Markdown
//! template, with only what the rule under test needs.

use crate::schema::Schema;

/// The schema of these pages (`(path, text)`).
pub(crate) fn schema(pages: &[(&str, String)]) -> Schema {
    crate::schema::build(&pages.iter().map(|(file, text)| crate::read_page_text(file, text, None)).collect::<Vec<_>>())
}

/// The codes of a schema's diagnostics, in order.
pub(crate) fn codes(schema: &Schema) -> Vec<&str> {
    schema.diagnostics.iter().map(|d| d.code).collect()
}

/// The files emitted for these Markdown pages (`(path, text)`).
pub(crate) fn emitted(pages: &[(&str, &str)]) -> Vec<crate::OutputFile> {
    let read: Vec<_> = pages.iter().map(|(file, text)| crate::read_page_text(file, text, None)).collect();
    for page in &read {
        assert!(page.diagnostics.iter().all(|d| d.severity != crate::Severity::Error), "{:?}", page.diagnostics);
    }
    crate::emit_crate(&crate::schema::build(&read), &Default::default()).0
}

/// One emitted file's text, whitespace collapsed (to assert on tokens,
/// not on the printer's layout): the file at `path`, or the one at `path`
/// inside whichever part crate holds it (`navigation/2/src/v1_0/nav/users.rs`
/// for `src/v1_0/nav/users.rs`).
pub(crate) fn file(files: &[crate::OutputFile], path: &str) -> String {
    let in_part = |p: &str| {
        let mut parts = p.splitn(3, '/');
        matches!((parts.next(), parts.next(), parts.next()), (Some("operations" | "navigation"), Some(n), Some(rest)) if n.parse::<usize>().is_ok() && rest == path)
    };
    let f = files
        .iter()
        .find(|f| f.path == path)
        .or_else(|| files.iter().find(|f| in_part(&f.path)))
        .unwrap_or_else(|| panic!("{path} is emitted; emitted: {:?}", files.iter().map(|f| &f.path).collect::<Vec<_>>()));
    f.contents.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's front matter, title and namespace.
pub(crate) fn front(title: &str, doc_type: &str) -> String {
    format!("---\ntitle: \"{title}\"\nms.prod: \"users\"\ndoc_type: {doc_type}\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n")
}

/// A resource page: its properties (`(name, type)`) and its base.
pub(crate) fn resource(name: &str, base: Option<&str>, rows: &[(&str, &str)]) -> String {
    let mut page = front(&format!("{name} resource type"), "resourcePageType");
    if let Some(base) = base {
        page.push_str(&format!("Inherits from [{base}]({base}.md).\n\n"));
    }
    page.push_str("## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n");
    for (p, t) in rows {
        page.push_str(&format!("|{p}|{t}|The {p}. é 日本語 🙂|\n"));
    }
    page
}

/// An enum page and its members.
pub(crate) fn enumeration(name: &str, members: &[&str]) -> String {
    let mut page = front(&format!("{name} enum type"), "enumPageType");
    page.push_str("## Members\n|Member|Value|Description|\n|:---|:---|:---|\n");
    for (i, m) in members.iter().enumerate() {
        page.push_str(&format!("|{m}|{i}|The {m} state.|\n"));
    }
    page
}

const PERMISSIONS: &str = "## Permissions\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|User.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|User.Read.All|\n\n";

/// A GET page returning one `returns`, with one example answered by `example`.
pub(crate) fn get(path: &str, returns: &str, example: &str) -> String {
    let mut page = front("Get thing", "apiPageType");
    page.push_str(PERMISSIONS);
    page.push_str(&format!("## HTTP request\n```http\nGET {path}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [{returns}](../resources/{returns}.md) object in the response body.\n\n"));
    page.push_str(&format!("## Example\n### Request\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n### Response\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{example}\n```\n"));
    page
}

/// A POST page whose body is a `body_type`, with a table of its properties.
pub(crate) fn create(path: &str, body_type: &str, rows: &[(&str, &str)]) -> String {
    let mut page = front("Create thing", "apiPageType");
    page.push_str(PERMISSIONS);
    page.push_str(&format!("## HTTP request\n```http\nPOST {path}\n```\n\n## Request body\nIn the request body, supply a JSON representation of the {body_type} object.\n\n|Property|Type|Description|\n|:---|:---|:---|\n"));
    for (p, t) in rows {
        page.push_str(&format!("|{p}|{t}|The {p}.|\n"));
    }
    page.push_str(&format!(
        "\n## Response\nIf successful, this method returns a `201 Created` response code and a {body_type} object in the response body.\n"
    ));
    page
}

/// A POST action page whose body is parameters (`(name, type)`), with an
/// example per `(URL, body)`, each answered `204 No Content`.
pub(crate) fn action(path: &str, rows: &[(&str, &str)], examples: &[(&str, &str)]) -> String {
    let mut page = front("thing: act", "apiPageType");
    page.push_str(PERMISSIONS);
    page.push_str(&format!("## HTTP request\n```http\nPOST {path}\n```\n\n## Request body\n|Parameter|Type|Description|\n|:---|:---|:---|\n"));
    for (p, t) in rows {
        page.push_str(&format!("|{p}|{t}|The {p}, ü.|\n"));
    }
    page.push_str("\n## Response\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n");
    for (url, body) in examples {
        page.push_str(&format!(
            "### Request\n```http\nPOST {url}\nContent-Type: application/json\n\n{body}\n```\n\n### Response\n```http\nHTTP/1.1 204 No Content\n```\n\n"
        ));
    }
    page
}
