//! RPM header blobs: the tagged binary record every rpmdb backend stores per
//! installed package.
//!
//! A blob is `il` (index entry count, u32 BE), `dl` (data length, u32 BE), then
//! `il` index entries of 16 bytes (`tag`, `type`, `offset`, `count`, all BE),
//! then `dl` bytes of data. Region tags (`HEADER_IMMUTABLE` and friends) wrap
//! the signed part of the header; entries appended after it at install time
//! ("dribble" entries) override region entries with the same tag, as in librpm.
//!
//! This module decodes only the tags a scanner needs into [`RpmPackage`]; it
//! does not verify signatures or digests and does not keep unknown tags. Every
//! offset and count is checked against the blob before it is used, so a hostile
//! blob yields an [`Error`], never a panic or an allocation larger than itself.

use crate::{Error, RpmPackage};
use std::collections::HashMap;

/// Most index entries librpm itself accepts in one header (`hdrchkTags`).
const MAX_ENTRIES: u32 = 0xffff;
/// Largest data store librpm itself accepts in one header (`HEADER_DATA_MAX`,
/// 256 MiB since rpm 4.6; older releases stopped at 16 MiB). The store is
/// only sliced, never copied, so the limit costs no memory.
const MAX_DATA: u32 = 0x0fff_ffff;
/// Cap on the number of owned files assembled from one header. Real packages
/// stay far below this (texlive-scheme-full owns ~200k); it only bounds output
/// for a hostile header whose arrays all point at the same bytes.
const MAX_FILES: usize = 1_000_000;
/// Owned paths share directory prefixes, so their total length can exceed the
/// blob; real headers stay well below the blob size (each file also carries a
/// digest, modes, sizes…). This multiple bounds a hostile header whose many
/// basenames all point at one huge directory name.
const MAX_PATH_BYTES_PER_BLOB_BYTE: usize = 4;

/// `8e ad e8 01` then four reserved bytes, as in package files.
const HEADER_MAGIC: [u8; 8] = [0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0];

// Tags (lib/rpmtag.h).
const TAG_HEADERIMAGE: u32 = 61;
const TAG_HEADERSIGNATURES: u32 = 62;
const TAG_HEADERIMMUTABLE: u32 = 63;
const TAG_HEADERREGIONS: u32 = 64;
const TAG_NAME: u32 = 1000;
const TAG_VERSION: u32 = 1001;
const TAG_RELEASE: u32 = 1002;
const TAG_EPOCH: u32 = 1003;
const TAG_VENDOR: u32 = 1011;
const TAG_LICENSE: u32 = 1014;
const TAG_ARCH: u32 = 1022;
const TAG_OLDFILENAMES: u32 = 1027;
const TAG_SOURCERPM: u32 = 1044;
const TAG_DIRINDEXES: u32 = 1116;
const TAG_BASENAMES: u32 = 1117;
const TAG_DIRNAMES: u32 = 1118;
const TAG_MODULARITYLABEL: u32 = 5096;

// Types (rpmTagType).
const TYPE_CHAR: u32 = 1;
const TYPE_INT8: u32 = 2;
const TYPE_INT16: u32 = 3;
const TYPE_INT32: u32 = 4;
const TYPE_INT64: u32 = 5;
const TYPE_STRING: u32 = 6;
const TYPE_BIN: u32 = 7;
const TYPE_STRING_ARRAY: u32 = 8;
const TYPE_I18NSTRING: u32 = 9;

/// One index entry, validated to lie inside the data store.
#[derive(Debug, Clone, Copy)]
struct Entry {
    ty: u32,
    offset: usize,
    count: usize,
}

/// A decoded tag value, for the handful of types we read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// `STRING`, or the first string of an `I18NSTRING`/`STRING_ARRAY`.
    Strings(Vec<String>),
    /// `INT8`/`CHAR`/`INT16`/`INT32`/`INT64`, widened.
    Ints(Vec<u64>),
    /// `BIN` bytes.
    Bin(Vec<u8>),
}

/// A parsed header: the index plus the data store it points into.
#[derive(Debug)]
pub(crate) struct Header<'a> {
    data: &'a [u8],
    entries: HashMap<u32, Entry>,
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

impl<'a> Header<'a> {
    /// Parses the index of a header blob as stored in an rpmdb (no lead; the 8-byte
    /// header magic of package files is optional). Trailing bytes after the data store are ignored,
    /// because some backends pad blobs.
    pub(crate) fn parse(blob: &'a [u8]) -> Result<Header<'a>, Error> {
        // Headers read from package files carry an 8-byte magic; tolerate it so
        // blobs from any source can be decoded.
        let blob = match blob.strip_prefix(&HEADER_MAGIC[..]) {
            Some(rest) => rest,
            None => blob,
        };
        let bad = |m: String| Error::Header(m);
        let il = be32(blob, 0)
            .ok_or_else(|| bad(format!("blob of {} bytes is too short", blob.len())))?;
        let dl = be32(blob, 4)
            .ok_or_else(|| bad(format!("blob of {} bytes is too short", blob.len())))?;
        if il == 0 || il > MAX_ENTRIES {
            return Err(bad(format!("index entry count {il} out of range")));
        }
        if dl > MAX_DATA {
            return Err(bad(format!("data length {dl} out of range")));
        }
        // Both are bounded above, so this cannot overflow even on 32-bit targets.
        let index_end = 8 + il as usize * 16;
        let data_end = index_end + dl as usize;
        if blob.len() < data_end {
            return Err(bad(format!(
                "blob of {} bytes is shorter than its {il} entries and {dl} data bytes",
                blob.len()
            )));
        }
        let data = &blob[index_end..data_end];
        let mut entries = HashMap::with_capacity(il as usize);
        for i in 0..il as usize {
            let at = 8 + i * 16;
            // In range: at + 16 <= index_end <= blob.len() was checked above.
            let (tag, ty, off, count) = match (
                be32(blob, at),
                be32(blob, at + 4),
                be32(blob, at + 8),
                be32(blob, at + 12),
            ) {
                (Some(a), Some(b), Some(c), Some(d)) => (a, b, c, d),
                _ => return Err(bad(format!("index entry {i} is truncated"))),
            };
            if matches!(
                tag,
                TAG_HEADERIMAGE | TAG_HEADERSIGNATURES | TAG_HEADERIMMUTABLE | TAG_HEADERREGIONS
            ) {
                // Region markers carry no package data; their trailers use negative
                // offsets that we have no reason to follow.
                continue;
            }
            let offset = off as usize;
            if off > dl {
                return Err(bad(format!(
                    "tag {tag}: offset {off} is outside the {dl}-byte data store"
                )));
            }
            if count == 0 || count > dl {
                return Err(bad(format!("tag {tag}: count {count} out of range")));
            }
            let count = count as usize;
            let width = match ty {
                TYPE_CHAR | TYPE_INT8 | TYPE_BIN => Some(1),
                TYPE_INT16 => Some(2),
                TYPE_INT32 => Some(4),
                TYPE_INT64 => Some(8),
                TYPE_STRING | TYPE_STRING_ARRAY | TYPE_I18NSTRING => None,
                // Unknown types (NULL, future ones) are kept out of the index: we
                // never read them, and librpm would reject them anyway.
                _ => continue,
            };
            if let Some(w) = width {
                let end = offset
                    .checked_add(count.saturating_mul(w))
                    .filter(|&e| e <= data.len());
                if end.is_none() {
                    return Err(bad(format!(
                        "tag {tag}: {count} items of {w} bytes at offset {off} overrun the {dl}-byte data store"
                    )));
                }
            }
            if ty == TYPE_STRING && count != 1 {
                return Err(bad(format!("tag {tag}: string with count {count}")));
            }
            // Later entries win: dribble entries after the region override it.
            entries.insert(tag, Entry { ty, offset, count });
        }
        Ok(Header { data, entries })
    }

    /// Reads `count` NUL-terminated strings starting at `offset`.
    fn strings(&self, tag: u32, e: Entry) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        let mut pos = e.offset;
        for _ in 0..e.count {
            let rest = self.data.get(pos..).unwrap_or(&[]);
            let Some(nul) = rest.iter().position(|&b| b == 0) else {
                return Err(Error::Header(format!(
                    "tag {tag}: string at offset {pos} is not NUL-terminated"
                )));
            };
            out.push(String::from_utf8_lossy(&rest[..nul]).into_owned());
            pos += nul + 1;
        }
        Ok(out)
    }

    /// The value of `tag`, if present. I18N strings return every translation
    /// (the first is the untranslated "C" text).
    pub(crate) fn get(&self, tag: u32) -> Result<Option<Value>, Error> {
        let Some(&e) = self.entries.get(&tag) else {
            return Ok(None);
        };
        let d = self.data;
        let v = match e.ty {
            TYPE_STRING | TYPE_STRING_ARRAY | TYPE_I18NSTRING => {
                Value::Strings(self.strings(tag, e)?)
            }
            TYPE_BIN => Value::Bin(d[e.offset..e.offset + e.count].to_vec()),
            TYPE_CHAR | TYPE_INT8 => Value::Ints(
                d[e.offset..e.offset + e.count]
                    .iter()
                    .map(|&b| u64::from(b))
                    .collect(),
            ),
            TYPE_INT16 => Value::Ints(
                d[e.offset..e.offset + 2 * e.count]
                    .chunks_exact(2)
                    .map(|c| u64::from(u16::from_be_bytes([c[0], c[1]])))
                    .collect(),
            ),
            TYPE_INT32 => Value::Ints(
                d[e.offset..e.offset + 4 * e.count]
                    .chunks_exact(4)
                    .map(|c| u64::from(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                    .collect(),
            ),
            TYPE_INT64 => Value::Ints(
                d[e.offset..e.offset + 8 * e.count]
                    .chunks_exact(8)
                    .map(|c| u64::from_be_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                    .collect(),
            ),
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// The first string of `tag` (STRING, I18NSTRING or STRING_ARRAY); for
    /// I18N strings that is the untranslated text. Translations are never
    /// decoded, so a hostile count costs nothing.
    pub(crate) fn string(&self, tag: u32) -> Result<Option<String>, Error> {
        match self.entries.get(&tag) {
            Some(&e) if matches!(e.ty, TYPE_STRING | TYPE_STRING_ARRAY | TYPE_I18NSTRING) => {
                Ok(self.strings(tag, Entry { count: 1, ..e })?.pop())
            }
            _ => Ok(None),
        }
    }

    /// Every string of `tag`; empty when absent or of another type.
    pub(crate) fn string_array(&self, tag: u32) -> Result<Vec<String>, Error> {
        Ok(match self.get(tag)? {
            Some(Value::Strings(v)) => v,
            _ => Vec::new(),
        })
    }

    /// Every integer of `tag`; empty when absent or of another type.
    pub(crate) fn ints(&self, tag: u32) -> Result<Vec<u64>, Error> {
        Ok(match self.get(tag)? {
            Some(Value::Ints(v)) => v,
            _ => Vec::new(),
        })
    }

    /// The package this header describes. Fails when NAME is missing, since a
    /// nameless record cannot be reported or matched.
    pub(crate) fn to_package(&self) -> Result<RpmPackage, Error> {
        let name = self
            .string(TAG_NAME)?
            .ok_or_else(|| Error::Header("header has no NAME tag".to_string()))?;
        let epoch =
            match self.ints(TAG_EPOCH)?.first() {
                Some(&e) => Some(u32::try_from(e).map_err(|_| {
                    Error::Header(format!("package {name}: epoch {e} out of range"))
                })?),
                None => None,
            };
        let files = self.files(&name)?;
        Ok(RpmPackage {
            epoch,
            version: self.string(TAG_VERSION)?.unwrap_or_default(),
            release: self.string(TAG_RELEASE)?.unwrap_or_default(),
            arch: self.string(TAG_ARCH)?,
            source_rpm: self.string(TAG_SOURCERPM)?.filter(|s| !s.is_empty()),
            license: self.string(TAG_LICENSE)?.filter(|s| !s.is_empty()),
            vendor: self.string(TAG_VENDOR)?.filter(|s| !s.is_empty()),
            modularity_label: self.string(TAG_MODULARITYLABEL)?.filter(|s| !s.is_empty()),
            files,
            name,
        })
    }

    /// Owned file paths: `DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]` in current
    /// headers, `OLDFILENAMES` in pre-4.0 ones.
    fn files(&self, name: &str) -> Result<Vec<String>, Error> {
        let basenames = self.string_array(TAG_BASENAMES)?;
        if basenames.is_empty() {
            let mut old = self.string_array(TAG_OLDFILENAMES)?;
            old.truncate(MAX_FILES);
            return Ok(old);
        }
        let dirnames = self.string_array(TAG_DIRNAMES)?;
        let dirindexes = self.ints(TAG_DIRINDEXES)?;
        if dirindexes.len() != basenames.len() {
            return Err(Error::Header(format!(
                "package {name}: {} basenames but {} dir indexes",
                basenames.len(),
                dirindexes.len()
            )));
        }
        let budget = self.data.len().saturating_mul(MAX_PATH_BYTES_PER_BLOB_BYTE);
        let mut used = 0usize;
        let mut files = Vec::with_capacity(basenames.len().min(MAX_FILES));
        for (base, &di) in basenames.iter().zip(&dirindexes).take(MAX_FILES) {
            // DIRINDEXES is INT32; librpm treats it as signed, so u32::MAX is -1.
            let dir = usize::try_from(di)
                .ok()
                .and_then(|i| dirnames.get(i))
                .ok_or_else(|| {
                    Error::Header(format!(
                        "package {name}: dir index {di} out of range for {} dir names",
                        dirnames.len()
                    ))
                })?;
            used = used.saturating_add(dir.len() + base.len());
            if used > budget {
                return Err(Error::Header(format!(
                    "package {name}: owned file paths exceed {budget} bytes"
                )));
            }
            files.push(format!("{dir}{base}"));
        }
        Ok(files)
    }
}

/// Parses one header blob into a package.
pub fn parse_header(blob: &[u8]) -> Result<RpmPackage, Error> {
    Header::parse(blob)?.to_package()
}

/// Builds header blobs for tests: a small writer so tests can construct
/// headers byte by byte without librpm.
#[cfg(test)]
pub(crate) mod build {
    /// A header under construction.
    #[derive(Default)]
    pub struct HeaderBuilder {
        index: Vec<[u32; 4]>,
        data: Vec<u8>,
    }

    impl HeaderBuilder {
        fn align(&mut self, n: usize) {
            while !self.data.len().is_multiple_of(n) {
                self.data.push(0);
            }
        }
        /// Adds a STRING (type 6) or I18NSTRING/STRING_ARRAY (types 8, 9).
        pub fn strings(mut self, tag: u32, ty: u32, v: &[&str]) -> Self {
            let off = self.data.len() as u32;
            for s in v {
                self.data.extend_from_slice(s.as_bytes());
                self.data.push(0);
            }
            self.index.push([tag, ty, off, v.len() as u32]);
            self
        }
        /// Adds a STRING.
        pub(crate) fn string(self, tag: u32, v: &str) -> Self {
            self.strings(tag, 6, &[v])
        }
        /// Adds an INT32 array.
        pub fn int32(mut self, tag: u32, v: &[u32]) -> Self {
            self.align(4);
            let off = self.data.len() as u32;
            for x in v {
                self.data.extend_from_slice(&x.to_be_bytes());
            }
            self.index.push([tag, 4, off, v.len() as u32]);
            self
        }
        /// Adds a raw index entry (for malformed headers).
        pub fn raw(mut self, e: [u32; 4]) -> Self {
            self.index.push(e);
            self
        }
        /// Serialises, with an immutable region wrapping every entry so the
        /// layout matches what rpm writes.
        pub fn build(mut self) -> Vec<u8> {
            let n = self.index.len() as u32 + 1;
            // Region trailer: tag 63, BIN, negative offset to the index start, 16 bytes.
            self.align(4);
            let trailer_off = self.data.len() as u32;
            let neg = (n * 16).wrapping_neg();
            for x in [63u32, 7, neg, 16] {
                self.data.extend_from_slice(&x.to_be_bytes());
            }
            let mut out = Vec::new();
            out.extend_from_slice(&n.to_be_bytes());
            out.extend_from_slice(&(self.data.len() as u32).to_be_bytes());
            for x in [63u32, 7, trailer_off, 16] {
                out.extend_from_slice(&x.to_be_bytes());
            }
            for e in &self.index {
                for x in e {
                    out.extend_from_slice(&x.to_be_bytes());
                }
            }
            out.extend_from_slice(&self.data);
            out
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::build::HeaderBuilder;
    use super::*;

    fn sample() -> Vec<u8> {
        HeaderBuilder::default()
            .string(TAG_NAME, "bash")
            .string(TAG_VERSION, "5.1.8")
            .string(TAG_RELEASE, "6.el9")
            .int32(TAG_EPOCH, &[2])
            .string(TAG_ARCH, "x86_64")
            .strings(
                TAG_LICENSE,
                TYPE_I18NSTRING,
                &["GPLv3+", "ignored translation"],
            )
            .string(TAG_SOURCERPM, "bash-5.1.8-6.el9.src.rpm")
            .string(TAG_MODULARITYLABEL, "bash:5:8040020210617:d6e3f9d6")
            .strings(TAG_DIRNAMES, TYPE_STRING_ARRAY, &["/usr/bin/", "/etc/"])
            .int32(TAG_DIRINDEXES, &[0, 1, 0])
            .strings(TAG_BASENAMES, TYPE_STRING_ARRAY, &["bash", "bashrc", "sh"])
            .build()
    }

    #[test]
    fn decodes_constructed_header() {
        let p = parse_header(&sample()).unwrap();
        assert_eq!(p.name, "bash");
        assert_eq!(p.epoch, Some(2));
        assert_eq!(p.version, "5.1.8");
        assert_eq!(p.release, "6.el9");
        assert_eq!(p.arch.as_deref(), Some("x86_64"));
        assert_eq!(p.license.as_deref(), Some("GPLv3+"));
        assert_eq!(p.source_rpm.as_deref(), Some("bash-5.1.8-6.el9.src.rpm"));
        assert_eq!(
            p.modularity_label.as_deref(),
            Some("bash:5:8040020210617:d6e3f9d6")
        );
        assert_eq!(p.files, vec!["/usr/bin/bash", "/etc/bashrc", "/usr/bin/sh"]);
    }

    #[test]
    fn legacy_old_filenames() {
        let blob = HeaderBuilder::default()
            .string(TAG_NAME, "old")
            .strings(
                TAG_OLDFILENAMES,
                TYPE_STRING_ARRAY,
                &["/bin/old", "/etc/old.conf"],
            )
            .build();
        let p = parse_header(&blob).unwrap();
        assert_eq!(p.epoch, None);
        assert_eq!(p.files, vec!["/bin/old", "/etc/old.conf"]);
    }

    #[test]
    fn dribble_entry_overrides_region() {
        let blob = HeaderBuilder::default()
            .string(TAG_NAME, "first")
            .string(TAG_NAME, "second")
            .build();
        assert_eq!(parse_header(&blob).unwrap().name, "second");
    }

    #[test]
    fn rejects_every_truncation_without_panicking() {
        let blob = sample();
        for n in 0..blob.len() {
            // A prefix either fails cleanly or (past the data store) parses.
            let _ = parse_header(&blob[..n]);
        }
        assert!(parse_header(&blob[..blob.len() - 1]).is_err());
    }

    #[test]
    fn rejects_out_of_range_entries() {
        let over = HeaderBuilder::default()
            .string(TAG_NAME, "x")
            .raw([TAG_EPOCH, TYPE_INT32, 0, 10])
            .build();
        let e = parse_header(&over).unwrap_err().to_string();
        assert!(e.contains("overrun"), "{e}");

        let bad_dir = HeaderBuilder::default()
            .string(TAG_NAME, "x")
            .strings(TAG_DIRNAMES, TYPE_STRING_ARRAY, &["/"])
            .int32(TAG_DIRINDEXES, &[7])
            .strings(TAG_BASENAMES, TYPE_STRING_ARRAY, &["f"])
            .build();
        let e = parse_header(&bad_dir).unwrap_err().to_string();
        assert!(e.contains("dir index 7"), "{e}");

        let nameless = HeaderBuilder::default().string(TAG_VERSION, "1").build();
        assert!(parse_header(&nameless).is_err());

        let mut huge = vec![0u8; 8];
        huge[..4].copy_from_slice(&0x00ff_ffffu32.to_be_bytes()); // entry count
        assert!(parse_header(&huge)
            .unwrap_err()
            .to_string()
            .contains("out of range"));

        let mut big_store = vec![0u8; 8];
        big_store[..4].copy_from_slice(&1u32.to_be_bytes());
        big_store[4..].copy_from_slice(&0x1000_0000u32.to_be_bytes());
        let e = parse_header(&big_store).unwrap_err().to_string();
        assert!(e.contains("data length 268435456 out of range"), "{e}");

        // Claims more data than the blob holds.
        let mut short = HeaderBuilder::default().string(TAG_NAME, "x").build();
        short[7] = short[7].wrapping_add(1);
        let e = parse_header(&short).unwrap_err().to_string();
        assert!(e.contains("shorter than"), "{e}");
    }

    #[test]
    fn shared_directory_name_cannot_blow_up_file_paths() {
        let long_dir = format!("/{}/", "d".repeat(10_000));
        let names: Vec<String> = (0..5000).map(|i| format!("f{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let blob = HeaderBuilder::default()
            .string(TAG_NAME, "bomb")
            .strings(TAG_DIRNAMES, TYPE_STRING_ARRAY, &[&long_dir])
            .int32(TAG_DIRINDEXES, &[0; 5000])
            .strings(TAG_BASENAMES, TYPE_STRING_ARRAY, &names)
            .build();
        // 5000 paths of 10 KB each would be 50 MB out of a ~60 KB blob.
        let e = parse_header(&blob).unwrap_err().to_string();
        assert!(e.contains("owned file paths exceed"), "{e}");
    }

    #[test]
    fn unterminated_string_is_an_error() {
        let mut blob = HeaderBuilder::default().string(TAG_NAME, "abc").build();
        // The data store starts with "abc\0"; overwrite the NUL and the region
        // trailer after it so no terminator remains.
        let il = u32::from_be_bytes([blob[0], blob[1], blob[2], blob[3]]) as usize;
        let start = 8 + il * 16;
        for b in &mut blob[start..] {
            *b = b'a';
        }
        let e = parse_header(&blob).unwrap_err().to_string();
        assert!(e.contains("not NUL-terminated"), "{e}");
    }
}
