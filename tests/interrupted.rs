//! A build killed (SIGKILL) at any moment, writing included, never leaves a
//! broken output: every file is whole, either the previous run's or the new
//! one's; what it leaves behind is recognisable temporary files, which the
//! next run in the directory removes.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FORMATS: &str = "json,dot,csv,cyjs,gexf,graphml,jgf,neo4j,mentions";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(inputs: &[&Path], out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_actorgraph"));
    command.arg("build");
    command.args(inputs);
    command.args(["-q", "-f", FORMATS, "-o"]).arg(out);
    command
}

/// The outputs in `dir` by name, and the names of temporary files.
fn outputs(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let (mut files, mut temporary) = (BTreeMap::new(), Vec::new());
    for entry in fs::read_dir(dir).expect("list").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            temporary.push(name);
        } else {
            files.insert(name, fs::read(entry.path()).expect("read"));
        }
    }
    (files, temporary)
}

/// The seed articles many times over, as JSONL with distinct ids: a few MB.
fn big_input(path: &Path) {
    let mut jsonl = String::new();
    let mut seeds: Vec<PathBuf> = fs::read_dir(repo().join("data/corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    for copy in 0..40 {
        for seed in &seeds {
            let text = fs::read_to_string(seed).expect("seed");
            let id = format!(
                "{}-{copy}",
                seed.file_stem().expect("stem").to_string_lossy()
            );
            let line = serde_json::json!({ "id": id, "text": text });
            jsonl.push_str(&line.to_string());
            jsonl.push('\n');
        }
    }
    fs::write(path, jsonl).expect("write");
}

fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().map_or(0, |m| m.ino()),
            )
        })
        .collect()
}

#[test]
fn a_killed_build_leaves_whole_files_old_or_new() {
    let work = tempfile::tempdir().expect("temp dir");
    let (out, reference) = (work.path().join("out"), work.path().join("reference"));
    let big = work.path().join("big.jsonl");
    big_input(&big);
    let corpus = repo().join("data/corpus");

    // The old version: the corpus; the new version: the big input.
    assert!(build(&[&corpus], &out).status().expect("runs").success());
    let (old, none) = outputs(&out);
    assert!(none.is_empty() && old.len() == 11, "{:?}", old.keys());
    assert!(build(&[&big], &reference).status().expect("runs").success());
    let (new, _) = outputs(&reference);
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );

    let mut killed_while_writing = 0;
    let mut leftovers = 0;
    for attempt in 0..20 {
        // Back to the old version.
        for entry in fs::read_dir(&out).expect("list").flatten() {
            fs::remove_file(entry.path()).expect("rm");
        }
        for (name, bytes) in &old {
            fs::write(out.join(name), bytes).expect("write");
        }
        let before = inodes(&out);
        let mut child = build(&[&big], &out)
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // The first attempt is killed at once; the others as soon as the
        // directory changes (a temporary file, or a file renamed into place),
        // then a little later each time.
        let mut writing = false;
        if attempt > 0 {
            loop {
                if child.try_wait().expect("wait").is_some() {
                    break;
                }
                if inodes(&out) != before {
                    writing = true;
                    std::thread::sleep(std::time::Duration::from_millis(attempt / 2));
                    break;
                }
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
        }
        let finished = child.try_wait().expect("wait").is_some();
        child.kill().ok();
        child.wait().expect("reaped");
        if writing && !finished {
            killed_while_writing += 1;
        }

        let (files, temporary) = outputs(&out);
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            old.keys().collect::<Vec<_>>(),
            "attempt {attempt}: the same files"
        );
        for (name, bytes) in &files {
            assert!(
                bytes == &old[name] || bytes == &new[name],
                "attempt {attempt}: {name} is neither the old nor the new file ({} bytes)",
                bytes.len()
            );
        }
        for name in &temporary {
            assert!(
                name.contains(".actorgraph-"),
                "attempt {attempt}: an unrecognisable temporary file {name}"
            );
        }
        leftovers += temporary.len();
        if killed_while_writing >= 2 && attempt >= 3 {
            break;
        }
    }
    assert!(
        killed_while_writing > 0,
        "no kill landed while the outputs were being written"
    );
    eprintln!("{killed_while_writing} kills while writing, {leftovers} temporary files left");

    // The next run removes what killed runs left.
    let output = build(&[&corpus], &out).output().expect("runs");
    assert!(output.status.success());
    let (files, temporary) = outputs(&out);
    assert!(temporary.is_empty(), "{temporary:?}");
    assert_eq!(files, old);
}
