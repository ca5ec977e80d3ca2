//! The names table: every Rust name of the generated crate, claimed before
//! anything is emitted, one scope per namespace (the crate root, a
//! version's models, its operations, each struct's fields, each enum's
//! variants, each test module), in schema order, so the same schema always
//! gives the same names and a name taken once is never taken again.

use super::operations::{self, OperationNames};
use super::{module_name, pascal_case, snake_case, Name, Scope};
use crate::schema::{ApiVersion, PropertyDef, Schema, TypeDef, TypeId, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// How many crates the operations, and then the navigation, are each
/// spread over. Cargo compiles a stage's parts side by side; in one crate,
/// one rustc checked them all while the machine's other cores waited.
/// Measured on 2 cores (the all-v1.0 crate, clean debug build, operations
/// split): one part 66 s, two 56 s, three 58 s (each crate reads the
/// models' metadata again, and two cores run two at a time).
pub(crate) const PARTS: usize = 2;

/// The crate's names: its own (as its tests see it) and each version's.
pub(crate) struct CrateNames<'a> {
    /// The crate as `use` names it (`graph_client`).
    pub krate: Name,
    pub versions: BTreeMap<ApiVersion, Names<'a>>,
    /// Each version's models crate: its package name
    /// (`graph-client-models-v1-0`) and its name in Rust.
    pub models: BTreeMap<ApiVersion, (String, Name)>,
    /// The operations' crates (`graph-client-operations-1`) and the
    /// navigation's (`graph-client-navigation-1`), by part: each one's
    /// package name and name in Rust.
    pub operations: Vec<(String, Name)>,
    pub navigation: Vec<(String, Name)>,
}

impl<'a> CrateNames<'a> {
    /// `crate_name` is a package name cargo takes (`check_crate_name`).
    pub(crate) fn new(schema: &'a Schema, crate_name: &str) -> Self {
        let mut versions: Vec<ApiVersion> =
            schema.types.iter().map(|t| t.api_version).chain(schema.operations.iter().map(|o| o.api_version)).collect();
        versions.sort();
        versions.dedup();
        // The crate root holds `runtime` and a module per version.
        let mut root = Scope::with_reserved(&["runtime"]);
        let versions: BTreeMap<_, _> = versions.into_iter().map(|v| (v, Names::new(schema, v, root.claim(&[v.module().to_owned()])))).collect();
        // Crates share one namespace: the main crate's, the models' and
        // the parts'.
        let mut crates = Scope::default();
        let krate = crates.claim(&[crate_name.replace('-', "_")]);
        let models = versions
            .keys()
            .map(|&v| {
                let package = format!("{crate_name}-models-{}", v.module().replace('_', "-"));
                let ident = crates.claim(&[package.replace('-', "_")]);
                (v, (package, ident))
            })
            .collect();
        let mut parts = |what: &str| -> Vec<(String, Name)> {
            (1..=PARTS)
                .map(|part| {
                    let package = format!("{crate_name}-{what}-{part}");
                    let ident = crates.claim(&[package.replace('-', "_")]);
                    (package, ident)
                })
                .collect()
        };
        let operations = parts("operations");
        let navigation = parts("navigation");
        CrateNames { krate, versions, models, operations, navigation }
    }
}

/// The names of one API version's module.
pub(crate) struct Names<'a> {
    pub version: ApiVersion,
    /// The version's module (`v1_0`).
    pub module: Name,
    types: BTreeMap<TypeId, TypeNames<'a>>,
    /// Its operations, in schema order.
    pub operations: Vec<OperationNames<'a>>,
    /// Per workload feature, the module of its example tests.
    pub test_modules: BTreeMap<String, Name>,
    /// The fluent navigation over its operations' paths.
    pub nav: super::nav::NavTree,
}

/// The names of one type.
pub(crate) struct TypeNames<'a> {
    pub id: TypeId,
    pub def: &'a TypeDef,
    pub ident: Name,
    /// Its file (and module) in `models/`.
    pub file: Name,
    /// The `AnyX` enum of a type with derived types that something refers to.
    pub any: Option<AnyNames>,
    /// A struct's `@odata.type` field (none for an enum).
    pub odata_type: Option<Name>,
    /// A struct's fields: its base types' properties first, each wire name once.
    pub fields: Vec<FieldName<'a>>,
    /// An enum's variants, one per member in order.
    pub variants: Vec<Name>,
}

/// One property's field and its `Prop` constant.
pub(crate) struct FieldName<'a> {
    pub property: &'a PropertyDef,
    pub field: Name,
    pub constant: Name,
}

/// The `AnyX` enum of a base type: its name, and its derived types (all
/// generations), sorted by qualified name.
pub(crate) struct AnyNames {
    pub ident: Name,
    pub derived: Vec<TypeId>,
    /// Per derived type, its conversion (`as_user`), claimed beside the
    /// base's field accessors (`id()`, `odata_type()`).
    pub casts: Vec<Name>,
}

/// Rust's prelude types would be shadowed by a model of the same name;
/// `Field` is imported into every model file.
const PRELUDE: &[&str] = &["Box", "Vec", "String", "Option", "Result", "Some", "None", "Ok", "Err", "Field"];

impl<'a> Names<'a> {
    fn new(schema: &'a Schema, version: ApiVersion, module: Name) -> Self {
        let mut models = Scope::with_reserved(PRELUDE);
        let mut files = Scope::default();
        let mut types: BTreeMap<TypeId, TypeNames<'a>> = BTreeMap::new();
        for (id, t) in schema.types_with_ids().filter(|(_, t)| t.api_version == version) {
            let short = pascal_case(&t.name);
            let ns_tail = t.namespace.rsplit('.').next().unwrap_or("");
            // `microsoft.graph.callRecords.session` is `Session`, or
            // `CallRecordsSession` where `Session` is taken.
            let qualified = format!("{}{short}", pascal_case(ns_tail));
            let ident = models.claim(&[short, qualified]);
            let file = files.claim(&[module_name(ident.as_str())]);
            let (odata_type, fields, variants) = match t.kind {
                TypeKind::Enum => (None, Vec::new(), enum_variants(t)),
                _ => {
                    let (odata_type, fields) = struct_fields(schema, t);
                    (Some(odata_type), fields, Vec::new())
                }
            };
            types.insert(id, TypeNames { id, def: t, ident, file, any: None, odata_type, fields, variants });
        }
        // `Any` enums are named after every plain type, so a plain type
        // keeps its name whatever is added.
        for (id, any) in polymorphic(schema, version, &types, &mut models) {
            types.get_mut(&id).expect("a type of this version").any = Some(any);
        }
        let reach = operations::Reach::new(schema.operations.iter().filter(|o| o.api_version == version));
        let (operations, test_modules) = operations::name(schema, version, &reach);
        let nav = super::nav::tree(&operations, &reach);
        Names { version, module, types, operations, test_modules, nav }
    }

    pub(crate) fn get(&self, id: TypeId) -> Option<&TypeNames<'a>> {
        self.types.get(&id)
    }

    /// Every type of the version, in schema order.
    pub(crate) fn types(&self) -> impl Iterator<Item = &TypeNames<'a>> {
        self.types.values()
    }
}

/// A struct's fields: `@odata.type` first, then every property (its base
/// types' first), beside `additional_properties`.
fn struct_fields<'a>(schema: &'a Schema, t: &'a TypeDef) -> (Name, Vec<FieldName<'a>>) {
    let mut scope = Scope::with_reserved(&["additional_properties"]);
    let mut constants = Scope::default();
    let odata_type = scope.claim(&["odata_type".to_owned()]);
    let fields = all_properties(schema, t)
        .into_iter()
        .map(|property| {
            let field = scope.claim(&[snake_case(&property.name)]);
            let constant = constants.claim(&[field.as_str().to_ascii_uppercase()]);
            FieldName { property, field, constant }
        })
        .collect();
    (odata_type, fields)
}

/// The type's properties with its base types' first (a derived type's JSON
/// holds them all), each wire name once. Instance attributes a page
/// documents as properties (`@microsoft.graph.downloadUrl`, `@odata.etag`)
/// are fields like the rest; `@odata.type` is every struct's own field.
fn all_properties<'a>(schema: &'a Schema, t: &'a TypeDef) -> Vec<&'a PropertyDef> {
    let mut chain = vec![t];
    let mut current = t;
    while let Some(base) = current.base.map(|b| schema.get(b)) {
        if chain.iter().any(|c| std::ptr::eq(*c, base)) || chain.len() > 32 {
            break;
        }
        chain.push(base);
        current = base;
    }
    let mut out: Vec<&PropertyDef> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for def in chain.iter().rev() {
        for p in &def.properties {
            if p.name != "@odata.type" && seen.insert(p.name.as_str()) {
                out.push(p);
            }
        }
    }
    out
}

/// An enum's variants, beside `Other`, which holds the values the docs don't list.
fn enum_variants(t: &TypeDef) -> Vec<Name> {
    let mut scope = Scope::with_reserved(&["Other"]);
    t.members.iter().map(|m| scope.claim(&[pascal_case(&m.name)])).collect()
}

/// Types with derived types, among those a property, body or response
/// refers to: a value of such a type may be any of them, told apart by its
/// `@odata.type`.
fn polymorphic(schema: &Schema, version: ApiVersion, types: &BTreeMap<TypeId, TypeNames>, models: &mut Scope) -> Vec<(TypeId, AnyNames)> {
    let structs = || types.iter().filter(|(_, n)| n.def.kind != TypeKind::Enum);
    let mut children: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for (id, n) in structs() {
        if let Some(base) = n.def.base {
            children.entry(base).or_default().push(*id);
        }
    }
    let mut referenced: BTreeSet<TypeId> = structs().flat_map(|(_, n)| n.def.properties.iter().filter_map(|p| p.resolved)).collect();
    for op in schema.operations.iter().filter(|o| o.api_version == version) {
        referenced.extend(op.response.resolved);
        if let Some(b) = &op.request_body {
            referenced.extend(b.resolved);
            referenced.extend(b.parameters.iter().filter_map(|p| p.resolved));
        }
    }
    let mut out = Vec::new();
    for (id, n) in structs() {
        if !referenced.contains(id) || !children.contains_key(id) {
            continue;
        }
        let mut derived = Vec::new();
        let mut queue = vec![*id];
        while let Some(next) = queue.pop() {
            for child in children.get(&next).into_iter().flatten() {
                if !derived.contains(child) && child != id {
                    derived.push(*child);
                    queue.push(*child);
                }
            }
        }
        if derived.is_empty() {
            continue;
        }
        derived.sort_by_key(|d| schema.get(*d).key());
        let mut methods =
            Scope::with_reserved(&n.fields.iter().map(|f| f.field.as_str()).chain(n.odata_type.as_ref().map(Name::as_str)).collect::<Vec<_>>());
        let casts = derived.iter().map(|d| methods.claim(&[format!("as_{}", snake_case(types[d].ident.as_str()))])).collect();
        out.push((*id, AnyNames { ident: models.claim(&[format!("Any{}", n.ident)]), derived, casts }));
    }
    out
}

/// The collision rules, one case each: what the docs can name alike, and
/// the names each gets.
#[cfg(test)]
mod tests {
    use super::CrateNames;
    use crate::fixtures::{create, enumeration, get, resource, schema};
    use crate::schema::{ApiVersion, Schema};

    fn in_namespace(page: String, namespace: &str) -> String {
        page.replace("Namespace: microsoft.graph\n", &format!("Namespace: {namespace}\n"))
    }

    fn table(s: &Schema) -> CrateNames<'_> {
        CrateNames::new(s, "graph-client")
    }

    /// Pages, and the type names they give in schema order.
    type Case<'a> = (&'a [(&'a str, String)], &'a [&'a str]);

    #[test]
    fn type_names() {
        let cases: &[Case] = &[
            // The same name in two namespaces: the second takes its namespace's.
            (
                &[
                    ("a/thing.md", resource("thing", None, &[])),
                    ("b/thing.md", in_namespace(resource("thing", None, &[]), "microsoft.graph.callRecords")),
                ],
                &["Thing", "CallRecordsThing"],
            ),
            // A prelude name would shadow Rust's own.
            (&[("a/string.md", resource("string", None, &[])), ("a/option.md", resource("option", None, &[]))], &["GraphOption", "GraphString"]),
            // Names that differ only in case or punctuation: the namespace's
            // name, then numbered.
            (
                &[("a/ab.md", resource("a-b", None, &[])), ("a/ab2.md", resource("aB", None, &[])), ("a/ab3.md", resource("a_b", None, &[]))],
                &["AB", "GraphAB", "AB2"],
            ),
            // A keyword and a name that starts with a digit.
            (&[("a/self.md", resource("self", None, &[])), ("a/3d.md", resource("3dModel", None, &[]))], &["V3dModel", "Self_"]),
        ];
        for (pages, want) in cases {
            let s = schema(pages);
            let names = table(&s);
            let got: Vec<&str> = names.versions[&ApiVersion::V1_0].types().map(|t| t.ident.as_str()).collect();
            assert_eq!(got, *want, "{pages:?}");
        }
    }

    #[test]
    fn an_any_enum_never_takes_a_plain_types_name() {
        let s = schema(&[
            ("a/anybase.md", resource("anyBase", None, &[("id", "String")])),
            ("a/base.md", resource("base", None, &[("id", "String")])),
            ("a/derived.md", resource("derived", Some("base"), &[("x", "String")])),
            ("a/holder.md", resource("holder", None, &[("item", "base")])),
        ]);
        let names = table(&s);
        let v = &names.versions[&ApiVersion::V1_0];
        let base = v.types().find(|t| t.ident == "Base").unwrap();
        assert_eq!(base.any.as_ref().map(|a| a.ident.as_str()), Some("AnyBase2"), "`AnyBase` is a type of the docs");
        let files: Vec<&str> = v.types().map(|t| t.file.as_str()).collect();
        assert_eq!(files, ["any_base", "base", "derived", "holder"]);
    }

    #[test]
    fn field_and_variant_names() {
        let s = schema(&[
            (
                "a/thing.md",
                resource(
                    "thing",
                    None,
                    &[("@odata.type", "String"), ("odataType", "String"), ("additionalProperties", "String"), ("type", "String"), ("Type", "String")],
                ),
            ),
            ("a/state.md", enumeration("state", &["other", "Other", "a-b", "aB", "3d"])),
        ]);
        let names = table(&s);
        let v = &names.versions[&ApiVersion::V1_0];
        let thing = v.types().find(|t| t.ident == "Thing").unwrap();
        assert_eq!(thing.odata_type.as_ref().unwrap(), &"odata_type");
        let fields: Vec<(&str, &str, &str)> =
            thing.fields.iter().map(|f| (f.property.name.as_str(), f.field.as_str(), f.constant.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("odataType", "odata_type2", "ODATA_TYPE2"),
                ("additionalProperties", "additional_properties2", "ADDITIONAL_PROPERTIES2"),
                ("type", "type_", "TYPE_"),
                ("Type", "type_2", "TYPE_2"),
            ],
            "`@odata.type` is the struct's own field"
        );
        let state = v.types().find(|t| t.ident == "State").unwrap();
        let variants: Vec<&str> = state.variants.iter().map(|n| n.as_str()).collect();
        assert_eq!(variants, ["Other2", "Other3", "AB", "AB2", "V3d"], "`Other` holds what the docs don't list");
    }

    #[test]
    fn operation_names() {
        let s = schema(&[
            ("resources/thing.md", resource("thing", None, &[("id", "String")])),
            // Two pages titled alike: the second is named after what it is bound to.
            ("api/a.md", get("/things/{thingId}", "thing", r#"{"id": "1"}"#)),
            ("api/b.md", get("/gadgets/{gadgetId}/thing", "thing", r#"{"id": "1"}"#)),
            ("api/c.md", create("/things", "thing", &[("id", "String")])),
        ]);
        let names = table(&s);
        let v = &names.versions[&ApiVersion::V1_0];
        let got: Vec<(&str, &str, &str, Vec<&str>)> = v
            .operations
            .iter()
            .map(|o| (o.primary.as_str(), o.path_enum.as_str(), o.file.as_str(), o.tests.examples.iter().map(|e| e[2].as_str()).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("CreateThing", "CreateThingPath", "create_thing", vec![]),
                ("GetThing", "GetThingPath", "get_thing", vec!["get_thing_example_1_client"]),
                ("GadgetGetThing", "GadgetGetThingPath", "gadget_get_thing", vec!["gadget_get_thing_example_1_client"]),
            ]
        );
        assert_eq!(v.test_modules.keys().collect::<Vec<_>>(), ["users"]);
    }
}
