//! Merge: pages → schema. Facts are taken in a fixed order of authority:
//! resource and enum pages first, then operation pages' tables, then
//! examples, so when two sources disagree the more authoritative one wins
//! and the disagreement is a diagnostic, never a silent choice.

use super::examples::ExampleWalker;
use super::*;
use crate::page::http::{Body, HttpRequest, HttpResponse};
use crate::page::{PageKind, PageModel, Property};
use crate::PageResult;
use std::collections::BTreeMap;

#[derive(Default)]
pub(super) struct Builder {
    pub types: BTreeMap<TypeKey, TypeDef>,
    pub diagnostics: Vec<Diagnostic>,
    /// What `named_by_page` said, once per name.
    pub said_by_page: super::named_by_page::Said,
}

pub(super) fn key(version: ApiVersion, qualified: &str) -> TypeKey {
    TypeKey::new(version, qualified)
}

fn split_qualified(qualified: &str) -> (String, String) {
    match qualified.rsplit_once('.') {
        Some((ns, name)) => (ns.to_owned(), name.to_owned()),
        None => ("microsoft.graph".to_owned(), qualified.to_owned()),
    }
}

pub(super) fn source(file: &str, line: usize) -> Source {
    Source::new(file, line)
}

/// Builds the schema from every page read. Pages with error diagnostics are
/// left out (their diagnostics are kept); the others are merged.
pub fn build(pages: &[PageResult]) -> Schema {
    let mut b = Builder::default();
    for p in pages {
        b.diagnostics.extend(p.diagnostics.iter().cloned());
    }
    let models: Vec<&PageModel> = pages
        .iter()
        .filter(|p| !p.diagnostics.iter().any(|d| d.severity == crate::diagnostics::Severity::Error))
        .filter_map(|p| p.model.as_ref())
        .collect();
    for m in &models {
        if m.kind == PageKind::Resource {
            b.add_resource(m);
        }
        for e in &m.enums {
            b.add_enum(m, e);
        }
    }
    b.settle_base_conflicts(&models);
    b.bases_from_derived_types(&models);
    b.bases_from_inherited_rows(&models);
    for m in &models {
        if let Some(op) = &m.operation {
            if let Some(body) = &op.request_body {
                if let Some(t) = body.type_ref.as_ref().filter(|t| !t.is_primitive()) {
                    b.add_properties(m, &t.name, &body.properties, false, "operation");
                }
            }
        }
    }
    b.infer_enums(&models);
    let pages = super::named_by_page::page_types(&b);
    b.name_types_by_page(&pages);
    let mut operations: Vec<OperationDef> = models.iter().flat_map(|m| b.operations(m, &pages)).collect();
    b.type_responses_by_path(&mut operations);
    {
        let mut walker = ExampleWalker { builder: &mut b, respelled: Default::default() };
        for op in &operations {
            walker.operation(op);
        }
        walker.respell();
        // With the wire's spellings: does each body fit?
        for op in &mut operations {
            walker.check_fit(op);
        }
    }
    let said = std::mem::take(&mut b.said_by_page);
    b.diagnostics.extend(said.into_values());
    b.report_unresolved(&operations);
    operations.sort_by(|a, c| (a.api_version, &a.name, &a.source).cmp(&(c.api_version, &c.name, &c.source)));
    let mut types: Vec<TypeDef> = b.types.into_values().collect();
    types.sort_by(|a, c| (a.api_version, &a.namespace, &a.name).cmp(&(c.api_version, &c.namespace, &c.name)));
    let mut diagnostics = b.diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    Schema::new(types, operations, diagnostics)
}

impl Builder {
    /// A property of the type or of any of its base types.
    pub(super) fn find_property(&self, version: ApiVersion, type_name: &str, name: &str) -> Option<PropertyDef> {
        self.find_property_by(version, type_name, |p| p == name)
    }

    /// The type and its bases, nearest first, as far as pages define them;
    /// at most 32 (a longer chain is a cycle in the docs).
    pub(super) fn base_chain<'a>(&'a self, version: ApiVersion, type_name: &str) -> impl Iterator<Item = &'a TypeDef> + 'a {
        let first = self.types.get(&key(version, type_name));
        std::iter::successors(first, move |t| t.base_type.as_deref().and_then(|b| self.types.get(&key(version, b)))).take(32)
    }

    /// The first property of the type or of its bases whose name `matches`.
    pub(super) fn find_property_by(&self, version: ApiVersion, type_name: &str, matches: impl Fn(&str) -> bool) -> Option<PropertyDef> {
        self.base_chain(version, type_name).find_map(|def| def.properties.iter().find(|p| matches(&p.name)).cloned())
    }

    /// The paths of a read whose last segment names a stream property of
    /// the entity it answers (`/onenote/pages/{id}/content`, where a
    /// page's `content` is a Stream): they read that stream, not the entity.
    fn stream_property_paths(&self, op: &OperationDef) -> Vec<crate::template::PathTemplate> {
        let Some(t) = op.response.type_name.as_deref().filter(|_| op.method == Method::Get && !op.response.collection && !op.response.is_stream())
        else {
            return Vec::new();
        };
        let streams = |segment: &str| self.find_property(op.api_version, t, segment).is_some_and(|p| p.type_name == STREAM && !p.collection);
        op.paths
            .iter()
            .filter(|p| last_segment(p.as_str()).is_some_and(|s| !s.contains(['{', '(', '$']) && streams(s)))
            .map(|p| p.template.clone())
            .collect()
    }

    pub(super) fn ensure_type(&mut self, version: ApiVersion, qualified: &str, kind: TypeKind, src: &Source) -> &mut TypeDef {
        let (namespace, name) = split_qualified(qualified);
        let t = self.types.entry(key(version, qualified)).or_insert_with(|| TypeDef {
            name,
            namespace,
            api_version: version,
            workload: None,
            kind,
            base_type: None,
            base: None,
            description: None,
            properties: Vec::new(),
            undocumented_properties: Vec::new(),
            members: Vec::new(),
            sources: Vec::new(),
        });
        if !t.sources.iter().any(|s| s == src) {
            t.sources.push(src.to_owned());
        }
        t
    }

    fn add_resource(&mut self, m: &PageModel) {
        let Some(r) = &m.resource else { return };
        let version = m.api_version;
        let has_id = r.properties.iter().any(|p| p.name == "id");
        let kind = if r.key.is_some() || has_id { TypeKind::Entity } else { TypeKind::Complex };
        let src = source(&m.file, r.line);
        let t = self.ensure_type(version, &r.name, kind, &src);
        t.kind = kind;
        if t.workload.is_none() {
            t.workload = m.workload.clone();
        }
        if t.description.is_none() {
            t.description = m.description.clone().filter(|d| d != "Not yet documented");
        }
        if t.base_type.is_none() {
            t.base_type = r.base_type.clone();
        }
        self.add_properties(m, &r.name, &r.properties, false, "resource");
        self.add_properties(m, &r.name, &r.relationships, true, "resource");
    }

    fn add_enum(&mut self, m: &PageModel, e: &crate::page::EnumDef) {
        let version = m.api_version;
        let src = source(&m.file, e.line);
        let t = self.ensure_type(version, &e.name, TypeKind::Enum, &src);
        t.kind = TypeKind::Enum;
        if t.workload.is_none() {
            t.workload = m.workload.clone();
        }
        if t.description.is_none() {
            t.description = m.description.clone().filter(|d| d != "Not yet documented");
        }
        for member in &e.members {
            if !t.members.iter().any(|x| x.name == member.name) {
                t.members.push(MemberDef { name: member.name.clone(), value: member.value });
            }
        }
    }

    /// Adds a table's properties to a type, creating it if no page defined
    /// it yet. A property already there with another type keeps its first
    /// (more authoritative) type, and the difference is a warning.
    fn add_properties(&mut self, m: &PageModel, qualified: &str, props: &[Property], navigation: bool, from: &str) {
        let version = m.api_version;
        let first_src = source(&m.file, props.first().map_or(1, |p| p.line));
        let kind = if props.iter().any(|p| p.name == "id") { TypeKind::Entity } else { TypeKind::Complex };
        let mut conflicts = Vec::new();
        let t = self.ensure_type(version, qualified, kind, &first_src);
        // By name, so a table of 40,000 rows is not 40,000 searches of it.
        let mut at: std::collections::HashMap<String, usize> = t.properties.iter().enumerate().map(|(i, x)| (x.name.clone(), i)).collect();
        for p in props {
            let src = source(&m.file, p.line);
            match at.get(&p.name).map(|&i| &mut t.properties[i]) {
                Some(existing) => {
                    if key(version, &existing.type_name) != key(version, &p.type_ref.name) || existing.collection != p.type_ref.collection {
                        conflicts.push((
                            p.line,
                            format!(
                                "property `{}` of {} is {}{} here (from the {from} page) but {}{} at {}; the first is kept",
                                p.name,
                                qualified,
                                p.type_ref.name,
                                if p.type_ref.collection { " collection" } else { "" },
                                existing.type_name,
                                if existing.collection { " collection" } else { "" },
                                existing.sources.first().map_or("?".to_owned(), Source::to_string)
                            ),
                        ));
                    }
                    if !existing.sources.contains(&src) {
                        existing.sources.push(src);
                    }
                    if existing.description.is_empty() {
                        existing.description = p.description.clone();
                    }
                }
                None => {
                    at.insert(p.name.clone(), t.properties.len());
                    t.properties.push(PropertyDef {
                        name: p.name.clone(),
                        type_name: p.type_ref.name.clone(),
                        resolved: None,
                        collection: p.type_ref.collection,
                        one_of: p.one_of.iter().map(|t| t.name.clone()).collect(),
                        description: p.description.clone(),
                        navigation,
                        sources: vec![src],
                    })
                }
            }
        }
        for (line, msg) in conflicts {
            self.diagnostics.push(Diagnostic::warning(&m.file, line, "property-type-conflict", msg));
        }
    }

    /// "Possible values are: ..." makes an enum of a type no page defines,
    /// and adds values an enum page did not list (with a warning).
    fn infer_enums(&mut self, models: &[&PageModel]) {
        for m in models {
            let version = m.api_version;
            let mut tables: Vec<&Property> = Vec::new();
            if let Some(r) = &m.resource {
                tables.extend(&r.properties);
            }
            if let Some(op) = &m.operation {
                if let Some(b) = &op.request_body {
                    tables.extend(&b.properties);
                }
            }
            for p in tables {
                if p.type_ref.is_primitive() || p.possible_values.is_empty() {
                    continue;
                }
                let k = key(version, &p.type_ref.name);
                let src = source(&m.file, p.line);
                let existing_kind = self.types.get(&k).map(|t| t.kind);
                match existing_kind {
                    Some(TypeKind::Enum) | None => {
                        let defined = existing_kind.is_some() && !self.types[&k].members.is_empty();
                        let t = self.ensure_type(version, &p.type_ref.name, TypeKind::Enum, &src);
                        let mut added = Vec::new();
                        // Prose capitalizes a member (`**Private**` for
                        // `private`): the same member, not another.
                        for v in &p.possible_values {
                            if !t.members.iter().any(|x| x.name.eq_ignore_ascii_case(v)) {
                                t.members.push(MemberDef { name: v.clone(), value: None });
                                added.push(v.clone());
                            }
                        }
                        if defined && !added.is_empty() {
                            self.diagnostics.push(Diagnostic::warning(
                                &m.file,
                                p.line,
                                "enum-member-undocumented",
                                format!("`{}` lists values its enum page does not: {}; they are added", p.name, added.join(", ")),
                            ));
                        }
                    }
                    Some(_) => self.diagnostics.push(Diagnostic::warning(
                        &m.file,
                        p.line,
                        "enum-values-on-structured-type",
                        format!("`{}` lists possible values, but its type {} is a structured type; the values are not used", p.name, p.type_ref.name),
                    )),
                }
            }
        }
    }

    /// A page's operation, one per method: a page may document the same
    /// operation on paths that take different methods (`DELETE
    /// /me/drive/following/{id}` and `POST /me/drive/items/{id}/unfollow`).
    /// Each gets its paths and the examples that use its method.
    fn operations(&mut self, m: &PageModel, pages: &super::named_by_page::Pages) -> Vec<OperationDef> {
        let mut ops = self.operations_by_method(m);
        for op in &mut ops {
            self.name_operation_types_by_page(pages, op);
        }
        ops.into_iter()
            .flat_map(|op| {
                let streams = self.stream_property_paths(&op);
                raw_values_apart(op, &streams)
            })
            .flat_map(content_apart)
            .collect()
    }

    fn operations_by_method(&mut self, m: &PageModel) -> Vec<OperationDef> {
        let Some(whole) = self.operation(m) else { return Vec::new() };
        let methods: Vec<Method> = m.operation.iter().flat_map(|o| o.paths.iter().map(|p| p.method)).fold(Vec::new(), |mut acc, x| {
            if !acc.contains(&x) {
                acc.push(x);
            }
            acc
        });
        if methods.len() <= 1 {
            return vec![whole];
        }
        let paths = &m.operation.as_ref().expect("an operation page").paths;
        methods
            .iter()
            .enumerate()
            .map(|(i, method)| {
                let mut op = whole.clone();
                op.method = *method;
                op.paths = paths.iter().filter(|p| p.method == *method).map(DocumentedPath::of).collect();
                op.examples.retain(|e| e.request.as_ref().map_or(i == 0, |r| r.method == *method));
                if i > 0 {
                    op.name = format!("{} ({method})", whole.name);
                    op.source = source(&m.file, paths.iter().find(|p| p.method == *method).map_or(1, |p| p.line));
                }
                op
            })
            .collect()
    }

    fn operation(&mut self, m: &PageModel) -> Option<OperationDef> {
        let op = m.operation.as_ref()?;
        let version = m.api_version;
        let name = m.title.clone().unwrap_or_else(|| m.file.rsplit('/').next().unwrap_or(&m.file).trim_end_matches(".md").to_owned());
        let status_from_examples = op.examples.iter().find_map(|e| e.response.as_ref().and_then(|r| r.status));
        let response = match &op.response {
            Some(r) => ResponseDef {
                status: r.status,
                type_name: r.type_ref.as_ref().map(|t| t.name.clone()),
                resolved: None,
                collection: r.type_ref.as_ref().or(r.one_of.first()).is_some_and(|t| t.collection),
                one_of: r.one_of.iter().map(|t| t.name.clone()).collect(),
            },
            None => {
                let status = status_from_examples.unwrap_or(200);
                self.diagnostics.push(Diagnostic::warning(
                    &m.file,
                    op.paths.first().map_or(1, |p| p.line),
                    "response-missing",
                    format!(
                        "expected a Response section naming the status code; {status} is taken from {}",
                        if status_from_examples.is_some() { "the example" } else { "the HTTP default" }
                    ),
                ));
                ResponseDef { status, type_name: None, resolved: None, collection: false, one_of: Vec::new() }
            }
        };
        let param = |p: &Property| ParameterDef {
            name: p.name.clone(),
            type_name: p.type_ref.name.clone(),
            resolved: None,
            quoted: false,
            collection: p.type_ref.collection,
            one_of: p.one_of.iter().map(|t| t.name.clone()).collect(),
            description: p.description.clone(),
            optional: says_optional(&p.description) || op.argument_sets.iter().any(|set| !set.contains(&p.name)),
        };
        let examples: Vec<ExampleDef> = op
            .examples
            .iter()
            .map(|e| ExampleDef {
                request: e.request.as_ref().map(example_request),
                response: e.response.as_ref().map(|r| example_response(r, response.status)),
                source: source(&m.file, e.request.as_ref().map(|r| r.line).or(e.response.as_ref().map(|r| r.line)).unwrap_or(1)),
            })
            .collect();
        let answers: Vec<&ExampleResponse> =
            examples.iter().filter(|e| !e.goes_elsewhere()).filter_map(|e| e.response.as_ref()).filter(|r| (200..300).contains(&r.status)).collect();
        let mut response = response;
        if is_redirect(response.status) {
            // A redirect (a report's or a file's `302 Found` to a
            // pre-authenticated download URL) is followed by the client: the
            // answer is the content it leads to, which the docs describe
            // but do not type.
            response = ResponseDef::stream(response.status);
        } else if response.type_name.is_none()
            && response.one_of.is_empty()
            && answers.iter().any(|r| shows_content(&r.headers, r.body.is_some(), r.body_text.as_deref()))
            && !answers.iter().any(|r| r.body.is_some() && !shows_content(&r.headers, true, None))
        {
            // Untyped by the docs (no type, no alternatives), but the
            // examples answer with content, none with JSON.
            response = ResponseDef::stream(response.status);
        }
        let request_body = match op.request_body.as_ref() {
            Some(b) => Some(match &b.type_ref {
                Some(t) => RequestBodyDef {
                    type_name: Some(t.name.clone()),
                    resolved: None,
                    collection: t.collection,
                    parameters: Vec::new(),
                    wrapper: None,
                },
                None => {
                    let mut parameters: Vec<ParameterDef> = b.properties.iter().map(param).collect();
                    let wrapper = super::action_body::wrapper(&parameters, &examples);
                    super::action_body::respell(&mut parameters, wrapper.as_ref(), &examples, &mut self.diagnostics);
                    RequestBodyDef { type_name: None, resolved: None, collection: false, parameters, wrapper }
                }
            }),
            None => content_body(&examples),
        };
        Some(OperationDef {
            api_version: version,
            name,
            workload: m.workload.clone().unwrap_or_else(|| DEFAULT_WORKLOAD.to_owned()),
            description: m.description.clone(),
            // A page without a request line is an error, so never read.
            method: op.method?,
            paths: op.paths.iter().map(DocumentedPath::of).collect(),
            url_parameters: op.url_parameters.iter().map(param).collect(),
            query_parameters: op
                .query_parameters
                .iter()
                .map(|q| QueryParameterDef {
                    name: q.name.clone(),
                    type_name: q.type_ref.as_ref().map(|t| t.name.clone()),
                    description: q.description.clone(),
                    required: q.required,
                })
                .collect(),
            request_headers: op
                .request_headers
                .iter()
                .map(|h| super::RequestHeaderDef { name: h.name.clone(), description: h.description.clone() })
                .collect(),
            request_body,
            response,
            permissions: op.permissions.clone(),
            examples,
            counted: op.counted.clone(),
            argument_sets: op.argument_sets.clone(),
            source: source(&m.file, op.paths.first().map_or(1, |p| p.line)),
        })
    }

    /// Every type named somewhere but defined nowhere: the emitters type it
    /// as untyped JSON, and the user is told.
    fn report_unresolved(&mut self, operations: &[OperationDef]) {
        let mut refs: Vec<(ApiVersion, String, Source)> = Vec::new();
        for t in self.types.values() {
            for p in &t.properties {
                refs.push((t.api_version, p.type_name.clone(), p.sources[0].clone()));
            }
            if let Some(base) = &t.base_type {
                refs.push((t.api_version, base.clone(), t.sources[0].clone()));
            }
        }
        for op in operations {
            let types = op.request_body.iter().filter_map(|b| b.type_name.clone()).chain(op.response.type_name.clone());
            for t in types.chain(op.request_body.iter().flat_map(|b| b.parameters.iter().map(|p| p.type_name.clone()))) {
                refs.push((op.api_version, t, op.source.clone()));
            }
        }
        // Each undefined type once: its name as first written, and where.
        let mut undefined: BTreeMap<TypeKey, (String, Source)> = BTreeMap::new();
        for (version, name, src) in refs {
            let k = key(version, &name);
            if !name.starts_with("Edm.") && !self.types.contains_key(&k) {
                undefined.entry(k).or_insert((name, src));
            }
        }
        for (k, (name, src)) in undefined {
            let version = k.version();
            self.diagnostics.push(src.warning(
                "type-unresolved",
                format!("expected a resource or enum page defining {name} ({version}); none was read, so it is typed as untyped JSON"),
            ));
        }
    }
}

fn example_request(r: &HttpRequest) -> ExampleRequest {
    let (body, body_text) = split_body(r.body.as_ref());
    ExampleRequest { method: r.method, url: r.url.clone(), headers: r.headers.clone(), body, body_text, fits_type: true }
}

fn example_response(r: &HttpResponse, default_status: u16) -> ExampleResponse {
    let (body, body_text) = split_body(r.body.as_ref());
    ExampleResponse {
        status: r.status.unwrap_or(default_status),
        headers: r.headers.clone(),
        body,
        body_text,
        truncated: r.truncated,
        fits_type: true,
    }
}

fn split_body(body: Option<&Body>) -> (Option<serde_json::Value>, Option<String>) {
    match body {
        Some(Body::Json(j)) => (Some(j.value.clone()), None),
        Some(Body::Text { text, .. }) => (None, Some(text.clone())),
        None => (None, None),
    }
}

/// A path's last segment, without its query.
fn last_segment(path: &str) -> Option<&str> {
    path.split('?').next().unwrap_or_default().trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty())
}

/// OData's `/$value` is the raw value of what the path before it names (a
/// photo's bytes, a message's MIME), not that entity's JSON: a read on such
/// paths answers a stream, as a read of a stream property does
/// (`streams`: a OneNote page's `/content`). Where a page reads the entity
/// and its raw value in one operation (`GET /me/photo`, `GET
/// /me/photo/$value`), the raw value's paths and examples are an operation
/// of their own.
fn raw_values_apart(mut op: OperationDef, streams: &[crate::template::PathTemplate]) -> Vec<OperationDef> {
    // A documented path, or an example's URL.
    let raw = |url: &str| {
        let path = crate::template::split_url(url).1.split('?').next().unwrap_or_default();
        last_segment(path) == Some("$value") || streams.iter().any(|t| t.match_path(path).is_some())
    };
    if op.method != Method::Get || !op.paths.iter().any(|p| raw(p.as_str())) {
        return vec![op];
    }
    let stream = ResponseDef::stream(op.response.status);
    if op.paths.iter().all(|p| raw(p.as_str())) {
        op.response = stream;
        return vec![op];
    }
    let examples = std::mem::take(&mut op.examples);
    let mut value = op.clone();
    value.name = format!("{} (raw value)", op.name);
    value.response = stream;
    value.paths.retain(|p| raw(p.as_str()));
    op.paths.retain(|p| !raw(p.as_str()));
    (value.examples, op.examples) = examples.into_iter().partition(|e| e.request.as_ref().is_some_and(|r| raw(&r.url)));
    value.counted.retain(|c| value.paths.iter().any(|p| p.as_str() == c));
    op.counted.retain(|c| op.paths.iter().any(|p| p.as_str() == c));
    vec![op, value]
}

/// Where the docs type a JSON body but an example sends the same request
/// as content of another media type (`sendMail`, `reply` and `POST
/// /messages` in MIME, as `text/plain`), the content is an operation of
/// its own on the same paths, with those examples: a body is one or the
/// other, and a typed body can't carry the bytes. An example whose body
/// reads as JSON stays: its media type is more likely the page's slip than
/// content that happens to be JSON. So does content sent to a path the
/// operation does not document (a branding image `PUT` to
/// `.../bannerLogo`, beside the documented `.../localizations/{id}`): the
/// docs show it on another resource, not as this operation's body.
fn content_apart(mut op: OperationDef) -> Vec<OperationDef> {
    let sends_content =
        |e: &ExampleDef| e.request.as_ref().is_some_and(|r| r.body.is_none() && shows_content(&r.headers, false, r.body_text.as_deref()));
    let on_its_paths = |e: &ExampleDef| {
        let url = e.request.as_ref().map_or("", |r| r.url.as_str());
        let (_, path) = crate::template::split_url(url);
        op.paths.iter().any(|p| p.template.match_path(path).is_some())
    };
    let documented = op.examples.iter().any(|e| sends_content(e) && on_its_paths(e));
    if op.request_body.as_ref().is_none_or(RequestBodyDef::is_stream) || !documented {
        return vec![op];
    }
    let examples = std::mem::take(&mut op.examples);
    let mut content = op.clone();
    content.name = format!("{} (content)", op.name);
    content.request_body = Some(RequestBodyDef::stream());
    (content.examples, op.examples) = examples.into_iter().partition(sends_content);
    vec![op, content]
}

/// The body of an operation whose docs type none but whose example sends
/// one of another media type than JSON (a file's bytes, an image, a zip, a
/// message in MIME, a multipart page): content, typed `Edm.Stream` as the
/// docs type a stream.
fn content_body(examples: &[ExampleDef]) -> Option<RequestBodyDef> {
    let sends_content = examples
        .iter()
        .filter(|e| !e.goes_elsewhere())
        .filter_map(|e| e.request.as_ref())
        .any(|r| shows_content(&r.headers, r.body.is_some(), r.body_text.as_deref()));
    sends_content.then(RequestBodyDef::stream)
}

/// Whether an example's message carries a body of a media type other
/// than JSON, which its headers name.
fn shows_content(headers: &[(String, String)], json: bool, text: Option<&str>) -> bool {
    let has_body = json || text.is_some_and(|t| !t.trim().is_empty());
    has_body && content_type(headers).is_some_and(|m| !is_json_media(m))
}

/// Whether a parameter's description says it is optional: it opens so
/// ("Optional. The address...", "**Optional** - ...", "(Optional) ..."),
/// or one of its sentences is that word alone ("A time zone format.
/// Supported values are: `Windows`, and `Iana`. Optional.", as the docs
/// write "Required." after a header's description).
fn says_optional(description: &str) -> bool {
    let marks = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '(' | ')' | '`');
    let head = description.trim_start_matches(marks);
    let opens = head.get(..8).is_some_and(|w| w.eq_ignore_ascii_case("optional")) && !head[8..].starts_with(|c: char| c.is_alphanumeric());
    opens || description.split(". ").any(|sentence| sentence.trim_matches(|c: char| marks(c) || c == '.').eq_ignore_ascii_case("optional"))
}

/// `application/json`, with parameters or a `+json` suffix.
fn is_json_media(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Merge precedence, one case per rule, with pages as small as the rule
/// needs (the seeds and the corpus test the rest).
#[cfg(test)]
mod tests {
    use crate::fixtures::{codes, create, get, resource, schema};
    use crate::schema::{ApiVersion, Schema};

    #[test]
    fn a_parameter_is_optional_where_its_description_says_so() {
        let cases = [
            ("Optional. The address or the name of the range.", true),
            ("optional - the token.", true),
            ("**Optional** Considers only cells with values.", true),
            ("(Optional) A count.", true),
            ("_Optional_. Größe.", true),
            // A sentence of that word alone, wherever it stands.
            ("The address. Optional.", true),
            ("A time zone format. Supported values are: `Windows`, and `Iana`. **Optional**", true),
            ("Die Größe. (Optional). Ab 1.", true),
            // Another word, or the word inside a sentence.
            ("Optionally, a count.", false),
            ("The address. Optional for workbooks.", false),
            ("An optional address.", false),
            ("The address. Non-optional.", false),
            ("Required. The count.", false),
            ("Optiona", false),
            ("", false),
            ("Opt", false),
            ("日本語", false),
        ];
        for (description, optional) in cases {
            assert_eq!(super::says_optional(description), optional, "{description:?}");
        }
    }

    fn properties(schema: &Schema, name: &str) -> Vec<(String, String)> {
        let t = schema.find_type(ApiVersion::V1_0, &format!("microsoft.graph.{name}")).unwrap_or_else(|| panic!("{name} is a type"));
        t.properties.iter().map(|p| (p.name.clone(), p.type_name.clone())).collect()
    }

    #[test]
    fn a_response_the_docs_show_only_as_other_content_is_a_stream() {
        // (the examples' responses after their status line, the response
        // type): untyped, answered with content and never with JSON, it is
        // `Edm.Stream`; typed by the docs, it stays as they type it.
        let cases: [(&[&str], &str, Option<&str>); 8] = [
            (&["Content-Type: application/octet-stream\n\nReport Refresh Date,Nom,日本"], "No Content", Some("Edm.Stream")),
            (&["Content-type: image/png\n\n<binary>"], "No Content", Some("Edm.Stream")),
            (&["Content-Type: text/csv\n\na,b", "Content-Type: application/json\n\n{\"id\": \"é\"}"], "No Content", None),
            (&["Content-Type: application/json\n\n{\"id\": \"é\"}", "Content-Type: text/csv\n\na,b"], "No Content", None),
            (&["Content-Type: text/plain\n\n"], "No Content", None),
            (&["Content-Type: application/json\n\n{\"id\": \"é\"}"], "No Content", None),
            (&["Content-Type: image/png\n\n<binary>"], "[thing](../resources/thing.md) object", Some("microsoft.graph.thing")),
            // Alternatives with no common base are typed too: no stream.
            (&["Content-Type: image/png\n\n<binary>"], "a [thing](../resources/thing.md) or [autre](../resources/autre.md) object", None),
        ];
        for (answers, named, want) in cases {
            let mut page = get("/things/{id}/report", "thing", "").replace("a [thing](../resources/thing.md) object", named);
            let cut = page.find("### Response").unwrap();
            page.truncate(cut);
            for answer in answers {
                page.push_str(&format!("### Response\n```http\nHTTP/1.1 200 OK\n{answer}\n```\n\n"));
            }
            let s = schema(&[
                ("resources/thing.md", resource("thing", None, &[("id", "String")])),
                ("resources/autre.md", resource("autre", None, &[("nom", "String")])),
                ("api/thing-report.md", page),
            ]);
            assert_eq!(s.operations[0].response.type_name.as_deref(), want, "{answers:?} {named}");
        }
    }

    #[test]
    fn a_response_of_alternatives_is_their_nearest_common_base() {
        // (what the Response section names, the response type, what is said)
        let cases = [
            ("a [user](../resources/user.md) or [group](../resources/group.md) object", Some("microsoft.graph.directoryObject"), None),
            ("a collection of user and/or groupé objects", None, None),
            ("a user or [room](../resources/room.md) object", Some("microsoft.graph.directoryObject"), None),
            ("a user or thing object", None, Some("which share no documented base type")),
            ("a user or nowhere object", None, Some("nowhere is defined nowhere")),
        ];
        for (named, want, said) in cases {
            let page = get("/things/{id}", "thing", r#"{"id": "1"}"#).replace("a [thing](../resources/thing.md) object", named);
            let s = schema(&[
                ("resources/directoryobject.md", resource("directoryObject", None, &[("id", "String")])),
                ("resources/user.md", resource("user", Some("directoryObject"), &[("displayName", "String")])),
                ("resources/group.md", resource("group", Some("directoryObject"), &[("mail", "String")])),
                // Two levels below the base.
                ("resources/room.md", resource("room", Some("group"), &[("floor", "Int32")])),
                ("resources/thing.md", resource("thing", None, &[("id", "String")])),
                ("api/thing-get.md", page),
            ]);
            let response = &s.operations[0].response;
            assert_eq!(response.type_name.as_deref(), want, "{named}: {response:?} {:?}", s.diagnostics);
            let message = s.diagnostics.iter().find(|d| d.code == "response-alternatives-unrelated").map(|d| d.message.as_str());
            match said {
                Some(said) => assert!(message.is_some_and(|m| m.contains(said)), "{named}: {message:?}"),
                None => assert_eq!(message, None, "{named}"),
            }
        }
    }

    #[test]
    fn a_property_of_alternatives_is_their_nearest_common_base() {
        // (the Type cell, the property's type, what is said)
        let cases = [
            ("user or room", "microsoft.graph.directoryObject", None),
            ("user, group, or room", "microsoft.graph.directoryObject", None),
            ("`group or room`", "microsoft.graph.group", None),
            ("user or thing", "Edm.Untyped", Some("which share no documented base type")),
            ("user or nulle_part", "Edm.Untyped", Some("nulle_part is defined nowhere")),
        ];
        for (cell, want, said) in cases {
            let s = schema(&[
                ("resources/directoryobject.md", resource("directoryObject", None, &[("id", "String")])),
                ("resources/user.md", resource("user", Some("directoryObject"), &[("displayName", "String")])),
                ("resources/group.md", resource("group", Some("directoryObject"), &[("mail", "String")])),
                ("resources/room.md", resource("room", Some("group"), &[("floor", "Int32")])),
                ("resources/thing.md", resource("thing", None, &[("owner", cell)])),
            ]);
            assert_eq!(properties(&s, "thing"), [("owner".to_owned(), want.to_owned())], "{cell}");
            let message = s.diagnostics.iter().find(|d| d.code == "property-alternatives-unrelated").map(|d| d.message.as_str());
            match said {
                Some(said) => assert!(message.is_some_and(|m| m.contains(said)), "{cell}: {message:?}"),
                None => assert_eq!(message, None, "{cell}"),
            }
            assert!(!s.diagnostics.iter().any(|d| d.code == "type-unmapped"), "{cell}: {:?}", s.diagnostics);
        }
    }

    #[test]
    fn a_type_named_by_its_page_is_the_type_that_page_documents() {
        // The response names `page`; `resources/page.md` documents
        // `onenotePage`, whose `content` is a stream: `/content` reads it.
        let op = get("/pages/{id}", "page", r#"{"title": "é"}"#).replacen("GET /pages/{id}\n", "GET /pages/{id}\nGET /pages/{id}/content\n", 1);
        let onenote = resource("onenotePage", None, &[("title", "String"), ("content", "Stream")]);
        let s = schema(&[("resources/page.md", onenote.clone()), ("api/page-get.md", op.clone())]);
        let ops: Vec<(Option<&str>, Vec<&str>)> =
            s.operations.iter().map(|o| (o.response.type_name.as_deref(), o.paths.iter().map(|p| p.as_str()).collect())).collect();
        assert_eq!(ops, [(Some("microsoft.graph.onenotePage"), vec!["/pages/{id}"]), (Some("Edm.Stream"), vec!["/pages/{id}/content"])]);
        let said: Vec<&str> = s.diagnostics.iter().filter(|d| d.code.starts_with("type-")).map(|d| d.code).collect();
        assert_eq!(said, ["type-named-by-page"]);
        // A property's alternatives are named by page too.
        let notebook = resource("notebook", None, &[("cover", "page or onenotePage")]);
        let s = schema(&[("resources/page.md", onenote.clone()), ("resources/notebook.md", notebook)]);
        assert_eq!(properties(&s, "notebook"), [("cover".to_owned(), "microsoft.graph.onenotePage".to_owned())], "{:?}", s.diagnostics);
        // Two pages of that name documenting two types: neither is taken.
        let other = resource("pageDeux", None, &[("nom", "String")]);
        let s = schema(&[("resources/page.md", onenote), ("autres/page.md", other), ("api/page-get.md", op)]);
        assert_eq!(s.operations[0].response.type_name.as_deref(), Some("microsoft.graph.page"));
        assert!(codes(&s).contains(&"type-unresolved") && !codes(&s).contains(&"type-named-by-page"), "{:?}", s.diagnostics);
    }

    #[test]
    fn a_value_the_prose_capitalizes_is_the_enum_member() {
        let page = crate::fixtures::resource("thing", None, &[("visibility", "visibilityKind (optional)")])
            .replace("The visibility. é 日本語 🙂", "Possible values are: **Private**, **Public**, **Geheim**.");
        let s = schema(&[
            ("resources/thing.md", page),
            ("resources/visibilitykind.md", crate::fixtures::enumeration("visibilityKind", &["private", "public"])),
        ]);
        let kind = s.find_type(ApiVersion::V1_0, "microsoft.graph.visibilityKind").expect("the enum");
        let members: Vec<&str> = kind.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(members, ["private", "public", "Geheim"]);
        let said: Vec<&str> = s.diagnostics.iter().filter(|d| d.code == "enum-member-undocumented").map(|d| d.message.as_str()).collect();
        assert!(said.len() == 1 && said[0].ends_with("does not: Geheim; they are added"), "{said:?}");
    }

    #[test]
    fn a_resource_page_outranks_an_operation_table() {
        let s = schema(&[
            ("resources/thing.md", resource("thing", None, &[("id", "String"), ("size", "Int32")])),
            ("api/thing-create.md", create("/things", "thing", &[("size", "String"), ("colour", "String")])),
        ]);
        // The resource page's type stands; the operation's other column is said.
        let props = properties(&s, "thing");
        assert!(props.contains(&("size".into(), "Edm.Int32".into())), "{props:?}");
        assert!(codes(&s).contains(&"property-type-conflict"), "{:?}", s.diagnostics);
    }

    #[test]
    fn a_property_only_an_example_shows_is_recorded_not_typed() {
        let s = schema(&[
            ("resources/thing.md", resource("thing", None, &[("id", "String")])),
            ("api/thing-get.md", get("/things/{id}", "thing", r#"{"id": "1", "officeLocation": "Bâtiment 4"}"#)),
        ]);
        assert_eq!(properties(&s, "thing"), [("id".to_owned(), "Edm.String".to_owned())]);
        let t = s.find_type(ApiVersion::V1_0, "microsoft.graph.thing").unwrap();
        assert_eq!(t.undocumented_properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["officeLocation"]);
        assert!(codes(&s).contains(&"example-property-undeclared"), "{:?}", s.diagnostics);
    }

    #[test]
    fn a_derived_types_example_adds_nothing_to_its_base() {
        let s = schema(&[
            ("resources/directoryobject.md", resource("directoryObject", None, &[("id", "String")])),
            ("resources/user.md", resource("user", Some("directoryObject"), &[("displayName", "String")])),
            (
                "api/directoryobject-get.md",
                get(
                    "/directoryObjects/{id}",
                    "directoryObject",
                    r##"{"@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "Ann", "jobTitle": "Engineer"}"##,
                ),
            ),
        ]);
        assert_eq!(properties(&s, "directoryObject"), [("id".to_owned(), "Edm.String".to_owned())]);
        assert!(s.find_type(ApiVersion::V1_0, "microsoft.graph.directoryObject").unwrap().undocumented_properties.is_empty());
        // What the user's docs lack is the user's to record.
        let user = s.find_type(ApiVersion::V1_0, "microsoft.graph.user").unwrap();
        assert_eq!(user.undocumented_properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["jobTitle"]);
    }

    #[test]
    fn a_type_without_a_resource_page_takes_its_operations_tables() {
        let s = schema(&[("api/gadget-create.md", create("/gadgets", "gadget", &[("name", "String"), ("weight", "Double")]))]);
        assert_eq!(properties(&s, "gadget"), [("name".to_owned(), "Edm.String".to_owned()), ("weight".to_owned(), "Edm.Double".to_owned())]);
    }
}
