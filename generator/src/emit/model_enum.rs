//! An enum type → a Rust enum that also holds values the docs don't list.

use super::model_struct::doc_lines;
use super::naming::TypeNames;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(names: &TypeNames) -> TokenStream {
    let (t, ident) = (names.def, &names.ident);
    let variants = t.members.iter().zip(&names.variants).map(|(m, variant)| {
        let wire = &m.name;
        let doc = m.value.map(|v| {
            let text = format!(" `{wire}` (value {v})");
            quote!(#[doc = #text])
        });
        quote! {
            #doc
            #[serde(rename = #wire)]
            #variant,
        }
    });
    let doc = doc_lines(&match &t.description {
        Some(d) => format!("{d}\n\n`{}` (enum).", t.qualified()),
        None => format!("`{}` (enum).", t.qualified()),
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum #ident {
            #(#variants)*
            /// A value the docs do not list (Graph adds members over time,
            /// and flag enums combine them: `a,b`).
            #[serde(untagged)]
            Other(String),
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
    }
}
