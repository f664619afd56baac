//! The pipeline never panics and stays sound on any text: arbitrary
//! Unicode, and near-Dutch text made of the corpus's own words and
//! punctuation in random order.

use actorgraph::export::{dot::to_dot, json::to_json, mentions::to_jsonl};
use actorgraph::graph::build;
use actorgraph::{analyze, Document, Lexicon};
use proptest::prelude::*;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::builtin().expect("built-in data is valid"))
}

fn corpus_words() -> &'static Vec<String> {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
        let mut words = Vec::new();
        for entry in std::fs::read_dir(dir).expect("corpus").flatten() {
            let text = std::fs::read_to_string(entry.path()).expect("utf-8 corpus");
            words.extend(text.split_whitespace().map(str::to_string));
        }
        words.extend(
            [
                ",", ".", "en", "die", "hij", "zij", "\n", "‘", "’", "\"", "(", ")", "-", "door",
                "van",
            ]
            .map(String::from),
        );
        words
    })
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let lexicon = lexicon();
    let document = Document {
        id: "p".into(),
        date: None,
        url: None,
        text: text.to_string(),
    };
    let analysis = analyze(lexicon, &document);
    for mention in &analysis.mentions {
        prop_assert!(
            analysis.text.text.is_char_boundary(mention.span.start)
                && analysis.text.text.is_char_boundary(mention.span.end)
        );
        prop_assert!(
            mention.span.start <= mention.span.end && mention.span.end <= analysis.text.text.len()
        );
    }
    for relation in &analysis.relations {
        prop_assert!(
            relation.source != Some(relation.target),
            "self-relation: {relation:?}"
        );
    }
    let analyses = vec![analysis];
    let graph = build(lexicon, &analyses);
    let json: serde_json::Value =
        serde_json::from_str(&to_json(&graph)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(json["nodes"].is_array());
    prop_assert!(graphviz_rust::parse(&to_dot(&graph)).is_ok());
    for line in to_jsonl(lexicon, &analyses).lines() {
        prop_assert!(serde_json::from_str::<serde_json::Value>(line).is_ok());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text)?;
    }

    #[test]
    fn arbitrary_bytes_decode_and_run_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        match actorgraph::document::decode(&bytes) {
            actorgraph::document::Decoded::Text(text) | actorgraph::document::Decoded::Converted(text, _) => check(&text)?,
            actorgraph::document::Decoded::Binary(reason) | actorgraph::document::Decoded::Undecodable(reason) => prop_assert!(!reason.is_empty()),
        }
    }

    #[test]
    fn near_dutch_text_never_panics(picks in proptest::collection::vec(0usize..100_000, 0..120)) {
        let words = corpus_words();
        let text: Vec<&str> = picks.iter().map(|&i| words[i % words.len()].as_str()).collect();
        check(&text.join(" "))?;
    }
}

/// Found by the fuzzer (tests/fuzz, `pipeline`): a group word joined by a
/// hyphen to an actor discovered in the document ("de KNB-troepen") looked
/// its owner up in the lexicon, past its end, and panicked.
#[test]
fn a_group_owned_by_a_discovered_actor() {
    for text in [
        "De KNB-troepen vielen aan.",
        "Generaal Jan Bakker zei dat de Bakker-troepen kwamen.",
    ] {
        check(text).expect("sound");
        let document = Document {
            id: "g".into(),
            date: None,
            url: None,
            text: text.to_string(),
        };
        let analysis = analyze(lexicon(), &document);
        let names: Vec<&str> = analysis
            .discovered
            .iter()
            .map(|a| a.entry.name.as_str())
            .collect();
        assert!(
            names.iter().any(|n| n.contains(" van ")),
            "{text}: the group is named after its owner: {names:?}"
        );
    }
}
