package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.runningcoach.gateway.rest.Audit;

/** Security events reach the audit category; a check-in's values reach no log line at all. */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
class AuditLogTest {

  record Line(String category, String message) {}

  static final class Capture extends Handler {
    final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
      String message = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
          : new java.util.logging.SimpleFormatter().formatMessage(record);
      lines.add(new Line(record.getLoggerName(), String.valueOf(message)));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aFailedSignInIsAuditedAndCheckinValuesAreNeverLogged() {
    Capture capture = new Capture();
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      given().auth().oauth2("not-a-token").get("/dashboard").then().statusCode(401);
      given().get("/plans/current").then().statusCode(401);
      String demo = Tokens.of("demo");
      given().auth().oauth2(demo).contentType("application/json")
          .body("{\"date\":\"2026-03-02\",\"sleepHours\":4.75,\"soreness\":9,\"stress\":8,"
              + "\"sorenessArea\":\"canary-hamstring\",\"notes\":\"canary-note-7f3a\"}")
          .post("/checkin").then().statusCode(200);
      given().auth().oauth2(demo).get("/me/export").then().statusCode(200);
    } finally {
      root.removeHandler(capture);
    }

    List<String> audit = capture.lines.stream().filter(l -> l.category().equals(Audit.CATEGORY)).map(Line::message).toList();
    assertThat(audit).anySatisfy(line -> assertThat(line)
        .contains("event=auth-failed", "route=\"GET /dashboard\"", "outcome=401"));
    assertThat(audit).anySatisfy(line -> assertThat(line).contains("event=auth-failed", "route=\"GET /plans/current\""));
    assertThat(audit).anySatisfy(line -> assertThat(line).contains("event=export", "outcome=200"));
    assertThat(capture.lines).allSatisfy(line -> assertThat(line.message())
        .doesNotContain("canary-note-7f3a", "canary-hamstring", "4.75"));
  }
}
