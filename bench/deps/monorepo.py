"""Writes a monorepo of 20 lockfiles holding 10,000 packages in all, for bench/deps.sh.

Package names are real ones with advisories (so lookups hit the index) mixed with generated
names (so most lookups miss, as in a real project). Versions are old enough to match some
advisories. Deterministic: the same tree every run.
"""
import json
import os
import sys

root = sys.argv[1]
known = {
    "crates": ["smallvec", "serde_yaml", "hyper", "tokio", "time", "chrono", "regex", "openssl"],
    "npm": ["lodash", "minimist", "axios", "express", "moment"],
    "pypi": ["django", "requests", "urllib3", "jinja2", "pyyaml", "flask", "pillow"],
    "go": ["golang.org/x/net", "golang.org/x/text", "golang.org/x/crypto", "github.com/gin-gonic/gin"],
}


def names(kind, count, seed):
    out = []
    for i in range(count):
        base = known[kind][i % len(known[kind])] if i % 10 == 0 else f"{kind}-pkg-{seed}-{i}"
        out.append(base)
    return out


per_file = 500
os.makedirs(root, exist_ok=True)
for n in range(20):
    d = os.path.join(root, f"svc{n:02}")
    os.makedirs(d, exist_ok=True)
    kind = ["crates", "npm", "pypi", "go"][n % 4]
    pkgs = names(kind, per_file, n)
    if kind == "crates":
        lines = ["version = 3", ""]
        for i, name in enumerate(pkgs):
            lines += ["[[package]]", f'name = "{name}"', f'version = "0.{i % 9}.{i % 7}"',
                      'source = "registry+https://github.com/rust-lang/crates.io-index"', ""]
        open(os.path.join(d, "Cargo.lock"), "w").write("\n".join(lines))
    elif kind == "npm":
        packages = {"": {"dependencies": {}}}
        for i, name in enumerate(pkgs):
            packages[f"node_modules/{name}" if name not in packages else f"node_modules/x/node_modules/{name}{i}"] = {
                "version": f"{1 + i % 3}.{i % 10}.{i % 5}"}
        json.dump({"lockfileVersion": 3, "packages": packages}, open(os.path.join(d, "package-lock.json"), "w"), indent=2)
    elif kind == "pypi":
        open(os.path.join(d, "requirements.txt"), "w").write(
            "".join(f"{name}=={1 + i % 3}.{i % 10}.{i % 5}\n" for i, name in enumerate(pkgs)))
    else:
        body = "".join(f"\t{name if '/' in name else 'example.com/' + name} v0.{i % 9}.{i % 7}\n" for i, name in enumerate(pkgs))
        open(os.path.join(d, "go.mod"), "w").write(f"module example.com/svc{n}\n\ngo 1.21\n\nrequire (\n{body})\n")
