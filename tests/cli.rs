//! The `actorgraph` binary as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn actorgraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn graphviz_present() -> bool {
    let present = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !present && std::env::var("CI").as_deref() == Ok("true") {
        panic!("Graphviz's dot is missing under CI: .ci/run must install it");
    }
    present
}

#[test]
fn build_writes_every_format_and_is_byte_identical_across_runs() {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().to_str().expect("utf-8 path");
    let first = actorgraph(&["build", "-o", out_dir], &repo());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("read 5 documents"), "{stderr}");
    let names = ["graph.json", "graph.dot", "graph.svg", "graph.png"];
    let contents: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(out.path().join(n)).expect(n))
        .collect();
    assert!(contents[3].starts_with(b"\x89PNG"));
    assert!(String::from_utf8_lossy(&contents[2]).contains("<svg"));
    let second = actorgraph(&["build", "-o", out_dir], &repo());
    assert!(second.status.success());
    for (name, before) in names.iter().zip(&contents) {
        assert_eq!(
            &std::fs::read(out.path().join(name)).expect(name),
            before,
            "{name} changed between runs"
        );
    }
}

#[test]
fn format_and_inputs_choose_what_is_read_and_written() {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().to_str().expect("utf-8 path");
    let output = actorgraph(
        &[
            "build",
            "data/corpus/003_3107e6f82356df66.txt",
            "-o",
            out_dir,
            "--format",
            "json",
        ],
        &repo(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.path().join("graph.json").exists());
    assert!(!out.path().join("graph.dot").exists());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("graph.json")).expect("json"))
            .expect("valid json");
    assert_eq!(json["graph"]["documents"], 1);
}

#[test]
fn stdin_jsonl_is_read() {
    let out = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args([
            "build",
            "-",
            "-o",
            out.path().to_str().expect("utf-8"),
            "--format",
            "json",
        ])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"id\": \"x\", \"date\": \"2022-01-07\", \"text\": \"Masimov werd ontslagen door president Tokajev.\"}\n")
        .expect("write");
    let output = child.wait_with_output().expect("wait");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("graph.json")).expect("json"))
            .expect("valid json");
    let edge = &json["edges"][0];
    assert_eq!(edge["relation"], "dismissed");
    assert_eq!(edge["evidence"][0]["date"], "2022-01-07");
}

#[test]
fn no_documents_and_bad_data_have_their_exit_codes() {
    let out = tempfile::tempdir().expect("temp dir");
    let empty = tempfile::tempdir().expect("temp dir");
    let output = actorgraph(
        &[
            "build",
            empty.path().to_str().expect("utf-8"),
            "-o",
            out.path().to_str().expect("utf-8"),
        ],
        &repo(),
    );
    assert_eq!(output.status.code(), Some(4));
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::write(data.path().join("actors.toml"), "[[actor]]\nname = 1\n").expect("write");
    let output = actorgraph(
        &[
            "build",
            "--data",
            data.path().to_str().expect("utf-8"),
            "-o",
            out.path().to_str().expect("utf-8"),
        ],
        &repo(),
    );
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("actors.toml:2:"), "{stderr}");
    let output = actorgraph(&["build", "--format", "bmp"], &repo());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn graphviz_accepts_the_dot_without_a_warning() {
    if !graphviz_present() {
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let output = actorgraph(
        &[
            "build",
            "-o",
            out.path().to_str().expect("utf-8"),
            "--format",
            "dot",
        ],
        &repo(),
    );
    assert!(output.status.success());
    let dot = Command::new("dot")
        .arg("-Tsvg")
        .arg(out.path().join("graph.dot"))
        .output()
        .expect("dot runs");
    assert!(dot.status.success());
    assert!(
        dot.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&dot.stderr)
    );
}

#[test]
fn without_graphviz_the_builtin_renderer_draws_and_says_so_once() {
    let out = tempfile::tempdir().expect("temp dir");
    // An empty PATH hides Graphviz.
    let output = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["build", "-o", out.path().to_str().expect("utf-8")])
        .current_dir(repo())
        .env("PATH", "")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches("install Graphviz").count(), 1, "{stderr}");
    assert!(std::fs::read(out.path().join("graph.png"))
        .expect("png")
        .starts_with(b"\x89PNG"));
}

#[test]
fn threads_do_not_change_the_output() {
    let (one, two) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    for (dir, threads) in [(&one, "1"), (&two, "2")] {
        let output = actorgraph(
            &[
                "build",
                "-q",
                "--threads",
                threads,
                "-f",
                "json,dot,mentions",
                "-o",
                dir.path().to_str().expect("utf-8"),
            ],
            &repo(),
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for name in ["graph.json", "graph.dot", "mentions.jsonl"] {
        assert_eq!(
            std::fs::read(one.path().join(name)).expect(name),
            std::fs::read(two.path().join(name)).expect(name),
            "{name}"
        );
    }
}

#[test]
fn extract_in_shards_then_merge_gives_the_build() {
    let work = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| work.path().join(name).to_str().expect("utf-8").to_string();
    let corpus = repo().join("data/corpus");
    let mut files: Vec<String> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .flatten()
        .map(|e| e.path().to_str().expect("utf-8").to_string())
        .collect();
    files.sort();
    let (first, second) = files.split_at(2);
    for (shard, inputs) in [("a.jsonl", first), ("b.jsonl", second)] {
        let mut args = vec!["extract", "-q", "-o"];
        let out = path(shard);
        args.push(&out);
        args.extend(inputs.iter().map(String::as_str));
        let output = actorgraph(&args, &repo());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let lines = std::fs::read_to_string(&out).expect("extract output");
        assert_eq!(lines.lines().count(), inputs.len(), "one line per document");
    }
    let (built, merged) = (path("built"), path("merged"));
    let output = actorgraph(&["build", "-q", "-f", "json,dot", "-o", &built], &repo());
    assert!(output.status.success());
    // The shards in the other order.
    let output = actorgraph(
        &[
            "merge",
            &path("b.jsonl"),
            &path("a.jsonl"),
            "-q",
            "-f",
            "json,dot",
            "-o",
            &merged,
        ],
        &repo(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in ["graph.json", "graph.dot"] {
        let (a, b) = (
            std::fs::read(work.path().join("built").join(name)),
            std::fs::read(work.path().join("merged").join(name)),
        );
        assert_eq!(a.expect(name), b.expect(name), "{name}");
    }
    // A bad line is a warning with its place; the rest merges.
    std::fs::write(path("bad.jsonl"), "{not json}\n").expect("write");
    let output = actorgraph(
        &[
            "merge",
            &path("bad.jsonl"),
            &path("a.jsonl"),
            "-q",
            "-f",
            "json",
            "-o",
            &merged,
        ],
        &repo(),
    );
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("bad.jsonl:1:"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("list").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn malformed_data_fails_at_start_with_file_line_column_and_what_is_wrong() {
    let out = tempfile::tempdir().expect("temp dir");
    let lines = |dir: &Path, file: &str| {
        std::fs::read_to_string(dir.join(file))
            .expect("read")
            .lines()
            .count()
    };
    type Fault = fn(&Path) -> ();
    let cases: [(&str, Fault, &str); 4] = [
        (
            "unknown relation type",
            |d| std::fs::write(d.join("nl/relations/likes.toml"), "").expect("write"),
            "nl/relations/likes.toml:1:1: unknown relation type \"likes\"",
        ),
        (
            "duplicate alias",
            |d| {
                let path = d.join("actors.toml");
                let mut content = std::fs::read_to_string(&path).expect("read");
                content.push_str(
                    "\n[[actor]]\nname = \"Dubbel\"\ntype = \"person\"\naliases = [\"Tokajev\"]\n",
                );
                std::fs::write(path, content).expect("write");
            },
            "names two actors",
        ),
        (
            "invalid pattern",
            |d| {
                let path = d.join("nl/relations/dismissed.toml");
                let mut content = std::fs::read_to_string(&path).expect("read");
                content.push_str("\n[[rule]]\nid = \"broken\"\npattern = \"{src} ontsloeg @nonexistent {tgt}\"\n");
                std::fs::write(path, content).expect("write");
            },
            "unknown word class @nonexistent",
        ),
        (
            "TOML syntax",
            |d| {
                let path = d.join("nl/grammar.toml");
                let mut content = std::fs::read_to_string(&path).expect("read");
                content.push_str("\n[broken\n");
                std::fs::write(path, content).expect("write");
            },
            "invalid table header",
        ),
    ];
    for (name, fault, what) in cases {
        let data = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("data"), data.path());
        let before = (
            lines(data.path(), "actors.toml"),
            lines(data.path(), "nl/relations/dismissed.toml"),
            lines(data.path(), "nl/grammar.toml"),
        );
        fault(data.path());
        let output = actorgraph(
            &[
                "build",
                "--data",
                data.path().to_str().expect("utf-8"),
                "-o",
                out.path().to_str().expect("utf-8"),
            ],
            &repo(),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{name}: {stderr}");
        let problem = stderr
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{name}: no {what:?} in {stderr}"));
        // file:line:column: what
        let place = problem.split(": ").next().expect("place");
        let parts: Vec<&str> = place.rsplitn(3, ':').collect();
        assert_eq!(parts.len(), 3, "{name}: {problem}");
        let (line, column): (usize, usize) = (
            parts[1].parse().expect("a line number"),
            parts[0].parse().expect("a column number"),
        );
        let expected_line = match name {
            "duplicate alias" => Some(before.0 + 5),
            "invalid pattern" => Some(before.1 + 4),
            "TOML syntax" => Some(before.2 + 2),
            _ => None,
        };
        if let Some(expected) = expected_line {
            assert_eq!(line, expected, "{name}: {problem}");
        }
        assert!(column >= 1, "{name}: {problem}");
        assert!(
            stderr.lines().count() < 10,
            "{name}: one problem, not its consequences: {stderr}"
        );
    }
}
