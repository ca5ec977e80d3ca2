//! Blocks → page model. Every rule here keys on the docs' page templates
//! (section headings, table headers, the template sentences of the Request
//! body and Response sections), which all pages of a kind share, so the same
//! rules read all four shapes.

use super::http;
use super::request_paths;
use super::tables;
use super::type_expr::{self, TypeRef};
use super::*;
use crate::blocks::{Block, CodeBlock, ParsedPage, Table};
use crate::diagnostics::Sink;
use crate::include::Includes;
use crate::template::split_url;
use regex::Regex;
use std::sync::LazyLock;

mod finish;

#[derive(Clone, Debug, PartialEq)]
enum Section {
    Preamble,
    Permissions,
    HttpRequest,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    JsonRepresentation,
    Members,
    EnumValues(String),
    Parameters,
    /// "Query parameters": those of the request's query, beside OData's.
    QueryParameters,
    /// "Path parameters": the placeholders of the request paths, described.
    PathParameters,
    /// "Derived types": a base type's page naming the types derived from
    /// it, which their own pages may not say.
    DerivedTypes,
    /// Sections with nothing to generate from (Methods, See also, ...).
    Other,
}

/// The section a heading opens. `seen_http_request`: the page has had its
/// HTTP request section already, so an "HTTP request" heading under the
/// examples is an example's (the template's `### HTTP request` under
/// `## Example`; copied text loses the levels, so the order decides).
fn classify(heading: &str, level: u8, current: &Section, seen_http_request: bool) -> Section {
    let h = heading.trim().trim_end_matches(':').to_ascii_lowercase();
    let in_examples = *current == Section::Examples;
    match h.as_str() {
        "permissions" | "prerequisites" => Section::Permissions,
        _ if h.starts_with("http request") && in_examples && seen_http_request => Section::Examples,
        // "HTTP request (to upload a new file)": one of several request sections.
        _ if h.starts_with("http request") => Section::HttpRequest,
        "request headers" | "optional request headers" => Section::RequestHeaders,
        "request body" => Section::RequestBody,
        "request" | "response" | "responses" if in_examples && level > 2 => Section::Examples,
        "response" | "responses" => Section::Response,
        // "Instance attributes are properties with special behaviors"
        // (`@microsoft.graph.downloadUrl`): the resource's, where a page
        // gives them a section of their own rather than one inside its
        // Properties.
        "properties" | "instance attributes" | "instance annotations" => Section::Properties,
        "relationships" => Section::Relationships,
        "json representation" => Section::JsonRepresentation,
        "derived types" | "derived type" => Section::DerivedTypes,
        "members" => Section::Members,
        "parameters" | "function parameters" => Section::Parameters,
        "path parameters" => Section::PathParameters,
        "query parameters" => Section::QueryParameters,
        _ if h == "example" || h == "examples" || h.starts_with("example ") || h.starts_with("example:") => Section::Examples,
        _ if h.ends_with(" values") && h.split(" ").count() == 2 => Section::EnumValues(heading.trim().split(' ').next().unwrap_or("").to_owned()),
        // A sub-heading inside a section belongs to it.
        _ if level > 2 => current.clone(),
        _ => Section::Other,
    }
}

/// A case's name as the page gives it: its heading or sentence, without
/// the colon that leads into the table.
fn case_name(text: &str) -> String {
    text.trim().trim_end_matches(':').trim_end().to_owned()
}

/// The permission-type tables of a page become its permissions. One
/// table, or tables that name no case of their own, are the operation's
/// (several: either table's permission suffices). Tables each under a
/// case of its own ("Permissions for channel", "Permissions for chat";
/// "acting on self", "acting on other users") are each for that case
/// alone: what a call needs depends on which it is, so they are kept per
/// case, as the tables per resource are, and the operation's own stay
/// unknown. Merged, a call in a chat was said to need ChannelMessage.Send.
fn settle_permissions(g: &mut Gathered) {
    let tables = std::mem::take(&mut g.permission_tables);
    let mut cases: Vec<&str> = tables.iter().filter_map(|(case, _, _)| case.as_deref()).collect();
    cases.sort_unstable();
    cases.dedup();
    let per_case = tables.len() > 1 && cases.len() == tables.len();
    for (case, paths, read) in tables {
        let into = g.permissions.get_or_insert_with(Permissions::default);
        match case {
            Some(resource) if per_case => into.by_resource.push(ResourcePermissions {
                resource,
                paths,
                delegated_work: read.delegated_work,
                delegated_personal: read.delegated_personal,
                application: read.application,
            }),
            _ => into.merge(read),
        }
    }
}

static BODY_RESOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)JSON representation (?:of|for) (?:the |a |an )?(?:updated |new )?([A-Za-z][A-Za-z0-9_.]*) (?:object|entity|resource)").unwrap()
});
/// A status the prose names: a registered HTTP status and its reason
/// (`200 OK`, `507 Insufficient Storage`), not any number before a word
/// (`320 KiB`).
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(20[0-8]|226|30[0-8]|4(?:0\d|1[0-8]|2[1-69]|31|51)|50[0-8]|51[01]) [A-Z][A-Za-z-]*").unwrap());
/// A base type the prose names: "Inherits from X" anywhere, or a
/// sentence that opens "Derived from X" or "Inherited from X" (`attendee`:
/// "Derived from attendeeBase."; a CNAME record: "Inherited from
/// DomainDnsRecord entity."); inside a sentence those words say other
/// things ("a code derived from ISO 639-1").
/// "Inherits (all) the properties from/of (the) X" says it too (the
/// teleconference qualities). An article before the name is no name.
/// Word boundaries are ASCII's (the words are): Unicode's keep the regex
/// off its fast engine, and a page's paragraph can be megabytes.
static INHERITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:(?-u:\b)inherits from|(?-u:\b)inherits (?:all )?(?:of )?the properties (?:from|of)|(?:^|[.!?]\s+)(?:deriv(?:ed|es)|inherited) from) {BASE_NAME}"
    ))
    .unwrap()
});
/// A sentence whose subject is one name that "derives from X" or "is
/// derived from X" ("chatMessageHostedContent derives from
/// teamworkHostedContent", "The **driveItem** resource is derived from
/// baseItem"): a base where the subject is the page's own type, or "it"
/// (`subject_is`); a sentence of another type's base is not this one's,
/// nor is "Any object that derives from X" or "The value is derived from
/// the user's locale" one's at all. The subject, then the base.
static DERIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[.!?]\s+)(?:the |this )?\**([A-Za-z][A-Za-z0-9_]*)\**(?: (?:resource|type|entity|object))? (?:derives|is derived) from {BASE_NAME}"
    ))
    .unwrap()
});

/// Whether a `DERIVES` sentence's subject is the type `name` (qualified or
/// not) the page documents: its name, in any case, or a word standing for
/// it ("It derives from", "This resource is derived from").
fn subject_is(subject: &str, name: &str) -> bool {
    let own = name.rsplit('.').next().unwrap_or(name);
    subject.eq_ignore_ascii_case(own) || ["it", "resource", "type", "entity", "object"].iter().any(|w| subject.eq_ignore_ascii_case(w))
}
/// A property row's note that the property comes from a base type
/// ("Inherited from entity."), anywhere in its description.
pub(super) static INHERITED_FROM: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?i)(?-u:\b)inherited from {BASE_NAME}")).unwrap());
/// The base's name after "from": an article before it is no name, nor
/// are bold marks around it. A name written as capitalized words (a
/// link's text, "Inherits from [Conditional Access Session Control](..)")
/// runs on over them, where its first word is capitalized too (a name
/// that is one camel-case word ends there); `base_name` joins them.
const BASE_NAME: &str = r"(?:the |an? )?\**((?-i:[A-Z])[A-Za-z0-9]*(?: (?-i:[A-Z])[A-Za-z0-9]*)+|[A-Za-z][A-Za-z0-9_.]*)";

/// The name `BASE_NAME` captured: its words joined (types are matched
/// without case), without the sentence's full stop.
pub(super) fn base_name(captured: &str) -> String {
    captured.trim_end_matches('.').split(' ').collect()
}
static CAMEL_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*(?-u:\b)").unwrap());

pub(crate) struct Extractor<'a> {
    file: &'a str,
    namespace: String,
    /// The front matter says the page is conceptual: its request lines
    /// illustrate, and are said once, by `page-conceptual`.
    conceptual: bool,
    /// Where the fragments its `[!INCLUDE]` lines name are read from.
    includes: &'a dyn Includes,
    sink: &'a mut Sink,
}

pub(crate) fn extract(file: &str, parsed: &ParsedPage, version: VersionHint, includes: &dyn Includes, sink: &mut Sink) -> PageModel {
    let namespace = parsed
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { text, .. } => namespace_line(text).map(|(namespace, _)| namespace.to_owned()),
            _ => None,
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "microsoft.graph".to_owned());
    let conceptual = parsed.front_matter.get("doc_type").is_some_and(|d| d == "conceptualPageType");
    let mut ex = Extractor { file, namespace, conceptual, includes, sink };
    ex.run(parsed, version)
}

#[derive(Default)]
struct Gathered {
    paths: Vec<RequestPath>,
    permissions: Option<Permissions>,
    /// The permission-type tables of the permissions section, each with
    /// the heading or text before it (`settle_permissions`).
    permission_tables: Vec<(Option<String>, Vec<String>, Permissions)>,
    /// The heading or paragraph last read in the permissions section,
    /// until a table takes it.
    permissions_case: Option<String>,
    /// Request-line blocks in the permissions section that no permissions
    /// table has followed yet (`paths_outside_section`): each one's line
    /// and paths.
    paths_before_table: Vec<(usize, Vec<String>)>,
    headers: Vec<Header>,
    body_text: String,
    body_properties: Vec<Property>,
    body_line: usize,
    response_text: String,
    response_line: usize,
    response_closed: bool,
    /// Where the HTTP request section starts, if the page has one.
    http_request_line: Option<usize>,
    /// Example requests by their annotation's name, and their index in `examples`.
    named_requests: Vec<(String, usize)>,
    /// The status line of a response block in the Response section.
    response_shown: Option<u16>,
    /// That block, when no example request was waiting for it.
    response_block: Option<http::HttpResponse>,
    examples: Vec<Example>,
    properties: Vec<Property>,
    relationships: Vec<Property>,
    url_parameters: Vec<Property>,
    path_parameters: Vec<Property>,
    query_parameters: Vec<Property>,
    resource_json: Option<(Json, Option<std::collections::BTreeMap<String, serde_json::Value>>)>,
    members: Vec<EnumMember>,
    members_line: usize,
    value_enums: Vec<EnumDef>,
    preamble: Vec<(String, usize)>,
    url_versions: Vec<(&'static str, usize)>,
    next_response_truncated: bool,
    /// "Inherits from X" (or "Derived from X"), wherever a resource page says it.
    inherits: Option<String>,
    /// "X derives from Y" (or "is derived from"), wherever a resource page
    /// says it: the subject and the base, a base where X is the page's.
    derives: Vec<(String, String)>,
    /// The types its Derived types table names, and their rows' lines.
    derived: Vec<(String, usize)>,
    /// The block just read was an example response with headers only.
    bodiless_response: bool,
    /// Fragments included in the permissions section that gave no table,
    /// and why: said where they are included if the section has no table
    /// (then they are why its permissions are unknown); else they were
    /// notes beside it (the 2021 pages include one after the table).
    includes_without_table: Vec<(usize, String)>,
}

impl Gathered {
    /// Adds a request path, noting the API version an absolute URL names.
    /// A path the page writes twice (its syntax section and a request of
    /// its own) is one path; an optional query written in brackets
    /// (`/content[?includeIDs=true]`) is not part of the path.
    /// Gives back the path as the operation has it.
    fn add_path(&mut self, method: Method, path: String, line: usize, namespace: &str, sink: &mut Sink) -> String {
        let path = note_version(self, &path, line);
        let path = path.split_once("[?").map_or(path, |(p, _)| p);
        let (path, repairs) = request_paths::placeholders(path, namespace);
        for repair in repairs {
            sink.warning(line, repair.code(), repair.message());
        }
        if !self.paths.iter().any(|p| p.method == method && p.path == path) {
            let template = crate::template::PathTemplate::parse(&path);
            self.paths.push(RequestPath { method, path: path.clone(), line, template });
        }
        path
    }
}

impl Extractor<'_> {
    fn run(&mut self, parsed: &ParsedPage, version: VersionHint) -> PageModel {
        let mut g = Gathered::default();
        let mut section = Section::Preamble;
        let mut title: Option<(String, usize)> = None;
        for block in &parsed.blocks {
            let after_bodiless_response = std::mem::take(&mut g.bodiless_response);
            match block {
                Block::Heading { level: 1, text, line } if title.is_none() => title = Some((text.clone(), *line)),
                Block::Heading { level, text, .. } => {
                    let next = classify(text, (*level).max(2), &section, g.http_request_line.is_some());
                    if next == Section::HttpRequest && g.http_request_line.is_none() {
                        g.http_request_line = Some(block.line());
                    }
                    // The operation's own Response section is the first;
                    // later ones (a page of several steps) tell of others.
                    if section == Section::Response && next != Section::Response && !g.response_text.is_empty() {
                        g.response_closed = true;
                    }
                    // A heading inside the permissions section names the
                    // case its table is for ("Permissions acting on self").
                    g.permissions_case = (section == Section::Permissions && next == Section::Permissions).then(|| case_name(text));
                    section = next;
                }
                Block::Paragraph { text, line } if after_bodiless_response && shown_body(&mut g, text, *line) => {}
                Block::Paragraph { text, line } => self.paragraph(&section, text, *line, &mut g),
                Block::Table(t) => self.table(&section, t, &mut g),
                Block::Code(c) => self.code(&section, c, &mut g),
                Block::Include { target, line } if section == Section::Permissions => self.include(&section, target, *line, &mut g),
                Block::Include { .. } => {}
            }
        }
        settle_permissions(&mut g);
        for (line, _) in std::mem::take(&mut g.paths_before_table) {
            self.said_outside_section(line);
        }
        self.finish(parsed, g, title, version)
    }

    fn paragraph(&mut self, section: &Section, text: &str, line: usize, g: &mut Gathered) {
        match section {
            // The text before a table may name the case it is for (the
            // copied shapes keep a heading's text, not always its mark).
            Section::Permissions => g.permissions_case = Some(case_name(text)),
            // The template's note before a shortened example response.
            Section::Examples if says_truncated(text) => g.next_response_truncated = true,
            // "Namespace: microsoft.graph" with the description run on
            // after it in one paragraph: the description is its own.
            Section::Preamble => match namespace_line(text) {
                Some((_, rest)) if !rest.is_empty() => g.preamble.push((rest.to_owned(), line)),
                _ => g.preamble.push((text.to_owned(), line)),
            },
            Section::RequestBody => {
                if g.body_text.is_empty() {
                    g.body_line = line;
                }
                g.body_text.push_str(text);
                g.body_text.push(' ');
            }
            Section::Response if !g.response_closed => {
                if g.response_text.is_empty() {
                    g.response_line = line;
                }
                g.response_text.push_str(text);
                g.response_text.push(' ');
            }
            // Prose that starts with a method ("POST to branding/... to
            // create one") is no request line; a path with words after it
            // is said.
            Section::HttpRequest => match http::request_line(text) {
                Some((method, path)) if request_paths::is_path(&path) => {
                    g.add_path(method, path, line, &self.namespace, self.sink);
                }
                Some((_, target)) if target.starts_with('/') || target.starts_with("http") => self.words_after_path(line, text),
                _ => {}
            },
            _ => {}
        }
        if matches!(section, Section::Preamble | Section::Properties | Section::Relationships | Section::JsonRepresentation) {
            if g.inherits.is_none() {
                g.inherits = INHERITS.captures(text).map(|c| base_name(&c[1]));
            }
            g.derives.extend(DERIVES.captures_iter(text).map(|c| (c[1].to_owned(), base_name(&c[2]))));
        }
    }

    /// Request lines outside the HTTP request section, named or not: the
    /// operation's paths, and said. In the permissions section, lines just
    /// before a permissions table are the paths that table is for (today's
    /// template, a table per case); only lines no table follows are said
    /// (a page whose HTTP request heading is missing).
    fn paths_outside_section(&mut self, section: &Section, g: &mut Gathered, c: &CodeBlock) {
        if *section != Section::Permissions {
            self.said_outside_section(c.line);
        }
        let paths = self.add_paths(g, c, false);
        if *section == Section::Permissions {
            g.paths_before_table.push((c.line, paths));
        }
    }

    fn said_outside_section(&mut self, line: usize) {
        if !self.conceptual {
            self.sink.warning(
                line,
                "request-outside-section",
                "request lines outside an HTTP request section; they are read as the operation's request paths",
            );
        }
    }

    /// A request line whose path has words after it: said, not read.
    fn words_after_path(&mut self, line: usize, text: &str) {
        self.sink.warning(
            line,
            "request-line-unreadable",
            format!("expected `METHOD /path` and nothing after it in the HTTP request section, found {:?}", text.trim()),
        );
    }

    /// Every request line of a code block as a path; with `strict`, a line
    /// that is not one is said.
    /// Gives back the paths read, as the operation has them.
    fn add_paths(&mut self, g: &mut Gathered, c: &CodeBlock, strict: bool) -> Vec<String> {
        let mut read = Vec::new();
        for (i, line) in c.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match (http::request_line(line), strict.then(|| http::unsupported_method(line)).flatten()) {
                (Some((method, path)), _) if request_paths::is_path(&path) => {
                    read.push(g.add_path(method, path, c.line + i, &self.namespace, self.sink))
                }
                (Some(_), _) if strict => self.words_after_path(c.line + i, line),
                (Some(_), _) => {}
                (None, Some(other)) => self.sink.warning(
                    c.line + i,
                    "method-unsupported",
                    format!(
                        "expected one of {} in the request line, found `{other}`, which the client cannot send; the line is left out",
                        Method::ALL.map(Method::as_str).join(", "),
                    ),
                ),
                (None, None) if strict => self.sink.warning(
                    c.line + i,
                    "request-line-unreadable",
                    format!("expected `METHOD /path` in the HTTP request section, found {:?}", line.trim()),
                ),
                (None, _) => {}
            }
        }
        read
    }

    /// A fragment included where the section expects its table (the
    /// docs' permissions since 2023): its tables read as if the page held
    /// them, what is said of their rows said at the fragment's own lines.
    fn include(&mut self, section: &Section, target: &str, line: usize, g: &mut Gathered) {
        let fragment = match self.includes.read(target) {
            Ok(fragment) => fragment,
            Err(why) => {
                g.includes_without_table.push((line, why));
                return;
            }
        };
        let tables: Vec<&Table> = fragment.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
        if tables.is_empty() {
            g.includes_without_table.push((line, format!("{}, which this line includes, holds none", fragment.file)));
            return;
        }
        self.sink.items.extend(fragment.diagnostics);
        let page_file = self.sink.swap_file(fragment.file);
        for t in tables {
            self.table(section, t, g);
        }
        self.sink.swap_file(page_file);
    }

    fn table(&mut self, section: &Section, t: &Table, g: &mut Gathered) {
        let header: Vec<String> = t.header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        let first = header.first().map(String::as_str).unwrap_or("");
        let is_members = matches!(first, "member" | "members");
        let type_col = tables::property_table(t, &header);
        let used = match section {
            Section::Permissions if first.contains("permission type") => {
                let read = tables::permissions(t, self.sink);
                let paths = g.paths_before_table.drain(..).flat_map(|(_, paths)| paths).collect();
                g.permission_tables.push((g.permissions_case.take(), paths, read));
                true
            }
            Section::Permissions if tables::is_permissions_by_resource(&t.header) => {
                g.paths_before_table.clear();
                let by_resource = tables::permissions_by_resource(t, self.sink);
                g.permissions.get_or_insert_with(Permissions::default).merge(Permissions { by_resource, ..Permissions::default() });
                true
            }
            // Each table's rows: a page may list the optional ones apart.
            Section::RequestHeaders if matches!(first, "header" | "name") => {
                g.headers.extend(t.rows.iter().map(|r| header_row(&header, &r.cells)).filter(|h| !h.name.trim().is_empty()));
                true
            }
            Section::RequestBody if type_col.is_some() => {
                g.body_properties = tables::properties(t, &header, type_col, &self.namespace, self.sink);
                if g.body_line == 0 {
                    g.body_line = t.line;
                }
                true
            }
            Section::Properties | Section::Relationships | Section::Parameters if type_col.is_some() => {
                let props = tables::properties(t, &header, type_col, &self.namespace, self.sink);
                match section {
                    Section::Properties => g.properties.extend(props),
                    Section::Relationships => g.relationships.extend(props),
                    _ => g.url_parameters.extend(props),
                }
                true
            }
            // Mostly the paths' placeholders, described (the paths' fields
            // already); some pages list a function's arguments here too.
            Section::QueryParameters if type_col.is_some() || first == "query parameter" => {
                // OData's own options (`$deltatoken`) are the query
                // builder's; the rest are the operation's.
                let odata = |r: &crate::blocks::Row| tables::cell(&r.cells, 0).trim_matches(['`', '*', ' ']).starts_with('$');
                let own = Table { rows: t.rows.iter().filter(|r| !odata(r)).cloned().collect(), ..t.clone() };
                // Its own rows' types: the options' values may be none.
                let own_type_col = tables::type_column(&own, &header);
                g.query_parameters.extend(tables::properties(&own, &header, own_type_col, &self.namespace, self.sink));
                true
            }
            Section::PathParameters if type_col.is_some() => {
                g.path_parameters.extend(tables::properties(t, &header, type_col, &self.namespace, self.sink));
                true
            }
            Section::Members | Section::Preamble | Section::Other if is_members => {
                g.members = tables::members(t, &header, self.sink);
                g.members_line = t.line;
                true
            }
            // The rows' first cells name the types (`[tokenMeetingInfo](x.md)`
            // in Markdown, the link's text copied); a copied row the
            // space-separated shape leaves unsplit starts with the name.
            Section::DerivedTypes if first == "type" => {
                for row in &t.rows {
                    let cell = tables::cell(&row.cells, 0);
                    match cell.split_whitespace().next().and_then(|name| type_expr::parse_cell(name, &self.namespace)) {
                        Some(named) if !named.is_primitive() && !named.collection => g.derived.push((named.name, row.line)),
                        _ => self.sink.warning(
                            row.line,
                            "derived-type-unreadable",
                            format!("expected a type's name in the Derived types table's first column, found {:?}; the row is not used", cell.trim()),
                        ),
                    }
                }
                true
            }
            Section::EnumValues(name) if is_members || first == "value" => {
                let members = tables::members(t, &header, self.sink);
                g.value_enums.push(EnumDef { name: self.qualify(name), members, line: t.line });
                true
            }
            // Sections whose tables say nothing to generate from (the
            // clouds, the Methods list, examples' tables).
            Section::Preamble | Section::Other | Section::Examples | Section::Response | Section::JsonRepresentation => false,
            _ if first.contains("global service") || first == "method" => false,
            _ => {
                self.sink.warning(
                    t.line,
                    "table-unrecognized",
                    format!("expected a table of this section's kind, found one headed {:?}; it is not used", t.header),
                );
                false
            }
        };
        if used {
            for &line in &t.unsplit_rows {
                self.sink.warning(line, "table-row-unsplit", format!(
                    "expected cells for the columns {:?}; in the space-separated shape a row whose columns each hold several words cannot be split, so it is read as one cell",
                    t.header
                ));
            }
        }
    }

    fn code(&mut self, section: &Section, c: &CodeBlock, g: &mut Gathered) {
        let block_type = c.annotation.as_ref().and_then(|a| a.get("blockType")).and_then(|v| v.as_str()).unwrap_or("");
        if block_type == "resource" || (*section == Section::JsonRepresentation && block_type != "ignored") {
            let text = c.text.trim();
            match crate::parse::lenient_json::read(text) {
                Ok(read) => {
                    if !read.repairs.is_empty() {
                        self.sink.warning(
                            c.line,
                            "json-lenient",
                            format!("resource JSON is not strict JSON; read it after removing: {}", read.repairs.join(", ")),
                        );
                    }
                    g.resource_json = Some((Json { value: read.value, repairs: read.repairs, line: c.line }, c.annotation.clone()));
                }
                Err(e) => self.sink.warning(c.line, "json-unreadable", format!("expected the resource's JSON representation: {e}")),
            }
            return;
        }
        let first = c.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if self.named_example(section, c, block_type, first, g) {
            return;
        }
        // Request lines are recognizable by their content wherever a page
        // puts them: under headings of its own, or with the heading missing.
        if !matches!(section, Section::HttpRequest | Section::Examples) && block_type != "request" && is_request_path_block(&c.text) {
            self.paths_outside_section(section, g, c);
            return;
        }
        match section {
            Section::HttpRequest => {
                self.add_paths(g, c, true);
            }
            // A response shown in the Response section itself (not under
            // Examples) shows the operation's status; where it follows the
            // example request (a page whose "Response" heading after its
            // example is a section of its own), it is that example's.
            Section::Response if http::is_status_line(first) => {
                g.response_shown = g.response_shown.or(http::status_of(first));
                let response = self.response_block(c, g);
                match g.examples.last_mut().filter(|ex| ex.request.is_some() && ex.response.is_none()) {
                    Some(ex) => ex.response = Some(response),
                    None => g.response_block = g.response_block.take().or(Some(response)),
                }
            }
            // Sections of their own ("Completing a file", "Upload bytes") show
            // requests and responses too: an absolute request URL or a status
            // line is an example wherever it stands, in every shape.
            Section::Examples | Section::Other | Section::Parameters | Section::QueryParameters | Section::PathParameters | Section::Preamble
                if *section == Section::Examples || is_example_block(first) =>
            {
                let request_lines: Vec<(usize, &str)> = c.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).collect();
                if request_lines.len() > 1 && request_lines.iter().all(|(_, l)| http::request_line(l).is_some()) {
                    // Several requests in one block (`GET /me/x` and `GET
                    // /users/{id}/x`): an example each, as copied text,
                    // which can't show the block, reads them.
                    for (i, l) in request_lines {
                        if let Some(req) = http::parse_request(l, c.line + i, self.sink) {
                            note_version(g, &req.url, c.line + i);
                            g.examples.push(Example { request: Some(req), response: None });
                        }
                    }
                } else if block_type == "request" || http::request_line(first).is_some() {
                    if let Some(req) = http::parse_request(&c.text, c.line, self.sink) {
                        note_version(g, &req.url, c.line);
                        g.named_requests.extend(annotation_names(c).into_iter().next().map(|n| (n, g.examples.len())));
                        g.examples.push(Example { request: Some(req), response: None });
                    } else {
                        self.sink.warning(c.line, "example-request-unreadable", "expected `METHOD URL` on the first line of this example request");
                    }
                } else if let Some(req) = bodiless_request(g).filter(|_| c.info.starts_with("json") && first.trim_start().starts_with(['{', '['])) {
                    // A request shown without its body, and its JSON right
                    // after in a block of its own (a notification's payload):
                    // that JSON is its body, as copied text reads it too.
                    req.body = Some(http::read_body(&c.text, c.line, self.sink));
                } else if block_type == "response" || http::is_status_line(first) {
                    let resp = self.response_block(c, g);
                    g.bodiless_response = resp.body.is_none();
                    match g.examples.last_mut() {
                        Some(ex) if ex.response.is_none() => ex.response = Some(resp),
                        _ => g.examples.push(Example { request: None, response: Some(resp) }),
                    }
                }
            }
            _ => {}
        }
    }

    /// A response block, shortened where its annotation or the template's
    /// note before it says so.
    fn response_block(&mut self, c: &CodeBlock, g: &mut Gathered) -> http::HttpResponse {
        let annotated = c.annotation.as_ref().and_then(|a| a.get("truncated")).and_then(|v| v.as_bool()).unwrap_or(false);
        let truncated = std::mem::take(&mut g.next_response_truncated) || annotated;
        http::parse_response(&c.text, c.line, truncated, self.sink)
    }

    /// Requests and responses the docs' annotations name, wherever they
    /// stand. A page of several requests (the OneDrive pages) may show one
    /// response for all of them: its annotation's `"name"` lists theirs,
    /// and each gets it. A named request outside the Examples section is an
    /// example too (in the HTTP request section, also its paths). Returns
    /// whether the block was taken.
    fn named_example(&mut self, section: &Section, c: &CodeBlock, block_type: &str, first: &str, g: &mut Gathered) -> bool {
        let names = annotation_names(c);
        if names.is_empty() {
            return false;
        }
        match block_type {
            "request" if *section != Section::Examples => {
                if *section == Section::HttpRequest {
                    self.add_paths(g, c, true);
                } else if is_request_path_block(&c.text) {
                    // Request lines under a heading of their own ("List a
                    // site's drives"), as unnamed ones are read.
                    self.paths_outside_section(section, g, c);
                }
                // One request (a block of several request lines is paths only).
                let one = c.text.lines().filter(|l| http::request_line(l).is_some()).count() == 1;
                if let Some(req) = http::request_line(first).filter(|_| one).and_then(|_| http::parse_request(&c.text, c.line, self.sink)) {
                    note_version(g, &req.url, c.line);
                    g.named_requests.push((names[0].clone(), g.examples.len()));
                    g.examples.push(Example { request: Some(req), response: None });
                }
                true
            }
            "response" => {
                let targets: Vec<usize> = names
                    .iter()
                    .filter_map(|n| g.named_requests.iter().find(|(m, _)| m == n).map(|(_, i)| *i))
                    .filter(|&i| g.examples[i].response.is_none())
                    .collect();
                if targets.is_empty() {
                    return false;
                }
                let resp = self.response_block(c, g);
                if *section == Section::Response && g.response_shown.is_none() {
                    g.response_shown = resp.status;
                }
                for i in targets {
                    g.examples[i].response = Some(resp.clone());
                }
                true
            }
            _ => false,
        }
    }

    fn qualify(&self, name: &str) -> String {
        if name.contains('.') {
            name.to_owned()
        } else {
            format!("{}.{name}", self.namespace)
        }
    }
}

/// A request header's row, in any of the tables' layouts (`Header |
/// Value`, `Name | Description`, `Name | Type | Description`, `Name |
/// Value | Description`): what it says of the header is its Description
/// cell, else the second; a Value cell beside a description leads it
/// (`etag: If this request header is included...`); a Type cell says
/// nothing (a header's value is text).
fn header_row(header: &[String], cells: &[String]) -> Header {
    let column = |name: &str| header.iter().position(|h| h == name);
    let described_in = column("description").unwrap_or(1);
    let said = tables::cell(cells, described_in);
    // "String" in a Value column is the value's type, which says nothing.
    let value = column("value")
        .filter(|&v| v != described_in && v != 0)
        .map(|v| tables::cell(cells, v))
        .filter(|v| !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("string"));
    let description = match value {
        Some(v) if said.trim().is_empty() => v,
        Some(v) => format!("{}: {}", v.trim(), said.trim()),
        None => said,
    };
    Header { name: tables::cell(cells, 0), description }
}

/// A body shown as inline code right after a response block of headers
/// only (`$count`'s answer: the block, then `` `394` ``): that response's
/// body, as copied text, where the code font is lost, reads it too.
fn shown_body(g: &mut Gathered, text: &str, line: usize) -> bool {
    let Some(code) = text.strip_prefix('`').and_then(|t| t.strip_suffix('`')).filter(|c| !c.is_empty() && !c.contains('`')) else { return false };
    let Some(resp) = g.examples.last_mut().and_then(|ex| ex.response.as_mut()).filter(|r| r.body.is_none()) else { return false };
    resp.body = Some(http::Body::Text { text: code.to_owned(), line });
    true
}

/// The template's note before a shortened example response, in its
/// wordings: "The response object shown here might be shortened for
/// readability", "... may be truncated for brevity", "... is truncated".
fn says_truncated(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    (t.contains("truncated") || t.contains("shortened")) && (t.contains("shown") || t.contains("response"))
}

/// The last example, when it is a request without a body still waiting
/// for its response.
fn bodiless_request(g: &mut Gathered) -> Option<&mut http::HttpRequest> {
    g.examples.last_mut().filter(|ex| ex.response.is_none())?.request.as_mut().filter(|r| r.body.is_none())
}

/// A block that is an example by its content: a request to an absolute
/// URL (`PUT https://...`) or with a query string (`?$expand=x`), not a
/// path template, or a response.
fn is_example_block(first: &str) -> bool {
    http::is_status_line(first) || http::request_line(first).is_some_and(|(_, target)| is_example_target(&target))
}

fn is_example_target(target: &str) -> bool {
    target.starts_with("http") || (target.contains('?') && !target.contains("[?"))
}

/// The names an annotation gives its block: `"name": "x"` or a list.
fn annotation_names(c: &CodeBlock) -> Vec<String> {
    match c.annotation.as_ref().and_then(|a| a.get("name")) {
        Some(serde_json::Value::String(n)) => vec![n.clone()],
        Some(serde_json::Value::Array(names)) => names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

/// Notes the API version an absolute URL names, and returns its path.
fn note_version<'u>(g: &mut Gathered, url: &'u str, line: usize) -> &'u str {
    let (version, path) = split_url(url);
    if let Some(v) = version {
        g.url_versions.push((if v == "beta" { "beta" } else { "v1.0" }, line));
    }
    path
}

/// A block of request lines with paths (not the absolute URLs of examples).
fn is_request_path_block(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(|l| http::request_line(l).is_some_and(|(_, target)| !is_example_target(&target)))
}

/// A paragraph that states the page's namespace: the namespace (one
/// dotted name, code marks dropped) and what runs on after it in the same
/// paragraph (a description whose line follows without a blank one).
fn namespace_line(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("Namespace:")?.trim_start();
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    Some((rest[..end].trim_matches('`'), rest[end..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_parameter_is_required_where_the_paths_write_it() {
        let page = crate::fixtures::get("/things/{id}/view?startDateTime={début}&endDateTime={end}", "thing", r#"{"id": "1"}"#).replacen(
            "## Response",
            "## Query parameters\n| Query parameter | Type | Description |\n|:--|:--|:--|\n| startdatetime | String | Début, ISO 8601 (日本). |\n| `$skiptoken` | string | A state token. |\n| _format_ | String | The format. |\n| requiresReview | Boolean | Optional. |\n\n## Response",
            1,
        );
        let (op, said) = read_operation("api/thing-view.md", &page);
        let got: Vec<(&str, Option<&str>, bool)> =
            op.query_parameters.iter().map(|q| (q.name.as_str(), q.type_ref.as_ref().map(|t| t.name.as_str()), q.required)).collect();
        assert_eq!(
            got,
            [
                ("startDateTime", Some("Edm.String"), true),
                ("endDateTime", None, true),
                ("format", Some("Edm.String"), false),
                ("requiresReview", Some("Edm.Boolean"), false),
            ]
        );
        assert_eq!(op.query_parameters[0].description, "Début, ISO 8601 (日本).");
        assert!(op.url_parameters.is_empty());
        assert!(said.iter().all(|d| d.code != "table-unrecognized" && d.code != "property-name-invalid"), "{said:?}");
    }

    #[test]
    fn a_base_is_what_the_prose_says_it_inherits_or_derives_from() {
        // (the paragraph after the namespace, the base read)
        let cases = [
            ("Inherits from [attendeeBase](attendeebase.md).", Some("microsoft.graph.attendeeBase")),
            ("Derived from [attendeeBase](attendeebase.md).", Some("microsoft.graph.attendeeBase")),
            ("This resource inherits from **outlookItem**.", Some("microsoft.graph.outlookItem")),
            ("derives from placeBase, à la carte.", Some("microsoft.graph.placeBase")),
            ("Une salle, 部屋. Derived from [place](place.md).", Some("microsoft.graph.place")),
            ("A CNAME record. Inherited from [DomainDnsRecord](domaindnsrecord.md) entity.", Some("microsoft.graph.DomainDnsRecord")),
            // A name in words, as a link's text writes it.
            ("Session control. Inherits from [Conditional Access Session Control](x.md).", Some("microsoft.graph.ConditionalAccessSessionControl")),
            ("Inherits from Conditional Access Session Control, über alles.", Some("microsoft.graph.ConditionalAccessSessionControl")),
            // A camel-case name is one word.
            ("Inherits from directoryObject The rest.", Some("microsoft.graph.directoryObject")),
            ("Inherited from Entity. The rest.", Some("microsoft.graph.Entity")),
            ("The **q** inherits all the properties of the [mediaQuality](x.md) resource.", Some("microsoft.graph.mediaQuality")),
            ("It inherits the properties from videoQuality, and more.", Some("microsoft.graph.videoQuality")),
            ("Inherited from the [userAgent](useragent.md), ünï.", Some("microsoft.graph.userAgent")),
            ("It inherits properties from that resource.", None),
            // The page's own type (or "it") derives from a type, or is
            // derived from it.
            ("attendee derives from [teamworkHostedContent](x.md)", Some("microsoft.graph.teamworkHostedContent")),
            ("Un contenu. The **Attendee** resource derives from entity.", Some("microsoft.graph.entity")),
            ("It derives from [baseItem](baseitem.md).", Some("microsoft.graph.baseItem")),
            ("The **attendee** resource is derived from [**baseItem**][baseItem] and inherits properties from that resource.\n\n[baseItem]: baseitem.md", Some("microsoft.graph.baseItem")),
            ("Un objet. This resource is derived from [message](message.md). ünï", Some("microsoft.graph.message")),
            ("The **attendee** entity is derived from message. **attendee** is the base type for others.", Some("microsoft.graph.message")),
            // Another type's sentence, and subjects that are no type.
            ("The **chatMessage** resource derives from entity.", None),
            ("The **event** resource is derived from outlookItem.", None),
            ("Any object that derives from directoryObject may be given.", None),
            ("The value is derived from the user's locale.", None),
            ("Its name is derived from [site](site.md).", None),
            // Elsewhere in a sentence, "derived from" names no type.
            ("The language code, derived from ISO 639-1.", None),
            ("Ünïcode, 日本語: no base here.", None),
        ];
        for (paragraph, want) in cases {
            let page = crate::fixtures::resource("attendee", None, &[("type", "String")]).replacen(
                "Namespace: microsoft.graph\n\n",
                &format!("Namespace: microsoft.graph\n\n{paragraph}\n\n"),
                1,
            );
            let read = crate::read_page_text("resources/attendee.md", &page, None);
            let base = read.model.and_then(|m| m.resource).and_then(|r| r.base_type);
            assert_eq!(base.as_deref(), want, "{paragraph}");
        }
    }

    #[test]
    fn permission_tables_each_for_a_case_are_kept_per_case() {
        let table = |work: &str| {
            format!("|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|{work}|\n|Application|Not supported.|\n\n")
        };
        let sentence = "One of the following permissions is required to call this API.\n\n";
        // (the permissions section, the operation's own work permissions, the cases)
        type Case<'a> = (String, Option<Vec<&'a str>>, Vec<(&'a str, Vec<&'a str>)>);
        let cases: [Case; 5] = [
            // One table: the operation's, whatever is written before it.
            (format!("{sentence}### Permissions acting on self\n\n{}", table("A.Read")), Some(vec!["A.Read"]), vec![]),
            // A table per case, under headings, the sentence first.
            (
                format!(
                    "{sentence}### Permissions for channel\n\n{}### Permissions for chat:\n\n{}",
                    table("Channel.Send"),
                    table("Chat.Send, Chat.ReadWrite")
                ),
                None,
                vec![("Permissions for channel", vec!["Channel.Send"]), ("Permissions for chat", vec!["Chat.Send", "Chat.ReadWrite"])],
            ),
            // Named by a sentence before each (the tables since 2023; the copied shapes lose headings' marks).
            (
                format!("Pour un utilisateur :\n\n{}Pour un groupe :\n\n{}", table("É.Read"), table("G.Read")),
                None,
                vec![("Pour un utilisateur", vec!["É.Read"]), ("Pour un groupe", vec!["G.Read"])],
            ),
            // Tables that name no case each: either suffices, as before.
            (format!("{}{}", table("A.Read"), table("B.Read")), Some(vec!["A.Read", "B.Read"]), vec![]),
            // Two tables under one name are not two cases.
            (format!("### Same\n\n{}### Same\n\n{}", table("A.Read"), table("B.Read")), Some(vec!["A.Read", "B.Read"]), vec![]),
        ];
        for (section, own, per_case) in cases {
            let page = crate::fixtures::get("/things/{id}", "thing", r#"{"id": "1"}"#);
            let start = page.find("## Permissions").unwrap();
            let end = page.find("## HTTP request").unwrap();
            let page = format!("{}## Permissions\n{section}{}", &page[..start], &page[end..]);
            let (op, said) = read_operation("api/thing-get.md", &page);
            let p = op.permissions;
            let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            assert_eq!(p.delegated_work, own.as_deref().map(names), "{section}");
            let got: Vec<(String, Option<Vec<String>>)> = p.by_resource.iter().map(|r| (r.resource.clone(), r.delegated_work.clone())).collect();
            let want: Vec<(String, Option<Vec<String>>)> = per_case.iter().map(|(case, work)| (case.to_string(), Some(names(work)))).collect();
            assert_eq!(got, want, "{section}");
            assert!(p.by_resource.iter().all(|r| r.application == Some(Vec::new())), "{section}");
            assert!(said.iter().all(|d| d.code != "permissions-missing"), "{said:?}");
        }
    }

    #[test]
    fn request_lines_before_a_permissions_table_are_its_cases_paths() {
        let table = "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|A.Read|\n\n";
        let lines = |path: &str| format!("```http\nGET {path}\n```\n\n");
        // (the permissions section, whether the request lines in it are said)
        let cases = [
            // Today's template: the paths each table (case) is for, before it.
            (
                format!("Pour un utilisateur :\n\n{}{table}Pour un groupe :\n\n{}{table}", lines("/users/{id}/things"), lines("/groups/{id}/things")),
                false,
            ),
            // A page whose HTTP request heading is missing: lines after the table.
            (format!("{table}{}", lines("/users/{id}/things")), true),
        ];
        for (section, said) in cases {
            let page = crate::fixtures::get("/things/{id}", "thing", r#"{"id": "1"}"#);
            let (start, end) = (page.find("## Permissions").unwrap(), page.find("## HTTP request").unwrap());
            let page = format!("{}## Permissions\n{section}{}", &page[..start], &page[end..]);
            let (op, diagnostics) = read_operation("api/thing-get.md", &page);
            assert!(op.paths.iter().any(|p| p.path == "/users/{id}/things"), "{section}: the lines are paths either way");
            assert_eq!(diagnostics.iter().any(|d| d.code == "request-outside-section"), said, "{section}: {diagnostics:?}");
            // Each case has the paths listed before its table.
            let cases: Vec<(&str, Vec<&str>)> =
                op.permissions.by_resource.iter().map(|r| (r.resource.as_str(), r.paths.iter().map(String::as_str).collect())).collect();
            let want: Vec<(&str, Vec<&str>)> = if said {
                vec![]
            } else {
                vec![("Pour un utilisateur", vec!["/users/{id}/things"]), ("Pour un groupe", vec!["/groups/{id}/things"])]
            };
            assert_eq!(cases, want, "{section}");
        }
    }

    /// The operation a page reads as, and what was said of the page.
    fn read_operation(file: &str, page: &str) -> (Operation, Vec<crate::Diagnostic>) {
        let read = crate::read_page_text(file, page, None);
        (read.model.and_then(|m| m.operation).expect("an operation"), read.diagnostics)
    }

    #[test]
    fn a_namespace_line_is_one_name_and_what_runs_on_is_the_description() {
        // (the paragraph, the namespace, what runs on after it)
        let cases = [
            ("Namespace: microsoft.graph", Some(("microsoft.graph", ""))),
            ("Namespace: `microsoft.graph.callRecords`", Some(("microsoft.graph.callRecords", ""))),
            (
                "Namespace: microsoft.graph Represents an individual Post item (日本).",
                Some(("microsoft.graph", "Represents an individual Post item (日本).")),
            ),
            ("Namespace: microsoft.graph\nReprésente un élément.", Some(("microsoft.graph", "Représente un élément."))),
            ("Namespace:", Some(("", ""))),
            ("A namespace: microsoft.graph", None),
        ];
        for (text, want) in cases {
            assert_eq!(namespace_line(text), want, "{text:?}");
        }
        let page = crate::fixtures::resource("post", None, &[("body", "itemBody")]).replacen(
            "## Properties",
            "Namespace: microsoft.graph\nRepresents an individual post.\n\n## Properties",
            1,
        );
        let page = page.replacen("Namespace: microsoft.graph\n\n", "", 1);
        let read = crate::read_page_text("resources/post.md", &page, None);
        let model = read.model.expect("a model");
        let resource = model.resource.expect("a resource");
        assert_eq!((resource.name.as_str(), resource.properties[0].type_ref.name.as_str()), ("microsoft.graph.post", "microsoft.graph.itemBody"));
        assert_eq!(model.description.as_deref(), Some("Represents an individual post."));
    }

    #[test]
    fn request_header_rows_say_what_their_description_says() {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // (the table's header, a row, the header's name and what is said of it)
        type Case<'a> = (&'a [&'a str], &'a [&'a str], (&'a str, &'a str));
        let cases: &[Case] = &[
            (&["header", "value"], &["Authorization", "Bearer {token}. Required."], ("Authorization", "Bearer {token}. Required.")),
            (&["name", "description"], &["ConsistencyLevel", "eventual. Requis, 必須."], ("ConsistencyLevel", "eventual. Requis, 必須.")),
            (
                &["name", "type", "description"],
                &["Prefer: outlook.timezone", "string", "The time zone."],
                ("Prefer: outlook.timezone", "The time zone."),
            ),
            (&["name", "value", "description"], &["*if-match*", "etag", "A 412 if it differs."], ("*if-match*", "etag: A 412 if it differs.")),
            (&["name", "value", "description"], &["If-None-Match", "", "A 304 if it matches."], ("If-None-Match", "A 304 if it matches.")),
            (&["name", "value", "description"], &["Prefer", "respond-async", ""], ("Prefer", "respond-async")),
            (&["name", "value", "description"], &["if-none-match", "String", "A 304."], ("if-none-match", "A 304.")),
            // A row cut short: what it has.
            (&["name", "type", "description"], &["Accept"], ("Accept", "")),
        ];
        for (header, cells, (name, said)) in cases {
            let h = header_row(&owned(header), &owned(cells));
            assert_eq!((h.name.as_str(), h.description.as_str()), (*name, *said), "{cells:?}");
        }
    }

    #[test]
    fn headings_open_sections() {
        use Section::*;
        // (heading, level, current section, HTTP request section seen, section opened)
        let cases = [
            ("HTTP request", 2, Preamble, false, HttpRequest),
            ("HTTP request (to upload a new file)", 2, Response, true, HttpRequest),
            ("HTTP request", 3, Examples, true, Examples),
            // Copied text: every heading reads as level 2.
            ("HTTP request", 2, Examples, true, Examples),
            // A page whose only request section stands under its examples.
            ("HTTP request", 3, Examples, false, HttpRequest),
            ("Request", 3, Examples, true, Examples),
            ("Response", 3, Examples, true, Examples),
            ("Response", 2, RequestBody, true, Response),
            ("Example 2: with a filter", 2, Response, true, Examples),
            ("Permissions", 2, Preamble, false, Permissions),
            ("Request body", 2, HttpRequest, true, RequestBody),
            ("Notes", 3, RequestBody, true, RequestBody),
            ("See also", 2, Examples, true, Other),
            // Instance attributes are the resource's properties, as a
            // section of their own (driveItem's) or inside Properties.
            ("Instance Attributes", 2, Relationships, false, Properties),
            ("Instance attributes", 3, Properties, false, Properties),
            ("Instance annotations:", 2, Preamble, false, Properties),
            ("Optional request headers", 3, RequestBody, true, RequestHeaders),
        ];
        for (heading, level, current, seen, want) in cases {
            assert_eq!(classify(heading, level, &current, seen), want, "{heading:?} at level {level} after {current:?}");
        }
    }

    #[test]
    fn syntax_paths_written_for_a_reader_are_read_as_request_paths() {
        // Prose that starts with a method, a placeholder in parentheses,
        // and a function's declared parameters written as values.
        let page = format!(
            "{}## HTTP request\nGET to things/{{id}} to read the rows below one.\n\n```http\nGET /things/(thing-id)/rowsAbove(count=n)\nGET /things/(thing-id)/rowsAbove(count=2)\nGET /things/{{thing-id}}/héllo(count='x')\n```\n\n## Function parameters\n|Parameter|Type|Description|\n|:---|:---|:---|\n|count|Int32|How many rows. é|\n",
            crate::fixtures::front("Get rows above", "apiPageType")
        );
        let read = crate::read_page_text("api/thing-rowsabove.md", &page, None);
        let op = read.model.and_then(|m| m.operation).expect("an operation");
        let paths: Vec<_> = op.paths.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/things/{thing-id}/rowsAbove", "/things/{thing-id}/héllo"]);
        assert_eq!(op.paths[0].template.path(), "/things/{thing-id}/rowsAbove");
        assert_eq!(op.url_parameters.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["count"]);
        // Each path's lines write one set: nothing is said to be optional.
        assert!(op.argument_sets.is_empty(), "{:?}", op.argument_sets);
        let said: Vec<_> =
            read.diagnostics.iter().map(|d| (d.line, d.code)).filter(|(_, c)| c.starts_with("path-") || c.starts_with("request-")).collect();
        assert_eq!(
            said,
            [
                (15, "path-placeholder-parenthesized"),
                (16, "path-placeholder-parenthesized"),
                (15, "path-arguments-as-values"),
                (16, "path-arguments-as-values"),
                (17, "path-arguments-as-values")
            ],
            "{:?}",
            read.diagnostics
        );
    }

    #[test]
    fn the_sets_of_arguments_a_functions_lines_write_are_kept() {
        // A chart's image: called bare, with a width, with both, with all
        // three (each set in its lines' order, not the table's).
        let page = format!(
            "{}## HTTP request\n```http\nGET /charts/{{name}}/größe\nGET /charts/{{name}}/größe(breite=640)\nGET /charts/{{name}}/größe(breite=640,hoehe=480)\nGET /charts/{{name}}/größe(hoehe=1,breite=2)\nGET /charts/{{name}}/größe(breite=640,hoehe=480,modus='fit')\n```\n\n## Function parameters\n|Parameter|Type|Description|\n|:---|:---|:---|\n|hoehe|Int32|Höhe.|\n|breite|Int32|Breite.|\n|modus|string|Größe anpassen.|\n",
            crate::fixtures::front("Chart: Bild", "apiPageType")
        );
        let read = crate::read_page_text("api/chart-bild.md", &page, None);
        let op = read.model.and_then(|m| m.operation).expect("an operation");
        assert_eq!(op.paths.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["/charts/{name}/größe"]);
        let sets: Vec<Vec<&str>> = op.argument_sets.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
        assert_eq!(sets, [vec![], vec!["breite"], vec!["breite", "hoehe"], vec!["breite", "hoehe", "modus"]]);
    }

    #[test]
    fn a_syntax_line_with_words_after_its_path_is_said_not_read() {
        let page = format!(
            "{}## HTTP request\n```http\nGET /things/{{id}} (déprécié)\nGET /things/{{id}}?$filter=a eq 'b'\nGET /users/{{id}} | userPrincipalName/things\n```\n",
            crate::fixtures::front("Get thing", "apiPageType")
        );
        let read = crate::read_page_text("api/thing-get.md", &page, None);
        let op = read.model.and_then(|m| m.operation).expect("an operation");
        let paths: Vec<_> = op.paths.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/things/{id}?$filter=a eq 'b'", "/users/{id | userPrincipalName}/things"]);
        let said: Vec<_> = read.diagnostics.iter().filter(|d| d.code == "request-line-unreadable").map(|d| d.line).collect();
        assert_eq!(said, [13], "{:?}", read.diagnostics);
    }

    #[test]
    fn an_example_that_casts_a_documented_path_documents_the_cast() {
        let page = crate::fixtures::get("/things/{id}/members", "thing", r#"{"id": "1"}"#).replace(
            "GET https://graph.microsoft.com/v1.0/things/{id}/members",
            "GET https://graph.microsoft.com/v1.0/things/é1/Members/microsoft.graph.user?$count=true",
        );
        let read = crate::read_page_text("api/thing-list-members.md", &page, None);
        let op = read.model.and_then(|m| m.operation).expect("an operation");
        let paths: Vec<_> = op.paths.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/things/{id}/members", "/things/{id}/members/microsoft.graph.user"]);
        let said: Vec<_> = read.diagnostics.iter().filter(|d| d.code == "path-from-example").map(|d| d.line).collect();
        assert_eq!(said, [op.examples[0].request.as_ref().expect("a request").line]);
    }

    #[test]
    fn a_conceptual_pages_request_lines_make_no_operation() {
        let page = "---\ntitle: \"Use the Things API\"\ndoc_type: conceptualPageType\n---\n\n# Use the Things API\n\n## Things\n\nTo list things (é 日本):\n\n```http\nGET /me/things\n```\n";
        let read = crate::read_page_text("resources/things-overview.md", page, None);
        assert!(read.model.as_ref().is_some_and(|m| m.operation.is_none()));
        let said: Vec<_> = read.diagnostics.iter().map(|d| (d.line, d.code, d.message.contains("GET /me/things"))).collect();
        assert_eq!(said, [(13, "page-conceptual", true)], "{:?}", read.diagnostics);
        // Without the front matter's word, request lines make an operation.
        let read = crate::read_page_text("resources/things-overview.md", &page.replace("conceptualPageType", "apiPageType"), None);
        assert!(read.model.is_some_and(|m| m.operation.is_some()));
    }

    #[test]
    fn a_method_the_client_cannot_send_is_said_not_sent() {
        let page = format!(
            "{}## HTTP request\n```http\nGET /things/{{id}}\nMERGE /things/{{id}}\nGET /things/{{id}}/é\n```\n",
            crate::fixtures::front("Get thing", "apiPageType")
        );
        let read = crate::read_page_text("api/thing-get.md", &page, None);
        let op = read.model.and_then(|m| m.operation).expect("an operation");
        let paths: Vec<_> = op.paths.iter().map(|p| (p.method, p.path.as_str())).collect();
        assert_eq!(paths, [(Method::Get, "/things/{id}"), (Method::Get, "/things/{id}/é")]);
        let said: Vec<_> =
            read.diagnostics.iter().filter(|d| d.code == "method-unsupported").map(|d| (d.line, d.message.contains("`MERGE`"))).collect();
        assert_eq!(said, [(14, true)], "{:?}", read.diagnostics);
    }
}
