//! Document lists that stay small: the ids of the documents that name an
//! actor or state a relation, a set of strings kept front-coded.
//!
//! Takes: document ids, one at a time or as whole sets to unite.
//! Gives: a [`DocumentSet`]: the distinct ids in byte order, as a
//! `BTreeSet<String>` would give them (and serialized the same way, as a
//! list), in a few bytes an id: sorted ids share most of their bytes with the
//! one before ("gen-00012345", "gen-00012346"), so each is stored as the
//! length of the prefix it shares with the one before and the rest. An id
//! that comes after every stored one (documents are read in order) is
//! appended; others wait in a small buffer until it is worth merging them in.
//! Does not: know what a document is; ids are plain strings.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;

/// A set of document ids, sorted, compact.
#[derive(Clone, Default)]
pub struct DocumentSet {
    /// The ids in order, each as varint(shared prefix length with the one
    /// before), varint(length of the rest), the rest.
    packed: Vec<u8>,
    /// How many ids `packed` holds.
    packed_len: usize,
    /// The last id of `packed`.
    last: String,
    /// Ids that came out of order, not yet in `packed` (some may be).
    pending: BTreeSet<String>,
}

fn push_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> usize {
    let mut n = 0;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        n |= usize::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

/// The ids of a packed list, in order.
struct Unpack<'a> {
    packed: &'a [u8],
    at: usize,
    current: Vec<u8>,
}

impl Unpack<'_> {
    fn next_id(&mut self) -> Option<&str> {
        if self.at >= self.packed.len() {
            return None;
        }
        let shared = read_varint(self.packed, &mut self.at);
        let rest = read_varint(self.packed, &mut self.at);
        let end = (self.at + rest).min(self.packed.len());
        self.current.truncate(shared);
        self.current.extend_from_slice(&self.packed[self.at..end]);
        self.at = end;
        // Every id went in as a whole string and the shared prefixes are cut
        // at char boundaries, so the bytes are UTF-8.
        std::str::from_utf8(&self.current).ok()
    }
}

/// The length of the longest common prefix of `a` and `b` that ends on a
/// char boundary of both.
fn shared_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

impl DocumentSet {
    /// An empty set.
    pub fn new() -> DocumentSet {
        DocumentSet::default()
    }

    /// Appends `id`, which comes after every packed id.
    fn append(&mut self, id: &str) {
        let shared = if self.packed_len == 0 {
            0
        } else {
            shared_prefix(&self.last, id)
        };
        push_varint(&mut self.packed, shared);
        push_varint(&mut self.packed, id.len() - shared);
        self.packed.extend_from_slice(&id.as_bytes()[shared..]);
        self.packed_len += 1;
        self.last.truncate(shared);
        self.last.push_str(&id[shared..]);
    }

    /// Adds `id`.
    pub fn insert(&mut self, id: &str) {
        if self.packed_len == 0 || id > self.last.as_str() {
            self.append(id);
            return;
        }
        if id == self.last || self.pending.contains(id) {
            return;
        }
        self.pending.insert(id.to_string());
        if self.pending.len() > 64 + self.packed_len / 8 {
            self.settle();
        }
    }

    /// Merges the pending ids into the packed ones, one id at a time.
    fn settle(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut merged = DocumentSet::new();
        for id in self.iter() {
            merged.append(&id);
        }
        *self = merged;
    }

    /// Adds every id of `other`: one by one when it is small or comes after
    /// every id here, else by merging the two in order.
    pub fn union(&mut self, other: DocumentSet) {
        let mut other = other;
        if self.len_upper() < other.len_upper() {
            std::mem::swap(self, &mut other);
        }
        // One document's set (the usual case, a document at a time into the
        // running graph): its one id is its last.
        if other.packed_len == 1 && other.pending.is_empty() {
            self.insert(&other.last);
            return;
        }
        let after =
            other.pending.is_empty() && other.iter().next().is_some_and(|first| first > self.last);
        if other.len_upper() <= 64 || after {
            for id in other.iter() {
                self.insert(&id);
            }
            return;
        }
        let mut merged = DocumentSet::new();
        let (mut mine, mut theirs) = (self.iter().peekable(), other.iter().peekable());
        loop {
            let next = match (mine.peek(), theirs.peek()) {
                (None, None) => break,
                (Some(_), None) => mine.next(),
                (None, Some(_)) => theirs.next(),
                (Some(a), Some(b)) => match a.cmp(b) {
                    std::cmp::Ordering::Less => mine.next(),
                    std::cmp::Ordering::Greater => theirs.next(),
                    std::cmp::Ordering::Equal => {
                        theirs.next();
                        mine.next()
                    }
                },
            };
            if let Some(id) = next {
                merged.append(&id);
            }
        }
        drop((mine, theirs));
        *self = merged;
    }

    /// An upper bound of the number of ids (exact when nothing is pending).
    fn len_upper(&self) -> usize {
        self.packed_len + self.pending.len()
    }

    /// How many ids there are.
    pub fn len(&self) -> usize {
        if self.pending.is_empty() {
            self.packed_len
        } else {
            self.iter().count()
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.packed_len == 0 && self.pending.is_empty()
    }

    /// The ids in byte order.
    pub fn iter(&self) -> Iter<'_> {
        let mut unpack = Unpack {
            packed: &self.packed,
            at: 0,
            current: Vec::new(),
        };
        let next_packed = unpack.next_id().map(str::to_string);
        let mut pending = self.pending.iter();
        let next_pending = pending.next();
        Iter {
            unpack,
            next_packed,
            pending,
            next_pending,
        }
    }
}

/// The ids of a [`DocumentSet`], in byte order.
pub struct Iter<'a> {
    unpack: Unpack<'a>,
    next_packed: Option<String>,
    pending: std::collections::btree_set::Iter<'a, String>,
    next_pending: Option<&'a String>,
}

impl Iterator for Iter<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        use std::cmp::Ordering;
        let order = match (&self.next_packed, self.next_pending) {
            (None, None) => return None,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(packed), Some(pending)) => packed.cmp(pending),
        };
        if order != Ordering::Less {
            let pending = self.next_pending.cloned();
            self.next_pending = self.pending.next();
            if order == Ordering::Greater {
                return pending;
            }
        }
        let next = self.unpack.next_id().map(str::to_string);
        std::mem::replace(&mut self.next_packed, next)
    }
}

impl PartialEq for DocumentSet {
    fn eq(&self, other: &DocumentSet) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for DocumentSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<String> for DocumentSet {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> DocumentSet {
        let mut set = DocumentSet::new();
        for id in ids {
            set.insert(&id);
        }
        set
    }
}

impl<'a> FromIterator<&'a str> for DocumentSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> DocumentSet {
        let mut set = DocumentSet::new();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

impl<const N: usize> From<[String; N]> for DocumentSet {
    fn from(ids: [String; N]) -> DocumentSet {
        ids.into_iter().collect()
    }
}

impl Extend<String> for DocumentSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        for id in ids {
            self.insert(&id);
        }
    }
}

impl Serialize for DocumentSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for DocumentSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DocumentSet, D::Error> {
        let ids: Vec<String> = Vec::deserialize(deserializer)?;
        Ok(ids.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn behaves_as_a_btreeset(ids in proptest::collection::vec("[a-c]{0,3}|gen-0000[0-9]{2}|é[aé]?", 0..300),
                                 split in 0usize..300) {
            let expected: BTreeSet<String> = ids.iter().cloned().collect();
            let set: DocumentSet = ids.iter().cloned().collect();
            prop_assert_eq!(set.iter().collect::<Vec<_>>(), expected.iter().cloned().collect::<Vec<_>>());
            prop_assert_eq!(set.len(), expected.len());
            let at = split.min(ids.len());
            let mut a: DocumentSet = ids[..at].iter().cloned().collect();
            let b: DocumentSet = ids[at..].iter().cloned().collect();
            a.union(b);
            prop_assert_eq!(a.iter().collect::<Vec<_>>(), expected.iter().cloned().collect::<Vec<_>>());
            prop_assert_eq!(serde_json::to_string(&a).expect("serializes"), serde_json::to_string(&expected).expect("serializes"));
            prop_assert!(a == set);
        }
    }

    #[test]
    fn appends_in_order_in_a_few_bytes_an_id() {
        let set: DocumentSet = (0..10_000).map(|i| format!("gen-{i:08}")).collect();
        assert_eq!(set.len(), 10_000);
        assert!(set.pending.is_empty());
        assert!(set.packed.len() < 10_000 * 6, "{} bytes", set.packed.len());
    }
}
