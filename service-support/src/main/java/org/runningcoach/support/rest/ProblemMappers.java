package org.runningcoach.support.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves a service as RFC 9457 problem+json with a message a client developer can
 * act on: which field, what was wrong, what is accepted. Internal details are logged, not sent.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, HttpServerRequest request) {
    return e.problem().at(request.path()).toResponse();
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
    List<Problem.FieldError> errors = e.getConstraintViolations().stream()
        .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
        .sorted(Comparator.comparing(Problem.FieldError::field))
        .toList();
    String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    return Problem.invalid(detail, errors).at(request.path()).toResponse();
  }

  @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
      MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
      com.fasterxml.jackson.databind.exc.ValueInstantiationException.class,
      com.fasterxml.jackson.core.exc.StreamConstraintsException.class})
  public Response json(JsonProcessingException e, HttpServerRequest request) {
    return jsonProblem(e).at(request.path()).toResponse();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, HttpServerRequest request) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return jsonProblem(json).at(request.path()).toResponse();
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return internal(e, request);
    }
    String title = Response.Status.fromStatusCode(status) == null
        ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
    String detail = switch (status) {
      case 400 -> e.getMessage();
      case 404 -> "No resource at " + request.path();
      case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
      case 406 -> "This resource answers application/json only";
      case 415 -> "Unsupported content type " + request.getHeader("Content-Type") + "; send application/json";
      default -> e.getMessage();
    };
    Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA)
        .entity(Problem.of(status, title.toLowerCase().replace(' ', '-'), title, detail).at(request.path()));
    e.getResponse().getHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    return builder.build();
  }

  /**
   * The database (or another backing store) is unreachable or going away: the request was not
   * completed and the client may retry. Answered 503 with Retry-After, never 500, so a client
   * (and the gateway, which passes it through) knows that retrying is the right thing to do.
   */
  @ServerExceptionMapper({ConnectException.class, io.vertx.sqlclient.ClosedConnectionException.class})
  public Response unavailable(Exception e, HttpServerRequest request) {
    return unavailableResponse(e, request);
  }

  /**
   * The request body could not be read (a multipart body that ends before its boundary, a
   * connection cut mid-upload): the client's request is broken, nothing was stored.
   */
  @ServerExceptionMapper
  public Response unreadableBody(java.io.IOException e, HttpServerRequest request) {
    if (isUnavailable(e)) {
      return unavailableResponse(e, request);
    }
    return Problem.invalid("The request body could not be read: " + e.getMessage()
        + " (for a file upload: multipart/form-data with the file in a part named 'file')", List.of())
        .at(request.path()).toResponse();
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
  public Response internal(Throwable e, HttpServerRequest request) {
    if (isUnavailable(e)) {
      return unavailableResponse(e, request);
    }
    String reference = UUID.randomUUID().toString();
    LOG.errorf(e, "internal error %s on %s %s", reference, request.method(), request.path());
    return Response.status(500).type(Problem.MEDIA)
        .entity(Problem.of(500, "internal", "Internal error",
            "Something went wrong on our side; nothing was stored. Reference " + reference).at(request.path()))
        .build();
  }

  private static Response unavailableResponse(Throwable e, HttpServerRequest request) {
    LOG.warnf("service unavailable for %s %s: %s", request.method(), request.path(), e.toString());
    return Response.status(503).type(Problem.MEDIA).header("Retry-After", RETRY_AFTER_SECONDS)
        .entity(Problem.of(503, "unavailable", "Service unavailable",
            "A backing store is unreachable; the request was not completed. Retry in a few seconds.").at(request.path()))
        .build();
  }

  static final String RETRY_AFTER_SECONDS = "5";

  /**
   * True when the failure, or anything that caused it, says the database connection is gone or
   * the server is not accepting work: refused or dropped connections, and PostgreSQL's SQLSTATE
   * classes 08 (connection exception) and 57P (shutdown, crash, starting up).
   */
  static boolean isUnavailable(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof java.nio.channels.ClosedChannelException || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
          : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
      if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static Problem jsonProblem(JsonProcessingException e) {
    if (e instanceof JsonParseException parse) {
      var loc = parse.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return Problem.invalid("Malformed JSON" + where + ": " + parse.getOriginalMessage(), List.of());
    }
    if (e instanceof JsonMappingException mapping) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String message;
      if (e instanceof UnrecognizedPropertyException) {
        message = "is not a field of this request";
      } else if (e instanceof InvalidFormatException format) {
        message = "has the wrong format: '" + format.getValue() + "' is not a valid "
            + describe(format.getTargetType());
      } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        message = "has the wrong type: expected " + describe(mismatch.getTargetType());
      } else {
        message = "is invalid: " + mapping.getOriginalMessage();
      }
      if (field.isEmpty()) {
        return Problem.invalid("The request body " + message, List.of());
      }
      return Problem.invalid(field + " " + message, List.of(new Problem.FieldError(field, message)));
    }
    return Problem.invalid("Unreadable JSON: " + e.getOriginalMessage(), List.of());
  }

  private static String describe(Class<?> type) {
    if (type == java.time.LocalDate.class) {
      return "date (expected YYYY-MM-DD)";
    }
    if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
      return "timestamp (expected ISO-8601 with offset, e.g. 2026-03-02T06:30:00Z)";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "whole number";
    }
    if (type == Double.class || type == double.class) {
      return "number";
    }
    if (type == String.class) {
      return "text (a JSON string)";
    }
    if (type.isEnum()) {
      return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
    }
    return type.getSimpleName();
  }

  /** The last node of a property path is the field a client sent ("sleepHours", not "submit.body.sleepHours"). */
  private static String fieldOf(ConstraintViolation<?> violation) {
    String field = "";
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == jakarta.validation.ElementKind.PROPERTY || node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
        field = node.getName();
      }
    }
    return field.isEmpty() ? "body" : field;
  }
}
