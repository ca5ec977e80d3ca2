//! `graphgen report`: what a corpus yields, counted.

use crate::blocks::Shape;
use crate::diagnostics::{Diagnostic, Severity};
use crate::page::{PageKind, VersionFrom};
use crate::schema::Schema;
use crate::PageResult;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub pages: usize,
    pub pages_by_shape: BTreeMap<&'static str, usize>,
    pub pages_by_kind: BTreeMap<String, usize>,
    /// Pages per API version, and what gave each page its version.
    pub pages_by_version: BTreeMap<&'static str, usize>,
    pub api_version_from: BTreeMap<String, usize>,
    pub pages_with_errors: usize,
    pub operations: usize,
    pub request_paths: usize,
    pub types: usize,
    pub enums: usize,
    pub examples: usize,
    pub example_bodies: BodyCounts,
    /// Per code: how many, and the first `file:line`.
    pub diagnostics: BTreeMap<String, (usize, String)>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct BodyCounts {
    pub strict: usize,
    pub lenient: usize,
    pub unreadable: usize,
}

/// The report of what `pages` yield: `schema` merged from them and the
/// emitters' diagnostics, so it counts what `generate` counts.
pub fn report(pages: &[PageResult], schema: &Schema, emit_diagnostics: &[Diagnostic]) -> Report {
    let mut by_shape = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    let mut by_version = BTreeMap::from([("beta", 0), ("v1.0", 0)]);
    let mut version_from = BTreeMap::new();
    let mut bodies = BodyCounts::default();
    for p in pages {
        if let Some(m) = &p.model {
            *by_shape.entry(m.shape.name()).or_insert(0) += 1;
            *by_version.entry(m.api_version.as_str()).or_insert(0) += 1;
            let from = match m.api_version_from {
                VersionFrom::Flag => "--api-version",
                VersionFrom::Page => "the page",
                VersionFrom::Folder => "its folder",
                VersionFrom::Corpus => "most pages",
            };
            *version_from.entry(from.to_owned()).or_insert(0) += 1;
            let kind = match m.kind {
                PageKind::Operation => "operation",
                PageKind::Resource => "resource",
                PageKind::Enum => "enum",
                PageKind::Other => "other",
            };
            *by_kind.entry(kind.to_owned()).or_insert(0) += 1;
            // A response shared by several requests is one body of the page.
            let mut seen = std::collections::BTreeSet::new();
            for ex in m.operation.iter().flat_map(|o| &o.examples) {
                let bodies_of = ex
                    .request
                    .iter()
                    .filter_map(|r| r.body.as_ref().map(|b| (r.line, b)))
                    .chain(ex.response.iter().filter_map(|r| r.body.as_ref().map(|b| (r.line, b))));
                for (line, b) in bodies_of {
                    if !seen.insert(line) {
                        continue;
                    }
                    match b {
                        crate::page::http::Body::Json(j) if j.repairs.is_empty() => bodies.strict += 1,
                        crate::page::http::Body::Json(_) => bodies.lenient += 1,
                        crate::page::http::Body::Text { text, .. }
                            if text.trim_start().starts_with(['{', '[']) && !crate::page::http::is_placeholder(text) =>
                        {
                            bodies.unreadable += 1
                        }
                        crate::page::http::Body::Text { .. } => {}
                    }
                }
            }
        }
    }
    for s in Shape::ALL {
        by_shape.entry(s.name()).or_insert(0);
    }
    let mut diagnostics: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let all_diagnostics = || schema.diagnostics.iter().chain(emit_diagnostics);
    for d in all_diagnostics() {
        let e = diagnostics.entry(d.code.to_owned()).or_insert((0, format!("{}:{}", d.file, d.line)));
        e.0 += 1;
    }
    let pages_with_errors = pages.iter().filter(|p| p.diagnostics.iter().any(|d| d.severity == Severity::Error)).count();
    Report {
        pages: pages.len(),
        pages_by_shape: by_shape,
        pages_by_kind: by_kind,
        pages_by_version: by_version,
        api_version_from: version_from,
        pages_with_errors,
        operations: schema.operations.len(),
        request_paths: schema.operations.iter().map(|o| o.paths.len()).sum(),
        types: schema.types.iter().filter(|t| t.kind != crate::schema::TypeKind::Enum).count(),
        enums: schema.types.iter().filter(|t| t.kind == crate::schema::TypeKind::Enum).count(),
        examples: schema.operations.iter().map(|o| o.examples.len()).sum(),
        example_bodies: bodies,
        errors: all_diagnostics().filter(|d| d.severity == Severity::Error).count(),
        warnings: all_diagnostics().filter(|d| d.severity == Severity::Warning).count(),
        diagnostics,
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "pages: {} ({} with errors)", self.pages, self.pages_with_errors)?;
        writeln!(f, "pages by shape: {}", join(&self.pages_by_shape))?;
        writeln!(f, "pages by kind: {}", join(&self.pages_by_kind))?;
        writeln!(f, "pages by API version: {} (the version from {})", join(&self.pages_by_version), join(&self.api_version_from))?;
        writeln!(f, "operations: {}, request paths: {}", self.operations, self.request_paths)?;
        writeln!(f, "types: {}, enums: {}", self.types, self.enums)?;
        let b = &self.example_bodies;
        writeln!(f, "examples: {} (JSON bodies: {} strict, {} read leniently, {} unreadable)", self.examples, b.strict, b.lenient, b.unreadable)?;
        writeln!(f, "diagnostics: {} errors, {} warnings", self.errors, self.warnings)?;
        for (code, (n, first)) in &self.diagnostics {
            writeln!(f, "  {code}: {n} (first at {first})")?;
        }
        Ok(())
    }
}

fn join<K: std::fmt::Display>(m: &BTreeMap<K, usize>) -> String {
    m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
}
