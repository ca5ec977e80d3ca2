//! The properties of a JSON object that its model does not list, kept as
//! the server sent them.
//!
//! They are kept as one JSON object's text, `{"name":value,...}`, each
//! value unparsed, in the order they came. Parsing them into
//! `serde_json::Value`s (a map per object, a map per nested object, a
//! string per text) made reading a page of 20,000 users that carry two such
//! properties 2.4 times the cost of a struct that drops them. A list of
//! (name, text) pairs cost 1.7 times: five allocations per user (two
//! names, two texts, the list), where one text buffer takes one or two
//! (1.6 times, what a hand-written struct keeping the same text costs).
//! The text is also what goes back: a value read and serialized again keeps
//! these properties byte for byte (numbers as written, keys in order).
//! Reading one is a parse of that small text on demand:
//! [`AdditionalProperties::get_as`].

use crate::de::Key;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// Properties the docs do not list: name and JSON text, in the order
/// received. A name sent twice is kept twice (and written back twice);
/// reading it gives the last, as a JSON parser would.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    /// A JSON object's text, `{"a":1,"b":[2]}`; empty when there are none.
    /// A `Box<str>`, not a `String`: every model has one, and the 8 bytes
    /// of capacity showed in the time a page of users takes to read.
    text: Box<str>,
}

/// An object's properties its model does not list, while it is read: the
/// text grows as a `String` does and is cut to its size when the object
/// ends ([`AdditionalPropertiesBuilder::build`]). Kept at the doubled
/// size, the buffers held 1.9 times their text, and the pages the larger
/// heap touched made a page of 20,000 users with two such properties read
/// a third slower; grown to each property's size instead, many properties
/// would copy the text once each.
#[derive(Default)]
pub struct AdditionalPropertiesBuilder {
    text: String,
}

impl AdditionalPropertiesBuilder {
    /// Keeps a property as received: its name (unescaped) and its value's
    /// JSON text.
    pub fn push_received(&mut self, name: &str, value: &RawValue) {
        push_member(&mut self.text, name, value.get());
    }

    /// As `push_received`, for text the JSON parser read as one value.
    pub(crate) fn push_text(&mut self, name: &str, value: &str) {
        push_member(&mut self.text, name, value);
    }

    pub fn build(self) -> AdditionalProperties {
        AdditionalProperties { text: self.text.into_boxed_str() }
    }
}

/// Appends `"name":value` to an object's text (`{` ... `}`, or empty).
fn push_member(text: &mut String, name: &str, value: &str) {
    // serde_json escapes `"`, `\` and control characters in a string,
    // nothing else: a name without them is written as it is.
    let escaped = name.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20).then(|| serde_json::Value::String(name.to_owned()).to_string());
    // `,` (or `{`), the name, `:`, the value, `}`.
    text.reserve(escaped.as_ref().map_or(name.len() + 2, String::len) + value.len() + 3);
    if text.is_empty() {
        text.push('{');
    } else {
        // Over the closing brace.
        text.pop();
        text.push(',');
    }
    match &escaped {
        Some(escaped) => text.push_str(escaped),
        None => {
            text.push('"');
            text.push_str(name);
            text.push('"');
        }
    }
    text.push(':');
    text.push_str(value);
    text.push('}');
}

impl AdditionalProperties {
    pub fn new() -> Self {
        Self::default()
    }

    /// For a `Deserialize` that reads an object's properties one by one.
    pub fn builder() -> AdditionalPropertiesBuilder {
        AdditionalPropertiesBuilder::default()
    }

    pub fn len(&self) -> usize {
        self.members().len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// All of them as one JSON object's text, as received (`{}` for none).
    pub fn as_json(&self) -> &str {
        if self.text.is_empty() {
            "{}"
        } else {
            &self.text
        }
    }

    /// The JSON text of property `name` as it was received.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.members().into_iter().rev().find(|(n, _)| n.as_str() == name).map(|(_, v)| v)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Property `name` read as `T` (`serde_json::Value` for any JSON):
    /// `None` where it is absent, the error where it is not a `T`.
    pub fn get_as<T: DeserializeOwned>(&self, name: &str) -> Option<serde_json::Result<T>> {
        self.get(name).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Sets property `name` to `value` serialized, in place of any value
    /// it had (at the end if it had none).
    pub fn insert<T: Serialize + ?Sized>(&mut self, name: impl Into<String>, value: &T) -> serde_json::Result<()> {
        let name = name.into();
        let value = serde_json::to_string(value)?;
        let mut placed = false;
        let mut rebuilt = Self::builder();
        for (n, v) in self.members() {
            match (n.as_str() == name, placed) {
                (false, _) => rebuilt.push_received(n.as_str(), v),
                (true, false) => {
                    rebuilt.push_text(&name, &value);
                    placed = true;
                }
                (true, true) => {}
            }
        }
        if !placed {
            rebuilt.push_text(&name, &value);
        }
        *self = rebuilt.build();
        Ok(())
    }

    /// Removes property `name` (every time it was sent), giving its last text.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let members = self.members();
        let last = members.iter().rev().find(|(n, _)| n.as_str() == name).map(|(_, v)| (*v).to_owned())?;
        let mut rebuilt = Self::builder();
        for (n, v) in members.iter().filter(|(n, _)| n.as_str() != name) {
            rebuilt.push_received(n.as_str(), v);
        }
        *self = rebuilt.build();
        Some(last)
    }

    /// Each property's name and JSON text, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (Cow<'_, str>, &RawValue)> {
        self.members().into_iter().map(|(n, v)| (n.into_cow(), v))
    }

    /// Every property parsed into a JSON map (a name sent twice: the last).
    pub fn to_map(&self) -> serde_json::Map<String, serde_json::Value> {
        self.iter().map(|(n, v)| (n.into_owned(), serde_json::from_str(v.get()).unwrap_or(serde_json::Value::Null))).collect()
    }

    /// Writes each property into an object being serialized.
    pub(crate) fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (name, value) in self.members() {
            map.serialize_entry(name.as_str(), value)?;
        }
        Ok(())
    }

    /// The members, names unescaped, values borrowed from the text.
    fn members(&self) -> Vec<(Key<'_>, &RawValue)> {
        if self.text.is_empty() {
            return Vec::new();
        }
        let mut de = serde_json::Deserializer::from_str(&self.text);
        // The text is built from names and values serde_json read or wrote,
        // so it is one object; were it not, no member is better than a panic.
        de.deserialize_map(MembersVisitor).unwrap_or_default()
    }
}

/// An object's members, duplicates kept, each value's text borrowed.
struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Vec<(Key<'de>, &'de RawValue)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(members)
    }
}

/// A JSON map's properties, each serialized to its text.
impl From<serde_json::Map<String, serde_json::Value>> for AdditionalProperties {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        let mut this = Self::builder();
        for (name, value) in map {
            this.push_text(&name, &value.to_string());
        }
        this.build()
    }
}

/// Equal when they hold the same names in the same order with equal JSON
/// values (`1.0` and `1.00` differ as text, not as values).
impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        if self.text == other.text {
            return true;
        }
        let parsed = |raw: &RawValue| serde_json::from_str::<serde_json::Value>(raw.get()).ok();
        let (mine, theirs) = (self.members(), other.members());
        mine.len() == theirs.len()
            && mine.iter().zip(&theirs).all(|((n, a), (m, b))| n.as_str() == m.as_str() && (a.get() == b.get() || parsed(a) == parsed(b)))
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter().map(|(n, v)| (n, v.get()))).finish()
    }
}

/// The properties as a JSON object, each value its text.
impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::AdditionalProperties;
    use serde_json::json;

    fn read(object: &str) -> AdditionalProperties {
        let mut this = AdditionalProperties::builder();
        let map: Vec<(String, Box<serde_json::value::RawValue>)> = serde_json::from_str::<pairs::Pairs>(object).expect("an object").0;
        for (name, raw) in map {
            this.push_received(&name, &raw);
        }
        this.build()
    }

    /// An object's members as pairs, duplicates kept (a map would merge them).
    mod pairs {
        use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
        pub(super) struct Pairs(pub(super) Vec<(String, Box<serde_json::value::RawValue>)>);
        impl<'de> Deserialize<'de> for Pairs {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Pairs;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                        let mut pairs = Vec::new();
                        while let Some(entry) = map.next_entry()? {
                            pairs.push(entry);
                        }
                        Ok(Pairs(pairs))
                    }
                }
                d.deserialize_map(V)
            }
        }
    }

    #[test]
    fn text_goes_back_as_it_came() {
        // Numbers as written, nested keys in their order, non-ASCII, escapes.
        let cases = [
            r#"{}"#,
            r#"{"n":1.50,"big":12345678901234567890123}"#,
            r#"{"z":{"é":[1,null],"a":"\u00e9\n"},"日本":"語"}"#,
            r#"{"twice":1,"twice":2}"#,
        ];
        for case in cases {
            let this = read(case);
            assert_eq!(serde_json::to_string(&this).unwrap(), case);
        }
    }

    #[test]
    fn reading_and_changing() {
        let mut this = read(r#"{"a":{"k":"é"},"n":7,"twice":1,"twice":2}"#);
        assert_eq!(this.len(), 4);
        assert_eq!(this.get("a").map(|r| r.get()), Some(r#"{"k":"é"}"#));
        assert_eq!(this.get_as::<serde_json::Value>("a").unwrap().unwrap(), json!({"k": "é"}));
        assert_eq!(this.get_as::<u8>("n").unwrap().unwrap(), 7);
        assert!(this.get_as::<String>("n").unwrap().is_err());
        assert!(this.get_as::<u8>("absent").is_none());
        // The last of a name sent twice, as a JSON parser reads it.
        assert_eq!(this.get_as::<u8>("twice").unwrap().unwrap(), 2);
        this.insert("twice", &3).unwrap();
        assert_eq!(serde_json::to_string(&this).unwrap(), r#"{"a":{"k":"é"},"n":7,"twice":3}"#);
        this.insert("new", "ü").unwrap();
        assert_eq!(this.remove("n").map(|r| r.get().to_owned()).as_deref(), Some("7"));
        assert_eq!(serde_json::to_string(&this).unwrap(), r#"{"a":{"k":"é"},"twice":3,"new":"ü"}"#);
        assert_eq!(this.to_map(), json!({"a": {"k": "é"}, "twice": 3, "new": "ü"}).as_object().unwrap().clone());
        assert_eq!(format!("{this:?}"), r#"{"a": "{\"k\":\"é\"}", "twice": "3", "new": "\"ü\""}"#);
    }

    #[test]
    fn names_are_written_as_serde_json_writes_them() {
        // (name as read, its text in the object)
        let cases = [
            ("plain", r#""plain""#),
            ("日本 é", r#""日本 é""#),
            ("quote\"d", r#""quote\"d""#),
            ("back\\slash", r#""back\\slash""#),
            ("line\nbreak\u{1}", r#""line\nbreak\u0001""#),
            ("", r#""""#),
        ];
        for (name, text) in cases {
            let mut this = AdditionalProperties::builder();
            this.push_received(name, &serde_json::value::RawValue::from_string("[1]".into()).unwrap());
            let this = this.build();
            assert_eq!(this.as_json(), format!("{{{text}:[1]}}"), "{name:?}");
            assert_eq!(this.get(name).map(|v| v.get()), Some("[1]"), "{name:?}");
            assert_eq!(this.iter().next().map(|(n, _)| n.into_owned()).as_deref(), Some(name));
        }
        assert_eq!(AdditionalProperties::new().as_json(), "{}");
    }

    #[test]
    fn many_properties_keep_their_order() {
        let object = format!("{{{}}}", (0..300).map(|i| format!(r#""p{i}":"{}""#, "é".repeat(i % 7))).collect::<Vec<_>>().join(","));
        let mut this = read(&object);
        assert_eq!(this.len(), 300);
        assert_eq!(serde_json::to_string(&this).unwrap(), object);
        assert_eq!(this.get_as::<String>("p299").unwrap().unwrap(), "é".repeat(5));
        this.remove("p0");
        this.insert("p1", &1).unwrap();
        assert_eq!(this.iter().map(|(n, _)| n.into_owned()).take(2).collect::<Vec<_>>(), ["p1", "p2"]);
        assert_eq!(this.len(), 299);
    }

    #[test]
    fn equal_as_values() {
        let cases = [
            (r#"{"a":1}"#, r#"{"a":1}"#, true),
            (r#"{"a":{"x":1, "y":2}}"#, r#"{"a":{"x":1,"y":2}}"#, true),
            (r#"{"a":1}"#, r#"{"a":2}"#, false),
            (r#"{"a":1,"b":2}"#, r#"{"b":2,"a":1}"#, false),
            (r#"{"a":1}"#, r#"{"a":1,"a":1}"#, false),
        ];
        for (a, b, equal) in cases {
            assert_eq!(read(a) == read(b), equal, "{a} == {b}");
        }
        let map = json!({"a": [1, "é"], "b": null}).as_object().unwrap().clone();
        assert_eq!(AdditionalProperties::from(map.clone()).to_map(), map);
    }
}
