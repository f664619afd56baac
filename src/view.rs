//! Views: the part of a graph a reader asked for.
//!
//! Takes: a [`Graph`] and a [`ViewConfig`] (relation types, actor types,
//! minimum weight, a date range, an ego network, isolated actors or not).
//! Gives: a new [`Graph`] in the same order as the input, holding only what
//! passes, so that every export of the view describes the same graph; and
//! [`importance`] (PageRank) with [`top`], the most important actors.
//! Does not: look names up (the caller resolves `--focus` to an id) or read
//! and write anything.

use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::graph::{DocumentSet, Edge, Evidence, Graph, Node};
use crate::relation::RelationType;

/// What a view keeps. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewConfig {
    /// Keep only these relation types (`None`: all).
    pub relations: Option<BTreeSet<RelationType>>,
    /// Keep only actors of these types, by name (`person`, …; `None`: all).
    pub types: Option<BTreeSet<String>>,
    /// Keep only edges read at least this often (after the date filter).
    pub min_weight: usize,
    /// Keep only evidence from documents dated on or after this date
    /// (`2022`, `2022-01` or `2022-01-07`; a partial date covers its period).
    pub since: Option<String>,
    /// Keep only evidence from documents dated on or before this date.
    pub until: Option<String>,
    /// Keep only the actor with this id and those within `depth` relations of it.
    pub focus: Option<String>,
    /// How many relations away from `focus` an actor may be.
    pub depth: usize,
    /// Leave out actors without any relation in the view.
    pub drop_isolated: bool,
}

impl ViewConfig {
    /// Whether this view keeps the whole graph.
    pub fn keeps_everything(&self) -> bool {
        self.relations.is_none()
            && self.types.is_none()
            && self.min_weight <= 1
            && self.since.is_none()
            && self.until.is_none()
            && self.focus.is_none()
            && !self.drop_isolated
    }
}

/// Whether a document date falls in `[since, until]`. Dates are ISO strings
/// of any precision; a partial date overlaps every date it is a prefix of.
/// Undated evidence is outside every bounded range.
pub fn date_in_range(date: Option<&str>, since: Option<&str>, until: Option<&str>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(date) = date else {
        return false;
    };
    let after = since.is_none_or(|s| date >= s || s.starts_with(date));
    let before = until.is_none_or(|u| date <= u || date.starts_with(u));
    after && before
}

/// The part of `graph` that `config` asks for.
pub fn apply(graph: &Graph, config: &ViewConfig) -> Graph {
    let since = config.since.as_deref();
    let until = config.until.as_deref();
    let keep_evidence = |evidence: &[Evidence]| -> Vec<Evidence> {
        evidence
            .iter()
            .filter(|e| date_in_range(e.date.as_deref(), since, until))
            .cloned()
            .collect()
    };
    let type_ok = |node: &Node| config.types.as_ref().is_none_or(|t| t.contains(&node.kind));
    let relation_ok = |r: RelationType| config.relations.as_ref().is_none_or(|s| s.contains(&r));
    let typed: BTreeSet<&str> = graph
        .nodes()
        .filter(|n| type_ok(n))
        .map(|n| n.id.as_str())
        .collect();
    let mut edges: Vec<Edge> = graph
        .edges()
        .filter(|e| relation_ok(e.relation))
        .filter(|e| typed.contains(e.source.as_str()) && typed.contains(e.target.as_str()))
        .filter_map(|e| {
            // Without a date range an edge keeps its whole weight and documents
            // (its evidence is capped, they are not); with one, only the evidence
            // kept (--max-evidence) can be dated, so that is what counts.
            let (evidence, weight, documents) = if since.is_none() && until.is_none() {
                (e.evidence.clone(), e.weight, e.documents.clone())
            } else {
                let evidence = keep_evidence(&e.evidence);
                let documents: DocumentSet = evidence
                    .iter()
                    .map(|piece| piece.document.as_str())
                    .collect();
                let weight = evidence.len();
                (evidence, weight, documents)
            };
            (weight > 0 && weight >= config.min_weight).then(|| Edge {
                evidence,
                weight,
                documents,
                ..e.clone()
            })
        })
        .collect();
    let mut keep: BTreeSet<&str> = typed;
    if let Some(focus) = &config.focus {
        keep = ego(&keep, &edges, focus, config.depth);
        edges.retain(|e| keep.contains(e.source.as_str()) && keep.contains(e.target.as_str()));
    }
    if config.drop_isolated {
        keep = edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
    }
    let keep: BTreeSet<String> = keep.into_iter().map(str::to_string).collect();
    let mut view = rebuild(graph, &keep, edges);
    view.unattributed = graph
        .unattributed
        .iter()
        .filter(|u| keep.contains(&u.target) && relation_ok(u.relation))
        .filter_map(|u| {
            if since.is_none() && until.is_none() {
                return Some(u.clone());
            }
            let evidence = keep_evidence(&u.evidence);
            let documents: DocumentSet = evidence
                .iter()
                .map(|piece| piece.document.as_str())
                .collect();
            (!evidence.is_empty()).then(|| crate::graph::Unattributed {
                weight: evidence.len(),
                documents,
                evidence,
                ..u.clone()
            })
        })
        .collect();
    let used: BTreeSet<RelationType> = view
        .edges()
        .map(|e| e.relation)
        .chain(view.unattributed.iter().map(|u| u.relation))
        .collect();
    view.relation_types.retain(|r, _| used.contains(r));
    view
}

/// The ids within `depth` relations of `focus` (in either direction), among `nodes`.
fn ego<'a>(
    nodes: &BTreeSet<&'a str>,
    edges: &[Edge],
    focus: &str,
    depth: usize,
) -> BTreeSet<&'a str> {
    let mut neighbours: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for edge in edges {
        neighbours
            .entry(&edge.source)
            .or_default()
            .push(&edge.target);
        neighbours
            .entry(&edge.target)
            .or_default()
            .push(&edge.source);
    }
    let mut reached: BTreeSet<&'a str> = BTreeSet::new();
    let Some(&start) = nodes.get(focus) else {
        return reached;
    };
    reached.insert(start);
    let mut queue: VecDeque<(&'a str, usize)> = VecDeque::from([(start, 0)]);
    while let Some((id, distance)) = queue.pop_front() {
        if distance == depth {
            continue;
        }
        for next in neighbours.get(id).into_iter().flatten() {
            if let Some(&next) = nodes.get(*next) {
                if reached.insert(next) {
                    queue.push_back((next, distance + 1));
                }
            }
        }
    }
    reached
}

/// A graph with the nodes of `graph` whose id is in `keep` (in order) and
/// `edges` (already in order, between kept nodes), and `graph`'s totals.
fn rebuild(graph: &Graph, keep: &BTreeSet<String>, edges: Vec<Edge>) -> Graph {
    let mut view = Graph {
        unattributed: Vec::new(),
        documents: graph.documents,
        sentences: graph.sentences,
        negated: graph.negated,
        relation_types: graph.relation_types.clone(),
        ..Graph::default()
    };
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for node in graph.nodes().filter(|n| keep.contains(&n.id)) {
        index.insert(node.id.clone(), view.graph.add_node(node.clone()));
    }
    for edge in edges {
        if let (Some(&from), Some(&to)) = (index.get(&edge.source), index.get(&edge.target)) {
            view.graph.add_edge(from, to, edge);
        }
    }
    view
}

/// Each actor's importance: PageRank over the relations taken both ways,
/// weighted by how often each was read (damping 0.85). The values sum to 1;
/// an actor without relations gets the teleport share only.
pub fn importance(graph: &Graph) -> BTreeMap<String, f64> {
    let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
    let n = ids.len();
    if n == 0 {
        return BTreeMap::new();
    }
    let at: std::collections::HashMap<&str, usize, foldhash::fast::FixedState> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let pairs: Vec<(usize, usize, f64)> = graph
        .edges()
        .filter_map(|edge| {
            let a = *at.get(edge.source.as_str())?;
            let b = *at.get(edge.target.as_str())?;
            Some((a, b, edge.weight.max(1) as f64))
        })
        .collect();
    // Each actor's links, both ways, in one flat list by actor (each
    // actor's in the order the edges give them, so the sums below add in
    // the same order as over a list per actor, to the same bits).
    let mut starts = vec![0usize; n + 1];
    for &(a, b, _) in &pairs {
        starts[a + 1] += 1;
        starts[b + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut to = vec![0u32; starts[n]];
    let mut weight = vec![0f64; starts[n]];
    for &(a, b, w) in &pairs {
        for (from, other) in [(a, b), (b, a)] {
            to[fill[from]] = u32::try_from(other).expect("fewer than 2^32 actors");
            weight[fill[from]] = w;
            fill[from] += 1;
        }
    }
    let out: Vec<f64> = (0..n)
        .map(|i| weight[starts[i]..starts[i + 1]].iter().sum())
        .collect();
    let damping = 0.85;
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        let dangling: f64 = (0..n).filter(|&i| out[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - damping + damping * dangling) / n as f64;
        next.fill(base);
        for i in 0..n {
            let (share, total) = (damping * rank[i], out[i]);
            let links = starts[i]..starts[i + 1];
            for (&j, &w) in to[links.clone()].iter().zip(&weight[links]) {
                next[j as usize] += share * w / total;
            }
        }
        std::mem::swap(&mut rank, &mut next);
    }
    ids.into_iter().map(str::to_string).zip(rank).collect()
}

/// Every actor's id, most important first (ties by id).
pub fn ranking(graph: &Graph) -> Vec<String> {
    let rank = importance(graph);
    let mut ids: Vec<(&String, f64)> = rank.iter().map(|(id, r)| (id, *r)).collect();
    ids.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ids.into_iter().map(|(id, _)| id.clone()).collect()
}

/// The `n` most important actors of `graph` and the relations among them.
pub fn top(graph: &Graph, n: usize) -> Graph {
    if graph.graph.node_count() <= n {
        return graph.clone();
    }
    let keep: BTreeSet<String> = ranking(graph).into_iter().take(n).collect();
    let edges = graph
        .edges()
        .filter(|e| keep.contains(&e.source) && keep.contains(&e.target))
        .cloned()
        .collect();
    let mut view = rebuild(graph, &keep, edges);
    view.unattributed = graph
        .unattributed
        .iter()
        .filter(|u| keep.contains(&u.target))
        .cloned()
        .collect();
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Lexicon};

    fn graph() -> Graph {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let documents = [
            (
                "a",
                "2022-01-05",
                "Tokajev ontsloeg Masimov. Tokajev sprak in Almaty.",
            ),
            ("b", "2022-01-09", "Masimov werd ontslagen door Tokajev."),
            (
                "c",
                "2022-02",
                "Masimov stond bekend als een bondgenoot van Nazarbajev.",
            ),
        ]
        .map(|(id, date, text)| Document {
            id: id.to_string(),
            date: Some(date.to_string()),
            url: None,
            text: text.to_string(),
        });
        crate::extract(&lexicon, &documents)
    }

    fn triples(graph: &Graph) -> Vec<(String, String, String, usize)> {
        graph
            .edges()
            .map(|e| {
                let relation = e.relation.to_string();
                (e.source.clone(), relation, e.target.clone(), e.weight)
            })
            .collect()
    }

    #[test]
    fn the_default_view_is_the_graph() {
        let g = graph();
        let v = apply(&g, &ViewConfig::default());
        assert_eq!(triples(&v), triples(&g));
        assert_eq!(v.graph.node_count(), g.graph.node_count());
        assert_eq!(
            crate::export::json::to_json(&v),
            crate::export::json::to_json(&g)
        );
    }

    #[test]
    fn dates_cut_evidence_and_weights() {
        let g = graph();
        let config = ViewConfig {
            until: Some("2022-01-06".into()),
            ..ViewConfig::default()
        };
        let v = apply(&g, &config);
        assert_eq!(
            triples(&v),
            vec![(
                "kassym-jomart-tokajev".into(),
                "dismissed".into(),
                "karim-masimov".into(),
                1
            )]
        );
        let since = ViewConfig {
            since: Some("2022-02-10".into()),
            drop_isolated: true,
            ..ViewConfig::default()
        };
        let v = apply(&g, &since);
        assert_eq!(v.graph.edge_count(), 1, "2022-02 overlaps 2022-02-10");
        assert_eq!(v.graph.node_count(), 2);
    }

    #[test]
    fn partial_dates_overlap() {
        assert!(date_in_range(Some("2022-01"), Some("2022-01-05"), None));
        assert!(date_in_range(Some("2022-01-07"), None, Some("2022-01")));
        assert!(!date_in_range(Some("2022-02-01"), None, Some("2022-01")));
        assert!(!date_in_range(None, Some("2022"), None));
        assert!(date_in_range(None, None, None));
    }

    #[test]
    fn relations_types_weight_focus_and_isolated() {
        let g = graph();
        let only = |config: ViewConfig| triples(&apply(&g, &config));
        let relations = ViewConfig {
            relations: Some([RelationType::AlliedWith].into()),
            ..ViewConfig::default()
        };
        assert_eq!(only(relations).len(), 1);
        let weight = ViewConfig {
            min_weight: 2,
            ..ViewConfig::default()
        };
        assert_eq!(only(weight)[0].1, "dismissed");
        let focus = ViewConfig {
            focus: Some("noersoeltan-nazarbajev".into()),
            depth: 1,
            ..ViewConfig::default()
        };
        let v = apply(&g, &focus);
        let ids: Vec<&str> = v.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["karim-masimov", "noersoeltan-nazarbajev"]);
        let types = ViewConfig {
            types: Some(["location".to_string()].into()),
            ..ViewConfig::default()
        };
        let v = apply(&g, &types);
        assert_eq!((v.graph.node_count(), v.graph.edge_count()), (1, 0));
        let isolated = ViewConfig {
            drop_isolated: true,
            ..ViewConfig::default()
        };
        assert!(apply(&g, &isolated).node("almaty").is_none());
    }

    /// PageRank as it was first written, a list of links per actor.
    fn importance_reference(graph: &Graph) -> BTreeMap<String, f64> {
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        let n = ids.len();
        let at: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut links: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        for edge in graph.edges() {
            let (a, b) = (at[edge.source.as_str()], at[edge.target.as_str()]);
            let w = edge.weight.max(1) as f64;
            links[a].push((b, w));
            links[b].push((a, w));
        }
        let out: Vec<f64> = links
            .iter()
            .map(|l| l.iter().map(|(_, w)| w).sum())
            .collect();
        let damping = 0.85;
        let mut rank = vec![1.0 / n as f64; n];
        for _ in 0..100 {
            let dangling: f64 = (0..n).filter(|&i| out[i] == 0.0).map(|i| rank[i]).sum();
            let base = (1.0 - damping + damping * dangling) / n as f64;
            let mut next = vec![base; n];
            for (i, list) in links.iter().enumerate() {
                for &(j, w) in list {
                    next[j] += damping * rank[i] * w / out[i];
                }
            }
            rank = next;
        }
        ids.into_iter().map(str::to_string).zip(rank).collect()
    }

    #[test]
    fn importance_is_the_reference_to_the_bit() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let documents: Vec<Document> = std::fs::read_dir("data/corpus")
            .expect("data/corpus")
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .enumerate()
            .map(|(i, text)| Document {
                id: i.to_string(),
                date: None,
                url: None,
                text,
            })
            .collect();
        let analyses: Vec<_> = documents
            .iter()
            .map(|d| crate::analyze(&lexicon, d))
            .collect();
        let whole = crate::graph::build_with(&lexicon, &analyses, 2);
        assert!(whole.graph.edge_count() > 10);
        for g in [graph(), whole] {
            let (got, want) = (importance(&g), importance_reference(&g));
            assert_eq!(got.len(), want.len());
            for ((a, x), (b, y)) in got.iter().zip(&want) {
                assert_eq!((a, x.to_bits()), (b, y.to_bits()));
            }
        }
    }

    #[test]
    fn importance_ranks_the_hub_first_and_top_keeps_it() {
        let g = graph();
        let ranking = ranking(&g);
        assert_eq!(ranking[0], "karim-masimov");
        let sum: f64 = importance(&g).values().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        let t = top(&g, 2);
        assert_eq!(t.graph.node_count(), 2);
        assert!(t
            .edges()
            .all(|e| t.node(&e.source).is_some() && t.node(&e.target).is_some()));
    }

    #[test]
    fn without_a_date_range_weights_count_all_evidence_not_the_kept() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let text = "Tokajev ontsloeg Masimov. ".repeat(8);
        let documents = [Document {
            id: "a".into(),
            date: Some("2022-01-05".into()),
            url: None,
            text,
        }];
        let analyses: Vec<_> = documents
            .iter()
            .map(|d| crate::analyze(&lexicon, d))
            .collect();
        let whole = crate::graph::build_with(&lexicon, &analyses, 2);
        let edge = |g: &Graph| {
            g.edges()
                .find(|e| e.relation == RelationType::Dismissed)
                .map(|e| (e.weight, e.evidence.len()))
        };
        assert_eq!(edge(&whole), Some((8, 2)));
        assert_eq!(edge(&apply(&whole, &ViewConfig::default())), Some((8, 2)));
        let dated = ViewConfig {
            since: Some("2022-01".into()),
            ..ViewConfig::default()
        };
        assert_eq!(
            edge(&apply(&whole, &dated)),
            Some((2, 2)),
            "a date view counts what it can date"
        );
    }
}
