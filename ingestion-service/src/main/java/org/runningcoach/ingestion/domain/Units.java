package org.runningcoach.ingestion.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Numbers, units and dates as Apple Health exports and the Health Auto Export app write them.
 * Units follow the phone's locale and the user's preferences (kJ or kcal, km or mi), so every
 * value is converted to one unit here and an unknown unit gives null (the caller skips the value
 * with a reason) rather than a guess.
 */
public final class Units {

  private Units() {}

  private static final DateTimeFormatter APPLE = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendLiteral(' ')
      .appendOffset("+HHMM", "+0000")
      .toFormatter(Locale.ROOT);

  /**
   * "2024-01-02 07:00:00 +0100" (export.xml, Health Auto Export), also ISO-8601
   * ("2024-01-02T07:00:00+01:00") and a bare date (aggregated sleep's {@code date}, taken as
   * midnight UTC). Null when it is none of these.
   */
  public static OffsetDateTime dateTime(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t, APPLE);
    } catch (DateTimeParseException e) {
      // try the other shapes
    }
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException e) {
      // try a bare date
    }
    try {
      return LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A number written by any locale: "6.5", "6,5" (decimal comma), "1,234.5" and "1.234,5"
   * (grouping), "1 234,5" (space or narrow no-break space grouping). Null when it is not a number.
   */
  public static Double number(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().replace("\u00a0", "").replace("\u202f", "").replace(" ", "");
    if (t.isEmpty()) {
      return null;
    }
    int comma = t.lastIndexOf(',');
    int dot = t.lastIndexOf('.');
    if (comma >= 0 && dot >= 0) {
      // The later separator is the decimal one.
      t = comma > dot ? t.replace(".", "").replace(',', '.') : t.replace(",", "");
    } else if (comma >= 0) {
      t = t.indexOf(',') == comma ? t.replace(',', '.') : t.replace(",", "");
    }
    try {
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String unit(String unit) {
    return unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
  }

  /** Kilocalories from kcal, Cal (food calories), kJ, J or cal. */
  public static Double kcal(double value, String unit) {
    return switch (unit(unit)) {
      case "kcal", "cal_food", "kilocalories", "kilocalorie" -> value;
      case "cal" -> "Cal".equals(unit == null ? null : unit.trim()) ? value : value / 1000;
      case "kj", "kilojoules", "kilojoule" -> value / 4.184;
      case "j", "joules", "joule" -> value / 4184;
      default -> null;
    };
  }

  /** Metres from m, km, mi, yd, ft, cm. */
  public static Double meters(double value, String unit) {
    return switch (unit(unit)) {
      case "m", "meter", "meters", "metre", "metres" -> value;
      case "km", "kilometer", "kilometers", "kilometre", "kilometres" -> value * 1000;
      case "mi", "mile", "miles" -> value * 1609.344;
      case "yd", "yard", "yards" -> value * 0.9144;
      case "ft", "foot", "feet" -> value * 0.3048;
      case "cm" -> value / 100;
      default -> null;
    };
  }

  /** Seconds from s, min, hr/h, ms. */
  public static Double seconds(double value, String unit) {
    return switch (unit(unit)) {
      case "s", "sec", "second", "seconds" -> value;
      case "min", "minute", "minutes" -> value * 60;
      case "h", "hr", "hour", "hours" -> value * 3600;
      case "ms" -> value / 1000;
      default -> null;
    };
  }

  /** Milliseconds (HRV) from ms or s; an absent unit is ms. */
  public static Double millis(double value, String unit) {
    return switch (unit(unit)) {
      case "", "ms", "millisecond", "milliseconds" -> value;
      case "s", "sec", "second", "seconds" -> value * 1000;
      default -> null;
    };
  }

  /** Beats per minute from count/min, bpm, /min or count/s; an absent unit is count/min. */
  public static Double bpm(double value, String unit) {
    return switch (unit(unit)) {
      case "", "count/min", "bpm", "/min", "beats/min", "次/分" -> value;
      case "count/s", "hz" -> value * 60;
      default -> null;
    };
  }
}
