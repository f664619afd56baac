//! Discovery: actors that are not in the lexicon.
//!
//! Takes: the discovery rules ([`DiscoveryRules`], data/nl/discovery.toml),
//! the actor lexicon, an analysed [`Text`] and its lexicon mentions.
//! Gives: the document's discovered [`Actor`]s (each with the cue that typed
//! it as its reason) and every mention, sorted: the lexicon's, names found
//! by a cue, surnames and possessives of names seen in the document, other
//! spellings of lexicon names (by transliteration key), and groups
//! ("de Kazachse regering", "Russische troepen").
//! Does not: merge actors across documents (see `graph`), or make an actor
//! of a capitalised word that no cue types: precision first.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::actor::{slug, Actor, ActorEntry, ActorLexicon, ActorType, Mention, MentionSource};
use crate::text::{Sentence, SentenceKind, Span, Text, Token, TokenKind};

/// Language data for this stage, as written in data/nl/discovery.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscoveryFile {
    /// Name particles ("van", "der").
    pub particles: Vec<String>,
    /// Words that are never part of a name.
    pub stopwords: Vec<String>,
    /// Titles that make the next name a person.
    pub person_titles: Vec<String>,
    /// First names.
    pub first_names: Vec<String>,
    /// Spelling variants of transliterated names, applied in order.
    pub transliteration: Vec<(String, String)>,
    /// Endings that make a name an organisation.
    pub organization_suffixes: Vec<String>,
    /// First words that make a name an organisation.
    pub organization_prefixes: Vec<String>,
    /// Endings of institution names that every country has.
    pub national_institutions: Vec<String>,
    /// Titles whose "van X" names a portfolio.
    pub portfolio_titles: Vec<String>,
    /// Words before a name that make it a place.
    pub location_cues: Vec<String>,
    /// Words that may open a group's noun phrase.
    pub determiners: Vec<String>,
    /// Collective actors.
    #[serde(default, rename = "group")]
    pub groups: Vec<GroupEntry>,
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
}

fn lower_set(words: &[String]) -> BTreeSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// The compiled rules, with the lexicon's names by comparison key.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryRules {
    particles: BTreeSet<String>,
    stopwords: BTreeSet<String>,
    person_titles: BTreeSet<String>,
    first_names: BTreeSet<String>,
    transliteration: Vec<(String, String)>,
    organization_suffixes: Vec<String>,
    organization_prefixes: BTreeSet<String>,
    national_institutions: Vec<String>,
    location_cues: BTreeSet<String>,
    portfolio_titles: BTreeSet<String>,
    groups: BTreeMap<String, (String, bool)>,
    determiners: BTreeSet<String>,
    lexicon_keys: BTreeMap<String, usize>,
}

impl DiscoveryRules {
    /// Compiles the file, with the comparison keys of the lexicon's names.
    pub fn new(file: &DiscoveryFile, lexicon: &ActorLexicon) -> DiscoveryRules {
        let mut rules = DiscoveryRules {
            particles: lower_set(&file.particles),
            stopwords: lower_set(&file.stopwords),
            person_titles: lower_set(&file.person_titles),
            first_names: lower_set(&file.first_names),
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
            organization_prefixes: lower_set(&file.organization_prefixes),
            national_institutions: file
                .national_institutions
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            location_cues: lower_set(&file.location_cues),
            portfolio_titles: lower_set(&file.portfolio_titles),
            groups: file
                .groups
                .iter()
                .flat_map(|g| {
                    g.words
                        .iter()
                        .map(|w| (w.to_lowercase(), (g.name.clone(), g.bare)))
                })
                .collect(),
            determiners: lower_set(&file.determiners),
            lexicon_keys: BTreeMap::new(),
        };
        for (index, actor) in lexicon.actors().iter().enumerate() {
            for name in std::iter::once(&actor.entry.name).chain(&actor.entry.aliases) {
                rules.lexicon_keys.entry(rules.key(name)).or_insert(index);
            }
        }
        rules
    }

    /// The comparison key of a name: lower case, transliteration variants
    /// unified, double letters collapsed, hyphens and spaces as one space.
    pub fn key(&self, name: &str) -> String {
        let mut key: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' { ' ' } else { c })
            .collect();
        for (from, to) in &self.transliteration {
            key = key.replace(from.as_str(), to);
        }
        let mut out = String::with_capacity(key.len());
        for c in key.chars() {
            if out.ends_with(c) && c.is_alphabetic() {
                continue;
            }
            out.push(c);
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// What [`discover`] gives.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Actors found in the document, indexed after the lexicon's.
    pub actors: Vec<Actor>,
    /// Every mention of the document, sorted by position.
    pub mentions: Vec<Mention>,
}

struct Candidate {
    tokens: std::ops::Range<usize>,
    sentence: usize,
    span: Span,
    text: String,
    kind: Option<(ActorType, String)>,
}

fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
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
    let first_name_demonym = |m: &Mention| {
        m.demonym
            && rules
                .first_names
                .contains(&text.slice(m.span).to_lowercase())
    };
    // The mentions' spans by start, with the furthest end so far: a span is
    // covered when a mention that starts before its end ends after its start.
    let mut spans: Vec<Span> = mentions
        .iter()
        .filter(|m| !first_name_demonym(m))
        .map(|m| m.span)
        .collect();
    spans.sort_unstable();
    let furthest: Vec<usize> = spans
        .iter()
        .scan(0, |end, s| {
            *end = s.end.max(*end);
            Some(*end)
        })
        .collect();
    let covered = |span: Span| {
        let before = spans.partition_point(|s| s.start < span.end);
        before > 0 && furthest[before - 1] > span.start
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
        let name_part = |i: usize| {
            tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
                && is_capitalised(word(i))
                && tokens.get(i).is_some_and(|t| !covered(t.span))
                && !rules.stopwords.contains(&word(i).to_lowercase())
        };
        let first_word = tokens.iter().position(|t| t.kind == TokenKind::Word);
        let mut i = 0;
        while i < tokens.len() {
            if !name_part(i) {
                i += 1;
                continue;
            }
            // A capitalised title opening the run ("Woordvoerder Dmitri Peskov")
            // is not part of the name: it is its cue.
            while rules.person_titles.contains(&word(i).to_lowercase()) && name_part(i + 1) {
                i += 1;
            }
            let mut end = i + 1;
            let mut words = 1;
            let organization = rules
                .organization_prefixes
                .contains(&word(i).to_lowercase());
            loop {
                let after_organization = rules
                    .organization_suffixes
                    .iter()
                    .any(|s| word(end - 1).to_lowercase().ends_with(s.as_str()));
                if name_part(end) && !after_organization {
                    // "Buitenlandse Zaken Catherine Colonna" is two names.
                    end += 1;
                    words += 1;
                } else if tokens.get(end).is_some_and(|t| t.kind == TokenKind::Hyphen)
                    && name_part(end + 1)
                {
                    end += 2;
                } else {
                    // Particles follow a given name ("Caroline van der Plas") or an
                    // organisation's first word ("Ministerie van Defensie"), never a
                    // surname ("Van der Plas van BBB" is a name and a party).
                    let particles = (end..tokens.len())
                        .take_while(|&j| {
                            rules.particles.contains(word(j)) && tokens[j].kind == TokenKind::Word
                        })
                        .count();
                    if particles > 0 && (words == 1 || organization) && name_part(end + particles) {
                        end += particles + 1;
                        words += 1;
                    } else {
                        break;
                    }
                }
            }
            let portfolio = i >= 2
                && word(i - 1) == "van"
                && rules.portfolio_titles.contains(&word(i - 2).to_lowercase());
            if portfolio {
                i = end;
                continue;
            }
            let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
            let name = text.slice(span).to_string();
            let kind = classify(rules, sentence, text, i, end, Some(i) == first_word);
            candidates.push(Candidate {
                tokens: i..end,
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

fn classify(
    rules: &DiscoveryRules,
    sentence: &Sentence,
    text: &Text,
    start: usize,
    end: usize,
    initial: bool,
) -> Option<(ActorType, String)> {
    let tokens: &[Token] = &sentence.tokens;
    let word = |i: usize| text.slice(tokens[i].span).to_lowercase();
    let parts: Vec<String> = (start..end)
        .filter(|&i| tokens[i].kind == TokenKind::Word)
        .map(word)
        .collect();
    let previous = start.checked_sub(1).map(word).unwrap_or_default();
    // "oud-president X": the title may be a hyphenated compound.
    let previous_compound = if start >= 3 && tokens[start - 2].kind == TokenKind::Hyphen {
        format!("{}-{}", word(start - 3), word(start - 1))
    } else {
        String::new()
    };
    let last = parts.last().cloned().unwrap_or_default();
    let capitalised_parts = parts
        .iter()
        .filter(|p| !rules.particles.contains(*p))
        .count();
    if rules.person_titles.contains(&previous) || rules.person_titles.contains(&previous_compound) {
        let title = if rules.person_titles.contains(&previous) {
            previous
        } else {
            previous_compound
        };
        return Some((ActorType::Person, format!("after the title {title:?}")));
    }
    if parts.len() == 1 && end - start == 1 && is_acronym(text.slice(tokens[start].span)) {
        return Some((ActorType::Organization, "an acronym".into()));
    }
    if let Some(first) = parts
        .first()
        .filter(|f| rules.organization_prefixes.contains(*f))
    {
        if parts.len() > 1 {
            return Some((ActorType::Organization, format!("starts with {first:?}")));
        }
    }
    if let Some(suffix) = rules
        .organization_suffixes
        .iter()
        .find(|s| last.ends_with(s.as_str()))
    {
        return Some((ActorType::Organization, format!("ends in {suffix:?}")));
    }
    if capitalised_parts >= 2 && parts.first().is_some_and(|f| rules.first_names.contains(f)) {
        return Some((
            ActorType::Person,
            format!("starts with the first name {:?}", parts[0]),
        ));
    }
    if !initial && capitalised_parts <= 2 && rules.location_cues.contains(&previous) {
        return Some((ActorType::Location, format!("after {previous:?}")));
    }
    None
}

fn new_actor(name: &str, kind: ActorType, country: Option<String>, reason: String) -> Actor {
    Actor {
        id: slug(name),
        entry: ActorEntry {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            demonyms: Vec::new(),
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
    let home = document_country(lexicon, &mentions);
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
    // Typed names first, so that a later surname can refer back to them.
    let mut untyped = Vec::new();
    for candidate in candidates {
        let key = rules.key(&candidate.text);
        if let Some(&known) = rules.lexicon_keys.get(&key) {
            mentions.push(mention(known, &candidate, false, MentionSource::Spelling));
        } else if let Some((kind, reason)) = &candidate.kind {
            // "Binnenlandse Zaken" of the country the document is about.
            let lower = candidate.text.to_lowercase();
            let national = *kind == ActorType::Organization
                && rules
                    .national_institutions
                    .iter()
                    .any(|n| lower.ends_with(n.as_str()));
            let country = home
                .filter(|_| national)
                .map(|c| lexicon.actor(c).entry.name.clone());
            let name = match &country {
                Some(country) => format!("{} van {country}", candidate.text),
                None => candidate.text.clone(),
            };
            let index = *by_key.entry(key).or_insert_with(|| {
                actors.push(new_actor(&name, *kind, country.clone(), reason.clone()));
                actors.len() - 1
            });
            mentions.push(mention(base + index, &candidate, false, MentionSource::Cue));
        } else {
            untyped.push(candidate);
        }
    }
    // A lone capitalised word that is the surname of a person of this
    // document (or its possessive) is that person.
    let mut surnames: BTreeMap<String, usize> = BTreeMap::new();
    let mut ambiguous = BTreeSet::new();
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
        if let Some(surname) = entry
            .name
            .split_whitespace()
            .last()
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
    for candidate in untyped {
        if candidate.tokens.len() != 1 {
            continue;
        }
        let key = rules.key(&candidate.text);
        let stem = key
            .strip_suffix('s')
            .map(|s| s.trim_end_matches('\'').to_string());
        let found = [(key.clone(), false)]
            .into_iter()
            .chain(stem.map(|s| (s, true)))
            .find_map(|(k, possessive)| {
                surnames
                    .get(&k)
                    .filter(|_| !ambiguous.contains(&k))
                    .map(|&a| (a, possessive))
            });
        if let Some((actor, possessive)) = found {
            mentions.push(mention(
                actor,
                &candidate,
                possessive,
                MentionSource::Surname,
            ));
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
    let groups = find_groups(rules, lexicon, text, &mut mentions, base, &mut actors);
    mentions.extend(groups);
    mentions.sort_by_key(|m| m.span);
    Discovery { actors, mentions }
}

/// The country the document is about: counting the countries it names and
/// the countries of the places it names (not adjectives: a Kazakh story
/// speaks of "Russische troepen"), one named at least twice and more often
/// than any other (ties: none).
fn document_country(lexicon: &ActorLexicon, mentions: &[Mention]) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for m in mentions
        .iter()
        .filter(|m| !m.demonym && m.actor < lexicon.actors().len())
    {
        let entry = &lexicon.actor(m.actor).entry;
        let country = match entry.kind {
            ActorType::Country => Some(m.actor),
            ActorType::Location => entry.country.as_deref().and_then(|c| lexicon.lookup(c)),
            _ => None,
        };
        if let Some(country) = country {
            *counts.entry(country).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts
        .into_iter()
        .map(|(actor, count)| (count, actor))
        .collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked.as_slice() {
        [(first, actor), rest @ ..]
            if *first >= 2 && rest.first().is_none_or(|(second, _)| second < first) =>
        {
            Some(*actor)
        }
        _ => None,
    }
}

fn find_groups(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    mentions: &mut Vec<Mention>,
    base: usize,
    actors: &mut Vec<Actor>,
) -> Vec<Mention> {
    let home = document_country(lexicon, mentions);
    let mut found = Vec::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let lower = |i: usize| text.slice(tokens[i].span).to_lowercase();
        let mut consumed = 0;
        for i in 0..tokens.len() {
            let Some((group, bare)) = rules.groups.get(&lower(i)) else {
                continue;
            };
            let span = tokens[i].span;
            if i < consumed
                || mentions
                    .iter()
                    .any(|m| m.span.start < span.end && span.start < m.span.end)
            {
                continue;
            }
            // Whose: a demonym ("Russische troepen"), an organisation or country
            // joined by a hyphen ("de NAVO-troepen"), else the document's country.
            let mention_ending = |end: usize| {
                mentions
                    .iter()
                    .position(|m| m.span.end == end && !m.possessive && !m.pronoun)
            };
            let mut first = i;
            let mut owner_mention = None;
            if i >= 1 && tokens[i - 1].kind == TokenKind::Hyphen && i >= 2 {
                owner_mention =
                    mention_ending(tokens[i - 2].span.end).filter(|&at| !mentions[at].demonym);
                if let Some(at) = owner_mention {
                    first = tokens
                        .iter()
                        .position(|t| t.span.start >= mentions[at].span.start)
                        .unwrap_or(i);
                }
            } else if i >= 1 {
                owner_mention =
                    mention_ending(tokens[i - 1].span.end).filter(|&at| mentions[at].demonym);
                if let Some(at) = owner_mention {
                    first = tokens
                        .iter()
                        .position(|t| t.span.start >= mentions[at].span.start)
                        .unwrap_or(i);
                }
            }
            // Adjectives before a collective that stands on its own ("gewapende
            // strijders"); before other groups they say whose they are not
            // ("de buitenlandse troepen").
            let adjective = |j: usize| {
                tokens[j].kind == TokenKind::Word
                    && lower(j).ends_with('e')
                    && !rules.determiners.contains(&lower(j))
            };
            let mut adjectives = 0;
            while owner_mention.is_none() && first > 0 && adjectives < 2 && adjective(first - 1) {
                first -= 1;
                adjectives += 1;
            }
            if adjectives > 0 && !bare {
                continue;
            }
            let determiner = first > 0 && rules.determiners.contains(&lower(first - 1));
            if determiner {
                first -= 1;
            }
            let owner = owner_mention.map(|at| mentions[at].actor);
            let (owner, how) = match owner {
                Some(owner) => (Some(owner), "its owner named before it"),
                None if determiner || *bare => (
                    home,
                    if home.is_some() {
                        "the document's country"
                    } else {
                        "no country"
                    },
                ),
                None => continue,
            };
            // "de relschoppers en plunderaars": one group.
            let mut last = i;
            if tokens.get(i + 2).is_some_and(|_| lower(i + 1) == "en")
                && rules
                    .groups
                    .get(&lower(i + 2))
                    .is_some_and(|(g, _)| g == group)
            {
                last = i + 2;
            }
            consumed = last + 1;
            if let Some(at) = owner_mention {
                mentions.remove(at);
            }
            let name = match owner {
                Some(c) => format!("{group} van {}", lexicon.actor(c).entry.name),
                None => group.clone(),
            };
            let id = slug(&name);
            let local = match actors.iter().position(|a| a.id == id) {
                Some(local) => local,
                None => {
                    let reason = format!("the group word {:?} with {how}", text.slice(span));
                    let country = owner
                        .filter(|&c| lexicon.actor(c).entry.kind == ActorType::Country)
                        .map(|c| lexicon.actor(c).entry.name.clone());
                    actors.push(new_actor(&name, ActorType::Group, country, reason));
                    actors.len() - 1
                }
            };
            found.push(Mention {
                actor: base + local,
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                sentence: index,
                possessive: false,
                demonym: false,
                pronoun: false,
                source: MentionSource::Group,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {

    /// Every named mention as "surface=id (type)", in order.
    fn found(text: &str) -> Vec<String> {
        crate::testing::with_analysis(text, |lexicon, analysis| {
            let actors = analysis.actors(lexicon);
            analysis
                .mentions
                .iter()
                .filter(|m| !m.pronoun && !m.demonym)
                .map(|m| {
                    format!(
                        "{}={} ({})",
                        analysis.text.slice(m.span),
                        actors.get(m.actor).id,
                        actors.get(m.actor).entry.kind
                    )
                })
                .collect()
        })
    }

    #[test]
    fn names_are_discovered_only_with_a_cue() {
        let got = found("Volgens de krant sprak generaal Zjanat Kozybajev met Erlan Karin. Karin zweeg. Het Witte Huis zweeg ook.");
        assert_eq!(
            got,
            vec![
                "Zjanat Kozybajev=zjanat-kozybajev (person)",
                "Erlan Karin=erlan-karin (person)",
                "Karin=erlan-karin (person)"
            ]
        );
    }

    #[test]
    fn acronyms_organisations_and_places() {
        let got = found("De eenheid OMON viel aan in Karaganda. Ook het Ministerie van Defensie en de Nationale Garde zwegen.");
        assert!(
            got.contains(&"OMON=omon (organization)".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"Karaganda=karaganda (location)".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(
                &"Ministerie van Defensie=ministerie-van-defensie (organization)".to_string()
            ),
            "{got:?}"
        );
        // A capitalised run without a cue is no actor.
        assert!(
            !got.iter().any(|g| g.starts_with("Nationale Garde")),
            "{got:?}"
        );
    }

    #[test]
    fn weekdays_months_and_sentence_openers_are_not_names() {
        assert!(
            found("Maandag sprak niemand. In januari regende het. Gisteren viel niets op.")
                .is_empty()
        );
    }

    #[test]
    fn surnames_and_possessives_refer_back_and_other_spellings_reach_the_lexicon() {
        let got =
            found("Aleksandr Dvornikov sprak. Dvornikovs plan faalde. Nursultan Nazarbayev zweeg.");
        assert_eq!(
            got,
            vec![
                "Aleksandr Dvornikov=aleksandr-dvornikov (person)",
                "Dvornikovs=aleksandr-dvornikov (person)",
                "Nursultan Nazarbayev=noersoeltan-nazarbajev (person)",
            ]
        );
    }

    #[test]
    fn groups_take_their_country_from_a_demonym_or_the_document() {
        let got = found(
            "Russische troepen trokken Kazachstan binnen. In Kazachstan zweeg de regering, de buitenlandse troepen bleven. Demonstranten protesteerden.",
        );
        assert_eq!(
            got,
            vec![
                "Russische troepen=leger-van-rusland (group)",
                "Kazachstan=kazachstan (country)",
                "Kazachstan=kazachstan (country)",
                "de regering=regering-van-kazachstan (group)",
                "Demonstranten=demonstranten-van-kazachstan (group)",
            ]
        );
        // A country named once, beside another, is not what the document is about.
        assert_eq!(
            found("Oekraïne en Polen spraken. De regering zweeg."),
            vec![
                "Oekraïne=oekraïne (country)",
                "Polen=polen (country)",
                "De regering=regering (group)"
            ]
        );
    }
}
