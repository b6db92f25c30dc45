//! The Berkeley DB backend (`Packages`, rpm ≤ 4.15): a hash database keyed by
//! the 4-byte header instance number, whose values are header blobs.
//!
//! We parse the on-disk format directly, the way rpm's own read-only reader
//! (`bdb_ro`) does, in either byte order (the metadata magic tells which):
//!
//! - page 0 is the metadata page: magic, version, page size, last page number,
//!   and for hash databases the highest bucket and the `spares` table that maps
//!   a bucket to its first page;
//! - each bucket is a chain of hash pages (`next_pgno`); a page holds an array
//!   of item offsets, items alternating key and value; an item is either inline
//!   (type 1) or a reference (type 3) to a chain of overflow pages (type 7),
//!   which is where header blobs almost always live.
//!
//! Btree databases (rpm5-era embedded images) are walked from the root down to
//! the leftmost leaf and then along the leaf chain.
//!
//! Not supported, with a clear error: encrypted databases, duplicate-key
//! items, and any other access method (queue, recno, heap). We never read the
//! secondary index files (`Name`, `Basenames`…) nor BDB's environment or logs:
//! an uncheckpointed transaction in a log is invisible to us, as to `bdb_ro`.

use crate::{BlobSink, Error, Format};

const HASH_MAGIC: u32 = 0x0006_1561;
const BTREE_MAGIC: u32 = 0x0005_3162;
/// Bytes in the generic page header before the item offset array.
const PAGE_HEAD: usize = 26;
// Page types.
const P_HASH_UNSORTED: u8 = 2;
const P_IBTREE: u8 = 3;
const P_LBTREE: u8 = 5;
const P_OVERFLOW: u8 = 7;
/// Hash v8 (BDB < 4.6) files mark bucket pages with this type.
const P_HASH_V8: u8 = 8;
const P_HASH: u8 = 13;
// Item types.
const H_KEYDATA: u8 = 1;
const H_OFFPAGE: u8 = 3;
const B_DELETED: u8 = 0x80;

/// Recognises a hash or btree Berkeley DB by the metadata magic, in either
/// byte order.
pub(crate) fn detect(db: &[u8]) -> Option<Format> {
    let m = db.get(12..16)?;
    let le = u32::from_le_bytes([m[0], m[1], m[2], m[3]]);
    let be = u32::from_be_bytes([m[0], m[1], m[2], m[3]]);
    match (le, be) {
        (HASH_MAGIC, _) | (_, HASH_MAGIC) => Some(Format::BdbHash),
        (BTREE_MAGIC, _) | (_, BTREE_MAGIC) => Some(Format::BdbBtree),
        _ => None,
    }
}

fn bad(m: impl Into<String>) -> Error {
    Error::Bdb(m.into())
}

/// A database file with its geometry, validated against its length.
struct Db<'a> {
    data: &'a [u8],
    page_size: usize,
    /// Highest page number that is both claimed by the metadata and present.
    last_page: u32,
    big_endian: bool,
    /// Bytes copied out of overflow chains so far may not exceed the file size:
    /// in a sound file every overflow page belongs to exactly one value.
    budget: usize,
}

impl<'a> Db<'a> {
    fn u16(&self, b: &[u8], at: usize) -> Option<usize> {
        let s = b.get(at..at + 2)?;
        let a = [s[0], s[1]];
        Some(usize::from(if self.big_endian {
            u16::from_be_bytes(a)
        } else {
            u16::from_le_bytes(a)
        }))
    }

    fn u32(&self, b: &[u8], at: usize) -> Option<u32> {
        let s = b.get(at..at + 4)?;
        let a = [s[0], s[1], s[2], s[3]];
        Some(if self.big_endian {
            u32::from_be_bytes(a)
        } else {
            u32::from_le_bytes(a)
        })
    }

    fn open(data: &'a [u8]) -> Result<(Db<'a>, Format), Error> {
        let format = detect(data).ok_or_else(|| bad("no berkeley db magic"))?;
        let m = &data[12..16];
        let magic_le = u32::from_le_bytes([m[0], m[1], m[2], m[3]]);
        let big_endian = !matches!(magic_le, HASH_MAGIC | BTREE_MAGIC);
        let mut db = Db {
            data,
            page_size: 0,
            last_page: 0,
            big_endian,
            budget: data.len(),
        };
        if data.len() < 512 {
            return Err(bad(format!(
                "file of {} bytes is shorter than a metadata page",
                data.len()
            )));
        }
        let version = db.u32(data, 16).unwrap_or(0);
        let page_size = db.u32(data, 20).unwrap_or(0) as usize;
        if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
            return Err(bad(format!("invalid page size {page_size}")));
        }
        let supported = match format {
            Format::BdbHash => (8..=10).contains(&version),
            _ => (9..=10).contains(&version),
        };
        if !supported {
            return Err(bad(format!("unsupported {format:?} version {version}")));
        }
        if data[24] != 0 {
            return Err(bad("encrypted databases are not supported"));
        }
        let present = (data.len() / page_size).saturating_sub(1);
        let claimed = db.u32(data, 32).unwrap_or(0);
        db.page_size = page_size;
        db.last_page = claimed.min(u32::try_from(present).unwrap_or(u32::MAX));
        Ok((db, format))
    }

    /// Page `pgno`, which must exist and carry its own number (as `bdb_ro`
    /// checks), so a dangling link cannot make us read a stale page.
    fn page(&self, pgno: u32) -> Result<&'a [u8], Error> {
        if pgno == 0 || pgno > self.last_page {
            return Err(bad(format!(
                "page {pgno} out of range (last page {})",
                self.last_page
            )));
        }
        let start = pgno as usize * self.page_size;
        let p = &self.data[start..start + self.page_size];
        if self.u32(p, 8) != Some(pgno) {
            return Err(bad(format!("page {pgno} carries another page number")));
        }
        Ok(p)
    }

    fn page_type(p: &[u8]) -> u8 {
        p[25]
    }

    fn next_pgno(&self, p: &[u8]) -> u32 {
        self.u32(p, 16).unwrap_or(0)
    }

    /// Item offsets of a page, each checked to lie after the offset array.
    fn offsets(&self, pgno: u32, p: &[u8]) -> Result<Vec<usize>, Error> {
        let n = self.u16(p, 20).unwrap_or(0);
        let min = PAGE_HEAD + 2 * n;
        if min > self.page_size {
            return Err(bad(format!("page {pgno}: {n} entries do not fit")));
        }
        (0..n)
            .map(|i| {
                let off = self.u16(p, PAGE_HEAD + 2 * i).unwrap_or(0);
                if off < min || off >= self.page_size {
                    Err(bad(format!(
                        "page {pgno}: entry {i} at offset {off} out of range"
                    )))
                } else {
                    Ok(off)
                }
            })
            .collect()
    }

    /// Reassembles a value of `len` bytes stored in the overflow chain starting
    /// at `pgno`.
    fn overflow(&mut self, mut pgno: u32, len: usize) -> Result<Vec<u8>, Error> {
        if len == 0 {
            return Err(bad(format!("overflow item at page {pgno} has length 0")));
        }
        if len > self.budget {
            return Err(bad(format!(
                "overflow items add up to more than the {}-byte file",
                self.data.len()
            )));
        }
        self.budget -= len;
        let mut out = Vec::with_capacity(len);
        // Each step consumes a page's worth of data at most, and a chain longer
        // than the file has pages must loop.
        for _ in 0..=self.last_page {
            if out.len() == len {
                return Ok(out);
            }
            let p = self.page(pgno)?;
            if Self::page_type(p) != P_OVERFLOW {
                return Err(bad(format!(
                    "page {pgno} has type {} where an overflow page was expected",
                    Self::page_type(p)
                )));
            }
            let plen = self.u16(p, 22).unwrap_or(0);
            if PAGE_HEAD + plen > self.page_size || plen > len - out.len() || plen == 0 {
                return Err(bad(format!("overflow page {pgno}: bad data length {plen}")));
            }
            out.extend_from_slice(&p[PAGE_HEAD..PAGE_HEAD + plen]);
            pgno = self.next_pgno(p);
        }
        if out.len() == len {
            Ok(out)
        } else {
            Err(bad("overflow chain loops"))
        }
    }

    /// A hash item at `off` spanning `len` bytes: inline bytes or an overflow
    /// reference. `Cow` avoids copying inline items.
    fn hash_item(
        &mut self,
        pgno: u32,
        p: &'a [u8],
        off: usize,
        len: usize,
    ) -> Result<std::borrow::Cow<'a, [u8]>, Error> {
        if len == 0 || off + len > self.page_size {
            return Err(bad(format!(
                "page {pgno}: item at {off} has bad length {len}"
            )));
        }
        match p[off] {
            H_KEYDATA => Ok(p[off + 1..off + len].into()),
            H_OFFPAGE if len == 12 => {
                let ov = self.u32(p, off + 4).unwrap_or(0);
                let tlen = self.u32(p, off + 8).unwrap_or(0) as usize;
                Ok(self.overflow(ov, tlen)?.into())
            }
            t => Err(bad(format!("page {pgno}: unsupported item type {t}"))),
        }
    }

    /// A btree leaf item at `off`: `(len u16, type u8, data)` or an overflow
    /// reference. Returns `None` for deleted items.
    fn btree_item(
        &mut self,
        pgno: u32,
        p: &'a [u8],
        off: usize,
    ) -> Result<Option<std::borrow::Cow<'a, [u8]>>, Error> {
        let ty = *p
            .get(off + 2)
            .ok_or_else(|| bad(format!("page {pgno}: item at {off} out of range")))?;
        if ty & B_DELETED != 0 {
            return Ok(None);
        }
        match ty {
            H_KEYDATA => {
                let len = self.u16(p, off).unwrap_or(0);
                p.get(off + 3..off + 3 + len)
                    .map(|b| Some(b.into()))
                    .ok_or_else(|| bad(format!("page {pgno}: item at {off} overruns the page")))
            }
            H_OFFPAGE => {
                let (ov, tlen) = match (self.u32(p, off + 4), self.u32(p, off + 8)) {
                    (Some(a), Some(b)) => (a, b as usize),
                    _ => return Err(bad(format!("page {pgno}: item at {off} overruns the page"))),
                };
                Ok(Some(self.overflow(ov, tlen)?.into()))
            }
            t => Err(bad(format!("page {pgno}: unsupported item type {t}"))),
        }
    }

    fn record_key(&self, key: &[u8]) -> u64 {
        match key.len() {
            4 => u64::from(self.u32(key, 0).unwrap_or(0)),
            _ => 0,
        }
    }

    /// Walks every bucket's page chain, as `bdb_ro` does.
    fn walk_hash(&mut self, f: &mut BlobSink) -> Result<(), Error> {
        let meta = self.data;
        let max_bucket = self.u32(meta, 72).unwrap_or(0);
        if max_bucket > self.last_page {
            return Err(bad(format!(
                "{} buckets cannot fit in {} pages",
                u64::from(max_bucket) + 1,
                self.last_page
            )));
        }
        let spares: Vec<u32> = (0..32)
            .map(|i| self.u32(meta, 96 + 4 * i).unwrap_or(0))
            .collect();
        let mut seen = vec![false; self.last_page as usize + 1];
        for bucket in 0..=max_bucket {
            // The bucket's split point is its bit length.
            let bits = (u32::BITS - bucket.leading_zeros()) as usize;
            let mut pgno = spares
                .get(bits)
                .and_then(|s| bucket.checked_add(*s))
                .ok_or_else(|| bad(format!("bucket {bucket}: no page number")))?;
            while pgno != 0 {
                let p = self.page(pgno)?;
                if std::mem::replace(&mut seen[pgno as usize], true) {
                    return Err(bad(format!("bucket {bucket}: page {pgno} is linked twice")));
                }
                if !matches!(Self::page_type(p), P_HASH_UNSORTED | P_HASH | P_HASH_V8) {
                    return Err(bad(format!(
                        "bucket {bucket}: page {pgno} has type {}, not a hash page",
                        Self::page_type(p)
                    )));
                }
                let offs = self.offsets(pgno, p)?;
                for pair in 0..offs.len() / 2 {
                    let (koff, voff) = (offs[2 * pair], offs[2 * pair + 1]);
                    // Items are packed from the end of the page downwards, so an
                    // item ends where the previous one begins.
                    let kend = if pair == 0 {
                        self.page_size
                    } else {
                        offs[2 * pair - 1]
                    };
                    if kend < koff || koff < voff {
                        return Err(bad(format!("page {pgno}: items overlap at pair {pair}")));
                    }
                    let key = match self.hash_item(pgno, p, koff, kend - koff) {
                        Ok(k) => k,
                        Err(e) => {
                            f(0, Err(e));
                            continue;
                        }
                    };
                    let record = self.record_key(&key);
                    if key.iter().all(|&b| b == 0) {
                        // Key 0 holds rpm's next-instance counter, not a header.
                        continue;
                    }
                    match self.hash_item(pgno, p, voff, koff - voff) {
                        Ok(v) => f(record, Ok(&v)),
                        Err(e) => f(record, Err(e)),
                    }
                }
                pgno = self.next_pgno(p);
            }
        }
        Ok(())
    }

    /// Descends from the root to the leftmost leaf, then walks the leaf chain.
    fn walk_btree(&mut self, f: &mut BlobSink) -> Result<(), Error> {
        let mut pgno = self.u32(self.data, 88).unwrap_or(0);
        let mut seen = vec![false; self.last_page as usize + 1];
        // Find the leftmost leaf; depth is bounded by the page count via `seen`.
        let leaf = loop {
            let p = self.page(pgno)?;
            if std::mem::replace(&mut seen[pgno as usize], true) {
                return Err(bad(format!("btree page {pgno} is linked twice")));
            }
            match Self::page_type(p) {
                P_LBTREE => break pgno,
                P_IBTREE => {
                    let offs = self.offsets(pgno, p)?;
                    let first = *offs
                        .first()
                        .ok_or_else(|| bad(format!("internal page {pgno} is empty")))?;
                    pgno = self
                        .u32(p, first + 4)
                        .ok_or_else(|| bad(format!("page {pgno}: entry overruns the page")))?;
                }
                t => return Err(bad(format!("btree page {pgno} has unexpected type {t}"))),
            }
        };
        pgno = leaf;
        let mut first = true;
        while pgno != 0 {
            let p = self.page(pgno)?;
            if !first && std::mem::replace(&mut seen[pgno as usize], true) {
                return Err(bad(format!("btree leaf {pgno} is linked twice")));
            }
            first = false;
            if Self::page_type(p) != P_LBTREE {
                return Err(bad(format!(
                    "btree page {pgno} has type {}, not a leaf",
                    Self::page_type(p)
                )));
            }
            let offs = self.offsets(pgno, p)?;
            for pair in 0..offs.len() / 2 {
                let key = match self.btree_item(pgno, p, offs[2 * pair]) {
                    Ok(Some(k)) => k,
                    Ok(None) => continue,
                    Err(e) => {
                        f(0, Err(e));
                        continue;
                    }
                };
                if key.iter().all(|&b| b == 0) {
                    continue;
                }
                let record = self.record_key(&key);
                match self.btree_item(pgno, p, offs[2 * pair + 1]) {
                    Ok(Some(v)) => f(record, Ok(&v)),
                    Ok(None) => {}
                    Err(e) => f(record, Err(e)),
                }
            }
            pgno = self.next_pgno(p);
        }
        Ok(())
    }
}

/// Calls `f(instance, blob)` for every package record.
pub(crate) fn for_each_blob(data: &[u8], f: &mut BlobSink) -> Result<(), Error> {
    let (mut db, format) = Db::open(data)?;
    if db.last_page == 0 {
        // Only a metadata page: a freshly initialised, empty database.
        return Ok(());
    }
    match format {
        Format::BdbHash => db.walk_hash(f),
        _ => db.walk_btree(f),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PS: usize = 512;

    /// Writes Berkeley DB files page by page, in either byte order.
    struct Builder {
        be: bool,
        pages: Vec<Vec<u8>>,
    }

    impl Builder {
        fn new(be: bool, magic: u32, meta_type: u8) -> Builder {
            let mut b = Builder {
                be,
                pages: vec![vec![0; PS]],
            };
            b.put32(0, 12, magic);
            b.put32(0, 16, 9);
            b.put32(0, 20, PS as u32);
            b.pages[0][25] = meta_type;
            b
        }
        fn put16(&mut self, pg: usize, at: usize, v: u16) {
            let bytes = if self.be {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            };
            self.pages[pg][at..at + 2].copy_from_slice(&bytes);
        }
        fn put32(&mut self, pg: usize, at: usize, v: u32) {
            let bytes = if self.be {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            };
            self.pages[pg][at..at + 4].copy_from_slice(&bytes);
        }
        fn new_page(&mut self, ty: u8) -> usize {
            let n = self.pages.len();
            self.pages.push(vec![0; PS]);
            self.put32(n, 8, n as u32);
            self.pages[n][25] = ty;
            n
        }
        /// Stores `data` in a fresh overflow chain; returns its first page.
        fn overflow(&mut self, data: &[u8]) -> u32 {
            let first = self.pages.len() as u32;
            let chunks: Vec<&[u8]> = data.chunks(PS - PAGE_HEAD).collect();
            for (i, c) in chunks.iter().enumerate() {
                let pg = self.new_page(P_OVERFLOW);
                self.put16(pg, 22, c.len() as u16);
                self.pages[pg][PAGE_HEAD..PAGE_HEAD + c.len()].copy_from_slice(c);
                if i + 1 < chunks.len() {
                    self.put32(pg, 16, pg as u32 + 1);
                }
            }
            first
        }
        /// Lays out `items` on page `pg` from the end down, as BDB does.
        fn fill(&mut self, pg: usize, items: &[Vec<u8>], align: bool) {
            let mut top = PS;
            self.put16(pg, 20, items.len() as u16);
            for (i, it) in items.iter().enumerate() {
                top -= it.len();
                if align {
                    top &= !3;
                }
                self.pages[pg][top..top + it.len()].copy_from_slice(it);
                self.put16(pg, PAGE_HEAD + 2 * i, top as u16);
            }
        }
        fn finish(mut self) -> Vec<u8> {
            let last = self.pages.len() as u32 - 1;
            self.put32(0, 32, last);
            self.pages.concat()
        }
        fn key(&self, k: u32) -> [u8; 4] {
            if self.be {
                k.to_be_bytes()
            } else {
                k.to_le_bytes()
            }
        }
    }

    fn big_value(seed: u8) -> Vec<u8> {
        (0..1500u32).map(|i| (i as u8).wrapping_mul(seed)).collect()
    }

    /// A hash database with one bucket holding the instance counter (key 0),
    /// an inline value and an overflow value.
    fn hash_db(be: bool) -> Vec<u8> {
        let mut b = Builder::new(be, HASH_MAGIC, 8);
        b.put32(0, 72, 0); // max_bucket
        b.put32(0, 96, 1); // spares[0]: bucket 0 lives on page 1
        let bucket = b.new_page(P_HASH);
        let big = big_value(7);
        let ov = b.overflow(&big);
        let mut off = vec![H_OFFPAGE, 0, 0, 0];
        off.extend_from_slice(&b.key(ov));
        off.extend_from_slice(&b.key(big.len() as u32));
        let item = |b: &Builder, k: u32| {
            let mut v = vec![H_KEYDATA];
            v.extend_from_slice(&b.key(k));
            v
        };
        let items = vec![
            item(&b, 0),
            item(&b, 3),
            item(&b, 1),
            [&[H_KEYDATA][..], b"small"].concat(),
            item(&b, 2),
            off,
        ];
        b.fill(bucket, &items, false);
        b.finish()
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
    fn hash_both_byte_orders() {
        for be in [false, true] {
            let db = hash_db(be);
            assert_eq!(detect(&db), Some(Format::BdbHash));
            let got = collect(&db).unwrap();
            assert_eq!(
                got,
                vec![(1, b"small".to_vec()), (2, big_value(7))],
                "big endian: {be}"
            );
        }
    }

    #[test]
    fn btree_both_byte_orders_skips_deleted() {
        for be in [false, true] {
            let mut b = Builder::new(be, BTREE_MAGIC, 9);
            b.put32(0, 88, 1); // root
            let leaf = b.new_page(P_LBTREE);
            let kd = |b: &Builder, ty: u8, data: &[u8]| {
                let mut v = vec![0, 0, ty];
                let len = data.len() as u16;
                v[..2].copy_from_slice(&if b.be {
                    len.to_be_bytes()
                } else {
                    len.to_le_bytes()
                });
                v.extend_from_slice(data);
                v
            };
            let big = big_value(3);
            let ov = b.overflow(&big);
            let mut off = vec![0, 0, H_OFFPAGE, 0];
            off.extend_from_slice(&b.key(ov));
            off.extend_from_slice(&b.key(big.len() as u32));
            let items = vec![
                kd(&b, H_KEYDATA, &b.key(1)),
                kd(&b, H_KEYDATA, b"inline"),
                kd(&b, H_KEYDATA | B_DELETED, &b.key(2)),
                kd(&b, H_KEYDATA | B_DELETED, b"gone"),
                kd(&b, H_KEYDATA, &b.key(3)),
                off,
            ];
            b.fill(leaf, &items, true);
            let db = b.finish();
            assert_eq!(detect(&db), Some(Format::BdbBtree));
            assert_eq!(
                collect(&db).unwrap(),
                vec![(1, b"inline".to_vec()), (3, big)],
                "big endian: {be}"
            );
        }
    }

    #[test]
    fn broken_links_are_errors_not_panics() {
        let good = hash_db(true);
        // Overflow chain looping back to its start, with a recorded length
        // longer than the chain: the loop is followed only until the length
        // is used up, then the mismatch is reported.
        let mut looped = good.clone();
        let last = looped.len() / PS - 1;
        looped[last * PS + 16..last * PS + 20].copy_from_slice(&2u32.to_be_bytes());
        let page1 = &mut looped[PS..2 * PS];
        let at = page1
            .windows(4)
            .position(|w| w == 1500u32.to_be_bytes())
            .unwrap();
        page1[at..at + 4].copy_from_slice(&1600u32.to_be_bytes());
        let e = collect(&looped).unwrap_err().to_string();
        assert!(e.contains("bad data length"), "{e}");

        // A bucket chain that links back to itself.
        let mut cyc = good.clone();
        cyc[PS + 16..PS + 20].copy_from_slice(&1u32.to_be_bytes());
        let e = collect(&cyc).unwrap_err().to_string();
        assert!(e.contains("linked twice"), "{e}");

        // Out-of-range overflow page: a per-record error.
        let mut dangling = good.clone();
        let n = dangling.len() / PS;
        let first_ov = 2 * PS;
        dangling[first_ov + 8..first_ov + 12].copy_from_slice(&(n as u32 + 5).to_be_bytes());
        let e = collect(&dangling).unwrap_err().to_string();
        assert!(e.contains("another page number"), "{e}");

        // Bad page size, encryption, truncation.
        let mut ps = good.clone();
        ps[20..24].copy_from_slice(&1000u32.to_be_bytes());
        assert!(collect(&ps)
            .unwrap_err()
            .to_string()
            .contains("page size 1000"));
        let mut enc = good.clone();
        enc[24] = 1;
        assert!(collect(&enc).unwrap_err().to_string().contains("encrypted"));
        for cut in 0..good.len() {
            let _ = collect(&good[..cut]);
        }
    }
}
