package org.runningcoach.activity.domain;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Garmin Training Center (TCX) activity by streaming. Elements are matched by local name
 * so extension prefixes do not matter; speed, run cadence and watts come from the ActivityExtension
 * inside a trackpoint. A second {@code Track} inside one lap marks a pause.
 */
final class TcxReader {

  private TcxReader() {}

  static ParsedActivity read(InputStream in) {
    XMLStreamReader r = SafeXml.open(in);
    Deque<String> path = new ArrayDeque<>();
    List<Sample> samples = new ArrayList<>();
    List<Pause> pauses = new ArrayList<>();
    String sport = null;
    Instant firstLapStart = null;
    ZoneOffset offset = null;
    boolean offsetSeen = false;
    double timer = 0;
    double distance = 0;
    boolean hasTimer = false;
    boolean hasDistance = false;
    int laps = 0;
    Instant lastOfPreviousTrack = null;
    boolean newTrack = false;
    int tracksInLap = 0;
    Point p = null;
    boolean rootChecked = false;

    int event;
    while ((event = SafeXml.next(r)) != END_DOCUMENT) {
      if (event == START_ELEMENT) {
        String name = r.getLocalName();
        if (!rootChecked) {
          rootChecked = true;
          if (!name.equals("TrainingCenterDatabase")) {
            throw new InvalidActivityFile("The XML is not a TCX file (root element " + name + ")");
          }
        }
        String parent = path.peek();
        if (p != null) {
          switch (name) {
            case "Time" -> {
              OffsetDateTime t = SafeXml.time(SafeXml.text(r));
              p.time = SafeXml.instant(t);
              if (!offsetSeen && t != null) {
                offsetSeen = true;
                offset = t.getOffset().equals(ZoneOffset.UTC) ? null : t.getOffset();
              }
              continue;
            }
            case "LatitudeDegrees" -> { p.lat = SafeXml.number(SafeXml.text(r), "LatitudeDegrees"); continue; }
            case "LongitudeDegrees" -> { p.lon = SafeXml.number(SafeXml.text(r), "LongitudeDegrees"); continue; }
            case "AltitudeMeters" -> { p.alt = SafeXml.number(SafeXml.text(r), "AltitudeMeters"); continue; }
            case "DistanceMeters" -> { p.dist = SafeXml.number(SafeXml.text(r), "DistanceMeters"); continue; }
            case "Value" -> {
              Double v = SafeXml.number(SafeXml.text(r), "HeartRateBpm");
              if ("HeartRateBpm".equals(parent) && v != null) {
                p.hr = Sample.plausibleHr(v);
              }
              continue;
            }
            case "Cadence", "RunCadence" -> { p.cadence = SafeXml.number(SafeXml.text(r), name); continue; }
            case "Speed" -> { p.speed = SafeXml.number(SafeXml.text(r), "Speed"); continue; }
            case "Watts" -> {
              Double w = SafeXml.number(SafeXml.text(r), "Watts");
              p.power = w == null ? null : (int) Math.round(w);
              continue;
            }
            default -> { }
          }
        } else {
          switch (name) {
            case "Activity" -> sport = sportOf(r.getAttributeValue(null, "Sport"));
            case "Lap" -> {
              laps++;
              tracksInLap = 0;
              OffsetDateTime start = SafeXml.time(r.getAttributeValue(null, "StartTime"));
              if (firstLapStart == null && start != null) {
                firstLapStart = start.toInstant();
                if (!offsetSeen) {
                  offsetSeen = true;
                  offset = start.getOffset().equals(ZoneOffset.UTC) ? null : start.getOffset();
                }
              }
            }
            case "TotalTimeSeconds" -> {
              if ("Lap".equals(parent)) {
                Double v = SafeXml.number(SafeXml.text(r), "TotalTimeSeconds");
                if (v != null) {
                  timer += v;
                  hasTimer = true;
                }
                continue;
              }
            }
            case "DistanceMeters" -> {
              if ("Lap".equals(parent)) {
                Double v = SafeXml.number(SafeXml.text(r), "DistanceMeters");
                if (v != null) {
                  distance += v;
                  hasDistance = true;
                }
                continue;
              }
            }
            // Devices start a Track per lap; a second Track inside one lap follows a pause.
            case "Track" -> newTrack = ++tracksInLap > 1;
            case "Trackpoint" -> p = new Point();
            default -> { }
          }
        }
        path.push(name);
      } else if (event == END_ELEMENT) {
        String name = path.isEmpty() ? "" : path.pop();
        if (name.equals("Trackpoint") && p != null) {
          if (p.time != null) {
            if (newTrack && lastOfPreviousTrack != null && p.time.isAfter(lastOfPreviousTrack)) {
              pauses.add(new Pause(lastOfPreviousTrack, p.time));
            }
            newTrack = false;
            samples.add(p.sample());
            lastOfPreviousTrack = p.time;
          }
          p = null;
        }
      }
    }
    if (samples.isEmpty() && laps == 0) {
      throw new InvalidActivityFile("The TCX file holds no activity: no laps and no timed trackpoints");
    }
    Instant start = firstLapStart != null ? firstLapStart : samples.get(0).time();
    if (!samples.isEmpty() && samples.get(0).time().isBefore(start)) {
      start = samples.get(0).time();
    }
    String note = offset == null ? "The file's times are in UTC without the athlete's offset; the local date is taken in UTC." : null;
    return new ParsedActivity(ActivityFormat.TCX, sport == null ? "running" : sport, start, offset, note, samples, pauses,
        List.of(), new DeviceSummary(null, hasTimer ? timer : null, hasDistance ? distance : null, null, null, null, null));
  }

  static String sportOf(String tcxSport) {
    if (tcxSport == null) {
      return "running";
    }
    return switch (tcxSport.toLowerCase(Locale.ROOT)) {
      case "running" -> "running";
      case "biking" -> "cycling";
      default -> "generic";
    };
  }

  private static final class Point {
    Instant time;
    Double lat;
    Double lon;
    Double alt;
    Double dist;
    Integer hr;
    Double cadence;
    Double speed;
    Integer power;

    Sample sample() {
      boolean position = lat != null && lon != null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
      return new Sample(time, hr, position ? lat : null, position ? lon : null, alt, dist, speed, cadence, power, null, null);
    }
  }
}
