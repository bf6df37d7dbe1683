#!/usr/bin/env bash
# 200 concurrent applicants submit complete applications to TitleBridge on PostgreSQL; afterwards every
# acknowledged submission must be present exactly once. Beside it, pgbench's TPS on the same server in
# the same run, as the baseline. Everything binds to 127.0.0.1 and stops by itself.
# Usage: bench/submissions/run.sh [APPLICANTS] [PGBENCH_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
applicants=${1:-200}
seconds=${2:-15}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

work=$(mktemp -d /tmp/titlebridge-bench-XXXX)
chown postgres:postgres "$work" 2>/dev/null || true
pg_port=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$bin/initdb" -D "$work/pg" --auth=trust -E UTF8 --no-sync -U postgres >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  as_pg "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE DATABASE pgbench" -c "CREATE DATABASE titlebridge"

echo "== baseline: pgbench (TPC-B-like, 32 clients, ${seconds}s) on the same server"
"$bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
tps=$("$bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -c 32 -j 2 -T "$seconds" pgbench 2>/dev/null | awk '/^tps/ {print $3; exit}')
echo "pgbench: $tps transactions per second"

echo "== TitleBridge on the same server"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=titlebridge;Maximum Pool Size=100"
app_port=$(free_port)
dotnet build bench/TitleBridge.LoadBench -c Release -v q -nologo >/dev/null
mkdir -p "$work/data"
ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres Database__MigrateOnStartup=true \
  ConnectionStrings__Default="$connection" TitleBridge__DataDirectory="$work/data" \
  TitleBridge__FirstAdmin__Password="Bench-Admin-Password-1" Logging__LogLevel__Default=Warning \
  dotnet src/TitleBridge.Web/bin/Release/net10.0/TitleBridge.Web.dll --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

dotnet bench/TitleBridge.LoadBench/bin/Release/net10.0/TitleBridge.LoadBench.dll \
  --url "http://127.0.0.1:$app_port" --connection "$connection" --data "$work/data" --applicants "$applicants" | tee "$work/result.txt"
status=${PIPESTATUS[0]}
rate=$(awk '/^submissions:/ {print $2}' "$work/result.txt")
echo "== summary: $rate submissions/s beside pgbench $tps TPS ($(python3 -c "print(f'{float(\"$rate\")/float(\"$tps\"):.1%}')" 2>/dev/null || echo '?') of pgbench)"
exit "$status"
