#!/usr/bin/env bash
# Runs every test of the project on a fresh machine of this kind.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests need Debian's Chromium, the cluster tests Debian's redis-server (a real membership
# table for several silos); install what is missing (root, as on these machines).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing Debian's ${missing[*]} for the browser and cluster tests"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  # the package starts a Redis of its own on 6379; the tests start theirs on free ports
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop redis-server >/dev/null 2>&1 || true; fi
fi

dotnet build Simulation.sln -c Release -v quiet -nologo
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One test project at a time (-m:1): on 2 cores the process, cluster and browser tests would otherwise
# crowd each other, and the tests that bound couplesim's time would measure the crowd.
# The minimal console logger prints a failed test's message and stack (quiet alone prints only its name).
# --blame: if a test host crashes, the run names the test that was running (a crash aborts its project's run).
dotnet test Simulation.sln -c Release --no-build -v quiet -nologo -m:1 --blame --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?

# One closing line over all test projects, in the plain form CI reads.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
aborted=$(grep -c 'Test Run Aborted' "$log" || true)
summary="${passed:-0} passed, ${failed:-0} failed"
if [ "${aborted:-0}" -gt 0 ]; then summary="$summary, $aborted test run(s) aborted (a test host crashed: see above)"; fi
echo "$summary"
exit "$status"
