//! From producer-neutral components to mamori's [`Inventory`]: package identity
//! from purls, and the facts matching needs (source package, layer, location,
//! operating system) recovered from what each producer writes — mamori's
//! `mamori:*` properties, Syft's `syft:*` properties and purl `upstream`
//! qualifiers, Trivy's `aquasecurity:trivy:*` properties (CycloneDX) or
//! annotations (SPDX), and SPDX `sourceInfo` sentences.
//!
//! The format readers (`cyclonedx`, `spdx`) only flatten documents into
//! [`RawComponent`]s; every producer-specific rule lives here so that the
//! CycloneDX and SPDX output of one tool give the same inventory. This module
//! does not guess: a fact no producer recorded stays at mamori's own fallback
//! (an OS package is its own source package), never at an invented value.

use crate::purl::{normalize_pypi, Purl};
use mamori_inventory::{Ecosystem, Inventory, OsInfo, Package};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The pseudo-property under which a CycloneDX `evidence.occurrences`
/// location is passed on.
pub(crate) const EVIDENCE_LOCATION: &str = "cyclonedx:evidence:occurrence:location";

/// One component or package of an SBOM, flattened from either format.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawComponent {
    /// What the document says this is: `library`, `operating-system`, `file`…
    /// (CycloneDX `type`, or SPDX `primaryPackagePurpose` lower-cased).
    pub kind: String,
    /// CycloneDX `bom-ref`, the key of the dependency graph.
    pub bom_ref: Option<String>,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    /// All purls recorded (CycloneDX has one; SPDX may list several refs).
    pub purls: Vec<String>,
    /// `(name, value)` properties; Trivy's SPDX annotations are mapped to the
    /// same `aquasecurity:trivy:KEY` names as its CycloneDX properties.
    pub props: Vec<(String, String)>,
    /// SPDX `sourceInfo`.
    pub source_info: Option<String>,
    pub licenses: Vec<String>,
}

impl RawComponent {
    fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }
}

/// The outcome of normalising components.
pub(crate) struct Normalized {
    pub inventory: Inventory,
    pub skipped: BTreeMap<String, usize>,
}

/// Builds the inventory. `sbom_path` is the fallback location for packages
/// whose producer recorded none (Trivy's OS packages), so a finding still says
/// where the package was learnt from; Trivy's lockfile packages get the
/// lockfile from the dependency graph instead.
pub(crate) fn normalize(
    sbom_path: &str,
    components: &[RawComponent],
    dependencies: &[(String, Vec<String>)],
) -> Normalized {
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut packages = Vec::new();
    let mut os_component: Option<OsInfo> = None;
    let mut distros: HashMap<(Option<String>, String), usize> = HashMap::new();
    let lockfiles = trivy_lockfile_locations(components, dependencies);
    for (i, c) in components.iter().enumerate() {
        if c.kind == "operating-system" && c.purls.is_empty() {
            if os_component.is_none() {
                os_component = os_from_component(c);
            }
            continue;
        }
        if is_trivy_application(c) {
            // A grouping of the packages found in one file, not a package.
            continue;
        }
        let Some(purl_text) = c.purls.first() else {
            *skipped
                .entry(if c.kind == "file" {
                    "file".to_string()
                } else {
                    "no purl".to_string()
                })
                .or_default() += 1;
            continue;
        };
        let purl = match Purl::parse(purl_text) {
            Ok(p) => p,
            Err(_) => {
                *skipped.entry("invalid purl".into()).or_default() += 1;
                continue;
            }
        };
        let fallback = lockfiles.get(&i).map_or(sbom_path, String::as_str);
        let Some(pkg) = package(fallback, c, &purl) else {
            *skipped.entry(format!("pkg:{}", purl.ty)).or_default() += 1;
            continue;
        };
        if pkg.ecosystem.is_os() {
            if let Some(d) = purl.qualifier("distro") {
                let key = split_distro(d, purl.namespace.as_deref());
                *distros.entry(key).or_default() += 1;
            }
        }
        packages.push(pkg);
    }

    // The OS component is authoritative; the purls' distro qualifiers fill in
    // what it lacks, or stand in for it (Syft's SPDX has no OS package).
    let mut best: Vec<_> = distros.into_iter().collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let from_purls = best
        .into_iter()
        .next()
        .map(|((id, version), _)| (id, version));
    let os = match (os_component, from_purls) {
        (Some(mut os), Some((_, v))) => {
            if os.version_id.is_empty() {
                os.version_id = v;
            }
            Some(os)
        }
        (Some(os), None) => Some(os),
        (None, Some((Some(id), version))) => Some(OsInfo {
            id,
            version_id: version,
            pretty_name: None,
            codename: None,
            id_like: Vec::new(),
            precedence: 0,
        }),
        (None, _) => None,
    };

    packages.sort_by(|a, b| {
        (a.ecosystem, &a.name, &a.version, &a.location).cmp(&(
            b.ecosystem,
            &b.name,
            &b.version,
            &b.location,
        ))
    });
    // The same package found twice at one place (Syft and Trivy both list
    // duplicates for some catalogers) is one package, as in an image scan.
    packages.dedup_by(|a, b| {
        a.ecosystem == b.ecosystem
            && a.name == b.name
            && a.version == b.version
            && a.location == b.location
    });
    Normalized {
        inventory: Inventory { os, packages },
        skipped,
    }
}

/// Trivy's `application` components stand for one lockfile or package
/// directory (`lang-pkgs`); its packages hang below them in the graph.
fn is_trivy_application(c: &RawComponent) -> bool {
    c.kind == "application"
        && c.purls.is_empty()
        && c.prop("aquasecurity:trivy:Class") == Some("lang-pkgs")
}

/// Locations for Trivy's lockfile packages, which carry no `FilePath`: the
/// file named by the `application` component they are reachable from in the
/// dependency graph (first application in document order wins). Keyed by
/// component index.
fn trivy_lockfile_locations(
    components: &[RawComponent],
    dependencies: &[(String, Vec<String>)],
) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    if dependencies.is_empty() {
        return out;
    }
    let graph: HashMap<&str, &[String]> = dependencies
        .iter()
        .map(|(r, d)| (r.as_str(), d.as_slice()))
        .collect();
    let index: HashMap<&str, usize> = components
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.bom_ref.as_deref()?, i)))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for app in components.iter().filter(|c| is_trivy_application(c)) {
        let (Some(root), false) = (app.bom_ref.as_deref(), app.name.is_empty()) else {
            continue;
        };
        let location = if app.name.starts_with('/') {
            app.name.clone()
        } else {
            format!("/{}", app.name)
        };
        // Each node is visited once over all applications, so the walk is
        // linear in the size of the graph whatever its shape.
        let mut queue: Vec<&str> = vec![root];
        while let Some(r) = queue.pop() {
            for dep in graph.get(r).copied().unwrap_or_default() {
                if seen.insert(dep.as_str()) {
                    if let Some(&i) = index.get(dep.as_str()) {
                        out.entry(i).or_insert_with(|| location.clone());
                    }
                    queue.push(dep.as_str());
                }
            }
        }
    }
    out
}

/// The os-release ID for an OS name as Trivy spells its OS families.
fn os_release_id(name: &str) -> String {
    let lower = name.trim().to_ascii_lowercase();
    match lower.as_str() {
        "redhat" => "rhel",
        "alma" => "almalinux",
        "amazon" => "amzn",
        "oracle" => "ol",
        "rocky" => "rocky",
        "cbl-mariner" => "mariner",
        "opensuse.leap" | "opensuse leap" => "opensuse-leap",
        "opensuse.tumbleweed" | "opensuse tumbleweed" => "opensuse-tumbleweed",
        "suse linux enterprise server" | "sles" => "sles",
        "suse linux enterprise micro" => "sle-micro",
        other => return other.to_string(),
    }
    .to_string()
}

/// The os-release ID behind a purl namespace (the inverse of mamori's
/// `distro_namespace`, which follows Trivy and Syft).
fn id_from_namespace(ns: &str) -> String {
    match ns {
        "redhat" => "rhel".to_string(),
        "oracle" => "ol".to_string(),
        other => os_release_id(other),
    }
}

/// Splits a purl `distro` qualifier into `(id, version)`: `debian-12`,
/// `opensuse-leap-15.5`, or Trivy's bare `3.23.6` (the id then comes from the
/// namespace).
fn split_distro(d: &str, namespace: Option<&str>) -> (Option<String>, String) {
    let bytes = d.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_digit) {
        return (namespace.map(id_from_namespace), d.to_string());
    }
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return (Some(d[..i].to_ascii_lowercase()), d[i + 1..].to_string());
        }
    }
    (Some(d.to_ascii_lowercase()), String::new())
}

fn os_from_component(c: &RawComponent) -> Option<OsInfo> {
    let id = c.prop("syft:distro:id").unwrap_or(&c.name);
    if id.trim().is_empty() {
        return None;
    }
    let version = c.prop("syft:distro:versionID").unwrap_or(&c.version);
    let id_like = c
        .props
        .iter()
        .filter(|(k, _)| k.starts_with("syft:distro:idLike"))
        .flat_map(|(_, v)| v.split_whitespace())
        .map(str::to_ascii_lowercase)
        .collect();
    Some(OsInfo {
        id: os_release_id(id),
        version_id: version.trim().to_string(),
        pretty_name: c
            .prop("syft:distro:prettyName")
            .map(str::to_string)
            .or_else(|| c.description.clone().filter(|d| !d.is_empty())),
        codename: c.prop("syft:distro:versionCodename").map(str::to_string),
        id_like,
        precedence: 0,
    })
}

/// Splits `name-version-release.src.rpm` at the last two dashes, as mamori's
/// rpm analyzer does with the SOURCERPM tag.
fn split_source_rpm(file: &str) -> Option<(&str, &str)> {
    let stem = file
        .strip_suffix(".src.rpm")
        .or_else(|| file.strip_suffix(".nosrc.rpm"))?;
    let (rest, release) = stem.rsplit_once('-')?;
    let (name, version) = rest.rsplit_once('-')?;
    if name.is_empty() || version.is_empty() || release.is_empty() {
        return None;
    }
    Some((name, &stem[name.len() + 1..]))
}

/// What an SPDX `sourceInfo` sentence says: mamori's `found in LOC, layer L`,
/// Trivy's `built package from: NAME VERSION`, Syft's
/// `acquired package info from …: /path, /other`.
#[derive(Default)]
struct SourceInfo<'a> {
    location: Option<&'a str>,
    layer: Option<&'a str>,
    source: Option<(&'a str, Option<&'a str>)>,
}

fn parse_source_info(s: &str) -> SourceInfo<'_> {
    let mut out = SourceInfo::default();
    if let Some(rest) = s.strip_prefix("found in ") {
        match rest.rsplit_once(", layer ") {
            Some((loc, layer)) => {
                out.location = Some(loc);
                out.layer = Some(layer.trim());
            }
            None => out.location = Some(rest),
        }
    } else if let Some(rest) = s.strip_prefix("built package from: ") {
        let mut it = rest.split_whitespace();
        if let Some(name) = it.next() {
            out.source = Some((name, it.next()));
        }
    } else if s.starts_with("acquired package info from ") {
        if let Some((_, paths)) = s.rsplit_once(": ") {
            out.location = paths.split(", ").next().map(str::trim);
        }
    }
    out
}

/// One package from a component with a parsed purl; `None` for purl types
/// mamori does not match.
fn package(sbom_path: &str, c: &RawComponent, purl: &Purl) -> Option<Package> {
    let info = c
        .source_info
        .as_deref()
        .map(parse_source_info)
        .unwrap_or_default();
    let location = c
        .prop("mamori:location")
        .or_else(|| c.prop("syft:location:0:path"))
        .or_else(|| c.prop("aquasecurity:trivy:FilePath"))
        .or_else(|| c.prop(EVIDENCE_LOCATION))
        .or(info.location)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            if l.starts_with('/') {
                l.to_string()
            } else {
                // Trivy records paths relative to the root; mamori's are absolute.
                format!("/{l}")
            }
        })
        .unwrap_or_else(|| sbom_path.to_string());
    let mut pkg = purl.to_package(&location)?;
    if pkg.version.is_empty() {
        pkg.version = c.version.clone();
    }
    // PyPI purls carry the normalised name; the component usually keeps the
    // spelling the package's metadata uses, which is what mamori's analyzer reports.
    if pkg.ecosystem == Ecosystem::Pypi && !c.name.is_empty() && normalize_pypi(&c.name) == pkg.name
    {
        pkg.name = c.name.clone();
    }
    pkg.layer = c
        .prop("mamori:layer:diff_id")
        .or_else(|| c.prop("aquasecurity:trivy:LayerDiffID"))
        .or_else(|| c.prop("syft:location:0:layerID"))
        .or(info.layer)
        .map(str::to_string);
    if pkg.ecosystem.is_os() && pkg.arch.is_none() {
        pkg.arch = c.prop("mamori:arch").map(str::to_string);
    }
    pkg.modularity_label = c
        .prop("mamori:rpm:modularity_label")
        .or_else(|| c.prop("aquasecurity:trivy:Modularitylabel"))
        .map(str::to_string);
    pkg.dev = c.prop("mamori:dev") == Some("true");
    pkg.licenses = c.licenses.clone();
    if pkg.ecosystem.is_os() {
        let (name, version) = source_of(c, purl, &pkg, &info);
        pkg.source_name = Some(name);
        pkg.source_version = Some(version);
    } else {
        pkg.source_name = c.prop("mamori:source:name").map(str::to_string);
        pkg.source_version = c.prop("mamori:source:version").map(str::to_string);
    }
    Some(pkg)
}

/// The source package of an OS package, from the first producer convention
/// present, falling back like mamori's analyzers do (the package is its own
/// source; the source version is the binary version).
fn source_of(c: &RawComponent, purl: &Purl, pkg: &Package, info: &SourceInfo) -> (String, String) {
    let eco = pkg.ecosystem;
    let mut name: Option<String> = None;
    let mut version: Option<String> = None;
    if let Some(n) = c.prop("mamori:source:name") {
        name = Some(n.to_string());
        version = c.prop("mamori:source:version").map(str::to_string);
    } else if let Some(n) = c.prop("aquasecurity:trivy:SrcName") {
        name = Some(n.to_string());
        version = c.prop("aquasecurity:trivy:SrcVersion").map(|v| {
            let mut full = v.to_string();
            if let Some(r) = c.prop("aquasecurity:trivy:SrcRelease") {
                full = format!("{full}-{r}");
            }
            // mamori's rpm source versions carry no epoch (they come from the
            // source rpm's file name); deb source versions do.
            match c.prop("aquasecurity:trivy:SrcEpoch") {
                Some(e) if eco == Ecosystem::Deb && e != "0" => format!("{e}:{full}"),
                _ => full,
            }
        });
    } else if let Some(n) = c
        .prop("syft:metadata:source")
        .or_else(|| c.prop("syft:metadata:originPackage"))
    {
        name = Some(n.to_string());
        version = c.prop("syft:metadata:sourceVersion").map(str::to_string);
    } else if let Some((n, v)) = c.prop("syft:metadata:sourceRpm").and_then(split_source_rpm) {
        name = Some(n.to_string());
        version = Some(v.to_string());
    } else if let Some(up) = purl.qualifier("upstream") {
        // Syft: deb `name` or `name@version`, apk `origin`, rpm the source rpm file.
        if let Some((n, v)) = split_source_rpm(up) {
            name = Some(n.to_string());
            version = Some(v.to_string());
        } else if let Some((n, v)) = up.split_once('@') {
            name = Some(n.to_string());
            version = Some(v.to_string()).filter(|v| !v.is_empty());
        } else {
            name = Some(up.to_string());
        }
    } else if let Some((n, v)) = info.source {
        name = Some(n.to_string());
        version = v.map(str::to_string);
    }
    let name = name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| pkg.name.clone());
    let mut version = version
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| pkg.version.clone());
    if eco == Ecosystem::Rpm {
        if let Some((e, rest)) = version.split_once(':') {
            if e.bytes().all(|b| b.is_ascii_digit()) {
                version = rest.to_string();
            }
        }
    }
    // Alpine advisories are keyed by origin and the origin's version is the
    // package's own: mamori's apk analyzer always records it that way.
    if eco == Ecosystem::Apk {
        version = pkg.version.clone();
    }
    (name, version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comp(purl: &str, props: &[(&str, &str)]) -> RawComponent {
        RawComponent {
            kind: "library".into(),
            purls: vec![purl.into()],
            props: props
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..RawComponent::default()
        }
    }

    fn one(c: RawComponent) -> Package {
        let n = normalize("sbom.json", &[c], &[]);
        assert_eq!(n.inventory.packages.len(), 1, "{:?}", n.skipped);
        n.inventory.packages.into_iter().next().unwrap()
    }

    fn src(p: &Package) -> (&str, &str) {
        (
            p.source_name.as_deref().unwrap_or(""),
            p.source_version.as_deref().unwrap_or(""),
        )
    }

    #[test]
    fn trivy_deb_source_and_epoch() {
        let p = one(comp(
            "pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12.5&epoch=1",
            &[
                ("aquasecurity:trivy:SrcName", "shadow"),
                ("aquasecurity:trivy:SrcVersion", "4.13+dfsg1"),
                ("aquasecurity:trivy:SrcRelease", "1+b1"),
                ("aquasecurity:trivy:SrcEpoch", "1"),
                ("aquasecurity:trivy:LayerDiffID", "sha256:ab"),
            ],
        ));
        assert_eq!(p.version, "1:4.13+dfsg1-1+b1");
        assert_eq!(src(&p), ("shadow", "1:4.13+dfsg1-1+b1"));
        assert_eq!(p.layer.as_deref(), Some("sha256:ab"));
        assert_eq!(p.location, "sbom.json");
    }

    #[test]
    fn syft_deb_upstream_forms() {
        let p = one(comp(
            "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&upstream=gcc-12%4012.2.0-14",
            &[],
        ));
        assert_eq!(src(&p), ("gcc-12", "12.2.0-14"));
        let p = one(comp(
            "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?upstream=shadow",
            &[("syft:location:0:path", "/var/lib/dpkg/status")],
        ));
        assert_eq!(src(&p), ("shadow", "1:4.13+dfsg1-1+b1"));
        assert_eq!(p.location, "/var/lib/dpkg/status");
        // Properties win over the qualifier.
        let p = one(comp(
            "pkg:deb/debian/libfoo@2.0-1?upstream=wrong",
            &[
                ("syft:metadata:source", "foo"),
                ("syft:metadata:sourceVersion", "2.0-1"),
            ],
        ));
        assert_eq!(src(&p), ("foo", "2.0-1"));
    }

    #[test]
    fn rpm_sources() {
        let p = one(comp(
            "pkg:rpm/redhat/openssl-libs@1.1.1k-12.el8_9?arch=x86_64&epoch=1&upstream=openssl-1.1.1k-12.el8_9.src.rpm&distro=rhel-8.9",
            &[],
        ));
        assert_eq!(src(&p), ("openssl", "1.1.1k-12.el8_9"));
        assert_eq!(p.epoch, Some(1));
        let p = one(comp(
            "pkg:rpm/redhat/openssl-libs@1.1.1k-12.el8_9?epoch=1",
            &[
                ("aquasecurity:trivy:SrcName", "openssl"),
                ("aquasecurity:trivy:SrcVersion", "1.1.1k"),
                ("aquasecurity:trivy:SrcRelease", "12.el8_9"),
                ("aquasecurity:trivy:SrcEpoch", "1"),
            ],
        ));
        assert_eq!(src(&p), ("openssl", "1.1.1k-12.el8_9"));
        // No source recorded: the package is its own source, like the analyzers say.
        let p = one(comp("pkg:rpm/fedora/bash@5.2-1.fc39", &[]));
        assert_eq!(src(&p), ("bash", "5.2-1.fc39"));
    }

    #[test]
    fn spdx_source_info_sentences() {
        let mut c = comp("pkg:apk/alpine/libcrypto3@3.5.8-r0?distro=3.23.6", &[]);
        c.source_info = Some("built package from: openssl 3.5.8-r0".into());
        let p = one(c);
        assert_eq!(src(&p), ("openssl", "3.5.8-r0"));
        let mut c = comp("pkg:apk/alpine/musl@1.2.5-r0", &[]);
        c.source_info = Some("found in /lib/apk/db/installed, layer sha256:cd".into());
        let p = one(c);
        assert_eq!(
            (p.location.as_str(), p.layer.as_deref()),
            ("/lib/apk/db/installed", Some("sha256:cd"))
        );
        let mut c = comp("pkg:npm/lodash@4.17.20", &[]);
        c.source_info = Some(
            "acquired package info from installed node module manifest file: /app/node_modules/lodash/package.json"
                .into(),
        );
        assert_eq!(one(c).location, "/app/node_modules/lodash/package.json");
    }

    #[test]
    fn os_from_component_or_qualifiers() {
        let os = RawComponent {
            kind: "operating-system".into(),
            name: "redhat".into(),
            version: "9.3".into(),
            ..RawComponent::default()
        };
        let n = normalize("x", &[os], &[]);
        let o = n.inventory.os.unwrap();
        assert_eq!((o.id.as_str(), o.version_id.as_str()), ("rhel", "9.3"));
        for (q, ns, id, v) in [
            ("debian-12", "debian", "debian", "12"),
            ("3.23.6", "alpine", "alpine", "3.23.6"),
            ("opensuse-leap-15.5", "opensuse", "opensuse-leap", "15.5"),
            ("ubuntu-22.04", "ubuntu", "ubuntu", "22.04"),
            ("8.9", "redhat", "rhel", "8.9"),
        ] {
            let ty = if ns == "alpine" { "apk" } else { "deb" };
            let c = comp(&format!("pkg:{ty}/{ns}/x@1?distro={q}"), &[]);
            let o = normalize("x", &[c], &[]).inventory.os.unwrap();
            assert_eq!((o.id.as_str(), o.version_id.as_str()), (id, v), "{q}");
        }
    }

    #[test]
    fn skipped_are_counted() {
        let mut file = RawComponent {
            kind: "file".into(),
            ..RawComponent::default()
        };
        file.name = "/etc/passwd".into();
        let n = normalize(
            "x",
            &[
                comp("pkg:github/actions/checkout@v4", &[]),
                comp("pkg:generic/openssl@3", &[]),
                comp("pkg:generic/zlib@1", &[]),
                comp("not a purl", &[]),
                RawComponent::default(),
                file,
                comp("pkg:cargo/serde@1.0.0", &[]),
            ],
            &[],
        );
        assert_eq!(n.inventory.packages.len(), 1);
        let want: BTreeMap<String, usize> = [
            ("pkg:github", 1),
            ("pkg:generic", 2),
            ("invalid purl", 1),
            ("no purl", 1),
            ("file", 1),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        assert_eq!(n.skipped, want);
    }

    /// Trivy's fs/lockfile output: `application` components (one per lockfile)
    /// reach their packages through the dependency graph.
    #[test]
    fn trivy_lockfile_packages_get_the_lockfile_location() {
        let app = |r: &str, name: &str| RawComponent {
            kind: "application".into(),
            bom_ref: Some(r.into()),
            name: name.into(),
            props: vec![
                ("aquasecurity:trivy:Class".into(), "lang-pkgs".into()),
                ("aquasecurity:trivy:Type".into(), "npm".into()),
            ],
            ..RawComponent::default()
        };
        let lib = |purl: &str| RawComponent {
            bom_ref: Some(purl.into()),
            ..comp(purl, &[])
        };
        let components = [
            app("a1", "web/package-lock.json"),
            app("a2", "/api/package-lock.json"),
            lib("pkg:npm/express@4.0.0"),
            lib("pkg:npm/lodash@4.17.20"),
            lib("pkg:npm/left-pad@1.0.0"),
            lib("pkg:npm/orphan@1.0.0"),
        ];
        let deps: Vec<(String, Vec<String>)> = [
            ("root", vec!["a1", "a2"]),
            ("a1", vec!["pkg:npm/express@4.0.0"]),
            // A cycle must not loop.
            (
                "pkg:npm/express@4.0.0",
                vec!["pkg:npm/lodash@4.17.20", "a1"],
            ),
            (
                "a2",
                vec!["pkg:npm/left-pad@1.0.0", "pkg:npm/lodash@4.17.20"],
            ),
        ]
        .into_iter()
        .map(|(r, d)| (r.to_string(), d.into_iter().map(str::to_string).collect()))
        .collect();
        let n = normalize("bom.json", &components, &deps);
        assert!(n.skipped.is_empty(), "{:?}", n.skipped);
        let at: Vec<(&str, &str)> = n
            .inventory
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.location.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("express", "/web/package-lock.json"),
                ("left-pad", "/api/package-lock.json"),
                ("lodash", "/web/package-lock.json"),
                ("orphan", "bom.json"),
            ]
        );
    }

    #[test]
    fn pypi_keeps_component_spelling() {
        let mut c = comp(
            "pkg:pypi/django-rest@1.0",
            &[("aquasecurity:trivy:FilePath", "usr/lib/x/METADATA")],
        );
        c.name = "Django_Rest".into();
        let p = one(c);
        assert_eq!(
            (p.name.as_str(), p.location.as_str()),
            ("Django_Rest", "/usr/lib/x/METADATA")
        );
        let mut c = comp("pkg:pypi/django-rest@1.0", &[]);
        c.name = "something-else".into();
        assert_eq!(one(c).name, "django-rest");
    }

    #[test]
    fn source_rpm_split() {
        assert_eq!(
            split_source_rpm("python3-setuptools-53.0.0-10.el9.src.rpm"),
            Some(("python3-setuptools", "53.0.0-10.el9"))
        );
        assert_eq!(split_source_rpm("weird.src.rpm"), None);
        assert_eq!(split_source_rpm("-1-2.src.rpm"), None);
    }
}
