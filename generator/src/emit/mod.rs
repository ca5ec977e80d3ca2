//! Emit: schema → the files of the generated crate. One emitter per
//! construct (`model_struct`, `model_enum`, `operation`, `example_tests`),
//! all built with `quote` and printed with prettyplease; names come from
//! `naming` scopes claimed in schema order, so output is deterministic.

mod crate_files;
mod example_tests;
mod model_any;
mod model_enum;
mod model_struct;
pub mod naming;
mod operation;
mod path_enum;
mod path_tests;
mod rust_type;
mod workloads;

use crate::diagnostics::Diagnostic;
use crate::schema::{ApiVersion, OperationDef, Schema, TypeKind};
use naming::{module_name, pascal_case, Scope};
use rayon::prelude::*;
use std::collections::BTreeMap;

pub use operation::OperationNames;

/// A file of the generated crate, by path relative to the crate root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
    /// Taken as it is from the previous output (its tokens are unchanged),
    /// so writing need not read that file again to compare it.
    pub reused: bool,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: String) -> Self {
        OutputFile { path: path.into(), contents, reused: false }
    }
}

#[derive(Clone, Debug)]
pub struct EmitOptions {
    pub crate_name: String,
    /// Where the generated crate finds `graphgen-runtime`.
    pub runtime: RuntimeDep,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions { crate_name: "graph-client".to_owned(), runtime: RuntimeDep::Vendored }
    }
}

pub use crate_files::RuntimeDep;

/// The runtime as this repository's generated/ finds it.
pub const WORKSPACE_RUNTIME: &str = "../generator/runtime";

impl EmitOptions {
    /// The options of this repository's generated/ (what `graphgen
    /// generate` with no `--output` uses).
    pub fn workspace() -> Self {
        EmitOptions { runtime: RuntimeDep::Path(WORKSPACE_RUNTIME.to_owned()), ..Default::default() }
    }
}

/// The Rust name of every type of one API version.
pub struct TypeNames {
    /// Lowercased qualified name → (Rust ident, kind).
    by_qualified: BTreeMap<String, (String, TypeKind)>,
    /// For a type with derived types that something refers to: the ident of
    /// its `Any` enum and the lowercased qualified names of its derived
    /// types (all generations), sorted.
    polymorphic: BTreeMap<String, (String, Vec<String>)>,
}

impl TypeNames {
    fn new(schema: &Schema, version: ApiVersion) -> Self {
        let mut names = Self::plain(schema, version);
        names.polymorphic = polymorphic(schema, version, &names);
        names
    }

    fn plain(schema: &Schema, version: ApiVersion) -> Self {
        // Rust's prelude types would be shadowed by a model of the same name;
        // `Field` is imported into every model file.
        let mut scope = Scope::with_reserved(&["Box", "Vec", "String", "Option", "Result", "Some", "None", "Ok", "Err", "Field"]);
        let mut by_qualified = BTreeMap::new();
        for t in schema.types.iter().filter(|t| t.api_version == version) {
            let short = pascal_case(&t.name);
            let ns_tail = t.namespace.rsplit('.').next().unwrap_or("");
            let qualified = format!("{}{short}", pascal_case(ns_tail));
            let ident = scope.claim(&[short, qualified]);
            by_qualified.insert(t.qualified().to_ascii_lowercase(), (ident, t.kind));
        }
        TypeNames { by_qualified, polymorphic: BTreeMap::new() }
    }

    pub fn get(&self, qualified: &str) -> Option<&(String, TypeKind)> {
        self.by_qualified.get(&qualified.to_ascii_lowercase())
    }

    /// The `Any` enum of a type that has derived types, if it has one.
    pub fn any(&self, qualified: &str) -> Option<&(String, Vec<String>)> {
        self.polymorphic.get(&qualified.to_ascii_lowercase())
    }
}

/// Types with derived types, among those a property, body or response
/// refers to: a value of such a type may be any of them, told apart by its
/// `@odata.type`. Their `Any` enums are named after all plain types, so a
/// plain type keeps its name whatever is added.
fn polymorphic(schema: &Schema, version: ApiVersion, names: &TypeNames) -> BTreeMap<String, (String, Vec<String>)> {
    let types: Vec<_> = schema.types.iter().filter(|t| t.api_version == version && t.kind != TypeKind::Enum).collect();
    let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in &types {
        if let Some(base) = &t.base_type {
            children.entry(base.to_ascii_lowercase()).or_default().push(t.qualified().to_ascii_lowercase());
        }
    }
    let mut referenced: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for t in &types {
        referenced.extend(t.properties.iter().map(|p| p.type_name.to_ascii_lowercase()));
    }
    for op in schema.operations.iter().filter(|o| o.api_version == version) {
        referenced.extend(op.response.type_name.iter().map(|t| t.to_ascii_lowercase()));
        if let Some(b) = &op.request_body {
            referenced.extend(b.type_name.iter().map(|t| t.to_ascii_lowercase()));
            referenced.extend(b.parameters.iter().map(|p| p.type_name.to_ascii_lowercase()));
        }
    }
    let mut scope = Scope::with_reserved(&names.by_qualified.values().map(|(i, _)| i.as_str()).collect::<Vec<_>>());
    let mut out = BTreeMap::new();
    for t in &types {
        let key = t.qualified().to_ascii_lowercase();
        if !referenced.contains(&key) || !children.contains_key(&key) {
            continue;
        }
        let mut derived = Vec::new();
        let mut queue = vec![key.clone()];
        while let Some(next) = queue.pop() {
            for child in children.get(&next).into_iter().flatten() {
                if !derived.contains(child) && *child != key && names.by_qualified.contains_key(child) {
                    derived.push(child.clone());
                    queue.push(child.clone());
                }
            }
        }
        if derived.is_empty() {
            continue;
        }
        derived.sort();
        let (ident, _) = &names.by_qualified[&key];
        out.insert(key, (scope.claim(&[format!("Any{ident}")]), derived));
    }
    out
}

/// The previous output's text of a file, by path, when there is one.
pub type Previous<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

const HEADER: &str = "// @generated by graphgen from the Microsoft Graph reference pages. Do not edit. tokens:";

/// What, besides a file's tokens, decides its text: the header, the
/// printer's versions (from the lock file, see build.rs), and what the
/// printer makes of a probe of the constructs graphgen emits (for a build
/// whose lock file is not known). A change to any re-renders every file.
static RENDER_KEY: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
    let probe: syn::File = syn::parse_quote! {
        //! Probe.
        use crate::runtime::Field;
        /// A model.
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct Probe {
            #[serde(rename = "@odata.type", default, skip_serializing_if = "Field::is_absent")]
            pub odata_type: Field<String>,
            pub values: Field<Vec<Box<crate::v1_0::models::AnyDirectoryObjectWithAVeryLongName>>>,
        }
        #[derive(Clone, Debug, PartialEq)]
        pub enum ProbePath { Unit, Fields { id: String, other_id: String } }
        impl crate::runtime::Operation for Probe {
            type Output = crate::runtime::Collection<u8>;
            fn request(&self) -> Result<crate::runtime::Request, crate::runtime::Error> {
                let mut path = match self { ProbePath::Fields { id, .. } => crate::runtime::fill_path("/a/{id}/b", &[("id", id.as_str())]), _ => String::new() };
                path.push_str(&crate::runtime::function_args(&[("a", crate::runtime::FunctionArg::String(&self.a)), ("b", crate::runtime::FunctionArg::Raw(&self.b))]));
                crate::runtime::request(crate::runtime::Method::Post, crate::runtime::ApiVersion::V1_0, path, &self.query, Some(&self.body))
            }
        }
        #[tokio::test]
        async fn probe() { let server = serve("GET", "/v1.0/a", None, &[("$top", "1")], 200, Some((response_body, "application/json"))).await; assert_same_json(&output, response_body); }
    };
    fnv(&[HEADER.as_bytes(), env!("GRAPHGEN_PRINTER_VERSIONS").as_bytes(), prettyplease::unparse(&probe).as_bytes()])
});

fn fnv(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    for part in parts {
        hasher.write(part);
    }
    hasher.finish()
}

/// Prints tokens as a Rust file. Printing is most of emission's cost, so
/// the header carries a hash of the tokens and the render key, and one of
/// the printed text (FNV-1a, a fixed algorithm). A previous file is reused
/// as it is only when both still hold: same tokens, same printer, and its
/// text is what was printed (an edited file is printed again). So
/// `generate` writes what rendering afresh writes, which is what `--check`
/// and the freshness test compare with. Tokens come from the emitters,
/// never from input text, so a parse failure here is a bug in graphgen.
struct Renderer<'a> {
    previous: Previous<'a>,
}

impl Renderer<'_> {
    fn render(&self, path: &str, tokens: proc_macro2::TokenStream) -> OutputFile {
        let tokens_hash = fnv(&[&RENDER_KEY.to_le_bytes(), tokens.to_string().as_bytes()]);
        let head = format!("{HEADER}{tokens_hash:016x} text:");
        let reusable = |previous: &String| {
            let Some(rest) = previous.strip_prefix(&head) else { return false };
            let (text_hash, body) = rest.split_at(rest.find("\n\n").unwrap_or(rest.len()));
            text_hash == format!("{:016x}", fnv(&[body.as_bytes()]))
        };
        if let Some(previous) = (self.previous)(path).filter(reusable) {
            return OutputFile { path: path.to_owned(), contents: previous, reused: true };
        }
        let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("graphgen emitted invalid Rust in {path}: {e}"));
        let body = format!("\n\n{}", prettyplease::unparse(&file));
        OutputFile::new(path, format!("{head}{:016x}{body}", fnv(&[body.as_bytes()])))
    }
}

/// Every file of the crate, sorted by path, and the emitters' diagnostics.
pub fn emit_crate(schema: &Schema, options: &EmitOptions) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    emit_crate_reusing(schema, options, &|_| None)
}

/// As `emit_crate`, reusing the previous output's files whose tokens are unchanged.
pub fn emit_crate_reusing(schema: &Schema, options: &EmitOptions, previous: Previous<'_>) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let renderer = Renderer { previous };
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut versions: Vec<ApiVersion> = schema.types.iter().map(|t| t.api_version).chain(schema.operations.iter().map(|o| o.api_version)).collect();
    versions.sort();
    versions.dedup();
    let names_by_version: BTreeMap<ApiVersion, TypeNames> = versions.iter().map(|v| (*v, TypeNames::new(schema, *v))).collect();
    let workloads = workloads::Workloads::new(schema, &names_by_version);
    for version in &versions {
        let module = version.module();
        let names = &names_by_version[version];
        // Files are rendered in parallel; each job builds its own tokens
        // (token streams cannot cross threads) and returns text.
        let types: Vec<_> = schema.types.iter().filter(|t| t.api_version == *version).collect();
        let models: Vec<(OutputFile, String, Vec<String>)> = types
            .par_iter()
            .map(|t| {
                let (ident, _) = names.get(&t.qualified()).expect("every type was named").clone();
                let file = module_name(&ident);
                let mut idents = vec![ident.clone()];
                let tokens = match t.kind {
                    TypeKind::Enum => model_enum::emit(t, &ident),
                    _ => {
                        let mut tokens = model_struct::emit(schema, names, t, &ident);
                        if let Some((any, derived)) = names.any(&t.qualified()) {
                            tokens.extend(model_any::emit(t, &ident, any, derived, names));
                            idents.push(any.clone());
                        }
                        tokens
                    }
                };
                (renderer.render(&format!("src/{module}/models/{file}.rs"), tokens), file, idents)
            })
            .collect();
        let model_mods: Vec<_> = models
            .iter()
            .zip(&types)
            .map(|((_, file, idents), t)| (file.clone(), idents.clone(), workloads.type_cfg(*version, &t.qualified())))
            .collect();
        files.extend(models.into_iter().map(|(f, _, _)| f));
        files.push(renderer.render(
            &format!("src/{module}/models/mod.rs"),
            crate_files::reexports(
                &model_mods,
                "Models: one type per resource, complex and enum type of the docs; `AnyX` for a type with derived types.",
            ),
        ));

        let ops: Vec<&OperationDef> = schema.operations.iter().filter(|o| o.api_version == *version).collect();
        let op_names = operation::name_operations(schema, *version);
        let op_files: Vec<OutputFile> = ops
            .par_iter()
            .zip(&op_names)
            .map(|(op, n)| renderer.render(&format!("src/{module}/operations/{}.rs", module_name(&n.primary)), operation::emit(op, n, names, module)))
            .collect();
        files.extend(op_files);
        let op_mods: Vec<_> =
            ops.iter().zip(&op_names).map(|(op, n)| (module_name(&n.primary), n.all_idents(), workloads.operation_cfg(&op.workload))).collect();
        files.push(renderer.render(
            &format!("src/{module}/operations/mod.rs"),
            crate_files::reexports(&op_mods, "Operations: one struct per operation, and an enum of its request paths."),
        ));
        files.push(renderer.render(&format!("src/{module}/mod.rs"), crate_files::version_mod(*version)));

        // Example tests: one module per workload.
        let mut by_workload: BTreeMap<String, Vec<(&OperationDef, &operation::OperationNames)>> = BTreeMap::new();
        for (op, n) in ops.iter().zip(&op_names) {
            by_workload.entry(workloads::feature(&op.workload)).or_default().push((op, n));
        }
        let groups: Vec<_> = by_workload.into_iter().collect();
        let test_modules: Vec<(String, OutputFile, Vec<Diagnostic>)> = groups
            .par_iter()
            .map(|(workload, group)| {
                let m = module_name(workload);
                let (tokens, diags) = example_tests::module(*version, names, group, options);
                (m.clone(), renderer.render(&format!("tests/examples_{module}/{m}.rs"), tokens), diags)
            })
            .collect();
        let mods: Vec<(String, proc_macro2::TokenStream)> =
            test_modules.iter().zip(&groups).map(|((m, _, _), (w, _))| (m.clone(), workloads.operation_cfg(w))).collect();
        files.push(renderer.render(&format!("tests/examples_{module}/main.rs"), example_tests::main(options, &mods)));
        for (_, file, diags) in test_modules {
            files.push(file);
            diagnostics.extend(diags);
        }
    }
    files.push(renderer.render("src/lib.rs", crate_files::lib_rs(&versions)));
    if options.runtime == RuntimeDep::Vendored {
        files.extend(
            crate_files::RUNTIME_FILES
                .iter()
                .map(|(path, text)| OutputFile::new(format!("{}/{path}", crate_files::VENDORED_RUNTIME), (*text).to_owned())),
        );
    }
    files.push(OutputFile::new("Cargo.toml", crate_files::cargo_toml(options, &workloads.all)));
    // The emitters' findings belong in schema.json with the rest.
    files.push(OutputFile::new("schema.json", schema.to_json_with(&diagnostics)));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_previous_file_is_reused_only_as_printed() {
        let tokens = || {
            quote::quote!(
                pub struct A;
            )
        };
        let fresh = Renderer { previous: &|_| None }.render("a.rs", tokens());
        assert!(!fresh.reused);
        let same = fresh.contents.clone();
        let again = Renderer { previous: &move |_| Some(same.clone()) }.render("a.rs", tokens());
        assert!(again.reused, "same tokens, same printer, untouched text");
        let edited = fresh.contents.replace("pub struct A;", "pub struct A; // edited");
        let redone = Renderer { previous: &move |_| Some(edited.clone()) }.render("a.rs", tokens());
        assert!(!redone.reused, "an edited body is printed again");
        assert_eq!(redone.contents, fresh.contents);
        let other = Renderer { previous: &|_| Some(fresh.contents.clone()) }.render(
            "a.rs",
            quote::quote!(
                pub struct B;
            ),
        );
        assert!(!other.reused && other.contents.contains("struct B"), "other tokens");
    }
}

/// Tiny pages for the unit tests (schema and emitters), and the crates
/// emitted from them.
#[cfg(test)]
pub(crate) mod fixtures {
    /// The files emitted for these Markdown pages (`(path, text)`).
    pub fn emitted(pages: &[(&str, &str)]) -> Vec<super::OutputFile> {
        let read: Vec<_> = pages.iter().map(|(file, text)| crate::read_page_text(file, text, None)).collect();
        for page in &read {
            assert!(page.diagnostics.iter().all(|d| d.severity != crate::diagnostics::Severity::Error), "{:?}", page.diagnostics);
        }
        super::emit_crate(&crate::schema::build::build(&read), &Default::default()).0
    }

    /// One emitted file's text, whitespace collapsed (to assert on
    /// tokens, not on the printer's layout).
    pub fn file(files: &[super::OutputFile], path: &str) -> String {
        let f = files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is emitted; emitted: {:?}", files.iter().map(|f| &f.path).collect::<Vec<_>>()));
        f.contents.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn resource(name: &str, base: Option<&str>, rows: &[(&str, &str)]) -> String {
        let mut page = format!("---\ntitle: \"{name} resource type\"\nms.prod: \"users\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n");
        if let Some(base) = base {
            page.push_str(&format!("Inherits from [{base}]({base}.md).\n\n"));
        }
        page.push_str("## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n");
        for (p, t) in rows {
            page.push_str(&format!("|{p}|{t}|The {p}. é 日本語 🙂|\n"));
        }
        page
    }

    pub fn enumeration(name: &str, members: &[&str]) -> String {
        let mut page = format!("---\ntitle: \"{name} enum type\"\nms.prod: \"users\"\ndoc_type: enumPageType\n---\n\n# {name} enum type\n\nNamespace: microsoft.graph\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n");
        for (i, m) in members.iter().enumerate() {
            page.push_str(&format!("|{m}|{i}|The {m} state.|\n"));
        }
        page
    }
}
