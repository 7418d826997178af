#!/usr/bin/env bash
# A throw-away MariaDB server for the test suite, from Debian's mariadb-server package, on
# 127.0.0.1:$MYSQLTESTPORT (33069). `start` (the default) prints the TEST_MYSQL_URL to use;
# `stop` stops it. Its data lives in $MYSQLTESTDATA, with no durability: tests only.
# The server's character set and collation are Debian's (utf8mb4, the case- and
# accent-insensitive utf8mb4_general_ci), and max_allowed_packet keeps MariaDB's default (16M),
# so the tests meet what a real install does.
set -euo pipefail
port=${MYSQLTESTPORT:-33069}
data=${MYSQLTESTDATA:-/tmp/newsroom-mysql}
if [ ! -x /usr/sbin/mariadbd ] || ! command -v mariadb-install-db >/dev/null; then
  echo "MariaDB is not installed: apt-get install mariadb-server" >&2
  exit 1
fi
socket="$data/mysqld.sock"
pidfile="$data/mysqld.pid"
user=()
if [ "$(id -u)" = 0 ]; then user=(--user=mysql); fi
root_sql() { mariadb --no-defaults --protocol=socket --socket="$socket" -u root "$@"; }
running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "${1:-start}" in
  start)
    if [ ! -d "$data/mysql" ]; then
      mkdir -p "$data"
      if [ "$(id -u)" = 0 ]; then chown mysql "$data"; fi
      mariadb-install-db --no-defaults "${user[@]}" --datadir="$data" --auth-root-authentication-method=socket \
        --skip-test-db >"$data/install.log" 2>&1
    fi
    if ! running; then
      /usr/sbin/mariadbd --no-defaults "${user[@]}" --datadir="$data" --socket="$socket" --pid-file="$pidfile" \
        --bind-address=127.0.0.1 --port="$port" --log-error="$data/server.log" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --skip-log-bin --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-frm=0 \
        --innodb-buffer-pool-size=256M --max-connections=300 >/dev/null 2>&1 &
      for _ in $(seq 1 100); do
        if root_sql -e 'select 1' >/dev/null 2>&1; then break; fi
        sleep 0.2
      done
    fi
    # Tests create and drop a database each: the user may do so for the newsroom_ ones.
    root_sql -e "create user if not exists 'newsroom'@'127.0.0.1' identified by 'newsroom';
      create user if not exists 'newsroom'@'localhost' identified by 'newsroom';
      grant all privileges on \`newsroom\\_%\`.* to 'newsroom'@'127.0.0.1';
      grant all privileges on \`newsroom\\_%\`.* to 'newsroom'@'localhost';"
    echo "mysql://newsroom:newsroom@127.0.0.1:$port"
    ;;
  stop)
    if running; then
      kill "$(cat "$pidfile")"
      for _ in $(seq 1 150); do
        if ! running; then break; fi
        sleep 0.2
      done
    fi
    ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
