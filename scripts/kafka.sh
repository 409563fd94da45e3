#!/usr/bin/env bash
# Apache Kafka 4.4.0, single node in KRaft mode, from the Maven Central jars.
# Usage: scripts/kafka.sh up|down|kill|status
# RC_KAFKA_DIR, RC_KAFKA_PORT and RC_KAFKA_CONTROLLER_PORT run a second, private broker (the fault
# suite's, which it restarts) with its own data beside the shared one; the jars are fetched once.
source "$(dirname "$0")/lib.sh"
LIB="$RUN/kafka/lib"
K="${RC_KAFKA_DIR:-$RUN/kafka}"; PIDFILE="$K/kafka.pid"
PORT="${RC_KAFKA_PORT:-9092}"; CPORT="${RC_KAFKA_CONTROLLER_PORT:-9093}"
TOPICS="health-data-received life-event-reported user-data-erased body-state-computed plan-adapted activity-reported"
PARTITIONS="${KAFKA_PARTITIONS:-3}"

fetch() {
  [ -f "$LIB/kafka_2.13-4.4.0.jar" ] && return
  log "fetching Kafka 4.4.0 from Maven Central"
  mvn -q -B -f "$ROOT/scripts/fetch/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIB"
}

configure() {
  mkdir -p "$K/data" "$K/logs"
  cat > "$K/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$K/data
num.partitions=$PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat > "$K/log4j2.properties" <<'PROPS'
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.apache.name = org.apache.kafka
logger.apache.level = WARN
PROPS
  if [ ! -f "$K/data/meta.properties" ]; then
    local id; id="$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid)"
    java -cp "$LIB/*" kafka.tools.StorageTool format --standalone -t "$id" -c "$K/server.properties" >/dev/null
    log "Kafka storage formatted (cluster $id)"
  fi
}

topics() {
  local existing; existing="$(java -cp "$LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$PORT --list 2>/dev/null)"
  for t in $TOPICS; do
    for name in "$t" "$t-dlq"; do
      grep -qx "$name" <<<"$existing" && continue
      java -cp "$LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$PORT \
        --create --if-not-exists --topic "$name" --partitions "$PARTITIONS" --replication-factor 1 >/dev/null
    done
  done
  log "Kafka topics present: $TOPICS (+ -dlq)"
}

broker_ready() {
  java -cp "$LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$PORT --list
}

up() {
  if alive "$PIDFILE"; then log "Kafka already running (pid $(cat "$PIDFILE"))"; return; fi
  fetch
  if port_open "$PORT"; then
    # Another checkout's broker (or an operator's): use it if it answers as Kafka.
    broker_ready >/dev/null 2>&1 || die "port $PORT is taken by something that is not a Kafka broker"
    log "using the Kafka broker already listening on 127.0.0.1:$PORT (not started here, not stopped by make down)"
    topics; return
  fi
  configure
  log "starting Kafka on 127.0.0.1:$PORT"
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$K/log4j2.properties" -Dkafka.logs.dir="$K/logs" \
    -cp "$LIB/*" kafka.Kafka "$K/server.properties" >"$K/logs/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  wait_for 90 "Kafka" broker_ready || die "Kafka did not become ready; see $K/logs"
  topics
}

case "${1:-}" in
  up) up ;;
  down) stop_pidfile "$PIDFILE" Kafka ;;
  kill) # SIGKILL, like a crashed broker; waits until the process is gone
    if alive "$PIDFILE"; then
      pid="$(cat "$PIDFILE")"; kill -9 "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      log "Kafka killed (pid $pid)"
    fi
    rm -f "$PIDFILE" ;;
  status) alive "$PIDFILE" && echo "kafka running (pid $(cat "$PIDFILE"))" || echo "kafka stopped" ;;
  *) echo "usage: $0 up|down|kill|status" >&2; exit 2 ;;
esac
