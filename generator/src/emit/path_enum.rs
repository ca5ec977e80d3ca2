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
        let sent = v.query_template.as_ref().map(|(q, _)| format!("?{q}")).unwrap_or_default();
        let doc = format!(" `{}{sent}`{}", v.template, v.query.as_deref().map(unsent_query).unwrap_or_default());
        let query_params = v.query_template.iter().flat_map(|(q, params)| params.iter().map(move |p| (p, q)));
        if v.params.is_empty() && v.query_template.is_none() {
            return quote!(#[doc = #doc] #name,);
        }
        let fields = v.params.iter().map(|(p, field)| {
            let doc = format!(" The `{{{p}}}` of the path.");
            quote!(#[doc = #doc] #field: String,)
        });
        let query_fields = query_params.map(|((p, field), q)| {
            let doc = format!(" The `{{{p}}}` of the query `{q}`, sent with the request.");
            quote!(#[doc = #doc] #field: String,)
        });
        quote!(#[doc = #doc] #name { #(#fields)* #(#query_fields)* },)
    });
    let arms = names.variants.iter().map(|v| {
        let name = &v.name;
        let template = &v.template;
        let fields: Vec<_> = v.params.iter().map(|(_, f)| f).collect();
        match (fields.is_empty(), v.query_template.is_some()) {
            (true, false) => quote!(Self::#name => Ok(#template.to_owned()),),
            (true, true) => quote!(Self::#name { .. } => Ok(#template.to_owned()),),
            (false, false) => quote!(Self::#name { #(#fields),* } => crate::runtime::fill_path(#template, &[#(#fields),*]),),
            (false, true) => quote!(Self::#name { #(#fields,)* .. } => crate::runtime::fill_path(#template, &[#(#fields),*]),),
        }
    });
    // The queries the paths send, filled: only where one does.
    let templates: Vec<TokenStream> = names
        .variants
        .iter()
        .filter_map(|v| {
            let name = &v.name;
            let (query, params) = v.query_template.as_ref()?;
            let fields: Vec<_> = params.iter().map(|(_, f)| f).collect();
            Some(quote!(Self::#name { #(#fields,)* .. } => crate::runtime::fill_query(#query, &[#(#fields),*]),))
        })
        .collect();
    let to_query = (!templates.is_empty()).then(|| {
        let rest = (templates.len() < names.variants.len()).then(|| quote!(_ => Ok(Vec::new()),));
        quote! {
            /// The query the path's docs write with values to give, filled;
            /// the request sends it before any query option.
            #[inline]
            pub fn to_query(&self) -> Result<Vec<(&'static str, String)>, crate::runtime::Error> {
                match self {
                    #(#templates)*
                    #rest
                }
            }
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

            #to_query
        }
    }
}
