//! An operation's request paths → one enum, a variant per documented path
//! holding that path's parameters (named in `naming::operations`). The
//! operation is one struct whatever the number of its paths (002's PATCH
//! has 10), and the choice of path is a value the caller makes.

use super::naming::OperationNames;
use proc_macro2::TokenStream;
use quote::quote;

/// What a path's docs say of the query they write after it, which is
/// theirs to show and not sent (see `PathVariant::query`).
pub(super) fn unsent_query(query: &str) -> String {
    format!("; the docs write it with `?{query}`, which is not sent: set it with the query options (`param`)")
}

/// The enum and its `to_path`, which fills the chosen template.
pub(super) fn emit(names: &OperationNames) -> TokenStream {
    let ident = &names.path_enum;
    let doc = format!(" The request paths of [`{}`]: the docs give the operation on each.", names.primary);
    let decls = names.variants.iter().map(|v| {
        let name = &v.name;
        // A query the docs write is theirs to show, not sent: a caller
        // sets it with the query options.
        let doc = format!(" `{}`{}", v.template, v.query.as_deref().map(unsent_query).unwrap_or_default());
        if v.params.is_empty() {
            return quote!(#[doc = #doc] #name,);
        }
        let fields = v.params.iter().map(|(p, field)| {
            let doc = format!(" The `{{{p}}}` of the path.");
            quote!(#[doc = #doc] #field: String,)
        });
        quote!(#[doc = #doc] #name { #(#fields)* },)
    });
    let arms = names.variants.iter().map(|v| {
        let name = &v.name;
        let template = &v.template;
        let fields: Vec<_> = v.params.iter().map(|(_, f)| f).collect();
        if fields.is_empty() {
            quote!(Self::#name => Ok(#template.to_owned()),)
        } else {
            quote!(Self::#name { #(#fields),* } => crate::runtime::fill_path(#template, &[#(#fields),*]),)
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #(#decls)*
        }

        impl #ident {
            /// The path with its parameters filled in, percent-encoded; an
            /// error for a value that would name another resource.
            #[inline]
            pub fn to_path(&self) -> Result<String, crate::runtime::Error> {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
