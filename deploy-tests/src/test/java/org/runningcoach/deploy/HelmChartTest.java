package org.runningcoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.Topics;

class HelmChartTest {

  static final List<String> SERVICES =
      List.of("activity-service", "gateway-service", "ingestion-service", "readiness-service", "scheduler-service");
  static final String GATEWAY = "gateway-service";
  static final Chart.Rendered DEFAULTS = Chart.render();

  @Test
  void chartPassesHelmLintInStrictMode() {
    var result = Chart.lint();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void everyServiceGetsItsDeploymentServiceConfigAutoscalerDisruptionBudgetAndNetworkPolicy() {
    assertThat(DEFAULTS.names(Deployment.class)).containsExactlyElementsOf(SERVICES);
    assertThat(DEFAULTS.names(Service.class)).containsExactlyElementsOf(SERVICES);
    assertThat(DEFAULTS.names(HorizontalPodAutoscaler.class)).containsExactlyElementsOf(SERVICES);
    assertThat(DEFAULTS.names(PodDisruptionBudget.class)).containsExactlyElementsOf(SERVICES);
    assertThat(DEFAULTS.names(ConfigMap.class))
        .containsExactlyElementsOf(SERVICES.stream().map(s -> s + "-config").toList());
    assertThat(DEFAULTS.names(NetworkPolicy.class))
        .containsAll(SERVICES)
        .hasSize(SERVICES.size() + 1);
  }

  @Test
  void autoscalersAndDisruptionBudgetsKeepAtLeastOnePodThroughADrain() {
    for (String s : SERVICES) {
      var hpa = DEFAULTS.one(HorizontalPodAutoscaler.class, s);
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(s);
      assertThat(hpa.getSpec().getMinReplicas()).as(s).isGreaterThanOrEqualTo(2);
      assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());

      var pdb = DEFAULTS.one(PodDisruptionBudget.class, s);
      assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as(s).isPositive().isLessThan(hpa.getSpec().getMinReplicas());
      assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", s);
      assertThat(DEFAULTS.one(Deployment.class, s).getSpec().getTemplate().getMetadata().getLabels())
          .as("the budget selects %s's pods", s)
          .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void everyContainerIsProbedOnTheQuarkusHealthEndpointsOfItsOwnPort() {
    for (String s : SERVICES) {
      Container c = DEFAULTS.container(s);
      assertThat(c.getStartupProbe().getHttpGet().getPath()).as(s).isEqualTo("/q/health/started");
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(s).isEqualTo("/q/health/live");
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(s).isEqualTo("/q/health/ready");
      String portName = c.getPorts().get(0).getName();
      assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
          .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo(portName));
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).containsKey("memory");
    }
  }

  @Test
  void everyContainerRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
    for (String s : SERVICES) {
      PodSpec pod = DEFAULTS.one(Deployment.class, s).getSpec().getTemplate().getSpec();
      Container c = DEFAULTS.container(s);
      var sc = c.getSecurityContext();
      assertThat(sc.getRunAsNonRoot()).as(s).isTrue();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(s).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(s).isPositive();
      assertThat(sc.getReadOnlyRootFilesystem()).as(s).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).as(s).isFalse();
      assertThat(sc.getCapabilities().getDrop()).as(s).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd()).as(s).isNullOrEmpty();
      var tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow();
      assertThat(pod.getVolumes()).as(s)
          .anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmp.getName());
            assertThat(v.getEmptyDir()).isNotNull();
          });
      assertThat(pod.getAutomountServiceAccountToken()).as(s).isFalse();
    }
  }

  @Test
  void uploadedImportsWaitOnAVolumeOfTheirOwnRatherThanTheSmallTmp() {
    Container c = DEFAULTS.container("ingestion-service");
    var mount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/imports")).findFirst().orElseThrow();
    PodSpec pod = DEFAULTS.one(Deployment.class, "ingestion-service").getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo(mount.getName());
      assertThat(v.getEmptyDir().getSizeLimit().toString()).isEqualTo("5Gi");
    });
    assertThat(DEFAULTS.environment("ingestion-service")).containsEntry("INGESTION_IMPORT_DIR", "/imports");
    assertThat(ComposeFileTest.COMPOSE.environment("ingestion-service").get("INGESTION_IMPORT_DIR")).hasToString("/imports");
    assertThat(ComposeFileTest.COMPOSE.service("ingestion-service").get("volumes").toString()).contains(":/imports");
  }

  @Test
  void eachKubernetesServiceSendsItsPortToTheContainerPort() {
    for (String s : SERVICES) {
      var port = DEFAULTS.one(Service.class, s).getSpec().getPorts().get(0);
      assertThat(port.getPort()).as(s).isEqualTo(DEFAULTS.port(s));
      assertThat(port.getTargetPort().getStrVal()).isEqualTo(DEFAULTS.container(s).getPorts().get(0).getName());
      assertThat(DEFAULTS.one(Service.class, s).getSpec().getType()).isEqualTo("ClusterIP");
    }
  }

  @Test
  void theGatewayFindsEachServiceByItsKubernetesServiceNameAndPort() {
    Map<String, String> env = DEFAULTS.environment(GATEWAY);
    for (String s : SERVICES) {
      if (s.equals(GATEWAY)) {
        continue;
      }
      String var = "RUNNINGCOACH_SERVICES_" + s.replace("-service", "").toUpperCase();
      int port = DEFAULTS.one(Service.class, s).getSpec().getPorts().get(0).getPort();
      assertThat(env).containsEntry(var, "http://" + s + ":" + port);
    }
  }

  @Test
  void containersListenOnAllInterfaces() {
    for (String s : SERVICES) {
      assertThat(DEFAULTS.environment(s)).as(s).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    }
  }

  @Test
  void onlyTheGatewayAdmitsTrafficFromOutsideTheRelease() {
    for (String s : SERVICES) {
      List<NetworkPolicyIngressRule> rules = DEFAULTS.one(NetworkPolicy.class, s).getSpec().getIngress();
      assertThat(rules).as(s).isNotEmpty();
      boolean fromOutside = rules.stream().anyMatch(HelmChartTest::admitsOutsiders);
      assertThat(fromOutside).as("%s reachable from outside the release", s).isEqualTo(s.equals(GATEWAY));
      if (!s.equals(GATEWAY)) {
        assertThat(rules).flatExtracting(NetworkPolicyIngressRule::getFrom)
            .allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", GATEWAY));
      }
    }
    assertThat(DEFAULTS.one(NetworkPolicy.class, GATEWAY).getSpec().getIngress())
        .flatExtracting(NetworkPolicyIngressRule::getFrom)
        .anySatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull());
  }

  @Test
  void everythingElseIsDeniedByDefault() {
    NetworkPolicy deny = DEFAULTS.one(NetworkPolicy.class, Chart.RELEASE + "-default-deny");
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    Map<String, String> selector = deny.getSpec().getPodSelector().getMatchLabels();
    for (String s : SERVICES) {
      assertThat(DEFAULTS.one(Deployment.class, s).getSpec().getTemplate().getMetadata().getLabels())
          .as("default deny selects %s", s)
          .containsAllEntriesOf(selector);
    }
  }

  @Test
  void theGatewayReachesTheFourServicesAndTheyReachKafkaPostgresqlAndTheIdentityProvider() {
    List<NetworkPolicyEgressRule> gateway = DEFAULTS.one(NetworkPolicy.class, GATEWAY).getSpec().getEgress();
    for (String s : SERVICES) {
      if (s.equals(GATEWAY)) {
        continue;
      }
      assertThat(gateway).as("gateway -> %s", s).anySatisfy(rule -> {
        assertThat(rule.getTo()).isNotNull().anySatisfy(p -> assertThat(p.getPodSelector()).isNotNull()
            .satisfies(sel -> assertThat(sel.getMatchLabels()).containsEntry("app.kubernetes.io/name", s)));
        assertThat(rule.getPorts()).anySatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(DEFAULTS.port(s)));
      });
      Set<Integer> ports = egressPorts(DEFAULTS.one(NetworkPolicy.class, s));
      assertThat(ports).as("%s reaches DNS, Kafka, PostgreSQL and the identity provider", s)
          .contains(53, 9092, 5432, 443);
    }
    // Kafka: the gateway reads user-data-erased (an erased athlete's earlier tokens are refused).
    assertThat(egressPorts(DEFAULTS.one(NetworkPolicy.class, GATEWAY)))
        .as("the gateway talks to Kafka but never to PostgreSQL")
        .contains(53, 443, 9092)
        .doesNotContain(5432);
  }

  @Test
  void aDefaultInstallHasNoKafkaTopicsServiceMonitorsOrIngress() {
    assertThat(DEFAULTS.custom("KafkaTopic")).isEmpty();
    assertThat(DEFAULTS.custom("ServiceMonitor")).isEmpty();
    assertThat(DEFAULTS.all(Ingress.class)).isEmpty();
  }

  @Test
  void withStrimziEveryEventTopicAndItsDeadLetterTopicIsAKafkaTopicWithTheConfiguredPartitions() throws Exception {
    var r = Chart.render(Map.of("kafka.strimzi.enabled", true, "kafka.strimzi.partitions", 12,
        "kafka.strimzi.clusterName", "events"));
    List<GenericKubernetesResource> topics = r.custom("KafkaTopic");
    Set<String> expected = new TreeSet<>();
    for (String t : eventTopics()) {
      expected.add(t);
      expected.add(t + Topics.DLQ_SUFFIX);
    }
    assertThat(topics).extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(expected);
    for (var t : topics) {
      assertThat(t.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
      assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "events");
      boolean dlq = t.getMetadata().getName().endsWith(Topics.DLQ_SUFFIX);
      Object partitions = t.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? spec.get("partitions") : null;
      if (!dlq) {
        assertThat(partitions).as(t.getMetadata().getName()).isEqualTo(12);
      } else {
        assertThat(partitions).as(t.getMetadata().getName()).isNotNull();
      }
    }
  }

  @Test
  void withServiceMonitorsPrometheusScrapesEveryServiceOnQuarkusMetrics() {
    var r = Chart.render(Map.of("metrics.serviceMonitor.enabled", true));
    List<GenericKubernetesResource> monitors = r.custom("ServiceMonitor");
    assertThat(monitors).extracting(m -> m.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
    for (var m : monitors) {
      assertThat(m.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
      @SuppressWarnings("unchecked")
      var spec = (Map<String, Object>) m.getAdditionalProperties().get("spec");
      @SuppressWarnings("unchecked")
      var endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
      assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("port", "http");
      String name = m.getMetadata().getName();
      assertThat(r.one(Service.class, name).getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
      // The scrape must get through the service's NetworkPolicy.
      assertThat(r.one(NetworkPolicy.class, name).getSpec().getIngress())
          .anySatisfy(rule -> assertThat(rule.getFrom()).anySatisfy(p -> assertThat(p.getNamespaceSelector()).isNotNull()));
    }
  }

  @Test
  void theIngressExposesTheGatewayOnly() {
    var r = Chart.render(Map.of("ingress.enabled", true, "ingress.host", "api.example.org", "ingress.tlsSecretName", "api-tls"));
    List<Ingress> ingresses = r.all(Ingress.class);
    assertThat(ingresses).hasSize(1);
    var rule = ingresses.get(0).getSpec().getRules().get(0);
    assertThat(rule.getHost()).isEqualTo("api.example.org");
    var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
    assertThat(backend.getName()).isEqualTo(GATEWAY);
    assertThat(backend.getPort().getNumber()).isEqualTo(r.port(GATEWAY));
    assertThat(ingresses.get(0).getSpec().getTls().get(0).getSecretName()).isEqualTo("api-tls");
  }

  @Test
  void existingSecretsAreReferencedAndNoSecretIsCreated() {
    Map<String, Object> values = new HashMap<>();
    values.put("oidc.existingSecret", "idp");
    values.put("encryption.existingSecret", "master-keys");
    values.put("garmin.existingSecret", "garmin-webhook");
    values.put("garmin.signingSecret", "leftover");
    // Values left behind from a quick start must not be rendered once a Secret is referenced.
    // (Given values make ordinary Secrets; only generated ones are install hooks.)
    values.put("encryption.masterKey", "bGVmdG92ZXI=");
    for (String s : SERVICES) {
      if (!s.equals(GATEWAY)) {
        values.put("services." + s + ".database.existingSecret", "pg-" + s);
        values.put("services." + s + ".database.password", "leftover");
      }
    }
    var r = Chart.render(values);
    assertThat(r.all(Secret.class)).isEmpty();
    for (String s : SERVICES) {
      Map<String, String> env = r.environment(s);
      assertThat(env).containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "secret:idp/auth-server-url");
      if (!s.equals(GATEWAY)) {
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:pg-" + s + "/password");
      }
    }
    assertThat(r.environment("ingestion-service"))
        .containsEntry("RUNNINGCOACH_ENCRYPTION_MASTER_KEY", "secret:master-keys/master-key")
        .containsEntry("GARMIN_CONSUMER_KEY", "secret:garmin-webhook/consumer-key")
        .containsEntry("GARMIN_SIGNING_SECRET", "secret:garmin-webhook/signing-secret");
  }

  @Test
  void garminWebhookCredentialsComeFromTheChartsSecretOnlyForTheServiceThatTakesTheWebhook() {
    var r = Chart.render(Map.of("garmin.consumerKey", "our-consumer-key", "garmin.signingSecret", "our-signing-secret"));
    Secret garmin = r.one(Secret.class, Chart.RELEASE + "-garmin");
    assertThat(new String(Base64.getDecoder().decode(garmin.getData().get("consumer-key")), StandardCharsets.UTF_8))
        .isEqualTo("our-consumer-key");
    for (String s : SERVICES) {
      Map<String, String> env = r.environment(s);
      if (s.equals("ingestion-service")) {
        assertThat(env).containsEntry("GARMIN_CONSUMER_KEY", "secret:" + Chart.RELEASE + "-garmin/consumer-key")
            .containsEntry("GARMIN_SIGNING_SECRET", "secret:" + Chart.RELEASE + "-garmin/signing-secret");
      } else {
        assertThat(env).as(s).doesNotContainKeys("GARMIN_CONSUMER_KEY", "GARMIN_SIGNING_SECRET");
      }
    }
    for (HasMetadata o : r.objects()) {
      if (!(o instanceof Secret)) {
        assertThat(o.toString()).as(o.getKind() + " " + o.getMetadata().getName()).doesNotContain("our-signing-secret");
      }
    }
    // Left empty, both are generated once at install by a pre-install hook (which helm-java's template leaves
    // out): the webhook refuses every sender until they are set, and the service still reads them from the Secret.
    assertThat(DEFAULTS.environment("ingestion-service"))
        .containsEntry("GARMIN_CONSUMER_KEY", "secret:" + Chart.RELEASE + "-garmin/consumer-key")
        .containsEntry("GARMIN_SIGNING_SECRET", "secret:" + Chart.RELEASE + "-garmin/signing-secret");
  }

  @Test
  void aPasswordGivenAsAValueLivesOnlyInTheChartsSecret() {
    String password = "s3cret-Pw-9";
    String key = Base64.getEncoder().encodeToString("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    var r = Chart.render(Map.of("services.readiness-service.database.password", password, "encryption.masterKey", key));
    Secret db = r.one(Secret.class, Chart.RELEASE + "-readiness-service-db");
    assertThat(new String(Base64.getDecoder().decode(db.getData().get("password")), StandardCharsets.UTF_8)).isEqualTo(password);
    assertThat(r.environment("readiness-service"))
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:" + Chart.RELEASE + "-readiness-service-db/password");
    for (HasMetadata o : r.objects()) {
      if (!(o instanceof Secret)) {
        assertThat(o.toString()).as(o.getKind() + " " + o.getMetadata().getName()).doesNotContain(password).doesNotContain(key);
      }
    }
  }

  @Test
  void secretsTheChartGeneratesAreNeverRenderedAsPlainValues() {
    // Generated database passwords and the master key are pre-install hooks (created once, kept
    // on upgrade): the services still read them through secretKeyRef, never from a ConfigMap.
    for (String s : SERVICES) {
      Map<String, String> env = DEFAULTS.environment(s);
      env.forEach((name, value) -> {
        if (name.endsWith("PASSWORD") || name.endsWith("KEY") || name.startsWith("QUARKUS_OIDC_")) {
          assertThat(value).as("%s of %s", name, s).startsWith("secret:");
        }
      });
    }
    for (ConfigMap cm : DEFAULTS.all(ConfigMap.class)) {
      assertThat(cm.getData().keySet()).noneMatch(k -> k.endsWith("PASSWORD") || k.endsWith("MASTER_KEY"));
    }
  }

  @Test
  void aMistypedServiceSettingIsRejectedInsteadOfSilentlyIgnored() {
    assertThatThrownBy(() -> Chart.render(Map.of("services.gateway-service.prot", 9090)))
        .hasMessageContaining("prot");
    assertThatThrownBy(() -> Chart.render(Map.of("services.readiness-service.config.quarkus_log_level", "DEBUG")))
        .as("settings are env vars in Quarkus env form")
        .hasMessageContaining("quarkus_log_level");
  }

  static List<String> eventTopics() throws IllegalAccessException {
    List<String> topics = new ArrayList<>();
    for (var f : Topics.class.getFields()) {
      if (f.getType() == String.class && !f.getName().equals("DLQ_SUFFIX")) {
        topics.add((String) f.get(null));
      }
    }
    return topics;
  }

  private static boolean admitsOutsiders(NetworkPolicyIngressRule rule) {
    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
      return true;
    }
    return rule.getFrom().stream().anyMatch(p -> p.getNamespaceSelector() != null || p.getIpBlock() != null
        || p.getPodSelector() == null);
  }

  private static Set<Integer> egressPorts(NetworkPolicy policy) {
    return policy.getSpec().getEgress().stream()
        .flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal())
        .filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
