//! Every spelling of the lexicon in one trie, walked from each word start.
//!
//! Takes: the lexicon's surface forms, in pattern order.
//! Gives: [`Names`]: for a sentence, every (start, end, pattern) where a
//! surface form occurs with no letter or digit right before it, ASCII
//! letters in either case, other bytes as written: the matches an
//! overlapping Aho-Corasick search (ASCII case-insensitive) finds that
//! survive the word-start test, in the order that search reports them for
//! one (start, end) (pattern order).
//! Does not: test what follows a match (possessive endings, word ends) or
//! the case rule of a pattern: `find_mentions` does.
//!
//! Why a trie beside the automaton: it costs some 10 M instructions to
//! build, where aho-corasick's contiguous NFA cost 47 M and its DFA 290 M,
//! and it reads a text in some 40 instructions a byte (walked only from
//! where a word may start, about one position in six, some three bytes a
//! walk), where the NFA took 64 and the DFA takes 30: the lexicon matches
//! with the trie until enough text has been read for the DFA to pay.

use crate::text::scan;

/// The surface forms as a trie over their bytes, ASCII letters in lower
/// case.
#[derive(Debug, Clone)]
pub(super) struct Names {
    /// Each byte's class: 0 for a byte no pattern has (ASCII letters in
    /// either case), else one number for each byte the patterns have.
    classes: Box<[u8; 256]>,
    /// The nodes; node 0 is the root.
    nodes: Vec<Node>,
    /// The children of the nodes with more than one, a row for each as
    /// long as there are classes, by class (0: none); row 0 has none.
    rows: Vec<u32>,
    /// Pattern numbers, ascending within each node.
    ends: Vec<u32>,
}

/// A node of the trie: where its children are and which patterns end there.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The class of its only child, when it has one child (most nodes:
    /// the rest of a name that shares its beginning with no other);
    /// else `u32::MAX`.
    only: u32,
    /// That child.
    child: u32,
    /// Where its row of children starts in [`Names::rows`] (0 when it has
    /// none or one).
    row: u32,
    /// A range of [`Names::ends`].
    ends: (u32, u32),
}

impl Names {
    /// The trie of `surfaces` (pattern `i` is `surfaces[i]`).
    pub(super) fn new<S: AsRef<str>>(surfaces: &[S]) -> Names {
        let number = |n: usize| u32::try_from(n).expect("fewer than 2^32 trie nodes");
        let mut classes = Box::new([0u8; 256]);
        let mut width = 1;
        // Each node's children as (class, child) and patterns, while built.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut patterns: Vec<Vec<u32>> = vec![Vec::new()];
        for (pattern, surface) in surfaces.iter().enumerate() {
            let mut node = 0;
            for &b in surface.as_ref().as_bytes() {
                let lower = b.to_ascii_lowercase();
                if classes[usize::from(lower)] == 0 {
                    let class = u8::try_from(width).expect("at most 255 classes of 256 bytes");
                    classes[usize::from(lower)] = class;
                    classes[usize::from(lower.to_ascii_uppercase())] = class;
                    width += 1;
                }
                let class = classes[usize::from(lower)];
                node = match children[node].iter().find(|(c, _)| *c == class) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        let child = children.len();
                        children[node].push((class, number(child)));
                        children.push(Vec::new());
                        patterns.push(Vec::new());
                        child
                    }
                };
            }
            patterns[node].push(u32::try_from(pattern).expect("fewer than 2^32 patterns"));
        }
        let mut names = Names {
            classes,
            nodes: Vec::with_capacity(children.len()),
            rows: vec![0; width],
            ends: Vec::new(),
        };
        for (mine, patterns) in children.into_iter().zip(patterns) {
            let first = number(names.ends.len());
            names.ends.extend(patterns);
            let ends = (first, number(names.ends.len()));
            let node = match mine.as_slice() {
                [] => Node {
                    only: u32::MAX,
                    child: 0,
                    row: 0,
                    ends,
                },
                &[(class, child)] => Node {
                    only: u32::from(class),
                    child,
                    row: 0,
                    ends,
                },
                many => {
                    let row = names.rows.len();
                    names.rows.resize(row + width, 0);
                    for &(class, child) in many {
                        names.rows[row + usize::from(class)] = child;
                    }
                    Node {
                        only: u32::MAX,
                        child: 0,
                        row: number(row),
                        ends,
                    }
                }
            };
            names.nodes.push(node);
        }
        names
    }

    /// Every (start, end, pattern) of `body` where a pattern occurs with
    /// no alphanumeric character before it: by start, then by end, then by
    /// pattern.
    pub(super) fn find(&self, body: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = body.as_bytes();
        // `at` is 0 or follows a character that is not alphanumeric.
        let mut at = 0;
        while at < bytes.len() {
            self.walk(bytes, at, &mut found);
            let (len, word) = char_at(body, at);
            at += len;
            if word {
                // The rest of the word, and the character that ends it.
                at = word_end(body, at);
                at += char_at(body, at).0;
            }
        }
    }

    /// The patterns that start at `start`, shortest first.
    #[inline]
    fn walk(&self, bytes: &[u8], start: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let mut node = &self.nodes[0];
        let mut end = start;
        while let Some(&b) = bytes.get(end) {
            let class = self.classes[usize::from(b)];
            // A node's one child, or its row (row 0, of no children, for
            // a node without); class 0 has no children in any row.
            let child = if node.only == u32::from(class) {
                node.child
            } else {
                self.rows[node.row as usize + usize::from(class)]
            };
            if child == 0 {
                return;
            }
            node = &self.nodes[child as usize];
            end += 1;
            let (first, last) = node.ends;
            if first != last {
                for &pattern in &self.ends[first as usize..last as usize] {
                    found(start, end, pattern as usize);
                }
            }
        }
    }
}

/// The length of the character at `at` of `body` (0 at its end) and
/// whether it is alphanumeric: ASCII here (inlined), any other character
/// in [`other_char_at`].
#[inline(always)]
fn char_at(body: &str, at: usize) -> (usize, bool) {
    match body.as_bytes().get(at) {
        None => (0, false),
        Some(&b) if b.is_ascii() => (1, b.is_ascii_alphanumeric()),
        Some(_) => other_char_at(body, at),
    }
}

/// [`char_at`] of a character outside ASCII.
#[inline(never)]
fn other_char_at(body: &str, at: usize) -> (usize, bool) {
    let c = body.get(at..).and_then(|rest| rest.chars().next());
    c.map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric()))
}

/// Where the run of alphanumeric characters from `at` ends.
#[inline]
fn word_end(body: &str, mut at: usize) -> usize {
    loop {
        at += scan::ascii_alphanumeric(body.as_bytes().get(at..).unwrap_or_default());
        match char_at(body, at) {
            (len, true) => at += len,
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(names: &Names, body: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        names.find(body, |s, e, p| out.push((s, e, p)));
        out
    }

    #[test]
    fn finds_every_pattern_at_word_starts_in_either_ascii_case() {
        let names = Names::new(&["VS", "vs", "Verenigde Staten", "Staten", "Ös"]);
        assert_eq!(
            all(&names, "de vs en de Verenigde staten, Ös"),
            vec![(3, 5, 0), (3, 5, 1), (12, 28, 2), (22, 28, 3), (30, 33, 4)]
        );
        // Not inside a word, also not after a letter outside ASCII.
        assert_eq!(all(&names, "avs éstaten"), vec![]);
        // After a hyphen or an apostrophe a word may start.
        assert_eq!(all(&names, "anti-VS"), vec![(5, 7, 0), (5, 7, 1)]);
        // A byte outside ASCII matches only itself.
        assert_eq!(all(&names, "ös"), vec![]);
    }
}
