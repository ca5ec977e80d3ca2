//! The crate's frame: Cargo.toml, lib.rs, module files and the runtime.

use super::naming::{Name, PARTS};
use super::EmitOptions;
use crate::schema::ApiVersion;
use proc_macro2::TokenStream;
use quote::quote;

/// How the generated crate depends on `graphgen-runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDep {
    /// The runtime's source written into the crate as a crate of its own
    /// (`graphgen-runtime/`), so the crate builds anywhere, alone.
    Vendored,
    /// A path to the runtime crate, relative to the generated crate (this
    /// repository's generated/ uses `../generator/runtime`).
    Path(String),
    /// A version requirement, for a runtime published to a registry.
    Version(String),
}

impl RuntimeDep {
    /// `vendored`, `path:DIR` or `version:REQ`, as the command line takes it.
    pub fn parse(s: &str) -> Result<Self, String> {
        let quote_safe = |v: &str| !v.is_empty() && !v.contains(['"', '\\', '\n', '\r']);
        match s.split_once(':') {
            None if s == "vendored" => Ok(RuntimeDep::Vendored),
            Some(("path", p)) if quote_safe(p) => Ok(RuntimeDep::Path(p.to_owned())),
            Some(("version", v)) if quote_safe(v) => Ok(RuntimeDep::Version(v.to_owned())),
            _ => Err(format!("expected `vendored`, `path:DIR` or `version:REQ`, found {s:?}")),
        }
    }

    /// The dependency's TOML, for a crate `depth` folders below the
    /// generated crate's root (a relative path is relative to that root).
    fn toml(&self, depth: usize) -> String {
        let up = "../".repeat(depth);
        match self {
            RuntimeDep::Vendored => format!("path = \"{up}{VENDORED_RUNTIME}\""),
            RuntimeDep::Path(p) if std::path::Path::new(p).is_absolute() => format!("path = \"{p}\""),
            RuntimeDep::Path(p) => format!("path = \"{up}{p}\""),
            RuntimeDep::Version(v) => format!("version = \"{v}\""),
        }
    }
}

/// Where a vendored runtime is written, inside the generated crate.
pub(super) const VENDORED_RUNTIME: &str = "graphgen-runtime";

/// The runtime crate's files, for vendoring (a test checks the list is
/// every file of generator/runtime).
pub(super) const RUNTIME_FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../../runtime/Cargo.toml")),
    ("src/additional.rs", include_str!("../../runtime/src/additional.rs")),
    ("src/auth.rs", include_str!("../../runtime/src/auth.rs")),
    ("src/azure.rs", include_str!("../../runtime/src/azure.rs")),
    ("src/batch.rs", include_str!("../../runtime/src/batch.rs")),
    ("src/client.rs", include_str!("../../runtime/src/client.rs")),
    ("src/cloud.rs", include_str!("../../runtime/src/cloud.rs")),
    ("src/count.rs", include_str!("../../runtime/src/count.rs")),
    ("src/de.rs", include_str!("../../runtime/src/de.rs")),
    ("src/error.rs", include_str!("../../runtime/src/error.rs")),
    ("src/files.rs", include_str!("../../runtime/src/files.rs")),
    ("src/lib.rs", include_str!("../../runtime/src/lib.rs")),
    ("src/nav.rs", include_str!("../../runtime/src/nav.rs")),
    ("src/paging.rs", include_str!("../../runtime/src/paging.rs")),
    ("src/path.rs", include_str!("../../runtime/src/path.rs")),
    ("src/permissions.rs", include_str!("../../runtime/src/permissions.rs")),
    ("src/query.rs", include_str!("../../runtime/src/query.rs")),
    ("src/request.rs", include_str!("../../runtime/src/request.rs")),
    ("src/retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("src/ser.rs", include_str!("../../runtime/src/ser.rs")),
    ("src/testing.rs", include_str!("../../runtime/src/testing.rs")),
    ("src/value.rs", include_str!("../../runtime/src/value.rs")),
];

/// A version's models, as a crate of their own.
pub(super) struct ModelsCrate<'a> {
    pub version: ApiVersion,
    /// Its folder under the generated crate (`models/v1_0`).
    pub dir: String,
    /// Its package name (`graph-client-models-v1-0`) and its name in Rust.
    pub package: String,
    pub ident: &'a Name,
}

/// A part of the operations or of the navigation, as a crate of its own.
pub(super) struct PartCrate<'a> {
    /// Its folder under the generated crate (`operations/1`).
    pub dir: String,
    /// Its package name (`graph-client-operations-1`) and its name in Rust.
    pub package: String,
    pub ident: &'a Name,
}

impl<'a> PartCrate<'a> {
    /// Each part of `crates` (package, name), in folders `{dir}/1`, `{dir}/2`...
    pub(super) fn all(dir: &str, crates: &'a [(String, Name)]) -> Vec<Self> {
        crates
            .iter()
            .enumerate()
            .map(|(i, (package, ident))| PartCrate { dir: format!("{dir}/{}", i + 1), package: package.clone(), ident })
            .collect()
    }

    fn dep(&self) -> (&str, &str) {
        (&self.package, &self.dir)
    }
}

/// Which part (an index below `PARTS`) holds the operation in module
/// `name`: a hash of its name (FNV-1a, a fixed algorithm), so the parts
/// are about the same size and an operation stays where it is when pages
/// are added or removed: the crates' diffs show what changed, not a
/// reshuffle. (The navigation's few, uneven subtrees are placed in name order by size:
/// `nav::subtree_parts`.)
pub(super) fn part_of(name: &Name) -> usize {
    // The remainder is below PARTS, so it fits any usize.
    (super::fnv(&[name.as_str().as_bytes()]) % PARTS as u64) as usize
}

/// Each workload a feature; `all-workloads` all of them. A workload's
/// feature also turns it on in each crate of `forward_to` (the main crate
/// forwards to every crate it depends on, a part to the crates it depends
/// on).
fn features(workloads: &std::collections::BTreeSet<String>, forward_to: &[(&str, &str)]) -> String {
    let quoted: Vec<String> = workloads.iter().map(|w| format!("\"{w}\"")).collect();
    let mut features =
        format!("# Every workload; `default-features = false` and one workload compile only it.\nall-workloads = [{}]\n", quoted.join(", "));
    for w in workloads {
        let forwarded: Vec<String> = forward_to.iter().map(|(package, _)| format!("\"{package}/{w}\"")).collect();
        features.push_str(&format!("{w} = [{}]\n", forwarded.join(", ")));
    }
    features
}

/// `path` dependencies on `crates` (package, folder), from a crate `depth`
/// folders below the generated crate's root; their features off, as the
/// depending crate's workload features turn them on.
fn path_deps(crates: &[(&str, &str)], depth: usize) -> String {
    let up = "../".repeat(depth);
    crates.iter().map(|(package, dir)| format!("{package} = {{ path = \"{up}{dir}\", default-features = false }}\n")).collect()
}

/// The generated crates a crate depends on.
pub(super) struct Deps<'a> {
    pub models: &'a [ModelsCrate<'a>],
    pub operations: &'a [PartCrate<'a>],
    pub navigation: &'a [PartCrate<'a>],
}

impl Deps<'_> {
    /// Each as (package, folder): the models first, then the parts.
    fn list(&self) -> Vec<(&str, &str)> {
        let models = self.models.iter().map(|m| (m.package.as_str(), m.dir.as_str()));
        models.chain(self.operations.iter().chain(self.navigation).map(PartCrate::dep)).collect()
    }
}

pub(super) fn cargo_toml(options: &EmitOptions, workloads: &std::collections::BTreeSet<String>, deps: &Deps) -> String {
    let all = deps.list();
    let (models, parts) = all.split_at(deps.models.len());
    // Not Rust: a TOML template is the honest way to write it.
    format!(
        r#"# @generated by graphgen. Do not edit.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false
description = "A typed Microsoft Graph client generated from the API reference pages by graphgen"

[features]
default = ["native-tls", "all-workloads"]
native-tls = ["graphgen-runtime/native-tls"]
rustls = ["graphgen-runtime/rustls"]
# Tokens from azure_identity's credentials (`runtime::AzureCredential`).
azure-identity = ["graphgen-runtime/azure-identity"]
{features}
[dependencies]
graphgen-runtime = {{ {runtime}, default-features = false }}
# Each version's models are a crate of their own: rustc compiles them
# apart (each with less memory), and keeps them while operations change.
{models_deps}# The operations, then the fluent navigation over them, each in parts
# that cargo compiles side by side; this crate re-exports them all.
{part_deps}serde = "1"
serde_json = {{ version = "1", features = ["preserve_order"] }}

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt"] }}
wiremock = "0.6"
"#,
        name = options.crate_name,
        features = features(workloads, &all),
        runtime = options.runtime.toml(0),
        models_deps = path_deps(models, 0),
        part_deps = path_deps(parts, 0),
    )
}

/// A part's manifest: its features are its main crate's workloads, and
/// turn on the same in the crates it depends on (an operations part: the
/// models; a navigation part: the models and the operations).
pub(super) fn part_cargo_toml(
    options: &EmitOptions,
    workloads: &std::collections::BTreeSet<String>,
    part: &PartCrate,
    what: &str,
    deps: &Deps,
) -> String {
    let depth = part.dir.split('/').count();
    let deps = deps.list();
    format!(
        r#"# @generated by graphgen. Do not edit.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false
description = "A part of the {what} of the crate {main}, which re-exports them"

[features]
# Alone, all of them; the main crate turns on only its own.
default = ["all-workloads"]
{features}
[dependencies]
graphgen-runtime = {{ {runtime}, default-features = false }}
{deps}serde = "1"
serde_json = {{ version = "1", features = ["preserve_order"] }}
"#,
        name = part.package,
        main = options.crate_name,
        features = features(workloads, &deps),
        runtime = options.runtime.toml(depth),
        deps = path_deps(&deps, depth),
    )
}

/// A models crate, or a layer of one (`model_layers`): a folder under the
/// generated crate and a package name, and the layer below it, if any.
pub(super) struct ModelsLayer<'a> {
    pub dir: &'a str,
    pub package: &'a str,
    /// (this layer's number, of how many) where a version's models are split.
    pub layer: Option<(usize, usize)>,
    /// The layer below: (package, folder).
    pub below: Option<(&'a str, &'a str)>,
}

/// A models crate's manifest: its features are its main crate's workloads,
/// and turn on the same in the layer below.
pub(super) fn models_cargo_toml(
    options: &EmitOptions,
    workloads: &std::collections::BTreeSet<String>,
    version: ApiVersion,
    models: &ModelsLayer,
) -> String {
    let depth = models.dir.split('/').count();
    let below: Vec<(&str, &str)> = models.below.into_iter().collect();
    let what = match models.layer {
        Some((layer, of)) => format!("Microsoft Graph {}'s models, layer {layer} of {of}", version.as_str()),
        None => format!("Microsoft Graph {}'s models", version.as_str()),
    };
    format!(
        r#"# @generated by graphgen. Do not edit.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false
description = "{what}, for the crate {main}"

[features]
# Alone, all of them; the main crate turns on only its own.
default = ["all-workloads"]
{features}
[dependencies]
graphgen-runtime = {{ {runtime}, default-features = false }}
{below}serde = "1"
serde_json = {{ version = "1", features = ["preserve_order"] }}
"#,
        name = models.package,
        main = options.crate_name,
        features = features(workloads, &below),
        runtime = options.runtime.toml(depth),
        below = path_deps(&below, depth),
    )
}

/// A models crate's root: its types' modules, the runtime under the name
/// the models use (`crate::runtime`), and the layer below's types, if any,
/// under the names the types use (`super::User`). A lower layer's files
/// stay in the models crate's `src/` (`files_from`), so a type's file keeps
/// its path whichever layer it is in.
pub(super) fn models_lib_rs(
    version: ApiVersion,
    mods: &[(&Name, Vec<&Name>, TokenStream)],
    layer: Option<(usize, usize)>,
    below: Option<&proc_macro2::Ident>,
    files_from: Option<&str>,
) -> TokenStream {
    let what = match layer {
        Some((layer, of)) => format!(" (layer {layer} of {of}: the types that refer only to these and those below)"),
        None => String::new(),
    };
    let doc = format!(
        " Microsoft Graph {}'s models{what}: one type per resource, complex and enum type of the docs; `AnyX` for a type with derived types.",
        version.as_str()
    );
    let items = module_items(mods, files_from);
    // Unused where a workload compiles none of the layer's types.
    let below = below.map(|below| quote!(#[doc(inline)] #[allow(unused_imports)] pub use #below::*;));
    quote! {
        #![doc = #doc]
        #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::too_many_lines)]

        pub use graphgen_runtime as runtime;
        #below
        #items
    }
}

pub(super) fn lib_rs(versions: &[(ApiVersion, &Name)]) -> TokenStream {
    let modules: Vec<&Name> = versions.iter().map(|(_, m)| *m).collect();
    let nav_docs = versions.iter().map(|(v, _)| format!(" Microsoft Graph {v}'s request paths, sent with this client."));
    let mods = versions.iter().map(|(v, m)| {
        let doc = format!(" Microsoft Graph {}.", v.as_str());
        quote!(#[doc = #doc] pub mod #m;)
    });
    quote! {
        //! A typed Microsoft Graph client, generated by graphgen from the API
        //! reference pages: models in `<version>::models`, one struct per
        //! operation (with an enum of its request paths) in
        //! `<version>::operations`, sent with `runtime::Client` or built
        //! into plain HTTP requests without it.
        #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::too_many_lines, clippy::too_many_arguments)]

        pub use graphgen_runtime as runtime;
        #(#mods)*

        pub use runtime::{Client, Cloud, Error, Field, Operation};

        /// Fluent navigation from a client:
        /// `client.v1_0().users().by_id(id).messages().get().send().await`.
        pub trait Navigate {
            #(#[doc = #nav_docs] fn #modules(&self) -> #modules::nav::Graph;)*
        }

        impl Navigate for runtime::Client {
            #(fn #modules(&self) -> #modules::nav::Graph {
                #modules::nav::Graph::new(self.clone())
            })*
        }
    }
}

pub(super) fn version_mod(version: ApiVersion, models: &Name) -> TokenStream {
    let doc = format!(" Microsoft Graph {}: its models and operations.", version.as_str());
    quote! {
        #![doc = #doc]
        pub use #models as models;
        pub mod nav;
        pub mod operations;
    }
}

/// A part's root: a module per version with this part's items, and the
/// runtime, each version's models and (for navigation) its operations
/// under the names they use (`crate::runtime`, `crate::v1_0::models`).
pub(super) fn part_lib_rs(main: &str, what: &str, versions: &[(ApiVersion, &Name)]) -> TokenStream {
    let doc = format!(" A part of the {what} of the crate `{main}`, which re-exports them all: use that crate.");
    let mods = versions.iter().map(|(v, m)| {
        let doc = format!(" Microsoft Graph {}'s {what} in this part.", v.as_str());
        quote!(#[doc = #doc] pub mod #m;)
    });
    quote! {
        #![doc = #doc]
        #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::too_many_lines, clippy::too_many_arguments)]

        pub use graphgen_runtime as runtime;
        #(#mods)*
    }
}

/// A version's module in a part: the models, and this part's operations,
/// or the operations (all parts' re-exported) and this part's navigation.
pub(super) fn part_version_mod(version: ApiVersion, models: &Name, navigation: bool) -> TokenStream {
    let doc = format!(
        " Microsoft Graph {}: its models and operations, and this part's {}.",
        version.as_str(),
        if navigation { "navigation" } else { "operations" }
    );
    let nav = navigation.then(|| {
        quote!(
            pub mod nav;
        )
    });
    quote! {
        #![doc = #doc]
        pub use #models as models;
        pub mod operations;
        #nav
    }
}

/// A version's `operations` in the main crate (and in a navigation part):
/// every part's, re-exported (and documented) there.
pub(super) fn operations_reexports(module: &Name, parts: &[PartCrate]) -> TokenStream {
    let globs = part_globs(parts, &quote!(#module::operations));
    quote! {
        //! Operations: one struct per operation, and an enum of its request paths.
        #globs
    }
}

/// `pub use` of everything in `path` of each part. A part may hold none of
/// what a set of features compiles (or of a version): its glob then
/// imports nothing, which is not a mistake here.
pub(super) fn part_globs(parts: &[PartCrate], path: &TokenStream) -> TokenStream {
    let parts = parts.iter().map(|p| p.ident);
    quote!(#(#[doc(inline)] #[allow(unused_imports)] pub use #parts::#path::*;)*)
}

/// A module file per item, its public items re-exported, both compiled
/// under the item's workload features.
pub(super) fn reexports(mods: &[(&Name, Vec<&Name>, TokenStream)], doc: &str) -> TokenStream {
    let doc = format!(" {doc}");
    let items = module_items(mods, None);
    quote! {
        #![doc = #doc]
        #items
    }
}

/// Each item's module and re-export under its cfg; with `files_from`, the
/// module's file is taken from that folder (`#[path]`).
fn module_items(mods: &[(&Name, Vec<&Name>, TokenStream)], files_from: Option<&str>) -> TokenStream {
    let items = mods.iter().map(|(file, idents, cfg)| {
        let path = files_from.map(|dir| {
            let path = format!("{dir}/{file}.rs");
            quote!(#[path = #path])
        });
        quote!(#cfg #path mod #file; #cfg pub use #file::{#(#idents),*};)
    });
    quote!(#(#items)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_file_is_vendored() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut on_disk: Vec<String> =
            std::fs::read_dir(root.join("src")).unwrap().map(|e| format!("src/{}", e.unwrap().file_name().to_string_lossy())).collect();
        on_disk.push("Cargo.toml".to_owned());
        on_disk.sort();
        let listed: Vec<&str> = RUNTIME_FILES.iter().map(|(p, _)| *p).collect();
        assert_eq!(listed, on_disk);
    }

    #[test]
    fn a_module_s_part_is_a_fixed_hash_of_its_name() {
        let mut scope = super::super::naming::Scope::default();
        let mut part = |name: &str| part_of(&scope.claim(&[name.to_owned()]));
        // FNV-1a of the module name: the same part on every run, machine
        // and graphgen build, whatever else the docs hold.
        let cases = [("list_users", 0), ("get_user", 1), ("create_device_configuration_device_status", 1), ("a", 0)];
        for (name, want) in cases {
            assert_eq!(part(name), want, "{name}");
        }
        // And the parts are about the same size.
        let mut sizes = [0usize; PARTS];
        for i in 0..2000 {
            sizes[part(&format!("operation_{i}"))] += 1;
        }
        assert!(sizes.iter().all(|&n| (900..=1100).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn a_models_crate_finds_the_runtime_from_its_own_folder() {
        let cases = [
            (RuntimeDep::Vendored, 0, r#"path = "graphgen-runtime""#),
            (RuntimeDep::Vendored, 2, r#"path = "../../graphgen-runtime""#),
            (RuntimeDep::Path("../generator/runtime".into()), 2, r#"path = "../../../generator/runtime""#),
            (RuntimeDep::Path("/opt/graphgen-runtime".into()), 2, r#"path = "/opt/graphgen-runtime""#),
            (RuntimeDep::Path("dépôt/runtime".into()), 1, r#"path = "../dépôt/runtime""#),
            (RuntimeDep::Version("0.1".into()), 2, r#"version = "0.1""#),
        ];
        for (dep, depth, want) in cases {
            assert_eq!(dep.toml(depth), want, "{dep:?} at depth {depth}");
        }
    }

    #[test]
    fn runtime_dependencies_from_the_command_line() {
        let cases = [
            ("vendored", Ok(RuntimeDep::Vendored)),
            ("path:../generator/runtime", Ok(RuntimeDep::Path("../generator/runtime".into()))),
            ("version:0.1", Ok(RuntimeDep::Version("0.1".into()))),
            ("path:", Err(())),
            ("version:1\"\nx", Err(())),
            ("vendor", Err(())),
            ("path:日本語/é", Ok(RuntimeDep::Path("日本語/é".into()))),
        ];
        for (arg, want) in cases {
            assert_eq!(RuntimeDep::parse(arg).map_err(|_| ()), want, "{arg}");
        }
    }
}
