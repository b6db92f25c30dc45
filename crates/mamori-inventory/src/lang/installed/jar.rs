//! Java archives: `*.jar`, `*.war`, `*.ear`, `*.par`, `*.sar` and Jenkins plugins
//! (`*.jpi`, `*.hpi`), opened from memory with the `zip` crate.
//!
//! Each `META-INF/maven/**/pom.properties` is one Maven artifact
//! (`groupId:artifactId` at `version`), so a shaded jar reports what it bundles.
//! An archive without any falls back to `META-INF/MANIFEST.MF`
//! (`Implementation-*`, `Bundle-*`, `Specification-*`) and then to its file name
//! (`name-1.2.3.jar`). Archives nested inside (`WEB-INF/lib/*.jar`, Spring Boot's
//! `BOOT-INF/lib/*.jar`, an EAR's modules) are opened recursively up to
//! [`MAX_DEPTH`]; every package keeps the outer file's path as its `location`.
//!
//! Hostile archives stay bounded: metadata entries are read up to
//! [`MAX_METADATA_ENTRY`] bytes, nested archives up to [`MAX_NESTED_ENTRY`], and one
//! top-level file inflates at most [`MAX_INFLATED`] bytes in all, whatever the
//! sizes the zip headers claim. We deliberately do not read `pom.xml` (it needs
//! property interpolation and parent POMs), do not look artifacts up by SHA-1 in
//! a Maven index, and do not inspect class files.

use super::location;
use crate::{file_name, Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};
use std::collections::HashSet;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Reads Java archives.
pub struct JarAnalyzer;

/// Extensions (lower-case) of the archives we open, at the top level and nested.
const EXTENSIONS: [&str; 7] = ["jar", "war", "ear", "par", "sar", "jpi", "hpi"];
/// How deep nested archives are opened (the file itself is depth 0).
pub const MAX_DEPTH: usize = 3;
/// The largest `pom.properties` or `MANIFEST.MF` we read.
pub const MAX_METADATA_ENTRY: u64 = 1 << 20;
/// The largest nested archive we inflate into memory.
pub const MAX_NESTED_ENTRY: u64 = 64 << 20;
/// The most bytes one top-level archive may inflate, over all its entries and
/// nested archives.
pub const MAX_INFLATED: u64 = 256 << 20;

impl Analyzer for JarAnalyzer {
    fn id(&self) -> &'static str {
        "jar"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        is_archive_name(file_name(path))
    }
    fn max_size(&self) -> u64 {
        256 << 20
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let mut scan = Scan {
            budget: MAX_INFLATED,
            location: location(path),
            packages: Vec::new(),
            seen: HashSet::new(),
        };
        scan.archive(content, file_name(path), 0)
            .map_err(|m| AnalyzeError::parse(path, m))?;
        Ok(Analysis {
            packages: scan.packages,
            ..Analysis::default()
        })
    }
}

fn is_archive_name(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty() && EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        }
        None => false,
    }
}

/// State for one top-level archive and everything nested in it.
struct Scan {
    /// Bytes still allowed to be inflated.
    budget: u64,
    location: String,
    packages: Vec<Package>,
    /// `(name, version)` already reported, so a jar bundled twice is reported once.
    seen: HashSet<(String, String)>,
}

/// What an entry of the archive is to us.
enum Kind {
    Pom,
    Manifest,
    Nested,
}

impl Scan {
    /// Reads one archive. Errors are returned only for the archive itself; a broken
    /// entry or nested archive is skipped with a debug log.
    fn archive(&mut self, bytes: &[u8], name: &str, depth: usize) -> Result<(), String> {
        let mut zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip archive: {e}"))?;
        let mut wanted = Vec::new();
        for i in 0..zip.len() {
            let Some(entry) = zip.name_for_index(i) else {
                continue;
            };
            let kind = if entry.starts_with("META-INF/maven/") && entry.ends_with("/pom.properties")
            {
                Kind::Pom
            } else if entry.eq_ignore_ascii_case("META-INF/MANIFEST.MF") {
                Kind::Manifest
            } else if depth < MAX_DEPTH && is_archive_name(file_name(entry)) {
                Kind::Nested
            } else {
                continue;
            };
            wanted.push((i, kind));
        }

        let mut found = 0usize;
        let mut manifest = None;
        for (i, kind) in &wanted {
            match kind {
                Kind::Pom => {
                    if let Some(text) = self.entry(&mut zip, *i, MAX_METADATA_ENTRY, name) {
                        if let Some(pkg) = pom_properties(&String::from_utf8_lossy(&text)) {
                            found += 1;
                            self.push(pkg);
                        }
                    }
                }
                Kind::Manifest => manifest = Some(*i),
                Kind::Nested => {}
            }
        }
        if found == 0 {
            let manifest = manifest
                .and_then(|i| self.entry(&mut zip, i, MAX_METADATA_ENTRY, name))
                .map(|text| String::from_utf8_lossy(&text).into_owned());
            if let Some(pkg) = from_manifest_or_name(manifest.as_deref(), name) {
                self.push(pkg);
            }
        }

        for (i, kind) in &wanted {
            if !matches!(kind, Kind::Nested) {
                continue;
            }
            let Some(inner) = self.entry(&mut zip, *i, MAX_NESTED_ENTRY, name) else {
                continue;
            };
            let inner_name = zip
                .name_for_index(*i)
                .map(|n| file_name(n).to_string())
                .unwrap_or_default();
            if let Err(e) = self.archive(&inner, &inner_name, depth + 1) {
                tracing::debug!(location = %self.location, archive = %inner_name, "skipping nested archive: {e}");
            }
        }
        Ok(())
    }

    /// Inflates entry `i` if it fits within `cap` and the remaining budget.
    fn entry(
        &mut self,
        zip: &mut ZipArchive<Cursor<&[u8]>>,
        i: usize,
        cap: u64,
        archive: &str,
    ) -> Option<Vec<u8>> {
        let limit = cap.min(self.budget);
        let mut file = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                tracing::debug!(location = %self.location, archive, "skipping entry {i}: {e}");
                return None;
            }
        };
        if file.is_dir() {
            return None;
        }
        // The declared size may lie; it only sizes the first allocation.
        let mut buf = Vec::with_capacity(file.size().min(limit).min(1 << 20) as usize);
        let read = (&mut file).take(limit + 1).read_to_end(&mut buf);
        self.budget = self.budget.saturating_sub(buf.len() as u64);
        match read {
            Ok(_) if buf.len() as u64 <= limit => Some(buf),
            Ok(_) => {
                tracing::debug!(location = %self.location, archive, entry = file.name(), "skipping entry larger than {limit} bytes");
                None
            }
            Err(e) => {
                tracing::debug!(location = %self.location, archive, entry = file.name(), "skipping unreadable entry: {e}");
                None
            }
        }
    }

    fn push(&mut self, mut pkg: Package) {
        if self.seen.insert((pkg.name.clone(), pkg.version.clone())) {
            pkg.location = self.location.clone();
            self.packages.push(pkg);
        }
    }
}

/// Parses `pom.properties` (Java properties: `key=value` or `key: value`, `#`/`!`
/// comments). Needs all of groupId, artifactId and version.
fn pom_properties(text: &str) -> Option<Package> {
    let (mut group, mut artifact, mut version) = (None, None, None);
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with(['#', '!']) {
            continue;
        }
        let Some(sep) = line.find(['=', ':']) else {
            continue;
        };
        let value = line[sep + 1..].trim();
        match line[..sep].trim() {
            "groupId" => group = Some(value),
            "artifactId" => artifact = Some(value),
            "version" => version = Some(value),
            _ => {}
        }
    }
    let usable = |s: &&str| !s.is_empty() && !s.contains("${");
    let (g, a, v) = (
        group.filter(usable)?,
        artifact.filter(usable)?,
        version.filter(usable)?,
    );
    Some(Package::new(Ecosystem::Maven, format!("{g}:{a}"), v, ""))
}

/// The main section of a manifest as `(lower-case key, value)` pairs, with
/// continuation lines (starting with one space) joined.
fn manifest_main(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break; // The main section ends at the first blank line.
        }
        if let Some(cont) = line.strip_prefix(' ') {
            if let Some(last) = out.last_mut() {
                last.1.push_str(cont);
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    out
}

/// The package of an archive without `pom.properties`.
///
/// The artifact name comes from the file name first: build tools name archives
/// `artifactId-version.jar`, while `Implementation-Title` is often prose ("Apache
/// Commons Lang"). The manifest gives the version (more reliable than a renamed
/// file), the group (`Implementation-Vendor-Id`), and a name when the file name
/// has no version (`Implementation-Title`, then `Bundle-Name`, then
/// `Bundle-SymbolicName`, which OSGi fragments share with their host, then
/// `Specification-Title`, each only if it is a single token). Without a known
/// group the name is the bare artifact id.
fn from_manifest_or_name(manifest: Option<&str>, file: &str) -> Option<Package> {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let (file_artifact, file_version) = split_name_version(stem).unzip();
    let fields = manifest.map(manifest_main).unwrap_or_default();
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };
    let token = |s: &str| !s.chars().any(char::is_whitespace) && !s.contains("${");
    // `Bundle-SymbolicName: org.foo.bar;singleton:=true`.
    let bsn = get("bundle-symbolicname").map(|s| s.split(';').next().unwrap_or(s).trim());
    let version = [
        "implementation-version",
        "bundle-version",
        "specification-version",
    ]
    .iter()
    .find_map(|k| get(k).filter(|v| token(v)))
    .or(file_version)?;
    let artifact = file_artifact
        .or_else(|| get("implementation-title").filter(|t| token(t)))
        .or_else(|| get("bundle-name").filter(|t| token(t)))
        .or(bsn.filter(|t| token(t)))
        .or_else(|| get("specification-title").filter(|t| token(t)))?;
    let group = get("implementation-vendor-id").filter(|g| token(g));
    let name = match group {
        Some(g) => format!("{g}:{artifact}"),
        None => artifact.to_string(),
    };
    if artifact.is_empty() || version.is_empty() {
        return None;
    }
    Some(Package::new(Ecosystem::Maven, name, version, ""))
}

/// Splits `name-1.2.3[-classifier]` at the first `-` followed by a digit.
fn split_name_version(stem: &str) -> Option<(&str, &str)> {
    let b = stem.as_bytes();
    let i = (1..b.len()).find(|&i| b[i - 1] == b'-' && b[i].is_ascii_digit())?;
    let (name, version) = (&stem[..i - 1], &stem[i..]);
    (!name.is_empty()).then_some((name, version))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn claims_archive_extensions() {
        let m = FileMeta {
            size: 1,
            mode: 0o644,
        };
        for p in [
            "a/b-1.0.jar",
            "x.WAR",
            "opt/jenkins/plugins/git.hpi",
            "a.jpi",
            "a.ear",
            "a.sar",
            "a.par",
        ] {
            assert!(JarAnalyzer.required(p, &m), "{p}");
        }
        for p in ["a/jar", ".jar", "a.jar.sha1", "a.zip"] {
            assert!(!JarAnalyzer.required(p, &m), "{p}");
        }
    }

    #[test]
    fn file_name_split() {
        assert_eq!(
            split_name_version("spring-core-5.3.20"),
            Some(("spring-core", "5.3.20"))
        );
        assert_eq!(
            split_name_version("log4j-1.2.17"),
            Some(("log4j", "1.2.17"))
        );
        assert_eq!(
            split_name_version("app-2.0-SNAPSHOT"),
            Some(("app", "2.0-SNAPSHOT"))
        );
        assert_eq!(split_name_version("app"), None);
        assert_eq!(split_name_version("-1.0"), None);
    }

    #[test]
    fn pom_properties_needs_all_three() {
        let p = pom_properties("#Generated by Maven\ngroupId=org.a\nartifactId=b\nversion=1.0\n")
            .unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("org.a:b", "1.0"));
        assert!(pom_properties("groupId=org.a\nartifactId=b\n").is_none());
        assert!(pom_properties("groupId=org.a\nartifactId=b\nversion=${revision}\n").is_none());
    }

    #[test]
    fn manifest_continuations_and_fallbacks() {
        let mf = "Manifest-Version: 1.0\r\nImplementation-Title: com.example.very-long-artifact-name-that-wr\r\n aps\r\nImplementation-Version: 2.1\r\nImplementation-Vendor-Id: com.example\r\n\r\nName: x\r\nImplementation-Version: 9\r\n";
        let p = from_manifest_or_name(Some(mf), "app.jar").unwrap();
        assert_eq!(
            p.name,
            "com.example:com.example.very-long-artifact-name-that-wraps"
        );
        assert_eq!(p.version, "2.1");
        // File name gives the artifact; the manifest's version wins over the name's.
        let p = from_manifest_or_name(Some("Bundle-Version: 3.0.1\n"), "lib-3.0.jar").unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("lib", "3.0.1"));
        // An OSGi fragment shares its host's symbolic name; its Bundle-Name is its own.
        let mf = "Bundle-Name: guice-multibindings\nBundle-SymbolicName: com.google.inject\nBundle-Version: 4.2.3\n";
        let p = from_manifest_or_name(Some(mf), "guice-multibindings.jar").unwrap();
        assert_eq!(
            (p.name.as_str(), p.version.as_str()),
            ("guice-multibindings", "4.2.3")
        );
        let p = from_manifest_or_name(None, "lib-3.0.jar").unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("lib", "3.0"));
        assert!(from_manifest_or_name(
            Some("Implementation-Title: Some Prose\nImplementation-Version: 1\n"),
            "app.jar"
        )
        .is_none());
    }
}
