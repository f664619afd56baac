//! Relations: who did what to whom, read from cue patterns.
//!
//! Takes: the compiled rules ([`RelationRules`], from data/nl/grammar.toml and
//! one file per relation type in data/nl/relations/), an analysed [`Text`] and
//! its actor [`Mention`]s.
//! Gives: [`Relation`]s: typed, directed statements between actors, each with
//! the sentence, the trigger words, the rule that fired, a confidence and
//! flags for negation and hedging.
//! Does not: merge statements across sentences or documents (see `graph`).

pub mod pattern;
pub mod quote;
pub mod role;
mod rules;

pub use rules::*;

use crate::actor::{Mention, MentionSource};
use crate::text::{SentenceKind, Span, Text, TokenKind};
use pattern::Item;

/// One statement read from one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The type.
    pub relation: RelationType,
    /// The source actor (lexicon index); `None` when the text names no agent
    /// ("Masimov is opgepakt").
    pub source: Option<usize>,
    /// The target actor (lexicon index).
    pub target: usize,
    /// The sentence's index in the text.
    pub sentence: usize,
    /// From the first to the last trigger word, in the normalized text.
    pub trigger: Span,
    /// The trigger words, separated by spaces.
    pub trigger_text: String,
    /// The rule that fired.
    pub rule: String,
    /// How sure the rule is, lowered for hedged statements.
    pub confidence: f32,
    /// Negated or denied: not a fact, excluded from the graph.
    pub negated: bool,
    /// Hedged ("zou", "volgens geruchten").
    pub hedged: bool,
    /// Pronouns among the source and targets, with the actors they stand for.
    pub resolved: Vec<(Span, usize)>,
    /// Who says it ("volgens Ablyazov", "aldus het Kremlin"), when the sentence names a speaker.
    pub attributed_to: Option<usize>,
}

/// The relations that linked nouns state ("zijn bondgenoten": allied with
/// him), with the noun as trigger. Names that are no relation type were
/// turned away when the data was loaded.
pub fn from_links(text: &Text, links: &[crate::discover::Link]) -> Vec<Relation> {
    links
        .iter()
        .filter_map(|link| {
            Some(Relation {
                relation: RelationType::from_name(&link.relation)?,
                source: Some(link.source),
                target: link.target,
                sentence: link.sentence,
                trigger: link.trigger,
                trigger_text: text.slice(link.trigger).to_lowercase(),
                rule: link.rule.clone(),
                confidence: LINK_CONFIDENCE,
                negated: false,
                hedged: false,
                resolved: Vec::new(),
                attributed_to: None,
            })
        })
        .collect()
}

/// Drops the relations whose ends have types their relation type does not
/// admit (`[ends]` of its rule file: only an organisation or a group has
/// members), or the rule that read them (its own `ends`).
pub fn admit(rules: &RelationRules, actors: crate::actor::Actors, relations: &mut Vec<Relation>) {
    let kind = |actor: usize| actors.get(actor).entry.kind;
    relations.retain(|r| {
        let (source, target) = (r.source.map(kind), kind(r.target));
        [rules.ends(r.relation), rules.rule_ends(&r.rule)]
            .into_iter()
            .flatten()
            .all(|ends| ends.admit(source, target))
    });
}

/// How sure a tie read off a noun is: the noun says it, but its owner may
/// have been found by a pronoun.
const LINK_CONFIDENCE: f32 = 0.8;

/// Every sentence that names an actor (photo credits aside), as its index,
/// its items and their spans; the mentions are grouped by sentence once.
pub(crate) fn actor_sentences<'a>(
    rules: &'a RelationRules,
    text: &'a Text,
    mentions: &'a [Mention],
) -> impl Iterator<Item = (usize, Vec<Item<'a>>, Vec<Span>)> + 'a {
    actor_sentences_read(rules, text, mentions, Vec::new())
}

/// [`actor_sentences`], taking the items and spans of the sentences in
/// `read` (by index, [`sentence_items`] of the same mentions) rather than
/// reading them again.
fn actor_sentences_read<'a>(
    rules: &'a RelationRules,
    text: &'a Text,
    mentions: &'a [Mention],
    mut read: Vec<Option<quote::Items<'a>>>,
) -> impl Iterator<Item = (usize, Vec<Item<'a>>, Vec<Span>)> + 'a {
    // The mentions of each sentence, in their order (a list per sentence of
    // the text: a mention of no sentence of it would be passed by).
    let mut by_sentence: Vec<Vec<(usize, &Mention)>> = vec![Vec::new(); text.sentences.len()];
    for (at, mention) in mentions.iter().enumerate() {
        if let Some(list) = by_sentence.get_mut(mention.sentence) {
            list.push((at, mention));
        }
    }
    by_sentence
        .into_iter()
        .enumerate()
        .filter(|(index, in_sentence)| {
            !in_sentence.is_empty() && text.sentences[*index].kind != SentenceKind::Credit
        })
        .map(move |(index, in_sentence)| {
            let (mut items, mut spans) = read
                .get_mut(index)
                .and_then(Option::take)
                .unwrap_or_else(|| sentence_items(rules, text, index, &in_sentence));
            drop_bracketed_repeats(&mut items, &mut spans, mentions, text);
            (index, items, spans)
        })
}

fn sentence_items<'t>(
    rules: &RelationRules,
    text: &'t Text,
    sentence: usize,
    mentions: &[(usize, &Mention)],
) -> (Vec<Item<'t>>, Vec<Span>) {
    let Some(s) = text.sentences.get(sentence) else {
        return (Vec::new(), Vec::new());
    };
    let mut items = Vec::with_capacity(s.tokens.len());
    let mut spans = Vec::with_capacity(s.tokens.len());
    // The ids by vocabulary number, when the text was numbered by it: read
    // for each token without asking again.
    let by_word = rules.ids_by_word.for_text(text);
    let token_id = |token: &crate::text::Token| word_id(rules, text, by_word, token);
    let mut next_mention = mentions.iter().peekable();
    let mut tokens = s.tokens.iter().peekable();
    while let Some(token) = tokens.next() {
        while next_mention
            .peek()
            .is_some_and(|(_, m)| m.span.end <= token.span.start)
        {
            next_mention.next();
        }
        if let Some(&&(index, mention)) = next_mention.peek() {
            if mention.span.start < token.span.end {
                // The mention covers this token and every token up to its end;
                // one that holds another ("de leden van de CSTO") stands for
                // its words before the preposition, and the rest is read as
                // usual, so that the inner actor stays visible.
                // The preposition is the last one before the inner actor
                // ("de raad van bestuur van Hoogland Energie").
                let inner = mentions
                    .iter()
                    .filter(|(_, m)| {
                        m.span != mention.span
                            && m.span.start >= mention.span.start
                            && m.span.end <= mention.span.end
                    })
                    .map(|(_, m)| m.span.start)
                    .min();
                let end = match inner {
                    Some(inner) => s
                        .tokens
                        .iter()
                        .filter(|t| t.span.start > mention.span.start && t.span.end <= inner)
                        .rfind(|t| {
                            let id = token_id(t);
                            rules.words.class(id) & pattern::PREPOSITION != 0
                        })
                        .map_or(mention.span.end, |t| t.span.start),
                    None => mention.span.end,
                };
                while tokens.peek().is_some_and(|t| t.span.start < end) {
                    tokens.next();
                }
                let own = Span::new(mention.span.start, end);
                // "de Russische president" resolved to the holder: read as
                // the role word followed by the name it stands for (not a
                // pair, "beide landen", which is read as a list).
                let pair = next_mention
                    .clone()
                    .nth(1)
                    .is_some_and(|(_, m)| m.span == mention.span);
                if mention.source == MentionSource::Description && !pair {
                    let word = text.lower(token);
                    let id = token_id(token);
                    items.push(Item::Word {
                        text: word,
                        id,
                        punct: false,
                        class: rules.words.class(id),
                    });
                    spans.push(own);
                }
                // A group's last word is its head ("Russische troepen"); a
                // resolved possessive pronoun is its own ("tot zijn opvolger":
                // a pattern's word "zijn" still reads it).
                let head = if mention.source == MentionSource::Group {
                    Some(
                        rules.words.id(&text
                            .slice(own)
                            .trim_end()
                            .rsplit(|c: char| !c.is_alphanumeric())
                            .next()
                            .unwrap_or_default()
                            .to_lowercase()),
                    )
                } else if mention.possessive && mention.pronoun {
                    Some(rules.words.id(&text.slice(own).to_lowercase()))
                } else {
                    None
                };
                portfolio_phrase(rules, text, &mut items, &spans);
                if !mention.pronoun {
                    described_name(rules, &mut items);
                }
                let place = locative_phrase(rules, &mut items);
                let nominative = mention.pronoun
                    && !mention.possessive
                    && rules.nominatives.contains(&token_id(token));
                // ", dat zij verwijten ...": a subject pronoun right after a
                // relative pronoun makes that one the clause's object.
                let after_relative = nominative
                    && items.len() >= 2
                    && matches!(items.last(), Some(Item::Actor { resolved: true, .. }))
                    && matches!(&items[items.len() - 2], Item::Word { text: ",", .. })
                    && spans.last().is_some_and(|&relative| {
                        rules
                            .relatives
                            .contains(&rules.words.id(&text.slice(relative).to_lowercase()))
                    });
                items.push(Item::Actor {
                    mention: index,
                    possessive: mention.possessive,
                    demonym: mention.demonym,
                    head,
                    place,
                    resolved: mention.pronoun,
                    nominative,
                    after_relative,
                });
                spans.push(own);
                next_mention.next();
                // "beide landen": a description of two actors, two mentions
                // with one span, is read as the list "X en Y".
                while let Some(&&(other, _)) =
                    next_mention.peek().filter(|(_, m)| m.span == mention.span)
                {
                    if let Some(joiner) = rules.pair_joiner {
                        items.push(Item::Word {
                            text: "",
                            id: joiner,
                            punct: false,
                            class: rules.words.class(joiner),
                        });
                        spans.push(own);
                    }
                    items.push(Item::Actor {
                        mention: other,
                        possessive: false,
                        demonym: false,
                        head: None,
                        place,
                        resolved: true,
                        nominative: false,
                        after_relative: false,
                    });
                    spans.push(own);
                    next_mention.next();
                }
                continue;
            }
        }
        let punct = matches!(token.kind, TokenKind::Punct | TokenKind::Quote);
        let word = text.lower(token);
        let id = token_id(token);
        // "Museveni zelf beschuldigde Wine": the emphasis is not read.
        // (Most words follow no actor: that is asked first.)
        if matches!(
            items.last(),
            Some(Item::Actor {
                possessive: false,
                demonym: false,
                ..
            })
        ) && rules.subject_focus.contains(&id)
        {
            continue;
        }
        // "eerder die dag": the barrier word is the time's determiner.
        if rules.time_nouns.contains(&id) {
            if let Some(Item::Word {
                punct: false,
                class,
                ..
            }) = items.last_mut()
            {
                *class &= !pattern::BARRIER;
            }
        }
        items.push(Item::Word {
            text: word,
            id,
            punct,
            class: rules.words.class(id),
        });
        spans.push(token.span);
    }
    correlative_lists(rules, &mut items, &mut spans);
    locative_lists(&mut items);
    (items, spans)
}

/// "waarschuwde zowel Ethiopië als Eritrea": a correlative pair of words
/// around actors ("zowel" … "als", class `correlative`) is read as a list,
/// the opener left out and the joiner read as `list_and`'s first word, so
/// that a list slot takes both. Only when actors stand on both sides of
/// the joiner ("zowel in Kiev als in Moskou" keeps its words).
fn correlative_lists(rules: &RelationRules, items: &mut Vec<Item>, spans: &mut Vec<Span>) {
    let Some(joiner) = rules.pair_joiner else {
        return;
    };
    let id = |item: Option<&Item>| match item {
        Some(Item::Word { id, .. }) => Some(*id),
        _ => None,
    };
    let actor = |items: &[Item], at: usize| matches!(items.get(at), Some(Item::Actor { .. }));
    let mut at = 0;
    while at < items.len() {
        let Some(&(_, and)) = rules
            .correlatives
            .iter()
            .find(|(opener, _)| id(items.get(at)) == Some(*opener))
        else {
            at += 1;
            continue;
        };
        // opener, (prefix words) actor, (", " actor)*, joiner, (prefix words) actor
        let mut end = past_prefix(items, at + 1);
        let found = actor(items, end) && {
            end += 1;
            while comma(items.get(end)) && actor(items, past_prefix(items, end + 1)) {
                end = past_prefix(items, end + 1) + 1;
            }
            id(items.get(end)) == Some(and) && actor(items, past_prefix(items, end + 1))
        };
        if found {
            items[end] = Item::Word {
                text: "",
                id: joiner,
                punct: false,
                class: rules.words.class(joiner),
            };
            items.remove(at);
            spans.remove(at);
        }
        at += 1;
    }
}

/// "protesteerden in Caracas, Valencia en Maracaibo tegen Maduro": the
/// actors listed after a locative phrase's place, joined by commas and
/// closed by a `list_and` word, are places too (a gap skips the whole list).
/// A comma alone joins none ("sprak in Astana, Poetin in Moskou").
fn locative_lists(items: &mut [Item]) {
    let is_place = |item: &Item| matches!(item, Item::Actor { place: true, .. });
    let actor = |item: Option<&Item>| matches!(item, Some(Item::Actor { .. }));
    let comma = |item: Option<&Item>| {
        matches!(
            item,
            Some(Item::Word {
                text: ",",
                punct: true,
                ..
            })
        )
    };
    let and = |item: Option<&Item>| matches!(item, Some(Item::Word { class, punct: false, .. }) if class & pattern::LIST_AND != 0);
    let mut at = 0;
    while at < items.len() {
        if !is_place(&items[at]) {
            at += 1;
            continue;
        }
        // The list: place (, actor)* en actor.
        let mut end = at;
        while comma(items.get(end + 1)) && actor(items.get(end + 2)) {
            end += 2;
        }
        let closed = and(items.get(end + 1)) && actor(items.get(end + 2));
        if closed {
            end += 2;
            for item in &mut items[at + 1..=end] {
                if let Item::Actor { place, .. } = item {
                    *place = true;
                }
            }
        }
        at = end + 1;
    }
}

/// The id of `token` of `text` (its lower case's, see
/// [`pattern::Words::id`]): read by its vocabulary number when `by_word`
/// has the ids of the vocabulary that numbered `text`.
#[inline(always)]
fn word_id(
    rules: &RelationRules,
    text: &Text,
    by_word: Option<&[pattern::WordId]>,
    token: &crate::text::Token,
) -> pattern::WordId {
    match by_word {
        Some(ids) => ids[token.word as usize],
        None => rules.words.id(text.lower(token)),
    }
}

/// "oud-minister van Transport Julio Castañeda": a title's portfolio (a
/// word of the class `of` after a noun-phrase prefix word, then at most
/// three capitalised words) right before an actor is part of its noun
/// phrase: its words become prefix words, so that a slot reaches the name.
fn portfolio_phrase(rules: &RelationRules, text: &Text, items: &mut [Item], spans: &[Span]) {
    const MAX_WORDS: usize = 3;
    let capitalised = (0..items.len().min(MAX_WORDS))
        .take_while(|&back| {
            let at = items.len() - 1 - back;
            matches!(items[at], Item::Word { punct: false, .. })
                && text
                    .slice(spans[at])
                    .starts_with(|c: char| c.is_uppercase())
        })
        .count();
    if capitalised == 0 || items.len() < capitalised + 2 {
        return;
    }
    let of = items.len() - capitalised - 1;
    let titled = matches!(items[of], Item::Word { id, .. } if rules.of_words.contains(&id))
        && matches!(items[of - 1], Item::Word { class, .. } if class & pattern::NP_PREFIX != 0);
    if titled {
        for item in &mut items[of..] {
            if let Item::Word { class, .. } = item {
                *class |= pattern::NP_PREFIX;
            }
        }
    }
}

/// "door de anticorruptiedienst CNA", "de rivaliserende bende Los Lobos":
/// a noun that ends like a kind of actor (class `np_head_ending`, compounds
/// too) right before the actor about to follow `items`, after at most two
/// adjectives (class `np_adjective_ending`) and an article (class
/// `article`), is part of its noun phrase: its words become prefix words, so
/// that a slot reaches the name. So do the adjectives before a noun that is
/// a prefix word already ("de kleine veiligheidsdienst KNB"), and a word of
/// degree before them (class `intensifier`: "de weinig bekende jurist X").
fn described_name(rules: &RelationRules, items: &mut [Item]) {
    const MAX_ADJECTIVES: usize = 2;
    let article = |item: &Item| {
        matches!(item, Item::Word { text, punct: false, .. }
            if rules.role_words.get(*text).is_some_and(|&c| c & ARTICLE != 0))
    };
    let head = |item: &Item| {
        matches!(item, Item::Word { text, punct: false, class, .. }
            if *class & (pattern::BARRIER | pattern::PREPOSITION | pattern::NP_PREFIX) == 0
                && rules.np_head_endings.iter().any(|e| text.ends_with(e.as_str())))
    };
    let Some(noun) = items.len().checked_sub(1) else {
        return;
    };
    let known = has_class(&items[noun], pattern::NP_PREFIX) && !article(&items[noun]);
    if !known && !head(&items[noun]) {
        return;
    }
    // Adjectives may be prefix words already ("machtige"), or demonyms
    // ("de Poolse voetbalbond PZPN").
    let adjective = |item: &Item| {
        !article(item)
            && (matches!(item, Item::Word { text, punct: false, class, .. }
                if *class & (pattern::BARRIER | pattern::PREPOSITION) == 0
                    && rules.np_adjective_endings.iter().any(|e| text.ends_with(e.as_str())))
                || matches!(item, Item::Actor { demonym: true, .. }))
    };
    let mut adjectives = (1..=MAX_ADJECTIVES)
        .take_while(|&k| noun >= k && adjective(&items[noun - k]))
        .count();
    let intensifier = |item: &Item| matches!(item, Item::Word { id, punct: false, .. } if rules.intensifiers.contains(id));
    if adjectives > 0 && noun > adjectives && intensifier(&items[noun - adjectives - 1]) {
        adjectives += 1;
    }
    let Some(opener) = noun.checked_sub(adjectives + 1) else {
        return;
    };
    // "zijn trouwe minister X": a possessive opens the phrase as an article
    // does, resolved or not.
    let possessive = match &items[opener] {
        Item::Actor { possessive, .. } => *possessive,
        Item::Word {
            id, punct: false, ..
        } => rules.possessive_determiners.contains(id),
        Item::Word { .. } => false,
    };
    if (adjectives > 0 || !known) && (article(&items[opener]) || possessive) {
        for item in &mut items[opener + 1..] {
            if let Item::Word { class, .. } = item {
                *class |= pattern::NP_PREFIX;
            }
        }
    }
}

fn has_class(item: &Item, flag: u8) -> bool {
    matches!(item, Item::Word { class, punct: false, .. } if class & flag != 0)
}

/// Whether the actor about to follow `items` is the place of a locative
/// phrase: right after a locative preposition ("in Ankara"), or after one and
/// at most three words of its noun phrase ("in de Omaanse hoofdstad
/// Muscat", "in het centrum van Haïti"), none of them a preposition or
/// barrier but a word of the class `of` right before the place. A demonym among those
/// words ("Omaanse") is then part of the place phrase too.
fn locative_phrase(rules: &RelationRules, items: &mut [Item]) -> bool {
    const MAX_WORDS: usize = 3;
    let mut demonyms = Vec::new();
    for (back, at) in (0..items.len()).rev().enumerate() {
        match &items[at] {
            Item::Word { id, .. } if rules.locatives.contains(id) => {
                for at in demonyms {
                    if let Item::Actor { place, .. } = &mut items[at] {
                        *place = true;
                    }
                }
                return true;
            }
            _ if back == MAX_WORDS => return false,
            Item::Word {
                punct: false,
                class,
                ..
            } if class & (pattern::BARRIER | pattern::PREPOSITION) == 0 => {}
            // "in het centrum van Haïti": the place is what the noun is of.
            Item::Word { id, .. } if back == 0 && rules.of_words.contains(id) => {}
            Item::Actor { demonym: true, .. } => demonyms.push(at),
            _ => return false,
        }
    }
    false
}

/// "De Collectieve Veiligheidsorganisatie (CSTO) stuurde": a name repeated
/// in brackets right after itself (an acronym, another spelling) is read as
/// the one name, so that the verb follows its subject. So is a name in
/// brackets right after a capitalised word that names no actor ("De
/// Zuidelijk-Afrikaanse Ontwikkelingsgemeenschap (SADC), waarvan"): the
/// brackets go, and the name stands where the words it abbreviates end.
fn drop_bracketed_repeats(
    items: &mut Vec<Item>,
    spans: &mut Vec<Span>,
    mentions: &[Mention],
    text: &Text,
) {
    let actor = |item: &Item| match item {
        Item::Actor { mention, .. } => Some(mentions[*mention].actor),
        Item::Word { .. } => None,
    };
    let is = |item: &Item, mark: &str| matches!(item, Item::Word { text, punct: true, .. } if *text == mark);
    let mut i = 0;
    while i + 3 < items.len() {
        if actor(&items[i]).is_some()
            && is(&items[i + 1], "(")
            && actor(&items[i + 2]) == actor(&items[i])
            && is(&items[i + 3], ")")
        {
            items.drain(i + 1..i + 4);
            spans.drain(i + 1..i + 4);
        } else if matches!(items[i], Item::Word { punct: false, .. })
            && text.slice(spans[i]).starts_with(char::is_uppercase)
            && is(&items[i + 1], "(")
            && actor(&items[i + 2]).is_some()
            && is(&items[i + 3], ")")
        {
            items.remove(i + 3);
            spans.remove(i + 3);
            items.remove(i + 1);
            spans.remove(i + 1);
        }
        i += 1;
    }
}

/// "De regering van Bangladesh heeft ... laten oppakken": a mention that
/// holds another ("regering van Bangladesh") is read as its words before the
/// preposition, with the rest after it so that the inner actor stays
/// visible ([`sentence_items`]). In this reading the rest goes, so that the
/// whole noun phrase is one actor and reaches its verb. Returns whether it
/// took any out.
fn drop_complements(items: &mut Vec<Item>, spans: &mut Vec<Span>, mentions: &[Mention]) -> bool {
    let mut dropped = false;
    for i in 0..items.len() {
        let Some(Item::Actor { mention, .. }) = items.get(i) else {
            continue;
        };
        let whole = mentions[*mention].span;
        let own = spans[i];
        if whole.end <= own.end {
            continue;
        }
        let rest = spans[i + 1..]
            .iter()
            .take_while(|s| s.start >= own.end && s.end <= whole.end)
            .count();
        if rest > 0 {
            items.drain(i + 1..=i + rest);
            spans.drain(i + 1..=i + rest);
            // The phrase no longer ends in its head word, so it describes no
            // name after it ("arresteerden agenten van de KNB Tokajev").
            if let Item::Actor { head, .. } = &mut items[i] {
                *head = None;
            }
            dropped = true;
        }
    }
    dropped
}

/// "Woensdag pakte de dienst DIICOT in Boekarest de zakenman Pavel op": a
/// locative phrase (a word of the class `locative`, the words of its noun
/// phrase and the place, or a list of places) is taken out, so that the verb
/// and its subject reach the object as across an adverb. Returns whether it
/// took one out.
fn drop_places(rules: &RelationRules, items: &mut Vec<Item>, spans: &mut Vec<Span>) -> bool {
    let mut dropped = false;
    let mut i = 0;
    while i < items.len() {
        if !matches!(items[i], Item::Actor { place: true, .. }) {
            i += 1;
            continue;
        }
        // A list of places ("in Caracas, Valencia en Maracaibo") goes whole.
        let mut end = i;
        while (comma(items.get(end + 1))
            || items
                .get(end + 1)
                .is_some_and(|item| has_class(item, pattern::LIST_AND)))
            && matches!(items.get(end + 2), Some(Item::Actor { place: true, .. }))
        {
            end += 2;
        }
        let opener = (i.saturating_sub(4)..i)
            .rev()
            .find(|&j| matches!(&items[j], Item::Word { id, .. } if rules.locatives.contains(id)));
        match opener {
            Some(start) => {
                items.drain(start..=end);
                spans.drain(start..=end);
                dropped = true;
                i = start;
            }
            None => i = end + 1,
        }
    }
    dropped
}

/// "Poetin steunde volgens het Kremlin Tokajevs idee": an attribution inside
/// a clause (a word of the class `aside`, then one actor, with the clause
/// going on before and after it) is taken out, so that the verb reaches its
/// object; the speaker was read before.
/// Returns whether it took one out.
fn drop_asides(rules: &RelationRules, items: &mut Vec<Item>, spans: &mut Vec<Span>) -> bool {
    let mut dropped = false;
    let inside = |item: Option<&Item>| match item {
        Some(Item::Word { punct, .. }) => !punct,
        Some(Item::Actor { .. }) => true,
        None => false,
    };
    let mut i = 1;
    while i + 1 < items.len() {
        let opens =
            matches!(&items[i], Item::Word { id, punct: false, .. } if rules.asides.contains(id));
        if opens && inside(items.get(i - 1)) {
            let j = past_prefix(items, i + 1);
            let speaker = matches!(
                items.get(j),
                Some(Item::Actor {
                    possessive: false,
                    demonym: false,
                    ..
                })
            );
            if speaker && inside(items.get(j + 1)) {
                items.drain(i..=j);
                spans.drain(i..=j);
                dropped = true;
                continue;
            }
        }
        i += 1;
    }
    dropped
}

/// "de NAVO-troepen, het voormalige wingewest van Moskou, zijn ...": an
/// apposition after an actor (between commas, opening with a noun-phrase
/// prefix word, not just prefix words and a name, with no barrier word and
/// no punctuation inside, at most [`MAX_APPOSITION`] items) is taken
/// out when a word other than an actor follows it, so that the actor
/// reaches its verb. So is a relative clause after an actor (a word of the
/// class `relative` after a comma, up to the next comma). Returns whether it
/// took one out.
fn drop_appositions(
    rules: &RelationRules,
    text: &Text,
    items: &mut Vec<Item>,
    spans: &mut Vec<Span>,
) -> bool {
    let mut dropped = false;
    let mut i = 1;
    while i + 1 < items.len() {
        let after_actor = matches!(
            &items[i - 1],
            Item::Actor {
                possessive: false,
                demonym: false,
                ..
            }
        );
        // "Alexander Dobrindt (CSU) heeft ... ontslagen": an actor in
        // brackets after an actor (a party, an abbreviation) goes, so that
        // the name reaches its verb.
        if after_actor
            && mark(items.get(i), "(")
            && matches!(items.get(i + 1), Some(Item::Actor { .. }))
            && mark(items.get(i + 2), ")")
        {
            items.drain(i..=i + 2);
            spans.drain(i..=i + 2);
            dropped = true;
            continue;
        }
        // A prefix word, or a role without its article ("Anna de Vries,
        // fractievoorzitter van GroenLinks, ..."), also after an adverb of
        // the class `apposition_adverb` ("X, tevens voorzitter van Y, ...").
        let opens_at = |at: usize| {
            matches!(items.get(at), Some(Item::Word { class, id, punct: false, text, .. })
                if class & pattern::NP_PREFIX != 0 || rules.apposition_openers.contains(id)
                    || (after_actor && comma(items.get(i)) && rules.is_role_or_compound(text)))
        };
        let adverb = matches!(&items[i + 1], Item::Word { id, punct: false, .. }
            if rules.apposition_adverbs.contains(id));
        let opens = opens_at(i + 1) || (adverb && after_actor && opens_at(i + 2));
        // The relative pronoun, as a word or resolved to the actor before it.
        let relative = || {
            rules
                .relatives
                .contains(&rules.words.id(&text.lower_span(spans[i + 1])))
        };
        if after_actor && comma(items.get(i)) && relative() {
            // "Indonesië, die zelf ook geschillen heeft, steunde ...": a
            // relative clause up to the next comma.
            let close = (i + 2..items.len().min(i + 2 + MAX_RELATIVE_CLAUSE))
                .find(|&j| matches!(&items[j], Item::Word { punct: true, .. }))
                .filter(|&j| comma(items.get(j)));
            let verb_follows = close.is_some_and(|j| {
                matches!(items.get(j + 1), Some(Item::Word { punct: false, class, .. }) if class & pattern::BARRIER == 0)
            });
            if let (Some(close), true) = (close, verb_follows) {
                items.drain(i..=close);
                spans.drain(i..=close);
                dropped = true;
            }
            i += 1;
            continue;
        }
        if !(after_actor && comma(items.get(i)) && opens) {
            i += 1;
            continue;
        }
        // "Georgische Droom, de regeringspartij die wordt geleid door ...":
        // coreference resolved the relative after the apposition to the
        // actor before the comma; without the apposition the relative
        // follows the comma.
        let relative_after = (i + 2..items.len().min(i + 2 + MAX_APPOSITION))
            .map_while(|j| match &items[j] {
                Item::Actor { .. } => Some(Some(j)),
                Item::Word { class, .. } if class & pattern::BARRIER != 0 => None,
                Item::Word {
                    text, punct: true, ..
                } if !pattern::is_quote(text) => None,
                Item::Word { .. } => Some(None),
            })
            .flatten()
            .next()
            .filter(|&j| {
                rules
                    .relatives
                    .contains(&rules.words.id(&text.lower_span(spans[j])))
            });
        if let Some(relative) = relative_after {
            // The relative clause now follows the comma: it is read next,
            // at the same place.
            items.drain(i + 1..relative);
            spans.drain(i + 1..relative);
            dropped = true;
            continue;
        }
        let Some(mut close) = apposition_close(items, i + 1) else {
            i += 1;
            continue;
        };
        // "Michal Šimečka, de leider van Progresívne Slovensko, de grootste
        // oppositiepartij, beschuldigde ...": an apposition that ends on an
        // actor may be followed by that actor's own; both go.
        let first_close = close;
        while matches!(items[close - 1], Item::Actor { .. })
            && matches!(items.get(close + 1), Some(Item::Word { class, punct: false, .. }) if class & pattern::NP_PREFIX != 0)
        {
            match apposition_close(items, close + 2) {
                Some(next) => close = next,
                None => break,
            }
        }
        // "Rusland, de EU, de VS": a name after prefix words is a list item;
        // a description ("de Russische president": its role word and its
        // holder on the same span) is not.
        let described = first_close >= i + 3 && spans[first_close - 1] == spans[first_close - 2];
        let own_word = described
            || !matches!(&items[first_close - 1], Item::Actor { demonym: false, .. })
            || items[i + 1..first_close - 1].iter().any(
                |item| matches!(item, Item::Word { class, .. } if class & pattern::NP_PREFIX == 0),
            );
        let verb_follows = matches!(items.get(close + 1), Some(Item::Word { punct: false, .. }));
        if own_word && verb_follows {
            items.drain(i..=close);
            spans.drain(i..=close);
            dropped = true;
        }
        i += 1;
    }
    dropped
}

/// The comma that closes an apposition opening at `from`: the first
/// punctuation mark or barrier word within [`MAX_APPOSITION`] items after
/// it, when that is a comma.
///
/// A list word between two roles does not end it ("Julius Maada Bio, de
/// president van Sierra Leone en huidig voorzitter van ECOWAS, voerde ...").
fn apposition_close(items: &[Item], from: usize) -> Option<usize> {
    (from..items.len().min(from + 1 + MAX_APPOSITION))
        .find(|&j| match &items[j] {
            Item::Word { punct: true, .. } => true,
            Item::Word { class, .. } => {
                class & pattern::BARRIER != 0
                    && !(class & pattern::LIST_AND != 0 && j > from && role_list(items, j))
            }
            Item::Actor { .. } => false,
        })
        .filter(|&j| comma(items.get(j)))
}

/// Whether the list word at `at` joins an actor to a role phrase: an actor
/// before it, and after it, within a few words, a word of the grammar's
/// `np_prefix` class right before the word "of" follows ("... van Sierra
/// Leone en huidig voorzitter van ECOWAS").
fn role_list(items: &[Item], at: usize) -> bool {
    matches!(items.get(at - 1), Some(Item::Actor { .. }))
        && (at + 1..items.len().min(at + 4)).any(|j| {
            matches!(&items[j], Item::Word { class, punct: false, .. } if class & pattern::NP_PREFIX != 0)
                && matches!(items.get(j + 1), Some(Item::Word { class, punct: false, .. }) if class & pattern::PREPOSITION != 0)
        })
}

/// "Arce zette de politiecommandant van El Alto, kolonel Rubén Zeballos, uit
/// zijn functie af": a role phrase (prefix words, a word of the grammar's
/// `role` class, what it is of) before a name between commas is taken out,
/// with the comma after the name, so that the verb reaches the name. Returns
/// whether it took one out.
fn drop_role_phrases(rules: &RelationRules, items: &mut Vec<Item>, spans: &mut Vec<Span>) -> bool {
    let mut dropped = false;
    let mut i = 1;
    while i + 2 < items.len() {
        if !comma(items.get(i)) {
            i += 1;
            continue;
        }
        // The name after the comma, after its own prefix words, then a comma
        // or the end of the sentence ("vervangen door zijn plaatsvervanger,
        // Ana María Choque.").
        let name = past_prefix(items, i + 1);
        let closing = comma(items.get(name + 1));
        let last = match items.get(name + 1) {
            None => true,
            Some(Item::Word { text, punct, .. }) => {
                *punct && matches!(*text, "." | "!" | "?") && name + 2 == items.len()
            }
            Some(Item::Actor { .. }) => false,
        };
        let named = matches!(
            items.get(name),
            Some(Item::Actor {
                possessive: false,
                demonym: false,
                head: None,
                ..
            })
        ) && (closing || last);
        // The role word before the comma, within an apposition's length.
        // Words, demonyms and places ("van El Alto"); no other actor.
        let ordinary = |item: &Item| match item {
            Item::Word { class, punct, .. } => !punct && class & pattern::BARRIER == 0,
            Item::Actor { demonym, place, .. } => *demonym || *place,
        };
        let role = named
            .then(|| {
                (i.saturating_sub(MAX_APPOSITION)..i)
                    .rev()
                    .take_while(|&j| ordinary(&items[j]) || of_place(items, j))
                    .find(
                        |&j| matches!(&items[j], Item::Word { text, .. } if rules.role_words.get(*text).is_some_and(|&c| c & (ROLE | COUNTERPART) != 0)),
                    )
            })
            .flatten();
        let Some(role) = role else {
            i += 1;
            continue;
        };
        let mut start = role;
        // Prefix words, and the actor of a compound ("de EU-ambassadeur").
        let hyphen_modifier = |start: usize| {
            matches!(items[start - 1], Item::Actor { .. })
                && matches!(&items[start], Item::Word { text: "-", .. })
        };
        // Adjectives between them ("de hoogste politiecommandant van
        // Nairobi, Joseph Mutua,"), when a prefix word opens the phrase.
        let adjective = |item: &Item| {
            matches!(item, Item::Word { text, punct: false, class, .. }
                if *class & (pattern::BARRIER | pattern::PREPOSITION | pattern::NP_PREFIX) == 0
                    && rules.np_adjective_endings.iter().any(|e| text.ends_with(e.as_str())))
        };
        let adjectives = (1..=2)
            .take_while(|&k| start >= k && adjective(&items[start - k]))
            .count();
        if adjectives > 0 && start > adjectives && is_prefix(&items[start - adjectives - 1]) {
            start -= adjectives;
        }
        while start > 0 && (is_prefix(&items[start - 1]) || hyphen_modifier(start)) {
            start -= 1;
        }
        // Only a phrase that opens with prefix words: "de", "zijn", ...
        if start == role {
            i += 1;
            continue;
        }
        if closing {
            items.remove(name + 1);
            spans.remove(name + 1);
        }
        items.drain(start..=i);
        spans.drain(start..=i);
        dropped = true;
        i = start + 1;
    }
    dropped
}

/// The rules (indices, ascending) that may match a sentence of `items`,
/// which hold `present`: found through the rarest required word element of each
/// ([`RelationRules::by_rare_word`]), then tested in full.
fn possible_rules(rules: &RelationRules, items: &[Item], present: &pattern::Present) -> Vec<usize> {
    let mut listed = vec![0u64; rules.rules.len().div_ceil(64)];
    // The words and group heads of `items`, which `present` holds, read
    // off the items rather than every block of `present` (a word that
    // comes twice lists its rules twice, to the same bits).
    let ids = items.iter().map(|item| match item {
        Item::Word { id, .. } => *id,
        Item::Actor { head, .. } => head.unwrap_or(pattern::UNKNOWN),
    });
    for id in ids {
        if let Some(listed_here) = rules.by_rare_word.get(id as usize) {
            for &rule in listed_here {
                listed[rule / 64] |= 1 << (rule % 64);
            }
        }
    }
    for &rule in &rules.unindexed {
        listed[rule / 64] |= 1 << (rule % 64);
    }
    // A loop over the set bits rather than an iterator chain: this runs
    // for every sentence with an actor.
    let mut possible = Vec::with_capacity(16);
    for (block, &bits) in listed.iter().enumerate() {
        for bit in pattern::set_bits(bits) {
            let rule = block * 64 + bit;
            if rules.rules[rule].pattern.may_match(present) {
                possible.push(rule);
            }
        }
    }
    possible
}

/// Whether `item` is a comma.
fn comma(item: Option<&Item>) -> bool {
    mark(item, ",")
}

/// Whether `item` is the punctuation mark `text` ("," "(" ")").
fn mark(item: Option<&Item>, text: &str) -> bool {
    matches!(item, Some(Item::Word { text: t, punct: true, .. }) if *t == text)
}

/// Whether `item` may stand before a name in its noun phrase: a prefix
/// word ("de", "kolonel") or a demonym.
fn is_prefix(item: &Item) -> bool {
    match item {
        Item::Word { class, punct, .. } => !punct && class & pattern::NP_PREFIX != 0,
        Item::Actor { demonym, .. } => *demonym,
    }
}

/// The first item from `from` on that is no prefix word or demonym.
fn past_prefix(items: &[Item], from: usize) -> usize {
    from + items[from.min(items.len())..]
        .iter()
        .take_while(|item| is_prefix(item))
        .count()
}

/// Whether the item at `at` is an actor right after a preposition and its
/// prefix words ("de politiecommandant van El Alto", "de directeur van de
/// KNB"): what a role is of.
fn of_place(items: &[Item], at: usize) -> bool {
    let word = |at: usize, flag: u8| matches!(&items[at], Item::Word { class, punct: false, .. } if class & flag != 0);
    let mut before = at;
    while before > 0
        && word(before - 1, pattern::NP_PREFIX)
        && !word(before - 1, pattern::PREPOSITION)
    {
        before -= 1;
    }
    matches!(
        items.get(at),
        Some(Item::Actor {
            possessive: false,
            ..
        })
    ) && before > 0
        && word(before - 1, pattern::PREPOSITION)
}

/// The most items an apposition that [`drop_appositions`] takes out may have.
const MAX_APPOSITION: usize = 10;

/// The most items a relative clause that [`drop_appositions`] takes out may have.
const MAX_RELATIVE_CLAUSE: usize = 16;

/// Coordinated verb phrases share their subject: in "Hij ontsloeg de regering
/// en zette Nazarbajev af" the sentence's subject is copied after "en" when a
/// verb that follows a source in some pattern comes next. The subject is an
/// actor that opens the sentence (after noun-phrase prefix words and
/// demonyms only: "De Kazachse president Tokajev"). The joiner then counts
/// as a punctuation mark. So does a coordinator of contrast ("..., maar
/// waarschuwde de regering").
fn carry_subject(rules: &RelationRules, items: &mut Vec<Item>, spans: &mut Vec<Span>) {
    let opening = items.iter().position(|item| match item {
        Item::Word { class, punct, .. } => !*punct && class & pattern::NP_PREFIX == 0,
        Item::Actor { demonym, .. } => !*demonym,
    });
    let Some(opening) = opening else { return };
    // "ECOWAS-voorzitter Julius Maada Bio ... en bood": the name is the subject.
    let at = pattern::compound_head(items, opening).unwrap_or(opening);
    let (subject, resolved, nominative) = match &items[at] {
        Item::Actor {
            mention,
            possessive: false,
            demonym: false,
            resolved,
            nominative,
            ..
        } => (*mention, *resolved, *nominative),
        _ => return,
    };
    let mut i = at + 1;
    while i + 1 < items.len() {
        let joins = matches!(&items[i], Item::Word { class, id, punct: false, .. } if class & pattern::LIST_AND != 0 || rules.contrast.contains(id));
        // Not an article or a role word: "en een bondgenoot van" is a
        // second role of an apposition, no verb phrase.
        let verb_follows = matches!(&items[i + 1], Item::Word { class, punct: false, .. } if class & SUBJECT_VERB != 0 && class & (pattern::PREPOSITION | pattern::NP_PREFIX) == 0);
        if joins && verb_follows {
            // The joiner ends a clause here, as a punctuation mark would:
            // no list of sources runs across it ("... van de Veiligheidsraad
            // en liet X arresteren" is not the council's act).
            if let Item::Word { punct, .. } = &mut items[i] {
                *punct = true;
            }
            items.insert(
                i + 1,
                Item::Actor {
                    mention: subject,
                    possessive: false,
                    demonym: false,
                    head: None,
                    place: false,
                    resolved,
                    nominative,
                    after_relative: false,
                },
            );
            spans.insert(i + 1, spans[at]);
            i += 1;
        }
        i += 1;
    }
}

/// Reads every relation in `text`.
pub fn extract(rules: &RelationRules, text: &Text, mentions: &[Mention]) -> Vec<Relation> {
    extract_with_roles(rules, text, mentions).0
}

/// Reads every relation and every role in `text`: [`extract`] and
/// [`role::roles`] in one pass, which makes each sentence's items once.
pub fn extract_with_roles(
    rules: &RelationRules,
    text: &Text,
    mentions: &[Mention],
) -> (Vec<Relation>, Vec<role::Role>) {
    extract_with_roles_read(
        rules,
        text,
        mentions,
        quote::find_reading(rules, text, mentions),
    )
}

/// [`extract_with_roles`], given the quotes of `mentions` (what
/// [`quote::find`] gives, which [`quote::resolve_with_quotes`] has found).
pub fn extract_with_roles_quoted(
    rules: &RelationRules,
    text: &Text,
    mentions: &[Mention],
    quotes: Vec<quote::Quote>,
) -> (Vec<Relation>, Vec<role::Role>) {
    let found = quote::Found {
        quotes,
        read: Vec::new(),
    };
    extract_with_roles_read(rules, text, mentions, found)
}

/// [`extract_with_roles_quoted`], given what [`quote::find_reading`] gave
/// for `mentions`: the quotes, and the sentences it read, which are not
/// read again.
pub fn extract_with_roles_read<'t>(
    rules: &RelationRules,
    text: &'t Text,
    mentions: &[Mention],
    found: quote::Found<'t>,
) -> (Vec<Relation>, Vec<role::Role>) {
    let mut relations: Vec<Relation> = Vec::new();
    let mut roles = Vec::new();
    let document = Document {
        rules,
        text,
        mentions,
        quotes: found.quotes,
    };
    for (index, mut items, mut spans) in actor_sentences_read(rules, text, mentions, found.read) {
        role::sentence_roles(rules, index, &items, mentions, &mut roles);
        sentence_relations(&document, index, &mut items, &mut spans, &mut relations);
    }
    (relations, roles)
}

/// What every sentence of a document is read with.
struct Document<'a> {
    rules: &'a RelationRules,
    text: &'a Text,
    mentions: &'a [Mention],
    /// The quoted passages and their speakers.
    quotes: Vec<quote::Quote>,
}

/// The relations of the sentence `index`, read from its items (and spans),
/// appended to `relations`.
fn sentence_relations(
    document: &Document,
    index: usize,
    items: &mut Vec<Item>,
    spans: &mut Vec<Span>,
    relations: &mut Vec<Relation>,
) {
    let Document {
        rules,
        text,
        mentions,
        ..
    } = *document;
    {
        carry_subject(rules, items, spans);
        let (items, spans) = (&*items, &*spans);
        // What the sentence holds: a pattern whose words or slots it lacks is not tried.
        let present = pattern::Present::new(items, rules.words.len());
        let possible = possible_rules(rules, items, &present);
        // No rule can match either reading (the trimmed one only loses
        // items): the speaker and the trimmed reading are not needed.
        if possible.is_empty() {
            return;
        }
        let hedged = items
            .iter()
            .any(|i| matches!(i, Item::Word { class, .. } if class & HEDGE != 0));
        // The speaker's mention: a relation that involves it ("de Kazachse
        // president Tokajev zei dat ...") is not part of what is said.
        // The matches of every possible rule in one reading, in rule order:
        // only the rules whose trigger (anchor) the reading has as a word.
        let rule_matches = |items: &[Item], positions: &pattern::Positions| {
            possible
                .iter()
                .map(|&i| &rules.rules[i])
                .filter(|rule| rule.pattern.anchored_at(positions))
                .map(|rule| (rule, pattern::find_all_at(&rule.pattern, items, positions)))
                .filter(|(_, all)| !all.is_empty())
                .collect::<Vec<(&rules::Rule, Vec<pattern::Match>)>>()
        };
        // The speaker and the matches of the sentence as written, read off
        // one laying out of its positions.
        let (speaker, written_matches) =
            pattern::Positions::with(items, rules.words.len(), |positions| {
                let speaker = rules
                    .attribution
                    .iter()
                    .filter(|p| p.may_match(&present))
                    .find_map(|p| pattern::find_all_at(p, items, positions).into_iter().next())
                    .and_then(|m| m.targets.first().copied());
                (speaker, rule_matches(items, positions))
            });
        // Inside a quote, the quote's speaker says it.
        let says = speaker.or_else(|| quote::speaker_of(&document.quotes, text, index));
        // The sentence as written and, when it has an attribution inside a
        // clause or an apposition, once more without them.
        // Only a sentence with an actor before a comma can have an apposition.
        let actor_comma = items
            .windows(2)
            .any(|pair| matches!(pair[0], Item::Actor { .. }) && comma(Some(&pair[1])));
        // A name after a comma, after at most one prefix word ("kolonel").
        let comma_actor = items.windows(3).any(|w| {
            matches!(
                w[0],
                Item::Word {
                    text: ",",
                    punct: true,
                    ..
                }
            ) && (matches!(w[1], Item::Actor { .. })
                || matches!(w[1], Item::Word { class, punct: false, .. } if class & pattern::NP_PREFIX != 0)
                    && matches!(w[2], Item::Actor { .. }))
        });
        // An actor in brackets after an actor ("Dobrindt (CSU)").
        let actor_bracket = items.windows(3).any(|w| {
            matches!(w[0], Item::Actor { .. })
                && mark(Some(&w[1]), "(")
                && matches!(w[2], Item::Actor { .. })
        });
        // A mention that holds another ("de regering van Bangladesh").
        let nested = items.iter().zip(spans).any(|(item, span)| {
            matches!(item, Item::Actor { mention, .. } if mentions[*mention].span.end > span.end)
        });
        let places = items
            .iter()
            .any(|item| matches!(item, Item::Actor { place: true, .. }));
        let trimmed =
            (speaker.is_some() || actor_comma || comma_actor || actor_bracket || nested || places)
                .then(|| {
                    let (mut items, mut spans) = (items.to_vec(), spans.to_vec());
                    let complements = nested && drop_complements(&mut items, &mut spans, mentions);
                    let places = places && drop_places(rules, &mut items, &mut spans);
                    let asides = speaker.is_some() && drop_asides(rules, &mut items, &mut spans);
                    let roles = drop_role_phrases(rules, &mut items, &mut spans);
                    let appositions = drop_appositions(rules, text, &mut items, &mut spans);
                    (complements || places || asides || roles || appositions)
                        .then_some((items, spans))
                })
                .flatten();
        let readings = std::iter::once((items.as_slice(), spans.as_slice())).chain(
            trimmed
                .iter()
                .map(|(items, spans)| (items.as_slice(), spans.as_slice())),
        );
        let mut found: Vec<Relation> = Vec::new();
        // The first reading is the sentence as written, matched above.
        let mut written_matches = Some(written_matches);
        for (items, spans) in readings {
            // The matches of every rule first (while the reading's
            // positions are at hand), then what each says.
            let matches = match written_matches.take() {
                Some(matches) => matches,
                None => pattern::Positions::with(items, rules.words.len(), |positions| {
                    rule_matches(items, positions)
                }),
            };
            for (rule, all) in matches {
                for m in all {
                    let is_word = |i: &usize, flag: u8| matches!(&items[*i], Item::Word { class, .. } if class & flag != 0);
                    // Negation inside the statement or after it up to the clause's end
                    // ("ontsloeg Masimov niet"), or a denial anywhere before it.
                    // A condition after it ("dreigde Servië met sancties als de
                    // spanningen niet afnemen") opens a clause of its own.
                    // A pattern that ends on a barrier ("volgt Vrabec op en ...")
                    // ends its clause there: "en is geen lid" is another statement.
                    let clause_end = (m.last.saturating_sub(1).max(m.first)..items.len())
                    .find(|&i| matches!(&items[i], Item::Word { class, punct, id, .. } if *punct || class & pattern::BARRIER != 0 || (i > m.last && rules.conditions.contains(id))))
                    .unwrap_or(items.len());
                    // "werd door de anticorruptiedienst CNA aangehouden", "die
                    // wordt gesteund door de kleine partij Podemos": a clause
                    // that names its agent is no agentless statement, even
                    // when no rule could read the agent.
                    if m.sources.is_empty()
                        && !rule.phrase
                        && (m.first..clause_end).any(|i| matches!(&items[i], Item::Word { id, .. } if rules.agent_words.contains(id)))
                    {
                        continue;
                    }
                    // A denial in a verb phrase coordinated before this one
                    // ("noemde de uitslag een leugen en beschuldigde de
                    // kiesraad") is that phrase's: the denial is read from
                    // the joiner that shares the subject on.
                    let denial_from = (0..m.first)
                        .rev()
                        .find(|&i| matches!(&items[i], Item::Word { punct: true, class, id, .. } if class & pattern::LIST_AND != 0 || rules.contrast.contains(id)))
                        .map_or(0, |i| i + 1);
                    let negated = if rule.phrase {
                        (m.first.saturating_sub(1)..m.last).any(|i| is_word(&i, NEGATION))
                    } else {
                        (m.first..clause_end).any(|i| is_word(&i, NEGATION))
                            || (denial_from..m.first).any(|i| is_word(&i, DENIAL))
                    };
                    let (Some(&first), Some(&last)) = (m.triggers.first(), m.triggers.last())
                    else {
                        continue;
                    };
                    let trigger = Span::new(spans[first].start, spans[last].end);
                    let trigger_text = m
                        .triggers
                        .iter()
                        .map(|&i| text.slice(spans[i]))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let resolved: Vec<(Span, usize)> = m
                        .sources
                        .iter()
                        .chain(&m.targets)
                        .map(|&i| &mentions[i])
                        .filter(|mention| mention.pronoun)
                        .map(|mention| (mention.span, mention.actor))
                        .collect();
                    let attributed_to = says
                        .filter(|&s| {
                            // The speaker is no party to what is said (also
                            // when a pronoun names them: "zei Tokajev dat hij").
                            let actor = mentions[s].actor;
                            !m.sources
                                .iter()
                                .chain(&m.targets)
                                .any(|&x| mentions[x].actor == actor)
                        })
                        .map(|s| mentions[s].actor);
                    let confidence = rule.confidence
                        * if hedged { 0.6 } else { 1.0 }
                        * if resolved.is_empty() { 1.0 } else { 0.85 };
                    let sources: Vec<Option<usize>> = if m.sources.is_empty() {
                        vec![None]
                    } else {
                        m.sources.iter().map(|&s| Some(mentions[s].actor)).collect()
                    };
                    for source in &sources {
                        for &target in &m.targets {
                            let target = mentions[target].actor;
                            if *source == Some(target) {
                                continue;
                            }
                            found.push(Relation {
                                relation: rule.relation,
                                source: *source,
                                target,
                                sentence: index,
                                trigger,
                                trigger_text: trigger_text.clone(),
                                rule: rule.id.clone(),
                                confidence,
                                negated,
                                hedged,
                                resolved: resolved.clone(),
                                attributed_to,
                            });
                        }
                    }
                }
            }
        }
        // One statement per (type, source, target) and sentence: the first rule wins.
        // A statement with a known source replaces the agentless reading of the same target.
        let mut kept: Vec<Relation> = Vec::new();
        for relation in found {
            let same = |k: &Relation| {
                k.relation == relation.relation
                    && k.target == relation.target
                    && (k.source == relation.source
                        || (relation.relation.symmetric()
                            && k.source == Some(relation.target)
                            && Some(k.target) == relation.source))
            };
            if kept.iter().any(same) {
                continue;
            }
            if relation.source.is_none()
                && kept
                    .iter()
                    .any(|k| k.relation == relation.relation && k.target == relation.target)
            {
                continue;
            }
            if relation.source.is_some() {
                kept.retain(|k| {
                    !(k.source.is_none()
                        && k.relation == relation.relation
                        && k.target == relation.target)
                });
            }
            kept.push(relation);
        }
        relations.extend(kept);
    }
}
