//! The fluent navigation tree of one API version, named: every documented
//! request path walked from the root one segment at a time, each distinct
//! prefix a node (a type), each segment a method (`users()`, `by_id(id)`,
//! `get_by_path(path)`, `graph_user()`, `item_with_path(path)`), and at the
//! node a path ends on, a method per operation documented on it (`get()`,
//! `post(body)`). Only documented paths are walked: no navigation is
//! invented.

use super::operations::{field_name, precedence, OperationNames, Reach};
use super::{pascal_case, snake_case, Name, Scope};
use crate::emit::workloads;
use crate::schema::{Method, ParameterDef, TypeId};
use crate::template::{Part, Segment, SegmentKey};
use std::collections::{BTreeMap, BTreeSet};

/// How one segment is walked: its key (paths whose segments have one key
/// lead to one node), the method's name, and the method's arguments (one
/// per placeholder, in order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    key: SegmentKey,
    pub(crate) method: String,
    pub(crate) args: Vec<String>,
    /// A function's parameters as the segment names them, one per
    /// placeholder (`address` of `range(address='{a}')`; the placeholder's
    /// name where it writes none, as `range({address})`).
    params: Vec<String>,
}

/// The step a segment is, after `previous`.
pub(crate) fn step(segment: &Segment, previous: Option<&Segment>) -> Step {
    let key = segment.key(previous);
    let args = segment
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Param(p) => Some(field_name(p)),
            Part::Literal(_) => None,
        })
        .collect();
    let params = segment
        .parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let Part::Param(placeholder) = p else { return None };
            let before = match i.checked_sub(1).map(|b| &segment.parts[b]) {
                Some(Part::Literal(l)) => l.rsplit(['(', ',']).next().unwrap_or("").split('=').next().unwrap_or("").trim(),
                _ => "",
            };
            Some(if before.is_empty() { placeholder.clone() } else { before.to_owned() })
        })
        .collect();
    let method = match &key {
        SegmentKey::Literal(_) => {
            let literal = segment.literal();
            let lit = literal.trim_end_matches(':');
            match lit.get(..16).filter(|head| head.eq_ignore_ascii_case("microsoft.graph.")) {
                // A type cast: Kiota's name for it (`graphUser`).
                Some(_) => format!("graph_{}", snake_case(&lit[16..])),
                None => snake_case(lit),
            }
        }
        SegmentKey::WithPath => "item_with_path".to_owned(),
        SegmentKey::Key => "by_id".to_owned(),
        SegmentKey::Call(..) => snake_case(&segment.call_name()),
    };
    Step { key, method, args, params }
}

/// The tree of one version: node 0 is the root.
pub(crate) struct NavTree {
    pub nodes: Vec<NavNode>,
}

pub(crate) struct NavNode {
    pub ident: Name,
    /// A documented path (a template) that ends here, or passes through.
    pub path: String,
    pub children: Vec<NavEdge>,
    pub terminals: Vec<Terminal>,
    /// The features of every operation at or below it.
    pub features: BTreeSet<String>,
    /// The module of its subtree (the root's children's): `None` for the root.
    pub module: Option<Name>,
}

/// A method that walks one segment.
pub(crate) struct NavEdge {
    pub method: Name,
    pub args: Vec<Name>,
    /// Per argument, the type the docs give it where the segment is a
    /// function's call (`row` of `cell(row={row},column={column})` is an
    /// `Edm.Int32`); None where they give none, or differ.
    pub arg_types: Vec<Option<ArgType>>,
    pub to: usize,
}

/// The type of a function's argument, as its parameters table gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ArgType {
    pub type_name: String,
    pub resolved: Option<TypeId>,
    pub collection: bool,
}

impl ArgType {
    pub(crate) fn of(p: &ParameterDef) -> Self {
        ArgType { type_name: p.type_name.clone(), resolved: p.resolved, collection: p.collection }
    }
}

/// The types a call segment's arguments take from one operation whose
/// path walks it: each parameter the segment names, found (without case)
/// in the operation's function parameters.
fn declared_types(step: &Step, parameters: &[ParameterDef]) -> Vec<Option<ArgType>> {
    step.params.iter().map(|name| parameters.iter().find(|p| p.name.eq_ignore_ascii_case(name)).map(ArgType::of)).collect()
}

/// The argument types so far, merged with one more operation's: an
/// argument keeps a type only while every operation gives it that type
/// (one that gives none makes it untyped: a build of that operation's
/// workload alone need not compile the type).
fn merge_types(seen: Option<Vec<Option<ArgType>>>, declared: Vec<Option<ArgType>>) -> Vec<Option<ArgType>> {
    match seen {
        None => declared,
        Some(seen) if seen.len() != declared.len() => vec![None; declared.len().max(seen.len())],
        Some(seen) => seen.into_iter().zip(declared).map(|(a, b)| a.filter(|a| Some(a) == b.as_ref())).collect(),
    }
}

/// A method that names an operation on the path that ends at its node.
pub(crate) struct Terminal {
    pub method: Name,
    /// `count`, where an example counts the listing on this path.
    pub count: Option<Name>,
    /// The operation (an index into the version's operations) and the
    /// path variant.
    pub operation: usize,
    pub variant: usize,
    /// The bare verb, where this operation sends the same request as the
    /// one that has it, in another workload: a build without the features
    /// of those before it (`before`) calls this one by that verb too.
    pub fallback: Option<Fallback>,
    /// Where the operation's function takes arguments its docs say are
    /// optional, the methods that give them (`get_with_token(token)`
    /// beside `get()` for a drive's `delta`): one per set of arguments its
    /// request lines call it with, else one with them all; `method` sends
    /// none of them.
    pub with_optional: Vec<WithArguments>,
}

/// A method that calls a function with some of its optional arguments
/// (`get_with_width_and_height`).
pub(crate) struct WithArguments {
    pub method: Name,
    /// The function's arguments it takes (`OperationNames::url_fields`),
    /// in the order it takes them: the set's, as its request line writes
    /// them; the others are not sent.
    pub fields: Vec<Name>,
}

/// The sets of a function's arguments given by methods of their own, each
/// named by its optional arguments: the sets its request lines write
/// (`image(width=640)`, `image(width=640,height=480)`), where they write
/// several; else, where the docs say some are optional, all of them. A set
/// of required arguments only is the bare verb's.
fn optional_sets<'a>(op: &'a OperationNames) -> Vec<(Vec<&'a Name>, Vec<&'a Name>)> {
    let field = |name: &String| op.url_fields.iter().find(|(_, p)| &p.name == name);
    let sets: Vec<Vec<&(Name, &ParameterDef)>> = match op.op.argument_sets.is_empty() {
        true => vec![op.url_fields.iter().collect()],
        false => op.op.argument_sets.iter().map(|set| set.iter().filter_map(field).collect()).collect(),
    };
    // (Each set holds every required argument: one a set leaves out is
    // optional. The page lists each set once.)
    sets.into_iter()
        .map(|set| {
            let optional: Vec<&Name> = set.iter().filter(|(_, p)| p.optional).map(|(f, _)| f).collect();
            (optional, set.into_iter().map(|(f, _)| f).collect())
        })
        .filter(|(optional, _)| !optional.is_empty())
        .collect()
}

/// The bare verb under a workload of its own (see `Terminal::fallback`).
pub(crate) struct Fallback {
    pub method: Name,
    pub before: BTreeSet<String>,
}

/// The terminal methods: the HTTP method, as the official SDKs name them.
fn verb(method: Method) -> &'static str {
    match method {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
        Method::Head => "head",
        Method::Options => "options",
    }
}

struct Building {
    parent: usize,
    step: Option<Step>,
    children: BTreeMap<SegmentKey, usize>,
    order: Vec<usize>,
    terminals: Vec<(usize, usize)>,
    path: String,
    features: BTreeSet<String>,
    /// Where the step is a function's call: its arguments' types, merged
    /// over the operations whose paths walk it (`merge_types`).
    arg_types: Option<Vec<Option<ArgType>>>,
}

/// Whether a call of `a` and one of `b` are written alike and answer
/// alike: the same method, response, body type (none, or one model) and
/// arguments. Their paths end at one node already.
fn same_request(a: &OperationNames, b: &OperationNames) -> bool {
    let body = |o: &OperationNames| o.op.request_body.as_ref().map(|b| (b.type_name.clone(), b.resolved, b.collection));
    let typed_or_none = |o: &OperationNames| o.op.request_body.as_ref().is_none_or(|b| b.type_name.is_some());
    let url_fields = |o: &OperationNames| o.argument_fields().map(Name::to_string).collect::<Vec<_>>();
    let response = |o: &OperationNames| (o.op.response.status, o.op.response.type_name.clone(), o.op.response.resolved, o.op.response.collection);
    a.op.method == b.op.method && typed_or_none(a) && body(a) == body(b) && response(a) == response(b) && url_fields(a) == url_fields(b)
}

/// A query's words outside its placeholders, lower case, each once
/// (`$filter=a/any(x: x eq '{v}')` → filter, a, any, x, eq): what tells two
/// queries apart (`…/users/{user-id}` from `…/groups/{group-id}` is
/// `groups`, not `group`, `id`).
fn query_words(query: &str) -> Vec<String> {
    let written: String = query
        .split('{')
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once('}').map_or("", |(_, rest)| rest) })
        .collect::<Vec<_>>()
        .join(" ");
    let mut words: Vec<String> = Vec::new();
    for word in written.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// Of two spellings of one literal segment (the docs vary in case), the
/// one that says more: its words marked (`calendarGroups` over
/// `calendargroups`), else the first.
fn better(seen: &Step, new: &Step) -> bool {
    let words = |s: &Step| s.method.matches('_').count();
    words(new) > words(seen)
}

/// The tree of these operations' documented paths, every name claimed.
pub(super) fn tree(operations: &[OperationNames], reach: &Reach) -> NavTree {
    let mut nodes = vec![Building {
        parent: 0,
        step: None,
        children: BTreeMap::new(),
        order: Vec::new(),
        terminals: Vec::new(),
        path: "/".to_owned(),
        features: BTreeSet::new(),
        arg_types: None,
    }];
    for (index, op) in operations.iter().enumerate() {
        let feature = workloads::feature(&op.op.workload);
        let mut seen_at = BTreeSet::new();
        for (variant, documented) in op.op.paths.iter().enumerate() {
            let segments = &documented.template.segments;
            let mut at = 0;
            nodes[0].features.insert(feature.clone());
            for (i, segment) in segments.iter().enumerate() {
                let step = step(segment, i.checked_sub(1).map(|p| &segments[p]));
                // As this path's segment names them (another path's
                // spelling of the segment may name them otherwise).
                let declared = matches!(step.key, SegmentKey::Call(..)).then(|| declared_types(&step, &op.op.url_parameters));
                at = match nodes[at].children.get(&step.key) {
                    Some(&next) => {
                        if nodes[next].step.as_ref().is_some_and(|seen| better(seen, &step)) {
                            nodes[next].step = Some(step);
                        }
                        next
                    }
                    None => {
                        let next = nodes.len();
                        nodes[at].children.insert(step.key.clone(), next);
                        nodes[at].order.push(next);
                        nodes.push(Building {
                            parent: at,
                            step: Some(step),
                            children: BTreeMap::new(),
                            order: Vec::new(),
                            terminals: Vec::new(),
                            path: crate::template::PathTemplate { segments: segments[..=i].to_vec() }.path(),
                            features: BTreeSet::new(),
                            arg_types: None,
                        });
                        next
                    }
                };
                nodes[at].features.insert(feature.clone());
                if let Some(declared) = declared {
                    nodes[at].arg_types = Some(merge_types(nodes[at].arg_types.take(), declared));
                }
            }
            // An operation whose paths end at one node twice (`{id}` and
            // `{userPrincipalName}`) is named there once, by its first;
            // unless the second sends a query of its own (`... eq '{v}'`,
            // `... ne '{v}'`): another request, and another method.
            let sends = |v: usize| operations[index].variants[v].query_template.as_ref().map(|(q, _)| q.as_str());
            let own_query = sends(variant).is_some_and(|q| !nodes[at].terminals.iter().any(|&(o, v)| o == index && sends(v) == Some(q)));
            if seen_at.insert(at) || own_query {
                nodes[at].terminals.push((index, variant));
            }
        }
    }
    name_calls_beside_segments(&mut nodes);
    name(nodes, operations, reach)
}

/// A function beside a segment of its name (`range(address='{address}')`
/// beside `range`, `supportedTimeZones(TimeZoneStandard=...)` beside
/// `supportedTimeZones`): the segment keeps the name and the function is
/// named by its parameters too, as Kiota names it (`range_with_address`),
/// whichever the docs list first. Numbered instead (`range2`), the name
/// said nothing and went to whichever path came first.
fn name_calls_beside_segments(nodes: &mut [Building]) {
    for i in 0..nodes.len() {
        let step_of = |c: usize| nodes[c].step.as_ref().expect("a child has a step");
        let literals: BTreeSet<&str> =
            nodes[i].order.iter().map(|&c| step_of(c)).filter(|s| matches!(s.key, SegmentKey::Literal(_))).map(|s| s.method.as_str()).collect();
        let renamed: Vec<(usize, String)> = nodes[i]
            .order
            .iter()
            .map(|&c| (c, step_of(c)))
            .filter(|(_, s)| matches!(s.key, SegmentKey::Call(..)) && literals.contains(s.method.as_str()))
            .map(|(c, s)| (c, std::iter::once(s.method.clone()).chain(s.params.iter().map(|p| snake_case(p))).collect::<Vec<_>>().join("_with_")))
            .collect();
        for (c, method) in renamed {
            if let Some(step) = nodes[c].step.as_mut() {
                step.method = method;
            }
        }
    }
}

/// Names the nodes (their types, in one scope), their modules, and each
/// node's methods (in one scope per node, terminals first: an operation's
/// `get` outranks a segment named `get`).
fn name(nodes: Vec<Building>, operations: &[OperationNames], reach: &Reach) -> NavTree {
    let mut types = Scope::with_reserved(&["Graph"]);
    let mut modules = Scope::default();
    let idents: Vec<Name> = (0..nodes.len())
        .map(|i| {
            if i == 0 {
                return Scope::default().claim(&["Graph".to_owned()]);
            }
            let mut words = Vec::new();
            let mut at = i;
            while let Some(s) = &nodes[at].step {
                words.push(match s.key {
                    SegmentKey::Key => "Item".to_owned(),
                    SegmentKey::WithPath => "ItemWithPath".to_owned(),
                    _ => pascal_case(&s.method),
                });
                at = nodes[at].parent;
            }
            words.reverse();
            types.claim(&[words.concat()])
        })
        .collect();
    // Each of the root's children is a module holding its subtree.
    let mut module_of: Vec<Option<Name>> = vec![None; nodes.len()];
    for &child in &nodes[0].order {
        module_of[child] = Some(modules.claim(&[super::module_name(idents[child].as_str())]));
    }
    // A node's module is its ancestor's among the root's children (a
    // parent is made before its children, so it has one already).
    for i in 1..nodes.len() {
        if module_of[i].is_none() {
            module_of[i] = module_of[nodes[i].parent].clone();
        }
    }
    let built = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut methods = Scope::with_reserved(if i == 0 { &["new", "client"] } else { &[] });
            // The bare verb goes by `precedence` (`GET /users` lists users;
            // `GET /users?$expand=manager` is `get_list_manager`), then
            // schema order.
            let mut terminals = n.terminals.clone();
            terminals.sort_by_key(|&(operation, variant)| {
                let op = operations[operation].op;
                precedence(op, &op.paths[variant].text, reach)
            });
            // Per verb, the operation that has it and the workloads of the
            // same request's operations so far.
            let mut bare: BTreeMap<&str, (usize, Name, BTreeSet<String>)> = BTreeMap::new();
            // Each operation's first variant here, which its name is for.
            let mut named_here: BTreeMap<usize, usize> = BTreeMap::new();
            let terminals = terminals
                .iter()
                .map(|&(operation, variant)| {
                    let op = &operations[operation];
                    let verb = verb(op.op.method);
                    // Beside another of its method: the operation's name, led
                    // by the method once, in place of the verb its title
                    // gives that method (`patch_calendar`, not
                    // `patch_update_calendar`; `delete_ios_...`, not
                    // `delete_delete_ios_...`). A name led by its workload
                    // (`IntuneDevicesListUsers`) keeps it first:
                    // `get_intune_devices_users`.
                    let name = snake_case(op.primary.as_str());
                    let feature = workloads::feature(&op.op.workload);
                    let title_verb = op.op.method.verb(op.op.response.collection).to_ascii_lowercase();
                    let without_verb = |n: &str| {
                        [verb, title_verb.as_str()]
                            .iter()
                            .find_map(|v| n.strip_prefix(v)?.strip_prefix('_'))
                            .filter(|r| !r.is_empty())
                            .map(str::to_owned)
                    };
                    let rest = without_verb(&name).or_else(|| {
                        let workload = snake_case(&feature);
                        Some(format!("{workload}_{}", without_verb(name.strip_prefix(&workload)?.strip_prefix('_')?)?))
                    });
                    let rest = rest.as_deref();
                    // Beside the operation that has the bare verb, one whose
                    // title is that one's with a qualifier (the schema's
                    // "Send mail (content)" beside "Send mail") is named by
                    // the qualifier: `post_content` beside `post`.
                    let qualifier = bare.get(verb).and_then(|(home, _, _)| {
                        let (base, qualifier) = op.op.name.strip_suffix(')')?.rsplit_once(" (")?;
                        (base == operations[*home].op.name).then(|| snake_case(qualifier))
                    });
                    let named = format!("{verb}_{}", qualifier.as_deref().or(rest).unwrap_or(&name));
                    // The operation's second request here is named by what
                    // its query says that the first's does not
                    // (`get_x_ne` beside `get_x`'s `eq`).
                    let first = *named_here.entry(operation).or_insert(variant);
                    let method = if first == variant {
                        methods.claim(&[verb.to_owned(), named])
                    } else {
                        let words = |v: usize| query_words(op.variants[v].query_template.as_ref().map_or("", |(q, _)| q.as_str()));
                        let (theirs, ours) = (words(first), words(variant));
                        let own: Vec<&String> = ours.iter().filter(|w| !theirs.contains(w)).collect();
                        let suffix = match own.len() {
                            1 | 2 => own.iter().map(|w| w.as_str()).collect::<Vec<_>>().join("_"),
                            _ => snake_case(op.variants[variant].name.as_str()),
                        };
                        methods.claim(&[format!("{named}_{suffix}")])
                    };
                    let path = &op.op.paths[variant].text;
                    let count =
                        op.op.counted.contains(path).then(|| methods.claim(&["count".to_owned(), format!("count_{}", rest.unwrap_or(&name))]));
                    let fallback = match bare.get_mut(verb) {
                        None => {
                            bare.insert(verb, (operation, method.clone(), BTreeSet::from([feature])));
                            None
                        }
                        Some((home, verb_name, before)) if same_request(&operations[*home], op) && !before.contains(&feature) => {
                            let fallback = Fallback { method: verb_name.clone(), before: before.clone() };
                            before.insert(feature);
                            Some(fallback)
                        }
                        Some(_) => None,
                    };
                    // (A path that writes the arguments itself takes none.)
                    let takes_arguments = !op.variants[variant].inline_args;
                    let sets = if takes_arguments { optional_sets(op) } else { Vec::new() };
                    let with_optional = sets
                        .into_iter()
                        .map(|(optional, fields)| {
                            let named = optional.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("_and_");
                            let method = methods.claim(&[format!("{method}_with_{named}")]);
                            WithArguments { method, fields: fields.into_iter().cloned().collect() }
                        })
                        .collect();
                    Terminal { method, count, operation, variant, fallback, with_optional }
                })
                .collect();
            let children = n
                .order
                .iter()
                .map(|&to| {
                    let step = nodes[to].step.as_ref().expect("a child has a step");
                    let mut args = Scope::with_reserved(&["self"]);
                    NavEdge {
                        method: methods.claim(std::slice::from_ref(&step.method)),
                        args: step.args.iter().map(|a| args.claim(std::slice::from_ref(a))).collect(),
                        arg_types: nodes[to].arg_types.clone().unwrap_or_else(|| vec![None; step.args.len()]),
                        to,
                    }
                })
                .collect();
            NavNode {
                ident: idents[i].clone(),
                path: n.path.clone(),
                children,
                terminals,
                features: n.features.clone(),
                module: module_of[i].clone(),
            }
        })
        .collect();
    NavTree { nodes: built }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::PathTemplate;

    /// Each segment of a path as (method, arguments).
    fn steps(path: &str) -> Vec<(String, Vec<String>)> {
        let t = PathTemplate::parse(path);
        let segments = &t.segments;
        segments.iter().enumerate().map(|(i, s)| step(s, i.checked_sub(1).map(|p| &segments[p]))).map(|s| (s.method, s.args)).collect()
    }

    /// A path, and each segment's (method, arguments).
    type Case<'a> = (&'a str, &'a [(&'a str, &'a [&'a str])]);

    #[test]
    fn a_querys_words_leave_out_its_placeholders() {
        let cases: [(&str, &[&str]); 5] = [
            ("$filter=a/any(x: x eq '{v}')", &["filter", "a", "any", "x", "eq"]),
            ("$id=https://graph.microsoft.com/v1.0/groups/{other-group-id}", &["id", "https", "graph", "microsoft", "com", "v1", "0", "groups"]),
            ("$filter=Nom eq '{é}' and Ünï ne '{x}'", &["filter", "nom", "eq", "and", "ünï", "ne"]),
            // A brace left open hides the rest.
            ("$filter=a eq '{b", &["filter", "a", "eq"]),
            ("", &[]),
        ];
        for (query, want) in cases {
            assert_eq!(query_words(query), want, "{query}");
        }
    }

    #[test]
    fn segments_are_methods() {
        let cases: &[Case] = &[
            ("/users/{user-id}/messages", &[("users", &[]), ("by_id", &["user_id"]), ("messages", &[])]),
            ("/groups/{id}/members/microsoft.graph.user", &[("groups", &[]), ("by_id", &["id"]), ("members", &[]), ("graph_user", &[])]),
            (
                "/me/drive/root:/{item-path}:/content",
                &[("me", &[]), ("drive", &[]), ("root", &[]), ("item_with_path", &["item_path"]), ("content", &[])],
            ),
            (
                "/drives/{drive-id}/items/{parent-id}:/{filename}:/content",
                &[
                    ("drives", &[]),
                    ("by_id", &["drive_id"]),
                    ("items", &[]),
                    ("by_id", &["parent_id"]),
                    ("item_with_path", &["filename"]),
                    ("content", &[]),
                ],
            ),
            (
                "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')",
                &[
                    ("me", &[]),
                    ("drive", &[]),
                    ("items", &[]),
                    ("by_id", &["id"]),
                    ("workbook", &[]),
                    ("worksheets", &[]),
                    ("by_id", &["id_or_name"]),
                    ("range", &["address"]),
                ],
            ),
            (
                "/reports/getEmailActivityUserDetail(period='{period_value}')",
                &[("reports", &[]), ("get_email_activity_user_detail", &["period_value"])],
            ),
            ("/users/delta()", &[("users", &[]), ("delta", &[])]),
            // Arguments the template writes as values are part of the name.
            ("/x/filterByCurrentUser(on='reviewer')", &[("x", &[]), ("filter_by_current_user_on_reviewer", &[])]),
            ("/x/image(width=640,height=480)", &[("x", &[]), ("image_width_640_height_480", &[])]),
            ("/x/reminderView(startDateTime={start},endDateTime={end})", &[("x", &[]), ("reminder_view", &["start", "end"])]),
            ("/x/日本/é", &[("x", &[]), ("field", &[]), ("field", &[])]),
        ];
        for (path, want) in cases {
            let want: Vec<(String, Vec<String>)> = want.iter().map(|(m, a)| (m.to_string(), a.iter().map(|s| s.to_string()).collect())).collect();
            assert_eq!(steps(path), want, "{path}");
        }
    }
}
