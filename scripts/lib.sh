# Shared helpers for the local-infrastructure scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.run"
mkdir -p "$RUN"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# alive <pidfile>: true when the pid in the file is a running process
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_open <port>: true when something accepts TCP connections on 127.0.0.1:<port>
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for <seconds> <description> <command...>: polls the command every 0.5 s
wait_for() {
  local secs="$1" what="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
  log "$what is ready"
}

# stop_pidfile <pidfile> <name>: SIGTERM, wait up to 20 s, then SIGKILL; removes the pid file
stop_pidfile() {
  local pidfile="$1" name="$2"
  if alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 20 s, killing"; kill -9 "$pid" 2>/dev/null || true; fi
    log "$name stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}
