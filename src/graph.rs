//! The graph: one node per actor, one edge per (source, relation, target).
//!
//! Takes: the per-document analyses (text, mentions, relations), or
//! [`Fragment`]s merged from them.
//! Gives: a [`Graph`] (a petgraph `DiGraph`) whose nodes and edges are in a
//! fixed order (nodes by id, edges by source, relation, target), each edge
//! carrying its evidence (the first few pieces in document order, its weight
//! and documents counting all); symmetric relations stored once, from the
//! smaller id. Negated statements are left out; agentless ones are kept apart
//! in [`Graph::unattributed`]. [`build`] is [`fragment`]s merged and then
//! [`finalize`]d, which unifies discovered actors across documents.
//! Does not: format anything (see `export`).

mod absorb;
pub mod documents;
pub mod fragment;

pub use documents::DocumentSet;
pub use fragment::{fragment, Fragment, DEFAULT_MAX_EVIDENCE};

use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::actor::{Actor, ActorType, Actors, Mention};
use crate::data::Lexicon;
use crate::document::Document;
use crate::relation::role::Role;
use crate::relation::{Cameo, Relation, RelationType};
use crate::text::Text;

/// What the per-document stages found in one document.
#[derive(Debug, Clone)]
pub struct DocumentAnalysis<'d> {
    /// The document.
    pub document: &'d Document,
    /// Its analysed text.
    pub text: Text,
    /// Its actor mentions.
    pub mentions: Vec<Mention>,
    /// Its relations.
    pub relations: Vec<Relation>,
    /// The roles it gives actors.
    pub roles: Vec<Role>,
    /// The actors discovered in it (mention indices past the lexicon's size).
    pub discovered: Vec<Actor>,
}

impl DocumentAnalysis<'_> {
    /// The actors its mentions refer to.
    pub fn actors<'a>(&'a self, lexicon: &'a Lexicon) -> Actors<'a> {
        Actors {
            lexicon: &lexicon.actors,
            discovered: &self.discovered,
        }
    }
}

/// An actor in the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The slug of the canonical name.
    pub id: String,
    /// The canonical name.
    pub label: String,
    /// person, organization, country, location or group.
    #[serde(rename = "type")]
    pub kind: String,
    /// The lexicon's other spellings.
    pub aliases: Vec<String>,
    /// The spellings seen in the documents, with counts.
    pub surface_forms: BTreeMap<String, usize>,
    /// How often the actor is named.
    pub mentions: usize,
    /// The documents that name it.
    pub documents: DocumentSet,
    /// The id of the actor's country, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Roles and offices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Wikidata id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// The roles the documents give the actor, with how often.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles_in_text: Vec<TextRole>,
    /// Why an actor that is not in the lexicon was recognised ("after the
    /// title \"generaal\""); absent for the lexicon's actors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A role read from the text ("de Kazachse president", "oud-premier").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TextRole {
    /// The role word ("president").
    pub role: String,
    /// The id of what it is a role of, when the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// A former role ("oud-", "voormalig").
    pub former: bool,
    /// How many times the documents say so.
    pub count: usize,
}

/// Where a relation was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The document's id.
    pub document: String,
    /// The document's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The sentence's position in the document (0-based).
    pub sentence_index: usize,
    /// The sentence.
    pub sentence: String,
    /// Byte range of the sentence in the document's text as read.
    pub sentence_span: [usize; 2],
    /// The trigger words.
    pub trigger: String,
    /// Byte range from the first to the last trigger word in the document's text as read.
    pub trigger_span: [usize; 2],
    /// The rule that fired.
    pub rule: String,
    /// The rule's confidence, lowered when hedged.
    pub confidence: f32,
    /// The statement is hedged ("zou", "volgens geruchten").
    pub hedged: bool,
    /// Pronouns the statement was read through, with the actor each stands for
    /// ("hij = kassym-jomart-tokajev").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolved: Vec<String>,
    /// Who says it, when the sentence names a speaker ("volgens X", "aldus X").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
}

/// A relation between two actors, with every place it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The source node's id.
    pub source: String,
    /// The target node's id.
    pub target: String,
    /// The relation type.
    pub relation: RelationType,
    /// Symmetric relations are stored once, from the smaller id.
    pub symmetric: bool,
    /// The nearest CAMEO event code of the relation type, where CAMEO has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// The Goldstein value of that code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// How many sentences it was read from, in all.
    pub weight: usize,
    /// The documents it was read from, all of them.
    pub documents: DocumentSet,
    /// Where it was read: the first pieces in document order (see `--max-evidence`).
    pub evidence: Vec<Evidence>,
}

/// A statement whose agent the text does not name ("Masimov is opgepakt").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unattributed {
    /// The target node's id.
    pub target: String,
    /// The relation type.
    pub relation: RelationType,
    /// How many sentences it was read from, in all.
    pub weight: usize,
    /// The documents it was read from, all of them.
    pub documents: DocumentSet,
    /// Where it was read: the first pieces in document order.
    pub evidence: Vec<Evidence>,
}

/// The actor graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Nodes in id order, edges in (source, relation, target) order.
    pub graph: DiGraph<Node, Edge>,
    /// Agentless statements, by (target, relation).
    pub unattributed: Vec<Unattributed>,
    /// How many documents went in.
    pub documents: usize,
    /// How many sentences went in.
    pub sentences: usize,
    /// How many negated or denied statements were left out.
    pub negated: usize,
    /// The CAMEO mapping of every relation type in the graph.
    pub relation_types: BTreeMap<RelationType, Cameo>,
}

impl Graph {
    /// The nodes, in order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// The edges, in order.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.graph.edge_weights()
    }

    /// The node with id `id` (nodes are in id order: a binary search).
    pub fn node(&self, id: &str) -> Option<&Node> {
        let (mut low, mut high) = (0, self.graph.node_count());
        while low < high {
            let middle = low + (high - low) / 2;
            let node = &self.graph[NodeIndex::new(middle)];
            match node.id.as_str().cmp(id) {
                std::cmp::Ordering::Equal => return Some(node),
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
            }
        }
        None
    }
}

/// Actor ids that name the same actor across documents, each mapped to the
/// id it becomes: discovered spellings with one name key ("Sergej Rjabkov",
/// "Sergei Ryabkov") become the smallest of their ids; a person named by a
/// surname alone joins the one person whose full name ends in it (a node, or
/// the lexicon's); when two full names share the surname, it stays apart.
/// Only discovered nodes (with a reason) move.
pub fn unify(lexicon: &Lexicon, nodes: &BTreeMap<String, Node>) -> BTreeMap<String, String> {
    let key = |name: &str| lexicon.discovery.key(name);
    let mut by_key: BTreeMap<String, &Node> = BTreeMap::new();
    for node in nodes.values().filter(|n| n.reason.is_some()) {
        let entry = by_key.entry(key(&node.label)).or_insert(node);
        if (&node.id, &node.kind) < (&entry.id, &entry.kind) {
            *entry = node;
        }
    }
    let person = ActorType::Person.as_str();
    let full_names = by_key
        .values()
        .map(|n| (n.id.clone(), n.label.clone(), n.kind.clone()))
        .chain(lexicon.actors.actors().iter().map(|a| {
            (
                a.id.clone(),
                a.entry.name.clone(),
                a.entry.kind.as_str().to_string(),
            )
        }))
        .filter(|(_, label, kind)| kind == person && label.contains(' '));
    let mut by_surname: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (id, label, _) in full_names {
        if let Some(surname) = label.split_whitespace().last() {
            by_surname.entry(key(surname)).or_default().insert(id);
        }
    }
    let mut moves = BTreeMap::new();
    for node in nodes.values().filter(|n| n.reason.is_some()) {
        let mut chosen = by_key
            .get(&key(&node.label))
            .map_or(node.id.clone(), |n| n.id.clone());
        let alone = by_key
            .get(&key(&node.label))
            .is_some_and(|n| n.kind == person && !n.label.contains(' '));
        if alone {
            if let Some(only) = by_surname
                .get(&key(&node.label))
                .filter(|ids| ids.len() == 1)
                .and_then(|ids| ids.first())
            {
                chosen = only.clone();
            }
        }
        if chosen != node.id {
            moves.insert(node.id.clone(), chosen);
        }
    }
    moves
}

/// Unifies actors across documents, caps the evidence, adds the CAMEO
/// mapping, and lays the fragment out as the graph.
pub fn finalize(lexicon: &Lexicon, part: Fragment, max_evidence: usize) -> Graph {
    let moves = unify(lexicon, &part.nodes);
    let to = |id: &String| moves.get(id).cloned().unwrap_or_else(|| id.clone());
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for (id, mut node) in part.nodes {
        for role in &mut node.roles_in_text {
            role.of = role.of.as_ref().map(to);
        }
        let target = to(&id);
        if target != id && !nodes.contains_key(&target) {
            // The one it joins may be a lexicon actor that no document named.
            if let Some(actor) = lexicon.actors.actors().iter().find(|a| a.id == target) {
                nodes.insert(target.clone(), fragment::node_of(actor));
            }
        }
        node.id = target.clone();
        match nodes.get_mut(&target) {
            Some(mine) => fragment::merge_node(mine, node),
            None => {
                nodes.insert(target, node);
            }
        }
    }
    let mut edges: BTreeMap<(String, RelationType, String), Edge> = BTreeMap::new();
    for (_, mut edge) in part.edges {
        let (mut source, mut target) = (to(&edge.source), to(&edge.target));
        if source == target {
            continue;
        }
        if edge.symmetric && target < source {
            std::mem::swap(&mut source, &mut target);
        }
        edge.source = source.clone();
        edge.target = target.clone();
        let cameo = lexicon.relations.cameo(edge.relation);
        edge.cameo = cameo.and_then(|c| c.code.clone());
        edge.goldstein = cameo.and_then(|c| c.goldstein);
        match edges.get_mut(&(source.clone(), edge.relation, target.clone())) {
            Some(mine) => fragment::merge_edge(mine, edge, max_evidence),
            None => {
                fragment::settle(&mut edge.evidence, max_evidence);
                edges.insert((source, edge.relation, target), edge);
            }
        }
    }
    let mut unattributed: BTreeMap<(String, RelationType), Unattributed> = BTreeMap::new();
    for (_, mut statement) in part.unattributed {
        statement.target = to(&statement.target);
        fragment::settle(&mut statement.evidence, max_evidence);
        match unattributed.get_mut(&(statement.target.clone(), statement.relation)) {
            Some(mine) => {
                mine.weight += statement.weight;
                fragment::union(&mut mine.documents, statement.documents);
                mine.evidence.extend(statement.evidence);
                fragment::settle(&mut mine.evidence, max_evidence);
            }
            None => {
                unattributed.insert((statement.target.clone(), statement.relation), statement);
            }
        }
    }
    let mut graph = Graph {
        documents: part.documents,
        sentences: part.sentences,
        negated: part.negated,
        ..Graph::default()
    };
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (id, node) in nodes {
        index.insert(id, graph.graph.add_node(node));
    }
    for ((source, _, target), edge) in edges {
        let (Some(&from), Some(&to)) = (index.get(&source), index.get(&target)) else {
            continue;
        };
        graph.graph.add_edge(from, to, edge);
    }
    let used: BTreeSet<RelationType> = graph
        .edges()
        .map(|e| e.relation)
        .chain(unattributed.keys().map(|(_, r)| *r))
        .collect();
    graph.relation_types = used
        .into_iter()
        .filter_map(|r| lexicon.relations.cameo(r).map(|c| (r, c.clone())))
        .collect();
    graph.unattributed = unattributed.into_values().collect();
    graph
}

/// Merges every document's analysis into one graph, keeping `max_evidence`
/// pieces of evidence per edge.
pub fn build_with(lexicon: &Lexicon, analyses: &[DocumentAnalysis], max_evidence: usize) -> Graph {
    let part = analyses
        .iter()
        .map(|a| fragment(lexicon, a))
        .fold(Fragment::default(), |all, one| all.merge(one, max_evidence));
    finalize(lexicon, part, max_evidence)
}

/// Merges every document's analysis into one graph.
pub fn build(lexicon: &Lexicon, analyses: &[DocumentAnalysis]) -> Graph {
    build_with(lexicon, analyses, DEFAULT_MAX_EVIDENCE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    fn graph_of(texts: &[&str]) -> Graph {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let documents: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Document {
                id: format!("d{i}"),
                date: Some(format!("2022-01-0{}", i + 1)),
                url: None,
                text: text.to_string(),
            })
            .collect();
        crate::extract(&lexicon, &documents)
    }

    #[test]
    fn one_edge_per_triple_with_evidence_from_every_document() {
        let graph = graph_of(&[
            "Masimov werd ontslagen door Tokajev.",
            "Tokajev ontsloeg Masimov. Masimov werd ontslagen door Tokajev.",
        ]);
        let edges: Vec<&Edge> = graph.edges().collect();
        assert_eq!(edges.len(), 1);
        assert_eq!(edges[0].weight, 3);
        let places: Vec<(&str, usize)> = edges[0]
            .evidence
            .iter()
            .map(|e| (e.document.as_str(), e.sentence_index))
            .collect();
        assert_eq!(places, vec![("d0", 0), ("d1", 0), ("d1", 1)]);
        assert_eq!(edges[0].evidence[1].date.as_deref(), Some("2022-01-02"));
    }

    #[test]
    fn symmetric_relations_are_stored_once() {
        let graph = graph_of(&[
            "Masimov stond bekend als een bondgenoot van Nazarbajev.",
            "Nazarbajev is een bondgenoot van Masimov.",
        ]);
        let edges: Vec<&Edge> = graph.edges().collect();
        assert_eq!(edges.len(), 1);
        assert!(edges[0].symmetric);
        assert_eq!(
            (edges[0].source.as_str(), edges[0].target.as_str()),
            ("karim-masimov", "noersoeltan-nazarbajev")
        );
        assert_eq!(edges[0].weight, 2);
    }

    #[test]
    fn negated_statements_are_left_out_and_agentless_kept_apart() {
        let graph = graph_of(&["Tokajev ontsloeg Masimov niet. Masimov is opgepakt."]);
        assert_eq!(graph.edges().count(), 0);
        assert_eq!(graph.negated, 1);
        assert_eq!(graph.unattributed.len(), 1);
        assert_eq!(graph.unattributed[0].target, "karim-masimov");
        // Both are still actors of the graph.
        assert!(
            graph.node("kassym-jomart-tokajev").is_some() && graph.node("karim-masimov").is_some()
        );
    }

    #[test]
    fn nodes_are_sorted_and_demonyms_alone_make_no_node() {
        let graph = graph_of(&["Tokajev sprak met de Russische pers in Almaty."]);
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["almaty", "kassym-jomart-tokajev"]);
    }

    #[test]
    fn discovered_spellings_merge_across_documents_and_surnames_cautiously() {
        let graph = graph_of(&[
            "Woordvoerder Dmitri Peskov sprak.",
            "Woordvoerder Dmitrij Peskov zweeg.",
            "Woordvoerder Peskov zweeg weer.",
        ]);
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["dmitri-peskov"]);
        assert_eq!(
            graph.node("dmitri-peskov").map(|n| n.documents.len()),
            Some(3)
        );
        // Two people share the surname: a lone surname joins neither.
        let graph = graph_of(&[
            "Generaal Erlan Karin sprak.",
            "Kolonel Anna Karin zweeg.",
            "Generaal Karin zweeg weer.",
        ]);
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["anna-karin", "erlan-karin", "karin"]);
    }

    #[test]
    fn nodes_are_found_by_id() {
        let graph = graph_of(&["Tokajev ontsloeg Masimov in Almaty. Poetin zweeg."]);
        let ids: Vec<String> = graph.nodes().map(|n| n.id.clone()).collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "nodes are in id order: {ids:?}"
        );
        for id in &ids {
            assert_eq!(graph.node(id).map(|n| &n.id), Some(id));
        }
        assert!(
            graph.node("").is_none() && graph.node("zzz").is_none() && graph.node("b").is_none()
        );
    }
}
