#!/usr/bin/env python3
"""CPU accounting of the measured phase (bench/submissions/run.sh): where the machine's CPU time went.

Usage: cpu.py PHASE_FILE SUBMISSIONS_FILE
Waits until the load generator writes "measuring" into PHASE_FILE, reads every process's user+system CPU time
from /proc, waits for "done", reads them again, and prints the CPU milliseconds per submission of each part
(the instances, nginx, PostgreSQL, the load generator, the SMTP sink, anything else on the machine), and of the instances' CPU the
share of the runtime's own threads (the JIT's tiering thread, the garbage collector's). SUBMISSIONS_FILE is read
at the end for the number of measured submissions (the load generator's "submissions: … (N in …" line).
"""
import os, sys, time

TICK = os.sysconf("SC_CLK_TCK")


def part(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        with open(f"/proc/{pid}/comm") as f:
            comm = f.read().strip()
    except OSError:
        return None
    if "TitleBridge.Web.dll" in cmd:
        return "web instances"
    if "TitleBridge.LoadBench" in cmd:
        return "load generator"
    if "smtp_sink" in cmd:  # smtp_sink.c built as /tmp/smtp_sink-…, or the Python sink
        return "SMTP server (the sink)"
    if comm.startswith("nginx"):
        return "nginx"
    if comm.startswith("postgres") or cmd.startswith("postgres"):
        return "PostgreSQL"
    return "everything else on the machine"


def stat_of(stat_path):
    with open(stat_path) as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_of(stat_path):
    fields = stat_of(stat_path)
    # fields[0] is field 3 (state): utime is field 14, stime field 15.
    return (int(fields[11]) + int(fields[12])) / TICK


# The .NET runtime names its threads; these are its own work beside the requests' (thread names are cut to 15 bytes).
RUNTIME_THREADS = {".NET Tiered Com": "the JIT's tiering thread", ".NET Server GC": "the garbage collector",
                   ".NET BGC": "the garbage collector"}


def runtime_threads(pid):
    """CPU seconds of an instance's runtime threads, by (thread id, start time, kind): a reused id is another thread."""
    kinds = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kinds
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                kind = RUNTIME_THREADS.get(f.read().strip())
            if kind:
                fields = stat_of(f"/proc/{pid}/task/{tid}/stat")
                # starttime is field 22.
                kinds[(tid, fields[19], kind)] = (int(fields[11]) + int(fields[12])) / TICK
        except OSError:
            pass
    return kinds


def snapshot():
    seen = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            seen[int(name)] = cpu_of(f"/proc/{name}/stat")
        except OSError:
            continue
    return seen


def instances_threads(pids):
    return {(pid, key): cpu for pid in pids if part(pid) == "web instances" for key, cpu in runtime_threads(pid).items()}


def machine():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    # total, and the time not used here: idle, iowait and steal (the hypervisor ran another machine)
    return sum(values[:8]) / TICK, (values[3] + values[4] + values[7]) / TICK


def wait_for(path, word):
    while True:
        try:
            with open(path) as f:
                if f.read().strip() == word:
                    return
        except OSError:
            pass
        time.sleep(0.02)


phase, result = sys.argv[1], sys.argv[2]
wait_for(phase, "measuring")
before, (total0, idle0), t0 = snapshot(), machine(), time.monotonic()
threads_before = instances_threads(before)
parts = {}
# The runtime's threads are sampled through the phase, not only at its ends: the tiering thread ends when its queue is
# empty (and a new one starts later), and a thread that ended takes its CPU time out of /proc/PID/task.
threads_last = dict(threads_before)
instance_pids = [pid for pid in before if part(pid) == "web instances"]
sampled = time.monotonic()
while True:
    try:
        with open(phase) as f:
            if f.read().strip() == "done":
                break
    except OSError:
        pass
    # The phase file is read often (the load generator exits soon after "done", and its CPU time with it), the threads
    # four times a second.
    if time.monotonic() - sampled >= 0.25:
        threads_last.update(instances_threads(instance_pids))
        sampled = time.monotonic()
    time.sleep(0.02)
after, (total1, idle1), wall = snapshot(), machine(), time.monotonic() - t0
threads_last.update(instances_threads(after))
runtime = {}
for (pid, (tid, started, kind)), cpu in threads_last.items():
    runtime[kind] = runtime.get(kind, 0.0) + cpu - threads_before.get((pid, (tid, started, kind)), 0.0)
for pid, cpu in after.items():
    name = part(pid)
    if name is not None:
        parts[name] = parts.get(name, 0.0) + cpu - before.get(pid, 0.0)
count = 0
for _ in range(1200):  # the load generator prints the measured count after checking the stored rows
    with open(result) as f:
        found = [line for line in f if line.startswith("submissions: ")]
    if found:
        count = int(found[0].split("(")[1].split()[0])
        break
    time.sleep(0.1)
busy = (total1 - total0) - (idle1 - idle0)
print(f"== CPU of the measured phase ({wall:.1f} s, {count} submissions; the machine's {os.cpu_count()} cores "
      f"{busy / wall / os.cpu_count():.0%} busy)")
for name, cpu in sorted(parts.items(), key=lambda p: -p[1]):
    per = f"{cpu * 1000 / count:7.2f} ms per submission" if count else ""
    print(f"  {name:32} {cpu:7.2f} s CPU  {per}")
    if name == "web instances":
        for kind, used in sorted(runtime.items(), key=lambda k: -k[1]):
            per = f"{used * 1000 / count:7.2f} ms per submission" if count else ""
            print(f"    of which {kind:24} {used:4.2f} s CPU  {per}")
# The machine's busy time as /proc/stat counts it, the same measure run.sh takes of pgbench's transactions.
if count:
    print(f"  {'the whole machine (busy)':32} {busy:7.2f} s CPU  {busy * 1000 / count:7.2f} ms per submission")
