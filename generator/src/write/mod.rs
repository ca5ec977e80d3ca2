//! Write: the emitted files into the output folder, or (check mode) only
//! compare and say what would change.
//!
//! graphgen owns only the files it wrote in a folder, listed in the
//! folder's manifest (`.graphgen-manifest`): it replaces and removes those
//! and leaves every other file where it is (a `.git`, a `target/`, the
//! user's notes). A folder holding other files and no manifest is refused
//! unless the user says `--force`. A run holds a lock on the folder, so a
//! second run waits, and the files that change are swapped in under a
//! journal (`swap`), so an interrupted run is undone by the next one.
//! Unchanged files are not touched: their modification times stay, and a
//! build after regenerating recompiles only what changed.

mod manifest;
mod swap;

use crate::emit::OutputFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use swap::Move;

pub use manifest::NAME as MANIFEST;

#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    /// An earlier run was interrupted while swapping files in (check mode
    /// only; a writing run undoes it first).
    pub interrupted: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty() && !self.interrupted
    }

    pub fn describe(&self) -> String {
        let mut out = String::new();
        if self.interrupted {
            out.push_str("  an interrupted graphgen run left files half-swapped (`graphgen generate` restores them first)\n");
        }
        for (mark, list) in [("added", &self.added), ("modified", &self.modified), ("removed", &self.removed)] {
            for p in list {
                out.push_str(&format!("  {mark}: {p}\n"));
            }
        }
        out
    }
}

/// What a folder without a manifest may hold and still be written into
/// without `--force`: version control, and the build state of the crate
/// that goes there. graphgen never touches them either way.
const NOT_OUTPUT: [&str; 3] = [".git", "target", "Cargo.lock"];

/// An output folder opened for one run: checked, locked against other
/// graphgen runs, and any swap an interrupted run left undone.
pub struct Output {
    dir: PathBuf,
    /// The files the manifest says graphgen wrote here.
    ours: BTreeSet<String>,
    /// Without a manifest (`--force`), a file at a path graphgen writes is
    /// replaced whoever wrote it.
    force: bool,
    /// The folder did not exist: a run that writes nothing leaves none.
    created: bool,
    /// Held for the run; closing the file releases the lock.
    _lock: File,
}

fn refused(kind: io::ErrorKind, message: String) -> io::Error {
    io::Error::new(kind, message)
}

impl Output {
    /// Opens `dir` to write the crate from the pages in `input`.
    pub fn open(dir: &Path, input: Option<&Path>, force: bool) -> io::Result<Output> {
        if dir.exists() && !dir.is_dir() {
            return Err(refused(
                io::ErrorKind::InvalidInput,
                "this is not a folder; --output names the folder the crate is written to (the file is left as it is)".to_owned(),
            ));
        }
        if input.is_some_and(|input| same_folder(input, dir)) {
            return Err(refused(
                io::ErrorKind::InvalidInput,
                "--output is the --input folder; graphgen would write among the pages: choose another folder".to_owned(),
            ));
        }
        let created = !dir.exists();
        std::fs::create_dir_all(dir)?;
        let lock = File::open(dir)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!("waiting for another graphgen run writing {}", dir.display());
                lock.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        let mut output = Output { dir: dir.to_owned(), ours: BTreeSet::new(), force, created, _lock: lock };
        if swap::recover(dir)? {
            eprintln!("note: an interrupted graphgen run had left {} half-swapped; its previous output is restored", dir.display());
        }
        output.ours = match manifest::read(dir)? {
            Some(ours) => ours,
            None if force => BTreeSet::new(),
            None => {
                let foreign = foreign_entries(dir)?;
                if !foreign.is_empty() {
                    return Err(refused(io::ErrorKind::AlreadyExists, format!(
                        "the folder holds files graphgen did not write ({}) and no manifest ({MANIFEST}); graphgen writes only into an empty folder or one it wrote. \
                         Pass --force to write into it anyway: graphgen then replaces the files it writes and leaves every other file as it is",
                        foreign.join(", ")
                    )));
                }
                BTreeSet::new()
            }
        };
        Ok(output)
    }

    /// The previous output's text of a file (for `emit::emit_crate_reusing`).
    pub fn previous(&self) -> impl Fn(&str) -> Option<String> + Sync + '_ {
        move |path| std::fs::read_to_string(self.dir.join(path)).ok()
    }

    /// Makes the folder hold `files` (and the manifest listing them), and
    /// removes the files graphgen wrote before and writes no more.
    pub fn write(&self, files: &[OutputFile]) -> io::Result<Changes> {
        self.write_with(files, &mut swap::no_faults)
    }

    fn write_with(&self, files: &[OutputFile], faults: swap::Faults) -> io::Result<Changes> {
        let manifest_text = manifest::render(files.iter().map(|f| f.path.as_str()));
        let (changes, moves) = plan(&self.dir, &self.ours, files, &manifest_text, !self.force)?;
        if !moves.is_empty() {
            let by_path: HashMap<&str, &str> =
                files.iter().map(|f| (f.path.as_str(), f.contents.as_str())).chain(std::iter::once((MANIFEST, manifest_text.as_str()))).collect();
            swap::swap(&self.dir, &moves, &|p| by_path[p], faults)?;
        }
        Ok(changes)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.created {
            // Only an empty folder is removed: one this run created and
            // then wrote nothing into.
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// Whether two paths name one folder.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The first entries of a folder that are neither graphgen's nor version
/// control or build state, to name in an error.
fn foreign_entries(dir: &Path) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<Vec<_>>>()?
        .into_iter()
        .filter(|n| !NOT_OUTPUT.contains(&n.as_str()))
        .collect();
    names.sort();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(format!("and {more} more"));
    }
    Ok(names)
}

/// How a file to write stands against the folder.
enum Found {
    Absent,
    Same,
    Different,
}

/// What writing `files` changes, and the moves that make it. With
/// `strict`, a file at a path graphgen writes that the manifest does not
/// list (someone else's) is an error rather than replaced.
fn plan(dir: &Path, ours: &BTreeSet<String>, files: &[OutputFile], manifest_text: &str, strict: bool) -> io::Result<(Changes, Vec<Move>)> {
    let wanted: Vec<(&str, &str, bool)> =
        files.iter().map(|f| (f.path.as_str(), f.contents.as_str(), f.reused)).chain(std::iter::once((MANIFEST, manifest_text, false))).collect();
    // Reading the old files is most of the work: in parallel.
    let found: Vec<io::Result<Found>> = wanted
        .par_iter()
        .map(|(path, contents, reused)| match std::fs::read(dir.join(path)) {
            // A reused file is the previous text of this very path.
            Ok(_) if *reused => Ok(Found::Same),
            Ok(old) => Ok(if old == contents.as_bytes() { Found::Same } else { Found::Different }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Found::Absent),
            Err(e) => Err(e),
        })
        .collect();
    let mut changes = Changes::default();
    let mut moves = Vec::new();
    let mut theirs = Vec::new();
    for ((path, _, _), found) in wanted.iter().zip(found) {
        match found? {
            Found::Absent => {
                changes.added.push(path.to_string());
                moves.push(Move::Add(path.to_string()));
            }
            Found::Same => {}
            Found::Different if strict && *path != MANIFEST && !ours.contains(*path) => theirs.push(path.to_string()),
            Found::Different => {
                changes.modified.push(path.to_string());
                moves.push(Move::Replace(path.to_string()));
            }
        }
    }
    if !theirs.is_empty() {
        return Err(refused(
            io::ErrorKind::AlreadyExists,
            format!(
                "the folder holds files graphgen would write but did not write before (not in its manifest): {}; pass --force to replace them",
                theirs.join(", ")
            ),
        ));
    }
    let written: BTreeSet<&str> = wanted.iter().map(|(p, _, _)| *p).collect();
    for old in ours.iter().filter(|p| !written.contains(p.as_str())) {
        if dir.join(old).is_file() {
            changes.removed.push(old.clone());
            moves.push(Move::Remove(old.clone()));
        }
    }
    Ok((changes, moves))
}

/// Check mode: what writing `files` into `dir` would change. Changes
/// nothing, and waits for a run that is writing there.
pub fn changes(dir: &Path, files: &[OutputFile]) -> io::Result<Changes> {
    if !dir.exists() {
        return plan(dir, &BTreeSet::new(), files, &manifest::render(files.iter().map(|f| f.path.as_str())), false).map(|(c, _)| c);
    }
    if !dir.is_dir() {
        return Err(refused(io::ErrorKind::InvalidInput, "this is not a folder".to_owned()));
    }
    let lock = File::open(dir)?;
    lock.lock_shared()?;
    let ours = manifest::read(dir)?.unwrap_or_default();
    let (mut changes, _) = plan(dir, &ours, files, &manifest::render(files.iter().map(|f| f.path.as_str())), false)?;
    changes.interrupted = dir.join(swap::STAGING).exists();
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile::new(path, contents.into())
    }

    fn write(dir: &Path, files: &[OutputFile]) -> io::Result<Changes> {
        Output::open(dir, None, false)?.write(files)
    }

    #[test]
    fn writes_then_reports_only_real_changes() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        let v1 = vec![file("a.rs", "a"), file("src/b.rs", "b")];
        let c = write(&dir, &v1).unwrap();
        assert_eq!(c.added, ["a.rs", "src/b.rs", MANIFEST]);
        assert!(changes(&dir, &v1).unwrap().is_empty());
        let v2 = vec![file("a.rs", "a2"), file("c.rs", "c")];
        let c = changes(&dir, &v2).unwrap();
        assert_eq!(
            (c.added.as_slice(), c.modified.as_slice(), c.removed.as_slice()),
            (&["c.rs".to_owned()][..], &["a.rs".to_owned(), MANIFEST.to_owned()][..], &["src/b.rs".to_owned()][..])
        );
        std::fs::write(dir.join("Cargo.lock"), "lock").unwrap();
        let kept = std::fs::metadata(dir.join("src/b.rs")).unwrap().modified().unwrap();
        let v3 = vec![file("src/b.rs", "b"), file("c.rs", "c")];
        write(&dir, &v3).unwrap();
        assert_eq!(std::fs::metadata(dir.join("src/b.rs")).unwrap().modified().unwrap(), kept, "an unchanged file keeps its mtime");
        write(&dir, &v2).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.rs")).unwrap(), "a2");
        assert!(!dir.join("src").exists(), "a folder graphgen emptied is removed");
        assert_eq!(std::fs::read_to_string(dir.join("Cargo.lock")).unwrap(), "lock", "build state is not output");
        assert!(!dir.join(swap::STAGING).exists());
    }

    #[test]
    fn foreign_files_survive_and_are_never_replaced() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::write(dir.join(".git/HEAD"), "ref").unwrap();
        write(&dir, &[file("a.rs", "a")]).unwrap();
        std::fs::write(dir.join("NOTES.md"), "mine").unwrap();
        std::fs::write(dir.join("b.rs"), "mine too").unwrap();
        write(&dir, &[file("c.rs", "c")]).unwrap();
        assert!(!dir.join("a.rs").exists(), "graphgen's own old file is removed");
        assert_eq!(std::fs::read_to_string(dir.join("NOTES.md")).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(dir.join(".git/HEAD")).unwrap(), "ref");
        let err = write(&dir, &[file("b.rs", "generated")]).unwrap_err();
        assert!(err.to_string().contains("did not write before"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.join("b.rs")).unwrap(), "mine too");
        Output::open(&dir, None, true).unwrap().write(&[file("b.rs", "generated")]).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("b.rs")).unwrap(), "generated", "--force replaces it");
    }

    #[test]
    fn a_folder_of_other_files_is_refused_without_force() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("NOTES.md"), "mine").unwrap();
        let err = write(root.path(), &[file("a.rs", "a")]).expect_err("refused");
        assert!(err.to_string().contains("did not write") && err.to_string().contains("NOTES.md") && err.to_string().contains("--force"), "{err}");
        assert!(!root.path().join("a.rs").exists());
        Output::open(root.path(), None, true).unwrap().write(&[file("a.rs", "a")]).unwrap();
        assert_eq!(std::fs::read_to_string(root.path().join("NOTES.md")).unwrap(), "mine");
    }

    #[test]
    fn a_file_as_output_or_the_input_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let f = root.path().join("file");
        std::fs::write(&f, "mine").unwrap();
        assert!(Output::open(&f, None, true).is_err());
        assert!(changes(&f, &[]).is_err());
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "mine");
        let pages = root.path().join("pages");
        std::fs::create_dir_all(&pages).unwrap();
        let err = Output::open(&pages.join("."), Some(&pages), true).err().expect("refused");
        assert!(err.to_string().contains("is the --input folder"), "{err}");
    }

    #[test]
    fn a_failed_run_leaves_no_folder_it_created() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("new");
        let out = Output::open(&dir, None, false).unwrap();
        let err = out.write_with(&[file("a.rs", "a")], &mut |_| Err(io::Error::other("disk full"))).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        drop(out);
        assert!(!dir.exists());
    }

    #[test]
    fn concurrent_runs_leave_one_whole_output() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        let sets: Vec<Vec<OutputFile>> = (0..2)
            .map(|run| (0..200).map(|i| file(&format!("src/f{i}.rs"), &format!("run {run}"))).chain([file(&format!("only{run}.rs"), "x")]).collect())
            .collect();
        for _ in 0..4 {
            std::thread::scope(|s| {
                for set in &sets {
                    s.spawn(|| write(&dir, set).unwrap());
                }
            });
            let manifest = manifest::read(&dir).unwrap().unwrap();
            let run = if manifest.contains("only0.rs") { 0 } else { 1 };
            assert_eq!(manifest.len(), 201);
            for f in &sets[run] {
                assert_eq!(std::fs::read_to_string(dir.join(&f.path)).unwrap(), f.contents, "{}", f.path);
            }
            assert!(!dir.join(format!("only{}.rs", 1 - run)).exists());
        }
    }

    #[test]
    fn an_edited_manifest_cannot_point_outside() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        std::fs::write(root.path().join("victim"), "mine").unwrap();
        write(&dir, &[file("a.rs", "a")]).unwrap();
        std::fs::write(dir.join(MANIFEST), "../victim\n").unwrap();
        assert!(write(&dir, &[file("a.rs", "b")]).is_err());
        assert_eq!(std::fs::read_to_string(root.path().join("victim")).unwrap(), "mine");
    }
}
