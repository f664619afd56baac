//! The `actorgraph` command: arguments resolved once into a plain config,
//! then a call into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use actorgraph::actor::ActorType;
use actorgraph::document::{self, Input};
use actorgraph::export::dot::{DotConfig, Layout, PictureConfig};
use actorgraph::graph::{Fragment, Graph};
use actorgraph::relation::RelationType;
use actorgraph::render::{self, ImageFormat, Renderer};
use actorgraph::view::{self, ViewConfig};
use actorgraph::{export, output, Error, Lexicon};

/// mimalloc instead of the system allocator: the per-document stages make
/// and drop many small strings and vectors, and glibc's malloc and free were
/// about a third of a build's instructions.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

/// mimalloc called as the `mimalloc` crate's `MiMalloc` calls it, except
/// that a block whose alignment `mi_malloc` gives anyway (at most 16 and at
/// most its size, the rule of std's own `System`) takes mimalloc's plain
/// fast path rather than its aligned entry point: the crate asks for an
/// aligned block every time, which cost some 30 instructions more an
/// allocation (allocating was 5 % of a build's instructions).
struct MiMalloc;

/// The alignment every `mi_malloc` block of at least this size has.
const MIN_ALIGN: usize = 16;

/// Whether a block of `size` bytes from the plain entry points has the
/// alignment `align` anyway.
#[inline]
fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc and goes back to it; a block
// from `mi_malloc` or `mi_realloc` is aligned to `MIN_ALIGN` or to its size
// rounded up to a power of two, whichever is smaller, so at least to
// `layout.align()` when that is at most both.
unsafe impl std::alloc::GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        if plain(layout.align(), layout.size()) {
            mi_malloc(layout.size()).cast()
        } else {
            mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        if plain(layout.align(), layout.size()) {
            mi_zalloc(layout.size()).cast()
        } else {
            mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        if plain(layout.align(), new_size) {
            mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}

/// Exit codes, as --help documents them.
const EXIT_FAILURE: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_DATA: u8 = 3;
const EXIT_NO_DOCUMENTS: u8 = 4;
const EXIT_STRICT: u8 = 5;

#[derive(Parser)]
#[command(
    name = "actorgraph",
    version,
    about = "Reads Dutch news articles and builds a knowledge graph of who did what to whom",
    long_about = "Reads Dutch news articles and builds a knowledge graph of who did what to whom: \
actors (people, organisations, countries, locations, groups) as nodes, typed relations \
(dismissed, arrested, allied-with, leads, ...) as edges, every edge backed by the sentences \
it was read from. Writes the graph as JSON, Graphviz DOT, SVG, PNG and an interactive HTML page, \
and for other tools as Cytoscape JSON, GEXF, GraphML, JGF, Neo4j import files and a CSV edge list.",
    after_help = "Exit codes: 0 success, 1 failure (reading, writing or rendering), 2 invalid arguments, \
3 invalid data files (--data), 4 no documents could be read, 5 --strict and some input was skipped \
or cut (nothing was written).\n\n\
Bad input: a file or line that cannot be read is skipped with a warning naming it (and its line or \
byte) and a reason (binary, not-decodable, empty, bad-json-line, missing-field, too-large, unreadable, \
not-a-file, symlink-loop, directory; truncated and long-sentence when only part was read); the run \
goes on and ends with a summary line counting them by reason."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph of some articles and write it to the output directory.
    Build(BuildArgs),
    /// Extract each article's own graph as one JSONL line, to merge later (or elsewhere).
    Extract(ExtractArgs),
    /// Merge extracted JSONL files and graph.json files into one graph, written like build.
    Merge(MergeArgs),
    /// Score the extraction against gold annotations: precision, recall and F1 for
    /// actors and relations, and every false positive and false negative.
    Eval(EvalArgs),
}

/// How bad input is handled: limits, and whether a skip fails the run.
#[derive(clap::Args)]
struct InputArgs {
    /// Fail (exit 5) if any input was skipped or cut, after reporting all of them;
    /// the outputs are then not written, so earlier ones stay as they were.
    #[arg(long)]
    strict: bool,
    /// Cut a document's text after N bytes (at a paragraph or sentence end), with a
    /// warning; a JSONL line over twice N is skipped. Memory grows with N, not with the file.
    #[arg(long, value_name = "N", default_value_t = actorgraph::document::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: usize,
    /// Read no relations or roles from sentences longer than N bytes (their actors
    /// still count), with a warning per document.
    #[arg(long, value_name = "N", default_value_t = actorgraph::document::DEFAULT_MAX_SENTENCE_BYTES)]
    max_sentence_bytes: usize,
}

impl InputArgs {
    fn limits(&self) -> actorgraph::Limits {
        actorgraph::Limits {
            max_document_bytes: self.max_document_bytes.max(1),
            max_sentence_bytes: self.max_sentence_bytes,
        }
    }
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Directory of gold annotations, one <document id>.toml per article (format: data/gold/README.md).
    #[arg(long, value_name = "DIR", default_value = "data/gold")]
    gold: PathBuf,
    /// Articles to read, as for build. Default: data/corpus.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Read the lexicon and the relation rules from DIR instead of the built-in data.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Format {
    /// graph.json: node-link JSON (networkx, D3) with evidence.
    Json,
    /// graph.dot: Graphviz DOT.
    Dot,
    /// graph.svg: the picture as SVG.
    Svg,
    /// graph.png: the picture as PNG.
    Png,
    /// graph.html: the picture with pan, zoom and an evidence panel, one offline file.
    Html,
    /// graph.cyjs: Cytoscape.js / Cytoscape desktop JSON with a style.
    Cyjs,
    /// graph.gexf: GEXF 1.3 for Gephi, with time intervals.
    Gexf,
    /// graph.graphml: GraphML for yEd, Gephi and Neo4j (apoc.import.graphml).
    Graphml,
    /// graph.jgf.json: JSON Graph Format v2.
    Jgf,
    /// graph.nodes.csv, graph.relationships.csv, graph.cypher: Neo4j import files.
    Neo4j,
    /// graph.csv: the edge list for spreadsheets.
    Csv,
    /// mentions.jsonl: every actor mention with its byte span, node and the reason it was recognised.
    Mentions,
    /// Every format above.
    All,
}

const ALL_FORMATS: [Format; 12] = [
    Format::Json,
    Format::Dot,
    Format::Svg,
    Format::Png,
    Format::Html,
    Format::Cyjs,
    Format::Gexf,
    Format::Graphml,
    Format::Jgf,
    Format::Neo4j,
    Format::Csv,
    Format::Mentions,
];

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LayoutArg {
    /// dot up to 120 actors and 250 relations, sfdp beyond.
    Auto,
    /// Layered, left to right.
    Dot,
    /// Spring model.
    Neato,
    /// Multiscale force-directed, for large graphs.
    Sfdp,
    /// Circular.
    Circo,
}

fn relation_type(name: &str) -> std::result::Result<RelationType, String> {
    RelationType::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = RelationType::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown relation type (one of {})", names.join(", "))
    })
}

fn actor_type(name: &str) -> std::result::Result<String, String> {
    ActorType::ALL
        .iter()
        .find(|t| t.as_str() == name)
        .map(|t| t.as_str().to_string())
        .ok_or_else(|| {
            "unknown actor type (one of person, organization, country, location, group)".to_string()
        })
}

fn date(text: &str) -> std::result::Result<String, String> {
    export::gexf::interval(text)
        .map(|_| text.to_string())
        .ok_or_else(|| "not a date (YYYY, YYYY-MM or YYYY-MM-DD)".to_string())
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Articles to read: .txt files, .jsonl files (one {"id", "date"?, "text", "url"?} per line),
    /// directories (every .txt and .jsonl inside, recursively, in sorted order), or - for stdin.
    /// Default: data/corpus.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    #[command(flatten)]
    run: RunArgs,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(clap::Args)]
struct RunArgs {
    /// Worker threads (default: all cores). The output is the same for every number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Pieces of evidence kept per relation (the first in document order); its weight
    /// and document list count all of them.
    #[arg(long, value_name = "N", default_value_t = actorgraph::graph::DEFAULT_MAX_EVIDENCE)]
    max_evidence: usize,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// Files to merge: `actorgraph extract` JSONL files and graph.json files, or - for stdin (JSONL).
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    /// Pieces of evidence kept per relation.
    #[arg(long, value_name = "N", default_value_t = actorgraph::graph::DEFAULT_MAX_EVIDENCE)]
    max_evidence: usize,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Articles to read, as for build. Default: data/corpus.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Where to write the JSONL, one line per document (- for stdout).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Read the lexicon and the relation rules from DIR instead of the built-in data.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Worker threads (default: all cores). The output is the same for every number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Print nothing but warnings and errors.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct OutputArgs {
    /// Directory to write the outputs to (created if missing).
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    out_dir: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(short, long, value_enum, value_delimiter = ',', default_value = "all")]
    format: Vec<Format>,
    /// Read the lexicon and the relation rules from DIR instead of the built-in data
    /// (same layout as the repository's data/: actors.toml, nl/text.toml, nl/grammar.toml, nl/relations/).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Draw the images with the built-in renderer even when Graphviz is installed.
    #[arg(long)]
    no_graphviz: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// View: keep only these relation types (comma-separated).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = relation_type, help_heading = "View (applies to every format)")]
    relations: Vec<RelationType>,
    /// View: keep only actors of these types (comma-separated: person, organization, country, location, group).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = actor_type, help_heading = "View (applies to every format)")]
    types: Vec<String>,
    /// View: keep only relations read at least N times (within --since/--until).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        help_heading = "View (applies to every format)"
    )]
    min_weight: usize,
    /// View: keep only evidence from documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date, help_heading = "View (applies to every format)")]
    since: Option<String>,
    /// View: keep only evidence from documents dated on or before DATE.
    #[arg(long, value_name = "DATE", value_parser = date, help_heading = "View (applies to every format)")]
    until: Option<String>,
    /// View: keep only ACTOR (any of its names) and the actors within --depth relations of it.
    #[arg(
        long,
        value_name = "ACTOR",
        help_heading = "View (applies to every format)"
    )]
    focus: Option<String>,
    /// View: how many relations away from --focus an actor may be.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        help_heading = "View (applies to every format)"
    )]
    depth: usize,
    /// View: leave out actors without relations.
    #[arg(long, help_heading = "View (applies to every format)")]
    drop_isolated: bool,
    /// Picture: the Graphviz layout engine.
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        help_heading = "Pictures (svg, png, html)"
    )]
    layout: LayoutArg,
    /// Picture: show at most the N most important actors (PageRank); 0 shows all.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 60,
        help_heading = "Pictures (svg, png, html)"
    )]
    top: usize,
    /// Picture and DOT: group actors in frames by country.
    #[arg(long, help_heading = "Pictures (svg, png, html)")]
    clusters: bool,
    /// Picture: stop Graphviz after SECS seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 120,
        help_heading = "Pictures (svg, png, html)"
    )]
    render_timeout: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Extract(args) => extract(args),
        Command::Merge(args) => merge(args),
        Command::Eval(args) => eval(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("actorgraph: error: {error:#}");
            let data_error = error
                .chain()
                .any(|cause| matches!(cause.downcast_ref::<Error>(), Some(Error::Data { .. })));
            ExitCode::from(if data_error { EXIT_DATA } else { EXIT_FAILURE })
        }
    }
}

/// The data, for the rest of the process: it is leaked, not dropped, because
/// freeing its many small pieces at exit cost more than loading it (some
/// 58 M instructions of a 1,000 M run); the process's exit frees it.
fn load_lexicon(data: &Option<PathBuf>) -> Result<&'static Lexicon> {
    let lexicon = match data {
        Some(dir) => {
            Lexicon::load(dir).with_context(|| format!("loading data from {}", dir.display()))?
        }
        None => Lexicon::builtin().context("loading the built-in data")?,
    };
    Ok(Box::leak(Box::new(lexicon)))
}

fn no_documents() -> ExitCode {
    eprintln!("actorgraph: error: no documents could be read (give .txt or .jsonl files, a directory, or -)");
    ExitCode::from(EXIT_NO_DOCUMENTS)
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon(&args.data)?;
    let gold = actorgraph::gold::load(&args.gold)
        .with_context(|| format!("loading the gold standard from {}", args.gold.display()))?;
    let limits = args.input.limits();
    let stream = open_inputs(&args.inputs, limits)?;
    let progress = stream.progress();
    let documents: Vec<_> = stream.collect();
    let analyses: Vec<_> = documents
        .iter()
        .filter_map(|d| {
            // A bug in a stage costs its document, as in build.
            let analysis = std::panic::catch_unwind(|| {
                actorgraph::analyze_with(lexicon, d, limits.max_sentence_bytes)
            })
            .ok()?;
            note_long_sentences(&progress, &analysis, limits.max_sentence_bytes);
            Some(analysis)
        })
        .collect();
    let warnings = finished_warnings(&progress, analyses.len());
    let summary = document::Summary::new(analyses.len() as u64, &warnings);
    if let Some(code) = report_reading(&warnings, &summary, &args.input) {
        return Ok(code);
    }
    if documents.is_empty() {
        print_summary(&summary, false);
        return Ok(no_documents());
    }
    print!("{}", actorgraph::eval::evaluate(lexicon, &analyses, &gold));
    print_summary(&summary, false);
    Ok(ExitCode::SUCCESS)
}

/// Warns when `analysis` has sentences too long to read relations from.
fn note_long_sentences(
    progress: &document::Progress,
    analysis: &actorgraph::graph::DocumentAnalysis,
    max: usize,
) {
    let long = actorgraph::long_sentences(&analysis.text, max);
    if long > 0 {
        progress.warn(document::Warning::new(
            document::Reason::LongSentence,
            format!("document {}", analysis.document.id),
            None,
            format!("{long} sentence(s) longer than {max} bytes gave no relations or roles (--max-sentence-bytes)"),
        ));
    }
}

/// The warnings of a run that analysed `analysed` documents: the reader's in
/// the order they happened, then the analysis's (given in whatever order the
/// threads finished) by document, then the documents lost to a bug.
fn finished_warnings(progress: &document::Progress, analysed: usize) -> Vec<document::Warning> {
    let read = progress
        .documents
        .load(std::sync::atomic::Ordering::Relaxed) as usize;
    let (mut found, mut long): (Vec<_>, Vec<_>) = progress
        .take_warnings()
        .into_iter()
        .partition(|w| w.reason != document::Reason::LongSentence);
    long.sort_by(|a, b| a.source.cmp(&b.source));
    found.extend(long);
    if analysed < read {
        found.push(document::Warning::new(
            document::Reason::InternalError,
            "-",
            None,
            format!(
                "{} of {read} documents could not be analysed: a bug in actorgraph (the panic message above says where); please report it with the document",
                read - analysed
            ),
        ));
    }
    found
}

/// Prints the warnings; under --strict, when some input was skipped or cut,
/// prints the summary, says so and gives the exit code to end with.
fn report_reading(
    warnings: &[document::Warning],
    summary: &document::Summary,
    input: &InputArgs,
) -> Option<ExitCode> {
    print_warnings(warnings);
    let lost = summary.lost();
    (input.strict && lost > 0).then(|| {
        print_summary(summary, false);
        eprintln!("actorgraph: error: --strict: {lost} input(s) were skipped or cut (the warnings above say which and why); nothing was written");
        ExitCode::from(EXIT_STRICT)
    })
}

/// The last line of a run: documents read, and what was skipped, cut or
/// changed, by reason. With --quiet only when something was skipped or cut.
fn print_summary(summary: &document::Summary, quiet: bool) {
    if !quiet || summary.lost() > 0 {
        eprintln!("actorgraph: summary: {summary}");
    }
}

/// The view the arguments ask for; `Err` with a message when --focus names no actor.
fn view_config(args: &OutputArgs, lexicon: &Lexicon) -> std::result::Result<ViewConfig, String> {
    let focus = match &args.focus {
        None => None,
        Some(name) => {
            let index = lexicon
                .actors
                .lookup(name)
                .ok_or_else(|| format!("--focus: no actor is called {name:?} in the lexicon"))?;
            Some(lexicon.actors.actor(index).id.clone())
        }
    };
    Ok(ViewConfig {
        relations: (!args.relations.is_empty()).then(|| args.relations.iter().copied().collect()),
        types: (!args.types.is_empty()).then(|| args.types.iter().cloned().collect()),
        min_weight: args.min_weight,
        since: args.since.clone(),
        until: args.until.clone(),
        focus,
        depth: args.depth,
        drop_isolated: args.drop_isolated,
    })
}

fn threads(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(|| actorgraph::Config::default().threads)
        .max(1)
}

/// Opens the inputs (data/corpus when there are none) as a stream.
fn open_inputs(inputs: &[String], limits: actorgraph::Limits) -> Result<document::Stream> {
    let inputs: Vec<Input> = if inputs.is_empty() {
        vec![Input::Path(PathBuf::from("data/corpus"))]
    } else {
        inputs
            .iter()
            .map(|i| {
                if i == "-" {
                    Input::Stdin
                } else {
                    Input::Path(PathBuf::from(i))
                }
            })
            .collect()
    };
    document::Stream::open_with(&inputs, limits).context("reading the input")
}

fn print_warnings(warnings: &[document::Warning]) {
    for warning in warnings {
        eprintln!("actorgraph: warning[{}]: {warning}", warning.reason);
    }
}

/// What a command that writes a graph needs before any work: the lexicon,
/// the view (or the exit code of a bad one), and a writable output directory.
fn prepare_output(
    out: &OutputArgs,
) -> Result<std::result::Result<(&'static Lexicon, ViewConfig), ExitCode>> {
    let lexicon = load_lexicon(&out.data)?;
    let config = match view_config(out, lexicon) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("actorgraph: error: {message}");
            return Ok(Err(ExitCode::from(EXIT_USAGE)));
        }
    };
    output::prepare_dir(&out.out_dir).context("preparing the output directory")?;
    let leftovers = output::remove_leftovers(&out.out_dir);
    if !leftovers.is_empty() && !out.quiet {
        eprintln!(
            "actorgraph: note: removed {} temporary file(s) an interrupted run left in {}",
            leftovers.len(),
            out.out_dir.display()
        );
    }
    Ok(Ok((lexicon, config)))
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let (lexicon, config) = match prepare_output(&args.out)? {
        Ok(prepared) => prepared,
        Err(code) => return Ok(code),
    };
    let limits = args.input.limits();
    let stream = open_inputs(&args.inputs, limits)?;
    let shared = stream.progress();
    let progress = progress::Reporter::start(stream.progress(), stream.total_bytes, args.out.quiet);
    let run = actorgraph::Config {
        threads: threads(args.run.threads),
        max_evidence: args.run.max_evidence,
        limits,
    };
    let cap = run.max_evidence;
    let want_mentions = expand_formats(&args.out.format).contains(&Format::Mentions);
    let (part, mentions) = actorgraph::process_into(
        lexicon,
        stream,
        run,
        |(part, mentions): &mut (Fragment, Vec<_>), analysis| {
            note_long_sentences(&shared, analysis, limits.max_sentence_bytes);
            // What can fail first: a panic leaves the running values as they were.
            let records = if want_mentions {
                export::mentions::records(lexicon, analysis)
            } else {
                Vec::new()
            };
            part.add(lexicon, analysis, cap);
            mentions.extend(records);
        },
        |(a, mut ma), (b, mb)| {
            ma.extend(mb);
            (a.merge(b, cap), ma)
        },
        || (Fragment::default(), Vec::new()),
    );
    progress.finish();
    let warnings = finished_warnings(&shared, part.documents);
    let summary = document::Summary::new(part.documents as u64, &warnings);
    if let Some(code) = report_reading(&warnings, &summary, &args.input) {
        return Ok(code);
    }
    if part.documents == 0 {
        print_summary(&summary, args.out.quiet);
        return Ok(no_documents());
    }
    let moves = actorgraph::graph::unify(lexicon, &part.nodes);
    let whole = actorgraph::graph::finalize(lexicon, part, cap);
    let mentions = want_mentions.then(|| export::mentions::render(mentions, &moves, &whole));
    let code = write_outputs(&args.out, &config, whole, mentions, summary.skipped())?;
    print_summary(&summary, args.out.quiet);
    Ok(code)
}

fn merge(args: MergeArgs) -> Result<ExitCode> {
    let (lexicon, config) = match prepare_output(&args.out)? {
        Ok(prepared) => prepared,
        Err(code) => return Ok(code),
    };
    let cap = args.max_evidence;
    let mut all = Fragment::default();
    let mut warnings = Vec::new();
    let mut add = |source: &str, line: Option<usize>, json: &str, all: &mut Fragment| {
        match Fragment::from_json(json) {
            Ok(part) => *all = std::mem::take(all).merge(part, cap),
            Err(error) => warnings.push(document::Warning::new(
                document::Reason::BadJsonLine,
                source,
                line,
                format!("skipped: not an extract line or a graph.json ({error})"),
            )),
        }
    };
    for input in &args.inputs {
        let reader: Box<dyn BufRead> = if input == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let file = std::fs::File::open(input).with_context(|| format!("reading {input}"))?;
            Box::new(std::io::BufReader::new(file))
        };
        if input == "-" || input.ends_with(".jsonl") {
            for (number, line) in reader.lines().enumerate() {
                let line = line.with_context(|| format!("reading {input}"))?;
                if !line.trim().is_empty() {
                    add(input, Some(number + 1), &line, &mut all);
                }
            }
        } else {
            let mut json = String::new();
            let mut reader = reader;
            reader
                .read_to_string(&mut json)
                .with_context(|| format!("reading {input}"))?;
            add(input, None, &json, &mut all);
        }
    }
    print_warnings(&warnings);
    if all.documents == 0 {
        return Ok(no_documents());
    }
    let whole = actorgraph::graph::finalize(lexicon, all, cap);
    write_outputs(&args.out, &config, whole, None, warnings.len())
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon(&args.data)?;
    let limits = args.input.limits();
    let stream = open_inputs(&args.inputs, limits)?;
    let shared = stream.progress();
    let progress = progress::Reporter::start(
        stream.progress(),
        stream.total_bytes,
        args.quiet || args.output.as_os_str() == "-",
    );
    let run = actorgraph::Config {
        threads: threads(args.threads),
        limits,
        ..actorgraph::Config::default()
    };
    let mut lines = actorgraph::process(
        lexicon,
        stream,
        run,
        |analysis| {
            note_long_sentences(&shared, analysis, limits.max_sentence_bytes);
            vec![(
                analysis.document.id.clone(),
                actorgraph::graph::fragment(lexicon, analysis).to_json_line(),
            )]
        },
        |mut a, b| {
            a.extend(b);
            a
        },
        Vec::new,
    );
    progress.finish();
    let warnings = finished_warnings(&shared, lines.len());
    let summary = document::Summary::new(lines.len() as u64, &warnings);
    if let Some(code) = report_reading(&warnings, &summary, &args.input) {
        return Ok(code);
    }
    // Ids are unique: in id order, the output is the same on any number of threads.
    lines.sort();
    let mut jsonl = String::new();
    for (_, line) in &lines {
        jsonl.push_str(line);
        jsonl.push('\n');
    }
    if args.output.as_os_str() == "-" {
        std::io::stdout()
            .write_all(jsonl.as_bytes())
            .context("writing to stdout")?;
    } else {
        let dir = args
            .output
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        let name = args
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "extract.jsonl".into());
        output::write_atomic(dir, &name, jsonl.as_bytes())?;
    }
    if !args.quiet {
        eprintln!(
            "actorgraph: extracted {} documents ({} skipped) to {}",
            lines.len(),
            summary.skipped(),
            args.output.display()
        );
    }
    print_summary(&summary, args.quiet);
    if lines.is_empty() {
        return Ok(no_documents());
    }
    Ok(ExitCode::SUCCESS)
}

fn expand_formats(formats: &[Format]) -> Vec<Format> {
    let mut formats: Vec<Format> = formats
        .iter()
        .flat_map(|f| {
            if *f == Format::All {
                ALL_FORMATS.to_vec()
            } else {
                vec![*f]
            }
        })
        .collect();
    formats.sort();
    formats.dedup();
    formats
}

/// Writes every format asked for; `mentions` is mentions.jsonl when the
/// documents were read (build), none when graphs were merged.
fn write_outputs(
    args: &OutputArgs,
    config: &ViewConfig,
    whole: Graph,
    mentions: Option<String>,
    skipped: usize,
) -> Result<ExitCode> {
    let graph = view::apply(&whole, config);
    if let Some(focus) = &config.focus {
        if graph.node(focus).is_none() && !args.quiet {
            eprintln!("actorgraph: warning: --focus {focus} is not in the graph (of this view), so the view is empty");
        }
    }

    let formats = expand_formats(&args.format);
    let layout = match args.layout {
        LayoutArg::Auto => None,
        LayoutArg::Dot => Some(Layout::Dot),
        LayoutArg::Neato => Some(Layout::Neato),
        LayoutArg::Sfdp => Some(Layout::Sfdp),
        LayoutArg::Circo => Some(Layout::Circo),
    };
    let dot_config = DotConfig {
        layout,
        clusters: args.clusters,
        note: None,
    };
    let wants = |f: Format| formats.contains(&f);
    let wants_image = wants(Format::Svg) || wants(Format::Png) || wants(Format::Html);
    // The picture (the top actors) only for the images and the page.
    let (pictured, picture_dot) = if wants_image {
        export::dot::picture(
            &graph,
            &PictureConfig {
                top: args.top,
                dot: dot_config.clone(),
            },
        )
    } else {
        (Graph::default(), String::new())
    };
    let use_graphviz = wants_image && !args.no_graphviz && render::graphviz_available();
    let timeout = Duration::from_secs(args.render_timeout.max(1));
    let mut fallback_used = false;
    let mut draw = |image_format: ImageFormat, name: &str| -> Result<Vec<u8>> {
        let image = render::render_with_timeout(&picture_dot, image_format, use_graphviz, timeout)
            .with_context(|| format!("rendering {name}"))?;
        fallback_used |= image.renderer == Renderer::Fallback;
        Ok(image.bytes)
    };
    let svg = if wants(Format::Svg) || wants(Format::Html) {
        Some(draw(ImageFormat::Svg, "graph.svg")?)
    } else {
        None
    };
    // graph.json is made while it is written (no bytes here): it lists every
    // document of every node and edge, too much to hold in memory.
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    for format in formats {
        match format {
            Format::Json => files.push(("graph.json", Vec::new())),
            Format::Dot => files.push((
                "graph.dot",
                export::dot::to_dot_with(&graph, &dot_config).into_bytes(),
            )),
            Format::Svg => files.push(("graph.svg", svg.clone().unwrap_or_default())),
            Format::Png => files.push(("graph.png", draw(ImageFormat::Png, "graph.png")?)),
            Format::Html => {
                let svg = String::from_utf8_lossy(svg.as_deref().unwrap_or_default());
                let html = export::html::to_html(&graph, &pictured, &svg);
                files.push(("graph.html", html.into_bytes()));
            }
            Format::Cyjs => files.push(("graph.cyjs", export::cyjs::to_cyjs(&graph).into_bytes())),
            Format::Gexf => files.push(("graph.gexf", export::gexf::to_gexf(&graph).into_bytes())),
            Format::Graphml => files.push((
                "graph.graphml",
                export::graphml::to_graphml(&graph).into_bytes(),
            )),
            Format::Jgf => files.push(("graph.jgf.json", export::jgf::to_jgf(&graph).into_bytes())),
            Format::Neo4j => {
                files.push((
                    "graph.nodes.csv",
                    export::neo4j::to_nodes_csv(&graph).into_bytes(),
                ));
                files.push((
                    "graph.relationships.csv",
                    export::neo4j::to_relationships_csv(&graph).into_bytes(),
                ));
                files.push((
                    "graph.cypher",
                    export::neo4j::to_cypher(&graph).into_bytes(),
                ));
            }
            Format::Csv => files.push(("graph.csv", export::csv::to_csv(&graph).into_bytes())),
            Format::Mentions => match &mentions {
                Some(mentions) => files.push(("mentions.jsonl", mentions.clone().into_bytes())),
                None if !args.format.contains(&Format::All) => {
                    eprintln!("actorgraph: note: mentions.jsonl needs the documents (build), not merged graphs: not written")
                }
                None => {}
            },
            Format::All => {}
        }
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = if name == "graph.json" {
            output::write_atomic_with(&args.out_dir, name, |out| {
                export::json::write_json(&graph, out)
            })?
        } else {
            output::write_atomic(&args.out_dir, name, &bytes)?
        };
        written.push(path.display().to_string());
    }
    if !args.quiet {
        if fallback_used && !args.no_graphviz {
            eprintln!("actorgraph: note: Graphviz was not found, so the images were drawn by the built-in renderer; install Graphviz (e.g. apt-get install graphviz) for better pictures");
        }
        if wants_image && pictured.graph.node_count() < graph.graph.node_count() {
            eprintln!(
                "actorgraph: note: the picture shows the {} most important of {} actors (--top {}); every format holds them all",
                pictured.graph.node_count(),
                graph.graph.node_count(),
                args.top
            );
        }
        let sentences = whole.sentences;
        let view = if config.keeps_everything() {
            String::new()
        } else {
            format!(
                "; the view keeps {} actors, {} relations",
                graph.graph.node_count(),
                graph.graph.edge_count()
            )
        };
        eprintln!(
            "actorgraph: read {} documents ({sentences} sentences, {} skipped); found {} actors, {} relations ({} unattributed, {} negated left out){view}; wrote {}",
            whole.documents,
            skipped,
            whole.graph.node_count(),
            whole.graph.edge_count(),
            whole.unattributed.len(),
            whole.negated,
            written.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress line on stderr: documents, MB, rate and ETA, when stderr is a
/// terminal; nothing when it is not, or with --quiet.
mod progress {
    use std::io::{IsTerminal, Write};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::thread::JoinHandle;
    use std::time::{Duration, Instant};

    use actorgraph::document::Progress;

    pub struct Reporter {
        done: Arc<AtomicBool>,
        thread: Option<JoinHandle<()>>,
    }

    fn line(progress: &Progress, total: Option<u64>, started: Instant) -> String {
        let bytes = progress.bytes.load(Ordering::Relaxed);
        let documents = progress.documents.load(Ordering::Relaxed);
        let seconds = started.elapsed().as_secs_f64().max(0.001);
        let rate = bytes as f64 / seconds / 1e6;
        let eta = match total {
            Some(total) if rate > 0.0 && total > bytes => {
                let left = (total - bytes) as f64 / 1e6 / rate;
                format!(", ETA {}:{:02}", (left / 60.0) as u64, (left % 60.0) as u64)
            }
            _ => String::new(),
        };
        format!(
            "actorgraph: {documents} documents, {:.1} MB, {rate:.1} MB/s{eta}",
            bytes as f64 / 1e6
        )
    }

    impl Reporter {
        pub fn start(progress: Arc<Progress>, total: Option<u64>, quiet: bool) -> Reporter {
            let done = Arc::new(AtomicBool::new(false));
            let thread = (!quiet && std::io::stderr().is_terminal()).then(|| {
                let (progress, done) = (Arc::clone(&progress), Arc::clone(&done));
                std::thread::spawn(move || {
                    let started = Instant::now();
                    while !done.load(Ordering::Relaxed) {
                        std::thread::sleep(Duration::from_millis(200));
                        let mut stderr = std::io::stderr().lock();
                        let _ = write!(stderr, "\r\x1b[2K{}", line(&progress, total, started));
                        let _ = stderr.flush();
                    }
                    let _ = write!(std::io::stderr(), "\r\x1b[2K");
                })
            });
            Reporter { done, thread }
        }

        /// Stops the line (the warnings stay on the `Progress`).
        pub fn finish(mut self) {
            self.done.store(true, Ordering::Relaxed);
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}
