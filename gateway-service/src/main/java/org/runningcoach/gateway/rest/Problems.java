package org.runningcoach.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.runningcoach.gateway.forward.Forwarder.ServiceUnavailableException;

/**
 * The gateway's own errors as RFC 9457 problem+json (a service's problem responses pass
 * through unchanged).
 */
public class Problems {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final Logger LOG = Logger.getLogger(Problems.class);

  static Response problem(int status, String kind, String title, String detail, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://runningcoach.org/problems/" + kind);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", path);
    return Response.status(status).type(MEDIA_TYPE).entity(body).build();
  }

  @ServerExceptionMapper
  public Response unavailable(ServiceUnavailableException e, HttpServerRequest request) {
    Response r = problem(503, "unavailable", "Service unavailable",
        "A service behind the gateway is not reachable right now. Retry in a few seconds.", request.path());
    return Response.fromResponse(r).header("Retry-After", "5").build();
  }

  @ServerExceptionMapper
  public Response invalidDate(java.time.format.DateTimeParseException e, HttpServerRequest request) {
    return problem(400, "invalid-request", "Invalid request",
        "date has the wrong format: '" + e.getParsedString() + "' is not a date (expected YYYY-MM-DD)", request.path());
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, HttpServerRequest request) {
    int status = e.getResponse().getStatus();
    String title = Response.Status.fromStatusCode(status) == null
        ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
    String detail = switch (status) {
      case 404 -> "No resource at " + request.path();
      case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
      case 415 -> "Unsupported content type " + request.getHeader("Content-Type") + "; send application/json";
      default -> e.getMessage();
    };
    return problem(status, title.toLowerCase().replace(' ', '-'), title, detail, request.path());
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
  public Response internal(Throwable e, HttpServerRequest request) {
    String reference = java.util.UUID.randomUUID().toString();
    LOG.errorf(e, "internal error %s on %s %s", reference, request.method(), request.path());
    return problem(500, "internal", "Internal error", "Something went wrong on our side. Reference " + reference,
        request.path());
  }
}
