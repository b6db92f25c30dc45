//! Distribution identification from `os-release` and the older release files.
//!
//! Precedence when several are present: `etc/os-release`, `usr/lib/os-release`,
//! then the distro-specific files. Assembly keeps the highest-precedence one
//! found in the final filesystem.

use crate::{Analysis, AnalyzeError, Analyzer, FileMeta};
use serde::{Deserialize, Serialize};

/// The operating system of a scanned target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsInfo {
    /// os-release `ID`, lower-case: `debian`, `ubuntu`, `alpine`, `rhel`, `almalinux`…
    pub id: String,
    /// os-release `VERSION_ID` (`12`, `22.04`, `3.19.1`), or the release file's version.
    pub version_id: String,
    /// `PRETTY_NAME` or an equivalent human name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pretty_name: Option<String>,
    /// `VERSION_CODENAME` where present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codename: Option<String>,
    /// `ID_LIKE`, split on spaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_like: Vec<String>,
    /// Lower is better: which file it came from (0 = etc/os-release).
    #[serde(default)]
    pub precedence: u8,
}

impl OsInfo {
    /// The purl `distro` qualifier, e.g. `debian-12`, `alpine-3.19.1`.
    pub fn purl_distro(&self) -> String {
        if self.version_id.is_empty() {
            self.id.clone()
        } else {
            format!("{}-{}", self.id, self.version_id)
        }
    }
}

const FILES: &[&str] = &[
    "etc/os-release",
    "usr/lib/os-release",
    "etc/alpine-release",
    "etc/redhat-release",
    "etc/centos-release",
    "etc/fedora-release",
    "etc/debian_version",
    "etc/lsb-release",
];

/// Reads os-release and the legacy release files.
pub struct OsReleaseAnalyzer;

impl Analyzer for OsReleaseAnalyzer {
    fn id(&self) -> &'static str {
        "os-release"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        FILES.contains(&path)
    }
    fn max_size(&self) -> u64 {
        64 << 10
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let text = String::from_utf8_lossy(content);
        let precedence = FILES.iter().position(|f| *f == path).unwrap_or(FILES.len()) as u8;
        let os = match path {
            "etc/os-release" | "usr/lib/os-release" => parse_os_release(&text),
            "etc/lsb-release" => parse_lsb_release(&text),
            "etc/alpine-release" => Some(OsInfo::simple("alpine", text.trim())),
            "etc/debian_version" => debian_version(text.trim()),
            _ => parse_redhat_release(text.trim()),
        };
        Ok(Analysis {
            os: os.map(|o| OsInfo { precedence, ..o }),
            ..Analysis::default()
        })
    }
}

impl OsInfo {
    fn simple(id: &str, version: &str) -> OsInfo {
        OsInfo {
            id: id.to_string(),
            version_id: version.to_string(),
            pretty_name: None,
            codename: None,
            id_like: Vec::new(),
            precedence: 0,
        }
    }
}

/// Parses the `KEY=value` lines of os-release(5), honouring shell quoting.
pub(crate) fn parse_kv(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let v = if v.len() >= 2
            && ((v.starts_with('"') && v.ends_with('"'))
                || (v.starts_with('\'') && v.ends_with('\'')))
        {
            v[1..v.len() - 1]
                .replace("\\\"", "\"")
                .replace("\\\\", "\\")
        } else {
            v.to_string()
        };
        out.push((k.trim().to_string(), v));
    }
    out
}

fn parse_os_release(text: &str) -> Option<OsInfo> {
    let kv = parse_kv(text);
    let get = |k: &str| {
        kv.iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let id = get("ID")?.to_ascii_lowercase();
    let mut version_id = get("VERSION_ID").unwrap_or_default();
    // Debian testing/sid carry no VERSION_ID; use the codename so matching can decide.
    if version_id.is_empty() {
        version_id = get("VERSION_CODENAME").unwrap_or_default();
    }
    Some(OsInfo {
        id,
        version_id,
        pretty_name: get("PRETTY_NAME").or_else(|| get("NAME")),
        codename: get("VERSION_CODENAME"),
        id_like: get("ID_LIKE")
            .map(|s| s.split_whitespace().map(str::to_ascii_lowercase).collect())
            .unwrap_or_default(),
        precedence: 0,
    })
}

fn parse_lsb_release(text: &str) -> Option<OsInfo> {
    let kv = parse_kv(text);
    let get = |k: &str| kv.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    Some(OsInfo {
        id: get("DISTRIB_ID")?.to_ascii_lowercase(),
        version_id: get("DISTRIB_RELEASE").unwrap_or_default(),
        pretty_name: get("DISTRIB_DESCRIPTION"),
        codename: get("DISTRIB_CODENAME"),
        id_like: Vec::new(),
        precedence: 0,
    })
}

/// `/etc/debian_version` holds `12.5`, `11.9` or a codename such as `bookworm/sid`.
fn debian_version(text: &str) -> Option<OsInfo> {
    if text.is_empty() {
        return None;
    }
    let major = text.split('.').next().unwrap_or(text);
    let version = if major.chars().all(|c| c.is_ascii_digit()) {
        major
    } else {
        text
    };
    Some(OsInfo::simple("debian", version))
}

/// `CentOS Linux release 7.9.2009 (Core)`, `Red Hat Enterprise Linux release 8.4 (Ootpa)`,
/// `Fedora release 36 (Thirty Six)`.
fn parse_redhat_release(text: &str) -> Option<OsInfo> {
    let line = text.lines().next()?;
    let lower = line.to_ascii_lowercase();
    let id = if lower.starts_with("centos") {
        "centos"
    } else if lower.starts_with("red hat") {
        "rhel"
    } else if lower.starts_with("fedora") {
        "fedora"
    } else if lower.starts_with("rocky") {
        "rocky"
    } else if lower.starts_with("almalinux") {
        "almalinux"
    } else if lower.starts_with("oracle") {
        "ol"
    } else {
        return None;
    };
    let version = line
        .split_whitespace()
        .skip_while(|w| *w != "release")
        .nth(1)
        .unwrap_or("")
        .to_string();
    let mut info = OsInfo::simple(id, &version);
    info.pretty_name = Some(line.to_string());
    Some(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(path: &str, text: &str) -> Option<OsInfo> {
        OsReleaseAnalyzer.analyze(path, text.as_bytes()).ok()?.os
    }

    #[test]
    fn debian_os_release() {
        let os = run(
            "etc/os-release",
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n",
        )
        .unwrap();
        assert_eq!(os.id, "debian");
        assert_eq!(os.version_id, "12");
        assert_eq!(os.codename.as_deref(), Some("bookworm"));
        assert_eq!(os.purl_distro(), "debian-12");
    }

    #[test]
    fn fallbacks() {
        assert_eq!(
            run("etc/alpine-release", "3.19.1\n").unwrap().version_id,
            "3.19.1"
        );
        let c = run(
            "etc/centos-release",
            "CentOS Linux release 7.9.2009 (Core)\n",
        )
        .unwrap();
        assert_eq!(
            (c.id.as_str(), c.version_id.as_str()),
            ("centos", "7.9.2009")
        );
        assert_eq!(
            run("etc/debian_version", "11.9\n").unwrap().version_id,
            "11"
        );
        assert_eq!(
            run("etc/debian_version", "bookworm/sid\n")
                .unwrap()
                .version_id,
            "bookworm/sid"
        );
        assert!(run("etc/os-release", "garbage without id\n").is_none());
    }
}
