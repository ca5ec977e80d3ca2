//! The schema: every page merged, per API version. It is what the emitters
//! read and what `schema.json` holds (documented in the README).

pub use crate::page::{ApiVersion, Method};

mod build;
pub use build::build;
mod action_body;
mod derived_types;
mod examples;
mod named_by_page;
mod named_by_path;

use crate::diagnostics::Diagnostic;
use serde::Serialize;

#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub types: Vec<TypeDef>,
    pub operations: Vec<OperationDef>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    index: std::collections::HashMap<TypeKey, TypeId>,
}

/// A type's identity: its API version and its qualified name without case
/// (the docs are not consistent about the case of a type's first letter).
/// Made only by `TypeKey::new`, so every lookup folds case the same way.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeKey {
    version: ApiVersion,
    folded: String,
}

impl TypeKey {
    pub fn new(version: ApiVersion, qualified: &str) -> Self {
        TypeKey { version, folded: qualified.to_ascii_lowercase() }
    }

    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The qualified name lowercased: how `runtime::odata_type` gives a
    /// value's `@odata.type` to compare.
    pub fn folded(&self) -> &str {
        &self.folded
    }
}

/// A type of the schema, by its place in `Schema::types`: what each
/// reference to a type (a property's, a base, a body, a response) is
/// resolved to once, when the schema is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDef {
    pub name: String,
    pub namespace: String,
    pub api_version: ApiVersion,
    /// The area of the page that defined the type (`null` where no page says).
    pub workload: Option<String>,
    pub kind: TypeKind,
    pub base_type: Option<String>,
    /// `base_type` resolved.
    #[serde(skip)]
    pub base: Option<TypeId>,
    pub description: Option<String>,
    pub properties: Vec<PropertyDef>,
    /// Properties only examples show (no table of the type's pages lists
    /// them): not typed fields (a value keeps them in
    /// `additional_properties`), recorded with their example's source and
    /// the type their JSON suggests. Absent from schema.json when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undocumented_properties: Vec<PropertyDef>,
    pub members: Vec<MemberDef>,
    pub sources: Vec<Source>,
}

impl TypeDef {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    pub fn key(&self) -> TypeKey {
        TypeKey::new(self.api_version, &self.qualified())
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyDef {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    /// `type_name` resolved: None for a primitive (`Edm.*`) or a type no page defines.
    #[serde(skip)]
    pub resolved: Option<TypeId>,
    pub collection: bool,
    /// The types its Type cell names as alternatives; `type_name` is
    /// their nearest common base, or untyped where they share none.
    #[serde(rename = "oneOf", skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    pub description: String,
    /// A relationship (navigation property) rather than a structural one.
    pub navigation: bool,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MemberDef {
    pub name: String,
    pub value: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationDef {
    pub api_version: ApiVersion,
    pub name: String,
    /// The docs' area (`intune-deviceconfig`, `groups`): a Cargo feature of the crate.
    pub workload: String,
    pub description: Option<String>,
    pub method: Method,
    pub paths: Vec<DocumentedPath>,
    pub url_parameters: Vec<ParameterDef>,
    /// The query's parameters beside OData's options (`startDateTime`):
    /// required where the paths write them, then the page table's others.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<QueryParameterDef>,
    /// The request headers its page lists (its Request headers and
    /// Optional request headers tables), as the page describes them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<RequestHeaderDef>,
    pub request_body: Option<RequestBodyDef>,
    pub response: ResponseDef,
    pub permissions: Permissions,
    pub examples: Vec<ExampleDef>,
    /// The paths (of `paths`) whose `$count` an example calls.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counted: Vec<String>,
    /// The sets of `url_parameters` (by name) the request lines call the
    /// function with, where they write more than one
    /// (`page::Operation::argument_sets`): a caller gives one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub argument_sets: Vec<Vec<String>>,
    pub source: Source,
}

/// The primitive types a function's argument is taken as, not as text:
/// numbers, booleans and timestamps (the rest, strings, GUIDs, dates and
/// durations, the models hold as text too).
pub const TYPED_ARGUMENT_PRIMITIVES: &[&str] =
    &["Edm.Boolean", "Edm.Int32", "Edm.Int64", "Edm.Int16", "Edm.Byte", "Edm.SByte", "Edm.Double", "Edm.Single", "Edm.Decimal", "Edm.DateTimeOffset"];

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterDef {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(skip)]
    pub resolved: Option<TypeId>,
    /// Whether a function call writes its value in quotes: a string, a
    /// GUID or an enum member (`on='reviewer'`); a number or a boolean is
    /// written bare. Set with `resolved`.
    #[serde(skip)]
    pub quoted: bool,
    pub collection: bool,
    /// As a property's (`PropertyDef::one_of`).
    #[serde(rename = "oneOf", skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    pub description: String,
    /// Its description says "Optional" (`address` of a worksheet's
    /// `range`: "Optional. The address or the name of the range"), or a
    /// request line calls the function without it (`image(width=640)`
    /// beside `image(width=640,height=480)`): a function called without
    /// it is the documented call too.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A parameter of the request's query. Its type is its table row's; None
/// where the page writes it in a path only.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryParameterDef {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub description: String,
    /// The request paths write it: a call gives it, and it is sent.
    pub required: bool,
}

/// A request header a page lists: `ConsistencyLevel`, "eventual. This
/// header and `$count` are required when using `$search`".
#[derive(Clone, Debug, Serialize)]
pub struct RequestHeaderDef {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestBodyDef {
    /// The resource the body represents; null when the body is an action's
    /// parameters, listed in `parameters`.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    #[serde(skip)]
    pub resolved: Option<TypeId>,
    pub collection: bool,
    pub parameters: Vec<ParameterDef>,
    /// Where the parameters are the properties of one object the body
    /// holds under a name, as every example sends them (`addPassword`'s
    /// `{"passwordCredential": {...}}`): that name.
    #[serde(rename = "wrappedIn", skip_serializing_if = "Option::is_none")]
    pub wrapper: Option<BodyWrapper>,
}

/// The name a body holds its parameters' object under, and whether it
/// holds a list of them (`{"value": [{...}]}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BodyWrapper {
    pub name: String,
    pub collection: bool,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseDef {
    pub status: u16,
    /// The type the docs name; where they name alternatives (`one_of`),
    /// the nearest base type they all share, if any.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    #[serde(skip)]
    pub resolved: Option<TypeId>,
    pub collection: bool,
    /// "a \[user\] or \[group\] object": the types the docs name as
    /// alternatives.
    #[serde(rename = "oneOf", skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
}

/// Where a fact was read: a page and a 1-based line. Serialized as
/// `"file:line"`, as schema.json has always written it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: String,
    pub line: usize,
}

impl Source {
    pub fn new(file: &str, line: usize) -> Self {
        Source { file: file.to_owned(), line }
    }

    /// A warning about what stands here.
    pub fn warning(&self, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file, self.line, code, message)
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

pub use crate::page::request_paths::{QueryPairs, QueryTemplate};

/// A request path as the docs write it, parsed once: emitters read the
/// template, schema.json holds the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentedPath {
    pub text: String,
    pub template: crate::template::PathTemplate,
}

impl DocumentedPath {
    /// A path as a page's request line gives it (parsed there).
    pub fn of(path: &crate::page::RequestPath) -> Self {
        DocumentedPath { text: path.path.clone(), template: path.template.clone() }
    }

    pub fn new(text: &str) -> Self {
        DocumentedPath { text: text.to_owned(), template: crate::template::PathTemplate::parse(text) }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The query the path sends, with values the caller gives
    /// (`?$expand=extensions($filter=id eq '{id}')`), where it writes one.
    pub fn sent_query(&self) -> Option<QueryTemplate> {
        crate::page::request_paths::query_template(&self.text)
    }
}

impl std::fmt::Display for DocumentedPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DocumentedPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// The page model's permissions, as they are (one type for both).
pub use crate::page::Permissions;

#[derive(Clone, Debug, Serialize)]
pub struct ExampleDef {
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
    pub source: Source,
}

impl ExampleDef {
    /// Whether the example is another service's exchange (what Graph sends
    /// a call's bot, what an upload URL takes), shown beside the
    /// operation's: its bodies are no evidence of the operation's types.
    pub fn goes_elsewhere(&self) -> bool {
        self.request.as_ref().is_some_and(|r| crate::template::goes_elsewhere(&r.url))
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ExampleRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    /// A body that is not JSON (or could not be read as JSON), as written.
    #[serde(rename = "bodyText", skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    /// False when the body does not fit the operation's body type (a
    /// diagnostic says where); no test is generated from it.
    #[serde(rename = "fitsType")]
    pub fits_type: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExampleResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    #[serde(rename = "bodyText", skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    pub truncated: bool,
    /// False when the body does not fit the operation's response type.
    #[serde(rename = "fitsType")]
    pub fits_type: bool,
}

/// The type the docs give a stream (a file's content, a photo's bytes): bytes
/// of their own media type, not JSON.
pub const STREAM: &str = "Edm.Stream";

impl ResponseDef {
    /// A response of bytes.
    pub fn stream(status: u16) -> Self {
        ResponseDef { status, type_name: Some(STREAM.to_owned()), resolved: None, collection: false, one_of: Vec::new() }
    }

    /// Whether the response is bytes, not JSON.
    pub fn is_stream(&self) -> bool {
        self.type_name.as_deref() == Some(STREAM)
    }
}

impl RequestBodyDef {
    /// A body of bytes, sent with its own media type.
    pub fn stream() -> Self {
        RequestBodyDef { type_name: Some(STREAM.to_owned()), resolved: None, collection: false, parameters: Vec::new(), wrapper: None }
    }

    /// Whether the body is bytes, not JSON.
    pub fn is_stream(&self) -> bool {
        self.type_name.as_deref() == Some(STREAM)
    }
}

/// The media type a message's headers name (`Content-Type`, whatever
/// its case).
pub fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.trim())
}

/// The statuses a client follows to their `Location`.
pub fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The workload of pages that name none (copied text has no front matter).
pub const DEFAULT_WORKLOAD: &str = "other";

impl Schema {
    /// `schema.json`: the schema with `more` diagnostics (the emitters')
    /// merged into its own, all in order, without copying the schema.
    pub fn to_json_with(&self, more: &[Diagnostic]) -> String {
        #[derive(Serialize)]
        struct Written<'a> {
            types: &'a [TypeDef],
            operations: &'a [OperationDef],
            diagnostics: Vec<&'a Diagnostic>,
        }
        let mut diagnostics: Vec<&Diagnostic> = self.diagnostics.iter().chain(more).collect();
        diagnostics.sort();
        let written = Written { types: &self.types, operations: &self.operations, diagnostics };
        let mut s = serde_json::to_string_pretty(&written).expect("the schema serializes");
        s.push('\n');
        s
    }

    /// The schema of these types and operations, every reference to a
    /// type resolved (once, here).
    pub fn new(mut types: Vec<TypeDef>, mut operations: Vec<OperationDef>, mut diagnostics: Vec<Diagnostic>) -> Self {
        let index: std::collections::HashMap<TypeKey, TypeId> = types.iter().enumerate().map(|(i, t)| (t.key(), TypeId(i))).collect();
        let resolve = |version: ApiVersion, name: &str| index.get(&TypeKey::new(version, name)).copied();
        for t in &mut types {
            let v = t.api_version;
            t.base = t.base_type.as_deref().and_then(|b| resolve(v, b));
        }
        // Alternatives take their nearest common base, once every base is known.
        let mut bases: Vec<(usize, usize, Result<String, String>)> = Vec::new();
        for (i, t) in types.iter().enumerate() {
            for (j, p) in t.properties.iter().enumerate().filter(|(_, p)| !p.one_of.is_empty()) {
                bases.push((i, j, alternatives_base(&types, &resolve, t.api_version, &p.one_of)));
            }
        }
        for (i, j, base) in bases {
            let p = &mut types[i].properties[j];
            match base {
                Ok(base) => p.type_name = base,
                Err(why) => diagnostics.push(Diagnostic::warning(
                    &p.sources[0].file,
                    p.sources[0].line,
                    "property-alternatives-unrelated",
                    format!("property `{}` is a {}, {why}; it is typed as untyped JSON", p.name, p.one_of.join(" or ")),
                )),
            }
        }
        for t in &mut types {
            let v = t.api_version;
            for p in t.properties.iter_mut().chain(&mut t.undocumented_properties) {
                p.resolved = resolve(v, &p.type_name);
            }
        }
        for op in &mut operations {
            let v = op.api_version;
            if !op.response.one_of.is_empty() {
                let base = alternatives_base(&types, &resolve, v, &op.response.one_of);
                if let Err(why) = &base {
                    diagnostics.push(Diagnostic::warning(
                        &op.source.file,
                        op.source.line,
                        "response-alternatives-unrelated",
                        format!("the Response section names {} as the response, {why}; it is typed as untyped JSON", op.response.one_of.join(" or ")),
                    ));
                }
                op.response.type_name = base.ok();
            }
            let source = &op.source;
            for p in op.request_body.iter_mut().flat_map(|b| &mut b.parameters).chain(&mut op.url_parameters).filter(|p| !p.one_of.is_empty()) {
                match alternatives_base(&types, &resolve, v, &p.one_of) {
                    Ok(base) => p.type_name = base,
                    Err(why) => diagnostics.push(Diagnostic::warning(
                        &source.file,
                        source.line,
                        "property-alternatives-unrelated",
                        format!("parameter `{}` is a {}, {why}; it is typed as untyped JSON", p.name, p.one_of.join(" or ")),
                    )),
                }
            }
            op.response.resolved = op.response.type_name.as_deref().and_then(|t| resolve(v, t));
            if let Some(body) = &mut op.request_body {
                body.resolved = body.type_name.as_deref().and_then(|t| resolve(v, t));
                for p in &mut body.parameters {
                    p.resolved = resolve(v, &p.type_name);
                }
            }
            for p in &mut op.url_parameters {
                p.resolved = resolve(v, &p.type_name);
                p.quoted =
                    matches!(p.type_name.as_str(), "Edm.String" | "Edm.Guid") || p.resolved.is_some_and(|id| types[id.0].kind == TypeKind::Enum);
            }
        }
        Schema { types, operations, diagnostics, index }
    }

    pub fn find_type(&self, api_version: ApiVersion, qualified: &str) -> Option<&TypeDef> {
        self.index.get(&TypeKey::new(api_version, qualified)).map(|&id| self.get(id))
    }

    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Every type with its id, in schema order.
    pub fn types_with_ids(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.types.iter().enumerate().map(|(i, t)| (TypeId(i), t))
    }
}

/// The nearest common base of the types named as alternatives, by its
/// qualified name; else why there is none.
fn alternatives_base(
    types: &[TypeDef],
    resolve: &dyn Fn(ApiVersion, &str) -> Option<TypeId>,
    version: ApiVersion,
    one_of: &[String],
) -> Result<String, String> {
    let undefined: Vec<&str> = one_of.iter().filter(|t| resolve(version, t).is_none()).map(String::as_str).collect();
    if !undefined.is_empty() {
        return Err(format!("and {} is defined nowhere", undefined.join(", ")));
    }
    let ids: Vec<TypeId> = one_of.iter().filter_map(|t| resolve(version, t)).collect();
    nearest_common_base(types, &ids).map(|id| types[id.0].qualified()).ok_or_else(|| "which share no documented base type".to_owned())
}

/// The nearest type that each of `ids` is or derives from (`user` and
/// `group`: `directoryObject`), following the documented bases; None
/// where they share none. A cycle of bases ends the walk.
fn nearest_common_base(types: &[TypeDef], ids: &[TypeId]) -> Option<TypeId> {
    let ancestry = |id: TypeId| {
        let mut chain = vec![id];
        while let Some(base) = types[chain[chain.len() - 1].0].base.filter(|b| !chain.contains(b)) {
            chain.push(base);
        }
        chain
    };
    let (first, rest) = ids.split_first()?;
    let others: Vec<Vec<TypeId>> = rest.iter().map(|&id| ancestry(id)).collect();
    ancestry(*first).into_iter().find(|candidate| others.iter().all(|chain| chain.contains(candidate)))
}
