//! The `actorgraph` command: arguments resolved once into a plain config,
//! then a call into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

use actorgraph::document::{self, Input};
use actorgraph::render::{self, ImageFormat, Renderer};
use actorgraph::{export, output, Error, Lexicon};

/// Exit codes, as --help documents them.
const EXIT_FAILURE: u8 = 1;
const EXIT_DATA: u8 = 3;
const EXIT_NO_DOCUMENTS: u8 = 4;

#[derive(Parser)]
#[command(
    name = "actorgraph",
    version,
    about = "Reads Dutch news articles and builds a knowledge graph of who did what to whom",
    long_about = "Reads Dutch news articles and builds a knowledge graph of who did what to whom: \
actors (people, organisations, countries, locations, groups) as nodes, typed relations \
(dismissed, arrested, allied-with, leads, ...) as edges, every edge backed by the sentences \
it was read from. Writes the graph as JSON, Graphviz DOT, SVG and PNG.",
    after_help = "Exit codes: 0 success, 1 failure (reading, writing or rendering), 2 invalid arguments, \
3 invalid data files (--data), 4 no documents could be read."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph of some articles and write it to the output directory.
    Build(BuildArgs),
    /// Score the extraction against gold annotations: precision, recall and F1 for
    /// actors and relations, and every false positive and false negative.
    Eval(EvalArgs),
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
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Articles to read: .txt files, .jsonl files (one {"id", "date"?, "text", "url"?} per line),
    /// directories (every .txt and .jsonl inside, recursively, in sorted order), or - for stdin.
    /// Default: data/corpus.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Directory to write the outputs to (created if missing).
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    out_dir: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(
        short,
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "json,dot,svg,png"
    )]
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
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

fn load_lexicon(data: &Option<PathBuf>) -> Result<Lexicon> {
    Ok(match data {
        Some(dir) => {
            Lexicon::load(dir).with_context(|| format!("loading data from {}", dir.display()))?
        }
        None => Lexicon::builtin().context("loading the built-in data")?,
    })
}

/// Reads the inputs (data/corpus when there are none) and prints the warnings.
fn read_inputs(inputs: &[String]) -> Result<document::Reading> {
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
    let reading = document::read(&inputs).context("reading the input")?;
    for warning in &reading.warnings {
        eprintln!("actorgraph: warning: {warning}");
    }
    Ok(reading)
}

fn no_documents() -> ExitCode {
    eprintln!("actorgraph: error: no documents could be read (give .txt or .jsonl files, a directory, or -)");
    ExitCode::from(EXIT_NO_DOCUMENTS)
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon(&args.data)?;
    let gold = actorgraph::gold::load(&args.gold)
        .with_context(|| format!("loading the gold standard from {}", args.gold.display()))?;
    let reading = read_inputs(&args.inputs)?;
    if reading.documents.is_empty() {
        return Ok(no_documents());
    }
    let analyses: Vec<_> = reading
        .documents
        .iter()
        .map(|d| actorgraph::analyze(&lexicon, d))
        .collect();
    print!("{}", actorgraph::eval::evaluate(&lexicon, &analyses, &gold));
    Ok(ExitCode::SUCCESS)
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon(&args.data)?;
    output::prepare_dir(&args.out_dir).context("preparing the output directory")?;
    let reading = read_inputs(&args.inputs)?;
    if reading.documents.is_empty() {
        return Ok(no_documents());
    }
    let graph = actorgraph::extract(&lexicon, &reading.documents);

    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let dot = export::dot::to_dot(&graph);
    let wants_image = formats
        .iter()
        .any(|f| matches!(f, Format::Svg | Format::Png));
    let use_graphviz = wants_image && !args.no_graphviz && render::graphviz_available();
    let mut written = Vec::new();
    let mut fallback_used = false;
    for format in formats {
        let (name, bytes) = match format {
            Format::Json => ("graph.json", export::json::to_json(&graph).into_bytes()),
            Format::Dot => ("graph.dot", dot.clone().into_bytes()),
            Format::Svg | Format::Png => {
                let (name, image_format) = if format == Format::Svg {
                    ("graph.svg", ImageFormat::Svg)
                } else {
                    ("graph.png", ImageFormat::Png)
                };
                let image = render::render(&dot, image_format, use_graphviz)
                    .with_context(|| format!("rendering {name}"))?;
                fallback_used |= image.renderer == Renderer::Fallback;
                (name, image.bytes)
            }
        };
        let path = output::write_atomic(&args.out_dir, name, &bytes)?;
        written.push(path.display().to_string());
    }
    if !args.quiet {
        if fallback_used && !args.no_graphviz {
            eprintln!("actorgraph: note: Graphviz was not found, so the images were drawn by the built-in renderer; install Graphviz (e.g. apt-get install graphviz) for better pictures");
        }
        let sentences = graph.sentences;
        eprintln!(
            "actorgraph: read {} documents ({sentences} sentences, {} skipped); found {} actors, {} relations ({} unattributed, {} negated left out); wrote {}",
            reading.documents.len(),
            reading.warnings.len(),
            graph.graph.node_count(),
            graph.graph.edge_count(),
            graph.unattributed.len(),
            graph.negated,
            written.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
