//! The navigation tree (`naming::nav`) → a type per node with a method per
//! segment and per operation: `Graph::new(client).users().by_id(id)
//! .messages().get()` returns a `runtime::Call` of the documented
//! operation, its path filled with the values given on the way.

use super::naming::nav::NavTree;
use super::naming::Name;
use super::operation::body_type;
use super::rust_type::Paths;
use super::workloads::features_cfg;
use super::Context;
use proc_macro2::TokenStream;
use quote::quote;

/// The modules of a version's `nav`: `None` for `mod.rs` (the root),
/// then one per segment the root has, holding everything below it.
pub(super) fn modules<'a>(cx: &'a Context) -> Vec<Option<&'a Name>> {
    let mut modules: Vec<Option<&Name>> = cx.names.nav.nodes.iter().map(|n| n.module.as_ref()).collect();
    modules.sort();
    modules.dedup();
    modules
}

/// One module's file: its nodes, in tree order.
pub(super) fn file(cx: &Context, module: Option<&Name>) -> TokenStream {
    let tree = &cx.names.nav;
    let items = tree.nodes.iter().enumerate().filter(|(_, n)| n.module.as_ref() == module).map(|(i, _)| node(cx, tree, i));
    if module.is_some() {
        return quote!(#(#items)*);
    }
    let mods = tree.nodes[0].children.iter().map(|e| {
        let child = &tree.nodes[e.to];
        let m = child.module.as_ref().expect("a root child has a module");
        let cfg = features_cfg(&child.features);
        quote!(#cfg mod #m; #cfg pub use #m::*;)
    });
    quote! {
        //! Fluent navigation over the documented request paths: from
        //! [`Graph`] (or `client.<version>()` with the crate's
        //! `Navigate`), a method per path segment, ending in the
        //! operations documented on the path.
        #(#mods)*
        #(#items)*
    }
}

fn node(cx: &Context, tree: &NavTree, index: usize) -> TokenStream {
    let n = &tree.nodes[index];
    let ident = &n.ident;
    let m = &cx.names.module;
    let paths = Paths::nav(m);
    let edges = n.children.iter().map(|e| {
        let child = &tree.nodes[e.to];
        let child_ident = &child.ident;
        // From the root (in `mod.rs`), a child stands in its module.
        let ty = match (&n.module, &child.module) {
            (None, Some(module)) => quote!(#module::#child_ident),
            _ => quote!(#child_ident),
        };
        let args = &e.args;
        let nav = if args.is_empty() { quote!(self.nav.clone()) } else { quote!(self.nav #(.with(#args))*) };
        let doc = format!(" `{}`", child.path);
        // Under the node's own cfg, a method needs one only for less.
        let cfg = (child.features != n.features).then(|| features_cfg(&child.features));
        let method = &e.method;
        quote! {
            #[doc = #doc]
            #cfg
            #[inline]
            pub fn #method(&self, #(#args: impl Into<String>),*) -> #ty {
                #ty { nav: #nav }
            }
        }
    });
    let terminals = n.terminals.iter().map(|t| {
        let names = &cx.names.operations[t.operation];
        let op = names.op;
        let (op_ident, path_enum) = (&names.primary, &names.path_enum);
        let variant = &names.variants[t.variant];
        let variant_ident = &variant.name;
        let ops = &paths.operations;
        let path_value = if variant.params.is_empty() {
            quote!(#ops #path_enum::#variant_ident)
        } else {
            let fields = variant.params.iter().map(|(_, f)| f);
            let values = (0..variant.params.len()).map(proc_macro2::Literal::usize_unsuffixed);
            quote!(#ops #path_enum::#variant_ident { #(#fields: self.nav.value(#values)),* })
        };
        let url_fields: Vec<_> = names.url_fields.iter().map(|(f, _)| f).collect();
        let (body_param, body_arg) = match body_type(cx.names, names, &paths) {
            Some(ty) => (quote!(body: #ty), quote!(body)),
            None => (quote!(), quote!()),
        };
        let doc = format!(" {}: `{} {}`", op.name.lines().next().unwrap_or(""), op.method, variant.template);
        let feature: std::collections::BTreeSet<String> = std::iter::once(super::workloads::feature(&op.workload)).collect();
        let cfg = (feature != n.features).then(|| features_cfg(&feature));
        let method = &t.method;
        quote! {
            #[doc = #doc]
            #cfg
            #[inline]
            pub fn #method(&self, #(#url_fields: impl Into<String>,)* #body_param) -> crate::runtime::Call<#ops #op_ident> {
                self.nav.call(#ops #op_ident::new(#path_value, #(#url_fields,)* #body_arg))
            }
        }
    });
    let doc = if index == 0 {
        format!(" The root of Microsoft Graph {}'s documented request paths.", cx.names.version)
    } else {
        format!(" `{}` and the paths below it.", n.path)
    };
    let cfg = (index != 0).then(|| features_cfg(&n.features));
    let new = (index == 0).then(|| {
        quote! {
            /// The root, sending with `client`.
            #[inline]
            pub fn new(client: crate::runtime::Client) -> Self {
                #ident { nav: crate::runtime::Nav::new(client) }
            }

            /// The client it sends with.
            #[inline]
            pub fn client(&self) -> &crate::runtime::Client {
                self.nav.client()
            }
        }
    });
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Debug)]
        pub struct #ident {
            pub(super) nav: crate::runtime::Nav,
        }

        #cfg
        impl #ident {
            #new
            #(#edges)*
            #(#terminals)*
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{create, emitted, file, get, resource};

    #[test]
    fn documented_paths_are_chains() {
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String")])),
            ("api/thing-get.md", &get("/users/{user-id}/things/{thing-id}", "thing", r#"{"id": "1"}"#)),
            ("api/thing-create.md", &create("/users/{user-id}/things", "thing", &[("id", "String")])),
        ]);
        let root = file(&files, "src/v1_0/nav/mod.rs");
        assert!(root.contains("pub struct Graph {"), "{root}");
        assert!(root.contains("pub fn users(&self) -> users::Users {"), "{root}");
        let users = file(&files, "src/v1_0/nav/users.rs");
        for want in [
            // Under the node's cfg, a method of the same features needs none.
            "/// `/users/{user-id}` #[inline] pub fn by_id(&self, user_id: impl Into<String>) -> UsersItem { UsersItem { nav: self.nav.with(user_id), } }",
            "/// `/users/{user-id}/things` and the paths below it.",
            "pub fn things(&self) -> UsersItemThings { UsersItemThings { nav: self.nav.clone(), } }",
            "pub fn post( &self, body: crate::v1_0::models::Thing, ) -> crate::runtime::Call<crate::v1_0::operations::CreateThing> {",
            "crate::v1_0::operations::CreateThingPath::Users { user_id: self.nav.value(0), }",
            "pub fn get(&self) -> crate::runtime::Call<crate::v1_0::operations::GetThing> {",
            "crate::v1_0::operations::GetThingPath::Users { user_id: self.nav.value(0), thing_id: self.nav.value(1), }",
        ] {
            assert!(users.contains(want), "expected {want:?} in\n{users}");
        }
    }
}
