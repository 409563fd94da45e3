package org.runningcoach.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The repository on disk: service modules, their properties and Dockerfiles. */
final class Repo {
  static final Path ROOT = findRoot();
  static final Path CHART = ROOT.resolve("helm/runningcoach");
  static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  static final Path DOT_ENV = ROOT.resolve(".env");

  private Repo() {}

  private static Path findRoot() {
    String configured = System.getProperty("runningcoach.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("helm")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root (with helm/ and pom.xml) above " + start);
  }

  /** Every top-level module directory named *-service that has a pom.xml. */
  static List<String> serviceModules() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().endsWith("-service"))
          .filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
          .map(d -> d.getFileName().toString())
          .sorted(Comparator.naturalOrder())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path dockerfile(String module) {
    return ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
  }

  static Properties applicationProperties(String module) {
    return load(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
  }

  /** Defaults shared by the stateful services through the service-support library. */
  static Properties serviceSupportProperties() {
    return load(ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"));
  }

  static boolean dependsOnServiceSupport(String module) {
    return read(ROOT.resolve(module).resolve("pom.xml")).contains("<artifactId>service-support</artifactId>");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
