//! File facts recorded during the layer walk for image configuration checks:
//! setuid/setgid files, world-writable files and directories, and package
//! manager caches. Only metadata is looked at (no content is read), so
//! recording costs nothing measurable; counts are capped so a hostile layer
//! cannot grow the result without bound.
//!
//! What counts as a finding is the checks' business (`mamori-config`'s
//! `image` group); this module only records.

use mamori_image::{Entry, EntryKind};
use serde::{Deserialize, Serialize};

/// Most special files recorded per layer; the rest are counted in
/// [`LayerFacts::truncated`].
const MAX_SPECIAL: usize = 2_000;

/// What to record, supplied by the checks that use it.
#[derive(Debug, Clone, Default)]
pub struct FactSpec {
    /// `(cache name, directory)` pairs, e.g. `("apt package lists",
    /// "var/lib/apt/lists")`: regular files below a directory are summed.
    pub cache_dirs: Vec<(String, String)>,
}

impl FactSpec {
    /// Changes when the spec changes (part of layer cache keys).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(b"facts@1\n");
        for (name, dir) in &self.cache_dirs {
            h.update(format!("{name}\t{dir}\n"));
        }
        hex::encode(&h.finalize()[..8])
    }
}

/// Why a file was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialKind {
    /// Regular file with the setuid bit.
    Setuid,
    /// Regular file with the setgid bit (and not setuid).
    Setgid,
    /// Regular file writable by everyone.
    WorldWritable,
    /// Directory writable by everyone without the sticky bit.
    WorldWritableDir,
}

/// A recorded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialFile {
    /// Path without a leading `/`.
    pub path: String,
    /// Why it was recorded.
    pub kind: SpecialKind,
    /// Permission bits.
    pub mode: u32,
}

/// Bytes left in one package manager cache by one layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheUse {
    /// Cache name from the [`FactSpec`].
    pub cache: String,
    /// Directory.
    pub dir: String,
    /// Regular files in it.
    pub files: u64,
    /// Their total size.
    pub bytes: u64,
}

/// Facts of one layer (or directory tree).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerFacts {
    /// Setuid/setgid/world-writable entries, in walk order.
    pub special: Vec<SpecialFile>,
    /// Package caches with at least one file.
    pub caches: Vec<CacheUse>,
    /// Special files not recorded because of the per-layer cap.
    #[serde(default)]
    pub truncated: u64,
}

impl LayerFacts {
    /// Records `entry` if it is special or inside a cache directory.
    pub(crate) fn record(&mut self, spec: &FactSpec, entry: &Entry) {
        let kind = match entry.kind {
            EntryKind::File if entry.mode & 0o4000 != 0 => Some(SpecialKind::Setuid),
            EntryKind::File if entry.mode & 0o2000 != 0 => Some(SpecialKind::Setgid),
            EntryKind::File if entry.mode & 0o002 != 0 => Some(SpecialKind::WorldWritable),
            EntryKind::Dir if entry.mode & 0o002 != 0 && entry.mode & 0o1000 == 0 => {
                Some(SpecialKind::WorldWritableDir)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            if self.special.len() < MAX_SPECIAL {
                self.special.push(SpecialFile {
                    path: entry.path.clone(),
                    kind,
                    mode: entry.mode & 0o7777,
                });
            } else {
                self.truncated += 1;
            }
        }
        if entry.kind != EntryKind::File {
            return;
        }
        for (name, dir) in &spec.cache_dirs {
            let inside = entry
                .path
                .strip_prefix(dir.as_str())
                .is_some_and(|rest| rest.starts_with('/') && rest.len() > 1);
            if !inside {
                continue;
            }
            match self.caches.iter_mut().find(|c| c.dir == *dir) {
                Some(c) => {
                    c.files += 1;
                    c.bytes += entry.size;
                }
                None => self.caches.push(CacheUse {
                    cache: name.clone(),
                    dir: dir.clone(),
                    files: 1,
                    bytes: entry.size,
                }),
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, kind: EntryKind, mode: u32, size: u64) -> Entry {
        Entry {
            path: path.into(),
            kind,
            size,
            mode,
            link: None,
        }
    }

    #[test]
    fn records_special_modes_and_caches() {
        let spec = FactSpec {
            cache_dirs: vec![("apt lists".into(), "var/lib/apt/lists".into())],
        };
        let mut f = LayerFacts::default();
        for e in [
            entry("usr/bin/su", EntryKind::File, 0o4755, 10),
            entry("usr/bin/wall", EntryKind::File, 0o2755, 10),
            entry("opt/app/run.sh", EntryKind::File, 0o777, 10),
            entry("tmp", EntryKind::Dir, 0o1777, 0),
            entry("data", EntryKind::Dir, 0o777, 0),
            entry("usr/bin/ls", EntryKind::File, 0o755, 10),
            entry("lib/x", EntryKind::Symlink, 0o777, 0),
            entry(
                "var/lib/apt/lists/deb.debian.org_Packages",
                EntryKind::File,
                0o644,
                1000,
            ),
            entry("var/lib/apt/lists/lock", EntryKind::File, 0o640, 0),
            entry("var/lib/apt/lists", EntryKind::Dir, 0o755, 0),
            entry("var/lib/apt/listsX/y", EntryKind::File, 0o644, 5),
        ] {
            f.record(&spec, &e);
        }
        let got: Vec<(&str, SpecialKind)> = f
            .special
            .iter()
            .map(|s| (s.path.as_str(), s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("usr/bin/su", SpecialKind::Setuid),
                ("usr/bin/wall", SpecialKind::Setgid),
                ("opt/app/run.sh", SpecialKind::WorldWritable),
                ("data", SpecialKind::WorldWritableDir),
            ]
        );
        assert_eq!(
            f.caches,
            [CacheUse {
                cache: "apt lists".into(),
                dir: "var/lib/apt/lists".into(),
                files: 2,
                bytes: 1000
            }]
        );
    }

    #[test]
    fn special_files_are_capped() {
        let mut f = LayerFacts::default();
        for i in 0..MAX_SPECIAL + 5 {
            f.record(
                &FactSpec::default(),
                &entry(&format!("w{i}"), EntryKind::File, 0o666, 1),
            );
        }
        assert_eq!(f.special.len(), MAX_SPECIAL);
        assert_eq!(f.truncated, 5);
    }
}
