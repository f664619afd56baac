//! The export target: a made-up graph of 100,000 nodes and 1,000,000 edges
//! to JSON and DOT.
//!
//! Takes: node and edge counts.
//! Gives: a printed table of build and export times and output sizes. The
//! graph is put together directly (petgraph), as `graph::build` would leave
//! it: nodes in id order, edges unique and in (source, relation, target)
//! order, symmetric relations from the smaller id, one piece of evidence with
//! a real sentence per edge, the relation types' CAMEO mapping.
//! Does not: run the extraction.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use actorgraph::graph::{Edge, Evidence, Graph, Node};
use actorgraph::relation::RelationType;
use actorgraph::Lexicon;

use crate::corpus::Rng;

const KINDS: [&str; 5] = ["person", "organization", "country", "location", "group"];

const SENTENCES: [&str; 4] = [
    "Hij ontsloeg de regering en zette zijn voorganger Nazarbajev af als voorzitter van de nationale veiligheidsraad.",
    "Oud-premier Masimov werd eerder deze week ontslagen door president Tokajev.",
    "De Russische president Poetin stuurde troepen naar Kazachstan op verzoek van de Kazachse regering.",
    "Volgens het Kremlin hebben de autoriteiten in Almaty tientallen demonstranten opgepakt.",
];

/// A graph of `nodes` nodes and `edges` edges.
pub fn graph(lexicon: &Lexicon, nodes: usize, edges: usize) -> Graph {
    let mut rng = Rng::new(0x00e7_9057_2022);
    let id = |i: usize| format!("actor-{i:07}");
    let mut graph = Graph {
        documents: edges / 4,
        sentences: edges,
        ..Graph::default()
    };
    let mut index = Vec::with_capacity(nodes);
    for i in 0..nodes {
        let label = format!("Actor {i}");
        index.push(
            graph.graph.add_node(Node {
                id: id(i),
                label: label.clone(),
                kind: KINDS[i % KINDS.len()].to_string(),
                aliases: if i % 3 == 0 {
                    vec![format!("A{i}")]
                } else {
                    Vec::new()
                },
                surface_forms: BTreeMap::from([(label, 1 + rng.below(20))]),
                mentions: 1 + rng.below(20),
                documents: (0..1 + rng.below(3))
                    .map(|_| format!("gen-{:08}", rng.below(edges / 4 + 1)))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                country: (i % 4 == 0).then(|| "kazachstan".to_string()),
                roles: Vec::new(),
                wikidata: None,
                roles_in_text: Vec::new(),
                reason: None,
            }),
        );
    }
    let mut triples = BTreeSet::new();
    while triples.len() < edges.min(nodes * nodes.saturating_sub(1)) {
        let relation = RelationType::ALL[rng.below(RelationType::ALL.len())];
        let (mut s, mut t) = (rng.below(nodes), rng.below(nodes));
        if s == t {
            continue;
        }
        if relation.symmetric() && s > t {
            std::mem::swap(&mut s, &mut t);
        }
        triples.insert((s, relation, t));
    }
    for (s, relation, t) in triples {
        let cameo = lexicon.relations.cameo(relation);
        graph
            .relation_types
            .entry(relation)
            .or_insert_with(|| cameo.cloned().unwrap_or_default());
        let sentence = SENTENCES[rng.below(SENTENCES.len())];
        let start = rng.below(4000);
        let document = format!("gen-{:08}", rng.below(edges / 4 + 1));
        graph.graph.add_edge(
            index[s],
            index[t],
            Edge {
                source: id(s),
                target: id(t),
                relation,
                symmetric: relation.symmetric(),
                cameo: cameo.and_then(|c| c.code.clone()),
                goldstein: cameo.and_then(|c| c.goldstein),
                weight: 1,
                documents: actorgraph::graph::DocumentSet::from([document.clone()]),
                evidence: vec![Evidence {
                    document,
                    date: Some("2022-01-07".to_string()),
                    sentence_index: rng.below(40),
                    sentence: sentence.to_string(),
                    sentence_span: [start, start + sentence.len()],
                    trigger: "ontsloeg".to_string(),
                    trigger_span: [start + 4, start + 12],
                    rule: format!("{}/main", relation.as_str()),
                    confidence: 0.8,
                    hedged: false,
                    resolved: Vec::new(),
                    attributed_to: None,
                }],
            },
        );
    }
    graph
}

/// Builds the graph, exports it, prints the figures.
pub fn bench(lexicon: &Lexicon, nodes: usize, edges: usize) {
    let started = Instant::now();
    let graph = graph(lexicon, nodes, edges);
    let made = started.elapsed();
    let t = Instant::now();
    let json = actorgraph::export::json::to_json(&graph);
    let json_time = t.elapsed();
    let json_len = json.len();
    drop(json);
    let t = Instant::now();
    let dot = actorgraph::export::dot::to_dot(&graph);
    let dot_time = t.elapsed();
    let dot_len = dot.len();
    drop(dot);
    println!();
    println!(
        "## Export of a made-up graph: {} nodes, {} edges, one piece of evidence each (made in {:.1} s)",
        graph.graph.node_count(),
        graph.graph.edge_count(),
        made.as_secs_f64()
    );
    println!();
    println!("| export | time (s) | output (MB) |");
    println!("| --- | ---: | ---: |");
    println!(
        "| JSON (`export::json::to_json`) | {:.2} | {:.0} |",
        json_time.as_secs_f64(),
        json_len as f64 / 1e6
    );
    println!(
        "| DOT (`export::dot::to_dot`) | {:.2} | {:.0} |",
        dot_time.as_secs_f64(),
        dot_len as f64 / 1e6
    );
}
