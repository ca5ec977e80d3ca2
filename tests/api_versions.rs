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

/// In a checkout, the folder publishes a page as its version: example URLs
/// copied from the other version's page do not move it (a v1.0 workbook
/// page whose one example calls /beta is v1.0), and say so. The page's own
/// /beta note, about all of it, does.
#[test]
fn the_folder_outweighs_example_urls_and_the_beta_note_outweighs_the_folder() {
    let get = std::fs::read_to_string(docs_input().join("markdown/api/devicecompliancedevicestatus-get.md")).unwrap();
    assert!(get.contains("graph.microsoft.com/v1.0/"));
    let beta_urls = get.replace("graph.microsoft.com/v1.0/", "graph.microsoft.com/beta/");
    let note = "> **Important:** Microsoft Graph APIs under the /beta version are subject to change; production use is not supported.";
    let noted = get.replacen("\nNamespace: microsoft.graph\n", &format!("\nNamespace: microsoft.graph\n\n{note}\n"), 1);
    assert_ne!(noted, get);
    let cases = [
        // (folder, page, version taken, from, warned)
        ("beta", &get, ApiVersion::Beta, VersionFrom::Folder, true),
        ("v1.0", &beta_urls, ApiVersion::V1_0, VersionFrom::Folder, true),
        ("v1.0", &get, ApiVersion::V1_0, VersionFrom::Folder, false),
        ("v1.0", &noted, ApiVersion::Beta, VersionFrom::Page, true),
        ("beta", &noted, ApiVersion::Beta, VersionFrom::Page, false),
        // No folder: the example URLs say.
        ("", &beta_urls, ApiVersion::Beta, VersionFrom::Page, false),
        ("", &get, ApiVersion::V1_0, VersionFrom::Page, false),
    ];
    for (folder, text, version, from, warned) in cases {
        let root = tempfile::tempdir().unwrap();
        write_pages(&root.path().join(folder), &[("api/get.md".to_owned(), text.clone())]);
        let (read, _) = schema_of(root.path(), None);
        let page = &read[0];
        let m = page.model.as_ref().unwrap();
        let mismatch: Vec<_> = page.diagnostics.iter().filter(|d| d.code == "api-version-folder-mismatch").collect();
        assert_eq!((m.api_version, m.api_version_from, !mismatch.is_empty()), (version, from, warned), "{folder}/: {mismatch:?}");
        assert!(mismatch.iter().all(|d| d.message.ends_with(&format!("taken as {}", version.as_str()))), "{mismatch:?}");
    }
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
/// in a `beta/` folder: not one of their types lands in v1.0, and the pages
/// whose example URLs name v1.0 say that they were taken as beta.
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
    assert!(in_v1.is_empty(), "{in_v1:?}");
    assert!(read.iter().all(|p| p.model.as_ref().is_none_or(|m| m.api_version == ApiVersion::Beta)));
    let warned = read.iter().filter(|p| p.diagnostics.iter().any(|d| d.code == "api-version-folder-mismatch")).count();
    let naming_v1 =
        read.iter().filter(|p| std::fs::read_to_string(root.path().join(&p.file)).unwrap_or_default().contains("graph.microsoft.com/v1.0/")).count();
    assert!(warned > 0 && warned <= naming_v1, "{warned} warned, {naming_v1} name v1.0");
    eprintln!("{} resource pages in beta/: {} types, all beta; {warned} pages' example URLs name v1.0", read.len(), schema.types.len());
}
