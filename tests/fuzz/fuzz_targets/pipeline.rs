//! Bytes → decode → the whole pipeline (analysis, graph, the JSON and DOT
//! exports) with the built-in data: nothing may panic, and both exports
//! must parse back.

#![no_main]

use actorgraph::document::{decode, parse_text, Decoded};
use actorgraph::export::{dot, json};
use actorgraph::{analyze, graph, Lexicon};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::builtin().expect("built-in data is valid"))
}

fuzz_target!(|bytes: &[u8]| {
    let text = match decode(bytes) {
        Decoded::Text(text) | Decoded::Converted(text, _) => text,
        Decoded::Binary(_) | Decoded::Undecodable(_) => return,
    };
    let lexicon = lexicon();
    let document = parse_text("fuzz", &text);
    let analyses = vec![analyze(lexicon, &document)];
    let graph = graph::build(lexicon, &analyses);
    let json_text = json::to_json(&graph);
    serde_json::from_str::<serde_json::Value>(&json_text).expect("graph.json parses");
    let dot_text = dot::to_dot(&graph);
    graphviz_rust::parse(&dot_text).expect("graph.dot parses");
});
