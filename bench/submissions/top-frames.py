#!/usr/bin/env python3
"""Reads a dotnet-trace speedscope file (bench/submissions/run.sh with TRACE=1) and prints where the instance's
managed CPU time went: the frames with the most inclusive and self time, over the samples taken while managed code ran.

Usage: top-frames.py FILE.speedscope.json [N=40] [FILTER]   (FILTER: only frames whose name contains it)
"""
import json, sys
from collections import defaultdict

path = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 40
only = sys.argv[3] if len(sys.argv) > 3 else None
doc = json.load(open(path))
names = [f["name"] for f in doc["shared"]["frames"]]
inclusive, exclusive = defaultdict(float), defaultdict(float)
total = 0.0


def account(stack, weight):
    global total
    if not stack:
        return
    text = [names[i] for i in stack]
    # Thread-time samples end in a pseudo frame: CPU_TIME (managed code running) or UNMANAGED_CODE_TIME (in native
    # code: a system call, or waiting). Only the first is counted: the managed CPU of the instance.
    if text[-1] != "CPU_TIME" or len(text) < 2:
        return
    text = text[:-1]
    total += weight
    exclusive[text[-1]] += weight
    for t in set(text):
        inclusive[t] += weight


for profile in doc["profiles"]:
    if profile["type"] == "sampled":
        for stack, weight in zip(profile["samples"], profile["weights"]):
            account(stack, weight)
    else:  # evented: open/close events in time order
        stack, last = [], None
        for e in profile["events"]:
            if last is not None and stack:
                account(list(stack), e["at"] - last)
            last = e["at"]
            if e["type"] == "O":
                stack.append(e["frame"])
            elif stack:
                stack.pop()

print(f"sampled busy time {total:.0f} (trace units), frames by inclusive share:")
rows = sorted(inclusive.items(), key=lambda p: -p[1])
shown = 0
for name, t in rows:
    if only and only not in name:
        continue
    print(f"  {t / total:6.1%} incl  {exclusive.get(name, 0) / total:6.1%} self  {name[:150]}")
    shown += 1
    if shown >= limit:
        break
print("top self time:")
for name, t in sorted(exclusive.items(), key=lambda p: -p[1])[:20]:
    print(f"  {t / total:6.1%} self  {name[:150]}")
