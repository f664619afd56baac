//! One document's analysis added straight to a running fragment.
//!
//! Takes: a [`Fragment`] (the graph so far of one thread), one document's
//! analysis, the evidence cap.
//! Gives: the fragment as `merge` of it and [`fragment`](super::fragment) of
//! the analysis would leave it, byte for byte, without making the
//! document's own fragment: a node already in the graph is not copied again
//! (its lexicon facts are compared, not cloned), and evidence that the cap
//! would drop anyway (an edge that holds its `cap` pieces, all from
//! documents before this one) is counted, not built.
//! Does not: change the fragment when the analysis names an actor it does
//! not hold (a bug in a stage): that panics before the first change, so the
//! caller can count the document as lost and go on with the fragment.

use std::collections::BTreeMap;

use super::fragment::{evidence, node_of, settle};
use super::{DocumentAnalysis, DocumentSet, Edge, Fragment, Node, TextRole, Unattributed};
use crate::actor::{slug, Actor, Actors};
use crate::data::Lexicon;
use crate::relation::RelationType;

impl Fragment {
    /// Adds one document's analysis, keeping at most `cap` pieces of
    /// evidence per edge: the same as `self.merge(fragment(lexicon,
    /// analysis), cap)`, made cheaper.
    ///
    /// # Panics
    /// When a mention, role or relation names an actor the analysis does
    /// not have; the fragment is then unchanged.
    pub fn add(&mut self, lexicon: &Lexicon, analysis: &DocumentAnalysis, cap: usize) {
        let actors = analysis.actors(lexicon);
        // Every index is checked before the first change, so that a bad one
        // costs this document only.
        assert!(
            names_only_its_actors(analysis, actors.len()),
            "document {}: an actor index out of range",
            analysis.document.id
        );
        let document = analysis.document.id.as_str();
        // The document's nodes first, counted here, then added to the
        // graph's at one look-up each.
        let mut described = Described::default();
        for mention in analysis
            .mentions
            .iter()
            .filter(|m| !m.demonym && !m.pronoun)
        {
            let node = described.slot(mention.actor, actors);
            node.mentions += 1;
            let form = analysis.text.slice(mention.span);
            match node.forms.iter_mut().find(|(f, _)| *f == form) {
                Some((_, count)) => *count += 1,
                None => node.forms.push((form, 1)),
            }
        }
        let roles = document_roles(analysis, actors, &mut described);
        // The edges and agentless statements of this document, by key, with
        // the relations that state them (in order).
        let mut edges: BTreeMap<(&str, RelationType, &str), Vec<usize>> = BTreeMap::new();
        let mut unattributed: BTreeMap<(&str, RelationType), Vec<usize>> = BTreeMap::new();
        let mut negated = 0;
        for (at, relation) in analysis.relations.iter().enumerate() {
            if relation.negated {
                negated += 1;
                continue;
            }
            let target = described.slot(relation.target, actors).actor;
            match relation.source {
                None => unattributed
                    .entry((target.id.as_str(), relation.relation))
                    .or_default()
                    .push(at),
                Some(source) => {
                    let source = described.slot(source, actors).actor;
                    let (mut a, mut b) = (source.id.as_str(), target.id.as_str());
                    if relation.relation.symmetric() && b < a {
                        std::mem::swap(&mut a, &mut b);
                    }
                    edges.entry((a, relation.relation, b)).or_default().push(at);
                }
            }
        }
        self.documents += 1;
        self.sentences += analysis.text.sentences.len();
        self.negated += negated;
        for one in described.nodes {
            add_node(&mut self.nodes, one, document);
        }
        for (id, new) in roles {
            if let Some(node) = self.nodes.get_mut(id) {
                node.roles_in_text = merge_roles(std::mem::take(&mut node.roles_in_text), new);
            }
        }
        for ((source, relation, target), stated) in edges {
            let key = (source.to_string(), relation, target.to_string());
            let weight = sentences(analysis, &stated);
            match self.edges.get_mut(&key) {
                Some(edge) => {
                    edge.weight += weight;
                    edge.documents.insert(document);
                    if !past_cap(&edge.evidence, cap, document) {
                        edge.evidence
                            .extend(pieces(lexicon, analysis, &stated, usize::MAX));
                        settle(&mut edge.evidence, cap);
                    }
                }
                None => {
                    let edge = Edge {
                        source: key.0.clone(),
                        target: key.2.clone(),
                        relation,
                        symmetric: relation.symmetric(),
                        cameo: None,
                        goldstein: None,
                        weight,
                        documents: DocumentSet::from([document.to_string()]),
                        evidence: pieces(lexicon, analysis, &stated, cap),
                    };
                    self.edges.insert(key, edge);
                }
            }
        }
        for ((target, relation), stated) in unattributed {
            let key = (target.to_string(), relation);
            let weight = sentences(analysis, &stated);
            match self.unattributed.get_mut(&key) {
                Some(statement) => {
                    statement.weight += weight;
                    statement.documents.insert(document);
                    if !past_cap(&statement.evidence, cap, document) {
                        statement
                            .evidence
                            .extend(pieces(lexicon, analysis, &stated, usize::MAX));
                        settle(&mut statement.evidence, cap);
                    }
                }
                None => {
                    let statement = Unattributed {
                        target: key.0.clone(),
                        relation,
                        weight,
                        documents: DocumentSet::from([document.to_string()]),
                        evidence: pieces(lexicon, analysis, &stated, cap),
                    };
                    self.unattributed.insert(key, statement);
                }
            }
        }
    }
}

/// One document's node, added to the graph's `nodes` as `merge` adds the
/// node of the document's fragment: made when new, else re-described when
/// the document's description wins, and its counts added.
fn add_node(nodes: &mut BTreeMap<String, Node>, one: DocumentNode, document: &str) {
    // Looked up by `&str`: the id is copied only for a new node.
    let node = match nodes.get_mut(one.actor.id.as_str()) {
        Some(node) => {
            if describes_better_actor(node, one.actor) {
                describe(node, one.actor);
            }
            node
        }
        None => nodes
            .entry(one.actor.id.clone())
            .or_insert_with(|| node_of(one.actor)),
    };
    node.mentions += one.mentions;
    for (form, count) in one.forms {
        match node.surface_forms.get_mut(form) {
            Some(total) => *total += count,
            None => {
                node.surface_forms.insert(form.to_string(), count);
            }
        }
    }
    // The document counts for the nodes it mentions.
    if one.mentions > 0 {
        node.documents.insert(document);
    }
}

/// The roles of the document, counted by (actor, role, of, former) as
/// `fragment` counts them, by node.
fn document_roles<'a>(
    analysis: &'a DocumentAnalysis,
    actors: Actors<'a>,
    described: &mut Described<'a>,
) -> BTreeMap<&'a str, Vec<TextRole>> {
    let mut by_node: BTreeMap<&str, Vec<TextRole>> = BTreeMap::new();
    if analysis.roles.is_empty() {
        return by_node;
    }
    let mut roles: BTreeMap<(&str, &str, Option<&str>, bool), usize> = BTreeMap::new();
    for role in &analysis.roles {
        let actor = described.slot(role.actor, actors).actor;
        let of = role.of.map(|o| actors.get(o).id.as_str());
        *roles
            .entry((actor.id.as_str(), role.role.as_str(), of, role.former))
            .or_insert(0) += 1;
    }
    for ((id, role, of, former), count) in roles {
        by_node.entry(id).or_default().push(TextRole {
            role: role.to_string(),
            of: of.map(str::to_string),
            former,
            count,
        });
    }
    by_node
}

/// The roles of a node with `new` added, counted by (role, of, former) in
/// that order, as `merge` counts them.
pub(super) fn merge_roles(old: Vec<TextRole>, new: Vec<TextRole>) -> Vec<TextRole> {
    let mut roles: BTreeMap<(String, Option<String>, bool), usize> = BTreeMap::new();
    for role in old.into_iter().chain(new) {
        *roles.entry((role.role, role.of, role.former)).or_insert(0) += role.count;
    }
    roles
        .into_iter()
        .map(|((role, of, former), count)| TextRole {
            role,
            of,
            former,
            count,
        })
        .collect()
}

/// Whether every actor index that the document's fragment reads (those of
/// its counted mentions, its roles and its statements that are not
/// negated) is below `actors`.
fn names_only_its_actors(analysis: &DocumentAnalysis, actors: usize) -> bool {
    analysis
        .mentions
        .iter()
        .filter(|m| !m.demonym && !m.pronoun)
        .all(|m| m.actor < actors)
        && analysis
            .roles
            .iter()
            .all(|r| r.actor < actors && r.of.is_none_or(|o| o < actors))
        && analysis.relations.iter().filter(|r| !r.negated).all(|r| {
            r.target < actors
                && r.source.is_none_or(|s| s < actors)
                && r.attributed_to.is_none_or(|a| a < actors)
                && r.resolved.iter().all(|&(_, a)| a < actors)
        })
}

/// How many sentences state it: the pieces of evidence one document gives
/// (one per sentence), which is what its weight counts.
fn sentences(analysis: &DocumentAnalysis, stated: &[usize]) -> usize {
    let mut indices: Vec<usize> = stated
        .iter()
        .map(|&at| analysis.relations[at].sentence)
        .collect();
    indices.sort_unstable();
    indices.dedup();
    indices.len()
}

/// Whether evidence from `document` can no longer make the first `cap`
/// pieces of `evidence` (settled: in document order, one a sentence): it
/// holds `cap` pieces already, all from documents before `document`.
fn past_cap(evidence: &[super::Evidence], cap: usize, document: &str) -> bool {
    evidence.len() >= cap
        && evidence
            .last()
            .is_none_or(|last| last.document.as_str() < document)
}

/// The evidence of the relations `stated` (one document's), settled and
/// cut to `cap`.
fn pieces(
    lexicon: &Lexicon,
    analysis: &DocumentAnalysis,
    stated: &[usize],
    cap: usize,
) -> Vec<super::Evidence> {
    let mut pieces: Vec<super::Evidence> = stated
        .iter()
        .map(|&at| evidence(lexicon, analysis, &analysis.relations[at]))
        .collect();
    settle(&mut pieces, cap);
    pieces
}

/// The nodes of one document: one for each id, described by the first
/// actor with that id (as in the document's own fragment), with its
/// mentions and their spellings.
#[derive(Default)]
struct Described<'a> {
    nodes: Vec<DocumentNode<'a>>,
    /// Actor indices to their node in `nodes`.
    slots: Vec<(usize, usize)>,
}

/// One node of a document.
struct DocumentNode<'a> {
    /// The actor that describes it.
    actor: &'a Actor,
    mentions: usize,
    /// The spellings of its mentions, with counts.
    forms: Vec<(&'a str, usize)>,
}

impl<'a> Described<'a> {
    /// The node of the actor at `index` (made at its id's first appearance).
    fn slot(&mut self, index: usize, actors: Actors<'a>) -> &mut DocumentNode<'a> {
        let at = match self.slots.iter().find(|&&(i, _)| i == index) {
            Some(&(_, at)) => at,
            None => {
                let actor = actors.get(index);
                let at = match self.nodes.iter().position(|n| n.actor.id == actor.id) {
                    Some(at) => at,
                    None => {
                        self.nodes.push(DocumentNode {
                            actor,
                            mentions: 0,
                            forms: Vec::new(),
                        });
                        self.nodes.len() - 1
                    }
                };
                self.slots.push((index, at));
                at
            }
        };
        &mut self.nodes[at]
    }
}

/// Whether `actor`'s description of a node wins over `node`'s, as
/// `fragment::describes_better` decides for whole nodes.
fn describes_better_actor(node: &Node, actor: &Actor) -> bool {
    let mine = (
        node.reason.is_some(),
        node.label.as_str(),
        node.kind.as_str(),
        node.reason.as_deref(),
    );
    let theirs = (
        actor.reason.is_some(),
        actor.entry.name.as_str(),
        actor.entry.kind.as_str(),
        actor.reason.as_deref(),
    );
    theirs < mine
}

/// Gives `node` `actor`'s description (what `node_of` fills in), keeping
/// its counts.
fn describe(node: &mut Node, actor: &Actor) {
    node.label = actor.entry.name.clone();
    node.kind = actor.entry.kind.as_str().to_string();
    node.aliases = actor.entry.aliases.clone();
    node.country = actor.entry.country.as_deref().map(slug);
    node.roles = actor.entry.roles.clone();
    node.wikidata = actor.entry.wikidata.clone();
    node.reason = actor.reason.clone();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fragment;
    use crate::Document;

    #[test]
    fn adding_a_document_is_merging_its_fragment() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let texts = [
            "Tokajev ontsloeg Masimov. De Kazachse president Tokajev zei dat hij Masimov had ontslagen.",
            "Poetin steunde Tokajev. Rusland stuurde troepen naar Kazachstan. Oud-premier Masimov werd opgepakt.",
            "Masimov is opgepakt. Tokajev ontsloeg Masimov. Poetin steunde Tokajev niet.",
            "Tokajev ontsloeg Masimov. Masimov is opgepakt. Poetin steunde Tokajev.",
        ];
        // Ids out of order and repeated, so that evidence comes before and
        // after what an edge holds.
        let documents: Vec<Document> = ["d3", "d1", "d4", "d1", "d0", "d2", "d9", "d5"]
            .iter()
            .enumerate()
            .map(|(i, id)| Document {
                id: id.to_string(),
                date: None,
                url: None,
                text: texts[i % texts.len()].to_string(),
            })
            .collect();
        let analyses: Vec<DocumentAnalysis> = documents
            .iter()
            .map(|d| crate::analyze(&lexicon, d))
            .collect();
        for cap in [0, 1, 2, 5] {
            let merged = analyses.iter().fold(Fragment::default(), |all, a| {
                all.merge(fragment(&lexicon, a), cap)
            });
            let mut added = Fragment::default();
            for analysis in &analyses {
                added.add(&lexicon, analysis, cap);
            }
            assert!(!merged.edges.is_empty() && !merged.unattributed.is_empty());
            assert_eq!(added, merged, "cap {cap}");
        }
    }

    #[test]
    fn a_bad_actor_index_leaves_the_fragment_as_it_was() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let document = Document {
            id: "d".into(),
            date: None,
            url: None,
            text: "Tokajev ontsloeg Masimov. Poetin steunde Tokajev.".into(),
        };
        let analysis = crate::analyze(&lexicon, &document);
        let mut part = Fragment::default();
        part.add(&lexicon, &analysis, 5);
        let before = part.clone();
        let mut bad = analysis.clone();
        let last = bad.relations.len() - 1;
        bad.relations[last].target = usize::MAX;
        let added =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| part.add(&lexicon, &bad, 5)));
        assert!(added.is_err());
        assert_eq!(part, before);
    }
}
