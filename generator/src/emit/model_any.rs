//! A type with derived types → `AnyX`: the base or any derived type, told
//! apart by `@odata.type`, so a collection of directoryObject holding
//! `#microsoft.graph.user` yields a `User` with all its fields.

use super::naming::{AnyNames, TypeNames};
use super::Context;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(cx: &Context, t: &TypeNames, any: &AnyNames) -> TokenStream {
    let (base, base_variant) = (t.def, &t.ident);
    let any_ident = &any.ident;
    // The wire's tag of each derived type: its qualified name, lowercased
    // as the docs' keys always were.
    let variants: Vec<_> = any.derived.iter().filter_map(|d| cx.names.get(*d)).map(|n| (&n.ident, n.def.key().folded().to_owned())).collect();
    let idents: Vec<_> = variants.iter().map(|(i, _)| *i).collect();
    let tags: Vec<_> = variants.iter().map(|(_, d)| d.as_str()).collect();
    let docs = variants.iter().map(|(_, d)| format!(" `{d}`"));
    let doc = format!(
        " `{}` or a type derived from it, told apart by `@odata.type`. A value of a derived type the docs do not describe is the base variant, its `@odata.type` and properties kept.",
        base.qualified()
    );
    let base_doc = format!(" `{}` itself, or a derived type the docs do not describe.", base.qualified());
    // The base's fields, which every variant has: read without matching.
    let paths = super::rust_type::Paths::inside(quote!(super::));
    let odata_type = t.odata_type.as_ref().expect("a struct's names have its `@odata.type` field");
    let accessors = t.fields.iter().map(|f| {
        let p = f.property;
        let ty = super::rust_type::property(cx.names, &p.type_name, p.resolved, p.collection, &paths);
        let field = &f.field;
        let doc = format!(" The `{}` of the value, whichever type it is.", p.name);
        let cfg = cx.workloads.field_cfg(p);
        quote! {
            #[doc = #doc]
            #cfg
            #[inline]
            pub fn #field(&self) -> &crate::runtime::Field<#ty> {
                match self {
                    #(#any_ident::#idents(v) => &v.#field,)*
                    #any_ident::#base_variant(v) => &v.#field,
                }
            }
        }
    });
    let casts = any.casts.iter().zip(&idents).map(|(cast, ident)| {
        // The link's path is the code's: the type is the module's sibling.
        let doc = format!(" The value as a [`{ident}`](super::{ident}), if it is one.");
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #cast(&self) -> Option<&super::#ident> {
                match self {
                    #any_ident::#ident(v) => Some(v),
                    _ => None,
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #any_ident {
            #(#[doc = #docs] #idents(Box<super::#idents>),)*
            #[doc = #base_doc]
            #base_variant(Box<#base_variant>),
        }

        impl #any_ident {
            /// The type the server says the value is (`#microsoft.graph.x`).
            #[inline]
            pub fn #odata_type(&self) -> &crate::runtime::Field<String> {
                match self {
                    #(#any_ident::#idents(v) => &v.#odata_type,)*
                    #any_ident::#base_variant(v) => &v.#odata_type,
                }
            }
            #(#accessors)*
            #(#casts)*
        }

        #(
            impl From<super::#idents> for #any_ident {
                #[inline]
                fn from(value: super::#idents) -> Self {
                    #any_ident::#idents(Box::new(value))
                }
            }

            impl TryFrom<#any_ident> for super::#idents {
                type Error = #any_ident;

                /// The value if it is this type, else the value back.
                #[inline]
                fn try_from(value: #any_ident) -> Result<Self, #any_ident> {
                    match value {
                        #any_ident::#idents(v) => Ok(*v),
                        other => Err(other),
                    }
                }
            }
        )*

        impl From<#base_variant> for #any_ident {
            #[inline]
            fn from(value: #base_variant) -> Self {
                #any_ident::#base_variant(Box::new(value))
            }
        }

        impl Default for #any_ident {
            fn default() -> Self {
                #any_ident::#base_variant(Box::default())
            }
        }

        impl serde::Serialize for #any_ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#any_ident::#idents(v) => v.serialize(serializer),)*
                    #any_ident::#base_variant(v) => v.serialize(serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #any_ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::de::polymorphic(deserializer)
            }
        }

        impl crate::runtime::de::Polymorphic for #any_ident {
            fn read<'de, V: crate::runtime::de::Tagged<'de>>(tag: Option<&str>, value: V) -> Result<Self, V::Error> {
                Ok(match tag {
                    #(Some(#tags) => #any_ident::#idents(value.read()?),)*
                    _ => #any_ident::#base_variant(value.read()?),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{emitted, resource};

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
        for want in [
            "User(",
            "Group(",
            "DirectoryObject(",
            r#""microsoft.graph.user""#,
            r#""microsoft.graph.group""#,
            // The base's fields without matching, and conversions both ways.
            "pub fn id(&self) -> &crate::runtime::Field<String> {",
            "AnyDirectoryObject::User(v) => &v.id,",
            "pub fn odata_type(&self) -> &crate::runtime::Field<String> {",
            "pub fn as_user(&self) -> Option<&super::User> {",
            "impl TryFrom<AnyDirectoryObject> for super::Group {",
            "impl From<super::User> for AnyDirectoryObject {",
            "impl From<DirectoryObject> for AnyDirectoryObject {",
            // Read by its tag, in one pass where it comes first.
            "crate::runtime::de::polymorphic(deserializer)",
            r#"Some("microsoft.graph.user") => AnyDirectoryObject::User(value.read()?),"#,
            "_ => AnyDirectoryObject::DirectoryObject(value.read()?),",
        ] {
            assert!(text.contains(want), "expected {want:?} in\n{text}");
        }
        // A field declared as the base takes the enum.
        let thing = files.iter().find(|f| f.path.ends_with("/src/thing.rs")).unwrap();
        assert!(thing.contents.contains("AnyDirectoryObject"), "{}", thing.contents);
    }
}
