package org.runningcoach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The values files an operator starts from (helm/runningcoach/ci) render into a sound system. */
class CiValuesTest {

  static final List<String> SERVICES = HelmChartTest.SERVICES;

  @ParameterizedTest(name = "{0}: every service is deployed, probed and runs as non-root")
  @ValueSource(strings = {"minimal-values.yaml", "production-values.yaml"})
  void everyCiValuesFileRendersEveryServiceProbedAndNonRoot(String file) {
    Chart.Rendered r = Chart.renderWith(file);
    assertThat(r.names(Deployment.class)).containsExactlyElementsOf(SERVICES);
    for (String s : SERVICES) {
      var c = r.container(s);
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(s).isEqualTo("/q/health/ready");
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(s).isEqualTo("/q/health/live");
      assertThat(c.getResources().getLimits()).as(s).containsKey("memory");
      assertThat(r.one(Deployment.class, s).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
          .as(s).isTrue();
    }
    for (ConfigMap cm : r.all(ConfigMap.class)) {
      assertThat(cm.getData().keySet()).as("ConfigMap %s holds no secret", cm.getMetadata().getName())
          .noneMatch(k -> k.contains("PASSWORD") || k.contains("MASTER_KEY") || k.contains("SECRET"));
    }
  }

  @Test
  void theMinimalInstallHasNoNetworkPoliciesAndCreatesItsOwnSecrets() {
    Chart.Rendered r = Chart.renderWith("minimal-values.yaml");
    assertThat(r.all(NetworkPolicy.class)).isEmpty();
    assertThat(r.all(Secret.class)).isNotEmpty();
  }

  @Test
  void theProductionInstallTakesEverySecretFromExistingSecretsAndDeclaresTopicsAndMonitoring() throws Exception {
    Chart.Rendered r = Chart.renderWith("production-values.yaml");
    assertThat(r.all(Secret.class)).as("no Secret created or inlined").isEmpty();
    // every event topic and its -dlq twin
    assertThat(r.custom("KafkaTopic")).hasSize(2 * HelmChartTest.eventTopics().size());
    assertThat(r.custom("ServiceMonitor")).hasSize(SERVICES.size());
    assertThat(r.all(Ingress.class)).singleElement()
        .satisfies(i -> assertThat(i.getSpec().getTls()).isNotEmpty());
    assertThat(r.all(NetworkPolicy.class)).isNotEmpty();
  }
}
