//! All of the real v1.0 reference (../shared/graph-docs/v1.0): pages with
//! errors, request lines, example bodies. Skips where the corpus is absent.

use graphgen::schema::ApiVersion;
use graphgen::Severity;
use graphgen_tests::{http_json_bodies, needed_corpus, request_lines, schema_of};
use std::collections::{BTreeMap, BTreeSet};

#[test]
#[cfg_attr(not(corpus), ignore = "needs the real corpus, ../shared/graph-docs/v1.0, beside the clone")]
fn v1_pages_request_lines_and_examples() {
    let dir = needed_corpus();
    let (pages, schema) = schema_of(&dir, None);
    assert!(pages.len() > 3000);

    let with_errors = pages.iter().filter(|p| p.diagnostics.iter().any(|d| d.severity == Severity::Error)).count();
    assert!(with_errors * 100 <= pages.len(), "{with_errors} of {} pages have errors (more than 1%)", pages.len());

    let mut in_schema: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for op in &schema.operations {
        let file = op.source.file.as_str();
        in_schema.entry(file).or_default().extend(op.paths.iter().map(graphgen::schema::DocumentedPath::as_str));
    }
    // A line read as another path (a placeholder in the wrong brackets, an
    // example host where a key goes, values for a function's declared
    // parameters) says so at that line.
    let repaired: BTreeSet<(&str, usize)> = pages
        .iter()
        .flat_map(|p| p.diagnostics.iter())
        .filter(|d| d.code.starts_with("path-placeholder-") || matches!(d.code, "path-arguments-as-values" | "path-ellipsis" | "path-example-host"))
        .map(|d| (d.file.as_str(), d.line))
        .collect();
    let (mut missing, mut said) = (Vec::new(), 0);
    let mut total = 0;
    for (file, lines) in request_lines(&dir, "") {
        for (line, path) in lines {
            total += 1;
            if in_schema.get(file.as_str()).is_some_and(|paths| paths.contains(path.as_str())) {
                continue;
            }
            match repaired.contains(&(file.as_str(), line)) {
                true => said += 1,
                false => missing.push(format!("{file}:{line}: {path}")),
            }
        }
    }
    eprintln!("request lines: {total}, of which {said} are read as another path, as their diagnostic says");
    assert!(total > 3000, "{total} request lines");
    assert!(missing.is_empty(), "{} of {total} request lines are not in the schema:\n{}", missing.len(), missing.join("\n"));

    // Each HTTP block with a JSON body, found independently, against the
    // blocks whose JSON body graphgen read (pages with errors are not in the
    // schema; there are none).
    let in_pages = http_json_bodies(&dir);
    let mut read = BTreeSet::new();
    for p in pages.iter().filter(|p| !p.diagnostics.iter().any(|d| d.severity == Severity::Error)) {
        for ex in p.model.iter().flat_map(|m| m.operation.iter()).flat_map(|o| &o.examples) {
            let request = ex.request.as_ref().filter(|r| matches!(r.body, Some(graphgen::page::Body::Json(_)))).map(|r| r.line);
            let response = ex.response.as_ref().filter(|r| matches!(r.body, Some(graphgen::page::Body::Json(_)))).map(|r| r.line);
            read.extend(request.into_iter().chain(response).map(|line| (p.file.clone(), line)));
        }
    }
    // Operation pages' examples have their operation; a resource page's
    // (excel.md's how-tos) have none to belong to in the schema, and are
    // counted apart.
    let of_operations: BTreeSet<_> = in_pages.iter().filter(|(f, _)| f.starts_with("api/")).cloned().collect();
    let found = of_operations.intersection(&read).count();
    let missing: Vec<_> = of_operations.difference(&read).collect();
    let on_resource_pages = in_pages.len() - of_operations.len();
    eprintln!(
        "JSON bodies: {found} of the {} in the HTTP blocks of operation pages are in the schema; missing: {missing:?}; {on_resource_pages} more stand on resource pages, where no operation takes them",
        of_operations.len()
    );
    assert!(
        found * 1000 >= of_operations.len() * 995,
        "only {found} of the {} JSON bodies of the operation pages' HTTP blocks are in the schema: {missing:?}",
        of_operations.len()
    );
}

/// Facts come from where the docs state them: every field of every type is
/// a row of a table of the docs (checked by reading the line each source
/// names), so no field comes from an example alone.
#[test]
#[cfg_attr(not(corpus), ignore = "needs the real corpus, ../shared/graph-docs/v1.0, beside the clone")]
fn v1_fields_come_from_tables() {
    let dir = needed_corpus();
    let (_, schema) = schema_of(&dir, None);
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut line_of = |source: &graphgen::schema::Source| -> String {
        let lines = files
            .entry(source.file.clone())
            .or_insert_with(|| std::fs::read_to_string(dir.join(&source.file)).unwrap().lines().map(str::to_owned).collect());
        lines[source.line - 1].clone()
    };
    let mut fields = 0;
    for t in &schema.types {
        for p in &t.properties {
            fields += 1;
            let rows: Vec<String> = p
                .sources
                .iter()
                .map(&mut line_of)
                .filter(|l| l.contains('|') && l.to_ascii_lowercase().contains(&p.name.to_ascii_lowercase()))
                .collect();
            assert!(!rows.is_empty(), "{}.{} ({}) has no table row among its sources {:?}", t.name, p.name, t.api_version, p.sources);
        }
    }
    assert!(fields > 7_000, "{fields} fields");
    let directory_object = schema.types.iter().find(|t| t.name == "directoryObject" && t.api_version == ApiVersion::V1_0).unwrap();
    assert_eq!(directory_object.properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["id"], "directoryObject's page documents `id`");
    let user = schema.types.iter().find(|t| t.name == "user" && t.api_version == ApiVersion::V1_0).unwrap();
    let job_title = user.properties.iter().find(|p| p.name == "jobTitle").unwrap();
    assert_eq!(job_title.type_name, "Edm.String");
    let (files, _) = graphgen::emit_crate(&schema, &Default::default());
    let user_rs = files.iter().find(|f| f.path == "models/v1_0/src/user.rs").unwrap();
    assert!(user_rs.contents.contains("pub job_title: Field<String>,"), "User.job_title is Field<String>");
    assert!(user_rs.contents.contains("pub deleted_date_time: Field<crate::runtime::DateTimeOffset>,"), "deletedDateTime is a DateTimeOffset");
}
