//! Graphviz DOT, written straight into one string.
//!
//! Shape and colour by actor type, edge colour by kind of relation, the
//! relation (and its weight) as edge label, evidence as tooltips, and a legend.
//! The layout of the text is graphviz-rust's printer's (which wrote it
//! before, building a tree of statements first): one statement a line,
//! indented two spaces a level, `name="value"` attributes, `"id"[a="x" b="y"]`
//! nodes, `"a" -> "b" [a="x"]` edges. Every id and string is quoted and
//! escaped here ([`quote`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

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

/// Appends [`quote`]`(text)` to `out`.
fn push_quoted(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    // Runs of plain characters are copied whole. The characters that need
    // care are ASCII (backslash, quote, C0 controls, DEL) or the C1
    // controls U+0080 to U+009F, which UTF-8 writes as 0xC2 0x80..0x9F.
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let special = b < 0x20
            || b == 0x7f
            || b == b'\\'
            || b == b'"'
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)));
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        let width = if b == 0xc2 { 2 } else { 1 };
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            _ => {}
        }
        i += width;
        copied = i;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

/// The DOT text under construction: statements, one a line, at an indent.
struct Writer {
    out: String,
    indent: usize,
}

impl Writer {
    fn new(indent: usize) -> Writer {
        Writer {
            out: String::new(),
            indent,
        }
    }

    fn start(&mut self) {
        for _ in 0..self.indent {
            self.out.push(' ');
        }
    }

    /// `name="value"`.
    fn attribute(&mut self, name: &str, value: &str) {
        self.start();
        self.out.push_str(name);
        self.out.push('=');
        push_quoted(&mut self.out, value);
        self.out.push('\n');
    }

    /// `name=value`, the value as given (an HTML-like label).
    fn raw_attribute(&mut self, name: &str, value: &str) {
        self.start();
        self.out.push_str(name);
        self.out.push('=');
        self.out.push_str(value);
        self.out.push('\n');
    }

    /// ` [a="x" b="y"]` after a node or an edge, and the end of the line.
    fn attributes(&mut self, attributes: &[(&str, &str)]) {
        if !attributes.is_empty() {
            self.out.push('[');
            for (i, (name, value)) in attributes.iter().enumerate() {
                if i > 0 {
                    self.out.push(' ');
                }
                self.out.push_str(name);
                self.out.push('=');
                push_quoted(&mut self.out, value);
            }
            self.out.push(']');
        }
        self.out.push('\n');
    }

    /// `"id"[a="x" b="y"]`.
    fn node(&mut self, id: &str, attributes: &[(&str, &str)]) {
        self.start();
        push_quoted(&mut self.out, id);
        self.attributes(attributes);
    }

    /// `"a" -> "b" [a="x"]`.
    fn edge(&mut self, from: &str, to: &str, attributes: &[(&str, &str)]) {
        self.start();
        push_quoted(&mut self.out, from);
        self.out.push_str(" -> ");
        push_quoted(&mut self.out, to);
        if !attributes.is_empty() {
            self.out.push(' ');
        }
        self.attributes(attributes);
    }

    /// `subgraph id {`, the statements of `body` (written one level
    /// deeper, at least one), `}`.
    fn subgraph(&mut self, id: &str, body: &Writer) {
        self.start();
        self.out.push_str("subgraph ");
        self.out.push_str(id);
        self.out.push_str(" {\n");
        self.out.push_str(&body.out);
        self.start();
        self.out.push_str("}\n");
    }
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

fn legend(out: &mut Writer, types: &BTreeSet<ActorType>, kinds: &BTreeSet<RelationKind>) {
    let mut body = Writer::new(out.indent + 2);
    body.attribute("label", "Legend (size: importance)");
    body.attribute("fontname", FONT);
    body.attribute("style", "rounded");
    body.attribute("color", "#aaaaaa");
    let type_ids: Vec<String> = types.iter().map(|kind| format!("legend:{kind}")).collect();
    let kind_ids: Vec<String> = kinds
        .iter()
        .map(|kind| format!("legend:{}", relation_kind_name(*kind)))
        .collect();
    for (kind, id) in types.iter().zip(&type_ids) {
        let (fill, line, shape) = actor_style(*kind);
        body.node(
            id,
            &[
                ("label", kind.as_str()),
                ("shape", shape),
                ("style", "filled"),
                ("fillcolor", fill),
                ("color", line),
                ("fontname", FONT),
                ("fontsize", "10"),
                ("class", "legend"),
            ],
        );
    }
    for (kind, id) in kinds.iter().zip(&kind_ids) {
        let name = relation_kind_name(*kind);
        body.node(
            id,
            &[
                ("label", &format!("── {name}")),
                ("shape", "plaintext"),
                ("fontcolor", relation_colour(*kind)),
                ("fontname", FONT),
                ("fontsize", "10"),
                ("class", "legend"),
            ],
        );
    }
    grid(&mut body, &type_ids, type_ids.len());
    grid(&mut body, &kind_ids, kind_ids.len());
    out.subgraph("cluster_legend", &body);
}

/// The title and the legend as one HTML-like graph label, for the layout
/// engines that do not draw clusters in place (all but `dot`).
fn html_label(
    title: &[String],
    types: &BTreeSet<ActorType>,
    kinds: &BTreeSet<RelationKind>,
) -> String {
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
    html
}

/// Invisible edges that lay `ids` out in rows of `columns` (with `rankdir=LR`
/// a chain runs left to right), so that many unconnected nodes make a block
/// instead of one long column.
fn grid(out: &mut Writer, ids: &[String], columns: usize) {
    for pair in ids.chunks(columns.max(1)).flat_map(|row| row.windows(2)) {
        out.edge(&pair[0], &pair[1], &[("style", "invis")]);
    }
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
    let mut out = Writer::new(2);
    out.out.push_str("digraph actorgraph {\n");
    out.attribute("labelloc", "t");
    out.attribute("fontname", FONT);
    out.attribute("bgcolor", "white");
    if layout != Layout::Dot {
        out.attribute("layout", layout.as_str());
    }
    if layered {
        out.attribute("label", &title.join("\n"));
        out.attribute("rankdir", "LR");
        out.attribute("nodesep", "0.3");
        out.attribute("ranksep", "0.6");
    } else {
        out.attribute("overlap", "prism");
        out.attribute("outputorder", "edgesfirst");
        out.attribute("splines", "false");
        out.attribute("sep", "+6");
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
    // Unconnected actors and actors in country frames are written apart
    // (one level deeper) and put in their frames after the others.
    let mut isolated = Writer::new(4);
    let mut isolated_ids = Vec::new();
    let mut clusters: BTreeMap<String, Writer> = BTreeMap::new();
    let (mut fontsize, mut penwidth) = (String::new(), String::new());
    for node in graph.nodes() {
        let kind = actor_type(&node.kind);
        types.insert(kind);
        let (fill, line, shape) = actor_style(kind);
        let size = share(&node.id);
        fontsize.clear();
        let _ = write!(fontsize, "{:.0}", 10.0 + 12.0 * size);
        penwidth.clear();
        let _ = write!(penwidth, "{:.1}", 1.0 + 2.0 * size);
        let target = if !connected.contains(node.id.as_str()) && layered {
            isolated_ids.push(node.id.clone());
            &mut isolated
        } else if let (true, Some(country)) = (config.clusters, &node.country) {
            clusters
                .entry(country.clone())
                .or_insert_with(|| Writer::new(4))
        } else {
            &mut out
        };
        target.node(
            &node.id,
            &[
                ("label", &node.label),
                ("shape", shape),
                ("style", "filled"),
                ("fillcolor", fill),
                ("color", line),
                ("fontname", FONT),
                ("fontsize", &fontsize),
                ("penwidth", &penwidth),
                ("tooltip", &node_tooltip(node)),
                ("id", &svg_node_id(&node.id)),
                ("class", "actor"),
            ],
        );
    }
    for (country, members) in clusters {
        let label = graph
            .node(&country)
            .map_or(country.as_str(), |n| n.label.as_str());
        let mut cluster = Writer::new(4);
        cluster.attribute("label", label);
        cluster.attribute("fontname", FONT);
        cluster.attribute("style", "rounded,dashed");
        cluster.attribute("color", "#1e8449");
        cluster.out.push_str(&members.out);
        out.subgraph(&quote(&format!("cluster_{country}")), &cluster);
    }
    let mut label = String::new();
    let mut tooltip = String::new();
    for edge in graph.edges() {
        let kind = edge.relation.kind();
        kinds.insert(kind);
        let colour = relation_colour(kind);
        label.clear();
        if edge.weight > 1 {
            let _ = write!(label, "{} ×{}", edge.relation, edge.weight);
        } else {
            label.push_str(edge.relation.as_str());
        }
        tooltip.clear();
        let _ = write!(tooltip, "{} {} {}", edge.source, edge.relation, edge.target);
        for piece in edge.evidence.iter().take(3) {
            let _ = write!(tooltip, "\n[{}] {}", piece.document, piece.sentence);
        }
        if edge.evidence.len() > 3 {
            let _ = write!(tooltip, "\n(+{} more)", edge.evidence.len() - 3);
        }
        penwidth.clear();
        let _ = write!(penwidth, "{:.1}", 1.0 + (edge.weight as f64).ln());
        let tooltip = shorten(&tooltip, TOOLTIP_CHARS);
        let id = svg_edge_id(edge);
        let mut attributes: Vec<(&str, &str)> = Vec::with_capacity(10);
        if edge_labels {
            attributes.push(("label", &label));
        }
        attributes.extend([
            ("color", colour),
            ("fontcolor", colour),
            ("fontname", FONT),
            ("fontsize", "10"),
            ("penwidth", penwidth.as_str()),
            ("tooltip", tooltip.as_str()),
            ("id", id.as_str()),
            ("class", "relation"),
        ]);
        if edge.symmetric {
            attributes.push(("dir", "none"));
        }
        out.edge(&edge.source, &edge.target, &attributes);
    }
    if !isolated_ids.is_empty() {
        let columns =
            ((isolated_ids.len() as f64).sqrt().ceil() as usize).clamp(1, ISOLATED_COLUMNS);
        let mut cluster = Writer::new(4);
        cluster.attribute("label", "Also named, no relation read");
        cluster.attribute("fontname", FONT);
        cluster.attribute("style", "dashed");
        cluster.attribute("color", "#bbbbbb");
        cluster.out.push_str(&isolated.out);
        grid(&mut cluster, &isolated_ids, columns);
        out.subgraph("cluster_isolated", &cluster);
    }
    if layered {
        if !types.is_empty() {
            legend(&mut out, &types, &kinds);
        }
    } else {
        out.raw_attribute("label", &html_label(&title, &types, &kinds));
    }
    out.out.push_str("}\n");
    out.out
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
        fn push_quoted_is_quote(text in "\\PC{0,40}|[a\"\\\\\n\r\t\u{7f}\u{80}\u{85}\u{9f}\u{a0}é]{0,10}") {
            let mut out = String::from("x");
            push_quoted(&mut out, &text);
            prop_assert_eq!(out, format!("x{}", quote(&text)));
        }

        #[test]
        fn quoted_strings_parse_back_through_graphviz_rust(name in "\\PC{0,40}") {
            let dot = format!("digraph g {{ {} [label={}] }}", quote("n"), quote(&name));
            let parsed = graphviz_rust::parse(&dot);
            prop_assert!(parsed.is_ok(), "{dot}: {parsed:?}");
        }
    }
}
