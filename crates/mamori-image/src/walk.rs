//! Streaming walks: image layers (tar, optionally gzip or zstd compressed) and
//! directory trees, each presented as a sequence of [`Entry`]s with a reader.
//!
//! Nothing is written to disk and nothing is buffered beyond what the visitor
//! reads. Whiteouts become explicit [`EntryKind::Whiteout`] / [`EntryKind::Opaque`]
//! entries; paths are normalised and entries whose path climbs above the root
//! (`../../etc/passwd`) are dropped and counted. Safety limits bound the number
//! of entries and the number of uncompressed bytes (decompression bombs); hitting
//! one is an error, never a silently truncated result.

use crate::{normalize_path, ImageError};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What kind of filesystem object an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file; the reader yields its content.
    File,
    /// A directory.
    Dir,
    /// A symbolic link (`link` holds the target as written).
    Symlink,
    /// A hard link to another path of the same layer (`link`, normalised).
    Hardlink,
    /// `path` (and everything under it) is deleted from lower layers.
    Whiteout,
    /// The directory `path` hides everything lower layers put in it.
    Opaque,
    /// Devices, FIFOs and the like.
    Other,
}

/// One filesystem object of a layer or directory.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Normalised path relative to the root, without a leading `/`.
    pub path: String,
    /// Kind.
    pub kind: EntryKind,
    /// Size in bytes (files).
    pub size: u64,
    /// Permission bits including setuid/setgid/sticky.
    pub mode: u32,
    /// Link target for symlinks and hard links.
    pub link: Option<String>,
}

/// Safety limits for a walk.
#[derive(Debug, Clone)]
pub struct WalkLimits {
    /// Maximum number of entries in one layer or tree.
    pub max_entries: u64,
    /// Maximum uncompressed bytes in one layer.
    pub max_bytes: u64,
}

impl Default for WalkLimits {
    fn default() -> Self {
        WalkLimits {
            max_entries: 10_000_000,
            max_bytes: 64 << 30,
        }
    }
}

/// Counters from a walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkStats {
    /// Entries seen.
    pub entries: u64,
    /// Uncompressed bytes read.
    pub bytes: u64,
    /// Entries dropped because their path escaped the root.
    pub escaping: u64,
}

/// Counts bytes flowing out of the decompressor and fails past the limit.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
    limit: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let total = self.count.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        if total > self.limit {
            return Err(std::io::Error::other(format!(
                "more than {} uncompressed bytes (decompression bomb?)",
                self.limit
            )));
        }
        Ok(n)
    }
}

/// Wraps `raw` in the right decompressor, detected from its first bytes.
fn decompress<'a>(raw: Box<dyn Read + Send + 'a>) -> std::io::Result<Box<dyn Read + Send + 'a>> {
    let mut buf = BufReader::with_capacity(256 << 10, raw);
    let head = buf.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(flate2::bufread::MultiGzDecoder::new(buf)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Ok(Box::new(zstd::stream::read::Decoder::with_buffer(buf)?))
    } else {
        Ok(Box::new(buf))
    }
}

/// Streams one layer, calling `visit` for every entry. The visitor may read the
/// entry's content from the reader it is given (files only); whatever it does
/// not read is skipped.
pub fn walk_layer<'a>(
    raw: Box<dyn Read + Send + 'a>,
    digest: &str,
    limits: &WalkLimits,
    visit: &mut dyn FnMut(&Entry, &mut dyn Read) -> Result<(), ImageError>,
) -> Result<WalkStats, ImageError> {
    let err = |m: String| ImageError::Layer {
        layer: digest.to_string(),
        message: m,
    };
    let count = Arc::new(AtomicU64::new(0));
    let reader = Counting {
        inner: decompress(raw).map_err(|e| err(format!("cannot read: {e}")))?,
        count: count.clone(),
        limit: limits.max_bytes,
    };
    let mut archive = tar::Archive::new(reader);
    let mut stats = WalkStats::default();
    let entries = archive
        .entries()
        .map_err(|e| err(format!("not a tar stream: {e}")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| err(format!("corrupt tar stream: {e}")))?;
        stats.entries += 1;
        if stats.entries > limits.max_entries {
            return Err(err(format!("more than {} entries", limits.max_entries)));
        }
        let raw_path = match entry.path() {
            Ok(p) => p.to_string_lossy().into_owned(),
            Err(_) => continue,
        };
        let Some(path) = normalize_path(&raw_path) else {
            if raw_path.split('/').any(|s| s == "..") {
                stats.escaping += 1;
                tracing::warn!(
                    layer = digest,
                    path = raw_path,
                    "entry escapes the root; ignored"
                );
            }
            continue;
        };
        let header = entry.header();
        let mode = header.mode().unwrap_or(0o644);
        let size = header.size().unwrap_or(0);
        let et = header.entry_type();
        let (dir, base) = match path.rsplit_once('/') {
            Some((d, b)) => (d, b),
            None => ("", path.as_str()),
        };
        let (kind, path, link) = if base == ".wh..wh..opq" {
            (EntryKind::Opaque, dir.to_string(), None)
        } else if let Some(target) = base.strip_prefix(".wh.") {
            let p = if dir.is_empty() {
                target.to_string()
            } else {
                format!("{dir}/{target}")
            };
            (EntryKind::Whiteout, p, None)
        } else if et.is_file()
            || et == tar::EntryType::Continuous
            || et == tar::EntryType::GNUSparse
        {
            (EntryKind::File, path, None)
        } else if et.is_dir() {
            (EntryKind::Dir, path, None)
        } else if et.is_symlink() {
            let target = entry
                .link_name()
                .ok()
                .flatten()
                .map(|l| l.to_string_lossy().into_owned());
            (EntryKind::Symlink, path, target)
        } else if et.is_hard_link() {
            let target = entry
                .link_name()
                .ok()
                .flatten()
                .and_then(|l| normalize_path(&l.to_string_lossy()));
            (EntryKind::Hardlink, path, target)
        } else {
            (EntryKind::Other, path, None)
        };
        let e = Entry {
            path,
            kind,
            size,
            mode,
            link,
        };
        visit(&e, &mut entry)?;
    }
    // Read past the tar end marker to the end of the blob (padding, compressed
    // trailer): sources that verify digests as they stream (registries) can
    // only report a mismatch once the whole blob has been read.
    std::io::copy(&mut archive.into_inner(), &mut std::io::sink())
        .map_err(|e| err(format!("cannot read: {e}")))?;
    stats.bytes = count.load(Ordering::Relaxed);
    Ok(stats)
}

/// Walks a directory tree without following symbolic links, presenting it like
/// a single layer. Unreadable entries are logged and skipped.
pub fn walk_dir(
    root: &Path,
    limits: &WalkLimits,
    skip_dirs: &[&str],
    visit: &mut dyn FnMut(&Entry, &mut dyn Read) -> Result<(), ImageError>,
) -> Result<WalkStats, ImageError> {
    use std::os::unix::fs::PermissionsExt;
    if !root.is_dir() {
        return Err(ImageError::invalid(
            root.display().to_string(),
            "not a directory",
        ));
    }
    let mut stats = WalkStats::default();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            !(e.file_type().is_dir()
                && e.depth() > 0
                && skip_dirs.contains(&e.file_name().to_string_lossy().as_ref()))
        });
    for item in walker {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                tracing::debug!("skipping unreadable entry: {e}");
                continue;
            }
        };
        if item.depth() == 0 {
            continue;
        }
        stats.entries += 1;
        if stats.entries > limits.max_entries {
            return Err(ImageError::invalid(
                root.display().to_string(),
                format!("more than {} entries", limits.max_entries),
            ));
        }
        let Ok(rel) = item.path().strip_prefix(root) else {
            continue;
        };
        let Some(path) = normalize_path(&rel.to_string_lossy()) else {
            continue;
        };
        let Ok(meta) = item.path().symlink_metadata() else {
            continue;
        };
        let ft = meta.file_type();
        let mode = meta.permissions().mode() & 0o7777;
        if ft.is_file() {
            let e = Entry {
                path,
                kind: EntryKind::File,
                size: meta.len(),
                mode,
                link: None,
            };
            // Opened lazily by the visitor through this reader: a file nobody asks for is never read.
            let mut lazy = LazyFile {
                path: item.path(),
                file: None,
            };
            visit(&e, &mut lazy)?;
            stats.bytes += meta.len();
        } else if ft.is_symlink() {
            let link = std::fs::read_link(item.path())
                .ok()
                .map(|l| l.to_string_lossy().into_owned());
            visit(
                &Entry {
                    path,
                    kind: EntryKind::Symlink,
                    size: 0,
                    mode,
                    link,
                },
                &mut std::io::empty(),
            )?;
        } else if ft.is_dir() {
            visit(
                &Entry {
                    path,
                    kind: EntryKind::Dir,
                    size: 0,
                    mode,
                    link: None,
                },
                &mut std::io::empty(),
            )?;
        }
    }
    Ok(stats)
}

struct LazyFile<'a> {
    path: &'a Path,
    file: Option<std::fs::File>,
}

impl Read for LazyFile<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.file.is_none() {
            self.file = Some(std::fs::File::open(self.path)?);
        }
        match self.file.as_mut() {
            Some(f) => f.read(buf),
            None => Ok(0),
        }
    }
}
