package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import org.jboss.logging.Logger;
import org.runningcoach.support.rest.Problem;

/**
 * A request body received into a temporary file, for the Vert.x routes that take bodies larger
 * than the service's 25 MB limit (the export.xml import, large Garmin notifications): chunk by
 * chunk with back pressure, so memory stays flat whatever the size, and their problem+json answers.
 */
final class StreamedBody {

  private static final Logger LOG = Logger.getLogger(StreamedBody.class);

  private StreamedBody() {}

  /**
   * Streams the paused request's body into a new file in {@code dir}. Each chunk is shown to
   * {@code chunks} before it is written (to hash or sign it). Past {@code maxBytes} the file is
   * deleted and {@code tooLarge} answers; when no file can be made the answer is a 503. Once the
   * body has ended and the file is closed, {@code done} gets the file and its size; the caller
   * deletes it.
   */
  static void toFile(Vertx vertx, RoutingContext rc, Path dir, String prefix, long maxBytes, Consumer<Buffer> chunks,
      Runnable tooLarge, ObjLongConsumer<Path> done) {
    HttpServerRequest request = rc.request();
    Path file;
    try {
      Files.createDirectories(dir);
      file = Files.createTempFile(dir, prefix, ".upload");
    } catch (IOException e) {
      LOG.errorf(e, "cannot create a file in %s", dir);
      unavailable(rc, "No room to receive the body; nothing was stored. Retry later.");
      return;
    }
    vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
        .onFailure(e -> {
          delete(file);
          unavailable(rc, "No room to receive the body; nothing was stored. Retry later.");
        })
        .onSuccess(out -> {
          if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            rc.response().writeContinue(); // curl waits for it before sending a large body
          }
          long[] bytes = {0};
          AtomicBoolean aborted = new AtomicBoolean();
          request.handler(chunk -> {
            if (aborted.get()) {
              return;
            }
            bytes[0] += chunk.length();
            if (bytes[0] > maxBytes) {
              aborted.set(true);
              out.close();
              delete(file);
              tooLarge.run();
              return;
            }
            chunks.accept(chunk);
            out.write(chunk);
            if (out.writeQueueFull()) {
              request.pause();
              out.drainHandler(v -> request.resume());
            }
          });
          request.exceptionHandler(e -> {
            if (aborted.compareAndSet(false, true)) {
              out.close();
              delete(file);
            }
          });
          request.endHandler(v -> {
            if (!aborted.get()) {
              out.close().onComplete(closed -> done.accept(file, bytes[0]));
            }
          });
          request.resume();
        });
  }

  /**
   * Checks a declared Content-Length before any of the body is read: over {@code maxBytes},
   * {@code tooLarge} answers; not a number, a 400. True when the request has been answered.
   */
  static boolean refusedByDeclaredLength(RoutingContext rc, long maxBytes, Runnable tooLarge) {
    String length = rc.request().getHeader("Content-Length");
    if (length == null) {
      return false;
    }
    try {
      if (Long.parseLong(length.trim()) <= maxBytes) {
        return false;
      }
      tooLarge.run();
    } catch (NumberFormatException e) {
      problem(rc, 400, "invalid-request", "Invalid request", "Content-Length is not a number");
    }
    return true;
  }

  static void unavailable(RoutingContext rc, String detail) {
    rc.response().putHeader("Retry-After", "5");
    problem(rc, 503, "unavailable", "Service unavailable", detail);
  }

  /** A problem+json answer; a body not read to its end closes the connection rather than leave it half-read. */
  static void problem(RoutingContext rc, int status, String kind, String title, String detail) {
    if (rc.response().ended()) {
      return;
    }
    if (!rc.request().isEnded()) {
      rc.response().putHeader("Connection", "close");
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(write(Problem.of(status, kind, title, detail).at(rc.request().path())));
  }

  static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("could not delete %s: %s", file, e.toString());
    }
  }
}
