#!/usr/bin/env bash
# PostgreSQL: uses the machine's server (starts it, or installs it, when it is not there) and
# creates the project's databases with one role and one schema per service.
# Flyway, run by each service at start, is the only thing that creates tables.
#
# With RC_PG_DATA set it runs a private cluster instead (the fault suite's, which it restarts):
# initdb into that folder on the first `up`, trust authentication, 127.0.0.1:$RC_PG_PORT only,
# owned by the postgres OS user when run as root (the server refuses to run as root).
# Usage: scripts/postgres.sh up|status            the machine's server (port 5432)
#        RC_PG_DATA=<dir> RC_PG_PORT=<port> RC_DATABASES=<db> scripts/postgres.sh up|down|kill|status
source "$(dirname "$0")/lib.sh"
SERVICES="ingestion activity readiness scheduler"
DATABASES="${RC_DATABASES:-runningcoach ${RC_TEST_DB:-runningcoach_test}}"
PORT="${RC_PG_PORT:-5432}"
PRIVATE="${RC_PG_DATA:-}"
PG_BIN="${RC_PG_BIN:-/usr/lib/postgresql/15/bin}"

psql_su() { psql -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# as_owner <command...>: runs a server command as the postgres OS user when we are root
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

private_up() {
  if [ ! -f "$PRIVATE/PG_VERSION" ]; then
    mkdir -p "$PRIVATE"
    [ "$(id -u)" = 0 ] && chown postgres "$PRIVATE"
    as_owner "$PG_BIN/initdb" -D "$PRIVATE" -U postgres --auth=trust -E UTF8 >"$PRIVATE.initdb.log" 2>&1 \
      || die "initdb failed; see $PRIVATE.initdb.log"
    log "PostgreSQL cluster created in $PRIVATE"
  fi
  if pg_isready -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; then return; fi
  as_owner "$PG_BIN/pg_ctl" -D "$PRIVATE" -l "$PRIVATE/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200 -c fsync=on" start >/dev/null \
    || die "PostgreSQL did not start; see $PRIVATE/server.log"
  log "PostgreSQL started on 127.0.0.1:$PORT ($PRIVATE)"
}

# private_stop <mode>: fast = clean shutdown, immediate = like a crash (recovery from WAL at the next start)
private_stop() {
  [ -f "$PRIVATE/postmaster.pid" ] || return 0
  as_owner "$PG_BIN/pg_ctl" -D "$PRIVATE" -m "$1" -w -t 60 stop >/dev/null || true
  log "PostgreSQL on $PORT stopped ($1)"
}

ensure_server() {
  if [ -n "$PRIVATE" ]; then private_up; return; fi
  if pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then return; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "PostgreSQL is not installed: installing it from Debian's packages"
    apt-get install -y postgresql >/dev/null || die "could not install postgresql"
  fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  wait_for 60 "PostgreSQL" pg_isready -h 127.0.0.1 -p 5432 || die "PostgreSQL did not start"
}

ensure_schema() {
  for s in $SERVICES; do
    # Development credentials: the role name is the password. Production passwords come from Secrets.
    psql_su -d postgres -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$s') THEN
        CREATE ROLE $s LOGIN PASSWORD '$s';
      END IF; END \$\$;"
  done
  for db in $DATABASES; do
    if [ -z "$(psql_su -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      psql_su -d postgres -c "CREATE DATABASE $db"
    fi
    psql_su -d "$db" -c "REVOKE ALL ON SCHEMA public FROM PUBLIC"
    for s in $SERVICES; do
      psql_su -d "$db" -c "CREATE SCHEMA IF NOT EXISTS $s AUTHORIZATION $s"
      psql_su -d "$db" -c "GRANT CONNECT ON DATABASE $db TO $s"
    done
  done
  log "PostgreSQL databases ($DATABASES) have schemas and roles: $SERVICES"
}

case "${1:-}" in
  up) ensure_server; ensure_schema ;;
  start) [ -n "$PRIVATE" ] || die "start is for a private cluster (set RC_PG_DATA)"; private_up ;;
  down) [ -n "$PRIVATE" ] || die "the machine's PostgreSQL is shared: never stopped from here"; private_stop fast ;;
  kill) [ -n "$PRIVATE" ] || die "the machine's PostgreSQL is shared: never stopped from here"; private_stop immediate ;;
  status) pg_isready -h 127.0.0.1 -p "$PORT" ;;
  *) echo "usage: $0 up|status (RC_PG_DATA set: also start|down|kill)" >&2; exit 2 ;;
esac
