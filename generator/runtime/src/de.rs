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

/// Reads an enum's member from its name on the wire: the generated enums'
/// `Deserialize`, each `From<&str>` (a name the docs do not list is kept
/// in `Other`). Written by hand, not derived: serde's derive for an enum
/// with an untagged variant buffers every value and tries each variant,
/// code that 320 enums in v1.0 compiled for nothing.
pub fn member<'de, D: Deserializer<'de>, T: for<'a> From<&'a str>>(deserializer: D) -> Result<T, D::Error> {
    struct MemberVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for MemberVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum member's name")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(MemberVisitor(std::marker::PhantomData))
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

/// A type with derived types (the generated `AnyX` enums): reads a value
/// as the type its `@odata.type` names. (Owned: an object read from a
/// reader is read again from its text.)
pub trait Polymorphic: serde::de::DeserializeOwned {
    /// `tag` is the value's `@odata.type`, lowercased, without `#`; `None`
    /// where it has none. `value` reads the whole object as the type the
    /// tag picks.
    fn read<'de, V: Tagged<'de>>(tag: Option<&str>, value: V) -> Result<Self, V::Error>;
}

/// An object whose `@odata.type` has been read, to be read whole as the
/// type that names.
pub trait Tagged<'de> {
    type Error;
    fn read<T: Deserialize<'de>>(self) -> Result<T, Self::Error>;
}

/// Reads a value of a type with derived types. Graph writes `@odata.type`
/// first: then the tag picks the type and the rest of the object is read
/// into it in the same pass. Where other properties come first, their
/// values' text is kept (borrowed from the input) until the tag comes, and
/// given back to the type it picks before the rest; read from a reader
/// (the text owned), the object's text is kept whole and read again. Keeping
/// the text of every object and reading it twice made a page of 20,000
/// users read as their base type take 2.1 to 2.5 times a plain struct's
/// time; buffering it as a `serde_json::Value` before that, 3.9 to 6.5
/// times, and numbers lost their written form (`1.50` came back `1.5`).
pub fn polymorphic<'de, D: Deserializer<'de>, T: Polymorphic>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor(std::marker::PhantomData))
}

struct PolymorphicVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Polymorphic> Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut before = Vec::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let text = match map.next_value::<RawText<'de>>()?.0 {
                Cow::Borrowed(text) => text,
                Cow::Owned(text) => return whole_text(before, (key, text), map),
            };
            if key.as_str() == TAG {
                return T::read(tag_of(text).as_deref(), Resumed { before: before.into_iter(), tag: Some((key, text)), pending: None, map });
            }
            before.push((key, text));
        }
        // No tag: the base type, or what the type picks without one.
        T::read(None, Resumed { before: before.into_iter(), tag: None, pending: None, map })
    }
}

/// Reads an object whose text is owned (a reader's), so cannot be given
/// back as `Resumed` gives borrowed text: the object's text is kept whole,
/// the tag moved first, and read again as bytes (by `polymorphic`, which
/// finds the tag first now). As bytes, as the runtime reads responses: the
/// types the tag picks are compiled for one reader.
fn whole_text<'de, T: Polymorphic, A: MapAccess<'de>>(
    before: Vec<(Key<'de>, &'de str)>,
    last: (Key<'de>, String),
    mut map: A,
) -> Result<T, A::Error> {
    let mut members: Vec<(Cow<'de, str>, Cow<'de, str>)> = before.into_iter().map(|(key, text)| (key.into_cow(), Cow::Borrowed(text))).collect();
    members.push((last.0.into_cow(), Cow::Owned(last.1)));
    while let Some(key) = map.next_key::<Key<'de>>()? {
        members.push((key.into_cow(), map.next_value::<RawText<'de>>()?.0));
    }
    // The tag first (given twice, both: the type's read refuses that).
    let (tags, others): (Vec<_>, Vec<_>) = members.iter().partition(|(key, _)| key == TAG);
    let mut text = AdditionalPropertiesBuilder::default();
    for (key, value) in tags.into_iter().chain(others) {
        text.push_text(key, value);
    }
    serde_json::from_slice(text.build().as_json().as_bytes()).map_err(de::Error::custom)
}

const TAG: &str = "@odata.type";

/// The tag as the generated enums compare it, from its JSON text:
/// `"#microsoft.graph.User"` is `microsoft.graph.user`. Not a string: none
/// (and the type's `@odata.type` field refuses it).
/// Borrowed where it can be: Graph writes the tag unescaped, lowercase.
fn tag_of(text: &str) -> Option<Cow<'_, str>> {
    let unescaped = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).filter(|t| !t.contains('\\'));
    let tag = match unescaped {
        Some(tag) => Cow::Borrowed(tag.trim_start_matches('#')),
        None => Cow::Owned(serde_json::from_str::<String>(text).ok()?.trim_start_matches('#').to_owned()),
    };
    Some(match tag {
        Cow::Borrowed(tag) if !tag.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Borrowed(tag),
        tag => Cow::Owned(tag.to_ascii_lowercase()),
    })
}

/// An object whose `@odata.type` was read, to be read again from the start:
/// the properties read before the tag, the tag, then the properties still
/// to come. What was read is given back as its text, read as bytes (as
/// the runtime reads responses: each property's type is compiled for one
/// reader, not one more for this).
struct Resumed<'de, A> {
    /// Properties read before the tag: their keys and values' text.
    before: std::vec::IntoIter<(Key<'de>, &'de str)>,
    /// The tag's key and value's text.
    tag: Option<(Key<'de>, &'de str)>,
    /// The text of the value whose key was given last, from the above.
    pending: Option<&'de str>,
    map: A,
}

impl<'de, A: MapAccess<'de>> Tagged<'de> for Resumed<'de, A> {
    type Error = A::Error;
    fn read<T: Deserialize<'de>>(self) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(self))
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Resumed<'de, A> {
    type Error = A::Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let Some((key, text)) = self.before.next().or_else(|| self.tag.take()) else {
            return self.map.next_key_seed(seed);
        };
        self.pending = Some(text);
        match key {
            Key::Borrowed(key) => seed.deserialize(de::value::BorrowedStrDeserializer::new(key)),
            Key::Owned(key) => seed.deserialize(de::value::StringDeserializer::new(key)),
        }
        .map(Some)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(text) => seed.deserialize(&mut serde_json::Deserializer::from_slice(text.as_bytes())).map_err(de::Error::custom),
            None => self.map.next_value_seed(seed),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint().map(|n| n + self.before.len() + usize::from(self.tag.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::{field, other, Key};
    use crate::{AdditionalProperties, Field};
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    /// An enum as graphgen generates one, by hand.
    #[derive(Debug, PartialEq)]
    enum Level {
        Low,
        Other(String),
    }

    impl From<&str> for Level {
        fn from(name: &str) -> Self {
            match name {
                "low" => Level::Low,
                _ => Level::Other(name.to_owned()),
            }
        }
    }

    impl<'de> Deserialize<'de> for Level {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::member(d)
        }
    }

    #[test]
    fn an_enum_member_is_read_from_its_name_and_any_other_name_is_kept() {
        // (the JSON, what it reads as; None: an error)
        let cases = [
            (r#""low""#, Some(Level::Low)),
            (r#""Low""#, Some(Level::Other("Low".into()))),
            (r#""low,high""#, Some(Level::Other("low,high".into()))),
            (r#""niedrig \u00e9 低""#, Some(Level::Other("niedrig é 低".into()))),
            (r#""""#, Some(Level::Other(String::new()))),
            ("1", None),
            ("null", None),
            ("[\"low\"]", None),
        ];
        for (json, want) in cases {
            assert_eq!(serde_json::from_str::<Level>(json).ok(), want, "{json}");
            // Read from a stream, the name is owned, not borrowed.
            assert_eq!(serde_json::from_reader::<_, Level>(json.as_bytes()).ok(), serde_json::from_str::<Level>(json).ok(), "{json}");
        }
        let error = serde_json::from_str::<Level>("7").unwrap_err().to_string();
        assert!(error.contains("an enum member's name"), "{error}");
    }

    /// A model as graphgen generates one, by hand.
    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        odata_type: Field<String>,
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
                            "@odata.type" => field(&mut this.odata_type, &mut map, "@odata.type"),
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

    /// An `AnyX` as graphgen generates one, by hand: the tag it was read
    /// by, and the object read as a `Thing`.
    #[derive(Debug)]
    struct AnyThing(Option<String>, Thing);

    impl super::Polymorphic for AnyThing {
        fn read<'de, V: super::Tagged<'de>>(tag: Option<&str>, value: V) -> Result<Self, V::Error> {
            Ok(AnyThing(tag.map(str::to_owned), value.read()?))
        }
    }

    impl<'de> Deserialize<'de> for AnyThing {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::polymorphic(d)
        }
    }

    #[test]
    fn a_polymorphic_value_is_read_as_its_odata_type_names() {
        // (JSON, the tag the type is picked by and the `Thing` read, or an error)
        type Read<'a> = (Option<&'a str>, Field<&'a str>, Field<&'a str>, &'a str);
        let cases: [(&str, Result<Read, &str>); 11] = [
            // First, as Graph writes it: read in one pass.
            (
                r##"{"@odata.type":"#microsoft.graph.User","id":"1"}"##,
                Ok((Some("microsoft.graph.user"), Field::Value("#microsoft.graph.User"), Field::Value("1"), "{}")),
            ),
            (r##"{"@odata.type":"#éé","x":[1.50]}"##, Ok((Some("éé"), Field::Value("#éé"), Field::Absent, r#"{"x":[1.50]}"#))),
            (r#"{"@odata.type":null}"#, Ok((None, Field::Null, Field::Absent, "{}"))),
            (r#"{}"#, Ok((None, Field::Absent, Field::Absent, "{}"))),
            // Not first: found in the object's text, read again from it.
            (r##"{"id":"1","x":{"@odata.type":"#inner"}}"##, Ok((None, Field::Absent, Field::Value("1"), r##"{"x":{"@odata.type":"#inner"}}"##))),
            (r##"{"id":"é","@odata.type":"#a.B","\u00e9":1.50}"##, Ok((Some("a.b"), Field::Value("#a.B"), Field::Value("é"), r#"{"é":1.50}"#))),
            (
                r##"{"\u00e9":"\u00e9","id":"\u00e9","@odata.type":"#a"}"##,
                Ok((Some("a"), Field::Value("#a"), Field::Value("é"), r#"{"é":"\u00e9"}"#)),
            ),
            // Given twice, or not a string: the type's own error.
            (r##"{"@odata.type":"#a","@odata.type":"#b"}"##, Err("duplicate field `@odata.type`")),
            (r##"{"id":"1","@odata.type":"#a","@odata.type":"#b"}"##, Err("duplicate field `@odata.type`")),
            (r#"{"@odata.type":1}"#, Err("invalid type: integer `1`, expected a string")),
            (r#"[1]"#, Err("expected an object")),
        ];
        for (json, want) in cases {
            let got = serde_json::from_str::<AnyThing>(json);
            match (got, want) {
                (Ok(AnyThing(tag, thing)), Ok((want_tag, odata_type, id, others))) => {
                    assert_eq!(tag.as_deref(), want_tag, "{json}");
                    let owned = |f: Field<&str>| match f {
                        Field::Absent => Field::Absent,
                        Field::Null => Field::Null,
                        Field::Value(v) => Field::Value(v.to_owned()),
                    };
                    assert_eq!(thing.odata_type, owned(odata_type), "{json}");
                    assert_eq!(thing.id, owned(id), "{json}");
                    assert_eq!(thing.additional_properties.as_json(), others, "{json}");
                }
                (Err(e), Err(want)) => assert!(e.to_string().contains(want), "{json}: {e}"),
                (got, want) => panic!("{json}: {got:?}, expected {want:?}"),
            }
        }
        // From text, bytes, a reader (whose text is owned: read again
        // whole) and a `Value` (its numbers written again) alike.
        for json in [r##"{"@odata.type":"#a","id":"1","n":1.50,"m":[2]}"##, r##"{"id":"1","n":1.50,"@odata.type":"#a","m":[2]}"##] {
            let from_value = serde_json::from_value::<AnyThing>(serde_json::from_str(json).unwrap()).unwrap();
            let others: serde_json::Value = serde_json::from_str(from_value.1.additional_properties.as_json()).unwrap();
            assert_eq!(others, serde_json::json!({"n": 1.5, "m": [2]}), "{json}");
            assert_eq!((from_value.0.as_deref(), from_value.1.id.as_option().map(String::as_str)), (Some("a"), Some("1")), "{json}");
            for read in [
                serde_json::from_str::<AnyThing>(json).unwrap(),
                serde_json::from_slice::<AnyThing>(json.as_bytes()).unwrap(),
                serde_json::from_reader::<_, AnyThing>(json.as_bytes()).unwrap(),
            ] {
                assert_eq!((read.0.as_deref(), read.1.id.as_option().map(String::as_str)), (Some("a"), Some("1")), "{json}");
                assert_eq!(read.1.additional_properties.as_json(), r#"{"n":1.50,"m":[2]}"#, "{json}");
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
