//! Cargo features per workload (the docs' areas): which workloads need each
//! type, so that a user enabling one compiles only its operations and the
//! types they reach.

use super::TypeNames;
use crate::schema::{ApiVersion, Schema, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

pub struct Workloads {
    /// Every workload, sorted: the crate's features.
    pub all: BTreeSet<String>,
    /// (API version, lowercased qualified type name) → the workloads that need it.
    needed_by: BTreeMap<(ApiVersion, String), BTreeSet<String>>,
}

/// A workload as a feature name: lowercase ASCII words joined by one `-`,
/// whatever a page's front matter holds (`/etc/passwd` → `etc-passwd`), so
/// cargo always accepts it.
pub fn feature(workload: &str) -> String {
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
    pub fn new(schema: &Schema, names_by_version: &BTreeMap<ApiVersion, TypeNames>) -> Self {
        let mut all = BTreeSet::new();
        let mut roots: BTreeMap<(ApiVersion, String), Vec<String>> = BTreeMap::new();
        for op in &schema.operations {
            let w = feature(&op.workload);
            all.insert(w.clone());
            let types = op.response.type_name.iter().chain(op.request_body.iter().filter_map(|b| b.type_name.as_ref()));
            let params =
                op.request_body.iter().flat_map(|b| b.parameters.iter().map(|p| &p.type_name)).chain(op.url_parameters.iter().map(|p| &p.type_name));
            for t in types.chain(params) {
                roots.entry((op.api_version, w.clone())).or_default().push(t.to_ascii_lowercase());
            }
        }
        for t in &schema.types {
            if let Some(w) = &t.workload {
                let w = feature(w);
                all.insert(w.clone());
                roots.entry((t.api_version, w)).or_default().push(t.qualified().to_ascii_lowercase());
            }
        }
        let mut needed_by: BTreeMap<(ApiVersion, String), BTreeSet<String>> = BTreeMap::new();
        for ((version, workload), start) in roots {
            let Some(names) = names_by_version.get(&version) else { continue };
            let mut seen = BTreeSet::new();
            let mut queue = start;
            while let Some(t) = queue.pop() {
                if t.starts_with("edm.") || !seen.insert(t.clone()) {
                    continue;
                }
                let Some(def) = schema.find_type(version, &t) else { continue };
                if def.kind != TypeKind::Enum {
                    queue.extend(def.properties.iter().map(|p| p.type_name.to_ascii_lowercase()));
                    queue.extend(def.base_type.iter().map(|b| b.to_ascii_lowercase()));
                    if let Some((_, derived)) = names.any(&t) {
                        queue.extend(derived.iter().cloned());
                    }
                }
                needed_by.entry((version, def.qualified().to_ascii_lowercase())).or_default().insert(workload.clone());
            }
        }
        Workloads { all, needed_by }
    }

    /// `#[cfg(any(feature = ...))]` for a type: the workloads that reach it.
    pub fn type_cfg(&self, version: ApiVersion, qualified: &str) -> TokenStream {
        match self.needed_by.get(&(version, qualified.to_ascii_lowercase())) {
            Some(features) => cfg(features),
            None => cfg(&BTreeSet::new()),
        }
    }

    /// The cfg of an operation of `workload` (a workload or its feature name).
    pub fn operation_cfg(&self, workload: &str) -> TokenStream {
        cfg(&BTreeSet::from([feature(workload)]))
    }
}

/// A type no workload reaches is still compiled with `all-workloads`.
fn cfg(features: &BTreeSet<String>) -> TokenStream {
    let features = features.iter().map(String::as_str).chain(std::iter::once("all-workloads"));
    quote!(#[cfg(any(#(feature = #features),*))])
}

#[cfg(test)]
mod tests {
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
