//! The library's one error type.
//!
//! Takes: the failures of the stages that touch the outside world (reading
//! documents, loading data, writing outputs, running Graphviz).
//! Gives: an [`Error`] whose variants carry the path and the cause, with
//! lowercase messages that say what happened and what to do.
//! The pure stages (text, actors, relations, graph, exports) never fail.

use std::path::PathBuf;

/// Everything that can go wrong in actorgraph's I/O boundary.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The path that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// An output could not be written.
    #[error("cannot write {path}: {source} (check that the directory exists and is writable)")]
    Write {
        /// The path that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// One or more data files (lexicon, grammar, relation rules) are invalid.
    /// Every problem found is listed, one per line, each with file and line.
    #[error("invalid data:\n{}", .problems.join("\n"))]
    Data {
        /// One message per problem: `file:line:column: what is wrong`.
        problems: Vec<String>,
    },
    /// Rendering an image failed.
    #[error("cannot render {format}: {message}")]
    Render {
        /// The image format that was asked for.
        format: String,
        /// What went wrong.
        message: String,
    },
}

/// Shorthand for results of the library.
pub type Result<T> = std::result::Result<T, Error>;
