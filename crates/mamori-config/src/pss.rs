//! Pod Security Standards, evaluated exactly as upstream Pod Security Admission
//! (`k8s.io/pod-security-admission/policy`) does at each policy version v1.0…v1.37.
//!
//! Each upstream check is a function here; where upstream registered a newer
//! implementation for a later version, the function branches on the minor version
//! at that same point (seccomp fields at v1.19, allowPrivilegeEscalation at v1.8,
//! capabilities/restricted at v1.22, runAsUser at v1.23, the Windows exemption of
//! the Linux-only restricted checks at v1.25, sysctls at v1.27/v1.29/v1.32/v1.37,
//! host probes at v1.34, procMount with user namespaces at v1.35). The conformance
//! test runs every upstream fixture. This module evaluates one object's pod
//! template; it does not know about namespaces' labels, exemptions or admission
//! modes (enforce/audit/warn) — that is the caller's business.

use crate::model::{Node, Object};
use crate::workload::{pod_view, PodView};
use std::fmt;

/// The newest policy version we know; `latest` maps here.
pub const LATEST_MINOR: u32 = 37;

/// A Pod Security Standards level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Prevents known privilege escalations.
    Baseline,
    /// Baseline plus hardening best practices.
    Restricted,
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "baseline" => Ok(Level::Baseline),
            "restricted" => Ok(Level::Restricted),
            _ => Err(format!(
                "unknown pod security level {s:?} (want baseline or restricted)"
            )),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        })
    }
}

/// A policy version `v1.N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub u32);

impl Version {
    /// The newest version this crate implements.
    pub const LATEST: Version = Version(LATEST_MINOR);

    /// Parses `v1.N` (`latest` gives [`Version::LATEST`]). Minors beyond the newest
    /// known are evaluated as the newest, as upstream does for future versions.
    pub fn parse(s: &str) -> Result<Version, String> {
        if s == "latest" {
            return Ok(Version::LATEST);
        }
        let minor = s
            .strip_prefix("v1.")
            .and_then(|m| m.parse::<u32>().ok())
            .ok_or_else(|| format!("invalid pod security version {s:?} (want v1.N or latest)"))?;
        Ok(Version(minor.min(LATEST_MINOR)))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v1.{}", self.0)
    }
}

/// Options that upstream controls with feature gates.
#[derive(Debug, Clone, Copy, Default)]
pub struct PssOptions {
    /// Relax `runAsNonRoot` and `runAsUser` for pods with `hostUsers: false`
    /// (upstream `UserNamespacesPodSecurityStandards` feature gate, off by default;
    /// the upstream fixtures are generated with it off).
    pub relax_user_namespaces: bool,
}

/// One failed PSS control.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// Upstream check ID, e.g. `privileged`, `seccompProfile_restricted`.
    pub check: &'static str,
    /// The PSS control name, e.g. "Privileged Containers".
    pub control: &'static str,
    /// Lower-case description naming the offending fields/values.
    pub message: String,
    /// Line of the first offending field.
    pub line: usize,
}

/// Evaluates `object` against `level` at `version` (default: latest) and returns
/// every failed control. Objects without a pod template give no violations.
pub fn evaluate_pss(object: &Object, level: Level, version: Option<Version>) -> Vec<Violation> {
    evaluate_pss_with(object, level, version, PssOptions::default())
}

/// [`evaluate_pss`] with feature-gate options.
pub fn evaluate_pss_with(
    object: &Object,
    level: Level,
    version: Option<Version>,
    opts: PssOptions,
) -> Vec<Violation> {
    let Some(pod) = pod_view(object) else {
        return Vec::new();
    };
    let v = version.unwrap_or(Version::LATEST).0;
    let mut e = Eval {
        pod,
        v,
        opts,
        out: Vec::new(),
        obj_line: object.line(),
    };
    e.baseline();
    if level == Level::Restricted {
        e.restricted();
    }
    e.out
}

struct Eval<'a> {
    pod: PodView<'a>,
    v: u32,
    opts: PssOptions,
    out: Vec<Violation>,
    obj_line: usize,
}

const BASELINE_CAPS: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

const RESTRICTED_VOLUME_FORBIDDEN: &[&str] = &[
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "portworxVolume",
    "photonPersistentDisk",
    "scaleIO",
    "storageos",
];

/// Sysctls allowed at baseline, with the version that allowed each.
const SAFE_SYSCTLS: &[(&str, u32)] = &[
    ("kernel.shm_rmid_forced", 0),
    ("net.ipv4.ip_local_port_range", 0),
    ("net.ipv4.tcp_syncookies", 0),
    ("net.ipv4.ping_group_range", 0),
    ("net.ipv4.ip_unprivileged_port_start", 0),
    ("net.ipv4.ip_local_reserved_ports", 27),
    ("net.ipv4.tcp_keepalive_time", 29),
    ("net.ipv4.tcp_fin_timeout", 29),
    ("net.ipv4.tcp_keepalive_intvl", 29),
    ("net.ipv4.tcp_keepalive_probes", 29),
    ("net.ipv4.tcp_rmem", 32),
    ("net.ipv4.tcp_wmem", 32),
    ("net.ipv4.tcp_slow_start_after_idle", 37),
    ("net.ipv4.tcp_notsent_lowat", 37),
];

/// The sysctls baseline allows at minor version `v`.
pub fn safe_sysctls(v: Version) -> impl Iterator<Item = &'static str> {
    SAFE_SYSCTLS
        .iter()
        .filter(move |(_, since)| *since <= v.0)
        .map(|(n, _)| *n)
}

impl<'a> Eval<'a> {
    fn fail(&mut self, check: &'static str, control: &'static str, bad: Vec<(String, usize)>) {
        if bad.is_empty() {
            return;
        }
        let line = bad
            .iter()
            .map(|b| b.1)
            .find(|l| *l > 0)
            .unwrap_or(self.obj_line);
        let message = bad.into_iter().map(|b| b.0).collect::<Vec<_>>().join("; ");
        self.out.push(Violation {
            check,
            control,
            message,
            line,
        });
    }

    fn host_users_false(&self) -> bool {
        self.pod.spec.get("hostUsers").and_then(Node::as_bool) == Some(false)
    }

    fn baseline(&mut self) {
        self.host_namespaces();
        self.privileged();
        self.capabilities_baseline();
        self.host_path_volumes();
        self.host_ports();
        self.app_armor();
        self.se_linux();
        self.proc_mount();
        self.seccomp_baseline();
        self.sysctls();
        self.windows_host_process();
        if self.v >= 34 {
            self.host_probes();
        }
    }

    fn restricted(&mut self) {
        self.restricted_volumes();
        self.run_as_non_root();
        // From v1.25 the Linux-only restricted controls do not apply to Windows pods.
        let linux_only_applies = !(self.v >= 25 && self.pod.is_windows());
        if self.v >= 8 && linux_only_applies {
            self.allow_privilege_escalation();
        }
        if self.v >= 19 && linux_only_applies {
            self.seccomp_restricted();
        }
        if self.v >= 22 && linux_only_applies {
            self.capabilities_restricted();
        }
        if self.v >= 23 {
            self.run_as_user();
        }
        if self.v >= 35 {
            self.proc_mount_restricted();
        }
    }

    fn host_namespaces(&mut self) {
        let mut bad = Vec::new();
        for f in ["hostNetwork", "hostPID", "hostIPC"] {
            if let Some(n) = self.pod.spec.get(f).filter(|n| n.as_bool() == Some(true)) {
                bad.push((format!("{f}=true"), n.line));
            }
        }
        self.fail("hostNamespaces", "Host Namespaces", bad);
    }

    fn privileged(&mut self) {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            if let Some(n) = c
                .sc()
                .get("privileged")
                .filter(|n| n.as_bool() == Some(true))
            {
                bad.push((
                    format!(
                        "{} must not set securityContext.privileged=true",
                        c.describe()
                    ),
                    n.line,
                ));
            }
        }
        self.fail("privileged", "Privileged Containers", bad);
    }

    fn capabilities_baseline(&mut self) {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            for cap in c
                .sc()
                .path(&["capabilities", "add"])
                .map(Node::items)
                .unwrap_or(&[])
            {
                let name = cap.scalar_text().unwrap_or_default();
                if !BASELINE_CAPS.contains(&name.as_str()) {
                    bad.push((
                        format!("{} adds non-default capability {name:?}", c.describe()),
                        cap.line,
                    ));
                }
            }
        }
        self.fail("capabilities_baseline", "Capabilities", bad);
    }

    fn host_path_volumes(&mut self) {
        let mut bad = Vec::new();
        for vol in self.pod.spec.get("volumes").map(Node::items).unwrap_or(&[]) {
            if let Some(h) = vol.get("hostPath").filter(|n| !n.is_null()) {
                let name = vol.get("name").and_then(Node::as_str).unwrap_or("?");
                bad.push((format!("hostPath volume {name:?}"), h.line));
            }
        }
        self.fail("hostPathVolumes", "HostPath Volumes", bad);
    }

    fn host_ports(&mut self) {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            for p in c.node.get("ports").map(Node::items).unwrap_or(&[]) {
                if let Some(h) = p
                    .get("hostPort")
                    .filter(|h| h.as_i64().is_some_and(|x| x != 0))
                {
                    bad.push((
                        format!("{} uses hostPort {}", c.describe(), h.as_i64().unwrap_or(0)),
                        h.line,
                    ));
                }
            }
        }
        self.fail("hostPorts", "Host Ports", bad);
    }

    fn app_armor(&mut self) {
        let mut bad = Vec::new();
        for (k, v) in self.pod.annotations() {
            if k.text
                .starts_with("container.apparmor.security.beta.kubernetes.io/")
            {
                let val = v.scalar_text().unwrap_or_default();
                if !(val.is_empty() || val == "runtime/default" || val.starts_with("localhost/")) {
                    bad.push((
                        format!("forbidden AppArmor profile annotation {}={val:?}", k.text),
                        k.line,
                    ));
                }
            }
        }
        let field_ok = |n: &Node| {
            matches!(
                n.get("type").and_then(Node::as_str),
                Some("RuntimeDefault") | Some("Localhost")
            )
        };
        if let Some(p) = self
            .pod
            .sc()
            .get("appArmorProfile")
            .filter(|n| !n.is_null())
        {
            if !field_ok(p) {
                bad.push(("pod forbidden AppArmor profile type".to_string(), p.line));
            }
        }
        for c in self.pod.containers() {
            if let Some(p) = c.sc().get("appArmorProfile").filter(|n| !n.is_null()) {
                if !field_ok(p) {
                    bad.push((
                        format!("{} forbidden AppArmor profile type", c.describe()),
                        p.line,
                    ));
                }
            }
        }
        self.fail("appArmorProfile", "AppArmor", bad);
    }

    fn se_linux(&mut self) {
        let mut bad = Vec::new();
        let check = |who: String, o: &Node, bad: &mut Vec<(String, usize)>| {
            if o.is_null() {
                return;
            }
            let ty = o
                .get("type")
                .and_then(Node::scalar_text)
                .unwrap_or_default();
            if !matches!(
                ty.as_str(),
                "" | "container_t" | "container_init_t" | "container_kvm_t" | "container_engine_t"
            ) {
                bad.push((format!("{who} seLinuxOptions type {ty:?}"), o.line));
            }
            for f in ["user", "role"] {
                if let Some(n) = o
                    .get(f)
                    .filter(|n| n.scalar_text().is_some_and(|s| !s.is_empty()))
                {
                    bad.push((format!("{who} seLinuxOptions sets {f}"), n.line));
                }
            }
        };
        if let Some(o) = self.pod.sc().get("seLinuxOptions") {
            check("pod".into(), o, &mut bad);
        }
        for c in self.pod.containers() {
            if let Some(o) = c.sc().get("seLinuxOptions") {
                check(c.describe(), o, &mut bad);
            }
        }
        self.fail("seLinuxOptions", "SELinux", bad);
    }

    fn proc_mount(&mut self) {
        // From v1.35, pods in a user namespace may use an Unmasked /proc at baseline.
        if self.v >= 35 && self.host_users_false() {
            return;
        }
        let bad = self.proc_mount_bad();
        self.fail("procMount", "/proc Mount Type", bad);
    }

    fn proc_mount_restricted(&mut self) {
        let bad = self.proc_mount_bad();
        self.fail("procMount_restricted", "/proc Mount Type", bad);
    }

    fn proc_mount_bad(&self) -> Vec<(String, usize)> {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            if let Some(p) = c.sc().get("procMount").filter(|n| !n.is_null()) {
                let val = p.scalar_text().unwrap_or_default();
                if val != "Default" {
                    bad.push((format!("{} sets procMount {val:?}", c.describe()), p.line));
                }
            }
        }
        bad
    }

    fn seccomp_baseline(&mut self) {
        let mut bad = Vec::new();
        if self.v < 19 {
            for (k, v) in self.pod.annotations() {
                let relevant = k.text == "seccomp.security.alpha.kubernetes.io/pod"
                    || k.text
                        .starts_with("container.seccomp.security.alpha.kubernetes.io/");
                if relevant && v.scalar_text().as_deref() == Some("unconfined") {
                    bad.push((
                        format!("forbidden seccompProfile annotation {}=unconfined", k.text),
                        k.line,
                    ));
                }
            }
        } else {
            let unconfined = |n: &Node| n.get("type").and_then(Node::as_str) == Some("Unconfined");
            if let Some(p) = self
                .pod
                .sc()
                .get("seccompProfile")
                .filter(|n| unconfined(n))
            {
                bad.push(("pod seccompProfile type \"Unconfined\"".to_string(), p.line));
            }
            for c in self.pod.containers() {
                if let Some(p) = c.sc().get("seccompProfile").filter(|n| unconfined(n)) {
                    bad.push((
                        format!("{} seccompProfile type \"Unconfined\"", c.describe()),
                        p.line,
                    ));
                }
            }
        }
        self.fail("seccompProfile_baseline", "Seccomp", bad);
    }

    fn sysctls(&mut self) {
        let mut bad = Vec::new();
        let allowed: Vec<&str> = safe_sysctls(Version(self.v)).collect();
        for s in self.pod.sc().get("sysctls").map(Node::items).unwrap_or(&[]) {
            let name = s
                .get("name")
                .and_then(Node::scalar_text)
                .unwrap_or_default();
            if !allowed.contains(&name.as_str()) {
                bad.push((format!("forbidden sysctl {name:?}"), s.line));
            }
        }
        self.fail("sysctls", "Sysctls", bad);
    }

    fn windows_host_process(&mut self) {
        let mut bad = Vec::new();
        if let Some(n) = self
            .pod
            .sc()
            .path(&["windowsOptions", "hostProcess"])
            .filter(|n| n.as_bool() == Some(true))
        {
            bad.push((
                "pod sets windowsOptions.hostProcess=true".to_string(),
                n.line,
            ));
        }
        for c in self.pod.containers() {
            if let Some(n) = c
                .sc()
                .path(&["windowsOptions", "hostProcess"])
                .filter(|n| n.as_bool() == Some(true))
            {
                bad.push((
                    format!("{} sets windowsOptions.hostProcess=true", c.describe()),
                    n.line,
                ));
            }
        }
        self.fail("windowsHostProcess", "HostProcess", bad);
    }

    fn host_probes(&mut self) {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            let mut handlers: Vec<(String, &Node)> = Vec::new();
            for p in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let Some(n) = c.node.get(p) {
                    handlers.push((p.to_string(), n));
                }
            }
            for h in ["postStart", "preStop"] {
                if let Some(n) = c.node.path(&["lifecycle", h]) {
                    handlers.push((format!("lifecycle.{h}"), n));
                }
            }
            for (what, h) in handlers {
                for action in ["httpGet", "tcpSocket"] {
                    if let Some(host) = h.path(&[action, "host"]) {
                        let val = host.scalar_text().unwrap_or_default();
                        if !val.is_empty() {
                            bad.push((format!("{} {what} host {val:?}", c.describe()), host.line));
                        }
                    }
                }
            }
        }
        self.fail(
            "hostProbesAndHostLifecycle",
            "Probes and lifecycle hooks host",
            bad,
        );
    }

    fn restricted_volumes(&mut self) {
        let mut bad = Vec::new();
        for vol in self.pod.spec.get("volumes").map(Node::items).unwrap_or(&[]) {
            for (k, v) in vol.entries() {
                if RESTRICTED_VOLUME_FORBIDDEN.contains(&k.text.as_str()) && !v.is_null() {
                    let name = vol.get("name").and_then(Node::as_str).unwrap_or("?");
                    bad.push((
                        format!("volume {name:?} uses restricted volume type {}", k.text),
                        k.line,
                    ));
                }
            }
        }
        self.fail("restrictedVolumes", "Volume Types", bad);
    }

    fn run_as_non_root(&mut self) {
        if self.opts.relax_user_namespaces && self.host_users_false() {
            return;
        }
        let mut bad = Vec::new();
        let mut pod_ok = false;
        if let Some(n) = self.pod.sc().get("runAsNonRoot").filter(|n| !n.is_null()) {
            if n.as_bool() == Some(false) {
                bad.push((
                    "pod must not set securityContext.runAsNonRoot=false".to_string(),
                    n.line,
                ));
            } else {
                pod_ok = true;
            }
        }
        for c in self.pod.containers() {
            match c.sc().get("runAsNonRoot").filter(|n| !n.is_null()) {
                Some(n) if n.as_bool() == Some(false) => bad.push((
                    format!(
                        "{} must not set securityContext.runAsNonRoot=false",
                        c.describe()
                    ),
                    n.line,
                )),
                Some(_) => {}
                None if !pod_ok => bad.push((
                    format!(
                        "{} must set securityContext.runAsNonRoot=true",
                        c.describe()
                    ),
                    c.node.line,
                )),
                None => {}
            }
        }
        self.fail("runAsNonRoot", "Running as Non-root", bad);
    }

    fn run_as_user(&mut self) {
        if self.opts.relax_user_namespaces && self.host_users_false() {
            return;
        }
        let mut bad = Vec::new();
        if let Some(n) = self
            .pod
            .sc()
            .get("runAsUser")
            .filter(|n| n.as_i64() == Some(0))
        {
            bad.push(("pod must not set runAsUser=0".to_string(), n.line));
        }
        for c in self.pod.containers() {
            if let Some(n) = c.sc().get("runAsUser").filter(|n| n.as_i64() == Some(0)) {
                bad.push((format!("{} must not set runAsUser=0", c.describe()), n.line));
            }
        }
        self.fail("runAsUser", "Running as Non-root user", bad);
    }

    fn allow_privilege_escalation(&mut self) {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            let n = c.sc().get("allowPrivilegeEscalation");
            if n.and_then(Node::as_bool) != Some(false) {
                let line = n.map(|n| n.line).unwrap_or(c.node.line);
                bad.push((
                    format!(
                        "{} must set securityContext.allowPrivilegeEscalation=false",
                        c.describe()
                    ),
                    line,
                ));
            }
        }
        self.fail("allowPrivilegeEscalation", "Privilege Escalation", bad);
    }

    fn seccomp_restricted(&mut self) {
        let valid = |n: &Node| {
            matches!(
                n.get("type").and_then(Node::as_str),
                Some("RuntimeDefault") | Some("Localhost")
            )
        };
        let mut bad = Vec::new();
        let mut pod_ok = false;
        if let Some(p) = self.pod.sc().get("seccompProfile").filter(|n| !n.is_null()) {
            if valid(p) {
                pod_ok = true;
            } else {
                bad.push((
                    "pod seccompProfile type must be RuntimeDefault or Localhost".to_string(),
                    p.line,
                ));
            }
        }
        for c in self.pod.containers() {
            match c.sc().get("seccompProfile").filter(|n| !n.is_null()) {
                Some(p) if !valid(p) => bad.push((
                    format!(
                        "{} seccompProfile type must be RuntimeDefault or Localhost",
                        c.describe()
                    ),
                    p.line,
                )),
                Some(_) => {}
                None if !pod_ok => bad.push((
                    format!(
                        "{} must set securityContext.seccompProfile.type",
                        c.describe()
                    ),
                    c.node.line,
                )),
                None => {}
            }
        }
        self.fail("seccompProfile_restricted", "Seccomp", bad);
    }

    fn capabilities_restricted(&mut self) {
        let mut bad = Vec::new();
        for c in self.pod.containers() {
            let caps = c.sc().get("capabilities");
            let drops_all = caps
                .and_then(|c| c.get("drop"))
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .any(|d| d.as_str() == Some("ALL"));
            if !drops_all {
                let line = caps.map(|n| n.line).unwrap_or(c.node.line);
                bad.push((
                    format!(
                        "{} must set securityContext.capabilities.drop=[\"ALL\"]",
                        c.describe()
                    ),
                    line,
                ));
            }
            for a in caps
                .and_then(|c| c.get("add"))
                .map(Node::items)
                .unwrap_or(&[])
            {
                let name = a.scalar_text().unwrap_or_default();
                if name != "NET_BIND_SERVICE" {
                    bad.push((
                        format!("{} adds unrestricted capability {name:?}", c.describe()),
                        a.line,
                    ));
                }
            }
        }
        self.fail("capabilities_restricted", "Capabilities", bad);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use crate::model::parse_documents;

    fn eval(y: &str, level: Level, v: &str, opts: PssOptions) -> Vec<Violation> {
        let o = &parse_documents("p.yaml", y.as_bytes()).unwrap()[0];
        evaluate_pss_with(o, level, Some(Version::parse(v).unwrap()), opts)
    }

    const ROOT_USERNS: &str = "kind: Deployment\nspec:\n  template:\n    spec:\n      hostUsers: false\n      securityContext:\n        runAsUser: 0\n        seccompProfile: {type: RuntimeDefault}\n      containers:\n      - name: a\n        securityContext:\n          allowPrivilegeEscalation: false\n          capabilities: {drop: [ALL]}\n";

    #[test]
    fn user_namespace_relaxation_is_opt_in() {
        let strict = eval(
            ROOT_USERNS,
            Level::Restricted,
            "v1.37",
            PssOptions::default(),
        );
        let ids: Vec<_> = strict.iter().map(|v| v.check).collect();
        assert_eq!(ids, ["runAsNonRoot", "runAsUser"]);
        assert_eq!(strict[1].line, 7);
        let relaxed = eval(
            ROOT_USERNS,
            Level::Restricted,
            "v1.37",
            PssOptions {
                relax_user_namespaces: true,
            },
        );
        assert!(relaxed.is_empty(), "{relaxed:?}");
        // Before v1.23 there was no runAsUser control at all.
        let old = eval(
            ROOT_USERNS,
            Level::Restricted,
            "v1.22",
            PssOptions::default(),
        );
        assert_eq!(
            old.iter().map(|v| v.check).collect::<Vec<_>>(),
            ["runAsNonRoot"]
        );
    }

    #[test]
    fn versions_parse() {
        assert_eq!(Version::parse("latest").unwrap(), Version::LATEST);
        assert_eq!(Version::parse("v1.99").unwrap(), Version::LATEST);
        assert_eq!(Version::parse("v1.8").unwrap(), Version(8));
        assert!(Version::parse("1.8").unwrap_err().contains("\"1.8\""));
        assert!(safe_sysctls(Version(26)).all(|s| s != "net.ipv4.ip_local_reserved_ports"));
    }
}
