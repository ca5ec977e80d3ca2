//! A type the docs name by its page rather than by its name.
//!
//! An operation page says it returns "the [page](../resources/page.md)
//! object" where `resources/page.md` documents `microsoft.graph.onenotePage`,
//! or a "[Range](../resources/range.md)" where the page documents
//! `workbookRange`. The name written is no type's; the page of that name
//! (the docs keep each type's page as `resources/<name in lower case>.md`)
//! documents one. Where exactly one type is documented first by a page of
//! that name, the name is that type, and said. Copied web pages keep the
//! words and lose the link, so the rule reads the name, not the link:
//! every shape of a page gives the same type.

use super::build::{key, Builder};
use super::{ApiVersion, OperationDef, Source, TypeDef, TypeKey, TypeKind};
use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;

/// The type each page documents first, by the page's file name in lower
/// case (`page` → `microsoft.graph.onenotePage`). A page that documents an
/// entity and the enums of its properties documents the entity; a name
/// two types' pages share otherwise is none's.
pub(super) fn page_types(builder: &Builder) -> Pages {
    let mut by_page: BTreeMap<(ApiVersion, String), Vec<(bool, String)>> = BTreeMap::new();
    for t in builder.types.values() {
        let Some(stem) = t.sources.first().and_then(|s| page_stem(&s.file)) else { continue };
        by_page.entry((t.api_version, stem)).or_default().push((t.kind != TypeKind::Enum, t.qualified()));
    }
    let one = |types: Vec<(bool, String)>| {
        let structured: Vec<&String> = types.iter().filter(|(s, _)| *s).map(|(_, q)| q).collect();
        match (structured.as_slice(), types.as_slice()) {
            ([only], _) => Some((*only).clone()),
            ([], [(_, only)]) => Some(only.clone()),
            _ => None,
        }
    };
    by_page.into_iter().filter_map(|(k, types)| Some((k, one(types)?))).collect()
}

/// `resources/page.md` → `page`.
fn page_stem(file: &str) -> Option<String> {
    let name = file.rsplit(['/', '\\']).next()?;
    let stem = name.strip_suffix(".md").unwrap_or(name);
    (!stem.is_empty()).then(|| stem.to_lowercase())
}

/// What the rule said, once per name and version.
pub(super) type Said = BTreeMap<(ApiVersion, String), Diagnostic>;

impl Builder {
    /// Renames every type reference no type answers to the type the page
    /// of its name documents, in the types' properties (their
    /// alternatives too) and bases.
    pub(super) fn name_types_by_page(&mut self, pages: &Pages) {
        let Builder { types, said_by_page, .. } = self;
        // What each name becomes (it depends on the name alone), then each
        // reference renamed.
        let mut to: BTreeMap<(ApiVersion, String), String> = BTreeMap::new();
        for t in types.values() {
            let v = t.api_version;
            let properties = t.properties.iter().flat_map(|p| std::iter::once(&p.type_name).chain(&p.one_of).map(move |n| (n, &p.sources[0])));
            for (name, at) in properties.chain(t.base_type.iter().map(|b| (b, &t.sources[0]))) {
                if let Some(renamed) = by_page(types, pages, said_by_page, v, name, at) {
                    to.insert((v, name.clone()), renamed);
                }
            }
        }
        for t in types.values_mut() {
            let v = t.api_version;
            let names = t.properties.iter_mut().flat_map(|p| std::iter::once(&mut p.type_name).chain(&mut p.one_of)).chain(t.base_type.as_mut());
            for name in names {
                if let Some(renamed) = to.get(&(v, name.clone())) {
                    *name = renamed.clone();
                }
            }
        }
    }

    /// The same in an operation's response, body and parameters.
    pub(super) fn name_operation_types_by_page(&mut self, pages: &Pages, op: &mut OperationDef) {
        let Builder { types, said_by_page, .. } = self;
        let (version, source) = (op.api_version, op.source.clone());
        let names = op
            .response
            .type_name
            .iter_mut()
            .chain(op.response.one_of.iter_mut())
            .chain(op.request_body.iter_mut().flat_map(|b| b.type_name.iter_mut().chain(b.parameters.iter_mut().flat_map(parameter_names))))
            .chain(op.url_parameters.iter_mut().flat_map(parameter_names));
        for name in names {
            if let Some(to) = by_page(types, pages, said_by_page, version, name, &source) {
                *name = to;
            }
        }
    }
}

/// The types a parameter names: its own, and its alternatives.
fn parameter_names(p: &mut super::ParameterDef) -> impl Iterator<Item = &mut String> {
    std::iter::once(&mut p.type_name).chain(&mut p.one_of)
}

/// The pages' types by their file names (`page_types`).
pub(super) type Pages = BTreeMap<(ApiVersion, String), String>;

/// The type a name no type answers takes from the page of its name.
fn by_page(types: &BTreeMap<TypeKey, TypeDef>, pages: &Pages, said: &mut Said, version: ApiVersion, name: &str, at: &Source) -> Option<String> {
    if name.starts_with("Edm.") || types.contains_key(&key(version, name)) {
        return None;
    }
    let short = name.rsplit('.').next().unwrap_or(name).to_lowercase();
    let to = pages.get(&(version, short.clone()))?;
    said.entry((version, name.to_owned())).or_insert_with(|| {
        at.warning(
            "type-named-by-page",
            format!("{name} is no type's name; the page of that name ({short}.md) documents {to}, and it is typed as that"),
        )
    });
    Some(to.clone())
}

#[cfg(test)]
mod tests {
    use super::page_stem;

    #[test]
    fn pages_are_named_by_their_file() {
        let cases = [
            ("resources/page.md", Some("page")),
            ("resources/FormatProtection.md", Some("formatprotection")),
            ("v1.0/resources/Élément.md", Some("élément")),
            ("api\\user-get.md", Some("user-get")),
            ("resources/.md", None),
            ("", None),
        ];
        for (file, want) in cases {
            assert_eq!(page_stem(file).as_deref(), want, "{file}");
        }
    }
}
