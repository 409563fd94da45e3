package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/**
 * Training plans, their workouts and the adaptation log (scheduler-service). The athlete is the
 * token's subject; the scheduler's answers, problem+json errors included, pass through.
 */
@Path("/")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class PlanApi {

  private final Forwarder forwarder;

  public PlanApi(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  @POST
  @Path("plans")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a training plan for a goal race (replaces the current plan)",
      description = "Required: raceDate, distance (FIVE_K, TEN_K, HALF, MARATHON), exactly one of currentWeeklyKm "
          + "and currentWeeklyMinutes, availableDays (3-7 weekdays) and longRunDay (one of them). Optional: goalTime "
          + "(H:MM:SS, adds target paces) and startDate (default today). Phases Base, Build, Peak and Taper are sized "
          + "to the weeks available.")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "half",
      value = "{\"raceDate\":\"2026-06-21\",\"distance\":\"HALF\",\"goalTime\":\"1:45:00\",\"currentWeeklyKm\":30,"
          + "\"availableDays\":[\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"SATURDAY\",\"SUNDAY\"],\"longRunDay\":\"SUNDAY\"}")))
  @APIResponse(responseCode = "201", description = "The plan with its phases and weeks")
  @APIResponse(responseCode = "400", description = "Invalid request or a plan the rules cannot build (problem+json naming the field)")
  public Uni<Response> create(byte[] body, @Context HttpHeaders headers) {
    return forward(HttpMethod.POST, "/plans", headers, body);
  }

  @GET
  @Path("plans/current")
  @Operation(summary = "The current training plan: goal, phases, weeks and their volumes")
  public Uni<Response> current(@Context HttpHeaders headers) {
    return forward(HttpMethod.GET, "/plans/current", headers, null);
  }

  @GET
  @Path("plans/current/workouts")
  @Operation(summary = "Scheduled workouts of the current plan between two dates (default: the whole plan)")
  public Uni<Response> workouts(@QueryParam("from") @Parameter(example = "2026-03-02") String from,
      @QueryParam("to") @Parameter(example = "2026-03-08") String to, @Context HttpHeaders headers) {
    return forward(HttpMethod.GET, "/plans/current/workouts" + range(from, to), headers, null);
  }

  @GET
  @Path("plan/today")
  @Operation(summary = "What to run today: the day's scheduled workouts and the adaptations that changed them",
      description = "date is the athlete's local date (YYYY-MM-DD); without it, today's date in UTC. Answers "
          + "{date, planId, workouts, adaptations}: the workouts of that day in the current plan (a session before a "
          + "rest record) and, oldest first, every adaptation-log entry that changed one of them or moved a workout "
          + "onto or off the day. 404 without a plan.")
  public Uni<Response> today(@QueryParam("date") @Parameter(example = "2026-03-02") String date,
      @Context HttpHeaders headers) {
    LocalDate day = date == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(date);
    return forward(HttpMethod.GET, "/plan/today?date=" + day, headers, null);
  }

  @POST
  @Path("plan/what-if")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The changes a hypothetical BodyState or life event would make to the current plan; nothing is stored",
      description = "Exactly one of bodyState {date, cardio, muscular, skeletal, neural (GREEN, YELLOW, RED, "
          + "INSUFFICIENT_DATA), directive? (PUSH, MAINTAIN, RECOVER; when given it must be the one the statuses imply)} "
          + "and lifeEvent {type (SICK, TRAVEL, INJURY), startDate, endDate?, belowNeckSymptoms?, fever?}. A bodyState "
          + "stands for the latest state of its date, so it replaces the one the plan adapted to. Answers {changes: "
          + "[{workoutId, date, fromDate, before, after, rule, reason}]}; the plan, the log and the events stay as they were.")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
      @ExampleObject(name = "bodyState", value = "{\"bodyState\":{\"date\":\"2026-03-02\",\"cardio\":\"GREEN\","
          + "\"muscular\":\"GREEN\",\"skeletal\":\"GREEN\",\"neural\":\"RED\",\"directive\":\"RECOVER\"}}"),
      @ExampleObject(name = "lifeEvent", value = "{\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"2026-03-02\","
          + "\"fever\":true}}")}))
  public Uni<Response> whatIf(byte[] body, @Context HttpHeaders headers) {
    return forward(HttpMethod.POST, "/plan/what-if", headers, body);
  }

  @POST
  @Path("plans/current/replay-check")
  @Operation(summary = "Rebuild the current plan from its request and re-apply its inputs in order; compare with what is stored",
      description = "Nothing is stored. Answers {planId, equal, inputs, workouts, logEntries, firstDifference}: equal is true "
          + "when the rebuilt workouts and adaptation log (ids and rule texts included, log ids and times left out) are "
          + "the stored ones; otherwise firstDifference names the first workout or log entry that differs. 409 for a "
          + "plan created before its inputs were kept.")
  public Uni<Response> replayCheck(@Context HttpHeaders headers) {
    return forward(HttpMethod.POST, "/plans/current/replay-check", headers, new byte[0]);
  }

  @GET
  @Path("adaptations")
  @Operation(summary = "Why the plan changed: every change with its rule, reason and causing event (default: last 30 days)")
  public Uni<Response> adaptations(@QueryParam("from") @Parameter(example = "2026-03-01") String from,
      @QueryParam("to") @Parameter(example = "2026-03-31") String to, @Context HttpHeaders headers) {
    return forward(HttpMethod.GET, "/adaptations" + range(from, to), headers, null);
  }

  @POST
  @Path("workouts/{id}/skip")
  @Operation(summary = "Skip a workout (not made up; the engine leaves it alone afterwards)")
  public Uni<Response> skip(@PathParam("id") String id, @Context HttpHeaders headers) {
    return workout(HttpMethod.POST, id, "skip", headers, null);
  }

  @POST
  @Path("workouts/{id}/done")
  @Operation(summary = "Mark a workout done")
  public Uni<Response> done(@PathParam("id") String id, @Context HttpHeaders headers) {
    return workout(HttpMethod.POST, id, "done", headers, null);
  }

  @POST
  @Path("workouts/{id}/move")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Move a workout to another day of the plan",
      description = "A rest day there swaps places with it; a day with another session is a 409.")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
      examples = @ExampleObject(name = "move", value = "{\"toDate\":\"2026-03-05\"}")))
  public Uni<Response> move(@PathParam("id") String id, byte[] body, @Context HttpHeaders headers) {
    return workout(HttpMethod.POST, id, "move", headers, body);
  }

  private Uni<Response> workout(HttpMethod method, String id, String action, HttpHeaders headers, byte[] body) {
    try {
      UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(Problems.problem(404, "not-found", "Not found",
          "No workout " + id + " in your current plan", "/workouts/" + id + "/" + action));
    }
    return forward(method, "/workouts/" + id + "/" + action, headers, body);
  }

  private static String range(String from, String to) {
    return "?from=" + (from == null ? "" : LocalDate.parse(from)) + "&to=" + (to == null ? "" : LocalDate.parse(to));
  }

  private Uni<Response> forward(HttpMethod method, String path, HttpHeaders headers, byte[] body) {
    URI scheduler = forwarder.services().scheduler();
    return forwarder.relay(method, scheduler, path, headers, body);
  }
}
