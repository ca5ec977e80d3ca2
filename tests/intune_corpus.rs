//! The real v1.0 reference's Intune pages (../shared/graph-docs/v1.0,
//! `intune-*` in api/ and resources/): no page with an error, every request
//! line in the schema, and a generated crate that builds with no warnings
//! and passes its example tests. Skips where the corpus is absent.

use graphgen::diagnostics::Severity;
use graphgen_tests::{corpus, root, schema_of};
use std::process::Command;

/// Request lines of the HTTP request sections, counted straight from the
/// Markdown, independently of graphgen's parser.
fn request_lines_in(dir: &std::path::Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir.join("api")).unwrap() {
        let path = entry.unwrap().path();
        if !path.file_name().unwrap().to_string_lossy().starts_with("intune-") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut in_section = false;
        for line in text.lines() {
            if line.starts_with("## ") {
                in_section = line.trim().eq_ignore_ascii_case("## HTTP Request");
            } else if in_section && ["GET ", "POST ", "PATCH ", "PUT ", "DELETE "].iter().any(|m| line.starts_with(m)) {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn intune_pages_read_and_merge() {
    let Some(dir) = corpus() else {
        eprintln!("skipped: ../shared/graph-docs/v1.0 is not on this machine");
        return;
    };
    let (pages, schema) = schema_of(&dir, Some("intune-*"));
    assert!(pages.len() > 1000, "{} pages", pages.len());
    let with_errors: Vec<_> = pages.iter().filter(|p| p.diagnostics.iter().any(|d| d.severity == Severity::Error)).map(|p| &p.file).collect();
    assert!(with_errors.is_empty(), "pages with errors: {with_errors:#?}");
    let paths: usize = schema.operations.iter().map(|o| o.paths.len()).sum();
    assert_eq!(paths, request_lines_in(&dir), "request lines in the schema vs in the pages");
}

#[test]
fn intune_crate_builds_without_warnings_and_its_examples_pass() {
    let Some(dir) = corpus() else {
        eprintln!("skipped: ../shared/graph-docs/v1.0 is not on this machine");
        return;
    };
    let (_, schema) = schema_of(&dir, Some("intune-*"));
    let (files, _) = graphgen::emit::emit_crate(&schema, &Default::default());
    // Outside the workspace, so the crate is a package of its own.
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("intune-client");
    graphgen::write::write(&crate_dir, &files).unwrap();
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
