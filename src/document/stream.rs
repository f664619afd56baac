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
    collect_files, decode, is_jsonl, parse_record, parse_text, stem, Decoded, Document, Input,
    Warning,
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
    fn warn(&self, warning: Warning) {
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
}

/// The documents of some inputs, read as they are asked for.
pub struct Stream {
    pending: VecDeque<Pending>,
    lines: Option<Lines>,
    seen: BTreeMap<String, usize>,
    progress: Arc<Progress>,
    /// The size of the files to read, when known (not for stdin).
    pub total_bytes: Option<u64>,
}

impl Stream {
    /// Opens `inputs`: a named path that does not exist is an error now,
    /// before any work; bad files inside directories are warnings later.
    pub fn open(inputs: &[Input]) -> Result<Stream> {
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
                        let mut warnings = Vec::new();
                        collect_files(path, &mut files, &mut warnings);
                        files.sort();
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
            total_bytes: total,
        })
    }

    /// What the stream has read so far.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    fn warn(&self, source: &str, line: Option<usize>, message: String) {
        self.progress.warn(Warning {
            source: source.to_string(),
            line,
            message,
        });
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
            self.warn(&source, None, message);
            document.id = new_id;
        }
        self.progress.documents.fetch_add(1, Ordering::Relaxed);
        document
    }

    /// The next line of the current JSONL reader, as a document; `None` at its end.
    fn next_line(&mut self) -> Option<Option<Document>> {
        let lines = self.lines.as_mut()?;
        let mut bytes = Vec::new();
        match lines.reader.read_until(b'\n', &mut bytes) {
            Ok(0) => {
                self.lines = None;
                Some(None)
            }
            Ok(n) => {
                lines.line += 1;
                self.progress.bytes.fetch_add(n as u64, Ordering::Relaxed);
                let (source, number) = (lines.source.clone(), lines.line);
                let text = match decode(&bytes) {
                    Decoded::Text(text) | Decoded::Converted(text, _) => text,
                    Decoded::Binary(reason) => {
                        self.warn(&source, Some(number), format!("skipped line: {reason}"));
                        return Some(None);
                    }
                };
                if text.trim().is_empty() {
                    return Some(None);
                }
                match parse_record(&text) {
                    Ok(document) => Some(Some(document)),
                    Err(message) => {
                        self.warn(&source, Some(number), message);
                        Some(None)
                    }
                }
            }
            Err(error) => {
                let source = lines.source.clone();
                self.lines = None;
                self.warn(&source, None, format!("stopped reading: {error}"));
                Some(None)
            }
        }
    }

    /// A whole text (a .txt file, or stdin that is not JSONL) as a document.
    fn text(&mut self, source: &str, id: &str, bytes: &[u8]) -> Option<Document> {
        self.progress
            .bytes
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let text = match decode(bytes) {
            Decoded::Text(text) => text,
            Decoded::Converted(text, message) => {
                self.warn(source, None, message);
                text
            }
            Decoded::Binary(reason) => {
                self.warn(source, None, format!("skipped: {reason}"));
                return None;
            }
        };
        let document = parse_text(id, &text);
        if document.text.trim().is_empty() {
            self.warn(source, None, "skipped: empty document".into());
            return None;
        }
        Some(document)
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
                                })
                            }
                            Err(error) => self.warn(
                                &source,
                                None,
                                format!("skipped: cannot read it ({error})"),
                            ),
                        }
                        continue;
                    }
                    match fs::read(&path) {
                        Ok(bytes) => self.text(&source, &stem(&path), &bytes),
                        Err(error) => {
                            self.warn(&source, None, format!("skipped: cannot read it ({error})"));
                            None
                        }
                    }
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
                        });
                        continue;
                    }
                    let mut bytes = Vec::new();
                    if let Err(error) = reader.read_to_end(&mut bytes) {
                        self.warn("-", None, format!("stopped reading stdin: {error}"));
                    }
                    self.text("-", "stdin", &bytes)
                }
            };
            if let Some(document) = document {
                return Some(self.unique(document));
            }
        }
    }
}
