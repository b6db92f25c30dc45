//! Package URLs read back (<https://github.com/package-url/purl-spec>): a parser
//! that follows the spec's right-to-left algorithm (subpath, qualifiers, version,
//! then type/namespace/name) with percent-decoding, and the type-specific rules
//! that turn a purl back into a [`Package`] — the inverse of
//! `mamori_inventory::purl`.
//!
//! It deliberately does not validate purls beyond what reading needs: an
//! unknown type parses fine and is reported as unsupported by
//! [`Purl::to_package`], and odd but readable input (unencoded `@` in an npm
//! scope, a stray `%`) is accepted the way producers in the wild write it.

use mamori_inventory::{Ecosystem, Package};
use std::fmt;

/// Longest purl accepted. Real purls are a few hundred bytes; the cap keeps a
/// hostile document from making us decode megabytes per component.
const MAX_PURL_LEN: usize = 16 << 10;
/// Most qualifiers accepted in one purl.
const MAX_QUALIFIERS: usize = 64;

/// Why a string is not a purl.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid purl {purl:?}: {reason}")]
pub struct PurlError {
    /// The offending purl, shortened to 200 characters.
    pub purl: String,
    /// What is wrong, lower-case.
    pub reason: &'static str,
}

/// A parsed package URL. All components are percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purl {
    /// The type, lower-cased: `deb`, `npm`, `golang`…
    pub ty: String,
    /// Namespace segments joined with `/` (`debian`, `@babel`, `github.com/gorilla`).
    pub namespace: Option<String>,
    /// The name.
    pub name: String,
    /// The version, if any.
    pub version: Option<String>,
    /// Qualifiers in document order, keys lower-cased, empty values dropped.
    pub qualifiers: Vec<(String, String)>,
    /// Subpath segments joined with `/`, without `.`/`..`/empty segments.
    pub subpath: Option<String>,
}

fn err(purl: &str, reason: &'static str) -> PurlError {
    PurlError {
        purl: purl.chars().take(200).collect(),
        reason,
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes `s`. A `%` not followed by two hex digits is kept literally
/// (producers do write such purls); `+` is not a space in purls.
fn decode(purl: &str, s: &str) -> Result<String, PurlError> {
    if !s.contains('%') {
        return Ok(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_err(|_| err(purl, "percent-encoding is not valid utf-8"))
}

impl Purl {
    /// Parses `s`.
    pub fn parse(s: &str) -> Result<Purl, PurlError> {
        if s.len() > MAX_PURL_LEN {
            return Err(err(s, "longer than 16 KiB"));
        }
        let trimmed = s.trim();
        let rest = match trimmed.get(..4) {
            Some(scheme) if scheme.eq_ignore_ascii_case("pkg:") => &trimmed[4..],
            _ => return Err(err(s, "does not start with \"pkg:\"")),
        };
        // The spec tolerates `pkg://type/...`.
        let rest = rest.trim_start_matches('/');
        let (rest, subpath) = match rest.rsplit_once('#') {
            Some((r, sp)) => (r, Some(sp)),
            None => (rest, None),
        };
        let (rest, query) = match rest.rsplit_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        let (ty, rest) = rest.split_once('/').ok_or_else(|| err(s, "no name"))?;
        let ty = ty.to_ascii_lowercase();
        if ty.is_empty()
            || !ty
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
        {
            return Err(err(s, "invalid type"));
        }
        let rest = rest.trim_matches('/');
        // The version is after the last `@` — but only an `@` in the last path
        // segment: an unencoded npm scope (`@babel/core`) is not a version.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (path, version) = match rest[last_slash..].rfind('@') {
            Some(at) => {
                let at = last_slash + at;
                (&rest[..at], Some(decode(s, &rest[at + 1..])?))
            }
            None => (rest, None),
        };
        let mut segments = Vec::new();
        for seg in path.split('/').filter(|seg| !seg.is_empty()) {
            if segments.len() >= 256 {
                return Err(err(s, "too many namespace segments"));
            }
            segments.push(decode(s, seg)?);
        }
        let name = segments.pop().ok_or_else(|| err(s, "no name"))?;
        if name.is_empty() {
            return Err(err(s, "no name"));
        }
        let namespace = if segments.is_empty() {
            None
        } else {
            Some(segments.join("/"))
        };
        let mut qualifiers = Vec::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            if qualifiers.len() >= MAX_QUALIFIERS {
                return Err(err(s, "too many qualifiers"));
            }
            let Some((k, v)) = pair.split_once('=') else {
                continue;
            };
            let v = decode(s, v)?;
            if !k.is_empty() && !v.is_empty() {
                qualifiers.push((k.to_ascii_lowercase(), v));
            }
        }
        let subpath = match subpath {
            Some(sp) => {
                let mut parts = Vec::new();
                for seg in sp.split('/') {
                    if !matches!(seg, "" | "." | "..") {
                        parts.push(decode(s, seg)?);
                    }
                }
                (!parts.is_empty()).then(|| parts.join("/"))
            }
            None => None,
        };
        Ok(Purl {
            ty,
            namespace,
            name,
            version: version.filter(|v| !v.is_empty()),
            qualifiers,
            subpath,
        })
    }

    /// The value of qualifier `key` (lower-case), if present.
    pub fn qualifier(&self, key: &str) -> Option<&str> {
        self.qualifiers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The mamori ecosystem of this purl's type, if mamori matches it.
    pub fn ecosystem(&self) -> Option<Ecosystem> {
        Some(match self.ty.as_str() {
            "deb" => Ecosystem::Deb,
            "apk" => Ecosystem::Apk,
            "rpm" => Ecosystem::Rpm,
            "cargo" => Ecosystem::Cargo,
            "pypi" => Ecosystem::Pypi,
            "npm" => Ecosystem::Npm,
            "golang" => Ecosystem::Go,
            "maven" => Ecosystem::Maven,
            "gem" => Ecosystem::Rubygems,
            "composer" => Ecosystem::Composer,
            "nuget" => Ecosystem::Nuget,
            _ => return None,
        })
    }

    /// The package this purl names, with `location` as its location, or `None`
    /// for types mamori does not match (`github`, `generic`, `oci`…).
    ///
    /// Sets ecosystem, name, version, and for OS packages `arch` and the RPM
    /// epoch. Name rules invert `mamori_inventory::purl`: npm, Go and Composer
    /// names are `namespace/name`, Maven names `group:artifact`. Versions:
    /// a deb `epoch` qualifier (Trivy writes one instead of `E:` in the
    /// version) is folded back into the version; an RPM epoch is kept in
    /// [`Package::epoch`], including one written as a `E:` version prefix.
    pub fn to_package(&self, location: &str) -> Option<Package> {
        let ecosystem = self.ecosystem()?;
        let name = match (ecosystem, &self.namespace) {
            (Ecosystem::Npm | Ecosystem::Go | Ecosystem::Composer, Some(ns)) => {
                format!("{ns}/{}", self.name)
            }
            (Ecosystem::Maven, Some(ns)) => format!("{ns}:{}", self.name),
            (Ecosystem::Pypi, _) => normalize_pypi(&self.name),
            _ => self.name.clone(),
        };
        let mut version = self.version.clone().unwrap_or_default();
        let mut pkg = Package::new(ecosystem, name, String::new(), location);
        let epoch = self
            .qualifier("epoch")
            .and_then(|e| e.trim().parse::<u32>().ok());
        match ecosystem {
            Ecosystem::Deb => {
                if let Some(e) = epoch.filter(|e| *e > 0) {
                    if !version.is_empty() && !has_epoch_prefix(&version) {
                        version = format!("{e}:{version}");
                    }
                }
            }
            Ecosystem::Rpm => {
                pkg.epoch = epoch;
                if let Some((e, rest)) = version.split_once(':') {
                    if let Ok(e) = e.parse::<u32>() {
                        pkg.epoch = pkg.epoch.or(Some(e));
                        version = rest.to_string();
                    }
                }
                // mamori's rpm analyzer records epoch 0 as absent.
                pkg.epoch = pkg.epoch.filter(|e| *e > 0);
            }
            _ => {}
        }
        if ecosystem.is_os() {
            pkg.arch = self.qualifier("arch").map(str::to_string);
        }
        pkg.version = version;
        Some(pkg)
    }
}

fn has_epoch_prefix(version: &str) -> bool {
    version
        .split_once(':')
        .is_some_and(|(e, _)| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()))
}

/// PEP 503 normalisation, the form purls use for PyPI names.
pub(crate) fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
            continue;
        }
        if sep && !out.is_empty() {
            out.push('-');
        }
        sep = false;
        out.push(c.to_ascii_lowercase());
    }
    out
}

impl fmt::Display for Purl {
    /// A canonical-enough rendering for messages (not re-encoded).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pkg:{}/", self.ty)?;
        if let Some(ns) = &self.namespace {
            write!(f, "{ns}/")?;
        }
        f.write_str(&self.name)?;
        if let Some(v) = &self.version {
            write!(f, "@{v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_inventory::OsInfo;

    fn os(id: &str, v: &str) -> OsInfo {
        OsInfo {
            id: id.into(),
            version_id: v.into(),
            pretty_name: None,
            codename: None,
            id_like: vec![],
            precedence: 0,
        }
    }

    #[test]
    fn parses_all_components() {
        let p = Purl::parse(
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12#sub/./dir/../x",
        )
        .unwrap();
        assert_eq!(p.ty, "deb");
        assert_eq!(p.namespace.as_deref(), Some("debian"));
        assert_eq!(p.name, "libc6");
        assert_eq!(p.version.as_deref(), Some("2.36-9+deb12u4"));
        assert_eq!(p.qualifier("arch"), Some("amd64"));
        assert_eq!(p.qualifier("distro"), Some("debian-12"));
        assert_eq!(p.subpath.as_deref(), Some("sub/dir/x"));
        let pkg = p.to_package("/var/lib/dpkg/status").unwrap();
        assert_eq!(
            (
                pkg.ecosystem,
                pkg.name.as_str(),
                pkg.version.as_str(),
                pkg.arch.as_deref()
            ),
            (Ecosystem::Deb, "libc6", "2.36-9+deb12u4", Some("amd64"))
        );
    }

    #[test]
    fn type_specific_names() {
        let name = |s: &str| Purl::parse(s).unwrap().to_package("/x").unwrap().name;
        assert_eq!(name("pkg:npm/%40babel/core@7.0.0"), "@babel/core");
        // Unencoded scope, with and without a version.
        assert_eq!(name("pkg:npm/@babel/core@7.0.0"), "@babel/core");
        assert_eq!(name("pkg:npm/@babel/core"), "@babel/core");
        assert_eq!(
            name("pkg:golang/github.com/gorilla/mux@v1.8.0#pkg/x"),
            "github.com/gorilla/mux"
        );
        assert_eq!(
            name("pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar"),
            "org.apache.commons:commons-lang3"
        );
        assert_eq!(
            name("pkg:PyPI/Django_Rest.Framework@1.0"),
            "django-rest-framework"
        );
        assert_eq!(
            name("pkg:composer/laravel/framework@v10.0.0"),
            "laravel/framework"
        );
        assert_eq!(name("pkg:gem/rails@7.0.0"), "rails");
        assert_eq!(name("pkg:nuget/Newtonsoft.Json@13.0.1"), "Newtonsoft.Json");
        assert_eq!(name("pkg:cargo/serde@1.0.0%2Bx"), "serde");
        assert_eq!(name("pkg://apk/alpine/musl@1.2.5-r0"), "musl");
    }

    #[test]
    fn epochs() {
        let pkg = |s: &str| Purl::parse(s).unwrap().to_package("/x").unwrap();
        // Trivy writes the deb epoch as a qualifier.
        assert_eq!(
            pkg("pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&epoch=1").version,
            "1:4.13+dfsg1-1+b1"
        );
        // Syft and mamori keep it in the version, encoded or not.
        assert_eq!(
            pkg("pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?epoch=1").version,
            "1:4.13+dfsg1-1+b1"
        );
        assert_eq!(pkg("pkg:deb/debian/login@1%3A4.13").version, "1:4.13");
        let r = pkg("pkg:rpm/redhat/openssl-libs@1.1.1k-12.el8_9?arch=x86_64&epoch=1");
        assert_eq!((r.version.as_str(), r.epoch), ("1.1.1k-12.el8_9", Some(1)));
        let r = pkg("pkg:rpm/fedora/curl@2:8.0-1.fc39");
        assert_eq!((r.version.as_str(), r.epoch), ("8.0-1.fc39", Some(2)));
        let r = pkg("pkg:rpm/fedora/curl@8.0-1.fc39?epoch=0");
        assert_eq!(r.epoch, None);
    }

    #[test]
    fn unsupported_and_invalid() {
        assert!(Purl::parse("pkg:github/actions/checkout@v4")
            .unwrap()
            .to_package("/x")
            .is_none());
        assert!(Purl::parse("pkg:generic/openssl@3.0")
            .unwrap()
            .to_package("/x")
            .is_none());
        for bad in [
            "",
            "pkg:",
            "pkg:deb",
            "pkg:deb/",
            "pkg:/name",
            "npm/foo@1",
            "pkg:np m/foo",
            "pkg:npm/%ff%fe@1",
        ] {
            let e = Purl::parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("invalid purl"), "{bad}: {e}");
        }
        let long = format!("pkg:npm/{}", "a".repeat(MAX_PURL_LEN));
        assert!(Purl::parse(&long).is_err());
        // A stray `%` is kept rather than rejected.
        assert_eq!(
            Purl::parse("pkg:npm/100%25-pure@1%")
                .unwrap()
                .version
                .as_deref(),
            Some("1%")
        );
    }

    /// Every package mamori can describe survives `purl` → `parse` → `to_package`.
    #[test]
    fn round_trips_mamori_purls() {
        let weird = [
            "1:2.0~rc1+dfsg-3ubuntu0.1",
            "v0.0.0-20230101-abcdef",
            "1.0 beta/x?#&=@%",
        ];
        let names: &[(Ecosystem, &[&str])] = &[
            (
                Ecosystem::Deb,
                &["libc6", "libstdc++6", "g++-12", "python3.11"],
            ),
            (Ecosystem::Apk, &["musl", "ssl_client", "libcrypto3"]),
            (
                Ecosystem::Rpm,
                &["openssl-libs", "perl-Scalar-List-Utils", "gcc-c++"],
            ),
            (Ecosystem::Npm, &["lodash", "@babel/core", "@types/node"]),
            (
                Ecosystem::Go,
                &[
                    "github.com/gorilla/mux",
                    "stdlib",
                    "golang.org/x/net",
                    "k8s.io/api",
                ],
            ),
            (
                Ecosystem::Maven,
                &["org.apache.commons:commons-lang3", "log4j:log4j"],
            ),
            (
                Ecosystem::Pypi,
                &["django-rest", "requests", "zope-interface"],
            ),
            (Ecosystem::Cargo, &["serde", "tokio-util"]),
            (Ecosystem::Rubygems, &["rails", "nokogiri"]),
            (
                Ecosystem::Composer,
                &["laravel/framework", "symfony/http-kernel"],
            ),
            (Ecosystem::Nuget, &["Newtonsoft.Json", "System.Text.Json"]),
        ];
        let oses = [
            None,
            Some(os("debian", "12")),
            Some(os("alpine", "3.19.1")),
            Some(os("rhel", "9.3")),
        ];
        let mut n = 0;
        for (eco, list) in names {
            for name in *list {
                for version in ["1.2.3", "2.36-9+deb12u4"].iter().chain(weird.iter()) {
                    for o in &oses {
                        for (arch, epoch) in [(None, None), (Some("x86_64"), Some(3))] {
                            let mut pkg = Package::new(*eco, *name, *version, "/x");
                            if eco.is_os() {
                                pkg.arch = arch.map(str::to_string);
                                if *eco == Ecosystem::Rpm {
                                    pkg.epoch = epoch;
                                }
                            }
                            let s = mamori_inventory::purl(&pkg, o.as_ref());
                            let parsed = Purl::parse(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
                            let back = parsed.to_package("/x").unwrap();
                            let mut want = pkg.clone();
                            if *eco == Ecosystem::Rpm {
                                // An rpm version with a `N:` prefix is read as an epoch.
                                if let Some((e, rest)) = version.split_once(':') {
                                    want.epoch = want.epoch.or(e.parse().ok());
                                    want.version = rest.to_string();
                                }
                            }
                            assert_eq!(back, want, "{s}");
                            if eco.is_os() {
                                if let Some(o) = o {
                                    assert_eq!(
                                        parsed.qualifier("distro"),
                                        Some(o.purl_distro().as_str())
                                    );
                                }
                            }
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn pypi_normalisation() {
        assert_eq!(normalize_pypi("Django_Rest"), "django-rest");
        assert_eq!(normalize_pypi("zope.interface"), "zope-interface");
        assert_eq!(normalize_pypi("a__-.b"), "a-b");
        assert_eq!(normalize_pypi("_x"), "x");
    }
}
