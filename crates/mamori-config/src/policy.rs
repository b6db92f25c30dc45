//! Policy as code in Rego, evaluated with `regorus` (a pure-Rust Rego
//! interpreter maintained by Microsoft): conftest-style rule sets (`deny`,
//! `warn`, `violation` in any package, input = the object) and OPA Gatekeeper
//! ConstraintTemplates with their Constraints (input = `{review: {object, …},
//! parameters}`, `data.inventory` for referential policies, `spec.match`
//! applied first).
//!
//! This module does not fetch bundles, talk to a cluster or run CEL (the
//! `K8sNativeValidation` half of newer templates); every template in the
//! Gatekeeper library also carries Rego, which is what runs here. Policies are
//! user-supplied code and are trusted as much as the user's own configuration.

use crate::model::{Node, Object, Value};
use serde_json::{json, Map, Value as Json};

/// Why a policy could not be loaded or evaluated.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The Rego did not parse or compile.
    #[error("{name}: invalid rego: {message}")]
    Rego {
        /// Policy or template name.
        name: String,
        /// First line of the engine's message.
        message: String,
    },
    /// A template or constraint object is missing a required field.
    #[error("{name}: {message}")]
    Invalid {
        /// Object name.
        name: String,
        /// What is missing.
        message: String,
    },
    /// Evaluation failed (a builtin error, a conflict in a complete rule …).
    #[error("{name}: evaluation failed: {message}")]
    Eval {
        /// Policy or template name.
        name: String,
        /// First line of the engine's message.
        message: String,
    },
}

/// The engine's message on one line (its errors span several lines with a
/// source excerpt), capped so a hostile policy cannot flood the output.
fn first_line(e: impl std::fmt::Display) -> String {
    let s: Vec<String> = e
        .to_string()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    s.join(" | ").chars().take(400).collect()
}

/// Converts a position-keeping node into JSON (positions dropped).
pub fn to_json(n: &Node) -> Json {
    match &n.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => {
            let mut m = Map::new();
            for (k, v) in entries {
                m.insert(k.text.clone(), to_json(v));
            }
            Json::Object(m)
        }
    }
}

fn engine_with(
    name: &str,
    modules: &[(String, String)],
) -> Result<(regorus::Engine, Vec<String>), PolicyError> {
    let mut engine = regorus::Engine::new();
    let mut packages = Vec::new();
    for (i, (file, text)) in modules.iter().enumerate() {
        // Where regorus reads Rego differently from OPA, the text is first
        // rewritten into its OPA meaning (same lines; see `rego_compat`).
        let text = crate::rego_compat::rewrite(text).into_owned();
        // Accept both Rego v1 and the v0 syntax most existing policies use.
        let mut probe = regorus::Engine::new();
        let v1_ok = probe.add_policy(file.clone(), text.clone()).is_ok();
        engine.set_rego_v0(!v1_ok);
        match engine.add_policy(format!("{file}#{i}"), text) {
            Ok(pkg) => packages.push(pkg),
            Err(e) => {
                return Err(PolicyError::Rego {
                    name: name.to_string(),
                    message: first_line(e),
                })
            }
        }
    }
    Ok((engine, packages))
}

fn eval_json(engine: &mut regorus::Engine, name: &str, rule: &str) -> Result<Json, PolicyError> {
    let results = engine
        .eval_query(rule.to_string(), false)
        .map_err(|e| PolicyError::Eval {
            name: name.to_string(),
            message: first_line(e),
        })?;
    let Some(first) = results.result.first().and_then(|r| r.expressions.first()) else {
        return Ok(Json::Null);
    };
    let text = first.value.to_json_str().map_err(|e| PolicyError::Eval {
        name: name.to_string(),
        message: first_line(e),
    })?;
    serde_json::from_str(&text).map_err(|e| PolicyError::Eval {
        name: name.to_string(),
        message: first_line(e),
    })
}

fn set_input(engine: &mut regorus::Engine, name: &str, input: &Json) -> Result<(), PolicyError> {
    let v = regorus::Value::from_json_str(&input.to_string()).map_err(|e| PolicyError::Eval {
        name: name.to_string(),
        message: first_line(e),
    })?;
    engine.set_input(v);
    Ok(())
}

/// The messages of a rule value: a set/array of strings or of objects with
/// `msg`, or a single string.
fn messages(v: &Json) -> Vec<String> {
    let one = |x: &Json| match x {
        Json::String(s) => s.clone(),
        Json::Object(m) => m
            .get("msg")
            .and_then(Json::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| x.to_string()),
        other => other.to_string(),
    };
    match v {
        Json::Array(a) => a.iter().map(one).collect(),
        Json::Null | Json::Bool(false) => Vec::new(),
        Json::Bool(true) => vec![String::new()],
        other => vec![one(other)],
    }
}

/// A result of a conftest-style rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PolicyResult {
    /// `deny`, `violation` or `warn`.
    pub rule: String,
    /// The Rego package (`data.main`).
    pub package: String,
    /// The message the rule produced.
    pub message: String,
}

/// A set of conftest-style Rego policies.
#[derive(Debug)]
pub struct RegoPolicies {
    engine: regorus::Engine,
    packages: Vec<String>,
}

impl RegoPolicies {
    /// Loads `(file name, rego text)` modules. Each may be Rego v1 or v0.
    pub fn new(modules: &[(String, String)]) -> Result<RegoPolicies, PolicyError> {
        let (engine, mut packages) = engine_with("policy", modules)?;
        packages.sort();
        packages.dedup();
        Ok(RegoPolicies { engine, packages })
    }

    /// Evaluates `deny`, `violation` and `warn` of every package against `input`.
    pub fn eval(&mut self, input: &Json) -> Result<Vec<PolicyResult>, PolicyError> {
        set_input(&mut self.engine, "policy", input)?;
        let mut out = Vec::new();
        for pkg in &self.packages {
            for rule in ["deny", "violation", "warn"] {
                let v = eval_json(&mut self.engine, pkg, &format!("{pkg}.{rule}"))?;
                for message in messages(&v) {
                    out.push(PolicyResult {
                        rule: rule.to_string(),
                        package: pkg.clone(),
                        message,
                    });
                }
            }
        }
        Ok(out)
    }

    /// Evaluates every object (input = the object, as conftest does).
    pub fn eval_objects(
        &mut self,
        objects: &[Object],
    ) -> Vec<(usize, Result<Vec<PolicyResult>, PolicyError>)> {
        objects
            .iter()
            .enumerate()
            .map(|(i, o)| (i, self.eval(&to_json(&o.root))))
            .collect()
    }
}

/// A Gatekeeper ConstraintTemplate, compiled.
#[derive(Debug)]
pub struct ConstraintTemplate {
    /// The constraint kind it defines (`K8sAllowedRepos`).
    pub kind: String,
    engine: regorus::Engine,
    package: String,
}

impl ConstraintTemplate {
    /// Builds a template from its object (`templates.gatekeeper.sh`), using
    /// `spec.targets[0].rego`/`libs` or the `Rego` entry of `spec.targets[0].code`.
    pub fn from_object(obj: &Object) -> Result<ConstraintTemplate, PolicyError> {
        let name = obj.name().to_string();
        let invalid = |m: &str| PolicyError::Invalid {
            name: name.clone(),
            message: m.to_string(),
        };
        let kind = obj
            .root
            .path(&["spec", "crd", "spec", "names", "kind"])
            .and_then(Node::as_str)
            .ok_or_else(|| invalid("template has no spec.crd.spec.names.kind"))?
            .to_string();
        let target = obj
            .root
            .path(&["spec", "targets"])
            .and_then(|t| t.items().first())
            .ok_or_else(|| invalid("template has no spec.targets"))?;
        let mut source = target;
        if target.get("rego").is_none() {
            source = target
                .get("code")
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .find(|c| c.get("engine").and_then(Node::as_str) == Some("Rego"))
                .and_then(|c| c.get("source"))
                .ok_or_else(|| invalid("template has no rego"))?;
        }
        let rego = source
            .get("rego")
            .and_then(Node::as_str)
            .ok_or_else(|| invalid("template has no rego"))?;
        let mut modules = vec![(format!("{name}.rego"), rego.to_string())];
        for (i, lib) in source
            .get("libs")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            modules.push((
                format!("{name}.lib{i}.rego"),
                lib.scalar_text().unwrap_or_default(),
            ));
        }
        let (engine, packages) = engine_with(&name, &modules)?;
        let package = packages
            .into_iter()
            .next()
            .ok_or_else(|| invalid("template has no package"))?;
        Ok(ConstraintTemplate {
            kind,
            engine,
            package,
        })
    }

    /// Reviews `object` (a plain object or an `AdmissionReview`) under `constraint`,
    /// with `inventory` as `data.inventory`. Returns the violation messages; an
    /// object the constraint does not match gives none.
    pub fn review(
        &mut self,
        constraint: &Constraint,
        object: &Object,
        inventory: &[Object],
    ) -> Result<Vec<String>, PolicyError> {
        let name = constraint.name.clone();
        let review = review_of(object);
        let target = review
            .get("object")
            .filter(|o| !o.is_null())
            .or(review.get("oldObject"));
        if let Some(t) = target {
            if !constraint.matches(t) {
                return Ok(Vec::new());
            }
        }
        // Gatekeeper leaves `parameters` undefined (not null) when the constraint
        // has none; policies rely on that with `object.get(input, "parameters", {})`.
        let mut input = json!({ "review": review });
        if !constraint.parameters.is_null() {
            input["parameters"] = constraint.parameters.clone();
        }
        self.engine.clear_data();
        let data = json!({"inventory": inventory_of(inventory)});
        let data =
            regorus::Value::from_json_str(&data.to_string()).map_err(|e| PolicyError::Eval {
                name: name.clone(),
                message: first_line(e),
            })?;
        self.engine.add_data(data).map_err(|e| PolicyError::Eval {
            name: name.clone(),
            message: first_line(e),
        })?;
        set_input(&mut self.engine, &name, &input)?;
        let v = eval_json(
            &mut self.engine,
            &name,
            &format!("{}.violation", self.package),
        )?;
        Ok(messages(&v))
    }
}

fn review_of(object: &Object) -> Json {
    let root = to_json(&object.root);
    if object.kind() == "AdmissionReview" {
        let mut req = root.get("request").cloned().unwrap_or(Json::Null);
        if let Json::Object(m) = &mut req {
            m.entry("operation").or_insert(json!("CREATE"));
        }
        return req;
    }
    let (group, version) = match object.api_version().split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", object.api_version()),
    };
    let mut r = json!({
        "object": root,
        "kind": {"group": group, "version": version, "kind": object.kind()},
        "name": object.name(),
        "operation": "CREATE",
    });
    if let (Some(ns), Json::Object(m)) = (object.namespace(), &mut r) {
        m.insert("namespace".into(), json!(ns));
    }
    r
}

fn inventory_of(objects: &[Object]) -> Json {
    let mut cluster = Map::new();
    let mut namespaced = Map::new();
    for o in objects {
        let entry = |m: &mut Map<String, Json>| {
            let gv = m
                .entry(o.api_version().to_string())
                .or_insert_with(|| json!({}));
            if let Json::Object(gv) = gv {
                let k = gv.entry(o.kind().to_string()).or_insert_with(|| json!({}));
                if let Json::Object(k) = k {
                    k.insert(o.name().to_string(), to_json(&o.root));
                }
            }
        };
        match o.namespace() {
            Some(ns) => {
                let slot = namespaced
                    .entry(ns.to_string())
                    .or_insert_with(|| json!({}));
                if let Json::Object(m) = slot {
                    entry(m);
                }
            }
            None => entry(&mut cluster),
        }
    }
    json!({"cluster": cluster, "namespace": namespaced})
}

/// A Gatekeeper Constraint: which objects it applies to and its parameters.
#[derive(Debug, Clone)]
pub struct Constraint {
    /// The constraint kind (matches a template's kind).
    pub kind: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.parameters` (null when absent).
    pub parameters: Json,
    /// `spec.match` (null when absent).
    pub match_: Json,
}

impl Constraint {
    /// Reads a constraint object.
    pub fn from_object(obj: &Object) -> Constraint {
        let spec = obj.root.get("spec");
        Constraint {
            kind: obj.kind().to_string(),
            name: obj.name().to_string(),
            parameters: spec
                .and_then(|s| s.get("parameters"))
                .map_or(Json::Null, to_json),
            match_: spec
                .and_then(|s| s.get("match"))
                .map_or(Json::Null, to_json),
        }
    }

    /// Applies `spec.match`: kinds, namespaces, excludedNamespaces, name, scope and
    /// labelSelector. (`namespaceSelector` needs the Namespace object and is not
    /// evaluated; it is treated as matching.)
    pub fn matches(&self, obj: &Json) -> bool {
        let m = &self.match_;
        if m.is_null() {
            return true;
        }
        let api = obj.get("apiVersion").and_then(Json::as_str).unwrap_or("");
        let group = api.split_once('/').map_or("", |(g, _)| g);
        let kind = obj.get("kind").and_then(Json::as_str).unwrap_or("");
        // A namespaced object written without a namespace lands in "default",
        // which is how gator and `kubectl apply` treat it.
        let ns = obj
            .pointer("/metadata/namespace")
            .and_then(Json::as_str)
            .or((!is_cluster_scoped(kind)).then_some("default"));
        let name = obj
            .pointer("/metadata/name")
            .and_then(Json::as_str)
            .unwrap_or("");
        let strs = |v: Option<&Json>| -> Vec<String> {
            v.and_then(Json::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let glob = |pat: &str, s: &str| match pat.strip_suffix('*') {
            Some(p) => s.starts_with(p),
            None => pat == s,
        };
        if let Some(kinds) = m.get("kinds").and_then(Json::as_array) {
            let ok = kinds.iter().any(|k| {
                let groups = strs(k.get("apiGroups"));
                let ks = strs(k.get("kinds"));
                (groups.is_empty() || groups.iter().any(|g| g == "*" || g == group))
                    && (ks.is_empty() || ks.iter().any(|k| k == "*" || k == kind))
            });
            if !kinds.is_empty() && !ok {
                return false;
            }
        }
        let nss = strs(m.get("namespaces"));
        if !nss.is_empty() && !ns.is_some_and(|ns| nss.iter().any(|p| glob(p, ns))) {
            return false;
        }
        if ns.is_some_and(|ns| {
            strs(m.get("excludedNamespaces"))
                .iter()
                .any(|p| glob(p, ns))
        }) {
            return false;
        }
        if let Some(n) = m.get("name").and_then(Json::as_str) {
            if !glob(n, name) {
                return false;
            }
        }
        match m.get("scope").and_then(Json::as_str) {
            Some("Namespaced") if ns.is_none() => return false,
            Some("Cluster") if ns.is_some() => return false,
            _ => {}
        }
        if let Some(sel) = m.get("labelSelector") {
            let labels = obj
                .pointer("/metadata/labels")
                .cloned()
                .unwrap_or(json!({}));
            if !selector_matches(sel, &labels) {
                return false;
            }
        }
        true
    }
}

/// Kinds that live outside namespaces (the common built-in ones).
fn is_cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Namespace"
            | "Node"
            | "PersistentVolume"
            | "ClusterRole"
            | "ClusterRoleBinding"
            | "StorageClass"
            | "CustomResourceDefinition"
            | "ValidatingWebhookConfiguration"
            | "MutatingWebhookConfiguration"
            | "ValidatingAdmissionPolicy"
            | "ValidatingAdmissionPolicyBinding"
            | "PriorityClass"
            | "IngressClass"
            | "RuntimeClass"
            | "CSIDriver"
            | "CSINode"
            | "APIService"
            | "CertificateSigningRequest"
            | "ConstraintTemplate"
            | "PodSecurityPolicy"
            | "VolumeAttachment"
    )
}

fn selector_matches(sel: &Json, labels: &Json) -> bool {
    let label = |k: &str| labels.get(k).and_then(Json::as_str);
    if let Some(ml) = sel.get("matchLabels").and_then(Json::as_object) {
        if ml.iter().any(|(k, v)| label(k) != v.as_str()) {
            return false;
        }
    }
    for e in sel
        .get("matchExpressions")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        let key = e.get("key").and_then(Json::as_str).unwrap_or("");
        let values: Vec<&str> = e
            .get("values")
            .and_then(Json::as_array)
            .map(|a| a.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        let have = label(key);
        let ok = match e.get("operator").and_then(Json::as_str).unwrap_or("") {
            "In" => have.is_some_and(|h| values.contains(&h)),
            "NotIn" => !have.is_some_and(|h| values.contains(&h)),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use crate::model::parse_documents;

    #[test]
    fn conftest_rules_v0_and_v1() {
        let v1 = "package main\n\ndeny contains msg if {\n  input.kind == \"Pod\"\n  msg := sprintf(\"pod %s denied\", [input.metadata.name])\n}\n\nwarn contains {\"msg\": \"hi\"} if { true }\n";
        let v0 = "package other\n\nviolation[{\"msg\": msg}] {\n  input.spec.hostPID\n  msg := \"host pid\"\n}\n";
        let mut p =
            RegoPolicies::new(&[("a.rego".into(), v1.into()), ("b.rego".into(), v0.into())])
                .unwrap();
        let objs = parse_documents(
            "p.yaml",
            b"kind: Pod\nmetadata:\n  name: x\nspec:\n  hostPID: true\n",
        )
        .unwrap();
        let mut r = p.eval(&to_json(&objs[0].root)).unwrap();
        r.sort_by(|a, b| a.message.cmp(&b.message));
        let got: Vec<_> = r
            .iter()
            .map(|r| (r.rule.as_str(), r.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("warn", "hi"),
                ("violation", "host pid"),
                ("deny", "pod x denied")
            ]
        );
        let err =
            RegoPolicies::new(&[("bad.rego".into(), "package x\n deny[ {".into())]).unwrap_err();
        assert!(err.to_string().starts_with("policy: invalid rego"), "{err}");
    }

    #[test]
    fn template_rego_is_read_as_opa_reads_it() {
        // The constructs regorus reads differently from OPA (`rego_compat`):
        // a line starting with `(`, chained bodies of a set rule, a negated
        // call on an undefined ref, sprintf with a missing argument.
        let template = b"apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata:\n  name: t\nspec:\n  crd:\n    spec:\n      names:\n        kind: K8sT\n  targets:\n  - target: admission.k8s.gatekeeper.sh\n    rego: |\n      package t\n      violation[{\"msg\": msg}] {\n        input.parameters.spread\n        (input.review.object.spec.max - 1) >= input.parameters.spread\n        msg := sprintf(\"%v has %v\", [input.review.object.kind])\n      } {\n        not ok(input.parameters.missing)\n        msg := \"undefined argument\"\n      }\n      ok(_) { false }\n";
        let mut t =
            ConstraintTemplate::from_object(&parse_documents("t.yaml", template).unwrap()[0])
                .unwrap();
        let c = parse_documents(
            "c.yaml",
            b"kind: K8sT\nmetadata:\n  name: c\nspec:\n  parameters:\n    spread: 2\n",
        )
        .unwrap();
        let c = Constraint::from_object(&c[0]);
        let obj = |max: u32| {
            let y =
                format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  max: {max}\n");
            parse_documents("o.yaml", y.as_bytes()).unwrap().remove(0)
        };
        assert_eq!(
            t.review(&c, &obj(5), &[]).unwrap(),
            ["Pod has %!v(MISSING)"]
        );
        assert!(t.review(&c, &obj(2), &[]).unwrap().is_empty());
    }

    #[test]
    fn rewritten_rego_errors_name_the_original_line() {
        let src =
            "package t\n\np[x] {\n  x := input.a\n  (x + 1) > 0\n} {\n  x := 2\n}\n\nq { y := }\n";
        let err = RegoPolicies::new(&[("p.rego".into(), src.into())]).unwrap_err();
        assert!(err.to_string().contains("p.rego#0:10:"), "{err}");
    }

    #[test]
    fn constraint_match() {
        let objs = parse_documents(
            "c.yaml",
            b"kind: K8sX\nmetadata:\n  name: c\nspec:\n  match:\n    kinds:\n    - apiGroups: [\"\"]\n      kinds: [Pod]\n    excludedNamespaces: [kube-*]\n    labelSelector:\n      matchExpressions:\n      - {key: app, operator: Exists}\n",
        )
        .unwrap();
        let c = Constraint::from_object(&objs[0]);
        let pod = |ns: &str, labels: Json| json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"namespace": ns, "labels": labels}});
        assert!(c.matches(&pod("shop", json!({"app": "a"}))));
        assert!(!c.matches(&pod("kube-system", json!({"app": "a"}))));
        assert!(!c.matches(&pod("shop", json!({}))));
        assert!(!c.matches(&json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"labels": {"app": "a"}}})));
    }
}
