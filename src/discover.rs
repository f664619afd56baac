//! Discovery: actors that are not in the lexicon.
//!
//! Takes: the discovery rules ([`DiscoveryRules`], data/nl/discovery.toml),
//! the actor lexicon, an analysed [`Text`] and its lexicon mentions.
//! Gives: the document's discovered [`Actor`]s (each with the cue that typed
//! it as its reason) and every mention, sorted: the lexicon's, names found
//! by a cue, surnames and possessives of names seen in the document, other
//! spellings of lexicon names (by transliteration key), groups
//! ("de Kazachse regering", "Russische troepen", "onafhankelijke media") and
//! people nouns ("De Amerikanen": the country).
//! Does not: merge actors across documents (see `graph`), or make an actor
//! of a capitalised word that no cue types: precision first.

mod group;
mod name;

pub(crate) use group::document_country;

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::actor::{slug, Actor, ActorEntry, ActorLexicon, ActorType, Mention, MentionSource};
use crate::text::{SentenceKind, Span, Text, TokenKind};

/// The longest family name that may open a sentence before a given name
/// ("Lee Jae-myung", "Kim Yong-hyun"): a longer capitalised word there is a
/// noun ("Coalitiepartner Andrej Danko").
const SHORT_FAMILY_NAME: usize = 4;

/// Language data for this stage, as written in data/nl/discovery.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscoveryFile {
    /// Name particles ("van", "der").
    pub particles: Vec<String>,
    /// Particles that may also follow a name of more words ("Lula da Silva").
    #[serde(default)]
    pub inner_particles: Vec<String>,
    /// Words after a name of two or more parts that belong to it ("jr.").
    #[serde(default)]
    pub name_suffixes: Vec<String>,
    /// The longest part in lower case hyphenated to a name of two or more
    /// parts that is still the name's ("Kim Yong-hyun"), in characters.
    #[serde(default)]
    pub hyphenated_tail: usize,
    /// Words that are never part of a name.
    pub stopwords: Vec<String>,
    /// Titles that make the next name a person.
    pub person_titles: Vec<String>,
    /// Titles in the plural: the names listed right after one are persons.
    #[serde(default)]
    pub plural_person_titles: Vec<String>,
    /// Phrases that may open an apposition before its title ("tot dan toe").
    #[serde(default)]
    pub apposition_openers: Vec<String>,
    /// Sentences and the actors discovery must find in them, for the tests.
    #[serde(default, rename = "name_example")]
    pub name_examples: Vec<NameExample>,
    /// First names added by hand, beside the gazetteer (data/first_names.txt).
    pub first_names: Vec<String>,
    /// Spelling variants of transliterated names, applied in order.
    pub transliteration: Vec<(String, String)>,
    /// Endings that make a name an organisation.
    pub organization_suffixes: Vec<String>,
    /// First words that make a name an organisation.
    pub organization_prefixes: Vec<String>,
    /// Words right before a name that make it an organisation ("partij Smer").
    #[serde(default)]
    pub organization_cues: Vec<String>,
    /// Words that may stand inside an organisation's name after its first
    /// word, beside the particles ("Hooggerechtshof voor de Verkiezingen").
    #[serde(default)]
    pub organization_particles: Vec<String>,
    /// Endings of a capitalised adjective ("in Afrikaanse conflicten"): a
    /// word with one, before a word in lower case, names no place.
    #[serde(default)]
    pub adjective_endings: Vec<String>,
    /// Endings of institution names that every country has.
    pub national_institutions: Vec<String>,
    /// Titles whose "van X" names a portfolio.
    pub portfolio_titles: Vec<String>,
    /// Portfolios of those titles ("defensie", "buitenlandse zaken"): a
    /// name that goes on after one is a person's.
    #[serde(default)]
    pub portfolios: Vec<String>,
    /// Words before a name that make it a place.
    pub location_cues: Vec<String>,
    /// Words that may open a group's noun phrase.
    pub determiners: Vec<String>,
    /// Words that may open a bare group's noun phrase without saying whose it
    /// is ("een").
    #[serde(default)]
    pub articles: Vec<String>,
    /// Possessive pronouns before a linked noun ("zijn bondgenoten").
    #[serde(default)]
    pub possessive_pronouns: Vec<String>,
    /// Numbers and quantifiers before a linked noun ("de zes lidstaten").
    #[serde(default)]
    pub quantifiers: Vec<String>,
    /// Adjectives that say what kind of group a group word names, not whose
    /// ("onafhankelijke media", "voormalige overheidsfunctionarissen"): part
    /// of the node's name, and enough to make any group word an actor.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Phrases that count a group like an article ("een onbekend aantal").
    #[serde(default)]
    pub amounts: Vec<String>,
    /// What a people noun ("de Kazachen") is when it does not stand for its
    /// state.
    #[serde(default)]
    pub people: Option<PeopleEntry>,
    /// Titles compounded with a group word ("legerwoordvoerder",
    /// "oppositieleider"): the relation they give to the group.
    #[serde(default, rename = "compound_role")]
    pub compound_roles: Vec<CompoundRoleEntry>,
    /// Words that join a linked noun to its owner after it ("de leden van de CSTO").
    #[serde(default)]
    pub of: Vec<String>,
    /// Words that open a participle phrase between "van" and an owner ("de
    /// leden van de door Rusland geleide CSTO").
    #[serde(default)]
    pub agent_words: Vec<String>,
    /// Words that join two group words into one group ("de relschoppers en
    /// plunderaars").
    #[serde(default)]
    pub group_joiners: Vec<String>,
    /// Collective actors.
    #[serde(default, rename = "group")]
    pub groups: Vec<GroupEntry>,
    /// Words right before a linked noun's phrase that make it an apposition or
    /// a predicate (",", "is", "als"): no actor of its own.
    #[serde(default)]
    pub linked_not_after: Vec<String>,
    /// Two words that make a partitive ("een van"): the words before them decide.
    #[serde(default)]
    pub partitive: Vec<String>,
    /// Actors named by their tie to another actor.
    #[serde(default, rename = "linked")]
    pub linked: Vec<LinkedEntry>,
}

/// Where a linked noun may find its owner.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerCues {
    /// A possessive name or pronoun before it ("Nazarbajevs rechterhand").
    #[serde(default)]
    pub possessive: bool,
    /// An actor after it, joined by an `of` word ("de leden van de CSTO").
    #[serde(default)]
    pub of: bool,
    /// After a determiner without either: the organisation the document is about.
    #[serde(default)]
    pub document: bool,
}

/// A noun that names an actor by its tie to another one: "rechterhand",
/// "bondgenoten", "leden", "luchthaven".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedEntry {
    /// The node's name before "<of> <owner>" ("bondgenoten").
    pub name: String,
    /// The nouns that name it.
    pub words: Vec<String>,
    /// The type of the actor it names.
    #[serde(rename = "type", default = "group_type")]
    pub kind: ActorType,
    /// Where its owner may stand.
    pub owner: OwnerCues,
    /// The types the owner may have (any when empty).
    #[serde(default)]
    pub owner_types: Vec<ActorType>,
    /// The relation from the actor to its owner, by its name in relations.md.
    #[serde(default)]
    pub relation: Option<String>,
    /// Of a collective group (`collective = true`) it names the group itself:
    /// "leden van de politieke elite" is the elite.
    #[serde(default)]
    pub collective_itself: bool,
    /// Sentences with the relations they must give.
    #[serde(default, rename = "example")]
    pub examples: Vec<LinkedExample>,
}

fn group_type() -> ActorType {
    ActorType::Group
}

/// An example of a linked noun: the relations its sentence must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedExample {
    /// The sentence.
    pub text: String,
    /// "<source> <relation> <target>", by canonical name.
    pub expect: Vec<String>,
}

/// Role words that, compounded after a group word, tie the person named
/// after the title to that group (`[[compound_role]]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompoundRoleEntry {
    /// The relation from the person to the group, by its name in relations.md.
    pub relation: String,
    /// The role words, lower case ("leider", "woordvoerder").
    pub roles: Vec<String>,
    /// The joints a compound may have between group word and role word
    /// ("s" in "regeringsleider"), besides none.
    #[serde(default)]
    pub joints: Vec<String>,
    /// Sentences with the relations they must give.
    #[serde(default, rename = "example")]
    pub examples: Vec<LinkedExample>,
}

/// A tie between a linked actor and its owner, read off the noun that names
/// it: "zijn bondgenoten" is allied with him.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The linked actor.
    pub source: usize,
    /// The relation's name.
    pub relation: String,
    /// The owner.
    pub target: usize,
    /// The sentence.
    pub sentence: usize,
    /// The noun.
    pub trigger: Span,
    /// "linked:<name>".
    pub rule: String,
}

/// A kind of collective actor.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    /// The node's name before "van <country>" ("regering").
    pub name: String,
    /// The nouns that name it ("regering", "kabinet").
    pub words: Vec<String>,
    /// An actor also without a determiner or demonym ("demonstranten").
    #[serde(default)]
    pub bare: bool,
    /// An actor only when counted, by an amount or a number ("Duizenden
    /// studenten", "honderden jongeren"): people who act together, though
    /// the word alone ("werkloosheid onder jongeren") or after a determiner
    /// ("deze jongeren") names nobody the story counts as an actor.
    #[serde(default)]
    pub counted: bool,
    /// The word between the name and the country: "van" when omitted, "in"
    /// for a force that is in a country rather than of it.
    #[serde(default)]
    pub preposition: Option<String>,
    /// The node's name when the text names the owner ("het contingent van de
    /// CSTO" is the CSTO's "leger"); `name` when omitted.
    #[serde(default)]
    pub owned_name: Option<String>,
    /// A body of people rather than an institution: its members are the
    /// group itself ("leden van de politieke elite" is the elite).
    #[serde(default)]
    pub collective: bool,
    /// People who act for an organisation: with an organisation named as
    /// their owner ("agenten van de inlichtingendienst SEBIN", "ELN-strijders")
    /// they are that organisation acting, a mention of it rather than a group
    /// of their own. With a country as owner they stay a group ("Russische
    /// agenten": politie van Rusland).
    #[serde(default)]
    pub agents: bool,
    /// An actor only with its owner named ("de raad van bestuur van
    /// Hoogland Energie", "het PZPN-bestuur"): without one it takes no
    /// country, and is no actor.
    #[serde(default)]
    pub owned: bool,
    /// Sentences with the groups they must give.
    #[serde(default, rename = "example")]
    pub examples: Vec<GroupExample>,
}

/// An example of discovery by name: the actors its text must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameExample {
    /// The sentence (or a few).
    pub text: String,
    /// "<surface> = <type>" for every mention typed by a cue, in text order.
    pub expect: Vec<String>,
}

/// An example of a group word: the group mentions its sentence must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupExample {
    /// The sentence (or a few).
    pub text: String,
    /// "<noun phrase> = <node name>" for every group, linked or people-noun
    /// mention, in text order.
    pub expect: Vec<String>,
}

/// People nouns ("de Kazachen", countries.toml `people`): the people of a
/// foreign country stand for its state (the country's node); the people of
/// the country the document is about are its population, apart from its state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleEntry {
    /// The population's node name before "<of> <country>" ("bevolking").
    pub name: String,
    /// The words before a people noun that make it the whole people ("de
    /// Russen"; "duizenden Russen" are persons, neither state nor people).
    pub determiners: Vec<String>,
    /// Sentences with the mentions they must give.
    #[serde(default, rename = "example")]
    pub examples: Vec<GroupExample>,
}

/// A group kind, compiled.
#[derive(Debug, Clone)]
struct GroupRule {
    name: String,
    owned_name: String,
    bare: bool,
    counted: bool,
    preposition: String,
    collective: bool,
    agents: bool,
    owned: bool,
}

/// A linked noun, compiled.
#[derive(Debug, Clone)]
struct LinkedRule {
    name: String,
    collective_itself: bool,
    of_word: String,
    kind: ActorType,
    owner: OwnerCues,
    owner_types: Vec<ActorType>,
    relation: Option<String>,
}

/// A phrase as the lowered tokens it is made of ("niet-essentieel" is
/// "niet", "-", "essentieel").
fn phrase_tokens(phrase: &str) -> Vec<String> {
    phrase
        .to_lowercase()
        .split_whitespace()
        .flat_map(|word| {
            let mut parts = Vec::new();
            for (n, part) in word.split('-').enumerate() {
                if n > 0 {
                    parts.push("-".to_string());
                }
                if !part.is_empty() {
                    parts.push(part.to_string());
                }
            }
            parts
        })
        .collect()
}

/// A word list, looked up once or more per token: hashed, and never
/// iterated, so that no output depends on its order.
type WordSet = HashSet<String, foldhash::fast::FixedState>;
/// Words to what they stand for, looked up like a [`WordSet`].
type WordMap<V> = HashMap<String, V, foldhash::fast::FixedState>;

/// The titles that may end a compound title: those of six letters or more,
/// letters only, in lower case.
fn compound_heads(titles: &[String]) -> Vec<String> {
    titles
        .iter()
        .map(|t| t.to_lowercase())
        .filter(|t| t.chars().count() >= 6 && t.chars().all(char::is_alphabetic))
        .collect()
}

/// The titles that may end a compound title ([`compound_heads`]), by
/// their last two bytes: a word is compared only with the titles it ends
/// like, and not at all when it is too short to hold one after three
/// letters of its own (most words).
#[derive(Debug, Clone, Default)]
struct CompoundHeads {
    /// The fewest bytes a compound of one of them has.
    shortest_compound: usize,
    by_tail: HashMap<[u8; 2], Vec<String>, foldhash::fast::FixedState>,
}

impl CompoundHeads {
    fn new(titles: &[String]) -> CompoundHeads {
        let mut heads = CompoundHeads {
            shortest_compound: usize::MAX,
            by_tail: HashMap::default(),
        };
        for title in compound_heads(titles) {
            heads.shortest_compound = heads.shortest_compound.min(title.len() + 3);
            heads.by_tail.entry(tail(&title)).or_default().push(title);
        }
        heads
    }

    /// Whether `word` is a compound whose head is one of the titles, after
    /// at least three letters of its own ("partij" + "secretaris").
    fn ends(&self, word: &str) -> bool {
        word.len() >= self.shortest_compound
            && self.by_tail.get(&tail(word)).is_some_and(|titles| {
                titles
                    .iter()
                    .any(|t| word.len() >= t.len() + 3 && word.ends_with(t.as_str()))
            })
    }
}

/// The last two bytes of a word of two bytes or more.
fn tail(word: &str) -> [u8; 2] {
    match word.as_bytes() {
        [.., a, b] => [*a, *b],
        _ => [0, 0],
    }
}

fn lower_set(words: &[String]) -> WordSet {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// The compiled rules, with the lexicon's names by comparison key.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryRules {
    particles: WordSet,
    inner_particles: WordSet,
    name_suffixes: WordSet,
    hyphenated_tail: usize,
    stopwords: WordSet,
    person_titles: WordSet,
    /// The titles of six letters or more: a compound that ends in one is a
    /// title too.
    compound_titles: CompoundHeads,
    plural_person_titles: WordSet,
    /// The plural titles of six letters or more, for compounds.
    compound_plural_titles: CompoundHeads,
    /// The apposition openers, each as its words in lower case.
    apposition_openers: Vec<Vec<String>>,
    name_examples: Vec<NameExample>,
    first_names: WordSet,
    gazetteer: FirstNames,
    transliteration: Vec<(String, String)>,
    organization_suffixes: Vec<String>,
    /// The indices of `organization_suffixes` by their last byte (an empty
    /// one under every byte), in list order: a word is only compared with
    /// the endings that end as it does.
    suffixes_by_last: Vec<Vec<usize>>,
    organization_prefixes: WordSet,
    organization_cues: WordSet,
    /// The organisation cues of six letters or more, for compounds.
    compound_organization_cues: CompoundHeads,
    organization_particles: WordSet,
    adjective_endings: Vec<String>,
    national_institutions: Vec<String>,
    location_cues: WordSet,
    portfolio_titles: WordSet,
    /// The portfolios, each as its words in lower case.
    portfolios: Vec<Vec<String>>,
    groups: WordMap<GroupRule>,
    group_firsts: WordSet,
    determiners: WordSet,
    articles: WordSet,
    possessive_pronouns: WordSet,
    quantifiers: WordSet,
    kinds: Vec<Vec<String>>,
    amounts: Vec<Vec<String>>,
    /// People nouns as tokens, by their last token ("russen": "wit - russen"
    /// for Belarus, "russen" for Russia), with their country.
    people: WordMap<Vec<(Vec<String>, usize)>>,
    population: Option<String>,
    people_determiners: WordSet,
    group_examples: Vec<GroupExample>,
    of: WordSet,
    /// The first word of `of`: the one that names a node ("leden van CSTO").
    of_name: String,
    agent_words: WordSet,
    group_joiners: WordSet,
    linked: Vec<LinkedRule>,
    linked_words: WordMap<usize>,
    linked_not_after: WordSet,
    partitive: WordSet,
    linked_examples: Vec<LinkedExample>,
    /// The compound roles: (role word, joints, relation).
    compound_roles: Vec<(String, Vec<String>, String)>,
    lexicon_keys: WordMap<usize>,
    /// Which of the word lists looked up at every token (the last word of
    /// a people noun, the first word of a two-word group word, a group word,
    /// a linked noun, a stopword) hold a word: one look-up per token says
    /// which of them to look in.
    token_lists: WordMap<u8>,
    /// `token_lists` by vocabulary number ([`DiscoveryRules::index`]).
    token_lists_by_word: crate::text::ByWord<u8>,
    /// Which rules these are (0: the default, with no transliteration), so
    /// that [`DiscoveryRules::key`] keeps the keys of one set of rules: a
    /// clone has the same transliteration and the same stamp.
    stamp: u64,
}

/// In [`DiscoveryRules::token_lists`]: the last word of a people noun.
const PEOPLE_LAST: u8 = 1;
/// The first word of a two-word group word ("buitenlandse troepen").
const GROUP_FIRST: u8 = 2;
/// A group word (a key of `groups`).
const GROUP_WORD: u8 = 4;
/// A linked noun.
const LINKED_WORD: u8 = 8;
/// A stopword (never part of a name unless it is an acronym in brackets).
const STOPWORD: u8 = 16;

impl DiscoveryRules {
    /// Compiles the file, with the first-name gazetteer and the comparison
    /// keys of the lexicon's names.
    pub fn new(
        file: &DiscoveryFile,
        gazetteer: FirstNames,
        lexicon: &ActorLexicon,
    ) -> DiscoveryRules {
        let mut rules = DiscoveryRules {
            particles: lower_set(&file.particles),
            inner_particles: lower_set(&file.inner_particles),
            name_suffixes: lower_set(&file.name_suffixes),
            hyphenated_tail: file.hyphenated_tail,
            stopwords: lower_set(&file.stopwords),
            person_titles: lower_set(&file.person_titles),
            compound_titles: CompoundHeads::new(&file.person_titles),
            plural_person_titles: lower_set(&file.plural_person_titles),
            compound_plural_titles: CompoundHeads::new(&file.plural_person_titles),
            apposition_openers: file
                .apposition_openers
                .iter()
                .map(|o| o.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            name_examples: file.name_examples.clone(),
            first_names: lower_set(&file.first_names),
            gazetteer,
            transliteration: file
                .transliteration
                .iter()
                .map(|(a, b)| (a.to_lowercase(), b.to_lowercase()))
                .collect(),
            organization_suffixes: file
                .organization_suffixes
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            suffixes_by_last: Vec::new(),
            organization_prefixes: lower_set(&file.organization_prefixes),
            organization_cues: lower_set(&file.organization_cues),
            compound_organization_cues: CompoundHeads::new(&file.organization_cues),
            organization_particles: lower_set(&file.organization_particles),
            adjective_endings: file
                .adjective_endings
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            national_institutions: file
                .national_institutions
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            location_cues: lower_set(&file.location_cues),
            portfolio_titles: lower_set(&file.portfolio_titles),
            portfolios: file
                .portfolios
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            groups: file
                .groups
                .iter()
                .flat_map(|g| {
                    let rule = GroupRule {
                        name: g.name.clone(),
                        owned_name: g.owned_name.clone().unwrap_or_else(|| g.name.clone()),
                        bare: g.bare,
                        counted: g.counted,
                        collective: g.collective,
                        agents: g.agents,
                        owned: g.owned,
                        preposition: g
                            .preposition
                            .clone()
                            .or_else(|| file.of.first().cloned())
                            .unwrap_or_default(),
                    };
                    g.words
                        .iter()
                        .map(move |w| (w.to_lowercase(), rule.clone()))
                })
                .collect(),
            group_firsts: file
                .groups
                .iter()
                .flat_map(|g| &g.words)
                .filter_map(|w| w.split_once(' ').map(|(first, _)| first.to_lowercase()))
                .collect(),
            determiners: lower_set(&file.determiners),
            articles: lower_set(&file.articles),
            possessive_pronouns: lower_set(&file.possessive_pronouns),
            quantifiers: lower_set(&file.quantifiers),
            kinds: file.kinds.iter().map(|k| phrase_tokens(k)).collect(),
            amounts: file.amounts.iter().map(|a| phrase_tokens(a)).collect(),
            people: WordMap::default(),
            population: file.people.as_ref().map(|p| p.name.clone()),
            people_determiners: file
                .people
                .as_ref()
                .map(|p| lower_set(&p.determiners))
                .unwrap_or_default(),
            group_examples: file
                .groups
                .iter()
                .flat_map(|g| &g.examples)
                .chain(file.people.iter().flat_map(|p| &p.examples))
                .cloned()
                .collect(),
            of: lower_set(&file.of),
            of_name: file
                .of
                .first()
                .map(|w| w.to_lowercase())
                .unwrap_or_default(),
            agent_words: lower_set(&file.agent_words),
            group_joiners: lower_set(&file.group_joiners),
            linked: file
                .linked
                .iter()
                .map(|l| LinkedRule {
                    name: l.name.clone(),
                    collective_itself: l.collective_itself,
                    of_word: file.of.first().cloned().unwrap_or_default(),
                    kind: l.kind,
                    owner: l.owner,
                    owner_types: l.owner_types.clone(),
                    relation: l.relation.clone(),
                })
                .collect(),
            linked_words: file
                .linked
                .iter()
                .enumerate()
                .flat_map(|(at, l)| l.words.iter().map(move |w| (w.to_lowercase(), at)))
                .collect(),
            linked_not_after: lower_set(&file.linked_not_after),
            partitive: lower_set(&file.partitive),
            linked_examples: file
                .linked
                .iter()
                .flat_map(|l| l.examples.iter().cloned())
                .chain(
                    file.compound_roles
                        .iter()
                        .flat_map(|c| c.examples.iter().cloned()),
                )
                .collect(),
            compound_roles: file
                .compound_roles
                .iter()
                .flat_map(|c| {
                    c.roles.iter().map(|role| {
                        (
                            role.to_lowercase(),
                            c.joints.iter().map(|j| j.to_lowercase()).collect(),
                            c.relation.clone(),
                        )
                    })
                })
                .collect(),
            lexicon_keys: WordMap::default(),
            token_lists: WordMap::default(),
            token_lists_by_word: crate::text::ByWord::default(),
            stamp: STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        for (index, actor) in lexicon.actors().iter().enumerate() {
            for name in std::iter::once(&actor.entry.name).chain(&actor.entry.aliases) {
                rules.lexicon_keys.entry(rules.key(name)).or_insert(index);
            }
            if actor.entry.kind == ActorType::Country {
                for noun in &actor.entry.people {
                    let tokens = phrase_tokens(noun);
                    if let Some(last) = tokens.last() {
                        rules
                            .people
                            .entry(last.clone())
                            .or_default()
                            .push((tokens, index));
                    }
                }
            }
        }
        let mut token_lists: WordMap<u8> = WordMap::default();
        let lists = [
            (rules.people.keys().collect::<Vec<_>>(), PEOPLE_LAST),
            (rules.group_firsts.iter().collect(), GROUP_FIRST),
            (rules.groups.keys().collect(), GROUP_WORD),
            (rules.linked_words.keys().collect(), LINKED_WORD),
            (rules.stopwords.iter().collect(), STOPWORD),
        ];
        for (words, list) in lists {
            for word in words {
                *token_lists.entry(word.clone()).or_insert(0) |= list;
            }
        }
        rules.token_lists = token_lists;
        let mut by_last = vec![Vec::new(); 256];
        for (at, suffix) in rules.organization_suffixes.iter().enumerate() {
            match suffix.as_bytes().last() {
                Some(&b) => by_last[usize::from(b)].push(at),
                None => by_last.iter_mut().for_each(|group| group.push(at)),
            }
        }
        rules.suffixes_by_last = by_last;
        rules
    }

    /// The per-token word lists that hold `word` (lower case), as the bits
    /// of [`PEOPLE_LAST`], [`GROUP_FIRST`], [`GROUP_WORD`], [`LINKED_WORD`], [`STOPWORD`].
    /// The words of the per-token word lists: what the text stage's
    /// vocabulary has to number for [`DiscoveryRules::index`].
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.token_lists.keys().map(String::as_str)
    }

    /// These rules, with the per-token word lists of each word of
    /// `vocabulary`: a token of a text numbered by it is then read by its
    /// number, not looked up.
    pub fn index(mut self, vocabulary: &crate::text::Vocabulary) -> Self {
        self.token_lists_by_word = crate::text::ByWord::new(vocabulary, 0, |w| self.token_lists(w));
        self
    }

    fn token_lists(&self, word: &str) -> u8 {
        self.token_lists.get(word).copied().unwrap_or(0)
    }

    /// The examples of discovery by name, to be run by the tests.
    pub fn name_examples(&self) -> &[NameExample] {
        &self.name_examples
    }

    /// Whether `word` (lower case) is a title that makes the name after it
    /// a person: a listed one, or a compound ending in a listed one of six
    /// letters or more after three letters of its own ("partijsecretaris").
    fn is_person_title(&self, word: &str) -> bool {
        self.person_titles.contains(word) || self.compound_titles.ends(word)
    }

    /// Whether `word` (lower case) makes the name after it an
    /// organisation: a listed cue, or a compound ending in a listed one of
    /// six letters or more ("politievakbond", "telecombedrijf").
    pub(crate) fn is_organization_cue(&self, word: &str) -> bool {
        self.organization_cues.contains(word) || self.compound_organization_cues.ends(word)
    }

    /// Whether `word` (lower case) is a title in the plural, listed or
    /// compounded the same way ("oud-ministers" by its hyphen, "partijleiders").
    fn is_plural_person_title(&self, word: &str) -> bool {
        self.plural_person_titles.contains(word) || self.compound_plural_titles.ends(word)
    }

    /// The examples of the group words and people nouns, to be run by the tests.
    pub fn group_examples(&self) -> &[GroupExample] {
        &self.group_examples
    }

    /// The examples of the linked nouns, to be run by the tests.
    pub fn linked_examples(&self) -> &[LinkedExample] {
        &self.linked_examples
    }

    /// The relation names the linked nouns use, to be checked against the
    /// relation types.
    pub fn linked_relations(&self) -> impl Iterator<Item = &str> {
        self.linked
            .iter()
            .filter_map(|l| l.relation.as_deref())
            .chain(self.compound_roles.iter().map(|(_, _, r)| r.as_str()))
    }

    /// The group and relation of a title compounded with a group word
    /// ("legerwoordvoerder": the army, member-of), if `word` (lower case) is one.
    fn compound_role(&self, word: &str) -> Option<(&GroupRule, &str)> {
        self.compound_roles
            .iter()
            .find_map(|(role, joints, relation)| {
                let stem = word.strip_suffix(role.as_str())?;
                std::iter::once(stem)
                    .chain(joints.iter().filter_map(|j| stem.strip_suffix(j.as_str())))
                    .filter(|group| !group.is_empty())
                    .find_map(|group| self.groups.get(group))
                    .map(|rule| (rule, relation.as_str()))
            })
    }

    /// The organisation ending `word` (lower case) ends in, if any
    /// ("veiligheidsraad": "raad").
    fn organization_suffix(&self, word: &str) -> Option<&str> {
        let ends_so = |s: &&String| word.ends_with(s.as_str());
        match word.as_bytes().last() {
            Some(&last) => self
                .suffixes_by_last
                .get(usize::from(last))?
                .iter()
                .map(|&at| &self.organization_suffixes[at])
                .find(ends_so)
                .map(String::as_str),
            None => self
                .organization_suffixes
                .iter()
                .find(ends_so)
                .map(String::as_str),
        }
    }

    /// Whether `word` (in lower case) is a first name: one added by hand
    /// or one of the gazetteer's.
    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(word) || self.gazetteer.contains(word)
    }

    /// The comparison key of a name: lower case, transliteration variants
    /// unified, double letters collapsed, hyphens and spaces as one space.
    pub fn key(&self, name: &str) -> String {
        // Names come back (a person's, in every document about them): the
        // keys of the latest names this thread saw are kept.
        KEYS.with_borrow_mut(|(stamp, keys)| {
            if *stamp != self.stamp {
                // Another set of rules: its keys may differ.
                keys.clear();
                *stamp = self.stamp;
            }
            if let Some(key) = keys.get(name) {
                return key.clone();
            }
            let key = self.compute_key(name);
            if keys.len() >= KEYS_KEPT {
                keys.clear();
            }
            keys.insert(name.to_string(), key.clone());
            key
        })
    }

    /// [`DiscoveryRules::key`], worked out.
    fn compute_key(&self, name: &str) -> String {
        let mut key = if name.is_ascii() {
            // As `to_lowercase`, for an ASCII name (most), copied once.
            let mut key = name.to_ascii_lowercase();
            if key.contains('-') {
                key = key.replace('-', " ");
            }
            key
        } else {
            name.to_lowercase().replace('-', " ")
        };
        for (from, to) in &self.transliteration {
            // `replace` copies the key even when it finds nothing.
            if contains(&key, from) {
                key = key.replace(from.as_str(), to);
            }
        }
        // Doubled letters collapsed and whitespace runs made one space, in
        // one pass.
        let mut out = String::with_capacity(key.len());
        if key.is_ascii() {
            // As below, a byte at a time: an ASCII character is alphabetic
            // or whitespace (tab to carriage return, space) as a `char` is.
            let (mut last, mut space) = (None, false);
            for b in key.bytes() {
                if last == Some(b) && b.is_ascii_alphabetic() {
                    continue;
                }
                last = Some(b);
                if matches!(b, b'\t'..=b'\r' | b' ') {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push(char::from(b));
                }
            }
            return out;
        }
        let (mut last, mut space) = (None, false);
        for c in key.chars() {
            if last == Some(c) && c.is_alphabetic() {
                continue;
            }
            last = Some(c);
            if c.is_whitespace() {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        out
    }
}

/// How many names' keys [`DiscoveryRules::key`] keeps per thread (all of
/// them are dropped when it is full): a few megabytes at most.
const KEYS_KEPT: usize = 1 << 16;

/// The keys of the names one thread looked up lately, with the stamp of
/// the rules that made them ([`DiscoveryRules::stamp`]).
type Keys = (u64, HashMap<String, String, foldhash::fast::FixedState>);

thread_local! {
    /// The keys of the names this thread looked up lately: a key is a pure
    /// function of the name and the rules' transliteration.
    static KEYS: std::cell::RefCell<Keys> = std::cell::RefCell::new((0, HashMap::default()));
}

/// Numbers of compiled discovery rules, for [`KEYS`].
static STAMPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Whether `haystack` holds `needle`, as `str::contains` says, compared
/// byte by byte (cheaper on the few bytes of a name's key).
fn contains(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    match needle.first() {
        None => true,
        Some(&first) => haystack
            .windows(needle.len())
            .any(|w| w[0] == first && w == needle),
    }
}

/// The first-name gazetteer (data/first_names.txt): one name a line, in
/// lower case, sorted, then after a space `m` or `f` for a name that is only
/// a man's or only a woman's; `#` lines are comments. Kept as the file's
/// text with the start of each name, looked up by binary search: loading it
/// costs one pass over the text and three allocations, not one per name.
#[derive(Debug, Clone, Default)]
pub struct FirstNames {
    text: String,
    /// Where each name starts and ends in `text`, in sorted order.
    names: Vec<(u32, u32)>,
    /// Each name's [`prefix_key`], in the same order: a word is searched
    /// for by integers, and compared as text only with the names that
    /// begin with the same eight bytes.
    prefixes: Vec<u64>,
    /// Each name's gender: `b'm'`, `b'f'` or 0 for none.
    genders: Vec<u8>,
}

impl FirstNames {
    /// Reads the list, or says what is wrong with it: `(line, message)`
    /// for every line that is not a lower-case name without spaces, or not
    /// after the one before it.
    pub fn parse(text: String) -> Result<FirstNames, Vec<(usize, String)>> {
        if u32::try_from(text.len()).is_err() {
            return Err(vec![(1, "the list is over 4 GiB".into())]);
        }
        // Some ten bytes a name: room for them all, allocated once.
        let mut names: Vec<(u32, u32)> = Vec::with_capacity(text.len() / 8);
        let mut genders: Vec<u8> = Vec::with_capacity(text.len() / 8);
        let mut problems = Vec::new();
        let mut previous = "";
        let bytes = text.as_bytes();
        let (mut at, mut number) = (0, 0);
        while at < bytes.len() {
            number += 1;
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            // A line of a `str` cut at its line ends is one.
            let line = &text[at..end];
            let start = at;
            at = end + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, gender) = match line.split_once(' ') {
                Some((name, "m")) => (name, b'm'),
                Some((name, "f")) => (name, b'f'),
                Some((name, other)) => {
                    problems.push((
                        number,
                        format!("{name:?} {other:?}: after the name and a space, only \"m\" or \"f\" (its gender) may follow"),
                    ));
                    (name, 0)
                }
                None => (line, 0),
            };
            // Most names are ASCII: bytes are enough for them.
            let lower = if name.is_ascii() {
                !name
                    .bytes()
                    .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace())
            } else {
                !name.chars().any(|c| c.is_uppercase() || c.is_whitespace())
            };
            // Byte order is the order of `str`, which `contains` searches by.
            if !lower {
                problems.push((
                    number,
                    format!("{name:?}: a name is one word in lower case"),
                ));
            } else if name <= previous {
                problems.push((
                    number,
                    format!(
                        "{name:?} comes after {previous:?}: keep the list sorted, each name once"
                    ),
                ));
            } else {
                previous = name;
            }
            // Within the text, whose length fits a u32 (checked above).
            names.push((start as u32, (start + name.len()) as u32));
            genders.push(gender);
        }
        if problems.is_empty() {
            let prefixes = names
                .iter()
                .map(|&(start, end)| prefix_key(&text.as_bytes()[start as usize..end as usize]))
                .collect();
            Ok(FirstNames {
                text,
                names,
                prefixes,
                genders,
            })
        } else {
            Err(problems)
        }
    }

    fn find(&self, word: &str) -> Option<usize> {
        let key = prefix_key(word.as_bytes());
        let from = self.prefixes.partition_point(|&p| p < key);
        let to = from + self.prefixes[from..].partition_point(|&p| p == key);
        let found = self.names[from..to].binary_search_by(|&(start, end)| {
            self.text.as_bytes()[start as usize..end as usize].cmp(word.as_bytes())
        });
        found.ok().map(|at| from + at)
    }

    /// Whether `word` (in lower case) is on the list.
    pub fn contains(&self, word: &str) -> bool {
        self.find(word).is_some()
    }

    /// The gender of the name `word` (in lower case), "m" or "f", when the
    /// list gives it one.
    pub fn gender(&self, word: &str) -> Option<&'static str> {
        match self.genders[self.find(word)?] {
            b'm' => Some("m"),
            b'f' => Some("f"),
            _ => None,
        }
    }

    /// How many names the list holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the list holds no name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The first eight bytes of `bytes` as a big-endian integer, zeros after
/// a shorter one: the order of these keys is that of the byte strings (a
/// string before another has a key no greater), so equal strings have
/// equal keys.
fn prefix_key(bytes: &[u8]) -> u64 {
    // Built a byte at a time: no call to copy a few bytes.
    let mut key = 0;
    for (at, &b) in bytes.iter().take(8).enumerate() {
        key |= u64::from(b) << (56 - 8 * at);
    }
    key
}

/// What [`discover`] gives.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Actors found in the document, indexed after the lexicon's.
    pub actors: Vec<Actor>,
    /// Every mention of the document, sorted by position.
    pub mentions: Vec<Mention>,
    /// The ties that linked nouns state ("zijn bondgenoten").
    pub links: Vec<Link>,
}

struct Candidate {
    tokens: std::ops::Range<usize>,
    /// Where the name proper starts in `text`: after an institution's word
    /// and "van" ("ministerie van Defensie" is the same as "Defensie").
    proper: usize,
    /// A name hyphenated to an organisation's word ("AU-Commissie"): the
    /// name's own mention is part of it.
    compound: bool,
    sentence: usize,
    span: Span,
    text: String,
    kind: Option<(ActorType, String)>,
}

fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// [`is_capitalised`] of the token's text, read off its first byte when
/// that is ASCII (most tokens).
fn starts_capitalised(text: &Text, token: &crate::text::Token) -> bool {
    match text.text.as_bytes().get(token.span.start) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => is_capitalised(text.slice(token.span)),
    }
}

fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && text.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Finds the actors of `text` that the lexicon does not know.
pub fn discover(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    mentions: Vec<Mention>,
) -> Discovery {
    // A demonym that is also a first name ("Frans Timmermans") may open a name.
    let first_name_demonym =
        |m: &Mention| m.demonym && rules.is_first_name(text.lower_span(m.span).as_ref());
    // Whether a mention overlaps `span`: the mentions by start, with the
    // furthest end so far, answer it by binary search (a scan per token
    // would make a long document quadratic).
    let mut by_start: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| !first_name_demonym(m))
        .map(|m| (m.span.start, m.span.end))
        .collect();
    by_start.sort_unstable();
    let furthest: Vec<usize> = by_start
        .iter()
        .scan(0, |end, &(_, e)| {
            *end = e.max(*end);
            Some(*end)
        })
        .collect();
    let covered = |span: Span| {
        let starting_before = by_start.partition_point(|&(start, _)| start < span.end);
        starting_before > 0 && furthest[starting_before - 1] > span.start
    };
    // Where demonyms start: one may stand inside an organisation's name
    // ("Organisatie van Amerikaanse Staten").
    let demonym_starts: BTreeSet<usize> = mentions
        .iter()
        .filter(|m| m.demonym)
        .map(|m| m.span.start)
        .collect();
    // "Het Openbaar Ministerie (OM) ... het OM": acronyms in brackets right
    // after a capitalised word, which may then be spelt like a stopword
    // anywhere in the document.
    let mut bracketed: BTreeSet<&str> = BTreeSet::new();
    // A token that is "(" starts with that byte: asked first, before its
    // text is sliced (most tokens are not).
    let opens_bracket =
        |t: &crate::text::Token| text.text.as_bytes().get(t.span.start) == Some(&b'(');
    for sentence in &text.sentences {
        for w in sentence.tokens.windows(4) {
            let slice = |t: &crate::text::Token| text.slice(t.span);
            if opens_bracket(&w[1])
                && slice(&w[1]) == "("
                && slice(&w[3]) == ")"
                && is_acronym(slice(&w[2]))
                && starts_capitalised(text, &w[0])
            {
                bracketed.insert(slice(&w[2]));
            }
        }
    }
    // A stopword by its vocabulary number when the text was numbered by
    // it, else by its lower case.
    let by_word = rules.token_lists_by_word.for_text(text);
    let is_stopword = |t: &crate::text::Token| match by_word {
        Some(by_word) => by_word[t.word as usize] & STOPWORD != 0,
        None => rules.stopwords.contains(text.lower(t)),
    };
    let mut candidates = Vec::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind != SentenceKind::Body {
            continue;
        }
        let tokens = &sentence.tokens;
        let word = |i: usize| {
            tokens
                .get(i)
                .map(|t| text.slice(t.span))
                .unwrap_or_default()
        };
        let lower = |i: usize| tokens.get(i).map(|t| text.lower(t)).unwrap_or_default();
        let name_part = |i: usize| {
            tokens.get(i).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && starts_capitalised(text, t)
                    && !covered(t.span)
                    && (!is_stopword(t) || bracketed.contains(text.slice(t.span)))
            })
        };
        // "het Kirgizische ministerie van Defensie": an institution's word
        // in lower case and "van" before the run at `i` open the name.
        let institution_at = |i: usize| {
            i >= 2
                && rules.of.contains(lower(i - 1))
                && rules
                    .national_institutions
                    .iter()
                    .any(|n| n == lower(i - 2))
                && !is_capitalised(word(i - 2))
        };
        let first_word = tokens.iter().position(|t| t.kind == TokenKind::Word);
        let mut i = 0;
        // Where a portfolio title ("minister van Buitenlandse Zaken") ends,
        // with the title: a name right after it is a person's.
        let mut after_portfolio: Option<(usize, String)> = None;
        // A name may open with a particle in lower case hyphenated to it
        // ("de terreurgroep al-Shabaab").
        let hyphenated_particle = |i: usize| {
            // The hyphen first: one comparison rules out most tokens before
            // a word-list look-up.
            tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Hyphen)
                && tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
                && rules.inner_particles.contains(lower(i))
                && name_part(i + 2)
                && !covered(tokens[i].span)
        };
        while i < tokens.len() {
            if !name_part(i) && !hyphenated_particle(i) {
                i += 1;
                continue;
            }
            // A capitalised portfolio title opening the run ("Minister van
            // Buitenlandse Zaken Marco Rubio") is no organisation: skip the
            // title, so that the portfolio is read as one.
            if rules.portfolio_titles.contains(lower(i))
                && rules.of.contains(lower(i + 1))
                && name_part(i + 2)
            {
                i += 2;
            }
            // "de pro-Russische Socialistische Partij": an adjective
            // hyphenated to a lower-case prefix is an attitude, not part of
            // the name.
            if i >= 2
                && tokens[i - 1].kind == TokenKind::Hyphen
                && tokens[i - 2].kind == TokenKind::Word
                && !is_capitalised(word(i - 2))
                && rules
                    .adjective_endings
                    .iter()
                    .any(|e| lower(i).ends_with(e.as_str()))
                && name_part(i + 1)
            {
                i += 1;
            }
            // A capitalised title opening the run ("Woordvoerder Dmitri Peskov")
            // is not part of the name: it is its cue.
            while rules.is_person_title(lower(i)) && name_part(i + 1) {
                i += 1;
            }
            let mut end = i + 1;
            let mut words = 1;
            let organization = rules.organization_prefixes.contains(lower(i));
            // "Hooggerechtshof voor de Verkiezingen": an organisation's first
            // word may be followed by its own particles.
            let organizational = organization || rules.organization_suffix(lower(i)).is_some();
            // "het ministerie van Justitie ...": the run is an institution's
            // portfolio (see `institution` below).
            let institution_before = institution_at(i);
            // Tokens written together, with no space between them.
            let attached = |a: usize, b: usize| tokens[a].span.end == tokens[b].span.start;
            let joined = |a: usize| a + 1 < tokens.len() && attached(a, a + 1);
            let hyphen_at = |j: usize| {
                tokens.get(j).is_some_and(|t| t.kind == TokenKind::Hyphen)
                    && joined(j - 1)
                    && joined(j)
            };
            let lower_part = |j: usize, longest: usize| {
                tokens.get(j).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && !is_capitalised(word(j))
                        && !covered(t.span)
                        && word(j).chars().count() <= longest
                })
            };
            loop {
                let after_organization = rules.organization_suffix(lower(end - 1)).is_some();
                // "Waker-uz-Zaman": a short part in lower case between two
                // hyphens inside a name.
                if !organizational
                    && hyphen_at(end)
                    && lower_part(end + 1, 3)
                    && hyphen_at(end + 2)
                    && name_part(end + 3)
                {
                    end += 4;
                    continue;
                }
                // "Kim Yong-hyun", "Han Duck-soo": a short last part in lower
                // case hyphenated to a name of two or more parts (not a
                // compound's head: "de Verenigde Naties-missie" is longer).
                if !organizational
                    && words >= 2
                    && hyphen_at(end)
                    && lower_part(end + 1, rules.hyphenated_tail)
                    && !tokens
                        .get(end + 2)
                        .is_some_and(|t| t.kind == TokenKind::Hyphen && joined(end + 1))
                {
                    end += 2;
                    break;
                }
                // "Ferdinand Marcos jr.": a suffix after a name of two or more
                // parts.
                if !organizational && words >= 2 && rules.name_suffixes.contains(lower(end)) {
                    end += 1;
                    break;
                }
                // "Jimmy ‘Barbecue’ Chérizier": a nickname in quotation marks
                // after a given name.
                if !organizational
                    && words == 1
                    && rules.is_first_name(lower(end - 1))
                    && tokens.get(end).is_some_and(|t| t.kind == TokenKind::Quote)
                    && name_part(end + 1)
                    && tokens
                        .get(end + 2)
                        .is_some_and(|t| t.kind == TokenKind::Quote)
                    && name_part(end + 3)
                {
                    end += 4;
                    words += 1;
                    continue;
                }
                // "het ministerie van Justitie Andrzej Zieliński": a first
                // name and another part after an organisation's name of two
                // words or more open a person's name.
                let person_next = ((organizational && words >= 2)
                    || (words == 1 && institution_before))
                    && rules.is_first_name(lower(end))
                    && name_part(end + 1);
                if name_part(end) && !after_organization && !person_next {
                    // "Buitenlandse Zaken Catherine Colonna" is two names.
                    end += 1;
                    words += 1;
                } else if tokens.get(end).is_some_and(|t| t.kind == TokenKind::Hyphen)
                    && name_part(end + 1)
                {
                    end += 2;
                } else if Some(i) != first_word
                    && !organizational
                    && tokens.get(end).is_some_and(|t| {
                        t.kind == TokenKind::Word && !covered(t.span) && is_capitalised(word(end))
                    })
                    && rules.stopwords.contains(lower(end))
                    && !name_part(end + 1)
                {
                    // "president Nicușor Dan": inside a sentence a capitalised
                    // stopword after a name is the name's last part.
                    end += 1;
                    words += 1;
                } else {
                    // Particles follow a given name ("Caroline van der Plas") or an
                    // organisation's first word ("Ministerie van Defensie"), never a
                    // surname ("Van der Plas van BBB" is a name and a party).
                    // Some particles also follow a longer name ("Luiz Inácio
                    // Lula da Silva"), and a particle may be hyphenated to the
                    // next part ("Abdel Fattah al-Sisi"). A particle never
                    // opens an organisation's name ("vroeg Arce de Organisatie
                    // van ...": "de" is an article there).
                    // Flemish surnames keep their particles capitalised
                    // after a given name: "Bart De Wever", "Vincent Van
                    // Peteghem".
                    // After a person's title the first word is a given name
                    // too ("bestuursvoorzitter Lieve De Smet").
                    let titled = i > 0 && rules.is_person_title(lower(i - 1));
                    let given = words == 1
                        && !organizational
                        && (titled || rules.is_first_name(lower(end - 1)));
                    let particles = (end..tokens.len())
                        .take_while(|&j| {
                            tokens[j].kind == TokenKind::Word
                                && (rules.particles.contains(word(j))
                                    || (given && rules.particles.contains(lower(j)))
                                    || (organizational
                                        && rules.organization_particles.contains(word(j))))
                        })
                        .count();
                    let allowed = words == 1
                        || organization
                        || (end..end + particles).all(|j| rules.inner_particles.contains(word(j)));
                    let hyphen = tokens
                        .get(end + particles)
                        .is_some_and(|t| t.kind == TokenKind::Hyphen);
                    let next = end + particles + usize::from(hyphen);
                    // "Bureau voor Taiwanzaken": after an organisation's own
                    // particle ("voor") an organisation's word goes on with
                    // the name; after "van" it starts another.
                    let own_particles = particles > 0
                        && (end..end + particles)
                            .all(|j| rules.organization_particles.contains(word(j)));
                    let organization_next = !(organizational && own_particles)
                        && (rules.organization_prefixes.contains(lower(next))
                            || rules.organization_suffix(lower(next)).is_some());
                    let demonym_next = organizational
                        && tokens.get(next).is_some_and(|t| {
                            t.kind == TokenKind::Word && demonym_starts.contains(&t.span.start)
                        })
                        && name_part(next + 1);
                    if particles > 0
                        && allowed
                        && (name_part(next) || demonym_next)
                        && !organization_next
                    {
                        end = next + 1 + usize::from(demonym_next);
                        words += 1 + usize::from(demonym_next);
                    } else {
                        break;
                    }
                }
            }
            // "pakten agenten in Maracaibo Gabriel Ledezma op": after a place
            // cue, a run whose first word is no given name but a later one
            // is (with a surname after it) is a place and then a person.
            if i >= 1
                && end - i >= 3
                && rules.location_cues.contains(lower(i - 1))
                && !rules.is_first_name(lower(i))
            {
                if let Some(given) = (i + 1..end - 1).find(|&j| {
                    tokens[j].kind == TokenKind::Word
                        && rules.is_first_name(lower(j))
                        && name_part(j + 1)
                }) {
                    end = given;
                }
            }
            let portfolio = i >= 2
                && rules.of.contains(lower(i - 1))
                && rules.portfolio_titles.contains(lower(i - 2));
            if portfolio {
                // "minister van Transport Julio Castañeda": the portfolio
                // ends before a first name, or after a known portfolio
                // ("onderminister van Defensie Joenoes-Bek Jevkoerov").
                let known = rules
                    .portfolios
                    .iter()
                    .map(Vec::len)
                    .filter(|&n| {
                        i + n < end
                            && rules.portfolios.iter().any(|p| {
                                p.len() == n && (0..n).all(|k| lower(i + k) == p[k].as_str())
                            })
                    })
                    .max();
                if let Some(first) = (i + 1..end)
                    .find(|&j| tokens[j].kind == TokenKind::Word && rules.is_first_name(lower(j)))
                {
                    end = first;
                } else if let Some(n) = known {
                    end = i + n;
                }
                let title = format!(
                    "{} {} {}",
                    lower(i - 2),
                    lower(i - 1),
                    text.slice(Span::new(tokens[i].span.start, tokens[end - 1].span.end))
                );
                after_portfolio = Some((end, title));
                i = end;
                continue;
            }
            // "minister Judith Uitermark van Binnenlandse Zaken": a portfolio
            // after "van" and a name that a portfolio title opens is the
            // minister's portfolio, no actor.
            let titled_portfolio = i >= 1
                && rules.of.contains(lower(i - 1))
                && candidates.last().is_some_and(|c: &Candidate| {
                    c.sentence == index
                        && c.tokens.end + 1 == i
                        && c.tokens.start >= 1
                        && rules.portfolio_titles.contains(lower(c.tokens.start - 1))
                })
                && rules.portfolios.iter().any(|p| {
                    p.len() == end - i && (0..p.len()).all(|k| lower(i + k) == p[k].as_str())
                });
            if titled_portfolio {
                i = end;
                continue;
            }
            // A capitalised noun opening the sentence before a first name
            // ("Coalitiepartner Andrej Danko") is no part of the name; a
            // short word may be a family name written first ("Lee
            // Jae-myung").
            if Some(i) == first_word
                && end - i >= 3
                && tokens[i + 1].kind == TokenKind::Word
                && word(i).chars().count() > SHORT_FAMILY_NAME
                && !rules.is_first_name(lower(i))
                && rules.is_first_name(lower(i + 1))
            {
                i += 1;
            }
            let institution = institution_at(i);
            // "de AU-Commissie": an organisation's word hyphenated to a name
            // is one name with it.
            let compound = !institution
                && end == i + 1
                && i >= 2
                && tokens[i - 1].kind == TokenKind::Hyphen
                && tokens[i - 2].kind == TokenKind::Word
                && attached(i - 2, i - 1)
                && attached(i - 1, i)
                && covered(tokens[i - 2].span)
                && rules.organization_suffix(lower(i)).is_some();
            let start = if institution || compound { i - 2 } else { i };
            let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
            let name = text.slice(span).to_string();
            let kind = match &after_portfolio {
                Some((at, title)) if *at == i => {
                    Some((ActorType::Person, format!("after the title {title:?}")))
                }
                _ if compound => Some((
                    ActorType::Organization,
                    format!("a name joined to {:?}", lower(i)),
                )),
                _ if institution => Some((
                    ActorType::Organization,
                    format!("after {:?}", format!("{} {}", lower(i - 2), lower(i - 1))),
                )),
                _ => name::classify(rules, sentence, text, i, end, Some(i) == first_word),
            };
            candidates.push(Candidate {
                tokens: start..end,
                proper: if compound {
                    0
                } else {
                    tokens[i].span.start - span.start
                },
                compound,
                sentence: index,
                span,
                text: name,
                kind,
            });
            i = end;
        }
    }
    resolve_candidates(rules, lexicon, text, mentions, candidates)
}

fn new_actor(name: &str, kind: ActorType, country: Option<String>, reason: String) -> Actor {
    new_actor_with_id(slug(name), name, kind, country, reason)
}

/// [`new_actor`], given the id (`slug(name)`).
fn new_actor_with_id(
    id: String,
    name: &str,
    kind: ActorType,
    country: Option<String>,
    reason: String,
) -> Actor {
    Actor {
        id,
        entry: ActorEntry {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            people: Vec::new(),
            country,
            roles: Vec::new(),
            wikidata: None,
            gender: None,
        },
        reason: Some(reason),
    }
}

fn resolve_candidates(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    mut mentions: Vec<Mention>,
    candidates: Vec<Candidate>,
) -> Discovery {
    let base = lexicon.actors().len();
    let home = group::document_country(lexicon, &mentions);
    let mut actors: Vec<Actor> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mention = |actor: usize, c: &Candidate, possessive: bool, source: MentionSource| Mention {
        actor,
        span: c.span,
        sentence: c.sentence,
        possessive,
        demonym: false,
        pronoun: false,
        source,
    };
    // The demonyms by their span: one right before a name says whose it is.
    let demonyms: BTreeMap<(usize, usize), usize> = mentions
        .iter()
        .filter(|m| m.demonym)
        .map(|m| ((m.span.start, m.span.end), m.actor))
        .collect();
    let demonym_before = |c: &Candidate| {
        let tokens = &text.sentences[c.sentence].tokens;
        let before = tokens.get(c.tokens.start.checked_sub(1)?)?;
        let key = (before.span.start, before.span.end);
        demonyms.get(&key).map(|&country| (before.span, country))
    };
    // The abbreviations that brackets gave a name ("(RSF)"), by key, with
    // their actor.
    let mut abbreviations: BTreeMap<String, usize> = BTreeMap::new();
    // The compounds' spans: the mentions inside them are part of them.
    let compounds: Vec<Span> = candidates
        .iter()
        .filter(|c| c.compound)
        .map(|c| c.span)
        .collect();
    mentions.retain(|m| {
        !compounds
            .iter()
            .any(|c| c.start <= m.span.start && m.span.end <= c.end)
    });
    // Typed names first, so that a later surname can refer back to them.
    let mut untyped = Vec::new();
    let mut located = Vec::new();
    for mut candidate in candidates {
        // "de Rapid Support Forces (RSF)": an acronym in brackets right after
        // an organisation's name abbreviates it, here and further on.
        let abbreviated = name::abbreviated(text, &candidate, &mentions).filter(|&actor| {
            let entry = if actor < base {
                &lexicon.actor(actor).entry
            } else {
                &actors[actor - base].entry
            };
            matches!(entry.kind, ActorType::Organization | ActorType::Group)
        });
        let abbreviation = abbreviated.or_else(|| {
            // No key to compute while brackets have given no abbreviation.
            (candidate.tokens.len() == 1 && !abbreviations.is_empty())
                .then(|| abbreviations.get(&rules.key(&candidate.text)).copied())
                .flatten()
        });
        if let Some(actor) = abbreviation {
            abbreviations.insert(rules.key(&candidate.text), actor);
            mentions.push(mention(
                actor,
                &candidate,
                false,
                MentionSource::Abbreviation,
            ));
            continue;
        }
        let national = candidate.kind.as_ref().is_some_and(|(kind, _)| {
            let lower = text.lower_span(candidate.span);
            *kind == ActorType::Organization
                && rules
                    .national_institutions
                    .iter()
                    .any(|n| lower.ends_with(n.as_str()) || lower.starts_with(n.as_str()))
        });
        let demonym = demonym_before(&candidate);
        // "de Slowaakse Nationale Partij": a demonym before the name of an
        // organisation that no country has of its own is part of the name;
        // before an institution every country has ("het Kirgizische
        // ministerie van Defensie") it is part of the mention, and says whose.
        let unextended = national.then(|| candidate.text.clone());
        if let Some((span, _)) = demonym.filter(|_| {
            (national || is_capitalised(&candidate.text))
                && candidate
                    .kind
                    .as_ref()
                    .is_some_and(|(kind, _)| *kind == ActorType::Organization)
        }) {
            // With its determiner, as a group's mention ("het Kirgizische
            // ministerie van Defensie").
            let tokens = &text.sentences[candidate.sentence].tokens;
            let mut start = candidate.tokens.start - 1;
            if national && start > 0 && rules.determiners.contains(text.lower(&tokens[start - 1])) {
                start -= 1;
            }
            let span = Span::new(tokens[start].span.start, span.end);
            candidate.proper += candidate.span.start - span.start;
            candidate.span = Span::new(span.start, candidate.span.end);
            candidate.tokens.start = start;
            candidate.text = text.slice(candidate.span).to_string();
        }
        let key = rules.key(&candidate.text[candidate.proper..]);
        let lone_place = candidate.tokens.len() == 1
            && candidate
                .kind
                .as_ref()
                .is_some_and(|(kind, _)| *kind == ActorType::Location);
        // An acronym is no transliteration: "WK" is not "VK".
        let spelled = (!is_acronym(&candidate.text))
            .then(|| rules.lexicon_keys.get(&key))
            .flatten();
        if let Some(&known) = spelled {
            mentions.push(mention(known, &candidate, false, MentionSource::Spelling));
        } else if lone_place {
            // Decided once the document's surnames are known.
            located.push((candidate, key));
        } else if let Some((kind, reason)) = &candidate.kind {
            // "Binnenlandse Zaken" of the country the document is about, or
            // of the demonym before it ("het Russische ministerie van Defensie").
            let country = demonym
                .map(|(_, country)| country)
                .or(home)
                .filter(|_| national)
                .map(|c| lexicon.actor(c).entry.name.clone());
            let (name, key) = match &country {
                Some(country) => {
                    let proper = unextended.as_deref().unwrap_or(&candidate.text);
                    let name = format!("{proper} van {country}");
                    let key = rules.key(&format!("{key} van {country}"));
                    (name, key)
                }
                None => (candidate.text.clone(), key),
            };
            let index = *by_key.entry(key).or_insert_with(|| {
                actors.push(new_actor(&name, *kind, country.clone(), reason.clone()));
                actors.len() - 1
            });
            mentions.push(mention(base + index, &candidate, false, MentionSource::Cue));
        } else {
            untyped.push((candidate, key));
        }
    }
    // A lone capitalised word that is the surname of a person of this
    // document (or its possessive) is that person. So is one that is the
    // given name of exactly one person of the document and no one's surname
    // ("Abiy" for Abiy Ahmed; "Kim" for Kim Yong-hyun, whose family name
    // comes first).
    let mut surnames: BTreeMap<String, usize> = BTreeMap::new();
    let mut given_names: BTreeMap<String, usize> = BTreeMap::new();
    let mut ambiguous = BTreeSet::new();
    let mut ambiguous_given = BTreeSet::new();
    let persons = mentions.iter().map(|m| m.actor).collect::<BTreeSet<_>>();
    for actor in persons {
        let entry = if actor < base {
            &lexicon.actor(actor).entry
        } else {
            &actors[actor - base].entry
        };
        if entry.kind != ActorType::Person {
            continue;
        }
        if let Some(given) = entry
            .name
            .split_whitespace()
            .next()
            .filter(|first| first.starts_with(char::is_uppercase) && entry.name.contains(' '))
        {
            let key = rules.key(given);
            if given_names
                .insert(key.clone(), actor)
                .is_some_and(|other| other != actor)
            {
                ambiguous_given.insert(key);
            }
        }
        // The last part that is no suffix ("Marcos" of "Ferdinand Marcos jr.").
        if let Some(surname) = entry
            .name
            .split_whitespace()
            .rev()
            .find(|part| !rules.name_suffixes.contains(&part.to_lowercase()))
            .filter(|_| entry.name.contains(' '))
        {
            let key = rules.key(surname);
            if surnames
                .insert(key.clone(), actor)
                .is_some_and(|other| other != actor)
            {
                ambiguous.insert(key);
            }
        }
    }
    // "haalde hard uit naar Trump": a lone word that only a place cue typed
    // is the person of this document whose surname it is, or the actor a
    // cue typed elsewhere in it; otherwise the place.
    for (candidate, key) in located {
        let known = by_key
            .get(&key)
            .map(|&index| (base + index, MentionSource::Cue))
            .or_else(|| {
                surnames
                    .get(&key)
                    .filter(|_| !ambiguous.contains(&key))
                    .map(|&actor| (actor, MentionSource::Surname))
            });
        if let Some((actor, source)) = known {
            mentions.push(mention(actor, &candidate, false, source));
            continue;
        }
        let Some((kind, reason)) = &candidate.kind else {
            continue;
        };
        let index = *by_key.entry(key).or_insert_with(|| {
            actors.push(new_actor(&candidate.text, *kind, None, reason.clone()));
            actors.len() - 1
        });
        mentions.push(mention(base + index, &candidate, false, MentionSource::Cue));
    }
    // Where the places named so far end (a set: one look-up per candidate).
    let mut place_ends: BTreeSet<usize> = mentions
        .iter()
        .filter(|m| {
            let entry = if m.actor < base {
                &lexicon.actor(m.actor).entry
            } else {
                &actors[m.actor - base].entry
            };
            !m.demonym && !m.pronoun && entry.kind == ActorType::Location
        })
        .map(|m| m.span.end)
        .collect();
    for (candidate, key) in untyped {
        // "De bendecoalitie Viv Ansanm ..." and later "beschuldigde Viv
        // Ansanm": a name typed by a cue elsewhere in the document is that
        // actor wherever it stands.
        if let Some(&index) = by_key.get(&key) {
            mentions.push(mention(base + index, &candidate, false, MentionSource::Cue));
            continue;
        }
        // "rond La Paz en Cochabamba": a name joined to a place is a place.
        let tokens = &text.sentences[candidate.sentence].tokens;
        let first = candidate.tokens.start;
        let joined_place = first >= 2
            && candidate.tokens.len() <= 2
            && rules.group_joiners.contains(text.lower(&tokens[first - 1]))
            && place_ends.contains(&tokens[first - 2].span.end);
        if joined_place {
            place_ends.insert(candidate.span.end);
            let index = *by_key.entry(key).or_insert_with(|| {
                let reason = "joined to a place by a conjunction".to_string();
                actors.push(new_actor(
                    &candidate.text,
                    ActorType::Location,
                    None,
                    reason,
                ));
                actors.len() - 1
            });
            mentions.push(mention(base + index, &candidate, false, MentionSource::Cue));
            continue;
        }
        // One word, or one hyphenated word ("Fils-Aimé").
        let hyphenated = candidate.tokens.len() == 3
            && tokens[candidate.tokens.start + 1].kind == TokenKind::Hyphen;
        if candidate.tokens.len() != 1 && !hyphenated {
            continue;
        }
        let stem = key
            .strip_suffix('s')
            .map(|s| s.trim_end_matches(['\'', '’']).to_string());
        let keys = [(key.clone(), false)]
            .into_iter()
            .chain(stem.map(|s| (s, true)));
        let found = keys
            .clone()
            .find_map(|(k, possessive)| {
                surnames
                    .get(&k)
                    .filter(|_| !ambiguous.contains(&k))
                    .map(|&a| (a, possessive, MentionSource::Surname))
            })
            .or_else(|| {
                keys.clone().find_map(|(k, possessive)| {
                    given_names
                        .get(&k)
                        .filter(|_| !ambiguous_given.contains(&k) && !surnames.contains_key(&k))
                        .map(|&a| (a, possessive, MentionSource::GivenName))
                })
            });
        if let Some((actor, possessive, source)) = found {
            mentions.push(mention(actor, &candidate, possessive, source));
        }
    }
    // A demonym inside a discovered name ("Frans Timmermans") is part of the name.
    let names: Vec<Span> = mentions
        .iter()
        .filter(|m| !m.demonym)
        .map(|m| m.span)
        .collect();
    mentions.retain(|m| {
        !m.demonym
            || !names
                .iter()
                .any(|n| n.start < m.span.end && m.span.start < n.end)
    });
    // Every token in lower case, once: the group and linked nouns look them
    // up. One list for the text, sliced by sentence (not a list each).
    let tokens: usize = text.sentences.iter().map(|s| s.tokens.len()).sum();
    let mut every_lowered: Vec<&str> = Vec::with_capacity(tokens);
    for sentence in &text.sentences {
        every_lowered.extend(sentence.tokens.iter().map(|t| text.lower(t)));
    }
    // Which per-token word lists hold each token, looked up once.
    let mut every_list: Vec<u8> = Vec::with_capacity(tokens);
    match rules.token_lists_by_word.for_text(text) {
        Some(by_word) => {
            for sentence in &text.sentences {
                every_list.extend(sentence.tokens.iter().map(|t| by_word[t.word as usize]));
            }
        }
        None => every_list.extend(every_lowered.iter().map(|w| rules.token_lists(w))),
    }
    let mut lowered: Vec<&[&str]> = Vec::with_capacity(text.sentences.len());
    let mut lists: Vec<&[u8]> = Vec::with_capacity(text.sentences.len());
    let mut first = 0;
    for sentence in &text.sentences {
        let end = first + sentence.tokens.len();
        lowered.push(&every_lowered[first..end]);
        lists.push(&every_list[first..end]);
        first = end;
    }
    // The linked nouns of each sentence, as (token, rule), looked up once.
    let hits: Vec<Vec<(usize, usize)>> = lowered
        .iter()
        .zip(&lists)
        .map(|(words, lists)| {
            words
                .iter()
                .zip(lists.iter())
                .enumerate()
                .filter(|(_, (_, &listed))| listed & LINKED_WORD != 0)
                .filter_map(|(i, (w, _))| rules.linked_words.get(*w).map(|&r| (i, r)))
                .collect()
        })
        .collect();
    let words = group::Lowered {
        words: &lowered,
        lists: &lists,
        linked: &hits,
    };
    let groups = group::find_groups(
        rules,
        lexicon,
        text,
        words,
        &mut mentions,
        base,
        &mut actors,
    );
    mentions.extend(groups.mentions);
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // Twice: a linked actor may own another ("de leiders van de zes lidstaten").
    let find_linked = |mentions: &[Mention], actors: &mut Vec<Actor>| {
        group::find_linked(
            rules,
            lexicon,
            text,
            words,
            group::Known {
                mentions,
                collective: &groups.collective,
            },
            base,
            actors,
        )
    };
    let (linked, mut links) = find_linked(&mentions, &mut actors);
    // The second pass sees what the first saw when the first found nothing
    // (it adds an actor only with a mention): it would find nothing either.
    let first_found = !linked.is_empty() || !links.is_empty();
    mentions.extend(linked);
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    if first_found {
        let (linked, more) = find_linked(&mentions, &mut actors);
        mentions.extend(linked);
        links.extend(more);
    }
    // In text order; a mention that holds another one comes first.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let kind_of = |actor: usize| match actor.checked_sub(base) {
        Some(local) => actors[local].entry.kind,
        None => lexicon.actor(actor).entry.kind,
    };
    links.extend(name::bracketed_organizations(text, &mentions, kind_of));
    links.extend(group::compound_roles(
        rules, lexicon, text, words, &mentions, base, &actors,
    ));
    // A person found by name is a man or a woman when the first name is
    // only a man's or only a woman's ("Zuzana Horváthová ... Zij volgt ...").
    for actor in &mut actors {
        let entry = &mut actor.entry;
        if entry.kind == ActorType::Person && entry.gender.is_none() {
            if let Some((first, _)) = entry.name.split_once(' ') {
                entry.gender = rules
                    .gazetteer
                    .gender(&first.to_lowercase())
                    .map(String::from);
            }
        }
    }
    Discovery {
        actors,
        mentions,
        links,
    }
}

#[cfg(test)]
mod tests;
