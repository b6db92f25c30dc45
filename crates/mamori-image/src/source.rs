//! Local image sources: OCI layout directories and tar archives (OCI archive,
//! `docker save` in both its legacy layout and Docker ≥ 25's OCI layout).
//!
//! Archives are indexed once (member name → offset, size) and blobs are then
//! read in place with `seek` + `take`: nothing is extracted to disk, and several
//! layers can be streamed in parallel from one archive through separate handles.

use crate::manifest::{
    is_index_media_type, parse_json, Descriptor, ImageConfig, Index, Manifest, Platform,
};
use crate::{normalize_path, Image, ImageError, Layer};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The largest manifest, index or config we read (they are a few KiB in practice).
pub(crate) const MAX_JSON: u64 = 16 << 20;

/// Random access to the blobs of an image, by locator (a path inside the layout
/// or archive, or a digest for registries).
pub trait BlobSource: Send + Sync {
    /// Opens a blob for streaming.
    fn open(&self, locator: &str) -> Result<Box<dyn Read + Send + '_>, ImageError>;
    /// Reads a small blob (JSON) entirely, refusing more than `limit` bytes.
    fn read_small(&self, locator: &str, limit: u64) -> Result<Vec<u8>, ImageError> {
        let mut buf = Vec::new();
        self.open(locator)?
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| ImageError::invalid(locator, format!("read failed: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(ImageError::invalid(
                locator,
                format!("larger than {limit} bytes"),
            ));
        }
        Ok(buf)
    }
    /// Whether a blob exists.
    fn exists(&self, locator: &str) -> bool;
}

/// Turns `sha256:HEX` into `blobs/sha256/HEX`, refusing anything that could
/// escape the layout (a crafted digest such as `sha256:../../x`).
pub(crate) fn blob_path(digest: &str) -> Result<String, ImageError> {
    let (alg, hex) = digest
        .split_once(':')
        .ok_or_else(|| ImageError::invalid("descriptor", format!("invalid digest {digest:?}")))?;
    let ok_alg = !alg.is_empty()
        && alg.chars().all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || c == '+'
                || c == '.'
                || c == '_'
                || c == '-'
        });
    let ok_hex = !hex.is_empty() && hex.len() <= 128 && hex.chars().all(|c| c.is_ascii_hexdigit());
    if !ok_alg || !ok_hex {
        return Err(ImageError::invalid(
            "descriptor",
            format!("invalid digest {digest:?}"),
        ));
    }
    Ok(format!("blobs/{alg}/{hex}"))
}

/// An OCI image layout directory.
pub struct DirSource {
    root: PathBuf,
}

impl BlobSource for DirSource {
    fn open(&self, locator: &str) -> Result<Box<dyn Read + Send + '_>, ImageError> {
        let path = self.root.join(locator);
        let f = File::open(&path).map_err(|e| ImageError::io(&path, e))?;
        Ok(Box::new(f))
    }
    fn exists(&self, locator: &str) -> bool {
        self.root.join(locator).is_file()
    }
}

/// A tar archive read in place.
pub struct TarSource {
    path: PathBuf,
    members: HashMap<String, (u64, u64)>,
}

impl TarSource {
    /// Indexes the regular files of an uncompressed tar archive.
    pub fn open(path: &Path) -> Result<TarSource, ImageError> {
        let mut f = File::open(path).map_err(|e| ImageError::io(path, e))?;
        let mut magic = [0u8; 4];
        let n = f.read(&mut magic).map_err(|e| ImageError::io(path, e))?;
        if n >= 2 && magic[..2] == [0x1f, 0x8b] {
            return Err(ImageError::invalid(
                path.display().to_string(),
                "the archive is gzip-compressed; decompress it first (gunzip) so its blobs can be read in place",
            ));
        }
        f.seek(SeekFrom::Start(0))
            .map_err(|e| ImageError::io(path, e))?;
        let mut archive = tar::Archive::new(f);
        let mut members = HashMap::new();
        let entries = archive.entries_with_seek().map_err(|e| {
            ImageError::invalid(
                path.display().to_string(),
                format!("not a tar archive: {e}"),
            )
        })?;
        for entry in entries {
            let entry = entry.map_err(|e| {
                ImageError::invalid(
                    path.display().to_string(),
                    format!("corrupt tar archive: {e}"),
                )
            })?;
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let Ok(name) = entry.path() else { continue };
            let Some(name) = normalize_path(&name.to_string_lossy()) else {
                continue;
            };
            members.insert(name, (entry.raw_file_position(), entry.size()));
            if members.len() > 1_000_000 {
                return Err(ImageError::invalid(
                    path.display().to_string(),
                    "more than a million members",
                ));
            }
        }
        Ok(TarSource {
            path: path.to_path_buf(),
            members,
        })
    }
}

impl BlobSource for TarSource {
    fn open(&self, locator: &str) -> Result<Box<dyn Read + Send + '_>, ImageError> {
        let (offset, size) = *self.members.get(locator).ok_or_else(|| {
            ImageError::NotFound(format!("{}: no member {locator}", self.path.display()))
        })?;
        let mut f = File::open(&self.path).map_err(|e| ImageError::io(&self.path, e))?;
        f.seek(SeekFrom::Start(offset))
            .map_err(|e| ImageError::io(&self.path, e))?;
        Ok(Box::new(f.take(size)))
    }
    fn exists(&self, locator: &str) -> bool {
        self.members.contains_key(locator)
    }
}

/// Follows an OCI layout's `index.json` to an image manifest, selecting by tag
/// (`org.opencontainers.image.ref.name`, or containerd's `io.containerd.image.name`)
/// and platform.
pub(crate) fn resolve_layout(
    source: Box<dyn BlobSource>,
    name: String,
    tag: Option<&str>,
    platform: &Platform,
) -> Result<Image, ImageError> {
    let index: Index = parse_json("index.json", &source.read_small("index.json", MAX_JSON)?)?;
    let mut candidates: Vec<Descriptor> = index.manifests;
    if let Some(tag) = tag {
        candidates.retain(|d| {
            d.annotations.as_ref().is_some_and(|a| {
                a.get("org.opencontainers.image.ref.name")
                    .is_some_and(|n| n == tag)
                    || a.get("io.containerd.image.name")
                        .is_some_and(|n| n == tag || n.ends_with(&format!(":{tag}")))
            })
        });
        if candidates.is_empty() {
            return Err(ImageError::NotFound(format!(
                "{name}: no image tagged {tag:?} in index.json"
            )));
        }
    }
    let desc = select(source.as_ref(), candidates, platform, &name, 0)?;
    load_manifest(source, name, &desc)
}

/// Picks one image manifest among index entries, descending into nested indexes.
pub(crate) fn select(
    source: &dyn BlobSource,
    candidates: Vec<Descriptor>,
    platform: &Platform,
    name: &str,
    depth: u32,
) -> Result<Descriptor, ImageError> {
    if depth > 4 {
        return Err(ImageError::invalid(name, "image indexes nested too deeply"));
    }
    let platformed: Vec<&Descriptor> = candidates.iter().filter(|d| d.platform.is_some()).collect();
    let chosen = if platformed.is_empty() {
        // Layout entries without platforms: take the only one (attestation manifests have platforms).
        match candidates.len() {
            0 => {
                return Err(ImageError::NotFound(format!(
                    "{name}: the index lists no manifests"
                )))
            }
            1 => candidates[0].clone(),
            n => {
                return Err(ImageError::NotFound(format!(
                    "{name}: the index lists {n} images; select one with a tag (e.g. oci:DIR:TAG)"
                )))
            }
        }
    } else {
        let found = platformed
            .iter()
            .find(|d| d.platform.as_ref().is_some_and(|p| platform.matches(p)))
            .copied()
            .cloned();
        match found {
            Some(d) => d,
            None => {
                let have: Vec<String> = platformed
                    .iter()
                    .filter_map(|d| d.platform.as_ref())
                    .map(|p| p.to_string())
                    .collect();
                return Err(ImageError::NotFound(format!(
                    "{name}: no image for platform {platform} (available: {})",
                    have.join(", ")
                )));
            }
        }
    };
    if is_index_media_type(&chosen.media_type) {
        let loc = blob_path(&chosen.digest)?;
        let nested: Index = parse_json(
            &format!("index {}", chosen.digest),
            &source.read_small(&loc, MAX_JSON)?,
        )?;
        return select(source, nested.manifests, platform, name, depth + 1);
    }
    Ok(chosen)
}

fn load_manifest(
    source: Box<dyn BlobSource>,
    name: String,
    desc: &Descriptor,
) -> Result<Image, ImageError> {
    let loc = blob_path(&desc.digest)?;
    let ctx = format!("manifest {}", desc.digest);
    let raw = source.read_small(&loc, MAX_JSON)?;
    // A nested index reached without a platform entry.
    let value: serde_json::Value = parse_json(&ctx, &raw)?;
    if value.get("manifests").is_some() {
        return Err(ImageError::invalid(
            ctx,
            "expected an image manifest, found an index",
        ));
    }
    let manifest: Manifest = parse_json(&ctx, &raw)?;
    let config_loc = blob_path(&manifest.config.digest)?;
    let config_raw = source.read_small(&config_loc, MAX_JSON)?;
    let layers = manifest
        .layers
        .iter()
        .map(|l| {
            Ok((
                l.digest.clone(),
                blob_path(&l.digest)?,
                l.media_type.clone(),
                l.size,
            ))
        })
        .collect::<Result<Vec<_>, ImageError>>()?;
    Image::assemble(source, name, Some(desc.digest.clone()), config_raw, layers)
}

/// Opens a `docker save` archive (legacy `manifest.json` or OCI layout in tar).
pub(crate) fn open_docker_archive(
    path: &Path,
    reference: Option<&str>,
    platform: &Platform,
) -> Result<Image, ImageError> {
    let source = TarSource::open(path)?;
    let name = path.display().to_string();
    if !source.exists("manifest.json") {
        if source.exists("index.json") {
            return resolve_layout(Box::new(source), name, reference, platform);
        }
        return Err(ImageError::invalid(
            name,
            "neither manifest.json nor index.json: not an image archive",
        ));
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(rename = "Config")]
        config: String,
        #[serde(rename = "RepoTags", default)]
        repo_tags: Option<Vec<String>>,
        #[serde(rename = "Layers", default)]
        layers: Vec<String>,
    }
    let entries: Vec<Entry> = parse_json(
        &format!("{name}: manifest.json"),
        &source.read_small("manifest.json", MAX_JSON)?,
    )?;
    let entry = match reference {
        Some(r) => entries
            .iter()
            .find(|e| {
                e.repo_tags
                    .as_ref()
                    .is_some_and(|t| t.iter().any(|t| t == r || t.ends_with(&format!("/{r}"))))
            })
            .ok_or_else(|| {
                ImageError::NotFound(format!("{name}: no image {r:?} in manifest.json"))
            })?,
        None => match entries.as_slice() {
            [one] => one,
            [] => return Err(ImageError::invalid(name, "manifest.json lists no images")),
            many => {
                return Err(ImageError::NotFound(format!(
                "{name}: the archive holds {} images; select one with docker-archive:FILE:REPO:TAG",
                many.len()
            )))
            }
        },
    };
    let config_loc = normalize_path(&entry.config).ok_or_else(|| {
        ImageError::invalid(&name, format!("invalid Config path {:?}", entry.config))
    })?;
    let config_raw = source.read_small(&config_loc, MAX_JSON)?;
    let mut layers = Vec::new();
    for l in &entry.layers {
        let loc = normalize_path(l)
            .ok_or_else(|| ImageError::invalid(&name, format!("invalid layer path {l:?}")))?;
        // Docker ≥ 25 names layers by digest; the legacy layout by directory.
        let digest = loc
            .strip_prefix("blobs/sha256/")
            .map(|h| format!("sha256:{h}"))
            .unwrap_or_default();
        layers.push((digest, loc, String::new(), 0));
    }
    let manifest_digest = None;
    let mut image = Image::assemble(Box::new(source), name, manifest_digest, config_raw, layers)?;
    if let Some(t) = entry.repo_tags.as_ref().and_then(|t| t.first()) {
        image.repo_tag = Some(t.clone());
    }
    Ok(image)
}

/// Opens an OCI layout directory.
pub(crate) fn open_oci_dir(
    path: &Path,
    tag: Option<&str>,
    platform: &Platform,
) -> Result<Image, ImageError> {
    if !path.join("index.json").is_file() {
        return Err(ImageError::invalid(
            path.display().to_string(),
            "no index.json: not an OCI image layout",
        ));
    }
    resolve_layout(
        Box::new(DirSource {
            root: path.to_path_buf(),
        }),
        path.display().to_string(),
        tag,
        platform,
    )
}

/// Opens a tar of an OCI layout.
pub(crate) fn open_oci_archive(
    path: &Path,
    tag: Option<&str>,
    platform: &Platform,
) -> Result<Image, ImageError> {
    let source = TarSource::open(path)?;
    resolve_layout(Box::new(source), path.display().to_string(), tag, platform)
}

/// Loads config, then fills in per-layer metadata.
pub(crate) fn config_layers(
    name: &str,
    config_raw: &[u8],
    layers: Vec<(String, String, String, u64)>,
) -> Result<(ImageConfig, Vec<Layer>), ImageError> {
    let config: ImageConfig = parse_json(&format!("{name}: image config"), config_raw)?;
    if config.rootfs.diff_ids.len() != layers.len() {
        return Err(ImageError::invalid(
            format!("{name}: image config"),
            format!(
                "{} diff_ids for {} layers",
                config.rootfs.diff_ids.len(),
                layers.len()
            ),
        ));
    }
    let layers = layers
        .into_iter()
        .zip(&config.rootfs.diff_ids)
        .map(|((digest, locator, media_type, size), diff_id)| Layer {
            digest: if digest.is_empty() {
                diff_id.clone()
            } else {
                digest
            },
            diff_id: diff_id.clone(),
            media_type,
            size,
            locator,
        })
        .collect();
    Ok((config, layers))
}
