//! The relation vocabulary and its rules: the 17 relation types, the data
//! files that hold their cue patterns, and their compilation.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::pattern::{self, Pattern};

/// Whether a relation is hostile, cooperative or structural (for colours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RelationKind {
    /// dismissed, arrested, accused, criticized, threatened, opposes, attacked.
    Hostile,
    /// supports, allied-with, thanked, met, requested-help, sent-forces.
    Cooperative,
    /// leads, member-of, appointed, replaced.
    Structural,
}

macro_rules! relation_types {
    ($($variant:ident => $name:literal, $kind:ident, $symmetric:literal;)*) => {
        /// The 17 relation types of the ontology (shared/relations.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum RelationType {
            $(
                #[doc = concat!("`", $name, "`")]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl RelationType {
            /// Every type, in the order of the ontology.
            pub const ALL: &'static [RelationType] = &[$(RelationType::$variant),*];

            /// The name used in data and outputs.
            pub fn as_str(self) -> &'static str {
                match self { $(RelationType::$variant => $name,)* }
            }

            /// The type called `name`.
            pub fn from_name(name: &str) -> Option<RelationType> {
                match name { $($name => Some(RelationType::$variant),)* _ => None }
            }

            /// Hostile, cooperative or structural.
            pub fn kind(self) -> RelationKind {
                match self { $(RelationType::$variant => RelationKind::$kind,)* }
            }

            /// Symmetric relations have no direction and are stored once.
            pub fn symmetric(self) -> bool {
                match self { $(RelationType::$variant => $symmetric,)* }
            }
        }
    };
}

relation_types! {
    Dismissed => "dismissed", Hostile, false;
    Replaced => "replaced", Structural, false;
    Appointed => "appointed", Structural, false;
    Arrested => "arrested", Hostile, false;
    Accused => "accused", Hostile, false;
    Criticized => "criticized", Hostile, false;
    Threatened => "threatened", Hostile, false;
    Opposes => "opposes", Hostile, false;
    Supports => "supports", Cooperative, false;
    AlliedWith => "allied-with", Cooperative, true;
    MemberOf => "member-of", Structural, false;
    Leads => "leads", Structural, false;
    RequestedHelp => "requested-help", Cooperative, false;
    SentForces => "sent-forces", Cooperative, false;
    Thanked => "thanked", Cooperative, false;
    Met => "met", Cooperative, true;
    Attacked => "attacked", Hostile, false;
}

impl fmt::Display for RelationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// data/nl/grammar.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrammarFile {
    /// Word classes by name.
    pub classes: BTreeMap<String, Vec<String>>,
    /// Verb frames by name: the clause patterns of a kind of verb, which
    /// the `[[verb]]` entries of the rule files fill in.
    #[serde(default)]
    pub frames: BTreeMap<String, Vec<FramePattern>>,
}

/// One clause pattern of a verb frame (grammar.toml `[[frames.NAME]]`). A
/// `@name` that is no word class stands for the verb's forms of that name
/// (`@finite`, `@participle`, ...); a verb gets the pattern when it has
/// every such form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramePattern {
    /// A name, unique within its frame.
    pub id: String,
    /// The pattern, with the verb's forms as `@name`.
    pub pattern: String,
    /// A form whose verbs do not get this pattern ("particle": the pattern
    /// is for verbs that are not separable).
    #[serde(default)]
    pub unless: Option<String>,
    /// How sure a match is (default 0.9).
    #[serde(default)]
    pub confidence: Option<f32>,
    /// Sentences every verb of the frame must match (or must not), with
    /// `{name}` standing for the verb's first form of that name and
    /// `{relation}` in `expect` for its relation type.
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

/// One `[[verb]]` of a rule file: a verb, its forms and its frame. Every
/// pattern of the frame that the forms fill in becomes a rule.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VerbEntry {
    /// A name, unique within its file.
    pub id: String,
    /// The frame (grammar.toml `[frames.NAME]`).
    pub frame: String,
    /// How sure a match is (default: the frame pattern's).
    #[serde(default)]
    pub confidence: Option<f32>,
    /// Sentences with this verb, matched or near misses.
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
    /// The forms by name ("finite", "participle", "particle", ...).
    #[serde(flatten)]
    pub forms: BTreeMap<String, Vec<String>>,
}

/// One file of data/nl/relations/: the cues of one relation type.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// What the relation means (documentation only).
    #[serde(default)]
    pub description: Option<String>,
    /// Word classes local to this file (verb forms).
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
    /// The nearest CAMEO event code, or why there is none.
    #[serde(default)]
    pub cameo: Option<Cameo>,
    /// The actor types each end may have (any when not given).
    #[serde(default)]
    pub ends: Ends,
    /// The rules.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleEntry>,
    /// The verbs, each filling in the patterns of a frame.
    #[serde(default, rename = "verb")]
    pub verbs: Vec<VerbEntry>,
}

/// The nearest CAMEO event code of a relation type and its Goldstein value,
/// so that the graph lines up with GDELT-style event data; or a note saying
/// why CAMEO has no code for it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cameo {
    /// The CAMEO code ("173").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name in the CAMEO codebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its Goldstein value, -10 to 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// How the mapping was chosen, or why there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The actor types the ends of a relation may have (`[ends]` of a rule
/// file): "member-of" needs an organisation or a group as its target, so
/// that "De Krim maakt deel uit van Oekraïne" is no membership. An end
/// left out takes any type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ends {
    /// The types the source may have.
    #[serde(default)]
    pub source: Option<BTreeSet<crate::actor::ActorType>>,
    /// The types the target may have.
    #[serde(default)]
    pub target: Option<BTreeSet<crate::actor::ActorType>>,
}

impl Ends {
    /// Whether a relation from `source` (none: an unknown agent) to
    /// `target` may be stated.
    pub fn admit(
        &self,
        source: Option<crate::actor::ActorType>,
        target: crate::actor::ActorType,
    ) -> bool {
        let fits = |types: &Option<BTreeSet<crate::actor::ActorType>>,
                    kind: crate::actor::ActorType| {
            types.as_ref().is_none_or(|types| types.contains(&kind))
        };
        source.is_none_or(|source| fits(&self.source, source)) && fits(&self.target, target)
    }
}

/// One `[[rule]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    /// A name, unique within its file.
    pub id: String,
    /// The pattern (see [`pattern`]).
    pub pattern: String,
    /// How sure a match is, 0 to 1 (default 0.9).
    #[serde(default)]
    pub confidence: Option<f32>,
    /// The pattern reads a noun phrase, not a clause ("de Russische
    /// president Poetin", "de door Iran gesteunde Houthi's"): a negation or
    /// denial in the clause around it does not touch it, only one inside
    /// it or right before it ("geen door Iran gesteunde ...").
    #[serde(default)]
    pub phrase: bool,
    /// The actor types this rule's ends may have, besides the file's
    /// `[ends]` ("{src} van {tgt}" is a membership only for a person).
    #[serde(default)]
    pub ends: Option<Ends>,
    /// Sentences the rule must match, or must not.
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

/// A sentence with the relations expected from it (across all rules):
/// `"Tokajev dismissed Masimov"`, or `"? arrested Masimov"` for an unknown source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The sentence (or a few).
    pub text: String,
    /// The expected relations; empty for a near miss.
    pub expect: Vec<String>,
}

/// data/nl/attribution.toml: the patterns that name who says a statement.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionFile {
    /// Word classes local to the file.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
    /// Patterns whose `{tgt}` is the speaker.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Pronouns that inside a quote stand for its speaker ("ik", "we").
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Sentences with their speaker (or none).
    #[serde(default, rename = "example")]
    pub examples: Vec<AttributionExample>,
}

/// A sentence and who says it, by any alias.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionExample {
    /// The sentence, stating at least one relation.
    pub text: String,
    /// The speaker every relation of the sentence is attributed to; none for a plain statement.
    #[serde(default)]
    pub speaker: Option<String>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `relation/rule-id`.
    pub id: String,
    /// What it reads.
    pub relation: RelationType,
    /// The compiled pattern.
    pub pattern: Pattern,
    /// The confidence of a match.
    pub confidence: f32,
    /// It reads a noun phrase: only a negation inside it counts.
    pub phrase: bool,
    /// Its examples.
    pub examples: Vec<Example>,
}

/// Every rule, with the word classes the engine itself uses.
#[derive(Debug, Clone, Default)]
pub struct RelationRules {
    pub(crate) rules: Vec<Rule>,
    pub(crate) cameo: BTreeMap<RelationType, Cameo>,
    pub(crate) ends: BTreeMap<RelationType, Ends>,
    /// The `ends` of the rules that have their own, by rule id.
    pub(crate) rule_ends: BTreeMap<String, Ends>,
    pub(crate) classes: BTreeMap<String, BTreeSet<String>>,
    pub(crate) attribution: Vec<Pattern>,
    pub(crate) attribution_examples: Vec<AttributionExample>,
    /// The rules by word id: each rule is listed under the first words of
    /// its rarest required word element (the one whose first words are the
    /// least common, [`index_by_rare_word`]), so that a sentence lists only
    /// the rules whose rarest element it has.
    pub(crate) by_rare_word: Vec<Vec<usize>>,
    /// The rules with no required word element (none can be written: a
    /// pattern needs a trigger), tried in every sentence.
    pub(crate) unindexed: Vec<usize>,
    /// Every word of the patterns and of the engine's classes, numbered, with
    /// its classes ([`pattern::NP_PREFIX`], …, [`HEDGE`], …).
    pub(crate) words: pattern::Words,
    /// The words (ids) that open an attribution inside a clause (class `aside`).
    pub(crate) asides: pattern::WordSet,
    /// The words (ids) that open a relative clause (class `relative`).
    pub(crate) relatives: pattern::WordSet,
    /// The words (ids) that join a title to its portfolio (class `of`:
    /// "minister van Transport Julio Castañeda").
    pub(crate) of_words: pattern::WordSet,
    /// The coordinators of contrast (ids, class `contrast`: "maar"), which
    /// like `list_and` carry the subject to a verb after them.
    pub(crate) contrast: pattern::WordSet,
    /// The prepositions of a passive's agent (ids, class `agent`: "door"):
    /// a clause with one is no agentless statement.
    pub(crate) agent_words: pattern::WordSet,
    /// The conjunctions of a condition (ids, class `condition`: "als"): a
    /// negation after one is the condition's, not the statement's.
    pub(crate) conditions: pattern::WordSet,
    /// Words of emphasis right after an actor (ids, class `subject_focus`:
    /// "Museveni zelf beschuldigde"): not read, so that the actor reaches
    /// its verb.
    pub(crate) subject_focus: pattern::WordSet,
    /// Nouns of time (ids, class `time_noun`): a barrier word right before
    /// one is a determiner ("eerder die dag", "later dat jaar"), and a gap
    /// passes it.
    pub(crate) time_nouns: pattern::WordSet,
    /// Words other than noun-phrase prefix words that open an apposition
    /// after an actor and a comma (ids, class `apposition_opener`: "Rocha
    /// en Obando, beiden lid van Unamos, werden ...").
    pub(crate) apposition_openers: pattern::WordSet,
    /// Adverbs before an apposition's role (ids, class
    /// `apposition_adverb`: "X, tevens voorzitter van Y,").
    pub(crate) apposition_adverbs: pattern::WordSet,
    /// Pronouns that are only ever a subject (ids, class `nominative`:
    /// "hij", "zij"): such a pronoun fills a pattern's first slot, or one
    /// marked `:nominative`.
    pub(crate) nominatives: pattern::WordSet,
    /// Endings of nouns that say what kind of actor a name is (class
    /// `np_head_ending`: "dienst" in "de anticorruptiedienst CNA").
    pub(crate) np_head_endings: Vec<String>,
    /// Endings of adjectives before such a noun (class `np_adjective_ending`).
    pub(crate) np_adjective_endings: Vec<String>,
    /// Words of degree before such an adjective (class `intensifier`).
    pub(crate) intensifiers: pattern::WordSet,
    /// Possessive pronouns that open a noun phrase (class
    /// `possessive_determiner`).
    pub(crate) possessive_determiners: pattern::WordSet,
    /// The prepositions (ids) of a place that a gap may skip (class `locative`).
    pub(crate) locatives: pattern::WordSet,
    /// The word that joins the two actors of a pair description ("beide
    /// landen" is read as "X en Y"): the first of the class `list_and`.
    pub(crate) pair_joiner: Option<pattern::WordId>,
    /// The two words of a correlative list ("zowel X als Y"), as ids: the
    /// one that opens it and the one that joins its last actor (class
    /// `correlative`, each entry "opener joiner").
    pub(crate) correlatives: Vec<(pattern::WordId, pattern::WordId)>,
    /// Pronouns that inside a quote stand for its speaker, lower case.
    pub(crate) first_person: BTreeSet<String>,
    /// The words of the classes that roles read, with the bits of the
    /// classes that hold them ([`ROLE_CLASSES`]): one look-up per word
    /// tested, not a class by name and a search of its set.
    pub(crate) role_words: std::collections::HashMap<String, u8, foldhash::fast::FixedState>,
    /// The ids of `words` by vocabulary number ([`RelationRules::index`]).
    pub(crate) ids_by_word: crate::text::ByWord<pattern::WordId>,
}

/// The rules listed under the first words of each one's rarest required
/// word element, and the rules with none. An element is as rare as its
/// first words are common: each word counts the rules that require it (a
/// verb's own forms a few, an auxiliary hundreds), and a punctuation mark
/// or a word of the engine's classes (noun-phrase prefix, barrier,
/// preposition, list joiner: in nearly every sentence) a thousand more
/// (ties: the element fewer rules require, then the one with fewer first
/// words). A rule whose element a sentence lacks cannot match it, so the
/// sentence need not try it; which element lists a rule changes only how
/// many rules a sentence tests in full, not which ones pass.
fn index_by_rare_word(rules: &[Rule], words: &pattern::Words) -> (Vec<Vec<usize>>, Vec<usize>) {
    let vocabulary = words.len();
    let required: Vec<BTreeSet<Vec<pattern::WordId>>> = rules
        .iter()
        .map(|rule| rule.pattern.required_words().collect())
        .collect();
    let mut uses: BTreeMap<&[pattern::WordId], usize> = BTreeMap::new();
    let mut word_uses = vec![0usize; vocabulary];
    for elements in &required {
        for element in elements {
            *uses.entry(element).or_insert(0) += 1;
        }
        let mut ids: Vec<pattern::WordId> = elements.iter().flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            word_uses[id as usize] += 1;
        }
    }
    let mut punctuation = vec![false; vocabulary];
    for word in words.words() {
        if !word.chars().any(char::is_alphanumeric) {
            punctuation[words.id(word) as usize] = true;
        }
    }
    let everywhere =
        pattern::NP_PREFIX | pattern::BARRIER | pattern::PREPOSITION | pattern::LIST_AND;
    let weight = |id: pattern::WordId| {
        let common = punctuation[id as usize] || words.class(id) & everywhere != 0;
        word_uses[id as usize] + if common { 1000 } else { 0 }
    };
    let mut by_word: Vec<Vec<usize>> = vec![Vec::new(); vocabulary];
    let mut unindexed = Vec::new();
    for (index, elements) in required.iter().enumerate() {
        let rarest = elements.iter().min_by_key(|element| {
            let commonness: usize = element.iter().map(|&id| weight(id)).sum();
            (commonness, uses[element.as_slice()], element.len())
        });
        match rarest {
            Some(element) => {
                for &id in element {
                    by_word[id as usize].push(index);
                }
            }
            None => unindexed.push(index),
        }
    }
    (by_word, unindexed)
}

/// The classes that `role` reads, with their bits in `role_words`.
pub(crate) const ROLE_CLASSES: [(&str, u8); 5] = [
    ("role", ROLE),
    ("former", FORMER),
    ("article", ARTICLE),
    ("of", OF),
    ("counterpart", COUNTERPART),
];
/// A word of the class `role` (in `role_words`).
pub(crate) const ROLE: u8 = 1;
/// A word of the class `former`.
pub(crate) const FORMER: u8 = 2;
/// A word of the class `article`.
pub(crate) const ARTICLE: u8 = 4;
/// A word of the class `of`.
pub(crate) const OF: u8 = 8;
/// A word of the class `counterpart`: it may head an apposition before a
/// name ("haar Russische evenknie, Sergej Rjabkov") but is no role.
pub(crate) const COUNTERPART: u8 = 16;

/// A word of the class `hedge` (a flag of [`pattern::Words`]).
pub(crate) const HEDGE: u8 = 16;
/// A word of the class `negation`.
pub(crate) const NEGATION: u8 = 32;
/// A word of the class `denial`.
pub(crate) const DENIAL: u8 = 64;
/// A verb that follows the source in a pattern opening with `{src}`.
pub(crate) const SUBJECT_VERB: u8 = 128;

/// The classes the engine reads by name; grammar.toml must define them.
pub const ENGINE_CLASSES: [&str; 10] = [
    "np_prefix",
    "barrier",
    "list_and",
    "preposition",
    "negation",
    "denial",
    "hedge",
    "aside",
    "relative",
    "locative",
];

/// The placeholders of a frame pattern: its `@name`s that are no word class.
fn placeholders<'p>(
    pattern: &'p str,
    classes: &BTreeMap<String, Vec<String>>,
) -> BTreeSet<&'p str> {
    pattern
        .split_whitespace()
        .flat_map(|element| element.trim_end_matches('?').split('|'))
        .filter_map(|choice| choice.strip_prefix('@'))
        .filter(|name| !classes.contains_key(*name))
        .collect()
}

/// The rules of a file's `[[verb]]` entries: each pattern of the verb's
/// frame that its forms fill in, with the forms as word classes of their own
/// (`verb:ID:NAME`, added to `classes`) and the frame's examples filled in.
fn expand_verbs(
    relation: RelationType,
    file_name: &str,
    file: &RuleFile,
    grammar: &GrammarFile,
    classes: &mut BTreeMap<String, Vec<String>>,
    problems: &mut Vec<(String, String, String)>,
) -> Vec<RuleEntry> {
    let mut entries = Vec::new();
    for verb in &file.verbs {
        let needle = format!("id = \"{}\"", verb.id);
        let mut problem = |message: String| {
            problems.push((
                file_name.to_string(),
                needle.clone(),
                format!("verb {:?}: {message}", verb.id),
            ))
        };
        let Some(frame) = grammar.frames.get(&verb.frame) else {
            problem(format!(
                "unknown frame {:?}: use one of {}",
                verb.frame,
                grammar
                    .frames
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            continue;
        };
        let known: BTreeSet<&str> = frame
            .iter()
            .flat_map(|p| {
                placeholders(&p.pattern, &grammar.classes)
                    .into_iter()
                    .chain(p.unless.as_deref())
            })
            .collect();
        for (name, forms) in &verb.forms {
            if !known.contains(name.as_str()) {
                problem(format!(
                    "the frame {:?} has no form {name:?}: use {}",
                    verb.frame,
                    known.iter().copied().collect::<Vec<_>>().join(", ")
                ));
            } else if forms.is_empty() {
                problem(format!("the form {name:?} is empty: leave it out"));
            }
            classes.insert(format!("verb:{}:{name}", verb.id), forms.clone());
        }
        let first = entries.len();
        for frame_pattern in frame {
            let wanted = placeholders(&frame_pattern.pattern, &grammar.classes);
            let has = |name: &str| verb.forms.get(name).is_some_and(|f| !f.is_empty());
            if !wanted.iter().all(|name| has(name))
                || frame_pattern.unless.as_deref().is_some_and(has)
                || (relation.symmetric() && !frame_pattern.pattern.contains("{src"))
            {
                continue;
            }
            let pattern = frame_pattern
                .pattern
                .split_whitespace()
                .map(|element| {
                    let (body, optional) = match element.strip_suffix('?') {
                        Some(body) => (body, "?"),
                        None => (element, ""),
                    };
                    let choices: Vec<String> = body
                        .split('|')
                        .map(|choice| match choice.strip_prefix('@') {
                            Some(name) if wanted.contains(name) => {
                                format!("@verb:{}:{name}", verb.id)
                            }
                            _ => choice.to_string(),
                        })
                        .collect();
                    format!("{}{optional}", choices.join("|"))
                })
                .collect::<Vec<_>>()
                .join(" ");
            let fill = |text: &str| {
                let mut text = text.replace("{relation}", relation.as_str());
                for (name, forms) in &verb.forms {
                    if let Some(form) = forms.first() {
                        text = text.replace(&format!("{{{name}}}"), form);
                    }
                }
                text
            };
            entries.push(RuleEntry {
                id: format!("{}/{}", verb.id, frame_pattern.id),
                pattern,
                confidence: verb.confidence.or(frame_pattern.confidence),
                phrase: false,
                ends: None,
                examples: frame_pattern
                    .examples
                    .iter()
                    .map(|e| Example {
                        text: fill(&e.text),
                        expect: e.expect.iter().map(|x| fill(x)).collect(),
                    })
                    .collect(),
            });
        }
        match entries.get_mut(first) {
            Some(entry) => entry.examples.extend(verb.examples.iter().cloned()),
            None => problem(format!(
                "its forms fill in no pattern of the frame {:?}",
                verb.frame
            )),
        }
    }
    entries
}

impl RelationRules {
    /// Every word of the patterns and classes: what the text stage's
    /// vocabulary has to number for [`RelationRules::index`].
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.words()
    }

    /// These rules, with the id of each word of `vocabulary`: a token of a
    /// text numbered by it is then read by its number, not looked up.
    pub fn index(mut self, vocabulary: &crate::text::Vocabulary) -> Self {
        self.ids_by_word =
            crate::text::ByWord::new(vocabulary, pattern::UNKNOWN, |w| self.words.id(w));
        self
    }

    /// Compiles the grammar and the rule files (`(relation type, file)`).
    /// Returns every problem as `(file name, needle, message)`.
    pub fn new(
        grammar: &GrammarFile,
        files: &[(RelationType, String, RuleFile)],
        attribution: &AttributionFile,
    ) -> Result<RelationRules, Vec<(String, String, String)>> {
        let mut problems = Vec::new();
        let set = |name: &str| -> BTreeSet<String> {
            grammar
                .classes
                .get(name)
                .into_iter()
                .flatten()
                .map(|w| w.to_lowercase())
                .collect()
        };
        for name in ENGINE_CLASSES {
            if !grammar.classes.contains_key(name) {
                problems.push((
                    "grammar.toml".to_string(),
                    "[classes]".to_string(),
                    format!("the word class {name:?} is missing"),
                ));
            }
        }
        let mut rules = Vec::new();
        let mut words = pattern::Words::default();
        let mut cameo = BTreeMap::new();
        let mut ends = BTreeMap::new();
        let mut rule_ends = BTreeMap::new();
        for (relation, file_name, file) in files {
            ends.insert(*relation, file.ends.clone());
            match &file.cameo {
                Some(c) if c.code.is_some() && c.name.is_some() && c.goldstein.is_some_and(|g| (-10.0..=10.0).contains(&g)) => {
                    cameo.insert(*relation, c.clone());
                }
                Some(c) if c.code.is_none() && c.goldstein.is_none() && c.note.is_some() => {
                    cameo.insert(*relation, c.clone());
                }
                _ => problems.push((
                    file_name.clone(),
                    "[cameo]".to_string(),
                    "[cameo] needs code, name and goldstein (-10 to 10), or, when CAMEO has no such event, only a note saying so".to_string(),
                )),
            }
            let mut classes = grammar.classes.clone();
            classes.extend(file.words.clone());
            let mut parsed = pattern::Elements::default();
            let mut ids = BTreeSet::new();
            let verb_rules = expand_verbs(
                *relation,
                file_name,
                file,
                grammar,
                &mut classes,
                &mut problems,
            );
            for entry in file.rules.iter().chain(&verb_rules) {
                if !ids.insert(entry.id.clone()) {
                    problems.push((
                        file_name.clone(),
                        format!("id = \"{}\"", entry.id),
                        format!("two rules are called {:?}", entry.id),
                    ));
                }
                let confidence = entry.confidence.unwrap_or(0.9);
                if !(0.0..=1.0).contains(&confidence) {
                    problems.push((
                        file_name.clone(),
                        format!("id = \"{}\"", entry.id),
                        format!("rule {:?}: confidence must be between 0 and 1", entry.id),
                    ));
                }
                match pattern::parse_with(&entry.pattern, &classes, &mut words, &mut parsed) {
                    Ok(mut pattern) => {
                        pattern.phrase = entry.phrase;
                        let symmetric_ok = !relation.symmetric()
                            || pattern.elements.iter().any(|e| {
                                matches!(
                                    e,
                                    pattern::Element::Slot {
                                        role: pattern::Role::Source,
                                        ..
                                    }
                                )
                            });
                        if !symmetric_ok {
                            problems.push((file_name.clone(), entry.pattern.clone(), format!("rule {:?}: a symmetric relation needs both {{src}} and {{tgt}}", entry.id)));
                        }
                        if let Some(own) = &entry.ends {
                            rule_ends
                                .insert(format!("{}/{}", relation.as_str(), entry.id), own.clone());
                        }
                        rules.push(Rule {
                            id: format!("{}/{}", relation.as_str(), entry.id),
                            relation: *relation,
                            pattern,
                            confidence,
                            phrase: entry.phrase,
                            examples: entry.examples.clone(),
                        })
                    }
                    Err(message) => problems.push((
                        file_name.clone(),
                        entry.pattern.clone(),
                        format!("rule {:?}: {message}", entry.id),
                    )),
                }
            }
        }
        let mut speakers = Vec::new();
        let mut attribution_classes = grammar.classes.clone();
        attribution_classes.extend(attribution.words.clone());
        if attribution.patterns.is_empty() {
            problems.push(("attribution.toml".to_string(), "patterns".to_string(), "attribution.toml has no patterns (a `patterns = [...]` after [words] belongs to [words]: put it first)".to_string()));
        }
        let mut parsed = pattern::Elements::default();
        for source in &attribution.patterns {
            match pattern::parse_with(source, &attribution_classes, &mut words, &mut parsed) {
                Ok(pattern) => speakers.push(pattern),
                Err(message) => {
                    problems.push(("attribution.toml".to_string(), source.clone(), message))
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let subject_verbs: BTreeSet<String> = rules
            .iter()
            .flat_map(|r| verbs_after_source(&r.pattern))
            .collect();
        let (np_prefix, barrier, list_and, preposition) = (
            set("np_prefix"),
            set("barrier"),
            set("list_and"),
            set("preposition"),
        );
        let (negation, denial, hedge) = (set("negation"), set("denial"), set("hedge"));
        for (class, flag) in [
            (&np_prefix, pattern::NP_PREFIX),
            (&barrier, pattern::BARRIER),
            (&preposition, pattern::PREPOSITION),
            (&list_and, pattern::LIST_AND),
            (&hedge, HEDGE),
            (&negation, NEGATION),
            (&denial, DENIAL),
            (&subject_verbs, SUBJECT_VERB),
        ] {
            for word in class {
                words.add_class(word, flag);
            }
        }
        let asides = set("aside").iter().map(|w| words.intern(w)).collect();
        let relatives = set("relative").iter().map(|w| words.intern(w)).collect();
        let locatives = set("locative").iter().map(|w| words.intern(w)).collect();
        let of_words = set("of").iter().map(|w| words.intern(w)).collect();
        let contrast = set("contrast").iter().map(|w| words.intern(w)).collect();
        let agent_words = set("agent").iter().map(|w| words.intern(w)).collect();
        let conditions = set("condition").iter().map(|w| words.intern(w)).collect();
        let subject_focus = set("subject_focus")
            .iter()
            .map(|w| words.intern(w))
            .collect();
        let time_nouns = set("time_noun").iter().map(|w| words.intern(w)).collect();
        let apposition_openers = set("apposition_opener")
            .iter()
            .map(|w| words.intern(w))
            .collect();
        let apposition_adverbs = set("apposition_adverb")
            .iter()
            .map(|w| words.intern(w))
            .collect();
        let nominatives = set("nominative").iter().map(|w| words.intern(w)).collect();
        let np_head_endings = set("np_head_ending").iter().cloned().collect();
        let np_adjective_endings = set("np_adjective_ending").iter().cloned().collect();
        let intensifiers = set("intensifier").iter().map(|w| words.intern(w)).collect();
        let possessive_determiners = set("possessive_determiner")
            .iter()
            .map(|w| words.intern(w))
            .collect();
        let pair_joiner = grammar
            .classes
            .get("list_and")
            .and_then(|class| class.first())
            .map(|w| words.intern(&w.to_lowercase()));
        let mut correlatives = Vec::new();
        for entry in set("correlative") {
            match entry.split_whitespace().collect::<Vec<_>>()[..] {
                [opener, joiner] => correlatives.push((words.intern(opener), words.intern(joiner))),
                _ => problems.push((
                    "grammar.toml".to_string(),
                    format!("correlative = [{entry:?}]"),
                    "a correlative is two words, the opener and the joiner (\"zowel als\")"
                        .to_string(),
                )),
            }
        }
        let mut role_words = std::collections::HashMap::default();
        for (name, bit) in ROLE_CLASSES {
            for word in grammar.classes.get(name).into_iter().flatten() {
                *role_words.entry(word.to_lowercase()).or_insert(0) |= bit;
            }
        }
        let (by_rare_word, unindexed) = index_by_rare_word(&rules, &words);
        Ok(RelationRules {
            by_rare_word,
            unindexed,
            words,
            asides,
            relatives,
            locatives,
            of_words,
            contrast,
            agent_words,
            conditions,
            subject_focus,
            time_nouns,
            apposition_openers,
            apposition_adverbs,
            nominatives,
            np_head_endings,
            np_adjective_endings,
            intensifiers,
            possessive_determiners,
            pair_joiner,
            correlatives,
            first_person: attribution
                .first_person
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            attribution: speakers,
            attribution_examples: attribution.examples.clone(),
            classes: grammar
                .classes
                .iter()
                .map(|(name, words)| {
                    (
                        name.clone(),
                        words.iter().map(|w| w.to_lowercase()).collect(),
                    )
                })
                .collect(),
            cameo,
            ends,
            rule_ends,
            rules,
            role_words,
            ids_by_word: crate::text::ByWord::default(),
        })
    }

    /// Whether `word` (lower case) is a word of the class `role`, or a
    /// compound that ends in one ("fractievoorzitter", "legerchef").
    pub(crate) fn is_role_or_compound(&self, word: &str) -> bool {
        const STEM: usize = 3;
        self.role_words.get(word).is_some_and(|&c| c & ROLE != 0)
            || self.role_words.iter().any(|(role, &c)| {
                c & ROLE != 0
                    && word.len() >= role.len() + STEM
                    && word.ends_with(role.as_str())
                    && !word.contains('-')
            })
    }

    /// The words of a grammar class, lower case.
    pub fn class(&self, name: &str) -> Option<&BTreeSet<String>> {
        self.classes.get(name)
    }

    /// Every rule.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The examples of data/nl/attribution.toml.
    pub fn attribution_examples(&self) -> &[AttributionExample] {
        &self.attribution_examples
    }

    /// The CAMEO mapping of a relation type, for the types that have rules.
    pub fn cameo(&self, relation: RelationType) -> Option<&Cameo> {
        self.cameo.get(&relation)
    }

    /// The actor types the ends of `relation` may have.
    pub fn ends(&self, relation: RelationType) -> Option<&Ends> {
        self.ends.get(&relation)
    }

    /// The actor types the ends of a relation read by the rule `rule`
    /// (`relation/id`) may have, besides its type's.
    pub fn rule_ends(&self, rule: &str) -> Option<&Ends> {
        self.rule_ends.get(rule)
    }
}

/// The words that follow the source in a pattern that opens with `{src}`.
fn verbs_after_source(pattern: &Pattern) -> Vec<String> {
    // The first word that must follow the source, past optional ones
    // ("{src} @adv? verb"); none when a gap or a slot comes first.
    let mut elements = pattern.elements.iter();
    if !matches!(
        elements.next(),
        Some(pattern::Element::Slot {
            role: pattern::Role::Source,
            ..
        })
    ) {
        return Vec::new();
    }
    for element in elements {
        match element {
            pattern::Element::Words { optional: true, .. } => continue,
            pattern::Element::Words { alternatives, .. } => {
                return alternatives
                    .iter()
                    .filter_map(|a| a.first().cloned())
                    .collect()
            }
            _ => return Vec::new(),
        }
    }
    Vec::new()
}
