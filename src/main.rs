//! The `actorgraph` command: arguments resolved once into a plain config,
//! then a call into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use actorgraph::actor::ActorType;
use actorgraph::document::{self, Input};
use actorgraph::export::dot::{DotConfig, Layout, PictureConfig};
use actorgraph::relation::RelationType;
use actorgraph::render::{self, ImageFormat, Renderer};
use actorgraph::view::{self, ViewConfig};
use actorgraph::{export, output, Error, Lexicon};

/// Exit codes, as --help documents them.
const EXIT_FAILURE: u8 = 1;
const EXIT_USAGE: u8 = 2;
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
it was read from. Writes the graph as JSON, Graphviz DOT, SVG, PNG and an interactive HTML page, \
and for other tools as Cytoscape JSON, GEXF, GraphML, JGF, Neo4j import files and a CSV edge list.",
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

/// The view the arguments ask for; `Err` with a message when --focus names no actor.
fn view_config(args: &BuildArgs, lexicon: &Lexicon) -> std::result::Result<ViewConfig, String> {
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

fn build(args: BuildArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon(&args.data)?;
    let config = match view_config(&args, &lexicon) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("actorgraph: error: {message}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    output::prepare_dir(&args.out_dir).context("preparing the output directory")?;
    let reading = read_inputs(&args.inputs)?;
    if reading.documents.is_empty() {
        return Ok(no_documents());
    }
    let analyses: Vec<_> = reading
        .documents
        .iter()
        .map(|d| actorgraph::analyze(&lexicon, d))
        .collect();
    let whole = actorgraph::graph::build(&lexicon, &analyses);
    let graph = view::apply(&whole, &config);
    if let Some(focus) = &config.focus {
        if graph.node(focus).is_none() && !args.quiet {
            eprintln!("actorgraph: warning: --focus {focus} is not in the graph (of this view), so the view is empty");
        }
    }

    let mut formats: Vec<Format> = args
        .format
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
    let (pictured, picture_dot) = export::dot::picture(
        &graph,
        &PictureConfig {
            top: args.top,
            dot: dot_config.clone(),
        },
    );
    let wants = |f: Format| formats.contains(&f);
    let wants_image = wants(Format::Svg) || wants(Format::Png) || wants(Format::Html);
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
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    for format in formats {
        match format {
            Format::Json => files.push(("graph.json", export::json::to_json(&graph).into_bytes())),
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
            Format::Mentions => files.push((
                "mentions.jsonl",
                export::mentions::to_jsonl(&lexicon, &analyses).into_bytes(),
            )),
            Format::All => {}
        }
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = output::write_atomic(&args.out_dir, name, &bytes)?;
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
            reading.documents.len(),
            reading.warnings.len(),
            whole.graph.node_count(),
            whole.graph.edge_count(),
            whole.unattributed.len(),
            whole.negated,
            written.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
