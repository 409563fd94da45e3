package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;

import java.util.UUID;

/**
 * A Keycloak user made for one test through the admin API (admin/admin on the local Keycloak) and
 * removed afterwards, so tests that delete a login never touch the shared demo users.
 */
record ThrowawayUser(String id, String username, String password) implements AutoCloseable {

  static final String KEYCLOAK = "http://127.0.0.1:8180";

  static String adminToken() {
    return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
        .formParam("username", "admin").formParam("password", "admin")
        .post(KEYCLOAK + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
        .extract().path("access_token");
  }

  static ThrowawayUser create() {
    String username = "throwaway-" + UUID.randomUUID().toString().substring(0, 13);
    String password = UUID.randomUUID().toString();
    String location = given().auth().oauth2(adminToken()).contentType("application/json")
        .body("{\"username\":\"" + username + "\",\"enabled\":true,\"email\":\"" + username + "@runningcoach.local\","
            + "\"emailVerified\":true,\"firstName\":\"Throwaway\",\"lastName\":\"Athlete\","
            + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}]}")
        .post(KEYCLOAK + "/admin/realms/runningcoach/users").then().statusCode(201).extract().header("Location");
    return new ThrowawayUser(location.substring(location.lastIndexOf('/') + 1), username, password);
  }

  /** The status of a password sign-in: 200 while the login exists. */
  int signInStatus() {
    return given().formParam("grant_type", "password").formParam("client_id", "runningcoach-app")
        .formParam("username", username).formParam("password", password)
        .post(KEYCLOAK + "/realms/runningcoach/protocol/openid-connect/token").then().extract().statusCode();
  }

  String token() {
    return given().formParam("grant_type", "password").formParam("client_id", "runningcoach-app")
        .formParam("username", username).formParam("password", password)
        .post(KEYCLOAK + "/realms/runningcoach/protocol/openid-connect/token").then().statusCode(200)
        .extract().path("access_token");
  }

  @Override
  public void close() {
    given().auth().oauth2(adminToken()).delete(KEYCLOAK + "/admin/realms/runningcoach/users/" + id);
  }
}
