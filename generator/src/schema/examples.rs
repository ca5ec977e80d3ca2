//! Examples as evidence: every property an example's JSON holds is checked
//! against the type it is an instance of. One that no table declares is
//! recorded as undocumented (with the type its JSON suggests) and said; it
//! never becomes a typed field, of that type or of its base.

use super::action_body::parameter_objects;
use super::build::{key, Builder};
use super::Source;
use super::{ApiVersion, OperationDef, PropertyDef, RequestBodyDef, TypeKind};
use serde_json::Value;
use std::collections::BTreeMap;

pub(super) struct ExampleWalker<'a> {
    pub builder: &'a mut Builder,
    /// Table names the examples spell in another case: (version, the
    /// declaring type's qualified name, the table's name) → the examples'
    /// spellings and where.
    pub respelled: BTreeMap<(ApiVersion, String, String), BTreeMap<String, Vec<Source>>>,
}

impl ExampleWalker<'_> {
    pub(super) fn operation(&mut self, op: &OperationDef) {
        for ex in &op.examples {
            if let Some(req) = ex.request.as_ref().filter(|_| ex.goes_elsewhere()) {
                self.builder.diagnostics.push(ex.source.warning(
                    "example-other-service",
                    format!(
                        "the example request goes to {}, another service's URL (on none of Graph's hosts, naming no API version: what Graph sends a bot, what an upload URL takes); it is kept, but it is no evidence of this operation's body or response, and no test is made from it",
                        req.url
                    ),
                ));
                // Another service's bodies are evidence only of the types
                // they name themselves (`@odata.type`).
                for json in ex.request.iter().filter_map(|r| r.body.as_ref()).chain(ex.response.iter().filter_map(|r| r.body.as_ref())) {
                    self.object(op.api_version, "", json, &ex.source, 0);
                }
                continue;
            }
            if let (Some(req), Some(body)) = (&ex.request, op.request_body.as_ref()) {
                match (&req.body, body.type_name.as_deref()) {
                    (Some(json), Some(t)) if !body.is_stream() => self.instance(op.api_version, t, body.collection, json, &ex.source),
                    (Some(json), None) => self.parameters(op.api_version, body, json, &ex.source),
                    _ => {}
                }
            }
            if let (Some(resp), Some(t)) = (&ex.response, &op.response.type_name) {
                if let Some(json) = &resp.body {
                    let items = if op.response.collection { json.get("value") } else { self.unwrap_single(op, t, json, &ex.source) };
                    if let Some(items) = items {
                        self.instance(op.api_version, t, op.response.collection, items, &ex.source);
                    }
                }
            }
        }
    }

    /// An action's parameters as an example sends them: each value is an
    /// instance of its parameter's type, and a name the Request body table
    /// does not list is said (the body keeps it, untyped).
    fn parameters(&mut self, version: ApiVersion, body: &RequestBodyDef, json: &Value, src: &Source) {
        let mut said: Vec<&str> = Vec::new();
        for (_, object) in parameter_objects(json, body.wrapper.as_ref()) {
            for (name, value) in object {
                if name.contains('@') {
                    continue;
                }
                match body.parameters.iter().find(|p| p.name == *name) {
                    Some(p) if !p.type_name.starts_with("Edm.") && !value.is_null() => self.instance(version, &p.type_name, p.collection, value, src),
                    Some(_) => {}
                    None if said.contains(&name.as_str()) => {}
                    None => {
                        said.push(name);
                        let listed = match body.parameters.iter().find(|p| p.name.eq_ignore_ascii_case(name)) {
                            Some(p) => format!("spells it `{}`", p.name),
                            None => format!(
                                "does not list it: it lists {}",
                                body.parameters.iter().map(|p| format!("`{}`", p.name)).collect::<Vec<_>>().join(", ")
                            ),
                        };
                        self.builder.diagnostics.push(src.warning(
                            "example-parameter-undeclared",
                            format!(
                                "the example's body has parameter `{name}`, which is no parameter of the Request body table (the table {listed}); it is not a typed field: the body keeps it with the parameters the docs do not list"
                            ),
                        ));
                    }
                }
            }
        }
    }

    /// Some pages wrap a single entity in `{"value": {...}}`, which Graph
    /// does not do for a single entity; the entity inside is what is checked.
    /// A `{"value": [...]}` example of a single-entity response is a
    /// collection the Response section does not name: nothing in it is
    /// evidence about the type's properties (`check_fit` says so).
    fn unwrap_single<'j>(&mut self, op: &OperationDef, type_name: &str, json: &'j Value, src: &Source) -> Option<&'j Value> {
        let only_value = json.as_object().is_some_and(|m| m.contains_key("value") && m.keys().all(|k| k == "value" || k.starts_with('@')));
        let declares_value = self.find_property(op.api_version, type_name, "value").is_some();
        if !only_value || declares_value {
            return Some(json);
        }
        let Some(Value::Object(inner)) = json.get("value") else { return None };
        if inner.is_empty() {
            return Some(json);
        }
        self.builder.diagnostics.push(src.warning("example-response-wrapped", format!(
            "the example response wraps its {type_name} in `{{\"value\": ...}}`, which Graph does not do for a single entity; the entity inside is checked against the type"
        )));
        Some(&json["value"])
    }

    fn instance(&mut self, version: ApiVersion, type_name: &str, collection: bool, json: &Value, src: &Source) {
        match (collection, json) {
            (true, Value::Array(items)) => items.iter().for_each(|i| self.object(version, type_name, i, src, 0)),
            (_, v) => self.object(version, type_name, v, src, 0),
        }
    }

    fn object(&mut self, version: ApiVersion, type_name: &str, json: &Value, src: &Source, depth: usize) {
        let Value::Object(map) = json else { return };
        if depth > 16 {
            return;
        }
        // A derived type names itself in `@odata.type`. One no page defines
        // cannot be checked: its properties are not the base type's to take.
        let named = map.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
        let actual = match named {
            Some(t) if self.builder.types.contains_key(&key(version, t)) => t.to_owned(),
            Some(t) if key(version, t) != key(version, type_name) => return,
            _ => type_name.to_owned(),
        };
        let Some(kind) = self.builder.types.get(&key(version, &actual)).map(|t| t.kind) else { return };
        if kind == TypeKind::Enum {
            return;
        }
        for (name, value) in map {
            if name.contains('@') {
                continue;
            }
            if let Some((owner, p)) = self.find_property_any_case(version, &actual, name).filter(|(_, p)| p.name != *name) {
                self.respelled.entry((version, owner, p.name)).or_default().entry(name.clone()).or_default().push(src.clone());
                continue;
            }
            match self.find_property(version, &actual, name) {
                Some(p) => {
                    self.check_enum_value(version, &p, value, src);
                    if !p.type_name.starts_with("Edm.") && !value.is_null() {
                        let nested = p.type_name.clone();
                        self.instance(version, &nested, p.collection, value, src);
                    }
                }
                None => self.undeclared(version, &actual, name, value, src),
            }
        }
    }

    /// Marks each example body that does not fit its type, and says where:
    /// such a body would not deserialize, so no test is made from it.
    pub(super) fn check_fit(&mut self, op: &mut OperationDef) {
        let version = op.api_version;
        for ex in &mut op.examples {
            // Not the operation's request: no test is made of it.
            if ex.goes_elsewhere() {
                continue;
            }
            let mut problems = Vec::new();
            if let (Some(req), Some(body)) = (ex.request.as_mut(), op.request_body.as_ref()) {
                if let Some(json) = &req.body {
                    match &body.type_name {
                        // Content is any bytes, JSON too.
                        Some(_) if body.is_stream() => {}
                        Some(t) => self.fit(version, t, body.collection, json, "$", &mut problems),
                        None => self.fit_parameters(version, body, json, &mut problems),
                    }
                    if !problems.is_empty() {
                        req.fits_type = false;
                        self.report(&ex.source, "the request body", &problems);
                    }
                }
            }
            problems.clear();
            let Some(resp) = ex.response.as_mut() else { continue };
            // An update documented as 204 that names its type answers it
            // when asked (`Prefer: return=representation`, the planner's
            // 200 with the task): the client reads either, and an example
            // of the 200 is tested as one.
            let representation = op.response.status == 204 && op.response.type_name.is_some();
            if resp.status == 204 || (op.response.status == 204 && !representation) {
                if resp.body.is_some() || resp.body_text.is_some() {
                    resp.fits_type = false;
                    self.report(&ex.source, "the response", &["a 204 No Content response has no body, but the example shows one".to_owned()]);
                }
                continue;
            }
            let Some(t) = op.response.type_name.as_deref().filter(|_| !op.response.is_stream()) else { continue };
            if !(200..300).contains(&resp.status) {
                continue;
            }
            let is_collection_shape = resp.body.as_ref().is_some_and(|j| {
                j.get("value").is_some_and(Value::is_array) && j.as_object().is_some_and(|m| m.keys().all(|k| k == "value" || k.starts_with('@')))
            });
            if !op.response.collection && !t.starts_with("Edm.") && is_collection_shape && self.find_property(version, t, "value").is_none() {
                resp.fits_type = false;
                self.report(
                    &ex.source,
                    "the response",
                    &[format!("it is a collection (`{{\"value\": [...]}}`), but the Response section names a single {t}")],
                );
                continue;
            }
            match &resp.body {
                None if resp.body_text.is_none() && !representation => problems.push(format!("no body, but the response is documented as {t}")),
                None => {}
                Some(json) if op.response.collection || t.starts_with("Edm.") => match json.get("value") {
                    Some(v) => self.fit(version, t, op.response.collection, v, "$.value", &mut problems),
                    None => problems.push("no `value`, which a collection (or primitive) response holds".to_owned()),
                },
                Some(json) => self.fit(version, t, false, json, "$", &mut problems),
            }
            if !problems.is_empty() {
                resp.fits_type = false;
                self.report(&ex.source, "the response", &problems);
            }
        }
    }

    fn report(&mut self, src: &Source, what: &str, problems: &[String]) {
        let more = if problems.len() > 3 { format!(" (and {} more)", problems.len() - 3) } else { String::new() };
        self.builder.diagnostics.push(src.warning(
            "example-type-mismatch",
            format!(
                "{what} of this example does not fit its documented type: {}{more}; no test is generated from it",
                problems.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
            ),
        ));
    }

    fn fit_parameters(&self, version: ApiVersion, body: &RequestBodyDef, json: &Value, problems: &mut Vec<String>) {
        let objects = parameter_objects(json, body.wrapper.as_ref());
        if objects.is_empty() {
            let expected = match &body.wrapper {
                Some(w) if w.collection => format!("an object holding a list of parameters' objects under `{}`", w.name),
                Some(w) => format!("an object holding the parameters under `{}`", w.name),
                None => "an object of parameters".to_owned(),
            };
            problems.push(format!("$ is {}, expected {expected}", kind(json)));
        }
        for (path, map) in objects {
            for p in &body.parameters {
                if let Some(v) = map.get(&p.name).filter(|v| !v.is_null()) {
                    self.fit(version, &p.type_name, p.collection, v, &format!("{path}.{}", p.name), problems);
                }
            }
        }
    }

    /// Whether `json` deserializes as the Rust type emitted for `type_name`.
    fn fit(&self, version: ApiVersion, type_name: &str, collection: bool, json: &Value, path: &str, problems: &mut Vec<String>) {
        if problems.len() > 8 {
            return;
        }
        if collection {
            match json {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if item.is_null() && type_name != "Edm.Untyped" {
                            problems.push(format!("{path}[{i}] is null in a collection of {type_name}"));
                        } else {
                            self.fit(version, type_name, false, item, &format!("{path}[{i}]"), problems);
                        }
                    }
                }
                other => problems.push(format!("{path} is {}, expected a collection of {type_name}", kind(other))),
            }
            return;
        }
        let ok = match type_name {
            "Edm.Untyped" => true,
            "Edm.Boolean" => json.is_boolean(),
            "Edm.Int32" => json.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            "Edm.Int16" => json.as_i64().is_some_and(|n| i16::try_from(n).is_ok()),
            "Edm.Byte" => json.as_u64().is_some_and(|n| u8::try_from(n).is_ok()),
            "Edm.SByte" => json.as_i64().is_some_and(|n| i8::try_from(n).is_ok()),
            "Edm.Int64" => json.is_i64() || json.is_u64() && json.as_u64().is_some_and(|n| i64::try_from(n).is_ok()),
            "Edm.Double" | "Edm.Single" | "Edm.Decimal" => json.is_number(),
            t if t.starts_with("Edm.") => json.is_string(),
            _ => match self.builder.types.get(&key(version, type_name)) {
                None => true,
                Some(t) if t.kind == TypeKind::Enum => json.is_string(),
                Some(_) => {
                    let Value::Object(map) = json else {
                        problems.push(format!("{path} is {}, expected an object of {type_name}", kind(json)));
                        return;
                    };
                    let named = map.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
                    let actual = named.filter(|t| self.builder.types.contains_key(&key(version, t))).unwrap_or(type_name);
                    for (name, value) in map {
                        if name.contains('@') || value.is_null() {
                            continue;
                        }
                        if let Some(p) = self.find_property(version, actual, name) {
                            self.fit(version, &p.type_name, p.collection, value, &format!("{path}.{name}"), problems);
                        }
                    }
                    true
                }
            },
        };
        if !ok {
            problems.push(format!("{path} is {}, expected {type_name}", kind(json)));
        }
    }

    /// An enum value the enum does not list is kept (`Other`) but said.
    fn check_enum_value(&mut self, version: ApiVersion, p: &PropertyDef, value: &Value, src: &Source) {
        let Some(t) = self.builder.types.get(&key(version, &p.type_name)).filter(|t| t.kind == TypeKind::Enum) else { return };
        let values: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => return,
        };
        // Flag enums combine members: `a,b`.
        let unknown: Vec<&str> =
            values.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|v| !v.is_empty() && !t.members.iter().any(|m| m.name == *v)).collect();
        if unknown.is_empty() {
            return;
        }
        let qualified = t.qualified();
        self.builder.diagnostics.push(src.warning(
            "example-enum-value-undocumented",
            format!(
                "the example gives `{}` the value {:?}, which {qualified} does not list; the generated enum keeps it as Other",
                p.name,
                unknown.join(", ")
            ),
        ));
    }

    /// A property of the type or of its base types whose name is `name` in
    /// any case, with the qualified name of the type that declares it;
    /// None when one is named exactly so.
    fn find_property_any_case(&self, version: ApiVersion, type_name: &str, name: &str) -> Option<(String, PropertyDef)> {
        for def in self.builder.base_chain(version, type_name) {
            if def.properties.iter().any(|p| p.name == name) {
                return None;
            }
            if let Some(p) = def.properties.iter().find(|p| p.name.eq_ignore_ascii_case(name)) {
                return Some((def.qualified(), p.clone()));
            }
        }
        None
    }

    /// The wire name is the wire's: a property whose table spells it in
    /// another case than every example does (`servicePrincipalID` against
    /// `servicePrincipalId`) takes the examples' spelling, and says so.
    /// Examples that disagree among themselves leave the table's.
    pub(super) fn respell(&mut self) {
        for ((version, owner, table_name), spellings) in std::mem::take(&mut self.respelled) {
            let at = spellings.values().flatten().next().cloned().unwrap_or_default();
            let Some(t) = self.builder.types.get_mut(&key(version, &owner)) else { continue };
            if spellings.len() > 1 {
                let names = spellings.keys().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
                self.builder.diagnostics.push(
                    at.warning(
                        "property-name-case",
                        format!("the examples spell `{table_name}` of {owner} as {names}; the table's spelling is kept"),
                    ),
                );
                continue;
            }
            let (wire, sources) = spellings.into_iter().next().expect("one spelling");
            if let Some(p) = t.properties.iter_mut().find(|p| p.name == table_name) {
                p.name = wire.clone();
                p.sources.extend(sources.iter().filter(|s| !p.sources.contains(s)).cloned().collect::<Vec<_>>());
            }
            self.builder.diagnostics.push(at.warning(
                "property-name-case",
                format!("the table of {owner} names `{table_name}`, every example sends `{wire}`: the field's wire name is `{wire}`"),
            ));
        }
    }

    fn find_property(&self, version: ApiVersion, type_name: &str, name: &str) -> Option<PropertyDef> {
        self.builder.find_property(version, type_name, name)
    }

    /// A property an example shows and no table declares: recorded, not
    /// typed (a fact only the docs' tables state), and said once per type.
    fn undeclared(&mut self, version: ApiVersion, type_name: &str, name: &str, value: &Value, src: &Source) {
        let t = self.builder.types.get_mut(&key(version, type_name)).expect("the caller found this type");
        if let Some(seen) = t.undocumented_properties.iter_mut().find(|p| p.name == name) {
            if !seen.sources.iter().any(|s| s == src) {
                seen.sources.push(src.to_owned());
            }
            return;
        }
        let (type_ref, collection) = infer(value);
        t.undocumented_properties.push(PropertyDef {
            name: name.to_owned(),
            type_name: type_ref.to_owned(),
            resolved: None,
            collection,
            one_of: Vec::new(),
            description: String::new(),
            navigation: false,
            sources: vec![src.clone()],
        });
        let qualified = t.qualified();
        let pages = t.sources.iter().map(|s| s.file.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect::<Vec<_>>().join(", ");
        self.builder.diagnostics.push(src.warning("example-property-undeclared", format!(
            "the example has property `{name}`, which no table of {qualified} declares ({}); it is not a typed field: a value keeps it with the properties the docs do not list",
            if pages.is_empty() { "no page defines the type".to_owned() } else { format!("its pages: {pages}") }
        )));
    }
}

fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.len() <= 40 => format!("the string {s:?}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The Edm type a JSON value is evidence of. Numbers and objects stay
/// untyped: one example cannot tell Int32 from Double, or which complex type.
fn infer(value: &Value) -> (&'static str, bool) {
    match value {
        Value::String(_) => ("Edm.String", false),
        Value::Bool(_) => ("Edm.Boolean", false),
        Value::Array(items) => match items.first().map(infer) {
            Some((t, false)) => (t, true),
            _ => ("Edm.Untyped", true),
        },
        _ => ("Edm.Untyped", false),
    }
}

/// Examples as evidence, one case per rule: a `thing` whose table says
/// `id`, `size` (Int32), `tags` (String collection) and `state` (an enum),
/// and an example response given as the case's JSON.
#[cfg(test)]
mod tests {
    use crate::fixtures::{action, codes, enumeration, get, resource, schema};
    use crate::schema::{ApiVersion, Schema};

    fn with_example(json: &str) -> Schema {
        schema(&[
            (
                "resources/thing.md",
                resource("thing", None, &[("id", "String"), ("size", "Int32"), ("tags", "String collection"), ("state", "runState")]),
            ),
            ("resources/runstate.md", enumeration("runState", &["unknown", "running"])),
            ("api/thing-get.md", get("/things/{id}", "thing", json)),
        ])
    }

    /// Whether the example's response fits, and the codes the examples added.
    fn verdict(s: &Schema) -> (bool, Vec<&str>) {
        let op = s.operations.first().expect("the GET operation");
        let fits = op.examples[0].response.as_ref().expect("a response").fits_type;
        (fits, codes(s).into_iter().filter(|c| c.starts_with("example") || c.starts_with("property-name")).collect())
    }

    #[test]
    fn an_example_is_checked_against_its_type() {
        let cases: &[(&str, bool, &[&str])] = &[
            (r#"{"id": "1", "size": 3, "tags": ["a"], "state": "running"}"#, true, &[]),
            // A value of another JSON type would not deserialize: no test is made from it.
            (r#"{"id": "1", "size": "3"}"#, false, &["example-type-mismatch"]),
            (r#"{"id": "1", "size": 3000000000}"#, false, &["example-type-mismatch"]),
            (r#"{"id": "1", "tags": ["a", null]}"#, false, &["example-type-mismatch"]),
            // A collection where the docs name a single thing.
            (r#"{"value": [{"id": "1"}]}"#, false, &["example-type-mismatch"]),
            // A single entity wrapped in `value` is unwrapped and checked.
            (r#"{"value": {"id": "1", "colour": "red"}}"#, true, &["example-property-undeclared", "example-response-wrapped"]),
            // An enum value the docs don't list fits (`Other`) and is said.
            (r#"{"id": "1", "state": "paused"}"#, true, &["example-enum-value-undocumented"]),
            // A property no table lists is recorded, not typed.
            (r#"{"id": "1", "colour": "é 日本語"}"#, true, &["example-property-undeclared"]),
            // A property spelled in another case takes the wire's spelling.
            (r#"{"id": "1", "Size": 3}"#, true, &["property-name-case"]),
            // Annotations and nulls are not properties to check.
            (r#"{"@odata.context": "x", "id": null, "size": null}"#, true, &[]),
        ];
        for (json, fits, want) in cases {
            let s = with_example(json);
            let (got_fits, mut got) = verdict(&s);
            got.sort();
            assert_eq!((got_fits, got.as_slice()), (*fits, *want), "{json}\n{:#?}", s.diagnostics);
        }
    }

    #[test]
    fn a_204_beside_a_named_object_is_checked_as_that_object_when_an_example_answers_it() {
        // (the Response section, the example's status line and body, fits)
        let asked = "returns `204 No Content` response and empty content. If the request specifies `Prefer` header with `return=representation` preference, then this method returns a `200 OK` response code and updated [thing](../resources/thing.md) object in the response body.";
        let bare = "returns a `204 No Content` response code.";
        let cases = [
            (asked, "200 OK", r#"{"id": "1", "size": 3}"#, true),
            (asked, "200 OK", r#"{"id": "1", "size": "trois"}"#, false),
            // No body where it may come: nothing to check.
            (asked, "204 No Content", "", true),
            // A 204 shows no body, whatever the page names.
            (asked, "204 No Content", r#"{"id": "1"}"#, false),
            (bare, "200 OK", r#"{"id": "1"}"#, false),
        ];
        for (response, status, body, fits) in cases {
            let page = get("/things/{id}", "thing", body)
                .replace("returns a `200 OK` response code and a [thing](../resources/thing.md) object in the response body.", response)
                .replace("HTTP/1.1 200 OK", &format!("HTTP/1.1 {status}"));
            let s = schema(&[("resources/thing.md", resource("thing", None, &[("id", "String"), ("size", "Int32")])), ("api/thing-get.md", page)]);
            assert_eq!(s.operations[0].response.status, 204, "{response}");
            let (got, _) = verdict(&s);
            assert_eq!(got, fits, "{response} {status} {body}: {:?}", s.diagnostics);
        }
    }

    #[test]
    fn what_an_example_shows_is_recorded_where_it_belongs() {
        let s = with_example(r#"{"id": "1", "colour": "red", "Size": 3}"#);
        let thing = s.find_type(ApiVersion::V1_0, "microsoft.graph.thing").unwrap();
        let undocumented: Vec<_> = thing.undocumented_properties.iter().map(|p| (p.name.as_str(), p.type_name.as_str())).collect();
        assert_eq!(undocumented, [("colour", "Edm.String")]);
        assert!(thing.properties.iter().any(|p| p.name == "Size"), "the examples' spelling is the wire name");
        assert!(!thing.properties.iter().any(|p| p.name == "colour"), "an example adds no typed field");
    }

    const GRAPH: &str = "https://graph.microsoft.com/v1.0/things/1/act";
    const BOT: &str = "https://bot.contoso.com/api/calls";

    fn said<'s>(s: &'s Schema, code: &str) -> Vec<&'s str> {
        s.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.as_str()).collect()
    }

    #[test]
    fn another_services_example_is_no_evidence_of_the_operations_body() {
        // What Graph sends the bot holds no parameter of the action, and a
        // type that names itself is still checked as that type.
        let notification = r##"{"@odata.type": "#microsoft.graph.note", "value": [{"changeType": "é"}], "texte": "日本"}"##;
        let s = schema(&[
            ("resources/note.md", resource("note", None, &[("value", "String")])),
            (
                "api/thing-act.md",
                action("/things/{id}/act", &[("clientContext", "String")], &[(GRAPH, r#"{"clientContext": "c"}"#), (BOT, notification)]),
            ),
        ]);
        assert!(said(&s, "example-parameter-undeclared").is_empty(), "{:?}", s.diagnostics);
        assert!(said(&s, "example-type-mismatch").iter().all(|m| !m.contains("parameters")), "{:?}", s.diagnostics);
        let elsewhere = said(&s, "example-other-service");
        assert!(elsewhere.len() == 1 && elsewhere[0].contains(BOT), "{elsewhere:?}");
        let undeclared = said(&s, "example-property-undeclared");
        assert!(undeclared.len() == 1 && undeclared[0].contains("`texte`") && undeclared[0].contains("microsoft.graph.note"), "{undeclared:?}");
        assert!(s.operations[0].examples.iter().all(|e| e.request.as_ref().is_some_and(|r| r.fits_type)));
    }

    #[test]
    fn a_parameter_the_table_does_not_list_is_said() {
        // (the example's body, what is said of it)
        let cases: [(&str, &[&str]); 5] = [
            (r#"{"clientContext": "c"}"#, &[]),
            (r#"{"clientContext": "c", "routingPolicies": ["é"]}"#, &["`routingPolicies`, which is no parameter of the Request body table (the table does not list it: it lists `clientContext`, `size`)"]),
            // Sent both ways, the table's spelling stays (`action_body::respell`).
            (r#"{"ClientContext": "c", "clientContext": "d"}"#, &["`ClientContext`, which is no parameter of the Request body table (the table spells it `clientContext`)"]),
            // Once per name and example; annotations are no parameters.
            (r##"{"x": 1, "x": 2, "@odata.type": "#y"}"##, &["`x`"]),
            (r#"{"size": 3, "clientContext": null}"#, &[]),
        ];
        for (body, want) in cases {
            let s = schema(&[("api/thing-act.md", action("/things/{id}/act", &[("clientContext", "String"), ("size", "Int32")], &[(GRAPH, body)]))]);
            let got = said(&s, "example-parameter-undeclared");
            assert_eq!(got.len(), want.len(), "{body}: {got:?}");
            for (g, w) in got.iter().zip(want) {
                assert!(g.contains(w), "{body}: {g}");
            }
        }
    }

    #[test]
    fn parameters_held_under_a_name_are_checked_there() {
        let s = schema(&[(
            "api/thing-act.md",
            action(
                "/things/{id}/act",
                &[("displayName", "String"), ("size", "Int32")],
                &[(GRAPH, r#"{"passwordCredential": {"displayName": "é", "size": "trois"}}"#)],
            ),
        )]);
        let wrapper = s.operations[0].request_body.as_ref().and_then(|b| b.wrapper.as_ref()).map(|w| (w.name.as_str(), w.collection));
        assert_eq!(wrapper, Some(("passwordCredential", false)));
        let mismatch = said(&s, "example-type-mismatch");
        assert!(mismatch.len() == 1 && mismatch[0].contains("$.passwordCredential.size"), "{mismatch:?}");
        assert!(said(&s, "example-parameter-undeclared").is_empty(), "{:?}", s.diagnostics);
    }
}
