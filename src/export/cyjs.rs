//! Cytoscape JSON (`.cyjs`) for Cytoscape.js and Cytoscape desktop.
//!
//! `{"data": {...}, "elements": {"nodes": [{"data": {...}}], "edges":
//! [{"data": {...}}]}, "style": [...]}`: what `cy.json(...)` and Cytoscape's
//! File → Import → Network from File read. Every attribute is a flat data
//! field (lists of strings, no nested objects, which Cytoscape desktop cannot
//! hold in a column); evidence is one string per sentence. The style gives
//! the colours and shapes of the DOT picture and sizes nodes by importance.

use serde_json::{json, Value};

use super::{actor_style, date_range, edge_id, evidence_line, relation_colour, relation_kind_name};
use crate::actor::ActorType;
use crate::graph::Graph;
use crate::relation::RelationKind;
use crate::view::importance;

/// Cytoscape.js's name for a Graphviz shape.
fn cytoscape_shape(shape: &str) -> &'static str {
    match shape {
        "box" => "round-rectangle",
        "hexagon" => "hexagon",
        "note" => "rectangle",
        "octagon" => "octagon",
        _ => "ellipse",
    }
}

/// The style sheet: base node and edge styles, one rule per actor type and
/// per kind of relation, symmetric edges without arrowheads.
fn style(most: f64) -> Value {
    let mut rules = vec![
        json!({"selector": "node", "style": {
            "label": "data(label)", "font-family": "Helvetica, Arial, sans-serif",
            "font-size": 11, "text-valign": "center", "text-halign": "center",
            "text-wrap": "wrap", "text-max-width": 110, "border-width": 1.5,
            "width": format!("mapData(importance, 0, {most}, 30, 90)"),
            "height": format!("mapData(importance, 0, {most}, 30, 90)")}}),
        json!({"selector": "edge", "style": {
            "label": "data(relation)", "font-size": 9, "curve-style": "bezier",
            "target-arrow-shape": "triangle", "text-rotation": "autorotate",
            "width": "mapData(weight, 1, 10, 1.5, 6)"}}),
        json!({"selector": "edge[?symmetric]", "style": {"target-arrow-shape": "none"}}),
    ];
    for kind in ActorType::ALL {
        let (fill, line, shape) = actor_style(kind);
        rules.push(
            json!({"selector": format!("node[type = \"{}\"]", kind.as_str()), "style": {
            "background-color": fill, "border-color": line, "shape": cytoscape_shape(shape)}}),
        );
    }
    for kind in [
        RelationKind::Hostile,
        RelationKind::Cooperative,
        RelationKind::Structural,
    ] {
        let colour = relation_colour(kind);
        rules.push(
            json!({"selector": format!("edge[relation_kind = \"{}\"]", relation_kind_name(kind)),
            "style": {"line-color": colour, "target-arrow-color": colour, "color": colour}}),
        );
    }
    Value::Array(rules)
}

/// The graph as Cytoscape JSON.
pub fn to_cyjs(graph: &Graph) -> String {
    let importance = importance(graph);
    let most = importance.values().copied().fold(0.0, f64::max);
    let nodes: Vec<Value> = graph
        .nodes()
        .map(|node| {
            let mut data = json!({
                "id": node.id, "label": node.label, "type": node.kind,
                "mentions": node.mentions, "aliases": node.aliases, "documents": node.documents,
                "roles": node.roles,
                "importance": importance.get(&node.id).copied().unwrap_or(0.0),
            });
            if let Some(country) = &node.country {
                data["country"] = json!(country);
            }
            if let Some(wikidata) = &node.wikidata {
                data["wikidata"] = json!(wikidata);
            }
            json!({ "data": data })
        })
        .collect();
    let edges: Vec<Value> = graph
        .edges()
        .map(|edge| {
            let (first, last) = date_range(&edge.evidence);
            let mut documents: Vec<&str> =
                edge.evidence.iter().map(|e| e.document.as_str()).collect();
            documents.dedup();
            let mut data = json!({
                "id": edge_id(edge), "source": edge.source, "target": edge.target,
                "relation": edge.relation, "relation_kind": relation_kind_name(edge.relation.kind()),
                "symmetric": edge.symmetric, "weight": edge.weight,
                "documents": documents,
                "evidence": edge.evidence.iter().map(evidence_line).collect::<Vec<_>>(),
            });
            for (name, value) in [("first_date", first), ("last_date", last)] {
                if let Some(value) = value {
                    data[name] = json!(value);
                }
            }
            if let Some(cameo) = &edge.cameo {
                data["cameo"] = json!(cameo);
            }
            if let Some(goldstein) = edge.goldstein {
                data["goldstein"] = json!(goldstein);
            }
            json!({ "data": data })
        })
        .collect();
    let document = json!({
        "format_version": "1.0",
        "generated_by": concat!("actorgraph ", env!("CARGO_PKG_VERSION")),
        "target_cytoscapejs_version": "~3",
        "data": {
            "name": "actorgraph", "directed": true, "multigraph": true,
            "documents": graph.documents, "sentences": graph.sentences,
        },
        "elements": { "nodes": nodes, "edges": edges },
        "style": style(if most > 0.0 { most } else { 1.0 }),
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    text.push('\n');
    text
}
