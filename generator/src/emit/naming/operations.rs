//! The names of operations: the struct (from the page title, or the
//! entity it is bound to and its verb), its path enum and that enum's
//! variants and fields, an action's body struct and its fields, a
//! function's URL fields, its file, and its tests' functions.

use super::{module_name, pascal_case, snake_case, words, Name, Scope};
use crate::emit::workloads;
use crate::schema::{ApiVersion, BodyWrapper, DocumentedPath, Method, OperationDef, ParameterDef, QueryParameterDef, Schema};
use crate::template::{Part, PathTemplate, SegmentKey};
use std::collections::{BTreeMap, BTreeSet};

/// The Rust names of one operation.
pub(crate) struct OperationNames<'a> {
    pub op: &'a OperationDef,
    pub primary: Name,
    /// The enum of its request paths, a variant per path in the page's order.
    pub path_enum: Name,
    pub variants: Vec<PathVariant>,
    /// The struct of an action's parameters, when the body is one, and its fields.
    pub body: Option<(Name, Vec<(Name, &'a ParameterDef)>)>,
    /// Where the parameters are one object the body holds under a name
    /// (`BodyWrapper`): the struct sent, which holds the parameters'
    /// struct (`body`) in its one field, and that field.
    pub body_wrapper: Option<(Name, Name, &'a BodyWrapper)>,
    /// A function's arguments as fields, where a path does not write them
    /// itself (`/getX`, called as `/getX(a='..')`); empty where every path
    /// writes them (`/getX(a='{a}')`: they are the paths' fields).
    pub url_fields: Vec<(Name, &'a ParameterDef)>,
    /// The query parameters its paths write (`?startDateTime={start}`) as
    /// fields: a call gives them, and they are sent.
    pub query_fields: Vec<(Name, &'a QueryParameterDef)>,
    /// Its file (and module) in `operations/`.
    pub file: Name,
    pub tests: TestNames,
}

impl OperationNames<'_> {
    /// The names its module exports.
    pub(crate) fn exports(&self) -> Vec<&Name> {
        let wrapper = self.body_wrapper.as_ref().map(|(w, _, _)| w);
        [&self.primary, &self.path_enum].into_iter().chain(wrapper).chain(self.body.as_ref().map(|(b, _)| b)).collect()
    }

    /// What `new` takes after the path, in order: the function's
    /// arguments, then the query's parameters.
    pub(crate) fn argument_fields(&self) -> impl Iterator<Item = &Name> {
        self.url_fields.iter().map(|(f, _)| f).chain(self.query_fields.iter().map(|(f, _)| f))
    }
}

/// One path's variant: its name and its parameters' fields, in order.
#[derive(Clone, Debug)]
pub(crate) struct PathVariant {
    pub name: Name,
    pub template: String,
    /// The query the docs write after the path (`$expand=manager`), if
    /// any, where it is not sent (see `path_enum`).
    pub query: Option<String>,
    /// (placeholder as written, Rust field name).
    pub params: Vec<(String, Name)>,
    /// The query the path sends, with values the caller gives
    /// (`$expand=extensions($filter=id eq '{id}')`), and a field per
    /// placeholder (as written, Rust field name), after `params`.
    pub query_template: Option<(String, Vec<(String, Name)>)>,
    /// The path writes its function's arguments itself (`getX(a='{a}')`).
    pub inline_args: bool,
}

impl PathVariant {
    /// The fields of the query the path sends, in order.
    pub(crate) fn query_fields(&self) -> impl Iterator<Item = &Name> {
        self.query_template.iter().flat_map(|(_, params)| params.iter().map(|(_, f)| f))
    }
}

/// The test functions of one operation, in its workload's test module.
pub(crate) struct TestNames {
    pub paths: Name,
    /// Per example: (request round trip, response round trip, client).
    pub examples: Vec<[Name; 3]>,
}

/// Names every operation of a version, in schema order: the structs and
/// enums in one scope (the `operations` module), files in another, and
/// test functions in their workload's test module; and names those modules.
pub(super) fn name<'s>(schema: &'s Schema, version: ApiVersion, reach: &Reach) -> (Vec<OperationNames<'s>>, BTreeMap<String, Name>) {
    let mut scope = Scope::default();
    let mut files = Scope::default();
    let mut test_files = Scope::default();
    let mut test_modules: BTreeMap<String, Name> = BTreeMap::new();
    let mut tests: BTreeMap<String, Scope> = BTreeMap::new();
    let ops: Vec<&OperationDef> = schema.operations.iter().filter(|o| o.api_version == version).collect();
    let led = led_by_workload(&ops, reach);
    let names = ops
        .iter()
        .enumerate()
        .map(|(i, &op)| {
            let mut candidates = primary_candidates(op);
            let feature = workloads::feature(&op.workload);
            if led.contains(&i) {
                candidates.insert(0, pascal_case(&format!("{feature} {}", candidates[0])));
            }
            let primary = scope.claim(&candidates);
            let path_enum = scope.claim(&[format!("{primary}Path")]);
            let parameters = op.request_body.as_ref().filter(|b| b.type_name.is_none());
            // The struct sent keeps the plain name; a wrapped one's
            // parameters are named after the property holding them.
            let body_wrapper = parameters.and_then(|b| b.wrapper.as_ref()).map(|w| {
                let mut fields = Scope::with_reserved(&["additional_properties"]);
                (scope.claim(&[format!("{primary}Body")]), fields.claim(&[snake_case(&w.name)]), w)
            });
            let body = parameters.map(|b| {
                let mut fields = Scope::with_reserved(&["additional_properties"]);
                let ident = match &b.wrapper {
                    Some(w) => scope.claim(&[format!("{primary}{}", pascal_case(&w.name)), format!("{primary}BodyItem")]),
                    None => scope.claim(&[format!("{primary}Body")]),
                };
                (ident, b.parameters.iter().map(|p| (fields.claim(&[snake_case(&p.name)]), p)).collect())
            });
            let variants = variants(&op.paths);
            let mut fields = Scope::with_reserved(&["path", "body", "query"]);
            // A parameter the page's table declares that is a placeholder of
            // a query the paths send (`$filter=ep/id eq '{id_value}'`) is
            // that query's value, not a function's argument.
            let in_query = |p: &ParameterDef| {
                variants
                    .iter()
                    .filter_map(|v| v.query_template.as_ref())
                    .any(|(_, params)| params.iter().any(|(q, _)| snake_case(q) == snake_case(&p.name)))
            };
            let url_fields = if variants.iter().all(|v| v.inline_args) {
                Vec::new()
            } else {
                op.url_parameters.iter().filter(|p| !in_query(p)).map(|p| (fields.claim(&[snake_case(&p.name)]), p)).collect()
            };
            let query_fields = op.query_parameters.iter().filter(|q| q.required).map(|q| (fields.claim(&[snake_case(&q.name)]), q)).collect();
            test_modules.entry(feature.clone()).or_insert_with(|| test_files.claim(&[module_name(&feature)]));
            let in_module = tests.entry(feature).or_default();
            let stem = snake_case(primary.as_str());
            let tests = TestNames {
                paths: in_module.claim(&[format!("{stem}_request_paths")]),
                examples: (1..=op.examples.len())
                    .map(|k| ["request_round_trip", "response_round_trip", "client"].map(|t| in_module.claim(&[format!("{stem}_example_{k}_{t}")])))
                    .collect(),
            };
            let file = files.claim(&[module_name(primary.as_str())]);
            OperationNames { op, primary, path_enum, variants, body, body_wrapper, url_fields, query_fields, file, tests }
        })
        .collect();
    (names, test_modules)
}

/// How much of the API each workload documents: per workload (as a
/// feature) and first path segment (lowercased), how many of its
/// operations have a path there. Where several workloads document one
/// request (`GET /users` on the users' page and on three Intune pages,
/// `GET /deviceManagement` on sixteen), the one that documents the most
/// under its first segment is its home, whatever the pages are called.
pub(super) struct Reach(BTreeMap<(String, String), usize>);

impl Reach {
    pub(super) fn new<'a>(ops: impl IntoIterator<Item = &'a OperationDef>) -> Self {
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for op in ops {
            let firsts: BTreeSet<String> = op.paths.iter().map(|p| first_segment(&p.text)).collect();
            for first in firsts {
                *counts.entry((workloads::feature(&op.workload), first)).or_default() += 1;
            }
        }
        Reach(counts)
    }

    /// How many of `op`'s workload's operations start where `path` starts.
    pub(super) fn of(&self, op: &OperationDef, path: &str) -> usize {
        self.0.get(&(workloads::feature(&op.workload), first_segment(path))).copied().unwrap_or(0)
    }
}

fn first_segment(path: &str) -> String {
    path.trim_start_matches('/').split(['/', '?']).next().unwrap_or("").to_lowercase()
}

/// The request an operation's first path sends: its method and the node
/// its path leads to (`/users/{usersId}` and `/Users/{id}` are one).
fn request_key(op: &OperationDef) -> Option<(Method, Vec<SegmentKey>)> {
    Some((op.method, op.paths.first()?.template.keys()))
}

/// Which of the operations documented on one path takes its bare names,
/// the least first: one on the path as written before one whose docs
/// write a query it does not send (`GET /users` before `GET
/// /users?$expand=manager`; a parameter it asks for, `?startDateTime={start}`,
/// is sent, so that path is as written); one
/// whose page types the body it sends before one whose page does not (the
/// groups' "Update event" gives no type; the events' page does); then the
/// workload that documents the most under the path's first segment
/// (`Reach`: the users' `GET /users`, not Intune's).
pub(super) fn precedence(op: &OperationDef, path: &str, reach: &Reach) -> (bool, bool, std::cmp::Reverse<usize>) {
    let untyped_body = matches!(op.method, Method::Post | Method::Patch | Method::Put) && op.request_body.is_none();
    (shown_query(path).is_some(), untyped_body, std::cmp::Reverse(reach.of(op, path)))
}

/// The operations (indices into `ops`) named with their workload in
/// front: of a request that several workloads document, each that is not
/// the home's (`precedence`, then the first in schema order) and whose
/// name another workload's operation of it has too (`List users` on the
/// users' page and on Intune's; `Get user` on three Intune pages, the
/// users' page being `Get a user`).
fn led_by_workload(ops: &[&OperationDef], reach: &Reach) -> BTreeSet<usize> {
    let mut by_request: BTreeMap<(Method, Vec<SegmentKey>), Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        if let Some(key) = request_key(op) {
            by_request.entry(key).or_default().push(i);
        }
    }
    let mut led = BTreeSet::new();
    for group in by_request.into_values() {
        let Some(home) = group.iter().copied().min_by_key(|&i| (precedence(ops[i], &ops[i].paths[0].text, reach), i)) else { continue };
        // (feature, first name) of each, once.
        let named: Vec<(String, String)> =
            group.iter().map(|&i| (workloads::feature(&ops[i].workload), primary_candidates(ops[i]).remove(0))).collect();
        let home_feature = workloads::feature(&ops[home].workload);
        for (&i, (feature, name)) in group.iter().zip(&named) {
            let contested = named.iter().any(|(f, n)| f != feature && n == name);
            if *feature != home_feature && contested {
                led.insert(i);
            }
        }
    }
    led
}

/// The page title, where it names the operation; an action's or function's
/// title (`wipe action`) says its verb, and the entity it is bound to says
/// which (`ManagedDeviceWipe`), unless the verb names it already
/// (`downloadApplePushNotificationCertificateSigningRequest function` on
/// `/deviceManagement/applePushNotificationCertificate/..`). A
/// `resource: action` title likewise drops a resource its action names
/// (`notebook: copyNotebook` is `CopyNotebook`). The longer name stays a
/// candidate, for when the shorter is taken.
fn primary_candidates(op: &OperationDef) -> Vec<String> {
    title_candidates(op.name.trim(), op.paths.first().map(|p| &p.template), op.method.verb(op.response.collection))
}

/// A title's first word when it is a gerund (`Listing versions of a
/// DriveItem`, `Accessing shared DriveItems`): a title that names an
/// activity, not an operation. A camel-case name (`beginOnboarding`) is
/// no gerund.
fn gerund(title: &str) -> Option<&str> {
    let first = title.split_whitespace().next()?;
    let mut chars = first.chars();
    let head = chars.next()?;
    let rest: String = chars.collect();
    (head.is_alphabetic() && rest.chars().count() >= 4 && rest.chars().all(char::is_lowercase) && rest.ends_with("ing")).then_some(first)
}

/// `verb` is what the operation's method makes of it (`List` for a GET of
/// a collection): a gerund title takes it in place of its own first word.
fn title_candidates(title: &str, first_path: Option<&PathTemplate>, verb: &str) -> Vec<String> {
    let renamed;
    let title = match gerund(title) {
        Some(first) => {
            renamed = format!("{verb}{}", &title[first.len()..]);
            renamed.as_str()
        }
        None => title,
    };
    let lower = title.to_ascii_lowercase();
    let bound = first_path.map(bound_entity).unwrap_or_default();
    match lower.strip_suffix(" action").or_else(|| lower.strip_suffix(" function")) {
        Some(_) => {
            let verb = &title[..title.rfind(' ').unwrap_or(title.len())];
            let (short, long) = (pascal_case(verb), pascal_case(&format!("{bound} {verb}")));
            if names_entity(verb, &bound) {
                vec![short, long]
            } else {
                vec![long, short]
            }
        }
        None => {
            let mut candidates = vec![pascal_case(title), pascal_case(&format!("{bound} {title}"))];
            if let Some((_, action)) = title.split_once(':').filter(|(resource, action)| names_entity(action, resource)) {
                candidates.insert(0, pascal_case(action));
            }
            candidates
        }
    }
}

/// Whether `name`'s words hold all of `entity`'s, in a row, whatever their
/// case (`copyNotebook` names `notebook`; `restore` does not name `driveItem`).
fn names_entity(name: &str, entity: &str) -> bool {
    let lower = |s: &str| -> Vec<String> { words(s).iter().map(|w| w.to_ascii_lowercase()).collect() };
    let (name, entity) = (lower(name), lower(entity));
    !entity.is_empty() && name.windows(entity.len()).any(|w| w == entity.as_slice())
}

/// The entity an operation is bound to, from its path: the last parameter
/// (`{managedDeviceId}` → managedDevice), else the segment before the last.
fn bound_entity(t: &PathTemplate) -> String {
    let param = t.params().last().map(|p| p.trim_end_matches("Id").trim_end_matches("-id").trim_end_matches("_id").to_owned());
    param.filter(|p| !p.is_empty() && p != "id").unwrap_or_else(|| {
        let mut lits = literals(t);
        lits.pop();
        lits.pop().unwrap_or_default()
    })
}

/// The literal segments of a path (no placeholders), type casts without
/// their `microsoft.graph.` namespace.
fn literals(template: &PathTemplate) -> Vec<String> {
    template
        .segments
        .iter()
        .filter_map(|s| {
            let text: Option<String> = s
                .parts
                .iter()
                .map(|p| match p {
                    Part::Literal(l) => Some(l.as_str()),
                    Part::Param(_) => None,
                })
                .collect();
            text.map(|t| t.trim_start_matches("microsoft.graph.").to_owned())
        })
        .collect()
}

/// Names each path by the literal segments that tell it from the others:
/// what every path starts and ends with is dropped, so `/me/events/{id}`
/// and `/users/{id}/events/{id}` are `Me` and `Users`. A path with nothing
/// of its own (the plain one beside longer ones) is named by the last
/// segment they all start with; the only path, by its first segment. Paths
/// told apart only by the query the docs write after them are named by its
/// options too (`/security/alerts?$top=1` is `AlertsTop`).
pub(super) fn variants(paths: &[DocumentedPath]) -> Vec<PathVariant> {
    let templates: Vec<&PathTemplate> = paths.iter().map(|p| &p.template).collect();
    let lits: Vec<Vec<String>> = templates.iter().map(|t| literals(t)).collect();
    let shortest = lits.iter().map(Vec::len).min().unwrap_or(0);
    let shared = |i: &dyn Fn(&Vec<String>) -> Option<&String>| lits.iter().all(|l| i(l) == i(&lits[0]));
    let prefix = (0..shortest).take_while(|&k| shared(&|l| l.get(k))).count();
    let suffix = (0..shortest - prefix).take_while(|&k| shared(&|l| l.get(l.len() - 1 - k))).count();
    let words: Vec<String> = lits
        .iter()
        .map(|lits| {
            let telling = &lits[prefix..lits.len() - suffix];
            let plain = if paths.len() > 1 && prefix > 0 { lits.get(prefix - 1) } else { lits.first() };
            if telling.is_empty() {
                plain.cloned().unwrap_or_else(|| "root".to_owned())
            } else {
                telling.join(" ")
            }
        })
        .collect();
    let queries: Vec<Option<String>> = paths.iter().map(|p| shown_query(&p.text)).collect();
    let mut scope = Scope::default();
    templates
        .iter()
        .enumerate()
        .map(|(i, template)| {
            let query = queries[i].as_deref();
            let alike = words.iter().filter(|w| **w == words[i]).count() > 1;
            let name = match query.filter(|_| alike) {
                Some(q) => format!("{} {}", words[i], query_options(q).join(" ")),
                None => words[i].clone(),
            };
            // `body` is the navigation method's, beside these.
            let mut fields = Scope::with_reserved(&["body"]);
            let params = param_fields(template).into_iter().map(|(p, name)| (p.to_owned(), fields.claim(&[name]))).collect();
            let query_template = paths[i]
                .sent_query()
                .map(|q| (q.text, q.placeholders.into_iter().map(|p| (field_name(&p), p)).map(|(f, p)| (p, fields.claim(&[f]))).collect()));
            PathVariant {
                name: scope.claim(&[pascal_case(&name)]),
                query: query.filter(|_| query_template.is_none()).map(str::to_owned),
                template: template.path(),
                params,
                query_template,
                inline_args: template.has_inline_args(),
            }
        })
        .collect()
}

/// The query a path's docs write after it, less the parameters it asks
/// the caller for (`startDateTime={start}`, which the operation sends):
/// what is left is theirs to show. None where nothing is left.
fn shown_query(path: &str) -> Option<String> {
    let (_, query) = path.split_once('?')?;
    let asked = crate::page::request_paths::placeholder_query(path);
    let left: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.trim().is_empty() && !asked.iter().any(|a| pair.split_once('=').is_some_and(|(k, _)| k == *a)))
        .collect();
    (!left.is_empty()).then(|| left.join("&"))
}

/// The option names of a query as the docs write it (`$filter=a eq
/// 'b'&$top=5` → filter, top), each once.
fn query_options(query: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for option in query.split('&') {
        let name = option.split('=').next().unwrap_or("").trim().trim_start_matches('$');
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Each placeholder with its field's name. A placeholder the
/// path writes twice (`/users/{id}/events/{id}`) is named by the collection
/// before it, singular (`user_id`, `event_id`), not numbered (`id`, `id2`).
fn param_fields(template: &PathTemplate) -> Vec<(&str, String)> {
    let params: Vec<&str> = template.params().collect();
    let mut out = Vec::new();
    let mut before: Option<&str> = None;
    for segment in &template.segments {
        for part in &segment.parts {
            if let Part::Param(p) = part {
                let field = field_name(p);
                // `{Id}` and `{id}` are one name in Rust.
                let repeated = params.iter().filter(|q| field_name(q) == field).count() > 1;
                let named = before.filter(|_| repeated && segment.parts.len() == 1).map(|b| snake_case(&format!("{} {field}", singular(b))));
                out.push((p.as_str(), named.unwrap_or(field)));
            }
        }
        before = match segment.parts.as_slice() {
            [Part::Literal(l)] => Some(l.rsplit('.').next().unwrap_or(l)),
            _ => None,
        };
    }
    out
}

/// A collection segment's item: `events` → `event`, `policies` → `policy`,
/// `statuses` → `status`. Graph's collections are English plurals; a
/// segment that is not one (`children`, `me`) is kept as it is.
fn singular(segment: &str) -> String {
    if let Some(stem) = segment.strip_suffix("ies").filter(|s| !s.is_empty()) {
        format!("{stem}y")
    } else if let Some(stem) = segment.strip_suffix("sses").or_else(|| segment.strip_suffix("uses")).or_else(|| segment.strip_suffix("xes")) {
        format!("{stem}{}", &segment[stem.len()..segment.len() - 2])
    } else if segment.ends_with('s') && !segment.ends_with("ss") && segment.len() > 1 {
        segment[..segment.len() - 1].to_owned()
    } else {
        segment.to_owned()
    }
}

/// A placeholder's field (or argument): `{id | userPrincipalName}` takes
/// either, so it is `id_or_user_principal_name`.
pub(super) fn field_name(placeholder: &str) -> String {
    snake_case(&placeholder.split('|').map(str::trim).collect::<Vec<_>>().join(" or "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(paths: &[&str]) -> Vec<String> {
        variants(&paths.iter().map(|p| DocumentedPath::new(p)).collect::<Vec<_>>()).into_iter().map(|v| v.name.to_string()).collect()
    }

    #[test]
    fn collections_name_their_items() {
        let cases = [
            ("events", "event"),
            ("policies", "policy"),
            ("statuses", "status"),
            ("addresses", "address"),
            ("boxes", "box"),
            ("deviceConfigurations", "deviceConfiguration"),
            ("userStatuses", "userStatus"),
            ("children", "children"),
            ("access", "access"),
            ("me", "me"),
            ("s", "s"),
            ("ies", "ie"),
            ("", ""),
            ("éléments", "élément"),
            ("日本語s", "日本語"),
        ];
        for (segment, want) in cases {
            assert_eq!(singular(segment), want, "{segment:?}");
        }
    }

    #[test]
    fn a_placeholder_written_twice_is_named_by_its_collection() {
        let fields =
            |path: &str| -> Vec<String> { variants(&[DocumentedPath::new(path)]).remove(0).params.into_iter().map(|(_, f)| f.to_string()).collect() };
        let cases: &[(&str, &[&str])] = &[
            ("/users/{id}/events/{id}", &["user_id", "event_id"]),
            ("/groups/{id}/members/{id}/$ref", &["group_id", "member_id"]),
            ("/a/microsoft.graph.things/{id}/policies/{id}/x/{id}", &["thing_id", "policy_id", "x_id"]),
            ("/users/{id}/events", &["id"]),
            ("/me/contactfolders/{Id}/contacts/{id}", &["contactfolder_id", "contact_id"]),
            ("/users/{user-id}/events/{event-id}", &["user_id", "event_id"]),
            // No collection before it: numbered, as before.
            ("/{id}/items/{id}", &["id", "item_id"]),
            ("/x/items/{id}/y/items/{id}", &["item_id", "item_id2"]),
            ("/a/f(x='{id}')/b/{id}", &["id", "b_id"]),
        ];
        for (path, want) in cases {
            assert_eq!(fields(path), *want, "{path}");
        }
    }

    #[test]
    fn variants_are_named_by_what_tells_the_paths_apart() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["/users/{id}"], &["Users"]),
            (&["/users/{id}/events/{eventId}"], &["Users"]),
            (&["/a/things/{id}/statuses/{sid}", "/a/things/{id}/root/statuses/{sid}"], &["Things", "Root"]),
            (&["/me/events/{id}", "/users/{id}/events/{id}", "/groups/{id}/events/{id}"], &["Me", "Users", "Groups"]),
            (&["/me/calendar/events", "/me/calendars/{id}/events", "/users/{id}/calendar/events"], &["MeCalendar", "MeCalendars", "UsersCalendar"]),
            (
                &[
                    "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.windows10GeneralConfiguration/userStatuses/{sid}",
                    "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.iosGeneralDeviceConfiguration/userStatuses/{sid}",
                ],
                &["Windows10GeneralConfiguration", "IosGeneralDeviceConfiguration"],
            ),
            // Only the parameters differ: the first segment, numbered.
            (&["/users/{id}", "/users/{userPrincipalName}"], &["Users", "Users2"]),
            (&["/", "/me"], &["Root", "Me"]),
            (&["/me/drive/root:/{path}:/content", "/drives/{id}/root:/{path}:/content"], &["MeDrive", "Drives"]),
            // Told apart by their queries only.
            (
                &[
                    "/security/alerts",
                    "/security/alerts?$top=1",
                    "/security/alerts?$filter={property} eq '{value}'",
                    "/security/alerts?$filter={p} eq '{v}'&$top=5",
                    "/security/alerts?$filter={p} eq '{v}' and {q} eq '{w}'",
                    "/security/alerts?",
                ],
                &["Alerts", "AlertsTop", "AlertsFilter", "AlertsFilterTop", "AlertsFilter2", "Alerts2"],
            ),
            // A query beside another path: not in the name.
            (&["/me?$expand=manager", "/users?$expand=manager($levels=n)"], &["Me", "Users"]),
            (&["/x?a=1&a=2&=3", "/x"], &["XA", "X"]),
            (&["/x?$expand=é", "/x?$select=日本"], &["XExpand", "XSelect"]),
            // A parameter the call asks for is sent: it tells nothing apart.
            (&["/x?début={d}", "/x?début={d}&$top=1"], &["X", "XTop"]),
        ];
        for (paths, expected) in cases {
            assert_eq!(names(paths), *expected, "{paths:?}");
        }
    }

    #[test]
    fn fields_are_the_placeholders_in_order() {
        let fields = |path: &str| {
            let v = variants(&[DocumentedPath::new(path)]).remove(0);
            (v.template, v.params.into_iter().map(|(p, f)| (p, f.to_string())).collect::<Vec<_>>())
        };
        let (template, params) = fields("/users/{user-id}/events/{eventId}");
        assert_eq!(params, [("user-id".to_owned(), "user_id".to_owned()), ("eventId".to_owned(), "event_id".to_owned())]);
        assert_eq!(template, "/users/{user-id}/events/{eventId}");
        let (_, params) = fields("/users/{id | userPrincipalName}/events/{id}");
        assert_eq!(params, [("id | userPrincipalName".to_owned(), "id_or_user_principal_name".to_owned()), ("id".to_owned(), "id".to_owned())]);
    }

    #[test]
    fn operation_names_from_titles() {
        // (title, first path, the name wanted first); the verb is "Get".
        let cases = [
            ("List users", "/users", "ListUsers"),
            ("wipe action", "/users/{usersId}/managedDevices/{managedDeviceId}/wipe", "ManagedDeviceWipe"),
            // The verb names what it is bound to: no prefix.
            (
                "downloadApplePushNotificationCertificateSigningRequest function",
                "/deviceManagement/applePushNotificationCertificate/downloadApplePushNotificationCertificateSigningRequest",
                "DownloadApplePushNotificationCertificateSigningRequest",
            ),
            ("getAuditActivityTypes function", "/deviceManagement/auditEvents/getAuditActivityTypes", "AuditEventsGetAuditActivityTypes"),
            // `resource: action`, the action naming the resource or not.
            ("notebook: copyNotebook", "/me/onenote/notebooks/{id}/copyNotebook", "CopyNotebook"),
            ("section: copyToSectionGroup", "/me/onenote/sections/{id}/copyToSectionGroup", "CopyToSectionGroup"),
            ("driveItem: restore", "/me/drive/items/{item-id}/restore", "DriveItemRestore"),
            ("Range: UsedRange", "/me/drive/items/{id}/workbook/names/{name}/range/usedRange", "UsedRange"),
            (": x", "/x", "X"),
            ("x:", "/x", "X"),
            ("Gerät: gerätKopieren", "/x", "GerTKopieren"),
            // A gerund names an activity: the method's verb replaces it.
            ("Accessing shared DriveItems", "/shares/{shareIdOrEncodedSharingUrl}", "GetSharedDriveItems"),
            ("Ändering der Geräte", "/x", "GetDerGerTe"),
            ("beginOnboarding action", "/x/beginOnboarding", "XBeginOnboarding"),
            ("Ring", "/ring", "Ring"),
            ("Listing", "/x", "Get"),
        ];
        for (title, path, want) in cases {
            let got = title_candidates(title, Some(&PathTemplate::parse(path)), "Get");
            assert_eq!(got.first().map(String::as_str), Some(want), "{title}: {got:?}");
        }
    }

    #[test]
    fn first_segments() {
        let cases = [
            ("/users/{usersId}", "users"),
            ("/Users?$top=1", "users"),
            ("/deviceManagement", "devicemanagement"),
            ("/Élèves/{id}/日本", "élèves"),
            ("users", "users"),
            ("/", ""),
            ("", ""),
        ];
        for (path, want) in cases {
            assert_eq!(first_segment(path), want, "{path}");
        }
    }

    #[test]
    fn a_request_several_workloads_document_is_named_with_the_workload_where_they_share_a_name() {
        use crate::fixtures::{get, resource, schema};
        let intune = |page: String| page.replace("ms.prod: \"users\"", "ms.prod: \"intune\"");
        let names = |pages: &[(&str, String)]| -> BTreeSet<String> {
            let s = schema(pages);
            let reach = Reach::new(&s.operations);
            name(&s, ApiVersion::V1_0, &reach).0.iter().map(|n| n.primary.to_string()).collect()
        };
        let thing = || ("resources/thing.md", resource("thing", None, &[("id", "String")]));
        let parts = || ("api/thing-parts.md", get("/things/{id}/parts", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get parts"));
        // The home (users: two operations under `/things`) is called
        // otherwise; the two Intune pages share a name: both led.
        let got = names(&[
            thing(),
            ("api/intune-a-thing-get.md", intune(get("/things/{thingId}", "thing", r#"{"id": "1"}"#))),
            ("api/intune-b-thing-get.md", intune(get("/things/{thingId}", "thing", r#"{"id": "1"}"#))),
            ("api/thing-get.md", get("/things/{id}", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get a thing")),
            parts(),
        ]);
        assert_eq!(got, BTreeSet::from(["IntuneAGetThing", "IntuneBGetThing", "GetAThing", "GetParts"].map(String::from)));
        // One workload's two pages: no workload in front.
        let got = names(&[
            thing(),
            ("api/thing-get.md", get("/things/{id}", "thing", r#"{"id": "1"}"#)),
            ("api/thing-get-again.md", get("/things/{id}", "thing", r#"{"id": "1"}"#)),
        ]);
        assert_eq!(got, BTreeSet::from(["GetThing", "GetThing2"].map(String::from)));
    }

    #[test]
    fn bound_entities() {
        assert_eq!(bound_entity(&PathTemplate::parse("/users/{usersId}/managedDevices/{managedDeviceId}/wipe")), "managedDevice");
        assert_eq!(bound_entity(&PathTemplate::parse("/deviceManagement/auditEvents/getAuditActivityTypes")), "auditEvents");
        assert_eq!(bound_entity(&PathTemplate::parse("/me/events/{id}/accept")), "events");
    }
}
