package org.runningcoach.readiness.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The explanations' numbers read exactly as String.format wrote them, ties and signed zeros included. */
class DecimalsTest {

  static void same(double v) {
    for (int decimals = 0; decimals <= 3; decimals++) {
      assertThat(Decimals.fixed(v, decimals)).as("%%.%df of %s", decimals, v)
          .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
      assertThat(Decimals.signed(v, decimals)).as("%%+.%df of %s", decimals, v)
          .isEqualTo(String.format(Locale.ROOT, "%+." + decimals + "f", v));
    }
  }

  @Test
  void namedEdgesReadAsTheFormatterWritesThem() {
    double[] edges = {0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.125, 0.375, 2.675, 1.005, 1.015, 1.025, 1.045, 0.045, 0.0005,
        0.001, 0.00099999, 0.0015, 0.0049, 0.005, 0.0051, -0.004, -0.0049, 9.995, 99.995, 999.9995, 9_999_999.5,
        9_999_999.999, 10_000_000, 1e7 + 0.5, 1e-4, 1e-10, 123456.785, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.log(55), Math.log(40) - Math.log(60), 1 / 3.0, 2 / 3.0};
    for (double v : edges) {
      same(v);
      same(-v);
      same(Math.nextUp(v));
      same(Math.nextDown(v));
    }
  }

  @Test
  void roundingPlainDigitsHalfUpIsBigDecimalsHalfUp() {
    String[] plain = {"0.5", "9.5", "99.95", "0.001", "0.0049", "0.005", "999.9995", "1.0", "123.456", "9999999.5", "0.95"};
    for (String p : plain) {
      for (int decimals = 0; decimals <= 3; decimals++) {
        assertThat(Decimals.halfUp(p, decimals)).as("%s to %d places", p, decimals)
            .isEqualTo(new java.math.BigDecimal(p).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString());
      }
    }
  }

  @Test
  void millionsOfValuesAcrossTheRangeTheRulesPrintReadTheSame() {
    Random rnd = new Random(42);
    for (int i = 0; i < 300_000; i++) {
      // Uniform in magnitude from 1e-5 to 1e8, decimal ties (k + 0.5) / 10^n, and sums like the rules make.
      same(Math.pow(10, -5 + 13 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1));
      int n = rnd.nextInt(5);
      same((rnd.nextInt(2_000_000) + 0.5) / Math.pow(10, n));
      same(rnd.nextInt(200) / 7.0 - rnd.nextInt(100) / 3.0);
      same(Math.log(20 + rnd.nextInt(280)) - Math.log(20 + rnd.nextInt(280)));
    }
  }

  @Test
  void valuesAnUlpOrTwoFromATieReadTheSame() {
    Random rnd = new Random(43);
    for (int i = 0; i < 200_000; i++) {
      double tie = (rnd.nextInt(i % 2 == 0 ? 10_000 : 1_000_000_000) + 0.5) / Math.pow(10, rnd.nextInt(4));
      same(tie);
      same(Math.nextUp(tie));
      same(Math.nextDown(tie));
      same(Math.nextUp(Math.nextUp(tie)));
      same(Math.nextDown(Math.nextDown(tie)));
    }
  }
}
