#!/usr/bin/env bash
# Secret-scanning speed: mamori vs trivy (and gitleaks on directories) on a
# debootstrap rootfs and on the multi-layer benchmark image. hyperfine, median
# of RUNS runs, no caches (trivy --cache-backend memory, mamori --no-cache).
# Usage: bench/secrets-speed.sh ROOTFS [RUNS]   (tools: MAMORI, TRIVY, GITLEAKS)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rootfs="$1"; runs="${2:-5}"
layout="$here/out/layout"
mamori="${MAMORI:-$here/../target/release/mamori}"
trivy="${TRIVY:-trivy}"; gitleaks="${GITLEAKS:-gitleaks}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
run() { # name command
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$tmp/r.json" "$2" >/dev/null 2>&1 \
      || hyperfine --style none --warmup 1 --runs "$runs" -i --export-json "$tmp/r.json" "$2" >/dev/null
    python3 -c "import json;r=json.load(open('$tmp/r.json'))['results'][0];print('| $1 | %.3f | %.3f–%.3f |'%(r['median'],r['min'],r['max']))"
}
echo "| scan | median wall (s) | min–max (s) |"
echo "|---|---|---|"
run "mamori rootfs (secrets only)" "$mamori rootfs $rootfs -q --scanners secret -f json -o $tmp/m.json"
run "trivy rootfs --scanners secret" "$trivy rootfs --scanners secret --skip-db-update --offline-scan --cache-backend memory -q -f json -o $tmp/t.json $rootfs"
run "gitleaks dir" "$gitleaks dir $rootfs --no-banner --exit-code 0 --log-level error --report-format json --report-path $tmp/g.json"
run "mamori image (secrets only)" "$mamori image oci:$layout --no-cache -q --scanners secret -f json -o $tmp/mi.json"
run "trivy image --scanners secret" "$trivy image --input $layout --scanners secret --skip-db-update --offline-scan --cache-backend memory -q -f json -o $tmp/ti.json"
