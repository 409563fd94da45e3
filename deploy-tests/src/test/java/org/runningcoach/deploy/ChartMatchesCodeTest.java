package org.runningcoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart (and so compose, which must match it) against the services' own code and config. */
class ChartMatchesCodeTest {

  static final Chart.Rendered CHART = HelmChartTest.DEFAULTS;

  /**
   * Documented Quarkus properties the chart may set although no properties file of the service
   * names them (they have built-in defaults).
   */
  static final Set<String> DOCUMENTED_PROPERTIES = Set.of("quarkus.log.level");

  /**
   * Settings the deployment already provides for a feature still being built. Each entry is
   * removed when a service reads it (a test below fails as soon as one does, as a reminder).
   */
  static final Set<String> PENDING_PROPERTIES = Set.of();

  @Test
  void everyServiceModuleHasAChartEntryAComposeServiceAndADockerfile() {
    var modules = Repo.serviceModules();
    assertThat(modules).as("service modules in the repository").isNotEmpty();
    assertThat(CHART.names(Deployment.class))
        .as("a new *-service module needs an entry in helm/runningcoach/values.yaml (services:) and docker-compose.yml")
        .containsExactlyElementsOf(modules);
    for (String m : modules) {
      assertThat(Repo.dockerfile(m)).as(m).exists();
      assertThat(ComposeFileTest.COMPOSE.services()).as("docker-compose.yml").containsKey(m);
      assertThat(Repo.read(Repo.ROOT.resolve("pom.xml"))).as("root pom modules").contains("<module>" + m + "</module>");
    }
  }

  @Test
  void theChartPortIsTheServicesQuarkusHttpPort() {
    for (String m : Repo.serviceModules()) {
      String port = Repo.applicationProperties(m).getProperty("quarkus.http.port");
      assertThat(port).as("quarkus.http.port of %s", m).isNotNull();
      assertThat(CHART.port(m)).as(m).isEqualTo(Integer.parseInt(port.trim()));
    }
  }

  @Test
  void eachDockerfileRunsTheFastJarAsANonRootUserAndExposesTheServicePort() {
    for (String m : Repo.serviceModules()) {
      String dockerfile = Repo.read(Repo.dockerfile(m));
      assertThat(dockerfile).as(m).containsPattern("(?m)^EXPOSE " + CHART.port(m) + "$");
      assertThat(dockerfile).as(m).contains("target/quarkus-app/lib/", "target/quarkus-app/app/",
          "target/quarkus-app/quarkus/", "quarkus-run.jar");
      Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
      assertThat(user.find()).as("%s sets a USER", m).isTrue();
      assertThat(user.group(1)).as(m).isNotIn("root", "0");
      var pod = CHART.one(Deployment.class, m).getSpec().getTemplate().getSpec().getSecurityContext();
      assertThat(user.group(1)).as("the image's user is the pod's runAsUser").isEqualTo(String.valueOf(pod.getRunAsUser()));
    }
  }

  @Test
  void everyEnvVarTheChartSetsIsAPropertyTheServiceReads() {
    for (String m : Repo.serviceModules()) {
      Set<String> known = new TreeSet<>();
      addEnvForms(known, Repo.applicationProperties(m));
      if (Repo.dependsOnServiceSupport(m)) {
        addEnvForms(known, Repo.serviceSupportProperties());
      }
      DOCUMENTED_PROPERTIES.forEach(p -> known.add(envForm(p)));
      PENDING_PROPERTIES.forEach(p -> known.add(envForm(p)));
      // Any documented attribute of a messaging channel the service declares (mp.messaging.*.<channel>.*).
      Set<String> channelPrefixes = new TreeSet<>();
      for (String k : known) {
        Matcher channel = Pattern.compile("^(MP_MESSAGING_(?:INCOMING|OUTGOING)_.+?)_(?:CONNECTOR|TOPIC)$").matcher(k);
        if (channel.matches()) {
          channelPrefixes.add(channel.group(1) + "_");
        }
      }
      Set<String> unknown = new TreeSet<>(CHART.envNames(m));
      unknown.removeAll(known);
      unknown.removeIf(env -> channelPrefixes.stream().anyMatch(env::startsWith));
      assertThat(unknown)
          .as("env vars of %s that name no property it defines (typo, or a property that was renamed?)", m)
          .isEmpty();
    }
  }

  @Test
  void pendingPropertiesAreStillUnreadSoTheListStaysHonest() {
    for (String pending : PENDING_PROPERTIES) {
      for (String m : Repo.serviceModules()) {
        assertThat(Repo.applicationProperties(m).stringPropertyNames())
            .as("%s now defines %s: move it out of PENDING_PROPERTIES", m, pending)
            .doesNotContain(pending);
      }
      assertThat(Repo.serviceSupportProperties().stringPropertyNames()).doesNotContain(pending);
    }
  }

  @Test
  void theDatabaseRoleInTheChartOwnsTheSchemaTheServiceMigrates() {
    for (String m : Repo.serviceModules()) {
      Properties props = Repo.applicationProperties(m);
      String role = CHART.environment(m).get("QUARKUS_DATASOURCE_USERNAME");
      String schema = props.getProperty("quarkus.flyway.default-schema");
      if (schema == null) {
        assertThat(role).as("%s has no schema, so no database role", m).isNull();
        continue;
      }
      assertThat(role).as(m).isEqualTo(props.getProperty("quarkus.datasource.username")).isEqualTo(schema);
      assertThat(ComposeFileTest.COMPOSE.environment(m).get("QUARKUS_DATASOURCE_USERNAME")).as(m).hasToString(role);
      assertThat(CHART.environment(m).get("QUARKUS_DATASOURCE_PASSWORD")).as(m).startsWith("secret:");
    }
  }

  @Test
  void servicesThatUseKafkaGetTheBootstrapServers() {
    for (String m : Repo.serviceModules()) {
      boolean usesKafka = Repo.dependsOnServiceSupport(m)
          || Repo.read(Repo.ROOT.resolve(m).resolve("pom.xml")).contains("quarkus-messaging-kafka");
      assertThat(CHART.environment(m).containsKey("KAFKA_BOOTSTRAP_SERVERS")).as(m).isEqualTo(usesKafka);
    }
  }

  @Test
  void everyTopicAServiceConsumesOrDeadLettersToIsCreatedWithStrimziAndInCompose() {
    var topics = Chart.render(Map.of("kafka.strimzi.enabled", true)).custom("KafkaTopic").stream()
        .map(t -> t.getMetadata().getName())
        .collect(Collectors.toSet());
    String composeScript = ComposeFileTest.COMPOSE.service("kafka-topics").get("command").toString();
    Pattern topicKey = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)$");
    int checked = 0;
    for (String m : Repo.serviceModules()) {
      Properties props = Repo.applicationProperties(m);
      for (String key : props.stringPropertyNames()) {
        if (topicKey.matcher(key).matches()) {
          String topic = props.getProperty(key).trim();
          assertThat(topics).as("%s of %s", key, m).contains(topic);
          String base = topic.endsWith("-dlq") ? topic.substring(0, topic.length() - 4) : topic;
          assertThat(composeScript).as("compose creates %s", topic).containsPattern("\\b" + base + "\\b");
          checked++;
        }
      }
    }
    assertThat(checked).as("topics named by the services").isPositive();
  }

  static String envForm(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  private static void addEnvForms(Set<String> into, Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (!name.startsWith("%")) {
        into.add(envForm(name));
      }
    }
  }
}
