#!/usr/bin/env bash
# Faults during load (issue #10), bounded and loopback-only, on scripts/cluster.sh's shape (one
# PostgreSQL, 2 instances, nginx) with a real SMTP server (smtp_sink.py) that records every message it
# acknowledged:
#   (1) kill -9 one instance while APPLICANTS applicants submit through the balancer, then start it again;
#   (2) stop PostgreSQL in immediate mode for a few seconds during the load, then start it again
#       (while it is down an instance answers 503 with a problem document and /health/ready says so);
#   (3) kill -9 an instance while the outbox sender is delivering, and an instance while the deadline
#       sweep is withdrawing OVERDUE files whose correction deadline passed, then start them again.
# Afterwards: every acknowledged submission stored exactly once with its reference, every overdue file
# withdrawn exactly once (one event, one email), every outbox email acknowledged by the SMTP server exactly
# once (an email whose sender was killed while handing it over is held, and decided on from the server's log, as
# /admin/emails asks an operator to), verify-audit intact. Prints one line:
#   faults: A acknowledged, A stored exactly once, 0 lost, 0 duplicated, audit intact
# Usage: bench/faults/run.sh [APPLICANTS=600] [CONCURRENCY=16] [OVERDUE=400]
set -euo pipefail
cd "$(dirname "$0")/../.."
applicants=${1:-600}
concurrency=${2:-16}
overdue=${3:-400}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smtp_port=$(free_port)
export CLUSTER_LIBRARY=1 CLUSTER_PORT=${CLUSTER_PORT:-$(free_port)}
# Every seeded applicant signs in from 127.0.0.1 before the load, so the per-address sign-in limit is lifted.
# Short claims and intervals so that a crashed instance's work is taken over within seconds.
export CLUSTER_EXTRA_ENV="Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=$smtp_port Email__Smtp__Security=None \
  Email__PollSeconds=1 Email__LockSeconds=10 Email__BatchSize=10 Sweeps__IntervalSeconds=2 \
  RateLimits__sign-in__PermitLimit=1000000"
source scripts/cluster.sh
load_pid="" sink_pid=""
stop_all() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null
  cluster_stop
}
trap stop_all EXIT

load_bin=${LOADBENCH_BIN:-bench/TitleBridge.LoadBench/bin/Release/net10.0}
[ -n "${LOADBENCH_BIN:-}" ] || dotnet build bench/TitleBridge.LoadBench -c Release -v q -nologo >/dev/null
received=$(mktemp /tmp/titlebridge-smtp-XXXX)
# 100 ms per message: a slow server, so that the instances' senders (Email:Senders each) still have emails in hand
# when fault 3a comes, after the submissions.
python3 bench/faults/smtp_sink.py "$smtp_port" "$received" 0.1 &
sink_pid=$!

cluster_start 2
psql() { "$(_pg_bin)/psql" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -d titlebridge -At -q "$@"; }
metrics_direct=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${cluster_ports[0]}/metrics")
metrics_balanced=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CLUSTER_PORT/metrics")
echo "== /metrics: $metrics_direct on an instance's own port, $metrics_balanced through the balancer"
load() {
  dotnet "$load_bin/TitleBridge.LoadBench.dll" --url "http://127.0.0.1:$CLUSTER_PORT" --connection "$cluster_connection" \
    --data "$cluster_work/data" "$@"
}
# wait_for SQL: until the query answers t (at most 120 s).
wait_for() { for _ in $(seq 1 2400); do [ "$(psql -c "$1" 2>/dev/null)" = t ] && return 0; sleep 0.05; done; echo "timed out waiting for: $1" >&2; return 1; }

load --applicants "$applicants" --concurrency "$concurrency" >"$cluster_work/load.txt" 2>&1 &
load_pid=$!
# Faults only once the measured phase (the submissions) has begun.
# (Seeding and signing in 1,500 applicants takes minutes on a busy machine: wait up to 40 minutes, never start early.)
until grep -qs '^Signed in' "$cluster_work/load.txt"; do
  kill -0 "$load_pid" 2>/dev/null || { cat "$cluster_work/load.txt"; echo "faults: the load generator stopped before the submissions"; exit 1; }
  [ "$SECONDS" -lt 2400 ] || { echo "faults: the submissions did not begin within 40 minutes"; exit 1; }
  sleep 0.5
done
sleep 1
echo "== fault 1: kill -9 instance 0 during the submissions, then start it again"
instance_kill 0
sleep 2
instance_start 0
echo "== fault 2: PostgreSQL stopped (immediate mode) for 3 s during the submissions, then started again"
pg_stop_immediate
sleep 1
down=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "http://127.0.0.1:${cluster_ports[1]}/health/ready" || true)
api_down=$(curl -s -o /dev/null -m 10 -w '%{http_code} %{content_type}' "http://127.0.0.1:${cluster_ports[1]}/api/cycles" || true)
sleep 2
pg_start
echo "   while the database was down: /health/ready answered $down, GET /api/cycles answered $api_down"
wait "$load_pid" && load_status=0 || load_status=$?
load_pid=""
cat "$cluster_work/load.txt"

echo "== fault 3a: kill -9 instance 1 while the outbox sender delivers, then start it again"
# A claim of instance 1's own (the token names its process), so that the kill lands while it delivers.
wait_for "SELECT count(*) > 0 FROM \"OutboxEmails\" WHERE \"SentAt\" IS NULL AND \"LockedBy\" LIKE '%/${cluster_pids[1]}/%'"
instance_kill 1
echo "   killed with $(psql -c 'SELECT count(*) FROM "OutboxEmails" WHERE "SentAt" IS NULL') emails not yet sent"
sleep 1
instance_start 1

echo "== fault 3b: $overdue files past their correction deadline; kill -9 instance 0 during the deadline sweep"
load --overdue-corrections "$overdue" | tail -1
withdrawn="SELECT count(*) FROM \"Applications\" WHERE \"Reference\" LIKE 'GZ-%-9%' AND \"State\" = 'Withdrawn'"
wait_for "SELECT ($withdrawn) > 0"
instance_kill 0
echo "   killed with $(psql -c "$withdrawn") of $overdue withdrawn"
sleep 1
instance_start 0

echo "== settling: every overdue file withdrawn, every email sent or held for a decision"
wait_for "SELECT ($withdrawn) = $overdue"
wait_for "SELECT count(*) = 0 FROM \"OutboxEmails\" WHERE \"SentAt\" IS NULL AND \"GaveUpAt\" IS NULL AND \"UncertainAt\" IS NULL"
sleep 1
# An email handed over when its sender was killed is held, not sent again (the server may have it). The operator
# decides as /admin/emails asks: looks each one up in the mail server's log by its Message-ID, records it delivered
# if the server accepted it, sends it again if not. Here the sink's file is that log; the host's held-emails verb decides.
host() { (cd "$(_bin_dir)" && _instance_env dotnet "$(_dll)" "$@"); }
held_in_log=0 held_not_in_log=0
while IFS=$'\t' read -r message_id why _; do
  [ "$why" = uncertain ] || continue
  if grep -qxF "$message_id" "$received"; then
    host held-emails --delivered "$message_id" >/dev/null && held_in_log=$((held_in_log + 1))
  else
    host held-emails --send-again "$message_id" >/dev/null && held_not_in_log=$((held_not_in_log + 1))
  fi
done < <(host held-emails 2>/dev/null | grep -P '\t')
wait_for "SELECT count(*) = 0 FROM \"OutboxEmails\" WHERE \"SentAt\" IS NULL AND \"GaveUpAt\" IS NULL"
sleep 1
sweep_events=$(psql -c "SELECT count(*) FROM \"ApplicationEvents\" e JOIN \"Applications\" a ON a.\"Id\" = e.\"ApplicationId\" WHERE a.\"Reference\" LIKE 'GZ-%-9%' AND e.\"What\" = 'CorrectionDeadlinePassed'")
sweep_files=$(psql -c "SELECT count(DISTINCT e.\"ApplicationId\") FROM \"ApplicationEvents\" e JOIN \"Applications\" a ON a.\"Id\" = e.\"ApplicationId\" WHERE a.\"Reference\" LIKE 'GZ-%-9%' AND e.\"What\" = 'CorrectionDeadlinePassed'")
sweep_emails=$(psql -c "SELECT count(*) FROM \"OutboxEmails\" WHERE \"TemplateKey\" = 'ApplicationWithdrawn'")
outbox=$(psql -c 'SELECT count(*) FROM "OutboxEmails"')
gave_up=$(psql -c 'SELECT count(*) FROM "OutboxEmails" WHERE "GaveUpAt" IS NOT NULL')
got=$(wc -l <"$received")
distinct=$(sort -u "$received" | wc -l)
twice=$((got - distinct))
echo "deadline sweep: $overdue due, $sweep_files withdrawn, $sweep_events withdrawal events, $sweep_emails withdrawal emails"
echo "emails: $outbox in the outbox, $distinct acknowledged by the SMTP server, $twice acknowledged twice, $gave_up given up;" \
  "$((held_in_log + held_not_in_log)) held as uncertain ($held_in_log in the server's log: recorded delivered; $held_not_in_log not: sent again)"

audit=$(cd "$(_bin_dir)" && _instance_env dotnet "$(_dll)" verify-audit 2>&1) && audit_ok=1 || audit_ok=0
echo "$audit" | tail -1

line=$(awk '/^acknowledged/ {print}' "$cluster_work/load.txt")
acknowledged=$(echo "$line" | awk '{print $2}')
missing=$(echo "$line" | sed -n 's/.*missing \([0-9]*\).*/\1/p')
duplicated=$(echo "$line" | sed -n 's/.*duplicate references \([0-9]*\).*/\1/p')
stored_once=$((acknowledged - missing))
differs=""
[ "$load_status" = 0 ] || differs+="; the load generator found a mismatch"
[ "$metrics_direct" = 200 ] && [ "$metrics_balanced" = 404 ] || differs+="; /metrics answered $metrics_direct directly and $metrics_balanced through the balancer"
[ "$down" = 503 ] || differs+="; /health/ready answered '$down' while the database was down"
case "$api_down" in 503*application/problem+json*) ;; *) differs+="; GET /api/cycles answered '$api_down' while the database was down";; esac
[ "$sweep_files" = "$overdue" ] && [ "$sweep_events" = "$overdue" ] || differs+="; sweep: $sweep_files of $overdue withdrawn with $sweep_events events"
[ "$sweep_emails" = "$overdue" ] || differs+="; $sweep_emails withdrawal emails for $overdue files"
[ "$distinct" = "$outbox" ] && [ "$twice" = 0 ] || differs+="; emails: $distinct of $outbox acknowledged, $twice twice"
echo "faults: $acknowledged acknowledged, $stored_once stored exactly once, $missing lost, $duplicated duplicated, audit $([ "$audit_ok" = 1 ] && echo intact || echo BROKEN)$differs"
[ -z "$differs" ] && [ "$audit_ok" = 1 ]
