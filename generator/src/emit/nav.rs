//! The navigation tree (`naming::nav`) → a type per node with a method per
//! segment and per operation: `Graph::new(client).users().by_id(id)
//! .messages().get()` returns a `runtime::Call` of the documented
//! operation, its path filled with the values given on the way.

use super::crate_files::{part_globs, PartCrate};
use super::naming::nav::{ArgType, NavTree};
use super::naming::Name;
use super::naming::PARTS;
use super::operation::body_type;
use super::rust_type::{element, Paths};
use super::workloads::features_cfg;
use super::Context;
use crate::schema::{TypeKind, TYPED_ARGUMENT_PRIMITIVES};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The Rust type a function's argument is given as, where its docs type
/// it as more than text: a number, a boolean, a timestamp
/// (`TYPED_ARGUMENT_PRIMITIVES`) or an enum (`cell(row: i32, column: i32)`,
/// `supported_time_zones_with_time_zone_standard(TimeZoneStandard)`). None
/// for text (`impl Into<String>`), and for a collection or a structured
/// value, which the docs give no URL form of.
fn typed_argument(cx: &Context, ty: &ArgType, paths: &Paths) -> Option<TokenStream> {
    let primitive = TYPED_ARGUMENT_PRIMITIVES.contains(&ty.type_name.as_str());
    let enumeration = ty.resolved.and_then(|id| cx.names.get(id)).is_some_and(|t| t.def.kind == TypeKind::Enum);
    (!ty.collection && (primitive || enumeration)).then(|| element(cx.names, &ty.type_name, ty.resolved, paths))
}

/// A method's parameter for one argument, and the text it passes on: a
/// typed one written as the URL writes it (`runtime::arg_text`), text as given.
fn argument(cx: &Context, ident: &Name, ty: Option<&ArgType>, paths: &Paths) -> (TokenStream, TokenStream) {
    match ty.and_then(|t| typed_argument(cx, t, paths)) {
        Some(rust) => (quote!(#ident: #rust), quote!(crate::runtime::arg_text(&#ident))),
        None => (quote!(#ident: impl Into<String>), quote!(#ident)),
    }
}

/// The nodes of one module (`None`: the root's), in tree order.
fn nodes(cx: &Context, module: Option<&Name>) -> TokenStream {
    let tree = &cx.names.nav;
    let items = tree.nodes.iter().enumerate().filter(|(_, n)| n.module.as_ref() == module).map(|(i, _)| node(cx, tree, i));
    quote!(#(#items)*)
}

/// The root's module (in the main crate): the root, and every part's
/// subtrees re-exported.
pub(super) fn root_file(cx: &Context, parts: &[PartCrate]) -> TokenStream {
    let m = &cx.names.module;
    let globs = part_globs(parts, &quote!(#m::nav));
    let root = nodes(cx, None);
    quote! {
        //! Fluent navigation over the documented request paths: from
        //! [`Graph`] (or `client.<version>()` with the crate's
        //! `Navigate`), a method per path segment, ending in the
        //! operations documented on the path.
        #globs
        #root
    }
}

/// A subtree's module (in its part's crate): its nodes.
pub(super) fn subtree_file(cx: &Context, module: &Name) -> TokenStream {
    nodes(cx, Some(module))
}

/// Which part (an index below `PARTS`) holds each subtree below the root.
/// The subtrees are few and of very different sizes (`me` is a third of
/// v1.0's navigation), so a hash of their names would leave most of it in
/// one part (3.3 s against 0.7 s). Laid end to end in name order, each
/// goes to the part its middle falls in (by its methods): the parts are
/// contiguous runs of about equal size, and a change to one subtree moves
/// at most the subtrees at a boundary. (Placing the largest first into the
/// lighter part balanced v1.0 better, 47% against 39% here, but one page
/// changed moved 40 subtrees between the parts' crates.)
pub(super) fn subtree_parts(tree: &NavTree) -> BTreeMap<&Name, usize> {
    let mut sizes: BTreeMap<&Name, usize> = BTreeMap::new();
    for n in &tree.nodes {
        if let Some(m) = &n.module {
            *sizes.entry(m).or_default() += 1 + n.children.len() + n.terminals.len();
        }
    }
    let total: usize = sizes.values().sum();
    let mut before = 0;
    sizes
        .into_iter()
        .map(|(m, size)| {
            // Twice the middle's offset, against twice the total: no rounding.
            let part = ((2 * before + size) * PARTS / (2 * total).max(1)).min(PARTS - 1);
            before += size;
            (m, part)
        })
        .collect()
}

/// A part's `nav` module: the subtrees below the root that it holds.
pub(super) fn part_file(cx: &Context, part: usize, parts: &BTreeMap<&Name, usize>) -> TokenStream {
    let tree = &cx.names.nav;
    let mods = tree.nodes[0].children.iter().filter_map(|e| {
        let child = &tree.nodes[e.to];
        let m = child.module.as_ref().expect("a root child has a module");
        let cfg = features_cfg(&child.features);
        (parts.get(m) == Some(&part)).then(|| quote!(#cfg mod #m; #cfg pub use #m::*;))
    });
    quote! {
        //! This part's subtrees of the navigation.
        #(#mods)*
    }
}

fn node(cx: &Context, tree: &NavTree, index: usize) -> TokenStream {
    let n = &tree.nodes[index];
    let ident = &n.ident;
    let m = &cx.names.module;
    let paths = Paths::nav(m);
    // The features the node's own cfg gives its methods: none at the root,
    // which is compiled in every build (with one workload of a version that
    // documents none of the root's paths, its methods all need a cfg).
    let own_features = (index != 0).then_some(&n.features);
    let edges = n.children.iter().map(|e| {
        let child = &tree.nodes[e.to];
        let child_ident = &child.ident;
        let (params, values): (Vec<_>, Vec<_>) = e.args.iter().zip(&e.arg_types).map(|(a, ty)| argument(cx, a, ty.as_ref(), &paths)).unzip();
        let nav = if values.is_empty() { quote!(self.nav.clone()) } else { quote!(self.nav #(.with(#values))*) };
        // From the root (in the main crate), a child is in a part's crate.
        let make = if index == 0 { quote!(#child_ident::from_nav(#nav)) } else { quote!(#child_ident { nav: #nav }) };
        let doc = format!(" `{}`", child.path);
        // Under the node's own cfg, a method needs one only for less.
        let cfg = (Some(&child.features) != own_features).then(|| features_cfg(&child.features));
        let method = &e.method;
        quote! {
            #[doc = #doc]
            #cfg
            #[inline]
            pub fn #method(&self, #(#params),*) -> #child_ident {
                #make
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
        // The values of a query the path sends are the method's arguments,
        // after the operation's own.
        let query_fields: Vec<_> = variant.query_fields().collect();
        let path_value = if variant.params.is_empty() && query_fields.is_empty() {
            quote!(#ops #path_enum::#variant_ident)
        } else {
            let path_values = variant.params.iter().enumerate().map(|(i, (_, f))| {
                let i = proc_macro2::Literal::usize_unsuffixed(i);
                quote!(#f: self.nav.value(#i))
            });
            let values = path_values.chain(query_fields.iter().map(|f| quote!(#f: #f.into())));
            quote!(#ops #path_enum::#variant_ident { #(#values),* })
        };
        let new_fields: Vec<_> = names.argument_fields().collect();
        let url_fields: Vec<_> = new_fields.iter().copied().chain(query_fields.iter().copied()).collect();
        // The function's arguments its docs say are optional are not sent
        // by the bare method (an empty value is none), and are given by
        // `with_optional`'s.
        let is_optional = |f: &Name| names.url_fields.iter().any(|(n, p)| n == f && p.optional);
        // A path that writes the function's arguments (`cell(row={row},..)`)
        // has them from the chain: its method takes none of the fields.
        let written = |f: &Name| variant.inline_args && names.url_fields.iter().any(|(n, _)| n == f);
        let with = !t.with_optional.is_empty();
        let given: Vec<_> = url_fields.iter().copied().filter(|f| (!with || !is_optional(f)) && !written(f)).collect();
        // Each argument as the method takes it, and the text it passes on.
        let arg = |f: &Name| {
            let ty = names.url_fields.iter().find(|(n, _)| n == f).map(|(_, p)| ArgType::of(p));
            argument(cx, f, ty.as_ref(), &paths)
        };
        let given_params: Vec<TokenStream> = given.iter().map(|f| arg(f).0).collect();
        let new_args: Vec<TokenStream> =
            new_fields.iter().map(|f| if (with && is_optional(f)) || written(f) { quote!("") } else { arg(f).1 }).collect();
        let (body_param, body_arg) = match body_type(cx.names, names, &paths) {
            Some(ty) => (quote!(body: #ty), quote!(body)),
            None => (quote!(), quote!()),
        };
        // Where a caller looks, the query its docs write and that it is not sent.
        let query = variant.query.as_deref().map(super::path_enum::unsent_query).unwrap_or_default();
        let sent: Vec<String> = variant
            .query_template
            .iter()
            .map(|(q, _)| q.clone())
            .chain(names.query_fields.iter().map(|(f, q)| format!("{}={{{f}}}", q.name)))
            .collect();
        let sent = if sent.is_empty() { String::new() } else { format!("?{}", sent.join("&")) };
        let doc = format!(" {}: `{} {}{sent}`{query}", op.name.lines().next().unwrap_or(""), op.method, variant.template);
        let feature: std::collections::BTreeSet<String> = std::iter::once(super::workloads::feature(&op.workload)).collect();
        let cfg = (Some(&feature) != own_features).then(|| features_cfg(&feature));
        let method = &t.method;
        // The count of what the listing returns, with its `$filter` and
        // `$search`, where an example shows it.
        let count = t.count.as_ref().map(|count| {
            let doc = format!(" The number of items `{method}()` lists: `GET {}/$count`", variant.template);
            quote! {
                #[doc = #doc]
                #cfg
                #[inline]
                pub fn #count(&self, #(#given_params,)* #body_param) -> crate::runtime::Call<crate::runtime::Count<#ops #op_ident>> {
                    self.nav.call(crate::runtime::Count(#ops #op_ident::new(#path_value, #(#new_args,)* #body_arg)))
                }
            }
        });
        // The bare verb, where the operation that has it is not compiled:
        // in a build with this workload and none of those before it.
        let fallback = t.fallback.as_ref().map(|f| {
            let own = super::workloads::feature(&op.workload);
            let before = f.before.iter().map(String::as_str).chain(std::iter::once("all-workloads"));
            let doc = format!(
                " `{method}()`, in a build with none of `{}` (whose operations come first)",
                f.before.iter().cloned().collect::<Vec<_>>().join("`, `")
            );
            let bare = &f.method;
            quote! {
                #[doc = #doc]
                #[cfg(all(feature = #own, not(any(#(feature = #before),*))))]
                #[inline]
                pub fn #bare(&self, #(#given_params,)* #body_param) -> crate::runtime::Call<#ops #op_ident> {
                    self.#method(#(#given,)* #body_arg)
                }
            }
        });
        // Each takes its set of the function's arguments (in the set's
        // order), then the query's; the function's others are not sent.
        let with_optional = t.with_optional.iter().map(|with| {
            let function_arg = |f: &Name| names.url_fields.iter().any(|(n, _)| n == f);
            let optional: Vec<String> = with
                .fields
                .iter()
                .filter_map(|f| names.url_fields.iter().find(|(n, p)| n == f && p.optional))
                .map(|(_, p)| format!("`{}`", p.name))
                .collect();
            let doc = format!(" `{method}()`, giving the function's optional {}", optional.join(", "));
            let params = with.fields.iter().chain(url_fields.iter().copied().filter(|f| !function_arg(f))).map(|f| arg(f).0);
            let values = new_fields.iter().map(|f| if function_arg(f) && !with.fields.contains(f) { quote!("") } else { arg(f).1 });
            let with = &with.method;
            quote! {
                #[doc = #doc]
                #cfg
                #[inline]
                pub fn #with(&self, #(#params,)* #body_param) -> crate::runtime::Call<#ops #op_ident> {
                    self.nav.call(#ops #op_ident::new(#path_value, #(#values,)* #body_arg))
                }
            }
        });
        quote! {
            #[doc = #doc]
            #cfg
            #[inline]
            pub fn #method(&self, #(#given_params,)* #body_param) -> crate::runtime::Call<#ops #op_ident> {
                self.nav.call(#ops #op_ident::new(#path_value, #(#new_args,)* #body_arg))
            }
            #(#with_optional)*
            #fallback
            #count
        }
    });
    let doc = if index == 0 {
        format!(" The root of Microsoft Graph {}'s documented request paths.", cx.names.version)
    } else {
        format!(" `{}` and the paths below it.", n.path)
    };
    let cfg = (index != 0).then(|| features_cfg(&n.features));
    let from_nav = tree.nodes[0].children.iter().any(|e| e.to == index).then(|| {
        quote! {
            /// For the root, in the crate that re-exports this one.
            #[doc(hidden)]
            #[inline]
            pub fn from_nav(nav: crate::runtime::Nav) -> Self {
                #ident { nav }
            }
        }
    });
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
            #from_nav
            #(#edges)*
            #(#terminals)*
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{create, emitted, file, get, resource};

    #[test]
    fn subtrees_are_balanced_over_the_parts_by_size() {
        use super::super::naming::nav::{NavEdge, NavNode, NavTree};
        use super::super::naming::Scope;
        // A subtree of one node with `size - 1` methods.
        fn node(scope: &mut Scope, module: Option<&str>, size: usize) -> NavNode {
            let mut name = |s: &str| scope.claim(&[s.to_owned()]);
            NavNode {
                ident: name(&format!("N{}", module.unwrap_or("root"))),
                path: String::new(),
                children: (1..size).map(|i| NavEdge { method: name(&format!("m{i}")), args: Vec::new(), arg_types: Vec::new(), to: 0 }).collect(),
                terminals: Vec::new(),
                features: Default::default(),
                module: module.map(&mut name),
            }
        }
        // (subtrees and their sizes, the part of each): in name order, each
        // in the part its middle falls in.
        type Sizes<'a> = &'a [(&'a str, usize)];
        let cases: &[(Sizes, Sizes)] = &[
            (&[("me", 10), ("users", 6), ("groups", 5), ("sites", 1)], &[("groups", 0), ("me", 0), ("sites", 1), ("users", 1)]),
            (&[("b", 3), ("a", 3), ("c", 3)], &[("a", 0), ("b", 1), ("c", 1)]),
            (&[("a", 1), ("b", 1), ("c", 1), ("d", 1)], &[("a", 0), ("b", 0), ("c", 1), ("d", 1)]),
            (&[("ä", 2), ("z", 30)], &[("z", 0), ("ä", 1)]),
            (&[("only", 40)], &[("only", 1)]),
            (&[], &[]),
        ];
        let parts = |subtrees: &[(&str, usize)]| -> Vec<(String, usize)> {
            let mut scope = Scope::default();
            let mut nodes = vec![node(&mut scope, None, 1)];
            nodes.extend(subtrees.iter().map(|(m, size)| node(&mut scope, Some(m), *size)));
            let tree = NavTree { nodes };
            super::subtree_parts(&tree).into_iter().map(|(m, p)| (m.as_str().to_owned(), p)).collect()
        };
        for (subtrees, want) in cases {
            let want: Vec<(String, usize)> = want.iter().map(|(m, p)| ((*m).to_owned(), *p)).collect();
            assert_eq!(parts(subtrees), want, "{subtrees:?}");
        }
        // One subtree grown by a tenth of all moves at most the one
        // subtree at the boundary.
        let sizes: Vec<(String, usize)> = (0..12).map(|i| (format!("s{i:02}"), 1 + (i * 7) % 11)).collect();
        let base: Vec<(&str, usize)> = sizes.iter().map(|(m, s)| (m.as_str(), *s)).collect();
        let total: usize = base.iter().map(|(_, s)| s).sum();
        for grown in 0..base.len() {
            let mut changed = base.clone();
            changed[grown].1 += total / 10;
            let (before, after) = (parts(&base), parts(&changed));
            let moved = before.iter().zip(&after).filter(|(a, b)| a.1 != b.1).count();
            assert!(moved <= 1, "growing {} moved {moved} subtrees", base[grown].0);
        }
    }

    #[test]
    fn documented_paths_are_chains() {
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String")])),
            ("api/thing-get.md", &get("/users/{user-id}/things/{thing-id}", "thing", r#"{"id": "1"}"#)),
            ("api/thing-create.md", &create("/users/{user-id}/things", "thing", &[("id", "String")])),
        ]);
        let root = file(&files, "src/v1_0/nav/mod.rs");
        assert!(root.contains("pub struct Graph {"), "{root}");
        assert!(root.contains("pub fn users(&self) -> Users { Users::from_nav(self.nav.clone()) }"), "{root}");
        // The root is in every build: its methods have a cfg even where all
        // of its paths are one workload's (a build without it has no `Users`).
        let users_method = root.find("pub fn users").expect("a method");
        let attributes = &root[root[..users_method].rfind("/// `/users`").expect("its doc")..users_method];
        assert!(attributes.contains("#[cfg(any(feature ="), "{attributes}");
        assert!(root.contains("pub use graph_client_navigation_1::v1_0::nav::*;"), "{root}");
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

    #[test]
    fn operations_of_one_method_on_one_path_lead_with_the_verb_once() {
        let page = |title: &str| get("/things/{id}", "thing", r#"{"id": "1"}"#).replace("Get thing", title);
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String")])),
            ("api/thing-get.md", &page("Get thing")),
            ("api/thing-get-details.md", &page("Get thing détails")),
            ("api/thing-versions.md", &page("Thing versions")),
            ("api/thing-update.md", &create("/things/{id}", "thing", &[("id", "String")]).replace("POST", "PATCH")),
            (
                "api/thing-update-more.md",
                &create("/things/{id}", "thing", &[("id", "String")]).replace("POST", "PATCH").replace("Create thing", "Update thing more"),
            ),
            ("api/thing-get-get.md", &page("Get")),
        ]);
        let things = file(&files, "src/v1_0/nav/things.rs");
        for want in [
            "pub fn get(&self)",
            "pub fn get_thing_d_tails(",
            "pub fn get_versions(",
            "pub fn patch(",
            "pub fn patch_thing_more(",
            // `Get` (its file first) is `get`; `Get thing` is `get_thing`.
            "pub fn get_thing(",
        ] {
            assert!(things.contains(want), "expected {want:?} in\n{things}");
        }
        assert!(!things.contains("get_get_") && !things.contains("patch_update"), "{things}");
    }

    #[test]
    fn the_bare_verb_goes_to_the_path_as_written_before_one_with_a_query() {
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String")])),
            // First by file, but it documents `/things` with a query.
            ("api/a-thing-owner.md", &get("/things?$expand=owner", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get owner")),
            ("api/thing-get.md", &get("/things", "thing", r#"{"id": "1"}"#)),
        ]);
        let things = file(&files, "src/v1_0/nav/things.rs");
        let wants = [
            "pub fn get(&self) -> crate::runtime::Call<crate::v1_0::operations::GetThing>",
            "pub fn get_owner(",
            // The query is said where the caller looks, as not sent.
            "/// Get owner: `GET /things`; the docs write it with `?$expand=owner`, which is not sent",
        ];
        for want in wants {
            assert!(things.contains(want), "expected {want:?} in\n{things}");
        }
    }

    #[test]
    fn a_function_beside_a_segment_of_its_name_is_named_by_its_parameters() {
        // Whichever the docs list first, the segment keeps the name.
        for first in [false, true] {
            let plain = ("api/thing-range.md", get("/things/{id}/range", "thing", r#"{"id": "1"}"#));
            let call = (
                "api/thing-range-address.md",
                get("/things/{id}/range(address='{address}')", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get range"),
            );
            let zones = (
                "api/thing-zones.md",
                get("/things/{id}/zones(Standard=graph.zoneStandard'{zone_format}',  Größe={n})", "thing", r#"{"id": "1"}"#)
                    .replace("Get thing", "Get zones"),
            );
            let resource = ("resources/thing.md", resource("thing", None, &[("id", "String")]));
            let pages = if first { [resource, call, plain, zones] } else { [resource, plain, call, zones] };
            let pages: Vec<(&str, &str)> = pages.iter().map(|(f, t)| (*f, t.as_str())).collect();
            let things = file(&emitted(&pages), "src/v1_0/nav/things.rs");
            for want in [
                "pub fn range(&self) -> ThingsItemRange {",
                "pub fn range_with_address( &self, address: impl Into<String>, ) -> ThingsItemRangeWithAddress {",
                // Alone, a function keeps its name; its parameters are named
                // as its segment writes them.
                "pub fn zones( &self, zone_format: impl Into<String>, n: impl Into<String>, ) -> ThingsItemZones {",
            ] {
                assert!(things.contains(want), "expected {want:?} (first {first}) in\n{things}");
            }
            assert!(!things.contains("range2"), "{things}");
        }
    }

    /// A GET page on `path` whose function parameters table has these
    /// rows (name, type, description).
    fn function_page(path: &str, title: &str, rows: &[(&str, &str, &str)]) -> String {
        let table: String = rows.iter().map(|(n, t, d)| format!("| {n} | {t} | {d} |\n")).collect();
        get(path, "thing", r#"{"id": "1"}"#).replace("Get thing", title).replacen(
            "## Response",
            &format!("## Function parameters\n| Parameter | Type | Description |\n|:--|:--|:--|\n{table}\n## Response"),
            1,
        )
    }

    #[test]
    fn a_functions_arguments_are_typed_as_its_docs_type_them() {
        let resource = resource("thing", None, &[("id", "String")]);
        let zone = crate::fixtures::enumeration("zoneStandard", &["windows", "iana"]);
        let cell = function_page(
            "/things/{id}/cell(row={row},column={column})",
            "Get cell",
            &[("row", "Int32", "The row."), ("column", "Int32", "Die Spalte.")],
        );
        let used = function_page("/things/{id}/usedRange", "Get used range", &[("valuesOnly", "Boolean", "Optional. Values only.")]);
        let zones = function_page(
            "/things/{id}/zones",
            "Get zones",
            &[
                ("standard", "zoneStandard", "The standard."),
                ("since", "DateTimeOffset", "From when."),
                ("day", "Date", "The day."),
                ("sizes", "Int32 collection", "Sizes."),
                ("name", "String", "Le nom, 名前."),
            ],
        );
        let files = emitted(&[
            ("resources/thing.md", &resource),
            ("resources/zonestandard.md", &zone),
            ("api/thing-cell.md", &cell),
            ("api/thing-usedrange.md", &used),
            ("api/thing-zones.md", &zones),
        ]);
        let things = file(&files, "src/v1_0/nav/things.rs");
        for want in [
            // In the path: the method takes the type and writes its text.
            "pub fn cell(&self, row: i32, column: i32) -> ThingsItemCell { ThingsItemCell { nav: self .nav .with(crate::runtime::arg_text(&row)) .with(crate::runtime::arg_text(&column)), } }",
            // Optional: given by the `_with_` method, as its type.
            "pub fn get_with_values_only( &self, values_only: bool, ) -> crate::runtime::Call<crate::v1_0::operations::GetUsedRange> {",
            "crate::runtime::arg_text(&values_only)",
            // An enum is its model; a timestamp the runtime's; a date, a
            // collection and text stay text.
            "standard: crate::v1_0::models::ZoneStandard, since: crate::runtime::DateTimeOffset, day: impl Into<String>, sizes: impl Into<String>, name: impl Into<String>,",
            "crate::runtime::arg_text(&standard), crate::runtime::arg_text(&since), day, sizes, name,",
        ] {
            assert!(things.contains(want), "expected {want:?} in\n{things}");
        }
    }

    #[test]
    fn a_path_that_writes_the_arguments_takes_none_at_its_verb() {
        // One operation on the bare function and on the function called
        // with its (optional) argument in the path.
        let page = function_page("/things/{id}/zones", "Get zones", &[("standard", "String", "Le format. Optional.")])
            .replace("GET /things/{id}/zones\n", "GET /things/{id}/zones\nGET /things/{id}/zones(standard='{format}')\n");
        let files = emitted(&[("resources/thing.md", &resource("thing", None, &[("id", "String")])), ("api/thing-zones.md", &page)]);
        let things = file(&files, "src/v1_0/nav/things.rs");
        let called = things.split("impl ThingsItemZonesWithStandard {").nth(1).unwrap_or_else(|| panic!("a node for the call in\n{things}"));
        assert!(called.contains("pub fn get(&self) ->"), "{called}");
        assert!(!called.contains("_with_standard("), "the path gives the argument: {called}");
        let bare = things.split("impl ThingsItemZones {").nth(1).unwrap_or_else(|| panic!("a node for the bare function in\n{things}"));
        assert!(bare.contains("pub fn get_with_standard( &self, standard: impl Into<String>, )"), "{bare}");
    }

    #[test]
    fn an_argument_is_typed_only_where_every_path_through_it_types_it_alike() {
        let resource = resource("thing", None, &[("id", "String")]);
        let typed = function_page(
            "/things/{id}/cell(row={row},column={column})",
            "Get cell",
            &[("row", "Int32", "The row."), ("column", "Int32", "The column.")],
        );
        // Another operation on the segment: its table gives `row` no type
        // (no row), and `column` another one.
        let other = function_page("/things/{id}/cell(row={r},column={c})/format", "Get format", &[("column", "Int64", "The column.")]);
        let files = emitted(&[("resources/thing.md", &resource), ("api/thing-cell.md", &typed), ("api/thing-cell-format.md", &other)]);
        let things = file(&files, "src/v1_0/nav/things.rs");
        let want = "pub fn cell( &self, row: impl Into<String>, column: impl Into<String>, ) -> ThingsItemCell {";
        assert!(things.contains(want), "expected {want:?} in\n{things}");
    }

    #[test]
    fn a_functions_optional_arguments_are_given_by_a_method_of_their_own() {
        // (the parameters' descriptions, what the node's methods are)
        let cases: [(&str, &str, &[&str]); 3] = [
            (
                "Optional. The address, l'adresse.",
                "Required. The sheet.",
                &[
                    "pub fn get( &self, sheet: impl Into<String>, ) -> crate::runtime::Call<crate::v1_0::operations::GetThing> { self.nav .call( crate::v1_0::operations::GetThing::new( crate::v1_0::operations::GetThingPath::Things { id: self.nav.value(0), }, \"\", sheet, ), ) }",
                    "/// `get()`, giving the function's optional `address` #[inline] pub fn get_with_address( &self, address: impl Into<String>, sheet: impl Into<String>, )",
                ],
            ),
            ("The address.", "The sheet.", &["pub fn get( &self, address: impl Into<String>, sheet: impl Into<String>, )"]),
            ("Optional. 住所.", "Optional.", &["pub fn get(&self) ->", "pub fn get_with_address_and_sheet( &self, address: impl Into<String>, sheet: impl Into<String>, )"]),
        ];
        for (address, sheet, wants) in cases {
            let page = get("/things/{id}/range", "thing", r#"{"id": "1"}"#).replacen(
                "## Response",
                &format!("## Function parameters\n| Parameter | Type | Description |\n|:--|:--|:--|\n| address | string | {address} |\n| sheet | string | {sheet} |\n\n## Response"),
                1,
            );
            let files = emitted(&[("resources/thing.md", &resource("thing", None, &[("id", "String")])), ("api/thing-range.md", &page)]);
            let things = file(&files, "src/v1_0/nav/things.rs");
            for want in wants {
                assert!(things.contains(want), "{address} / {sheet}: expected {want:?} in\n{things}");
            }
            assert_eq!(things.contains("_with_"), address.starts_with("Optional"), "{things}");
        }
    }

    #[test]
    fn each_set_of_arguments_the_request_lines_write_is_a_method() {
        // (the request lines, what the node's methods are, and what it has not)
        let cases: [(&str, &[&str], &[&str]); 3] = [
            (
                "GET /things/{id}/image\nGET /things/{id}/image(width=640)\nGET /things/{id}/image(width=640,height=480)\nGET /things/{id}/image(width=640,height=480,mode='fit')",
                &[
                    "pub fn get(&self) ->",
                    "/// `get()`, giving the function's optional `width` #[inline] pub fn get_with_width( &self, width: i32, ) -> crate::runtime::Call<crate::v1_0::operations::GetThing> { self.nav .call( crate::v1_0::operations::GetThing::new( crate::v1_0::operations::GetThingPath::Things { id: self.nav.value(0), }, \"\", crate::runtime::arg_text(&width), \"\", ), ) }",
                    "pub fn get_with_width_and_height( &self, width: i32, height: i32, )",
                    "/// `get()`, giving the function's optional `width`, `height`, `mode` #[inline] pub fn get_with_width_and_height_and_mode( &self, width: i32, height: i32, mode: impl Into<String>, ) -> crate::runtime::Call<crate::v1_0::operations::GetThing> { self.nav .call( crate::v1_0::operations::GetThing::new( crate::v1_0::operations::GetThingPath::Things { id: self.nav.value(0), }, crate::runtime::arg_text(&height), crate::runtime::arg_text(&width), mode, ), ) }",
                ],
                &["get_with_height_and_width"],
            ),
            // One set: nothing is said to be optional.
            ("GET /things/{id}/image(width=1,height=2,mode='x')", &["pub fn get( &self, height: i32, width: i32, mode: impl Into<String>, )"], &["_with_"]),
            // What every line writes is required; the sets' others each have a method.
            (
                "GET /things/{id}/image(mode='fit',height=480)\nGET /things/{id}/image(mode='fill',width=640)",
                &[
                    "pub fn get( &self, mode: impl Into<String>, )",
                    "pub fn get_with_height( &self, mode: impl Into<String>, height: i32, )",
                    "pub fn get_with_width( &self, mode: impl Into<String>, width: i32, )",
                ],
                &["get_with_mode"],
            ),
        ];
        for (lines, wants, not) in cases {
            let page = get("/things/{id}/image", "thing", r#"{"id": "1"}"#)
                .replacen("GET /things/{id}/image\n", &format!("{lines}\n"), 1)
                .replacen(
                    "## Response",
                    "## Function parameters\n| Parameter | Type | Description |\n|:--|:--|:--|\n| height | Int32 | Höhe. |\n| width | Int32 | Breite, 幅. |\n| mode | string | The mode. |\n\n## Response",
                    1,
                );
            let files = emitted(&[("resources/thing.md", &resource("thing", None, &[("id", "String")])), ("api/thing-image.md", &page)]);
            let things = file(&files, "src/v1_0/nav/things.rs");
            for want in wants {
                assert!(things.contains(want), "{lines}: expected {want:?} in\n{things}");
            }
            for not in not {
                assert!(!things.contains(not), "{lines}: {not:?} in\n{things}");
            }
        }
    }

    #[test]
    fn a_query_with_values_to_give_is_sent_and_its_values_are_arguments() {
        // Two requests on one path, told apart by the query they send.
        let page = get("/things/{id}?$expand=parts($filter=id eq '{part-id}')", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get part").replacen(
            "eq '{part-id}')\n```",
            "eq '{part-id}')\nGET /things/{id}?$expand=parts($filter=name ne '{part-id}')\n```",
            1,
        );
        let files = emitted(&[("resources/thing.md", &resource("thing", None, &[("id", "String")])), ("api/thing-part.md", &page)]);
        let nav = file(&files, "src/v1_0/nav/things.rs");
        let op = file(&files, "operations/2/src/v1_0/operations/get_part.rs");
        for (text, want) in [
            (&nav, "pub fn get( &self, part_id: impl Into<String>, ) -> crate::runtime::Call<crate::v1_0::operations::GetPart>"),
            (&nav, "ThingsExpand { id: self.nav.value(0), part_id: part_id.into(), }"),
            (&nav, "/// Get part: `GET /things/{id}?$expand=parts($filter=id eq '{part-id}')` #[inline]"),
            (&op, "/// The `{part-id}` of the query `$expand=parts($filter=id eq '{part-id}')`, sent with the request."),
            (&op, "Self::ThingsExpand { id, .. } => { crate::runtime::fill_path(\"/things/{id}\", &[id]) }"),
            (
                &op,
                "Self::ThingsExpand { part_id, .. } => { crate::runtime::fill_query( \"$expand=parts($filter=id eq '{part-id}')\", &[part_id], ) }",
            ),
            (&op, "let sent = self.path.to_query()?;"),
            // The second, by the words of its query the first's lacks.
            (&nav, "pub fn get_part_name_ne( &self, part_id: impl Into<String>, )"),
            (&nav, "/// Get part: `GET /things/{id}?$expand=parts($filter=name ne '{part-id}')` #[inline]"),
        ] {
            assert!(text.contains(want), "expected {want:?} in\n{text}");
        }
        assert!(!op.contains("which is not sent"), "{op}");
    }

    #[test]
    fn a_request_several_workloads_document_is_called_by_its_verb_in_each() {
        let intune = |page: String| page.replace("ms.prod: \"users\"", "ms.prod: \"intune\"");
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String")])),
            // First by file, but its workload documents less under `/things`.
            ("api/intune-devices-thing-get.md", &intune(get("/things", "thing", r#"{"id": "1"}"#))),
            ("api/thing-get.md", &get("/things", "thing", r#"{"id": "1"}"#)),
            ("api/thing-parts.md", &get("/things/{id}/parts", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get parts")),
        ]);
        let things = file(&files, "src/v1_0/nav/things.rs");
        let wants = [
            // The home's, by the bare verb, under its workload.
            r#"#[cfg(any(feature = "users", feature = "all-workloads"))] #[inline] pub fn get(&self) -> crate::runtime::Call<crate::v1_0::operations::GetThing>"#,
            // The other, named with its workload, and by the bare verb
            // where the home is not compiled.
            "pub fn get_intune_devices_thing(&self) -> crate::runtime::Call<crate::v1_0::operations::IntuneDevicesGetThing>",
            r#"all(feature = "intune-devices", not(any(feature = "users", feature = "all-workloads")))"#,
            "pub fn get(&self) -> crate::runtime::Call<crate::v1_0::operations::IntuneDevicesGetThing> { self.get_intune_devices_thing() }",
        ];
        // Compared without spaces and trailing commas: the printer breaks long lines.
        let compact = |s: &str| s.replace(' ', "").replace(",)", ")");
        for want in wants {
            assert!(compact(&things).contains(&compact(want)), "expected {want:?} in\n{things}");
        }
    }

    #[test]
    fn the_bare_verb_sends_a_body_where_a_page_types_it() {
        let intune = |page: String| page.replace("ms.prod: \"users\"", "ms.prod: \"intune\"");
        // The home's page (users: two operations under `/things`) gives
        // no body type; Intune's does.
        let untyped = get("/things/{id}", "thing", r#"{"id": "1"}"#).replace("GET ", "PATCH ").replace("Get thing", "Update thing");
        let typed = create("/things/{id}", "thing", &[("name", "String")]).replace("POST ", "PATCH ").replace("Create thing", "Update thing");
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String"), ("name", "String")])),
            ("api/intune-devices-thing-update.md", &intune(typed)),
            ("api/thing-update.md", &untyped),
            ("api/thing-parts.md", &get("/things/{id}/parts", "thing", r#"{"id": "1"}"#).replace("Get thing", "Get parts")),
        ]);
        let item = file(&files, "src/v1_0/nav/things.rs").replace(' ', "").replace(",)", ")");
        // The typed page is the request's home, for its struct's name too:
        // the other is led by its workload.
        let want = "pubfnpatch(&self,body:crate::v1_0::models::Thing)->crate::runtime::Call<crate::v1_0::operations::UpdateThing>";
        assert!(item.contains(want), "expected {want:?} in\n{item}");
        assert!(item.contains("pubfnpatch_users_thing(&self)->crate::runtime::Call<crate::v1_0::operations::UsersUpdateThing>"), "{item}");
    }

    #[test]
    fn a_request_with_another_response_has_no_second_bare_verb() {
        let intune = |page: String| page.replace("ms.prod: \"users\"", "ms.prod: \"intune\"");
        let files = emitted(&[
            ("resources/thing.md", &resource("thing", None, &[("id", "String")])),
            ("resources/part.md", &resource("part", None, &[("id", "String")])),
            ("api/intune-devices-thing-get.md", &intune(get("/things", "part", r#"{"id": "1"}"#))),
            ("api/thing-get.md", &get("/things", "thing", r#"{"id": "1"}"#)),
        ]);
        let things = file(&files, "src/v1_0/nav/things.rs").replace(' ', "");
        assert_eq!(things.matches("pubfnget(").count(), 1, "{things}");
        // A tie in reach: the first in schema order has the bare verb.
        assert!(things.contains("pubfnget_users_thing("), "{things}");
    }
}
