//! What the models' generated `Deserialize` stands on: one pass over a JSON
//! object, each documented property into its field, every other one kept
//! in `additional_properties`. serde's `#[serde(flatten)]` would keep them
//! too, but buffers the whole object first (a page of 20,000 users
//! deserialized 1.4 to 1.7 times slower) and expands to much more code per
//! model.

use crate::Field;
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

/// Keeps a property the docs do not list.
pub fn other<'de, A: MapAccess<'de>>(extra: &mut serde_json::Map<String, serde_json::Value>, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.insert(key.into_string(), value);
    Ok(())
}
