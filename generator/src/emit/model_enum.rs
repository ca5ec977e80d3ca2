//! An enum type → a Rust enum that also holds values the docs don't list.

use super::model_struct::doc_lines;
use super::naming::TypeNames;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(names: &TypeNames) -> TokenStream {
    let (t, ident) = (names.def, &names.ident);
    let variants = t.members.iter().zip(&names.variants).map(|(m, variant)| {
        let doc = m.value.map(|v| {
            let text = format!(" `{}` (value {v})", m.name);
            quote!(#[doc = #text])
        });
        quote! {
            #doc
            #variant,
        }
    });
    let wires = t.members.iter().map(|m| m.name.as_str());
    let names_of = names.variants.iter();
    // (The schema lists each name once: no arm is unreachable.)
    let read = t.members.iter().zip(&names.variants).map(|(m, variant)| {
        let wire = &m.name;
        quote!(#wire => Self::#variant,)
    });
    let doc = doc_lines(&match &t.description {
        Some(d) => format!("{d}\n\n`{}` (enum).", t.qualified()),
        None => format!("`{}` (enum).", t.qualified()),
    });
    // Its serde impls are its name on the wire, written here and read by
    // `runtime::de::member`, not derived (see there).
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#variants)*
            /// A value the docs do not list (Graph adds members over time,
            /// and flag enums combine them: `a,b`).
            Other(String),
        }
        impl #ident {
            /// Its name on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names_of => #wires,)*
                    Self::Other(name) => name,
                }
            }
        }
        impl From<&str> for #ident {
            /// The member of this name; one the docs do not list is `Other`.
            #[inline]
            fn from(name: &str) -> Self {
                match name {
                    #(#read)*
                    _ => Self::Other(name.to_owned()),
                }
            }
        }
        impl serde::Serialize for #ident {
            #[inline]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for #ident {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::de::member(deserializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{emitted, enumeration, file};

    #[test]
    fn members_are_variants_and_other_values_are_kept() {
        let files = emitted(&[("resources/runstate.md", &enumeration("runState", &["unknown", "notApplicable", "é-state"]))]);
        let run_state = file(&files, "models/v1_0/src/run_state.rs");
        assert!(run_state.contains("pub enum RunState {"), "{run_state}");
        assert!(run_state.contains("NotApplicable"), "{run_state}");
        assert!(run_state.contains(r#""notApplicable""#), "the wire value is kept: {run_state}");
        assert!(run_state.contains("Other(String)"), "a value the docs don't list is kept: {run_state}");
        // Its serde impls are its wire names, both ways, not derived.
        for want in [
            "Self::NotApplicable => \"notApplicable\",",
            "\"notApplicable\" => Self::NotApplicable,",
            "impl From<&str> for RunState",
            "crate::runtime::de::member(deserializer)",
            "serializer.serialize_str(self.as_str())",
        ] {
            assert!(run_state.contains(want), "{want:?} in {run_state}");
        }
        assert!(!run_state.contains("serde(") && !run_state.contains("serde::Deserialize)"), "{run_state}");
    }

    #[test]
    fn names_are_read_with_their_case_and_a_name_listed_twice_is_one_member() {
        let files = emitted(&[("resources/level.md", &enumeration("level", &["low", "LOW", "low", "höher"]))]);
        let level = file(&files, "models/v1_0/src/level.rs");
        for (want, count) in [("\"low\" => Self::Low,", 1), ("\"LOW\" => Self::Low2,", 1), ("\"höher\" => Self::", 1), ("=> \"low\"", 1)] {
            assert_eq!(level.matches(want).count(), count, "{want:?} in {level}");
        }
    }
}
