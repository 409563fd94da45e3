package org.runningcoach.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml as plain maps (anchors and merge keys resolved by SnakeYAML). */
final class Compose {
  private final Map<String, Object> root;

  private Compose(Map<String, Object> root) {
    this.root = root;
  }

  static Compose load() {
    return new Compose(new Yaml().load(Repo.read(Repo.COMPOSE)));
  }

  Map<String, Object> services() {
    return map(root, "services");
  }

  Map<String, Object> service(String name) {
    Map<String, Object> s = map(services(), name);
    if (s == null) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return s;
  }

  Map<String, Object> configs() {
    return map(root, "configs");
  }

  Set<String> envNames(String service) {
    Map<String, Object> env = map(service(service), "environment");
    return env == null ? Set.of() : new TreeSet<>(env.keySet());
  }

  Map<String, Object> environment(String service) {
    Map<String, Object> env = map(service(service), "environment");
    return env == null ? Map.of() : env;
  }

  /** Container ports: the container side of `ports` entries and the `expose` entries. */
  Set<Integer> containerPorts(String service) {
    Set<Integer> ports = new TreeSet<>();
    for (Object p : list(service(service), "ports")) {
      String[] parts = p.toString().split(":");
      ports.add(Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", "")));
    }
    for (Object p : list(service(service), "expose")) {
      ports.add(Integer.parseInt(p.toString()));
    }
    return ports;
  }

  List<Object> list(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v == null) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) v;
    return l;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }
}
