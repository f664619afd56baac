//! Collective actors without a proper name, and actors named by their tie to
//! another one.
//!
//! Takes: the discovery rules, the lexicon, an analysed text and the mentions
//! found so far.
//! Gives: group mentions ("de Kazachse regering" -> regering van Kazachstan,
//! "een zogenaamde vredesmacht" -> vredesmacht in Kazachstan, "hooggeplaatste
//! veiligheidsmensen"), people nouns ("De Amerikanen" -> Verenigde Staten; in
//! a story about Kazakhstan "de Kazachen" -> bevolking van Kazachstan) and linked
//! mentions ("Nazarbajevs rechterhand", "zijn bondgenoten", "de leden van de
//! CSTO", "luchthaven van Almaty") with the [`Link`] that ties them to their
//! owner (allied-with, member-of, ...).
//! Does not: resolve personal pronouns (see `coref`); a possessive pronoun
//! before a linked noun takes the nearest actor named before it in the
//! sentence, the way "diens" does in Dutch.

use super::{new_actor_with_id, DiscoveryRules, Link, GROUP_FIRST, GROUP_WORD, PEOPLE_LAST};
use crate::actor::{slug, Actor, ActorLexicon, ActorType, Mention, MentionSource};
use crate::text::{SentenceKind, Span, Text, TokenKind};
use std::collections::{BTreeMap, BTreeSet};

/// The country the document is about: counting the countries it names and
/// the countries of the places it names (not adjectives: a Kazakh story
/// speaks of "Russische troepen"), one named at least twice and more often
/// than any other (ties: none).
pub(crate) fn document_country(lexicon: &ActorLexicon, mentions: &[Mention]) -> Option<usize> {
    most_named(mentions, |m| {
        if m.demonym || m.actor >= lexicon.actors().len() {
            return None;
        }
        let entry = &lexicon.actor(m.actor).entry;
        match entry.kind {
            ActorType::Country => Some(m.actor),
            ActorType::Location => lexicon.country_of(m.actor),
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

/// The index of the discovered actor named `name`, made with `make` from
/// its id (`slug(name)`) the first time.
fn actor_named(actors: &mut Vec<Actor>, name: &str, make: impl FnOnce(String) -> Actor) -> usize {
    let id = slug(name);
    match actors.iter().position(|a| a.id == id) {
        Some(local) => local,
        None => {
            actors.push(make(id));
            actors.len() - 1
        }
    }
}

fn group_mention(actor: usize, span: Span, sentence: usize) -> Mention {
    Mention::new(actor, span, sentence, MentionSource::Group)
}

/// An owner named after its noun, and where the noun's phrase ends.
struct After<'m> {
    /// The owner's mention.
    mention: &'m Mention,
    /// The end of the phrase the mention covers: the owner's end when the
    /// owner closes the phrase ("de leden van de CSTO"); the noun's own end
    /// when the phrase goes on past what is read ("de leden van de door
    /// Rusland geleide CSTO", "regeringsleiders van de leden van ..."), as
    /// the noun phrase as written would hold the whole chain.
    end: usize,
}

/// The actor named after the noun at `i`, joined by an `of` word and maybe
/// determiners ("leden van de CSTO") or a participle phrase ("van de door
/// Rusland geleide CSTO"), among the mentions that `keep` accepts.
fn owner_after<'m>(
    rules: &DiscoveryRules,
    lowered: &[&str],
    tokens: &[crate::text::Token],
    i: usize,
    mentions: &'m [Mention],
    keep: impl Fn(&Mention) -> bool,
) -> Option<After<'m>> {
    let (m, direct) = owner_of(rules, lowered, tokens, i, mentions, &keep)?;
    // The owner's phrase goes on when it has an owner of its own after it.
    let last = tokens
        .partition_point(|t| t.span.end <= m.span.end)
        .checked_sub(1)?;
    let goes_on = owner_of(rules, lowered, tokens, last, mentions, &|_| true).is_some();
    let end = if direct && !goes_on {
        m.span.end
    } else {
        tokens[i].span.end
    };
    Some(After { mention: m, end })
}

/// The owner's mention after the noun at `i`, and whether it follows "van"
/// and its determiners directly (not past a participle phrase).
fn owner_of<'m>(
    rules: &DiscoveryRules,
    lowered: &[&str],
    tokens: &[crate::text::Token],
    i: usize,
    mentions: &'m [Mention],
    keep: &dyn Fn(&Mention) -> bool,
) -> Option<(&'m Mention, bool)> {
    let lower = |j: usize| lowered.get(j).copied().unwrap_or("");
    if !rules.of.contains(lower(i + 1)) {
        return None;
    }
    let starting = |j: usize, keep: &dyn Fn(&Mention) -> bool| {
        let start = tokens.get(j)?.span.start;
        mentions.iter().find(|m| m.span.start == start && keep(m))
    };
    let owner = |m: &Mention| !m.possessive && !m.demonym && !m.pronoun && keep(m);
    // Right after "van", or after its determiners (a group's mention holds
    // its determiner: "van de Kazachse veiligheidsdienst").
    let mut j = i + 2;
    loop {
        if let Some(m) = starting(j, &owner) {
            return Some((m, true));
        }
        // Two at most ("van het de door Rusland geleide ...": a slip of the
        // pen, read through).
        if !rules.determiners.contains(lower(j)) || j >= i + 4 {
            break;
        }
        j += 1;
    }
    // A noun that says what the owner is, maybe after adjectives ("van het
    // Antwerpse energiebedrijf Hoogland Energie"): an organisation cue.
    let adjectives = (j..j + 2)
        .take_while(|&a| {
            tokens.get(a).is_some_and(|t| t.kind == TokenKind::Word) && lower(a).ends_with('e')
        })
        .count();
    if j > i + 2 && rules.is_organization_cue(lower(j + adjectives)) {
        if let Some(m) = starting(j + adjectives + 1, &owner) {
            return Some((m, true));
        }
    }
    // A person's title before the owner, maybe compounded with a prefix
    // ("aanhangers van oud-president Evo Morales").
    let title = if tokens
        .get(j + 1)
        .is_some_and(|t| t.kind == TokenKind::Hyphen)
        && rules.person_titles.contains(lower(j + 2))
    {
        Some(j + 3)
    } else if rules.person_titles.contains(lower(j)) {
        Some(j + 1)
    } else {
        None
    };
    if let Some(m) = title.and_then(|after| starting(after, &owner)) {
        return Some((m, true));
    }
    // A participle phrase before the owner: "door <actor> <participle>".
    if !rules.agent_words.contains(lower(j)) {
        return None;
    }
    let agent = starting(j + 1, &|m: &Mention| !m.pronoun)?;
    let participle = tokens.partition_point(|t| t.span.start < agent.span.end);
    if tokens
        .get(participle)
        .is_none_or(|t| t.kind != TokenKind::Word)
        || !lower(participle).ends_with('e')
    {
        return None;
    }
    starting(participle + 1, &owner).map(|m| (m, false))
}

/// The phrase of `phrases` (lowered tokens) that ends right before token
/// `end`: where it starts.
fn phrase_before(phrases: &[Vec<String>], lowered: &[&str], end: usize) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| !p.is_empty() && p.len() <= end)
        .filter(|p| lowered[end - p.len()..end].iter().eq(p.iter()))
        .map(|p| end - p.len())
        .min()
}

/// What [`find_groups`] gives.
pub(super) struct Groups {
    /// The group mentions, and the people nouns that stand for a country.
    pub(super) mentions: Vec<Mention>,
    /// The groups that are bodies of people (`collective`), by actor index.
    pub(super) collective: BTreeSet<usize>,
}

/// The groups of `text`: [det | article | amount] [quantifier]
/// `first`, a space and `second`, written into `buffer`.
fn joined<'b>(buffer: &'b mut String, first: &str, second: &str) -> &'b str {
    buffer.clear();
    buffer.push_str(first);
    buffer.push(' ');
    buffer.push_str(second);
    buffer
}

/// [demonym | owner-] [kind] group word; and the people nouns ("de Kazachen").
pub(super) fn find_groups(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    words: Lowered<'_>,
    mentions: &mut Vec<Mention>,
    base: usize,
    actors: &mut Vec<Actor>,
) -> Groups {
    let home = document_country(lexicon, mentions);
    // In text order, so that each sentence's mentions are one run (a scan of
    // every mention per word would make a long document quadratic); owners
    // taken into a group are removed at the end.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut taken: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    let mut collective = BTreeSet::new();
    // Two words and a space, written into one buffer for each look-up.
    let mut pair = String::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        let tokens = &sentence.tokens;
        let lo = mentions.partition_point(|m| m.sentence < index);
        let hi = mentions.partition_point(|m| m.sentence <= index);
        let here = &mentions[lo..hi];
        let lowered = &words.words[index];
        let lists = &words.lists[index];
        let lower = |i: usize| lowered[i];
        let overlaps = |span: Span| {
            here.iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
        };
        let mut consumed = 0;
        for i in 0..tokens.len() {
            // A people noun after a determiner that makes it the whole
            // people ("De Kazachen"): the people of the document's country
            // are its population (a group: its phrase with the determiner), a
            // foreign people its state (the country: the noun alone, as
            // names are written).
            let people = (lists[i] & PEOPLE_LAST != 0)
                .then(|| rules.people.get(lower(i)))
                .flatten();
            if let Some(nouns) = people {
                // The longest one: "Wit-Russen" are not "Russen".
                let Some((start, country)) = nouns
                    .iter()
                    .filter_map(|(noun, country)| {
                        phrase_before(std::slice::from_ref(noun), lowered, i + 1)
                            .map(|start| (start, *country))
                    })
                    .min()
                else {
                    continue;
                };
                let whole = start > 0 && rules.people_determiners.contains(lower(start - 1));
                let noun = Span::new(tokens[start].span.start, tokens[i].span.end);
                if !whole || start - 1 < consumed || overlaps(noun) {
                    continue;
                }
                consumed = i + 1;
                if home != Some(country) {
                    found.push(Mention {
                        source: MentionSource::People,
                        ..group_mention(country, noun, index)
                    });
                    continue;
                }
                let Some(population) = &rules.population else {
                    continue;
                };
                let entry = &lexicon.actor(country).entry;
                let of = rules.of_name.as_str();
                let name = format!("{population} {of} {}", entry.name);
                let local = actor_named(actors, &name, |id| {
                    let reason = format!(
                        "the people noun {:?} of the document's country",
                        text.slice(noun)
                    );
                    new_actor_with_id(
                        id,
                        &name,
                        ActorType::Group,
                        Some(entry.name.clone()),
                        reason,
                    )
                });
                found.push(group_mention(
                    base + local,
                    Span::new(tokens[start - 1].span.start, noun.end),
                    index,
                ));
                continue;
            }
            // Two-word group words first ("buitenlandse troepen").
            let (rule, opening) = match (i >= 1 && lists[i - 1] & GROUP_FIRST != 0)
                .then(|| rules.groups.get(joined(&mut pair, lower(i - 1), lower(i))))
                .flatten()
            {
                Some(rule) => (rule, i - 1),
                None => match (lists[i] & GROUP_WORD != 0)
                    .then(|| rules.groups.get(lower(i)))
                    .flatten()
                {
                    Some(rule) => (rule, i),
                    None => continue,
                },
            };
            let span = Span::new(tokens[opening].span.start, tokens[i].span.end);
            if opening < consumed || overlaps(span) {
                continue;
            }
            // Kinds say what group it is, and belong to its name
            // ("onafhankelijke media", "niet-essentieel ambassadepersoneel").
            let mut first = opening;
            while let Some(start) = phrase_before(&rules.kinds, lowered, first)
                .filter(|&start| start >= consumed)
                .filter(|&start| {
                    !overlaps(Span::new(
                        tokens[start].span.start,
                        tokens[first - 1].span.end,
                    ))
                })
            {
                first = start;
            }
            let kind = (first < opening).then(|| {
                text.slice(Span::new(
                    tokens[first].span.start,
                    tokens[opening - 1].span.end,
                ))
                .to_lowercase()
            });
            // Whose: a demonym ("Russische troepen"), an organisation or country
            // joined by a hyphen ("de NAVO-troepen"), else the document's country.
            let mention_ending = |end: usize| {
                here.iter()
                    .position(|m| m.span.end == end && !m.possessive && !m.pronoun)
                    .map(|at| lo + at)
                    .filter(|at| !taken.contains(at))
            };
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
                let word = lower(j);
                // "de politie demonstranten": another group's word is no
                // adjective.
                let excluded = rules.determiners.contains(word)
                    || rules.articles.contains(word)
                    || rules.groups.contains_key(word)
                    || (j >= 1 && overlaps(tokens[j - 1].span));
                tokens[j].kind == TokenKind::Word && word.ends_with('e') && !excluded
            };
            // A group of a kind stands on its own as well: counted
            // ("een onbekend aantal andere voormalige overheidsfunctionarissen").
            // So does a `counted` word counted by an amount or a number
            // ("Duizenden studenten", "500 jongeren"), but not by a small
            // number word ("twee studenten" are persons).
            let counted = rule.counted
                && first > 0
                && (tokens[first - 1].kind == TokenKind::Number
                    || phrase_before(&rules.amounts, lowered, first).is_some());
            // Uncounted, such a word is nobody the story names ("deze
            // jongeren" points back at people it may not have counted).
            if rule.counted && !counted {
                continue;
            }
            let alone = rule.bare || kind.is_some() || counted;
            let mut adjectives = 0;
            while owner_mention.is_none()
                && rule.bare
                && first > 0
                && adjectives < 2
                && adjective(first - 1)
            {
                first -= 1;
                adjectives += 1;
            }
            if owner_mention.is_none()
                && !rule.bare
                && kind.is_none()
                && first > 0
                && adjective(first - 1)
            {
                continue;
            }
            let quantifier = |j: usize| {
                rules.quantifiers.contains(lower(j)) || tokens[j].kind == TokenKind::Number
            };
            let mut quantifiers = 0;
            while alone && first > 0 && quantifiers < 2 && quantifier(first - 1) {
                first -= 1;
                quantifiers += 1;
            }
            let determiner = first > 0 && rules.determiners.contains(lower(first - 1));
            if determiner || (alone && first > 0 && rules.articles.contains(lower(first - 1))) {
                first -= 1;
            } else if let Some(start) =
                phrase_before(&rules.amounts, lowered, first).filter(|_| alone)
            {
                first = start;
            }
            // Or after it: "Soldaten van de Collectieve Veiligheidsorganisatie",
            // "het contingent van de CSTO" (a country or an organisation; its
            // mention stays, inside the group's).
            let mut last_end = None;
            let mut owner = owner_mention.map(|at| mentions[at].actor);
            if owner.is_none() {
                // Or an organisation this document names ("Agenten van het
                // Rapid Action Battalion (RAB)").
                let found = &*actors;
                if let Some(after) = owner_after(rules, lowered, tokens, i, here, |m| {
                    match m.actor.checked_sub(base) {
                        Some(local) => found
                            .get(local)
                            .is_some_and(|a| a.entry.kind == ActorType::Organization),
                        None => matches!(
                            lexicon.actor(m.actor).entry.kind,
                            ActorType::Country | ActorType::Organization
                        ),
                    }
                }) {
                    owner = Some(after.mention.actor);
                    last_end = Some(after.end);
                }
            }
            let (owner, how) = match owner {
                Some(owner) if last_end.is_some() => (Some(owner), "its owner named after it"),
                Some(owner) => (Some(owner), "its owner named before it"),
                None if rule.owned => continue,
                None if determiner || rule.bare || counted => (
                    home,
                    if home.is_some() {
                        "the document's country"
                    } else {
                        "no country"
                    },
                ),
                None if kind.is_some() => (None, "no owner"),
                None => continue,
            };
            // "de relschoppers en plunderaars": one group.
            let mut last = i;
            if tokens
                .get(i + 2)
                .is_some_and(|_| rules.group_joiners.contains(lower(i + 1)))
                && rules
                    .groups
                    .get(lower(i + 2))
                    .is_some_and(|other| other.name == rule.name)
            {
                last = i + 2;
            }
            // A group's words right before a name describe it ("het
            // persbureau Asia-Plus", "de Kirgizische veiligheidsdienst GKNB"):
            // no actor of their own, and the demonym stays the name's.
            let describes_name = last_end.is_none()
                && tokens.get(last + 1).is_some_and(|next| {
                    here.iter()
                        .any(|m| m.span.start == next.span.start && !m.demonym && !m.pronoun)
                });
            if describes_name {
                continue;
            }
            consumed = last + 1;
            if let Some(at) = owner_mention {
                taken.push(at);
            }
            // The owner may be a lexicon actor or one found in this document
            // ("de KNB-troepen").
            // Its name and type (not the whole entry: a copy of its aliases
            // and roles would cost more than the rest of this).
            let owner_entry = owner.and_then(|c| {
                match c.checked_sub(base) {
                    Some(local) => actors.get(local),
                    None => lexicon.actors().get(c),
                }
                .map(|a| (a.entry.name.clone(), a.entry.kind))
            });
            let phrase = Span::new(
                tokens[first].span.start,
                last_end.unwrap_or(tokens[last].span.end),
            );
            // "Agenten van het RAB": the organisation itself, acting.
            let named_owner = owner_mention.is_some() || last_end.is_some();
            if let Some(owner) = owner.filter(|_| {
                rule.agents
                    && named_owner
                    && matches!(owner_entry, Some((_, ActorType::Organization)))
            }) {
                found.push(group_mention(owner, phrase, index));
                continue;
            }
            // A force with a named owner is that owner's ("het contingent van
            // de CSTO"); without one, it is the force in the document's country.
            // The name, its words joined by spaces.
            let named = match &owner_entry {
                Some((owner_name, _)) => owned_group_name(rules, rule, owner_name, named_owner),
                None => rule.name.clone(),
            };
            let name = match &kind {
                Some(kind) => [kind.as_str(), " ", &named].concat(),
                None => named,
            };
            let local = actor_named(actors, &name, |id| {
                let reason = match &kind {
                    Some(kind) => format!(
                        "the group word {:?} of the kind {kind:?} with {how}",
                        text.slice(span)
                    ),
                    None => format!("the group word {:?} with {how}", text.slice(span)),
                };
                let country = owner_entry
                    .filter(|(_, kind)| *kind == ActorType::Country)
                    .map(|(owner_name, _)| owner_name);
                new_actor_with_id(id, &name, ActorType::Group, country, reason)
            });
            if rule.collective {
                collective.insert(base + local);
            }
            found.push(group_mention(base + local, phrase, index));
        }
    }
    let mut index = 0;
    mentions.retain(|_| {
        index += 1;
        !taken.contains(&(index - 1))
    });
    Groups {
        mentions: found,
        collective,
    }
}

/// The name of the group of `rule` that `owner` owns: "{owned_name} {of}
/// {owner}" when the owner is named with the group ("het contingent van de
/// CSTO"), else "{name} {preposition} {owner}" ("leger van Nigeria").
fn owned_group_name(
    rules: &DiscoveryRules,
    rule: &super::GroupRule,
    owner: &str,
    named_owner: bool,
) -> String {
    // `concat` rather than `format!`: this runs for every group mention.
    let (head, joiner) = if named_owner {
        (&rule.owned_name, &rules.of_name)
    } else {
        (&rule.name, &rule.preposition)
    };
    [head.as_str(), " ", joiner.as_str(), " ", owner].concat()
}

/// A text's tokens in lower case, by sentence, which per-token word lists
/// hold them, and where its linked nouns stand (token, rule).
#[derive(Clone, Copy)]
pub(super) struct Lowered<'a> {
    /// The tokens of each sentence, lowered.
    pub(super) words: &'a [&'a [&'a str]],
    /// The per-token word lists that hold each token
    /// ([`DiscoveryRules::token_lists`]).
    pub(super) lists: &'a [&'a [u8]],
    /// The linked nouns of each sentence.
    pub(super) linked: &'a [Vec<(usize, usize)>],
}

/// The mentions found before the linked nouns, and which of their groups are
/// bodies of people.
#[derive(Clone, Copy)]
pub(super) struct Known<'a> {
    /// Every mention so far, in text order.
    pub(super) mentions: &'a [Mention],
    /// The groups that are bodies of people (`collective`), by actor index.
    pub(super) collective: &'a BTreeSet<usize>,
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
    known: Known<'_>,
    base: usize,
    actors: &mut Vec<Actor>,
) -> (Vec<Mention>, Vec<Link>) {
    let Known {
        mentions,
        collective,
    } = known;
    let (lowered, hits) = (words.words, words.linked);
    let organization = document_organization(lexicon, mentions);
    let kind_of = |actor: usize, actors: &[Actor]| match actor.checked_sub(base) {
        Some(local) => actors[local].entry.kind,
        None => lexicon.actor(actor).entry.kind,
    };
    // The owners the document names for each linked noun, first one first.
    let mut explicit: BTreeMap<usize, usize> = BTreeMap::new();
    let mut pair = String::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        // Only a sentence with a linked noun has owners to look for.
        if hits[index].is_empty() {
            continue;
        }
        let tokens = &sentence.tokens;
        let lowered = &lowered[index];
        let here = in_sentence(mentions, index);
        for &(i, rule_index) in &hits[index] {
            let rule = &rules.linked[rule_index];
            let types = &rule.owner_types;
            // The members of a body of people are that body, not members.
            if let Some(after) = owner_after(rules, lowered, tokens, i, here, |m| {
                (types.is_empty() || types.contains(&kind_of(m.actor, actors)))
                    && !(rule.collective_itself && collective.contains(&m.actor))
            }) {
                explicit.entry(rule_index).or_insert(after.mention.actor);
            }
        }
    }
    let mut found = Vec::new();
    let mut links = Vec::new();
    for (index, sentence) in text.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Credit {
            continue;
        }
        if hits[index].is_empty() {
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
            // A word in -e right after a name is its verb, no adjective
            // ("De KNB arresteerde leden van de PTI").
            let after_name = |j: usize| {
                j > 0
                    && here.iter().any(|m| {
                        m.span.end == tokens[j - 1].span.end && !m.possessive && !m.demonym
                    })
            };
            // Counted ("de zes lidstaten", "de andere leden") or one of them
            // ("tegen een van de lidstaten"): the members of one body, not
            // members in general ("de lidstaten", "de meeste lidstaten").
            let mut counted = false;
            while first > 0 && i - first < 3 {
                let j = first - 1;
                if quantifier(j) {
                    first = j;
                    counted = true;
                } else if !adjective
                    && tokens[j].kind == TokenKind::Word
                    && lower(j).ends_with('e')
                    && !rules.determiners.contains(lower(j))
                    && !rules.articles.contains(lower(j))
                    && !rules.possessive_pronouns.contains(lower(j))
                    && covered(tokens[j].span).is_none()
                    && !after_name(j)
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
                    // The nearest actor of an owner's type named before the
                    // pronoun, in the sentence; none when a personal pronoun
                    // stands nearer ("zei hij in Boekarest, waar zijn
                    // aanhangers ...": his, not the city's).
                    owner = here
                        .iter()
                        .filter(|m| {
                            m.span.end <= tokens[j].span.start
                                && !m.demonym
                                && (m.pronoun
                                    || rule.owner_types.is_empty()
                                    || rule.owner_types.contains(&kind_of(m.actor, actors)))
                        })
                        .max_by_key(|m| m.span.end)
                        .filter(|m| !m.pronoun)
                        // Nor across a quotation mark: "„... de Roemenen”,
                        // zei hij, waar zijn aanhangers ...".
                        .filter(|m| {
                            !tokens[..j]
                                .iter()
                                .any(|t| t.kind == TokenKind::Quote && t.span.start >= m.span.end)
                        })
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
                if let Some(after) = owner_after(rules, lowered, tokens, i, here, |_| true) {
                    // The owner's mention stays, inside this one: the
                    // relation rules still read it ("de leden van de CSTO, het
                    // bondgenootschap onder leiding van Rusland").
                    owner = Some(Owner::Of(after.mention.actor));
                    last_end = after.end;
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
                    .contains(joined(&mut pair, lower(before - 2), lower(before - 1)))
            {
                before -= 2;
                counted = true;
            }
            if before > 0 && rules.linked_not_after.contains(lower(before - 1)) {
                continue;
            }
            let no_owner_after = tokens
                .get(i + 1)
                .is_none_or(|_| !rules.of.contains(lower(i + 1)));
            if owner.is_none() && rule.owner.document && determiner && counted && no_owner_after {
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
            // The members of a body of people are that body ("leden van de
            // politieke elite").
            if rule.collective_itself
                && matches!(owner, Owner::Of(_))
                && collective.contains(&owner_actor)
            {
                found.push(group_mention(
                    owner_actor,
                    Span::new(tokens[first].span.start, last_end),
                    index,
                ));
                continue;
            }
            let name = format!("{} {} {}", rule.name, rule.of_word, owner_entry.name);
            let country = match owner_entry.kind {
                ActorType::Country => Some(owner_entry.name.clone()),
                _ => owner_entry.country.clone(),
            };
            let word = text.slice(tokens[i].span).to_string();
            let local = actor_named(actors, &name, |id| {
                let reason = format!("the word {word:?} with {how}");
                new_actor_with_id(id, &name, rule.kind, country, reason)
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

/// "Legerwoordvoerder Musa Danladi", "de Oegandese oppositieleiders Sonko
/// en Faye": a title compounded with a group word (`[[compound_role]]`)
/// ties the persons named right after it to that group, the one the same
/// group word names in this document (of the country of a demonym before
/// the title, else of the document's country). Only a group the document
/// names itself: the title alone makes no actor.
pub(super) fn compound_roles(
    rules: &DiscoveryRules,
    lexicon: &ActorLexicon,
    text: &Text,
    words: Lowered<'_>,
    mentions: &[Mention],
    base: usize,
    actors: &[Actor],
) -> Vec<Link> {
    let mut links = Vec::new();
    if rules.compound_roles.is_empty() {
        return links;
    }
    let home = document_country(lexicon, mentions);
    let entry = |actor: usize| match actor.checked_sub(base) {
        Some(local) => &actors[local].entry,
        None => &lexicon.actor(actor).entry,
    };
    let plain = |m: &Mention| !m.possessive && !m.demonym && !m.pronoun;
    let person = |m: &Mention| plain(m) && entry(m.actor).kind == ActorType::Person;
    for (i, first) in mentions.iter().enumerate() {
        if !person(first) {
            continue;
        }
        let tokens = &text.sentences[first.sentence].tokens;
        let at = tokens.partition_point(|t| t.span.start < first.span.start);
        let Some(title) = at.checked_sub(1).map(|t| &tokens[t]) else {
            continue;
        };
        if title.kind != TokenKind::Word {
            continue;
        }
        // The title in the lower case discovery read the sentence in.
        let word = words.words[first.sentence][at - 1];
        let Some((rule, relation)) = rules.compound_role(word) else {
            continue;
        };
        // Whose: a demonym right before the title, else the document's
        // country; else the document's one group of that word.
        let demonym = mentions[..i]
            .iter()
            .rev()
            .take_while(|m| m.span.end <= title.span.start)
            .find(|m| m.demonym && at >= 2 && m.span.end == tokens[at - 2].span.end)
            .map(|m| m.actor);
        let of_rule = |a: &&Actor| {
            let name = a.entry.name.as_str();
            a.entry.kind == ActorType::Group
                && [rule.name.as_str(), rule.owned_name.as_str()]
                    .iter()
                    .any(|stem| {
                        name == *stem
                            || name
                                .strip_prefix(stem)
                                .is_some_and(|rest| rest.starts_with(' '))
                    })
        };
        let owned_by = |owner: usize| {
            let owner = entry(owner).name.as_str();
            let names = [false, true].map(|named| owned_group_name(rules, rule, owner, named));
            actors
                .iter()
                .position(|a| of_rule(&a) && names.contains(&a.entry.name))
        };
        let group = demonym.or(home).and_then(owned_by).or_else(|| {
            let mut all = actors.iter().enumerate().filter(|(_, a)| of_rule(a));
            // With a demonym, only a group of no owner.
            match (all.next(), all.next()) {
                (Some((only, a)), None) if demonym.is_none() || a.entry.name == rule.name => {
                    Some(only)
                }
                _ => None,
            }
        });
        let Some(group) = group else {
            continue;
        };
        // The persons listed after the title: "Sonko en Faye".
        let mut listed = vec![first];
        let mut end = first.span.end;
        for next in &mentions[i + 1..] {
            if next.sentence != first.sentence {
                break;
            }
            if next.span.start < end {
                continue;
            }
            let between = tokens
                .iter()
                .filter(|t| t.span.start >= end && t.span.end <= next.span.start)
                .map(|t| text.slice(t.span))
                .collect::<Vec<_>>();
            let joined = matches!(between[..], [","])
                || matches!(between[..], [w] if rules.group_joiners.contains(w.to_lowercase().as_str()));
            if !joined || !person(next) {
                break;
            }
            listed.push(next);
            end = next.span.end;
        }
        for member in listed {
            links.push(Link {
                source: member.actor,
                relation: relation.to_string(),
                target: base + group,
                sentence: first.sentence,
                trigger: title.span,
                rule: "linked:compound-role".to_string(),
            });
        }
    }
    links
}
