#!/usr/bin/env bash
# Runs Semgrep's own `semgrep --test` on Ward's built-in SAST rules, to check that the rules
# mean the same thing in both engines. Semgrep is installed in a venv under bench/tools
# (git-ignored); it is never on the test path.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=bench/tools/semgrep-venv
if [ ! -x "$venv/bin/semgrep" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q semgrep==1.182.0
fi
export SEMGREP_ENABLE_VERSION_CHECK=0
cd rules
status=0
for language in */; do
  language=${language%/}
  [[ $language == secrets ]] && continue
  out=$("../$venv/bin/semgrep" --test --metrics=off --disable-version-check "$language/" 2>&1) || status=1
  printf '%s: %s\n' "$language" "$(grep -E "unit tests|tests passed|All tests" <<<"$out" | head -1)"
  grep -E "✖|missed|incorrect" <<<"$out" || true
done
exit $status
