#!/usr/bin/env bash
# Measures Ward's SAST engine against Semgrep (OSS, pinned) with the same rules (Ward's built-in
# pack, `rules/`) on the same files (the Python and JS/TS of bench/corpus.sh): wall time, CPU and
# peak memory of each tool, then the findings of both, compared per rule. Prints Markdown, also
# kept in bench/results/sast.md; raw outputs go to bench/results/sast-*.
#
#   bench/sast.sh                       the default subset (PARTS below), 2 threads each
#   PARTS=all bench/sast.sh             every Python and npm package of the corpus
#   WARD_BIN=path/to/ward bench/sast.sh skip the build
#   REUSE_SEMGREP=1 bench/sast.sh       time Ward again, keep Semgrep's last output and times
#   WARD_RUNS=5 SEMGREP_RUNS=1          timed runs (each tool also has one untimed warm-up run,
#                                       whose output is the findings compared; 0: one run only,
#                                       timed and compared)
#   SEMGREP_ALL_FILES=1                 Semgrep without its default ignores (an empty
#                                       .semgrepignore for the run), so both scan the same files
#
# Ward's result cache is off (--no-cache), so every run parses and matches every file.
# Both tools get the same limits: 2 worker threads (`ward --threads 2`, `semgrep --jobs 2`), files
# up to 1,000,000 bytes (Semgrep's default --max-target-bytes; Ward's scan.max_file_size is set to
# match), no per-file time limit cut (Semgrep's --timeout 0, Ward's default 10 s never reached on
# this corpus: the completeness record says so if it were). Semgrep runs with --no-git-ignore
# (the corpus is git-ignored in this repository) and the metrics and version check off.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
cd "$REPO"
RESULTS=bench/results
TOOLS=bench/tools
SEMGREP_SPEC=semgrep==1.182.0
WARD_RUNS=${WARD_RUNS:-5}
SEMGREP_RUNS=${SEMGREP_RUNS:-1}
DEFAULT_PARTS=(python/Django-5.0.6 npm/lodash-4.17.21 npm/rxjs-7.8.1 npm/angular-core-17.3.12
  npm/js-yaml-4.1.0)

log() { printf '[sast %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

[[ -d bench/corpus/python ]] || { log "no corpus: run bench/corpus.sh first"; exit 1; }
if [[ ${PARTS:-} == all ]]; then
  mapfile -t parts < <(cd bench/corpus && ls -d python/* npm/*)
elif [[ -n ${PARTS:-} ]]; then
  read -r -a parts <<<"$PARTS"
else
  parts=("${DEFAULT_PARTS[@]}")
fi
targets=()
for p in "${parts[@]}"; do targets+=("bench/corpus/$p"); done

if [[ ! -x /usr/bin/time ]]; then
  log "installing time"
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

# No version check or metrics: both reach the network, and the check alone can take a minute.
export SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off
venv=$TOOLS/semgrep-venv   # shared with bench/semgrep-test.sh
if [[ ! -x $venv/bin/semgrep || $("$venv/bin/semgrep" --version 2>/dev/null) != "${SEMGREP_SPEC#*==}" ]]; then
  log "installing $SEMGREP_SPEC in $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$SEMGREP_SPEC"
fi
SEMGREP=$(realpath "$venv/bin/semgrep")

if [[ -z ${WARD_BIN:-} ]]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
  log "building ward: cargo build --release -p ward-cli (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
  cargo build --quiet --release -p ward-cli
  WARD_BIN=$CARGO_TARGET_DIR/release/ward
fi
# A private copy, so that a rebuild during the run cannot swap the binary under the timing.
mkdir -p "$RESULTS" "$TOOLS"
cp "$(realpath "$WARD_BIN")" "$TOOLS/ward-sast-under-test"
WARD=$(realpath "$TOOLS/ward-sast-under-test")

config=$RESULTS/sast.ward.toml
cat >"$config" <<'EOF'
# bench/sast.sh: only the SAST engine, Semgrep's default file size limit.
[scan]
max_file_size = 1000000
threads = 2
[cache]
enabled = false
[engines]
secrets = false
deps = false
iac = false
EOF

ward_cmd="$WARD scan ${targets[*]} --config $config --threads 2 --no-cache --format json --no-progress --quiet --fail-on never"
semgrep_cmd="$SEMGREP scan --metrics=off --disable-version-check --config rules/ --jobs 2 --timeout 0 --max-target-bytes 1000000 --no-git-ignore --json ${targets[*]}"

log "load before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# timed NAME RUNS CMD...: RUNS runs under /usr/bin/time, one line each: wall user sys maxrss_kib.
timed() {
  local name=$1 runs=$2
  shift 2
  : >"$RESULTS/sast-$name.times"
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f '%e %U %S %M' -a -o "$RESULTS/sast-$name.times" "$@" >/dev/null 2>&1
  done
}

# RUNS=0: the compared run is the timed one (for long corpora, PARTS=all).
compared() {
  local name=$1 runs=$2 out=$3
  shift 3
  if [[ $runs == 0 ]]; then
    log "$name: one run, timed, its findings compared"
    /usr/bin/time -f '%e %U %S %M' -o "$RESULTS/sast-$name.times" "$@" >"$out" 2>>"$RESULTS/sast-$name.log"
  else
    log "$name: warm-up run (its findings are compared)"
    "$@" >"$out" 2>>"$RESULTS/sast-$name.log"
    log "$name: $runs timed runs"
    timed "$name" "$runs" "$@"
  fi
}

# SEMGREP_ALL_FILES=1: an empty .semgrepignore at the repository root for the run, so that
# Semgrep drops its default ignores (tests, dist/, minified files...) and scans what Ward scans.
if [[ ${SEMGREP_ALL_FILES:-0} == 1 ]]; then
  [[ -e .semgrepignore ]] && { log ".semgrepignore exists; not replacing it"; exit 1; }
  : >.semgrepignore
  trap 'rm -f "$REPO/.semgrepignore"' EXIT
fi

: >"$RESULTS/sast-ward.log"
compared ward "$WARD_RUNS" "$RESULTS/sast-ward.json" $ward_cmd
if [[ ${REUSE_SEMGREP:-0} == 1 && -s $RESULTS/sast-semgrep.times ]]; then
  log "semgrep: REUSE_SEMGREP=1, keeping the last run's output and times"
else
  : >"$RESULTS/sast-semgrep.log"
  compared semgrep "$SEMGREP_RUNS" "$RESULTS/sast-semgrep.json" $semgrep_cmd
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$RESULTS" "$load_before" "$load_after" "$("$WARD" --version | head -1)" "${SEMGREP_SPEC#*==}" "${parts[*]}" <<'PY' | tee "$RESULTS/sast.md"
import collections, json, sys

results, load_before, load_after, ward_version, semgrep_version, parts = sys.argv[1:]
ward = json.load(open(f"{results}/sast-ward.json"))
semgrep = json.load(open(f"{results}/sast-semgrep.json"))
def times(tool):
    rows = [list(map(float, l.split())) for l in open(f"{results}/sast-{tool}.times") if l.strip()]
    wall = [r[0] for r in rows]
    mean = sum(wall) / len(wall)
    sd = (sum((w - mean) ** 2 for w in wall) / (len(wall) - 1)) ** 0.5 if len(wall) > 1 else 0.0
    return {"mean": mean, "sd": sd, "min": min(wall), "max": max(wall), "n": len(wall),
            "user": sum(r[1] for r in rows) / len(rows), "system": sum(r[2] for r in rows) / len(rows),
            "rss": max(r[3] for r in rows) / 1024}

wt, st = times("ward"), times("semgrep")

def key_ward(f):
    return (f["rule_id"].split("/", 1)[1], f["location"]["path"], f["location"]["start_line"])

def key_semgrep(r):
    return (r["check_id"].rsplit(".", 1)[-1], r["path"], r["start"]["line"])

w = {key_ward(f) for f in ward["findings"] if f["engine"] == "sast"}
s = {key_semgrep(r) for r in semgrep["results"]}
rules = sorted({k[0] for k in w | s})
comp = ward["completeness"]
sg_scanned = len(semgrep["paths"]["scanned"])

print(f"Subset: {parts}\n")
print(f"ward {ward_version}; semgrep {semgrep_version}; load average before {load_before}, after {load_after}\n")
print("| tool | runs | mean ± sd (s) | min … max (s) | user / sys (s) | peak RSS (MiB) | files |")
print("| --- | --- | --- | --- | --- | --- | --- |")
print(f"| ward | {wt['n']} | {wt['mean']:.2f} ± {wt['sd']:.2f} | {wt['min']:.2f} … {wt['max']:.2f} | {wt['user']:.1f} / {wt['system']:.1f} | {wt['rss']:.0f} | {comp['files_scanned']} read |")
print(f"| semgrep | {st['n']} | {st['mean']:.2f} ± {st['sd']:.2f} | {st['min']:.2f} … {st['max']:.2f} | {st['user']:.1f} / {st['system']:.1f} | {st['rss']:.0f} | {sg_scanned} scanned |")
print(f"\nWard is **{st['mean'] / wt['mean']:.1f}x** faster (wall), {(st['user'] + st['system']) / (wt['user'] + wt['system']):.1f}x less CPU.\n")
print(f"Ward errors in the completeness record: {len(comp['errors'])}; Semgrep errors: {len(semgrep['errors'])}\n")
# Semgrep leaves out some files by default (its built-in ignore list: dist/, build/, tests,
# minified files...): Ward's findings there are counted apart, not as rule differences.
sg_files = set(semgrep["paths"]["scanned"])
unscanned = {k for k in w if k[1] not in sg_files}
w_cmp = w - unscanned
print(f"Ward findings in files Semgrep did not scan (its default ignores): {len(unscanned)}\n")
print("| rule | both | ward only | semgrep only |")
print("| --- | --- | --- | --- |")
diffs = []
for rule in rules:
    ws = {k for k in w_cmp if k[0] == rule}
    ss = {k for k in s if k[0] == rule}
    if not ws and not ss:
        continue
    print(f"| {rule} | {len(ws & ss)} | {len(ws - ss)} | {len(ss - ws)} |")
    diffs += [("ward only", k) for k in sorted(ws - ss)] + [("semgrep only", k) for k in sorted(ss - ws)]
print(f"| total | {len(w_cmp & s)} | {len(w_cmp - s)} | {len(s - w_cmp)} |")
if diffs:
    print("\nDifferences:\n")
    for side, (rule, path, line) in diffs[:200]:
        print(f"- {side}: {rule} {path}:{line}")
PY
