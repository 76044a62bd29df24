#!/usr/bin/env bash
# Backup and restore round trip (issue "Reliability" item 6): pg_dump of a database the app has written to,
# restore into a fresh database, and compare the ledger and audit hashes and row counts of every table.
#   reliability/backup-restore.sh [SOURCE_DB=shanzhi_crash]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PGPORT:-55432}
src=${1:-shanzhi_crash}
dump=$(mktemp -d)/shanzhi.dump
chmod 777 "$(dirname "$dump")"
su postgres -c "pg_dump -p $port -Fc -f $dump $src"
su postgres -c "psql -p $port -qc 'drop database if exists ${src}_restored'" >/dev/null 2>&1
su postgres -c "psql -p $port -qc 'create database ${src}_restored owner shanzhi'" >/dev/null
su postgres -c "pg_restore -p $port -d ${src}_restored $dump"
fingerprint() {
  su postgres -c "psql -p $port -d $1 -qAt" <<'SQL'
select 'audit', county_code, count(*), max(seq), md5(string_agg(hash, '' order by seq)) from audit_entries group by county_code order by county_code;
select 'tables', string_agg(table_name, ',' order by table_name) from information_schema.tables where table_schema = 'public';
select 'households', count(*), md5(string_agg(id::text || number, ',' order by id)) from households;
select 'persons', count(*), md5(string_agg(id::text || id_number, ',' order by id)) from persons;
SQL
  for t in $(su postgres -c "psql -p $port -d $1 -qAt -c \"select table_name from information_schema.tables where table_schema='public' and table_name like '%ledger%' order by 1\""); do
    su postgres -c "psql -p $port -d $1 -qAt -c \"select '$t', count(*), md5(string_agg(t::text, ',' order by t::text)) from $t t\""
  done
}
fingerprint "$src" > "$dump.before"
fingerprint "${src}_restored" > "$dump.after"
cat "$dump.before"
if diff "$dump.before" "$dump.after"; then echo "restore identical: ledger and audit hashes equal"; else echo "RESTORE DIFFERS"; exit 1; fi
