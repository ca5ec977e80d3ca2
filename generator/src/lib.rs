//! graphgen: Microsoft Graph API reference pages → a typed Rust client.
//!
//! The pipeline, one module each:
//! `load` (find and read pages) → `parse` (detect the shape, read it into
//! `blocks`) → `page` (what the page says) → `schema` (merge every page,
//! resolve types, diagnose) → `emit` (Rust code) → `write` (atomically, or
//! `--check`).
//!
//! The library's API is the pipeline's stages and what they hand on:
//! [`read_pages`] (or [`read_page_text`]) → [`PageResult`]s holding
//! [`page::PageModel`]s; [`build`] → a [`schema::Schema`]; [`emit_crate`] →
//! [`OutputFile`]s; [`Output::write`] (or [`changes`] for `--check`). The
//! data types live in `blocks`, `page` and `schema`; everything else is
//! the crate's own.

// What is not reachable from outside says so (`pub(crate)`), so the API
// above is the whole of it.
#![warn(unreachable_pub)]

pub mod blocks;
mod diagnostics;
mod emit;
mod include;
mod load;
pub mod page;
mod parse;
mod permissions;
mod report;
pub mod schema;
mod template;
mod write;

#[cfg(test)]
mod fixtures;

pub use diagnostics::{Diagnostic, Severity};
pub use emit::{
    check_crate_name, emit_crate, emit_crate_reusing, EmitOptions, OutputFile, Previous, RuntimeDep, MODELS_LAYER_BYTES, WORKSPACE_RUNTIME,
};
pub use glob::Pattern;
pub use load::{decode, page_paths};
pub use parse::{detect_shape, parse_blocks};
pub use permissions::permissions_report;
pub use report::{report, BodyCounts, Report};
pub use schema::build;
pub use write::{changes, Changes, Output, MANIFEST};

use diagnostics::Sink;
use page::{ApiVersion, PageModel, VersionFrom, VersionHint};
use rayon::prelude::*;
use std::path::Path;

/// One page read through to its model, with what it said about itself.
pub struct PageResult {
    pub file: String,
    pub model: Option<PageModel>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one page's text into its model. A page is a unit of failure: a
/// reader that panics on it (a bug in graphgen, which the tests treat as
/// one) costs that page alone, as an `internal-error` naming the file and
/// what went wrong, and every other page is read as usual.
///
/// The API version is `version` where given (`--api-version`), else what
/// the page states, else the folder `file` is in (`beta/api/x.md`), else
/// v1.0 (`read_pages` gives such pages the version most pages state).
///
/// Read as text alone, a page's `[!INCLUDE]` lines have no folder to be
/// read from: a permissions table it includes is said as unread
/// (`include-unreadable`). `read_pages` reads them.
pub fn read_page_text(file: &str, text: &str, version: Option<ApiVersion>) -> PageResult {
    read_page_with(file, text, VersionHint { flag: version, folder: ApiVersion::of_folder(file) }, &include::NoFolder)
}

/// Reads one page's file as `read_pages` reads each (bad UTF-8 replaced
/// and said; the fragments it includes read from beside it); diagnostics
/// name it as `file` is written.
pub fn read_page_file(file: &Path, version: Option<ApiVersion>) -> std::io::Result<PageResult> {
    let (text, invalid_utf8_line) = load::decode(std::fs::read(file)?);
    let page = load::SourcePage { path: file.to_string_lossy().replace('\\', "/"), text, invalid_utf8_line };
    let hint = VersionHint { flag: version, folder: ApiVersion::of_folder(&page.path) };
    Ok(read_loaded(&page, hint, &include::Folder { root: Path::new(""), page: file }))
}

/// Reads a loaded page, saying where its bytes were not UTF-8.
fn read_loaded(page: &load::SourcePage, hint: VersionHint, includes: &dyn include::Includes) -> PageResult {
    let mut result = read_page_with(&page.path, &page.text, hint, includes);
    if let Some(line) = page.invalid_utf8_line {
        result.diagnostics.push(Diagnostic::warning(&page.path, line, "encoding-invalid", load::INVALID_UTF8));
    }
    result
}

fn read_page_with(file: &str, text: &str, hint: VersionHint, includes: &dyn include::Includes) -> PageResult {
    // A panic leaves nothing half-written that is read again: the sink and
    // the model are dropped with the closure, and the includes only read.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut sink = Sink::new(file);
        let parsed = parse::parse(text, &mut sink);
        let model = page::extract::extract(file, &parsed, hint, includes, &mut sink);
        (model, sink.items)
    }));
    match read {
        Ok((model, diagnostics)) => PageResult { file: file.to_owned(), model: Some(model), diagnostics },
        Err(panic) => {
            let what = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("no message");
            let message = format!(
                "graphgen failed while reading this page ({what}); the page is left out. This is a bug in graphgen: please report it with the page"
            );
            PageResult { file: file.to_owned(), model: None, diagnostics: vec![Diagnostic::error(file, 1, "internal-error", message)] }
        }
    }
}

/// Loads and reads every page below `input` in parallel, in path order.
/// A page that states no API version and is in no `v1.0/` or `beta/`
/// folder (nor is `input`) takes the version most of the pages state.
pub fn read_pages(input: &Path, only: Option<&glob::Pattern>, version: Option<ApiVersion>) -> std::io::Result<Vec<PageResult>> {
    let paths = load::page_paths(input, only)?;
    // The input folder itself may be a version's (`.../api-reference/beta`).
    let root = input.canonicalize().unwrap_or_else(|_| input.to_path_buf());
    // (`of_folder` reads the folders of a file path: any file in it will do.)
    let root_folder = ApiVersion::of_folder(&root.join("page").to_string_lossy());
    let mut pages: Vec<PageResult> = paths
        .par_iter()
        .map(|path| match load::read_page(input, path) {
            Ok(page) => {
                let hint = VersionHint { flag: version, folder: ApiVersion::of_folder(&page.path).or(root_folder) };
                read_loaded(&page, hint, &include::Folder { root: input, page: path })
            }
            Err(e) => PageResult {
                file: path.display().to_string(),
                model: None,
                diagnostics: vec![Diagnostic::error(&path.display().to_string(), 1, "page-unreadable", format!("could not read the file: {e}"))],
            },
        })
        .collect();
    let stated = |v: ApiVersion| {
        pages.iter().filter_map(|p| p.model.as_ref()).filter(|m| m.api_version_from == VersionFrom::Page && m.api_version == v).count()
    };
    let most = if stated(ApiVersion::Beta) > stated(ApiVersion::V1_0) { ApiVersion::Beta } else { ApiVersion::V1_0 };
    for model in pages.iter_mut().filter_map(|p| p.model.as_mut()).filter(|m| m.api_version_from == VersionFrom::Corpus) {
        model.api_version = most;
    }
    Ok(pages)
}
