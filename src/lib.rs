//! actorgraph reads news articles and builds a knowledge graph of who did what
//! to whom: actors as nodes, typed relations as edges, every edge backed by
//! the sentences it was read from.
//!
//! The pipeline is the architecture (see ARCHITECTURE.md):
//! documents → text → actors → relations → graph → exports → images.
//! [`extract`] runs the pure part of it in a handful of lines.

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod actor;
pub mod coref;
pub mod data;
pub mod discover;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod gold;
pub mod graph;
pub mod output;
pub mod relation;
pub mod render;
pub mod text;
pub mod view;

pub use data::Lexicon;
pub use document::Document;
pub use error::{Error, Result};
pub use graph::Graph;

/// Runs the pure pipeline over `documents`: text analysis, actor matching,
/// relation extraction, and the merge of every document into one graph.
pub fn extract(lexicon: &Lexicon, documents: &[Document]) -> Graph {
    let analyses: Vec<graph::DocumentAnalysis> = documents
        .iter()
        .map(|document| analyze(lexicon, document))
        .collect();
    graph::build(lexicon, &analyses)
}

/// How to run the pipeline over a stream of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Pieces of evidence kept per edge.
    pub max_evidence: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            max_evidence: graph::DEFAULT_MAX_EVIDENCE,
        }
    }
}

/// Runs the per-document stages on `documents` as they come, on
/// `config.threads` threads, and merges what each gives (`per_document`
/// turns a document's analysis into a value, `merge` combines two). Each
/// document is dropped once analysed, so memory follows the merged values,
/// not the corpus. `merge` must be associative and commutative: the result
/// then does not depend on the number of threads or the order of completion.
pub fn process<I, T>(
    lexicon: &Lexicon,
    documents: I,
    config: Config,
    per_document: impl Fn(&graph::DocumentAnalysis) -> T + Sync + Send,
    merge: impl Fn(T, T) -> T + Sync + Send,
    empty: impl Fn() -> T + Sync + Send,
) -> T
where
    I: Iterator<Item = Document> + Send,
    T: Send,
{
    use rayon::iter::{ParallelBridge, ParallelIterator};
    let run = || {
        documents
            .par_bridge()
            .map(|document| per_document(&analyze(lexicon, &document)))
            .reduce(&empty, &merge)
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.max(1))
        .build()
    {
        Ok(pool) => pool.install(run),
        // No pool to be had: rayon's global one does the work.
        Err(_) => run(),
    }
}

/// The graph of a stream of documents, built on `config.threads` threads;
/// byte-identical whatever the number of threads.
pub fn extract_stream(
    lexicon: &Lexicon,
    documents: impl Iterator<Item = Document> + Send,
    config: Config,
) -> Graph {
    let part = process(
        lexicon,
        documents,
        config,
        |analysis| graph::fragment(lexicon, analysis),
        |a, b| a.merge(b, config.max_evidence),
        graph::Fragment::default,
    );
    graph::finalize(lexicon, part, config.max_evidence)
}

/// Runs the per-document stages: text, actors (lexicon and discovered), coreference, relations and roles.
pub fn analyze<'d>(lexicon: &Lexicon, document: &'d Document) -> graph::DocumentAnalysis<'d> {
    let text = text::analyze(&lexicon.text, &document.text);
    let mentions = actor::find_mentions(&lexicon.actors, &text);
    let discover::Discovery {
        actors: discovered,
        mentions,
    } = discover::discover(&lexicon.discovery, &lexicon.actors, &text, mentions);
    let actors = actor::Actors {
        lexicon: &lexicon.actors,
        discovered: &discovered,
    };
    let mentions = coref::resolve(&lexicon.pronouns, actors, &text, mentions);
    let (relations, roles) = relation::extract_with_roles(&lexicon.relations, &text, &mentions);
    graph::DocumentAnalysis {
        document,
        text,
        mentions,
        relations,
        roles,
        discovered,
    }
}

/// Helpers for the stages' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{analyze, graph::DocumentAnalysis, Document, Lexicon};

    /// Runs the per-document stages on `text` with the built-in data and
    /// gives the analysis to `check`.
    pub(crate) fn with_analysis<T>(
        text: &str,
        check: impl FnOnce(&Lexicon, &DocumentAnalysis) -> T,
    ) -> T {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let document = Document {
            id: "t".into(),
            date: None,
            url: None,
            text: text.into(),
        };
        let analysis = analyze(&lexicon, &document);
        check(&lexicon, &analysis)
    }
}
