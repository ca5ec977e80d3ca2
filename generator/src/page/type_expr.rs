//! A property table's Type cell → one CSDL-qualified type.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeRef {
    /// `Edm.String`, `microsoft.graph.complianceStatus`.
    pub name: String,
    pub collection: bool,
}

impl TypeRef {
    pub fn new(name: impl Into<String>, collection: bool) -> Self {
        Self { name: name.into(), collection }
    }

    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }
}

/// Where the docs' type names map to an Edm primitive. The docs write them
/// in several spellings (`String`, `string`, `GUID`, `Int32`...).
fn primitive(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_prefix("edm.").unwrap_or(&lower);
    Some(match lower {
        "string" | "str" => "Edm.String",
        "boolean" | "bool" => "Edm.Boolean",
        "int32" | "int" | "integer" => "Edm.Int32",
        "int64" | "long" => "Edm.Int64",
        "int16" => "Edm.Int16",
        "byte" => "Edm.Byte",
        "sbyte" => "Edm.SByte",
        "double" | "float" | "number" => "Edm.Double",
        "single" => "Edm.Single",
        "decimal" => "Edm.Decimal",
        "guid" | "uuid" => "Edm.Guid",
        "datetimeoffset" | "datetime" => "Edm.DateTimeOffset",
        "date" => "Edm.Date",
        "timeofday" => "Edm.TimeOfDay",
        "duration" | "timespan" => "Edm.Duration",
        "binary" => "Edm.Binary",
        "stream" => "Edm.Stream",
        "untyped" | "object" | "json" | "untyped json" => "Edm.Untyped",
        _ => return None,
    })
}

/// Maps a Type cell, or None when the cell is free text that names no type.
/// Unqualified type names take the page's namespace.
pub(super) fn parse(cell: &str, namespace: &str) -> Option<TypeRef> {
    let cell = cell.trim().trim_matches('`').trim();
    let (inner, collection) = if let Some(inner) = cell.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
        (inner.trim(), true)
    } else if let Some(inner) = strip_suffix_ci(cell, " collection") {
        (inner.trim(), true)
    } else {
        (cell, false)
    };
    let inner = inner.trim_matches('`');
    if let Some(p) = primitive(inner) {
        return Some(TypeRef::new(p, collection));
    }
    // Dot-separated words: `String.` ends a sentence, it names no type.
    let is_name = !inner.is_empty()
        && inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && inner.split('.').all(|w| !w.is_empty());
    if !is_name {
        return None;
    }
    let name = if inner.contains('.') { inner.to_owned() } else { format!("{namespace}.{inner}") };
    Some(TypeRef::new(name, collection))
}

/// A property row's Type cell: a type expression (`parse`), or one the
/// docs dress in words: a note in parentheses after or before it
/// (`string (url)`, `String (optional)`, `(Optional) String`), a kind
/// after it (`itemAnalytics resource`, `error object`), `collection(T)` or
/// `Collection of T` in any case, or a link that lost its closing
/// parenthesis (`[info](info.md`). The type is the one the words dress,
/// never one they suggest (`string (timestamp)` is a String).
pub(super) fn parse_cell(cell: &str, namespace: &str) -> Option<TypeRef> {
    dressed(cell, namespace, 0)
}

/// The types a Type cell names as alternatives: `A or B`, `A, B, or C`,
/// each a structured type (a cell of primitives, `string/number`, names
/// no type the schema could find a base of). Empty where it names none.
pub(super) fn alternatives(cell: &str, namespace: &str) -> Vec<TypeRef> {
    let cell = cell.trim().trim_matches('`').trim();
    let parts: Vec<&str> = cell.split([',', ' ']).filter(|w| !w.is_empty() && *w != "or").collect();
    let words = cell.split_whitespace().filter(|w| *w == "or" || w.ends_with(',')).count();
    if parts.len() < 2 || words + 1 < parts.len() {
        return Vec::new();
    }
    let types: Option<Vec<TypeRef>> = parts.iter().map(|p| parse(p, namespace).filter(|t| !t.is_primitive() && !t.collection)).collect();
    types.unwrap_or_default()
}

fn dressed(cell: &str, namespace: &str, depth: usize) -> Option<TypeRef> {
    let cell = cell.trim().trim_matches('`').trim();
    if let Some(t) = parse(cell, namespace) {
        return Some(t);
    }
    // Each layer of words is one step; a cell of many is no type.
    if depth >= 3 || cell.is_empty() {
        return None;
    }
    let inner = |text: &str| dressed(text, namespace, depth + 1);
    let as_collection = |t: TypeRef| TypeRef::new(t.name, true);
    if let Some((text, _)) = cell.strip_prefix('[').and_then(|r| r.split_once("](")) {
        return inner(text);
    }
    if let Some(open) = cell.rfind(" (").filter(|_| cell.ends_with(')')) {
        return inner(&cell[..open]);
    }
    if let Some(close) = cell.strip_prefix('(').and_then(|r| r.find(") ")) {
        return inner(&cell[close + 3..]);
    }
    if let Some(text) = strip_prefix_ci(cell, "collection(").and_then(|r| r.strip_suffix(')')) {
        return inner(text).map(as_collection);
    }
    if let Some(text) = strip_prefix_ci(cell, "collection of ") {
        return inner(text).map(as_collection);
    }
    // A sentence's full stop (`String.`).
    if let Some(text) = cell.strip_suffix('.') {
        return inner(text);
    }
    [" object", " resource", " entity"].iter().find_map(|kind| strip_suffix_ci(cell, kind)).and_then(inner)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len()).filter(|head| head.eq_ignore_ascii_case(prefix)).map(|_| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix)).then(|| &s[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_cells() {
        let ns = "microsoft.graph";
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("String", Some(("Edm.String", false))),
            ("string", Some(("Edm.String", false))),
            ("Int32", Some(("Edm.Int32", false))),
            ("GUID", Some(("Edm.Guid", false))),
            ("DateTimeOffset", Some(("Edm.DateTimeOffset", false))),
            ("Boolean", Some(("Edm.Boolean", false))),
            ("String collection", Some(("Edm.String", true))),
            ("complianceStatus", Some(("microsoft.graph.complianceStatus", false))),
            ("identitySet collection", Some(("microsoft.graph.identitySet", true))),
            ("Collection(microsoft.graph.user)", Some(("microsoft.graph.user", true))),
            ("Collection(Edm.String)", Some(("Edm.String", true))),
            ("microsoft.graph.callRecords.session", Some(("microsoft.graph.callRecords.session", false))),
            ("`Int64`", Some(("Edm.Int64", false))),
            ("A JSON object of key-value pairs", None),
            ("", None),
        ];
        for (cell, want) in cases {
            let got = parse(cell, ns);
            assert_eq!(got.as_ref().map(|t| (t.name.as_str(), t.collection)), *want, "{cell:?}");
        }
    }

    #[test]
    fn type_cells_naming_alternatives() {
        let ns = "microsoft.graph";
        let cases: &[(&str, &[&str])] = &[
            (
                "appHostedMediaConfig or serviceHostedMediaConfig",
                &["microsoft.graph.appHostedMediaConfig", "microsoft.graph.serviceHostedMediaConfig"],
            ),
            ("`user, group, or device`", &["microsoft.graph.user", "microsoft.graph.group", "microsoft.graph.device"]),
            ("user, group or device", &["microsoft.graph.user", "microsoft.graph.group", "microsoft.graph.device"]),
            ("microsoft.graph.user or microsoft.graph.group", &["microsoft.graph.user", "microsoft.graph.group"]),
            // Primitives, one type, prose and words between are none.
            ("string or number", &[]),
            ("String or user", &[]),
            ("user", &[]),
            ("user or", &[]),
            ("either user or group", &[]),
            ("user group", &[]),
            ("user or group collection", &[]),
            ("utilisateur ou groupe", &[]),
            ("日本 or 中国", &[]),
            ("", &[]),
        ];
        for (cell, want) in cases {
            let got: Vec<String> = alternatives(cell, ns).into_iter().map(|t| t.name).collect();
            assert_eq!(got, *want, "{cell:?}");
        }
    }

    #[test]
    fn type_cells_dressed_in_words() {
        let ns = "microsoft.graph";
        let deep = "(".repeat(100_000) + "String";
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("string (url)", Some(("Edm.String", false))),
            ("String (optional)", Some(("Edm.String", false))),
            ("(Optional) String", Some(("Edm.String", false))),
            ("string (timestamp)", Some(("Edm.String", false))),
            ("teamVisibilityType (optional)", Some(("microsoft.graph.teamVisibilityType", false))),
            ("String (énumération)", Some(("Edm.String", false))),
            ("itemAnalytics resource", Some(("microsoft.graph.itemAnalytics", false))),
            ("error object", Some(("microsoft.graph.error", false))),
            ("JSON object", Some(("Edm.Untyped", false))),
            ("Untyped JSON object", Some(("Edm.Untyped", false))),
            ("collection(string)", Some(("Edm.String", true))),
            ("`collection(changeNotification)`", Some(("microsoft.graph.changeNotification", true))),
            ("Collection of String", Some(("Edm.String", true))),
            ("collection of identitySet (optional)", Some(("microsoft.graph.identitySet", true))),
            ("[invitedUserMessageInfo](invitedusermessageinfo.md", Some(("microsoft.graph.invitedUserMessageInfo", false))),
            // A full stop ends the sentence; it is not part of a name.
            ("String.", Some(("Edm.String", false))),
            ("microsoft.graph.itemReference.", Some(("microsoft.graph.itemReference", false))),
            ("a..b", None),
            ("..", None),
            // Words that name no one type stay untyped.
            ("appHostedMediaConfig or serviceHostedMediaConfig", None),
            ("string/number", None),
            // (A property table reads the type and moves the sentence.)
            ("educationOutcome collection. Holds grades, feedback and/or rubrics", None),
            ("(optional)", None),
            ("((((String))))", None),
            (deep.as_str(), None),
            ("日本語 (オプション)", None),
            ("", None),
        ];
        for (cell, want) in cases {
            let got = parse_cell(cell, ns);
            assert_eq!(got.as_ref().map(|t| (t.name.as_str(), t.collection)), *want, "{:?}", cell.get(..40).unwrap_or(cell));
        }
    }
}
