#!/usr/bin/env bash
# Runs the whole unit and integration suite N times in a row (default 20) and stops at the first red run:
# the way to show that a race is gone, since one green run proves little. MariaDB runs too when
# MYSQL_TEST_URL is set (as in CI). Usage: scripts/repeat-tests.sh [N]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
mkdir -p test-reports
for i in $(seq 1 "$runs"); do
  start=$SECONDS
  if npx vitest run > test-reports/repeat-last.log 2>&1; then
    printf 'run %d/%d: green (%ss) %s\n' "$i" "$runs" "$((SECONDS - start))" "$(grep -E '^ +Tests ' test-reports/repeat-last.log | sed 's/\x1b\[[0-9;]*m//g' | tr -s ' ')"
  else
    printf 'run %d/%d: RED, output in test-reports/repeat-last.log\n' "$i" "$runs"
    exit 1
  fi
done
echo "all $runs runs green"
