#!/usr/bin/env python3
"""Builds examples/demo-image, the OCI image layout the README quick start scans.

Deterministic (fixed mtimes, sorted entries, gzip without timestamps), so
re-running it reproduces the committed blobs byte for byte. Layers:

1. a Debian 12 base: os-release, a dpkg status database and .list files;
2. Python packages installed with pip (dist-info METADATA);
3. a Node.js application: package-lock.json and node_modules;
4. a clean-up layer: deletes one npm package (whiteout) and empties /tmp (opaque).

Usage: python3 examples/make-demo-image.py [OUTDIR]
"""
import gzip, hashlib, io, json, os, sys, tarfile

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-image")

DPKG = [
    # name, version, arch, source
    ("base-files", "12.4+deb12u5", "amd64", None),
    ("bash", "5.2.15-2+b2", "amd64", None),
    ("libc6", "2.36-9+deb12u4", "amd64", "glibc"),
    ("libssl3", "3.0.11-1~deb12u2", "amd64", "openssl"),
    ("openssl", "3.0.11-1~deb12u2", "amd64", None),
    ("zlib1g", "1:1.2.13.dfsg-1", "amd64", "zlib (1:1.2.13.dfsg-1)"),
    ("libcurl4", "7.88.1-10+deb12u5", "amd64", "curl"),
    ("curl", "7.88.1-10+deb12u5", "amd64", None),
    ("tar", "1.34+dfsg-1.2+deb12u1", "amd64", None),
    ("python3-yaml", "6.0-3+b2", "amd64", "pyyaml"),
]

PIP = [("requests", "2.25.0", "Apache 2.0"), ("urllib3", "1.26.4", "MIT"), ("Jinja2", "2.11.2", "BSD-3-Clause")]
NPM = [("lodash", "4.17.15"), ("minimist", "1.2.5"), ("express", "4.17.1"), ("left-pad", "1.3.0")]


def status():
    paras = []
    for name, ver, arch, src in DPKG:
        p = f"Package: {name}\nStatus: install ok installed\nPriority: optional\nArchitecture: {arch}\n"
        if src:
            p += f"Source: {src}\n"
        p += f"Version: {ver}\nDescription: {name} (demo entry)\n"
        paras.append(p)
    # A removed package whose configuration files remain: not installed.
    paras.append("Package: telnet\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 0.17+2.4-2\n")
    return "\n".join(paras)


def dist_info(name, ver, lic):
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: {ver}\nLicense: {lic}\nSummary: demo\n\n"


def layer(files):
    """files: list of (path, bytes | None for dir | ('wh',) ) -> gzip blob bytes, diff_id."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, data in sorted(files, key=lambda f: f[0]):
            info = tarfile.TarInfo(path)
            info.mtime = 1700000000
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    tar_bytes = raw.getvalue()
    gz = io.BytesIO()
    with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(tar_bytes)
    return gz.getvalue(), "sha256:" + hashlib.sha256(tar_bytes).hexdigest()


def main():
    layers = []
    base = [
        ("etc", None),
        ("etc/os-release", b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'),
        ("etc/debian_version", b"12.5\n"),
        ("var/lib/dpkg/status", status().encode()),
        ("tmp", None),
        ("tmp/build-cache.txt", b"scratch\n"),
    ]
    for name, *_ in DPKG:
        files = [f"/usr/share/doc/{name}/copyright"]
        if name == "python3-yaml":
            files.append("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA")
        base.append((f"var/lib/dpkg/info/{name}:amd64.list", ("/.\n/usr\n" + "\n".join(files) + "\n").encode()))
    base.append(("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA", dist_info("PyYAML", "6.0", "MIT").encode()))
    layers.append((layer(base), "ADD debian-12-rootfs.tar.xz /"))

    py = []
    for name, ver, lic in PIP:
        py.append((f"usr/local/lib/python3.11/site-packages/{name}-{ver}.dist-info/METADATA", dist_info(name, ver, lic).encode()))
    layers.append((layer(py), "RUN pip install requests==2.25.0 urllib3==1.26.4 Jinja2==2.11.2"))

    lock = {"name": "demo-app", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": {"": {"name": "demo-app", "version": "1.0.0", "dependencies": {n: v for n, v in NPM}}}}
    node = [("app/package.json", json.dumps({"name": "demo-app", "version": "1.0.0", "dependencies": {n: v for n, v in NPM}}, indent=2).encode())]
    for n, v in NPM:
        lock["packages"][f"node_modules/{n}"] = {"version": v, "resolved": f"https://registry.npmjs.invalid/{n}/-/{n}-{v}.tgz"}
        node.append((f"app/node_modules/{n}/package.json", json.dumps({"name": n, "version": v}).encode()))
    node.append(("app/package-lock.json", json.dumps(lock, indent=2).encode()))
    layers.append((layer(node), "COPY app/ /app/ && npm ci"))

    cleanup = [("app/node_modules/.wh.left-pad", b""), ("tmp/.wh..wh..opq", b"")]
    layers.append((layer(cleanup), "RUN rm -rf /app/node_modules/left-pad /tmp/*"))

    blobs = os.path.join(OUT, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    for name in os.listdir(blobs):
        os.remove(os.path.join(blobs, name))

    def put(data):
        d = hashlib.sha256(data).hexdigest()
        with open(os.path.join(blobs, d), "wb") as f:
            f.write(data)
        return "sha256:" + d, len(data)

    descs, diff_ids, history = [], [], []
    for (blob, diff_id), created_by in layers:
        d, size = put(blob)
        descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": size})
        diff_ids.append(diff_id)
        history.append({"created": "2024-01-01T00:00:00Z", "created_by": created_by})
    config = {"created": "2024-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
              "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                         "Cmd": ["node", "/app/server.js"], "WorkingDir": "/app", "ExposedPorts": {"3000/tcp": {}}},
              "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}
    cd, cs = put(json.dumps(config, separators=(",", ":"), sort_keys=True).encode())
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs}, "layers": descs}
    md, ms = put(json.dumps(manifest, separators=(",", ":"), sort_keys=True).encode())
    index = {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": ms,
                                                "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, separators=(",", ":"))
    with open(os.path.join(OUT, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    print(f"wrote {OUT} ({len(layers)} layers)")


main()
