package org.runningcoach.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throw-away athletes for the load: Keycloak users {@code bench-NNN} (password = username, created
 * through the admin API once and reused by later runs; demo and demo2 are never touched), each with
 * a fresh plan (seven run days, so today or tomorrow holds a run that a Red morning changes) and a
 * Garmin link, so that their check-ins reach PlanAdapted and their Garmin dailies reach BodyStateComputed.
 */
public final class Athletes {

  static final String KEYCLOAK = "http://127.0.0.1:8180";
  static final ObjectMapper JSON = new ObjectMapper();

  /** One athlete: the token subject is the athlete id in every event; {@code runDay} is null without a run today or tomorrow. */
  public record Athlete(String username, String id, String token, LocalDate runDay, String garminUser) {}

  private Athletes() {}

  public static List<Athlete> prepare(HttpClient http, String gateway, int count) throws Exception {
    String admin = adminToken(http);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Athlete>> futures = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        String username = String.format("bench-%03d", i);
        futures.add(pool.submit(() -> one(http, gateway, admin, username)));
      }
      List<Athlete> athletes = new ArrayList<>();
      for (Future<Athlete> f : futures) {
        athletes.add(f.get());
      }
      return athletes;
    } finally {
      pool.shutdown();
    }
  }

  private static Athlete one(HttpClient http, String gateway, String admin, String username) throws Exception {
    String user = "{\"username\":\"" + username + "\",\"enabled\":true,\"emailVerified\":true,"
        + "\"email\":\"" + username + "@bench.invalid\",\"firstName\":\"Bench\",\"lastName\":\"" + username + "\","
        + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + username + "\",\"temporary\":false}]}";
    HttpResponse<String> created = send(http, HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/runningcoach/users"))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(user)).build());
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IllegalStateException("creating Keycloak user " + username + ": " + created.statusCode() + " " + created.body());
    }
    String token = token(http, username);
    String id = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asText();

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String plan = "{\"raceDate\":\"" + today.plusWeeks(16) + "\",\"distance\":\"HALF\",\"currentWeeklyKm\":30,"
        + "\"availableDays\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],"
        + "\"longRunDay\":\"SUNDAY\"}";
    expect(send(http, authed(gateway + "/plans", token).POST(HttpRequest.BodyPublishers.ofString(plan)).build()), 201);
    String garminUser = "bench-garmin-" + username;
    expect(send(http, authed(gateway + "/device-links/garmin", token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"garminUserId\":\"" + garminUser + "\"}")).build()), 200, 201);

    LocalDate runDay = null;
    for (LocalDate d : List.of(today, today.plusDays(1))) {
      HttpResponse<String> dash = send(http, authed(gateway + "/dashboard?date=" + d, token).GET().build());
      expect(dash, 200);
      JsonNode w = JSON.readTree(dash.body()).path("scheduledWorkout");
      if (w.isObject() && !List.of("REST", "CROSS_TRAINING").contains(w.path("type").asText())) {
        runDay = d;
        break;
      }
    }
    return new Athlete(username, id, token, runDay, garminUser);
  }

  /** A fresh access token for a bench user (they live 15 minutes in the dev realm). */
  public static String token(HttpClient http, String username) throws IOException, InterruptedException {
    String form = "grant_type=password&client_id=runningcoach-app&scope=openid&username=" + enc(username)
        + "&password=" + enc(username);
    HttpResponse<String> r = send(http, HttpRequest.newBuilder(
            URI.create(KEYCLOAK + "/realms/runningcoach/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    expect(r, 200);
    return JSON.readTree(r.body()).get("access_token").asText();
  }

  static String adminToken(HttpClient http) throws IOException, InterruptedException {
    HttpResponse<String> r = send(http, HttpRequest.newBuilder(
            URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
        .build());
    expect(r, 200);
    return JSON.readTree(r.body()).get("access_token").asText();
  }

  static HttpRequest.Builder authed(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }

  static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static void expect(HttpResponse<String> r, int... statuses) {
    for (int s : statuses) {
      if (r.statusCode() == s) {
        return;
      }
    }
    throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
