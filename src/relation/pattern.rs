//! The cue pattern language: parsing a pattern string and matching it
//! against the items of one sentence.
//!
//! A pattern is a sequence of elements separated by spaces:
//!
//! | element | matches |
//! | --- | --- |
//! | `{src}` `{tgt}` | one actor (the relation's source or target), after any words of the class `np_prefix` ("de Kazachse president") |
//! | `{src+}` `{tgt+}` | a list of actors: "Rusland, Armenië en Belarus" |
//! | `{src:demonym}` | a demonym standing for its country ("Kazachse") |
//! | `word` `a\|b\|c` | one of these words (case-insensitive); `oud-premier` is three tokens |
//! | `@class` | any word or phrase of a word class (grammar.toml or the rule file's `[words]`); `@a\|b\|@c` mixes classes and words |
//! | `x?` | the element `x` or nothing (for words and classes) |
//! | `...` `...N` | a gap of at most 6 (or N) words, none of them an actor, a punctuation mark or a barrier word; a gap before a slot never ends in a preposition |
//!
//! Words and classes matched are the trigger of the statement; optional
//! elements, slots and gaps are not.
//!
//! A pattern that opens with a slot never starts right after a preposition
//! ("volgens Ablyazov ontsloeg Tokajev": Ablyazov is not the subject); a
//! pattern whose head may stand inside a prepositional phrase (an apposition)
//! opens with `@preposition?` instead.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which end of a relation a slot fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The relation's source.
    Source,
    /// The relation's target.
    Target,
}

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// An actor slot.
    Slot {
        /// Source or target.
        role: Role,
        /// Accepts a coordinated list of actors.
        list: bool,
        /// Accepts a demonym instead of a name.
        demonym: bool,
    },
    /// One of several token sequences.
    Words {
        /// The alternatives, each a sequence of lower-case tokens.
        alternatives: Vec<Vec<String>>,
        /// May be left out.
        optional: bool,
    },
    /// Up to `max` ordinary words.
    Gap {
        /// The most words it skips.
        max: usize,
    },
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Its elements, in order.
    pub elements: Vec<Element>,
    /// For each element, its alternatives by first token (empty for slots
    /// and gaps): the matcher looks a word up instead of trying them all.
    firsts: Vec<HashMap<String, Vec<usize>>>,
}

const DEFAULT_GAP: usize = 6;
const MAX_PREFIX: usize = 5;

/// Splits a phrase into the tokens the text stage would make of it:
/// whitespace separates, a hyphen between letters is a token of its own.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for piece in phrase.split_whitespace() {
        let lower = piece.to_lowercase();
        let parts: Vec<&str> = lower.split('-').collect();
        if parts.len() > 1 && parts.iter().all(|p| !p.is_empty()) {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    tokens.push("-".to_string());
                }
                tokens.push((*part).to_string());
            }
        } else {
            tokens.push(lower);
        }
    }
    tokens
}

/// Parses `source` into a pattern. `classes` maps class names to phrases.
pub fn parse(source: &str, classes: &BTreeMap<String, Vec<String>>) -> Result<Pattern, String> {
    let mut elements = Vec::new();
    for word in source.split_whitespace() {
        let element = if let Some(inner) = word.strip_prefix('{').and_then(|w| w.strip_suffix('}'))
        {
            let (name, modifier) = match inner.split_once(':') {
                Some((name, modifier)) => (name, Some(modifier)),
                None => (inner, None),
            };
            let (name, list) = match name.strip_suffix('+') {
                Some(name) => (name, true),
                None => (name, false),
            };
            let role = match name {
                "src" => Role::Source,
                "tgt" => Role::Target,
                other => return Err(format!("unknown slot {{{other}}}: use {{src}} or {{tgt}}")),
            };
            let demonym = match modifier {
                None => false,
                Some("demonym") => true,
                Some(other) => {
                    return Err(format!(
                        "unknown slot modifier :{other}: only :demonym exists"
                    ))
                }
            };
            Element::Slot {
                role,
                list,
                demonym,
            }
        } else if let Some(count) = word.strip_prefix("...") {
            let max = if count.is_empty() {
                DEFAULT_GAP
            } else {
                count
                    .parse()
                    .map_err(|_| format!("a gap is ... or ...N with a number N, not {word:?}"))?
            };
            Element::Gap { max }
        } else {
            let (body, optional) = match word.strip_suffix('?') {
                Some(body) if !body.is_empty() => (body, true),
                _ => (word, false),
            };
            let mut alternatives = Vec::new();
            for choice in body.split('|') {
                match choice.strip_prefix('@') {
                    Some(class) => {
                        let phrases = classes.get(class).ok_or_else(|| {
                            format!("unknown word class @{class}: define it in grammar.toml or the file's [words]")
                        })?;
                        alternatives.extend(
                            phrases
                                .iter()
                                .map(|p| phrase_tokens(p))
                                .filter(|t| !t.is_empty()),
                        );
                    }
                    None => {
                        alternatives.extend(Some(phrase_tokens(choice)).filter(|t| !t.is_empty()))
                    }
                }
            }
            if alternatives.is_empty() {
                return Err(format!("{word:?} matches no word"));
            }
            Element::Words {
                alternatives,
                optional,
            }
        };
        elements.push(element);
    }
    let slots = |role| {
        elements
            .iter()
            .filter(|e| matches!(e, Element::Slot { role: r, .. } if *r == role))
            .count()
    };
    if slots(Role::Target) != 1 {
        return Err("a pattern needs exactly one {tgt}".into());
    }
    if slots(Role::Source) > 1 {
        return Err("a pattern has at most one {src}".into());
    }
    if !elements.iter().any(|e| {
        matches!(
            e,
            Element::Words {
                optional: false,
                ..
            }
        )
    }) {
        return Err("a pattern needs at least one word that is not optional: its trigger".into());
    }
    let firsts = elements
        .iter()
        .map(|element| {
            let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
            if let Element::Words { alternatives, .. } = element {
                for (index, alternative) in alternatives.iter().enumerate() {
                    if let Some(first) = alternative.first() {
                        by_first.entry(first.clone()).or_default().push(index);
                    }
                }
            }
            by_first
        })
        .collect();
    Ok(Pattern { elements, firsts })
}

impl Pattern {
    /// The first words of the pattern's first required word element: a
    /// sentence that has none of them cannot match.
    pub fn anchors(&self) -> BTreeSet<String> {
        self.elements
            .iter()
            .find_map(|e| match e {
                Element::Words {
                    alternatives,
                    optional: false,
                } => Some(
                    alternatives
                        .iter()
                        .filter_map(|a| a.first().cloned())
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// One item of a sentence as the matcher sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word or punctuation mark, lower-cased.
    Word {
        /// The lower-cased text.
        text: String,
        /// A punctuation mark or quote.
        punct: bool,
        /// The engine's word classes it belongs to ([`NP_PREFIX`], [`BARRIER`],
        /// [`PREPOSITION`], [`LIST_AND`]), looked up once per sentence.
        class: u8,
    },
    /// An actor mention (index into the sentence's mentions).
    Actor {
        /// Index into the document's mentions.
        mention: usize,
        /// A possessive form ("Nazarbajevs").
        possessive: bool,
        /// A demonym ("Kazachse").
        demonym: bool,
        /// A group's head word ("troepen" in "Russische troepen"): a word
        /// element of a pattern may match it as it would match the word.
        head: Option<String>,
    },
}

/// The word may stand before a name in its noun phrase.
pub const NP_PREFIX: u8 = 1;
/// A gap never crosses the word.
pub const BARRIER: u8 = 2;
/// The word is a preposition.
pub const PREPOSITION: u8 = 4;
/// The word joins a list of actors.
pub const LIST_AND: u8 = 8;

/// A word's classes, as flags for [`Item::Word`].
pub fn word_class(text: &str, v: &Vocabulary) -> u8 {
    let mut class = 0;
    for (set, flag) in [
        (v.np_prefix, NP_PREFIX),
        (v.barrier, BARRIER),
        (v.preposition, PREPOSITION),
        (v.list_and, LIST_AND),
    ] {
        if set.contains(text) {
            class |= flag;
        }
    }
    class
}

fn has(items: &[Item], at: usize, flag: u8) -> bool {
    matches!(items.get(at), Some(Item::Word { class, punct: false, .. }) if class & flag != 0)
}

/// What the matcher needs to know about words.
pub struct Vocabulary<'a> {
    /// Words an actor slot may absorb before the name.
    pub np_prefix: &'a BTreeSet<String>,
    /// Words a gap may not cross.
    pub barrier: &'a BTreeSet<String>,
    /// Coordinators in a list of actors.
    pub list_and: &'a BTreeSet<String>,
    /// Prepositions: a pattern that opens with a slot never starts right after one.
    pub preposition: &'a BTreeSet<String>,
}

/// A successful match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    /// Mentions filling the source slot.
    pub sources: Vec<usize>,
    /// Mentions filling the target slot.
    pub targets: Vec<usize>,
    /// Items matched by words and classes.
    pub triggers: Vec<usize>,
    /// First item of the match.
    pub first: usize,
    /// One past the last item of the match.
    pub last: usize,
}

/// Every match of `pattern` in `items`, at most one per start position.
pub fn find_all(pattern: &Pattern, items: &[Item]) -> Vec<Match> {
    let mut found = Vec::new();
    let opens_with_slot = matches!(pattern.elements.first(), Some(Element::Slot { .. }));
    // Where a match can begin: at one of the first words of a pattern that
    // opens with required words; at a name or a noun-phrase prefix word for
    // one that opens with a slot.
    let can_begin = |item: &Item| match pattern.elements.first() {
        Some(Element::Words {
            optional: false, ..
        }) => match item {
            Item::Word { text, .. } => pattern.firsts[0].contains_key(text),
            Item::Actor {
                head: Some(head), ..
            } => pattern.firsts[0].contains_key(head),
            Item::Actor { .. } => false,
        },
        Some(Element::Slot { .. }) => match item {
            Item::Word { class, punct, .. } => !punct && class & NP_PREFIX != 0,
            Item::Actor { .. } => true,
        },
        _ => true,
    };
    for start in (0..items.len()).filter(|&i| can_begin(&items[i])) {
        // "volgens Ablyazov ontsloeg Tokajev ...": the object of a preposition
        // is not the subject of the clause.
        let after_preposition = start > 0 && has(items, start - 1, PREPOSITION);
        if opens_with_slot && after_preposition {
            continue;
        }
        let state = Match {
            first: start,
            ..Match::default()
        };
        if let Some(mut m) = match_at(&pattern.elements, &pattern.firsts, items, start, state) {
            m.first = start;
            found.push(m);
        }
    }
    found
}

fn word_at(items: &[Item], pos: usize) -> Option<(&str, bool)> {
    match items.get(pos) {
        Some(Item::Word { text, punct, .. }) => Some((text.as_str(), *punct)),
        _ => None,
    }
}

fn match_at(
    elements: &[Element],
    firsts: &[HashMap<String, Vec<usize>>],
    items: &[Item],
    pos: usize,
    state: Match,
) -> Option<Match> {
    let (Some((element, rest)), Some((by_first, rest_firsts))) =
        (elements.split_first(), firsts.split_first())
    else {
        let mut state = state;
        state.last = pos;
        return Some(state);
    };
    match element {
        Element::Words {
            alternatives,
            optional,
        } => {
            // The alternatives that start with the word here (or with a group's head).
            let here = match items.get(pos) {
                Some(Item::Word { text, .. }) => by_first.get(text),
                Some(Item::Actor {
                    head: Some(head), ..
                }) => by_first.get(head),
                _ => None,
            };
            for alternative in here.into_iter().flatten().map(|&i| &alternatives[i]) {
                let group_head = |at: usize, token: &str| matches!(items.get(at), Some(Item::Actor { head: Some(head), .. }) if head == token);
                let fits = alternative.iter().enumerate().all(|(i, token)| {
                    word_at(items, pos + i).is_some_and(|(text, _)| text == token)
                        || (alternative.len() == 1 && group_head(pos + i, token))
                });
                if fits {
                    let mut next = state.clone();
                    if !optional {
                        next.triggers.extend(
                            (pos..pos + alternative.len())
                                .filter(|&i| word_at(items, i).is_none_or(|(_, p)| !p)),
                        );
                    }
                    if let Some(m) =
                        match_at(rest, rest_firsts, items, pos + alternative.len(), next)
                    {
                        return Some(m);
                    }
                }
            }
            if *optional {
                return match_at(rest, rest_firsts, items, pos, state);
            }
            None
        }
        Element::Gap { max } => {
            for length in 0..=*max {
                if length > 0 {
                    let skipped = pos + length - 1;
                    let ordinary = match items.get(skipped) {
                        Some(Item::Word { class, punct, .. }) => !punct && class & BARRIER == 0,
                        Some(Item::Actor {
                            possessive,
                            demonym,
                            ..
                        }) => *possessive || *demonym,
                        None => false,
                    };
                    if !ordinary {
                        return None;
                    }
                }
                // "arresteerde 8.000 mensen in Almaty": an actor right after a
                // preposition that the gap skipped is not the slot's actor.
                let into_prepositional_object = length > 0
                    && matches!(rest.first(), Some(Element::Slot { .. }))
                    && has(items, pos + length - 1, PREPOSITION);
                if into_prepositional_object {
                    continue;
                }
                if let Some(m) = match_at(rest, rest_firsts, items, pos + length, state.clone()) {
                    return Some(m);
                }
            }
            None
        }
        Element::Slot {
            role,
            list,
            demonym,
        } => {
            for (end, mentions) in slot_fills(items, pos, *list, *demonym) {
                let mut next = state.clone();
                match role {
                    Role::Source => next.sources = mentions,
                    Role::Target => next.targets = mentions,
                }
                if let Some(m) = match_at(rest, rest_firsts, items, end, next) {
                    return Some(m);
                }
            }
            None
        }
    }
}

/// One actor after optional noun-phrase prefix words: returns (end, mention).
fn single_actor(items: &[Item], pos: usize, demonym: bool) -> Vec<(usize, usize)> {
    let mut fills = Vec::new();
    for skip in 0..=MAX_PREFIX {
        if skip > 0 {
            let prefix_ok = match items.get(pos + skip - 1) {
                Some(Item::Word {
                    class,
                    punct: false,
                    ..
                }) => class & NP_PREFIX != 0,
                Some(Item::Actor { demonym: true, .. }) => !demonym,
                _ => false,
            };
            if !prefix_ok {
                break;
            }
        }
        if let Some(Item::Actor {
            mention,
            possessive: false,
            demonym: d,
            ..
        }) = items.get(pos + skip)
        {
            if *d == demonym {
                fills.push((pos + skip + 1, *mention));
            }
        }
    }
    fills
}

/// Ways to fill a slot at `pos`, longest first: (end, mentions).
fn slot_fills(items: &[Item], pos: usize, list: bool, demonym: bool) -> Vec<(usize, Vec<usize>)> {
    let mut fills = Vec::new();
    for (end, mention) in single_actor(items, pos, demonym) {
        let mut chain = vec![(end, vec![mention])];
        if list {
            let (mut end, mut mentions) = (end, vec![mention]);
            loop {
                let separator = match word_at(items, end) {
                    Some((",", true)) => true,
                    Some((_, false)) => has(items, end, LIST_AND),
                    _ => false,
                };
                if !separator {
                    break;
                }
                let Some(&(next_end, next)) = single_actor(items, end + 1, demonym).first() else {
                    break;
                };
                end = next_end;
                mentions.push(next);
                chain.push((end, mentions.clone()));
            }
        }
        chain.reverse();
        fills.extend(chain);
    }
    fills
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes() -> BTreeMap<String, Vec<String>> {
        let mut classes = BTreeMap::new();
        classes.insert(
            "aux".to_string(),
            vec!["werd".to_string(), "is".to_string()],
        );
        classes
    }

    #[test]
    fn parses_every_element() {
        let p = parse(
            "{tgt+} @aux? ...3 ontslagen|afgezet door {src} oud-premier",
            &classes(),
        )
        .expect("valid");
        assert_eq!(p.elements.len(), 7);
        assert_eq!(
            p.elements[0],
            Element::Slot {
                role: Role::Target,
                list: true,
                demonym: false
            }
        );
        assert_eq!(p.elements[2], Element::Gap { max: 3 });
        assert_eq!(
            p.elements[6],
            Element::Words {
                alternatives: vec![vec!["oud".into(), "-".into(), "premier".into()]],
                optional: false
            }
        );
        assert_eq!(
            p.anchors(),
            BTreeSet::from(["ontslagen".to_string(), "afgezet".to_string()])
        );
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "{src} ontsloeg",
            "{src} {tgt}",
            "{x} ontsloeg {tgt}",
            "@nope {tgt}",
            "{tgt} ...x ontslagen",
            "{tgt:foo} ontslagen",
            "{src} {src} ontsloeg {tgt}",
        ] {
            assert!(parse(bad, &classes()).is_err(), "{bad} should be rejected");
        }
    }

    fn word(text: &str) -> Item {
        let set = |words: &[&str]| {
            words
                .iter()
                .map(|w| w.to_string())
                .collect::<BTreeSet<String>>()
        };
        let (np_prefix, barrier, list_and, preposition) = (
            set(&["de", "president"]),
            set(&["en", "dat"]),
            set(&["en"]),
            set(&["volgens"]),
        );
        let vocabulary = Vocabulary {
            np_prefix: &np_prefix,
            barrier: &barrier,
            list_and: &list_and,
            preposition: &preposition,
        };
        let class = word_class(text, &vocabulary);
        Item::Word {
            text: text.into(),
            punct: text.chars().all(|c| !c.is_alphanumeric()),
            class,
        }
    }

    fn actor(mention: usize) -> Item {
        Item::Actor {
            mention,
            possessive: false,
            demonym: false,
            head: None,
        }
    }

    #[test]
    fn slot_lists_gaps_and_barriers() {
        let p = parse("{src} ontsloeg ... {tgt+}", &BTreeMap::new()).expect("valid");
        // de president A ontsloeg gisteren B , C en D
        let items = vec![
            word("de"),
            word("president"),
            actor(0),
            word("ontsloeg"),
            word("gisteren"),
            actor(1),
            word(","),
            actor(2),
            word("en"),
            actor(3),
        ];
        let found = find_all(&p, &items);
        assert_eq!(found[0].sources, vec![0]);
        assert_eq!(found[0].targets, vec![1, 2, 3]);
        assert_eq!(found[0].triggers, vec![3]);
        // The object of a preposition is not the subject that opens a pattern.
        let items = vec![word("volgens"), actor(0), word("ontsloeg"), actor(1)];
        assert!(find_all(&p, &items).is_empty());
        // A gap never crosses a barrier word.
        let items = vec![actor(0), word("ontsloeg"), word("dat"), actor(1)];
        assert!(find_all(&p, &items).is_empty());
    }
}
