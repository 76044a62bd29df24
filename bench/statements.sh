#!/usr/bin/env bash
# Statements per W3 declaration: runs the jar against a copy-free database of its own (shanzhi_w3_stmts, cluster
# "shanzhi" on $PGPORT) with log_statement = all for that database only, declares N times over HTTP as a villager of
# the bench (bench/run.sh W3 must have run: its token file), and counts what PostgreSQL logged per declaration.
#   bench/statements.sh JAR [N=20]      (needs root; port 18190; scheduled jobs off so only requests are counted)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGPORT=${PGPORT:-55432}
jar=$1; n=${2:-20}; db=shanzhi_w3_stmts; port=18190
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
logfile=/var/log/postgresql/postgresql-$ver-shanzhi.log
reliability/pg-local.sh $db >/dev/null
SHANZHI_DB_URL="jdbc:postgresql://localhost:$PGPORT/$db" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi PORT=$port \
  java -Xmx512m -Dshanzhi.jobs.enabled=false -jar "$jar" > /tmp/w3-stmts.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for i in $(seq 1 600); do curl -sf localhost:$port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
tokens=/tmp/shanzhi-w3-stmts-tokens.txt
java bench/LoadGen.java setup http://localhost:$port $tokens 1 >/dev/null
line=$(grep '^bench_v' $tokens | head -1); token=$(echo "$line" | awk '{print $2}'); household=$(echo "$line" | awk '{print $3}')
item=$(su postgres -c "psql -p $PGPORT -d $db -qAt -c \"select i.id from points_items i join points_schemes s on s.id = i.scheme_id where s.owner_code = '469030202200' and s.status = 'ADOPTED' and i.sign = '+' and not i.evidence_required and i.cap_per_period is null and i.recorders like '%SELF%' order by i.\\\"position\\\" limit 1\"")
day=$(date -d "$(date +%Y-%m-01) -1 month +9 days" +%F)
declare_one() {
  curl -s -o /dev/null -w '%{http_code}\n' -X POST localhost:$port/api/v1/points/events -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: stmts-$1-$RANDOM$RANDOM" \
    -d "{\"householdId\":\"$household\",\"itemId\":\"$item\",\"occurredOn\":\"$day\",\"description\":\"语句计数 $1:赡养照顾老人\"}"
}
declare_one warm >/dev/null   # first call: caches, prepared statements
su postgres -c "psql -p $PGPORT -qc \"alter database $db set log_statement = 'all'\""
sleep 1
# new connections take the setting: let the pool replace its connections by evicting them (soft: restart the app)
kill $app; wait $app 2>/dev/null || true
SHANZHI_DB_URL="jdbc:postgresql://localhost:$PGPORT/$db" SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi PORT=$port SHANZHI_DEMO=false \
  java -Xmx512m -Dshanzhi.jobs.enabled=false -jar "$jar" > /tmp/w3-stmts.log 2>&1 &
app=$!
for i in $(seq 1 600); do curl -sf localhost:$port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
declare_one warm2 >/dev/null
mark=$(wc -l < $logfile)
codes=$(for i in $(seq 1 $n); do declare_one $i; done | sort | uniq -c | tr '\n' ' ')
sleep 1
stmts=$(tail -n +$((mark + 1)) $logfile | grep -E "@$db .*LOG:  (statement|execute)" | grep -v "select 1\|SELECT 1" | wc -l)
su postgres -c "psql -p $PGPORT -qc \"alter database $db reset log_statement\""
echo "{\"declarations\":$n,\"statuses\":\"$codes\",\"statements\":$stmts,\"statements_per_declaration\":$(echo "scale=1; $stmts / $n" | bc)}"
tail -n +$((mark + 1)) $logfile | grep -E "@$db .*LOG:  (statement|execute)" | sed -E 's/.*LOG:  (statement|execute [^:]*): //' | cut -c1-90 \
  | sed -E 's/[0-9]{6,}/N/g' | sort | uniq -c | sort -rn > /tmp/w3-stmts-breakdown.txt
cat /tmp/w3-stmts-breakdown.txt
