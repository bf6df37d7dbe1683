#!/usr/bin/env bash
# The production shape on one machine: a throwaway PostgreSQL, `migrate` run once, N stateless
# TitleBridge instances on loopback ports and Debian's nginx balancing between them. Everything binds
# to 127.0.0.1 and stops when this script exits (Ctrl-C).
#
#   scripts/cluster.sh [N]            N instances (default 2); the balancer on $CLUSTER_PORT (default 8080)
#
# As root on a fresh Debian machine it installs what is missing (postgresql, nginx). The bench scripts
# source this file (CLUSTER_LIBRARY=1) and use its functions: cluster_start, cluster_stop,
# instance_kill, instance_start, pg_stop_immediate, pg_start.
set -euo pipefail

cluster_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cluster_port=${CLUSTER_PORT:-8080}
cluster_work=""
cluster_pg_port=""
cluster_connection=""
cluster_admin_password=""
declare -a cluster_ports=() cluster_pids=()
cluster_nginx_pid=""

_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

_cluster_prerequisites() {
  local missing=()
  [ -n "$(_pg_bin)" ] || missing+=(postgresql)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)." >&2; return 1; }
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing ${missing[*]}…"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
}

# The environment every instance (and `migrate`) runs with. Background work runs on every instance:
# the outbox sender, the deadline sweep and the audit sealer each claim their items (decision 0035).
_instance_env() {
  local run=()
  [ "${1:-}" = exec ] && { run=(exec); shift; }
  "${run[@]}" env ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
    Database__Provider=Postgres Database__MigrateOnStartup=false \
    ConnectionStrings__Default="$cluster_connection" \
    TitleBridge__DataDirectory="$cluster_work/data" \
    TitleBridge__FirstAdmin__Password="$cluster_admin_password" \
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
    Logging__LogLevel__Default="${CLUSTER_LOG_LEVEL:-Warning}" \
    ${CLUSTER_EXTRA_ENV:-} \
    "$@"
}

# CLUSTER_BIN: another build output to run (e.g. a copy, so that a rebuild cannot change it mid-run).
_bin_dir() { echo "${CLUSTER_BIN:-$cluster_root/src/TitleBridge.Web/bin/Release/net10.0}"; }
_dll() { echo "$(_bin_dir)/TitleBridge.Web.dll"; }

pg_start() {
  _as_pg "$(_pg_bin)/pg_ctl" -D "$cluster_work/pg" -l "$cluster_work/pg.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $cluster_pg_port -k $cluster_work -c max_connections=${CLUSTER_PG_MAX_CONNECTIONS:-300} -c shared_buffers=256MB ${CLUSTER_PG_OPTIONS:-}" start >/dev/null
}

pg_stop_immediate() { _as_pg "$(_pg_bin)/pg_ctl" -D "$cluster_work/pg" -m immediate stop >/dev/null; }

# instance_start I: starts instance I (0-based) on its port and waits until it is ready.
instance_start() {
  local i=$1
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:${cluster_ports[$i]}/health/live"; then
    echo "Instance $i: port ${cluster_ports[$i]} still answers; an earlier process is alive" >&2
    return 1
  fi
  # exec: the background job's PID is the host's own, so that instance_kill and cluster_stop reach it
  # (a function run in the background is a subshell whose child would survive its kill).
  (cd "$(_bin_dir)" && _instance_env exec dotnet "$(_dll)" --urls "http://127.0.0.1:${cluster_ports[$i]}") >>"$cluster_work/instance-$i.log" 2>&1 &
  cluster_pids[$i]=$!
  for _ in $(seq 1 480); do
    curl -fs "http://127.0.0.1:${cluster_ports[$i]}/health/live" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "Instance $i did not start; see $cluster_work/instance-$i.log" >&2
  return 1
}

# instance_kill I: kill -9, as a crash would.
instance_kill() {
  kill -9 "${cluster_pids[$1]}" 2>/dev/null || true
  wait "${cluster_pids[$1]}" 2>/dev/null || true
  cluster_pids[$1]=""
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:${cluster_ports[$1]}/health/live"; then
    echo "Instance $1 still answers on port ${cluster_ports[$1]} after kill -9" >&2
    return 1
  fi
}

_nginx_config() {
  local servers=""
  for port in "${cluster_ports[@]}"; do servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"$'\n'; done
  mkdir -p "$cluster_work/nginx/tmp"
  chmod 0777 "$cluster_work/nginx/tmp"
  cat >"$cluster_work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $cluster_work/nginx/nginx.pid;
error_log $cluster_work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $cluster_work/nginx/tmp/body;
  proxy_temp_path $cluster_work/nginx/tmp/proxy;
  fastcgi_temp_path $cluster_work/nginx/tmp/fastcgi;
  uwsgi_temp_path $cluster_work/nginx/tmp/uwsgi;
  scgi_temp_path $cluster_work/nginx/tmp/scgi;
  # The app enforces its own body limits (per instance, by design: docs/decisions/0035); nginx only caps the worst.
  client_max_body_size 25m;
  upstream titlebridge {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$cluster_port;
    # Each instance is scraped on its own port; the instances also refuse a scrape that came through a proxy.
    location = /metrics { return 404; }
    location / {
      proxy_pass http://titlebridge;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A crashed instance: retry idempotent requests on the other one; a POST is never retried.
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
EOF
}

# cluster_start N: everything up and ready through the balancer.
cluster_start() {
  local n=${1:-2}
  _cluster_prerequisites
  cluster_work=$(mktemp -d /tmp/titlebridge-cluster-XXXX)
  chmod 0755 "$cluster_work"
  chown postgres:postgres "$cluster_work" 2>/dev/null || true
  mkdir -p "$cluster_work/data"
  cluster_pg_port=$(_free_port)
  cluster_admin_password=${CLUSTER_ADMIN_PASSWORD:-"Tb-$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')-7a"}  # a digit and a letter whatever the random part holds
  cluster_connection="Host=127.0.0.1;Port=$cluster_pg_port;Username=postgres;Database=titlebridge;Maximum Pool Size=${CLUSTER_POOL_SIZE:-50};Timeout=5;Command Timeout=30${CLUSTER_CONNECTION_EXTRA:-}"
  if [ "${CLUSTER_NO_BUILD:-}" != 1 ]; then
    echo "Building (Release)…"
    dotnet build "$cluster_root/src/TitleBridge.Web" -c Release -v q -nologo >/dev/null
  fi
  _as_pg "$(_pg_bin)/initdb" -D "$cluster_work/pg" --auth=trust -E UTF8 --no-sync -U postgres >/dev/null
  pg_start
  "$(_pg_bin)/psql" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -q -c "CREATE DATABASE titlebridge"
  echo "PostgreSQL on 127.0.0.1:$cluster_pg_port; migrating once…"
  (cd "$(_bin_dir)" && _instance_env dotnet "$(_dll)" migrate >"$cluster_work/migrate.log" 2>&1) \
    || { cat "$cluster_work/migrate.log" >&2; return 1; }
  for i in $(seq 0 $((n - 1))); do
    cluster_ports[$i]=$(_free_port)
    instance_start "$i"
  done
  _nginx_config
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$cluster_work/nginx/nginx.conf" -p "$cluster_work/nginx" >"$cluster_work/nginx/stdout.log" 2>&1 &
  cluster_nginx_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$cluster_port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "The balancer did not answer on 127.0.0.1:$cluster_port; see $cluster_work/nginx/error.log" >&2
  return 1
}

cluster_stop() {
  # Ctrl-C (or timeout) signals the whole process group: a second signal must not cut the cleanup short.
  trap '' INT TERM
  [ -n "$cluster_nginx_pid" ] && { kill "$cluster_nginx_pid" 2>/dev/null || true; wait "$cluster_nginx_pid" 2>/dev/null || true; }
  for pid in "${cluster_pids[@]}"; do
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; }
  done
  # A graceful stop finishes in-flight requests; one that takes longer than 30 s is killed.
  for pid in "${cluster_pids[@]}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "$cluster_work" ] && [ -d "$cluster_work/pg" ]; then
    _as_pg "$(_pg_bin)/pg_ctl" -D "$cluster_work/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  [ -n "$cluster_work" ] && [ "${CLUSTER_KEEP:-}" != 1 ] && rm -rf "$cluster_work"
  cluster_work=""
  trap - INT TERM
}

if [ "${CLUSTER_LIBRARY:-}" != 1 ]; then
  trap cluster_stop EXIT
  trap 'exit 130' INT TERM
  cluster_start "${1:-2}"
  echo
  echo "TitleBridge is running at http://127.0.0.1:$cluster_port (nginx → ${#cluster_ports[@]} instances on ports ${cluster_ports[*]})"
  echo "PostgreSQL: $cluster_connection"
  echo "First administrator: admin@titlebridge.localhost  password: $cluster_admin_password"
  echo "Logs: $cluster_work/instance-*.log, $cluster_work/nginx/error.log. Ctrl-C stops everything."
  while true; do sleep 3600 & wait $!; done
fi
