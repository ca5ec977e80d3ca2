//! The real v1.0 reference's Intune pages (../shared/graph-docs/v1.0,
//! `intune-*` in api/ and resources/): no page with an error, every request
//! line in the schema, and a generated crate that builds with no warnings
//! and passes its example tests. Skips where the corpus is absent.

use graphgen::Severity;
use graphgen_tests::{needed_corpus, request_lines, root, schema_of};
use std::process::Command;

#[test]
#[cfg_attr(not(corpus), ignore = "needs the real corpus, ../shared/graph-docs/v1.0, beside the clone")]
fn intune_pages_read_and_merge() {
    let dir = needed_corpus();
    let (pages, schema) = schema_of(&dir, Some("intune-*"));
    assert!(pages.len() > 1000, "{} pages", pages.len());
    let with_errors: Vec<_> = pages.iter().filter(|p| p.diagnostics.iter().any(|d| d.severity == Severity::Error)).map(|p| &p.file).collect();
    assert!(with_errors.is_empty(), "pages with errors: {with_errors:#?}");
    let paths: usize = schema.operations.iter().map(|o| o.paths.len()).sum();
    let counted: usize = request_lines(&dir, "intune-").values().map(Vec::len).sum();
    assert_eq!(paths, counted, "request lines in the schema vs in the pages");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs the real corpus, ../shared/graph-docs/v1.0, beside the clone")]
fn intune_crate_builds_without_warnings_and_its_examples_pass() {
    let dir = needed_corpus();
    let (_, schema) = schema_of(&dir, Some("intune-*"));
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    // Outside the workspace, so the crate is a package of its own.
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("intune-client");
    graphgen::Output::open(&crate_dir, None, false).unwrap().write(&files).unwrap();
    std::fs::copy(root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let status = Command::new(env!("CARGO"))
        .args(["test", "--quiet"])
        .current_dir(&crate_dir)
        // Its own target folder: the flags differ from the workspace's.
        .env("CARGO_TARGET_DIR", root().join("target/intune-client"))
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the Intune crate failed to build without warnings or its example tests failed");
}
