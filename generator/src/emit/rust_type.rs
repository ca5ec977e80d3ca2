//! Schema types → Rust types.

use super::naming::{Name, Names};
use crate::schema::{TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// How generated code names the crate's parts from where it stands: a
/// model file, an operation file, or the tests outside the crate.
pub(super) struct Paths {
    pub models: TokenStream,
    pub operations: TokenStream,
    pub runtime: TokenStream,
}

impl Paths {
    /// From a file inside the crate: `models` as that file sees them; an
    /// operation's own structs stand in the same file, so need no path.
    pub(super) fn inside(models: TokenStream) -> Self {
        Paths { models, operations: quote!(), runtime: quote!(crate::runtime::) }
    }

    /// From a navigation file: models and operations by their full paths.
    pub(crate) fn nav(m: &Name) -> Self {
        Paths { models: quote!(crate::#m::models::), operations: quote!(crate::#m::operations::), runtime: quote!(crate::runtime::) }
    }

    /// From the crate's tests, which see it by its name.
    pub(super) fn outside(krate: &Name, m: &Name) -> Self {
        Paths { models: quote!(#krate::#m::models::), operations: quote!(#krate::#m::operations::), runtime: quote!(#krate::runtime::) }
    }
}

/// The Rust type of one value (not the collection) of a schema type: a
/// primitive by its name, else the type it resolved to.
pub(super) fn element(names: &Names, type_name: &str, resolved: Option<TypeId>, paths: &Paths) -> TokenStream {
    let models = &paths.models;
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
        "Edm.DateTimeOffset" => {
            let runtime = &paths.runtime;
            quote!(#runtime DateTimeOffset)
        }
        _ => match resolved.and_then(|id| names.get(id)) {
            // A value of a type with derived types may be any of them.
            Some(t) => {
                let ident = t.any.as_ref().map_or(&t.ident, |any| &any.ident);
                quote!(#models #ident)
            }
            // Unresolved types were diagnosed in the schema.
            None => quote!(serde_json::Value),
        },
    }
}

/// A property's field type inside `Field<...>`: collections as `Vec`,
/// structured types boxed (types may contain themselves).
pub(super) fn property(names: &Names, type_name: &str, resolved: Option<TypeId>, collection: bool, paths: &Paths) -> TokenStream {
    let inner = element(names, type_name, resolved, paths);
    // `Any` enums box their variants already.
    let structured = resolved.and_then(|id| names.get(id)).is_some_and(|t| t.def.kind != TypeKind::Enum && t.any.is_none());
    match (collection, structured) {
        (true, _) => quote!(Vec<#inner>),
        (false, true) => quote!(Box<#inner>),
        (false, false) => inner,
    }
}
