//! The same page in all four shapes yields the same schema: the Markdown
//! pages of docs-input/ (seed 003 and our own fixtures) are rendered into
//! the three copied-text shapes and each rendering is read back.

use graphgen::blocks::Shape;
use graphgen_tests::{docs_input, render_copied, schema_of};
use serde_json::Value;
use std::path::Path;

/// The schema of these pages (`(path, Markdown)`) as `shape` gives them:
/// written as they are, or rendered into the copied shape, in a folder
/// of their own, and read.
fn schema_in_shape(pages: &[(&str, &str)], shape: Shape) -> graphgen::schema::Schema {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in pages {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, if shape == Shape::Markdown { (*text).to_owned() } else { render_copied(text, shape) }).unwrap();
    }
    schema_of(dir.path(), None).1
}

/// The markdown pages of docs-input/, by path relative to it.
fn markdown_pages() -> Vec<(String, String)> {
    let root = docs_input();
    let mut pages = Vec::new();
    for entry in walk(&root) {
        let text = std::fs::read_to_string(&entry).unwrap();
        if graphgen::detect_shape(&text) == Shape::Markdown {
            pages.push((entry.strip_prefix(&root).unwrap().to_string_lossy().into_owned(), text));
        }
    }
    pages.sort();
    pages
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The schema as JSON without what differs by nature between renderings:
/// `file:line` sources, the place of each diagnostic, the workload (it comes
/// from front matter, which a rendered page does not show), and the
/// backticks of inline code in descriptions (a rendered page shows code in
/// a font, and copying loses it).
fn comparable(dir: &Path) -> Value {
    let (_, schema) = schema_of(dir, None);
    let mut json = serde_json::to_value(&schema).unwrap();
    strip(&mut json);
    json
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for key in ["sources", "source", "file", "line", "workload"] {
                m.remove(key);
            }
            if let Some(Value::String(d)) = m.get_mut("description") {
                *d = d.replace('`', "");
            }
            // A body that is not JSON, kept as text: copied text loses the
            // indentation of its lines (and JSON in copied text is never
            // indented), so lines compare without it.
            if let Some(Value::String(t)) = m.get_mut("bodyText") {
                *t = t.lines().map(str::trim).collect::<Vec<_>>().join("\n");
            }
            m.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn every_shape_yields_the_same_schema() {
    let pages = markdown_pages();
    assert!(pages.len() >= 7, "the seed and our fixtures: {}", pages.len());
    let dir = tempfile::tempdir().unwrap();
    let markdown_dir = dir.path().join("markdown");
    for (path, text) in &pages {
        let target = markdown_dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    let want = comparable(&markdown_dir);
    assert!(want["operations"].as_array().unwrap().len() >= 5);
    for shape in [Shape::CopiedPipeRows, Shape::CopiedCellLines, Shape::CopiedSpaced] {
        let shape_dir = dir.path().join(shape.name());
        for (path, text) in &pages {
            let rendered = render_copied(text, shape);
            assert_eq!(graphgen::detect_shape(&rendered), shape, "{path} rendered as {}:\n{rendered}", shape.name());
            let target = shape_dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, rendered).unwrap();
        }
        let got = comparable(&shape_dir);
        if got != want {
            let a = serde_json::to_string_pretty(&want).unwrap();
            let b = serde_json::to_string_pretty(&got).unwrap();
            let first_diff = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y);
            panic!("{} differs from markdown; first differing line: {first_diff:?}", shape.name());
        }
    }
}

/// An operation as the shapes must agree on it: its paths, body, status,
/// permissions and examples (without where they stand on the page).
fn operations_by_page(schema: &graphgen::schema::Schema) -> std::collections::BTreeMap<(String, String), Value> {
    schema
        .operations
        .iter()
        .map(|op| {
            let file = op.source.file.clone();
            let mut facts = serde_json::json!({
                "paths": op.paths,
                "requestBody": op.request_body,
                "status": op.response.status,
                "permissions": op.permissions,
                "examples": op.examples,
            });
            strip(&mut facts);
            // Whether an example response is shortened is said by an
            // annotation a rendered page does not show (unless the page also
            // writes the template's note, which every shape reads).
            for ex in facts["examples"].as_array_mut().into_iter().flatten() {
                if let Some(r) = ex.get_mut("response").and_then(Value::as_object_mut) {
                    r.remove("truncated");
                }
            }
            // A page's read of a raw `/$value`, and its request sent as
            // content beside JSON, are operations apart, with the same
            // method.
            let apart = ["(raw value)", "(content)"].into_iter().find(|s| op.name.ends_with(s));
            let method = apart.map_or_else(|| op.method.to_string(), |s| format!("{} {s}", op.method));
            ((file, method), facts)
        })
        .collect()
}

/// Where an operation read from a rendering differs from the Markdown's: the
/// first fact that differs (`examples count 5 vs 0`, `examples
/// response.bodyText`), to sort the misses by cause.
fn first_difference(want: &Value, got: Option<&Value>) -> String {
    let Some(got) = got else { return "missing".to_owned() };
    let Some(field) = ["paths", "requestBody", "status", "permissions", "examples"].into_iter().find(|f| got[*f] != want[*f]) else {
        return "?".to_owned();
    };
    let (a, b) = (want[field].as_array(), got[field].as_array());
    let (Some(a), Some(b)) = (a.filter(|_| field == "examples"), b) else { return field.to_owned() };
    if a.len() != b.len() {
        return format!("examples count {} vs {}", a.len(), b.len());
    }
    let Some((x, y)) = a.iter().zip(b).find(|(x, y)| x != y) else { return field.to_owned() };
    let part = ["request", "response"].into_iter().find(|p| x[*p] != y[*p]).unwrap_or("?");
    let keys = x[part].as_object().into_iter().flat_map(|o| o.keys()).chain(y[part].as_object().into_iter().flat_map(|o| o.keys()));
    let key = keys.into_iter().find(|k| x[part].get(k.as_str()) != y[part].get(k.as_str())).cloned().unwrap_or_default();
    format!("examples {part}.{key}")
}

/// Every page of the real corpus rendered into each copied shape gives the
/// Markdown's operations: at least 99% identical per shape (measured 99.2-
/// 99.3%; the rest are bodies that are not JSON and whose end copied text
/// does not show, requests the docs' annotations name, and cells the
/// space-separated shape can't split). `SHAPE_DEBUG=1` prints each
/// differing operation and its first difference; `SHAPE_DUMP=DIR` keeps
/// the renderings there.
#[test]
#[cfg_attr(not(corpus), ignore = "needs the real corpus, ../shared/graph-docs/v1.0, beside the clone")]
fn corpus_renderings_give_the_markdowns_operations() {
    const FLOOR: f64 = 99.0;
    let corpus = graphgen_tests::needed_corpus();
    let (_, markdown) = schema_of(&corpus, None);
    let want = operations_by_page(&markdown);
    let mut pages = Vec::new();
    for sub in ["api", "resources"] {
        for e in std::fs::read_dir(corpus.join(sub)).unwrap() {
            let p = e.unwrap().path();
            pages.push((format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()), std::fs::read_to_string(&p).unwrap()));
        }
    }
    let debug = std::env::var("SHAPE_DEBUG").is_ok();
    let mut failures = Vec::new();
    for shape in [Shape::CopiedPipeRows, Shape::CopiedCellLines, Shape::CopiedSpaced] {
        let dir = match std::env::var("SHAPE_DUMP") {
            Ok(to) => tempfile::TempDir::new_in(std::fs::create_dir_all(&to).map(|_| to).unwrap()).unwrap(),
            Err(_) => tempfile::tempdir().unwrap(),
        };
        // Under v1.0/, as in a checkout: the version a copied page does not state is its folder's.
        let root = dir.path().join("v1.0");
        for (rel, text) in &pages {
            let target = root.join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, render_copied(text, shape)).unwrap();
        }
        let (read, schema) = schema_of(&root, None);
        let got = operations_by_page(&schema);
        let mut causes: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        let mut unexplained = 0;
        for (key, facts) in want.iter().filter(|(k, f)| got.get(*k) != Some(*f)) {
            let cause = first_difference(facts, got.get(key));
            let said = read.iter().any(|p| p.file == key.0 && !p.diagnostics.is_empty()) || schema.diagnostics.iter().any(|d| d.file == key.0);
            if debug {
                eprintln!("  {} {}: {cause}{}", key.0, key.1, if said { "" } else { " (no diagnostic)" });
            }
            *causes
                .entry(cause.split(" vs ").next().unwrap_or("").trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ').to_owned())
                .or_default() += 1;
            unexplained += usize::from(!said);
        }
        let differ: usize = causes.values().sum();
        let share = (want.len() - differ) as f64 * 100.0 / want.len() as f64;
        eprintln!("{}: {} of {} operations identical to the Markdown's ({share:.1}%); {differ} differ ({unexplained} on a page with no diagnostic), by cause: {causes:?}", shape.name(), want.len() - differ, want.len());
        if std::env::var("SHAPE_DUMP").is_ok() {
            eprintln!("  rendered in {}", dir.keep().display());
        }
        if share < FLOOR {
            failures.push(format!("{}: {share:.1}% identical, below {FLOOR}%", shape.name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A base's Derived types table gives its derived types their base in
/// every shape: the rendered page shows the table (the links' text), where
/// a derived page's `baseType` annotation is not shown at all; so do rows
/// that say they are inherited from a type, and a sentence that says the
/// page's type is derived from one.
#[test]
fn a_derived_types_table_and_inherited_rows_give_the_base_in_every_shape() {
    let front = |title: &str| format!("---\ntitle: \"{title}\"\ndoc_type: resourcePageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n");
    let base = format!(
        "{}Une classe abstraite, 抽象.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| kind | String | Le genre. |\n\n## Derived types\n\n| Type | Description |\n|:---|:---|\n| [organizerMeetingInfo](organizermeetinginfo.md) | Details about the organizer, l'organisateur. |\n| [tokenMeetingInfo](./tokenmeetinginfo.md) | An encrypted token. |\n",
        front("meetingInfo resource type")
    );
    let derived = |name: &str| {
        format!(
            "{}Détails.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| {name}Value | String | Ünïcode 日本. |\n",
            front(&format!("{name} resource type"))
        )
    };
    // A base only its rows say ("Inherited from"), as a copied page shows it.
    let rows = format!(
        "{}Un enregistrement.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| kind | String | Le genre. Inherited from [meetingInfo](meetinginfo.md). |\n| at | DateTimeOffset | Quand, 何時. |\n",
        front("recordInfo resource type")
    );
    // A base only its prose says, where the page shows its JSON ("The X
    // resource is derived from Y"), beside a sentence of another type's.
    let prose = format!(
        "{}Un lien.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| href | String | L'adresse, 住所. |\n\n## JSON representation\n\nThe **linkInfo** resource is derived from [**meetingInfo**][meetingInfo] and inherits properties from that resource. The **recordInfo** resource is derived from linkInfo.\n\n```json\n{{\n  \"href\": \"String\"\n}}\n```\n\n[meetingInfo]: meetinginfo.md\n",
        front("linkInfo resource type")
    );
    let pages = [
        ("resources/meetinginfo.md", base),
        ("resources/organizermeetinginfo.md", derived("organizerMeetingInfo")),
        ("resources/tokenmeetinginfo.md", derived("tokenMeetingInfo")),
        ("resources/recordinfo.md", rows),
        ("resources/linkinfo.md", prose),
    ];
    for shape in graphgen::blocks::Shape::ALL {
        let pages: Vec<(&str, &str)> = pages.iter().map(|(path, text)| (*path, text.as_str())).collect();
        let schema = schema_in_shape(&pages, shape);
        let bases: Vec<(&str, Option<&str>)> = schema.types.iter().map(|t| (t.name.as_str(), t.base_type.as_deref())).collect();
        assert_eq!(
            bases,
            [
                ("linkInfo", Some("microsoft.graph.meetingInfo")),
                ("meetingInfo", None),
                ("organizerMeetingInfo", Some("microsoft.graph.meetingInfo")),
                ("recordInfo", Some("microsoft.graph.meetingInfo")),
                ("tokenMeetingInfo", Some("microsoft.graph.meetingInfo"))
            ],
            "{}: {:?}",
            shape.name(),
            schema.diagnostics
        );
    }
}

/// A permissions table per resource (a row per resource, a column per
/// permission type) gives the same permissions in every shape: the
/// rendered table keeps its cells, and the page's own word heads the
/// resources (`Supported resource`, `Calendar`).
#[test]
fn a_permissions_table_per_resource_is_read_in_every_shape() {
    let page = "---\ntitle: \"Get attachment\"\ndoc_type: apiPageType\n---\n\n# Get attachment\n\nNamespace: microsoft.graph\n\nRead an attachment, une pièce jointe.\n\n## Permissions\n\nDepending on the resource, one of the following permissions is required.\n\n| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:-----|:-----|:-----|:-----|\n| événement | Calendars.Read | Calendars.Read | Calendars.Read |\n| group post | Group.Read.All, Group.ReadWrite.All | Not supported. | Not supported. |\n| chatMessage (/chats/{id}/messages) | Not supported | Not supported | Chat.Read.All* |\n\n## HTTP request\n\n```http\nGET /me/events/{id}/attachments/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";
    for shape in graphgen::blocks::Shape::ALL {
        let schema = schema_in_shape(&[("api/attachment-get.md", page)], shape);
        let op = schema.operations.first().unwrap_or_else(|| panic!("{}: an operation in {:?}", shape.name(), schema.diagnostics));
        type Lists = Option<Vec<String>>;
        let rows: Vec<(String, Lists, Lists, Lists)> = op
            .permissions
            .by_resource
            .iter()
            .map(|r| (r.resource.clone(), r.delegated_work.clone(), r.delegated_personal.clone(), r.application.clone()))
            .collect();
        let names = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            rows,
            [
                ("événement".to_owned(), names(&["Calendars.Read"]), names(&["Calendars.Read"]), names(&["Calendars.Read"])),
                ("group post".to_owned(), names(&["Group.Read.All", "Group.ReadWrite.All"]), Some(vec![]), Some(vec![])),
                ("chatMessage (/chats/{id}/messages)".to_owned(), Some(vec![]), Some(vec![]), names(&["Chat.Read.All"])),
            ],
            "{}: {:?}",
            shape.name(),
            schema.diagnostics
        );
        assert!(op.permissions.delegated_work.is_none(), "{}: the operation's own stay unknown", shape.name());
    }
}

/// The permissions tables since 2023 (`Least privileged permissions |
/// Higher privileged permissions`, "Not available." where there is no
/// higher one), each for a case of its own, read alike in every shape:
/// least privileged first, and per case.
#[test]
fn three_column_permission_tables_per_case_are_read_in_every_shape() {
    let table = |work: &str, higher: &str| {
        format!("|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|{work}|{higher}|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application|Not supported.|Not supported.|\n\n")
    };
    let page = format!(
        "---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n\n# Get widget\n\nNamespace: microsoft.graph\n\nLit un widget, ウィジェット.\n\n## Permissions\n\nChoose the permission or permissions marked as least privileged for this API.\n\n### Permissions acting on self\n\n{}### Permissions acting on other users\n\n{}## HTTP request\n\n```http\nGET /me/widgets/{{id}}\nGET /users/{{id}}/widgets/{{id}}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n",
        table("Widget.Read", "Widget.ReadWrite"),
        table("Widget.Read.All", "Not available."),
    );
    for shape in graphgen::blocks::Shape::ALL {
        let schema = schema_in_shape(&[("api/widget-get.md", &page)], shape);
        let op = schema.operations.first().unwrap_or_else(|| panic!("{}: an operation in {:?}", shape.name(), schema.diagnostics));
        type Lists = Option<Vec<String>>;
        let cases: Vec<(String, Lists, Lists)> =
            op.permissions.by_resource.iter().map(|r| (r.resource.clone(), r.delegated_work.clone(), r.application.clone())).collect();
        let names = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            cases,
            [
                ("Permissions acting on self".to_owned(), names(&["Widget.Read", "Widget.ReadWrite"]), Some(vec![])),
                ("Permissions acting on other users".to_owned(), names(&["Widget.Read.All"]), Some(vec![])),
            ],
            "{}: {:?}",
            shape.name(),
            schema.diagnostics
        );
        assert!(op.permissions.delegated_work.is_none(), "{}: the operation's own stay unknown", shape.name());
    }
}

/// Today's template for permissions per case, as a rendered page shows it
/// (its fragments inlined): a sentence naming the case, the request paths
/// of that case, its table. Every shape keeps each case's name, paths and
/// permissions, so a call finds its case by its path in any of them.
#[test]
fn permission_cases_keep_their_paths_in_every_shape() {
    let case = |sentence: &str, paths: &str, work: &str| {
        format!("{sentence}\n\n```http\n{paths}\n```\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|{work}|Not available.|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application|Not supported.|Not supported.|\n\n")
    };
    let page = format!(
        "---\ntitle: \"List widgets\"\ndoc_type: apiPageType\n---\n\n# List widgets\n\nNamespace: microsoft.graph\n\nListe les widgets — ウィジェット.\n\n## Permissions\n\nChoose the permission or permissions marked as least privileged for this API.\n\n{}{}## HTTP request\n\n```http\nGET /users/{{userId}}/widgets\nGET /groups/{{groupId}}/widgets\nGET /groups/{{groupId}}/widgets/{{widgetId}}/parts\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n",
        case("Permissions pour un utilisateur :", "GET /users/{userId}/widgets", "Widget.Read"),
        case("Permissions pour un groupe :", "GET /groups/{groupId}/widgets\nGET /groups/{groupId}/widgets/{widgetId}/parts", "GroupWidget.Read"),
    );
    for shape in graphgen::blocks::Shape::ALL {
        let schema = schema_in_shape(&[("api/widget-list.md", &page)], shape);
        let op = schema.operations.first().unwrap_or_else(|| panic!("{}: an operation in {:?}", shape.name(), schema.diagnostics));
        let cases: Vec<(&str, Vec<&str>, Option<&str>)> = op
            .permissions
            .by_resource
            .iter()
            .map(|r| {
                (
                    r.resource.as_str(),
                    r.paths.iter().map(String::as_str).collect(),
                    r.delegated_work.as_ref().and_then(|w| w.first()).map(String::as_str),
                )
            })
            .collect();
        assert_eq!(
            cases,
            [
                ("Permissions pour un utilisateur", vec!["/users/{userId}/widgets"], Some("Widget.Read")),
                (
                    "Permissions pour un groupe",
                    vec!["/groups/{groupId}/widgets", "/groups/{groupId}/widgets/{widgetId}/parts"],
                    Some("GroupWidget.Read")
                ),
            ],
            "{}: {:?}",
            shape.name(),
            schema.diagnostics
        );
        let paths: Vec<&str> = op.paths.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(paths, ["/users/{userId}/widgets", "/groups/{groupId}/widgets", "/groups/{groupId}/widgets/{widgetId}/parts"], "{}", shape.name());
    }
}

/// Instance attributes ("properties with special behaviors",
/// `@microsoft.graph.downloadUrl`) in a section of their own after the
/// relationships, as driveItem's page has them, are the resource's
/// properties in every shape: not dropped (Markdown) nor read as
/// relationships (copied text, which did not know the heading).
#[test]
fn instance_attributes_are_properties_in_every_shape() {
    let page = "---\ntitle: \"item resource type\"\ndoc_type: resourcePageType\n---\n\n# item resource type\n\nNamespace: microsoft.graph\n\nUn élément, 項目.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| name | String | Le nom. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| children | [item](item.md) collection | Les enfants. |\n\n## Instance Attributes\n\nInstance attributes are properties with special behaviors.\n\n| Property name | Type | Description |\n|:---|:---|:---|\n| @microsoft.graph.downloadUrl | string | A URL to download the content, ünï. Read-only. |\n\n## JSON representation\n\n```json\n{\n  \"name\": \"String\"\n}\n```\n";
    for shape in graphgen::blocks::Shape::ALL {
        let schema = schema_in_shape(&[("resources/item.md", page)], shape);
        let item = schema.types.iter().find(|t| t.name == "item").unwrap_or_else(|| panic!("{}: {:?}", shape.name(), schema.diagnostics));
        let props: Vec<(&str, &str, bool)> = item.properties.iter().map(|p| (p.name.as_str(), p.type_name.as_str(), p.navigation)).collect();
        assert_eq!(
            props,
            [("name", "Edm.String", false), ("@microsoft.graph.downloadUrl", "Edm.String", false), ("children", "microsoft.graph.item", true)],
            "{}: {:?}",
            shape.name(),
            schema.diagnostics
        );
    }
}

/// An operation's request headers, required and optional in tables of
/// their own, are read alike in every shape (a header named in one word:
/// the space-separated shape cannot tell where a name of several words
/// ends, as with `Prefer: outlook.timezone`, and says so).
#[test]
fn request_headers_are_read_in_every_shape() {
    let page = "---\ntitle: \"List widgets\"\ndoc_type: apiPageType\n---\n\n# List widgets\n\nNamespace: microsoft.graph\n\nListe les widgets, ウィジェット.\n\n## HTTP request\n\n```http\nGET /widgets\n```\n\n## Request headers\n\n| Name | Description |\n|:---|:---|\n| Authorization | Bearer {token}. Required. |\n| ConsistencyLevel | eventual. Requis pour `$search`, 必須. |\n\n### Optional request headers\n\n| Name | Value | Description |\n|:---|:---|:---|\n| If-None-Match | etag | A 304 if it matches. |\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";
    for shape in graphgen::blocks::Shape::ALL {
        let schema = schema_in_shape(&[("api/widget-list.md", page)], shape);
        let op = schema.operations.first().unwrap_or_else(|| panic!("{}: {:?}", shape.name(), schema.diagnostics));
        let headers: Vec<(&str, String)> = op.request_headers.iter().map(|h| (h.name.as_str(), h.description.replace('`', ""))).collect();
        assert_eq!(
            headers,
            [
                ("Authorization", "Bearer {token}. Required.".to_owned()),
                ("ConsistencyLevel", "eventual. Requis pour $search, 必須.".to_owned()),
                ("If-None-Match", "etag: A 304 if it matches.".to_owned()),
            ],
            "{}: {:?}",
            shape.name(),
            schema.diagnostics
        );
    }
}
