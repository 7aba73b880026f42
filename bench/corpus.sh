#!/usr/bin/env bash
# Assembles the benchmark corpus in bench/corpus/: about 124,000 files of real published source
# (Python sdists from PyPI, npm packages, Rust crates from crates.io), every version pinned.
#
# Idempotent: downloads are kept in bench/tools/downloads/ and each unpacked package is marked
# done in bench/tools/state/, so a second run only rewrites the manifest. Both directories and
# the corpus are git-ignored: never commit them.
#
#   bench/corpus.sh            build (or complete) the corpus
#   FORCE=1 bench/corpus.sh    delete the corpus and the done-markers first (downloads are kept)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CORPUS=$BENCH/corpus
DL=$BENCH/tools/downloads
STATE=$BENCH/tools/state

# Python source distributions (pip download --no-binary :all: --no-deps).
PY_PKGS=(
  ansible==9.6.1          # ~41,400 files: Ansible collections (Python, YAML, Markdown, Jinja)
  ansible-core==2.16.7    # ~4,900
  Django==5.0.6           # ~6,800
  botocore==1.34.131      # ~3,100, mostly JSON service models
  boto3==1.34.131         # ~70
  sympy==1.12.1           # ~1,900
)

# npm packages (npm pack).
NPM_PKGS=(
  @mui/icons-material@5.15.20   # ~31,800 small JS / .d.ts files
  core-js@3.37.1                # ~3,500
  aws-sdk@2.1692.0              # ~2,300, JS + JSON API models
  rxjs@7.8.1                    # ~2,300, JS + TS
  lodash@4.17.21                # ~1,050
  @angular/core@17.3.12         # ~390
  typescript@5.4.5              # ~120, a few very large files
  @types/node@20.14.2           # ~65
  js-yaml@4.1.0                 # ~35
)

# Rust: `cargo vendor --locked` of bench/corpus-crates.toml + corpus-crates.lock
# (tokio, syn, serde, regex, clap, rayon, windows, windows-sys, aws-sdk-s3, aws-sdk-ec2,
# aws-config, reqwest, hyper and their ~290 transitive crates: ~24,300 files).

log() { printf '[corpus %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
count_files() { find "$1" -type f | wc -l; }

if [[ ${FORCE:-0} == 1 ]]; then
  log "FORCE=1: removing $CORPUS and $STATE"
  rm -rf "$CORPUS" "$STATE"
fi
mkdir -p "$CORPUS/python" "$CORPUS/npm" "$CORPUS/rust" "$DL/pypi" "$DL/npm" "$STATE"

# --- Python -----------------------------------------------------------------------------------
for spec in "${PY_PKGS[@]}"; do
  marker=$STATE/pypi-$spec
  if [[ -e $marker ]]; then
    log "python $spec: done already"
    continue
  fi
  name=${spec%%==*}
  version=${spec##*==}
  # sdist file names normalise the project name in different ways (Django-, ansible_core-).
  find_sdist() {
    find "$DL/pypi" -maxdepth 1 -type f -iregex ".*/${name//[-_.]/[-_.]}-${version}\.\(tar\.gz\|zip\)" | head -1
  }
  archive=$(find_sdist)
  if [[ -z $archive ]]; then
    log "python $spec: downloading sdist"
    pip download --quiet --disable-pip-version-check --no-binary :all: --no-deps -d "$DL/pypi" "$spec"
    archive=$(find_sdist)
    [[ -n $archive ]] || { log "python $spec: sdist not found after download"; exit 1; }
  fi
  log "python $spec: unpacking $(basename "$archive")"
  dest=$CORPUS/python/$name-$version
  rm -rf "$dest" && mkdir -p "$dest"
  case $archive in
    *.tar.gz) tar -xzf "$archive" -C "$dest" --strip-components=1 --no-same-owner ;;
    *.zip)
      tmp=$(mktemp -d)
      python3 -m zipfile -e "$archive" "$tmp"
      mv "$tmp"/*/* "$tmp"/*/.[!.]* "$dest"/ 2>/dev/null || true
      rm -rf "$tmp"
      ;;
  esac
  touch "$marker"
  log "python $spec: $(count_files "$dest") files"
done

# --- npm --------------------------------------------------------------------------------------
for spec in "${NPM_PKGS[@]}"; do
  marker=$STATE/npm-${spec//\//+}
  if [[ -e $marker ]]; then
    log "npm $spec: done already"
    continue
  fi
  # npm pack names the tarball @scope/name@1.2.3 -> scope-name-1.2.3.tgz
  tgz=$DL/npm/$(sed -e 's/^@//' -e 's#/#-#' -e 's/@\([^@]*\)$/-\1/' <<<"$spec").tgz
  if [[ ! -s $tgz ]]; then
    log "npm $spec: downloading"
    (cd "$DL/npm" && npm pack --silent "$spec" >/dev/null)
    [[ -s $tgz ]] || { log "npm $spec: expected $tgz"; exit 1; }
  fi
  dest=$CORPUS/npm/$(basename "$tgz" .tgz)
  log "npm $spec: unpacking"
  rm -rf "$dest" && mkdir -p "$dest"
  # The tarball's single top directory is usually package/ (but not always: @types uses node/).
  tar -xzf "$tgz" -C "$dest" --strip-components=1 --no-same-owner
  touch "$marker"
  log "npm $spec: $(count_files "$dest") files"
done

# --- Rust -------------------------------------------------------------------------------------
marker=$STATE/cargo-vendor
if [[ -e $marker ]]; then
  log "rust: done already"
else
  log "rust: cargo vendor --locked (about 300 crates)"
  tmp=$(mktemp -d /tmp/ward-bench-crates.XXXXXX)
  mkdir -p "$tmp/src" && touch "$tmp/src/lib.rs"
  cp "$BENCH/corpus-crates.toml" "$tmp/Cargo.toml"
  cp "$BENCH/corpus-crates.lock" "$tmp/Cargo.lock"
  rm -rf "$CORPUS/rust"
  (cd "$tmp" && cargo vendor --quiet --locked --versioned-dirs "$CORPUS/rust" >/dev/null)
  rm -rf "$tmp"
  touch "$marker"
  log "rust: $(count_files "$CORPUS/rust") files"
fi

# --- Manifest ---------------------------------------------------------------------------------
log "writing MANIFEST.txt"
manifest=$CORPUS/MANIFEST.txt
{
  echo "# Ward benchmark corpus, made by bench/corpus.sh. Counts exclude this file."
  total_files=0
  total_bytes=0
  for dir in "$CORPUS"/python/* "$CORPUS"/npm/* "$CORPUS"/rust; do
    read -r files bytes < <(find "$dir" -type f -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')
    total_files=$((total_files + files))
    total_bytes=$((total_bytes + bytes))
    printf '%-45s %8d files %12d bytes\n' "${dir#"$CORPUS"/}" "$files" "$bytes"
  done
  printf 'TOTAL %d files %d bytes (%s)\n' "$total_files" "$total_bytes" \
    "$(numfmt --to=iec-i --suffix=B "$total_bytes")"
} >"$manifest"
tail -1 "$manifest" >&2

log "find $CORPUS -type f | wc -l: $(count_files "$CORPUS")"
log "du -sh: $(du -sh "$CORPUS" | cut -f1)"
