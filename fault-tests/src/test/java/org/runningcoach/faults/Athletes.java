package org.runningcoach.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Throw-away athletes in the shared Keycloak (realm runningcoach), created through its admin API
 * and reused by later runs (their data lives in the suite's own database, which starts empty).
 * demo and demo2 are never touched.
 */
final class Athletes {

  static final String KEYCLOAK = "http://127.0.0.1:8180";
  static final String TOKEN_URL = KEYCLOAK + "/realms/runningcoach/protocol/openid-connect/token";

  /** One athlete of the workload; its token is refreshed when the gateway answers 401. */
  static final class Athlete {
    final int index;
    final String username;
    volatile String token;
    String id;

    Athlete(int index, String username) {
      this.index = index;
      this.username = username;
    }

    synchronized void refresh() throws Exception {
      Http.Answer a = Http.form(TOKEN_URL, Map.of("grant_type", "password", "client_id", "runningcoach-app",
          "username", username, "password", username), null);
      if (a.status() != 200) {
        throw new IllegalStateException("no token for " + username + ": " + a.status() + " " + a.body());
      }
      token = a.json().get("access_token").asText();
      String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
      id = Http.JSON.readTree(payload).get("sub").asText();
    }

    String garminUserId() {
      return "faults-garmin-" + index;
    }
  }

  static List<Athlete> ensure(int count) throws Exception {
    Http.Answer admin = Http.form(KEYCLOAK + "/realms/master/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"), null);
    if (admin.status() != 200) {
      throw new IllegalStateException("Keycloak admin login failed: " + admin.status() + " " + admin.body());
    }
    String adminToken = admin.json().get("access_token").asText();
    List<Athlete> athletes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String username = String.format("faults-athlete-%02d", i);
      Map<String, Object> user = Map.of("username", username, "enabled", true, "emailVerified", true,
          "email", username + "@faults.runningcoach.invalid", "firstName", "Fault", "lastName", "Athlete " + i,
          "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false)));
      Http.Answer created = Http.send("POST", KEYCLOAK + "/admin/realms/runningcoach/users", adminToken,
          "application/json", Http.JSON.writeValueAsBytes(user), Map.of());
      if (created.status() != 201 && created.status() != 409) {
        throw new IllegalStateException("could not create " + username + ": " + created.status() + " " + created.body());
      }
      Athlete a = new Athlete(i, username);
      a.refresh();
      athletes.add(a);
    }
    return athletes;
  }

  static JsonNode claims(String token) throws Exception {
    return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }
}
