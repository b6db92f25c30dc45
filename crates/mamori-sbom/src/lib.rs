//! SBOM input: reads a CycloneDX (JSON 1.2–1.7, XML) or SPDX 2.x (JSON,
//! tag-value) document — written by mamori, Syft or Trivy — back into the
//! [`Inventory`] an image scan would have produced, so that `mamori sbom FILE`
//! can feed the same vulnerability matcher without the image.
//!
//! Packages are identified by their purls ([`Purl`]); the facts matching needs
//! beyond name and version — the source package (Debian/Ubuntu `Source:`, the
//! Alpine origin, the source rpm), the layer, the location and the operating
//! system — are recovered from each producer's own conventions. Components that
//! mamori cannot match (no purl, `pkg:github`, `pkg:generic`, files) are skipped
//! and counted in [`Sbom::skipped`], never guessed at.
//!
//! This crate does not read files, touch the network or match vulnerabilities;
//! it does not read SPDX 3 (JSON-LD) or Syft's own JSON format, and it ignores
//! hashes and vulnerability sections. The dependency graph is used only to
//! place Trivy's lockfile packages in the lockfile that lists them.
//!
//! ```
//! let bom = br#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":[
//!   {"type":"library","name":"musl","version":"1.2.5-r0",
//!    "purl":"pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.0"}]}"#;
//! let sbom = mamori_sbom::read_sbom("bom.json", bom).unwrap();
//! assert_eq!(sbom.inventory.packages[0].name, "musl");
//! assert_eq!(sbom.inventory.os.unwrap().version_id, "3.20.0");
//! ```

mod cyclonedx;
mod normalize;
mod purl;
mod spdx;

pub use mamori_inventory::Inventory;
pub use purl::{Purl, PurlError};

use std::collections::BTreeMap;
use std::fmt;

/// Largest document accepted (1 GiB): well above any real SBOM, and a bound on
/// what a hostile file can make the parsers allocate.
pub const MAX_SBOM_SIZE: usize = 1 << 30;

/// The format a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SbomFormat {
    /// CycloneDX JSON.
    CycloneDxJson,
    /// CycloneDX XML.
    CycloneDxXml,
    /// SPDX 2.x JSON.
    SpdxJson,
    /// SPDX 2.x tag-value.
    SpdxTagValue,
}

impl SbomFormat {
    /// Short lower-case name for messages and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SbomFormat::CycloneDxJson => "cyclonedx-json",
            SbomFormat::CycloneDxXml => "cyclonedx-xml",
            SbomFormat::SpdxJson => "spdx-json",
            SbomFormat::SpdxTagValue => "spdx-tag-value",
        }
    }
}

impl fmt::Display for SbomFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An SBOM read back into an inventory.
#[derive(Debug, Clone, PartialEq)]
pub struct Sbom {
    /// The detected format.
    pub format: SbomFormat,
    /// The document's spec version as written (`1.6`, `SPDX-2.3`).
    pub spec_version: String,
    /// The tool that wrote it (`syft 1.18.1`), when the document says.
    pub producer: Option<String>,
    /// The described target: CycloneDX `metadata.component.name`, or the SPDX
    /// package the document `DESCRIBES` (else the document name).
    pub target_name: Option<String>,
    /// Packages and operating system, in the same shape as an image scan's.
    /// Packages whose producer recorded no location have the SBOM path as
    /// their location.
    pub inventory: Inventory,
    /// Components not turned into packages, by reason: `no purl`,
    /// `invalid purl`, `file`, or the unsupported purl type (`pkg:github`).
    pub skipped: BTreeMap<String, usize>,
}

impl Sbom {
    /// Total number of skipped components.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SbomError {
    /// The bytes are not a CycloneDX or SPDX document in a supported format.
    #[error("{path}: {message}")]
    Unsupported {
        /// The file, as given by the caller.
        path: String,
        /// What was found instead, lower-case.
        message: String,
    },
    /// The document is recognised but malformed.
    #[error("{path}: invalid {format} document: {message}")]
    Invalid {
        /// The file, as given by the caller.
        path: String,
        /// The format it was read as.
        format: SbomFormat,
        /// What is wrong, lower-case, with the position where known.
        message: String,
    },
}

/// Escapes control characters so that an error stays on one line even when it
/// quotes hostile input (parsers' messages embed fragments of the document).
fn one_line(message: String) -> String {
    if !message.chars().any(char::is_control) {
        return message;
    }
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl SbomError {
    pub(crate) fn unsupported(path: &str, message: impl Into<String>) -> SbomError {
        SbomError::Unsupported {
            path: path.to_string(),
            message: one_line(message.into()),
        }
    }

    pub(crate) fn invalid(path: &str, format: SbomFormat, message: impl Into<String>) -> SbomError {
        SbomError::Invalid {
            path: path.to_string(),
            format,
            message: one_line(message.into()),
        }
    }
}

/// What a format reader hands to normalisation.
pub(crate) struct Document {
    pub format: SbomFormat,
    pub spec_version: String,
    pub producer: Option<String>,
    pub target_name: Option<String>,
    pub components: Vec<normalize::RawComponent>,
    /// CycloneDX `dependencies`: `(ref, dependsOn)`.
    pub dependencies: Vec<(String, Vec<String>)>,
}

/// Reads an SBOM, detecting its format from its content. `path_for_messages`
/// names the file in errors and is the fallback package location.
pub fn read_sbom(path_for_messages: &str, bytes: &[u8]) -> Result<Sbom, SbomError> {
    let path = path_for_messages;
    if bytes.len() > MAX_SBOM_SIZE {
        return Err(SbomError::unsupported(
            path,
            format!("{} bytes is larger than the 1 GiB limit", bytes.len()),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or_else(|| SbomError::unsupported(path, "empty file"))?;
    let doc = match bytes[start] {
        b'{' => read_json(path, bytes)?,
        b'<' => cyclonedx::read_xml(path, bytes)?,
        _ if spdx::looks_like_tag_value(&bytes[start..]) => spdx::read_tag_value(path, bytes)?,
        _ => {
            return Err(SbomError::unsupported(
                path,
                "not a CycloneDX or SPDX document (expected JSON, XML or SPDX tag-value)",
            ))
        }
    };
    let n = normalize::normalize(path, &doc.components, &doc.dependencies);
    Ok(Sbom {
        format: doc.format,
        spec_version: doc.spec_version,
        producer: doc.producer,
        target_name: doc.target_name,
        inventory: n.inventory,
        skipped: n.skipped,
    })
}

/// Both JSON formats are read in one pass into one struct with the fields of
/// each; which fields are present decides the format.
fn read_json(path: &str, bytes: &[u8]) -> Result<Document, SbomError> {
    let raw: JsonDoc = serde_json::from_slice(bytes).map_err(|e| {
        SbomError::unsupported(path, format!("not a CycloneDX or SPDX JSON document: {e}"))
    })?;
    if raw.bom_format.is_some() || raw.spec_version.is_some() && raw.spdx_version.is_none() {
        cyclonedx::from_json(path, raw)
    } else if raw.spdx_version.is_some() {
        spdx::from_json(path, raw)
    } else if raw.context.is_some() {
        Err(SbomError::unsupported(
            path,
            "SPDX 3 (JSON-LD) documents are not supported; use SPDX 2.3 JSON",
        ))
    } else if raw.artifacts.is_some() {
        Err(SbomError::unsupported(
            path,
            "Syft's own JSON format is not supported; write CycloneDX or SPDX (syft -o cyclonedx-json)",
        ))
    } else {
        Err(SbomError::unsupported(
            path,
            "JSON document is neither CycloneDX (no \"bomFormat\") nor SPDX (no \"spdxVersion\")",
        ))
    }
}

/// The fields of CycloneDX and SPDX JSON documents that we read. Unknown
/// fields are skipped by serde without being stored.
#[derive(serde::Deserialize)]
pub(crate) struct JsonDoc {
    #[serde(rename = "bomFormat")]
    pub bom_format: Option<String>,
    #[serde(rename = "specVersion")]
    pub spec_version: Option<serde_json::Value>,
    pub metadata: Option<cyclonedx::JsonMetadata>,
    pub components: Option<Vec<cyclonedx::JsonComponent>>,
    pub dependencies: Option<Vec<cyclonedx::JsonDependency>>,
    #[serde(rename = "spdxVersion")]
    pub spdx_version: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "creationInfo")]
    pub creation_info: Option<spdx::JsonCreationInfo>,
    pub packages: Option<Vec<spdx::JsonPackage>>,
    pub relationships: Option<Vec<spdx::JsonRelationship>>,
    #[serde(rename = "documentDescribes")]
    pub document_describes: Option<Vec<String>>,
    #[serde(rename = "@context")]
    pub context: Option<serde::de::IgnoredAny>,
    pub artifacts: Option<serde::de::IgnoredAny>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_errors_name_the_file() {
        for (input, want) in [
            (&b""[..], "x.json: empty file"),
            (b"   \n", "x.json: empty file"),
            (b"hello", "x.json: not a CycloneDX or SPDX document"),
            (b"{", "x.json: not a CycloneDX or SPDX JSON document: EOF"),
            (b"{}", "x.json: JSON document is neither"),
            (b"[1,2]", "x.json: not a CycloneDX or SPDX document"),
            (
                br#"{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}"#,
                "x.json: SPDX 3",
            ),
            (
                br#"{"artifacts":[],"schema":{}}"#,
                "x.json: Syft's own JSON",
            ),
            (
                br#"{"bomFormat":"CycloneDX","specVersion":"1.1"}"#,
                "x.json: invalid cyclonedx-json document: unsupported specVersion \"1.1\"",
            ),
            (
                br#"{"bomFormat":"SPDX"}"#,
                "x.json: invalid cyclonedx-json document: bomFormat is \"SPDX\"",
            ),
            (
                br#"{"spdxVersion":"SPDX-3.0"}"#,
                "x.json: invalid spdx-json document: unsupported spdxVersion \"SPDX-3.0\"",
            ),
            (
                br#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":{}}"#,
                "x.json: not a CycloneDX or SPDX JSON document: invalid type: map",
            ),
        ] {
            let e = read_sbom("x.json", input).unwrap_err().to_string();
            assert!(e.starts_with(want), "{e:?} does not start with {want:?}");
            assert!(!e.contains('\n'), "{e:?}");
        }
    }

    #[test]
    fn utf8_bom_and_whitespace_are_tolerated() {
        let doc = b"\xEF\xBB\xBF \n{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"components\":[]}";
        let s = read_sbom("x", doc).unwrap();
        assert_eq!(
            (s.format, s.spec_version.as_str()),
            (SbomFormat::CycloneDxJson, "1.4")
        );
        assert!(s.inventory.packages.is_empty());
    }
}
