#!/usr/bin/env bash
# Database outage (issue "Reliability" item 3): PostgreSQL is stopped for 10 s under load. Requests meanwhile get
# 503 problem+json; the app recovers by itself when the database returns; nothing acknowledged is lost.
#   reliability/outage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PGPORT:-55432}
url=$(reliability/pg-local.sh shanzhi_outage)
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
[ -f target/shanzhi-0.1.0-SNAPSHOT.jar ] || mvn -q -B package -DskipTests
jar=$(ls target/shanzhi-*.jar | grep -v original | head -1)
work=$(mktemp -d)
app_port=18182
SHANZHI_DB_URL=$url SHANZHI_DB_USER=shanzhi SHANZHI_DB_PASSWORD=shanzhi PORT=$app_port SHANZHI_LIMIT_WRITES=100000 \
  java -Xmx512m -jar "$jar" > "$work/app.log" 2>&1 &
app=$!
trap 'kill -9 $app 2>/dev/null || true; pg_ctlcluster "$ver" shanzhi start >/dev/null 2>&1 || true' EXIT
for i in $(seq 1 400); do curl -sf localhost:$app_port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
java reliability/WriteLoad.java "http://localhost:$app_port" 30 8 "outage-$$" "$work/acked.txt" > "$work/load.log" 2>&1 &
load=$!
sleep 8
pg_ctlcluster "$ver" shanzhi stop -m fast
echo "database stopped"
sleep 3
code=$(curl -s -o "$work/body.json" -w '%{http_code}' -XPOST localhost:$app_port/api/v1/auth/token -H 'content-type: application/json' -d '{"username":"village_cadre","password":"shanzhi2026"}')
echo "during the outage: HTTP $code $(cat "$work/body.json")"
sleep 7
pg_ctlcluster "$ver" shanzhi start
echo "database started again"
wait $load
cat "$work/load.log"
cp "$work/acked.txt" /tmp/acked.txt && chmod 644 /tmp/acked.txt
lost=$(su postgres -c "psql -p $port -d shanzhi_outage -qAt" <<'SQL' | tail -1
create temp table acked(n text);
\copy acked from '/tmp/acked.txt'
select count(*) from acked a where not exists (select 1 from households h where h.number = a.n);
SQL
)
after=$(curl -s -o /dev/null -w '%{http_code}' localhost:$app_port/actuator/health)
echo "acknowledged=$(wc -l < "$work/acked.txt") lost=$lost health_after=$after"
[ "$code" = 503 ] && [ "$lost" = 0 ] && [ "$after" = 200 ] && grep -q '503=' "$work/load.log"
