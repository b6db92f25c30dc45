//! VEX (Vulnerability Exploitability eXchange) documents: OpenVEX JSON and
//! CycloneDX VEX (JSON), read into statements that suppress findings whose
//! vendor has declared the product `not_affected` or `fixed`.
//!
//! Matching rules:
//! - A statement names a vulnerability by id (OpenVEX `vulnerability.name`
//!   and `@id`, CycloneDX `id`) and aliases (OpenVEX `aliases`, CycloneDX
//!   `references[].id`); it applies when any of them equals the finding's id
//!   or one of its aliases (case-insensitive). A distro advisory fixing
//!   several CVEs (a DSA) is not an alias of any one of them, so a statement
//!   about one of those CVEs does not hide the DSA finding, which may stand
//!   for the others too.
//! - Products are purls (OpenVEX `products[].@id`, `identifiers.purl` and
//!   `subcomponents[]`; CycloneDX `affects[].ref`, either a purl or a
//!   `bom-ref`/BOM-Link resolved through the document's `components`),
//!   compared as in [`crate::IgnoreFile`]: a purl without version or
//!   qualifiers covers every version, arch and distro.
//! - An OpenVEX product that is not a package (an image `pkg:oci/…` or an
//!   IRI) and has no subcomponents stands for the scanned artifact as a
//!   whole and covers all of its packages: mamori cannot check which image
//!   the author meant, so such documents should only be passed for the image
//!   they were written for.
//! - Statuses: OpenVEX `not_affected` and `fixed`, CycloneDX `not_affected`,
//!   `false_positive` (reported as `not_affected`) and `resolved`/
//!   `resolved_with_pedigree` (reported as `fixed`) suppress; `affected`,
//!   `under_investigation`, `exploitable`, `in_triage` do not. When several
//!   statements of one document apply, the last one wins (OpenVEX documents
//!   are append-only histories).
//!
//! This module does not read CSAF VEX, CycloneDX XML, or fetch documents
//! referenced by URL, and it does not check signatures.

use crate::error::{read_capped, Error, Result};
use crate::suppress::{names_finding, purl_covers, Suppressor, Verdict};
use mamori_report::VulnFinding;
use mamori_sbom::Purl;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Largest VEX document read.
pub const MAX_VEX_FILE: u64 = 256 << 20;

/// Deepest CycloneDX component nesting followed when resolving `bom-ref`s.
const MAX_COMPONENT_DEPTH: usize = 64;

/// The kind of VEX document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VexFormat {
    /// OpenVEX (<https://github.com/openvex/spec>).
    OpenVex,
    /// CycloneDX with a `vulnerabilities` section.
    CycloneDx,
}

/// What a statement says about the products.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VexStatus {
    /// The products are not affected (suppresses).
    NotAffected,
    /// The products contain a fix (suppresses).
    Fixed,
    /// The products are affected, or this is still being looked at (keeps).
    Affected,
}

/// A product a statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VexProduct {
    /// A package, by purl.
    Package(Purl),
    /// The scanned artifact as a whole (see the module docs).
    Artifact(String),
}

/// One statement, normalised across formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VexStatement {
    /// The vulnerability's id and aliases.
    pub ids: Vec<String>,
    /// The products covered.
    pub products: Vec<VexProduct>,
    /// The status.
    pub status: VexStatus,
    /// The status as written (`not_affected`, `resolved`…).
    pub status_text: String,
    /// Justification and impact/detail text as written.
    pub reason: String,
}

/// A loaded VEX document.
#[derive(Debug, Clone)]
pub struct Vex {
    path: PathBuf,
    format: VexFormat,
    statements: Vec<VexStatement>,
}

fn fail(path: &Path, message: impl Into<String>) -> Error {
    Error::Vex {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// `a: b` from the non-empty parts.
fn join_reason(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(": ")
}

/// Adds an id, and for an URL-shaped id its last path segment
/// (`https://nvd.nist.gov/vuln/detail/CVE-1` → `CVE-1`).
fn push_id(ids: &mut Vec<String>, id: &str) {
    let id = id.trim();
    if id.is_empty() {
        return;
    }
    ids.push(id.to_string());
    if id.contains("://") {
        if let Some(last) = id.trim_end_matches('/').rsplit('/').next() {
            ids.push(last.to_string());
        }
    }
}

impl Vex {
    /// Reads an OpenVEX or CycloneDX VEX JSON file.
    pub fn load(path: &Path) -> Result<Vex> {
        let bytes = read_capped(path, MAX_VEX_FILE)?;
        Vex::parse(&bytes, path)
    }

    /// Parses a document; `path` is used in messages and sources.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Vex> {
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| fail(path, format!("invalid json: {e}")))?;
        if !doc.is_object() {
            return Err(fail(path, "not a json object"));
        }
        if doc.get("statements").is_some() {
            Vex::openvex(&doc, path)
        } else if doc.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
            Vex::cyclonedx(&doc, path)
        } else {
            Err(fail(
                path,
                "not an openvex document (no \"statements\") or a cyclonedx bom",
            ))
        }
    }

    fn openvex(doc: &Value, path: &Path) -> Result<Vex> {
        let list = doc["statements"]
            .as_array()
            .ok_or_else(|| fail(path, "\"statements\" is not an array"))?;
        let mut statements = Vec::with_capacity(list.len());
        for (i, s) in list.iter().enumerate() {
            let mut ids = Vec::new();
            match s.get("vulnerability") {
                Some(Value::String(id)) => push_id(&mut ids, id),
                Some(v @ Value::Object(_)) => {
                    for k in ["name", "@id"] {
                        if let Some(id) = str_of(v, k) {
                            push_id(&mut ids, id);
                        }
                    }
                    for a in v
                        .get("aliases")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(a) = a.as_str() {
                            push_id(&mut ids, a);
                        }
                    }
                }
                _ => {}
            }
            if ids.is_empty() {
                return Err(fail(path, format!("statement {i}: no vulnerability id")));
            }
            let status_text = str_of(s, "status")
                .ok_or_else(|| fail(path, format!("statement {i}: no status")))?
                .to_string();
            let status = match status_text.as_str() {
                "not_affected" => VexStatus::NotAffected,
                "fixed" => VexStatus::Fixed,
                "affected" | "under_investigation" => VexStatus::Affected,
                other => {
                    return Err(fail(
                        path,
                        format!("statement {i}: unknown status {other:?}"),
                    ))
                }
            };
            let mut products = Vec::new();
            for p in s
                .get("products")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                openvex_product(p, &mut products);
            }
            let detail = match status {
                VexStatus::NotAffected => str_of(s, "impact_statement"),
                _ => str_of(s, "action_statement"),
            };
            statements.push(VexStatement {
                ids,
                products,
                status,
                status_text,
                reason: join_reason(&[
                    str_of(s, "justification"),
                    detail.or_else(|| str_of(s, "status_notes")),
                ]),
            });
        }
        Ok(Vex {
            path: path.to_path_buf(),
            format: VexFormat::OpenVex,
            statements,
        })
    }

    fn cyclonedx(doc: &Value, path: &Path) -> Result<Vex> {
        let mut refs: HashMap<String, String> = HashMap::new();
        collect_bom_refs(doc.get("components"), 0, &mut refs);
        if let Some(c) = doc.get("metadata").and_then(|m| m.get("component")) {
            collect_bom_refs(Some(&Value::Array(vec![c.clone()])), 0, &mut refs);
        }
        let vulns = match doc.get("vulnerabilities") {
            Some(Value::Array(v)) => v.as_slice(),
            None => &[],
            Some(_) => return Err(fail(path, "\"vulnerabilities\" is not an array")),
        };
        let mut statements = Vec::with_capacity(vulns.len());
        for (i, v) in vulns.iter().enumerate() {
            let mut ids = Vec::new();
            if let Some(id) = str_of(v, "id") {
                push_id(&mut ids, id);
            }
            for r in v
                .get("references")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = str_of(r, "id") {
                    push_id(&mut ids, id);
                }
            }
            if ids.is_empty() {
                return Err(fail(path, format!("vulnerabilities[{i}]: no id")));
            }
            let analysis = v.get("analysis").cloned().unwrap_or(Value::Null);
            // No analysis: the BOM merely lists the vulnerability.
            let status_text = str_of(&analysis, "state")
                .unwrap_or("in_triage")
                .to_string();
            let status = match status_text.as_str() {
                "not_affected" | "false_positive" => VexStatus::NotAffected,
                "resolved" | "resolved_with_pedigree" => VexStatus::Fixed,
                "exploitable" | "in_triage" => VexStatus::Affected,
                other => {
                    return Err(fail(
                        path,
                        format!("vulnerabilities[{i}]: unknown analysis state {other:?}"),
                    ))
                }
            };
            let mut products = Vec::new();
            for a in v
                .get("affects")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(r) = str_of(a, "ref") else { continue };
                // A BOM-Link (`urn:cdx:serial/1#ref`) points into a BOM; the
                // fragment is the bom-ref.
                let local = if r.starts_with("urn:cdx:") {
                    r.rsplit_once('#').map_or(r, |(_, f)| f)
                } else {
                    r
                };
                let purl = refs.get(local).map(String::as_str).unwrap_or(local);
                if let Ok(p) = Purl::parse(purl) {
                    products.push(VexProduct::Package(p));
                }
            }
            let justification = if status_text == "false_positive" {
                Some("false_positive")
            } else {
                str_of(&analysis, "justification")
            };
            statements.push(VexStatement {
                ids,
                products,
                status,
                status_text,
                reason: join_reason(&[justification, str_of(&analysis, "detail")]),
            });
        }
        Ok(Vex {
            path: path.to_path_buf(),
            format: VexFormat::CycloneDx,
            statements,
        })
    }

    /// The document's format.
    pub fn format(&self) -> VexFormat {
        self.format
    }

    /// The statements, in document order.
    pub fn statements(&self) -> &[VexStatement] {
        &self.statements
    }
}

fn openvex_product(p: &Value, out: &mut Vec<VexProduct>) {
    let (id, purl, subs) = match p {
        Value::String(s) => (Some(s.as_str()), None, None),
        Value::Object(_) => (
            str_of(p, "@id"),
            p.get("identifiers").and_then(|i| str_of(i, "purl")),
            p.get("subcomponents").and_then(Value::as_array),
        ),
        _ => return,
    };
    let subs: Vec<VexProduct> = subs
        .into_iter()
        .flatten()
        .filter_map(|s| match s {
            Value::String(x) => Some(x.as_str()),
            _ => str_of(s, "@id").or_else(|| s.get("identifiers").and_then(|i| str_of(i, "purl"))),
        })
        .filter_map(|s| Purl::parse(s).ok())
        .map(VexProduct::Package)
        .collect();
    if !subs.is_empty() {
        // The product is the container of these packages.
        out.extend(subs);
        return;
    }
    let parsed = purl.or(id).and_then(|s| Purl::parse(s).ok());
    match parsed {
        Some(pu) if pu.ecosystem().is_some() => out.push(VexProduct::Package(pu)),
        _ => {
            if let Some(name) = purl.or(id) {
                out.push(VexProduct::Artifact(name.to_string()));
            }
        }
    }
}

fn collect_bom_refs(list: Option<&Value>, depth: usize, out: &mut HashMap<String, String>) {
    if depth > MAX_COMPONENT_DEPTH {
        return;
    }
    for c in list.and_then(Value::as_array).into_iter().flatten() {
        if let (Some(r), Some(p)) = (str_of(c, "bom-ref"), str_of(c, "purl")) {
            out.insert(r.to_string(), p.to_string());
        }
        collect_bom_refs(c.get("components"), depth + 1, out);
    }
}

impl Suppressor for Vex {
    fn verdict(&self, f: &VulnFinding) -> Option<Verdict> {
        let have = Purl::parse(&f.package.purl).ok();
        let covers = |p: &VexProduct| match p {
            VexProduct::Artifact(_) => true,
            VexProduct::Package(want) => have.as_ref().is_some_and(|h| purl_covers(want, h)),
        };
        let s = self.statements.iter().rev().find(|s| {
            s.ids.iter().any(|id| names_finding(id, f)) && s.products.iter().any(covers)
        })?;
        let status = match s.status {
            VexStatus::NotAffected => "not_affected",
            VexStatus::Fixed => "fixed",
            VexStatus::Affected => return None,
        };
        Some(Verdict {
            status: status.to_string(),
            reason: s.reason.clone(),
            source: self.path.display().to_string(),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use mamori_inventory::Ecosystem;
    use mamori_report::PackageRef;

    fn finding(id: &str, aliases: &[&str], purl: &str) -> VulnFinding {
        VulnFinding {
            id: id.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            package: PackageRef {
                name: "x".into(),
                version: "1".into(),
                ecosystem: Ecosystem::Npm,
                purl: purl.into(),
                location: "/l".into(),
                layer: None,
            },
            severity: "HIGH".into(),
            severity_source: "none".into(),
            cvss: vec![],
            fixed_version: None,
            summary: String::new(),
            data_source: "npm".into(),
            matched_name: "x".into(),
            explain: String::new(),
        }
    }

    fn parse(s: &str) -> Result<Vex> {
        Vex::parse(s.as_bytes(), Path::new("vex.json"))
    }

    #[test]
    fn openvex_statements() {
        let v = parse(
            r#"{"@context":"https://openvex.dev/ns/v0.2.0","statements":[
              {"vulnerability":{"@id":"https://nvd.nist.gov/vuln/detail/CVE-1","aliases":["GHSA-a"]},
               "products":[{"@id":"pkg:npm/lodash@4.17.20"}],"status":"not_affected",
               "justification":"vulnerable_code_not_in_execute_path","impact_statement":"never called"},
              {"vulnerability":"CVE-2","products":["pkg:npm/lodash"],"status":"fixed"},
              {"vulnerability":{"name":"CVE-3"},"products":[{"@id":"pkg:oci/app"}],"status":"not_affected"},
              {"vulnerability":{"name":"CVE-4"},"products":[{"@id":"pkg:oci/app",
                 "subcomponents":[{"@id":"pkg:npm/other"}]}],"status":"not_affected"},
              {"vulnerability":{"name":"CVE-2"},"products":[{"@id":"pkg:npm/lodash@4.17.21"}],"status":"affected"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(v.format(), VexFormat::OpenVex);
        let lodash = "pkg:npm/lodash@4.17.20";
        let got = v.verdict(&finding("GHSA-a", &[], lodash)).unwrap();
        assert_eq!(got.status, "not_affected");
        assert_eq!(
            got.reason,
            "vulnerable_code_not_in_execute_path: never called"
        );
        assert_eq!(got.source, "vex.json");
        assert!(v.verdict(&finding("X", &["cve-1"], lodash)).is_some());
        assert!(v
            .verdict(&finding("CVE-1", &[], "pkg:npm/lodash@4.17.21"))
            .is_none());
        assert_eq!(
            v.verdict(&finding("CVE-2", &[], lodash)).unwrap().status,
            "fixed"
        );
        // The later `affected` statement for 4.17.21 overrides the earlier `fixed`.
        assert!(v
            .verdict(&finding("CVE-2", &[], "pkg:npm/lodash@4.17.21"))
            .is_none());
        assert!(
            v.verdict(&finding("CVE-3", &[], lodash)).is_some(),
            "image-wide"
        );
        assert!(
            v.verdict(&finding("CVE-4", &[], lodash)).is_none(),
            "other subcomponent"
        );
        assert!(v
            .verdict(&finding("CVE-4", &[], "pkg:npm/other@1"))
            .is_some());
    }

    #[test]
    fn cyclonedx_vex() {
        let v = parse(
            r#"{"bomFormat":"CycloneDX","specVersion":"1.5",
              "components":[{"bom-ref":"c1","purl":"pkg:npm/a@1","components":[{"bom-ref":"c2","purl":"pkg:npm/b@2"}]}],
              "vulnerabilities":[
               {"id":"CVE-1","analysis":{"state":"not_affected","justification":"code_not_reachable","detail":"d"},
                "affects":[{"ref":"c2"}]},
               {"id":"CVE-2","references":[{"id":"GHSA-b"}],"analysis":{"state":"resolved"},
                "affects":[{"ref":"urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#c1"}]},
               {"id":"CVE-3","analysis":{"state":"false_positive"},"affects":[{"ref":"pkg:npm/a"}]},
               {"id":"CVE-4","analysis":{"state":"exploitable"},"affects":[{"ref":"pkg:npm/a"}]}
              ]}"#,
        )
        .unwrap();
        assert_eq!(v.format(), VexFormat::CycloneDx);
        let b = v.verdict(&finding("CVE-1", &[], "pkg:npm/b@2")).unwrap();
        assert_eq!(
            (b.status.as_str(), b.reason.as_str()),
            ("not_affected", "code_not_reachable: d")
        );
        assert!(v.verdict(&finding("CVE-1", &[], "pkg:npm/a@1")).is_none());
        assert_eq!(
            v.verdict(&finding("GHSA-b", &[], "pkg:npm/a@1"))
                .unwrap()
                .status,
            "fixed"
        );
        let fp = v.verdict(&finding("CVE-3", &[], "pkg:npm/a@7")).unwrap();
        assert_eq!(
            (fp.status.as_str(), fp.reason.as_str()),
            ("not_affected", "false_positive")
        );
        assert!(v.verdict(&finding("CVE-4", &[], "pkg:npm/a@1")).is_none());
    }

    #[test]
    fn errors_name_the_file() {
        for (doc, want) in [
            ("[]", "vex.json: not a json object"),
            ("{}", "vex.json: not an openvex document"),
            (
                "{\"statements\":[{\"status\":\"fixed\"}]}",
                "vex.json: statement 0: no vulnerability id",
            ),
            (
                "{\"statements\":[{\"vulnerability\":\"C\",\"status\":\"maybe\"}]}",
                "vex.json: statement 0: unknown status",
            ),
            ("{", "vex.json: invalid json"),
        ] {
            let e = parse(doc).unwrap_err().to_string();
            assert!(e.starts_with(want), "{doc}: {e}");
        }
    }
}
