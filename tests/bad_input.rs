//! A directory of everything that goes wrong with real input, read by the
//! binary: every bad file is a warning with its reason and its place, the
//! summary counts them, the good documents give the graph they give alone,
//! and --strict refuses the lot without touching earlier outputs.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn actorgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A paragraph of a seed article with a known relation in it.
fn seed_paragraph() -> String {
    let seed =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/corpus/003_3107e6f82356df66.txt");
    fs::read_to_string(seed)
        .expect("the seed is readable")
        .lines()
        .find(|l| l.contains("ontslagen door president Tokajev"))
        .expect("the seed has the dismissal")
        .to_string()
}

/// Deterministic noise.
fn noise(n: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

const LIMIT: &str = "65536";

/// The documents that are read, alone, as the files that hold them.
fn write_good(dir: &Path) {
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(dir.join("good.txt"), seed_paragraph()).expect("write");
    // Latin-1: "é" and "ï" as single bytes.
    fs::write(
        dir.join("latin1.txt"),
        b"Het caf\xe9 in Almaty bleef dicht. Poetin sprak met Tokajev over Oekra\xefne.\n",
    )
    .expect("write");
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Nazarbajev werd ontslagen door president Tokajev."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    fs::write(dir.join("utf16.txt"), utf16).expect("write");
    fs::write(
        dir.join("crlf.txt"),
        "Masimov werd opgepakt.\r\nPoetin steunde Tokajev.\r\n",
    )
    .expect("write");
    fs::write(
        dir.join("cr.txt"),
        "Rusland stuurde troepen naar Kazachstan.\rTokajev bedankte Poetin.\r",
    )
    .expect("write");
    let mut nul = "De Kazachse president Tokajev ontsloeg de regering. ".repeat(4);
    nul.insert(20, '\0');
    nul.insert(60, '\u{7}');
    nul.push('\0');
    fs::write(dir.join("nul.txt"), nul).expect("write");
    fs::write(
        dir.join("feed.jsonl"),
        "{\"id\": \"a\", \"date\": \"2022-01-07\", \"text\": \"Masimov werd ontslagen door president Tokajev.\"}\n{\"id\": \"b\", \"text\": \"Poetin ontmoette Tokajev in Moskou.\"}\n",
    )
    .expect("write");
    // One line of a megabyte, no sentence end: cut at the limit.
    fs::write(dir.join("huge.txt"), "Tokajev Almaty woord ".repeat(50_000)).expect("write");
    fs::write(
        dir.join("huge.jsonl"),
        "{\"id\": \"c\", \"text\": \"Tokajev bedankte Poetin.\"}\n",
    )
    .expect("write");
}

struct Corpus {
    bad_utf8_offset: usize,
}

/// The good documents, their bad lines, and every kind of bad file.
fn write_bad(dir: &Path) -> Corpus {
    write_good(dir);
    fs::write(
        dir.join("feed.jsonl"),
        "{\"id\": \"a\", \"date\": \"2022-01-07\", \"text\": \"Masimov werd ontslagen door president Tokajev.\"}\nthis is not json\n{\"id\": \"x\", \"body\": \"no text field\"}\n{\"id\": \"b\", \"text\": \"Poetin ontmoette Tokajev in Moskou.\"}\n",
    )
    .expect("write");
    let big = format!(
        "{{\"id\": \"huge-json\", \"text\": \"{}\"}}\n{{\"id\": \"c\", \"text\": \"Tokajev bedankte Poetin.\"}}\n",
        "Tokajev Almaty woord ".repeat(50_000)
    );
    fs::write(dir.join("huge.jsonl"), big).expect("write");
    fs::write(dir.join("empty.txt"), "").expect("write");
    fs::write(dir.join("blank.txt"), " \n\t\r\n  ").expect("write");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(4000));
    fs::write(dir.join("binary.txt"), png).expect("write");
    // UTF-8 with one broken byte: not Windows-1252, whose reading would
    // garble every "é" and "ë" around it.
    let mut broken = "Eén dag later sprak Tokajev over Oekraïne en België. "
        .as_bytes()
        .to_vec();
    let bad_utf8_offset = broken.len();
    broken.push(0xff);
    broken.extend_from_slice("Daarna zweeg hij.".as_bytes());
    fs::write(dir.join("bad-utf8.txt"), broken).expect("write");
    symlink("loop.txt", dir.join("loop.txt")).expect("symlink");
    symlink(".", dir.join("dirloop")).expect("symlink");
    // Unreadable even by root: a symlink to nothing.
    symlink("missing.txt", dir.join("dangling.txt")).expect("symlink");
    // A FIFO would block a reader for ever.
    let fifo = std::ffi::CString::new(text(&dir.join("fifo.txt"))).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    // Unreadable to anyone but root (root reads it whatever its mode: then it
    // is an ordinary good document; see `expected_summary`).
    let secret = dir.join("secret.txt");
    fs::write(&secret, "Tokajev sprak.").expect("write");
    fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000))
        .expect("chmod");
    Corpus { bad_utf8_offset }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn build(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        text(input),
        "-o",
        text(out),
        "-f",
        "json,dot,mentions",
        "--max-document-bytes",
        LIMIT,
    ];
    args.extend_from_slice(extra);
    actorgraph(&args)
}

#[test]
fn bad_input_is_warned_about_counted_and_left_out() {
    let work = tempfile::tempdir().expect("temp dir");
    let (bad, good) = (work.path().join("bad"), work.path().join("good"));
    let corpus = write_bad(&bad);
    write_good(&good);
    let root = is_root();
    if root {
        // Root reads a file of mode 000: it is one more good document.
        fs::write(good.join("secret.txt"), "Tokajev sprak.").expect("write");
    }

    let (out_bad, out_good) = (work.path().join("out-bad"), work.path().join("out-good"));
    let output = build(&bad, &out_bad, &[]);
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{log}");

    let place = |name: &str| text(&bad.join(name)).to_string();
    let mut expected: Vec<(&str, String)> = vec![
        ("binary", format!("{}: skipped", place("binary.txt"))),
        (
            "not-decodable",
            format!("{}: skipped", place("bad-utf8.txt")),
        ),
        ("empty", format!("{}: skipped", place("empty.txt"))),
        ("empty", format!("{}: skipped", place("blank.txt"))),
        (
            "bad-json-line",
            format!("{}:2: skipped", place("feed.jsonl")),
        ),
        (
            "missing-field",
            format!("{}:3: skipped", place("feed.jsonl")),
        ),
        ("too-large", format!("{}:1: skipped", place("huge.jsonl"))),
        ("truncated", format!("{}: cut", place("huge.txt"))),
        ("long-sentence", "document huge: 1 sentence(s)".to_string()),
        ("unreadable", format!("{}: skipped", place("dangling.txt"))),
        ("symlink-loop", format!("{}: skipped", place("loop.txt"))),
        ("symlink-loop", format!("{}: skipped", place("dirloop"))),
        ("not-a-file", format!("{}: skipped", place("fifo.txt"))),
        (
            "converted",
            format!("{}: not UTF-8 (at byte 7)", place("latin1.txt")),
        ),
        (
            "converted",
            format!("{}: decoded as UTF-16", place("utf16.txt")),
        ),
        (
            "converted",
            format!("{}: removed 3 control", place("nul.txt")),
        ),
    ];
    if !root {
        expected.push(("unreadable", format!("{}: skipped", place("secret.txt"))));
    }
    let warnings: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("actorgraph: warning["))
        .collect();
    for (reason, place) in &expected {
        let prefix = format!("actorgraph: warning[{reason}]: {place}");
        assert!(
            warnings.iter().any(|w| w.starts_with(&prefix)),
            "no warning {prefix:?} in:\n{log}"
        );
    }
    assert_eq!(warnings.len(), expected.len(), "{log}");
    // Where it could be read: the byte that is not UTF-8 and the limit.
    assert!(
        log.contains(&format!(
            "first bad byte at byte {}",
            corpus.bad_utf8_offset
        )),
        "{log}"
    );
    assert!(log.contains("--max-document-bytes 65536"), "{log}");

    let unreadable = if root { 1 } else { 2 };
    let documents = if root { 11 } else { 10 };
    let summary = format!(
        "actorgraph: summary: read {documents} documents; skipped {} (binary 1, not-decodable 1, empty 2, bad-json-line 1, missing-field 1, too-large 1, unreadable {unreadable}, not-a-file 1, symlink-loop 2); cut 2 (truncated 1, long-sentence 1); 3 other warnings (converted 3)",
        10 + unreadable
    );
    assert_eq!(log.lines().last(), Some(summary.as_str()), "{log}");

    // The good documents give the graph they give alone.
    let output = build(&good, &out_good, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["graph.json", "graph.dot", "mentions.jsonl"] {
        assert_eq!(
            fs::read(out_bad.join(name)).expect(name),
            fs::read(out_good.join(name)).expect(name),
            "{name}: the bad files changed the graph"
        );
    }
    let graph: serde_json::Value =
        serde_json::from_slice(&fs::read(out_bad.join("graph.json")).expect("json"))
            .expect("graph.json parses");
    assert_eq!(graph["graph"]["documents"], documents);
    let edges: Vec<(String, String, String)> = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().expect(k).to_string();
            (s("source"), s("relation"), s("target"))
        })
        .collect();
    let dismissed = |target: &str| {
        (
            "kassym-jomart-tokajev".to_string(),
            "dismissed".to_string(),
            target.to_string(),
        )
    };
    // The seed paragraph (and the JSONL line saying the same), and the UTF-16 file.
    assert!(edges.contains(&dismissed("karim-masimov")), "{edges:?}");
    assert!(
        edges.contains(&dismissed("noersoeltan-nazarbajev")),
        "{edges:?}"
    );
    let dismissal = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| e["target"] == "karim-masimov" && e["relation"] == "dismissed")
        .expect("the dismissal");
    let documents: Vec<&str> = dismissal["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d.as_str().expect("id"))
        .collect();
    assert_eq!(documents, vec!["a", "good"]);
}

#[test]
fn strict_refuses_bad_input_and_keeps_the_earlier_outputs() {
    let work = tempfile::tempdir().expect("temp dir");
    let (bad, good, out) = (
        work.path().join("bad"),
        work.path().join("good"),
        work.path().join("out"),
    );
    write_bad(&bad);
    write_good(&good);
    fs::remove_file(good.join("huge.txt")).expect("rm");
    let output = build(&good, &out, &["--strict"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let names = ["graph.json", "graph.dot", "mentions.jsonl"];
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|n| fs::read(out.join(n)).expect(n))
        .collect();

    let output = build(&bad, &out, &["--strict", "-q"]);
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(5), "{log}");
    assert!(
        log.contains("warning[binary]"),
        "every skip is reported: {log}"
    );
    assert!(log.contains("warning[truncated]"), "{log}");
    assert!(log.contains("actorgraph: summary: read"), "{log}");
    assert!(log.contains("--strict"), "{log}");
    for (name, before) in names.iter().zip(&before) {
        assert_eq!(&fs::read(out.join(name)).expect(name), before, "{name}");
    }
    let left: Vec<_> = fs::read_dir(&out)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // extract and eval refuse too, and write nothing.
    let lines = work.path().join("lines.jsonl");
    let output = actorgraph(&["extract", text(&bad), "-o", text(&lines), "--strict", "-q"]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(!lines.exists());
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/gold");
    let output = actorgraph(&["eval", "--gold", text(&gold), text(&bad), "--strict"]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn symlinks_are_followed_once_and_never_round_a_loop() {
    let work = tempfile::tempdir().expect("temp dir");
    let (dir, elsewhere) = (work.path().join("in"), work.path().join("elsewhere"));
    fs::create_dir_all(dir.join("sub/deeper")).expect("mkdir");
    fs::create_dir_all(&elsewhere).expect("mkdir");
    fs::write(dir.join("sub/a.txt"), "Tokajev sprak.").expect("write");
    fs::write(elsewhere.join("b.txt"), "Poetin sprak.").expect("write");
    // A second way into sub, a way out of the tree, a loop two levels down,
    // and a link to a file.
    symlink(dir.join("sub"), dir.join("again")).expect("symlink");
    symlink(&elsewhere, dir.join("out")).expect("symlink");
    symlink("../..", dir.join("sub/deeper/up")).expect("symlink");
    symlink("sub/a.txt", dir.join("c.txt")).expect("symlink");
    let out = work.path().join("out-dir");
    let output = actorgraph(&["build", text(&dir), "-o", text(&out), "-f", "json"]);
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(
        log.contains(&format!(
            "warning[already-read]: {}",
            text(&dir.join("sub"))
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "warning[symlink-loop]: {}",
            text(&dir.join("again/deeper/up"))
        )),
        "{log}"
    );
    // again/ (sorted first) is read, and round the loop under it; sub/ is
    // then already read; out/b.txt and the link c.txt are read.
    assert!(
        log.contains("actorgraph: summary: read 3 documents; skipped 1 (symlink-loop 1); cut 0; 1 other warnings (already-read 1)"),
        "{log}"
    );
}
