//! The graph: one node per actor, one edge per (source, relation, target).
//!
//! Takes: the per-document analyses (text, mentions, relations).
//! Gives: a [`Graph`] (a petgraph `DiGraph`) whose nodes and edges are in a
//! fixed order (nodes by id, edges by source, relation, target), each edge
//! carrying its evidence; symmetric relations stored once, from the smaller id.
//! Negated statements are left out; agentless ones are kept apart in
//! [`Graph::unattributed`].
//! Does not: format anything (see `export`).

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::actor::{slug, Actor, ActorType, Actors, Mention};
use crate::data::Lexicon;
use crate::document::Document;
use crate::relation::role::Role;
use crate::relation::{Cameo, Relation, RelationType};
use crate::text::{Span, Text};

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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub documents: Vec<String>,
    /// The id of the actor's country, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Roles and offices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Wikidata id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// The roles the documents give the actor, with how often.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles_in_text: Vec<TextRole>,
}

/// A role read from the text ("de Kazachse president", "oud-premier").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TextRole {
    /// The role word ("president").
    pub role: String,
    /// The id of what it is a role of, when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// A former role ("oud-", "voormalig").
    pub former: bool,
    /// How many times the documents say so.
    pub count: usize,
}

/// Where a relation was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The document's id.
    pub document: String,
    /// The document's date.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resolved: Vec<String>,
    /// Who says it, when the sentence names a speaker ("volgens X", "aldus X").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
}

/// A relation between two actors, with every place it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// The Goldstein value of that code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// The number of pieces of evidence.
    pub weight: usize,
    /// Where it was read, by document and sentence.
    pub evidence: Vec<Evidence>,
}

/// A statement whose agent the text does not name ("Masimov is opgepakt").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unattributed {
    /// The target node's id.
    pub target: String,
    /// The relation type.
    pub relation: RelationType,
    /// Where it was read.
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

    /// The node with id `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes().find(|n| n.id == id)
    }
}

fn evidence(lexicon: &Lexicon, analysis: &DocumentAnalysis, relation: &Relation) -> Evidence {
    let text = &analysis.text;
    let sentence = text
        .sentences
        .get(relation.sentence)
        .map(|s| s.span)
        .unwrap_or_default();
    let original = |span: Span| {
        let o = text.original(span);
        [o.start, o.end]
    };
    Evidence {
        document: analysis.document.id.clone(),
        date: analysis.document.date.clone(),
        sentence_index: relation.sentence,
        sentence: text.slice(sentence).to_string(),
        sentence_span: original(sentence),
        trigger: relation.trigger_text.clone(),
        trigger_span: original(relation.trigger),
        rule: relation.rule.clone(),
        confidence: relation.confidence,
        hedged: relation.hedged,
        resolved: relation
            .resolved
            .iter()
            .map(|(span, actor)| {
                format!(
                    "{} = {}",
                    text.slice(*span),
                    analysis.actors(lexicon).get(*actor).id
                )
            })
            .collect(),
        attributed_to: relation
            .attributed_to
            .map(|a| analysis.actors(lexicon).get(a).id.clone()),
    }
}

fn sort_evidence(evidence: &mut Vec<Evidence>) {
    evidence.sort_by(|a, b| {
        (&a.document, a.sentence_index, &a.rule).cmp(&(&b.document, b.sentence_index, &b.rule))
    });
    evidence.dedup_by(|a, b| a.document == b.document && a.sentence_index == b.sentence_index);
}

/// One actor for every discovered actor id: spellings with the same name
/// key ("Sergej Rjabkov", "Sergei Ryabkov") become the one with the smallest
/// id, and a person named by a surname alone joins the one person whose full
/// name ends in it; when two full names share the surname, they stay apart.
pub fn representatives(
    lexicon: &Lexicon,
    analyses: &[DocumentAnalysis],
) -> BTreeMap<String, Actor> {
    let key = |name: &str| lexicon.discovery.key(name);
    let mut by_key: BTreeMap<String, Actor> = BTreeMap::new();
    for actor in analyses.iter().flat_map(|a| &a.discovered) {
        let entry = by_key
            .entry(key(&actor.entry.name))
            .or_insert_with(|| actor.clone());
        if (&actor.id, actor.entry.kind) < (&entry.id, entry.entry.kind) {
            *entry = actor.clone();
        }
    }
    let full_names = by_key
        .values()
        .chain(lexicon.actors.actors())
        .filter(|a| a.entry.kind == ActorType::Person && a.entry.name.contains(' '));
    let mut by_surname: BTreeMap<String, Vec<&Actor>> = BTreeMap::new();
    for actor in full_names {
        if let Some(surname) = actor.entry.name.split_whitespace().last() {
            let list = by_surname.entry(key(surname)).or_default();
            if !list.iter().any(|a| a.id == actor.id) {
                list.push(actor);
            }
        }
    }
    let mut representative = BTreeMap::new();
    for actor in analyses.iter().flat_map(|a| &a.discovered) {
        let mut chosen = by_key
            .get(&key(&actor.entry.name))
            .cloned()
            .unwrap_or_else(|| actor.clone());
        if chosen.entry.kind == ActorType::Person && !chosen.entry.name.contains(' ') {
            if let Some([only]) = by_surname.get(&key(&chosen.entry.name)).map(Vec::as_slice) {
                chosen = (*only).clone();
            }
        }
        representative.insert(actor.id.clone(), chosen);
    }
    representative
}

/// Merges every document's analysis into one graph.
pub fn build(lexicon: &Lexicon, analyses: &[DocumentAnalysis]) -> Graph {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    let merged = representatives(lexicon, analyses);
    let node_for = |actor: &Actor, nodes: &mut BTreeMap<String, Node>| -> String {
        let actor = match actor.reason {
            Some(_) => merged.get(&actor.id).unwrap_or(actor),
            None => actor,
        };
        nodes
            .entry(actor.id.clone())
            .or_insert_with(|| Node {
                id: actor.id.clone(),
                label: actor.entry.name.clone(),
                kind: actor.entry.kind.as_str().to_string(),
                aliases: actor.entry.aliases.clone(),
                surface_forms: BTreeMap::new(),
                mentions: 0,
                documents: Vec::new(),
                country: actor.entry.country.as_deref().map(slug),
                roles: actor.entry.roles.clone(),
                wikidata: actor.entry.wikidata.clone(),
                roles_in_text: Vec::new(),
            })
            .id
            .clone()
    };
    let mut edges: BTreeMap<(String, RelationType, String), Vec<Evidence>> = BTreeMap::new();
    let mut unattributed: BTreeMap<(String, RelationType), Vec<Evidence>> = BTreeMap::new();
    let mut role_counts: BTreeMap<(String, String, Option<String>, bool), usize> = BTreeMap::new();
    let mut graph = Graph {
        documents: analyses.len(),
        ..Graph::default()
    };
    for analysis in analyses {
        let actors = analysis.actors(lexicon);
        graph.sentences += analysis.text.sentences.len();
        let mut named: BTreeSet<String> = BTreeSet::new();
        for mention in analysis
            .mentions
            .iter()
            .filter(|m| !m.demonym && !m.pronoun)
        {
            let id = node_for(actors.get(mention.actor), &mut nodes);
            if let Some(node) = nodes.get_mut(&id) {
                node.mentions += 1;
                *node
                    .surface_forms
                    .entry(analysis.text.slice(mention.span).to_string())
                    .or_insert(0) += 1;
                if named.insert(id) {
                    node.documents.push(analysis.document.id.clone());
                }
            }
        }
        for role in &analysis.roles {
            let id = node_for(actors.get(role.actor), &mut nodes);
            let of = role.of.map(|o| {
                let actor = actors.get(o);
                merged
                    .get(&actor.id)
                    .filter(|_| actor.reason.is_some())
                    .unwrap_or(actor)
                    .id
                    .clone()
            });
            *role_counts
                .entry((id, role.role.clone(), of, role.former))
                .or_insert(0) += 1;
        }
        for relation in &analysis.relations {
            if relation.negated {
                graph.negated += 1;
                continue;
            }
            let target = node_for(actors.get(relation.target), &mut nodes);
            let piece = evidence(lexicon, analysis, relation);
            match relation.source {
                None => unattributed
                    .entry((target, relation.relation))
                    .or_default()
                    .push(piece),
                Some(source) => {
                    let source = node_for(actors.get(source), &mut nodes);
                    let key = if relation.relation.symmetric() && target < source {
                        (target, relation.relation, source)
                    } else {
                        (source, relation.relation, target)
                    };
                    edges.entry(key).or_default().push(piece);
                }
            }
        }
    }
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for ((id, role, of, former), count) in role_counts {
        if let Some(node) = nodes.get_mut(&id) {
            node.roles_in_text.push(TextRole {
                role,
                of,
                former,
                count,
            });
        }
    }
    for (id, mut node) in nodes {
        node.documents.sort();
        index.insert(id, graph.graph.add_node(node));
    }
    for ((source, relation, target), mut evidence) in edges {
        sort_evidence(&mut evidence);
        let (Some(&from), Some(&to)) = (index.get(&source), index.get(&target)) else {
            continue;
        };
        let cameo = lexicon.relations.cameo(relation);
        let edge = Edge {
            source,
            target,
            relation,
            symmetric: relation.symmetric(),
            cameo: cameo.and_then(|c| c.code.clone()),
            goldstein: cameo.and_then(|c| c.goldstein),
            weight: evidence.len(),
            evidence,
        };
        graph.graph.add_edge(from, to, edge);
    }
    let used = graph
        .edges()
        .map(|e| e.relation)
        .chain(unattributed.keys().map(|(_, r)| *r))
        .collect::<BTreeSet<_>>();
    graph.relation_types = used
        .into_iter()
        .filter_map(|r| lexicon.relations.cameo(r).map(|c| (r, c.clone())))
        .collect();
    graph.unattributed = unattributed
        .into_iter()
        .map(|((target, relation), mut evidence)| {
            sort_evidence(&mut evidence);
            Unattributed {
                target,
                relation,
                evidence,
            }
        })
        .collect();
    graph
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
}
