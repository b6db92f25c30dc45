//! End-to-end behaviour of the scanner: exact lines for deeply nested fields in
//! every workload kind, multi-document and `List` input as rendered by Helm or
//! Kustomize on stdin, JSON, user settings, and parse errors that do not stop
//! the scan.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{Input, Scanner, Settings, Severity};

fn lines_of(scan: &mamori_config::Scan, id: &str) -> Vec<usize> {
    scan.findings
        .iter()
        .filter(|f| f.check_id == id)
        .map(|f| f.line)
        .collect()
}

const CRONJOB: &str = "\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: ops
spec:
  schedule: \"0 3 * * *\"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: setup
            image: registry.example.com/setup:1
            securityContext:
              privileged: true
          containers:
          - name: job
            image: registry.example.com/job:1
            securityContext:
              capabilities:
                add:
                - NET_ADMIN
                - SYS_ADMIN
          ephemeralContainers:
          - name: debug
            image: busybox
            securityContext:
              privileged: true
";

#[test]
fn nested_lines_are_exact_in_cronjobs_and_all_container_lists() {
    let scan = Scanner::new(Settings::default())
        .scan(&[Input::new("cron.yaml", CRONJOB.as_bytes().to_vec())]);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    assert_eq!(lines_of(&scan, "MAM-K8S-001"), [16, 29]);
    assert_eq!(lines_of(&scan, "MAM-K8S-013"), [24]);
    assert_eq!(lines_of(&scan, "MAM-K8S-017"), [23]);
    let f = scan
        .findings
        .iter()
        .find(|f| f.check_id == "MAM-K8S-001")
        .unwrap();
    assert_eq!(
        f.to_string(),
        "cron.yaml:16: MAM-K8S-001 [CRITICAL] init container \"setup\" runs privileged (CronJob/ops/nightly)"
    );
}

#[test]
fn pod_security_context_is_inherited_by_containers() {
    let y = "kind: Deployment\nmetadata:\n  name: d\n  namespace: n\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsUser: 0\n      containers:\n      - name: a\n      - name: b\n        securityContext:\n          runAsUser: 1000\n";
    let scan = Scanner::new(Settings::default())
        .only("MAM-K8S-005")
        .scan(&[Input::new("d.yaml", y.as_bytes().to_vec())]);
    let msgs: Vec<_> = scan
        .findings
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(msgs, [(9, "container \"a\" runs as uid 0")]);
}

#[test]
fn helm_output_on_stdin_lists_and_json() {
    let helm = "---\n# Source: chart/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n---\n# Source: chart/templates/list.yaml\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    hostPID: true\n    containers:\n    - name: c\n      image: x\n";
    let json = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},
"spec":{"hostIPC":true,"containers":[{"name":"c","image":"x"}]}}"#;
    let scan = Scanner::new(Settings::default()).scan(&[
        Input::new("-", helm.as_bytes().to_vec()),
        Input::new("pod.json", json.as_bytes().to_vec()),
    ]);
    assert!(scan.errors.is_empty());
    let pid = scan
        .findings
        .iter()
        .find(|f| f.check_id == "MAM-K8S-036")
        .unwrap();
    assert_eq!((&*pid.file, pid.line), ("-", 17));
    let ipc = scan
        .findings
        .iter()
        .find(|f| f.check_id == "MAM-K8S-037")
        .unwrap();
    assert_eq!((&*ipc.file, ipc.line), ("pod.json", 2));
}

#[test]
fn settings_disable_and_override() {
    let mut s = Settings::default();
    s.disabled.insert("MAM-K8S-013".to_string());
    s.severity_overrides
        .insert("MAM-K8S-001".to_string(), Severity::Low);
    s.severity_overrides
        .insert("MAM-NOPE-1".to_string(), Severity::Low);
    let scanner = Scanner::new(s);
    assert_eq!(scanner.unknown_ids(), ["MAM-NOPE-1"]);
    let scan = scanner.scan(&[Input::new("cron.yaml", CRONJOB.as_bytes().to_vec())]);
    assert!(lines_of(&scan, "MAM-K8S-013").is_empty());
    assert!(scan
        .findings
        .iter()
        .filter(|f| f.check_id == "MAM-K8S-001")
        .all(|f| f.severity == Severity::Low));
}

#[test]
fn bad_files_are_reported_and_others_still_scanned() {
    let scan = Scanner::new(Settings::default()).scan(&[
        Input::new("bad.yaml", b"a: [unclosed".to_vec()),
        Input::new("Dockerfile", b"FROM alpine:latest\nFOO bar\n".to_vec()),
    ]);
    let errs: Vec<String> = scan.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].starts_with("bad.yaml:"), "{errs:?}");
    assert_eq!(errs[1], "Dockerfile:2: unknown instruction \"FOO\"");
    assert!(scan
        .findings
        .iter()
        .any(|f| f.check_id == "MAM-DF-006" && f.line == 1));
}

#[test]
fn dockerfile_findings_use_instruction_lines() {
    let df = "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN go build -o /app\n\nFROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl && \\\n    curl -fsSL https://x.example/i.sh | bash\nRUN <<EOF\nset -e\nwget -qO- https://y.example/i.sh | sh\nEOF\nUSER root\n";
    let scan =
        Scanner::new(Settings::default()).scan(&[Input::new("Dockerfile", df.as_bytes().to_vec())]);
    assert_eq!(lines_of(&scan, "MAM-DF-005"), [6, 9]);
    assert_eq!(lines_of(&scan, "MAM-DF-001"), [13]);
    assert!(scan.errors.is_empty());
}
