//! The page model: what one page says, whatever its shape. `extract` reads
//! it from blocks; the schema merges many of them.

pub(crate) mod extract;
pub(crate) mod http;
pub use http::{Body, HttpRequest, HttpResponse, Method};
mod possible_values;
pub(crate) mod request_paths;
mod response_type;
mod tables;
mod type_expr;

use serde::Serialize;

pub use type_expr::TypeRef;

/// The API version, the one type for it from page to emitted module. Beta
/// comes first: the schema sorts by version, and schema.json has always
/// listed `beta` before `v1.0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ApiVersion {
    #[serde(rename = "beta")]
    Beta,
    #[serde(rename = "v1.0")]
    V1_0,
}

impl std::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ApiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// The emitted crate's module for this version (`v1_0`, `beta`).
    pub fn module(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1_0",
            ApiVersion::Beta => "beta",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "v1.0" | "v1" | "1.0" => Some(ApiVersion::V1_0),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        }
    }

    /// The version a docs checkout's folders give a path: its nearest
    /// folder named `v1.0` or `beta` (`api-reference/beta/api/x.md`).
    pub fn of_folder(path: &str) -> Option<Self> {
        let mut folders: Vec<&str> = path.split(['/', '\\']).collect();
        folders.pop();
        folders.into_iter().rev().find_map(|f| match f.to_ascii_lowercase().as_str() {
            "v1.0" => Some(ApiVersion::V1_0),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        })
    }
}

/// Where a page's API version came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionFrom {
    /// `--api-version`.
    Flag,
    /// The page: its /beta note, or, where no folder says, its example URLs.
    Page,
    /// The folder it is in (`v1.0/`, `beta/`); stronger than the example
    /// URLs, weaker than the /beta note.
    Folder,
    /// Nothing said it: the version most of the corpus's pages state.
    Corpus,
}

/// What can give a page its API version besides the page itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct VersionHint {
    pub flag: Option<ApiVersion>,
    pub folder: Option<ApiVersion>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Operation,
    Resource,
    Enum,
    /// Conceptual and overview pages: nothing to generate from.
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageModel {
    pub file: String,
    pub shape: crate::blocks::Shape,
    pub kind: PageKind,
    pub title: Option<String>,
    /// True when the page had no title and it was inferred from the method and description.
    pub title_inferred: bool,
    pub namespace: String,
    pub api_version: ApiVersion,
    pub api_version_from: VersionFrom,
    /// The docs' area the page belongs to (`intune-deviceconfig`, `groups`),
    /// from its front matter; None for copied text, which has none.
    pub workload: Option<String>,
    pub description: Option<String>,
    pub operation: Option<Operation>,
    pub resource: Option<Resource>,
    pub enums: Vec<EnumDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operation {
    /// The first request line's method (none on a page without one, which
    /// is an error).
    pub method: Option<Method>,
    pub paths: Vec<RequestPath>,
    pub permissions: Permissions,
    pub request_headers: Vec<Header>,
    pub request_body: Option<RequestBody>,
    /// Parameters that go in the request URL (function parameters).
    pub url_parameters: Vec<Property>,
    /// Parameters that go in the URL's query: those its request paths
    /// write with a placeholder first (required), then the rest of its
    /// Query parameters table (optional).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<QueryParameter>,
    pub response: Option<ResponseSpec>,
    pub examples: Vec<Example>,
    /// The paths (as `paths` writes them) whose `$count` an example calls:
    /// the number of items the listing there holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counted: Vec<String>,
    /// The sets of arguments the request lines call the function with
    /// (`image`, `image(width=640)`, `image(width=640,height=480)`: none,
    /// `width`, `width` and `height`), each as its line writes them and
    /// named as the parameters table names them, in the docs' order; empty
    /// unless the lines of one path write two sets. An argument a set
    /// leaves out is optional: the docs call the function without it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub argument_sets: Vec<Vec<String>>,
}

/// A query parameter of an operation (`startDateTime`), beside OData's
/// own options. Its type and description are its table row's, where the
/// page has one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueryParameter {
    pub name: String,
    pub type_ref: Option<TypeRef>,
    pub description: String,
    /// The request paths write it (`?startDateTime={start_datetime}`): a
    /// call gives it.
    pub required: bool,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestPath {
    pub method: Method,
    pub path: String,
    pub line: usize,
    /// `path` parsed, once: the schema and emitters read it from here.
    #[serde(skip)]
    pub template: crate::template::PathTemplate,
}

/// The permissions per permission type: None where the docs do not say
/// (no table, or no row for that type; `null` in schema.json), empty
/// where they say "Not supported". Least privileged first where the
/// table's header says how it orders them ("from least to most
/// privileged", or "from most to least", which is reversed); in the
/// table's order where it does not say.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub delegated_work: Option<Vec<String>>,
    pub delegated_personal: Option<Vec<String>>,
    pub application: Option<Vec<String>>,
    /// Whether every table read stated its order of privilege (so the
    /// lists are least privileged first).
    pub least_privileged_first: bool,
    /// What a table per resource gives (see `ResourcePermissions`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_resource: Vec<ResourcePermissions>,
}

/// The permissions a page gives for one resource, where its table has a
/// row per resource the operation acts on and a column per permission type
/// (`Supported resource | Delegated (work or school account) | ...`:
/// subscriptions, extensions, attachments, calendars). Which apply depends
/// on the resource a call names, so they are not the operation's own
/// (those stay unknown); the lists are in the table's order, which says no
/// order of privilege.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermissions {
    pub resource: String,
    /// The request paths the page lists for this case, just before its
    /// table (today's template: "Permissions to list assignments for a
    /// user:", the paths, the table); empty where it lists none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    pub delegated_work: Option<Vec<String>>,
    pub delegated_personal: Option<Vec<String>>,
    pub application: Option<Vec<String>>,
}

impl Permissions {
    /// Whether the page gives them per resource only: none of the
    /// operation's own, and a table per resource (as the runtime's
    /// `Permissions::only_by_resource`).
    pub fn only_by_resource(&self) -> bool {
        self.delegated_work.is_none() && self.delegated_personal.is_none() && self.application.is_none() && !self.by_resource.is_empty()
    }

    /// Adds another table's permissions (a page may give one table per
    /// case, "acting on self" and "acting on other users"): either table's
    /// permission suffices, so a type takes both lists, in order.
    pub fn merge(&mut self, other: Permissions) {
        let first = self.delegated_work.is_none() && self.delegated_personal.is_none() && self.application.is_none();
        self.by_resource.extend(other.by_resource);
        if other.delegated_work.is_none() && other.delegated_personal.is_none() && other.application.is_none() {
            return;
        }
        self.least_privileged_first = other.least_privileged_first && (first || self.least_privileged_first);
        for (mine, theirs) in [
            (&mut self.delegated_work, other.delegated_work),
            (&mut self.delegated_personal, other.delegated_personal),
            (&mut self.application, other.application),
        ] {
            let Some(theirs) = theirs else { continue };
            let mine = mine.get_or_insert_with(Vec::new);
            for name in theirs {
                if !mine.contains(&name) {
                    mine.push(name);
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Header {
    pub name: String,
    /// What the page says of it (its Description cell, else its Value).
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestBody {
    /// The resource the body represents, or None when the table lists an
    /// action's parameters.
    pub type_ref: Option<TypeRef>,
    pub properties: Vec<Property>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseSpec {
    pub status: u16,
    pub type_ref: Option<TypeRef>,
    /// The types the section names as alternatives ("a \[user\] or \[group\]
    /// object"), `type_ref` then None: the schema finds their base.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<TypeRef>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Property {
    pub name: String,
    pub type_ref: TypeRef,
    /// The types a Type cell names as alternatives
    /// (`appHostedMediaConfig or serviceHostedMediaConfig`), `type_ref`
    /// then untyped: the schema finds their base.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<TypeRef>,
    pub description: String,
    pub possible_values: Vec<String>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resource {
    /// Qualified name, `microsoft.graph.user`.
    pub name: String,
    pub base_type: Option<String>,
    /// The base its annotation names, where the page's words name another
    /// (`base_type`): the schema keeps the words' where they name a type
    /// the docs define, and says both (`base-type-conflict`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotated_base: Option<String>,
    /// The types its Derived types section names (qualified), with their
    /// rows' lines: derived from it, though their own pages may not say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<(String, usize)>,
    /// The types its properties' descriptions say they are inherited from
    /// ("Inherited from domainDnsRecord"), qualified, each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inherited_from: Vec<String>,
    pub key: Option<String>,
    pub properties: Vec<Property>,
    pub relationships: Vec<Property>,
    pub json: Option<Json>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnumDef {
    pub name: String,
    pub members: Vec<EnumMember>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnumMember {
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Example {
    pub request: Option<http::HttpRequest>,
    pub response: Option<http::HttpResponse>,
}

/// A JSON value as the page wrote it, and how it had to be read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Json {
    pub value: serde_json::Value,
    /// The repairs lenient reading made (empty when it was strict JSON).
    pub repairs: Vec<&'static str>,
    pub line: usize,
}

#[cfg(test)]
mod permissions_tests {
    use super::Permissions;

    #[test]
    fn tables_of_one_page_add_up() {
        let names = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let mut p = Permissions {
            delegated_work: names(&["A.Read"]),
            delegated_personal: Some(vec![]),
            application: None,
            least_privileged_first: true,
            ..Default::default()
        };
        p.merge(Permissions {
            delegated_work: names(&["A.Read.All", "A.Read"]),
            delegated_personal: None,
            application: names(&["A.Read.All"]),
            least_privileged_first: false,
            ..Default::default()
        });
        assert_eq!(p.delegated_work, names(&["A.Read", "A.Read.All"]));
        // "Not supported" in one table and nothing in the other: still none.
        assert_eq!(p.delegated_personal, Some(vec![]));
        // Unknown in one table, known in the other: known.
        assert_eq!(p.application, names(&["A.Read.All"]));
        // One table that does not say its order leaves the whole unordered.
        assert!(!p.least_privileged_first);
    }

    #[test]
    fn a_table_per_resource_leaves_the_operations_own_permissions_as_they_were() {
        use super::ResourcePermissions;
        let per_resource = |resource: &str| Permissions {
            by_resource: vec![ResourcePermissions {
                resource: resource.to_owned(),
                delegated_work: Some(vec!["Mail.Read".into()]),
                ..Default::default()
            }],
            ..Default::default()
        };
        // Alone: the operation's own are unknown, not none.
        let mut alone = Permissions::default();
        alone.merge(per_resource("message"));
        assert_eq!((alone.delegated_work.clone(), alone.application.clone(), alone.by_resource.len()), (None, None, 1));
        // Beside a table of the operation's own, which keeps its order.
        let own = Permissions { delegated_work: Some(vec!["A.Read".into()]), least_privileged_first: true, ..Default::default() };
        let mut both = own.clone();
        both.merge(per_resource("événement"));
        assert_eq!((both.delegated_work, both.least_privileged_first), (own.delegated_work, true));
        assert_eq!(both.by_resource[0].resource, "événement");
    }
}
