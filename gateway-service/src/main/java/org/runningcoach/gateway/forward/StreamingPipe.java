package org.runningcoach.gateway.forward;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Pipes a request body to a backend chunk by chunk with back pressure, for the routes whose bodies
 * are too large to hold in memory as the {@link Forwarder} does: the caller's Content-Length is
 * passed on (else the body goes chunked), an {@code Expect: 100-continue} is answered, and the
 * backend's status, body and a few headers come back unchanged. If the backend cannot be reached
 * the answer is 503 problem+json with Retry-After, and nothing was stored.
 */
public final class StreamingPipe {

  private static final Logger LOG = Logger.getLogger(StreamingPipe.class);
  private static final String[] RELAYED = {"Content-Type", "Location", "Retry-After", "WWW-Authenticate"};

  private StreamingPipe() {}

  /** POSTs the request's body to {@code target} with the given headers; the request must be paused. */
  public static void post(HttpClient client, RoutingContext rc, String target, Map<String, String> headers,
      String unavailable) {
    HttpServerRequest in = rc.request();
    String length = in.getHeader("Content-Length");
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target)
        .putHeader("Accept", "application/json");
    headers.forEach(options::putHeader);
    if (in.getHeader("Content-Type") != null) {
      options.putHeader("Content-Type", in.getHeader("Content-Type"));
    }
    if (length != null) {
      options.putHeader("Content-Length", length.trim());
    }
    if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
      rc.response().writeContinue(); // curl waits for it before sending a large body
    }
    client.request(options)
        .compose(out -> {
          if (length == null) {
            out.setChunked(true);
          }
          // send(ReadStream) pipes the caller's body with back pressure and resumes it.
          return out.send(in);
        })
        .compose(response -> response.body().map(body -> {
          rc.response().setStatusCode(response.statusCode());
          for (String header : RELAYED) {
            String value = response.getHeader(header);
            if (value != null) {
              rc.response().putHeader(header, value);
            }
          }
          rc.response().end(body);
          return body;
        }))
        .onFailure(failure -> {
          LOG.warnf("POST %s failed: %s", target, failure.toString());
          rc.response().putHeader("Retry-After", "5");
          problem(rc, 503, "unavailable", "Service unavailable", unavailable);
        });
  }

  /** A problem+json answer from a Vert.x route; a body not read to its end closes the connection. */
  public static void problem(RoutingContext rc, int status, String kind, String title, String detail) {
    if (rc.response().ended()) {
      return;
    }
    if (!rc.request().isEnded()) {
      rc.response().putHeader("Connection", "close");
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("type", "https://runningcoach.org/problems/" + kind).put("title", title)
            .put("status", status).put("detail", detail).put("instance", rc.request().path()).encode());
  }
}
