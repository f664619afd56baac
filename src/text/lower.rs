//! The text in lower case, made once per document.
//!
//! Takes: the normalized text and its sentences.
//! Gives: a [`Lower`] that answers "this token in lower case" without an
//! allocation, exactly as `str::to_lowercase` of the token would: the
//! stages after `text` (discovery, coreference, relations) look every token
//! up in lower-cased word lists, and lowering each token again in each of
//! them was a tenth of a run.
//! Does not: fold anything but case (no accents, no apostrophes).

use std::borrow::Cow;

use super::{Sentence, Span, Token};

/// A text in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lower {
    /// The whole text lowered at the same byte offsets: lowering changed no
    /// character's length (the usual case), so any span of the text is the
    /// same span here.
    Aligned(String),
    /// Lowering changes some character's length, or the text holds a
    /// capital sigma (whose lower case depends on its neighbours): each
    /// token lowered on its own, by its start, sorted.
    Tokens(Vec<(usize, String)>),
}

impl Lower {
    /// `text` in lower case, for the tokens of `sentences`.
    pub(super) fn new(text: &str, sentences: &[Sentence]) -> Lower {
        // ASCII lowered in one pass over the bytes; then each other
        // character (few in most texts), found by its lead byte, lowered
        // in place.
        let mut lower = text.to_ascii_lowercase();
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            at += super::scan::non_ascii(&bytes[at..]);
            if at >= bytes.len() {
                break;
            }
            // A non-ASCII byte that starts a character: what follows it up
            // to the next one is its UTF-8 form.
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                return Lower::by_token(text, sentences);
            };
            let len = c.len_utf8();
            let mut chars = c.to_lowercase();
            match (chars.next(), chars.next()) {
                (Some(l), None) if c != 'Σ' && l.len_utf8() == len => {
                    if l != c {
                        let mut buffer = [0; 4];
                        lower.replace_range(at..at + len, l.encode_utf8(&mut buffer));
                    }
                }
                _ => return Lower::by_token(text, sentences),
            }
            at += len;
        }
        Lower::Aligned(lower)
    }

    fn by_token(text: &str, sentences: &[Sentence]) -> Lower {
        let mut tokens: Vec<(usize, String)> = sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .map(|t| {
                let slice = text.get(t.span.start..t.span.end).unwrap_or("");
                (t.span.start, slice.to_lowercase())
            })
            .collect();
        tokens.sort_by_key(|(start, _)| *start);
        Lower::Tokens(tokens)
    }

    /// The token in lower case.
    #[inline]
    pub(super) fn token(&self, token: &Token) -> &str {
        match self {
            Lower::Aligned(lower) => lower.get(token.span.start..token.span.end).unwrap_or(""),
            Lower::Tokens(tokens) => tokens
                .binary_search_by_key(&token.span.start, |(start, _)| *start)
                .map_or("", |at| tokens[at].1.as_str()),
        }
    }

    /// Any span in lower case (`text` is the text this was made of).
    pub(super) fn span<'a>(&'a self, text: &'a str, span: Span) -> Cow<'a, str> {
        match self {
            Lower::Aligned(lower) => Cow::Borrowed(lower.get(span.start..span.end).unwrap_or("")),
            Lower::Tokens(_) => {
                Cow::Owned(text.get(span.start..span.end).unwrap_or("").to_lowercase())
            }
        }
    }
}
