//! Merging is associative and commutative: fragments of the corpus merged in
//! any grouping and order, in memory or through their JSON lines, give the
//! graph that `build` gives, byte for byte.

use actorgraph::document::{read, Input};
use actorgraph::export::json::to_json;
use actorgraph::graph::{build, finalize, fragment, Fragment, DEFAULT_MAX_EVIDENCE};
use actorgraph::{analyze, Lexicon};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Corpus {
    lexicon: Lexicon,
    fragments: Vec<Fragment>,
    built: String,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        let dirs = ["data/corpus", "tests/articles"]
            .map(|d| Input::Path(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(d)));
        let reading = read(&dirs).expect("readable");
        let analyses: Vec<_> = reading
            .documents
            .iter()
            .map(|d| analyze(&lexicon, d))
            .collect();
        let fragments = analyses.iter().map(|a| fragment(&lexicon, a)).collect();
        let built = to_json(&build(&lexicon, &analyses));
        Corpus {
            lexicon,
            fragments,
            built,
        }
    })
}

/// Merges the fragments in `order`, split into groups at `cuts`, each group
/// merged on its own, then the groups merged from the last to the first.
fn merged(order: &[usize], cuts: &[usize], cap: usize) -> String {
    let corpus = corpus();
    let mut groups: Vec<Fragment> = Vec::new();
    let mut current = Fragment::default();
    for (position, &i) in order.iter().enumerate() {
        if cuts.contains(&position) {
            groups.push(std::mem::take(&mut current));
        }
        current = current.merge(corpus.fragments[i].clone(), cap);
    }
    groups.push(current);
    let all = groups
        .into_iter()
        .rev()
        .fold(Fragment::default(), |acc, g| g.merge(acc, cap));
    to_json(&finalize(&corpus.lexicon, all, cap))
}

/// The documents of data/corpus and tests/articles.
const DOCUMENTS: usize = 9;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_grouping_and_order_gives_the_built_graph(
        order in Just((0..DOCUMENTS).collect::<Vec<_>>()).prop_shuffle(),
        cuts in proptest::collection::vec(1usize..DOCUMENTS, 0..4),
    ) {
        prop_assert_eq!(corpus().fragments.len(), DOCUMENTS);
        prop_assert!(merged(&order, &cuts, DEFAULT_MAX_EVIDENCE) == corpus().built);
    }
}

#[test]
fn fragments_survive_their_json_lines() {
    let corpus = corpus();
    let through_json = corpus
        .fragments
        .iter()
        .map(|f| Fragment::from_json(&f.to_json_line()).expect("an extract line parses"))
        .fold(Fragment::default(), |acc, f| {
            acc.merge(f, DEFAULT_MAX_EVIDENCE)
        });
    assert_eq!(
        to_json(&finalize(
            &corpus.lexicon,
            through_json,
            DEFAULT_MAX_EVIDENCE
        )),
        corpus.built
    );
    // A graph.json merges like fragments do.
    let graph_json = Fragment::from_json(&corpus.built).expect("graph.json parses");
    assert_eq!(
        to_json(&finalize(&corpus.lexicon, graph_json, DEFAULT_MAX_EVIDENCE)),
        corpus.built
    );
}

#[test]
fn the_evidence_cap_keeps_the_first_pieces_and_the_whole_weight() {
    let graph: serde_json::Value =
        serde_json::from_str(&merged(&(0..DOCUMENTS).collect::<Vec<_>>(), &[], 1)).expect("json");
    let leads = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| e["source"] == "kassym-jomart-tokajev" && e["relation"] == "leads")
        .expect("Tokajev leads Kazachstan");
    assert_eq!(leads["evidence"].as_array().map(Vec::len), Some(1));
    assert!(leads["weight"].as_u64().unwrap_or(0) >= 5, "{leads}");
    assert!(
        leads["documents"].as_array().map_or(0, Vec::len) >= 3,
        "{leads}"
    );
}
