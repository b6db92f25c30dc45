//! The set of paths a layer contains, kept as 64-bit digests so that "does a
//! later layer replace this file?" can be answered without a second read of
//! any layer and without holding every path string.
//!
//! A digest is the first 8 bytes of SHA-256 of the path: finding a different
//! path with the same digest (to hide a setuid file or a secret behind an
//! unrelated later file) costs a 64-bit second preimage. Eight bytes per entry
//! keep the set bounded by the walk's entry limit.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// Digests of the paths of one layer's entries (files, directories, links;
/// not whiteouts). Call [`PathSet::finish`] once the layer is walked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathSet {
    digests: Vec<u64>,
}

/// The digest [`PathSet`] stores for `path`; compute it once to ask several
/// sets ([`PathSet::contains_digest`]).
pub(crate) fn digest(path: &str) -> u64 {
    let d = Sha256::digest(path.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_le_bytes(b)
}

impl PathSet {
    /// Adds a path (without a leading `/`).
    pub fn insert(&mut self, path: &str) {
        self.digests.push(digest(path));
    }

    /// Sorts and deduplicates; required before [`PathSet::contains`].
    pub fn finish(&mut self) {
        self.digests.sort_unstable();
        self.digests.dedup();
    }

    /// Whether the layer had an entry at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.contains_digest(digest(path))
    }

    /// Whether the layer had an entry whose path has digest `d`.
    pub(crate) fn contains_digest(&self, d: u64) -> bool {
        self.digests.binary_search(&d).is_ok()
    }

    /// Number of distinct paths.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// True when no path was recorded.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }
}

// Stored in the layer cache as one hex string (16 characters a path) rather
// than a JSON array of numbers.
impl Serialize for PathSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(self.digests.len() * 8);
        for d in &self.digests {
            bytes.extend_from_slice(&d.to_be_bytes());
        }
        s.serialize_str(&hex::encode(bytes))
    }
}

impl<'de> Deserialize<'de> for PathSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = hex::decode(text).map_err(serde::de::Error::custom)?;
        if bytes.len() % 8 != 0 {
            return Err(serde::de::Error::custom(
                "path set length is not a multiple of 8",
            ));
        }
        let mut digests: Vec<u64> = bytes
            .chunks_exact(8)
            .map(|c| {
                let mut b = [0u8; 8];
                b.copy_from_slice(c);
                u64::from_be_bytes(b)
            })
            .collect();
        // A cache file is our own, but never trust it to be sorted.
        digests.sort_unstable();
        digests.dedup();
        Ok(PathSet { digests })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn membership_and_round_trip() {
        let mut s = PathSet::default();
        for p in ["usr/bin/su", "app/.env", "usr/bin/su", "data"] {
            s.insert(p);
        }
        s.finish();
        assert_eq!(s.len(), 3);
        assert!(s.contains("usr/bin/su"));
        assert!(s.contains("data"));
        assert!(!s.contains("usr/bin/sudo"));
        assert!(!s.contains("app"));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json.len(), 2 + 3 * 16);
        let back: PathSet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<PathSet>("\"abc\"").is_err());
        assert!(serde_json::from_str::<PathSet>("\"00ff\"").is_err());
    }
}
