#!/usr/bin/env bash
# Benchmarks (issue "Benchmarks"): runs each workload against a PostgreSQL cluster it starts (port 55432), beside
# what PostgreSQL alone does with the same rows (COPY), and writes bench/results/*.json and bench/results/RESULTS.md.
#   bench/run.sh [W1 W2 W3 W4 W5 W6 W7 ...]   (default: all)   HOUSEHOLDS=1000000 for W2's size (default 1,000,000)
#   APP_OPTS: extra JVM options of the app under test (e.g. a flight recording)
#   W3_SECONDS (default 40), W4_HOUSEHOLDS (30000), W4_EVENTS (1000000), W6_CASES (1000000), W6_DUE (10000)
# Needs root (it installs/starts PostgreSQL), network to the npm registry for the national division codes.
# The HTTP workloads (W3, W5, W7 under W3) drive the packaged jar on loopback with bench/LoadGen.java (a Java client,
# one thread and connection per client); W3's database figure is pgbench on the same cluster. W4/W6 base data is
# bulk-written with generate_series (deterministic: every value follows from the row number). Each figure carries
# the load average of the machine (`uptime`) when it was taken: the machine is shared with other builds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGPORT=${PGPORT:-55432}
command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
workloads=${*:-W1 W2 W3 W5 W7 W4 W6}
households=${HOUSEHOLDS:-1000000}
[ -n "${SKIP_BUILD:-}" ] || mvn -o -q -B package -DskipTests
jar=${JAR:-$(ls target/shanzhi-*.jar | grep -v original | head -1)}
divisions=$(../shared/data/fetch-divisions.sh /tmp/shanzhi-divisions 2>/dev/null || bash "$(pwd)/../shared/data/fetch-divisions.sh" /tmp/shanzhi-divisions)
out=bench/results
mkdir -p "$out"
cores=$(nproc); mem=$(free -g | awk '/Mem:/{print $2}')
psql_db() { su postgres -c "psql -p $PGPORT -d $1 -qAt" ; }
ms() { date +%s%3N; }
# runs the app's CLI with /usr/bin/time; sets $secs and $rss_mb
run_cli() {
  local log=$1; shift
  /usr/bin/time -v "$@" > "$log" 2> "$log.time"
  secs=$(grep -oE 'in [0-9.]+ s' "$log" | tail -1 | grep -oE '[0-9.]+')
  rss_mb=$(( $(grep 'Maximum resident' "$log.time" | awk '{print $6}') / 1024 ))
}
json() { echo "$2" > "$out/$1.json"; echo "$2"; }
load() { uptime | sed 's/.*load average: //; s/,//g'; }
env_db() { echo SHANZHI_DB_URL="$1" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi; }
# the app under test, from the packaged jar; limits high through their properties (security stays on)
start_app() { # db port log heap [java options...]
  local db=$1 port=$2 log=$3 heap=$4; shift 4
  env SHANZHI_DB_URL="jdbc:postgresql://localhost:$PGPORT/$db" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi PORT=$port \
    SHANZHI_LIMIT_LOGINS=100000 SHANZHI_LIMIT_WRITES=100000000 SHANZHI_LIMIT_DECLARATIONS=100000000 SHANZHI_DB_POOL=${DB_POOL:-20} \
    java -Xmx$heap ${APP_OPTS:-} "$@" -jar "$jar" > "$log" 2>&1 &
  app=$!
  for i in $(seq 1 600); do curl -sf localhost:$port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
  curl -sf localhost:$port/actuator/health >/dev/null || { tail -50 "$log"; exit 1; }
  # the demo loaders run before "Started"; then let the first runs of the jobs pass over the demo data
  for i in $(seq 1 600); do grep -q "Started Shanzhi" "$log" && break; sleep 1; done
  sleep 15
}
# CPU time (clock ticks) of a process, and of the live backends of one database of the cluster
cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
pg_ticks() { local t=0 p; for p in $(pgrep -f "postgres: .*: shanzhi $1 " || true); do t=$(( t + $(cpu_ticks $p 2>/dev/null || echo 0) )); done; echo $t; }
heap_mb() { jcmd $1 GC.heap_info 2>/dev/null | awk '/garbage-first heap/{for(i=1;i<=NF;i++) if($i=="used") print $(i+1)}' | tr -d K | awk '{print int($1/1024)}'; }
rss_of() { echo $(( $(ps -o rss= -p $1) / 1024 )); }
wait_log() { # log pattern seconds [from line]
  for i in $(seq 1 $3); do tail -n +${4:-1} "$1" | grep -qE "$2" && return 0; sleep 1; done; return 1
}
# per run: several engineers run workloads at once, a shared file got another app's tokens (HTTP 401)
tokens=/tmp/shanzhi-bench-tokens-$$.txt
stop_w35() { if [ -n "${w35_app:-}" ]; then kill $w35_app; wait $w35_app 2>/dev/null || true; w35_app=; fi; }

# COPY of the rows an import wrote (exported first, not timed) into tables made LIKE the product's tables INCLUDING
# ALL (same columns, defaults, keys and indexes): what PostgreSQL alone does with the same rows in the same shape.
# Sets $same_rows and $same_secs. Args: database table...
same_shape_copy() {
  local db=$1; shift; local n=0 t
  for t in "$@"; do
    rm -f /tmp/shanzhi-same-$t.copy
    psql_db $db <<< "\\copy (select * from $t) to '/tmp/shanzhi-same-$t.copy'" >/dev/null
    n=$(( n + $(wc -l < /tmp/shanzhi-same-$t.copy) ))
    psql_db $db <<< "drop table if exists same_$t; create table same_$t (like $t including all);" >/dev/null
  done
  local t0=$(ms)
  for t in "$@"; do psql_db $db <<< "\\copy same_$t from '/tmp/shanzhi-same-$t.copy'" >/dev/null; done
  same_secs=$(echo "scale=2; ($(ms) - $t0) / 1000" | bc | sed "s/^\./0./")
  for t in "$@"; do psql_db $db <<< "drop table same_$t" >/dev/null; rm -f /tmp/shanzhi-same-$t.copy; done
  same_rows=$n
}

for w in $workloads; do case $w in
W1)
  url=$(reliability/pg-local.sh shanzhi_bench_w1)
  rows=$(( $(wc -l < "$divisions/streets.csv") + $(wc -l < "$divisions/villages.csv") + $(wc -l < "$divisions/areas.csv") - 3 ))
  l0=$(load)
  run_cli /tmp/w1-pg.log env SHANZHI_DB_URL="$url?reWriteBatchedInserts=true" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi \
    java -Xmx768m -jar "$jar" import-divisions --dir "$divisions"
  pg_secs=$secs; pg_rss=$rss_mb
  chmod -R a+r "$divisions"
  t0=$(ms)
  psql_db shanzhi_bench_w1 <<SQL
create table copy_villages (code text, name text, street_code text, province_code text, city_code text, area_code text);
\copy copy_villages from '$divisions/villages.csv' csv header
create table copy_streets (code text, name text, area_code text, province_code text, city_code text);
\copy copy_streets from '$divisions/streets.csv' csv header
SQL
  copy_secs=$(echo "scale=2; ($(ms) - $t0) / 1000" | bc | sed "s/^\./0./")
  # the fair ceiling: COPY of the rows the import wrote into a table of the same shape (columns, keys, indexes)
  same_shape_copy shanzhi_bench_w1 divisions
  h2dir=$(mktemp -d)
  run_cli /tmp/w1-h2.log env SHANZHI_DB_URL="jdbc:h2:file:$h2dir/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
    java -Xmx768m -jar "$jar" import-divisions --dir "$divisions"
  h2_secs=$secs; h2_rss=$rss_mb
  json W1 "{\"workload\":\"W1\",\"rows\":$rows,\"postgres_seconds\":$pg_secs,\"postgres_rows_per_s\":$(echo "$rows / $pg_secs" | bc),\"peak_rss_mb\":$pg_rss,\"copy_seconds\":$copy_secs,\"copy_rows_per_s\":$(echo "$rows / $copy_secs" | bc),\"h2_seconds\":$h2_secs,\"h2_peak_rss_mb\":$h2_rss,\"same_shape_copy_rows\":$same_rows,\"same_shape_copy_seconds\":$same_secs,\"same_shape_copy_rows_per_s\":$(echo "$same_rows / $same_secs" | bc),\"load\":\"$l0\",\"load_after\":\"$(load)\"}"
  ;;
W2)
  url=$(reliability/pg-local.sh shanzhi_bench_w2)
  csv=/tmp/shanzhi-households-$households.csv
  [ -s "$csv" ] || java bench/GenerateHouseholds.java src/main/resources/divisions/villages.csv 469030 "$households" "$csv"
  chmod a+r "$csv"
  env SHANZHI_DB_URL="$url" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi java -jar "$jar" import-divisions --dir src/main/resources/divisions > /dev/null
  rows=$(( $(wc -l < "$csv") - 1 ))
  l0=$(load)
  run_cli /tmp/w2.log env SHANZHI_DB_URL="$url?reWriteBatchedInserts=true" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi \
    java -Xmx2g -jar "$jar" import-households --file "$csv" --county 469030
  cat /tmp/w2.log | grep -E "imported|REFUSED" || true
  t0=$(ms)
  psql_db shanzhi_bench_w2 <<SQL
create table copy_persons (number text, village_code text, group_code text, address text, household_phone text, household_tags text,
  name text, gender text, birth_date text, id_number text, phone text, relation text, tags text);
\copy copy_persons from '$csv' csv header
SQL
  copy_secs=$(echo "scale=2; ($(ms) - $t0) / 1000" | bc | sed "s/^\./0./")
  same_shape_copy shanzhi_bench_w2 households persons
  json W2 "{\"workload\":\"W2\",\"households\":$households,\"persons\":$rows,\"seconds\":$secs,\"rows_per_s\":$(echo "$rows / $secs" | bc),\"peak_rss_mb\":$rss_mb,\"copy_seconds\":$copy_secs,\"copy_rows_per_s\":$(echo "$rows / $copy_secs" | bc),\"same_shape_copy_rows\":$same_rows,\"same_shape_copy_seconds\":$same_secs,\"same_shape_copy_rows_per_s\":$(echo "$same_rows / $same_secs" | bc),\"load\":\"$l0\",\"load_after\":\"$(load)\"}"
  ;;
W7)
  [ -n "${w35_app:-}" ] && continue   # measured idle and under W3 above
  url=$(reliability/pg-local.sh shanzhi_bench_w7)
  SHANZHI_DB_URL="$url" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi PORT=18190 java -Xmx512m -jar "$jar" > /tmp/w7.log 2>&1 &
  app=$!
  for i in $(seq 1 400); do curl -sf localhost:18190/actuator/health >/dev/null 2>&1 && break; sleep 1; done
  sleep 5
  heap=$(jcmd $app GC.heap_info 2>/dev/null | awk '/garbage-first heap/{for(i=1;i<=NF;i++) if($i=="used") print $(i+1)}' | tr -d K)
  rss=$(( $(ps -o rss= -p $app) / 1024 ))
  kill $app
  json W7 "{\"workload\":\"W7\",\"state\":\"idle, demo county loaded\",\"heap_used_mb\":$(( ${heap:-0} / 1024 )),\"rss_mb\":$rss,\"max_heap_mb\":512}"
  ;;
W3|W5)
  # one app for W3, W5 and W7-under-W3: the demo county, 64 villager accounts of 便文村 (the cadre makes them)
  if [ -z "${w35_app:-}" ]; then
    reliability/pg-local.sh shanzhi_bench_w3 >/dev/null
    start_app shanzhi_bench_w3 18191 /tmp/w3.log 512m
    w35_app=$app
    java bench/LoadGen.java setup http://localhost:18191 $tokens 64
  fi
  if [ $w = W3 ]; then
    idle_heap=$(heap_mb $w35_app); idle_rss=$(rss_of $w35_app)
    # W7 under W3: heap and RSS sampled every 2 s while the declarations run. The stop mark is removed before the
    # sampler starts (removed after it, a mark left by the previous run stopped the sampler at once: "0 MB").
    rm -f /tmp/w3.done
    ( while kill -0 $w35_app 2>/dev/null && [ ! -f /tmp/w3.done ]; do echo "$(heap_mb $w35_app) $(rss_of $w35_app)"; sleep 2; done ) > /tmp/w3.mem &
    sampler=$!
    # a poor man's profile: thread dumps of the app while the declarations run (bench/results/W3-stacks.txt)
    ( sleep 15; for i in $(seq 1 8); do jcmd $w35_app Thread.print 2>/dev/null; sleep 2; done ) > /tmp/w3-stacks.txt &
    # a CPU profile (W3_JFR=1): 20 s of Flight Recorder samples while the declarations run (bench/results/W3-cpu.txt)
    rm -f /tmp/w3.jfr
    [ -z "${W3_JFR:-}" ] || ( sleep 10; jcmd $w35_app JFR.start name=w3 settings=profile duration=20s filename=/tmp/w3.jfr >/dev/null 2>&1 ) &
    l0=$(load)
    # CPU seconds spent on the declarations: the app process, the database's backends of this database, the client
    app_cpu0=$(cpu_ticks $w35_app); pg_cpu0=$(pg_ticks shanzhi_bench_w3)
    w3=$(/usr/bin/time -f "%U %S" -o /tmp/w3-client.time java -Xmx256m bench/LoadGen.java w3 http://localhost:18191 $tokens 32 ${W3_SECONDS:-40})
    app_cpu1=$(cpu_ticks $w35_app); pg_cpu1=$(pg_ticks shanzhi_bench_w3)
    touch /tmp/w3.done; wait $sampler || true
    # where the request threads were: the first application frame of each runnable or waiting Tomcat worker
    # DB = waiting on PostgreSQL, POOL = waiting for a connection; then the first application frame
    awk '/^"http-nio/{t=1; pg=0; pool=0; f=""; next} t && /org\.postgresql/{pg=1} t && /ConcurrentBag.borrow/{pool=1} t && /at org\.shanzhi/ && f==""{f=$2} /^$/{ if (t) print (pg?"DB ":(pool?"POOL ":"OTHER ")) f; t=0 }' /tmp/w3-stacks.txt \
      | sort | uniq -c | sort -rn | head -25 > "$out/W3-stacks.txt" || true
    if [ -n "${W3_JFR:-}" ]; then
      for i in $(seq 1 30); do [ -s /tmp/w3.jfr ] && break; sleep 1; done
      java bench/JfrTop.java /tmp/w3.jfr > "$out/W3-cpu.txt" 2>&1 || true
    fi
    l1=$(load)
    samples=$(grep -c . /tmp/w3.mem || true)
    max_heap=$(awk '{print $1}' /tmp/w3.mem | sort -n | tail -1); max_rss=$(awk '{print $2}' /tmp/w3.mem | sort -n | tail -1)
    chain=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w3 -qAt -c \"select count(*) from audit_entries where action = 'points.declared'\"")
    keys=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w3 -qAt -c \"select count(*) from score_events where idempotency_key like 'bench-%'\"")
    # the database alone: a ledger insert + balance update per transaction, 32 clients, same cluster
    reliability/pg-local.sh shanzhi_bench_pgb >/dev/null
    su postgres -c "psql -p $PGPORT -d shanzhi_bench_pgb -q" <<'SQL'
create table ledger (id bigserial primary key, county_code varchar(6) not null, subject_id bigint not null, points bigint not null,
  kind varchar(12) not null, created_at timestamp not null, idempotency_key varchar(100) not null);
create unique index ledger_key on ledger (county_code, idempotency_key);
create table balances (county_code varchar(6) not null, subject_id bigint not null, spendable bigint not null, primary key (county_code, subject_id));
insert into balances select '469030', g, 0 from generate_series(1, 30000) g;
SQL
    cat > /tmp/pgbench-ledger.sql <<'SQL'
\set sid random(1, 30000)
\set pts random(1, 10)
BEGIN;
INSERT INTO ledger (county_code, subject_id, points, kind, created_at, idempotency_key) VALUES ('469030', :sid, :pts, 'CREDIT', now(), :client_id || '-' || :sid || '-' || random());
UPDATE balances SET spendable = spendable + :pts WHERE county_code = '469030' AND subject_id = :sid;
END;
SQL
    chmod a+r /tmp/pgbench-ledger.sql
    lp=$(load)
    pgb=$(su postgres -c "pgbench -p $PGPORT -n -c 32 -j 2 -T 20 --random-seed=469030 -f /tmp/pgbench-ledger.sql shanzhi_bench_pgb" 2>&1)
    pg_tps=$(echo "$pgb" | grep -oE 'tps = [0-9.]+' | tail -1 | grep -oE '[0-9.]+' | cut -d. -f1)
    pg_lat=$(echo "$pgb" | grep -oE 'latency average = [0-9.]+' | grep -oE '[0-9.]+')
    rps=$(echo "$w3" | jq .req_per_s)
    # CPU per declaration (ms); the client's time also covers its verify/review phase (small)
    hz=$(getconf CLK_TCK); n=$(echo "$w3" | jq .requests)
    cpu=$(jq -nc --argjson a $(( app_cpu1 - app_cpu0 )) --argjson p $(( pg_cpu1 - pg_cpu0 )) --argjson hz $hz --argjson n $n \
      --arg c "$(cat /tmp/w3-client.time 2>/dev/null | tail -1)" \
      '{app_cpu_ms_per_request: ((($a / $hz * 1000 / $n) * 100 | floor) / 100), postgres_cpu_ms_per_request: ((($p / $hz * 1000 / $n) * 100 | floor) / 100),
        client_cpu_ms_per_request: (($c | split(" ") | map(tonumber) | add) * 1000 / $n * 100 | floor / 100)}')
    json W3 "$(echo "$w3" | jq -c --arg l0 "$l0" --arg l1 "$l1" --arg lp "$lp" --argjson pg $pg_tps --arg pglat "$pg_lat" --argjson chain $chain --argjson keys $keys \
      --argjson cpu "$cpu" --argjson rps $rps '{workload:"W3"} + . + $cpu + {audit_entries:$chain, idempotency_keys:$keys, pgbench_tps:$pg, pgbench_latency_ms:($pglat|tonumber),
      ratio_to_pgbench:(($rps / $pg * 1000 | floor) / 1000), load_before:$l0, load_after:$l1, load_pgbench:$lp,
      target:"≥ 3,000 req/s (≥ 20% of pgbench), p99 ≤ 50 ms"}')"
    json W7 "{\"workload\":\"W7\",\"state\":\"idle (demo county, after start) and under W3 (32 clients declaring)\",\"idle_heap_used_mb\":$idle_heap,\"idle_rss_mb\":$idle_rss,\"w3_max_heap_used_mb\":${max_heap:-null},\"w3_max_rss_mb\":${max_rss:-null},\"w3_samples\":${samples:-0},\"max_heap_mb\":512,\"load\":\"$l1\",\"target\":\"≤ 512 MB heap\"}"
  else
    # balances for the 64 households (1 point each is enough; base data, not the measured path) and a budget
    su postgres -c "psql -p $PGPORT -d shanzhi_bench_w3 -qAt" <<SQL
insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable)
select '469030', 'HOUSEHOLD', household_id, extract(year from current_date)::int, 0, 0 from accounts where username like 'bench_v%'
on conflict do nothing;
update points_balances set spendable = spendable + 100 where county_code = '469030' and subject_type = 'HOUSEHOLD'
  and year_no = extract(year from current_date)::int and subject_id in (select household_id from accounts where username like 'bench_v%');
insert into rewards_budgets (county_code, village_code, year_no, amount_fen, used_fen, fen_per_point, updated_by_name, updated_at)
values ('469030', '469030202200', extract(year from current_date)::int, 100000000, 0, 100, '压测', now())
on conflict (county_code, village_code, year_no) do update set amount_fen = rewards_budgets.amount_fen + 100000000;
SQL
    l0=$(load)
    w5=$(java -Xmx256m bench/LoadGen.java w5 http://localhost:18191 $tokens 64 10)
    used=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w3 -qAt -c \"select count(*) from rewards_redemptions r join rewards_goods g on g.id = r.goods_id where g.name = '压测限量商品' and r.status = 'USED'\"")
    spent=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w3 -qAt -c \"select count(*) from points_ledger where kind = 'REDEMPTION' and reason like '%压测限量商品%'\"")
    json W5 "$(echo "$w5" | jq -c --arg l0 "$l0" --argjson used $used --argjson spent $spent '{workload:"W5"} + . + {codes_used_in_db:$used, redemption_ledger_entries:$spent, load:$l0, target:"exactly 10, zero oversell"}')"
  fi
  ;;
W4)
  stop_w35
  reliability/pg-local.sh shanzhi_bench_w4 >/dev/null
  start_app shanzhi_bench_w4 18194 /tmp/w4.log 1g -Dshanzhi.disclosure.close-every=PT5S -Dshanzhi.jobs.initial-delay=PT5S
  hh=${W4_HOUSEHOLDS:-30000}; ev=${W4_EVENTS:-1000000}
  mark=$(( $(wc -l < /tmp/w4.log) + 1 ))
  t0=$(ms)
  # 30,000 households over the villages of 什运乡 (the demo schemes' township), 1,000,000 events over 12 months:
  # 11 months credited (ledger + balances), last month on notices whose 7-day window has passed: the close.
  su postgres -c "psql -p $PGPORT -d shanzhi_bench_w4 -qAt -v ON_ERROR_STOP=1" <<SQL
begin;
-- the app keeps local times of Asia/Shanghai (TimeConfig.ZONE) in timestamp columns
set local time zone 'Asia/Shanghai';
create temp table v as select row_number() over (order by code) - 1 as n, code from divisions where parent_code = '469030202' and length(code) = 12;
create temp table items as
  select s.owner_code as village, s.id as scheme_id, i.id as item_id, i.category, i.name, i.points,
         row_number() over (partition by s.owner_code order by i.position) - 1 as n
  from points_schemes s join points_items i on i.county_code = s.county_code and i.scheme_id = s.id
  where s.county_code = '469030' and s.template = false and s.status = 'ADOPTED' and i.sign = '+' and not i.veto;
create temp table nv as select count(*) as c from v;
insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
select 800000000000000000 + g, '469030', v.code, null, null, 'W4' || lpad(g::text, 7, '0'), '压测地址' || g, null, '', null, now()
from generate_series(0, $hh - 1) g join v on v.n = g % (select c from nv);
create temp table ev as
select 810000000000000000 + g as id, 800000000000000000 + (g % $hh) as hid, v.code as village,
       (date_trunc('month', current_date) - interval '12 months' + ((g / $hh) % 12) * interval '1 month')::date as month_start, g
from generate_series(0, $ev - 1) g join v on v.n = (g % $hh) % (select c from nv);
insert into score_events (county_code, id, village_code, household_id, subject_type, subject_id, subject_label, scheme_id, item_id,
  category, item_name, points, veto, occurred_on, period_month, source, description, status, recorded_by, recorded_by_name, recorded_at,
  verified_by, verified_by_name, verified_at, reviewed_by, reviewed_by_name, reviewed_at, credited_at)
select '469030', e.id, e.village, e.hid, 'HOUSEHOLD', e.hid, 'W4' || lpad((e.hid - 800000000000000000)::text, 7, '0') || ' 户', i.scheme_id, i.item_id,
  i.category, i.name, i.points, false, e.month_start + (e.g % 27)::int, to_char(e.month_start, 'YYYY-MM'), 'RECORDED', '压测', 
  case when e.month_start = date_trunc('month', current_date) - interval '1 month' then 'IN_NOTICE' else 'CREDITED' end,
  1, '网格员', e.month_start + interval '9 hours', 1, '网格员', e.month_start + interval '33 hours', 2, '村两委', e.month_start + interval '27 days',
  case when e.month_start = date_trunc('month', current_date) - interval '1 month' then null else e.month_start + interval '35 days' end
from ev e join items i on i.village = e.village and i.n = e.g % 8;
insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no, period_month, points,
  kind, event_id, reason, created_by_name, created_at, idempotency_key)
select county_code, id + 10000000000000000, 'HOUSEHOLD', subject_id, household_id, village_code, null, left(period_month, 4)::int, period_month,
  points, 'CREDIT', id, category || '·' || item_name, '公示期满无异议', credited_at, 'credit:' || id
from score_events where id between 810000000000000000 and 810000009999999999 and status = 'CREDITED';
insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable)
select county_code, 'HOUSEHOLD', subject_id, year_no, sum(points), sum(points) from points_ledger where id between 820000000000000000 and 820000009999999999
group by county_code, subject_id, year_no;
-- the stored per-month scores (points_scores, V13) as LedgerWriter keeps them, when the jar under test has the table
do \$\$ begin
  if to_regclass('points_scores') is not null then
    execute \$q\$ insert into points_scores (county_code, village_code, period_month, subject_type, subject_id, township_code, year_no,
      household_id, points, settled, entries, credits, settlements)
    select county_code, village_code, period_month, 'HOUSEHOLD', subject_id, left(village_code, 9), year_no, household_id, sum(points), 0,
      count(*), count(*), 0
    from points_ledger where id between 820000000000000000 and 820000009999999999
    group by county_code, village_code, period_month, subject_id, year_no, household_id \$q\$;
  end if;
end \$\$;
insert into notices (county_code, id, village_code, kind, source_type, source_id, title, body, window_days, published_at, window_end, status, created_at)
select '469030', 830000000000000000 + v.n, v.code, 'POINTS', 'points.period', v.code || ':' || to_char(current_date - interval '1 month', 'YYYY-MM'),
  '压测积分公示', '压测', 7, date_trunc('month', current_date) - interval '8 days', date_trunc('month', current_date) - interval '1 day', 'OPEN',
  date_trunc('month', current_date) - interval '8 days'
from v;
update score_events e set notice_id = 830000000000000000 + v.n from v where e.id between 810000000000000000 and 810000009999999999 and e.status = 'IN_NOTICE' and v.code = e.village_code;
insert into notice_items (county_code, notice_id, position, item_ref, subject, content)
select '469030', notice_id, row_number() over (partition by notice_id order by id), id::text, subject_label, category || '·' || item_name || ' +' || points || '分'
from score_events where id between 810000000000000000 and 810000009999999999 and status = 'IN_NOTICE';
commit;
analyze;
SQL
  gen_secs=$(echo "scale=1; ($(ms) - $t0) / 1000" | bc)
  in_notice=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w4 -qAt -c \"select count(*) from score_events where status = 'IN_NOTICE' and id between 810000000000000000 and 810000009999999999\"")
  l0=$(load)
  wait_log /tmp/w4.log "closed [0-9]+ notices in" 3600 $mark || { tail -30 /tmp/w4.log; }
  close_ms=$(tail -n +$mark /tmp/w4.log | grep -oE "closed [0-9]+ notices in [0-9]+ ms" | tail -1 | grep -oE "[0-9]+ ms" | grep -oE "[0-9]+")
  notices_closed=$(tail -n +$mark /tmp/w4.log | grep -oE "closed [0-9]+ notices" | tail -1 | grep -oE "[0-9]+")
  credited=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w4 -qAt -c \"select count(*) from score_events where status = 'CREDITED' and id between 810000000000000000 and 810000009999999999 and period_month = to_char(current_date - interval '1 month', 'YYYY-MM')\"")
  l1=$(load)
  java bench/LoadGen.java setup http://localhost:18194 $tokens 0 > /dev/null
  month=$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m)
  # after a close the audit job chains its 60,000 entries for a minute or two, and autovacuum analyzes the new rows:
  # wait for the chain and analyze, so that the leaderboards are timed in the steady state, not during that burst
  for i in $(seq 1 300); do [ "$(psql_db shanzhi_bench_w4 <<< "select count(*) from audit_entries where seq is null")" = 0 ] && break; sleep 1; done
  psql_db shanzhi_bench_w4 <<< "analyze points_scores; analyze score_events; analyze points_ledger" >/dev/null
  # the first page (50 rows, the API's default) of the village's and the township's ranking, after 20 unmeasured requests
  village=$(java -Xmx256m bench/LoadGen.java get http://localhost:18194 $tokens village_cadre "/api/v1/points/rankings?division=469030202200&period=$month" 100)
  township=$(java -Xmx256m bench/LoadGen.java get http://localhost:18194 $tokens county_admin "/api/v1/points/rankings?division=469030202&period=$month" 40)
  l2=$(load)
  kill $app; wait $app 2>/dev/null || true
  # PostgreSQL's own figure for the close: the same writes as set-based SQL in one transaction, on the same rows (put
  # back on notice first, not timed; rolled back after): the events' status, one ledger row and one audit entry per
  # event, one change per balance and per stored score.
  sql_close=$(psql_db shanzhi_bench_w4 <<SQL | tail -1
begin;
update score_events set status = 'IN_NOTICE', credited_at = null
where id between 810000000000000000 and 810000009999999999 and period_month = '$month' and status = 'CREDITED';
select clock_timestamp() as t0 \gset
update score_events set status = 'CREDITED', credited_at = now()
where id between 810000000000000000 and 810000009999999999 and period_month = '$month' and status = 'IN_NOTICE';
insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no, period_month, points,
  kind, event_id, reason, created_by_name, created_at, idempotency_key)
select county_code, id + 20000000000000000, subject_type, subject_id, household_id, village_code, group_code, left(period_month, 4)::int,
  period_month, points, 'CREDIT', id, category || '·' || item_name, '公示期满无异议', now(), 'sql-credit:' || id
from score_events where id between 810000000000000000 and 810000009999999999 and period_month = '$month';
update points_balances b set honour = b.honour + s.p, spendable = b.spendable + s.p
from (select county_code, subject_type, subject_id, sum(points) p from score_events
      where id between 810000000000000000 and 810000009999999999 and period_month = '$month' group by 1, 2, 3) s
where b.county_code = s.county_code and b.subject_type = s.subject_type and b.subject_id = s.subject_id and b.year_no = left('$month', 4)::int;
update points_scores c set points = c.points + s.p, entries = c.entries + s.n, credits = c.credits + s.n
from (select county_code, village_code, subject_type, subject_id, sum(points) p, count(*) n from score_events
      where id between 810000000000000000 and 810000009999999999 and period_month = '$month' group by 1, 2, 3, 4) s
where c.county_code = s.county_code and c.village_code = s.village_code and c.period_month = '$month' and c.subject_type = s.subject_type
  and c.subject_id = s.subject_id;
insert into audit_entries (id, county_code, at, action, entity_type, entity_id, after_value)
select id + 30000000000000000, county_code, now(), 'points.credited', 'score_event', id::text, 'points=' || points
from score_events where id between 810000000000000000 and 810000009999999999 and period_month = '$month';
select round(extract(epoch from clock_timestamp() - :'t0'::timestamptz)::numeric, 2);
rollback;
SQL
)
  json W4 "$(jq -nc --argjson hh $hh --argjson ev $ev --argjson inn $in_notice --argjson cred ${credited:-0} --argjson ms ${close_ms:-0} \
    --argjson nc ${notices_closed:-0} --argjson gen $gen_secs --argjson vil "$village" --argjson town "$township" --arg l0 "$l0" --arg l1 "$l1" --arg l2 "$l2" \
    --argjson sqlc "${sql_close:-null}" \
    '{workload:"W4", households:$hh, events:$ev, events_closed:$inn, credited:$cred, notices_closed:$nc, close_seconds:($ms/1000),
      close_events_per_s:(if $ms > 0 then ($inn * 1000 / $ms | floor) else null end), sql_generate_seconds:$gen,
      postgres_set_based_close_seconds:$sqlc, ratio_to_postgres:(if $ms > 0 and $sqlc != null then ($sqlc * 1000 / $ms * 1000 | floor) / 1000 else null end),
      village_leaderboard:$vil, township_leaderboard:$town, load_close:$l1, load_leaderboards:$l2,
      note:"the API ranks a village or a township (division ≥ 9 digits), 50 rows a page; there is no county-wide ranking endpoint",
      target:"close ≤ 3 s; leaderboard p95 ≤ 50 ms"}')"
  ;;
W6)
  stop_w35
  reliability/pg-local.sh shanzhi_bench_w6 >/dev/null
  start_app shanzhi_bench_w6 18196 /tmp/w6.log 512m -Dshanzhi.cases.sweep.interval-ms=5000 -Dshanzhi.cases.sweep.initial-delay-ms=5000
  n=${W6_CASES:-1000000}; due=${W6_DUE:-10000}
  mark=$(( $(wc -l < /tmp/w6.log) + 1 ))
  t0=$(ms)
  # open cases over the demo villages: all timed, at village level; the first $due are past their limit now, the
  # rest fall due over the next 3 days (the sweep reads the cases_timer index range timer_at <= now only)
  su postgres -c "psql -p $PGPORT -d shanzhi_bench_w6 -qAt -v ON_ERROR_STOP=1" <<SQL
begin;
-- the app keeps local times of Asia/Shanghai (TimeConfig.ZONE) in timestamp columns
set local time zone 'Asia/Shanghai';
create temp table v as select row_number() over (order by code) - 1 as n, code from divisions where parent_code = '469030202' and length(code) = 12;
create temp table c as select (select code from case_categories where county_code = '469030' order by position limit 1) as code;
insert into cases (county_code, id, kind, category_code, title, description, channel, status, level, village_code, reported_at, response_due_at,
  accepted_at, level_started_at, due_at, timer_at, version, updated_at)
select '469030', 840000000000000000 + g, 'GRID_EVENT', (select code from c), '压测事件 ' || g, '压测', 'APP', 'ACCEPTED', 'VILLAGE', v.code,
  now() - interval '80 hours', now() - interval '56 hours', now() - interval '79 hours',
  case when g < $due then now() - interval '73 hours' else now() - interval '72 hours' + (1 + (g % 4320)) * interval '1 minute' end,
  case when g < $due then now() - interval '1 hour' else now() + (1 + (g % 4320)) * interval '1 minute' end,
  case when g < $due then now() - interval '1 hour' else now() + (1 + (g % 4320)) * interval '1 minute' end,
  0, now() - interval '79 hours'
from generate_series(0, $n - 1) g join v on v.n = g % (select count(*) from v);
insert into case_log (county_code, id, case_id, seq, at, actor_id, actor_name, action, from_status, to_status, level, note)
select '469030', 850000000000000000 + g, 840000000000000000 + g, 0, now() - interval '80 hours', null, '压测', 'REPORT', null, 'REPORTED', 'VILLAGE', null
from generate_series(0, $n - 1) g;
commit;
analyze cases;
SQL
  gen_secs=$(echo "scale=1; ($(ms) - $t0) / 1000" | bc)
  open_cases=$(su postgres -c "psql -p $PGPORT -d shanzhi_bench_w6 -qAt -c \"select count(*) from cases where status not in ('CLOSED', 'REFUSED')\"")
  l0=$(load)
  wait_log /tmp/w6.log "case sweep acted on [0-9]{4,} cases in" 3600 $mark || tail -30 /tmp/w6.log
  line=$(tail -n +$mark /tmp/w6.log | grep -oE "case sweep acted on [0-9]{4,} cases in [0-9]+ ms" | tail -1)
  acted=$(echo "$line" | grep -oE "on [0-9]+" | grep -oE "[0-9]+"); sweep_ms=$(echo "$line" | grep -oE "[0-9]+ ms" | grep -oE "[0-9]+")
  # the database alone: the same candidate range read and one UPDATE per due case, set-based
  lp=$(load)
  pg_t0=$(ms)
  su postgres -c "psql -p $PGPORT -d shanzhi_bench_w6 -qAt" >/dev/null <<'SQL'
begin;
set local time zone 'Asia/Shanghai';
update cases set level = 'TOWNSHIP', overdue = true, escalations = escalations + 1, version = version + 1, updated_at = now()
where timer_at <= now() + interval '1 hour' and id between 840000000000000000 and 840000009999999999 and status = 'ACCEPTED' and level = 'VILLAGE';
rollback;
SQL
  pg_secs=$(echo "scale=2; ($(ms) - $pg_t0) / 1000" | bc | sed "s/^\./0./")
  l1=$(load)
  kill $app; wait $app 2>/dev/null || true
  json W6 "$(jq -nc --argjson n $n --argjson open ${open_cases:-0} --argjson due $due --argjson acted ${acted:-0} --argjson ms ${sweep_ms:-0} --argjson gen $gen_secs \
    --argjson pg $pg_secs --arg l0 "$l0" --arg l1 "$l1" \
    '{workload:"W6", open_cases:$open, generated:$n, due_now:$due, escalated:$acted, sweep_seconds:($ms/1000),
      cases_per_s:(if $ms > 0 then ($acted * 1000 / $ms | floor) else null end), sql_generate_seconds:$gen,
      postgres_set_update_seconds:$pg, load:$l0, load_after:$l1, target:"≤ 5 s"}')"
  ;;
*) echo "unknown workload: $w" ;;
esac; done
stop_w35

summary() { # one row of the main table from a workload's JSON
  case $1 in
  W1) jq -r '"| W1 | division import (\(.rows) rows) | \(.postgres_seconds) s, \(.postgres_rows_per_s) rows/s, peak RSS \(.peak_rss_mb) MB; H2 \(.h2_seconds) s | COPY of the CSV into a bare text table \(.copy_rows_per_s) rows/s; COPY of the same rows into a same-shaped table (keys, indexes) \(.same_shape_copy_seconds // "-") s | \((.postgres_rows_per_s / .copy_rows_per_s * 1000 | floor) / 10) % of the bare; \(if .same_shape_copy_seconds then ((.same_shape_copy_seconds / .postgres_seconds * 1000 | floor) / 10 | tostring) else "-" end) % of the same-shaped | \(.load // "") |"' ;;
  W2) jq -r '"| W2 | household import (\(.households) households, \(.persons) persons) | \(.seconds) s, \(.rows_per_s) rows/s, peak RSS \(.peak_rss_mb) MB | COPY of the CSV into a bare text table \(.copy_rows_per_s) rows/s; COPY of the same households and persons into same-shaped tables \(.same_shape_copy_seconds // "-") s | \((.rows_per_s / .copy_rows_per_s * 1000 | floor) / 10) % of the bare; \(if .same_shape_copy_seconds then ((.same_shape_copy_seconds / .seconds * 1000 | floor) / 10 | tostring) else "-" end) % of the same-shaped | \(.load // "") |"' ;;
  W3) jq -r '"| W3 | \(.clients) clients declaring over HTTP (audit entry + idempotency record each), \(.seconds) s; verify + review | \(.req_per_s) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, \(.errors) errors; CPU per request: app \(.app_cpu_ms_per_request // "-") ms, PostgreSQL \(.postgres_cpu_ms_per_request // "-") ms; verify \(.verify_per_s)/s in \(.verify_batches) batches; review of \(.reviewed) in \(.review_seconds) s | pgbench ledger insert + balance update, 32 clients: \(.pgbench_tps) tps | \(.ratio_to_pgbench * 100) % | \(.load_before) / \(.load_after) |"' ;;
  W4) jq -r '"| W4 | monthly close: \(.households) households, \(.events) events, \(.events_closed) on \(.notices_closed) notices; first ranking page | close \(.close_seconds) s (\(.close_events_per_s) events/s); village ranking p95 \(.village_leaderboard.p95_ms) ms, township p95 \(.township_leaderboard.p95_ms) ms | the same writes as set-based SQL in one transaction: \(.postgres_set_based_close_seconds // "-") s | \(if .ratio_to_postgres then "\(.ratio_to_postgres * 100 | floor) % of the SQL close" else "" end) | \(.load_close) / \(.load_leaderboards) |"' ;;
  W5) jq -r '"| W5 | \(.clients) clients confirm codes of the same goods, \(.stock) left | \(.successes) successes, oversell \(.oversell), stock left \(.stock_left); \(.confirms_per_s) confirms/s, p50 \(.p50_ms) ms | | | \(.load) |"' ;;
  W6) jq -r '"| W6 | SLA sweep, \(.open_cases) open cases, \(.due_now) due | \(.sweep_seconds) s (\(.cases_per_s) cases/s) | one set-based UPDATE of the same cases: \(.postgres_set_update_seconds // "-") s | | \(.load) |"' ;;
  W7) jq -r '"| W7 | heap and RSS, -Xmx512m | idle \(.idle_heap_used_mb // .heap_used_mb) MB heap / \(.idle_rss_mb // .rss_mb) MB RSS; under W3 \(.w3_max_heap_used_mb // "-") MB heap / \(.w3_max_rss_mb // "-") MB RSS | | | \(.load // "") |"' ;;
  esac
}
{
  echo "# Benchmark results"
  echo
  echo "Machine: $cores cores, ${mem} GiB; PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1); $(java -version 2>&1 | head -1)."
  echo "The machine is shared with other engineers' builds while these run: the last column is \`uptime\`'s load average"
  echo "(1, 5, 15 min) when the figure was taken; with a load of 20 on 2 cores every figure here is a floor, not a ceiling."
  echo
  echo "| | workload | figures | the database's own figure | ratio | load |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for f in "$out"/W*.json; do summary "$(basename "$f" .json)" < "$f" || true; done
  echo
  [ -f bench/results/NOTES.md ] && cat bench/results/NOTES.md && echo
  echo "## Raw figures"
  echo
  echo "| workload | figures |"
  echo "| --- | --- |"
  for f in "$out"/W*.json; do echo "| $(basename "$f" .json) | \`$(cat "$f")\` |"; done
} > "$out/RESULTS.md"
cat "$out/RESULTS.md"
