package org.runningcoach.activity.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognises a workout file by its content (never by its name) and reads it: FIT by the ".FIT"
 * signature at byte 8, TCX and GPX by their XML root element. The samples come back sorted by time,
 * one per second at most, with cumulative distance filled from GPS where the file has none, and
 * cadence in steps per minute for foot sports.
 */
public final class ActivityFiles {

  /** Sports where the feet hit the ground: cadence is in steps and impact load applies. */
  public static final Set<String> FOOT_SPORTS = Set.of("running", "trail_running", "treadmill_running", "walking", "hiking");

  private ActivityFiles() {}

  public static ActivityFormat detect(byte[] content) {
    if (content.length == 0) {
      throw new InvalidActivityFile("The file is empty");
    }
    if (content.length >= 12 && (content[0] == 12 || content[0] == 14)
        && content[8] == '.' && content[9] == 'F' && content[10] == 'I' && content[11] == 'T') {
      return ActivityFormat.FIT;
    }
    String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
    int i = head.startsWith("\uFEFF") ? 1 : 0;
    while (i < head.length() && Character.isWhitespace(head.charAt(i))) {
      i++;
    }
    if (i < head.length() && head.charAt(i) == '<') {
      String root = rootElement(head.substring(i));
      if (root.equals("TrainingCenterDatabase")) {
        return ActivityFormat.TCX;
      }
      if (root.equals("gpx")) {
        return ActivityFormat.GPX;
      }
      // A DOCTYPE before the root is refused by the XML reader itself; let it say so.
      if (root.equals("!DOCTYPE")) {
        return head.contains("<gpx") ? ActivityFormat.GPX : ActivityFormat.TCX;
      }
      throw new InvalidActivityFile("The XML file is neither TCX nor GPX (root element '" + root + "')");
    }
    throw new InvalidActivityFile("Unknown file format: expected a FIT, TCX or GPX workout file");
  }

  /** The first element name after the prolog and comments, or "!DOCTYPE". */
  private static String rootElement(String xml) {
    int at = 0;
    while (true) {
      int lt = xml.indexOf('<', at);
      if (lt < 0 || lt + 1 >= xml.length()) {
        return "";
      }
      char c = xml.charAt(lt + 1);
      if (c == '?') {
        at = xml.indexOf("?>", lt);
        if (at < 0) {
          return "";
        }
      } else if (xml.startsWith("<!--", lt)) {
        at = xml.indexOf("-->", lt);
        if (at < 0) {
          return "";
        }
      } else if (xml.startsWith("<!DOCTYPE", lt)) {
        return "!DOCTYPE";
      } else {
        int end = lt + 1;
        while (end < xml.length() && !Character.isWhitespace(xml.charAt(end)) && xml.charAt(end) != '>' && xml.charAt(end) != '/') {
          end++;
        }
        String qname = xml.substring(lt + 1, end);
        int colon = qname.indexOf(':');
        return colon >= 0 ? qname.substring(colon + 1) : qname;
      }
    }
  }

  public static ParsedActivity parse(byte[] content) {
    ActivityFormat format = detect(content);
    ParsedActivity raw = switch (format) {
      case FIT -> FitReader.read(new ByteArrayInputStream(content));
      case TCX -> TcxReader.read(new ByteArrayInputStream(content));
      case GPX -> GpxReader.read(new ByteArrayInputStream(content));
      case JSON -> throw new IllegalArgumentException("JSON summaries are not files");
    };
    return normalise(raw);
  }

  static ParsedActivity normalise(ParsedActivity a) {
    List<Sample> sorted = new ArrayList<>(a.samples());
    sorted.sort((x, y) -> x.time().compareTo(y.time()));
    List<Sample> merged = new ArrayList<>(sorted.size());
    for (Sample s : sorted) {
      Sample last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.time().getEpochSecond() == s.time().getEpochSecond()) {
        merged.set(merged.size() - 1, last.mergedWith(s));
      } else {
        merged.add(s);
      }
    }
    List<Sample> out = fillDistanceFromGps(merged);
    out = cadenceInSteps(out, FOOT_SPORTS.contains(a.sport()));
    return new ParsedActivity(a.format(), a.sport(), a.start(), a.utcOffset(), a.timeNote(), List.copyOf(out), a.pauses(),
        a.rrIntervalsMs(), a.summary());
  }

  /** Cumulative distance along the GPS track, for files that record positions but no distance. */
  static List<Sample> fillDistanceFromGps(List<Sample> samples) {
    boolean anyDistance = samples.stream().anyMatch(s -> s.distance() != null);
    if (anyDistance) {
      return samples;
    }
    List<Sample> out = new ArrayList<>(samples.size());
    double total = 0;
    Sample previous = null;
    for (Sample s : samples) {
      if (s.hasPosition()) {
        if (previous != null) {
          total += Geo.metersBetween(previous.lat(), previous.lon(), s.lat(), s.lon());
        }
        previous = s;
        out.add(s.withDistance(total));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * FIT and TCX RunCadence count strides (one foot) per minute, some writers count steps. A
   * runner's median of fewer than 120 per minute can only be strides, so it is doubled.
   */
  static List<Sample> cadenceInSteps(List<Sample> samples, boolean footSport) {
    if (!footSport) {
      return samples;
    }
    double[] values = samples.stream().filter(s -> s.cadence() != null && s.cadence() > 0)
        .mapToDouble(Sample::cadence).sorted().toArray();
    if (values.length == 0 || values[values.length / 2] >= 120) {
      return samples;
    }
    List<Sample> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      out.add(s.cadence() == null ? s : s.withCadence(s.cadence() * 2));
    }
    return out;
  }
}
