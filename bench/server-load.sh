#!/usr/bin/env bash
# Ingest under load: 100 scans of 2,000 findings each, uploaded by 4 clients in parallel to a
# `ward serve` on SQLite and on PostgreSQL; then checks that the server holds exactly one issue
# per distinct (project, fingerprint) sent, every scan, and every finding row.
#
#   bench/server-load.sh [WARD_BINARY]
#
# WARD_BINARY defaults to the dev build in $CARGO_TARGET_DIR (or target/debug/ward); the client
# is `cargo build -p ward-server --example load_client` from the same target directory.
# PostgreSQL: $BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), in a fresh
# schema dropped afterwards. BACKENDS=sqlite (or postgres) runs one backend only; SCANS,
# FINDINGS, CLIENTS, PROJECTS change the load.
set -euo pipefail

TARGET=${CARGO_TARGET_DIR:-target}
WARD=${1:-$TARGET/debug/ward}
CLIENT=$TARGET/debug/examples/load_client
SCANS=${SCANS:-100}
FINDINGS=${FINDINGS:-2000}
CLIENTS=${CLIENTS:-4}
PROJECTS=${PROJECTS:-4}
PORT=${PORT:-18182}
PG=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
BACKENDS=${BACKENDS:-sqlite postgres}
WORK=$(mktemp -d)
SERVER_PID=
SCHEMA=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    [ -n "$SCHEMA" ] && psql -q "$PG" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
[ -x "$CLIENT" ] || { echo "build the client first: cargo build -p ward-server --example load_client" >&2; exit 2; }

sql() {
    case $1 in
    sqlite) sqlite3 "$WORK/ward.db" "$2" ;;
    postgres) psql -qtA "$PG" -c "SET search_path TO $SCHEMA; $2" ;;
    esac
}

# CPU ticks used so far by the machine's running postgres processes.
pg_cpu() {
    local total=0 pid
    for pid in $(pgrep -x postgres); do
        total=$((total + $({ cat "/proc/$pid/stat" 2>/dev/null || true; } | awk '{s = $14 + $15} END {print s + 0}')))
    done
    echo "$total"
}

run_backend() {
    local backend=$1 url
    rm -f "$WORK"/ward.db*
    case $backend in
    sqlite) url="sqlite://$WORK/ward.db?mode=rwc" ;;
    postgres)
        SCHEMA=ward_bench_load_$$
        psql -q "$PG" -c "CREATE SCHEMA $SCHEMA" >/dev/null
        url="$PG?options=-c%20search_path%3D$SCHEMA"
        ;;
    esac
    printf '%s\n' 'bench admin password' >"$WORK/pw"
    "$WARD" serve --listen "127.0.0.1:$PORT" --database "$url" --admin-password-file "$WORK/pw" \
        --insecure-cookies 2>"$WORK/serve.log" &
    SERVER_PID=$!
    for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
    local csrf token
    csrf=$(curl -sf -c "$WORK/jar" -H 'content-type: application/json' \
        -d '{"username":"admin","password":"bench admin password"}' \
        "http://127.0.0.1:$PORT/api/v1/login" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')
    token=$(curl -sf -b "$WORK/jar" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
        -d '{"name":"load"}' "http://127.0.0.1:$PORT/api/v1/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
    local cpu0 cpu1 pg0 pg1
    cpu0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    pg0=$(pg_cpu)
    /usr/bin/time -f '%U %S' -o "$WORK/client_cpu" \
        "$CLIENT" "http://127.0.0.1:$PORT" "$token" "$SCANS" "$FINDINGS" "$CLIENTS" "$PROJECTS" | tee "$WORK/out"
    cpu1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    pg1=$(pg_cpu)
    printf '%s: client CPU %.1f s' "$backend" "$(awk '{print $1 + $2}' "$WORK/client_cpu")"
    if [ "$backend" = postgres ]; then
        # Every postgres process of the machine (other users' queries included), while the
        # clients ran; a backend that exited meanwhile is not counted.
        printf '; PostgreSQL CPU %.1f s' "$(echo "($pg1 - $pg0) / $(getconf CLK_TCK)" | bc -l)"
        sleep 1 # statistics reach pg_stat_user_tables within a second of a backend going idle
        printf '; issues updates %s' \
            "$(sql postgres "SELECT n_tup_upd || ' (' || n_tup_hot_upd || ' heap-only)' FROM pg_stat_user_tables WHERE relid = 'issues'::regclass")"
    fi
    echo
    local expected issues distinct scans rows
    expected=$(sed -n 's/^distinct_issues=//p' "$WORK/out")
    issues=$(sql "$backend" "SELECT COUNT(*) FROM issues")
    distinct=$(sql "$backend" "SELECT COUNT(*) FROM (SELECT DISTINCT project_id, fingerprint FROM issues) d")
    scans=$(sql "$backend" "SELECT COUNT(*) FROM scans")
    rows=$(sql "$backend" "SELECT COUNT(*) FROM scan_findings")
    printf '%s: server CPU %.1f s; issues %s (distinct %s, expected %s); scans %s of %s; finding rows %s of %s\n' \
        "$backend" "$(echo "($cpu1 - $cpu0) / $(getconf CLK_TCK)" | bc -l)" "$issues" "$distinct" "$expected" \
        "$scans" "$SCANS" "$rows" "$((SCANS * FINDINGS))"
    local ok=1
    [ "$issues" = "$expected" ] && [ "$distinct" = "$expected" ] || ok=0
    [ "$scans" = "$SCANS" ] && [ "$rows" = "$((SCANS * FINDINGS))" ] || ok=0
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
    if [ "$backend" = postgres ]; then
        psql -q "$PG" -c "SET client_min_messages = warning" -c "DROP SCHEMA $SCHEMA CASCADE" >/dev/null
        SCHEMA=
    fi
    if [ $ok = 0 ]; then echo "$backend: MISMATCH: issues lost or duplicated" >&2; return 1; fi
    echo "$backend: no issue lost or duplicated"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server binary: $WARD"
for backend in $BACKENDS; do run_backend "$backend"; done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
