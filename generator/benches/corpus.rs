//! graphgen against the floor: reading every page of a corpus and parsing it
//! with pulldown-cmark alone. Prints both times, their ratio, peak memory,
//! and the cost of regenerating after one page changed.
//!
//!     cargo bench -p graphgen --bench corpus -- [CORPUS_DIR] [--runs N] [--cargo-check WORKLOAD]
//!
//! With `--cargo-check WORKLOAD` it also times `cargo check` of the
//! generated crate, whole and with that workload alone (dependencies are
//! checked first, so both times are the crate's own).
//!
//! The corpus defaults to ../shared/graph-docs/v1.0. Both sides use the same
//! rayon pool, so the ratio compares work, not parallelism.

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
fn graphgen(input: &Path, output: &Path, stages: &mut [Duration; 4]) -> (usize, usize) {
    let mut at = Instant::now();
    let mut lap = |i: usize| {
        stages[i] = at.elapsed();
        at = Instant::now();
    };
    let pages = graphgen::read_pages(input, None, None).expect("the corpus is readable");
    lap(0);
    let schema = graphgen::schema::build::build(&pages);
    lap(1);
    // As `graphgen generate` does: files whose tokens are unchanged are reused.
    let (files, _) = graphgen::emit::emit_crate_reusing(&schema, &Default::default(), &graphgen::write::previous(output));
    lap(2);
    graphgen::write::write(output, &files).expect("the output is writable");
    lap(3);
    (pages.len(), files.len())
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
    let input = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || (args[i - 1] != "--runs" && args[i - 1] != "--cargo-check")))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/v1.0"));
    if !input.is_dir() {
        eprintln!("skipped: no corpus at {}", input.display());
        return;
    }
    let paths = graphgen::load::page_paths(&input, None).expect("the corpus is readable");
    println!("corpus: {} ({} pages), best of {runs} runs, {} threads", input.display(), paths.len(), rayon::current_num_threads());

    let (floor_time, events) = best(runs, || floor(&paths));
    println!("floor (read + pulldown-cmark): {:>8.1} ms  ({events} events)", floor_time.as_secs_f64() * 1e3);

    let out = tempfile::tempdir().expect("a temporary folder");
    let crate_dir = out.path().join("crate");
    reset_peak_rss();
    let mut stages = [Duration::ZERO; 4];
    // Each run starts from nothing; removing the last run's crate is not timed.
    let (full_time, (pages, files)) = best_of(runs, || drop(std::fs::remove_dir_all(&crate_dir)), || graphgen(&input, &crate_dir, &mut stages));
    let peak = peak_rss_mib();
    println!("graphgen (pages → schema → crate written): {:>8.1} ms  ({pages} pages, {files} files)", full_time.as_secs_f64() * 1e3);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("  stages (last run): read + parse {:.1} ms, schema {:.1} ms, emit {:.1} ms, write {:.1} ms", ms(stages[0]), ms(stages[1]), ms(stages[2]), ms(stages[3]));
    println!("ratio to the floor: {:.2}", full_time.as_secs_f64() / floor_time.as_secs_f64());
    match peak {
        Some(mib) => println!("peak memory (graphgen runs): {mib:.0} MiB"),
        None => println!("peak memory: not available on this system"),
    }

    // Regenerating when the crate exists and nothing changed: the write step
    // compares and leaves every file alone.
    let (again, _) = best(runs, || graphgen(&input, &crate_dir, &mut stages));
    println!("regenerate, nothing changed: {:>8.1} ms", again.as_secs_f64() * 1e3);

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
