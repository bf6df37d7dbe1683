#!/usr/bin/env bash
# Rule-set impact (issue #9): N files (default 100,000) evaluated under the rule set in force and a candidate,
# on every core and on one thread in the same run. Usage: bench/impact/run.sh [FILES]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/TitleBridge.ImpactBench -c Release -v q -nologo >/dev/null
dotnet bench/TitleBridge.ImpactBench/bin/Release/net10.0/TitleBridge.ImpactBench.dll "${1:-100000}" .
