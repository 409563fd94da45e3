#!/usr/bin/env bash
# The five services as background processes, from their packaged jars (built by `mvn package`).
# Usage: scripts/services.sh up|down|status
source "$(dirname "$0")/lib.sh"
S="$RUN/services"; mkdir -p "$S"
# name:port, started in this order (the gateway last)
SERVICES="ingestion-service:8081 activity-service:8082 readiness-service:8083 scheduler-service:8084 gateway-service:8080"
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"

# The encryption master key of this machine's services: generated once, kept in .run/ (git-ignored).
# Losing it makes the sealed notes and payloads in the local database unreadable.
master_key() {
  local file="$RUN/master-key"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 > "$file")
    log "generated the local encryption master key in $file"
  fi
  cat "$file"
}

ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready" | grep -q '"status": *"UP"'; }

up() {
  RUNNINGCOACH_ENCRYPTION_MASTER_KEY="${RUNNINGCOACH_ENCRYPTION_MASTER_KEY:-$(master_key)}"
  export RUNNINGCOACH_ENCRYPTION_MASTER_KEY
  for entry in $SERVICES; do
    local name="${entry%%:*}" port="${entry##*:}" jar="$ROOT/${entry%%:*}/target/quarkus-app/quarkus-run.jar"
    if alive "$S/$name.pid"; then log "$name already running (pid $(cat "$S/$name.pid"))"; continue; fi
    [ -f "$jar" ] || die "$jar is missing: build first (make build)"
    port_open "$port" && die "port $port is taken by a process this project did not start"
    # shellcheck disable=SC2086
    nohup java $JAVA_OPTS -jar "$jar" >"$S/$name.log" 2>&1 &
    echo $! > "$S/$name.pid"
    log "started $name on 127.0.0.1:$port (pid $!)"
  done
  for entry in $SERVICES; do
    local name="${entry%%:*}" port="${entry##*:}"
    wait_for 120 "$name" ready "$port" || die "$name is not ready; see $S/$name.log"
  done
}

down() {
  local reversed=""
  for entry in $SERVICES; do reversed="$entry $reversed"; done
  for entry in $reversed; do stop_pidfile "$S/${entry%%:*}.pid" "${entry%%:*}"; done
}

status() {
  for entry in $SERVICES; do
    local name="${entry%%:*}"
    if alive "$S/$name.pid"; then
      echo "$name running (pid $(cat "$S/$name.pid"), RSS $(($(ps -o rss= -p "$(cat "$S/$name.pid")") / 1024)) MB)"
    else echo "$name stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
