#!/usr/bin/env python3
"""Turns the raw outputs of bench/secrets.sh into Markdown tables.

    secrets_report.py timing  --group NAME --base ward-NAME hyperfine.json... [--rss name=file]...
    secrets_report.py labelled MANIFEST.tsv ward.json gitleaks.json
    secrets_report.py precision ward.json gitleaks.json review.tsv todo.tsv
    secrets_report.py history planted.tsv repo ward.json gitleaks.json

Paths in the corpus reports are compared relative to bench/corpus/.
"""
import argparse
import collections
import json
import os
import random
import statistics
import subprocess
import sys

# --- loading --------------------------------------------------------------------------------------


def corpus_rel(path):
    path = path.replace("\\", "/")
    for prefix in ("bench/corpus/", "./bench/corpus/"):
        if path.startswith(prefix):
            return path[len(prefix):]
    i = path.find("/bench/corpus/")
    return path[i + len("/bench/corpus/"):] if i >= 0 else path


def ward_findings(path):
    report = json.load(open(path))
    out = []
    for f in report["findings"]:
        loc = f["location"]
        out.append(dict(rule=f["rule_id"].split("/", 1)[-1], path=loc["path"], line=loc["start_line"],
                        end_line=loc.get("end_line", loc["start_line"]), snippet=loc.get("snippet", ""),
                        extra=f.get("detail", {}).get("extra", {})))
    return out, report


def gitleaks_findings(path):
    out = []
    for f in json.load(open(path)) or []:
        out.append(dict(rule=f["RuleID"], path=f["File"], line=f["StartLine"], end_line=f["EndLine"],
                        secret=f.get("Secret", ""), commit=f.get("Commit", "")))
    return out


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def pct(a, b):
    return "n/a" if b == 0 else f"{100.0 * a / b:.1f}%"


# --- timing ---------------------------------------------------------------------------------------


def cmd_timing(args):
    results = []
    for path in args.json:
        results += json.load(open(path))["results"]
    rss = {}
    for item in args.rss or []:
        name, _, path = item.partition("=")
        values = [int(x) for x in open(path).read().split() if x.strip().isdigit()] if os.path.exists(path) else []
        rss[name] = max(values) / 1024 if values else None
    base = next(r for r in results if r["command"] == args.base)
    rows = []
    for r in results:
        times = r.get("times") or [r["mean"]]
        rows.append([
            r["command"], len(times), f"{r['mean']:.3f} ± {r['stddev'] or 0:.3f}",
            f"{statistics.median(times):.3f}", f"{r['min']:.3f} … {r['max']:.3f}",
            f"{r['user']:.2f} / {r['system']:.2f}",
            "1.00x" if r is base else f"{r['mean'] / base['mean']:.2f}x",
            f"{rss[r['command']]:.1f}" if rss.get(r["command"]) else "n/a"])
    print(md_table(["run", "runs", "mean ± sd (s)", "median (s)", "min … max (s)", "user / sys (s)",
                    f"time / {args.base}", "peak RSS (MiB)"], rows))
    if args.summary:
        json.dump({r["command"]: dict(mean=r["mean"], stddev=r["stddev"], min=r["min"], max=r["max"],
                                      rss_mib=rss.get(r["command"])) for r in results},
                  open(args.summary, "w"), indent=1)


# --- labelled corpus ------------------------------------------------------------------------------


def cmd_labelled(args):
    manifest = [line.rstrip("\n").split("\t") for line in open(args.manifest)][1:]
    key = lambda p: "/".join(p.replace("\\", "/").split("/")[-3:])  # kind/rule-i/file
    tools = {}
    ward, _ = ward_findings(args.ward)
    tools["ward"] = collections.defaultdict(set)
    for f in ward:
        tools["ward"][key(f["path"])].add(f["rule"])
    tools["gitleaks"] = collections.defaultdict(set)
    for f in gitleaks_findings(args.gitleaks):
        tools["gitleaks"][key(f["path"])].add(f["rule"])
    positives = [m for m in manifest if m[0] == "positive"]
    traps = [m for m in manifest if m[0] == "trap"]
    rules = sorted({m[1] for m in manifest})
    rows, details = [], {}
    for name, hits in tools.items():
        found = [m for m in positives if hits.get(m[2])]
        same_rule = [m for m in positives if m[1] in hits.get(m[2], ())]
        trap_hits = [m for m in traps if hits.get(m[2])]
        rules_full = [r for r in rules if all(hits.get(m[2]) for m in positives if m[1] == r)]
        rows.append([name, f"{len(found)} / {len(positives)} ({pct(len(found), len(positives))})",
                     f"{len(same_rule)}" if name == "ward" else "n/a (other rule names)",
                     f"{len(rules_full)} / {len(rules)}",
                     f"{len(trap_hits)} / {len(traps)}"])
        details[name] = dict(
            missed=collections.Counter(m[1] for m in positives if not hits.get(m[2])),
            trap_rules=collections.Counter(r for m in trap_hits for r in hits[m[2]]),
            trap_files=[m[2] for m in trap_hits])
    print(f"Labelled corpus: {len(rules)} rules, {len(positives)} positive files (the rules' examples), "
          f"{len(traps)} trap files (their counterexamples).")
    print()
    print(md_table(["tool", "positives with a finding (recall)", "of them by the expected rule",
                    "rules with every example found", "traps with a finding"], rows))
    for name, d in details.items():
        print()
        missed = ", ".join(f"{r} ({n})" for r, n in sorted(d["missed"].items()))
        print(f"- {name}: missed positives by Ward rule: {missed or 'none'}")
        traps_by = ", ".join(f"{r} {n}" for r, n in d["trap_rules"].most_common())
        print(f"- {name}: rules that fired on traps: {traps_by or 'none'}")


# --- precision on the corpus ----------------------------------------------------------------------

SAMPLE = {"ward": 100, "gitleaks": 60}
SEED = "ward-bench-2026"


def sample(tool, rule, findings):
    findings = sorted(findings, key=lambda f: (f["path"], f["line"]))
    n = SAMPLE[tool]
    if len(findings) <= n:
        return findings
    return random.Random(f"{SEED}:{tool}:{rule}").sample(findings, n)


def read_line(path, line):
    try:
        with open(path, "rb") as fh:
            for i, text in enumerate(fh, 1):
                if i == line:
                    return text.decode("utf-8", "replace").strip()
    except OSError:
        pass
    return ""


def cmd_precision(args):
    reviews = {}
    for line in open(args.review):
        if line.startswith("#") or not line.strip():
            continue
        tool, rule, path, lineno, verdict, *note = line.rstrip("\n").split("\t")
        reviews[(tool, rule, path, int(lineno))] = (verdict, note[0] if note else "")
    tools = {"ward": ward_findings(args.ward)[0], "gitleaks": gitleaks_findings(args.gitleaks)}
    todo = []
    summary = {}
    for tool, findings in tools.items():
        by_rule = collections.defaultdict(list)
        for f in findings:
            f["rel"] = corpus_rel(f["path"])
            by_rule[f["rule"]].append(f)
        rows = []
        total = est_tp = reviewed_all = fp_all = 0
        fp_examples = []
        for rule, fs in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            picked = sample(tool, rule, fs)
            tp = fp = missing = 0
            for f in picked:
                verdict = reviews.get((tool, rule, f["rel"], f["line"]))
                if verdict is None:
                    missing += 1
                    todo.append([tool, rule, f["rel"], str(f["line"]), "?",
                                 read_line(f["path"], f["line"])[:200]])
                elif verdict[0] == "tp":
                    tp += 1
                else:
                    fp += 1
                    fp_examples.append((rule, verdict[1], f"{f['rel']}:{f['line']}"))
            judged = tp + fp
            precision = tp / judged if judged else None
            total += len(fs)
            reviewed_all += judged
            fp_all += fp
            est_tp += len(fs) * (precision if precision is not None else 0)
            rows.append([rule, len(fs), f"{judged}" + (f" (+{missing} unjudged)" if missing else ""),
                         tp, fp, pct(tp, judged) if judged else "n/a"])
        print(f"**{tool}**: {total} findings, {len(by_rule)} rules; {reviewed_all} reviewed, {fp_all} false "
              f"positives among them; estimated precision (each rule's reviewed precision weighted by "
              f"its count): **{pct(est_tp, total)}**")
        print()
        print(md_table(["rule", "findings", "reviewed", "true positive", "false positive", "precision (reviewed)"], rows))
        print()
        if fp_examples:
            print(f"{tool} false positives found in the review, by kind:")
            print()
            kinds = collections.defaultdict(list)
            for rule, note, where in fp_examples:
                kinds[(rule, note)].append(where)
            for (rule, note), wheres in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
                print(f"- {rule}: {note}: {len(wheres)}x, e.g. `{wheres[0]}`")
            print()
        summary[tool] = dict(findings=total, reviewed=reviewed_all, fp=fp_all, precision=est_tp / total if total else None)
    with open(args.todo, "w") as out:
        out.write("# tool\trule\tpath (under bench/corpus)\tline\tverdict (tp/fp)\tline text\n")
        for row in todo:
            out.write("\t".join(row) + "\n")
    if todo:
        print(f"{len(todo)} sampled findings have no verdict yet: they are listed in {args.todo}; judge them "
              f"and add them to {args.review}.")
    if args.summary:
        json.dump(summary, open(args.summary, "w"), indent=1)


# --- history --------------------------------------------------------------------------------------


def cmd_history(args):
    planted = []
    for line in list(open(args.planted))[1:]:
        pid, rule, commit, path, lineno, fate, fate_commit, renamed_to, value = line.rstrip("\n").split("\t")
        planted.append(dict(id=pid, rule=rule, commit=commit, path=path, fate=fate, renamed_to=renamed_to,
                            value=value.replace("\\n", "\n")))

    def which(text):
        """The planted secrets whose value (or, for a PEM block, its first line) is in text."""
        out = []
        for p in planted:
            v = p["value"]
            probe = v.split("\n")[0] if "\n" in v else v
            if probe in text or ("\n" in v and text and text in v and len(text) > 40):
                out.append(p["id"])
        return out

    # Ward: read the line of the blob each finding points at.
    ward, report = ward_findings(args.ward)
    blobs = {}
    cat = subprocess.Popen(["git", "-C", args.repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE)

    def blob_text(oid):
        if oid not in blobs:
            cat.stdin.write(oid.encode() + b"\n")
            cat.stdin.flush()
            header = cat.stdout.readline().split()
            size = int(header[2])
            blobs[oid] = cat.stdout.read(size).decode("utf-8", "replace").split("\n")
            cat.stdout.read(1)
        return blobs[oid]

    ward_hits = collections.defaultdict(list)
    ward_unmatched = []
    for f in ward:
        blob = f["extra"].get("blob")
        commit = (f["extra"].get("commit") or {}).get("id", "")
        line = blob_text(blob)[f["line"] - 1] if blob else ""
        ids = which(line)
        if not ids:
            ward_unmatched.append(f"{f['rule']} `{f['path']}:{f['line']}`")
        for pid in ids:
            ward_hits[pid].append(dict(rule=f["rule"], commit=commit, path=f["path"]))
    cat.stdin.close()
    cat.wait()

    gl_hits = collections.defaultdict(list)
    gl_unmatched = []
    for f in gitleaks_findings(args.gitleaks):
        ids = which(f["secret"])
        if not ids:
            gl_unmatched.append(f"{f['rule']} `{f['path']}:{f['line']}`")
        for pid in ids:
            gl_hits[pid].append(dict(rule=f["rule"], commit=f["commit"], path=f["path"]))

    rows = []
    stats = collections.Counter()
    for p in planted:
        w, g = ward_hits.get(p["id"], []), gl_hits.get(p["id"], [])
        w_at = [h for h in w if h["commit"] == p["commit"]]
        g_at = [h for h in g if h["commit"] == p["commit"]]
        stats["planted"] += 1
        stats["ward_found"] += bool(w)
        stats["ward_once"] += len(w) == 1
        stats["ward_once_at_intro"] += len(w) == 1 and len(w_at) == 1
        stats["gl_found"] += bool(g)
        stats["gl_once"] += len(g) == 1
        stats["gl_at_intro"] += bool(g_at)

        def show(hits, at):
            if not hits:
                return "**missed**"
            rules = ", ".join(sorted({h["rule"] for h in hits}))
            where = "at the introducing commit" if len(at) == len(hits) else (
                f"{len(at)} at the introducing commit, {len(hits) - len(at)} at later commits")
            return f"{len(hits)}x ({rules}; {where})"

        fate = p["fate"] + (f" → `{p['renamed_to']}`" if p["renamed_to"] != "-" else "")
        rows.append([p["id"], p["rule"], f"`{p['path']}`", fate, show(w, w_at), show(g, g_at)])
    print(f"Planted secrets: {stats['planted']} (history of {args.repo}).")
    print()
    print(md_table(["planted", "kind (Ward rule)", "introduced in", "then", "ward", "gitleaks git"], rows))
    print()
    print(f"- ward: found {stats['ward_found']} / {stats['planted']}; exactly once {stats['ward_once']}; exactly once "
          f"and at the introducing commit {stats['ward_once_at_intro']}; findings matching no planted secret: "
          f"{len(ward_unmatched)}" + (f" ({'; '.join(ward_unmatched[:10])})" if ward_unmatched else ""))
    print(f"- gitleaks: found {stats['gl_found']} / {stats['planted']}; exactly once {stats['gl_once']}; reported at "
          f"the introducing commit {stats['gl_at_intro']}; findings matching no planted secret: {len(gl_unmatched)}"
          + (f" ({'; '.join(gl_unmatched[:10])})" if gl_unmatched else ""))
    c = report.get("completeness", {})
    print(f"- ward scanned {c.get('files_scanned')} unique blobs, {c.get('bytes_scanned')} bytes")
    if args.summary:
        json.dump(dict(stats), open(args.summary, "w"), indent=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("timing")
    p.add_argument("--base", required=True)
    p.add_argument("--rss", action="append")
    p.add_argument("--summary")
    p.add_argument("json", nargs="+")
    p.set_defaults(func=cmd_timing)
    p = sub.add_parser("labelled")
    p.add_argument("manifest")
    p.add_argument("ward")
    p.add_argument("gitleaks")
    p.set_defaults(func=cmd_labelled)
    p = sub.add_parser("precision")
    p.add_argument("ward")
    p.add_argument("gitleaks")
    p.add_argument("review")
    p.add_argument("todo")
    p.add_argument("--summary")
    p.set_defaults(func=cmd_precision)
    p = sub.add_parser("history")
    p.add_argument("planted")
    p.add_argument("repo")
    p.add_argument("ward")
    p.add_argument("gitleaks")
    p.add_argument("--summary")
    p.set_defaults(func=cmd_history)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
