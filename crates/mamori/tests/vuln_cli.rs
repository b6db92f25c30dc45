//! Vulnerability scanning end to end: the demo image against the bundled
//! advisories, gating (`--severity`, `--exit-code`, `--ignore-unfixed`), the
//! ignore file and VEX, SARIF and CycloneDX validated with official tooling,
//! and `mamori sbom` on Syft-, Trivy- and mamori-made SBOMs agreeing with the
//! image scan.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;
use std::process::Command;
use support::*;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/demo-image");
const ADVISORIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/advisories");

fn demo() -> String {
    format!("oci:{DEMO}")
}

/// `(id, lower-case name, version)` of each finding, as a set.
fn findings(r: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    r["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["package"]["name"].as_str().unwrap().to_lowercase(),
                v["package"]["version"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The advisories' own data decides what must match: for every record, the demo's
/// installed version of the package (or of a binary built from that source) is
/// below the fixed version, or the record has no fix.
#[test]
fn demo_image_findings_follow_the_advisories() {
    let r = mamori_json(&["image", &demo(), "--osv", ADVISORIES, "-f", "json"]);
    let got = findings(&r);
    let ids: BTreeSet<&str> = got.iter().map(|f| f.0.as_str()).collect();
    // DEMO-DSA-2024-0003 is fixed in exactly the installed openssl version: no finding.
    assert!(
        !ids.iter()
            .any(|i| i.contains("2023-5678") || *i == "DEMO-DSA-2024-0003"),
        "{ids:?}"
    );
    // Debian records are per source package: libcurl4 (source curl) and libssl3 (source openssl) match.
    assert!(got.contains(&(
        "DEMO-DSA-2024-0001".into(),
        "libcurl4".into(),
        "7.88.1-10+deb12u5".into()
    )));
    assert!(got.contains(&(
        "DEMO-DSA-2024-0002".into(),
        "libssl3".into(),
        "3.0.11-1~deb12u2".into()
    )));
    assert!(got.contains(&(
        "DEMO-DSA-2024-0004".into(),
        "zlib1g".into(),
        "1:1.2.13.dfsg-1".into()
    )));
    // Language packages by primary alias (CVE).
    for (id, name) in [
        ("CVE-2020-8203", "lodash"),
        ("CVE-2021-44906", "minimist"),
        ("CVE-2021-33503", "urllib3"),
        ("CVE-2024-22195", "jinja2"),
    ] {
        assert!(
            got.iter().any(|f| f.0 == id && f.1 == name),
            "{id} {name} missing: {got:?}"
        );
    }
    // Every finding explains itself.
    for v in r["vulnerabilities"].as_array().unwrap() {
        assert!(!v["explain"].as_str().unwrap().is_empty());
    }
}

#[test]
fn gating_flags() {
    let o = mamori(&["image", &demo(), "--osv", ADVISORIES, "--exit-code", "3"]);
    assert_eq!(o.status.code(), Some(3));
    let o = mamori(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--exit-code",
        "3",
        "--severity",
        "CRITICAL",
        "-f",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(3));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(r["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["severity"] == "CRITICAL"));
    // Nothing at LOW only once LOW findings are fixed-only… use a set filter.
    let r = mamori_json(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--severity",
        "LOW,MEDIUM",
        "-f",
        "json",
    ]);
    assert!(r["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["severity"] == "LOW" || v["severity"] == "MEDIUM"));
    // --ignore-unfixed drops the zlib finding, which has no fix.
    let r = mamori_json(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--ignore-unfixed",
        "-f",
        "json",
    ]);
    assert!(!findings(&r).iter().any(|f| f.1 == "zlib1g"));
    assert!(r["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["fixed_version"].is_string()));
    // No findings at or above a threshold nobody reaches: exit 0.
    let tmp = tempfile::tempdir().unwrap();
    let ign = tmp.path().join("ignore");
    std::fs::write(&ign, "CVE-2021-44906\n").unwrap();
    let o = mamori(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--exit-code",
        "3",
        "--severity",
        "CRITICAL",
        "--ignorefile",
        ign.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Explicit --scanners vuln without any database is an error naming the fix.
    let o = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args([
            "image",
            &demo(),
            "--scanners",
            "vuln",
            "--db-dir",
            tmp.path().join("nodb").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("mamori db update"));
}

#[test]
fn ignore_file_with_expiry_and_vex_suppress_with_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let ign = tmp.path().join(".mamoriignore");
    std::fs::write(
        &ign,
        "# accepted risk\nCVE-2020-8203 # lodash only used at build time\nCVE-2021-44906 exp:2000-01-01 # expired: must not suppress\n",
    )
    .unwrap();
    let r = mamori_json(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--ignorefile",
        ign.to_str().unwrap(),
        "-f",
        "json",
    ]);
    let ids: BTreeSet<String> = findings(&r).into_iter().map(|f| f.0).collect();
    assert!(!ids.contains("CVE-2020-8203") && ids.contains("CVE-2021-44906"));
    let sup = r["suppressed"].as_array().unwrap();
    assert!(sup
        .iter()
        .all(|s| s["finding"]["id"] == "CVE-2020-8203" && s["status"] == "ignored"));
    assert!(
        sup[0]["reason"].as_str().unwrap().contains("build time"),
        "{}",
        sup[0]
    );

    let vex = tmp.path().join("vex.json");
    std::fs::write(
        &vex,
        serde_json::to_vec(&serde_json::json!({
            "@context": "https://openvex.dev/ns/v0.2.0",
            "@id": "https://example.invalid/vex/1",
            "author": "test",
            "timestamp": "2024-01-01T00:00:00Z",
            "version": 1,
            "statements": [{
                "vulnerability": {"name": "CVE-2021-33503"},
                "products": [{"@id": "pkg:pypi/urllib3@1.26.4"}],
                "status": "not_affected",
                "justification": "vulnerable_code_not_in_execute_path",
            }],
        }))
        .unwrap(),
    )
    .unwrap();
    let r = mamori_json(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--vex",
        vex.to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert!(!findings(&r).iter().any(|f| f.0 == "CVE-2021-33503"));
    let s = &r["suppressed"].as_array().unwrap()[0];
    assert_eq!(s["status"], "not_affected");
    assert!(s["reason"]
        .as_str()
        .unwrap()
        .contains("vulnerable_code_not_in_execute_path"));
    // The table says what was suppressed and why.
    let out = mamori(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "--vex",
        vex.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("suppressed"));
}

#[test]
fn sarif_and_cyclonedx_validate() {
    let tmp = tempfile::tempdir().unwrap();
    let sarif = tmp.path().join("r.sarif");
    let cdx = tmp.path().join("r.cdx.json");
    for (fmt, path) in [("sarif", &sarif), ("cyclonedx", &cdx)] {
        let o = mamori(&[
            "image",
            &demo(),
            "--osv",
            ADVISORIES,
            "-f",
            fmt,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(o.status.success());
    }
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert!(!s["runs"][0]["results"].as_array().unwrap().is_empty());
    let c: serde_json::Value = serde_json::from_slice(&std::fs::read(&cdx).unwrap()).unwrap();
    assert!(!c["vulnerabilities"].as_array().unwrap().is_empty());
    validate_sarif(&sarif);
    validate_cyclonedx(&cdx);
}

fn tool(env: &str, name: &str) -> Option<String> {
    if let Ok(p) = std::env::var(env) {
        return Some(p);
    }
    for c in [
        format!("/tmp/benchvenv/bin/{name}"),
        format!("{}/../../.venv/bin/{name}", env!("CARGO_MANIFEST_DIR")),
    ] {
        if std::path::Path::new(&c).is_file() {
            return Some(c);
        }
    }
    if Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some(name.to_string());
    }
    eprintln!("skipping the {name} part: {name} not found (set {env})");
    None
}

#[test]
fn sbom_scans_match_the_image_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let image = findings(&mamori_json(&[
        "image",
        &demo(),
        "--osv",
        ADVISORIES,
        "-f",
        "json",
    ]));
    let mut sboms = Vec::new();
    // Our own CycloneDX and SPDX.
    for fmt in ["cyclonedx", "spdx-json"] {
        let p = tmp.path().join(format!("mamori.{fmt}.json"));
        assert!(
            mamori(&["image", &demo(), "-f", fmt, "-o", p.to_str().unwrap()])
                .status
                .success()
        );
        sboms.push(p);
    }
    if let Some(syft) = tool("MAMORI_SYFT", "syft") {
        let p = tmp.path().join("syft.cdx.json");
        let st = Command::new(&syft)
            .args([
                "-q",
                &format!("oci-dir:{DEMO}"),
                "-o",
                &format!("cyclonedx-json={}", p.display()),
            ])
            .status()
            .unwrap();
        assert!(st.success());
        sboms.push(p);
    }
    if let Some(trivy) = tool("MAMORI_TRIVY", "trivy") {
        let p = tmp.path().join("trivy.cdx.json");
        let st = Command::new(&trivy)
            .args([
                "image",
                "--input",
                DEMO,
                "--format",
                "cyclonedx",
                "--output",
                p.to_str().unwrap(),
            ])
            .args([
                "--skip-db-update",
                "--offline-scan",
                "--scanners",
                "license",
                "-q",
                "--cache-dir",
            ])
            .arg(tmp.path().join("trivy-cache"))
            .status()
            .unwrap();
        assert!(st.success());
        sboms.push(p);
    }
    for p in sboms {
        let r = mamori_json(&[
            "sbom",
            p.to_str().unwrap(),
            "--osv",
            ADVISORIES,
            "-f",
            "json",
        ]);
        assert_eq!(
            findings(&r),
            image,
            "{} disagrees with the image scan",
            p.display()
        );
    }
}
