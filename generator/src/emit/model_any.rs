//! A type with derived types → `AnyX`: the base or any derived type, told
//! apart by `@odata.type`, so a collection of directoryObject holding
//! `#microsoft.graph.user` yields a `User` with all its fields.

use super::TypeNames;
use crate::schema::TypeDef;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(base: &TypeDef, base_ident: &str, any: &str, derived: &[String], names: &TypeNames) -> TokenStream {
    let any = format_ident!("{}", any);
    let base_variant = format_ident!("{}", base_ident);
    let variants: Vec<(syn::Ident, String)> =
        derived.iter().filter_map(|d| names.get(d).map(|(ident, _)| (format_ident!("{}", ident), d.clone()))).collect();
    let idents: Vec<_> = variants.iter().map(|(i, _)| i).collect();
    let tags: Vec<_> = variants.iter().map(|(_, d)| d.as_str()).collect();
    let docs = variants.iter().map(|(_, d)| format!(" `{d}`"));
    let doc = format!(
        " `{}` or a type derived from it, told apart by `@odata.type`. A value of a derived type the docs do not describe is the base variant, its `@odata.type` and properties kept.",
        base.qualified()
    );
    let base_doc = format!(" `{}` itself, or a derived type the docs do not describe.", base.qualified());
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #any {
            #(#[doc = #docs] #idents(Box<super::#idents>),)*
            #[doc = #base_doc]
            #base_variant(Box<#base_variant>),
        }

        impl Default for #any {
            fn default() -> Self {
                #any::#base_variant(Box::default())
            }
        }

        impl serde::Serialize for #any {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#any::#idents(v) => v.serialize(serializer),)*
                    #any::#base_variant(v) => v.serialize(serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #any {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error;
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = crate::runtime::odata_type(&value);
                Ok(match tag.as_deref() {
                    #(Some(#tags) => #any::#idents(serde_json::from_value(value).map_err(D::Error::custom)?),)*
                    _ => #any::#base_variant(serde_json::from_value(value).map_err(D::Error::custom)?),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{emitted, resource};

    #[test]
    fn a_referenced_base_with_derived_types_is_an_enum_chosen_by_odata_type() {
        let files = emitted(&[
            ("resources/directoryobject.md", &resource("directoryObject", None, &[("id", "String")])),
            ("resources/user.md", &resource("user", Some("directoryObject"), &[("displayName", "String")])),
            ("resources/group.md", &resource("group", Some("directoryObject"), &[("mail", "String")])),
            ("resources/thing.md", &resource("thing", None, &[("owner", "directoryObject")])),
        ]);
        let any = files.iter().find(|f| f.contents.contains("pub enum AnyDirectoryObject")).expect("an AnyDirectoryObject enum");
        let text = any.contents.split_whitespace().collect::<Vec<_>>().join(" ");
        for want in ["User(", "Group(", "DirectoryObject(", r#""microsoft.graph.user""#, r#""microsoft.graph.group""#] {
            assert!(text.contains(want), "expected {want:?} in\n{text}");
        }
        // A field declared as the base takes the enum.
        let thing = files.iter().find(|f| f.path.ends_with("models/thing.rs")).unwrap();
        assert!(thing.contents.contains("AnyDirectoryObject"), "{}", thing.contents);
    }
}
