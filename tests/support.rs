//! Shared helpers of the behaviour tests.

use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn docs_input() -> PathBuf {
    root().join("docs-input")
}

/// The real v1.0 reference corpus, where this machine has it (CI does; a
/// fresh clone does not).
pub fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/graph-docs/v1.0");
    dir.is_dir().then_some(dir)
}

/// The corpus, for a test that needs it: such a test is marked
/// `#[cfg_attr(not(corpus), ignore = "...")]` (build.rs sets `corpus`), so
/// it only runs where the corpus is.
pub fn needed_corpus() -> PathBuf {
    corpus().expect("build.rs found ../shared/graph-docs/v1.0 when this test was compiled; it is gone now: run `cargo clean -p graphgen-tests`")
}

/// Reads the pages below `dir` and merges them.
pub fn schema_of(dir: &std::path::Path, only: Option<&str>) -> (Vec<graphgen::PageResult>, graphgen::schema::Schema) {
    let pattern = only.map(glob_pattern);
    let pages = graphgen::read_pages(dir, pattern.as_ref(), None).expect("the input folder is readable");
    let schema = graphgen::build(&pages);
    (pages, schema)
}

fn glob_pattern(p: &str) -> graphgen::Pattern {
    graphgen::Pattern::new(p).expect("a valid pattern")
}

/// Renders a Markdown page as text copied from the rendered docs page, in
/// one of the three copied shapes: what a reader's browser shows, without
/// markup (no front matter, annotations, includes or tab markers; links as
/// their text; code without backticks), with tables flattened the way that
/// shape flattens them.
pub fn render_copied(markdown: &str, shape: graphgen::blocks::Shape) -> String {
    use graphgen::blocks::{Block, Shape};
    assert_eq!(graphgen::detect_shape(markdown), Shape::Markdown, "a Markdown page to render");
    let (page, _) = graphgen::parse_blocks("fixture", markdown);
    let plain = |s: &str| s.replace('`', "");
    let mut out: Vec<String> = Vec::new();
    for block in &page.blocks {
        let text = match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => plain(text),
            Block::Include { .. } => continue,
            Block::Code(c) => match shape {
                // Seeds 000 and 001 lose the indentation of code.
                Shape::CopiedPipeRows | Shape::CopiedCellLines => c.text.lines().map(str::trim_start).collect::<Vec<_>>().join("\n"),
                _ => c.text.trim_end().to_owned(),
            },
            Block::Table(t) => {
                let rows = std::iter::once(&t.header).chain(t.rows.iter().map(|r| &r.cells));
                let cells = |r: &Vec<String>| r.iter().map(|c| plain(c)).collect::<Vec<_>>();
                match shape {
                    Shape::CopiedPipeRows => {
                        let mut lines: Vec<String> = rows.map(|r| format!("{} |", cells(r).join(" | "))).collect();
                        lines.insert(1, "---|".repeat(t.header.len()));
                        lines.join("\n")
                    }
                    Shape::CopiedCellLines => rows
                        .flat_map(|r| cells(r).into_iter().map(|c| if c.is_empty() { "|".to_owned() } else { format!("{c} |") }))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    _ => rows.map(|r| cells(r).join(" ").trim_end().to_owned()).collect::<Vec<_>>().join("\n"),
                }
            }
        };
        out.push(text);
    }
    let separator = if shape == Shape::CopiedSpaced { "\n\n" } else { "\n" };
    out.join(separator) + "\n"
}

/// Each page's request lines (pages whose file name starts with `prefix`) in its HTTP request sections, read straight
/// from the Markdown (independently of graphgen's parser), as paths
/// without host or version.
pub fn request_lines(dir: &std::path::Path, prefix: &str) -> std::collections::BTreeMap<String, Vec<(usize, String)>> {
    let mut out = std::collections::BTreeMap::new();
    for sub in ["api", "resources"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if !path.file_name().unwrap().to_string_lossy().starts_with(prefix) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let mut in_section = false;
            let mut in_fence = false;
            // The template: the syntax section first, then the examples,
            // whose own "HTTP request" headings show example requests.
            let (mut seen_section, mut in_examples) = (false, false);
            let mut lines = Vec::new();
            for (i, line) in text.lines().enumerate() {
                let t = line.trim();
                if t.starts_with("```") {
                    in_fence = !in_fence;
                    continue;
                }
                if !in_fence && t.starts_with('#') {
                    let heading = t.trim_start_matches('#').trim().to_ascii_lowercase();
                    in_examples |= heading.starts_with("example");
                    in_section = heading.starts_with("http request") && !(in_examples && seen_section);
                    seen_section |= in_section;
                    continue;
                }
                let methods = ["GET ", "POST ", "PATCH ", "PUT ", "DELETE "];
                if in_section && in_fence && methods.iter().any(|m| t.starts_with(m)) {
                    let target = t.split_once(' ').unwrap().1.trim();
                    let target = target.strip_suffix(" HTTP/1.1").unwrap_or(target).trim();
                    lines.push((i + 1, example_ids_as_keys(url_path(target))));
                }
            }
            if !lines.is_empty() {
                out.insert(format!("{sub}/{}", path.file_name().unwrap().to_string_lossy()), lines);
            }
        }
    }
    out
}

/// The JSON bodies of the pages' HTTP example blocks, found straight from
/// the Markdown (independently of graphgen's parser): fences marked `http`
/// or `msgraph-interactive` whose first line is a request or status line
/// and whose body, after the first blank line, starts with `{` or `[`; as
/// (file, line of the block's first line).
pub fn http_json_bodies(dir: &std::path::Path) -> std::collections::BTreeSet<(String, usize)> {
    let mut found = std::collections::BTreeSet::new();
    for sub in ["api", "resources"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let file = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
            let lines: Vec<&str> = text.lines().collect();
            let mut i = 0;
            while i < lines.len() {
                let fence = lines[i].trim();
                let info = fence.strip_prefix("```").map(|i| i.trim().to_ascii_lowercase());
                i += 1;
                if !matches!(info.as_deref(), Some("http" | "msgraph-interactive")) {
                    continue;
                }
                let start = i;
                while i < lines.len() && !lines[i].trim().starts_with("```") {
                    i += 1;
                }
                let block = &lines[start..i];
                i += 1;
                let first = block.iter().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
                let is_http = first.starts_with("HTTP/") || ["GET ", "POST ", "PUT ", "PATCH ", "DELETE "].iter().any(|m| first.starts_with(m));
                let body = block.join("\n");
                // JSON starts `{"`, `{}`, `[{`, `["`, `[]` or `[` and a number:
                // `{Raw bytes of the file}` stands for a body, it is not one.
                let json = body.split_once("\n\n").is_some_and(|(_, b)| {
                    let t: String = b.chars().filter(|c| !c.is_whitespace()).take(2).collect();
                    t.starts_with("{\"")
                        || t == "{}"
                        || t.starts_with("[{")
                        || t.starts_with("[\"")
                        || t == "[]"
                        || (t.starts_with('[') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
                });
                if is_http && json {
                    // The block's first content line, as graphgen numbers it.
                    found.insert((file.clone(), start + 1));
                }
            }
        }
    }
    found
}

/// An example URL's path below its API version, as the docs write it:
/// `https://graph.microsoft.com/v1.0/me?$top=1` → `/me?$top=1`. Written
/// here, apart from graphgen's reader, so the count is independent of it.
fn url_path(url: &str) -> &str {
    let path = match url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    };
    for version in ["/v1.0", "/beta"] {
        match path.strip_prefix(version) {
            Some("") => return "/",
            Some(rest) if rest.starts_with('/') || rest.starts_with('?') => return rest,
            _ => {}
        }
    }
    path
}

/// A syntax path's example ids (GUIDs, which name no segment of the API)
/// as the keys they stand for: `/classes/acdefc6b-…/x` → `/classes/{classes-id}/x`.
fn example_ids_as_keys(path: &str) -> String {
    let is_guid = |s: &str| {
        let groups: Vec<&str> = s.split('-').collect();
        groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12] && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
    };
    let segments: Vec<&str> = path.split('/').collect();
    let keyed: Vec<String> = segments
        .iter()
        .enumerate()
        .map(|(i, s)| if is_guid(s) { format!("{{{}-id}}", i.checked_sub(1).map_or("key", |p| segments[p])) } else { (*s).to_owned() })
        .collect();
    keyed.join("/")
}

/// A generated crate written to a temporary folder (as `graph-client/`),
/// with the workspace's lock file so its dependencies are the ones tested.
pub fn written_crate(files: &[graphgen::OutputFile]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("a temporary folder");
    let crate_dir = out.path().join("graph-client");
    graphgen::Output::open(&crate_dir, None, false).and_then(|o| o.write(files)).expect("the crate is written");
    std::fs::copy(root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("the workspace's lock file");
    (out, crate_dir)
}

/// cargo with `args` in a generated crate: warnings as errors, and a target
/// folder of its own (kept between runs), apart from the workspace's.
pub fn cargo_in(crate_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO"))
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", root().join("target/vendored-client"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}
