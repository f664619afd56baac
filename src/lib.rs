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
pub use document::{Document, Limits};
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
    /// How big a document and a sentence may be.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            max_evidence: graph::DEFAULT_MAX_EVIDENCE,
            limits: Limits::default(),
        }
    }
}

/// Runs the per-document stages on `documents` as they come, on
/// `config.threads` threads, and merges what each gives (`per_document`
/// turns a document's analysis into a value, `merge` combines two). Each
/// document is dropped once analysed, so memory follows the merged values,
/// not the corpus. `merge` must be associative and commutative: the result
/// then does not depend on the number of threads or the order of completion.
/// A document whose analysis panics (a bug) counts as `empty()`: the panic
/// message is on stderr, and the run goes on with the other documents.
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
    process_into(
        lexicon,
        documents,
        config,
        |all, analysis| {
            // Made before `all` is touched: a panic leaves it as it was.
            let one = per_document(analysis);
            *all = merge(std::mem::replace(all, empty()), one);
        },
        &merge,
        &empty,
    )
}

/// [`process`] with each document's analysis added straight to a running
/// value of its thread (`add`), which `merge` then combines: for values
/// that are cheaper to add a document to than to make for one and merge
/// (the graph, [`graph::Fragment::add`]). Adding a document and merging must
/// together be associative and commutative, as for [`process`]; `add` must
/// leave the value unchanged when it panics (do what can fail before the
/// first change): the document then counts as lost and the run goes on.
pub fn process_into<I, T>(
    lexicon: &Lexicon,
    documents: I,
    config: Config,
    add: impl Fn(&mut T, &graph::DocumentAnalysis) + Sync + Send,
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
            .fold(&empty, |mut all, document| {
                // A bug in a stage costs its document, not the run: the panic
                // hook has printed where; the caller sees one document fewer.
                let _lost = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    add(
                        &mut all,
                        &analyze_with(lexicon, &document, config.limits.max_sentence_bytes),
                    )
                }));
                all
            })
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
    let part = process_into(
        lexicon,
        documents,
        config,
        |part, analysis| part.add(lexicon, analysis, config.max_evidence),
        |a, b| a.merge(b, config.max_evidence),
        graph::Fragment::default,
    );
    graph::finalize(lexicon, part, config.max_evidence)
}

/// Runs the per-document stages: text, actors (lexicon and discovered), coreference, relations and roles.
/// Sentences longer than [`document::DEFAULT_MAX_SENTENCE_BYTES`] give no relations or roles.
pub fn analyze<'d>(lexicon: &Lexicon, document: &'d Document) -> graph::DocumentAnalysis<'d> {
    analyze_with(lexicon, document, document::DEFAULT_MAX_SENTENCE_BYTES)
}

/// The sentences of `text` longer than `max_sentence_bytes`: those
/// [`analyze_with`] reads no relations or roles from.
pub fn long_sentences(text: &text::Text, max_sentence_bytes: usize) -> usize {
    text.sentences
        .iter()
        .filter(|s| s.span.end - s.span.start > max_sentence_bytes)
        .count()
}

/// [`analyze`], resolving pronouns and reading relations and roles only in
/// sentences of at most `max_sentence_bytes` bytes (the actors of longer
/// ones count either way): a run-on "sentence" of a megabyte is not prose,
/// and would cost the matchers time out of proportion.
pub fn analyze_with<'d>(
    lexicon: &Lexicon,
    document: &'d Document,
    max_sentence_bytes: usize,
) -> graph::DocumentAnalysis<'d> {
    analyze_staged(lexicon, document, max_sentence_bytes, |_| {})
}

/// A stage of [`analyze_staged`], in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Normalising, sentences and tokens (`text::analyze`).
    Text,
    /// The lexicon's actors (`actor::find_mentions`).
    Lexicon,
    /// Discovered actors, groups and links (`discover::discover`).
    Discovery,
    /// Pronouns and descriptions (`coref::resolve`), and the limit on
    /// sentence length applied.
    Coreference,
    /// Quotes, their speakers and first-person pronouns
    /// (`relation::quote`).
    Quotes,
    /// Relations and roles (`relation::extract_with_roles_read`, then
    /// discovery's links), and the long sentences given back.
    Relations,
}

/// [`analyze_with`], calling `mark` with each stage as it ends: the one
/// definition of the per-document stages, which the benchmark times
/// through `mark` (a closure that does nothing costs nothing).
pub fn analyze_staged<'d>(
    lexicon: &Lexicon,
    document: &'d Document,
    max_sentence_bytes: usize,
    mut mark: impl FnMut(Stage),
) -> graph::DocumentAnalysis<'d> {
    let mut text = text::analyze(&lexicon.text, &document.text);
    mark(Stage::Text);
    let mentions = actor::find_mentions(&lexicon.actors, &text);
    mark(Stage::Lexicon);
    let discover::Discovery {
        actors: discovered,
        mentions,
        links,
    } = discover::discover(&lexicon.discovery, &lexicon.actors, &text, mentions);
    mark(Stage::Discovery);
    // Sentences over the limit are read for their actors only: coreference
    // and relations pass them by as they pass photo credits.
    let hidden: Vec<(usize, text::SentenceKind)> = text
        .sentences
        .iter_mut()
        .enumerate()
        .filter(|(_, s)| s.span.end - s.span.start > max_sentence_bytes)
        .map(|(i, s)| {
            (
                i,
                std::mem::replace(&mut s.kind, text::SentenceKind::Credit),
            )
        })
        .collect();
    let actors = actor::Actors {
        lexicon: &lexicon.actors,
        discovered: &discovered,
    };
    let mentions = coref::resolve(&lexicon.pronouns, actors, &text, mentions);
    mark(Stage::Coreference);
    // The quotes of the final mentions, and the sentences read to find
    // their speakers, which the relation pass takes.
    let (mentions, found) =
        relation::quote::resolve_with_reading(&lexicon.relations, &text, mentions);
    mark(Stage::Quotes);
    let (mut relations, roles) =
        relation::extract_with_roles_read(&lexicon.relations, &text, &mentions, found);
    relations.extend(relation::from_links(&text, &links));
    relation::admit(&lexicon.relations, actors, &mut relations);
    for (i, kind) in hidden {
        text.sentences[i].kind = kind;
    }
    mark(Stage::Relations);
    graph::DocumentAnalysis {
        document,
        text,
        mentions,
        relations,
        roles,
        discovered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_that_panics_costs_itself_not_the_run() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let documents = ["a", "b", "c"].map(|id| Document {
            id: id.into(),
            date: None,
            url: None,
            text: "Poetin sprak.".into(),
        });
        let config = Config {
            threads: 2,
            ..Config::default()
        };
        let ids = process(
            &lexicon,
            documents.into_iter(),
            config,
            |analysis| {
                assert_ne!(analysis.document.id, "b", "a bug in a stage");
                vec![analysis.document.id.clone()]
            },
            |mut a, b| {
                a.extend(b);
                a.sort();
                a
            },
            Vec::new,
        );
        assert_eq!(ids, vec!["a".to_string(), "c".to_string()]);
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

    /// Each pronoun (or description) of `text` resolved to an actor, as
    /// "pronoun=actor id", in order.
    pub(crate) fn resolved_pronouns(text: &str) -> Vec<String> {
        with_analysis(text, |lexicon, analysis| {
            analysis
                .mentions
                .iter()
                .filter(|m| m.pronoun)
                .map(|m| {
                    format!(
                        "{}={}",
                        analysis.text.slice(m.span),
                        analysis.actors(lexicon).get(m.actor).id
                    )
                })
                .collect()
        })
    }
}
