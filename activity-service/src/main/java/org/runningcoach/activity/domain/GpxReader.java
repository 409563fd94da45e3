package org.runningcoach.activity.domain;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a GPX track (GPX 1.0 or 1.1, Garmin, Strava and Apple Health routes) by streaming. Heart
 * rate and cadence live in extensions whose prefix varies between writers ({@code gpxtpx:},
 * {@code ns3:}, none); they are matched by local name, never by prefix. A new {@code trkseg}
 * marks a pause. Without a {@code type}, the track is taken to be a run.
 */
final class GpxReader {

  private GpxReader() {}

  static ParsedActivity read(InputStream in) {
    XMLStreamReader r = SafeXml.open(in);
    List<Sample> samples = new ArrayList<>();
    List<Pause> pauses = new ArrayList<>();
    String sport = null;
    ZoneOffset offset = null;
    boolean offsetSeen = false;
    boolean rootChecked = false;
    boolean inTrack = false;
    boolean newSegment = false;
    Instant lastOfPreviousSegment = null;
    Point p = null;

    int event;
    while ((event = SafeXml.next(r)) != END_DOCUMENT) {
      if (event == START_ELEMENT) {
        String name = r.getLocalName();
        if (!rootChecked) {
          rootChecked = true;
          if (!name.equals("gpx")) {
            throw new InvalidActivityFile("The XML is not a GPX file (root element " + name + ")");
          }
          continue;
        }
        if (p != null) {
          switch (name) {
            case "time" -> {
              OffsetDateTime t = SafeXml.time(SafeXml.text(r));
              p.time = SafeXml.instant(t);
              if (!offsetSeen && t != null) {
                offsetSeen = true;
                offset = t.getOffset().equals(ZoneOffset.UTC) ? null : t.getOffset();
              }
            }
            case "ele" -> p.alt = SafeXml.number(SafeXml.text(r), "ele");
            case "hr", "heartrate" -> p.hr = Sample.plausibleHr(SafeXml.number(SafeXml.text(r), name));
            case "cad", "cadence" -> p.cadence = SafeXml.number(SafeXml.text(r), name);
            case "speed" -> p.speed = SafeXml.number(SafeXml.text(r), name);
            case "power", "PowerInWatts" -> {
              Double w = SafeXml.number(SafeXml.text(r), name);
              p.power = w == null ? null : (int) Math.round(w);
            }
            default -> { } // extensions, course, hAcc, vAcc, sat, …: their text is skipped
          }
          continue;
        }
        switch (name) {
          case "trk" -> inTrack = true;
          case "type" -> {
            if (inTrack && sport == null) {
              sport = sportOf(SafeXml.text(r));
            }
          }
          case "trkseg" -> newSegment = true;
          case "trkpt" -> {
            p = new Point();
            p.lat = SafeXml.number(r.getAttributeValue(null, "lat"), "lat");
            p.lon = SafeXml.number(r.getAttributeValue(null, "lon"), "lon");
          }
          default -> { }
        }
      } else if (event == END_ELEMENT) {
        String name = r.getLocalName();
        if (name.equals("trkpt") && p != null) {
          if (p.time != null) {
            if (newSegment && lastOfPreviousSegment != null && p.time.isAfter(lastOfPreviousSegment)) {
              pauses.add(new Pause(lastOfPreviousSegment, p.time));
            }
            newSegment = false;
            samples.add(p.sample());
            lastOfPreviousSegment = p.time;
          }
          p = null;
        } else if (name.equals("trk")) {
          inTrack = false;
        }
      }
    }
    if (samples.isEmpty()) {
      throw new InvalidActivityFile("The GPX file has no track points with a time, so it is not a recorded workout");
    }
    String note = offset == null ? "GPX times are in UTC without the athlete's offset; the local date is taken in UTC." : null;
    return new ParsedActivity(ActivityFormat.GPX, sport == null ? "running" : sport, samples.get(0).time(), offset, note,
        samples, pauses, List.of(), DeviceSummary.NONE);
  }

  static String sportOf(String type) {
    String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    return switch (t) {
      case "", "run", "running", "9" -> "running";
      case "trail_running", "trailrun" -> "trail_running";
      case "walk", "walking" -> "walking";
      case "hike", "hiking" -> "hiking";
      case "ride", "cycling", "biking", "1" -> "cycling";
      default -> t.matches("[a-z_]{1,32}") ? t : "generic";
    };
  }

  private static final class Point {
    Instant time;
    Double lat;
    Double lon;
    Double alt;
    Integer hr;
    Double cadence;
    Double speed;
    Integer power;

    Sample sample() {
      boolean position = lat != null && lon != null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
      return new Sample(time, hr, position ? lat : null, position ? lon : null, alt, null, speed, cadence, power, null, null);
    }
  }
}
