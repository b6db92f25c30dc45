//! The crate's error type. Every variant names the file, URL or value at fault,
//! so the CLI can print it as is (one lower-case line).

use std::path::PathBuf;

/// What went wrong opening, building, updating or querying the database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// SQLite reported an error.
    #[error("{}: sqlite: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// A zip archive is corrupt or unreadable.
    #[error("{}: invalid zip archive: {source}", path.display())]
    Zip {
        /// The archive.
        path: PathBuf,
        /// The underlying error.
        source: zip::result::ZipError,
    },
    /// An input is acceptable in format but not in size or shape.
    #[error("{}: {message}", path.display())]
    Input {
        /// The input file.
        path: PathBuf,
        /// What is wrong, naming the value.
        message: String,
    },
    /// There is no database in the directory.
    #[error("{}: no vulnerability database here (run the database update first)", path.display())]
    Missing {
        /// The expected database file.
        path: PathBuf,
    },
    /// The database was written by an incompatible version of mamori.
    #[error("{}: database schema version {found}, this build reads {expected}; rebuild it with an update", path.display())]
    Schema {
        /// The database file.
        path: PathBuf,
        /// Version found in the file.
        found: String,
        /// Version this build reads.
        expected: i64,
    },
    /// A stored row does not decode.
    #[error("{}: corrupt database row: {message}", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What failed to decode.
        message: String,
    },
    /// Downloading advisory data failed.
    #[error("download {url}: {message}")]
    Download {
        /// The URL.
        url: String,
        /// What failed.
        message: String,
    },
    /// The mirror URL is not `http://`, `https://` or `file://`.
    #[error("invalid mirror url {0:?} (expected http://, https:// or file://)")]
    MirrorUrl(String),
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}

pub(crate) fn sql(path: impl Into<PathBuf>) -> impl FnOnce(rusqlite::Error) -> Error {
    let path = path.into();
    move |source| Error::Sqlite { path, source }
}
