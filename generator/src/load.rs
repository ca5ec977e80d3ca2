//! Load: find every page below the input folder, in a stable order, and read it.

use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One input page: its path relative to the input folder (with `/`
/// separators, so diagnostics and schema sources read the same on every
/// machine) and its text.
#[derive(Clone, Debug)]
pub(crate) struct SourcePage {
    pub path: String,
    pub text: String,
    /// The line of the first byte that is not UTF-8, when bad bytes were
    /// replaced.
    pub invalid_utf8_line: Option<usize>,
}

/// Every `.md` and `.txt` page below `input`, sorted, optionally only those
/// whose file name matches `only` (`intune-*`). The `includes/` tree holds
/// SDK snippets and shared fragments, not pages, so it is not read.
pub fn page_paths(input: &Path, only: Option<&glob::Pattern>) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let walker = WalkDir::new(input).sort_by_file_name().into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(e.file_type().is_dir() && (name == "includes" || name.starts_with('.')))
    });
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        let name = entry.file_name().to_string_lossy();
        let is_page = entry.file_type().is_file() && (name.ends_with(".md") || name.ends_with(".txt")) && !name.eq_ignore_ascii_case("readme.md");
        if is_page && only.is_none_or(|p| p.matches(&name)) {
            out.push(entry.into_path());
        }
    }
    out.sort();
    Ok(out)
}

/// Reads one page. Bytes that are not UTF-8 are replaced rather than failing
/// the page; `invalid_utf8_line` tells the caller to say so, and where.
pub(crate) fn read_page(root: &Path, path: &Path) -> io::Result<SourcePage> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    let (text, invalid_utf8_line) = decode(std::fs::read(path)?);
    Ok(SourcePage { path: rel, text, invalid_utf8_line })
}

/// What is said of a file whose bytes are not all UTF-8, at the line of the
/// first bad byte (`encoding-invalid`).
pub(crate) const INVALID_UTF8: &str = "expected UTF-8; invalid bytes were replaced (from this line on, U+FFFD marks each)";

/// A page's bytes as text: bad bytes replaced (U+FFFD), and the line of the
/// first one, to say where.
pub fn decode(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(line))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bad_bytes_are_replaced_and_placed() {
        assert_eq!(super::decode(b"a\nb".to_vec()), ("a\nb".to_owned(), None));
        assert_eq!(super::decode(b"a\nb\n\xffc".to_vec()), ("a\nb\n\u{fffd}c".to_owned(), Some(3)));
        assert_eq!(super::decode(b"\xe2\x82".to_vec()).1, Some(1));
    }
}
