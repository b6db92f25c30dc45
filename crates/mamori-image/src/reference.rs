//! Image references in skopeo's transport syntax, plus bare registry references.
//!
//! `oci:DIR[:TAG]`, `oci-archive:FILE[:TAG]`, `docker-archive:FILE[:REF]`,
//! `docker://HOST/REPO[:TAG|@DIGEST]`, and `HOST/REPO:TAG` without a prefix. A string
//! without a prefix that names an existing path is auto-detected (directory with
//! `oci-layout` → OCI layout; a tar file → OCI or docker archive by content).
//! Parsing does no network I/O; auto-detection looks only at the local path.

use crate::ImageError;
use std::path::{Path, PathBuf};

/// Where an image comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRef {
    /// An OCI image layout directory, optionally selecting a tag (`org.opencontainers.image.ref.name`).
    OciDir { path: PathBuf, tag: Option<String> },
    /// A tar of an OCI image layout.
    OciArchive { path: PathBuf, tag: Option<String> },
    /// `docker save` output (legacy layout or Docker ≥ 25's OCI layout in tar).
    DockerArchive {
        path: PathBuf,
        reference: Option<String>,
    },
    /// An image in a registry.
    Registry(RegistryRef),
}

/// `registry/repository` with a tag or digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryRef {
    /// Registry host (with port), e.g. `registry-1.docker.io`, `127.0.0.1:5000`.
    pub registry: String,
    /// Repository path, e.g. `library/alpine`.
    pub repository: String,
    /// Tag or `sha256:…` digest.
    pub reference: String,
}

impl RegistryRef {
    /// Parses `[HOST/]REPO[:TAG|@DIGEST]` with Docker's defaulting rules
    /// (`alpine` → `registry-1.docker.io/library/alpine:latest`).
    pub fn parse(s: &str) -> Result<RegistryRef, ImageError> {
        let bad = |why: &str| ImageError::BadReference(format!("{s:?}: {why}"));
        if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("empty or contains whitespace"));
        }
        let (name, reference) = if let Some((n, d)) = s.split_once('@') {
            if !d.contains(':') {
                return Err(bad("digest must look like sha256:HEX"));
            }
            (n, d.to_string())
        } else {
            // A ':' after the last '/' is a tag; before it, it is a port.
            let last_slash = s.rfind('/').map_or(0, |i| i + 1);
            match s[last_slash..].rfind(':') {
                Some(i) => (&s[..last_slash + i], s[last_slash + i + 1..].to_string()),
                None => (s, "latest".to_string()),
            }
        };
        if reference.is_empty() {
            return Err(bad("empty tag"));
        }
        let (registry, repository) = match name.split_once('/') {
            Some((first, rest))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (first.to_string(), rest.to_string())
            }
            _ => ("docker.io".to_string(), name.to_string()),
        };
        let registry = if registry == "docker.io" || registry == "index.docker.io" {
            "registry-1.docker.io".to_string()
        } else {
            registry
        };
        let repository = if registry == "registry-1.docker.io" && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        if repository.is_empty()
            || !repository.split('/').all(|seg| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
            })
        {
            return Err(bad("invalid repository name"));
        }
        Ok(RegistryRef {
            registry,
            repository,
            reference,
        })
    }

    /// True when the reference is a digest rather than a tag.
    pub fn is_digest(&self) -> bool {
        self.reference.contains(':')
    }
}

impl std::fmt::Display for RegistryRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sep = if self.is_digest() { '@' } else { ':' };
        write!(
            f,
            "{}/{}{}{}",
            self.registry, self.repository, sep, self.reference
        )
    }
}

/// Splits `PATH[:SUFFIX]` where the suffix is only taken if `PATH` alone exists
/// or the whole string does not (paths may legitimately contain ':').
fn split_path_suffix(s: &str) -> (PathBuf, Option<String>) {
    if Path::new(s).exists() {
        return (PathBuf::from(s), None);
    }
    // The shortest existing prefix ending before a ':' is the path; the rest
    // (which may itself contain ':', as in `docker-archive:x.tar:repo:tag`) is the suffix.
    for (i, _) in s.match_indices(':') {
        let (p, rest) = (&s[..i], &s[i + 1..]);
        if !rest.is_empty() && Path::new(p).exists() {
            return (PathBuf::from(p), Some(rest.to_string()));
        }
    }
    match s.rsplit_once(':') {
        Some((p, t)) if !t.contains('/') && !t.is_empty() => {
            (PathBuf::from(p), Some(t.to_string()))
        }
        _ => (PathBuf::from(s), None),
    }
}

impl ImageRef {
    /// Parses a reference; see the module docs for the accepted forms.
    pub fn parse(s: &str) -> Result<ImageRef, ImageError> {
        if let Some(rest) = s.strip_prefix("oci:") {
            let (path, tag) = split_path_suffix(rest);
            return Ok(ImageRef::OciDir { path, tag });
        }
        if let Some(rest) = s.strip_prefix("oci-archive:") {
            let (path, tag) = split_path_suffix(rest);
            return Ok(ImageRef::OciArchive { path, tag });
        }
        if let Some(rest) = s.strip_prefix("docker-archive:") {
            let (path, reference) = split_path_suffix(rest);
            return Ok(ImageRef::DockerArchive { path, reference });
        }
        if let Some(rest) = s.strip_prefix("docker://") {
            return Ok(ImageRef::Registry(RegistryRef::parse(rest)?));
        }
        let path = Path::new(s);
        if path.is_dir() {
            if path.join("oci-layout").is_file() || path.join("index.json").is_file() {
                return Ok(ImageRef::OciDir {
                    path: path.to_path_buf(),
                    tag: None,
                });
            }
            return Err(ImageError::BadReference(format!(
                "{s:?}: a directory without an oci-layout file; use `mamori rootfs` or `mamori fs` for directories"
            )));
        }
        if path.is_file() {
            // Decided when opened: a tar with manifest.json is a docker archive.
            return Ok(ImageRef::DockerArchive {
                path: path.to_path_buf(),
                reference: None,
            });
        }
        if s.starts_with('/') || s.starts_with('.') {
            return Err(ImageError::BadReference(format!(
                "{s:?}: no such file or directory"
            )));
        }
        Ok(ImageRef::Registry(RegistryRef::parse(s)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_defaults() {
        let r = RegistryRef::parse("alpine").unwrap();
        assert_eq!(r.to_string(), "registry-1.docker.io/library/alpine:latest");
        let r = RegistryRef::parse("127.0.0.1:5000/team/app:1.2").unwrap();
        assert_eq!(
            (
                r.registry.as_str(),
                r.repository.as_str(),
                r.reference.as_str()
            ),
            ("127.0.0.1:5000", "team/app", "1.2")
        );
        let r = RegistryRef::parse("localhost/app@sha256:abcd").unwrap();
        assert!(r.is_digest());
        assert_eq!(r.to_string(), "localhost/app@sha256:abcd");
        let r = RegistryRef::parse("ghcr.io/o/r").unwrap();
        assert_eq!(r.reference, "latest");
        assert!(RegistryRef::parse("UPPER/case").is_err());
        assert!(RegistryRef::parse("a b").is_err());
        assert!(RegistryRef::parse("x:").is_err());
    }

    #[test]
    fn transports() {
        assert_eq!(
            ImageRef::parse("oci:/nonexistent/dir:v1").unwrap(),
            ImageRef::OciDir {
                path: "/nonexistent/dir".into(),
                tag: Some("v1".into())
            }
        );
        assert_eq!(
            ImageRef::parse("docker-archive:/tmp/x.tar").unwrap(),
            ImageRef::DockerArchive {
                path: "/tmp/x.tar".into(),
                reference: None
            }
        );
        assert!(matches!(
            ImageRef::parse("docker://ghcr.io/a/b:1").unwrap(),
            ImageRef::Registry(_)
        ));
        assert!(ImageRef::parse("./does-not-exist").is_err());
    }
}
