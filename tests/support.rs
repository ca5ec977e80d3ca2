//! Shared helpers of the behaviour tests.

use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn docs_input() -> PathBuf {
    root().join("docs-input")
}

/// The real v1.0 reference corpus, where this machine has it (CI does; a
/// fresh clone does not, and the tests that need it skip).
pub fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/graph-docs/v1.0");
    dir.is_dir().then_some(dir)
}

/// Reads the pages below `dir` and merges them.
pub fn schema_of(dir: &std::path::Path, only: Option<&str>) -> (Vec<graphgen::PageResult>, graphgen::schema::Schema) {
    let pattern = only.map(|p| glob_pattern(p));
    let pages = graphgen::read_pages(dir, pattern.as_ref(), None).expect("the input folder is readable");
    let schema = graphgen::schema::build::build(&pages);
    (pages, schema)
}

fn glob_pattern(p: &str) -> graphgen::Pattern {
    graphgen::Pattern::new(p).expect("a valid pattern")
}
