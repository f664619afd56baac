//! The benchmark corpus: realistic Dutch news of any size, the same bytes for
//! the same size.
//!
//! Takes: the bundled articles (`data/corpus/*.txt`, split into paragraphs and,
//! with the library's own splitter, sentences) and a size in bytes.
//! Gives: JSONL, one `{"id", "date", "text"}` per line, until the size is
//! reached. Each document starts from one article, trades some paragraphs for
//! paragraphs of others, drops, adds and reorders paragraphs and sentences,
//! renames its people consistently (every spelling of a name, possessives
//! too, from a fixed list of other plausible names of the same gender), moves
//! the events to other cities, and changes its numbers and its date. A fixed
//! seed drives every choice, so a smaller corpus is a prefix of a larger one;
//! no two documents have the same text (a repeat is drawn again).
//! Does not: invent sentences. Every sentence is one of the bundled
//! articles', so the extraction meets the constructions it was built for.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::path::Path;

use actorgraph::document::{self, Input};
use actorgraph::Lexicon;

/// The seed of every corpus.
const SEED: u64 = 0x0ac7_0e62_a9b4_2022;

/// A person of the bundled articles: every spelling with a first name, then
/// every spelling of the surname alone (possessives follow: "Tokajevs").
struct Person {
    full: &'static [&'static str],
    surname: &'static [&'static str],
    female: bool,
}

const PEOPLE: &[Person] = &[
    Person {
        full: &[
            "Kassym-Jomart Tokajev",
            "Kassym-Jomart Tokayev",
            "Kasym-Zjomart Tokajev",
        ],
        surname: &["Tokajev", "Tokayev"],
        female: false,
    },
    Person {
        full: &["Noersoeltan Nazarbajev"],
        surname: &["Nazarbajev"],
        female: false,
    },
    Person {
        full: &["Karim Masimov"],
        surname: &["Masimov"],
        female: false,
    },
    Person {
        full: &["Vladimir Poetin"],
        surname: &["Poetin"],
        female: false,
    },
    Person {
        full: &["Mukhtar Ablyazov"],
        surname: &["Ablyazov"],
        female: false,
    },
    Person {
        full: &["Aleksandr Loekasjenko"],
        surname: &["Loekasjenko"],
        female: false,
    },
    Person {
        full: &["Azamat Ibrajev"],
        surname: &["Ibrajev"],
        female: false,
    },
    Person {
        full: &["Zjanat Soeleimenov"],
        surname: &["Soeleimenov"],
        female: false,
    },
    Person {
        full: &["Sergej Ryabkov", "Sergej Rjabkov"],
        surname: &["Ryabkov", "Rjabkov"],
        female: false,
    },
    Person {
        full: &["Antony Blinken"],
        surname: &["Blinken"],
        female: false,
    },
    Person {
        full: &["Wendy Sherman"],
        surname: &["Sherman"],
        female: true,
    },
    Person {
        full: &["Dana Zhanay"],
        surname: &["Zhanay"],
        female: true,
    },
];

/// Other plausible names (invented: the generated text tells of events that
/// never happened, so it names no real person).
const MEN: &[(&str, &str)] = &[
    ("Nurlan", "Sadykov"),
    ("Daulet", "Ermekov"),
    ("Marat", "Tasjenov"),
    ("Jerlan", "Koelibajev"),
    ("Asylbek", "Dzjoemagaliev"),
    ("Bakhyt", "Seitkali"),
    ("Timur", "Abenov"),
    ("Arman", "Zjakenov"),
    ("Ruslan", "Omarbekov"),
    ("Serik", "Baimoechanov"),
    ("Kanat", "Iskakov"),
    ("Bolat", "Nurgaliev"),
    ("Igor", "Sjevelev"),
    ("Pavel", "Lebedinski"),
    ("Dmitri", "Sokolovski"),
    ("Viktor", "Morozenko"),
    ("Andrej", "Koeznetsjov"),
    ("Oleg", "Tsjernych"),
    ("Jevgeni", "Gromakov"),
    ("Anatoli", "Belousko"),
];

const WOMEN: &[(&str, &str)] = &[
    ("Aigerim", "Noerpeisova"),
    ("Gulnara", "Sarsenova"),
    ("Saule", "Temirbekova"),
    ("Irina", "Volkonskaja"),
    ("Anna", "Petrovskaja"),
    ("Madina", "Aoezova"),
];

/// The cities the events may move to, in place of the bundled ones.
const CITY_SWAPS: &[(&str, &[&str])] = &[
    (
        "Almaty",
        &[
            "Sjymkent",
            "Aktobe",
            "Karaganda",
            "Pavlodar",
            "Oral",
            "Semej",
        ],
    ),
    ("Taraz", &["Kyzylorda", "Atyrau", "Kostanaj"]),
];

/// A small, fast, seeded generator (SplitMix64): the corpus must not depend
/// on a crate's version.
pub struct Rng(u64);

impl Rng {
    /// A generator starting at `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// What [`generate`] wrote.
pub struct Written {
    /// Documents written.
    pub documents: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// One JSONL line, as `actorgraph` reads it.
#[derive(serde::Serialize)]
struct Record {
    id: String,
    date: String,
    text: String,
}

/// An article as paragraphs of sentences.
type Article = Vec<Vec<String>>;

/// The bundled articles, split into paragraphs (blank lines) and sentences
/// (the library's splitter, so abbreviations do not end a sentence).
fn articles(lexicon: &Lexicon) -> Vec<Article> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    let reading = document::read(&[Input::Path(corpus)]).expect("data/corpus is readable");
    reading
        .documents
        .iter()
        .map(|document| {
            document
                .text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|paragraph| {
                    let text = actorgraph::text::analyze(&lexicon.text, paragraph);
                    text.sentences
                        .iter()
                        .map(|s| text.slice(s.span).trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect()
        })
        .collect()
}

/// Writes `size` bytes (or just past them: the last line is whole) of corpus
/// to `out`.
pub fn generate(lexicon: &Lexicon, size: u64, out: &mut impl Write) -> io::Result<Written> {
    let articles = articles(lexicon);
    assert!(
        !articles.is_empty(),
        "data/corpus holds the bundled articles"
    );
    let mut rng = Rng::new(SEED);
    let mut seen = HashSet::new();
    let mut written = Written {
        documents: 0,
        bytes: 0,
    };
    while written.bytes < size {
        let text = loop {
            let text = document_text(&articles, &mut rng);
            let mut hasher = DefaultHasher::new();
            text.hash(&mut hasher);
            if seen.insert(hasher.finish()) {
                break text;
            }
        };
        let date = format!(
            "{}-{:02}-{:02}",
            2015 + rng.below(10),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let record = Record {
            id: format!("gen-{:08}", written.documents),
            date,
            text,
        };
        let mut line = serde_json::to_string(&record).expect("a JSON value serialises");
        line.push('\n');
        out.write_all(line.as_bytes())?;
        written.documents += 1;
        written.bytes += line.len() as u64;
    }
    Ok(written)
}

/// One document's text.
fn document_text(articles: &[Article], rng: &mut Rng) -> String {
    let base = &articles[rng.below(articles.len())];
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    for paragraph in base {
        if rng.chance(0.2) {
            continue;
        }
        if rng.chance(0.25) {
            let other = &articles[rng.below(articles.len())];
            paragraphs.push(other[rng.below(other.len())].clone());
        } else {
            paragraphs.push(paragraph.clone());
        }
    }
    while paragraphs.len() < 3 || rng.chance(0.3) {
        let other = &articles[rng.below(articles.len())];
        let at = rng.below(paragraphs.len() + 1);
        paragraphs.insert(at, other[rng.below(other.len())].clone());
    }
    // A few paragraphs change places; the lead stays first most of the time.
    for _ in 0..rng.below(3) {
        let (a, b) = (
            1 + rng.below(paragraphs.len() - 1),
            1 + rng.below(paragraphs.len() - 1),
        );
        paragraphs.swap(a, b);
    }
    for paragraph in &mut paragraphs {
        if paragraph.len() >= 2 && rng.chance(0.3) {
            let (a, b) = (rng.below(paragraph.len()), rng.below(paragraph.len()));
            paragraph.swap(a, b);
        }
        if paragraph.len() >= 3 && rng.chance(0.15) {
            paragraph.remove(rng.below(paragraph.len()));
        }
    }
    let mut text = paragraphs
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    rename_people(&mut text, rng);
    move_cities(&mut text, rng);
    change_numbers(&text, rng)
}

/// Gives each person of the bundled articles, half of the time, another name
/// of the same gender, in every spelling, the same throughout the document.
fn rename_people(text: &mut String, rng: &mut Rng) {
    let mut taken: Vec<&str> = Vec::new();
    for person in PEOPLE {
        if !person.surname.iter().any(|s| text.contains(s)) || rng.chance(0.5) {
            continue;
        }
        let names = if person.female { WOMEN } else { MEN };
        let (first, last) = loop {
            let name = names[rng.below(names.len())];
            if !taken.contains(&name.1) {
                break name;
            }
        };
        taken.push(last);
        for full in person.full {
            *text = text.replace(full, &format!("{first} {last}"));
        }
        for surname in person.surname {
            *text = text.replace(surname, last);
        }
    }
}

/// Moves the events to another city, a third of the time.
fn move_cities(text: &mut String, rng: &mut Rng) {
    for (city, others) in CITY_SWAPS {
        if text.contains(city) && rng.chance(0.35) {
            *text = text.replace(city, others[rng.below(others.len())]);
        }
    }
}

/// Every number gets other digits of the same length (years stay years:
/// 2010 to 2025), keeping its thousands separators.
fn change_numbers(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, rng: &mut Rng| {
        if digits.is_empty() {
            return;
        }
        if digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")) {
            out.push_str(&(2010 + rng.below(16)).to_string());
        } else {
            for (i, _) in digits.char_indices() {
                let low = usize::from(i == 0);
                out.push(char::from(b'0' + (low + rng.below(10 - low)) as u8));
            }
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, rng);
    out
}
