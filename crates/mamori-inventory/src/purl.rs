//! Package URLs per <https://github.com/package-url/purl-spec>, including the
//! type-specific rules (PyPI name normalisation, npm scopes as namespaces, Go
//! module paths split at the last `/`, Maven `group:artifact`) and distro
//! qualifiers for OS packages.

use crate::{Ecosystem, OsInfo, Package};
use std::fmt::Write;

/// Characters the purl spec lets through unencoded in a component.
fn encode(s: &str, out: &mut String) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// The purl of `pkg`. OS packages get the distro namespace and `arch`/`distro`
/// qualifiers from `os` when known.
pub fn purl(pkg: &Package, os: Option<&OsInfo>) -> String {
    let (namespace, name): (Option<String>, String) = match pkg.ecosystem {
        Ecosystem::Pypi => (None, pkg.name.to_ascii_lowercase().replace(['_', '.'], "-")),
        Ecosystem::Npm | Ecosystem::Composer | Ecosystem::Go => match pkg.name.rsplit_once('/') {
            Some((ns, n)) if !ns.is_empty() => (Some(ns.to_string()), n.to_string()),
            _ => (None, pkg.name.clone()),
        },
        Ecosystem::Maven => match pkg.name.split_once(':') {
            Some((g, a)) => (Some(g.to_string()), a.to_string()),
            None => (None, pkg.name.clone()),
        },
        Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm => {
            let ns = os
                .map(|o| distro_namespace(&o.id))
                .unwrap_or(match pkg.ecosystem {
                    Ecosystem::Deb => "debian",
                    Ecosystem::Apk => "alpine",
                    _ => "redhat",
                });
            (Some(ns.to_string()), pkg.name.clone())
        }
        _ => (None, pkg.name.clone()),
    };
    let mut out = String::with_capacity(64);
    out.push_str("pkg:");
    out.push_str(pkg.ecosystem.purl_type());
    out.push('/');
    if let Some(ns) = namespace {
        for (i, seg) in ns.split('/').filter(|s| !s.is_empty()).enumerate() {
            if i > 0 {
                out.push('/');
            }
            encode(seg, &mut out);
        }
        out.push('/');
    }
    encode(&name, &mut out);
    if !pkg.version.is_empty() {
        out.push('@');
        encode(&pkg.version, &mut out);
    }
    let mut quals: Vec<(&str, String)> = Vec::new();
    if pkg.ecosystem.is_os() {
        if let Some(arch) = &pkg.arch {
            quals.push(("arch", arch.clone()));
        }
        if let Some(os) = os {
            quals.push(("distro", os.purl_distro()));
        }
        if pkg.ecosystem == Ecosystem::Rpm {
            if let Some(e) = pkg.epoch.filter(|e| *e > 0) {
                quals.push(("epoch", e.to_string()));
            }
        }
    }
    quals.sort();
    for (i, (k, v)) in quals.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        out.push('=');
        encode(v, &mut out);
    }
    out
}

/// purl namespaces for distros, as used by Trivy and Syft.
fn distro_namespace(id: &str) -> &str {
    match id {
        "rhel" => "redhat",
        "ol" => "oracle",
        "sles" | "sle_bci" | "opensuse-leap" | "opensuse-tumbleweed" | "opensuse" => "opensuse",
        "mariner" | "azurelinux" => id,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(eco: Ecosystem, name: &str, ver: &str) -> Package {
        Package::new(eco, name, ver, "/x")
    }

    #[test]
    fn language_purls() {
        assert_eq!(
            purl(&p(Ecosystem::Npm, "@babel/core", "7.0.0"), None),
            "pkg:npm/%40babel/core@7.0.0"
        );
        assert_eq!(
            purl(&p(Ecosystem::Pypi, "Django_Rest", "1.0"), None),
            "pkg:pypi/django-rest@1.0"
        );
        assert_eq!(
            purl(&p(Ecosystem::Go, "github.com/gorilla/mux", "v1.8.0"), None),
            "pkg:golang/github.com/gorilla/mux@v1.8.0"
        );
        assert_eq!(
            purl(
                &p(
                    Ecosystem::Maven,
                    "org.apache.commons:commons-lang3",
                    "3.12.0"
                ),
                None
            ),
            "pkg:maven/org.apache.commons/commons-lang3@3.12.0"
        );
        assert_eq!(
            purl(&p(Ecosystem::Cargo, "serde", "1.0.0+x"), None),
            "pkg:cargo/serde@1.0.0%2Bx"
        );
    }

    #[test]
    fn os_purls() {
        let os = OsInfo {
            id: "debian".into(),
            version_id: "12".into(),
            pretty_name: None,
            codename: None,
            id_like: vec![],
            precedence: 0,
        };
        let mut pkg = p(Ecosystem::Deb, "libc6", "1:2.36-9+deb12u4");
        pkg.arch = Some("amd64".into());
        assert_eq!(
            purl(&pkg, Some(&os)),
            "pkg:deb/debian/libc6@1%3A2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12"
        );
        let mut rpm = p(Ecosystem::Rpm, "bash", "4.4.20-4.el8");
        rpm.epoch = Some(1);
        rpm.arch = Some("x86_64".into());
        assert_eq!(
            purl(&rpm, None),
            "pkg:rpm/redhat/bash@4.4.20-4.el8?arch=x86_64&epoch=1"
        );
    }
}
