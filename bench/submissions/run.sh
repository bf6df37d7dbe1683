#!/usr/bin/env bash
# Sustained submissions through the balancer (issue #10): scripts/cluster.sh's shape — one PostgreSQL,
# 2 instances, nginx — then, on the same server in the same run, pgbench as the baseline, then
# APPLICANTS applicants with complete drafts submitting CONCURRENCY at a time until all have. Afterwards
# every acknowledged submission must be present exactly once. pg_stat_statements gives the SQL profile
# per submission. Everything binds to 127.0.0.1 and stops by itself.
# Usage: bench/submissions/run.sh [APPLICANTS=2000] [PGBENCH_SECONDS=15] [CONCURRENCY=32] [INSTANCES=2]
# WARMUP (default 1200) more applicants submit first, not measured, in two rounds, each followed by a wait until the
# instances' JIT is quiet: the measured phase is the warm service's, not the runtime's compiling.
set -euo pipefail
cd "$(dirname "$0")/../.."
applicants=${1:-2000}
seconds=${2:-15}
concurrency=${3:-32}
instances=${4:-2}
warmup=${WARMUP:-1200}

export CLUSTER_LIBRARY=1 CLUSTER_PORT=${CLUSTER_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
export CLUSTER_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
# The background services run as in production (the sender delivers over SMTP, below). Every seeded applicant signs
# in from 127.0.0.1 before the measured phase, so the per-address sign-in limit is lifted.
# CLUSTER_EXTRA_ENV adds settings of an experiment (for example a runtime knob), passed to every instance.
export CLUSTER_EXTRA_ENV="RateLimits__sign-in__PermitLimit=1000000 ${CLUSTER_EXTRA_ENV:-}"
[ "${PERF:-}" != 1 ] || CLUSTER_EXTRA_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 $CLUSTER_EXTRA_ENV"
source scripts/cluster.sh
stop_all() { cluster_stop; [ -z "${smtp_pid:-}" ] || kill "$smtp_pid" 2>/dev/null || true; }
trap stop_all EXIT
# The emails go over SMTP as in production, to a small sink that answers every message at once and offers PIPELINING
# as most servers do (bench/faults/smtp_sink.py, no pause); EMAIL=file writes them as .eml files into the data folder
# instead (the development stand-in).
case "${EMAIL:-smtp}" in
  smtp)
    smtp_port=$(_free_port)
    python3 bench/faults/smtp_sink.py "$smtp_port" /dev/null 0 pipelining &
    smtp_pid=$!
    CLUSTER_EXTRA_ENV="Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=$smtp_port Email__Smtp__Security=None $CLUSTER_EXTRA_ENV" ;;
  file) ;;
  *) echo "EMAIL is smtp (the default) or file, not '$EMAIL'." >&2; exit 2 ;;
esac

echo "== cluster: PostgreSQL, $instances instances, nginx"
cluster_start "$instances"
bin=$(_pg_bin)
psql() { "$bin/psql" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE DATABASE pgbench"
psql -d titlebridge -c "CREATE EXTENSION pg_stat_statements"

echo "== baseline: pgbench (TPC-B-like, 32 clients, ${seconds}s) on the same server"
"$bin/pgbench" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
tps=$("$bin/pgbench" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -c 32 -j 2 -T "$seconds" pgbench 2>/dev/null | awk '/^tps/ {print $3; exit}')
echo "pgbench: $tps transactions per second"

echo "== TitleBridge: $applicants applicants through nginx (127.0.0.1:$CLUSTER_PORT), $concurrency at a time"
load_bin=${LOADBENCH_BIN:-bench/TitleBridge.LoadBench/bin/Release/net10.0}
[ -n "${LOADBENCH_BIN:-}" ] || dotnet build bench/TitleBridge.LoadBench -c Release -v q -nologo >/dev/null
# Where the CPU went during the measured phase (cpu.py), and with TRACE=1 a sampled trace of instance 0
# (dotnet-trace, speedscope format, kept in bench/submissions/trace/).
phase="$cluster_work/phase"
: >"$cluster_work/result.txt"
python3 bench/submissions/cpu.py "$phase" "$cluster_work/result.txt" >"$cluster_work/cpu.txt" &
cpu_pid=$!
if [ "${TRACE:-}" = 1 ]; then
  mkdir -p bench/submissions/trace
  ( while [ "$(cat "$phase" 2>/dev/null)" != measuring ]; do sleep 0.05; done
    "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "${cluster_pids[0]}" --profile dotnet-sampled-thread-time \
      --duration 00:00:00:08 --format Speedscope -o bench/submissions/trace/instance-0.nettrace >"$cluster_work/trace.log" 2>&1 \
      || { echo "dotnet-trace failed:"; cat "$cluster_work/trace.log"; } ) &
  trace_pid=$!
fi
# With PERF=1, the whole machine's on-CPU samples for 8 s of the measured phase (perf, kernel and PostgreSQL included;
# the instances write perf maps so that JIT-compiled frames have names): bench/submissions/trace/perf.txt.
if [ "${PERF:-}" = 1 ]; then
  mkdir -p bench/submissions/trace
  ( while [ "$(cat "$phase" 2>/dev/null)" != measuring ]; do sleep 0.05; done
    perf record -e cpu-clock -F 499 -a -g -o bench/submissions/trace/perf.data -- sleep 8 >"$cluster_work/perf.log" 2>&1 \
      && perf report -i bench/submissions/trace/perf.data --no-children --sort comm,dso,sym --stdio -g none 2>/dev/null >bench/submissions/trace/perf.txt \
      || { echo "perf failed:"; cat "$cluster_work/perf.log"; } ) &
  perf_pid=$!
fi
set +e
dotnet "$load_bin/TitleBridge.LoadBench.dll" \
  --url "http://127.0.0.1:$CLUSTER_PORT" --connection "$cluster_connection" --data "$cluster_work/data" \
  --applicants "$applicants" --warmup "$warmup" --concurrency "$concurrency" --reset-statistics-after-seeding 1 --wait-for-emails 1 --phase-file "$phase" \
  --quiet-pids "$(IFS=,; echo "${cluster_pids[*]}")" | tee "$cluster_work/result.txt"
status=${PIPESTATUS[0]}
set -e
wait "$cpu_pid" 2>/dev/null || true
cat "$cluster_work/cpu.txt"
[ -z "${trace_pid:-}" ] || wait "$trace_pid" || true
[ -z "${perf_pid:-}" ] || wait "$perf_pid" || true

echo "== SQL profile: statements per submission (pg_stat_statements, titlebridge database, the measured phase)"
submitted=$(sed -n 's/^submissions: .* (\([0-9]*\) in .*/\1/p' "$cluster_work/result.txt")
psql -d titlebridge -P pager=off -c "
  SELECT round(calls::numeric / $submitted, 2) AS per_submission,
         round((total_exec_time / calls)::numeric, 3) AS mean_ms,
         left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
  WHERE d.datname = 'titlebridge' AND calls >= $submitted / 2
  ORDER BY calls DESC, total_exec_time DESC LIMIT 25"

# The rate counts the time the outbox took to deliver the phase's emails after it (LoadBench --wait-for-emails): a rate
# that leaves a growing backlog of emails behind is not sustained.
answered=$(awk '/^submissions:/ {print $2}' "$cluster_work/result.txt")
rate=$(sed -n 's/^emails: .*submissions with their emails delivered: \([0-9.]*\) per second.*/\1/p' "$cluster_work/result.txt")
rate=${rate:-?}
latency=$(sed -n 's/^submissions:.*\(p50 [0-9]* ms, p99 [0-9]* ms\).*/\1/p' "$cluster_work/result.txt")
ratio=$(python3 -c "print(f'{float(\"$rate\")/float(\"$tps\"):.1%}')" 2>/dev/null || echo '?')
backlog=$(sed -n 's/^emails: \([0-9]*\) not yet delivered when the phase ended, all delivered \([0-9.]*\) s later.*/\1 emails queued at its end, delivered \2 s later/p' "$cluster_work/result.txt")
echo "submissions: $rate/s sustained beside pgbench $tps TPS ($ratio), $latency (answered at $answered/s; ${backlog:-emails not all delivered})"
exit "$status"
