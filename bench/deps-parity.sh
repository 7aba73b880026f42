#!/usr/bin/env bash
# Parity with cargo-audit: the RustSec advisory ids Ward reports for each Cargo.lock under
# bench/deps/*/ against `cargo audit --db <the same RustSec copy> --no-fetch`.
# Usage: bench/deps-parity.sh [RUSTSEC_DB_DIR]   (default: ../shared/data/rustsec-advisory-db)
# cargo-audit: cargo install cargo-audit --locked --root bench/tools/cargo-audit
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
rustsec="${1:-$repo/../shared/data/rustsec-advisory-db}"
[ -d "$rustsec" ] || rustsec=/work/shared/data/rustsec-advisory-db
ward="${CARGO_TARGET_DIR:-$repo/target}/release/ward"
audit="$here/tools/cargo-audit/bin/cargo-audit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# cargo-audit reads a git checkout of the database; make a throwaway one from the copy.
cp -r "$rustsec" "$work/advisory-db"
git -C "$work/advisory-db" init -q && git -C "$work/advisory-db" add -A &&
  git -C "$work/advisory-db" -c user.name=bench -c user.email=bench@example.invalid commit -qm copy
"$ward" db import --db "$work/ward-db" "$rustsec" >/dev/null
status=0
for lock in "$here"/deps/*/Cargo.lock; do
  name="$(basename "$(dirname "$lock")")"
  "$audit" audit --db "$work/advisory-db" --no-fetch --json --file "$lock" > "$work/audit.json" 2>/dev/null || true
  mkdir -p "$work/p/$name" && cp "$lock" "$work/p/$name/Cargo.lock"
  "$ward" scan "$work/p/$name" --db "$work/ward-db" --format json --no-progress --fail-on never > "$work/ward.json"
  python3 - "$name" "$work/audit.json" "$work/ward.json" <<'PY' || status=1
import json, sys
name, audit_path, ward_path = sys.argv[1:]
audit = json.load(open(audit_path))
theirs = {v["advisory"]["id"] for v in audit["vulnerabilities"]["list"]}
for kind, items in (audit.get("warnings") or {}).items():
    if kind != "yanked":
        theirs |= {w["advisory"]["id"] for w in items if w.get("advisory")}
ours = {f["rule_id"].removeprefix("deps/") for f in json.load(open(ward_path))["findings"]
        if f["engine"] == "deps" and f["rule_id"] != "deps/unpinned-requirement"}
same = "equal" if ours == theirs else "DIFFERENT"
print(f"{name}: cargo-audit {len(theirs)}, ward {len(ours)}: {same}")
if ours != theirs:
    print(f"  only cargo-audit: {sorted(theirs - ours)}\n  only ward: {sorted(ours - theirs)}")
    sys.exit(1)
PY
done
exit $status
