#!/usr/bin/env bash
# The whole sharded topology on one machine (issue "Scale-out", docs/SCALING.md "Topology script"):
#   two PostgreSQL clusters topo1 (port 55451, data source ds_0) and topo2 (55452, ds_1), made with pg_createcluster;
#   two app nodes of the sharded build (ports 18301, 18302) sharing one county -> data source mapping file;
#   nginx (Debian's package, our own config reliability/topology-nginx.conf, `nginx -c`) on port 18300;
#   two real counties: 琼中 469030 (the demo county) on ds_0 and 琼海市 469002 (national division codes) on ds_1, each
#   with HOUSEHOLDS generated households (bench/GenerateHouseholds.java) imported through the product's import API;
#   a mixed workload through nginx (reliability/TopologyLoad.java: declarations, verifications, reviews, cases,
#   redemptions; every write with an Idempotency-Key, every acknowledged write recorded); node 1 killed (kill -9)
#   KILL_AFTER seconds into it; then the checks below. Exits non-zero if a check fails. Needs root.
#   reliability/topology.sh                              builds the sharded jar first
#   SKIP_BUILD=1 JAR=target/shanzhi-0.1.0-SNAPSHOT.jar reliability/topology.sh
# Knobs: HOUSEHOLDS (2000 per county), THREADS (16), LOAD_SECONDS (90), KILL_AFTER (40), SWEEP_AT (15), COUNTY2 (469002), KEEP=1
# leaves clusters, nodes and nginx running afterwards (otherwise nodes and nginx are stopped; the clusters stay, the
# database is dropped at the next run).
set -euo pipefail
cd "$(dirname "$0")/.."
t_start=$(date +%s)
run=${RUN_DIR:-/tmp/shanzhi-topology}
db=shanzhi_topo
county1=469030; village1=469030202200   # 琼中, 什运乡 便文村 (the demo village)
county2=${COUNTY2:-469002}               # 琼海市
households=${HOUSEHOLDS:-2000}
threads=${THREADS:-16}
load_seconds=${LOAD_SECONDS:-90}
kill_after=${KILL_AFTER:-40}
sweep_at=${SWEEP_AT:-15}
ports=(55451 55452)
step() { echo "== $(( $(date +%s) - t_start )) s: $*"; }
fail=0
check() { # name result(ok|text)
  if [ "$2" = ok ]; then printf '  %-62s ok\n' "$1"; else printf '  %-62s FAILED: %s\n' "$1" "$2"; fail=1; fi
}

# ---- packages ------------------------------------------------------------------------------------------------------
need=()
command -v pg_createcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  # Debian starts the packaged services; this script uses its own cluster and nginx, not those
  systemctl disable --now nginx >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true
fi

# ---- the two clusters (our own: topo1/topo2; never another engineer's) --------------------------------------------
clusters() {
  local ver; ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  local i n p
  for i in 0 1; do
    n=topo$((i + 1)); p=${ports[$i]}
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$n"; then
      pg_createcluster "$ver" "$n" -p "$p" >/dev/null 2>&1
      echo "max_connections = 200" >> "/etc/postgresql/$ver/$n/postgresql.conf"
    fi
    pg_ctlcluster "$ver" "$n" start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do su postgres -c "psql -p $p -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
    su postgres -c "psql -p $p -qc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='shanzhi_topo') then create role shanzhi_topo login password 'shanzhi_topo'; end if; end \\\$\\\$\"" >/dev/null
    su postgres -c "psql -p $p -qc 'drop database if exists $db'" >/dev/null
    su postgres -c "psql -p $p -qc 'create database $db owner shanzhi_topo'" >/dev/null
  done
}
q() { su postgres -c "psql -p $1 -d $db -qAt -v ON_ERROR_STOP=1"; }   # SQL on stdin
shard_port() { [ "$1" = ds_0 ] && echo 55451 || echo 55452; }

# ---- stop what an earlier run left (only our own processes, by their pid files) ------------------------------------
stop_all() {
  for f in "$run"/node1.pid "$run"/node2.pid; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null || true
  done
  [ -f "$run/nginx.pid" ] && /usr/sbin/nginx -c "$run/nginx.conf" -s stop 2>/dev/null || true
  rm -f "$run"/node1.pid "$run"/node2.pid
}
if [ -d "$run" ]; then stop_all; fi
rm -rf "$run"; mkdir -p "$run"; chmod 755 "$run"
[ "${KEEP:-0}" = 1 ] || trap stop_all EXIT

step "PostgreSQL clusters topo1 (55451) and topo2 (55452)"
clusters
if [ -z "${SKIP_BUILD:-}" ]; then step "building the sharded jar"; mvn -o -q -B -Psharded package -DskipTests; fi
jar=${JAR:-$(ls target/shanzhi-*.jar | grep -v original | head -1)}
divisions=$(../shared/data/fetch-divisions.sh /tmp/shanzhi-divisions 2>/dev/null || bash ../shared/data/fetch-divisions.sh /tmp/shanzhi-divisions)

# the mapping file every node reads (CountyShardingAlgorithm): 琼中 on ds_0, the second county on ds_1
cat > "$run/counties.properties" <<EOF
# county -> data source, shared by both app nodes (reliability/topology.sh)
$county1=ds_0
$county2=ds_1
default=ds_0
EOF
export SPRING_PROFILES_ACTIVE=sharded
export SHANZHI_SHARD1_URL="jdbc:postgresql://localhost:55451/$db" SHANZHI_SHARD2_URL="jdbc:postgresql://localhost:55452/$db"
export SHANZHI_DB_USER=shanzhi_topo SHANZHI_DB_PASSWORD=shanzhi_topo SHANZHI_SHARDING_MAPPING_FILE="$run/counties.properties"

# ---- the second county's territory: its rows of the national division codes, imported by the product's CLI --------
step "divisions of $county2 (national codes) through import-divisions"
mkdir -p "$run/div2"
for f in areas streets villages; do
  head -1 "$divisions/$f.csv" > "$run/div2/$f.csv"
done
awk -F, -v c="$county2" '$1 == c' "$divisions/areas.csv" >> "$run/div2/areas.csv"
awk -F, -v c="$county2" '$3 == c' "$divisions/streets.csv" >> "$run/div2/streets.csv"
awk -F, -v c="$county2" '$6 == c' "$divisions/villages.csv" >> "$run/div2/villages.csv"
name2=$(awk -F, 'NR == 2 {gsub(/"/, "", $2); print $2}' "$run/div2/areas.csv")
[ -n "$name2" ] || { echo "county $county2 not in the national codes"; exit 1; }
java -Xmx512m -jar "$jar" import-divisions --dir "$run/div2" --county "$county2" > "$run/import-divisions.log" 2>&1 \
  || { tail -30 "$run/import-divisions.log"; exit 1; }
grep -E "imported|rows" "$run/import-divisions.log" | tail -3 || true
# the second county's first village with households (the load's village)
village2=$(awk -F, 'NR == 2 {print $1}' "$run/div2/villages.csv")

# ---- two app nodes -------------------------------------------------------------------------------------------------
# Jobs run on both nodes, more often than by default so the run shows them: the audit chain every second (its debug
# line names the node's work), the case SLA sweep every 3 s.
start_node() { # n port (in a subshell: the kill -9 below is not reported by this shell)
  ( env PORT=$2 SHANZHI_LIMIT_LOGINS=100000 SHANZHI_LIMIT_WRITES=100000000 SHANZHI_LIMIT_DECLARATIONS=100000000 SHANZHI_SHARD_POOL=20 \
    java -Xmx700m -Dshanzhi.cases.sweep.interval-ms=3000 -Dshanzhi.cases.sweep.initial-delay-ms=3000 \
    -Dlogging.level.org.shanzhi.audit.AuditChainJob=DEBUG -jar "$jar" > "$run/node$1.log" 2>&1 &
  echo $! > "$run/node$1.pid" )
}
wait_node() { # n port
  for _ in $(seq 1 400); do
    grep -q "Started Shanzhi" "$run/node$1.log" && curl -sf "localhost:$2/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$run/node$1.pid")" 2>/dev/null || break
    sleep 1
  done
  tail -40 "$run/node$1.log"; echo "node $1 did not start"; exit 1
}
# node 1 first: it migrates both databases and loads the demo county; node 2 then finds it loaded
step "app node 1 (18301): migrations on both shards, demo county $county1"
start_node 1 18301; wait_node 1 18301
step "app node 2 (18302)"
start_node 2 18302; wait_node 2 18302
sed "s#RUN_DIR#$run#g" reliability/topology-nginx.conf > "$run/nginx.conf"
/usr/sbin/nginx -c "$run/nginx.conf"
base=http://127.0.0.1:18300
for _ in $(seq 1 20); do curl -sf "$base/actuator/health" >/dev/null && break; sleep 0.5; done
step "nginx on 18300 in front of both nodes"

# ---- the second county's first administrator: written once into its shard (the product has no national
# administrator who could create one); the demo administrator's password hash (shanzhi2026) ---------------------------
hash=$(q 55451 <<<"select password_hash from accounts where county_code = '$county1' and username = 'county_admin'")
q 55452 <<SQL
insert into accounts (id, county_code, username, display_name, password_hash, role, scope_code, created_at)
values ($(date +%s%N | cut -c1-18), '$county2', 'admin_$county2', '${name2}管理员', '$hash', 'COUNTY_ADMIN', '$county2', now());
SQL

# ---- households of both counties, generated deterministically, imported through the product's API -----------------
step "households: $households per county, generated, imported through POST /api/v1/households/import"
import_households() { # county admin villages.csv seed
  java bench/GenerateHouseholds.java "$3" "$1" "$households" "$run/households-$1.csv" "$4" >/dev/null
  local tok; tok=$(curl -sf "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"shanzhi2026\"}" | jq -r .token)
  local res; res=$(curl -s -w ' %{http_code}' "$base/api/v1/households/import" -H "Authorization: Bearer $tok" -H "Idempotency-Key: topo-import-$1" \
    -F "file=@$run/households-$1.csv;type=text/csv")
  echo "  $1: $(echo "${res% *}" | jq -c '{imported, households, persons}' 2>/dev/null || echo "${res% *}" | cut -c1-300) HTTP ${res##* }"
  [ "${res##* }" = 201 ] || { echo "import of $1 refused"; exit 1; }
}
import_households "$county1" county_admin src/main/resources/divisions/villages.csv 469030
import_households "$county2" "admin_$county2" "$run/div2/villages.csv" "$county2"

# ---- accounts, schemes, goods the workload needs (through the API, as the counties' own administrators) ------------
step "workload accounts: cadres, merchant, villagers of $village1 and $village2"
java reliability/TopologyLoad.java setup "$base" "$run/setup.txt" $(( (threads + 1) / 2 )) \
  "$county1:$village1:county_admin" "$county2:$village2:admin_$county2" 2> "$run/setup.log" || { cat "$run/setup.log"; exit 1; }
cat "$run/setup.log"
# points to spend: the workload's villager households get one opening credit each, written as the ledger writes it
# (a ledger entry and the balance row in one transaction) — base data, not load (the second county has no history,
# and the demo history leaves some households of 便文村 at 0 spendable)
for i in 0 1; do
  c=$([ $i = 0 ] && echo "$county1" || echo "$county2")
  q "${ports[$i]}" <<SQL
begin;
insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no, period_month, points,
  kind, event_id, reverses_id, reason, created_by_name, created_at, idempotency_key)
select '$c', a.id + 1, 'HOUSEHOLD', a.household_id, a.household_id, a.scope_code, null, extract(year from now())::int,
  extract(year from now())::int || '-01', 1000, 'CREDIT', null, null, '拓扑测试期初积分', '拓扑脚本', now(), 'topo-opening:' || a.household_id
from accounts a where a.county_code = '$c' and a.role = 'VILLAGER' and a.username like 't${c}_v%';
insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable)
select '$c', 'HOUSEHOLD', a.household_id, extract(year from now())::int, 1000, 1000
from accounts a where a.county_code = '$c' and a.role = 'VILLAGER' and a.username like 't${c}_v%'
on conflict (county_code, subject_type, subject_id, year_no)
  do update set honour = points_balances.honour + 1000, spendable = points_balances.spendable + 1000;
commit;
SQL
done

# ---- the mixed workload through nginx; node 1 killed midway -------------------------------------------------------
step "load: $threads clients for $load_seconds s through nginx; node 1 killed (kill -9) after $kill_after s"
load0=$(uptime | sed 's/.*load average: //')
load_started=$(date +%s)
java -Xmx256m reliability/TopologyLoad.java run "$base" "$run/setup.txt" "$threads" "$load_seconds" "r$(date +%s)" "$run/acks.txt" \
  > "$run/load.json" 2> "$run/load.err" &
loader=$!
# Mid-run, both nodes up: the run's dispatched cases so far get their time limit (due_at, which the sweep compares)
# and timer made due now (as if the village's time
# limit had passed); both nodes' sweeps (every 3 s) race for them, and each case must be escalated exactly once.
# (the app keeps Asia/Shanghai local times in timestamp columns: these statements use that zone)
sleep "$sweep_at"
until [ "$(q 55451 <<<"select count(*) from cases where status = 'DISPATCHED' and description like '拓扑测试%'")" -gt 0 ] \
  || [ $(( $(date +%s) - load_started )) -ge $((kill_after - 12)) ]; do sleep 1; done
mark1=$(wc -l < "$run/node1.log"); mark2=$(wc -l < "$run/node2.log")
due=0
for p in "${ports[@]}"; do
  n=$(q "$p" <<SQL
set time zone 'Asia/Shanghai';
with d as (update cases set due_at = localtimestamp - interval '1 minute', timer_at = localtimestamp - interval '1 minute'
  where status = 'DISPATCHED' and level = 'VILLAGE' and description like '拓扑测试%' and timer_at is not null returning 1) select count(*) from d;
SQL
)
  due=$((due + n))
done
for _ in $(seq 1 20); do
  left=0
  for p in "${ports[@]}"; do
    left=$((left + $(q "$p" <<<"set time zone 'Asia/Shanghai'; select count(*) from cases where status = 'DISPATCHED' and level = 'VILLAGE' and description like '拓扑测试%' and timer_at <= localtimestamp")))
  done
  [ "$left" = 0 ] && break
  sleep 1
done
sleep 4   # one more sweep round on each node: it must find nothing left
swept1=$(tail -n +$((mark1 + 1)) "$run/node1.log" | grep -oE 'case sweep acted on [0-9]+' | awk '{s += $5} END {print s + 0}' || true)
swept2=$(tail -n +$((mark2 + 1)) "$run/node2.log" | grep -oE 'case sweep acted on [0-9]+' | awk '{s += $5} END {print s + 0}' || true)
step "sweep: $due cases made due; node 1 acted on $swept1, node 2 on $swept2"
while [ $(( $(date +%s) - load_started )) -lt "$kill_after" ]; do sleep 1; done
kill -9 "$(cat "$run/node1.pid")"
step "node 1 killed"
wait $loader || { tail -20 "$run/load.err"; echo "load client failed"; exit 1; }
load1=$(uptime | sed 's/.*load average: //')
step "load done (load average before: $load0; after: $load1)"
grep -v "^$" "$run/load.err" | sort | uniq -c | sort -rn | head -8 || true
escalations=0; doubled=0
for p in "${ports[@]}"; do
  escalations=$((escalations + $(q "$p" <<<"select count(*) from case_log l join cases c on c.county_code = l.county_code and c.id = l.case_id where c.description like '拓扑测试%' and l.action = 'ESCALATE'")))
  doubled=$((doubled + $(q "$p" <<<"select count(*) from (select l.case_id from case_log l join cases c on c.county_code = l.county_code and c.id = l.case_id where c.description like '拓扑测试%' and l.action = 'ESCALATE' group by l.case_id having count(*) > 1) x")))
done
chained1=$(grep -c 'chained [0-9]* audit entries' "$run/node1.log" || true)
chained2=$(grep -c 'chained [0-9]* audit entries' "$run/node2.log" || true)

# ---- checks ---------------------------------------------------------------------------------------------------------
step "checks"
# the audit chains: wait until the job has chained every entry, then verify each county's chain through the API
tok1=$(curl -sf "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"username":"county_admin","password":"shanzhi2026"}' | jq -r .token)
tok2=$(curl -sf "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"username\":\"admin_$county2\",\"password\":\"shanzhi2026\"}" | jq -r .token)
for _ in $(seq 1 60); do
  v1=$(curl -sf "$base/api/v1/audit/verify" -H "Authorization: Bearer $tok1"); v2=$(curl -sf "$base/api/v1/audit/verify" -H "Authorization: Bearer $tok2")
  [ "$(echo "$v1" | jq .pending)" = 0 ] && [ "$(echo "$v2" | jq .pending)" = 0 ] && break
  sleep 1
done
tables=$(q 55451 <<<"select table_name from information_schema.columns where column_name = 'county_code' and table_schema = 'public' and table_name <> 'divisions' order by 1")
# rows per (table, county) on each shard
for i in 0 1; do
  sql=""
  for t in $tables; do sql="$sql${sql:+ union all }select '$t', county_code, count(*) from $t group by county_code"; done
  q "${ports[$i]}" <<<"$sql;" | sed "s/^/ds_$i|/" 
done > "$run/placement.txt"
wrong=$(awk -F'|' -v c1="$county1" -v c2="$county2" '($3 == c1 && $1 != "ds_0") || ($3 == c2 && $1 != "ds_1") || ($3 != c1 && $3 != c2)' "$run/placement.txt")
check "each county's rows on its shard only ($(echo "$tables" | wc -w) county tables)" "$([ -z "$wrong" ] && echo ok || echo "$(echo "$wrong" | head -5 | tr '\n' ' ')")"
both=$(awk -F'|' '{k = $2 "|" $3; if ((k in s) && s[k] != $1) print k; s[k] = $1}' "$run/placement.txt")
check "no (table, county) with rows on both shards" "$([ -z "$both" ] && echo ok || echo "$both" | head -5 | tr '\n' ' ')"
# every acknowledged write is there, on its county's shard
chmod a+r "$run/acks.txt"
missing=0; acked_total=0
for i in 0 1; do
  c=$([ $i = 0 ] && echo "$county1" || echo "$county2")
  res=$(q "${ports[$i]}" <<SQL
create temp table acks (key text, county text, kind text, ref text);
\copy acks from '$run/acks.txt' with (format text, delimiter ' ')
delete from acks where county <> '$c';
select count(*), count(*) filter (where not (
  case kind
    when 'declare' then exists (select 1 from score_events e where e.county_code = a.county and e.id = a.ref::bigint)
    when 'verify'  then exists (select 1 from score_events e where e.county_code = a.county and e.id = a.ref::bigint and e.status <> 'DECLARED')
    when 'review'  then exists (select 1 from score_events e where e.county_code = a.county and e.id = a.ref::bigint and e.status not in ('DECLARED', 'VERIFIED'))
    when 'case'    then exists (select 1 from cases x where x.county_code = a.county and x.id = a.ref::bigint)
    when 'accept'  then exists (select 1 from case_log l where l.county_code = a.county and l.case_id = a.ref::bigint and l.to_status = 'ACCEPTED')
    when 'dispatch' then exists (select 1 from case_log l where l.county_code = a.county and l.case_id = a.ref::bigint and l.to_status = 'DISPATCHED')
    when 'redeem'  then exists (select 1 from rewards_redemptions r where r.county_code = a.county and r.code = a.ref)
    when 'confirm' then exists (select 1 from rewards_redemptions r where r.county_code = a.county and r.code = a.ref and r.status = 'USED')
  end
  and (exists (select 1 from idempotency_keys k where k.county_code = a.county and k.idem_key = a.key and k.status between 200 and 299)
    or exists (select 1 from case_idempotency_keys k where k.county_code = a.county and k.idem_key = a.key and k.status between 200 and 299))))
from acks a;
SQL
)
  acked_total=$((acked_total + ${res%|*})); missing=$((missing + ${res#*|}))
  echo "  $c: ${res%|*} acknowledged writes, ${res#*|} not found" 
done
check "every acknowledged write ($acked_total) in the database with its key" "$([ "$missing" = 0 ] && [ "$acked_total" -gt 0 ] && echo ok || echo "$missing missing")"
# the ledger: balances are the sums of the ledger entries per subject and year; never negative; stock never below
# zero; one REDEMPTION entry per code used
for i in 0 1; do
  c=$([ $i = 0 ] && echo "$county1" || echo "$county2")
  inv=$(q "${ports[$i]}" <<SQL
with l as (select county_code, subject_type, subject_id, year_no, sum(points) as s from points_ledger group by 1, 2, 3, 4)
select
 (select count(*) from points_balances b full join l using (county_code, subject_type, subject_id, year_no)
   where coalesce(b.spendable, 0) <> coalesce(l.s, 0)),
 (select count(*) from points_balances where spendable < 0),
 (select count(*) from (select kind, sum(points) over (partition by county_code, subject_type, subject_id, year_no order by created_at, id) as r
   from points_ledger) x where kind = 'REDEMPTION' and r < 0),
 (select count(*) from rewards_goods where stock < 0),
 (select count(*) from points_ledger where kind = 'REDEMPTION'),
 (select count(*) from rewards_redemptions where status = 'USED');
SQL
)
  IFS='|' read -r bal neg negred stock led used <<<"$inv"
  check "$c: balance = sum of ledger entries per subject and year" "$([ "$bal" = 0 ] && echo ok || echo "$bal subjects differ")"
  # a deduction (扣分) may leave spendable below zero (the demo history has such households); a redemption never may:
  # the running sum of the ledger after every REDEMPTION entry is >= 0
  check "$c: no redemption below zero spendable ($neg balances < 0 by deductions)" "$([ "$negred" = 0 ] && echo ok || echo "$negred redemptions")"
  check "$c: no goods stock below zero" "$([ "$stock" = 0 ] && echo ok || echo "$stock goods")"
  check "$c: redemption ledger entries ($led) = codes used ($used)" "$([ "$led" = "$used" ] && echo ok || echo "$led vs $used")"
done
check "audit chain of $county1 verifies ($(echo "$v1" | jq .entries) entries)" "$([ "$(echo "$v1" | jq .ok)" = true ] && [ "$(echo "$v1" | jq .pending)" = 0 ] && echo ok || echo "$v1")"
check "audit chain of $county2 verifies ($(echo "$v2" | jq .entries) entries)" "$([ "$(echo "$v2" | jq .ok)" = true ] && [ "$(echo "$v2" | jq .pending)" = 0 ] && echo ok || echo "$v2")"
check "audit chain job ran on both nodes (runs with work: node1 $chained1, node2 $chained2)" "$([ "$chained1" -gt 0 ] && [ "$chained2" -gt 0 ] && echo ok || echo "a node never chained")"
check "SLA sweep: $due cases due, escalated once each (node1 $swept1 + node2 $swept2)" \
  "$([ "$due" -gt 0 ] && [ "$escalations" = "$due" ] && [ "$doubled" = 0 ] && echo ok || echo "escalations $escalations, doubled $doubled")"
# the workload's answers
errors=$(jq '[.kinds[] | .requests - .acked] | add' "$run/load.json")

# ---- the table ------------------------------------------------------------------------------------------------------
echo
echo "requests through nginx ($threads clients, $load_seconds s, node 1 killed at ${kill_after} s; load average $load0 -> $load1)"
printf '| %-8s | %8s | %6s | %8s | %-48s |\n' kind requests acked retried "statuses (client side)"
printf '| %-8s | %8s | %6s | %8s | %-48s |\n' --- ---: ---: ---: ---
jq -r '.kinds | to_entries[] | [.key, .value.requests, .value.acked, .value.retries, .value.statuses] | @tsv' "$run/load.json" |
  while IFS=$'\t' read -r k r a t s; do printf '| %-8s | %8s | %6s | %8s | %-48s |\n' "$k" "$r" "$a" "$t" "$s"; done
# what nginx saw: answers per upstream, and requests it passed to the other node (two upstream addresses)
echo
echo "nginx: $(awk '{print $NF}' "$run/nginx-access.log" | sort | uniq -c | sort -rn | awk '{printf "%s %s; ", $2, $1}')"
echo "nginx: requests passed on to the second node after the first failed: $(grep -c ', ' "$run/nginx-access.log" || true)"
echo "nginx: upstream statuses: $(awk -F'"' '{print $(NF-1)}' "$run/nginx-access.log" | sort | uniq -c | sort -rn | head -6 | awk '{$1=$1; printf "%s; ", $0}')"
echo
echo "rows per shard (main tables)"
printf '| %-20s | %-22s | %-22s |\n' table "ds_0 (topo1, 55451)" "ds_1 (topo2, 55452)"
printf '| %-20s | %-22s | %-22s |\n' --- --- ---
for t in households persons accounts score_events points_ledger points_balances cases case_log rewards_redemptions audit_entries idempotency_keys; do
  printf '| %-20s | %-22s | %-22s |\n' "$t" \
    "$(awk -F'|' -v t="$t" '$1 == "ds_0" && $2 == t {printf "%s %s ", $3, $4}' "$run/placement.txt")" \
    "$(awk -F'|' -v t="$t" '$1 == "ds_1" && $2 == t {printf "%s %s ", $3, $4}' "$run/placement.txt")"
done
for t in divisions spring_session event_publication; do
  printf '| %-20s | %-22s | %-22s |\n' "$t" "$(q 55451 <<<"select count(*) from $t")" "$(q 55452 <<<"select count(*) from $t" 2>/dev/null || echo -)"
done
echo "event publications left incomplete (ds_0): $(q 55451 <<<"select count(*) from event_publication where completion_date is null")"
echo
echo "== $([ "$fail" = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - t_start )) s (writes not acknowledged: $errors)"
exit $fail
