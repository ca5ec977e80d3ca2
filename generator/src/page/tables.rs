//! The tables of the page templates: permissions, property (and
//! parameter, relationship) tables, enum members. Each reader is given a
//! table whose role the extractor already knows from its header and section.

use super::type_expr::{self, TypeRef};
use super::{possible_values, EnumMember, Permissions, Property, ResourcePermissions};
use crate::blocks::Table;
use crate::diagnostics::Sink;
use crate::permissions::shared::PermissionType;

/// Permission type | Permissions: one row per permission type; "Not
/// supported." means none, a type with no row is not known. The tables
/// since 2023 give the least privileged in a column of their own and the
/// others after it (`Permission type | Least privileged permissions |
/// Higher privileged permissions`): read in that order, least first.
pub(super) fn permissions(t: &Table, sink: &mut Sink) -> Permissions {
    // The header says how the table orders permissions, or nothing.
    let order = t.header.get(1).map(|h| h.to_ascii_lowercase()).unwrap_or_default();
    let most_first = order.contains("most to least");
    let least_column = squash_lower(&order).starts_with("least privileged");
    let mut p = Permissions { least_privileged_first: most_first || least_column || order.contains("least to most"), ..Permissions::default() };
    for row in &t.rows {
        let given = &row.cells[1.min(row.cells.len())..];
        let slot = match permission_type(&cell(&row.cells, 0)) {
            Some(PermissionType::DelegatedPersonal) => &mut p.delegated_personal,
            Some(PermissionType::DelegatedWork) => &mut p.delegated_work,
            Some(PermissionType::Application) => &mut p.application,
            None => {
                sink.warning(
                    row.line,
                    "permission-type-unknown",
                    format!(
                        "expected Delegated (work or school account), Delegated (personal Microsoft account) or Application, found {:?}",
                        cell(&row.cells, 0)
                    ),
                );
                continue;
            }
        };
        let Some(names) = permission_names(given) else {
            unreadable_permissions(sink, row.line, &cell(&row.cells, 0), &given.join(" | "));
            continue;
        };
        let slot = slot.get_or_insert_with(Vec::new);
        let names: Vec<String> = if most_first { names.into_iter().rev().collect() } else { names };
        for n in names {
            if !slot.contains(&n) {
                slot.push(n);
            }
        }
    }
    p
}

/// A header cell in lower case, its white space one space each.
fn squash_lower(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The permission type a cell names ("Delegated (personal Microsoft
/// account)"), if it names one.
fn permission_type(text: &str) -> Option<PermissionType> {
    let text = text.to_ascii_lowercase();
    if text.contains("personal") {
        Some(PermissionType::DelegatedPersonal)
    } else if text.contains("delegated") {
        Some(PermissionType::DelegatedWork)
    } else if text.contains("application") {
        Some(PermissionType::Application)
    } else {
        None
    }
}

/// The permissions cells name (`Mail.Read, Mail.ReadWrite`): none for
/// "Not supported." ("Not applicable", "n/a"); `None` for text that names
/// none and does not say so either (said by the caller: the permission
/// type stays unknown). "None." is such text: the docs write it where no
/// permission is needed (`addKey`) as well as where none allows the call.
fn permission_names(cells: &[String]) -> Option<Vec<String>> {
    let names: Vec<String> = cells
        .iter()
        .flat_map(|c| c.split([',', ' ']))
        .map(|s| s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '`' | '*' | '.')).to_owned())
        // Bytes that were not text (U+FFFD) are no part of a name.
        .filter(|s| !s.is_empty() && s.contains('.') && !s.contains('\u{FFFD}') && !s.eq_ignore_ascii_case("not supported"))
        .collect();
    // Every cell with text says so (an empty cell says nothing more: a
    // short row's missing cells, or the column of higher privileged ones).
    // No cell at all (a row the copied text could not split) says nothing.
    let says_none = || {
        !cells.is_empty()
            && cells
                .iter()
                .map(|c| c.trim().trim_end_matches('.').to_ascii_lowercase())
                .filter(|c| !c.is_empty())
                .all(|c| c.contains("not supported") || c == "not applicable" || c == "n/a")
    };
    (!names.is_empty() || says_none()).then_some(names)
}

/// Said of a permissions cell that names no permission (`permission_names`).
fn unreadable_permissions(sink: &mut Sink, line: usize, kind: &str, text: &str) {
    sink.warning(
        line,
        "permission-cell-unreadable",
        format!("expected permission names (`Mail.Read, Mail.ReadWrite`) or \"Not supported\" for {kind}, found {text:?}; that type's permissions are unknown"),
    );
}

/// Whether a permissions section's table has a row per resource and a
/// column per permission type (`Supported resource | Delegated (work or
/// school account) | ... | Application`), the first column naming no type.
pub(super) fn is_permissions_by_resource(header: &[String]) -> bool {
    header.first().is_some_and(|h| permission_type(h).is_none() && !h.to_ascii_lowercase().contains("permission"))
        && header.len() > 1
        && header[1..].iter().all(|h| permission_type(h).is_some())
}

/// A table per resource (`is_permissions_by_resource`): each row's
/// resource and its permissions per type. An empty cell is not known; "Not
/// supported." is none.
pub(super) fn permissions_by_resource(t: &Table, sink: &mut Sink) -> Vec<ResourcePermissions> {
    let mut out = Vec::new();
    for row in &t.rows {
        // A row the copied text's shape could not split is said as such.
        if t.unsplit_rows.contains(&row.line) {
            continue;
        }
        let resource = cell(&row.cells, 0);
        if resource.trim().is_empty() {
            sink.warning(
                row.line,
                "permission-resource-missing",
                "expected the resource this row gives permissions for in its first cell; the row is not read",
            );
            continue;
        }
        let mut r = ResourcePermissions { resource: resource.trim().to_owned(), ..ResourcePermissions::default() };
        for (column, kind) in t.header.iter().enumerate().skip(1).filter_map(|(i, h)| Some((i, permission_type(h)?))) {
            let text = cell(&row.cells, column);
            if text.trim().is_empty() {
                continue;
            }
            let slot = match kind {
                PermissionType::DelegatedWork => &mut r.delegated_work,
                PermissionType::DelegatedPersonal => &mut r.delegated_personal,
                PermissionType::Application => &mut r.application,
            };
            match permission_names(std::slice::from_ref(&text)) {
                Some(names) => *slot = Some(names),
                None => unreadable_permissions(sink, row.line, &format!("{} of {}", t.header[column].trim(), r.resource), &text),
            }
        }
        out.push(r);
    }
    out
}

/// A property, parameter or relationship table: name, type (the column
/// `property_table` or `type_column` found), description.
pub(super) fn properties(t: &Table, header: &[String], type_col: Option<usize>, namespace: &str, sink: &mut Sink) -> Vec<Property> {
    let desc_col = header.iter().position(|h| h == "description");
    let mut out = Vec::new();
    for row in &t.rows {
        let raw_name = cell(&row.cells, 0);
        let Some(name) = property_name(&raw_name, t.unsplit_rows.contains(&row.line)) else {
            if raw_name.trim().is_empty() {
                sink.warning(row.line, "property-name-missing", "expected a property name in the first cell of this row");
            } else {
                sink.warning(row.line, "property-name-invalid", format!("expected a property name (`displayName`, `@odata.type`) in the first cell of this row, found {raw_name:?}; the row is not a property"));
            }
            continue;
        };
        let type_cell = type_col.map(|i| cell(&row.cells, i)).unwrap_or_default();
        let mut description = desc_col.map(|i| cell(&row.cells, i)).unwrap_or_default();
        let mut parsed = type_expr::parse_cell(&type_cell, namespace);
        if parsed.is_none() {
            if let Some((t, sentence)) = type_then_sentence(&type_cell, namespace) {
                sink.warning(row.line, "type-cell-sentence", format!(
                    "expected only a type in the Type cell of property `{name}`, found a sentence after it; read as {}{}, the sentence put before the description",
                    t.name,
                    if t.collection { " (a collection)" } else { "" },
                ));
                // The cell's sentence ended where the cell did: its stop
                // is written before the description goes on.
                let stopped = sentence.ends_with(['.', '!', '?', '。']);
                description = match (description.trim().is_empty(), stopped) {
                    (true, _) => sentence,
                    (false, true) => format!("{sentence} {description}"),
                    (false, false) => format!("{sentence}. {description}"),
                };
                parsed = Some(t);
            }
        }
        let one_of = if parsed.is_none() { type_expr::alternatives(&type_cell, namespace) } else { Vec::new() };
        let type_ref = parsed.unwrap_or_else(|| {
            if one_of.is_empty() {
                sink.warning(
                    row.line,
                    "type-unmapped",
                    format!("expected a type name for property `{name}`, found {type_cell:?}; it is typed as Edm.Untyped"),
                );
            }
            TypeRef::new("Edm.Untyped", false)
        });
        let possible_values = possible_values::parse(&description);
        out.push(Property { name, type_ref, one_of, description, possible_values, line: row.line });
    }
    out
}

/// A Type cell that names a type and then says more in sentences of its
/// own (`educationOutcome collection. Holds grades ...`): the type, and the
/// sentences, which belong to the description. A cell whose first
/// sentence is no type is none.
fn type_then_sentence(cell: &str, namespace: &str) -> Option<(TypeRef, String)> {
    let (head, rest) = cell.trim().split_once(". ")?;
    let rest = rest.trim();
    let t = type_expr::parse_cell(head, namespace)?;
    (!rest.is_empty()).then(|| (t, rest.to_owned()))
}

/// The property a row's first cell names: one name (`displayName`,
/// `@odata.type`, `content@odata.bind`), in code marks or bold or not,
/// optionally followed by a note in parentheses (`id (deprecated)`). Text
/// (`Prefer: outlook.timezone`, `file/localizations/{id}/versions`) names
/// none. A row the copied text's reader could not split (`unsplit`) holds
/// the whole line, which starts with the name.
fn property_name(cell: &str, unsplit: bool) -> Option<String> {
    let strip = |s: &str| s.trim_matches(|c| c == '`' || c == '*').to_owned();
    let mut words = cell.split_whitespace();
    let first = strip(words.next()?);
    let rest: Vec<&str> = words.collect();
    let is_name = |n: &str| {
        let (head, annotation) = n.split_once('@').map_or((n, None), |(h, a)| (h, Some(a)));
        let segment = |s: &str| {
            s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        (head.is_empty() || head.split('.').all(segment))
            && annotation.is_none_or(|a| a.split('.').all(segment))
            && !(head.is_empty() && annotation.is_none())
    };
    let noted = rest.first().is_none_or(|w| w.starts_with('('));
    (is_name(&first) && (unsplit || noted)).then_some(first)
}

/// An enum's Member | Value | Description table.
pub(super) fn members(t: &Table, header: &[String], sink: &mut Sink) -> Vec<EnumMember> {
    let value_col = header.iter().position(|h| h == "value").filter(|&i| i > 0);
    let desc_col = header.iter().position(|h| h == "description");
    t.rows
        .iter()
        .filter_map(|row| {
            let name = cell(&row.cells, 0).trim_matches('`').to_owned();
            if name.is_empty() {
                return None;
            }
            let value = value_col.and_then(|i| {
                let v = cell(&row.cells, i);
                let parsed = v.trim_matches('`').parse::<i64>().ok();
                if parsed.is_none() && !v.is_empty() {
                    sink.warning(row.line, "enum-value-unreadable", format!("expected an integer value for enum member `{name}`, found {v:?}"));
                }
                parsed
            });
            Some(EnumMember { name, value, description: desc_col.map(|i| cell(&row.cells, i)).unwrap_or_default() })
        })
        .collect()
}

/// Name | Type | Description, the first column `Property`, `Parameter`,
/// `Relationship` (each with or without `name`) or `Name`: its type
/// column, or None where the table is none.
pub(super) fn property_table(t: &Table, header: &[String]) -> Option<usize> {
    let first = header.first().map(String::as_str).unwrap_or("");
    let named = first.strip_suffix(" name").unwrap_or(first);
    matches!(named, "property" | "parameter" | "relationship" | "name").then(|| type_column(t, header)).flatten()
}

/// The column of the rows' types: `Type` (`Return type`); or, where a
/// table is headed name | `Value` | `Description`, as some request bodies
/// and parameters are, `Value` when its cells are types: each a type
/// expression, and one at least a primitive (a column of values, `etag`
/// or `%unique_string%`, names no primitive).
pub(super) fn type_column(t: &Table, header: &[String]) -> Option<usize> {
    if let Some(i) = header.iter().position(|h| h == "type" || h == "return type") {
        return Some(i);
    }
    let i = header.iter().position(|h| h == "value").filter(|&i| i > 0)?;
    if !header.iter().any(|h| h == "description") {
        return None;
    }
    let types: Vec<Option<TypeRef>> =
        t.rows.iter().map(|r| cell(&r.cells, i)).filter(|c| !c.trim().is_empty()).map(|c| type_expr::parse(&c, "")).collect();
    let primitive = |t: &Option<TypeRef>| t.as_ref().is_some_and(|t| t.name.starts_with("Edm."));
    (types.iter().all(Option::is_some) && types.iter().any(primitive)).then_some(i)
}

pub(super) fn cell(cells: &[String], i: usize) -> String {
    cells.get(i).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::property_name;

    #[test]
    fn property_names_are_names() {
        let cases: &[(&str, bool, Option<&str>)] = &[
            ("displayName", false, Some("displayName")),
            ("`id`", false, Some("id")),
            ("**isDefault**", false, Some("isDefault")),
            ("@odata.type", false, Some("@odata.type")),
            ("content@odata.bind", false, Some("content@odata.bind")),
            ("@microsoft.graph.conflictBehavior", false, Some("@microsoft.graph.conflictBehavior")),
            ("id (deprecated)", false, Some("id")),
            ("request-id", false, Some("request-id")),
            ("Prefer: outlook.timezone", false, None),
            ("file/localizations/{id}/versions", false, None),
            ("the name of the thing", false, None),
            ("日本語", false, None),
            ("{id}", false, None),
            ("3d", false, None),
            ("@", false, None),
            ("", false, None),
            ("id String The identifier.", true, Some("id")),
        ];
        for (cell, unsplit, want) in cases {
            assert_eq!(property_name(cell, *unsplit).as_deref(), *want, "{cell:?}");
        }
    }

    #[test]
    fn a_property_table_is_told_by_its_name_and_type_columns() {
        use crate::blocks::{Row, Table};
        let table = |header: &[&str], rows: &[&[&str]]| Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: rows.iter().enumerate().map(|(i, r)| Row { cells: r.iter().map(|c| c.to_string()).collect(), line: i + 3 }).collect(),
            line: 1,
            unsplit_rows: Vec::new(),
        };
        // (header, rows, a property table, the type read from the first row)
        type Case<'a> = (&'a [&'a str], &'a [&'a [&'a str]], bool, Option<&'a str>);
        let cases: &[Case] = &[
            (&["Property", "Type", "Description"], &[&["id", "String", "x"]], true, Some("Edm.String")),
            (&["Relationship name", "Type", "Description"], &[&["items", "Collection(listItem)", "x"]], true, Some("n.listItem")),
            (&["Parameter Name", "Type", "Description"], &[&["id", "String", "x"]], true, Some("Edm.String")),
            (&["Name", "Return type", "Description"], &[&["f", "Boolean", "x"]], true, Some("Edm.Boolean")),
            // `Value` holding types: a body's parameters.
            (
                &["Name", "Value", "Description"],
                &[&["parentReference", "ItemReference", "x"], &["name", "string", "y"]],
                true,
                Some("n.ItemReference"),
            ),
            (&["Parameter name", "Value", "Description"], &[&["idOrUserPrincipalName", "`string`", "x"]], true, Some("Edm.String")),
            // `Value` holding values: a header's, an extension's literal.
            (&["Name", "Value", "Description"], &[&["if-match", "etag", "x"]], false, None),
            (&["Name", "Value", "Description"], &[&["a", "string", "x"], &["b", "%unique_string%", "y"]], false, None),
            (&["Name", "Value"], &[&["@odata.type", "microsoft.graph.openTypeExtension"], &["n", "String"]], false, None),
            (&["Name", "Value", "Description"], &[], false, None),
            // Not a name column; no type column.
            (&["Member", "Value", "Description"], &[&["a", "Int32", "x"]], false, None),
            (&["Name", "Description"], &[&["a", "x"]], false, None),
            (&["Relationships", "Type", "Description"], &[&["a", "String", "x"]], false, None),
        ];
        for (header, rows, want, ty) in cases {
            let t = table(header, rows);
            let lower: Vec<String> = t.header.iter().map(|h| h.to_ascii_lowercase()).collect();
            let type_col = super::property_table(&t, &lower);
            assert_eq!(type_col.is_some(), *want, "{header:?} {rows:?}");
            if *want {
                let mut sink = crate::diagnostics::Sink::new("x.md");
                let props = super::properties(&t, &lower, type_col, "n", &mut sink);
                assert_eq!(props.first().map(|p| p.type_ref.name.as_str()), *ty, "{header:?}");
            }
        }
    }

    #[test]
    fn a_sentence_after_the_type_goes_to_the_description() {
        use crate::blocks::{Row, Table};
        // (type cell, description, type read, description kept, said)
        let cases = [
            (
                "educationOutcome collection. Holds grades. Noté «A».",
                "Les notes.",
                Some(("n.educationOutcome", true)),
                "Holds grades. Noté «A». Les notes.",
                true,
            ),
            ("educationOutcome collection. Holds grades", "Read-Write.", Some(("n.educationOutcome", true)), "Holds grades. Read-Write.", true),
            ("String. Required.", "", Some(("Edm.String", false)), "Required.", true),
            ("itemReference. 日本語の説明。", "x", Some(("n.itemReference", false)), "日本語の説明。 x", true),
            // Nothing after the type but its full stop.
            ("String.", "x", Some(("Edm.String", false)), "x", false),
            ("String", "x", Some(("Edm.String", false)), "x", false),
            // A first sentence that is no type names none.
            ("The owner. A user.", "x", None, "x", false),
            ("", "x", None, "x", false),
        ];
        for (type_cell, description, want, kept, said) in cases {
            let t = Table {
                header: vec!["Property".into(), "Type".into(), "Description".into()],
                rows: vec![Row { cells: vec!["p".into(), type_cell.into(), description.into()], line: 3 }],
                line: 1,
                unsplit_rows: Vec::new(),
            };
            let header: Vec<String> = t.header.iter().map(|h| h.to_ascii_lowercase()).collect();
            let mut sink = crate::diagnostics::Sink::new("x.md");
            let props = super::properties(&t, &header, Some(1), "n", &mut sink);
            let got = (props[0].type_ref.name != "Edm.Untyped").then(|| (props[0].type_ref.name.as_str(), props[0].type_ref.collection));
            assert_eq!(got, want, "{type_cell:?}");
            assert_eq!(props[0].description, kept, "{type_cell:?}");
            let codes: Vec<&str> = sink.items.iter().map(|d| d.code).collect();
            assert_eq!(codes.contains(&"type-cell-sentence"), said, "{type_cell:?}: {codes:?}");
        }
    }

    #[test]
    fn permission_cells_name_permissions_or_say_there_are_none() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("Mail.Read, Mail.ReadWrite", Some(&["Mail.Read", "Mail.ReadWrite"])),
            ("`Calendars.Read` `Calendars.ReadWrite`.", Some(&["Calendars.Read", "Calendars.ReadWrite"])),
            ("**User.Read**, User.ReadBasic.All.", Some(&["User.Read", "User.ReadBasic.All"])),
            ("Not supported.", Some(&[])),
            // The tables since 2023: "Not available." where no higher
            // privileged permission is, beside the least privileged one.
            ("Widget.Read | Not available.", Some(&["Widget.Read"])),
            ("Not applicable", Some(&[])),
            ("Not supported. | ", Some(&[])),
            // What one cell says is not said of another it cannot read.
            (" | \u{FFFD}Widget.Read", None),
            ("Not supported. | None.", None),
            ("n/a", Some(&[])),
            ("", Some(&[])),
            // Names no permission and does not say there is none.
            ("None.", None),
            ("**TODO: Determine scopes **", None),
            ("alert, contact, driveItem", None),
            ("権限なし", None),
            // Bytes that were not UTF-8, replaced.
            ("\u{FFFD}\u{FFFD}Mail.Read", None),
            ("Mail.Read, M\u{FFFD}il.Send", Some(&["Mail.Read"])),
        ];
        for (text, want) in cases {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            let cells: Vec<String> = text.split(" | ").map(String::from).collect();
            assert_eq!(super::permission_names(&cells), want, "{text:?}");
        }
        // A row with no cell after its type says nothing: unknown.
        assert_eq!(super::permission_names(&[]), None);
    }

    #[test]
    fn a_permissions_table_per_resource_gives_each_resources_permissions() {
        use crate::blocks::{Row, Table};
        let row = |cells: &[&str], line| Row { cells: cells.iter().map(|c| c.to_string()).collect(), line };
        let header = ["Supported resource", "Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application"];
        let table = Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: vec![
                row(&["événement", "Calendars.Read", "Calendars.Read", "Calendars.Read"], 3),
                row(&["callRecord (/communications/callRecords)", "Not supported", "Not supported", "CallRecords.Read.All"], 4),
                // A cell left empty is not known; one that names no
                // permission is said, and not known either.
                row(&["group post", "Group.Read.All", "", "None."], 5),
                row(&["", "A.Read", "", ""], 6),
            ],
            line: 1,
            unsplit_rows: Vec::new(),
        };
        let header: Vec<String> = table.header.clone();
        assert!(super::is_permissions_by_resource(&header));
        let mut sink = crate::diagnostics::Sink::new("x.md");
        let rows = super::permissions_by_resource(&table, &mut sink);
        let names = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let got: Vec<_> =
            rows.iter().map(|r| (r.resource.as_str(), r.delegated_work.clone(), r.delegated_personal.clone(), r.application.clone())).collect();
        assert_eq!(
            got,
            [
                ("événement", names(&["Calendars.Read"]), names(&["Calendars.Read"]), names(&["Calendars.Read"])),
                ("callRecord (/communications/callRecords)", Some(vec![]), Some(vec![]), names(&["CallRecords.Read.All"])),
                ("group post", names(&["Group.Read.All"]), None, None),
            ]
        );
        let said: Vec<(&str, usize)> = sink.items.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(said, [("permission-cell-unreadable", 5), ("permission-resource-missing", 6)]);
        // Which tables are per resource: a first column naming no permission type, then only types.
        let by_resource = |h: &[&str]| super::is_permissions_by_resource(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(by_resource(&["Calendar", "Delegated (work or school account)", "Application"]));
        assert!(!by_resource(&["Permission type", "Permissions (from least to most privileged)"]));
        assert!(!by_resource(&["Permission type", "Delegated (work or school account)"]));
        assert!(!by_resource(&["Resource", "Maximum expiration time"]));
        assert!(!by_resource(&["Resource"]));
        assert!(!by_resource(&[]));
    }

    #[test]
    fn permissions_least_privileged_first_where_the_header_says() {
        use crate::blocks::{Row, Table};
        let table = |header: &str| {
            // With a second column of permissions, the names are split
            // between them; with one, listed together.
            let higher = header.split_once(" | ");
            let row = |kind: &str, names: &str, higher_names: &str| match higher {
                Some(_) => vec![kind.to_owned(), names.to_owned(), higher_names.to_owned()],
                None => vec![kind.to_owned(), [names, higher_names].join(", ")],
            };
            Table {
                header: std::iter::once("Permission type").chain(header.split(" | ")).map(String::from).collect(),
                rows: vec![
                    Row { cells: row("Delegated (work or school account)", "User.Read", "User.ReadWrite.All"), line: 3 },
                    Row { cells: vec!["Delegated (personal Microsoft account)".into(), "Not supported.".into()], line: 4 },
                ],
                line: 1,
                unsplit_rows: Vec::new(),
            }
        };
        let cases = [
            ("Permissions (from least to most privileged)", ["User.Read", "User.ReadWrite.All"], true),
            ("Permissions (from most to least privileged)", ["User.ReadWrite.All", "User.Read"], true),
            // Since 2023: the least privileged in a column of its own.
            ("Least privileged permissions | Higher privileged permissions", ["User.Read", "User.ReadWrite.All"], true),
            ("Least  privileged permission | Higher privileged permissions", ["User.Read", "User.ReadWrite.All"], true),
            // No order stated: the table's, and said to be unordered.
            ("Permissions", ["User.Read", "User.ReadWrite.All"], false),
            ("Higher privileged permissions | Least privileged permissions", ["User.Read", "User.ReadWrite.All"], false),
        ];
        for (header, work, ordered) in cases {
            let mut sink = crate::diagnostics::Sink::new("x.md");
            let p = super::permissions(&table(header), &mut sink);
            assert_eq!(p.delegated_work.as_deref(), Some(&work.map(String::from)[..]), "{header}");
            assert_eq!(p.delegated_personal, Some(Vec::new()), "not supported is empty, not unknown");
            assert_eq!(p.application, None, "no row: unknown");
            assert_eq!(p.least_privileged_first, ordered, "{header}");
        }
    }
}
