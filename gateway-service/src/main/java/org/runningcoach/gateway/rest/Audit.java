package org.runningcoach.gateway.rest;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.Principal;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Security events on their own log category, {@code runningcoach.audit}, one line each:
 * {@code event=<kind> athlete=<token subject or -> route="<METHOD path>" outcome=<status> reason="..."}.
 * Lines never carry a request or response body, a header or a token, so no health data reaches
 * the audit log (route paths hold dates and ids at most). Route the category to its own sink with
 * {@code quarkus.log.category."runningcoach.audit".*}.
 */
@ApplicationScoped
public class Audit {

  public static final String CATEGORY = "runningcoach.audit";
  private static final Logger LOG = Logger.getLogger(CATEGORY);

  void authenticationFailed(@Observes AuthenticationFailureEvent event) {
    RoutingContext context = routingContext(event.getEventProperties());
    Throwable failure = event.getAuthenticationFailure();
    log("auth-failed", null, context == null ? null : context.request(), 401,
        failure == null ? "no valid token" : "invalid token (" + failure.getClass().getSimpleName() + ")");
  }

  void authorizationFailed(@Observes AuthorizationFailureEvent event) {
    RoutingContext context = routingContext(event.getEventProperties());
    var identity = event.getSecurityIdentity();
    boolean anonymous = identity == null || identity.isAnonymous();
    log(anonymous ? "auth-failed" : "access-denied", anonymous ? null : subject(identity.getPrincipal()),
        context == null ? null : context.request(), anonymous ? 401 : 403,
        anonymous ? "no token" : "not allowed");
  }

  /** A request refused by the gateway itself (erased athlete's token, rate limit). */
  static void denied(String athlete, HttpServerRequest request, String reason) {
    log("access-denied", athlete, request, reason.startsWith("rate") ? 429 : 401, reason);
  }

  /** Delete My Data and the data export: who, and how it ended. */
  static void dataRequest(String kind, String athlete, HttpServerRequest request, int status) {
    log(kind, athlete, request, status, status < 300 ? "done" : "failed");
  }

  private static void log(String kind, String athlete, HttpServerRequest request, int outcome, String reason) {
    String route = request == null ? "-" : request.method() + " " + request.path();
    LOG.infof("event=%s athlete=%s route=\"%s\" outcome=%d reason=\"%s\"", kind, athlete == null ? "-" : athlete,
        route.replace('"', '\''), outcome, reason.replace('"', '\''));
  }

  private static String subject(Principal principal) {
    return principal instanceof JsonWebToken jwt ? jwt.getSubject() : null;
  }

  private static RoutingContext routingContext(Map<String, Object> properties) {
    return properties == null ? null : (RoutingContext) properties.get(RoutingContext.class.getName());
  }
}
