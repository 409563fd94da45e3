package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;

/** Real access tokens from the local Keycloak realm (started by `make test`). */
final class Tokens {
  private static final String TOKEN_URL = System.getProperty("runningcoach.token-url",
      "http://127.0.0.1:8180/realms/runningcoach/protocol/openid-connect/token");

  private Tokens() {}

  static String of(String username) {
    return given().formParam("grant_type", "password").formParam("client_id", "runningcoach-app")
        .formParam("username", username).formParam("password", username)
        .post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
  }

  /** The token's subject (the athlete id), read from its payload. */
  static String subject(String token) {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    return new io.vertx.core.json.JsonObject(payload).getString("sub");
  }
}
