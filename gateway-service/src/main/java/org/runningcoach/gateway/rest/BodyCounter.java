package org.runningcoach.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts a body as it is read (a chunked one declares no Content-Length) and refuses it with 413
 * problem+json once it passes its route's limit (set by {@link LimitFilters}).
 */
@Provider
public class BodyCounter implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    Object limit = context.getProperty(LimitFilters.LIMIT);
    if (limit instanceof Long bytes) {
      context.setInputStream(new Counting(context.getInputStream(), bytes));
    }
    return context.proceed();
  }

  private static final class Counting extends FilterInputStream {
    private final long limit;
    private long read;

    Counting(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) {
      read += n;
      if (read > limit) {
        String detail = "The body is larger than " + limit + " bytes, the limit of this route.";
        throw new WebApplicationException(detail, 413);
      }
    }
  }
}
