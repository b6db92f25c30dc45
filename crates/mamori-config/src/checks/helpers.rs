//! Small helpers shared by check files: capability lists, hostPath matching,
//! RBAC rule expansion, image reference splitting and Dockerfile command
//! scanning. They hold no policy of their own; each check decides what is bad.

use super::prelude::strings;
use super::{Out, PodCx};
use crate::dockerfile::{Dockerfile, Instruction};
use crate::model::{Node, Object};
use crate::workload::Container;

/// Capabilities a container adds, upper-cased with any `CAP_` prefix removed.
pub(crate) fn caps_added(c: &Container<'_>) -> Vec<(String, usize)> {
    cap_list(c, "add")
}

/// Capabilities a container drops, normalised like [`caps_added`].
pub(crate) fn caps_dropped(c: &Container<'_>) -> Vec<(String, usize)> {
    cap_list(c, "drop")
}

fn cap_list(c: &Container<'_>, which: &str) -> Vec<(String, usize)> {
    c.sc()
        .path(&["capabilities", which])
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(|n| n.scalar_text().map(|s| (s, n.line)))
        .map(|(s, l)| {
            let u = s.to_ascii_uppercase();
            (u.strip_prefix("CAP_").map(str::to_string).unwrap_or(u), l)
        })
        .collect()
}

/// Reports every container that adds capability `cap` (or `ALL`, which includes it).
pub(crate) fn cap_added_check(cx: &PodCx<'_>, out: &mut Out, cap: &str) {
    for c in cx.containers() {
        for (name, line) in caps_added(&c) {
            if name == cap {
                out.emit(line, format!("{} adds capability {cap}", c.describe()));
            }
        }
    }
}

/// The line of `field` in the container's security context, else of the
/// security context, else of the container.
pub(crate) fn sc_line(c: &Container<'_>, field: &str) -> usize {
    c.sc()
        .key_line(field)
        .unwrap_or_else(|| c.node.key_line("securityContext").unwrap_or(c.node.line))
}

/// Host paths mounted by the pod: `(volume name, path, line of path)`.
pub(crate) fn host_paths<'a>(cx: &PodCx<'a>) -> Vec<(&'a str, String, usize)> {
    cx.volumes()
        .iter()
        .filter_map(|v| {
            let p = v.path(&["hostPath", "path"])?;
            let name = v.get("name").and_then(Node::as_str).unwrap_or("?");
            Some((name, p.scalar_text().unwrap_or_default(), p.line))
        })
        .collect()
}

/// Normalises a host path for comparison: no trailing slash, no `//`.
pub(crate) fn norm_path(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    for part in p.split('/').filter(|x| !x.is_empty() && *x != ".") {
        s.push('/');
        s.push_str(part);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}

/// True when host path `p` is `base` or lies under it.
pub(crate) fn path_under(p: &str, base: &str) -> bool {
    let p = norm_path(p);
    let base = norm_path(base);
    p == base || base == "/" || p.starts_with(&format!("{base}/"))
}

/// True when `p` equals `base` or is an ancestor or descendant of it (mounting
/// `/var/run` exposes `/var/run/docker.sock` too).
pub(crate) fn path_overlaps(p: &str, base: &str) -> bool {
    let pn = norm_path(p);
    let bn = norm_path(base);
    path_under(&pn, &bn) || path_under(&bn, &pn)
}

/// Reports hostPath volumes whose path overlaps any of `paths`.
pub(crate) fn host_path_check(cx: &PodCx<'_>, out: &mut Out, paths: &[&str], what: &str) {
    for (name, p, line) in host_paths(cx) {
        if paths.iter().any(|b| path_overlaps(&p, b)) {
            out.emit(
                line,
                format!("volume {name:?} mounts host path {p:?} ({what})"),
            );
        }
    }
}

/// One RBAC rule of a Role/ClusterRole.
pub(crate) struct Rule<'a> {
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    pub verbs: Vec<String>,
    pub resource_names: Vec<String>,
    pub node: &'a Node,
}

impl Rule<'_> {
    /// True if the rule applies to API group `g` (`*` matches all).
    pub fn group(&self, g: &str) -> bool {
        self.api_groups.iter().any(|x| x == "*" || x == g)
    }
    /// True if the rule covers resource `r` (`*`, and `pods/*` for subresources).
    pub fn resource(&self, r: &str) -> bool {
        self.resources.iter().any(|x| {
            x == "*"
                || x == r
                || (r.contains('/') && x.ends_with("/*") && r.starts_with(x.trim_end_matches('*')))
        })
    }
    /// True if the rule grants any of `verbs` (`*` grants all).
    pub fn verb(&self, verbs: &[&str]) -> bool {
        self.verbs
            .iter()
            .any(|v| v == "*" || verbs.contains(&v.as_str()))
    }
    /// Line of the rule's `verbs` key (where the grant is), else the rule.
    pub fn line(&self) -> usize {
        self.node.key_line("verbs").unwrap_or(self.node.line)
    }
}

/// Rules of a Role or ClusterRole (none for other kinds).
pub(crate) fn rules(obj: &Object) -> Vec<Rule<'_>> {
    if !matches!(obj.kind(), "Role" | "ClusterRole") {
        return Vec::new();
    }
    let list = |n: &Node, k: &str| -> Vec<String> {
        n.get(k)
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::scalar_text)
            .collect()
    };
    obj.root
        .get("rules")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .map(|n| Rule {
            api_groups: list(n, "apiGroups"),
            resources: list(n, "resources"),
            verbs: list(n, "verbs"),
            resource_names: list(n, "resourceNames"),
            node: n,
        })
        .collect()
}

/// Reports rules granting any of `verbs` on any of `resources` in API group
/// `group` (`?` for any group, for resource names that are unambiguous).
pub(crate) fn rbac_check(
    obj: &Object,
    out: &mut Out,
    group: &str,
    resources: &[&str],
    verbs: &[&str],
    what: &str,
) {
    for r in rules(obj) {
        // `resourceNames` narrows every verb except `create` (and list/watch
        // collections), so a rule scoped to named objects is not a broad grant.
        let scoped = !r.resource_names.is_empty() && !verbs.contains(&"create");
        if !scoped
            && (group == "?" || r.group(group))
            && resources.iter().any(|res| r.resource(res))
            && r.verb(verbs)
        {
            out.emit(r.line(), format!("{} {:?} {what}", obj.kind(), obj.name()));
        }
    }
}

/// Subjects of a RoleBinding/ClusterRoleBinding: `(kind, name, namespace, line)`.
pub(crate) fn subjects(obj: &Object) -> Vec<(String, String, Option<String>, usize)> {
    if !matches!(obj.kind(), "RoleBinding" | "ClusterRoleBinding") {
        return Vec::new();
    }
    obj.root
        .get("subjects")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .map(|s| {
            let t = |k: &str| s.get(k).and_then(Node::scalar_text).unwrap_or_default();
            let ns = s.get("namespace").and_then(Node::scalar_text);
            (
                t("kind"),
                t("name"),
                ns,
                s.key_line("name").unwrap_or(s.line),
            )
        })
        .collect()
}

/// A container image reference split into registry, repository, tag and digest.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ImageRef {
    /// Registry host, `docker.io` when implicit.
    pub registry: String,
    /// True when the reference named no registry.
    pub implicit_registry: bool,
    /// Repository path.
    pub repository: String,
    /// Tag, if any.
    pub tag: Option<String>,
    /// Digest, if any.
    pub digest: Option<String>,
}

/// Splits an image reference the way container runtimes do.
pub(crate) fn parse_image(s: &str) -> ImageRef {
    let (rest, digest) = match s.split_once('@') {
        Some((a, d)) => (a, Some(d.to_string())),
        None => (s, None),
    };
    let (first, remainder) = match rest.split_once('/') {
        Some((f, r)) if f.contains('.') || f.contains(':') || f == "localhost" => (Some(f), r),
        _ => (None, rest),
    };
    let (repository, tag) = match remainder.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r.to_string(), Some(t.to_string())),
        _ => (remainder.to_string(), None),
    };
    ImageRef {
        registry: first.unwrap_or("docker.io").to_string(),
        implicit_registry: first.is_none(),
        repository,
        tag,
        digest,
    }
}

/// Containers with their image string and the line of `image`.
pub(crate) fn images<'a>(cx: &PodCx<'a>) -> Vec<(Container<'a>, String, usize)> {
    cx.containers()
        .filter_map(|c| {
            let n = c.node.get("image")?;
            Some((c, n.scalar_text().unwrap_or_default(), n.line))
        })
        .collect()
}

/// RUN instructions with their full command text (heredocs included).
pub(crate) fn runs(df: &Dockerfile) -> Vec<(&Instruction, String)> {
    df.instructions
        .iter()
        .filter(|i| i.keyword == "RUN")
        .map(|i| (i, i.command_text()))
        .collect()
}

/// Splits shell text into simple commands at `&&`, `||`, `;`, `|` and newlines,
/// and each command into words. Quotes are removed but not interpreted further.
pub(crate) fn shell_commands(text: &str) -> Vec<Vec<String>> {
    let mut cmds = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    let flush_word = |w: &mut String, cur: &mut Vec<String>| {
        if !w.is_empty() {
            cur.push(std::mem::take(w));
        }
    };
    while let Some(ch) = chars.next() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => quote = Some(ch),
            (None, '&' | '|' | ';' | '\n') => {
                if ch == '&' && chars.peek() != Some(&'&') {
                    // A lone `&` backgrounds a command; still a separator.
                }
                flush_word(&mut word, &mut cur);
                if !cur.is_empty() {
                    cmds.push(std::mem::take(&mut cur));
                }
            }
            (None, c) if c.is_whitespace() => flush_word(&mut word, &mut cur),
            (None, c) => word.push(c),
        }
    }
    flush_word(&mut word, &mut cur);
    if !cur.is_empty() {
        cmds.push(cur);
    }
    cmds
}

/// Commands of a RUN whose program (after `sudo`/`env`) is `prog`.
pub(crate) fn commands_of<'t>(cmds: &'t [Vec<String>], prog: &str) -> Vec<&'t [String]> {
    cmds.iter()
        .filter_map(|c| {
            let skip = c
                .iter()
                .take_while(|w| {
                    *w == "sudo" || *w == "env" || w.contains('=') && !w.starts_with('-')
                })
                .count();
            let rest = &c[skip..];
            (rest.first().map(String::as_str) == Some(prog)).then_some(rest)
        })
        .collect()
}

/// True when a word list contains `flag` (exact) or a combined short flag group containing it.
pub(crate) fn has_flag(words: &[String], long: &[&str], short: Option<char>) -> bool {
    words.iter().any(|w| {
        long.contains(&w.as_str())
            || long
                .iter()
                .any(|l| l.starts_with("--") && w.starts_with(&format!("{l}=")))
            || short.is_some_and(|s| w.starts_with('-') && !w.starts_with("--") && w.contains(s))
    })
}

/// True when a name looks like it holds a secret (`DB_PASSWORD`, `apiToken`…).
pub(crate) fn secret_like_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "private_key",
        "access_key",
        "credentials",
        "auth_key",
    ];
    WORDS.iter().any(|w| n.contains(w)) && !n.ends_with("_file") && !n.ends_with("_path")
}

/// `ENV` key/value pairs: `K=V K2="v 2"` or the legacy `K value with spaces`.
pub(crate) fn env_pairs(args: &str) -> Vec<(String, String)> {
    let first = args.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        let (k, v) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
        return vec![(k.to_string(), v.trim().to_string())];
    }
    shell_commands(args)
        .into_iter()
        .flatten()
        .filter_map(|w| {
            w.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

/// The control-plane components whose command lines the `controlplane`
/// checks read.
const COMPONENTS: [&str; 4] = [
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "etcd",
];

/// The command line of a control-plane component (`kube-apiserver`,
/// `kube-controller-manager`, `kube-scheduler`, `etcd`) run by one container
/// of a pod, as a static pod manifest gives it.
///
/// Kubernetes runs `command` followed by `args`; both are read, and an element
/// holding several words (`sh -c "kube-apiserver --a=b …"`) is split on white
/// space. Flags are `--name=value`, `--name value` (the next word when it is
/// not itself a flag) or a bare `--name` (`true`); the last occurrence wins, as
/// with the components' own flag parser.
pub(crate) struct ComponentFlags<'a> {
    /// The component (one of [`COMPONENTS`]).
    pub binary: &'static str,
    /// The container running the component.
    pub container: Container<'a>,
    /// Where to report a flag that is absent: the `command` (or `args`) list,
    /// else the container itself.
    pub line: usize,
    flags: Vec<(String, String, usize)>,
}

impl ComponentFlags<'_> {
    /// The value of `--name`, if given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v.as_str())
    }
    /// True when `--name` is given with a non-empty value.
    pub fn has(&self, name: &str) -> bool {
        self.value(name).is_some_and(|v| !v.is_empty())
    }
    /// True when `--name` is given and equals `v`, ignoring ASCII case.
    pub fn is(&self, name: &str, v: &str) -> bool {
        self.value(name).is_some_and(|x| x.eq_ignore_ascii_case(v))
    }
    /// The comma-separated elements of `--name` (empty when absent).
    pub fn list(&self, name: &str) -> Vec<&str> {
        self.value(name)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
    /// `--name` as an integer, if given and numeric.
    pub fn number(&self, name: &str) -> Option<i64> {
        self.value(name).and_then(|v| v.trim().parse().ok())
    }
    /// The line of `--name`, or [`ComponentFlags::line`] when it is absent.
    pub fn line_of(&self, name: &str) -> usize {
        self.flags
            .iter()
            .rev()
            .find(|(n, _, _)| n == name)
            .map_or(self.line, |(_, _, l)| *l)
    }
    /// `"<container> runs <binary>"`, the start of every message.
    pub fn describe(&self) -> String {
        format!("{} runs {}", self.container.describe(), self.binary)
    }
}

/// Reports every container running `binary` whose flags are `bad`, at the
/// line of `--flag` (or of the command when it is absent), with the message
/// `"<container> runs <binary> <what>"`.
pub(crate) fn component_check(
    cx: &PodCx<'_>,
    out: &mut Out,
    binary: &str,
    flag: &str,
    bad: impl Fn(&ComponentFlags<'_>) -> bool,
    what: &str,
) {
    for p in component_flags(cx, binary) {
        if bad(p) {
            out.emit(p.line_of(flag), format!("{} {what}", p.describe()));
        }
    }
}

/// Every container of the pod whose command line runs `binary` (matched on
/// the last path component of a word, so `/usr/local/bin/etcd` counts). The
/// command lines are read once per pod ([`PodCx::components`]), not once per
/// check.
pub(crate) fn component_flags<'c, 'a>(
    cx: &'c PodCx<'a>,
    binary: &'c str,
) -> impl Iterator<Item = &'c ComponentFlags<'a>> {
    cx.components().iter().filter(move |p| p.binary == binary)
}

/// The control-plane components run by `containers`, with their flags.
pub(crate) fn parse_components<'a>(containers: &[Container<'a>]) -> Vec<ComponentFlags<'a>> {
    let mut out = Vec::new();
    for &c in containers {
        let mut words: Vec<(String, usize)> = Vec::new();
        let mut line = None;
        for field in ["command", "args"] {
            if let Some(list) = c.node.get(field) {
                line.get_or_insert(list.line);
                for (s, l) in strings(Some(list)) {
                    words.extend(s.split_whitespace().map(|w| (w.to_string(), l)));
                }
            }
        }
        for binary in COMPONENTS {
            let Some(start) = words
                .iter()
                .position(|(w, _)| w.rsplit('/').next() == Some(binary))
            else {
                continue;
            };
            out.push(ComponentFlags {
                binary,
                container: c,
                line: line.unwrap_or(c.node.line),
                flags: parse_flags(&words[start + 1..]),
            });
        }
    }
    out
}

/// `(name, value, line)` of the flags among `words`.
fn parse_flags(words: &[(String, usize)]) -> Vec<(String, String, usize)> {
    let mut flags = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (w, l) = &words[i];
        i += 1;
        let Some(flag) = w.strip_prefix("--").or_else(|| w.strip_prefix('-')) else {
            continue;
        };
        let (name, value) = match flag.split_once('=') {
            Some((n, v)) => (n, v),
            None => match words.get(i) {
                Some((next, _)) if !next.starts_with('-') => {
                    i += 1;
                    (flag, next.as_str())
                }
                _ => (flag, "true"),
            },
        };
        let value = value.trim_matches(|ch| ch == '"' || ch == '\'');
        flags.push((name.to_string(), value.to_string(), *l));
    }
    flags
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn image_refs() {
        let r = parse_image("nginx");
        assert_eq!(
            (r.registry.as_str(), r.implicit_registry, r.tag),
            ("docker.io", true, None)
        );
        let r = parse_image("localhost:5000/a/b:1.0@sha256:ab");
        assert_eq!(r.registry, "localhost:5000");
        assert_eq!(r.repository, "a/b");
        assert_eq!(r.tag.as_deref(), Some("1.0"));
        assert_eq!(r.digest.as_deref(), Some("sha256:ab"));
    }

    #[test]
    fn paths() {
        assert!(path_overlaps("/var/run/", "/var/run/docker.sock"));
        assert!(path_overlaps(
            "/var/run/docker.sock",
            "/var/run/docker.sock"
        ));
        assert!(!path_overlaps("/var/runx", "/var/run/docker.sock"));
        assert!(path_overlaps("/", "/etc"));
        assert!(!path_overlaps("/data", "/etc"));
        assert!(!path_overlaps("/var/lib/kubelet-data", "/var/lib/kubelet"));
    }

    #[test]
    fn shell_split() {
        let c = shell_commands("apt-get update && apt-get install -y 'a b' | sh; echo x");
        assert_eq!(c.len(), 4);
        assert_eq!(c[1], ["apt-get", "install", "-y", "a b"]);
        assert_eq!(commands_of(&c, "sh").len(), 1);
        assert!(has_flag(&c[1], &["--yes"], Some('y')));
    }
}
