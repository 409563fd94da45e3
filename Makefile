# RunningCoach backend: `make up` starts everything, `make test` runs every test.
SHELL := /bin/bash
MVN ?= mvn -B -q

.PHONY: up down token test build infra status clean-data bench bench-readiness bench-import bench-activity faults

## up: start Kafka, PostgreSQL (if needed), Keycloak and the five services; wait until all are ready
up: infra build-if-needed
	@scripts/services.sh up
	@echo
	@echo "RunningCoach is up: gateway http://127.0.0.1:8080 (OpenAPI UI http://127.0.0.1:8080/q/swagger-ui)"
	@echo "Token for the demo athlete:  TOKEN=\$$(make -s token)"
	@echo "Then:  curl -H \"Authorization: Bearer \$$TOKEN\" http://127.0.0.1:8080/dashboard"

## down: stop the services, Keycloak and Kafka (by pid); PostgreSQL is the machine's and keeps running
down:
	@scripts/services.sh down
	@scripts/keycloak.sh down
	@scripts/kafka.sh down

## token: print an access token for the demo athlete (user demo, password demo)
token:
	@scripts/keycloak.sh token demo demo

## test: every test (unit, @QuarkusTest, contract and end-to-end); exactly what .ci/run runs
test: infra
	$(MVN) verify

## build: package the five services (skipping tests)
build:
	$(MVN) install -DskipTests

build-if-needed:
	@for s in gateway ingestion activity readiness scheduler; do \
	  [ -f $$s-service/target/quarkus-app/quarkus-run.jar ] || { $(MAKE) -s build; break; }; done

infra:
	@scripts/postgres.sh up
	@scripts/kafka.sh up
	@scripts/keycloak.sh up

status:
	@scripts/kafka.sh status; scripts/keycloak.sh status; scripts/services.sh status

## clean-data: delete local Kafka and Keycloak data and logs (stop first with make down)
clean-data:
	rm -rf .run/kafka/data .run/kafka/logs .run/keycloak/keycloak-*/data/h2 .run/services

## bench: every benchmark (end-to-end load, raw Kafka/PostgreSQL baselines, footprint, the bench-* targets below);
## report in bench/results/<UTC date-time>.md and bench/results/latest.md. Own services on 19280-19284, < 20 min.
bench:
	@t0=$$(date +%s); RC_TEST_DB=runningcoach_test_bench $(MAKE) -s infra && \
	  $(MVN) -Pbench package -DskipTests -am \
	    -pl benchmarks,gateway-service,ingestion-service,activity-service,readiness-service,scheduler-service && \
	  BENCH_T0=$$t0 scripts/bench.sh

## bench-readiness: JMH athlete-days/s (one date from a year; a year date by date and in one pass; a plain read of the year) and a year recomputed for 1,000 athletes
bench-readiness:
	$(MVN) -Pbench package -DskipTests -pl benchmarks -am
	java -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main ReadinessEngineBenchmark
	java -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" org.runningcoach.benchmarks.RecomputeYear 1000

## faults: the fault suite: its own PostgreSQL (5442) and Kafka (9192), the packaged services on 19180-19184, a generated load through the gateway with services, broker and database killed mid-load, then a checker (lost/duplicated/mismatched must be 0)
faults:
	@scripts/keycloak.sh up
	$(MVN) -Pfaults package -DskipTests -pl fault-tests -am
	java -cp "fault-tests/target/test-classes:$$(cat fault-tests/target/classpath.txt)" -Drunningcoach.root=$(CURDIR) org.runningcoach.faults.FaultSuite

## bench-import: Apple Health export.xml import rate (1M generated records) through a real ingestion-service, beside a raw StAX read of the same file
bench-import:
	$(MVN) -Pbench package -DskipTests -pl benchmarks,ingestion-service -am
	scripts/bench-import.sh

## bench-activity: a generated 2-hour 1 Hz FIT file through activity-service's parse + metrics + store (p50 ms, samples/s) beside a raw PostgreSQL COPY of the same rows
bench-activity:
	$(MVN) -Pbench package -DskipTests -pl benchmarks -am
	RC_TEST_DB=$${RC_TEST_DB:-runningcoach_test_activity} java -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" org.runningcoach.benchmarks.ActivityStoreBenchmark 40 10
