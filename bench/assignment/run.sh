#!/usr/bin/env bash
# Review-group assignment (policy.md §5.4) at scale: 10,000 files × 500 experts, k = 3, 25 specialties,
# about 2% of pairs conflicted, a load cap; OR-Tools min-cost flow beside a greedy baseline in the same run.
# Usage: bench/assignment/run.sh [FILES] [EXPERTS] [K]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/TitleBridge.AssignmentBench -c Release -v q -nologo >/dev/null
dotnet bench/TitleBridge.AssignmentBench/bin/Release/net10.0/TitleBridge.AssignmentBench.dll "${1:-10000}" "${2:-500}" "${3:-3}" data/catalogue/specialties.json
