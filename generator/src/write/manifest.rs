//! The manifest: which files of an output folder graphgen wrote. It is how
//! graphgen knows what it may replace or remove there, and that nothing
//! else is its to touch.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path};

/// The manifest's file name, in the output folder.
pub const NAME: &str = ".graphgen-manifest";

const HEADER: &str =
    "# The files graphgen wrote in this folder, one per line. graphgen replaces\n# and removes only these; every other file here is left as it is.\n";

/// The manifest's text for these relative paths.
pub(super) fn render<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let sorted: BTreeSet<&str> = paths.into_iter().collect();
    let mut out = HEADER.to_owned();
    for p in sorted {
        out.push_str(p);
        out.push('\n');
    }
    out
}

/// The files a folder's manifest lists, or None when it has none. A line
/// that is not a plain relative path inside the folder (absolute, `..`) is
/// an error: graphgen removes what the manifest lists, so an edited
/// manifest must not point it outside the folder.
pub(super) fn read(dir: &Path) -> io::Result<Option<BTreeSet<String>>> {
    let text = match std::fs::read_to_string(dir.join(NAME)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut paths = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let inside = Path::new(line).components().all(|c| matches!(c, Component::Normal(_)));
        if !inside || line == NAME {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{}:{}: expected a relative path inside the folder, found {line:?}; fix or remove the manifest",
                    dir.join(NAME).display(),
                    i + 1
                ),
            ));
        }
        paths.insert(line.to_owned());
    }
    Ok(Some(paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_sorted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(NAME), render(["src/b.rs", "Cargo.toml", "src/a.rs"])).unwrap();
        let read = read(dir.path()).unwrap().unwrap();
        assert_eq!(read.into_iter().collect::<Vec<_>>(), ["Cargo.toml", "src/a.rs", "src/b.rs"]);
    }

    #[test]
    fn no_manifest_is_none() {
        assert_eq!(read(tempfile::tempdir().unwrap().path()).unwrap(), None);
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "./a", NAME] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(NAME), format!("{HEADER}{bad}\n")).unwrap();
            let err = read(dir.path()).unwrap_err();
            assert!(err.to_string().contains("expected a relative path inside the folder"), "{bad}: {err}");
        }
    }
}
