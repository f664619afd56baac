//! graph.html: one self-contained page that opens offline in any browser.
//!
//! The rendered SVG inline, with pan and zoom (wheel, drag, buttons); a side
//! panel listing the actors by importance, and showing for a clicked actor
//! (in the picture or the list) its relations with their evidence sentences,
//! documents and dates, and for a clicked relation its evidence. The graph's
//! data is embedded as JSON; the script is ours, in this file, and builds the
//! panel with DOM methods only (text is never parsed as HTML).
//! Does not: lay out anything: the SVG comes from `render`.

use serde_json::{json, Map, Value};

use super::dot::{svg_edge_id, svg_node_id};
use super::{edge_id, relation_kind_name, xml_escape};
use crate::graph::Graph;
use crate::view::ranking;

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// JSON that can sit inside a `<script>` element: `<`, `>`, `&` and the
/// line separators written as `\u` escapes, so that no `</script>` or
/// comment can end it early. JSON.parse reads it back unchanged.
pub fn script_json(value: &Value) -> String {
    let text = super::json_string(value);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The data the page's script reads: actors by id, relations in order,
/// actor ids by importance.
fn data(graph: &Graph, pictured: &Graph) -> Value {
    let mut nodes = Map::new();
    for node in graph.nodes() {
        nodes.insert(
            node.id.clone(),
            json!({
                "label": node.label, "type": node.kind, "roles": node.roles,
                "aliases": node.aliases, "mentions": node.mentions,
                "documents": node.documents, "country": node.country,
                "svg": pictured.node(&node.id).map(|_| svg_node_id(&node.id)),
            }),
        );
    }
    let pictured_edges: std::collections::BTreeSet<String> =
        pictured.edges().map(edge_id).collect();
    let edges: Vec<Value> = graph
        .edges()
        .map(|edge| {
            let id = edge_id(edge);
            json!({
                "id": id, "source": edge.source, "target": edge.target,
                "relation": edge.relation, "kind": relation_kind_name(edge.relation.kind()),
                "symmetric": edge.symmetric, "weight": edge.weight,
                "svg": pictured_edges.contains(&id).then(|| svg_edge_id(edge)),
                "evidence": edge.evidence.iter().map(|e| json!({
                    "document": e.document, "date": e.date, "sentence": e.sentence,
                    "trigger": e.trigger, "hedged": e.hedged,
                    "attributed_to": e.attributed_to,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "documents": graph.documents,
        "nodes": nodes,
        "edges": edges,
        "ranking": ranking(graph),
    })
}

/// The SVG element of a Graphviz (or fallback) SVG file, without the XML
/// declaration, doctype and comments before it.
fn svg_element(svg: &str) -> &str {
    svg.find("<svg").map_or("", |start| svg[start..].trim_end())
}

/// The page: `svg` (the picture of `pictured`, a part of `graph` or all of
/// it) and the data of `graph`.
pub fn to_html(graph: &Graph, pictured: &Graph, svg: &str) -> String {
    let title = format!(
        "actorgraph: {} actors, {} relations from {} documents",
        graph.graph.node_count(),
        graph.graph.edge_count(),
        graph.documents
    );
    let note = if pictured.graph.node_count() < graph.graph.node_count() {
        format!(
            "The picture shows the {} most important of {} actors; the list holds them all.",
            pictured.graph.node_count(),
            graph.graph.node_count()
        )
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
<main id=\"picture\">\n<div id=\"controls\"><button id=\"zoom-in\" title=\"Zoom in\">+</button>\
<button id=\"zoom-out\" title=\"Zoom out\">−</button><button id=\"zoom-reset\" title=\"Fit\">fit</button></div>\n\
{svg}\n</main>\n<aside id=\"panel\">\n<h1>{title}</h1>\n<p class=\"note\">{note}</p>\n\
<p class=\"hint\">Click an actor or a relation, in the picture or in the list. Drag to pan, scroll to zoom.</p>\n\
<section id=\"details\" aria-live=\"polite\"></section>\n\
<input id=\"filter\" type=\"search\" placeholder=\"Filter actors\" aria-label=\"Filter actors\">\n\
<ol id=\"actors\"></ol>\n</aside>\n\
<script type=\"application/json\" id=\"graph-data\">{data}</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        title = xml_escape(&title),
        note = xml_escape(&note),
        svg = svg_element(svg),
        data = script_json(&data(graph, pictured)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_svg_element_is_cut_out() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- x -->\n<svg a=\"1\"><g/></svg>\n";
        assert_eq!(svg_element(svg), "<svg a=\"1\"><g/></svg>");
        assert_eq!(svg_element("no picture"), "");
    }

    proptest! {
        #[test]
        fn script_json_never_closes_the_script_and_parses_back(text in "\\PC{0,40}|</script>|<!--") {
            let value = json!({"s": text});
            let embedded = script_json(&value);
            prop_assert!(!embedded.contains('<') && !embedded.contains('>'));
            let back: Value = serde_json::from_str(&embedded).expect("valid JSON");
            prop_assert_eq!(back, value);
        }
    }
}
