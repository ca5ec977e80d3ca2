//! A crate generated outside this repository builds on its own: with the
//! default `--runtime vendored` for any `--output`, the runtime's source is
//! written into it as a crate of its own, and nothing points back here.

use graphgen_tests::{docs_input, root, schema_of};
use std::process::Command;

#[test]
fn a_crate_generated_elsewhere_builds_with_its_vendored_runtime() {
    let (_, schema) = schema_of(&docs_input(), None);
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    let cargo_toml = &files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    assert!(cargo_toml.contains(r#"graphgen-runtime = { path = "graphgen-runtime""#), "{cargo_toml}");
    assert!(!files.iter().any(|f| f.contents.contains("../generator")), "nothing refers to this repository");
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("graph-client");
    graphgen::Output::open(&crate_dir, None, false).unwrap().write(&files).unwrap();
    std::fs::copy(root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--tests", "--quiet"])
        .current_dir(&crate_dir)
        // Its own target folder (kept between runs), apart from the workspace's.
        .env("CARGO_TARGET_DIR", root().join("target/vendored-client"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "the crate with a vendored runtime does not build:\n{}", String::from_utf8_lossy(&output.stderr));
}
