#!/usr/bin/env python3
"""Tables for bench/iac-compare.sh: Ward's IaC findings matched to Checkov's and zizmor's.

usage: iac_compare_report.py RESULTS_DIR NAME=DIR...

For each Ward check with Checkov equivalents (its documentation's references say "Equivalent
Checkov check: CKV_..."), a Ward finding and a Checkov failure of one of those ids agree when
they are in the same file and the Ward finding's line lies in the line range Checkov gives for
the failing resource. Locations are counted once each (a module's resource evaluated for several
instances is one location for both tools). GitHub Actions findings are matched to zizmor's audits
(fixed table below) by file and line range of any of the audit's locations.
"""

import collections
import json
import os
import sys

results = sys.argv[1]
corpora = [arg.split("=", 1) for arg in sys.argv[2:]]


def rel(path, root):
    """The path relative to the corpus directory, however the tool wrote it."""
    path = path.lstrip("/")
    root = root.rstrip("/") + "/"
    if root in "/" + path:
        path = ("/" + path).split(root, 1)[1]
    return path[2:] if path.startswith("./") else path

rules = json.load(open(os.path.join(results, "ward-rules.json")))
if isinstance(rules, dict):
    rules = rules.get("rules", [])
ckv_of = {}
for r in rules:
    ids = [ref.split(":", 1)[1].strip() for ref in r.get("references", [])
           if ref.startswith("Equivalent Checkov check:")]
    ckv_of[r["id"]] = ids

# zizmor reports `dangerous-triggers` at the workflow's `on:` trigger, Ward's dangerous-checkout at
# the checkout step: these agree when they are in the same file.
BY_FILE = {"github-actions/dangerous-checkout"}

ZIZMOR = {
    "github-actions/template-injection": ["template-injection"],
    "github-actions/unpinned-action": ["unpinned-uses"],
    "github-actions/dangerous-checkout": ["dangerous-triggers"],
    "github-actions/checkout-persist-credentials": ["artipacked"],
    "github-actions/excessive-permissions": ["excessive-permissions"],
    "github-actions/missing-permissions": ["excessive-permissions"],
    "github-actions/secrets-inherit": ["secrets-inherit"],
    "github-actions/self-hosted-runner-pull-request": ["self-hosted-runner"],
    "github-actions/insecure-commands": ["insecure-commands"],
}


def load(path):
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return None
    return json.loads(text) if text.strip() else None


def ward_hits(corpus, root):
    data = load(os.path.join(results, f"{corpus}.ward.json"))
    hits = collections.defaultdict(set)  # rule -> {(path, line)}
    for f in data["findings"]:
        if f.get("engine") != "iac":
            continue
        loc = f["location"]
        hits[f["rule_id"]].add((rel(loc["path"], root), loc["start_line"]))
    return hits


# Which of Checkov's frameworks each family of Ward checks meets. Checkov uses one CKV_AWS id for
# the Terraform and the CloudFormation form of a check, as Ward's terraform/ checks read both.
# Ward's image/ checks read image configurations (JSON), which Checkov does not scan: their
# CKV_DOCKER ids name the Dockerfile checks of the same property, so they are not matched here.
FRAMEWORKS = {
    "terraform": {"terraform", "cloudformation"},
    "kubernetes": {"kubernetes"},
    "dockerfile": {"dockerfile"},
    "github-actions": {"github_actions"},
}


def checkov_hits(corpus, root):
    data = load(os.path.join(results, f"{corpus}.checkov.json"))
    hits = collections.defaultdict(set)  # (framework, ckv id) -> {(path, first, last)}
    if data is None:
        return hits
    for part in data if isinstance(data, list) else [data]:
        for c in part.get("results", {}).get("failed_checks", []):
            first, last = c.get("file_line_range") or [0, 0]
            hits[(part.get("check_type"), c["check_id"])].add((rel(c["file_path"], root), first, last))
    return hits


def checkov_of(rule, ckv):
    """The Checkov failures of the ids Ward's `rule` names, in the frameworks its family meets."""
    frameworks = FRAMEWORKS.get(rule.split("/", 1)[0], set())
    return set().union(*(v for (fw, i), v in ckv.items() if fw in frameworks and i in ckv_of.get(rule, [])))


def zizmor_hits(corpus, root):
    data = load(os.path.join(results, f"{corpus}.zizmor.json"))
    hits = collections.defaultdict(set)  # ident -> {(path, ((first, last), ...))}
    for audit in data or []:
        spans, path = [], None
        for loc in audit["locations"]:
            key = loc["symbolic"]["key"]
            p = key.get("Local", {}).get("verbatim_path") if isinstance(key, dict) else None
            path = path or (rel(p, root) if p else p)
            c = loc["concrete"]["location"]
            spans.append((c["start_point"]["row"] + 1, c["end_point"]["row"] + 1))
        hits[audit["ident"]].add((path, tuple(sorted(set(spans)))))
    return hits


DETAILS = int(os.environ.get("DETAILS", "4"))  # disagreements listed per check and side
details = []


def agree(ward, other, inside, label=None):
    both = {w for w in ward if any(inside(w, o) for o in other)}
    other_only = {o for o in other if not any(inside(w, o) for w in ward)}
    if label and DETAILS:
        for side, items in [("Ward only", ward - both), (label[1] + " only", other_only)]:
            for item in sorted(items, key=str)[:DETAILS]:
                where = f"{item[0]}:{item[1]}" if isinstance(item[1], int) else f"{item[0]} {list(item[1:]) if len(item) > 2 else item[1]}"
                details.append(f"- `{label[0]}` {side}: {where}")
    return len(both), len(ward - both), len(other_only)


def print_details():
    if details:
        print(f"\nDisagreements (at most {DETAILS} per check and side):\n")
        print("\n".join(details))
    details.clear()


def in_range(w, c):
    return w[0] == c[0] and c[1] <= w[1] <= c[2]


def in_spans(w, z):
    return w[0] == z[0] and any(a <= w[1] <= b for a, b in z[1])


def same_file(w, z):
    return w[0] == z[0]


for corpus, root in corpora:
    ward = ward_hits(corpus, root)
    ckv = checkov_hits(corpus, root)
    print(f"\n### {corpus}: Ward checks with Checkov equivalents\n")
    print("| Ward check | Checkov | both | Ward only | Checkov only |")
    print("| --- | --- | ---: | ---: | ---: |")
    totals = [0, 0, 0]
    used = set()
    for rule in sorted(set(ward) | {r for r in ckv_of if checkov_of(r, ckv)}):
        ids = ckv_of.get(rule, [])
        if not ids or rule.split("/", 1)[0] not in FRAMEWORKS:
            continue
        other = checkov_of(rule, ckv)
        used.update(ids)
        b, wo, co = agree(ward.get(rule, set()), other, in_range, (rule, "Checkov"))
        if b + wo + co == 0:
            continue
        totals = [totals[0] + b, totals[1] + wo, totals[2] + co]
        print(f"| `{rule}` | {', '.join(ids)} | {b} | {wo} | {co} |")
    print(f"| **all** | | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** |")
    unmapped = {r: len(v) for r, v in ward.items() if not ckv_of.get(r) and not r.startswith("github-actions/")}
    if unmapped:
        print(f"\nWard checks without a Checkov equivalent that fired here: "
              + ", ".join(f"`{r}` ({n})" for r, n in sorted(unmapped.items())))
    by_id = collections.defaultdict(set)
    for (_, i), v in ckv.items():
        if i not in used:
            by_id[i] |= v
    rest = sorted(((len(v), k) for k, v in by_id.items()), reverse=True)
    if rest:
        print(f"\nCheckov failures with no Ward equivalent ({sum(n for n, _ in rest)} locations, "
              f"{len(rest)} check ids), most frequent: "
              + ", ".join(f"{k} ({n})" for n, k in rest[:25]))
    print_details()

    ziz = zizmor_hits(corpus, root)
    if ziz:
        print(f"\n### {corpus}: GitHub Actions, Ward vs zizmor\n")
        print("| Ward check | zizmor audit | both | Ward only | zizmor only |")
        print("| --- | --- | ---: | ---: | ---: |")
        used = set()
        for rule, idents in ZIZMOR.items():
            other = set().union(*(ziz.get(i, set()) for i in idents))
            used.update(idents)
            match = same_file if rule in BY_FILE else in_spans
            b, wo, zo = agree(ward.get(rule, set()), other, match, (rule, "zizmor"))
            if b + wo + zo:
                print(f"| `{rule}` | {', '.join(idents)} | {b} | {wo} | {zo} |")
        rest = {k: len(v) for k, v in ziz.items() if k not in used}
        if rest:
            print("\nzizmor audits with no Ward equivalent: "
                  + ", ".join(f"{k} ({n})" for k, n in sorted(rest.items())))
        extra = {r: len(v) for r, v in ward.items() if r.startswith("github-actions/") and r not in ZIZMOR}
        if extra:
            print("\nWard workflow checks with no zizmor audit: "
                  + ", ".join(f"`{r}` ({n})" for r, n in sorted(extra.items())))
        print_details()
