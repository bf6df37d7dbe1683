#!/usr/bin/env bash
# Load test of the catalogue reads against an empty endpoint of the same host, in the same run.
# Starts TitleBridge (Release, embedded SQLite, a temporary data folder) on 127.0.0.1, drives it with
# wrk on loopback only (bounded: DURATION seconds per target), prints requests/s, p99 and the ratio
# to the empty endpoint. Usage: bench/catalogue/run.sh [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "wrk is required: apt-get install wrk"; exit 1; }

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build src/TitleBridge.Web -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production TitleBridge__DataDirectory="$data" TitleBridge__Bench__EmptyEndpoint=true \
  Logging__LogLevel__Default=Warning \
  dotnet src/TitleBridge.Web/bin/Release/net10.0/TitleBridge.Web.dll --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

run() { # name url [lua]
  local name=$1 url=$2 script=${3:-}
  wrk -t2 -c"$connections" -d"${duration}s" --latency ${script:+-s "$script"} "$url" > "$data/$name.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$data/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$data/$name.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$data/$name.txt" || true)
  echo "$name $rps $p99 ${errors:+($errors)}"
}
# Warm every target first (JIT tiering, caches), so no target is measured colder than another.
for _ in 1 2; do
  wrk -t2 -c"$connections" -d3s "$base/bench/empty" >/dev/null
  wrk -t2 -c"$connections" -d3s -s bench/catalogue/queries.lua "$base/api/catalogue/search" >/dev/null
  wrk -t2 -c"$connections" -d3s "$base/api/catalogue/entries?sector=IT&page=1&pageSize=20" >/dev/null
done
echo "TitleBridge catalogue load test: $connections connections, ${duration}s per target, $(nproc) cores, $(date -u +%FT%TZ)"
empty=$(run empty "$base/bench/empty")
search=$(run search "$base/api/catalogue/search" bench/catalogue/queries.lua)
entries=$(run entries "$base/api/catalogue/entries?sector=IT&page=1&pageSize=20")
python3 - "$empty" "$search" "$entries" <<'PY'
import sys
rows = [a.split(" ", 3) for a in sys.argv[1:]]
base = float(rows[0][1])
print(f"{'target':<10}{'req/s':>12}{'p99':>12}{'ratio to empty':>18}")
for r in rows:
    extra = r[3] if len(r) > 3 else ""
    print(f"{r[0]:<10}{float(r[1]):>12.0f}{r[2]:>12}{float(r[1]) / base:>17.0%}  {extra}")
PY
