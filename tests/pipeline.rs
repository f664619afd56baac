//! The whole pipeline on the bundled corpus: the golden JSON compared in
//! full, the edges the corpus must give, and determinism.

use actorgraph::document::{read, Input};
use actorgraph::export::{dot::to_dot, json::to_json};
use actorgraph::{extract, Graph, Lexicon};
use std::path::PathBuf;

fn corpus_graph() -> Graph {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    let reading = read(&[Input::Path(corpus)]).expect("the corpus is readable");
    assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
    assert_eq!(reading.documents.len(), 5);
    extract(&lexicon, &reading.documents)
}

fn has_edge(graph: &Graph, source: &str, relation: &str, target: &str) -> bool {
    graph.edges().any(|e| {
        e.source == source
            && e.relation.as_str() == relation
            && e.target == target
            && !e.evidence.is_empty()
    })
}

#[test]
fn golden_json_of_the_corpus() {
    // Any change to the output shows here as a diff to review
    // (cargo insta review, or INSTA_UPDATE=always cargo test).
    insta::assert_snapshot!("corpus_graph_json", to_json(&corpus_graph()));
}

#[test]
fn golden_dot_of_the_corpus() {
    insta::assert_snapshot!("corpus_graph_dot", to_dot(&corpus_graph()));
}

#[test]
fn the_corpus_gives_its_key_actors_and_edges() {
    let graph = corpus_graph();
    for id in [
        "kassym-jomart-tokajev",
        "vladimir-poetin",
        "noersoeltan-nazarbajev",
        "karim-masimov",
        "csto",
        "kazachstan",
        "rusland",
    ] {
        assert!(graph.node(id).is_some(), "node {id} is missing");
    }
    assert!(has_edge(
        &graph,
        "kassym-jomart-tokajev",
        "dismissed",
        "karim-masimov"
    ));
    assert!(has_edge(
        &graph,
        "karim-masimov",
        "allied-with",
        "noersoeltan-nazarbajev"
    ));
    assert!(has_edge(
        &graph,
        "kassym-jomart-tokajev",
        "leads",
        "kazachstan"
    ));
    assert!(
        graph
            .unattributed
            .iter()
            .any(|u| u.target == "karim-masimov" && u.relation.as_str() == "arrested"),
        "Masimov's arrest is kept, without an agent"
    );
}

#[test]
fn every_spelling_of_an_actor_is_one_node() {
    let graph = corpus_graph();
    let tokajev = graph.node("kassym-jomart-tokajev").expect("Tokajev");
    for form in [
        "Tokajev",
        "Tokayev",
        "Kassym-Jomart Tokajev",
        "Kasym-Zjomart Tokajev",
        "Kassym-Jomart Tokayev",
    ] {
        assert!(
            tokajev.surface_forms.contains_key(form),
            "{form} not in {:?}",
            tokajev.surface_forms
        );
    }
    let csto = graph.node("csto").expect("CSTO");
    for form in [
        "CSTO",
        "CVVO",
        "Collectieve Veiligheidsverdragsorganisatie",
        "Collectieve Veiligheidsorganisatie",
        "Verdragsorganisatie voor collectieve veiligheid",
    ] {
        assert!(
            csto.surface_forms.contains_key(form),
            "{form} not in {:?}",
            csto.surface_forms
        );
    }
    let poetin = graph.node("vladimir-poetin").expect("Poetin");
    assert!(
        poetin.surface_forms.contains_key("Vladimir Poetin")
            && poetin.surface_forms.contains_key("Poetin")
    );
    // Possessives name the actor itself.
    let nazarbajev = graph.node("noersoeltan-nazarbajev").expect("Nazarbajev");
    assert!(nazarbajev.surface_forms.contains_key("Nazarbajevs"));
}

#[test]
fn photo_credits_are_not_actors() {
    let graph = corpus_graph();
    for agency in ["ap", "afp", "epa"] {
        assert!(graph.node(agency).is_none(), "{agency} became a node");
    }
}

#[test]
fn output_is_identical_from_run_to_run() {
    let (a, b) = (corpus_graph(), corpus_graph());
    assert_eq!(to_json(&a), to_json(&b));
    assert_eq!(to_dot(&a), to_dot(&b));
}

#[test]
fn evidence_spans_point_into_the_documents() {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    let reading = read(&[Input::Path(corpus)]).expect("the corpus is readable");
    let graph = extract(&lexicon, &reading.documents);
    for edge in graph.edges() {
        for piece in &edge.evidence {
            let document = reading
                .documents
                .iter()
                .find(|d| d.id == piece.document)
                .expect("evidence names a document");
            let [start, end] = piece.sentence_span;
            assert_eq!(&document.text[start..end], piece.sentence);
            let [start, end] = piece.trigger_span;
            let trigger = &document.text[start..end];
            assert!(
                piece.trigger.split(' ').all(|w| trigger.contains(w)),
                "{trigger:?} vs {:?}",
                piece.trigger
            );
        }
    }
}
