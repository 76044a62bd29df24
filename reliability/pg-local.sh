#!/usr/bin/env bash
# Starts (creating if needed) a throwaway PostgreSQL cluster "shanzhi" on port ${PGPORT:-55432} for the
# reliability and benchmark scripts, and (re)creates database ${1:-shanzhi_rel}. Needs Debian's postgresql
# package (installed if missing) and root. Prints the JDBC URL.
set -euo pipefail
port=${PGPORT:-55432}
db=${1:-shanzhi_rel}
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx shanzhi; then
  pg_createcluster "$ver" shanzhi -p "$port" >/dev/null
  echo "fsync = on" >> /etc/postgresql/$ver/shanzhi/postgresql.conf
  echo "max_connections = 200" >> /etc/postgresql/$ver/shanzhi/postgresql.conf
fi
pg_ctlcluster "$ver" shanzhi start >/dev/null 2>&1 || true
for i in $(seq 1 30); do su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -p $port -qc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='shanzhi') then create role shanzhi login password 'shanzhi'; end if; end \\\$\\\$\"" >/dev/null
su postgres -c "psql -p $port -qc 'drop database if exists $db'" >/dev/null 2>&1
su postgres -c "psql -p $port -qc 'create database $db owner shanzhi'" >/dev/null
echo "jdbc:postgresql://localhost:$port/$db"
