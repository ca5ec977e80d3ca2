//! Values as Graph sends them: three-state fields, timestamps kept as
//! written, collection pages, and the `@odata.type` the polymorphic enums
//! dispatch on.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A property as Graph sends it: absent, explicitly `null`, or a value.
///
/// Two states are not enough: a PATCH body must tell "leave unchanged"
/// (absent) from "clear" (null), and a response re-serialized must keep the
/// `null`s the server sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Field<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Field<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn as_option(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(v: T) -> Self {
        Field::Value(v)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Skipped by `skip_serializing_if = "Field::is_absent"`; null if a
            // caller serializes it on its own.
            Field::Absent | Field::Null => s.serialize_none(),
            Field::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A missing key never gets here (`#[serde(default)]` makes it Absent).
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Field::Value(v),
            None => Field::Null,
        })
    }
}

/// An `Edm.DateTimeOffset` exactly as the server wrote it.
///
/// Graph writes up to seven fraction digits (`2017-01-01T00:00:17.7769392-08:00`);
/// a parsed timestamp would not re-serialize byte-identical, so the text is
/// kept and parsed on demand.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateTimeOffset(pub String);

impl DateTimeOffset {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The timestamp, parsed as RFC 3339.
    pub fn parse(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(&self.0)
    }
}

impl From<chrono::DateTime<chrono::FixedOffset>> for DateTimeOffset {
    fn from(t: chrono::DateTime<chrono::FixedOffset>) -> Self {
        DateTimeOffset(t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A page of a collection response: `{"value": [...], "@odata.nextLink": ...}`.
///
/// Deserialized by hand: `#[serde(flatten)]` for the properties it does
/// not name would make serde buffer the whole page (every item as a
/// generic value) before reading a single `T`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Collection<T> {
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    #[serde(rename = "@odata.count", skip_serializing_if = "Option::is_none")]
    pub odata_count: Option<i64>,
    #[serde(rename = "@odata.nextLink", skip_serializing_if = "Option::is_none")]
    pub odata_next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", skip_serializing_if = "Option::is_none")]
    pub odata_delta_link: Option<String>,
    pub value: Vec<T>,
    /// Anything else the server sent, kept.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Page<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Page<T> {
            type Value = Collection<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a collection page: an object with `value`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Collection<T>, A::Error> {
                let mut page = Collection {
                    odata_context: None,
                    odata_count: None,
                    odata_next_link: None,
                    odata_delta_link: None,
                    value: Vec::new(),
                    additional_properties: serde_json::Map::new(),
                };
                let mut value = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "@odata.context" => page.odata_context = map.next_value()?,
                        "@odata.count" => page.odata_count = map.next_value()?,
                        "@odata.nextLink" => page.odata_next_link = map.next_value()?,
                        "@odata.deltaLink" => page.odata_delta_link = map.next_value()?,
                        "value" if value.is_none() => value = Some(map.next_value()?),
                        "value" => return Err(serde::de::Error::duplicate_field("value")),
                        _ => {
                            page.additional_properties.insert(key, map.next_value()?);
                        }
                    }
                }
                // A page that only links on (a delta round with no changes
                // yet, a skip-token page the service cut empty) has no
                // items; anything else without `value` is no page.
                let links_on = page.odata_next_link.is_some() || page.odata_delta_link.is_some();
                page.value = match value {
                    Some(value) => value,
                    None if links_on => Vec::new(),
                    None => return Err(serde::de::Error::missing_field("value")),
                };
                Ok(page)
            }
        }
        d.deserialize_map(Page(std::marker::PhantomData))
    }
}

/// A function's single primitive result: `{"value": "..."}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveValue<T> {
    #[serde(rename = "@odata.context", default, skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    pub value: T,
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

/// A JSON object's `@odata.type`, lowercased and without `#`
/// (`#microsoft.graph.user` → `microsoft.graph.user`), as the generated
/// `AnyX` enums compare it (they read it from the value's text:
/// `de::polymorphic`).
pub fn odata_type(value: &serde_json::Value) -> Option<String> {
    let tag = value.get("@odata.type")?.as_str()?;
    Some(tag.trim_start_matches('#').to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_have_three_states() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Patch {
            #[serde(default, skip_serializing_if = "Field::is_absent")]
            a: Field<String>,
            #[serde(default, skip_serializing_if = "Field::is_absent")]
            b: Field<String>,
            #[serde(default, skip_serializing_if = "Field::is_absent")]
            c: Field<String>,
        }
        let p: Patch = serde_json::from_str(r#"{"b": null, "c": "x"}"#).unwrap();
        assert_eq!(p, Patch { a: Field::Absent, b: Field::Null, c: Field::Value("x".into()) });
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"b":null,"c":"x"}"#);
    }

    #[test]
    fn timestamps_keep_their_digits() {
        let t: DateTimeOffset = serde_json::from_str(r#""2017-01-01T00:00:17.7769392-08:00""#).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""2017-01-01T00:00:17.7769392-08:00""#);
        assert_eq!(t.parse().unwrap().timestamp(), 1483257617);
    }

    #[test]
    fn collection_pages_keep_what_they_do_not_name() {
        let page: Collection<u32> = serde_json::from_str(
            r#"{"@odata.context":"c","value":[1,2],"@odata.nextLink":"n?$skiptoken=a%2Bb","@odata.count":2,"@x.other":{"k":"é"}}"#,
        )
        .unwrap();
        assert_eq!((page.value.as_slice(), page.odata_count, page.odata_next_link.as_deref()), (&[1, 2][..], Some(2), Some("n?$skiptoken=a%2Bb")));
        assert_eq!(page.additional_properties["@x.other"], serde_json::json!({"k": "é"}));
        let back = serde_json::to_value(&page).unwrap();
        assert_eq!(back["@x.other"]["k"], "é");
        assert!(serde_json::from_str::<Collection<u32>>(r#"{"@odata.count":1}"#).unwrap_err().to_string().contains("value"));
        // (a page without `value`, the items read): one that links on has
        // none; one that does not is no page.
        let cases: [(&str, Option<usize>); 4] = [
            (r#"{"@odata.nextLink":"https://graph.microsoft.com/v1.0/users/delta?$skiptoken=é"}"#, Some(0)),
            (r#"{"@odata.deltaLink":"https://graph.microsoft.com/v1.0/users/delta?$deltatoken=日本"}"#, Some(0)),
            (r#"{"@odata.context":"c"}"#, None),
            (r#"{"@odata.nextLink":null}"#, None),
        ];
        for (text, want) in cases {
            let got = serde_json::from_str::<Collection<u32>>(text).ok().map(|p| p.value.len());
            assert_eq!(got, want, "{text}");
        }
        assert!(serde_json::from_str::<Collection<u32>>(r#"{"value":[1],"value":[2]}"#).is_err());
        assert!(serde_json::from_str::<Collection<u32>>(r#"[1]"#).is_err());
    }
}
