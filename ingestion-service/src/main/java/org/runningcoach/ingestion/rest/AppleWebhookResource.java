package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.runningcoach.ingestion.domain.HealthAutoExport;
import org.runningcoach.ingestion.service.AppleService;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/**
 * The signed-in athlete's phone posts Apple Health data here; the athlete is the token's subject.
 * Two bodies are accepted, told apart by their shape: ours, {@code {"samples":[…]}}, read
 * strictly, and the Health Auto Export app's REST body, {@code {"data":{"metrics":[…],
 * "workouts":[…]}}}, read leniently item by item (a vendor format we do not control).
 */
@Path("/webhooks/apple")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AppleWebhookResource {

  private final AppleService apple;
  private final CurrentAthlete athlete;
  private final ObjectMapper json;
  private final Validator validator;

  public AppleWebhookResource(AppleService apple, CurrentAthlete athlete, ObjectMapper json, Validator validator) {
    this.apple = apple;
    this.athlete = athlete;
    this.json = json;
    this.validator = validator;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<AppleService.Receipt> receive(byte[] body) throws JsonProcessingException {
    if (body == null || body.length == 0) {
      throw new ProblemException(Problem.invalid("The body is empty: send {\"samples\":[...]} or a Health Auto "
          + "Export body {\"data\":{\"metrics\":[...],\"workouts\":[...]}}", List.of()));
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new ProblemException(Problem.invalid("Unreadable body: " + e.getMessage(), List.of()));
    }
    if (HealthAutoExport.matches(tree)) {
      String payload = new String(body, StandardCharsets.UTF_8);
      return apple.receive(athlete.id(), payload, HealthAutoExport.parse(tree));
    }
    if (tree == null || !tree.isObject() || !tree.has("samples")) {
      throw new ProblemException(Problem.invalid("Unknown body: send {\"samples\":[...]} or a Health Auto Export "
          + "body {\"data\":{\"metrics\":[...],\"workouts\":[...]}}", List.of()));
    }
    AppleSamplesRequest request = json.treeToValue(tree, AppleSamplesRequest.class);
    Set<ConstraintViolation<AppleSamplesRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    // A phone's clock may run a little ahead; a sample from the far future or past is a broken value.
    java.time.Instant earliest = java.time.Instant.parse("2000-01-01T00:00:00Z");
    java.time.Instant latest = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
    for (int i = 0; i < request.samples().size(); i++) {
      AppleSamplesRequest.Sample sample = request.samples().get(i);
      for (var time : java.util.Map.of("start", sample.start(), "end", sample.end()).entrySet()) {
        java.time.Instant t = time.getValue().toInstant();
        if (t.isBefore(earliest) || t.isAfter(latest)) {
          throw ProblemException.invalid("samples[" + i + "]." + time.getKey(),
              "must be between 2000-01-01 and a day from now, was " + time.getValue());
        }
      }
    }
    return apple.receive(athlete.id(), request);
  }
}
