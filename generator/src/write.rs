//! Write: the emitted files into the output folder, atomically, or (check
//! mode) only compare and say what would change.
//!
//! The new crate is staged in a sibling folder and swapped in by rename, so
//! a failed run never leaves a half-written crate. Only files whose bytes
//! changed are written; unchanged ones are hard-linked into the staging
//! folder, keeping their modification times, so a build after regenerating
//! recompiles only what changed. When nothing changed, nothing is touched.

use crate::emit::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty()
    }

    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (mark, list) in [("added", &self.added), ("modified", &self.modified), ("removed", &self.removed)] {
            for p in list {
                out.push_str(&format!("  {mark}: {p}\n"));
            }
        }
        out
    }
}

/// What a build leaves in the output folder: not output, so never compared,
/// removed or replaced.
const BUILD_STATE: [&str; 2] = ["target", "Cargo.lock"];

/// Every file below `dir` (relative, `/`-separated), build state excepted.
fn existing(dir: &Path) -> io::Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let walker = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| !(e.depth() == 1 && BUILD_STATE.iter().any(|b| e.file_name() == *b)));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("walked below dir");
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.insert(rel, entry.into_path());
        }
    }
    Ok(out)
}

/// What writing `files` would change, and the existing files that stay as
/// they are (by relative path).
fn compare(dir: &Path, files: &[OutputFile]) -> io::Result<(Changes, BTreeMap<String, PathBuf>)> {
    let mut old = existing(dir)?;
    // Reading the old files is most of the work: in parallel.
    let same: Vec<io::Result<Option<bool>>> = files
        .par_iter()
        .map(|f| match old.get(&f.path) {
            None => Ok(None),
            Some(_) if f.reused => Ok(Some(true)),
            Some(path) => Ok(Some(std::fs::metadata(path)?.len() == f.contents.len() as u64 && std::fs::read(path)? == f.contents.as_bytes())),
        })
        .collect();
    let mut changes = Changes::default();
    let mut unchanged = BTreeMap::new();
    for (f, same) in files.iter().zip(same) {
        match same? {
            None => changes.added.push(f.path.clone()),
            Some(true) => {
                unchanged.insert(f.path.clone(), old.remove(&f.path).expect("compared with an existing file"));
            }
            Some(false) => {
                old.remove(&f.path);
                changes.modified.push(f.path.clone());
            }
        }
    }
    changes.removed = old.into_keys().collect();
    Ok((changes, unchanged))
}

/// The previous output's text of a file (for `emit::emit_crate_reusing`).
pub fn previous(dir: &Path) -> impl Fn(&str) -> Option<String> + Sync + '_ {
    move |path| std::fs::read_to_string(dir.join(path)).ok()
}

pub fn changes(dir: &Path, files: &[OutputFile]) -> io::Result<Changes> {
    Ok(compare(dir, files)?.0)
}

/// Replaces `dir` with exactly `files`, unless nothing changed.
pub fn write(dir: &Path, files: &[OutputFile]) -> io::Result<Changes> {
    let (changes, unchanged) = compare(dir, files)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "generated".into());
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let staging = parent.join(format!(".{name}.graphgen-new"));
    let previous = parent.join(format!(".{name}.graphgen-old"));
    for leftover in [&staging, &previous] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)?;
        }
    }
    files.par_iter().try_for_each(|f| {
        let path = staging.join(&f.path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        match unchanged.get(&f.path) {
            // A file system without hard links gets a fresh copy instead.
            Some(old) => std::fs::hard_link(old, &path).or_else(|_| std::fs::write(&path, &f.contents)),
            None => std::fs::write(&path, &f.contents),
        }
    })?;
    // Build state inside the output survives the swap.
    for name in BUILD_STATE {
        let kept = dir.join(name);
        if kept.exists() {
            std::fs::rename(&kept, staging.join(name))?;
        }
    }
    if dir.exists() {
        std::fs::rename(dir, &previous)?;
    }
    std::fs::rename(&staging, dir)?;
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile::new(path, contents.into())
    }

    #[test]
    fn writes_then_reports_only_real_changes() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        let v1 = vec![file("a.rs", "a"), file("src/b.rs", "b")];
        let c = write(&dir, &v1).unwrap();
        assert_eq!(c.added, ["a.rs", "src/b.rs"]);
        assert!(changes(&dir, &v1).unwrap().is_empty());
        let v2 = vec![file("a.rs", "a2"), file("c.rs", "c")];
        let c = changes(&dir, &v2).unwrap();
        assert_eq!((c.added.as_slice(), c.modified.as_slice(), c.removed.as_slice()), (&["c.rs".to_owned()][..], &["a.rs".to_owned()][..], &["src/b.rs".to_owned()][..]));
        std::fs::write(dir.join("Cargo.lock"), "lock").unwrap();
        let kept = std::fs::metadata(dir.join("src/b.rs")).unwrap().modified().unwrap();
        let v3 = vec![file("src/b.rs", "b"), file("c.rs", "c")];
        write(&dir, &v3).unwrap();
        assert_eq!(std::fs::metadata(dir.join("src/b.rs")).unwrap().modified().unwrap(), kept, "an unchanged file keeps its mtime");
        write(&dir, &v2).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.rs")).unwrap(), "a2");
        assert!(!dir.join("src/b.rs").exists());
        assert_eq!(std::fs::read_to_string(dir.join("Cargo.lock")).unwrap(), "lock", "build state is not output");
        assert!(!root.path().join(".out.graphgen-new").exists());
    }
}
