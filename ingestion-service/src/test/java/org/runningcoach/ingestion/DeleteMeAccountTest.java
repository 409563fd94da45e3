package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the erasure client configured, Delete My Data also deletes the athlete's login: the
 * throw-away user can no longer sign in. The broker is unreachable, so UserDataErased stays in
 * the outbox and is removed by the test.
 */
@QuarkusTest
@TestProfile(DeleteMeAccountTest.ErasureClientConfigured.class)
class DeleteMeAccountTest {

  public static class ErasureClientConfigured implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
          "runningcoach.identity-admin.client-secret", "runningcoach-erasure-dev-secret");
    }
  }

  @Inject Pool pool;

  @Test
  void deleteMeDeletesTheLoginAtTheIdentityProvider() {
    try (ThrowawayUser user = ThrowawayUser.create()) {
      String token = user.token();
      assertThat(DeleteMeTest.subjectOf(token)).isEqualTo(user.id());
      try {
        given().auth().oauth2(token).delete("/me").then().statusCode(202).body("account", equalTo("DELETED"));
        assertThat(user.signInStatus()).as("sign-in after Delete My Data").isEqualTo(401);
        // A second erasure (a retry) finds the login gone and still succeeds.
        given().auth().oauth2(token).delete("/me").then().statusCode(202).body("account", equalTo("ALREADY_GONE"));
      } finally {
        pool.preparedQuery("DELETE FROM outbox WHERE event_key = $1").execute(Tuple.of(user.id())).await().indefinitely();
        pool.preparedQuery("DELETE FROM erased_athlete WHERE athlete_id_sha256 = $1")
            .execute(Tuple.of(org.runningcoach.support.erase.AthleteData.marker(user.id()))).await().indefinitely();
      }
    }
  }
}
