//! OCI / Docker manifest, index and config documents, and platform selection.
//!
//! These are small tolerant serde structs rather than `oci-spec`'s types: real
//! images carry Docker schema2 media types, `null` fields and legacy keys that a
//! strict model rejects, and we need only a handful of fields.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// OCI image index / Docker manifest list.
#[derive(Debug, Clone, Deserialize)]
pub struct Index {
    /// The entries.
    #[serde(default)]
    pub manifests: Vec<Descriptor>,
}

/// A content descriptor.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Descriptor {
    /// Media type.
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    /// `sha256:…` digest.
    pub digest: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: u64,
    /// Target platform (indexes only).
    #[serde(default)]
    pub platform: Option<Platform>,
    /// Annotations (`org.opencontainers.image.ref.name` carries the tag in layouts).
    #[serde(default)]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// `os/architecture[/variant]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Platform {
    /// `linux`, `windows`…
    #[serde(default)]
    pub os: String,
    /// `amd64`, `arm64`…
    #[serde(default)]
    pub architecture: String,
    /// `v7`, `v8`…
    #[serde(default)]
    pub variant: Option<String>,
}

impl Platform {
    /// Parses `os/arch[/variant]`.
    pub fn parse(s: &str) -> Option<Platform> {
        let mut it = s.split('/');
        let os = it.next()?.to_string();
        let architecture = it.next()?.to_string();
        let variant = it.next().map(str::to_string);
        if os.is_empty() || architecture.is_empty() || it.next().is_some() {
            return None;
        }
        Some(Platform {
            os,
            architecture,
            variant,
        })
    }

    /// Whether an index entry's platform satisfies this wanted platform
    /// (a wanted platform without a variant accepts any variant).
    pub fn matches(&self, other: &Platform) -> bool {
        self.os == other.os
            && self.architecture == other.architecture
            && (self.variant.is_none() || self.variant == other.variant)
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// Image manifest (OCI or Docker schema2).
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    /// Media type, when present.
    #[serde(rename = "mediaType", default)]
    pub media_type: Option<String>,
    /// Config blob.
    pub config: Descriptor,
    /// Layer blobs, base first.
    #[serde(default)]
    pub layers: Vec<Descriptor>,
}

/// The image configuration (`application/vnd.oci.image.config.v1+json`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ImageConfig {
    /// CPU architecture.
    #[serde(default)]
    pub architecture: String,
    /// Operating system.
    #[serde(default)]
    pub os: String,
    /// Runtime configuration.
    #[serde(default)]
    pub config: Option<RuntimeConfig>,
    /// Layer diff_ids.
    #[serde(default)]
    pub rootfs: RootFs,
    /// Build history, one entry per Dockerfile step.
    #[serde(default)]
    pub history: Vec<History>,
    /// Creation time.
    #[serde(default)]
    pub created: Option<String>,
}

/// `config` of an image configuration (Docker's capitalised keys).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RuntimeConfig {
    /// `USER`.
    #[serde(default)]
    pub user: Option<String>,
    /// `ENV` as `KEY=value`.
    #[serde(default)]
    pub env: Option<Vec<String>>,
    /// `ENTRYPOINT`.
    #[serde(default)]
    pub entrypoint: Option<Vec<String>>,
    /// `CMD`.
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    /// `EXPOSE` as `port/proto` keys.
    #[serde(default)]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    /// `LABEL`s.
    #[serde(default)]
    pub labels: Option<BTreeMap<String, String>>,
    /// `WORKDIR`.
    #[serde(default)]
    pub working_dir: Option<String>,
    /// `HEALTHCHECK`.
    #[serde(default)]
    pub healthcheck: Option<serde_json::Value>,
}

/// `rootfs` of an image configuration.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RootFs {
    /// Digests of the uncompressed layers, base first.
    #[serde(default)]
    pub diff_ids: Vec<String>,
}

/// One build step.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct History {
    /// When.
    #[serde(default)]
    pub created: Option<String>,
    /// The command (`/bin/sh -c #(nop) ADD …`, `RUN …`).
    #[serde(default)]
    pub created_by: Option<String>,
    /// True if the step produced no layer.
    #[serde(default)]
    pub empty_layer: bool,
    /// Free-form comment.
    #[serde(default)]
    pub comment: Option<String>,
}

/// Media types of indexes (as opposed to image manifests).
pub fn is_index_media_type(mt: &str) -> bool {
    mt == "application/vnd.oci.image.index.v1+json"
        || mt == "application/vnd.docker.distribution.manifest.list.v2+json"
}

/// Reads a JSON document with a size cap, naming it in errors.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    context: &str,
    bytes: &[u8],
) -> Result<T, crate::ImageError> {
    serde_json::from_slice(bytes)
        .map_err(|e| crate::ImageError::invalid(context, format!("invalid JSON: {e}")))
}
