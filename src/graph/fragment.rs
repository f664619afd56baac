//! Fragments: graphs as plain maps that merge.
//!
//! Takes: one document's analysis ([`fragment`]), or fragments to combine
//! ([`Fragment::merge`]), or their JSON (an `extract` line or a graph.json).
//! Gives: a [`Fragment`]: nodes by id, edges by (source, relation, target),
//! agentless statements by (target, relation), and the counts of documents,
//! sentences and left-out negations.
//! Merging is associative and commutative: merging the same fragments in any
//! grouping and order gives the same fragment, so documents can be processed
//! on any number of threads or machines. Evidence is capped at the first
//! `max_evidence` pieces in document order; an edge's weight and document
//! list count all of it.
//! Does not: unify actors across documents (see `graph::finalize`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{DocumentAnalysis, DocumentSet, Edge, Evidence, Node, TextRole, Unattributed};
use crate::actor::{slug, Actor};
use crate::data::Lexicon;
use crate::relation::{Relation, RelationType};
use crate::text::Span;

/// How many pieces of evidence an edge keeps by default.
pub const DEFAULT_MAX_EVIDENCE: usize = 5;

/// A graph under construction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragment {
    /// How many documents went in.
    pub documents: usize,
    /// How many sentences went in.
    pub sentences: usize,
    /// How many negated or denied statements were left out.
    pub negated: usize,
    /// Nodes by id.
    pub nodes: BTreeMap<String, Node>,
    /// Edges by (source, relation, target).
    pub edges: BTreeMap<(String, RelationType, String), Edge>,
    /// Agentless statements by (target, relation).
    pub unattributed: BTreeMap<(String, RelationType), Unattributed>,
}

/// A node for `actor`, not yet named in any document.
pub(crate) fn node_of(actor: &Actor) -> Node {
    Node {
        id: actor.id.clone(),
        label: actor.entry.name.clone(),
        kind: actor.entry.kind.as_str().to_string(),
        aliases: actor.entry.aliases.clone(),
        surface_forms: BTreeMap::new(),
        mentions: 0,
        documents: DocumentSet::new(),
        country: actor.entry.country.as_deref().map(slug),
        roles: actor.entry.roles.clone(),
        wikidata: actor.entry.wikidata.clone(),
        roles_in_text: Vec::new(),
        reason: actor.reason.clone(),
    }
}

pub(super) fn evidence(
    lexicon: &Lexicon,
    analysis: &DocumentAnalysis,
    relation: &Relation,
) -> Evidence {
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
    let actors = analysis.actors(lexicon);
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
            .map(|(span, actor)| format!("{} = {}", text.slice(*span), actors.get(*actor).id))
            .collect(),
        attributed_to: relation.attributed_to.map(|a| actors.get(a).id.clone()),
    }
}

/// The fragment of one document.
pub fn fragment(lexicon: &Lexicon, analysis: &DocumentAnalysis) -> Fragment {
    let actors = analysis.actors(lexicon);
    let document = &analysis.document.id;
    let mut part = Fragment {
        documents: 1,
        sentences: analysis.text.sentences.len(),
        ..Fragment::default()
    };
    let node = |part: &mut Fragment, index: usize| -> String {
        let actor = actors.get(index);
        part.nodes
            .entry(actor.id.clone())
            .or_insert_with(|| node_of(actor))
            .id
            .clone()
    };
    for mention in analysis
        .mentions
        .iter()
        .filter(|m| !m.demonym && !m.pronoun)
    {
        // The id and the surface form are copied only the first time.
        let actor = actors.get(mention.actor);
        let entry = match part.nodes.get_mut(&actor.id) {
            Some(entry) => entry,
            None => part
                .nodes
                .entry(actor.id.clone())
                .or_insert_with(|| node_of(actor)),
        };
        entry.mentions += 1;
        let form = analysis.text.slice(mention.span);
        match entry.surface_forms.get_mut(form) {
            Some(count) => *count += 1,
            None => {
                entry.surface_forms.insert(form.to_string(), 1);
            }
        }
        // The node is new in this fragment (no mentions before this
        // loop): its document list is this document, made once.
        if entry.mentions == 1 {
            entry.documents = DocumentSet::from([document.clone()]);
        }
    }
    let mut roles: BTreeMap<(String, String, Option<String>, bool), usize> = BTreeMap::new();
    for role in &analysis.roles {
        let id = node(&mut part, role.actor);
        *roles
            .entry((
                id,
                role.role.clone(),
                role.of.map(|o| actors.get(o).id.clone()),
                role.former,
            ))
            .or_insert(0) += 1;
    }
    for ((id, role, of, former), count) in roles {
        if let Some(entry) = part.nodes.get_mut(&id) {
            entry.roles_in_text.push(TextRole {
                role,
                of,
                former,
                count,
            });
        }
    }
    for relation in &analysis.relations {
        if relation.negated {
            part.negated += 1;
            continue;
        }
        let target = node(&mut part, relation.target);
        let piece = evidence(lexicon, analysis, relation);
        match relation.source {
            None => {
                let entry = part
                    .unattributed
                    .entry((target.clone(), relation.relation))
                    .or_insert_with(|| Unattributed {
                        target,
                        relation: relation.relation,
                        weight: 0,
                        documents: DocumentSet::from([document.clone()]),
                        evidence: Vec::new(),
                    });
                entry.evidence.push(piece);
            }
            Some(source) => {
                let source = node(&mut part, source);
                let (source, target) = if relation.relation.symmetric() && target < source {
                    (target, source)
                } else {
                    (source, target)
                };
                let entry = part
                    .edges
                    .entry((source.clone(), relation.relation, target.clone()))
                    .or_insert_with(|| Edge {
                        source,
                        target,
                        relation: relation.relation,
                        symmetric: relation.relation.symmetric(),
                        cameo: None,
                        goldstein: None,
                        weight: 0,
                        documents: DocumentSet::from([document.clone()]),
                        evidence: Vec::new(),
                    });
                entry.evidence.push(piece);
            }
        }
    }
    // Within a document, one piece of evidence per sentence; the weight counts them all.
    for edge in part.edges.values_mut() {
        settle(&mut edge.evidence, usize::MAX);
        edge.weight = edge.evidence.len();
    }
    for statement in part.unattributed.values_mut() {
        settle(&mut statement.evidence, usize::MAX);
        statement.weight = statement.evidence.len();
    }
    part
}

/// Sorts evidence in document order, keeps one piece per sentence, and the first `cap`.
pub(super) fn settle(evidence: &mut Vec<Evidence>, cap: usize) {
    evidence.sort_by(|a, b| {
        (&a.document, a.sentence_index, &a.rule).cmp(&(&b.document, b.sentence_index, &b.rule))
    });
    evidence.dedup_by(|a, b| a.document == b.document && a.sentence_index == b.sentence_index);
    evidence.truncate(cap);
}

/// Adds `b` to `a`, inserting the smaller set into the larger, so that a
/// document at a time into a large graph costs a few lookups, not a copy.
pub(super) fn union(a: &mut DocumentSet, b: DocumentSet) {
    a.union(b);
}

/// Whether `b`'s description of a node (label, type, lexicon facts) wins over
/// `a`'s: the lexicon's over a discovered one, then the smaller one, so that
/// the choice does not depend on the order of merging.
fn describes_better(a: &Node, b: &Node) -> bool {
    fn rank(n: &Node) -> (bool, &str, &str, Option<&str>) {
        (n.reason.is_some(), &n.label, &n.kind, n.reason.as_deref())
    }
    rank(b) < rank(a)
}

/// Adds `other`'s counts and lists to `node`.
pub(super) fn merge_node(node: &mut Node, other: Node) {
    let mut other = other;
    if describes_better(node, &other) {
        std::mem::swap(node, &mut other);
    }
    for (form, count) in other.surface_forms {
        *node.surface_forms.entry(form).or_insert(0) += count;
    }
    node.mentions += other.mentions;
    union(&mut node.documents, other.documents);
    if node.roles_in_text.is_empty() && other.roles_in_text.is_empty() {
        return;
    }
    node.roles_in_text =
        super::absorb::merge_roles(std::mem::take(&mut node.roles_in_text), other.roles_in_text);
}

/// Adds `other`'s evidence to `edge`, keeping the first `cap` pieces.
pub(super) fn merge_edge(edge: &mut Edge, other: Edge, cap: usize) {
    edge.weight += other.weight;
    union(&mut edge.documents, other.documents);
    edge.evidence.extend(other.evidence);
    settle(&mut edge.evidence, cap);
}

fn merge_unattributed(statement: &mut Unattributed, other: Unattributed, cap: usize) {
    statement.weight += other.weight;
    union(&mut statement.documents, other.documents);
    statement.evidence.extend(other.evidence);
    settle(&mut statement.evidence, cap);
}

impl Fragment {
    /// Adds `other` to this fragment, keeping at most `cap` pieces of evidence per edge.
    pub fn merge(mut self, other: Fragment, cap: usize) -> Fragment {
        self.documents += other.documents;
        self.sentences += other.sentences;
        self.negated += other.negated;
        for (id, node) in other.nodes {
            match self.nodes.get_mut(&id) {
                Some(mine) => merge_node(mine, node),
                None => {
                    self.nodes.insert(id, node);
                }
            }
        }
        for (key, edge) in other.edges {
            match self.edges.get_mut(&key) {
                Some(mine) => merge_edge(mine, edge, cap),
                None => {
                    let mut edge = edge;
                    settle(&mut edge.evidence, cap);
                    self.edges.insert(key, edge);
                }
            }
        }
        for (key, statement) in other.unattributed {
            match self.unattributed.get_mut(&key) {
                Some(mine) => merge_unattributed(mine, statement, cap),
                None => {
                    let mut statement = statement;
                    settle(&mut statement.evidence, cap);
                    self.unattributed.insert(key, statement);
                }
            }
        }
        self
    }

    /// One line of JSON in the shape of graph.json: what `actorgraph extract` writes.
    pub fn to_json_line(&self) -> String {
        let line = Shape {
            directed: true,
            multigraph: true,
            graph: Info {
                documents: self.documents,
                sentences: self.sentences,
                negated_statements_left_out: self.negated,
            },
            nodes: self.nodes.values().cloned().collect(),
            edges: self.edges.values().cloned().collect(),
            unattributed: self.unattributed.values().cloned().collect(),
        };
        serde_json::to_string(&line)
            .expect("fragments always serialize: string keys, no custom serializers")
    }

    /// Reads a fragment from an `extract` line or a whole graph.json.
    pub fn from_json(json: &str) -> Result<Fragment, String> {
        let shape: Shape = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut part = Fragment {
            documents: shape.graph.documents,
            sentences: shape.graph.sentences,
            negated: shape.graph.negated_statements_left_out,
            ..Fragment::default()
        };
        for node in shape.nodes {
            part.nodes.insert(node.id.clone(), node);
        }
        for edge in shape.edges {
            part.edges.insert(
                (edge.source.clone(), edge.relation, edge.target.clone()),
                edge,
            );
        }
        for statement in shape.unattributed {
            part.unattributed
                .insert((statement.target.clone(), statement.relation), statement);
        }
        Ok(part)
    }
}

#[derive(Serialize, Deserialize)]
struct Info {
    documents: usize,
    sentences: usize,
    negated_statements_left_out: usize,
}

#[derive(Serialize, Deserialize)]
struct Shape {
    directed: bool,
    multigraph: bool,
    graph: Info,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    #[serde(default)]
    unattributed: Vec<Unattributed>,
}
