//! Text analysis: normalized text, sentences and tokens.
//!
//! Takes: a document's body as read, and the language's [`TextRules`]
//! (abbreviations, photo-credit words) from data/.
//! Gives: a [`Text`]: the NFC-normalized text, its sentences (with a kind:
//! body, heading, credit) and their tokens, every span a byte range into the
//! normalized text, with [`Text::original`] mapping it back to the body as read.
//! Does not: know about actors or relations, or fail on any input.

mod lower;
pub(crate) mod scan;
mod vocabulary;

pub use vocabulary::{ByWord, Vocabulary};

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

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
    /// `abbreviations` compiled for the tokenizer, on the first text (not
    /// once per document): the rules are loaded once and not changed after.
    #[serde(skip)]
    compiled: std::sync::OnceLock<Abbreviations>,
    /// The words the later stages look tokens up by (given when the data
    /// is loaded): each token is numbered by it ([`Token::word`]).
    #[serde(skip)]
    pub vocabulary: Vocabulary,
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
    /// Its lower case's number in the [`TextRules::vocabulary`] it was read
    /// with (0: none of its words); what [`ByWord`] tables are read by.
    pub word: u32,
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
    /// The text in lower case, for [`Text::lower`].
    lower: lower::Lower,
    /// How the normalized text maps back to the body; empty when the body was
    /// already NFC (the map is then the identity).
    pieces: Vec<Piece>,
    /// The length of the body as read.
    original_len: usize,
    /// The [`Vocabulary::stamp`] of the vocabulary its tokens were numbered by.
    vocabulary: u64,
}

/// A stretch of the normalized text starting at `norm`, read from the body
/// at `orig`; it runs to the next piece. A verbatim piece is byte-for-byte
/// the body, so offsets inside it map linearly; any other piece maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    norm: usize,
    orig: usize,
    verbatim: bool,
}

impl Text {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The text of one of its tokens in lower case: what `to_lowercase` of
    /// its [`Text::slice`] gives, lowered once per text, not per look-up.
    #[inline]
    pub fn lower(&self, token: &Token) -> &str {
        self.lower.token(token)
    }

    /// The text of any span in lower case, as `to_lowercase` of its
    /// [`Text::slice`] gives it (borrowed unless lowering changed the length
    /// of some character of the text).
    pub fn lower_span(&self, span: Span) -> Cow<'_, str> {
        self.lower.span(&self.text, span)
    }

    /// The span in the original (not normalized) body that `span` of the
    /// normalized text came from.
    pub fn original(&self, span: Span) -> Span {
        let end = char_boundary(&self.text, span.end, true);
        let start = char_boundary(&self.text, span.start.min(end), false);
        if self.pieces.is_empty() {
            return Span::new(start, end);
        }
        Span::new(
            self.original_offset(start, false),
            self.original_offset(end, true),
        )
    }

    /// Maps a char-boundary offset of the normalized text into the body; an
    /// offset inside a rewritten piece goes to the piece's start, or its end
    /// when `ceil`.
    fn original_offset(&self, offset: usize, ceil: bool) -> usize {
        let index = self.pieces.partition_point(|p| p.norm <= offset);
        let Some(piece) = index.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return offset.min(self.original_len);
        };
        let mapped = if piece.verbatim {
            piece.orig + offset.saturating_sub(piece.norm)
        } else if offset == piece.norm || !ceil {
            piece.orig
        } else {
            self.pieces
                .get(index)
                .map_or(self.original_len, |next| next.orig)
        };
        mapped.min(self.original_len)
    }
}

/// Normalizes `body` (NFC), splits it into sentences and tokens.
pub fn analyze(rules: &TextRules, body: &str) -> Text {
    let (text, pieces) = normalize(body);
    let abbreviations = rules
        .compiled
        .get_or_init(|| Abbreviations::new(&rules.abbreviations));
    let mut sentences = Vec::new();
    // Each line's tokens, in one buffer: the sentences copy theirs.
    let mut tokens = Vec::new();
    let mut line_start = 0;
    for (i, len) in line_breaks(&text).chain([(text.len(), 1)]) {
        let line = line_start..i;
        analyze_line(
            rules,
            abbreviations,
            &text,
            line,
            &mut tokens,
            &mut sentences,
        );
        line_start = i + len;
    }
    let lower = lower::Lower::new(&text, &sentences);
    // Each token looked up once, for every stage after this one.
    let vocabulary = &rules.vocabulary;
    if !vocabulary.is_empty() {
        for token in sentences.iter_mut().flat_map(|s| &mut s.tokens) {
            token.word = vocabulary.id(lower.token(token));
        }
    }
    Text {
        lower,
        text,
        sentences,
        pieces,
        original_len: body.len(),
        vocabulary: vocabulary.stamp(),
    }
}

/// NFC-normalizes `body` piece by piece, cutting only before characters that
/// never interact with what precedes them, so that each piece normalizes on
/// its own and maps back to its own stretch of the body.
fn normalize(body: &str) -> (String, Vec<Piece>) {
    if is_nfc_ascii_fast(body) {
        return (body.to_owned(), Vec::new());
    }
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |start: usize, end: usize| {
        let Some(segment) = body.get(start..end) else {
            return;
        };
        let norm = text.len();
        let verbatim = is_nfc(segment);
        if verbatim {
            text.push_str(segment);
        } else {
            text.extend(segment.nfc());
        }
        if !(verbatim && pieces.last().is_some_and(|p| p.verbatim)) {
            pieces.push(Piece {
                norm,
                orig: start,
                verbatim,
            });
        }
    };
    let mut start = 0;
    for (i, c) in body.char_indices() {
        if i > start && is_safe_boundary(c) {
            push(start, i);
            start = i;
        }
    }
    push(start, body.len());
    (text, pieces)
}

/// What `is_nfc(body)` gives, with the ASCII runs (most of a text) passed
/// over eight bytes at a time: the quick check only reads the other
/// characters, and ASCII resets its state, so each run of other characters
/// is checked on its own; only a "maybe" needs the full check.
fn is_nfc_ascii_fast(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut at = 0;
    let mut maybe = false;
    loop {
        at += scan::non_ascii(&bytes[at..]);
        if at >= bytes.len() {
            break;
        }
        let end = bytes[at..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |offset| at + offset);
        match is_nfc_quick(body.get(at..end).unwrap_or_default().chars()) {
            IsNormalized::Yes => {}
            IsNormalized::No => return false,
            IsNormalized::Maybe => maybe = true,
        }
        at = end;
    }
    !maybe || is_nfc(body)
}

/// True if normalization never combines `c` with anything before it: a
/// starter whose NFC quick check is "yes".
fn is_safe_boundary(c: char) -> bool {
    c < '\u{300}'
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Tokenizes one line, splits off a trailing photo credit and splits the rest
/// into sentences.
fn analyze_line(
    rules: &TextRules,
    abbreviations: &Abbreviations,
    text: &str,
    line: std::ops::Range<usize>,
    tokens: &mut Vec<Token>,
    out: &mut Vec<Sentence>,
) {
    let Some(line_text) = text.get(line.clone()) else {
        return;
    };
    tokenize(line_text, line.start, abbreviations, tokens);
    let credit = credit_start(text, tokens, &rules.credit_words).unwrap_or(tokens.len());
    let (body, credit) = tokens.split_at(credit);
    split_sentences(text, body, out);
    push_sentence(out, credit, SentenceKind::Credit);
}

/// Splits the tokens of one line into sentences: after a stop (and any closing
/// quotes or brackets attached to it), when whitespace and a sentence opener follow.
fn split_sentences(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        if !is_stop(text, tokens[i]) {
            i += 1;
            continue;
        }
        let mut last = i;
        while let Some(&next) = tokens.get(last + 1) {
            let attached = next.span.start == tokens[last].span.end;
            if attached && (is_stop(text, next) || is_closer(text, next)) {
                last += 1;
            } else {
                break;
            }
        }
        if let Some(&next) = tokens.get(last + 1) {
            let spaced = next.span.start > tokens[last].span.end;
            if spaced && opens_sentence(text, next) && !follows_initial(text, tokens, i) {
                let sentence = &tokens[first..=last];
                push_sentence(out, sentence, kind_of(text, sentence));
                first = last + 1;
            }
        }
        i = last + 1;
    }
    let rest = &tokens[first..];
    push_sentence(out, rest, kind_of(text, rest));
}

/// Appends a sentence made of `tokens`, unless there are none.
fn push_sentence(out: &mut Vec<Sentence>, tokens: &[Token], kind: SentenceKind) {
    if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
        out.push(Sentence {
            span: Span::new(first.span.start, last.span.end),
            tokens: tokens.to_vec(),
            kind,
        });
    }
}

/// Body if the sentence ends in a stop (before any closing quotes or
/// brackets), otherwise a heading.
fn kind_of(text: &str, tokens: &[Token]) -> SentenceKind {
    let last = tokens.iter().rev().find(|&&t| !is_closer(text, t));
    match last {
        Some(&t) if is_stop(text, t) => SentenceKind::Body,
        _ => SentenceKind::Heading,
    }
}

/// True if the stop at `tokens[i]` directly follows a single capital letter
/// ("J. Smit"), which is taken to be an initial.
fn follows_initial(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(&previous) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    let mut chars = token_text(text, previous).chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    previous.kind == TokenKind::Word && previous.span.end == tokens[i].span.start && single_capital
}

/// True if a token can begin a sentence: a capital, a digit or a quote.
fn opens_sentence(text: &str, token: Token) -> bool {
    token.kind == TokenKind::Quote
        || token_text(text, token)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

fn is_stop(text: &str, token: Token) -> bool {
    token.kind == TokenKind::Punct
        && (matches!(first_byte(text, token), Some(b'.' | b'!' | b'?'))
            || token_text(text, token).starts_with('…'))
}

fn is_closer(text: &str, token: Token) -> bool {
    token.kind == TokenKind::Quote || matches!(first_byte(text, token), Some(b')' | b']' | b'}'))
}

/// The first byte of a token (tokens begin and end on character
/// boundaries, so an ASCII byte here is the token's first character).
fn first_byte(text: &str, token: Token) -> Option<u8> {
    (token.span.start < token.span.end)
        .then(|| text.as_bytes().get(token.span.start).copied())
        .flatten()
}

fn token_text(text: &str, token: Token) -> &str {
    text.get(token.span.start..token.span.end).unwrap_or("")
}

/// The most words a photo credit may name after its credit word.
const MAX_CREDIT_WORDS: usize = 4;
/// The most tokens a photo credit may have after its credit word.
const MAX_CREDIT_TOKENS: usize = 2 * MAX_CREDIT_WORDS;

/// Where a photo credit begins among a line's tokens, if the line ends in one:
/// a credit word, an optional colon, then a few capitalised words (lowercase
/// ones only between capitalised ones, as in "Remko de Waal") and punctuation.
fn credit_start(text: &str, tokens: &[Token], credit_words: &[String]) -> Option<usize> {
    let from = tokens.len().saturating_sub(MAX_CREDIT_TOKENS + 2);
    (from..tokens.len()).find(|&i| {
        let word = tokens[i];
        word.kind == TokenKind::Word
            && credit_words
                .iter()
                .any(|w| same_word(w, token_text(text, word)))
            && is_credit_tail(text, &tokens[i + 1..])
    })
}

fn is_credit_tail(text: &str, tail: &[Token]) -> bool {
    let tail = match tail.first() {
        Some(&t) if t.kind == TokenKind::Punct && token_text(text, t) == ":" => &tail[1..],
        _ => tail,
    };
    let (mut words, mut seen_capital, mut dangling_lowercase) = (0, false, false);
    for (n, &token) in tail.iter().enumerate() {
        match token.kind {
            TokenKind::Word => {
                let joined = n > 0 && tail[n - 1].kind == TokenKind::Hyphen;
                words += usize::from(!joined);
                let capital = token_text(text, token)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                if capital {
                    (seen_capital, dangling_lowercase) = (true, false);
                } else if seen_capital {
                    dangling_lowercase = true;
                } else {
                    return false;
                }
            }
            TokenKind::Number => return false,
            TokenKind::Hyphen | TokenKind::Quote | TokenKind::Punct => {}
        }
    }
    seen_capital
        && !dangling_lowercase
        && words <= MAX_CREDIT_WORDS
        && tail.len() <= MAX_CREDIT_TOKENS
}

/// Compares words exactly, except that ' and ’ count as the same apostrophe.
fn same_word(a: &str, b: &str) -> bool {
    // Different first bytes, neither of them one of an apostrophe: different
    // first characters (most comparisons end here, before comparing all).
    let apostrophe_byte = |s: &str| matches!(s.as_bytes().first(), Some(b'\'' | 0xE2));
    if a.as_bytes().first() != b.as_bytes().first() && !apostrophe_byte(a) && !apostrophe_byte(b) {
        return false;
    }
    if a == b {
        return true;
    }
    let apostrophe = |c: char| if c == '’' { '\'' } else { c };
    a.chars().map(apostrophe).eq(b.chars().map(apostrophe))
}

/// The abbreviations of [`TextRules`], lowercased and grouped by first character,
/// longest first.
#[derive(Debug, Clone, Default)]
struct Abbreviations {
    by_first: BTreeMap<char, Vec<Vec<char>>>,
    /// Whether any abbreviation starts with each ASCII character (lower
    /// case): most tokens that may start one start with none.
    ascii_first: u128,
}

impl Abbreviations {
    fn new(list: &[String]) -> Abbreviations {
        let mut by_first: BTreeMap<char, Vec<Vec<char>>> = BTreeMap::new();
        for abbreviation in list {
            let chars: Vec<char> = abbreviation.chars().flat_map(char::to_lowercase).collect();
            if let Some(&first) = chars.first() {
                by_first.entry(first).or_default().push(chars);
            }
        }
        for group in by_first.values_mut() {
            group.sort_by_key(|a| std::cmp::Reverse(a.len()));
        }
        let mut ascii_first = 0u128;
        for &first in by_first.keys() {
            if first.is_ascii() {
                ascii_first |= 1 << (first as u32);
            }
        }
        Abbreviations {
            by_first,
            ascii_first,
        }
    }

    /// The byte length of the abbreviation that `s` starts with, if any and
    /// if it is not followed by more of a word.
    fn match_at(&self, s: &str) -> Option<usize> {
        let first = s.chars().next()?;
        let first = if first.is_ascii() {
            let lower = first.to_ascii_lowercase();
            if self.ascii_first & (1 << (lower as u32)) == 0 {
                return None;
            }
            lower
        } else {
            first.to_lowercase().next()?
        };
        let group = self.by_first.get(&first)?;
        group
            .iter()
            .find_map(|abbreviation| match_prefix(s, abbreviation))
    }
}

fn match_prefix(s: &str, abbreviation: &[char]) -> Option<usize> {
    let mut matched = 0;
    for (i, c) in s.char_indices() {
        if matched == abbreviation.len() {
            return (!is_word_char(c)).then_some(i);
        }
        if c.is_ascii() {
            if abbreviation.get(matched) != Some(&c.to_ascii_lowercase()) {
                return None;
            }
            matched += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            if abbreviation.get(matched) != Some(&lower) {
                return None;
            }
            matched += 1;
        }
    }
    (matched == abbreviation.len()).then_some(s.len())
}

/// Splits one line (at byte `base` of the text) into tokens, in place of
/// what `tokens` held.
fn tokenize(line: &str, base: usize, abbreviations: &Abbreviations, tokens: &mut Vec<Token>) {
    let bytes = line.as_bytes();
    tokens.clear();
    tokens.reserve(line.len() / 4 + 1);
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        // ASCII first, a byte at a time: a separator, or a word that a
        // separator or the line's end follows (most tokens), as the
        // general case below would read them.
        if is_ascii_separator(b) {
            start += 1;
            continue;
        }
        // The end of an ASCII word, kept for the general case (a word that
        // punctuation follows) rather than read again.
        let mut ascii_word_end = None;
        if b.is_ascii_alphanumeric() {
            let end = word_end(line, start);
            if bytes.get(end).is_none_or(|&n| is_ascii_separator(n)) {
                // A word that opens with a letter is no number.
                let kind = if b.is_ascii_alphabetic() {
                    TokenKind::Word
                } else {
                    word_kind(&line[start..end])
                };
                tokens.push(Token {
                    span: Span::new(base + start, base + end),
                    kind,
                    word: 0,
                });
                start = end;
                continue;
            }
            ascii_word_end = Some(end);
        }
        let Some(c) = char_at(line, start) else {
            break;
        };
        if is_separator(c) {
            start += c.len_utf8();
            continue;
        }
        let word_end = ascii_word_end.or_else(|| is_word_char(c).then(|| word_end(line, start)));
        // An abbreviation ends in punctuation or begins with it ("o.a.", "'s"):
        // a word followed by a space or the line's end cannot start one.
        let bare_word = word_end.is_some_and(|end| char_at(line, end).is_none_or(is_separator));
        let abbreviation = (!bare_word)
            .then(|| abbreviations.match_at(&line[start..]))
            .flatten();
        let (end, kind) = if let Some(len) = abbreviation {
            (start + len, TokenKind::Word)
        } else if let Some(end) = word_end {
            (end, word_kind(&line[start..end]))
        } else {
            let after_word = tokens.last().is_some_and(|t| {
                t.span.end == base + start && matches!(t.kind, TokenKind::Word | TokenKind::Number)
            });
            let mut end = start + c.len_utf8();
            let kind = if is_hyphen(c) && after_word && char_at(line, end).is_some_and(is_word_char)
            {
                TokenKind::Hyphen
            } else if is_quote(c) {
                TokenKind::Quote
            } else {
                TokenKind::Punct
            };
            while let Some(mark) = char_at(line, end).filter(|&d| is_combining_mark(d)) {
                end += mark.len_utf8();
            }
            (end, kind)
        };
        let end = end.max(start + c.len_utf8());
        tokens.push(Token {
            span: Span::new(base + start, base + end),
            kind,
            word: 0,
        });
        start = end;
    }
}

/// A number if the word is all digits, `.` and `,`; else a word.
fn word_kind(word: &str) -> TokenKind {
    if word.chars().all(|c| c.is_numeric() || c == '.' || c == ',') {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

/// Whether the byte `b` is an ASCII character that [`is_separator`] holds
/// (ASCII whitespace and control characters).
fn is_ascii_separator(b: u8) -> bool {
    b <= b' ' || b == 0x7F
}

/// Where the word starting at `start` ends: it runs over letters, digits and
/// combining marks, and over an apostrophe or joiner between two of those
/// ("zo'n") and a `.` or `,` between two digits ("2.500").
#[inline]
fn word_end(line: &str, start: usize) -> usize {
    // ASCII letters and digits first, a byte at a time (most words are only
    // that); then a character at a time.
    let ascii = scan::ascii_alphanumeric(line.as_bytes().get(start..).unwrap_or_default());
    let end = start + ascii;
    // Most words end at an ASCII character that neither joins nor is a
    // separator inside a number: nothing more to read (inlined, no call).
    if let Some(&next) = line.as_bytes().get(end) {
        if next.is_ascii() && !matches!(next, b'\'' | b'.' | b',') {
            return end;
        }
    }
    word_end_past_ascii(line, start, ascii)
}

/// [`word_end`] of a word whose first `ascii` bytes are ASCII letters and
/// digits and whose next character may go on with it.
#[inline(never)]
fn word_end_past_ascii(line: &str, start: usize, ascii: usize) -> usize {
    let mut end = start + ascii;
    let mut previous = ascii
        .checked_sub(1)
        .map(|last| char::from(line.as_bytes()[start + last]));
    while let Some(c) = char_at(line, end) {
        let after = end + c.len_utf8();
        if is_word_char(c) {
            (previous, end) = (Some(c), after);
            continue;
        }
        let Some(next) = char_at(line, after).filter(|&n| is_word_char(n)) else {
            break;
        };
        let joins = is_apostrophe(c) || is_joiner(c);
        let in_number = matches!(c, '.' | ',')
            && previous.is_some_and(|p| p.is_ascii_digit())
            && next.is_ascii_digit();
        if !(joins || in_number) {
            break;
        }
        (previous, end) = (Some(next), after + next.len_utf8());
    }
    end
}

/// The character at byte `i` of `s`, if `i` is a char boundary inside it.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Where the line breaks of `text` are, as (byte offset, byte length): `\n`,
/// `\r`, U+000B, U+000C, U+0085, U+2028 and U+2029, found byte by byte (their
/// UTF-8 forms cannot start inside another character).
fn line_breaks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(i) {
            // Bytes that cannot begin a line break, passed over in a tight loop.
            // (Those are below 0x0E or not ASCII.)
            if !matches!(b, b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2) {
                i += 1;
                i += scan::below_or_high(&bytes[i..], 0x0E);
                continue;
            }
            let len = match b {
                b'\n' | b'\r' | 0x0B | 0x0C => 1,
                0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    3
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            let at = i;
            i += len;
            return Some((at, len));
        }
        None
    })
}

/// Characters between tokens: whitespace, control characters and invisible
/// spaces.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
        || is_joiner(c)
}

/// Invisible characters that stay inside a word: soft hyphen, (non-)joiners.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–')
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '‘' | '’' | '‚' | '‛' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›'
    )
}

/// The char boundary of `s` nearest to `i`: the next one up when `up`, else down.
fn char_boundary(s: &str, i: usize, up: bool) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i = if up { i + 1 } else { i - 1 };
    }
    i
}

#[cfg(test)]
mod tests;
