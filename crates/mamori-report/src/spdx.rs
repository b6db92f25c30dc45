//! SPDX 2.3 JSON (<https://spdx.github.io/spdx-spec/v2.3/>).
//!
//! A root package for the scanned target `DESCRIBES`d by the document and
//! `CONTAINS` every found package; purls are `PACKAGE-MANAGER` external refs.
//! Licences are recorded as free text in `licenseComments`, because recorded
//! licence strings are often not valid SPDX expressions and a wrong
//! `licenseDeclared` is worse than `NOASSERTION`.

use crate::{report_seed, stable_uuid, timestamp, Report, TargetKind};
use serde_json::{json, Value};

fn spdx_id(prefix: &str, n: usize) -> String {
    format!("SPDXRef-{prefix}-{n}")
}

/// Renders an SPDX 2.3 JSON document.
pub fn to_spdx(report: &Report) -> String {
    let uuid = stable_uuid(&report_seed(report));
    let root_id = "SPDXRef-Target".to_string();
    let purpose = match report.target.kind {
        TargetKind::Image => "CONTAINER",
        _ => "SOURCE",
    };
    let mut root = json!({
        "SPDXID": root_id,
        "name": report.target.name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "primaryPackagePurpose": purpose,
    });
    if let Some(img) = &report.target.image {
        root["versionInfo"] = json!(img
            .manifest_digest
            .clone()
            .unwrap_or_else(|| img.config_digest.clone()));
    }
    let mut packages = vec![root];
    let mut relationships = vec![json!({
        "spdxElementId": "SPDXRef-DOCUMENT",
        "relationshipType": "DESCRIBES",
        "relatedSpdxElement": root_id,
    })];
    if let Some(os) = &report.os {
        let id = "SPDXRef-OperatingSystem".to_string();
        packages.push(json!({
            "SPDXID": id,
            "name": os.id,
            "versionInfo": os.version_id,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "primaryPackagePurpose": "OPERATING-SYSTEM",
        }));
        relationships.push(json!({"spdxElementId": root_id, "relationshipType": "CONTAINS", "relatedSpdxElement": id}));
    }
    for (i, p) in report.packages.iter().enumerate() {
        let pkg = &p.package;
        let id = spdx_id("Package", i + 1);
        let mut source_info = format!("found in {}", pkg.location);
        if let Some(l) = &pkg.layer {
            source_info.push_str(&format!(", layer {l}"));
        }
        let mut v = json!({
            "SPDXID": id,
            "name": pkg.name,
            "versionInfo": pkg.version,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "sourceInfo": source_info,
            "primaryPackagePurpose": if pkg.ecosystem.is_os() { "OPERATING-SYSTEM" } else { "LIBRARY" },
            "externalRefs": [{
                "referenceCategory": "PACKAGE-MANAGER",
                "referenceType": "purl",
                "referenceLocator": p.purl,
            }],
        });
        if pkg.ecosystem.is_os() {
            v["primaryPackagePurpose"] = Value::String("LIBRARY".into());
        }
        if !pkg.licenses.is_empty() {
            v["licenseComments"] = json!(format!("declared: {}", pkg.licenses.join(", ")));
        }
        // Facts SPDX 2.3 has no field for (source package, layer) travel as
        // annotations in the same `mamori:` namespace as the CycloneDX properties,
        // so `mamori sbom` can match Debian/Alpine advisories by source package.
        let mut notes = Vec::new();
        if let Some(sname) = &pkg.source_name {
            notes.push(format!("mamori:source:name: {sname}"));
        }
        if let Some(sver) = &pkg.source_version {
            notes.push(format!("mamori:source:version: {sver}"));
        }
        if let Some(layer) = &pkg.layer {
            notes.push(format!("mamori:layer:diff_id: {layer}"));
        }
        if !notes.is_empty() {
            let created = timestamp();
            let annotator = format!("Tool: {}-{}", report.tool.name, report.tool.version);
            v["annotations"] = notes
                .into_iter()
                .map(|comment| {
                    json!({"annotationDate": created, "annotationType": "OTHER", "annotator": annotator, "comment": comment})
                })
                .collect();
        }
        packages.push(v);
        relationships.push(json!({"spdxElementId": root_id, "relationshipType": "CONTAINS", "relatedSpdxElement": id}));
    }
    let name: String = report
        .target
        .name
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let doc = json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": name,
        "documentNamespace": format!("https://mamori.invalid/spdx/{uuid}"),
        "creationInfo": {
            "created": timestamp(),
            "creators": [format!("Tool: {}-{}", report.tool.name, report.tool.version)],
        },
        "packages": packages,
        "relationships": relationships,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
