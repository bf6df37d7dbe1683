#!/usr/bin/env bash
# Sustained submissions through the balancer (issue #10): scripts/cluster.sh's shape — one PostgreSQL,
# 2 instances, nginx — then, on the same server in the same run, pgbench as the baseline, then
# APPLICANTS applicants with complete drafts submitting CONCURRENCY at a time until all have. Afterwards
# every acknowledged submission must be present exactly once. pg_stat_statements gives the SQL profile
# per submission. Everything binds to 127.0.0.1 and stops by itself.
# Usage: bench/submissions/run.sh [APPLICANTS=5000] [PGBENCH_SECONDS=15] [CONCURRENCY=32] [INSTANCES=2]
# WARMUP (default 1200) more applicants submit first, not measured, in two rounds, each followed by a wait until the
# instances' JIT is quiet: the measured phase is the warm service's, not the runtime's compiling.
set -euo pipefail
cd "$(dirname "$0")/../.."
applicants=${1:-5000}
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
stop_all() { cluster_stop; [ -z "${smtp_pid:-}" ] || kill "$smtp_pid" 2>/dev/null || true; rm -f "${sink:-}"; }
trap stop_all EXIT
# The emails go over SMTP as in production, to a small sink that answers every message at once and offers PIPELINING
# as most servers do (bench/submissions/smtp_sink.c: it stands for a mail server on another machine, so it is written
# to cost this one little; without a C compiler, the fault tests' Python sink); EMAIL=file writes them as .eml files
# into the data folder instead (the development stand-in).
case "${EMAIL:-smtp}" in
  smtp)
    smtp_port=$(_free_port)
    if sink=$(mktemp /tmp/smtp_sink-XXXX) && cc -O2 -o "$sink" bench/submissions/smtp_sink.c 2>/dev/null; then
      "$sink" "$smtp_port" &
    else
      echo "No C compiler: the emails go to the fault tests' Python sink, whose CPU (about 0.3 ms an email) is counted." >&2
      python3 bench/faults/smtp_sink.py "$smtp_port" /dev/null 0 pipelining &
    fi
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

# The baseline runs before the submissions and again after them: this machine's speed drifts (pgbench alone has given
# 1,750 and 3,530 TPS within the hour), so the ratio is taken against the mean of the two, and both are printed.
# The machine's busy CPU seconds so far (/proc/stat: user, nice, system, irq and softirq; not idle, iowait or the time
# the hypervisor gave to other machines), to give pgbench's CPU per transaction. Like everything here it needs a quiet
# machine: another process's CPU counts as pgbench's (cpu.py shows it as "everything else" in the measured phase).
busy_seconds() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print ($2 + $3 + $4 + $7 + $8) / hz; exit}' /proc/stat; }
pgbench_tps() {
  local busy_at_start output transactions
  busy_at_start=$(busy_seconds)
  output=$("$bin/pgbench" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -c 32 -j 2 -T "$seconds" pgbench 2>/dev/null)
  transactions=$(awk '/^number of transactions actually processed/ {split($0, a, ": "); print a[2] + 0; exit}' <<<"$output")
  python3 -c "print(f'{($(busy_seconds) - $busy_at_start) * 1000 / max(1, $transactions):.3f}')" >>"$cluster_work/pgbench-cpu.txt"
  awk '/^tps/ {print $3; exit}' <<<"$output"
}
echo "== baseline: pgbench (TPC-B-like, 32 clients, ${seconds}s) on the same server, before the submissions"
"$bin/pgbench" -h 127.0.0.1 -p "$cluster_pg_port" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
tps_before=$(pgbench_tps)
echo "pgbench: $tps_before transactions per second, $(tail -1 "$cluster_work/pgbench-cpu.txt") ms of the machine's CPU each"

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
# the instances write perf maps so that JIT-compiled frames have names): bench/submissions/trace/perf.txt, and the
# instances' samples by part of the work (perf-parts.py).
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
if [ -n "${perf_pid:-}" ]; then
  wait "$perf_pid" || true
  # The instances' samples by part of the work (their perf maps in /tmp name the JIT-compiled frames).
  [ ! -s bench/submissions/trace/perf.data ] || python3 bench/submissions/perf-parts.py bench/submissions/trace/perf.data || true
fi

echo "== SQL profile: statements per submission (pg_stat_statements, titlebridge database, the measured phase)"
submitted=$(sed -n 's/^submissions: .* (\([0-9]*\) in .*/\1/p' "$cluster_work/result.txt")
psql -d titlebridge -P pager=off -c "
  SELECT round(calls::numeric / $submitted, 2) AS per_submission,
         round((total_exec_time / calls)::numeric, 3) AS mean_ms, round(wal_bytes / calls) AS wal_bytes,
         left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
  WHERE d.datname = 'titlebridge' AND calls >= $submitted / 2
  ORDER BY calls DESC, total_exec_time DESC LIMIT 25"
echo "== WAL of the measured phase (pg_stat_wal, pg_stat_user_tables): what the disk writes per submission"
psql -d titlebridge -P pager=off -c "
  SELECT round(wal_records::numeric / $submitted, 1) AS records, round(wal_fpi::numeric / $submitted, 2) AS full_page_images,
         round(wal_bytes / $submitted) AS bytes FROM pg_stat_wal"
psql -d titlebridge -P pager=off -c "
  SELECT relname AS table, round(n_tup_ins::numeric / $submitted, 2) AS inserts, round(n_tup_upd::numeric / $submitted, 2) AS updates,
         round(n_tup_hot_upd::numeric / $submitted, 2) AS hot_updates, pg_size_pretty(pg_total_relation_size(relid)) AS size
  FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd >= $submitted / 2 ORDER BY n_tup_ins + n_tup_upd DESC"
# New connections during the phase: each costs PostgreSQL a process and its caches, and the instances' statements are
# prepared again on it.
psql -d titlebridge -P pager=off -c "
  SELECT sessions AS connections_opened, numbackends AS connected_now FROM pg_stat_database WHERE datname = 'titlebridge'"
psql -d titlebridge -P pager=off -c '
  SELECT round(avg(pg_column_size(o.*))) AS outbox_row_bytes, round(avg(pg_column_size(o."HtmlBody"))) AS html_bytes,
         round(avg(pg_column_size(o."TextBody"))) AS text_bytes FROM "OutboxEmails" o'

echo "== baseline again: pgbench (${seconds}s), after the submissions"
tps_after=$(pgbench_tps)
echo "pgbench: $tps_after transactions per second, $(tail -1 "$cluster_work/pgbench-cpu.txt") ms of the machine's CPU each"
tps=$(python3 -c "print(f'{(float(\"$tps_before\") + float(\"$tps_after\")) / 2:.1f}')")
# The same comparison in CPU, which drifts less than the rates: a submission with its emails against one TPC-B transaction.
python3 - "$cluster_work/cpu.txt" "$cluster_work/pgbench-cpu.txt" <<'PY'
import re, sys
machine = re.search(r"the whole machine \(busy\)\s+\S+ s CPU\s+(\S+) ms per submission", open(sys.argv[1]).read())
pgbench = [float(line) for line in open(sys.argv[2]) if line.strip()]
if machine and pgbench:
    per_submission, per_transaction = float(machine.group(1)), sum(pgbench) / len(pgbench)
    print(f"a submission with its emails used {per_submission:.2f} ms of the machine's CPU, a pgbench transaction "
          f"{per_transaction:.2f} ms: one submission is {per_submission / per_transaction:.1f} transactions' worth "
          f"(R = 25% needs 4.0 or fewer, with the machine as busy in both)")
PY

# The rate counts the time the outbox took to deliver the phase's emails after it (LoadBench --wait-for-emails): a rate
# that leaves a growing backlog of emails behind is not sustained.
answered=$(awk '/^submissions:/ {print $2}' "$cluster_work/result.txt")
rate=$(sed -n 's/^emails: .*submissions with their emails delivered: \([0-9.]*\) per second.*/\1/p' "$cluster_work/result.txt")
rate=${rate:-?}
latency=$(sed -n 's/^submissions:.*\(p50 [0-9]* ms, p99 [0-9]* ms\).*/\1/p' "$cluster_work/result.txt")
ratio=$(python3 -c "print(f'{float(\"$rate\")/float(\"$tps\"):.1%}')" 2>/dev/null || echo '?')
backlog=$(sed -n 's/^emails: \([0-9]*\) not yet delivered when the phase ended, all delivered \([0-9.]*\) s later.*/\1 emails queued at its end, delivered \2 s later/p' "$cluster_work/result.txt")
echo "submissions: $rate/s sustained beside pgbench $tps TPS ($ratio), $latency (answered at $answered/s; ${backlog:-emails not all delivered}; pgbench $tps_before before, $tps_after after)"
exit "$status"
