//! The words the stages after `text` look tokens up by, numbered once.
//!
//! Takes: the lower-case words of every per-token word list of the later
//! stages (gathered when the data is loaded). Gives: a [`Vocabulary`] that
//! numbers them, so that the text stage looks each token up once
//! ([`Token::word`](super::Token::word)), and [`ByWord`], a stage's values of
//! those words by number: a token then costs each stage an index, not a
//! hash of its text. Does not: know what the words mean to any stage.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Text;

/// Numbers of vocabularies, so that a table of values is only read for a
/// text whose tokens were numbered by the same vocabulary.
static STAMPS: AtomicU64 = AtomicU64::new(1);

/// Words (lower case) numbered from 1; 0 is any other word.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32, foldhash::fast::FixedState>,
    /// The words of at most [`SHORT`] bytes (most tokens) again, by
    /// [`short_key`]: an integer hashes and compares in a few instructions.
    short: HashMap<u64, u32, foldhash::fast::FixedState>,
    /// Which vocabulary this is (0: none, the default).
    stamp: u64,
}

impl Vocabulary {
    /// The vocabulary of `words` (repeats are numbered once).
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Vocabulary {
        let mut ids: HashMap<String, u32, foldhash::fast::FixedState> = HashMap::default();
        for word in words {
            let next = u32::try_from(ids.len() + 1).expect("fewer than 2^32 words");
            ids.entry(word.to_string()).or_insert(next);
        }
        let short = ids
            .iter()
            .filter_map(|(word, &id)| Some((short_key(word)?, id)))
            .collect();
        Vocabulary {
            ids,
            short,
            stamp: STAMPS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The number of `word` (lower case); 0 when it is not one of them.
    #[inline]
    pub fn id(&self, word: &str) -> u32 {
        match short_key(word) {
            Some(key) => self.short.get(&key),
            None => self.ids.get(word),
        }
        .copied()
        .unwrap_or(0)
    }

    /// Whether it numbers no word (tokens are then not looked up).
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Which vocabulary this is; 0 for the empty default one.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }
}

/// The most bytes a word keyed by [`short_key`] has.
const SHORT: usize = 7;

/// A word of at most [`SHORT`] bytes as one integer: its bytes, and its
/// length in the top byte (so that no two words share a key).
#[inline]
fn short_key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= SHORT).then(|| {
        // As `u64::from_le_bytes` of the bytes, zeros, and the length in
        // the last byte, built without a call to copy a few bytes.
        let mut key = (bytes.len() as u64) << 56;
        for (at, &b) in bytes.iter().enumerate() {
            key |= u64::from(b) << (8 * at);
        }
        key
    })
}

/// A stage's value of each word of a [`Vocabulary`], by number (at 0, its
/// value of every other word).
#[derive(Debug, Clone, Default)]
pub struct ByWord<T> {
    stamp: u64,
    values: Vec<T>,
}

impl<T: Copy + Default> ByWord<T> {
    /// `value` of each word of `vocabulary`, and `missing` for every other.
    pub fn new(vocabulary: &Vocabulary, missing: T, value: impl Fn(&str) -> T) -> ByWord<T> {
        let mut values = vec![missing; vocabulary.ids.len() + 1];
        for (word, &id) in &vocabulary.ids {
            values[id as usize] = value(word);
        }
        ByWord {
            stamp: vocabulary.stamp,
            values,
        }
    }

    /// The values by [`Token::word`](super::Token::word) for the tokens of
    /// `text`, when its tokens were numbered by this vocabulary; `None`
    /// otherwise (the caller then looks the words up itself).
    #[inline]
    pub fn for_text(&self, text: &Text) -> Option<&[T]> {
        (self.stamp != 0 && self.stamp == text.vocabulary).then_some(self.values.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{analyze, TextRules};

    #[test]
    fn words_are_numbered_once_and_read_only_by_their_own_vocabulary() {
        let words = ["de", "regering", "ministerie", "de", "staatshoofd"];
        let vocabulary = Vocabulary::new(words);
        assert_eq!(vocabulary.id("de"), 1);
        assert_eq!(vocabulary.id("regering"), 2);
        // Long words are keyed by their text, short ones by an integer.
        assert_eq!(vocabulary.id("staatshoofd"), 4);
        assert_eq!(vocabulary.id("regerin"), 0);
        assert_eq!(vocabulary.id("d"), 0);
        assert_eq!(vocabulary.id(""), 0);
        let lengths = ByWord::new(&vocabulary, usize::MAX, str::len);
        let rules = TextRules {
            vocabulary: vocabulary.clone(),
            ..TextRules::default()
        };
        let text = analyze(&rules, "De regering zweeg.");
        let by_word = lengths.for_text(&text).expect("the same vocabulary");
        let read: Vec<usize> = text.sentences[0]
            .tokens
            .iter()
            .map(|t| by_word[t.word as usize])
            .collect();
        assert_eq!(read, vec![2, 8, usize::MAX, usize::MAX]);
        // Another vocabulary (or none) numbered the text: not read.
        let other = Vocabulary::new(words);
        assert!(ByWord::new(&other, 0, str::len).for_text(&text).is_none());
        let plain = analyze(&TextRules::default(), "De regering zweeg.");
        assert!(lengths.for_text(&plain).is_none());
    }
}
