package org.runningcoach.activity.config;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.runningcoach.support.rest.Problem;

/**
 * Answers a body over {@code quarkus.http.limits.max-body-size} with a 413 problem+json that says
 * the limit and why, instead of Vert.x's bare 413. The declared Content-Length is checked just
 * ahead of Quarkus's own limit route, so nothing of the body is read (a client that sends
 * {@code Expect: 100-continue}, as curl does for large uploads, never sends it at all). A chunked
 * body without a length that grows past the limit is still cut off by Quarkus with a bare 413:
 * its response is written inside Quarkus's input stream, out of this class's reach.
 */
@ApplicationScoped
public class BodyLimit {

  static final String TYPE = "payload-too-large";

  private final long limit;

  public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    this.limit = limit.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::checkDeclaredLength);
  }

  private void checkDeclaredLength(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      declared = -1; // Vert.x itself refuses a malformed length
    }
    if (declared > limit) {
      answer(ctx, "The request body is " + declared + " bytes");
      return;
    }
    ctx.next();
  }

  /** The message a client developer needs: the limit, why it is there, and what to send instead. */
  String detail(String what) {
    return what + "; activity-service accepts at most " + megabytes(limit) + " (" + limit + " bytes, "
        + "quarkus.http.limits.max-body-size). A workout file is far smaller: a 2-hour FIT file recorded every second "
        + "is about 0.16 MB and a 24-hour one about 2 MB, so the limit leaves room for any real watch file while keeping a "
        + "runaway or hostile upload from filling the service's memory and disk. Send one FIT, TCX or GPX file in the "
        + "multipart part 'file', without other attachments.";
  }

  private void answer(RoutingContext ctx, String what) {
    Problem problem = Problem.of(413, TYPE, "Payload Too Large", detail(what)).at(ctx.request().path());
    JsonObject body = new JsonObject().put("type", problem.type()).put("title", problem.title())
        .put("status", problem.status()).put("detail", problem.detail()).put("instance", problem.instance())
        .put("limitBytes", limit);
    // The rest of the body is not read: close the connection once answered, as Vert.x does.
    ctx.response().setStatusCode(413)
        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaderNames.CONNECTION, "close")
        .endHandler(done -> ctx.request().connection().close())
        .end(body.encode());
  }

  static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format("%.1f MB", bytes / 1048576.0);
  }
}
