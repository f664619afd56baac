//! Outputs: files written atomically.
//!
//! Takes: a directory, a file name and the bytes to put there.
//! Gives: the file, written to a temporary file in the same directory and
//! renamed into place, so that an interrupted run leaves the previous file whole.
//! A run killed while writing can leave its temporary files behind: they are
//! named `.<name>.actorgraph-<pid>.tmp`, and the next run in the directory
//! removes those whose process is gone ([`remove_leftovers`]).
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
    let probe = dir.join(temporary_name("write-test", std::process::id()));
    fs::write(&probe, b"").map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    fs::remove_file(&probe).map_err(|source| Error::Write {
        path: probe,
        source,
    })
}

/// The temporary file that becomes `name`, for the process `pid`.
fn temporary_name(name: &str, pid: u32) -> String {
    format!(".{name}.actorgraph-{pid}.tmp")
}

/// The process that wrote a temporary file named by [`temporary_name`].
pub fn temporary_owner(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = rest.rsplit_once(".actorgraph-")?;
    pid.parse().ok()
}

/// Removes the temporary files of runs that were killed while writing into
/// `dir` (those whose process no longer runs) and gives their paths. Where
/// it cannot tell whether a process runs (no /proc), it removes nothing.
pub fn remove_leftovers(dir: &Path) -> Vec<PathBuf> {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            temporary_owner(&name.to_string_lossy()).is_some_and(|pid| {
                pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
            })
        })
        .map(|entry| entry.path())
        .filter(|path| fs::remove_file(path).is_ok())
        .collect();
    removed.sort();
    removed
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
    let temporary = dir.join(temporary_name(name, std::process::id()));
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
    fn leftovers_of_dead_runs_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(temporary_owner(&temporary_name("graph.json", 42)), Some(42));
        assert_eq!(temporary_owner("graph.json"), None);
        assert_eq!(temporary_owner(".notes.tmp"), None);
        // No process has a pid above the kernel's maximum (4194304 on Linux).
        let dead = dir.path().join(temporary_name("graph.json", 4_194_305));
        let live = dir
            .path()
            .join(temporary_name("graph.dot", std::process::id()));
        let other = dir.path().join(".notes.tmp");
        for path in [&dead, &live, &other] {
            fs::write(path, b"x").expect("write");
        }
        let removed = remove_leftovers(dir.path());
        if Path::new("/proc/self").exists() {
            assert_eq!(removed, vec![dead.clone()]);
            assert!(!dead.exists());
        }
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn unwritable_directory_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("not-a-dir");
        fs::write(&file, b"x").expect("write");
        assert!(prepare_dir(&file.join("sub")).is_err());
    }
}
