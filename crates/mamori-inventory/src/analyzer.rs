//! The analyzer contract: each analyzer says which files it wants, cheaply and
//! without I/O, so that a layer walker reads every file at most once and opens only
//! the files some analyzer asked for.
//!
//! Analyzers are pure functions from `(path, bytes)` to [`Analysis`]. They never
//! look at other files, the network or the clock; cross-file work (dpkg's status
//! file plus its `info/*.list` files, OS packages owning language files) happens
//! when layers are assembled (`crate::assemble`).

use crate::package::Package;
use crate::OsInfo;
use serde::{Deserialize, Serialize};

/// Cheap facts about a file, available before its content is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMeta {
    /// Size in bytes.
    pub size: u64,
    /// Unix permission bits (`0o755`…).
    pub mode: u32,
}

impl FileMeta {
    /// True if any execute bit is set.
    pub fn is_executable(&self) -> bool {
        self.mode & 0o111 != 0
    }
}

/// What one analyzer learned from one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Packages declared or installed according to this file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
    /// Operating-system identification, from os-release and friends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<OsInfo>,
    /// Files owned by an OS package, reported by side files such as dpkg's
    /// `info/NAME.list`: `(package name, absolute paths)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owned_files: Vec<(String, Vec<String>)>,
}

impl Analysis {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty() && self.os.is_none() && self.owned_files.is_empty()
    }
}

/// Why an analyzer could not read a file. One bad file never stops a scan: the
/// caller logs the error (with the layer) and goes on.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// The file is not in the format the analyzer expected.
    #[error("{path}: {message}")]
    Parse {
        /// Path of the offending file.
        path: String,
        /// What is wrong, lower-case, naming the offending value.
        message: String,
    },
}

impl AnalyzeError {
    /// Shorthand for a parse error.
    pub fn parse(path: &str, message: impl Into<String>) -> AnalyzeError {
        AnalyzeError::Parse {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

/// A unit that turns files into packages. Implementations live one per file
/// under `os/` and `lang/` and are listed in [`crate::all_analyzers`].
pub trait Analyzer: Send + Sync {
    /// Stable identifier, e.g. `dpkg`, `npm-package-lock`.
    fn id(&self) -> &'static str;
    /// Bump when the output for the same input changes: it is part of the cache key.
    fn version(&self) -> u32;
    /// Whether this analyzer wants `path` (relative to the root, no leading `/`,
    /// already normalised). Must be cheap and do no I/O.
    fn required(&self, path: &str, meta: &FileMeta) -> bool;
    /// The largest file this analyzer will read; larger files are skipped with a warning.
    fn max_size(&self) -> u64 {
        64 << 20
    }
    /// Analyze one file. `path` is as in [`Analyzer::required`].
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError>;
}

/// Base name of a slash-separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
