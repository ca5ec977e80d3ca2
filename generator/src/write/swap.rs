//! The swap: the files that change are staged inside the output folder
//! (`.graphgen-staging/`), a journal of the moves is committed, and only
//! then are they moved into place, each replaced file kept aside until the
//! end. Until the journal exists the folder is untouched; once it exists,
//! an interrupted run (killed, disk full) is undone by the next run's
//! `recover`, which puts every kept file back and removes what was added.
//! Only files graphgen wrote are ever moved; the folder itself never is.

use std::io;
use std::path::{Path, PathBuf};

/// Staging, inside the output folder so every move is a rename on one file
/// system. Its name starts with a dot, so `load` never reads it as pages.
pub(super) const STAGING: &str = ".graphgen-staging";
const JOURNAL: &str = "journal";
const NEW: &str = "new";
const OLD: &str = "old";

/// One move of the swap.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Move {
    /// A file that did not exist.
    Add(String),
    /// A file graphgen wrote before, with new contents.
    Replace(String),
    /// A file graphgen wrote before and writes no more.
    Remove(String),
}

impl Move {
    fn path(&self) -> &str {
        match self {
            Move::Add(p) | Move::Replace(p) | Move::Remove(p) => p,
        }
    }

    fn line(&self) -> String {
        match self {
            Move::Add(p) => format!("add\t{p}"),
            Move::Replace(p) => format!("replace\t{p}"),
            Move::Remove(p) => format!("remove\t{p}"),
        }
    }

    fn parse(line: &str) -> Option<Move> {
        let (kind, path) = line.split_once('\t')?;
        let path = path.to_owned();
        match kind {
            "add" => Some(Move::Add(path)),
            "replace" => Some(Move::Replace(path)),
            "remove" => Some(Move::Remove(path)),
            _ => None,
        }
    }
}

/// Called before each step that changes the file system, with its name;
/// an error stops the swap there. Tests inject faults through it (an
/// error, or a panic standing for a kill); graphgen passes `no_faults`.
pub(super) type Faults<'a> = &'a mut dyn FnMut(&str) -> io::Result<()>;

pub(super) fn no_faults(_: &str) -> io::Result<()> {
    Ok(())
}

/// Makes the moves in `dir`; `contents` gives the new text of each added
/// or replaced path. On an error the folder is as it was before.
pub(super) fn swap<'c>(dir: &Path, moves: &[Move], contents: &dyn Fn(&str) -> &'c str, faults: Faults) -> io::Result<()> {
    let staging = dir.join(STAGING);
    // Staging: nothing in the folder changes yet, so a failure (a full
    // disk) only has to take the staging folder away again.
    if let Err(e) = stage(&staging, moves, contents, faults) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let journal: String = moves.iter().map(|m| m.line() + "\n").collect();
    let committed = (|| {
        faults("write journal")?;
        std::fs::write(staging.join("journal.tmp"), journal)?;
        faults("commit journal")?;
        std::fs::rename(staging.join("journal.tmp"), staging.join(JOURNAL))
    })();
    if let Err(e) = committed {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // Removing the journal is the commit: from then on the new output is
    // the whole one, and an interruption leaves only staging to clear.
    let applied = apply(dir, &staging, moves, faults).and_then(|()| {
        faults("commit")?;
        std::fs::remove_file(staging.join(JOURNAL))
    });
    if let Err(e) = applied {
        recover(dir)?;
        return Err(e);
    }
    // Best effort: what is left is cleared by the next run's `recover`.
    let _ = std::fs::remove_dir_all(&staging);
    for m in moves {
        if let Move::Remove(p) = m {
            remove_empty_parents(dir, p);
        }
    }
    Ok(())
}

fn stage<'c>(staging: &Path, moves: &[Move], contents: &dyn Fn(&str) -> &'c str, faults: Faults) -> io::Result<()> {
    for m in moves {
        if let Move::Add(p) | Move::Replace(p) = m {
            faults(&format!("stage {p}"))?;
            let path = staging.join(NEW).join(p);
            std::fs::create_dir_all(path.parent().expect("a staged file has a folder"))?;
            std::fs::write(path, contents(p))?;
        }
    }
    Ok(())
}

fn apply(dir: &Path, staging: &Path, moves: &[Move], faults: Faults) -> io::Result<()> {
    for m in moves {
        let target = dir.join(m.path());
        if let Move::Replace(p) | Move::Remove(p) = m {
            faults(&format!("keep {p}"))?;
            move_file(&target, &staging.join(OLD).join(p))?;
        }
        if let Move::Add(p) | Move::Replace(p) = m {
            faults(&format!("move in {p}"))?;
            move_file(&staging.join(NEW).join(p), &target)?;
        }
    }
    Ok(())
}

fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::rename(from, to)
}

/// Undoes a swap that an earlier run left unfinished, and clears its
/// staging. Returns whether there was a swap to undo.
pub(super) fn recover(dir: &Path) -> io::Result<bool> {
    let staging = dir.join(STAGING);
    let journal = match std::fs::read_to_string(staging.join(JOURNAL)) {
        Ok(journal) => journal,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Staged but never committed, or finished but not cleared.
            if staging.exists() {
                std::fs::remove_dir_all(&staging)?;
            }
            return Ok(false);
        }
        Err(e) => return Err(e),
    };
    let moves: Vec<Move> = journal.lines().filter_map(Move::parse).collect();
    for m in moves.iter().rev() {
        let target = dir.join(m.path());
        let kept = staging.join(OLD).join(m.path());
        let staged = staging.join(NEW).join(m.path());
        match m {
            Move::Replace(_) | Move::Remove(_) if kept.exists() => std::fs::rename(&kept, &target)?,
            // Moved in by the interrupted run (still staged means not yet).
            Move::Add(_) if !staged.exists() && target.exists() => {
                std::fs::remove_file(&target)?;
                remove_empty_parents(dir, m.path());
            }
            _ => {}
        }
    }
    std::fs::remove_dir_all(&staging)?;
    Ok(true)
}

/// Removes the folders of `rel` below `dir` that are left empty; a folder
/// with anything in it (the user's files too) stays.
fn remove_empty_parents(dir: &Path, rel: &str) {
    let mut path = PathBuf::from(rel);
    while path.pop() && !path.as_os_str().is_empty() {
        if std::fs::remove_dir(dir.join(&path)).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every file below `dir` with its text, staging excepted.
    fn snapshot(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_entry(|e| e.file_name() != STAGING)
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read_to_string(e.path()).unwrap()))
            .collect()
    }

    fn setup() -> (tempfile::TempDir, Vec<Move>) {
        let dir = tempfile::tempdir().unwrap();
        for (p, t) in [("keep.rs", "old"), ("src/replace.rs", "old"), ("src/gone/remove.rs", "old"), ("NOTES.md", "mine")] {
            std::fs::create_dir_all(dir.path().join(p).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(p), t).unwrap();
        }
        let moves = vec![Move::Add("src/new/add.rs".into()), Move::Replace("src/replace.rs".into()), Move::Remove("src/gone/remove.rs".into())];
        (dir, moves)
    }

    #[test]
    fn swaps_only_its_moves() {
        let (dir, moves) = setup();
        swap(dir.path(), &moves, &|_| "new", &mut no_faults).unwrap();
        let after = snapshot(dir.path());
        let want: BTreeMap<String, String> = [("NOTES.md", "mine"), ("keep.rs", "old"), ("src/new/add.rs", "new"), ("src/replace.rs", "new")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(after, want);
        assert!(!dir.path().join("src/gone").exists(), "a folder left empty is removed");
        assert!(!dir.path().join(STAGING).exists());
    }

    /// Each step of the swap in turn fails (a full disk, say) or is where
    /// the process dies (a panic: nothing after it runs). After a failure
    /// the folder is as before at once; after a death, once the next run
    /// has recovered it. (A death after the commit leaves the new output
    /// and a staging folder without a journal, which `recover` clears:
    /// `staging_without_journal_is_cleared`.)
    #[test]
    fn staging_without_journal_is_cleared() {
        let (dir, _) = setup();
        let before = snapshot(dir.path());
        std::fs::create_dir_all(dir.path().join(STAGING).join(NEW)).unwrap();
        std::fs::write(dir.path().join(STAGING).join(NEW).join("keep.rs"), "half").unwrap();
        assert!(!recover(dir.path()).unwrap(), "nothing to undo");
        assert_eq!(snapshot(dir.path()), before);
        assert!(!dir.path().join(STAGING).exists());
    }

    #[test]
    fn interrupted_at_any_step_the_previous_output_is_whole() {
        let (probe, moves) = setup();
        let mut steps = Vec::new();
        swap(probe.path(), &moves, &|_| "new", &mut |s| {
            steps.push(s.to_owned());
            Ok(())
        })
        .unwrap();
        assert!(steps.len() >= 8, "{steps:?}");
        for (i, step) in steps.iter().enumerate() {
            for die in [false, true] {
                let (dir, moves) = setup();
                let before = snapshot(dir.path());
                let mut n = 0;
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    swap(dir.path(), &moves, &|_| "new", &mut |_| {
                        n += 1;
                        match (n - 1 == i, die) {
                            (true, true) => panic!("killed"),
                            (true, false) => Err(io::Error::other("disk full")),
                            _ => Ok(()),
                        }
                    })
                }));
                if die {
                    assert!(result.is_err());
                    recover(dir.path()).unwrap();
                } else {
                    assert!(result.unwrap().is_err(), "the fault at {step} is reported");
                }
                assert_eq!(snapshot(dir.path()), before, "{} at step {step}", if die { "killed" } else { "failed" });
                assert!(!dir.path().join(STAGING).exists(), "no staging left at step {step}");
                assert!(!dir.path().join("src/new").exists(), "no folder left from an undone add at {step}");
            }
        }
    }
}
