//! Misconfiguration scanning for Kubernetes manifests and Dockerfiles, and an
//! exact implementation of the Pod Security Standards.
//!
//! Inputs are bytes: YAML (multi-document, `List` kinds) or JSON manifests —
//! including rendered Helm/Kustomize output from stdin — and Dockerfiles. They
//! are parsed into trees that keep the line of every field ([`Node`]), so each
//! [`Finding`] points at the offending line, however deeply nested. Checks are
//! pure functions over those trees, one per file under `src/checks/<group>/`,
//! each documented in the sections the docs generator publishes
//! ([`registry`], [`write_docs`], [`checks_json`]).
//!
//! This crate does not read files, talk to a cluster or a registry, render
//! Helm charts, or format reports; the CLI does that. Key types: [`Scanner`]
//! (with [`Settings`]), [`Finding`], [`Check`], and [`evaluate_pss`].
//!
//! ```
//! use mamori_config::{Input, Scanner, Settings};
//! let pod = b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n";
//! let scan = Scanner::new(Settings::default()).scan(&[Input::new("pod.yaml", pod.to_vec())]);
//! let f = scan.findings.iter().find(|f| f.check_id == "MAM-K8S-001").unwrap();
//! assert_eq!((f.line, f.message.as_str()), (10, "container \"app\" runs privileged"));
//! ```

mod checks;
mod compliance;
pub mod dockerfile;
mod docs;
pub mod image;
pub mod model;
pub mod policy;
pub mod pss;
pub mod rego_compat;
mod scanner;
pub mod workload;

pub use checks::{check_files, registry, Check, Refs, Severity};
pub use compliance::{compliance_summary, ControlStatus, FRAMEWORKS};
pub use dockerfile::{parse_dockerfile, Dockerfile, Instruction, Stage};
pub use docs::{check_docs_dir, checks_json, render_docs, write_docs};
pub use image::{
    scan_image, HistoryStep, ImageCache, ImageFacts, ImageFile, ImageFileKind, ImageFinding,
    PACKAGE_CACHE_DIRS,
};
pub use model::{parse_documents, Node, Object, ParseError, Value};
pub use policy::{
    to_json, Constraint, ConstraintTemplate, PolicyError, PolicyResult, RegoPolicies,
};
pub use pss::{evaluate_pss, evaluate_pss_with, Level, PssOptions, Version, Violation};
pub use scanner::{Finding, Input, InputKind, ObjectRef, Scan, Scanner, Settings};

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn check_ids_and_names_are_unique() {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for c in registry() {
            assert!(ids.insert(c.id), "duplicate check id {}", c.id);
            assert!(
                names.insert((c.group, c.name)),
                "duplicate check name {}",
                c.name
            );
        }
    }

    #[test]
    fn every_check_file_is_registered() {
        let registered: HashSet<_> = registry().iter().map(|c| (c.group, c.name)).collect();
        for f in check_files() {
            assert!(
                registered.contains(&f),
                "check file {f:?} is not registered in its mod.rs"
            );
        }
        assert_eq!(registered.len(), check_files().count());
    }
}
