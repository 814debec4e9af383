//! Library errors.

use std::path::PathBuf;

/// What can go wrong with an archive.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The folder is not a baokan archive (foreign or corrupt).
    #[error("{}: not a baokan archive: {reason}", path.display())]
    NotAnArchive {
        /// The folder or file.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },
    /// The SQLite store failed.
    #[error("archive store: {0}")]
    Store(#[from] rusqlite::Error),
    /// The tantivy index failed.
    #[error("archive index: {0} (run `baokan check --repair` if this persists)")]
    Index(#[from] tantivy::TantivyError),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A query that cannot be understood.
    #[error("bad query: {0}")]
    Query(String),
    /// A user dictionary that cannot be read.
    #[error("user dictionary {}: {reason}", path.display())]
    Dict {
        /// The dictionary file.
        path: PathBuf,
        /// Why it failed.
        reason: String,
    },
    /// An inconsistency that should not happen.
    #[error("internal: {0}")]
    Internal(String),
}

/// Result of archive operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
