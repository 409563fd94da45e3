#!/usr/bin/env bash
# make bench-import: the Apple Health export.xml import rate (AppleImportBenchmark) against a real
# ingestion-service started here from its package (port 18381, heap capped at 256 MB so a file held
# in memory would fail), with the running PostgreSQL and Keycloak; Kafka is pointed at a closed port
# so the events stay in the outbox (deleted afterwards) and reach no one.
# Env: BENCH_IMPORT_RECORDS (default 1000000), BENCH_DB (default runningcoach_test).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${BENCH_IMPORT_RECORDS:-1000000}
DB=${BENCH_DB:-${RC_TEST_DB:-runningcoach_test}}
PORT=18381
mkdir -p .run/bench-import
java -Xmx256m -Dquarkus.http.port=$PORT -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/$DB \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/$DB \
  -Dkafka.bootstrap.servers=127.0.0.1:1 -Dingestion.import.dir="$PWD/.run/bench-import" \
  -jar ingestion-service/target/quarkus-app/quarkus-run.jar > .run/bench-import/ingestion.log 2>&1 &
PID=$!
cleanup() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d "$DB" -c "SET search_path TO ingestion;
    DELETE FROM outbox WHERE payload LIKE '%/ingestion-service/imports/apple-health%';
    DELETE FROM apple_sample WHERE athlete_id IN (SELECT athlete_id FROM apple_import WHERE created_at > now() - interval '1 day');
    DELETE FROM apple_daily_input WHERE athlete_id IN (SELECT athlete_id FROM apple_import WHERE created_at > now() - interval '1 day');
    DELETE FROM apple_import WHERE created_at > now() - interval '1 day';" || true
}
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/q/health/live" > /dev/null && break
  sleep 1
done
TOKEN=$(scripts/keycloak.sh token demo demo)
java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  org.runningcoach.benchmarks.AppleImportBenchmark "$RECORDS" "http://127.0.0.1:$PORT" "$TOKEN" "$PID"
