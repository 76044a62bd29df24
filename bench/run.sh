#!/usr/bin/env bash
# Benchmarks (issue "Benchmarks"): runs each workload against a PostgreSQL cluster it starts (port 55432), beside
# what PostgreSQL alone does with the same rows (COPY), and writes bench/results/*.json and bench/results/RESULTS.md.
#   bench/run.sh [W1 W2 W7 ...]      (default: all)        HOUSEHOLDS=1000000 for W2's size (default 1,000,000)
# Needs root (it installs/starts PostgreSQL), network to the npm registry for the national division codes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGPORT=${PGPORT:-55432}
command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
workloads=${*:-W1 W2 W7}
households=${HOUSEHOLDS:-1000000}
mvn -q -B package -DskipTests
jar=$(ls target/shanzhi-*.jar | grep -v original | head -1)
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

for w in $workloads; do case $w in
W1)
  url=$(reliability/pg-local.sh shanzhi_bench_w1)
  rows=$(( $(wc -l < "$divisions/streets.csv") + $(wc -l < "$divisions/villages.csv") + $(wc -l < "$divisions/areas.csv") - 3 ))
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
  copy_secs=$(echo "scale=2; ($(ms) - $t0) / 1000" | bc)
  h2dir=$(mktemp -d)
  run_cli /tmp/w1-h2.log env SHANZHI_DB_URL="jdbc:h2:file:$h2dir/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
    java -Xmx768m -jar "$jar" import-divisions --dir "$divisions"
  h2_secs=$secs; h2_rss=$rss_mb
  json W1 "{\"workload\":\"W1\",\"rows\":$rows,\"postgres_seconds\":$pg_secs,\"postgres_rows_per_s\":$(echo "$rows / $pg_secs" | bc),\"peak_rss_mb\":$pg_rss,\"copy_seconds\":$copy_secs,\"copy_rows_per_s\":$(echo "$rows / $copy_secs" | bc),\"h2_seconds\":$h2_secs,\"h2_peak_rss_mb\":$h2_rss}"
  ;;
W2)
  url=$(reliability/pg-local.sh shanzhi_bench_w2)
  csv=/tmp/shanzhi-households-$households.csv
  [ -s "$csv" ] || java bench/GenerateHouseholds.java src/main/resources/divisions/villages.csv 469030 "$households" "$csv"
  chmod a+r "$csv"
  env SHANZHI_DB_URL="$url" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi java -jar "$jar" import-divisions --dir src/main/resources/divisions > /dev/null
  rows=$(( $(wc -l < "$csv") - 1 ))
  run_cli /tmp/w2.log env SHANZHI_DB_URL="$url?reWriteBatchedInserts=true" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi \
    java -Xmx2g -jar "$jar" import-households --file "$csv" --county 469030
  cat /tmp/w2.log | grep -E "imported|REFUSED" || true
  t0=$(ms)
  psql_db shanzhi_bench_w2 <<SQL
create table copy_persons (number text, village_code text, group_code text, address text, household_phone text, household_tags text,
  name text, gender text, birth_date text, id_number text, phone text, relation text, tags text);
\copy copy_persons from '$csv' csv header
SQL
  copy_secs=$(echo "scale=2; ($(ms) - $t0) / 1000" | bc)
  json W2 "{\"workload\":\"W2\",\"households\":$households,\"persons\":$rows,\"seconds\":$secs,\"rows_per_s\":$(echo "$rows / $secs" | bc),\"peak_rss_mb\":$rss_mb,\"copy_seconds\":$copy_secs,\"copy_rows_per_s\":$(echo "$rows / $copy_secs" | bc)}"
  ;;
W7)
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
*) echo "unknown or not yet built workload: $w" ;;
esac; done

{
  echo "# Benchmark results"
  echo
  echo "Machine: $cores cores, ${mem} GiB; PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1); $(java -version 2>&1 | head -1)."
  echo
  echo "| workload | figures |"
  echo "| --- | --- |"
  for f in "$out"/W*.json; do echo "| $(basename "$f" .json) | \`$(cat "$f")\` |"; done
} > "$out/RESULTS.md"
cat "$out/RESULTS.md"
