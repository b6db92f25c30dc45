#!/usr/bin/env bash
# Builds the multi-layer benchmark image (Debian 12 minbase + Python + npm + Rust
# lockfile + a clean-up layer) as an OCI archive, without Docker:
#   layer 1  debootstrap --variant=minbase bookworm
#   layer 2  pip install --target (Python packages with dist-info)
#   layer 3  npm install (node_modules + package-lock.json)
#   layer 4  a Rust project's Cargo.lock (this repository's)
#   layer 5  deletions: a whiteout and apt lists removed
# Needs: debootstrap, python3 (pip), npm, umoci, skopeo. Network: Debian, PyPI, npm.
# Output: bench/out/bench-image.tar (oci-archive) and bench/out/layout (OCI layout).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/out"
work="$out/work"
mkdir -p "$out" "$work"

rootfs="${DEB_ROOTFS:-$work/rootfs}"
if [ ! -x "$rootfs/bin/sh" ]; then
    debootstrap --variant=minbase bookworm "$rootfs" >/dev/null
fi

layer_dir() { rm -rf "$work/$1"; mkdir -p "$work/$1"; echo "$work/$1"; }

py="$(layer_dir py)"
python3 -m pip install -q --no-compile --target "$py/usr/local/lib/python3.11/site-packages" \
    requests==2.31.0 flask==2.2.2 django==4.1.0 pyyaml==6.0 jinja2==3.1.2 urllib3==1.26.15 cryptography==41.0.0 >/dev/null

node="$(layer_dir node)"
mkdir -p "$node/app"
cat > "$node/app/package.json" <<'JSON'
{"name": "bench-app", "version": "1.0.0", "dependencies": {"express": "4.17.1", "lodash": "4.17.20", "axios": "0.21.1", "moment": "2.29.1", "minimist": "1.2.5", "webpack": "5.88.0"}}
JSON
(cd "$node/app" && npm install --silent --no-audit --no-fund --ignore-scripts >/dev/null)

rust="$(layer_dir rust)"
mkdir -p "$rust/src/rust-app"
cp "$here/../Cargo.lock" "$rust/src/rust-app/Cargo.lock"

cleanup="$(layer_dir cleanup)"
mkdir -p "$cleanup/app/node_modules" "$cleanup/var/lib/apt"
: > "$cleanup/app/node_modules/.wh.moment"
: > "$cleanup/var/lib/apt/.wh.lists"

# Assemble an OCI layout with umoci, one layer per directory.
layout="$out/layout"
rm -rf "$layout"
umoci init --layout "$layout" >/dev/null
umoci new --image "$layout:bench" >/dev/null
for d in "$rootfs" "$py" "$node" "$rust" "$cleanup"; do
    # umoci raw add-layer takes a tar of the layer's contents.
    tar -C "$d" -cf "$work/layer.tar" .
    umoci raw add-layer --image "$layout:bench" "$work/layer.tar" >/dev/null
done
rm -f "$work/layer.tar"
rm -f "$out/bench-image.tar"
skopeo copy --quiet "oci:$layout:bench" "oci-archive:$out/bench-image.tar:bench"
ls -l "$out/bench-image.tar"
