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
use std::collections::{BTreeMap, BTreeSet};

use super::{actor_style, actor_type, relation_colour, relation_kind_name};
use crate::actor::ActorType;
use crate::graph::Graph;
use crate::relation::RelationKind;

const FONT: &str = "Helvetica";
const TOOLTIP_CHARS: usize = 600;
/// At most this many unconnected actors side by side.
const ISOLATED_COLUMNS: usize = 6;
/// Graphs up to this many actors and relations are laid out with `dot`
/// (layered, readable); larger ones with `sfdp`, which scales: `dot` did
/// not finish 400 actors and 1,000 relations in 7 minutes, `sfdp` takes 0.05 s.
const DOT_UP_TO: (usize, usize) = (120, 250);
/// Edge labels are drawn up to this many relations; beyond, they are
/// tooltips only, so that the picture stays readable.
const EDGE_LABELS_UP_TO: usize = 250;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layout {
    /// Layered, left to right: the most readable for small graphs.
    Dot,
    /// Spring model (stress majorization).
    Neato,
    /// Multiscale force-directed: for large graphs.
    Sfdp,
    /// Circular.
    Circo,
}

impl Layout {
    /// Graphviz's name of the engine.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Sfdp => "sfdp",
            Layout::Circo => "circo",
        }
    }

    /// The engine for a graph of this size: `dot` while it stays fast, `sfdp` beyond.
    pub fn for_size(nodes: usize, edges: usize) -> Layout {
        if nodes <= DOT_UP_TO.0 && edges <= DOT_UP_TO.1 {
            Layout::Dot
        } else {
            Layout::Sfdp
        }
    }
}

/// How to draw the graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DotConfig {
    /// The layout engine (`None`: by size, see [`Layout::for_size`]).
    pub layout: Option<Layout>,
    /// Group actors in frames by their country (`Node.country`).
    pub clusters: bool,
    /// A line under the title, such as what was left out.
    pub note: Option<String>,
}

/// What to draw of a graph: at most `top` actors (0: all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PictureConfig {
    /// The most important actors to show (0: all).
    pub top: usize,
    /// How to draw them.
    pub dot: DotConfig,
}

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

/// `text` as the content of a Graphviz HTML-like label.
fn html_text(text: &str) -> String {
    super::xml_escape(text).replace("&apos;", "&#39;")
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

/// The SVG element id of an actor's node (`actor-<id>`), for the HTML page.
pub fn svg_node_id(id: &str) -> String {
    format!("actor-{id}")
}

/// The SVG element id of a relation's edge (`relation-<edge id>`).
pub fn svg_edge_id(edge: &crate::graph::Edge) -> String {
    format!("relation-{}", super::edge_id(edge))
}

fn legend(types: &BTreeSet<ActorType>, kinds: &BTreeSet<RelationKind>) -> Stmt {
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend (size: importance)")),
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
                attr("class", "legend"),
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
                attr("class", "legend"),
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

/// The title and the legend as one HTML-like graph label, for the layout
/// engines that do not draw clusters in place (all but `dot`).
fn html_label(title: &[String], types: &BTreeSet<ActorType>, kinds: &BTreeSet<RelationKind>) -> Id {
    let columns = types.len().max(kinds.len()).max(1);
    let mut html = String::from("<<table border=\"0\" cellspacing=\"4\" cellpadding=\"3\">");
    for line in title {
        html.push_str(&format!(
            "<tr><td colspan=\"{columns}\">{}</td></tr>",
            html_text(line)
        ));
    }
    html.push_str("<tr>");
    for kind in types {
        let (fill, line, _) = actor_style(*kind);
        html.push_str(&format!(
            "<td border=\"1\" bgcolor=\"{fill}\" color=\"{line}\"><font point-size=\"10\">{kind}</font></td>"
        ));
    }
    html.push_str("</tr><tr>");
    for kind in kinds {
        html.push_str(&format!(
            "<td><font point-size=\"10\" color=\"{}\">── {}</font></td>",
            relation_colour(*kind),
            relation_kind_name(*kind)
        ));
    }
    html.push_str("</tr></table>>");
    Id::Html(html)
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

/// The graph as DOT text, laid out by size, without clusters.
pub fn to_dot(graph: &Graph) -> String {
    to_dot_with(graph, &DotConfig::default())
}

/// The picture of `graph`: its `top` most important actors and the relations
/// among them (all when `top` is 0 or the graph is smaller), as DOT with a
/// note of what was left out; and the graph it shows.
pub fn picture(graph: &Graph, config: &PictureConfig) -> (Graph, String) {
    let (nodes, edges) = (graph.graph.node_count(), graph.graph.edge_count());
    if config.top == 0 || nodes <= config.top {
        return (graph.clone(), to_dot_with(graph, &config.dot));
    }
    let shown = crate::view::top(graph, config.top);
    let note = format!(
        "showing the {} most important of {nodes} actors (PageRank) and the {} of {edges} relations among them; every actor and relation is in graph.json and graph.dot",
        shown.graph.node_count(),
        shown.graph.edge_count()
    );
    let dot = DotConfig {
        note: Some(match &config.dot.note {
            Some(other) => format!("{other}\n{note}"),
            None => note,
        }),
        ..config.dot.clone()
    };
    let text = to_dot_with(&shown, &dot);
    (shown, text)
}

fn node_tooltip(node: &crate::graph::Node) -> String {
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
    shorten(&tooltip, TOOLTIP_CHARS)
}

/// The graph as DOT text, drawn as `config` says.
pub fn to_dot_with(graph: &Graph, config: &DotConfig) -> String {
    let nodes = graph.graph.node_count();
    let edges = graph.graph.edge_count();
    let layout = config
        .layout
        .unwrap_or_else(|| Layout::for_size(nodes, edges));
    let layered = layout == Layout::Dot;
    let mut title = vec![format!(
        "actorgraph: {} documents, {nodes} actors, {edges} relations",
        graph.documents
    )];
    title.extend(
        config
            .note
            .iter()
            .flat_map(|n| n.lines().map(str::to_string)),
    );
    let mut stmts = vec![
        Stmt::Attribute(attr("labelloc", "t")),
        Stmt::Attribute(attr("fontname", FONT)),
        Stmt::Attribute(attr("bgcolor", "white")),
    ];
    if layout != Layout::Dot {
        stmts.push(Stmt::Attribute(attr("layout", layout.as_str())));
    }
    if layered {
        stmts.push(Stmt::Attribute(attr("label", &title.join("\n"))));
        stmts.push(Stmt::Attribute(attr("rankdir", "LR")));
        stmts.push(Stmt::Attribute(attr("nodesep", "0.3")));
        stmts.push(Stmt::Attribute(attr("ranksep", "0.6")));
    } else {
        stmts.push(Stmt::Attribute(attr("overlap", "prism")));
        stmts.push(Stmt::Attribute(attr("outputorder", "edgesfirst")));
        stmts.push(Stmt::Attribute(attr("splines", "false")));
        stmts.push(Stmt::Attribute(attr("sep", "+6")));
    }
    let edge_labels = edges <= EDGE_LABELS_UP_TO;
    let importance = crate::view::importance(graph);
    let most = importance.values().copied().fold(0.0, f64::max);
    let share = |id: &str| {
        let rank = importance.get(id).copied().unwrap_or(0.0);
        if most > 0.0 {
            rank / most
        } else {
            0.0
        }
    };
    let mut types = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let connected: BTreeSet<&str> = graph
        .edges()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let mut isolated = Vec::new();
    let mut isolated_ids = Vec::new();
    let mut clusters: BTreeMap<String, Vec<Stmt>> = BTreeMap::new();
    for node in graph.nodes() {
        let kind = actor_type(&node.kind);
        types.insert(kind);
        let (fill, line, shape) = actor_style(kind);
        let size = share(&node.id);
        let statement = Stmt::Node(DotNode::new(
            node_id(&node.id),
            vec![
                attr("label", &node.label),
                attr("shape", shape),
                attr("style", "filled"),
                attr("fillcolor", fill),
                attr("color", line),
                attr("fontname", FONT),
                attr("fontsize", &format!("{:.0}", 10.0 + 12.0 * size)),
                attr("penwidth", &format!("{:.1}", 1.0 + 2.0 * size)),
                attr("tooltip", &node_tooltip(node)),
                attr("id", &svg_node_id(&node.id)),
                attr("class", "actor"),
            ],
        ));
        if !connected.contains(node.id.as_str()) && layered {
            isolated_ids.push(node.id.clone());
            isolated.push(statement);
        } else if let (true, Some(country)) = (config.clusters, &node.country) {
            clusters.entry(country.clone()).or_default().push(statement);
        } else {
            stmts.push(statement);
        }
    }
    for (country, members) in clusters {
        let label = graph
            .node(&country)
            .map_or(country.as_str(), |n| n.label.as_str());
        let mut cluster = vec![
            Stmt::Attribute(attr("label", label)),
            Stmt::Attribute(attr("fontname", FONT)),
            Stmt::Attribute(attr("style", "rounded,dashed")),
            Stmt::Attribute(attr("color", "#1e8449")),
        ];
        cluster.extend(members);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Escaped(quote(&format!("cluster_{country}"))),
            stmts: cluster,
        }));
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
        let mut attributes = Vec::new();
        if edge_labels {
            attributes.push(attr("label", &label));
        }
        attributes.extend([
            attr("color", colour),
            attr("fontcolor", colour),
            attr("fontname", FONT),
            attr("fontsize", "10"),
            attr(
                "penwidth",
                &format!("{:.1}", 1.0 + (edge.weight as f64).ln()),
            ),
            attr("tooltip", &shorten(&tooltip, TOOLTIP_CHARS)),
            attr("id", &svg_edge_id(edge)),
            attr("class", "relation"),
        ]);
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
    if layered {
        if !types.is_empty() {
            stmts.push(legend(&types, &kinds));
        }
    } else {
        stmts.push(Stmt::Attribute(Attribute(
            Id::Plain("label".to_string()),
            html_label(&title, &types, &kinds),
        )));
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
