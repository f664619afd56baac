//! Text analysis: normalized text, sentences and tokens.
//!
//! Takes: a document's body as read, and the language's [`TextRules`]
//! (abbreviations, photo-credit words) from data/.
//! Gives: a [`Text`]: the NFC-normalized text, its sentences (with a kind:
//! body, heading, credit) and their tokens, every span a byte range into the
//! normalized text, with [`Text::original`] mapping it back to the body as read.
//! Does not: know about actors or relations, or fail on any input.

use serde::Deserialize;

/// A half-open byte range `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// Language data for this stage, loaded from `data/<lang>/text.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRules {
    /// Abbreviations that end in a full stop which does not end a sentence
    /// ("o.a.", "dhr.", "ca."), written with their dots, matched case-insensitively.
    pub abbreviations: Vec<String>,
    /// Words that introduce a photo credit ("Beeld", "Foto"); a credit runs
    /// from such a word to the end of its line.
    pub credit_words: Vec<String>,
}

/// What a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    /// A sentence of running text.
    Body,
    /// A line without a final punctuation mark: headline, intertitle, caption.
    Heading,
    /// A photo credit ("Beeld AP", "Foto: AFP"): never holds actors.
    Credit,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits) forming a word; a word never contains a hyphen.
    Word,
    /// A number such as `2.500`, `8.000`, `16`, `3,5`.
    Number,
    /// A hyphen joining two parts of a compound ("oud-president" is three tokens).
    Hyphen,
    /// An opening or closing quotation mark, curly or straight.
    Quote,
    /// Any other punctuation mark (`.`, `,`, `:`, `(`, …).
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is in [`Text::text`].
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is in [`Text::text`], without surrounding whitespace.
    pub span: Span,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// What it is.
    pub kind: SentenceKind,
}

/// The analysed text of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The NFC-normalized text.
    pub text: String,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl Text {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        todo!()
    }

    /// The span in the original (not normalized) body that `span` of the
    /// normalized text came from.
    pub fn original(&self, span: Span) -> Span {
        todo!()
    }
}

/// Normalizes `body` (NFC), splits it into sentences and tokens.
pub fn analyze(rules: &TextRules, body: &str) -> Text {
    todo!()
}
