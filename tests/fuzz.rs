//! Mutation fuzzing on stable Rust. Real pages in all four shapes (docs-input's,
//! its Markdown pages rendered into the three copied shapes, and, where the
//! corpus is beside the clone, a sample of v1.0 pages rendered the same way)
//! are mutated (non-ASCII text at any position, BOM, CRLF and lone CR, NUL,
//! invalid UTF-8, truncation, deep nesting, wide rows, unclosed fences and
//! annotations, repeated and deleted lines) and read, merged and emitted.
//! A panic fails the test and its input is kept as a file to replay
//! (`tests/fuzz-regressions/`, replayed by `regressions_replay`).
//!
//! `GRAPHGEN_FUZZ_CASES` (default 5,000) and `GRAPHGEN_FUZZ_SEED` set the run;
//! the README says how to run it longer.

mod large_inputs;

use graphgen::blocks::Shape;
use graphgen_tests::{corpus, docs_input, render_copied, root};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A case that takes this long is a hang, not a slow page (the bench
/// measures speed; this only catches what never ends in practice).
const HANG: Duration = Duration::from_secs(20);

/// Text the mutations insert: what real copies of the pages hold and what
/// breaks naive readers.
const TOKENS: &[&str] = &[
    "’",
    "—",
    "é",
    "…",
    "日本語",
    "🙂",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\r\n",
    "\r",
    "\0",
    "|",
    " |",
    "\\|",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "```",
    "```http\n",
    "```json\n",
    "\n```\n",
    "<!-- {",
    "-->",
    "<!-- { \"blockType\": \"request\" } -->\n",
    "---\n",
    "# ",
    "## ",
    "### ",
    "\\",
    "(",
    "')",
    "{id}",
    "{€}",
    "HTTP/1.1 200 OK\n",
    "HTTP/1.1 204 No Content\n",
    "GET /a/{b}\n",
    "POST https://graph.microsoft.com/v1.0/x/€\n",
    "Namespace: microsoft.graph\n",
    "Property Type Description\n",
    "Permission type Permissions (from least to most privileged)\n",
    "---|---|\n",
    "Property |\nType |\n",
    "Possible values are: a, b, é.",
    "[!INCLUDE [x](y.md)]",
    "\t",
    "\n\n\n",
    "Typ€",
    "Propert’",
];

/// The pages every run starts from, by name, in all four shapes.
fn seeds() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let add_with_renderings = |name: String, text: String, pages: &mut Vec<(String, String)>| {
        if graphgen::detect_shape(&text) == Shape::Markdown {
            for shape in [Shape::CopiedPipeRows, Shape::CopiedCellLines, Shape::CopiedSpaced] {
                pages.push((format!("{name}.{}.txt", shape.name()), render_copied(&text, shape)));
            }
        }
        pages.push((name, text));
    };
    for path in files_below(&docs_input()) {
        let text = std::fs::read_to_string(&path).unwrap();
        add_with_renderings(path.strip_prefix(docs_input()).unwrap().display().to_string(), text, &mut pages);
    }
    if let Some(corpus) = corpus() {
        // Every 25th page: all kinds of page, in a bounded time.
        for path in files_below(&corpus).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).step_by(25) {
            let text = std::fs::read_to_string(&path).unwrap();
            add_with_renderings(path.strip_prefix(&corpus).unwrap().display().to_string(), text, &mut pages);
        }
    }
    pages
}

fn files_below(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "includes") {
                    stack.push(p);
                }
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// One mutation of a page's bytes.
fn mutate(rng: &mut fastrand::Rng, page: &mut Vec<u8>) {
    let at = |rng: &mut fastrand::Rng, page: &Vec<u8>| rng.usize(..=page.len());
    // Most insertions keep the text UTF-8, as most real pages are; some cut
    // a character in two, as a bad copy or a binary file does.
    let boundary = |rng: &mut fastrand::Rng, page: &Vec<u8>| {
        let mut i = rng.usize(..=page.len());
        while i < page.len() && (page[i] & 0xC0) == 0x80 {
            i += 1;
        }
        i
    };
    let lines = |page: &Vec<u8>| page.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).collect::<Vec<_>>();
    match rng.u8(..16) {
        0..=5 => {
            let token = TOKENS[rng.usize(..TOKENS.len())].as_bytes();
            let i = boundary(rng, page);
            page.splice(i..i, token.iter().copied());
        }
        6 => {
            let i = at(rng, page);
            let junk: Vec<u8> = (0..rng.usize(1..16)).map(|_| rng.u8(..)).collect();
            page.splice(i..i, junk);
        }
        7 => page.truncate(at(rng, page)),
        8 | 9 => {
            // Repeat a line: 40,000 alike rows or status lines come from here.
            let starts = lines(page);
            if let Some(&start) = starts.get(rng.usize(..starts.len().max(1))) {
                let end = page[start..].iter().position(|b| *b == b'\n').map_or(page.len(), |n| start + n + 1);
                let line = page[start..end].to_vec();
                let times = if rng.u8(..8) == 0 { 2_000 } else { rng.usize(1..20) };
                let repeated: Vec<u8> = line.iter().copied().cycle().take(line.len() * times).collect();
                page.splice(start..start, repeated);
            }
        }
        10 => {
            let starts = lines(page);
            if let Some(&start) = starts.get(rng.usize(..starts.len().max(1))) {
                let end = page[start..].iter().position(|b| *b == b'\n').map_or(page.len(), |n| start + n + 1);
                page.drain(start..end);
            }
        }
        11 => {
            let ending: &[u8] = if rng.bool() { b"\r\n" } else { b"\r" };
            let mut out = Vec::with_capacity(page.len() * 2);
            for &b in page.iter() {
                if b == b'\n' {
                    out.extend_from_slice(ending);
                } else {
                    out.push(b);
                }
            }
            *page = out;
        }
        12 => {
            page.splice(0..0, "\u{feff}".bytes());
        }
        13 => {
            let i = boundary(rng, page);
            let deep = if rng.bool() { "[".repeat(100_000) } else { "{\"a\":".repeat(20_000) };
            page.splice(i..i, deep.into_bytes());
        }
        14 => {
            let i = boundary(rng, page);
            let wide = if rng.bool() { "|a".repeat(10_000) + "|\n" } else { "a |\n".repeat(10_000) };
            page.splice(i..i, wide.into_bytes());
        }
        _ => {
            // Every non-ASCII character put at the start, middle and end of a line.
            let starts = lines(page);
            if let Some(&start) = starts.get(rng.usize(..starts.len().max(1))) {
                let end = page[start..].iter().position(|b| *b == b'\n').map_or(page.len(), |n| start + n);
                let mut mid = (start + end) / 2;
                while mid < end && (page[mid] & 0xC0) == 0x80 {
                    mid += 1;
                }
                let token = TOKENS[rng.usize(..8)].as_bytes();
                for i in [end, mid, start] {
                    page.splice(i..i, token.iter().copied());
                }
            }
        }
    }
}

/// What one case found wrong, if anything.
fn failure(name: &str, bytes: &[u8]) -> Option<String> {
    // As `load::read_page` does: bad bytes replaced, and said.
    let text = String::from_utf8_lossy(bytes);
    let page = graphgen::read_page_text(name, &text, None);
    if let Some(d) = page.diagnostics.iter().find(|d| d.code == "internal-error") {
        return Some(d.to_string());
    }
    let emitted = catch_unwind(AssertUnwindSafe(|| {
        let schema = graphgen::build(std::slice::from_ref(&page));
        // The models split as far as they go: the layering meets every case.
        graphgen::emit_crate(&schema, &graphgen::EmitOptions { models_layer_bytes: 1, ..Default::default() })
    }));
    emitted.err().map(|p| {
        format!(
            "merge or emit panicked: {}",
            p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
        )
    })
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Where a failing input is kept, to replay and to add to `tests/fuzz-regressions/`.
fn keep(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = root().join("target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name.replace(['/', '\\'], "_"));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn mutated_pages_never_panic_or_hang() {
    let cases = env_number("GRAPHGEN_FUZZ_CASES", 5_000);
    let seed = env_number("GRAPHGEN_FUZZ_SEED", 7);
    let pages = seeds();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut shapes = std::collections::BTreeMap::new();
    let started = Instant::now();
    for case in 0..cases {
        let (name, text) = &pages[rng.usize(..pages.len())];
        let mut bytes = text.clone().into_bytes();
        for _ in 0..rng.usize(1..=4) {
            mutate(&mut rng, &mut bytes);
        }
        *shapes.entry(graphgen::detect_shape(&String::from_utf8_lossy(&bytes)).name()).or_insert(0) += 1;
        let case_name = format!("case-{seed}-{case}-{}", name.replace('/', "_"));
        let t = Instant::now();
        let found = failure(&case_name, &bytes);
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, case_name.clone());
        }
        if took > HANG {
            failures.push(format!("{case_name}: took {took:?} (kept at {})", keep(&case_name, &bytes).display()));
        } else if let Some(what) = found {
            failures.push(format!("{case_name}: {what} (kept at {})", keep(&case_name, &bytes).display()));
        }
    }
    eprintln!(
        "fuzz: {cases} mutated pages from {} seeds (seed {seed}) in {:.1?}, by detected shape {shapes:?}; slowest {:?} ({}); {} failures",
        pages.len(),
        started.elapsed(),
        slowest.0,
        slowest.1,
        failures.len()
    );
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}

/// Inputs the fuzzer found once, kept so they stay fixed.
#[test]
fn regressions_replay() {
    let dir = root().join("tests/fuzz-regressions");
    let files = files_below(&dir);
    assert!(!files.is_empty(), "tests/fuzz-regressions/ holds the inputs fuzzing found");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(failure(&name, &bytes), None, "{}", path.display());
    }
}

/// Large pages finish and are read; their cost per megabyte is the bench's.
#[test]
fn large_inputs_finish() {
    for (name, text) in large_inputs::pages() {
        let t = Instant::now();
        assert_eq!(failure(name, text.as_bytes()), None, "{name}");
        let took = t.elapsed();
        eprintln!("{name}: {} KB in {took:.2?}", text.len() / 1024);
        assert!(took < HANG, "{name} took {took:?}");
    }
}

/// One folder of 200 mutated pages generates a crate, and every page is
/// accounted for: it gave the schema a fact (a type, an operation, an enum)
/// or a diagnostic names it. Nothing is dropped in silence.
#[test]
fn a_folder_of_mutated_pages_generates_and_names_each_bad_page() {
    let pages = seeds();
    let mut rng = fastrand::Rng::with_seed(env_number("GRAPHGEN_FUZZ_SEED", 7) + 1);
    let input = tempfile::tempdir().unwrap();
    for i in 0..200 {
        let (name, text) = &pages[rng.usize(..pages.len())];
        let mut bytes = text.clone().into_bytes();
        for _ in 0..rng.usize(1..=3) {
            mutate(&mut rng, &mut bytes);
        }
        let ext = if name.ends_with(".md") { "md" } else { "txt" };
        std::fs::write(input.path().join(format!("page-{i:03}.{ext}")), bytes).unwrap();
    }
    let read = graphgen::read_pages(input.path(), None, None).unwrap();
    assert_eq!(read.len(), 200);
    let schema = graphgen::build(&read);
    let (files, emit_diagnostics) = graphgen::emit_crate(&schema, &Default::default());
    let out = tempfile::tempdir().unwrap();
    graphgen::Output::open(&out.path().join("crate"), Some(input.path()), false).unwrap().write(&files).unwrap();
    let mut accounted: std::collections::BTreeSet<String> = schema.diagnostics.iter().chain(&emit_diagnostics).map(|d| d.file.clone()).collect();
    accounted.extend(schema.types.iter().flat_map(|t| t.sources.iter().map(|s| s.file.clone())));
    accounted.extend(schema.operations.iter().map(|o| o.source.file.clone()));
    let silent: Vec<&str> = read.iter().map(|p| p.file.as_str()).filter(|f| !accounted.contains(*f)).collect();
    assert!(read.iter().all(|p| !p.diagnostics.iter().any(|d| d.code == "internal-error")));
    assert!(silent.is_empty(), "pages neither in the schema nor named by a diagnostic: {silent:?}");
}
