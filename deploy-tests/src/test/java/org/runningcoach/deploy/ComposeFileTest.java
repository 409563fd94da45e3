package org.runningcoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml runs the same system as the chart: same services, ports and settings. */
class ComposeFileTest {

  static final Compose COMPOSE = Compose.load();
  static final Chart.Rendered CHART = HelmChartTest.DEFAULTS;
  static final List<String> SERVICES = HelmChartTest.SERVICES;

  @Test
  void composeRunsTheSameFiveServicesAsTheChart() {
    Set<String> composeServices = new TreeSet<>(COMPOSE.services().keySet());
    composeServices.removeIf(s -> !s.endsWith("-service"));
    assertThat(composeServices).containsExactlyElementsOf(CHART.names(Deployment.class));
  }

  @Test
  void eachServiceListensOnTheSamePortAsInTheChart() {
    for (String s : SERVICES) {
      assertThat(COMPOSE.containerPorts(s)).as(s).containsExactly(CHART.port(s));
    }
  }

  @Test
  void eachServiceGetsTheSameEnvVarNamesAsInTheChart() {
    for (String s : SERVICES) {
      assertThat(COMPOSE.envNames(s)).as(s).containsExactlyElementsOf(CHART.envNames(s));
    }
  }

  @Test
  void theGatewayFindsTheServicesUnderTheirComposeNamesAndPorts() {
    Map<String, String> chart = CHART.environment(HelmChartTest.GATEWAY);
    Map<String, Object> compose = COMPOSE.environment(HelmChartTest.GATEWAY);
    chart.forEach((name, value) -> {
      if (name.startsWith("RUNNINGCOACH_SERVICES_") && value.startsWith("http://")) {
        // Kubernetes Service names and compose service names are the same, so the URLs are too.
        assertThat(compose.get(name)).as(name).hasToString(value);
      }
    });
    assertThat(compose.get("QUARKUS_HTTP_HOST")).hasToString("0.0.0.0");
  }

  @Test
  void onlyTheGatewayIsPublishedOnTheHost() {
    for (String s : SERVICES) {
      boolean published = !COMPOSE.list(COMPOSE.service(s), "ports").isEmpty();
      assertThat(published).as("%s published on the host", s).isEqualTo(s.equals(HelmChartTest.GATEWAY));
    }
    for (Object p : COMPOSE.list(COMPOSE.service(HelmChartTest.GATEWAY), "ports")) {
      assertThat(p.toString()).as("bound to loopback only").startsWith("127.0.0.1:");
    }
  }

  @Test
  void eachServiceIsBuiltFromItsModulesDockerfileAndTaggedLikeTheChartsImage() throws Exception {
    for (String s : SERVICES) {
      Map<String, Object> build = Compose.map(COMPOSE.service(s), "build");
      assertThat(build.get("context")).as(s).isEqualTo("./" + s);
      assertThat(Repo.ROOT.resolve(s).resolve(build.get("dockerfile").toString())).as(s).isEqualTo(Repo.dockerfile(s)).exists();
      // The same image in both: compose tags what it builds with the name the chart pulls.
      String composeImage = COMPOSE.service(s).get("image").toString()
          .replace("${IMAGE_REGISTRY}", dotEnv().get("IMAGE_REGISTRY"))
          .replace("${IMAGE_TAG}", dotEnv().get("IMAGE_TAG"));
      assertThat(composeImage).as(s).isEqualTo(CHART.container(s).getImage());
    }
  }

  @Test
  void servicesRunHardenedLikeInTheChart() {
    for (String s : SERVICES) {
      Map<String, Object> svc = COMPOSE.service(s);
      assertThat(svc.get("read_only")).as(s).isEqualTo(true);
      assertThat(COMPOSE.list(svc, "tmpfs")).as(s).contains("/tmp");
      assertThat(COMPOSE.list(svc, "cap_drop")).as(s).contains("ALL");
      assertThat(svc).as(s).containsKey("healthcheck");
      assertThat(svc.get("healthcheck").toString()).as(s).contains("/q/health/ready").contains(String.valueOf(CHART.port(s)));
    }
  }

  @Test
  void everyVariableTheComposeFileUsesIsSetInDotEnv() throws Exception {
    Map<String, String> dotEnv = dotEnv();
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?-[^}]*)?}").matcher(Repo.read(Repo.COMPOSE));
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      if (m.group(2) == null) {
        used.add(m.group(1));
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(dotEnv.keySet()).containsAll(used);
    assertThat(dotEnv.get("KAFKA_IMAGE")).startsWith("apache/kafka:");
    assertThat(dotEnv.get("POSTGRES_IMAGE")).isEqualTo("postgres:15");
    assertThat(dotEnv.get("KEYCLOAK_IMAGE")).isEqualTo("quay.io/keycloak/keycloak:26.5.6");
  }

  @Test
  void theGarminWebhookCredentialsInDotEnvAreIngestionsDevelopmentValues() throws Exception {
    Map<String, String> dotEnv = dotEnv();
    var props = Repo.applicationProperties("ingestion-service");
    assertThat(COMPOSE.environment("ingestion-service").get("GARMIN_CONSUMER_KEY")).hasToString("${GARMIN_CONSUMER_KEY}");
    assertThat(COMPOSE.environment("ingestion-service").get("GARMIN_SIGNING_SECRET")).hasToString("${GARMIN_SIGNING_SECRET}");
    assertThat(dotEnv.get("GARMIN_CONSUMER_KEY")).isEqualTo(props.getProperty("garmin.consumer-key"));
    assertThat(dotEnv.get("GARMIN_SIGNING_SECRET")).isEqualTo(props.getProperty("garmin.signing-secret"));
  }

  @Test
  void postgresInitCreatesTheDatabaseAndARoleOwningASchemaForEachStatefulService() {
    @SuppressWarnings("unchecked")
    String sql = ((Map<String, Object>) COMPOSE.configs().get("postgres-init")).get("content").toString();
    assertThat(COMPOSE.service("postgres").toString()).contains("postgres-init").contains("/docker-entrypoint-initdb.d/");
    assertThat(COMPOSE.service("postgres").get("image")).isEqualTo("${POSTGRES_IMAGE}");
    assertThat(sql).containsPattern("(?i)CREATE DATABASE runningcoach;");
    int stateful = 0;
    for (String s : SERVICES) {
      Object role = COMPOSE.environment(s).get("QUARKUS_DATASOURCE_USERNAME");
      if (role == null) {
        continue;
      }
      stateful++;
      assertThat(sql).as(s).containsPattern("(?i)CREATE ROLE " + role + " LOGIN PASSWORD");
      assertThat(sql).as(s).containsPattern("(?i)CREATE SCHEMA " + role + " AUTHORIZATION " + role + ";");
      String password = COMPOSE.environment(s).get("QUARKUS_DATASOURCE_PASSWORD").toString();
      assertThat(sql).as("%s's role gets the password the service uses", s).contains("PASSWORD '" + password + "'");
      assertThat(COMPOSE.environment(s).get("QUARKUS_DATASOURCE_JDBC_URL")).hasToString("jdbc:postgresql://postgres:5432/runningcoach");
    }
    assertThat(stateful).isEqualTo(4);
  }

  @Test
  void kafkaIsOneKraftNodeAndEveryEventTopicAndDeadLetterTopicIsCreated() throws Exception {
    Map<String, Object> kafka = COMPOSE.environment("kafka");
    assertThat(COMPOSE.service("kafka").get("image")).isEqualTo("${KAFKA_IMAGE}");
    assertThat(kafka.get("KAFKA_PROCESS_ROLES")).hasToString("broker,controller");
    assertThat(kafka.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).hasToString("false");
    String script = COMPOSE.service("kafka-topics").get("command").toString();
    for (String topic : HelmChartTest.eventTopics()) {
      assertThat(script).as(topic).containsPattern("\\b" + topic + "\\b");
    }
    assertThat(script).contains("-dlq");
    for (String s : SERVICES) {
      Object bootstrap = COMPOSE.environment(s).get("KAFKA_BOOTSTRAP_SERVERS");
      if (bootstrap != null) {
        assertThat(bootstrap).as(s).hasToString("kafka:9092");
      }
    }
  }

  @Test
  void keycloakImportsTheProjectRealmAndTheServicesUseIt() {
    Map<String, Object> kc = COMPOSE.service("keycloak");
    assertThat(COMPOSE.list(kc, "command")).contains("start-dev", "--import-realm");
    String mount = COMPOSE.list(kc, "volumes").get(0).toString();
    assertThat(mount).startsWith("./scripts/keycloak/runningcoach-realm.json:/opt/keycloak/data/import/");
    assertThat(Repo.ROOT.resolve("scripts/keycloak/runningcoach-realm.json")).exists();
    for (String s : SERVICES) {
      assertThat(COMPOSE.environment(s).get("QUARKUS_OIDC_AUTH_SERVER_URL")).as(s)
          .hasToString("http://keycloak:8080/realms/runningcoach");
    }
  }

  static Map<String, String> dotEnv() throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(Repo.DOT_ENV)) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
        continue;
      }
      env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
    }
    return env;
  }
}
