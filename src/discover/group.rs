//! Collective actors without a proper name, and actors named by their tie to
//! another one.
//!
//! Takes: the discovery rules, the lexicon, an analysed text and the mentions
//! found so far.
//! Gives: group mentions ("de Kazachse regering" -> regering van Kazachstan,
//! "een zogenaamde vredesmacht" -> vredesmacht in Kazachstan) and linked
//! mentions ("Nazarbajevs rechterhand", "zijn bondgenoten", "de leden van de
//! CSTO", "luchthaven van Almaty") with the [`Link`] that ties them to their
//! owner (allied-with, member-of, ...).
//! Does not: resolve personal pronouns (see `coref`); a possessive pronoun
//! before a linked noun takes the nearest actor named before it in the
//! sentence, the way "diens" does in Dutch.

use super::{new_actor, DiscoveryRules, Link};
use crate::actor::{slug, Actor, ActorLexicon, ActorType, Mention, MentionSource};
use crate::text::{SentenceKind, Span, Text, TokenKind};
use std::collections::BTreeMap;

/// The country the document is about: counting the countries it names and
/// the countries of the places it names (not adjectives: a Kazakh story
/// speaks of "Russische troepen"), one named at least twice and more often
/// than any other (ties: none).
pub(super) fn document_country(lexicon: &ActorLexicon, mentions: &[Mention]) -> Option<usize> {
    most_named(mentions, |m| {
        if m.demonym || m.actor >= lexicon.actors().len() {
            return None;
        }
        let entry = &lexicon.actor(m.actor).entry;
        match entry.kind {
            ActorType::Country => Some(m.actor),
            ActorType::Location => entry.country.as_deref().and_then(|c| lexicon.lookup(c)),
            _ => None,
        }
    })
}

/// The organisation the document is about, by the same rule as its country.
fn document_organization(lexicon: &ActorLexicon, mentions: &[Mention]) -> Option<usize> {
    most_named(mentions, |m| {
        (!m.demonym
            && !m.possessive
            && m.actor < lexicon.actors().len()
            && lexicon.actor(m.actor).entry.kind == ActorType::Organization)
            .then_some(m.actor)
    })
}

/// The actor that `of` gives most often: at least twice and more often than
/// any other.
fn most_named(mentions: &[Mention], of: impl Fn(&Mention) -> Option<usize>) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for actor in mentions.iter().filter_map(of) {
        *counts.entry(actor).or_insert(0) += 1;
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

/// The index of the discovered actor named `name`, made with `make` the first time.
fn actor_named(actors: &mut Vec<Actor>, name: &str, make: impl FnOnce() -> Actor) -> usize {
    let id = slug(name);
    match actors.iter().position(|a| a.id == id) {
        Some(local) => local,
        None => {
            actors.push(make());
            actors.len() - 1
        }
    }
}

fn group_mention(actor: usize, span: Span, sentence: usize) -> Mention {
    Mention {
        actor,
        span,
        sentence,
        possessive: false,
        demonym: false,
        pronoun: false,
        source: MentionSource::Group,
    }
}

/// The actor named right after the noun at `i`, joined by an `of` word and
/// maybe a determiner ("leden van de CSTO"), among the mentions that `keep`
/// accepts.
fn owner_after<'m>(
    rules: &DiscoveryRules,
    lowered: &[&str],
    tokens: &[crate::text::Token],
    i: usize,
    mentions: &'m [Mention],
    keep: impl Fn(&Mention) -> bool,
) -> Option<&'m Mention> {
    let lower = |j: usize| lowered[j];
    if !tokens
        .get(i + 1)
        .is_some_and(|_| rules.of.contains(lower(i + 1)))
    {
        return None;
    }
    let starts: Vec<usize> = [i + 2, i + 3]
        .into_iter()
        .filter(|&j| j < tokens.len())
        .filter(|&j| j == i + 2 || rules.determiners.contains(lower(i + 2)))
        .map(|j| tokens[j].span.start)
        .collect();
    mentions.iter().find(|m| {
        starts.contains(&m.span.start) && !m.possessive && !m.demonym && !m.pronoun && keep(m)
    })
}

/// The groups of `text`: [det] [demonym | owner-] group word.
pub(super) fn find_groups(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    lowered: &[Vec<&str>],
    mentions: &mut Vec<Mention>,
    base: usize,
    actors: &mut Vec<Actor>,
) -> Vec<Mention> {
    let home = document_country(lexicon, mentions);
    // In text order, so that each sentence's mentions are one run (a scan of
    // every mention per word would make a long document quadratic); owners
    // taken into a group are removed at the end.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut taken: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let lo = mentions.partition_point(|m| m.sentence < index);
        let hi = mentions.partition_point(|m| m.sentence <= index);
        let here = &mentions[lo..hi];
        let lowered = &lowered[index];
        let lower = |i: usize| lowered[i];
        let mut consumed = 0;
        for i in 0..tokens.len() {
            // Two-word group words first ("buitenlandse troepen").
            let (rule, opening) = match (i >= 1 && rules.group_firsts.contains(lower(i - 1)))
                .then(|| rules.groups.get(&format!("{} {}", lower(i - 1), lower(i))))
                .flatten()
            {
                Some(rule) => (rule, i - 1),
                None => match rules.groups.get(lower(i)) {
                    Some(rule) => (rule, i),
                    None => continue,
                },
            };
            let span = Span::new(tokens[opening].span.start, tokens[i].span.end);
            let overlaps = |span: Span| {
                here.iter()
                    .any(|m| m.span.start < span.end && span.start < m.span.end)
            };
            if opening < consumed || overlaps(span) {
                continue;
            }
            // Whose: a demonym ("Russische troepen"), an organisation or country
            // joined by a hyphen ("de NAVO-troepen"), else the document's country.
            let mention_ending = |end: usize| {
                here.iter()
                    .position(|m| m.span.end == end && !m.possessive && !m.pronoun)
                    .map(|at| lo + at)
                    .filter(|at| !taken.contains(at))
            };
            let mut first = opening;
            let mut owner_mention = None;
            if first >= 2 && tokens[first - 1].kind == TokenKind::Hyphen {
                owner_mention =
                    mention_ending(tokens[first - 2].span.end).filter(|&at| !mentions[at].demonym);
            } else if first >= 1 {
                owner_mention =
                    mention_ending(tokens[first - 1].span.end).filter(|&at| mentions[at].demonym);
            }
            if let Some(at) = owner_mention {
                first = tokens
                    .iter()
                    .position(|t| t.span.start >= mentions[at].span.start)
                    .unwrap_or(first);
            }
            // Adjectives before a collective that stands on its own ("gewapende
            // strijders"); before other groups they say whose they are not
            // ("de buitenlandse troepen"). A participle after a name belongs to
            // the name ("door Rusland geleide troepen").
            let adjective = |j: usize| {
                tokens[j].kind == TokenKind::Word
                    && lower(j).ends_with('e')
                    && !rules.determiners.contains(lower(j))
                    && !rules.articles.contains(lower(j))
                    && !(j >= 1 && overlaps(tokens[j - 1].span))
            };
            let mut adjectives = 0;
            while owner_mention.is_none() && first > 0 && adjectives < 2 && adjective(first - 1) {
                first -= 1;
                adjectives += 1;
            }
            if adjectives > 0 && !rule.bare {
                continue;
            }
            let determiner = first > 0 && rules.determiners.contains(lower(first - 1));
            if determiner || (rule.bare && first > 0 && rules.articles.contains(lower(first - 1))) {
                first -= 1;
            }
            // Or after it: "Soldaten van de Collectieve Veiligheidsorganisatie",
            // "het contingent van de CSTO" (a country or an organisation; its
            // mention stays, inside the group's).
            let mut last_end = None;
            let mut owner = owner_mention.map(|at| mentions[at].actor);
            if owner.is_none() {
                if let Some(m) = owner_after(rules, lowered, tokens, i, here, |m| {
                    m.actor < lexicon.actors().len()
                        && matches!(
                            lexicon.actor(m.actor).entry.kind,
                            ActorType::Country | ActorType::Organization
                        )
                }) {
                    owner = Some(m.actor);
                    last_end = Some(m.span.end);
                }
            }
            let (owner, how) = match owner {
                Some(owner) if last_end.is_some() => (Some(owner), "its owner named after it"),
                Some(owner) => (Some(owner), "its owner named before it"),
                None if determiner || rule.bare => (
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
                    .get(lower(i + 2))
                    .is_some_and(|other| other.name == rule.name)
            {
                last = i + 2;
            }
            consumed = last + 1;
            if let Some(at) = owner_mention {
                taken.push(at);
            }
            // The owner may be a lexicon actor or one found in this document
            // ("de KNB-troepen").
            let owner_entry = owner.and_then(|c| match c.checked_sub(base) {
                Some(local) => actors.get(local).map(|a| a.entry.clone()),
                None => lexicon.actors().get(c).map(|a| a.entry.clone()),
            });
            // A force with a named owner is that owner's ("het contingent van
            // de CSTO"); without one, it is the force in the document's country.
            let name = match &owner_entry {
                Some(entry) if owner_mention.is_some() || last_end.is_some() => format!(
                    "{} {} {}",
                    rule.owned_name,
                    rules.of.first().map_or("", String::as_str),
                    entry.name
                ),
                Some(entry) => format!("{} {} {}", rule.name, rule.preposition, entry.name),
                None => rule.name.clone(),
            };
            let local = actor_named(actors, &name, || {
                let reason = format!("the group word {:?} with {how}", text.slice(span));
                let country = owner_entry
                    .filter(|entry| entry.kind == ActorType::Country)
                    .map(|entry| entry.name);
                new_actor(&name, ActorType::Group, country, reason)
            });
            found.push(group_mention(
                base + local,
                Span::new(
                    tokens[first].span.start,
                    last_end.unwrap_or(tokens[last].span.end),
                ),
                index,
            ));
        }
    }
    let mut index = 0;
    mentions.retain(|_| {
        index += 1;
        !taken.contains(&(index - 1))
    });
    found
}

/// A text's tokens in lower case, by sentence, and where its linked nouns
/// stand (token, rule).
#[derive(Clone, Copy)]
pub(super) struct Lowered<'a> {
    /// The tokens of each sentence, lowered.
    pub(super) words: &'a [Vec<&'a str>],
    /// The linked nouns of each sentence.
    pub(super) linked: &'a [Vec<(usize, usize)>],
}

/// The mentions of sentence `index`, from mentions sorted in text order.
fn in_sentence(mentions: &[Mention], index: usize) -> &[Mention] {
    let lo = mentions.partition_point(|m| m.sentence < index);
    let hi = mentions.partition_point(|m| m.sentence <= index);
    &mentions[lo..hi]
}

/// Where a linked noun's owner was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A possessive name or pronoun before it.
    Possessive(usize),
    /// After it, joined by "van" (its mention stays, inside).
    Of(usize),
    /// The organisation the document is about.
    Document(usize),
}

/// The actors named by their tie to another one: [det | possessive]
/// [quantifier] [adjective] linked-noun [van owner].
pub(super) fn find_linked(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    words: Lowered<'_>,
    mentions: &[Mention],
    base: usize,
    actors: &mut Vec<Actor>,
) -> (Vec<Mention>, Vec<Link>) {
    let (lowered, hits) = (words.words, words.linked);
    let organization = document_organization(lexicon, mentions);
    let kind_of = |actor: usize, actors: &[Actor]| match actor.checked_sub(base) {
        Some(local) => actors[local].entry.kind,
        None => lexicon.actor(actor).entry.kind,
    };
    // The owners the document names for each linked noun, first one first.
    let mut explicit: BTreeMap<usize, usize> = BTreeMap::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let lowered = &lowered[index];
        let here = in_sentence(mentions, index);
        for &(i, rule_index) in &hits[index] {
            let types = &rules.linked[rule_index].owner_types;
            if let Some(m) = owner_after(rules, lowered, tokens, i, here, |m| {
                types.is_empty() || types.contains(&kind_of(m.actor, actors))
            }) {
                explicit.entry(rule_index).or_insert(m.actor);
            }
        }
    }
    let mut found = Vec::new();
    let mut links = Vec::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let lowered = &lowered[index];
        let lower = |i: usize| lowered[i];
        let here = in_sentence(mentions, index);
        let found_here = found.len();
        for &(i, rule_index) in &hits[index] {
            let rule = &rules.linked[rule_index];
            let covered = |span: Span| {
                here.iter()
                    .chain(&found[found_here..])
                    .position(|m| m.span.start < span.end && span.start < m.span.end)
            };
            if covered(tokens[i].span).is_some() {
                continue;
            }
            // Left: quantifiers ("twee", "de zes", "andere") and one adjective.
            let mut first = i;
            let quantifier = |j: usize| {
                let w = lower(j);
                rules.quantifiers.contains(w)
                    || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.'))
            };
            let mut adjective = false;
            while first > 0 && i - first < 3 {
                let j = first - 1;
                if quantifier(j) {
                    first = j;
                } else if !adjective
                    && tokens[j].kind == TokenKind::Word
                    && lower(j).ends_with('e')
                    && !rules.determiners.contains(lower(j))
                    && !rules.articles.contains(lower(j))
                    && !rules.possessive_pronouns.contains(lower(j))
                    && covered(tokens[j].span).is_none()
                {
                    adjective = true;
                    first = j;
                } else {
                    break;
                }
            }
            let mut owner = None;
            let mut determiner = false;
            if first > 0 {
                let j = first - 1;
                let before = here
                    .iter()
                    .find(|m| m.span.end == tokens[j].span.end && m.possessive && !m.demonym);
                if let Some(possessor) = before.filter(|_| rule.owner.possessive) {
                    // Its mention stays, inside this one ("Nazarbajevs" is
                    // still a form of Nazarbajev).
                    owner = Some(Owner::Possessive(possessor.actor));
                    first = tokens
                        .iter()
                        .position(|t| t.span.start >= possessor.span.start)
                        .unwrap_or(j);
                } else if rules.possessive_pronouns.contains(lower(j)) {
                    // The nearest actor named before the pronoun, in the sentence.
                    owner = here
                        .iter()
                        .filter(|m| m.span.end <= tokens[j].span.start && !m.demonym && !m.pronoun)
                        .max_by_key(|m| m.span.end)
                        .map(|m| Owner::Possessive(m.actor))
                        .filter(|_| rule.owner.possessive);
                    first = j;
                    if owner.is_none() {
                        continue;
                    }
                } else if rules.determiners.contains(lower(j)) || rules.articles.contains(lower(j))
                {
                    // A group's phrase has its determiner, a place's name not
                    // ("de leden", "de luchthaven van Almaty").
                    determiner = true;
                    if rule.kind == ActorType::Group {
                        first = j;
                    }
                }
            }
            let mut last_end = tokens[i].span.end;
            if owner.is_none() && rule.owner.of {
                if let Some(m) = owner_after(rules, lowered, tokens, i, here, |_| true) {
                    // The owner's mention stays, inside this one: the
                    // relation rules still read it ("de leden van de CSTO, het
                    // bondgenootschap onder leiding van Rusland").
                    owner = Some(Owner::Of(m.actor));
                    last_end = m.span.end;
                }
            }
            // An apposition or a predicate says what a named actor is
            // ("Masimov, een vertrouweling van Nazarbajev"; "is een van de
            // lidstaten"): no actor of its own.
            let opening = if determiner && rule.kind != ActorType::Group {
                first - 1
            } else {
                first
            };
            // "is een van de lidstaten" is a predicate too; "tegen een van de
            // lidstaten" names them.
            let mut before = opening;
            if before >= 2
                && rules
                    .partitive
                    .contains(&format!("{} {}", lower(before - 2), lower(before - 1)))
            {
                before -= 2;
            }
            if before > 0 && rules.linked_not_after.contains(lower(before - 1)) {
                continue;
            }
            let no_owner_after = tokens
                .get(i + 1)
                .is_none_or(|_| !rules.of.contains(lower(i + 1)));
            if owner.is_none() && rule.owner.document && determiner && no_owner_after {
                // Whose the document says elsewhere ("de andere leden van de
                // CSTO" ... "de zes lidstaten"), else its organisation.
                owner = explicit
                    .get(&rule_index)
                    .copied()
                    .or(organization)
                    .map(Owner::Document);
            }
            let Some(owner) = owner else {
                continue;
            };
            let (owner_actor, how) = match owner {
                Owner::Possessive(a) => (a, "its owner before it"),
                Owner::Of(a) => (a, "its owner after it"),
                Owner::Document(a) => (a, "the document's organisation"),
            };
            let owner_entry = if owner_actor < base {
                &lexicon.actor(owner_actor).entry
            } else {
                &actors[owner_actor - base].entry
            };
            if !rule.owner_types.is_empty() && !rule.owner_types.contains(&owner_entry.kind) {
                continue;
            }
            let name = format!("{} {} {}", rule.name, rule.of_word, owner_entry.name);
            let country = match owner_entry.kind {
                ActorType::Country => Some(owner_entry.name.clone()),
                _ => owner_entry.country.clone(),
            };
            let word = text.slice(tokens[i].span).to_string();
            let local = actor_named(actors, &name, || {
                let reason = format!("the word {word:?} with {how}");
                new_actor(&name, rule.kind, country, reason)
            });
            found.push(group_mention(
                base + local,
                Span::new(tokens[first].span.start, last_end),
                index,
            ));
            if let Some(relation) = &rule.relation {
                links.push(Link {
                    source: base + local,
                    relation: relation.clone(),
                    target: owner_actor,
                    sentence: index,
                    trigger: tokens[i].span,
                    rule: format!("linked:{}", rule.name),
                });
            }
        }
    }
    (found, links)
}
