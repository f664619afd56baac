//! Runs every `[[rule.example]]` of data/nl/relations/ through the whole
//! pipeline and reports every failure at once.

use actorgraph::actor::Actors;
use actorgraph::{analyze, Document, Lexicon};
use std::collections::BTreeSet;

fn describe(actors: Actors, source: Option<usize>, relation: &str, target: usize) -> String {
    let id = |i: usize| actors.get(i).id.clone();
    let (mut a, b) = (source.map_or("?".to_string(), id), id(target));
    let mut b = b;
    if actorgraph::relation::RelationType::from_name(relation).is_some_and(|r| r.symmetric())
        && a > b
    {
        std::mem::swap(&mut a, &mut b);
    }
    format!("{a} {relation} {b}")
}

fn resolve(lexicon: &Lexicon, expected: &str) -> Result<String, String> {
    // "<source> <relation> <target>", names by any alias; the relation is the word
    // that names a relation type.
    let words: Vec<&str> = expected.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| actorgraph::relation::RelationType::from_name(w).is_some())
        .ok_or_else(|| format!("{expected:?} names no relation type"))?;
    let (source, target) = (words[..at].join(" "), words[at + 1..].join(" "));
    // A lexicon name, or the name a discovered actor gets ("rechterhand van
    // Noersoeltan Nazarbajev").
    let actors = Actors {
        lexicon: &lexicon.actors,
        discovered: &[],
    };
    let id = |name: &str| {
        lexicon.actors.lookup(name).map_or_else(
            || actorgraph::actor::slug(name),
            |i| actors.get(i).id.clone(),
        )
    };
    let (mut a, mut b) = (
        if source == "?" {
            "?".to_string()
        } else {
            id(&source)
        },
        id(&target),
    );
    if actorgraph::relation::RelationType::from_name(words[at]).is_some_and(|r| r.symmetric())
        && a > b
    {
        std::mem::swap(&mut a, &mut b);
    }
    Ok(format!("{a} {} {b}", words[at]))
}

/// The relations the whole pipeline reads in `text`, as "source relation target".
fn relations_of(lexicon: &Lexicon, text: &str) -> BTreeSet<String> {
    let document = Document {
        id: "example".into(),
        date: None,
        url: None,
        text: text.to_string(),
    };
    let analysis = analyze(lexicon, &document);
    analysis
        .relations
        .iter()
        .filter(|r| !r.negated)
        .map(|r| {
            describe(
                analysis.actors(lexicon),
                r.source,
                r.relation.as_str(),
                r.target,
            )
        })
        .collect()
}

#[test]
fn every_rule_example_gives_exactly_its_expected_relations() {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in lexicon.relations.rules() {
        for (number, example) in rule.examples.iter().enumerate() {
            count += 1;
            let got = relations_of(&lexicon, &example.text);
            let expected: Result<BTreeSet<String>, String> = example
                .expect
                .iter()
                .map(|e| resolve(&lexicon, e))
                .collect();
            match expected {
                Err(problem) => failures.push(format!(
                    "{} #{} {:?}: {problem}",
                    rule.id,
                    number + 1,
                    example.text
                )),
                Ok(expected) if expected != got => failures.push(format!(
                    "{} #{} {:?}: expected {:?}, got {:?}",
                    rule.id,
                    number + 1,
                    example.text,
                    expected,
                    got
                )),
                Ok(_) => {}
            }
        }
    }
    assert!(count > 0, "no examples found");
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_matching_example_and_the_file_a_near_miss() {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let mut problems = Vec::new();
    for rule in lexicon.relations.rules() {
        if !rule.examples.iter().any(|e| !e.expect.is_empty()) {
            problems.push(format!("{} has no example that it must match", rule.id));
        }
    }
    for relation in actorgraph::relation::RelationType::ALL {
        let rules: Vec<_> = lexicon
            .relations
            .rules()
            .iter()
            .filter(|r| r.relation == *relation)
            .collect();
        if !rules.is_empty()
            && !rules
                .iter()
                .any(|r| r.examples.iter().any(|e| e.expect.is_empty()))
        {
            problems.push(format!(
                "{relation} has no near miss (an example with expect = [])"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_attribution_example_names_its_speaker() {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let mut failures = Vec::new();
    let examples = lexicon.relations.attribution_examples();
    assert!(
        !examples.is_empty(),
        "data/nl/attribution.toml has examples"
    );
    for (number, example) in examples.iter().enumerate() {
        let document = Document {
            id: "example".into(),
            date: None,
            url: None,
            text: example.text.clone(),
        };
        let analysis = analyze(&lexicon, &document);
        let expected = example.speaker.as_ref().map(|s| {
            lexicon
                .actors
                .lookup(s)
                .ok_or_else(|| format!("{s:?} is not in the lexicon"))
        });
        let expected = match expected.transpose() {
            Ok(expected) => expected,
            Err(problem) => {
                failures.push(format!(
                    "attribution #{} {:?}: {problem}",
                    number + 1,
                    example.text
                ));
                continue;
            }
        };
        let relations: Vec<_> = analysis.relations.iter().filter(|r| !r.negated).collect();
        if relations.is_empty() {
            failures.push(format!(
                "attribution #{} {:?}: states no relation",
                number + 1,
                example.text
            ));
        }
        for relation in relations {
            if relation.attributed_to != expected {
                failures.push(format!(
                    "attribution #{} {:?}: {} attributed to {:?}, expected {:?}",
                    number + 1,
                    example.text,
                    relation.rule,
                    relation
                        .attributed_to
                        .map(|a| &analysis.actors(&lexicon).get(a).id),
                    expected.map(|a| &lexicon.actors.actor(a).id)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_linked_noun_example_gives_exactly_its_expected_relations() {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let examples = lexicon.discovery.linked_examples();
    assert!(
        !examples.is_empty(),
        "data/nl/discovery.toml has linked examples"
    );
    let mut failures = Vec::new();
    for (number, example) in examples.iter().enumerate() {
        let got = relations_of(&lexicon, &example.text);
        let expected: Result<BTreeSet<String>, String> = example
            .expect
            .iter()
            .map(|e| resolve(&lexicon, e))
            .collect();
        match expected {
            Ok(expected) if expected == got => {}
            expected => failures.push(format!(
                "linked #{} {:?}: expected {expected:?}, got {got:?}",
                number + 1,
                example.text
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs discovery examples (text and the expected "<surface> = <what>" of
/// the mentions `keep` selects, `what` naming the actor) and lists every one
/// that gives something else.
fn check_mention_examples<'e>(
    label: &str,
    examples: impl Iterator<Item = (&'e str, &'e [String])>,
    keep: impl Fn(&actorgraph::actor::Mention) -> bool,
    what: impl Fn(&actorgraph::actor::ActorEntry) -> String,
) {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let mut failures = Vec::new();
    let mut count = 0;
    for (number, (text, expect)) in examples.enumerate() {
        count += 1;
        let document = Document {
            id: "example".into(),
            date: None,
            url: None,
            text: text.to_string(),
        };
        let analysis = analyze(&lexicon, &document);
        let actors = analysis.actors(&lexicon);
        let got: Vec<String> = analysis
            .mentions
            .iter()
            .filter(|m| keep(m))
            .map(|m| {
                format!(
                    "{} = {}",
                    analysis.text.slice(m.span),
                    what(&actors.get(m.actor).entry)
                )
            })
            .collect();
        if got != expect {
            failures.push(format!(
                "{label} #{} {text:?}: expected {expect:?}, got {got:?}",
                number + 1
            ));
        }
    }
    assert!(count > 0, "data/nl/discovery.toml has {label} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_group_example_gives_exactly_its_expected_groups() {
    use actorgraph::actor::MentionSource;
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    check_mention_examples(
        "group",
        lexicon
            .discovery
            .group_examples()
            .iter()
            .map(|e| (e.text.as_str(), e.expect.as_slice())),
        |m| matches!(m.source, MentionSource::Group | MentionSource::People),
        |entry| entry.name.clone(),
    );
}

#[test]
fn every_name_example_gives_exactly_its_typed_names() {
    use actorgraph::actor::MentionSource;
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    check_mention_examples(
        "name",
        lexicon
            .discovery
            .name_examples()
            .iter()
            .map(|e| (e.text.as_str(), e.expect.as_slice())),
        |m| m.source == MentionSource::Cue,
        |entry| entry.kind.to_string(),
    );
}

/// data/places.toml keeps its rules (tests/places_check.py: one spelling per
/// place across the actor files, known countries, sorted sections, no
/// Dutch word or first name without a reason). Needs python3 3.11+
/// (tomllib); under CI a missing python3 fails the test.
#[test]
fn the_places_gazetteer_keeps_its_rules() {
    let root = env!("CARGO_MANIFEST_DIR");
    match std::process::Command::new("python3")
        .arg("tests/places_check.py")
        .current_dir(root)
        .output()
    {
        Ok(output) => assert!(
            output.status.success(),
            "tests/places_check.py failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed under CI: {error}"
        ),
    }
}
