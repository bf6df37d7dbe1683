#!/usr/bin/env bash
# Faults during load (issue #10), bounded and loopback-only, on scripts/cluster.sh's shape (one
# PostgreSQL, 2 instances, nginx): while APPLICANTS applicants submit through the balancer,
#   (1) kill -9 one instance, then start it again;
#   (2) stop PostgreSQL in immediate mode for a few seconds, then start it again.
# Afterwards every acknowledged submission must be stored exactly once with its reference (the load
# generator checks), and verify-audit must find the chain intact. Prints one line:
#   faults: A acknowledged, A stored exactly once, 0 lost, 0 duplicated, audit intact
# NOT YET COVERED: fault (3), kill -9 during the outbox sender's work and during a deadline sweep, and
# the check that no email is sent twice (see the README of bench/).
# Usage: bench/faults/run.sh [APPLICANTS=600] [CONCURRENCY=16]
set -euo pipefail
cd "$(dirname "$0")/../.."
applicants=${1:-600}
concurrency=${2:-16}

export CLUSTER_LIBRARY=1 CLUSTER_PORT=${CLUSTER_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
source scripts/cluster.sh
load_pid=""
stop_all() { [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null; cluster_stop; }
trap stop_all EXIT

cluster_start 2
load_bin=${LOADBENCH_BIN:-bench/TitleBridge.LoadBench/bin/Release/net10.0}
[ -n "${LOADBENCH_BIN:-}" ] || dotnet build bench/TitleBridge.LoadBench -c Release -v q -nologo >/dev/null
dotnet "$load_bin/TitleBridge.LoadBench.dll" --url "http://127.0.0.1:$CLUSTER_PORT" --connection "$cluster_connection" \
  --data "$cluster_work/data" --applicants "$applicants" --concurrency "$concurrency" >"$cluster_work/load.txt" 2>&1 &
load_pid=$!

# Faults only once the measured phase (the submissions) has begun.
for _ in $(seq 1 1200); do grep -q '^Signed in' "$cluster_work/load.txt" && break; sleep 0.5; done
sleep 1
echo "== fault 1: kill -9 instance 0 during the load, then start it again"
instance_kill 0
sleep 2
instance_start 0
echo "== fault 2: PostgreSQL stopped (immediate mode) for 3 s during the load, then started again"
pg_stop_immediate
sleep 3
pg_start

wait "$load_pid" && load_status=0 || load_status=$?
load_pid=""
cat "$cluster_work/load.txt"

audit=$(cd "$(_bin_dir)" && _instance_env dotnet "$(_dll)" verify-audit 2>&1) && audit_ok=1 || audit_ok=0
echo "$audit" | tail -1

line=$(awk '/^acknowledged/ {print}' "$cluster_work/load.txt")
acknowledged=$(echo "$line" | awk '{print $2}')
missing=$(echo "$line" | sed -n 's/.*missing \([0-9]*\).*/\1/p')
duplicated=$(echo "$line" | sed -n 's/.*duplicate references \([0-9]*\).*/\1/p')
stored_once=$((acknowledged - missing))
echo "faults: $acknowledged acknowledged, $stored_once stored exactly once, $missing lost, $duplicated duplicated, audit $([ "$audit_ok" = 1 ] && echo intact || echo BROKEN)"
[ "$load_status" = 0 ] && [ "$audit_ok" = 1 ]
