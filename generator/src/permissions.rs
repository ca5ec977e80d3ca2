//! `graphgen permissions`: the least-privileged scopes that allow every
//! operation of a corpus (or of the pages `--only` picks), per API version
//! and permission type, and the operations whose docs do not say.

// The runtime's own file, so that graphgen and the generated crate's
// `runtime::needed` answer alike.
#[allow(dead_code, unreachable_pub)]
#[path = "../runtime/src/permissions.rs"]
mod shared;

use crate::schema::{ApiVersion, Schema};
use shared::least_privileged;

/// The report, as `graphgen permissions` prints it.
pub fn permissions_report(schema: &Schema) -> String {
    let mut out = String::new();
    let mut versions: Vec<ApiVersion> = schema.operations.iter().map(|o| o.api_version).collect();
    versions.sort();
    versions.dedup();
    for version in versions {
        let ops: Vec<_> = schema.operations.iter().filter(|o| o.api_version == version).collect();
        out.push_str(&format!("{version}: {} operations\n", ops.len()));
        for (kind, list) in [
            ("Delegated (work or school account)", ops.iter().map(|o| &o.permissions.delegated_work).collect::<Vec<_>>()),
            ("Delegated (personal Microsoft account)", ops.iter().map(|o| &o.permissions.delegated_personal).collect()),
            ("Application", ops.iter().map(|o| &o.permissions.application).collect()),
        ] {
            let lists: Vec<Option<Vec<&str>>> = list.iter().map(|l| l.as_ref().map(|v| v.iter().map(String::as_str).collect())).collect();
            let needed = least_privileged(ops.iter().zip(&lists).map(|(o, l)| (o.name.as_str(), l.as_deref())));
            out.push_str(&format!("  {kind}: {}\n", if needed.scopes.is_empty() { "(none needed)".to_owned() } else { needed.scopes.join(" ") }));
            for (what, names) in [("unknown (the docs do not say)", &needed.unknown), ("not supported", &needed.unsupported)] {
                if !names.is_empty() {
                    out.push_str(&format!("    {what}: {} operations: {}\n", names.len(), names.join("; ")));
                }
            }
        }
    }
    out
}
