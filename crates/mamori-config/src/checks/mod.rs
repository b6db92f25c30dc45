//! The checks framework: one check per file under `checks/<group>/<name>.rs`,
//! each holding its documentation (the file's `//!` block, extracted by
//! `build.rs`), its metadata ([`Check`]) and a pure function over parsed objects.
//!
//! Checks never read files, the network or the clock, and they do not decide
//! severity overrides or which checks run — the [`crate::Scanner`] does. Four kinds
//! of check exist: over a pod template (inheritance and all container lists are
//! handled by [`PodCx`]), over any single object, over the whole set of objects
//! (e.g. namespaces without a default-deny NetworkPolicy), and over a Dockerfile.

use crate::dockerfile::Dockerfile;
use crate::model::{Node, Object};
use crate::scanner::{ObjectRef, Settings};
use crate::workload::{Container, PodView};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

pub(crate) mod controlplane;
pub(crate) mod dockerfile;
pub(crate) mod helpers;
pub(crate) mod image;
pub(crate) mod k8s;
pub(crate) mod network;
pub(crate) mod rbac;

include!(concat!(env!("OUT_DIR"), "/check_docs.rs"));

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// Hygiene; little direct risk.
    Low,
    /// Weakens defences.
    Medium,
    /// Enables an attack step.
    High,
    /// Directly grants host or cluster control.
    Critical,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        })
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_uppercase().as_str() {
            "LOW" => Ok(Severity::Low),
            "MEDIUM" => Ok(Severity::Medium),
            "HIGH" => Ok(Severity::High),
            "CRITICAL" => Ok(Severity::Critical),
            _ => Err(format!(
                "unknown severity {s:?} (want low, medium, high or critical)"
            )),
        }
    }
}

/// Equivalent rule IDs in other tools and standards. Only real equivalents are
/// listed; empty lists mean "no known equivalent".
#[derive(Debug, Clone, Copy, Default)]
pub struct Refs {
    /// Checkov IDs (`CKV_K8S_16`).
    pub checkov: &'static [&'static str],
    /// Trivy misconfiguration IDs as trivy 0.76 prints them (`KSV-0017`,
    /// `DS-0002`, `KCV-0001`; older releases print `KSV017`, `DS002`).
    pub trivy: &'static [&'static str],
    /// Hadolint rule codes (`DL3008`), for Dockerfile checks.
    pub hadolint: &'static [&'static str],
    /// Kubescape control IDs (`C-0057`).
    pub kubescape: &'static [&'static str],
    /// Pod Security Standards control names.
    pub pss: &'static [&'static str],
    /// CIS Kubernetes Benchmark v1.9 sections.
    pub cis: &'static [&'static str],
    /// CIS Docker Benchmark v1.6.0 sections (section 4, images and build
    /// files), for Dockerfile and image checks.
    pub cis_docker: &'static [&'static str],
    /// Recommendations of the NSA/CISA Kubernetes Hardening Guide (v1.2,
    /// August 2022), by short name (see `compliance`).
    pub nsa: &'static [&'static str],
}

/// What a check runs over.
#[derive(Clone, Copy)]
pub(crate) enum Run {
    /// Every object with a pod template.
    Pod(fn(&PodCx<'_>, &mut Out)),
    /// Every Kubernetes object.
    Object(fn(&ObjCx<'_>, &mut Out)),
    /// The whole set of Kubernetes objects at once, as [`Summary`]s.
    Set(fn(&[Summary], &Settings, &mut Out)),
    /// Every Dockerfile.
    Dockerfile(fn(&Dockerfile, &Settings, &mut Out)),
    /// A built image's configuration and layer facts (see [`crate::image`]).
    Image(fn(&crate::image::ImageFacts, &mut crate::image::ImageOut)),
}

/// One check: metadata plus the function that finds problems.
#[derive(Clone, Copy)]
pub struct Check {
    /// Stable ID, e.g. `MAM-K8S-001`.
    pub id: &'static str,
    /// File stem, e.g. `privileged_container`.
    pub name: &'static str,
    /// Group directory: `k8s`, `rbac`, `network`, `dockerfile`.
    pub group: &'static str,
    /// One-line title.
    pub title: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// MITRE ATT&CK technique IDs.
    pub attack: &'static [&'static str],
    /// Equivalent IDs elsewhere.
    pub refs: Refs,
    pub(crate) run: Run,
}

impl fmt::Debug for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Check")
            .field("id", &self.id)
            .field("name", &self.name)
            .finish()
    }
}

impl Check {
    /// The Markdown documentation (the check file's `//!` block).
    pub fn doc(&self) -> &'static str {
        CHECK_DOCS
            .iter()
            .find(|(g, n, _)| *g == self.group && *n == self.name)
            .map(|(_, _, d)| *d)
            .unwrap_or("")
    }
    /// True for checks over Dockerfiles.
    pub fn is_dockerfile(&self) -> bool {
        matches!(self.run, Run::Dockerfile(_))
    }
    /// True for checks over built images (`mamori image --scanners config`).
    pub fn is_image(&self) -> bool {
        matches!(self.run, Run::Image(_))
    }
}

/// Every check, in ID order.
pub fn registry() -> Vec<&'static Check> {
    let mut v: Vec<&'static Check> = Vec::new();
    v.extend_from_slice(k8s::ALL);
    v.extend_from_slice(controlplane::ALL);
    v.extend_from_slice(rbac::ALL);
    v.extend_from_slice(network::ALL);
    v.extend_from_slice(dockerfile::ALL);
    v.extend_from_slice(image::ALL);
    v.sort_by(|a, b| a.id.cmp(b.id));
    v
}

/// `(group, name)` of every check file found at build time, for the test that
/// every file is registered.
pub fn check_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    CHECK_DOCS.iter().map(|(g, n, _)| (*g, *n))
}

/// A raw finding from a check, before the scanner adds metadata.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub line: usize,
    pub message: String,
    /// Index of the object in the scanned set (for set checks), if any.
    pub object: Option<usize>,
}

/// Where checks put what they found.
#[derive(Debug, Default)]
pub struct Out {
    pub(crate) items: Vec<Raw>,
}

impl Out {
    /// Reports a problem at `line` of the current object/file.
    pub fn emit(&mut self, line: usize, message: impl Into<String>) {
        self.items.push(Raw {
            line,
            message: message.into(),
            object: None,
        });
    }
    /// Reports a problem on object number `index` of the set (set checks only).
    pub fn emit_for(&mut self, index: usize, line: usize, message: impl Into<String>) {
        self.items.push(Raw {
            line,
            message: message.into(),
            object: Some(index),
        });
    }
}

/// What set checks see of each object: its identity, whether it holds a pod
/// template and, for NetworkPolicies only, the `spec`. The scanner keeps these
/// instead of every parsed tree, so memory does not grow with the input.
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    /// Kind, namespace and name (shared with the object's findings).
    pub object: Arc<ObjectRef>,
    /// File the object came from.
    pub file: Arc<str>,
    /// Line of the object.
    pub line: usize,
    /// True when the object has a pod template (see `workload::pod_view`).
    pub has_pod: bool,
    /// `spec` of a NetworkPolicy; `None` for other kinds.
    pub policy_spec: Option<Node>,
}

impl Summary {
    /// Summarises `obj`, whose reference has already been built.
    pub(crate) fn of(obj: &Object, object: Arc<ObjectRef>, has_pod: bool) -> Summary {
        let policy_spec = if object.kind == "NetworkPolicy" {
            Some(
                obj.root
                    .get("spec")
                    .cloned()
                    .unwrap_or_else(|| Node::null().clone()),
            )
        } else {
            None
        };
        Summary {
            object,
            file: obj.file.clone(),
            line: obj.line(),
            has_pod,
            policy_spec,
        }
    }
    /// `kind`.
    pub(crate) fn kind(&self) -> &str {
        &self.object.kind
    }
    /// `metadata.name`.
    pub(crate) fn name(&self) -> &str {
        &self.object.name
    }
    /// `metadata.namespace`, if set.
    pub(crate) fn namespace(&self) -> Option<&str> {
        self.object.namespace.as_deref()
    }
}

/// Context for checks over a pod template.
pub struct PodCx<'a> {
    /// The object holding the template.
    pub obj: &'a Object,
    /// The template.
    pub pod: PodView<'a>,
    /// Scanner settings.
    pub settings: &'a Settings,
    /// `pod.containers()`, listed once per object rather than once per check.
    pub(crate) containers: &'a [Container<'a>],
    /// Control-plane command lines, read on first use, once per object.
    pub(crate) components: std::cell::OnceCell<Vec<helpers::ComponentFlags<'a>>>,
}

impl<'a> PodCx<'a> {
    /// The control-plane components the containers run, with their flags.
    pub(crate) fn components(&self) -> &[helpers::ComponentFlags<'a>] {
        self.components
            .get_or_init(|| helpers::parse_components(self.containers))
    }
    /// All containers (regular, init, ephemeral).
    pub fn containers(&self) -> impl Iterator<Item = Container<'a>> + 'a {
        self.containers.iter().copied()
    }
    /// A container security-context field with pod inheritance applied.
    pub fn effective(&self, c: &Container<'a>, field: &str) -> Option<&'a Node> {
        c.effective(&self.pod, field)
    }
    /// The pod spec.
    pub fn spec(&self) -> &'a Node {
        self.pod.spec
    }
    /// Line to report when something required is missing from a container.
    pub fn missing_line(&self, c: &Container<'a>) -> usize {
        c.node.key_line("securityContext").unwrap_or(c.node.line)
    }
    /// Volumes of the pod.
    pub fn volumes(&self) -> &'a [Node] {
        self.pod.spec.get("volumes").map(Node::items).unwrap_or(&[])
    }
}

/// Context for checks over a single object.
pub struct ObjCx<'a> {
    /// The object.
    pub obj: &'a Object,
    /// Scanner settings.
    #[allow(dead_code)] // No object check is configurable yet; kept for symmetry with PodCx.
    pub settings: &'a Settings,
}

impl<'a> ObjCx<'a> {
    /// The object's root node.
    pub fn root(&self) -> &'a Node {
        &self.obj.root
    }
    /// The object's `kind`.
    pub fn kind(&self) -> &'a str {
        self.obj.kind()
    }
}

/// Shared imports and helpers for check files.
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub(crate) use super::helpers::*;
    pub(crate) use super::{Check, ObjCx, Out, PodCx, Refs, Run, Severity, Summary};
    pub(crate) use crate::dockerfile::{Dockerfile, Instruction};
    pub(crate) use crate::model::{Node, Object};
    pub(crate) use crate::scanner::Settings;

    /// Declares the `CHECK` constant of a check file.
    macro_rules! check {
        (
            id: $id:literal, name: $name:literal, group: $group:literal, title: $title:literal,
            severity: $sev:ident, attack: [$($a:literal),* $(,)?],
            refs: { $($rk:ident: [$($rv:literal),* $(,)?]),* $(,)? },
            run: $kind:ident($f:path) $(,)?
        ) => {
            #[allow(clippy::needless_update)] // Some checks list every reference key.
            pub(crate) const CHECK: $crate::checks::Check = $crate::checks::Check {
                id: $id,
                name: $name,
                group: $group,
                title: $title,
                severity: $crate::checks::Severity::$sev,
                attack: &[$($a),*],
                refs: $crate::checks::Refs { $($rk: &[$($rv),*],)* ..$crate::checks::Refs::EMPTY },
                run: $crate::checks::Run::$kind($f),
            };
        };
    }
    pub(crate) use check;

    /// The text of a scalar, or empty.
    pub(crate) fn text(n: Option<&Node>) -> String {
        n.and_then(Node::scalar_text).unwrap_or_default()
    }
    /// True when the node is boolean `true`.
    pub(crate) fn is_true(n: Option<&Node>) -> bool {
        n.and_then(Node::as_bool) == Some(true)
    }
    /// True when the node is boolean `false`.
    pub(crate) fn is_false(n: Option<&Node>) -> bool {
        n.and_then(Node::as_bool) == Some(false)
    }
    /// The string elements of a sequence.
    pub(crate) fn strings(n: Option<&Node>) -> Vec<(String, usize)> {
        n.map(Node::items)
            .unwrap_or(&[])
            .iter()
            .filter_map(|x| x.scalar_text().map(|s| (s, x.line)))
            .collect()
    }
}

impl Refs {
    /// No references.
    pub const EMPTY: Refs = Refs {
        checkov: &[],
        trivy: &[],
        hadolint: &[],
        kubescape: &[],
        pss: &[],
        cis: &[],
        cis_docker: &[],
        nsa: &[],
    };
    /// `(key, ids)` pairs with non-empty lists, in a fixed order.
    pub fn entries(&self) -> Vec<(&'static str, &'static [&'static str])> {
        [
            ("checkov", self.checkov),
            ("trivy", self.trivy),
            ("hadolint", self.hadolint),
            ("kubescape", self.kubescape),
            ("pss", self.pss),
            ("cis", self.cis),
            ("cis_docker", self.cis_docker),
            ("nsa", self.nsa),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }
}
