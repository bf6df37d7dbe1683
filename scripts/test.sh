#!/usr/bin/env bash
# Runs every TitleBridge test: unit tests, integration tests on SQLite and PostgreSQL, browser tests in
# Chromium. Installs what a fresh Debian machine lacks when run as root. Prints one line
# "N passed, N failed" summed over all test projects and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# --- prerequisites -------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)."; exit 1; }
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]}…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { echo "Could not install ${missing[*]}."; exit 1; }
  else
    echo "Missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi

# Many test hosts start in parallel: file watchers must not use up inotify instances (default limit 128).
export DOTNET_USE_POLLING_FILE_WATCHER=1
if [ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 1024)" -lt 1024 ]; then
  sysctl -q -w fs.inotify.max_user_instances=1024 2>/dev/null || true
fi

# --- build ---------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
restore_flags=()
[ "${CI:-}" = "true" ] && restore_flags+=(--locked-mode)
dotnet restore TitleBridge.slnx "${restore_flags[@]}" || { echo "0 passed, 1 failed"; exit 1; }
dotnet build TitleBridge.slnx --no-restore -c Release -warnaserror || { echo "0 passed, 1 failed"; exit 1; }

# --- tests ---------------------------------------------------------------------------------------
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build -c Release \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

# --- one summary line ----------------------------------------------------------------------------
python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*', text)
    if not m:
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    passed += int(attrs.get("passed", 0))
    failed += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
print(f"{passed} passed, {failed} failed")
PY
expected=$(ls tests/*/*.csproj | wc -l)
found=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$found" -lt "$expected" ]; then
  echo "Only $found of $expected test projects reported results."
  status=1
fi
exit $status
