//! A version's models split into crates in layers (`--models-layer-bytes`):
//! the seeds' crate, split as far as it goes, keeps every type's file where
//! it was, refers only down its layers, and builds, whole and with one
//! workload, with warnings as errors.

use graphgen_tests::{cargo_in, docs_input, schema_of, written_crate};
use std::collections::BTreeMap;

#[test]
fn models_split_in_layers_build_whole_and_per_workload() {
    let (_, schema) = schema_of(&docs_input(), None);
    // One byte a layer: every depth of references its own layer.
    let options = graphgen::EmitOptions { models_layer_bytes: 1, ..Default::default() };
    let (files, _) = graphgen::emit_crate(&schema, &options);
    let text = |path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.as_str());
    let layer_roots: Vec<&str> =
        files.iter().map(|f| f.path.as_str()).filter(|p| p.starts_with("models/v1_0/layer") && p.ends_with("/src/lib.rs")).collect();
    assert!(!layer_roots.is_empty(), "v1.0's models are split");

    // Each layer's modules and the names they export; the models crate is
    // the top layer.
    let count = layer_roots.len() + 1;
    let roots = std::iter::once(("models/v1_0/src/lib.rs", count)).chain(layer_roots.iter().map(|r| {
        let number = r.trim_start_matches("models/v1_0/layer").split('/').next().and_then(|n| n.parse().ok()).expect("layerN");
        (*r, number)
    }));
    let mut layer_of_module: BTreeMap<String, usize> = BTreeMap::new();
    let mut module_of_name: BTreeMap<String, String> = BTreeMap::new();
    for (root_file, layer) in roots {
        let lib = text(root_file).expect("a layer's root");
        for line in lib.lines().map(str::trim) {
            if let Some(module) = line.strip_prefix("mod ").map(|m| m.trim_end_matches(';')) {
                // Its file stays in the models crate's src/.
                assert!(text(&format!("models/v1_0/src/{module}.rs")).is_some(), "{module} stays in models/v1_0/src");
                if layer != count {
                    assert!(lib.contains(&format!("#[path = \"../../src/{module}.rs\"]")), "{root_file} includes {module} from the models crate");
                }
                assert!(layer_of_module.insert(module.to_owned(), layer).is_none(), "{module} is in one layer");
            } else if let Some((module, names)) = line.strip_prefix("pub use ").and_then(|u| u.split_once("::")) {
                for name in names.trim_matches(|c| "{};".contains(c)).split(',') {
                    module_of_name.insert(name.trim().to_owned(), module.to_owned());
                }
            }
        }
    }
    assert_eq!(layer_of_module.values().copied().min(), Some(1), "a lowest layer");
    let type_files = files.iter().filter(|f| f.path.starts_with("models/v1_0/src/") && !f.path.ends_with("/lib.rs")).count();
    assert_eq!(layer_of_module.len(), type_files, "every type's file is in a layer");
    // Every reference goes to the same layer or one below.
    let mut references = 0;
    for (module, layer) in &layer_of_module {
        let file = text(&format!("models/v1_0/src/{module}.rs")).expect("a type's file");
        for (at, _) in file.match_indices("super::") {
            let rest = &file[at + "super::".len()..];
            let name = &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())];
            let Some(other) = module_of_name.get(name) else { continue };
            references += 1;
            assert!(layer_of_module[other] <= *layer, "{module} (layer {layer}) refers to {name} of {other} (layer {})", layer_of_module[other]);
        }
    }
    assert!(references > 0, "the seeds' models refer to each other");

    let (_out, crate_dir) = written_crate(&files);
    for features in [&["--features", "all-workloads"][..], &["--no-default-features", "--features", "users"]] {
        let output = cargo_in(&crate_dir, &[&["check", "--quiet", "--tests"][..], features].concat());
        assert!(output.status.success(), "the layered crate with {features:?} does not build:\n{}", String::from_utf8_lossy(&output.stderr));
    }
}
