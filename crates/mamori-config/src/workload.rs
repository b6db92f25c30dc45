//! Finding the pod template inside any workload object, and walking its
//! containers with the pod→container security-context inheritance Kubernetes
//! applies.
//!
//! Known kinds (Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet,
//! ReplicationController, Job, CronJob) use their documented paths; any other kind
//! that carries `spec.template.spec.containers` (Argo Rollouts, operators' CRDs) is
//! treated as a pod template too. This module does not judge anything.

use crate::model::{Node, Object};

/// Where a pod spec sits inside an object.
#[derive(Debug, Clone, Copy)]
pub struct PodView<'a> {
    /// The pod's `metadata` (annotations live here), possibly a null node.
    pub metadata: &'a Node,
    /// The pod `spec`.
    pub spec: &'a Node,
}

/// Which list a container came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// `spec.containers`.
    Regular,
    /// `spec.initContainers`.
    Init,
    /// `spec.ephemeralContainers`.
    Ephemeral,
}

impl ContainerKind {
    /// The word used in messages: "container", "init container", "ephemeral container".
    pub fn noun(self) -> &'static str {
        match self {
            ContainerKind::Regular => "container",
            ContainerKind::Init => "init container",
            ContainerKind::Ephemeral => "ephemeral container",
        }
    }
}

/// One container of a pod.
#[derive(Debug, Clone, Copy)]
pub struct Container<'a> {
    /// The container mapping.
    pub node: &'a Node,
    /// Which list it is in.
    pub kind: ContainerKind,
}

impl<'a> Container<'a> {
    /// `name`, or `?` when missing.
    pub fn name(&self) -> &'a str {
        self.node.get("name").and_then(Node::as_str).unwrap_or("?")
    }
    /// The container's own `securityContext` (null node if absent).
    pub fn sc(&self) -> &'a Node {
        self.node.get("securityContext").unwrap_or(Node::null())
    }
    /// A field of the container security context, falling back to the pod security
    /// context for the fields Kubernetes inherits (`runAsUser`, `runAsGroup`,
    /// `runAsNonRoot`, `seccompProfile`, `seLinuxOptions`, `appArmorProfile`,
    /// `windowsOptions`). Returns the node and the line to report.
    pub fn effective(&self, pod: &PodView<'a>, field: &str) -> Option<&'a Node> {
        if let Some(n) = self.sc().get(field).filter(|n| !n.is_null()) {
            return Some(n);
        }
        const INHERITED: &[&str] = &[
            "runAsUser",
            "runAsGroup",
            "runAsNonRoot",
            "seccompProfile",
            "seLinuxOptions",
            "appArmorProfile",
            "windowsOptions",
        ];
        if INHERITED.contains(&field) {
            return pod.sc().get(field).filter(|n| !n.is_null());
        }
        None
    }
    /// "container \"app\"" for messages.
    pub fn describe(&self) -> String {
        format!("{} {:?}", self.kind.noun(), self.name())
    }
}

impl<'a> PodView<'a> {
    /// The pod-level `securityContext` (null node if absent).
    pub fn sc(&self) -> &'a Node {
        self.spec.get("securityContext").unwrap_or(Node::null())
    }
    /// All containers: regular, then init, then ephemeral.
    pub fn containers(&self) -> Vec<Container<'a>> {
        let mut v = Vec::new();
        for (key, kind) in [
            ("containers", ContainerKind::Regular),
            ("initContainers", ContainerKind::Init),
            ("ephemeralContainers", ContainerKind::Ephemeral),
        ] {
            if let Some(list) = self.spec.get(key) {
                v.extend(list.items().iter().map(|node| Container { node, kind }));
            }
        }
        v
    }
    /// Annotations of the pod (template) metadata.
    pub fn annotations(&self) -> &'a [(crate::model::Key, Node)] {
        self.metadata
            .get("annotations")
            .map(Node::entries)
            .unwrap_or(&[])
    }
    /// True when `spec.os.name` is `windows`.
    pub fn is_windows(&self) -> bool {
        self.spec.path(&["os", "name"]).and_then(Node::as_str) == Some("windows")
    }
}

/// The pod spec of a workload object, if it has one.
pub fn pod_view(obj: &Object) -> Option<PodView<'_>> {
    let r = &obj.root;
    let (meta, spec) = match obj.kind() {
        "Pod" => (r.get("metadata"), r.get("spec")),
        "PodTemplate" => (
            r.path(&["template", "metadata"]),
            r.path(&["template", "spec"]),
        ),
        "CronJob" => (
            r.path(&["spec", "jobTemplate", "spec", "template", "metadata"]),
            r.path(&["spec", "jobTemplate", "spec", "template", "spec"]),
        ),
        _ => {
            let spec = r.path(&["spec", "template", "spec"]);
            // Unknown kinds count only when the template really holds containers.
            spec.and_then(|s| s.get("containers"))?;
            (r.path(&["spec", "template", "metadata"]), spec)
        }
    };
    let spec = spec.filter(|s| !s.is_null())?;
    Some(PodView {
        metadata: meta.unwrap_or(Node::null()),
        spec,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use crate::model::parse_documents;

    #[test]
    fn finds_templates_in_every_workload_kind() {
        let pod = "spec:\n  containers:\n  - name: a\n";
        let tmpl = "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n";
        let cron = "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n";
        for (kind, body) in [
            ("Pod", pod),
            ("Deployment", tmpl),
            ("StatefulSet", tmpl),
            ("DaemonSet", tmpl),
            ("ReplicaSet", tmpl),
            ("ReplicationController", tmpl),
            ("Job", tmpl),
            ("Rollout", tmpl),
            ("CronJob", cron),
        ] {
            let y = format!("kind: {kind}\n{body}");
            let o = &parse_documents("w.yaml", y.as_bytes()).unwrap()[0];
            let pv = pod_view(o).unwrap_or_else(|| panic!("{kind}"));
            assert_eq!(pv.containers()[0].name(), "a", "{kind}");
        }
        let o = &parse_documents("s.yaml", b"kind: Service\nspec: {}\n").unwrap()[0];
        assert!(pod_view(o).is_none());
    }

    #[test]
    fn inheritance_prefers_container() {
        let y = "kind: Pod\nspec:\n  securityContext:\n    runAsUser: 1\n    runAsNonRoot: true\n  initContainers:\n  - name: i\n    securityContext:\n      runAsUser: 0\n";
        let o = &parse_documents("p.yaml", y.as_bytes()).unwrap()[0];
        let pv = pod_view(o).unwrap();
        let c = pv.containers()[0];
        assert_eq!(c.kind, ContainerKind::Init);
        assert_eq!(c.effective(&pv, "runAsUser").unwrap().as_i64(), Some(0));
        assert_eq!(c.effective(&pv, "runAsNonRoot").unwrap().line, 5);
        assert!(c.effective(&pv, "privileged").is_none());
    }
}
