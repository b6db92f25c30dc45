//! End-to-end behaviour of the scanner: exact lines for deeply nested fields in
//! every workload kind, multi-document and `List` input as rendered by Helm or
//! Kustomize on stdin, JSON, user settings, parse errors that do not stop
//! the scan, set checks across files, and output that does not depend on the
//! number of threads.

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

fn workload(name: &str, ns: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n"
    )
}

#[test]
fn default_deny_policy_in_another_file_covers_the_namespace() {
    let policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: prod\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n";
    let inputs = [
        Input::new("a.yaml", workload("web", "prod").into_bytes()),
        Input::new("b.yaml", workload("api", "dev").into_bytes()),
        Input::new("z-policy.yaml", policy.as_bytes().to_vec()),
    ];
    let scan = Scanner::new(Settings::default()).scan(&inputs);
    let ingress: Vec<_> = scan
        .findings
        .iter()
        .filter(|f| f.check_id == "MAM-K8S-301")
        .map(|f| (&*f.file, f.line, f.object.as_ref().unwrap().name.as_str()))
        .collect();
    // prod is covered by the policy in z-policy.yaml; dev is reported at its
    // first workload.
    assert_eq!(ingress, [("b.yaml", 1, "api")]);
    // Egress is denied nowhere.
    assert_eq!(lines_of(&scan, "MAM-K8S-302").len(), 2);
}

#[test]
fn findings_do_not_depend_on_thread_count() {
    let mut inputs: Vec<Input> = (0..40)
        .map(|i| {
            let mut y = String::new();
            for j in 0..5 {
                y.push_str(&workload(&format!("w{i}-{j}"), ["a", "b", "c"][j % 3]));
                y.push_str("---\n");
            }
            // Files arrive out of name order, and one is given twice.
            Input::new(format!("f{:02}.yaml", (i * 7) % 40), y.into_bytes())
        })
        .collect();
    inputs.push(Input::new("f03.yaml", inputs[9].bytes.clone()));
    inputs.push(Input::new("broken.yaml", b"a: [".to_vec()));
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| Scanner::new(Settings::default()).scan(&inputs))
    };
    let one = run(1);
    let four = run(4);
    assert!(one.findings.len() > 200);
    assert_eq!(one.findings, four.findings);
    assert_eq!(one.errors, four.errors);
    // Sorted by file, then line, then check ID.
    assert!(one.findings.windows(2).all(|w| {
        (&*w[0].file, w[0].line, &*w[0].check_id) <= (&*w[1].file, w[1].line, &*w[1].check_id)
    }));
}
