//! The same page in all four shapes yields the same schema: the Markdown
//! pages of docs-input/ (seed 003 and our own fixtures) are rendered into
//! the three copied-text shapes and each rendering is read back.

use graphgen::blocks::Shape;
use graphgen_tests::{docs_input, render_copied, schema_of};
use serde_json::Value;
use std::path::Path;

/// The markdown pages of docs-input/, by path relative to it.
fn markdown_pages() -> Vec<(String, String)> {
    let root = docs_input();
    let mut pages = Vec::new();
    for entry in walk(&root) {
        let text = std::fs::read_to_string(&entry).unwrap();
        if graphgen::parse::detect_shape(&text) == Shape::Markdown {
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
            assert_eq!(graphgen::parse::detect_shape(&rendered), shape, "{path} rendered as {}:\n{rendered}", shape.name());
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
