package org.runningcoach.activity.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.runningcoach.activity.domain.InvalidActivityFile;
import org.runningcoach.activity.service.ActivityService;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

@Path("/activities")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

  static final int MAX_NOTES = 2000;
  static final int MAX_PAGE_SIZE = 100;

  private final ActivityService activities;
  private final CurrentAthlete athlete;

  public ActivityResource(ActivityService activities, CurrentAthlete athlete) {
    this.activities = activities;
    this.athlete = athlete;
  }

  /**
   * A workout file in part {@code file} (FIT, TCX or GPX, recognised by content), with optional
   * {@code rpe} (1–10) and {@code notes}. 201 with the new activity, or 200 with the activity
   * already counted when this is a copy of it. Parsing is CPU work, so it runs off the event loop.
   */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Blocking
  public Uni<Response> upload(@RestForm("file") FileUpload file, @RestForm("rpe") String rpe,
      @RestForm("notes") String notes) {
    String athleteId = athlete.id();
    if (file == null || file.uploadedFile() == null) {
      throw ProblemException.invalid("file", "is required: send the workout file in the multipart part named 'file'");
    }
    Integer effort = rpe(rpe);
    if (notes != null && notes.length() > MAX_NOTES) {
      throw ProblemException.invalid("notes", "must be at most " + MAX_NOTES + " characters");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file.uploadedFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return activities.upload(athleteId, content, effort, notes == null || notes.isBlank() ? null : notes).map(ActivityResource::answer);
    } catch (InvalidActivityFile e) {
      throw ProblemException.invalid("file", e.getMessage());
    }
  }

  /** A workout summary typed in or sent by an app. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> summary(@Valid @NotNull(message = "a JSON activity summary is required") ActivitySummaryRequest request) {
    return activities.manual(athlete.id(), request).map(ActivityResource::answer);
  }

  /** Anything else is not a workout this service can read. */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response unsupported(@jakarta.ws.rs.HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
    throw new ProblemException(new Problem("https://runningcoach.org/problems/unsupported-media-type", "Unsupported Media Type",
        415, "Unsupported content type " + contentType + "; send multipart/form-data with the workout file in part 'file', "
            + "or application/json with a workout summary", null, List.of()));
  }

  /** The athlete's activities, newest start first. */
  @GET
  public Uni<ActivityListView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
    int p = whole("page", page, 0, 0, 100_000);
    int s = whole("size", size, 20, 1, MAX_PAGE_SIZE);
    return activities.list(athlete.id(), p, s);
  }

  @GET
  @Path("/{id}")
  public Uni<ActivityView> get(@PathParam("id") String id) {
    UUID activityId = id(id);
    return activities.get(athlete.id(), activityId)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("No activity " + id));
  }

  /**
   * Deletes the activity and its streams; readiness withdraws its load and recomputes that date and
   * the later ones. 204; 404 when the caller has no such activity (also the second time).
   */
  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") String id) {
    UUID activityId = id(id);
    return activities.delete(athlete.id(), activityId).map(deleted -> {
      if (!deleted) {
        throw ProblemException.notFound("No activity " + id);
      }
      return Response.noContent().build();
    });
  }

  /** The sample streams; {@code maxPoints} thins them evenly for a chart. */
  @GET
  @Path("/{id}/streams")
  public Uni<StreamsView> streams(@PathParam("id") String id, @QueryParam("maxPoints") String maxPoints) {
    UUID activityId = id(id);
    Integer max = maxPoints == null ? null : whole("maxPoints", maxPoints, 0, 2, 100_000);
    return activities.streams(athlete.id(), activityId, max)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("No activity " + id));
  }

  private static Response answer(ActivityService.Stored stored) {
    if (stored.created()) {
      return Response.created(URI.create("/activities/" + stored.activity().id())).entity(stored.activity()).build();
    }
    return Response.ok(stored.activity()).build();
  }

  private static Integer rpe(String rpe) {
    if (rpe == null || rpe.isBlank()) {
      return null;
    }
    try {
      int v = Integer.parseInt(rpe.trim());
      if (v >= 1 && v <= 10) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.invalid("rpe", "must be a whole number between 1 and 10");
  }

  private static int whole(String name, String value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.invalid(name, "must be a whole number between " + min + " and " + max);
  }

  private static UUID id(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No activity " + id);
    }
  }
}
