//! Actors: the lexicon of known actors and their mentions in a text.
//!
//! Takes: the actor lexicon (`data/actors.toml`, as [`ActorEntry`] values) and
//! an analysed [`Text`].
//! Gives: [`Mention`]s: every place where an actor's name (or a possessive
//! form of it, or a country's demonym) occurs, on word boundaries, longest
//! match first, never inside a photo credit.
//! Does not: discover names that are not in the lexicon, or resolve pronouns.

mod names;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::text::{SentenceKind, Span, Text};

/// The five actor types of the ontology (shared/relations.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    /// A named individual.
    Person,
    /// A named organisation, alliance, party, service, ministry, company, medium.
    Organization,
    /// A state, also when it stands for its government.
    Country,
    /// A city, region, square or other place.
    Location,
    /// A collective actor without a proper name.
    Group,
}

impl ActorType {
    /// Every type, in a fixed order.
    pub const ALL: [ActorType; 5] = [
        ActorType::Person,
        ActorType::Organization,
        ActorType::Country,
        ActorType::Location,
        ActorType::Group,
    ];

    /// The name used in data and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::Person => "person",
            ActorType::Organization => "organization",
            ActorType::Country => "country",
            ActorType::Location => "location",
            ActorType::Group => "group",
        }
    }
}

impl fmt::Display for ActorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `[[actor]]` of the lexicon, as written in data/actors.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// The canonical name; the node id is its slug.
    pub name: String,
    /// The actor type.
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// Other spellings of the same actor.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives that stand for a country ("Kazachse").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Nouns for a country's people ("Kazachen"); discovery reads them (the
    /// country, or its population), the lexicon's automaton does not.
    #[serde(default)]
    pub people: Vec<String>,
    /// The country the actor belongs to, by canonical name.
    #[serde(default)]
    pub country: Option<String>,
    /// Roles and offices ("president van Kazachstan").
    #[serde(default)]
    pub roles: Vec<String>,
    /// Wikidata id ("Q7747").
    #[serde(default)]
    pub wikidata: Option<String>,
    /// Grammatical gender for pronouns: "m" or "f".
    #[serde(default)]
    pub gender: Option<String>,
}

/// An actor, with its id: from the lexicon, or discovered in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The slug of the canonical name.
    pub id: String,
    /// The lexicon entry, or the entry made for a discovered actor.
    pub entry: ActorEntry,
    /// Why a discovered actor was recognised and typed ("title: generaal");
    /// `None` for the lexicon's actors.
    pub reason: Option<String>,
}

/// The actors a document's mentions refer to: indices below the lexicon's
/// size are the lexicon's actors, the ones after it were discovered in the
/// document.
#[derive(Debug, Clone, Copy)]
pub struct Actors<'a> {
    /// The lexicon.
    pub lexicon: &'a ActorLexicon,
    /// The actors discovered in the document.
    pub discovered: &'a [Actor],
}

impl<'a> Actors<'a> {
    /// The actor at `index`.
    pub fn get(&self, index: usize) -> &'a Actor {
        match index.checked_sub(self.lexicon.actors.len()) {
            Some(local) => &self.discovered[local],
            None => &self.lexicon.actors[index],
        }
    }

    /// How many actors there are.
    pub fn len(&self) -> usize {
        self.lexicon.actors.len() + self.discovered.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How a pattern must match the case of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// All capitals ("CSTO"): exactly as written.
    Exact,
    /// Starts with a capital: the match must start with a capital.
    Capitalised,
    /// Written in lower case: any case.
    Any,
}

#[derive(Debug, Clone)]
struct PatternInfo {
    actor: usize,
    demonym: bool,
    case: CaseRule,
}

/// The compiled actor lexicon: the actors and the matchers of all their names.
#[derive(Debug, Clone)]
pub struct ActorLexicon {
    actors: Vec<Actor>,
    patterns: Vec<PatternInfo>,
    surfaces: Vec<String>,
    matchers: Matchers,
    by_name: BTreeMap<String, usize>,
    /// Each actor's country (`entry.country`) as the actor it names, looked
    /// up once here rather than for every mention of a place.
    countries: Vec<Option<usize>>,
    /// The actors by each of their roles in lower case, in lexicon order,
    /// each once ([`ActorLexicon::holders`]).
    by_role: HashMap<String, Vec<usize>, foldhash::fast::FixedState>,
}

/// How many bytes of text the lexicon matches with its trie before it
/// builds the DFA: the DFA reads a byte in some 30 instructions to the
/// trie's 40 but costs some 290 M instructions to build (the trie some
/// 10 M), so a small input never builds it.
const DFA_AFTER_BYTES: usize = 1 << 20;

/// The matchers of every surface form: the trie, built with the lexicon,
/// and an Aho-Corasick DFA, built once enough text has been matched. Both
/// give the same matches.
#[derive(Debug)]
struct Matchers {
    trie: names::Names,
    /// `None` inside if the DFA could not be built (the trie goes on).
    dfa: OnceLock<Option<AhoCorasick>>,
    /// The bytes matched so far, by every thread.
    matched: AtomicUsize,
}

impl Clone for Matchers {
    fn clone(&self) -> Matchers {
        Matchers {
            trie: self.trie.clone(),
            dfa: self.dfa.clone(),
            matched: AtomicUsize::new(self.matched.load(Ordering::Relaxed)),
        }
    }
}

/// The DFA over `surfaces`, as the lexicon matches them: every match of
/// every pattern, ASCII letters in either case.
fn build_dfa(surfaces: &[String]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(surfaces)
}

/// A mention of an actor in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the actor in the lexicon ([`ActorLexicon::actor`]).
    pub actor: usize,
    /// Where it is in the normalized text, possessive `s` included.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// "Nazarbajevs rechterhand": the name is a determiner of another noun.
    pub possessive: bool,
    /// A demonym ("Kazachse") standing for its country.
    pub demonym: bool,
    /// A pronoun resolved to this actor by the coreference stage.
    pub pronoun: bool,
    /// How the mention was recognised.
    pub source: MentionSource,
}

impl Mention {
    /// A plain mention of `actor` at `span` in the sentence `sentence`,
    /// recognised by `source` (neither possessive nor demonym; a pronoun when
    /// `source` is [`MentionSource::Pronoun`]).
    pub fn new(actor: usize, span: Span, sentence: usize, source: MentionSource) -> Mention {
        Mention {
            actor,
            span,
            sentence,
            possessive: false,
            demonym: false,
            pronoun: source == MentionSource::Pronoun,
            source,
        }
    }

    /// A pronoun at `span` in the sentence `sentence`, resolved to `actor`.
    pub fn pronoun(actor: usize, span: Span, sentence: usize) -> Mention {
        Mention::new(actor, span, sentence, MentionSource::Pronoun)
    }
}

/// How a mention was recognised (for audits: mentions.jsonl).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionSource {
    /// A name or alias of the lexicon.
    Lexicon,
    /// Another spelling of a lexicon name, by transliteration key.
    Spelling,
    /// A name typed by a cue (its actor's reason says which).
    Cue,
    /// A surname (or its possessive) of a full name in the document.
    Surname,
    /// A given name (or its possessive) of a full name in the document,
    /// standing alone ("Abiy" for Abiy Ahmed, "Kim" for Kim Yong-hyun).
    GivenName,
    /// A group's noun phrase.
    Group,
    /// A pronoun resolved to its antecedent.
    Pronoun,
    /// A definite description ("de Russische president").
    Description,
    /// A people noun standing for its country ("De Amerikanen").
    People,
    /// An abbreviation in brackets right after an organisation's name, and
    /// that abbreviation later in the document ("de Rapid Support Forces
    /// (RSF)").
    Abbreviation,
}

impl MentionSource {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionSource::Lexicon => "lexicon",
            MentionSource::Spelling => "lexicon spelling variant",
            MentionSource::Cue => "cue",
            MentionSource::Surname => "surname of a full name in the document",
            MentionSource::GivenName => "given name of a full name in the document",
            MentionSource::Group => "group",
            MentionSource::Pronoun => "pronoun",
            MentionSource::Description => "definite description",
            MentionSource::People => "people noun (stands for the country)",
            MentionSource::Abbreviation => "abbreviation of a name before it in brackets",
        }
    }
}

/// Turns a name into an id: lower case, letters and digits kept, everything
/// else collapsed into single hyphens.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    let mut rest = name;
    while !rest.is_empty() {
        // A run of ASCII letters and digits (most of a name): copied and
        // lowered as a whole, without the Unicode tables.
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if run > 0 {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            let from = out.len();
            out.push_str(&rest[..run]);
            out[from..].make_ascii_lowercase();
            rest = &rest[run..];
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        if c.is_ascii() {
            // Any other ASCII character separates.
            pending_hyphen = true;
            continue;
        }
        for lower in c.to_lowercase() {
            if lower.is_alphanumeric() {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(lower);
            } else {
                pending_hyphen = true;
            }
        }
    }
    out
}

fn case_rule(surface: &str) -> CaseRule {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        CaseRule::Exact
    } else if letters.iter().any(|c| c.is_uppercase()) {
        CaseRule::Capitalised
    } else {
        CaseRule::Any
    }
}

impl ActorLexicon {
    /// Compiles the entries. Returns the problems found (duplicate ids, a
    /// spelling that names two actors, empty names) as `(needle, message)`
    /// pairs, where `needle` locates the problem in the source file.
    pub fn new(
        entries: Vec<ActorEntry>,
    ) -> std::result::Result<ActorLexicon, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let mut actors = Vec::with_capacity(entries.len());
        let mut by_name = BTreeMap::new();
        let mut owner: BTreeMap<String, usize> = BTreeMap::new();
        let mut surfaces = Vec::new();
        let mut patterns = Vec::new();
        for (index, entry) in entries.into_iter().enumerate() {
            let id = slug(&entry.name);
            if id.is_empty() {
                problems.push((
                    entry.name.clone(),
                    format!("actor name {:?} has no letters", entry.name),
                ));
                continue;
            }
            let spellings = std::iter::once((&entry.name, false))
                .chain(entry.aliases.iter().map(|a| (a, false)))
                .chain(entry.demonyms.iter().map(|d| (d, true)));
            for (surface, demonym) in spellings {
                let surface = surface.trim();
                if surface.is_empty() {
                    problems.push((
                        entry.name.clone(),
                        format!("actor {:?} has an empty alias", entry.name),
                    ));
                    continue;
                }
                let key = surface.to_lowercase();
                match owner.get(&key) {
                    Some(&other) if other != index => problems.push((
                        surface.to_string(),
                        format!(
                            "the spelling {surface:?} names two actors ({:?} and {:?}); keep it on one",
                            actors.get(other).map(|a: &Actor| a.entry.name.as_str()).unwrap_or("?"),
                            entry.name
                        ),
                    )),
                    Some(_) if surfaces.iter().any(|known| known == surface) => {}
                    Some(_) => {
                        surfaces.push(surface.to_string());
                        patterns.push(PatternInfo { actor: index, demonym, case: case_rule(surface) });
                    }
                    None => {
                        owner.insert(key, index);
                        surfaces.push(surface.to_string());
                        patterns.push(PatternInfo { actor: index, demonym, case: case_rule(surface) });
                    }
                }
            }
            if by_name.insert(id.clone(), index).is_some() {
                problems.push((
                    entry.name.clone(),
                    format!("two actors have the id {id:?}; give them distinct names"),
                ));
            }
            for alias in &entry.aliases {
                by_name.entry(slug(alias)).or_insert(index);
            }
            actors.push(Actor {
                id,
                entry,
                reason: None,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let countries = actors
            .iter()
            .map(|a| {
                a.entry
                    .country
                    .as_deref()
                    .and_then(|c| by_name.get(&slug(c)).copied())
            })
            .collect();
        let mut by_role: HashMap<String, Vec<usize>, foldhash::fast::FixedState> =
            HashMap::default();
        for (index, actor) in actors.iter().enumerate() {
            for role in &actor.entry.roles {
                let holders = by_role.entry(role.to_lowercase()).or_default();
                if holders.last() != Some(&index) {
                    holders.push(index);
                }
            }
        }
        Ok(ActorLexicon {
            actors,
            patterns,
            matchers: Matchers {
                trie: names::Names::new(&surfaces),
                dfa: OnceLock::new(),
                matched: AtomicUsize::new(0),
            },
            surfaces,
            by_name,
            countries,
            by_role,
        })
    }

    /// The actor at `index`.
    pub fn actor(&self, index: usize) -> &Actor {
        &self.actors[index]
    }

    /// The DFA to match a text of `len` bytes with, once
    /// [`DFA_AFTER_BYTES`] have been matched (built by the first text that
    /// needs it); `None` before (or if it could not be built): the trie.
    fn dfa(&self, len: usize) -> Option<&AhoCorasick> {
        let matchers = &self.matchers;
        if let Some(dfa) = matchers.dfa.get() {
            return dfa.as_ref();
        }
        if matchers.matched.fetch_add(len, Ordering::Relaxed) < DFA_AFTER_BYTES {
            return None;
        }
        matchers
            .dfa
            .get_or_init(|| build_dfa(&self.surfaces).ok())
            .as_ref()
    }

    /// The actors with a role that is `role` in lower case (as
    /// `to_lowercase` of it gives), in lexicon order.
    pub fn holders(&self, role: &str) -> &[usize] {
        self.by_role.get(role).map_or(&[], Vec::as_slice)
    }

    /// All actors, in lexicon order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor named by `name` (its canonical name, an alias or an id).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_name.get(&slug(name)).copied()
    }

    /// The actor that the country of the actor at `index` names (what
    /// [`ActorLexicon::lookup`] of its `country` gives).
    pub fn country_of(&self, index: usize) -> Option<usize> {
        self.countries.get(index).copied().flatten()
    }

    /// Finds every mention in `text`.
    pub fn find(&self, text: &Text) -> Vec<Mention> {
        find_mentions(self, text)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// After a name: nothing, or a possessive `s`/`'s`, then a word boundary.
/// Returns the length of the possessive ending, or `None` when the match
/// runs on into a longer word.
fn possessive_ending(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    match chars.next() {
        None => Some(0),
        Some(c) if !is_word_char(c) && c != '\'' && c != '’' => Some(0),
        Some('s') => match chars.next() {
            Some(c) if is_word_char(c) => None,
            _ => Some(1),
        },
        Some(q @ ('\'' | '’')) => {
            let after = &rest[q.len_utf8()..];
            let mut tail = after.chars();
            match (tail.next(), tail.next()) {
                (Some('s'), next) if !next.is_some_and(is_word_char) => Some(q.len_utf8() + 1),
                _ => Some(0),
            }
        }
        Some(_) => None,
    }
}

fn case_matches(rule: CaseRule, surface: &str, found: &str) -> bool {
    match rule {
        CaseRule::Exact => surface == found,
        // The alias's first capital is a capital in the text ("het Westen"
        // is not "het westen"); later capitals may vary ("Democratische
        // keuze"), and small letters may be either.
        CaseRule::Capitalised => surface
            .chars()
            .zip(found.chars())
            .find(|(s, _)| s.is_uppercase())
            .is_none_or(|(_, f)| f.is_uppercase()),
        CaseRule::Any => true,
    }
}

/// The length of the possessive ending after `pattern` found at
/// `start..end` of a sentence's `body` (0: none), or `None` when the match
/// is not a name there: it is part of a hyphenated name ("Latijns-",
/// "Noord-"), runs on into a longer word, or breaks the pattern's case rule.
fn name_ending(
    lexicon: &ActorLexicon,
    body: &str,
    start: usize,
    end: usize,
    pattern: usize,
) -> Option<usize> {
    let info = &lexicon.patterns[pattern];
    // After "Latijns-" or "Noord-" a name is the head of another name
    // ("Latijns-Amerikaanse", "Noord-Ierse"); after a lower-case prefix
    // a name is itself ("anti-Poetin", "EU-Oekraïne"), but a demonym
    // is an attitude, not the country: "de pro-Russische president"
    // is no president of Russia.
    if let Some(before) = body[..start].strip_suffix('-') {
        let part = before
            .rsplit(|c: char| !is_word_char(c))
            .next()
            .unwrap_or_default();
        if part.chars().next().is_some_and(char::is_uppercase) || (info.demonym && !part.is_empty())
        {
            return None;
        }
    }
    let ending = possessive_ending(&body[end..])?;
    case_matches(info.case, &lexicon.surfaces[pattern], &body[start..end]).then_some(ending)
}

/// Finds every mention of a lexicon actor in `text`, longest match first.
pub fn find_mentions(lexicon: &ActorLexicon, text: &Text) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let dfa = lexicon.dfa(text.text.len());
    // Each sentence's matches (start, end, ending, pattern), in one buffer.
    let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let body = text.slice(sentence.span);
        candidates.clear();
        // Only where a word may start: no letter or digit before it.
        let mut candidate = |start: usize, end: usize, pattern: usize| {
            if let Some(ending) = name_ending(lexicon, body, start, end, pattern) {
                candidates.push((start, end, ending, pattern));
            }
        };
        match dfa {
            Some(dfa) => {
                for found in dfa.find_overlapping_iter(body) {
                    if !body[..found.start()]
                        .chars()
                        .next_back()
                        .is_some_and(is_word_char)
                    {
                        candidate(found.start(), found.end(), found.pattern().as_usize());
                    }
                }
            }
            None => lexicon.matchers.trie.find(body, candidate),
        }
        // Leftmost first, then longest; no overlaps.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut taken_until = 0;
        for &(start, end, ending, pattern) in &candidates {
            if start < taken_until {
                continue;
            }
            let info = &lexicon.patterns[pattern];
            taken_until = end + ending;
            mentions.push(Mention {
                actor: info.actor,
                span: Span::new(
                    sentence.span.start + start,
                    sentence.span.start + end + ending,
                ),
                sentence: index,
                possessive: ending > 0,
                demonym: info.demonym,
                pronoun: false,
                source: MentionSource::Lexicon,
            });
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{analyze, TextRules};

    fn lexicon() -> ActorLexicon {
        let entry = |name: &str, kind, aliases: &[&str], demonyms: &[&str]| ActorEntry {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            demonyms: demonyms.iter().map(|d| d.to_string()).collect(),
            people: Vec::new(),
            country: None,
            roles: vec![],
            wikidata: None,
            gender: None,
        };
        ActorLexicon::new(vec![
            entry(
                "Kassym-Jomart Tokajev",
                ActorType::Person,
                &["Tokajev", "Kasym-Zjomart Tokajev"],
                &[],
            ),
            entry(
                "CSTO",
                ActorType::Organization,
                &["Collectieve Veiligheidsorganisatie"],
                &[],
            ),
            entry("Rusland", ActorType::Country, &[], &["Russische"]),
            entry(
                "Belarus",
                ActorType::Country,
                &["Wit-Rusland"],
                &["Wit-Russische"],
            ),
            entry("Verenigde Staten", ActorType::Country, &["VS"], &[]),
            entry(
                "nationale veiligheidsraad",
                ActorType::Organization,
                &[],
                &[],
            ),
        ])
        .expect("valid lexicon")
    }

    /// The trie's matches of `body` and the DFA's that follow no
    /// alphanumeric character, in the order each gives them.
    fn both_matchers(lexicon: &ActorLexicon, body: &str) -> [Vec<(usize, usize, usize)>; 2] {
        let mut trie = Vec::new();
        lexicon
            .matchers
            .trie
            .find(body, |start, end, pattern| trie.push((start, end, pattern)));
        let dfa = build_dfa(&lexicon.surfaces).expect("the DFA builds");
        let mut by_dfa: Vec<(usize, usize, usize)> = dfa
            .find_overlapping_iter(body)
            .filter(|m| {
                !body[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // The DFA reports by end, the trie by start: the same matches of
        // one (start, end) come in pattern order in both.
        by_dfa.sort_by_key(|&(start, end, _)| (start, end));
        [trie, by_dfa]
    }

    #[test]
    fn the_trie_finds_what_the_dfa_finds() {
        let data = crate::data::Lexicon::builtin().expect("built-in data is valid");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
        let mut texts: Vec<String> = std::fs::read_dir(corpus)
            .expect("data/corpus")
            .map(|f| std::fs::read_to_string(f.expect("a file").path()).expect("text"))
            .collect();
        texts.extend(
            [
                "de VS en de vs, Verenigde Staten's; anti-Poetin, Noord-Ierse",
                "éRusland Rusland’s Ruslands ruslandse Ruslan Kazachstan\u{301}",
                "CSTO-troepen (CSTO) 'CSTO' zo'n Oekraïne Oekraïense Wit-Rusland",
            ]
            .map(str::to_string),
        );
        for text in &texts {
            for line in text.lines() {
                let [trie, dfa] = both_matchers(&data.actors, line);
                assert_eq!(trie, dfa, "{line}");
            }
        }
    }

    fn rules() -> TextRules {
        toml::from_str(include_str!("../data/nl/text.toml")).expect("valid text rules")
    }

    fn found(text: &str) -> Vec<(String, String, bool, bool)> {
        let lexicon = lexicon();
        let analysed = analyze(&rules(), text);
        find_mentions(&lexicon, &analysed)
            .into_iter()
            .map(|m| {
                let id = lexicon.actor(m.actor).id.clone();
                (
                    analysed.slice(m.span).to_string(),
                    id,
                    m.possessive,
                    m.demonym,
                )
            })
            .collect()
    }

    #[test]
    fn longest_match_first_and_every_spelling_is_one_actor() {
        let got = found("Kasym-Zjomart Tokajev sprak. Tokajev zweeg.");
        assert_eq!(
            got,
            vec![
                (
                    "Kasym-Zjomart Tokajev".to_string(),
                    "kassym-jomart-tokajev".to_string(),
                    false,
                    false
                ),
                (
                    "Tokajev".to_string(),
                    "kassym-jomart-tokajev".to_string(),
                    false,
                    false
                ),
            ]
        );
    }

    #[test]
    fn word_boundaries_and_possessives() {
        // Inside a longer word: no mention; possessive s and 's: the actor itself.
        assert!(found("De Ruslandkenner sprak.").is_empty());
        let got = found("Tokajevs idee en Ruslands plan.");
        assert_eq!(
            got[0],
            (
                "Tokajevs".to_string(),
                "kassym-jomart-tokajev".to_string(),
                true,
                false
            )
        );
        assert_eq!(
            got[1],
            ("Ruslands".to_string(), "rusland".to_string(), true, false)
        );
        // A hyphen is a boundary: "CSTO-lidstaten" names the CSTO.
        assert_eq!(found("De CSTO-lidstaten kwamen samen.")[0].1, "csto");
    }

    #[test]
    fn case_rules() {
        // All capitals must match exactly: "vs" is not the United States.
        assert!(found("Ajax vs Feyenoord.").is_empty());
        assert_eq!(found("Hij sprak met de VS.")[0].1, "verenigde-staten");
        // A capitalised alias needs a capital in the text; a lower-case one matches any case.
        assert!(found("Het russische woord.").is_empty());
        assert_eq!(
            found("De Nationale Veiligheidsraad vergaderde.")[0].1,
            "nationale-veiligheidsraad"
        );
    }

    #[test]
    fn demonyms_prefer_the_longest_country() {
        let got = found("Het Wit-Russische persbureau en de Russische president.");
        assert_eq!(
            got[0],
            (
                "Wit-Russische".to_string(),
                "belarus".to_string(),
                false,
                true
            )
        );
        assert_eq!(
            got[1],
            ("Russische".to_string(), "rusland".to_string(), false, true)
        );
    }

    #[test]
    fn credits_hold_no_actors() {
        let lexicon = ActorLexicon::new(vec![ActorEntry {
            name: "AP".into(),
            kind: ActorType::Organization,
            aliases: vec![],
            demonyms: vec![],
            people: vec![],
            country: None,
            roles: vec![],
            wikidata: None,
            gender: None,
        }])
        .expect("valid");
        let text = analyze(
            &rules(),
            "De AP meldt dat Almaty rustig is.\nPresident Tokajev van Kazachstan Beeld AP",
        );
        let mentions = find_mentions(&lexicon, &text);
        assert_eq!(mentions.len(), 1, "only the AP in running text");
        assert_eq!(mentions[0].sentence, 0);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Kassym-Jomart Tokajev"), "kassym-jomart-tokajev");
        assert_eq!(slug("  het Westen! "), "het-westen");
        assert_eq!(slug("Oekraïne"), "oekraïne");
        assert_eq!(slug("İstanbul-Çağ 2 (ΣΑΣ)"), "i-stanbul-çağ-2-σασ");
    }

    /// The slug a character at a time: what [`slug`] gives, run by run.
    fn slug_by_char(name: &str) -> String {
        let mut out = String::new();
        let mut pending_hyphen = false;
        for lower in name.chars().flat_map(char::to_lowercase) {
            if lower.is_alphanumeric() {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(lower);
            } else {
                pending_hyphen = true;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn slug_is_the_slug_by_character(name in "[ a-zA-Z0-9.'’İÇçğΣσ-]{0,24}|\\PC{0,24}") {
            proptest::prop_assert_eq!(slug(&name), slug_by_char(&name));
        }
    }
}
