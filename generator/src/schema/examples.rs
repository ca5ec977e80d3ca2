//! Examples as evidence: every property an example's JSON holds is checked
//! against the type it is an instance of. One that no table declares is
//! added to the type (typed from its JSON value) with a warning.

use super::build::{key, Builder};
use super::{OperationDef, PropertyDef, TypeKind};
use crate::diagnostics::Diagnostic;
use serde_json::Value;

pub(super) struct ExampleWalker<'a> {
    pub builder: &'a mut Builder,
}

impl ExampleWalker<'_> {
    pub fn operation(&mut self, op: &OperationDef) {
        for ex in &op.examples {
            if let (Some(req), Some(body)) = (&ex.request, op.request_body.as_ref()) {
                if let (Some(json), Some(t)) = (&req.body, &body.type_name) {
                    self.instance(op.api_version, t, body.collection, json, &ex.source);
                }
            }
            if let (Some(resp), Some(t)) = (&ex.response, &op.response.type_name) {
                if let Some(json) = &resp.body {
                    let items = if op.response.collection { json.get("value") } else { Some(self.unwrap_single(op, t, json, &ex.source)) };
                    if let Some(items) = items {
                        self.instance(op.api_version, t, op.response.collection, items, &ex.source);
                    }
                }
            }
        }
    }

    /// Some pages wrap a single entity in `{"value": {...}}`, which Graph
    /// does not do for a single entity; the entity inside is what is checked.
    fn unwrap_single<'j>(&mut self, op: &OperationDef, type_name: &str, json: &'j Value, src: &str) -> &'j Value {
        let Some(Value::Object(inner)) = json.get("value") else { return json };
        let only_value = json.as_object().is_some_and(|m| m.keys().all(|k| k == "value" || k.starts_with('@')));
        let declares_value = self.find_property(op.api_version, type_name, "value").is_some();
        if !only_value || declares_value || inner.is_empty() {
            return json;
        }
        let (file, line) = src.rsplit_once(':').map(|(f, l)| (f.to_owned(), l.parse().unwrap_or(1))).unwrap_or((src.to_owned(), 1));
        self.builder.diagnostics.push(Diagnostic::warning(&file, line, "example-response-wrapped", format!(
            "the example response wraps its {type_name} in `{{\"value\": ...}}`, which Graph does not do for a single entity; the entity inside is checked against the type"
        )));
        &json["value"]
    }

    fn instance(&mut self, version: &'static str, type_name: &str, collection: bool, json: &Value, src: &str) {
        match (collection, json) {
            (true, Value::Array(items)) => items.iter().for_each(|i| self.object(version, type_name, i, src, 0)),
            (_, v) => self.object(version, type_name, v, src, 0),
        }
    }

    fn object(&mut self, version: &'static str, type_name: &str, json: &Value, src: &str, depth: usize) {
        let Value::Object(map) = json else { return };
        if depth > 16 {
            return;
        }
        // A derived type names itself in `@odata.type`. One no page defines
        // cannot be checked: its properties are not the base type's to take.
        let named = map.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
        let actual = match named {
            Some(t) if self.builder.types.contains_key(&key(version, t)) => t.to_owned(),
            Some(t) if !t.eq_ignore_ascii_case(type_name) => return,
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

    /// An enum value the enum does not list is kept (`Other`) but said.
    fn check_enum_value(&mut self, version: &'static str, p: &PropertyDef, value: &Value, src: &str) {
        let Some(t) = self.builder.types.get(&key(version, &p.type_name)).filter(|t| t.kind == TypeKind::Enum) else { return };
        let values: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => return,
        };
        // Flag enums combine members: `a,b`.
        let unknown: Vec<&str> = values
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty() && !t.members.iter().any(|m| m.name == *v))
            .collect();
        if unknown.is_empty() {
            return;
        }
        let qualified = t.qualified();
        let (file, line) = src.rsplit_once(':').map(|(f, l)| (f.to_owned(), l.parse().unwrap_or(1))).unwrap_or((src.to_owned(), 1));
        self.builder.diagnostics.push(Diagnostic::warning(&file, line, "example-enum-value-undocumented", format!(
            "the example gives `{}` the value {:?}, which {qualified} does not list; the generated enum keeps it as Other",
            p.name, unknown.join(", ")
        )));
    }

    /// A property of the type or of any of its base types.
    fn find_property(&self, version: &'static str, type_name: &str, name: &str) -> Option<PropertyDef> {
        let mut current = Some(type_name.to_owned());
        let mut hops = 0;
        while let (Some(t), true) = (current.take(), hops < 32) {
            let def = self.builder.types.get(&key(version, &t))?;
            if let Some(p) = def.properties.iter().find(|p| p.name == name) {
                return Some(p.clone());
            }
            current = def.base_type.clone();
            hops += 1;
        }
        None
    }

    fn undeclared(&mut self, version: &'static str, type_name: &str, name: &str, value: &Value, src: &str) {
        let (type_ref, collection) = infer(value);
        let t = self.builder.types.get_mut(&key(version, type_name)).expect("the caller found this type");
        t.properties.push(PropertyDef {
            name: name.to_owned(),
            type_name: type_ref.to_owned(),
            collection,
            description: String::new(),
            navigation: false,
            sources: vec![src.to_owned()],
        });
        let qualified = t.qualified();
        let (file, line) = src.rsplit_once(':').map(|(f, l)| (f.to_owned(), l.parse().unwrap_or(1))).unwrap_or((src.to_owned(), 1));
        self.builder.diagnostics.push(Diagnostic::warning(&file, line, "example-property-undeclared", format!(
            "the example has property `{name}`, which no table of {qualified} declares; it is added as {type_ref}{}",
            if collection { " collection" } else { "" }
        )));
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
