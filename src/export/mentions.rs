//! mentions.jsonl: every actor mention, one JSON object per line, so that
//! users can audit the extraction and feed it to annotation tools.
//!
//! `{"document", "start", "end", "sentence", "text", "node", "type", "reason"}`:
//! byte offsets into the document's text as read (after its metadata
//! marker), the node id as in graph.json, and why the mention was
//! recognised ("lexicon", "cue: after the title \"generaal\"", "pronoun", …).

use serde::Serialize;

use crate::actor::{ActorType, MentionSource};
use crate::data::Lexicon;
use std::collections::BTreeMap;

use crate::graph::fragment::node_of;
use crate::graph::{unify, DocumentAnalysis, Graph};

/// One mention, with the id its actor has in its own document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Record {
    document: String,
    start: usize,
    end: usize,
    sentence: usize,
    text: String,
    node: String,
    #[serde(rename = "type")]
    kind: &'static str,
    reason: String,
}

/// The mentions of one document.
pub fn records(lexicon: &Lexicon, analysis: &DocumentAnalysis) -> Vec<Record> {
    let actors = analysis.actors(lexicon);
    analysis
        .mentions
        .iter()
        .map(|mention| {
            let actor = actors.get(mention.actor);
            let reason = match (mention.demonym, mention.source, &actor.reason) {
                (true, _, _) => "demonym (stands for the country)".to_string(),
                (false, MentionSource::Cue | MentionSource::Group, Some(reason)) => {
                    format!("{}: {reason}", mention.source.as_str())
                }
                (false, source, _) => source.as_str().to_string(),
            };
            let span = analysis.text.original(mention.span);
            Record {
                document: analysis.document.id.clone(),
                start: span.start,
                end: span.end,
                sentence: mention.sentence,
                text: analysis.text.slice(mention.span).to_string(),
                node: actor.id.clone(),
                kind: actor.entry.kind.as_str(),
                reason,
            }
        })
        .collect()
}

/// mentions.jsonl from the records of any number of documents, in document
/// and text order, with node ids as in `graph` (`moves` from `graph::unify`).
pub fn render(mut records: Vec<Record>, moves: &BTreeMap<String, String>, graph: &Graph) -> String {
    records.sort();
    let mut out = String::new();
    for mut record in records {
        if let Some(joined) = moves.get(&record.node) {
            record.node = joined.clone();
            if let Some(node) = graph.node(joined) {
                record.kind = ActorType::ALL
                    .into_iter()
                    .find(|t| t.as_str() == node.kind)
                    .map_or(record.kind, ActorType::as_str);
            }
        }
        out.push_str(
            &serde_json::to_string(&record)
                .expect("mention records always serialize: strings and numbers only"),
        );
        out.push('\n');
    }
    out
}

/// Every mention of every document (for a graph built from `analyses`).
pub fn to_jsonl(lexicon: &Lexicon, analyses: &[DocumentAnalysis]) -> String {
    let discovered: BTreeMap<String, _> = analyses
        .iter()
        .flat_map(|a| &a.discovered)
        .map(|actor| (actor.id.clone(), node_of(actor)))
        .collect();
    let moves = unify(lexicon, &discovered);
    let graph = crate::graph::build(lexicon, analyses);
    render(
        analyses.iter().flat_map(|a| records(lexicon, a)).collect(),
        &moves,
        &graph,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_mention_with_offsets_node_and_reason() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let text = " date 2022-01 Generaal Erlan Karin sprak met Tokajev. Hij zweeg.";
        let document = crate::document::parse_text("d", text);
        let analyses = vec![crate::analyze(&lexicon, &document)];
        let jsonl = to_jsonl(&lexicon, &analyses);
        let lines: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).expect("valid JSON"))
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["node"], "erlan-karin");
        assert_eq!(lines[0]["reason"], "cue: after the title \"generaal\"");
        let (start, end) = (
            lines[0]["start"].as_u64().unwrap_or(0) as usize,
            lines[0]["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(&document.text[start..end], "Erlan Karin");
        assert_eq!(lines[1]["node"], "kassym-jomart-tokajev");
        assert_eq!(lines[1]["reason"], "lexicon");
        assert_eq!(lines[2]["reason"], "pronoun");
    }
}
