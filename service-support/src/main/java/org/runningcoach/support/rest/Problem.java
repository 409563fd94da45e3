package org.runningcoach.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem detail. {@code errors} names each offending field for a client to show. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
  private static final String TYPE_BASE = "https://runningcoach.org/problems/";

  public record FieldError(String field, String message) {}

  public static Problem of(int status, String kind, String title, String detail) {
    return new Problem(TYPE_BASE + kind, title, status, detail, null, List.of());
  }

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, detail, null, errors);
  }

  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, errors);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA).entity(this).build();
  }
}
