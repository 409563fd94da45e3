package org.runningcoach.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for the services behind the gateway: answers every call with what it received
 * (method, path and query, whether a bearer token came along, the body), so a test sees exactly
 * what the gateway forwarded.
 */
public class EchoServices implements QuarkusTestResourceLifecycleManager {

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", exchange -> {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      // Large bodies (streamed imports) are reported by size only.
      String body = raw.length > 1_000_000 ? "" : new String(raw, StandardCharsets.UTF_8);
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String json = new io.vertx.core.json.JsonObject()
          .put("method", exchange.getRequestMethod())
          .put("path", exchange.getRequestURI().toString())
          .put("bearer", auth != null && auth.startsWith("Bearer "))
          .put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"))
          .put("bytes", raw.length)
          .put("body", body).encode();
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of("runningcoach.services.scheduler", url + "/scheduler",
        "runningcoach.services.ingestion", url + "/ingestion",
        "runningcoach.services.activity", url + "/activity",
        "runningcoach.services.readiness", url + "/readiness");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
