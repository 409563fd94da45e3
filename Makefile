# RunningCoach backend: `make up` starts everything, `make test` runs every test.
SHELL := /bin/bash
MVN ?= mvn -B -q

.PHONY: up down token test build infra status clean-data bench-readiness bench-activity

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

## bench-readiness: JMH (one athlete-day from a year of history, beside a plain read of that year) and a year recomputed for 1,000 athletes
bench-readiness:
	$(MVN) -Pbench install -DskipTests -pl benchmarks -am
	java -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main ReadinessEngineBenchmark
	java -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" org.runningcoach.benchmarks.RecomputeYear 1000

## bench-activity: a generated 2-hour 1 Hz FIT file through activity-service's parse + metrics + store (p50 ms, samples/s) beside a raw PostgreSQL COPY of the same rows
bench-activity:
	$(MVN) -Pbench package -DskipTests -pl benchmarks -am
	RC_TEST_DB=$${RC_TEST_DB:-runningcoach_test_activity} java -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" org.runningcoach.benchmarks.ActivityStoreBenchmark 40 10
