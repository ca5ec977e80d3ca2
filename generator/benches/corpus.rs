//! graphgen against the floor: reading every page of a corpus and parsing it
//! with pulldown-cmark alone. Prints both times, their ratio, peak memory,
//! and the cost of regenerating after one page changed.
//!
//!     cargo bench -p graphgen --bench corpus -- [CORPUS_DIR] [--runs N] [--out DIR] [--cargo-check WORKLOAD]
//!
//! With `--cargo-check WORKLOAD` it also times `cargo check` of the
//! generated crate, whole and with that workload alone (dependencies are
//! checked first, so both times are the crate's own).
//!
//! The corpus defaults to ../shared/graph-docs/v1.0. Both sides use the same
//! rayon pool, so the ratio compares work, not parallelism.

#[path = "../../tests/large_inputs.rs"]
mod large_inputs;

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// As the binary: graphgen is measured with the allocator it ships with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn floor(paths: &[PathBuf]) -> usize {
    paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            Parser::new_ext(&text, Options::ENABLE_TABLES).count()
        })
        .sum()
}

/// The pipeline, each stage timed: read + parse, schema, emit, write.
/// Returns the pages read, the files emitted and what writing changed.
fn graphgen(input: &Path, output: &Path, stages: &mut [Duration; 4]) -> (usize, usize, graphgen::Changes) {
    let mut at = Instant::now();
    let mut lap = |i: usize| {
        stages[i] = at.elapsed();
        at = Instant::now();
    };
    let pages = graphgen::read_pages(input, None, None).expect("the corpus is readable");
    lap(0);
    let schema = graphgen::build(&pages);
    lap(1);
    // As `graphgen generate` does: files whose tokens are unchanged are reused.
    let out = graphgen::Output::open(output, Some(input), false).expect("the output is writable");
    let (files, _) = graphgen::emit_crate_reusing(&schema, &Default::default(), &out.previous());
    lap(2);
    let changes = out.write(&files).expect("the output is writable");
    lap(3);
    (pages.len(), files.len(), changes)
}

/// The best of `runs` timings (the least disturbed by the machine).
fn best<T>(runs: usize, f: impl FnMut() -> T) -> (Duration, T) {
    best_of(runs, || {}, f)
}

/// The best of `runs` timings of `f`, each after an untimed `prepare`.
fn best_of<T>(runs: usize, mut prepare: impl FnMut(), mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        prepare();
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

/// Peak resident memory of this process since the last reset (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let runs = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(3);
    let check_workload = args.iter().position(|a| a == "--cargo-check").and_then(|i| args.get(i + 1)).cloned();
    // Where output goes (default: the system's temporary folder); e.g. a
    // tmpfs, to time graphgen without the disk's swing.
    let out_root = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let input = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !["--runs", "--cargo-check", "--out"].contains(&args[i - 1].as_str())))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/v1.0"));
    if !input.is_dir() {
        eprintln!("skipped: no corpus at {}", input.display());
        return;
    }
    let paths = graphgen::page_paths(&input, None).expect("the corpus is readable");
    println!("corpus: {} ({} pages), best of {runs} runs, {} threads", input.display(), paths.len(), rayon::current_num_threads());

    let (floor_time, events) = best(runs, || floor(&paths));
    println!("floor (read + pulldown-cmark): {:>8.1} ms  ({events} events)", floor_time.as_secs_f64() * 1e3);

    let out = tempfile::tempdir_in(&out_root).expect("a temporary folder");
    reset_peak_rss();
    let mut stages = [Duration::ZERO; 4];
    // Each run starts from nothing, in a folder of its own, as the output
    // alone is written below. Deleting the last run's folder first made
    // ext4 search its recently freed inodes on every file created (`perf`:
    // `recently_deleted` under `ext4_create`), which doubled the write
    // stage from one run to the next: the bench's cost, not graphgen's.
    let run = std::cell::Cell::new(0);
    let crate_dir_of = |n: usize| out.path().join(format!("crate-{n}"));
    let (full_time, (pages, files, _)) = best_of(runs, || run.set(run.get() + 1), || graphgen(&input, &crate_dir_of(run.get()), &mut stages));
    let crate_dir = crate_dir_of(run.get());
    let peak = peak_rss_mib();
    println!("graphgen (pages → schema → crate written): {:>8.1} ms  ({pages} pages, {files} files)", full_time.as_secs_f64() * 1e3);
    print_stages(&stages);
    println!("ratio to the floor: {:.2}", full_time.as_secs_f64() / floor_time.as_secs_f64());
    match peak {
        Some(mib) => println!("peak memory (graphgen runs): {mib:.0} MiB"),
        None => println!("peak memory: not available on this system"),
    }

    output_floor(&crate_dir, &out_root, floor_time);

    // Regenerating when the crate exists and nothing changed: the write step
    // compares and leaves every file alone.
    let (again, _) = best(runs, || graphgen(&input, &crate_dir, &mut stages));
    println!("regenerate, nothing changed: {:>8.1} ms", again.as_secs_f64() * 1e3);
    print_stages(&stages);

    one_page_changed(&input, &out_root, runs);
    large_pages(&out_root, runs);

    if let Some(workload) = check_workload {
        cargo_check(&crate_dir, &workload);
    }
}

/// `cargo check` of the generated crate: whole, then one workload alone.
fn cargo_check(crate_dir: &Path, workload: &str) {
    let lock = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    let _ = std::fs::copy(lock, crate_dir.join("Cargo.lock"));
    let target = crate_dir.join("target");
    let check = |args: &[&str]| {
        let start = Instant::now();
        let status = std::process::Command::new(env!("CARGO"))
            .arg("check")
            .arg("--quiet")
            .args(args)
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .expect("cargo runs");
        (start.elapsed(), status.success())
    };
    // Dependencies first, and a touch so the crate itself is checked again.
    let (deps, _) = check(&["--no-default-features"]);
    println!("cargo check, dependencies (and the crate with no workload): {:.1} s", deps.as_secs_f64());
    let (whole, ok) = check(&[]);
    println!("cargo check, whole crate: {:.1} s{}", whole.as_secs_f64(), if ok { "" } else { " (FAILED)" });
    let (one, ok) = check(&["--no-default-features", "--features", workload]);
    println!("cargo check, workload {workload} alone: {:.1} s{}", one.as_secs_f64(), if ok { "" } else { " (FAILED)" });
}

/// What the crate's size costs whatever emits it through prettyplease:
/// turning its tokens into syn's syntax tree (as graphgen does), printing
/// that tree, and writing all its files into a fresh folder. Each is timed
/// on the output just written.
fn output_floor(crate_dir: &Path, out_root: &Path, floor_time: Duration) {
    let files: Vec<(PathBuf, String)> = walkdir::WalkDir::new(crate_dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some((e.path().strip_prefix(crate_dir).ok()?.to_path_buf(), std::fs::read_to_string(e.path()).ok()?)))
        .collect();
    let rust: Vec<&String> = files.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "rs")).map(|(_, t)| t).collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    // Syntax trees are not `Send`: each thread parses and prints its own
    // share, and the slowest share is the wall time.
    let share = rust.len().div_ceil(rayon::current_num_threads()).max(1);
    let shares: Vec<(Duration, Duration, usize, usize)> = rust
        .par_chunks(share)
        .map(|chunk| {
            // graphgen parses tokens, not text: lexing is left out.
            let tokens: Vec<proc_macro2::TokenStream> = chunk.iter().filter_map(|t| t.parse().ok()).collect();
            let start = Instant::now();
            let trees: Vec<syn::File> = tokens.into_iter().filter_map(|t| syn::parse2(t).ok()).collect();
            let parse = start.elapsed();
            let start = Instant::now();
            let printed: usize = trees.iter().map(|f| prettyplease::unparse(f).len()).sum();
            (parse, start.elapsed(), trees.len(), printed)
        })
        .collect();
    let parse = shares.iter().map(|s| s.0).max().unwrap_or_default();
    let print = shares.iter().map(|s| s.1).max().unwrap_or_default();
    let parsed: usize = shares.iter().map(|s| s.2).sum();
    let printed: usize = shares.iter().map(|s| s.3).sum();
    let target = tempfile::tempdir_in(out_root).expect("a temporary folder");
    let start = Instant::now();
    files.par_iter().for_each(|(p, t)| {
        let path = target.path().join(p);
        let _ = std::fs::create_dir_all(path.parent().expect("a file has a folder"));
        let _ = std::fs::write(path, t);
    });
    let write = start.elapsed();
    let ratio = |d: Duration| d.as_secs_f64() / floor_time.as_secs_f64();
    println!("the output alone ({} files, {:.1} MB; {parsed} Rust files, {:.1} MB printed):", files.len(), bytes as f64 / 1e6, printed as f64 / 1e6);
    println!("  prettyplease printing it: {:>8.1} ms  (ratio {:.1})", print.as_secs_f64() * 1e3, ratio(print));
    println!("  syn parsing its tokens:   {:>8.1} ms  (ratio {:.1})", parse.as_secs_f64() * 1e3, ratio(parse));
    println!("  writing it, fresh folder: {:>8.1} ms  (ratio {:.1})", write.as_secs_f64() * 1e3, ratio(write));
}

/// Pages large in the ways that once cost more than their size: each alone
/// through the whole pipeline, in seconds per megabyte of page.
fn large_pages(out_root: &Path, runs: usize) {
    println!("large pages, each alone (pages → crate written):");
    for (name, text) in large_inputs::pages() {
        let work = tempfile::tempdir_in(out_root).expect("a temporary folder");
        let input = work.path().join("input");
        std::fs::create_dir_all(&input).expect("a temporary folder");
        std::fs::write(input.join(name), &text).expect("a temporary folder");
        let crate_dir = work.path().join("crate");
        let (time, _) = best_of(runs, || drop(std::fs::remove_dir_all(&crate_dir)), || graphgen(&input, &crate_dir, &mut [Duration::ZERO; 4]));
        let mb = text.len() as f64 / 1e6;
        println!("  {name}: {mb:.2} MB in {:.0} ms, {:.2} s/MB", time.as_secs_f64() * 1e3, time.as_secs_f64() / mb);
    }
}

/// Regenerating after one page changed: the corpus is copied, the crate
/// generated from it (untimed), then one property description of
/// resources/user.md edited and the crate regenerated over the previous
/// one. Prints the time and which files were rewritten.
fn one_page_changed(input: &Path, out_root: &Path, runs: usize) {
    let page = "resources/user.md";
    let Ok(original) = std::fs::read_to_string(input.join(page)) else {
        println!("one page changed: skipped, the corpus has no {page}");
        return;
    };
    let Some(edited) = edit_first_property(&original) else {
        println!("one page changed: skipped, {page} has no property table");
        return;
    };
    let work = tempfile::tempdir_in(out_root).expect("a temporary folder");
    let corpus = work.path().join("corpus");
    for entry in walkdir::WalkDir::new(input).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(input).expect("walked below the corpus");
        if rel.starts_with("includes") {
            continue;
        }
        let to = corpus.join(rel);
        std::fs::create_dir_all(to.parent().expect("a file has a folder")).expect("the copy is writable");
        std::fs::copy(entry.path(), to).expect("the copy is writable");
    }
    let crate_dir = work.path().join("crate");
    let mut stages = [Duration::ZERO; 4];
    let (time, (_, _, changes)) = best_of(
        runs,
        || {
            std::fs::write(corpus.join(page), &original).expect("the copy is writable");
            graphgen(&corpus, &crate_dir, &mut [Duration::ZERO; 4]);
            std::fs::write(corpus.join(page), &edited).expect("the copy is writable");
        },
        || graphgen(&corpus, &crate_dir, &mut stages),
    );
    println!(
        "regenerate, one page changed ({page}, one description): {:>8.1} ms; rewritten: {}",
        time.as_secs_f64() * 1e3,
        changes.modified.join(", ")
    );
    print_stages(&stages);
}

fn print_stages(stages: &[Duration; 4]) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  stages (last run): read + parse {:.1} ms, schema {:.1} ms, emit {:.1} ms, write {:.1} ms",
        ms(stages[0]),
        ms(stages[1]),
        ms(stages[2]),
        ms(stages[3])
    );
}

/// The page with the first row of its Properties table's description
/// extended.
fn edit_first_property(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let heading = lines.iter().position(|l| l.trim() == "## Properties")?;
    let separator = heading + lines[heading..].iter().position(|l| l.trim_start().starts_with("|:") || l.trim_start().starts_with("|-"))?;
    let row = lines.get(separator + 1).filter(|l| l.trim_end().ends_with('|'))?;
    let cut = row.trim_end().len() - 1;
    let edited = format!("{} (edited){}", &row[..cut], &row[cut..]);
    Some(text.replacen(row, &edited, 1))
}
