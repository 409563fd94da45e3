package org.runningcoach.activity.domain;

import com.garmin.fit.ActivityMesg;
import com.garmin.fit.DateTime;
import com.garmin.fit.Decode;
import com.garmin.fit.Event;
import com.garmin.fit.EventMesg;
import com.garmin.fit.EventType;
import com.garmin.fit.FitRuntimeException;
import com.garmin.fit.HrMesg;
import com.garmin.fit.HrvMesg;
import com.garmin.fit.Mesg;
import com.garmin.fit.MesgNum;
import com.garmin.fit.RecordMesg;
import com.garmin.fit.SessionMesg;
import com.garmin.fit.Sport;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Reads a FIT activity with Garmin's FIT SDK. Handles what real devices write: heart rate in
 * {@code hr} messages instead of records (HRM plugins), RR intervals in {@code hrv} messages,
 * compressed timestamps, a device clock that was never set (timestamps below 0x10000000 are
 * seconds since power-on), developer fields and unknown messages (ignored).
 */
final class FitReader {

  /** FIT timestamps below this are relative to the device's power-on, not real dates. */
  static final long RELATIVE_TIME_LIMIT = 0x10000000L;
  private static final double SEMICIRCLE_TO_DEGREES = 180.0 / Math.pow(2, 31);
  private static final long HR_EVENT_ROLLOVER_SECONDS = 4_194_304L; // 2^32 / 1024

  private final List<Sample> records = new ArrayList<>();
  private final List<Long> recordFitTimes = new ArrayList<>();
  private final List<Integer> rr = new ArrayList<>();
  private final TreeMap<Double, Integer> hrFromHrMessages = new TreeMap<>();
  private final List<long[]> pauses = new ArrayList<>();
  private Long stoppedAt;
  private Long hrAnchorTime;
  private Double hrAnchorFraction;
  private Double hrAnchorEvent;
  private String sport;
  private Long sessionStart;
  private double elapsed;
  private double timer;
  private double distance;
  private double ascent;
  private double descent;
  private boolean hasElapsed;
  private boolean hasTimer;
  private boolean hasDistance;
  private boolean hasAscent;
  private boolean hasDescent;
  private Integer sessionAvgHr;
  private Integer sessionMaxHr;
  private Long activityTime;
  private Long activityLocalTime;

  static ParsedActivity read(InputStream in) {
    return new FitReader().parse(in);
  }

  private ParsedActivity parse(InputStream in) {
    Decode decode = new Decode();
    try {
      boolean complete = decode.read(in, mesg -> {
        try {
          onMesg(mesg);
        } catch (RuntimeException ours) {
          throw new OwnFailure(ours);
        }
      });
      if (!complete) {
        throw new InvalidActivityFile("The FIT file ends before its last message: it is truncated");
      }
    } catch (FitRuntimeException e) {
      throw new InvalidActivityFile("The FIT file is damaged or truncated (" + e.getMessage() + ")", e);
    } catch (OwnFailure e) {
      throw e.cause; // a failure of our own reading of a decoded message: not the file's fault
    } catch (RuntimeException e) {
      // The SDK trusts sizes and types read from the file: damaged definitions make it index past
      // its arrays (found by ParserFuzzTest) or cast a string field to a number (found by Jazzer)
      // instead of raising FitRuntimeException. Either way the file is damaged, not our code.
      throw new InvalidActivityFile("The FIT file is damaged: a message does not match its definition", e);
    }
    if (records.isEmpty() && sessionStart == null) {
      throw new InvalidActivityFile("The FIT file holds no activity: no records and no session");
    }
    return build();
  }

  /** Carries an exception of our message handling through the SDK's decoder, to tell it from the SDK's own. */
  private static final class OwnFailure extends RuntimeException {
    final RuntimeException cause;

    OwnFailure(RuntimeException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  private void onMesg(Mesg mesg) {
    switch (mesg.getNum()) {
      case MesgNum.RECORD -> onRecord(new RecordMesg(mesg));
      case MesgNum.SESSION -> onSession(new SessionMesg(mesg));
      case MesgNum.HR -> onHr(new HrMesg(mesg));
      case MesgNum.HRV -> onHrv(new HrvMesg(mesg));
      case MesgNum.EVENT -> onEvent(new EventMesg(mesg));
      case MesgNum.ACTIVITY -> onActivity(new ActivityMesg(mesg));
      default -> { } // device info, settings, developer descriptions, unknown messages: not needed
    }
  }

  private void onRecord(RecordMesg r) {
    DateTime ts = r.getTimestamp();
    if (ts == null || ts.getTimestamp() == null) {
      return;
    }
    Double lat = r.getPositionLat() == null ? null : r.getPositionLat() * SEMICIRCLE_TO_DEGREES;
    Double lon = r.getPositionLong() == null ? null : r.getPositionLong() * SEMICIRCLE_TO_DEGREES;
    if (lat != null && (Math.abs(lat) > 90 || lon == null || Math.abs(lon) > 180)) {
      lat = null;
      lon = null;
    }
    Double altitude = num(r.getEnhancedAltitude() != null ? r.getEnhancedAltitude() : r.getAltitude());
    Double speed = num(r.getEnhancedSpeed() != null ? r.getEnhancedSpeed() : r.getSpeed());
    Double cadence = null;
    if (r.getCadence() != null) {
      cadence = r.getCadence() + (r.getFractionalCadence() == null ? 0.0 : r.getFractionalCadence());
    }
    records.add(new Sample(null, Sample.plausibleHr(r.getHeartRate()), lat, lon, altitude, num(r.getDistance()), speed,
        cadence, r.getPower(), positive(r.getStanceTime()), positive(r.getVerticalOscillation())));
    recordFitTimes.add(ts.getTimestamp());
  }

  private void onSession(SessionMesg s) {
    if (sessionStart == null && s.getStartTime() != null) {
      sessionStart = s.getStartTime().getTimestamp();
    }
    Sport sp = s.getSport();
    String name = sp == null ? "generic" : sp.name().toLowerCase(Locale.ROOT);
    sport = sport == null || sport.equals(name) ? name : "multisport";
    if (s.getTotalElapsedTime() != null) {
      elapsed += s.getTotalElapsedTime();
      hasElapsed = true;
    }
    if (s.getTotalTimerTime() != null) {
      timer += s.getTotalTimerTime();
      hasTimer = true;
    }
    if (s.getTotalDistance() != null) {
      distance += s.getTotalDistance();
      hasDistance = true;
    }
    if (s.getTotalAscent() != null) {
      ascent += s.getTotalAscent();
      hasAscent = true;
    }
    if (s.getTotalDescent() != null) {
      descent += s.getTotalDescent();
      hasDescent = true;
    }
    sessionAvgHr = Sample.plausibleHr(s.getAvgHeartRate());
    sessionMaxHr = Sample.plausibleHr(s.getMaxHeartRate());
  }

  /**
   * HRM plugins write heart rate as {@code hr} messages: one anchor message carries a real
   * timestamp and the sensor's event time; later ones carry only event times (1/1024 s counter).
   */
  private void onHr(HrMesg h) {
    if (h.getTimestamp() != null && h.getNumEventTimestamp() > 0 && h.getEventTimestamp(0) != null) {
      hrAnchorTime = h.getTimestamp().getTimestamp();
      hrAnchorFraction = h.getFractionalTimestamp() == null ? 0.0 : h.getFractionalTimestamp();
      hrAnchorEvent = (double) h.getEventTimestamp(0);
    }
    if (hrAnchorTime == null) {
      return;
    }
    int n = Math.min(h.getNumEventTimestamp(), h.getNumFilteredBpm());
    for (int i = 0; i < n; i++) {
      Float event = h.getEventTimestamp(i);
      Integer bpm = Sample.plausibleHr(h.getFilteredBpm(i));
      if (event == null || bpm == null) {
        continue;
      }
      double delta = event - hrAnchorEvent;
      if (delta < -HR_EVENT_ROLLOVER_SECONDS / 2.0) {
        delta += HR_EVENT_ROLLOVER_SECONDS;
      }
      hrFromHrMessages.put(hrAnchorTime + hrAnchorFraction + delta, bpm);
    }
  }

  private void onHrv(HrvMesg h) {
    for (int i = 0; i < h.getNumTime(); i++) {
      Float seconds = h.getTime(i);
      // 0xFFFF (65.535 s) marks an unused slot.
      if (seconds != null && seconds > 0 && seconds < 65.0f) {
        rr.add(Math.round(seconds * 1000));
      }
    }
  }

  private void onEvent(EventMesg e) {
    if (e.getEvent() != Event.TIMER || e.getTimestamp() == null || e.getEventType() == null) {
      return;
    }
    long t = e.getTimestamp().getTimestamp();
    EventType type = e.getEventType();
    if (type == EventType.STOP || type == EventType.STOP_ALL || type == EventType.STOP_DISABLE
        || type == EventType.STOP_DISABLE_ALL) {
      if (stoppedAt == null) {
        stoppedAt = t;
      }
    } else if (type == EventType.START && stoppedAt != null) {
      if (t > stoppedAt) {
        pauses.add(new long[] {stoppedAt, t});
      }
      stoppedAt = null;
    }
  }

  private void onActivity(ActivityMesg a) {
    if (a.getTimestamp() != null && a.getLocalTimestamp() != null) {
      activityTime = a.getTimestamp().getTimestamp();
      activityLocalTime = a.getLocalTimestamp();
    }
  }

  private ParsedActivity build() {
    long firstFit = sessionStart != null ? sessionStart : recordFitTimes.get(0);
    if (!recordFitTimes.isEmpty()) {
      firstFit = Math.min(firstFit, recordFitTimes.get(0));
    }
    ZoneOffset offset = null;
    String note = null;
    long shift = 0; // seconds added to a FIT timestamp to get the instant we store
    if (firstFit < RELATIVE_TIME_LIMIT) {
      if (activityLocalTime == null || activityTime == null || activityLocalTime < RELATIVE_TIME_LIMIT) {
        throw new InvalidActivityFile("The FIT file's clock was never set (times are relative to power-on) and it "
            + "carries no local time, so the workout's date cannot be known");
      }
      shift = activityLocalTime - activityTime;
      note = "The device clock was not set; the start comes from the device's local time, so its UTC offset is "
          + "unknown and the local time is stored as if it were UTC.";
    } else if (activityLocalTime != null && activityTime != null && activityLocalTime >= RELATIVE_TIME_LIMIT) {
      long seconds = activityLocalTime - activityTime;
      long quarterHours = Math.round(seconds / 900.0);
      if (Math.abs(quarterHours) <= 14 * 4) {
        offset = ZoneOffset.ofTotalSeconds((int) (quarterHours * 900));
      }
    }
    if (offset == null && note == null) {
      note = "The file does not say the athlete's UTC offset; the local date is taken in UTC.";
    }

    List<Sample> samples = new ArrayList<>(records.size());
    boolean recordsHaveHr = records.stream().anyMatch(s -> s.hr() != null);
    for (int i = 0; i < records.size(); i++) {
      long fitTime = recordFitTimes.get(i);
      Sample s = records.get(i);
      Sample timed = new Sample(instant(fitTime + shift), s.hr(), s.lat(), s.lon(), s.altitude(), s.distance(), s.speed(),
          s.cadence(), s.power(), s.groundContactMs(), s.verticalOscillationMm());
      if (!recordsHaveHr && !hrFromHrMessages.isEmpty()) {
        var at = hrFromHrMessages.floorEntry(fitTime + 0.5);
        if (at != null && fitTime - at.getKey() <= 5) {
          timed = timed.withHr(at.getValue());
        }
      }
      samples.add(timed);
    }
    if (samples.isEmpty() && !hrFromHrMessages.isEmpty()) {
      // An HR-only recording (no records): one sample per heart-rate reading.
      for (var e : hrFromHrMessages.entrySet()) {
        long whole = (long) Math.floor(e.getKey());
        samples.add(new Sample(instant(whole + shift), e.getValue(), null, null, null, null, null, null, null, null, null));
      }
    }
    List<Pause> pauseList = new ArrayList<>();
    for (long[] p : pauses) {
      pauseList.add(new Pause(instant(p[0] + shift), instant(p[1] + shift)));
    }
    DeviceSummary summary = new DeviceSummary(hasElapsed ? elapsed : null, hasTimer ? timer : null,
        hasDistance ? distance : null, hasAscent ? ascent : null, hasDescent ? descent : null, sessionAvgHr, sessionMaxHr);
    return new ParsedActivity(ActivityFormat.FIT, sport == null ? "generic" : sport, instant(firstFit + shift), offset, note,
        samples, pauseList, List.copyOf(rr), summary);
  }

  private static Instant instant(double fitSeconds) {
    long whole = (long) Math.floor(fitSeconds);
    long nanos = Math.round((fitSeconds - whole) * 1e9);
    return Instant.ofEpochSecond(whole + DateTime.OFFSET / 1000).plus(Duration.ofNanos(nanos));
  }

  private static Double num(Float f) {
    return f == null || f.isNaN() ? null : f.doubleValue();
  }

  private static Double positive(Float f) {
    return f == null || f.isNaN() || f <= 0 ? null : f.doubleValue();
  }
}
