#!/usr/bin/env bash
# Compares `mamori image` with syft and trivy on the benchmark image
# (bench/make-bench-image.sh), beside the floor: inflating every layer blob.
# Wall time: hyperfine, median of RUNS runs; peak RSS: GNU time, median of RUNS.
# Tools: MAMORI (default target/release/mamori), TRIVY, SYFT (default: on PATH).
# Usage: bench/compare.sh [RUNS]   → prints a Markdown table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
layout="$here/out/layout"
mamori="${MAMORI:-$here/../target/release/mamori}"
trivy="${TRIVY:-trivy}"
syft="${SYFT:-syft}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
[ -d "$layout" ] || { echo "run bench/make-bench-image.sh first" >&2; exit 1; }

# The layer blobs named by the manifest.
manifest=$(python3 -c "import json,sys;print(json.load(open('$layout/index.json'))['manifests'][0]['digest'].split(':')[1])")
layers=$(python3 -c "import json;m=json.load(open('$layout/blobs/sha256/$manifest'));print(' '.join(l['digest'].split(':')[1] for l in m['layers']))")
inflate="for b in $layers; do gzip -dc $layout/blobs/sha256/\$b >/dev/null; done"

declare -A cmds=(
  [floor]="$inflate"
  [mamori]="$mamori image oci:$layout --no-cache -q --scanners none -f cyclonedx -o $tmp/m.json"
  [mamori+secrets]="$mamori image oci:$layout --no-cache -q --scanners secret -f cyclonedx -o $tmp/ms.json"
  [trivy]="$trivy image --input $layout --format cyclonedx --output $tmp/t.json --skip-db-update --offline-scan --scanners license --cache-backend memory -q"
  [syft]="$syft -q oci-dir:$layout -o cyclonedx-json=$tmp/s.json"
)
order=(floor mamori mamori+secrets trivy syft)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "| tool | median wall (s) | min–max (s) | median peak RSS (MiB) | packages |"
echo "|---|---|---|---|---|"
for t in "${order[@]}"; do
    c="${cmds[$t]}"
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$tmp/$t.json" --shell=bash "$c" >/dev/null 2>&1 \
      || hyperfine --style none --warmup 1 --runs "$runs" --export-json "$tmp/$t.json" "$c" >/dev/null
    read -r med min max < <(python3 -c "import json;r=json.load(open('$tmp/$t.json'))['results'][0];print('%.3f %.3f %.3f'%(r['median'],r['min'],r['max']))")
    rss=$(for i in $(seq "$runs"); do /usr/bin/time -f %M bash -c "$c" 2>&1 >/dev/null | tail -1; done | median)
    pk="-"
    case $t in
      mamori) pk=$(python3 -c "import json;print(len(json.load(open('$tmp/m.json'))['components']))") ;;
      mamori+secrets) pk=$(python3 -c "import json;print(len(json.load(open('$tmp/ms.json'))['components']))") ;;
      trivy) pk=$(python3 -c "import json;print(len(json.load(open('$tmp/t.json'))['components']))") ;;
      syft) pk=$(python3 -c "import json;print(len(json.load(open('$tmp/s.json'))['components']))") ;;
    esac
    echo "| $t | $med | $min–$max | $((rss / 1024)) | $pk |"
done
