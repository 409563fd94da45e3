package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the five packaged services as real processes, once for the whole suite, against the
 * machine's PostgreSQL (database runningcoach_test), the project's Kafka broker and Keycloak
 * (all three started by `make test`). The services use ports 19080-19084 and their own consumer
 * groups, so a `make up` system on the default ports can keep running beside them.
 */
public final class RunningSystem implements BeforeAllCallback, AutoCloseable {


  public static final String GATEWAY = "http://127.0.0.1:19080";
  static final String TOKEN_URL = "http://127.0.0.1:8180/realms/runningcoach/protocol/openid-connect/token";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private static boolean started;
  private static Exception startFailure;
  private final List<Process> processes = new ArrayList<>();

  @Override
  public synchronized void beforeAll(ExtensionContext context) throws Exception {
    if (startFailure != null) {
      throw new IllegalStateException("the system did not start", startFailure);
    }
    if (started) {
      return;
    }
    started = true;
    try {
      start(context);
    } catch (Exception e) {
      startFailure = e;
      throw e;
    }
  }

  static final String TEST_MASTER_KEY = "dGVzdC1tYXN0ZXIta2V5LWZvci1ydW5uaW5nY29hY2g=";

  private void start(ExtensionContext context) throws Exception {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSystem.class.getName(), this);
    Path root = Path.of(System.getProperty("runningcoach.root", ".."));
    Path logs = root.resolve("e2e-tests/target/e2e-logs");
    Files.createDirectories(logs);

    String db = "127.0.0.1:5432/" + System.getenv().getOrDefault("RC_TEST_DB", "runningcoach_test");
    Map<String, Map<String, String>> services = new LinkedHashMap<>();
    // Delete My Data deletes the login too (EraseIT uses a throw-away user, never demo/demo2).
    services.put("ingestion-service", Map.of("quarkus.http.port", "19081",
        "runningcoach.identity-admin.client-secret", "runningcoach-erasure-dev-secret"));
    services.put("activity-service", Map.of("quarkus.http.port", "19082",
        "mp.messaging.incoming.user-data-erased.group.id", "activity-service-e2e",
        "mp.messaging.incoming.activity-reported.group.id", "activity-service-e2e"));
    services.put("readiness-service", Map.of("quarkus.http.port", "19083",
        "mp.messaging.incoming.health-data-received.group.id", "readiness-service-e2e",
        "mp.messaging.incoming.life-event-reported.group.id", "readiness-service-e2e",
        "mp.messaging.incoming.user-data-erased.group.id", "readiness-service-e2e"));
    services.put("scheduler-service", Map.of("quarkus.http.port", "19084",
        "mp.messaging.incoming.body-state-computed.group.id", "scheduler-service-e2e",
        "mp.messaging.incoming.life-event-reported.group.id", "scheduler-service-e2e",
        "mp.messaging.incoming.user-data-erased.group.id", "scheduler-service-e2e"));
    services.put("gateway-service", Map.of("quarkus.http.port", "19080",
        "runningcoach.services.ingestion", "http://127.0.0.1:19081",
        "runningcoach.services.activity", "http://127.0.0.1:19082",
        "runningcoach.services.readiness", "http://127.0.0.1:19083",
        "runningcoach.services.scheduler", "http://127.0.0.1:19084"));

    startGroupsAtTheEnd(services);
    for (var service : services.entrySet()) {
      Path jar = root.resolve(service.getKey() + "/target/quarkus-app/quarkus-run.jar");
      if (!Files.exists(jar)) {
        throw new IllegalStateException(jar + " is missing: package the services first (mvn verify does)");
      }
      List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
      if (!service.getKey().equals("gateway-service")) {
        command.add("-Dquarkus.datasource.reactive.url=postgresql://" + db);
        command.add("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + db);
        // A fixed test master key (the same as the %test profile's), never a production one.
        command.add("-Drunningcoach.encryption.master-key=" + TEST_MASTER_KEY);
      }
      service.getValue().forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(List.of("-jar", jar.toString()));
      processes.add(new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(logs.resolve(service.getKey() + ".log").toFile())
          .start());
    }
    for (var service : services.entrySet()) {
      awaitReady(service.getKey(), service.getValue().get("quarkus.http.port"), logs);
    }
  }

  /**
   * The suite's consumer groups start at the current end of their topics, so the services see only
   * the events of this run, not a backlog left on a shared broker by other runs (a benchmark, another
   * checkout's suite): on a fresh broker this changes nothing.
   */
  private static void startGroupsAtTheEnd(Map<String, Map<String, String>> services) throws Exception {
    Map<String, List<String>> topicsByGroup = new LinkedHashMap<>();
    services.values().forEach(config -> config.forEach((key, value) -> {
      if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
        String topic = key.substring("mp.messaging.incoming.".length(), key.length() - ".group.id".length());
        topicsByGroup.computeIfAbsent(value, g -> new ArrayList<>()).add(topic);
      }
    }));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
      for (var group : topicsByGroup.entrySet()) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(group.getValue()).allTopicNames().get().values()) {
          description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()),
              OffsetSpec.latest()));
        }
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition,
            new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(group.getKey(), ends).all().get();
      }
    }
  }

  private void awaitReady(String name, String port, Path logs) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("a service process exited during start; see " + logs);
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; see " + logs);
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** A real access token for a realm user (the password is the username in the dev realm). */
  public static String tokenFor(String username) {
    return given().formParam("grant_type", "password").formParam("client_id", "runningcoach-app")
        .formParam("username", username).formParam("password", username)
        .post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
  }
}
