//! mentions.jsonl: every actor mention, one JSON object per line, so that
//! users can audit the extraction and feed it to annotation tools.
//!
//! `{"document", "sentence", "start", "end", "text", "node", "type", "reason"}`:
//! byte offsets into the document's text as read (after its metadata
//! marker), the node id as in graph.json, and why the mention was
//! recognised ("lexicon", "cue: after the title \"generaal\"", "pronoun", …).

use serde::Serialize;

use crate::actor::MentionSource;
use crate::data::Lexicon;
use std::collections::BTreeMap;

use crate::graph::fragment::node_of;
use crate::graph::{unify, DocumentAnalysis};

#[derive(Serialize)]
struct Line<'a> {
    document: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    text: &'a str,
    node: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    reason: String,
}

/// Every mention of every document, in document and text order.
pub fn to_jsonl(lexicon: &Lexicon, analyses: &[DocumentAnalysis]) -> String {
    // The same unification as the graph's, so that node ids agree.
    let discovered: BTreeMap<String, _> = analyses
        .iter()
        .flat_map(|a| &a.discovered)
        .map(|actor| (actor.id.clone(), node_of(actor)))
        .collect();
    let moves = unify(lexicon, &discovered);
    let mut out = String::new();
    for analysis in analyses {
        let actors = analysis.actors(lexicon);
        for mention in &analysis.mentions {
            let actor = actors.get(mention.actor);
            let node = moves.get(&actor.id).unwrap_or(&actor.id);
            let kind = match moves.get(&actor.id) {
                Some(joined) => lexicon
                    .actors
                    .lookup(joined)
                    .map_or(actor.entry.kind, |i| lexicon.actors.actor(i).entry.kind),
                None => actor.entry.kind,
            };
            let reason = match (mention.demonym, mention.source, &actor.reason) {
                (true, _, _) => "demonym (stands for the country)".to_string(),
                (false, MentionSource::Cue | MentionSource::Group, Some(reason)) => {
                    format!("{}: {reason}", mention.source.as_str())
                }
                (false, source, _) => source.as_str().to_string(),
            };
            let span = analysis.text.original(mention.span);
            let line = Line {
                document: &analysis.document.id,
                sentence: mention.sentence,
                start: span.start,
                end: span.end,
                text: analysis.text.slice(mention.span),
                node,
                kind: kind.as_str(),
                reason,
            };
            out.push_str(
                &serde_json::to_string(&line)
                    .expect("mention lines always serialize: strings and numbers only"),
            );
            out.push('\n');
        }
    }
    out
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
