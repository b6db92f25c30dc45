//! The crate's error type. Every variant names the file (and line, where there
//! is one) or value at fault, so the CLI can print it as one lower-case line.
//!
//! It does not cover per-file problems of a directory rescan: those are
//! collected in [`crate::RescanReport::errors`] so one bad SBOM does not stop
//! the re-evaluation of the others.

use std::path::PathBuf;

/// What went wrong matching, loading suppressions or rescanning.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The vulnerability database failed (open, query).
    #[error(transparent)]
    Db(#[from] mamori_vulndb::Error),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line of an ignore file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Ignore {
        /// The ignore file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong, naming the value.
        message: String,
    },
    /// A VEX document is malformed or of an unknown kind.
    #[error("{}: {message}", path.display())]
    Vex {
        /// The VEX file.
        path: PathBuf,
        /// What is wrong, naming the value.
        message: String,
    },
    /// The rescan state file is unreadable or from another layout.
    #[error("{}: invalid rescan state ({message}); delete it to start over", path.display())]
    State {
        /// The state file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file is too large to be read.
    #[error("{}: file is {size} bytes, larger than the {limit}-byte limit", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit that applies.
        limit: u64,
    },
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}

/// Reads a whole file, refusing files over `limit` bytes before allocating.
pub(crate) fn read_capped(path: &std::path::Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(io(path))?;
    let size = f.metadata().map_err(io(path))?.len();
    if size > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    let mut buf = Vec::with_capacity(size as usize);
    // `take` also bounds a file that grows while being read.
    f.take(limit + 1).read_to_end(&mut buf).map_err(io(path))?;
    if buf.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}
