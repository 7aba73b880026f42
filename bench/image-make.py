#!/usr/bin/env python3
"""Builds the benchmark image: a `docker save` archive (uncompressed layers, as docker writes
them) from a Debian root file system made by debootstrap, plus layers an application build
would add. No secret in this file: the token planted in the image is generated here.

usage: bench/image-make.py ROOTFS OUT.tar
  layer 0: the root file system (ADD rootfs.tar /)
  layer 1: usr/lib/x86_64-linux-gnu again (a package upgrade rewriting the libraries)
  layer 2: an application: a config with a generated token, an .env, a node_modules package
  layer 3: a whiteout removing the .env (the token stays in layer 2)
"""
import hashlib
import io
import json
import os
import random
import string
import sys
import tarfile
import tempfile


def add_tree(tar, root, prefix=""):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir
        for name in sorted(dirnames) + sorted(filenames):
            full = os.path.join(dirpath, name)
            arc = os.path.join(prefix, rel_dir, name).lstrip("/")
            info = tar.gettarinfo(full, arcname=arc)
            if info is None:
                continue
            if info.isreg():
                with open(full, "rb") as f:
                    tar.addfile(info, f)
            elif info.isdir() or info.issym() or info.islnk():
                tar.addfile(info)


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    rootfs, out = sys.argv[1], sys.argv[2]
    rng = random.Random(42)
    token = "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))
    work = tempfile.mkdtemp(prefix="ward-bench-image-")
    layers = []

    def layer(build, created_by):
        path = os.path.join(work, f"layer{len(layers)}.tar")
        with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as tar:
            build(tar)
        layers.append((path, sha256_file(path), created_by))

    layer(lambda t: add_tree(t, rootfs), "/bin/sh -c #(nop) ADD file:rootfs in / ")
    layer(
        lambda t: add_tree(t, os.path.join(rootfs, "usr/lib/x86_64-linux-gnu"), "usr/lib/x86_64-linux-gnu"),
        "/bin/sh -c apt-get update && apt-get -y upgrade",
    )

    def app(tar):
        add_bytes(tar, "app/config/deploy.yaml", f"github:\n  token: {token}\n".encode())
        add_bytes(tar, "app/.env", f"GITHUB_TOKEN={token}\n".encode())
        add_bytes(tar, "app/node_modules/lodash/package.json", b'{"name": "lodash", "version": "4.17.20"}\n')
        add_bytes(
            tar,
            "usr/local/lib/python3.11/dist-packages/requests-2.30.0.dist-info/METADATA",
            b"Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n\n",
        )

    layer(app, "/bin/sh -c #(nop) COPY dir:app in /app ")
    layer(lambda t: add_bytes(t, "app/.wh..env", b""), "/bin/sh -c rm /app/.env")

    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {"Env": ["PATH=/usr/local/bin:/usr/bin:/bin"], "Cmd": ["/bin/bash"]},
        "rootfs": {"type": "layers", "diff_ids": [f"sha256:{d}" for _, d, _ in layers]},
        "history": [{"created_by": c} for _, _, c in layers],
    }
    config_bytes = json.dumps(config).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    with tarfile.open(out, "w", format=tarfile.GNU_FORMAT) as tar:
        add_bytes(tar, config_name, config_bytes)
        names = []
        for i, (path, digest, _) in enumerate(layers):
            name = f"{digest}/layer.tar"
            tar.add(path, arcname=name)
            names.append(name)
            os.remove(path)
        manifest = [{"Config": config_name, "RepoTags": ["ward-bench/debian:12"], "Layers": names}]
        add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
    os.rmdir(work)
    print(f"{out}: {os.path.getsize(out)} bytes, {len(layers)} layers")


if __name__ == "__main__":
    main()
