#!/usr/bin/env python3
"""Where the web instances' on-CPU samples went, by part of the work (bench/submissions/run.sh with PERF=1).

Usage: perf-parts.py PERF_DATA
Reads the samples of the instances' thread-pool workers (`perf script`, call graphs) and charges each sample to the
part of TitleBridge nearest its leaf frame: the submission's unit of work, its read, the endpoint, each step of the
outbox sender, the audit sealer, the session check; samples with no TitleBridge frame go to the framework part nearest
the leaf (EF Core, Npgsql, Kestrel, authentication), or to the kernel and the runtime when nothing names them. Async
continuations carry their callers' frames, so a sample of a continuation is charged to the caller that awaited it.
"""
import collections, subprocess, sys

# Parts of TitleBridge, matched against frames from the leaf upwards: the first frame that names one decides.
APP = [("EmailMessages::ToMimeMessage", "email: MIME message built"), ("SmtpEmailDelivery", "email: SMTP exchange"),
       ("OutboxSender+<RecordAsync>", "email: outcome recorded"), ("OutboxSender+<UntilRecorded", "email: outcome recorded"),
       ("OutboxSender", "email: claim and read"), ("AuditSeal", "audit sealer"), ("Sweep", "deadline sweeps"),
       ("SubmitApplication+<NextReference", "submission: reference"), ("UnitOfWork", "submission: unit of work saved"),
       ("IntegrityBar", "submission: integrity bar"), ("SubmitApplication", "submission: read, checks, eligibility"),
       ("ApplicationsApi", "submission: endpoint (request body, answer)"), ("Stamp", "session check"),
       ("TitleBridge", "middleware and the rest of the request")]
FRAMEWORK = [("Authentication", "authentication (cookie)"), ("DataProtection", "authentication (cookie)"),
             ("OpenTelemetry", "telemetry"), ("Kestrel", "Kestrel"), ("AspNetCore", "ASP.NET Core"),
             ("Npgsql", "Npgsql"), ("EntityFrameworkCore", "EF Core"), ("SocketAsyncEngine", "sockets"),
             ("ThreadPool", "thread pool")]


def part_of(frames):
    for patterns in (APP, FRAMEWORK):
        for frame in frames:
            for pattern, name in patterns:
                if pattern in frame:
                    return name
    return "kernel and runtime, unnamed"


def main():
    script = subprocess.run(["perf", "script", "-i", sys.argv[1], "--comm", ".NET TP Worker"],
                            capture_output=True, text=True, check=True).stdout
    parts = collections.Counter()
    for sample in script.split("\n\n"):
        lines = sample.strip().split("\n")
        if len(lines) > 1:
            parts[part_of(lines[1:])] += 1
    total = sum(parts.values())
    print(f"== the instances' thread-pool workers: {total} samples, by part")
    for name, count in parts.most_common():
        print(f"  {name:46} {count * 100 / total:5.1f}%")


main()
