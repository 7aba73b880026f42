#!/usr/bin/env bash
# Times file discovery + reading of `ward scan` against ripgrep over the corpus of bench/corpus.sh,
# and measures the peak memory of each. Prints Markdown (also kept in bench/results/walk.md);
# hyperfine's raw figures go to bench/results/walk.json.
#
#   bench/walk.sh                      build ward (release) and run
#   WARD_BIN=path/to/ward bench/walk.sh
#   RUNS=10 bench/walk.sh              more timed runs (default 5, after 1 warm-up run)
#
# Three commands are timed:
#   rg          rg -c zzzz_no_match: walk, read and search every file, no match
#   ward-read   ward scan with every engine turned off: walk + read (+ binary/encoding sniffing)
#   ward-scan   ward scan with its default engines: what a user runs
# Both tools are set up to do the same walk: honour .gitignore/.ignore files (also outside a git
# repository, and in parent directories), read hidden files, skip files over 10 MiB, no global
# git excludes, no user configuration; both skip binary files.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
cd "$REPO"
CORPUS=bench/corpus
RESULTS=bench/results
RUNS=${RUNS:-5}

log() { printf '[walk %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# --- Tools ------------------------------------------------------------------------------------
need=()
command -v rg >/dev/null || need+=(ripgrep)
command -v hyperfine >/dev/null || need+=(hyperfine)
[[ -x /usr/bin/time ]] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

# --- Corpus -----------------------------------------------------------------------------------
if [[ ! -s $CORPUS/MANIFEST.txt ]]; then
  log "no corpus yet: running bench/corpus.sh"
  "$BENCH/corpus.sh"
fi

# --- Ward -------------------------------------------------------------------------------------
if [[ -z ${WARD_BIN:-} ]]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/root/.cache/ward-target}
  log "building ward: cargo build --release -p ward-cli (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
  cargo build --quiet --release -p ward-cli
  WARD_BIN=$CARGO_TARGET_DIR/release/ward
fi
WARD_BIN=$(realpath "$WARD_BIN")
[[ -x $WARD_BIN ]] || { log "no ward binary at $WARD_BIN"; exit 1; }
ward_version=$("$WARD_BIN" --version)
log "ward: $WARD_BIN ($ward_version)"

mkdir -p "$RESULTS"

# Configurations given with --config, so that the repository's own ward.toml (which excludes test
# fixtures) does not apply to the corpus. bench/walk.ward.toml keeps every default; the
# engines-off one is made from the engine list of `ward --version`, e.g.
# "ward 0.1.0 (engines: secrets, sast)".
SCAN_CONFIG=bench/walk.ward.toml
READ_CONFIG=$RESULTS/walk-engines-off.ward.toml
engines=$(sed -n 's/.*(engines: \(.*\)).*/\1/p' <<<"$ward_version" | tr -d ' ' | tr ',' ' ')
{
  echo "# Made by bench/walk.sh: every engine off, so ward only walks and reads."
  echo "[engines]"
  for engine in $engines; do
    [[ $engine == none ]] || echo "$engine = false"
  done
} >"$READ_CONFIG"

# rg: --hidden reads dotfiles (ward does); --no-require-git honours .gitignore outside a git
# repository (ward does); --no-ignore-global and --no-config drop per-user settings (ward has
# none); --max-filesize 10M is ward's default limit (10 MiB). rg exits 1 when nothing matches:
# the wrapper turns exactly that into success, so a real error (exit 2) still fails the run.
RG_WALK=(--hidden --no-require-git --no-ignore-global --no-config)
RG_ARGS=("${RG_WALK[@]}" --max-filesize 10M -c zzzz_no_match "$CORPUS")
# ward: --output json=/dev/null with no --format prints no report; --fail-on never keeps the exit
# code 0 whatever the rules find.
WARD_COMMON=(--no-cache --output json=/dev/null --no-progress --quiet --fail-on never)
READ_ARGS=(scan "$CORPUS" --config "$READ_CONFIG" "${WARD_COMMON[@]}")
SCAN_ARGS=(scan "$CORPUS" --config "$SCAN_CONFIG" "${WARD_COMMON[@]}")

# --- Sanity: the same file set, and what the full scan finds ----------------------------------
rg_files=$(rg "${RG_WALK[@]}" --files "$CORPUS" | wc -l)
log "one full scan (report kept in $RESULTS/ward-scan.json)"
"$WARD_BIN" scan "$CORPUS" --config "$SCAN_CONFIG" --output "json=$RESULTS/ward-scan.json" \
  --no-progress --quiet --fail-on never
read -r ward_seen ward_scanned ward_bytes ward_findings < <(python3 - "$RESULTS/ward-scan.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
c = report["completeness"]
print(c["files_seen"], c["files_scanned"], c["bytes_scanned"], len(report["findings"]))
EOF
)
log "files: rg --files lists $rg_files; ward saw $ward_seen, read $ward_scanned ($ward_bytes bytes), $ward_findings findings"
if [[ $rg_files != "$ward_seen" ]]; then
  log "WARNING: ward and rg do not see the same files ($ward_seen vs $rg_files)"
fi

# --- Warm the page cache ----------------------------------------------------------------------
log "warming the page cache"
find "$CORPUS" -type f -print0 | xargs -0 cat >/dev/null
read -r load1 _ </proc/loadavg
log "load average before timing: $load1 (other work on the machine skews the figures)"

# --- Time -------------------------------------------------------------------------------------
log "hyperfine --warmup 1 --runs $RUNS"
hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$RESULTS/walk.json" \
  -n rg "rg ${RG_ARGS[*]}; test \$? -eq 1" \
  -n ward-read "$WARD_BIN ${READ_ARGS[*]}" \
  -n ward-scan "$WARD_BIN ${SCAN_ARGS[*]}" >&2

# --- Peak memory (the largest of 3 runs) ------------------------------------------------------
peak_kib() {
  local best=0 kib out
  out=$(mktemp)
  for _ in 1 2 3; do
    # rg exits 1 (no match): the exit code is not what is measured here.
    /usr/bin/time -v -o "$out" "$@" >/dev/null 2>&1 || true
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
    ((kib > best)) && best=$kib
  done
  rm -f "$out"
  echo "$best"
}
log "peak memory: /usr/bin/time -v, 3 runs each"
rg_kib=$(peak_kib rg "${RG_ARGS[@]}")
read_kib=$(peak_kib "$WARD_BIN" "${READ_ARGS[@]}")
scan_kib=$(peak_kib "$WARD_BIN" "${SCAN_ARGS[@]}")
log "peak RSS: rg ${rg_kib} KiB, ward-read ${read_kib} KiB, ward-scan ${scan_kib} KiB"

# --- Report -----------------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
ram=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
export W_MACHINE="$(nproc) CPUs, $cpu, $ram RAM, $(uname -sr); load average before timing $load1"
export W_CORPUS="$(tail -1 "$CORPUS/MANIFEST.txt"); rg --files lists $rg_files files, ward saw $ward_seen and read $ward_scanned; the full scan reported $ward_findings findings"
export W_TOOLS="$(rg --version | sed -n 1p), $(hyperfine --version), $ward_version"
export W_RG="rg ${RG_ARGS[*]}"
export W_READ="ward ${READ_ARGS[*]}"
export W_SCAN="ward ${SCAN_ARGS[*]}"
python3 - "$RESULTS/walk.json" "$rg_kib" "$read_kib" "$scan_kib" <<'EOF' | tee "$RESULTS/walk.md"
import json, os, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mib = {name: int(k) / 1024 for name, k in zip(("rg", "ward-read", "ward-scan"), sys.argv[2:5])}
cmd = {"rg": os.environ["W_RG"], "ward-read": os.environ["W_READ"], "ward-scan": os.environ["W_SCAN"]}
print(f"Machine: {os.environ['W_MACHINE']}")
print(f"Corpus: {os.environ['W_CORPUS']}")
print(f"Tools: {os.environ['W_TOOLS']}")
print()
print("| run | command | mean ± sd (s) | min (s) | max (s) | time / rg | peak RSS (MiB) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
rg = runs["rg"]["mean"]
for name in ("rg", "ward-read", "ward-scan"):
    r = runs[name]
    print(f"| {name} | `{cmd[name]}` | {r['mean']:.3f} ± {r['stddev']:.3f} | {r['min']:.3f} "
          f"| {r['max']:.3f} | {r['mean'] / rg:.2f}x | {mib[name]:.1f} |")
print()
ratio = runs["ward-read"]["mean"] / rg
peak = max(mib["ward-read"], mib["ward-scan"])
print(f"Targets: walk + read (ward-read) within 1.5x of rg: {'met' if ratio <= 1.5 else 'MISSED'} "
      f"({ratio:.2f}x); peak memory under 200 MiB: {'met' if peak < 200 else 'MISSED'} "
      f"({peak:.1f} MiB). Full scan (ward-scan): {runs['ward-scan']['mean'] / rg:.2f}x rg.")
EOF
