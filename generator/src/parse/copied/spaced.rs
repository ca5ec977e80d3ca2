//! Seed 002: table cells separated by single spaces, nothing else. Rows are
//! split by what each column holds, never by counting spaces: a property
//! name is one token, a type is one token (optionally followed by
//! `collection`), a permission type is one of three phrases, and the last
//! column takes the rest of the line.

use super::{TableReader, HEADER_WORDS};
use crate::blocks::{Row, Table};
use crate::diagnostics::Sink;
use crate::parse::markdown::squash;

pub(crate) struct Spaced;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Column {
    Token,
    Type,
    PermissionType,
    Rest,
    /// A column of several words that is not the last (e.g. `Method`): it
    /// cannot be told from the next column by its content.
    Words,
}

fn role(header: &str, last: bool) -> Column {
    let h = header.to_ascii_lowercase();
    match h.as_str() {
        // A last column of one word (`Yes`) is read from the line's end.
        "required" | "required?" => Column::Token,
        _ if last => Column::Rest,
        "type" | "return type" => Column::Type,
        "permission type" => Column::PermissionType,
        "property" | "property name" | "name" | "parameter" | "member" | "relationship" | "header" | "value" => Column::Token,
        _ => Column::Words,
    }
}

/// Splits a header line into template headings, longest first, or None when
/// any part of it is not one.
fn split_header(line: &str) -> Option<Vec<String>> {
    let mut rest = line.trim();
    let mut header = Vec::new();
    while !rest.is_empty() {
        let word = HEADER_WORDS
            .iter()
            .filter(|w| {
                // `get`: a heading's length can end inside a character of the line.
                rest.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w)) && rest[w.len()..].chars().next().is_none_or(|c| c == ' ')
            })
            .max_by_key(|w| w.len())?;
        header.push(rest[..word.len()].to_owned());
        rest = rest[word.len()..].trim_start();
    }
    let distinct = header.iter().map(|h| h.to_ascii_lowercase()).collect::<std::collections::BTreeSet<_>>().len();
    (header.len() >= 2 && distinct == header.len() && header[0].starts_with(|c: char| c.is_uppercase())).then_some(header)
}

fn split_row(line: &str, roles: &[Column]) -> Option<Vec<String>> {
    let mut rest = line.trim();
    // Token columns after the one column of words (`Description Required?`)
    // are read from the line's end; that column takes what is between.
    let free = roles.iter().position(|r| matches!(r, Column::Words | Column::Rest)).unwrap_or(roles.len());
    let mut right = Vec::new();
    for role in roles[free..].iter().skip(1).rev() {
        if *role != Column::Token {
            return None;
        }
        let (head, token) = rest.rsplit_once(' ')?;
        right.push(squash(token));
        rest = head.trim_end();
    }
    let roles = &roles[..roles.len() - right.len()];
    let roles: Vec<Column> = roles.iter().enumerate().map(|(i, r)| if i == free { Column::Rest } else { *r }).collect();
    let mut cells = Vec::new();
    for role in roles {
        let (cell, tail) = match role {
            Column::Rest => (rest, ""),
            Column::Words => return None,
            Column::Token => rest.split_once(' ').unwrap_or((rest, "")),
            Column::PermissionType => split_permission_type(rest)?,
            Column::Type => split_type(rest),
        };
        cells.push(squash(cell));
        rest = tail.trim_start();
    }
    cells.extend(right.into_iter().rev());
    Some(cells)
}

/// A type cell: one type token, optionally `collection`, and any number of
/// alternatives (`appHostedMediaConfig or serviceHostedMediaConfig`, which
/// the type reader then calls untyped, as it does in every shape).
fn split_type(rest: &str) -> (&str, &str) {
    let mut tail = rest;
    loop {
        // A type token, and `collection` after it.
        let (_, after) = tail.split_once(' ').unwrap_or((tail, ""));
        let mut end = rest.len() - after.len() - usize::from(!after.is_empty());
        tail = after;
        if let Some(after) = tail
            .split_once(' ')
            .filter(|(w, _)| w.eq_ignore_ascii_case("collection"))
            .map(|(_, a)| a)
            .or(tail.eq_ignore_ascii_case("collection").then_some(""))
        {
            end = rest.len() - after.len() - usize::from(!after.is_empty());
            tail = after;
        }
        // `or` and another type.
        match tail.split_once(' ') {
            Some(("or", after)) if !after.is_empty() => tail = after,
            _ => return (&rest[..end], tail),
        }
    }
}

/// A permission type cell: `Application`, or `Delegated (work or school
/// account)` and the variants pages write (`Delegated permission (personal
/// Microsoft account)`, `Application permissions`).
fn split_permission_type(rest: &str) -> Option<(&str, &str)> {
    let lower = rest.to_ascii_lowercase();
    let end = if lower.starts_with("delegated") {
        rest.find(')')? + 1
    } else if lower.starts_with("application") && lower["application".len()..].chars().next().is_none_or(|c| c == ' ') {
        let after = &lower["application".len()..];
        let word = [" permissions", " permission"].iter().find(|w| after.starts_with(*w) && after[w.len()..].chars().next().is_none_or(|c| c == ' '));
        "application".len() + word.map_or(0, |w| w.len())
    } else {
        return None;
    };
    Some((&rest[..end], &rest[end..]))
}

impl TableReader for Spaced {
    fn read(&self, lines: &[&str], at: usize, _sink: &mut Sink) -> Option<(Table, usize)> {
        let header = split_header(lines[at])?;
        let roles: Vec<Column> = header.iter().enumerate().map(|(i, h)| role(h, i + 1 == header.len())).collect();
        let mut rows = Vec::new();
        let mut unsplit_rows = Vec::new();
        let mut i = at + 1;
        while i < lines.len() && !lines[i].trim().is_empty() {
            let cells = split_row(lines[i], &roles).unwrap_or_else(|| {
                unsplit_rows.push(i + 1);
                let mut cells = vec![squash(lines[i])];
                cells.resize(header.len(), String::new());
                cells
            });
            rows.push(Row { cells, line: i + 1 });
            i += 1;
        }
        Some((Table { header, rows, line: at + 1, unsplit_rows }, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_by_column_content() {
        let property = [Column::Token, Column::Type, Column::Rest];
        let permission = [Column::PermissionType, Column::Rest];
        let cases: &[(&str, &[Column], &[&str])] = &[
            ("id String Key of the entity.", &property, &["id", "String", "Key of the entity."]),
            ("status complianceStatus Possible values are: a, b.", &property, &["status", "complianceStatus", "Possible values are: a, b."]),
            ("members directoryObject collection The members.", &property, &["members", "directoryObject collection", "The members."]),
            ("tags String collection", &property, &["tags", "String collection", ""]),
            ("ids Collection(Edm.String) All ids.", &property, &["ids", "Collection(Edm.String)", "All ids."]),
            (
                "mediaConfig appHostedMediaConfig or serviceHostedMediaConfig The media configuration.",
                &property,
                &["mediaConfig", "appHostedMediaConfig or serviceHostedMediaConfig", "The media configuration."],
            ),
            ("x A or B collection or C é", &property, &["x", "A or B collection or C", "é"]),
            ("x String or", &property, &["x", "String", "or"]),
            ("x String", &property, &["x", "String", ""]),
            (
                "displayName String The name to assign — é. Yes",
                &[Column::Token, Column::Type, Column::Words, Column::Token],
                &["displayName", "String", "The name to assign — é.", "Yes"],
            ),
            ("id String No", &[Column::Token, Column::Type, Column::Words, Column::Token], &["id", "String", "", "No"]),
            ("Delegated (personal Microsoft account) Not supported.", &permission, &["Delegated (personal Microsoft account)", "Not supported."]),
            ("Application A.ReadWrite.All, B.Read.All", &permission, &["Application", "A.ReadWrite.All, B.Read.All"]),
            (
                "Delegated permission (work or school account) Role required or A.Read.All (see below).",
                &permission,
                &["Delegated permission (work or school account)", "Role required or A.Read.All (see below)."],
            ),
            ("Application permission Role required.", &permission, &["Application permission", "Role required."]),
            ("Application PermissionGrantPolicy.ReadWrite.All", &permission, &["Application", "PermissionGrantPolicy.ReadWrite.All"]),
            (
                "certificateAuthorities certificateAuthority collection Collection of authorities.",
                &property,
                &["certificateAuthorities", "certificateAuthority collection", "Collection of authorities."],
            ),
            ("x A collection or B collection The x.", &property, &["x", "A collection or B collection", "The x."]),
        ];
        for (line, roles, want) in cases {
            assert_eq!(split_row(line, roles).as_deref(), Some(&want.iter().map(|s| s.to_string()).collect::<Vec<_>>()[..]), "{line}");
        }
    }

    #[test]
    fn permission_types_are_phrases() {
        for line in ["Applications A.Read", "Delegated (work or school A.Read", "Other A.Read", "日本語 A.Read"] {
            assert_eq!(split_row(line, &[Column::PermissionType, Column::Rest]), None, "{line}");
        }
    }

    #[test]
    fn headers_are_template_headings() {
        assert_eq!(split_header("Property Type Description").unwrap(), ["Property", "Type", "Description"]);
        assert_eq!(
            split_header("Permission type Permissions (from least to most privileged)").unwrap(),
            ["Permission type", "Permissions (from least to most privileged)"]
        );
        assert_eq!(split_header("Header Value").unwrap(), ["Header", "Value"]);
        assert!(split_header("Property of the thing").is_none());
        assert!(split_header("Type").is_none(), "one heading alone is prose");
        assert!(split_header("name value").is_none(), "property names are not headings");
        for line in ["Typ€ x", "Propert’ Type", "Name—Value", "日本語 Type", "Type\u{a0}Description", "Descriptio…", "Value 🙂"] {
            assert!(split_header(line).is_none(), "{line}");
        }
    }
}
