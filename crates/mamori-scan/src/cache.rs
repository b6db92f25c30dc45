//! The layer cache: per-layer analysis results keyed by the layer's diff_id and
//! the analyzers' `(id, version)` fingerprint, so a warm rescan reads no layer.
//!
//! Entries are JSON files written to a temporary file in the cache directory and
//! renamed into place, so concurrent mamori processes never observe a partial
//! entry (two writers of the same key both write complete, identical content).
//! The cache is bounded: after each write, the least recently used entries are
//! removed until the total size is under the limit. A corrupt or unreadable
//! entry is treated as a miss.

use crate::LayerResult;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Bumped when the cache entry format changes.
const FORMAT: u32 = 4;

/// A directory of cached layer analyses.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    max_bytes: u64,
}

/// Cache errors (only `clean` and `open` report them; lookups degrade to misses).
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The cache directory could not be created or read.
    #[error("cache {path}: {err}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        err: std::io::Error,
    },
}

impl Cache {
    /// Opens (creating if needed) a cache in `dir` limited to `max_bytes`.
    pub fn open(dir: &Path, max_bytes: u64) -> Result<Cache, CacheError> {
        let layers = dir.join("layers");
        std::fs::create_dir_all(&layers).map_err(|source| CacheError::Io {
            path: layers.clone(),
            err: source,
        })?;
        Ok(Cache {
            dir: dir.to_path_buf(),
            max_bytes,
        })
    }

    /// The default location: `$MAMORI_CACHE_DIR`, else `$XDG_CACHE_HOME/mamori`, else `~/.cache/mamori`.
    pub fn default_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("MAMORI_CACHE_DIR") {
            return PathBuf::from(d);
        }
        if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
            return PathBuf::from(d).join("mamori");
        }
        match std::env::var_os("HOME") {
            Some(h) => PathBuf::from(h).join(".cache").join("mamori"),
            None => std::env::temp_dir().join("mamori-cache"),
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_path(&self, diff_id: &str, fingerprint: &str) -> PathBuf {
        let mut h = Sha256::new();
        h.update(format!("{FORMAT}\n{diff_id}\n{fingerprint}").as_bytes());
        self.dir
            .join("layers")
            .join(format!("{}.json", hex::encode(h.finalize())))
    }

    /// Looks up a layer analysis.
    pub fn get(&self, diff_id: &str, fingerprint: &str) -> Option<LayerResult> {
        let path = self.entry_path(diff_id, fingerprint);
        let bytes = std::fs::read(&path).ok()?;
        match serde_json::from_slice::<LayerResult>(&bytes) {
            Ok(a) if a.analysis.diff_id.as_deref() == Some(diff_id) => {
                // Mark as recently used for eviction.
                if let Ok(f) = std::fs::File::options().append(true).open(&path) {
                    let _ = f.set_modified(SystemTime::now());
                }
                Some(a)
            }
            _ => {
                tracing::debug!(path = %path.display(), "ignoring corrupt cache entry");
                None
            }
        }
    }

    /// Stores a layer analysis; failures are logged, never fatal.
    pub fn put(&self, fingerprint: &str, analysis: &LayerResult) {
        let Some(diff_id) = analysis.analysis.diff_id.as_deref() else {
            return;
        };
        let path = self.entry_path(diff_id, fingerprint);
        let result = (|| -> std::io::Result<()> {
            let dir = self.dir.join("layers");
            let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
            serde_json::to_writer(&mut tmp, analysis)?;
            tmp.flush()?;
            tmp.persist(&path).map_err(|e| e.error)?;
            Ok(())
        })();
        if let Err(e) = result {
            tracing::warn!("cannot write layer cache entry {}: {e}", path.display());
            return;
        }
        self.evict();
    }

    /// Total size and entries, oldest first.
    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let mut v = Vec::new();
        if let Ok(rd) = std::fs::read_dir(self.dir.join("layers")) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "json") {
                    if let Ok(m) = e.metadata() {
                        v.push((p, m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
                    }
                }
            }
        }
        v.sort_by_key(|e| e.2);
        v
    }

    /// Removes least recently used entries until the cache fits its limit.
    pub fn evict(&self) {
        let entries = self.entries();
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        for (path, size, _) in entries {
            if total <= self.max_bytes {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total = total.saturating_sub(size);
            }
        }
    }

    /// `(entries, bytes)` currently stored.
    pub fn usage(&self) -> (usize, u64) {
        let e = self.entries();
        (e.len(), e.iter().map(|x| x.1).sum())
    }

    /// Removes every entry; returns how many were removed.
    pub fn clean(&self) -> Result<usize, CacheError> {
        let mut n = 0;
        for (p, _, _) in self.entries() {
            std::fs::remove_file(&p).map_err(|source| CacheError::Io {
                path: p.clone(),
                err: source,
            })?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use mamori_inventory::LayerAnalysis;

    fn analysis(id: &str, pad: usize) -> LayerResult {
        LayerResult::from(LayerAnalysis {
            diff_id: Some(id.into()),
            whiteouts: vec!["x".repeat(pad)],
            ..LayerAnalysis::default()
        })
    }

    #[test]
    fn roundtrip_eviction_and_clean() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), 5_000).unwrap();
        assert!(cache.get("sha256:a", "fp").is_none());
        cache.put("fp", &analysis("sha256:a", 10));
        assert_eq!(
            cache.get("sha256:a", "fp").unwrap().analysis.whiteouts[0].len(),
            10
        );
        // Another fingerprint (analyzer bumped) misses.
        assert!(cache.get("sha256:a", "fp2").is_none());
        // Fill beyond the bound: older entries go.
        for i in 0..10 {
            std::thread::sleep(std::time::Duration::from_millis(5));
            cache.put("fp", &analysis(&format!("sha256:{i}"), 1000));
        }
        let (n, bytes) = cache.usage();
        assert!(bytes <= 5_000, "{bytes}");
        assert!(n < 11);
        assert!(cache.get("sha256:9", "fp").is_some(), "newest entry kept");
        // Corrupt entry is a miss.
        std::fs::write(cache.entry_path("sha256:9", "fp"), b"{not json").unwrap();
        assert!(cache.get("sha256:9", "fp").is_none());
        assert!(cache.clean().unwrap() > 0);
        assert_eq!(cache.usage().0, 0);
    }

    #[test]
    fn concurrent_writers() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), 1 << 30).unwrap();
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..20 {
                        cache.put("fp", &analysis("sha256:same", 2000));
                        if let Some(a) = cache.get("sha256:same", "fp") {
                            assert_eq!(a.analysis.whiteouts[0].len(), 2000);
                        }
                    }
                });
            }
        });
        assert_eq!(cache.usage().0, 1);
    }
}
