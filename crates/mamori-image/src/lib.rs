//! Container image access: parse a reference, open the image (OCI layout, OCI
//! or docker archive, registry), and stream its layers as tar entries with
//! whiteouts made explicit.
//!
//! This crate never unpacks anything to disk and knows nothing of packages,
//! vulnerabilities or analyzers: it hands `(path, metadata, reader)` triples to a
//! visitor (see [`walk_layer`]) and lets the caller decide what to read.
//!
//! ```no_run
//! use mamori_image::{open, ImageRef, OpenOptions, walk_layer, WalkLimits, EntryKind};
//! let image = open(&ImageRef::parse("oci:images/alpine:latest")?, &OpenOptions::default())?;
//! for (i, layer) in image.layers.iter().enumerate() {
//!     walk_layer(image.open_layer(i)?, &layer.digest, &WalkLimits::default(), &mut |entry, _reader| {
//!         if entry.kind == EntryKind::File && entry.path == "etc/os-release" {
//!             println!("layer {} has os-release", layer.diff_id);
//!         }
//!         Ok(())
//!     })?;
//! }
//! # Ok::<(), mamori_image::ImageError>(())
//! ```

mod error;
pub mod manifest;
mod reference;
pub mod registry;
mod source;
mod walk;

pub use error::ImageError;
pub use manifest::{ImageConfig, Platform};
pub use reference::{ImageRef, RegistryRef};
pub use source::BlobSource;
pub use walk::{walk_dir, walk_layer, Entry, EntryKind, WalkLimits, WalkStats};

use std::io::Read;

/// One layer of an image.
#[derive(Debug, Clone)]
pub struct Layer {
    /// Digest of the blob as stored (compressed).
    pub digest: String,
    /// Digest of the uncompressed tar (from the config's `rootfs.diff_ids`).
    pub diff_id: String,
    /// Media type from the manifest (empty for legacy docker archives).
    pub media_type: String,
    /// Compressed size from the manifest (0 when unknown).
    pub size: u64,
    /// Where the blob lives in its source.
    pub(crate) locator: String,
}

/// An opened image: metadata read, layers ready to stream.
pub struct Image {
    /// What the user asked for, for messages and reports.
    pub name: String,
    /// Digest of the image manifest, when known.
    pub manifest_digest: Option<String>,
    /// `RepoTags[0]` of a docker archive, or the registry reference.
    pub repo_tag: Option<String>,
    /// Parsed config.
    pub config: ImageConfig,
    /// The config exactly as stored (for digests and further analysis).
    pub config_raw: Vec<u8>,
    /// Layers, base first.
    pub layers: Vec<Layer>,
    source: Box<dyn BlobSource>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("name", &self.name)
            .field("layers", &self.layers)
            .finish()
    }
}

impl Image {
    pub(crate) fn assemble(
        source: Box<dyn BlobSource>,
        name: String,
        manifest_digest: Option<String>,
        config_raw: Vec<u8>,
        layers: Vec<(String, String, String, u64)>,
    ) -> Result<Image, ImageError> {
        let (config, layers) = source::config_layers(&name, &config_raw, layers)?;
        Ok(Image {
            name,
            manifest_digest,
            repo_tag: None,
            config,
            config_raw,
            layers,
            source,
        })
    }

    /// Digest of the config blob (the image ID).
    pub fn config_digest(&self) -> String {
        use sha2::Digest;
        format!(
            "sha256:{}",
            hex::encode(sha2::Sha256::digest(&self.config_raw))
        )
    }

    /// Opens layer `index` as stored (possibly compressed; [`walk_layer`] detects
    /// gzip, zstd and plain tar by their magic bytes).
    pub fn open_layer(&self, index: usize) -> Result<Box<dyn Read + Send + '_>, ImageError> {
        let layer = self
            .layers
            .get(index)
            .ok_or_else(|| ImageError::NotFound(format!("{}: no layer {index}", self.name)))?;
        self.source.open(&layer.locator)
    }
}

/// How to open images.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Platform to select from multi-platform indexes (default `linux/amd64`).
    pub platform: Platform,
    /// Registry access settings.
    pub registry: registry::RegistryOptions,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            platform: Platform {
                os: "linux".into(),
                architecture: "amd64".into(),
                variant: None,
            },
            registry: registry::RegistryOptions::default(),
        }
    }
}

/// Opens the image `reference` points to.
pub fn open(reference: &ImageRef, options: &OpenOptions) -> Result<Image, ImageError> {
    match reference {
        ImageRef::OciDir { path, tag } => {
            source::open_oci_dir(path, tag.as_deref(), &options.platform)
        }
        ImageRef::OciArchive { path, tag } => {
            source::open_oci_archive(path, tag.as_deref(), &options.platform)
        }
        ImageRef::DockerArchive { path, reference } => {
            source::open_docker_archive(path, reference.as_deref(), &options.platform)
        }
        ImageRef::Registry(r) => registry::open(r, options),
    }
}

/// Normalises a path from an archive: strips `./` and leading `/`, resolves `.`
/// and `..` lexically, and returns `None` for the root itself or a path that
/// would climb above the root (path traversal).
pub fn normalize_path(raw: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in raw.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_path;

    #[test]
    fn paths() {
        assert_eq!(
            normalize_path("./etc/os-release").as_deref(),
            Some("etc/os-release")
        );
        assert_eq!(
            normalize_path("/usr//lib/./x").as_deref(),
            Some("usr/lib/x")
        );
        assert_eq!(normalize_path("a/../b").as_deref(), Some("b"));
        assert_eq!(normalize_path("../../etc/passwd"), None);
        assert_eq!(normalize_path("a/../../etc"), None);
        assert_eq!(normalize_path("./"), None);
    }
}
