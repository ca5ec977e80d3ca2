//! The five seed pages: their page models (snapshots), and the facts the
//! project was specified by.

use graphgen::schema::ApiVersion;
use graphgen::schema::TypeKind;
use graphgen_tests::{docs_input, schema_of};

fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(docs_input())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("00"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn seed_page_models() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    for (name, text) in seeds {
        let result = graphgen::read_page_text(&name, &text, None);
        assert!(result.diagnostics.is_empty(), "{name}: {:#?}", result.diagnostics);
        insta::assert_json_snapshot!(format!("page_model_{}", &name[..3]), result.model);
    }
}

#[test]
fn seeds_give_no_errors_and_the_specified_schema() {
    let (_, schema) = schema_of(&docs_input(), Some("00*"));
    let errors: Vec<_> = schema.diagnostics.iter().filter(|d| d.severity == graphgen::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // 000 and 003: deviceComplianceDeviceStatus in beta with `platform`, in v1.0 without.
    let platform = |version| {
        let t = schema.find_type(version, "microsoft.graph.deviceComplianceDeviceStatus").unwrap_or_else(|| panic!("{version} type"));
        t.properties.iter().find(|p| p.name == "platform").map(|p| p.type_name.clone())
    };
    assert_eq!(platform(ApiVersion::Beta).as_deref(), Some("Edm.Int32"));
    assert_eq!(platform(ApiVersion::V1_0), None);

    // 002: one PATCH operation with ten paths.
    let ops: Vec<_> = schema.operations.iter().filter(|o| o.source.file.starts_with("002_")).collect();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].method, graphgen::schema::Method::Patch);
    assert_eq!(ops[0].paths.len(), 10);

    // 004: the runState enum with its six members.
    let run_state = schema.find_type(ApiVersion::Beta, "microsoft.graph.runState").expect("runState");
    assert_eq!(run_state.kind, TypeKind::Enum);
    let members: Vec<_> = run_state.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["unknown", "success", "fail", "scriptError", "pending", "notApplicable"]);

    // 001: no title line; inferred.
    let create = schema.operations.iter().find(|o| o.source.file.starts_with("001_")).expect("001");
    assert_eq!((create.name.as_str(), create.method.as_str(), create.response.status), ("Create deviceConfigurationDeviceStatus", "POST", 201));
    assert_eq!(create.api_version, ApiVersion::V1_0);
}

#[test]
fn generated_code_snapshots() {
    let (_, schema) = schema_of(&docs_input(), None);
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    for path in [
        "models/beta/src/device_compliance_device_status.rs",
        "models/beta/src/run_state.rs",
        "src/beta/operations/update_device_configuration_user_status.rs",
        "src/v1_0/operations/create_device_configuration_device_status.rs",
    ] {
        // An operation is in one of the operations' crates (`operations/1/src/..`).
        let emitted = |f: &&graphgen::OutputFile| f.path == path || (f.path.starts_with("operations/") && f.path.ends_with(&format!("/{path}")));
        let file = files.iter().find(emitted).unwrap_or_else(|| panic!("{path} is emitted"));
        insta::assert_snapshot!(path.replace('/', "__"), file.contents);
    }
}
