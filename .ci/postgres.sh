#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1 for the tests of scim-store-jdbc.
#   source .ci/postgres.sh && pg_test_start     # exports SCIM_TEST_PG_URL/USER/PASSWORD
#   pg_test_stop                                 # stops it and deletes its data directory
# Installs PostgreSQL from Debian packages when it is missing. Needs root (or the postgres user).

pg_test_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; fi
  done | sort -V | tail -n 1
}

pg_test_start() {
  local bin
  bin="$(pg_test_bindir)"
  if [ -z "$bin" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
    bin="$(pg_test_bindir)"
  fi
  PG_TEST_DIR="$(mktemp -d /tmp/scim-pg.XXXXXX)"
  export PG_TEST_DIR
  chown postgres "$PG_TEST_DIR" 2>/dev/null || true
  # a free port: ask the kernel for one
  PG_TEST_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  export PG_TEST_PORT
  local as=()
  if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $PG_TEST_PORT -k $PG_TEST_DIR -c fsync=off -c max_connections=200" start >/dev/null
  local password
  password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  "${as[@]}" "$bin/psql" -q -h "$PG_TEST_DIR" -p "$PG_TEST_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE USER scim PASSWORD '$password'" -c "CREATE DATABASE scim_test OWNER scim" >/dev/null
  export SCIM_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_TEST_PORT/scim_test"
  export SCIM_TEST_PG_USER=scim
  export SCIM_TEST_PG_PASSWORD="$password"
  PG_TEST_BIN="$bin"
  export PG_TEST_BIN
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests at $SCIM_TEST_PG_URL"
}

pg_test_stop() {
  if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR/data" ]; then
    local as=()
    if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
    "${as[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}
