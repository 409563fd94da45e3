#!/usr/bin/env bash
# PostgreSQL: uses the machine's server (starts it, or installs it, when it is not there) and
# creates the project's databases with one role and one schema per service.
# Flyway, run by each service at start, is the only thing that creates tables.
# Usage: scripts/postgres.sh up|status
source "$(dirname "$0")/lib.sh"
SERVICES="ingestion activity readiness scheduler"
DATABASES="${RC_DATABASES:-runningcoach ${RC_TEST_DB:-runningcoach_test}}"

psql_su() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

ensure_server() {
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
  status) pg_isready -h 127.0.0.1 -p 5432 ;;
  *) echo "usage: $0 up|status" >&2; exit 2 ;;
esac
