//! What the models' generated `Deserialize` stands on: one pass over a JSON
//! object, each documented property into its field, every other one kept
//! in `additional_properties`. serde's `#[serde(flatten)]` would keep them
//! too, but buffers the whole object first (a page of 20,000 users
//! deserialized 1.4 to 1.7 times slower) and expands to much more code per
//! model.

use crate::additional::AdditionalPropertiesBuilder;
use crate::Field;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// An object's key, borrowed from the input where it can be.
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Key<'de> {
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    pub fn into_cow(self) -> Cow<'de, str> {
        match self {
            Key::Borrowed(s) => Cow::Borrowed(s),
            Key::Owned(s) => Cow::Owned(s),
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
pub fn other<'de, A: MapAccess<'de>>(extra: &mut AdditionalPropertiesBuilder, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
    let value: RawText<'de> = map.next_value()?;
    extra.push_text(key.as_str(), &value.0);
    Ok(())
}

/// serde_json's name for a raw value: asked for a newtype struct of this
/// name, its deserializers hand over the value's text unparsed. The name is
/// what serde_json's own `RawValue` asks with; serde_json does not export
/// it, and `RawValue` has no public way to borrow (`&RawValue` fails on a
/// reader) or to fall back (`Box<RawValue>` always copies).
const SERDE_JSON_RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A value's JSON text, unparsed: borrowed from the input where serde_json
/// reads text or bytes, owned where it reads a reader or a `Value`. Copying
/// it into a `Box<RawValue>` first cost an allocation per property.
struct RawText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for RawText<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(SERDE_JSON_RAW_VALUE, RawTextVisitor)
    }
}

struct RawTextVisitor;

impl<'de> Visitor<'de> for RawTextVisitor {
    type Value = RawText<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    /// serde_json's answer: one entry, the name as its key, the text its
    /// value. Any other map (a deserializer that reads the name as any
    /// value would give the object itself) is not taken for text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText<'de>, A::Error> {
        match map.next_key::<Key<'de>>()? {
            // The text as a string, borrowed where it can be, as a key is.
            Some(key) if key.as_str() == SERDE_JSON_RAW_VALUE => Ok(RawText(map.next_value::<Key<'de>>()?.into_cow())),
            _ => Err(de::Error::custom("a value's JSON text can only be kept when serde_json reads it")),
        }
    }
    /// A deserializer that does not know the name: serde_json's public
    /// `RawValue` says whether it can be read as text.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<RawText<'de>, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(RawText(Cow::Owned(Box::<str>::from(raw).into_string())))
    }
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
    // Borrowed from the input where it can be, as unknown properties are.
    let RawText(text) = RawText::deserialize(deserializer)?;
    let compared = |tag: &str| tag.trim_start_matches('#').to_ascii_lowercase();
    let tag = match leading_tag(&text) {
        Some(tag) => Some(compared(tag)),
        None => serde_json::from_str::<Tag>(&text).map_err(de::Error::custom)?.0.as_deref().map(compared),
    };
    read(tag.as_deref(), &text).map_err(de::Error::custom)
}

/// An object's `@odata.type` without parsing it, where that is certain:
/// it is the first property, as Graph writes it, its value a string with
/// no escape, and nothing after it could be another (no `"@odata.type"`,
/// no `\` that could spell one). Else `None`, and `Tag` parses the object.
/// Parsing every object for its tag was about a tenth of the time a page
/// of users took to read as `AnyDirectoryObject`.
fn leading_tag(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(r#"{"@odata.type":""#)?;
    let (tag, rest) = rest.split_at(rest.find(['"', '\\'])?);
    (rest.starts_with('"') && !rest.contains('\\') && !rest.contains(r#""@odata.type""#)).then_some(tag)
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
                    let mut others = AdditionalProperties::builder();
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "id" => field(&mut this.id, &mut map, "id"),
                            _ => other(&mut others, key, &mut map),
                        }?;
                    }
                    this.additional_properties = others.build();
                    Ok(this)
                }
            }
            d.deserialize_map(V)
        }
    }

    #[test]
    fn a_value_is_kept_as_text_only_where_serde_json_reads_it() {
        use serde::de::value::{MapDeserializer, StrDeserializer};
        // A deserializer that answers the raw value's name with the object
        // itself: its first string is not taken for the text.
        let object = MapDeserializer::<_, serde::de::value::Error>::new([("a", "x")].into_iter());
        let err = super::RawText::deserialize(object).err().expect("not text");
        assert!(err.to_string().contains("only be kept when serde_json reads it"), "{err}");
        // One that does not know the name: serde_json's `RawValue` answers.
        assert!(super::RawText::deserialize(StrDeserializer::<serde::de::value::Error>::new("x")).is_err());
        // serde_json: borrowed from text, owned from a reader and a value.
        let from_text: super::RawText = serde_json::from_str(r#" {"é": [1.50, null]} "#).unwrap();
        assert!(matches!(from_text.0, std::borrow::Cow::Borrowed(r#"{"é": [1.50, null]}"#)), "{:?}", from_text.0);
        let from_reader: super::RawText = serde_json::Deserializer::from_reader(&b"[1.50]"[..]).into_iter().next().unwrap().unwrap();
        assert_eq!(from_reader.0, "[1.50]");
        let from_value = super::RawText::deserialize(serde_json::json!({"k": "é"})).unwrap();
        assert_eq!(from_value.0, r#"{"k":"é"}"#);
    }

    #[test]
    fn a_leading_tag_is_taken_only_where_a_parse_would_give_it() {
        // (object, the tag taken without parsing)
        let cases: [(&str, Option<&str>); 11] = [
            (r##"{"@odata.type":"#microsoft.graph.user","id":"1"}"##, Some("#microsoft.graph.user")),
            (r##"{"@odata.type":"#éé"}"##, Some("#éé")),
            (r#"{"@odata.type":""}"#, Some("")),
            // Given twice: the last counts, so the object is parsed.
            (r##"{"@odata.type":"#a","@odata.type":"#b"}"##, None),
            (r##"{"@odata.type":"#a","x":{"@odata.type":"#c"}}"##, None),
            // An escape in the tag or after it (one could spell the key).
            (r##"{"@odata.type":"#\u00e9"}"##, None),
            (r##"{"@odata.type":"#a","\u0040odata.type":"#b"}"##, None),
            // Not first, not compact, not a string.
            (r##"{"id":"1","@odata.type":"#a"}"##, None),
            (r##"{ "@odata.type":"#a"}"##, None),
            (r#"{"@odata.type":null}"#, None),
            // Cut short (never from serde_json, which read the whole value).
            (r##"{"@odata.type":"#a"##, None),
        ];
        for (text, want) in cases {
            assert_eq!(super::leading_tag(text), want, "{text}");
            if let (Some(fast), Ok(parsed)) = (want, serde_json::from_str::<super::Tag>(text)) {
                assert_eq!(parsed.0.as_deref(), Some(fast), "{text}: the same tag as a parse");
            }
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
        let kept: Vec<(String, &str)> = from_text.additional_properties.iter().map(|(n, v)| (n.into_owned(), v.get())).collect();
        assert_eq!(kept, [("n".to_owned(), "1.50"), ("o".to_owned(), r#"{"k\"":[null]}"#), ("ünï".to_owned(), r#""\u00e9""#)]);
        let from_reader: Thing = serde_json::from_reader(text.as_bytes()).unwrap();
        assert_eq!(from_reader, from_text);
        let from_bytes: Thing = serde_json::from_slice(text.as_bytes()).unwrap();
        assert_eq!(from_bytes, from_text);
        // Through a `Value` (as the `AnyX` enums read): each value's text
        // is the value written again, equal as JSON.
        let from_value: Thing = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(from_value, from_text);
        assert_eq!(from_value.additional_properties.get("n").unwrap().get(), "1.5");
        assert!(serde_json::from_str::<Thing>(r#"{"id":"a","id":"b"}"#).unwrap_err().to_string().contains("duplicate field `id`"));
        assert!(serde_json::from_str::<Thing>(r#"{"x":}"#).is_err());
    }
}
