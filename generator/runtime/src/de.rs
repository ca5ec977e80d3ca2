//! What the models' generated `Deserialize` stands on: one pass over a JSON
//! object, each documented property into its field, every other one kept
//! in `additional_properties`. serde's `#[serde(flatten)]` would keep them
//! too, but buffers the whole object first (a page of 20,000 users
//! deserialized 1.4 to 1.7 times slower) and expands to much more code per
//! model.

use crate::{AdditionalProperties, Field};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::fmt;

/// An object's key, borrowed from the input where it can be.
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    pub fn into_string(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Reads the value of a documented property into its field; a property
/// given twice is an error, as serde's derive makes it.
pub fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(slot: &mut Field<T>, map: &mut A, name: &'static str) -> Result<(), A::Error> {
    if !slot.is_absent() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = map.next_value()?;
    Ok(())
}

/// Keeps a property the docs do not list, as its JSON text.
pub fn other<'de, A: MapAccess<'de>>(extra: &mut AdditionalProperties, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.push_received(key.into_string(), value);
    Ok(())
}

/// Reads a value of a type with derived types (the generated `AnyX`
/// enums): its JSON text is kept, its `@odata.type` read from it, and the
/// text read again by `read` as the type that names (`read` gets the tag
/// lowercased, without `#`). Buffering it as a `serde_json::Value` instead
/// built a map per object: a page of 20,000 users read as the base type
/// took 3.9 to 6.5 times a plain struct's time, and numbers lost their
/// written form (`1.50` came back `1.5`).
pub fn polymorphic<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    read: impl FnOnce(Option<&str>, &str) -> serde_json::Result<T>,
) -> Result<T, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
    let tag: Tag = serde_json::from_str(raw.get()).map_err(de::Error::custom)?;
    let tag = tag.0.map(|t| t.trim_start_matches('#').to_ascii_lowercase());
    read(tag.as_deref(), raw.get()).map_err(de::Error::custom)
}

/// An object's `@odata.type`, the rest skipped; the last if given twice.
struct Tag(Option<String>);

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TagVisitor;
        impl<'de> Visitor<'de> for TagVisitor {
            type Value = Tag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tag, A::Error> {
                let mut tag = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if key.as_str() == "@odata.type" {
                        tag = map.next_value()?;
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(Tag(tag))
            }
        }
        d.deserialize_map(TagVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::{field, other, Key};
    use crate::{AdditionalProperties, Field};
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    /// A model as graphgen generates one, by hand.
    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        id: Field<String>,
        additional_properties: AdditionalProperties,
    }

    impl<'de> Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Thing;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a thing")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Thing, A::Error> {
                    let mut this = Thing::default();
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "id" => field(&mut this.id, &mut map, "id"),
                            _ => other(&mut this.additional_properties, key, &mut map),
                        }?;
                    }
                    Ok(this)
                }
            }
            d.deserialize_map(V)
        }
    }

    #[test]
    fn a_polymorphic_value_is_read_as_its_odata_type_names() {
        // (JSON, the tag `read` gets, or an error)
        let cases: [(&str, Result<Option<&str>, &str>); 7] = [
            (r##"{"@odata.type":"#microsoft.graph.User","id":"1"}"##, Ok(Some("microsoft.graph.user"))),
            (r#"{"id":"1","x":{"@odata.type":"inner"}}"#, Ok(None)),
            (r#"{"@odata.type":null}"#, Ok(None)),
            (r##"{"@odata.type":"#a","@odata.type":"#b"}"##, Ok(Some("b"))),
            (r##"{"@odata.type":"#éé"}"##, Ok(Some("éé"))),
            (r#"[1]"#, Err("expected an object")),
            (r#"{"@odata.type":1}"#, Err("invalid type")),
        ];
        for (json, want) in cases {
            let mut de = serde_json::Deserializer::from_str(json);
            let got = super::polymorphic(&mut de, |tag, text| {
                assert_eq!(text, json, "the text read again is the value's own");
                Ok(tag.map(str::to_owned))
            });
            match (got, want) {
                (Ok(tag), Ok(want)) => assert_eq!(tag.as_deref(), want, "{json}"),
                (Err(e), Err(want)) => assert!(e.to_string().contains(want), "{json}: {e}"),
                (got, want) => panic!("{json}: {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn unknown_properties_are_kept_from_text_bytes_readers_and_values() {
        let text = r#"{"id":"é1","n":1.50,"o":{"k\"":[null]},"ünï":"\u00e9"}"#;
        let from_text: Thing = serde_json::from_str(text).unwrap();
        assert_eq!(from_text.id, Field::Value("é1".into()));
        let kept: Vec<(&str, &str)> = from_text.additional_properties.iter().map(|(n, v)| (n, v.get())).collect();
        assert_eq!(kept, [("n", "1.50"), ("o", r#"{"k\"":[null]}"#), ("ünï", r#""\u00e9""#)]);
        let from_reader: Thing = serde_json::from_reader(text.as_bytes()).unwrap();
        assert_eq!(from_reader, from_text);
        // Through a `Value` (as the `AnyX` enums read): each value's text
        // is the value written again, equal as JSON.
        let from_value: Thing = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(from_value, from_text);
        assert_eq!(from_value.additional_properties.get("n").unwrap().get(), "1.5");
        assert!(serde_json::from_str::<Thing>(r#"{"id":"a","id":"b"}"#).unwrap_err().to_string().contains("duplicate field `id`"));
        assert!(serde_json::from_str::<Thing>(r#"{"x":}"#).is_err());
    }
}
