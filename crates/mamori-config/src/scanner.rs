//! The scanner: parses inputs, runs the enabled checks (and, when asked, the Pod
//! Security Standards) and turns what they report into [`Finding`]s carrying
//! the check's metadata, the file, the line and the object.
//!
//! It applies user settings (disabled checks, severity overrides, trusted
//! registries) and nothing else: no output formatting beyond [`Finding`]'s
//! `Display`, no exit codes, no file system access — callers hand it bytes.

use crate::checks::{registry, Check, ObjCx, Out, PodCx, Run, Severity};
use crate::dockerfile::{is_dockerfile_name, parse_dockerfile};
use crate::model::{parse_documents, Object, ParseError};
use crate::pss::{Level, Version};
use crate::workload::pod_view;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt;

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

/// The object a finding is about.
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
    fn of(o: &Object) -> ObjectRef {
        ObjectRef {
            kind: o.kind().to_string(),
            namespace: o.namespace().map(str::to_string),
            name: o.name().to_string(),
        }
    }
}

/// A problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Check ID.
    pub check_id: String,
    /// Effective severity (after overrides).
    pub severity: Severity,
    /// Check title.
    pub title: String,
    /// What was observed, naming the object and value.
    pub message: String,
    /// File name.
    pub file: String,
    /// 1-based line of the offending field.
    pub line: usize,
    /// The Kubernetes object, for manifests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectRef>,
    /// MITRE ATT&CK technique IDs.
    pub attack: Vec<String>,
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

/// Runs checks over inputs.
#[derive(Debug)]
pub struct Scanner {
    settings: Settings,
    checks: Vec<&'static Check>,
}

impl Scanner {
    /// A scanner with the given settings. Unknown IDs in `disabled` or
    /// `severity_overrides` are reported by [`Scanner::unknown_ids`].
    pub fn new(settings: Settings) -> Scanner {
        let checks = registry()
            .into_iter()
            .filter(|c| !settings.disabled.contains(c.id))
            .collect();
        Scanner { settings, checks }
    }

    /// Restricts the scanner to a single check (used by tests and `--check`).
    pub fn only(mut self, id: &str) -> Scanner {
        self.checks.retain(|c| c.id == id);
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
    pub fn scan(&self, inputs: &[Input]) -> Scan {
        let mut scan = Scan::default();
        let mut objects: Vec<Object> = Vec::new();
        for input in inputs {
            match input.kind {
                InputKind::Manifest => match parse_documents(&input.path, &input.bytes) {
                    Ok(objs) => objects.extend(objs),
                    Err(e) => scan.errors.push(e),
                },
                InputKind::Dockerfile => match parse_dockerfile(&input.path, &input.bytes) {
                    Ok(df) => {
                        for (line, message) in &df.diagnostics {
                            scan.errors.push(ParseError::Dockerfile {
                                path: input.path.clone(),
                                line: *line,
                                message: message.clone(),
                            });
                        }
                        for c in &self.checks {
                            if let Run::Dockerfile(f) = c.run {
                                let mut out = Out::default();
                                f(&df, &self.settings, &mut out);
                                for r in out.items {
                                    scan.findings.push(self.finding(
                                        c,
                                        r.message,
                                        &input.path,
                                        r.line,
                                        None,
                                    ));
                                }
                            }
                        }
                    }
                    Err(e) => scan.errors.push(e),
                },
            }
        }
        scan.findings.extend(self.scan_objects(&objects));
        scan.findings.sort_by(|a, b| {
            (a.file.as_str(), a.line, a.check_id.as_str()).cmp(&(
                b.file.as_str(),
                b.line,
                b.check_id.as_str(),
            ))
        });
        scan.findings.dedup();
        scan
    }

    /// Runs the Kubernetes checks over already-parsed objects.
    pub fn scan_objects(&self, objects: &[Object]) -> Vec<Finding> {
        let mut findings = Vec::new();
        // Locate each pod template once rather than once per check.
        let pods: Vec<_> = objects.iter().map(pod_view).collect();
        for c in &self.checks {
            let mut out = Out::default();
            match c.run {
                Run::Pod(f) => {
                    for (o, pod) in objects.iter().zip(&pods) {
                        if let Some(pod) = *pod {
                            f(
                                &PodCx {
                                    obj: o,
                                    pod,
                                    settings: &self.settings,
                                },
                                &mut out,
                            );
                            self.drain(c, &mut out, Some(o), objects, &mut findings);
                        }
                    }
                }
                Run::Object(f) => {
                    for o in objects {
                        f(
                            &ObjCx {
                                obj: o,
                                settings: &self.settings,
                            },
                            &mut out,
                        );
                        self.drain(c, &mut out, Some(o), objects, &mut findings);
                    }
                }
                Run::Set(f) => {
                    f(objects, &self.settings, &mut out);
                    self.drain(c, &mut out, None, objects, &mut findings);
                }
                Run::Dockerfile(_) | Run::Image(_) => {}
            }
        }
        findings
    }

    fn drain(
        &self,
        c: &Check,
        out: &mut Out,
        cur: Option<&Object>,
        all: &[Object],
        findings: &mut Vec<Finding>,
    ) {
        for r in out.items.drain(..) {
            let obj = r.object.and_then(|i| all.get(i)).or(cur);
            let file = obj.map(|o| o.file.to_string()).unwrap_or_default();
            findings.push(self.finding(c, r.message, &file, r.line, obj.map(ObjectRef::of)));
        }
    }

    fn finding(
        &self,
        c: &Check,
        message: String,
        file: &str,
        line: usize,
        object: Option<ObjectRef>,
    ) -> Finding {
        Finding {
            check_id: c.id.to_string(),
            severity: self
                .settings
                .severity_overrides
                .get(c.id)
                .copied()
                .unwrap_or(c.severity),
            title: c.title.to_string(),
            message,
            file: file.to_string(),
            line: line.max(1),
            object,
            attack: c.attack.iter().map(|s| s.to_string()).collect(),
        }
    }
}
