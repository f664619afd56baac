//! Exports: the graph written as files other tools read.
//!
//! Takes: a [`Graph`](crate::graph::Graph) (usually a view of it, see `view`).
//! Gives: the text of each format, a pure function of the graph,
//! byte-identical from run to run: `json` (node-link), `dot` (Graphviz),
//! `cyjs` (Cytoscape), `gexf` (Gephi), `graphml` (yEd, Gephi, Neo4j APOC),
//! `jgf` (JSON Graph Format v2), `neo4j` (neo4j-admin CSV and a Cypher
//! script), `csv` (an edge list) and `html` (the picture with a side panel).
//! Every format holds the same nodes and edges, one edge per (source,
//! relation, target), with the same ids ([`edge_id`]).
//! Does not: write files or run Graphviz (see `output` and `render`).

pub mod csv;
pub mod cyjs;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod jgf;
pub mod json;
pub mod mentions;
pub mod neo4j;
pub mod table;

use crate::actor::ActorType;
use crate::graph::{Edge, Evidence};
use crate::relation::RelationKind;

/// Fill colour, border colour and Graphviz shape for an actor type; shared by
/// every format that carries a style, so that all pictures agree.
pub fn actor_style(kind: ActorType) -> (&'static str, &'static str, &'static str) {
    match kind {
        ActorType::Person => ("#dbe9f6", "#2f6da3", "ellipse"),
        ActorType::Organization => ("#fdebd0", "#b9770e", "box"),
        ActorType::Country => ("#d5f0dc", "#1e8449", "hexagon"),
        ActorType::Location => ("#eeeeee", "#707b7c", "note"),
        ActorType::Group => ("#f5d5e0", "#a93263", "octagon"),
    }
}

/// Line colour for a kind of relation.
pub fn relation_colour(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Hostile => "#c0392b",
        RelationKind::Cooperative => "#1e8449",
        RelationKind::Structural => "#34495e",
    }
}

/// The name of a kind of relation, as the legend shows it.
pub fn relation_kind_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Hostile => "hostile",
        RelationKind::Cooperative => "cooperative",
        RelationKind::Structural => "structural",
    }
}

/// The actor type called `name` (a node's `kind`); unknown names are groups.
pub fn actor_type(name: &str) -> ActorType {
    ActorType::ALL
        .into_iter()
        .find(|t| t.as_str() == name)
        .unwrap_or(ActorType::Group)
}

/// The id of an edge in every format: `source--relation--target`. Node ids
/// are slugs, which never contain `--`, so the id is unique and readable.
pub fn edge_id(edge: &Edge) -> String {
    format!("{}--{}--{}", edge.source, edge.relation, edge.target)
}

/// The earliest and latest document date of an edge's evidence.
pub fn date_range(evidence: &[Evidence]) -> (Option<&str>, Option<&str>) {
    let dates = evidence.iter().filter_map(|e| e.date.as_deref());
    (dates.clone().min(), dates.max())
}

/// One piece of evidence as one line: `[document, date] sentence`.
pub fn evidence_line(evidence: &Evidence) -> String {
    match &evidence.date {
        Some(date) => format!("[{}, {date}] {}", evidence.document, evidence.sentence),
        None => format!("[{}] {}", evidence.document, evidence.sentence),
    }
}

/// `text` as XML character data or attribute value: `& < > " '` as entities,
/// tab, line feed and carriage return as character references (so that an
/// attribute keeps them), and characters XML 1.0 cannot hold dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` without the characters XML 1.0 cannot hold, as [`xml_escape`]
/// leaves it; what a reader of any XML export gets back.
pub fn xml_clean(text: &str) -> String {
    text.chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .filter(|&c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// The text of a JSON value, compact; used inside other formats.
pub(crate) fn json_string(value: &serde_json::Value) -> String {
    serde_json::to_string(value).expect("JSON values always serialize")
}
