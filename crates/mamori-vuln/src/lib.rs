//! Vulnerability matching for inventories: turns the packages of an image,
//! directory or SBOM into database queries, reports one [`VulnFinding`] per
//! (package, vulnerability), applies ignore files and VEX documents, and
//! re-evaluates directories of stored SBOMs as the database changes.
//!
//! It deliberately does not scan anything (inventories come from
//! `mamori-inventory`/`mamori-scan` or `mamori-sbom`), does not update the
//! database (`mamori-vulndb`) and does not render reports (`mamori-report`);
//! it produces the report model's [`VulnFinding`] and [`Suppression`] values.
//!
//! Key entry points: [`match_inventory`] with [`MatchOptions`];
//! [`IgnoreFile`] and [`Vex`] ([`Suppressor`]s) for [`apply_suppressions`];
//! [`rescan_dir`] → [`RescanReport`].
//!
//! ```
//! use mamori_inventory::{Ecosystem, Inventory, Package};
//! use mamori_vuln::{apply_suppressions, match_inventory, IgnoreFile, MatchOptions, Suppressor};
//! use mamori_vulndb::VulnDb;
//! let dir = std::env::temp_dir().join(format!("mamori-vuln-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let rec = dir.join("GHSA-xxxx.json");
//! std::fs::write(&rec, r#"{"id":"GHSA-xxxx","aliases":["CVE-2024-1"],
//!   "affected":[{"package":{"ecosystem":"npm","name":"left-pad"},
//!     "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.3.0"}]}]}]}"#).unwrap();
//! VulnDb::import(&dir, &[rec], &mut |_| {}).unwrap();
//! let db = VulnDb::open(&dir).unwrap();
//! let inv = Inventory {
//!     os: None,
//!     packages: vec![Package::new(Ecosystem::Npm, "left-pad", "1.2.0", "/app/package-lock.json")],
//! };
//! let found = match_inventory(&inv, &db, &MatchOptions::default()).unwrap();
//! assert_eq!(found[0].id, "CVE-2024-1");
//! assert_eq!(found[0].fixed_version.as_deref(), Some("1.3.0"));
//! let ignore = IgnoreFile::parse("CVE-2024-1 left-pad # not reachable\n",
//!     std::path::Path::new(".mamoriignore"), "2025-01-01").unwrap();
//! let (kept, suppressed) = apply_suppressions(found, &[&ignore as &dyn Suppressor]);
//! assert!(kept.is_empty());
//! assert_eq!(suppressed[0].reason, "not reachable");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod error;
mod ignore;
mod matching;
mod rescan;
mod suppress;
mod vex;

pub use error::{Error, Result};
pub use ignore::{today, IgnoreEntry, IgnoreFile, PackageFilter, MAX_IGNORE_FILE};
pub use mamori_report::{Suppression, VulnFinding};
pub use matching::{
    match_inventory, match_inventory_cached, package_query, package_ref, sort_findings,
    MatchOptions, QueryCache,
};
pub use rescan::{read_document, rescan_dir, RescanReport, MAX_FILES, STATE_FILE};
pub use suppress::{apply_suppressions, Suppressor, Verdict};
pub use vex::{Vex, VexFormat, VexProduct, VexStatement, VexStatus, MAX_VEX_FILE};
