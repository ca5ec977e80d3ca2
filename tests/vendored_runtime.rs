//! A crate generated outside this repository builds on its own: with the
//! default `--runtime vendored` for any `--output`, the runtime's source is
//! written into it as a crate of its own, and nothing points back here.

use graphgen_tests::{cargo_in, docs_input, schema_of, written_crate};

#[test]
fn a_crate_generated_elsewhere_builds_with_its_vendored_runtime() {
    let (_, schema) = schema_of(&docs_input(), None);
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    let cargo_toml = &files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    assert!(cargo_toml.contains(r#"graphgen-runtime = { path = "graphgen-runtime""#), "{cargo_toml}");
    assert!(!files.iter().any(|f| f.contents.contains("../generator")), "nothing refers to this repository");
    let (_out, crate_dir) = written_crate(&files);
    let output = cargo_in(&crate_dir, &["check", "--tests", "--quiet"]);
    assert!(output.status.success(), "the crate with a vendored runtime does not build:\n{}", String::from_utf8_lossy(&output.stderr));
}
