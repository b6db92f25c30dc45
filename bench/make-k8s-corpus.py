#!/usr/bin/env python3
"""Generates N Kubernetes objects (default 10,000) for the config benchmark:
Deployments, StatefulSets, DaemonSets, CronJobs, Pods, Services, Roles and
RoleBindings with a seeded mix of good and bad settings, 100 objects per
multi-document YAML file (each document written as JSON, which is YAML).
Usage: python3 bench/make-k8s-corpus.py OUTDIR [N]"""
import json, os, random, sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(0x6b38)
os.makedirs(out, exist_ok=True)


def container(i):
    sc = {}
    if rng.random() < 0.3: sc["privileged"] = True
    if rng.random() < 0.5: sc["allowPrivilegeEscalation"] = False
    if rng.random() < 0.5: sc["runAsNonRoot"] = True
    if rng.random() < 0.4: sc["readOnlyRootFilesystem"] = True
    if rng.random() < 0.3: sc["capabilities"] = {"add": ["SYS_ADMIN"]} if rng.random() < 0.3 else {"drop": ["ALL"]}
    c = {"name": f"c{i}", "image": rng.choice(["nginx:latest", "registry.example.invalid/app:1.2.3", "redis", "ghcr.io/acme/api@sha256:" + "a" * 64])}
    if sc: c["securityContext"] = sc
    if rng.random() < 0.5:
        c["resources"] = {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}}
    return c


def pod_spec():
    spec = {"containers": [container(j) for j in range(rng.randint(1, 2))]}
    if rng.random() < 0.1: spec["hostNetwork"] = True
    if rng.random() < 0.05: spec["volumes"] = [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}]
    return spec


def obj(i):
    meta = {"name": f"obj-{i}", "namespace": rng.choice(["default", "prod", "staging"])}
    kind = rng.choice(["Deployment"] * 4 + ["StatefulSet", "DaemonSet", "CronJob", "Pod", "Service", "Role", "RoleBinding"])
    labels = {"app": f"a{i}"}
    if kind in ("Deployment", "StatefulSet", "DaemonSet"):
        return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta,
                "spec": {"selector": {"matchLabels": labels}, "template": {"metadata": {"labels": labels}, "spec": pod_spec()}}}
    if kind == "CronJob":
        spec = pod_spec(); spec["restartPolicy"] = "OnFailure"
        return {"apiVersion": "batch/v1", "kind": kind, "metadata": meta,
                "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": spec}}}}}
    if kind == "Pod":
        return {"apiVersion": "v1", "kind": kind, "metadata": meta, "spec": pod_spec()}
    if kind == "Service":
        return {"apiVersion": "v1", "kind": kind, "metadata": meta,
                "spec": {"type": rng.choice(["ClusterIP", "NodePort", "LoadBalancer"]), "selector": labels, "ports": [{"port": 80}]}}
    if kind == "Role":
        return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta,
                "rules": [{"apiGroups": [""], "resources": rng.choice([["pods"], ["secrets"], ["pods/exec"], ["*"]]),
                           "verbs": rng.choice([["get", "list"], ["*"], ["create"]])}]}
    return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta,
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": rng.choice(["view", "cluster-admin", "edit"])},
            "subjects": [{"kind": "ServiceAccount", "name": "default", "namespace": meta["namespace"]}]}


per_file = 100
for f in range((n + per_file - 1) // per_file):
    docs = [json.dumps(obj(f * per_file + k), indent=1) for k in range(min(per_file, n - f * per_file))]
    with open(os.path.join(out, f"objects-{f:04d}.yaml"), "w") as fh:
        fh.write("\n---\n".join(docs) + "\n")
print(f"wrote {n} objects to {out}")
