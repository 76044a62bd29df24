#!/usr/bin/env bash
# Crash test (issue "Reliability" item 2): starts the app on PostgreSQL, drives concurrent writes, kills the app
# with SIGKILL mid-run, restarts it, and checks that every acknowledged write is there exactly once and that the
# invariants hold (invariants.sql returns no rows; every audit hash chain verifies). Repeats RUNS times.
#   reliability/crash.sh [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${PGPORT:-55432}
url=$(reliability/pg-local.sh shanzhi_crash)
[ -f target/shanzhi-0.1.0-SNAPSHOT.jar ] || mvn -q -B package -DskipTests
jar=$(ls target/shanzhi-*.jar | grep -v original | head -1)
work=$(mktemp -d)
trap '[ -f "$work/app.pid" ] && kill -9 "$(cat "$work/app.pid")" 2>/dev/null || true' EXIT
app_port=18181
start_app() {
  SHANZHI_DB_URL=$url SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi PORT=$app_port SHANZHI_LIMIT_WRITES=100000 \
    java -Xmx512m -jar "$jar" > "$work/app-$1.log" 2>&1 &
  echo $! > "$work/app.pid"
  for i in $(seq 1 400); do curl -sf localhost:$app_port/actuator/health >/dev/null 2>&1 && return 0; sleep 1; done
  echo "app did not start"; tail -50 "$work/app-$1.log"; exit 1
}
psql_q() { su postgres -c "psql -p $port -d shanzhi_crash -qAtc \"$1\""; }
total_lost=0; total_dup=0; total_acked=0
start_app 0
for run in $(seq 1 "$runs"); do
  java reliability/WriteLoad.java "http://localhost:$app_port" 20 16 "crash$run-$$" "$work/acked-$run.txt" > "$work/load-$run.log" 2>&1 &
  load=$!
  sleep $((5 + run))
  kill -9 "$(cat "$work/app.pid")"
  echo "run $run: app killed with SIGKILL"
  start_app "$run"
  wait $load
  cat "$work/load-$run.log"
  acked=$(wc -l < "$work/acked-$run.txt")
  cp "$work/acked-$run.txt" /tmp/acked.txt && chmod 644 /tmp/acked.txt
  su postgres -c "psql -p $port -d shanzhi_crash -qAt" > "$work/lost.txt" <<'SQL'
create temp table acked(n text);
\copy acked from '/tmp/acked.txt'
select count(*) from acked a where not exists (select 1 from households h where h.number = a.n);
SQL
  lost=$(tail -1 "$work/lost.txt")
  dup=$(psql_q "select count(*) from (select number from households where number like 'crash$run-%' group by number having count(*) > 1) d")
  bad=$(su postgres -c "psql -p $port -d shanzhi_crash -qAt -f $(pwd)/reliability/invariants.sql" | wc -l)
  echo "run $run: acknowledged=$acked lost=$lost duplicated=$dup invariant_violations=$bad"
  total_acked=$((total_acked + acked)); total_lost=$((total_lost + lost)); total_dup=$((total_dup + dup))
  [ "$bad" = 0 ] || { su postgres -c "psql -p $port -d shanzhi_crash -qAt -f $(pwd)/reliability/invariants.sql"; exit 1; }
done
tok=$(curl -s -XPOST localhost:$app_port/api/v1/auth/token -H 'content-type: application/json' -d '{"username":"auditor","password":"shanzhi2026"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
chain=$(curl -s localhost:$app_port/api/v1/audit/verify -H "Authorization: Bearer $tok")
echo "audit chain: $chain"
kill "$(cat "$work/app.pid")" || true
echo "TOTAL runs=$runs acknowledged=$total_acked lost=$total_lost duplicated=$total_dup"
[ "$total_lost" = 0 ] && [ "$total_dup" = 0 ] && echo "$chain" | grep -q '"ok":true'
