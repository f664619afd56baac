//! Outputs: files written atomically.
//!
//! Takes: a directory, a file name and the bytes to put there.
//! Gives: the file, written to a temporary file in the same directory and
//! renamed into place, so that an interrupted run leaves the previous file whole.
//! Does not: decide what to write.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Creates `dir` if needed and checks that files can be created in it.
pub fn prepare_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let probe = dir.join(".actorgraph-write-test.tmp");
    fs::write(&probe, b"").map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    fs::remove_file(&probe).map_err(|source| Error::Write {
        path: probe,
        source,
    })
}

/// Writes `bytes` to `dir/name` atomically and returns the path.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    write_atomic_with(dir, name, |out| out.write_all(bytes))
}

/// Writes what `write` writes to `dir/name` atomically, through a buffer,
/// and returns the path: a large output need not be held in memory.
pub fn write_atomic_with(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf> {
    let path = dir.join(name);
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, fs::File::create(&temporary)?);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temporary, &path)
    })();
    if let Err(source) = result {
        let _ = fs::remove_file(&temporary);
        return Err(Error::Write { path, source });
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_atomic(dir.path(), "graph.json", b"one").expect("first write");
        write_atomic(dir.path(), "graph.json", b"two").expect("second write");
        assert_eq!(
            fs::read(dir.path().join("graph.json")).expect("read"),
            b"two"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary files remain: {names:?}");
    }

    #[test]
    fn unwritable_directory_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("not-a-dir");
        fs::write(&file, b"x").expect("write");
        assert!(prepare_dir(&file.join("sub")).is_err());
    }
}
