//! Fragments a page splices in with `[!INCLUDE [name](path)]`.
//!
//! The docs repository's operation pages have included their permissions
//! table from a file of its own since 2023 (`## Permissions`, the template's
//! sentences, then `[!INCLUDE [permissions-table](../includes/permissions/
//! user-get-permissions.md)]`); the rendered page, and so the copied shapes,
//! show the table in its place. Read without the fragment, every operation
//! of such a checkout has unknown permissions. The page model asks for a
//! fragment where a section expects a table (`page::extract`), so the
//! other includes (SDK snippets, notes, disclaimers) are never read.

use crate::blocks::Block;
use crate::diagnostics::{Diagnostic, Sink};
use std::path::{Component, Path, PathBuf};

/// The largest fragment read: a permissions table is a few hundred bytes;
/// a file this large is not one.
const MAX_FRAGMENT_BYTES: u64 = 1 << 20;

/// What a fragment holds: its blocks, the file they came from (for the
/// diagnostics of reading them) and what its parser said.
#[derive(Debug)]
pub(crate) struct Fragment {
    /// The fragment's path as diagnostics name it: relative to the input
    /// folder where it is inside it, with `/` separators.
    pub file: String,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the fragments a page includes.
pub(crate) trait Includes {
    /// The fragment `target` (as the INCLUDE line writes it, relative to
    /// the page), or why it cannot be read.
    fn read(&self, target: &str) -> Result<Fragment, String>;
}

/// A page read as text alone (`read_page_text`): no folder to read from.
pub(crate) struct NoFolder;

impl Includes for NoFolder {
    fn read(&self, _target: &str) -> Result<Fragment, String> {
        Err("the page was read as text, without the folder its fragments are in".to_owned())
    }
}

/// A page read from a folder: its fragments are files beside it.
pub(crate) struct Folder<'a> {
    /// The input folder (diagnostics name files relative to it).
    pub root: &'a Path,
    /// The page's file.
    pub page: &'a Path,
}

impl Includes for Folder<'_> {
    fn read(&self, target: &str) -> Result<Fragment, String> {
        let relative = fragment_path(target)?;
        let path = self.page.parent().unwrap_or(Path::new("")).join(&relative);
        let file = shown(self.root, &path);
        let meta = std::fs::metadata(&path).map_err(|e| format!("{file}: {e}"))?;
        // A folder, a pipe (which would block the read) or a device is no page.
        if !meta.is_file() {
            return Err(format!("{file} is not a file"));
        }
        let size = meta.len();
        if size > MAX_FRAGMENT_BYTES {
            return Err(format!("{file} is {size} bytes, more than a fragment of a page ({MAX_FRAGMENT_BYTES} at most)"));
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{file}: {e}"))?;
        let (text, invalid_utf8_line) = crate::load::decode(bytes);
        let mut sink = Sink::new(&file);
        if let Some(line) = invalid_utf8_line {
            sink.warning(line, "encoding-invalid", crate::load::INVALID_UTF8);
        }
        let parsed = crate::parse::markdown::parse(&text, &mut sink);
        Ok(Fragment { file, blocks: parsed.blocks, diagnostics: sink.items })
    }
}

/// The relative path of a Markdown fragment an INCLUDE line names
/// (`../includes/permissions/x.md`), or why it names none: a URL, an
/// absolute path or a file that is not Markdown is not a fragment of the
/// docs (their includes are relative `.md` files).
fn fragment_path(target: &str) -> Result<PathBuf, String> {
    let target = target.trim();
    let shown = || format!("`{target}`");
    if target.is_empty() {
        return Err("the line names no file".to_owned());
    }
    if target.contains("://") {
        return Err(format!("{} is a URL, not a file beside the page", shown()));
    }
    let path = PathBuf::from(target.replace('\\', "/"));
    if path.components().any(|c| matches!(c, Component::RootDir | Component::Prefix(_))) {
        return Err(format!("{} is an absolute path; the docs include files relative to the page", shown()));
    }
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
        return Err(format!("{} is not a Markdown (.md) file", shown()));
    }
    Ok(path)
}

/// A path as diagnostics show it: relative to `root` where it is inside
/// it (`includes/permissions/x.md`), else as resolved; `/` separators.
fn shown(root: &Path, path: &Path) -> String {
    let mut parts: Vec<Component> = Vec::new();
    for c in path.components() {
        match (c, parts.last()) {
            (Component::CurDir, _) => {}
            (Component::ParentDir, Some(Component::Normal(_))) => {
                parts.pop();
            }
            // Nothing is above the root.
            (Component::ParentDir, Some(Component::RootDir | Component::Prefix(_))) => {}
            (c, _) => parts.push(c),
        }
    }
    let normal: PathBuf = parts.iter().collect();
    let root: PathBuf = root.components().filter(|c| *c != Component::CurDir).collect();
    let inside = normal.strip_prefix(&root).unwrap_or(&normal);
    inside.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_paths() {
        // (as the INCLUDE line writes it, the path read or the start of why not)
        let cases = [
            ("../includes/permissions/user-get-permissions.md", Ok("../includes/permissions/user-get-permissions.md")),
            (" ..\\includes\\permissions\\é-permissions.MD ", Ok("../includes/permissions/é-permissions.MD")),
            ("../../includes/all-clouds.md", Ok("../../includes/all-clouds.md")),
            ("", Err("the line names no file")),
            ("https://example.com/x.md", Err("`https://example.com/x.md` is a URL")),
            ("/etc/x.md", Err("`/etc/x.md` is an absolute path")),
            ("../../../../etc/passwd", Err("`../../../../etc/passwd` is not a Markdown")),
            ("../includes/permissions", Err("`../includes/permissions` is not a Markdown")),
        ];
        for (target, want) in cases {
            match (fragment_path(target), want) {
                (Ok(path), Ok(want)) => assert_eq!(path, PathBuf::from(want), "{target:?}"),
                (Err(why), Err(want)) => assert!(why.starts_with(want), "{target:?}: {why}"),
                (got, want) => panic!("{target:?}: {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn paths_shown_relative_to_the_input() {
        // (input folder, file, shown)
        let cases = [
            ("docs/v1.0", "docs/v1.0/api/../includes/permissions/x.md", "includes/permissions/x.md"),
            ("./docs/v1.0", "./docs/v1.0/api/./../includes/x.md", "includes/x.md"),
            // Outside the input folder (the input is the api folder alone).
            ("docs/v1.0/api", "docs/v1.0/api/../includes/x.md", "docs/v1.0/includes/x.md"),
            ("docs", "docs/../../x.md", "../x.md"),
            ("données", "données/api/../inclus/é.md", "inclus/é.md"),
            ("/docs/v1.0", "/docs/v1.0/api/../../../includes/x.md", "/includes/x.md"),
            ("/docs", "/docs/api/../../../../x.md", "/x.md"),
        ];
        for (root, file, want) in cases {
            assert_eq!(shown(Path::new(root), Path::new(file)), want, "{file}");
        }
    }

    #[test]
    fn fragments_read_from_beside_the_page() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("api")).unwrap();
        std::fs::create_dir_all(root.join("includes/permissions")).unwrap();
        std::fs::write(
            root.join("includes/permissions/é.md"),
            "|Permission type|Least privileged permissions|\n|:--|:--|\n|Application|Ünïcode.Read.All|\n",
        )
        .unwrap();
        std::fs::write(root.join("includes/permissions/junk.md"), b"|a|b|\n|--|--|\n|\xff\xfe|c|\n").unwrap();
        std::fs::write(root.join("includes/permissions/big.md"), vec![b'|'; MAX_FRAGMENT_BYTES as usize + 1]).unwrap();
        let page = root.join("api/x.md");
        let folder = Folder { root, page: &page };

        let read = folder.read("../includes/permissions/é.md").expect("read");
        assert_eq!(read.file, "includes/permissions/é.md");
        assert!(
            matches!(&read.blocks[..], [Block::Table(t)] if t.rows[0].cells[1] == "Ünïcode.Read.All" && t.rows[0].line == 3),
            "{:?}",
            read.blocks
        );
        // Bytes that are not UTF-8: read, and said where, in the fragment's file.
        let junk = folder.read("../includes/permissions/junk.md").expect("read");
        assert_eq!(
            junk.diagnostics.iter().map(|d| (d.file.as_str(), d.line, d.code)).collect::<Vec<_>>(),
            [("includes/permissions/junk.md", 3, "encoding-invalid")]
        );
        // Absent, too large, or not a file.
        let absent = folder.read("../includes/permissions/absent.md").unwrap_err();
        assert!(absent.starts_with("includes/permissions/absent.md: "), "{absent}");
        assert!(folder.read("../includes/permissions/big.md").unwrap_err().contains("more than a fragment"));
        std::fs::create_dir_all(root.join("includes/folder.md")).unwrap();
        assert_eq!(folder.read("../includes/folder.md").unwrap_err(), "includes/folder.md is not a file");
        assert!(NoFolder.read("../includes/permissions/é.md").is_err());
    }

    /// A named pipe where a fragment should be would block a read forever.
    #[cfg(unix)]
    #[test]
    fn a_pipe_is_not_read() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let pipe = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo runs");
        assert!(made.success(), "mkfifo {}", pipe.display());
        let page = dir.path().join("page.md");
        let folder = Folder { root: dir.path(), page: &page };
        assert_eq!(folder.read("pipe.md").unwrap_err(), "pipe.md is not a file");
    }
}
