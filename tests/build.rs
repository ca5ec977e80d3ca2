//! Whether the real corpus (../shared/graph-docs/v1.0) is beside the clone:
//! the tests that need it are compiled as ignored, with the reason, where
//! it is not (`cfg(corpus)`), so a fresh clone reports them as skipped
//! rather than passed.

fn main() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/v1.0");
    println!("cargo:rustc-check-cfg=cfg(corpus)");
    // The folder's appearance or removal re-runs this script.
    println!("cargo:rerun-if-changed={}", corpus.parent().and_then(|p| p.parent()).unwrap_or(&corpus).display());
    if corpus.is_dir() {
        println!("cargo:rustc-cfg=corpus");
    }
}
