//! Errors of image access. Each variant names the object and the offending value.

use std::path::PathBuf;

/// Why an image could not be opened or read.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The reference string is malformed.
    #[error("invalid image reference {0}")]
    BadReference(String),
    /// A file could not be read.
    #[error("{path}: {err}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error (shown in the message, not chained, to keep it one line).
        err: std::io::Error,
    },
    /// The image's metadata is malformed or inconsistent.
    #[error("{context}: {message}")]
    Invalid {
        /// Which image file or object (e.g. `index.json`, `manifest sha256:…`).
        context: String,
        /// What is wrong.
        message: String,
    },
    /// A requested tag, platform or blob does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A layer could not be read or exceeded a safety limit.
    #[error("layer {layer}: {message}")]
    Layer {
        /// The layer digest.
        layer: String,
        /// What happened.
        message: String,
    },
    /// Registry access failed.
    #[error("registry {registry}: {message}")]
    Registry {
        /// Registry host.
        registry: String,
        /// What happened (never contains credentials).
        message: String,
    },
}

impl ImageError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> ImageError {
        ImageError::Io {
            path: path.into(),
            err: source,
        }
    }
    pub(crate) fn invalid(context: impl Into<String>, message: impl Into<String>) -> ImageError {
        ImageError::Invalid {
            context: context.into(),
            message: message.into(),
        }
    }
}
