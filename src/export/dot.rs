//! Graphviz DOT, built with graphviz-rust's structures and printer.
//!
//! Shape and colour by actor type, edge colour by kind of relation, the
//! relation (and its weight) as edge label, evidence as tooltips, and a legend.
//! graphviz-rust prints ids as given, so every id and string is quoted and
//! escaped here ([`quote`]).

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph as DotGraph, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::BTreeSet;

use super::{actor_style, relation_colour, relation_kind_name};
use crate::actor::ActorType;
use crate::graph::Graph;
use crate::relation::RelationKind;

const FONT: &str = "Helvetica";
const TOOLTIP_CHARS: usize = 600;
/// At most this many unconnected actors side by side.
const ISOLATED_COLUMNS: usize = 6;

/// A DOT double-quoted string holding exactly `text`: backslashes and quotes
/// escaped, line breaks as `\n`, other control characters dropped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), Id::Escaped(quote(value)))
}

fn node_id(id: &str) -> NodeId {
    NodeId(Id::Escaped(quote(id)), None)
}

fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut short: String = text.chars().take(limit).collect();
    short.push('…');
    short
}

fn actor_type(name: &str) -> ActorType {
    ActorType::ALL
        .into_iter()
        .find(|t| t.as_str() == name)
        .unwrap_or(ActorType::Group)
}

fn legend(types: &BTreeSet<ActorType>, kinds: &BTreeSet<RelationKind>) -> Stmt {
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("fontname", FONT)),
        Stmt::Attribute(attr("style", "rounded")),
        Stmt::Attribute(attr("color", "#aaaaaa")),
    ];
    let type_ids: Vec<String> = types.iter().map(|kind| format!("legend:{kind}")).collect();
    let kind_ids: Vec<String> = kinds
        .iter()
        .map(|kind| format!("legend:{}", relation_kind_name(*kind)))
        .collect();
    for (kind, id) in types.iter().zip(&type_ids) {
        let (fill, line, shape) = actor_style(*kind);
        stmts.push(Stmt::Node(DotNode::new(
            node_id(id),
            vec![
                attr("label", kind.as_str()),
                attr("shape", shape),
                attr("style", "filled"),
                attr("fillcolor", fill),
                attr("color", line),
                attr("fontname", FONT),
                attr("fontsize", "10"),
            ],
        )));
    }
    for (kind, id) in kinds.iter().zip(&kind_ids) {
        let name = relation_kind_name(*kind);
        stmts.push(Stmt::Node(DotNode::new(
            node_id(id),
            vec![
                attr("label", &format!("── {name}")),
                attr("shape", "plaintext"),
                attr("fontcolor", relation_colour(*kind)),
                attr("fontname", FONT),
                attr("fontsize", "10"),
            ],
        )));
    }
    stmts.extend(grid(&type_ids, type_ids.len()));
    stmts.extend(grid(&kind_ids, kind_ids.len()));
    Stmt::Subgraph(Subgraph {
        id: Id::Plain("cluster_legend".to_string()),
        stmts,
    })
}

/// Invisible edges that lay `ids` out in rows of `columns` (with `rankdir=LR`
/// a chain runs left to right), so that many unconnected nodes make a block
/// instead of one long column.
fn grid(ids: &[String], columns: usize) -> Vec<Stmt> {
    ids.chunks(columns.max(1))
        .flat_map(|row| row.windows(2))
        .map(|pair| {
            Stmt::Edge(DotEdge {
                ty: EdgeTy::Pair(Vertex::N(node_id(&pair[0])), Vertex::N(node_id(&pair[1]))),
                attributes: vec![attr("style", "invis")],
            })
        })
        .collect()
}

/// The graph as DOT text.
pub fn to_dot(graph: &Graph) -> String {
    let nodes = graph.graph.node_count();
    let edges = graph.graph.edge_count();
    let mut stmts = vec![
        Stmt::Attribute(attr(
            "label",
            &format!(
                "actorgraph: {} documents, {nodes} actors, {edges} relations",
                graph.documents
            ),
        )),
        Stmt::Attribute(attr("labelloc", "t")),
        Stmt::Attribute(attr("fontname", FONT)),
        Stmt::Attribute(attr("rankdir", "LR")),
        Stmt::Attribute(attr("bgcolor", "white")),
        Stmt::Attribute(attr("nodesep", "0.3")),
        Stmt::Attribute(attr("ranksep", "0.6")),
    ];
    let mut types = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let connected: BTreeSet<&str> = graph
        .edges()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let mut isolated = Vec::new();
    let mut isolated_ids = Vec::new();
    for node in graph.nodes() {
        let kind = actor_type(&node.kind);
        types.insert(kind);
        let (fill, line, shape) = actor_style(kind);
        let mut tooltip = format!("{} ({})", node.label, node.kind);
        if !node.roles.is_empty() {
            tooltip.push_str(&format!("\n{}", node.roles.join("; ")));
        }
        if !node.aliases.is_empty() {
            tooltip.push_str(&format!("\nalso: {}", node.aliases.join(", ")));
        }
        tooltip.push_str(&format!(
            "\n{} mentions in {} documents",
            node.mentions,
            node.documents.len()
        ));
        let statements = if connected.contains(node.id.as_str()) {
            &mut stmts
        } else {
            isolated_ids.push(node.id.clone());
            &mut isolated
        };
        statements.push(Stmt::Node(DotNode::new(
            node_id(&node.id),
            vec![
                attr("label", &node.label),
                attr("shape", shape),
                attr("style", "filled"),
                attr("fillcolor", fill),
                attr("color", line),
                attr("fontname", FONT),
                attr("tooltip", &shorten(&tooltip, TOOLTIP_CHARS)),
            ],
        )));
    }
    for edge in graph.edges() {
        let kind = edge.relation.kind();
        kinds.insert(kind);
        let colour = relation_colour(kind);
        let label = if edge.weight > 1 {
            format!("{} ×{}", edge.relation, edge.weight)
        } else {
            edge.relation.to_string()
        };
        let mut tooltip = format!("{} {} {}", edge.source, edge.relation, edge.target);
        for piece in edge.evidence.iter().take(3) {
            tooltip.push_str(&format!("\n[{}] {}", piece.document, piece.sentence));
        }
        if edge.evidence.len() > 3 {
            tooltip.push_str(&format!("\n(+{} more)", edge.evidence.len() - 3));
        }
        let mut attributes = vec![
            attr("label", &label),
            attr("color", colour),
            attr("fontcolor", colour),
            attr("fontname", FONT),
            attr("fontsize", "10"),
            attr(
                "penwidth",
                &format!("{:.1}", 1.0 + (edge.weight as f64).ln()),
            ),
            attr("tooltip", &shorten(&tooltip, TOOLTIP_CHARS)),
        ];
        if edge.symmetric {
            attributes.push(attr("dir", "none"));
        }
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&edge.source)),
                Vertex::N(node_id(&edge.target)),
            ),
            attributes,
        }));
    }
    if !isolated.is_empty() {
        let columns =
            ((isolated_ids.len() as f64).sqrt().ceil() as usize).clamp(1, ISOLATED_COLUMNS);
        let mut cluster = vec![
            Stmt::Attribute(attr("label", "Also named, no relation read")),
            Stmt::Attribute(attr("fontname", FONT)),
            Stmt::Attribute(attr("style", "dashed")),
            Stmt::Attribute(attr("color", "#bbbbbb")),
        ];
        cluster.append(&mut isolated);
        cluster.extend(grid(&isolated_ids, columns));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain("cluster_isolated".to_string()),
            stmts: cluster,
        }));
    }
    if !types.is_empty() {
        stmts.push(legend(&types, &kinds));
    }
    let dot = DotGraph::DiGraph {
        id: Id::Plain("actorgraph".to_string()),
        strict: false,
        stmts,
    };
    let mut text = dot.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quote_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny\r"), r#""x\ny""#);
    }

    proptest! {
        #[test]
        fn quoted_strings_parse_back_through_graphviz_rust(name in "\\PC{0,40}") {
            let dot = format!("digraph g {{ {} [label={}] }}", quote("n"), quote(&name));
            let parsed = graphviz_rust::parse(&dot);
            prop_assert!(parsed.is_ok(), "{dot}: {parsed:?}");
        }
    }
}
