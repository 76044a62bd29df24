#!/usr/bin/env bash
# The reliability runs that need a real PostgreSQL and process kills (issue "Reliability" items 2, 3, 6):
# crash with SIGKILL (5 runs), database outage of 10 s, pg_dump/restore round trip. Needs root (it installs
# and starts a PostgreSQL cluster on port 55432). Prints each run's figures; exits non-zero on any loss.
#   reliability/run-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
echo "== crash: 5 runs"; reliability/crash.sh 5
echo "== database outage"; reliability/outage.sh
echo "== backup and restore"; reliability/backup-restore.sh shanzhi_crash
