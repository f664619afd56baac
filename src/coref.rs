//! Coreference: pronouns resolved to the actors they stand for.
//!
//! Takes: the pronoun lists ([`PronounRules`], data/nl/pronouns.toml), the
//! actor lexicon (for types and genders), an analysed [`Text`] and its mentions.
//! Gives: the mentions plus one mention per resolved pronoun (flagged
//! `pronoun`), sorted by position. Personal pronouns take the subject-most
//! compatible person of their own sentence before them, else of the nearest
//! earlier sentence (at most [`LOOKBACK`] back); a demonstrative at the start
//! of a sentence takes the last actor of the sentence before; a relative
//! pronoun after a comma takes the actor right before the comma, and so does
//! one after an apposition that follows the comma ("Georgische Droom, de
//! regeringspartij die ...").
//! "zij" and "ze" next to a plural cue (a plural verb, "elkaar") take the
//! nearest plural group before them instead. A possessive pronoun before
//! one of its nouns ("haar opvolger", "zijn partij") takes the person a
//! personal pronoun of its gender would, and its mention is `possessive`.
//! Does not: resolve across documents, resolve a plural pronoun to two
//! actors ("ze elkaar" for two people), or resolve a possessive pronoun
//! before any other noun, or to an organisation or a country.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

use crate::actor::{ActorType, Actors, Mention, MentionSource};
use crate::text::{ByWord, SentenceKind, Span, Text, Token, TokenKind, Vocabulary};

/// How many sentences back an antecedent may be.
pub const LOOKBACK: usize = 3;

/// Language data for this stage.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PronounRules {
    /// Personal pronouns by gender.
    pub personal: Personal,
    /// Demonstratives that start a sentence.
    pub demonstrative: Vec<String>,
    /// Relative pronouns after a comma.
    pub relative: Vec<String>,
    /// Role words that with a demonym make a definite description.
    #[serde(default)]
    pub description_roles: Vec<String>,
    /// The word that joins a role to what it is of in the lexicon's roles
    /// ("president van Rusland").
    #[serde(default)]
    pub role_of: String,
    /// Pronouns that next to a plural cue stand for a group.
    #[serde(default)]
    pub plural: Plural,
    /// Object pronouns ("hem"): never the subject of their own clause.
    #[serde(default)]
    pub object: Vec<String>,
    /// Possessive pronouns before a noun whose owner the rules read
    /// ("haar opvolger", "zijn partij").
    #[serde(default)]
    pub possessive: Possessive,
    /// Descriptions by what an actor is ("de organisatie", "het land").
    #[serde(default, rename = "kind")]
    pub kinds: Vec<KindDescription>,
    /// The determiners that open such a description.
    #[serde(default)]
    pub kind_determiners: Vec<String>,
    /// Descriptions of two actors ("beide landen", "de twee leiders").
    #[serde(default, rename = "pair")]
    pub pairs: Vec<KindDescription>,
    /// Nouns of what an actor is: a relative pronoun after an apposition
    /// whose words hold one at their end ("Georgische Droom, de
    /// regeringspartij die ...") stands for the actor before the comma.
    #[serde(default)]
    pub apposition_heads: Vec<String>,
    /// Words that open a clause: the grammar's `barrier` class, given by
    /// [`PronounRules::with_clause_openers`] when the data is loaded.
    #[serde(skip)]
    pub clause_openers: Vec<String>,
    /// Every word of the lists above with the lists that hold it, built at
    /// the first document (see [`PronounRules::lists`]).
    #[serde(skip)]
    lists: std::sync::OnceLock<WordLists>,
    /// The bits of the lists by vocabulary number ([`PronounRules::index`]).
    #[serde(skip)]
    by_word: ByWord<u16>,
}

impl PronounRules {
    /// These rules, with the words that open a clause.
    pub fn with_clause_openers<'w>(mut self, words: impl IntoIterator<Item = &'w String>) -> Self {
        self.clause_openers = words.into_iter().cloned().collect();
        self.lists = std::sync::OnceLock::new();
        self.by_word = ByWord::default();
        self
    }

    /// Every word of the lists (lower case): what the text stage's
    /// vocabulary has to number for [`PronounRules::index`].
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.lists().0.keys().map(String::as_str)
    }

    /// These rules, with the bits of each word of `vocabulary`: a token of
    /// a text numbered by it is then read by its number, not looked up.
    pub fn index(mut self, vocabulary: &Vocabulary) -> Self {
        self.by_word = ByWord::new(vocabulary, 0, |word| self.lists().of(word));
        self
    }

    /// Every word of the lists (lower case) with the bits of the lists that
    /// hold it: one look-up per token instead of one per list, built once
    /// rather than per document.
    fn lists(&self) -> &WordLists {
        self.lists.get_or_init(|| {
            let mut lists = WordLists::default();
            for (words, bit) in [
                (&self.personal.m, MALE),
                (&self.personal.f, FEMALE),
                (&self.demonstrative, DEMONSTRATIVE),
                (&self.relative, RELATIVE),
                (&self.plural.pronouns, PLURAL_PRONOUN),
                (&self.plural.always, ALWAYS_PLURAL),
                (&self.plural.counted, COUNTED),
                (&self.object, OBJECT),
                (&self.possessive.m, POSSESSIVE_M),
                (&self.possessive.f, POSSESSIVE_F),
                (&self.clause_openers, CLAUSE_OPENER),
                (&self.description_roles, DESCRIPTION_ROLE),
                (&self.kind_determiners, KIND_DETERMINER),
            ] {
                for word in words {
                    *lists.0.entry(word.to_lowercase()).or_insert(0) |= bit;
                }
            }
            for pair in &self.pairs {
                for first in pair
                    .words
                    .iter()
                    .filter_map(|w| w.split_whitespace().next())
                {
                    *lists.0.entry(first.to_lowercase()).or_insert(0) |= PAIR_FIRST;
                }
            }
            for kind in &self.kinds {
                for word in &kind.words {
                    let word = word.to_lowercase();
                    *lists.0.entry(word.clone()).or_insert(0) |= KIND_NOUN;
                    lists.1.insert(word, kind.types.clone());
                }
            }
            lists.2 = self
                .pairs
                .iter()
                .enumerate()
                .flat_map(|(pair, p)| {
                    p.words
                        .iter()
                        .map(move |w| (pair, w.split_whitespace().map(String::from).collect()))
                })
                .collect();
            for (at, (_, phrase)) in lists.2.iter().enumerate() {
                if let Some(first) = phrase.first() {
                    lists.3.entry(first.clone()).or_default().push(at);
                }
                if let Some(second) = phrase.get(1) {
                    *lists.0.entry(second.to_lowercase()).or_insert(0) |= PAIR_SECOND;
                }
            }
            lists.4 = lists
                .2
                .iter()
                .filter(|(_, phrase)| phrase.len() == 1)
                .map(|(_, phrase)| phrase[0].clone())
                .collect();
            lists
        })
    }
}

/// A description by what an actor is: the nouns, and the types of the
/// actors they may stand for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDescription {
    /// The types an antecedent may have.
    pub types: Vec<ActorType>,
    /// The nouns ("organisatie", "bondgenootschap").
    pub words: Vec<String>,
}

/// Words (lower case) and the bits of the pronoun lists that hold them.
#[derive(Debug, Clone, Default)]
struct WordLists(
    HashMap<String, u16, foldhash::fast::FixedState>,
    /// The nouns of the descriptions by kind, with their types.
    HashMap<String, Vec<ActorType>, foldhash::fast::FixedState>,
    /// The phrases of the descriptions of two, split into their words, with
    /// the index of their description, in the order of the data.
    Vec<(usize, Vec<String>)>,
    /// Those phrases (their places in the list before) by their first word,
    /// in list order: a token is compared only with the phrases that open
    /// with it.
    HashMap<String, Vec<usize>, foldhash::fast::FixedState>,
    /// The phrases of one word ("beiden"): a token that opens a phrase is
    /// tried only when the word after it is a [`PAIR_SECOND`] or it is one
    /// of these ("de" opens "de twee leiders", and is no phrase alone).
    Vec<String>,
);

impl WordLists {
    /// The bits of the lists that hold `word` (lower case); 0 for none.
    fn of(&self, word: &str) -> u16 {
        self.0.get(word).copied().unwrap_or(0)
    }

    /// The bits of every token of every sentence of `text` (0 for a token
    /// that is no word): each token looked up once per document, not once
    /// by each pass that asks about it.
    fn of_tokens(&self, by_word: &ByWord<u16>, text: &Text) -> Vec<Vec<u16>> {
        if let Some(by_word) = by_word.for_text(text) {
            return text
                .sentences
                .iter()
                .map(|s| {
                    s.tokens
                        .iter()
                        .map(|t| {
                            if t.kind == TokenKind::Word {
                                by_word[t.word as usize]
                            } else {
                                0
                            }
                        })
                        .collect()
                })
                .collect();
        }
        text.sentences
            .iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .map(|t| {
                        if t.kind == TokenKind::Word {
                            self.of(text.lower(t))
                        } else {
                            0
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

const MALE: u16 = 1;
const FEMALE: u16 = 1 << 1;
const DEMONSTRATIVE: u16 = 1 << 2;
const RELATIVE: u16 = 1 << 3;
const PLURAL_PRONOUN: u16 = 1 << 4;
const ALWAYS_PLURAL: u16 = 1 << 5;
const COUNTED: u16 = 1 << 6;
const OBJECT: u16 = 1 << 7;
const CLAUSE_OPENER: u16 = 1 << 8;
const DESCRIPTION_ROLE: u16 = 1 << 9;
const KIND_DETERMINER: u16 = 1 << 10;
/// The first word of a description of two ("beide" in "beide landen").
const PAIR_FIRST: u16 = 1 << 11;
/// A noun of a description by kind ("organisatie").
const KIND_NOUN: u16 = 1 << 12;
/// The second word of a description of two ("twee" in "de twee leiders").
const PAIR_SECOND: u16 = 1 << 13;
/// The lists a token has to be in for [`resolve`] to work anything out.
/// A possessive pronoun of a man ("zijn") or a woman ("haar").
const POSSESSIVE_M: u16 = 1 << 14;
const POSSESSIVE_F: u16 = 1 << 15;
const PRONOUN: u16 = MALE | FEMALE | DEMONSTRATIVE | RELATIVE | PLURAL_PRONOUN | ALWAYS_PLURAL;

/// Plural pronouns and the cues that make them plural.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    /// The pronouns ("zij", "ze").
    pub pronouns: Vec<String>,
    /// Neighbours that make them plural ("zijn", "elkaar").
    pub words: Vec<String>,
    /// Endings of plural finite verbs ("stonden").
    pub verb_endings: Vec<String>,
    /// Words with such an ending that are no verb ("tegen").
    pub not_verbs: Vec<String>,
    /// Pronouns that are plural wherever they stand ("hen").
    #[serde(default)]
    pub always: Vec<String>,
    /// Endings of plural nouns: a group whose last word ends so is plural.
    pub noun_endings: Vec<String>,
    /// Words that count a plural noun phrase ("honderden jongeren"): one
    /// that is no actor between a group and the pronoun is the nearer
    /// antecedent, so the pronoun is left unresolved.
    #[serde(default)]
    pub counted: Vec<String>,
}

impl Plural {
    /// Whether `word` (lower case), next to a plural pronoun, makes it plural.
    fn cue(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
            || (self
                .verb_endings
                .iter()
                .any(|e| word.len() > e.len() + 1 && word.ends_with(e.as_str()))
                && !self.not_verbs.iter().any(|w| w == word))
    }

    /// Whether `head` (lower case) ends like a plural noun.
    fn plural_noun(&self, head: &str) -> bool {
        self.noun_endings
            .iter()
            .any(|e| head.len() > e.len() + 1 && head.ends_with(e.as_str()))
    }
}

/// Personal pronouns by the gender of their antecedent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Personal {
    /// Standing for a man.
    pub m: Vec<String>,
    /// Standing for a woman.
    pub f: Vec<String>,
}

/// Possessive pronouns by the gender of their owner, and the nouns before
/// which they are read as mentions of the owner.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Possessive {
    /// Owned by a man (or a person without a gender).
    pub m: Vec<String>,
    /// Owned by a woman.
    pub f: Vec<String>,
    /// The nouns (lower case) after which the pronoun is resolved.
    pub nouns: Vec<String>,
    /// Words that may stand between the pronoun and its noun ("zijn eigen
    /// partij").
    #[serde(default)]
    pub between: Vec<String>,
}

/// Whether one of `mentions` overlaps `span`.
fn overlapped(mentions: &[Mention], span: Span) -> bool {
    mentions
        .iter()
        .any(|m| m.span.start < span.end && span.start < m.span.end)
}

/// A candidate antecedent: a named (or already resolved) actor mention.
fn usable(m: &Mention) -> bool {
    !m.possessive && !m.demonym
}

/// Resolves the pronouns of `text`; returns every mention, sorted.
pub fn resolve(
    rules: &PronounRules,
    actors: Actors,
    text: &Text,
    mentions: Vec<Mention>,
) -> Vec<Mention> {
    let lists = rules.lists();
    let flags = lists.of_tokens(&rules.by_word, text);
    let mut all = mentions;
    // In text order; a mention that holds another one comes first.
    all.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // "het land" with no country named near it: the country the document
    // is about.
    let home = crate::discover::document_country(actors.lexicon, &all);
    // The mentions by sentence, each in span order: a pronoun looks only at
    // its sentence and the LOOKBACK before it, and joins its own sentence,
    // so a long document stays linear.
    let count = all
        .iter()
        .map(|m| m.sentence + 1)
        .max()
        .unwrap_or(0)
        .max(text.sentences.len());
    let mut by_sentence: Vec<Vec<Mention>> = vec![Vec::new(); count];
    for mention in all {
        let sentence = mention.sentence;
        by_sentence[sentence].push(mention);
    }
    let person_with = |m: &Mention, gender: &str, strict: bool| {
        let entry = &actors.get(m.actor).entry;
        entry.kind == ActorType::Person
            && usable(m)
            && match entry.gender.as_deref() {
                Some(g) => g == gender,
                None => !strict,
            }
    };
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let row = &flags[index];
        for (position, token) in sentence.tokens.iter().enumerate() {
            let of = row[position];
            // Most words are no pronoun or possessive and open no
            // description: passed by on their bits alone.
            if of & (POSSESSIVE_M | POSSESSIVE_F | PRONOUN | KIND_DETERMINER) == 0 {
                continue;
            }
            let near = || {
                by_sentence[index.saturating_sub(LOOKBACK)..=index]
                    .iter()
                    .flatten()
            };
            // "haar opvolger", "zijn partij": a possessive before one of
            // its nouns stands for the owner.
            // ("zijn eigen partij": a word of `between` may stand between them.)
            let possessive = of & (POSSESSIVE_M | POSSESSIVE_F) != 0 && {
                let noun_at = |at: usize| {
                    sentence.tokens.get(at).is_some_and(|t| {
                        t.kind == TokenKind::Word
                            && rules.possessive.nouns.iter().any(|n| n == text.lower(t))
                    })
                };
                let own = sentence.tokens.get(position + 1).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && rules.possessive.between.iter().any(|w| w == text.lower(t))
                });
                noun_at(position + 1) || (own && noun_at(position + 2))
            };
            // Most words are no pronoun and open no description: nothing
            // to work out for them.
            if token.kind != TokenKind::Word
                || (of & (PRONOUN | KIND_DETERMINER) == 0 && !possessive)
                || by_sentence[index]
                    .iter()
                    .any(|m| m.span.start <= token.span.start && token.span.start < m.span.end)
            {
                continue;
            }
            // "de organisatie", "het militaire bondgenootschap", "Die
            // beweging": the determiner, at most one adjective, the noun.
            // Not after a comma: "de CSTO, het militaire bondgenootschap
            // onder leiding van Rusland" is an apposition, which the
            // relation rules read as such.
            let after_comma = position > 0 && text.slice(sentence.tokens[position - 1].span) == ",";
            let kind = if of & KIND_DETERMINER != 0 && !after_comma {
                kind_description(
                    text,
                    &sentence.tokens,
                    &flags[index],
                    position,
                    &lists.1,
                    &rules.role_of,
                )
            } else {
                None
            };
            if kind.is_none() && of & PRONOUN == 0 && !possessive {
                continue;
            }
            let before = |m: &&Mention| m.sentence == index && m.span.end <= token.span.start;
            // The first (or last) accepted mention of the nearest sentence
            // before that has one.
            let earlier_mention = |accept: &dyn Fn(&Mention) -> bool, first: bool| {
                (index.saturating_sub(LOOKBACK)..index).rev().find_map(|s| {
                    let mut found = near().filter(|m| m.sentence == s && accept(m));
                    if first {
                        found.next()
                    } else {
                        found.last()
                    }
                })
            };
            let earlier = |accept: &dyn Fn(&Mention) -> bool, first: bool| {
                earlier_mention(accept, first).map(|m| m.actor)
            };
            let neighbour = |at: Option<usize>| {
                at.and_then(|i| sentence.tokens.get(i))
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| text.lower(t))
            };
            // An object pronoun skips the actors of its own clause: the
            // clause opens after the last punctuation mark or clause opener.
            // So does a description: "Nederland steunt het land" is
            // another country.
            let is_object = of & OBJECT != 0 || kind.is_some();
            // A subject pronoun after the finite verb skips the actors of
            // the words before it in its clause too ("Als opvolger van Kim
            // benoemde hij": not Kim).
            let subject_pronoun = of & (MALE | FEMALE) != 0 && !possessive;
            let clause_start = if is_object || subject_pronoun {
                sentence.tokens[..position]
                    .iter()
                    .zip(&flags[index])
                    .rev()
                    .find(|(t, &of)| t.kind != TokenKind::Word || of & CLAUSE_OPENER != 0)
                    .map(|(t, _)| t)
                    // An opener that was resolved ("Die zegde hem steun
                    // toe", ", die hem steunde") is the clause's subject.
                    .map_or(sentence.span.start, |t| {
                        if by_sentence[index]
                            .iter()
                            .any(|m| m.span.start == t.span.start)
                        {
                            t.span.start
                        } else {
                            t.span.end
                        }
                    })
            } else {
                token.span.start
            };
            let own_clause: Vec<usize> = by_sentence[index]
                .iter()
                .filter(|m| m.span.start >= clause_start && m.span.end <= token.span.start)
                .map(|m| m.actor)
                .collect();
            let outside = |m: &Mention| !own_clause.contains(&m.actor);
            let before_clause = |m: &&Mention| m.sentence == index && m.span.end <= clause_start;
            let plural = of & ALWAYS_PLURAL != 0
                || of & PLURAL_PRONOUN != 0
                    && [
                        neighbour(position.checked_sub(1)),
                        neighbour(Some(position + 1)),
                    ]
                    .iter()
                    .flatten()
                    .any(|w| rules.plural.cue(w));
            let antecedent = if let Some((_, types)) = kind {
                // The nearest actor of its types named before its clause,
                // in no other's phrase ("de leden van de CSTO") and not
                // the modifier of a compound ("VN-Veiligheidsraad" names
                // the council, not the VN).
                let accept = |m: &Mention| {
                    usable(m)
                        && outside(m)
                        && types.contains(&actors.get(m.actor).entry.kind)
                        && !{
                            let tokens = &text.sentences[m.sentence].tokens;
                            let next = tokens.partition_point(|t| t.span.start < m.span.end);
                            tokens.get(next).is_some_and(|t| {
                                t.span.start == m.span.end && t.kind == TokenKind::Hyphen
                            })
                        }
                        && !by_sentence[m.sentence].iter().any(|o| {
                            o.span != m.span
                                && o.span.start <= m.span.start
                                && m.span.end <= o.span.end
                        })
                };
                near()
                    .filter(before_clause)
                    .rfind(|m| accept(m))
                    .map(|m| m.actor)
                    .or_else(|| earlier(&accept, false))
                    .or_else(|| {
                        home.filter(|c| {
                            types.contains(&ActorType::Country) && !own_clause.contains(c)
                        })
                    })
            } else if plural {
                let accept = |m: &Mention| {
                    let within = |o: &Mention, outer: &Mention| {
                        o.span != outer.span
                            && outer.span.start <= o.span.start
                            && o.span.end <= outer.span.end
                    };
                    let mine = &by_sentence[m.sentence];
                    usable(m)
                        && outside(m)
                        && actors.get(m.actor).entry.kind == ActorType::Group
                        && !mine.iter().any(|o| within(m, o))
                        && group_head(text, m, mine.iter().find(|o| within(o, m)))
                            .iter()
                            .any(|w| rules.plural.plural_noun(w))
                };
                // The last counted noun phrase that is no actor, before the
                // pronoun: no antecedent before it.
                let nearer = (index.saturating_sub(LOOKBACK)..=index)
                    .rev()
                    .find_map(|s| {
                        text.sentences[s]
                            .tokens
                            .iter()
                            .zip(&flags[s])
                            .rev()
                            .filter(|(t, _)| s < index || t.span.end <= token.span.start)
                            .find(|(t, &of)| {
                                t.kind == TokenKind::Word
                                    && of & COUNTED != 0
                                    && !by_sentence[s].iter().any(|m| {
                                        m.span.start <= t.span.start && t.span.end <= m.span.end
                                    })
                            })
                            .map(|(t, _)| (s, t.span.start))
                    });
                let after_counted =
                    |m: &Mention| nearer.is_none_or(|at| (m.sentence, m.span.start) > at);
                let accept = |m: &Mention| accept(m) && after_counted(m);
                near()
                    .filter(before_clause)
                    .rfind(|m| accept(m))
                    .map(|m| m.actor)
                    .or_else(|| earlier(&accept, true))
            } else if of & (MALE | FEMALE) != 0 || possessive {
                let gender = if of & (MALE | POSSESSIVE_M) != 0 {
                    "m"
                } else {
                    "f"
                };
                // Women only for zij/ze (also plural); for hij, a gendered match first.
                let strict = gender == "f";
                // A possessive before its clause's subject ("In zijn plaats
                // benoemde Abiy generaal Tadesse") is not that subject's.
                let clause_end = sentence.tokens[position..]
                    .iter()
                    .find(|t| t.kind != TokenKind::Word)
                    .map_or(sentence.span.end, |t| t.span.start);
                let later: Vec<usize> = if possessive {
                    by_sentence[index]
                        .iter()
                        .filter(|m| m.span.start >= token.span.end && m.span.end <= clause_end)
                        .map(|m| m.actor)
                        .collect()
                } else {
                    Vec::new()
                };
                let accept = |m: &Mention| {
                    person_with(m, gender, strict) && outside(m) && !later.contains(&m.actor)
                };
                // A subject takes the subject-most person before it; an
                // object the nearest one before its clause.
                let mut candidates = near().filter(before_clause).filter(|m| accept(m));
                if is_object {
                    candidates.next_back()
                } else {
                    candidates.next()
                }
                .map(|m| m.actor)
                .or_else(|| earlier(&accept, true))
            } else if Some(position)
                == sentence
                    .tokens
                    .iter()
                    .position(|t| t.kind == TokenKind::Word)
                && of & DEMONSTRATIVE != 0
            {
                let accept = |m: &Mention| {
                    usable(m) && actors.get(m.actor).entry.kind != ActorType::Location
                };
                // Not when a capitalised word that names no actor follows
                // the last actor ("... onder leiding van Noureddine Taboubi.
                // Die beschuldigde ...", a name no stage read): the
                // demonstrative is likely that name's.
                let unread_name_after = |s: usize, end: usize| {
                    text.sentences[s].tokens.iter().any(|t| {
                        t.span.start >= end
                            && t.kind == TokenKind::Word
                            && text.slice(t.span).starts_with(char::is_uppercase)
                            && !by_sentence[s]
                                .iter()
                                .any(|m| m.span.start <= t.span.start && t.span.end <= m.span.end)
                    })
                };
                earlier_mention(&accept, false)
                    .filter(|m| !unread_name_after(m.sentence, m.span.end))
                    .map(|m| m.actor)
            } else if of & RELATIVE != 0 && position >= 2 {
                // Right after the comma, or after an apposition that
                // follows it.
                let comma = if text.slice(sentence.tokens[position - 1].span) == "," {
                    Some(position - 1)
                } else {
                    apposition_before(rules, text, &sentence.tokens, position, &by_sentence[index])
                };
                comma.and_then(|comma| {
                    let end = before_brackets(text, &sentence.tokens[..comma]).map(|t| t.span.end);
                    let last = near()
                        .filter(before)
                        .find(|m| usable(m) && Some(m.span.end) == end)?;
                    // "Marta Kos, de commissaris van de Europese Commissie,
                    // die ...": past an apposition closed by its comma the
                    // relative is the named actor's, not its owner's.
                    let owner =
                        apposition_owner(rules, text, &sentence.tokens, last, &by_sentence[index])
                            .and_then(|end| {
                                near()
                                    .filter(before)
                                    .find(|m| usable(m) && m.span.end == end)
                            });
                    // "de regering van Ruto, die ...": the relative is the
                    // head's, a group or organisation, not its owner's.
                    let head = || {
                        owned_head(rules, text, &sentence.tokens, last).and_then(|end| {
                            near().filter(before).find(|m| {
                                usable(m)
                                    && m.span.end == end
                                    && matches!(
                                        actors.get(m.actor).entry.kind,
                                        ActorType::Group | ActorType::Organization
                                    )
                            })
                        })
                    };
                    Some(owner.or_else(head).unwrap_or(last).actor)
                })
            } else {
                None
            };
            if let Some(actor) = antecedent {
                let mention = match kind {
                    Some((end, _)) => Mention {
                        source: MentionSource::Description,
                        ..Mention::pronoun(actor, Span::new(token.span.start, end), index)
                    },
                    None => Mention {
                        possessive,
                        ..Mention::pronoun(actor, token.span, index)
                    },
                };
                let own = &mut by_sentence[index];
                let at = own.partition_point(|m| m.span < mention.span);
                own.insert(at, mention);
            }
        }
    }
    let mut all: Vec<Mention> = by_sentence.into_iter().flatten().collect();
    resolve_descriptions(rules, actors, text, &flags, home, &mut all);
    for mention in pair_descriptions(rules, actors, text, &flags, &all) {
        let at = all.partition_point(|m| m.span <= mention.span);
        all.insert(at, mention);
    }
    for mention in head_descriptions(rules, actors, text, &flags, &all) {
        let at = all.partition_point(|m| m.span <= mention.span);
        all.insert(at, mention);
    }
    all
}

/// "de Nationale Kiesraad ... beschuldigde de kiesraad": a determiner and,
/// in lower case, the last word of an organisation's name of two or more
/// words named before it in the document stand for that organisation, when
/// no other organisation named so far ends with that word, and neither a
/// name, a determiner, a hyphen nor `role_of` before one of those follows
/// ("de kiesraad van Bolivia"). Names with
/// `role_of` in them ("ministerie van Defensie") end with what they are of,
/// not with their head, and give none.
fn head_descriptions(
    rules: &PronounRules,
    actors: Actors,
    text: &Text,
    flags: &[Vec<u16>],
    all: &[Mention],
) -> Vec<Mention> {
    const MIN_LETTERS: usize = 4;
    let mut found = Vec::new();
    // The heads of the organisations named so far, in text order: (where
    // the first mention ends, head, actor).
    let mut heads: Vec<(usize, String, usize)> = Vec::new();
    for m in all.iter().filter(|m| usable(m) && !m.pronoun) {
        let entry = &actors.get(m.actor).entry;
        if entry.kind != ActorType::Organization
            || heads.iter().any(|(_, _, actor)| *actor == m.actor)
        {
            continue;
        }
        let words: Vec<&str> = entry.name.split_whitespace().collect();
        if words.len() < 2 || words.contains(&rules.role_of.as_str()) {
            continue;
        }
        let head = words[words.len() - 1];
        if head.chars().count() >= MIN_LETTERS && head.chars().all(char::is_alphabetic) {
            heads.push((m.span.end, head.to_lowercase(), m.actor));
        }
    }
    if heads.is_empty() {
        return found;
    }
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        for position in 0..tokens.len().saturating_sub(1) {
            if flags[index][position] & KIND_DETERMINER == 0 {
                continue;
            }
            let (determiner, noun) = (&tokens[position], &tokens[position + 1]);
            if noun.kind != TokenKind::Word
                || text
                    .slice(noun.span)
                    .starts_with(|c: char| !c.is_lowercase())
            {
                continue;
            }
            let word = text.lower(noun);
            let mut named = heads
                .iter()
                .filter(|(end, head, _)| *end <= determiner.span.start && head == word);
            let (Some(&(_, _, actor)), None) = (named.next(), named.next()) else {
                continue;
            };
            // Not "de kiesraad Sucre", "de kiesraad-voorzitter", "de
            // kiesraad van Bolivia", "de kiesraad van het land"; "de
            // kiesraad van fraude beschuldigen" is the one named.
            let name_at = |at: usize| {
                tokens.get(at).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && (text.slice(t.span).starts_with(char::is_uppercase)
                            || flags[index][at] & KIND_DETERMINER != 0)
                })
            };
            let followed = tokens.get(position + 2).is_some_and(|t| {
                t.kind == TokenKind::Hyphen
                    || name_at(position + 2)
                    || (t.kind == TokenKind::Word
                        && text.lower(t) == rules.role_of
                        && name_at(position + 3))
            });
            let span = Span::new(determiner.span.start, noun.span.end);
            if !followed && !overlapped(all, span) {
                found.push(Mention {
                    source: MentionSource::Description,
                    ..Mention::pronoun(actor, span, index)
                });
            }
        }
    }
    found
}

/// Where the actor named before an apposition ends, when `owner` ends the
/// apposition: "<actor>, <determiner> <at most six words> van <determiner>?
/// <owner>". Only across words and hyphens, with no other mention between.
fn apposition_owner(
    rules: &PronounRules,
    text: &Text,
    tokens: &[Token],
    owner: &Mention,
    mentions: &[Mention],
) -> Option<usize> {
    let lists = rules.lists();
    let at = role_of_before(rules, text, tokens, owner)?;
    for j in (at.saturating_sub(7)..at).rev() {
        let token = &tokens[j];
        if overlapped(mentions, token.span) {
            return None;
        }
        match token.kind {
            TokenKind::Word | TokenKind::Hyphen => {}
            _ if text.slice(token.span) == "," => {
                let opens = tokens
                    .get(j + 1)
                    .is_some_and(|t| lists.of(text.lower(t)) & KIND_DETERMINER != 0);
                return (opens && j > 0).then(|| tokens[j - 1].span.end);
            }
            _ => return None,
        }
    }
    None
}

/// The token of the `role_of` word right before `owner`, maybe with a
/// determiner between ("van (de) Europese Commissie").
fn role_of_before(
    rules: &PronounRules,
    text: &Text,
    tokens: &[Token],
    owner: &Mention,
) -> Option<usize> {
    let start = tokens
        .iter()
        .position(|t| t.span.start == owner.span.start)?;
    let mut at = start.checked_sub(1)?;
    if rules.lists().of(text.lower(&tokens[at])) & KIND_DETERMINER != 0 {
        at = at.checked_sub(1)?;
    }
    (text.lower(&tokens[at]) == rules.role_of).then_some(at)
}

/// Where the noun that `owner` owns ends: "de regering van Ruto".
fn owned_head(
    rules: &PronounRules,
    text: &Text,
    tokens: &[Token],
    owner: &Mention,
) -> Option<usize> {
    let at = role_of_before(rules, text, tokens, owner)?;
    Some(tokens[at.checked_sub(1)?].span.end)
}

/// The comma before an apposition that ends right before the relative
/// pronoun at `position`: a determiner, at most seven words with none
/// named and no `role_of` ("de partij van Fico die": "die" may be Fico)
/// except between quotation marks ("de zelfbenoemde 'leider van de natie'
/// die"), one of which ends with an apposition head.
fn apposition_before(
    rules: &PronounRules,
    text: &Text,
    tokens: &[Token],
    position: usize,
    mentions: &[Mention],
) -> Option<usize> {
    let lists = rules.lists();
    let mut quoted = false;
    for at in (position.saturating_sub(9)..position).rev() {
        let token = &tokens[at];
        if overlapped(mentions, token.span) {
            return None;
        }
        match token.kind {
            TokenKind::Quote => quoted = !quoted,
            TokenKind::Word => {
                let word = text.lower(token);
                if !quoted
                    && at > 0
                    && lists.of(word) & KIND_DETERMINER != 0
                    && text.slice(tokens[at - 1].span) == ","
                {
                    // One of the words passed must end like a head: asked
                    // only now, not of every word passed (most calls
                    // end before a determiner after a comma is found).
                    let head = tokens[at + 1..position].iter().any(|t| {
                        t.kind == TokenKind::Word && is_apposition_head(rules, text.lower(t))
                    });
                    return (head && at + 1 < position).then_some(at - 1);
                }
                if !quoted && word == rules.role_of {
                    return None;
                }
            }
            TokenKind::Hyphen => {}
            _ if quoted => {}
            _ => return None,
        }
    }
    None
}

/// Whether `word` (lower case) ends like one of the apposition heads. The
/// last bytes compared first: most words end unlike most heads, and are
/// then not compared as a whole.
fn is_apposition_head(rules: &PronounRules, word: &str) -> bool {
    let last = word.as_bytes().last();
    rules
        .apposition_heads
        .iter()
        .any(|h| h.as_bytes().last().is_none_or(|b| last == Some(b)) && word.ends_with(h.as_str()))
}

/// A description by kind opening at the determiner at `position`: where it
/// ends and the types it may stand for. Not when a name, a capital or
/// "van" follows ("de organisatie Qaharman", "de partij van Fico"), and
/// not when its noun is capitalised ("de Europese Unie" is a name).
fn kind_description<'k>(
    text: &Text,
    tokens: &[Token],
    flags: &[u16],
    position: usize,
    kinds: &'k HashMap<String, Vec<ActorType>, foldhash::fast::FixedState>,
    of: &str,
) -> Option<(usize, &'k [ActorType])> {
    let word = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| text.lower(t))
    };
    let noun = |i: usize| flags.get(i).is_some_and(|&of| of & KIND_NOUN != 0);
    let (noun, types) = (position + 1..=position + 2).find_map(|i| {
        if !noun(i) {
            return None;
        }
        let types = kinds.get(word(i)?)?.as_slice();
        // A capitalised noun is a name's ("de Europese Unie").
        if text
            .slice(tokens[i].span)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        {
            return None;
        }
        // One adjective between: a word ending in -e.
        (i == position + 1 || word(position + 1).is_some_and(|w| w.ends_with('e')))
            .then_some((i, types))
    })?;
    let next = tokens.get(noun + 1);
    let followed = next.is_some_and(|t| {
        t.kind == TokenKind::Word
            && (text
                .slice(t.span)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                || word(noun + 1).is_some_and(|w| w == of || kinds.contains_key(w)))
    });
    (!followed).then_some((tokens[noun].span.end, types))
}

/// "de Russische president" without a name: the actor with that role of that
/// country, named so in this document or, failing that, in the lexicon.
fn resolve_descriptions(
    rules: &PronounRules,
    actors: Actors,
    text: &Text,
    flags: &[Vec<u16>],
    home: Option<usize>,
    all: &mut Vec<Mention>,
) {
    let lists = rules.lists();
    // (demonym mention index, head token span, the mention right after it, if any)
    let mut descriptions = Vec::new();
    for (at, demonym) in all.iter().enumerate().filter(|(_, m)| m.demonym) {
        let Some(sentence) = text.sentences.get(demonym.sentence) else {
            continue;
        };
        let Some(position) = sentence
            .tokens
            .iter()
            .position(|t| t.span.start >= demonym.span.end)
        else {
            continue;
        };
        let head = sentence.tokens[position];
        if head.kind != TokenKind::Word || lists.of(text.lower(&head)) & DESCRIPTION_ROLE == 0 {
            continue;
        }
        let next = sentence.tokens.get(position + 1);
        let named = next
            .and_then(|n| {
                all.iter()
                    .find(|m| m.span.start == n.span.start && !m.demonym && !m.possessive)
            })
            .map(|m| m.actor);
        let capitalised = next.is_some_and(|n| {
            text.slice(n.span)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        });
        descriptions.push((at, head.span, named, capitalised));
    }
    let key = |at: usize, head: Span| (all[at].actor, text.slice(head).to_lowercase());
    let in_document: BTreeMap<(usize, String), usize> = descriptions
        .iter()
        .filter_map(|&(at, head, named, _)| named.map(|actor| (key(at, head), actor)))
        .collect();
    let titled = titled_persons(actors, text, flags, all);
    let mut found = Vec::new();
    for &(at, head, named, capitalised) in &descriptions {
        if named.is_some() || capitalised {
            continue;
        }
        let (country, role) = key(at, head);
        let wanted = format!(
            "{role} {} {}",
            rules.role_of,
            actors.get(country).entry.name.to_lowercase()
        );
        // Else the one holder the lexicon knows, else, for the document's
        // own country, the one person the document titled so before
        // ("president Maia Sandu ... De Moldavische president").
        let holder = in_document
            .get(&(country, role.clone()))
            .copied()
            .or_else(|| match actors.lexicon.holders(&wanted) {
                [only] => Some(*only),
                _ => None,
            })
            .or_else(|| {
                (home == Some(country))
                    .then(|| only_titled(&titled, &role, head.start))
                    .flatten()
            });
        if let Some(actor) = holder {
            found.push(Mention {
                actor,
                span: head,
                sentence: all[at].sentence,
                possessive: false,
                demonym: false,
                pronoun: true,
                source: MentionSource::Description,
            });
        }
    }
    found.extend(bare_role_descriptions(rules, text, flags, all, &titled));
    for mention in found {
        let at = all.partition_point(|m| m.span < mention.span);
        all.insert(at, mention);
    }
}

/// The persons the document names with a title right before the name
/// ("Premier Irakli Kobachidze", "de Peruaanse president José Jerí"; not
/// "oud-premier"): (where the name starts, the title, the person).
fn titled_persons<'t>(
    actors: Actors,
    text: &'t Text,
    flags: &[Vec<u16>],
    all: &[Mention],
) -> Vec<(usize, &'t str, usize)> {
    // (Only words have bits.)
    let is_role = |sentence: usize, p: usize| flags[sentence][p] & DESCRIPTION_ROLE != 0;
    let mut titled: Vec<(usize, &str, usize)> = Vec::new();
    for m in all
        .iter()
        .filter(|m| !m.pronoun && !m.demonym && !m.possessive)
    {
        if actors.get(m.actor).entry.kind != ActorType::Person {
            continue;
        }
        let Some(sentence) = text.sentences.get(m.sentence) else {
            continue;
        };
        // The last token before the name (the tokens are in order: found
        // by halves, not by a walk back from the sentence's end).
        let Some(p) = sentence
            .tokens
            .partition_point(|t| t.span.end <= m.span.start)
            .checked_sub(1)
        else {
            continue;
        };
        let former = p > 0 && sentence.tokens[p - 1].kind == TokenKind::Hyphen;
        if is_role(m.sentence, p) && !former {
            titled.push((m.span.start, text.lower(&sentence.tokens[p]), m.actor));
        }
    }
    titled
}

/// The one person titled `role` before `before`, if exactly one was.
fn only_titled(titled: &[(usize, &str, usize)], role: &str, before: usize) -> Option<usize> {
    let mut holders = titled
        .iter()
        .filter(|(at, title, _)| *at < before && *title == role)
        .map(|&(_, _, actor)| actor);
    let first = holders.next()?;
    holders.all(|other| other == first).then_some(first)
}

/// "De premier beschuldigde ...", with no demonym: the one person the
/// document named with that title before it ("Premier Irakli Kobachidze",
/// "de Peruaanse president José Jerí"). Not before a name, a capital or
/// "van" ("de premier van Georgië"), not after a hyphen ("oud-premier"), and
/// nobody when two people carried the title so far.
fn bare_role_descriptions(
    rules: &PronounRules,
    text: &Text,
    flags: &[Vec<u16>],
    all: &[Mention],
    titled: &[(usize, &str, usize)],
) -> Vec<Mention> {
    let covered = |span: Span| overlapped(all, span);
    let mut found = Vec::new();
    // With nobody titled, no description has a holder: the sentences are
    // not read.
    if titled.is_empty() {
        return found;
    }
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let row = &flags[index];
        for p in 1..tokens.len() {
            if row[p] & DESCRIPTION_ROLE == 0 || row[p - 1] & KIND_DETERMINER == 0 {
                continue;
            }
            let head = &tokens[p];
            if covered(head.span) {
                continue;
            }
            // "van" names whose the role is ("de premier van Georgië"),
            // unless a quotation or a bare noun follows it: what the holder
            // is accused of ("beschuldigde de president van ‘een
            // staatsgreep’", "van corruptie").
            let of_what = |n: &Token| {
                n.kind == TokenKind::Quote
                    || (n.kind == TokenKind::Word
                        && !text.slice(n.span).starts_with(char::is_uppercase)
                        && row.get(p + 2).is_some_and(|f| f & KIND_DETERMINER == 0))
            };
            let followed = tokens.get(p + 1).is_some_and(|n| {
                n.kind == TokenKind::Word
                    && (text.slice(n.span).starts_with(char::is_uppercase)
                        || (text.lower(n) == rules.role_of
                            && !tokens.get(p + 2).is_some_and(of_what)))
            });
            if followed {
                continue;
            }
            if let Some(actor) = only_titled(titled, text.lower(head), head.span.start) {
                found.push(Mention {
                    actor,
                    span: head.span,
                    sentence: index,
                    possessive: false,
                    demonym: false,
                    pronoun: true,
                    source: MentionSource::Description,
                });
            }
        }
    }
    found
}

/// "Mohamud bedankte beide landen", "telefoongesprekken met beide leiders":
/// a description of two actors stands for both when the latest sentence
/// that names actors of its types (this one before its clause, or one of
/// the [`LOOKBACK`] before) names exactly two. Gives a mention of each, with
/// the description's span, in the order they were named. Not after a comma,
/// where it opens an apposition.
fn pair_descriptions(
    rules: &PronounRules,
    actors: Actors,
    text: &Text,
    flags: &[Vec<u16>],
    all: &[Mention],
) -> Vec<Mention> {
    let mut found = Vec::new();
    if rules.pairs.is_empty() {
        return found;
    }
    let lists = rules.lists();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let row = &flags[index];
        for (p, &of) in row.iter().enumerate() {
            // Most words open no description of two (only words have bits).
            if of & PAIR_FIRST == 0 {
                continue;
            }
            // Nor does a word that no phrase's second word follows, unless
            // it is a phrase on its own.
            let first = text.lower(&tokens[p]);
            if row.get(p + 1).is_none_or(|&of| of & PAIR_SECOND == 0)
                && !lists.4.iter().any(|one| one == first)
            {
                continue;
            }
            let matches = |phrase: &[String]| {
                let fits = phrase.first().is_some_and(|w| w == first)
                    && phrase.iter().enumerate().skip(1).all(|(i, word)| {
                        tokens
                            .get(p + i)
                            .is_some_and(|t| t.kind == TokenKind::Word && text.lower(t) == word)
                    });
                fits.then_some(phrase.len())
            };
            let Some((pair, length)) = lists
                .3
                .get(first)
                .into_iter()
                .flatten()
                .map(|&at| &lists.2[at])
                .find_map(|(pair, phrase)| matches(phrase).map(|l| (&rules.pairs[*pair], l)))
            else {
                continue;
            };
            let span = Span::new(tokens[p].span.start, tokens[p + length - 1].span.end);
            // An apposition after a comma ("Rocha en Obando, beiden lid
            // van Unamos,") says what the two before it are: the rules read
            // its words.
            let apposition = p > 0 && text.lower(&tokens[p - 1]) == ",";
            if apposition || overlapped(all, span) {
                continue;
            }
            let clause_start = tokens[..p]
                .iter()
                .zip(&flags[index])
                .rev()
                .find(|(t, &of)| t.kind != TokenKind::Word || of & CLAUSE_OPENER != 0)
                .map_or(sentence.span.start, |(t, _)| t.span.end);
            // Not the actors of its own clause ("Trump sprak met beide
            // leiders": Trump is not one of them).
            let own: Vec<usize> = all
                .iter()
                .filter(|m| {
                    m.sentence == index && m.span.start >= clause_start && m.span.end <= span.start
                })
                .map(|m| m.actor)
                .collect();
            for s in (index.saturating_sub(LOOKBACK)..=index).rev() {
                let mut named: Vec<usize> = Vec::new();
                for m in all.iter().filter(|m| {
                    m.sentence == s
                        && !own.contains(&m.actor)
                        && (s < index || m.span.end <= clause_start)
                        && !m.demonym
                        && pair.types.contains(&actors.get(m.actor).entry.kind)
                }) {
                    if !named.contains(&m.actor) {
                        named.push(m.actor);
                    }
                }
                if named.is_empty() {
                    continue;
                }
                if let [first, second] = named[..] {
                    for actor in [first, second] {
                        found.push(Mention {
                            source: MentionSource::Description,
                            ..Mention::pronoun(actor, span, index)
                        });
                    }
                }
                break;
            }
        }
    }
    found
}

/// The words that may be a group mention's head, lower case: its last
/// word, or, when it holds its owner ("twee vicevoorzitters van de Kazachse
/// veiligheidsdienst"), every word before the owner.
fn group_head(text: &Text, mention: &Mention, inner: Option<&Mention>) -> Vec<String> {
    let end = inner.map_or(mention.span.end, |i| i.span.start);
    let mut words = text
        .text
        .get(mention.span.start..end)
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    if inner.is_some() {
        words.collect()
    } else {
        words.next_back().into_iter().collect()
    }
}

/// The last token of `tokens`, skipping one bracketed group at the end
/// ("de CSTO (CVVO)" gives "CSTO").
fn before_brackets<'t>(text: &Text, tokens: &'t [Token]) -> Option<&'t Token> {
    let last = tokens.last()?;
    if text.slice(last.span) != ")" {
        return Some(last);
    }
    let open = tokens.iter().rposition(|t| text.slice(t.span) == "(")?;
    open.checked_sub(1).map(|i| &tokens[i])
}

#[cfg(test)]
mod tests {

    use crate::testing::resolved_pronouns as resolved;

    #[test]
    fn personal_pronouns_take_the_subject_of_the_sentence_before() {
        let text = "Een zuivering suggereert dat Tokajev zich zorgen maakt over Nazarbajev. Zondag ontsloeg hij twee vicevoorzitters.";
        assert_eq!(resolved(text), vec!["hij=kassym-jomart-tokajev"]);
    }

    #[test]
    fn personal_pronouns_in_their_own_sentence() {
        let text = "Tokajev lijkt Nazarbajev te willen uitschakelen: hij verving Nazarbajev vorige week al.";
        assert_eq!(resolved(text), vec!["hij=kassym-jomart-tokajev"]);
    }

    #[test]
    fn gender_decides_and_plural_zij_stays_unresolved() {
        let text = "Dana Zhanay sprak met Tokajev. Zij bekritiseerde de regering. Hij zweeg.";
        assert_eq!(
            resolved(text),
            vec!["Zij=dana-zhanay", "Hij=kassym-jomart-tokajev"]
        );
        // Only men named before: zij is plural or unknown, never a guess.
        assert!(resolved("Tokajev en Poetin spraken. Zij waren het eens.").is_empty());
    }

    #[test]
    fn the_head_of_an_organisations_name_stands_for_it() {
        let text = "De Nationale Kiesraad sprak. Machado beschuldigde de kiesraad. Het Openbaar Ministerie zweeg.";
        assert_eq!(resolved(text), vec!["de kiesraad=nationale-kiesraad"]);
        // Near misses: two organisations with that head; before the name;
        // followed by "van" or a name.
        assert!(resolved(
            "De Nationale Kiesraad en de Regionale Kiesraad spraken. Machado beschuldigde de kiesraad."
        )
        .is_empty());
        assert!(
            resolved("Machado beschuldigde de kiesraad. De Nationale Kiesraad zweeg.").is_empty()
        );
        assert_eq!(
            resolved(
                "De Nationale Kiesraad sprak. Machado sprak over de kiesraad van Bolivia, de kiesraad van de staat en de kiesraad Sucre."
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn possessives_before_their_nouns_stand_for_the_owner() {
        // "haar" by gender (a woman by her first name), "zijn" the subject of
        // its own clause; before another noun, or as a verb, a word.
        let text = "Minister Paula Ordóñez trad af. Daniel Noboa benoemde Miguel Arteaga tot haar opvolger. Zijn partij zweeg. Zijn dank was groot. Zij zijn gearresteerd.";
        assert_eq!(
            resolved(text),
            vec!["haar=paula-ordóñez", "Zijn=daniel-noboa"]
        );
        // "haar" is no man's.
        assert!(resolved("Daniel Noboa benoemde Miguel Arteaga tot haar opvolger.").is_empty());
        // Not the subject its clause names after it.
        assert_eq!(
            resolved(
                "Tokajev ontsloeg Masimov. In zijn plaats benoemde Tokajev Karim Kalmoerzajev."
            ),
            vec!["zijn=karim-masimov"]
        );
    }

    #[test]
    fn plural_zij_and_ze_take_a_plural_group_next_to_a_plural_verb() {
        let text = "Zondag ontsloeg hij twee vicevoorzitters van de Kazachse veiligheidsdienst. Zij stonden bekend als vertrouwelingen van Nazarbajev.";
        assert_eq!(
            resolved(text),
            vec!["Zij=vicevoorzitters-van-veiligheidsdienst-van-kazachstan"]
        );
        let text = "De Kazachse autoriteiten waren bang: met behulp van de CSTO konden ze het protest neerslaan.";
        assert_eq!(resolved(text), vec!["ze=autoriteiten-van-kazachstan"]);
        // A singular verb: a woman, never a group.
        let text =
            "De Kazachse autoriteiten zwegen. Dana Zhanay sprak. Zij bekritiseerde de regering.";
        assert_eq!(resolved(text), vec!["Zij=dana-zhanay"]);
        // A counted plural that is no actor stands between: no guess.
        let text = "De Kazachse autoriteiten zwegen. Honderden mensen trokken door de straten. Zij riepen leuzen.";
        assert!(resolved(text).is_empty());
        // Counted youths are a group (discovery.toml `counted`): theirs.
        let text = "De Kazachse autoriteiten zwegen. Honderden jongeren trokken door de straten. Zij riepen leuzen.";
        assert_eq!(resolved(text), vec!["Zij=jongeren"]);
        // A plural verb but only a singular group before it: no guess.
        let text = "De Kazachse regering viel. Zij stonden erbij.";
        assert!(resolved(text).is_empty());
    }

    #[test]
    fn object_pronouns_skip_the_actors_of_their_own_clause() {
        // Not the subject of its own clause ...
        assert!(resolved("Tokajev ontsloeg hem.").is_empty());
        // ... but the one before the clause, or in the sentence before.
        assert_eq!(
            resolved("Tokajev zei dat Poetin hem steunde."),
            vec!["hem=kassym-jomart-tokajev"]
        );
        assert_eq!(
            resolved("Tokajev sprak met Masimov. Later ontsloeg hij hem."),
            vec!["hij=kassym-jomart-tokajev", "hem=karim-masimov"]
        );
        // A resolved demonstrative or relative opening the clause is its
        // subject: the object is someone else.
        assert_eq!(
            resolved("Masimov sprak met Poetin. Die zegde hem steun toe."),
            vec!["Die=vladimir-poetin", "hem=karim-masimov"]
        );
    }

    #[test]
    fn demonstratives_and_relatives() {
        let text = "Hoe snel dat is, zal afhangen van Poetin. Die zei dat de troepen blijven.";
        assert_eq!(resolved(text), vec!["Die=vladimir-poetin"]);
        let text = "Tokajev deed een beroep op de CSTO, die alleen in actie komt bij agressie.";
        assert_eq!(resolved(text), vec!["die=csto"]);
        let text =
            "Poetin sprak over de Collectieve Veiligheidsorganisatie (CSTO), die troepen stuurde.";
        assert_eq!(resolved(text), vec!["die=csto"]);
        // "die" as a determiner or without a comma is no pronoun.
        assert!(resolved("Tokajev zei dat die man loog.").is_empty());
    }

    #[test]
    fn a_subject_pronoun_after_the_verb_skips_the_actors_before_it_in_its_clause() {
        let text = "Poetin sprak. Als opvolger van Masimov benoemde hij Tokajev.";
        assert_eq!(resolved(text), vec!["hij=vladimir-poetin"]);
        // Another clause before it is no part of its own.
        let text = "Poetin sprak. Toen Masimov vertrok, benoemde hij Tokajev.";
        assert_eq!(resolved(text), vec!["hij=karim-masimov"]);
    }

    #[test]
    fn relatives_after_an_apposition_take_the_actor_before_its_comma() {
        let text = "Poetin sprak met de CSTO, de alliantie die troepen stuurde.";
        assert_eq!(resolved(text), vec!["die=csto"]);
        // Quoted words may hold "van".
        let text = "Poetin sprak met Nazarbajev, de zelfbenoemde ‘leider van de natie’ die zweeg.";
        assert_eq!(resolved(text), vec!["die=noersoeltan-nazarbajev"]);
        // Not after a noun that names no actor (the relative is the step),
        // nor past "van" (it may be the actor after it) or another name.
        assert!(resolved("Tokajev ontsloeg Masimov, een stap die Poetin steunde.").is_empty());
        assert!(
            resolved("Poetin sprak met Tokajev, de man van de oppositie die zweeg.").is_empty()
        );
        assert!(resolved("Poetin sprak met Tokajev, de man uit Rusland die zweeg.").is_empty());
        // Past an apposition closed by its comma: the named actor's, not
        // the owner's after "van".
        let text = "Poetin sprak met Tokajev, de president van Kazachstan, die zweeg.";
        assert_eq!(resolved(text), vec!["die=kassym-jomart-tokajev"]);
    }

    #[test]
    fn bare_role_descriptions_take_the_one_titled_person_before_them() {
        let text = "Premier Irakli Kobachidze sprak. De premier zweeg daarna.";
        assert_eq!(resolved(text), vec!["premier=irakli-kobachidze"]);
        // Two premiers before it: neither.
        let text = "Premier Mark Rutte en premier Olaf Scholz spraken. De premier zweeg.";
        assert!(resolved(text).is_empty());
        // A former premier is no premier; "de premier van" names another.
        let text = "Oud-premier Karim Masimov sprak. De premier zweeg.";
        assert!(resolved(text).is_empty());
        let text = "Premier Irakli Kobachidze sprak met de premier van Armenië.";
        assert!(resolved(text).is_empty());
        // "van" what the holder is accused of: the premier titled before.
        let text = "Premier Irakli Kobachidze sprak. Zij beschuldigde de premier van ‘verraad’.";
        assert_eq!(resolved(text), vec!["premier=irakli-kobachidze"]);
    }

    #[test]
    fn definite_descriptions_take_the_named_role_holder() {
        // Named so in the document.
        let text =
            "De Franse president Emmanuel Macron sprak. Later bedankte Rutte de Franse president.";
        assert_eq!(resolved(text), vec!["president=emmanuel-macron"]);
        // Else the one lexicon actor with that role.
        assert_eq!(
            resolved("Tokajev bedankte de Russische president voor de hulp."),
            vec!["president=vladimir-poetin"]
        );
        // Nobody known: no guess; a name after it is no description.
        assert!(resolved("Rutte bedankte de Chileense president.").is_empty());
        assert!(resolved("De Russische president Poetin sprak.").is_empty());
        // Of the document's country: the one person it titled so before.
        let text = "Chili is onrustig. In Chili sprak president Gabriel Boric. De Chileense president zweeg.";
        assert_eq!(resolved(text), vec!["president=gabriel-boric"]);
        // Not of another country.
        let text = "Chili is onrustig. In Chili sprak president Gabriel Boric. De Peruaanse president zweeg.";
        assert!(resolved(text).is_empty());
    }

    #[test]
    fn descriptions_by_kind_take_the_nearest_actor_of_their_kind() {
        // The nearest organisation before, across sentences; an adjective may
        // stand between; a demonstrative opens one.
        assert_eq!(
            resolved(
                "De CSTO zweeg. Tokajev had de organisatie om hulp gevraagd. Die beweging zweeg."
            ),
            vec!["de organisatie=csto", "Die beweging=csto"]
        );
        // Not a country of its own clause ("Nederland steunt het land").
        assert_eq!(
            resolved("Oekraïne vroeg om wapens. Nederland steunt het land."),
            vec!["het land=oekraïne"]
        );
        // Near misses: a name or "van" after it, an apposition after a comma,
        // no actor of the kind.
        assert!(resolved("De NAVO zweeg. De organisatie Qaharman sprak.").is_empty());
        assert!(resolved("De NAVO zweeg. De partij van Fico sprak.").is_empty());
        // A capitalised noun after the adjective is a name.
        assert!(resolved("De NAVO zweeg. Toen sprak de Europese Unie.").is_empty());
        assert!(resolved("Hij sprak met de CSTO, het militaire bondgenootschap.").is_empty());
        assert!(resolved("Tokajev zweeg. Het land was onrustig.").is_empty());
    }

    #[test]
    fn resolution_never_crosses_a_document_or_too_many_sentences() {
        assert!(resolved("Hij ontsloeg de regering.").is_empty());
        let far = "Tokajev sprak. Het regende. Het waaide. Het stormde. Hij zweeg.";
        assert!(resolved(far).is_empty());
    }
}
