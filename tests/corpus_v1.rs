//! All of the real v1.0 reference (../shared/graph-docs/v1.0): pages with
//! errors, request lines, example bodies. Skips where the corpus is absent.

use graphgen::diagnostics::Severity;
use graphgen_tests::{corpus, request_lines, schema_of};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn v1_pages_request_lines_and_examples() {
    let Some(dir) = corpus() else {
        eprintln!("skipped: ../shared/graph-docs/v1.0 is not on this machine");
        return;
    };
    let (pages, schema) = schema_of(&dir, None);
    assert!(pages.len() > 3000);

    let with_errors = pages.iter().filter(|p| p.diagnostics.iter().any(|d| d.severity == Severity::Error)).count();
    assert!(with_errors * 100 <= pages.len(), "{with_errors} of {} pages have errors (more than 1%)", pages.len());

    let mut in_schema: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for op in &schema.operations {
        let file = op.source.rsplit_once(':').map_or(op.source.as_str(), |(f, _)| f);
        in_schema.entry(file).or_default().extend(op.paths.iter().map(String::as_str));
    }
    let mut missing = Vec::new();
    let mut total = 0;
    for (file, lines) in request_lines(&dir, "") {
        for (line, path) in lines {
            total += 1;
            if !in_schema.get(file.as_str()).is_some_and(|paths| paths.contains(path.as_str())) {
                missing.push(format!("{file}:{line}: {path}"));
            }
        }
    }
    assert!(total > 3000, "{total} request lines");
    assert!(missing.is_empty(), "{} of {total} request lines are not in the schema:\n{}", missing.len(), missing.join("\n"));

    let report = graphgen::report::build(&pages, &schema, &[]);
    let b = &report.example_bodies;
    let read = b.strict + b.lenient;
    assert!(read * 1000 >= (read + b.unreadable) * 995, "only {read} of {} example JSON bodies are in the schema", read + b.unreadable);
}
