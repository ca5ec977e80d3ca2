//! `graphgen permissions`: the least-privileged scopes that allow every
//! operation of a corpus (or of the pages `--only` picks), per API version
//! and permission type, and the operations whose docs do not say.

// The runtime's own file, so that graphgen and the generated crate's
// `runtime::needed` answer alike.
#[allow(dead_code, unreachable_pub)]
#[path = "../runtime/src/permissions.rs"]
pub(crate) mod shared;

use crate::schema::{ApiVersion, Schema};
use shared::least_privileged;

/// The report, as `graphgen permissions` prints it.
pub fn permissions_report(schema: &Schema) -> String {
    let mut out = String::new();
    let mut versions: Vec<ApiVersion> = schema.operations.iter().map(|o| o.api_version).collect();
    versions.sort();
    versions.dedup();
    for version in versions {
        let all: Vec<_> = schema.operations.iter().filter(|o| o.api_version == version).collect();
        out.push_str(&format!("{version}: {} operations\n", all.len()));
        // Permissions given per resource only are needed per resource
        // called: listed apart, as `runtime::needed` does.
        let (by_resource, ops): (Vec<_>, Vec<_>) = all.into_iter().partition(|o| o.permissions.only_by_resource());
        for (kind, list) in [
            ("Delegated (work or school account)", ops.iter().map(|o| &o.permissions.delegated_work).collect::<Vec<_>>()),
            ("Delegated (personal Microsoft account)", ops.iter().map(|o| &o.permissions.delegated_personal).collect()),
            ("Application", ops.iter().map(|o| &o.permissions.application).collect()),
        ] {
            let lists: Vec<Option<Vec<&str>>> = list.iter().map(|l| l.as_ref().map(|v| v.iter().map(String::as_str).collect())).collect();
            let needed = least_privileged(ops.iter().zip(&lists).map(|(o, l)| (o.name.as_str(), l.as_deref())));
            out.push_str(&format!(
                "  {kind}: {}\n",
                if needed.scopes.is_empty() {
                    "(no scope: no operation here is documented as callable with it)".to_owned()
                } else {
                    needed.scopes.join(" ")
                }
            ));
            let per_resource: Vec<&str> = by_resource.iter().map(|o| o.name.as_str()).collect();
            for (what, names) in [
                ("unknown (the docs do not say)", &needed.unknown),
                ("not supported", &needed.unsupported),
                ("per resource or case (the docs give permissions for each; see PERMISSIONS.by_resource)", &per_resource),
            ] {
                if !names.is_empty() {
                    out.push_str(&format!("    {what}: {} operations: {}\n", names.len(), names.join("; ")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{get, resource, schema};

    #[test]
    fn operations_whose_permissions_go_by_resource_are_listed_apart() {
        let per_resource = get("/subscriptions/{id}", "thing", r#"{"id": "1"}"#).replace(
            "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|User.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|User.Read.All|\n",
            "|Supported resource|Delegated (work or school account)|Delegated (personal Microsoft account)|Application|\n|:---|:---|:---|:---|\n|événement|Calendars.Read|Calendars.Read|Calendars.Read|\n",
        );
        assert!(per_resource.contains("|événement|"), "the fixture's permissions table is replaced");
        let s = schema(&[
            ("resources/thing.md", resource("thing", None, &[("id", "String")])),
            ("api/thing-get.md", get("/things/{id}", "thing", r#"{"id": "1"}"#)),
            ("api/subscription-get.md", per_resource.replace("Get thing", "Get subscription")),
        ]);
        let report = super::permissions_report(&s);
        for want in [
            "v1.0: 2 operations",
            "  Delegated (work or school account): User.Read\n    per resource or case (the docs give permissions for each; see PERMISSIONS.by_resource): 1 operations: Get subscription",
            "  Application: User.Read.All\n    per resource or case",
        ] {
            assert!(report.contains(want), "expected {want:?} in\n{report}");
        }
        assert!(!report.contains("unknown"), "per resource is not unknown:\n{report}");
    }
}
