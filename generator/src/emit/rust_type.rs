//! Schema types → Rust types.

use super::TypeNames;
use crate::schema::TypeKind;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of one value (not the collection) of a schema type, seen
/// from a module that can name sibling models as `models::X`.
pub fn element(names: &TypeNames, type_name: &str, models: &TokenStream) -> TokenStream {
    match type_name {
        "Edm.String" | "Edm.Guid" | "Edm.Binary" | "Edm.Duration" | "Edm.TimeOfDay" | "Edm.Date" | "Edm.Stream" => quote!(String),
        "Edm.Boolean" => quote!(bool),
        "Edm.Int32" => quote!(i32),
        "Edm.Int64" => quote!(i64),
        "Edm.Int16" => quote!(i16),
        "Edm.Byte" => quote!(u8),
        "Edm.SByte" => quote!(i8),
        // f32 would not re-serialize the decimal the server wrote.
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => quote!(f64),
        "Edm.DateTimeOffset" => quote!(crate::runtime::DateTimeOffset),
        _ => match names.get(type_name) {
            // A value of a type with derived types may be any of them.
            Some(_) if names.any(type_name).is_some() => {
                let ident = format_ident!("{}", names.any(type_name).expect("checked").0);
                quote!(#models #ident)
            }
            Some((ident, _)) => {
                let ident = format_ident!("{}", ident);
                quote!(#models #ident)
            }
            // Unresolved types were diagnosed in the schema.
            None => quote!(serde_json::Value),
        },
    }
}

/// A property's field type inside `Field<...>`: collections as `Vec`,
/// structured types boxed (types may contain themselves).
pub fn property(names: &TypeNames, type_name: &str, collection: bool, models: &TokenStream) -> TokenStream {
    let inner = element(names, type_name, models);
    // `Any` enums box their variants already.
    let structured = names.get(type_name).is_some_and(|(_, k)| *k != TypeKind::Enum) && names.any(type_name).is_none();
    match (collection, structured) {
        (true, _) => quote!(Vec<#inner>),
        (false, true) => quote!(Box<#inner>),
        (false, false) => inner,
    }
}
