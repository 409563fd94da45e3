package org.runningcoach.readiness.domain;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Nf" / "%+.Nf", v)} without the Formatter, which was two
 * thirds of the time of recomputing a range of dates. The Formatter rounds half-up on the shortest
 * decimal digits that identify the double, the digits {@link Double#toString} prints; between 10⁻³
 * and 10⁷ those print without an exponent, so their digits can be rounded the same way (or, away
 * from a tie, the value itself: see {@link #scaled}). Outside that
 * range (and for NaN and infinities) this falls back to the Formatter itself. DecimalsTest checks
 * the two agree on millions of values, ties and signed zeros included.
 */
final class Decimals {

  private Decimals() {}

  /** {@code String.format(Locale.ROOT, "%." + decimals + "f", v)}. */
  static String fixed(double v, int decimals) {
    return format(v, decimals, false);
  }

  /** {@code String.format(Locale.ROOT, "%+." + decimals + "f", v)}. */
  static String signed(double v, int decimals) {
    return format(v, decimals, true);
  }

  private static String format(double v, int decimals, boolean plus) {
    double a = Math.abs(v);
    boolean negative = Double.compare(v, 0.0) < 0;
    String body;
    if (a == 0) {
      body = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    } else if (a < 1e7 && a == Math.rint(a)) {
      // A whole number: Double.toString would print "n.0", which rounds to n and zeros.
      body = decimals == 0 ? Long.toString((long) a) : Long.toString((long) a) + "." + "0".repeat(decimals);
    } else if (a >= 1e-3 && a < 1e7) {
      body = decimals < SCALE.length ? scaled(a, decimals) : halfUp(Double.toString(a), decimals);
    } else {
      return String.format(Locale.ROOT, (plus ? "%+." : "%.") + decimals + "f", v);
    }
    return negative ? "-" + body : plus ? "+" + body : body;
  }

  private static final double[] SCALE = {1, 10, 100, 1000};
  /** Far more than the error of a × 10^decimals plus the distance of the printed digits from a (half an ulp). */
  private static final double NEAR_TIE = 1e-5;

  /**
   * The printed digits lie within half an ulp of {@code a} (they read back as {@code a}); so unless
   * {@code a} is within {@link #NEAR_TIE} (in units of the last place kept) of a tie, rounding
   * {@code a} itself gives what rounding its digits gives, without printing them. Near a tie the
   * digits decide, as in the Formatter.
   */
  private static String scaled(double a, int decimals) {
    double x = a * SCALE[decimals];
    double whole = Math.floor(x);
    double fraction = x - whole;
    if (Math.abs(fraction - 0.5) < NEAR_TIE) {
      return halfUp(Double.toString(a), decimals);
    }
    String digits = Long.toString((long) whole + (fraction > 0.5 ? 1 : 0));
    if (decimals == 0) {
      return digits;
    }
    if (digits.length() <= decimals) {
      digits = "0".repeat(decimals + 1 - digits.length()) + digits;
    }
    int point = digits.length() - decimals;
    return digits.substring(0, point) + "." + digits.substring(point);
  }

  /**
   * Rounds a plain decimal string ({@code "123.4567"}) half-up to {@code decimals} places, as
   * {@code new BigDecimal(s).setScale(decimals, HALF_UP).toPlainString()} does: the string is
   * exact, so the first dropped digit alone decides.
   */
  static String halfUp(String plain, int decimals) {
    int dot = plain.indexOf('.');
    int fraction = plain.length() - dot - 1;
    char[] out = new char[dot + 1 + decimals + 1];
    // Leave out[0] for a carry out of the leading digit.
    int n = 1;
    for (int i = 0; i < dot; i++) {
      out[n++] = plain.charAt(i);
    }
    int intEnd = n;
    if (decimals > 0) {
      out[n++] = '.';
      for (int i = 0; i < decimals; i++) {
        out[n++] = i < fraction ? plain.charAt(dot + 1 + i) : '0';
      }
    }
    boolean up = fraction > decimals && plain.charAt(dot + 1 + decimals) >= '5';
    int start = 1;
    if (up) {
      int i = n - 1;
      while (true) {
        if (i == intEnd) {
          i--; // the dot
          continue;
        }
        if (i == 0) {
          out[0] = '1';
          start = 0;
          break;
        }
        if (out[i] == '9') {
          out[i] = '0';
          i--;
        } else {
          out[i]++;
          break;
        }
      }
    }
    return new String(out, start, n - start);
  }
}
