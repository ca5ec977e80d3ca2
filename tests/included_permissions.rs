//! Operation pages of the docs repository since 2023 include their
//! permissions table from a file of its own (`[!INCLUDE [permissions-table]
//! (../includes/permissions/<page>-permissions.md)]`), in three columns
//! (least privileged, then higher privileged). Read from a folder, the
//! table is read where the page includes it; what cannot be read is said
//! where it is included, and the permissions stay unknown.

use graphgen::schema::OperationDef;
use graphgen_tests::{cargo_in, written_crate};
use std::path::Path;

/// An operation page in the current template, its permissions included
/// from `include` (as the line writes it).
fn page(title: &str, path: &str, include: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\nms.date: 03/14/2025\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n\
         Lit les propriétés d'un widget (données « réelles »).\n\n[!INCLUDE [national-cloud-support](../../includes/all-clouds.md)]\n\n\
         ## Permissions\n\nChoose the permission or permissions marked as least privileged for this API.\n\n\
         <!-- {{ \"blockType\": \"permissions\", \"name\": \"widget_get\" }} -->\n[!INCLUDE [permissions-table]({include})]\n\n\
         ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
    )
}

const TABLE: &str = "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
    |Delegated (work or school account)|Widget.Read|Widget.ReadWrite, Directory.Read.All|\n\
    |Delegated (personal Microsoft account)|Not supported.|Not supported.|\n\
    |Application|Widget.Read.All|Widget.ReadWrite.All|\n";

fn write(root: &Path, file: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn operation<'a>(schema: &'a graphgen::schema::Schema, path: &str) -> &'a OperationDef {
    schema.operations.iter().find(|o| o.paths.iter().any(|p| p.text == path)).unwrap_or_else(|| panic!("no operation on {path}"))
}

/// Each diagnostic as `file:line code`.
fn said(pages: &[graphgen::PageResult]) -> Vec<String> {
    let mut out: Vec<String> = pages.iter().flat_map(|p| &p.diagnostics).map(|d| format!("{}:{} {}", d.file, d.line, d.code)).collect();
    out.sort();
    out
}

#[test]
fn permissions_tables_are_read_where_pages_include_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("v1.0");
    write(&root, "api/widget-get.md", page("Get widget", "/widgets/{widget-id}", "../includes/permissions/widget-get-permissions.md"));
    write(&root, "includes/permissions/widget-get-permissions.md", TABLE);
    // The include is absent (a folder copied without includes/).
    write(&root, "api/widget-list.md", page("List widgets", "/widgets", "../includes/permissions/widget-list-permissions.md"));
    // Bytes that are not UTF-8 and a row cut short, in the fragment.
    write(&root, "api/widget-delete.md", page("Delete widget", "/widgets/{widget-id}/old", "../includes/permissions/widget-delete-permissions.md"));
    let mut junk = TABLE.as_bytes()[..TABLE.find("|Application").unwrap()].to_vec();
    junk.extend_from_slice(b"|Application|\xff\xfeWidget.ReadWrite.All\n|Delegated (work");
    write(&root, "includes/permissions/widget-delete-permissions.md", junk);
    // A fragment with no table; a link that is not a Markdown file.
    write(&root, "api/widget-empty.md", page("Empty widget", "/widgets/empty", "../includes/notes.md"));
    write(&root, "includes/notes.md", "Widgets are 🙂.\n");
    write(&root, "api/widget-url.md", page("Remote widget", "/widgets/remote", "https://example.com/permissions.md"));

    // The 2021 template: the table in the page, a note included after it
    // (absent here: it is in the repository's top folder).
    let old = page("Old widget", "/widgets/legacy", "../includes/permissions/none.md").replace(
        "[!INCLUDE [permissions-table](../includes/permissions/none.md)]",
        &format!("{TABLE}\n[!INCLUDE [limited-info](../../includes/limited-info.md)]"),
    );
    write(&root, "api/widget-old.md", old);

    let pages = graphgen::read_pages(&root, None, None).unwrap();
    let schema = graphgen::build(&pages);

    // Least privileged first: the column of its own, then the higher ones.
    let get = &operation(&schema, "/widgets/{widget-id}").permissions;
    assert_eq!(get.delegated_work.as_deref(), Some(&["Widget.Read", "Widget.ReadWrite", "Directory.Read.All"].map(String::from)[..]));
    assert_eq!(get.delegated_personal, Some(Vec::new()), "not supported: none, not unknown");
    assert_eq!(get.application.as_deref(), Some(&["Widget.Read.All", "Widget.ReadWrite.All"].map(String::from)[..]));
    assert!(get.least_privileged_first);
    assert_eq!(operation(&schema, "/widgets/legacy").permissions, *get, "a note included beside the table is not its table");

    // Unreadable: unknown, said once where it is included.
    for path in ["/widgets", "/widgets/empty", "/widgets/remote"] {
        let p = &operation(&schema, path).permissions;
        assert_eq!((&p.delegated_work, &p.delegated_personal, &p.application), (&None, &None, &None), "{path}");
    }
    // The fragment's own problems at its own lines; the rows before them read.
    let delete = &operation(&schema, "/widgets/{widget-id}/old").permissions;
    assert_eq!(delete.delegated_work.as_deref().map(<[String]>::len), Some(3));
    assert_eq!(delete.application, None, "a name with replaced bytes is no name");
    assert_eq!(
        said(&pages),
        [
            "api/widget-empty.md:20 include-unreadable",
            "api/widget-list.md:20 include-unreadable",
            "api/widget-url.md:20 include-unreadable",
            "includes/permissions/widget-delete-permissions.md:5 encoding-invalid",
            "includes/permissions/widget-delete-permissions.md:5 permission-cell-unreadable",
        ]
    );
    let message = |file: &str| pages.iter().find(|p| p.file == file).unwrap().diagnostics[0].message.clone();
    assert!(message("api/widget-list.md").contains("includes/permissions/widget-list-permissions.md: "), "{}", message("api/widget-list.md"));
    assert!(message("api/widget-empty.md").contains("includes/notes.md, which this line includes, holds none"));

    // The scopes a workload needs, as `graphgen permissions` prints them.
    let report = graphgen::permissions_report(&schema);
    assert!(report.contains("Delegated (work or school account): Widget.Read\n"), "{report}");
    assert!(report.contains("Application: Widget.Read.All\n    unknown (the docs do not say): 4 operations: Delete widget;"), "{report}");
}

#[test]
fn a_page_read_as_text_says_its_table_is_not_read() {
    let text = page("Get widget", "/widgets/{id}", "../includes/permissions/widget-get-permissions.md");
    let result = graphgen::read_page_text("api/widget-get.md", &text, None);
    let codes: Vec<_> = result.diagnostics.iter().map(|d| (d.line, d.code)).collect();
    assert_eq!(codes, [(20, "include-unreadable")]);
    assert!(result.diagnostics[0].message.contains("without the folder its fragments are in"));
}

/// Today's template for an operation whose permissions differ by case: a
/// sentence, the request paths of that case, the table included; again
/// for the next case. Each case keeps its name and its paths.
#[test]
fn included_tables_per_case_keep_their_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("beta");
    let case = |sentence: &str, path: &str, fragment: &str| {
        format!("{sentence}\n\n<!-- {{ \"blockType\": \"ignored\"}} -->\n``` http\nGET {path}\n```\n\n<!-- {{ \"blockType\": \"permissions\", \"name\": \"x\", \"requestUrls\": [\"GET {path}\"] }} -->\n[!INCLUDE [permissions-table](../includes/permissions/{fragment})]\n\n")
    };
    let cases = format!(
        "{}{}",
        case("Permissions pour un utilisateur :", "/users/{userId}/widgets", "widget-list-permissions.md"),
        case("Permissions pour un groupe :", "/groups/{groupId}/widgets", "widget-list-2-permissions.md"),
    );
    let page = page("List widgets", "/users/{userId}/widgets\nGET /groups/{groupId}/widgets", "none.md")
        .replace("<!-- { \"blockType\": \"permissions\", \"name\": \"widget_get\" } -->\n[!INCLUDE [permissions-table](none.md)]\n", &cases);
    write(&root, "api/widget-list.md", page);
    write(&root, "includes/permissions/widget-list-permissions.md", TABLE);
    write(&root, "includes/permissions/widget-list-2-permissions.md", TABLE.replace("Widget.", "GroupWidget."));
    let pages = graphgen::read_pages(&root, None, None).unwrap();
    let schema = graphgen::build(&pages);
    calls_pick_their_case_by_their_path(&schema);
    let p = &operation(&schema, "/groups/{groupId}/widgets").permissions;
    let got: Vec<(&str, Vec<&str>, Option<&str>)> = p
        .by_resource
        .iter()
        .map(|r| {
            (r.resource.as_str(), r.paths.iter().map(String::as_str).collect(), r.delegated_work.as_ref().and_then(|w| w.first()).map(String::as_str))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Permissions pour un utilisateur", vec!["/users/{userId}/widgets"], Some("Widget.Read")),
            ("Permissions pour un groupe", vec!["/groups/{groupId}/widgets"], Some("GroupWidget.Read")),
        ]
    );
    assert!(p.delegated_work.is_none(), "the operation's own stay unknown");
    assert_eq!(said(&pages), Vec::<String>::new(), "the paths before each table are its case's, not misplaced request lines");
}

/// What a user of the crate writes: the chain for each case's path, and
/// the scopes a set of calls needs, each call's case chosen by the path it
/// sends. Compiled and run as a user builds the crate.
const PROBE: &str = r#"use graph_client::runtime::{needed, PermissionType};
use graph_client::{Client, Cloud, Navigate};

#[test]
fn each_call_has_its_cases_permissions() {
    let client = Client::new(Cloud::Global, "t");
    let mine = client.beta().users().by_id("ünï@x.com").widgets().get();
    let theirs = client.beta().groups().by_id("42").widgets().get();
    assert_eq!(mine.permissions().delegated_work, Some(&["Widget.Read", "Widget.ReadWrite", "Directory.Read.All"][..]));
    assert_eq!(theirs.permissions().application, Some(&["GroupWidget.Read.All", "GroupWidget.ReadWrite.All"][..]));
    assert!(theirs.permissions().by_resource.is_empty());
    let both = needed(&[("mine", mine.permissions()), ("theirs", theirs.permissions())], PermissionType::DelegatedWork);
    assert_eq!((both.scopes, both.by_resource), (vec!["GroupWidget.Read", "Widget.Read"], vec![]));
    // The operation as a whole still says it depends on the case.
    let whole = needed(&[("list", graph_client::beta::operations::ListWidgets::PERMISSIONS)], PermissionType::DelegatedWork);
    assert_eq!(whole.by_resource, vec!["list"]);
}
"#;

fn calls_pick_their_case_by_their_path(schema: &graphgen::schema::Schema) {
    let (files, _) = graphgen::emit_crate(schema, &Default::default());
    let (_out, crate_dir) = written_crate(&files);
    std::fs::write(crate_dir.join("tests/probe.rs"), PROBE).unwrap();
    let output = cargo_in(&crate_dir, &["test", "--quiet", "--test", "probe"]);
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success() && text.contains("1 passed"), "the probe fails:\n{text}");
}
