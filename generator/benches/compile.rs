//! The compile budget: what a user pays to build the crate generated from
//! a corpus, against a crate that depends on graph-rs-sdk 3.0.1 (all of
//! v1.0's paths, untyped bodies), built in the same run, each with a clean
//! target folder.
//!
//!     cargo bench -p graphgen --bench compile -- [CORPUS_DIR] [--workload users] [--skip-baseline] [--stand-in FACTOR]
//!
//! With `--stand-in 2.4`, the crate is generated from a stand-in corpus
//! FACTOR times the size of CORPUS_DIR (its pages, then copies of them with
//! every type renamed and workloads of their own): a crate of the size of
//! a version there is no corpus for (beta), to measure what its size costs.
//!
//! Reports, for each: a clean debug build with its dependencies (wall time,
//! and the peak memory of any one rustc, read by a wrapper around rustc);
//! then, for the generated crate, `cargo check` of the crate alone (its
//! dependencies built), whole and with one workload. Needs the network
//! once, for graph-rs-sdk's sources.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let workload = args.iter().position(|a| a == "--workload").and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| "users".to_owned());
    let skip_baseline = args.iter().any(|a| a == "--skip-baseline");
    let stand_in_factor: Option<f64> = args.iter().position(|a| a == "--stand-in").and_then(|i| args.get(i + 1)).and_then(|f| f.parse().ok());
    let corpus = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !["--workload", "--stand-in"].contains(&args[i - 1].as_str())))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/v1.0"));
    if !corpus.is_dir() {
        println!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let root = tempfile::tempdir().expect("a temporary folder");
    let wrapper = rustc_wrapper(root.path());
    let corpus = match stand_in_factor {
        Some(factor) => stand_in(&corpus, factor, &root.path().join("stand-in")),
        None => corpus,
    };

    // The crate, generated as a user generates it.
    let generated = root.path().join("generated");
    let pages = graphgen::read_pages(&corpus, None, None).expect("the corpus is readable");
    let schema = graphgen::build(&pages);
    let (files, _) = graphgen::emit_crate(&schema, &graphgen::EmitOptions::default());
    // The generated packages (the main crate and each version's models),
    // as `cargo clean -p` names them; not the vendored runtime.
    let packages: Vec<String> = files
        .iter()
        .filter(|f| f.path.ends_with("Cargo.toml") && !f.path.starts_with("graphgen-runtime/"))
        .filter_map(|f| f.contents.lines().find_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"').map(str::to_owned)))
        .collect();
    graphgen::Output::open(&generated, None, false).and_then(|o| o.write(&files)).expect("the crate is written");
    let lock = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(&lock, generated.join("Cargo.lock")).expect("the workspace's lock file");
    // What the user's build compiles: every crate's src/, not the vendored
    // runtime or the tests.
    let rust_lines: usize = files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("graphgen-runtime/") && !f.path.starts_with("tests/"))
        .map(|f| f.contents.lines().count())
        .sum();
    println!("corpus: {} ({} pages); generated crates: {rust_lines} lines of Rust ({} crates)", corpus.display(), pages.len(), packages.len());

    let ours = build(&generated, &root.path().join("target-generated"), &wrapper, &["build"]);
    println!("clean debug build, generated crates with their dependencies: {:.0} s, peak rustc {:.2} GiB", ours.0, ours.1);
    // Cargo compiles path dependencies incrementally, which for code nobody
    // edits only costs (saving rustc's query caches). The README tells users
    // to turn it off for the generated packages, as below: what they pay then.
    let no_incremental: Vec<String> =
        packages.iter().flat_map(|p| ["--config".to_owned(), format!("profile.dev.package.\"{p}\".incremental=false")]).collect();
    let mut args = vec!["build"];
    args.extend(no_incremental.iter().map(String::as_str));
    let recommended = build(&generated, &root.path().join("target-generated-recommended"), &wrapper, &args);
    println!(
        "clean debug build, the same with the README's profile (generated packages not incremental): {:.0} s, peak rustc {:.2} GiB",
        recommended.0, recommended.1
    );

    if !skip_baseline {
        let baseline = root.path().join("graph-rs-baseline");
        std::fs::create_dir_all(baseline.join("src")).unwrap();
        std::fs::write(
            baseline.join("Cargo.toml"),
            "[package]\nname = \"graph-rs-baseline\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ngraph-rs-sdk = \"=3.0.1\"\n",
        )
        .unwrap();
        std::fs::write(
            baseline.join("src/lib.rs"),
            "//! Depends on graph-rs-sdk, so building it builds the SDK.\npub use graph_rs_sdk::GraphClient;\n",
        )
        .unwrap();
        // Sources first: the download is not the build.
        let _ = Command::new(env!("CARGO")).args(["fetch", "--quiet"]).current_dir(&baseline).status();
        let theirs = build(&baseline, &root.path().join("target-baseline"), &wrapper, &["build"]);
        println!("clean debug build, graph-rs-sdk 3.0.1 with its dependencies: {:.0} s, peak rustc {:.2} GiB", theirs.0, theirs.1);
        println!("ratio (generated / graph-rs-sdk): time {:.2}, peak rustc memory {:.2}", ours.0 / theirs.0, ours.1 / theirs.1);
        println!("ratio with the README's profile: time {:.2}, peak rustc memory {:.2}", recommended.0 / theirs.0, recommended.1 / theirs.1);
    }

    // The crate alone, its dependencies built: what each edit costs.
    let target = root.path().join("target-check");
    build(&generated, &target, &wrapper, &["check", "--no-default-features", "--features", "native-tls"]);
    let whole = check_again(&generated, &target, &wrapper, &packages, &["check"]);
    println!("cargo check, the generated crates alone (all workloads): {:.1} s, peak rustc {:.2} GiB", whole.0, whole.1);
    let one =
        check_again(&generated, &target, &wrapper, &packages, &["check", "--no-default-features", "--features", &format!("native-tls,{workload}")]);
    println!("cargo check, the generated crates alone (workload {workload}): {:.1} s, peak rustc {:.2} GiB", one.0, one.1);
}

/// A script that runs rustc under GNU time, appending its peak memory (KiB)
/// to a file beside it.
fn rustc_wrapper(dir: &Path) -> PathBuf {
    let script = dir.join("rustc-peak.sh");
    let log = dir.join("rustc-peak.log");
    std::fs::write(&script, format!("#!/bin/sh\nexec /usr/bin/time -a -o {} -f %M \"$@\"\n", log.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Runs cargo, returning (wall seconds, the peak GiB of any rustc it ran).
fn build(dir: &Path, target: &Path, wrapper: &Path, args: &[&str]) -> (f64, f64) {
    let log = wrapper.with_file_name("rustc-peak.log");
    let _ = std::fs::remove_file(&log);
    let start = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTC_WRAPPER", wrapper)
        .status()
        .expect("cargo runs");
    let wall = start.elapsed().as_secs_f64();
    assert!(status.success(), "cargo {args:?} failed in {}", dir.display());
    let peak_kib = std::fs::read_to_string(&log).unwrap_or_default().lines().filter_map(|l| l.trim().parse::<f64>().ok()).fold(0.0, f64::max);
    (wall, peak_kib / (1024.0 * 1024.0))
}

/// The generated crates checked from nothing, their dependencies already
/// checked: what a user pays after regenerating them. (A check after only
/// touching a file reuses rustc's incremental results, and measures nothing.)
fn check_again(dir: &Path, target: &Path, wrapper: &Path, packages: &[String], args: &[&str]) -> (f64, f64) {
    build(dir, target, wrapper, args);
    let status = Command::new(env!("CARGO"))
        .args(["clean", "--quiet"])
        .args(packages.iter().flat_map(|p| ["-p", p.as_str()]))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo clean of the generated crates failed");
    build(dir, target, wrapper, args)
}

/// A corpus `factor` times the size of `corpus` (at least 1): its pages,
/// then whole copies of them and a share of them once more (chosen by a
/// fixed hash of the file name), each copy with every type renamed (`user`
/// is `userCopy1`), its resource links following the renamed pages, and
/// workloads of its own. Its folder keeps the corpus' name (its version).
fn stand_in(corpus: &Path, factor: f64, dir: &Path) -> PathBuf {
    let out = dir.join(corpus.file_name().unwrap_or_default());
    let pages = graphgen::read_pages(corpus, None, None).expect("the corpus is readable");
    let schema = graphgen::build(&pages);
    let mut names: Vec<&str> = schema.types.iter().map(|t| t.name.as_str()).filter(|n| n.len() > 2).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let words = regex::Regex::new(&format!(r"\b({})\b", names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|"))).expect("names escape");
    let links = regex::Regex::new(r"(\.\./resources/[A-Za-z0-9_-]+)\.md").expect("a valid pattern");
    let workload = regex::Regex::new(r#"(?m)^ms\.prod: *"?([^"\r\n]+)"?"#).expect("a valid pattern");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let copies = (factor.max(1.0) - 1.0).max(0.0);
    for file in &files {
        let rel = file.strip_prefix(corpus).expect("walked below the corpus");
        let to = out.join(rel);
        std::fs::create_dir_all(to.parent().expect("a file has a folder")).expect("the stand-in is writable");
        std::fs::copy(file, &to).expect("the stand-in is writable");
        if rel.starts_with("includes") || file.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        // FNV-1a of the name: the same share of pages every run.
        let share = rel.to_string_lossy().bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3)) % 1000;
        for k in 1..=copies.ceil() as usize {
            if (k as f64) > copies && share as f64 >= (copies - (k - 1) as f64) * 1000.0 {
                continue;
            }
            let suffix = format!("Copy{k}");
            let renamed = words.replace_all(&text, |c: &regex::Captures| format!("{}{suffix}", &c[1]));
            let renamed = links.replace_all(&renamed, |c: &regex::Captures| format!("{}-copy{k}.md", &c[1]));
            let renamed = workload.replace(&renamed, |c: &regex::Captures| format!("ms.prod: \"{}-copy{k}\"", &c[1]));
            let stem = to.file_stem().unwrap_or_default().to_string_lossy();
            std::fs::write(to.with_file_name(format!("{stem}-copy{k}.md")), renamed.as_bytes()).expect("the stand-in is writable");
        }
    }
    println!(
        "stand-in corpus: {factor}× {} ({} files copied from {})",
        corpus.display(),
        walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).count(),
        files.len()
    );
    out
}
