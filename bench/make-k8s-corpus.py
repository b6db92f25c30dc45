#!/usr/bin/env python3
"""Generates N Kubernetes objects (default 10,000) for the config benchmark:
Deployments, StatefulSets, DaemonSets, CronJobs, Pods, Services, Roles and
RoleBindings with a seeded mix of good and bad settings, 100 objects per
multi-document YAML file. By default each document is written as JSON (which
is YAML); with --block the same objects are written as block-style YAML, the
way people write manifests (and the form trivy's Kubernetes scanner accepts:
it reads a file that starts with `{` as a single JSON document).
Usage: python3 bench/make-k8s-corpus.py [--block] OUTDIR [N]"""
import json, os, random, sys

args = [a for a in sys.argv[1:] if a != "--block"]
block = "--block" in sys.argv[1:]
out = args[0]
n = int(args[1]) if len(args) > 1 else 10000
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


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v)  # a JSON string is a YAML double-quoted scalar


def to_block(v, indent=0):
    """Block-style YAML for the dicts, lists and scalars this script makes."""
    pad = " " * indent
    lines = []
    for k, x in v.items():
        if isinstance(x, dict) and x:
            lines.append(f"{pad}{k}:")
            lines.append(to_block(x, indent + 2))
        elif isinstance(x, list) and x and all(isinstance(i, dict) for i in x):
            lines.append(f"{pad}{k}:")
            for item in x:
                body = to_block(item, indent + 2)
                lines.append(f"{pad}- " + body[indent + 2:])
        elif isinstance(x, list):
            lines.append(f"{pad}{k}: [" + ", ".join(scalar(i) for i in x) + "]")
        elif isinstance(x, dict):
            lines.append(f"{pad}{k}: {{}}")
        else:
            lines.append(f"{pad}{k}: {scalar(x)}")
    return "\n".join(lines)


per_file = 100
for f in range((n + per_file - 1) // per_file):
    objs = [obj(f * per_file + k) for k in range(min(per_file, n - f * per_file))]
    docs = [to_block(o) if block else json.dumps(o, indent=1) for o in objs]
    with open(os.path.join(out, f"objects-{f:04d}.yaml"), "w") as fh:
        fh.write("\n---\n".join(docs) + "\n")
print(f"wrote {n} objects to {out}")
