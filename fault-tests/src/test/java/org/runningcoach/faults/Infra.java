package org.runningcoach.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The suite's own infrastructure: a private PostgreSQL cluster (5442) and Kafka broker
 * (9192/9193) under .run/faults, created fresh each run by the project's own scripts, and the
 * five packaged services on 19180-19184 pointed at them. Only the shared Keycloak is borrowed,
 * so killing and restarting any of this hurts nobody else.
 */
final class Infra implements AutoCloseable {

  static final int PG_PORT = 5442;
  static final int KAFKA_PORT = 9192;
  static final String DB = "runningcoach_faults";
  static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
  static final String JDBC = "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + DB;
  static final String GATEWAY = "http://127.0.0.1:19180";

  final Path root;
  final Path dir;
  final Path logs;
  final Map<String, Service> services = new LinkedHashMap<>();

  Infra() {
    root = Path.of(System.getProperty("runningcoach.root", "..")).toAbsolutePath().normalize();
    dir = root.resolve(".run/faults");
    logs = root.resolve("fault-tests/target/fault-logs");
  }

  void start() throws Exception {
    Files.createDirectories(logs);
    // A previous run's cluster and broker go first: every run starts from empty storage.
    script("postgres.sh", "down");
    script("kafka.sh", "down");
    deleteTree(dir);
    Files.createDirectories(dir);
    script("postgres.sh", "up");
    script("kafka.sh", "up");

    String db = "127.0.0.1:" + PG_PORT + "/" + DB;
    List<String> stateful = List.of(
        "-Dquarkus.datasource.reactive.url=postgresql://" + db,
        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + db,
        "-Dkafka.bootstrap.servers=" + BOOTSTRAP,
        // a fixed test master key for the sealed columns (the same as the %test profile's), never a production one
        "-Drunningcoach.encryption.master-key=dGVzdC1tYXN0ZXIta2V5LWZvci1ydW5uaW5nY29hY2g=");
    add("ingestion-service", 19181, stateful);
    add("activity-service", 19182, stateful);
    add("readiness-service", 19183, stateful);
    add("scheduler-service", 19184, stateful);
    add("gateway-service", 19180, List.of(
        "-Drunningcoach.services.ingestion=http://127.0.0.1:19181",
        "-Drunningcoach.services.activity=http://127.0.0.1:19182",
        "-Drunningcoach.services.readiness=http://127.0.0.1:19183",
        "-Drunningcoach.services.scheduler=http://127.0.0.1:19184",
        // the gateway reads user-data-erased (erased athletes' tokens) from the suite's own broker
        "-Dkafka.bootstrap.servers=" + BOOTSTRAP,
        // the workload is many athletes from one client; the per-athlete limit is not under test
        "-Drunningcoach.rate-limit.enabled=false",
        "-Drunningcoach.limits.webhook.enabled=false"));
    for (Service s : services.values()) {
      s.start();
    }
    for (Service s : services.values()) {
      s.awaitReady();
    }
  }

  private void add(String name, int port, List<String> properties) {
    Path jar = root.resolve(name + "/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: package the services first (make faults does)");
    }
    List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.port=" + port));
    command.addAll(properties);
    command.addAll(List.of("-jar", jar.toString()));
    services.put(name, new Service(name, port, command, logs.resolve(name + ".log")));
  }

  Service service(String name) {
    return services.get(name);
  }

  /** Runs one of the project's scripts against the suite's own cluster and broker. */
  void script(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/" + script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("infra.log").toFile()));
    pb.environment().put("RC_PG_DATA", dir.resolve("pg").toString());
    pb.environment().put("RC_PG_PORT", String.valueOf(PG_PORT));
    pb.environment().put("RC_DATABASES", DB);
    pb.environment().put("RC_KAFKA_DIR", dir.resolve("kafka").toString());
    pb.environment().put("RC_KAFKA_PORT", String.valueOf(KAFKA_PORT));
    pb.environment().put("RC_KAFKA_CONTROLLER_PORT", String.valueOf(KAFKA_PORT + 1));
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("scripts/" + script + " " + String.join(" ", args) + " failed; see " + logs.resolve("infra.log"));
    }
  }

  @Override
  public void close() throws Exception {
    List<Service> reversed = new ArrayList<>(services.values());
    java.util.Collections.reverse(reversed);
    for (Service s : reversed) {
      s.term();
    }
    script("kafka.sh", "down");
    script("postgres.sh", "down");
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One service process: started, killed (SIGKILL) or stopped (SIGTERM), restarted with the same command. */
  static final class Service {
    final String name;
    final int port;
    private final List<String> command;
    private final Path log;
    private Process process;

    Service(String name, int port, List<String> command, Path log) {
      this.name = name;
      this.port = port;
      this.command = command;
      this.log = log;
    }

    synchronized void start() throws IOException {
      try (var socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
        throw new IllegalStateException("port " + port + " is taken (a previous fault run still running?)");
      } catch (IOException free) {
        // expected: nothing listens there
      }
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    long pid() {
      return process.pid();
    }

    /** SIGKILL: no shutdown hook, no drain, no offset commit. */
    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Quarkus drains in-flight requests (quarkus.shutdown.timeout) and closes its consumers. */
    void term() throws InterruptedException {
      if (process == null || !process.isAlive()) {
        return;
      }
      process.destroy();
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    void awaitReady() throws InterruptedException {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
          .timeout(Duration.ofSeconds(5)).build();
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"")) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited during start; see " + log);
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException(name + " was not ready within 180 s; see " + log);
    }
  }
}
