//! The throughput benchmark (`cargo bench`): how fast `actorgraph build`
//! reads news, where the time goes, and how fast a large graph is exported.
//!
//! Takes: the sizes to measure from `BENCH_SIZES` (MB, default `5,100`), the
//! thread counts from `BENCH_THREADS` (default `1` and every core).
//! Gives: printed tables. (1) End to end: the release binary, run as a child
//! process (`build CORPUS -f json -q`), in MB/s and documents/s, with the
//! child's peak memory (max RSS from `wait4`), on generated corpora
//! (`corpus.rs`, written to `target/bench/`). (2) Per stage, in process,
//! through the library: reading, text, actor matching, discovery and
//! coreference, relations and roles, graph merge, JSON and DOT export. (3) The
//! export of a made-up graph of 100,000 nodes and 1,000,000 edges
//! (`BENCH_EXPORT_NODES`, `BENCH_EXPORT_EDGES`; `BENCH_EXPORT=0` skips it).
//! Does not: assert on timings, or run under `cargo test` (without the
//! `--bench` flag that `cargo bench` passes it only says how to run it).
//!
//! `cargo bench --bench throughput -- generate MB FILE` writes a corpus of MB
//! megabytes (10^6 bytes) to FILE (`-` for stdout) and stops.

mod corpus;
mod export;

use std::env;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use actorgraph::document::{self, Input};
use actorgraph::{graph, Lexicon, Stage};

/// The release binary, built by `cargo bench` before the benchmark.
const BINARY: &str = env!("CARGO_BIN_EXE_actorgraph");

const MB: f64 = 1e6;

fn main() {
    let benching = env::args().any(|a| a == "--bench");
    let args: Vec<String> = env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("generate") {
        if let Err(e) = generate_command(&args[1..]) {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
        return;
    }
    if !benching {
        println!(
            "the throughput benchmark runs with `cargo bench` (see tests/bench/throughput.rs)"
        );
        return;
    }
    if let Err(e) = bench() {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

fn generate_command(args: &[String]) -> Result<(), String> {
    let [size, path] = args else {
        return Err("usage: cargo bench --bench throughput -- generate MB FILE".into());
    };
    let size: f64 = size
        .parse()
        .map_err(|_| format!("not a size in MB: {size}"))?;
    let lexicon = Lexicon::builtin().map_err(|e| e.to_string())?;
    let bytes = (size * MB) as u64;
    let written = if path == "-" {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let written = corpus::generate(&lexicon, bytes, &mut out).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        written
    } else {
        write_corpus(&lexicon, bytes, Path::new(path))?
    };
    eprintln!(
        "bench: wrote {} documents, {} bytes to {path}",
        written.documents, written.bytes
    );
    Ok(())
}

fn write_corpus(lexicon: &Lexicon, bytes: u64, path: &Path) -> Result<corpus::Written, String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("jsonl.tmp");
    let file = fs::File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let mut out = BufWriter::new(file);
    let written = corpus::generate(lexicon, bytes, &mut out).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(written)
}

/// Where the corpora and outputs go: `target/bench/`.
fn bench_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench")
}

fn list_env(name: &str, default: &str) -> Result<Vec<f64>, String> {
    env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim()
                .parse::<f64>()
                .map_err(|_| format!("{name}: not a number: {s}"))
        })
        .collect()
}

fn bench() -> Result<(), String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sizes = list_env("BENCH_SIZES", "5,100")?;
    let mut threads: Vec<usize> = list_env("BENCH_THREADS", &format!("1,{cores}"))?
        .into_iter()
        .map(|t| t as usize)
        .collect();
    threads.dedup();
    let has_threads = command_output(&[BINARY, "build", "--help"]).contains("--threads");
    if !has_threads {
        threads = vec![cores];
    }
    let lexicon = Lexicon::builtin().map_err(|e| e.to_string())?;

    println!("actorgraph throughput benchmark");
    println!("machine: {}", machine());
    println!(
        "binary:  {BINARY} (commit {})",
        command_output(&["git", "rev-parse", "--short", "HEAD"]).trim()
    );
    println!(
        "load:    {} (/proc/loadavg before the runs: other work on the machine slows every figure)",
        fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    if !has_threads {
        println!(
            "note:    this build has no --threads option: every run uses the binary's default"
        );
    }
    let dir = bench_dir();

    let mut end_to_end = Vec::new();
    let mut stages = Vec::new();
    for &size in &sizes {
        let path = dir.join(format!("corpus-{size}mb.jsonl"));
        let started = Instant::now();
        let written = write_corpus(&lexicon, (size * MB) as u64, &path)?;
        eprintln!(
            "bench: generated {} ({} documents) in {:.1} s",
            path.display(),
            written.documents,
            started.elapsed().as_secs_f64()
        );
        let runs = env::var("BENCH_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(if size <= 20.0 { 3 } else { 1 });
        let mut outputs = Vec::new();
        for &t in &threads {
            let out = dir.join(format!("out-{size}mb-{t}t"));
            let mut best: Option<Run> = None;
            let mut peak = 0;
            for _ in 0..runs {
                let run = run_build(&path, &out, has_threads.then_some(t))?;
                peak = peak.max(run.max_rss_kb);
                if best.as_ref().is_none_or(|b| run.wall < b.wall) {
                    best = Some(run);
                }
            }
            let best = best.expect("at least one run");
            eprintln!(
                "bench: build {size} MB on {t} thread(s): {:.2} s",
                best.wall.as_secs_f64()
            );
            outputs.push(fs::read(out.join("graph.json")).map_err(|e| e.to_string())?);
            end_to_end.push(EndToEnd {
                size,
                documents: written.documents,
                bytes: written.bytes,
                threads: t,
                wall: best.wall,
                max_rss_kb: peak,
                runs,
            });
        }
        let same = outputs.windows(2).all(|w| w[0] == w[1]);
        if threads.len() > 1 {
            println!(
                "{size} MB: graph.json byte-identical across thread counts {threads:?}: {}",
                if same { "yes" } else { "NO" }
            );
        }
        if env::var("BENCH_STAGES").map_or(true, |v| v != "0") {
            let (row, json) = stage_figures(&lexicon, &path, size, written.bytes)?;
            let cli = outputs.first().map(Vec::as_slice).unwrap_or_default();
            let in_process = dir.join(format!("stages-{size}mb.json"));
            fs::write(&in_process, &json).map_err(|e| e.to_string())?;
            println!(
                "{size} MB: in-process graph.json ({}) equals the binary's: {}",
                in_process.display(),
                if json.as_bytes() == cli { "yes" } else { "no" }
            );
            stages.push(row);
        }
    }

    println!();
    println!("## End to end: `actorgraph build CORPUS -f json -q` (best of the runs; peak RSS over them)");
    println!();
    println!(
        "| corpus | documents | threads | time (s) | MB/s | documents/s | peak RSS (MB) | runs |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in &end_to_end {
        let secs = r.wall.as_secs_f64();
        println!(
            "| {} MB | {} | {} | {:.2} | {:.1} | {:.0} | {:.0} | {} |",
            r.size,
            r.documents,
            if has_threads {
                r.threads.to_string()
            } else {
                "default".to_string()
            },
            secs,
            r.bytes as f64 / MB / secs,
            r.documents as f64 / secs,
            r.max_rss_kb as f64 * 1024.0 / MB,
            r.runs
        );
    }
    if !stages.is_empty() {
        println!();
        println!(
            "## Per stage, in process, one thread (seconds; share of the total; MB/s of corpus)"
        );
        println!();
        let names: Vec<&str> = stages[0].stages.iter().map(|(n, _)| *n).collect();
        print!("| stage |");
        for s in &stages {
            print!(" {} MB |", s.size);
        }
        println!();
        print!("| --- |");
        for _ in &stages {
            print!(" ---: |");
        }
        println!();
        for (i, name) in names.iter().enumerate() {
            print!("| {name} |");
            for s in &stages {
                let secs = s.stages[i].1.as_secs_f64();
                let total = s.total().as_secs_f64();
                print!(
                    " {:.3} s, {:.0} %, {:.0} MB/s |",
                    secs,
                    100.0 * secs / total,
                    s.bytes as f64 / MB / secs
                );
            }
            println!();
        }
        print!("| total |");
        for s in &stages {
            let secs = s.total().as_secs_f64();
            print!(" {:.3} s, {:.1} MB/s |", secs, s.bytes as f64 / MB / secs);
        }
        println!();
    }
    if env::var("BENCH_EXPORT").map_or(true, |v| v != "0") {
        let nodes = env_usize("BENCH_EXPORT_NODES", 100_000);
        let edges = env_usize("BENCH_EXPORT_EDGES", 1_000_000);
        export::bench(&lexicon, nodes, edges);
    }
    Ok(())
}

fn env_usize(name: &str, default: usize) -> usize {
    env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct EndToEnd {
    size: f64,
    documents: usize,
    bytes: u64,
    threads: usize,
    wall: Duration,
    max_rss_kb: i64,
    runs: usize,
}

struct Run {
    wall: Duration,
    max_rss_kb: i64,
}

/// Runs the binary on `corpus` and waits for it with `wait4`, which gives
/// this child's own peak memory.
fn run_build(corpus: &Path, out: &Path, threads: Option<usize>) -> Result<Run, String> {
    let mut command = Command::new(BINARY);
    command
        .arg("build")
        .arg(corpus)
        .arg("-o")
        .arg(out)
        .args(["-f", "json", "-q"]);
    if let Some(t) = threads {
        command.args(["--threads", &t.to_string()]);
    }
    command.stdin(Stdio::null()).stdout(Stdio::null());
    let started = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("cannot run {BINARY}: {e}"))?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child's, not yet waited for; both pointers
    // point at live locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if pid < 0 {
        return Err(format!("wait4: {}", io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!(
            "{BINARY} build {} failed (status {status})",
            corpus.display()
        ));
    }
    Ok(Run {
        wall,
        max_rss_kb: usage.ru_maxrss,
    })
}

fn command_output(args: &[&str]) -> String {
    Command::new(args[0])
        .args(&args[1..])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Cores, CPU model and memory, from /proc.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU", str::trim)
        .to_string();
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_kb: f64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0);
    format!(
        "{cores} cores (available_parallelism), {model}, {:.1} GiB RAM",
        ram_kb / 1024.0 / 1024.0
    )
}

struct Stages {
    size: f64,
    bytes: u64,
    stages: Vec<(&'static str, Duration)>,
}

impl Stages {
    fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }
}

/// Runs the pipeline on one thread, as the binary does on each of its
/// threads (`actorgraph::analyze_staged`, the code of `analyze`, timing each
/// stage as it ends; then the document added to the running graph,
/// `Fragment::add`); gives the figures and graph.json.
fn stage_figures(
    lexicon: &Lexicon,
    corpus: &Path,
    size: f64,
    bytes: u64,
) -> Result<(Stages, String), String> {
    let started = Instant::now();
    let reading =
        document::read(&[Input::Path(corpus.to_path_buf())]).map_err(|e| e.to_string())?;
    let read = started.elapsed();
    let cap = graph::DEFAULT_MAX_EVIDENCE;
    let max_sentence_bytes = actorgraph::Limits::default().max_sentence_bytes;
    // The stages of `analyze_staged` (indexed by `Stage`), then the graph.
    let mut times = [Duration::ZERO; 7];
    let mut all = graph::Fragment::default();
    for document in &reading.documents {
        let mut last = Instant::now();
        let analysis =
            actorgraph::analyze_staged(lexicon, document, max_sentence_bytes, |stage: Stage| {
                let now = Instant::now();
                times[stage as usize] += now - last;
                last = now;
            });
        all.add(lexicon, &analysis, cap);
        times[6] += last.elapsed();
    }
    let t = Instant::now();
    let graph = graph::finalize(lexicon, all, cap);
    let finalize = t.elapsed();
    let t = Instant::now();
    let json = actorgraph::export::json::to_json(&graph);
    let json_time = t.elapsed();
    let t = Instant::now();
    let dot = actorgraph::export::dot::to_dot(&graph);
    let dot_time = t.elapsed();
    std::hint::black_box(&dot);
    eprintln!(
        "bench: stages of {size} MB: {} nodes, {} edges",
        graph.graph.node_count(),
        graph.graph.edge_count()
    );
    Ok((
        Stages {
            size,
            bytes,
            stages: vec![
                ("reading (JSONL)", read),
                ("text: normalising, sentences, tokens", times[0]),
                ("actor matching (lexicon)", times[1]),
                ("discovery", times[2]),
                ("coreference", times[3]),
                ("quotes and their speakers", times[4]),
                ("relations and roles", times[5]),
                ("graph: document added to the running graph", times[6]),
                ("graph: finalize", finalize),
                ("JSON export", json_time),
                ("DOT export", dot_time),
            ],
        },
        json,
    ))
}
