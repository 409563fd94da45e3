package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delete My Data at the identity provider: the athlete's Keycloak user (its id is the token
 * subject) is deleted through the admin REST API with a confidential service-account client that
 * may only manage users (client_credentials). Off when no client secret is configured, so a
 * development machine's shared demo users are never deleted by accident.
 */
@ApplicationScoped
public class IdentityAccounts {

  private static final Logger LOG = Logger.getLogger(IdentityAccounts.class);

  /** What happened to the login: deleted now, gone already, not configured here, or failed (logged). */
  public enum Outcome { DELETED, ALREADY_GONE, NOT_CONFIGURED, FAILED }

  private final String serverUrl;
  private final String realm;
  private final String clientId;
  private final Optional<String> clientSecret;
  private final Duration timeout;
  private final HttpClient http;

  public IdentityAccounts(
      @ConfigProperty(name = "runningcoach.identity-admin.server-url") String serverUrl,
      @ConfigProperty(name = "runningcoach.identity-admin.realm") String realm,
      @ConfigProperty(name = "runningcoach.identity-admin.client-id") String clientId,
      @ConfigProperty(name = "runningcoach.identity-admin.client-secret") Optional<String> clientSecret,
      @ConfigProperty(name = "runningcoach.identity-admin.timeout", defaultValue = "5S") Duration timeout) {
    this.serverUrl = serverUrl.replaceAll("/+$", "");
    this.realm = realm;
    this.clientId = clientId;
    this.clientSecret = clientSecret.filter(s -> !s.isBlank());
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public boolean configured() {
    return clientSecret.isPresent();
  }

  public Uni<Outcome> delete(String athleteId) {
    if (!configured()) {
      return Uni.createFrom().item(Outcome.NOT_CONFIGURED);
    }
    String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret.get());
    HttpRequest token = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/" + enc(realm) + "/protocol/openid-connect/token"))
        .timeout(timeout).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    return Uni.createFrom().completionStage(() -> http.sendAsync(token, HttpResponse.BodyHandlers.ofString()))
        .flatMap(answer -> {
          if (answer.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + answer.statusCode());
          }
          String access = new JsonObject(answer.body()).getString("access_token");
          HttpRequest delete = HttpRequest.newBuilder(URI.create(
                  serverUrl + "/admin/realms/" + enc(realm) + "/users/" + enc(athleteId)))
              .timeout(timeout).header("Authorization", "Bearer " + access).DELETE().build();
          return Uni.createFrom().completionStage(() -> http.sendAsync(delete, HttpResponse.BodyHandlers.discarding()));
        })
        .map(answer -> switch (answer.statusCode()) {
          case 204, 200 -> Outcome.DELETED;
          case 404 -> Outcome.ALREADY_GONE;
          default -> throw new IllegalStateException("user deletion answered " + answer.statusCode());
        })
        .onFailure().recoverWithItem(e -> {
          LOG.warnf("the identity provider account of an erased athlete could not be deleted: %s", e.toString());
          return Outcome.FAILED;
        });
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
