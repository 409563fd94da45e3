package org.runningcoach.gateway.forward;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;
import org.runningcoach.gateway.config.ServicesConfig;

/**
 * Calls a service on the caller's behalf, passing the caller's bearer token so that the service
 * checks it too (it never trusts a bare caller). An unreachable service is a 503 with
 * Retry-After; nothing is retried here, because a write may have landed.
 */
@ApplicationScoped
public class Forwarder {

  private static final Logger LOG = Logger.getLogger(Forwarder.class);

  private final WebClient client;
  private final ServicesConfig services;

  public Forwarder(Vertx vertx, ServicesConfig services) {
    this.client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions()
        .setMaxPoolSize(services.maxConnections()).setKeepAlive(true));
    this.services = services;
  }

  public ServicesConfig services() {
    return services;
  }

  public Uni<HttpResponse<Buffer>> call(HttpMethod method, URI service, String pathAndQuery, HttpHeaders incoming,
      byte[] body, String contentType) {
    return call(method, service, pathAndQuery, incoming, body, contentType, java.util.List.of());
  }

  /**
   * As {@link #call}, also passing the named request headers through unchanged when present
   * (a webhook sender's credentials, which the service verifies itself).
   */
  public Uni<HttpResponse<Buffer>> call(HttpMethod method, URI service, String pathAndQuery, HttpHeaders incoming,
      byte[] body, String contentType, java.util.List<String> passThrough) {
    HttpRequest<Buffer> request = client.requestAbs(method, service.toString() + pathAndQuery)
        .timeout(services.timeout().toMillis())
        .putHeader("Accept", "application/json");
    for (String header : passThrough) {
      String value = incoming.getHeaderString(header);
      if (value != null) {
        request.putHeader(header, value);
      }
    }
    String authorization = incoming.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      request.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    Uni<HttpResponse<Buffer>> sent = body == null
        ? request.send()
        : request.putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body));
    return sent.onFailure().transform(failure -> {
      LOG.warnf("%s %s%s failed: %s", method, service, pathAndQuery, failure.toString());
      return new ServiceUnavailableException(service, failure);
    });
  }

  /**
   * Forwards a call and passes the service's answer through unchanged: status, body and the
   * headers a client acts on (including a service's problem+json errors).
   */
  public Uni<Response> relay(HttpMethod method, URI service, String pathAndQuery, HttpHeaders incoming, byte[] body) {
    return call(method, service, pathAndQuery, incoming, body, MediaType.APPLICATION_JSON).map(Forwarder::toResponse);
  }

  public static Response toResponse(HttpResponse<Buffer> r) {
    Response.ResponseBuilder builder = Response.status(r.statusCode());
    for (String header : new String[] {"Content-Type", "Location", "Retry-After", "WWW-Authenticate"}) {
      String value = r.getHeader(header);
      if (value != null) {
        builder.header(header, value);
      }
    }
    Buffer body = r.body();
    String type = r.getHeader("Content-Type");
    if (r.statusCode() >= 400 && (type == null || !type.startsWith(PROBLEM_JSON))) {
      // An error the service's HTTP layer wrote itself (e.g. 413 from its body-size limit, before
      // any resource ran) has no problem body: clients get problem+json for every error all the same.
      return builder.type(PROBLEM_JSON).entity(problemFor(r.statusCode())).build();
    }
    return builder.entity(body == null ? null : body.getBytes()).build();
  }

  static final String PROBLEM_JSON = "application/problem+json";

  static java.util.Map<String, Object> problemFor(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String detail = switch (status) {
      case 413 -> "The request body is larger than this route accepts (see the API limits)";
      case 414 -> "The request line is too long";
      case 431 -> "The request headers are too large";
      default -> title;
    };
    java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
    problem.put("type", "https://runningcoach.org/problems/" + title.toLowerCase().replace(' ', '-'));
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    return problem;
  }

  /** The service could not be reached or did not answer in time. */
  public static final class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(URI service, Throwable cause) {
      super("service at " + service + " is unreachable", cause);
    }
  }
}
