#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (trust auth, fsync off) and prints its
# URL on the last line. Usage: .ci/postgres.sh DIR [PORT]. PG_DURABLE=1 keeps PostgreSQL's
# durable defaults (fsync, synchronous_commit, full_page_writes on), as production runs it:
# for benchmarks (BENCHMARKS.md). Stop it with:
#   runuser -u postgres -- pg_ctl -D DIR/data stop
set -euo pipefail
dir=${1:?usage: postgres.sh DIR [PORT]}
port=${2:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$dir"
chown postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
	runuser -u postgres -- "$bin/initdb" -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D "$dir/data" >"$dir/initdb.log"
fi
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PG_DURABLE:-0}" = 1 ] && fast=""
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
	-o "-c listen_addresses=127.0.0.1 -p $port $fast -k $dir" start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
