//! Refreshing the database from an osv.dev-style mirror: fetch
//! `<mirror>/<Ecosystem>/all.zip` for each requested ecosystem (HTTP(S) via
//! `ureq`, or `file://` for air-gapped mirrors), then build a new database that
//! keeps every other ecosystem from the old one and swap it in atomically.
//!
//! All downloads complete before the build starts, and the build happens in a
//! temporary file: a network error, an HTTP error status or a corrupt archive
//! leaves the old database serving. This is the only module that touches the
//! network; it has no retry or scheduling policy (the CLI decides when).

use crate::error::{io, Error, Result};
use crate::store::{Builder, ImportSummary, Progress};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// osv.dev's public bucket.
pub const DEFAULT_MIRROR: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// Largest archive downloaded (bytes). osv.dev's biggest `all.zip` files are
/// a few hundred MiB; this bounds disk use against a hostile mirror.
pub const MAX_DOWNLOAD_BYTES: u64 = 4 << 30;

/// Where one ecosystem's archive is: a local file, or a URL to fetch.
enum Fetch {
    Local(PathBuf),
    Remote(String),
}

/// The archive location for `ecosystem` under `mirror`.
fn locate(mirror: &str, ecosystem: &str) -> Result<Fetch> {
    let mirror = mirror.trim_end_matches('/');
    if let Some(path) = mirror.strip_prefix("file://") {
        if path.is_empty() {
            return Err(Error::MirrorUrl(mirror.to_string()));
        }
        return Ok(Fetch::Local(
            Path::new(path).join(ecosystem).join("all.zip"),
        ));
    }
    if mirror.starts_with("https://") || mirror.starts_with("http://") {
        // Ecosystem names may contain spaces ("Rocky Linux") and colons.
        let mut enc = String::with_capacity(ecosystem.len());
        for b in ecosystem.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                enc.push(b as char);
            } else {
                enc.push_str(&format!("%{b:02X}"));
            }
        }
        return Ok(Fetch::Remote(format!("{mirror}/{enc}/all.zip")));
    }
    Err(Error::MirrorUrl(mirror.to_string()))
}

/// Downloads `url` into a new file at `dest`, at most [`MAX_DOWNLOAD_BYTES`].
fn download(url: &str, dest: &Path) -> Result<()> {
    let fail = |message: String| Error::Download {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_global(Some(Duration::from_secs(60 * 60)))
        .build()
        .into();
    let resp = agent.get(url).call().map_err(|e| fail(e.to_string()))?;
    let mut reader = resp
        .into_body()
        .into_with_config()
        .limit(MAX_DOWNLOAD_BYTES)
        .reader();
    let file = File::create(dest).map_err(io(dest))?;
    let mut out = BufWriter::new(file);
    std::io::copy(&mut reader, &mut out).map_err(|e| fail(e.to_string()))?;
    out.flush().map_err(io(dest))?;
    Ok(())
}

/// Deletes a downloaded archive when the update ends, however it ends.
struct Scratch(Vec<PathBuf>);

impl Drop for Scratch {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Downloads `ecosystems` (osv.dev top-level names: `Debian`, `PyPI`,
/// `Rocky Linux`…) from `mirror` (default [`DEFAULT_MIRROR`]; `file:///dir`
/// for a local mirror with the same layout), rebuilds the database in `dir`
/// with them replacing their previous data and every other ecosystem kept,
/// and swaps it in. On any error the old database is untouched.
pub fn update(
    dir: &Path,
    ecosystems: &[&str],
    mirror: Option<&str>,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<ImportSummary> {
    let mirror = mirror.unwrap_or(DEFAULT_MIRROR);
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut scratch = Scratch(Vec::new());
    let mut archives = Vec::new();
    for (i, eco) in ecosystems.iter().enumerate() {
        match locate(mirror, eco)? {
            Fetch::Local(p) => {
                if !p.is_file() {
                    return Err(Error::Io {
                        path: p,
                        source: std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            "no such archive in the mirror",
                        ),
                    });
                }
                archives.push((
                    eco.to_string(),
                    p.clone(),
                    format!("file://{}", p.display()),
                ));
            }
            Fetch::Remote(url) => {
                let dest = dir.join(format!(".download-{}-{i}.zip", std::process::id()));
                scratch.0.push(dest.clone());
                download(&url, &dest)?;
                archives.push((eco.to_string(), dest, url));
            }
        }
    }
    let mut b = Builder::create(dir)?;
    let replaced: Vec<String> = ecosystems.iter().map(|e| e.to_string()).collect();
    b.keep_from_existing(&replaced)?;
    for (eco, path, label) in &archives {
        b.import_zip(path, eco, label, progress)?;
    }
    b.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn mirror_urls() {
        match locate("https://m.example/", "Rocky Linux").unwrap() {
            Fetch::Remote(u) => assert_eq!(u, "https://m.example/Rocky%20Linux/all.zip"),
            Fetch::Local(_) => panic!("expected remote"),
        }
        match locate("file:///srv/osv", "PyPI").unwrap() {
            Fetch::Local(p) => assert_eq!(p, Path::new("/srv/osv/PyPI/all.zip")),
            Fetch::Remote(_) => panic!("expected local"),
        }
        assert!(matches!(
            locate("ftp://x", "PyPI"),
            Err(Error::MirrorUrl(_))
        ));
        assert!(matches!(
            locate("file://", "PyPI"),
            Err(Error::MirrorUrl(_))
        ));
    }
}
