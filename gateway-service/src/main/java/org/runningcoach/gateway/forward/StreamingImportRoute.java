package org.runningcoach.gateway.forward;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.runningcoach.gateway.erasure.ErasedAthletes;
import org.runningcoach.gateway.config.ServicesConfig;

/**
 * {@code POST /imports/apple-health} streamed through to ingestion-service. The {@link Forwarder}
 * buffers a body in memory (fine for the 25 MB of every other route); an Apple Health export can
 * be gigabytes, so this one route is a Vert.x route placed just before Quarkus's 25 MB body check.
 * It authenticates the bearer token itself (401 otherwise, nothing forwarded), refuses a declared
 * Content-Length over {@code runningcoach.import.max-size} (2 GB, 413), and pipes the request body
 * to ingestion chunk by chunk with back pressure, passing the caller's token on. Ingestion enforces
 * the same limit on what actually arrives (a chunked body has no declared length). The route is
 * documented in the OpenAPI document from {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class StreamingImportRoute {

  public static final String PATH = "/imports/apple-health";

  private final HttpAuthenticator authenticator;
  private final ErasedAthletes erased;
  private final ServicesConfig services;
  private final long maxBytes;
  private final HttpClient client;

  public StreamingImportRoute(HttpAuthenticator authenticator, ErasedAthletes erased, ServicesConfig services, Vertx vertx,
      @ConfigProperty(name = "runningcoach.import.max-size", defaultValue = "2G") MemorySize maxSize) {
    this.authenticator = authenticator;
    this.erased = erased;
    this.services = services;
    this.maxBytes = maxSize.asLongValue();
    // No overall timeout: a 2 GB upload takes minutes. A connection idle for a minute is dropped.
    this.client = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(60).setConnectTimeout(5000));
  }

  void register(@Observes Router router) {
    router.post(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::forward);
  }

  private void forward(RoutingContext rc) {
    rc.request().pause();
    authenticator.attemptAuthentication(rc).subscribe().with(
        identity -> authenticated(rc, identity),
        failure -> problem(rc, 401, "unauthorized", "Unauthorized", "A valid bearer access token is required"));
  }

  private void authenticated(RoutingContext rc, SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
        || jwt.getSubject() == null) {
      problem(rc, 401, "unauthorized", "Unauthorized", "A valid bearer access token is required");
      return;
    }
    // This route is outside JAX-RS, so ErasedTokenFilter does not see it: the same check here.
    if (erased.revoked(jwt.getSubject(), java.time.Instant.ofEpochSecond(jwt.getIssuedAtTime()))) {
      problem(rc, 401, "unauthorized", "Unauthorized",
          "This token was issued before its athlete's data was erased (Delete My Data); it is no longer accepted.");
      return;
    }
    HttpServerRequest in = rc.request();
    String length = in.getHeader("Content-Length");
    try {
      if (length != null && Long.parseLong(length.trim()) > maxBytes) {
        problem(rc, 413, "payload-too-large", "Payload Too Large", "An import is at most " + maxBytes + " bytes");
        return;
      }
    } catch (NumberFormatException e) {
      problem(rc, 400, "invalid-request", "Invalid request", "Content-Length is not a number");
      return;
    }
    StreamingPipe.post(client, rc, services.ingestion().toString() + PATH,
        java.util.Map.of("Authorization", in.getHeader("Authorization")),
        "The import could not be handed to the ingestion service; nothing was stored. Retry in a few seconds.");
  }

  private static void problem(RoutingContext rc, int status, String kind, String title, String detail) {
    if (status == 401) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
    }
    StreamingPipe.problem(rc, status, kind, title, detail);
  }
}
