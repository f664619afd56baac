//! The native JSON: node-link JSON that networkx and D3 read as well.
//!
//! `{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...],
//! "edges": [...], "unattributed": [...]}`; every edge has a `key` (its
//! relation) so that networkx's multigraph reader keeps parallel edges apart.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::graph::{Edge, Graph, Node, Unattributed};
use crate::relation::{Cameo, RelationType};

#[derive(Serialize)]
struct GraphInfo<'a> {
    name: &'static str,
    generator: String,
    documents: usize,
    sentences: usize,
    negated_statements_left_out: usize,
    relation_types: &'a BTreeMap<RelationType, Cameo>,
}

#[derive(Serialize)]
struct KeyedEdge<'a> {
    key: &'a str,
    #[serde(flatten)]
    edge: &'a Edge,
}

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphInfo<'a>,
    nodes: Vec<&'a Node>,
    edges: Vec<KeyedEdge<'a>>,
    unattributed: &'a [Unattributed],
}

/// The graph as pretty-printed JSON, ending in a newline.
pub fn to_json(graph: &Graph) -> String {
    let mut json = Vec::new();
    write_json(graph, &mut json).expect("writing to a Vec never fails");
    String::from_utf8(json).expect("serde_json writes UTF-8")
}

/// Writes [`to_json`]'s text to `out` as it is made, without holding it in
/// memory (a graph of a large corpus lists many documents).
pub fn write_json(graph: &Graph, out: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
    let document = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphInfo {
            name: "actorgraph",
            generator: concat!("actorgraph ", env!("CARGO_PKG_VERSION")).to_string(),
            documents: graph.documents,
            sentences: graph.sentences,
            negated_statements_left_out: graph.negated,
            relation_types: &graph.relation_types,
        },
        nodes: graph.nodes().collect(),
        edges: graph
            .edges()
            .map(|edge| KeyedEdge {
                key: edge.relation.as_str(),
                edge,
            })
            .collect(),
        unattributed: &graph.unattributed,
    };
    // serde_json writes a few bytes at a time: into a buffer of a concrete
    // type here (its fast path inlined), not through `out`, which may be a
    // `dyn Write` with a call per write.
    use std::io::Write as _;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &document).map_err(std::io::Error::from)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
