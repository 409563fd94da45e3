package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runningcoach.ingestion.domain.WebhookSignature;
import org.runningcoach.ingestion.service.Inbox;
import org.runningcoach.support.crypto.DataKeys;

/**
 * The Garmin and Apple webhooks and device links over HTTP against the real database. The outbox relay
 * points at a port where no broker listens, so emitted events stay in the outbox where the
 * test counts them; the test deletes them afterwards.
 */
@QuarkusTest
@TestProfile(WebhookResourceTest.EventsStayInTheOutbox.class)
class WebhookResourceTest {

  public static class EventsStayInTheOutbox implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
    }
  }

  static final String CLIENT_ID = "dev-garmin-consumer-key";
  static final WebhookSignature SIGNER = new WebhookSignature(CLIENT_ID, "dev-garmin-signing-secret", Duration.ofMinutes(5));
  static final int STAND_IN_PORT = 18999;

  static String demo;
  static String demo2;
  static HttpServer garminStandIn;
  static final AtomicInteger standInCalls = new AtomicInteger();

  @Inject Pool pool;
  @Inject DataKeys keys;
  String garminUser;

  @BeforeAll
  static void setUp() throws Exception {
    demo = Tokens.of("demo");
    demo2 = Tokens.of("demo2");
    garminStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", STAND_IN_PORT), 0);
    garminStandIn.createContext("/wellness-api/rest/dailies", exchange -> {
      standInCalls.incrementAndGet();
      String user = exchange.getRequestURI().getQuery().replaceAll(".*user=", "");
      byte[] body = ("[{\"userId\":\"" + user + "\",\"summaryId\":\"pulled\",\"calendarDate\":\"2026-02-01\","
          + "\"startTimeInSeconds\":1769900400,\"restingHeartRateInBeatsPerMinute\":51}]").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    garminStandIn.start();
  }

  @AfterAll
  static void tearDown() {
    garminStandIn.stop(0);
  }

  @BeforeEach
  void linkDemo() {
    given().auth().oauth2(demo).delete("/device-links/garmin");
    given().auth().oauth2(demo2).delete("/device-links/garmin");
    garminUser = "it-" + UUID.randomUUID().toString().substring(0, 12);
    given().auth().oauth2(demo).contentType("application/json").body("{\"garminUserId\":\"" + garminUser + "\"}")
        .post("/device-links/garmin").then().statusCode(201).body("vendorUserId", equalTo(garminUser));
  }

  @org.junit.jupiter.api.AfterEach
  void dropOurEvents() {
    pool.query("DELETE FROM outbox WHERE payload LIKE '%/ingestion-service/webhooks/%' "
        + "OR payload LIKE '%/ingestion-service/device-links/%'").execute().await().indefinitely();
  }

  static ValidatableResponse signedPost(String body) {
    return signedPost("/webhooks/garmin", body.getBytes(StandardCharsets.UTF_8));
  }

  static ValidatableResponse signedPost(String path, byte[] bytes) {
    String ts = Long.toString(Instant.now().getEpochSecond());
    return given().contentType("application/json;charset=UTF-8").header("garmin-client-id", CLIENT_ID)
        .header("x-runningcoach-timestamp", ts).header("x-runningcoach-signature", SIGNER.sign(ts, bytes))
        .body(bytes).post(path).then();
  }

  static final String DETAILS = "/webhooks/garmin/activity-details";

  /** Activity Details as Garmin documents them (integrations notes §1.3): one summary per activity, 1 Hz samples. */
  String activityDetails(String user, int activities, int samplesEach) {
    StringBuilder b = new StringBuilder("{\"activityDetails\":[");
    for (int a = 0; a < activities; a++) {
      long start = 1763597760L + a * 86_400L;
      b.append(a == 0 ? "" : ",").append("{\"userId\":\"").append(user).append("\",\"summaryId\":\"2104728299").append(a)
          .append("-detail\",\"activityId\":2104728299").append(a).append(",\"summary\":{\"startTimeInSeconds\":")
          .append(start).append(",\"durationInSeconds\":").append(samplesEach)
          .append(",\"activityType\":\"RUNNING\"},\"samples\":[");
      for (int i = 0; i < samplesEach; i++) {
        b.append(i == 0 ? "" : ",").append("{\"startTimeInSeconds\":").append(start + i)
            .append(",\"latitudeInDegree\":51.05").append(i % 1000).append(",\"longitudeInDegree\":3.72").append(i % 997)
            .append(",\"elevationInMeters\":12.5,\"heartRate\":").append(120 + i % 40)
            .append(",\"speedMetersPerSecond\":3.1,\"stepsPerMinute\":86,\"totalDistanceInMeters\":").append(i * 3.1)
            .append(",\"timerDurationInSeconds\":").append(i).append(",\"clockDurationInSeconds\":").append(i)
            .append(",\"movingDurationInSeconds\":").append(i).append('}');
      }
      b.append("],\"laps\":[{\"startTimeInSeconds\":").append(start).append("}]}");
    }
    return b.append("]}").toString();
  }

  @Test
  void activityDetailsOverTheUsualLimitAreStreamedAndStoredOnceEach() {
    byte[] body = activityDetails(garminUser, 4, 30_000).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).as("larger than the 25 MB /webhooks/garmin takes").isGreaterThan(25 << 20);
    signedPost(DETAILS, body).statusCode(200).body("summaries", equalTo(4)).body("stored", equalTo(4))
        .body("events", equalTo(0)).body("quarantined", equalTo(0));
    assertThat(inboxRows(garminUser)).isEqualTo(4);
    // Each row holds its whole activity (30,000 samples of ~250 bytes), sealed.
    assertThat(count("SELECT count(*) FROM webhook_inbox WHERE vendor_user_id = $1 AND summary_type = 'activityDetails' "
        + "AND payload IS NULL AND octet_length(payload_sealed) > 7000000", garminUser)).isEqualTo(4);
    // Garmin sends it again (no 200 seen in time): nothing changes.
    signedPost(DETAILS, body).statusCode(200).body("summaries", equalTo(4)).body("stored", equalTo(0));
    assertThat(inboxRows(garminUser)).isEqualTo(4);
    dropInbox(garminUser); // 30 MB of demo's that other tests' exports need not carry
  }

  void dropInbox(String user) {
    pool.preparedQuery("DELETE FROM webhook_inbox WHERE vendor_user_id = $1").execute(Tuple.of(user)).await().indefinitely();
  }

  @Test
  void aBrokenForgedOrMistypedLargeNotificationStoresNothing() {
    byte[] body = activityDetails(garminUser, 3, 2_000).getBytes(StandardCharsets.UTF_8);
    // Cut short in its last activity: the two before it are complete, and still nothing is stored.
    signedPost(DETAILS, java.util.Arrays.copyOf(body, body.length - 100)).statusCode(400)
        .contentType(startsWith("application/problem+json")).body("detail", startsWith("Not a Garmin notification"));
    byte[] glued = (new String(body, StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8);
    signedPost(DETAILS, glued).statusCode(400).contentType(startsWith("application/problem+json"));
    signedPost(DETAILS, "{\"activityDetails\":[1]}".getBytes(StandardCharsets.UTF_8)).statusCode(400);
    signedPost(DETAILS, new byte[0]).statusCode(400);
    String ts = Long.toString(Instant.now().getEpochSecond());
    given().contentType("application/json").header("garmin-client-id", CLIENT_ID).header("x-runningcoach-timestamp", ts)
        .header("x-runningcoach-signature", SIGNER.sign(ts, "{}".getBytes(StandardCharsets.UTF_8))).body(body)
        .post(DETAILS).then().statusCode(401).contentType(startsWith("application/problem+json"))
        .body("detail", equalTo("Webhook sender not authenticated: the signature does not match the body and timestamp"));
    given().contentType("application/json").body(body).post(DETAILS).then().statusCode(401);
    given().contentType("text/plain").header("garmin-client-id", CLIENT_ID).header("x-runningcoach-timestamp", ts)
        .header("x-runningcoach-signature", SIGNER.sign(ts, body)).body(body).post(DETAILS).then().statusCode(415);
    assertThat(inboxRows(garminUser)).isZero();
    // The same body, whole and signed, is taken.
    signedPost(DETAILS, body).statusCode(200).body("stored", equalTo(3));
    dropInbox(garminUser);
  }

  long count(String sql, Object... params) {
    return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
  }

  long inboxRows(String user) {
    return count("SELECT count(*) FROM webhook_inbox WHERE vendor_user_id = $1", user);
  }

  long garminEventsFor(String user) {
    // recordId of every event is an inbox row of this Garmin user.
    return count("""
        SELECT count(*) FROM outbox o JOIN webhook_inbox i
          ON o.payload LIKE '%' || i.id::text || '%' WHERE i.vendor_user_id = $1""", user);
  }

  String sample(String file) throws Exception {
    try (var in = getClass().getResourceAsStream("/vendor/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("garmin_user_123", garminUser);
    }
  }

  @Test
  void aSignedPushIsStoredAndAnnouncedAndARedeliveryChangesNothing() throws Exception {
    String dailies = sample("openwearables-push-dailies.json");
    signedPost(dailies).statusCode(200).body("stored", equalTo(1)).body("events", equalTo(1));
    signedPost(sample("openwearables-push-hrv.json")).statusCode(200).body("events", equalTo(1));
    signedPost(sample("openwearables-push-pulseox.json")).statusCode(200).body("stored", equalTo(1)).body("events", equalTo(0));
    assertThat(inboxRows(garminUser)).isEqualTo(3);
    assertThat(garminEventsFor(garminUser)).isEqualTo(2);
    // The raw summary is sealed with the linked athlete's data key; opened, it is what Garmin sent.
    var stored = pool.preparedQuery("SELECT athlete_id, summary_key, payload, payload_sealed FROM webhook_inbox "
            + "WHERE vendor_user_id = $1 AND summary_type = 'dailies'")
        .execute(Tuple.of(garminUser)).await().indefinitely().iterator().next();
    assertThat(stored.getValue("payload")).isNull();
    assertThat(new String(stored.getBuffer("payload_sealed").getBytes(), StandardCharsets.ISO_8859_1))
        .doesNotContain("restingHeartRateInBeatsPerMinute");
    String opened = keys.forReading(pool, stored.getString("athlete_id")).await().indefinitely()
        .openText(Inbox.PAYLOAD, Inbox.recordKey("GARMIN", garminUser, "dailies", stored.getString("summary_key")),
            stored.getBuffer("payload_sealed"));
    assertThat(new io.vertx.core.json.JsonObject(opened).getInteger("restingHeartRateInBeatsPerMinute")).isEqualTo(43);

    // Garmin resends after a timeout: nothing new.
    signedPost(dailies).statusCode(200).body("stored", equalTo(0)).body("events", equalTo(0));
    assertThat(inboxRows(garminUser)).isEqualTo(3);
    assertThat(garminEventsFor(garminUser)).isEqualTo(2);

    // An update of the same day (same start time) replaces it and is announced again.
    signedPost(dailies.replace("\"restingHeartRateInBeatsPerMinute\": 43", "\"restingHeartRateInBeatsPerMinute\": 45"))
        .statusCode(200).body("stored", equalTo(1)).body("events", equalTo(1));
    assertThat(inboxRows(garminUser)).isEqualTo(3);
    assertThat(garminEventsFor(garminUser)).isEqualTo(3);

    // The athlete's data export holds the link and every summary kept for them.
    given().auth().oauth2(demo).get("/me/export").then().statusCode(200)
        .body("deviceLinks.vendorUserId", hasItem(garminUser))
        .body("inbox.findAll { it.vendorUserId == '" + garminUser + "' }.summaryType", hasItem("dailies"))
        .body("inbox.findAll { it.vendorUserId == '" + garminUser + "' }.size()", equalTo(3));
  }

  @Test
  void badItemsAreQuarantinedWithTheir200AndTheGoodOnesStored() throws Exception {
    String u = garminUser;
    String body = "{\"dailies\":["
        + "{\"userId\":\"" + u + "\",\"calendarDate\":\"2026-02-02\",\"startTimeInSeconds\":1769990400,"
        + "\"restingHeartRateInBeatsPerMinute\":400},"
        + "{\"userId\":\"" + u + "\",\"calendarDate\":\"2026-02-03\",\"startTimeInSeconds\":1770076800,"
        + "\"restingHeartRateInBeatsPerMinute\":49}],"
        + "\"hrv\":[{\"userId\":\"" + u + "\",\"calendarDate\":\"2026-02-03\",\"startTimeInSeconds\":1770070000,"
        + "\"lastNightAvg\":\"n/a\"}],"
        + "\"fooSummaries\":[{\"userId\":\"" + u + "\",\"startTimeInSeconds\":1770070000}]}";
    signedPost(body).statusCode(200).body("summaries", equalTo(4)).body("stored", equalTo(1))
        .body("events", equalTo(1)).body("quarantined", equalTo(3));
    assertThat(inboxRows(u)).isEqualTo(1);
    var reasons = new java.util.TreeSet<String>();
    pool.preparedQuery("SELECT reason FROM garmin_quarantine WHERE vendor_user_id = $1").execute(Tuple.of(u))
        .await().indefinitely().forEach(r -> reasons.add(r.getString("reason")));
    assertThat(reasons).containsExactly("resting heart rate out of physiological range",
        "unknown summary type fooSummaries", "wrong type of lastNightAvg");
    // Garmin re-sending the notification quarantines nothing twice.
    signedPost(body).statusCode(200).body("stored", equalTo(0)).body("quarantined", equalTo(3));
    assertThat(count("SELECT count(*) FROM garmin_quarantine WHERE vendor_user_id = $1", u)).isEqualTo(3);
    // Kept sealed like every raw payload; the athlete's export opens them.
    assertThat(count("SELECT count(*) FROM garmin_quarantine WHERE vendor_user_id = $1 AND payload IS NULL "
        + "AND payload_sealed IS NOT NULL AND position('lastNightAvg'::bytea in payload_sealed) = 0", u))
        .isEqualTo(3);
    String export = given().auth().oauth2(demo).get("/me/export").then().statusCode(200).extract().asString();
    assertThat(export).contains("\"lastNightAvg\":\"n/a\"").contains("fooSummaries");
    given().get("/q/metrics").then().statusCode(200)
        .body(org.hamcrest.Matchers.containsString("garmin_quarantined_items_total{reason=\"out_of_range\"}"));
  }

  @Test
  void anUnauthenticatedSenderGets401AndNothingIsStored() throws Exception {
    byte[] body = sample("openwearables-push-dailies.json").getBytes(StandardCharsets.UTF_8);
    String now = Long.toString(Instant.now().getEpochSecond());
    String old = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
    record Attempt(String name, String clientId, String ts, String signature) {}
    for (Attempt a : new Attempt[] {
        new Attempt("no client id", null, now, SIGNER.sign(now, body)),
        new Attempt("wrong client id", "someone-else", now, SIGNER.sign(now, body)),
        new Attempt("no signature", CLIENT_ID, now, null),
        new Attempt("bad signature", CLIENT_ID, now, "00" + SIGNER.sign(now, body).substring(2)),
        new Attempt("old timestamp", CLIENT_ID, old, SIGNER.sign(old, body))}) {
      var request = given().contentType("application/json").body(body);
      if (a.clientId() != null) {
        request.header("garmin-client-id", a.clientId());
      }
      if (a.signature() != null) {
        request.header("x-runningcoach-timestamp", a.ts()).header("x-runningcoach-signature", a.signature());
      }
      request.post("/webhooks/garmin").then().statusCode(401)
          .contentType(startsWith("application/problem+json")).body("status", equalTo(401)).body("detail", notNullValue());
    }
    assertThat(inboxRows(garminUser)).isZero();
  }

  @Test
  void malformedJsonIs400AndNothingIsStored() {
    signedPost("{\"dailies\":[{\"userId\":\"" + garminUser + "\",").statusCode(400)
        .contentType(startsWith("application/problem+json")).body("status", equalTo(400));
    signedPost("[{\"userId\":\"" + garminUser + "\"}]").statusCode(400)
        .contentType(startsWith("application/problem+json"));
    assertThat(inboxRows(garminUser)).isZero();
  }

  @Test
  void anUnknownGarminUserIsStoredRawAndAnnouncesNothing() throws Exception {
    String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
    signedPost(sample("openwearables-push-hrv.json").replace(garminUser, stranger))
        .statusCode(200).body("stored", equalTo(1)).body("events", equalTo(0));
    assertThat(inboxRows(stranger)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM webhook_inbox WHERE vendor_user_id = $1 AND athlete_id IS NULL", stranger))
        .isEqualTo(1);
    assertThat(garminEventsFor(stranger)).isZero();
  }

  @Test
  void summariesKeptBeforeTheLinkAreAnnouncedOnceWhenTheLinkIsMade() throws Exception {
    String later = "later-" + UUID.randomUUID().toString().substring(0, 8);
    signedPost(sample("openwearables-push-hrv.json").replace(garminUser, later)).statusCode(200).body("events", equalTo(0));
    signedPost(sample("openwearables-push-dailies.json").replace(garminUser, later)).statusCode(200)
        .body("events", equalTo(0));
    assertThat(garminEventsFor(later)).isZero();

    given().auth().oauth2(demo2).contentType("application/json").body("{\"garminUserId\":\"" + later + "\"}")
        .post("/device-links/garmin").then().statusCode(201);
    assertThat(garminEventsFor(later)).isEqualTo(2); // the night's HRV and the day's resting HR
    assertThat(count("SELECT count(*) FROM webhook_inbox WHERE vendor_user_id = $1 AND athlete_id IS NULL", later))
        .isZero();

    // Linking again, or unlinking and linking again, announces nothing twice.
    given().auth().oauth2(demo2).contentType("application/json").body("{\"garminUserId\":\"" + later + "\"}")
        .post("/device-links/garmin").then().statusCode(200);
    given().auth().oauth2(demo2).delete("/device-links/garmin").then().statusCode(204);
    given().auth().oauth2(demo2).contentType("application/json").body("{\"garminUserId\":\"" + later + "\"}")
        .post("/device-links/garmin").then().statusCode(201);
    assertThat(garminEventsFor(later)).isEqualTo(2);
    given().auth().oauth2(demo2).delete("/device-links/garmin").then().statusCode(204);
  }

  @Test
  void aBackfillRequestIsRecordedForTheLinkedAccountWithinGarminsLimits() {
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(89).toString();
    given().auth().oauth2(demo).contentType("application/json").body("{\"from\":\"" + from + "\",\"to\":\"" + today + "\"}")
        .post("/device-links/garmin/backfill").then().statusCode(202).body("garminUserId", equalTo(garminUser))
        .body("state", equalTo("RECORDED")).body("detail", notNullValue());
    assertThat(count("SELECT count(*) FROM garmin_backfill WHERE vendor_user_id = $1", garminUser)).isEqualTo(1);
    String tooLong = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(90).toString();
    given().auth().oauth2(demo).contentType("application/json").body("{\"from\":\"" + tooLong + "\",\"to\":\"" + today + "\"}")
        .post("/device-links/garmin/backfill").then().statusCode(400).body("errors.field", hasItem("to"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"from\":\"" + today + "\",\"to\":\"" + from + "\"}")
        .post("/device-links/garmin/backfill").then().statusCode(400);
    // demo2 has no Garmin link.
    given().auth().oauth2(demo2).contentType("application/json").body("{\"from\":\"" + from + "\",\"to\":\"" + today + "\"}")
        .post("/device-links/garmin/backfill").then().statusCode(409).contentType(startsWith("application/problem+json"));
    assertThat(count("SELECT count(*) FROM garmin_backfill WHERE vendor_user_id = $1", garminUser)).isEqualTo(1);
  }

  @Test
  void linksAreTheAthletesOwnAndADeregistrationRemovesThem() throws Exception {
    given().auth().oauth2(demo).get("/device-links").then().statusCode(200)
        .body("vendorUserId", hasItem(garminUser)).body("vendor", hasItem("GARMIN"));
    given().auth().oauth2(demo2).get("/device-links").then().statusCode(200)
        .body("vendorUserId", not(hasItem(garminUser)));
    given().auth().oauth2(demo2).contentType("application/json").body("{\"garminUserId\":\"" + garminUser + "\"}")
        .post("/device-links/garmin").then().statusCode(409).contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo2).delete("/device-links/garmin").then().statusCode(404);
    given().get("/device-links").then().statusCode(401);
    given().auth().oauth2(demo).contentType("application/json").body("{\"garminUserId\":\"a/b\"}")
        .post("/device-links/garmin").then().statusCode(400).body("errors.field", hasItem("garminUserId"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"garminUserId\":\"" + garminUser + "\"}")
        .post("/device-links/garmin").then().statusCode(200);

    signedPost(sample("openwearables-userPermissionsChange-reduced.json")).statusCode(200);
    given().auth().oauth2(demo).get("/device-links").then().body("find { it.vendor == 'GARMIN' }.permissions",
        equalTo(java.util.List.of("ACTIVITY_EXPORT")));

    signedPost(sample("openwearables-deregistrations.json")).statusCode(200);
    given().auth().oauth2(demo).get("/device-links").then().statusCode(200).body("vendorUserId", not(hasItem(garminUser)));
    signedPost(sample("openwearables-push-hrv.json")).statusCode(200).body("events", equalTo(0));
  }

  @Test
  void aPingIsAnsweredThenItsCallbackIsFetchedOnlyFromAllowedHosts() throws Exception {
    String ping = "{\"dailies\":[{\"userId\":\"" + garminUser + "\",\"callbackURL\":\"http://127.0.0.1:" + STAND_IN_PORT
        + "/wellness-api/rest/dailies?uploadStartTimeInSeconds=1&token=t&user=" + garminUser + "\"},{}]}";
    signedPost(ping).statusCode(200).body("pings", equalTo(1)).body("stored", equalTo(0));
    for (int i = 0; i < 100 && inboxRows(garminUser) == 0; i++) {
      Thread.sleep(100);
    }
    assertThat(inboxRows(garminUser)).isEqualTo(1);
    for (int i = 0; i < 50 && garminEventsFor(garminUser) == 0; i++) {
      Thread.sleep(100);
    }
    assertThat(garminEventsFor(garminUser)).isEqualTo(1);

    int callsBefore = standInCalls.get();
    signedPost("{\"dailies\":[{\"userId\":\"" + garminUser + "\",\"callbackURL\":\"http://127.0.0.1:" + (STAND_IN_PORT - 1)
        + "/wellness-api/rest/dailies\"},{\"userId\":\"" + garminUser
        + "\",\"callbackURL\":\"https://169.254.169.254/latest/meta-data\"}]}")
        .statusCode(200).body("pings", equalTo(0));
    assertThat(standInCalls.get()).isEqualTo(callsBefore);
  }

  @Test
  void theAthletesPhonePostsAppleSamplesOnceAndANightIsAnnouncedOnItsWakeUpDate() {
    pool.query("DELETE FROM apple_sample").execute().await().indefinitely();
    pool.query("DELETE FROM apple_daily_input").execute().await().indefinitely();
    String night = "{\"samples\":["
        + "{\"type\":\"SLEEP_STAGE\",\"start\":\"2026-02-10T23:00:00+09:00\",\"end\":\"2026-02-11T03:00:00+09:00\","
        + "\"stage\":\"CORE\",\"source\":\"Apple Watch\"},"
        + "{\"type\":\"SLEEP_STAGE\",\"start\":\"2026-02-11T03:00:00+09:00\",\"end\":\"2026-02-11T06:00:00+09:00\","
        + "\"stage\":\"DEEP\",\"source\":\"Apple Watch\"},"
        + "{\"type\":\"SLEEP_STAGE\",\"start\":\"2026-02-10T23:00:00+09:00\",\"end\":\"2026-02-11T06:00:00+09:00\","
        + "\"stage\":\"ASLEEP_UNSPECIFIED\",\"source\":\"AutoSleep\"},"
        + "{\"type\":\"HRV_SDNN\",\"start\":\"2026-02-11T05:00:00+09:00\",\"end\":\"2026-02-11T05:01:00+09:00\","
        + "\"value\":" + (40 + new java.util.Random().nextInt(1000) / 100.0) + ",\"unit\":\"ms\"}]}";
    given().auth().oauth2(demo).contentType("application/json").body(night).post("/webhooks/apple")
        .then().statusCode(200).body("stored", equalTo(1)).body("events", equalTo(2));
    long sleeps = count("SELECT count(*) FROM outbox WHERE payload LIKE '%/webhooks/apple%' AND payload LIKE '%\"totalHours\":7.0%'"
        + " AND payload LIKE '%\"localDate\":\"2026-02-11\"%'");
    assertThat(sleeps).isGreaterThanOrEqualTo(1);
    given().auth().oauth2(demo).contentType("application/json").body(night).post("/webhooks/apple")
        .then().statusCode(200).body("stored", equalTo(0)).body("events", equalTo(0));

    given().contentType("application/json").body(night).post("/webhooks/apple").then().statusCode(401);
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"samples\":[{\"type\":\"STEPS\",\"start\":\"2026-02-11T05:00:00+09:00\",\"end\":\"2026-02-11T05:01:00+09:00\"}]}")
        .post("/webhooks/apple").then().statusCode(400).contentType(startsWith("application/problem+json"))
        .body("errors.field", hasItem("samples[0].type"));
  }

  org.runningcoach.events.ActivityReported handedOver(String recordFilter, Object param) {
    var rows = pool.preparedQuery("SELECT o.payload FROM outbox o WHERE o.topic = 'activity-reported' AND " + recordFilter)
        .execute(Tuple.of(param)).await().indefinitely();
    assertThat(rows.size()).as("ActivityReported events").isEqualTo(1);
    return org.runningcoach.events.EventCodec.decode(rows.iterator().next().getString("payload"),
        org.runningcoach.events.EventType.ACTIVITY_REPORTED).data();
  }

  @Test
  void aGarminActivityIsStoredRawAndHandedToActivityServiceOnce() throws Exception {
    String push = sample("openwearables-push-activities.json");
    signedPost(push).statusCode(200).body("stored", equalTo(1)).body("events", equalTo(1));
    String filter = "o.payload LIKE '%' || (SELECT id::text FROM webhook_inbox WHERE vendor_user_id = $1) || '%'";
    var activity = handedOver(filter, garminUser);
    assertThat(activity.source()).isEqualTo(org.runningcoach.events.ActivityReported.Source.GARMIN);
    assertThat(activity.vendorId()).isEqualTo("21047282990");
    assertThat(activity.sport()).isEqualTo("running");
    assertThat(activity.startTime()).isEqualTo(Instant.ofEpochSecond(1763597760));
    assertThat(activity.utcOffsetSeconds()).isEqualTo(3600);
    assertThat(activity.durationSeconds()).isEqualTo(3600);
    assertThat(activity.device()).isEqualTo("Forerunner 965");
    assertThat(activity.distanceMeters()).isNull(); // Garmin sent none: not a zero
    // Garmin resends after a timeout: nothing new is handed over.
    signedPost(push).statusCode(200).body("stored", equalTo(0)).body("events", equalTo(0));
    handedOver(filter, garminUser);
  }

  @Test
  void anAppleWorkoutIsHandedToActivityService() {
    String start = "2026-02-1" + new java.util.Random().nextInt(10) + "T07:" + (10 + new java.util.Random().nextInt(50));
    String workout = "{\"samples\":[{\"type\":\"WORKOUT\",\"start\":\"" + start + ":00+09:00\",\"end\":\"" + start
        + ":00+09:00\",\"value\":8.2,\"unit\":\"km\",\"source\":\"Apple Watch\"}]}";
    workout = workout.replaceFirst("T07:", "T06:"); // the start an hour before the end
    given().auth().oauth2(demo).contentType("application/json").body(workout).post("/webhooks/apple")
        .then().statusCode(200).body("stored", equalTo(1)).body("events", equalTo(1));
    var activity = handedOver("o.payload LIKE $1", "%\"startTime\":\"" + java.time.OffsetDateTime.parse(
        start.replace("T07:", "T06:") + ":00+09:00").toInstant() + "\"%");
    assertThat(activity.source()).isEqualTo(org.runningcoach.events.ActivityReported.Source.APPLE);
    assertThat(activity.durationSeconds()).isEqualTo(3600);
    assertThat(activity.distanceMeters()).isEqualTo(8200.0);
    assertThat(activity.utcOffsetSeconds()).isEqualTo(9 * 3600);
    assertThat(activity.device()).isEqualTo("Apple Watch");
  }
}
