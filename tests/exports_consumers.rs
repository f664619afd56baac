//! Every format loaded by the program its readers use: networkx (node-link
//! JSON, GEXF, GraphML), a JSON-schema validator (JGF), Python's csv module
//! (CSV, Neo4j import files), Graphviz (DOT), Cytoscape.js and graphology
//! (cyjs, GEXF) and headless Chromium (graph.html), through the scripts in
//! tests/consumers/. Each must give back graph.json's nodes and edges and the
//! known edge that Tokajev dismissed Masimov.
//!
//! Needs python3 with networkx and jsonschema, node with the packages of
//! tests/consumers/package.json installed (`npm ci` there), Chromium and
//! Graphviz; `.ci/run` installs them. Without them the test says what is
//! missing and passes, except under `CI=true`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

const KNOWN: &str = "kassym-jomart-tokajev:dismissed:karim-masimov";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .current_dir(repo())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What is missing to run the consumer checks, if anything.
fn missing() -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !runs("python3", &["-c", "import networkx, jsonschema"]) {
        missing.push("python3 with networkx and jsonschema");
    }
    if !repo()
        .join("tests/consumers/node_modules/cytoscape")
        .exists()
        || !runs("node", &["--version"])
    {
        missing.push("node with tests/consumers/node_modules (npm ci)");
    }
    if !runs("dot", &["-V"]) {
        missing.push("graphviz");
    }
    if !["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
        .iter()
        .any(|p| Path::new(p).exists())
        && std::env::var_os("CHROMIUM").is_none()
    {
        missing.push("chromium");
    }
    missing
}

fn check(script: &[&str], dir: &Path) {
    let mut args: Vec<&str> = script.to_vec();
    args.push(dir.to_str().expect("utf-8 path"));
    args.push(KNOWN);
    let output = Command::new(args[0])
        .args(&args[1..])
        .current_dir(repo())
        .output()
        .expect("the consumer check runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprint!("{stdout}");
    assert!(
        output.status.success(),
        "{} failed:\n{stdout}\n{stderr}",
        args[..2].join(" ")
    );
}

#[test]
fn every_format_loads_in_its_real_consumer() {
    let missing = missing();
    if !missing.is_empty() {
        let ci = std::env::var("CI").as_deref() == Ok("true");
        assert!(
            !ci,
            "consumer checks need {} under CI=true: .ci/run installs them",
            missing.join(", ")
        );
        eprintln!(
            "skipping the consumer checks: missing {}",
            missing.join(", ")
        );
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    for extra in [
        &[][..],
        &["--focus", "Tokajev", "--depth", "2", "--layout", "sfdp"][..],
    ] {
        let mut args = vec![
            "build",
            "-o",
            out.path().to_str().expect("utf-8"),
            "--format",
            "all",
            "-q",
        ];
        args.extend_from_slice(extra);
        let build = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args(&args)
            .current_dir(repo())
            .output()
            .expect("the binary runs");
        assert!(
            build.status.success(),
            "{}",
            String::from_utf8_lossy(&build.stderr)
        );
        check(&["python3", "tests/consumers/check.py"], out.path());
        check(&["node", "tests/consumers/check.mjs"], out.path());
    }
}
