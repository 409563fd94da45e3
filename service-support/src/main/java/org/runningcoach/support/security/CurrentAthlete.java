package org.runningcoach.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The athlete making the request. The id comes only from the verified access token's subject,
 * never from a path, query or body parameter.
 */
@RequestScoped
public class CurrentAthlete {

  private final SecurityIdentity identity;

  public CurrentAthlete(SecurityIdentity identity) {
    this.identity = identity;
  }

  public String id() {
    if (identity.isAnonymous()) {
      throw new NotAuthorizedException("Bearer");
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
      return jwt.getSubject();
    }
    throw new NotAuthorizedException("Bearer");
  }
}
