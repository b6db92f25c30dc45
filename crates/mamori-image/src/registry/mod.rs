//! Pulling images from registries over the OCI Distribution API, synchronously.
//!
//! [`open`] fetches the manifest (following an index or Docker manifest list to
//! the wanted platform), then the config, verifying both against their digests;
//! layers are not downloaded up front but streamed on demand through a
//! [`BlobSource`] that checks each layer's size and digest as
//! it goes. Authentication covers anonymous access, HTTP basic, and bearer
//! tokens obtained through the `WWW-Authenticate` challenge, with credentials
//! from [`RegistryOptions`] or Docker's `config.json`.
//!
//! Deliberately not done here: pushing, caching blobs on disk, resuming
//! interrupted downloads, Docker credential helpers, schema1 manifests, and
//! registry mirrors. Nothing here logs or prints credentials.

mod auth;
mod client;
mod verify;

use crate::manifest::{parse_json, Index, Manifest};
use crate::source::{blob_path, select, BlobSource, MAX_JSON};
use crate::{Image, ImageError, OpenOptions, RegistryRef};
use auth::Credentials;
use client::{Client, MANIFEST_ACCEPT};
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Registry settings.
#[derive(Clone, Default)]
pub struct RegistryOptions {
    /// Allow plain HTTP and skip TLS certificate verification (like
    /// `skopeo --tls-verify=false`). HTTPS is still tried first.
    pub insecure: bool,
    /// User name for basic auth or the token service; used with `password`.
    pub username: Option<String>,
    /// Password or access token; used with `username`.
    pub password: Option<String>,
    /// Docker `config.json` (or the directory holding it) to read credentials
    /// from when `username`/`password` are not set. Defaults to
    /// `$DOCKER_CONFIG/config.json`, then `~/.docker/config.json`.
    pub docker_config: Option<PathBuf>,
    /// PEM bundle of extra CA certificates to trust (added to the public roots).
    pub ca_cert: Option<PathBuf>,
    /// Counter of downloaded blob bytes, for progress bars.
    pub progress: Option<PullProgress>,
}

impl std::fmt::Debug for RegistryOptions {
    // Hand-written so the password never reaches logs or error reports.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redact = |o: &Option<String>| o.as_ref().map(|_| "<redacted>");
        f.debug_struct("RegistryOptions")
            .field("insecure", &self.insecure)
            .field("username", &redact(&self.username))
            .field("password", &redact(&self.password))
            .field("docker_config", &self.docker_config)
            .field("ca_cert", &self.ca_cert)
            .field("progress", &self.progress)
            .finish()
    }
}

/// A shared counter of bytes downloaded from registries (compressed blob bytes,
/// config and layers). Compare it with the sum of [`crate::Layer::size`] to
/// draw a progress bar; clones share the same counter.
#[derive(Debug, Clone, Default)]
pub struct PullProgress {
    bytes: Arc<AtomicU64>,
}

impl PullProgress {
    /// A counter starting at zero.
    pub fn new() -> PullProgress {
        PullProgress::default()
    }
    /// Bytes downloaded so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// Opens an image from a registry: resolves the manifest (selecting
/// `options.platform` from an index), downloads and verifies the config, and
/// returns an [`Image`] whose layers stream from the registry on demand.
pub fn open(r: &RegistryRef, options: &OpenOptions) -> Result<Image, ImageError> {
    let reg_err = |m: String| ImageError::Registry {
        registry: r.registry.clone(),
        message: m,
    };
    check_reference(&r.reference).map_err(|m| reg_err(format!("{}: {m}", r.repository)))?;
    let creds = credentials(r, &options.registry)?;
    let client = Arc::new(Client::connect(r, &options.registry, creds)?);
    let name = r.to_string();

    let (top_digest, top_raw) = fetch_manifest(&client, &r.reference)?;
    let top: serde_json::Value = parse_json(&format!("{name}: manifest"), &top_raw)?;
    let (manifest_digest, manifest_raw) = if top.get("manifests").is_some() {
        let index: Index = parse_json(&format!("{name}: index {top_digest}"), &top_raw)?;
        let fetcher = ManifestFetcher {
            client: client.clone(),
        };
        let desc = select(&fetcher, index.manifests, &options.platform, &name, 0)?;
        fetch_manifest(&client, &desc.digest)?
    } else {
        (top_digest, top_raw)
    };
    let ctx = format!("{name}: manifest {manifest_digest}");
    let value: serde_json::Value = parse_json(&ctx, &manifest_raw)?;
    if value.get("schemaVersion").and_then(|v| v.as_u64()) == Some(1) {
        return Err(ImageError::invalid(
            ctx,
            "docker schema1 manifests are not supported (re-push the image with a current client)",
        ));
    }
    if value.get("manifests").is_some() {
        return Err(ImageError::invalid(
            ctx,
            "expected an image manifest, found an index",
        ));
    }
    let manifest: Manifest = parse_json(&ctx, &manifest_raw)?;

    let progress = options.registry.progress.as_ref().map(|p| p.bytes.clone());
    let mut sizes = HashMap::new();
    for d in std::iter::once(&manifest.config).chain(&manifest.layers) {
        // Digests go into URLs: refuse anything but `alg:hex`.
        blob_path(&d.digest)?;
        if !verify::supported(&d.digest) {
            return Err(ImageError::invalid(
                &ctx,
                format!("unsupported digest algorithm in {:?}", d.digest),
            ));
        }
        sizes.insert(d.digest.clone(), d.size);
    }
    let source = RegistrySource {
        client,
        sizes,
        progress,
    };
    let config_raw = read_config(&source, &manifest.config.digest)?;
    let layers = manifest
        .layers
        .iter()
        .map(|l| {
            (
                l.digest.clone(),
                l.digest.clone(),
                l.media_type.clone(),
                l.size,
            )
        })
        .collect();
    let mut image = Image::assemble(
        Box::new(source),
        name.clone(),
        Some(manifest_digest),
        config_raw,
        layers,
    )?;
    image.repo_tag = Some(name);
    Ok(image)
}

/// Reads and verifies the config blob; errors name the registry and repository.
fn read_config(source: &RegistrySource, digest: &str) -> Result<Vec<u8>, ImageError> {
    let mut raw = Vec::new();
    source
        .open(digest)?
        .take(MAX_JSON + 1)
        .read_to_end(&mut raw)
        .map_err(|e| source.client.error(format!("config {digest}: {e}")))?;
    if raw.len() as u64 > MAX_JSON {
        return Err(source
            .client
            .error(format!("config {digest}: larger than {MAX_JSON} bytes")));
    }
    Ok(raw)
}

/// Explicit options win; otherwise Docker's `config.json`.
fn credentials(
    r: &RegistryRef,
    options: &RegistryOptions,
) -> Result<Option<Credentials>, ImageError> {
    match (&options.username, &options.password) {
        (Some(u), Some(p)) => {
            return Ok(Some(Credentials {
                username: u.clone(),
                password: p.clone(),
            }))
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(ImageError::Registry {
                registry: r.registry.clone(),
                message: "a user name and a password must be given together".into(),
            })
        }
        (None, None) => {}
    }
    match auth::docker_config_path(options.docker_config.as_deref()) {
        Some(path) => auth::docker_config_credentials(&path, &r.registry),
        None => Ok(None),
    }
}

/// Tags are `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; digests are `alg:hex`. Both go
/// into a URL path, so anything else is refused before any request.
fn check_reference(reference: &str) -> Result<(), String> {
    if reference.contains(':') {
        blob_path(reference).map_err(|_| format!("invalid digest {reference:?}"))?;
        if !verify::supported(reference) {
            return Err(format!("unsupported digest algorithm in {reference:?}"));
        }
        return Ok(());
    }
    let ok = !reference.is_empty()
        && reference.len() <= 128
        && !reference.starts_with(['.', '-'])
        && reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!("invalid tag {reference:?}"))
    }
}

/// `GET manifests/<reference>` → (digest, bytes), verifying the bytes against
/// the reference when it is a digest and against `Docker-Content-Digest` when
/// the registry sends one.
fn fetch_manifest(client: &Client, reference: &str) -> Result<(String, Vec<u8>), ImageError> {
    let what = format!("manifest {reference}");
    let resp = client.get(
        &what,
        &format!("manifests/{reference}"),
        Some(MANIFEST_ACCEPT),
    )?;
    let header_digest = resp
        .headers()
        .get("docker-content-digest")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut raw = Vec::new();
    resp.into_body()
        .into_reader()
        .take(MAX_JSON + 1)
        .read_to_end(&mut raw)
        .map_err(|e| client.error(format!("{what}: read failed: {e}")))?;
    if raw.len() as u64 > MAX_JSON {
        return Err(client.error(format!("{what}: larger than {MAX_JSON} bytes")));
    }
    let expected = if reference.contains(':') {
        Some(reference.to_string())
    } else {
        header_digest.filter(|d| verify::supported(d))
    };
    let digest = match &expected {
        Some(e) => {
            let got = verify::digest_like(e, &raw).unwrap_or_default();
            if &got != e {
                return Err(client.error(format!(
                    "{what}: content has digest {got}, expected {e}: corrupted or tampered with"
                )));
            }
            got
        }
        None => verify::digest_like("sha256:", &raw).unwrap_or_default(),
    };
    Ok((digest, raw))
}

/// Serves nested index lookups of [`select`], which asks for `blobs/ALG/HEX`
/// locators, from the registry's manifest endpoint (where indexes live).
struct ManifestFetcher {
    client: Arc<Client>,
}

impl BlobSource for ManifestFetcher {
    fn open(&self, locator: &str) -> Result<Box<dyn Read + Send + '_>, ImageError> {
        let digest = locator
            .strip_prefix("blobs/")
            .and_then(|rest| rest.split_once('/'))
            .map(|(alg, hex)| format!("{alg}:{hex}"))
            .ok_or_else(|| self.client.error(format!("unexpected locator {locator:?}")))?;
        check_reference(&digest).map_err(|m| self.client.error(m))?;
        let (_, raw) = fetch_manifest(&self.client, &digest)?;
        Ok(Box::new(std::io::Cursor::new(raw)))
    }
    fn exists(&self, _locator: &str) -> bool {
        true
    }
}

/// Layers and config streamed from `GET /v2/<repo>/blobs/<digest>`.
struct RegistrySource {
    client: Arc<Client>,
    /// Declared sizes from the manifest, by digest (also the set of blobs we
    /// are willing to fetch).
    sizes: HashMap<String, u64>,
    progress: Option<Arc<AtomicU64>>,
}

impl BlobSource for RegistrySource {
    fn open(&self, locator: &str) -> Result<Box<dyn Read + Send + '_>, ImageError> {
        let size = *self.sizes.get(locator).ok_or_else(|| {
            self.client
                .error(format!("blob {locator} is not in the manifest"))
        })?;
        let what = format!("blob {locator}");
        let resp = self.client.get(&what, &format!("blobs/{locator}"), None)?;
        let reader = resp.into_body().into_reader();
        Ok(Box::new(verify::VerifyingReader::new(
            reader,
            locator,
            size,
            self.progress.clone(),
        )))
    }
    fn exists(&self, locator: &str) -> bool {
        self.sizes.contains_key(locator)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn references_are_checked_before_use_in_urls() {
        assert!(check_reference("latest").is_ok());
        assert!(check_reference("v1.2.3-rc_1").is_ok());
        assert!(check_reference(&format!("sha256:{}", "a".repeat(64))).is_ok());
        for bad in [
            "",
            "../x",
            "a/b",
            "a?b",
            ".x",
            "sha256:../../x",
            "md5:abcd",
            &"x".repeat(129),
        ] {
            assert!(check_reference(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn options_debug_redacts() {
        let o = RegistryOptions {
            username: Some("alice".into()),
            password: Some("hunter2".into()),
            ..Default::default()
        };
        let s = format!("{o:?}");
        assert!(!s.contains("alice") && !s.contains("hunter2"), "{s}");
        assert!(s.contains("<redacted>"));
    }

    #[test]
    fn half_credentials_are_refused() {
        let r = RegistryRef::parse("127.0.0.1:1/a/b:1").unwrap();
        let o = RegistryOptions {
            username: Some("alice".into()),
            ..Default::default()
        };
        let e = credentials(&r, &o).unwrap_err().to_string();
        assert!(e.contains("must be given together"), "{e}");
    }
}
