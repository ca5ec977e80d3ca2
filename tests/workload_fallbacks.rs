//! One request that several workloads' pages document is called by its
//! bare verb in every build that has one of them: the home workload's
//! operation where its feature is on, another's where it is not. Built
//! and run as a user builds the crate, one feature set at a time.

use graphgen::Severity;
use graphgen_tests::{cargo_in, schema_of, written_crate};
use std::path::Path;

const RESOURCE: &str = "---\ntitle: \"thing resource type\"\nms.prod: \"users\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Its id. Read-only.|\n|name|String|Its name: é 日本語.|\n";

/// An operation page: `GET path`, answering a thing, in `prod`'s workload.
fn get_page(prod: &str, title: &str, path: &str, scope: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nms.prod: \"{prod}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n{title}.\n\n## Permissions\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|{scope}|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|{scope}|\n\n## HTTP request\n```http\nGET {path}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [thing](../resources/thing.md) object in the response body.\n"
    )
}

/// The chain a user writes, and the operation it names (printed).
const PROBE: &str = r#"use graph_client::{Client, Cloud, Navigate};

#[test]
fn the_bare_verb() {
    let call = Client::new(Cloud::Global, "t").v1_0().things().by_id("a").get();
    let request = call.request().unwrap();
    assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/things/a"));
    println!("operation: {}", std::any::type_name_of_val(&call));
}
"#;

/// Runs the probe with only these features; the operation it named.
fn probe(crate_dir: &Path, features: &str) -> String {
    let output = cargo_in(crate_dir, &["test", "--quiet", "--no-default-features", "--features", features, "--test", "probe", "--", "--nocapture"]);
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the probe with {features} fails:\n{text}");
    assert!(text.contains("1 passed"), "the probe with {features} did not run:\n{text}");
    let named = text.lines().find_map(|l| l.strip_prefix("operation: ")).unwrap_or_else(|| panic!("no operation printed:\n{text}"));
    named.trim_end_matches('>').rsplit("::").next().unwrap_or(named).to_owned()
}

#[test]
fn a_request_two_workloads_document_is_called_by_its_verb_with_either() {
    let pages = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = pages.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("resources/thing.md", RESOURCE);
    // First by name, but its workload documents less under `/things`.
    write("api/intune-devices-thing-get.md", &get_page("intune", "Get thing", "/things/{thingId}", "DeviceManagementManagedDevices.Read.All"));
    write("api/thing-get.md", &get_page("users", "Get thing", "/things/{id}", "User.Read.All"));
    write("api/thing-list-parts.md", &get_page("users", "List parts", "/things/{id}/parts", "User.Read.All"));
    let (results, schema) = schema_of(pages.path(), None);
    let errors: Vec<_> = results.iter().flat_map(|r| &r.diagnostics).filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "the pages read without errors: {errors:?}");
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    let (_out, crate_dir) = written_crate(&files);
    std::fs::write(crate_dir.join("tests/probe.rs"), PROBE).unwrap();

    let cases = [
        ("users", "GetThing"),
        // Without the home's workload: the other page's operation.
        ("intune-devices", "IntuneDevicesGetThing"),
        ("users,intune-devices", "GetThing"),
        ("all-workloads", "GetThing"),
    ];
    for (features, want) in cases {
        assert_eq!(probe(&crate_dir, features), want, "with {features}");
    }
}
