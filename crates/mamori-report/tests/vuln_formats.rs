//! Vulnerability renderings of a small hand-built report: the exact table
//! text, SARIF and CycloneDX validated against their official schemas (with
//! Python's `jsonschema` and `cyclonedx-python-lib`, skipped when no such
//! Python is found), and the OpenVEX structure.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_inventory::{Ecosystem, OsInfo, Package};
use mamori_report::{
    to_cyclonedx, to_openvex, to_sarif, to_table, to_table_colored, Cvss, PackageRef, Report,
    Suppression, Target, TargetKind, VulnFinding,
};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn pkg(eco: Ecosystem, name: &str, version: &str, location: &str) -> Package {
    Package::new(eco, name, version, location)
}

fn finding(
    report: &Report,
    id: &str,
    name: &str,
    location: &str,
    severity: &str,
    fixed: Option<&str>,
    summary: &str,
) -> VulnFinding {
    let p = report
        .packages
        .iter()
        .find(|p| p.package.name == name && p.package.location == location)
        .unwrap();
    VulnFinding {
        id: id.into(),
        aliases: Vec::new(),
        package: PackageRef {
            name: name.into(),
            version: p.package.version.clone(),
            ecosystem: p.package.ecosystem,
            purl: p.purl.clone(),
            location: location.into(),
            layer: None,
        },
        severity: severity.into(),
        severity_source: "cvss 3.x".into(),
        cvss: Vec::new(),
        fixed_version: fixed.map(String::from),
        summary: summary.into(),
        data_source: if p.package.ecosystem == Ecosystem::Deb {
            "Debian:12".into()
        } else {
            p.package.ecosystem.osv_name().unwrap_or("").into()
        },
        matched_name: name.into(),
        explain: "range".into(),
    }
}

const DPKG: &str = "/var/lib/dpkg/status";
const NPM: &str = "/app/package-lock.json";
const PIP: &str = "/app/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA";

/// A report with deb, npm and PyPI findings, with and without fixes, CVSS v3.1
/// and v4 vectors, a duplicate purl (two lockfile locations) and suppressions.
fn sample() -> Report {
    let os = OsInfo {
        id: "debian".into(),
        version_id: "12".into(),
        pretty_name: Some("Debian GNU/Linux 12 (bookworm)".into()),
        codename: Some("bookworm".into()),
        id_like: Vec::new(),
        precedence: 0,
    };
    let mut ssl = pkg(Ecosystem::Deb, "libssl3", "3.0.11-1~deb12u2", DPKG);
    ssl.source_name = Some("openssl".into());
    ssl.arch = Some("amd64".into());
    let mut zlib = pkg(Ecosystem::Deb, "zlib1g", "1:1.2.13.dfsg-1", DPKG);
    zlib.arch = Some("amd64".into());
    let packages = vec![
        ssl,
        zlib,
        pkg(Ecosystem::Npm, "lodash", "4.17.20", NPM),
        pkg(
            Ecosystem::Npm,
            "lodash",
            "4.17.20",
            "/app/other/package-lock.json",
        ),
        pkg(Ecosystem::Pypi, "requests", "2.31.0", PIP),
    ];
    let mut r = Report::new(
        Target {
            kind: TargetKind::Image,
            name: "demo:1".into(),
            image: None,
        },
        Some(os),
        packages,
    );
    let mut a = finding(
        &r,
        "CVE-2024-0727",
        "libssl3",
        DPKG,
        "MEDIUM",
        Some("3.0.13-1~deb12u1"),
        "openssl: denial of service via null dereference",
    );
    a.cvss.push(Cvss {
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H".into(),
        score: Some(7.5),
    });
    a.severity_source = "package rating".into();
    let b = finding(
        &r,
        "CVE-2023-45853",
        "zlib1g",
        DPKG,
        "CRITICAL",
        None,
        "MiniZip in zlib through 1.3 has an integer overflow and resultant heap-based buffer overflow in zipOpenNewFileInZip4_64",
    );
    let mut c = finding(
        &r,
        "GHSA-35jh-r3h4-6jhm",
        "lodash",
        NPM,
        "HIGH",
        Some("4.17.21"),
        "Command Injection in lodash",
    );
    c.aliases = vec!["CVE-2021-23337".into()];
    c.cvss.push(Cvss {
        vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N".into(),
        score: Some(8.6),
    });
    let mut c2 = c.clone();
    c2.package.location = "/app/other/package-lock.json".into();
    let d = finding(
        &r,
        "GHSA-9wx4-h78v-vm56",
        "requests",
        PIP,
        "LOW",
        Some("2.32.0"),
        "Requests `Session` object does not verify requests after making first request with verify=False",
    );
    let e = finding(&r, "CVE-2023-0001", "zlib1g", DPKG, "LOW", None, "an issue");
    let g = finding(
        &r,
        "CVE-2023-0002",
        "libssl3",
        DPKG,
        "HIGH",
        None,
        "another",
    );
    let h = finding(
        &r,
        "PYSEC-2023-74",
        "requests",
        PIP,
        "MEDIUM",
        Some("2.31.1"),
        "leak",
    );
    r.vulnerabilities = Some(vec![a, b, c, c2, d]);
    r.suppressed = vec![
        Suppression {
            finding: e,
            status: "not_affected".into(),
            reason: "vulnerable_code_not_in_execute_path".into(),
            source: "vex.json".into(),
        },
        Suppression {
            finding: g,
            status: "ignored".into(),
            reason: "accepted until 2025-01".into(),
            source: ".mamoriignore:3".into(),
        },
        Suppression {
            finding: h,
            status: "fixed".into(),
            reason: String::new(),
            source: "vex.json".into(),
        },
    ];
    r
}

#[test]
fn table_exact_text() {
    let got = to_table(&sample());
    let want = "\
demo:1 (debian 12): 5 vulnerabilities

/var/lib/dpkg/status (debian 12)
================================
Total: 2 (UNKNOWN: 0, LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 1)

LIBRARY  VULNERABILITY   SEVERITY  STATUS    INSTALLED         FIXED             TITLE
libssl3  CVE-2024-0727   MEDIUM    fixed     3.0.11-1~deb12u2  3.0.13-1~deb12u1  openssl: denial of service via null de…
zlib1g   CVE-2023-45853  CRITICAL  affected  1:1.2.13.dfsg-1                     MiniZip in zlib through 1.3 has an int…

/app/other/package-lock.json (npm)
==================================
Total: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 1, CRITICAL: 0)

LIBRARY  VULNERABILITY        SEVERITY  STATUS  INSTALLED  FIXED    TITLE
lodash   GHSA-35jh-r3h4-6jhm  HIGH      fixed   4.17.20    4.17.21  Command Injection in lodash

/app/package-lock.json (npm)
============================
Total: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 1, CRITICAL: 0)

LIBRARY  VULNERABILITY        SEVERITY  STATUS  INSTALLED  FIXED    TITLE
lodash   GHSA-35jh-r3h4-6jhm  HIGH      fixed   4.17.20    4.17.21  Command Injection in lodash

/app/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA (pypi)
================================================================================
Total: 1 (UNKNOWN: 0, LOW: 1, MEDIUM: 0, HIGH: 0, CRITICAL: 0)

LIBRARY   VULNERABILITY        SEVERITY  STATUS  INSTALLED  FIXED   TITLE
requests  GHSA-9wx4-h78v-vm56  LOW       fixed   2.31.0     2.32.0  Requests `Session` object does not verify requests…

3 findings suppressed:
  CVE-2023-0001 in zlib1g 1:1.2.13.dfsg-1 (not_affected, vex.json: vulnerable_code_not_in_execute_path)
  CVE-2023-0002 in libssl3 3.0.11-1~deb12u2 (ignored, .mamoriignore:3: accepted until 2025-01)
  PYSEC-2023-74 in requests 2.31.0 (fixed, vex.json)
";
    assert_eq!(got, want, "got:\n{got}");
    for line in got.lines() {
        assert!(line.chars().count() <= 120, "too wide: {line}");
    }
}

#[test]
fn table_stays_within_120_columns_with_long_cells() {
    let mut r = sample();
    let long = "x".repeat(500);
    for f in r.vulnerabilities.as_mut().unwrap() {
        f.id = format!("OPENSUSE-SU-{long}");
        f.package.name = long.clone();
        f.package.version = long.clone();
        f.fixed_version = Some(long.clone());
        f.summary = long.clone();
        f.package.location = format!("/{long}");
    }
    r.suppressed[0].reason = long.clone();
    let t = to_table(&r);
    for line in t.lines() {
        assert!(line.chars().count() <= 120, "too wide: {line}");
    }
    assert!(t.contains("xxx…"));
}

#[test]
fn sarif_fingerprints_ignore_advisory_text() {
    let a = parse(&to_sarif(&sample()));
    let mut r = sample();
    for f in r.vulnerabilities.as_mut().unwrap() {
        f.summary = "reworded".into();
        f.severity = "LOW".into();
    }
    let b = parse(&to_sarif(&r));
    for i in 0..5 {
        assert_eq!(
            a["runs"][0]["results"][i]["partialFingerprints"],
            b["runs"][0]["results"][i]["partialFingerprints"]
        );
    }
    r.vulnerabilities.as_mut().unwrap()[0].package.version = "3.0.12-1".into();
    let c = parse(&to_sarif(&r));
    assert_ne!(
        a["runs"][0]["results"][0]["partialFingerprints"],
        c["runs"][0]["results"][0]["partialFingerprints"]
    );
}

#[test]
fn table_colours_severities_only_when_asked() {
    let r = sample();
    assert!(!to_table(&r).contains('\x1b'));
    let c = to_table_colored(&r, true);
    assert!(c.contains("\x1b[1;31mCRITICAL\x1b[0m"), "{c}");
    assert!(c.contains("\x1b[33mMEDIUM\x1b[0m"));
    // Colour codes must not shift the columns: strip them and compare.
    let stripped = c
        .replace("\x1b[1;31m", "")
        .replace("\x1b[31m", "")
        .replace("\x1b[33m", "")
        .replace("\x1b[34m", "")
        .replace("\x1b[0m", "");
    assert_eq!(stripped, to_table(&r));
}

#[test]
fn table_neutralises_terminal_escapes_in_advisory_text() {
    let mut r = sample();
    if let Some(v) = r.vulnerabilities.as_mut() {
        v[0].summary = "evil \x1b]0;pwned\x07 title\nsecond line".into();
    }
    let t = to_table_colored(&r, false);
    assert!(!t.contains('\x1b') && !t.contains('\x07'), "{t}");
    assert!(t.contains("evil  ]0;pwned  title second line"));
}

#[test]
fn package_table_unchanged_without_vulnerability_scan() {
    let mut r = sample();
    r.vulnerabilities = None;
    let t = to_table(&r);
    assert!(t.starts_with("demo:1 (debian 12): 5 packages\n"), "{t}");
    assert!(!t.contains("VULNERABILITY"));
}

#[test]
fn table_with_no_findings() {
    let mut r = sample();
    r.vulnerabilities = Some(Vec::new());
    r.suppressed.clear();
    assert_eq!(to_table(&r), "demo:1 (debian 12): 0 vulnerabilities\n");
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn sarif_structure() {
    let s = parse(&to_sarif(&sample()));
    assert_eq!(s["version"], "2.1.0");
    let run = &s["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "mamori");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // One rule per id: the two lodash findings share one.
    assert_eq!(rules.len(), 4);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let ssl = rules.iter().find(|r| r["id"] == "CVE-2024-0727").unwrap();
    // CVSS 7.5 is outside the MEDIUM band the distro gave, so the band wins.
    assert_eq!(ssl["properties"]["security-severity"], "5.5");
    assert_eq!(
        ssl["properties"]["tags"],
        serde_json::json!(["vulnerability", "security", "MEDIUM"])
    );
    assert_eq!(
        ssl["helpUri"],
        "https://osv.dev/vulnerability/CVE-2024-0727"
    );
    let lodash = rules
        .iter()
        .find(|r| r["id"] == "GHSA-35jh-r3h4-6jhm")
        .unwrap();
    assert_eq!(lodash["properties"]["security-severity"], "8.6");
    let zlib = rules.iter().find(|r| r["id"] == "CVE-2023-45853").unwrap();
    assert_eq!(zlib["properties"]["security-severity"], "9.5");

    let r0 = results
        .iter()
        .find(|r| r["ruleId"] == "CVE-2023-45853")
        .unwrap();
    assert_eq!(r0["level"], "error");
    let loc = &r0["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "var/lib/dpkg/status");
    assert_eq!(loc["region"]["startLine"], 1);
    let msg = r0["message"]["text"].as_str().unwrap();
    assert!(
        msg.contains("zlib1g")
            && msg.contains("1:1.2.13.dfsg-1")
            && msg.contains("no fix available")
    );
    let idx = r0["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "CVE-2023-45853");
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert!(levels.contains(&"warning") && levels.contains(&"note"));

    // Fingerprints: distinct per location, identical across renders.
    let fps: Vec<&Value> = results.iter().map(|r| &r["partialFingerprints"]).collect();
    for (i, a) in fps.iter().enumerate() {
        for b in &fps[i + 1..] {
            assert_ne!(a, b);
        }
    }
    let again = parse(&to_sarif(&sample()));
    assert_eq!(again["runs"][0]["results"], run["results"]);
}

#[test]
fn openvex_structure() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1700000000");
    let v = parse(&to_openvex(&sample()));
    assert_eq!(v["@context"], "https://openvex.dev/ns/v0.2.0");
    assert!(v["@id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(v["author"], "mamori");
    assert_eq!(v["timestamp"], "2023-11-14T22:13:20Z");
    assert_eq!(v["version"], 1);
    let st = v["statements"].as_array().unwrap();
    // 4 open ids (lodash's two lockfiles share a purl) + not_affected + fixed;
    // the ignore-file suppression is not a VEX claim.
    assert_eq!(st.len(), 6, "{st:#?}");
    for s in st {
        let status = s["status"].as_str().unwrap();
        assert!(s["vulnerability"]["name"].is_string());
        for p in s["products"].as_array().unwrap() {
            assert!(p["@id"].as_str().unwrap().starts_with("pkg:"));
            assert_eq!(p["@id"], p["identifiers"]["purl"]);
        }
        match status {
            "affected" => assert!(s["action_statement"].is_string()),
            "not_affected" => {
                assert!(s["justification"].is_string() || s["impact_statement"].is_string())
            }
            "fixed" => {}
            other => panic!("unexpected status {other}"),
        }
    }
    let lodash = st
        .iter()
        .find(|s| s["vulnerability"]["name"] == "GHSA-35jh-r3h4-6jhm")
        .unwrap();
    assert_eq!(lodash["products"].as_array().unwrap().len(), 1);
    assert_eq!(lodash["vulnerability"]["aliases"][0], "CVE-2021-23337");
    assert_eq!(lodash["action_statement"], "Upgrade lodash to 4.17.21");
    let zlib = st
        .iter()
        .find(|s| s["vulnerability"]["name"] == "CVE-2023-45853")
        .unwrap();
    assert_eq!(zlib["action_statement"], "No fix available");
    let na = st.iter().find(|s| s["status"] == "not_affected").unwrap();
    assert_eq!(na["vulnerability"]["name"], "CVE-2023-0001");
    assert_eq!(na["justification"], "vulnerable_code_not_in_execute_path");
    assert!(na["products"][0]["@id"]
        .as_str()
        .unwrap()
        .starts_with("pkg:deb/debian/zlib1g@"));
    let fixed = st.iter().find(|s| s["status"] == "fixed").unwrap();
    assert_eq!(fixed["vulnerability"]["name"], "PYSEC-2023-74");
}

#[test]
fn cyclonedx_vulnerabilities_structure() {
    let bom = parse(&to_cyclonedx(&sample()));
    let refs: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["bom-ref"].as_str().unwrap())
        .collect();
    let vulns = bom["vulnerabilities"].as_array().unwrap();
    // 4 open ids + 3 suppressed entries.
    assert_eq!(vulns.len(), 7);
    for v in vulns {
        for a in v["affects"].as_array().unwrap() {
            assert!(refs.contains(&a["ref"].as_str().unwrap()), "{a}");
        }
    }
    let lodash = vulns
        .iter()
        .find(|v| v["id"] == "GHSA-35jh-r3h4-6jhm")
        .unwrap();
    let affects: Vec<&str> = lodash["affects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["ref"].as_str().unwrap())
        .collect();
    // The second lockfile's copy of the purl has the `#2` bom-ref.
    assert_eq!(affects.len(), 2);
    assert!(affects[1].ends_with("#2"), "{affects:?}");
    assert_eq!(lodash["references"][0]["id"], "CVE-2021-23337");
    assert_eq!(lodash["ratings"][0]["severity"], "high");
    assert_eq!(lodash["ratings"][1]["method"], "CVSSv4");
    assert_eq!(lodash["recommendation"], "upgrade lodash to 4.17.21");
    let ssl = vulns.iter().find(|v| v["id"] == "CVE-2024-0727").unwrap();
    assert_eq!(ssl["ratings"][1]["method"], "CVSSv31");
    assert_eq!(ssl["ratings"][1]["score"], 7.5);
    let na = vulns.iter().find(|v| v["id"] == "CVE-2023-0001").unwrap();
    assert_eq!(na["analysis"]["state"], "not_affected");
    assert_eq!(na["analysis"]["justification"], "code_not_reachable");
    let fixed = vulns.iter().find(|v| v["id"] == "PYSEC-2023-74").unwrap();
    assert_eq!(fixed["analysis"]["state"], "resolved");

    let mut r = sample();
    r.vulnerabilities = None;
    assert!(parse(&to_cyclonedx(&r)).get("vulnerabilities").is_none());
}

/// A Python that can import `module`: `MAMORI_PYTHON`, the repository's
/// `.venv`, then `/tmp/venv`.
fn python_with(module: &str) -> Option<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let candidates = std::env::var_os("MAMORI_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([root.join(".venv/bin/python"), "/tmp/venv/bin/python".into()]);
    for py in candidates {
        let ok = Command::new(&py)
            .args(["-c", &format!("import {module}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(py);
        }
    }
    eprintln!(
        "skipping: no Python with {module} (set MAMORI_PYTHON, or create .venv or /tmp/venv)"
    );
    None
}

/// Runs `script` with `doc` on standard input; panics with its output on failure.
fn run_python(py: &PathBuf, script: &str, doc: &str) {
    let mut child = Command::new(py)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(doc.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "validation failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sarif_validates_against_official_schema() {
    let Some(py) = python_with("jsonschema") else {
        return;
    };
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/sarif-schema-2.1.0.json"
    );
    let script = format!(
        r#"
import json, sys, jsonschema
schema = json.load(open({schema:?}))
doc = json.load(sys.stdin)
v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
for e in errs:
    print(list(e.path), e.message)
sys.exit(1 if errs else 0)
"#
    );
    run_python(&py, &script, &to_sarif(&sample()));
    let mut empty = sample();
    empty.vulnerabilities = Some(Vec::new());
    run_python(&py, &script, &to_sarif(&empty));
}

#[test]
fn cyclonedx_with_vulnerabilities_validates_strictly() {
    let Some(py) = python_with("cyclonedx.validation.json") else {
        return;
    };
    let script = r#"
import sys
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
err = JsonStrictValidator(SchemaVersion.V1_6).validate_str(sys.stdin.read())
if err is not None:
    print(err)
    sys.exit(1)
"#;
    run_python(&py, script, &to_cyclonedx(&sample()));
}
