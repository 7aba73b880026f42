#!/usr/bin/env bash
# Dashboard pages and the metrics JSON of `ward serve` with 100,000 issues, on SQLite and on
# PostgreSQL: seeds the issues with plain SQL (recursive CTE, the same text for both), then
# times each page with curl (median of $RUNS requests after one warm-up).
#
#   bench/server-pages.sh [WARD_BINARY]
#
# WARD_BINARY defaults to the dev build in $CARGO_TARGET_DIR (or target/debug/ward).
# PostgreSQL: $BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh
# schema is created and dropped. Set BACKENDS=sqlite to skip PostgreSQL.
set -euo pipefail

WARD=${1:-${CARGO_TARGET_DIR:-target}/debug/ward}
ISSUES=${ISSUES:-100000}
PROJECTS=${PROJECTS:-20}
RUNS=${RUNS:-7}
PORT=${PORT:-18181}
PG=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
BACKENDS=${BACKENDS:-sqlite postgres}
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    [ -n "${SCHEMA:-}" ] && psql -q "$PG" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# The seed: $PROJECTS projects, $ISSUES issues spread over 20 weeks, every severity, state and
# stage; one `fixed` event per fixed issue; three scans per project. Portable SQL.
seed_sql() {
    cat <<SQL
INSERT INTO projects (id, name, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PROJECTS)
SELECT 'bench-p' || i, 'project-' || i, $NOW FROM n;

INSERT INTO issues (id, project_id, fingerprint, rule_id, engine, severity, severity_rank, title,
    message, path, start_line, end_line, snippet, state, first_seen_at, first_seen_scan,
    first_stage, last_seen_at, last_seen_scan, fixed_at, risk_score)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ISSUES)
SELECT 'bench-i' || i, 'bench-p' || (i % $PROJECTS + 1), 'fp' || i, 'rule-' || (i % 50),
    CASE i % 4 WHEN 0 THEN 'secrets' WHEN 1 THEN 'sast' WHEN 2 THEN 'deps' ELSE 'iac' END,
    CASE i % 5 WHEN 0 THEN 'info' WHEN 1 THEN 'low' WHEN 2 THEN 'medium' WHEN 3 THEN 'high' ELSE 'critical' END,
    i % 5, 'A seeded issue ' || i, 'Seeded for the dashboard benchmark.', 'src/file' || (i % 997) || '.py',
    i % 400 + 1, i % 400 + 3, 'x = 1', 
    CASE WHEN i % 7 < 3 THEN 'open' WHEN i % 7 = 3 THEN 'confirmed' WHEN i % 7 = 4 THEN 'false_positive'
         WHEN i % 7 = 5 THEN 'fixed' ELSE 'accepted_risk' END,
    $NOW - (i * 7919) % (140 * 86400), 'bench-s',
    CASE i % 4 WHEN 0 THEN 'pre-commit' WHEN 1 THEN 'pr' WHEN 2 THEN 'main' ELSE 'scheduled' END,
    $NOW, 'bench-s',
    CASE WHEN i % 7 = 5 THEN $NOW - (i * 7919) % (140 * 86400) + (i * 131) % (40 * 86400) END,
    i % 101
FROM n;

UPDATE issues SET accepted_until = $NOW + 86400 * 30 WHERE state = 'accepted_risk';
UPDATE issues SET fixed_at = $NOW WHERE fixed_at > $NOW;

INSERT INTO issue_events (id, issue_id, at, actor, kind, from_state, to_state)
SELECT 'bench-e' || id, id, fixed_at, 'ward', 'fixed', 'open', 'fixed' FROM issues WHERE state = 'fixed';

INSERT INTO scans (id, project_id, branch, commit_sha, stage, tool_name, tool_version, engines,
    complete, files_seen, files_scanned, error_count, started_at, duration_ms, finding_count,
    received_at, uploaded_by, payload_sha256)
SELECT 'bench-s' || p.id || '-' || k.k, p.id, 'main', 'c' || k.k, 'main', 'ward', '0.1.0',
    'secrets,sast,deps', 1, 100, 100, 0, '2026-01-01T00:00:00Z', 1000, 5000, $NOW - k.k * 3600, 'admin', 'x'
FROM projects p CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) k;
SQL
}

median_ms() { sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m * 1000}'; }

run_backend() {
    local backend=$1 url
    case $backend in
    sqlite) url="sqlite://$WORK/ward.db?mode=rwc" ;;
    postgres)
        SCHEMA=ward_bench_pages_$$
        psql -q "$PG" -c "CREATE SCHEMA $SCHEMA" >/dev/null
        url="$PG?options=-c%20search_path%3D$SCHEMA"
        ;;
    esac
    printf '%s\n' 'bench admin password' >"$WORK/pw"
    "$WARD" serve --listen "127.0.0.1:$PORT" --database "$url" --admin-password-file "$WORK/pw" \
        --insecure-cookies 2>"$WORK/serve.log" &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
    NOW=$(date +%s)
    local t0=$(date +%s.%N)
    case $backend in
    sqlite) seed_sql | sqlite3 "$WORK/ward.db" && sqlite3 "$WORK/ward.db" 'ANALYZE' ;;
    # VACUUM as well as ANALYZE: a server's tables are vacuumed by autovacuum after a bulk of
    # inserts, which sets the visibility map the metrics' index-only scans rely on; a cluster
    # with autovacuum off (as on the CI machines) would otherwise read the heap for every row.
    postgres) { echo "SET search_path TO $SCHEMA;"; seed_sql; echo "VACUUM ANALYZE;"; } | psql -q -v ON_ERROR_STOP=1 "$PG" >/dev/null ;;
    esac
    local t1=$(date +%s.%N)
    printf '%s: seeded %s issues in %s projects in %.1f s\n' "$backend" "$ISSUES" "$PROJECTS" "$(echo "$t1 - $t0" | bc)"
    curl -sf -c "$WORK/jar" -H 'content-type: application/json' \
        -d '{"username":"admin","password":"bench admin password"}' \
        "http://127.0.0.1:$PORT/api/v1/login" >/dev/null
    printf '| %-8s | %-40s | %9s | %13s | %8s |\n' backend page 'median ms' 'server CPU ms' bytes
    for page in / /projects/project-3 /issues '/issues?severity=critical&state=open' \
        '/issues?page=200' '/issues?project=project-3&engine=sast' /issues/bench-i4242 /stats \
        /api/v1/metrics /metrics; do
        curl -sf -b "$WORK/jar" -o /dev/null "http://127.0.0.1:$PORT$page" # warm-up
        local times=() bytes cpu0 cpu1
        cpu0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
        for _ in $(seq "$RUNS"); do
            times+=("$(curl -sf -b "$WORK/jar" -o "$WORK/body" -w '%{time_total}' "http://127.0.0.1:$PORT$page")")
        done
        cpu1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
        bytes=$(wc -c <"$WORK/body")
        # Mean CPU (user + system) of the ward process per request; on PostgreSQL the
        # database's own processes are not included.
        printf '| %-8s | %-40s | %9s | %13.1f | %8s |\n' "$backend" "$page" \
            "$(printf '%s\n' "${times[@]}" | median_ms)" \
            "$(echo "($cpu1 - $cpu0) * 1000 / $(getconf CLK_TCK) / $RUNS" | bc -l)" "$bytes"
    done
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
    if [ "$backend" = postgres ]; then psql -q "$PG" -c "DROP SCHEMA $SCHEMA CASCADE" >/dev/null; SCHEMA=; fi
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $WARD"
for backend in $BACKENDS; do run_backend "$backend"; done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
