//! OSV ecosystem names: from an operating system's os-release to the exact
//! string the advisory data uses, the spellings a query also accepts, package
//! name normalisation, and the kernel-headers rule.
//!
//! The strings here were checked against the osv.dev data in
//! `shared/corpus/osv` (e.g. Ubuntu LTS releases are `Ubuntu:22.04:LTS`,
//! Alpine branches carry a `v`). This module knows names only; it never reads
//! os-release files itself (the inventory does) and never compares versions.

/// The OSV ecosystem for an operating system, from os-release `ID` and
/// `VERSION_ID`. Returns `None` for distributions whose advisories OSV does
/// not publish under a per-release ecosystem we can derive, and for rolling
/// releases without a `VERSION_ID` (Debian testing/sid).
///
/// | os-release            | result                |
/// |-----------------------|-----------------------|
/// | `debian` `12`         | `Debian:12`           |
/// | `ubuntu` `22.04`      | `Ubuntu:22.04:LTS`    |
/// | `ubuntu` `25.10`      | `Ubuntu:25.10`        |
/// | `alpine` `3.18.4`     | `Alpine:v3.18`        |
/// | `almalinux` `9.3`     | `AlmaLinux:9`         |
/// | `rocky` `9.3`         | `Rocky Linux:9`       |
/// | `opensuse-leap` `15.5`| `openSUSE:Leap 15.5`  |
/// | `mageia` `9`          | `Mageia:9`            |
/// | `wolfi`, `chainguard` | `Wolfi`, `Chainguard` |
pub fn os_ecosystem(os_id: &str, version_id: &str) -> Option<String> {
    let id = os_id.trim().to_ascii_lowercase();
    let ver = version_id.trim().trim_matches('"');
    let major = || ver.split('.').next().filter(|m| !m.is_empty());
    let major_minor = || {
        let mut it = ver.split(['.', '_', '-']);
        let (a, b) = (it.next()?, it.next()?);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        (digits(a) && digits(b)).then(|| format!("{a}.{b}"))
    };
    Some(match id.as_str() {
        "wolfi" => "Wolfi".to_string(),
        "chainguard" => "Chainguard".to_string(),
        _ if ver.is_empty() => return None,
        "debian" => format!("Debian:{}", major()?),
        "ubuntu" => {
            let mm = major_minor()?;
            // LTS releases are the April releases of even years (xx.04).
            let (y, m) = mm.split_once('.')?;
            let lts = m == "04" && y.parse::<u32>().ok()?.is_multiple_of(2);
            if lts {
                format!("Ubuntu:{mm}:LTS")
            } else {
                format!("Ubuntu:{mm}")
            }
        }
        "alpine" => format!("Alpine:v{}", major_minor()?),
        "almalinux" => format!("AlmaLinux:{}", major()?),
        "rocky" => format!("Rocky Linux:{}", major()?),
        "opensuse-leap" => format!("openSUSE:Leap {}", major_minor()?),
        "mageia" => format!("Mageia:{}", major()?),
        _ => return None,
    })
}

/// The DB ecosystems a query ecosystem is looked up in: the string itself and,
/// for Ubuntu, the `:LTS`-suffixed or bare variant, so `Ubuntu:22.04` finds
/// records filed under `Ubuntu:22.04:LTS`. Ubuntu Pro (`Ubuntu:Pro:…`) data
/// is only used when asked for explicitly: its fixes need a Pro subscription.
pub fn db_ecosystems(query: &str) -> Vec<String> {
    let mut out = vec![query.to_string()];
    if let Some(rest) = query.strip_prefix("Ubuntu:") {
        if !rest.starts_with("Pro:") {
            match rest.strip_suffix(":LTS") {
                Some(bare) => out.push(format!("Ubuntu:{bare}")),
                None => out.push(format!("{query}:LTS")),
            }
        }
    }
    out
}

/// True for ecosystems whose packages come from the operating system, where
/// the distro's own advisory id is preferred as the primary finding id.
pub fn is_os_ecosystem(eco: &str) -> bool {
    let base = eco.split(':').next().unwrap_or(eco);
    matches!(
        base,
        "Debian"
            | "Ubuntu"
            | "Alpine"
            | "AlmaLinux"
            | "Rocky Linux"
            | "Red Hat"
            | "SUSE"
            | "openSUSE"
            | "Mageia"
            | "openEuler"
            | "Wolfi"
            | "Chainguard"
            | "Photon OS"
            | "Azure Linux"
            | "MinimOS"
            | "Echo"
    )
}

/// Canonical form of a package name for lookups. PyPI names are compared
/// after PEP 503 normalisation (`Foo_Bar.baz` → `foo-bar-baz`); every other
/// ecosystem is case-sensitive and compared as published.
pub fn normalize_name(ecosystem: &str, name: &str) -> String {
    if ecosystem == "PyPI" {
        let mut out = String::with_capacity(name.len());
        let mut sep = false;
        for c in name.trim().chars() {
            if matches!(c, '-' | '_' | '.') {
                sep = true;
            } else {
                if sep && !out.is_empty() {
                    out.push('-');
                }
                sep = false;
                out.extend(c.to_lowercase());
            }
        }
        out
    } else {
        name.to_string()
    }
}

/// The kernel-headers rule: `linux-libc-dev`, `linux-headers-*` and
/// `kernel-headers` describe the kernel the image was *built* against, not the
/// kernel it runs on, so their (many) kernel CVEs are noise in a container
/// scan. They are skipped unless the query sets `include_kernel`.
pub fn is_kernel_headers(name: &str) -> bool {
    name == "linux-libc-dev" || name == "kernel-headers" || name.starts_with("linux-headers-")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn os_release_to_osv() {
        let cases = [
            ("debian", "12", Some("Debian:12")),
            ("debian", "11", Some("Debian:11")),
            ("debian", "", None),
            ("ubuntu", "22.04", Some("Ubuntu:22.04:LTS")),
            ("ubuntu", "20.04", Some("Ubuntu:20.04:LTS")),
            ("ubuntu", "25.10", Some("Ubuntu:25.10")),
            ("ubuntu", "23.04", Some("Ubuntu:23.04")),
            ("alpine", "3.18.4", Some("Alpine:v3.18")),
            ("alpine", "3.19_alpha20230901", Some("Alpine:v3.19")),
            ("almalinux", "9.3", Some("AlmaLinux:9")),
            ("rocky", "8.9", Some("Rocky Linux:8")),
            ("opensuse-leap", "15.5", Some("openSUSE:Leap 15.5")),
            ("mageia", "9", Some("Mageia:9")),
            ("wolfi", "20230201", Some("Wolfi")),
            ("Chainguard", "", Some("Chainguard")),
            ("fedora", "39", None),
            ("alpine", "edge", None),
        ];
        for (id, ver, want) in cases {
            assert_eq!(os_ecosystem(id, ver).as_deref(), want, "{id} {ver}");
        }
    }

    #[test]
    fn ubuntu_variants() {
        assert_eq!(
            db_ecosystems("Ubuntu:22.04"),
            ["Ubuntu:22.04", "Ubuntu:22.04:LTS"]
        );
        assert_eq!(
            db_ecosystems("Ubuntu:22.04:LTS"),
            ["Ubuntu:22.04:LTS", "Ubuntu:22.04"]
        );
        assert_eq!(
            db_ecosystems("Ubuntu:Pro:18.04:LTS"),
            ["Ubuntu:Pro:18.04:LTS"]
        );
        assert_eq!(db_ecosystems("PyPI"), ["PyPI"]);
    }

    #[test]
    fn pypi_names_are_normalised() {
        assert_eq!(normalize_name("PyPI", "Foo_Bar.baz"), "foo-bar-baz");
        assert_eq!(normalize_name("PyPI", "a--__b"), "a-b");
        assert_eq!(normalize_name("PyPI", "Django"), "django");
        assert_eq!(normalize_name("npm", "Foo_Bar"), "Foo_Bar");
    }

    #[test]
    fn kernel_headers() {
        assert!(is_kernel_headers("linux-libc-dev"));
        assert!(is_kernel_headers("linux-headers-6.1.0-13-amd64"));
        assert!(is_kernel_headers("kernel-headers"));
        assert!(!is_kernel_headers("linux"));
        assert!(!is_kernel_headers("libc6-dev"));
    }

    #[test]
    fn os_ecosystems() {
        assert!(is_os_ecosystem("Debian:12"));
        assert!(is_os_ecosystem("Rocky Linux:9"));
        assert!(!is_os_ecosystem("PyPI"));
        assert!(!is_os_ecosystem("Go"));
    }
}
