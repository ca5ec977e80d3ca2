//! A page's API version: what it states, else its folder's (`v1.0/`,
//! `beta/`, as in a docs checkout's `api-reference/`), else what most pages
//! state. Pointing graphgen at a checkout's `api-reference/` gives both
//! versions in one crate.

use graphgen::page::{ApiVersion, VersionFrom};
use graphgen_tests::{docs_input, needed_corpus, schema_of};
use std::path::Path;

/// docs-input's Markdown pages with nothing in them naming a version: the
/// example URLs lose their `/v1.0`.
fn unversioned_pages() -> Vec<(String, String)> {
    let root = docs_input().join("markdown");
    let mut pages = Vec::new();
    for sub in ["api", "resources"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            let text = std::fs::read_to_string(&p).unwrap().replace("graph.microsoft.com/v1.0/", "graph.microsoft.com/");
            pages.push((format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()), text));
        }
    }
    pages.sort();
    pages
}

fn write_pages(dir: &Path, pages: &[(String, String)]) {
    for (rel, text) in pages {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn a_checkout_gives_each_page_its_folders_version() {
    let root = tempfile::tempdir().unwrap();
    let reference = root.path().join("api-reference");
    let pages = unversioned_pages();
    write_pages(&reference.join("v1.0"), &pages);
    write_pages(&reference.join("beta"), &pages);
    let (read, schema) = schema_of(&reference, None);
    for p in &read {
        let m = p.model.as_ref().unwrap();
        let want = if p.file.starts_with("beta/") { ApiVersion::Beta } else { ApiVersion::V1_0 };
        assert_eq!((m.api_version, m.api_version_from), (want, VersionFrom::Folder), "{}", p.file);
    }
    for t in &schema.types {
        let from_beta = t.sources.iter().all(|s| s.file.starts_with("beta/"));
        assert_eq!(t.api_version == ApiVersion::Beta, from_beta, "{} ({}) from {:?}", t.name, t.api_version, t.sources);
    }
    let count = |v: ApiVersion| schema.types.iter().filter(|t| t.api_version == v).count();
    assert_eq!(count(ApiVersion::Beta), count(ApiVersion::V1_0));
    assert!(count(ApiVersion::Beta) >= 5);
    // The crate has both modules.
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    assert!(files.iter().any(|f| f.path == "src/beta/mod.rs") && files.iter().any(|f| f.path == "src/v1_0/mod.rs"));

    // Pointed at the beta folder itself, the same.
    let (read, _) = schema_of(&reference.join("beta"), None);
    assert!(read.iter().all(|p| p.model.as_ref().unwrap().api_version == ApiVersion::Beta));
}

#[test]
fn a_page_that_states_its_version_keeps_it_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    let get = std::fs::read_to_string(docs_input().join("markdown/api/devicecompliancedevicestatus-get.md")).unwrap();
    assert!(get.contains("graph.microsoft.com/v1.0/"));
    write_pages(&root.path().join("beta"), &[("api/get.md".to_owned(), get)]);
    let (read, _) = schema_of(root.path(), None);
    let page = &read[0];
    assert_eq!(page.model.as_ref().unwrap().api_version, ApiVersion::V1_0);
    assert!(page.diagnostics.iter().any(|d| d.code == "api-version-folder-mismatch"), "{:?}", page.diagnostics);
}

#[test]
fn pages_that_say_nothing_take_the_version_most_pages_state() {
    let root = tempfile::tempdir().unwrap();
    let mut pages = unversioned_pages();
    // Two operation pages state beta; the rest say nothing and no folder does.
    let mut stated = 0;
    for (_, text) in pages.iter_mut().filter(|(p, _)| p.starts_with("api/")).take(2) {
        *text = text.replace("graph.microsoft.com/", "graph.microsoft.com/beta/");
        stated += 1;
    }
    assert_eq!(stated, 2);
    write_pages(root.path(), &pages);
    let (read, schema) = schema_of(root.path(), None);
    let froms: Vec<_> = read.iter().map(|p| p.model.as_ref().unwrap().api_version_from).collect();
    assert_eq!(froms.iter().filter(|f| **f == VersionFrom::Page).count(), 2);
    assert!(read.iter().all(|p| p.model.as_ref().unwrap().api_version == ApiVersion::Beta));
    assert!(schema.types.iter().all(|t| t.api_version == ApiVersion::Beta));
}

/// The real corpus's resource pages, most of which state no version, put
/// in a `beta/` folder: not one of their types lands in v1.0.
#[test]
#[cfg_attr(not(corpus), ignore = "needs the real corpus, ../shared/graph-docs/v1.0, beside the clone")]
fn corpus_resources_in_a_beta_folder_are_beta() {
    let dir = needed_corpus();
    let root = tempfile::tempdir().unwrap();
    let beta = root.path().join("beta/resources");
    std::fs::create_dir_all(&beta).unwrap();
    for e in std::fs::read_dir(dir.join("resources")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, beta.join(p.file_name().unwrap())).unwrap();
    }
    let (read, schema) = schema_of(root.path(), None);
    assert!(read.len() > 1000);
    let in_v1: Vec<_> = schema.types.iter().filter(|t| t.api_version == ApiVersion::V1_0).map(|t| (&t.name, &t.sources)).collect();
    // Only pages that state v1.0 themselves (their example URLs) are v1.0,
    // each with a warning, and only their types are.
    let stated_v1: Vec<&str> =
        read.iter().filter(|p| p.model.as_ref().is_some_and(|m| m.api_version == ApiVersion::V1_0)).map(|p| p.file.as_str()).collect();
    let warned: Vec<&str> =
        read.iter().filter(|p| p.diagnostics.iter().any(|d| d.code == "api-version-folder-mismatch")).map(|p| p.file.as_str()).collect();
    assert_eq!(stated_v1, warned);
    for (name, sources) in &in_v1 {
        assert!(sources.iter().all(|s| stated_v1.iter().any(|f| s.file == *f)), "{name} in v1.0 from {sources:?}");
    }
    eprintln!(
        "{} resource pages in beta/: {} types in beta, {} in v1.0 (from {} pages whose examples state v1.0)",
        read.len(),
        schema.types.len() - in_v1.len(),
        in_v1.len(),
        stated_v1.len()
    );
}
