//! GraphML for yEd, Gephi, networkx and Neo4j (`apoc.import.graphml`).
//!
//! Every attribute is a typed `<key>` (string, int, double, boolean; lists
//! as one string, one item per line). Nodes carry `labels` (`:Actor:Person`)
//! and edges `label` (`DISMISSED`), the names APOC reads as Neo4j labels and
//! relationship types. Parallel edges (two relations between one pair) are
//! separate `<edge>` elements with their own ids.

use std::fmt::Write;

use super::table::{self, Column, Type, Value};
use super::{edge_id, xml_escape};
use crate::graph::Graph;
use crate::view::importance;

/// How list values are joined in a data element.
pub const LIST_SEPARATOR: &str = "\n";

fn graphml_type(ty: Type) -> &'static str {
    match ty {
        Type::Text | Type::List => "string",
        Type::Int => "int",
        Type::Float => "double",
        Type::Bool => "boolean",
    }
}

/// The Neo4j label of an actor type (`person` → `Person`).
pub fn neo4j_label(kind: &str) -> String {
    let mut chars = kind.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The Neo4j relationship type of a relation (`allied-with` → `ALLIED_WITH`).
pub fn neo4j_type(relation: &str) -> String {
    relation.to_uppercase().replace('-', "_")
}

fn key(out: &mut String, prefix: &str, domain: &str, column: &Column) {
    let _ = writeln!(
        out,
        "  <key id=\"{prefix}_{0}\" for=\"{domain}\" attr.name=\"{0}\" attr.type=\"{1}\"/>",
        column.name,
        graphml_type(column.ty)
    );
}

fn data(out: &mut String, prefix: &str, columns: &[Column], values: &[Option<Value>]) {
    for (column, value) in columns.iter().zip(values) {
        if let Some(value) = value {
            let _ = writeln!(
                out,
                "      <data key=\"{prefix}_{}\">{}</data>",
                column.name,
                xml_escape(&value.text(LIST_SEPARATOR))
            );
        }
    }
}

/// The graph as GraphML.
pub fn to_graphml(graph: &Graph) -> String {
    let importance = importance(graph);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (name, ty) in [
        ("name", "string"),
        ("documents", "int"),
        ("sentences", "int"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"g_{name}\" for=\"graph\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str(
        "  <key id=\"n_labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n",
    );
    for column in &table::NODE_COLUMNS {
        key(&mut out, "n", "node", column);
    }
    out.push_str("  <key id=\"e_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n");
    for column in &table::EDGE_COLUMNS {
        key(&mut out, "e", "edge", column);
    }
    out.push_str("  <graph id=\"actorgraph\" edgedefault=\"directed\">\n");
    let _ = writeln!(
        out,
        "    <data key=\"g_name\">actorgraph</data>\n    <data key=\"g_documents\">{}</data>\n    <data key=\"g_sentences\">{}</data>",
        graph.documents, graph.sentences
    );
    for node in graph.nodes() {
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&node.id));
        let _ = writeln!(
            out,
            "      <data key=\"n_labels\">:Actor:{}</data>",
            xml_escape(&neo4j_label(&node.kind))
        );
        data(
            &mut out,
            "n",
            &table::NODE_COLUMNS,
            &table::node_values(node, &importance),
        );
        out.push_str("    </node>\n");
    }
    for edge in graph.edges() {
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            xml_escape(&edge_id(edge)),
            xml_escape(&edge.source),
            xml_escape(&edge.target)
        );
        let _ = writeln!(
            out,
            "      <data key=\"e_label\">{}</data>",
            neo4j_type(edge.relation.as_str())
        );
        data(
            &mut out,
            "e",
            &table::EDGE_COLUMNS,
            &table::edge_values(edge),
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
