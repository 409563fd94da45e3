package org.runningcoach.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A body over the 25 MB limit is answered 413 problem+json saying the limit and why. */
@QuarkusTest
class BodyLimitTest {

  static final long OVER = 25L * 1024 * 1024 + 1;

  @TestHTTPResource("/activities")
  URI activities;

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyOfTheBodyIsSent() throws Exception {
    // What curl does for a large upload: headers with Expect: 100-continue, then wait for the server's word.
    // Written by hand because the JDK 17 HttpClient waits forever when that word is not "100".
    String head = "POST /activities HTTP/1.1\r\nHost: " + activities.getHost() + ":" + activities.getPort() + "\r\n"
        + "Authorization: Bearer " + Tokens.of("demo") + "\r\n"
        + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + OVER + "\r\n"
        + "Expect: 100-continue\r\n\r\n";
    String response;
    try (Socket socket = new Socket(activities.getHost(), activities.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      response = readUntilClosed(socket.getInputStream());
    }
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
    JsonObject problem = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(problem.getInteger("status")).isEqualTo(413);
    assertThat(problem.getLong("limitBytes")).isEqualTo(25L * 1024 * 1024);
    assertThat(problem.getString("detail")).contains(OVER + " bytes").contains("at most 25 MB").contains("FIT")
        .contains("memory");
  }

  static String readUntilClosed(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
