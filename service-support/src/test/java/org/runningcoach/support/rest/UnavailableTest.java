package org.runningcoach.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures a client should retry (503 + Retry-After) rather than read as our bug (500). */
class UnavailableTest {

  static PgException pg(String sqlState, String message) {
    return new PgException(message, "FATAL", sqlState, null);
  }

  @Test
  void aRefusedOrDroppedConnectionIsUnavailableEvenWhenWrapped() {
    assertThat(ProblemMappers.isUnavailable(new ConnectException("Connection refused"))).isTrue();
    assertThat(ProblemMappers.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(ProblemMappers.isUnavailable(new CompletionException(new RuntimeException(new ConnectException("x"))))).isTrue();
  }

  @Test
  void postgresShuttingDownCrashedOrStartingIsUnavailable() {
    assertThat(ProblemMappers.isUnavailable(pg("57P01", "terminating connection due to administrator command"))).isTrue();
    assertThat(ProblemMappers.isUnavailable(pg("57P03", "the database system is starting up"))).isTrue();
    assertThat(ProblemMappers.isUnavailable(pg("08006", "connection failure"))).isTrue();
  }

  @Test
  void aConstraintViolationOrABugIsNot() {
    assertThat(ProblemMappers.isUnavailable(pg("23505", "duplicate key value violates unique constraint"))).isFalse();
    assertThat(ProblemMappers.isUnavailable(new IllegalStateException("bug"))).isFalse();
    assertThat(ProblemMappers.isUnavailable(new NullPointerException())).isFalse();
  }
}
