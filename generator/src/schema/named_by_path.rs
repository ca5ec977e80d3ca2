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
//! Response section says, that is the response's type, and said.
//!
//! The same walk settles a GET whose Response section says one object where
//! its paths lead to a collection (`/channels/{id}/members`), or a
//! collection where they lead to one (`/contacts/{id}/manager`): where the
//! paths lead to its type and every example answers as they do, two
//! statements of the docs outweigh the one, and it is said. (Examples alone
//! do not: 201 of v1.0's wrap a single entity in `{"value": ...}`.) An
//! operation's own Response section is never evidence about itself.
//! Request lines and tables are in every shape of a page, so every shape
//! gives the same type.

use super::build::{key, Builder};
use super::{ApiVersion, Method, OperationDef, TypeDef, TypeKey};
use crate::template::{Part, PathTemplate, SegmentKey};
use std::collections::BTreeMap;

/// What each documented GET answers, by its path's keys (see `SegmentKey`): the type,
/// whether a collection, and which operation says so (an operation's own
/// answer is no evidence about it).
type Answers = BTreeMap<(ApiVersion, Vec<SegmentKey>), Vec<(usize, String, bool)>>;

fn answers(types: &BTreeMap<TypeKey, TypeDef>, operations: &[OperationDef]) -> Answers {
    let mut answers = Answers::new();
    for (i, op) in operations.iter().enumerate().filter(|(_, o)| o.method == Method::Get && o.response.one_of.is_empty()) {
        let Some(t) = op.response.type_name.as_ref().filter(|t| types.contains_key(&key(op.api_version, t))) else { continue };
        // A path documented with a query (`/me?$expand=manager`) answers
        // what the query makes of it, not what is at the path.
        for p in op.paths.iter().filter(|p| !p.as_str().contains('?')) {
            answers.entry((op.api_version, p.template.keys())).or_default().push((i, t.clone(), op.response.collection));
        }
    }
    answers
}

/// What the GETs of one path answer, but operation `except`: their one
/// answer; none where they answer differently (or there are none).
fn answer(answers: &[(usize, String, bool)], except: usize) -> Option<(String, bool)> {
    let mut others = answers.iter().filter(|(i, _, _)| *i != except);
    let (_, t, collection) = others.next()?;
    others.all(|(_, u, c)| (u, c) == (t, collection)).then(|| (t.clone(), *collection))
}

/// Where a path leads: its type, whether a collection, and how it was
/// found (the GET it starts from, then each segment), for the diagnostic.
#[derive(Debug)]
struct Walked {
    type_name: String,
    collection: bool,
    trail: String,
}

impl Builder {
    /// Types each operation's response that names a type no page defines
    /// by its paths, where they lead to one type (the module's comment);
    /// and a GET's response that the Response section calls one object
    /// where its paths lead to a collection, or the reverse, is what the
    /// paths say where every example answers so too.
    pub(super) fn type_responses_by_path(&mut self, operations: &mut [OperationDef]) {
        let answers = answers(&self.types, operations);
        for (i, op) in operations.iter_mut().enumerate() {
            let Some(name) = op.response.type_name.clone() else { continue };
            let v = op.api_version;
            if name.starts_with("Edm.") || !op.response.one_of.is_empty() {
                continue;
            }
            let walked: Vec<Walked> = op.paths.iter().filter_map(|p| self.walk(&answers, i, v, &p.template)).collect();
            let Some(first) = walked.first() else { continue };
            // Names compare as types are keyed: the docs vary a first letter's case.
            let same = |a: &str, b: &str| key(v, a) == key(v, b);
            if walked.iter().any(|w| !same(&w.type_name, &first.type_name) || w.collection != first.collection) {
                continue;
            }
            let leads_to = described(&first.type_name, first.collection);
            if !self.types.contains_key(&key(v, &name)) && first.collection == op.response.collection {
                self.diagnostics.push(op.source.warning(
                    "type-named-by-path",
                    format!(
                        "the Response section names {name}, which no page defines; the request's path leads to {leads_to} ({}): the response is typed as that",
                        first.trail
                    ),
                ));
                op.response.type_name = Some(first.type_name.clone());
            } else if op.method == Method::Get
                && same(&first.type_name, &name)
                && first.collection != op.response.collection
                && examples_answer(op, first.collection)
            {
                self.diagnostics.push(op.source.warning(
                    "response-shape-by-path",
                    format!(
                        "the Response section says {}, but the request's path leads to {leads_to} ({}), and every example answers so: the response is {leads_to}",
                        described(&name, op.response.collection),
                        first.trail
                    ),
                ));
                op.response.collection = first.collection;
            }
        }
    }

    /// The type a path leads to: from the longest prefix another GET
    /// answers (the whole path included), each literal segment a property of the
    /// type so far (or of its bases) whose type a page defines, each key
    /// one of a collection. Anything else (a cast, a function, a key on
    /// one object) leads nowhere known.
    fn walk(&self, answers: &Answers, except: usize, version: ApiVersion, path: &PathTemplate) -> Option<Walked> {
        let keys = path.keys();
        let (start, (mut type_name, mut collection)) =
            (1..=keys.len()).rev().find_map(|n| Some((n, answer(answers.get(&(version, keys[..n].to_vec()))?, except)?)))?;
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

/// Whether the operation's examples answer as one object (or as a
/// collection, `{"value": [...]}`), each that shows a JSON object of
/// Graph's, and one at least.
fn examples_answer(op: &OperationDef, collection: bool) -> bool {
    let bodies: Vec<&serde_json::Value> =
        op.examples.iter().filter(|e| !e.goes_elsewhere()).filter_map(|e| e.response.as_ref()?.body.as_ref().filter(|b| b.is_object())).collect();
    !bodies.is_empty() && bodies.iter().all(|b| b.get("value").is_some_and(serde_json::Value::is_array) == collection)
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
    use crate::schema::{OperationDef, Schema};

    const ONE: &str = r#"{"topic": "é"}"#;
    const MANY: &str = r#"{"value": [{"topic": "é"}]}"#;

    /// A group whose threads are conversationThreads, a GET of one group,
    /// and `pages`.
    fn with_groups(pages: &[(&str, String)]) -> Schema {
        let mut all = vec![
            ("resources/group.md", resource("group", None, &[("displayName", "String"), ("threads", "[conversationThread](x.md) collection")])),
            ("resources/conversationthread.md", resource("conversationThread", None, &[("topic", "String")])),
            ("api/group-get.md", get("/groups/{id}", "group", r#"{"displayName": "Ü 日本"}"#)),
        ];
        all.extend(pages.iter().cloned());
        schema(&all)
    }

    /// The operation documented first on `path`.
    fn on<'a>(s: &'a Schema, path: &str) -> &'a OperationDef {
        s.operations.iter().find(|o| o.paths[0].as_str() == path).expect("the operation")
    }

    /// `get`'s page, its Response section saying a collection of `name`.
    fn said_collection(page: String, name: &str) -> String {
        let one = format!("a [{name}](../resources/{name}.md) object");
        assert!(page.contains(&one));
        page.replace(&one, &format!("a collection of [{name}](../resources/{name}.md) objects"))
    }

    #[test]
    fn a_response_named_by_no_type_is_typed_by_where_its_path_leads() {
        let thread = "microsoft.graph.conversationThread";
        let cases = [
            // (path, the page, the type it gets)
            ("/groups/{id}/threads/{id}", get("/groups/{id}/threads/{id}", "thread", ONE), thread),
            ("/groups/{group-id}/Threads/{thread-id}", get("/groups/{group-id}/Threads/{thread-id}", "thread", ONE), thread),
            ("/groups/{id}/threads", said_collection(get("/groups/{id}/threads", "thread", MANY), "thread"), thread),
            // One object said where the path leads to a collection: not taken.
            ("/groups/{id}/threads", get("/groups/{id}/threads", "thread", ONE), "microsoft.graph.thread"),
            // No property of that name; a cast; a key on one object; no GET answers the start.
            ("/groups/{id}/posts/{id}", get("/groups/{id}/posts/{id}", "thread", ONE), "microsoft.graph.thread"),
            (
                "/groups/{id}/threads/{id}/microsoft.graph.x",
                get("/groups/{id}/threads/{id}/microsoft.graph.x", "thread", ONE),
                "microsoft.graph.thread",
            ),
            ("/groups/{id}/{id}", get("/groups/{id}/{id}", "thread", ONE), "microsoft.graph.thread"),
            ("/teams/{id}/threads/{id}", get("/teams/{id}/threads/{id}", "thread", ONE), "microsoft.graph.thread"),
        ];
        for (path, page, want) in cases {
            let s = with_groups(&[("api/thread-get.md", page)]);
            assert_eq!(on(&s, path).response.type_name.as_deref(), Some(want), "{path}: {:?}", s.diagnostics);
            let said = codes(&s).contains(&"type-named-by-path");
            assert_eq!((said, codes(&s).contains(&"type-unresolved")), (want == thread, want != thread), "{path}: {:?}", s.diagnostics);
        }
        // A GET documented with a query answers what the query makes of
        // the path: `/groups/{id}` still answers a group.
        let s = with_groups(&[
            ("api/group-expand.md", get("/groups/{id}?$expand=threads", "conversationThread", ONE)),
            ("api/thread-get.md", get("/groups/{id}/threads/{id}", "thread", ONE)),
        ]);
        assert_eq!(on(&s, "/groups/{id}/threads/{id}").response.type_name.as_deref(), Some(thread), "{:?}", s.diagnostics);
        // A name a page defines is left as it is, and nothing is said.
        let s = with_groups(&[("api/thread-get.md", get("/groups/{id}/threads/{id}", "conversationThread", ONE))]);
        assert!(!codes(&s).iter().any(|c| c.starts_with("type-")), "{:?}", s.diagnostics);
    }

    #[test]
    fn a_response_said_as_one_object_where_the_path_and_examples_give_a_collection_is_a_collection() {
        let thread = |path: &str, example: &str| get(path, "conversationThread", example);
        let cases = [
            // (path, the page, a collection, said)
            ("/groups/{id}/threads", thread("/groups/{id}/threads", MANY), true, true),
            ("/groups/{id}/threads/{id}", said_collection(thread("/groups/{id}/threads/{id}", ONE), "conversationThread"), false, true),
            // The docs vary a first letter's case: the same type.
            ("/groups/{id}/threads", get("/groups/{id}/threads", "ConversationThread", MANY), true, true),
            // An example that answers as the Response section says: kept.
            ("/groups/{id}/threads", thread("/groups/{id}/threads", ONE), false, false),
            ("/groups/{id}/threads/{id}", said_collection(thread("/groups/{id}/threads/{id}", MANY), "conversationThread"), true, false),
            // The paths lead to another type: kept.
            ("/groups/{id}/threads", get("/groups/{id}/threads", "group", MANY), false, false),
        ];
        for (path, page, want, said) in cases {
            let s = with_groups(&[("api/thread-list.md", page)]);
            let shaped = codes(&s).contains(&"response-shape-by-path");
            assert_eq!((on(&s, path).response.collection, shaped), (want, said), "{path}: {:?}", s.diagnostics);
        }
        // An operation's own Response section is no evidence about it: a
        // group said as a collection, with nothing else answering its path.
        let group = resource("group", None, &[("displayName", "String")]);
        let s = schema(&[("resources/group.md", group), ("api/group-get.md", said_collection(get("/groups/{id}", "group", ONE), "group"))]);
        assert!(s.operations[0].response.collection && !codes(&s).contains(&"response-shape-by-path"), "{:?}", s.diagnostics);
    }
}
