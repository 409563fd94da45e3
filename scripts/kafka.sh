#!/usr/bin/env bash
# Apache Kafka 4.4.0, single node in KRaft mode, from the Maven Central jars.
# Usage: scripts/kafka.sh up|down|status
source "$(dirname "$0")/lib.sh"
K="$RUN/kafka"; PIDFILE="$K/kafka.pid"
TOPICS="health-data-received life-event-reported user-data-erased body-state-computed plan-adapted activity-reported"
PARTITIONS="${KAFKA_PARTITIONS:-3}"

fetch() {
  [ -f "$K/lib/kafka_2.13-4.4.0.jar" ] && return
  log "fetching Kafka 4.4.0 from Maven Central"
  mvn -q -B -f "$ROOT/scripts/fetch/pom.xml" dependency:copy-dependencies -DoutputDirectory="$K/lib"
}

configure() {
  mkdir -p "$K/data" "$K/logs"
  cat > "$K/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
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
    local id; id="$(java -cp "$K/lib/*" kafka.tools.StorageTool random-uuid)"
    java -cp "$K/lib/*" kafka.tools.StorageTool format --standalone -t "$id" -c "$K/server.properties" >/dev/null
    log "Kafka storage formatted (cluster $id)"
  fi
}

topics() {
  local existing; existing="$(java -cp "$K/lib/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list 2>/dev/null)"
  for t in $TOPICS; do
    for name in "$t" "$t-dlq"; do
      grep -qx "$name" <<<"$existing" && continue
      java -cp "$K/lib/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
        --create --if-not-exists --topic "$name" --partitions "$PARTITIONS" --replication-factor 1 >/dev/null
    done
  done
  log "Kafka topics present: $TOPICS (+ -dlq)"
}

broker_ready() {
  java -cp "$K/lib/*" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
}

up() {
  if alive "$PIDFILE"; then log "Kafka already running (pid $(cat "$PIDFILE"))"; return; fi
  fetch
  if port_open 9092; then
    # Another checkout's broker (or an operator's): use it if it answers as Kafka.
    broker_ready >/dev/null 2>&1 || die "port 9092 is taken by something that is not a Kafka broker"
    log "using the Kafka broker already listening on 127.0.0.1:9092 (not started here, not stopped by make down)"
    topics; return
  fi
  configure
  log "starting Kafka on 127.0.0.1:9092"
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$K/log4j2.properties" -Dkafka.logs.dir="$K/logs" \
    -cp "$K/lib/*" kafka.Kafka "$K/server.properties" >"$K/logs/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  wait_for 90 "Kafka" broker_ready || die "Kafka did not become ready; see $K/logs"
  topics
}

case "${1:-}" in
  up) up ;;
  down) stop_pidfile "$PIDFILE" Kafka ;;
  status) alive "$PIDFILE" && echo "kafka running (pid $(cat "$PIDFILE"))" || echo "kafka stopped" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
