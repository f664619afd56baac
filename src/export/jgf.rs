//! JGF, the JSON Graph Format, version 2.
//!
//! `{"graph": {"id", "type", "label", "directed": true, "metadata",
//! "nodes": {id: {"label", "metadata"}}, "edges": [{"id", "source",
//! "relation", "target", "directed", "label", "metadata"}]}}`: nodes keyed by
//! id, as v2 wants; every attribute besides the label and relation in
//! `metadata`, evidence as a list of objects. Valid against the v2 schema
//! (which allows no other keys at those levels).

use serde_json::{json, Map, Value};

use super::{date_range, edge_id, relation_kind_name};
use crate::graph::Graph;
use crate::view::importance;

/// The graph as JGF v2.
pub fn to_jgf(graph: &Graph) -> String {
    let importance = importance(graph);
    let mut nodes = Map::new();
    for node in graph.nodes() {
        let mut metadata = json!({
            "type": node.kind, "mentions": node.mentions, "aliases": node.aliases,
            "documents": node.documents, "roles": node.roles,
            "importance": importance.get(&node.id).copied().unwrap_or(0.0),
        });
        if let Some(country) = &node.country {
            metadata["country"] = json!(country);
        }
        if let Some(wikidata) = &node.wikidata {
            metadata["wikidata"] = json!(wikidata);
        }
        nodes.insert(
            node.id.clone(),
            json!({"label": node.label, "metadata": metadata}),
        );
    }
    let edges: Vec<Value> = graph
        .edges()
        .map(|edge| {
            let (first, last) = date_range(&edge.evidence);
            let mut metadata = json!({
                "relation_kind": relation_kind_name(edge.relation.kind()),
                "symmetric": edge.symmetric, "weight": edge.weight,
                "evidence": edge.evidence,
            });
            for (name, value) in [("first_date", first), ("last_date", last)] {
                if let Some(value) = value {
                    metadata[name] = json!(value);
                }
            }
            if let Some(cameo) = &edge.cameo {
                metadata["cameo"] = json!(cameo);
            }
            if let Some(goldstein) = edge.goldstein {
                metadata["goldstein"] = json!(goldstein);
            }
            json!({
                "id": edge_id(edge), "source": edge.source, "target": edge.target,
                "relation": edge.relation, "label": edge.relation, "directed": !edge.symmetric,
                "metadata": metadata,
            })
        })
        .collect();
    let document = json!({
        "graph": {
            "id": "actorgraph",
            "type": "actorgraph",
            "label": format!("actorgraph: {} documents", graph.documents),
            "directed": true,
            "metadata": {
                "generator": concat!("actorgraph ", env!("CARGO_PKG_VERSION")),
                "multigraph": true, "documents": graph.documents, "sentences": graph.sentences,
                "unattributed": graph.unattributed,
            },
            "nodes": nodes,
            "edges": edges,
        }
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    text.push('\n');
    text
}
