//! Quotes: who speaks each quoted passage, and who "we" and "ik" are in it.
//!
//! Takes: the compiled rules (the attribution patterns and the first-person
//! pronouns of data/nl/attribution.toml), an analysed text and its mentions.
//! Gives: the quoted passages with their speakers ([`Quote`]); and the
//! mentions plus one pronoun mention for each first-person pronoun inside a
//! passage whose speaker is known ("“We zullen ...,” zegt Ablyazov": "We"
//! is Ablyazov).
//! Does not: guess a speaker. The speaker is the one an attribution pattern
//! names in the sentence that closes the passage (outside the quotation
//! marks: "..., zegt Zhanay"), else in the sentence that opens it ("Tokajev
//! zei: “...”"), else in the sentence right before it, in the same or the
//! previous paragraph ("Ablyazov zegt dat ... . “We ...”").
//!
//! Passages are delimited by double quotation marks (curly, low or
//! guillemets, or straight ones taken in pairs), or by single curly ones
//! (the Dutch press quotes speech so: "‘Alle opties liggen op tafel’, zei
//! Tuggar") when they hold at least [`MIN_SINGLE_QUOTED_WORDS`] words; shorter
//! ones are scare quotes ("‘internationale terroristen’"). A passage still
//! open at the end of a paragraph ends there.

use super::{pattern, sentence_items, RelationRules};
use crate::actor::{Mention, MentionSource};
use crate::text::{SentenceKind, Span, Text, TokenKind};

/// A quoted passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the opening to the closing quotation mark, both included.
    pub span: Span,
    /// The sentences it spans (first and last index).
    pub sentences: (usize, usize),
    /// The speaker's mention, if the text names one next to the passage.
    pub speaker: Option<usize>,
}

const OPENING: [char; 4] = ['“', '„', '«', '‟'];
const CLOSING: [char; 2] = ['”', '»'];
const STRAIGHT: char = '"';
const SINGLE_OPENING: char = '‘';
const SINGLE_CLOSING: char = '’';

/// The fewest words a passage in single quotation marks has to be speech.
pub const MIN_SINGLE_QUOTED_WORDS: usize = 4;

/// The quoted passages of a text with their speakers, and the sentences
/// read to find them: each one's items and their spans, by sentence index
/// ([`sentence_items`] of the mentions given), which the relation pass takes
/// rather than reading those sentences again.
#[derive(Debug, Clone, Default)]
pub struct Found<'t> {
    /// The passages, in order.
    pub quotes: Vec<Quote>,
    /// The items and spans of the sentences read, by sentence index.
    pub(crate) read: Vec<Option<Items<'t>>>,
}

/// A sentence's items and their spans, as [`sentence_items`] gives them.
pub(crate) type Items<'t> = (Vec<pattern::Item<'t>>, Vec<Span>);

/// The quoted passages of `text`, in order, with their speakers.
pub fn find(rules: &RelationRules, text: &Text, mentions: &[Mention]) -> Vec<Quote> {
    find_reading(rules, text, mentions).quotes
}

/// [`find`], with the sentences it read ([`Found`]).
pub fn find_reading<'t>(rules: &RelationRules, text: &'t Text, mentions: &[Mention]) -> Found<'t> {
    find_reading_seeded(rules, text, mentions, Vec::new())
}

/// [`find_reading`], taking the items of the sentences in `seed` (by
/// index: [`sentence_items`] of the same mentions) rather than reading
/// them again.
fn find_reading_seeded<'t>(
    rules: &RelationRules,
    text: &'t Text,
    mentions: &[Mention],
    mut seed: Vec<Option<Items<'t>>>,
) -> Found<'t> {
    let mut passages: Vec<(Span, usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    // A passage in single quotation marks: (start, sentence, words so far).
    let mut single: Option<(usize, usize, usize)> = None;
    for (index, sentence) in text.sentences.iter().enumerate() {
        let new_paragraph = index > 0 && {
            let before = text.sentences[index - 1].span.end;
            text.text
                .get(before..sentence.span.start)
                .is_some_and(|gap| gap.contains('\n'))
        };
        if new_paragraph {
            if let Some((start, first)) = open.take() {
                let end = text.sentences[index - 1].span.end;
                passages.push((Span::new(start, end), first, index - 1));
            }
            single = None;
        }
        for token in &sentence.tokens {
            if token.kind == TokenKind::Word {
                if let Some((_, _, words)) = single.as_mut() {
                    *words += 1;
                }
                continue;
            }
            if token.kind != TokenKind::Quote {
                continue;
            }
            let Some(mark) = text.slice(token.span).chars().next() else {
                continue;
            };
            if mark == SINGLE_OPENING && open.is_none() {
                single = Some((token.span.start, index, 0));
                continue;
            }
            if mark == SINGLE_CLOSING {
                if let Some((start, first, words)) = single.take() {
                    if words >= MIN_SINGLE_QUOTED_WORDS {
                        passages.push((Span::new(start, token.span.end), first, index));
                    }
                }
                continue;
            }
            let opens = OPENING.contains(&mark) || (mark == STRAIGHT && open.is_none());
            let closes = CLOSING.contains(&mark) || (mark == STRAIGHT && open.is_some());
            if opens && open.is_none() {
                open = Some((token.span.start, index));
            } else if closes {
                if let Some((start, first)) = open.take() {
                    passages.push((Span::new(start, token.span.end), first, index));
                }
            }
        }
    }
    if let (Some((start, first)), Some(last)) = (open, text.sentences.len().checked_sub(1)) {
        passages.push((Span::new(start, text.sentences[last].span.end), first, last));
    }
    if passages.is_empty() {
        return Found::default();
    }
    let mut by_sentence: Vec<Vec<(usize, &Mention)>> = vec![Vec::new(); text.sentences.len()];
    for (at, mention) in mentions.iter().enumerate() {
        if let Some(list) = by_sentence.get_mut(mention.sentence) {
            list.push((at, mention));
        }
    }
    // Each sentence's items and what they hold, made at its first look:
    // the sentence before a passage is often the last of the one before.
    type Reading<'t> = (Vec<pattern::Item<'t>>, Vec<Span>, pattern::Present);
    let mut read: Vec<Option<Reading>> = std::iter::repeat_with(|| None)
        .take(text.sentences.len())
        .collect();
    // The speaker an attribution pattern names in the sentence `index`,
    // outside `passage`.
    let mut speaker_in = |index: usize, passage: Span| -> Option<usize> {
        let sentence = text.sentences.get(index)?;
        if sentence.kind == SentenceKind::Credit || by_sentence[index].is_empty() {
            return None;
        }
        let (items, _, present) = read[index].get_or_insert_with(|| {
            let (items, spans) = seed
                .get_mut(index)
                .and_then(Option::take)
                .unwrap_or_else(|| sentence_items(rules, text, index, &by_sentence[index]));
            let present = pattern::Present::new(&items, rules.words.len());
            (items, spans, present)
        });
        // The positions are laid out only for a sentence that may hold an
        // attribution.
        if !rules.attribution.iter().any(|p| p.may_match(present)) {
            return None;
        }
        pattern::Positions::with(items, rules.words.len(), |positions| {
            rules
                .attribution
                .iter()
                .filter(|p| p.may_match(present))
                .flat_map(|p| pattern::find_all_at(p, items, positions))
                .filter_map(|m| m.targets.first().copied())
                .find(|&speaker| {
                    let span = mentions[speaker].span;
                    span.end <= passage.start || span.start >= passage.end
                })
        })
    };
    let quotes = passages
        .into_iter()
        .map(|(span, first, last)| {
            let before = first
                .checked_sub(1)
                .filter(|&b| !inside(&text.sentences[b].span, span));
            let speaker = speaker_in(last, span)
                .or_else(|| (first != last).then(|| speaker_in(first, span)).flatten())
                .or_else(|| before.and_then(|b| speaker_in(b, Span::new(span.start, span.start))));
            Quote {
                span,
                sentences: (first, last),
                speaker,
            }
        })
        .collect();
    Found {
        quotes,
        read: read
            .into_iter()
            .map(|r| r.map(|(items, spans, _)| (items, spans)))
            .collect(),
    }
}

fn inside(span: &Span, passage: Span) -> bool {
    span.start >= passage.start && span.end <= passage.end
}

/// The mentions of `text` plus, inside each passage with a known speaker,
/// one for each first-person pronoun (`first_person` in attribution.toml),
/// standing for the speaker; sorted by position as the other stages keep them.
pub fn resolve(rules: &RelationRules, text: &Text, mentions: Vec<Mention>) -> Vec<Mention> {
    resolve_with_quotes(rules, text, mentions).0
}

/// [`resolve`], and the quotes that [`find`] gives for the mentions it
/// returns (always `Some`).
pub fn resolve_with_quotes(
    rules: &RelationRules,
    text: &Text,
    mentions: Vec<Mention>,
) -> (Vec<Mention>, Option<Vec<Quote>>) {
    let (mentions, found) = resolve_with_reading(rules, text, mentions);
    (mentions, Some(found.quotes))
}

/// [`resolve`], with what [`find_reading`] gives for the mentions it
/// returns: the quotes and the sentences read ([`Found`]). When mentions
/// were added or taken out, the speakers are found again, and only the
/// sentences whose mentions changed are read again (the others' items
/// renumbered).
pub fn resolve_with_reading<'t>(
    rules: &RelationRules,
    text: &'t Text,
    mentions: Vec<Mention>,
) -> (Vec<Mention>, Found<'t>) {
    let reading = find_reading(rules, text, &mentions);
    let quotes = &reading.quotes;
    let mut found = Vec::new();
    let mut wrong = Vec::new();
    for quote in quotes {
        let Some(speaker) = quote.speaker else {
            continue;
        };
        let actor = mentions[speaker].actor;
        // A third-person pronoun inside the quote ("“Hij keert ons de rug
        // toe”, zei Tusk") is someone the speaker talks about, never the
        // speaker: coreference, blind to quotes, may have said otherwise.
        wrong.extend(mentions.iter().enumerate().filter_map(|(i, m)| {
            (m.source == MentionSource::Pronoun
                && m.actor == actor
                && i != speaker
                && inside(&m.span, quote.span)
                && !rules
                    .first_person
                    .contains(&text.slice(m.span).to_lowercase()))
            .then_some(i)
        }));
        for index in quote.sentences.0..=quote.sentences.1 {
            let Some(sentence) = text.sentences.get(index) else {
                continue;
            };
            for token in &sentence.tokens {
                if token.kind != TokenKind::Word || !inside(&token.span, quote.span) {
                    continue;
                }
                if !rules.first_person.contains(text.lower(token)) {
                    continue;
                }
                let taken = mentions
                    .iter()
                    .any(|m| m.span.start < token.span.end && token.span.start < m.span.end);
                if !taken {
                    found.push(Mention::pronoun(actor, token.span, index));
                }
            }
        }
    }
    if wrong.is_empty() && found.is_empty() {
        return (mentions, reading);
    }
    // The quotes hold mention indices: with mentions taken out or added,
    // the speakers are found again. The sentences whose mentions changed
    // are read again; the others keep their items, renumbered.
    wrong.sort_unstable();
    wrong.dedup();
    let mut changed = vec![false; text.sentences.len()];
    for sentence in wrong
        .iter()
        .map(|&i| mentions[i].sentence)
        .chain(found.iter().map(|m| m.sentence))
    {
        if let Some(changed) = changed.get_mut(sentence) {
            *changed = true;
        }
    }
    // Each mention with its index before (`usize::MAX`: added).
    let added = !found.is_empty();
    let mut numbered: Vec<(usize, Mention)> = mentions
        .into_iter()
        .enumerate()
        .filter(|(i, _)| wrong.binary_search(i).is_err())
        .chain(found.into_iter().map(|m| (usize::MAX, m)))
        .collect();
    if added {
        numbered.sort_by_key(|(_, m)| (m.span.start, std::cmp::Reverse(m.span.end)));
    }
    let mut renumbered = vec![usize::MAX; numbered.len() + wrong.len()];
    for (new, &(old, _)) in numbered.iter().enumerate() {
        if let Some(slot) = renumbered.get_mut(old) {
            *slot = new;
        }
    }
    let mentions: Vec<Mention> = numbered.into_iter().map(|(_, m)| m).collect();
    let seed = reading
        .read
        .into_iter()
        .enumerate()
        .map(|(index, items)| {
            let (mut items, spans) =
                items.filter(|_| !changed.get(index).copied().unwrap_or(true))?;
            for item in &mut items {
                if let pattern::Item::Actor { mention, .. } = item {
                    *mention = renumbered[*mention];
                }
            }
            Some((items, spans))
        })
        .collect();
    let found = find_reading_seeded(rules, text, &mentions, seed);
    (mentions, found)
}

/// The speaker (mention) of the quote that holds the first word of the
/// sentence `index`, if any.
pub fn speaker_of(quotes: &[Quote], text: &Text, index: usize) -> Option<usize> {
    let sentence = text.sentences.get(index)?;
    let first = sentence
        .tokens
        .iter()
        .find(|t| t.kind != TokenKind::Quote)?;
    quotes
        .iter()
        .find(|q| inside(&first.span, q.span))
        .and_then(|q| q.speaker)
}

#[cfg(test)]
mod tests {
    use crate::testing::resolved_pronouns as resolved;

    #[test]
    fn the_speaker_after_the_quote() {
        assert_eq!(
            resolved("“We zullen terugvechten,” zegt Ablyazov vanuit Parijs."),
            vec!["We=mukhtar-ablyazov"]
        );
    }

    #[test]
    fn the_speaker_before_the_quote() {
        assert_eq!(
            resolved("Tokajev zei: “Ik heb de regering ontslagen.”"),
            vec!["Ik=kassym-jomart-tokajev"]
        );
        let text = "Ablyazov zegt dat de oppositie is verdreven. “We zullen verzet bieden. Ik blijf in Parijs.”";
        assert_eq!(
            resolved(text),
            vec!["We=mukhtar-ablyazov", "Ik=mukhtar-ablyazov"]
        );
    }

    #[test]
    fn single_quotation_marks_quote_speech_when_long_enough() {
        assert_eq!(
            resolved("‘Wij zullen de president bevrijden’, zei Tokajev."),
            vec!["Wij=kassym-jomart-tokajev"]
        );
        // A scare quote is no speech.
        assert!(resolved("Tokajev zei dat ‘we’ winnen.").is_empty());
    }

    #[test]
    fn no_speaker_no_guess() {
        // Nobody is said to speak; single quotes are scare quotes.
        assert!(resolved("Tokajev sprak. “We zullen winnen.”").is_empty());
        assert!(resolved("Ablyazov zegt dat ‘we’ winnen.").is_empty());
        // Outside the quote "we" is the writer's.
        assert!(resolved("We weten dat Tokajev zei: “Het is voorbij.”").is_empty());
    }

    #[test]
    fn a_quote_ends_with_its_paragraph() {
        let text = "“Het is voorbij, zegt Ablyazov.\n\nWe zullen zien.";
        assert!(resolved(text).is_empty());
    }
}
