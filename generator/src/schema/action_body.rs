//! What an action's examples say of its parameters that the Request body
//! table does not.
//!
//! The object they are sent in: `addPassword` documents `displayName`,
//! `endDateTime` and `startDateTime`, and sends
//! `{"passwordCredential": {"displayName": ...}}`; `followedSites/add`
//! documents `id` and sends `{"value": [{"id": ...}]}`. The table says what
//! the object holds; only the examples say where it goes. A client sending
//! the table's parameters at the top level would send what Graph does not
//! read, so where every example agrees, the body is that wrapper.
//!
//! Their spelling: a table naming `Address` where every example sends
//! `address` names the wire's `address`, as a type's table does
//! (`property-name-case`).

use super::{BodyWrapper, ExampleDef, ParameterDef, Source};
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// The wrapper every example body shows around the documented
/// parameters, if they all show the same one: one property (besides
/// annotations) that is no parameter, holding an object, or a list of
/// objects, whose properties are all documented parameters.
pub(super) fn wrapper(parameters: &[ParameterDef], examples: &[ExampleDef]) -> Option<BodyWrapper> {
    if parameters.is_empty() {
        return None;
    }
    let documented = |name: &str| parameters.iter().any(|p| p.name.eq_ignore_ascii_case(name));
    let mut found: Option<BodyWrapper> = None;
    let bodies = examples.iter().filter(|e| !e.goes_elsewhere()).filter_map(|e| e.request.as_ref()?.body.as_ref());
    for body in bodies {
        let shown = shown_wrapper(body, &documented)?;
        match &found {
            Some(w) if *w != shown => return None,
            _ => found = Some(shown),
        }
    }
    found
}

/// Renames each parameter every example that sends it spells in another
/// case, and says so. Examples that disagree, or one that spells it as
/// the table does, leave the table's spelling.
pub(super) fn respell(parameters: &mut [ParameterDef], wrapper: Option<&BodyWrapper>, examples: &[ExampleDef], diagnostics: &mut Vec<Diagnostic>) {
    let objects: Vec<(&Map<String, Value>, &Source)> = examples
        .iter()
        .filter(|e| !e.goes_elsewhere())
        .filter_map(|e| Some((e.request.as_ref()?.body.as_ref()?, &e.source)))
        .flat_map(|(body, source)| parameter_objects(body, wrapper).into_iter().map(move |(_, o)| (o, source)))
        .collect();
    let names: Vec<String> = parameters.iter().map(|p| p.name.clone()).collect();
    for p in parameters.iter_mut() {
        let mut spellings: Vec<(&str, &Source)> = Vec::new();
        let mut as_table = false;
        for (object, source) in &objects {
            for key in object.keys() {
                if *key == p.name {
                    as_table = true;
                } else if key.eq_ignore_ascii_case(&p.name) && !names.contains(key) && !spellings.iter().any(|(s, _)| s == key) {
                    spellings.push((key, source));
                }
            }
        }
        if let ([(wire, source)], false) = (spellings.as_slice(), as_table) {
            diagnostics.push(source.warning(
                "parameter-name-case",
                format!("the Request body table names `{}`, every example sends `{wire}`: the parameter's wire name is `{wire}`", p.name),
            ));
            p.name = (*wire).to_owned();
        }
    }
}

/// The objects of parameters an action's body holds, with their JSON
/// paths: the body itself, or what its wrapper holds (none where the body
/// is not of that shape).
pub(super) fn parameter_objects<'j>(body: &'j Value, wrapper: Option<&BodyWrapper>) -> Vec<(String, &'j Map<String, Value>)> {
    match (wrapper, body) {
        (None, Value::Object(map)) => vec![("$".to_owned(), map)],
        (Some(w), Value::Object(map)) => match map.get(&w.name) {
            Some(Value::Object(inner)) if !w.collection => vec![(format!("$.{}", w.name), inner)],
            Some(Value::Array(items)) if w.collection => {
                items.iter().enumerate().filter_map(|(i, item)| Some((format!("$.{}[{i}]", w.name), item.as_object()?))).collect()
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn shown_wrapper(body: &Value, documented: &dyn Fn(&str) -> bool) -> Option<BodyWrapper> {
    let mut keys = body.as_object()?.iter().filter(|(k, _)| !k.contains('@'));
    let (name, inner) = keys.next()?;
    if keys.next().is_some() || documented(name) {
        return None;
    }
    let (objects, collection): (Vec<&Map<String, Value>>, bool) = match inner {
        Value::Object(o) => (vec![o], false),
        Value::Array(items) if !items.is_empty() => (items.iter().map(Value::as_object).collect::<Option<_>>()?, true),
        _ => return None,
    };
    let mut properties = objects.iter().flat_map(|o| o.keys()).filter(|k| !k.contains('@')).peekable();
    properties.peek()?;
    properties.all(|k| documented(k)).then(|| BodyWrapper { name: name.clone(), collection })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{ExampleRequest, Method, Source};

    /// Parameter names, or example bodies, in a table of cases.
    type Names = &'static [&'static str];
    /// Example requests: (URL, body).
    type Requests = &'static [(&'static str, &'static str)];

    fn example(url: &str, body: &str) -> ExampleDef {
        let request = ExampleRequest {
            method: Method::Post,
            url: url.to_owned(),
            headers: Vec::new(),
            body: serde_json::from_str(body).ok(),
            body_text: None,
            fits_type: true,
        };
        ExampleDef { request: Some(request), response: None, source: Source::new("api/x.md", 1) }
    }

    fn parameter(name: &str) -> ParameterDef {
        ParameterDef {
            name: name.to_owned(),
            type_name: "Edm.String".to_owned(),
            resolved: None,
            quoted: false,
            collection: false,
            one_of: Vec::new(),
            description: String::new(),
            optional: false,
        }
    }

    #[test]
    fn a_parameter_takes_the_spelling_every_example_sends() {
        const GRAPH: &str = "https://graph.microsoft.com/v1.0/x/add";
        // (the table's names, the examples' bodies, the names after, said)
        let cases: [(Names, Names, Names, bool); 7] = [
            (&["Address", "hasHeaders"], &[r#"{"address": "A1", "hasHeaders": true}"#], &["address", "hasHeaders"], true),
            // Only ASCII letters fold: `GRÖSSE` is another name, `größe` this one.
            (&["Größe"], &[r#"{"GRÖSSE": 1}"#, r#"{"größe": 2}"#], &["größe"], true),
            (&["Comment"], &[r#"{"comment": "é"}"#, r#"{"comment": "ü"}"#], &["comment"], true),
            // Examples that disagree, or one that spells it as the table does.
            (&["Comment"], &[r#"{"comment": "é"}"#, r#"{"COMMENT": "ü"}"#], &["Comment"], false),
            (&["Comment"], &[r#"{"comment": "é"}"#, r#"{"Comment": "ü"}"#], &["Comment"], false),
            // Two parameters spelled alike are each their own.
            (&["id", "ID"], &[r#"{"id": 1, "ID": 2}"#], &["id", "ID"], false),
            // Another service's spelling is not the operation's.
            (&["Comment"], &[], &["Comment"], false),
        ];
        for (names, bodies, want, said) in cases {
            let mut parameters: Vec<ParameterDef> = names.iter().map(|n| parameter(n)).collect();
            let mut examples: Vec<ExampleDef> = bodies.iter().map(|body| example(GRAPH, body)).collect();
            examples.push(example("https://bot.contoso.com/api/calls", r#"{"comment": "x", "id": 3}"#));
            let mut diagnostics = Vec::new();
            respell(&mut parameters, None, &examples, &mut diagnostics);
            assert_eq!(parameters.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), want, "{bodies:?}");
            assert_eq!(diagnostics.iter().any(|d| d.code == "parameter-name-case"), said, "{bodies:?} {diagnostics:?}");
        }
    }

    #[test]
    fn the_wrapper_every_example_shows_is_the_body() {
        const GRAPH: &str = "https://graph.microsoft.com/v1.0/x/act";
        const BOT: &str = "https://bot.contoso.com/api/calls";
        let wrapped = |name: &str, collection| Some(BodyWrapper { name: name.to_owned(), collection });
        // (the documented parameters, the examples (URL, body), the wrapper)
        let cases: [(Names, Requests, Option<BodyWrapper>); 16] = [
            (
                &["displayName", "endDateTime"],
                &[(GRAPH, r#"{"passwordCredential": {"displayName": "é 日本"}}"#)],
                wrapped("passwordCredential", false),
            ),
            (&["id"], &[(GRAPH, r##"{"value": [{"id": "a"}, {"id": "b", "@odata.type": "#x"}]}"##)], wrapped("value", true)),
            // Annotations beside the wrapper are no property.
            (&["id"], &[(GRAPH, r#"{"@odata.context": "x", "list": [{"id": "a"}]}"#)], wrapped("list", true)),
            // Every example agrees, or none is taken.
            (&["id"], &[(GRAPH, r#"{"value": [{"id": "a"}]}"#), (GRAPH, r#"{"value": [{"id": "b"}]}"#)], wrapped("value", true)),
            (&["id"], &[(GRAPH, r#"{"value": [{"id": "a"}]}"#), (GRAPH, r#"{"id": "b"}"#)], None),
            (&["id"], &[(GRAPH, r#"{"value": [{"id": "a"}]}"#), (GRAPH, r#"{"value": {"id": "b"}}"#)], None),
            // Parameters at the top level: no wrapper.
            (&["comment"], &[(GRAPH, r#"{"comment": {"id": "é"}}"#)], None),
            (&["a", "b"], &[(GRAPH, r#"{"a": 1, "b": 2}"#)], None),
            // A wrapper holding anything undocumented is no wrapper of them.
            (&["id"], &[(GRAPH, r#"{"value": [{"id": "a", "name": "b"}]}"#)], None),
            (&["id"], &[(GRAPH, r#"{"value": [{"id": "a"}, 3]}"#)], None),
            (&["id"], &[(GRAPH, r#"{"value": []}"#)], None),
            (&["id"], &[(GRAPH, r#"{"value": {}}"#)], None),
            (&["id"], &[(GRAPH, r#"{"value": "id"}"#)], None),
            // No example, or another service's only (a bot's notification).
            (&["id"], &[], None),
            (&["clientContext"], &[(BOT, r#"{"value": [{"clientContext": "x"}]}"#)], None),
            // No parameters documented: nothing to wrap.
            (&[], &[(GRAPH, r#"{"value": [{"id": "a"}]}"#)], None),
        ];
        for (names, bodies, want) in cases {
            let parameters: Vec<ParameterDef> = names.iter().map(|n| parameter(n)).collect();
            let examples: Vec<ExampleDef> = bodies.iter().map(|(url, body)| example(url, body)).collect();
            assert_eq!(wrapper(&parameters, &examples), want, "{names:?} {bodies:?}");
        }
    }
}
