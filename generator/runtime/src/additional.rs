//! The properties of a JSON object that its model does not list, kept as
//! the server sent them.
//!
//! Each is its name and its JSON text, unparsed, in the order they came.
//! Parsing them into `serde_json::Value`s (a map per object, a map per
//! nested object, a string per text) made reading a page of 20,000 users
//! that carry two such properties 2.4 times the cost of a struct that drops
//! them; keeping the text costs about what skipping it does, plus its copy.
//! The text is also what goes back: a value read and serialized again keeps
//! these properties byte for byte (numbers as written, keys in order).
//! Reading one is a parse on demand: [`AdditionalProperties::get_as`].

use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use std::fmt;

/// Properties the docs do not list: name and JSON text, in the order
/// received. A name sent twice is kept twice (and written back twice);
/// reading it gives the last, as a JSON parser would.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    entries: Vec<(String, Box<RawValue>)>,
}

impl AdditionalProperties {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The JSON text of property `name` as it was received.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.entries.iter().rev().find(|(n, _)| n == name).map(|(_, v)| &**v)
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
        let raw = serde_json::value::to_raw_value(value)?;
        self.push_raw(name.into(), raw);
        Ok(())
    }

    /// Removes property `name` (every time it was sent), giving its last text.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let last = self.entries.iter().rposition(|(n, _)| n == name)?;
        let (_, raw) = self.entries.remove(last);
        self.entries.retain(|(n, _)| n != name);
        Some(raw)
    }

    /// Each property's name and JSON text, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), &**v))
    }

    /// Every property parsed into a JSON map (a name sent twice: the last).
    pub fn to_map(&self) -> serde_json::Map<String, serde_json::Value> {
        self.iter().map(|(n, v)| (n.to_owned(), serde_json::from_str(v.get()).unwrap_or(serde_json::Value::Null))).collect()
    }

    /// Keeps a property as received (the generated `Deserialize` calls it).
    pub fn push_received(&mut self, name: String, raw: Box<RawValue>) {
        self.entries.push((name, raw));
    }

    fn push_raw(&mut self, name: String, raw: Box<RawValue>) {
        match self.entries.iter().position(|(n, _)| *n == name) {
            Some(first) => {
                self.entries[first].1 = raw;
                let mut index = 0;
                self.entries.retain(|(n, _)| {
                    let keep = *n != name || index == first;
                    index += 1;
                    keep
                });
            }
            None => self.entries.push((name, raw)),
        }
    }
}

/// A JSON map's properties, each serialized to its text.
impl From<serde_json::Map<String, serde_json::Value>> for AdditionalProperties {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        let mut this = Self::new();
        for (name, value) in map {
            // A `Value` always serializes.
            if let Ok(raw) = serde_json::value::to_raw_value(&value) {
                this.entries.push((name, raw));
            }
        }
        this
    }
}

/// Equal when they hold the same names in the same order with equal JSON
/// values (`1.0` and `1.00` differ as text, not as values).
impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        let parsed = |raw: &RawValue| serde_json::from_str::<serde_json::Value>(raw.get()).ok();
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|((n, a), (m, b))| n == m && (a.get() == b.get() || parsed(a) == parsed(b)))
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
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (name, value) in self.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::AdditionalProperties;
    use serde_json::json;

    fn read(object: &str) -> AdditionalProperties {
        let mut this = AdditionalProperties::new();
        let map: Vec<(String, Box<serde_json::value::RawValue>)> = serde_json::from_str::<pairs::Pairs>(object).expect("an object").0;
        for (name, raw) in map {
            this.push_received(name, raw);
        }
        this
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
