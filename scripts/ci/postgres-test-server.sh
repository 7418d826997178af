#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite, from Debian's postgresql package, on
# 127.0.0.1:$PGTESTPORT (54329). `start` (the default) prints the TEST_POSTGRES_URL to use;
# `stop` stops it (the fault tests use both). Its data lives in $PGTESTDATA, fsync off: tests only.
set -euo pipefail
port=${PGTESTPORT:-54329}
data=${PGTESTDATA:-/tmp/newsroom-postgres}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install postgresql" >&2
  exit 1
fi
# PostgreSQL refuses to run as root.
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(runuser -u postgres --); fi

case "${1:-start}" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      if [ "$(id -u)" = 0 ]; then chown postgres "$data"; fi
      "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres -A trust >/dev/null
    fi
    if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    fi
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtA -c \
      "do \$\$ begin if not exists (select from pg_roles where rolname = 'newsroom') then create role newsroom login password 'newsroom' createdb; end if; end \$\$;" >/dev/null
    # Tests drop their databases with (force): an autovacuum worker still in one is only theirs to end with pg_signal_backend.
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtA -c "set client_min_messages = warning" -c "grant pg_signal_backend to newsroom" >/dev/null
    echo "postgres://newsroom:newsroom@127.0.0.1:$port/postgres"
    ;;
  stop)
    "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
