//! What a capitalised name is, read off the words around it: a title or a
//! person word before it, an organisation word in it or before it, an
//! apposition after it, initials in brackets, a place cue; and which actor an
//! acronym in brackets abbreviates.

use super::{is_acronym, is_capitalised, Candidate, DiscoveryRules};
use crate::actor::{ActorType, Mention};
use crate::text::{Sentence, Span, Text, Token, TokenKind};

pub(super) fn classify(
    rules: &DiscoveryRules,
    sentence: &Sentence,
    text: &Text,
    start: usize,
    end: usize,
    initial: bool,
) -> Option<(ActorType, String)> {
    let tokens: &[Token] = &sentence.tokens;
    let word = |i: usize| text.lower(&tokens[i]);
    let parts: Vec<&str> = (start..end)
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
    let last = parts.last().copied().unwrap_or_default();
    let capitalised_parts = parts
        .iter()
        .filter(|p| !rules.particles.contains(**p))
        .count();
    if rules.is_person_title(previous) || rules.is_person_title(&previous_compound) {
        let title = if rules.is_person_title(previous) {
            previous
        } else {
            &previous_compound
        };
        return Some((ActorType::Person, format!("after the title {title:?}")));
    }
    if let Some(title) = listed_after_plural_title(rules, tokens, text, start) {
        return Some((
            ActorType::Person,
            format!("listed after the title {title:?}"),
        ));
    }
    if rules.is_organization_cue(previous) {
        return Some((ActorType::Organization, format!("after {previous:?}")));
    }
    // An acronym that is a person's title ("interim-CEO") names no one.
    if parts.len() == 1
        && end - start == 1
        && is_acronym(text.slice(tokens[start].span))
        && !rules.is_person_title(&text.slice(tokens[start].span).to_lowercase())
    {
        return Some((ActorType::Organization, "an acronym".into()));
    }
    if let Some(first) = parts
        .first()
        .filter(|f| rules.organization_prefixes.contains(**f))
    {
        if parts.len() > 1 {
            return Some((ActorType::Organization, format!("starts with {first:?}")));
        }
    }
    let suffix = |word: &str| rules.organization_suffix(word).map(str::to_string);
    if let Some(suffix) = suffix(last) {
        return Some((ActorType::Organization, format!("ends in {suffix:?}")));
    }
    // "Hooggerechtshof voor de Verkiezingen": an organisation's word and
    // its particles.
    if let (Some(first), Some(second)) = (parts.first(), parts.get(1)) {
        if let Some(suffix) = suffix(first).filter(|_| {
            rules.particles.contains(*second) || rules.organization_particles.contains(*second)
        }) {
            return Some((ActorType::Organization, format!("opens with {suffix:?}")));
        }
    }
    if capitalised_parts >= 2 && parts.first().is_some_and(|f| rules.is_first_name(f)) {
        return Some((
            ActorType::Person,
            format!("starts with the first name {:?}", parts[0]),
        ));
    }
    // "de Rapid Support Forces (RSF)": an acronym of the name's initials in
    // brackets after it.
    let bracketed =
        |i: usize, what: &str| tokens.get(i).is_some_and(|t| text.slice(t.span) == what);
    if capitalised_parts >= 2 && bracketed(end, "(") && bracketed(end + 2, ")") {
        let acronym = text.slice(tokens[end + 1].span);
        let initials: String = (start..end)
            .filter(|&i| tokens[i].kind == TokenKind::Word)
            .map(|i| text.slice(tokens[i].span))
            .filter(|w| is_capitalised(w))
            .filter_map(|w| w.chars().next())
            .collect();
        if is_acronym(acronym) && initials == acronym {
            return Some((ActorType::Organization, format!("abbreviated ({acronym})")));
        }
    }
    if let Some(title) = role_before(rules, tokens, text, start, end) {
        return Some((ActorType::Person, format!("after \"{title} ...,\"")));
    }
    if let Some((kind, title)) = apposition(rules, tokens, text, end) {
        return Some((kind, format!("before \", {title}\"")));
    }
    // "in Afrikaanse conflicten": a capitalised adjective names no place.
    let adjective = parts.len() == 1
        && rules
            .adjective_endings
            .iter()
            .any(|e| last.ends_with(e.as_str()))
        && tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Word && !is_capitalised(text.slice(t.span)));
    if !initial && !adjective && capitalised_parts <= 2 && rules.location_cues.contains(previous) {
        return Some((ActorType::Location, format!("after {previous:?}")));
    }
    None
}

/// The plural title before a list of names that the name at `start` is
/// one of: "de oppositieleiders Ousmane Sonko en Bassirou Diomaye Faye".
/// Back from the name over the list: a name's capitalised words, particles
/// and hyphens, each name after a comma or "en" but the first, which
/// follows the title.
fn listed_after_plural_title<'t>(
    rules: &DiscoveryRules,
    tokens: &[Token],
    text: &'t Text,
    start: usize,
) -> Option<&'t str> {
    const REACH: usize = 24;
    let mut j = start;
    let floor = start.saturating_sub(REACH);
    while j > floor {
        let token = &tokens[j - 1];
        let word = text.slice(token.span);
        match token.kind {
            TokenKind::Hyphen => {}
            // The title first: capitalised, it opens the sentence
            // ("Oppositieleiders X en Y").
            TokenKind::Word if rules.is_plural_person_title(text.lower(token)) => {
                return Some(text.lower(token));
            }
            TokenKind::Word if is_capitalised(word) => {}
            TokenKind::Word if rules.particles.contains(text.lower(token)) => {}
            _ if word == "," || text.lower(token) == "en" => {}
            _ => return None,
        }
        j -= 1;
    }
    None
}

/// The person word of a role phrase that stands in apposition before a
/// name: "zijn minister van Energie, Nalin Wijeratne,", "haar Russische
/// evenknie, Sergej Rjabkov.". The phrase opens with a determiner (at most
/// one word before the person word) and the name closes with a comma or the
/// sentence's end.
fn role_before<'t>(
    rules: &DiscoveryRules,
    tokens: &[Token],
    text: &'t Text,
    start: usize,
    end: usize,
) -> Option<&'t str> {
    const REACH: usize = 6;
    let closed = tokens
        .get(end)
        .is_none_or(|t| matches!(text.slice(t.span), "," | "." | "!" | "?" | ";"));
    if start < 2 || text.slice(tokens[start - 1].span) != "," || !closed {
        return None;
    }
    let word = |i: usize| (tokens[i].kind == TokenKind::Word).then(|| text.lower(&tokens[i]));
    let determiner = |k: Option<usize>| {
        k.and_then(word)
            .is_some_and(|w| rules.determiners.contains(w))
    };
    // Back from the comma over words and hyphens only.
    for j in (start.saturating_sub(1 + REACH)..start - 1).rev() {
        match tokens[j].kind {
            TokenKind::Hyphen => {}
            TokenKind::Word => {
                let w = text.lower(&tokens[j]);
                if rules.is_person_title(w)
                    && (determiner(j.checked_sub(1)) || determiner(j.checked_sub(2)))
                {
                    return Some(w);
                }
            }
            _ => return None,
        }
    }
    None
}

/// What an apposition after a name says it is: ", de voorzitter van ..." a
/// person, ", de grootste oppositiepartij" an organisation. A few words may
/// stand before the title ("de Ghanese oud-diplomaat"), never a stopword.
fn apposition(
    rules: &DiscoveryRules,
    tokens: &[Token],
    text: &Text,
    end: usize,
) -> Option<(ActorType, String)> {
    if tokens.get(end).is_none_or(|t| text.slice(t.span) != ",") {
        return None;
    }
    let mut j = end + 1;
    // "Sidiki Kaba, tot dan toe minister van ...": a time before the title.
    let at = |j: usize, opener: &[String]| {
        opener.iter().enumerate().all(|(k, w)| {
            tokens
                .get(j + k)
                .is_some_and(|t| t.kind == TokenKind::Word && text.lower(t) == w)
        })
    };
    if let Some(opener) = rules.apposition_openers.iter().find(|o| at(j, o)) {
        j += opener.len();
    }
    if tokens
        .get(j)
        .is_some_and(|t| rules.determiners.contains(text.lower(t)))
    {
        j += 1;
    }
    let mut words = 0;
    while let Some(token) = tokens.get(j) {
        match token.kind {
            TokenKind::Hyphen => {}
            TokenKind::Word if words < 4 => {
                let word = text.lower(token);
                if rules.is_person_title(word) {
                    return Some((ActorType::Person, word.to_string()));
                }
                if rules.organization_suffix(word).is_some() {
                    return Some((ActorType::Organization, word.to_string()));
                }
                if rules.stopwords.contains(word) {
                    return None;
                }
                words += 1;
            }
            _ => return None,
        }
        j += 1;
    }
    None
}

/// The actor whose name a candidate abbreviates: an acronym alone in
/// brackets right after a mention's name.
pub(super) fn abbreviated(
    text: &Text,
    candidate: &Candidate,
    mentions: &[Mention],
) -> Option<usize> {
    let tokens = &text.sentences[candidate.sentence].tokens;
    let is = |i: usize, what: &str| tokens.get(i).is_some_and(|t| text.slice(t.span) == what);
    let start = candidate.tokens.start;
    let acronym = candidate.tokens.len() == 1 && is_acronym(&candidate.text);
    if !acronym || start < 2 || !is(start - 1, "(") || !is(candidate.tokens.end, ")") {
        return None;
    }
    let name_end = tokens[start - 2].span.end;
    mentions
        .iter()
        .rev()
        .find(|m| m.span.end == name_end && !m.demonym && !m.pronoun)
        .map(|m| m.actor)
}

/// "Geert Wilders (PVV)": an organisation in brackets right after a person's
/// name is the person's party or employer, a member-of link (rule
/// `linked:brackets`).
pub(super) fn bracketed_organizations(
    text: &Text,
    mentions: &[Mention],
    kind_of: impl Fn(usize) -> ActorType,
) -> Vec<super::Link> {
    let mut links = Vec::new();
    let plain = |m: &Mention| !m.possessive && !m.demonym && !m.pronoun;
    for (i, person) in mentions.iter().enumerate() {
        if !plain(person) || kind_of(person.actor) != ActorType::Person {
            continue;
        }
        let tokens = &text.sentences[person.sentence].tokens;
        let at = tokens.partition_point(|t| t.span.start < person.span.end);
        let is = |j: usize, what: &str| tokens.get(j).is_some_and(|t| text.slice(t.span) == what);
        if !is(at, "(") {
            continue;
        }
        let Some(open) = tokens.get(at) else { continue };
        let Some(inner) = tokens.get(at + 1) else {
            continue;
        };
        let organization = mentions[i + 1..]
            .iter()
            .take_while(|m| m.span.start <= inner.span.start)
            .find(|m| {
                m.span.start == inner.span.start
                    && plain(m)
                    && m.actor != person.actor
                    && kind_of(m.actor) == ActorType::Organization
            });
        let Some(organization) = organization else {
            continue;
        };
        let close = tokens.partition_point(|t| t.span.start < organization.span.end);
        if !is(close, ")") {
            continue;
        }
        links.push(super::Link {
            source: person.actor,
            relation: "member-of".to_string(),
            target: organization.actor,
            sentence: person.sentence,
            trigger: Span::new(open.span.start, tokens[close].span.end),
            rule: "linked:brackets".to_string(),
        });
    }
    links
}
