//! Seed 002: table cells separated by single spaces, nothing else. Rows are
//! split by what each column holds, never by counting spaces: a property
//! name is one token, a type is one token (optionally followed by
//! `collection`), a permission type is one of three phrases, and the last
//! column takes the rest of the line.

use super::{is_resource_heading, permission_type_headings, TableReader, HEADER_WORDS};
use crate::blocks::{Row, Table};
use crate::diagnostics::Sink;
use crate::parse::markdown::squash;

pub(crate) struct Spaced;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Column {
    Token,
    Type,
    PermissionType,
    /// The least privileged permissions of the tables since 2023 (a
    /// column before the higher privileged ones): names with a dot each,
    /// `, ` between them, or "Not supported." and its kin.
    PermissionNames,
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
        "least privileged permissions" | "least privileged permission" => Column::PermissionNames,
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
            Column::PermissionNames => split_permission_names(rest)?,
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

/// A cell of permission names (`A.Read, B.ReadWrite.All`: the last name
/// is the one with no comma after it), or a cell that says there are none
/// ("Not supported.", "Not available.", "Not applicable."). None for
/// anything else: the row is not split.
fn split_permission_names(rest: &str) -> Option<(&str, &str)> {
    let lower = rest.to_ascii_lowercase();
    if let Some(phrase) = ["not supported", "not available", "not applicable"].iter().find(|p| lower.starts_with(*p)) {
        let end = phrase.len() + usize::from(rest[phrase.len()..].starts_with('.'));
        return Some((&rest[..end], &rest[end..]));
    }
    let mut end = 0;
    loop {
        let token = rest[end..].split(' ').next().unwrap_or("");
        // A dot inside the name (`None.` is a sentence).
        if !token.trim_end_matches([',', '.']).contains('.') {
            return None;
        }
        end += token.len();
        if !token.ends_with(',') {
            return Some((&rest[..end], &rest[end..]));
        }
        // The space after the comma, and the next name.
        end += usize::from(rest[end..].starts_with(' '));
    }
}

/// A permissions table per resource's header (`Supported resource Delegated
/// (work or school account) Delegated (personal Microsoft account)
/// Application`): the permission types read from the line's end, two or
/// more, each once, and a resource heading before them.
fn split_resource_header(line: &str) -> Option<Vec<String>> {
    let mut rest = line.trim();
    let mut types: Vec<String> = Vec::new();
    while let Some(heading) = permission_type_headings().find(|h| {
        rest.len() >= h.len()
            && rest.get(rest.len() - h.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(h))
            && rest[..rest.len() - h.len()].chars().next_back().is_none_or(|c| c == ' ')
    }) {
        let tail = rest[rest.len() - heading.len()..].to_owned();
        if types.iter().any(|t| t.eq_ignore_ascii_case(&tail)) {
            return None;
        }
        types.insert(0, tail);
        rest = rest[..rest.len() - heading.len()].trim_end();
    }
    (types.len() >= 2 && is_resource_heading(rest)).then(|| std::iter::once(rest.to_owned()).chain(types).collect())
}

/// A row of a permissions table per resource: the resource (any words),
/// then a cell per permission type, each "Not supported" or permission
/// names joined by commas (`Calendars.Read, Calendars.ReadWrite`).
fn split_resource_row(line: &str, types: usize) -> Option<Vec<String>> {
    let tokens: Vec<&str> = line.split(' ').filter(|t| !t.is_empty()).collect();
    let is_name = |t: &str| {
        // (`*` marks a footnote: `ChannelMessage.Read.Group*`.)
        let t = t.trim_end_matches([',', '.', '*']);
        t.contains('.') && t.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-')))
    };
    let is_not_supported = |i: usize| {
        tokens[i].eq_ignore_ascii_case("not") && tokens.get(i + 1).is_some_and(|t| t.trim_end_matches('.').eq_ignore_ascii_case("supported"))
    };
    let start = (1..tokens.len()).find(|&i| is_name(tokens[i]) || is_not_supported(i))?;
    let mut cells = vec![tokens[..start].join(" ")];
    let mut i = start;
    while i < tokens.len() {
        if is_not_supported(i) {
            cells.push(format!("{} {}", tokens[i], tokens[i + 1]));
            i += 2;
            continue;
        }
        if !is_name(tokens[i]) {
            return None;
        }
        // A name with a comma after it goes on with the next.
        let from = i;
        while tokens[i].ends_with(',') && i + 1 < tokens.len() {
            i += 1;
        }
        cells.push(tokens[from..=i].join(" "));
        i += 1;
    }
    (cells.len() == types + 1).then_some(cells)
}

impl TableReader for Spaced {
    fn read(&self, lines: &[&str], at: usize, _sink: &mut Sink) -> Option<(Table, usize)> {
        let (header, by_resource) = match split_header(lines[at]) {
            Some(header) => (header, false),
            None => (split_resource_header(lines[at])?, true),
        };
        let roles: Vec<Column> = header.iter().enumerate().map(|(i, h)| role(h, i + 1 == header.len())).collect();
        let split = |line: &str| if by_resource { split_resource_row(line, header.len() - 1) } else { split_row(line, &roles) };
        let mut rows = Vec::new();
        let mut unsplit_rows = Vec::new();
        let mut i = at + 1;
        while i < lines.len() && !lines[i].trim().is_empty() {
            let cells = split(lines[i]).unwrap_or_else(|| {
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
    fn a_permissions_table_per_resource_is_split_by_what_its_cells_hold() {
        let header = "Supported resource Delegated (work or school account) Delegated (personal Microsoft account) Application";
        let want: Vec<String> = ["Supported resource", "Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application"]
            .map(String::from)
            .to_vec();
        assert_eq!(split_resource_header(header), Some(want));
        assert_eq!(split_resource_header("Kalender Delegated (work or school account) Application").map(|h| h.len()), Some(3));
        // One type, a sentence before them, or no heading: no such header.
        for line in [
            "Calendar Application",
            "The app needs one of these. Delegated (work or school account) Application",
            "Delegated (work or school account) Application",
            "Calendar Application Application",
        ] {
            assert_eq!(split_resource_header(line), None, "{line}");
        }
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("event Calendars.Read Calendars.Read Calendars.Read", Some(&["event", "Calendars.Read", "Calendars.Read", "Calendars.Read"])),
            ("post Group.Read.All Not supported Not supported", Some(&["post", "Group.Read.All", "Not supported", "Not supported"])),
            (
                "user calendar Calendars.Read, Calendars.ReadWrite Not supported. Calendars.Read, Calendars.ReadWrite",
                Some(&["user calendar", "Calendars.Read, Calendars.ReadWrite", "Not supported.", "Calendars.Read, Calendars.ReadWrite"]),
            ),
            (
                "callRecord (/communications/callRecords) Not supported Not supported CallRecords.Read.All",
                Some(&["callRecord (/communications/callRecords)", "Not supported", "Not supported", "CallRecords.Read.All"]),
            ),
            ("événement partagé Calendars.Read Not supported Calendars.Read", Some(&["événement partagé", "Calendars.Read", "Not supported", "Calendars.Read"])),
            (
                "chatMessage (/teams/{id}/channels/{id}/messages) ChannelMessage.Read.All Not supported ChannelMessage.Read.Group*, ChannelMessage.Read.All",
                Some(&["chatMessage (/teams/{id}/channels/{id}/messages)", "ChannelMessage.Read.All", "Not supported", "ChannelMessage.Read.Group*, ChannelMessage.Read.All"]),
            ),
            // A cell that is neither, or a cell too few or too many: not split.
            ("call None. None. None.", None),
            ("event Calendars.Read Calendars.Read", None),
            ("event A.Read B.Read C.Read D.Read", None),
            ("event", None),
        ];
        for (line, want) in cases {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(split_resource_row(line, 3), want, "{line}");
        }
    }

    #[test]
    fn rows_split_by_column_content() {
        let property = [Column::Token, Column::Type, Column::Rest];
        let permission = [Column::PermissionType, Column::Rest];
        let least = [Column::PermissionType, Column::PermissionNames, Column::Rest];
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
            // The tables since 2023: least privileged, then higher privileged.
            (
                "Delegated (work or school account) Widget.Read Widget.ReadWrite",
                &least,
                &["Delegated (work or school account)", "Widget.Read", "Widget.ReadWrite"],
            ),
            ("Application A.Read, B.Read C.ReadWrite.All, Dé.Read", &least, &["Application", "A.Read, B.Read", "C.ReadWrite.All, Dé.Read"]),
            (
                "Delegated (personal Microsoft account) Not supported. Not supported.",
                &least,
                &["Delegated (personal Microsoft account)", "Not supported.", "Not supported."],
            ),
            ("Application Widget.Read.All Not available.", &least, &["Application", "Widget.Read.All", "Not available."]),
            ("Application Not Applicable. Not Applicable.", &least, &["Application", "Not Applicable.", "Not Applicable."]),
            ("Application Widget.Read.All", &least, &["Application", "Widget.Read.All", ""]),
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
        // A least privileged cell that names no permission and says no "not".
        for line in ["Application Role required. Not available.", "Application A.Read,", "Application None. None.", "Application"] {
            assert_eq!(split_row(line, &[Column::PermissionType, Column::PermissionNames, Column::Rest]), None, "{line}");
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
