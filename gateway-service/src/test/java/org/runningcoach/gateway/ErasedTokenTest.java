package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.UserDataErased;

/** After UserDataErased the athlete's earlier tokens get 401 problem+json on every route; a later token works. */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
class ErasedTokenTest {

  @Inject @Any InMemoryConnector connector;

  @Test
  void aTokenIssuedBeforeTheErasureIsRefusedAndALaterOneIsNot() throws InterruptedException {
    try (ThrowawayUser user = ThrowawayUser.create()) {
      String before = user.token();
      given().auth().oauth2(before).get("/plans/current").then().statusCode(200);

      Instant erasedAt = Instant.now();
      connector.source("user-data-erased").send(EventCodec.encode(EventEnvelope.of(EventType.USER_DATA_ERASED,
          "/test", user.id(), UUID.randomUUID(), erasedAt, new UserDataErased(user.id(), erasedAt))));

      // The event is handled on the messaging thread: wait until the gateway knows.
      for (int i = 0; i < 100 && given().auth().oauth2(before).get("/plans/current").statusCode() != 401; i++) {
        Thread.sleep(100);
      }
      for (String path : new String[] {"/plans/current", "/dashboard", "/me/export", "/activities", "/profile"}) {
        given().auth().oauth2(before).get(path).then().statusCode(401)
            .contentType(startsWith("application/problem+json")).body("detail", containsString("erased"));
      }
      given().auth().oauth2(before).delete("/me").then().statusCode(401);

      // Tokens carry their issue time in whole seconds: one from a later second is clearly after the erasure.
      Thread.sleep(2000);
      given().auth().oauth2(user.token()).get("/plans/current").then().statusCode(200);
    }
  }
}
