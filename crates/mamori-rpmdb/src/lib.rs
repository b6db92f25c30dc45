//! Reads RPM installed-package databases without librpm.
//!
//! Every rpmdb stores one binary *header blob* per installed package; only the
//! container around the blobs differs between distributions and eras:
//!
//! - SQLite `rpmdb.sqlite` (Fedora 33+, RHEL 9, Amazon Linux 2023, Mariner 2),
//!   table `Packages(hnum, blob)`, read with a bundled SQLite from memory;
//! - Berkeley DB `Packages` (RHEL/CentOS 5–8, Amazon Linux 2), hash databases
//!   and — for old embedded images — btree ones, parsed here page by page;
//! - NDB `Packages.db` (SUSE 15.3+), parsed here.
//!
//! [`read_packages`] detects the container by its magic bytes (never by file
//! name) and decodes every header into an [`RpmPackage`]. CBL-Mariner's
//! distroless images carry no database but a text manifest, read by
//! [`parse_container_manifest`].
//!
//! This crate only reads: it never writes a file (SQLite is opened from a
//! private in-memory copy), never verifies signatures or digests, and does not
//! interpret versions (see `mamori-version`). All input is untrusted: offsets and
//! counts are checked, loops are bounded, and the bytes copied out of a database
//! never exceed the database's own size.
//!
//! ```
//! // A database that is no rpmdb at all is a clear error, not a panic.
//! let err = mamori_rpmdb::read_packages(b"CORRUPT\n").unwrap_err();
//! assert!(err.to_string().contains("not an rpm database"));
//!
//! let manifest = "glibc\t2.35-2.cm2\t1653816591\t1653628955\tMicrosoft Corporation\t(none)\t10855265\tx86_64\t0\tglibc-2.35-2.cm2.src.rpm\n";
//! let pkgs = mamori_rpmdb::parse_container_manifest(manifest);
//! assert_eq!((pkgs[0].name.as_str(), pkgs[0].version.as_str(), pkgs[0].release.as_str()), ("glibc", "2.35", "2.cm2"));
//! ```

mod bdb;
mod header;
mod manifest;
mod ndb;
mod sqlite;

pub use header::parse_header;
pub use manifest::parse_container_manifest;

/// Why a database or header could not be read. Messages are lower-case and name
/// the offending value; callers add the file path.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes match no known rpmdb format.
    #[error("not an rpm database (starts with {0})")]
    UnknownFormat(String),
    /// A header blob is malformed.
    #[error("invalid rpm header: {0}")]
    Header(String),
    /// The Berkeley DB container is malformed or unsupported.
    #[error("berkeley db: {0}")]
    Bdb(String),
    /// The NDB container is malformed.
    #[error("ndb: {0}")]
    Ndb(String),
    /// SQLite could not open or query the database.
    #[error("sqlite: {0}")]
    Sqlite(String),
    /// One record of an otherwise readable database is bad.
    #[error("record {record}: {source}")]
    Record {
        /// The record's key or position (header instance number where known).
        record: u64,
        /// What is wrong with it.
        #[source]
        source: Box<Error>,
    },
}

/// The container formats [`detect`] recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SQLite `rpmdb.sqlite`.
    Sqlite,
    /// Berkeley DB hash `Packages`.
    BdbHash,
    /// Berkeley DB btree `Packages` (rpm5-era embedded images).
    BdbBtree,
    /// SUSE NDB `Packages.db`.
    Ndb,
}

/// One installed package, as recorded in its header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RpmPackage {
    /// `NAME`.
    pub name: String,
    /// `EPOCH`, absent for most packages (which rpm treats as 0 when comparing).
    pub epoch: Option<u32>,
    /// `VERSION`.
    pub version: String,
    /// `RELEASE`.
    pub release: String,
    /// `ARCH`; absent for `gpg-pubkey` pseudo-packages.
    pub arch: Option<String>,
    /// `SOURCERPM`, e.g. `bash-5.1.8-6.el9.src.rpm`.
    pub source_rpm: Option<String>,
    /// `LICENSE`, free text (often an SPDX-like expression).
    pub license: Option<String>,
    /// `VENDOR`.
    pub vendor: Option<String>,
    /// `MODULARITYLABEL` (`name:stream:version:context`) for modular packages.
    pub modularity_label: Option<String>,
    /// Owned paths, absolute, in header order.
    pub files: Vec<String>,
}

impl RpmPackage {
    /// `VERSION-RELEASE`, or just the version when the release is empty.
    pub fn version_release(&self) -> String {
        if self.release.is_empty() {
            self.version.clone()
        } else {
            format!("{}-{}", self.version, self.release)
        }
    }
}

/// Recognises the container format by magic bytes.
pub fn detect(db: &[u8]) -> Option<Format> {
    if db.starts_with(b"SQLite format 3\0") {
        return Some(Format::Sqlite);
    }
    if db.starts_with(ndb::MAGIC) {
        return Some(Format::Ndb);
    }
    bdb::detect(db)
}

/// Receives `(record key, blob or why the record could not be read)` from a
/// backend.
pub(crate) type BlobSink<'a> = dyn FnMut(u64, Result<&[u8], Error>) + 'a;

/// Calls `f(record, blob)` for every header blob in the database; a record the
/// container cannot produce (a broken overflow chain, a torn NDB blob) arrives
/// as an `Err` so that the others can still be read.
fn for_each_blob(db: &[u8], f: &mut BlobSink) -> Result<(), Error> {
    match detect(db) {
        Some(Format::Sqlite) => sqlite::for_each_blob(db, f),
        Some(Format::Ndb) => ndb::for_each_blob(db, f),
        Some(Format::BdbHash | Format::BdbBtree) => bdb::for_each_blob(db, f),
        None => {
            let head: Vec<String> = db.iter().take(8).map(|b| format!("{b:02x}")).collect();
            Err(Error::UnknownFormat(if head.is_empty() {
                "nothing: the file is empty".to_string()
            } else {
                head.join(" ")
            }))
        }
    }
}

/// Every header blob in the database with its record key, undecoded. Useful to
/// compare with other header parsers; scanners want [`read_packages`].
pub fn header_blobs(db: &[u8]) -> Result<Vec<(u64, Vec<u8>)>, Error> {
    let mut out = Vec::new();
    let mut first_err = None;
    for_each_blob(db, &mut |k, b| match b {
        Ok(b) => out.push((k, b.to_vec())),
        Err(e) => {
            first_err.get_or_insert(Error::Record {
                record: k,
                source: Box::new(e),
            });
        }
    })?;
    match first_err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Reads every package, skipping records whose header is malformed and
/// returning one [`Error::Record`] per skipped record alongside. Fails only
/// when the container itself cannot be read.
pub fn read_packages_lenient(db: &[u8]) -> Result<(Vec<RpmPackage>, Vec<Error>), Error> {
    let mut pkgs = Vec::new();
    let mut errs = Vec::new();
    for_each_blob(db, &mut |record, blob| match blob.and_then(parse_header) {
        Ok(p) => pkgs.push(p),
        Err(e) => errs.push(Error::Record {
            record,
            source: Box::new(e),
        }),
    })?;
    Ok((pkgs, errs))
}

/// Reads every package of an rpm database held in memory. Any malformed record
/// fails the whole read; see [`read_packages_lenient`] for partial results.
pub fn read_packages(db: &[u8]) -> Result<Vec<RpmPackage>, Error> {
    let (pkgs, mut errs) = read_packages_lenient(db)?;
    match errs.is_empty() {
        true => Ok(pkgs),
        false => Err(errs.swap_remove(0)),
    }
}
