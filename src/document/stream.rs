//! Documents as a stream: read lazily, one file or JSONL line at a time.
//!
//! [`Stream`] yields the documents of the inputs in a stable order
//! (directories in sorted path order, JSONL files line by line) and keeps
//! the warnings and the number of bytes read on the side ([`Progress`]), so
//! that a corpus of any size passes through in bounded memory.

use std::collections::{BTreeMap, VecDeque};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::{
    collect_files, cut, decode, is_jsonl, parse_record, parse_text, stem, trim_partial_character,
    Decoded, Document, Input, Limits, Reason, Warning,
};
use crate::error::{Error, Result};

/// What a stream has read so far; shared with whoever shows progress.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes read.
    pub bytes: AtomicU64,
    /// Documents given out.
    pub documents: AtomicU64,
    /// What was skipped, and why.
    pub warnings: Mutex<Vec<Warning>>,
}

impl Progress {
    /// Adds a warning (from whoever reads the documents: the stream, or a
    /// stage that finds a document too hard to read in full).
    pub fn warn(&self, warning: Warning) {
        if let Ok(mut warnings) = self.warnings.lock() {
            warnings.push(warning);
        }
    }

    /// The warnings so far, in the order they happened.
    pub fn take_warnings(&self) -> Vec<Warning> {
        self.warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }
}

enum Pending {
    File(PathBuf),
    Stdin,
}

struct Lines {
    source: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    /// Lines with something on them.
    records: usize,
}

/// One line of a JSONL reader, read up to a limit.
enum Line {
    /// The end of the input.
    End,
    /// The line (its newline included), whole.
    Whole(Vec<u8>),
    /// A line over the limit: its length; the bytes were not kept.
    TooLong(u64),
}

/// Reads one line into `buffer`, keeping at most `max` bytes of it; the
/// rest of a longer line is read past, not stored.
fn read_line(reader: &mut dyn BufRead, max: usize) -> std::io::Result<Line> {
    let mut line = Vec::new();
    let mut length = 0u64;
    let mut kept = true;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (&available[..=at], true),
            None => (available, false),
        };
        length += chunk.len() as u64;
        if kept && line.len() + chunk.len() <= max {
            line.extend_from_slice(chunk);
        } else {
            kept = false;
            line = Vec::new();
        }
        let used = chunk.len();
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (length, kept) {
        (0, _) => Line::End,
        (_, true) => Line::Whole(line),
        (length, false) => Line::TooLong(length),
    })
}

/// The documents of some inputs, read as they are asked for.
pub struct Stream {
    pending: VecDeque<Pending>,
    lines: Option<Lines>,
    seen: BTreeMap<String, usize>,
    progress: Arc<Progress>,
    limits: Limits,
    /// The size of the files to read, when known (not for stdin).
    pub total_bytes: Option<u64>,
}

impl Stream {
    /// Opens `inputs`: a named path that does not exist is an error now,
    /// before any work; bad files inside directories are warnings later.
    pub fn open(inputs: &[Input]) -> Result<Stream> {
        Stream::open_with(inputs, Limits::default())
    }

    /// [`Stream::open`] within `limits`.
    pub fn open_with(inputs: &[Input], limits: Limits) -> Result<Stream> {
        let progress = Arc::new(Progress::default());
        let mut pending = VecDeque::new();
        let mut total = Some(0u64);
        for input in inputs {
            match input {
                Input::Stdin => {
                    pending.push_back(Pending::Stdin);
                    total = None;
                }
                Input::Path(path) => {
                    let metadata = fs::metadata(path).map_err(|source| Error::Read {
                        path: path.clone(),
                        source,
                    })?;
                    let mut files = Vec::new();
                    if metadata.is_dir() {
                        let (found, warnings) = collect_files(path);
                        files = found;
                        warnings.into_iter().for_each(|w| progress.warn(w));
                    } else {
                        files.push(path.clone());
                    }
                    for file in files {
                        total = total.map(|t| t + fs::metadata(&file).map_or(0, |m| m.len()));
                        pending.push_back(Pending::File(file));
                    }
                }
            }
        }
        Ok(Stream {
            pending,
            lines: None,
            seen: BTreeMap::new(),
            progress,
            limits,
            total_bytes: total,
        })
    }

    /// What the stream has read so far.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    fn warn(&self, reason: Reason, source: &str, line: Option<usize>, message: String) {
        self.progress
            .warn(Warning::new(reason, source, line, message));
    }

    /// `document` within the size limit: cut, with a warning, if over it.
    fn limit(
        &self,
        source: &str,
        line: Option<usize>,
        mut document: Document,
        read_all: bool,
    ) -> Document {
        let max = self.limits.max_document_bytes;
        if document.text.len() > max || !read_all {
            // What was read of a longer file ends mid-sentence: cut it before its end too.
            let within = max.min(document.text.len().saturating_sub(usize::from(!read_all)));
            let kept = cut(&document.text, within).len();
            let message = if read_all {
                format!(
                    "cut to its first {kept} bytes of {} (--max-document-bytes {max}); the rest was not read",
                    document.text.len()
                )
            } else {
                format!("cut to its first {kept} bytes (--max-document-bytes {max}); the rest was not read")
            };
            document.text.truncate(kept);
            self.warn(Reason::Truncated, source, line, message);
        }
        document
    }

    /// Gives `document` an id no earlier document has.
    fn unique(&mut self, mut document: Document) -> Document {
        let count = self.seen.entry(document.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let new_id = format!("{}-{}", document.id, count);
            let message = format!(
                "two documents have the id {:?}; the later one is called {new_id:?}",
                document.id
            );
            let source = document.id.clone();
            self.warn(Reason::DuplicateId, &source, None, message);
            document.id = new_id;
        }
        self.progress.documents.fetch_add(1, Ordering::Relaxed);
        document
    }

    /// The next line of the current JSONL reader, as a document; `None` at its end.
    fn next_line(&mut self) -> Option<Option<Document>> {
        let max_line = self.limits.max_line_bytes();
        let lines = self.lines.as_mut()?;
        let read = read_line(&mut *lines.reader, max_line);
        let (source, number) = (lines.source.clone(), lines.line + 1);
        let bytes = match read {
            Ok(Line::End) => {
                let records = lines.records;
                self.lines = None;
                if records == 0 {
                    self.warn(
                        Reason::Empty,
                        &source,
                        None,
                        "skipped: no JSONL records in it".into(),
                    );
                }
                return Some(None);
            }
            Ok(Line::TooLong(length)) => {
                lines.line += 1;
                lines.records += 1;
                self.progress.bytes.fetch_add(length, Ordering::Relaxed);
                self.warn(
                    Reason::TooLarge,
                    &source,
                    Some(number),
                    format!("skipped line: {length} bytes, over the {max_line} a JSONL line may have (twice --max-document-bytes); a cut JSON line cannot be read"),
                );
                return Some(None);
            }
            Ok(Line::Whole(bytes)) => {
                lines.line += 1;
                bytes
            }
            Err(error) => {
                self.lines = None;
                self.warn(
                    Reason::Unreadable,
                    &source,
                    Some(number),
                    format!("stopped reading: {error}"),
                );
                return Some(None);
            }
        };
        self.progress
            .bytes
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let text = match decode(&bytes) {
            Decoded::Text(text) | Decoded::Converted(text, _) => text,
            Decoded::Binary(reason) => {
                self.count_record();
                self.warn(
                    Reason::Binary,
                    &source,
                    Some(number),
                    format!("skipped line: {reason}"),
                );
                return Some(None);
            }
            Decoded::Undecodable(reason) => {
                self.count_record();
                self.warn(
                    Reason::NotDecodable,
                    &source,
                    Some(number),
                    format!("skipped line: {reason} (counting from the start of the line)"),
                );
                return Some(None);
            }
        };
        if text.trim().is_empty() {
            return Some(None);
        }
        self.count_record();
        match parse_record(&text) {
            Ok(document) if document.text.trim().is_empty() => {
                self.warn(
                    Reason::Empty,
                    &source,
                    Some(number),
                    "skipped line: its text is empty".into(),
                );
                Some(None)
            }
            Ok(document) => Some(Some(self.limit(&source, Some(number), document, true))),
            Err((reason, message)) => {
                self.warn(reason, &source, Some(number), message);
                Some(None)
            }
        }
    }

    fn count_record(&mut self) {
        if let Some(lines) = self.lines.as_mut() {
            lines.records += 1;
        }
    }

    /// Reads a text file or stdin up to the limit (and a little more, to
    /// know whether there is more): the bytes, and whether they are all.
    fn read_text(&self, reader: &mut dyn Read) -> std::io::Result<(Vec<u8>, bool)> {
        let max = self.limits.max_document_bytes as u64;
        let mut bytes = Vec::new();
        Read::take(&mut *reader, max + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 <= max {
            return Ok((bytes, true));
        }
        // Past the limit: count the rest, do not keep it.
        let rest = std::io::copy(reader, &mut std::io::sink())?;
        self.progress.bytes.fetch_add(rest, Ordering::Relaxed);
        bytes.truncate(max as usize);
        trim_partial_character(&mut bytes);
        Ok((bytes, false))
    }

    /// A whole text (a .txt file, or stdin that is not JSONL) as a
    /// document; `complete` is false when only its first part was read.
    fn text(&mut self, source: &str, id: &str, bytes: &[u8], complete: bool) -> Option<Document> {
        self.progress
            .bytes
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let text = match decode(bytes) {
            Decoded::Text(text) => text,
            Decoded::Converted(text, message) => {
                self.warn(Reason::Converted, source, None, message);
                text
            }
            Decoded::Binary(reason) => {
                self.warn(Reason::Binary, source, None, format!("skipped: {reason}"));
                return None;
            }
            Decoded::Undecodable(reason) => {
                self.warn(
                    Reason::NotDecodable,
                    source,
                    None,
                    format!("skipped: {reason}"),
                );
                return None;
            }
        };
        let document = parse_text(id, &text);
        if document.text.trim().is_empty() {
            let what = if text.is_empty() {
                "an empty file"
            } else {
                "blanks only"
            };
            self.warn(
                Reason::Empty,
                source,
                None,
                format!("skipped: {what}, no text"),
            );
            return None;
        }
        Some(self.limit(source, None, document, complete))
    }

    /// Reads the text file at `path`.
    fn file(&mut self, path: &std::path::Path) -> Option<Document> {
        let source = path.display().to_string();
        let read = fs::File::open(path).and_then(|mut file| self.read_text(&mut file));
        match read {
            Ok((bytes, complete)) => self.text(&source, &stem(path), &bytes, complete),
            Err(error) => {
                self.warn(
                    Reason::Unreadable,
                    &source,
                    None,
                    format!("skipped: cannot read it ({error})"),
                );
                None
            }
        }
    }
}

impl Iterator for Stream {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            match self.next_line() {
                Some(Some(document)) => return Some(self.unique(document)),
                Some(None) => continue,
                None => {}
            }
            let document = match self.pending.pop_front()? {
                Pending::File(path) => {
                    let source = path.display().to_string();
                    if is_jsonl(&path) {
                        match fs::File::open(&path) {
                            Ok(file) => {
                                self.lines = Some(Lines {
                                    source,
                                    reader: Box::new(BufReader::new(file)),
                                    line: 0,
                                    records: 0,
                                })
                            }
                            Err(error) => self.warn(
                                Reason::Unreadable,
                                &source,
                                None,
                                format!("skipped: cannot read it ({error})"),
                            ),
                        }
                        continue;
                    }
                    self.file(&path)
                }
                Pending::Stdin => {
                    let mut reader = BufReader::new(std::io::stdin());
                    let jsonl = match reader.fill_buf() {
                        Ok(head) => head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                        Err(_) => false,
                    };
                    if jsonl {
                        self.lines = Some(Lines {
                            source: "-".into(),
                            reader: Box::new(reader),
                            line: 0,
                            records: 0,
                        });
                        continue;
                    }
                    match self.read_text(&mut reader) {
                        Ok((bytes, complete)) => self.text("-", "stdin", &bytes, complete),
                        Err(error) => {
                            self.warn(
                                Reason::Unreadable,
                                "-",
                                None,
                                format!("skipped stdin: {error}"),
                            );
                            None
                        }
                    }
                }
            };
            if let Some(document) = document {
                return Some(self.unique(document));
            }
        }
    }
}
