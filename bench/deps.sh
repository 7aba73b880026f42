#!/usr/bin/env bash
# Dependency-scanning benchmarks: advisory index build and open, and matching a generated
# monorepo. Usage: bench/deps.sh [DATA_DIR]   (default: ../shared/data next to the repository)
# Needs a release build: cargo build --release -p ward-cli
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
data="${1:-$repo/../shared/data}"
[ -d "$data" ] || data=/work/shared/data
ward="${CARGO_TARGET_DIR:-$repo/target}/release/ward"
[ -x "$ward" ] || { echo "build first: cargo build --release -p ward-cli" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== index build: all OSV and RustSec data in $data (median of 3)"
for i in 1 2 3; do
  /usr/bin/env time -f "%e s wall, %M KiB max RSS" "$ward" db import --db "$work/db" \
    "$data/rustsec-advisory-db-osv" "$data/rustsec-advisory-db" "$data/pypa-advisory-database" \
    "$data/golang-vulndb" "$data/kubernetes-cve-feed-osv" 2>&1 >/dev/null | tail -1
done
echo "== index build with KEV and EPSS (360,142 rows)"
/usr/bin/env time -f "%e s wall, %M KiB max RSS" "$ward" db import --db "$work/db" "$data" \
  --kev "$data/cisa-kev/known_exploited_vulnerabilities.json" \
  --epss "$data/epss-emba/EPSS_CVE_data" 2>&1 >/dev/null | tail -1
ls -l "$work/db/index.ward" | awk '{printf "index size: %.1f MiB\n", $5/1048576}'

echo "== index open: ward db status (process start + open + print), 20 runs"
python3 - "$ward" "$work/db" <<'PY'
import subprocess, sys, time, statistics
ward, db = sys.argv[1], sys.argv[2]
runs = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run([ward, "db", "status", "--db", db], stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1000)
print(f"median {statistics.median(runs):.1f} ms, min {min(runs):.1f} ms, max {max(runs):.1f} ms")
PY

echo "== monorepo: 20 lockfiles, 10,000 packages (names from the index's ecosystems)"
python3 "$here/deps/monorepo.py" "$work/mono"
python3 - "$ward" "$work/db" "$work/mono" <<'PY'
import subprocess, sys, time, statistics, json
ward, db, mono = sys.argv[1:]
def run(extra):
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        out = subprocess.run([ward, "scan", mono, "--no-progress", "--format", "json", "--fail-on", "never"] + extra,
                             capture_output=True, check=True)
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), json.loads(out.stdout)
with_db, report = run(["--db", db])
without, _ = run(["--db", db + "-absent"])
deps = [f for f in report["findings"] if f["engine"] == "deps"]
print(f"with the index: median {with_db:.0f} ms ({len(deps)} dependency findings); "
      f"without (parse only): median {without:.0f} ms; engine-reported scan duration {report['duration_ms']} ms")
PY

echo "== the dependency engine alone over the same tree (CPU time is the stable figure under load)"
timer="${CARGO_TARGET_DIR:-$repo/target}/release/examples/match_tree"
if [ -x "$timer" ]; then
  perf stat -e task-clock "$timer" "$work/db" "$work/mono" 10 2>&1 | grep -E "median|task-clock" || "$timer" "$work/db" "$work/mono" 10
else
  echo "(build it: cargo build --release -p ward-deps --example match_tree)"
fi
