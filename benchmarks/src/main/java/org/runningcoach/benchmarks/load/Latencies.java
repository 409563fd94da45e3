package org.runningcoach.benchmarks.load;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Latencies in nanoseconds (1 µs to 2 min, 3 significant digits) with the counts of failures,
 * written to an HdrHistogram log (.hlog, one tagged interval per measurement) so the raw
 * distributions stay available beside the report.
 */
public final class Latencies {

  private static final long HIGHEST = 120_000_000_000L;

  private final Recorder recorder = new Recorder(1_000L, HIGHEST, 3);
  private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
  private final long startMillis = System.currentTimeMillis();

  public void record(long nanos) {
    recorder.recordValue(Math.max(1_000L, Math.min(nanos, HIGHEST)));
  }

  public void fail() {
    failures.incrementAndGet();
  }

  public long failures() {
    return failures.get();
  }

  /** The distribution so far, tagged (the tag names it in the .hlog file). */
  public Histogram histogram(String tag) {
    Histogram h = recorder.getIntervalHistogram();
    h.setStartTimeStamp(startMillis);
    h.setEndTimeStamp(System.currentTimeMillis());
    h.setTag(tag);
    return h;
  }

  public static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
  }

  /** An .hlog file that histograms are appended to, one interval each. */
  public static final class Log implements AutoCloseable {
    private final PrintStream out;
    private final HistogramLogWriter writer;

    public Log(Path file) throws FileNotFoundException {
      out = new PrintStream(file.toFile());
      writer = new HistogramLogWriter(out);
      writer.outputComment("RunningCoach make bench: latencies in nanoseconds; the tag names the measurement");
      writer.outputLogFormatVersion();
      writer.outputLegend();
    }

    public synchronized void add(Histogram h) {
      writer.outputIntervalHistogram(h);
    }

    @Override
    public void close() {
      out.close();
    }
  }
}
