#!/usr/bin/env bash
# Creates (if needed) and starts the two local PostgreSQL clusters of the sharded profile, shard1 on 55441 and
# shard2 on 55442, and makes a fresh database on each: prints the environment the app needs
# (SHANZHI_SHARD1_URL, SHANZHI_SHARD2_URL, SHANZHI_DB_USER, SHANZHI_DB_PASSWORD). Needs root.
# Usage: eval "$(reliability/shard-clusters.sh DBNAME)"
set -euo pipefail
db="${1:-shanzhi_shard}"
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
declare -A ports=([shard1]=55441 [shard2]=55442)
for c in shard1 shard2; do
  p=${ports[$c]}
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$c"; then
    pg_createcluster "$ver" "$c" -p "$p" >&2
  fi
  pg_ctlcluster "$ver" "$c" start >&2 2>/dev/null || true
  for i in $(seq 1 30); do
    su postgres -c "psql -p $p -qAtc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -p $p -qc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='shanzhi_shard') then create role shanzhi_shard login password 'shanzhi_shard'; end if; end \\\$\\\$\"" >/dev/null
  su postgres -c "psql -p $p -qc 'drop database if exists $db'" >/dev/null
  su postgres -c "psql -p $p -qc 'create database $db owner shanzhi_shard'" >/dev/null
done
echo "export SHANZHI_SHARD1_URL=jdbc:postgresql://localhost:55441/$db"
echo "export SHANZHI_SHARD2_URL=jdbc:postgresql://localhost:55442/$db"
echo "export SHANZHI_DB_USER=shanzhi_shard SHANZHI_DB_PASSWORD=shanzhi_shard"
