//! The names table: every Rust name of the generated crate, claimed before
//! anything is emitted, one scope per namespace (the crate root, a
//! version's models, its operations, each struct's fields, each enum's
//! variants, each test module), in schema order, so the same schema always
//! gives the same names and a name taken once is never taken again.

use super::operations::{self, OperationNames};
use super::{module_name, pascal_case, snake_case, Name, Scope};
use crate::schema::{ApiVersion, PropertyDef, Schema, TypeDef, TypeId, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// The crate's names: its own (as its tests see it) and each version's.
pub(crate) struct CrateNames<'a> {
    /// The crate as `use` names it (`graph_client`).
    pub krate: Name,
    pub versions: BTreeMap<ApiVersion, Names<'a>>,
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
        let versions = versions.into_iter().map(|v| (v, Names::new(schema, v, root.claim(&[v.module().to_owned()])))).collect();
        CrateNames { krate: Scope::default().claim(&[crate_name.replace('-', "_")]), versions }
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
        let (operations, test_modules) = operations::name(schema, version);
        Names { version, module, types, operations, test_modules }
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
/// holds them all), each wire name once.
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
            if !p.name.starts_with('@') && seen.insert(p.name.as_str()) {
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
        out.push((*id, AnyNames { ident: models.claim(&[format!("Any{}", n.ident)]), derived }));
    }
    out
}
