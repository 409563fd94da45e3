package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of bad input against every public route of the gateway (read from its OpenAPI
 * document): malformed and truncated JSON, wrong types, out-of-range values, huge and deeply
 * nested bodies, wrong content types, corrupted FIT files, XML bombs and external entities,
 * unicode edge cases. Every answer must be a 4xx application/problem+json, never a 5xx, and the
 * athlete's export must be the same afterwards: nothing was stored. The athlete is a throw-away
 * user of its own, so the other suites' data cannot blur the comparison.
 */
@ExtendWith(RunningSystem.class)
class BadInputIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3);
  static final String USER = "badinput-athlete";
  static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

  static String token;
  final Map<String, Integer> casesPerRoute = new TreeMap<>();
  final List<String> failures = new ArrayList<>();

  /** Valid bodies: each case breaks exactly one thing in one of them. */
  static final Map<String, String> VALID = new LinkedHashMap<>();

  static {
    VALID.put("POST /checkin", "{\"date\":\"" + DAY + "\",\"sleepHours\":7.5,\"soreness\":3,\"stress\":4,\"mood\":6,"
        + "\"sorenessArea\":\"calves\",\"notes\":\"ok\"}");
    VALID.put("POST /life-event", "{\"type\":\"TRAVEL\",\"startDate\":\"" + DAY + "\",\"endDate\":\"" + DAY.plusDays(1)
        + "\",\"fever\":false,\"notes\":\"trip\"}");
    VALID.put("POST /activity", "{\"startTime\":\"" + DAY + "T07:00:00Z\",\"sport\":\"running\",\"durationSeconds\":1800,"
        + "\"distanceMeters\":5000.0,\"avgHr\":140,\"maxHr\":170,\"elevationGainMeters\":40.0,\"rpe\":5,\"notes\":\"easy\"}");
    VALID.put("POST /plans", "{\"raceDate\":\"" + DAY.plusWeeks(14) + "\",\"distance\":\"HALF\",\"goalTime\":\"1:45:00\","
        + "\"currentWeeklyKm\":30.0,\"availableDays\":[\"TUESDAY\",\"THURSDAY\",\"SATURDAY\"],\"longRunDay\":\"SATURDAY\"}");
    VALID.put("PUT /profile", "{\"restingHr\":50,\"maxHr\":190,\"birthYear\":1990}");
    VALID.put("POST /what-if", "{\"date\":\"" + DAY + "\",\"sleepHours\":8.0,\"restingHr\":50}");
    VALID.put("POST /device-links/garmin", "{\"garminUserId\":\"badinput-garmin\"}");
    VALID.put("POST /webhooks/apple", "{\"samples\":[{\"type\":\"RESTING_HR\",\"start\":\"" + DAY + "T06:00:00+02:00\","
        + "\"end\":\"" + DAY + "T06:01:00+02:00\",\"value\":50.0,\"unit\":\"count/min\",\"source\":\"Watch\"}]}");
    VALID.put("POST /webhooks/garmin", "{\"dailies\":[{\"userId\":\"badinput-garmin\",\"summaryId\":\"d1\",\"calendarDate\":\""
        + DAY + "\",\"startTimeInSeconds\":1768258800,\"durationInSeconds\":86400,\"restingHeartRateInBeatsPerMinute\":45}]}");
    VALID.put("POST /webhooks/garmin/activity-details", "{\"activityDetails\":[{\"userId\":\"badinput-garmin\","
        + "\"summaryId\":\"a1-detail\",\"activityId\":1,\"summary\":{\"startTimeInSeconds\":1768258800,"
        + "\"durationInSeconds\":60},\"samples\":[{\"startTimeInSeconds\":1768258800,\"heartRate\":120}]}]}");
    VALID.put("POST /workouts/{id}/move", "{\"toDate\":\"" + DAY.plusDays(1) + "\"}");
  }

  @BeforeAll
  static void athlete() throws Exception {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    String admin = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
        .formParam("username", "admin").formParam("password", "admin")
        .post("http://127.0.0.1:8180/realms/master/protocol/openid-connect/token").then().statusCode(200)
        .extract().path("access_token");
    int status = given().auth().oauth2(admin).contentType("application/json")
        .body(Map.of("username", USER, "enabled", true, "emailVerified", true, "email", USER + "@e2e.runningcoach.invalid",
            "firstName", "Bad", "lastName", "Input",
            "credentials", List.of(Map.of("type", "password", "value", USER, "temporary", false))))
        .post("http://127.0.0.1:8180/admin/realms/runningcoach/users").statusCode();
    assertThat(status).as("creating the throw-away athlete").isIn(201, 409);
    token = RunningSystem.tokenFor(USER);
  }

  record Answer(int status, String contentType, String body) {}

  static Answer send(String method, String path, String contentType, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(RunningSystem.GATEWAY + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpRequest request = b.build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    // Hundreds of cases pass the per-athlete rate limit: wait as told, like a client, so every case
    // reaches its route instead of being counted as a 429.
    while (r.statusCode() == 429) {
      Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
      r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  void expectRejected(String route, String what, String method, String path, String contentType, byte[] body,
      Map<String, String> headers) throws Exception {
    casesPerRoute.merge(route, 1, Integer::sum);
    Answer a = send(method, path, contentType, body, headers);
    boolean problem = a.contentType().startsWith("application/problem+json");
    if (a.status() < 400 || a.status() >= 500 || !problem) {
      failures.add(route + " [" + what + "] → " + a.status() + " " + a.contentType() + " "
          + a.body().substring(0, Math.min(200, a.body().length())));
    }
  }

  void json(String route, String what, String body) throws Exception {
    json(route, what, body.getBytes(StandardCharsets.UTF_8));
  }

  void json(String route, String what, byte[] body) throws Exception {
    String method = route.substring(0, route.indexOf(' '));
    String path = route.substring(route.indexOf(' ') + 1).replace("{id}", UNKNOWN_ID).replace("{date}", DAY.toString());
    Map<String, String> headers = route.startsWith("POST /webhooks/garmin") ? signed(body) : Map.of();
    expectRejected(route, what, method, path, "application/json", body, headers);
  }

  static Map<String, String> signed(byte[] body) throws Exception {
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("dev-garmin-signing-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
    return Map.of("garmin-client-id", "dev-garmin-consumer-key", "x-runningcoach-timestamp", ts,
        "x-runningcoach-signature", HexFormat.of().formatHex(mac.doFinal(body)));
  }

  static String export() throws Exception {
    Answer a = send("GET", "/me/export", null, null, Map.of());
    if (a.status() != 200) {
      throw new AssertionError("GET /me/export answered " + a.status() + ": " + a.body());
    }
    ObjectNode export = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body());
    export.remove("exportedAt");
    return export.toString();
  }

  @Test
  void everyRouteAnswersBadInputWith4xxProblemJsonAndStoresNothing() throws Exception {
    Map<String, Route> routes = documentedRoutes();
    String before = export();

    routes.keySet().forEach(r -> casesPerRoute.put(r, 0)); // a route without input to break shows 0
    for (String route : routes.keySet()) {
      String method = route.substring(0, route.indexOf(' '));
      if (route.equals("DELETE /me")) {
        continue; // erasing is what it does, whatever the body; nothing to reject
      }
      if (VALID.containsKey(route)) {
        bodyCorpus(route, VALID.get(route));
      } else if (method.equals("POST") || method.equals("PUT")) {
        if (route.equals("POST /activity")) {
          continue;
        }
        json(route, "body that is not JSON", "{nope");
      }
      pathCorpus(route);
    }
    activityFiles();
    unsignedGarmin();

    String after = export();
    casesPerRoute.forEach((route, n) -> System.out.printf("[bad-input] %-36s %4d cases%n", route, n));
    System.out.printf("[bad-input] %d cases in all, %d answered otherwise than 4xx problem+json%n",
        casesPerRoute.values().stream().mapToInt(Integer::intValue).sum(), failures.size());
    failures.forEach(f -> System.out.println("[bad-input]   " + f));
    assertThat(failures).as("answers that were not a 4xx problem+json").isEmpty();
    assertThat(after).as("the athlete's export after the corpus (nothing may have been stored)").isEqualTo(before);
  }

  /** Whole-body breakage, then one field at a time: wrong type, out of range, unicode. */
  void bodyCorpus(String route, String valid) throws Exception {
    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
    for (int cut : new int[] {1, bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
      json(route, "truncated at " + cut, java.util.Arrays.copyOf(bytes, cut));
    }
    for (String body : List.of("", "{", "}", "[]", "null", "\"text\"", "42", "true", "{,}", "{\"a\":}", "{'date':'x'}",
        valid + "}", valid + valid, valid.replace(":", "="), "{\"unknownField\":1}")) {
      json(route, "malformed " + body.substring(0, Math.min(20, body.length())), body);
    }
    json(route, "deeply nested", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    json(route, "nested in a field", valid.replaceFirst(":", ":" + "[".repeat(200)) + "]".repeat(200));
    json(route, "2 MB string", valid.replaceFirst("\\{", "{\"pad\":\"" + "a".repeat(2_000_000) + "\","));
    json(route, "invalid UTF-8", concat(valid.substring(0, valid.length() - 1).getBytes(StandardCharsets.UTF_8),
        new byte[] {',', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xC0, (byte) 0xAF, '"', '}'}));
    for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replace("{id}", UNKNOWN_ID);
      expectRejected(route, "content type " + type, method, path, type, bytes,
          route.startsWith("POST /webhooks/garmin") ? signed(bytes) : Map.of());
    }
    if (route.startsWith("POST /webhooks/garmin")) {
      // Vendor summaries are kept as sent (their fields are Garmin's, read leniently); what must
      // be refused is a body that is not a push at all.
      for (String body : List.of("{\"dailies\":\"x\"}", "{\"dailies\":[1,2]}", "{\"dailies\":{}}", "{\"sleeps\":[[]]}",
          valid.replace("badinput-garmin", "badinput-\\u0000"))) {
        json(route, "not a push: " + body, body);
      }
      return;
    }
    ObjectNode tree = (ObjectNode) JSON.readTree(valid);
    for (String path : leaves(tree, "")) {
      JsonNode value = at(tree, path);
      for (Map.Entry<String, JsonNode> bad : mutations(path, value).entrySet()) {
        ObjectNode copy = tree.deepCopy();
        set(copy, path, bad.getValue());
        json(route, path + " " + bad.getKey(), JSON.writeValueAsString(copy));
      }
    }
  }

  /** Values no field of its kind may take, keyed by a description. */
  static Map<String, JsonNode> mutations(String path, JsonNode value) throws Exception {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    m.put("as an object", JSON.readTree("{\"v\":1}"));
    m.put("as an array of objects", JSON.readTree("[{}]"));
    if (value.isNumber()) {
      m.put("as text", JSON.getNodeFactory().textNode(value.asText()));
      m.put("as a boolean", JSON.getNodeFactory().booleanNode(true));
      m.put("far out of range", JSON.getNodeFactory().numberNode(-1e9));
      m.put("huge", JSON.readTree("1e400"));
      m.put("64-digit", JSON.readTree("9".repeat(70)));
      if (value.isIntegralNumber()) {
        m.put("as a fraction", JSON.getNodeFactory().numberNode(value.asInt() + 0.5));
      }
    } else if (value.isTextual()) {
      String s = value.asText();
      m.put("as a number", JSON.getNodeFactory().numberNode(12345));
      m.put("as a boolean", JSON.getNodeFactory().booleanNode(false));
      m.put("with a NUL character", JSON.getNodeFactory().textNode(s + "\u0000x"));
      if (s.matches("\\d{4}-\\d\\d-\\d\\d.*")) {
        m.put("fullwidth digits", JSON.getNodeFactory().textNode(s.replace('2', '２').replace('0', '０')));
        m.put("impossible date", JSON.getNodeFactory().textNode(s.replaceFirst("-\\d\\d-\\d\\d", "-02-30")));
        m.put("lone surrogate", JSON.getNodeFactory().textNode(s + "\ud800"));
        m.put("year 10000", JSON.getNodeFactory().textNode("+10000" + s.substring(4)));
      } else if (s.equals(s.toUpperCase()) && s.matches("[A-Z_]+")) {
        m.put("lower case", JSON.getNodeFactory().textNode(s.toLowerCase()));
        m.put("zero-width space", JSON.getNodeFactory().textNode(s + "\u200b"));
        if (s.contains("A") || s.contains("E")) {
          m.put("homoglyph", JSON.getNodeFactory().textNode(s.replace('A', 'А').replace('E', 'Е')));
        }
      } else {
        m.put("10,000 characters", JSON.getNodeFactory().textNode("x".repeat(10_000)));
      }
    } else if (value.isBoolean()) {
      m.put("as text", JSON.getNodeFactory().textNode("yes"));
      m.put("as a number", JSON.getNodeFactory().numberNode(1));
    } else if (value.isArray()) {
      m.put("as text", JSON.getNodeFactory().textNode("x"));
      m.put("of numbers", JSON.readTree("[1,2,3]"));
      m.put("of arrays", JSON.readTree("[[],[]]"));
    }
    return m;
  }

  static List<String> leaves(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    node.fields().forEachRemaining(e -> {
      String p = prefix + "/" + e.getKey();
      JsonNode v = e.getValue();
      if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
        out.addAll(leaves(v.get(0), p + "/0"));
      } else {
        out.add(p);
      }
    });
    return out;
  }

  static JsonNode at(JsonNode root, String path) {
    return root.at(path);
  }

  static void set(JsonNode root, String path, JsonNode value) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  /** Dates, ids and query parameters that cannot name anything. */
  void pathCorpus(String route) throws Exception {
    String method = route.substring(0, route.indexOf(' '));
    String template = route.substring(route.indexOf(' ') + 1);
    List<String> bad = List.of("2026-13-45", "２０２６-01-01", "not-a-value", "x".repeat(3000), "%00", "%F0%9F%92%A9",
        "..%2F..%2Fetc%2Fpasswd", "1%27%20OR%201%3D1", "-1", "99999999999999999999");
    byte[] body = VALID.containsKey(route) ? VALID.get(route).getBytes(StandardCharsets.UTF_8) : null;
    String contentType = body == null ? null : "application/json";
    if (template.contains("{date}") || template.contains("{id}")) {
      for (String b : bad) {
        String path = template.replace("{date}", b).replace("{id}", b);
        expectRejected(route, "path " + b.substring(0, Math.min(20, b.length())), method, path, contentType, body, Map.of());
      }
    }
    Map<String, List<String>> queries = Map.of(
        "GET /body-states", List.of("", "from=" + DAY, "from=x&to=y", "from=" + DAY + "&to=" + DAY.minusDays(1),
            "from=2000-01-01&to=2030-01-01"),
        "GET /dashboard", List.of("date=x", "date=2026-02-30", "date=%00"),
        "GET /activities", List.of("page=-1", "size=0", "size=100000", "page=x"),
        "GET /activities/{id}/streams", List.of("maxPoints=-5", "maxPoints=x"),
        "GET /plans/current/workouts", List.of("from=x&to=y", "from=" + DAY + "&to=" + DAY.minusDays(9)),
        "GET /adaptations", List.of("from=x", "from=" + DAY + "&to=" + DAY.minusDays(9)));
    for (String q : queries.getOrDefault(route, List.of())) {
      String path = template.replace("{id}", UNKNOWN_ID) + "?" + q;
      expectRejected(route, "query " + q, method, path, null, null, Map.of());
    }
  }

  /** Workout files that are damaged, hostile or not workouts at all, as multipart uploads. */
  void activityFiles() throws Exception {
    // The real file as copied, with its source and licence, into activity-service's test resources.
    Path data = Path.of(System.getProperty("runningcoach.root", "..")).resolve("activity-service/src/test/resources/activities");
    byte[] fit = Files.readAllBytes(data.resolve("fitparse_fr70-run-footpod-compressed-ts.fit"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("empty file", new byte[0]);
    files.put("FIT header only", java.util.Arrays.copyOf(fit, 14));
    files.put("FIT cut in half", java.util.Arrays.copyOf(fit, fit.length / 2));
    files.put("FIT without its last 3 bytes", java.util.Arrays.copyOf(fit, fit.length - 3));
    byte[] crc = fit.clone();
    crc[crc.length - 1] ^= 0x5A;
    files.put("FIT with a wrong file CRC", crc);
    byte[] size = fit.clone();
    size[4] = (byte) 0xFF;
    size[5] = (byte) 0xFF;
    size[6] = (byte) 0xFF;
    size[7] = (byte) 0x7F;
    files.put("FIT header claiming 2 GB of data", size);
    Random rnd = new Random(9);
    for (int i = 0; i < 5; i++) {
      byte[] flipped = fit.clone();
      for (int k = 0; k < 20; k++) {
        int at = 14 + rnd.nextInt(flipped.length - 16);
        flipped[at] ^= (byte) (1 << rnd.nextInt(8));
      }
      flipped[flipped.length - 1] ^= 0x01; // and the CRC no longer matches
      files.put("FIT with 20 flipped bits #" + i, flipped);
    }
    byte[] noise = new byte[4096];
    rnd.nextBytes(noise);
    noise[8] = '.';
    noise[9] = 'F';
    noise[10] = 'I';
    noise[11] = 'T';
    files.put("random bytes with a FIT signature", noise);
    files.put("GPX billion laughs", ("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
        + "<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>&lol4;</name><trkseg>"
        + "<trkpt lat=\"1\" lon=\"1\"><time>2026-01-01T07:00:00Z</time></trkpt></trkseg></trk></gpx>").getBytes(StandardCharsets.UTF_8));
    files.put("TCX with an external entity", ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>"
        + "<Activity Sport=\"Running\"><Id>2026-01-01T07:00:00Z</Id><Notes>&xxe;</Notes><Lap StartTime=\"2026-01-01T07:00:00Z\">"
        + "<TotalTimeSeconds>600</TotalTimeSeconds></Lap></Activity></Activities></TrainingCenterDatabase>").getBytes(StandardCharsets.UTF_8));
    files.put("GPX with an external DTD", ("<?xml version=\"1.0\"?><!DOCTYPE gpx SYSTEM \"http://127.0.0.1:1/evil.dtd\">"
        + "<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"1\" lon=\"1\"><time>2026-01-01T07:00:00Z</time></trkpt>"
        + "</trkseg></trk></gpx>").getBytes(StandardCharsets.UTF_8));
    files.put("GPX with a control character in its DOCTYPE", "<?xml version=\"1.0\"?><!DOCTYPE gpx [ \u0001 ]><gpx/>"
        .getBytes(StandardCharsets.UTF_8));
    files.put("GPX truncated", Files.readAllBytes(data.resolve("apple-health-route-2019-06-11.gpx")).length > 100
        ? java.util.Arrays.copyOf(Files.readAllBytes(data.resolve("apple-health-route-2019-06-11.gpx")), 300) : new byte[1]);
    files.put("GPX with no points", "<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"></gpx>".getBytes(StandardCharsets.UTF_8));
    files.put("a PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0});
    files.put("UTF-16 text", "hello".getBytes(StandardCharsets.UTF_16));
    for (var f : files.entrySet()) {
      multipart(f.getKey(), "file", f.getValue(), Map.of());
    }
    multipart("a real FIT with rpe 11", "file", fit, Map.of("rpe", "11"));
    multipart("a real FIT with rpe 'hard'", "file", fit, Map.of("rpe", "hard"));
    multipart("a real FIT in a part not named file", "upload", fit, Map.of());
    multipart("a real FIT with 3,000 characters of notes", "file", fit, Map.of("notes", "n".repeat(3000)));
  }

  void multipart(String what, String partName, byte[] file, Map<String, String> fields) throws Exception {
    String boundary = "badinput" + System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (var f : fields.entrySet()) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
          + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName
        + "\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    expectRejected("POST /activity", "file: " + what, "POST", "/activity", "multipart/form-data; boundary=" + boundary,
        out.toByteArray(), Map.of());
  }

  /** The vendor route without its sender's credentials, or with a stale or wrong signature. */
  void unsignedGarmin() throws Exception {
    for (String route : List.of("POST /webhooks/garmin", "POST /webhooks/garmin/activity-details")) {
      String path = route.substring(route.indexOf(' ') + 1);
      byte[] body = VALID.get(route).getBytes(StandardCharsets.UTF_8);
      expectRejected(route, "no signature", "POST", path, "application/json", body, Map.of());
      Map<String, String> wrong = new LinkedHashMap<>(signed(body));
      wrong.put("x-runningcoach-signature", "00".repeat(32));
      expectRejected(route, "wrong signature", "POST", path, "application/json", body, wrong);
      Map<String, String> stale = new LinkedHashMap<>(signed(body));
      stale.put("x-runningcoach-timestamp", String.valueOf(System.currentTimeMillis() / 1000 - 3600));
      expectRejected(route, "stale timestamp", "POST", path, "application/json", body, stale);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  record Route(String method) {}

  static Map<String, Route> documentedRoutes() {
    Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
        .then().statusCode(200).extract().jsonPath().getMap("paths");
    Map<String, Route> routes = new LinkedHashMap<>();
    paths.forEach((path, operations) -> operations.keySet().stream()
        .filter(method -> List.of("get", "put", "post", "delete", "patch").contains(method))
        .forEach(method -> routes.put(method.toUpperCase() + " " + path, new Route(method))));
    return routes;
  }
}
