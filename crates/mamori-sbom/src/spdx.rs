//! SPDX 2.x readers (<https://spdx.github.io/spdx-spec/v2.3/>): JSON through
//! serde and tag-value line by line. Each package becomes a raw component with
//! its purl external refs, `sourceInfo`, purpose and declared licence; Trivy's
//! `Key: value` annotations become the same properties its CycloneDX output
//! carries. The package the document `DESCRIBES` is the target, not a package.
//!
//! Files, snippets, checksums and relationships other than `DESCRIBES` are
//! deliberately ignored: they do not change which packages are present.

use crate::normalize::RawComponent;
use crate::{Document, JsonDoc, SbomError, SbomFormat};
use serde::Deserialize;

/// `creationInfo`.
#[derive(Deserialize)]
pub(crate) struct JsonCreationInfo {
    #[serde(default)]
    creators: Vec<String>,
}

/// One package.
#[derive(Deserialize)]
pub(crate) struct JsonPackage {
    #[serde(rename = "SPDXID")]
    spdx_id: Option<String>,
    name: Option<String>,
    #[serde(rename = "versionInfo")]
    version_info: Option<String>,
    description: Option<String>,
    #[serde(rename = "sourceInfo")]
    source_info: Option<String>,
    #[serde(rename = "primaryPackagePurpose")]
    purpose: Option<String>,
    #[serde(rename = "licenseDeclared")]
    license_declared: Option<String>,
    #[serde(rename = "licenseComments")]
    license_comments: Option<String>,
    #[serde(rename = "externalRefs", default)]
    external_refs: Vec<JsonExternalRef>,
    #[serde(default)]
    annotations: Vec<JsonAnnotation>,
}

#[derive(Deserialize)]
struct JsonExternalRef {
    #[serde(rename = "referenceType")]
    reference_type: Option<String>,
    #[serde(rename = "referenceLocator")]
    reference_locator: Option<String>,
}

#[derive(Deserialize)]
struct JsonAnnotation {
    annotator: Option<String>,
    comment: Option<String>,
}

/// One relationship.
#[derive(Deserialize)]
pub(crate) struct JsonRelationship {
    #[serde(rename = "spdxElementId")]
    element: Option<String>,
    #[serde(rename = "relationshipType")]
    kind: Option<String>,
    #[serde(rename = "relatedSpdxElement")]
    related: Option<String>,
}

/// A package in either serialisation, before it becomes a raw component.
#[derive(Default)]
struct Pkg {
    id: String,
    component: RawComponent,
    license_declared: Option<String>,
    license_comments: Option<String>,
}

impl Pkg {
    fn finish(mut self) -> (String, RawComponent) {
        // mamori writes recorded licences as free text in the comments,
        // because they are often not valid SPDX expressions.
        let c = &mut self.component;
        if let Some(list) = self
            .license_comments
            .as_deref()
            .and_then(|s| s.strip_prefix("declared: "))
        {
            c.licenses = list.split(", ").map(str::to_string).collect();
        } else if let Some(l) = self
            .license_declared
            .filter(|l| !matches!(l.as_str(), "" | "NOASSERTION" | "NONE"))
        {
            c.licenses = vec![l];
        }
        (self.id, self.component)
    }
}

fn check_version(path: &str, format: SbomFormat, v: &str) -> Result<(), SbomError> {
    if v.strip_prefix("SPDX-2.")
        .is_some_and(|m| m.parse::<u32>().is_ok())
    {
        Ok(())
    } else {
        Err(SbomError::invalid(
            path,
            format,
            format!("unsupported spdxVersion {v:?} (supported: SPDX-2.x)"),
        ))
    }
}

/// `Tool: syft-1.18.1` → `syft 1.18.1`.
fn producer(creators: &[String]) -> Option<String> {
    let tool = creators
        .iter()
        .find_map(|c| c.trim().strip_prefix("Tool:"))?
        .trim();
    let bytes = tool.as_bytes();
    let split = (0..bytes.len())
        .rev()
        .find(|&i| bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
    Some(match split {
        Some(i) => format!("{} {}", &tool[..i], &tool[i + 1..]),
        None => tool.to_string(),
    })
}

/// Trivy writes its properties as annotations `Key: value`; map them to the
/// CycloneDX property names so one set of rules reads both. Annotations
/// `mamori:NAME: value` (by any annotator) are read as the `mamori:NAME`
/// property, so mamori's SPDX writer can record what its CycloneDX writer
/// records.
fn annotation_property(annotator: &str, comment: &str) -> Option<(String, String)> {
    if comment.starts_with("mamori:") {
        let (k, v) = comment.split_once(": ")?;
        return Some((k.to_string(), v.trim().to_string()));
    }
    if !annotator.contains("trivy") {
        return None;
    }
    let (k, v) = comment.split_once(": ")?;
    if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some((format!("aquasecurity:trivy:{k}"), v.trim().to_string()))
}

/// The target: what the document DESCRIBES; its package is dropped from the
/// component list.
fn assemble(
    format: SbomFormat,
    spec_version: String,
    producer: Option<String>,
    doc_name: Option<String>,
    packages: Vec<(String, RawComponent)>,
    describes: Vec<String>,
) -> Document {
    let mut target_name = None;
    let mut components = Vec::with_capacity(packages.len());
    for (id, c) in packages {
        if !id.is_empty() && describes.contains(&id) {
            if target_name.is_none() {
                target_name = Some(c.name);
            }
            continue;
        }
        components.push(c);
    }
    Document {
        format,
        spec_version,
        producer,
        target_name: target_name.or(doc_name).filter(|n| !n.is_empty()),
        components,
        dependencies: Vec::new(),
    }
}

pub(crate) fn from_json(path: &str, doc: JsonDoc) -> Result<Document, SbomError> {
    let format = SbomFormat::SpdxJson;
    let spec_version = doc.spdx_version.unwrap_or_default();
    check_version(path, format, &spec_version)?;
    let mut describes: Vec<String> = doc.document_describes.unwrap_or_default();
    for r in doc.relationships.unwrap_or_default() {
        if r.kind.as_deref() == Some("DESCRIBES")
            && r.element.as_deref() == Some("SPDXRef-DOCUMENT")
        {
            describes.extend(r.related);
        }
    }
    let packages = doc
        .packages
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let props = p
                .annotations
                .iter()
                .filter_map(|a| {
                    annotation_property(a.annotator.as_deref().unwrap_or(""), a.comment.as_deref()?)
                })
                .collect();
            Pkg {
                id: p.spdx_id.unwrap_or_default(),
                component: RawComponent {
                    kind: p.purpose.unwrap_or_default().to_ascii_lowercase(),
                    bom_ref: None,
                    name: p.name.unwrap_or_default(),
                    version: p.version_info.unwrap_or_default(),
                    description: p.description,
                    purls: p
                        .external_refs
                        .into_iter()
                        .filter(|r| r.reference_type.as_deref() == Some("purl"))
                        .filter_map(|r| r.reference_locator)
                        .collect(),
                    props,
                    source_info: p.source_info,
                    licenses: Vec::new(),
                },
                license_declared: p.license_declared,
                license_comments: p.license_comments,
            }
            .finish()
        })
        .collect();
    Ok(assemble(
        format,
        spec_version,
        doc.creation_info.and_then(|c| producer(&c.creators)),
        doc.name,
        packages,
        describes,
    ))
}

/// True when the text starts (after comments) with `SPDXVersion:`.
pub(crate) fn looks_like_tag_value(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    String::from_utf8_lossy(head)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("SPDXVersion:"))
}

/// Reads SPDX tag-value: `Tag: value` lines, `<text>…</text>` values that may
/// span lines, packages starting at `PackageName` and ending at the next
/// package or file.
pub(crate) fn read_tag_value(path: &str, bytes: &[u8]) -> Result<Document, SbomError> {
    let format = SbomFormat::SpdxTagValue;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        SbomError::invalid(
            path,
            format,
            format!("not utf-8 at byte {}", e.valid_up_to()),
        )
    })?;
    let mut spec_version = String::new();
    let mut doc_name = None;
    let mut creators = Vec::new();
    let mut describes = Vec::new();
    let mut packages = Vec::new();
    let mut current: Option<Pkg> = None;
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((tag, value)) = line.split_once(':') else {
            return Err(SbomError::invalid(
                path,
                format,
                format!(
                    "line {}: expected \"Tag: value\", found {:?}",
                    n + 1,
                    truncate(line)
                ),
            ));
        };
        let mut value = value.trim().to_string();
        if let Some(rest) = value.strip_prefix("<text>") {
            let mut full = rest.to_string();
            while !full.contains("</text>") {
                let Some((_, more)) = lines.next() else {
                    return Err(SbomError::invalid(
                        path,
                        format,
                        format!("line {}: <text> never closed", n + 1),
                    ));
                };
                full.push('\n');
                full.push_str(more);
            }
            if let Some(end) = full.find("</text>") {
                full.truncate(end);
            }
            value = full;
        }
        match tag.trim() {
            "SPDXVersion" => spec_version = value,
            "DocumentName" => doc_name = Some(value),
            "Creator" => creators.push(value),
            "Relationship" => {
                let parts: Vec<&str> = value.split_whitespace().collect();
                if let ["SPDXRef-DOCUMENT", "DESCRIBES", target] = parts.as_slice() {
                    describes.push(target.to_string());
                }
            }
            "DocumentDescribes" => {
                describes.extend(value.split(',').map(|s| s.trim().to_string()));
            }
            "PackageName" => {
                packages.extend(current.take().map(Pkg::finish));
                current = Some(Pkg {
                    component: RawComponent {
                        name: value,
                        ..RawComponent::default()
                    },
                    ..Pkg::default()
                });
            }
            "FileName" | "SnippetSPDXID" => packages.extend(current.take().map(Pkg::finish)),
            tag => {
                let Some(p) = current.as_mut() else {
                    continue;
                };
                match tag {
                    "SPDXID" => p.id = value,
                    "PackageVersion" => p.component.version = value,
                    "PackageDescription" => p.component.description = Some(value),
                    "PackageSourceInfo" => p.component.source_info = Some(value),
                    "PrimaryPackagePurpose" => p.component.kind = value.to_ascii_lowercase(),
                    "PackageLicenseDeclared" => p.license_declared = Some(value),
                    "PackageLicenseComments" => p.license_comments = Some(value),
                    "ExternalRef" => {
                        let mut it = value.split_whitespace();
                        if let (Some(_category), Some("purl"), Some(locator)) =
                            (it.next(), it.next(), it.next())
                        {
                            p.component.purls.push(locator.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    packages.extend(current.take().map(Pkg::finish));
    check_version(path, format, &spec_version)?;
    Ok(assemble(
        format,
        spec_version,
        producer(&creators),
        doc_name,
        packages,
        describes,
    ))
}

fn truncate(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producers() {
        assert_eq!(
            producer(&[
                "Organization: Anchore, Inc".into(),
                "Tool: syft-1.18.1".into()
            ]),
            Some("syft 1.18.1".into())
        );
        assert_eq!(producer(&["Tool: my-tool".into()]), Some("my-tool".into()));
        assert_eq!(producer(&[]), None);
    }

    #[test]
    fn annotations() {
        assert_eq!(
            annotation_property("Tool: trivy-0.76.0", "LayerDiffID: sha256:ab"),
            Some(("aquasecurity:trivy:LayerDiffID".into(), "sha256:ab".into()))
        );
        assert_eq!(
            annotation_property("Person: x", "LayerDiffID: sha256:ab"),
            None
        );
        assert_eq!(
            annotation_property("Tool: trivy", "Labels:org.opencontainers.image.title: x"),
            None
        );
        assert_eq!(
            annotation_property("Tool: mamori-0.1.0", "mamori:source:name: openssl"),
            Some(("mamori:source:name".into(), "openssl".into()))
        );
    }
}
