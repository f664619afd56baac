//! The cue pattern language: parsing a pattern string and matching it
//! against the items of one sentence.
//!
//! A pattern is a sequence of elements separated by spaces:
//!
//! | element | matches |
//! | --- | --- |
//! | `{src}` `{tgt}` | one actor (the relation's source or target), after any words of the class `np_prefix` ("de Kazachse president") |
//! | `{src+}` `{tgt+}` | a list of actors: "Rusland, Armenië en Belarus" |
//! | a second `{src}` | co-agents, sources too ("{src+} maakt samen met {src+} deel uit van {tgt}"); one `{tgt}` |
//! | `{src:demonym}` | a demonym standing for its country ("Kazachse") |
//! | `{tgt:named}` | an actor named as written, not a resolved pronoun or description |
//! | `{src:bare}` | like `:named`, with no prefix word or demonym before it ("won Daniel Chapo van Frelimo", not "minister Judith Uitermark van …") |
//! | `{tgt:possessive}` | an actor in the possessive ("Tokajevs" in "Tokajevs idee", a resolved "haar" in "haar opvolger") |
//! | `{any}` | an actor that is neither source nor target ("benoemde {src} {any} tot {tgt:possessive} opvolger"); takes the modifiers above |
//! | `word` `a\|b\|c` | one of these words (case-insensitive); `oud-premier` is three tokens |
//! | `@class` | any word or phrase of a word class (grammar.toml or the rule file's `[words]`); `@a\|b\|@c` mixes classes and words |
//! | `x?` | the element `x` or nothing (for words and classes) |
//! | `...` `...N` | a gap of at most 6 (or N) words, none of them an actor (but a place after a `locative` word), a punctuation mark (but a quotation mark) or a barrier word; a gap before a slot never ends in a preposition |
//!
//! Words and classes matched are the trigger of the statement; optional
//! elements, slots and gaps are not.
//!
//! A pattern that opens with a slot never starts right after a preposition
//! ("volgens Ablyazov ontsloeg Tokajev": Ablyazov is not the subject); a
//! pattern whose head may stand inside a prepositional phrase (an apposition)
//! opens with `@preposition?` instead.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// A word's number in [`Words`]: the matcher compares numbers, not strings.
pub type WordId = u32;

/// The id of a word no pattern or word class knows.
pub const UNKNOWN: WordId = WordId::MAX;

/// The words of every pattern and word class, numbered once when the rules
/// are compiled, with the engine's classes of each ([`NP_PREFIX`], …): a
/// sentence's words are looked up once, then matched as integers.
#[derive(Debug, Clone, Default)]
pub struct Words {
    ids: HashMap<String, WordId, foldhash::fast::FixedState>,
    classes: Vec<u8>,
}

impl Words {
    /// The id of `word`, numbering it if it is new.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId::try_from(self.classes.len()).expect("fewer than 2^32 distinct words");
        self.ids.insert(word.to_string(), id);
        self.classes.push(0);
        id
    }

    /// The id of `word`, or [`UNKNOWN`].
    pub fn id(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(UNKNOWN)
    }

    /// Adds the class flag `flag` to `word` (numbering it if it is new).
    pub fn add_class(&mut self, word: &str, flag: u8) {
        let id = self.intern(word);
        self.classes[id as usize] |= flag;
    }

    /// The class flags of the word `id` (none for [`UNKNOWN`]).
    pub fn class(&self, id: WordId) -> u8 {
        self.classes.get(id as usize).copied().unwrap_or(0)
    }

    /// Every numbered word.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.ids.keys().map(String::as_str)
    }

    /// How many words are numbered.
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    /// Whether no word is numbered.
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
}

/// A set of word ids, as bits: whether a word is in it is one look-up, not
/// a scan of a list (the sets of the engine's word classes are asked about
/// most items of every sentence read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet {
    bits: Vec<u64>,
}

impl WordSet {
    /// Whether the word `id` is in the set ([`UNKNOWN`] never is).
    pub fn contains(&self, id: &WordId) -> bool {
        self.bits
            .get(*id as usize / 64)
            .is_some_and(|bits| bits & (1 << (id % 64)) != 0)
    }
}

impl FromIterator<WordId> for WordSet {
    fn from_iter<I: IntoIterator<Item = WordId>>(ids: I) -> WordSet {
        let mut bits = Vec::new();
        for id in ids {
            let block = id as usize / 64;
            if bits.len() <= block {
                bits.resize(block + 1, 0);
            }
            bits[block] |= 1 << (id % 64);
        }
        WordSet { bits }
    }
}

/// Which end of a relation a slot fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The relation's source.
    Source,
    /// The relation's target.
    Target,
    /// An actor of the statement that is neither ("benoemde {src} {any}
    /// tot {tgt:possessive} opvolger": the one appointed).
    Other,
}

/// The form of the actor a slot takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A name or a group ("Tokajev", "de Kazachse regering").
    Name,
    /// A demonym standing for its country ("Kazachse").
    Demonym,
    /// A possessive ("Tokajevs").
    Possessive,
    /// A name or group as written, not a resolved pronoun or description.
    Named,
    /// [`Form::Named`] with no prefix word or demonym before it: a bare
    /// name ("won Daniel Chapo van Frelimo", not "minister Judith Uitermark
    /// van Binnenlandse Zaken", whose title the rest completes).
    Bare,
    /// A resolved pronoun that is only ever a subject ("hij", "zij"): the
    /// subject after the verb when the object opens the clause ("Ook
    /// generaal Cordero stuurde hij naar huis").
    Nominative,
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
        /// The form of the actor it takes.
        form: Form,
    },
    /// One of several token sequences.
    Words {
        /// The alternatives, each a sequence of lower-case tokens (shared
        /// by every pattern that writes the same element).
        alternatives: Arc<[Vec<String>]>,
        /// May be left out.
        optional: bool,
    },
    /// Up to `max` ordinary words.
    Gap {
        /// The most words it skips.
        max: usize,
    },
}

/// An element as the matcher runs it: words as ids.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Slot {
        role: Role,
        list: bool,
        form: Form,
        /// An earlier slot may hold the clause's subject: a nominative
        /// pronoun ("hij") fills this one only if it is an `{any}` slot
        /// or marked [`Form::Nominative`].
        after_subject: bool,
    },
    Words {
        /// The alternatives as ids (shared like [`Element::Words`]'s).
        words: Arc<WordSteps>,
        optional: bool,
    },
    Gap {
        max: usize,
    },
}

/// The alternatives of a word element as the matcher runs them.
#[derive(Debug, PartialEq, Eq)]
struct WordSteps {
    /// The alternatives, as word ids.
    alternatives: Vec<Vec<WordId>>,
    /// The alternatives by first word, sorted by it: (first word, the
    /// alternatives that start with it, in pattern order).
    by_first: Vec<(WordId, Vec<usize>)>,
    /// The first words of the alternatives of each length, as bits of
    /// [`Present`]'s blocks, lengths ascending: what
    /// [`Positions::may_start`] reads.
    firsts_by_length: Vec<(usize, Vec<(usize, u64)>)>,
}

impl WordSteps {
    fn new(alternatives: &[Vec<String>], words: &mut Words) -> WordSteps {
        let alternatives: Vec<Vec<WordId>> = alternatives
            .iter()
            .map(|a| a.iter().map(|token| words.intern(token)).collect())
            .collect();
        let mut by_first: BTreeMap<WordId, Vec<usize>> = BTreeMap::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            if let Some(&first) = alternative.first() {
                by_first.entry(first).or_default().push(index);
            }
        }
        let mut by_length: BTreeMap<usize, Vec<WordId>> = BTreeMap::new();
        for alternative in &alternatives {
            if let Some(&first) = alternative.first() {
                by_length.entry(alternative.len()).or_default().push(first);
            }
        }
        WordSteps {
            alternatives,
            by_first: by_first.into_iter().collect(),
            firsts_by_length: by_length
                .into_iter()
                .map(|(length, firsts)| (length, blocks(firsts.into_iter())))
                .collect(),
        }
    }
}

impl Step {
    /// The alternatives (by index) that start with the word `id`.
    fn starting_with(&self, id: WordId) -> &[usize] {
        match self {
            Step::Words { words, .. } => words
                .by_first
                .binary_search_by_key(&id, |(first, _)| *first)
                .map_or(&[], |at| words.by_first[at].1.as_slice()),
            _ => &[],
        }
    }
}

/// The word elements parsed so far with one set of word classes, by their
/// text: a class such as `@adv` is tokenized and numbered once, not once per
/// pattern that uses it (that made loading the rules cost some 160 M
/// instructions).
#[derive(Debug, Default)]
pub struct Elements {
    parsed: HashMap<String, ParsedWords, foldhash::fast::FixedState>,
}

/// A word element as [`Elements`] keeps it: its alternatives as written and
/// as the matcher runs them.
#[derive(Debug)]
struct ParsedWords {
    alternatives: Arc<[Vec<String>]>,
    steps: Arc<WordSteps>,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Its elements, in order.
    pub elements: Vec<Element>,
    /// The elements as the matcher runs them.
    steps: Vec<Step>,
    /// For each required word element, the first words of its
    /// alternatives as bits of [`Present`]'s blocks (index, bits; the words
    /// of a class are numbered together, so a class of a hundred words
    /// takes two or three blocks): a sentence without one of them cannot
    /// match.
    required: Vec<Vec<(usize, u64)>>,
    /// Its slots: a sentence with fewer actors cannot match.
    slots: usize,
    /// What a match passes in order: for each slot (`None`) an actor, for
    /// each required word element one of its first words (as a word or a
    /// group's head). A sentence without them in this order cannot match.
    skeleton: Vec<Option<Vec<(usize, u64)>>>,
    /// It reads a noun phrase, which may stand after a preposition ("het
    /// vertrek van NAVO-chef Rutte"); a clause's pattern that opens with
    /// a slot never starts right after one.
    pub phrase: bool,
    /// It opens with a slot and a comma: an apposition's head, which may
    /// be a preposition's object when it has prefix words ("de hulp van de
    /// CSTO, het bondgenootschap onder leiding van Rusland").
    apposition: bool,
}

const DEFAULT_GAP: usize = 6;
const MAX_PREFIX: usize = 7;

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

/// Parses `source` into a pattern. `classes` maps class names to phrases;
/// the pattern's words are numbered in `words`.
pub fn parse(
    source: &str,
    classes: &BTreeMap<String, Vec<String>>,
    words: &mut Words,
) -> Result<Pattern, String> {
    parse_with(source, classes, words, &mut Elements::default())
}

/// [`parse`], reusing the word elements in `parsed`, which must all have
/// been parsed with the same `classes` and `words`.
pub fn parse_with(
    source: &str,
    classes: &BTreeMap<String, Vec<String>>,
    words: &mut Words,
    parsed: &mut Elements,
) -> Result<Pattern, String> {
    let mut elements = Vec::new();
    let mut word_steps = Vec::new();
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
                "any" => Role::Other,
                other => {
                    return Err(format!(
                        "unknown slot {{{other}}}: use {{src}}, {{tgt}} or {{any}}"
                    ))
                }
            };
            let form = match modifier {
                None => Form::Name,
                Some("demonym") => Form::Demonym,
                Some("possessive") => Form::Possessive,
                Some("named") => Form::Named,
                Some("bare") => Form::Bare,
                Some("nominative") => Form::Nominative,
                Some(other) => {
                    return Err(format!(
                        "unknown slot modifier :{other}: use :demonym, :possessive, :named, :bare or :nominative"
                    ))
                }
            };
            Element::Slot { role, list, form }
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
            if let Some(known) = parsed.parsed.get(body) {
                word_steps.push(Arc::clone(&known.steps));
                elements.push(Element::Words {
                    alternatives: Arc::clone(&known.alternatives),
                    optional,
                });
                continue;
            }
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
            let alternatives: Arc<[Vec<String>]> = alternatives.into();
            let steps = Arc::new(WordSteps::new(&alternatives, words));
            parsed.parsed.insert(
                body.to_string(),
                ParsedWords {
                    alternatives: Arc::clone(&alternatives),
                    steps: Arc::clone(&steps),
                },
            );
            word_steps.push(steps);
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
    // "{src+} maakt samen met {src+} deel uit van {tgt}": a second source
    // slot names co-agents.
    if slots(Role::Source) > 2 {
        return Err("a pattern has at most two {src}".into());
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
    let mut word_steps = word_steps.into_iter();
    // A slot whose actor may be a clause's subject: not after a
    // preposition ("als opvolger van {tgt}"), not before a comma (the
    // antecedent of "{tgt} , waarvan {src} lid is").
    // A preposition element is written as prepositions alone ("van",
    // "@preposition?"): its first alternative tells.
    let preposition = classes.get("preposition");
    let is_preposition = |at: Option<usize>| {
        matches!(at.and_then(|at| elements.get(at)), Some(Element::Words { alternatives, .. })
        if alternatives.first().and_then(|a| a.last()).is_some_and(|w| {
            preposition.is_some_and(|p| p.contains(w))
        }))
    };
    let before_comma = |at: usize| {
        matches!(elements.get(at + 1), Some(Element::Words { alternatives, .. })
            if alternatives.iter().any(|a| a.len() == 1 && a[0] == ","))
    };
    let mut after_subject = Vec::with_capacity(elements.len());
    let mut seen_subject = false;
    for (at, element) in elements.iter().enumerate() {
        after_subject.push(seen_subject);
        seen_subject |= matches!(element, Element::Slot { .. })
            && !is_preposition(at.checked_sub(1))
            && !before_comma(at);
    }
    let steps: Vec<Step> = elements
        .iter()
        .enumerate()
        .map(|(at, element)| match element {
            Element::Slot { role, list, form } => Step::Slot {
                role: *role,
                list: *list,
                form: *form,
                after_subject: after_subject[at],
            },
            Element::Gap { max } => Step::Gap { max: *max },
            Element::Words { optional, .. } => Step::Words {
                words: word_steps
                    .next()
                    .expect("one compiled word element per word element"),
                optional: *optional,
            },
        })
        .collect();
    let required = steps
        .iter()
        .filter_map(|step| match step {
            Step::Words {
                words,
                optional: false,
            } => Some(blocks(words.by_first.iter().map(|(first, _)| *first))),
            _ => None,
        })
        .collect();
    let slots = elements
        .iter()
        .filter(|e| matches!(e, Element::Slot { .. }))
        .count();
    let skeleton = steps
        .iter()
        .filter_map(|step| match step {
            Step::Slot { .. } => Some(None),
            Step::Words {
                words,
                optional: false,
            } => Some(Some(blocks(words.by_first.iter().map(|(first, _)| *first)))),
            _ => None,
        })
        .collect();
    let apposition = matches!(steps.first(), Some(Step::Slot { .. }))
        && source.split_whitespace().nth(1) == Some(",");
    Ok(Pattern {
        elements,
        steps,
        required,
        slots,
        skeleton,
        phrase: false,
        apposition,
    })
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
pub enum Item<'t> {
    /// A word or punctuation mark, lower-cased.
    Word {
        /// The lower-cased text (borrowed from the text's lower case).
        text: &'t str,
        /// Its id in the rules' [`Words`] ([`UNKNOWN`] if no pattern or
        /// class has it).
        id: WordId,
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
        /// A group's head word ("troepen" in "Russische troepen"), as a word
        /// id: a word element of a pattern may match it as it would match
        /// the word.
        head: Option<WordId>,
        /// The place of a locative phrase ("in Ankara"): a gap may skip it,
        /// as it skips an adverb.
        place: bool,
        /// A pronoun or description that coreference resolved ("hij", "de
        /// organisatie"): a slot marked `:named` does not take it.
        resolved: bool,
        /// A resolved pronoun that is only ever a subject ("hij", "zij").
        nominative: bool,
        /// A nominative right after a comma and a relative pronoun (", dat
        /// zij verwijten ..."): the relative pronoun is the clause's object,
        /// so the pronoun fills only an `{any}` slot or one marked
        /// [`Form::Nominative`], wherever the slot stands.
        after_relative: bool,
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

fn has(items: &[Item], at: usize, flag: u8) -> bool {
    matches!(items.get(at), Some(Item::Word { class, punct: false, .. }) if class & flag != 0)
}

/// Whether what starts at `start` is (part of) a preposition's object: the
/// preposition right before it, or before the prefix words of its noun
/// phrase ("volgens minister van Binnenlandse Zaken Ali Yerlikaya", "tegen
/// de regering"), or before the list it ends ("in Dakar en Ziguinchor").
fn object_of_preposition(items: &[Item], start: usize) -> bool {
    let mut at = start;
    while at > 0 {
        let before = at - 1;
        if has(items, before, PREPOSITION) {
            return true;
        }
        let list_join = (has(items, before, LIST_AND)
            || matches!(
                &items[before],
                Item::Word {
                    text: ",",
                    punct: true,
                    ..
                }
            ))
            && before > 0
            && matches!(items[before - 1], Item::Actor { .. });
        if list_join {
            at = before - 1;
        } else if has(items, before, NP_PREFIX)
            || matches!(items[before], Item::Actor { demonym: true, .. })
        {
            at = before;
        } else {
            return false;
        }
    }
    false
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

/// The positions of the bits set in `bits`, lowest first.
pub fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            bit
        })
    })
}

/// Word ids as (block, bits) in [`Present`]'s layout, blocks ascending.
fn blocks(ids: impl Iterator<Item = WordId>) -> Vec<(usize, u64)> {
    let mut blocks: BTreeMap<usize, u64> = BTreeMap::new();
    for id in ids {
        *blocks.entry(id as usize / 64).or_insert(0) |= 1 << (id % 64);
    }
    blocks.into_iter().collect()
}

/// What a sentence holds, to rule patterns out before matching them: the
/// words (and group heads) it has, and how many actors.
#[derive(Debug, Clone, Default)]
pub struct Present {
    words: Vec<u64>,
    actors: usize,
}

impl Present {
    /// What `items` hold; `vocabulary` is the number of [`Words`].
    pub fn new(items: &[Item], vocabulary: usize) -> Present {
        let mut present = Present {
            words: vec![0; vocabulary.div_ceil(64)],
            actors: 0,
        };
        for item in items {
            let id = match item {
                Item::Word { id, .. } => *id,
                Item::Actor { head, .. } => {
                    present.actors += 1;
                    head.unwrap_or(UNKNOWN)
                }
            };
            if let Some(bits) = present.words.get_mut(id as usize / 64) {
                *bits |= 1 << (id % 64);
            }
        }
        present
    }

    /// Whether the sentence has the word `id` (or a group with that head).
    pub fn has(&self, id: WordId) -> bool {
        self.words
            .get(id as usize / 64)
            .is_some_and(|bits| bits & (1 << (id % 64)) != 0)
    }

    /// Whether the sentence has one of the words of `blocks` (see [`blocks`]).
    fn has_any(&self, blocks: &[(usize, u64)]) -> bool {
        // A loop rather than `any` with a closure: this runs for every
        // required element of every rule a sentence lists.
        for &(block, bits) in blocks {
            if let Some(present) = self.words.get(block) {
                if present & bits != 0 {
                    return true;
                }
            }
        }
        false
    }
}

impl Pattern {
    /// False when the pattern cannot match a sentence holding `present`: a
    /// required word is missing, or there are fewer actors than slots.
    pub fn may_match(&self, present: &Present) -> bool {
        if present.actors < self.slots {
            return false;
        }
        for blocks in &self.required {
            if !present.has_any(blocks) {
                return false;
            }
        }
        true
    }

    /// Whether `items` hold the pattern's skeleton in order: every match
    /// passes a slot's actor and one of a required element's first words
    /// at increasing positions (a word element may match a group's head),
    /// so a sentence without them cannot match. The earliest fit of each
    /// in turn finds the skeleton if it is there.
    fn fits_in_order(&self, items: &[Item]) -> bool {
        let mut at = 0;
        for part in &self.skeleton {
            let found = items.get(at..).and_then(|rest| {
                rest.iter().position(|item| match (part, item) {
                    (None, Item::Actor { .. }) => true,
                    (None, Item::Word { .. }) => false,
                    (Some(firsts), Item::Word { id, .. }) => in_blocks(firsts, *id),
                    (Some(firsts), Item::Actor { head, .. }) => {
                        head.is_some_and(|head| in_blocks(firsts, head))
                    }
                })
            });
            match found {
                Some(offset) => at += offset + 1,
                None => return false,
            }
        }
        true
    }

    /// Whether the reading laid out in `positions` has one of the
    /// pattern's anchors (the first words of its first required word
    /// element; see [`Pattern::anchors`]) as a word, not only as a group's
    /// head.
    pub fn anchored_at(&self, positions: &Positions) -> bool {
        self.required.first().is_none_or(|blocks| {
            blocks.iter().any(|&(block, bits)| {
                positions
                    .written
                    .get(block)
                    .is_some_and(|written| written & bits != 0)
            })
        })
    }

    /// For each required word element, the ids of its first words: a
    /// sentence that lacks all of one element's cannot match.
    pub fn required_words(&self) -> impl Iterator<Item = Vec<WordId>> + '_ {
        self.required.iter().map(|blocks| {
            blocks
                .iter()
                .flat_map(|&(block, bits)| {
                    set_bits(bits).map(move |bit| (block * 64 + bit) as WordId)
                })
                .collect()
        })
    }
}

/// The slots and triggers of a match under way; each step undoes what it
/// added when it backtracks, so nothing is copied per attempt.
#[derive(Default)]
struct State {
    sources: Vec<usize>,
    targets: Vec<usize>,
    /// The actors of `{any}` slots (read by no relation).
    others: Vec<usize>,
    triggers: Vec<usize>,
    /// The ends of the lists being tried, a stack shared by the slots.
    ends: Vec<usize>,
    /// Whether each item of those lists came after a joiner, a stack like
    /// `ends` (one list's stretch from its mark up).
    joined: Vec<bool>,
}

impl State {
    fn slot(&mut self, role: Role) -> &mut Vec<usize> {
        match role {
            Role::Source => &mut self.sources,
            Role::Target => &mut self.targets,
            Role::Other => &mut self.others,
        }
    }
}

thread_local! {
    /// The state of the matcher, kept between calls so that its lists keep
    /// their room.
    static STATE: std::cell::RefCell<State> = std::cell::RefCell::new(State::default());
}

/// Whether the word `id` is one of the words of `blocks` (see [`blocks`]).
fn in_blocks(blocks: &[(usize, u64)], id: WordId) -> bool {
    let block = id as usize / 64;
    blocks
        .iter()
        .any(|&(b, bits)| b == block && bits & (1 << (id % 64)) != 0)
}

/// Every match of `pattern` in `items`, at most one per start position.
pub fn find_all(pattern: &Pattern, items: &[Item]) -> Vec<Match> {
    STATE.with_borrow_mut(|state| find_all_with(pattern, items, None, state))
}

/// [`find_all`] for a reading whose [`Positions`] are at hand: the
/// skeleton test and the start positions read its bits rather than the
/// items (the same matches).
pub fn find_all_at(pattern: &Pattern, items: &[Item], positions: &Positions) -> Vec<Match> {
    if positions.len != items.len() {
        return find_all(pattern, items);
    }
    // Most patterns tried cannot begin anywhere: that is known before the
    // matcher's state is taken.
    let starts = positions.may_start(pattern);
    if starts == 0 {
        return Vec::new();
    }
    STATE.with_borrow_mut(|state| find_all_with(pattern, items, Some((positions, starts)), state))
}

/// Where the words, group heads and actors of one reading stand, as bits
/// of their positions (a reading of at most 64 items): the skeleton test
/// becomes a few masks, and a pattern is tried only at the positions where
/// it can begin, without a look at every item for each rule.
#[derive(Debug, Default)]
pub struct Positions {
    /// For each word id, the positions of the word or of a group with it
    /// as head; zero for every word the reading lacks.
    at: Vec<u64>,
    /// The words (and heads) the reading has, as bits of [`Present`]'s
    /// blocks; zero for every block the reading lacks.
    present: Vec<u64>,
    /// The words the reading has as words (not group heads), as bits of
    /// [`Present`]'s blocks; laid out for a reading of any length.
    written: Vec<u64>,
    /// The ids set in `at`, `present` or `written`, to clear them for the
    /// next reading.
    touched: Vec<WordId>,
    /// The positions of actors.
    actors: u64,
    /// Where a pattern that opens with a slot may begin: an actor, or a
    /// word that may stand before a name.
    slot_starts: u64,
    /// The actors that are neither possessive nor demonym (what a slot of
    /// [`Form::Name`] takes), and of those the ones not resolved (what
    /// [`Form::Named`] and [`Form::Bare`] take); the possessives and the
    /// demonyms.
    plain: u64,
    named: u64,
    possessives: u64,
    demonyms: u64,
    /// The items a gap may skip, or more: every word that is no barrier,
    /// the list joiners, quotation marks and commas, and possessive,
    /// demonym and place actors.
    skippable: u64,
    /// The items that may continue a list of actors: commas and list
    /// joiners.
    separators: u64,
    /// The number of items read, or `usize::MAX` when there were more
    /// than 64 (the bits are then not used).
    len: usize,
}

thread_local! {
    /// The positions of the reading being matched, kept between readings
    /// so that the table of every word keeps its room (only the entries a
    /// reading set are cleared).
    static POSITIONS: std::cell::RefCell<Positions> = std::cell::RefCell::new(Positions::default());
}

impl Positions {
    /// Runs `f` with the positions of `items`; `vocabulary` is the number
    /// of [`Words`].
    pub fn with<R>(items: &[Item], vocabulary: usize, f: impl FnOnce(&Positions) -> R) -> R {
        POSITIONS.with_borrow_mut(|positions| {
            positions.fill(items, vocabulary);
            let result = f(positions);
            positions.clear();
            result
        })
    }

    fn fill(&mut self, items: &[Item], vocabulary: usize) {
        if self.at.len() < vocabulary {
            self.at.resize(vocabulary, 0);
            self.present.resize(vocabulary.div_ceil(64), 0);
            self.written.resize(vocabulary.div_ceil(64), 0);
        }
        if items.len() > 64 {
            self.len = usize::MAX;
            for item in items {
                if let Item::Word { id, .. } = item {
                    if let Some(written) = self.written.get_mut(*id as usize / 64) {
                        *written |= 1 << (id % 64);
                        self.touched.push(*id);
                    }
                }
            }
            return;
        }
        self.len = items.len();
        for (i, item) in items.iter().enumerate() {
            let bit = 1u64 << i;
            let id = match item {
                Item::Word {
                    id,
                    class,
                    punct,
                    text,
                } => {
                    if let Some(written) = self.written.get_mut(*id as usize / 64) {
                        *written |= 1 << (id % 64);
                    }
                    if *punct {
                        if *text == "," {
                            self.skippable |= bit;
                            self.separators |= bit;
                        } else if QUOTE_MARKS.contains(text) {
                            self.skippable |= bit;
                        }
                    } else {
                        if class & NP_PREFIX != 0 {
                            self.slot_starts |= bit;
                        }
                        if class & LIST_AND != 0 {
                            self.separators |= bit;
                            self.skippable |= bit;
                        } else if class & BARRIER == 0 {
                            self.skippable |= bit;
                        }
                    }
                    *id
                }
                Item::Actor {
                    head,
                    possessive,
                    demonym,
                    place,
                    resolved,
                    ..
                } => {
                    self.actors |= bit;
                    self.slot_starts |= bit;
                    match (possessive, demonym) {
                        (false, false) => {
                            self.plain |= bit;
                            if !resolved {
                                self.named |= bit;
                            }
                        }
                        (true, false) => self.possessives |= bit,
                        (false, true) => self.demonyms |= bit,
                        (true, true) => {}
                    }
                    if *possessive || *demonym || *place {
                        self.skippable |= bit;
                    }
                    match head {
                        Some(head) => *head,
                        None => continue,
                    }
                }
            };
            if let Some(at) = self.at.get_mut(id as usize) {
                if *at == 0 {
                    self.touched.push(id);
                }
                *at |= bit;
                self.present[id as usize / 64] |= 1 << (id % 64);
            }
        }
    }

    fn clear(&mut self) {
        for id in self.touched.drain(..) {
            self.at[id as usize] = 0;
            self.present[id as usize / 64] = 0;
            self.written[id as usize / 64] = 0;
        }
        self.actors = 0;
        self.slot_starts = 0;
        self.plain = 0;
        self.named = 0;
        self.possessives = 0;
        self.demonyms = 0;
        self.skippable = 0;
        self.separators = 0;
    }

    /// The positions of the words of `blocks` (see [`blocks`]), as words or
    /// as groups' heads.
    fn of_any(&self, blocks: &[(usize, u64)]) -> u64 {
        let mut mask = 0;
        for &(block, bits) in blocks {
            let base = block * 64;
            let mut bits = bits & self.present.get(block).copied().unwrap_or(0);
            while bits != 0 {
                mask |= self.at[base + bits.trailing_zeros() as usize];
                bits &= bits - 1;
            }
        }
        mask
    }

    /// Where a match of `pattern` may begin: the positions from which its
    /// steps, read backwards from the end of the reading, can each be
    /// passed (a word element's first word of each length followed by
    /// where the rest may begin; a gap over items it may skip; a slot's
    /// actor of its form, after at most [`MAX_PREFIX`] items, or a list
    /// of such actors joined by commas and joiners). Every position at
    /// which [`match_at`] succeeds is among them, so a start outside them
    /// need not be tried; zero when the pattern cannot match. The sets
    /// hold the end of the reading as a position, so a reading of 64
    /// items gives every position.
    fn may_start(&self, pattern: &Pattern) -> u64 {
        if self.len > 63 {
            return u64::MAX;
        }
        // Where the rest of the pattern may begin: at first, anywhere up
        // to the end of the reading.
        let mut rest = u64::MAX >> (63 - self.len);
        for step in pattern.steps.iter().rev() {
            rest = match step {
                Step::Words { words, optional } => {
                    let mut here = if *optional { rest } else { 0 };
                    for (length, firsts) in &words.firsts_by_length {
                        let after = rest >> length;
                        if after != 0 {
                            here |= self.of_any(firsts) & after;
                        }
                    }
                    here
                }
                Step::Gap { max } => {
                    let mut here = rest;
                    for _ in 0..*max {
                        let more = here | ((here >> 1) & self.skippable);
                        if more == here {
                            break;
                        }
                        here = more;
                    }
                    here
                }
                Step::Slot { list, form, .. } => {
                    let actors = match form {
                        // A nominative pronoun is a plain actor.
                        Form::Name | Form::Nominative => self.plain,
                        Form::Named | Form::Bare => self.named,
                        Form::Possessive => self.possessives,
                        Form::Demonym => self.demonyms,
                    };
                    // The actors the slot may end on (a list's first one
                    // when the list goes on to such an actor).
                    let mut last = actors & (rest >> 1);
                    if *list {
                        let joined = actors & (self.separators >> 1);
                        loop {
                            // A list's next actor stands 2 to 11 items
                            // after the one before (a separator, a
                            // repeated preposition and a word before it,
                            // prefix items).
                            let reach = spread(last >> 2, 9);
                            let more = last | (joined & reach);
                            if more == last {
                                break;
                            }
                            last = more;
                        }
                    }
                    if *form == Form::Bare {
                        last
                    } else {
                        spread(last, MAX_PREFIX)
                    }
                }
            };
            if rest == 0 {
                return 0;
            }
        }
        rest
    }
}

/// The positions at most `by` before one of `bits`: `bits` shifted down
/// by 0 to `by` (by 0 to 7 when `by` is less; `by` at most 15) in three or
/// four steps rather than a step a position.
fn spread(bits: u64, by: usize) -> u64 {
    let mut spread = bits | (bits >> 1);
    spread |= spread >> 2;
    spread |= spread >> 4;
    if by > 7 {
        spread |= spread >> (by - 7);
    }
    spread
}

/// The matches of `pattern` in `items`; with the reading's positions and
/// where a match may begin ([`Positions::may_start`], not zero) when they
/// are at hand.
fn find_all_with(
    pattern: &Pattern,
    items: &[Item],
    positions: Option<(&Positions, u64)>,
    state: &mut State,
) -> Vec<Match> {
    state.sources.clear();
    state.targets.clear();
    state.others.clear();
    state.triggers.clear();
    state.ends.clear();
    state.joined.clear();
    let mut found = Vec::new();
    let may_start = positions.map_or(u64::MAX, |(_, starts)| starts);
    if positions.is_none() && !pattern.fits_in_order(items) {
        return found;
    }
    let opens_with_slot = matches!(pattern.steps.first(), Some(Step::Slot { .. }));
    // Where a match can begin: at one of the first words of a pattern that
    // opens with required words; at a name or a noun-phrase prefix word for
    // one that opens with a slot.
    // (The first words of an opening required element are the first
    // blocks of `required`.)
    let can_begin = |item: &Item| match pattern.steps.first() {
        Some(Step::Words {
            optional: false, ..
        }) => {
            let firsts = pattern.required.first().map_or(&[][..], Vec::as_slice);
            match item {
                Item::Word { id, .. } => in_blocks(firsts, *id),
                Item::Actor {
                    head: Some(head), ..
                } => in_blocks(firsts, *head),
                Item::Actor { .. } => false,
            }
        }
        Some(Step::Slot { .. }) => match item {
            Item::Word { class, punct, .. } => !punct && class & NP_PREFIX != 0,
            Item::Actor { .. } => true,
        },
        _ => true,
    };
    // For a pattern that opens with a slot: the first actor at or after
    // the start, which the slot must reach past at most MAX_PREFIX prefix
    // items (`actor_at` takes only an actor).
    let mut next_actor = 0;
    // The starts as bits when the positions are at hand.
    let starts = positions.map(|(positions, _)| match pattern.steps.first() {
        Some(Step::Words {
            optional: false, ..
        }) => positions.of_any(pattern.required.first().map_or(&[][..], Vec::as_slice)),
        Some(Step::Slot { .. }) => positions.slot_starts,
        _ if items.is_empty() => 0,
        _ => u64::MAX >> (64 - items.len()),
    } & may_start);
    // Tries a match at `start`; false when no later start can match.
    let mut try_at = |start: usize| -> bool {
        // "volgens Ablyazov ontsloeg Tokajev ...": the object of a preposition
        // is not the subject of the clause.
        let object = if pattern.apposition {
            start > 0 && has(items, start - 1, PREPOSITION)
        } else {
            object_of_preposition(items, start)
        };
        if opens_with_slot && !pattern.phrase && object {
            return true;
        }
        if opens_with_slot {
            next_actor = next_actor.max(start);
            while items
                .get(next_actor)
                .is_some_and(|item| matches!(item, Item::Word { .. }))
            {
                next_actor += 1;
            }
            if next_actor >= items.len() {
                return false;
            }
            if next_actor - start > MAX_PREFIX {
                return true;
            }
        }
        if let Some(last) = match_at(&pattern.steps, items, start, state) {
            found.push(Match {
                sources: state.sources.clone(),
                targets: state.targets.clone(),
                triggers: state.triggers.clone(),
                first: start,
                last,
            });
            state.sources.clear();
            state.targets.clear();
            state.others.clear();
            state.triggers.clear();
            state.ends.clear();
            state.joined.clear();
        }
        true
    };
    // The starts in order: read off the bits when the positions are at
    // hand, else each item tested.
    if let Some(mut bits) = starts {
        while bits != 0 {
            let start = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if !try_at(start) {
                break;
            }
        }
    } else {
        for start in (0..items.len()).filter(|&i| can_begin(&items[i])) {
            if !try_at(start) {
                break;
            }
        }
    }
    found
}

fn word_id_at(items: &[Item], pos: usize) -> Option<WordId> {
    match items.get(pos) {
        Some(Item::Word { id, .. }) => Some(*id),
        _ => None,
    }
}

fn is_punct(items: &[Item], pos: usize) -> bool {
    matches!(items.get(pos), Some(Item::Word { punct: true, .. }))
}

/// Matches `steps` at `pos`: gives the end of the match, with its slots and
/// triggers in `state`; on failure `state` is as it was.
fn match_at(steps: &[Step], items: &[Item], pos: usize, state: &mut State) -> Option<usize> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(pos);
    };
    match step {
        Step::Words { words, optional } => {
            // The alternatives that start with the word here (or with a group's head).
            let here = match items.get(pos) {
                Some(Item::Word { id, .. }) => step.starting_with(*id),
                Some(Item::Actor {
                    head: Some(head), ..
                }) => step.starting_with(*head),
                _ => &[],
            };
            for alternative in here.iter().map(|&i| &words.alternatives[i]) {
                let group_head = |at: usize, token: WordId| matches!(items.get(at), Some(Item::Actor { head: Some(head), .. }) if *head == token);
                let fits = alternative.iter().enumerate().all(|(i, &token)| {
                    word_id_at(items, pos + i) == Some(token)
                        || (alternative.len() == 1 && group_head(pos + i, token))
                });
                if fits {
                    let mark = state.triggers.len();
                    if !optional {
                        state.triggers.extend(
                            (pos..pos + alternative.len()).filter(|&i| !is_punct(items, i)),
                        );
                    }
                    if let Some(end) = match_at(rest, items, pos + alternative.len(), state) {
                        return Some(end);
                    }
                    state.triggers.truncate(mark);
                }
            }
            if *optional {
                return match_at(rest, items, pos, state);
            }
            None
        }
        Step::Gap { max } => {
            for length in 0..=*max {
                if length > 0 {
                    let skipped = pos + length - 1;
                    // A comma or joiner inside a list of places ("in
                    // Caracas, Valencia en Maracaibo").
                    let between_places = || {
                        let place = |at: Option<usize>| {
                            matches!(
                                at.and_then(|at| items.get(at)),
                                Some(Item::Actor { place: true, .. })
                            )
                        };
                        place(skipped.checked_sub(1)) && place(Some(skipped + 1))
                    };
                    let ordinary = match items.get(skipped) {
                        // A quotation mark inside the clause ("zegde hem
                        // ‘alle steun’ toe") is skipped as a word is.
                        Some(Item::Word {
                            punct: true, text, ..
                        }) => QUOTE_MARKS.contains(text) || (*text == "," && between_places()),
                        Some(Item::Word { class, .. }) => {
                            class & BARRIER == 0 || (class & LIST_AND != 0 && between_places())
                        }
                        Some(Item::Actor {
                            possessive,
                            demonym,
                            place,
                            ..
                        }) => *possessive || *demonym || *place,
                        None => false,
                    };
                    if !ordinary {
                        return None;
                    }
                }
                // "arresteerde 8.000 mensen in Almaty": an actor right after a
                // preposition that the gap skipped is not the slot's actor,
                // nor after a preposition and the prefix words the gap
                // skipped with it ("ontsloeg de directeur van de KNB").
                let mut last = pos + length;
                while length > 0 && last > pos + 1 && has(items, last - 1, NP_PREFIX) {
                    last -= 1;
                }
                let into_prepositional_object = length > 0
                    && matches!(rest.first(), Some(Step::Slot { .. }))
                    && has(items, last - 1, PREPOSITION);
                if into_prepositional_object {
                    continue;
                }
                if let Some(end) = match_at(rest, items, pos + length, state) {
                    return Some(end);
                }
            }
            None
        }
        Step::Slot {
            role,
            list,
            form,
            after_subject,
        } => {
            // Every single actor after prefix words, nearest first; for each,
            // the longest list first, then shorter ones.
            for skip in 0..=MAX_PREFIX {
                if skip > 0 && !prefix_ok(items, pos + skip - 1, *form) {
                    break;
                }
                let Some(mention) = actor_at(items, pos + skip, *form) else {
                    continue;
                };
                // "Masimov ontsloeg hij": "hij" is the subject, so
                // Masimov is no source of an active verb.
                let (nominative, after_relative) = match items.get(pos + skip) {
                    Some(Item::Actor {
                        nominative,
                        after_relative,
                        ..
                    }) => (*nominative, *after_relative),
                    _ => (false, false),
                };
                if nominative
                    && (*after_subject || after_relative)
                    && *form != Form::Nominative
                    && *role != Role::Other
                {
                    continue;
                }
                // A pattern that ends with this slot does not end on a
                // compound's modifier ("sprak met IMF-onderhandelaar Peter
                // Breuer": Breuer is the actor; "verweet de EU-ambassadeur":
                // no actor).
                let modifier = compound_head(items, pos + skip).is_some()
                    || (word_text(items, pos + skip + 1) == Some("-")
                        && matches!(
                            items.get(pos + skip + 2),
                            Some(Item::Word { punct: false, .. })
                        ));
                if rest.is_empty() && modifier {
                    continue;
                }
                let mark = state.ends.len();
                // What an earlier slot of the same role holds (a second
                // `{src}`) stays.
                let base = state.slot(*role).len();
                state.slot(*role).push(mention);
                let mut end = pos + skip + 1;
                state.ends.push(end);
                // Whether each item came after a joiner ("en"), not only
                // after a comma: a list that ends the pattern needs one
                // ("achter Filipijnen, Peking reageert" is no list, "achter
                // Rusland, Armenië en Belarus" is); inside the pattern what
                // follows confirms it ("Rusland, de EU, de VS steunen").
                let joined_mark = state.joined.len();
                state.joined.push(true);
                if *list {
                    // "met Zelensky en (daarna) met Nausėda": the preposition
                    // before the list may come back after its joiner.
                    let repeated = pos
                        .checked_sub(1)
                        .filter(|&p| has(items, p, PREPOSITION))
                        .and_then(|p| word_id_at(items, p));
                    loop {
                        let (separator, and) = match items.get(end) {
                            Some(Item::Word { punct: true, .. }) => {
                                (word_text(items, end) == Some(","), false)
                            }
                            Some(Item::Word { .. }) => (has(items, end, LIST_AND), true),
                            _ => (false, false),
                        };
                        if !separator {
                            break;
                        }
                        let mut next_at = end + 1;
                        if repeated.is_some() {
                            let ordinary = |at: usize| matches!(items.get(at), Some(Item::Word { class, punct: false, .. }) if class & BARRIER == 0);
                            if word_id_at(items, next_at) == repeated {
                                next_at += 1;
                            } else if ordinary(next_at)
                                && word_id_at(items, next_at + 1) == repeated
                            {
                                next_at += 2;
                            }
                        }
                        let Some((next_end, next)) = first_actor(items, next_at, *form) else {
                            break;
                        };
                        end = next_end;
                        state.slot(*role).push(next);
                        state.ends.push(end);
                        state.joined.push(and);
                    }
                }
                for length in (1..=state.ends.len() - mark).rev() {
                    if !state.joined[joined_mark + length - 1] && rest.is_empty() {
                        continue;
                    }
                    state.slot(*role).truncate(base + length);
                    let end = state.ends[mark + length - 1];
                    if let Some(last) = match_at(rest, items, end, state) {
                        return Some(last);
                    }
                }
                state.slot(*role).truncate(base);
                state.ends.truncate(mark);
                state.joined.truncate(joined_mark);
            }
            None
        }
    }
}

fn word_text<'t>(items: &[Item<'t>], pos: usize) -> Option<&'t str> {
    match items.get(pos) {
        Some(Item::Word { text, .. }) => Some(text),
        _ => None,
    }
}

/// Whether the item at `at` may stand before the slot's actor: a word of
/// the class `np_prefix`, a demonym, a possessive before such a word
/// ("Fico’s partij Smer"), a number ("20.000 bandieten") or an opening
/// quote ("‘20.000 bandieten’").
fn prefix_ok(items: &[Item], at: usize, form: Form) -> bool {
    if form == Form::Bare {
        return false;
    }
    // "de oud-bankier Ricardo Valdivia": any word after "oud-" or "ex-".
    let after_former = at >= 2
        && word_text(items, at - 1) == Some("-")
        && has(items, at - 2, NP_PREFIX)
        && matches!(items.get(at), Some(Item::Word { punct: false, class, .. }) if class & BARRIER == 0);
    if after_former || in_compound_modifier(items, at) {
        return true;
    }
    match items.get(at) {
        Some(Item::Word {
            class,
            punct: false,
            text,
            ..
        }) => class & NP_PREFIX != 0 || is_number(text),
        Some(Item::Word {
            punct: true, text, ..
        }) => OPENING_QUOTES.contains(text),
        Some(Item::Actor { demonym: true, .. }) => form != Form::Demonym,
        // "Fico’s partij Smer": a possessive before a prefix word.
        Some(Item::Actor {
            possessive: true, ..
        }) => matches!(form, Form::Name | Form::Named) && has(items, at + 1, NP_PREFIX),
        Some(Item::Actor { .. }) => describes_name(items, at),
        _ => false,
    }
}

/// Quotation marks that open a quote.
const OPENING_QUOTES: [&str; 5] = ["‘", "“", "„", "«", "\""];

/// Quotation marks, opening and closing, that a gap may skip.
const QUOTE_MARKS: [&str; 8] = ["‘", "’", "“", "”", "„", "«", "»", "\""];

/// Whether a punctuation item is a quotation mark.
pub(crate) fn is_quote(text: &str) -> bool {
    QUOTE_MARKS.contains(&text)
}

/// "20.000", "2500", "1,5": digits with separators.
fn is_number(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The mention at `at` if it can fill a slot that takes `form`.
fn actor_at(items: &[Item], at: usize, form: Form) -> Option<usize> {
    if describes_name(items, at) {
        return None;
    }
    let bare = form == Form::Bare;
    if bare
        && at > 0
        && (has(items, at - 1, NP_PREFIX)
            || matches!(items.get(at - 1), Some(Item::Actor { demonym: true, .. })))
    {
        return None;
    }
    match items.get(at) {
        Some(Item::Actor {
            mention,
            possessive,
            demonym,
            resolved,
            nominative,
            ..
        }) if (*possessive, *demonym) == (form == Form::Possessive, form == Form::Demonym)
            && !(*resolved && matches!(form, Form::Named | Form::Bare))
            && (form != Form::Nominative || *nominative) =>
        {
            Some(*mention)
        }
        _ => None,
    }
}

/// "IMF-onderhandelaar Peter Breuer", "ECOWAS-voorzitter Julius Maada Bio":
/// an actor joined by a hyphen to a word right before a name modifies that
/// name, which is the phrase's actor. Gives the name's position.
pub(crate) fn compound_head(items: &[Item], at: usize) -> Option<usize> {
    let plain = |item: Option<&Item>| {
        matches!(
            item,
            Some(Item::Actor {
                possessive: false,
                demonym: false,
                ..
            })
        )
    };
    let word = |at: usize| matches!(items.get(at), Some(Item::Word { punct: false, class, .. }) if class & BARRIER == 0);
    if !(plain(items.get(at)) && word_text(items, at + 1) == Some("-") && word(at + 2)) {
        return None;
    }
    // A hyphenated title may go on: "NAVO-secretaris-generaal Mark Rutte".
    let mut head = at + 3;
    for _ in 0..MAX_COMPOUND_PARTS - 1 {
        if word_text(items, head) == Some("-") && word(head + 1) {
            head += 2;
        } else {
            break;
        }
    }
    matches!(
        items.get(head),
        Some(Item::Actor {
            head: None,
            possessive: false,
            demonym: false,
            ..
        })
    )
    .then_some(head)
}

/// The most hyphenated words of a title after a compound's modifier
/// ("adjunct-secretaris-generaal": three).
const MAX_COMPOUND_PARTS: usize = 3;

/// Whether the item at `at` belongs to a compound modifier before a name
/// (see [`compound_head`]).
fn in_compound_modifier(items: &[Item], at: usize) -> bool {
    (at.saturating_sub(2 * MAX_COMPOUND_PARTS)..=at)
        .any(|a| compound_head(items, a).is_some_and(|head| at < head))
}

/// Whether the item at `at` is a group's noun phrase right before a name,
/// which it describes ("de Kirgizische veiligheidsdienst GKNB"): the name is
/// the actor, the group words only its prefix.
fn describes_name(items: &[Item], at: usize) -> bool {
    matches!(
        items.get(at),
        Some(Item::Actor {
            head: Some(_),
            possessive: false,
            demonym: false,
            ..
        })
    ) && matches!(
        items.get(at + 1),
        Some(Item::Actor {
            head: None,
            possessive: false,
            demonym: false,
            ..
        })
    )
}

/// The nearest actor after optional noun-phrase prefix words: (end, mention).
fn first_actor(items: &[Item], pos: usize, form: Form) -> Option<(usize, usize)> {
    for skip in 0..=MAX_PREFIX {
        if skip > 0 && !prefix_ok(items, pos + skip - 1, form) {
            break;
        }
        if let Some(mention) = actor_at(items, pos + skip, form) {
            return Some((pos + skip + 1, mention));
        }
    }
    None
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
            &mut Words::default(),
        )
        .expect("valid");
        assert_eq!(p.elements.len(), 7);
        assert_eq!(
            p.elements[0],
            Element::Slot {
                role: Role::Target,
                list: true,
                form: Form::Name
            }
        );
        assert_eq!(p.elements[2], Element::Gap { max: 3 });
        assert_eq!(
            p.elements[6],
            Element::Words {
                alternatives: vec![vec!["oud".into(), "-".into(), "premier".into()]].into(),
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
            "{src} samen met {src} en {src} ontsloeg {tgt}",
        ] {
            assert!(
                parse(bad, &classes(), &mut Words::default()).is_err(),
                "{bad} should be rejected"
            );
        }
    }

    fn vocabulary(words: &mut Words) {
        for (class, flag) in [
            (&["de", "president"][..], NP_PREFIX),
            (&["en", "dat"], BARRIER),
            (&["en"], LIST_AND),
            (&["volgens"], PREPOSITION),
        ] {
            for word in class {
                words.add_class(word, flag);
            }
        }
    }

    /// "de president A ontsloeg gisteren B , C en D".
    fn dismissal_of_a_list(words: &Words) -> Vec<Item<'static>> {
        let word = |text: &'static str| word(words, text);
        vec![
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
        ]
    }

    fn word<'t>(words: &Words, text: &'t str) -> Item<'t> {
        let id = words.id(text);
        Item::Word {
            text,
            id,
            punct: text.chars().all(|c| !c.is_alphanumeric()),
            class: words.class(id),
        }
    }

    fn actor(mention: usize) -> Item<'static> {
        Item::Actor {
            mention,
            possessive: false,
            demonym: false,
            head: None,
            place: false,
            resolved: false,
            nominative: false,
            after_relative: false,
        }
    }

    #[test]
    fn an_any_slot_takes_an_actor_for_neither_end() {
        let mut words = Words::default();
        let p = parse(
            "{src} benoemde {any} tot {tgt}",
            &BTreeMap::new(),
            &mut words,
        )
        .expect("valid");
        vocabulary(&mut words);
        let word = |text: &'static str| word(&words, text);
        // A benoemde B tot C
        let items = vec![actor(0), word("benoemde"), actor(1), word("tot"), actor(2)];
        let found = find_all(&p, &items);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (&found[0].sources[..], &found[0].targets[..]),
            (&[0][..], &[2][..])
        );
        // Without an actor for it, no match.
        let items = vec![actor(0), word("benoemde"), word("tot"), actor(2)];
        assert!(find_all(&p, &items).is_empty());
        assert!(parse(
            "{src} benoemde {iets} tot {tgt}",
            &BTreeMap::new(),
            &mut words
        )
        .is_err());
    }

    #[test]
    fn slot_lists_gaps_and_barriers() {
        let mut words = Words::default();
        let p = parse("{src} ontsloeg ... {tgt+}", &BTreeMap::new(), &mut words).expect("valid");
        vocabulary(&mut words);
        let word = |text: &'static str| word(&words, text);
        let items = dismissal_of_a_list(&words);
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

    #[test]
    fn the_starts_read_off_the_positions_give_the_same_matches() {
        let mut words = Words::default();
        let patterns: Vec<Pattern> = [
            "{src} ontsloeg ... {tgt+}",
            "@preposition? {src:bare} van {tgt:named}",
            "{tgt+} ...2 ontslagen door {src}",
            "{src} benoemde {any} tot {tgt:possessive} opvolger",
        ]
        .iter()
        .map(|source| {
            let mut classes = BTreeMap::new();
            classes.insert("preposition".to_string(), vec!["volgens".to_string()]);
            parse(source, &classes, &mut words).expect("valid")
        })
        .collect();
        vocabulary(&mut words);
        let word = |text: &'static str| word(&words, text);
        let possessive = |mention| {
            let mut item = actor(mention);
            if let Item::Actor { possessive, .. } = &mut item {
                *possessive = true;
            }
            item
        };
        let sentences = vec![
            dismissal_of_a_list(&words),
            vec![word("volgens"), actor(0), word("van"), actor(1)],
            vec![
                actor(0),
                word("van"),
                word("de"),
                actor(1),
                word("ontsloeg"),
                actor(2),
            ],
            vec![
                actor(0),
                word(","),
                actor(1),
                word("werden"),
                word("gisteren"),
                word("ontslagen"),
                word("door"),
                actor(2),
            ],
            vec![
                actor(0),
                word("benoemde"),
                actor(1),
                word("tot"),
                possessive(2),
                word("opvolger"),
            ],
            vec![
                actor(0),
                word("dat"),
                word("ontsloeg"),
                word("en"),
                actor(1),
            ],
        ];
        for items in &sentences {
            for pattern in &patterns {
                let at = Positions::with(items, words.len(), |positions| {
                    find_all_at(pattern, items, positions)
                });
                assert_eq!(
                    at,
                    find_all(pattern, items),
                    "{:?} in {items:?}",
                    pattern.elements
                );
            }
        }
    }
}
