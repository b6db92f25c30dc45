//! The vulnerability database: imports OSV advisories (osv.dev's
//! `<Ecosystem>/all.zip` archives, directories or single JSON records) into an
//! embedded store, keeps it fresh from a mirror, and answers "which
//! vulnerabilities affect `name` `version` in ecosystem `E`?" with merged,
//! explained, severity-rated findings.
//!
//! It deliberately does not know images, files to scan or inventories: callers
//! turn packages into [`Query`]s (an OS package's ecosystem comes from
//! [`os_ecosystem`]). Version ordering is delegated to `mamori-version`; only
//! [`update`] touches the network.
//!
//! Key types: [`VulnDb`] (open, import, query, status), [`Query`] → [`Match`],
//! [`Severity`] and the [`cvss`] scorers.
//!
//! ```
//! use mamori_vulndb::{Query, Severity, VulnDb};
//! let dir = std::env::temp_dir().join(format!("mamori-vulndb-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let rec = dir.join("GHSA-xxxx.json");
//! std::fs::write(&rec, r#"{"id":"GHSA-xxxx","aliases":["CVE-2024-1"],
//!   "database_specific":{"severity":"HIGH"},
//!   "affected":[{"package":{"ecosystem":"npm","name":"left-pad"},
//!     "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.3.0"}]}]}]}"#).unwrap();
//! VulnDb::import(&dir, &[rec], &mut |_| {}).unwrap();
//! let db = VulnDb::open(&dir).unwrap();
//! let found = db.query(&Query::new("npm", "left-pad", "1.2.0")).unwrap();
//! assert_eq!(found[0].id, "CVE-2024-1");
//! assert_eq!(found[0].severity, Severity::High);
//! assert_eq!(found[0].fixed_version.as_deref(), Some("1.3.0"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! # Why SQLite
//!
//! The store is one SQLite file (bundled, so every host runs the same engine).
//! The workload is write-once/read-many: a bulk import of ~10⁵–10⁶ records,
//! then hundreds to thousands of point lookups per scan keyed by
//! `(ecosystem, package name)`. A `WITHOUT ROWID` table clustered on that key
//! makes each lookup a single B-tree range scan touching a few pages, the file
//! is memory-mapped by the OS page cache and needs no load step (a scan starts
//! in milliseconds, unlike deserialising a whole in-memory index), and
//! concurrent readers (CLI runs, the server) share it safely. SQLite also gives
//! the atomic-swap story cheaply: build into a temporary file with journaling
//! off, fsync, `rename(2)` over the old file; open readers keep their snapshot.
//! Alternatives considered: an embedded KV store (sled/redb) offers the same
//! lookups but not the ad-hoc SQL used for status, debugging and the partial
//! copy during updates; a serialised in-memory map (bincode/rkyv) loads the
//! whole DB on every start and has no partial update; Trivy's BoltDB model
//! ("bucket per ecosystem") maps directly onto the clustered key here. The
//! crate is shared with the RPM database reader, so it costs no extra build.

mod advisory;
pub mod cvss;
mod ecosystem;
mod error;
mod matcher;
mod severity;
mod store;
mod update;

pub use advisory::{
    parse_record, Advisory, Affected, CvssVector, Event, EventKind, OsvError, Range, RangeKind,
    Rated, RecordMeta, SeveritySource, MAX_RECORD_BYTES,
};
pub use ecosystem::{
    db_ecosystems, is_kernel_headers, is_os_ecosystem, normalize_name, os_ecosystem,
};
pub use error::{Error, Result};
pub use matcher::{is_unfixed, Match};
pub use severity::{ParseSeverityError, Severity};
pub use store::{
    EcosystemStatus, ImportSummary, Progress, Query, Status, VulnDb, DB_FILE, MAX_ZIP_ENTRIES,
    SCHEMA_VERSION,
};
pub use update::{update, DEFAULT_MIRROR, MAX_DOWNLOAD_BYTES};
