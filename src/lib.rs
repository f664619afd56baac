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
    let relations = relation::extract(&lexicon.relations, &text, &mentions);
    let roles = relation::role::roles(&lexicon.relations, &text, &mentions);
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
