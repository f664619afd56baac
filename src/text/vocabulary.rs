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
    short: ShortTable,
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
        let short = ShortTable::new(
            ids.iter()
                .filter_map(|(word, &id)| Some((short_key(word)?, id))),
        );
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
            Some(key) => self.short.get(key),
            None => self.ids.get(word).copied().unwrap_or(0),
        }
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

/// The numbers of the short words by [`short_key`]: an open-addressed
/// table (a power of two of slots, at most half of them taken, probed one
/// after another from the key's Fibonacci hash), so that a look-up is a
/// multiplication and a compare or two.
#[derive(Debug, Clone, Default)]
struct ShortTable {
    /// (key, number); number 0 marks an empty slot (words are numbered from 1).
    slots: Vec<(u64, u32)>,
    /// log2 of the number of slots.
    bits: u32,
}

impl ShortTable {
    fn new(entries: impl Iterator<Item = (u64, u32)>) -> ShortTable {
        let entries: Vec<(u64, u32)> = entries.collect();
        let mut bits = 4;
        while (1usize << bits) < 2 * entries.len() {
            bits += 1;
        }
        let mut table = ShortTable {
            slots: vec![(0, 0); 1 << bits],
            bits,
        };
        for (key, id) in entries {
            let mut at = table.home(key);
            while table.slots[at].1 != 0 {
                at = (at + 1) & (table.slots.len() - 1);
            }
            table.slots[at] = (key, id);
        }
        table
    }

    /// The slot `key` is looked for from.
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }

    /// The number of the word of `key`, 0 when there is none.
    #[inline]
    fn get(&self, key: u64) -> u32 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (k, id) = self.slots[at];
            if id == 0 || k == key {
                return id;
            }
            at = (at + 1) & mask;
        }
    }
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
