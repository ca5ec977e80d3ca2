//! Cargo features per workload (the docs' areas): which workloads need each
//! type, so that a user enabling one compiles only its operations and the
//! types they reach.

use super::naming::CrateNames;
use crate::schema::{ApiVersion, PropertyDef, Schema, TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct Workloads {
    /// Every workload, sorted: the crate's features.
    pub all: BTreeSet<String>,
    /// Per type, the workloads that need it.
    needed_by: BTreeMap<TypeId, BTreeSet<String>>,
}

/// A workload as a feature name: lowercase ASCII words joined by one `-`,
/// whatever a page's front matter holds (`/etc/passwd` → `etc-passwd`), so
/// cargo always accepts it.
pub(super) fn feature(workload: &str) -> String {
    let lower = workload.to_ascii_lowercase();
    let f = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-");
    // Names the crate's own features use, and the test harness's module.
    match f.as_str() {
        "" => crate::schema::DEFAULT_WORKLOAD.to_owned(),
        "default" | "native-tls" | "rustls" | "all-workloads" | "main" => format!("workload-{f}"),
        _ => f,
    }
}

impl Workloads {
    /// Each workload needs the types its operations take and return and
    /// the types its pages define, and every type those reach (structural
    /// fields, bases, and the derived types of an `AnyX`). Not through a
    /// relationship (a navigation property, which Graph returns only on
    /// `$expand`): `user.messages` would pull half the API into `users`.
    /// A relationship's field is compiled where its type is (`field_cfg`);
    /// without it, the property is kept in `additional_properties`.
    pub(super) fn new(schema: &Schema, names: &CrateNames) -> Self {
        let mut all = BTreeSet::new();
        let mut roots: BTreeMap<(ApiVersion, String), Vec<TypeId>> = BTreeMap::new();
        for op in &schema.operations {
            let w = feature(&op.workload);
            all.insert(w.clone());
            let body = op.request_body.iter().flat_map(|b| std::iter::once(b.resolved).chain(b.parameters.iter().map(|p| p.resolved)));
            let types = std::iter::once(op.response.resolved).chain(body).chain(op.url_parameters.iter().map(|p| p.resolved));
            roots.entry((op.api_version, w)).or_default().extend(types.flatten());
        }
        for (id, t) in schema.types_with_ids() {
            if let Some(w) = &t.workload {
                let w = feature(w);
                all.insert(w.clone());
                roots.entry((t.api_version, w)).or_default().push(id);
            }
        }
        let mut needed_by: BTreeMap<TypeId, BTreeSet<String>> = BTreeMap::new();
        for ((version, workload), start) in roots {
            let Some(names) = names.versions.get(&version) else { continue };
            let mut seen = BTreeSet::new();
            let mut queue = start;
            while let Some(id) = queue.pop() {
                if !seen.insert(id) {
                    continue;
                }
                let def = schema.get(id);
                if def.kind != TypeKind::Enum {
                    queue.extend(def.properties.iter().filter(|p| !p.navigation).filter_map(|p| p.resolved));
                    queue.extend(def.base);
                    if let Some(any) = names.get(id).and_then(|n| n.any.as_ref()) {
                        queue.extend(&any.derived);
                    }
                }
                needed_by.entry(id).or_default().insert(workload.clone());
            }
        }
        Workloads { all, needed_by }
    }

    /// `#[cfg(any(feature = ...))]` for a type: the workloads that reach it.
    pub(super) fn type_cfg(&self, id: TypeId) -> TokenStream {
        match self.needed_by.get(&id) {
            Some(features) => features_cfg(features),
            None => features_cfg(&BTreeSet::new()),
        }
    }

    /// The cfg of a struct's field: for a relationship, its type's (the
    /// struct may be compiled without it); none for any other field.
    pub(super) fn field_cfg(&self, property: &PropertyDef) -> Option<TokenStream> {
        property.resolved.filter(|_| property.navigation).map(|id| self.type_cfg(id))
    }

    /// The cfg of an operation of `workload` (a workload or its feature name).
    pub(super) fn operation_cfg(&self, workload: &str) -> TokenStream {
        features_cfg(&BTreeSet::from([feature(workload)]))
    }
}

/// `#[cfg(any(feature = ...))]` for what these workloads need; what no
/// workload reaches is still compiled with `all-workloads`.
pub(crate) fn features_cfg(features: &BTreeSet<String>) -> TokenStream {
    let features = features.iter().map(String::as_str).chain(std::iter::once("all-workloads"));
    quote!(#[cfg(any(#(feature = #features),*))])
}

#[cfg(test)]
mod tests {
    use super::Workloads;
    use crate::emit::naming::CrateNames;
    use crate::fixtures::{get, resource, schema};
    use crate::schema::{ApiVersion, Schema};

    /// The features a type is compiled under (besides `all-workloads`).
    fn features_of(s: &Schema, workloads: &Workloads, name: &str) -> Vec<String> {
        let (id, _) = s.types_with_ids().find(|(_, t)| t.api_version == ApiVersion::V1_0 && t.qualified() == name).expect("a type");
        let cfg = workloads.type_cfg(id).to_string();
        let mut features: Vec<String> = cfg.split('"').skip(1).step_by(2).filter(|f| *f != "all-workloads").map(str::to_owned).collect();
        features.sort();
        features
    }

    #[test]
    fn a_workload_compiles_the_types_it_reaches() {
        let in_area = |page: String, area: &str| page.replace("ms.prod: \"users\"", &format!("ms.prod: \"{area}\""));
        let s = schema(&[
            // users: GET /things/{id} returns a thing, whose field is a part,
            // whose base is a piece; a part's derived types come along.
            ("api/thing-get.md", get("/things/{id}", "thing", r#"{"id": "1"}"#)),
            ("resources/thing.md", in_area(resource("thing", None, &[("id", "String"), ("part", "part")]), "devices")),
            ("resources/piece.md", in_area(resource("piece", None, &[("weight", "Int32")]), "devices")),
            ("resources/part.md", in_area(resource("part", Some("piece"), &[("size", "Int32")]), "devices")),
            ("resources/bigpart.md", in_area(resource("bigPart", Some("part"), &[("extra", "String")]), "devices")),
            // Defined in an area, reached by nothing.
            ("resources/lonely.md", in_area(resource("lonely", None, &[("x", "String")]), "sites")),
        ]);
        let names = CrateNames::new(&s, "graph-client");
        let workloads = Workloads::new(&s, &names);
        assert_eq!(workloads.all.iter().collect::<Vec<_>>(), ["devices", "sites", "users"]);
        for (ty, want) in [
            ("microsoft.graph.thing", &["devices", "users"][..]),
            ("microsoft.graph.part", &["devices", "users"]),
            ("microsoft.graph.piece", &["devices", "users"]),
            ("microsoft.graph.bigPart", &["devices", "users"]),
            ("microsoft.graph.lonely", &["sites"]),
        ] {
            assert_eq!(features_of(&s, &workloads, ty), want, "{ty}");
        }
    }

    #[test]
    fn a_relationship_is_compiled_where_its_type_is() {
        let in_area = |page: String, area: &str| page.replace("ms.prod: \"users\"", &format!("ms.prod: \"{area}\""));
        // users: GET /things/{id} returns a thing, whose `owner` is a
        // relationship to an owner, a type of another area.
        let thing = resource("thing", None, &[("id", "String")])
            + "\n## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n|owner|owner|The thing's owner. é|\n";
        let pages = [
            ("api/thing-get.md", get("/things/{id}", "thing", r#"{"id": "1"}"#)),
            ("resources/thing.md", in_area(thing, "devices")),
            ("resources/owner.md", in_area(resource("owner", None, &[("name", "String")]), "sites")),
        ];
        let s = schema(&pages);
        let owner = s.types.iter().find(|t| t.qualified() == "microsoft.graph.thing").unwrap().properties.iter().find(|p| p.name == "owner");
        assert!(owner.is_some_and(|p| p.navigation), "the fixture's `owner` is a relationship");
        let workloads = Workloads::new(&s, &CrateNames::new(&s, "graph-client"));
        assert_eq!(features_of(&s, &workloads, "microsoft.graph.thing"), ["devices", "users"]);
        assert_eq!(features_of(&s, &workloads, "microsoft.graph.owner"), ["sites"], "not pulled in by the relationship");

        // Its field, constant, write and read are compiled with `sites`.
        let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let files = crate::fixtures::emitted(&pages);
        let text = crate::fixtures::file(&files, "models/v1_0/src/thing.rs");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let cfg = r#"#[cfg(any(feature = "sites", feature = "all-workloads"))]"#;
        for want in [
            "pub owner: Field<Box<super::Owner>>,",
            "pub const OWNER: crate::runtime::Prop<Self>",
            r#"object.field("owner", &self.owner);"#,
            r#""owner" => field(&mut this.owner, &mut map, "owner"),"#,
        ] {
            assert!(flat.contains(&format!("{cfg} {want}")), "{want:?} under {cfg} in\n{text}");
        }
        assert_eq!(flat.matches(cfg).count(), 4, "a structural field has no cfg:\n{text}");
    }

    #[test]
    fn workloads_are_valid_feature_names() {
        let cases = [
            ("intune-deviceconfig", "intune-deviceconfig"),
            ("Microsoft-Identity-Platform", "microsoft-identity-platform"),
            ("/etc/passwd", "etc-passwd"),
            ("a  b__c", "a-b-c"),
            ("日本語", "other"),
            ("", "other"),
            ("-", "other"),
            ("default", "workload-default"),
            ("all-workloads", "workload-all-workloads"),
            ("main", "workload-main"),
            ("Main", "workload-main"),
        ];
        for (workload, want) in cases {
            assert_eq!(super::feature(workload), want, "{workload:?}");
        }
    }
}
