//! `graphgen generate --output` never loses a file it did not write: run as
//! a user runs it, on folders holding other files, a file, the input
//! itself, two runs at once, and runs killed part way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn graphgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graphgen")).arg("generate").args(args).output().expect("graphgen runs")
}

fn generate_into(out: &Path, extra: &[&str]) -> Output {
    let input = docs_input();
    let mut args = vec!["--input", input.to_str().unwrap(), "--output", out.to_str().unwrap()];
    args.extend(extra);
    graphgen(&args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file below `dir` and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn foreign_files_and_git_survive() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("client");
    std::fs::create_dir_all(out.join(".git/refs")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/main").unwrap();
    let first = generate_into(&out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    std::fs::write(out.join("NOTES.md"), "mine").unwrap();
    std::fs::create_dir_all(out.join("src/mine")).unwrap();
    std::fs::write(out.join("src/mine/extra.rs"), "// mine").unwrap();
    let again = generate_into(&out, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(out.join("NOTES.md")).unwrap(), "mine");
    assert_eq!(std::fs::read_to_string(out.join("src/mine/extra.rs")).unwrap(), "// mine");
    assert_eq!(std::fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref: refs/heads/main");
    assert!(out.join("src/lib.rs").exists() && out.join(".graphgen-manifest").exists());
}

#[test]
fn a_folder_of_other_files_needs_force() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("NOTES.md"), "mine").unwrap();
    let refused = generate_into(root.path(), &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(snapshot(root.path()).len(), 1, "nothing written");
    let forced = generate_into(root.path(), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(root.path().join("NOTES.md")).unwrap(), "mine");
}

#[test]
fn a_file_as_output_is_refused_and_untouched() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("client");
    std::fs::write(&file, "mine").unwrap();
    let o = generate_into(&file, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(snapshot(root.path()).len(), 1, "no staging left beside it");
}

#[test]
fn input_as_output_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let pages = root.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::copy(docs_input().join("003_7298c1131f29a29c.txt"), pages.join("page.txt")).unwrap();
    let before = snapshot(&pages);
    let o = graphgen(&["--input", pages.to_str().unwrap(), "--output", pages.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is the --input folder"), "{}", stderr(&o));
    assert_eq!(snapshot(&pages), before);
}

#[test]
fn output_dot_leaves_no_staging() {
    let root = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .args(["generate", "--input", docs_input().to_str().unwrap(), "--output", "."])
        .current_dir(root.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains("graphgen-new") || n.contains("staging")), "{names:?}");
}

/// Two runs into one folder at once, from inputs that differ: the folder
/// ends holding one run's whole output.
#[test]
fn concurrent_runs_leave_one_whole_output() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    for (dir, pages) in
        [(&a, &["000_a4a3c3a145034a61.txt", "003_7298c1131f29a29c.txt"][..]), (&b, &["001_cb7601cd62fd6298.txt", "004_e075b16467251352.txt"][..])]
    {
        std::fs::create_dir_all(dir).unwrap();
        for p in pages {
            std::fs::copy(docs_input().join(p), dir.join(p)).unwrap();
        }
    }
    let expected: Vec<BTreeMap<String, Vec<u8>>> = [&a, &b]
        .iter()
        .map(|input| {
            let out = root.path().join(format!("alone-{}", input.file_name().unwrap().to_string_lossy()));
            assert!(graphgen(&["--input", input.to_str().unwrap(), "--output", out.to_str().unwrap()]).status.success());
            snapshot(&out)
        })
        .collect();
    for round in 0..3 {
        let out = root.path().join(format!("shared-{round}"));
        let runs: Vec<_> = [&a, &b]
            .iter()
            .map(|input| {
                Command::new(env!("CARGO_BIN_EXE_graphgen"))
                    .args(["generate", "--input", input.to_str().unwrap(), "--output", out.to_str().unwrap()])
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut r in runs {
            assert!(r.wait().unwrap().success());
        }
        let got = snapshot(&out);
        assert!(expected.contains(&got), "round {round}: the folder holds a mix of both runs ({} files)", got.len());
    }
}

/// A run killed at a random moment, again and again: the folder holds the
/// previous output whole or the new one whole, or, when the kill fell
/// inside the swap, a journal that the next run uses to put the previous
/// output back whole before it writes.
#[test]
fn killed_runs_leave_a_whole_output() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("client");
    let pages = root.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for p in ["002_ac125533bbd86a7e.txt", "003_7298c1131f29a29c.txt"] {
        std::fs::copy(docs_input().join(p), pages.join(p)).unwrap();
    }
    let run = |input: &Path, out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .args(["generate", "--input", input.to_str().unwrap(), "--output", out.to_str().unwrap()])
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let new_out = root.path().join("new");
    assert!(run(&docs_input(), &new_out).wait().unwrap().success());
    let new = snapshot(&new_out);
    assert!(run(&pages, &out).wait().unwrap().success());
    let previous = snapshot(&out);
    let without_staging = |dir: &Path| snapshot(dir).into_iter().filter(|(p, _)| !p.starts_with(".graphgen-staging")).collect::<BTreeMap<_, _>>();
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut mid_swap, mut whole) = (0, 0);
    for _ in 0..30 {
        let mut child = run(&docs_input(), &out);
        std::thread::sleep(Duration::from_millis(rng.u64(0..150)));
        let _ = child.kill();
        let _ = child.wait();
        if out.join(".graphgen-staging/journal").exists() {
            mid_swap += 1;
            // The next run undoes the swap first: from the previous input
            // it then has nothing to change.
            assert!(run(&pages, &out).wait().unwrap().success());
            assert_eq!(snapshot(&out), previous, "the interrupted swap was undone");
        } else {
            whole += 1;
            let got = without_staging(&out);
            assert!(got == previous || got == new, "killed outside the swap, the folder holds a mix ({} files)", got.len());
            assert!(run(&pages, &out).wait().unwrap().success());
        }
        assert_eq!(snapshot(&out), previous);
    }
    eprintln!("killed runs: {mid_swap} inside the swap, {whole} outside it");
}

/// `generate`, `--check` and rendering afresh agree: a generated file whose
/// text was changed under an unchanged header is stale to `--check` and
/// printed again by `generate`.
#[test]
fn check_and_generate_agree_on_an_edited_file() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("client");
    assert!(generate_into(&out, &[]).status.success());
    let lib = out.join("src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, format!("{original}// edited\n")).unwrap();
    let check = generate_into(&out, &["--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("modified: src/lib.rs"), "{}", stderr(&check));
    assert!(generate_into(&out, &[]).status.success());
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), original);
    assert!(generate_into(&out, &["--check"]).status.success());
}
