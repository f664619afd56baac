//! Evaluation: the graph's actors and relations scored against a gold standard.
//!
//! Takes: the per-document analyses and the gold annotations of the same documents.
//! Gives: a [`Report`]: precision, recall and F1 for actors (overall, by type,
//! with split and merged nodes) and for relations (overall and by type), and
//! every false positive and false negative with its sentence.
//! Does not: read files (see `gold`).
//!
//! Relations are compared per document as (source, relation, target) triples,
//! symmetric ones in either order, "?" for an unnamed agent. A gold actor is
//! found when a node named in the document has its canonical name, one of its
//! forms as an alias, one of its forms as a surface form, or the gold name
//! as its canonical name.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::data::Lexicon;
use crate::gold::GoldDocument;
use crate::graph::DocumentAnalysis;
use crate::relation::RelationType;

/// True and false positives and negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Found and right.
    pub true_positives: usize,
    /// Found but wrong.
    pub false_positives: usize,
    /// Missed.
    pub false_negatives: usize,
}

impl Scores {
    /// TP / (TP + FP); 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    /// TP / (TP + FN); 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Scores) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// One wrong or missed item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The document.
    pub document: String,
    /// What: "source relation target", or an actor.
    pub what: String,
    /// The sentence it was (or should have been) read from.
    pub sentence: String,
}

/// The evaluation of a run against a gold standard.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The documents scored.
    pub documents: usize,
    /// Gold documents whose article was not among the inputs.
    pub missing_documents: Vec<String>,
    /// Actors, per document.
    pub actors: Scores,
    /// Actors by type (gold type for found and missed, node type for wrong ones).
    pub actors_by_type: BTreeMap<String, Scores>,
    /// One gold actor found as two or more nodes.
    pub split_nodes: Vec<Finding>,
    /// Two or more gold actors found as one node.
    pub merged_nodes: Vec<Finding>,
    /// Relations, per document.
    pub relations: Scores,
    /// Relations by type.
    pub relations_by_type: BTreeMap<RelationType, Scores>,
    /// Wrong actors.
    pub actor_false_positives: Vec<Finding>,
    /// Missed actors.
    pub actor_false_negatives: Vec<Finding>,
    /// Wrong relations.
    pub false_positives: Vec<Finding>,
    /// Missed relations.
    pub false_negatives: Vec<Finding>,
}

#[derive(Clone)]
struct Triple {
    source: BTreeSet<String>,
    relation: RelationType,
    target: BTreeSet<String>,
}

fn accepts(gold: &Triple, source: &str, relation: RelationType, target: &str) -> bool {
    gold.relation == relation
        && ((gold.source.contains(source) && gold.target.contains(target))
            || (relation.symmetric()
                && gold.source.contains(target)
                && gold.target.contains(source)))
}

/// Scores `analyses` against `gold`.
pub fn evaluate(lexicon: &Lexicon, analyses: &[DocumentAnalysis], gold: &[GoldDocument]) -> Report {
    let mut report = Report::default();
    for annotation in gold {
        let Some(analysis) = analyses
            .iter()
            .find(|a| a.document.id == annotation.document)
        else {
            report.missing_documents.push(annotation.document.clone());
            continue;
        };
        report.documents += 1;
        let actors = analysis.actors(lexicon);
        let id = |index: usize| actors.get(index).id.clone();
        let document = &annotation.document;
        let sentence_of = |index: usize| {
            analysis
                .text
                .sentences
                .get(index)
                .map(|s| analysis.text.slice(s.span).to_string())
                .unwrap_or_default()
        };

        // Actors: the nodes named in this document, with their type, surface
        // forms and canonical name.
        let mut predicted: BTreeMap<String, (String, BTreeSet<String>, &str)> = BTreeMap::new();
        let node = |index: usize| {
            let entry = &actors.get(index).entry;
            (entry.kind.to_string(), BTreeSet::new(), entry.name.as_str())
        };
        for mention in analysis
            .mentions
            .iter()
            .filter(|m| !m.demonym && !m.pronoun)
        {
            let entry = predicted
                .entry(id(mention.actor))
                .or_insert_with(|| node(mention.actor));
            entry
                .1
                .insert(analysis.text.slice(mention.span).to_string());
        }
        for relation in analysis.relations.iter().filter(|r| !r.negated) {
            for index in relation.source.into_iter().chain([relation.target]) {
                predicted.entry(id(index)).or_insert_with(|| node(index));
            }
        }
        let mut nodes_of: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for actor in &annotation.actors {
            let mut nodes: BTreeSet<String> = std::iter::once(&actor.name)
                .chain(&actor.forms)
                .filter_map(|name| lexicon.actors.lookup(name).map(id))
                .filter(|node| predicted.contains_key(node))
                .collect();
            // A discovered actor has no lexicon entry to look up: its
            // canonical name, the same as the gold name, says it as well.
            nodes.extend(
                predicted
                    .iter()
                    .filter(|(_, (_, forms, name))| {
                        actor.forms.iter().any(|f| forms.contains(f)) || *name == actor.name
                    })
                    .map(|(node, _)| node.clone()),
            );
            let scores = report
                .actors_by_type
                .entry(actor.kind.to_string())
                .or_default();
            if nodes.is_empty() {
                scores.false_negatives += 1;
                report.actors.false_negatives += 1;
                report.actor_false_negatives.push(Finding {
                    document: document.clone(),
                    what: format!("{} ({})", actor.name, actor.kind),
                    sentence: actor.forms.join(" | "),
                });
            } else {
                scores.true_positives += 1;
                report.actors.true_positives += 1;
                if nodes.len() > 1 {
                    report.split_nodes.push(Finding {
                        document: document.clone(),
                        what: format!(
                            "{} as {}",
                            actor.name,
                            nodes.iter().cloned().collect::<Vec<_>>().join(", ")
                        ),
                        sentence: String::new(),
                    });
                }
            }
            nodes_of.insert(actor.name.as_str(), nodes);
        }
        for (node, (kind, forms, _)) in &predicted {
            let golds: Vec<&str> = nodes_of
                .iter()
                .filter(|(_, nodes)| nodes.contains(node))
                .map(|(name, _)| *name)
                .collect();
            if golds.is_empty() {
                report
                    .actors_by_type
                    .entry(kind.clone())
                    .or_default()
                    .false_positives += 1;
                report.actors.false_positives += 1;
                report.actor_false_positives.push(Finding {
                    document: document.clone(),
                    what: format!("{node} ({kind})"),
                    sentence: forms.iter().cloned().collect::<Vec<_>>().join(" | "),
                });
            } else if golds.len() > 1 {
                report.merged_nodes.push(Finding {
                    document: document.clone(),
                    what: format!("{node} is {}", golds.join(" and ")),
                    sentence: String::new(),
                });
            }
        }

        // Relations.
        let endpoint = |name: &str| -> BTreeSet<String> {
            if name == "?" {
                return BTreeSet::from(["?".to_string()]);
            }
            nodes_of
                .get(name)
                .filter(|n| !n.is_empty())
                .cloned()
                .unwrap_or_else(|| BTreeSet::from([format!("<{name}>")]))
        };
        let mut open: Vec<(Triple, &crate::gold::GoldRelation)> = annotation
            .relations
            .iter()
            .map(|r| {
                (
                    Triple {
                        source: endpoint(&r.source),
                        relation: r.relation,
                        target: endpoint(&r.target),
                    },
                    r,
                )
            })
            .collect();
        let mut seen = BTreeSet::new();
        for relation in analysis.relations.iter().filter(|r| !r.negated) {
            let source = relation.source.map_or("?".to_string(), id);
            let target = id(relation.target);
            let (a, b) = if relation.relation.symmetric() && target < source {
                (target.clone(), source.clone())
            } else {
                (source.clone(), target.clone())
            };
            if !seen.insert((a, relation.relation, b)) {
                continue;
            }
            let scores = report
                .relations_by_type
                .entry(relation.relation)
                .or_default();
            match open
                .iter()
                .position(|(gold, _)| accepts(gold, &source, relation.relation, &target))
            {
                Some(at) => {
                    open.remove(at);
                    scores.true_positives += 1;
                }
                None => {
                    scores.false_positives += 1;
                    report.false_positives.push(Finding {
                        document: document.clone(),
                        what: format!(
                            "{source} {} {target}  [{}]",
                            relation.relation, relation.rule
                        ),
                        sentence: sentence_of(relation.sentence),
                    });
                }
            }
        }
        for (_, missed) in open {
            report
                .relations_by_type
                .entry(missed.relation)
                .or_default()
                .false_negatives += 1;
            report.false_negatives.push(Finding {
                document: document.clone(),
                what: format!("{} {} {}", missed.source, missed.relation, missed.target),
                sentence: missed.sentence.clone(),
            });
        }
    }
    report.relations = Scores::default();
    for scores in report.relations_by_type.values() {
        report.relations.add(*scores);
    }
    report
}

fn line(f: &mut fmt::Formatter<'_>, name: &str, s: &Scores) -> fmt::Result {
    writeln!(
        f,
        "  {name:<16} P {:.3}  R {:.3}  F1 {:.3}   (TP {}, FP {}, FN {})",
        s.precision(),
        s.recall(),
        s.f1(),
        s.true_positives,
        s.false_positives,
        s.false_negatives
    )
}

fn findings(f: &mut fmt::Formatter<'_>, title: &str, list: &[Finding]) -> fmt::Result {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(f, "\n{title} ({}):", list.len())?;
    for item in list {
        if item.sentence.is_empty() {
            writeln!(f, "  [{}] {}", item.document, item.what)?;
        } else {
            writeln!(
                f,
                "  [{}] {}\n      {}",
                item.document, item.what, item.sentence
            )?;
        }
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "evaluated {} documents", self.documents)?;
        for missing in &self.missing_documents {
            writeln!(
                f,
                "warning: gold document {missing} is not among the inputs"
            )?;
        }
        writeln!(
            f,
            "\nactors ({} split nodes, {} merged nodes)",
            self.split_nodes.len(),
            self.merged_nodes.len()
        )?;
        line(f, "all", &self.actors)?;
        for (kind, scores) in &self.actors_by_type {
            line(f, kind, scores)?;
        }
        writeln!(f, "\nrelations")?;
        line(f, "all", &self.relations)?;
        for (relation, scores) in &self.relations_by_type {
            line(f, relation.as_str(), scores)?;
        }
        findings(f, "split nodes", &self.split_nodes)?;
        findings(f, "merged nodes", &self.merged_nodes)?;
        findings(f, "relation false positives", &self.false_positives)?;
        findings(f, "relation false negatives", &self.false_negatives)?;
        findings(f, "actor false positives", &self.actor_false_positives)?;
        findings(f, "actor false negatives", &self.actor_false_negatives)
    }
}
