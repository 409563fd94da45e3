package org.runningcoach.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The Helm chart, linted and rendered by a real Helm (helm-java), parsed into typed fabric8 objects. */
final class Chart {
  static final String RELEASE = "rc";
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private Chart() {}

  static LintResult lint() {
    return new Helm(Repo.CHART).lint().strict().call();
  }

  /** helm template rc helm/runningcoach --set k=v ... */
  static Rendered render(Map<String, Object> values) {
    var template = new Helm(Repo.CHART).template().withName(RELEASE).withNamespace("runningcoach");
    values.forEach(template::set);
    return parse(template.call());
  }

  /** helm template rc helm/runningcoach -f helm/runningcoach/ci/<file> */
  static Rendered renderWith(String ciValuesFile) {
    return parse(new Helm(Repo.CHART).template().withName(RELEASE).withNamespace("runningcoach")
        .withValuesFile(Repo.CHART.resolve("ci").resolve(ciValuesFile)).call());
  }

  private static Rendered parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : DOCUMENT_SEPARATOR.split(manifest)) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      objects.add(YAML.unmarshal(doc, HasMetadata.class));
    }
    return new Rendered(manifest, objects);
  }

  static Rendered render() {
    return render(Map.of());
  }

  record Rendered(String manifest, List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
      List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
      if (found.size() != 1) {
        throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + ", found " + found.size());
      }
      return found.get(0);
    }

    /** Objects of a kind fabric8 has no class for (KafkaTopic, ServiceMonitor). */
    List<GenericKubernetesResource> custom(String kind) {
      return objects.stream()
          .filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
          .map(GenericKubernetesResource.class::cast)
          .toList();
    }

    List<String> names(Class<? extends HasMetadata> type) {
      return all(type).stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }

    Container container(String service) {
      List<Container> containers = one(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers();
      if (containers.size() != 1) {
        throw new AssertionError(service + " should run one container, runs " + containers.size());
      }
      return containers.get(0);
    }

    /**
     * The settings a service's container gets, by env var name: the keys of the ConfigMaps it
     * loads with envFrom (value = the value) and its env entries (value = the literal value, or
     * "secret:<name>/<key>" for a secretKeyRef).
     */
    Map<String, String> environment(String service) {
      Container c = container(service);
      Map<String, String> env = new LinkedHashMap<>();
      c.getEnvFrom().forEach(source -> {
        if (source.getConfigMapRef() != null) {
          env.putAll(one(ConfigMap.class, source.getConfigMapRef().getName()).getData());
        }
      });
      for (EnvVar e : c.getEnv()) {
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
          var ref = e.getValueFrom().getSecretKeyRef();
          env.put(e.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
        } else {
          env.put(e.getName(), e.getValue());
        }
      }
      return env;
    }

    Set<String> envNames(String service) {
      return new TreeSet<>(environment(service).keySet());
    }

    int port(String service) {
      return container(service).getPorts().get(0).getContainerPort();
    }
  }
}
