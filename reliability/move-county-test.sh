#!/usr/bin/env bash
# Kill-midway test of move-county (docs/SCALING.md) on the sharded test databases (run by sharded-test.sh after
# the tests, with the same environment): the county is moved back and forth between ds_0 and ds_1; each round the
# command is killed (SIGKILL) right after one of its phases, then run again to finish. After each kill the shard the
# mapping names holds every row of the county unchanged; after each finished move the county is on the target
# only, writable, with the same rows (count + md5 of every row's text, per table) as before the first move.
#   reliability/move-county-test.sh DBNAME COUNTY
set -euo pipefail
cd "$(dirname "$0")/.."
db="$1"; county="${2:-469030}"
: "${SHANZHI_SHARDING_MAPPING_FILE:?}"
[ -f target/sharded-classpath.txt ] || mvn -B -q -Psharded dependency:build-classpath -Dmdep.outputFile=target/sharded-classpath.txt >/dev/null
cp="target/classes:$(cat target/sharded-classpath.txt)"
port() { [ "$1" = ds_0 ] && echo 55441 || echo 55442; }
psqlq() { su postgres -c "psql -p $1 -d $db -qAtc \"$2\""; }
tables=$(psqlq 55441 "select table_name from information_schema.columns where column_name = 'county_code' and table_schema = 'public' and table_name <> 'divisions' order by 1")
q=""
for t in $tables; do
  q="$q${q:+ union all }select '$t' as t, (select count(*) || '/' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from $t x where county_code = '$county') as f"
done
fingerprint() { su postgres -c "psql -p $(port "$1") -d $db -qAt" <<<"select string_agg(t || '=' || f, ' ' order by t) from ($q) s;" | md5sum | cut -c1-32; }
rows() { su postgres -c "psql -p $(port "$1") -d $db -qAt" <<<"select sum(n) from (select count(*) as n from households where county_code = '$county' union all select count(*) from audit_entries where county_code = '$county' union all select count(*) from points_ledger where county_code = '$county') s;"; }
mapped() { grep -E "^$county=" "$SHANZHI_SHARDING_MAPPING_FILE" | cut -d= -f2 || true; }
readonly_now() { grep -E "^readonly=.*$county" "$SHANZHI_SHARDING_MAPPING_FILE" >/dev/null && echo yes || echo no; }
move() { java -cp "$cp" org.shanzhi.sharding.MoveCounty move-county --county "$county" --to "$1" --grace-ms 300; }

from=$(mapped); from=${from:-$(grep '^default=' "$SHANZHI_SHARDING_MAPPING_FILE" | cut -d= -f2)}
before=$(fingerprint "$from")
echo "county $county on $from: $(rows "$from") rows (households + audit + ledger), fingerprint $before"
fail=0
for phase in readonly copied verified switched writable; do
  to=$([ "$from" = ds_0 ] && echo ds_1 || echo ds_0)
  log=$(mktemp)
  # java itself in the background (not the function "move", whose subshell a kill would end while java went on)
  SHANZHI_MOVE_STEP_PAUSE_MS=2000 java -cp "$cp" org.shanzhi.sharding.MoveCounty move-county --county "$county" --to "$to" --grace-ms 300 >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 600); do grep -q "phase=$phase" "$log" && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  at=$(mapped)
  mid=$(fingerprint "$at")
  ok=$([ "$mid" = "$before" ] && echo ok || echo LOST)
  [ "$ok" = ok ] || fail=1
  move "$to" >>"$log" 2>&1 || { echo "rerun failed:"; tail -5 "$log"; fail=1; }
  after=$(fingerprint "$to"); left=$(rows "$from")
  res=$([ "$after" = "$before" ] && [ "$left" = 0 ] && [ "$(mapped)" = "$to" ] && [ "$(readonly_now)" = no ] && echo ok || echo FAILED)
  [ "$res" = ok ] || fail=1
  printf '%-9s killed after phase %-9s mapping then %-4s rows there %-4s | rerun: %s -> %s, rows left on %s: %s, read-only: %s  %s\n' \
    "$from>$to" "$phase" "$at" "$ok" "$from" "$to" "$from" "$left" "$(readonly_now)" "$res"
  rm -f "$log"
  [ "$res" = ok ] || break   # later rounds would start from a broken state
  from=$to
done
[ "$fail" = 0 ] && echo "== move-county kill-midway test passed" || { echo "== move-county kill-midway test FAILED"; exit 1; }
