//! ## What it does
//! Reports volume mounts of hostPath volumes that are not `readOnly: true`.
//!
//! ## Why is this bad?
//! A writable host path lets the container change node files: replacing binaries, adding
//! cron jobs or poisoning data other pods rely on.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!     volumeMounts:
//!     - name: data
//!       mountPath: /data
//!   volumes:
//!   - name: data
//!     hostPath:
//!       path: /srv/data
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!     volumeMounts:
//!     - name: data
//!       mountPath: /data
//!       readOnly: true
//!   volumes:
//!   - name: data
//!     hostPath:
//!       path: /srv/data
//! ```
//!
//! ## Remediation
//! Mount with `readOnly: true`, or avoid hostPath.
//!
//! ## References
//! - Kubescape: `C-0045`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-048",
    name: "host_path_writable",
    group: "k8s",
    title: "hostPath mounted writable",
    severity: High,
    attack: ["T1611"],
    refs: { kubescape: ["C-0045"], nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    let hp: Vec<&str> = host_paths(cx).into_iter().map(|(n, _, _)| n).collect();
    for c in cx.containers() {
        for m in c.node.get("volumeMounts").map(Node::items).unwrap_or(&[]) {
            let name = text(m.get("name"));
            if hp.contains(&name.as_str()) && !is_true(m.get("readOnly")) {
                out.emit(
                    m.line,
                    format!("{} mounts hostPath volume {name:?} writable", c.describe()),
                );
            }
        }
    }
}
