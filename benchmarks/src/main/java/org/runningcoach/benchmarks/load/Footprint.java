package org.runningcoach.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Resident memory from /proc/&lt;pid&gt;/status (VmRSS): of each service, and of the whole system —
 * the five services, Kafka, Keycloak and every PostgreSQL process (the postmaster, its helpers and
 * backends; their shared buffers are counted once per process that touched them, so that sum is an
 * upper bound). A sampler keeps the highest total seen while it runs.
 */
final class Footprint implements AutoCloseable {

  private final Map<String, Long> services;
  private final Map<String, Long> infra;
  private final Map<String, Long> peak = new ConcurrentHashMap<>();
  private volatile boolean sampling;
  private Thread sampler;

  Footprint(Map<String, Long> services, Map<String, Long> infra) {
    this.services = services;
    this.infra = infra;
  }

  /** VmRSS in MB, or -1 when the process is gone. */
  static double rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended
    }
    return -1;
  }

  Map<String, Double> services() {
    Map<String, Double> m = new LinkedHashMap<>();
    services.forEach((name, pid) -> m.put(name, rssMb(pid)));
    return m;
  }

  /** The parts of the whole system now: services (together), kafka, keycloak, postgresql. */
  Map<String, Double> system() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("five services", services.values().stream().mapToDouble(Footprint::rssMb).filter(v -> v > 0).sum());
    infra.forEach((name, pid) -> m.put(name, rssMb(pid)));
    m.put("postgresql (all its processes)", postgres());
    return m;
  }

  private static double postgres() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).mapToDouble(p -> {
        try {
          return "postgres".equals(Files.readString(p.resolve("comm")).trim())
              ? rssMb(Long.parseLong(p.getFileName().toString())) : 0;
        } catch (IOException | RuntimeException gone) {
          return 0;
        }
      }).filter(v -> v > 0).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** CPU seconds (user + system) a process has used, from /proc/&lt;pid&gt;/stat; 0 when it is gone. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** CPU seconds used so far by each part: the services one by one, kafka, keycloak, postgresql, this driver. */
  Map<String, Double> cpu() {
    Map<String, Double> m = new LinkedHashMap<>();
    services.forEach((name, pid) -> m.put(name, cpuSeconds(pid)));
    infra.forEach((name, pid) -> m.put(name, cpuSeconds(pid)));
    double pg = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)) {
          try {
            if ("postgres".equals(Files.readString(p.resolve("comm")).trim())) {
              pg += cpuSeconds(Long.parseLong(name));
            }
          } catch (IOException | RuntimeException gone) {
            // ended meanwhile
          }
        }
      }
    } catch (IOException e) {
      pg = -1;
    }
    m.put("postgresql", pg);
    m.put("driver", cpuSeconds(ProcessHandle.current().pid()));
    return m;
  }

  /** Starts keeping the highest total (and its parts) seen every second. */
  void startSampling() {
    sampling = true;
    sampler = new Thread(() -> {
      while (sampling) {
        Map<String, Double> now = system();
        double total = now.values().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).sum();
        if (total > peak.getOrDefault("total", 0L)) {
          peak.put("total", (long) total);
          now.forEach((k, v) -> peak.put(k, (long) (double) v));
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The highest total seen with its parts, in MB. */
  Map<String, Long> peak() {
    return Map.copyOf(peak);
  }

  @Override
  public void close() throws InterruptedException {
    sampling = false;
    if (sampler != null) {
      sampler.join(3000);
    }
  }
}
