//! Matching an [`Inventory`] against the vulnerability database: turning each
//! package into the right database query (distro ecosystem and release, the
//! source package for Debian/Ubuntu/Alpine, the RPM epoch), turning the
//! database's [`Match`]es into report [`VulnFinding`]s, filtering and
//! de-duplicating them.
//!
//! It does not apply ignore files or VEX ([`crate::apply_suppressions`] does)
//! and it does not decide which OS packages own language packages: the
//! inventory has already dropped those, so they are matched once, through the
//! distro's data.

use crate::error::Result;
use mamori_inventory::{purl, Ecosystem, Inventory, OsInfo, Package};
use mamori_report::{Cvss, PackageRef, VulnFinding};
use mamori_vulndb::{is_kernel_headers, is_unfixed, os_ecosystem, Match, Query, Severity, VulnDb};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// What to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchOptions {
    /// Drop vulnerabilities that have no fixed version yet.
    pub ignore_unfixed: bool,
    /// Match kernel-header packages (`linux-libc-dev`, `kernel-headers`…);
    /// off by default because inside a container they describe the build
    /// host's kernel, not the running one.
    pub include_kernel: bool,
    /// Report only findings at or above this severity.
    pub min_severity: Option<Severity>,
}

/// The database lookup for one package: `None` when it cannot be matched
/// (an OS package on an unknown or unsupported distro, a kernel-header
/// package without `include_kernel`).
pub fn package_query(pkg: &Package, os: Option<&OsInfo>, opts: &MatchOptions) -> Option<Query> {
    // The kernel-headers rule must look at the *binary* name: Debian's
    // linux-libc-dev is built from source `linux`, which the database rule
    // (applied to the queried name) would not recognise.
    if !opts.include_kernel && is_kernel_headers(&pkg.name) {
        return None;
    }
    let (eco, name, version) = match pkg.ecosystem {
        Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm => {
            let os = os?;
            if !os_family_matches(pkg.ecosystem, os) {
                return None;
            }
            let eco = os_ecosystem(&os.id, &os.version_id)?;
            match pkg.ecosystem {
                // Debian/Ubuntu advisories are filed per source package and
                // source version; Alpine's per origin (the apk analyzer sets
                // the origin as source name and the package version as source
                // version).
                Ecosystem::Deb | Ecosystem::Apk => (
                    eco,
                    pkg.source_name.clone().unwrap_or_else(|| pkg.name.clone()),
                    pkg.source_version
                        .clone()
                        .unwrap_or_else(|| pkg.version.clone()),
                ),
                // RPM distros (AlmaLinux, Rocky, openSUSE, Mageia) list binary
                // packages; versions carry the epoch when it is not zero.
                _ => {
                    let v = match pkg.epoch.filter(|e| *e > 0) {
                        Some(e) if !pkg.version.contains(':') => format!("{e}:{}", pkg.version),
                        _ => pkg.version.clone(),
                    };
                    (eco, pkg.name.clone(), v)
                }
            }
        }
        lang => (
            lang.osv_name()?.to_string(),
            pkg.name.clone(),
            pkg.version.clone(),
        ),
    };
    if name.is_empty() || version.is_empty() {
        return None;
    }
    let mut q = Query::new(eco, name, version);
    q.include_kernel = opts.include_kernel;
    Some(q)
}

/// True when an OS package's format belongs to the detected distro (a stray
/// dpkg database on an Alpine image is not matched against Alpine data).
fn os_family_matches(eco: Ecosystem, os: &OsInfo) -> bool {
    let ids = || std::iter::once(os.id.as_str()).chain(os.id_like.iter().map(String::as_str));
    let any = |names: &[&str]| ids().any(|i| names.contains(&i));
    match eco {
        Ecosystem::Deb => any(&["debian", "ubuntu"]),
        Ecosystem::Apk => any(&["alpine", "wolfi", "chainguard"]),
        Ecosystem::Rpm => any(&[
            "rhel",
            "centos",
            "fedora",
            "almalinux",
            "rocky",
            "opensuse-leap",
            "suse",
            "mageia",
        ]),
        _ => true,
    }
}

type CacheKey = (String, String, String, bool);

/// Query results shared between inventories (and threads): many SBOMs hold
/// the same packages, and one database lookup costs far more than a hash
/// lookup. Keyed by `(ecosystem, name, version, include_kernel)`.
///
/// A cache must only be used with one database: it does not notice updates.
#[derive(Debug, Default)]
pub struct QueryCache {
    map: Mutex<HashMap<CacheKey, Arc<Vec<Match>>>>,
}

impl QueryCache {
    /// An empty cache.
    pub fn new() -> QueryCache {
        QueryCache::default()
    }

    /// Number of distinct queries cached.
    pub fn len(&self) -> usize {
        self.map.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get_or_query(&self, db: &VulnDb, q: &Query) -> Result<Arc<Vec<Match>>> {
        let key = (
            q.osv_ecosystem.clone(),
            q.name.clone(),
            q.version.clone(),
            q.include_kernel,
        );
        if let Some(hit) = self.map.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(hit);
        }
        // The lock is not held across the query: two threads may look up the
        // same key at once, which only costs a duplicate lookup.
        let found = Arc::new(db.query(q)?);
        if let Ok(mut m) = self.map.lock() {
            m.insert(key, Arc::clone(&found));
        }
        Ok(found)
    }
}

/// All vulnerabilities of the inventory's packages, one finding per
/// (package, vulnerability), sorted by severity (worst first), then package
/// name, version and location, then id.
pub fn match_inventory(
    inv: &Inventory,
    db: &VulnDb,
    opts: &MatchOptions,
) -> Result<Vec<VulnFinding>> {
    match_inventory_cached(inv, db, opts, &QueryCache::new())
}

/// [`match_inventory`] with a caller-owned [`QueryCache`], for matching many
/// inventories against one database.
pub fn match_inventory_cached(
    inv: &Inventory,
    db: &VulnDb,
    opts: &MatchOptions,
    cache: &QueryCache,
) -> Result<Vec<VulnFinding>> {
    let os = inv.os.as_ref();
    let mut seen: HashSet<(Ecosystem, &str, &str, &str, String)> = HashSet::new();
    let mut out = Vec::new();
    for pkg in &inv.packages {
        let Some(q) = package_query(pkg, os, opts) else {
            if pkg.ecosystem.is_os() {
                tracing::debug!(
                    "{} {}: not matched (no advisory ecosystem for os {:?})",
                    pkg.name,
                    pkg.version,
                    os.map(|o| o.purl_distro())
                );
            }
            continue;
        };
        let matches = cache.get_or_query(db, &q)?;
        let mut pref: Option<PackageRef> = None;
        for m in matches.iter() {
            if opts.ignore_unfixed && is_unfixed(m) {
                continue;
            }
            if opts.min_severity.is_some_and(|min| m.severity < min) {
                continue;
            }
            // The same package recorded twice at one location (duplicate
            // inventory entries) must not double its findings; binary
            // packages of one source are distinct packages and keep theirs.
            let key = (
                pkg.ecosystem,
                pkg.name.as_str(),
                pkg.version.as_str(),
                pkg.location.as_str(),
                m.id.clone(),
            );
            if !seen.insert(key) {
                continue;
            }
            let pr = pref.get_or_insert_with(|| package_ref(pkg, os)).clone();
            out.push(finding(m, pr, &q.name));
        }
    }
    sort_findings(&mut out);
    Ok(out)
}

/// The report's reference to a package.
pub fn package_ref(pkg: &Package, os: Option<&OsInfo>) -> PackageRef {
    PackageRef {
        name: pkg.name.clone(),
        version: pkg.version.clone(),
        ecosystem: pkg.ecosystem,
        purl: purl(pkg, os),
        location: pkg.location.clone(),
        layer: pkg.layer.clone(),
    }
}

fn finding(m: &Match, package: PackageRef, matched_name: &str) -> VulnFinding {
    VulnFinding {
        id: m.id.clone(),
        aliases: m.aliases.clone(),
        package,
        severity: m.severity.as_str().to_string(),
        severity_source: m.severity_source.clone(),
        cvss: m
            .cvss
            .iter()
            .map(|c| Cvss {
                vector: c.vector.clone(),
                score: c.score,
            })
            .collect(),
        fixed_version: m.fixed_version.clone(),
        summary: m.summary.clone(),
        data_source: m.ecosystem.clone(),
        matched_name: matched_name.to_string(),
        explain: m.explain.clone(),
    }
}

/// Rank of a report severity string (unknown strings rank lowest).
pub(crate) fn severity_rank(s: &str) -> usize {
    mamori_report::SEVERITIES
        .iter()
        .position(|x| *x == s)
        .unwrap_or(0)
}

/// Sorts findings worst first, then by package, then id (the report order).
pub fn sort_findings(v: &mut [VulnFinding]) {
    v.sort_by(|a, b| {
        severity_rank(&b.severity)
            .cmp(&severity_rank(&a.severity))
            .then_with(|| a.package.name.cmp(&b.package.name))
            .then_with(|| a.package.version.cmp(&b.package.version))
            .then_with(|| a.package.location.cmp(&b.package.location))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn os(id: &str, v: &str) -> OsInfo {
        OsInfo {
            id: id.into(),
            version_id: v.into(),
            pretty_name: None,
            codename: None,
            id_like: Vec::new(),
            precedence: 0,
        }
    }

    #[test]
    fn debian_queries_source_package() {
        let mut p = Package::new(Ecosystem::Deb, "libssl1.1", "1.1.1n-0+deb11u3+b1", "/s");
        p.source_name = Some("openssl".into());
        p.source_version = Some("1.1.1n-0+deb11u3".into());
        let q = package_query(&p, Some(&os("debian", "11")), &MatchOptions::default()).unwrap();
        assert_eq!(
            (
                q.osv_ecosystem.as_str(),
                q.name.as_str(),
                q.version.as_str()
            ),
            ("Debian:11", "openssl", "1.1.1n-0+deb11u3")
        );
    }

    #[test]
    fn rpm_epoch_is_prefixed_only_when_non_zero() {
        let mut p = Package::new(Ecosystem::Rpm, "bash", "5.1.8-6.el9", "/r");
        let alma = os("almalinux", "9.3");
        p.epoch = Some(0);
        let q = package_query(&p, Some(&alma), &MatchOptions::default()).unwrap();
        assert_eq!(q.version, "5.1.8-6.el9");
        assert_eq!(q.osv_ecosystem, "AlmaLinux:9");
        p.epoch = Some(2);
        let q = package_query(&p, Some(&alma), &MatchOptions::default()).unwrap();
        assert_eq!(q.version, "2:5.1.8-6.el9");
    }

    #[test]
    fn kernel_headers_use_binary_name() {
        let mut p = Package::new(Ecosystem::Deb, "linux-libc-dev", "5.10.1-1", "/s");
        p.source_name = Some("linux".into());
        let deb = os("debian", "11");
        assert!(package_query(&p, Some(&deb), &MatchOptions::default()).is_none());
        let opts = MatchOptions {
            include_kernel: true,
            ..MatchOptions::default()
        };
        let q = package_query(&p, Some(&deb), &opts).unwrap();
        assert_eq!(q.name, "linux");
        assert!(q.include_kernel);
    }

    #[test]
    fn os_packages_need_a_matching_distro() {
        let p = Package::new(Ecosystem::Deb, "bash", "5.1-2", "/s");
        let opts = MatchOptions::default();
        assert!(package_query(&p, None, &opts).is_none());
        assert!(package_query(&p, Some(&os("alpine", "3.18.0")), &opts).is_none());
        assert!(package_query(&p, Some(&os("fedora", "39")), &opts).is_none());
        let mut like = os("mint", "21");
        like.id_like = vec!["ubuntu".into()];
        // An Ubuntu derivative with its own id has no advisory ecosystem.
        assert!(package_query(&p, Some(&like), &opts).is_none());
        let npm = Package::new(Ecosystem::Npm, "@a/b", "1.0.0", "/l");
        assert_eq!(
            package_query(&npm, None, &opts).unwrap().osv_ecosystem,
            "npm"
        );
    }
}
