//! A response the docs name in words no type answers, typed by where its
//! request goes.
//!
//! A Response section says "a [thread] object" or "collection of
//! **secureScores** objects": the docs state that an object comes back,
//! but name it by a word no page defines. What is at the request's path
//! they state elsewhere: another operation's GET on a prefix of the path
//! answers a type (`GET /groups/{id}` a group), and that type's table types
//! each further segment (a group's `threads` are conversationThreads, one
//! of them by its key). Where every path of the operation that can be
//! walked so reaches one type, as one object or a collection as the
//! Response section says, that is the response's type, and said. Request
//! lines and tables are in every shape of a page, so every shape gives the
//! same type.

use super::build::{key, Builder};
use super::{ApiVersion, Method, OperationDef, TypeDef, TypeKey};
use crate::template::{Part, PathTemplate, Segment};
use std::collections::BTreeMap;

/// A segment as paths are compared: literals without case, every
/// placeholder alike (`/users/{id}` is `/users/{user-id}`).
fn shape(segment: &Segment) -> String {
    segment
        .parts
        .iter()
        .map(|p| match p {
            Part::Literal(l) => l.to_lowercase(),
            Part::Param(_) => "{}".to_owned(),
        })
        .collect()
}

/// What a documented GET answers, by its path's shape: the type and
/// whether a collection. Two GETs of one path that answer differently
/// answer nothing here.
type Answers = BTreeMap<(ApiVersion, Vec<String>), Option<(String, bool)>>;

fn answers(types: &BTreeMap<TypeKey, TypeDef>, operations: &[OperationDef]) -> Answers {
    let mut answers = Answers::new();
    for op in operations.iter().filter(|o| o.method == Method::Get && o.response.one_of.is_empty()) {
        let Some(t) = op.response.type_name.as_ref().filter(|t| types.contains_key(&key(op.api_version, t))) else { continue };
        let answer = Some((t.clone(), op.response.collection));
        for p in &op.paths {
            let shape = p.template.segments.iter().map(shape).collect();
            answers.entry((op.api_version, shape)).and_modify(|a| *a = a.take().filter(|a| Some(a) == answer.as_ref())).or_insert(answer.clone());
        }
    }
    answers
}

/// Where a path leads: its type, whether a collection, and how it was
/// found (the GET it starts from, then each segment), for the diagnostic.
#[derive(Debug, PartialEq)]
struct Walked {
    type_name: String,
    collection: bool,
    trail: String,
}

impl Builder {
    /// Types each operation's response that names a type no page defines
    /// by its paths, where they lead to one type (the module's comment).
    pub(super) fn type_responses_by_path(&mut self, operations: &mut [OperationDef]) {
        let answers = answers(&self.types, operations);
        for op in operations.iter_mut() {
            let Some(name) = op.response.type_name.clone() else { continue };
            let v = op.api_version;
            if name.starts_with("Edm.") || self.types.contains_key(&key(v, &name)) || !op.response.one_of.is_empty() {
                continue;
            }
            let walked: Vec<Walked> = op.paths.iter().filter_map(|p| self.walk(&answers, v, &p.template)).collect();
            let Some(first) = walked.first() else { continue };
            if walked.iter().any(|w| w.type_name != first.type_name || w.collection != first.collection) || first.collection != op.response.collection
            {
                continue;
            }
            self.diagnostics.push(op.source.warning(
                "type-named-by-path",
                format!(
                    "the Response section names {name}, which no page defines; the request's path leads to {} ({}): the response is typed as that",
                    described(&first.type_name, first.collection),
                    first.trail
                ),
            ));
            op.response.type_name = Some(first.type_name.clone());
        }
    }

    /// The type a path leads to: from the longest prefix a GET answers
    /// (the whole path included), each literal segment a property of the
    /// type so far (or of its bases) whose type a page defines, each key
    /// one of a collection. Anything else (a cast, a function, a key on
    /// one object) leads nowhere known.
    fn walk(&self, answers: &Answers, version: ApiVersion, path: &PathTemplate) -> Option<Walked> {
        let shapes: Vec<String> = path.segments.iter().map(shape).collect();
        let (start, (mut type_name, mut collection)) =
            (1..=shapes.len()).rev().find_map(|n| Some((n, answers.get(&(version, shapes[..n].to_vec()))?.clone()?)))?;
        let mut trail = format!("GET {} answers {}", prefix(path, start), described(&type_name, collection));
        for segment in &path.segments[start..] {
            match segment.parts.as_slice() {
                [Part::Param(_)] if collection => {
                    collection = false;
                    trail.push_str(&format!(", {segment} one of them"));
                }
                [Part::Literal(name)] if !collection => {
                    let p = self
                        .find_property(version, &type_name, name)
                        .or_else(|| self.find_property_by(version, &type_name, |p| p.eq_ignore_ascii_case(name)))?;
                    if !self.types.contains_key(&key(version, &p.type_name)) {
                        return None;
                    }
                    trail.push_str(&format!(", its {} {}", p.name, described(&p.type_name, p.collection)));
                    (type_name, collection) = (p.type_name, p.collection);
                }
                _ => return None,
            }
        }
        Some(Walked { type_name, collection, trail })
    }
}

fn described(type_name: &str, collection: bool) -> String {
    if collection {
        format!("a collection of {type_name}")
    } else {
        format!("a {type_name}")
    }
}

fn prefix(path: &PathTemplate, n: usize) -> String {
    path.segments[..n].iter().map(|s| format!("/{s}")).collect()
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{codes, get, resource, schema};

    #[test]
    fn a_response_named_by_no_type_is_typed_by_where_its_path_leads() {
        let group = resource("group", None, &[("displayName", "String"), ("threads", "[conversationThread](x.md) collection")]);
        let thread = resource("conversationThread", None, &[("topic", "String")]);
        let get_group = get("/groups/{id}", "group", r#"{"displayName": "Ü 日本"}"#);
        let one = r#"{"topic": "é"}"#;
        let many = r#"{"value": [{"topic": "é"}]}"#;
        let collection =
            |page: String| page.replace("a [thread](../resources/thread.md) object", "a collection of [thread](../resources/thread.md) objects");
        let cases = [
            // (path, the page, the type it gets)
            ("/groups/{id}/threads/{id}", get("/groups/{id}/threads/{id}", "thread", one), "microsoft.graph.conversationThread"),
            (
                "/groups/{group-id}/Threads/{thread-id}",
                get("/groups/{group-id}/Threads/{thread-id}", "thread", one),
                "microsoft.graph.conversationThread",
            ),
            ("/groups/{id}/threads", collection(get("/groups/{id}/threads", "thread", many)), "microsoft.graph.conversationThread"),
            // One object said where the path leads to a collection: not taken.
            ("/groups/{id}/threads", get("/groups/{id}/threads", "thread", one), "microsoft.graph.thread"),
            // No property of that name; a cast; a key on one object; no GET answers the start.
            ("/groups/{id}/posts/{id}", get("/groups/{id}/posts/{id}", "thread", one), "microsoft.graph.thread"),
            (
                "/groups/{id}/threads/{id}/microsoft.graph.x",
                get("/groups/{id}/threads/{id}/microsoft.graph.x", "thread", one),
                "microsoft.graph.thread",
            ),
            ("/groups/{id}/{id}", get("/groups/{id}/{id}", "thread", one), "microsoft.graph.thread"),
            ("/teams/{id}/threads/{id}", get("/teams/{id}/threads/{id}", "thread", one), "microsoft.graph.thread"),
        ];
        for (path, page, want) in cases {
            let s = schema(&[
                ("resources/group.md", group.clone()),
                ("resources/conversationthread.md", thread.clone()),
                ("api/group-get.md", get_group.clone()),
                ("api/thread-get.md", page),
            ]);
            let op = s.operations.iter().find(|o| o.paths[0].as_str() == path).expect("the operation");
            assert_eq!(op.response.type_name.as_deref(), Some(want), "{path}: {:?}", s.diagnostics);
            let said = codes(&s).contains(&"type-named-by-path");
            assert_eq!((said, codes(&s).contains(&"type-unresolved")), (want != "microsoft.graph.thread", !said), "{path}: {:?}", s.diagnostics);
        }
        // A name a page defines is left as it is, and nothing is said.
        let s = schema(&[
            ("resources/group.md", group),
            ("resources/conversationthread.md", thread),
            ("api/group-get.md", get_group),
            ("api/thread-get.md", get("/groups/{id}/threads/{id}", "conversationThread", one)),
        ]);
        assert!(!codes(&s).iter().any(|c| c.starts_with("type-")), "{:?}", s.diagnostics);
    }
}
