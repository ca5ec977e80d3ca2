//! generated/ is what graphgen makes from docs-input/: fails when either
//! changed without regenerating (rust-analyzer's codegen check).

use graphgen_tests::{docs_input, root, schema_of};

#[test]
fn generated_crate_is_fresh() {
    let (_, schema) = schema_of(&docs_input(), None);
    let (files, _) = graphgen::emit_crate(&schema, &graphgen::EmitOptions::workspace());
    let changes = graphgen::changes(&root().join("generated"), &files).unwrap();
    assert!(
        changes.is_empty(),
        "generated/ is stale; run `cargo run --release -p graphgen -- generate` and commit the result:\n{}",
        changes.describe()
    );
}

#[test]
fn output_is_deterministic() {
    let emit = || {
        let (_, schema) = schema_of(&docs_input(), None);
        graphgen::emit_crate(&schema, &graphgen::EmitOptions::workspace()).0
    };
    assert_eq!(emit(), emit());
}
