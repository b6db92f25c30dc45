//! The NDB backend (`Packages.db`, SUSE 15.3+): rpm's own little-endian
//! package store.
//!
//! Layout, as written by rpm's `backend/ndb/rpmpkg.c`: the file starts with
//! `slot_npages` 4 KiB pages of 16-byte slots; the first two slots hold the
//! file header (`"RpmP"`, version 0, generation, `slot_npages`, next package
//! index). Every other slot is `"Slot"`, package index (0 = free), block offset
//! and block count, in 16-byte blocks. A blob there starts with `"BlbS"`,
//! package index, generation and data length, is followed by the header blob,
//! and ends with a 12-byte tail (checksum, length, `"BlbE"`).
//!
//! We check magics, indexes and lengths, but not the tail's checksum: a torn
//! blob still has to parse as a header, which is checked byte by byte. The
//! index files beside `Packages.db` (`Index.db`) are not read.

use crate::{BlobSink, Error};

/// Magic at offset 0 of `Packages.db`.
pub(crate) const MAGIC: &[u8] = b"RpmP";
const SLOT_MAGIC: &[u8] = b"Slot";
const BLOB_MAGIC: &[u8] = b"BlbS";
const BLOB_TAIL_MAGIC: &[u8] = b"BlbE";
const PAGE_SIZE: usize = 4096;
const SLOT_SIZE: usize = 16;
const BLK_SIZE: usize = 16;
/// The header occupies the first two slots.
const SLOT_START: usize = 2;
const BLOB_HEAD: usize = 16;
const BLOB_TAIL: usize = 12;

fn le32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Calls `f(package index, blob)` for every used slot, in slot order.
pub(crate) fn for_each_blob(db: &[u8], f: &mut BlobSink) -> Result<(), Error> {
    let bad = |m: String| Error::Ndb(m);
    if !db.starts_with(MAGIC) || db.len() < SLOT_START * SLOT_SIZE {
        return Err(bad(format!("file of {} bytes has no header", db.len())));
    }
    let version = le32(db, 4).unwrap_or(u32::MAX);
    if version != 0 {
        return Err(bad(format!("unsupported version {version}")));
    }
    let npages = le32(db, 12).unwrap_or(0) as usize;
    let slots_end = npages
        .checked_mul(PAGE_SIZE)
        .filter(|&e| npages > 0 && e <= db.len())
        .ok_or_else(|| {
            bad(format!(
                "{npages} slot pages do not fit in a file of {} bytes",
                db.len()
            ))
        })?;
    // Blobs never overlap in a sound file, so copying more than the file's
    // size means a hostile one; stop there.
    let mut budget = db.len();
    for i in SLOT_START..slots_end / SLOT_SIZE {
        let at = i * SLOT_SIZE;
        let slot = &db[at..at + SLOT_SIZE];
        if &slot[..4] != SLOT_MAGIC {
            return Err(bad(format!("slot {i}: bad magic {:02x?}", &slot[..4])));
        }
        let (pkgidx, blkoff, blkcnt) = match (le32(slot, 4), le32(slot, 8), le32(slot, 12)) {
            (Some(a), Some(b), Some(c)) => (a, b as usize, c as usize),
            _ => return Err(bad(format!("slot {i} is truncated"))),
        };
        if pkgidx == 0 {
            continue;
        }
        let start = blkoff.saturating_mul(BLK_SIZE);
        let len = blkcnt.saturating_mul(BLK_SIZE);
        let area = start
            .checked_add(len)
            .filter(|_| start >= slots_end && len >= BLOB_HEAD + BLOB_TAIL)
            .and_then(|end| db.get(start..end));
        let Some(area) = area else {
            // A truncated file loses its last blobs, not the ones before them.
            f(
                u64::from(pkgidx),
                Err(bad(format!(
                    "blocks {blkoff}+{blkcnt} lie outside the {}-byte file",
                    db.len()
                ))),
            );
            continue;
        };
        if &area[..4] != BLOB_MAGIC || le32(area, 4) != Some(pkgidx) {
            f(
                u64::from(pkgidx),
                Err(bad(format!("bad blob header at offset {start}"))),
            );
            continue;
        }
        let blen = le32(area, 12).unwrap_or(u32::MAX) as usize;
        let tail = &area[area.len() - BLOB_TAIL..];
        if blen > area.len() - BLOB_HEAD - BLOB_TAIL
            || &tail[8..] != BLOB_TAIL_MAGIC
            || le32(tail, 4) != Some(blen as u32)
        {
            f(
                u64::from(pkgidx),
                Err(bad(format!(
                    "blob of {blen} bytes does not fit its {len}-byte area"
                ))),
            );
            continue;
        }
        budget = budget.checked_sub(blen).ok_or_else(|| {
            bad("blobs add up to more than the file size: overlapping slots".to_string())
        })?;
        f(u64::from(pkgidx), Ok(&area[BLOB_HEAD..BLOB_HEAD + blen]));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Builds a one-page NDB file holding `blobs` (package indexes 1, 2, …).
    fn build(blobs: &[&[u8]]) -> Vec<u8> {
        let mut db = vec![0u8; PAGE_SIZE];
        db[..4].copy_from_slice(MAGIC);
        db[12..16].copy_from_slice(&1u32.to_le_bytes());
        for i in SLOT_START..PAGE_SIZE / SLOT_SIZE {
            db[i * SLOT_SIZE..i * SLOT_SIZE + 4].copy_from_slice(SLOT_MAGIC);
        }
        for (n, blob) in blobs.iter().enumerate() {
            let idx = n as u32 + 1;
            let blocks = (BLOB_HEAD + blob.len() + BLOB_TAIL).div_ceil(BLK_SIZE);
            let off = db.len() / BLK_SIZE;
            let mut area = vec![0u8; blocks * BLK_SIZE];
            area[..4].copy_from_slice(BLOB_MAGIC);
            area[4..8].copy_from_slice(&idx.to_le_bytes());
            area[12..16].copy_from_slice(&(blob.len() as u32).to_le_bytes());
            area[16..16 + blob.len()].copy_from_slice(blob);
            let t = area.len() - BLOB_TAIL;
            area[t + 4..t + 8].copy_from_slice(&(blob.len() as u32).to_le_bytes());
            area[t + 8..].copy_from_slice(BLOB_TAIL_MAGIC);
            db.extend_from_slice(&area);
            let s = (SLOT_START + n) * SLOT_SIZE;
            db[s + 4..s + 8].copy_from_slice(&idx.to_le_bytes());
            db[s + 8..s + 12].copy_from_slice(&(off as u32).to_le_bytes());
            db[s + 12..s + 16].copy_from_slice(&(blocks as u32).to_le_bytes());
        }
        db
    }

    fn collect(db: &[u8]) -> Result<Vec<(u64, Vec<u8>)>, Error> {
        let mut v = Vec::new();
        let mut err = None;
        for_each_blob(db, &mut |k, b| match b {
            Ok(b) => v.push((k, b.to_vec())),
            Err(e) => err = Some(e),
        })?;
        err.map_or(Ok(v), Err)
    }

    #[test]
    fn reads_constructed_file() {
        let db = build(&[b"first blob", b"second"]);
        let got = collect(&db).unwrap();
        assert_eq!(
            got,
            vec![(1, b"first blob".to_vec()), (2, b"second".to_vec())]
        );
    }

    #[test]
    fn rejects_out_of_range_slots_and_overlaps() {
        let mut db = build(&[b"x"]);
        let s = SLOT_START * SLOT_SIZE;
        db[s + 8..s + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(collect(&db).unwrap_err().to_string().contains("outside"));

        // Many slots pointing at one blob: caught by the budget or the index check.
        let mut db = build(&[&[7u8; 3000]]);
        let first: [u8; 16] = db[s..s + 16].try_into().unwrap();
        for i in SLOT_START + 1..PAGE_SIZE / SLOT_SIZE {
            db[i * SLOT_SIZE..i * SLOT_SIZE + 16].copy_from_slice(&first);
        }
        assert!(collect(&db).is_err());

        for n in 0..db.len().min(PAGE_SIZE + 64) {
            let _ = collect(&db[..n]);
        }
    }
}
