//! The scan pipeline: where image layers and directory trees meet analyzers.
//!
//! Every layer is read exactly once, as a stream: for each entry, every analyzer
//! is asked (cheaply, by path and metadata) whether it wants the file, and only
//! then is the content read into memory, bounded by the analyzer's `max_size`.
//! Layers are processed in parallel (rayon) and each layer's result is cached by
//! diff_id (see [`Cache`]); assembly into the final filesystem's inventory is
//! `mamori_inventory::assemble`.
//!
//! This crate does not know output formats, the CLI, or vulnerability data.

mod cache;
mod facts;
mod present;

pub use cache::{Cache, CacheError};
pub use facts::{CacheUse, FactSpec, LayerFacts, SpecialFile, SpecialKind};
pub use present::PathSet;

use mamori_image::{walk_dir, walk_layer, Entry, EntryKind, Image, ImageError, WalkLimits};
use mamori_inventory::{
    all_analyzers, analyzers_fingerprint, Analysis, Analyzer, FileMeta, Inventory, LayerAnalysis,
};
use mamori_malware::{MalwareScanner, Session as MalwareSession};
use mamori_secrets::Scanner as SecretScanner;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// Scan failures. Unreadable individual files are not errors (they are logged);
/// an unreadable layer or directory is.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The image could not be read.
    #[error(transparent)]
    Image(#[from] ImageError),
}

/// Events for progress display.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A layer's analysis started (index, compressed size when known).
    LayerStarted(usize, u64),
    /// A layer was served from the cache.
    LayerCached(usize),
    /// A layer's analysis finished (index, entries seen).
    LayerDone(usize, u64),
}

/// Options for a scan.
#[derive(Default)]
pub struct ScanOptions<'a> {
    /// Layer cache; `None` forces a cold scan.
    pub cache: Option<&'a Cache>,
    /// Safety limits per layer or tree.
    pub limits: WalkLimits,
    /// Progress callback.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// Secret scanner; when set, every file it wants is scanned in every layer
    /// (also files a later layer deletes: they are still in the image).
    pub secrets: Option<&'a SecretScanner>,
    /// Malware scanner; when set, every regular file within its size limit is
    /// scanned in every layer.
    pub malware: Option<&'a MalwareScanner>,
    /// File facts to record for image configuration checks (setuid/setgid,
    /// world-writable, package caches); `None` records nothing.
    pub facts: Option<&'a FactSpec>,
}

/// What one layer (or directory tree) yielded: the analyzers' results and the
/// secrets found in its files. This is what the layer cache stores.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LayerResult {
    /// Package analyzers' results.
    pub analysis: LayerAnalysis,
    /// Secrets in this layer's files (paths without a leading `/`).
    #[serde(default)]
    pub secrets: Vec<mamori_secrets::Finding>,
    /// Malware found in this layer's files.
    #[serde(default)]
    pub malware: Vec<mamori_malware::Finding>,
    /// File facts for image configuration checks.
    #[serde(default)]
    pub facts: LayerFacts,
    /// Every path this layer has an entry at, recorded for image layers when
    /// secrets, malware or facts are (see [`deleted_later`]).
    #[serde(default)]
    pub present: PathSet,
}

impl From<LayerAnalysis> for LayerResult {
    fn from(analysis: LayerAnalysis) -> Self {
        LayerResult {
            analysis,
            ..LayerResult::default()
        }
    }
}

/// What an image scan found.
#[derive(Debug, Clone)]
pub struct ImageScan {
    /// Packages of the final filesystem, each with the layer that introduced it.
    pub inventory: Inventory,
    /// Per-layer results, base first (also what the cache stores).
    pub layers: Vec<LayerResult>,
}

/// Feeds one file to every analyzer (and the secret scanner) that wants it,
/// reading its content at most once.
struct Dispatcher<'a> {
    analyzers: Vec<Box<dyn Analyzer>>,
    secrets: Option<&'a SecretScanner>,
    facts: Option<&'a FactSpec>,
    /// Record [`LayerResult::present`]: only the per-file findings need it.
    track_paths: bool,
}

impl<'a> Dispatcher<'a> {
    /// `layered`: the entries come from image layers, where later layers can
    /// replace paths (a directory tree has one version of each path).
    fn new(options: &ScanOptions<'a>, layered: bool) -> Dispatcher<'a> {
        Dispatcher {
            analyzers: all_analyzers(),
            secrets: options.secrets,
            facts: options.facts,
            track_paths: layered
                && (options.secrets.is_some()
                    || options.malware.is_some()
                    || options.facts.is_some()),
        }
    }

    /// Visits one entry, appending to `out` when an analyzer wanted its path.
    fn visit(
        &self,
        entry: &Entry,
        reader: &mut dyn Read,
        out: &mut LayerResult,
        malware: &mut Option<MalwareSession<'a>>,
        origin: &str,
    ) {
        match entry.kind {
            EntryKind::Whiteout => {
                out.analysis.whiteouts.push(entry.path.clone());
                return;
            }
            EntryKind::Opaque => {
                out.analysis.opaque_dirs.push(entry.path.clone());
                return;
            }
            _ => {}
        }
        if self.track_paths {
            out.present.insert(&entry.path);
        }
        if let Some(spec) = self.facts {
            out.facts.record(spec, entry);
        }
        let meta = FileMeta {
            size: entry.size,
            mode: entry.mode,
        };
        let wanted: Vec<&dyn Analyzer> = self
            .analyzers
            .iter()
            .map(|a| a.as_ref())
            .filter(|a| a.required(&entry.path, &meta))
            .collect();
        let secret = entry.kind == EntryKind::File
            && self
                .secrets
                .is_some_and(|s| s.wants(&entry.path, entry.size));
        let malware_wanted =
            entry.kind == EntryKind::File && malware.as_ref().is_some_and(|s| s.wants(entry.size));
        if wanted.is_empty() && !secret && !malware_wanted {
            return;
        }
        let mut merged = Analysis::default();
        if entry.kind == EntryKind::File {
            let analyzer_limit = wanted.iter().map(|a| a.max_size()).max().unwrap_or(0);
            let limit = if secret || malware_wanted {
                analyzer_limit.max(entry.size)
            } else {
                analyzer_limit
            };
            if entry.size > limit {
                tracing::warn!(
                    "{origin}: /{}: {} bytes exceeds the {limit}-byte limit; skipped",
                    entry.path,
                    entry.size
                );
            } else {
                let mut content = Vec::with_capacity(entry.size as usize);
                match reader.take(limit).read_to_end(&mut content) {
                    Ok(_) => {
                        for a in &wanted {
                            if content.len() as u64 > a.max_size() {
                                tracing::warn!(
                                    "{origin}: /{}: {} bytes exceeds the {}-byte limit of {}; skipped",
                                    entry.path,
                                    content.len(),
                                    a.max_size(),
                                    a.id()
                                );
                                continue;
                            }
                            match a.analyze(&entry.path, &content) {
                                Ok(r) => {
                                    merged.packages.extend(r.packages);
                                    merged.owned_files.extend(r.owned_files);
                                    if merged.os.is_none() {
                                        merged.os = r.os;
                                    }
                                }
                                Err(e) => tracing::warn!("{origin}: {} analyzer: {e}", a.id()),
                            }
                        }
                        if let (true, Some(scanner)) = (secret, self.secrets) {
                            out.secrets.extend(scanner.scan(&entry.path, &content));
                        }
                        if let (true, Some(session)) = (malware_wanted, malware.as_mut()) {
                            match session.scan(&entry.path, &content) {
                                Ok(found) => out.malware.extend(found),
                                Err(e) => tracing::warn!("{origin}: {e}"),
                            }
                        }
                    }
                    Err(e) => tracing::warn!("{origin}: /{}: cannot read: {e}", entry.path),
                }
            }
        }
        if !wanted.is_empty() {
            // Recorded even when empty so that it hides what lower layers had at this path.
            out.analysis.files.push((entry.path.clone(), merged));
        }
    }
}

/// The cache key part that changes when any analyzer or scanner changes.
fn fingerprint(options: &ScanOptions<'_>) -> String {
    let mut f = analyzers_fingerprint();
    if let Some(m) = options.malware {
        f.push_str(&format!(",malware:{}", m.fingerprint()));
    }
    if let Some(spec) = options.facts {
        f.push_str(&format!(",facts:{}", spec.fingerprint()));
    }
    if options.secrets.is_some() {
        f.push_str(&format!(
            ",{}@{}",
            mamori_secrets::SCANNER_ID,
            mamori_secrets::SCANNER_VERSION
        ));
    }
    f
}

/// Analyzes every layer of `image` (in parallel, through the cache) and
/// assembles the final inventory.
pub fn scan_image(image: &Image, options: &ScanOptions<'_>) -> Result<ImageScan, ScanError> {
    let fingerprint = fingerprint(options);
    let dispatcher = Dispatcher::new(options, true);
    let layers: Vec<LayerResult> = (0..image.layers.len())
        .into_par_iter()
        .map(|i| -> Result<LayerResult, ScanError> {
            let layer = &image.layers[i];
            if let Some(cache) = options.cache {
                if let Some(hit) = cache.get(&layer.diff_id, &fingerprint) {
                    if let Some(p) = options.progress {
                        p(Progress::LayerCached(i));
                    }
                    return Ok(hit);
                }
            }
            if let Some(p) = options.progress {
                p(Progress::LayerStarted(i, layer.size));
            }
            let mut out = LayerResult::from(LayerAnalysis {
                diff_id: Some(layer.diff_id.clone()),
                ..LayerAnalysis::default()
            });
            let origin = format!("layer {}", layer.diff_id);
            // One YARA session per layer: sessions are single-threaded.
            let mut malware = options.malware.map(MalwareScanner::session);
            let stats = walk_layer(
                image.open_layer(i)?,
                &layer.digest,
                &options.limits,
                &mut |entry, reader| {
                    dispatcher.visit(entry, reader, &mut out, &mut malware, &origin);
                    Ok(())
                },
            )?;
            out.present.finish();
            if let Some(p) = options.progress {
                p(Progress::LayerDone(i, stats.entries));
            }
            if let Some(cache) = options.cache {
                cache.put(&fingerprint, &out);
            }
            Ok(out)
        })
        .collect::<Result<_, _>>()?;
    let analyses: Vec<LayerAnalysis> = layers.iter().map(|l| l.analysis.clone()).collect();
    let inventory = mamori_inventory::assemble(&analyses);
    Ok(ImageScan { inventory, layers })
}

/// True when a layer after `index` deletes `path` (a whiteout of it or of a
/// parent, or an opaque parent directory) or replaces it (an entry at the same
/// path, e.g. the copy a `chmod u-s` makes): what layer `index` had there is
/// not in the final filesystem but still ships inside the image.
pub fn deleted_later(layers: &[LayerResult], index: usize, path: &str) -> bool {
    let d = present::digest(path);
    layers.iter().skip(index + 1).any(|later| {
        later.present.contains_digest(d)
            || later
                .analysis
                .whiteouts
                .iter()
                .any(|w| mamori_inventory::path_is_under(path, w))
            || later
                .analysis
                .opaque_dirs
                .iter()
                .any(|d| mamori_inventory::path_is_under(path, d) && path != d)
    })
}

/// Directories never descended into by `fs`/`rootfs` scans: virtual filesystems
/// and VCS metadata.
const SKIP_DIRS: &[&str] = &[".git", ".hg", ".svn"];

/// What a directory scan found.
#[derive(Debug, Clone)]
pub struct DirScan {
    /// Packages.
    pub inventory: Inventory,
    /// Secrets (paths relative to the root).
    pub secrets: Vec<mamori_secrets::Finding>,
    /// Malware (paths relative to the root).
    pub malware: Vec<mamori_malware::Finding>,
}

/// Analyzes a directory tree (a project for `mamori fs`, an unpacked root
/// filesystem for `mamori rootfs`) without following symlinks.
pub fn scan_dir(root: &Path, options: &ScanOptions<'_>) -> Result<DirScan, ScanError> {
    let dispatcher = Dispatcher::new(options, false);
    let mut malware = options.malware.map(MalwareScanner::session);
    let mut out = LayerResult::default();
    let origin = root.display().to_string();
    let mut skip: Vec<&str> = SKIP_DIRS.to_vec();
    // A root filesystem's kernel views are not files to analyze.
    if root.join("proc").is_dir() && root.join("etc").is_dir() {
        skip.extend(["proc", "sys", "dev"]);
    }
    walk_dir(root, &options.limits, &skip, &mut |entry, reader| {
        dispatcher.visit(entry, reader, &mut out, &mut malware, &origin);
        Ok(())
    })?;
    Ok(DirScan {
        inventory: mamori_inventory::assemble(&[out.analysis]),
        secrets: out.secrets,
        malware: out.malware,
    })
}
