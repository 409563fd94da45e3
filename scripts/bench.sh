#!/usr/bin/env bash
# make bench: starts its own five services (packaged jars, ports 19280-19284, database
# runningcoach_test_bench, consumer groups *-bench) beside the shared Kafka, PostgreSQL and Keycloak
# (make infra), measures them (benchmarks/.../load/LoadBench), stops them by pid, runs the component
# benchmark targets the Makefile has, and writes bench/results/<UTC date-time>.md (+ .hlog files)
# and bench/results/latest.md. Expects `make infra` and the -Pbench package build to have run.
source "$(dirname "$0")/lib.sh"
DB="${RC_BENCH_DB:-runningcoach_test_bench}"
export RC_TEST_DB="$DB"   # the component targets' tests and tools use the bench database too
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
OUT="$ROOT/bench/results"
B="$RUN/bench/$STAMP"
K="$RUN/kafka"
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
RATES="${BENCH_RATES:-10,25,50,100,200}"
STEP_SECONDS="${BENCH_STEP_SECONDS:-30}"
HTTP_RATES="${BENCH_HTTP_RATES:-25,50,100,200,400,800,1600,2400,3200}"
ATHLETES="${BENCH_ATHLETES:-100}"
COMPONENT_TARGETS="${BENCH_COMPONENTS-bench-readiness bench-activity bench-import}"
mkdir -p "$OUT" "$B"
BENCH_START=$(date +%s)
T0="${BENCH_T0:-$BENCH_START}"   # when make bench began (before make infra and the build)

# ---------------------------------------------------------------- the machine and the versions, at start
machine() {
  local load; load="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores available |"
  echo "| RAM | $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) |"
  echo "| load average at start (1/5/15 min) | $load |"
  echo "| kernel | $(uname -sr) |"
}

versions() {
  local quarkus kafka_broker kafka_clients pg kc admin
  quarkus="$(ls "$ROOT/gateway-service/target/quarkus-app/lib/main/" | sed -n 's/^io\.quarkus\.quarkus-core-\(.*\)\.jar$/\1/p' | head -1)"
  kafka_broker="$(ls "$K/lib" 2>/dev/null | sed -n 's/^kafka_2\.13-\(.*\)\.jar$/\1/p' | head -1)"
  kafka_clients="$(tr ':' '\n' < "$ROOT/benchmarks/target/classpath.txt" | sed -n 's/.*kafka-clients-\(.*\)\.jar$/\1/p' | head -1)"
  pg="$(psql -h 127.0.0.1 -U postgres -qAt -c 'show server_version' 2>/dev/null || echo unknown)"
  admin="$(curl -fsS -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    http://127.0.0.1:8180/realms/master/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/' || true)"
  kc="$(curl -fsS -H "Authorization: Bearer $admin" http://127.0.0.1:8180/admin/serverinfo \
    | grep -o '"systemInfo":{"version":"[^"]*"' | sed 's/.*"version":"//; s/"$//' || true)"
  echo "| | |"
  echo "|---|---|"
  echo "| Java | $(java -version 2>&1 | head -1) ($(java -version 2>&1 | sed -n 2p)) |"
  echo "| Quarkus | ${quarkus:-unknown} |"
  echo "| Kafka | broker ${kafka_broker:-unknown} (KRaft, single node, topics with ${KAFKA_PARTITIONS:-3} partitions); clients ${kafka_clients:-unknown} |"
  echo "| PostgreSQL | ${pg} |"
  echo "| Keycloak | ${kc:-unknown} |"
  echo "| commit | $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/results' || echo ' (with uncommitted changes)') |"
}

MACHINE="$(machine)"
VERSIONS="$(versions)"

# ---------------------------------------------------------------- the five services
declare -A PORT=([ingestion-service]=19281 [activity-service]=19282 [readiness-service]=19283 [scheduler-service]=19284 [gateway-service]=19280)
ORDER="ingestion-service activity-service readiness-service scheduler-service gateway-service"
declare -A PID READY STARTED

# The bench services' encryption master key: one of the run's own (the bench database is the run's too).
export RUNNINGCOACH_ENCRYPTION_MASTER_KEY="${RUNNINGCOACH_ENCRYPTION_MASTER_KEY:-$(head -c 32 /dev/urandom | base64)}"

props() {
  local name="$1" db="127.0.0.1:5432/$DB"
  echo "-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=${PORT[$name]}"
  [ "$name" = gateway-service ] || echo "-Dquarkus.datasource.reactive.url=postgresql://$db -Dquarkus.datasource.jdbc.url=jdbc:postgresql://$db"
  case "$name" in
    activity-service) for c in user-data-erased activity-reported; do
        echo "-Dmp.messaging.incoming.$c.group.id=activity-service-bench"; done ;;
    readiness-service) for c in health-data-received life-event-reported user-data-erased; do
        echo "-Dmp.messaging.incoming.$c.group.id=readiness-service-bench"; done ;;
    scheduler-service) for c in body-state-computed life-event-reported user-data-erased; do
        echo "-Dmp.messaging.incoming.$c.group.id=scheduler-service-bench"; done ;;
    gateway-service) for s in ingestion activity readiness scheduler; do
        echo "-Drunningcoach.services.$s=http://127.0.0.1:${PORT[$s-service]}"; done
      # All the driver's pushes carry one garmin-client-id (as Garmin's all carry ours): the benchmark
      # measures capacity, so the per-sender limit is off (the per-athlete one stays on).
      echo "-Drunningcoach.limits.webhook.enabled=false" ;;
  esac
}

# Groups of their own, started at the topics' current end: the benchmark measures its own events,
# not a backlog other systems left on the shared topics.
reset_groups() {
  local tool=(java -cp "$K/lib/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server 127.0.0.1:9092)
  "${tool[@]}" --group activity-service-bench --topic user-data-erased --topic activity-reported --reset-offsets --to-latest --execute >/dev/null
  "${tool[@]}" --group readiness-service-bench --topic health-data-received --topic life-event-reported \
    --topic user-data-erased --reset-offsets --to-latest --execute >/dev/null
  "${tool[@]}" --group scheduler-service-bench --topic body-state-computed --topic life-event-reported \
    --topic user-data-erased --reset-offsets --to-latest --execute >/dev/null
  log "consumer groups *-bench start at the end of the topics"
}

ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; }

stop_services() {
  for name in gateway-service scheduler-service readiness-service activity-service ingestion-service; do
    local pid="${PID[$name]:-}"
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
      log "stopped $name (pid $pid)"
    fi
    PID[$name]=""
  done
}
trap stop_services EXIT

start_services() {
  local first last
  for name in $ORDER; do
    port_open "${PORT[$name]}" && die "port ${PORT[$name]} is taken: is another make bench running?"
  done
  first=$(date +%s.%N)
  for name in $ORDER; do
    local jar="$ROOT/$name/target/quarkus-app/quarkus-run.jar" t0 t1
    [ -f "$jar" ] || die "$jar is missing (the Makefile's bench target packages it)"
    t0=$(date +%s.%N)
    # shellcheck disable=SC2046,SC2086
    java $JAVA_OPTS $(props "$name") -jar "$jar" >"$B/$name.log" 2>&1 &
    PID[$name]=$!
    until ready "${PORT[$name]}"; do
      kill -0 "${PID[$name]}" 2>/dev/null || die "$name exited during start; see $B/$name.log"
      [ "$(echo "$(date +%s.%N) - $t0 > 120" | bc)" = 0 ] || die "$name not ready in 120 s; see $B/$name.log"
      sleep 0.1
    done
    t1=$(date +%s.%N)
    READY[$name]=$(echo "scale=2; ($t1 - $t0)/1" | bc)
    STARTED[$name]="$( (grep -o 'started in [0-9.]*s' "$B/$name.log" || echo '?') | head -1 | sed 's/started in //; s/s$//')"
    log "$name ready in ${READY[$name]} s (pid ${PID[$name]}, port ${PORT[$name]})"
  done
  last=$(date +%s.%N)
  COLD_START=$(echo "scale=1; ($last - $first)/1" | bc)
}

pid_on_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

reset_groups
start_services
SERVICES_ARG=""; READY_ARG=""; STARTED_ARG=""
for name in $ORDER; do
  SERVICES_ARG+="${SERVICES_ARG:+,}$name:${PID[$name]}"; READY_ARG+="${READY_ARG:+,}$name:${READY[$name]}"
  STARTED_ARG+="${STARTED_ARG:+,}$name:${STARTED[$name]}"
done
INFRA_ARG="kafka:$(pid_on_port 9092),keycloak:$(pid_on_port 8180)"

CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
LOAD_START=$(date +%s)
java -Xmx512m -cp "$CP" org.runningcoach.benchmarks.load.LoadBench out="$OUT" stamp="$STAMP" \
  gateway="http://127.0.0.1:19280" bootstrap=127.0.0.1:9092 jdbc="jdbc:postgresql://127.0.0.1:5432/$DB" \
  athletes="$ATHLETES" rates="$RATES" step-seconds="$STEP_SECONDS" http-rates="$HTTP_RATES" \
  services="$SERVICES_ARG" infra="$INFRA_ARG" ready="$READY_ARG" started="$STARTED_ARG" cold-start="$COLD_START" | tee "$B/load.out"
LOAD_SECONDS=$(( $(date +%s) - LOAD_START ))
stop_services

# ---------------------------------------------------------------- make up's wall time
# What `make up` takes on this machine once Kafka, PostgreSQL and Keycloak run and the jars are built (as
# here): the five services started in parallel until all answer ready. Timed only when nothing answers on
# the default ports, so a system someone is using is never started twice or stopped; then stopped by pid.
MAKE_UP="not timed: the default ports 8080–8084 are in use (a make up system or the e2e suite runs beside)"
if ! port_open 8080 && ! port_open 8081 && ! port_open 8082 && ! port_open 8083 && ! port_open 8084; then
  t0=$(date +%s.%N)
  # The services keep the checkout's own master key (.run/master-key), not the bench services' one.
  if (cd "$ROOT" && env -u RUNNINGCOACH_ENCRYPTION_MASTER_KEY scripts/services.sh up >"$B/make-up.out" 2>&1); then
    MAKE_UP="$(echo "scale=1; ($(date +%s.%N) - $t0)/1" | bc) s with Kafka, PostgreSQL and Keycloak already running and the jars built (the five services started in parallel until all answered ready)"
  else
    MAKE_UP="failed: see $B/make-up.out"
  fi
  (cd "$ROOT" && scripts/services.sh down >>"$B/make-up.out" 2>&1) || true
fi
log "make up: $MAKE_UP"

# ---------------------------------------------------------------- component benchmarks (other targets)
COMPONENTS=""
for t in $COMPONENT_TARGETS; do
  if grep -q "^$t:" "$ROOT/Makefile"; then
    log "running make $t"
    t0=$(date +%s)
    # A time limit, so that a target waiting for something (a lock, a port) cannot hold make bench forever.
    if timeout "${BENCH_COMPONENT_TIMEOUT:-420}" make -s -C "$ROOT" "$t" >"$B/$t.out" 2>&1; then rc=0; else rc=$?; fi
    COMPONENTS+="
### \`make $t\` ($(( $(date +%s) - t0 )) s, exit $rc)

\`\`\`
$( (grep -v '^\[INFO\]\|^Downloading\|^Downloaded\|insertSamples\|^INFO: stored' "$B/$t.out" || true) | sed 's/\x1b\[[0-9;]*m//g' | tail -n 80)
\`\`\`
"
  else
    COMPONENTS+="
### \`make $t\`

Not in this Makefile (yet): nothing measured.
"
  fi
done

TOTAL=$(( $(date +%s) - BENCH_START ))
WHOLE=$(( $(date +%s) - T0 ))
REPORT="$OUT/$STAMP.md"
{
  echo "# RunningCoach benchmark, $STAMP"
  echo
  echo "\`make bench\` on this machine: everything below shares its cores — five services, Kafka, PostgreSQL,"
  echo "Keycloak and the load driver. \`make bench\` took ${WHOLE} s in all: $(( BENCH_START - T0 )) s for \`make infra\` and the"
  echo "build, ${TOTAL} s for the services, the measurements (the load part ${LOAD_SECONDS} s) and the component targets."
  echo "Raw latency histograms (HdrHistogram logs, nanoseconds, one tagged interval per measurement):"
  echo "[e2e]($STAMP-e2e.hlog), [http]($STAMP-http.hlog), [kafka]($STAMP-kafka.hlog)."
  echo
  echo "## Machine"
  echo
  echo "$MACHINE"
  echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo
  echo "## Versions"
  echo
  echo "$VERSIONS"
  echo
  cat "$OUT/$STAMP-load.md"
  echo "## \`make up\`"
  echo
  echo "$MAKE_UP. A first \`make up\` on a fresh machine also fetches Kafka (~45 MB) and Keycloak (165 MB) from"
  echo "Maven Central and builds the services."
  echo
  echo "## Component benchmarks"
  echo
  echo "The output of the component targets, run after the five bench services were stopped (each prints its"
  echo "figures beside its own raw baseline)."
  echo "$COMPONENTS"
} >"$REPORT"
rm -f "$OUT/$STAMP-load.md"
cp "$REPORT" "$OUT/latest.md"
log "report: $REPORT (and bench/results/latest.md)"
