//! CycloneDX 1.6 JSON (<https://cyclonedx.org/docs/1.6/json/>).
//!
//! One component per package (`type: library`, or `operating-system` for the
//! detected OS), identified by purl; mamori-specific facts (layer, location,
//! source package) are `properties` in the `mamori:` namespace. When
//! vulnerability scanning ran, findings follow in `vulnerabilities`
//! (`vuln::cyclonedx`), pointing at components by bom-ref.

use crate::{report_seed, stable_uuid, timestamp, Report, TargetKind};
use serde_json::{json, Value};
use std::collections::HashSet;

/// Renders a CycloneDX 1.6 JSON BOM.
pub fn to_cyclonedx(report: &Report) -> String {
    serde_json::to_string_pretty(&cyclonedx_value(report)).unwrap_or_default()
}

/// The BOM as a JSON value (the vulnerability renderer extends it).
pub fn cyclonedx_value(report: &Report) -> Value {
    let mut components = Vec::new();
    let mut refs = HashSet::new();
    let mut bom_refs = crate::vuln::cyclonedx::BomRefs::default();
    if let Some(os) = &report.os {
        let mut c = json!({
            "bom-ref": format!("os:{}-{}", os.id, os.version_id),
            "type": "operating-system",
            "name": os.id,
            "version": os.version_id,
        });
        // An os-release without PRETTY_NAME must not give `null` (invalid).
        if let Some(pretty) = &os.pretty_name {
            c["description"] = json!(pretty);
        }
        components.push(c);
    }
    for p in &report.packages {
        let pkg = &p.package;
        // bom-refs must be unique: the same purl can be found in two places.
        let mut bom_ref = p.purl.clone();
        let mut n = 1;
        while !refs.insert(bom_ref.clone()) {
            n += 1;
            bom_ref = format!("{}#{n}", p.purl);
        }
        bom_refs.insert(&p.purl, &pkg.location, &bom_ref);
        let mut props = vec![
            json!({"name": "mamori:ecosystem", "value": pkg.ecosystem.as_str()}),
            json!({"name": "mamori:location", "value": pkg.location}),
        ];
        if let Some(l) = &pkg.layer {
            props.push(json!({"name": "mamori:layer:diff_id", "value": l}));
        }
        if let Some(s) = &pkg.source_name {
            props.push(json!({"name": "mamori:source:name", "value": s}));
        }
        if let Some(s) = &pkg.source_version {
            props.push(json!({"name": "mamori:source:version", "value": s}));
        }
        if let Some(a) = &pkg.arch {
            props.push(json!({"name": "mamori:arch", "value": a}));
        }
        if let Some(m) = &pkg.modularity_label {
            props.push(json!({"name": "mamori:rpm:modularity_label", "value": m}));
        }
        if pkg.dev {
            props.push(json!({"name": "mamori:dev", "value": "true"}));
        }
        let mut c = json!({
            "bom-ref": bom_ref,
            "type": "library",
            "name": pkg.name,
            "version": pkg.version,
            "purl": p.purl,
            "properties": props,
        });
        if !pkg.licenses.is_empty() {
            c["licenses"] = Value::Array(
                pkg.licenses
                    .iter()
                    .map(|l| json!({"license": {"name": l}}))
                    .collect(),
            );
        }
        components.push(c);
    }
    let root_type = match report.target.kind {
        TargetKind::Image => "container",
        _ => "application",
    };
    let mut root = json!({
        "bom-ref": "mamori:target",
        "type": root_type,
        "name": report.target.name,
    });
    if let Some(img) = &report.target.image {
        root["version"] = json!(img
            .manifest_digest
            .clone()
            .unwrap_or_else(|| img.config_digest.clone()));
        root["properties"] = json!([
            {"name": "mamori:image:config_digest", "value": img.config_digest},
            {"name": "mamori:image:platform", "value": img.platform},
        ]);
    }
    let mut bom = json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": format!("urn:uuid:{}", stable_uuid(&report_seed(report))),
        "version": 1,
        "metadata": {
            "timestamp": timestamp(),
            "tools": {"components": [{"type": "application", "name": report.tool.name, "version": report.tool.version}]},
            "component": root,
        },
        "components": components,
    });
    if let Some(v) = crate::vuln::cyclonedx::vulnerabilities(report, &bom_refs) {
        bom["vulnerabilities"] = v;
    }
    bom
}
