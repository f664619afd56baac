//! The extraction measured against gold annotations. The figures are floors
//! that may only rise: raise them when the extraction gets better, never
//! lower them to let a change through.

use actorgraph::document::{read, Input};
use actorgraph::eval::{evaluate, Report};
use actorgraph::graph::DocumentAnalysis;
use actorgraph::{analyze, gold, Lexicon};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn run(
    corpus: &str,
    gold_dir: &str,
    check: impl Fn(&Lexicon, &[DocumentAnalysis], &[gold::GoldDocument], &Report),
) {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let reading = read(&[Input::Path(repo(corpus))]).expect("corpus is readable");
    let gold = gold::load(&repo(gold_dir)).expect("gold is valid");
    let analyses: Vec<_> = reading
        .documents
        .iter()
        .map(|d| analyze(&lexicon, d))
        .collect();
    let report = evaluate(&lexicon, &analyses, &gold);
    assert!(
        report.missing_documents.is_empty(),
        "{:?}",
        report.missing_documents
    );
    check(&lexicon, &analyses, &gold, &report);
}

#[test]
fn seeds_relations_and_actors_stay_at_or_above_their_floors() {
    run("data/corpus", "data/gold", |_, _, _, report| {
        let (r, a) = (&report.relations, &report.actors);
        let summary = format!("{report}");
        assert!(
            r.precision() >= 1.0,
            "relation precision fell: {:.3}\n{summary}",
            r.precision()
        );
        assert!(
            r.recall() >= 0.71,
            "relation recall fell: {:.3}\n{summary}",
            r.recall()
        );
        assert!(
            a.precision() >= 1.0,
            "actor precision fell: {:.3}\n{summary}",
            a.precision()
        );
        assert!(
            a.recall() >= 0.969,
            "actor recall fell: {:.3}\n{summary}",
            a.recall()
        );
        assert!(a.f1() >= 0.98, "actor F1 fell: {:.3}\n{summary}", a.f1());
        assert!(
            report.split_nodes.is_empty(),
            "split nodes: {:?}",
            report.split_nodes
        );
    });
}

#[test]
fn unseen_articles_actors_without_a_lexicon_entry_are_found_with_precision() {
    run(
        "tests/articles",
        "tests/articles/gold",
        |lexicon, analyses, gold, report| {
            // Every discovered actor (no lexicon entry) must be an actor of the gold standard.
            let (mut right, mut wrong) = (0, Vec::new());
            for analysis in analyses {
                let forms: BTreeSet<&str> = gold
                    .iter()
                    .filter(|g| g.document == analysis.document.id)
                    .flat_map(|g| {
                        g.actors
                            .iter()
                            .flat_map(|a| a.forms.iter().map(String::as_str))
                    })
                    .collect();
                let actors = analysis.actors(lexicon);
                let base = lexicon.actors.actors().len();
                let mut seen = BTreeSet::new();
                for mention in analysis
                    .mentions
                    .iter()
                    .filter(|m| m.actor >= base && !m.pronoun)
                {
                    if !seen.insert(mention.actor) {
                        continue;
                    }
                    let surfaces: Vec<&str> = analysis
                        .mentions
                        .iter()
                        .filter(|m| m.actor == mention.actor && !m.pronoun)
                        .map(|m| analysis.text.slice(m.span))
                        .collect();
                    if surfaces.iter().any(|s| forms.contains(s)) {
                        right += 1;
                    } else {
                        wrong.push(format!(
                            "{} {:?} ({:?})",
                            actors.get(mention.actor).id,
                            surfaces,
                            actors.get(mention.actor).reason
                        ));
                    }
                }
            }
            let precision = right as f64 / (right + wrong.len()).max(1) as f64;
            assert!(right >= 10, "too few discovered actors to measure: {right}");
            assert!(
                precision >= 0.9,
                "discovered-actor precision {precision:.3}; wrong: {wrong:?}"
            );
            assert!(report.actors.precision() >= 1.0, "{report}");
            assert!(report.actors.recall() >= 0.91, "{report}");
        },
    );
}

/// The held-out set (tests/held-out): articles and gold written by helpers
/// who had not seen the rules. Rules are never tuned on it, so these floors
/// say how the tool does on text it has never seen.
#[test]
fn held_out_relations_and_actors_stay_at_or_above_their_floors() {
    run(
        "tests/held-out",
        "tests/held-out/gold",
        |_, _, gold, report| {
            // Twelve articles written in session 10, when the ten before
            // them moved to tests/dev; scored first at 87a69d4, before any
            // rule of session 10: relations P 0.877, R 0.290; actors
            // P 0.864, R 0.770.
            assert_eq!(gold.len(), 12, "the held-out set has twelve articles");
            let (r, a) = (&report.relations, &report.actors);
            assert!(r.precision() >= 0.95, "relation precision fell\n{report}");
            assert!(r.recall() >= 0.43, "relation recall fell\n{report}");
            assert!(a.precision() >= 0.92, "actor precision fell\n{report}");
            assert!(a.recall() >= 0.86, "actor recall fell\n{report}");
        },
    );
}

/// tests/dev: forty-two articles on other events, written with their gold by
/// helpers who had not seen the rules, and then used to develop them (unlike
/// tests/held-out; nine of them were the held-out set until session 8, ten
/// until session 10; twelve were added in session 11). Its floors guard what
/// that work reached.
#[test]
fn dev_relations_and_actors_stay_at_or_above_their_floors() {
    run("tests/dev", "tests/dev/gold", |_, _, gold, report| {
        assert_eq!(gold.len(), 42, "the development set has forty-two articles");
        let (r, a) = (&report.relations, &report.actors);
        assert!(r.precision() >= 0.97, "relation precision fell\n{report}");
        assert!(r.recall() >= 0.71, "relation recall fell\n{report}");
        assert!(a.precision() >= 0.95, "actor precision fell\n{report}");
        assert!(a.recall() >= 0.92, "actor recall fell\n{report}");
    });
}

/// A discovered actor (no lexicon entry) whose canonical name is the gold
/// actor's name is found, even when no surface form matches; another name
/// is not.
#[test]
fn a_discovered_actor_is_found_by_its_canonical_name() {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let document = actorgraph::document::Document {
        id: "x".into(),
        date: None,
        url: None,
        text: "Randhir Jaiswal, de woordvoerder van het Indiase ministerie van Buitenlandse \
               Zaken, sprak."
            .into(),
    };
    let analysis = analyze(&lexicon, &document);
    let gold_file = |name: &str| {
        format!(
            "document = \"x\"\n[[actor]]\nname = \"{name}\"\ntype = \"organization\"\n\
             forms = [\"ministerie van Buitenlandse Zaken\"]\n"
        )
    };
    let found = |name: &str| {
        let gold = gold::parse(&gold_file(name)).expect("valid gold");
        evaluate(&lexicon, std::slice::from_ref(&analysis), &[gold])
            .actors
            .true_positives
    };
    assert_eq!(found("ministerie van Buitenlandse Zaken van India"), 1);
    assert_eq!(found("ministerie van Buitenlandse Zaken van China"), 0);
}
