package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.runningcoach.ingestion.domain.AppleExportReader;
import org.runningcoach.ingestion.service.AppleImportService;

/**
 * {@code POST /imports/apple-health}: an Apple Health export.xml (or the Health app's
 * export.zip) as the raw body, up to {@code ingestion.import.max-size} (2 GB). It is a Vert.x
 * route rather than a JAX-RS method because JAX-RS reads bodies under the service-wide 25 MB
 * limit: this route runs just before that limit's check, authenticates the bearer token itself,
 * and streams the body to a temporary file chunk by chunk (hashing it on the way, with back
 * pressure), so memory stays flat whatever the size. Once the body has ended, the file's prolog
 * is checked (entity declarations, an external DTD or a non-export root → 400 problem+json,
 * nothing stored), the import is queued and the answer is 202 with its id and a Location to
 * follow its progress ({@code GET /imports/{id}}).
 */
@ApplicationScoped
public class AppleHealthUploadRoute {

  private static final Logger LOG = Logger.getLogger(AppleHealthUploadRoute.class);
  public static final String PATH = "/imports/apple-health";
  private static final List<String> TYPES =
      List.of("application/xml", "text/xml", "application/zip", "application/octet-stream");

  private final HttpAuthenticator authenticator;
  private final AppleImportService imports;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final long maxBytes;
  private final Path dir;

  public AppleHealthUploadRoute(HttpAuthenticator authenticator, AppleImportService imports, ObjectMapper json,
      Vertx vertx, @ConfigProperty(name = "ingestion.import.max-size", defaultValue = "2G") MemorySize maxSize,
      @ConfigProperty(name = "ingestion.import.dir") String dir) {
    this.authenticator = authenticator;
    this.imports = imports;
    this.json = json;
    this.vertx = vertx;
    this.maxBytes = maxSize.asLongValue();
    this.dir = Path.of(dir, "runningcoach-imports");
  }

  void register(@Observes Router router) {
    // Before Quarkus's own body-size check (ROUTE_ORDER_UPLOAD_LIMIT), which would refuse anything over 25 MB.
    router.post(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::upload);
  }

  private void upload(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    request.pause();
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
    String athleteId = jwt.getSubject();
    HttpServerRequest request = rc.request();
    String contentType = request.getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(mediaType)) {
      problem(rc, 415, "unsupported-media-type", "Unsupported Media Type", "Send the export as the raw body with "
          + "Content-Type application/xml (export.xml) or application/zip (export.zip), not " + contentType);
      return;
    }
    if (StreamedBody.refusedByDeclaredLength(rc, maxBytes, () -> tooLarge(rc))) {
      return;
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StreamedBody.toFile(vertx, rc, dir, "apple-health-", maxBytes, chunk -> digest.update(chunk.getBytes()),
        () -> tooLarge(rc), (file, bytes) -> {
          String hash = HexFormat.of().formatHex(digest.digest());
          vertx.<ImportView>executeBlocking(() -> accept(athleteId, file, hash, bytes), false)
              .onSuccess(view -> {
                if (!rc.response().ended()) {
                  rc.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                      .putHeader("Location", "/imports/" + view.id()).end(write(view));
                }
              })
              .onFailure(e -> {
                StreamedBody.delete(file);
                if (e instanceof Refused refused) {
                  problem(rc, 400, "invalid-request", "Invalid request", refused.getMessage() + ". Nothing was stored.");
                } else {
                  LOG.errorf(e, "apple-health upload failed");
                  problem(rc, 500, "internal", "Internal error", "Something went wrong on our side; nothing was stored.");
                }
              });
        });
  }

  /** A prolog check that failed: the client's file, not our fault. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private ImportView accept(String athleteId, Path file, String hash, long bytes) throws IOException {
    if (bytes == 0) {
      throw new Refused("The body is empty: send export.xml (or export.zip) as the raw body");
    }
    try (InputStream in = AppleImportService.open(file)) {
      AppleExportReader.checkProlog(in);
    } catch (AppleExportReader.Refused e) {
      throw new Refused(e.getMessage());
    } catch (IOException e) {
      throw new Refused("Unreadable file: " + e.getMessage());
    }
    return imports.start(athleteId, file, hash, bytes);
  }

  private void tooLarge(RoutingContext rc) {
    problem(rc, 413, "payload-too-large", "Payload Too Large", "An import is at most " + maxBytes
        + " bytes; split the export or ask for a larger ingestion.import.max-size");
  }

  private void problem(RoutingContext rc, int status, String kind, String title, String detail) {
    if (status == 401) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
    }
    StreamedBody.problem(rc, status, kind, title, detail);
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
