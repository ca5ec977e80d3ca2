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
        "untyped" | "object" | "json" => "Edm.Untyped",
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
    let is_name = !inner.is_empty()
        && inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if !is_name {
        return None;
    }
    let name = if inner.contains('.') { inner.to_owned() } else { format!("{namespace}.{inner}") };
    Some(TypeRef::new(name, collection))
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
}
