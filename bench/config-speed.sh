#!/usr/bin/env bash
# Misconfiguration-scan speed and memory: mamori on the generated 10,000-object
# corpus (JSON-documents and block-YAML renderings of the same seeded objects),
# and mamori, checkov and `trivy config` side by side on its first 1,000
# objects (block YAML; the peers are too slow for 10,000 runs to fit a
# benchmark session). Wall time and peak RSS from /usr/bin/time, median of
# RUNS runs for mamori and PEER_RUNS runs for the peers. Prints a Markdown table.
# Usage: bench/config-speed.sh [RUNS] [PEER_RUNS]
#   tools: MAMORI (default target/release/mamori), CHECKOV, TRIVY; CORPUS (/tmp);
#   PEERS=0 measures mamori only (e.g. MAMORI=old-build PEERS=0 for a before/after).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"; peer_runs="${2:-3}"
mamori="${MAMORI:-$here/../target/release/mamori}"
checkov="${CHECKOV:-checkov}"; trivy="${TRIVY:-trivy}"
base="${CORPUS:-/tmp}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

[ -d "$base/k8s10k" ] || python3 "$here/make-k8s-corpus.py" "$base/k8s10k" >/dev/null
[ -d "$base/k8s10k-yaml" ] || python3 "$here/make-k8s-corpus.py" --block "$base/k8s10k-yaml" >/dev/null
if [ ! -d "$base/k8s1k-yaml" ]; then
    mkdir -p "$base/k8s1k-yaml"
    cp "$base"/k8s10k-yaml/objects-000[0-9].yaml "$base/k8s1k-yaml/"
fi

# measure NAME OBJECTS RUNS COMMAND...: one table row, medians over RUNS.
measure() {
    local name="$1" objects="$2" n="$3"; shift 3
    : > "$tmp/times"
    for _ in $(seq "$n"); do
        # Exit codes are ignored: checkov exits 1 when it finds something.
        /usr/bin/time -f "%e %M" -o "$tmp/one" "$@" >/dev/null 2>"$tmp/err" || true
        tail -n1 "$tmp/one" >> "$tmp/times"
    done
    python3 - "$name" "$objects" "$tmp/times" <<'EOF'
import statistics, sys
name, objects, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [l.split() for l in open(path) if l.strip()]
wall = statistics.median(float(r[0]) for r in rows)
rss = statistics.median(int(r[1]) for r in rows) / 1024
lo, hi = min(float(r[0]) for r in rows), max(float(r[0]) for r in rows)
print(f"| {name} | {objects:,} | {len(rows)} | {wall:.2f} ({lo:.2f}–{hi:.2f}) | {objects / wall:,.0f} | {rss:,.0f} |")
EOF
}

echo "| run | objects | runs | median wall s (min–max) | objects/s | median peak RSS MiB |"
echo "|---|---|---|---|---|---|"
measure "mamori config, JSON docs, -f json" 10000 "$runs" "$mamori" config "$base/k8s10k" -f json -o "$tmp/m.json"
measure "mamori config, JSON docs, -f sarif" 10000 "$runs" "$mamori" config "$base/k8s10k" -f sarif -o "$tmp/m.sarif"
measure "mamori config, block YAML, -f json" 10000 "$runs" "$mamori" config "$base/k8s10k-yaml" -f json -o "$tmp/m.json"
measure "mamori config, block YAML, -f sarif" 10000 "$runs" "$mamori" config "$base/k8s10k-yaml" -f sarif -o "$tmp/m.sarif"
measure "mamori config, 1k block YAML, -f json" 1000 "$runs" "$mamori" config "$base/k8s1k-yaml" -f json -o "$tmp/m.json"
[ "${PEERS:-1}" = 0 ] && exit 0
# checkov: --skip-download and BC_SKIP_MAPPING keep it off the network.
measure "checkov -d --framework kubernetes -o json" 1000 "$peer_runs" \
    env BC_SKIP_MAPPING=TRUE "$checkov" -d "$base/k8s1k-yaml" --framework kubernetes -o json --quiet --skip-download
# trivy: --skip-check-update falls back to the checks embedded in the binary.
measure "trivy config --misconfig-scanners kubernetes -f json" 1000 "$peer_runs" \
    "$trivy" config --skip-check-update --misconfig-scanners kubernetes -q -f json -o "$tmp/t.json" "$base/k8s1k-yaml"
