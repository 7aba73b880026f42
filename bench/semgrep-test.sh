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
cd rules
for language in python javascript; do
  "../$venv/bin/semgrep" --test --metrics=off "$language/" 2>&1 | grep -E "tests|✖|missed|incorrect"
done
