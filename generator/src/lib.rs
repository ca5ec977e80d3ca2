//! graphgen: Microsoft Graph API reference pages → a typed Rust client.
//!
//! The pipeline, one module each:
//! `load` (find and read pages) → `parse` (detect the shape, read it into
//! `blocks`) → `page` (what the page says) → `schema` (merge every page,
//! resolve types, diagnose) → `emit` (Rust code) → `write` (atomically, or
//! `--check`).

pub mod blocks;
pub mod diagnostics;
pub mod emit;
pub mod load;
pub mod page;
pub mod parse;
pub mod schema;
pub mod report;
pub mod template;
pub mod write;

pub use glob::Pattern;
use diagnostics::{Diagnostic, Sink};
use page::{ApiVersion, PageModel};
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
pub fn read_page_text(file: &str, text: &str, version: Option<ApiVersion>) -> PageResult {
    let read = std::panic::catch_unwind(|| {
        let mut sink = Sink::new(file);
        let parsed = parse::parse(text, &mut sink);
        let model = page::extract::extract(file, &parsed, version, &mut sink);
        (model, sink.items)
    });
    match read {
        Ok((model, diagnostics)) => PageResult { file: file.to_owned(), model: Some(model), diagnostics },
        Err(panic) => {
            let what = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("no message");
            let message = format!("graphgen failed while reading this page ({what}); the page is left out. This is a bug in graphgen: please report it with the page");
            PageResult { file: file.to_owned(), model: None, diagnostics: vec![Diagnostic::error(file, 1, "internal-error", message)] }
        }
    }
}

/// Loads and reads every page below `input` in parallel, in path order.
pub fn read_pages(input: &Path, only: Option<&glob::Pattern>, version: Option<ApiVersion>) -> std::io::Result<Vec<PageResult>> {
    let paths = load::page_paths(input, only)?;
    Ok(paths
        .par_iter()
        .map(|path| match load::read_page(input, path) {
            Ok(page) => {
                let mut result = read_page_text(&page.path, &page.text, version);
                if !page.valid_utf8 {
                    result.diagnostics.push(Diagnostic::warning(&page.path, 1, "encoding-invalid", "expected UTF-8; invalid bytes were replaced"));
                }
                result
            }
            Err(e) => PageResult {
                file: path.display().to_string(),
                model: None,
                diagnostics: vec![Diagnostic::error(&path.display().to_string(), 1, "page-unreadable", format!("could not read the file: {e}"))],
            },
        })
        .collect())
}
