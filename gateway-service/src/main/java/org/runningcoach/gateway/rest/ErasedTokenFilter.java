package org.runningcoach.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.runningcoach.gateway.erasure.ErasedAthletes;

/**
 * After Delete My Data the athlete's tokens issued before it answer 401 everywhere, like an
 * expired token, although their signature and expiry are still fine.
 */
public class ErasedTokenFilter {

  private final ErasedAthletes erased;

  public ErasedTokenFilter(ErasedAthletes erased) {
    this.erased = erased;
  }

  @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION + 10)
  public Response refuse(ContainerRequestContext context, HttpServerRequest request) {
    Principal principal = context.getSecurityContext().getUserPrincipal();
    if (!(principal instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
      return null;
    }
    if (!erased.revoked(jwt.getSubject(), Instant.ofEpochSecond(jwt.getIssuedAtTime()))) {
      return null;
    }
    Audit.denied(jwt.getSubject(), request, "token issued before the athlete's data was erased");
    Response problem = Problems.problem(401, "unauthorized", "Unauthorized",
        "This token was issued before its athlete's data was erased (Delete My Data); it is no longer accepted.",
        request.path());
    return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
  }
}
