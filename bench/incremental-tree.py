#!/usr/bin/env python3
"""Writes the tree bench/incremental.sh scans: N files (default 100,000) in 1,000 directories,
a mix every engine claims, deterministic for a given seed.

    bench/incremental-tree.py DEST [N]

Mix (by share of files): Python 35%, JavaScript/TypeScript 25%, Go 6%, Java 6%, Markdown and
text 10%, JSON 6%, YAML (half of it Kubernetes manifests) 8%, Dockerfiles 1%, lockfiles and
requirements 1% (package-lock.json, requirements.txt, Cargo.lock, go.sum-free go.mod), shell 2%.
About 1% of the code files hold something the engines report (a shell=True call, an eval, a
fake credential shaped like a real one, a privileged container), so results are not all empty.
Credentials are random at generation time and never real.
"""

import json
import os
import random
import string
import sys

DEST = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(20261202)

WORDS = (
    "account order invoice customer payment session token user profile cache queue worker "
    "report metric event stream buffer record index config client server handler request "
    "response router service module parser loader writer reader batch job task result"
).split()


def ident():
    return "_".join(rng.sample(WORDS, 2))


def camel():
    a, b = rng.sample(WORDS, 2)
    return a + b.capitalize()


def python(hot):
    lines = ["import os", "import json", "", ""]
    for _ in range(rng.randint(3, 12)):
        name = ident()
        lines += [
            f"def {name}(value, options=None):",
            f'    """Return the {rng.choice(WORDS)} for value."""',
            "    options = options or {}",
            f"    result = [{rng.choice(WORDS)!r}, value, options.get({rng.choice(WORDS)!r})]",
            "    for item in range(len(result)):",
            "        result[item] = str(result[item])",
            "    return json.dumps(result)",
            "",
        ]
    if hot == 1:
        lines += ["import subprocess", "", "def run(cmd):", "    return subprocess.call(cmd, shell=True)", ""]
    elif hot == 2:
        lines += ["def evaluate(expr):", "    return eval(expr)", ""]
    elif hot == 3:
        key = "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))
        lines += [f'AWS_ACCESS_KEY_ID = "{key}"', ""]
    return "\n".join(lines) + "\n"


def javascript(hot):
    lines = ["'use strict';", ""]
    for _ in range(rng.randint(3, 12)):
        name = camel()
        lines += [
            f"function {name}(input, opts = {{}}) {{",
            f"  const {rng.choice(WORDS)} = Object.assign({{}}, opts);",
            "  return [input].concat(Object.keys(opts)).join(',');",
            "}",
            "",
        ]
    if hot == 1:
        lines += ["function run(code) {", "  return eval(code);", "}", ""]
    elif hot == 3:
        token = "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))
        lines += [f"const githubToken = '{token}';", ""]
    lines.append("module.exports = {};")
    return "\n".join(lines) + "\n"


def go(hot):
    lines = ["package main", "", 'import "fmt"', ""]
    for _ in range(rng.randint(2, 8)):
        lines += [f"func {camel()}(v int) string {{", '\treturn fmt.Sprintf("%d", v)', "}", ""]
    return "\n".join(lines) + "\n"


def java(hot):
    cls = camel().capitalize()
    lines = [f"public class {cls} {{"]
    for _ in range(rng.randint(2, 8)):
        lines += [f"    public String {camel()}(int v) {{", "        return String.valueOf(v);", "    }"]
    lines.append("}")
    return "\n".join(lines) + "\n"


def markdown(hot):
    return "# " + " ".join(rng.sample(WORDS, 3)) + "\n\n" + " ".join(rng.choices(WORDS, k=120)) + "\n"


def json_file(hot):
    return json.dumps({w: rng.randint(0, 1000) for w in rng.sample(WORDS, 8)}, indent=2) + "\n"


def yaml_file(hot):
    if rng.random() < 0.5:
        # Hardened manifests; a "hot" one runs privileged without the rest.
        if hot:
            return (
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                f"  name: {camel().lower()}\nspec:\n  template:\n    spec:\n"
                "      containers:\n        - name: app\n"
                f"          image: registry.example.invalid/app:1.{rng.randint(0, 99)}\n"
                "          securityContext:\n            privileged: true\n"
            )
        return (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
            f"  name: {camel().lower()}\nspec:\n  replicas: 2\n  template:\n    spec:\n"
            "      automountServiceAccountToken: false\n"
            "      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n"
            "      containers:\n        - name: app\n"
            f"          image: registry.example.invalid/app@sha256:{rng.getrandbits(256):064x}\n"
            "          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n"
            "            requests:\n              cpu: 100m\n              memory: 128Mi\n"
            "          securityContext:\n            allowPrivilegeEscalation: false\n"
            "            readOnlyRootFilesystem: true\n            runAsNonRoot: true\n"
            "            capabilities:\n              drop: [ALL]\n"
        )
    return "".join(f"{w}: {rng.randint(0, 99)}\n" for w in rng.sample(WORDS, 6))


def dockerfile(hot):
    base = "python:3.12-slim" if not hot else "python:latest"
    user = "" if hot else "USER app\n"
    return f"FROM {base}\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n{user}CMD [\"python\", \"app.py\"]\n"


def shell(hot):
    return "#!/bin/sh\nset -eu\necho " + " ".join(rng.sample(WORDS, 4)) + "\n"


def requirements(hot):
    pins = ["requests==2.19.0", "django==3.2.0", "flask==2.0.1", "pyyaml==5.3", "jinja2==2.11.2"]
    return "\n".join(rng.sample(pins, 3)) + "\n"


def package_lock(hot):
    deps = {"lodash": "4.17.15", "minimist": "1.2.0", "express": "4.17.1"}
    packages = {"": {"name": camel().lower(), "version": "1.0.0"}}
    for name, version in deps.items():
        packages[f"node_modules/{name}"] = {"version": version}
    return json.dumps({"name": "app", "lockfileVersion": 3, "packages": packages}, indent=2) + "\n"


KINDS = [
    (35, ".py", python),
    (25, ".js", javascript),
    (6, ".go", go),
    (6, ".java", java),
    (10, ".md", markdown),
    (6, ".json", json_file),
    (8, ".yaml", yaml_file),
    (1, "Dockerfile", dockerfile),
    (2, ".sh", shell),
    (1, "lock", None),
]
weights = [k[0] for k in KINDS]

os.makedirs(DEST, exist_ok=True)
for i in range(N):
    directory = os.path.join(DEST, f"svc{i // 10_000:02d}", f"mod{(i // 100) % 100:02d}")
    if i % 100 == 0:
        os.makedirs(directory, exist_ok=True)
    share, ext, make = rng.choices(KINDS, weights)[0]
    hot = rng.randint(1, 3) if rng.random() < 0.01 else 0
    if make is None:
        name, make = rng.choice([("requirements.txt", requirements), ("package-lock.json", package_lock)])
        path = os.path.join(directory, f"{i:06d}-{name}") if name != "requirements.txt" else os.path.join(directory, f"requirements-{i:06d}.txt")
        if name == "package-lock.json":
            os.makedirs(os.path.join(directory, f"app{i:06d}"), exist_ok=True)
            path = os.path.join(directory, f"app{i:06d}", "package-lock.json")
    elif ext == "Dockerfile":
        os.makedirs(os.path.join(directory, f"img{i:06d}"), exist_ok=True)
        path = os.path.join(directory, f"img{i:06d}", "Dockerfile")
    else:
        path = os.path.join(directory, f"{ident()}_{i:06d}{ext}")
    with open(path, "w") as f:
        f.write(make(hot))
