//! Documents: the articles to read, from files, directories, JSONL and stdin.
//!
//! Takes: input paths ([`Input`]).
//! Gives: [`Document`]s (id, date, url, body text) in a stable order, and
//! [`Warning`]s for what was skipped (file and line, and why).
//! Does not: analyse text. This is one of the modules that touch the disk.

use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

mod stream;

pub use stream::{Progress, Stream};

use crate::error::Result;

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// A stable id: the file stem, or the JSONL record's `id`.
    pub id: String,
    /// The date of the article ("2022-01", "2022-01-10"), when known.
    pub date: Option<String>,
    /// Where it was published, when known.
    pub url: Option<String>,
    /// The body text, without metadata markers.
    pub text: String,
}

/// Something to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A .txt file, a .jsonl file, or a directory searched for .txt and .jsonl files.
    Path(PathBuf),
    /// Standard input: JSONL when its first non-blank character is `{`, else one text.
    Stdin,
}

/// Something that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file (or `-` for stdin).
    pub source: String,
    /// The line, where the problem has one.
    pub line: Option<usize>,
    /// What happened and what to do.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// What [`read`] gives.
#[derive(Debug, Default)]
pub struct Reading {
    /// The documents, in input order (directories in sorted path order).
    pub documents: Vec<Document>,
    /// What was skipped.
    pub warnings: Vec<Warning>,
}

/// Reads every input into memory. A named input that does not exist is an
/// error; a bad file inside a directory, or a bad JSONL line, is a warning.
/// For corpora of any size, use [`Stream`].
pub fn read(inputs: &[Input]) -> Result<Reading> {
    let stream = Stream::open(inputs)?;
    let progress = stream.progress();
    let documents = stream.collect();
    Ok(Reading {
        documents,
        warnings: progress.take_warnings(),
    })
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into())
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<Warning>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            warnings.push(Warning {
                source: dir.display().to_string(),
                line: None,
                message: format!("skipped directory: {error}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // file_type does not follow symlinks, so a symlink loop cannot recurse.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_files(&path, files, warnings);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
            || is_jsonl(&path)
        {
            files.push(path);
        }
    }
}

/// What the bytes of a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 text (a byte-order mark removed).
    Text(String),
    /// Text in another encoding, or with stray control characters, made
    /// into clean UTF-8; the message says what was done.
    Converted(String, String),
    /// Not text: the message says why.
    Binary(String),
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F (the five bytes it
/// leaves undefined map to the C1 controls, as Latin-1 does).
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// More than this share of control characters (NUL included) means binary.
const MAX_CONTROL_SHARE: f64 = 0.02;

fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
}

/// Decodes a file: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or else Windows-1252 (old Dutch newspaper archives), the
/// way a person would read it. Text with a few stray control characters
/// (NUL bytes from a bad export) keeps its text without them; a file that is
/// mostly not text is binary.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, mut notes) = if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        match String::from_utf8(rest.to_vec()) {
            Ok(text) => (text, Vec::new()),
            Err(e) => {
                return Decoded::Binary(format!(
                    "not valid UTF-8 after its byte-order mark at byte {}",
                    e.utf8_error().valid_up_to() + 3
                ))
            }
        }
    } else if let Some((rest, little)) = bytes
        .strip_prefix(&[0xff, 0xfe])
        .map(|r| (r, true))
        .or_else(|| bytes.strip_prefix(&[0xfe, 0xff]).map(|r| (r, false)))
    {
        let units = rest.chunks(2).map(|pair| match (pair, little) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            _ => 0xfffd,
        });
        match char::decode_utf16(units).collect::<std::result::Result<String, _>>() {
            Ok(text) => (text, vec!["decoded as UTF-16".to_string()]),
            Err(_) => return Decoded::Binary("not valid UTF-16 after its byte-order mark".into()),
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Vec::new()),
            Err(error) => {
                let text: String = bytes
                    .iter()
                    .map(|&b| {
                        if (0x80..0xa0).contains(&b) {
                            WINDOWS_1252[usize::from(b - 0x80)]
                        } else {
                            char::from(b)
                        }
                    })
                    .collect();
                (
                    text,
                    vec![format!(
                        "not UTF-8 (at byte {}): decoded as Windows-1252",
                        error.valid_up_to()
                    )],
                )
            }
        }
    };
    let total = text.chars().count().max(1);
    let controls = text.chars().filter(|&c| is_stray_control(c)).count();
    if controls as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Decoded::Binary(format!(
            "looks like a binary file ({controls} control characters in {total})"
        ));
    }
    let text = if controls > 0 {
        notes.push(format!(
            "removed {controls} control characters (such as NUL)"
        ));
        text.chars().filter(|&c| !is_stray_control(c)).collect()
    } else {
        text
    };
    if notes.is_empty() {
        Decoded::Text(text)
    } else {
        Decoded::Converted(text, notes.join("; "))
    }
}

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    #[serde(default)]
    date: Option<String>,
    text: String,
    #[serde(default)]
    url: Option<String>,
}

/// Parses one JSONL line, `{"id", "date"?, "text", "url"?}`, into a document.
pub fn parse_record(line: &str) -> std::result::Result<Document, String> {
    let record: Record = serde_json::from_str(line).map_err(|error| {
        format!("skipped line: {error} (each line must be {{\"id\": ..., \"text\": ...}})")
    })?;
    let id = match record.id {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let (marker, body) = split_marker(&record.text);
    Ok(Document {
        id,
        date: record.date.or(marker.date),
        url: record.url.or(marker.url),
        text: body.to_string(),
    })
}

/// Metadata read from a marker at the start of a text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Marker {
    /// `date YYYY[-MM[-DD]]`.
    pub date: Option<String>,
    /// `url http…`.
    pub url: Option<String>,
}

/// One field of a metadata marker: `date YYYY[-MM[-DD]]` or `url http…`,
/// with the blanks around it.
fn marker_field() -> &'static regex::Regex {
    static FIELD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    FIELD.get_or_init(|| {
        regex::Regex::new(r"^[ \t]*(?:date[ \t]+(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)|url[ \t]+(?P<url>https?://\S+))(?:[ \t]+|\n|$)")
            .expect("the marker pattern is a valid regex")
    })
}

/// Splits a leading metadata marker (` date 2022-01 `, ` url https://… `)
/// off a text: returns the marker and the body after it.
pub fn split_marker(text: &str) -> (Marker, &str) {
    let mut marker = Marker::default();
    let mut rest = text;
    while let Some(found) = marker_field().captures(rest) {
        match (found.name("date"), found.name("url")) {
            (Some(date), _) if marker.date.is_none() => {
                marker.date = Some(date.as_str().to_string())
            }
            (_, Some(url)) if marker.url.is_none() => marker.url = Some(url.as_str().to_string()),
            _ => break,
        }
        rest = &rest[found.get(0).map_or(0, |m| m.end())..];
    }
    if marker == Marker::default() {
        return (marker, text);
    }
    (marker, rest.trim_start_matches([' ', '\t']))
}

/// Builds a document from a text file's content.
pub fn parse_text(id: &str, content: &str) -> Document {
    let (marker, body) = split_marker(content);
    Document {
        id: id.to_string(),
        date: marker.date,
        url: marker.url,
        text: body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_is_read_and_kept_out_of_the_text() {
        let doc = parse_text(
            "a",
            " date 2022-01 De Russen zullen geen revoluties tolereren.",
        );
        assert_eq!(doc.date.as_deref(), Some("2022-01"));
        assert_eq!(doc.text, "De Russen zullen geen revoluties tolereren.");
    }

    #[test]
    fn text_without_marker_is_unchanged() {
        let doc = parse_text("a", "De Kazachse president sprak.");
        assert_eq!(doc.date, None);
        assert_eq!(doc.text, "De Kazachse president sprak.");
        // "date" followed by something that is not a date is text.
        let doc = parse_text("a", "date night in Almaty.");
        assert_eq!(doc.text, "date night in Almaty.");
    }

    #[test]
    fn marker_with_date_and_url() {
        let (marker, body) = split_marker(" date 2022-01-10 url https://example.org/x Tekst hier.");
        assert_eq!(marker.date.as_deref(), Some("2022-01-10"));
        assert_eq!(marker.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(body, "Tekst hier.");
    }

    #[test]
    fn jsonl_lines_and_bad_lines() {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = "{\"id\": \"a\", \"date\": \"2022-01-06\", \"text\": \"Eerste.\"}\nnot json\n\n{\"id\": 7, \"text\": \"Tweede.\", \"url\": \"https://x\"}\n{\"id\": \"c\"}\n";
        fs::write(dir.path().join("in.jsonl"), content).expect("write");
        let reading = read(&[Input::Path(dir.path().join("in.jsonl"))]).expect("read");
        assert_eq!(reading.documents.len(), 2);
        assert_eq!(reading.documents[0].date.as_deref(), Some("2022-01-06"));
        assert_eq!(reading.documents[1].id, "7");
        assert_eq!(reading.documents[1].url.as_deref(), Some("https://x"));
        let lines: Vec<_> = reading.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![Some(2), Some(5)]);
    }

    #[test]
    fn directories_are_read_recursively_in_sorted_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("sub")).expect("mkdir");
        fs::write(dir.path().join("b.txt"), "Bee.").expect("write");
        fs::write(dir.path().join("sub/a.txt"), "Aa.").expect("write");
        fs::write(dir.path().join("a.txt"), "A.").expect("write");
        fs::write(dir.path().join("skip.md"), "No.").expect("write");
        fs::write(dir.path().join("empty.txt"), "  \n").expect("write");
        fs::write(dir.path().join("bad.txt"), [0x00, 0x01, 0x02, 0x00]).expect("write");
        let reading = read(&[Input::Path(dir.path().to_path_buf())]).expect("read");
        let ids: Vec<_> = reading.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "b", "a-2"]);
        assert_eq!(reading.warnings.len(), 3, "{:?}", reading.warnings);
    }

    #[test]
    fn encodings_and_control_characters() {
        assert_eq!(
            decode("Poetin zei: ‘nee’.".as_bytes()),
            Decoded::Text("Poetin zei: ‘nee’.".into())
        );
        assert_eq!(decode(b"\xef\xbb\xbfTekst"), Decoded::Text("Tekst".into()));
        // Windows-1252: é, curly quotes and the euro sign.
        match decode(b"Caf\xe9 \x93Oekra\xefne\x94 kost \x80 5") {
            Decoded::Converted(text, note) => {
                assert_eq!(text, "Café “Oekraïne” kost € 5");
                assert!(
                    note.contains("Windows-1252") && note.contains("byte 3"),
                    "{note}"
                );
            }
            other => panic!("{other:?}"),
        }
        // UTF-16 with a byte-order mark, both byte orders.
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Kiev".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Kiev".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert!(matches!(decode(&le), Decoded::Converted(t, _) if t == "Kiev"));
        assert!(matches!(decode(&be), Decoded::Converted(t, _) if t == "Kiev"));
        // A stray NUL in a long text is removed; mostly NULs is binary.
        let text = format!("{}\0{}", "Masimov is opgepakt. ".repeat(10), "Einde.");
        assert!(
            matches!(decode(text.as_bytes()), Decoded::Converted(t, n) if !t.contains('\0') && n.contains("control"))
        );
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 0, 0, 0x89, b'P', b'N', b'G']),
            Decoded::Binary(_)
        ));
    }

    proptest::proptest! {
        #[test]
        fn the_body_is_what_follows_the_marker(text in "( date 20[0-9]{2}(-0[1-9])?| url https://[a-z./]{1,12}){0,2}\\PC{0,60}") {
            let (marker, body) = split_marker(&text);
            proptest::prop_assert!(text.ends_with(body));
            if marker == Marker::default() {
                proptest::prop_assert_eq!(body, text.as_str());
            }
        }
    }

    #[test]
    fn missing_input_is_an_error() {
        assert!(read(&[Input::Path(PathBuf::from("/nonexistent/actorgraph"))]).is_err());
    }
}
