//! Documents: the articles to read, from files, directories, JSONL and stdin.
//!
//! Takes: input paths ([`Input`]).
//! Gives: [`Document`]s (id, date, url, body text) in a stable order, and
//! [`Warning`]s for what was skipped (file and line, and why).
//! Does not: analyse text. This is one of the modules that touch the disk.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod decode;
mod stream;

pub use decode::{cut, decode, trim_partial_character, Decoded};
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

/// The default of [`Limits::max_document_bytes`]: 8 MiB, some thousand
/// times a long news article.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 8 << 20;

/// The default of [`Limits::max_sentence_bytes`]: ten times a long sentence.
pub const DEFAULT_MAX_SENTENCE_BYTES: usize = 4096;

/// How much of its input a run takes on, so that one absurd file cannot take
/// it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A document's text beyond this many bytes is cut off (at a paragraph
    /// or sentence end) with a warning; a JSONL line longer than twice this
    /// is skipped with a warning, since cut-off JSON cannot be read. Memory
    /// per document grows with it, not with the file.
    pub max_document_bytes: usize,
    /// Sentences longer than this many bytes give no relations or roles
    /// (their actors still count), with one warning per document.
    pub max_sentence_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_sentence_bytes: DEFAULT_MAX_SENTENCE_BYTES,
        }
    }
}

impl Limits {
    /// The longest JSONL line that is read (see [`Limits::max_document_bytes`]).
    pub fn max_line_bytes(&self) -> usize {
        self.max_document_bytes
            .saturating_mul(2)
            .saturating_add(4096)
    }
}

/// Why a warning was given: a stable, machine-readable name for each kind
/// of bad input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Skipped: mostly control characters, not text.
    Binary,
    /// Skipped: in no encoding actorgraph reads.
    NotDecodable,
    /// Skipped: no text (empty, blanks only, or an empty JSONL file).
    Empty,
    /// Skipped: a JSONL line that is not a JSON object.
    BadJsonLine,
    /// Skipped: a JSONL record without a string `text` or without an `id`.
    MissingField,
    /// Skipped: a JSONL line over [`Limits::max_line_bytes`].
    TooLarge,
    /// Skipped: a file that could not be read (permissions, a dangling
    /// symlink, an I/O error).
    Unreadable,
    /// Skipped: not a regular file (a FIFO, socket or device inside a directory).
    NotAFile,
    /// Skipped: a symlink that leads back to itself or to a directory being read.
    SymlinkLoop,
    /// Skipped: a directory that could not be listed.
    Directory,
    /// Read in part: the document was cut at [`Limits::max_document_bytes`].
    Truncated,
    /// Read in part: sentences over [`Limits::max_sentence_bytes`] gave no relations.
    LongSentence,
    /// Read whole: converted from another encoding, or control characters removed.
    Converted,
    /// Read whole: a second document with an id already seen was renamed.
    DuplicateId,
    /// Not read twice: a directory reached again through a symlink.
    AlreadyRead,
    /// Lost: a document whose analysis failed on a bug in actorgraph.
    InternalError,
}

/// What a [`Reason`] means for the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The document (or line, file, directory) was not read.
    Skipped,
    /// It was read in part.
    Cut,
    /// It was read whole; the warning says what was done to it.
    Noted,
}

impl Reason {
    /// Every reason, in the order summaries list them.
    pub const ALL: [Reason; 16] = [
        Reason::Binary,
        Reason::NotDecodable,
        Reason::Empty,
        Reason::BadJsonLine,
        Reason::MissingField,
        Reason::TooLarge,
        Reason::Unreadable,
        Reason::NotAFile,
        Reason::SymlinkLoop,
        Reason::Directory,
        Reason::Truncated,
        Reason::LongSentence,
        Reason::Converted,
        Reason::DuplicateId,
        Reason::AlreadyRead,
        Reason::InternalError,
    ];

    /// The reason's name, as warnings and summaries print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Binary => "binary",
            Reason::NotDecodable => "not-decodable",
            Reason::Empty => "empty",
            Reason::BadJsonLine => "bad-json-line",
            Reason::MissingField => "missing-field",
            Reason::TooLarge => "too-large",
            Reason::Unreadable => "unreadable",
            Reason::NotAFile => "not-a-file",
            Reason::SymlinkLoop => "symlink-loop",
            Reason::Directory => "directory",
            Reason::Truncated => "truncated",
            Reason::LongSentence => "long-sentence",
            Reason::Converted => "converted",
            Reason::DuplicateId => "duplicate-id",
            Reason::AlreadyRead => "already-read",
            Reason::InternalError => "internal-error",
        }
    }

    /// Whether the input was skipped, cut or read whole.
    pub fn effect(self) -> Effect {
        match self {
            Reason::Truncated | Reason::LongSentence => Effect::Cut,
            Reason::Converted | Reason::DuplicateId | Reason::AlreadyRead => Effect::Noted,
            _ => Effect::Skipped,
        }
    }

    /// Whether some input was not read (skipped or cut): what `--strict` refuses.
    pub fn loses_input(self) -> bool {
        self.effect() != Effect::Noted
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something that was skipped, cut or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Why, as a name.
    pub reason: Reason,
    /// The file (or `-` for stdin, or the document id).
    pub source: String,
    /// The line, where the problem has one.
    pub line: Option<usize>,
    /// What happened and what to do.
    pub message: String,
}

impl Warning {
    /// A warning about `source`.
    pub fn new(
        reason: Reason,
        source: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Warning {
        Warning {
            reason,
            source: source.into(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// What a run read and what it skipped: the counts its summary line gives.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Documents read.
    pub documents: u64,
    /// Warnings by reason.
    pub reasons: BTreeMap<Reason, usize>,
}

impl Summary {
    /// The summary of a run that read `documents` and gave `warnings`.
    pub fn new(documents: u64, warnings: &[Warning]) -> Summary {
        let mut reasons = BTreeMap::new();
        for warning in warnings {
            *reasons.entry(warning.reason).or_insert(0) += 1;
        }
        Summary { documents, reasons }
    }

    fn count(&self, effect: Effect) -> usize {
        self.reasons
            .iter()
            .filter(|(r, _)| r.effect() == effect)
            .map(|(_, n)| n)
            .sum()
    }

    /// How many inputs were skipped.
    pub fn skipped(&self) -> usize {
        self.count(Effect::Skipped)
    }

    /// How many inputs were skipped or cut: what `--strict` refuses.
    pub fn lost(&self) -> usize {
        self.count(Effect::Skipped) + self.count(Effect::Cut)
    }
}

/// `read 6 documents; skipped 3 (binary 1, empty 2); cut 1 (truncated 1); 2 other warnings (converted 2)`
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "read {} documents", self.documents)?;
        for (effect, label) in [
            (Effect::Skipped, "skipped"),
            (Effect::Cut, "cut"),
            (Effect::Noted, "other warnings"),
        ] {
            let parts: Vec<String> = self
                .reasons
                .iter()
                .filter(|(r, _)| r.effect() == effect)
                .map(|(r, n)| format!("{r} {n}"))
                .collect();
            let total = self.count(effect);
            if effect == Effect::Noted {
                if total > 0 {
                    write!(f, "; {total} {label} ({})", parts.join(", "))?;
                }
            } else if total == 0 {
                write!(f, "; {label} 0")?;
            } else {
                write!(f, "; {label} {total} ({})", parts.join(", "))?;
            }
        }
        Ok(())
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
    read_with(inputs, Limits::default())
}

/// [`read`] within `limits`.
pub fn read_with(inputs: &[Input], limits: Limits) -> Result<Reading> {
    let stream = Stream::open_with(inputs, limits)?;
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

fn is_input_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        || is_jsonl(path)
}

/// Where a symlink that cannot be followed goes wrong: round in a loop
/// (`Some(true)`), or to something that does not exist (`Some(false)`).
fn broken_symlink(path: &Path) -> Option<bool> {
    let mut seen = std::collections::BTreeSet::new();
    let mut current = path.to_path_buf();
    // Linux gives up after 40 links; so does this.
    for _ in 0..40 {
        if !seen.insert(current.clone()) {
            return Some(true);
        }
        match fs::read_link(&current) {
            Ok(target) => {
                current = match current.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            Err(_) => return current.symlink_metadata().is_err().then_some(false),
        }
    }
    Some(true)
}

/// The files a directory walk finds, and its warnings.
struct Walk {
    files: Vec<PathBuf>,
    warnings: Vec<Warning>,
    /// Directories read so far (canonical paths), to read each once.
    read: std::collections::BTreeSet<PathBuf>,
    /// The directories being read, outermost first (canonical paths).
    open: Vec<PathBuf>,
}

impl Walk {
    fn warn(&mut self, reason: Reason, path: &Path, message: String) {
        self.warnings.push(Warning::new(
            reason,
            path.display().to_string(),
            None,
            message,
        ));
    }

    /// Reads `dir` (at `canonical`) and what is under it: .txt and .jsonl
    /// files, directories, and symlinks to either (followed, but never round
    /// a loop and never into a directory twice).
    fn directory(&mut self, dir: &Path, canonical: PathBuf) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.warn(
                    Reason::Directory,
                    dir,
                    format!("skipped directory: cannot list it ({error})"),
                );
                return;
            }
        };
        self.read.insert(canonical.clone());
        self.open.push(canonical);
        // In sorted order, so that which of two ways into a directory is
        // taken (and warned about) does not depend on the file system.
        let mut sorted = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => sorted.push(entry),
                Err(error) => self.warn(
                    Reason::Directory,
                    dir,
                    format!("skipped an entry: cannot list it ({error})"),
                ),
            }
        }
        sorted.sort_by_key(|entry| entry.file_name());
        for entry in sorted {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                self.warn(
                    Reason::Unreadable,
                    &path,
                    "skipped: cannot tell what it is".into(),
                );
                continue;
            };
            let metadata = if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(metadata) => metadata,
                    Err(error) => {
                        match broken_symlink(&path) {
                            Some(true) => self.warn(
                                Reason::SymlinkLoop,
                                &path,
                                "skipped: a symlink loop (it leads back to itself)".into(),
                            ),
                            // A dangling link that is not named like an input is not ours.
                            _ if is_input_file(&path) => self.warn(
                                Reason::Unreadable,
                                &path,
                                format!("skipped: a symlink to nothing ({error})"),
                            ),
                            _ => {}
                        }
                        continue;
                    }
                }
            } else {
                match entry.metadata() {
                    Ok(metadata) => metadata,
                    Err(error) => {
                        self.warn(
                            Reason::Unreadable,
                            &path,
                            format!("skipped: cannot read it ({error})"),
                        );
                        continue;
                    }
                }
            };
            if metadata.is_dir() {
                let canonical = match fs::canonicalize(&path) {
                    Ok(canonical) => canonical,
                    Err(error) => {
                        self.warn(
                            Reason::Directory,
                            &path,
                            format!("skipped directory: {error}"),
                        );
                        continue;
                    }
                };
                if self.open.contains(&canonical) {
                    self.warn(
                        Reason::SymlinkLoop,
                        &path,
                        format!(
                            "skipped: a symlink loop (it leads back to {}, which is being read)",
                            canonical.display()
                        ),
                    );
                } else if self.read.contains(&canonical) {
                    self.warn(
                        Reason::AlreadyRead,
                        &path,
                        format!(
                            "not read again: it leads to {}, already read",
                            canonical.display()
                        ),
                    );
                } else {
                    self.directory(&path, canonical);
                }
            } else if is_input_file(&path) {
                if metadata.is_file() {
                    self.files.push(path);
                } else {
                    // A FIFO would block the run, a device would never end.
                    self.warn(Reason::NotAFile, &path, "skipped: not a regular file (a FIFO, socket or device); name it on the command line to read it".into());
                }
            }
        }
        self.open.pop();
    }
}

/// The .txt and .jsonl files under `dir`, in sorted order, and what was skipped.
fn collect_files(dir: &Path) -> (Vec<PathBuf>, Vec<Warning>) {
    let mut walk = Walk {
        files: Vec::new(),
        warnings: Vec::new(),
        read: Default::default(),
        open: Vec::new(),
    };
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    walk.directory(dir, canonical);
    walk.files.sort();
    (walk.files, walk.warnings)
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
/// A line that is not a record gives why, and what to do.
pub fn parse_record(line: &str) -> std::result::Result<Document, (Reason, String)> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|error| {
        (
            Reason::BadJsonLine,
            format!("skipped line: not JSON ({error}); each line must be {{\"id\": ..., \"text\": ...}}"),
        )
    })?;
    if !value.is_object() {
        return Err((
            Reason::BadJsonLine,
            "skipped line: not a JSON object; each line must be {\"id\": ..., \"text\": ...}"
                .into(),
        ));
    }
    let record: Record = serde_json::from_value(value).map_err(|error| {
        (
            Reason::MissingField,
            format!("skipped line: {error}; each line must be {{\"id\": ..., \"text\": \"...\"}}"),
        )
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
