//! The scanner: parses inputs, runs the enabled checks (and, when asked, the Pod
//! Security Standards) and turns what they report into [`Finding`]s carrying
//! the check's metadata, the file, the line and the object.
//!
//! It applies user settings (disabled checks, severity overrides, trusted
//! registries) and nothing else: no output formatting beyond [`Finding`]'s
//! `Display`, no exit codes, no file system access — callers hand it bytes.

use crate::checks::{registry, Check, ObjCx, Out, PodCx, Run, Severity, Summary};
use crate::dockerfile::{is_dockerfile_name, parse_dockerfile};
use crate::model::{parse_documents, Object, ParseError};
use crate::pss::{Level, Version};
use crate::workload::pod_view;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// User settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Check IDs not to run.
    pub disabled: HashSet<String>,
    /// Check ID → severity to report instead of the default.
    pub severity_overrides: HashMap<String, Severity>,
    /// Registry prefixes images may come from (`registry.example.com`,
    /// `ghcr.io/acme`). Empty means "no policy": the untrusted-registry check is off.
    pub trusted_registries: Vec<String>,
    /// Evaluate this Pod Security Standards level and version as well (reported
    /// by the `pod_security_standard` check).
    pub pss: Option<(Level, Version)>,
}

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Kubernetes YAML/JSON (also stdin, e.g. rendered Helm/Kustomize output).
    Manifest,
    /// A Dockerfile.
    Dockerfile,
}

/// One file to scan.
#[derive(Debug, Clone)]
pub struct Input {
    /// Name used in findings (`-` for stdin).
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
    /// Kind of content.
    pub kind: InputKind,
}

impl Input {
    /// An input whose kind is guessed from its name (Dockerfile names → Dockerfile,
    /// everything else, stdin included, → manifest).
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Input {
        let path = path.into();
        let kind = if is_dockerfile_name(&path) {
            InputKind::Dockerfile
        } else {
            InputKind::Manifest
        };
        Input { path, bytes, kind }
    }
}

/// The object a finding is about. One is built per object and shared (via
/// `Arc`) by all of that object's findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectRef {
    /// `kind`.
    pub kind: String,
    /// `metadata.namespace`, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
}

impl ObjectRef {
    /// The reference of a parsed object.
    pub fn of(o: &Object) -> ObjectRef {
        ObjectRef {
            kind: o.kind().to_string(),
            namespace: o.namespace().map(str::to_string),
            name: o.name().to_string(),
        }
    }
}

/// A problem found. Check metadata is borrowed from the registry (or owned, for
/// findings from user policies) and the file name and object are shared, so a
/// finding costs one allocation: its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Check ID.
    pub check_id: Cow<'static, str>,
    /// Effective severity (after overrides).
    pub severity: Severity,
    /// Check title.
    pub title: Cow<'static, str>,
    /// What was observed, naming the object and value.
    pub message: String,
    /// File name.
    pub file: Arc<str>,
    /// 1-based line of the offending field.
    pub line: usize,
    /// The Kubernetes object, for manifests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<Arc<ObjectRef>>,
    /// MITRE ATT&CK technique IDs.
    pub attack: &'static [&'static str],
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} [{}] {}",
            self.file, self.line, self.check_id, self.severity, self.message
        )?;
        if let Some(o) = &self.object {
            match &o.namespace {
                Some(ns) => write!(f, " ({}/{}/{})", o.kind, ns, o.name)?,
                None => write!(f, " ({}/{})", o.kind, o.name)?,
            }
        }
        Ok(())
    }
}

/// Findings plus the files that could not be parsed.
#[derive(Debug, Default)]
pub struct Scan {
    /// Findings, sorted by file, line and check ID.
    pub findings: Vec<Finding>,
    /// Inputs that failed to parse, and Dockerfile diagnostics.
    pub errors: Vec<ParseError>,
}

/// What one input produced.
#[derive(Default)]
struct FileScan {
    findings: Vec<Finding>,
    errors: Vec<ParseError>,
    summaries: Vec<Summary>,
}

/// Runs checks over inputs.
#[derive(Debug)]
pub struct Scanner {
    settings: Settings,
    /// Enabled checks with their effective severity.
    checks: Vec<(&'static Check, Severity)>,
}

impl Scanner {
    /// A scanner with the given settings. Unknown IDs in `disabled` or
    /// `severity_overrides` are reported by [`Scanner::unknown_ids`].
    pub fn new(settings: Settings) -> Scanner {
        let checks = registry()
            .into_iter()
            .filter(|c| !settings.disabled.contains(c.id))
            .map(|c| {
                let sev = settings
                    .severity_overrides
                    .get(c.id)
                    .copied()
                    .unwrap_or(c.severity);
                (c, sev)
            })
            .collect();
        Scanner { settings, checks }
    }

    /// Restricts the scanner to a single check (used by tests and `--check`).
    pub fn only(mut self, id: &str) -> Scanner {
        self.checks.retain(|(c, _)| c.id == id);
        self
    }

    /// IDs named in the settings that no check has, so a typo is not silently ignored.
    pub fn unknown_ids(&self) -> Vec<String> {
        let known: HashSet<&str> = registry().iter().map(|c| c.id).collect();
        let mut v: Vec<String> = self
            .settings
            .disabled
            .iter()
            .chain(self.settings.severity_overrides.keys())
            .filter(|id| !known.contains(id.as_str()))
            .cloned()
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Scans every input. Files that fail to parse are listed in [`Scan::errors`];
    /// the others are still scanned.
    ///
    /// Inputs are scanned in parallel, one at a time per thread: each file is
    /// parsed, checked and its trees dropped before the thread takes the next,
    /// so only a [`Summary`] per object is kept for the checks over the whole
    /// set. The result does not depend on the number of threads: findings are
    /// sorted by file, line and check ID, errors keep input order.
    pub fn scan(&self, inputs: &[Input]) -> Scan {
        let per_file: Vec<FileScan> = inputs.par_iter().map(|i| self.scan_input(i)).collect();
        let mut scan = Scan::default();
        let mut summaries = Vec::new();
        scan.findings
            .reserve(per_file.iter().map(|f| f.findings.len()).sum());
        for f in per_file {
            scan.findings.extend(f.findings);
            scan.errors.extend(f.errors);
            summaries.extend(f.summaries);
        }
        self.run_set_checks(&summaries, &mut scan.findings);
        scan.findings.par_sort_by(|a, b| {
            (&*a.file, a.line, &*a.check_id).cmp(&(&*b.file, b.line, &*b.check_id))
        });
        scan.findings.dedup();
        scan
    }

    fn scan_input(&self, input: &Input) -> FileScan {
        let mut fs = FileScan::default();
        match input.kind {
            InputKind::Manifest => match parse_documents(&input.path, &input.bytes) {
                Ok(objs) => {
                    for o in &objs {
                        let (findings, summary) = self.check_object(o);
                        fs.findings.extend(findings);
                        fs.summaries.push(summary);
                    }
                }
                Err(e) => fs.errors.push(e),
            },
            InputKind::Dockerfile => match parse_dockerfile(&input.path, &input.bytes) {
                Ok(df) => {
                    for (line, message) in &df.diagnostics {
                        fs.errors.push(ParseError::Dockerfile {
                            path: input.path.clone(),
                            line: *line,
                            message: message.clone(),
                        });
                    }
                    let file: Arc<str> = Arc::from(input.path.as_str());
                    for &(c, sev) in &self.checks {
                        if let Run::Dockerfile(f) = c.run {
                            let mut out = Out::default();
                            f(&df, &self.settings, &mut out);
                            for r in out.items {
                                fs.findings
                                    .push(finding(c, sev, r.message, &file, r.line, None));
                            }
                        }
                    }
                }
                Err(e) => fs.errors.push(e),
            },
        }
        fs
    }

    /// Runs the pod and object checks over one object.
    fn check_object(&self, o: &Object) -> (Vec<Finding>, Summary) {
        let mut findings = Vec::new();
        let oref = Arc::new(ObjectRef::of(o));
        // Locate the pod template once rather than once per check.
        let pod = pod_view(o);
        let containers = pod.map(|p| p.containers()).unwrap_or_default();
        let pod_cx = pod.map(|pod| PodCx {
            obj: o,
            pod,
            settings: &self.settings,
            containers: &containers,
            components: std::cell::OnceCell::new(),
        });
        let mut out = Out::default();
        for &(c, sev) in &self.checks {
            match c.run {
                Run::Pod(f) => {
                    if let Some(cx) = &pod_cx {
                        f(cx, &mut out);
                    }
                }
                Run::Object(f) => f(
                    &ObjCx {
                        obj: o,
                        settings: &self.settings,
                    },
                    &mut out,
                ),
                Run::Set(_) | Run::Dockerfile(_) | Run::Image(_) => {}
            }
            for r in out.items.drain(..) {
                findings.push(finding(
                    c,
                    sev,
                    r.message,
                    &o.file,
                    r.line,
                    Some(oref.clone()),
                ));
            }
        }
        let summary = Summary::of(o, oref, pod.is_some());
        (findings, summary)
    }

    fn run_set_checks(&self, summaries: &[Summary], findings: &mut Vec<Finding>) {
        for &(c, sev) in &self.checks {
            if let Run::Set(f) = c.run {
                let mut out = Out::default();
                f(summaries, &self.settings, &mut out);
                for r in out.items {
                    let s = r.object.and_then(|i| summaries.get(i));
                    let file = s.map(|s| s.file.clone()).unwrap_or_else(|| Arc::from(""));
                    findings.push(finding(
                        c,
                        sev,
                        r.message,
                        &file,
                        r.line,
                        s.map(|s| s.object.clone()),
                    ));
                }
            }
        }
    }

    /// Runs the Kubernetes checks over already-parsed objects.
    pub fn scan_objects(&self, objects: &[Object]) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut summaries = Vec::new();
        for o in objects {
            let (f, s) = self.check_object(o);
            findings.extend(f);
            summaries.push(s);
        }
        self.run_set_checks(&summaries, &mut findings);
        findings
    }
}

fn finding(
    c: &'static Check,
    severity: Severity,
    message: String,
    file: &Arc<str>,
    line: usize,
    object: Option<Arc<ObjectRef>>,
) -> Finding {
    Finding {
        check_id: Cow::Borrowed(c.id),
        severity,
        title: Cow::Borrowed(c.title),
        message,
        file: file.clone(),
        line: line.max(1),
        object,
        attack: c.attack,
    }
}
